//! The store's error type: what failed, on which database file, and why.

use std::fmt;
use std::path::{Path, PathBuf};

/// A failure reported by the database engine, kept opaque so that no backend
/// type reaches the public API. Its `Display` is the engine's message; its
/// [`std::error::Error::source`] chain goes down to the engine's error.
pub struct DbError(pub(crate) rusqlite::Error);

impl DbError {
    /// Whether a constraint of the schema (UNIQUE, CHECK, NOT NULL, foreign
    /// key) rejected the write.
    pub fn is_constraint_violation(&self) -> bool {
        self.0.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
    }

    /// Whether the database was busy or locked by another connection for
    /// longer than the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(
            self.0.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

impl fmt::Debug for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Everything that can go wrong in the store. Every variant names the
/// database file; the display text says what was being done.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or configured (WAL, pragmas).
    #[error("cannot open database {}: {what}: {source}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// The step that failed ("opening the file", "setting journal_mode=WAL").
        what: String,
        /// The engine's error.
        #[source]
        source: DbError,
    },
    /// A schema migration failed; the database is left at the previous version.
    #[error("database {}: migration {version} ({name}) failed: {source}", path.display())]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The migration's version number.
        version: u32,
        /// The migration's name (its SQL file stem).
        name: &'static str,
        /// The engine's error.
        #[source]
        source: DbError,
    },
    /// The database was written by a newer casewatch with migrations this
    /// build does not know.
    #[error(
        "database {}: schema version {found} is newer than this build supports ({supported})",
        path.display()
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The newest version this build knows.
        supported: u32,
    },
    /// A query or write failed (including a constraint violation, which rolls
    /// back the whole batch or case replacement it belongs to).
    #[error("database {}: {what}: {source}", path.display())]
    Query {
        /// The database file.
        path: PathBuf,
        /// What was being done ("inserting event 3 of article dev-003").
        what: String,
        /// The engine's error.
        #[source]
        source: DbError,
    },
    /// A stored value could not be turned back into a model value (an unknown
    /// vocabulary id, a malformed date or JSON), or a value could not be
    /// serialised for storage.
    #[error("database {}: {what}: {detail}", path.display())]
    Data {
        /// The database file.
        path: PathBuf,
        /// Which value ("event 2 of article dev-003: status").
        what: String,
        /// Why it is not valid.
        detail: String,
    },
    /// A request the store refuses as given: a name already taken, a
    /// password that is too short, a user that does not exist. Nothing was
    /// written.
    #[error("database {}: {what}: {detail}", path.display())]
    Invalid {
        /// The database file.
        path: PathBuf,
        /// What was asked for ("user name", "password of ana").
        what: String,
        /// Why it is refused.
        detail: String,
    },
}

impl StoreError {
    /// Whether this is a write rejected by a schema constraint (see the
    /// crate docs for the list). The batch it belonged to was rolled back.
    pub fn is_constraint_violation(&self) -> bool {
        match self {
            StoreError::Query { source, .. } | StoreError::Migration { source, .. } => source.is_constraint_violation(),
            _ => false,
        }
    }
    /// Whether the database was busy or locked by another connection (a
    /// read transaction that could not become a write one, or a lock held
    /// past the busy timeout).
    pub fn is_busy(&self) -> bool {
        match self {
            StoreError::Query { source, .. } => source.is_busy(),
            _ => false,
        }
    }
}

/// Attaches the database path and a description to engine errors.
pub(crate) trait Context<T> {
    /// Turns an engine error into [`StoreError::Query`].
    fn ctx<S: Into<String>>(self, path: &Path, what: impl FnOnce() -> S) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn ctx<S: Into<String>>(self, path: &Path, what: impl FnOnce() -> S) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::Query {
            path: path.to_path_buf(),
            what: what().into(),
            source: DbError(e),
        })
    }
}

/// Builds a [`StoreError::Data`].
pub(crate) fn data_error(path: &Path, what: impl Into<String>, detail: impl fmt::Display) -> StoreError {
    StoreError::Data {
        path: path.to_path_buf(),
        what: what.into(),
        detail: detail.to_string(),
    }
}

/// Builds a [`StoreError::Invalid`].
pub(crate) fn invalid(path: &Path, what: impl Into<String>, detail: impl fmt::Display) -> StoreError {
    StoreError::Invalid {
        path: path.to_path_buf(),
        what: what.into(),
        detail: detail.to_string(),
    }
}
