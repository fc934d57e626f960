//! Export downloads on the case page: the formats casewatch-export provides
//! (case as JSON Lines, events and people as CSV, dossier as Markdown and
//! HTML), each served as an attachment.

use crate::AppState;
use crate::auth::Reader;
use crate::error::{AppError, PageError};
use crate::views::{ExportLink, urlencode};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use casewatch_model::CaseFile;

/// The downloadable files: URL name, label, content type.
const FORMATS: &[(&str, &str, &str)] = &[
    ("case.jsonl", "JSON Lines", "application/x-ndjson; charset=utf-8"),
    ("events.csv", "events CSV", "text/csv; charset=utf-8"),
    ("people.csv", "people CSV", "text/csv; charset=utf-8"),
    ("dossier.md", "dossier (Markdown)", "text/markdown; charset=utf-8"),
    ("dossier.html", "dossier (HTML)", "text/html; charset=utf-8"),
];

/// The download links of a case.
pub(crate) fn links(case: &str) -> Vec<ExportLink> {
    FORMATS
        .iter()
        .map(|(file, label, _)| ExportLink {
            href: format!("/cases/{}/export/{file}", urlencode(case)),
            label: (*label).to_string(),
        })
        .collect()
}

/// `GET /cases/{id}/export/{file}`: one export of one case, as an attachment.
pub(crate) async fn download(
    Reader(_): Reader,
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let Some(&(name, _, content_type)) = FORMATS.iter().find(|(f, _, _)| *f == file) else {
        return Err(AppError::NotFound(format!(
            "no export {file:?} (one of case.jsonl, events.csv, people.csv, dossier.md, dossier.html)"
        ))
        .into());
    };
    let lookup = id.clone();
    let case = state
        .pool
        .run(move |s| {
            s.case(&lookup)?
                .ok_or_else(|| AppError::NotFound(format!("no case {lookup}")))
        })
        .await?;
    let internal = |e: casewatch_export::ExportError| AppError::Internal(e.to_string());
    let body = match name {
        "case.jsonl" => casewatch_export::cases_jsonl(&CaseFile { cases: vec![case] }),
        "events.csv" => casewatch_export::events_csv(&CaseFile { cases: vec![case] }).map_err(internal)?,
        "people.csv" => casewatch_export::people_csv(&CaseFile { cases: vec![case] }).map_err(internal)?,
        "dossier.md" => casewatch_export::dossier_markdown(&case),
        _ => casewatch_export::dossier_html(&case),
    };
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"casewatch-{safe}-{name}\"");
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(resp)
}
