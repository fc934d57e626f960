//! Atom feeds of new and changed timeline entries, so that monitors follow a
//! case in any feed reader: `/cases/{id}/feed.atom` (one case) and
//! `/feed.atom` (all cases). An entry is "updated" at the later of its
//! latest source's publication date and its latest review decision; the
//! newest 50 are listed. Written with atom_syndication (escaping and dates
//! are the crate's). Feeds need a reader like every page (a session, a
//! bearer token, or `--public-read`), and, because a feed reader can rarely
//! log in or send a header, they also take an API token as the query
//! parameter `?token=` (checked like a bearer token: only its SHA-256 is
//! stored; only the feeds read it). Without any of these a feed answers `401`
//! (no redirect to the login page: a feed reader cannot follow it).

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::timeline::{date_label, status_words, type_label};
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use casewatch_store::QueueItem;
use chrono::{NaiveDate, TimeZone as _, Utc};

const FEED_ENTRIES: u64 = 50;

/// The `token` query parameter of a feed URL, if any (percent-decoded).
fn query_token(parts: &Parts) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct TokenQuery {
        token: Option<String>,
    }
    axum::extract::Query::<TokenQuery>::try_from_uri(&parts.uri)
        .ok()
        .and_then(|q| q.0.token)
        .map(|t| t.trim().to_string())
}

/// Who may read a feed: `?token=` (an API token), else a bearer token or a
/// session, else anyone under `--public-read`. A missing or unknown
/// credential is `401` with `WWW-Authenticate`.
pub(crate) struct FeedReader;

/// The refusal of [`FeedReader`].
pub(crate) struct FeedRefusal(StatusCode);

impl IntoResponse for FeedRefusal {
    fn into_response(self) -> Response {
        if self.0 != StatusCode::UNAUTHORIZED {
            return (self.0, "the feed cannot be read now; try again later\n").into_response();
        }
        (
            self.0,
            [
                (header::WWW_AUTHENTICATE, "Bearer realm=\"casewatch\""),
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            ],
            "this feed needs a login, an API token (Authorization: Bearer …) or ?token=…\n",
        )
            .into_response()
    }
}

impl FromRequestParts<AppState> for FeedReader {
    type Rejection = FeedRefusal;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let refused = FeedRefusal(StatusCode::UNAUTHORIZED);
        if let Some(secret) = query_token(parts) {
            if secret.is_empty() || secret.len() > 256 {
                return Err(refused);
            }
            let token = state
                .pool
                .run(move |s| Ok(s.token_by_secret(&secret)?))
                .await
                .map_err(|_| FeedRefusal(StatusCode::SERVICE_UNAVAILABLE))?;
            return token.map(|_| FeedReader).ok_or(refused);
        }
        match crate::auth::principal(state, &parts.headers).await {
            Ok(Some(_)) => Ok(FeedReader),
            Ok(None) if state.config.public_read => Ok(FeedReader),
            Ok(None) | Err(AppError::Unauthorized) => Err(refused),
            Err(_) => Err(FeedRefusal(StatusCode::SERVICE_UNAVAILABLE)),
        }
    }
}

/// `updated` as a date-time: RFC 3339 as is, a date at midnight UTC.
fn when(updated: &str) -> FixedDateTime {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(updated) {
        return t;
    }
    let day = NaiveDate::parse_from_str(updated, "%Y-%m-%d").unwrap_or_default();
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .fixed_offset()
}

/// The site's base URL, from the request's Host header.
fn base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

fn entry(base: &str, item: &QueueItem, updated: &str) -> Entry {
    let e = &item.entry;
    let who: Vec<String> = e
        .subjects
        .iter()
        .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
        .collect();
    let href = format!("{base}/cases/{}#{}", item.case, e.id);
    let mut summary = format!(
        "{}{} · {} · {} · review: {}",
        date_label(&e.date),
        if e.date.inferred { " (date inferred)" } else { "" },
        type_label(e.event_type),
        status_words(e.status),
        e.review
    );
    if let Some(d) = &e.detail {
        summary.push_str(&format!(" · {d}"));
    }
    let mut body = String::new();
    for s in &e.sources {
        body.push_str(&format!(
            "“{}” — {}{}\n",
            s.sentence,
            s.title.as_deref().unwrap_or(&s.article),
            s.published.map(|d| format!(", {d}")).unwrap_or_default()
        ));
    }
    let mut out = Entry::default();
    out.set_id(format!("{base}/cases/{}/entries/{}", item.case, e.id));
    out.set_title(format!(
        "{}: {} {}{}",
        item.case_title,
        type_label(e.event_type),
        who.join(", "),
        if e.date.value.is_some() {
            format!(" ({})", date_label(&e.date))
        } else {
            String::new()
        }
    ));
    out.set_updated(when(updated));
    out.set_summary(Some(Text::plain(summary)));
    let mut content = Content::default();
    content.set_content_type(Some("text".to_string()));
    content.set_value(Some(body));
    out.set_content(Some(content));
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel("alternate");
    out.set_links(vec![link]);
    out
}

fn feed(base: &str, id: String, title: String, self_href: String, items: &[(QueueItem, String)]) -> Response {
    let mut f = Feed::default();
    f.set_id(id);
    f.set_title(title);
    let newest = items
        .iter()
        .map(|(_, u)| when(u))
        .max()
        .unwrap_or_else(|| Utc.timestamp_opt(0, 0).single().unwrap_or_default().fixed_offset());
    f.set_updated(newest);
    let mut me = Link::default();
    me.set_href(self_href);
    me.set_rel("self");
    f.set_links(vec![me]);
    let mut author = Person::default();
    author.set_name("casewatch");
    f.set_authors(vec![author]);
    f.set_entries(items.iter().map(|(i, u)| entry(base, i, u)).collect::<Vec<_>>());
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        f.to_string(),
    )
        .into_response()
}

/// `GET /cases/{id}/feed.atom`.
pub(crate) async fn case_feed(
    _: FeedReader,
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let lookup = id.clone();
    let (title, items) = state
        .pool
        .run(move |s| {
            let Some(case) = s.case(&lookup)? else {
                return Err(AppError::NotFound(format!("no case {lookup}")));
            };
            Ok((case.title, s.recent_entries(Some(&lookup), FEED_ENTRIES)?))
        })
        .await?;
    let base = base(&headers);
    Ok(feed(
        &base,
        format!("{base}/cases/{id}"),
        format!("{title} — casewatch timeline"),
        format!("{base}/cases/{id}/feed.atom"),
        &items,
    ))
}

/// `GET /feed.atom`: every case.
pub(crate) async fn all_feed(
    _: FeedReader,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let items = state
        .pool
        .run(move |s| Ok(s.recent_entries(None, FEED_ENTRIES)?))
        .await?;
    let base = base(&headers);
    Ok(feed(
        &base,
        format!("{base}/cases"),
        "casewatch — new and changed timeline entries".into(),
        format!("{base}/feed.atom"),
        &items,
    ))
}
