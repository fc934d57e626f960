//! Cases: replacing the whole case file, reading it back, and the listing.
//!
//! A case is derived data (the reconciler recomputes it from the articles),
//! so it is stored as its JSON (`spec/casefile.md` shape) plus summary columns
//! for listings, and its article ids in `case_articles` for search. Cases
//! list by `sort_key` (earliest publication date, then smallest article id,
//! set by rebuilds; empty for [`replace`]) and then `position`.

use crate::case_rows::{self, TableRows, value};
use crate::error::{Context as _, data_error};
use crate::{CaseSummary, Result, count, pos};
use casewatch_model::{Case, CaseFile, OrgKind, RelatedCase, Role, Status};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params, types::Value as SqlValue};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Replaces every case in one IMMEDIATE transaction.
pub(crate) fn replace(conn: &mut Connection, path: &Path, file: &CaseFile) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx(path, || "starting a transaction to replace the cases")?;
    tx.execute_batch("DELETE FROM case_articles; DELETE FROM cases;")
        .ctx(path, || "deleting the old cases")?;
    let mut person = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO person_index (case_id, person_id, block, name, occupation, affiliation, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .ctx(path, || "preparing the person index insert")?;
    for (i, case) in file.cases.iter().enumerate() {
        insert(&tx, path, case, pos(i), "")?;
        // The people index (`cases_of_person`, related cases), as a rebuild writes it.
        for p in &case.people {
            person
                .execute(params![
                    case.id,
                    p.id,
                    casewatch_reconcile::names::block_key(&p.name),
                    p.name,
                    p.occupation,
                    p.affiliation,
                    p.role.as_str()
                ])
                .ctx(path, || format!("indexing person {}", p.id))?;
        }
    }
    drop(person);
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
/// `sort_key`, then `position`). Errors with a constraint violation when
/// its id is stored.
pub(crate) fn insert(conn: &Connection, path: &Path, case: &Case, position: i64, sort_key: &str) -> Result<()> {
    store(conn, path, case, Some((position, sort_key)), true)
}

/// [`insert`], except that a stored case of the same id gets only what
/// differs (see [`store`]): how a rebuild writes its cases.
pub(crate) fn write(conn: &Connection, path: &Path, case: &Case, position: i64, sort_key: &str) -> Result<()> {
    store(conn, path, case, Some((position, sort_key)), false)
}

/// Rewrites one stored case in place (same id, position and articles):
/// its JSON and summary columns.
pub(crate) fn update(conn: &Connection, path: &Path, case: &Case) -> Result<()> {
    store(conn, path, case, None, false)
}

/// Writes case `case` (row, summary columns, listing rows and, with a
/// `placement` (listing position, order key), its `case_articles`) as the
/// difference from what is stored for its id ([`crate::case_rows`]): a case
/// that is not stored is inserted (which needs a placement), a stored one
/// gets only the columns and rows that changed (`new_only`: it is an error
/// instead).
fn store(conn: &Connection, path: &Path, case: &Case, placement: Option<(i64, &str)>, new_only: bool) -> Result<()> {
    let with_outlets = source_outlets(conn, path, case)?;
    let case = with_outlets.as_ref().unwrap_or(case);
    let (case, reviewer_country) = crate::summary::apply_case_review(conn, path, case)?;
    let case = case.as_ref();
    let data = stored_json(case).map_err(|e| data_error(path, format!("storing case {}", case.id), e))?;
    let (first, last, articles) = summary(case);
    let mut columns = vec![
        ("title", value(&case.title)),
        ("people_count", value(&pos(case.people.len()))),
        ("event_count", value(&pos(case.events.len()))),
        ("first_date", value(&first)),
        ("last_date", value(&last)),
        ("source_count", value(&pos(articles.len()))),
        ("data", SqlValue::Blob(data)),
    ];
    if let Some((position, sort_key)) = placement {
        columns.push(("position", value(&position)));
        columns.push(("sort_key", value(sort_key)));
    }
    let (summary_columns, tables) = crate::summary::rows(conn, path, case, reviewer_country)?;
    columns.extend(summary_columns);
    case_rows::write_case_row(conn, path, &case.id, &columns, new_only)?;
    if placement.is_some() {
        let mut linked = TableRows::new("case_articles", &["article_id"], &[]);
        for a in articles {
            linked.push(vec![value(a)], Vec::new());
        }
        case_rows::sync(conn, path, &case.id, &linked)?;
    }
    for t in &tables {
        case_rows::sync(conn, path, &case.id, t)?;
    }
    Ok(())
}

/// The case with each source's outlet as its article's metadata names it
/// (`articles.outlet`, see `Store::set_outlets`), or `None` when no source
/// changes (the reconciler gives the URL's site). One indexed look-up per
/// distinct source article.
fn source_outlets(conn: &Connection, path: &Path, case: &Case) -> Result<Option<Case>> {
    let mut named: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut st = conn
        .prepare_cached(
            "SELECT outlet FROM articles
             WHERE article_id = ?1 AND outlet IS NOT NULL ORDER BY id LIMIT 1",
        )
        .ctx(path, || "preparing the outlet look-up")?;
    for s in case.events.iter().flat_map(|e| &e.sources) {
        if !named.contains_key(s.article.as_str()) {
            let o: Option<String> = st
                .query_row([&s.article], |r| r.get(0))
                .optional()
                .ctx(path, || format!("reading the outlet of {}", s.article))?;
            named.insert(&s.article, o);
        }
    }
    let differs = case.events.iter().flat_map(|e| &e.sources).any(|s| {
        named
            .get(s.article.as_str())
            .is_some_and(|o| o.is_some() && *o != s.outlet)
    });
    if !differs {
        return Ok(None);
    }
    let mut c = case.clone();
    for s in c.events.iter_mut().flat_map(|e| &mut e.sources) {
        if let Some(Some(o)) = named.get(s.article.as_str()) {
            s.outlet = Some(o.clone());
        }
    }
    Ok(Some(c))
}

/// The data stored for a case: its JSON without `related_cases` (derived on
/// every read from the indexes, see [`related`]), deflated (a BLOB; rows
/// written before hold the JSON as TEXT, and [`decode`] reads both).
fn stored_json(case: &Case) -> std::result::Result<Vec<u8>, String> {
    let json = if case.related_cases.is_empty() {
        serde_json::to_vec(case)
    } else {
        let mut c = case.clone();
        c.related_cases.clear();
        serde_json::to_vec(&c)
    }
    .map_err(|e| e.to_string())?;
    crate::deflate::deflate(&json)
}

/// Reads a stored case: deflated JSON (a BLOB) or JSON text (older rows).
pub(crate) fn decode(path: &Path, id: &str, data: rusqlite::types::ValueRef<'_>) -> Result<Case> {
    use rusqlite::types::ValueRef;
    let what = || format!("case {id}");
    match data {
        ValueRef::Text(t) => serde_json::from_slice(t).map_err(|e| data_error(path, what(), e)),
        ValueRef::Blob(b) => {
            // Inflated whole, then parsed: `serde_json::from_reader` reads a
            // byte at a time, and each byte through the decoder cost a call
            // into the inflater (two thirds of a 1,000-article case page).
            let json = crate::deflate::inflate(b, None).map_err(|e| data_error(path, what(), e))?;
            serde_json::from_slice(&json).map_err(|e| data_error(path, what(), e))
        }
        other => Err(data_error(path, what(), format!("stored as {:?}", other.data_type()))),
    }
}

/// The outlets a case is about, as (key, name): media outlets that are an
/// occurred/alleged subject of one of its entries, and its defendants'
/// outlets. Keys are `casewatch_reconcile::outlet_key`s. Another case with
/// one of them is related (see [`related`]).
pub(crate) fn outlets_of(case: &Case) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in &case.events {
        if !matches!(e.status, Status::Occurred | Status::Alleged) {
            continue;
        }
        for s in &e.subjects {
            if let Some(o) = case
                .organizations
                .iter()
                .find(|o| s.reference.as_deref() == Some(o.id.as_str()) && o.kind == OrgKind::MediaOutlet)
            {
                out.entry(casewatch_reconcile::outlet_key(&o.name))
                    .or_insert_with(|| o.name.clone());
            }
        }
    }
    for p in case.people.iter().filter(|p| p.role == Role::Defendant) {
        if let Some(a) = p.affiliation.as_deref().filter(|a| !a.trim().is_empty()) {
            out.entry(casewatch_reconcile::outlet_key(a))
                .or_insert_with(|| a.trim().to_string());
        }
    }
    out.remove("");
    out
}

/// The cases related to case `id`: those that hold one of its people (the
/// same person id: "shares Victor Hale: lawyer here, defendant there") or
/// concern one of its outlets ("both concern the outlet Lantern Post"), by
/// case id, each with its reasons. Relations are read from `person_index`
/// and `case_outlets`, so they always reflect the stored cases.
pub(crate) fn related(conn: &Connection, path: &Path, id: &str) -> Result<Vec<RelatedCase>> {
    let people: Vec<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT b.case_id, b.name, a.role, b.role FROM person_index a
               JOIN person_index b ON b.person_id = a.person_id AND b.case_id != a.case_id
              WHERE a.case_id = ?1 ORDER BY b.case_id, b.person_id",
        )
        .and_then(|mut st| {
            st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || format!("reading the people {id} shares"))?;
    let outlets: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT b.case_id, a.name FROM case_outlets a
               JOIN case_outlets b ON b.key = a.key AND b.case_id != a.case_id
              WHERE a.case_id = ?1 ORDER BY b.case_id, a.key",
        )
        .and_then(|mut st| {
            st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || format!("reading the outlets {id} shares"))?;
    let role = |r: &str| {
        if r.is_empty() {
            "unknown role".to_string()
        } else {
            r.to_string()
        }
    };
    let mut reasons: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (case, name, here, there) in people {
        reasons
            .entry(case)
            .or_default()
            .push(format!("shares {name}: {} here, {} there", role(&here), role(&there)));
    }
    for (case, name) in outlets {
        reasons
            .entry(case)
            .or_default()
            .push(format!("both concern the outlet {name}"));
    }
    let mut title = conn
        .prepare_cached("SELECT title FROM cases WHERE id = ?1")
        .ctx(path, || "preparing the title look-up")?;
    let mut out = Vec::with_capacity(reasons.len());
    for (case, reasons) in reasons {
        let t: Option<String> = title
            .query_row([&case], |r| r.get(0))
            .optional()
            .ctx(path, || format!("reading the title of {case}"))?;
        if let Some(title) = t {
            out.push(RelatedCase { case, title, reasons });
        }
    }
    out.sort_by_key(|r| (casewatch_reconcile::identity::id_number(&r.case), r.case.clone()));
    Ok(out)
}

/// The number of related cases of case `id`: `related(id).len()`, counted
/// by one indexed query instead of building every reason (the listing
/// shows the number on each row).
pub(crate) fn related_count(conn: &Connection, path: &Path, id: &str) -> Result<u64> {
    conn.prepare_cached(
        "SELECT count(*) FROM (
            SELECT b.case_id AS other FROM person_index a
              JOIN person_index b ON b.person_id = a.person_id AND b.case_id != a.case_id
             WHERE a.case_id = ?1
            UNION
            SELECT b.case_id FROM case_outlets a
              JOIN case_outlets b ON b.key = a.key AND b.case_id != a.case_id
             WHERE a.case_id = ?1
         ) r WHERE EXISTS (SELECT 1 FROM cases c WHERE c.id = r.other)",
    )
    .and_then(|mut st| st.query_row([id], |r| r.get::<_, i64>(0)))
    .map(|n| u64::try_from(n).unwrap_or(0))
    .ctx(path, || format!("counting the cases related to {id}"))
}

/// The number of related cases (see [`related`]) of every case that has any.
fn related_counts(conn: &Connection, path: &Path) -> Result<BTreeMap<String, u64>> {
    let pairs: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT a.case_id, b.case_id FROM person_index a
               JOIN person_index b ON b.person_id = a.person_id AND b.case_id != a.case_id
             UNION
             SELECT a.case_id, b.case_id FROM case_outlets a
               JOIN case_outlets b ON b.key = a.key AND b.case_id != a.case_id",
        )
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || "counting related cases")?;
    let mut counts = BTreeMap::new();
    for (a, _) in pairs {
        *counts.entry(a).or_insert(0) += 1;
    }
    Ok(counts)
}

/// Ids of the stored articles that belong to no case (no legal event about
/// a named defendant or a prosecuted outlet), sorted, each once: the table
/// migration 16's triggers keep, not a look-up of every article.
pub(crate) fn articles_without_case(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    conn.prepare_cached("SELECT article_id FROM articles_without_case ORDER BY article_id")
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
        })
        .ctx(path, || "reading the articles without a case")
}

/// Every case in listing order (`sort_key`, then position).
pub(crate) fn read_all(conn: &Connection, path: &Path) -> Result<CaseFile> {
    let mut st = conn
        .prepare_cached("SELECT id, data FROM cases ORDER BY sort_key, position")
        .ctx(path, || "preparing to read cases")?;
    let rows = st
        .query_map([], |r| {
            let id: String = r.get(0)?;
            let case = decode(path, &id, r.get_ref(1)?);
            Ok((id, case))
        })
        .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        .ctx(path, || "reading cases")?;
    let cases = rows
        .into_iter()
        .map(|(id, case)| {
            let mut c = case?;
            c.related_cases = related(conn, path, &id)?;
            Ok(c)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(CaseFile { cases })
}

/// One case by id.
pub(crate) fn read_one(conn: &Connection, path: &Path, id: &str) -> Result<Option<Case>> {
    let case: Option<Result<Case>> = conn
        .prepare_cached("SELECT data FROM cases WHERE id = ?1")
        .and_then(|mut st| st.query_row([id], |r| Ok(decode(path, id, r.get_ref(0)?))).optional())
        .ctx(path, || format!("reading case {id}"))?;
    let Some(case) = case else { return Ok(None) };
    let mut c = case?;
    c.related_cases = related(conn, path, id)?;
    Ok(Some(c))
}

/// Every case id in case order (`sort_key`, then position), as
/// [`read_all`] reads the cases.
pub(crate) fn ids(conn: &Connection, path: &Path) -> Result<Vec<String>> {
    conn.prepare_cached("SELECT id FROM cases ORDER BY sort_key, position")
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
        })
        .ctx(path, || "reading the case ids")
}

/// The first case in listing order whose title contains `text` (both in
/// lower case); see [`crate::Store::case_by_title`].
pub(crate) fn case_by_title(conn: &Connection, path: &Path, text: &str) -> Result<Option<String>> {
    let wanted = text.to_lowercase();
    let mut st = conn
        .prepare_cached("SELECT id, title FROM cases ORDER BY sort_key, position")
        .ctx(path, || "preparing the case titles")?;
    let mut rows = st.query([]).ctx(path, || "reading the case titles")?;
    while let Some(row) = rows.next().ctx(path, || "reading the case titles")? {
        let title: String = row.get(1).ctx(path, || "reading a case title")?;
        if title.to_lowercase().contains(&wanted) {
            return row.get(0).map(Some).ctx(path, || "reading a case id");
        }
    }
    Ok(None)
}

/// The listing from the summary columns.
pub(crate) fn summaries(conn: &Connection, path: &Path) -> Result<Vec<CaseSummary>> {
    let mut st = conn
        .prepare_cached(
            "SELECT id, title, people_count, event_count, first_date, last_date, source_count
             FROM cases ORDER BY sort_key, position",
        )
        .ctx(path, || "preparing the case listing")?;
    let related = related_counts(conn, path)?;
    let mut list = st
        .query_map([], |r| {
            Ok(CaseSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                people: count(r.get(2)?),
                events: count(r.get(3)?),
                first_date: r.get(4)?,
                last_date: r.get(5)?,
                sources: count(r.get(6)?),
                related: 0,
            })
        })
        .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        .ctx(path, || "reading the case listing")?;
    for c in &mut list {
        c.related = related.get(&c.id).copied().unwrap_or(0);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::ValueRef;

    #[test]
    fn cases_are_stored_deflated_and_older_json_rows_still_read() {
        let case = Case {
            id: "c3".into(),
            title: "Aruzhan Temirbaeva case".into(),
            people: vec![],
            organizations: vec![],
            charges: vec![],
            events: vec![],
            articles: vec!["a1".into(), "a2".into()],
            related_cases: vec![],
        };
        let path = Path::new("t.db");
        let stored = stored_json(&case).expect("deflate");
        let json = serde_json::to_string(&case).expect("json");
        assert_ne!(stored, json.as_bytes(), "stored deflated, not as text");
        assert_eq!(decode(path, "c3", ValueRef::Blob(&stored)).expect("blob"), case);
        assert_eq!(decode(path, "c3", ValueRef::Text(json.as_bytes())).expect("text"), case);
        assert!(decode(path, "c3", ValueRef::Blob(b"not deflate")).is_err());
    }
}
