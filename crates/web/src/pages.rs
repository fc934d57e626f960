//! The read-only HTML pages: cases (with filters), case (timeline, people,
//! charges, events with highlighted evidence), articles, article (every
//! span marked), people, person, search; plus the stylesheet and `/healthz`.

use crate::AppState;
use crate::auth::Reader;
use crate::error::{AppError, PageError};
use crate::filters::FilterQuery;
use crate::text::{SpanRef, paragraph_around, pieces, snippet_parts};
use crate::timeline::{FAMILIES, date_label, family, layout, type_label};
use crate::views::*;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use casewatch_model::{Case, DateQualifier, EventType, Review, Status, TimelineEntry};
use casewatch_store::{ArticleText, HitKind, Store};
use serde::Deserialize;
use std::collections::HashMap;

/// `GET /healthz`: 200 `ok`, no login.
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// `GET /`: to the case list.
pub(crate) async fn index() -> Redirect {
    Redirect::to("/cases")
}

/// `GET /static/app.css`.
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/app.css"),
    )
        .into_response()
}

/// Any other path.
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let e = AppError::NotFound(format!("no page at {}", uri.path()));
    if uri.path().starts_with("/api/") {
        e.into_json()
    } else {
        e.into_html()
    }
}

/// `1 source`, `3 sources`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn date_opt(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// `GET /cases`: the case list with filters.
pub(crate) async fn cases(
    Reader(who): Reader,
    State(state): State<AppState>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, PageError> {
    let (filter, errors) = q.parse();
    let file = state.pool.run(|s| Ok(s.cases()?)).await?;
    let total = file.cases.len();
    let event_filtered = !filter.is_empty();
    let rows = file
        .cases
        .iter()
        .filter(|c| filter.matches_case(c))
        .map(|c| {
            let dates = c.events.iter().filter_map(|e| e.date.value);
            let mut sources: Vec<&str> = c
                .events
                .iter()
                .flat_map(|e| e.sources.iter().map(|s| s.article.as_str()))
                .chain(c.articles.iter().map(String::as_str))
                .collect();
            sources.sort_unstable();
            sources.dedup();
            CaseRow {
                id: c.id.clone(),
                title: c.title.clone(),
                people: c.people.len(),
                events: c.events.len(),
                sources: sources.len(),
                first: dates.clone().min().map(|d| d.to_string()).unwrap_or_default(),
                last: dates.max().map(|d| d.to_string()).unwrap_or_default(),
                reviewed: c.events.iter().filter(|e| e.review != Review::Machine).count(),
                matching: event_filtered.then(|| c.events.iter().filter(|e| filter.matches_entry(e)).count()),
            }
        })
        .collect();
    let fq = &filter.query;
    let page = CasesPage {
        nav: Nav::of(&who),
        rows,
        total,
        active: filter.active("/cases"),
        errors,
        types: Opt::list(
            "any",
            EventType::ALL.iter().map(|t| t.as_str()),
            fq.event_type.as_deref(),
        ),
        statuses: Opt::list("any", Status::ALL.iter().map(|t| t.as_str()), fq.status.as_deref()),
        reviews: Opt::list("any", Review::ALL.iter().map(|t| t.as_str()), fq.review.as_deref()),
        from: fq.from.clone().unwrap_or_default(),
        to: fq.to.clone().unwrap_or_default(),
        outlet: fq.outlet.clone().unwrap_or_default(),
        place: fq.place.clone().unwrap_or_default(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// Subjects of an entry as links to the case's people.
fn subject_views(case: &Case, e: &TimelineEntry) -> Vec<SubjectView> {
    e.subjects
        .iter()
        .map(|s| {
            let known = s
                .reference
                .as_deref()
                .filter(|r| case.people.iter().any(|p| p.id == *r));
            let name = s
                .name
                .clone()
                .or_else(|| s.group.clone())
                .or_else(|| s.reference.clone())
                .unwrap_or_else(|| "unnamed".into());
            let name = match (s.count, &s.group) {
                (Some(n), Some(_)) if s.name.is_none() => format!("{name} ({n})"),
                _ => name,
            };
            SubjectView {
                href: known.map(|r| format!("/people/{}", urlencode(r))),
                name,
            }
        })
        .collect()
}

/// The view of one timeline entry, with the paragraphs of its sources.
pub(crate) fn entry_view(case: &Case, e: &TimelineEntry, texts: &HashMap<String, ArticleText>) -> EntryView {
    EntryView {
        id: e.id.clone(),
        date: date_label(&e.date),
        dated: e.date.value.is_some(),
        family: family(e.event_type),
        type_label: type_label(e.event_type),
        status: e.status.as_str().to_string(),
        review: e.review.as_str().to_string(),
        subjects: subject_views(case, e),
        agent: e.agent.as_ref().map(|a| a.name.clone()),
        place: e.place.clone(),
        detail: e.detail.clone(),
        conflicts: e
            .conflicts
            .iter()
            .map(|c| format!("{}: {} (per {})", c.field, c.value, c.sources.join(", ")))
            .collect(),
        sources: e
            .sources
            .iter()
            .map(|s| SourceView {
                article: s.article.clone(),
                href: format!("/articles/{}", urlencode(&s.article)),
                published: date_opt(s.published),
                url: s
                    .url
                    .clone()
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                para: texts
                    .get(&s.article)
                    .and_then(|t| paragraph_around(&t.body, s.start, s.end)),
                sentence: s.sentence.clone(),
            })
            .collect(),
    }
}

/// The texts of every article a case cites, by id.
pub(crate) fn case_texts(store: &Store, case: &Case) -> Result<HashMap<String, ArticleText>, AppError> {
    let mut ids: Vec<&str> = case
        .events
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| s.article.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(store
        .article_texts(&ids)?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect())
}

/// A person of a case as a row.
pub(crate) fn person_row(p: &casewatch_model::CasePerson) -> PersonRow {
    PersonRow {
        id: p.id.clone(),
        name: p.name.clone(),
        variants: p.variants.clone(),
        role: p.role.as_str().to_string(),
        role_rule: p.role_rule.clone().unwrap_or_default(),
        occupation: p.occupation.clone(),
        affiliation: p.affiliation.clone(),
    }
}

fn charge_rows(case: &Case, only: Option<&str>) -> Vec<ChargeRow> {
    case.charges
        .iter()
        .filter(|c| only.is_none_or(|p| c.subjects.iter().any(|s| s == p)))
        .map(|c| ChargeRow {
            label: c.label.clone(),
            article: c.article.clone(),
            subjects: c
                .subjects
                .iter()
                .map(|s| match case.people.iter().find(|p| p.id == *s) {
                    Some(p) => SubjectView {
                        href: Some(format!("/people/{}", urlencode(&p.id))),
                        name: p.name.clone(),
                    },
                    None => SubjectView {
                        href: None,
                        name: s.clone(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// `GET /cases/{id}`: the case page.
pub(crate) async fn case(
    Reader(who): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lookup = id.clone();
    let (case, texts, audit) = state
        .pool
        .run(move |s| {
            let Some(case) = s.case(&lookup)? else {
                return Err(AppError::NotFound(format!("no case {lookup}")));
            };
            let texts = case_texts(s, &case)?;
            let audit = crate::review::audit_rows(s, &lookup, 10)?;
            Ok((case, texts, audit))
        })
        .await?;
    let names = |e: &TimelineEntry| {
        e.subjects
            .iter()
            .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tl = layout(&case.events, names);
    let used: std::collections::BTreeSet<&str> = case.events.iter().map(|e| family(e.event_type)).collect();
    let (dated, undated): (Vec<EntryView>, Vec<EntryView>) = case
        .events
        .iter()
        .map(|e| entry_view(&case, e, &texts))
        .partition(|v| v.dated);
    let dates = case.events.iter().filter_map(|e| e.date.value);
    let reviewed = case.events.iter().filter(|e| e.review != Review::Machine).count();
    let summary = format!(
        "{} · {} ({} dated, {} reviewed) · {}",
        plural(case.people.len(), "person", "people"),
        plural(case.events.len(), "event", "events"),
        dated.len(),
        reviewed,
        plural(texts.len().max(case.articles.len()), "source", "sources")
    );
    let page = CasePage {
        nav: Nav::of(&who),
        summary,
        first: dates.clone().min().map(|d| d.to_string()).unwrap_or_default(),
        last: dates.max().map(|d| d.to_string()).unwrap_or_default(),
        tl,
        legend: FAMILIES
            .iter()
            .filter(|(f, _)| used.contains(f))
            .map(|&(family, label)| LegendItem { family, label })
            .collect(),
        dated,
        undated,
        people: case.people.iter().map(person_row).collect(),
        orgs: case
            .organizations
            .iter()
            .map(|o| OrgRow {
                name: o.name.clone(),
                variants: o.variants.join(", "),
                kind: o.kind.as_str().replace('_', " "),
            })
            .collect(),
        charges: charge_rows(&case, None),
        exports: crate::export::links(&case.id),
        audit,
        articles: case.articles.clone(),
        related: case
            .related_cases
            .iter()
            .map(|r| RelatedRow {
                id: r.case.clone(),
                title: r.title.clone(),
                reasons: r.reasons.join("; "),
            })
            .collect(),
        id: case.id,
        title: case.title,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `GET /articles`: every article.
pub(crate) async fn articles(Reader(who): Reader, State(state): State<AppState>) -> Result<Response, PageError> {
    let list = state.pool.run(|s| Ok(s.article_summaries()?)).await?;
    let rows = list
        .into_iter()
        .map(|a| ArticleRow {
            title: a.title.unwrap_or_else(|| a.id.clone()),
            published: date_opt(a.published),
            events: a.events,
            case: a.case,
            id: a.id,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ArticlesPage {
            nav: Nav::of(&who),
            rows,
        },
    ))
}

/// `GET /articles/{id}`: the text with every extracted span marked and linked.
pub(crate) async fn article(
    Reader(who): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lookup = id.clone();
    let (text, spans, cases) = state
        .pool
        .run(move |s| {
            let Some(text) = s.article_texts(&[lookup.as_str()])?.into_iter().next() else {
                return Err(AppError::NotFound(format!("no article {lookup}")));
            };
            let spans = s.article_event_spans(&lookup)?;
            let mut cases = Vec::new();
            for c in s.cases_of_article(&lookup)? {
                if let Some(case) = s.case(&c)? {
                    cases.push(case);
                }
            }
            Ok((text, spans, cases))
        })
        .await?;
    // (start, end, type) -> (case, entry) for the timeline entries citing this article.
    let mut entries: HashMap<(usize, usize, EventType), (String, String)> = HashMap::new();
    for c in &cases {
        for e in &c.events {
            for s in e.sources.iter().filter(|s| s.article == id) {
                entries
                    .entry((s.start, s.end, e.event_type))
                    .or_insert_with(|| (c.id.clone(), e.id.clone()));
            }
        }
    }
    let refs: Vec<SpanRef> = spans
        .iter()
        .map(|s| SpanRef {
            start: s.start,
            end: s.end,
            anchor: format!("ev-{}", s.index),
            family: family(s.event_type),
            label: type_label(s.event_type),
        })
        .collect();
    let events = spans
        .iter()
        .map(|s| {
            let entry = entries.get(&(s.start, s.end, s.event_type));
            ArticleEventView {
                anchor: format!("ev-{}", s.index),
                family: family(s.event_type),
                type_label: type_label(s.event_type),
                status: s.status.as_str().to_string(),
                date: s.date.clone().unwrap_or_else(|| "undated".into()),
                entry_href: entry.map(|(c, e)| format!("/cases/{}#{}", urlencode(c), urlencode(e))),
                entry_id: entry.map(|(_, e)| e.clone()),
            }
        })
        .collect();
    let page = ArticlePage {
        nav: Nav::of(&who),
        title: text.title.clone().unwrap_or_else(|| text.id.clone()),
        published: date_opt(text.published),
        source: text.source.clone(),
        url: text
            .url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        cases: cases.iter().map(|c| c.id.clone()).collect(),
        pieces: pieces(&text.body, &refs),
        events,
        id: text.id,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `GET /people`: every person of every case.
pub(crate) async fn people(Reader(who): Reader, State(state): State<AppState>) -> Result<Response, PageError> {
    let file = state.pool.run(|s| Ok(s.cases()?)).await?;
    let rows = file
        .cases
        .iter()
        .flat_map(|c| {
            c.people.iter().map(|p| PeopleRow {
                person: person_row(p),
                case: c.id.clone(),
                case_title: c.title.clone(),
            })
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &PeoplePage {
            nav: Nav::of(&who),
            rows,
        },
    ))
}

/// `GET /people/{id}`: a person's spellings, details, cases and events.
pub(crate) async fn person(
    Reader(who): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let lookup = id.clone();
    let cases = state
        .pool
        .run(move |s| {
            let mut out = Vec::new();
            for c in s.cases_of_person(&lookup)? {
                if let Some(case) = s.case(&c)? {
                    out.push(case);
                }
            }
            Ok(out)
        })
        .await?;
    let Some(p) = cases.iter().flat_map(|c| c.people.iter()).find(|p| p.id == id) else {
        return Err(AppError::NotFound(format!("no person {id}")).into());
    };
    let mut events = Vec::new();
    let mut charges = Vec::new();
    for c in &cases {
        for e in c
            .events
            .iter()
            .filter(|e| e.subjects.iter().any(|s| s.reference.as_deref() == Some(id.as_str())))
        {
            events.push(PersonEventView {
                case: c.id.clone(),
                id: e.id.clone(),
                date: date_label(&e.date),
                family: family(e.event_type),
                type_label: type_label(e.event_type),
                status: e.status.as_str().to_string(),
                review: e.review.as_str().to_string(),
            });
        }
        charges.extend(charge_rows(c, Some(&id)));
    }
    let page = PersonPage {
        nav: Nav::of(&who),
        former: p.former == Some(true),
        person: person_row(p),
        cases: cases.iter().map(|c| (c.id.clone(), c.title.clone())).collect(),
        events,
        charges,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Query of the search page.
#[derive(Debug, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
}

/// `GET /search?q=`: full-text search with snippets.
pub(crate) async fn search(
    Reader(who): Reader,
    State(state): State<AppState>,
    Query(sq): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let q = sq.q.unwrap_or_default();
    if q.len() > 500 {
        return Err(AppError::BadRequest("the query is longer than 500 bytes".into()).into());
    }
    let query = q.clone();
    let hits = state.pool.run(move |s| Ok(s.search(&query, 50)?)).await?;
    let hits = hits
        .into_iter()
        .map(|h| HitView {
            title: h.title.clone().unwrap_or_else(|| h.article.clone()),
            published: date_opt(h.published),
            case: h.case,
            kind: match h.kind {
                HitKind::Article => "article text",
                HitKind::Evidence => "evidence",
            },
            parts: snippet_parts(&h.snippet),
            article: h.article,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &SearchPage {
            nav: Nav::of(&who),
            q,
            hits,
        },
    ))
}

/// The options of a qualifier select (empty = none).
pub(crate) fn qualifier_options(current: Option<DateQualifier>) -> Vec<Opt> {
    use DateQualifier::*;
    Opt::list(
        "none",
        [Early, Mid, Late, Before, After, Around].iter().map(|q| q.as_str()),
        current.map(|q| q.as_str()),
    )
}
