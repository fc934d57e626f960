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
//! and [`long_snippet`] makes one here from the first [`SNIPPET_HEAD_BYTES`]
//! of the article's text (what the extractor reads of it too), in one pass.
//!
//! The query's words are compared as the index's tokenizer (`unicode61
//! remove_diacritics 2`) compares them: case folded and Latin diacritics
//! removed, a word written with `*` as a prefix. Quoted phrases of several
//! words count as phrases; other operators, NEAR distances and column
//! filters are not evaluated. The window shown is the one with a whole
//! phrase, then the most distinct query words, then the most matches.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;

/// The most tokens (title and body) an article may have for FTS5 to make its
/// snippet: 4,000 tokens matching every one take about 110 ms in FTS5's
/// quadratic scoring (7 ns a pair of matches, measured on a 10 MB article);
/// a news report of 1,000 words, well under 10 ms.
pub(crate) const FTS5_SNIPPET_TOKENS: u64 = 4_000;

/// The bytes of a long article [`long_snippet`] reads: its first 256 KiB,
/// the extractor's `MAX_ANALYSED_BYTES` (search reads them with
/// `casewatch_head`, which inflates no more). A match further on is not
/// shown: the snippet is then the opening, or the title when it matches.
pub(crate) const SNIPPET_HEAD_BYTES: usize = 256 * 1024;

/// Tokens a long article's snippet shows, as FTS5 is asked for (12).
const WINDOW_TOKENS: usize = 12;

/// Query words past this many are not marked (a bit each in a `u64`).
const MAX_WORDS: usize = 64;

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

/// One word of a query: normalised ([`normalise`]), and whether it was
/// written as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWord {
    text: String,
    prefix: bool,
}

/// The words and phrases of an FTS5 query (as search runs it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    words: Vec<QueryWord>,
    /// Quoted phrases of two or more words, as indices into `words`.
    phrases: Vec<Vec<usize>>,
}

/// Reads an FTS5 query: its words outside operators (`AND`, `OR`, `NOT`,
/// `NEAR` and NEAR's distance), column names (`title:`) and syntax, and the
/// quoted phrases of several words.
pub(crate) fn parse_query(fts_query: &str) -> Query {
    let mut q = Query::default();
    let chars: Vec<(usize, char)> = fts_query.char_indices().collect();
    let (mut i, mut quoted) = (0, false);
    let mut phrase: Vec<usize> = Vec::new();
    let close_phrase = |q: &mut Query, phrase: &mut Vec<usize>| {
        if phrase.len() >= 2 {
            q.phrases.push(std::mem::take(phrase));
        }
        phrase.clear();
    };
    while i < chars.len() {
        let c = chars[i].1;
        if c == '"' {
            // a doubled quote inside a phrase is a quote character, no end
            if quoted && chars.get(i + 1).is_some_and(|n| n.1 == '"') {
                i += 2;
                continue;
            }
            if quoted {
                close_phrase(&mut q, &mut phrase);
            }
            quoted = !quoted;
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && chars[i].1.is_alphanumeric() {
            i += 1;
        }
        let end = chars.get(i).map_or(fts_query.len(), |c| c.0);
        let word = &fts_query[start..end];
        // `"word"*`: the star follows the closing quote
        let mut j = i;
        while j < chars.len() && chars[j].1 == '"' {
            j += 1;
        }
        let prefix = chars.get(j).is_some_and(|c| c.1 == '*');
        let column = !quoted && chars.get(i).is_some_and(|c| c.1 == ':');
        let operator = !quoted && matches!(word, "AND" | "OR" | "NOT" | "NEAR");
        // NEAR(a b, 2): the distance follows a comma
        let distance = !quoted
            && word.chars().all(|c| c.is_ascii_digit())
            && chars[..i - word.chars().count()]
                .iter()
                .rev()
                .find(|c| !c.1.is_whitespace())
                .is_some_and(|c| c.1 == ',');
        if column || operator || distance {
            continue;
        }
        let w = QueryWord {
            text: normalise(word),
            prefix,
        };
        if w.text.is_empty() {
            continue;
        }
        let index = match q.words.iter().position(|x| *x == w) {
            Some(k) => k,
            None => {
                q.words.push(w);
                q.words.len() - 1
            }
        };
        if quoted {
            phrase.push(index);
        }
    }
    close_phrase(&mut q, &mut phrase);
    q
}

/// A word as the index compares it: lower case, a Latin letter's
/// diacritics removed ("Ağırel" → "agirel"); other scripts as they are
/// ("Дуулатов" → "дуулатов", "ё" stays "ё", as FTS5 keeps it).
fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalise_into(word, &mut out);
    out
}

fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars().flat_map(char::to_lowercase) {
        let latin = matches!(u32::from(c), 0x00C0..=0x024F | 0x1E00..=0x1EFF);
        match deunicode::deunicode_char(c) {
            Some(plain) if latin && plain.len() == 1 && plain.chars().all(|p| p.is_ascii_alphabetic()) => {
                out.push_str(&plain.to_ascii_lowercase());
            }
            _ => out.push(c),
        }
    }
}

/// The query words (by bit) `token` matches.
fn matched(q: &Query, token: &str, buf: &mut String) -> u64 {
    normalise_into(token, buf);
    let mut mask = 0u64;
    for (k, w) in q.words.iter().enumerate().take(MAX_WORDS) {
        let hit = if w.prefix {
            buf.starts_with(w.text.as_str())
        } else {
            *buf == w.text
        };
        if hit {
            mask |= 1 << k;
        }
    }
    mask
}

/// A snippet of `text` in FTS5's form (`[` `]` around each matching word,
/// `…` where text is left out, [`WINDOW_TOKENS`] tokens): the window with
/// a whole phrase of the query, then the most distinct query words, then the
/// most matching tokens (the first such, started two tokens before its first
/// match). When nothing in the first [`SNIPPET_HEAD_BYTES`] matches: the
/// title marked if it matches, else the text's opening. Linear in the bytes
/// read.
pub(crate) fn long_snippet(title: Option<&str>, text: &str, q: &Query) -> String {
    let mut cut = text.len().min(SNIPPET_HEAD_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let found = window(text, q);
    if found.1 == 0
        && let Some(marked) = title.map(|t| window(t, q)).filter(|t| t.1 > 0)
    {
        return marked.0;
    }
    found.0
}

/// The snippet of `text` and how many tokens of it match.
fn window(text: &str, q: &Query) -> (String, usize) {
    let mut buf = String::new();
    // tokens as (start, end, matched words), in one pass
    let mut tokens: Vec<(usize, usize, u64)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i, matched(q, &text[s..i], &mut buf)));
                start = None;
            }
            _ => {}
        }
    }
    if tokens.is_empty() {
        return (String::new(), 0);
    }
    let n = WINDOW_TOKENS.min(tokens.len());
    // whether a whole phrase starts at each token, and its length
    let phrase_at: Vec<usize> = (0..tokens.len())
        .map(|i| {
            q.phrases
                .iter()
                .filter(|p| {
                    p.len() <= n
                        && i + p.len() <= tokens.len()
                        && p.iter()
                            .enumerate()
                            .all(|(j, &w)| w < MAX_WORDS && tokens[i + j].2 & (1 << w) != 0)
                })
                .map(Vec::len)
                .max()
                .unwrap_or(0)
        })
        .collect();
    // per exclusive end position, the phrases that end there
    let mut ends_at = vec![0usize; tokens.len() + 1];
    for (i, &len) in phrase_at.iter().enumerate() {
        if len > 0 {
            ends_at[i + len] += 1;
        }
    }
    // sliding window: per word the matches in the window, phrases wholly inside;
    // windows compare by (phrases, distinct words, matches)
    let mut per_word = vec![0u32; q.words.len().min(MAX_WORDS)];
    let (mut distinct, mut hits, mut phrases) = (0usize, 0usize, 0usize);
    let add = |t: u64, per_word: &mut Vec<u32>, distinct: &mut usize, sign: bool| {
        for (k, c) in per_word.iter_mut().enumerate() {
            if t & (1 << k) != 0 {
                if sign {
                    *c += 1;
                    if *c == 1 {
                        *distinct += 1;
                    }
                } else {
                    *c -= 1;
                    if *c == 0 {
                        *distinct -= 1;
                    }
                }
            }
        }
    };
    for (i, t) in tokens[..n].iter().enumerate() {
        add(t.2, &mut per_word, &mut distinct, true);
        hits += usize::from(t.2 != 0);
        phrases += usize::from(phrase_at[i] > 0 && i + phrase_at[i] <= n);
    }
    let (mut best, mut best_score) = (0, (phrases, distinct, hits));
    for end in n..tokens.len() {
        let out = end - n;
        add(tokens[out].2, &mut per_word, &mut distinct, false);
        hits -= usize::from(tokens[out].2 != 0);
        phrases -= usize::from(phrase_at[out] > 0 && out + phrase_at[out] <= end);
        add(tokens[end].2, &mut per_word, &mut distinct, true);
        hits += usize::from(tokens[end].2 != 0);
        // phrases that end with the new token now lie wholly inside (a phrase
        // is at most `n` long, so it starts inside too)
        phrases += ends_at[end + 1];
        let sc = (phrases, distinct, hits);
        if sc > best_score {
            (best, best_score) = (out + 1, sc);
        }
    }
    let total = best_score.2;
    // Start two tokens before the window's first match: the window keeps
    // all its matches and may take more, and the match has some lead-in.
    if let Some(first) = tokens[best..best + n].iter().position(|t| t.2 != 0) {
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
        if hit != 0 {
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
    (out, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &Query) -> Vec<(&str, bool)> {
        q.words.iter().map(|w| (w.text.as_str(), w.prefix)).collect()
    }

    #[test]
    fn queries_lose_operators_columns_and_distances_and_keep_prefixes_and_phrases() {
        let q = parse_query("title:\"Velmora\" AND (\"Duulatov\"* OR \"Дуулатов\"*) NOT fined NEAR(Ağırel court, 3)");
        assert_eq!(
            words(&q),
            vec![
                ("velmora", false),
                ("duulatov", true),
                ("дуулатов", true),
                ("fined", false),
                ("agirel", false),
                ("court", false)
            ]
        );
        assert!(q.phrases.is_empty());
        let q = parse_query("\"pre-trial detention\" Lind");
        assert_eq!(
            words(&q),
            vec![("pre", false), ("trial", false), ("detention", false), ("lind", false)]
        );
        assert_eq!(q.phrases, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn the_densest_window_is_shown_with_its_matches_marked() {
        let text = "The court in Velmora met on Monday. Nothing else happened that week at all, \
                    said the clerk. Later the reporter Ana Duulatova was detained again, and detained \
                    once more on Friday.";
        let s = long_snippet(None, text, &parse_query("detained OR \"Duulatov\"*"));
        assert_eq!(
            s,
            "…reporter Ana [Duulatova] was [detained] again, and [detained] once more on Friday"
        );
        // no match: the opening
        assert_eq!(
            long_snippet(None, text, &parse_query("acquitted")),
            "The court in Velmora met on Monday. Nothing else happened that week…"
        );
        // only the title matches: the title
        assert_eq!(
            long_snippet(Some("Quokka affair reaches the court"), text, &parse_query("quokka")),
            "[Quokka] affair reaches the court"
        );
    }

    #[test]
    fn words_match_as_the_index_compares_them_not_as_names_fold() {
        let text = "The head of the press office of the court spoke of the case. Then the lights went off.";
        assert_eq!(
            long_snippet(None, text, &parse_query("off")),
            "…of the court spoke of the case. Then the lights went [off]"
        );
        assert!(long_snippet(None, "Reporter Ayşe Ağırel was fined.", &parse_query("agirel")).contains("[Ağırel]"));
    }

    #[test]
    fn a_whole_phrase_wins_over_scattered_words() {
        let text = "Her trial date and the detention centre budget, trial costs and detention staff were \
                    debated for hours. Much later the court sent reporter Vera Lind into pre-trial detention.";
        assert_eq!(
            long_snippet(None, text, &parse_query("\"pre-trial detention\"")),
            "…Much later the court sent reporter Vera Lind into [pre]-[trial] [detention]"
        );
    }

    #[test]
    fn an_article_that_repeats_the_word_is_snipped_at_its_first_dense_window() {
        // 2 MB, 50,000 matches (FTS5's snippet would score 2.5 billion pairs); the head is read
        let text = "Reporter Ivo Marek was detained in Velmora. ".repeat(50_000);
        let s = long_snippet(None, &text, &parse_query("detained"));
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
