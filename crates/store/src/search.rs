//! Full-text search over article text and event evidence (SQLite FTS5).
//!
//! Two external-content FTS5 indexes (`article_fts` over title and body,
//! `evidence_fts` over evidence sentences) are queried with the same query;
//! the hits are merged by BM25 score (lower is better in SQLite) and cut to
//! the limit.

use crate::error::Context as _;
use crate::{HitKind, Result, SearchHit};
use rusqlite::Connection;
use std::path::Path;

/// The case an article (row alias `a`) belongs to: the first in case order.
const CASE_OF_ARTICLE: &str = "(SELECT ca.case_id FROM case_articles ca JOIN cases c ON c.id = ca.case_id
                                WHERE ca.article_id = a.article_id ORDER BY c.position LIMIT 1)";

fn article_sql() -> String {
    format!(
        "SELECT a.article_id, a.published, a.title, {CASE_OF_ARTICLE},
                snippet(article_fts, -1, '[', ']', '…', 12), bm25(article_fts, 5.0, 1.0) AS score
         FROM article_fts JOIN articles a ON a.id = article_fts.rowid
         WHERE article_fts MATCH ?1
         ORDER BY score, a.id
         LIMIT ?2"
    )
}

fn evidence_sql() -> String {
    format!(
        "SELECT a.article_id, a.published, a.title, {CASE_OF_ARTICLE},
                snippet(evidence_fts, 0, '[', ']', '…', 16), bm25(evidence_fts) AS score
         FROM evidence_fts JOIN events e ON e.id = evidence_fts.rowid JOIN articles a ON a.id = e.article
         WHERE evidence_fts MATCH ?1
         ORDER BY score, e.id
         LIMIT ?2"
    )
}

/// Runs both indexes for one FTS5 query; `Err` for a malformed query too.
fn run(conn: &Connection, fts_query: &str, limit: i64) -> rusqlite::Result<Vec<(f64, SearchHit)>> {
    let mut hits = Vec::new();
    for (sql, kind) in [(article_sql(), HitKind::Article), (evidence_sql(), HitKind::Evidence)] {
        let mut st = conn.prepare_cached(&sql)?;
        let mut rows = st.query(rusqlite::params![fts_query, limit])?;
        while let Some(r) = rows.next()? {
            let published: Option<String> = r.get(1)?;
            hits.push((
                r.get::<_, f64>(5)?,
                SearchHit {
                    article: r.get(0)?,
                    // Stored by the store as YYYY-MM-DD; a value that does not
                    // parse is shown as unknown rather than failing the search.
                    published: published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                    title: r.get(2)?,
                    case: r.get(3)?,
                    snippet: r.get(4)?,
                    kind,
                },
            ));
        }
    }
    Ok(hits)
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

/// See [`crate::Store::search`].
pub(crate) fn search(conn: &Connection, path: &Path, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    if query.trim().is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    if let Some(c) = query.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        return Err(crate::error::invalid(
            path,
            "search query",
            format!("it contains the control character U+{:04X}; remove it", u32::from(c)),
        ));
    }
    let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut hits = match run(conn, query, sql_limit) {
        Ok(hits) => hits,
        // FTS5 reports syntax errors as generic SQLITE_ERROR ("fts5: syntax
        // error near …", "no such column: …"); retry quoted. A real failure
        // (I/O, corruption) fails the retry too and is reported from there.
        Err(_) => {
            let quoted = quote_words(query);
            if quoted.is_empty() {
                return Ok(Vec::new());
            }
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
    Ok(hits.into_iter().map(|(_, h)| h).collect())
}

#[cfg(test)]
mod tests {
    use super::quote_words;

    #[test]
    fn quoting() {
        assert_eq!(quote_words("\"unbalanced"), "\"\"\"unbalanced\"");
        assert_eq!(quote_words("  a  NEAR( b "), "\"a\" \"NEAR(\" \"b\"");
        assert_eq!(quote_words("   "), "");
    }
}
