//! Splitting a case from the review page's form and the JSON API: the chosen articles (or the articles naming the chosen people) become a new case (`Store::review` with `ReviewAction::SplitCase`: stored, re-applied after every rebuild, audited).

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::{Editor, Principal};
use crate::error::{ApiError, AppError, PageError};
use crate::views::urlencode;
use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use casewatch_store::{AuditEntry, ReviewAction, Store};
use serde::Deserialize;
use utoipa::ToSchema;

/// Most articles or people one request may name.
const MAX_CHOSEN: usize = 1000;

fn split(
    store: &mut Store,
    who: &Principal,
    case: &str,
    articles: Vec<String>,
    people: Vec<String>,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    if store.case(case)?.is_none() {
        return Err(AppError::NotFound(format!("no case {case}")));
    }
    if articles.len() + people.len() > MAX_CHOSEN {
        return Err(AppError::BadRequest(format!(
            "choose at most {MAX_CHOSEN} articles and people"
        )));
    }
    if note.as_deref().is_some_and(|n| n.len() > 2000) {
        return Err(AppError::BadRequest("a note has at most 2000 bytes".into()));
    }
    Ok(store.review(
        case,
        ReviewAction::SplitCase { articles, people },
        &who.audit_name(),
        note.as_deref(),
    )?)
}

fn values(form: &[(String, String)], name: &str) -> Vec<String> {
    form.iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// `POST /cases/{id}/split`: fields `article` and `person` (repeatable
/// checkboxes) and `note`; redirects to the new case.
pub(crate) async fn split_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (articles, people) = (values(&form, "article"), values(&form, "person"));
    if articles.is_empty() && people.is_empty() {
        return Err(AppError::BadRequest("tick the articles or people that go to the new case".into()).into());
    }
    let note = values(&form, "note").into_iter().next();
    let entry = state
        .pool
        .run(move |s| split(s, &who, &id, articles, people, note))
        .await?;
    let new = entry.after["new_case"].as_str().unwrap_or_default();
    Ok(Redirect::to(&format!("/cases/{}", urlencode(new))).into_response())
}

/// Split a case (JSON): the articles, and the case's articles that name the
/// people, become a new case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SplitCaseRequest {
    /// Article ids of the case that go to the new case.
    #[serde(default)]
    articles: Vec<String>,
    /// Person ids whose articles in the case go to the new case.
    #[serde(default)]
    people: Vec<String>,
    note: Option<String>,
}

/// Split a case: returns the audit entry, whose `after.new_case` is the new
/// case's id. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/split",
    params(("id" = String, Path, description = "Case id")), request_body = SplitCaseRequest,
    responses((status = 200, description = "The audit entry; after.new_case is the new case", body = crate::api_doc::AuditEntryDoc),
              (status = 400, description = "Nothing chosen, an article not in the case, or every article", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_split_case(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<SplitCaseRequest>,
) -> Result<Response, ApiError> {
    if req.articles.is_empty() && req.people.is_empty() {
        return Err(AppError::BadRequest("give \"articles\" or \"people\"".into()).into());
    }
    let entry = state
        .pool
        .run(move |s| split(s, &who, &id, req.articles, req.people, req.note))
        .await?;
    Ok((StatusCode::OK, Json(crate::review::audit_value(&entry))).into_response())
}
