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
use casewatch_model::{Case, DateQualifier, EventType, Review, Standing, Status, TimelineEntry};
use casewatch_store::CaseSort;
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

/// `GET /cases`: the case list with filters, sorted by any column and
/// paged, read from the stored summaries (no case is decoded).
pub(crate) async fn cases(
    Reader(who): Reader,
    State(state): State<AppState>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, PageError> {
    let (filter, errors) = q.parse();
    let query = filter.case_query();
    let (page, countries) = state
        .pool
        .run(move |s| Ok((s.case_page(&query)?, s.case_countries()?)))
        .await?;
    let rows = page
        .rows
        .iter()
        .map(|c| CaseRow {
            id: c.id.clone(),
            title: c.title.clone(),
            country: c.country.clone().unwrap_or_default(),
            standings: c
                .statuses
                .iter()
                .map(|s| StandingView::of(s, &c.id, &c.title))
                .collect(),
            people: c.people as usize,
            events: c.events as usize,
            sources: c.sources as usize,
            first: c.first_date.clone().unwrap_or_default(),
            last: c.last_date.clone().unwrap_or_default(),
            reviewed: c.reviewed as usize,
            matching: c.matching.map(|m| m as usize),
        })
        .collect();
    let pages = page.total.div_ceil(filter.per_page).max(1);
    let headers = [
        ("Case", CaseSort::Title),
        ("Country", CaseSort::Country),
        ("Defendants now", CaseSort::Status),
        ("People", CaseSort::People),
        ("Events", CaseSort::Events),
        ("Sources", CaseSort::Sources),
        ("First", CaseSort::First),
        ("Last", CaseSort::Last),
        ("Reviewed", CaseSort::Reviewed),
    ]
    .into_iter()
    .map(|(label, col)| {
        let current = filter.sort == col;
        SortHeader {
            label,
            href: filter.link("/cases", col, current && !filter.desc, 1),
            aria: match (current, filter.desc) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            },
            arrow: match (current, filter.desc) {
                (false, _) => "",
                (true, false) => " ▲",
                (true, true) => " ▼",
            },
        }
    })
    .collect();
    let fq = &filter.query;
    let rest = filter.query_without("page");
    let page_view = CasesPage {
        nav: Nav::of(&who),
        rows,
        total: page.total as usize,
        all: page.all as usize,
        headers,
        prev: (filter.page > 1).then(|| filter.link("/cases", filter.sort, filter.desc, filter.page - 1)),
        next: (filter.page < pages).then(|| filter.link("/cases", filter.sort, filter.desc, filter.page + 1)),
        page: filter.page,
        pages,
        csv_href: if rest.is_empty() {
            "/cases.csv".to_string()
        } else {
            format!("/cases.csv?{rest}")
        },
        countries: Opt::list("any", countries.iter().map(|(c, _)| c.as_str()), fq.country.as_deref()),
        standings: Opt::list("any", Standing::ALL.iter().map(|s| s.as_str()), fq.standing.as_deref()),
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
    Ok(render(StatusCode::OK, &page_view))
}

/// `GET /cases.csv`: the filtered case list (every page) as CSV, one row per
/// case with its defendants' statuses.
pub(crate) async fn cases_csv(
    Reader(_): Reader,
    State(state): State<AppState>,
    Query(q): Query<FilterQuery>,
) -> Result<Response, PageError> {
    let (filter, _) = q.parse();
    let mut query = filter.case_query();
    query.offset = 0;
    query.limit = 1000;
    let rows = state
        .pool
        .run(move |s| {
            let mut rows = Vec::new();
            loop {
                let page = s.case_page(&query)?;
                let done = page.rows.len() < 1000;
                rows.extend(page.rows);
                if done {
                    return Ok(rows);
                }
                query.offset += 1000;
            }
        })
        .await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "case",
        "title",
        "country",
        "defendants_now",
        "people",
        "events",
        "sources",
        "first",
        "last",
        "reviewed",
    ];
    // A cell that a spreadsheet would read as a formula is neutralised with a leading quote.
    let safe = |c: &String| {
        if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{c}")
        } else {
            c.clone()
        }
    };
    let mut write = |rec: &[String]| {
        w.write_record(rec.iter().map(safe))
            .map_err(|e| AppError::Internal(format!("CSV: {e}")))
    };
    write(&header.map(str::to_string))?;
    for c in &rows {
        let now = c
            .statuses
            .iter()
            .map(|s| format!("{}: {}", s.name, s.status.label()))
            .collect::<Vec<_>>()
            .join(" | ");
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        write(&[
            c.id.clone(),
            c.title.clone(),
            opt(&c.country),
            now,
            c.people.to_string(),
            c.events.to_string(),
            c.sources.to_string(),
            opt(&c.first_date),
            opt(&c.last_date),
            c.reviewed.to_string(),
        ])?;
    }
    let body = w.into_inner().map_err(|e| AppError::Internal(format!("CSV: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"cases.csv\""),
        ],
        body,
    )
        .into_response())
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
    let latest = e.sources.iter().filter_map(|s| s.published).max();
    let scheduled = match (e.status, e.date.day_span(), latest) {
        (Status::NotOccurred, Some((start, _)), Some(p)) if start > chrono::Datelike::num_days_from_ce(&p) => {
            Some(date_label(&e.date))
        }
        _ => None,
    };
    let claimant = e
        .sources
        .iter()
        .filter_map(|s| {
            texts.get(&s.article).and_then(|t| {
                t.attributions
                    .iter()
                    .find(|(start, ty, _)| *start == s.start && *ty == e.event_type)
                    .map(|(_, _, who)| who.clone())
            })
        })
        .next();
    EntryView {
        id: e.id.clone(),
        date: date_label(&e.date),
        dated: e.date.value.is_some(),
        scheduled,
        inferred: e.date.inferred && e.date.value.is_some(),
        apart: crate::timeline::is_apart(e),
        claimant: claimant.filter(|_| matches!(e.status, Status::Alleged | Status::Denied)),
        family: family(e.event_type),
        type_label: type_label(e.event_type),
        status_text: crate::timeline::status_words(e.status),
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
                title: s
                    .title
                    .clone()
                    .or_else(|| texts.get(&s.article).and_then(|t| t.title.clone())),
                outlet: s.outlet.clone().or_else(|| {
                    s.url
                        .as_deref()
                        .or_else(|| texts.get(&s.article).and_then(|t| t.url.as_deref()))
                        .and_then(casewatch_model::outlet_of_url)
                }),
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
        more_sources: 0,
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

/// How many timeline entries the case page shows before "show all" (`?all=1`).
/// Chosen so a case of 1,000 reports (about 1,200 entries) renders a page of a
/// few hundred KB instead of 1.4 MB (issue #12's read target).
pub(crate) const CASE_PAGE_ENTRIES: usize = 200;
/// How many sources of one entry the case page shows before "show all".
pub(crate) const CASE_PAGE_SOURCES: usize = 10;
/// How many article links the foot of the case page lists before "show all".
pub(crate) const CASE_PAGE_ARTICLES: usize = 200;

/// Figures of the whole case, taken before the page is capped.
struct CaseCounts {
    events: usize,
    dated: usize,
    reviewed: usize,
    sources: usize,
    first: Option<casewatch_model::PartialDate>,
    last: Option<casewatch_model::PartialDate>,
    /// Sources left out per shown entry id.
    hidden_sources: HashMap<String, usize>,
}

/// `GET /cases/{id}?all=1`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CaseQuery {
    /// `1`/`true`: every entry, source and article, however large the case.
    pub(crate) all: Option<String>,
}

/// What a capped case page left out, counted on the whole case.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CaseCap {
    /// Entries of the case.
    pub(crate) entries: usize,
    /// Entries not shown (past [`CASE_PAGE_ENTRIES`]).
    pub(crate) hidden_entries: usize,
    /// Whether some shown entry has sources past [`CASE_PAGE_SOURCES`].
    pub(crate) hidden_sources: bool,
    /// Articles of the case.
    pub(crate) articles: usize,
    /// Article links shown at the foot of the page.
    pub(crate) shown_articles: usize,
}

impl CaseCap {
    /// Whether anything was left out.
    pub(crate) fn capped(&self) -> bool {
        self.hidden_entries > 0 || self.hidden_sources || self.shown_articles < self.articles
    }

    /// Entries shown.
    pub(crate) fn shown(&self) -> usize {
        self.entries - self.hidden_entries
    }

    /// Sources shown per entry at most ([`CASE_PAGE_SOURCES`]).
    pub(crate) fn sources_cap(&self) -> usize {
        CASE_PAGE_SOURCES
    }
}

/// `GET /cases/{id}`: the case page. A large case shows its first
/// [`CASE_PAGE_ENTRIES`] entries (in timeline order), at most
/// [`CASE_PAGE_SOURCES`] sources each and [`CASE_PAGE_ARTICLES`] article links,
/// with "show all" links to `?all=1`; the SVG timeline draws the shown entries.
/// Counts in the summary line are of the whole case. A small case is unchanged.
pub(crate) async fn case(
    Reader(who): Reader,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, PageError> {
    let lookup = id.clone();
    let all = matches!(q.all.as_deref(), Some("1" | "true" | "yes" | "on"));
    let (mut case, texts, audit, standings, country, counts) = state
        .pool
        .run(move |s| {
            let Some(mut case) = s.case(&lookup)? else {
                return Err(AppError::NotFound(format!("no case {lookup}")));
            };
            // Counted on the whole case, before any cap.
            let mut cited: Vec<&str> = case
                .events
                .iter()
                .flat_map(|e| e.sources.iter().map(|s| s.article.as_str()))
                .collect();
            cited.sort_unstable();
            cited.dedup();
            let mut counts = CaseCounts {
                events: case.events.len(),
                dated: case.events.iter().filter(|e| e.date.value.is_some()).count(),
                reviewed: case.events.iter().filter(|e| e.review != Review::Machine).count(),
                sources: cited.len().max(case.articles.len()),
                first: case.events.iter().filter_map(|e| e.date.value).min(),
                last: case.events.iter().filter_map(|e| e.date.value).max(),
                hidden_sources: HashMap::new(),
            };
            if !all {
                case.events.truncate(CASE_PAGE_ENTRIES);
                for e in &mut case.events {
                    if e.sources.len() > CASE_PAGE_SOURCES {
                        counts
                            .hidden_sources
                            .insert(e.id.clone(), e.sources.len() - CASE_PAGE_SOURCES);
                        e.sources.truncate(CASE_PAGE_SOURCES);
                    }
                }
            }
            // Only the texts of the sources shown are read.
            let texts = case_texts(s, &case)?;
            let audit = crate::review::audit_rows(s, &lookup, 10)?;
            let standings = s.statuses(&casewatch_store::StatusQuery {
                case: Some(case.id.clone()),
                ..Default::default()
            })?;
            let country = s.case_country(&case.id)?;
            Ok((case, texts, audit, standings, country, counts))
        })
        .await?;
    let articles = case.articles.len();
    if !all {
        case.articles.truncate(CASE_PAGE_ARTICLES);
    }
    let cap = CaseCap {
        entries: counts.events,
        hidden_entries: counts.events - case.events.len(),
        hidden_sources: !counts.hidden_sources.is_empty(),
        articles,
        shown_articles: case.articles.len(),
    };
    let names = |e: &TimelineEntry| {
        e.subjects
            .iter()
            .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lanes: Vec<(String, String)> = standings
        .iter()
        .map(|r| (r.status.person.clone(), r.status.name.clone()))
        .collect();
    let tl = layout(&case.events, &lanes, names);
    let used: std::collections::BTreeSet<&str> = case.events.iter().map(|e| family(e.event_type)).collect();
    let (apart, happened): (Vec<EntryView>, Vec<EntryView>) = case
        .events
        .iter()
        .map(|e| {
            let mut v = entry_view(&case, e, &texts);
            v.more_sources = counts.hidden_sources.get(&e.id).copied().unwrap_or(0);
            v
        })
        .partition(|v| v.apart);
    let (dated, undated): (Vec<EntryView>, Vec<EntryView>) = happened.into_iter().partition(|v| v.dated);
    let summary = format!(
        "{} · {} ({} dated, {} reviewed) · {}",
        plural(case.people.len(), "person", "people"),
        plural(counts.events, "event", "events"),
        counts.dated,
        counts.reviewed,
        plural(counts.sources, "source", "sources")
    );
    let page = CasePage {
        nav: Nav::of(&who),
        summary,
        first: counts.first.map(|d| d.to_string()).unwrap_or_default(),
        last: counts.last.map(|d| d.to_string()).unwrap_or_default(),
        cap,
        all,
        tl,
        legend: FAMILIES
            .iter()
            .filter(|(f, _)| used.contains(f))
            .map(|&(family, label)| LegendItem { family, label })
            .collect(),
        dated,
        undated,
        apart,
        standings: standings
            .iter()
            .map(|r| StandingView::of(&r.status, &r.case, &r.case_title))
            .collect(),
        country: country.unwrap_or_default(),
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
pub(crate) async fn articles(
    Reader(who): Reader,
    State(state): State<AppState>,
    Query(q): Query<ArticlesQuery>,
) -> Result<Response, PageError> {
    let list = state.pool.run(|s| Ok(s.article_summaries()?)).await?;
    let without_case = q.without_case();
    let orphans = list.iter().filter(|a| a.case.is_none()).count();
    let rows = list
        .into_iter()
        .filter(|a| !without_case || a.case.is_none())
        .map(|a| ArticleRow {
            title: a.title.unwrap_or_else(|| a.id.clone()),
            outlet: a
                .outlet
                .clone()
                .or_else(|| a.url.as_deref().and_then(casewatch_model::outlet_of_url))
                .unwrap_or_default(),
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
            orphans,
            without_case,
        },
    ))
}

/// `GET /articles?without_case=1`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ArticlesQuery {
    /// `1`/`true`: only the articles that belong to no case.
    pub(crate) without_case: Option<String>,
}

impl ArticlesQuery {
    /// Whether only articles without a case are asked for.
    pub(crate) fn without_case(&self) -> bool {
        matches!(self.without_case.as_deref(), Some("1" | "true" | "yes" | "on"))
    }
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
        source: match text.outlet.as_deref() {
            Some(o) if !text.source.starts_with("http") => o.to_string(),
            Some(o) => format!("{o} · {}", public_source(&text.source, text.url.as_deref())),
            None => public_source(&text.source, text.url.as_deref()),
        },
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
    let (cases, standings) = state
        .pool
        .run(move |s| {
            let mut out = Vec::new();
            for c in s.cases_of_person(&lookup)? {
                if let Some(case) = s.case(&c)? {
                    out.push(case);
                }
            }
            let standings = s.statuses(&casewatch_store::StatusQuery {
                person: Some(lookup.clone()),
                ..Default::default()
            })?;
            Ok((out, standings))
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
        standings: standings
            .iter()
            .map(|r| StandingView::of(&r.status, &r.case, &r.case_title))
            .collect(),
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
    let found = state.pool.run(move |s| Ok(s.search_sentences(&query, 50)?)).await?;
    let notice = found.notice;
    let hits = found
        .hits
        .into_iter()
        .map(|h| HitView {
            events: h.events.clone(),
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
            notice,
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

#[cfg(test)]
mod tests {
    use super::*;
    use casewatch_model::{EventDate, Source, Subject};

    #[test]
    fn scheduled_acts_claims_and_inferred_dates() {
        let mut e = TimelineEntry {
            id: "E1".into(),
            event_type: EventType::Hearing,
            date: EventDate {
                value: Some("2025-07-01".parse().expect("date")),
                qualifier: None,
                text: None,
                inferred: false,
            },
            subjects: vec![Subject::default()],
            agent: None,
            place: None,
            status: Status::NotOccurred,
            detail: None,
            review: Review::Machine,
            sources: vec![Source {
                article: "a1".into(),
                published: chrono::NaiveDate::from_ymd_opt(2025, 6, 19),
                url: Some("https://www.example.org/news/1".into()),
                title: None,
                outlet: None,
                start: 0,
                end: 5,
                sentence: "Next.".into(),
            }],
            conflicts: vec![],
        };
        let case = Case {
            id: "c1".into(),
            title: "t".into(),
            people: vec![],
            organizations: vec![],
            charges: vec![],
            events: vec![],
            articles: vec![],
            related_cases: vec![],
        };
        let mut texts = HashMap::new();
        texts.insert(
            "a1".to_string(),
            ArticleText {
                id: "a1".into(),
                source: "/srv/in/a1.txt".into(),
                published: None,
                title: Some("Trial adjourned".into()),
                url: None,
                outlet: None,
                body: "Next. More.".into(),
                attributions: vec![(0, EventType::CoercionAllegation, "her lawyer".into())],
            },
        );
        let v = entry_view(&case, &e, &texts);
        assert_eq!(v.scheduled.as_deref(), Some("2025-07-01"));
        assert!(v.apart && !v.inferred);
        assert_eq!(v.sources[0].title.as_deref(), Some("Trial adjourned"));
        assert_eq!(v.sources[0].outlet.as_deref(), Some("example.org"));
        // A past act that did not happen is not "scheduled".
        e.date.value = Some("2025-06-01".parse().expect("date"));
        assert_eq!(entry_view(&case, &e, &texts).scheduled, None);
        // An alleged entry names its claimant; an inferred date is marked.
        e.event_type = EventType::CoercionAllegation;
        e.status = Status::Alleged;
        e.date.inferred = true;
        let v = entry_view(&case, &e, &texts);
        assert_eq!(v.claimant.as_deref(), Some("her lawyer"));
        assert!(v.inferred && !v.apart);
    }
}
