//! Schema migrations: a small `PRAGMA user_version` migrator over the SQL
//! files in `crates/store/migrations/sqlite/`.
//!
//! Why hand-rolled rather than refinery 0.10: refinery would add its core, a
//! proc-macro crate and their dependencies (regex, toml, time, url, walkdir,
//! siphasher, …) to a 2-core build for what is ~80 lines here, and
//! refinery-core caps rusqlite at 0.41, so it would pin the store to an old
//! rusqlite (`stack.md`, trap 2). This migrator has no such cap, and it is
//! exactly as safe: SQLite DDL is transactional, so each migration's SQL, its
//! row in `schema_migrations` and the `user_version` bump commit together or
//! not at all. The PostgreSQL backend can follow the same scheme with its own
//! SQL directory and a `schema_migrations` table.
//!
//! Rules: migrations are numbered from 1 with no gaps, are never edited once
//! released, and `user_version` is the number of the last one applied. A
//! database whose `user_version` is above the newest known migration is
//! refused ([`StoreError::SchemaTooNew`]) rather than written to.

use crate::error::{DbError, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// One migration: its version (1, 2, …), name and SQL.
struct Migration {
    version: u32,
    name: &'static str,
    sql: &'static str,
}

/// Every migration, in order. Append only.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init",
        sql: include_str!("../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_review",
        sql: include_str!("../migrations/sqlite/0002_review.sql"),
    },
    Migration {
        version: 3,
        name: "0003_users",
        sql: include_str!("../migrations/sqlite/0003_users.sql"),
    },
    Migration {
        version: 4,
        name: "0004_fts_batch",
        sql: include_str!("../migrations/sqlite/0004_fts_batch.sql"),
    },
    Migration {
        version: 5,
        name: "0005_case_links",
        sql: include_str!("../migrations/sqlite/0005_case_links.sql"),
    },
    Migration {
        version: 6,
        name: "0006_workflow",
        sql: include_str!("../migrations/sqlite/0006_workflow.sql"),
    },
    Migration {
        version: 7,
        name: "0007_case_splits",
        sql: include_str!("../migrations/sqlite/0007_case_splits.sql"),
    },
    Migration {
        version: 8,
        name: "0008_rebuild_indexes",
        sql: include_str!("../migrations/sqlite/0008_rebuild_indexes.sql"),
    },
    Migration {
        version: 9,
        name: "0009_slim_storage",
        sql: include_str!("../migrations/sqlite/0009_slim_storage.sql"),
    },
    Migration {
        version: 10,
        name: "0010_link_key_counts",
        sql: include_str!("../migrations/sqlite/0010_link_key_counts.sql"),
    },
    Migration {
        version: 11,
        name: "0011_person_index_version",
        sql: include_str!("../migrations/sqlite/0011_person_index_version.sql"),
    },
    Migration {
        version: 12,
        name: "0012_blocks_by_name",
        sql: include_str!("../migrations/sqlite/0012_blocks_by_name.sql"),
    },
    Migration {
        version: 13,
        name: "0013_identity_by_article_row",
        sql: include_str!("../migrations/sqlite/0013_identity_by_article_row.sql"),
    },
    Migration {
        version: 14,
        name: "0014_block_name_lists",
        sql: include_str!("../migrations/sqlite/0014_block_name_lists.sql"),
    },
    Migration {
        version: 15,
        name: "0015_link_name_outlets",
        sql: include_str!("../migrations/sqlite/0015_link_name_outlets.sql"),
    },
    Migration {
        version: 16,
        name: "0016_articles_without_case",
        sql: include_str!("../migrations/sqlite/0016_articles_without_case.sql"),
    },
    Migration {
        version: 17,
        name: "0017_outlet_keys_while_linked",
        sql: include_str!("../migrations/sqlite/0017_outlet_keys_while_linked.sql"),
    },
];

/// The schema version this build creates and understands.
pub(crate) const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Reads `PRAGMA user_version`.
pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies every migration newer than the file's `user_version`, each in its
/// own IMMEDIATE transaction (so two processes opening a new file at once do
/// not both migrate it; the version is re-read under the lock). Idempotent:
/// on an up-to-date file it only reads the version, without a write lock.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrate_to(conn, path, LATEST)
}

/// [`migrate`], stopping after migration `target` (upgrade tests build a
/// file as an older build left it with this).
pub(crate) fn migrate_to(conn: &mut Connection, path: &Path, target: u32) -> Result<(), StoreError> {
    // Fast path without the write lock, so that opening an up-to-date file
    // (a reader next to a busy writer) never waits for the writer.
    let current = user_version(conn).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        what: "reading the schema version".into(),
        source: DbError(source),
    })?;
    if current >= i64::from(target) && current <= i64::from(LATEST) {
        return Ok(());
    }
    for m in MIGRATIONS.iter().filter(|m| m.version <= target) {
        debug_assert!(m.version >= 1);
        let fail = |source: rusqlite::Error| StoreError::Migration {
            path: path.to_path_buf(),
            version: m.version,
            name: m.name,
            source: DbError(source),
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let current = user_version(&tx).map_err(fail)?;
        if current > i64::from(LATEST) {
            return Err(StoreError::SchemaTooNew {
                path: path.to_path_buf(),
                found: current,
                supported: LATEST,
            });
        }
        if current >= i64::from(m.version) {
            continue; // already applied; the transaction rolls back on drop
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version     INTEGER PRIMARY KEY,
                 name        TEXT NOT NULL,
                 applied_at  TEXT NOT NULL
             )",
        )
        .map_err(fail)?;
        tx.execute_batch(m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![m.version, m.name, crate::now_rfc3339()],
        )
        .map_err(fail)?;
        // PRAGMA takes no bound parameters; the version is a trusted integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", m.version))
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}
