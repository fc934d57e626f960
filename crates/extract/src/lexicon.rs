//! Lexicons: the data files (agencies, organisation heads, occupations, charge
//! phrases, event triggers) and the token-pattern language triggers are written in.

use casewatch_model::{EventType, OrgKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::path::Path;

/// The built-in English lexicon, compiled into the binary.
pub const ENGLISH: &str = include_str!("../data/en.toml");

/// Why a lexicon file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The IO error.
        source: std::io::Error,
    },
    /// The file is not valid lexicon TOML.
    #[error("invalid lexicon {path}: {message}")]
    Parse {
        /// The file (or `built-in`).
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Where the subject of an event stands relative to its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// Done to someone: active → object (right), passive → subject (left).
    #[default]
    Object,
    /// Done by the person: subject (left).
    Subject,
    /// A noun: "the detention of X", "X's trial", "their arrest".
    Noun,
}

/// One token pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// Any of these exact lower-case words.
    Any(Vec<String>),
    /// Any word starting with this prefix.
    Prefix(String),
    /// A gap of 0..=n tokens.
    Gap(usize),
}

/// A compiled trigger pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The elements, in order; never starts or ends with a gap.
    pub elems: Vec<Elem>,
    /// The source text, for explanations.
    pub source: String,
}

/// One trigger entry: a set of patterns for one event type.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Rule id (`detention.verb`).
    pub id: String,
    /// The event type, or `None` for a blocker.
    pub event_type: Option<EventType>,
    /// Where the subject stands.
    pub voice: Voice,
    /// Compiled patterns.
    pub patterns: Vec<Pattern>,
    /// The patterns hold the act's own predicate ("verdict … has been
    /// postponed", "verdict was to be handed"), so a match is a clause about
    /// the act and never a reference back to an act told before ("the
    /// verdict"). TOML `predicate = true`; default false.
    pub predicate: bool,
}

/// A known organisation with its aliases.
#[derive(Debug, Clone, Deserialize)]
pub struct KnownOrg {
    /// Rule id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Acronyms and other names, in any script.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Kind.
    pub kind: OrgKind,
}

/// The kind of a person's occupation for role decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OccupationKind {
    /// Journalists and other media workers: the people casewatch documents.
    Media,
    /// Lawyers: never the subject of an event against a journalist.
    Lawyer,
    /// Judges, prosecutors, investigators, spokespeople.
    Official,
    /// Anyone else.
    Other,
}

#[derive(Deserialize, Default)]
struct RawFile {
    #[serde(default)]
    organization: Vec<KnownOrg>,
    #[serde(default)]
    org_head: Vec<RawHead>,
    #[serde(default)]
    outlet_cues: Option<RawCues>,
    #[serde(default)]
    org_cue: Vec<RawOrgCue>,
    #[serde(default)]
    generic_agents: HashMap<String, Vec<String>>,
    #[serde(default)]
    people: Option<RawPeople>,
    #[serde(default)]
    occupation: Vec<RawOccupation>,
    #[serde(default)]
    charge: Vec<RawCharge>,
    #[serde(default)]
    trigger: Vec<RawTrigger>,
    #[serde(default)]
    court_arrest: Option<RawCourtArrest>,
}

/// `[court_arrest]`: places and demonyms of jurisdictions whose reports call a
/// court-ordered custody an "arrest" (Turkey's tutuklama, Russia's and Central
/// Asia's арест) while the police's is a "detention".
#[derive(Deserialize)]
struct RawCourtArrest {
    markers: Vec<String>,
}

#[derive(Deserialize)]
struct RawHead {
    id: String,
    kind: OrgKind,
    words: Vec<String>,
}
#[derive(Deserialize)]
struct RawOrgCue {
    kind: OrgKind,
    before: Vec<String>,
}
#[derive(Deserialize, Default)]
struct RawCues {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}
#[derive(Deserialize, Default)]
struct RawPeople {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    particles: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
}
#[derive(Deserialize)]
struct RawOccupation {
    id: String,
    kind: OccupationKind,
    words: Vec<String>,
}
#[derive(Deserialize)]
struct RawCharge {
    id: String,
    phrases: Vec<String>,
}
#[derive(Deserialize)]
struct RawTrigger {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    voice: Voice,
    patterns: Vec<String>,
    #[serde(default)]
    predicate: bool,
}

/// Everything the extractor knows about the language, merged from the built-in
/// file and any user files.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Known organisations.
    pub orgs: Vec<KnownOrg>,
    /// Last word of a capitalised name (lower-case) → organisation kind and rule id.
    pub org_heads: HashMap<String, (OrgKind, String)>,
    /// Nouns before an outlet name ("outlet", "weekly").
    pub outlet_cues_before: Vec<String>,
    /// Nouns after an outlet name ("media outlet").
    pub outlet_cues_after: Vec<String>,
    /// Nouns before the name of another kind of organisation ("the mining company X").
    pub org_cues_before: Vec<(String, OrgKind)>,
    /// Common-noun agents (`"police"` → police).
    pub generic_agents: Vec<(Vec<String>, OrgKind)>,
    /// Titles before names (lower-case).
    pub titles: HashSet<String>,
    /// Name particles (lower-case).
    pub particles: HashSet<String>,
    /// Capitalised words that are not names (lower-case).
    pub not_names: HashSet<String>,
    /// Place names and demonyms (lower-case).
    pub places: HashSet<String>,
    /// Occupations as token sequences (lower-case), longest first, with kind and rule id.
    pub occupations: Vec<(Vec<String>, OccupationKind, String)>,
    /// Charge phrases as token sequences (lower-case), longest first, with rule id.
    pub charges: Vec<(Vec<String>, String)>,
    /// Triggers.
    pub triggers: Vec<Trigger>,
    /// Index: first word of a pattern → (trigger, pattern) pairs, so a sentence is
    /// matched only against patterns that can start at each token.
    trigger_first: HashMap<String, Vec<(usize, usize)>>,
    /// Patterns starting with a prefix element (`pre*`), tried at every token.
    trigger_prefixed: Vec<(usize, usize)>,
    /// Index: first word → indices into `occupations` (longest first).
    occupation_first: HashMap<String, Vec<usize>>,
    /// Index: first word → indices into `charges` (longest first).
    charge_first: HashMap<String, Vec<usize>>,
    /// Every word of every occupation phrase.
    occupation_words: HashSet<String>,
    /// Words (lower-case) that place a report in a jurisdiction where an "arrest" is a court's
    /// order, not the police's (`[court_arrest]` in the lexicon).
    pub court_arrest_markers: HashSet<String>,
    /// Every word (four letters or more) that is a whole trigger pattern of an event type
    /// on its own: "detained", "sentenced", "charges". A capitalised run holding one is a headline or a
    /// phrase, not a person's name.
    event_words: HashSet<String>,
    /// Index: first word of a known organisation's name or alias → (words, org index, form, is acronym), longest first.
    org_form_first: HashMap<String, Vec<OrgForm>>,
}

/// One written form of a known organisation, tokenised for matching.
#[derive(Debug, Clone)]
pub struct OrgForm {
    /// Lower-case words.
    pub words: Vec<String>,
    /// Index into [`Lexicon::orgs`].
    pub org: usize,
    /// The form as written in the lexicon.
    pub form: String,
    /// Whether it is an acronym (all capitals), which must be written in capitals to match.
    pub acronym: bool,
}

impl Lexicon {
    /// Adds the entries of a lexicon file (same format as `data/en.toml`).
    pub fn add_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_toml(&text, &path.display().to_string())
    }

    /// Adds the entries of lexicon TOML text; `origin` names it in errors.
    pub fn add_toml(&mut self, text: &str, origin: &str) -> Result<(), LexiconError> {
        let err = |message: String| LexiconError::Parse {
            path: origin.to_string(),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        self.orgs.extend(raw.organization);
        for h in raw.org_head {
            for w in h.words {
                self.org_heads.insert(w.to_lowercase(), (h.kind, h.id.clone()));
            }
        }
        if let Some(c) = raw.outlet_cues {
            self.outlet_cues_before
                .extend(c.before.into_iter().map(|s| s.to_lowercase()));
            self.outlet_cues_after
                .extend(c.after.into_iter().map(|s| s.to_lowercase()));
        }
        for c in raw.org_cue {
            self.org_cues_before
                .extend(c.before.into_iter().map(|w| (w.to_lowercase(), c.kind)));
        }
        let mut agents: Vec<_> = raw.generic_agents.into_iter().collect();
        agents.sort_by(|a, b| a.0.cmp(&b.0));
        for (kind, words) in agents {
            let kind: OrgKind = kind
                .parse()
                .map_err(|e: casewatch_model::UnknownId| err(e.to_string()))?;
            for w in words {
                self.generic_agents.push((words_of(&w), kind));
            }
        }
        if let Some(p) = raw.people {
            let low = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
            self.titles.extend(low(p.titles));
            self.particles.extend(low(p.particles));
            self.not_names.extend(low(p.not_names));
            self.places.extend(low(p.places));
        }
        if let Some(c) = raw.court_arrest {
            self.court_arrest_markers
                .extend(c.markers.into_iter().map(|m| m.to_lowercase()));
        }
        for o in raw.occupation {
            for w in o.words {
                self.occupations.push((words_of(&w), o.kind, o.id.clone()));
            }
        }
        self.occupations.sort_by_key(|o| std::cmp::Reverse(o.0.len()));
        for c in raw.charge {
            for p in c.phrases {
                self.charges.push((words_of(&p), c.id.clone()));
            }
        }
        self.charges.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        for t in raw.trigger {
            let event_type = if t.event_type == "none" {
                None
            } else {
                Some(
                    t.event_type
                        .parse::<EventType>()
                        .map_err(|e| err(format!("trigger {}: {e}", t.id)))?,
                )
            };
            let patterns = t
                .patterns
                .iter()
                .map(|p| compile(p).map_err(|m| err(format!("trigger {}: pattern {p:?}: {m}", t.id))))
                .collect::<Result<Vec<_>, _>>()?;
            self.triggers.push(Trigger {
                id: t.id,
                event_type,
                voice: t.voice,
                patterns,
                predicate: t.predicate,
            });
        }
        self.reindex();
        Ok(())
    }

    /// Rebuilds the first-word indexes after entries were added.
    fn reindex(&mut self) {
        self.trigger_first.clear();
        self.trigger_prefixed.clear();
        for (ti, t) in self.triggers.iter().enumerate() {
            for (pi, p) in t.patterns.iter().enumerate() {
                match p.elems.first() {
                    Some(Elem::Any(words)) => {
                        for w in words {
                            self.trigger_first.entry(w.clone()).or_default().push((ti, pi));
                        }
                    }
                    _ => self.trigger_prefixed.push((ti, pi)),
                }
            }
        }
        self.event_words = self
            .triggers
            .iter()
            .filter(|t| t.event_type.is_some())
            .flat_map(|t| t.patterns.iter())
            .flat_map(|p| match p.elems.as_slice() {
                [Elem::Any(words)] => words.clone(),
                _ => Vec::new(),
            })
            .filter(|w| w.chars().count() >= 4)
            .collect();
        self.occupation_first.clear();
        for (i, (words, _, _)) in self.occupations.iter().enumerate() {
            if let Some(w) = words.first() {
                self.occupation_first.entry(w.clone()).or_default().push(i);
            }
        }
        self.occupation_words = self
            .occupations
            .iter()
            .flat_map(|(w, _, _)| w.iter().cloned())
            .collect();
        self.org_form_first.clear();
        for (oi, o) in self.orgs.iter().enumerate() {
            for form in std::iter::once(&o.name).chain(o.aliases.iter()) {
                let words = words_of(form);
                let Some(first) = words.first().cloned() else { continue };
                let acronym = form.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                self.org_form_first.entry(first).or_default().push(OrgForm {
                    words,
                    org: oi,
                    form: form.clone(),
                    acronym,
                });
            }
        }
        for forms in self.org_form_first.values_mut() {
            forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        self.charge_first.clear();
        for (i, (words, _)) in self.charges.iter().enumerate() {
            if let Some(w) = words.first() {
                self.charge_first.entry(w.clone()).or_default().push(i);
            }
        }
    }

    /// The (trigger, pattern) pairs whose pattern can start with `word` (lower-case).
    pub fn patterns_starting(&self, word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.trigger_first
            .get(word)
            .into_iter()
            .flatten()
            .chain(self.trigger_prefixed.iter())
            .copied()
    }

    /// The occupations whose first word is `word`, longest first.
    pub fn occupations_starting(
        &self,
        word: &str,
    ) -> impl Iterator<Item = &(Vec<String>, OccupationKind, String)> + '_ {
        self.occupation_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.occupations[i])
    }

    /// The known organisation forms whose first word is `word`, longest first.
    pub fn org_forms_starting(&self, word: &str) -> &[OrgForm] {
        self.org_form_first.get(word).map_or(&[], Vec::as_slice)
    }

    /// Whether `word` (lower-case) is part of some occupation phrase.
    pub fn is_occupation_word(&self, word: &str) -> bool {
        self.occupation_words.contains(word)
    }

    /// The place names of more than one word ("hong kong"), lower-case.
    pub fn multiword_places(&self) -> impl Iterator<Item = &str> + '_ {
        self.places.iter().map(String::as_str).filter(|p| p.contains(' '))
    }

    /// Whether `word` (lower-case) is a one-word trigger of an event type (four letters or more).
    pub fn is_event_word(&self, word: &str) -> bool {
        self.event_words.contains(word)
    }

    /// The charge phrases whose first word is `word`, longest first.
    pub fn charges_starting(&self, word: &str) -> impl Iterator<Item = &(Vec<String>, String)> + '_ {
        self.charge_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.charges[i])
    }

    /// The occupation kind of a lower-case occupation phrase, if listed.
    pub fn occupation_kind(&self, phrase: &str) -> Option<OccupationKind> {
        if !phrase.contains(char::is_whitespace) {
            return self
                .occupations_starting(phrase)
                .find(|(o, _, _)| o.len() == 1)
                .map(|(_, k, _)| *k);
        }
        let w = words_of(phrase);
        self.occupations_starting(w.first()?)
            .find(|(o, _, _)| *o == w)
            .map(|(_, k, _)| *k)
    }
}

/// Splits a phrase into lower-case word tokens the way the tokenizer does.
pub fn words_of(phrase: &str) -> Vec<String> {
    crate::segment::tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.lower.to_string())
        .collect()
}

/// Compiles one pattern of the trigger language (see `data/en.toml`).
pub fn compile(src: &str) -> Result<Pattern, String> {
    let mut elems = Vec::new();
    for part in src.split_whitespace() {
        if let Some(n) = part.strip_prefix('~') {
            let n: usize = n.parse().map_err(|_| format!("bad gap {part:?}"))?;
            elems.push(Elem::Gap(n));
        } else if let Some(p) = part.strip_suffix('*') {
            elems.push(Elem::Prefix(p.to_lowercase()));
        } else {
            // an alternative may itself be several tokens only when written without spaces
            // ("pre-trial" is one token), so each alternative is one token
            elems.push(Elem::Any(part.split('|').map(str::to_lowercase).collect()));
        }
    }
    if matches!(elems.first(), None | Some(Elem::Gap(_))) || matches!(elems.last(), Some(Elem::Gap(_))) {
        return Err("a pattern must start and end with a word".into());
    }
    Ok(Pattern {
        elems,
        source: src.to_string(),
    })
}

impl Pattern {
    /// Matches the pattern starting at token `at` of `words` (lower-case);
    /// returns the index one past the last matched token. Gaps never cross
    /// `;` or `:`.
    pub fn match_at(&self, words: &[&str], at: usize) -> Option<usize> {
        fn go(elems: &[Elem], words: &[&str], i: usize) -> Option<usize> {
            let Some((first, rest)) = elems.split_first() else {
                return Some(i);
            };
            match first {
                Elem::Gap(n) => {
                    for k in 0..=*n {
                        if k > 0 && matches!(words.get(i + k - 1), Some(&";") | Some(&":") | None) {
                            break;
                        }
                        if let Some(e) = go(rest, words, i + k) {
                            return Some(e);
                        }
                    }
                    None
                }
                Elem::Any(alts) => {
                    let w = words.get(i)?;
                    if alts.iter().any(|a| a == w) {
                        go(rest, words, i + 1)
                    } else {
                        None
                    }
                }
                Elem::Prefix(p) => {
                    let w = words.get(i)?;
                    if w.starts_with(p.as_str()) {
                        go(rest, words, i + 1)
                    } else {
                        None
                    }
                }
            }
        }
        go(&self.elems, words, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let mut lex = Lexicon::default();
        lex.add_toml(ENGLISH, "built-in").unwrap();
        assert!(lex.triggers.len() > 20);
        assert!(lex.orgs.iter().any(|o| o.aliases.iter().any(|a| a == "SCNS")));
        assert_eq!(lex.occupation_kind("camera operator"), Some(OccupationKind::Media));
        assert_eq!(lex.occupation_kind("lawyer"), Some(OccupationKind::Lawyer));
    }

    #[test]
    fn patterns_with_gaps() {
        let p = compile("found ~8 guilty").unwrap();
        let w = ["the", "court", "found", "the", "journalist", "guilty", "of"];
        assert_eq!(p.match_at(&w, 2), Some(6));
        assert_eq!(p.match_at(&w, 1), None);
        let p = compile("house arrest").unwrap();
        assert_eq!(p.match_at(&["under", "house", "arrest"], 1), Some(3));
        let p = compile("a ~2 b").unwrap();
        assert_eq!(p.match_at(&["a", ";", "b"], 0), None);
        assert!(compile("~2 b").is_err());
    }
}
