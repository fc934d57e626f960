//! Events of an English article, in stages with one job each. [`find`] runs them
//! sentence by sentence and owns what crosses sentences (the paragraph's and
//! the lede's dates, the participants in focus):
//!
//! 1. trigger sense and clause structure (`sense`): lexicon patterns, the
//!    readings that are no event (references, settings, names, habits), clause
//!    and relative-clause bounds, jurisdiction ("arrest" by a court);
//! 2. status ([`crate::status`]): negation, modality, calls, denials, scoped to
//!    the clause;
//! 3. mentions to participants (`reference`) and who the event happens to
//!    (`subjects`): voice, possessors, coordination, appositions, speakers;
//! 4. the participant model (`participants`): sets, companions, counted groups,
//!    the article's defendants;
//! 5. dates (`timing`) and the other roles (`roles`);
//! 6. article-level passes in [`find`]: implied acts, verdict dates, denials by
//!    the next sentence.
//!
//! Closed-class word lists shared by the stages are in `words`.

use crate::dates::{self, DateMention, When};
use crate::entities::{Entities, Gender, Mention, Target, occupation_at};
use crate::lexicon::{Lexicon, OccupationKind, Voice};
use crate::segment::{Sentence, Token, TokenKind};
use crate::status::{self, SPEECH, StatusReason};
use casewatch_model::{DateQualifier, EventType, OrgKind, PartialDate, Status};
use chrono::{Datelike, NaiveDate};

mod participants;
mod passes;
mod reference;
mod roles;
mod sense;
mod subjects;
mod timing;
mod words;

pub use participants::participants;
use participants::*;
use passes::*;
use reference::*;
use roles::*;
use sense::*;
use subjects::*;
use timing::*;
use words::*;

/// A subject as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectRef {
    /// A person (index into the entities).
    Person(usize),
    /// An unnamed group with an optional count.
    Group {
        /// The words describing it ("two accountants").
        desc: String,
        /// The head count when stated.
        count: Option<u32>,
    },
    /// An organisation as subject (an outlet whose site is blocked).
    Org(usize),
}

/// An event found in one sentence, before it becomes a record entry.
#[derive(Debug, Clone)]
pub struct FoundEvent {
    /// Type.
    pub event_type: EventType,
    /// Sentence index.
    pub sentence: usize,
    /// Trigger tokens `[start, end)`.
    pub trigger: (usize, usize),
    /// The clause around the trigger, token range `[start, end)`.
    pub clause: (usize, usize),
    /// Rule id of the trigger.
    pub rule: String,
    /// The pattern that matched.
    pub pattern: String,
    /// Subjects.
    pub subjects: Vec<SubjectRef>,
    /// How the subjects were found.
    pub subject_reason: &'static str,
    /// Resolved date.
    pub date: Option<PartialDate>,
    /// Qualifier.
    pub qualifier: Option<DateQualifier>,
    /// The date words.
    pub date_text: Option<String>,
    /// How the date was found.
    pub date_reason: &'static str,
    /// Agent: an org index or a generic name.
    pub agent: Option<(Option<usize>, String)>,
    /// Place.
    pub place: Option<String>,
    /// Status and the cue that decided it.
    pub status: StatusReason,
    /// Who the article cites.
    pub attributed_to: Option<String>,
    /// Detail.
    pub detail: Option<String>,
}

impl FoundEvent {
    /// The people among the subjects (indices into the article's people), in order.
    pub fn persons(&self) -> Vec<usize> {
        self.subjects
            .iter()
            .filter_map(|s| if let SubjectRef::Person(p) = s { Some(*p) } else { None })
            .collect()
    }
}

/// Event types that happen to people and need a subject.
fn needs_person(t: EventType) -> bool {
    !matches!(
        t,
        EventType::Search
            | EventType::Seizure
            | EventType::AssetFreeze
            | EventType::WebsiteBlock
            | EventType::Liquidation
            | EventType::Designation
    )
}

fn preferred_agents(t: EventType) -> &'static [OrgKind] {
    use EventType::*;
    match t {
        Detention | Search | Seizure | Questioning | Expulsion => {
            &[OrgKind::SecurityAgency, OrgKind::Police, OrgKind::Prosecutor]
        }
        Charge => &[OrgKind::Prosecutor, OrgKind::SecurityAgency, OrgKind::Police],
        PretrialDetention | HouseArrest | TravelBan | Hearing | Appeal | Conviction | Sentence | Acquittal
        | AssetFreeze => &[OrgKind::Court],
        Release => &[OrgKind::Court, OrgKind::SecurityAgency, OrgKind::Police],
        WebsiteBlock | Liquidation | Designation | Pardon => &[
            OrgKind::Government,
            OrgKind::Court,
            OrgKind::SecurityAgency,
            OrgKind::Prosecutor,
        ],
        _ => &[],
    }
}

const BACKGROUND: &[&str] = &["previously", "earlier", "recall", "separately"];

struct Ctx<'a> {
    sentences: &'a [Sentence],
    ents: &'a Entities,
    lex: &'a Lexicon,
    /// Lower-case words of every sentence, computed once.
    words: Vec<Vec<&'a str>>,
    /// Per sentence, per mention of `ents.mentions`: whether it is the
    /// source the sentence quotes (`subjects::is_speaker`), computed once:
    /// pronouns and triggers ask it of every mention of a sentence, which
    /// asked anew was quadratic in a long sentence's names.
    speakers: Vec<Vec<bool>>,
}

/// Finds the events of an article. Sentences marked in `skip` (headlines,
/// section headers: [`crate::structure`]) are not read; sentences marked in
/// `captions` are read, but their dates are no context for other sentences.
pub fn find(
    sentences: &[Sentence],
    ents: &Entities,
    lex: &Lexicon,
    published: Option<NaiveDate>,
    skip: &[bool],
    captions: &[bool],
) -> Vec<FoundEvent> {
    let words_of: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.lower.as_str()).collect())
        .collect();
    let speakers = words_of
        .iter()
        .enumerate()
        .map(|(si, words)| {
            ents.mentions[si]
                .iter()
                .map(|m| subjects::is_speaker(words, m))
                .collect()
        })
        .collect();
    let ctx = Ctx {
        sentences,
        ents,
        lex,
        words: words_of,
        speakers,
    };
    let mut out: Vec<FoundEvent> = Vec::new();
    // dates an undated event may take: the last stated date of its paragraph,
    // else the lede's (the first stated date of the article: the news the
    // article reports); and the last day-precise date, the anchor of "two days later"
    let mut lede: Option<PartialDate> = None;
    // whether the story's time is the report's month (set by news told in the present perfect)
    let mut news_lede = false;
    let mut para_date: Option<PartialDate> = None;
    let mut last_para = usize::MAX;
    let mut anchor = Anchors::default();
    let mut focus = Focus::default();
    // the report's jurisdiction: does it call a court's custody an "arrest"?
    let court_arrest_country = sentences
        .iter()
        .flat_map(|s| s.tokens.iter())
        .filter(|t| t.is_capitalized() && lex.court_arrest_markers.contains(t.lower.as_str()))
        .count()
        >= 2;
    for (si, s) in sentences.iter().enumerate() {
        let words: &[&str] = &ctx.words[si];
        let mentions = dates::find(&s.tokens, published);
        focus.observe(ents, si, words);
        if s.paragraph != last_para {
            last_para = s.paragraph;
            para_date = None;
        }
        if skip.get(si).copied().unwrap_or(false) {
            continue;
        }
        let background = words.first().is_some_and(|w| BACKGROUND.contains(w))
            || words
                .windows(3)
                .take(6)
                .any(|w| w == ["as", "previously", "reported"] || w == ["in", "a", "separate"])
            || words.windows(2).take(6).any(|w| w == ["reported", "earlier"]);
        let mut found: Vec<FoundEvent> = Vec::new();
        // names that are also words ("Grace Hope", "Will Rose") must not read as modality or negation
        let status_words: Vec<&str> = (0..words.len())
            .map(|k| {
                let named = ents.mentions[si]
                    .iter()
                    .any(|m| m.first <= k && k < m.last && matches!(m.target, Target::Person(_)));
                // and capitalised words inside a name of something ("Reporters Without Borders")
                let cap = |j: usize| {
                    s.tokens
                        .get(j)
                        .is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized() && t.text != "I")
                };
                let initial = k == 0 || s.tokens[k - 1].kind == TokenKind::Punct;
                let in_name = !initial && cap(k) && (cap(k - 1) || cap(k + 1));
                if named || in_name { "<name>" } else { words[k] }
            })
            .collect();
        for (start, end, ti, pi) in trigger_matches(lex, words) {
            let trig = &lex.triggers[ti];
            let Some(event_type) = trig.event_type else { continue };
            // "released from house arrest", "freed from pre-trial detention": the state that ended
            let from_state = start > 0
                && words[start - 1] == "from"
                && matches!(
                    event_type,
                    EventType::HouseArrest | EventType::PretrialDetention | EventType::Detention
                );
            if from_state
                || !sanity(event_type, words, start, end)
                || released_thing(event_type, words, start, &s.tokens, &ents.mentions[si], lex)
                || questioned_thing(event_type, words, start, end, &s.tokens, lex)
                || (!trig.predicate
                    && is_reference(words, start)
                    // "since his arrest on June 7", "her arrest in June": a possessed act with its own date
                    // is told (the reconciler joins it with the act told elsewhere)
                    && !(start > 0
                        && (matches!(words[start - 1], "his" | "her" | "their") || words[start - 1].ends_with("'s"))
                        && mentions.iter().any(|m| {
                        m.first >= end
                            && m.first <= end + 1
                            && matches!(m.when, When::Absolute(Some(_)))
                            && words[end..m.first].iter().all(|w| matches!(*w, "on" | "in"))
                    })))
                || inside_a_name(s, &ents.mentions[si], start, end)
                || generic_comparison(words, start)
            {
                continue;
            }
            let clause = clause_bounds(words, start, end);
            let speech = speech_verb(&ctx, si, words);
            // a sentence in quotation marks is someone's words: its coercion or denial of counsel is
            // a claim even when the verb of saying stands in another sentence
            let quoted = s
                .tokens
                .first()
                .is_some_and(|t| matches!(t.text.as_str(), "\"" | "“" | "«"));
            let mut status = status::decide(
                &status_words,
                start,
                end,
                clause.0,
                event_type,
                speech.as_ref().map(|(k, _)| *k),
            );
            if quoted && status.status == Status::Occurred && status::allegation_prone(event_type) {
                status.status = Status::Alleged;
                status.cue = Some("quoted".into());
            }
            // calls and demands by outsiders are no events at all
            if status.call {
                continue;
            }
            let (subjects, subject_reason) =
                subjects_for(&ctx, si, words, start, end, clause, trig.voice, event_type, &focus);
            let subjects: Vec<SubjectRef> = subjects
                .into_iter()
                .filter(|s| match s {
                    SubjectRef::Person(p) => !matches!(
                        ents.people[*p].occupation_kind,
                        Some(OccupationKind::Lawyer) | Some(OccupationKind::Official)
                    ),
                    SubjectRef::Org(_) => !needs_person(event_type),
                    SubjectRef::Group { .. } => true,
                })
                .collect();
            // "X was among five people arrested": the person is a member of the group the event
            // happens to, and is named
            let mut subjects = subjects;
            if subjects.iter().any(|s| matches!(s, SubjectRef::Group { .. }))
                && let Some(among) = (clause.0.max(1)..start).rev().find(|&k| words[k] == "among")
                && matches!(words[among - 1], "was" | "were" | "is" | "are")
            {
                // (when the clause is a relative one, "X, who has long complained of …, was among",
                // the member is the relative pronoun's antecedent)
                let (from, to) = if clause.0 >= 1 && words[clause.0 - 1] == "who" {
                    (0, clause.0 - 1)
                } else {
                    (clause.0, among - 1)
                };
                let members: Vec<SubjectRef> = units(&ctx, si, words, from, to, &focus)
                    .into_iter()
                    .rev()
                    .find(|u| !u.subjects.is_empty() && !u.org)
                    .map(|u| u.subjects)
                    .unwrap_or_default();
                // (or the one the lede describes, "a 21-year-old journalist … was among five people
                // arrested", whom the next sentences name)
                if members.iter().any(|m| matches!(m, SubjectRef::Person(_)))
                    || matches!(&members[..], [SubjectRef::Group { count: Some(1), .. }])
                {
                    subjects = members;
                }
            }
            // named members and companions: "four board members were arrested, including A and B",
            // "A was arrested along with B and C" (named members replace the unnamed group)
            let members = if trig.id.ends_with(".undergoers") {
                // "the other arrestees included barrister A, singer B, C and D": the list is the subject
                let stop = (end..words.len())
                    .find(|&k| matches!(words[k], ";" | ":") || SUBORDINATORS.contains(&words[k]))
                    .unwrap_or(words.len());
                named_list(&ctx, si, words, end, stop)
            } else if needs_person(event_type) {
                companions(&ctx, si, words, end)
            } else {
                Vec::new()
            };
            let subject_reason = if !members.is_empty() {
                subjects.retain(|s| !matches!(s, SubjectRef::Group { .. }));
                for p in members {
                    if !subjects.contains(&SubjectRef::Person(p)) {
                        subjects.push(SubjectRef::Person(p));
                    }
                }
                if subject_reason == "none" {
                    "named members"
                } else {
                    subject_reason
                }
            } else {
                subject_reason
            };
            // a court's act told before anyone is named ("The verdict in the sedition trial against the
            // outlet has been postponed …") waits for the article's defendants (see `defendants_of_the_article`)
            let awaits_defendants = subjects.is_empty()
                && matches!(event_type, EventType::Hearing | EventType::Appeal)
                && focus.recent.is_empty()
                && focus.plural.is_empty();
            if subjects.is_empty()
                && needs_person(event_type)
                && event_type != EventType::DenialOfCounsel
                && !awaits_defendants
            {
                continue;
            }
            // "blocked" is a website block when the words are about the web or an outlet is what was blocked
            if event_type == EventType::WebsiteBlock
                && !web_context(words, start, end)
                && !subjects
                    .iter()
                    .any(|s| matches!(s, SubjectRef::Org(o) if ents.orgs[*o].kind == OrgKind::MediaOutlet))
            {
                continue;
            }
            // a designation names what is designated: "outlets labelled extremist" in general is no event
            if event_type == EventType::Designation && subjects.is_empty() {
                continue;
            }
            // a possibility is no event (taxonomy: hypothetical acts are not events): "the trial could
            // have started in May", "the trial can start at any time"; scheduled acts ("will", "would")
            // stay, as not_occurred
            if status.status == Status::NotOccurred
                && status
                    .cue
                    .as_deref()
                    .and_then(|c| c.split(' ').next())
                    .is_some_and(|c| {
                        matches!(c, "could" | "can" | "might" | "may")
                            // a counterfactual: "we would have been persuaded to direct the release"
                            || (c == "would"
                                && words[clause.0..start].windows(2).any(|w| w == ["would", "have"]))
                            // a prediction or a guess: "I predicted that the trial would take place"
                            || (c == "would"
                                && words[..start].iter().any(|w| {
                                    matches!(
                                        *w,
                                        "predicted" | "predicts" | "guessed" | "speculated" | "believed" | "thought" | "feared"
                                    )
                                }))
                    })
                // a threat or a condition is an act threatened ("warned that she could be arrested if …")
                && !words.iter().any(|w| {
                    matches!(*w, "if" | "unless" | "warned" | "threatened" | "threat" | "threats" | "warning")
                })
            {
                continue;
            }
            // a beating is a coercion allegation when someone claims or denies it or it is about
            // testimony (taxonomy: forced testimony); told as a plain fact, "was beaten and detained
            // twice in 2018" is ill-treatment, no such event
            if event_type == EventType::CoercionAllegation
                && words[start..end].contains(&"beaten")
                && status.status == Status::Occurred
                && !words.iter().any(|w| {
                    w.starts_with("interrogat")
                        || w.starts_with("confess")
                        || w.starts_with("testi")
                        || w.starts_with("statement")
                        || matches!(
                            *w,
                            "sign"
                                | "signed"
                                | "recording"
                                | "recorded"
                                | "threatened"
                                | "forced"
                                | "pressure"
                                | "questioning"
                        )
                })
            {
                continue;
            }
            // a prosecutor's demand for a sentence is not a sentence (taxonomy: `other`, never emitted)
            if event_type == EventType::Sentence
                && status.status == Status::NotOccurred
                && status.cue.as_deref().is_some_and(|c| {
                    matches!(
                        c,
                        "asked"
                            | "ask"
                            | "asking"
                            | "asks"
                            | "demanded"
                            | "demand"
                            | "demands"
                            | "sought"
                            | "seek"
                            | "seeks"
                            | "requested"
                            | "request"
                    )
                })
            {
                continue;
            }
            // "X, who was seized from his home": a person seized is detained, not property taken
            let event_type = if event_type == EventType::Seizure
                && start >= 2
                && matches!(words[start - 1], "was" | "were")
                && (matches!(words[start - 2], "who" | "he" | "she" | "they")
                    || ents.mentions[si].iter().any(|m| {
                        m.last == start - 1
                            && matches!(m.target, Target::Person(_))
                            && !words[m.last - 1].ends_with("'s")
                            // "the laptop of reporter X was seized" seizes the laptop
                            && !words[m.first.saturating_sub(3)..m.first].contains(&"of")
                    })) {
                EventType::Detention
            } else {
                event_type
            };
            // jurisdiction: a court's "arrest" (Turkey's tutuklama, Russia's арест) is pre-trial detention
            let event_type = if event_type == EventType::Detention
                && (court_ordered_arrest(&ctx, si, words, start, end, clause)
                    || (court_arrest_country && arrest_without_police(&ctx, si, words, start, clause)))
            {
                EventType::PretrialDetention
            } else {
                event_type
            };
            let attributed_to = speech
                .and_then(|(_, who)| who)
                .or_else(|| according_to(&ctx, si, words));
            let agent = agent_for(&ctx, si, words, event_type, start, clause);
            let place = place_for(&ctx, si, words);
            let detail = detail_for(&ctx, si, words, event_type, start, end, &mentions, clause);
            found.push(FoundEvent {
                event_type,
                sentence: si,
                trigger: (start, end),
                clause,
                rule: trig.id.clone(),
                pattern: trig.patterns[pi].source.clone(),
                subjects,
                subject_reason,
                date: None,
                qualifier: None,
                date_text: None,
                date_reason: "none",
                agent,
                place,
                status,
                attributed_to,
                detail,
            });
        }
        // questioning that a denial of counsel describes is the same episode ("X had been questioned
        // before his lawyer was allowed in"): the denial is about the person questioned
        if found.iter().any(|e| e.event_type == EventType::DenialOfCounsel) {
            let questioned: Vec<SubjectRef> = found
                .iter()
                .filter(|e| matches!(e.event_type, EventType::Questioning | EventType::Detention))
                .flat_map(|e| {
                    e.subjects
                        .iter()
                        .filter(|s| matches!(s, SubjectRef::Person(_)))
                        .cloned()
                })
                .collect();
            for e in found.iter_mut().filter(|e| e.event_type == EventType::DenialOfCounsel) {
                if !questioned.is_empty()
                    && (e.subjects.is_empty() || e.trigger.0 > 0 && words[e.trigger.0] == "before")
                {
                    e.subjects = questioned.clone();
                    e.subject_reason = "the person questioned in the same sentence";
                }
            }
            found.retain(|e| e.event_type != EventType::Questioning && !e.subjects.is_empty());
        }
        // "arrested during a raid on their homes": a search or seizure with no subject of its own is of
        // the people another event of the sentence happens to (the nearest such trigger)
        let person_events: Vec<((usize, usize), Vec<SubjectRef>)> = found
            .iter()
            .filter(|e| e.subjects.iter().any(|s| matches!(s, SubjectRef::Person(_))))
            .map(|e| (e.trigger, e.subjects.clone()))
            .collect();
        for e in found
            .iter_mut()
            .filter(|e| matches!(e.event_type, EventType::Search | EventType::Seizure) && e.subjects.is_empty())
        {
            if let Some((_, subjects)) = person_events.iter().min_by_key(|(t, _)| t.0.abs_diff(e.trigger.0)) {
                e.subjects = subjects
                    .iter()
                    .filter(|s| matches!(s, SubjectRef::Person(_)))
                    .cloned()
                    .collect();
                e.subject_reason = "the people of the sentence's other event (whose premises)";
            }
        }
        // "forced to sign a confession": the confession is what the coercion produced, not a separate fact
        let coerced: Vec<(usize, usize)> = found
            .iter()
            .filter(|e| e.event_type == EventType::CoercionAllegation)
            .map(|e| e.trigger)
            .collect();
        found.retain(|e| {
            e.event_type != EventType::Confession
                || !coerced.iter().any(|c| c.1 <= e.trigger.0 && e.trigger.0 - c.1 <= 4)
        });
        // "withdrew the confession he had signed": a retracted confession was made (its date unknown)
        let implied: Vec<FoundEvent> = found
            .iter()
            .filter(|e| {
                e.event_type == EventType::Retraction
                    && words[e.trigger.0..e.trigger.1]
                        .iter()
                        .any(|w| matches!(*w, "confession" | "confessions"))
            })
            .map(|e| FoundEvent {
                event_type: EventType::Confession,
                detail: None,
                agent: None,
                subject_reason: "the confession a retraction withdraws",
                rule: format!("{}+implied", e.rule),
                ..e.clone()
            })
            .collect();
        found.extend(implied);
        // "upheld her conviction", "left his five-year sentence unchanged": a verdict an appeal rules
        // on was handed down (its date unknown); kept only if the article tells it nowhere else
        let upheld: Vec<FoundEvent> = found
            .iter()
            .filter(|e| e.event_type == EventType::Appeal && e.status.status == Status::Occurred)
            .filter_map(|e| {
                let after = &words[e.trigger.1..(e.trigger.1 + 5).min(words.len())];
                let ruled_on = matches!(words[e.trigger.0], "upheld" | "upholds" | "uphold" | "left")
                    && after.iter().take(2).any(|w| matches!(*w, "her" | "his" | "their"));
                let t = after.iter().find_map(|w| match *w {
                    "conviction" | "verdict" => Some(EventType::Conviction),
                    "sentence" | "sentences" => Some(EventType::Sentence),
                    _ => None,
                })?;
                ruled_on.then(|| FoundEvent {
                    event_type: t,
                    detail: None,
                    agent: None,
                    subject_reason: "the verdict an appeal rules on",
                    rule: format!("{}+implied", e.rule),
                    ..e.clone()
                })
            })
            .collect();
        found.extend(upheld);
        found.sort_by_key(|e| e.trigger);
        for e in found.iter_mut() {
            resolve_counted_group_back(ents, &focus, e);
        }
        let inherit = if background { None } else { para_date.or(lede) };
        assign_dates(s, words, &status_words, &mentions, &mut found, &mut anchor, inherit);
        // "since October, when X was rounded up": a "when" clause hung on a date happened then
        if let Some((k, d)) = (2..words.len()).find_map(|k| {
            (words[k] == "when" && words[k - 1] == ",")
                .then(|| mentions.iter().find(|m| m.last == k - 1))
                .flatten()
                .and_then(|m| {
                    if let When::Absolute(Some(d)) = m.when {
                        Some((k, d))
                    } else {
                        None
                    }
                })
        }) {
            for e in found
                .iter_mut()
                .filter(|e| e.trigger.0 > k && e.date_reason != "stated in the sentence")
            {
                e.date = Some(d);
                e.qualifier = None;
                e.date_reason = "the date its \"when\" clause hangs on";
            }
        }
        // the news itself: a present perfect before any date of the article ("X has been arrested,
        // the agency reports") happened shortly before the report, in its month
        if (lede.is_none() || news_lede)
            && !background
            && let Some(p) = published
        {
            for e in found.iter_mut().filter(|e| {
                e.date.is_none()
                    && e.status.status == Status::Occurred
                    && e.trigger.0 >= 1
                    && (matches!(words[e.trigger.0 - 1], "has" | "have")
                        || (e.trigger.0 >= 2
                            && words[e.trigger.0 - 1] == "been"
                            && matches!(words[e.trigger.0 - 2], "has" | "have"))
                        // "the journalist is accused of …": a charge told in the present is news too
                        || (e.event_type == EventType::Charge && matches!(words[e.trigger.0 - 1], "is" | "are"))
                        // and so is an act in progress: "X is being searched"
                        || (e.trigger.0 >= 2
                            && words[e.trigger.0 - 1] == "being"
                            && matches!(words[e.trigger.0 - 2], "is" | "are")))
            }) {
                e.date = PartialDate::month(p.year(), p.month());
                e.date_reason = REPORT_MONTH;
            }
        }
        // "sentenced … on charges of", "arrested on charges": the charges were brought before the
        // act that cites them, so they take no date from it
        let acts: Vec<(usize, usize)> = found
            .iter()
            .filter(|e| e.event_type != EventType::Charge)
            .map(|e| e.clause)
            .collect();
        for e in found.iter_mut().filter(|e| {
            e.event_type == EventType::Charge
                && e.trigger.0 > 0
                && matches!(words[e.trigger.0], "charge" | "charges")
                && matches!(
                    words[e.trigger.0 - 1],
                    "on" | "over" | "under" | "criminal" | "minor" | "similar"
                )
        }) {
            // ("held on charges of …": a charge cited by a state or an act, never dated by it)
            let cited = acts.iter().any(|c| c.0 <= e.trigger.0 && e.trigger.0 < c.1)
                || matches!(words[e.trigger.0 - 1], "on" | "over" | "under");
            if cited && e.date_reason != "stated in the sentence" {
                e.date = None;
                e.qualifier = None;
                e.date_text = None;
                e.date_reason = "none (the charges an act cites were brought before it)";
            }
        }
        // "postponed the hearing until June 30", "the next hearing is adjourned until 22 November": a
        // hearing put off is one that has not happened, on the day it was put off to
        for e in found.iter_mut().filter(|e| {
            matches!(e.event_type, EventType::Hearing | EventType::Appeal)
                && matches!(e.date_reason, "inherited" | "none" | "shared with the clause")
        }) {
            let put_off = words[e.clause.0..e.clause.1].iter().any(|w| {
                matches!(
                    *w,
                    "postponed" | "adjourned" | "moved" | "rescheduled" | "deferred" | "delayed" | "put"
                )
            });
            let target = mentions.iter().find(|m| {
                m.first > e.trigger.0
                    && m.first < e.clause.1
                    && m.first > 0
                    && matches!(words[m.first - 1], "until" | "till" | "to")
            });
            if put_off
                && let Some(m) = target
                && let When::Absolute(Some(d)) = m.when
            {
                e.date = Some(d);
                e.qualifier = m.qualifier;
                e.date_reason = "the day it was put off to";
                e.status = StatusReason::decided(Status::NotOccurred, "postponed");
            }
        }
        // "on August 25, the court upheld the nine-year prison sentence": the day is the appeal's; the
        // sentence upheld was imposed before, on a day only a date after it states ("upheld the
        // sentence he received in November")
        for e in found.iter_mut().filter(|e| {
            matches!(e.event_type, EventType::Sentence | EventType::Conviction)
                && matches!(
                    e.date_reason,
                    "stated in the sentence" | "inherited" | "shared with the clause"
                )
                && words[e.trigger.0.saturating_sub(5)..e.trigger.0]
                    .iter()
                    .any(|w| matches!(*w, "upheld" | "uphold" | "upholds" | "upholding"))
        }) {
            let own = mentions
                .iter()
                .any(|m| m.first >= e.trigger.1 && m.first < e.clause.1 && matches!(m.when, When::Absolute(Some(_))));
            if !own {
                e.date = None;
                e.qualifier = None;
                e.date_text = None;
                e.date_reason = "none (an upheld sentence was imposed before the appeal's day)";
            }
        }
        // an act dated after the report cannot have happened yet: it is scheduled (taxonomy:
        // scheduled acts are `not_occurred`)
        if let Some(p) = published.map(PartialDate::from_naive) {
            for e in found.iter_mut().filter(|e| {
                e.date
                    .is_some_and(|d| d.precision() == casewatch_model::DatePrecision::Day && d > p)
            }) {
                // another act of the clause does not share the day something is put down for
                // ("while posting the pleas for hearing on Monday, the judge declined release")
                if e.date_reason == "shared with the clause" {
                    e.date = inherit;
                    e.qualifier = None;
                    e.date_reason = "inherited";
                    continue;
                }
                if e.status.status != Status::Occurred {
                    continue;
                }
                e.status = StatusReason::decided(Status::NotOccurred, "scheduled (dated after the report)");
            }
        }
        for e in found.iter_mut().filter(|e| e.rule.ends_with("+implied")) {
            e.date = None;
            e.qualifier = None;
            e.date_text = None;
            e.date_reason = "unknown (an earlier act the sentence implies)";
        }
        // "who was detained together with him": the same event as theirs, so the same date
        for ev in found
            .iter_mut()
            .filter(|e| matches!(e.date_reason, "inherited" | "none"))
        {
            let clause = ev.clause;
            let with = (clause.0..clause.1.saturating_sub(1))
                .any(|k| words[k] == "with" && matches!(words[k + 1], "him" | "her" | "them" | "the"))
                || words[clause.0..clause.1].windows(2).any(|w| w == ["together", "with"]);
            if !with {
                continue;
            }
            let joined = out.iter().rev().find(|o| {
                o.event_type == ev.event_type
                    && o.date.is_some()
                    && o.date_reason == "stated in the sentence"
                    && o.subjects
                        .iter()
                        .any(|s| matches!(s, SubjectRef::Person(_)) && !ev.subjects.contains(s))
            });
            if let Some(o) = joined {
                ev.date = o.date;
                ev.qualifier = o.qualifier;
                ev.date_reason = "the date of the event it joins";
            }
        }
        let caption = captions.get(si).copied().unwrap_or(false);
        let rels = relative_spans(words);
        for ev in &found {
            if !caption
                && ev.date_reason == "stated in the sentence"
                && ev.date.is_some()
                && ev.status.status != Status::NotOccurred
                && !anterior(words, ev.trigger.0)
            {
                para_date = ev.date;
                // "… release of X and Y, who were arrested on May 2": an act told in a relative
                // clause is background, not the story's day
                let relative = rels.iter().any(|&(a, b)| a < ev.trigger.0 && ev.trigger.0 < b);
                if lede.is_none() && !background && !relative {
                    lede = ev.date;
                }
            }
            // news told in the present perfect ("The court has found X guilty") sets the story's
            // time to the report's month: later paragraphs that tell the episode without a date
            // are of it, not of a background date met before them
            if !caption && ev.date_reason == REPORT_MONTH && lede.is_none() && !background {
                lede = ev.date;
                news_lede = true;
            }
            focus.subjects(&ev.subjects);
        }
        // the story's day: a lede sentence that dates the scene without a realised event of its own
        // ("The family came to court here on Thursday, hoping she would be acquitted")
        if lede.is_none()
            && !background
            && !caption
            && !found.iter().any(|e| e.status.status != Status::NotOccurred)
            && let Some(d) = mentions.iter().find_map(|m| match m.when {
                // a day of the past: "postponed to March 3" is not the scene
                When::Absolute(Some(d))
                    if d.precision() == casewatch_model::DatePrecision::Day
                        && !is_end_date(words, m)
                        && published.is_none_or(|p| d <= PartialDate::from_naive(p)) =>
                {
                    Some(d)
                }
                _ => None,
            })
        {
            lede = Some(d);
        }
        out.extend(found);
    }
    resolve_counted_groups(sentences, ents, captions, skip, &mut out);
    defendants_of_the_article(ents, &mut out);
    drop_implied_told_elsewhere(&mut out);
    hearing_of_the_appeal(&ctx.words, &mut out);
    date_verdicts_together(&mut out);
    retold_acts_keep_their_date(&ctx.words, &mut out);
    deny_what_the_next_sentence_denies(&ctx.words, &mut out);
    out
}
