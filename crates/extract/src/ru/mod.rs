//! The Russian language pack: Russian news text → the extraction record of
//! `spec/extract-output.md`, through the same stages as English.
//!
//! [`crate::segment`] (sentences and byte-span tokens; sentences cut after a
//! Russian abbreviation such as "ст." or "г." are joined again) → [`morph`]
//! (lemmas, case, gender, number from the OpenCorpora dictionary of `rumorph`)
//! → [`entities`] (organisations, people in the nominative by [`names`]) and
//! [`dates`] → [`events`] (triggers by lemma from `data/ru.toml`, subjects by
//! case, status cues, dates, agent, detail) → charges by article ("ст. 278 УК",
//! "части 3 статьи 278") → the record. Person names are always in the
//! nominative; the forms seen are their variants.

pub mod dates;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod morph;
pub mod names;
mod status;
mod subjects;

use crate::segment::{self, Sentence, TokenKind};
use crate::{Extraction, LexiconError};
use casewatch_model::{
    Agent, ArticleMeta, Charge, Event, EventDate, Evidence, ExtractRecord, Organization, Person, Subject,
};
use lexicon::RuLexicon;
use morph::{Analyzer, Word};
use std::fmt::Write as _;

/// Russian abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "ст", "ч", "п", "г", "гг", "т", "д", "им", "ул", "пр", "руб", "тыс", "млн", "млрд", "см", "св", "гр", "обл", "р-н",
    "р", "кв", "стр", "н", "э", "ок", "т.е", "т.д", "т.п", "т.к", "и.о", "др", "пос", "с", "пер", "корп",
];

/// The Russian pack: the morphological analyser and the lexicon.
#[derive(Debug, Clone)]
pub struct Pack {
    analyzer: Analyzer,
    lexicon: RuLexicon,
    /// One-word media occupations (lemmas), for role nouns.
    media_roles: Vec<String>,
}

/// Why the Russian pack could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// The bundled dictionary failed its check.
    #[error("cannot load the Russian dictionary: {0}")]
    Dictionary(String),
    /// A lexicon is invalid.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

impl Pack {
    /// Loads the bundled dictionary (about 20 ms) and the built-in lexicon `data/ru.toml`.
    pub fn new() -> Result<Self, PackError> {
        let analyzer = Analyzer::bundled().map_err(|e| PackError::Dictionary(e.to_string()))?;
        let mut pack = Self {
            analyzer,
            lexicon: RuLexicon::default(),
            media_roles: Vec::new(),
        };
        pack.add_toml(lexicon::RUSSIAN, "built-in ru.toml")?;
        Ok(pack)
    }

    /// Adds Russian lexicon TOML (same format as `data/ru.toml`).
    pub fn add_toml(&mut self, text: &str, origin: &str) -> Result<(), LexiconError> {
        let analyzer = self.analyzer.clone();
        let lemmatize = move |phrase: &str| -> Vec<String> {
            segment::tokenize(phrase, 0, phrase.len())
                .iter()
                .map(|t| {
                    if t.kind != TokenKind::Word {
                        return t.lower.to_string();
                    }
                    analyzer
                        .readings(&t.lower)
                        .first()
                        .map_or_else(|| t.lower.to_string(), |r| r.lemma.to_string())
                })
                .collect()
        };
        self.lexicon.add_toml(text, origin, &lemmatize)?;
        self.media_roles = self
            .lexicon
            .occupations
            .iter()
            .filter(|(w, k, _)| w.len() == 1 && *k == crate::lexicon::OccupationKind::Media)
            .map(|(w, _, _)| w[0].clone())
            .collect();
        Ok(())
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &RuLexicon {
        &self.lexicon
    }

    /// The analyser.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Extracts one Russian article (see the module doc). Never fails; odd text gives a smaller record.
    pub fn extract(&self, meta: ArticleMeta, body: &str) -> Extraction {
        let mut sentences = join_abbreviations(segment::sentences(body));
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
        let body_from = title_sentences(&sentences, body, meta.title.as_deref());
        let skip: Vec<bool> = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| not_prose(&sentences, i, s))
            .collect();
        // the tokens move into the analysed words (the sentences keep their spans)
        let mut cache = morph::Cache::default();
        let mut lemmas = morph::LemmaCache::default();
        let words: Vec<Vec<Word>> = sentences
            .iter_mut()
            .map(|s| {
                self.analyzer
                    .sentence(std::mem::take(&mut s.tokens), &mut cache, &mut lemmas)
            })
            .collect();
        let ents = entities::recognise(&words, &self.lexicon);
        let year_hint = if meta.published.is_none() {
            dates::latest_year(&words)
        } else {
            None
        };
        let mut date_exprs: Vec<Vec<dates::DateExpr>> = words
            .iter()
            .map(|w| dates::find(w, meta.published, year_hint))
            .collect();
        dates::continue_narrative_year(&words, &mut date_exprs, meta.published);
        let lists = lists_of(&ents, &words);
        let article = events::Article {
            words: &words,
            paragraphs: &paragraphs,
            ents: &ents,
            dates: &date_exprs,
            body_from,
            media_roles: &self.media_roles,
            focus: focus_of(&ents),
            lists: &lists,
            skip: &skip,
            published: meta.published,
        };
        let found = events::find(&article, &self.lexicon);
        let mut extraction = build_record(meta, body, &sentences, &words, &ents, &found, &self.lexicon);
        // the participant model for --explain: the people named together (plural
        // descriptions and "их/им" resolve to them) and the article's main person
        extraction.participants = lists
            .iter()
            .map(|(si, _, _, people)| {
                let names: Vec<String> = people.iter().map(|&p| ents.people[p].name()).collect();
                format!("named together in sentence {}: {}", si + 1, names.join(", "))
            })
            .chain(focus_of(&ents).map(|p| format!("main person: {}", ents.people[p].name())))
            .collect();
        // lines not read for events: the title and headers or disclaimers
        let mut lines: Vec<usize> = sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < body_from || skip[*i])
            .map(|(_, s)| s.paragraph)
            .collect();
        lines.dedup();
        extraction.skipped_lines = lines.len();
        extraction
    }
}

/// Joins sentences that `segment` cut after a Russian abbreviation ("ст. 278",
/// "в 2024 г. суд") or an initial, keeping byte spans.
fn join_abbreviations(sentences: Vec<Sentence>) -> Vec<Sentence> {
    join_after(sentences, ABBREVIATIONS)
}

/// Joins sentences that `segment` cut after one of `abbreviations`
/// (lower-case, without the full stop) or an initial (one capital letter)
/// within a paragraph, keeping byte spans. Shared by the Russian and French
/// packs ("ст. 278", "M. Dupont").
pub(crate) fn join_after(sentences: Vec<Sentence>, abbreviations: &[&str]) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::with_capacity(sentences.len());
    for s in sentences {
        if let Some(prev) = out.last_mut() {
            let n = prev.tokens.len();
            let cut_after_abbrev = n >= 2
                && prev.tokens[n - 1].text == "."
                && prev.paragraph == s.paragraph
                && (abbreviations.contains(&prev.tokens[n - 2].lower.as_str())
                    || (prev.tokens[n - 2].text.chars().count() == 1 && prev.tokens[n - 2].is_capitalized()));
            if cut_after_abbrev {
                prev.end = s.end;
                prev.tokens.extend(s.tokens);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Whether a sentence is not prose: written in capitals (a legal disclaimer,
/// a shouted header) or a one-line section header of at most four words with
/// no closing punctuation.
pub(crate) fn not_prose(all: &[Sentence], i: usize, s: &Sentence) -> bool {
    let letters: Vec<char> = s
        .tokens
        .iter()
        .flat_map(|t| t.text.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() >= 20 && upper * 10 >= letters.len() * 8 {
        return true;
    }
    let alone = all.iter().filter(|x| x.paragraph == s.paragraph).count() == 1;
    let words = s.tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let closed = s
        .tokens
        .last()
        .is_some_and(|t| matches!(t.text.as_str(), "." | "!" | "?" | "…" | "»" | "\""));
    alone && words <= 4 && !closed && i > 0
}

/// Lists of people named together: person mentions of one sentence separated
/// only by commas and "и" (two or more people).
fn lists_of(ents: &entities::Entities, words: &[Vec<Word>]) -> Vec<(usize, usize, usize, Vec<usize>)> {
    let mut out: Vec<(usize, usize, usize, Vec<usize>)> = Vec::new();
    let mut cur: Option<(usize, usize, usize, Vec<usize>)> = None;
    for m in &ents.mentions {
        let entities::Target::Person(p) = m.target else {
            continue;
        };
        let ws = &words[m.sentence];
        // a name in brackets ("Кравцовой (псевдоним Фаворская), Кригера") is an aside, not a member
        if events::aside(ws, m.start) {
            continue;
        }
        let joined = cur.as_ref().is_some_and(|c| {
            let mut inside = 0i32;
            c.0 == m.sentence
                && c.2 <= m.start
                && ws[c.2..m.start].iter().all(|w| {
                    match w.tok.text.as_str() {
                        "(" => inside += 1,
                        ")" => inside -= 1,
                        _ => {}
                    }
                    inside > 0 || matches!(w.tok.lower.as_str(), "," | "и" | "а" | "также" | ")")
                })
        });
        if joined {
            if let Some(c) = cur.as_mut() {
                if !c.3.contains(&p) {
                    c.3.push(p);
                }
                c.2 = m.end;
            }
        } else {
            if let Some(c) = cur.take().filter(|c| c.3.len() >= 2) {
                out.push(c);
            }
            cur = Some((m.sentence, m.start, m.end, vec![p]));
        }
    }
    if let Some(c) = cur.filter(|c| c.3.len() >= 2) {
        out.push(c);
    }
    out
}

/// The article's main person: the most mentioned person who is not a lawyer
/// or an official (the first named on a tie).
fn focus_of(ents: &entities::Entities) -> Option<usize> {
    let mut counts = vec![0usize; ents.people.len()];
    for m in &ents.mentions {
        if let entities::Target::Person(p) = m.target {
            counts[p] += 1;
        }
    }
    (0..ents.people.len())
        .filter(|&p| {
            !matches!(
                ents.people[p].occupation_kind,
                Some(crate::lexicon::OccupationKind::Lawyer | crate::lexicon::OccupationKind::Official)
            )
        })
        .max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))
}

/// How many leading sentences form the title: the first line when it equals
/// the given title, or is a short line with no closing full stop followed by more text.
pub(crate) fn title_sentences(sentences: &[Sentence], body: &str, title: Option<&str>) -> usize {
    let Some(first) = sentences.first() else { return 0 };
    let n_first = sentences.iter().take_while(|s| s.paragraph == first.paragraph).count();
    let line = body[first.start..sentences[n_first - 1].end].trim();
    let is_title = match title {
        Some(t) => t.trim() == line,
        None => sentences.len() > n_first && n_first == 1 && line.len() <= 300 && !line.ends_with('.'),
    };
    if is_title { n_first } else { 0 }
}

/// Charges of one sentence: lexicon offences and legal articles ("ст. 278",
/// "статьи 278", "части 3 статьи 278 УК"). Returns (label, article).
fn charges_in(ws: &[Word], lex: &RuLexicon) -> Vec<(String, Option<String>)> {
    let mut articles: Vec<(usize, String)> = Vec::new();
    for k in 0..ws.len().saturating_sub(1) {
        let is_article = ws[k].tok.lower == "ст" || ws[k].has_lemma("статья");
        let mut n = k + 1;
        if ws.get(n).is_some_and(|w| w.tok.text == ".") {
            n += 1;
        }
        if is_article && ws.get(n).is_some_and(|w| w.tok.kind == TokenKind::Number) {
            let number = ws[n].tok.text.to_string();
            articles.push((k, format!("Article {number}")));
        }
    }
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        for c in lex.charge_index.candidates(events::word_keys(w)) {
            let (pat, label, _) = &lex.charges[c];
            if events::match_at(pat, ws, i).is_some() && !out.iter().any(|(l, _)| l == label) {
                let art = articles
                    .iter()
                    .min_by_key(|(k, _)| k.abs_diff(i))
                    .map(|(_, a)| a.clone());
                out.push((label.clone(), art));
            }
        }
    }
    for (_, a) in articles {
        if !out.iter().any(|(_, x)| x.as_deref() == Some(a.as_str())) {
            let label = a.replace("Article", "статья");
            out.push((format!("{label} УК"), Some(a)));
        }
    }
    out
}

fn build_record(
    meta: ArticleMeta,
    body: &str,
    sentences: &[Sentence],
    words: &[Vec<Word>],
    ents: &entities::Entities,
    found: &[events::Found],
    lex: &RuLexicon,
) -> Extraction {
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
            if let Some(s) = &p.surname
                && !variants.contains(s)
            {
                variants.push(s.clone());
            }
            Person {
                id: format!("p{}", i + 1),
                name,
                variants,
                occupation: p.occupation.clone(),
                affiliation: p.affiliation.map(|o| ents.orgs[o].name.clone()),
                former: p.affiliation.map(|_| false),
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
    for f in found {
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
        events.push(Event {
            event_type: f.event_type,
            date: EventDate {
                value: f.date,
                qualifier: f.qualifier,
                text: f.date_text.clone(),
                inferred: f.date.is_some()
                    && (f.date_reason.starts_with("the date of the event before")
                        || f.date_reason.starts_with("the last date stated in the paragraph")),
            },
            subjects,
            agent: f.agent.as_ref().map(|(o, name)| Agent {
                reference: o.map(|o| format!("o{}", o + 1)),
                name: name.clone(),
            }),
            place: None,
            status: f.status,
            attributed_to: None,
            detail: f.detail.clone(),
            evidence: Evidence {
                start: s.start,
                end: s.end,
                sentence: body[s.start..s.end].to_string(),
            },
            rule: Some(f.rule.clone()),
        });
        let ws = &words[f.sentence];
        let trig = ws[f.trigger.0..f.trigger.1]
            .iter()
            .map(|w| w.tok.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let lemmas = ws[f.trigger.0..f.trigger.1]
            .iter()
            .map(|w| w.lemma.as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        let mut why = String::new();
        let _ = write!(
            why,
            "{}: trigger \"{trig}\" (lemmas \"{lemmas}\"; rule {}, pattern \"{}\"); subjects: {}; date: {}",
            f.event_type, f.rule, f.pattern, f.subject_reason, f.date_reason
        );
        if let Some(t) = &f.date_text {
            let _ = write!(why, " (\"{t}\")");
        }
        let _ = write!(why, "; status {}", f.status);
        if let Some(c) = &f.cue {
            let _ = write!(why, " (cue \"{c}\")");
        }
        explanations.push(why);
    }
    // charges, with the people charged in the same sentence
    let mut charges: Vec<Charge> = Vec::new();
    for (si, ws) in words.iter().enumerate() {
        for (label, article) in charges_in(ws, lex) {
            let subjects: Vec<String> = found
                .iter()
                .filter(|f| f.sentence == si)
                .flat_map(|f| f.subjects.iter())
                .filter_map(|s| match s {
                    events::SubjectRef::Person(p) => Some(format!("p{}", p + 1)),
                    _ => None,
                })
                .collect();
            let key = label.to_lowercase();
            let slot = match charges.iter().position(|c| c.label.to_lowercase() == key) {
                Some(i) => i,
                None => {
                    charges.push(Charge {
                        label,
                        article: None,
                        subjects: Vec::new(),
                    });
                    charges.len() - 1
                }
            };
            let c = &mut charges[slot];
            if c.article.is_none() {
                c.article = article;
            }
            for s in subjects {
                if !c.subjects.contains(&s) {
                    c.subjects.push(s);
                }
            }
        }
    }
    Extraction {
        record: ExtractRecord {
            article: meta,
            people,
            organizations,
            events,
            charges,
        },
        explanations,
        participants: Vec::new(),
        skipped_lines: 0,
        limits: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_in_quotes() {
        let pack = Pack::new().unwrap();
        let body = "Сотрудники ГКНБ задержали журналиста издания «Вечерний город» Жоомарта Дуулатова.";
        let meta = ArticleMeta {
            id: "t".into(),
            source: "t".into(),
            published: None,
            title: None,
            language: "ru".into(),
            sha256: String::new(),
            url: None,
        };
        let rec = pack.extract(meta, body).record;
        let orgs: Vec<&str> = rec.organizations.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(orgs, ["ГКНБ", "Вечерний город"]);
        assert_eq!(rec.people[0].name, "Жоомарт Дуулатов");
        assert_eq!(rec.people[0].occupation.as_deref(), Some("журналист"));
        assert_eq!(rec.people[0].affiliation.as_deref(), Some("Вечерний город"));
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    /// Random texts built from pieces that exercise every stage (names,
    /// triggers, dates, particles, punctuation at odd places) never panic and
    /// keep evidence spans exact.
    #[test]
    fn odd_text_never_panics() {
        const PIECES: &[&str] = &[
            "Иван",
            "Ивана",
            "Соколова",
            "Соколову",
            "Анна",
            "Белову",
            "уулу",
            "кызы",
            "задержали",
            "задержан",
            "арестовал",
            "суд",
            "Первомайский",
            "районный",
            "до",
            "28",
            "мая",
            "2025",
            "года",
            "г.",
            "ст.",
            "ч.",
            "278",
            "УК",
            "«",
            "»",
            ",",
            ".",
            ";",
            ":",
            "—",
            "(",
            ")",
            "не",
            "якобы",
            "через",
            "два",
            "дня",
            "его",
            "их",
            "им",
            "журналистку",
            "ГКНБ",
            "издания",
            "обвинение",
            "предъявили",
            "по",
            "обвинению",
            "в",
            "\n",
            "\n\n",
            "А.",
            "Мосгорсуд",
            "–",
            "29",
            "12.05.2024",
            "двадцать",
            "восьмого",
            "вторник",
            "вчера",
            "прошлом",
            "году",
            "осужденную",
            "Ёлкин",
            "x",
            "Reuters",
            "!",
            "?",
        ];
        let pack = Pack::new().expect("pack");
        for body in crate::test_support::random_texts(PIECES, 0x9E37_79B9_7F4A_7C15, 400) {
            let meta = ArticleMeta {
                id: "r".into(),
                source: "r".into(),
                published: chrono::NaiveDate::from_ymd_opt(2025, 1, 1),
                title: None,
                language: "ru".into(),
                sha256: String::new(),
                url: None,
            };
            let rec = pack.extract(meta, &body).record;
            for e in &rec.events {
                assert_eq!(&body[e.evidence.start..e.evidence.end], e.evidence.sentence);
            }
        }
    }
}
