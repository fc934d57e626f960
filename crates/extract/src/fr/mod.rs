//! The French language pack: French news text → the extraction record of
//! `spec/extract-output.md`, through the stages the other packs share.
//!
//! [`crate::segment`] (sentences and byte-span tokens; sentences cut after
//! "M." or "Mme." joined again by [`crate::ru::join_after`]) → elided articles
//! split off ("l'arrestation" → "l'" "arrestation", "d'Ahmed" → "d'" "Ahmed")
//! → [`crate::entities`] (the shared name recogniser with the French lexicon
//! `data/fr.toml`: titles "M."/"Mme"/"Me", particles de/du/la/le/ben/ould,
//! occupations for "le journaliste X" and "X, journaliste à Y") → [`events`]
//! (triggers of `data/fr.toml` in the shared pattern language, subjects by
//! voice, [`status`] cues, [`dates`]) → [`crate::build_record`], the record
//! builder of the English pack. The limits are those of English:
//! [`crate::MAX_ANALYSED_BYTES`], [`crate::MAX_WORK`] and
//! [`crate::MAX_DISTINCT_CAPITALISED`].

pub mod dates;
pub mod events;
pub mod status;

use crate::lexicon::Lexicon;
use crate::segment::{self, Sentence, Token};
use crate::{Extraction, LexiconError};
use casewatch_model::ArticleMeta;
use compact_str::CompactString;

/// The built-in French lexicon (`data/fr.toml`, the format of `data/en.toml`).
pub const FRENCH: &str = include_str!("../../data/fr.toml");

/// French abbreviations after which a full stop does not end a sentence
/// ("M. Dupont", "Mme. Durand", "art. 24").
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "me", "dr", "pr", "art", "al", "st", "ste", "av", "env", "cf", "p", "no", "vol",
];

/// Elided words that are split off the word they are written onto, lower-case
/// with the apostrophe normalised to `'` (as [`segment::Token::lower`] has it).
const ELIDED: &[&str] = &[
    "l'", "d'", "n'", "qu'", "j'", "s'", "c'", "m'", "t'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'",
];

/// The French pack: the lexicon of `data/fr.toml` plus user lexicons.
#[derive(Debug, Clone)]
pub struct Pack {
    lexicon: Lexicon,
}

impl Pack {
    /// Loads the built-in lexicon `data/fr.toml`.
    pub fn new() -> Result<Self, LexiconError> {
        let mut pack = Self {
            lexicon: Lexicon::default(),
        };
        pack.add_toml(FRENCH, "built-in fr.toml")?;
        Ok(pack)
    }

    /// Adds French lexicon TOML (the format of `data/en.toml`). Phrases of
    /// occupations, charges and agents are split at elisions the way the text is.
    pub fn add_toml(&mut self, text: &str, origin: &str) -> Result<(), LexiconError> {
        self.lexicon.add_toml(text, origin)?;
        let split = |words: &mut Vec<String>| {
            let mut out = Vec::with_capacity(words.len());
            for (i, w) in words.iter().enumerate() {
                match elision(w).filter(|_| i > 0) {
                    Some(n) => {
                        out.push(w[..n].to_string());
                        out.push(w[n..].to_string());
                    }
                    None => out.push(w.clone()),
                }
            }
            *words = out;
        };
        for (w, _, _) in &mut self.lexicon.occupations {
            split(w);
        }
        for (w, _) in &mut self.lexicon.charges {
            split(w);
        }
        for (w, _) in &mut self.lexicon.generic_agents {
            split(w);
        }
        Ok(())
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts one French article (see the module doc). Never fails; odd
    /// text gives a smaller record, and text past the limits is reported in
    /// [`Extraction::limits`].
    pub fn extract(&self, meta: ArticleMeta, body: &str) -> Extraction {
        let (analysed, limit) = crate::analysed_with_limit(body);
        let mut limits: Vec<String> = limit.into_iter().collect();
        let mut sentences: Vec<Sentence> = crate::ru::join_after(segment::sentences(analysed), ABBREVIATIONS)
            .into_iter()
            .map(split_elisions)
            .collect();
        if let Some((cut, why)) = crate::over_budget(&sentences, &self.lexicon) {
            limits.push(format!(
                "too complex: {why}; the text from byte {} on is not analysed",
                sentences[cut].start
            ));
            sentences.truncate(cut);
        }
        let body_from = crate::ru::title_sentences(&sentences, body, meta.title.as_deref());
        let skip: Vec<bool> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| i < body_from || crate::ru::not_prose(&sentences, i, s))
            .collect();
        let mut ents = crate::entities::recognise(&sentences, &self.lexicon, &skip);
        // a particle ends no name ("Hugo Lambert le 6 mars": "le" is the article of the date)
        for p in &mut ents.people {
            while p.tokens.len() > 2
                && p.tokens
                    .last()
                    .is_some_and(|t| self.lexicon.particles.contains(t.as_str()))
            {
                p.tokens.pop();
            }
            let name = p.name();
            for v in &mut p.variants {
                while let Some((head, last)) = v.rsplit_once(' ') {
                    if !self.lexicon.particles.contains(last) {
                        break;
                    }
                    *v = head.to_string();
                }
            }
            // a form of address is no occupation ("Mme")
            if p.occupation
                .as_deref()
                .is_some_and(|o| ABBREVIATIONS.contains(&o) || o == "maître")
            {
                p.occupation = None;
                p.occupation_kind = None;
            }
            if !p.variants.contains(&name) {
                p.variants.insert(0, name);
            }
            p.variants.dedup();
        }
        let found = events::find(&sentences, &ents, &self.lexicon, meta.published, &skip);
        let participants = crate::events::participants(&sentences, &ents, &found);
        let (record, explanations) = crate::build_record(meta, body, &sentences, &ents, &found, &self.lexicon);
        let mut lines: Vec<usize> = sentences
            .iter()
            .zip(&skip)
            .filter(|(_, s)| **s)
            .map(|(s, _)| s.paragraph)
            .collect();
        lines.dedup();
        Extraction {
            record,
            explanations,
            limits,
            participants,
            skipped_lines: lines.len(),
        }
    }
}

/// The byte length of the elided word `w` (lower-case) starts with, when a
/// word follows it ("l'arrestation" → 2); `None` otherwise.
fn elision(w: &str) -> Option<usize> {
    ELIDED
        .iter()
        .find(|e| w.len() > e.len() && w.starts_with(**e))
        .map(|e| e.len())
}

/// Splits elided articles and pronouns off their word, keeping exact byte spans:
/// "l'arrestation" → "l'" + "arrestation", "d’Ahmed" → "d’" + "Ahmed"; a name
/// written with "N'" ("N'Djamena") stays whole.
fn split_elisions(mut s: Sentence) -> Sentence {
    if !s.tokens.iter().any(|t| elision(&t.lower).is_some()) {
        return s;
    }
    let mut out: Vec<Token> = Vec::with_capacity(s.tokens.len() + 8);
    for t in s.tokens {
        let Some(n_lower) = elision(&t.lower) else {
            out.push(t);
            continue;
        };
        // "N'Djamena", "N'Diaye": a capital after "n'" is a name, not a negation
        if n_lower == 2
            && t.lower.starts_with("n'")
            && t.text
                .chars()
                .skip_while(|c| !matches!(c, '\'' | '’' | 'ʼ'))
                .nth(1)
                .is_some_and(char::is_uppercase)
        {
            out.push(t);
            continue;
        }
        // the same cut in the text: after its first apostrophe (which may be ’, 3 bytes)
        let Some((i, c)) = t.text.char_indices().find(|(_, c)| matches!(c, '\'' | '’' | 'ʼ')) else {
            out.push(t);
            continue;
        };
        let cut = i + c.len_utf8();
        if cut >= t.text.len() {
            out.push(t);
            continue;
        }
        out.push(Token {
            start: t.start,
            end: t.start + cut,
            text: CompactString::from(&t.text[..cut]),
            lower: CompactString::from(&t.lower[..n_lower]),
            kind: t.kind,
        });
        out.push(Token {
            start: t.start + cut,
            end: t.end,
            text: CompactString::from(&t.text[cut..]),
            lower: CompactString::from(&t.lower[n_lower..]),
            kind: t.kind,
        });
    }
    s.tokens = out;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_are_split_with_exact_spans() {
        let text = "Après l’arrestation d'Ahmed, aujourd'hui.";
        let kept = split_elisions(segment::sentences("Il n'a pas quitté N’Djamena.").remove(0));
        let kept: Vec<&str> = kept.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(kept, ["Il", "n'", "a", "pas", "quitté", "N’Djamena", "."]);
        let s = segment::sentences(text).remove(0);
        let s = split_elisions(s);
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            ["après", "l'", "arrestation", "d'", "ahmed", ",", "aujourd'hui", "."]
        );
        for t in &s.tokens {
            assert_eq!(&text[t.start..t.end], t.text.as_str());
        }
        assert_eq!(s.tokens[3].text, "d'");
        assert_eq!(s.tokens[4].text, "Ahmed");
    }

    #[test]
    fn lexicon_phrases_are_split_at_elisions() {
        let pack = Pack::new().unwrap();
        assert!(
            pack.lexicon()
                .charges
                .iter()
                .any(|(w, _)| w == &["blanchiment", "d'", "argent"])
        );
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    fn meta() -> ArticleMeta {
        ArticleMeta {
            id: "r".into(),
            source: "r".into(),
            published: chrono::NaiveDate::from_ymd_opt(2024, 3, 15),
            title: None,
            language: "fr".into(),
            sha256: String::new(),
            url: None,
        }
    }

    /// Random texts built from pieces that exercise every stage (elisions,
    /// names, particles, triggers, dates, negation, punctuation at odd places)
    /// never panic and keep evidence spans exact.
    #[test]
    fn odd_text_never_panics() {
        const PIECES: &[&str] = &[
            "Jean",
            "Dupont",
            "de",
            "la",
            "le",
            "Ben",
            "M.",
            "Mme",
            "l'",
            "l’arrestation",
            "d'",
            "d’Ahmed",
            "n'a",
            "pas",
            "été",
            "arrêté",
            "arrêtée",
            "placé",
            "en",
            "garde",
            "à",
            "vue",
            "détention",
            "provisoire",
            "condamné",
            "ans",
            "de",
            "prison",
            "le",
            "14",
            "1er",
            "mars",
            "2024",
            "lundi",
            "dernier",
            "jusqu'au",
            "mi-mars",
            "fin",
            "hier",
            "appelle",
            "exige",
            "libération",
            "«",
            "»",
            ",",
            ".",
            ";",
            ":",
            "—",
            "(",
            ")",
            "\n",
            "\n\n",
            "journaliste",
            "Tribunal",
            "procès",
            "appel",
            "cette",
            "depuis",
            "’",
            "'",
            "x",
            "?",
        ];
        let pack = Pack::new().expect("pack");
        for body in crate::test_support::random_texts(PIECES, 0x2545_F491_4F6C_DD1D, 400) {
            let rec = pack.extract(meta(), &body).record;
            for e in &rec.events {
                assert_eq!(&body[e.evidence.start..e.evidence.end], e.evidence.sentence);
            }
        }
    }

    #[test]
    fn a_long_run_repeating_a_trigger_is_too_complex_past_the_budget() {
        let pack = Pack::new().expect("pack");
        let run = "journaliste arrêté puis libéré à Sud ".repeat(3_000);
        let body = format!("La police a arrêté le journaliste Paul Marchand lundi.\n{run}\n");
        let out = pack.extract(meta(), &body);
        assert!(
            out.limits
                .iter()
                .any(|l| l.starts_with("too complex: more than 8000000 rule steps")),
            "{:?}",
            out.limits
        );
        assert_eq!(
            out.record.events.first().map(|e| e.event_type),
            Some(casewatch_model::EventType::Detention)
        );
    }
}
