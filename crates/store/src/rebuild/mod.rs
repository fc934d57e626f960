//! Case rebuilds: which articles to reconcile again, stable ids across rebuilds, and reviewer decisions applied to the result.
//!
//! # What a rebuild touches
//!
//! An incremental rebuild ([`Store::update_cases`]) starts from the articles
//! whose link keys are not stored yet (`articles.keyed = 0`: the newly
//! inserted ones) and reconciles only the *affected* articles: the new ones;
//! every article sharing an outlet key with them, or a surname key with a
//! mention that could join one of theirs (name match and score, see
//! [`casewatch_reconcile::mentions_may_join`]; less the namesakes of other
//! outlets that a mention naming no outlet cannot join, see
//! [`crate::neighbours`]);
//! then, until nothing is added, every article of a case that holds an
//! included article, every article sharing an `exhaustive` key with one (only
//! when the store-wide surname-only rule is on), every article with the same
//! article id, and every article named by a reviewer
//! decision together with an included one. Linking only joins articles
//! through such keys and mentions, so this gives the cases a full
//! rebuild would (up to the order in which single-linkage meets two people of
//! one article, or namesakes of two outlets, which a rebuild of all articles
//! may settle differently); the cases of the affected articles are replaced
//! (each written as the difference from the rows stored under its id, see
//! [`crate::case_rows`]), all others stay as they are.
//! The cost is proportional to the affected cases, not to the store.
//!
//! # Transactions
//!
//! [`Store::update_cases`] stores the link keys of the new articles in one
//! short write transaction, then reconciles on a snapshot (a deferred
//! transaction that only reads the database and writes temporary tables)
//! and takes the write lock only to write the result; when another
//! connection wrote meanwhile, SQLite refuses the upgrade, nothing is
//! written, and the rebuild runs again on a fresh snapshot (then, after
//! three attempts, under the write lock from the start). `articles.keyed`
//! becomes 1 only in the transaction that writes the cases, so a kill at
//! any point leaves the articles to the next rebuild. Rebuilds inside a
//! review's own write transaction ([`rebuild`]) do everything in it.
//!
//! # Stable ids
//!
//! Ids come from [`casewatch_reconcile::identity::assign_ids`]: a case keeps
//! the id most of its articles had, a person the id most of its mentions
//! (article id, record-local person id) had, a timeline entry the id most of
//! its assertions (article id, evidence start byte, event type, record-local
//! subject) had; the rest get the next number of their kind (numbers are
//! never reused). The keys are stored (`ident_mentions`, `ident_assertions`,
//! `case_articles`) after each rebuild; the first two by the article's
//! first row (migration 13: the smallest `articles.id` of its article id),
//! so a new article's rows are appended to their B-trees, not scattered.
//! Ids that lose their items to a merge are kept as aliases (`id_aliases`),
//! so a decision that named them still finds its target.
//!
//! # Reviewer decisions
//!
//! Merges, splits and moves are [`casewatch_reconcile::Overrides`] the
//! reconciliation obeys. Entry decisions (confirm, reject, edit) are applied
//! after ids are assigned: the entry keeps the reviewer's state and pinned
//! values whatever the machine computes (see [`crate::review`]).

mod closure;
mod ids;
mod keys;
mod read;
mod write;

pub(crate) use ids::resolve_alias;
use ids::{load_counters, read_previous_ids, record_aliases, write_identity_rows};
use keys::{Keys, key_generation, key_unkeyed, store_link_keys};
use read::{exec, ints, load_overrides, load_records, load_settings, store_size, strings};
use write::{apply_decisions, write_case};

use crate::error::{Context as _, data_error};
use crate::rebuild_cache::{Lookup, RebuildCache};
use crate::review::{self, EntryEdit};
use crate::{Result, Store, neighbours};
use casewatch_model::{ExtractRecord, Review};
use casewatch_reconcile::identity::{self, IdKind, KnownPerson};
use casewatch_reconcile::{MentionRef, PersonLink, Settings};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RebuildReport {
    /// Articles the rebuild started from (new or named).
    pub seeds: usize,
    /// Articles reconciled (the seeds and everything affected by them).
    pub articles: usize,
    /// Cases replaced (their ids may live on in the new cases).
    pub cases_removed: usize,
    /// Cases written.
    pub cases_written: usize,
    /// Where the time went, phase by phase (for benchmarks and profiling).
    pub timings: RebuildTimings,
}

/// The wall-clock time of each phase of one rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RebuildTimings {
    /// Computing and storing the link keys of new articles.
    pub keys: Duration,
    /// Finding the articles the seeds may join (`link_keys` blocks).
    pub neighbours: Duration,
    /// The closure over affected cases, same ids and decisions.
    pub closure: Duration,
    /// Reading the records of the affected articles.
    pub load: Duration,
    /// Reconciliation proper (`casewatch_reconcile::reconcile`).
    pub reconcile: Duration,
    /// Reading previous ids and assigning stable ones.
    pub ids: Duration,
    /// Reviewer decisions, deleting the old cases and writing the new ones.
    pub write: Duration,
    /// Committing (with SQLite's checkpoints of the write-ahead log), and
    /// computing again when another connection wrote meanwhile.
    pub commit: Duration,
}

/// Where a rebuild starts.
#[derive(Debug, Clone)]
pub(crate) enum Seeds {
    /// The articles not keyed yet.
    Unkeyed,
    /// Every article.
    All,
    /// These article ids (and the articles not keyed yet).
    Articles(BTreeSet<String>),
}

/// Rebuilds the cases affected by `seeds` inside the caller's transaction.
///
/// The queries that start from the small temporary tables use `CROSS JOIN`,
/// which makes SQLite drive the join from them: temporary tables have no
/// statistics, and the planner would otherwise scan the large tables.
pub(crate) fn rebuild(conn: &Connection, path: &Path, seeds: &Seeds) -> Result<RebuildReport> {
    rebuild_cached(
        conn,
        path,
        seeds,
        &mut RebuildCache::default(),
        Keys::Store,
        &HashMap::new(),
    )
}

/// How often a rebuild computes on a fresh snapshot because another
/// connection wrote meanwhile, before it takes the write lock for the whole
/// rebuild instead.
const SNAPSHOT_ATTEMPTS: usize = 3;

/// [`rebuild`] with the link and people blocks of `cache` (updated by its
/// writes; the caller clears it when the transaction does not commit). With [`Keys::Stored`] every
/// statement before the case writes only reads the database (and writes
/// temporary tables), so in a deferred transaction the write lock is taken
/// only for writing the result. `read`: records already read, by article
/// row (those [`key_unkeyed`] keyed), used instead of reading them again.
pub(crate) fn rebuild_cached(
    conn: &Connection,
    path: &Path,
    seeds: &Seeds,
    cache: &mut RebuildCache,
    keys: Keys,
    read: &HashMap<i64, ExtractRecord>,
) -> Result<RebuildReport> {
    let settings = load_settings(conn, path)?;
    let overrides = load_overrides(conn, path)?;
    cache.people.check(conn, path)?;
    cache.bound();
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS rb_seed (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_rows (id INTEGER PRIMARY KEY);
         DELETE FROM temp.rb_seed; DELETE FROM temp.rb_rows;",
    )
    .ctx(path, || "preparing the rebuild tables")?;

    // Seeds.
    conn.prepare_cached("INSERT OR IGNORE INTO temp.rb_seed SELECT id FROM articles WHERE keyed = 0 AND id <= ?1")
        .and_then(|mut st| st.execute([keys.upto()]))
        .ctx(path, || "selecting new articles")?;
    match seeds {
        Seeds::Unkeyed => {}
        Seeds::All => {
            exec(
                conn,
                path,
                "INSERT OR IGNORE INTO temp.rb_seed SELECT id FROM articles",
                "selecting all articles",
            )?;
        }
        Seeds::Articles(ids) => {
            let mut st = conn
                .prepare_cached("INSERT OR IGNORE INTO temp.rb_seed SELECT id FROM articles WHERE article_id = ?1")
                .ctx(path, || "preparing the seed insert")?;
            for id in ids {
                st.execute([id]).ctx(path, || format!("selecting article {id}"))?;
            }
        }
    }
    let seed_rows = ints(
        conn,
        path,
        "SELECT id FROM temp.rb_seed ORDER BY id",
        "reading the seeds",
    )?;
    if seed_rows.is_empty() {
        return Ok(RebuildReport::default());
    }
    let total = store_size(conn, path)?;

    let mut timings = RebuildTimings::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        *slot = clock.elapsed();
        clock = Instant::now();
    };
    // Link keys of the articles that have none yet.
    // (Only up to the last row keyed before this snapshot: with `Seeds::All`
    // a newer article is reconciled now but stays unkeyed, for the next
    // rebuild to key.)
    let unkeyed: Vec<i64> = conn
        .prepare_cached(
            "SELECT s.id FROM temp.rb_seed s CROSS JOIN articles a ON a.id = s.id
             WHERE a.keyed = 0 AND a.id <= ?1 ORDER BY s.id",
        )
        .and_then(|mut st| {
            st.query_map([keys.upto()], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<i64>>>())
        })
        .ctx(path, || "reading unkeyed articles")?;
    // (the records `key_unkeyed` read for these rows are reused)
    let mut records: HashMap<i64, ExtractRecord> = unkeyed
        .iter()
        .filter_map(|r| read.get(r).map(|rec| (*r, rec.clone())))
        .collect();
    let unread: Vec<i64> = unkeyed.iter().copied().filter(|r| !records.contains_key(r)).collect();
    records.extend(load_records(conn, path, &unread, total)?);
    let keyed_before = match keys {
        Keys::Stored { generation, .. } => generation == key_generation(conn, path)?,
        Keys::Store => false,
    };
    if !keyed_before {
        store_link_keys(conn, path, &unkeyed, &records, &settings)?;
    }
    lap(&mut timings.keys);
    // The affected articles.
    exec(
        conn,
        path,
        "INSERT OR IGNORE INTO temp.rb_rows SELECT id FROM temp.rb_seed",
        "adding the seeds",
    )?;
    neighbours::add_key_neighbours(conn, path, &settings, cache, &overrides)?;
    lap(&mut timings.neighbours);
    closure::close_over(conn, path, &settings, &overrides)?;
    lap(&mut timings.closure);
    let rows = ints(
        conn,
        path,
        "SELECT id FROM temp.rb_rows ORDER BY id",
        "reading the affected rows",
    )?;
    let missing: Vec<i64> = rows.iter().copied().filter(|r| !records.contains_key(r)).collect();
    records.extend(load_records(conn, path, &missing, total)?);
    let article_ids: BTreeSet<String> = records.values().map(|r| r.article.id.clone()).collect();
    let touched: Vec<String> = strings(
        conn,
        path,
        "SELECT DISTINCT c.case_id FROM temp.rb_rows r CROSS JOIN articles a ON a.id = r.id
              CROSS JOIN case_articles c ON c.article_id = a.article_id ORDER BY c.case_id",
        [],
        "reading the affected cases",
    )?;
    let touched_set: BTreeSet<&str> = touched.iter().map(String::as_str).collect();

    lap(&mut timings.load);
    // Reconcile.
    let mut recs: Vec<ExtractRecord> = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(r) = records.remove(row) {
            recs.push(r);
        }
    }
    let mut rec = casewatch_reconcile::reconcile(&recs, &settings, &overrides);

    lap(&mut timings.reconcile);
    // Previous ids of these keys, and the identity rows as stored.
    let stored = read_previous_ids(conn, path, &article_ids, &rec)?;
    let prev = &stored.prev;
    let mut counters = load_counters(conn, path)?;
    let mut lookup_error: Option<crate::StoreError> = None;
    let absorbed = {
        // The people of a block come from the cache (read once, then kept
        // up to date by the writes below); only those whose name is wanted,
        // whose attributes fit and whose case is not being rebuilt become
        // known people.
        let names = &mut cache.names;
        let people = &mut cache.people;
        let mut known = |block: &str,
                         query: &str,
                         wanted: &mut dyn FnMut(&str) -> bool,
                         fits: &mut identity::AttributeTest<'_>|
         -> Vec<KnownPerson> {
            let look = Lookup { query, wanted, fits };
            match people.people(conn, path, block, look, &touched_set) {
                Ok(found) => found,
                Err(e) => {
                    lookup_error.get_or_insert(e);
                    Vec::new()
                }
            }
        };
        identity::assign_ids_with(&mut rec, prev, &mut counters, &settings, names, &mut known)
    };
    if let Some(e) = lookup_error {
        return Err(e);
    }

    lap(&mut timings.ids);
    // Aliases of merged ids; reviews of absorbed entries move to their new entry.
    record_aliases(conn, path, &absorbed, &rec.file.cases)?;
    // Entry decisions (the provenance follows the machine order of entries).
    let machine_ids: Vec<Vec<String>> = rec
        .file
        .cases
        .iter()
        .map(|c| c.events.iter().map(|e| e.id.clone()).collect())
        .collect();
    apply_decisions(conn, path, &mut rec.file.cases)?;

    // Write.
    {
        let mut done = conn
            .prepare_cached("UPDATE articles SET keyed = 1 WHERE id = ?1")
            .ctx(path, || "preparing the keyed update")?;
        for &row in &unkeyed {
            done.execute([row]).ctx(path, || format!("marking row {row} keyed"))?;
        }
        let mut del = conn
            .prepare_cached("DELETE FROM cases WHERE id = ?1")
            .ctx(path, || "preparing the case delete")?;
        // A case rebuilt under its id is rewritten where it differs (see
        // `write_case`); the others go, with their rows.
        let kept: BTreeSet<&str> = rec.file.cases.iter().map(|c| c.id.as_str()).collect();
        for c in touched.iter().filter(|c| !kept.contains(c.as_str())) {
            del.execute([c]).ctx(path, || format!("removing case {c}"))?;
            cache.people.remove_case(c);
        }
    }
    write_identity_rows(conn, path, &rec, &machine_ids, &stored.mentions, &stored.assertions)?;
    for (case, p) in rec.file.cases.iter().zip(&rec.provenance) {
        write_case(conn, path, case, p, &mut cache.people)?;
    }
    cache.people.written(conn, path)?;
    {
        let mut st = conn
            .prepare_cached("INSERT OR REPLACE INTO id_counters (kind, last) VALUES (?1, ?2)")
            .ctx(path, || "preparing the counter update")?;
        for (kind, n) in [
            ("case", counters.case),
            ("person", counters.person),
            ("org", counters.org),
            ("event", counters.event),
        ] {
            st.execute(params![kind, i64::try_from(n).unwrap_or(i64::MAX)])
                .ctx(path, || format!("storing the {kind} id counter"))?;
        }
    }
    lap(&mut timings.write);
    Ok(RebuildReport {
        seeds: seed_rows.len(),
        articles: rows.len(),
        cases_removed: touched.len(),
        cases_written: rec.file.cases.len(),
        timings,
    })
}

impl Store {
    /// Reconciles the articles stored since the last rebuild into cases,
    /// touching only the cases they affect (see the module docs), in one
    /// transaction. Ids stay stable and reviewer decisions are applied.
    /// Returns what it did; a no-op when nothing new is stored.
    ///
    /// Errors: [`crate::StoreError::Query`] / [`crate::StoreError::Data`];
    /// nothing changes then.
    pub fn update_cases(&mut self) -> Result<RebuildReport> {
        self.rebuild_with(&Seeds::Unkeyed)
    }

    /// How many stored articles are not reconciled into cases yet: those
    /// stored since the last rebuild, including those of an ingest that was
    /// interrupted (killed) after storing them. Which articles these are is
    /// stored with them (`articles.keyed = 0`, set in the transaction that
    /// inserts them and cleared in the one that writes their cases), so
    /// [`Store::update_cases`] completes the work later.
    pub fn unreconciled(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM articles WHERE keyed = 0")
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .ctx(&self.path, || "counting the articles not in cases yet")?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Reconciles every stored article again (after a settings change or
    /// an upgrade), keeping ids and reviewer decisions, in one transaction.
    pub fn rebuild_cases(&mut self) -> Result<RebuildReport> {
        self.rebuild_with(&Seeds::All)
    }

    /// Rebuilds from `seeds` in one IMMEDIATE transaction.
    pub(crate) fn rebuild_with(&mut self, seeds: &Seeds) -> Result<RebuildReport> {
        self.fit_checkpoints()?;
        // 1. The link keys of new articles: a short write.
        let started = Instant::now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || "starting to key new articles")?;
        let (stored, read) = key_unkeyed(&tx, &self.path)?;
        tx.commit().ctx(&self.path, || "committing the keys of new articles")?;
        let keyed = started.elapsed();
        let timed = |mut report: RebuildReport| {
            let t = &mut report.timings;
            t.keys += keyed;
            let phases = t.keys + t.neighbours + t.closure + t.load + t.reconcile + t.ids + t.write;
            t.commit = started.elapsed().saturating_sub(phases);
            report
        };
        // 2. Compute on a snapshot (a deferred transaction reads without
        // blocking writers), then write. SQLite refuses to turn the snapshot
        // into a write transaction when another connection wrote since it
        // began (or holds the write lock): then nothing was written, and the
        // rebuild starts again on a fresh snapshot.
        for _ in 0..SNAPSHOT_ATTEMPTS {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Deferred)
                .ctx(&self.path, || "starting a case rebuild")?;
            let done =
                rebuild_cached(&tx, &self.path, seeds, &mut self.rebuild_cache, stored, &read).and_then(|report| {
                    tx.commit()
                        .ctx(&self.path, || "committing a case rebuild")
                        .map(|()| report)
                });
            match done {
                Ok(report) => return Ok(timed(report)),
                Err(e) if e.is_busy() => {
                    // (the people cache followed writes that were rolled back)
                    self.rebuild_cache.people.clear();
                    continue;
                }
                Err(e) => {
                    self.rebuild_cache.clear();
                    return Err(e);
                }
            }
        }
        // 3. Writers kept interleaving: hold the write lock from the start.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || "starting a case rebuild")?;
        let done =
            rebuild_cached(&tx, &self.path, seeds, &mut self.rebuild_cache, Keys::Store, &read).and_then(|report| {
                tx.commit()
                    .ctx(&self.path, || "committing a case rebuild")
                    .map(|()| report)
            });
        if done.is_err() {
            self.rebuild_cache.clear();
        }
        done.map(timed)
    }

    /// The reconciliation settings rebuilds use (stored in the database so
    /// every program rebuilding this store uses the same; defaults until set).
    pub fn reconcile_settings(&self) -> Result<Settings> {
        load_settings(&self.conn, &self.path)
    }

    /// Stores the reconciliation settings. Existing cases keep their shape
    /// until rebuilt: call [`Store::rebuild_cases`] to apply the settings to them.
    ///
    /// Link keys of the outlet-and-charge rule are stored only while it is
    /// on (`Settings::link_by_outlet_and_charge`, see
    /// [`casewatch_reconcile::link_keys`]): turning it off deletes them, and
    /// turning it on marks every article as not reconciled
    /// (`articles.keyed = 0`), so the next rebuild ([`Store::update_cases`],
    /// or the next `ingest`) keys every article again and reconciles them all.
    /// One transaction: on an error nothing changes.
    pub fn set_reconcile_settings(&mut self, settings: &Settings) -> Result<()> {
        let data = serde_json::to_string(settings).map_err(|e| data_error(&self.path, "reconciliation settings", e))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.path, || "starting to store the reconciliation settings")?;
        // (settings that do not read are taken as different from these)
        let before = load_settings(&tx, &self.path).ok().map(|s| s.link_by_outlet_and_charge);
        tx.execute(
            "INSERT OR REPLACE INTO reconcile_settings (id, data) VALUES (1, ?1)",
            [data],
        )
        .ctx(&self.path, || "storing the reconciliation settings")?;
        match (before, settings.link_by_outlet_and_charge) {
            (Some(true), true) | (Some(false), false) => {}
            (_, true) => {
                tx.execute_batch(
                    "UPDATE articles SET keyed = 0 WHERE keyed = 1;
                     UPDATE link_key_generation SET generation = generation + 1;",
                )
                .ctx(&self.path, || "marking the articles for new link keys")?;
            }
            (_, false) => {
                // (`outlet;` is the first key after every `outlet:…`)
                tx.execute_batch(
                    "DELETE FROM link_keys WHERE key >= 'outlet:' AND key < 'outlet;';
                     DELETE FROM link_key_counts WHERE key >= 'outlet:' AND key < 'outlet;' AND articles = 0;
                     UPDATE link_key_generation SET generation = generation + 1;",
                )
                .ctx(&self.path, || "deleting the outlet-and-charge link keys")?;
            }
        }
        tx.commit()
            .ctx(&self.path, || "committing the reconciliation settings")?;
        self.rebuild_cache.clear();
        Ok(())
    }

    /// Why the people of a case are who they are: per person id, every join
    /// of two mentions with its rule and score, in the order they were made.
    pub fn person_links(&self, case: &str) -> Result<Vec<(String, PersonLink)>> {
        self.conn
            .prepare_cached(
                "SELECT person_id, a_article, a_person, a_name, b_article, b_person, b_name, rule, score
                 FROM person_links WHERE case_id = ?1 ORDER BY person_id, position",
            )
            .and_then(|mut st| {
                st.query_map([case], |r| {
                    let link = PersonLink {
                        a: MentionRef {
                            article: r.get(1)?,
                            person: r.get(2)?,
                        },
                        a_name: r.get(3)?,
                        b: MentionRef {
                            article: r.get(4)?,
                            person: r.get(5)?,
                        },
                        b_name: r.get(6)?,
                        rule: r.get(7)?,
                        score: r.get(8)?,
                    };
                    Ok((r.get(0)?, link))
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || format!("reading the person links of {case}"))
    }

    /// The id that holds what `id` named: itself, or the id it was merged
    /// into (a case, person, organisation or timeline entry id; the kind is
    /// read from its first letter: `c`, `P`, `O`, `E`).
    pub fn resolve_id(&self, id: &str) -> Result<String> {
        let kind = match id.chars().next() {
            Some('c') => IdKind::Case,
            Some('P') => IdKind::Person,
            Some('O') => IdKind::Org,
            Some('E') => IdKind::Event,
            _ => return Ok(id.to_string()),
        };
        resolve_alias(&self.conn, &self.path, kind, id)
    }

    /// The case that holds timeline entry `entry` (aliases followed), if any.
    pub fn case_of_entry(&self, entry: &str) -> Result<Option<String>> {
        let id = resolve_alias(&self.conn, &self.path, IdKind::Event, entry)?;
        self.conn
            .prepare_cached("SELECT case_id FROM entry_index WHERE entry_id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .ctx(&self.path, || format!("looking up the case of {entry}"))
    }

    /// The review state and pinned values of timeline entry `entry`
    /// (aliases followed); `None` when no reviewer decided on it.
    pub fn entry_review(&self, entry: &str) -> Result<Option<(Review, EntryEdit)>> {
        let id = resolve_alias(&self.conn, &self.path, IdKind::Event, entry)?;
        review::load_entry_review(&self.conn, &self.path, &id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_reports::{detention, insert};
    use casewatch_model::Charge;

    /// Report `i`: fictional journalist `name` of the outlet Steppe Wire,
    /// detained and charged with extremism.
    fn report(i: usize, name: &str) -> (ExtractRecord, String) {
        let day = format!("2024-03-{:02}", i + 1);
        let (mut rec, body) = detention(&format!("r{i}"), "2024-04-01", name, Some("Steppe Wire"), &day);
        rec.charges.push(Charge {
            label: "extremism".to_string(),
            article: None,
            subjects: vec![],
        });
        (rec, body)
    }

    fn outlet_keys(store: &Store) -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM link_keys WHERE key >= 'outlet:' AND key < 'outlet;'",
                [],
                |r| r.get(0),
            )
            .expect("count")
    }

    /// `update_cases` step by step, with the outlet-and-charge rule `first`
    /// from the start and set to each of `changes` by another connection
    /// between the keying of a new article and the snapshot: the rebuild
    /// ends with the rule on, so every article has its key and all three
    /// are one case.
    fn rule_changed_between_keying_and_the_snapshot(first: bool, changes: &[bool]) {
        let rule = |on: bool| Settings {
            link_by_outlet_and_charge: on,
            ..Settings::default()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("casewatch.db");
        let mut store = Store::open(&path).expect("open");
        store.set_reconcile_settings(&rule(first)).expect("settings");
        insert(&mut store, &[report(0, "Aibek Tokoev"), report(1, "Nurlan Sadykov")]);
        store.update_cases().expect("cases");
        assert_eq!(store.cases().expect("cases").cases.len(), if first { 1 } else { 2 });
        insert(&mut store, &[report(2, "Erlan Usenov")]);
        // The new article is keyed…
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("begin");
        let (stored, read) = key_unkeyed(&tx, &path).expect("keys");
        tx.commit().expect("commit");
        assert_eq!(outlet_keys(&store), if first { 3 } else { 0 });
        // …another connection changes the rule…
        let mut other = Store::open(&path).expect("second connection");
        for &on in changes {
            other.set_reconcile_settings(&rule(on)).expect("settings");
        }
        // …and the rebuild on a snapshot keys every article under the rule it reads.
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .expect("begin");
        rebuild_cached(&tx, &path, &Seeds::Unkeyed, &mut store.rebuild_cache, stored, &read).expect("rebuild");
        tx.commit().expect("commit");
        assert_eq!(outlet_keys(&store), 3, "{first} {changes:?}");
        assert_eq!(store.unreconciled().expect("unreconciled"), 0);
        let cases = store.cases().expect("cases");
        assert_eq!(cases.cases.len(), 1, "one outlet and one charge link all three");
        assert_eq!(cases.cases[0].articles, ["r0", "r1", "r2"]);
        assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
    }

    #[test]
    fn a_rule_turned_on_between_keying_and_the_snapshot_keys_every_article() {
        rule_changed_between_keying_and_the_snapshot(false, &[true]);
        // (turned off, its keys deleted, then on again: the new article's too)
        rule_changed_between_keying_and_the_snapshot(true, &[false, true]);
        // (changed three times, ending on)
        rule_changed_between_keying_and_the_snapshot(false, &[true, false, true]);
    }
}
