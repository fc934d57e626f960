//! Segmentation: paragraphs, sentences and word tokens, each with byte spans into the body.

use compact_str::CompactString;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner hyphens and apostrophes: `pre-trial`, `outlet's`).
    Word,
    /// Digits, possibly with inner `.`, `,`, `-`, `:` (`206.3.2`, `40,000`, `361-4`).
    Number,
    /// Any other single character.
    Punct,
}

/// One token: byte span into the body, its text, and a lower-cased copy.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The text as written (inline for short tokens: no allocation).
    pub text: CompactString,
    /// Lower-cased text, with typographic apostrophes folded to `'`.
    pub lower: CompactString,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

impl Token {
    /// Whether the first character is upper-case.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// Whether this is a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// One sentence: byte span, paragraph index, tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte offset of the first non-space byte.
    pub start: usize,
    /// Byte offset one past the last non-space byte.
    pub end: usize,
    /// Index of the paragraph (0-based; paragraphs are separated by line breaks).
    pub paragraph: usize,
    /// Tokens, in order.
    pub tokens: Vec<Token>,
}

/// The most tokens one sentence may have when it is analysed. A longer
/// sentence (a run of text without sentence punctuation, a list of thousands
/// of names, a page flattened into one line) is cut into chunks of at most
/// this many tokens, each cut placed after the last `;`, `,`, `:` or dash of
/// the second half of the chunk when there is one. The rules of the later
/// stages look at a whole sentence for each trigger word, so this bound keeps
/// their cost per sentence constant and the cost of an article linear in its
/// length (a run of 120 tokens holding a trigger every few words costs about
/// 10 ms). News sentences are shorter: the longest of the development and
/// real sets has 94 tokens.
pub const MAX_SENTENCE_TOKENS: usize = 120;

/// Abbreviations after which a full stop does not end a sentence (lower-case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen", "rep", "jr",
    "sr", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "art", "para", "approx", "u.s", "u.k", "e.g", "i.e", "ul", "pr", "str",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

/// Splits `text[start..end]` into tokens. Offsets are absolute byte offsets into `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let slice = &text[start..end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (bi, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let kind;
        let mut j = i + 1;
        if c.is_alphabetic() {
            kind = TokenKind::Word;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() || cj == '\u{301}' {
                    j += 1;
                } else if (cj == '-' || is_apostrophe(cj) || cj == '.')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                {
                    // inner hyphen/apostrophe; a dot only inside short all-letter abbreviations like "a.m"
                    if cj == '.' && !(j - i == 1 && chars[j + 1].1.is_lowercase()) {
                        break;
                    }
                    j += 2;
                } else {
                    break;
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '.' | ',' | '-' | ':' | '/')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
        }
        let be = if j < chars.len() { chars[j].0 } else { slice.len() };
        let t = &slice[bi..be];
        let lower: CompactString = if t.is_ascii() {
            let mut l = CompactString::from(t);
            l.make_ascii_lowercase();
            l
        } else {
            t.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .collect()
        };
        out.push(Token {
            start: start + bi,
            end: start + be,
            text: CompactString::from(t),
            lower,
            kind,
        });
        i = j;
    }
    out
}

/// Splits a body into sentences. Paragraphs are separated by line breaks; a
/// sentence ends at `.`, `!`, `?` or `…` (with closing quotes and brackets)
/// followed by a space and a capital, digit or opening quote, except after a
/// known abbreviation or a single capital initial.
pub fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0usize;
    let mut line_start = 0usize;
    for line in body.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end();
        if !content.trim().is_empty() {
            split_line(body, line_start, line_start + content.len(), paragraph, &mut out);
            paragraph += 1;
        }
        line_start = line_end;
    }
    out
}

fn split_line(body: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let toks = tokenize(body, start, end);
    let len = toks.len();
    // first pass: the token indices where a new sentence starts
    let mut cuts: Vec<usize> = Vec::new();
    let mut sent_start = 0;
    let mut idx = 0;
    while idx < len {
        let is_end = toks[idx].kind == TokenKind::Punct && matches!(toks[idx].text.as_str(), "." | "!" | "?" | "…");
        let prev = (idx > sent_start).then(|| toks[idx - 1].lower.as_str());
        idx += 1;
        if !is_end {
            continue;
        }
        // absorb closing quotes and brackets
        while idx < len
            && toks[idx].kind == TokenKind::Punct
            && matches!(toks[idx].text.as_str(), "\"" | "”" | "»" | "'" | "’" | ")" | "]" | ".")
            && toks[idx].start == toks[idx - 1].end
        {
            idx += 1;
        }
        if idx >= len {
            break;
        }
        // "No.", "Art." and "Para." abbreviate only before a number ("No. 5"); "No." alone is a word
        let numbered = toks[idx].kind == TokenKind::Number;
        let abbrev = match prev {
            Some("no" | "art" | "para") => numbered,
            Some(w) => ABBREVIATIONS.contains(&w) || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic)),
            None => true,
        };
        let next = &toks[idx];
        let next_starts = next.is_capitalized()
            || next.kind == TokenKind::Number
            || matches!(next.text.as_str(), "\"" | "“" | "«" | "'" | "‘" | "(" | "—" | "-");
        let spaced = next.start > toks[idx - 1].end;
        if !abbrev && next_starts && spaced {
            cuts.push(idx);
            sent_start = idx;
        }
    }
    // second pass: move the tokens into their sentences
    let mut rest = toks;
    let mut pieces: Vec<Vec<Token>> = Vec::with_capacity(cuts.len() + 1);
    for &cut in cuts.iter().rev() {
        pieces.push(rest.split_off(cut));
    }
    pieces.push(rest);
    for piece in pieces.into_iter().rev() {
        for mut chunk in bounded_chunks(piece) {
            push_sentence(&mut chunk, paragraph, out);
        }
    }
}

/// Cuts one sentence's tokens into chunks of at most [`MAX_SENTENCE_TOKENS`]
/// (see there); a short sentence is returned as it is.
fn bounded_chunks(mut toks: Vec<Token>) -> Vec<Vec<Token>> {
    if toks.len() <= MAX_SENTENCE_TOKENS {
        return vec![toks];
    }
    let mut cuts = Vec::new();
    let mut start = 0;
    while toks.len() - start > MAX_SENTENCE_TOKENS {
        let limit = start + MAX_SENTENCE_TOKENS;
        let soft = (start + MAX_SENTENCE_TOKENS / 2..limit)
            .rev()
            .find(|&i| toks[i].kind == TokenKind::Punct && matches!(toks[i].text.as_str(), ";" | "," | ":" | "—" | "–"))
            .map(|i| i + 1);
        let cut = soft.unwrap_or(limit);
        cuts.push(cut);
        start = cut;
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    for &cut in cuts.iter().rev() {
        pieces.push(toks.split_off(cut));
    }
    pieces.push(toks);
    pieces.reverse();
    pieces
}

fn push_sentence(sent: &mut Vec<Token>, paragraph: usize, out: &mut Vec<Sentence>) {
    if let (Some(first), Some(last)) = (sent.first(), sent.last()) {
        out.push(Sentence {
            start: first.start,
            end: last.end,
            paragraph,
            tokens: std::mem::take(sent),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_with_spans() {
        let body = "Title line\n\nMr. Okafor was detained on Tuesday. He was held at the \
                    U.S. embassy? No. «I did this.» She left.\nNext para";
        let s = sentences(body);
        let texts: Vec<&str> = s.iter().map(|x| &body[x.start..x.end]).collect();
        assert_eq!(
            texts,
            vec![
                "Title line",
                "Mr. Okafor was detained on Tuesday.",
                "He was held at the U.S. embassy?",
                "No.",
                "«I did this.»",
                "She left.",
                "Next para"
            ]
        );
        assert_eq!(s[1].paragraph, 1);
        assert_eq!(s[6].paragraph, 2);
    }

    #[test]
    fn over_long_sentences_are_cut_into_bounded_chunks() {
        // 1,000 words without punctuation, then a list of names separated by commas
        let run = "word ".repeat(1000);
        let names: Vec<String> = (0..500).map(|i| format!("Name{i} Surname")).collect();
        let body = format!("{run}\n{}.", names.join(", "));
        let s = sentences(&body);
        assert!(s.iter().all(|x| x.tokens.len() <= MAX_SENTENCE_TOKENS));
        // the unpunctuated run: hard cuts of exactly the maximum
        assert_eq!(s[0].tokens.len(), MAX_SENTENCE_TOKENS);
        assert_eq!(
            s.iter().filter(|x| x.paragraph == 0).count(),
            1000usize.div_ceil(MAX_SENTENCE_TOKENS)
        );
        // the list: cut after a comma, so every chunk but the last ends with one
        let list: Vec<&Sentence> = s.iter().filter(|x| x.paragraph == 1).collect();
        assert!(list.len() > 1);
        for x in &list[..list.len() - 1] {
            assert_eq!(x.tokens.last().map(|t| t.text.as_str()), Some(","));
        }
        // spans stay exact and every token is kept once
        let total: usize = s.iter().map(|x| x.tokens.len()).sum();
        assert_eq!(total, tokenize(&body, 0, body.len()).len());
        for x in &s {
            assert_eq!(
                &body[x.start..x.start + x.tokens[0].text.len()],
                x.tokens[0].text.as_str()
            );
            assert!(body[x.start..x.end].ends_with(x.tokens.last().map(|t| t.text.as_str()).unwrap_or_default()));
        }
    }

    #[test]
    fn tokens_keep_inner_hyphens_and_numbers() {
        let text = "Article 206.3.2, pre-trial outlet’s 40,000 Ak-Buura.";
        let t = tokenize(text, 0, text.len());
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "Article",
                "206.3.2",
                ",",
                "pre-trial",
                "outlet’s",
                "40,000",
                "Ak-Buura",
                "."
            ]
        );
        assert_eq!(t[4].lower, "outlet's");
    }
}
