//! WARC archives (WARC/1.0–1.1, e.g. Common Crawl CC-NEWS; `.warc.gz` goes
//! through [`crate::gzip`] first): one article per HTML page, read record by
//! record.
//!
//! Records are framed here (header block up to its blank line, then exactly
//! `Content-Length` bytes, then the CRLF CRLF record end) and their header
//! blocks parsed with `warc::parser::headers`. The `warc` crate's own record
//! iterators are not used: they panic on an overflowing `Content-Length` and
//! on non-UTF-8 header values, and read bodies line by line.
//!
//! Pages are `response` records holding an HTTP response with status 2xx and
//! an HTML content type (a `Transfer-Encoding: chunked` or `Content-Encoding:
//! gzip`/`deflate` payload is decoded), and `resource` records with an HTML
//! content type. Other records (`warcinfo`, `request`, `metadata`, redirects,
//! images, …) are not articles and are skipped without a message. Each page
//! goes through [`crate::html::read_html`]; then `id` is the `WARC-Record-ID`
//! without its angle brackets, `source` is `"<path>#<record number>"`
//! (1-based, counting every record), and `url` falls back to
//! `WARC-Target-URI`. The crawl date is not taken as the publication date.
//! A record that breaks the framing ends the file with an error; the pages
//! before it are kept. [`ReadOptions::max_bytes`] limits each record (its
//! `Content-Length`) rather than the file, for files named `.warc`/`.warc.gz`.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::format::{Articles, Reader};
use crate::{InputError, RawArticle, ReadOptions, Source, html, input};

/// Longest WARC header block accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// Reads WARC records, lazily.
#[derive(Debug, Clone, Copy, Default)]
pub struct WarcFileReader;

impl Reader for WarcFileReader {
    fn read(&self, source: &Source, input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles {
        Box::new(WarcRecords {
            source: source.clone(),
            input: Some(input),
            opts: *opts,
            number: 0,
        })
    }
}

/// One record: its header fields (names in lower case) and its content block.
struct Record {
    fields: BTreeMap<String, String>,
    block: Vec<u8>,
    /// `Some(length)` when the block was over the limit and skipped unread.
    oversize: Option<u64>,
}

/// The lazy iterator over one WARC input.
struct WarcRecords {
    source: Source,
    /// `None` once the stream has ended or can no longer be followed.
    input: Option<Box<dyn BufRead>>,
    opts: ReadOptions,
    /// Number of the last record read (1-based).
    number: usize,
}

impl Iterator for WarcRecords {
    type Item = Result<RawArticle, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let input = self.input.as_mut()?;
            let n = self.number + 1;
            match next_record(input, &self.opts) {
                Ok(Some(record)) => {
                    self.number = n;
                    if let Some(article) = self.page(&record) {
                        return Some(article);
                    }
                }
                Ok(None) => {
                    self.input = None;
                    if self.number == 0 {
                        return Some(Err(self.source.error("no WARC records found")));
                    }
                    return None;
                }
                Err(reason) => {
                    self.input = None;
                    return Some(Err(self.source.error(format!("malformed WARC record {n}: {reason}"))));
                }
            }
        }
    }
}

/// Reads the next record, `Ok(None)` at the end of the input.
fn next_record(input: &mut dyn BufRead, opts: &ReadOptions) -> Result<Option<Record>, String> {
    // Header block: skip blank lines between records, then up to a blank line.
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let n = input.read_until(b'\n', &mut head).map_err(|e| input::reason(&e))?;
        if n == 0 {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err("unexpected end in the header".into())
            };
        }
        let line = &head[start..];
        let blank = line == b"\r\n" || line == b"\n";
        if blank && start == 0 {
            head.clear();
            continue;
        }
        if blank {
            break;
        }
        if start == 0 && !head.starts_with(b"WARC/") {
            return Err("no WARC/ version line".into());
        }
        if head.len() > MAX_HEADER_BYTES {
            return Err(format!("header block over {MAX_HEADER_BYTES} bytes"));
        }
    }
    if head.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r') || head.first() == Some(&b'\n') {
        // The header parser wants CRLF line ends: accept LF-only blocks too.
        head = String::from_utf8_lossy(&head)
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .into_bytes();
    }
    let (_, (_version, headers, length)) =
        warc::parser::headers(&head).map_err(|_| "unparseable header block".to_string())?;
    let fields: BTreeMap<String, String> = headers
        .into_iter()
        .map(|(name, value)| {
            (
                name.to_ascii_lowercase(),
                String::from_utf8_lossy(value).trim().to_string(),
            )
        })
        .collect();
    let short = || "content shorter than its Content-Length".to_string();
    let (block, oversize) = if length as u64 > opts.max_bytes {
        let skipped =
            std::io::copy(&mut input.take(length as u64), &mut std::io::sink()).map_err(|e| input::reason(&e))?;
        if skipped < length as u64 {
            return Err(short());
        }
        (Vec::new(), Some(length as u64))
    } else {
        let mut block = vec![0; length];
        input.read_exact(&mut block).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => short(),
            _ => input::reason(&e),
        })?;
        (block, None)
    };
    // Record end: CRLF CRLF (LF LF tolerated; missing at the end of the input tolerated).
    let mut newlines = 0;
    while newlines < 2 {
        let Some(&b) = input.fill_buf().map_err(|e| input::reason(&e))?.first() else {
            break;
        };
        match b {
            b'\r' => input.consume(1),
            b'\n' => {
                input.consume(1);
                newlines += 1;
            }
            _ => return Err("missing record end after the content".into()),
        }
    }
    Ok(Some(Record {
        fields,
        block,
        oversize,
    }))
}

impl WarcRecords {
    /// The article of one record, or `None` when the record is not an HTML page.
    fn page(&self, record: &Record) -> Option<Result<RawArticle, InputError>> {
        let field = |name: &str| record.fields.get(name).filter(|v| !v.is_empty()).cloned();
        let kind = field("warc-type").unwrap_or_default().to_ascii_lowercase();
        let content_type = field("content-type").unwrap_or_default().to_ascii_lowercase();
        let n = self.number;
        if let Some(length) = record.oversize {
            // Too big to read; report it only where a page could have been.
            let max = self.opts.max_bytes;
            return matches!(kind.as_str(), "response" | "resource").then(|| {
                let reason = format!("record {n}: content length {length} is over the limit of {max} bytes");
                Err(self.source.error(reason))
            });
        }
        let payload = match kind.as_str() {
            "response" if content_type.starts_with("application/http") => {
                match http_html_payload(&record.block, &self.opts) {
                    Ok(Some(payload)) => payload,
                    Ok(None) => return None,
                    Err(reason) => {
                        return Some(Err(self.source.error(format!("record {n}: {reason}"))));
                    }
                }
            }
            "resource" if is_html_type(&content_type) => record.block.clone(),
            _ => return None,
        };
        let id = field("warc-record-id")
            .map(|id| id.trim_start_matches('<').trim_end_matches('>').to_string())
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| format!("{}-{n}", self.source.stem));
        let page_source = Source {
            path: format!("{}#{n}", self.source.path),
            stem: id,
        };
        Some(html::read_html(&page_source, &payload, &self.opts).map(|mut article| {
            article.url = article.url.or_else(|| field("warc-target-uri"));
            article
        }))
    }
}

fn is_html_type(content_type: &str) -> bool {
    content_type.contains("text/html") || content_type.contains("application/xhtml")
}

/// The decoded body of an HTTP response with status 2xx and an HTML content
/// type; `Ok(None)` for other responses.
///
/// # Errors
///
/// A reason text for a response that cannot be decoded.
pub fn http_html_payload(block: &[u8], opts: &ReadOptions) -> Result<Option<Vec<u8>>, String> {
    let (head, body) = match find(block, b"\r\n\r\n") {
        Some(i) => (&block[..i], &block[i + 4..]),
        None => match find(block, b"\n\n") {
            Some(i) => (&block[..i], &block[i + 2..]),
            None => return Err("HTTP response without a header end".to_string()),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    if !is_html_type(&content_type) {
        return Ok(None);
    }
    let body = if chunked { dechunk(body)? } else { body.to_vec() };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(GzDecoder::new(&body[..]), opts)?,
        "deflate" => inflate(ZlibDecoder::new(&body[..]), opts)?,
        other => return Err(format!("unsupported content encoding \"{other}\"")),
    };
    Ok(Some(body))
}

fn inflate(decoder: impl Read, opts: &ReadOptions) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt compressed HTTP body: {e}"))?;
    if out.len() as u64 > opts.max_bytes {
        return Err(format!(
            "decompressed HTTP body is over the limit of {} bytes",
            opts.max_bytes
        ));
    }
    Ok(out)
}

/// Decodes an HTTP/1.1 chunked body.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "malformed chunked HTTP body".to_string();
    let mut out = Vec::new();
    loop {
        let line_end = find(body, b"\r\n").ok_or_else(bad)?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| bad())?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or_else(bad)?;
        out.extend_from_slice(chunk);
        body = body.get(size..).and_then(|b| b.strip_prefix(b"\r\n")).ok_or_else(bad)?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_accepts_lf_line_ends_and_a_missing_final_end() {
        let mut data: &[u8] = b"\r\nWARC/1.0\nWARC-Type: resource\nContent-Type: text/html\nContent-Length: 3\n\nabc\n\nWARC/1.1\r\nContent-Length: 2\r\n\r\nde";
        let opts = ReadOptions::default();
        let first = next_record(&mut data, &opts).expect("record").expect("some");
        assert_eq!(first.block, b"abc");
        assert_eq!(first.fields.get("warc-type").map(String::as_str), Some("resource"));
        let second = next_record(&mut data, &opts).expect("record").expect("some");
        assert_eq!(second.block, b"de");
        assert!(next_record(&mut data, &opts).expect("end").is_none());
    }

    #[test]
    fn framing_errors() {
        let opts = ReadOptions {
            max_bytes: 10,
            ..ReadOptions::default()
        };
        let mut big: &[u8] = b"WARC/1.0\r\nContent-Length: 11\r\n\r\n0123456789a\r\n\r\nWARC/1.0\r\n";
        let skipped = next_record(&mut big, &opts).expect("record").expect("some");
        assert_eq!((skipped.oversize, skipped.block.len()), (Some(11), 0));
        assert_eq!(big, b"WARC/1.0\r\n");
        let mut cut: &[u8] = b"WARC/1.0\r\nContent-Length: 11\r\n\r\n0123";
        assert_eq!(
            next_record(&mut cut, &opts).err().as_deref(),
            Some("content shorter than its Content-Length")
        );
        let mut junk: &[u8] = b"WARC/1.0\r\nContent-Length: 1\r\n\r\nxyz";
        assert_eq!(
            next_record(&mut junk, &opts).err().as_deref(),
            Some("missing record end after the content")
        );
        let mut bad: &[u8] = b"WARC/1.0\r\nno colon here\r\n\r\n";
        assert_eq!(
            next_record(&mut bad, &opts).err().as_deref(),
            Some("unparseable header block")
        );
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n"),
            Ok(b"Wikipedia".to_vec())
        );
        assert!(dechunk(b"zz\r\nab").is_err());
        assert!(dechunk(b"10\r\nshort\r\n").is_err());
    }

    #[test]
    fn http_payloads() {
        let opts = ReadOptions::default();
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
        assert_eq!(http_html_payload(ok, &opts), Ok(Some(b"<p>x</p>".to_vec())));
        let redirect = b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        assert_eq!(http_html_payload(redirect, &opts), Ok(None));
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_html_payload(image, &opts), Ok(None));
        let chunked =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n0\r\n\r\n";
        assert_eq!(http_html_payload(chunked, &opts), Ok(Some(b"<p>".to_vec())));
        let br = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
        assert!(http_html_payload(br, &opts).is_err());
    }
}
