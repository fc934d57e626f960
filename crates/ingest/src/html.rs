//! HTML inputs: the main article text (Readability via `dom_smoothie`,
//! paragraphs separated by blank lines), title, publication date and URL.
//!
//! The date comes from `<meta property="article:published_time">` (and the
//! other meta keys Readability knows) or JSON-LD `datePublished`, else from
//! the first `<time datetime>`. The URL comes from `<link rel="canonical">`,
//! else `<meta property="og:url">`, else JSON-LD `url`. The outlet is
//! JSON-LD `publisher.name`, else `<meta property="og:site_name">` (both as
//! Readability reads them), else `<meta name="application-name">`. Metadata queries use
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
    application_name: Option<String>,
}

/// The deepest element nesting a page may have: 512. Real pages stay under
/// about 60; a page nested deeper (100,000 `<div>`s) would make the parser
/// and the Readability pass, which walk the tree recursively and compare
/// ancestors, take minutes. Measured by [`nesting_exceeds`] before parsing.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never hold others, or that the parser closes by itself when
/// the next one opens (`<p>`, `<li>`, table cells): not counted as nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "tr", "td", "th", "frame", "keygen",
];

/// Elements whose content is raw text up to their closing tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext", "noscript"];

/// Whether the elements of `html` nest deeper than `limit`, by one linear
/// scan of its tags (comments, declarations and raw-text elements skipped;
/// self-closing tags and the elements of [`NOT_NESTING`] not counted). An
/// upper bound of the depth the parser builds for ordinary markup.
pub fn nesting_exceeds(html: &str, limit: usize) -> bool {
    let b = html.as_bytes();
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b.get(from..)?
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|i| from + i)
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr_lt(b, i) else { break };
        i = lt + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i = find(i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
            .map_or(b.len(), |k| name_start + k);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let gt = b[name_end..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |k| name_end + k);
        i = (gt + 1).min(b.len());
        let self_closing = gt > name_end && b[gt - 1] == b'/';
        if NOT_NESTING.contains(&name.as_str()) || (self_closing && !closing) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find(i, close.as_bytes()).map_or(b.len(), |e| e + close.len());
            continue;
        }
        depth += 1;
        if depth > limit {
            return true;
        }
    }
    false
}

fn memchr_lt(b: &[u8], from: usize) -> Option<usize> {
    b[from..].iter().position(|&c| c == b'<').map(|k| from + k)
}

/// The text of `html` with every tag dropped (a fallback for fragments too
/// deeply nested to parse): a tag is a space (one per run), entities are left as they are.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    normalize::clean_text(out.trim())
}

/// Reads one article from the raw bytes of an HTML page (decoded as UTF-8).
///
/// # Errors
///
/// `"empty file"` for a blank page, `"HTML nested deeper than 512
/// elements: …"` (see [`MAX_HTML_DEPTH`]), `"no article text found in the HTML"`
/// when Readability finds no text, `"HTML parser failed: …"` if the parser
/// gives up (or panics, which is caught).
pub fn read_html(source: &Source, bytes: &[u8], opts: &ReadOptions) -> Result<RawArticle, InputError> {
    let mut warnings = Vec::new();
    let html = normalize::decode(bytes, 0, &mut warnings);
    if html.trim().is_empty() {
        return Err(source.error("empty file"));
    }
    if nesting_exceeds(&html, MAX_HTML_DEPTH) {
        return Err(source.error(format!(
            "HTML nested deeper than {MAX_HTML_DEPTH} elements: refused (not a readable article page)"
        )));
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
    // Readability's site name: JSON-LD publisher.name, else og:site_name.
    raw.outlet = non_blank(article.site_name.as_deref())
        .or(meta.application_name)
        .and_then(|o| crate::article::outlet_name(&o));
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
        application_name: attr("meta[name=\"application-name\"][content]", "content"),
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
/// by blank lines, `<br>` and list items by line breaks. A fragment nested
/// deeper than [`MAX_HTML_DEPTH`] is not parsed: its tags are dropped.
pub fn fragment_to_text(html: &str) -> String {
    if nesting_exceeds(html, MAX_HTML_DEPTH) {
        return strip_tags(html);
    }
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
    fn nesting_is_measured_linearly() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(600),
            "</div>".repeat(600)
        );
        assert!(nesting_exceeds(&deep, MAX_HTML_DEPTH));
        let deep_unclosed = format!("<body>{}text", "<span><b>".repeat(100_000));
        assert!(nesting_exceeds(&deep_unclosed, MAX_HTML_DEPTH));
        // siblings, auto-closed paragraphs, void and self-closing tags, comments and scripts do not nest
        let wide = format!(
            "<body><!-- <div><div> -->{}{}{}<script>if (a<b) {{ '<div>' }}</script></body>",
            "<div>a</div>".repeat(10_000),
            "<p>para".repeat(5_000),
            "<br><img src=x/><x-y/>".repeat(5_000)
        );
        assert!(!nesting_exceeds(&wide, MAX_HTML_DEPTH));
        assert!(!nesting_exceeds("<a>b</a", 1));
        assert!(nesting_exceeds("<a><b>", 1));
    }

    #[test]
    fn deep_pages_are_refused_and_deep_fragments_stripped() {
        let src = Source {
            path: "deep.html".into(),
            stem: "deep".into(),
        };
        let page = format!(
            "<html><body>{}<p>The court fined the editor.</p></body></html>",
            "<div>".repeat(100_000)
        );
        let err = read_html(&src, page.as_bytes(), &ReadOptions::default()).unwrap_err();
        assert!(err.reason.starts_with("HTML nested deeper than 512 elements"), "{err}");
        let frag = format!("{}The court fined the editor.", "<div>".repeat(1_000));
        assert_eq!(fragment_to_text(&frag), "The court fined the editor.");
    }

    #[test]
    fn html_detection() {
        assert!(looks_like_html("<p>x</p>"));
        assert!(looks_like_html("a <br/> b"));
        assert!(!looks_like_html("3 < 4 and 5 > 2"));
        assert!(!looks_like_html("plain"));
    }
}
