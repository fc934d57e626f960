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

use crate::case_rows::{self, TableRows, value};
use crate::error::{Context as _, data_error};
use crate::rebuild_cache::{Lookup, PersonCache, RebuildCache};
use crate::review::{self, EntryEdit};
use crate::{Result, Store, cases, neighbours, pos};
use casewatch_model::{Case, ExtractRecord, Review};
use casewatch_reconcile::identity::{self, Absorbed, Counters, IdKind, KnownPerson, PreviousIds};
use casewatch_reconcile::{MentionRef, Overrides, PersonLink, Settings};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

fn kind_name(k: IdKind) -> &'static str {
    match k {
        IdKind::Case => "case",
        IdKind::Person => "person",
        IdKind::Org => "org",
        IdKind::Event => "event",
    }
}

/// The stored reconciliation settings, or the defaults.
pub(crate) fn load_settings(conn: &Connection, path: &Path) -> Result<Settings> {
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM reconcile_settings WHERE id = 1")
        .and_then(|mut st| st.query_row([], |r| r.get(0)).optional())
        .ctx(path, || "reading the reconciliation settings")?;
    match data {
        None => Ok(Settings::default()),
        Some(d) => serde_json::from_str(&d).map_err(|e| data_error(path, "reconciliation settings", e)),
    }
}

/// Every reviewer decision the reconciliation obeys.
pub(crate) fn load_overrides(conn: &Connection, path: &Path) -> Result<Overrides> {
    let read = |sql: &str, what: &str| -> Result<Vec<(String, String)>> {
        conn.prepare_cached(sql)
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(path, || format!("reading {what}"))
    };
    let mut ov = Overrides::default();
    for (_, mentions) in read(
        "SELECT CAST(id AS TEXT), mentions FROM review_merges ORDER BY id",
        "merge decisions",
    )? {
        let group: Vec<MentionRef> =
            serde_json::from_str(&mentions).map_err(|e| data_error(path, "a merge decision", e))?;
        ov.merges.push(group);
    }
    for (variants, anchors) in read(
        "SELECT variants, anchors FROM review_splits ORDER BY id",
        "split decisions",
    )? {
        ov.splits.push(casewatch_reconcile::Split {
            variants: serde_json::from_str(&variants).map_err(|e| data_error(path, "a split decision", e))?,
            anchors: serde_json::from_str(&anchors).map_err(|e| data_error(path, "a split decision", e))?,
        });
    }
    for (article, anchors) in read(
        "SELECT article_id, anchors FROM review_moves ORDER BY article_id",
        "move decisions",
    )? {
        ov.moves.push(casewatch_reconcile::Move {
            article,
            anchors: serde_json::from_str(&anchors).map_err(|e| data_error(path, "a move decision", e))?,
        });
    }
    Ok(ov)
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

/// Runs one statement that returns one text column per row, with `p` bound.
fn strings(conn: &Connection, path: &Path, sql: &str, p: impl rusqlite::Params, what: &str) -> Result<Vec<String>> {
    conn.prepare_cached(sql)
        .and_then(|mut st| {
            st.query_map(p, |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
        })
        .ctx(path, || what.to_string())
}

/// Executes `sql`, returning the number of rows changed.
fn exec(conn: &Connection, path: &Path, sql: &str, what: &str) -> Result<usize> {
    conn.prepare_cached(sql)
        .and_then(|mut st| st.execute([]))
        .ctx(path, || what.to_string())
}

/// Reads the records of the article rows `rows`: one by one for a few, in
/// one scan when they are many (more than a quarter of `total`, the largest
/// article row: a bound on the count that costs no scan).
fn load_records(conn: &Connection, path: &Path, rows: &[i64], total: usize) -> Result<HashMap<i64, ExtractRecord>> {
    let mut out = HashMap::with_capacity(rows.len());
    if rows.len() * 4 > total {
        let wanted: BTreeSet<i64> = rows.iter().copied().collect();
        let ids = strings(
            conn,
            path,
            "SELECT CAST(id AS TEXT) FROM articles ORDER BY id",
            [],
            "listing articles",
        )?;
        let all = crate::articles::read_in_snapshot(conn, path, None)?;
        for (id, a) in ids.iter().zip(all) {
            let row: i64 = id.parse().map_err(|e| data_error(path, "article row id", e))?;
            if wanted.contains(&row) {
                out.insert(row, a.record);
            }
        }
    } else {
        for &row in rows {
            if let Some(a) = crate::articles::read_in_snapshot(conn, path, Some(row))?
                .into_iter()
                .next()
            {
                out.insert(row, a.record);
            }
        }
    }
    Ok(out)
}

/// The rows of a one-column integer query.
/// The store's size for per-article arrays: the largest article row id (0 when
/// empty), read from the primary key instead of counting rows.
fn store_size(conn: &Connection, path: &Path) -> Result<usize> {
    Ok(ints(
        conn,
        path,
        "SELECT ifnull(MAX(id), 0) FROM articles",
        "sizing the store",
    )?
    .first()
    .map(|&n| usize::try_from(n).unwrap_or(0))
    .unwrap_or(0))
}

fn ints(conn: &Connection, path: &Path, sql: &str, what: &str) -> Result<Vec<i64>> {
    conn.prepare_cached(sql)
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<i64>>>())
        })
        .ctx(path, || what.to_string())
}

/// Reads the id counters, initialising a missing one from the largest
/// number in use (a store written before stable ids).
fn load_counters(conn: &Connection, path: &Path) -> Result<Counters> {
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

/// Stores the link keys of the article rows `rows` (of `records`) under
/// `settings` (outlet-and-charge keys only with that rule on), replacing any
/// they had. `keyed` stays 0 until the transaction that writes the
/// articles' cases, so this may be committed on its own (a short write
/// before a rebuild computes on a snapshot).
fn store_link_keys(
    conn: &Connection,
    path: &Path,
    rows: &[i64],
    records: &HashMap<i64, ExtractRecord>,
    settings: &Settings,
) -> Result<()> {
    let mut del = conn
        .prepare_cached("DELETE FROM link_keys WHERE article = ?1")
        .ctx(path, || "preparing the link key delete")?;
    let mut ins = conn
        .prepare_cached(
            "INSERT INTO link_keys (key, article, exhaustive, mentions, context) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (key, article) DO UPDATE SET exhaustive = excluded.exhaustive,
                 mentions = excluded.mentions, context = excluded.context",
        )
        .ctx(path, || "preparing the link key insert")?;
    for &row in rows {
        let Some(rec) = records.get(&row) else { continue };
        del.execute([row])
            .ctx(path, || format!("clearing the link keys of row {row}"))?;
        for k in casewatch_reconcile::link_keys(rec, settings) {
            let mentions = serde_json::to_string(&k.mentions).map_err(|e| data_error(path, "link key mentions", e))?;
            let context = serde_json::to_string(&k.context).map_err(|e| data_error(path, "link key context", e))?;
            ins.execute(params![k.key, row, k.exhaustive, mentions, context])
                .ctx(path, || format!("storing link key {} of {}", k.key, rec.article.id))?;
        }
    }
    Ok(())
}

/// Computes and stores the link keys of the articles not reconciled yet
/// (`articles.keyed = 0`), in the caller's (short) write transaction.
/// Returns what a rebuild on a later snapshot needs ([`Keys::Stored`]): the
/// largest article row it keyed (0 when none), since articles another
/// connection stores meanwhile have no link keys yet, and the generation of
/// the link key settings it keyed under; and the records it read, by article
/// row, for that rebuild (a stored record never changes, so it need not
/// read them again).
fn key_unkeyed(conn: &Connection, path: &Path) -> Result<(Keys, HashMap<i64, ExtractRecord>)> {
    let rows = ints(
        conn,
        path,
        "SELECT id FROM articles WHERE keyed = 0 ORDER BY id",
        "reading unkeyed articles",
    )?;
    let generation = key_generation(conn, path)?;
    let Some(&upto) = rows.last() else {
        return Ok((Keys::Stored { upto: 0, generation }, HashMap::new()));
    };
    let total = store_size(conn, path)?;
    let records = load_records(conn, path, &rows, total)?;
    store_link_keys(conn, path, &rows, &records, &load_settings(conn, path)?)?;
    Ok((Keys::Stored { upto, generation }, records))
}

/// The number of changes of the settings that decide which link keys are
/// stored (`link_key_generation`, migration 17; bumped by
/// [`Store::set_reconcile_settings`] when the outlet-and-charge rule changes).
fn key_generation(conn: &Connection, path: &Path) -> Result<i64> {
    conn.prepare_cached("SELECT generation FROM link_key_generation WHERE id = 1")
        .and_then(|mut st| st.query_row([], |r| r.get(0)))
        .ctx(path, || "reading the link key generation")
}

/// Whether [`rebuild_cached`] stores the link keys of new articles itself or
/// finds them stored (by [`key_unkeyed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    /// Compute and store them (inside the caller's write transaction).
    Store,
    /// They are stored already for the new articles up to row `upto` (as
    /// [`key_unkeyed`] returned), under the link key settings of
    /// `generation`: the rebuild takes only those as new, and only reads
    /// until it writes its cases. Unless that generation has passed on the
    /// rebuild's snapshot (the outlet-and-charge rule changed in between,
    /// deleting what was keyed or marking more articles not reconciled):
    /// then the rebuild keys every new article itself.
    Stored {
        /// The last article row keyed.
        upto: i64,
        /// [`key_generation`] when they were keyed.
        generation: i64,
    },
}

impl Keys {
    /// The last new article row this rebuild may take.
    fn upto(self) -> i64 {
        match self {
            Keys::Store => i64::MAX,
            Keys::Stored { upto, .. } => upto,
        }
    }
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
    let groups: Vec<BTreeSet<String>> = overrides
        .merges
        .iter()
        .map(|g| g.iter().map(|m| m.article.clone()).collect())
        .chain(
            overrides
                .splits
                .iter()
                .map(|s| s.anchors.iter().map(|m| m.article.clone()).collect()),
        )
        .chain(overrides.moves.iter().map(|m| {
            std::iter::once(m.article.clone())
                .chain(m.anchors.iter().cloned())
                .collect()
        }))
        .collect();
    neighbours::add_key_neighbours(conn, path, &settings, cache, &overrides)?;
    lap(&mut timings.neighbours);
    // The closure, pass by pass from the rows added by the previous pass
    // (`rb_front`) only: each case and each exhaustive key is expanded once
    // (`rb_case`, `rb_key`), so the cost is linear in the rows reached, not
    // in rows × passes or in articles × case size.
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS rb_front (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_next (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_case (case_id TEXT PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_newcase (case_id TEXT PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_key (key TEXT PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS rb_newkey (key TEXT PRIMARY KEY);
         DELETE FROM temp.rb_front; DELETE FROM temp.rb_next; DELETE FROM temp.rb_case;
         DELETE FROM temp.rb_newcase; DELETE FROM temp.rb_key; DELETE FROM temp.rb_newkey;
         INSERT INTO temp.rb_front SELECT id FROM temp.rb_rows;",
    )
    .ctx(path, || "preparing the closure tables")?;
    loop {
        exec(conn, path, "DELETE FROM temp.rb_next", "clearing the next rows")?;
        exec(conn, path, "DELETE FROM temp.rb_newcase", "clearing the new cases")?;
        exec(
            conn,
            path,
            "INSERT OR IGNORE INTO temp.rb_newcase
             SELECT c1.case_id FROM temp.rb_front r CROSS JOIN articles a1 ON a1.id = r.id
                  CROSS JOIN case_articles c1 ON c1.article_id = a1.article_id
             WHERE c1.case_id NOT IN (SELECT case_id FROM temp.rb_case)",
            "finding the cases of new rows",
        )?;
        exec(
            conn,
            path,
            "INSERT OR IGNORE INTO temp.rb_case SELECT case_id FROM temp.rb_newcase",
            "recording the expanded cases",
        )?;
        exec(
            conn,
            path,
            "INSERT OR IGNORE INTO temp.rb_next
             SELECT a2.id FROM temp.rb_newcase n CROSS JOIN case_articles c2 ON c2.case_id = n.case_id
                  CROSS JOIN articles a2 ON a2.article_id = c2.article_id
             WHERE a2.id NOT IN (SELECT id FROM temp.rb_rows)",
            "adding the articles of affected cases",
        )?;
        if settings.link_by_surname_only {
            exec(conn, path, "DELETE FROM temp.rb_newkey", "clearing the new keys")?;
            exec(
                conn,
                path,
                "INSERT OR IGNORE INTO temp.rb_newkey
                 SELECT l1.key FROM temp.rb_front r CROSS JOIN link_keys l1 ON l1.article = r.id
                 WHERE l1.exhaustive = 1 AND l1.key NOT IN (SELECT key FROM temp.rb_key)",
                "finding the exhaustive keys of new rows",
            )?;
            exec(
                conn,
                path,
                "INSERT OR IGNORE INTO temp.rb_key SELECT key FROM temp.rb_newkey",
                "recording the expanded keys",
            )?;
            exec(
                conn,
                path,
                "INSERT OR IGNORE INTO temp.rb_next
                 SELECT l2.article FROM temp.rb_newkey k CROSS JOIN link_keys l2 ON l2.key = k.key
                 WHERE l2.article NOT IN (SELECT id FROM temp.rb_rows)",
                "adding the articles of exhaustive keys",
            )?;
        }
        exec(
            conn,
            path,
            "INSERT OR IGNORE INTO temp.rb_next
             SELECT a2.id FROM temp.rb_front r CROSS JOIN articles a1 ON a1.id = r.id
                  CROSS JOIN articles a2 ON a2.article_id = a1.article_id
             WHERE a2.id NOT IN (SELECT id FROM temp.rb_rows)",
            "adding articles of the same id",
        )?;
        if !groups.is_empty() {
            // A decision's group is added whole once one of its articles is
            // in: only the rows new in this pass can bring in another group.
            let fresh: BTreeSet<String> = strings(
                conn,
                path,
                "SELECT a.article_id FROM temp.rb_front r CROSS JOIN articles a ON a.id = r.id",
                [],
                "reading affected article ids",
            )?
            .into_iter()
            .collect();
            let mut st = conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO temp.rb_next SELECT id FROM articles
                     WHERE article_id = ?1 AND id NOT IN (SELECT id FROM temp.rb_rows)",
                )
                .ctx(path, || "preparing the decision insert")?;
            for g in groups.iter().filter(|g| !g.is_disjoint(&fresh)) {
                for a in g.difference(&fresh) {
                    st.execute([a])
                        .ctx(path, || format!("adding article {a} of a decision"))?;
                }
            }
        }
        let added = exec(
            conn,
            path,
            "INSERT OR IGNORE INTO temp.rb_rows SELECT id FROM temp.rb_next",
            "adding the next rows",
        )?;
        if added == 0 {
            break;
        }
        exec(conn, path, "DELETE FROM temp.rb_front", "clearing the front")?;
        exec(
            conn,
            path,
            "INSERT INTO temp.rb_front SELECT id FROM temp.rb_next",
            "moving the front",
        )?;
    }
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
    // Previous ids of these keys. The identity rows as stored, by their
    // primary key, so that the write step writes only those that change.
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
        for a in &article_ids {
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
        identity::assign_ids_with(&mut rec, &prev, &mut counters, &settings, names, &mut known)
    };
    if let Some(e) = lookup_error {
        return Err(e);
    }

    lap(&mut timings.ids);
    // Aliases of merged ids; reviews of absorbed entries move to their new entry.
    {
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
        for Absorbed { kind, old, new } in &absorbed {
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
        for case in &rec.file.cases {
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
    }

    // Entry decisions (the provenance follows the machine order of entries).
    let machine_ids: Vec<Vec<String>> = rec
        .file
        .cases
        .iter()
        .map(|c| c.events.iter().map(|e| e.id.clone()).collect())
        .collect();
    let person_alias: BTreeMap<String, String> = {
        let mut st = conn
            .prepare_cached("SELECT old_id, new_id FROM id_aliases WHERE kind = 'person'")
            .ctx(path, || "preparing the person aliases")?;
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<rusqlite::Result<BTreeMap<String, String>>>())
            .ctx(path, || "reading the person aliases")?
    };
    crate::manual::apply(conn, path, &mut rec.file.cases)?;
    for case in &mut rec.file.cases {
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
        for case in &mut rec.file.cases {
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
    write_identity_rows(conn, path, &rec, &machine_ids, &stored_mentions, &stored_assertions)?;
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
fn write_identity_rows(
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

/// Stores one rebuilt case with its indexes (organisation keys, entries,
/// outlets, people and person links) as the difference from what is stored
/// under its id ([`crate::case_rows`]); its identity rows are written by
/// [`write_identity_rows`]. `people` follows the people index rows of the
/// case.
fn write_case(
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
