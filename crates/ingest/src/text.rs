//! Text inputs: the optional `date YYYY-MM-DD [HH:MM]` header, the body after
//! it, and the title taken from a headline-like first line.
//!
//! # The header rule
//!
//! Only the first non-blank line can be a header. After its indentation it is
//! a header *attempt* when it starts with the word `date` followed by
//! whitespace or the end of the line, and either the word is written in lower
//! case (`date yesterday`) or the next character is an ASCII digit
//! (`Date 2025-03-12`, `DATE 2025-03-12`). So a first line of prose such as
//! "Date palms were planted…" is not a header. An attempt must continue with
//! a valid `YYYY-MM-DD` date, optionally followed by a valid `HH:MM` or
//! `HH:MM:SS` time, or a valid `YYYY-MM` month (a publication known to the
//! month only); otherwise the file is an error
//! (`unparseable date header "…"`). A month header is accepted with a warning:
//! the record's `published` is a day (`spec/extract-output.md`), so it stays
//! `null` and dates relative to the day of publication ("on Tuesday") are
//! left unresolved rather than guessed from the first of the month.
//!
//! The body is everything after the date (and time) token: the rest of the
//! header line without its leading whitespace, then the following lines.
//! When the rest of the header line is empty, the body starts on the next line.
//!
//! # Metadata lines
//!
//! Right after the `date` header (or at the start of a file without one),
//! lines `url: https://…`, `title: …` and `outlet: …` (the key in any case,
//! one each, in any order) give the article's URL, headline and outlet; they
//! are not part of the body. A `url:` value must be an `http`/`https` URL, otherwise the line is
//! body text.

use std::io::{BufRead, Read};

use chrono::{NaiveDate, NaiveTime};

use crate::format::{Articles, Reader};
use crate::{InputError, RawArticle, ReadOptions, Source, date, input, normalize};

/// Reads a whole input as one text article.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextReader;

impl Reader for TextReader {
    fn read(&self, source: &Source, mut input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles {
        let mut bytes = Vec::new();
        let result = match input.read_to_end(&mut bytes) {
            Ok(_) => read_text_owned(source, bytes, opts),
            Err(e) => Err(source.error(input::reason(&e))),
        };
        Box::new(std::iter::once(result))
    }
}

/// Reads one text article from the raw bytes of an input.
///
/// # Errors
///
/// `"empty file"` when there is nothing but whitespace, `"unparseable date
/// header …"` for a bad header, `"no text after the date header"` when only
/// the header is there.
pub fn read_text(source: &Source, bytes: &[u8], opts: &ReadOptions) -> Result<RawArticle, InputError> {
    read_text_owned(source, bytes.to_vec(), opts)
}

/// [`read_text`] of bytes the caller gives up: a large input is decoded and
/// cut after its header without being copied.
fn read_text_owned(source: &Source, bytes: Vec<u8>, opts: &ReadOptions) -> Result<RawArticle, InputError> {
    let mut warnings = Vec::new();
    let mut text = normalize::decode_owned(bytes, &mut warnings);
    if text.trim().is_empty() {
        return Err(source.error("empty file"));
    }
    let (published, body) = match split_header(&text).map_err(|r| source.error(r))? {
        Some((date, start)) => {
            if text[start..].trim().is_empty() {
                return Err(source.error("no text after the date header"));
            }
            let published = match date {
                HeaderDate::Day(d) => Some(d),
                HeaderDate::Month { year, month } => {
                    warnings.push(format!(
                        "date header {year:04}-{month:02} gives the month only: no publication day recorded"
                    ));
                    None
                }
            };
            text.drain(..start);
            (published, text)
        }
        None => (opts.published, text),
    };
    let (meta, body) = split_meta_lines(&body);
    if body.trim().is_empty() {
        return Err(source.error("no text after the header lines"));
    }
    let mut article = RawArticle::new(source.stem.clone(), source.path.clone(), body.to_string());
    article.title = meta.title.or_else(|| normalize::detect_title(&article.body));
    article.url = meta.url;
    article.outlet = meta.outlet.and_then(|o| crate::article::outlet_name(&o));
    article.published = published;
    article.warnings = warnings;
    Ok(article)
}

/// The metadata lines of a text (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaLines {
    /// `url:` (an http or https URL).
    pub url: Option<String>,
    /// `title:`.
    pub title: Option<String>,
    /// `outlet:`.
    pub outlet: Option<String>,
}

/// Splits `url:`, `title:` and `outlet:` lines (see the module docs) off the
/// start of a body: returns them and the rest.
pub fn split_meta_lines(body: &str) -> (MetaLines, &str) {
    let mut meta = MetaLines::default();
    let mut rest = body;
    loop {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..line_end].trim();
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "url"
                if meta.url.is_none()
                    && (value.starts_with("https://") || value.starts_with("http://"))
                    && !value.contains(char::is_whitespace) =>
            {
                meta.url = Some(value.to_string());
            }
            "title" if meta.title.is_none() && !value.is_empty() => meta.title = Some(value.to_string()),
            "outlet" if meta.outlet.is_none() && !value.is_empty() => meta.outlet = Some(value.to_string()),
            _ => break,
        }
        rest = &rest[line_end..];
    }
    if meta == MetaLines::default() {
        return (meta, body);
    }
    (meta, rest.trim_start_matches('\n'))
}

/// The date a `date` header gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderDate {
    /// `date YYYY-MM-DD [HH:MM[:SS]]`.
    Day(NaiveDate),
    /// `date YYYY-MM`: the month only (`month` is 1–12).
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
}

impl std::fmt::Display for HeaderDate {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderDate::Day(d) => write!(f, "{d}"),
            HeaderDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

/// A strict `YYYY-MM` token (4 and 2 ASCII digits, month 1–12).
fn parse_month(token: &str) -> Option<HeaderDate> {
    let b = token.as_bytes();
    if b.len() != 7 || b[4] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = token[..4].parse().ok()?;
    let month: u32 = token[5..].parse().ok()?;
    (1..=12).contains(&month).then_some(HeaderDate::Month { year, month })
}

/// Finds a `date` header (see the module docs) in clean text (LF line ends).
///
/// Returns `Ok(None)` when there is none, `Ok(Some((date, body_start)))` with
/// the byte offset where the body starts, or `Err(reason)` for a header
/// attempt that does not parse.
pub fn split_header(text: &str) -> Result<Option<(HeaderDate, usize)>, String> {
    let mut line_start = 0;
    let line = loop {
        let end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        let line = &text[line_start..end];
        if !line.trim().is_empty() {
            break line;
        }
        if end == text.len() {
            return Ok(None);
        }
        line_start = end + 1;
    };
    let line_end = line_start + line.len();
    let trimmed = line.trim_start();

    let Some(word) = trimmed.get(..4).filter(|w| w.eq_ignore_ascii_case("date")) else {
        return Ok(None);
    };
    let after_word = &trimmed[4..];
    if !(after_word.is_empty() || after_word.starts_with(char::is_whitespace)) {
        return Ok(None);
    }
    let rest = after_word.trim_start();
    if word != "date" && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let bad = || format!("unparseable date header \"{}\"", shorten(line.trim(), 60));

    let date_token = first_token(rest);
    let date = match date::parse_iso_date(date_token) {
        Some(d) => HeaderDate::Day(d),
        None => parse_month(date_token).ok_or_else(bad)?,
    };
    let mut pos = line_end - rest.len() + date_token.len();

    let after_date = &text[pos..line_end];
    let time_token = first_token(after_date.trim_start());
    if matches!(date, HeaderDate::Day(_)) && looks_like_time(time_token) {
        parse_time(time_token).ok_or_else(bad)?;
        pos = line_end - after_date.trim_start().len() + time_token.len();
    }

    let rest_of_line = text[pos..line_end].trim_start();
    let body_start = if rest_of_line.is_empty() {
        (line_end + 1).min(text.len())
    } else {
        line_end - rest_of_line.len()
    };
    Ok(Some((date, body_start)))
}

/// `s` cut to at most `max` chars, with `…` when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn first_token(s: &str) -> &str {
    s.split(char::is_whitespace).next().unwrap_or("")
}

/// `H:MM`, `HH:MM` or `HH:MM:SS` in shape (digits and colons), valid or not.
fn looks_like_time(token: &str) -> bool {
    let parts: Vec<&str> = token.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().enumerate().all(|(i, p)| {
            let len_ok = if i == 0 {
                (1..=2).contains(&p.len())
            } else {
                p.len() == 2
            };
            len_ok && p.bytes().all(|b| b.is_ascii_digit())
        })
}

fn parse_time(token: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(token, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(token, "%H:%M:%S"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Result<Option<(String, &str)>, String> {
        split_header(text).map(|h| h.map(|(d, start)| (d.to_string(), &text[start..])))
    }

    fn some(date: &str, body: &'static str) -> Result<Option<(String, &'static str)>, String> {
        Ok(Some((date.to_string(), body)))
    }

    #[test]
    fn header_variants() {
        assert_eq!(
            split("date 2025-03-12\nTitle\n\nBody."),
            some("2025-03-12", "Title\n\nBody.")
        );
        assert_eq!(split("\n\n  date 2025-03-12  \nBody"), some("2025-03-12", "Body"));
        assert_eq!(split("date 2025-03-12 14:32\nBody"), some("2025-03-12", "Body"));
        assert_eq!(split("date\t2025-03-12 14:32:05\nBody"), some("2025-03-12", "Body"));
        assert_eq!(
            split(" date 2025-03-12 The court ruled.\n\nMore."),
            some("2025-03-12", "The court ruled.\n\nMore.")
        );
        assert_eq!(
            split("date 2025-03-12 09:46   A text.\n"),
            some("2025-03-12", "A text.\n")
        );
        assert_eq!(
            split("date 2025-03-12 12 reporters were fined."),
            some("2025-03-12", "12 reporters were fined.")
        );
        assert_eq!(split("Date 2025-03-12\nBody"), some("2025-03-12", "Body"));
        assert_eq!(split("date 2025-03-12"), some("2025-03-12", ""));
        // a month: no time may follow it
        assert_eq!(split("date 2024-05\nBody"), some("2024-05", "Body"));
        assert_eq!(split("date 2024-05 12:30 Body"), some("2024-05", "12:30 Body"));
    }

    #[test]
    fn month_headers_are_read_without_a_day() {
        let src = Source {
            path: "m.txt".into(),
            stem: "m".into(),
        };
        let a = read_text(
            &src,
            b"date 2024-05\nThe court fined the editor.\n",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.body, "The court fined the editor.\n");
        assert_eq!(
            a.warnings,
            vec!["date header 2024-05 gives the month only: no publication day recorded".to_string()]
        );
    }

    #[test]
    fn not_headers() {
        assert_eq!(split("Date palms were planted.\n\ndate 2025-01-01"), Ok(None));
        assert_eq!(split("dated 2025-01-01 text"), Ok(None));
        assert_eq!(split("Dates 2025"), Ok(None));
        assert_eq!(split("The date 2025-01-01"), Ok(None));
        assert_eq!(split("   \n  "), Ok(None));
        assert_eq!(split("Up-to-date news"), Ok(None));
    }

    #[test]
    fn bad_headers() {
        for text in [
            "date 2025-13-45\nBody",
            "date yesterday\nBody",
            "date\nBody",
            "DATE 12/03/2025 Body",
            "date 2025-03-12T10:00 Body",
            "date 2025-03-12 25:61 Body",
            "date 2025-03-12, Body",
            "date 2024-13\nBody",
            "date 2024-5\nBody",
            "date 2024-00\nBody",
        ] {
            let err = split(text).expect_err(text);
            assert!(err.starts_with("unparseable date header \""), "{err}");
        }
    }

    #[test]
    fn long_bad_headers_are_shortened() {
        let text = format!("date 2025-99-01 {}", "word ".repeat(40));
        let err = split(&text).expect_err("bad");
        assert_eq!(
            err,
            format!(
                "unparseable date header \"date 2025-99-01 {}…\"",
                &"word ".repeat(9)[..44]
            )
        );
    }

    #[test]
    fn time_shapes() {
        assert!(looks_like_time("9:46"));
        assert!(looks_like_time("09:46:00"));
        assert!(!looks_like_time("0946"));
        assert!(!looks_like_time("9:4"));
        assert!(!looks_like_time("a:bc"));
        assert!(!looks_like_time(""));
    }
}
