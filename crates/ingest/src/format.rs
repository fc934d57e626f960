//! The [`Reader`] trait every format module implements, and [`Format`]: which
//! reader an input goes to, by file extension or by sniffing its first bytes.

use std::io::BufRead;

use crate::{InputError, RawArticle, ReadOptions, Source};

/// The articles (or per-input errors) one input yields, lazily.
pub type Articles = Box<dyn Iterator<Item = Result<RawArticle, InputError>>>;

/// A reader of one input format.
///
/// Adding a format: write a module with a type implementing `Reader`, add a
/// [`Format`] variant with its extensions and sniffing rule, and test it.
pub trait Reader {
    /// Reads the articles of one input.
    ///
    /// `input` yields the input's bytes, already decompressed; reading past
    /// [`ReadOptions::max_bytes`] or from a corrupt gzip stream fails with an
    /// `io::Error` that [`crate::input::reason`] turns into the error text.
    /// Never panics: every problem is an [`InputError`] item.
    fn read(&self, source: &Source, input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles;
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text with an optional `date YYYY-MM-DD` header: [`crate::text`].
    Text,
    /// One JSON object per line: [`crate::jsonl`].
    Jsonl,
    /// An HTML page: [`crate::html`].
    Html,
    /// An RSS or Atom feed: [`crate::feed`].
    Feed,
    /// A WARC archive: [`crate::warc`].
    Warc,
}

impl Format {
    /// The format of a file extension (without the dot, any case), or `None`
    /// when it says nothing and the content must be sniffed. The empty string
    /// (no extension) means text.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "" | "txt" | "text" | "md" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "rss" | "atom" | "xml" => Some(Format::Feed),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// Guesses the format from the first bytes of an input: `WARC/` at the
    /// very start means WARC; after a BOM and whitespace, `{` means JSONL; `<`
    /// means a feed when an `<rss`, `<feed` or `<rdf:RDF` tag comes before any
    /// `<html` (any case), else HTML; anything else is text.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::Jsonl,
            Some(b'<') if is_feed_markup(head) => Format::Feed,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }

    /// The reader for this format.
    pub fn reader(self) -> &'static dyn Reader {
        match self {
            Format::Text => &crate::text::TextReader,
            Format::Jsonl => &crate::jsonl::JsonlReader,
            Format::Html => &crate::html::HtmlReader,
            Format::Feed => &crate::feed::FeedReader,
            Format::Warc => &crate::warc::WarcFileReader,
        }
    }
}

/// Whether markup opens a feed root element before any `<html`.
fn is_feed_markup(head: &[u8]) -> bool {
    let lower = head.to_ascii_lowercase();
    let first = |tag: &[u8]| lower.windows(tag.len()).position(|w| w == tag);
    let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
        .into_iter()
        .filter_map(first)
        .min();
    match (feed, first(b"<html")) {
        (Some(f), Some(h)) => f < h,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(Format::from_extension("TXT"), Some(Format::Text));
        assert_eq!(Format::from_extension(""), Some(Format::Text));
        assert_eq!(Format::from_extension("NDJSON"), Some(Format::Jsonl));
        assert_eq!(Format::from_extension("Htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("Atom"), Some(Format::Feed));
        assert_eq!(Format::from_extension("warc"), Some(Format::Warc));
        assert_eq!(Format::from_extension("dat"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"\xef\xbb\xbf \n{\"text\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"  <!doctype html>"), Format::Html);
        assert_eq!(Format::sniff(b"date 2025-01-01"), Format::Text);
        assert_eq!(Format::sniff(b""), Format::Text);
        assert_eq!(
            Format::sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            Format::sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><html><p>feed</p>"), Format::Html);
        assert_eq!(Format::sniff(b"<html><body><feedback>"), Format::Html);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
    }
}
