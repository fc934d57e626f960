//! Review: the review page of a case (events, people merge/split forms,
//! audit log), the edit form of an event, the form handlers and the JSON
//! review endpoints. Every decision goes through `Store::review`, which
//! writes the audit log (user, before, after); admin changes go through
//! `Store::record_audit`.

use crate::AppState;
use crate::api::ApiJson;
use crate::auth::{Editor, Principal, Reader};
use crate::error::{ApiError, AppError, PageError};
use crate::pages::{case_texts, entry_view, person_row, qualifier_options};
use crate::views::{AuditRow, Check, EditEventPage, Nav, Opt, ReviewPage, render, urlencode};
use axum::Json;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use casewatch_model::{Case, DateQualifier, EventType, PartialDate, Role, Status, Subject, TimelineEntry};
use casewatch_store::Store;
use casewatch_store::{AuditEntry, EntryEdit, ReviewAction};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// Longest review note accepted, in bytes.
const MAX_NOTE: usize = 2000;

/// An audit entry as JSON (the `AuditEntry` schema).
pub(crate) fn audit_value(a: &AuditEntry) -> Value {
    json!({
        "id": a.id, "at": a.at, "user": a.user, "action": a.action, "target": a.target,
        "case": a.case, "before": a.before, "after": a.after, "note": a.note,
    })
}

/// A JSON value as short text: strings bare, `-` for null, subjects and
/// sources by name or article.
fn short(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::Object(o) => o
                    .get("name")
                    .or_else(|| o.get("group"))
                    .or_else(|| o.get("ref"))
                    .or_else(|| o.get("article"))
                    .map(short)
                    .unwrap_or_else(|| i.to_string()),
                other => short(other),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The field-level difference of an audit line: for two objects, each
/// top-level field whose value changed (sources and conflicts left out, as
/// in `casewatch log`); otherwise the whole values.
pub(crate) fn changes(before: &Value, after: &Value) -> Vec<(String, String, String)> {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|k| !matches!(k.as_str(), "sources" | "conflicts" | "date_text"))
                .filter_map(|k| {
                    let (bv, av) = (b.get(k).unwrap_or(&Value::Null), a.get(k).unwrap_or(&Value::Null));
                    (bv != av).then(|| (k.clone(), short(bv), short(av)))
                })
                .collect()
        }
        (b, a) => vec![(String::new(), short(b), short(a))],
    }
}

/// The audit log of a case, newest first.
fn case_log(store: &Store, case: &str) -> Result<Vec<AuditEntry>, AppError> {
    let mut log = store.audit_log(Some(case))?;
    log.sort_by_key(|a| std::cmp::Reverse(a.id));
    Ok(log)
}

/// The audit rows of a case, newest first, at most `limit`.
pub(crate) fn audit_rows(store: &Store, case: &str, limit: usize) -> Result<Vec<AuditRow>, AppError> {
    Ok(case_log(store, case)?
        .iter()
        .take(limit)
        .map(|a| AuditRow {
            at: a.at.clone(),
            user: a.user.clone(),
            action: a.action.clone(),
            target: a.target.clone(),
            note: a.note.clone(),
            changes: changes(&a.before, &a.after),
        })
        .collect())
}

/// The audit log of a case as JSON, newest first.
pub(crate) fn audit_json(store: &Store, case: &str) -> Result<Vec<Value>, AppError> {
    if store.case(case)?.is_none() {
        return Err(AppError::NotFound(format!("no case {case}")));
    }
    Ok(case_log(store, case)?.iter().map(audit_value).collect())
}

/// Records a write that is not a review decision (user management) in the
/// audit log.
pub(crate) fn record_write(
    store: &mut Store,
    user: &str,
    action: &str,
    target: &str,
    before: Value,
    after: Value,
) -> Result<(), AppError> {
    store.record_audit(user, action, target, before, after)?;
    Ok(())
}

fn load_case(store: &Store, id: &str) -> Result<Case, AppError> {
    store
        .case(id)?
        .ok_or_else(|| AppError::NotFound(format!("no case {id}")))
}

fn find_entry<'a>(case: &'a Case, event: &str) -> Result<&'a TimelineEntry, AppError> {
    case.events
        .iter()
        .find(|e| e.id == event)
        .ok_or_else(|| AppError::NotFound(format!("no event {event} in case {}", case.id)))
}

fn check_note(note: Option<String>) -> Result<Option<String>, AppError> {
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.len() > MAX_NOTE) {
        return Err(AppError::BadRequest(format!("a note has at most {MAX_NOTE} bytes")));
    }
    Ok(note)
}

/// Runs one review action on the store for a case, after checking that the
/// targets belong to it. Returns the audit entry.
fn apply(
    store: &mut Store,
    who: &Principal,
    case_id: &str,
    action: Decision,
    note: Option<String>,
) -> Result<AuditEntry, AppError> {
    let case = load_case(store, case_id)?;
    let note = check_note(note)?;
    let person = |id: &str| -> Result<(), AppError> {
        if case.people.iter().any(|p| p.id == id) {
            Ok(())
        } else {
            Err(AppError::NotFound(format!("no person {id} in case {case_id}")))
        }
    };
    let (target, action) = match action {
        Decision::Confirm(event) => {
            find_entry(&case, &event)?;
            (event, ReviewAction::Confirm)
        }
        Decision::Reject(event) => {
            find_entry(&case, &event)?;
            (event, ReviewAction::Reject)
        }
        Decision::Edit(event, fields) => {
            let entry = find_entry(&case, &event)?;
            let edit = fields.into_edit(&case, entry)?;
            (event, ReviewAction::Edit(edit))
        }
        Decision::Merge { keep, merge } => {
            person(&keep)?;
            person(&merge)?;
            if keep == merge {
                return Err(AppError::BadRequest("pick two different people to merge".into()));
            }
            (case_id.to_string(), ReviewAction::MergePeople { keep, merge })
        }
        Decision::Split { person: p, variants } => {
            person(&p)?;
            let known = case
                .people
                .iter()
                .find(|x| x.id == p)
                .map(|x| x.variants.clone())
                .unwrap_or_default();
            if variants.is_empty() {
                return Err(AppError::BadRequest(
                    "tick the spellings that belong to another person".into(),
                ));
            }
            if let Some(v) = variants.iter().find(|v| !known.contains(v)) {
                return Err(AppError::BadRequest(format!("{v:?} is not a spelling of {p}")));
            }
            if variants.len() >= known.len() {
                return Err(AppError::BadRequest(
                    "leave at least one spelling with the person".into(),
                ));
            }
            (case_id.to_string(), ReviewAction::SplitPerson { person: p, variants })
        }
        Decision::Role { person: p, role } => {
            person(&p)?;
            (
                case_id.to_string(),
                ReviewAction::SetRole {
                    case: case_id.to_string(),
                    person: p,
                    role,
                },
            )
        }
        Decision::Move { article, to_case } => {
            if !case.articles.contains(&article)
                && !case
                    .events
                    .iter()
                    .any(|e| e.sources.iter().any(|s| s.article == article))
            {
                return Err(AppError::NotFound(format!("no article {article} in case {case_id}")));
            }
            if store.case(&to_case)?.is_none() {
                return Err(AppError::NotFound(format!("no case {to_case}")));
            }
            (article.clone(), ReviewAction::MoveArticle { article, to_case })
        }
    };
    Ok(store.review(&target, action, &who.audit_name(), note.as_deref())?)
}

/// A review decision as the handlers receive it.
enum Decision {
    Confirm(String),
    Reject(String),
    Edit(String, EditFields),
    Merge { keep: String, merge: String },
    Split { person: String, variants: Vec<String> },
    Role { person: String, role: Role },
    Move { article: String, to_case: String },
}

/// Changed fields of an event (JSON); a field left out is unchanged, `null`
/// clears it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EditFields {
    /// New event type id.
    #[serde(rename = "type")]
    event_type: Option<String>,
    /// New date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or null for undated.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    date: Option<Option<String>>,
    /// New qualifier, or null for none.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    qualifier: Option<Option<String>>,
    /// New status.
    status: Option<String>,
    /// New detail, or null for none.
    #[serde(default, deserialize_with = "some")]
    #[schema(value_type = Option<String>)]
    detail: Option<Option<String>>,
    /// New subjects: case person ids.
    subjects: Option<Vec<String>>,
}

/// Deserialises a present field (even `null`) as `Some`.
fn some<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

fn bad(what: &str, v: &str) -> AppError {
    AppError::BadRequest(format!("{v:?} is not a valid {what}"))
}

impl EditFields {
    /// The store's edit: only the fields that differ from `entry` (subjects
    /// must be people of `case`; their names are filled in).
    fn into_edit(self, case: &Case, entry: &TimelineEntry) -> Result<EntryEdit, AppError> {
        let mut edit = EntryEdit::default();
        let mut changed = false;
        if let Some(t) = self.event_type {
            let t: EventType = t.parse().map_err(|_| bad("event type", &t))?;
            if t != entry.event_type {
                edit.event_type = Some(t);
                changed = true;
            }
        }
        if let Some(d) = self.date {
            let d = match d.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => Some(
                    s.parse::<PartialDate>()
                        .map_err(|_| bad("date (YYYY, YYYY-MM or YYYY-MM-DD)", s))?,
                ),
            };
            if d != entry.date.value {
                edit.date = Some(d);
                changed = true;
            }
        }
        if let Some(q) = self.qualifier {
            let q = match q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(s) => Some(parse_qualifier(s)?),
            };
            if q != entry.date.qualifier {
                edit.qualifier = Some(q);
                changed = true;
            }
        }
        if let Some(s) = self.status {
            let s: Status = s.parse().map_err(|_| bad("status", &s))?;
            if s != entry.status {
                edit.status = Some(s);
                changed = true;
            }
        }
        if let Some(d) = self.detail {
            let d = d.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
            if d.as_ref().is_some_and(|d| d.len() > MAX_NOTE) {
                return Err(AppError::BadRequest(format!("a detail has at most {MAX_NOTE} bytes")));
            }
            if d != entry.detail {
                edit.detail = Some(d);
                changed = true;
            }
        }
        if let Some(ids) = self.subjects {
            let current: Vec<&str> = entry.subjects.iter().filter_map(|s| s.reference.as_deref()).collect();
            let mut a: Vec<&str> = ids.iter().map(String::as_str).collect();
            let mut b = current.clone();
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                let mut subjects = Vec::with_capacity(ids.len());
                for id in &ids {
                    let Some(p) = case.people.iter().find(|p| &p.id == id) else {
                        return Err(AppError::BadRequest(format!("no person {id} in case {}", case.id)));
                    };
                    subjects.push(Subject {
                        reference: Some(p.id.clone()),
                        name: Some(p.name.clone()),
                        group: None,
                        count: None,
                    });
                }
                edit.subjects = Some(subjects);
                changed = true;
            }
        }
        if !changed {
            return Err(AppError::BadRequest("nothing was changed".into()));
        }
        Ok(edit)
    }
}

fn parse_qualifier(s: &str) -> Result<DateQualifier, AppError> {
    use DateQualifier::*;
    [Early, Mid, Late, Before, After, Around]
        .into_iter()
        .find(|q| q.as_str() == s)
        .ok_or_else(|| bad("date qualifier", s))
}

/// `GET /cases/{id}/review`: events with decisions, people forms, audit log.
pub(crate) async fn page(
    Reader(who): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (case, texts, audit, standings, country) = state
        .pool
        .run(move |s| {
            let case = load_case(s, &id)?;
            let texts = case_texts(s, &case)?;
            let audit = audit_rows(s, &id, usize::MAX)?;
            let standings = s.statuses(&casewatch_store::StatusQuery {
                case: Some(case.id.clone()),
                ..Default::default()
            })?;
            let country = s.case_country(&case.id)?;
            Ok((case, texts, audit, standings, country))
        })
        .await?;
    let page = ReviewPage {
        nav: Nav::of(&who),
        country: country.unwrap_or_default(),
        standings: standings
            .iter()
            .map(|r| crate::views::StandingView::of(&r.status, &r.case, &r.case_title))
            .collect(),
        event_types: casewatch_model::EventType::ALL
            .iter()
            .map(|t| Opt {
                value: t.as_str().to_string(),
                label: t.as_str().replace('_', " "),
                selected: false,
            })
            .collect(),
        standing_values: Opt::list(
            "choose…",
            casewatch_model::Standing::ALL.iter().map(|s| s.as_str()),
            None,
        ),
        entries: case.events.iter().map(|e| entry_view(&case, e, &texts)).collect(),
        people: case.people.iter().map(person_row).collect(),
        audit,
        message: None,
        roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
        articles: case
            .articles
            .iter()
            .map(|a| {
                let title = case
                    .events
                    .iter()
                    .flat_map(|e| &e.sources)
                    .find(|s| &s.article == a)
                    .and_then(|s| s.title.clone());
                Opt {
                    value: a.clone(),
                    label: title.map_or_else(|| a.clone(), |t| format!("{t} ({a})")),
                    selected: false,
                }
            })
            .collect(),
        id: case.id,
        title: case.title,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `GET /cases/{id}/events/{event}/edit`: the edit form.
pub(crate) async fn edit_page(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, event)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (case, texts) = state
        .pool
        .run(move |s| {
            let case = load_case(s, &id)?;
            let texts = case_texts(s, &case)?;
            Ok((case, texts))
        })
        .await?;
    let e = find_entry(&case, &event)?;
    let refs: Vec<&str> = e.subjects.iter().filter_map(|s| s.reference.as_deref()).collect();
    let page = EditEventPage {
        nav: Nav::of(&who),
        types: Opt::list(
            "",
            EventType::ALL.iter().map(|t| t.as_str()),
            Some(e.event_type.as_str()),
        )
        .into_iter()
        .skip(1)
        .collect(),
        statuses: Opt::list("", Status::ALL.iter().map(|t| t.as_str()), Some(e.status.as_str()))
            .into_iter()
            .skip(1)
            .collect(),
        qualifiers: qualifier_options(e.date.qualifier),
        date: e.date.value.map(|d| d.to_string()).unwrap_or_default(),
        detail: e.detail.clone().unwrap_or_default(),
        subjects: case
            .people
            .iter()
            .map(|p| Check {
                value: p.id.clone(),
                label: format!("{} ({})", p.name, p.id),
                checked: refs.contains(&p.id.as_str()),
            })
            .collect(),
        entry: entry_view(&case, e, &texts),
        case: case.id.clone(),
    };
    Ok(render(StatusCode::OK, &page))
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn fields(form: &[(String, String)], name: &str) -> Vec<String> {
    form.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
}

/// `POST /cases/{id}/events/{event}/review`: confirm, reject or edit from a
/// form; redirects back to the event.
pub(crate) async fn decide_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, event)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let note = field(&form, "note").map(str::to_string);
    let decision = match field(&form, "action") {
        Some("confirm") => Decision::Confirm(event.clone()),
        Some("reject") => Decision::Reject(event.clone()),
        Some("edit") => {
            let opt = |name: &str| field(&form, name).map(str::to_string);
            Decision::Edit(
                event.clone(),
                EditFields {
                    event_type: opt("type"),
                    date: Some(opt("date")),
                    qualifier: Some(opt("qualifier")),
                    status: opt("status"),
                    detail: Some(opt("detail")),
                    subjects: field(&form, "subjects_shown").map(|_| fields(&form, "subject")),
                },
            )
        }
        other => {
            return Err(AppError::BadRequest(format!("unknown review action {:?}", other.unwrap_or(""))).into());
        }
    };
    let back_to_review = field(&form, "back") == Some("review");
    let back_to_queue = field(&form, "back") == Some("queue");
    let case_id = id.clone();
    state
        .pool
        .run(move |s| apply(s, &who, &case_id, decision, note))
        .await?;
    let base = format!("/cases/{}", urlencode(&id));
    let to = if back_to_queue {
        "/review".to_string()
    } else if back_to_review {
        format!("{base}/review#{}", urlencode(&event))
    } else {
        format!("{base}#{}", urlencode(&event))
    };
    Ok(Redirect::to(&to).into_response())
}

/// `POST /cases/{id}/people/merge`.
pub(crate) async fn merge_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let keep = field(&form, "keep").unwrap_or_default().to_string();
    let merge = field(&form, "merge").unwrap_or_default().to_string();
    let note = field(&form, "note").map(str::to_string);
    let case_id = id.clone();
    state
        .pool
        .run(move |s| apply(s, &who, &case_id, Decision::Merge { keep, merge }, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}/review#people-review", urlencode(&id))).into_response())
}

/// `POST /cases/{id}/people/role`: a person's role in the case.
pub(crate) async fn role_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let person = field(&form, "person").unwrap_or_default().to_string();
    let role = field(&form, "role")
        .unwrap_or_default()
        .parse::<Role>()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let note = field(&form, "note").map(str::to_string);
    let case_id = id.clone();
    state
        .pool
        .run(move |s| apply(s, &who, &case_id, Decision::Role { person, role }, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}/review#people-review", urlencode(&id))).into_response())
}

/// `POST /cases/{id}/people/split`.
pub(crate) async fn split_form(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let person = field(&form, "person").unwrap_or_default().to_string();
    let variants = fields(&form, "variant");
    let note = field(&form, "note").map(str::to_string);
    let case_id = id.clone();
    state
        .pool
        .run(move |s| apply(s, &who, &case_id, Decision::Split { person, variants }, note))
        .await?;
    Ok(Redirect::to(&format!("/cases/{}/review#people-review", urlencode(&id))).into_response())
}

/// A review decision on one event (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecideRequest {
    /// `confirm`, `reject` or `edit`.
    action: String,
    /// The changes, for `edit`.
    edit: Option<EditFields>,
    /// Why (kept in the audit log).
    note: Option<String>,
}

/// Merge two people of a case (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MergeRequest {
    /// The person that stays.
    keep: String,
    /// The person merged into it.
    merge: String,
    note: Option<String>,
}

/// Split spellings off a person into a new person (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SplitRequest {
    person: String,
    /// The spellings that belong to another person.
    variants: Vec<String>,
    note: Option<String>,
}

/// Move an article to another case (JSON).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MoveRequest {
    article: String,
    to_case: String,
    note: Option<String>,
}

async fn api_apply(
    state: AppState,
    who: Principal,
    case: String,
    d: Decision,
    note: Option<String>,
) -> Result<Response, ApiError> {
    let entry = state.pool.run(move |s| apply(s, &who, &case, d, note)).await?;
    Ok((StatusCode::OK, Json(audit_value(&entry))).into_response())
}

/// Confirm, reject or edit an event. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/events/{event}/review",
    params(("id" = String, Path, description = "Case id"), ("event" = String, Path, description = "Event id (E40)")),
    request_body = DecideRequest,
    responses((status = 200, description = "The audit entry of the decision", body = crate::api_doc::AuditEntryDoc),
              (status = 400, description = "Invalid decision", body = crate::api_doc::ErrorDoc),
              (status = 403, description = "Not an editor", body = crate::api_doc::ErrorDoc),
              (status = 404, description = "No such case or event", body = crate::api_doc::ErrorDoc)))]
pub(crate) async fn api_decide(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path((id, event)): Path<(String, String)>,
    ApiJson(req): ApiJson<DecideRequest>,
) -> Result<Response, ApiError> {
    let d = match (req.action.as_str(), req.edit) {
        ("confirm", None) => Decision::Confirm(event),
        ("reject", None) => Decision::Reject(event),
        ("edit", Some(f)) => Decision::Edit(event, f),
        ("edit", None) => return Err(AppError::BadRequest("an edit needs \"edit\": {...}".into()).into()),
        ("confirm" | "reject", Some(_)) => {
            return Err(AppError::BadRequest("\"edit\" goes with action \"edit\" only".into()).into());
        }
        (other, _) => return Err(AppError::BadRequest(format!("unknown action {other:?}")).into()),
    };
    api_apply(state, who, id, d, req.note).await
}

/// Merge two people of a case. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/people/merge",
    params(("id" = String, Path, description = "Case id")), request_body = MergeRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_merge(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<MergeRequest>,
) -> Result<Response, ApiError> {
    let d = Decision::Merge {
        keep: req.keep,
        merge: req.merge,
    };
    api_apply(state, who, id, d, req.note).await
}

/// Split spellings off a person. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/people/split",
    params(("id" = String, Path, description = "Case id")), request_body = SplitRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_split(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<SplitRequest>,
) -> Result<Response, ApiError> {
    let d = Decision::Split {
        person: req.person,
        variants: req.variants,
    };
    api_apply(state, who, id, d, req.note).await
}

/// Move an article to another case. Needs the editor role.
#[utoipa::path(post, path = "/api/v1/cases/{id}/articles/move",
    params(("id" = String, Path, description = "Case id")), request_body = MoveRequest,
    responses((status = 200, description = "The audit entry", body = crate::api_doc::AuditEntryDoc)))]
pub(crate) async fn api_move(
    Editor(who): Editor,
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<MoveRequest>,
) -> Result<Response, ApiError> {
    let d = Decision::Move {
        article: req.article,
        to_case: req.to_case,
    };
    api_apply(state, who, id, d, req.note).await
}
