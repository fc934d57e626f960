//! casewatch-extract: English news text → the extraction record of
//! `spec/extract-output.md`, by rules and lexicons, with an explanation of
//! every fact.
//!
//! The pipeline: [`segment`] (sentences and tokens with byte spans) →
//! [`entities`] (organisations from the lexicon and name patterns, people with
//! occupations and affiliations) → [`events`] (triggers from the lexicon, then
//! subjects, date, agent, detail) with [`status`] (negation, modality, denial,
//! attribution) and [`dates`] (resolution against the publication date) →
//! [`Extractor::extract`] builds the record. No IO happens here; odd text gives
//! a record (possibly empty), never an error.
//!
//! ```
//! use casewatch_extract::Extractor;
//! use casewatch_model::{ArticleMeta, EventType};
//! let ex = Extractor::english().unwrap();
//! let meta = ArticleMeta { id: "a1".into(), source: "a1.txt".into(), published: chrono::NaiveDate::from_ymd_opt(2025, 3, 12),
//!     title: None, language: "en".into(), sha256: "0".repeat(64), url: None };
//! let rec = ex.extract(meta, "Police detained journalist Dana Okafor on Tuesday.").record;
//! assert_eq!(rec.events[0].event_type, EventType::Detention);
//! assert_eq!(rec.events[0].date.value.unwrap().to_string(), "2025-03-11");
//! ```

pub mod charges;
pub mod dates;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod segment;
pub mod status;
pub mod structure;

use casewatch_model::{
    Agent, ArticleMeta, Charge, Event, EventDate, Evidence, ExtractRecord, Organization, Person, Subject,
};
pub use lexicon::{Lexicon, LexiconError};
use std::fmt::Write as _;

/// The extractor: a lexicon plus the rules. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
}

/// The result of extracting one article: the record and, per event, why.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The record of `spec/extract-output.md`.
    pub record: ExtractRecord,
    /// One explanation per event, in record order.
    pub explanations: Vec<String>,
    /// The article's participant model for `--explain`: the sets of people
    /// named together and the unnamed groups, with how groups were resolved
    /// ([`events::participants`]).
    pub participants: Vec<String>,
    /// How many lines were read as headlines, section headers, datelines or
    /// captions ([`structure`]) and so not read for events.
    pub skipped_lines: usize,
}

impl Extractor {
    /// The extractor with the built-in English lexicon.
    pub fn english() -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.add_toml(lexicon::ENGLISH, "built-in en.toml")?;
        Ok(Self { lexicon })
    }

    /// Adds a user lexicon file (same format as the built-in `data/en.toml`).
    pub fn add_lexicon(&mut self, path: &std::path::Path) -> Result<(), LexiconError> {
        self.lexicon.add_file(path)
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts one article. `body` is the text the evidence offsets index
    /// (bytes); `meta` is copied into the record.
    pub fn extract(&self, meta: ArticleMeta, body: &str) -> Extraction {
        let sentences = segment::sentences(body);
        // headlines, section headers and datelines are not read for events; they and captions name
        // no new person
        let lines = structure::classify(body, &sentences);
        let mut skip: Vec<bool> = lines.iter().map(|k| *k != structure::LineKind::Body).collect();
        // the title line, when the input gives the article's title
        for k in skip
            .iter_mut()
            .take(title_sentences(&sentences, body, meta.title.as_deref()))
        {
            *k = true;
        }
        let ents = entities::recognise(&sentences, &self.lexicon, &skip);
        // captions are read for events (the photo shows an act), but their dates set no context
        // for the text around them and their credits name no one
        let captions: Vec<bool> = lines.iter().map(|k| *k == structure::LineKind::Caption).collect();
        let event_skip: Vec<bool> = skip.iter().zip(&captions).map(|(s, c)| *s && !*c).collect();
        let found = events::find(&sentences, &ents, &self.lexicon, meta.published, &event_skip, &captions);

        let people: Vec<Person> = ents
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let name = p.name();
                let mut variants = vec![name.clone()];
                for v in &p.variants {
                    if !variants.contains(v) {
                        variants.push(v.clone());
                    }
                }
                Person {
                    id: format!("p{}", i + 1),
                    name,
                    variants,
                    occupation: p.occupation.clone(),
                    affiliation: p.affiliation.map(|o| ents.orgs[o].name.clone()),
                    former: Some(p.former),
                    rule: Some(p.rule.to_string()),
                }
            })
            .collect();
        let organizations: Vec<Organization> = ents
            .orgs
            .iter()
            .enumerate()
            .map(|(i, o)| Organization {
                id: format!("o{}", i + 1),
                name: o.name.clone(),
                variants: o.variants.clone(),
                kind: o.kind,
                rule: Some(o.rule.clone()),
            })
            .collect();

        let mut events = Vec::new();
        let mut explanations = Vec::new();
        for f in &found {
            let s = &sentences[f.sentence];
            let subjects: Vec<Subject> = f
                .subjects
                .iter()
                .map(|sr| match sr {
                    events::SubjectRef::Person(p) => Subject {
                        reference: Some(format!("p{}", p + 1)),
                        name: Some(people[*p].name.clone()),
                        group: None,
                        count: None,
                    },
                    events::SubjectRef::Org(o) => Subject {
                        reference: Some(format!("o{}", o + 1)),
                        name: Some(ents.orgs[*o].name.clone()),
                        group: None,
                        count: None,
                    },
                    events::SubjectRef::Group { desc, count } => Subject {
                        reference: None,
                        name: None,
                        group: Some(desc.clone()),
                        count: *count,
                    },
                })
                .collect();
            let agent = f.agent.as_ref().map(|(o, name)| Agent {
                reference: o.map(|o| format!("o{}", o + 1)),
                name: name.clone(),
            });
            events.push(Event {
                event_type: f.event_type,
                date: EventDate {
                    value: f.date,
                    qualifier: f.qualifier,
                    text: f.date_text.clone(),
                },
                subjects,
                agent,
                place: f.place.clone(),
                status: f.status.status,
                attributed_to: f.attributed_to.clone(),
                detail: f.detail.clone(),
                evidence: Evidence {
                    start: s.start,
                    end: s.end,
                    sentence: body[s.start..s.end].to_string(),
                },
                rule: Some(f.rule.clone()),
            });
            let trig = s.tokens[f.trigger.0..f.trigger.1]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let mut why = String::new();
            let _ = write!(
                why,
                "{}: trigger \"{}\" (rule {}, pattern \"{}\"); subjects: {}",
                f.event_type, trig, f.rule, f.pattern, f.subject_reason
            );
            let clause = match (
                s.tokens.get(f.clause.0),
                f.clause.1.checked_sub(1).and_then(|k| s.tokens.get(k)),
            ) {
                (Some(a), Some(b)) if a.start <= b.end => &body[a.start..b.end],
                _ => "",
            };
            let _ = write!(why, " from the clause \"{clause}\"");
            let _ = write!(why, "; date: {}", f.date_reason);
            if let Some(t) = &f.date_text {
                let _ = write!(why, " (\"{t}\")");
            }
            let _ = write!(why, "; status {}", f.status.status);
            if let Some(c) = &f.status.cue {
                let _ = write!(why, " (cue \"{c}\")");
            }
            explanations.push(why);
        }

        // charges: phrases anywhere in the text; subjects from charge events of the same sentence
        let mut charges: Vec<Charge> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            for c in charges::find_in(&s.tokens, &self.lexicon) {
                let subjects: Vec<String> = found
                    .iter()
                    .zip(&events)
                    .filter(|(f, _)| f.sentence == si)
                    .flat_map(|(_, e)| {
                        e.subjects
                            .iter()
                            .filter_map(|s| s.reference.clone())
                            .filter(|r| r.starts_with('p'))
                    })
                    .collect();
                let key = c.label.to_lowercase();
                match charges.iter_mut().find(|x| x.label.to_lowercase() == key) {
                    Some(x) => {
                        if x.article.is_none() {
                            x.article = c.article;
                        }
                        for s in subjects {
                            if !x.subjects.contains(&s) {
                                x.subjects.push(s);
                            }
                        }
                    }
                    None => {
                        let mut subj = Vec::new();
                        for s in subjects {
                            if !subj.contains(&s) {
                                subj.push(s);
                            }
                        }
                        charges.push(Charge {
                            label: c.label,
                            article: c.article,
                            subjects: subj,
                        });
                    }
                }
            }
        }

        let participants = events::participants(&sentences, &ents, &found);
        let mut skipped_lines = 0;
        for (i, s) in sentences.iter().enumerate() {
            if skip[i] && (i == 0 || sentences[i - 1].paragraph != s.paragraph) {
                skipped_lines += 1;
            }
        }
        Extraction {
            participants,
            skipped_lines,
            record: ExtractRecord {
                article: meta,
                people,
                organizations,
                events,
                charges,
            },
            explanations,
        }
    }
}

/// How many leading sentences form the title: the first line when it equals
/// the given title (other headlines are found by [`structure::classify`]).
fn title_sentences(sentences: &[segment::Sentence], body: &str, title: Option<&str>) -> usize {
    let Some(first) = sentences.first() else { return 0 };
    let n_first_para = sentences.iter().take_while(|s| s.paragraph == first.paragraph).count();
    let line = body[first.start..sentences[n_first_para - 1].end].trim();
    let is_title = title.is_some_and(|t| t.trim() == line);
    if is_title { n_first_para } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lexicon_builds() {
        assert!(Extractor::english().is_ok());
    }
}
