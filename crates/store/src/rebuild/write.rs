//! Writing a rebuild's result: reviewer decisions applied to the rebuilt cases, and each case written with its index rows.

use crate::case_rows::{self, TableRows, value};
use crate::error::Context as _;
use crate::rebuild_cache::PersonCache;
use crate::review;
use crate::{Result, cases, pos};
use casewatch_model::Case;
use casewatch_reconcile::identity;
use rusqlite::{Connection, OptionalExtension as _, params};
use std::collections::BTreeMap;
use std::path::Path;

/// Applies the reviewer decisions that are not reconciliation overrides to
/// the rebuilt cases `cases` (their entries in machine order, ids
/// assigned): manual entries ([`crate::manual`]), each timeline entry's
/// review state and pinned values ([`review::apply_review`], the timeline
/// sorted again where one applied) and reviewed roles.
///
/// Errors: [`crate::StoreError::Query`] / [`crate::StoreError::Data`] when
/// a decision does not read.
pub(super) fn apply_decisions(conn: &Connection, path: &Path, cases: &mut [Case]) -> Result<()> {
    let person_alias: BTreeMap<String, String> = {
        let mut st = conn
            .prepare_cached("SELECT old_id, new_id FROM id_aliases WHERE kind = 'person'")
            .ctx(path, || "preparing the person aliases")?;
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<rusqlite::Result<BTreeMap<String, String>>>())
            .ctx(path, || "reading the person aliases")?
    };
    crate::manual::apply(conn, path, cases)?;
    for case in cases.iter_mut() {
        let mut any = false;
        for i in 0..case.events.len() {
            if let Some((state, pins)) = review::load_entry_review(conn, path, &case.events[i].id)? {
                let (people, orgs) = (case.people.clone(), case.organizations.clone());
                review::apply_review(&mut case.events[i], state, &pins, &people, &orgs, &person_alias);
                any = true;
            }
        }
        if any {
            review::sort_timeline(&mut case.events);
        }
    }

    // Reviewers' roles.
    {
        let mut st = conn
            .prepare_cached("SELECT role FROM review_roles WHERE case_id = ?1 AND person_id = ?2")
            .ctx(path, || "preparing the role look-up")?;
        for case in cases.iter_mut() {
            for p in &mut case.people {
                let role: Option<String> = st
                    .query_row(params![case.id, p.id], |r| r.get(0))
                    .optional()
                    .ctx(path, || format!("reading the reviewed role of {}", p.id))?;
                if let Some(role) = role.and_then(|r| r.parse::<casewatch_model::Role>().ok()) {
                    p.role = role;
                    p.role_rule = Some(review::ROLE_RULE_REVIEWER.to_string());
                }
            }
        }
    }
    Ok(())
}

/// Stores one rebuilt case with its indexes (organisation keys, entries,
/// outlets, people and person links) as the difference from what is stored
/// under its id ([`crate::case_rows`]); its identity rows are written by
/// [`super::ids::write_identity_rows`]. `people` follows the people index rows of the
/// case.
pub(super) fn write_case(
    conn: &Connection,
    path: &Path,
    case: &Case,
    p: &casewatch_reconcile::CaseProvenance,
    people: &mut PersonCache,
) -> Result<()> {
    let position = i64::try_from(identity::id_number(&case.id)).unwrap_or(i64::MAX);
    cases::write(conn, path, case, position, &p.sort_key)?;
    let mut org_key = conn
        .prepare_cached("INSERT OR IGNORE INTO org_index (key, org_id) VALUES (?1, ?2)")
        .ctx(path, || "preparing the organisation index insert")?;
    for (org, key) in case.organizations.iter().zip(&p.org_keys) {
        if !key.is_empty() {
            org_key
                .execute(params![key, org.id])
                .ctx(path, || format!("indexing organisation {}", org.id))?;
        }
    }
    let mut entries = TableRows::new("entry_index", &["entry_id"], &[]);
    for e in &case.events {
        entries.push(vec![value(&e.id)], Vec::new());
    }
    let mut outlets = TableRows::new("case_outlets", &["key"], &["name"]);
    for (key, name) in cases::outlets_of(case) {
        outlets.push(vec![value(&key)], vec![value(&name)]);
    }
    let mut index = TableRows::new(
        "person_index",
        &["person_id"],
        &["block", "name", "occupation", "affiliation", "role"],
    );
    let mut links = TableRows::new(
        "person_links",
        &["person_id", "position"],
        &[
            "a_article",
            "a_person",
            "a_name",
            "b_article",
            "b_person",
            "b_name",
            "rule",
            "score",
        ],
    );
    people.remove_case(&case.id);
    for (pp, person_links) in case.people.iter().zip(&p.person_links) {
        let block = casewatch_reconcile::names::block_key(&pp.name);
        index.push(
            vec![value(&pp.id)],
            vec![
                value(&block),
                value(&pp.name),
                value(&pp.occupation),
                value(&pp.affiliation),
                value(pp.role.as_str()),
            ],
        );
        people.insert(
            &case.id,
            &pp.id,
            &block,
            &pp.name,
            (pp.occupation.clone(), pp.affiliation.clone()),
        );
        for (i, l) in person_links.iter().enumerate() {
            links.push(
                vec![value(&pp.id), value(&pos(i))],
                vec![
                    value(&l.a.article),
                    value(&l.a.person),
                    value(&l.a_name),
                    value(&l.b.article),
                    value(&l.b.person),
                    value(&l.b_name),
                    value(&l.rule),
                    value(&l.score),
                ],
            );
        }
    }
    for t in [&entries, &outlets, &index, &links] {
        case_rows::sync(conn, path, &case.id, t)?;
    }
    Ok(())
}
