//! What a rebuild reads besides the link and people blocks: the stored reconciliation settings and reviewer decisions, article records, and the one-column queries the steps share.

use crate::Result;
use crate::error::{Context as _, data_error};
use casewatch_model::ExtractRecord;
use casewatch_reconcile::{MentionRef, Overrides, Settings};
use rusqlite::{Connection, OptionalExtension as _};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The stored reconciliation settings, or the defaults.
pub(super) fn load_settings(conn: &Connection, path: &Path) -> Result<Settings> {
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
pub(super) fn load_overrides(conn: &Connection, path: &Path) -> Result<Overrides> {
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

/// Runs one statement that returns one text column per row, with `p` bound.
pub(super) fn strings(
    conn: &Connection,
    path: &Path,
    sql: &str,
    p: impl rusqlite::Params,
    what: &str,
) -> Result<Vec<String>> {
    conn.prepare_cached(sql)
        .and_then(|mut st| {
            st.query_map(p, |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
        })
        .ctx(path, || what.to_string())
}

/// Executes `sql`, returning the number of rows changed.
pub(super) fn exec(conn: &Connection, path: &Path, sql: &str, what: &str) -> Result<usize> {
    conn.prepare_cached(sql)
        .and_then(|mut st| st.execute([]))
        .ctx(path, || what.to_string())
}

/// Reads the records of the article rows `rows`: one by one for a few, in
/// one scan when they are many (more than a quarter of `total`, the largest
/// article row: a bound on the count that costs no scan).
pub(super) fn load_records(
    conn: &Connection,
    path: &Path,
    rows: &[i64],
    total: usize,
) -> Result<HashMap<i64, ExtractRecord>> {
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

/// The store's size for per-article arrays: the largest article row id (0 when
/// empty), read from the primary key instead of counting rows.
pub(super) fn store_size(conn: &Connection, path: &Path) -> Result<usize> {
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

/// The rows of a one-column integer query.
pub(super) fn ints(conn: &Connection, path: &Path, sql: &str, what: &str) -> Result<Vec<i64>> {
    conn.prepare_cached(sql)
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<i64>>>())
        })
        .ctx(path, || what.to_string())
}
