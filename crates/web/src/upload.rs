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
use axum::response::Response;
use casewatch_ingest::{RawArticle, ReadOptions, Source};
use casewatch_store::{ArticleInput, InsertOutcome, Store};
use std::collections::BTreeSet;

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

/// One line per input, and the cases (id, title) the new articles are in.
type Ingested = (Vec<UploadResult>, Vec<(String, String)>);

/// Extracts, stores and reconciles articles.
fn ingest(store: &mut Store, read: Vec<Result<RawArticle, String>>) -> Result<Ingested, AppError> {
    let ex = casewatch_extract::Extractor::english().map_err(|e| AppError::Internal(format!("lexicon: {e}")))?;
    let mut results = Vec::new();
    let mut items = Vec::new();
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
                items.push((rec, a.body));
            }
        }
    }
    let mut new_ids = BTreeSet::new();
    if !items.is_empty() {
        let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
        let outcomes = store.insert_articles(&inputs)?;
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
    let mut cases = Vec::new();
    for id in &new_ids {
        for c in store.cases_of_article(id)? {
            if !cases.iter().any(|(x, _): &(String, String)| *x == c)
                && let Some(case) = store.case(&c)?
            {
                cases.push((c, case.title));
            }
        }
    }
    Ok((results, cases))
}

/// `POST /upload`: one pasted article (`text`, optional `url`, `title`,
/// `published` as YYYY-MM-DD; a `date` header in the text also works).
pub(crate) async fn paste(
    Editor(who): Editor,
    State(state): State<AppState>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Some(text) = field(&form, "text").map(str::to_string) else {
        return Err(AppError::BadRequest("paste the article's text".into()).into());
    };
    let url = field(&form, "url").map(str::to_string);
    if url
        .as_deref()
        .is_some_and(|u| casewatch_model::outlet_of_url(u).is_none())
    {
        return Err(AppError::BadRequest("the URL must start with http:// or https://".into()).into());
    }
    let title = field(&form, "title").map(str::to_string);
    let published = match field(&form, "published") {
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
    let read = casewatch_ingest::text::read_text(&source, text.as_bytes(), &opts)
        .map(|mut a| {
            if a.url.is_none() {
                a.url = url;
            }
            if title.is_some() {
                a.title = title;
            }
            a
        })
        .map_err(|e| e.reason);
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
