//! Opening one input (a file or standard input): size limit, decompression,
//! the binary/empty checks on its first bytes, and dispatch to its [`Reader`](crate::Reader).

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::Path;

use crate::format::{Articles, Format};
use crate::{InputError, ReadOptions, Source, gzip, normalize};

/// How many leading bytes are checked for NUL (binary) and sniffed for the format.
pub const HEAD_BYTES: usize = 8 * 1024;

/// An `io::Error` payload that is already the full reason text of an
/// [`InputError`] (e.g. `"corrupt gzip: …"`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Reason(pub String);

/// The reason text for a read error: the [`Reason`] it carries, else a lower-case
/// description of the error (`"no such file or directory"`, `"permission denied"`, …).
pub fn reason(err: &io::Error) -> String {
    if let Some(r) = err.get_ref().and_then(|e| e.downcast_ref::<Reason>()) {
        return r.0.clone();
    }
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = err.to_string();
            // Drop the " (os error N)" suffix of OS errors.
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => "read error".to_string(),
            }
        }
    }
}

/// Reads at most `limit` bytes from `inner`; trying to read more is an error
/// carrying the reason `message`.
struct Limited<R> {
    inner: R,
    remaining: u64,
    message: String,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            // At the limit: any further byte means the input is too large.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(Reason(self.message.clone()))),
            };
        }
        let max = usize::try_from(self.remaining).unwrap_or(usize::MAX).min(buf.len());
        let n = self.inner.read(&mut buf[..max])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

fn limited<R: Read + 'static>(inner: R, limit: u64, message: String) -> Box<dyn Read> {
    Box::new(Limited {
        inner,
        remaining: limit,
        message,
    })
}

/// The file name of `path` without `.gz` and then one extension: the article id base.
pub fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = gzip::inner_name(&name).unwrap_or(&name);
    Path::new(inner)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| inner.to_string())
}

/// Whether `name` is a gzip file, and the format its (inner) extension names
/// (`None`: sniff the content).
pub fn format_of_name(name: &str) -> (bool, Option<Format>) {
    let (gz, inner) = match gzip::inner_name(name) {
        Some(inner) => (true, inner),
        None => (false, name),
    };
    let ext = Path::new(inner).extension().map(|e| e.to_string_lossy().into_owned());
    (gz, Format::from_extension(ext.as_deref().unwrap_or("")))
}

fn once(item: Result<crate::RawArticle, InputError>) -> Articles {
    Box::new(std::iter::once(item))
}

/// Reads one file: size check on its metadata (skipped for a name ending in
/// `.warc` or `.warc.gz`, whose limit is per record, and `.jsonl`/`.ndjson`
/// (`.gz`), whose limit is per line), then (through gzip when
/// the name ends with `.gz`) the articles its format yields.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Articles {
    let source = Source {
        path: path.display().to_string(),
        stem: stem_of(path),
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return once(Err(source.error(reason(&e)))),
    };
    if meta.is_dir() {
        return once(Err(source.error("is a directory")));
    }
    // A FIFO, socket or device named on the command line would block the
    // batch (or never end): only regular files are read. Standard input is `-`.
    if !meta.is_file() {
        return once(Err(source.error(
            "not a regular file (a FIFO, socket or device): refused; pipe it to standard input as `-` instead",
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (gz, format) = format_of_name(&name);
    // A WARC archive is streamed record by record, and the limit applies to
    // each record instead (see `warc`): CC-NEWS files are around 1 GB. JSONL
    // is read line by line, and the limit applies to each line (see `jsonl`).
    let limit = if matches!(format, Some(Format::Warc | Format::Jsonl)) {
        u64::MAX
    } else {
        opts.max_bytes
    };
    if meta.len() > limit {
        return once(Err(source.error(format!(
            "file is {} bytes, over the limit of {} bytes",
            meta.len(),
            opts.max_bytes
        ))));
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return once(Err(source.error(reason(&e)))),
    };
    let bytes = if gz {
        let message = format!("decompressed size is over the limit of {limit} bytes");
        limited(gzip::decoder(file), limit, message)
    } else {
        let message = format!("file is over the limit of {limit} bytes");
        limited(file, limit, message)
    };
    dispatch(source, bytes, format, opts)
}

/// Reads standard input (`"-"`): the format is sniffed, and reading stops at
/// [`ReadOptions::max_bytes`].
pub fn read_stdin(opts: &ReadOptions) -> Articles {
    let source = Source {
        path: "-".to_string(),
        stem: "stdin".to_string(),
    };
    let message = format!("input is over the limit of {} bytes", opts.max_bytes);
    dispatch(source, limited(io::stdin(), opts.max_bytes, message), None, opts)
}

/// Checks the first [`HEAD_BYTES`] of `bytes` (empty; binary, except for
/// WARC), picks the format (`format`, else sniffed) and hands the whole
/// stream to its reader.
pub fn dispatch(source: Source, mut bytes: Box<dyn Read>, format: Option<Format>, opts: &ReadOptions) -> Articles {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    if let Err(e) = (&mut bytes).take(HEAD_BYTES as u64).read_to_end(&mut head) {
        return once(Err(source.error(reason(&e))));
    }
    if head.len() < HEAD_BYTES && normalize::is_blank(&head) {
        return once(Err(source.error("empty file")));
    }
    let format = format.unwrap_or_else(|| Format::sniff(&head));
    // WARC records may hold binary payloads (images); their pages are checked as HTML.
    if format != Format::Warc && head.contains(&0) {
        return once(Err(source.error("binary file")));
    }
    let stream = BufReader::new(Cursor::new(head).chain(bytes));
    format.reader().read(&source, Box::new(stream), opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem_of(Path::new("a/dev-003.txt")), "dev-003");
        assert_eq!(stem_of(Path::new("dev-003.txt.gz")), "dev-003");
        assert_eq!(stem_of(Path::new("batch.JSONL.GZ")), "batch");
        assert_eq!(stem_of(Path::new("notes")), "notes");
        assert_eq!(stem_of(Path::new("a.b.txt")), "a.b");
    }

    #[test]
    fn names_to_formats() {
        assert_eq!(format_of_name("a.txt.gz"), (true, Some(Format::Text)));
        assert_eq!(format_of_name("a.jsonl"), (false, Some(Format::Jsonl)));
        assert_eq!(format_of_name("a.dat"), (false, None));
        assert_eq!(format_of_name("a.gz"), (true, Some(Format::Text)));
    }

    #[test]
    fn limited_reader_errors_past_the_limit() {
        let mut out = Vec::new();
        let mut r = limited(Cursor::new(b"abcd".to_vec()), 4, "too big".into());
        assert!(r.read_to_end(&mut out).is_ok());
        assert_eq!(out, b"abcd");
        let mut r = limited(Cursor::new(b"abcde".to_vec()), 4, "too big".into());
        let err = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(reason(&err), "too big");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe\u{1b}[31m.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        // nobody writes to the FIFO: opening it for reading would block forever
        let items: Vec<_> = read_file(&fifo, &ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        let err = items[0].as_ref().unwrap_err();
        assert!(err.reason.starts_with("not a regular file"), "{err}");
        // the escape character of the name is shown escaped
        let shown = err.to_string();
        assert!(shown.contains("pipe\\u{1b}[31m.txt: not a regular file"), "{shown}");
        assert!(!shown.contains('\u{1b}'));
    }

    #[test]
    fn os_error_reasons_are_lower_case() {
        assert_eq!(
            reason(&io::Error::from(io::ErrorKind::NotFound)),
            "no such file or directory"
        );
        assert_eq!(reason(&io::Error::other("Boom")), "boom");
    }
}
