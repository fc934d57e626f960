//! casewatch-store: the storage API the rest of casewatch sees, over an
//! embedded SQLite database (a PostgreSQL backend will sit behind the same API).
//!
//! The store holds
//!
//! * **articles** with their body text and their extraction record
//!   ([`ExtractRecord`], `spec/extract-output.md`), normalised into tables
//!   (people, organisations, events with subjects, charges with subjects) in
//!   record order, so [`Store::articles`] gives back records equal (`==`) to
//!   the ones inserted;
//! * **cases** ([`CaseFile`], `spec/casefile.md`): derived data the reconciler
//!   recomputes and hands over whole with [`Store::replace_cases`];
//! * **full-text indexes** (SQLite FTS5) over article titles and bodies and
//!   over event evidence sentences, for [`Store::search`].
//!
//! No backend type appears in the public API: errors carry the engine's error
//! as the opaque [`DbError`].
//!
//! ```no_run
//! use casewatch_store::{ArticleInput, Store};
//! # fn demo(record: &casewatch_model::ExtractRecord, body: &str) -> casewatch_store::Result<()> {
//! let mut store = Store::open(std::path::Path::new("casewatch.db"))?;
//! let outcomes = store.insert_articles(&[ArticleInput { record, body }])?;
//! for hit in store.search("remanded", 10)? {
//!     println!("{} {}", hit.article, hit.snippet);
//! }
//! # let _ = outcomes; Ok(()) }
//! ```
//!
//! # Durability and concurrency
//!
//! The database runs in WAL mode with `synchronous=NORMAL` and foreign keys
//! on: a committed batch survives a crash of the process (an OS crash or power
//! loss may lose the last batches, never consistency). Writers take the lock
//! at the start of their transaction (`BEGIN IMMEDIATE`) and wait up to
//! [`BUSY_TIMEOUT`] for another writer.
//!
//! # Constraints
//!
//! A batch of [`Store::insert_articles`] and a [`Store::replace_cases`] are
//! single transactions: if any row violates a constraint, nothing of the call
//! is stored ([`StoreError::is_constraint_violation`] tells this case apart).
//! The constraints are:
//!
//! * article `sha256` non-empty (a repeated sha256 is *not* an error: that
//!   article is skipped and reported [`InsertOutcome::Duplicate`]);
//! * person ids and organisation ids unique within their article;
//! * event evidence offsets `0 <= start <= end`;
//! * case ids unique within a case file.

mod articles;
mod auth;
mod body;
mod case_rows;
mod case_split;
mod cases;
mod deflate;
mod error;
mod feeds;
mod manual;
mod migrate;
mod neighbours;
mod rebuild;
mod rebuild_cache;
mod review;
mod search;
mod snippet;
mod summary;
#[cfg(test)]
mod test_reports;
mod web_queries;

pub use auth::{
    ApiToken, MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, NewSession, SESSION_TTL, UnknownRole, User, UserRole,
    validate_name, validate_password,
};
pub use error::{DbError, StoreError};
pub use feeds::FeedState;
pub use manual::{EntrySource, NewEntry};
pub use rebuild::{RebuildReport, RebuildTimings};
pub use review::{AuditEntry, EntryEdit, ReviewAction, StatusEdit};
pub use summary::{CasePage, CaseQuery, CaseRow, CaseSort, QueueItem, QueuePage, StatusQuery, StatusRow};
pub use web_queries::{ArticleEventSpan, ArticleSummary, ArticleText};

use casewatch_model::{CaseFile, ExtractRecord};
use chrono::NaiveDate;
use error::Context as _;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Result of every store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for another connection's write lock before it
/// fails with a busy error.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema version (number of the last migration) this build creates.
pub const SCHEMA_VERSION: u32 = migrate::LATEST;

/// The page cache (MiB) that bulk writers (`casewatch ingest`, `rebuild`,
/// `watch`) give their store with [`Store::set_page_cache_mib`]: at 200,000
/// stored articles the rebuild's look-ups span hundreds of megabytes of
/// indexes, and with the 32 MiB default most of its pages are read again
/// from the operating system on every batch.
pub const BULK_CACHE_MIB: u32 = 256;

/// How much of the database the write-ahead log of a bulk writer may hold
/// before a commit copies it back (see [`Store::set_bulk_checkpoints`]): one
/// page of the log for every `BULK_WAL_SHARE` pages of the database.
pub const BULK_WAL_SHARE: u64 = 2;

/// The most pages the write-ahead log of a bulk writer may hold before a
/// commit checkpoints it (256 MiB of 4 KiB pages), whatever the size of
/// the database: the log takes that much disk beside it while the writer
/// runs.
pub const BULK_WAL_MAX_PAGES: u64 = 65_536;

/// SQLite's own checkpoint threshold (`wal_autocheckpoint`, pages), which a
/// store keeps outside bulk writes and which a bulk writer never goes below.
pub const WAL_AUTOCHECKPOINT_PAGES: u64 = 1000;

/// The checkpoint threshold (pages of the write-ahead log) of a bulk writer
/// on a database of `pages` pages: see [`Store::set_bulk_checkpoints`].
fn bulk_checkpoint_pages(pages: u64) -> u64 {
    (pages / BULK_WAL_SHARE).clamp(WAL_AUTOCHECKPOINT_PAGES, BULK_WAL_MAX_PAGES)
}

/// One article to store: its extraction record (article meta, people,
/// organisations, events, charges) and its body text (the text the record's
/// evidence offsets point into).
#[derive(Debug, Clone, Copy)]
pub struct ArticleInput<'a> {
    /// The extraction record.
    pub record: &'a ExtractRecord,
    /// The article body, after the `date …` header line is removed.
    pub body: &'a str,
}

/// What [`Store::insert_articles`] did with one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InsertOutcome {
    /// The article was stored.
    New,
    /// An article with the same sha256 was already stored (or came earlier in
    /// the same batch): nothing was written for this input.
    Duplicate,
}

/// A stored article: its record and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// The extraction record, as inserted.
    pub record: ExtractRecord,
    /// The body text, as inserted.
    pub body: String,
}

/// Where a search hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    /// The article's title or body.
    Article,
    /// The evidence sentence of one of the article's events.
    Evidence,
}

/// One result of [`Store::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The article's id (`ArticleMeta::id`).
    pub article: String,
    /// The article's publication date.
    pub published: Option<NaiveDate>,
    /// The article's title.
    pub title: Option<String>,
    /// Id of the case the article belongs to (the first in case order when
    /// it belongs to several), `None` when it belongs to none.
    pub case: Option<String>,
    /// A short excerpt around the match, matched terms marked with `[` and `]`,
    /// elisions with `…`.
    pub snippet: String,
    /// Whether the article text or an event's evidence sentence matched.
    pub kind: HitKind,
    /// For an evidence hit: the timeline entries (`E40`) the sentence is
    /// evidence of (one hit per sentence, however many events it gave).
    pub events: Vec<String>,
}

/// What [`Store::search_sentences`] found, and how it read the query.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutcome {
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// Set when the query was not valid FTS5 syntax: what was wrong and how
    /// it was searched instead (each word as a phrase).
    pub notice: Option<String>,
}

/// Row counts of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Stored articles.
    pub articles: u64,
    /// People, summed over articles (not reconciled).
    pub people: u64,
    /// Organisations, summed over articles.
    pub organizations: u64,
    /// Events, summed over articles.
    pub events: u64,
    /// Charges, summed over articles.
    pub charges: u64,
    /// Cases.
    pub cases: u64,
}

/// One line of a case listing, read from summary columns without decoding
/// the case itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Case id (`c1`).
    pub id: String,
    /// Case title.
    pub title: String,
    /// Number of people in the case.
    pub people: u64,
    /// Number of timeline entries.
    pub events: u64,
    /// Earliest date of a dated timeline entry (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub first_date: Option<String>,
    /// Latest date of a dated timeline entry.
    pub last_date: Option<String>,
    /// Number of distinct articles the case draws on.
    pub sources: u64,
    /// Number of related cases: other prosecutions that share a person or an
    /// outlet with this one (listed with reasons in `Case::related_cases`).
    pub related: u64,
}

/// The store: one open connection to one database file.
///
/// Not `Sync`; open one `Store` per thread (SQLite WAL allows many readers
/// next to one writer).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The link and people blocks rebuilds looked at (see
    /// [`rebuild_cache`]).
    rebuild_cache: rebuild_cache::RebuildCache,
    /// The words of stored names, for widening searches (see [`search::NameWords`]),
    /// shared with the other stores of the process on the same file.
    name_words: search::SharedNameWords,
    /// Whether checkpoints follow the size of the database (see
    /// [`Store::set_bulk_checkpoints`]).
    bulk_checkpoints: bool,
}

impl Drop for Store {
    /// A bulk writer (see [`Store::set_bulk_checkpoints`]) copies its
    /// write-ahead log back and empties the file as it closes. SQLite does
    /// that only on the last connection's close, and with a `serve` on the
    /// same file the log would keep up to 256 MiB on disk until the server
    /// stops. Best effort: a reader that keeps part of the log for more than
    /// a second leaves it to the next checkpoint.
    ///
    /// A large rebuild cache (10,000 parsed names or more, `RebuildCache::is_large`)
    /// is freed on a thread of its own, while the log is copied back: a
    /// process that exits meanwhile leaves the rest to the operating system.
    fn drop(&mut self) {
        if self.rebuild_cache.is_large() {
            let cache = std::mem::take(&mut self.rebuild_cache);
            // (when no thread can be made, the closure and the cache are
            // dropped here)
            let _ = std::thread::Builder::new()
                .name("casewatch-free".into())
                .spawn(move || drop(cache));
        }
        if self.bulk_checkpoints {
            let _ = self.conn.busy_timeout(Duration::from_secs(1));
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Switches `conn` to WAL, retrying for up to [`BUSY_TIMEOUT`] while another
/// connection holds a lock: returns the journal mode SQLite reports
/// (`"wal"` on success).
///
/// Two processes that open a new file at once both ask for WAL; SQLite
/// answers one of them `SQLITE_BUSY` at once, without calling the busy
/// handler (the switch needs an exclusive lock and a waiting reader could
/// deadlock), so the busy timeout does not cover it. Errors other than busy,
/// or still busy after the timeout, are returned as they are.
fn set_wal(conn: &Connection) -> rusqlite::Result<String> {
    let began = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && began.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

impl Store {
    /// Opens the SQLite database file at `path`, creating it (not its parent
    /// directory) and applying migrations. WAL mode, `synchronous=NORMAL`,
    /// foreign keys on.
    ///
    /// Errors: [`StoreError::Open`] when the file cannot be opened or is not a
    /// database, [`StoreError::Migration`] when a migration fails,
    /// [`StoreError::SchemaTooNew`] when a newer casewatch wrote the file.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |what: &str, source: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            what: what.to_string(),
            source: DbError(source),
        };
        let mut conn = Connection::open(path).map_err(|e| open_err("opening the file", e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_err("setting the busy timeout", e))?;
        let mode = set_wal(&conn).map_err(|e| open_err("setting journal_mode=WAL", e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Data {
                path: path.to_path_buf(),
                what: "setting journal_mode=WAL".into(),
                detail: format!("the database stayed in journal mode {mode:?}"),
            });
        }
        // A page cache of 32 MiB (SQLite's default is 2 MiB): a rebuild reads
        // the identity rows of every article it touches, and with the default
        // cache a store of 50,000 articles spent most of its rebuild re-reading pages.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;",
        )
        .map_err(|e| open_err("setting synchronous, foreign_keys, cache_size and temp_store", e))?;
        conn.set_prepared_statement_cache_capacity(64);
        // The query planner stability guarantee: since SQLite 3.47 a statement
        // whose `LIMIT ?N` (or `x = ?N`) is bound to an integer is re-prepared
        // each time that parameter is bound again (`sqlite3ExprIsInteger`
        // marks it), so the cached search statements were parsed and planned
        // anew on every query: 11% of a rare-word search at 200,000
        // articles. With QPSG a statement keeps the plan it was prepared with.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(|e| open_err("enabling the query planner stability guarantee", e))?;
        body::register(&conn).map_err(|e| open_err("defining the function casewatch_body", e))?;
        snippet::register(&conn).map_err(|e| open_err("defining the function casewatch_tokens", e))?;
        migrate::migrate(&mut conn, path)?;
        summary::backfill(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            rebuild_cache: rebuild_cache::RebuildCache::default(),
            name_words: search::shared_name_words(path),
            bulk_checkpoints: false,
        })
    }

    /// Creates (or migrates) the database file at `path` up to schema
    /// `version` only, as a build of that schema left it, without opening a
    /// store on it: for tests of upgrades from older files. Errors as
    /// [`Store::open`]'s; a `version` above [`SCHEMA_VERSION`] is a
    /// [`StoreError::SchemaTooNew`].
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: u32) -> Result<()> {
        if version > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                path: path.to_path_buf(),
                found: i64::from(version),
                supported: SCHEMA_VERSION,
            });
        }
        let mut conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            what: "opening the file".into(),
            source: DbError(e),
        })?;
        body::register(&conn).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            what: "defining the function casewatch_body".into(),
            source: DbError(e),
        })?;
        migrate::migrate_to(&mut conn, path, version)
    }

    /// The database file this store was opened on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (`PRAGMA user_version`); equals
    /// [`SCHEMA_VERSION`] after [`Store::open`].
    pub fn schema_version(&self) -> Result<u32> {
        let v = migrate::user_version(&self.conn).ctx(&self.path, || "reading user_version")?;
        u32::try_from(v).map_err(|_| error::data_error(&self.path, "user_version", format!("{v} is not a version")))
    }

    /// True when an article with this sha256 is stored.
    pub fn contains(&self, sha256: &str) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE sha256 = ?1)")
            .ctx(&self.path, || "preparing the sha256 look-up")?;
        st.query_row([sha256], |r| r.get(0))
            .ctx(&self.path, || format!("looking up sha256 {sha256}"))
    }

    /// Stores a batch of articles in ONE transaction (all or nothing),
    /// skipping duplicates by sha256 (also duplicates inside the batch).
    /// Returns one outcome per input, in order.
    ///
    /// Errors: [`StoreError::Query`] naming the article and row that failed
    /// (for a constraint violation, see the crate docs); nothing of the batch
    /// is stored then.
    pub fn insert_articles(&mut self, batch: &[ArticleInput<'_>]) -> Result<Vec<InsertOutcome>> {
        self.fit_checkpoints()?;
        articles::insert_batch(&mut self.conn, &self.path, batch)
    }

    /// Every stored article with its record, in insertion order. After
    /// [`Store::insert_articles`] the records are equal (`==`) to the ones
    /// inserted.
    ///
    /// Errors: [`StoreError::Data`] when a stored value no longer parses (an
    /// event type this build does not know, …).
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        articles::read_all(&self.conn, &self.path)
    }

    /// Replaces the stored cases with this case file, in one transaction.
    /// Low-level: the file is stored as given, without stable ids or
    /// reviewer decisions; ingest uses [`Store::update_cases`] and
    /// [`Store::rebuild_cases`], which keep both.
    ///
    /// Errors: a repeated case id is a constraint violation; nothing changes then.
    pub fn replace_cases(&mut self, cases: &CaseFile) -> Result<()> {
        cases::replace(&mut self.conn, &self.path, cases)
    }

    /// All cases, in the order they were given to [`Store::replace_cases`].
    pub fn cases(&self) -> Result<CaseFile> {
        cases::read_all(&self.conn, &self.path)
    }

    /// One case by id; `None` when there is no such case.
    pub fn case(&self, id: &str) -> Result<Option<casewatch_model::Case>> {
        cases::read_one(&self.conn, &self.path, id)
    }

    /// A listing of all cases (id, title and summary counts and dates), in
    /// case order, without decoding the cases. Its related-case counts pair
    /// every two cases that share a person or an outlet, so its cost grows
    /// with the square of the cases of the largest outlet (about 2 s at
    /// 200,000 generated articles): pages of the listing come from
    /// [`Store::case_page`], a case by title from [`Store::case_by_title`].
    pub fn case_summaries(&self) -> Result<Vec<CaseSummary>> {
        cases::summaries(&self.conn, &self.path)
    }

    /// Every case id, in the order of [`Store::cases`] (so a caller can
    /// decode the cases one at a time: [`Store::case`]).
    ///
    /// Errors: [`StoreError::Query`] when the database cannot be read.
    pub fn case_ids(&self) -> Result<Vec<String>> {
        cases::ids(&self.conn, &self.path)
    }

    /// The first case in case order whose title contains `text`, ignoring
    /// case (Unicode lower case, so Cyrillic titles too); `None` when no
    /// title does. Reads the titles alone, one pass.
    ///
    /// Errors: [`StoreError::Query`] when the database cannot be read.
    pub fn case_by_title(&self, text: &str) -> Result<Option<String>> {
        cases::case_by_title(&self.conn, &self.path, text)
    }

    /// Ids of the stored articles that belong to no case, sorted, each once:
    /// articles that report no legal event about a named defendant or a
    /// prosecuted outlet. They stay stored and searchable. Read from
    /// `articles_without_case` (migration 16, kept by triggers): as many
    /// rows as the answer, where finding them took 50–60 ms at 190,000
    /// articles.
    ///
    /// Errors: [`StoreError::Query`] when the database cannot be read.
    pub fn articles_without_case(&self) -> Result<Vec<String>> {
        cases::articles_without_case(&self.conn, &self.path)
    }

    /// Full-text search (FTS5) over article titles and bodies and over event
    /// evidence sentences; at most `limit` hits, best first (BM25; a title
    /// match weighs more than a body match). Snippets mark matched terms with
    /// `[` and `]`.
    ///
    /// `query` is FTS5 query syntax (words, `"phrases"`, `AND`/`OR`/`NOT`,
    /// `prefix*`). A malformed query (unbalanced quotes, stray operators) is
    /// not an error: it is retried with each whitespace-separated word quoted
    /// as a phrase. An empty query gives no hits. A query holding a control
    /// character (a NUL), or that FTS5 cannot read even quoted, is
    /// [`StoreError::Invalid`]. Of a very common word only the most recently
    /// stored 10,000 matches of each index are ranked (so that its cost does
    /// not grow with the archive: under 50 ms at 79,000 articles).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        Ok(search::search(&self.conn, &self.path, &self.name_words, query, limit)?.hits)
    }

    /// [`Store::search`], also saying when the query was malformed (and
    /// searched as plain words instead), for callers that show the query
    /// back to a user.
    pub fn search_sentences(&self, query: &str, limit: usize) -> Result<SearchOutcome> {
        search::search(&self.conn, &self.path, &self.name_words, query, limit)
    }

    /// Reads the words of every stored name into the memory searches widen
    /// their words from (shared by the stores of this process on the same
    /// file), so that no search pays for it: at 200,000 articles it takes
    /// about a second. `serve` calls it once at start, in the background.
    ///
    /// Errors: [`StoreError::Query`] when the people cannot be read.
    pub fn warm_search(&self) -> Result<()> {
        let mut words = self.name_words.lock().unwrap_or_else(|e| e.into_inner());
        use crate::error::Context as _;
        words
            .refresh(&self.conn)
            .ctx(&self.path, || "reading the words of stored names")
    }

    /// Row counts: articles, people, organisations, events, charges, cases.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let n: i64 = self
                .conn
                .prepare_cached(&format!("SELECT COUNT(*) FROM {table}"))
                .and_then(|mut st| st.query_row([], |r| r.get(0)))
                .ctx(&self.path, || format!("counting {table}"))?;
            Ok(count(n))
        };
        Ok(Counts {
            articles: count("articles")?,
            people: count("people")?,
            organizations: count("organizations")?,
            events: count("events")?,
            charges: count("charges")?,
            cases: count("cases")?,
        })
    }

    /// Sets the page cache of this store's connection to `mib` MiB (SQLite's
    /// `cache_size`; [`Store::open`] sets 32 MiB, which keeps a server's
    /// pooled connections small). A bulk ingest into a large store reads the
    /// identity, index and case pages of every batch again: `ingest`,
    /// `rebuild` and `watch` raise it ([`BULK_CACHE_MIB`]). The cache grows
    /// only as pages are read, up to this size.
    ///
    /// Errors: [`StoreError::Query`] when SQLite refuses the pragma.
    pub fn set_page_cache_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", u64::from(mib) * 1024))
            .ctx(&self.path, || format!("setting a page cache of {mib} MiB"))
    }

    /// Lets the write-ahead log of this connection's commits grow to one
    /// page in [`BULK_WAL_SHARE`] of the database (never fewer than
    /// [`WAL_AUTOCHECKPOINT_PAGES`], never more than [`BULK_WAL_MAX_PAGES`])
    /// before a commit copies it back into the
    /// database file (SQLite's `wal_autocheckpoint`, set again before every
    /// batch and rebuild, as the database grows); `false` restores SQLite's
    /// 1,000 pages. For bulk writers (`casewatch ingest` and `rebuild`).
    ///
    /// Why: an increment of 1,000 articles into a store of 190,000 changes
    /// about 13,000 pages (one or more per new row of every index keyed by a
    /// name or a hash), and with 1,000 pages every commit of it (five
    /// batches, the keys, the rebuild) copied what it wrote back into the
    /// database and synced both files. Consecutive increments change far
    /// fewer distinct pages than the sum of what each changes (six: 32,900
    /// against 6 × 13,000), and a log that holds several commits copies each
    /// page once. Ten increments of 1,000 at 190,000 generated articles and
    /// the close (`bench_ingest`): 121 syncs → 7, 428,000 writes → 348,000,
    /// 223,000 reads → 143,000, 5.2 GB written → 1.6 GB, system time
    /// 2.0 → 1.6 s; the CPU time of the increments is the same within the
    /// noise of the machine (ARCHITECTURE.md, "Session 14"). The log file
    /// takes up to half the database's size (at most 256 MiB, and the last
    /// commit) on disk while the writer runs; closing the last connection
    /// checkpoints and removes it, as before. What a crash can lose is
    /// unchanged: with `synchronous=NORMAL` (see the crate docs) the commits
    /// since the last checkpoint were already the operating system's to
    /// write, and none is ever half applied.
    ///
    /// Errors: [`StoreError::Query`] when SQLite refuses a pragma.
    pub fn set_bulk_checkpoints(&mut self, on: bool) -> Result<()> {
        self.bulk_checkpoints = on;
        if on {
            self.fit_checkpoints()
        } else {
            self.checkpoint_every(WAL_AUTOCHECKPOINT_PAGES)
        }
    }

    /// For a bulk writer, sets `wal_autocheckpoint` to the database's
    /// current size (see [`Store::set_bulk_checkpoints`]); nothing for any
    /// other store, which keeps SQLite's threshold.
    fn fit_checkpoints(&self) -> Result<()> {
        if !self.bulk_checkpoints {
            return Ok(());
        }
        let count: i64 = self
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .ctx(&self.path, || "reading the size of the database")?;
        self.checkpoint_every(bulk_checkpoint_pages(u64::try_from(count).unwrap_or(0)))
    }

    /// Sets SQLite's `wal_autocheckpoint` to `pages`.
    fn checkpoint_every(&self, pages: u64) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA wal_autocheckpoint = {pages}"))
            .ctx(&self.path, || format!("checkpointing every {pages} pages"))
    }

    /// The size (pages) the write-ahead log reaches before a commit of
    /// this connection checkpoints it (SQLite's `wal_autocheckpoint`; see
    /// [`Store::set_bulk_checkpoints`]).
    ///
    /// Errors: [`StoreError::Query`] when SQLite refuses the pragma.
    pub fn checkpoint_pages(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .ctx(&self.path, || "reading the checkpoint threshold")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Checks the database file: SQLite's `integrity_check`, foreign keys,
    /// both full-text indexes against their tables, and the tables triggers
    /// keep against the tables they follow: `link_key_counts` (migration 10)
    /// and `link_names` (migrations 12 and 15) against `link_keys`,
    /// `link_block_names` against `link_names`, and `person_block_names`
    /// (migration 14; it may hold a name no row has any more, not miss one)
    /// against `person_index`, and `articles_without_case` (migration 16)
    /// against `articles` and `case_articles`. Returns the problems found, empty when the
    /// file is sound. Reads every link key row (about a second at 200,000
    /// generated articles).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut st = self
            .conn
            .prepare("PRAGMA integrity_check")
            .ctx(&self.path, || "running integrity_check")?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .ctx(&self.path, || "running integrity_check")?;
        problems.extend(rows.into_iter().filter(|m| m != "ok"));
        let mut st = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .ctx(&self.path, || "running foreign_key_check")?;
        let rows = st
            .query_map([], |r| {
                Ok(format!(
                    "foreign key violation in {} row {:?}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .ctx(&self.path, || "running foreign_key_check")?;
        problems.extend(rows);
        for fts in ["article_fts", "evidence_fts"] {
            if let Err(e) = self.conn.execute(
                &format!("INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"),
                [],
            ) {
                problems.push(format!("{fts}: {e}"));
            }
        }
        // (what each derived table should hold, as a query over the table
        // whose triggers keep it; whether it may hold more)
        let derived = [
            (
                "link_key_counts",
                "SELECT key, articles FROM link_key_counts WHERE articles != 0",
                "SELECT key, COUNT(*) FROM link_keys GROUP BY key",
                "link_keys",
                false,
            ),
            (
                "link_names",
                "SELECT key, name, article, affiliation, context FROM link_names",
                // (migration 15's view of what the triggers write)
                "SELECT key, name, article, affiliation, context FROM link_names_derived",
                "link_keys",
                false,
            ),
            (
                "link_block_names",
                "SELECT key, name FROM link_block_names",
                "SELECT key, name FROM link_names",
                "link_names",
                false,
            ),
            (
                "person_block_names",
                "SELECT block, name FROM person_block_names",
                "SELECT block, name FROM person_index",
                "person_index",
                true,
            ),
            (
                "articles_without_case",
                "SELECT article_id FROM articles_without_case",
                "SELECT article_id FROM articles a
                 WHERE NOT EXISTS (SELECT 1 FROM case_articles c WHERE c.article_id = a.article_id)",
                "articles and case_articles",
                false,
            ),
        ];
        for (table, kept, expected, source, more) in derived {
            let differ = |a: &str, b: &str| -> Result<i64> {
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM ({a} EXCEPT {b})"), [], |r| r.get(0))
                    .ctx(&self.path, || format!("checking {table} against {source}"))
            };
            let missing = differ(expected, kept)?;
            let extra = if more { 0 } else { differ(kept, expected)? };
            if extra + missing > 0 {
                problems.push(format!(
                    "{table}: {missing} rows missing and {extra} rows not in {source} (the triggers of {source} keep it)"
                ));
            }
        }
        Ok(problems)
    }
}

/// The current UTC time as RFC 3339 with seconds (`2025-03-12T10:04:05Z`).
pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A list position or length as an SQL integer (lengths of in-memory lists
/// always fit; saturates rather than wraps).
pub(crate) fn pos(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// A stored count as `u64` (counts are never negative; a negative reads as 0).
pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_with_a_large_rebuild_cache_closes_as_any_other() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("casewatch.db");
        let mut store = Store::open(&path).expect("open");
        store.set_bulk_checkpoints(true).expect("bulk");
        store
            .conn
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (7);")
            .expect("write");
        for i in 0..rebuild_cache::RebuildCache::FREED_APART {
            store.rebuild_cache.names.name(&format!("Kanat{i} Osmonov"));
        }
        assert!(store.rebuild_cache.is_large());
        // (another connection keeps the log file, so its size is seen)
        let other = Connection::open(&path).expect("other");
        let wal = dir.path().join("casewatch.db-wal");
        assert!(
            std::fs::metadata(&wal).map_or(0, |m| m.len()) > 0,
            "the write is in the log"
        );
        drop(store);
        // The cache went to a thread of its own; the close still emptied
        // the log into the file.
        assert_eq!(std::fs::metadata(&wal).map_or(0, |m| m.len()), 0);
        let x: i64 = other.query_row("SELECT x FROM t", [], |r| r.get(0)).expect("read");
        assert_eq!(x, 7);
    }

    #[test]
    fn a_bulk_writer_checkpoints_at_half_the_database_within_bounds() {
        assert_eq!(bulk_checkpoint_pages(0), 1000);
        assert_eq!(bulk_checkpoint_pages(1999), 1000);
        assert_eq!(bulk_checkpoint_pages(8_200), 4_100);
        assert_eq!(bulk_checkpoint_pages(131_072), 65_536);
        assert_eq!(bulk_checkpoint_pages(155_000), 65_536);
        assert_eq!(bulk_checkpoint_pages(u64::MAX), 65_536);
    }
}
