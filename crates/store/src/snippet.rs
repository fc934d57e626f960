//! Snippets of long articles, made in linear time instead of by FTS5.
//!
//! FTS5's `snippet()` scores a window at every matching token against every
//! other match of the column, and `highlight()` grows its output by copying
//! it whole at each match: both are quadratic in the matches of a document.
//! An article of 10 MB naming "detained" 100,000 times took 67 s to snippet
//! and 24 s to highlight (SQLite 3.40 and the bundled one alike). Search asks
//! FTS5 for the snippet of an article of at most [`FTS5_SNIPPET_TOKENS`]
//! tokens (every news report: a long one is 2,000 to 4,000 words), which
//! costs at most a few tens of milliseconds; for a longer one it gets NULL
//! and [`long_snippet`] makes one here from the article's text, one pass
//! over its first MiB.
//!
//! The query's words are matched the way the index's tokenizer
//! (`unicode61 remove_diacritics 2`) and the name folding of search
//! (`casewatch_reconcile::names::fold`) compare them: case, diacritics and
//! script folded, a word written with `*` as a prefix. Operators, column
//! filters and phrase structure are not evaluated: the snippet shows the
//! window where the query's words are densest, which is where FTS5's would
//! be for the queries search writes (words, phrases, widened names).

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;

/// The most tokens (title and body) an article may have for FTS5 to make its
/// snippet: 4,000 tokens matching every one take about 110 ms in FTS5's
/// quadratic scoring (7 ns a pair of matches, measured on a 10 MB article);
/// a news report of 1,000 words, well under 10 ms.
pub(crate) const FTS5_SNIPPET_TOKENS: u64 = 4_000;

/// The bytes of a long article [`long_snippet`] reads: its first MiB (a
/// match further on is not marked; the snippet is then the opening). Keeps
/// a search of a 10 MB article under 0.1 s.
const MAX_SNIPPET_SCAN: usize = 1 << 20;

/// Tokens a long article's snippet shows, as FTS5 is asked for (12).
const WINDOW_TOKENS: usize = 12;

/// Defines `casewatch_tokens(sz)` on `conn`: the number of tokens an FTS5
/// `*_docsize` row's `sz` blob records (the sum of its varints, one per
/// column; the format of SQLite's `fts5_index.c`), or NULL when it is not a
/// blob. Search compares it with [`FTS5_SNIPPET_TOKENS`].
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "casewatch_tokens",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Blob(b) => Some(i64::try_from(varint_sum(b)).unwrap_or(i64::MAX)),
                _ => None,
            })
        },
    )
}

/// The sum of the SQLite-format varints in `b` (FTS5 writes 32-bit values:
/// at most 5 bytes each, high bit set on all but the last). A truncated last
/// varint counts what it holds.
fn varint_sum(b: &[u8]) -> u64 {
    let (mut sum, mut value, mut len) = (0u64, 0u64, 0);
    for &byte in b {
        value = (value << 7) | u64::from(byte & 0x7f);
        len += 1;
        if byte & 0x80 == 0 || len == 9 {
            sum = sum.saturating_add(value);
            (value, len) = (0, 0);
        }
    }
    sum.saturating_add(value)
}

/// One word of a query: folded, and whether it was written as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWord {
    folded: String,
    prefix: bool,
}

/// The words of an FTS5 query (as search runs it), without operators
/// (`AND`, `OR`, `NOT`, `NEAR`) and column names (`title:`).
pub(crate) fn query_words(fts_query: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    let chars: Vec<(usize, char)> = fts_query.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && chars[i].1.is_alphanumeric() {
            i += 1;
        }
        let end = chars.get(i).map_or(fts_query.len(), |c| c.0);
        let word = &fts_query[start..end];
        // a closing quote may stand between the word and its `*`
        let mut j = i;
        while j < chars.len() && chars[j].1 == '"' {
            j += 1;
        }
        let prefix = chars.get(j).is_some_and(|c| c.1 == '*');
        let column = chars.get(i).is_some_and(|c| c.1 == ':');
        if column || matches!(word, "AND" | "OR" | "NOT" | "NEAR") {
            continue;
        }
        let w = QueryWord {
            folded: fold(word),
            prefix,
        };
        if !w.folded.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn fold(word: &str) -> String {
    casewatch_reconcile::names::fold(word)
}

fn matches(words: &[QueryWord], token: &str) -> bool {
    let t = fold(token);
    words.iter().any(|w| {
        if w.prefix {
            t.starts_with(&w.folded)
        } else {
            t == w.folded
        }
    })
}

/// A snippet of `text` in FTS5's form (`[` `]` around each matching word,
/// `…` where text is left out, [`WINDOW_TOKENS`] tokens): the window with
/// the most matching tokens (the first such, started two tokens before its
/// first match); the text's opening when nothing matches. Reads at most
/// the first [`MAX_SNIPPET_SCAN`] bytes, once.
pub(crate) fn long_snippet(text: &str, words: &[QueryWord]) -> String {
    let mut cut = text.len().min(MAX_SNIPPET_SCAN);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    // tokens as (start, end, matches), in one pass
    let mut tokens: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i, matches(words, &text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    if tokens.is_empty() {
        return String::new();
    }
    let n = WINDOW_TOKENS.min(tokens.len());
    let mut count = tokens[..n].iter().filter(|t| t.2).count();
    let (mut best, mut best_count) = (0, count);
    for i in n..tokens.len() {
        count = count + usize::from(tokens[i].2) - usize::from(tokens[i - n].2);
        if count > best_count {
            (best, best_count) = (i + 1 - n, count);
        }
    }
    // Start two tokens before the window's first match: the window keeps
    // all its matches and may take more, and the match has some lead-in.
    if let Some(first) = tokens[best..best + n].iter().position(|t| t.2) {
        best = (best + first).saturating_sub(2).min(tokens.len() - n);
    }
    let window = &tokens[best..best + n];
    let mut out = String::new();
    if best > 0 {
        out.push('…');
    }
    let mut at = window[0].0;
    for &(s, e, hit) in window {
        out.push_str(&text[at..s]);
        if hit {
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if best + n < tokens.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_drop_operators_and_columns_and_keep_prefixes() {
        let w = query_words("title:\"Velmora\" AND (\"Duulatov\"* OR \"Дуулатов\"*) NOT fined");
        let folded: Vec<(&str, bool)> = w.iter().map(|w| (w.folded.as_str(), w.prefix)).collect();
        assert_eq!(
            folded,
            vec![("velmora", false), ("dulatov", true), ("fined", false)],
            "Дуулатов folds to the same word as Duulatov (doubled letters are one)"
        );
    }

    #[test]
    fn the_densest_window_is_shown_with_its_matches_marked() {
        let text = "The court in Velmora met on Monday. Nothing else happened that week at all, \
                    said the clerk. Later the reporter Ana Duulatova was detained again, and detained \
                    once more on Friday.";
        let s = long_snippet(text, &query_words("detained OR \"Duulatov\"*"));
        assert_eq!(
            s,
            "…reporter Ana [Duulatova] was [detained] again, and [detained] once more on Friday"
        );
        // no match: the opening
        assert_eq!(
            long_snippet(text, &query_words("acquitted")),
            "The court in Velmora met on Monday. Nothing else happened that week…"
        );
    }

    #[test]
    fn an_article_that_repeats_the_word_is_snipped_at_its_first_dense_window() {
        // 2 MB, 50,000 matches (FTS5's snippet would score 2.5 billion pairs)
        let text = "Reporter Ivo Marek was detained in Velmora. ".repeat(50_000);
        let s = long_snippet(&text, &query_words("detained"));
        assert_eq!(
            s,
            "…Marek was [detained] in Velmora. Reporter Ivo Marek was [detained] in Velmora…"
        );
    }

    #[test]
    fn docsize_varints_are_summed() {
        // 3 title tokens, 300 body tokens (0x82 0x2c)
        assert_eq!(varint_sum(&[0x03, 0x82, 0x2c]), 303);
        assert_eq!(varint_sum(&[]), 0);
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let n: i64 = conn
            .query_row("SELECT casewatch_tokens(x'03822c')", [], |r| r.get(0))
            .expect("tokens");
        assert_eq!(n, 303);
    }
}
