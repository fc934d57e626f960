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
pub mod fr;
pub mod language;
pub mod lexicon;
mod names_only;
pub mod ru;
pub mod segment;
pub mod status;
pub mod structure;
mod verdict;

use casewatch_model::{
    Agent, ArticleMeta, Charge, Event, EventDate, Evidence, ExtractRecord, Organization, Person, Subject,
};
pub use lexicon::{Lexicon, LexiconError};
use std::fmt::Write as _;

/// The most bytes of one body that are analysed: 256 KiB, about 40,000
/// words, several times the longest news report (long reads run to 10,000
/// words). Past it (a page
/// flattened into one huge line, a dump of a whole site) only the text up to
/// the last line break (else sentence end) before the limit is read, and
/// [`Extraction::limits`] says so. With [`segment::MAX_SENTENCE_TOKENS`] and
/// [`MAX_DISTINCT_CAPITALISED`] this bounds the time and memory of one
/// extraction (under 1 s and 50 MB on one core for the worst inputs we know;
/// see ARCHITECTURE.md "Limits").
pub const MAX_ANALYSED_BYTES: usize = 256 << 10;

/// The work budget of one article in names: the most distinct capitalised
/// words (lower-cased) the analysed sentences may hold, 2,000. People are
/// matched against every person already named, so a text naming thousands of
/// people (a list of signatories, a membership roll) costs the square of
/// their number; an ordinary report names a few dozen. The sentences from the
/// one that passes the budget on are not analysed, and
/// [`Extraction::limits`] reports the article as too complex.
pub const MAX_DISTINCT_CAPITALISED: usize = 2_000;

/// The work budget of one article in rule steps: per sentence, the words
/// that may start an event trigger times the square of the sentence's
/// length in tokens (the event rules look at the whole sentence around each
/// trigger, and at its names), summed over the article: 8,000,000. An
/// ordinary report of 40 sentences uses about 50,000, a long one 300,000; a
/// run of 7,000 words repeating a trigger every few words (found by the fuzz
/// driver) would use 30,000,000 and take a second. The sentences from the one
/// that passes the budget on are not analysed, and [`Extraction::limits`]
/// reports the article as too complex.
pub const MAX_WORK: u64 = 8_000_000;

/// The extractor: a lexicon plus the rules, and the language packs beside
/// English (see [`language`]). Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    /// The Russian pack, when loaded ([`Extractor::multilingual`]).
    ru: Option<std::sync::Arc<ru::Pack>>,
    /// The French pack, when loaded ([`Extractor::multilingual`]).
    fr: Option<std::sync::Arc<fr::Pack>>,
}

/// The result of extracting one article: the record and, per event, why.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The record of `spec/extract-output.md`.
    pub record: ExtractRecord,
    /// One explanation per event, in record order.
    pub explanations: Vec<String>,
    /// What was left unread because a limit was reached (e.g. the text past
    /// [`MAX_ANALYSED_BYTES`]), one sentence each; empty for ordinary text.
    pub limits: Vec<String>,
    /// The article's participant model for `--explain`: the sets of people
    /// named together and the unnamed groups, with how groups were resolved
    /// ([`events::participants`]).
    pub participants: Vec<String>,
    /// How many lines were read as headlines, section headers, datelines or
    /// captions ([`structure`]) and so not read for events.
    pub skipped_lines: usize,
}

/// The part of `body` that is analysed: all of it up to
/// [`MAX_ANALYSED_BYTES`], else the text before the last line break (or,
/// failing that, the last `". "`) of the first half of the limit or later,
/// else the longest prefix that ends on a character boundary.
pub fn analysed_part(body: &str) -> &str {
    if body.len() <= MAX_ANALYSED_BYTES {
        return body;
    }
    let mut cut = MAX_ANALYSED_BYTES;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &body[..cut];
    let half = MAX_ANALYSED_BYTES / 2;
    if let Some(i) = head.rfind('\n').filter(|&i| i >= half) {
        return &body[..i];
    }
    if let Some(i) = head.rfind(". ").filter(|&i| i >= half) {
        return &body[..=i];
    }
    head
}

/// [`analysed_part`] of `body`, with the sentence for [`Extraction::limits`]
/// when it is shorter than the body ("text too long: only the first N of M
/// bytes analysed").
pub(crate) fn analysed_with_limit(body: &str) -> (&str, Option<String>) {
    let analysed = analysed_part(body);
    let limit = (analysed.len() < body.len()).then(|| {
        format!(
            "text too long: only the first {} of {} bytes analysed (limit {} bytes)",
            analysed.len(),
            body.len(),
            MAX_ANALYSED_BYTES
        )
    });
    (analysed, limit)
}

impl Extractor {
    /// The extractor with the built-in English lexicon.
    pub fn english() -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.add_toml(lexicon::ENGLISH, "built-in en.toml")?;
        Ok(Self {
            lexicon,
            ru: None,
            fr: None,
        })
    }

    /// The extractor with every language pack: English, Russian and French
    /// (the Russian dictionary loads in about 20 ms). Articles are dispatched
    /// by `meta.language` (see [`language::identify`]).
    pub fn multilingual() -> Result<Self, ru::PackError> {
        let mut ex = Self::english()?;
        ex.ru = Some(std::sync::Arc::new(ru::Pack::new()?));
        ex.fr = Some(std::sync::Arc::new(fr::Pack::new()?));
        Ok(ex)
    }

    /// Adds a user lexicon file: the English format of `data/en.toml`, or,
    /// when the file says `[language] code = "ru"`, the Russian format of
    /// `data/ru.toml` (an error when the Russian pack is not loaded), or, with
    /// `code = "fr"`, the format of `data/fr.toml` (the English format, French
    /// words) for the French pack.
    pub fn add_lexicon(&mut self, path: &std::path::Path) -> Result<(), LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let origin = path.display().to_string();
        let missing = |name: &str| LexiconError::Parse {
            path: origin.clone(),
            message: format!("a {name} lexicon needs the {name} language pack"),
        };
        match language_of_lexicon(&text).as_deref() {
            Some("ru") => {
                let pack = self.ru.as_mut().ok_or_else(|| missing("Russian"))?;
                return std::sync::Arc::make_mut(pack).add_toml(&text, &origin);
            }
            Some("fr") => {
                let pack = self.fr.as_mut().ok_or_else(|| missing("French"))?;
                return std::sync::Arc::make_mut(pack).add_toml(&text, &origin);
            }
            _ => {}
        }
        self.lexicon.add_toml(&text, &origin)
    }

    /// The Russian pack, when loaded.
    pub fn russian(&self) -> Option<&ru::Pack> {
        self.ru.as_deref()
    }

    /// The French pack, when loaded.
    pub fn french(&self) -> Option<&fr::Pack> {
        self.fr.as_deref()
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts one article. `body` is the text the evidence offsets index
    /// (bytes); `meta` is copied into the record.
    ///
    /// Never fails and never panics: text past [`MAX_ANALYSED_BYTES`] is left
    /// unread (reported in [`Extraction::limits`]), over-long sentences are
    /// cut into chunks of [`segment::MAX_SENTENCE_TOKENS`].
    pub fn extract(&self, meta: ArticleMeta, body: &str) -> Extraction {
        // A panic is a bug of the rules; it must not end a batch (nor, under
        // rayon, a whole run): the article is kept with an empty record and
        // the failure is reported as a limit.
        let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut x = self.dispatch(meta.clone(), body);
            verdict::date_convictions(&mut x);
            x
        }));
        guarded.unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Extraction {
                record: ExtractRecord {
                    article: meta,
                    people: Vec::new(),
                    organizations: Vec::new(),
                    events: Vec::new(),
                    charges: Vec::new(),
                },
                explanations: Vec::new(),
                participants: Vec::new(),
                skipped_lines: 0,
                limits: vec![format!(
                    "internal error, nothing extracted (a bug; please report it): {why}"
                )],
            }
        })
    }

    /// Runs the pack of the article's language.
    fn dispatch(&self, meta: ArticleMeta, body: &str) -> Extraction {
        if let ("fr", Some(pack)) = (meta.language.as_str(), &self.fr) {
            return pack.extract(meta, body);
        }
        match (meta.language.as_str(), &self.ru) {
            ("ru", Some(pack)) => {
                // the same bound on the analysed text as for English
                let (analysed, limit) = analysed_with_limit(body);
                let mut x = pack.extract(meta, analysed);
                x.limits.extend(limit);
                return x;
            }
            ("en", _) => {}
            (code, ru) if !language::has_pack(code) || ru.is_none() || code == "fr" => {
                return self.names_only(meta, body);
            }
            _ => {}
        }
        self.extract_english(meta, body)
    }

    /// A record with people and organisations but no events, for a language
    /// without a pack (see [`names_only`]).
    fn names_only(&self, meta: ArticleMeta, body: &str) -> Extraction {
        names_only::extract(self, meta, body)
    }

    /// Extracts one English article.
    pub(crate) fn extract_english(&self, meta: ArticleMeta, body: &str) -> Extraction {
        let (analysed, limit) = analysed_with_limit(body);
        let mut limits: Vec<String> = limit.into_iter().collect();
        let mut sentences = segment::sentences(analysed);
        if let Some((cut, why)) = over_budget(&sentences, &self.lexicon) {
            limits.push(format!(
                "too complex: {why}; the text from byte {} on is not analysed",
                sentences[cut].start
            ));
            sentences.truncate(cut);
        }
        // headlines, section headers and datelines are not read for events; they and captions name
        // no new person
        let lines = structure::classify(analysed, &sentences);
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
        // a report without a publication date is anchored by its own dateline, if it has one
        let published = meta.published.or_else(|| structure::dateline_day(&sentences, &lines));
        let found = events::find(&sentences, &ents, &self.lexicon, published, &event_skip, &captions);

        let (record, explanations) = build_record(meta, body, &sentences, &ents, &found, &self.lexicon);
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
            record,
            explanations,
            limits,
        }
    }
}

/// The record of one article from its entities and found events (the English
/// and French packs share it): people `p1…` and organisations `o1…` in order of
/// first mention, one event per found event with its evidence sentence (byte
/// span of `body`), charges from the lexicon's charge phrases with the people
/// of the same sentence's events as subjects; and one explanation per event.
pub(crate) fn build_record(
    meta: ArticleMeta,
    body: &str,
    sentences: &[segment::Sentence],
    ents: &entities::Entities,
    found: &[events::FoundEvent],
    lexicon: &Lexicon,
) -> (ExtractRecord, Vec<String>) {
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
                inferred: f.date.is_some() && f.date_reason == "inherited",
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
    // the events of each sentence, found once (not a scan of all events per charge)
    let mut events_of: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (i, f) in found.iter().enumerate() {
        if let Some(v) = events_of.get_mut(f.sentence) {
            v.push(i);
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        for c in charges::find_in(&s.tokens, lexicon) {
            let subjects: Vec<String> = events_of[si]
                .iter()
                .map(|&i| &events[i])
                .flat_map(|e| {
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

    (
        ExtractRecord {
            article: meta,
            people,
            organizations,
            events,
            charges,
        },
        explanations,
    )
}

/// The `[language] code` of a lexicon file, if it states one.
fn language_of_lexicon(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Header {
        language: Option<Code>,
    }
    #[derive(serde::Deserialize)]
    struct Code {
        code: String,
    }
    toml::from_str::<Header>(text).ok()?.language.map(|c| c.code)
}

/// The index of the first sentence that takes the article past its budget
/// ([`MAX_DISTINCT_CAPITALISED`] names or [`MAX_WORK`] rule steps), with
/// the reason, if one does.
fn over_budget(sentences: &[segment::Sentence], lex: &Lexicon) -> Option<(usize, String)> {
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut work = 0u64;
    for (i, s) in sentences.iter().enumerate() {
        let mut triggers = 0u64;
        for t in &s.tokens {
            if t.is_word() && t.is_capitalized() {
                seen.insert(t.lower.as_str());
            }
            if lex.patterns_starting(&t.lower).next().is_some() {
                triggers += 1;
            }
        }
        if seen.len() > MAX_DISTINCT_CAPITALISED {
            return Some((
                i,
                format!("more than {MAX_DISTINCT_CAPITALISED} distinct capitalised words (names)"),
            ));
        }
        let n = s.tokens.len() as u64;
        work += triggers * n * n;
        if work > MAX_WORK {
            return Some((
                i,
                format!("more than {MAX_WORK} rule steps (trigger words in long sentences)"),
            ));
        }
    }
    None
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

/// Helpers of the packs' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// `count` random texts of up to 59 of `pieces` each (a space after three
    /// pieces in four), from a fixed xorshift `seed`: the same texts every run.
    pub(crate) fn random_texts(pieces: &[&str], mut seed: u64, count: usize) -> Vec<String> {
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..count)
            .map(|_| {
                let n = (next() % 60) as usize;
                let mut body = String::new();
                for _ in 0..n {
                    body.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                    if next() % 4 != 0 {
                        body.push(' ');
                    }
                }
                body
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lexicon_builds() {
        assert!(Extractor::english().is_ok());
    }

    fn meta() -> ArticleMeta {
        ArticleMeta {
            id: "a".into(),
            source: "a.txt".into(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 3, 12),
            title: None,
            language: "en".into(),
            sha256: "0".repeat(64),
            url: None,
        }
    }

    #[test]
    fn over_long_text_is_analysed_up_to_the_limit() {
        let ex = Extractor::english().unwrap();
        let lead = "Police detained journalist Dana Okafor on Tuesday.\n";
        let filler = "The weather was mild and nothing else happened that day.\n";
        let body = format!("{lead}{}", filler.repeat(2 * MAX_ANALYSED_BYTES / filler.len()));
        let part = analysed_part(&body);
        assert!(part.len() <= MAX_ANALYSED_BYTES && part.len() > MAX_ANALYSED_BYTES / 2);
        assert!(part.ends_with("day."), "cut at a line break");
        let out = ex.extract(meta(), &body);
        assert_eq!(out.record.events.len(), 1);
        assert_eq!(out.record.events[0].evidence.sentence, lead.trim());
        assert_eq!(out.limits.len(), 1);
        assert!(
            out.limits[0].starts_with("text too long: only the first"),
            "{}",
            out.limits[0]
        );
        // ordinary text: no limit reached
        assert!(ex.extract(meta(), lead).limits.is_empty());
    }

    #[test]
    fn a_long_run_repeating_a_trigger_is_too_complex_past_the_budget() {
        let ex = Extractor::english().unwrap();
        let run = "reporter questioned in Sad ".repeat(3_000);
        let body = format!("Police detained journalist Dana Okafor on Tuesday.\n{run}\n");
        let out = ex.extract(meta(), &body);
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

    #[test]
    fn an_apposition_gap_starting_with_and_does_not_panic() {
        // found by the fuzz driver (a mutated bundled example): ", and" right after a named person
        let bytes = include_bytes!("../tests/data/fuzz-apposition-gap.txt");
        let text = String::from_utf8_lossy(bytes);
        let body = text.split_once('\n').map_or(&*text, |(_, b)| b);
        let out = Extractor::english().unwrap().extract(meta(), body);
        assert!(out.limits.is_empty(), "{:?}", out.limits);
        assert!(!out.record.events.is_empty());
    }

    #[test]
    fn a_roll_of_thousands_of_names_is_too_complex_past_the_budget() {
        let ex = Extractor::english().unwrap();
        let names: Vec<String> = (0..3_000).map(|i| format!("Given{i} Surname{i}")).collect();
        let body = format!(
            "Police detained journalist Dana Okafor on Tuesday.\nThe signatories were {}.\n",
            names.join(", ")
        );
        let out = ex.extract(meta(), &body);
        assert_eq!(out.record.events.len(), 1);
        assert!(
            out.limits
                .iter()
                .any(|l| l.starts_with("too complex: more than 2000 distinct")),
            "{:?}",
            out.limits
        );
        assert!(out.record.people.len() < MAX_DISTINCT_CAPITALISED);
    }
}
