//! Document structure: which lines of a report are running text and which are
//! headlines, section headers, datelines, bylines, photo captions and credits.
//!
//! Real pages carry these lines around the story ("Case Background",
//! "15 April 2025, 19:06", "Photo: A. Name / Agency", a title-case headline).
//! None of them is a sentence about the case: no event is read from them, no
//! new person is named from them (a name already known from the text is still
//! recognised there), and their dates set no context for the sentences around
//! them. The rules are typographic, not lexical, so they hold for any outlet:
//!
//! - a line that does not end like a sentence (`.`, `!`, `?`, `…`, `:` or `;`,
//!   possibly followed by closing quotes or brackets) and has at most
//!   [`MAX_HEADING_WORDS`] words is a heading (headline, section header,
//!   dateline, byline, navigation), except the article's last line when it is
//!   long enough to be a sentence cut off by an excerpt;
//! - a line that does not end like a sentence and whose words are mostly
//!   capitalised (title case) is a headline, however long;
//! - a text of a single line is running text.
//! - a line with a photo credit marker ("Photo:", "Photo by", "Photograph:",
//!   "Credit:", "Getty Images", "/ AFP") is a caption: it is read for events
//!   (the photo shows an act) but its dates are no context for other lines and
//!   it names no new person (the photographer is no participant).

use crate::segment::{Sentence, TokenKind};

/// The longest line (in words) that can be a heading rather than a sentence cut short.
pub const MAX_HEADING_WORDS: usize = 30;

/// What a line of the report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Running text: sentences about the story.
    Body,
    /// Headline, section header, dateline, byline or navigation line.
    Heading,
    /// Photo caption or credit.
    Caption,
}

/// Classifies every sentence by the line (paragraph) it stands in. Returns one
/// [`LineKind`] per sentence. Linear in the number of tokens.
pub fn classify(body: &str, sentences: &[Sentence]) -> Vec<LineKind> {
    let mut out = vec![LineKind::Body; sentences.len()];
    let last_paragraph = sentences.last().map(|s| s.paragraph);
    // a text of one line is all running text (a sentence given on its own)
    if last_paragraph.is_none_or(|p| p == sentences[0].paragraph) {
        return out;
    }
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let mut j = i;
        while j < sentences.len() && sentences[j].paragraph == para {
            j += 1;
        }
        let kind = line_kind(body, &sentences[i..j], Some(para) == last_paragraph);
        for k in &mut out[i..j] {
            *k = kind;
        }
        i = j;
    }
    out
}

/// The day of the first dateline among the article's first lines read as
/// headings ("Friday, July 12, 2024"): a heading sentence that is one full date
/// (day, month and year) with at most a weekday, a time and two other words.
/// Used as the anchor of relative dates when the input gives no publication
/// date. `None` when no such line comes before the body starts.
pub fn dateline_day(sentences: &[Sentence], kinds: &[LineKind]) -> Option<chrono::NaiveDate> {
    for (s, k) in sentences.iter().zip(kinds).take(12) {
        if *k == LineKind::Body {
            break;
        }
        let mentions = crate::dates::find(&s.tokens, None);
        let days: Vec<chrono::NaiveDate> = mentions
            .iter()
            .filter_map(|m| match m.when {
                crate::dates::When::Absolute(Some(d)) => d.to_naive(),
                _ => None,
            })
            .collect();
        let [day] = days.as_slice() else { continue };
        let d = casewatch_model::PartialDate::from_naive(*day);
        let others = s
            .tokens
            .iter()
            .enumerate()
            .filter(|(i, t)| t.kind == TokenKind::Word && !mentions.iter().any(|m| m.first <= *i && *i < m.last))
            .count();
        if others <= 3
            && let Some(day) = d.to_naive()
        {
            return Some(day);
        }
    }
    None
}

fn line_kind(body: &str, line: &[Sentence], last: bool) -> LineKind {
    let (Some(first), Some(end)) = (line.first(), line.last()) else {
        return LineKind::Body;
    };
    let text = &body[first.start..end.end];
    let lower = text.to_lowercase();
    const CREDITS: &[&str] = &[
        "photo:",
        "photo by",
        "photos:",
        "photograph:",
        "photograph by",
        "photo credit",
        "credit:",
        "getty images",
        "/ afp",
        "/afp",
        "afp photo",
        "file photo",
        "screenshot:",
        "screengrab",
    ];
    if CREDITS.iter().any(|c| lower.contains(c)) {
        return LineKind::Caption;
    }
    let words: Vec<&crate::segment::Token> = line
        .iter()
        .flat_map(|s| s.tokens.iter())
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let trimmed =
        text.trim_end_matches(|c: char| matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']') || c.is_whitespace());
    // a short label line ("Beats covered:", "Local or foreign:") introduces a field, it says nothing
    if trimmed.ends_with(':') && words.len() <= 4 && line.len() == 1 {
        return LineKind::Heading;
    }
    if trimmed.ends_with(['.', '!', '?', '…', ':', ';']) {
        return LineKind::Body;
    }
    // title case: most content words (four letters or more) capitalised, however long
    let content: Vec<_> = words.iter().filter(|t| t.text.chars().count() >= 4).collect();
    let caps = content.iter().filter(|t| t.is_capitalized()).count();
    let title_case = content.len() >= 3 && caps * 10 >= content.len() * 7;
    // the last line cut after a function word ("… another court arrested him on") is an excerpt cut
    // mid-sentence: no headline ends so
    let cut = last
        && words.len() >= 5
        && words.last().is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "on" | "of" | "the" | "a" | "an" | "and" | "to" | "in" | "with" | "for" | "by" | "at" | "from" | "that"
            )
        })
        && trimmed.ends_with(|c: char| c.is_alphabetic());
    if title_case || (words.len() <= MAX_HEADING_WORDS && !(last && words.len() >= 12) && !cut) {
        return LineKind::Heading;
    }
    LineKind::Body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;

    fn kinds(body: &str) -> Vec<(String, LineKind)> {
        let s = sentences(body);
        let k = classify(body, &s);
        s.iter()
            .zip(k)
            .map(|(s, k)| (body[s.start..s.end].to_string(), k))
            .collect()
    }

    #[test]
    fn headings_captions_and_body() {
        let body = "Court Jails Reporter Dana Okafor Over Posts\n\
                    12 March 2025, 10:15\n\
                    Case background\n\
                    Police detained Dana Okafor on Tuesday. She denies the charges.\n\
                    Dana Okafor at the court. Photo: Lena Brandt / Northwind\n\
                    The court will rule next week, her lawyer said, adding that the hearing was closed and";
        let k = kinds(body);
        assert_eq!(k[0].1, LineKind::Heading, "title case");
        assert_eq!(k[1].1, LineKind::Heading, "dateline");
        assert_eq!(k[2].1, LineKind::Heading, "section header");
        assert_eq!(k[3].1, LineKind::Body);
        assert_eq!(k[4].1, LineKind::Body);
        assert_eq!(k[5].1, LineKind::Caption);
        assert_eq!(k[6].1, LineKind::Caption);
        assert_eq!(
            k.last().map(|x| x.1),
            Some(LineKind::Body),
            "an excerpt cut mid-sentence"
        );
    }

    #[test]
    fn a_last_line_cut_after_a_function_word_is_body() {
        let k = kinds(
            "Court Jails Reporter\nPolice detained Dana Okafor on Tuesday.\nOn May 2, a second court arrested Okafor on",
        );
        assert_eq!(k[0].1, LineKind::Heading);
        assert_eq!(k.last().map(|x| x.1), Some(LineKind::Body));
        // (a short last line that ends on a word of its own is still a heading)
        let k = kinds("Police detained Dana Okafor on Tuesday.\nMore on this story");
        assert_eq!(k.last().map(|x| x.1), Some(LineKind::Heading));
    }

    #[test]
    fn a_sentence_ending_in_a_quote_is_body() {
        let k = kinds("Headline without a stop\n\"He was arrested,\" she said.\n“It is unfair.”");
        assert_eq!(k[0].1, LineKind::Heading);
        assert_eq!(k[1].1, LineKind::Body);
        assert_eq!(k[2].1, LineKind::Body);
    }
}
