//! JSONL inputs: one article per line, read line by line.
//!
//! Fields of a record: `text` (else `body`, else `content`) is the body and is
//! required; `id`, `url`, `title` and `published` (else `date`) are optional.
//! A date is an ISO date or an RFC 3339 timestamp (its own date is taken).
//! Blank lines are skipped; a bad line is an [`InputError`] with its line
//! number, and the lines after it are still read.
//!
//! A file named `.jsonl`/`.ndjson` (also inside `.gz`) may be of any size:
//! [`ReadOptions::max_bytes`] applies to each line instead (a longer line is
//! an error of that line, skipped without being held in memory).

use std::io::{BufRead, Read};

use serde_json::{Map, Value};

use crate::format::{Articles, Reader};
use crate::{InputError, RawArticle, ReadOptions, Source, date, input, normalize};

/// The body fields, in order of preference.
const TEXT_FIELDS: [&str; 3] = ["text", "body", "content"];
/// The date fields, in order of preference.
const DATE_FIELDS: [&str; 2] = ["published", "date"];

/// Reads JSON Lines: one article per non-blank line.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonlReader;

impl Reader for JsonlReader {
    fn read(&self, source: &Source, input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles {
        Box::new(JsonlLines {
            source: source.clone(),
            input,
            opts: *opts,
            line: 0,
            offset: 0,
            records: 0,
            done: false,
        })
    }
}

/// The lazy iterator over one JSONL input.
struct JsonlLines {
    source: Source,
    input: Box<dyn BufRead>,
    opts: ReadOptions,
    /// Number of the last line read (1-based).
    line: u64,
    /// Byte offset of the next line in the input.
    offset: u64,
    /// Non-blank lines seen.
    records: u64,
    done: bool,
}

impl Iterator for JsonlLines {
    type Item = Result<RawArticle, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        let limit = self.opts.max_bytes;
        while !self.done {
            buf.clear();
            match (&mut self.input)
                .take(limit.saturating_add(1))
                .read_until(b'\n', &mut buf)
            {
                Ok(n) if n as u64 > limit && buf.last() != Some(&b'\n') => {
                    // over the limit: skip to the end of the line without keeping it
                    self.line += 1;
                    self.records += 1;
                    let skipped = match skip_line(&mut self.input) {
                        Ok(k) => k,
                        Err(e) => {
                            self.done = true;
                            return Some(Err(self.source.error(input::reason(&e))));
                        }
                    };
                    self.offset += n as u64 + skipped;
                    return Some(Err(self
                        .source
                        .line_error(self.line, format!("line is over the limit of {limit} bytes"))));
                }
                Ok(0) => {
                    self.done = true;
                    if self.records == 0 {
                        return Some(Err(self.source.error("empty file")));
                    }
                }
                Ok(n) => {
                    self.line += 1;
                    let start = self.offset;
                    self.offset += n as u64;
                    if normalize::is_blank(&buf) {
                        continue;
                    }
                    self.records += 1;
                    return Some(self.record(&buf, start));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.source.error(input::reason(&e))));
                }
            }
        }
        None
    }
}

/// Consumes the input up to and including the next line feed (or the end),
/// returning how many bytes were skipped; memory stays at the reader's buffer.
fn skip_line(input: &mut Box<dyn BufRead>) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = chunk.len();
                input.consume(n);
                skipped += n as u64;
            }
        }
    }
}

impl JsonlLines {
    /// Parses one non-blank line that starts at byte `start` of the input.
    fn record(&self, bytes: &[u8], start: u64) -> Result<RawArticle, InputError> {
        let line = self.line;
        let err = |reason: String| self.source.line_error(line, reason);
        let mut warnings = Vec::new();
        let text = normalize::decode_lossy(bytes, start, &mut warnings);
        let text = text.trim_start_matches('\u{feff}');
        let value: Value = serde_json::from_str(text).map_err(|e| err(json_error(&e)))?;
        let Value::Object(obj) = value else {
            return Err(err("not a JSON object".to_string()));
        };

        let (field, body) = TEXT_FIELDS
            .iter()
            .find_map(|f| obj.get(*f).filter(|v| !v.is_null()).map(|v| (*f, v)))
            .ok_or_else(|| err("no `text`, `body` or `content` field".to_string()))?;
        let body = body
            .as_str()
            .ok_or_else(|| err(format!("field `{field}` is not a string")))?;
        if body.trim().is_empty() {
            return Err(err(format!("field `{field}` is empty")));
        }

        let id = match obj.get("id") {
            None | Some(Value::Null) => format!("{}-{line}", self.source.stem),
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err(err("field `id` is not a non-empty string or a number".to_string()));
            }
        };
        let published = match DATE_FIELDS
            .iter()
            .find_map(|f| obj.get(*f).filter(|v| !v.is_null()).map(|v| (*f, v)))
        {
            None => self.opts.published,
            Some((field, value)) => {
                let parsed = value.as_str().and_then(date::parse_published);
                Some(parsed.ok_or_else(|| err(format!("unparseable date {value} in field `{field}`")))?)
            }
        };

        let mut article = RawArticle::new(id, format!("{}:{line}", self.source.path), normalize::clean_text(body));
        article.url = string_field(&obj, "url").map_err(err)?;
        article.title = string_field(&obj, "title").map_err(err)?;
        // `source` names the outlet in many exports; a URL there is no name.
        let source = string_field(&obj, "source")
            .ok()
            .flatten()
            .filter(|s| !s.contains("://"));
        article.outlet = string_field(&obj, "outlet")
            .map_err(err)?
            .or(source)
            .and_then(|o| crate::article::outlet_name(&o));
        article.published = published;
        article.warnings = warnings;
        Ok(article)
    }
}

/// An optional string field: absent, null or blank is `None`.
fn string_field(obj: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(_) => Err(format!("field `{field}` is not a string")),
    }
}

/// `serde_json`'s message without its "at line 1" (the line is the record's).
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!("invalid JSON at column {}: {message}", e.column())
}
