//! The crate's data types: [`RawArticle`], [`ReadOptions`], [`Source`] and [`InputError`].

use casewatch_model::ArticleMeta;
use chrono::NaiveDate;

use crate::normalize;

/// One article as read, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    /// The article id: the file stem for files (`"dev-003"` for `dev-003.txt`
    /// and for `dev-003.txt.gz`, `"stdin"` for standard input); for JSONL the
    /// record's `id`, else `"<file stem>-<line number>"`.
    pub id: String,
    /// Where it was read from: the path as given or walked (display form);
    /// `"<path>:<line>"` for a JSONL record; `"-"` for standard input.
    pub source: String,
    /// Canonical URL, when the input names one.
    pub url: Option<String>,
    /// Publication date: from the input, else [`ReadOptions::published`].
    pub published: Option<NaiveDate>,
    /// Title, when the input has one (or a text's first line looks like one).
    pub title: Option<String>,
    /// The outlet's name as the input's metadata gives it: HTML JSON-LD
    /// `publisher.name`, `og:site_name` or `<meta name="application-name">`;
    /// a feed item's channel title; a JSON Lines `outlet` (else `source`)
    /// field; a text's `outlet:` line. `None` when the input names none
    /// (users then see the URL's site).
    pub outlet: Option<String>,
    /// The text extraction runs on. Evidence byte offsets index into this.
    /// Only a UTF-8 BOM is stripped and CRLF/CR turned into LF; for text with
    /// a `date …` header, the header (up to the end of its date/time token)
    /// is removed.
    pub body: String,
    /// Lower-case hex SHA-256 of the normalised body (see
    /// [`normalize::dedup_key`]): equal for the same text saved with other
    /// line endings or trailing blanks.
    pub sha256: String,
    /// Non-fatal problems met while reading, e.g.
    /// `"invalid UTF-8 at byte 1234, decoded lossily"`.
    pub warnings: Vec<String>,
}

/// An outlet name as metadata gives it, cleaned: whitespace collapsed, at
/// most 200 characters; `None` when blank.
pub(crate) fn outlet_name(s: &str) -> Option<String> {
    let name: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = name.chars().take(200).collect();
    Some(name).filter(|n| !n.is_empty())
}

impl RawArticle {
    /// Builds an article from its body, computing [`RawArticle::sha256`].
    pub(crate) fn new(id: String, source: String, body: String) -> Self {
        let sha256 = normalize::sha256_hex(&body);
        RawArticle {
            id,
            source,
            url: None,
            published: None,
            title: None,
            outlet: None,
            body,
            sha256,
            warnings: Vec::new(),
        }
    }

    /// The `article` part of an extraction record, with `language` (an ISO
    /// 639-1 code such as `"en"`) filled in by the caller.
    pub fn meta(&self, language: &str) -> ArticleMeta {
        ArticleMeta {
            id: self.id.clone(),
            source: self.source.clone(),
            published: self.published,
            title: self.title.clone(),
            language: language.to_string(),
            sha256: self.sha256.clone(),
            url: self.url.clone(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest input accepted, in bytes. Applies to each file as stored and,
    /// for `.gz` files and standard input, to the bytes read (decompressed).
    /// For files named `.warc`/`.warc.gz`, which are streamed, it applies to
    /// each record instead, and for files named `.jsonl`/`.ndjson` (`.gz`),
    /// read line by line, to each line. Default 20 000 000.
    pub max_bytes: u64,
    /// Publication date for articles whose input carries none (text without a
    /// `date` header, standard input, JSONL records without a date, HTML
    /// pages without date metadata). Default `None`.
    pub published: Option<NaiveDate>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 20_000_000,
            published: None,
        }
    }
}

/// Where one input comes from: handed to each format [`crate::Reader`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Display form of the path as given or walked; `"-"` for standard input.
    pub path: String,
    /// Base for article ids: the file name without its extension(s) (`.gz`
    /// and then one more); `"stdin"` for standard input.
    pub stem: String,
}

impl Source {
    /// An error about this whole input.
    pub fn error(&self, reason: impl Into<String>) -> InputError {
        InputError {
            path: self.path.clone(),
            line: None,
            reason: reason.into(),
        }
    }

    /// An error about one line (1-based) of this input.
    pub fn line_error(&self, line: u64, reason: impl Into<String>) -> InputError {
        InputError {
            path: self.path.clone(),
            line: Some(line),
            reason: reason.into(),
        }
    }
}

/// `s` with every control character (a newline, an escape sequence's ESC, a
/// NUL, …) written as a Rust escape (`\n`, `\u{1b}`), so that a file name
/// cannot rewrite the terminal or forge a line of a message. Other text is
/// kept as it is.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Why one input (a file, or one JSONL line) yielded no article.
///
/// Displays as `"<path>: <reason>"`, or `"<path>:<line>: <reason>"` when the
/// error is about one line; control characters in either are escaped (see
/// [`printable`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {}", printable(path), line.map(|l| format!(":{l}")).unwrap_or_default(), printable(reason))]
pub struct InputError {
    /// Display form of the path (`"-"` for standard input).
    pub path: String,
    /// 1-based line number, for errors about one JSONL line.
    pub line: Option<u64>,
    /// What went wrong, in lower case (`"empty file"`, `"binary file"`, …).
    pub reason: String,
}
