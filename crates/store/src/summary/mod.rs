//! The case summaries written with every case (listing columns, entries, outlets, where each defendant stands), read by the listing (`listing`) and the review queue (`queue`).
//!
//! Every time a case is written ([`crate::cases::insert`] /
//! [`crate::cases::update`]), [`write`] stores what the listing needs so that
//! listing, filtering, sorting and paging cases never decodes a case's JSON:
//! summary columns of `cases` (country, standing, reviewed count, id number),
//! one `case_entries` row per timeline entry (type, status, review, day span,
//! place), `case_outlet_names`, and one `person_status` row per defendant
//! ([`casewatch_model::custody::derive`], with a reviewer's status from
//! `review_status` in its place). A reviewer's case title and country
//! (`review_cases`) are applied by [`apply_case_review`] before the case is
//! stored. Stores written before these tables existed are filled on open
//! ([`backfill`]).
//!
//! Listing queries ([`Store::case_page`]) are one indexed `SELECT … ORDER BY
//! … LIMIT` plus one `COUNT(*)` over the same filter.

use crate::case_rows::{self, TableRows, value};
use crate::error::{Context as _, data_error, invalid};
use crate::{Result, Store, count, pos};
use casewatch_model::{Case, OrgKind, PartialDate, PersonStatus, Review, Standing, country, custody};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension as _, params_from_iter, types::Value as SqlValue};
use std::borrow::Cow;
use std::path::Path;

mod listing;
mod queue;

pub use listing::{CasePage, CaseQuery, CaseRow, CaseSort, StatusQuery, StatusRow};
pub use queue::{QueueItem, QueuePage};

/// Version of the summary rows; rows of an older version are re-derived on open.
pub(crate) const SUMMARY_VERSION: i64 = 1;

/// The case with a reviewer's title and country (from `review_cases`) applied.
/// Returns the case and the reviewer's country, if any.
pub(crate) fn apply_case_review<'a>(
    conn: &Connection,
    path: &Path,
    case: &'a Case,
) -> Result<(Cow<'a, Case>, Option<String>)> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT title, country FROM review_cases WHERE case_id = ?1")
        .and_then(|mut st| st.query_row([&case.id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ctx(path, || format!("reading the reviewer's title of {}", case.id))?;
    let Some((title, country)) = row else {
        return Ok((Cow::Borrowed(case), None));
    };
    match title {
        Some(t) if t != case.title => {
            let mut c = case.clone();
            c.title = t;
            Ok((Cow::Owned(c), country))
        }
        _ => Ok((Cow::Borrowed(case), country)),
    }
}

/// A reviewer's status of a person, if set.
pub(crate) fn status_review(conn: &Connection, path: &Path, person: &str) -> Result<Option<PersonStatus>> {
    type Row = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let row: Option<Row> = conn
        .prepare_cached("SELECT status, since, term, until, note, at FROM review_status WHERE person_id = ?1")
        .and_then(|mut st| {
            st.query_row([person], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .optional()
        })
        .ctx(path, || format!("reading the reviewer's status of {person}"))?;
    let Some((status, since, term, until, note, at)) = row else {
        return Ok(None);
    };
    let what = || format!("the reviewer's status of {person}");
    Ok(Some(PersonStatus {
        person: person.to_string(),
        name: String::new(),
        status: status.parse().map_err(|e| data_error(path, what(), e))?,
        since: since
            .map(|d| d.parse())
            .transpose()
            .map_err(|e| data_error(path, what(), e))?,
        term,
        until: until
            .map(|d| d.parse())
            .transpose()
            .map_err(|e| data_error(path, what(), e))?,
        entry: None,
        as_of: at.get(..10).and_then(|d| d.parse().ok()),
        overridden: true,
        note,
    }))
}

/// The statuses of a case's defendants: derived, with reviewers' statuses in
/// their place (a reviewer's status of someone the derivation does not list
/// as a defendant is added when the person is in the case).
pub(crate) fn case_statuses(conn: &Connection, path: &Path, case: &Case) -> Result<Vec<PersonStatus>> {
    let mut out = custody::derive(case);
    for st in &mut out {
        if let Some(mut r) = status_review(conn, path, &st.person)? {
            r.name = std::mem::take(&mut st.name);
            *st = r;
        }
    }
    for p in &case.people {
        if out.iter().all(|s| s.person != p.id)
            && let Some(mut r) = status_review(conn, path, &p.id)?
        {
            r.name = p.name.clone();
            out.push(r);
        }
    }
    Ok(out)
}

/// A column of `cases` and its value.
pub(crate) type CaseColumn = (&'static str, SqlValue);

/// The listing rows of one case: its summary columns of `cases` (country,
/// standing, standing rank, reviewed count, id number, summary version)
/// and its rows of `case_entries`, `case_outlet_names` and
/// `person_status`. `reviewer_country` is a reviewer's country, else it is
/// derived.
pub(crate) fn rows(
    conn: &Connection,
    path: &Path,
    case: &Case,
    reviewer_country: Option<String>,
) -> Result<(Vec<CaseColumn>, Vec<TableRows>)> {
    let mut entries = TableRows::new(
        "case_entries",
        &["entry_id"],
        &[
            "event_type",
            "status",
            "review",
            "day_from",
            "day_to",
            "place",
            "published",
        ],
    );
    for e in &case.events {
        let span = e.date.day_span();
        entries.push(
            vec![value(&e.id)],
            vec![
                value(e.event_type.as_str()),
                value(e.status.as_str()),
                value(e.review.as_str()),
                value(&span.map(|s| s.0)),
                value(&span.map(|s| s.1)),
                value(&e.place.as_deref().map(str::to_lowercase)),
                value(
                    &e.sources
                        .iter()
                        .filter_map(|s| s.published)
                        .max()
                        .map(|d| d.to_string()),
                ),
            ],
        );
    }
    let mut outlets = TableRows::new("case_outlet_names", &["name"], &[]);
    let mut names: Vec<String> = vec![case.title.to_lowercase()];
    for o in case.organizations.iter().filter(|o| o.kind == OrgKind::MediaOutlet) {
        names.push(o.name.to_lowercase());
        names.extend(o.variants.iter().map(|v| v.to_lowercase()));
    }
    names.extend(
        case.people
            .iter()
            .filter_map(|p| p.affiliation.as_deref().map(str::to_lowercase)),
    );
    for n in names {
        outlets.push(vec![value(&n)], Vec::new());
    }
    let statuses = case_statuses(conn, path, case)?;
    let mut status_rows = TableRows::new(
        "person_status",
        &["person_id"],
        &[
            "position",
            "name",
            "status",
            "since",
            "term",
            "until",
            "entry",
            "as_of",
            "overridden",
            "note",
        ],
    );
    for (i, st) in statuses.iter().enumerate() {
        status_rows.push(
            vec![value(&st.person)],
            vec![
                value(&pos(i)),
                value(&st.name),
                value(st.status.as_str()),
                value(&st.since.map(|d| d.to_string())),
                value(&st.term),
                value(&st.until.map(|d| d.to_string())),
                value(&st.entry),
                value(&st.as_of.map(|d| d.to_string())),
                value(&st.overridden),
                value(&st.note),
            ],
        );
    }
    let standing = statuses.iter().map(|s| s.status).min_by_key(|s| s.rank());
    let country = reviewer_country.or_else(|| country::derive(case));
    let reviewed = case.events.iter().filter(|e| e.review != Review::Machine).count();
    let number: i64 = case
        .id
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0);
    let columns = vec![
        ("country", value(&country)),
        ("standing", value(&standing.map(|s| s.as_str()))),
        ("standing_rank", value(&standing.map_or(9, |s| i64::from(s.rank())))),
        ("reviewed_count", value(&pos(reviewed))),
        ("id_number", value(&number)),
        ("summary_version", value(&SUMMARY_VERSION)),
    ];
    Ok((columns, vec![entries, outlets, status_rows]))
}

/// Stores the listing rows of one case (already in `cases`; see [`rows`]),
/// writing only those that changed ([`crate::case_rows`]).
pub(crate) fn write(conn: &Connection, path: &Path, case: &Case, reviewer_country: Option<String>) -> Result<()> {
    let (columns, tables) = rows(conn, path, case, reviewer_country)?;
    case_rows::write_case_row(conn, path, &case.id, &columns, false)?;
    for t in &tables {
        case_rows::sync(conn, path, &case.id, t)?;
    }
    Ok(())
}

/// Re-derives the summary rows of cases stored by an older version.
pub(crate) fn backfill(conn: &mut Connection, path: &Path) -> Result<usize> {
    let stale: i64 = conn
        .query_row(
            "SELECT count(*) FROM cases WHERE summary_version < ?1",
            [SUMMARY_VERSION],
            |r| r.get(0),
        )
        .ctx(path, || "counting stale case summaries")?;
    if stale == 0 {
        return Ok(0);
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .ctx(path, || "starting the summary backfill")?;
    let rows: Vec<(String, Result<Case>)> = tx
        .prepare("SELECT id, data FROM cases WHERE summary_version < ?1")
        .and_then(|mut st| {
            st.query_map([SUMMARY_VERSION], |r| {
                let id: String = r.get(0)?;
                let case = crate::cases::decode(path, &id, r.get_ref(1)?);
                Ok((id, case))
            })
            .and_then(|it| it.collect())
        })
        .ctx(path, || "reading stale cases")?;
    let stale = rows.len();
    for (_, case) in rows {
        let case = case?;
        let (_, reviewer_country) = apply_case_review(&tx, path, &case)?;
        write(&tx, path, &case, reviewer_country)?;
    }
    tx.commit().ctx(path, || "committing the summary backfill")?;
    Ok(stale)
}

/// Checks a country code given by a reviewer: two ASCII letters (upper-cased).
pub(crate) fn check_country(path: &Path, code: &str) -> Result<String> {
    let up = code.trim().to_uppercase();
    if up.len() == 2 && up.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(up)
    } else {
        Err(invalid(
            path,
            "country",
            format!("{code:?} is not a two-letter ISO 3166-1 code"),
        ))
    }
}
