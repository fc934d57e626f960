//! Russian morphology: every word of a sentence with its readings (lemma, part
//! of speech, case, gender, number, name type, verb form and voice), from the
//! OpenCorpora dictionary of the `rumorph` crate.
//!
//! The dictionary's UD tags are decoded once into [`Feats`] (a table indexed by
//! tag number), and each distinct word of an article is analysed once
//! ([`Analyzer::sentence`] keeps a per-article cache), so morphology costs about
//! one dictionary look-up per distinct word.

use crate::segment::{Token, TokenKind};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Part of speech (the UD categories the rules need; the rest are `Other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Common noun.
    Noun,
    /// Proper noun.
    Propn,
    /// Adjective (full or short), including ordinal numerals and participles read as adjectives.
    Adj,
    /// Verb, participle, gerund, infinitive.
    Verb,
    /// Pronoun.
    Pron,
    /// Preposition.
    Adp,
    /// Numeral.
    Num,
    /// Anything else (adverbs, conjunctions, particles, punctuation).
    Other,
}

/// Grammatical case, as a bit in a [`Cases`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Case {
    /// Nominative.
    Nom = 1,
    /// Genitive (and partitive).
    Gen = 2,
    /// Dative.
    Dat = 4,
    /// Accusative.
    Acc = 8,
    /// Instrumental.
    Ins = 16,
    /// Prepositional (and locative).
    Loc = 32,
}

impl Case {
    /// All six cases, nominative first.
    pub const ALL: [Case; 6] = [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Ins, Case::Loc];

    /// The case from its name in a lexicon file (`nom`, `gen`, `dat`, `acc`, `ins`, `loc`).
    pub fn from_name(s: &str) -> Option<Case> {
        Some(match s {
            "nom" => Case::Nom,
            "gen" => Case::Gen,
            "dat" => Case::Dat,
            "acc" => Case::Acc,
            "ins" => Case::Ins,
            "loc" => Case::Loc,
            _ => return None,
        })
    }
}

/// A set of cases (bit mask of [`Case`] values).
pub type Cases = u8;

/// Grammatical gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Masculine.
    Masc,
    /// Feminine.
    Fem,
    /// Neuter.
    Neut,
    /// Not marked (plural forms, indeclinable words, common gender).
    None,
}

/// Which part of a person's name a proper noun is (UD `NameType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameType {
    /// Given name.
    Given,
    /// Surname.
    Surname,
    /// Patronymic.
    Patronymic,
    /// Place.
    Geo,
    /// Organisation or other proper noun.
    Other,
    /// Not a name.
    None,
}

/// The features of one UD tag that the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Feats {
    /// Part of speech.
    pub pos: Pos,
    /// Case (0 when unmarked).
    pub case: Cases,
    /// Gender.
    pub gender: Gender,
    /// Plural.
    pub plural: bool,
    /// Name type.
    pub name: NameType,
    /// A participle (full or short).
    pub participle: bool,
    /// A short form (short adjective or short participle: "задержан").
    pub short: bool,
    /// Passive voice.
    pub passive: bool,
    /// Finite verb or infinitive (not a participle or gerund).
    pub finite: bool,
    /// Infinitive.
    pub infinitive: bool,
    /// Future tense (of a finite verb).
    pub future: bool,
    /// Animate noun.
    pub animate: bool,
}

/// One reading of a word.
#[derive(Debug, Clone)]
pub struct Reading {
    /// Lemma (lower-case; a feminine surname keeps its feminine lemma: "иванова").
    pub lemma: Arc<str>,
    /// Features.
    pub feats: Feats,
    /// Probability of the reading among the word's readings (they sum to 1).
    pub prob: f32,
    /// Whether the word form is in the dictionary (not guessed from its ending).
    pub known: bool,
}

/// A token with its readings, most probable first; `lemma` is the first reading's lemma.
#[derive(Debug, Clone)]
pub struct Word {
    /// The token of the segmenter (byte span, text, lower-case text).
    pub tok: Token,
    /// The most probable lemma, or the lower-case text for numbers and punctuation.
    pub lemma: Arc<str>,
    /// Readings, most probable first (empty for numbers and punctuation).
    pub readings: Arc<[Reading]>,
}

impl Word {
    /// Whether some reading has one of `cases`.
    pub fn can_be(&self, cases: Cases) -> bool {
        self.readings.iter().any(|r| r.feats.case & cases != 0)
    }
    /// Whether some reading has this lemma.
    pub fn has_lemma(&self, lemma: &str) -> bool {
        self.readings.iter().any(|r| &*r.lemma == lemma)
    }
    /// Whether some reading is a personal-name part (given name, surname, patronymic) with
    /// at least `min` probability in total.
    pub fn name_share(&self) -> f32 {
        self.readings
            .iter()
            .filter(|r| matches!(r.feats.name, NameType::Given | NameType::Surname | NameType::Patronymic))
            .map(|r| r.prob)
            .sum()
    }
    /// The most probable reading's features, if any.
    pub fn top(&self) -> Option<&Feats> {
        self.readings.first().map(|r| &r.feats)
    }
    /// Whether the word is Cyrillic and starts with a capital.
    pub fn is_cyrillic_capital(&self) -> bool {
        self.tok
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && ('\u{0400}'..='\u{04FF}').contains(&c))
    }
}

/// The analyser: the dictionary plus its decoded tag table. Cheap to clone (shared).
#[derive(Clone)]
pub struct Analyzer {
    dict: rumorph::Dictionary,
    feats: Arc<[Feats]>,
    /// Words analysed so far, shared by clones and threads (cleared when it
    /// reaches [`SHARED_CACHE_MAX`] entries, so memory stays bounded).
    shared: Arc<std::sync::Mutex<Cache>>,
    /// The empty reading list of numbers and punctuation, shared.
    empty: Arc<[Reading]>,
}

/// Entries of the shared word cache before it is cleared (a newsroom's
/// vocabulary is far smaller; about 100 bytes an entry).
pub const SHARED_CACHE_MAX: usize = 300_000;

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("tags", &self.feats.len()).finish()
    }
}

/// Per-article cache of analysed words (lower-case form → readings).
pub type Cache = HashMap<String, Arc<[Reading]>>;

/// Per-article cache of the lemmas of numbers and punctuation (their text).
pub type LemmaCache = HashMap<String, Arc<str>>;

impl Analyzer {
    /// Loads the bundled OpenCorpora dictionary (about 20 ms; memory shared by clones).
    pub fn bundled() -> Result<Self, rumorph::Error> {
        let dict = rumorph::Dictionary::bundled()?;
        let feats: Arc<[Feats]> = dict.ud_tags().map(decode).collect();
        Ok(Self {
            dict,
            feats,
            shared: Arc::default(),
            empty: Arc::from(Vec::new()),
        })
    }

    /// The readings of one word (any case), most probable first.
    pub fn readings(&self, word: &str) -> Vec<Reading> {
        let mut out: Vec<Reading> = Vec::new();
        for a in self.dict.analyze(word) {
            let Some(feats) = self.feats.get(usize::from(a.ud)).copied() else {
                continue;
            };
            out.push(Reading {
                lemma: Arc::from(a.lemma.as_str()),
                feats,
                prob: a.prob as f32,
                known: a.source == rumorph::Source::Dictionary,
            });
        }
        out.sort_by(|a, b| b.prob.total_cmp(&a.prob));
        out
    }

    /// The readings of a word through the shared cache.
    fn cached(&self, key: &str) -> Arc<[Reading]> {
        if let Some(r) = self.shared.lock().ok().and_then(|c| c.get(key).cloned()) {
            return r;
        }
        let r: Arc<[Reading]> = self.readings(key).into();
        if let Ok(mut c) = self.shared.lock() {
            if c.len() >= SHARED_CACHE_MAX {
                c.clear();
            }
            c.insert(key.to_string(), r.clone());
        }
        r
    }

    /// Analyses the tokens of one sentence (taken by value: no copies).
    /// Capitalised words are analysed as written (the dictionary gives proper
    /// nouns more weight then); others in lower case. Numbers and punctuation
    /// get no readings; their lemma is their lower-case text.
    pub fn sentence(&self, tokens: Vec<Token>, cache: &mut Cache, lemmas: &mut LemmaCache) -> Vec<Word> {
        tokens
            .into_iter()
            .map(|t| {
                if t.kind != TokenKind::Word || !t.text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                    let lemma = match lemmas.get(t.lower.as_str()) {
                        Some(l) => l.clone(),
                        None => {
                            let l: Arc<str> = Arc::from(t.lower.as_str());
                            lemmas.insert(t.lower.to_string(), l.clone());
                            l
                        }
                    };
                    return Word {
                        tok: t,
                        lemma,
                        readings: self.empty.clone(),
                    };
                }
                let key: &str = if t.is_capitalized() { &t.text } else { &t.lower };
                let readings = match cache.get(key) {
                    Some(r) => r.clone(),
                    None => {
                        let r = self.cached(key);
                        cache.insert(key.to_string(), r.clone());
                        r
                    }
                };
                let lemma = readings
                    .first()
                    .map_or_else(|| Arc::from(t.lower.as_str()), |r| r.lemma.clone());
                Word {
                    tok: t,
                    lemma,
                    readings,
                }
            })
            .collect()
    }
}

/// Decodes one UD tag of the dictionary.
fn decode(tag: rumorph::UdTag<'_>) -> Feats {
    let pos = match tag.pos() {
        "NOUN" => Pos::Noun,
        "PROPN" => Pos::Propn,
        "ADJ" | "DET" => Pos::Adj,
        "VERB" | "AUX" => Pos::Verb,
        "PRON" => Pos::Pron,
        "ADP" => Pos::Adp,
        "NUM" => Pos::Num,
        _ => Pos::Other,
    };
    let mut f = Feats {
        pos,
        case: 0,
        gender: Gender::None,
        plural: false,
        name: NameType::None,
        participle: false,
        short: false,
        passive: false,
        finite: false,
        infinitive: false,
        future: false,
        animate: false,
    };
    for (k, v) in tag.feats() {
        match (k, v) {
            ("Case", "Nom") | ("Case", "Voc") => f.case |= Case::Nom as u8,
            ("Case", "Gen") | ("Case", "Par") => f.case |= Case::Gen as u8,
            ("Case", "Dat") => f.case |= Case::Dat as u8,
            ("Case", "Acc") => f.case |= Case::Acc as u8,
            ("Case", "Ins") => f.case |= Case::Ins as u8,
            ("Case", "Loc") => f.case |= Case::Loc as u8,
            ("Gender", "Masc") => f.gender = Gender::Masc,
            ("Gender", "Fem") => f.gender = Gender::Fem,
            ("Gender", "Neut") => f.gender = Gender::Neut,
            ("Number", "Plur") => f.plural = true,
            ("NameType", "Giv") => f.name = NameType::Given,
            ("NameType", "Sur") => f.name = NameType::Surname,
            ("NameType", "Pat") => f.name = NameType::Patronymic,
            ("NameType", "Geo") => f.name = NameType::Geo,
            ("NameType", _) => f.name = NameType::Other,
            ("VerbForm", "Part") => f.participle = true,
            ("VerbForm", "Fin") => f.finite = true,
            ("VerbForm", "Inf") => {
                f.finite = true;
                f.infinitive = true;
            }
            ("Variant", "Short") => f.short = true,
            ("Voice", "Pass") => f.passive = true,
            ("Tense", "Fut") => f.future = true,
            ("Animacy", "Anim") => f.animate = true,
            _ => {}
        }
    }
    f
}
