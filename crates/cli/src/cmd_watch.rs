//! Getting news in over HTTP: `casewatch watch FEED_URL...` (poll RSS/Atom
//! feeds politely with conditional GET, fetch each new item's page, ingest
//! it, report the new timeline entries per case) and `casewatch ingest URL`
//! (one page). HTTP is ureq (blocking, rustls); pages and feeds are read by
//! `casewatch-ingest`'s HTML and feed readers.

use anyhow::{Context as _, Result, bail};
use casewatch_extract::Extractor;
use casewatch_ingest::{RawArticle, ReadOptions, Source};
use casewatch_store::{ArticleInput, FeedState, InsertOutcome, Store};
use clap::Args;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

/// The User-Agent of every request: who is asking, so that sites can tell.
pub const USER_AGENT: &str = concat!(
    "casewatch/",
    env!("CARGO_PKG_VERSION"),
    " (press-freedom case monitor; +https://example.invalid/casewatch)"
);

/// Longest wait for one HTTP exchange.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Pause between two requests to the same feed's items (politeness).
const PAUSE: Duration = Duration::from_millis(500);
/// Shortest interval accepted by `--every`.
const MIN_EVERY: Duration = Duration::from_secs(60);

/// `casewatch watch`.
#[derive(Args, Debug)]
pub struct WatchArgs {
    /// RSS or Atom feed URLs.
    #[arg(required = true)]
    feeds: Vec<String>,
    /// Time between polls (`30m`, `1h`, `90s`; at least 1 minute).
    #[arg(long, default_value = "30m", value_parser = parse_every)]
    every: Duration,
    /// Poll once and exit (for cron jobs and tests).
    #[arg(long)]
    once: bool,
    /// Largest page or feed accepted, in bytes.
    #[arg(long, default_value_t = 20_000_000)]
    max_bytes: u64,
    /// Extra lexicon files, as for `ingest`.
    #[arg(long, env = "CASEWATCH_LEXICON", value_delimiter = ',')]
    lexicon: Vec<std::path::PathBuf>,
}

fn parse_every(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e} (write 30m, 1h, 90s)"))?;
    if d < MIN_EVERY {
        return Err(format!("{s:?}: at least 1m between polls, to be polite to the sites"));
    }
    Ok(d)
}

/// The HTTP agent: timeouts, user agent, HTTP errors as responses.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into()
}

/// One fetched resource.
struct Fetched {
    status: u16,
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
}

fn fetch(agent: &ureq::Agent, url: &str, state: &FeedState, max_bytes: u64) -> Result<Fetched> {
    let mut req = agent.get(url);
    if let Some(e) = &state.etag {
        req = req.header("If-None-Match", e);
    }
    if let Some(m) = &state.last_modified {
        req = req.header("If-Modified-Since", m);
    }
    let mut resp = req.call().with_context(|| format!("{url}: request failed"))?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let body = if status == 200 {
        resp.body_mut()
            .with_config()
            .limit(max_bytes)
            .read_to_vec()
            .with_context(|| format!("{url}: reading the answer (at most {max_bytes} bytes)"))?
    } else {
        Vec::new()
    };
    Ok(Fetched {
        status,
        body,
        etag,
        last_modified,
    })
}

/// An article id from a URL: its last path segments, slugged
/// (`https://x.org/news/2025/court-frees-editor.html` → `court-frees-editor`).
pub fn id_from_url(url: &str) -> String {
    let u = url::Url::parse(url).ok();
    let last = u
        .as_ref()
        .and_then(|u| u.path_segments())
        .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_string))
        .unwrap_or_default();
    let stem = last.rsplit_once('.').map_or(last.as_str(), |(a, _)| a);
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        u.and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "page".into())
    } else {
        slug
    }
}

/// Fetches one page and reads it as an article (HTML, or plain text).
pub fn fetch_page(
    agent: &ureq::Agent,
    url: &str,
    max_bytes: u64,
    published: Option<chrono::NaiveDate>,
) -> Result<RawArticle> {
    let f = fetch(agent, url, &FeedState::default(), max_bytes)?;
    if f.status != 200 {
        bail!("{url}: HTTP {}", f.status);
    }
    let source = Source {
        path: url.to_string(),
        stem: id_from_url(url),
    };
    let opts = ReadOptions { max_bytes, published };
    let head = String::from_utf8_lossy(&f.body[..f.body.len().min(4096)]).into_owned();
    let mut article = if casewatch_ingest::html::looks_like_html(&head) {
        casewatch_ingest::html::read_html(&source, &f.body, &opts)
    } else {
        casewatch_ingest::text::read_text(&source, &f.body, &opts)
    }
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if article.url.is_none() {
        article.url = Some(url.to_string());
    }
    Ok(article)
}

/// What one ingest of fetched articles did.
#[derive(Debug, Default)]
pub struct Added {
    /// New articles stored.
    pub new: usize,
    /// Articles already stored.
    pub duplicates: usize,
    /// New timeline entries (case id → entry lines), from the new articles.
    pub entries: BTreeMap<String, Vec<String>>,
}

/// Extracts, stores and reconciles fetched articles; returns the timeline
/// entries the new articles brought, per case.
pub fn ingest_articles(store: &mut Store, ex: &Extractor, articles: Vec<RawArticle>) -> Result<Added> {
    let mut added = Added::default();
    let mut items = Vec::new();
    let mut outlets: Vec<(String, String)> = Vec::new();
    for a in articles {
        if store.contains(&a.sha256)? {
            added.duplicates += 1;
            continue;
        }
        let rec = ex.extract(a.meta("en"), &a.body).record;
        if let Some(o) = a.outlet {
            outlets.push((a.sha256, o));
        }
        items.push((rec, a.body));
    }
    if items.is_empty() {
        return Ok(added);
    }
    let before: BTreeSet<String> = store
        .cases()?
        .cases
        .iter()
        .flat_map(|c| c.events.iter().map(|e| e.id.clone()))
        .collect();
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    let outcomes = store.insert_articles(&inputs)?;
    let named: Vec<(&str, &str)> = outlets.iter().map(|(s, o)| (s.as_str(), o.as_str())).collect();
    store.set_outlets(&named)?;
    added.new = outcomes.iter().filter(|o| **o == InsertOutcome::New).count();
    added.duplicates += outcomes.len() - added.new;
    store.update_cases()?;
    let ids: BTreeSet<&str> = items.iter().map(|(r, _)| r.article.id.as_str()).collect();
    for case in store.cases()?.cases {
        for e in &case.events {
            if !before.contains(&e.id) && e.sources.iter().any(|s| ids.contains(s.article.as_str())) {
                let who: Vec<String> = e
                    .subjects
                    .iter()
                    .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
                    .collect();
                added.entries.entry(case.id.clone()).or_default().push(format!(
                    "{} {} {} {} [{}]",
                    e.id,
                    e.date.display(),
                    e.event_type,
                    who.join(", "),
                    e.status
                ));
            }
        }
    }
    Ok(added)
}

/// Prints what an ingest added, per case.
pub fn report(added: &Added) -> String {
    let mut out = String::new();
    for (case, lines) in &added.entries {
        out.push_str(&format!("{case}: {} new timeline entries\n", lines.len()));
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out
}

/// Polls one feed: conditional GET, then each new item's page.
fn poll(store: &mut Store, ex: &Extractor, agent: &ureq::Agent, feed: &str, max_bytes: u64) -> Result<String> {
    let state = store.feed_state(feed)?;
    let f = fetch(agent, feed, &state, max_bytes)?;
    match f.status {
        304 => return Ok(format!("{feed}: not modified\n")),
        200 => {}
        other => bail!("{feed}: HTTP {other}"),
    }
    let source = Source {
        path: feed.to_string(),
        stem: id_from_url(feed),
    };
    let opts = ReadOptions {
        max_bytes,
        published: None,
    };
    let items = casewatch_ingest::feed::read_feed(&source, &f.body, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut articles = Vec::new();
    let mut fetched = Vec::new();
    let mut errors = String::new();
    for item in items {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                errors.push_str(&format!("  item skipped: {e}\n"));
                continue;
            }
        };
        let key = item.url.clone().unwrap_or_else(|| item.id.clone());
        if store.feed_item_seen(feed, &key)? {
            continue;
        }
        // The item's page holds the full report; the feed's text is the fallback.
        let article = match item.url.as_deref() {
            Some(link) if link.starts_with("http://") || link.starts_with("https://") => {
                std::thread::sleep(PAUSE);
                match fetch_page(agent, link, max_bytes, item.published) {
                    Ok(mut page) => {
                        page.title = page.title.or_else(|| item.title.clone());
                        page.outlet = page.outlet.or_else(|| item.outlet.clone());
                        page.published = page.published.or(item.published);
                        page
                    }
                    Err(e) => {
                        errors.push_str(&format!("  {link}: page not read ({e:#}); the feed's text is used\n"));
                        item
                    }
                }
            }
            _ => item,
        };
        fetched.push((key, article.id.clone()));
        articles.push(article);
    }
    let n = articles.len();
    let added = ingest_articles(store, ex, articles)?;
    for (key, id) in &fetched {
        store.mark_feed_item(feed, key, Some(id))?;
    }
    store.set_feed_state(
        feed,
        &FeedState {
            etag: f.etag,
            last_modified: f.last_modified,
        },
    )?;
    Ok(format!(
        "{feed}: {n} new items, {} new articles, {} already stored\n{errors}{}",
        added.new,
        added.duplicates,
        report(&added)
    ))
}

/// Runs `casewatch watch`: polls every feed, then sleeps `--every`; with
/// `--once`, one round. Exit status 1 when a feed failed in the last round.
pub fn watch(db: &Path, a: &WatchArgs) -> Result<std::process::ExitCode> {
    for f in &a.feeds {
        if casewatch_model::outlet_of_url(f).is_none() {
            bail!("{f:?} is not an http:// or https:// URL");
        }
    }
    let mut ex = Extractor::english().context("loading the built-in lexicon")?;
    for p in &a.lexicon {
        ex.add_lexicon(p)?;
    }
    let mut store = Store::open(db)?;
    store.set_page_cache_mib(casewatch_store::BULK_CACHE_MIB)?;
    let agent = agent();
    loop {
        let mut failed = false;
        for feed in &a.feeds {
            match poll(&mut store, &ex, &agent, feed, a.max_bytes) {
                Ok(out) => crate::print(&out)?,
                Err(e) => {
                    failed = true;
                    eprintln!("error: {e:#}");
                }
            }
        }
        std::io::stdout().flush().ok();
        if a.once {
            return Ok(if failed {
                std::process::ExitCode::from(1)
            } else {
                std::process::ExitCode::SUCCESS
            });
        }
        std::thread::sleep(a.every);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_intervals() {
        assert_eq!(
            id_from_url("https://x.org/news/2025/Court-Frees-Editor.html"),
            "court-frees-editor"
        );
        assert_eq!(id_from_url("https://x.org/"), "x.org");
        assert_eq!(parse_every("30m"), Ok(Duration::from_secs(1800)));
        assert!(parse_every("5s").is_err());
        assert!(parse_every("soon").is_err());
    }
}
