//! HTML inputs: the main article text (Readability via `dom_smoothie`,
//! paragraphs separated by blank lines), title, publication date and URL.
//!
//! The date comes from `<meta property="article:published_time">` (and the
//! other meta keys Readability knows) or JSON-LD `datePublished`, else from
//! the first `<time datetime>`. The URL comes from `<link rel="canonical">`,
//! else `<meta property="og:url">`, else JSON-LD `url`. Metadata queries use
//! the `dom_query` document `dom_smoothie` has already parsed.

use std::io::{BufRead, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use dom_smoothie::{Config, Readability, TextMode};

use crate::format::{Articles, Reader};
use crate::{InputError, RawArticle, ReadOptions, Source, date, input, normalize};

/// Reads a whole input as one HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlReader;

impl Reader for HtmlReader {
    fn read(&self, source: &Source, mut input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles {
        let mut bytes = Vec::new();
        let result = match input.read_to_end(&mut bytes) {
            Ok(_) => read_html(source, &bytes, opts),
            Err(e) => Err(source.error(input::reason(&e))),
        };
        Box::new(std::iter::once(result))
    }
}

/// What the metadata queries found, before Readability rewrites the document.
struct PageMeta {
    canonical: Option<String>,
    og_url: Option<String>,
    time_datetime: Option<String>,
}

/// Reads one article from the raw bytes of an HTML page (decoded as UTF-8).
///
/// # Errors
///
/// `"empty file"` for a blank page, `"no article text found in the HTML"`
/// when Readability finds no text, `"HTML parser failed: …"` if the parser
/// gives up (or panics, which is caught).
pub fn read_html(source: &Source, bytes: &[u8], opts: &ReadOptions) -> Result<RawArticle, InputError> {
    let mut warnings = Vec::new();
    let html = normalize::decode(bytes, 0, &mut warnings);
    if html.trim().is_empty() {
        return Err(source.error("empty file"));
    }
    let parsed = catch_unwind(AssertUnwindSafe(|| parse(&html)))
        .map_err(|_| source.error("HTML parser failed: internal error"))?;
    let (article, meta) = parsed.map_err(|e| source.error(format!("HTML parser failed: {e}")))?;

    let body = normalize::clean_text(&article.text_content);
    if body.trim().is_empty() {
        return Err(source.error("no article text found in the HTML"));
    }
    let mut published = None;
    for value in [article.published_time.as_deref(), meta.time_datetime.as_deref()]
        .into_iter()
        .flatten()
    {
        match date::parse_published(value) {
            Some(d) => {
                published = Some(d);
                break;
            }
            None => warnings.push(format!("unparseable publication date \"{value}\" ignored")),
        }
    }

    let mut raw = RawArticle::new(source.stem.clone(), source.path.clone(), body);
    raw.title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    raw.published = published.or(opts.published);
    raw.url = meta
        .canonical
        .or(meta.og_url)
        .or_else(|| non_blank(article.url.as_deref()));
    raw.warnings = warnings;
    Ok(raw)
}

fn parse(html: &str) -> Result<(dom_smoothie::Article, PageMeta), dom_smoothie::ReadabilityError> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(cfg))?;
    let doc = &readability.doc;
    let attr = |selector: &str, name: &str| {
        doc.try_select(selector)
            .and_then(|sel| sel.iter().find_map(|node| non_blank(node.attr(name).as_deref())))
    };
    let meta = PageMeta {
        canonical: attr("link[rel~=canonical][href]", "href"),
        og_url: attr("meta[property=\"og:url\"][content]", "content"),
        time_datetime: attr("time[datetime]", "datetime"),
    };
    let article = readability.parse()?;
    Ok((article, meta))
}

fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Turns an HTML fragment (a feed item's description or content) into text:
/// scripts and styles dropped, whitespace collapsed, block elements separated
/// by blank lines, `<br>` and list items by line breaks.
pub fn fragment_to_text(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    if let Some(sel) = doc.try_select("script, style, noscript, template") {
        sel.remove();
    }
    normalize::clean_text(&doc.formatted_text())
}

/// Whether `text` looks like HTML markup rather than plain text: it has a
/// `<` directly followed by a letter, `/` or `!`, and a `>`.
pub fn looks_like_html(text: &str) -> bool {
    text.contains('>')
        && text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_become_text() {
        let text =
            fragment_to_text("<p>First <b>bold</b> para.</p><script>x()</script><p>Second&nbsp;one &amp; more.</p>");
        assert_eq!(text, "First bold para.\n\nSecond one & more.");
        assert_eq!(fragment_to_text("Line one<br>Line two"), "Line one\nLine two");
    }

    #[test]
    fn html_detection() {
        assert!(looks_like_html("<p>x</p>"));
        assert!(looks_like_html("a <br/> b"));
        assert!(!looks_like_html("3 < 4 and 5 > 2"));
        assert!(!looks_like_html("plain"));
    }
}
