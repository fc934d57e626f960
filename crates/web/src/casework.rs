//! Reviewer decisions about whole cases and people's standing, from forms
//! and the JSON API: a person's current status (set or cleared), a case's
//! title and country, merging two cases, confirming every open entry of a
//! case; and the review queue (unreviewed entries across cases, newest
//! sources first). Each decision goes through `Store::review` (stored,
//! re-applied after every rebuild, audited).

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::{Editor, Principal, Reader};
use crate::error::{ApiError, AppError, PageError};
use crate::views::{Nav, QueueEntryView, QueuePageView, render, urlencode};
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use casewatch_model::{PartialDate, Standing};
use casewatch_store::{AuditEntry, ReviewAction, StatusEdit, Store};
use serde::Deserialize;
use utoipa::ToSchema;

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn date(what: &str, v: Option<&str>) -> Result<Option<PartialDate>, AppError> {
    v.map(|d| {
        d.parse::<PartialDate>()
            .map_err(|_| AppError::BadRequest(format!("{what} {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD")))
    })
    .transpose()
}

fn note_of(v: Option<&str>) -> Result<Option<String>, AppError> {
    match v {
        Some(n) if n.len() > 2000 => Err(AppError::BadRequest("a note has at most 2000 bytes".into())),
        other => Ok(other.map(str::to_string)),
    }
}

/// A status as given by a reviewer; `None` status clears it.
fn status_edit(
    status: Option<&str>,
    since: Option<&str>,
    term: Option<&str>,
    until: Option<&str>,
) -> Result<Option<StatusEdit>, AppError> {
    let Some(s) = status else { return Ok(None) };
    let status = s.parse::<Standing>().map_err(|_| {
        let all: Vec<&str> = Standing::ALL.iter().map(|s| s.as_str()).collect();
        AppError::BadRequest(format!("unknown status {s:?}: one of {}", all.join(", ")))
    })?;
    Ok(Some(StatusEdit {
        status,
        since: date("since", since)?,
        term: term.map(str::to_string),
        until: date("until", until)?,
    }))
}

/// Checks that `person` is in case `case` and sets (or clears) their status.
fn set_status(
    store: &mut Store,
    who: &Principal,
    case: &str,
    person: &str,
    edit: Option<StatusEdit>,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    let c = store
        .case(case)?
        .ok_or_else(|| AppError::NotFound(format!("no case {case}")))?;
    if !c.people.iter().any(|p| p.id == person) {
        return Err(AppError::NotFound(format!("no person {person} in case {case}")));
    }
    Ok(store.review(
        person,
        ReviewAction::SetStatus(edit),
        &who.audit_name(),
        note.as_deref(),
    )?)
}

fn edit_case(
    store: &mut Store,
    who: &Principal,
    case: &str,
    title: Option<Option<String>>,
    country: Option<Option<String>>,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    if store.case(case)?.is_none() {
        return Err(AppError::NotFound(format!("no case {case}")));
    }
    Ok(store.review(
        case,
        ReviewAction::EditCase { title, country },
        &who.audit_name(),
        note.as_deref(),
    )?)
}

fn merge_cases(
    store: &mut Store,
    who: &Principal,
    keep: &str,
    merge: &str,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    for c in [keep, merge] {
        if store.case(c)?.is_none() {
            return Err(AppError::NotFound(format!("no case {c}")));
        }
    }
    Ok(store.review(
        keep,
        ReviewAction::MergeCases {
            merge: merge.to_string(),
        },
        &who.audit_name(),
        note.as_deref(),
    )?)
}

/// `POST /cases/{id}/people/{person}/status`: set (fields `status`, `since`,
/// `term`, `until`, `note`) or clear (`clear`) a person's status.
pub(crate) async fn status_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, person)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let edit = if field(&form, "clear").is_some() {
        None
    } else {
        let Some(status) = field(&form, "status") else {
            return Err(AppError::BadRequest("choose a status, or clear it".into()).into());
        };
        status_edit(
            Some(status),
            field(&form, "since"),
            field(&form, "term"),
            field(&form, "until"),
        )?
    };
    let note = note_of(field(&form, "note"))?;
    let case = id.clone();
    state
        .pool
        .run(move |s| set_status(s, &who, &case, &person, edit, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}#standing", urlencode(&id))).into_response())
}

/// `POST /cases/{id}/meta`: rename a case or set its country (`none` clears).
pub(crate) async fn case_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let clearable = |v: Option<&str>| v.map(|v| Some(v.to_string()).filter(|v| !v.eq_ignore_ascii_case("none")));
    let title = clearable(field(&form, "title"));
    let country = clearable(field(&form, "country"));
    if title.is_none() && country.is_none() {
        return Err(AppError::BadRequest("give a title or a country".into()).into());
    }
    let note = note_of(field(&form, "note"))?;
    let case = id.clone();
    state
        .pool
        .run(move |s| edit_case(s, &who, &case, title, country, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}/review", urlencode(&id))).into_response())
}

/// `POST /cases/{id}/merge`: every article of case `merge` joins this one.
pub(crate) async fn merge_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Some(merge) = field(&form, "merge").map(str::to_string) else {
        return Err(AppError::BadRequest("give the id of the case to merge into this one".into()).into());
    };
    let note = note_of(field(&form, "note"))?;
    let keep = id.clone();
    state
        .pool
        .run(move |s| merge_cases(s, &who, &keep, &merge, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}/review", urlencode(&id))).into_response())
}

/// A person's status set by a reviewer (JSON); `"clear": true` removes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusRequest {
    /// serving, in_custody, house_arrest, convicted_in_absentia, travel_ban,
    /// charges_pending, released, acquitted, unknown.
    status: Option<String>,
    /// Since when (YYYY, YYYY-MM or YYYY-MM-DD).
    since: Option<String>,
    /// The term as worded.
    term: Option<String>,
    /// Until when.
    until: Option<String>,
    /// Go back to the derived status.
    #[serde(default)]
    clear: bool,
    note: Option<String>,
}

/// A case's title or country (JSON); `null` leaves a field, `"none"` clears it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseMetaRequest {
    title: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    country: Option<String>,
    note: Option<String>,
}

/// Merge another case into this one (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MergeCasesRequest {
    /// The case whose articles join this one.
    merge: String,
    note: Option<String>,
}

fn ok(entry: AuditEntry) -> Response {
    (StatusCode::OK, Json(crate::review::audit_value(&entry))).into_response()
}

/// Set or clear a person's current status. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/people/{person}/status",
    params(("id" = String, Path, description = "Case id"), ("person" = String, Path, description = "Person id")),
    request_body = StatusRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc),
              (status = 400, description = "Invalid status", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_status(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, person)): Path<(String, String)>,
    ApiJson(req): ApiJson<StatusRequest>,
) -> Result<Response, ApiError> {
    let edit = match (req.clear, req.status.as_deref()) {
        (true, _) => None,
        (false, None) => return Err(AppError::BadRequest("give \"status\", or \"clear\": true".into()).into()),
        (false, Some(s)) => status_edit(Some(s), req.since.as_deref(), req.term.as_deref(), req.until.as_deref())?,
    };
    let note = note_of(req.note.as_deref())?;
    let entry = state
        .pool
        .run(move |s| set_status(s, &who, &id, &person, edit, note))
        .await?;
    Ok(ok(entry))
}

/// Rename a case or set its country. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/meta",
    params(("id" = String, Path, description = "Case id")), request_body = CaseMetaRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_case(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<CaseMetaRequest>,
) -> Result<Response, ApiError> {
    let clearable = |v: Option<String>| v.map(|v| Some(v).filter(|v| !v.eq_ignore_ascii_case("none")));
    let (title, country) = (clearable(req.title), clearable(req.country));
    if title.is_none() && country.is_none() {
        return Err(AppError::BadRequest("give \"title\" or \"country\"".into()).into());
    }
    let note = note_of(req.note.as_deref())?;
    let entry = state
        .pool
        .run(move |s| edit_case(s, &who, &id, title, country, note))
        .await?;
    Ok(ok(entry))
}

/// Merge another case into this one. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/merge",
    params(("id" = String, Path, description = "Case id that stays")), request_body = MergeCasesRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_merge_cases(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<MergeCasesRequest>,
) -> Result<Response, ApiError> {
    let note = note_of(req.note.as_deref())?;
    let entry = state
        .pool
        .run(move |s| merge_cases(s, &who, &id, &req.merge, note))
        .await?;
    Ok(ok(entry))
}

/// Queue paging (`?page=N`, 20 per page; `?case=c1` for one case).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct QueueQuery {
    /// Page, from 1.
    page: Option<u64>,
    /// Only this case.
    case: Option<String>,
}

const QUEUE_PAGE: u64 = 20;

/// `GET /review`: the review queue, newest sources first, each entry with
/// its evidence and Confirm (access key `c`) / Reject (`x`) on the first.
pub(crate) async fn queue_page(
    Reader(who): Reader,
    State(state): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, PageError> {
    let page = q.page.unwrap_or(1).max(1);
    let case = q.case.clone().filter(|c| !c.is_empty());
    let (queue, texts) = state
        .pool
        .run(move |s| {
            let queue = s.review_queue(case.as_deref(), (page - 1) * QUEUE_PAGE, QUEUE_PAGE)?;
            let mut ids: Vec<&str> = queue
                .items
                .iter()
                .flat_map(|i| i.entry.sources.iter().map(|s| s.article.as_str()))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let texts: std::collections::HashMap<String, casewatch_store::ArticleText> =
                s.article_texts(&ids)?.into_iter().map(|t| (t.id.clone(), t)).collect();
            Ok((queue, texts))
        })
        .await?;
    let mut items = Vec::with_capacity(queue.items.len());
    let mut case_ids: Vec<(String, String)> = Vec::new();
    for it in &queue.items {
        let shell = casewatch_model::Case {
            id: it.case.clone(),
            title: it.case_title.clone(),
            people: vec![],
            organizations: vec![],
            charges: vec![],
            events: vec![],
            articles: vec![],
            related_cases: vec![],
        };
        if !case_ids.iter().any(|(c, _)| *c == it.case) {
            case_ids.push((it.case.clone(), it.case_title.clone()));
        }
        items.push(QueueEntryView {
            case: it.case.clone(),
            case_title: it.case_title.clone(),
            e: crate::pages::entry_view(&shell, &it.entry, &texts),
        });
    }
    let pages = queue.total.div_ceil(QUEUE_PAGE).max(1);
    let filter = q
        .case
        .as_deref()
        .map(|c| format!("&case={}", urlencode(c)))
        .unwrap_or_default();
    let view = QueuePageView {
        nav: Nav::of(&who),
        items,
        total: queue.total as usize,
        page,
        pages,
        prev: (page > 1).then(|| format!("/review?page={}{filter}", page - 1)),
        next: (page < pages).then(|| format!("/review?page={}{filter}", page + 1)),
        cases: case_ids,
    };
    Ok(render(StatusCode::OK, &view))
}

/// `POST /cases/{id}/confirm-all`: confirm every open entry of a case.
pub(crate) async fn confirm_all_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let note = note_of(field(&form, "note"))?;
    let back_to_queue = field(&form, "back") == Some("queue");
    let case = id.clone();
    state
        .pool
        .run(move |s| {
            if s.case(&case)?.is_none() {
                return Err(AppError::NotFound(format!("no case {case}")));
            }
            Ok(s.review(&case, ReviewAction::ConfirmCase, &who.audit_name(), note.as_deref())?)
        })
        .await?;
    let to = if back_to_queue {
        "/review".to_string()
    } else {
        format!("/cases/{}/review", urlencode(&id))
    };
    Ok(Redirect::to(&to).into_response())
}

/// The review queue: unreviewed entries across cases, newest sources first
/// (20 per page).
#[utoipa::path(get, path = "/api/v1/queue", params(QueueQuery),
    responses((status = 200, description = "`{\"total\": N, \"entries\": [{\"case\": …, \"case_title\": …, \"entry\": …}]}`", body = serde_json::Value)))]
pub(crate) async fn api_queue(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let page = q.page.unwrap_or(1).max(1);
    let case = q.case.filter(|c| !c.is_empty());
    let queue = state
        .pool
        .run(move |s| Ok(s.review_queue(case.as_deref(), (page - 1) * QUEUE_PAGE, QUEUE_PAGE)?))
        .await?;
    let entries: Vec<serde_json::Value> = queue
        .items
        .iter()
        .map(|i| serde_json::json!({"case": i.case, "case_title": i.case_title, "entry": i.entry}))
        .collect();
    Ok(Json(
        serde_json::json!({"total": queue.total, "page": page, "entries": entries}),
    ))
}

/// Confirm every entry of a case no reviewer has decided on. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/confirm-all",
    params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "The audit entry (`confirm_case`, listing the entries)", body = crate::api_doc::AuditEntryDoc),
              (status = 400, description = "Nothing left to confirm", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_confirm_all(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let entry = state
        .pool
        .run(move |s| {
            if s.case(&id)?.is_none() {
                return Err(AppError::NotFound(format!("no case {id}")));
            }
            Ok(s.review(&id, ReviewAction::ConfirmCase, &who.audit_name(), None)?)
        })
        .await?;
    Ok(ok(entry))
}

/// A timeline entry added by hand (JSON or form): a quote from a stored
/// article (`article` + `quote`), or `source_note` for a court document.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddEntryRequest {
    /// Event type (taxonomy id).
    #[serde(rename = "type")]
    event_type: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    date: Option<String>,
    /// occurred (default), alleged, denied, not_occurred.
    status: Option<String>,
    /// Person or organisation ids of the case (or group descriptions).
    #[serde(default)]
    subjects: Vec<String>,
    detail: Option<String>,
    /// The article the quote is from.
    article: Option<String>,
    /// The passage, exactly as in the article.
    quote: Option<String>,
    /// The source when it is not a stored article.
    source_note: Option<String>,
    note: Option<String>,
}

fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl AddEntryRequest {
    fn into_new(self) -> Result<(casewatch_store::NewEntry, Option<String>), AppError> {
        use casewatch_store::{EntrySource, NewEntry};
        let bad = |m: String| AppError::BadRequest(m);
        let source = match (nonempty(self.article), nonempty(self.quote), nonempty(self.source_note)) {
            (Some(article), Some(quote), None) => EntrySource::Quote { article, quote },
            (None, None, Some(n)) => EntrySource::Note(n),
            _ => {
                return Err(bad(
                    "give a quote from a stored article (article and quote), or a source note".into(),
                ));
            }
        };
        let event_type = self
            .event_type
            .parse()
            .map_err(|_| bad(format!("unknown event type {:?}", self.event_type)))?;
        let status = match nonempty(self.status) {
            Some(s) => s.parse().map_err(|_| bad(format!("unknown status {s:?}")))?,
            None => casewatch_model::Status::Occurred,
        };
        let subjects = self
            .subjects
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| {
                let is_id = s.len() > 1 && s.starts_with(['P', 'O']) && s[1..].chars().all(|c| c.is_ascii_digit());
                casewatch_model::Subject {
                    reference: is_id.then(|| s.to_string()),
                    group: (!is_id).then(|| s.to_string()),
                    ..Default::default()
                }
            })
            .collect();
        Ok((
            NewEntry {
                event_type,
                date: casewatch_model::EventDate {
                    value: date("date", nonempty(self.date).as_deref())?,
                    ..Default::default()
                },
                status,
                subjects,
                detail: nonempty(self.detail),
                source,
            },
            note_of(self.note.as_deref())?,
        ))
    }
}

fn add_entry(store: &mut Store, who: &Principal, case: &str, req: AddEntryRequest) -> Result<AuditEntry, AppError> {
    if store.case(case)?.is_none() {
        return Err(AppError::NotFound(format!("no case {case}")));
    }
    let (new, note) = req.into_new()?;
    Ok(store.review(
        case,
        ReviewAction::AddEntry(Box::new(new)),
        &who.audit_name(),
        note.as_deref(),
    )?)
}

/// `POST /cases/{id}/entries`: the add-entry form (fields as the JSON request;
/// `subjects` one per field).
pub(crate) async fn add_entry_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let get = |k: &str| field(&form, k).map(str::to_string);
    let req = AddEntryRequest {
        event_type: get("type").unwrap_or_default(),
        date: get("date"),
        status: get("status"),
        subjects: form
            .iter()
            .filter(|(k, _)| k == "subject")
            .map(|(_, v)| v.clone())
            .collect(),
        detail: get("detail"),
        article: get("article"),
        quote: get("quote"),
        source_note: get("source_note"),
        note: get("note"),
    };
    let case = id.clone();
    let entry = state.pool.run(move |s| add_entry(s, &who, &case, req)).await?;
    Ok(Redirect::to(&format!("/cases/{}#{}", urlencode(&id), urlencode(&entry.target))).into_response())
}

/// Add a timeline entry by hand. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/entries",
    params(("id" = String, Path, description = "Case id")), request_body = AddEntryRequest,
    responses((status = 200, description = "The audit entry (`target` is the new entry id)", body = crate::api_doc::AuditEntryDoc),
              (status = 400, description = "Invalid entry (a quote not in the article, an unknown subject)", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_add_entry(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<AddEntryRequest>,
) -> Result<Response, ApiError> {
    let entry = state.pool.run(move |s| add_entry(s, &who, &id, req)).await?;
    Ok(ok(entry))
}

/// Merge another entry into this one, or split subjects off it (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryOpRequest {
    /// For a merge: the entry that goes.
    merge: Option<String>,
    /// For a split: the subjects (person ids) that get an entry of their own.
    #[serde(default)]
    subjects: Vec<String>,
    /// For a split: the new entry's detail.
    detail: Option<String>,
    note: Option<String>,
}

fn entry_op(
    store: &mut Store,
    who: &Principal,
    case: &str,
    event: &str,
    action: ReviewAction,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    let c = store
        .case(case)?
        .ok_or_else(|| AppError::NotFound(format!("no case {case}")))?;
    if !c.events.iter().any(|e| e.id == event) {
        return Err(AppError::NotFound(format!("no event {event} in case {case}")));
    }
    Ok(store.review(event, action, &who.audit_name(), note.as_deref())?)
}

/// Merge another entry of the case into this one. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/events/{event}/merge",
    params(("id" = String, Path, description = "Case id"), ("event" = String, Path, description = "The entry that stays")),
    request_body = EntryOpRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_merge_entries(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, event)): Path<(String, String)>,
    ApiJson(req): ApiJson<EntryOpRequest>,
) -> Result<Response, ApiError> {
    let Some(merge) = nonempty(req.merge) else {
        return Err(AppError::BadRequest("give \"merge\": the entry that goes".into()).into());
    };
    let note = note_of(req.note.as_deref())?;
    let entry = state
        .pool
        .run(move |s| entry_op(s, &who, &id, &event, ReviewAction::MergeEntries { merge }, note))
        .await?;
    Ok(ok(entry))
}

/// Split subjects off an entry into an entry of their own. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/events/{event}/split",
    params(("id" = String, Path, description = "Case id"), ("event" = String, Path, description = "Entry id")),
    request_body = EntryOpRequest,
    responses((status = 200, description = "The audit entry (`after.new` is the new entry)", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_split_entry(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, event)): Path<(String, String)>,
    ApiJson(req): ApiJson<EntryOpRequest>,
) -> Result<Response, ApiError> {
    let note = note_of(req.note.as_deref())?;
    let action = ReviewAction::SplitEntry {
        subjects: req.subjects,
        detail: nonempty(req.detail),
    };
    let entry = state
        .pool
        .run(move |s| entry_op(s, &who, &id, &event, action, note))
        .await?;
    Ok(ok(entry))
}
