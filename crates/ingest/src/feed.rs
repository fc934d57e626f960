//! RSS and Atom feeds (RSS 0.9x/1.0/2.0, Atom 1.0, via `feed-rs`): one
//! article per item.
//!
//! For each item: `id` is the item's own id (RSS `guid`, Atom `id`), else
//! `"<file stem>-<item number>"`; `source` is `"<path>#<item number>"`
//! (1-based); `url` is the item's link (the first `alternate` or rel-less
//! one); `published` is its publication date, else its update date (both as
//! UTC dates: `feed-rs` converts timestamps to UTC), else
//! [`ReadOptions::published`]; `title` is its title; the body is its content
//! (`content:encoded`, Atom `content`), else its description/summary,
//! converted from HTML to text (paragraphs separated by blank lines) unless
//! it is plain text. An item with neither is an error naming the item.

use std::io::{BufRead, Read};

use feed_rs::model::{Entry, Text};
use feed_rs::parser::Builder;

use crate::format::{Articles, Reader};
use crate::html::{fragment_to_text, looks_like_html};
use crate::{InputError, RawArticle, ReadOptions, Source, input, normalize};

/// Reads a whole input as an RSS or Atom feed.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeedReader;

impl Reader for FeedReader {
    fn read(&self, source: &Source, mut input: Box<dyn BufRead>, opts: &ReadOptions) -> Articles {
        let mut bytes = Vec::new();
        if let Err(e) = input.read_to_end(&mut bytes) {
            return Box::new(std::iter::once(Err(source.error(input::reason(&e)))));
        }
        match read_feed(source, &bytes, opts) {
            Ok(items) => Box::new(items.into_iter()),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }
}

/// Parses a feed document into one result per item.
///
/// # Errors
///
/// `"invalid feed: …"` when the document is not a feed `feed-rs` can read;
/// `"feed has no items"` when it has none.
pub fn read_feed(
    source: &Source,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Vec<Result<RawArticle, InputError>>, InputError> {
    // Ids feed-rs would invent (hashes, random UUIDs) are replaced by ours,
    // so the same feed always gives the same ids.
    let parser = Builder::new().id_generator(|_, _, _| String::new()).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| source.error(format!("invalid feed: {e}")))?;
    if feed.entries.is_empty() {
        return Err(source.error("feed has no items"));
    }
    let outlet = feed
        .title
        .as_ref()
        .map(text_of)
        .and_then(|t| crate::article::outlet_name(&t));
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            item(source, i + 1, entry, opts).map(|mut a| {
                a.outlet.clone_from(&outlet);
                a
            })
        })
        .collect())
}

fn item(source: &Source, n: usize, entry: &Entry, opts: &ReadOptions) -> Result<RawArticle, InputError> {
    let html_body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.essence().to_string())));
    let summary = entry
        .summary
        .as_ref()
        .map(|t| (t.content.as_str(), t.content_type.essence().to_string()));
    let body = [html_body, summary]
        .into_iter()
        .flatten()
        .map(|(text, mime)| to_text(text, &mime))
        .find(|t| !t.trim().is_empty())
        .ok_or_else(|| source.error(format!("item {n} has no content or description")))?;

    let id = Some(entry.id.trim())
        .filter(|id| !id.is_empty())
        .map_or_else(|| format!("{}-{n}", source.stem), str::to_string);
    let mut article = RawArticle::new(id, format!("{}#{n}", source.path), body);
    article.title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    article.url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    article.published = entry
        .published
        .or(entry.updated)
        .map(|ts| ts.date_naive())
        .or(opts.published);
    Ok(article)
}

/// Text of a feed field: HTML converted, plain text only cleaned.
fn to_text(content: &str, mime: &str) -> String {
    if mime == "text/plain" && !looks_like_html(content) {
        normalize::clean_text(content.trim())
    } else {
        fragment_to_text(content)
    }
}

fn text_of(text: &Text) -> String {
    to_text(&text.content, &text.content_type.essence().to_string())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
