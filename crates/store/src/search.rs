//! Full-text search over article text and event evidence (SQLite FTS5).
//!
//! Two external-content FTS5 indexes (`article_fts` over title and body,
//! `evidence_fts` over evidence sentences) are queried with the same query;
//! the hits are merged by BM25 score (lower is better in SQLite) and cut to
//! the limit. Evidence hits are one per sentence (a sentence that gave three
//! events is one hit), with the timeline entries it is evidence of.
//!
//! Names cross scripts: a plain query word that folds (transliteration,
//! `casewatch_reconcile::names::fold`) to a word of a stored person's name or
//! variant also matches that word as written, in any script and inflection
//! the records keep, as a prefix ("Duulatov" finds "Дуулатов", "Дуулатова";
//! "Дуулатов" finds "Duulatov").

use crate::error::Context as _;
use crate::{HitKind, Result, SearchHit, SearchOutcome};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The case an article (row alias `a`) belongs to: the first in case order.
const CASE_OF_ARTICLE: &str = "(SELECT ca.case_id FROM case_articles ca JOIN cases c ON c.id = ca.case_id
                                WHERE ca.article_id = a.article_id ORDER BY c.position LIMIT 1)";

/// The most matches of one index that are ranked: the most recently stored
/// 10,000. BM25 scores every match it ranks, so ranking all the matches of a
/// common word grows with the archive (0.4 s for 170,000 evidence sentences);
/// ranking the newest 10,000 keeps a query under about 50 ms however large
/// the archive is. A rarer word (fewer matches) is ranked over all of them.
pub(crate) const RANKED_CANDIDATES: i64 = 10_000;

// A search runs in two steps. First each index ranks its matches (rowid
// and BM25 only, cut to the limit; the evidence rows with their sentence, so
// that the events of one sentence count once) and the two rankings are
// merged and cut to the limit. Only then are snippets and case look-ups
// computed, for the hits kept: computing them for every ranked row of both
// indexes (up to four times the limit of evidence rows, half of them then
// dropped by the merge) was most of the time of a rare-word search (a
// widened rare surname at 200,000 articles: p50 5.1 ms → 2.4 ms,
// `examples/bench_search.rs`). With ORDER BY … LIMIT over a full select,
// SQLite would evaluate every output column of every match before sorting.
//
// The second step reads the index once, over the rowid range of the kept
// rows (FTS5 seeks to it), and keeps the rows in the list (`+rowid IN best`:
// the unary plus keeps SQLite from handing the list to FTS5, which would
// re-run the whole full-text query to seek each rowid, a widened name query
// (`"x"* OR "y"*`) expanding its prefixes on every run; and a join with the
// list instead was planned as a scan of the list per index row, since a
// `json_each` table gets no automatic index: "case" at 200,000 articles took
// p99 66 ms that way, 37–49 ms this way).

/// Ranks the matches of `article_fts`: `(rowid, score)`, best first.
const ARTICLE_RANK: &str = "SELECT rowid, bm25(article_fts, 5.0, 1.0) FROM article_fts WHERE article_fts MATCH ?1
       AND rowid >= COALESCE((SELECT rowid FROM article_fts WHERE article_fts MATCH ?1
                              ORDER BY rowid DESC LIMIT 1 OFFSET ?3), 0)
     ORDER BY 2, rowid LIMIT ?2";

/// Ranks the matches of `evidence_fts`: `(rowid, score, article row,
/// sentence start)`, best first.
const EVIDENCE_RANK: &str = "WITH best(rowid, score) AS MATERIALIZED (
         SELECT rowid, bm25(evidence_fts) FROM evidence_fts WHERE evidence_fts MATCH ?1
           AND rowid >= COALESCE((SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?1
                                  ORDER BY rowid DESC LIMIT 1 OFFSET ?3), 0)
         ORDER BY 2, rowid LIMIT ?2)
     SELECT best.rowid, best.score, e.article, e.evidence_start
     FROM best CROSS JOIN events e ON e.id = best.rowid
     ORDER BY best.score, best.rowid";

/// The hits of the kept article rows (`?2`: a JSON array of rowids):
/// `(rowid, article id, published, title, case, snippet, head of a long body)`.
fn article_sql() -> String {
    // An article too long for FTS5's snippet (see `crate::snippet`).
    const LONG: &str =
        "ifnull(casewatch_tokens((SELECT sz FROM article_fts_docsize WHERE id = article_fts.rowid)), 0) > ";
    let long = format!("{LONG}{}", crate::snippet::FTS5_SNIPPET_TOKENS);
    let long = long.as_str();
    let head = crate::snippet::SNIPPET_HEAD_BYTES;
    format!(
        "WITH best(rowid) AS MATERIALIZED (SELECT value FROM json_each(?2))
         SELECT article_fts.rowid, a.article_id, a.published, a.title, {CASE_OF_ARTICLE},
                CASE WHEN {long} THEN NULL ELSE snippet(article_fts, -1, '[', ']', '…', 12) END,
                CASE WHEN {long} THEN casewatch_head(a.body, {head}) END
         FROM article_fts CROSS JOIN articles a ON a.id = article_fts.rowid
         WHERE article_fts MATCH ?1
           AND article_fts.rowid >= (SELECT min(rowid) FROM best)
           AND article_fts.rowid <= (SELECT max(rowid) FROM best)
           AND +article_fts.rowid IN best"
    )
}

/// The hits of the kept evidence rows (`?2`: a JSON array of rowids):
/// `(rowid, article id, published, title, case, snippet, sentence start)`.
fn evidence_sql() -> String {
    format!(
        "WITH best(rowid) AS MATERIALIZED (SELECT value FROM json_each(?2))
         SELECT evidence_fts.rowid, a.article_id, a.published, a.title, {CASE_OF_ARTICLE},
                snippet(evidence_fts, 0, '[', ']', '…', 16), e.evidence_start
         FROM evidence_fts CROSS JOIN events e ON e.id = evidence_fts.rowid
              CROSS JOIN articles a ON a.id = e.article
         WHERE evidence_fts MATCH ?1
           AND evidence_fts.rowid >= (SELECT min(rowid) FROM best)
           AND evidence_fts.rowid <= (SELECT max(rowid) FROM best)
           AND +evidence_fts.rowid IN best"
    )
}

/// Runs both indexes for one FTS5 query; `Err` for a malformed query too.
/// The hits come with their scores, best first, at most `limit`.
fn run(conn: &Connection, fts_query: &str, limit: i64) -> rusqlite::Result<Vec<(f64, SearchHit)>> {
    // Step 1: rank. (score, kind, rowid), articles before evidence on equal scores.
    let mut ranked: Vec<(f64, HitKind, i64)> = Vec::new();
    {
        let mut st = conn.prepare_cached(ARTICLE_RANK)?;
        let mut rows = st.query(rusqlite::params![fts_query, limit, RANKED_CANDIDATES - 1])?;
        while let Some(r) = rows.next()? {
            ranked.push((r.get(1)?, HitKind::Article, r.get(0)?));
        }
    }
    {
        let mut st = conn.prepare_cached(EVIDENCE_RANK)?;
        // Evidence rows are per event: ask for more so that `limit` sentences remain.
        let want = limit.saturating_mul(4);
        let mut rows = st.query(rusqlite::params![fts_query, want, RANKED_CANDIDATES - 1])?;
        let mut sentences: HashSet<(i64, i64)> = HashSet::new();
        let mut kept = 0;
        loop {
            let r = match rows.next() {
                Ok(Some(r)) => r,
                Ok(None) => break,
                // the article index read the query, so it is valid: a column only the
                // article index has ("title:…") finds no evidence sentences
                Err(e) if is_query_error(&e) => break,
                Err(e) => return Err(e),
            };
            if kept < limit && sentences.insert((r.get(2)?, r.get(3)?)) {
                ranked.push((r.get(1)?, HitKind::Evidence, r.get(0)?));
                kept += 1;
            }
        }
    }
    // Stable: on equal scores, article hits stay before evidence hits.
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    ranked.truncate(usize::try_from(limit).unwrap_or(usize::MAX));

    // Step 2: the hits of the rows kept.
    let mut found: HashMap<(HitKind, i64), SearchHit> = HashMap::with_capacity(ranked.len());
    let mut query_words = None;
    for (sql, kind) in [(article_sql(), HitKind::Article), (evidence_sql(), HitKind::Evidence)] {
        let rowids: Vec<i64> = ranked.iter().filter(|h| h.1 == kind).map(|h| h.2).collect();
        if rowids.is_empty() {
            continue;
        }
        let mut st = conn.prepare_cached(&sql)?;
        let json = serde_json::to_string(&rowids).unwrap_or_else(|_| "[]".into());
        let mut rows = st.query(rusqlite::params![fts_query, json])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let mut events = Vec::new();
            if kind == HitKind::Evidence {
                let article: String = r.get(1)?;
                let start: i64 = r.get(6)?;
                let prefix = format!("{article}#{start}#");
                let mut ids = conn.prepare_cached(
                    "SELECT DISTINCT entry_id FROM ident_assertions
                     WHERE article = (SELECT min(id) FROM articles WHERE article_id = ?1) AND substr(key, 1, ?3) = ?2
                     ORDER BY entry_id",
                )?;
                let entries = ids.query_map(
                    rusqlite::params![article, prefix, i64::try_from(prefix.len()).unwrap_or(0)],
                    |r| r.get::<_, String>(0),
                )?;
                for id in entries {
                    events.push(id?);
                }
            }
            let published: Option<String> = r.get(2)?;
            let title: Option<String> = r.get(3)?;
            let snippet = match (kind, r.get::<_, Option<String>>(5)?) {
                (_, Some(snippet)) => snippet,
                (HitKind::Article, None) => {
                    let query = query_words.get_or_insert_with(|| crate::snippet::parse_query(fts_query));
                    let head: Option<String> = r.get(6)?;
                    crate::snippet::long_snippet(title.as_deref(), &head.unwrap_or_default(), query)
                }
                (HitKind::Evidence, None) => String::new(),
            };
            found.insert(
                (kind, rowid),
                SearchHit {
                    article: r.get(1)?,
                    // Stored by the store as YYYY-MM-DD; a value that does not
                    // parse is shown as unknown rather than failing the search.
                    published: published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                    title,
                    case: r.get(4)?,
                    snippet,
                    kind,
                    events,
                },
            );
        }
    }
    Ok(ranked
        .into_iter()
        .filter_map(|(score, kind, rowid)| found.remove(&(kind, rowid)).map(|h| (score, h)))
        .collect())
}

/// Whether `e` is FTS5 refusing the query text (SQLITE_ERROR), not a failure
/// of the database (I/O, corruption, busy).
fn is_query_error(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown)
}

/// The fallback for a malformed query: every whitespace-separated word as a
/// quoted phrase (inner quotes doubled), so FTS5 operators and stray quotes
/// become plain text.
pub(crate) fn quote_words(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of stored people's names by folded key, read once and then
/// only for articles stored since (people rows are only ever added, with
/// their article): a search widens its words from memory instead of
/// scanning every person of the store.
#[derive(Debug, Default)]
pub(crate) struct NameWords {
    /// The last article row whose people were read.
    upto: i64,
    /// Folded word → every spelling of it (three bytes or more) in a name or variant.
    by_key: std::collections::HashMap<String, std::collections::BTreeSet<String>>,
}

/// The name words of one database file, shared by every [`crate::Store`] of
/// the process open on it (the web server's pooled connections): the names
/// are read once per process, not once per connection.
pub(crate) type SharedNameWords = std::sync::Arc<std::sync::Mutex<NameWords>>;

/// The shared [`NameWords`] of the database at `path` (by its canonical
/// path; a path that cannot be canonicalised is used as given). Held weakly
/// here, so the words are dropped with the last store on the file.
pub(crate) fn shared_name_words(path: &Path) -> SharedNameWords {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex, Weak};
    static OPEN: LazyLock<Mutex<HashMap<std::path::PathBuf, Weak<Mutex<NameWords>>>>> = LazyLock::new(Default::default);
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    open.retain(|_, w| w.strong_count() > 0);
    if let Some(words) = open.get(&key).and_then(Weak::upgrade) {
        return words;
    }
    let words: SharedNameWords = Arc::new(Mutex::new(NameWords::default()));
    open.insert(key, Arc::downgrade(&words));
    words
}

impl NameWords {
    /// Reads the people of the articles stored since the last call (all of
    /// them again when the file holds fewer articles than were read: it was
    /// replaced).
    pub(crate) fn refresh(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let last: i64 = conn
            .prepare_cached("SELECT ifnull(MAX(article), 0) FROM people")?
            .query_row([], |r| r.get(0))?;
        if last < self.upto {
            *self = NameWords::default();
        }
        if last <= self.upto {
            return Ok(());
        }
        let mut st = conn.prepare_cached("SELECT variants FROM people WHERE article > ?1 AND article <= ?2")?;
        let mut rows = st.query([self.upto, last])?;
        while let Some(r) = rows.next()? {
            let variants: String = r.get(0)?;
            let names: Vec<String> = serde_json::from_str(&variants).unwrap_or_default();
            for name in names {
                for w in name.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'') {
                    if w.len() >= 3 {
                        let key = casewatch_reconcile::names::fold(w);
                        self.by_key.entry(key).or_default().insert(w.to_string());
                    }
                }
            }
        }
        self.upto = last;
        Ok(())
    }
}

/// The spellings of a query word in stored people's names: every word of a
/// name or variant that folds to the same key as `word`, other than `word`
/// itself (sorted, at most 20).
fn name_spellings(conn: &Connection, words: &std::sync::Mutex<NameWords>, word: &str) -> rusqlite::Result<Vec<String>> {
    let key = casewatch_reconcile::names::fold(word);
    if key.chars().count() < 3 || key.contains(' ') {
        return Ok(Vec::new());
    }
    // (a panic elsewhere while holding the lock leaves at worst words not yet read)
    let mut words = words.lock().unwrap_or_else(|e| e.into_inner());
    words.refresh(conn)?;
    Ok(words
        .by_key
        .get(&key)
        .into_iter()
        .flatten()
        .filter(|w| w.as_str() != word)
        .take(20)
        .cloned()
        .collect())
}

/// A plain query (words only, no FTS5 syntax) with each word that is a
/// spelling of a stored name widened to its other spellings:
/// `Duulatov` → `("Duulatov"* OR "Дуулатов"*)`, every spelling as a prefix
/// so that inflected forms match. `None` when the
/// query has FTS5 syntax or nothing to widen.
fn cross_script(
    conn: &Connection,
    names: &std::sync::Mutex<NameWords>,
    query: &str,
) -> rusqlite::Result<Option<String>> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let plain = |w: &str| {
        w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'') && !matches!(w, "AND" | "OR" | "NOT" | "NEAR")
    };
    if words.is_empty() || !words.iter().all(|w| plain(w)) {
        return Ok(None);
    }
    let mut widened = false;
    let mut parts = Vec::with_capacity(words.len());
    for w in &words {
        let spellings = name_spellings(conn, names, w)?;
        let quoted = |x: &str| format!("\"{}\"", x.replace('"', "\"\""));
        if spellings.is_empty() {
            parts.push(quoted(w));
        } else {
            widened = true;
            // every spelling as a prefix: a Russian report inflects the name ("Дуулатов"* finds "Дуулатова")
            let alts: Vec<String> = std::iter::once(*w)
                .chain(spellings.iter().map(String::as_str))
                .map(|x| format!("{}*", quoted(x)))
                .collect();
            parts.push(format!("({})", alts.join(" OR ")));
        }
    }
    Ok(widened.then(|| parts.join(" AND ")))
}

/// See [`crate::Store::search`].
pub(crate) fn search(
    conn: &Connection,
    path: &Path,
    names: &std::sync::Mutex<NameWords>,
    query: &str,
    limit: usize,
) -> Result<SearchOutcome> {
    if query.trim().is_empty() || limit == 0 {
        return Ok(SearchOutcome {
            hits: Vec::new(),
            notice: None,
        });
    }
    if let Some(c) = query.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        return Err(crate::error::invalid(
            path,
            "search query",
            format!("it contains the control character U+{:04X}; remove it", u32::from(c)),
        ));
    }
    let widened = cross_script(conn, names, query).ctx(path, || format!("reading names for {query:?}"))?;
    let query = widened.as_deref().unwrap_or(query);
    let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut notice = None;
    let mut hits = match run(conn, query, sql_limit) {
        Ok(hits) => hits,
        // FTS5 reports syntax errors as generic SQLITE_ERROR ("fts5: syntax
        // error near …", "no such column: …"); retry quoted. A real failure
        // (I/O, corruption) fails the retry too and is reported from there.
        Err(e) => {
            let quoted = quote_words(query);
            if quoted.is_empty() {
                return Ok(SearchOutcome {
                    hits: Vec::new(),
                    notice: Some(format!("the query {query:?} is not valid search syntax ({e})")),
                });
            }
            let reason = match &e {
                rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
                other => other.to_string(),
            };
            notice = Some(format!(
                "the query is not valid search syntax ({reason}); searched for the words as written: {quoted}. \
                 Quote phrases with \"…\", combine with AND, OR, NOT, end a prefix with *."
            ));
            match run(conn, &quoted, sql_limit) {
                Ok(hits) => hits,
                Err(e) if is_query_error(&e) => {
                    return Err(crate::error::invalid(
                        path,
                        "search query",
                        format!("the full-text index cannot read it ({e})"),
                    ));
                }
                Err(e) => return Err(e).ctx(path, || format!("searching for {query:?} (as {quoted:?})")),
            }
        }
    };
    // Stable: on equal scores, article hits stay before evidence hits.
    hits.sort_by(|a, b| a.0.total_cmp(&b.0));
    hits.truncate(limit);
    Ok(SearchOutcome {
        hits: hits.into_iter().map(|(_, h)| h).collect(),
        notice,
    })
}

#[cfg(test)]
mod tests {
    use super::{quote_words, shared_name_words};
    use std::sync::Arc;

    #[test]
    fn one_file_one_set_of_name_words() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.db");
        let b = dir.path().join("b.db");
        std::fs::write(&a, b"").expect("a");
        std::fs::write(&b, b"").expect("b");
        let first = shared_name_words(&a);
        // the same file by another spelling of its path
        let again = shared_name_words(&dir.path().join(".").join("a.db"));
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &shared_name_words(&b)));
        // dropped with the last holder: a later store starts afresh
        let weak = Arc::downgrade(&first);
        drop(first);
        drop(again);
        assert!(weak.upgrade().is_none());
    }

    /// A cached search statement keeps its plan: binding another limit or
    /// query does not make SQLite parse and plan it again (see the query
    /// planner stability guarantee in `Store::open`).
    #[test]
    fn search_statements_are_not_prepared_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = crate::Store::open(&dir.path().join("s.db")).expect("open");
        for (query, limit) in [("detention", 5), ("hearing", 7), ("Okafor", 50), ("detention", 3)] {
            store.search(query, limit).expect("search");
        }
        for sql in [super::article_sql(), super::evidence_sql()] {
            let st = store.conn.prepare_cached(&sql).expect("cached");
            assert_eq!(st.get_status(rusqlite::StatementStatus::RePrepare), 0, "{sql}");
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_words("\"unbalanced"), "\"\"\"unbalanced\"");
        assert_eq!(quote_words("  a  NEAR( b "), "\"a\" \"NEAR(\" \"b\"");
        assert_eq!(quote_words("   "), "");
    }
}
