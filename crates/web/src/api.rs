//! The JSON API under `/api/v1`: cases, case, people, person, events,
//! articles, article, search (read; viewer role), review actions (write;
//! editor role), the audit log of a case, and the OpenAPI document. Shapes
//! follow `spec/casefile.md` and `spec/extract-output.md`.

use crate::AppState;
use crate::api_doc::*;
use crate::auth::Reader;
use crate::error::{ApiError, AppError};
use crate::filters::FilterQuery;
use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use casewatch_model::{Case, CasePerson, ExtractRecord, TimelineEntry};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// The API routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/cases", get(cases))
        .route("/api/v1/cases/{id}", get(case))
        .route("/api/v1/cases/{id}/audit", get(audit))
        .route(
            "/api/v1/cases/{id}/events/{event}/review",
            post(crate::review::api_decide),
        )
        .route("/api/v1/cases/{id}/people/merge", post(crate::review::api_merge))
        .route("/api/v1/cases/{id}/people/split", post(crate::review::api_split))
        .route("/api/v1/cases/{id}/articles/move", post(crate::review::api_move))
        .route(
            "/api/v1/cases/{id}/people/{person}/status",
            post(crate::casework::api_status),
        )
        .route("/api/v1/cases/{id}/meta", post(crate::casework::api_case))
        .route("/api/v1/cases/{id}/merge", post(crate::casework::api_merge_cases))
        .route("/api/v1/cases/{id}/split", post(crate::case_split::api_split_case))
        .route("/api/v1/status", get(statuses))
        .route("/api/v1/queue", get(crate::casework::api_queue))
        .route("/api/v1/cases/{id}/entries", post(crate::casework::api_add_entry))
        .route(
            "/api/v1/cases/{id}/events/{event}/merge",
            post(crate::casework::api_merge_entries),
        )
        .route(
            "/api/v1/cases/{id}/events/{event}/split",
            post(crate::casework::api_split_entry),
        )
        .route("/api/v1/cases/{id}/confirm-all", post(crate::casework::api_confirm_all))
        .route("/api/v1/people", get(people))
        .route("/api/v1/people/{id}", get(person))
        .route("/api/v1/events", get(events))
        .route("/api/v1/articles", get(articles).post(crate::upload::api_upload))
        .route("/api/v1/articles/{id}", get(article))
        .route("/api/v1/search", get(search))
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "casewatch API",
        description = "Cases, timelines, people, articles and review decisions about the prosecution of journalists. \
                       Authenticate with `Authorization: Bearer <token>` (`casewatch token add NAME --role viewer|editor|admin`).",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        cases, case, audit, people, person, events, articles, article, search,
        crate::review::api_decide, crate::review::api_merge, crate::review::api_split, crate::review::api_move,
        crate::casework::api_status, crate::casework::api_case, crate::casework::api_merge_cases, statuses,
        crate::casework::api_queue, crate::casework::api_confirm_all, crate::casework::api_add_entry,
        crate::casework::api_merge_entries, crate::casework::api_split_entry, crate::case_split::api_split_case, crate::upload::api_upload
    ),
    components(schemas(
        CaseFileDoc, CaseDoc, PersonStatusDoc, RelatedCaseDoc, CasePersonDoc, OrganizationDoc, ChargeDoc, SubjectDoc, AgentDoc, SourceDoc,
        ConflictDoc, TimelineEntryDoc, CaseEventDoc, CasePersonRefDoc, PersonDetailDoc, ArticleDetailDoc,
        ErrorDoc, AuditEntryDoc, ArticleJson, SearchHitJson, SearchJson,
        crate::review::DecideRequest, crate::review::EditFields, crate::review::MergeRequest,
        crate::review::SplitRequest, crate::review::MoveRequest, crate::casework::StatusRequest,
        crate::casework::CaseMetaRequest, crate::casework::MergeCasesRequest, crate::casework::AddEntryRequest,
        crate::casework::EntryOpRequest, crate::case_split::SplitCaseRequest,
        crate::upload::UploadRequest, crate::upload::UploadResponse, crate::upload::UploadLine, crate::upload::CaseAdded,
        crate::upload::AddedEntry
    )),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub(crate) struct ApiDoc;

/// Adds the bearer security scheme.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json` (needs a reader like every other route).
async fn openapi(Reader(_): Reader) -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// A case as the API gives it: the case file shape plus `country` and
/// `status` (where each defendant stands now; added fields).
fn case_value(case: &Case, country: Option<String>, statuses: &[casewatch_store::StatusRow]) -> serde_json::Value {
    let mut v = serde_json::to_value(case).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("country".into(), serde_json::json!(country));
        o.insert(
            "status".into(),
            serde_json::to_value(statuses.iter().map(|r| &r.status).collect::<Vec<_>>()).unwrap_or_default(),
        );
    }
    v
}

/// The cases passing the filters, one page (`page`, `per_page`: default 50,
/// at most 1000) in the order `sort`/`dir`; `total` counts every page.
#[utoipa::path(get, path = "/api/v1/cases", params(FilterQuery),
    responses((status = 200, description = "The case file (one page) with `total`, `page`, `per_page`", body = CaseFileDoc),
              (status = 401, description = "Not logged in", body = ErrorDoc)))]
async fn cases(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<FilterQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (filter, errors) = q.parse();
    if let Some(e) = errors.into_iter().next() {
        return Err(AppError::BadRequest(e).into());
    }
    let query = filter.case_query();
    let (page, values) = state
        .pool
        .run(move |s| {
            let page = s.case_page(&query)?;
            let mut values = Vec::with_capacity(page.rows.len());
            for r in &page.rows {
                if let Some(c) = s.case(&r.id)? {
                    let st = s.statuses(&casewatch_store::StatusQuery {
                        case: Some(r.id.clone()),
                        ..Default::default()
                    })?;
                    values.push(case_value(&c, r.country.clone(), &st));
                }
            }
            Ok((page, values))
        })
        .await?;
    Ok(Json(serde_json::json!({
        "cases": values, "total": page.total, "page": filter.page, "per_page": filter.per_page,
    })))
}

/// Where each defendant stands now: `?held=true` for people deprived of
/// liberty, `?country=KG`, `?status=in_custody`.
#[utoipa::path(get, path = "/api/v1/status", params(StatusParams),
    responses((status = 200, description = "Statuses with their case", body = Vec<serde_json::Value>),
              (status = 400, description = "Invalid filter", body = ErrorDoc)))]
async fn statuses(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<StatusParams>,
) -> Result<Json<Vec<serde_json::Value>>, ApiError> {
    let standing = q
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<casewatch_model::Standing>()
                .map_err(|_| AppError::BadRequest(format!("unknown status {s:?}")))
        })
        .transpose()?;
    let query = casewatch_store::StatusQuery {
        held: q.held.unwrap_or(false),
        country: q.country.filter(|c| !c.is_empty()),
        standing,
        ..Default::default()
    };
    let rows = state.pool.run(move |s| Ok(s.statuses(&query)?)).await?;
    Ok(Json(
        rows.iter()
            .map(|r| {
                let mut v = serde_json::to_value(&r.status).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("case".into(), serde_json::json!(r.case));
                    o.insert("case_title".into(), serde_json::json!(r.case_title));
                    o.insert("country".into(), serde_json::json!(r.country));
                }
                v
            })
            .collect(),
    ))
}

/// Filters of `/api/v1/status`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct StatusParams {
    /// Only people held (serving, in custody, house arrest).
    held: Option<bool>,
    /// ISO 3166-1 alpha-2 country code.
    country: Option<String>,
    /// One status.
    status: Option<String>,
}

/// One case.
#[utoipa::path(get, path = "/api/v1/cases/{id}", params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "The case", body = CaseDoc),
              (status = 404, description = "No such case", body = ErrorDoc)))]
async fn case(
    Reader(_): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let v = state
        .pool
        .run(move |s| {
            let c = s
                .case(&id)?
                .ok_or_else(|| AppError::NotFound(format!("no case {id}")))?;
            let st = s.statuses(&casewatch_store::StatusQuery {
                case: Some(c.id.clone()),
                ..Default::default()
            })?;
            let country = s.case_country(&c.id)?;
            Ok(case_value(&c, country, &st))
        })
        .await?;
    Ok(Json(v))
}

/// The audit log of a case, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/audit", params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "Audit entries", body = [AuditEntryDoc])))]
async fn audit(
    Reader(_): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<serde_json::Value>>, ApiError> {
    Ok(Json(state.pool.run(move |s| crate::review::audit_json(s, &id)).await?))
}

/// A person with the case they belong to.
#[derive(Serialize)]
struct PersonRef<'a> {
    case: &'a str,
    #[serde(flatten)]
    person: &'a CasePerson,
}

/// Every person of every case.
#[utoipa::path(get, path = "/api/v1/people",
    responses((status = 200, description = "People with their case", body = [CasePersonRefDoc])))]
async fn people(Reader(_): Reader, State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let file = state.pool.run(|s| Ok(s.cases()?)).await?;
    let list: Vec<PersonRef<'_>> = file
        .cases
        .iter()
        .flat_map(|c| c.people.iter().map(|p| PersonRef { case: &c.id, person: p }))
        .collect();
    Ok(Json(
        serde_json::to_value(list).map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

/// A timeline entry with the case it belongs to.
#[derive(Serialize)]
struct CaseEvent<'a> {
    case: &'a str,
    #[serde(flatten)]
    entry: &'a TimelineEntry,
}

/// A person: details, cases, events naming them.
#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = String, Path, description = "Person id (P12)")),
    responses((status = 200, description = "The person", body = PersonDetailDoc),
              (status = 404, description = "No such person", body = ErrorDoc)))]
async fn person(
    Reader(_): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let lookup = id.clone();
    let cases = state
        .pool
        .run(move |s| {
            let mut out = Vec::new();
            for c in s.cases_of_person(&lookup)? {
                out.extend(s.case(&c)?);
            }
            Ok(out)
        })
        .await?;
    let Some(p) = cases.iter().flat_map(|c| c.people.iter()).find(|p| p.id == id) else {
        return Err(AppError::NotFound(format!("no person {id}")).into());
    };
    let events: Vec<CaseEvent<'_>> = cases
        .iter()
        .flat_map(|c| {
            c.events
                .iter()
                .filter(|e| e.subjects.iter().any(|s| s.reference.as_deref() == Some(id.as_str())))
                .map(|e| CaseEvent { case: &c.id, entry: e })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "person": p,
        "cases": cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        "events": events,
    })))
}

/// Timeline entries of every case, filtered.
#[utoipa::path(get, path = "/api/v1/events", params(FilterQuery),
    responses((status = 200, description = "Entries with their case", body = [CaseEventDoc]),
              (status = 400, description = "A filter is invalid", body = ErrorDoc)))]
async fn events(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<FilterQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (filter, errors) = q.parse();
    if let Some(e) = errors.into_iter().next() {
        return Err(AppError::BadRequest(e).into());
    }
    let file = state.pool.run(|s| Ok(s.cases()?)).await?;
    let list: Vec<CaseEvent<'_>> = file
        .cases
        .iter()
        .filter(|c| filter.matches_case(c))
        .flat_map(|c| {
            c.events
                .iter()
                .filter(|e| filter.matches_entry(e))
                .map(|e| CaseEvent { case: &c.id, entry: e })
        })
        .collect();
    Ok(Json(
        serde_json::to_value(list).map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

/// One article of the listing.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArticleJson {
    /// Article id.
    id: String,
    /// Where it came from: its URL, its outlet, or the file name (never a server path).
    source: String,
    /// Publication date (`YYYY-MM-DD`).
    published: Option<String>,
    title: Option<String>,
    url: Option<String>,
    /// Number of extracted events.
    events: u64,
    /// The case it belongs to.
    case: Option<String>,
}

/// Every article.
#[utoipa::path(get, path = "/api/v1/articles", params(crate::pages::ArticlesQuery),
    responses((status = 200, description = "Articles", body = [ArticleJson])))]
async fn articles(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<crate::pages::ArticlesQuery>,
) -> Result<Json<Vec<ArticleJson>>, ApiError> {
    let list = state.pool.run(|s| Ok(s.article_summaries()?)).await?;
    let without_case = q.without_case();
    Ok(Json(
        list.into_iter()
            .filter(|a| !without_case || a.case.is_none())
            .map(|a| ArticleJson {
                id: a.id,
                source: crate::views::public_source(&a.source, a.url.as_deref()),
                published: a.published.map(|d| d.to_string()),
                title: a.title,
                url: a.url,
                events: a.events,
                case: a.case,
            })
            .collect(),
    ))
}

/// An article with its record and body.
#[derive(Serialize)]
struct ArticleDetail {
    record: ExtractRecord,
    body: String,
    cases: Vec<String>,
}

/// One article: its extraction record, body and cases.
#[utoipa::path(get, path = "/api/v1/articles/{id}", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, description = "The article", body = ArticleDetailDoc),
              (status = 404, description = "No such article", body = ErrorDoc)))]
async fn article(
    Reader(_): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleDetail>, ApiError> {
    let detail = state
        .pool
        .run(move |s| {
            let Some(a) = s.article(&id)? else {
                return Err(AppError::NotFound(format!("no article {id}")));
            };
            let mut record = a.record;
            record.article.source = crate::views::public_source(&record.article.source, record.article.url.as_deref());
            Ok(ArticleDetail {
                cases: s.cases_of_article(&id)?,
                record,
                body: a.body,
            })
        })
        .await?;
    Ok(Json(detail))
}

/// Query of the search endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// FTS5 query: words, "phrases", AND/OR/NOT, prefix*.
    q: String,
    /// Most hits (default 20, at most 200).
    limit: Option<usize>,
}

/// One search hit.
#[derive(Serialize, ToSchema)]
pub(crate) struct SearchHitJson {
    article: String,
    published: Option<String>,
    title: Option<String>,
    case: Option<String>,
    /// Excerpt with matches in `[` `]`.
    snippet: String,
    /// `article` (title/body matched) or `evidence` (an evidence sentence matched).
    kind: String,
    /// For an evidence hit: the timeline entries the sentence is evidence of.
    events: Vec<String>,
}

/// The search answer: hits, and a notice when the query was malformed.
#[derive(Serialize, ToSchema)]
pub(crate) struct SearchJson {
    hits: Vec<SearchHitJson>,
    /// Why and how the query was read differently (not valid FTS5 syntax), if it was.
    notice: Option<String>,
}

/// Full-text search over article text and evidence sentences.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses((status = 200, description = "Hits, best first (one per sentence for evidence), and a notice for a malformed query", body = SearchJson)))]
async fn search(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchJson>, ApiError> {
    if p.q.len() > 500 {
        return Err(AppError::BadRequest("the query is longer than 500 bytes".into()).into());
    }
    let limit = p.limit.unwrap_or(20).clamp(1, 200);
    let found = state.pool.run(move |s| Ok(s.search_sentences(&p.q, limit)?)).await?;
    Ok(Json(SearchJson {
        notice: found.notice,
        hits: found
            .hits
            .into_iter()
            .map(|h| SearchHitJson {
                article: h.article,
                published: h.published.map(|d| d.to_string()),
                title: h.title,
                case: h.case,
                snippet: h.snippet,
                kind: match h.kind {
                    casewatch_store::HitKind::Article => "article".into(),
                    casewatch_store::HitKind::Evidence => "evidence".into(),
                },
                events: h.events,
            })
            .collect(),
    }))
}

/// A JSON body whose rejection (bad JSON, wrong content type, unknown field)
/// is a JSON 400 like every other API error.
pub(crate) struct ApiJson<T>(pub(crate) T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(AppError::BadRequest(e.body_text()).into()),
        }
    }
}
