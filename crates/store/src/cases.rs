//! Cases: replacing the whole case file, reading it back, and the listing.
//!
//! A case is derived data (the reconciler recomputes it from the articles),
//! so it is stored as its JSON (`spec/casefile.md` shape) plus summary columns
//! for listings, and its article ids in `case_articles` for search. Cases
//! list by `sort_key` (earliest publication date, then smallest article id,
//! set by rebuilds; empty for [`replace`]) and then `position`.

use crate::error::{Context as _, data_error};
use crate::{CaseSummary, Result, count, pos};
use casewatch_model::{Case, CaseFile};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};
use std::collections::BTreeSet;
use std::path::Path;

/// Replaces every case in one IMMEDIATE transaction.
pub(crate) fn replace(conn: &mut Connection, path: &Path, file: &CaseFile) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx(path, || "starting a transaction to replace the cases")?;
    tx.execute_batch("DELETE FROM case_articles; DELETE FROM cases;")
        .ctx(path, || "deleting the old cases")?;
    for (i, case) in file.cases.iter().enumerate() {
        insert(&tx, path, case, pos(i), "")?;
    }
    tx.commit()
        .ctx(path, || format!("committing {} cases", file.cases.len()))
}

/// The summary columns of a case: first and last timeline date, and its
/// articles (those it lists and those its timeline cites).
fn summary(case: &Case) -> (Option<String>, Option<String>, BTreeSet<&str>) {
    let dates = case.events.iter().filter_map(|e| e.date.value);
    let first = dates.clone().min().map(|d| d.to_string());
    let last = dates.max().map(|d| d.to_string());
    let articles: BTreeSet<&str> = case
        .articles
        .iter()
        .map(String::as_str)
        .chain(
            case.events
                .iter()
                .flat_map(|e| e.sources.iter().map(|s| s.article.as_str())),
        )
        .collect();
    (first, last, articles)
}

/// Inserts one case (row, summary columns, `case_articles`) at listing
/// position `position` with order key `sort_key` (cases list by
/// `sort_key`, then `position`).
pub(crate) fn insert(conn: &Connection, path: &Path, case: &Case, position: i64, sort_key: &str) -> Result<()> {
    let (case, reviewer_country) = crate::summary::apply_case_review(conn, path, case)?;
    let case = case.as_ref();
    let what = || format!("storing case {}", case.id);
    let data = serde_json::to_string(case).map_err(|e| data_error(path, what(), e))?;
    let (first, last, articles) = summary(case);
    conn.prepare_cached(
        "INSERT INTO cases (id, position, title, people_count, event_count, first_date, last_date,
                            source_count, data, sort_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut st| {
        st.execute(params![
            case.id,
            position,
            case.title,
            pos(case.people.len()),
            pos(case.events.len()),
            first,
            last,
            pos(articles.len()),
            data,
            sort_key
        ])
    })
    .ctx(path, what)?;
    let mut art_st = conn
        .prepare_cached("INSERT OR IGNORE INTO case_articles (case_id, article_id) VALUES (?1, ?2)")
        .ctx(path, || "preparing the case articles insert")?;
    for article in articles {
        art_st
            .execute(params![case.id, article])
            .ctx(path, || format!("linking case {} to article {article}", case.id))?;
    }
    crate::summary::write(conn, path, case, reviewer_country)
}

/// Rewrites one stored case in place (same id, position and articles):
/// its JSON and summary columns.
pub(crate) fn update(conn: &Connection, path: &Path, case: &Case) -> Result<()> {
    let (case, reviewer_country) = crate::summary::apply_case_review(conn, path, case)?;
    let case = case.as_ref();
    let what = || format!("updating case {}", case.id);
    let data = serde_json::to_string(case).map_err(|e| data_error(path, what(), e))?;
    let (first, last, articles) = summary(case);
    conn.prepare_cached(
        "UPDATE cases SET title = ?2, people_count = ?3, event_count = ?4, first_date = ?5, last_date = ?6,
                          source_count = ?7, data = ?8
         WHERE id = ?1",
    )
    .and_then(|mut st| {
        st.execute(params![
            case.id,
            case.title,
            pos(case.people.len()),
            pos(case.events.len()),
            first,
            last,
            pos(articles.len()),
            data
        ])
    })
    .ctx(path, what)?;
    crate::summary::write(conn, path, case, reviewer_country)
}

fn decode(path: &Path, id: &str, data: &str) -> Result<Case> {
    serde_json::from_str(data).map_err(|e| data_error(path, format!("case {id}"), e))
}

/// Every case in listing order (`sort_key`, then position).
pub(crate) fn read_all(conn: &Connection, path: &Path) -> Result<CaseFile> {
    let mut st = conn
        .prepare_cached("SELECT id, data FROM cases ORDER BY sort_key, position")
        .ctx(path, || "preparing to read cases")?;
    let rows = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        .ctx(path, || "reading cases")?;
    let cases = rows
        .iter()
        .map(|(id, data)| decode(path, id, data))
        .collect::<Result<Vec<_>>>()?;
    Ok(CaseFile { cases })
}

/// One case by id.
pub(crate) fn read_one(conn: &Connection, path: &Path, id: &str) -> Result<Option<Case>> {
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM cases WHERE id = ?1")
        .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
        .ctx(path, || format!("reading case {id}"))?;
    data.map(|d| decode(path, id, &d)).transpose()
}

/// The listing from the summary columns.
pub(crate) fn summaries(conn: &Connection, path: &Path) -> Result<Vec<CaseSummary>> {
    let mut st = conn
        .prepare_cached(
            "SELECT id, title, people_count, event_count, first_date, last_date, source_count
             FROM cases ORDER BY sort_key, position",
        )
        .ctx(path, || "preparing the case listing")?;
    st.query_map([], |r| {
        Ok(CaseSummary {
            id: r.get(0)?,
            title: r.get(1)?,
            people: count(r.get(2)?),
            events: count(r.get(3)?),
            first_date: r.get(4)?,
            last_date: r.get(5)?,
            sources: count(r.get(6)?),
        })
    })
    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
    .ctx(path, || "reading the case listing")
}
