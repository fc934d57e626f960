//! The Russian lexicon: organisations, organisation heads, outlet cues,
//! occupations, name particles, charges, status cues and event triggers, read
//! from `data/ru.toml` (and from user lexicons that say `[language] code = "ru"`).
//!
//! Triggers, charges and cues are written as lemmas in the pattern language of
//! [`crate::lexicon::compile`] (`word`, `a|b`, `pre*`, `~N`) and matched on the
//! lemma sequence of a sentence, so one entry covers every inflected form:
//! `заключить ~3 под стража` matches "заключили под стражу", "был заключён
//! под стражу" and "заключена под стражу".

use super::morph::{Case, Cases};
use crate::lexicon::{LexiconError, Pattern, compile};
use casewatch_model::{EventType, OrgKind};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

/// The built-in Russian lexicon, compiled into the binary.
pub const RUSSIAN: &str = include_str!("../../data/ru.toml");

/// Where the person an event happens to stands, by the trigger's grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// Done to someone: an active verb's object (accusative), a passive participle's subject (nominative).
    #[default]
    Object,
    /// Done by the person: the nominative subject ("признался", "обжаловал").
    Subject,
    /// A noun: its genitive ("задержание журналиста"), else the clause's subject or object.
    Noun,
}

/// One trigger entry.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Rule id.
    pub id: String,
    /// Event type, or `None` for a blocker.
    pub event_type: Option<EventType>,
    /// Where the subject stands.
    pub voice: Voice,
    /// Extra cases the subject may take besides the voice's (`dat` for "предъявить обвинение кому").
    pub cases: Cases,
    /// Patterns over lemmas.
    pub patterns: Vec<Pattern>,
}

/// A known organisation: canonical name and forms (lemma sequences or acronyms).
#[derive(Debug, Clone)]
pub struct Org {
    /// Rule id.
    pub id: String,
    /// Canonical name (nominative).
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// Forms as lemma sequences (lower-case); an acronym is one upper-case word matched as written.
    pub forms: Vec<(Vec<String>, bool)>,
}

/// A status cue: a lemma pattern and what it does to events in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// The event is reported as a claim ("якобы", "по словам").
    Alleged,
    /// The event is denied by its subject ("отрицает").
    Denied,
    /// The event has not happened: intention, request, offer, schedule, future.
    NotOccurred,
    /// Calls by outsiders ("призвали освободить"): no event at all.
    Call,
    /// A verb of saying: the clause after it is attributed to the speaker.
    Report,
}

/// Everything the Russian pack knows, merged from the built-in file and user files.
#[derive(Debug, Clone, Default)]
pub struct RuLexicon {
    /// Known organisations.
    pub orgs: Vec<Org>,
    /// Head noun lemma → kind ("суд" → court): capitalised adjectives before it make a name.
    pub org_heads: HashMap<String, OrgKind>,
    /// Nouns (lemmas) before an outlet's name in quotes ("издание «…»").
    pub outlet_cues: Vec<String>,
    /// Common-noun agents (lemma → kind): "милиция", "прокурор".
    pub generic_agents: HashMap<String, OrgKind>,
    /// Occupations: lemma sequence → (kind, rule id, English gloss or the lemma).
    pub occupations: Vec<(Vec<String>, crate::lexicon::OccupationKind, String)>,
    /// Name particles written after a name ("уулу", "кызы").
    pub particles: Vec<String>,
    /// Capitalised words (lemmas) that are never part of a person's name.
    pub not_names: Vec<String>,
    /// Charges: lemma patterns with the label to show and rule id.
    pub charges: Vec<(Pattern, String, String)>,
    /// Status cues.
    pub cues: Vec<(Pattern, CueKind)>,
    /// Triggers.
    pub triggers: Vec<Trigger>,
    /// Index of `cues` by the first word of their pattern.
    pub cue_index: FirstIndex,
    /// Index of `charges` by the first word of their pattern.
    pub charge_index: FirstIndex,
    /// Index: first lemma of a trigger pattern → (trigger, pattern).
    first: HashMap<String, Vec<(usize, usize)>>,
    /// Patterns starting with a prefix element.
    prefixed: Vec<(usize, usize)>,
}

#[derive(Deserialize, Default)]
struct RawFile {
    #[serde(default)]
    organization: Vec<RawOrg>,
    #[serde(default)]
    org_head: Vec<RawHead>,
    #[serde(default)]
    outlet_cues: Vec<String>,
    #[serde(default)]
    generic_agents: HashMap<String, Vec<String>>,
    #[serde(default)]
    occupation: Vec<RawOccupation>,
    #[serde(default)]
    people: Option<RawPeople>,
    #[serde(default)]
    charge: Vec<RawCharge>,
    #[serde(default)]
    cue: Vec<RawCue>,
    #[serde(default)]
    trigger: Vec<RawTrigger>,
}

#[derive(Deserialize)]
struct RawOrg {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: OrgKind,
}
#[derive(Deserialize)]
struct RawHead {
    kind: OrgKind,
    words: Vec<String>,
}
#[derive(Deserialize)]
struct RawOccupation {
    id: String,
    kind: crate::lexicon::OccupationKind,
    words: Vec<String>,
}
#[derive(Deserialize, Default)]
struct RawPeople {
    #[serde(default)]
    particles: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}
#[derive(Deserialize)]
struct RawCharge {
    id: String,
    label: String,
    patterns: Vec<String>,
}
#[derive(Deserialize)]
struct RawCue {
    kind: CueKind,
    patterns: Vec<String>,
}
#[derive(Deserialize)]
struct RawTrigger {
    id: String,
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    voice: Voice,
    #[serde(default)]
    cases: Vec<String>,
    patterns: Vec<String>,
}

impl RuLexicon {
    /// Adds the entries of Russian lexicon TOML text; `origin` names it in errors.
    /// `lemmatize` turns a phrase into its lemma sequence (organisation names and
    /// occupations are written in their dictionary form but may be inflected).
    pub fn add_toml(
        &mut self,
        text: &str,
        origin: &str,
        lemmatize: &dyn Fn(&str) -> Vec<String>,
    ) -> Result<(), LexiconError> {
        let err = |message: String| LexiconError::Parse {
            path: origin.to_string(),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        for o in raw.organization {
            let mut forms = Vec::new();
            for f in std::iter::once(&o.name).chain(o.aliases.iter()) {
                let acronym = f.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && f.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
                    && !f.contains(' ');
                if acronym {
                    forms.push((vec![f.clone()], true));
                } else {
                    forms.push((lemmatize(f), false));
                }
            }
            forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
            self.orgs.push(Org {
                id: o.id,
                name: o.name,
                kind: o.kind,
                forms,
            });
        }
        for h in raw.org_head {
            for w in h.words {
                self.org_heads.insert(w.to_lowercase(), h.kind);
            }
        }
        self.outlet_cues
            .extend(raw.outlet_cues.into_iter().map(|s| s.to_lowercase()));
        let mut agents: Vec<_> = raw.generic_agents.into_iter().collect();
        agents.sort_by(|a, b| a.0.cmp(&b.0));
        for (kind, words) in agents {
            let kind: OrgKind = kind
                .parse()
                .map_err(|e: casewatch_model::UnknownId| err(e.to_string()))?;
            for w in words {
                self.generic_agents.insert(w.to_lowercase(), kind);
            }
        }
        for o in raw.occupation {
            for w in o.words {
                self.occupations.push((lemmatize(&w), o.kind, o.id.clone()));
            }
        }
        self.occupations.sort_by_key(|o| std::cmp::Reverse(o.0.len()));
        if let Some(p) = raw.people {
            self.particles.extend(p.particles.into_iter().map(|s| s.to_lowercase()));
            self.not_names.extend(p.not_names.into_iter().map(|s| s.to_lowercase()));
        }
        for c in raw.charge {
            for p in &c.patterns {
                let pat = compile(p).map_err(|m| err(format!("charge {}: pattern {p:?}: {m}", c.id)))?;
                self.charges.push((pat, c.label.clone(), c.id.clone()));
            }
        }
        for c in raw.cue {
            for p in &c.patterns {
                let pat = compile(p).map_err(|m| err(format!("cue: pattern {p:?}: {m}")))?;
                self.cues.push((pat, c.kind));
            }
        }
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
            let mut cases = 0u8;
            for c in &t.cases {
                cases |= Case::from_name(c).ok_or_else(|| err(format!("trigger {}: unknown case {c:?}", t.id)))? as u8;
            }
            let patterns = t
                .patterns
                .iter()
                .map(|p| compile(p).map_err(|m| err(format!("trigger {}: pattern {p:?}: {m}", t.id))))
                .collect::<Result<Vec<_>, _>>()?;
            self.triggers.push(Trigger {
                id: t.id,
                event_type,
                voice: t.voice,
                cases,
                patterns,
            });
        }
        self.reindex();
        Ok(())
    }

    fn reindex(&mut self) {
        self.cue_index = FirstIndex::build(self.cues.iter().map(|c| &c.0));
        self.charge_index = FirstIndex::build(self.charges.iter().map(|c| &c.0));
        self.first.clear();
        self.prefixed.clear();
        for (ti, t) in self.triggers.iter().enumerate() {
            for (pi, p) in t.patterns.iter().enumerate() {
                match p.elems.first() {
                    Some(crate::lexicon::Elem::Any(words)) => {
                        for w in words {
                            self.first.entry(w.clone()).or_default().push((ti, pi));
                        }
                    }
                    _ => self.prefixed.push((ti, pi)),
                }
            }
        }
    }

    /// The (trigger, pattern) pairs whose pattern can start with lemma `word`.
    pub fn patterns_starting(&self, word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.first
            .get(word)
            .into_iter()
            .flatten()
            .chain(self.prefixed.iter())
            .copied()
    }
}

/// An index of patterns by their first word, so that a sentence is matched
/// only against the patterns that can start at each word.
#[derive(Debug, Clone, Default)]
pub struct FirstIndex {
    by_word: HashMap<String, Vec<usize>>,
    prefixed: Vec<usize>,
}

impl FirstIndex {
    fn build<'a>(patterns: impl Iterator<Item = &'a Pattern>) -> Self {
        let mut ix = Self::default();
        for (i, p) in patterns.enumerate() {
            match p.elems.first() {
                Some(crate::lexicon::Elem::Any(words)) => {
                    for w in words {
                        ix.by_word.entry(w.clone()).or_default().push(i);
                    }
                }
                _ => ix.prefixed.push(i),
            }
        }
        ix
    }

    /// The indices of the patterns that can start with a word whose written
    /// form or lemmas are `keys` (sorted, without repeats).
    pub fn candidates<'a>(&self, keys: impl Iterator<Item = &'a str>) -> Vec<usize> {
        let mut out: Vec<usize> = self.prefixed.clone();
        for k in keys {
            if let Some(v) = self.by_word.get(k) {
                out.extend_from_slice(v);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
