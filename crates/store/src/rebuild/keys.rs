//! The link keys of new articles: computing and storing them in a short write before a rebuild, and what the rebuild on a later snapshot learns from that ([`Keys`]).

use super::read::{ints, load_records, load_settings, store_size};
use crate::Result;
use crate::error::{Context as _, data_error};
use casewatch_model::ExtractRecord;
use casewatch_reconcile::Settings;
use rusqlite::{Connection, params};
use std::collections::HashMap;
use std::path::Path;

/// Stores the link keys of the article rows `rows` (of `records`) under
/// `settings` (outlet-and-charge keys only with that rule on), replacing any
/// they had. `keyed` stays 0 until the transaction that writes the
/// articles' cases, so this may be committed on its own (a short write
/// before a rebuild computes on a snapshot).
pub(super) fn store_link_keys(
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
pub(super) fn key_unkeyed(conn: &Connection, path: &Path) -> Result<(Keys, HashMap<i64, ExtractRecord>)> {
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
pub(super) fn key_generation(conn: &Connection, path: &Path) -> Result<i64> {
    conn.prepare_cached("SELECT generation FROM link_key_generation WHERE id = 1")
        .and_then(|mut st| st.query_row([], |r| r.get(0)))
        .ctx(path, || "reading the link key generation")
}

/// Whether [`super::rebuild_cached`] stores the link keys of new articles itself or
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
    pub(super) fn upto(self) -> i64 {
        match self {
            Keys::Store => i64::MAX,
            Keys::Stored { upto, .. } => upto,
        }
    }
}
