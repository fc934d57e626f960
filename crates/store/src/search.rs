//! Full-text search over article text and event evidence (SQLite FTS5).
//!
//! Two external-content FTS5 indexes (`article_fts` over title and body,
//! `evidence_fts` over evidence sentences) are queried with the same query;
//! the hits are merged by BM25 score (lower is better in SQLite) and cut to
//! the limit. Evidence hits are one per sentence (a sentence that gave three
//! events is one hit), with the timeline entries it is evidence of.

use crate::error::Context as _;
use crate::{HitKind, Result, SearchHit, SearchOutcome};
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
                snippet(evidence_fts, 0, '[', ']', '…', 16), bm25(evidence_fts) AS score, e.evidence_start
         FROM evidence_fts JOIN events e ON e.id = evidence_fts.rowid JOIN articles a ON a.id = e.article
         WHERE evidence_fts MATCH ?1
         ORDER BY score, e.id
         LIMIT ?2"
    )
}

/// Runs both indexes for one FTS5 query; `Err` for a malformed query too.
fn run(conn: &Connection, fts_query: &str, limit: i64) -> rusqlite::Result<Vec<(f64, SearchHit)>> {
    let mut hits = Vec::new();
    let mut sentences: std::collections::HashSet<(String, i64)> = std::collections::HashSet::new();
    for (sql, kind) in [(article_sql(), HitKind::Article), (evidence_sql(), HitKind::Evidence)] {
        let mut st = conn.prepare_cached(&sql)?;
        // Evidence rows are per event: ask for more so that `limit` sentences remain.
        let want = if kind == HitKind::Evidence {
            limit.saturating_mul(4)
        } else {
            limit
        };
        let mut rows = st.query(rusqlite::params![fts_query, want])?;
        while let Some(r) = rows.next()? {
            let mut events = Vec::new();
            if kind == HitKind::Evidence {
                let article: String = r.get(0)?;
                let start: i64 = r.get(6)?;
                if !sentences.insert((article.clone(), start)) {
                    continue;
                }
                let prefix = format!("{article}#{start}#");
                let mut ids = conn.prepare_cached(
                    "SELECT DISTINCT entry_id FROM ident_assertions WHERE article_id = ?1 AND substr(key, 1, ?3) = ?2
                     ORDER BY entry_id",
                )?;
                let found = ids.query_map(
                    rusqlite::params![article, prefix, i64::try_from(prefix.len()).unwrap_or(0)],
                    |r| r.get::<_, String>(0),
                )?;
                for id in found {
                    events.push(id?);
                }
            }
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
                    events,
                },
            ));
        }
    }
    Ok(hits)
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
pub(crate) fn search(conn: &Connection, path: &Path, query: &str, limit: usize) -> Result<SearchOutcome> {
    if query.trim().is_empty() || limit == 0 {
        return Ok(SearchOutcome {
            hits: Vec::new(),
            notice: None,
        });
    }
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
            run(conn, &quoted, sql_limit).ctx(path, || format!("searching for {query:?} (as {quoted:?})"))?
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
    use super::quote_words;

    #[test]
    fn quoting() {
        assert_eq!(quote_words("\"unbalanced"), "\"\"\"unbalanced\"");
        assert_eq!(quote_words("  a  NEAR( b "), "\"a\" \"NEAR(\" \"b\"");
        assert_eq!(quote_words("   "), "");
    }
}
