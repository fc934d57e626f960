//! Charges: offence phrases from the lexicon and the legal article next to them
//! ("Article 278 of the Criminal Code, calls for mass unrest").

use crate::lexicon::Lexicon;
use crate::segment::{Token, TokenKind};

/// A charge phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCharge {
    /// The offence as worded in the text.
    pub label: String,
    /// The legal article ("Article 278"), when stated in the same sentence.
    pub article: Option<String>,
    /// Token range of the phrase.
    pub span: (usize, usize),
}

/// Finds charge phrases (longest first, no overlaps) and legal articles in one sentence.
pub fn find_in(tokens: &[Token], lex: &Lexicon) -> Vec<FoundCharge> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut taken = vec![false; words.len()];
    let mut found = Vec::new();
    for i in 0..words.len() {
        if taken[i] {
            continue;
        }
        for (phrase, _) in lex.charges_starting(words[i]) {
            let n = phrase.len();
            if i + n > words.len() || taken[i..i + n].iter().any(|t| *t) {
                continue;
            }
            if (0..n).all(|j| words[i + j] == phrase[j]) {
                for t in taken.iter_mut().skip(i).take(n) {
                    *t = true;
                }
                let label = tokens[i..i + n]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                found.push(FoundCharge {
                    label,
                    article: None,
                    span: (i, i + n),
                });
                break;
            }
        }
    }
    found.sort_by_key(|c| c.span.0);
    let articles: Vec<(usize, String)> = (0..words.len().saturating_sub(1))
        .filter(|&k| matches!(words[k], "article" | "section" | "articles") && tokens[k + 1].kind == TokenKind::Number)
        .map(|k| (k, format!("{} {}", capitalise(&tokens[k].text), tokens[k + 1].text)))
        .collect();
    for c in &mut found {
        c.article = articles
            .iter()
            .min_by_key(|(k, _)| k.abs_diff(c.span.0))
            .map(|(_, a)| a.clone());
    }
    found
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
