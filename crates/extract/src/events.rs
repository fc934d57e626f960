//! Events: trigger matching, then per trigger the subjects (voice, coordination,
//! pronouns, role nouns, groups), date, agent, place, detail and status.

use crate::dates::{self, DateMention, When};
use crate::entities::{Entities, Gender, Mention, Target, occupation_at};
use crate::lexicon::{Lexicon, OccupationKind, Voice};
use crate::segment::{Sentence, Token, TokenKind};
use crate::status::{self, SPEECH, StatusReason};
use casewatch_model::{DateQualifier, EventType, OrgKind, PartialDate, Status};
use chrono::{Datelike, NaiveDate};

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

const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "remains", "remained", "had", "has",
    "have",
];
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "subsequently",
    "then",
    "reportedly",
    "allegedly",
    "previously",
    "already",
    "just",
    "briefly",
    "eventually",
    "initially",
    "formally",
    "officially",
    "repeatedly",
    "twice",
    "again",
    "first",
    "both",
    "all",
    "each",
    "immediately",
    "temporarily",
    "forcibly",
    "illegally",
    "never",
    "not",
    "been",
    "being",
    "once",
];
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "while", "although", "though", "because", "whereas", "which", "who", "whom", "where",
    "unless", "but", "once", "whose",
];
const PERSON_ROLE_NOUNS: &[&str] = &[
    "lawyer",
    "lawyers",
    "sister",
    "brother",
    "wife",
    "husband",
    "mother",
    "father",
    "son",
    "daughter",
    "family",
    "relatives",
    "colleague",
    "colleagues",
    "parents",
    "children",
    "friend",
    "friends",
    "editor",
    "employer",
    "client",
    "defence",
    "defense",
    "team",
    "son's",
];
const GROUP_NOUNS: &[&str] = &[
    "people",
    "staff",
    "staffers",
    "members",
    "workers",
    "colleagues",
    "persons",
    "individuals",
    "others",
];
/// Nouns that a person's name modifies without being a participant of the
/// sentence's event: "the Lukashenka regime", "Navalny's foundation".
const NAME_MODIFIED_NOUNS: &[&str] = &[
    "regime",
    "government",
    "administration",
    "era",
    "foundation",
    "party",
    "supporters",
    "allies",
    "loyalists",
    "critics",
    "death",
    "funeral",
    "grave",
    "murder",
    "killing",
    "presidency",
    "rule",
    "movement",
    "campaign",
    "team",
    "office",
    "widow",
];
/// Plural nouns for people that refer back to a set already named ("the five
/// activists", "the pair", "the accused").
const PLURAL_PERSON_NOUNS: &[&str] = &[
    "journalists",
    "defendants",
    "pair",
    "duo",
    "trio",
    "employees",
    "reporters",
    "women",
    "men",
    "colleagues",
    "accused",
    "co-accused",
    "detainees",
    "prisoners",
    "suspects",
    "activists",
    "editors",
    "founders",
    "staffers",
    "bloggers",
    "photographers",
    "workers",
    "brothers",
    "sisters",
    "friends",
];
/// Words that introduce named members of a subject: "four board members were arrested,
/// including A and B"; "A was arrested along with B and C".
const COMPANION_CUES: &[&[&str]] = &[
    &["including"],
    &["among", "them"],
    &["among", "whom"],
    &["such", "as"],
    &["namely"],
    &["along", "with"],
    &["together", "with"],
    &["alongside"],
    &["as", "well", "as"],
];
const BACKGROUND: &[&str] = &["previously", "earlier", "recall", "separately"];

struct Ctx<'a> {
    sentences: &'a [Sentence],
    ents: &'a Entities,
    lex: &'a Lexicon,
    /// Lower-case words of every sentence, computed once.
    words: Vec<Vec<&'a str>>,
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
    let ctx = Ctx {
        sentences,
        ents,
        lex,
        words: words_of,
    };
    let mut out: Vec<FoundEvent> = Vec::new();
    // dates an undated event may take: the last stated date of its paragraph,
    // else the lede's (the first stated date of the article: the news the
    // article reports); and the last day-precise date, the anchor of "two days later"
    let mut lede: Option<PartialDate> = None;
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
                || (is_reference(words, start)
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
                let members: Vec<SubjectRef> = units(&ctx, si, words, clause.0, among - 1, &focus)
                    .into_iter()
                    .rev()
                    .find(|u| !u.subjects.is_empty() && !u.org)
                    .map(|u| u.subjects)
                    .unwrap_or_default();
                if members.iter().any(|m| matches!(m, SubjectRef::Person(_))) {
                    subjects = members;
                }
            }
            // named members and companions: "four board members were arrested, including A and B",
            // "A was arrested along with B and C" (named members replace the unnamed group)
            let members = if needs_person(event_type) {
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
                    .is_some_and(|c| matches!(c, "could" | "can" | "might" | "may"))
                // a threat or a condition is an act threatened ("warned that she could be arrested if …")
                && !words.iter().any(|w| {
                    matches!(*w, "if" | "unless" | "warned" | "threatened" | "threat" | "threats" | "warning")
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
        if lede.is_none()
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
                            && matches!(words[e.trigger.0 - 2], "has" | "have")))
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
            if acts.iter().any(|c| c.0 <= e.trigger.0 && e.trigger.0 < c.1) && e.date_reason != "stated in the sentence"
            {
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
                e.status = StatusReason {
                    call: false,
                    status: Status::NotOccurred,
                    cue: Some("postponed".into()),
                };
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
                e.status = StatusReason {
                    call: false,
                    status: Status::NotOccurred,
                    cue: Some("scheduled (dated after the report)".into()),
                };
            }
        }
        for e in found.iter_mut().filter(|e| e.rule.ends_with("+implied")) {
            e.date = None;
            e.qualifier = None;
            e.date_text = None;
            e.date_reason = "unknown (an earlier confession)";
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
        for ev in &found {
            if !caption
                && ev.date_reason == "stated in the sentence"
                && ev.date.is_some()
                && ev.status.status != Status::NotOccurred
                && !anterior(words, ev.trigger.0)
            {
                para_date = ev.date;
                if lede.is_none() && !background {
                    lede = ev.date;
                }
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
                // a day of the past: "postponed to November 15" is not the scene
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
    resolve_counted_groups(sentences, ents, &mut out);
    defendants_of_the_article(ents, &mut out);
    date_verdicts_together(&mut out);
    deny_what_the_next_sentence_denies(&ctx.words, &mut out);
    out
}

/// The date reason of an undated present perfect in the lede: the report's month.
const REPORT_MONTH: &str = "the report's month (the news told in the present perfect)";

/// "A tabloid reported that the reporter had been arrested. The police denied
/// this." An event of a sentence that the next sentence denies by reference
/// ("denied this", "dismissed the reports") is `denied`.
fn deny_what_the_next_sentence_denies(words: &[Vec<&str>], events: &mut [FoundEvent]) {
    let denies_previous = |ws: &[&str]| {
        ws.windows(3).any(|w| {
            matches!(
                w[0],
                "denied" | "denies" | "deny" | "dismissed" | "refuted" | "rejected"
            ) && (matches!(w[1], "this" | "it" | "that")
                || (w[1] == "the"
                    && matches!(
                        w[2],
                        "report"
                            | "reports"
                            | "claim"
                            | "claims"
                            | "allegation"
                            | "allegations"
                            | "rumour"
                            | "rumours"
                            | "rumor"
                            | "rumors"
                    )))
        })
    };
    for (si, ws) in words.iter().enumerate().skip(1) {
        if !denies_previous(ws) || events.iter().any(|e| e.sentence == si) {
            continue;
        }
        for e in events.iter_mut().filter(|e| e.sentence == si - 1) {
            if matches!(e.status.status, Status::Occurred | Status::Alleged) {
                e.status = StatusReason {
                    call: false,
                    status: Status::Denied,
                    cue: Some("denied in the next sentence".into()),
                };
            }
        }
    }
}

/// A counted group of media workers ("three employees of the outlet") that the
/// next sentences name one by one ("Editor A, reporter B and camera operator C
/// were …") is those people.
fn resolve_counted_groups(sentences: &[Sentence], ents: &Entities, events: &mut [FoundEvent]) {
    for e in events.iter_mut() {
        let mut replaced: Vec<SubjectRef> = Vec::new();
        let mut changed = false;
        for subject in &e.subjects {
            let SubjectRef::Group { count: Some(n), desc } = subject else {
                replaced.push(subject.clone());
                continue;
            };
            let n = *n as usize;
            // the trade the group names ("two camera operators" → "camera operator"), if any
            let head = desc.to_lowercase();
            let trade = head.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
            let trade = trade.strip_suffix('s').unwrap_or(&trade).to_string();
            let generic = matches!(
                trade.as_str(),
                "employee" | "journalist" | "staff member" | "reporter" | "media worker"
            );
            let mut named: Vec<usize> = Vec::new();
            for (sj, sentence) in sentences.iter().enumerate().take(e.sentence + 3).skip(e.sentence + 1) {
                let words: Vec<&str> = sentence.tokens.iter().map(|t| t.lower.as_str()).collect();
                for m in &ents.mentions[sj] {
                    if let Target::Person(p) = m.target
                        && !is_speaker(&words, m)
                        && !matches!(
                            ents.people[p].occupation_kind,
                            Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
                        )
                        && (generic
                            || e.subjects.len() == 1
                            || ents.people[p]
                                .occupation
                                .as_deref()
                                .is_some_and(|o| o.contains(trade.as_str())))
                        && !named.contains(&p)
                    {
                        named.push(p);
                    }
                }
                if named.len() >= n {
                    break;
                }
            }
            // "A court sentenced a journalist … Pham Doan Trang, 43, …": an indefinite description that
            // introduces the article's first participant is the person the next sentences name
            let introduces = n == 1
                && e.subjects.len() == 1
                && matches!(
                    desc.split_whitespace().next().map(str::to_lowercase).as_deref(),
                    Some("a" | "an" | "one")
                )
                && ents.mentions[..=e.sentence]
                    .iter()
                    .flatten()
                    .all(|m| !matches!(m.target, Target::Person(_)));
            if (n >= 2 || introduces) && named.len() == n {
                replaced.extend(named.into_iter().map(SubjectRef::Person));
                changed = true;
            } else {
                replaced.push(subject.clone());
            }
        }
        if changed {
            e.subjects = replaced;
            e.subject_reason = "a counted group the next sentences name";
        }
    }
}

/// Court acts told before anyone is named (a hearing or appeal with no subject,
/// kept only when no one was in focus yet) are about the people the article
/// then names as subjects of its legal events (cataphora at the article's
/// scale: a lede about "the trial" followed by the defendants' names). Those
/// left without a defendant are dropped.
fn defendants_of_the_article(ents: &Entities, events: &mut Vec<FoundEvent>) {
    let mut defendants: Vec<usize> = Vec::new();
    for e in events
        .iter()
        .filter(|e| !e.subjects.is_empty() && needs_person(e.event_type))
    {
        for s in &e.subjects {
            if let SubjectRef::Person(p) = s
                && !matches!(
                    ents.people[*p].occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official)
                )
                && !defendants.contains(p)
            {
                defendants.push(*p);
            }
        }
    }
    for e in events
        .iter_mut()
        .filter(|e| e.subjects.is_empty() && needs_person(e.event_type))
    {
        if matches!(e.event_type, EventType::Hearing | EventType::Appeal)
            && !defendants.is_empty()
            && defendants.len() <= 4
        {
            e.subjects = defendants.iter().map(|p| SubjectRef::Person(*p)).collect();
            e.subject_reason = "the article's defendants, named after it";
        }
    }
    events.retain(|e| {
        !(e.subjects.is_empty() && needs_person(e.event_type) && e.event_type != EventType::DenialOfCounsel)
    });
}

/// A conviction and the sentence it carries are pronounced in one verdict: an
/// undated one of the pair takes the date of the other when they share a
/// subject ("X has been sentenced to nine years … The court on 14 December
/// convicted her"). Only occurred events, and only when the article dates that
/// verdict one way.
fn date_verdicts_together(events: &mut [FoundEvent]) {
    let pair = |t: EventType| match t {
        EventType::Conviction => Some(EventType::Sentence),
        EventType::Sentence => Some(EventType::Conviction),
        _ => None,
    };
    let persons = |e: &FoundEvent| -> Vec<usize> {
        e.subjects
            .iter()
            .filter_map(|s| if let SubjectRef::Person(p) = s { Some(*p) } else { None })
            .collect()
    };
    let mut fills: Vec<(usize, PartialDate, Option<DateQualifier>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let Some(other) = pair(e.event_type) else { continue };
        let guessed = e.date_reason == REPORT_MONTH;
        if (e.date.is_some() && !guessed) || e.status.status != Status::Occurred {
            continue;
        }
        let mine = persons(e);
        let dates: Vec<(PartialDate, Option<DateQualifier>)> = events
            .iter()
            .filter(|o| {
                o.event_type == other
                    && o.status.status == Status::Occurred
                    && o.date.is_some()
                    // only a date the text states: an inherited one may be another episode's
                    && matches!(o.date_reason, "stated in the sentence" | "shared with the clause")
                    && persons(o).iter().any(|p| mine.contains(p))
            })
            .filter_map(|o| o.date.map(|d| (d, o.qualifier)))
            .collect();
        if let Some(first) = dates.first()
            && dates.iter().all(|d| d.0 == first.0)
        {
            fills.push((i, first.0, first.1));
        }
    }
    for (i, d, q) in fills {
        events[i].date = Some(d);
        events[i].qualifier = q;
        events[i].date_reason = "the verdict's date (a conviction and its sentence are pronounced together)";
    }
}

/// Whether a trigger is a word of a name: inside a recognised organisation
/// ("Radio Free Europe", "Free Press Unlimited") or capitalised between
/// capitalised words in mid-sentence. Names of outlets, groups and laws that
/// contain trigger words are not events.
fn inside_a_name(s: &Sentence, mentions: &[Mention], start: usize, end: usize) -> bool {
    if mentions
        .iter()
        .any(|m| matches!(m.target, Target::Org(_)) && m.first <= start && end <= m.last)
    {
        return true;
    }
    let cap = |k: usize| {
        s.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized())
    };
    let sentence_initial = start == 0
        || matches!(
            s.tokens[start - 1].text.as_str(),
            "\"" | "“" | "«" | "(" | "—" | "-" | ":"
        );
    cap(start) && !sentence_initial && ((start > 0 && cap(start - 1)) || cap(end))
}

/// Whether a trigger stands in a comparison that generalises rather than
/// narrates: "the first journalists to be convicted of sedition since 1997",
/// "the second journalist arrested since October".
fn generic_comparison(words: &[&str], start: usize) -> bool {
    let lo = start.saturating_sub(6);
    (lo..start).any(|k| {
        matches!(words[k], "first" | "second" | "third" | "fourth" | "fifth" | "latest" | "only")
            && k > 0
            && matches!(words[k - 1], "the" | "a")
            && k + 1 < start
            // a person noun follows the ordinal: "the first journalists to be …", not "the first hearing"
            && words[k + 1..start].iter().any(|w| {
                PLURAL_PERSON_NOUNS.contains(w)
                    || matches!(*w, "journalist" | "reporter" | "person" | "people" | "woman" | "man" | "editor" | "blogger")
            })
            && !words[k + 1..start].iter().any(|w| BE.contains(w) && *w != "be" && *w != "been")
    })
}

/// A counted group ("four journalists", "the five activists") that stands for
/// a set of exactly that many people already named together is that set:
/// "A, B, C and D … Four journalists were sentenced". Only when the group's
/// noun is generic ("journalists", "people", "defendants") or is the trade
/// every member of the set has (so "two accountants" is not "the two camera
/// operators").
fn resolve_counted_group_back(ents: &Entities, focus: &Focus, e: &mut FoundEvent) {
    let mut out: Vec<SubjectRef> = Vec::new();
    let mut changed = false;
    for s in &e.subjects {
        if let SubjectRef::Group { count: Some(n), desc } = s
            && *n >= 2
        {
            let noun = desc.to_lowercase();
            let noun = noun.split_whitespace().last().unwrap_or("").to_string();
            let singular = noun.strip_suffix('s').unwrap_or(&noun).to_string();
            let generic = PLURAL_PERSON_NOUNS.contains(&noun.as_str())
                || matches!(
                    noun.as_str(),
                    "people" | "persons" | "individuals" | "staff" | "members" | "media"
                );
            if let Some(set) = focus.sets.iter().rev().find(|set| set.len() == *n as usize)
                && (generic
                    || set.iter().all(|p| {
                        ents.people[*p]
                            .occupation
                            .as_deref()
                            .is_some_and(|o| o.contains(singular.as_str()))
                    }))
            {
                for p in set {
                    if !out.contains(&SubjectRef::Person(*p)) {
                        out.push(SubjectRef::Person(*p));
                    }
                }
                changed = true;
                continue;
            }
        }
        out.push(s.clone());
    }
    if changed {
        e.subjects = out;
        e.subject_reason = "a counted group: the set of that many people named before";
    }
}

/// Who the text is talking about: recent groups of people, for "they", "both", "the three".
#[derive(Debug, Default)]
struct Focus {
    /// The last set of two or more people named together or as one event's subjects.
    plural: Vec<usize>,
    /// Media people in order of their latest mention (most recent last).
    recent: Vec<usize>,
    /// An unnamed group that was the last plural subject ("about ten staff members").
    group: Option<Vec<SubjectRef>>,
    /// Every set of two or more people named together, oldest first, for "both" and "the three".
    sets: Vec<Vec<usize>>,
}

impl Focus {
    fn observe(&mut self, ents: &Entities, si: usize, words: &[&str]) {
        for group in coordinated_people(ents, si, words) {
            if group.len() >= 2 {
                self.sets.push(group.clone());
                self.plural = group;
                self.group = None;
            }
        }
        for m in &ents.mentions[si] {
            // a name that modifies a noun ("the X regime") brings no one into focus
            let modifier = words.get(m.last).is_some_and(|w| NAME_MODIFIED_NOUNS.contains(w));
            // nor does a speaker ("…, said X, one of her lawyers"): a pronoun after a quote is
            // about the person the quote is about
            if let Target::Person(p) = m.target
                && !modifier
                && !is_speaker(words, m)
                && !matches!(
                    ents.people[p].occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
                )
            {
                self.recent.retain(|x| *x != p);
                self.recent.push(p);
            }
        }
    }

    fn subjects(&mut self, subjects: &[SubjectRef]) {
        let persons: Vec<usize> = subjects
            .iter()
            .filter_map(|s| if let SubjectRef::Person(p) = s { Some(*p) } else { None })
            .collect();
        if persons.len() >= 2 {
            self.sets.push(persons.clone());
            self.plural = persons;
            self.group = None;
        } else if !subjects.is_empty()
            && subjects.iter().all(|s| matches!(s, SubjectRef::Group { .. }))
            && (subjects.len() > 1
                || matches!(subjects[0], SubjectRef::Group { count, .. } if count.is_none_or(|c| c > 1)))
        {
            // "two camera operators and two accountants", "about ten staff members"
            self.group = Some(subjects.to_vec());
        }
    }

    /// The people a plural reference with `count` members means.
    fn plural_of(&self, count: Option<usize>) -> Vec<usize> {
        match count {
            // the last set of exactly that many people named together ("both", "the three journalists")
            Some(n)
                if n != self.plural.len()
                    && let Some(set) = self.sets.iter().rev().find(|s| s.len() == n) =>
            {
                set.clone()
            }
            Some(n) if n != self.plural.len() && self.recent.len() >= n => {
                let mut v: Vec<usize> = self.recent[self.recent.len() - n..].to_vec();
                v.sort_unstable();
                v
            }
            _ => self.plural.clone(),
        }
    }
}

/// Whether a noun trigger refers back to an event already told: a possessive
/// or a preposition before it ("during their detention", "after his release",
/// "Okafor's arrest", "against the suspended sentence").
fn is_reference(words: &[&str], start: usize) -> bool {
    let w = words[start];
    // a hearing or trial named as the setting of something else: "during the hearing", "in the trial",
    // "before the trial" ("at the first hearing on 14 May" still introduces one)
    // (the pattern may hold the article, and a modifier may stand before the noun: "for the appeal
    // hearing", "in the first-instance hearing", "during her trial")
    if let Some(noun) =
        (start..(start + 2).min(words.len())).find(|&k| matches!(words[k], "hearing" | "hearings" | "trial"))
    {
        let det = (noun.saturating_sub(3)..noun)
            .rev()
            .find(|&k| matches!(words[k], "the" | "that" | "this" | "his" | "her" | "their"));
        if let Some(d) = det
            && d >= 1
            && words[d + 1..noun]
                .iter()
                .all(|m| m.chars().all(|c| c.is_alphabetic() || c == '-'))
            && matches!(words[d - 1], "during" | "in" | "throughout" | "for" | "before" | "after" | "of")
            // "the start date of the trial has not been set": the phrase is about the trial itself
            && !(words[d - 1] == "of"
                && d >= 2
                && matches!(
                    words[d - 2],
                    "date" | "start" | "beginning" | "opening" | "end" | "resumption" | "postponement" | "outcome"
                ))
            // a counted one is told, not referred to: "during the first hearing in her trial"
            && !words[d + 1..noun].iter().any(|m| matches!(*m, "first" | "second" | "third" | "last" | "next"))
            // one named by its defendant or the subject of its own verb is told: "in the trial of X",
            // "after the trial began"
            && !words.get(noun + 1).is_some_and(|m| {
                matches!(*m, "of" | "against" | "began" | "started" | "opened" | "ended" | "resumed")
            })
        {
            return true;
        }
    }
    // ", a charge under Article 353": an apposition that names the offence, not a charging
    if matches!(w, "charge" | "charges")
        && start >= 2
        && matches!(words[start - 1], "a" | "an")
        && words[start - 2] == ","
        && words
            .get(start + 1)
            .is_some_and(|n| matches!(*n, "under" | "that" | "which" | "carrying"))
    {
        return true;
    }
    // only nouns that name a state or a past act are read back this way; "at the first hearing",
    // "during closing arguments", "after searches of their homes" introduce events
    if !matches!(
        w,
        "pre-trial"
            | "pretrial"
            | "sentencing"
            | "sentenced"
            | "convicting"
            | "convicted"
            | "trial"
            | "detention"
            | "arrest"
            | "release"
            | "sentence"
            | "sentences"
            | "verdict"
            | "confession"
            | "interrogation"
            | "interrogations"
            | "custody"
            | "suspended"
            | "conviction"
            | "pardon"
            | "amnesty"
            | "indictment"
            | "block"
    ) {
        return false;
    }
    let prev = if start > 0 { words[start - 1] } else { "" };
    let prev2 = if start > 1 { words[start - 2] } else { "" };
    let next = words.get(start + 1).copied().unwrap_or("");
    // "held until sentencing", "detained pending trial": a time limit, not an event
    if matches!(prev, "until" | "pending" | "till") {
        return true;
    }
    // a state, not an act: "after six years in detention", "his continued detention"
    if matches!(w, "detention" | "custody")
        && (prev == "in"
            || matches!(
                prev,
                "continued" | "ongoing" | "prolonged" | "arbitrary" | "lengthy" | "long"
            ))
    {
        return true;
    }
    // ", an arrest the embassy said …": an apposition that restates the act just told
    if matches!(prev, "a" | "an") && prev2 == "," {
        return true;
    }
    // "upheld the city court's verdict sentencing X": the sentence an appeal upholds was told before
    if matches!(w, "sentencing" | "sentenced" | "convicting" | "convicted")
        && words[start.saturating_sub(6)..start].iter().any(|x| {
            matches!(
                *x,
                "upheld" | "uphold" | "upholds" | "overturned" | "quashed" | "annulled" | "reduced" | "commuted"
            )
        })
    {
        return true;
    }
    // "was not included in the amnesty": what is negated is the event itself
    if words[start.saturating_sub(5)..start]
        .iter()
        .any(|w| matches!(*w, "not" | "never" | "n't"))
    {
        return false;
    }
    let possessive = |x: &str| matches!(x, "his" | "her" | "their" | "its") || (x.ends_with("'s") && x.len() > 2);
    let prep = |x: &str| {
        matches!(
            x,
            "during"
                | "after"
                | "since"
                | "before"
                | "of"
                | "about"
                | "over"
                | "from"
                | "despite"
                | "following"
                | "upon"
                | "against"
                | "at"
                | "into"
        )
    };
    (prep(prev) && !matches!(w, "custody"))
        || (possessive(prev)
            && (prep(prev2)
                || matches!(w, "detention" | "arrest" | "release" | "sentence" | "conviction" | "confession" | "indictment"))
            && !matches!(prev2, "ordered" | "order" | "demanded" | "extended"))
        || (matches!(prev, "the" | "a") && prep(prev2))
        // "upheld the sentences", "the release would be": a definite noun names an event already told,
        // unless its subject follows ("the release of two journalists")
        || (prev == "the"
            && matches!(
                w,
                "sentence"
                    | "sentences"
                    | "detention"
                    | "arrest"
                    | "release"
                    | "conviction"
                    | "verdict"
                    | "pardon"
                    | "amnesty"
                    | "block"
            )
            && !matches!(next, "of" | "decree" | "decrees"))
        // what an appeal court upholds or overturns was decided before: "upheld the sentence of X"
        || (matches!(
            w,
            "sentence" | "sentences" | "conviction" | "verdict" | "detention" | "arrest" | "pre-trial" | "pretrial"
        )
            && words[start.saturating_sub(4)..start].iter().any(|x| {
                matches!(*x, "upheld" | "uphold" | "upholds" | "overturned" | "overturn" | "quashed" | "reduced" | "commuted" | "annulled" | "appealed" | "against")
            }))
}

/// Attaches each date expression of a sentence to the nearest trigger (or to a
/// verb of saying, whose date is the report's and is dropped), resolves
/// relative ones against the sentence's earlier dates or the anchor, and lets
/// undated events take the date of a dated event in the same clause, else of
/// the event before them in the sentence, else `inherit` (the paragraph's or
/// the lede's date; `None` in background passages). `masked` is `words` with
/// the words of person names replaced, so that a name ("Omar Said") is no verb.
#[allow(clippy::too_many_arguments)]
fn assign_dates(
    s: &Sentence,
    words: &[&str],
    masked: &[&str],
    mentions: &[DateMention],
    found: &mut [FoundEvent],
    anchor: &mut Anchors,
    inherit: Option<PartialDate>,
) {
    // (names are masked: "Omar Said on June 2" has no verb of saying)
    let speech: Vec<usize> = (0..masked.len())
        .filter(|&k| SPEECH.contains(&masked[k]) && masked[k] != "according")
        .collect();
    // every (mention, trigger) pair with its distance; then the closest pairs are
    // taken first, one date per trigger and one trigger per date
    let rels = relative_spans(words);
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (distance, mention, event)
    for (mi, m) in mentions.iter().enumerate() {
        // end dates belong to the detail ("until April 4")
        if is_end_date(words, m) {
            continue;
        }
        // an attributive date ("a January 16 brief", "the 2024 liquidation") dates only the noun it
        // modifies, when that noun is a trigger
        let attributive = m.first > 0
            && matches!(words[m.first - 1], "a" | "an" | "the" | "its" | "his" | "her" | "their")
            && words
                .get(m.last)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic) && !matches!(*w, "and" | "or"));
        // a date usually follows the verb it dates, so one before a trigger counts a little farther
        let dist_to = |a: usize, b: usize| {
            if m.first >= b {
                m.first - b
            } else if m.last <= a {
                a - m.last + 2
            } else {
                a.saturating_sub(m.last)
            }
        };
        // the report's own date sits right next to its verb of saying: "said on Tuesday", "on Wednesday said"
        let speech_d = speech
            .iter()
            .filter(|&&k| {
                (m.first > k && m.first - k <= 4)
                    || (m.last <= k && k - m.last <= 2 && !words[m.last..k].contains(&","))
            })
            .map(|&k| dist_to(k, k + 1))
            .min();
        for (ei, e) in found.iter().enumerate() {
            if attributive && e.trigger.0 != m.last {
                continue;
            }
            let clause = e.clause;
            // a date inside a relative clause the trigger is not in belongs to that clause
            let in_other_rel = rels
                .iter()
                .any(|r| r.0 < m.first && m.first < r.1 && !(r.0 < e.trigger.0 && e.trigger.0 < r.1));
            let outside = m.last <= clause.0 || m.first >= clause.1 || in_other_rel;
            // "detained X late on Monday after searching …": the date stays with the verb before "after"
            let (lo, hi) = if m.first >= e.trigger.1 {
                (e.trigger.1, m.first)
            } else {
                (m.last, e.trigger.0)
            };
            let across = words[lo.min(hi)..hi.max(lo)]
                .iter()
                .any(|w| matches!(*w, "after" | "before" | "following"));
            let d = dist_to(e.trigger.0, e.trigger.1) + if outside { 40 } else { 0 } + if across { 12 } else { 0 };
            // "now withdrew it": the act is of the present episode, not of the earlier date in the sentence
            let now = words[e.trigger.0.saturating_sub(2)..e.trigger.0]
                .iter()
                .any(|w| matches!(*w, "now" | "currently"));
            // a date far away in another clause dates something else
            let too_far = outside && d >= 52;
            if speech_d.is_none_or(|sd| d <= sd) && !now && !too_far {
                pairs.push((d, mi, ei));
            }
        }
    }
    pairs.sort_unstable();
    let mut attached: Vec<Option<(usize, usize)>> = vec![None; found.len()]; // (mention, distance)
    let mut used = vec![false; mentions.len()];
    for (d, mi, ei) in pairs {
        if used[mi] || attached[ei].is_some() {
            continue;
        }
        used[mi] = true;
        attached[ei] = Some((mi, d));
    }
    let mut prev: Option<PartialDate> = None;
    for (ei, e) in found.iter_mut().enumerate() {
        if let Some((mi, _)) = attached[ei] {
            let m = &mentions[mi];
            let base = mentions[..mi]
                .iter()
                .rev()
                .find_map(|x| if let When::Absolute(v) = x.when { v } else { None })
                .or(prev);
            // "two days later" counts from a day; "in April that year" needs only a year
            let base = match m.when {
                When::InAnchorYear(_) => base.or(anchor.any),
                _ => base.or(anchor.day),
            }
            .or(inherit);
            e.date = dates::resolve(m.when, base);
            e.qualifier = m.qualifier;
            e.date_text = Some(
                s.tokens[m.first..m.last]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            e.date_reason = "stated in the sentence";
        } else if let Some(d) = prev.or(inherit)
            && !describes_a_state(words, e.trigger.0)
            && !anterior(words, e.trigger.0)
            // "X, who was found guilty in the same case," describes, it does not narrate
            && !(e.clause.0 > 0 && matches!(words[e.clause.0 - 1], "who" | "which"))
        {
            e.date = Some(d);
            e.date_reason = "inherited";
        }
        if e.date_reason == "stated in the sentence" && e.date.is_some() {
            prev = e.date;
        }
    }
    let triggers: Vec<(usize, usize)> = found.iter().map(|e| e.trigger).collect();
    // an undated event shares the stated date of another event of its clause
    // ("detained the three in dawn raids on 14 March")
    #[allow(clippy::type_complexity)]
    let stated: Vec<(
        (usize, usize),
        (usize, usize),
        Option<PartialDate>,
        Option<DateQualifier>,
    )> = found
        .iter()
        .enumerate()
        .filter(|(_, e)| e.date_reason == "stated in the sentence" && e.date.is_some())
        .map(|(_, e)| (e.trigger, e.clause, e.date, e.qualifier))
        .collect();
    for e in found.iter_mut() {
        let now = words[e.trigger.0.saturating_sub(2)..e.trigger.0]
            .iter()
            .any(|w| matches!(*w, "now" | "currently"));
        if e.date_reason == "stated in the sentence" || now {
            continue;
        }
        let clause = e.clause;
        // close, and with no other trigger between them
        let near = |t: &(usize, usize)| {
            let (lo, hi) = if t.0 > e.trigger.0 {
                (e.trigger.1, t.0)
            } else {
                (t.1, e.trigger.0)
            };
            // a list of acts shares its date: "the search, seizure and detentions carried out on 3 May"
            let list = lo < hi
                && (lo..hi).all(|k| matches!(words[k], "," | "and") || triggers.iter().any(|x| x.0 <= k && k < x.1));
            hi.saturating_sub(lo) <= 16
                && (list || !triggers.iter().any(|x| x.0 >= lo && x.1 <= hi && x.1 > x.0 && lo < hi))
        };
        if let Some((_, _, d, q)) = stated.iter().find(|(t, c, _, _)| *c == clause && near(t)) {
            e.date = *d;
            e.qualifier = *q;
            e.date_reason = "shared with the clause";
        }
    }
    for m in mentions {
        if let When::Absolute(Some(d)) = m.when
            && !m
                .first
                .checked_sub(1)
                .is_some_and(|k| matches!(words[k], "until" | "till" | "by"))
        {
            anchor.any = Some(d);
            if d.precision() == casewatch_model::DatePrecision::Day {
                anchor.day = Some(d);
            }
        }
    }
    if let Some(d) = found
        .iter()
        .rev()
        .find_map(|e| e.date.filter(|d| d.precision() == casewatch_model::DatePrecision::Day))
    {
        anchor.day = Some(d);
    }
}

/// The dates relative expressions count from: the last day-precise date
/// ("two days later") and the last date of any precision ("that year").
#[derive(Debug, Default, Clone, Copy)]
struct Anchors {
    day: Option<PartialDate>,
    any: Option<PartialDate>,
}

/// The media outlet mentioned last before token `k` of sentence `si` (within the article).
fn recent_outlet(ctx: &Ctx<'_>, si: usize, k: usize) -> Option<usize> {
    (0..=si).rev().find_map(|sj| {
        ctx.ents.mentions[sj]
            .iter()
            .rev()
            .filter(|m| sj < si || m.first < k)
            .find_map(|m| match m.target {
                Target::Org(o) if ctx.ents.orgs[o].kind == OrgKind::MediaOutlet => Some(o),
                _ => None,
            })
    })
}

/// Whether a date is the end of a term rather than when something happened:
/// "until April 4", "prolonged his custody … to September 18".
fn is_end_date(words: &[&str], m: &DateMention) -> bool {
    let before = |k: usize| if m.first >= k { Some(words[m.first - k]) } else { None };
    matches!(before(1), Some("until" | "till"))
        || (before(1) == Some("to")
            && (2..8).any(|k| {
                matches!(
                    before(k),
                    Some(
                        "prolonged"
                            | "extended"
                            | "remanded"
                            | "moved"
                            | "until"
                            | "postponed"
                            | "adjourned"
                            | "deferred"
                            | "rescheduled"
                    )
                )
            }))
}

/// Whether a person mention is the agent of a "by" phrase: "brought by journalist X".
fn is_by_agent(ctx: &Ctx<'_>, words: &[&str], m: &Mention) -> bool {
    let mut b = m.first;
    while b > 0 && ctx.lex.is_occupation_word(words[b - 1]) {
        b -= 1;
    }
    b > 0 && words[b - 1] == "by"
}

/// Whether the verb before a trigger is in the present tense, describing a state
/// rather than an event of the episode ("the three are accused of …", "she
/// remains barred from leaving"): such a statement takes no inherited date.
/// Whether the verb before a trigger is in the past perfect ("had been
/// convicted", "had recorded"): an event before the episode being told, which
/// neither takes the episode's date nor gives the paragraph its date.
fn anterior(words: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && (ADVERBS.contains(&words[k - 1]) || words[k - 1] == "been") {
        k -= 1;
    }
    k > 0 && words[k - 1] == "had"
}

fn describes_a_state(words: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && ADVERBS.contains(&words[k - 1]) {
        k -= 1;
    }
    k > 0
        && matches!(
            words[k - 1],
            "is" | "are" | "am" | "remains" | "remain" | "faces" | "face"
        )
}

/// Whether a mention is the source the sentence quotes: "X said", "X, 34, told",
/// "according to the outlet's publisher, X".
fn is_speaker(words: &[&str], m: &Mention) -> bool {
    let speech = |w: &str| SPEECH.contains(&w) && w != "according";
    match words.get(m.last).copied() {
        // a comment verb right after the name ("Robertson described the sentencing as …")
        Some(w) if speech(w) || COMMENT_VERBS.contains(&w) => return true,
        Some(",") if (m.last + 1..(m.last + 4).min(words.len())).any(|k| speech(words[k])) => return true,
        // "…, Phil Robertson, described": the apposition's end, then the verb
        Some(",") if words.get(m.last + 1).is_some_and(|w| COMMENT_VERBS.contains(w)) => return true,
        _ => {}
    }
    // the inverted attribution after a quote: "…," said X; "…," said the group's director X
    if let Some(v) = (m.first.saturating_sub(6)..m.first).rev().find(|&k| {
        matches!(
            words[k],
            "said" | "says" | "added" | "adds" | "told" | "wrote" | "noted"
        )
    }) && v >= 1
        && matches!(words[v - 1], "," | "\"" | "\u{201d}" | "'" | "\u{2019}")
        && !words[v + 1..m.first]
            .iter()
            .any(|w| matches!(*w, "," | "." | "that" | "and"))
    {
        return true;
    }
    // "according to X", "as reported by X's husband", "reported by X"
    (m.first.saturating_sub(6)..m.first).any(|k| {
        (words[k] == "according" && words.get(k + 1) == Some(&"to"))
            || (matches!(words[k], "reported" | "stated" | "announced" | "said") && words.get(k + 1) == Some(&"by"))
    })
}

/// Verbs of comment and reaction: their subject judges an event, it does not undergo it
/// ("Robertson described the sentencing as …", "Zourabichvili posted after the verdict").
const COMMENT_VERBS: &[&str] = &[
    "described",
    "describes",
    "tweeted",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "stressed",
    "stresses",
    "argued",
    "argues",
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "welcomed",
    "welcomes",
    "warned",
    "warns",
    "commented",
    "comments",
    "predicted",
    "denounced",
    "denounces",
    "decried",
    "lamented",
];

/// Whether the words between two coordinated subjects only join them:
/// commas, "and", "or", "as well as", occupations and "former".
fn coordination_gap(ctx: &Ctx<'_>, gap: &[&str]) -> bool {
    !gap.is_empty()
        && gap.iter().any(|w| matches!(*w, "," | "and" | "or"))
        && gap.iter().all(|w| {
            matches!(
                *w,
                "," | "and"
                    | "as"
                    | "well"
                    | "or"
                    | "former"
                    | "acting"
                    | "interim"
                    | "deputy"
                    | "senior"
                    | "fellow"
                    | "chief"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "dr"
                    | "."
            ) || ctx.lex.is_occupation_word(w)
                || w.strip_prefix("ex-")
                    .is_some_and(|r| r.is_empty() || ctx.lex.is_occupation_word(r) || matches!(r, "acting" | "chief"))
                || w.split('-')
                    .all(|p| ctx.lex.is_occupation_word(p) || matches!(p, "in" | "chief" | "ex" | "acting"))
        })
}

/// Whether the words between two subjects are an apposition of the first and a
/// conjunction: ", the editor-in-chief of the online outlet X, and reporter".
fn apposition_gap(ctx: &Ctx<'_>, gap: &[&str]) -> bool {
    let n = gap.len();
    if !(4..=18).contains(&n) || gap[0] != "," {
        return false;
    }
    let Some(and) = (2..n).rev().find(|&k| gap[k] == "and" && gap[k - 1] == ",") else {
        return false;
    };
    gap[and + 1..]
        .iter()
        .all(|w| *w == "former" || ctx.lex.is_occupation_word(w))
        && gap[1..and - 1]
            .iter()
            .all(|w| !BE.contains(w) && !SPEECH.contains(w) && *w != "and" && *w != ",")
}

/// Whether the words around a "blocked" trigger are about the web: websites,
/// pages, channels, access, providers.
fn web_context(words: &[&str], start: usize, end: usize) -> bool {
    words[start.saturating_sub(10)..(end + 6).min(words.len())]
        .iter()
        .any(|w| {
            matches!(
                *w,
                "website"
                    | "site"
                    | "websites"
                    | "sites"
                    | "page"
                    | "channel"
                    | "access"
                    | "internet"
                    | "providers"
                    | "online"
                    | "telegram"
                    | "youtube"
                    | "app"
                    | "platform"
                    | "url"
                    | "domain"
                    | "opening"
                    | "portal"
                    | "blog"
                    | "account"
                    | "accounts"
            )
        })
}

/// "The result of the investigation was released": a passive release whose
/// subject is a common noun that names no person (not a name, a pronoun, a
/// person noun or an occupation) frees no one.
fn released_thing(
    t: EventType,
    words: &[&str],
    start: usize,
    tokens: &[Token],
    mentions: &[Mention],
    lex: &Lexicon,
) -> bool {
    if t != EventType::Release || start < 2 || !matches!(words[start - 1], "was" | "were" | "been") {
        return false;
    }
    let k = start - 2;
    let w = words[k];
    tokens[k].kind == TokenKind::Word
        && !tokens[k].is_capitalized()
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !mentions.iter().any(|m| m.first <= k && k < m.last)
        && !matches!(
            w,
            "he" | "she"
                | "they"
                | "them"
                | "him"
                | "her"
                | "us"
                | "who"
                | "whom"
                | "both"
                | "all"
                | "and"
                | "two"
                | "three"
                | "four"
                | "others"
                | "rest"
                | "man"
                | "woman"
                | "defendant"
                | "detainee"
                | "prisoner"
                | "suspect"
                | "accused"
                | "son"
                | "daughter"
        )
        && !PLURAL_PERSON_NOUNS.contains(&w)
        && lex.occupation_kind(w).is_none()
        && crate::entities::occupation_before(tokens, k + 1, lex).is_none()
}

/// Type-specific checks that reject a trigger in a context where it is not an event.
fn sanity(t: EventType, words: &[&str], start: usize, end: usize) -> bool {
    let next = words.get(end).copied().unwrap_or("");
    let prev = if start > 0 { words[start - 1] } else { "" };
    match t {
        // "freed ... from daily deadlines": released/freed from something that is not custody
        EventType::Release => {
            // "freed her from daily deadlines": the first "from" within three words says from what
            if let Some(f) = (end..(end + 3).min(words.len())).find(|&k| words[k] == "from") {
                let what: Vec<&str> = words[f + 1..].iter().take(4).copied().collect();
                return what.iter().any(|w| {
                    matches!(
                        *w,
                        "custody"
                            | "prison"
                            | "detention"
                            | "jail"
                            | "colony"
                            | "house"
                            | "arrest"
                            | "centre"
                            | "center"
                            | "captivity"
                            | "penal"
                            | "women's"
                            | "men's"
                            | "remand"
                            | "police"
                            | "court"
                            | "courtroom"
                            | "courthouse"
                            | "district"
                    )
                });
            }
            true
        }
        // "blocked" applies to websites, channels, pages; accounts are asset freezes
        EventType::WebsiteBlock => {
            let window = &words[start.saturating_sub(10)..(end + 6).min(words.len())];
            !window.iter().any(|w| matches!(*w, "bank" | "assets" | "funds"))
        }
        EventType::Charge => {
            // "charge" as a verb of electricity or fees is filtered by blockers; "accused of" needs a crime-like object
            !(prev == "in"
                || next == "of"
                    && matches!(words.get(end + 1).copied(), Some("the") | Some("a"))
                    && words[start] == "charge")
        }
        EventType::Questioning => !matches!(words[start], "question") || prev == "for",
        // "prohibited from leaving her home at night": a curfew, not a ban on travel
        EventType::TravelBan => !words[end..(end + 3).min(words.len())]
            .iter()
            .any(|w| matches!(*w, "home" | "house" | "apartment" | "flat" | "residence")),
        EventType::Search => {
            !(words[start] == "search" && prev != "the" && prev != "a" && !matches!(prev, "during" | "after" | "to"))
        }
        EventType::Seizure => !(words[start] == "seize" && prev == "to" && start >= 2 && words[start - 2] == "attempt"),
        _ => true,
    }
}

/// All trigger matches of a sentence: (start, end, trigger index, pattern index),
/// longest first on overlap, then sorted by position. Quote marks are skipped
/// while matching ("a \"repentance\" video" matches `repentance video`).
fn trigger_matches(lex: &Lexicon, all_words: &[&str]) -> Vec<(usize, usize, usize, usize)> {
    let map: Vec<usize> = (0..all_words.len())
        .filter(|&k| !matches!(all_words[k], "\"" | "“" | "”" | "«" | "»" | "'" | "‘" | "’"))
        .collect();
    let words: Vec<&str> = map.iter().map(|&k| all_words[k]).collect();
    let words = &words[..];
    let mut all = Vec::new();
    for i in 0..words.len() {
        for (ti, pi) in lex.patterns_starting(words[i]) {
            if let Some(e) = lex.triggers[ti].patterns[pi].match_at(words, i) {
                // a gap never swallows another event's trigger word: "the accused were sentenced
                // to … of" is a sentence, not "accused ~8 of"
                let gapped = lex.triggers[ti].patterns[pi]
                    .elems
                    .iter()
                    .any(|el| matches!(el, crate::lexicon::Elem::Gap(_)));
                if gapped
                    && lex.triggers[ti].event_type.is_some()
                    && e > i + 2
                    && words[i + 1..e - 1].iter().any(|w| lex.is_event_word(w))
                {
                    continue;
                }
                all.push((i, e, ti, pi));
            }
        }
    }
    // longest first; ties: blockers first, then lexicon order
    all.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then_with(|| {
                lex.triggers[b.2]
                    .event_type
                    .is_none()
                    .cmp(&lex.triggers[a.2].event_type.is_none())
            })
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    let mut kept: Vec<(usize, usize, usize, usize)> = Vec::new();
    for m in all {
        if kept.iter().any(|k| k.0 < m.1 && m.0 < k.1) {
            continue;
        }
        kept.push(m);
    }
    kept.sort_by_key(|k| k.0);
    kept.into_iter()
        .map(|(a, b, t, p)| (map[a], map[b - 1] + 1, t, p))
        .collect()
}

/// The clause around a trigger: bounded by `;`, `:`, dashes, subordinators and ", and".
fn clause_bounds(words: &[&str], start: usize, end: usize) -> (usize, usize) {
    // a relative clause set off by commas is a clause of its own, and transparent to the clause around it
    let rels = relative_spans(words);
    if let Some(r) = rels.iter().find(|r| r.0 < start && start < r.1) {
        return (r.0 + 1, r.1);
    }
    let is_bound = |k: usize| -> bool {
        if rels.iter().any(|r| r.0 <= k && k < r.1) {
            return false;
        }
        let w = words[k];
        // "after"/"before" open a clause unless a gerund or a plain noun phrase follows
        // ("after searching their homes", "before the recording and …")
        let prepositional = matches!(w, "after" | "before")
            && words.get(k + 1).is_some_and(|n| {
                n.ends_with("ing")
                    || (matches!(*n, "the" | "a" | "an" | "his" | "her" | "their" | "its")
                        && !words.get(k + 3).is_some_and(|v| v.ends_with("ed")))
            });
        let dash = matches!(w, "—" | "–");
        let paired_dash = dash && words.iter().filter(|x| matches!(**x, "—" | "–")).count() >= 2;
        // a short parenthesis ("(RTC)", "(Andreeva)", "(L, wearing yellow)") is an aside, no boundary
        let short_paren = match w {
            "(" => (k + 1..words.len().min(k + 10)).any(|j| words[j] == ")"),
            ")" => (k.saturating_sub(9)..k).any(|j| words[j] == "("),
            _ => false,
        };
        (matches!(w, ";" | ":") || (matches!(w, "(" | ")") && !short_paren) || (dash && !paired_dash))
            || (SUBORDINATORS.contains(&w) && !prepositional)
            || (w == "and" && k > 0 && words[k - 1] == "," && !closes_apposition(words, k - 1))
            || (w == "that" && k > 0 && (SPEECH.contains(&words[k - 1]) || words[k - 1] == "and"))
    };
    let mut a = 0;
    for k in (0..start).rev() {
        if is_bound(k) {
            a = k + 1;
            break;
        }
    }
    let mut b = words.len();
    for k in end..words.len() {
        if is_bound(k) {
            b = k;
            break;
        }
    }
    (a, b)
}

/// Whether the comma at `k` closes an apposition opened by ", the|a …"
/// ("A, the editor of X, and B"), so the "and" after it joins names, not clauses.
fn closes_apposition(words: &[&str], k: usize) -> bool {
    (k.saturating_sub(14)..k)
        .rev()
        .find(|&j| words[j] == ",")
        .is_some_and(|j| {
            let inner = &words[j + 1..k];
            inner.first().is_some_and(|w| matches!(*w, "the" | "a" | "an" | "his" | "her" | "their" | "its"))
            // "the outlet's editor, Rinat Valiyev, and reporter …": a short name between commas
            || (inner.len() <= 4 && inner.iter().all(|w| !w.ends_with("ed") && !BE.contains(w) && !SPEECH.contains(w)))
        })
}

/// Relative clauses set off by a comma: ", who was detained with them," gives
/// (index of "who", index of the closing comma or the sentence end).
fn relative_spans(words: &[&str]) -> Vec<(usize, usize)> {
    (1..words.len())
        .filter(|&k| matches!(words[k], "who" | "which" | "whom" | "whose") && words[k - 1] == ",")
        .map(|k| {
            (
                k,
                (k + 1..words.len()).find(|&j| words[j] == ",").unwrap_or(words.len()),
            )
        })
        .collect()
}

/// The participant model of an article as lines for `--explain`: every set of
/// two or more people named together (with the sentence that names them), and
/// every unnamed group that is an event's subject, with its count and, when it
/// was resolved to people, how. Sentence numbers are 1-based.
pub fn participants(sentences: &[Sentence], ents: &Entities, found: &[FoundEvent]) -> Vec<String> {
    let name = |p: usize| ents.people[p].name();
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        for set in coordinated_people(ents, si, &words) {
            if set.len() >= 2 {
                let names: Vec<String> = set.iter().map(|p| name(*p)).collect();
                out.push(format!(
                    "set of {} named together in sentence {}: {}",
                    set.len(),
                    si + 1,
                    names.join(", ")
                ));
            }
        }
    }
    for e in found {
        for sub in &e.subjects {
            if let SubjectRef::Group { desc, count } = sub {
                let n = count.map_or("unknown".to_string(), |c| c.to_string());
                out.push(format!(
                    "unnamed group \"{desc}\" (count {n}) in sentence {}: subject of {}",
                    e.sentence + 1,
                    e.event_type
                ));
            }
        }
        if e.subject_reason.starts_with("a counted group") || e.subject_reason == "named members" {
            let names: Vec<String> = e
                .subjects
                .iter()
                .filter_map(|s| {
                    if let SubjectRef::Person(p) = s {
                        Some(name(*p))
                    } else {
                        None
                    }
                })
                .collect();
            out.push(format!(
                "sentence {}: the subjects of its {} event are {} ({})",
                e.sentence + 1,
                e.event_type,
                names.join(", "),
                e.subject_reason
            ));
        }
    }
    out
}

/// Groups of people named in coordination ("A, B and C").
fn coordinated_people(ents: &Entities, si: usize, words: &[&str]) -> Vec<Vec<usize>> {
    let ms: Vec<&Mention> = ents.mentions[si]
        .iter()
        .filter(|m| matches!(m.target, Target::Person(_)))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in ms {
        let Target::Person(p) = m.target else { continue };
        // "A, B and C"; also across short descriptions: "A and Polish minority activists B, C"
        let joined = last_end.is_some_and(|e| {
            m.first >= e
                && ((e..m.first).all(|k| matches!(words[k], "," | "and" | "or" | "mr" | "mrs" | "ms" | "dr" | "."))
                    && m.first - e <= 4
                    || (m.first - e <= 6
                        && (e..m.first).any(|k| matches!(words[k], "," | "and"))
                        && (e..m.first).all(|k| {
                            let w = words[k];
                            !BE.contains(&w)
                                && !SUBORDINATORS.contains(&w)
                                && !SPEECH.contains(&w)
                                && !w.ends_with("ed")
                                && !matches!(w, ";" | ":" | "(" | ")" | "that" | "to" | "by" | "of" | "on" | "in")
                        })))
        });
        if !joined && !cur.is_empty() {
            groups.push(std::mem::take(&mut cur));
        }
        if !cur.contains(&p) {
            cur.push(p);
        }
        last_end = Some(m.last);
    }
    if !cur.is_empty() {
        groups.push(cur);
    }
    groups
}

/// People named after a companion cue that follows the trigger at `end`:
/// "…were arrested, including A, B and C", "…along with ZPB head A and
/// activists B and C". The list runs while the names are joined by commas,
/// "and" and short descriptions; it stops at `;`, a verb of saying or a clause.
fn companions(ctx: &Ctx<'_>, si: usize, words: &[&str], end: usize) -> Vec<usize> {
    let stop = (end..words.len())
        .find(|&k| matches!(words[k], ";" | ":") || (SPEECH.contains(&words[k]) && words[k] != "according"))
        .unwrap_or(words.len());
    let Some((cue, cue_end)) = (end..stop).find_map(|k| {
        COMPANION_CUES
            .iter()
            .find(|c| words[k..stop].starts_with(c))
            .map(|c| (k, k + c.len()))
    }) else {
        return Vec::new();
    };
    // the cue joins the trigger's own phrase: a comma before it other than its own starts another
    // clause ("before his arrest, X criticised Y, as well as Z" lists whom X criticised)
    if cue > end + 1 && words[end..cue - 1].contains(&",") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last = cue_end;
    for m in &ctx.ents.mentions[si] {
        let Target::Person(p) = m.target else { continue };
        if m.first < last || m.first >= stop {
            continue;
        }
        let gap = &words[last..m.first];
        let first = out.is_empty();
        let ok = if first {
            gap.len() <= 4 && gap.iter().all(|w| !BE.contains(w) && !w.ends_with("ed") && *w != ",")
        } else {
            gap.len() <= 6
                && gap.iter().any(|w| matches!(*w, "," | "and"))
                && gap.iter().all(|w| {
                    !BE.contains(w)
                        && !SUBORDINATORS.contains(w)
                        && !w.ends_with("ed")
                        && !matches!(*w, "(" | ")" | "to" | "by")
                })
        };
        if !ok {
            break;
        }
        if !out.contains(&p) {
            out.push(p);
        }
        last = m.last;
    }
    out
}

/// A verb of saying in the sentence, and its speaker's name: "X said",
/// "said X", "he told", "his lawyer said" (the lawyer is not named: None).
fn speech_verb(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<(usize, Option<String>)> {
    let k = words.iter().position(|w| SPEECH.contains(w) && *w != "according")?;
    let before = ctx.ents.mentions[si]
        .iter()
        .find(|m| m.last == k || (m.last + 1 == k && matches!(words[m.last], "also" | "has" | "had" | "later")));
    let after = ctx.ents.mentions[si].iter().find(|m| m.first == k + 1);
    let who = match before.or(after) {
        Some(m) => Some(target_name(ctx, m.target)),
        None if k > 0 && matches!(words[k - 1], "he" | "she") => {
            let g = if words[k - 1] == "he" {
                Gender::Male
            } else {
                Gender::Female
            };
            resolve_pronoun(ctx, si, k - 1, Some(g)).and_then(|v| match v.first() {
                Some(SubjectRef::Person(p)) => Some(ctx.ents.people[*p].name()),
                _ => None,
            })
        }
        None => None,
    };
    Some((k, who))
}

fn according_to(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<String> {
    let k = words.iter().position(|w| *w == "according")?;
    if words.get(k + 1) != Some(&"to") {
        return None;
    }
    let m = ctx.ents.mentions[si]
        .iter()
        .find(|m| m.first >= k + 2 && m.first <= k + 4)?;
    Some(target_name(ctx, m.target))
}

fn target_name(ctx: &Ctx<'_>, t: Target) -> String {
    match t {
        Target::Person(p) => ctx.ents.people[p].name(),
        Target::Org(o) => ctx.ents.orgs[o].name.clone(),
    }
}

/// A unit that can be a subject: a mention, pronoun, role noun or group at a token position.
#[derive(Debug, Clone)]
struct Unit {
    first: usize,
    last: usize,
    subjects: Vec<SubjectRef>,
    /// An organisation: the agent of an active verb, never a subject of a passive one.
    org: bool,
}

/// The subject units of a token range.
fn units(ctx: &Ctx<'_>, si: usize, words: &[&str], from: usize, to: usize, focus: &Focus) -> Vec<Unit> {
    let s = &ctx.sentences[si];
    let mut out = Vec::new();
    let mut k = from;
    while k < to {
        if let Some(m) = ctx.ents.mentions[si].iter().find(|m| m.first == k) {
            match m.target {
                Target::Person(p) => {
                    // "Sadyr uulu's lawyer": a possessive name before a role noun is someone else
                    let poss = s.tokens[m.last - 1].lower.ends_with("'s");
                    let role_after = words.get(m.last).is_some_and(|w| PERSON_ROLE_NOUNS.contains(w));
                    // "a lawsuit brought by journalist X": the person after "by" is the one who acts
                    let by_agent = is_by_agent(ctx, words, m);
                    // speakers and commentators; a name that modifies a noun ("the Lukashenka
                    // regime", "Navalny's Anti-Corruption Foundation") is not a participant either
                    let modifier = words.get(m.last).is_some_and(|w| NAME_MODIFIED_NOUNS.contains(w))
                        || (poss && s.tokens.get(m.last).is_some_and(|t| t.is_capitalized()))
                        || (poss && words.get(m.last).is_some_and(|w| NAME_MODIFIED_NOUNS.contains(w)));
                    let speaker = is_speaker(words, m);
                    let subjects = if poss && role_after || by_agent || modifier || speaker {
                        Vec::new()
                    } else {
                        vec![SubjectRef::Person(p)]
                    };
                    out.push(Unit {
                        first: m.first,
                        last: m.last,
                        subjects,
                        org: false,
                    });
                }
                Target::Org(o) => {
                    let org = &ctx.ents.orgs[o];
                    if org.kind == OrgKind::MediaOutlet {
                        // "Chyrak Media journalist X": an outlet before an occupation is an affiliation, not a subject
                        let occ = occupation_at(&s.tokens, m.last, ctx.lex).is_some();
                        if !occ {
                            out.push(Unit {
                                first: m.first,
                                last: m.last,
                                subjects: vec![SubjectRef::Org(o)],
                                org: true,
                            });
                        } else if let Some(g) = group_at(ctx, si, words, m.first, to) {
                            out.push(g.clone());
                            k = g.last;
                            continue;
                        }
                    } else {
                        // agents are units too, so they block the search for a subject past them
                        out.push(Unit {
                            first: m.first,
                            last: m.last,
                            subjects: Vec::new(),
                            org: true,
                        });
                    }
                }
            }
            k = m.last;
            continue;
        }
        let w = words[k];
        // pronouns
        let pron: Option<Vec<SubjectRef>> = match w {
            "he" | "him" | "his" | "himself" => resolve_pronoun(ctx, si, k, Some(Gender::Male)),
            "she" | "her" | "hers" | "herself" => resolve_pronoun(ctx, si, k, Some(Gender::Female)),
            "they" | "them" | "their" | "themselves" | "both" => {
                if let (Some(g), false) = (&focus.group, w == "both") {
                    // "About ten staff were summoned … All of them were released"
                    Some(g.clone())
                } else {
                    let count = if w == "both" { Some(2) } else { None };
                    let v = focus.plural_of(count);
                    (!v.is_empty()).then(|| v.iter().map(|p| SubjectRef::Person(*p)).collect())
                }
            }
            "i" | "me" | "my" | "myself" => speaker_of_quote(ctx, si).map(|p| vec![SubjectRef::Person(p)]),
            _ => None,
        };
        if let Some(subj) = pron {
            // "…," he said: a pronoun before a verb of saying is the speaker, no participant
            if matches!(w, "he" | "she" | "they")
                && words
                    .get(k + 1)
                    .is_some_and(|n| SPEECH.contains(n) && *n != "according")
            {
                out.push(Unit {
                    first: k,
                    last: k + 1,
                    subjects: Vec::new(),
                    org: false,
                });
                k += 1;
                continue;
            }
            let is_poss = matches!(w, "his" | "her" | "their" | "my");
            // "her parents' flat", "his family's home": the place is still theirs
            let owners_place = words.get(k + 2).is_some_and(|n| matches!(*n, "'" | "'s"))
                || words.get(k + 1).is_some_and(|n| n.ends_with("'s"));
            if is_poss
                && !owners_place
                && words.get(k + 1).is_some_and(|n| {
                    PERSON_ROLE_NOUNS.contains(n) || occupation_at(&s.tokens, k + 1, ctx.lex).is_some()
                })
            {
                // "his lawyer", "their colleague": somebody else
                out.push(Unit {
                    first: k,
                    last: k + 2,
                    subjects: Vec::new(),
                    org: false,
                });
                k += 2;
                continue;
            }
            out.push(Unit {
                first: k,
                last: k + 1,
                subjects: subj,
                org: false,
            });
            k += 1;
            continue;
        }
        // "the two", "the three journalists", "all three", "the journalists", "the defendants": people already named
        if matches!(w, "the" | "all") {
            let n = words
                .get(k + 1)
                .and_then(|n| dates::number_word(n))
                .filter(|n| (2..=12).contains(n));
            let mut e = k + 1 + usize::from(n.is_some());
            let noun = words.get(e).is_some_and(|x| {
                PLURAL_PERSON_NOUNS.contains(x)
                    || ctx
                        .lex
                        .occupation_kind(x)
                        .is_some_and(|k| matches!(k, OccupationKind::Media | OccupationKind::Other))
                        && x.ends_with('s')
            });
            if noun {
                e += 1;
            }
            // "the accountants" when the people in focus are camera operators: a group of its own
            let occupation = if noun { words.get(e - 1).copied() } else { None }.filter(|x| {
                ctx.lex.occupation_kind(x).is_some() && !matches!(*x, "journalists" | "employees" | "reporters")
            });
            let other_trade = occupation.is_some_and(|occ| {
                let singular = occ.strip_suffix('s').unwrap_or(occ);
                !focus
                    .plural
                    .iter()
                    .any(|p| ctx.ents.people[*p].occupation.as_deref() == Some(singular))
            });
            if noun && n.is_none() && w == "the" && other_trade {
                let desc = s.tokens[k..e]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(Unit {
                    first: k,
                    last: e,
                    subjects: vec![SubjectRef::Group { desc, count: None }],
                    org: false,
                });
                k = e;
                continue;
            }
            if (n.is_some() || noun) && !(w == "all" && n.is_none()) {
                let v = focus.plural_of(n.map(|n| n as usize));
                if !v.is_empty() && words.get(e) != Some(&"of") {
                    out.push(Unit {
                        first: k,
                        last: e,
                        subjects: v.iter().map(|p| SubjectRef::Person(*p)).collect(),
                        org: false,
                    });
                    k = e;
                    continue;
                }
            }
        }
        // "the 33-year-old": the person last in focus
        if w == "the"
            && words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
            && let Some(old) = (k + 1..to.min(k + 5)).find(|&j| words[j].ends_with("year-old") || words[j] == "old")
            && words[k + 1..old]
                .iter()
                .all(|x| x.starts_with(|c: char| c.is_ascii_digit()) || matches!(*x, "-" | "year" | "years"))
            && let Some(p) = focus.recent.last()
        {
            out.push(Unit {
                first: k,
                last: old + 1,
                subjects: vec![SubjectRef::Person(*p)],
                org: false,
            });
            k = old + 1;
            continue;
        }
        // "the outlet", "the site", "its website": the outlet last named
        if matches!(w, "the" | "its")
            && words.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "outlet"
                        | "site"
                        | "website"
                        | "channel"
                        | "station"
                        | "newspaper"
                        | "office"
                        | "newsroom"
                        | "studios"
                        | "portal"
                )
            })
            && words.get(k + 2).is_none_or(|n| *n != "of")
            && let Some(o) = recent_outlet(ctx, si, k)
        {
            out.push(Unit {
                first: k,
                last: k + 2,
                subjects: vec![SubjectRef::Org(o)],
                org: true,
            });
            k += 2;
            continue;
        }
        // role nouns: "the camera operator", "the journalist"
        if w == "the"
            && let Some((end, kind, phrase)) = occupation_at(&s.tokens, k + 1, ctx.lex)
            && kind == OccupationKind::Media
            && !phrase.ends_with('s')
            && !words.get(end).is_some_and(|n| *n == "of" || *n == "who")
            && let Some(p) = role_noun(ctx, si, &phrase)
        {
            out.push(Unit {
                first: k,
                last: end,
                subjects: vec![SubjectRef::Person(p)],
                org: false,
            });
            k = end;
            continue;
        }
        if let Some(g) = group_at(ctx, si, words, k, to) {
            k = g.last;
            out.push(g);
            continue;
        }
        k += 1;
    }
    out
}

/// A group noun phrase starting at `k`: "two employees", "about ten current and
/// former staff members", "a Kloop accountant", "the outlet's driver".
fn group_at(ctx: &Ctx<'_>, si: usize, words: &[&str], k: usize, to: usize) -> Option<Unit> {
    let s = &ctx.sentences[si];
    // "its former chief editor, Chung Pui-kuen": a description before a name is no group either
    let names_follow = |end: usize| {
        words.get(end) == Some(&",")
            && ctx.ents.mentions[si]
                .iter()
                .any(|m| m.first == end + 1 && matches!(m.target, Target::Person(_)))
    };
    // "Okafor, a former reporter for …", "Okafor (Lenz), a reporter": an apposition describes the
    // name before it, it is no group
    if k >= 1 && words[k - 1] == "," {
        let mut name_end = k - 1;
        if name_end >= 1
            && words[name_end - 1] == ")"
            && let Some(open) = (name_end.saturating_sub(8)..name_end - 1)
                .rev()
                .find(|&j| words[j] == "(")
        {
            name_end = open;
        }
        if ctx.ents.mentions[si]
            .iter()
            .any(|m| m.last == name_end && matches!(m.target, Target::Person(_)))
        {
            return None;
        }
    }
    // "most of the defendants", "some of the detainees", "all of them": a part (or all) of a set,
    // kept as an unnamed group rather than spread to every member
    if matches!(
        words[k],
        "most" | "some" | "several" | "many" | "few" | "half" | "none" | "rest"
    ) && words.get(k + 1) == Some(&"of")
        && words.get(k + 2) == Some(&"the")
        && let Some(noun) = words.get(k + 3)
        && k + 4 <= to
        && (PLURAL_PERSON_NOUNS.contains(noun) || GROUP_NOUNS.contains(noun))
    {
        let desc = s.tokens[k..k + 4]
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Some(Unit {
            first: k,
            last: k + 4,
            subjects: vec![SubjectRef::Group { desc, count: None }],
            org: false,
        });
    }
    let mut j = k;
    let mut count: Option<u32> = None;
    let mut quant = false;
    while j < to
        && matches!(
            words[j],
            "about"
                | "around"
                | "some"
                | "at"
                | "least"
                | "more"
                | "than"
                | "nearly"
                | "almost"
                | "over"
                | "several"
                | "a"
                | "an"
                | "the"
                | "other"
                | "its"
                | "outlet's"
                | "channel's"
                | "site's"
                | "station's"
                | "agency's"
        )
    {
        if matches!(words[j], "a" | "an") {
            count = Some(1);
        }
        quant = true;
        j += 1;
    }
    if j < to
        && let Some(n) = dates::number_word(words[j]).filter(|_| words[j] != "a" && words[j] != "an")
    {
        count = u32::try_from(n).ok();
        quant = true;
        j += 1;
    }
    if !quant {
        return None;
    }
    // skip an outlet name and adjectives
    if let Some(m) = ctx.ents.mentions[si]
        .iter()
        .find(|m| m.first == j && matches!(m.target, Target::Org(_)))
    {
        j = m.last;
    }
    let mut adj = 0;
    while j < to
        && adj < 4
        && (matches!(
            words[j],
            "current"
                | "former"
                | "and"
                | "other"
                | "administrative"
                | "local"
                | "independent"
                | "senior"
                | "junior"
                | "young"
                | "female"
                | "male"
                | "foreign"
                | "freelance"
                | "regional"
        ) || (words[j].ends_with("ed") && j > k))
    {
        j += 1;
        adj += 1;
    }
    let (end, is_group) = if let Some((end, kind, _)) = occupation_at(&s.tokens, j, ctx.lex) {
        (end, kind == OccupationKind::Media)
    } else if j + 1 < to && words[j + 1] == "members" && s.tokens[j].kind == TokenKind::Word {
        // "board members", "family members", "opposition members"
        (j + 2, true)
    } else if j < to && GROUP_NOUNS.contains(&words[j]) {
        let end = if words.get(j + 1) == Some(&"members") {
            j + 2
        } else {
            j + 1
        };
        (end, true)
    } else {
        return None;
    };
    if !is_group || end > to {
        return None;
    }
    if names_follow(end) {
        return None;
    }
    // "reporters Sevinj Aliyeva and ...": an occupation before a name is a title, not a group
    if ctx.ents.mentions[si]
        .iter()
        .any(|m| m.first == end && matches!(m.target, Target::Person(_)))
    {
        return None;
    }
    if words[k] == "the" && count.is_none() && !words[k + 1].ends_with("'s") {
        return None; // "the journalists" is handled as a plural reference
    }
    let desc = s.tokens[k..end]
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(Unit {
        first: k,
        last: end,
        subjects: vec![SubjectRef::Group { desc, count }],
        org: false,
    })
}

/// The person a pronoun at token `k` of sentence `si` refers to: the nearest
/// earlier mention with a compatible gender, preferring media people.
fn resolve_pronoun(ctx: &Ctx<'_>, si: usize, k: usize, gender: Option<Gender>) -> Option<Vec<SubjectRef>> {
    let para = ctx.sentences[si].paragraph;
    let mut fallback = None;
    for sj in (0..=si).rev() {
        if ctx.sentences[sj].paragraph + 2 < para {
            break;
        }
        // within a sentence the people it is about come before the sources it quotes
        // ("Iskandar had been summoned …, according to the publisher, Prak Sokunthea")
        let words = &ctx.words[sj];
        // and a pronoun continues the topic: the person in subject position (the leftmost) comes
        // before people named later in the sentence ("X … in memory of protester Y. She …")
        let mut ordered: Vec<&Mention> = ctx.ents.mentions[sj]
            .iter()
            .filter(|m| !(sj == si && m.first >= k))
            .collect();
        ordered.sort_by_key(|m| is_speaker(words, m));
        for m in ordered {
            let Target::Person(p) = m.target else { continue };
            // "the Lukashenka regime", "Navalny's foundation": a name that modifies a noun is no antecedent
            let poss = ctx.sentences[sj].tokens[m.last - 1].lower.ends_with("'s");
            if words.get(m.last).is_some_and(|w| NAME_MODIFIED_NOUNS.contains(w))
                || (poss && ctx.sentences[sj].tokens.get(m.last).is_some_and(|t| t.is_capitalized()))
            {
                continue;
            }
            let person = &ctx.ents.people[p];
            if gender.is_some() && person.gender.is_some() && person.gender != gender {
                continue;
            }
            if matches!(
                person.occupation_kind,
                Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
            ) {
                fallback.get_or_insert(p);
                continue;
            }
            return Some(vec![SubjectRef::Person(p)]);
        }
    }
    fallback.map(|p| vec![SubjectRef::Person(p)])
}

/// The most recent person with this occupation (or any media person).
fn role_noun(ctx: &Ctx<'_>, si: usize, phrase: &str) -> Option<usize> {
    let mut any = None;
    for sj in (0..=si).rev() {
        for m in ctx.ents.mentions[sj].iter().rev() {
            let Target::Person(p) = m.target else { continue };
            let person = &ctx.ents.people[p];
            if person.occupation.as_deref() == Some(phrase) {
                return Some(p);
            }
            if person.occupation_kind == Some(OccupationKind::Media) && phrase == "journalist" {
                any.get_or_insert(p);
            }
        }
    }
    any
}

/// Who "I"/"me" is in a quote: the speaker named or pronoun-referred in the
/// paragraph's attribution ("… he told the court"), else the last person named.
fn speaker_of_quote(ctx: &Ctx<'_>, si: usize) -> Option<usize> {
    let para = ctx.sentences[si].paragraph;
    let range: Vec<usize> = (0..ctx.sentences.len())
        .filter(|&j| ctx.sentences[j].paragraph == para)
        .collect();
    for &sj in &range {
        let words = &ctx.words[sj];
        for (k, w) in words.iter().enumerate() {
            if !matches!(
                *w,
                "said" | "told" | "explained" | "added" | "says" | "recalled" | "wrote"
            ) {
                continue;
            }
            if k == 0 {
                continue;
            }
            let before = words[k - 1];
            if matches!(before, "he" | "she") {
                let g = if before == "he" { Gender::Male } else { Gender::Female };
                if let Some(v) = resolve_pronoun(ctx, sj, k - 1, Some(g))
                    && let Some(SubjectRef::Person(p)) = v.first()
                {
                    return Some(*p);
                }
            }
            if let Some(m) = ctx.ents.mentions[sj].iter().find(|m| m.last == k || m.first == k + 1)
                && let Target::Person(p) = m.target
            {
                return Some(p);
            }
        }
    }
    // the last person named before the quote
    for sj in (0..=si).rev() {
        if let Some(m) = ctx.ents.mentions[sj]
            .iter()
            .rev()
            .find(|m| matches!(m.target, Target::Person(_)))
            && let Target::Person(p) = m.target
        {
            return Some(p);
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn subjects_for(
    ctx: &Ctx<'_>,
    si: usize,
    words: &[&str],
    start: usize,
    end: usize,
    clause: (usize, usize),
    voice: Voice,
    t: EventType,
    focus: &Focus,
) -> (Vec<SubjectRef>, &'static str) {
    // for events that happen to people, organisations are agents (or places: "at the SCNS"), not subjects
    // lawyers and officials are never subjects: their units stay, as names that are not the subject
    let person_only = |mut v: Vec<Unit>| {
        for u in v.iter_mut() {
            if u.org && needs_person(t) {
                u.subjects.clear();
            }
            u.subjects.retain(|s| match s {
                SubjectRef::Person(p) => !matches!(
                    ctx.ents.people[*p].occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official)
                ),
                _ => true,
            });
        }
        v
    };
    // units inside a relative clause the trigger is not in belong to that clause
    let rels: Vec<(usize, usize)> = relative_spans(words)
        .into_iter()
        .filter(|r| !(r.0 < start && start < r.1))
        .collect();
    let outside_rels = |v: Vec<Unit>| -> Vec<Unit> {
        v.into_iter()
            .filter(|u| !rels.iter().any(|r| r.0 <= u.first && u.first < r.1))
            .collect()
    };
    let left = outside_rels(person_only(units(ctx, si, words, clause.0, start, focus)));
    // the object never reaches past "according to"
    let right_end = (end..clause.1).find(|&k| words[k] == "according").unwrap_or(clause.1);
    // a pattern with a gap can hold its object: "found them guilty"
    // (only object forms: "lost their legal status" is about the subject)
    let gap_object = (start + 1..end)
        .find(|&k| !matches!(words[k], "their" | "his" | "its" | "our" | "my"))
        .unwrap_or(end);
    let right = outside_rels(person_only(units(
        ctx,
        si,
        words,
        gap_object.min(end),
        right_end,
        focus,
    )));
    // passive: a form of "be" (skipping adverbs) right before the trigger
    let mut k = start;
    // adverbs and time phrases between the auxiliary and the participle: "were on Thursday given"
    let time_word = |w: &str| {
        matches!(
            w,
            "on" | "yesterday"
                | "today"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        )
    };
    while k > clause.0 && (ADVERBS.contains(&words[k - 1]) || time_word(words[k - 1])) {
        k -= 1;
    }
    let participle = |w: &str| {
        w.ends_with("ed")
            || matches!(
                w,
                "taken"
                    | "held"
                    | "freed"
                    | "given"
                    | "sent"
                    | "put"
                    | "found"
                    | "forced"
                    | "kept"
                    | "made"
                    | "beaten"
                    | "barred"
                    | "brought"
                    | "driven"
                    | "shut"
            )
    };
    // "has accused", "had detained" are active perfects; the passive needs a form of "be" or "get"
    // ("has been detained", "got arrested")
    let perfect = |w: &str| matches!(w, "has" | "have" | "had");
    let mut passive = k > clause.0 && BE.contains(&words[k - 1]) && !perfect(words[k - 1]) && participle(words[start]);
    // "was summoned to the ministry and questioned": the voice of the first verb carries over
    if !passive && k > clause.0 && words[k - 1] == "and" && participle(words[start]) {
        passive = (clause.0..k - 1)
            .rev()
            .take(10)
            .any(|j| participle(words[j]) && j > 0 && BE.contains(&words[j - 1]) && !perfect(words[j - 1]));
    }
    let orgs_transparent = passive || voice == Voice::Subject;
    let take_left = |units: &[Unit]| -> Vec<SubjectRef> {
        // the nearest unit with subjects, plus units coordinated with it
        let Some(pos) = units.iter().rposition(|u| !u.subjects.is_empty()) else {
            return Vec::new();
        };
        // a unit that is only an agent (no subjects) nearer the trigger blocks it: "police detained";
        // before a passive verb an organisation is only a place or a by-phrase ("summoned to the GKNB")
        if units[pos + 1..]
            .iter()
            .any(|u| u.subjects.is_empty() && !(u.org && orgs_transparent))
        {
            return Vec::new();
        }
        let mut out = units[pos].subjects.clone();
        let mut p = pos;
        while p > 0 {
            let gap: Vec<&str> = words[units[p - 1].last..units[p].first].to_vec();
            if !units[p - 1].subjects.is_empty() && !gap.is_empty() && gap.len() <= 6 && coordination_gap(ctx, &gap) {
                p -= 1;
                for s in units[p].subjects.iter().rev() {
                    out.insert(0, s.clone());
                }
                continue;
            }
            // "A, the editor of the outlet X, and reporter B": skip an apposition with an organisation in it
            let before = (0..p).rev().find(|&q| !units[q].org);

            if let Some(q) = before
                && !units[q].subjects.is_empty()
                && apposition_gap(ctx, &words[units[q].last..units[p].first])
            {
                p = q;
                for s in units[p].subjects.iter().rev() {
                    out.insert(0, s.clone());
                }
                continue;
            }
            break;
        }
        out
    };
    let take_right = |all_units: &[Unit]| -> Vec<SubjectRef> {
        // an organisation after the verb is a place or a modifier ("employees of Kloop"), never a block
        let start_at = all_units
            .iter()
            .position(|u| !(u.org && u.subjects.is_empty()))
            .unwrap_or(all_units.len());
        let units = &all_units[start_at..];
        let Some(first) = units.first() else { return Vec::new() };
        if first.subjects.is_empty() {
            return Vec::new();
        }
        let mut out = first.subjects.clone();
        let mut p = 0;
        while p + 1 < units.len() {
            let gap: Vec<&str> = words[units[p].last..units[p + 1].first].to_vec();
            if !units[p + 1].subjects.is_empty()
                && !gap.is_empty()
                && (gap.len() <= 6 && coordination_gap(ctx, &gap) || (t == EventType::Sentence && gap.len() <= 14))
            {
                p += 1;
                out.extend(units[p].subjects.iter().cloned());
                continue;
            }
            // "X, the editor of the outlet Y, and reporter Z": skip an apposition with an organisation in it
            let after = (p + 1..units.len()).find(|&q| !units[q].org);
            if let Some(q) = after
                && !units[q].subjects.is_empty()
                && apposition_gap(ctx, &words[units[p].last..units[q].first])
            {
                p = q;
                out.extend(units[p].subjects.iter().cloned());
                continue;
            }
            break;
        }
        out
    };
    let dedup = |v: Vec<SubjectRef>| {
        let mut out: Vec<SubjectRef> = Vec::new();
        for s in v {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    };
    // "X, who was detained with them": a relative clause's subject is the noun before "who"
    if clause.0 >= 1
        && matches!(words[clause.0 - 1], "who" | "which")
        && (voice == Voice::Subject || passive)
        && words
            .get(clause.0)
            .is_some_and(|w0| BE.contains(w0) || ADVERBS.contains(w0) || w0.ends_with("ed"))
    {
        let before = units(ctx, si, words, 0, clause.0 - 1, focus);
        let r = take_left(&before);
        if !r.is_empty() {
            return (dedup(r), "the noun the relative clause describes");
        }
    }
    // an accusation's object sits inside its pattern: "accused the court of bias" accuses the
    // court, "accused her of treason" accuses her; whoever is named after "of" or before the verb
    // is someone else (the accuser, or a party of the act the charge is about)
    if voice == Voice::Object
        && !passive
        && t == EventType::Charge
        && gap_object + 1 < end
        && matches!(words[end - 1], "of" | "with")
    {
        let inside: Vec<Unit> = right.iter().filter(|u| u.first < end).cloned().collect();
        let r = inside
            .iter()
            .find(|u| !u.subjects.is_empty())
            .map(|u| u.subjects.clone())
            .unwrap_or_default();
        return if r.is_empty() {
            (Vec::new(), "none (the accused named inside the pattern is no one)")
        } else {
            (dedup(r), "object of the trigger")
        };
    }
    // a possessive makes the trigger a noun whose possessor it happens to: "before his arrest in
    // June, X criticised Y" is X's arrest, whoever stands after it
    if start > 0 && matches!(words[start - 1], "his" | "her" | "their") {
        if let Some(u) = left.last()
            && u.last == start
            && !u.subjects.is_empty()
        {
            return (dedup(u.subjects.clone()), "the possessor of the noun");
        }
        // cataphora in a fronted phrase: the subject of the main clause after its comma
        if let Some(comma) = (end..words.len().min(end + 8)).find(|&k| words[k] == ",")
            && !words[..start].contains(&",")
        {
            let main = person_only(units(ctx, si, words, comma + 1, (comma + 4).min(words.len()), focus));
            // (a title may stand before the name: ", reporter X")
            if let Some(u) = main.first()
                && words[comma + 1..u.first]
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_alphabetic()) && !BE.contains(w))
                && !u.subjects.is_empty()
            {
                return (
                    dedup(u.subjects.clone()),
                    "the possessor of the noun (the main clause's subject)",
                );
            }
        }
        return (Vec::new(), "none (the possessor of the noun is no one named)");
    }
    // a bare plural object is generic: "stop arresting journalists", "a pattern of jailing
    // reporters" speak of no one in particular (and the verb's left side is its agent)
    if voice == Voice::Object
        && !passive
        && words.get(end).is_some_and(|w| {
            PLURAL_PERSON_NOUNS.contains(w)
                || (w.ends_with('s') && ctx.lex.occupation_kind(w) == Some(OccupationKind::Media))
        })
        // ("detained reporters A and B" names them)
        && !ctx.sentences[si].tokens.get(end + 1).is_some_and(|t| t.is_capitalized())
    {
        return (Vec::new(), "none (a generic plural object)");
    }
    let (first_try, reason) = match voice {
        Voice::Subject => (take_left(&left), "left of the trigger (the person acts)"),
        Voice::Object if passive => (take_left(&left), "left of a passive trigger"),
        Voice::Object => (take_right(&right), "object of the trigger"),
        Voice::Noun => {
            // "the detention of X", "X's detention", "their arrest"
            let r = if words.get(end) == Some(&"of") {
                take_right(&right)
            } else {
                Vec::new()
            };
            // "every court hearing of X's foundation": the complement names whom the noun is about
            if r.is_empty() && words.get(end) == Some(&"of") {
                return (Vec::new(), "none (the noun's complement names no one)");
            }
            if r.is_empty() {
                (take_left(&left), "before the noun")
            } else {
                (r, "after the noun")
            }
        }
    };
    if !first_try.is_empty() {
        return (dedup(first_try), reason);
    }
    let second = match voice {
        Voice::Object if !passive => take_left(&left),
        _ => take_right(&right),
    };
    if !second.is_empty() {
        return (dedup(second), "other side of the trigger");
    }
    // an object relative clause: "X, an exiled outlet that the KGB declared extremist" is about X
    if voice == Voice::Object
        && !passive
        && let Some(rel) = (start.saturating_sub(8)..start)
            .rev()
            .find(|&k| matches!(words[k], "that" | "which" | "whom"))
        && !words[rel + 1..start].iter().any(|w| SPEECH.contains(w))
    {
        let before = person_only(units(ctx, si, words, 0, rel, focus));
        // the nearest unit, or the name an apposition before it describes
        // (an apposition of lower-case words only: "ACF, which …" is about ACF, not a name before it)
        let toks = &ctx.sentences[si].tokens;
        if let Some(u) = before.iter().rev().find(|u| !u.subjects.is_empty())
            && rel - u.last <= 8
            && !toks[u.last..rel]
                .iter()
                .any(|t| t.kind == TokenKind::Word && t.is_capitalized())
        {
            return (dedup(u.subjects.clone()), "the antecedent of an object relative clause");
        }
    }
    if !needs_person(t) {
        return (Vec::new(), "none");
    }
    // "every court hearing of X's foundation": the noun's own complement named no one, so no one else is it
    if voice == Voice::Noun && words.get(end) == Some(&"of") {
        return (Vec::new(), "none");
    }
    // whole sentence: media people named in it who are not speakers
    let mut media: Vec<SubjectRef> = Vec::new();
    for m in &ctx.ents.mentions[si] {
        if let Target::Person(p) = m.target {
            let person = &ctx.ents.people[p];
            if !is_speaker(words, m)
                && !is_by_agent(ctx, words, m)
                && !matches!(
                    person.occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
                )
            {
                media.push(SubjectRef::Person(p));
            }
        }
    }
    if !media.is_empty() {
        return (dedup(media), "people named in the sentence");
    }
    // the sentence's pronoun subject anywhere ("she told the court that …")
    let all = person_only(units(ctx, si, words, 0, words.len(), focus));
    if let Some(u) = all
        .iter()
        .find(|u| u.subjects.iter().any(|s| matches!(s, SubjectRef::Person(_))))
        && needs_person(t)
    {
        return (dedup(u.subjects.clone()), "reference in the sentence");
    }
    // "the defence would appeal", "his lawyer said she would challenge the ruling": the defendant's act
    if matches!(t, EventType::Appeal | EventType::Release | EventType::HouseArrest) {
        let defence = words.windows(2).position(|w| {
            (w[0] == "the" && matches!(w[1], "defence" | "defense"))
                || (matches!(w[0], "his" | "her" | "their")
                    && matches!(
                        w[1],
                        "lawyer" | "lawyers" | "defence" | "defense" | "attorney" | "attorneys"
                    ))
        });
        if let Some(k) = defence {
            let who = match words[k] {
                "his" => resolve_pronoun(ctx, si, k, Some(Gender::Male)),
                "her" => resolve_pronoun(ctx, si, k, Some(Gender::Female)),
                "their" => {
                    (!focus.plural.is_empty()).then(|| focus.plural.iter().map(|p| SubjectRef::Person(*p)).collect())
                }
                _ => focus.recent.last().map(|p| vec![SubjectRef::Person(*p)]),
            };
            if let Some(who) = who.filter(|w| !w.is_empty()) {
                return (dedup(who), "the client of the defence");
            }
        }
    }
    // court decisions about people already in focus: "the court upheld the sentences",
    // "the trial was held behind closed doors", "the pardon decree had been signed"
    let own_subject = passive && left.iter().any(|u| u.org);
    if matches!(
        t,
        EventType::Appeal
            | EventType::Hearing
            | EventType::Sentence
            | EventType::Conviction
            | EventType::PretrialDetention
            | EventType::Pardon
    ) && (!focus.plural.is_empty() || !focus.recent.is_empty())
        && !ctx.ents.mentions[si]
            .iter()
            .any(|m| matches!(m.target, Target::Person(_)))
        // a passive verb with a subject of its own ("the parent company, X Limited, was found guilty")
        && !own_subject
    {
        let people: Vec<usize> = if focus.plural.is_empty() {
            focus.recent.last().copied().into_iter().collect()
        } else {
            focus.plural.clone()
        };
        return (
            people.iter().map(|p| SubjectRef::Person(*p)).collect(),
            "the people in focus",
        );
    }
    (Vec::new(), "none")
}

fn agent_for(
    ctx: &Ctx<'_>,
    si: usize,
    words: &[&str],
    t: EventType,
    start: usize,
    clause: (usize, usize),
) -> Option<(Option<usize>, String)> {
    let kinds = preferred_agents(t);
    let mut best: Option<(usize, usize)> = None; // (distance, org)
    for m in &ctx.ents.mentions[si] {
        if let Target::Org(o) = m.target
            && kinds.contains(&ctx.ents.orgs[o].kind)
        {
            let d = m.first.abs_diff(start)
                + if m.first < clause.0 || m.first >= clause.1 {
                    20
                } else {
                    0
                };
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, o));
            }
        }
    }
    if let Some((_, o)) = best {
        return Some((Some(o), ctx.ents.orgs[o].name.clone()));
    }
    for (phrase, kind) in &ctx.lex.generic_agents {
        if !kinds.contains(kind) {
            continue;
        }
        let n = phrase.len();
        if n == 0 || n > words.len() {
            continue;
        }
        for i in 0..=words.len() - n {
            if (0..n).all(|j| words[i + j] == phrase[j]) {
                let name = phrase
                    .iter()
                    .filter(|w| !matches!(w.as_str(), "the" | "a"))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some((None, name));
            }
        }
    }
    None
}

/// Whether an "arrest" trigger at `[start, end)` is a court's order: a court or judge
/// arrests ("an Istanbul court arrested her", "arrested by a court decision"), or the
/// arrest has a term ("arrested for two months", "arrested until 19 May") or waits for
/// trial ("arrested pending trial"). In the jurisdictions casewatch covers (Turkey's
/// tutuklama, Russia's and Central Asia's court arrest) that is pre-trial detention,
/// while the police's arrest is a detention (taxonomy, "jurisdiction").
fn court_ordered_arrest(
    ctx: &Ctx<'_>,
    si: usize,
    words: &[&str],
    start: usize,
    end: usize,
    clause: (usize, usize),
) -> bool {
    if !words[start].starts_with("arrest") {
        return false;
    }
    let court_at = |k: usize| {
        matches!(
            words[k],
            "court" | "courts" | "judge" | "magistrate" | "magistrates" | "tribunal" | "court-ordered"
        ) || ctx.ents.mentions[si].iter().any(|m| {
            m.first <= k && k < m.last && matches!(m.target, Target::Org(o) if ctx.ents.orgs[o].kind == OrgKind::Court)
        })
    };
    let brought = |k: usize| k > 0 && matches!(words[k - 1], "to" | "before" | "outside" | "into");
    let lo = start.saturating_sub(8).max(clause.0);
    let hi = (end + 6).min(clause.1);
    if (lo..hi).any(|k| court_at(k) && !brought(k) && !(k > 0 && brought(k - 1))) {
        // "the court heard that police arrested him": a court before "that" is not the one arresting
        let between = if lo < start { &words[lo..start] } else { &[][..] };
        if !between.iter().any(|w| matches!(*w, "that" | "police" | "officers")) {
            return true;
        }
    }
    let after = &words[end..clause.1];
    after.windows(2).take(8).any(|w| {
        (w[0] == "pending" && matches!(w[1], "trial" | "investigation"))
            || (w[0] == "for"
                && dates::number_word(w[1]).is_some()
                && after.iter().take(6).any(|x| matches!(*x, "months" | "month")))
            || w[0] == "until"
    })
}

/// An "arrest" trigger whose clause names no police or security agent: in a
/// court-arrest jurisdiction (`[court_arrest]` in the lexicon) it is the
/// court's order.
fn arrest_without_police(ctx: &Ctx<'_>, si: usize, words: &[&str], start: usize, clause: (usize, usize)) -> bool {
    if !words[start].starts_with("arrest") && !words[start].starts_with("rearrest") {
        return false;
    }
    let police_word = words[clause.0..clause.1].iter().any(|w| {
        matches!(
            *w,
            "police"
                | "officers"
                | "policemen"
                | "gendarmerie"
                | "agents"
                | "security"
                | "militia"
                | "fsb"
                | "gknb"
                | "knb"
        )
    });
    let police_org = ctx.ents.mentions[si].iter().any(|m| {
        clause.0 <= m.first
            && m.first < clause.1
            && matches!(m.target, Target::Org(o) if matches!(ctx.ents.orgs[o].kind, OrgKind::Police | OrgKind::SecurityAgency))
    });
    !police_word && !police_org
}

fn place_for(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<String> {
    let s = &ctx.sentences[si];
    for k in 0..words.len().saturating_sub(1) {
        if words[k] == "in" && s.tokens[k + 1].is_capitalized() && ctx.lex.places.contains(words[k + 1]) {
            return Some(s.tokens[k + 1].text.trim_end_matches("'s").to_string());
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn detail_for(
    ctx: &Ctx<'_>,
    si: usize,
    words: &[&str],
    t: EventType,
    start: usize,
    end: usize,
    mentions: &[DateMention],
    clause: (usize, usize),
) -> Option<String> {
    let s = &ctx.sentences[si];
    let text = |a: usize, b: usize| -> String {
        let mut out = String::new();
        for (i, tok) in s.tokens[a..b].iter().enumerate() {
            if i > 0 && (tok.kind != TokenKind::Punct || matches!(tok.text.as_str(), "\"" | "«" | "“")) {
                out.push(' ');
            }
            out.push_str(&tok.text);
        }
        out
    };
    let stop = |w: &str| {
        matches!(
            w,
            "," | "."
                | ";"
                | ":"
                | "after"
                | "before"
                | "on"
                | "in"
                | "at"
                | "when"
                | "while"
                | "and"
                | "which"
                | "who"
                | "from"
                | "during"
                | "because"
                | "for"
        )
    };
    match t {
        EventType::Sentence => {
            // "to five years in a general-regime colony", "a three-year suspended sentence", "fined her 100,000 som"
            let k = (start..clause.1.min(words.len()))
                .find(|&k| words[k] == "to" && words.get(k + 1).and_then(|w| dates::number_word(w)).is_some());
            if let Some(k) = k {
                let mut e = k + 1;
                while e < clause.1
                    && !matches!(words[e], "," | "." | ";" | "for" | "and" | "after" | "under")
                    && !mentions
                        .iter()
                        .any(|m| m.first == e || (m.first == e + 1 && matches!(words[e], "on" | "in")))
                {
                    e += 1;
                }
                return Some(text(k + 1, e));
            }
            if words[start] == "fined" {
                // the amount: from the first number after the trigger to a stop or a date
                let a = (end..clause.1).find(|&k| s.tokens[k].kind == TokenKind::Number)?;
                let mut e = a;
                while e < clause.1
                    && !matches!(words[e], "," | "." | ";" | "under" | "for" | "over")
                    && !mentions
                        .iter()
                        .any(|m| m.first == e || (m.first == e + 1 && matches!(words[e], "on" | "in")))
                {
                    e += 1;
                }
                return Some(format!("fine: {}", text(a, e)));
            }
            let a = (clause.0..start)
                .rev()
                .find(|&k| dates::number_word(words[k]).is_some() || words[k].contains("-year"));
            a.map(|a| text(a, end))
        }
        EventType::PretrialDetention | EventType::HouseArrest | EventType::TravelBan => {
            let until = mentions.iter().find(|m| is_end_date(words, m));
            if let Some(m) = until
                && let Some(d) = dates::resolve(m.when, None)
            {
                return Some(format!("until {d}"));
            }
            let k = (end..clause.1)
                .find(|&k| words[k] == "for" && words.get(k + 1).and_then(|w| dates::number_word(w)).is_some())?;
            let e = (k + 2..clause.1.min(k + 5)).find(|&e| {
                matches!(
                    words[e],
                    "month" | "months" | "days" | "weeks" | "years" | "day" | "week" | "year"
                )
            })?;
            Some(text(k, e + 1))
        }
        EventType::Search | EventType::Seizure => {
            let mut e = end;
            while e < clause.1 && !stop(words[e]) && e - end < 12 {
                e += 1;
            }
            // lists of seized items run across commas and "and"
            if t == EventType::Seizure {
                while e < clause.1 && matches!(words[e], "," | "and") && e - end < 24 {
                    e += 1;
                    while e < clause.1 && !stop(words[e]) {
                        e += 1;
                    }
                }
            }
            (e > end).then(|| text(end, e))
        }
        EventType::Charge | EventType::Conviction | EventType::Acquittal => {
            let charge = crate::charges::find_in(&s.tokens, ctx.lex).into_iter().next();
            charge.map(|c| c.label)
        }
        _ => None,
    }
}
