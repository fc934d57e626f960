//! Getting news in from the browser (editor role): paste an article's text
//! with its URL, headline and date, or upload files (text, HTML, JSON Lines,
//! RSS/Atom, WARC, gzip: whatever `casewatch ingest` reads). Each is read by
//! `casewatch-ingest`, extracted, stored and reconciled as the CLI does; the
//! answer lists what was stored and the cases it went into.

use crate::AppState;
use crate::auth::Editor;
use crate::error::{AppError, PageError};
use crate::views::{Nav, UploadPage, UploadResult, render};
use axum::extract::{Form, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use casewatch_ingest::{RawArticle, ReadOptions, Source};
use casewatch_store::{ArticleInput, InsertOutcome, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

/// Largest upload accepted (all files of one request), in bytes.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// `GET /upload`.
pub(crate) async fn page(Editor(who): Editor) -> Response {
    render(
        StatusCode::OK,
        &UploadPage {
            nav: Nav::of(&who),
            results: Vec::new(),
            cases: Vec::new(),
        },
    )
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// An article id from a title or URL (lower-case words joined by `-`).
fn slug(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// A timeline entry an upload added or gave a new source.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub(crate) struct AddedEntry {
    /// Entry id (`E40`).
    pub(crate) id: String,
    /// `new` (a new entry) or `new source` (an entry that was there, now
    /// also reported by an uploaded article).
    pub(crate) change: &'static str,
    /// The date as shown (`2025-05-21`, `2025-05, late`, `undated`).
    pub(crate) date: String,
    /// Event type id.
    #[serde(rename = "type")]
    pub(crate) event_type: String,
    /// Subjects' names (or groups).
    pub(crate) subjects: Vec<String>,
    /// occurred, alleged, denied, not_occurred.
    pub(crate) status: String,
}

/// A case an upload touched, with its new and changed entries.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub(crate) struct CaseAdded {
    /// Case id.
    pub(crate) id: String,
    /// Case title.
    pub(crate) title: String,
    /// Entries new or with a new source, in timeline order.
    pub(crate) entries: Vec<AddedEntry>,
}

/// One line per input, and the cases the new articles are in with what
/// they added.
type Ingested = (Vec<UploadResult>, Vec<CaseAdded>);

fn entry_number(id: &str) -> u64 {
    id.get(1..).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Extracts, stores and reconciles articles; reports, per case of the new
/// articles, the timeline entries they added (`new`: numbered above the
/// last entry number before the ingest, as numbers are never reused) or
/// reported again (`new source`), as `casewatch watch` does.
fn ingest(store: &mut Store, read: Vec<Result<RawArticle, String>>) -> Result<Ingested, AppError> {
    let ex = casewatch_extract::Extractor::english().map_err(|e| AppError::Internal(format!("lexicon: {e}")))?;
    let mut results = Vec::new();
    let mut items = Vec::new();
    let mut outlets: Vec<(String, String)> = Vec::new();
    for r in read {
        match r {
            Err(e) => results.push(UploadResult {
                id: String::new(),
                outcome: format!("not read: {e}"),
                ok: false,
            }),
            Ok(a) => {
                if store.contains(&a.sha256)? {
                    results.push(UploadResult {
                        id: a.id.clone(),
                        outcome: "already stored".into(),
                        ok: true,
                    });
                    continue;
                }
                let rec = ex.extract(a.meta("en"), &a.body).record;
                if let Some(o) = a.outlet {
                    outlets.push((a.sha256, o));
                }
                items.push((rec, a.body));
            }
        }
    }
    let mut new_ids = BTreeSet::new();
    let last_before = store.last_entry_number()?;
    if !items.is_empty() {
        let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
        let outcomes = store.insert_articles(&inputs)?;
        let named: Vec<(&str, &str)> = outlets.iter().map(|(s, o)| (s.as_str(), o.as_str())).collect();
        store.set_outlets(&named)?;
        for ((rec, _), o) in items.iter().zip(outcomes) {
            let new = o == InsertOutcome::New;
            if new {
                new_ids.insert(rec.article.id.clone());
            }
            results.push(UploadResult {
                id: rec.article.id.clone(),
                outcome: if new {
                    format!("stored: {} events extracted", rec.events.len())
                } else {
                    "already stored".into()
                },
                ok: true,
            });
        }
        store.update_cases()?;
    }
    let mut cases: Vec<CaseAdded> = Vec::new();
    for id in &new_ids {
        for c in store.cases_of_article(id)? {
            if cases.iter().any(|x| x.id == c) {
                continue;
            }
            let Some(case) = store.case(&c)? else { continue };
            let entries = case
                .events
                .iter()
                .filter(|e| e.sources.iter().any(|s| new_ids.contains(&s.article)))
                .map(|e| AddedEntry {
                    id: e.id.clone(),
                    change: if entry_number(&e.id) > last_before {
                        "new"
                    } else {
                        "new source"
                    },
                    date: crate::timeline::date_label(&e.date),
                    event_type: e.event_type.as_str().to_string(),
                    subjects: e
                        .subjects
                        .iter()
                        .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
                        .collect(),
                    status: e.status.as_str().to_string(),
                })
                .collect();
            cases.push(CaseAdded {
                id: c,
                title: case.title,
                entries,
            });
        }
    }
    Ok((results, cases))
}

/// A pasted article as read by `casewatch ingest` from a text file: a
/// `date` (and `url:`, `title:`) header in the text also works; the fields
/// given win over the text's header lines.
fn pasted(
    text: &str,
    url: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<&str>,
) -> Result<Result<RawArticle, String>, AppError> {
    if text.trim().is_empty() {
        return Err(AppError::BadRequest("paste the article's text".into()));
    }
    if url
        .as_deref()
        .is_some_and(|u| casewatch_model::outlet_of_url(u).is_none())
    {
        return Err(AppError::BadRequest(
            "the URL must start with http:// or https://".into(),
        ));
    }
    let published = match published.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| AppError::BadRequest(format!("publication date {d:?} is not YYYY-MM-DD")))?,
        ),
        None => None,
    };
    let stem = title
        .as_deref()
        .map(slug)
        .or_else(|| url.as_deref().map(slug))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "pasted".into());
    let source = Source {
        path: url.clone().unwrap_or_else(|| format!("upload:{stem}")),
        stem,
    };
    let opts = ReadOptions {
        published,
        ..ReadOptions::default()
    };
    Ok(casewatch_ingest::text::read_text(&source, text.as_bytes(), &opts)
        .map(|mut a| {
            if a.url.is_none() {
                a.url = url;
            }
            if title.is_some() {
                a.title = title;
            }
            if let Some(o) = outlet.map(|o| o.trim().to_string()).filter(|o| !o.is_empty()) {
                a.outlet = Some(o);
            }
            a
        })
        .map_err(|e| e.reason))
}

/// `POST /upload`: one pasted article (`text`, optional `url`, `title`,
/// `published` as YYYY-MM-DD; a `date` header in the text also works).
pub(crate) async fn paste(
    Editor(who): Editor,
    State(state): State<AppState>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let text = field(&form, "text").unwrap_or_default().to_string();
    let read = pasted(
        &text,
        field(&form, "url").map(str::to_string),
        field(&form, "title").map(str::to_string),
        field(&form, "outlet").map(str::to_string),
        field(&form, "published"),
    )?;
    let (results, cases) = state.pool.run(move |s| ingest(s, vec![read])).await?;
    Ok(render(
        StatusCode::OK,
        &UploadPage {
            nav: Nav::of(&who),
            results,
            cases,
        },
    ))
}

/// An article to add (JSON), as the upload page's paste form takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UploadRequest {
    /// The article's text (a `date YYYY-MM-DD` header line, and `url:` or
    /// `title:` lines after it, are read as by `casewatch ingest`).
    text: String,
    /// The article's URL (http or https).
    url: Option<String>,
    /// The headline.
    title: Option<String>,
    /// The outlet ("Eastmere Courier"); else an `outlet:` line of the text,
    /// else the URL's site is shown.
    outlet: Option<String>,
    /// Publication date, YYYY-MM-DD.
    published: Option<String>,
}

/// What an upload did: one line per article, and per case the entries added
/// or newly sourced.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UploadResponse {
    articles: Vec<UploadLine>,
    cases: Vec<CaseAdded>,
}

/// One article of an upload.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UploadLine {
    /// Article id (empty when the input could not be read).
    id: String,
    /// `stored: N events extracted`, `already stored` or `not read: …`.
    outcome: String,
    ok: bool,
}

/// Add an article: extracted, stored and reconciled as by `casewatch
/// ingest`; the answer lists, per case, the timeline entries it added
/// (`change: "new"`) or gave a new source (`"new source"`). Editor role.
#[utoipa::path(post, path = "/api/v1/articles", request_body = UploadRequest,
    responses((status = 200, description = "What was stored and what it added", body = UploadResponse),
              (status = 400, description = "No text, a bad URL or date", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_upload(
    Editor(_who): Editor,
    State(state): State<AppState>,
    crate::api::ApiJson(req): crate::api::ApiJson<UploadRequest>,
) -> Result<Response, crate::error::ApiError> {
    let read = pasted(&req.text, req.url, req.title, req.outlet, req.published.as_deref())?;
    let (results, cases) = state.pool.run(move |s| ingest(s, vec![read])).await?;
    let body = UploadResponse {
        articles: results
            .into_iter()
            .map(|r| UploadLine {
                id: r.id,
                outcome: r.outcome,
                ok: r.ok,
            })
            .collect(),
        cases,
    };
    Ok((StatusCode::OK, axum::Json(body)).into_response())
}

/// `POST /upload/files`: files (`multipart/form-data`, field `file`), read
/// by their name's extension or sniffed, as `casewatch ingest` reads them.
pub(crate) async fn files(
    Editor(who): Editor,
    State(state): State<AppState>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let dir = std::env::temp_dir().join(format!("casewatch-upload-{}", std::process::id()));
    let mut saved = Vec::new();
    let mut n = 0usize;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("upload: {e}")))?
    {
        let name = field
            .file_name()
            .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).to_string())
            .filter(|f| !f.is_empty() && !f.starts_with('.'));
        let Some(name) = name else { continue };
        let bytes = field
            .bytes()
            .await
            .map_err(|e| AppError::BadRequest(format!("upload of {name}: {e}")))?;
        n += 1;
        let sub = dir.join(format!("{n}"));
        std::fs::create_dir_all(&sub).map_err(|e| AppError::Internal(format!("upload dir: {e}")))?;
        let path = sub.join(&name);
        std::fs::write(&path, &bytes).map_err(|e| AppError::Internal(format!("saving {name}: {e}")))?;
        saved.push(path);
    }
    if saved.is_empty() {
        return Err(AppError::BadRequest("choose at least one file".into()).into());
    }
    let read: Vec<Result<RawArticle, String>> = casewatch_ingest::read_paths(&saved, &ReadOptions::default())
        .map(|r| {
            r.map(|mut a| {
                // The server's temporary path is nobody's business.
                a.source = a.source.rsplit('/').next().unwrap_or_default().to_string();
                a
            })
            .map_err(|e| {
                let file = e.path.rsplit('/').next().unwrap_or_default().to_string();
                format!("{file}: {}", e.reason)
            })
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let (results, cases) = state.pool.run(move |s| ingest(s, read)).await?;
    Ok(render(
        StatusCode::OK,
        &UploadPage {
            nav: Nav::of(&who),
            results,
            cases,
        },
    ))
}
