//! The closure step of a rebuild: from the seeds and their neighbours (`temp.rb_rows`), every article that must be reconciled with them.

use super::read::{exec, strings};
use crate::Result;
use crate::error::Context as _;
use casewatch_reconcile::{Overrides, Settings};
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::Path;

/// Adds to `temp.rb_rows` (which holds the seeds and their neighbours),
/// until nothing is added, every article of a case that holds an included
/// article, every article sharing an `exhaustive` link key with one (only
/// with `Settings::link_by_surname_only`), every article with the same
/// article id, and every article that a reviewer decision of `overrides`
/// (a merge, a split's anchors, a move) names together with an included
/// one (see the rebuild's module docs).
///
/// The queries start from the small temporary tables with `CROSS JOIN`
/// (temporary tables have no statistics). Cost: linear in the rows reached
/// (each case and key is expanded once).
///
/// Errors: [`crate::StoreError::Query`] when a statement fails.
pub(super) fn close_over(conn: &Connection, path: &Path, settings: &Settings, overrides: &Overrides) -> Result<()> {
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
    Ok(())
}
