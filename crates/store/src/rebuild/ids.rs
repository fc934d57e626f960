//! Stable ids across rebuilds: the ids the rebuilt articles had, the counters of new ids, aliases of merged ids, and the identity rows written after a rebuild.

use super::read::strings;
use crate::Result;
use crate::error::Context as _;
use casewatch_model::Case;
use casewatch_reconcile::MentionRef;
use casewatch_reconcile::identity::{self, Absorbed, Counters, IdKind, PreviousIds};
use rusqlite::{Connection, OptionalExtension as _, params};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The kind of an id as `id_aliases` and `id_counters` name it.
pub(super) fn kind_name(k: IdKind) -> &'static str {
    match k {
        IdKind::Case => "case",
        IdKind::Person => "person",
        IdKind::Org => "org",
        IdKind::Event => "event",
    }
}

/// Follows `id_aliases` from `id` to the id that holds its items now.
pub(crate) fn resolve_alias(conn: &Connection, path: &Path, kind: IdKind, id: &str) -> Result<String> {
    let mut cur = id.to_string();
    let mut st = conn
        .prepare_cached("SELECT new_id FROM id_aliases WHERE kind = ?1 AND old_id = ?2")
        .ctx(path, || "preparing the alias look-up")?;
    for _ in 0..64 {
        let next: Option<String> = st
            .query_row(params![kind_name(kind), cur], |r| r.get(0))
            .optional()
            .ctx(path, || format!("looking up the alias of {cur}"))?;
        match next {
            Some(n) if n != cur => cur = n,
            _ => break,
        }
    }
    Ok(cur)
}

/// Reads the id counters, initialising a missing one from the largest
/// number in use (a store written before stable ids).
pub(super) fn load_counters(conn: &Connection, path: &Path) -> Result<Counters> {
    let mut c = Counters::default();
    let max_of = |sql: &str| -> Result<u64> {
        Ok(strings(conn, path, sql, [], "reading ids in use")?
            .iter()
            .map(|id| identity::id_number(id))
            .max()
            .unwrap_or(0))
    };
    for (kind, slot, fallback) in [
        ("case", &mut c.case, "SELECT id FROM cases"),
        ("person", &mut c.person, "SELECT person_id FROM person_index"),
        ("org", &mut c.org, "SELECT org_id FROM org_index"),
        ("event", &mut c.event, "SELECT entry_id FROM entry_index"),
    ] {
        let last: Option<i64> = conn
            .prepare_cached("SELECT last FROM id_counters WHERE kind = ?1")
            .and_then(|mut st| st.query_row([kind], |r| r.get(0)).optional())
            .ctx(path, || format!("reading the {kind} id counter"))?;
        *slot = match last {
            Some(n) => u64::try_from(n).unwrap_or(0),
            None => max_of(fallback)?,
        };
    }
    Ok(c)
}

/// The identity rows stored for the articles of a rebuild, by primary key
/// (so that the write step writes only those that change), and the ids
/// they give ([`PreviousIds`]).
pub(super) struct StoredIdentity {
    /// Previous ids: the case of each article, the person or organisation
    /// of each mention, the entry of each assertion, the organisation of
    /// each organisation key, and reviewers' person pins.
    pub(super) prev: PreviousIds,
    /// (kind, article id, record-local id) → person or organisation id.
    pub(super) mentions: BTreeMap<(String, String, String), String>,
    /// (article id, assertion key) → timeline entry id.
    pub(super) assertions: BTreeMap<(String, String), String>,
}

/// Reads what [`StoredIdentity`] holds for the articles `article_ids` (ids,
/// not rows) of the reconciled cases `rec` (whose organisation keys are
/// looked up in `org_index`). One look-up per article and key.
///
/// Errors: [`crate::StoreError::Query`] when a query fails.
pub(super) fn read_previous_ids(
    conn: &Connection,
    path: &Path,
    article_ids: &BTreeSet<String>,
    rec: &casewatch_reconcile::Reconciled,
) -> Result<StoredIdentity> {
    let mut prev = PreviousIds::default();
    let mut stored_mentions: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut stored_assertions: BTreeMap<(String, String), String> = BTreeMap::new();
    {
        let mut st = conn
            .prepare_cached("SELECT article_id, case_id FROM case_articles WHERE article_id = ?1")
            .ctx(path, || "preparing the case look-up")?;
        let mut ment = conn
            .prepare_cached(
                "SELECT kind, local_id, id FROM ident_mentions
                 WHERE kind IN ('person', 'org') AND article = (SELECT min(id) FROM articles WHERE article_id = ?1)",
            )
            .ctx(path, || "preparing the mention look-up")?;
        let mut asrt = conn
            .prepare_cached(
                "SELECT key, entry_id FROM ident_assertions
                 WHERE article = (SELECT min(id) FROM articles WHERE article_id = ?1)",
            )
            .ctx(path, || "preparing the assertion look-up")?;
        for a in article_ids {
            let pairs = st
                .query_map([a], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
                .ctx(path, || format!("reading the case of {a}"))?;
            for (art, case) in pairs {
                // An article is in one case; of several (an old store), the smallest id.
                let e = prev.case_of_article.entry(art).or_insert_with(|| case.clone());
                if identity::id_number(&case) < identity::id_number(e) {
                    *e = case;
                }
            }
            let rows = ment
                .query_map([a], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
                .ctx(path, || format!("reading the mentions of {a}"))?;
            for (kind, local, id) in rows {
                let m = MentionRef {
                    article: a.clone(),
                    person: local.clone(),
                };
                if kind == "person" {
                    prev.person_of_mention.insert(m, id.clone());
                } else {
                    prev.org_of_mention.insert(m, id.clone());
                }
                stored_mentions.insert((kind, a.clone(), local), id);
            }
            let rows = asrt
                .query_map([a], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
                .ctx(path, || format!("reading the assertions of {a}"))?;
            for (key, entry) in rows {
                stored_assertions.insert((a.clone(), key.clone()), entry.clone());
                prev.entry_of_assertion.insert(key, entry);
            }
        }
        let mut org = conn
            .prepare_cached("SELECT org_id FROM org_index WHERE key = ?1")
            .ctx(path, || "preparing the organisation look-up")?;
        let keys: BTreeSet<&String> = rec.provenance.iter().flat_map(|p| &p.org_keys).collect();
        for k in keys {
            if let Some(id) = org
                .query_row([k], |r| r.get::<_, String>(0))
                .optional()
                .ctx(path, || format!("looking up organisation key {k}"))?
            {
                prev.org_of_key.insert(k.clone(), id);
            }
        }
    }
    {
        let pins: Vec<(String, String, String)> = conn
            .prepare_cached("SELECT article_id, local_id, person_id FROM person_pins")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(path, || "reading the person pins")?;
        for (article, person, id) in pins {
            if article_ids.contains(&article) {
                let id = resolve_alias(conn, path, IdKind::Person, &id)?;
                prev.person_pins.insert(MentionRef { article, person }, id);
            }
        }
    }
    Ok(StoredIdentity {
        prev,
        mentions: stored_mentions,
        assertions: stored_assertions,
    })
}

/// Records the ids that lost their items to a merge (`absorbed`) as
/// aliases of the ids that hold them now (re-pointing older aliases, and
/// moving the review of an absorbed timeline entry to its new entry), and
/// drops the aliases of every id the rebuilt cases `cases` use again.
///
/// Errors: [`crate::StoreError::Query`] when a statement fails.
pub(super) fn record_aliases(conn: &Connection, path: &Path, absorbed: &[Absorbed], cases: &[Case]) -> Result<()> {
    let mut ins = conn
        .prepare_cached("INSERT OR REPLACE INTO id_aliases (kind, old_id, new_id) VALUES (?1, ?2, ?3)")
        .ctx(path, || "preparing the alias insert")?;
    let mut chain = conn
        .prepare_cached("UPDATE id_aliases SET new_id = ?3 WHERE kind = ?1 AND new_id = ?2")
        .ctx(path, || "preparing the alias update")?;
    let mut moved = conn
        .prepare_cached(
            "UPDATE OR IGNORE review_entries SET entry_id = ?2 WHERE entry_id = ?1
             AND NOT EXISTS (SELECT 1 FROM review_entries WHERE entry_id = ?2)",
        )
        .ctx(path, || "preparing the review move")?;
    for Absorbed { kind, old, new } in absorbed {
        let k = kind_name(*kind);
        ins.execute(params![k, old, new])
            .ctx(path, || format!("recording that {old} is now {new}"))?;
        chain
            .execute(params![k, old, new])
            .ctx(path, || format!("re-pointing aliases of {old}"))?;
        if *kind == IdKind::Event {
            moved
                .execute(params![old, new])
                .ctx(path, || format!("moving the review of {old} to {new}"))?;
        }
    }
    let mut unalias = conn
        .prepare_cached("DELETE FROM id_aliases WHERE kind = ?1 AND old_id = ?2")
        .ctx(path, || "preparing the alias delete")?;
    for case in cases {
        unalias
            .execute(params!["case", case.id])
            .ctx(path, || "clearing aliases")?;
        for p in &case.people {
            unalias
                .execute(params!["person", p.id])
                .ctx(path, || "clearing aliases")?;
        }
        for e in &case.events {
            unalias
                .execute(params!["event", e.id])
                .ctx(path, || "clearing aliases")?;
        }
    }

    Ok(())
}

/// Brings the identity rows of the rebuilt articles up to date: which
/// person or organisation each mention is (`ident_mentions`) and which
/// timeline entry each event assertion is in (`ident_assertions`), from the
/// rebuilt cases `rec` (`machine_ids`: each case's entry ids in provenance
/// order). `stored_mentions` ((kind, article, local id) → id) and
/// `stored_assertions` ((article, key) → entry id) are the rows stored for
/// the same articles; only rows that are new, changed or gone are written.
/// Most articles of a rebuild are in it because they share a case with a
/// new one and keep every id, so rewriting all their rows (as before)
/// doubled the writes of a rebuild. Of a mention or key given twice, the
/// last is kept, as a sequence of `INSERT OR REPLACE` would.
pub(super) fn write_identity_rows(
    conn: &Connection,
    path: &Path,
    rec: &casewatch_reconcile::Reconciled,
    machine_ids: &[Vec<String>],
    stored_mentions: &BTreeMap<(String, String, String), String>,
    stored_assertions: &BTreeMap<(String, String), String>,
) -> Result<()> {
    let mut mentions: BTreeMap<(String, String, String), &str> = BTreeMap::new();
    let mut assertions: BTreeMap<(String, String), &str> = BTreeMap::new();
    for ((case, p), ids) in rec.file.cases.iter().zip(&rec.provenance).zip(machine_ids) {
        let people = case.people.iter().map(|x| ("person", &x.id)).zip(&p.people);
        let orgs = case.organizations.iter().map(|x| ("org", &x.id)).zip(&p.organizations);
        for ((kind, id), refs) in people.chain(orgs) {
            for m in refs {
                mentions.insert((kind.to_string(), m.article.clone(), m.person.clone()), id);
            }
        }
        for (keys, e) in p.events.iter().zip(ids) {
            for k in keys {
                let article = k.split('#').next().unwrap_or_default();
                assertions.insert((article.to_string(), k.clone()), e);
            }
        }
    }
    let mut del_m = conn
        .prepare_cached(
            "DELETE FROM ident_mentions
             WHERE kind = ?1 AND article = (SELECT min(id) FROM articles WHERE article_id = ?2) AND local_id = ?3",
        )
        .ctx(path, || "preparing the mention delete")?;
    for key @ (kind, article, local) in stored_mentions.keys() {
        if !mentions.contains_key(key) {
            del_m
                .execute(params![kind, article, local])
                .ctx(path, || format!("clearing mention {local} of {article}"))?;
        }
    }
    let mut ment = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO ident_mentions (kind, article, local_id, id)
             VALUES (?1, (SELECT min(id) FROM articles WHERE article_id = ?2), ?3, ?4)",
        )
        .ctx(path, || "preparing the mention insert")?;
    for (key @ (kind, article, local), id) in &mentions {
        if stored_mentions.get(key).map(String::as_str) != Some(*id) {
            ment.execute(params![kind, article, local, id])
                .ctx(path, || format!("storing a mention of {id}"))?;
        }
    }
    let mut del_a = conn
        .prepare_cached(
            "DELETE FROM ident_assertions WHERE article = (SELECT min(id) FROM articles WHERE article_id = ?1) AND key = ?2",
        )
        .ctx(path, || "preparing the assertion delete")?;
    for key @ (article, k) in stored_assertions.keys() {
        if !assertions.contains_key(key) {
            del_a
                .execute(params![article, k])
                .ctx(path, || format!("clearing assertion {k}"))?;
        }
    }
    let mut asrt = conn
        .prepare_cached(
            "INSERT OR REPLACE INTO ident_assertions (key, article, entry_id)
             VALUES (?1, (SELECT min(id) FROM articles WHERE article_id = ?2), ?3)",
        )
        .ctx(path, || "preparing the assertion insert")?;
    for (key @ (article, k), e) in &assertions {
        if stored_assertions.get(key).map(String::as_str) != Some(*e) {
            asrt.execute(params![k, article, e])
                .ctx(path, || format!("storing assertion {k}"))?;
        }
    }
    Ok(())
}
