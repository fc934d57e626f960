//! French events of one article: triggers of `data/fr.toml` (the shared
//! pattern language of [`crate::lexicon`]), then per trigger its clause, its
//! status ([`super::status`]), subjects by voice, date ([`super::dates`]),
//! agent and detail, as the [`crate::events::FoundEvent`]s the shared record
//! builder takes.
//!
//! Subjects, by the trigger's voice:
//! * `object`: passive ("X a été arrêté", "X, placé en détention", a past
//!   participle with no "a"/"ont" before it) → the nearest person on the left
//!   in the clause; active ("la police a arrêté X") → the nearest on the right;
//! * `noun`: "l'arrestation de X" → the person after "de"; else as passive;
//! * `subject`: the person on the left.
//!
//! The people coordinated with the one found ("X et Y") join it. A plural
//! description ("les deux journalistes", "des journalistes") with nobody named
//! in the clause is the people last named together when they are as many,
//! else an unnamed group with its count. When the
//! clause names nobody (a pronoun, "le journaliste"), the subject is the last
//! person subject of an event that occurred in the paragraph, else the article's main
//! person (the most mentioned person who is neither a lawyer nor an official).
//! Work per sentence is the trigger matches times the clause length (clauses
//! are bounded by [`crate::segment::MAX_SENTENCE_TOKENS`]).

use super::{dates, status};
use crate::dates::When;
use crate::entities::{Entities, Target};
use crate::events::{FoundEvent, SubjectRef};
use crate::lexicon::{Lexicon, OccupationKind, Voice};
use crate::segment::Sentence;
use casewatch_model::{EventType, OrgKind};
use chrono::NaiveDate;

/// Forms of "être" that make a following participle passive.
const ETRE: &[&str] = &[
    "été", "est", "sont", "était", "étaient", "sera", "seront", "soit", "soient", "être", "fut", "furent", "serait",
    "seraient",
];

/// Forms of "avoir" that make a following participle active ("a arrêté").
const AVOIR: &[&str] = &[
    "a", "ont", "avait", "avaient", "aura", "auront", "avoir", "ayant", "aurait",
];

/// French number words of terms and fines ("cinq ans", "dix-huit mois").
const NUMBERS: &[&str] = &[
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-huit",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "cent",
    "mille",
];

/// Words that end a clause.
fn boundary(w: &str) -> bool {
    matches!(
        w,
        ";" | ":" | "mais" | "—" | "–" | "tandis" | "alors" | "(" | ")" | "«" | "»" | "\""
    )
}

/// Event types done to an outlet rather than a person.
fn outlet_event(t: EventType) -> bool {
    matches!(t, EventType::WebsiteBlock | EventType::Liquidation)
}

/// The clause around tokens `[start, end)`: from the last boundary before to
/// the first after.
fn clause_of(words: &[&str], start: usize, end: usize) -> (usize, usize) {
    let cs = (0..start).rev().find(|&k| boundary(words[k])).map_or(0, |k| k + 1);
    let ce = (end..words.len()).find(|&k| boundary(words[k])).unwrap_or(words.len());
    (cs, ce)
}

/// Whether the trigger at `start` reads as a passive (subject on the left).
fn passive(words: &[&str], start: usize) -> bool {
    let prev = |n: usize| start.checked_sub(n).map_or("", |k| words[k]);
    let mut k = 1;
    // adverbs between the auxiliary and the participle: "a été brièvement arrêté"
    while k < 4 && prev(k).ends_with("ment") {
        k += 1;
    }
    if ETRE.contains(&prev(k)) || matches!(prev(k), "placé" | "placée" | "placés" | "mis" | "mise" | "maintenu") {
        return true;
    }
    if AVOIR.contains(&prev(k)) || matches!(prev(k), "l'" | "la" | "le" | "les" | "lui") {
        return false;
    }
    // a bare participle: "X, arrêté lundi, ..."
    let w = words[start];
    w.ends_with('é') || w.ends_with("ée") || w.ends_with("és") || w.ends_with("ées")
}

/// The people of the sentence's mentions (index, first token, last token).
fn people_in(ents: &Entities, si: usize) -> Vec<(usize, usize, usize)> {
    ents.mentions
        .get(si)
        .into_iter()
        .flatten()
        .filter_map(|m| match m.target {
            Target::Person(p) => Some((p, m.first, m.last)),
            Target::Org(_) => None,
        })
        .collect()
}

/// The person at `i` in `people` plus the people coordinated with it ("X et Y", "X, Y et Z").
fn with_coordinated(words: &[&str], people: &[(usize, usize, usize)], i: usize) -> Vec<usize> {
    let mut out = vec![people[i].0];
    let joined = |a: &(usize, usize, usize), b: &(usize, usize, usize)| {
        a.2 <= b.1 && b.1 - a.2 <= 1 && words[a.2..b.1].iter().all(|w| matches!(*w, "," | "et"))
    };
    let mut k = i;
    while k + 1 < people.len() && joined(&people[k], &people[k + 1]) {
        k += 1;
        out.push(people[k].0);
    }
    let mut k = i;
    while k > 0 && joined(&people[k - 1], &people[k]) {
        k -= 1;
        out.push(people[k].0);
    }
    out.dedup();
    out
}

/// Determiners and numbers that open a plural description of people ("les deux
/// journalistes", "des reporters", "ces trois blogueurs"), with the count a number states.
fn plural_opener(w: &str) -> Option<Option<u32>> {
    Some(match w {
        "les" | "des" | "ces" | "leurs" | "nos" | "plusieurs" | "aux" => None,
        "deux" => Some(2),
        "trois" => Some(3),
        "quatre" => Some(4),
        "cinq" => Some(5),
        "six" => Some(6),
        _ => return None,
    })
}

/// A plural description of media workers in `words[from..to]` ("les deux
/// journalistes", "des journalistes"), outside the `names` of the sentence:
/// the token range and the count a number states.
fn plural_group(
    words: &[&str],
    lex: &Lexicon,
    names: &[crate::entities::Mention],
    from: usize,
    to: usize,
) -> Option<(usize, usize, Option<u32>)> {
    (from..to).find_map(|k| {
        let w = words[k];
        // "la Société des journalistes": a word of a name describes no one
        if names.iter().any(|m| m.first <= k && k < m.last) {
            return None;
        }
        let media = w.ends_with('s')
            && lex.occupation_kind(w) == Some(OccupationKind::Media)
            && k > 0
            && plural_opener(words[k - 1]).is_some();
        if !media {
            return None;
        }
        let mut first = k - 1;
        let count = plural_opener(words[k - 1]).flatten();
        if first > 0 && count.is_some() && plural_opener(words[first - 1]).is_some_and(|c| c.is_none()) {
            first -= 1;
        }
        Some((first, k + 1, count))
    })
}

/// The article's main person: the most mentioned person who is neither a lawyer nor an official.
fn focus_of(ents: &Entities) -> Option<usize> {
    let mut counts = vec![0usize; ents.people.len()];
    for m in ents.mentions.iter().flatten() {
        if let Target::Person(p) = m.target {
            counts[p] += 1;
        }
    }
    (0..ents.people.len())
        .filter(|&p| {
            !matches!(
                ents.people[p].occupation_kind,
                Some(OccupationKind::Lawyer | OccupationKind::Official)
            )
        })
        .max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))
}

/// Finds the events of an article's sentences; `skip` marks sentences not read (titles, headers).
pub fn find(
    sentences: &[Sentence],
    ents: &Entities,
    lex: &Lexicon,
    published: Option<NaiveDate>,
    skip: &[bool],
) -> Vec<FoundEvent> {
    let focus = focus_of(ents);
    let mut out: Vec<FoundEvent> = Vec::new();
    // the last subjects and date stated in the current paragraph
    let mut last_subjects: Option<(usize, Vec<SubjectRef>)> = None;
    let mut last_date: Option<(usize, casewatch_model::PartialDate, String)> = None;
    // the last set of two or more people named together ("X et Y")
    let mut named_together: Option<Vec<usize>> = None;
    for (si, s) in sentences.iter().enumerate() {
        if skip.get(si).copied().unwrap_or(false) {
            continue;
        }
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        let date_mentions = dates::find(&s.tokens, published);
        // every trigger match, then blockers and overlaps of one type removed
        let mut matches: Vec<(usize, usize, usize, usize)> = Vec::new();
        for k in 0..words.len() {
            for (ti, pi) in lex.patterns_starting(words[k]) {
                if let Some(e) = lex.triggers[ti].patterns[pi].match_at(&words, k) {
                    matches.push((k, e, ti, pi));
                }
            }
        }
        let blocked: Vec<(usize, usize)> = matches
            .iter()
            .filter(|m| lex.triggers[m.2].event_type.is_none())
            .map(|m| (m.0, m.1))
            .collect();
        matches.retain(|m| lex.triggers[m.2].event_type.is_some() && !blocked.iter().any(|b| b.0 < m.1 && m.0 < b.1));
        let people = people_in(ents, si);
        for i in 0..people.len() {
            let mut set = with_coordinated(&words, &people, i);
            set.sort_unstable();
            set.dedup();
            if set.len() >= 2 {
                named_together = Some(set);
                break;
            }
        }
        let sentence_start = out.len();
        for &(start, end, ti, pi) in &matches {
            let trig = &lex.triggers[ti];
            let Some(t) = trig.event_type else { continue };
            // a longer match of the same type covering this one wins
            if matches.iter().any(|m| {
                lex.triggers[m.2].event_type == Some(t) && m.0 <= start && end <= m.1 && (m.1 - m.0) > (end - start)
            }) {
                continue;
            }
            // "condamné à trois ans": a verb that names its penalty is the sentence (as "sentenced to"
            // is in English); only "condamné" without one ("condamné pour diffamation") is the conviction
            if t == EventType::Conviction
                && matches
                    .iter()
                    .any(|m| lex.triggers[m.2].event_type == Some(EventType::Sentence) && m.0 == start && m.1 > end)
            {
                continue;
            }
            // "cette interpellation": a reference back to an event already told; "depuis son
            // arrestation", "depuis l'ouverture du procès": an event told as a point in time
            let before = |n: usize| start.checked_sub(n).map_or("", |k| words[k]);
            if trig.voice == Voice::Noun
                && (matches!(before(1), "cette" | "cet" | "ce" | "ces")
                    || (before(2) == "depuis" && matches!(before(1), "l'" | "la" | "le" | "son" | "sa" | "leur")))
            {
                continue;
            }
            // "incarcéré depuis cinq mois": a state that lasts, not the act (a date after "depuis" is kept)
            if words.get(end) == Some(&"depuis") && !date_mentions.iter().any(|m| m.first <= end + 2 && m.first > end) {
                continue;
            }
            let clause = clause_of(&words, start, end);
            let st = status::decide(&words, start, end, clause.0, t);
            if st.call {
                continue;
            }
            // subjects
            let in_clause: Vec<usize> = (0..people.len())
                .filter(|&i| people[i].1 >= clause.0 && people[i].2 <= clause.1)
                .collect();
            let left = in_clause.iter().rev().find(|&&i| people[i].2 <= start).copied();
            let right = in_clause.iter().find(|&&i| people[i].1 >= end).copied();
            let after_de = right.filter(|&i| {
                people[i].1 >= end
                    && people[i].1 - end <= 2
                    && words[end..people[i].1]
                        .iter()
                        .any(|w| matches!(*w, "de" | "d'" | "du" | "des"))
            });
            let (pick, reason): (Option<usize>, &'static str) = match trig.voice {
                Voice::Noun => match after_de {
                    Some(i) => (Some(i), "the person after \"de\""),
                    None => (left.or(right), "the nearest person in the clause"),
                },
                Voice::Subject => (left.or(right), "the person before the verb"),
                Voice::Object => {
                    if passive(&words, start) {
                        (left.or(right), "passive: the person before the participle")
                    } else {
                        (right.or(left), "active: the person after the verb")
                    }
                }
            };
            let mut subjects: Vec<SubjectRef> = Vec::new();
            let mut subject_reason = reason;
            if outlet_event(t) {
                if let Some(o) = ents
                    .mentions
                    .get(si)
                    .into_iter()
                    .flatten()
                    .find_map(|m| match m.target {
                        Target::Org(o) if ents.orgs[o].kind == OrgKind::MediaOutlet => Some(o),
                        _ => None,
                    })
                {
                    subjects.push(SubjectRef::Org(o));
                    subject_reason = "the outlet named in the sentence";
                }
            } else if let Some(i) = pick {
                subjects = with_coordinated(&words, &people, i)
                    .into_iter()
                    .map(SubjectRef::Person)
                    .collect();
            } else if let Some((gf, gl, count)) = plural_group(
                &words,
                lex,
                ents.mentions.get(si).map_or(&[][..], Vec::as_slice),
                clause.0,
                clause.1,
            ) {
                // "les deux journalistes": the people last named together, when as many; else the group
                subject_reason = "a plural description of media workers";
                match named_together
                    .as_ref()
                    .filter(|set| count.is_none_or(|c| set.len() == c as usize))
                {
                    Some(set) => {
                        subjects = set.iter().map(|&p| SubjectRef::Person(p)).collect();
                        subject_reason = "a plural description: the people last named together";
                    }
                    None => subjects.push(SubjectRef::Group {
                        desc: s.tokens[gf..gl]
                            .iter()
                            .map(|t| t.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        count,
                    }),
                }
            } else if let Some((_, prev)) = last_subjects.as_ref().filter(|(p, _)| *p == s.paragraph) {
                subjects = prev.clone();
                subject_reason = "the subject of the paragraph's last event";
            } else if let Some(p) = focus {
                subjects.push(SubjectRef::Person(p));
                subject_reason = "the article's main person";
            }
            if subjects.is_empty() {
                continue;
            }
            // date: the nearest expression of the clause, else the sentence's, else the paragraph's last
            let dist = |m: &crate::dates::DateMention| {
                if m.last <= start {
                    start - m.last
                } else {
                    m.first.saturating_sub(end)
                }
            };
            let in_clause_date = date_mentions
                .iter()
                .filter(|m| m.first >= clause.0 && m.last <= clause.1)
                .min_by_key(|m| dist(m));
            let nearest = in_clause_date.or_else(|| date_mentions.iter().min_by_key(|m| dist(m)));
            // "ont contesté les chefs d'accusation", "ses chefs d'inculpation": charges named with a
            // determiner are the ones already brought (restated), dated by no act of the sentence
            let restated_charge = t == EventType::Charge
                && matches!(words[start], "chef" | "chefs" | "inculpation" | "inculpations")
                && matches!(before(1), "les" | "des" | "ses" | "leurs" | "ces" | "aux");
            let nearest = if restated_charge { None } else { nearest };
            let (date, qualifier, date_text, date_reason) = match nearest {
                Some(m) => {
                    let text = s.tokens[m.first..m.last]
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let mut v = match m.when {
                        When::Absolute(v) => v,
                        _ => None,
                    };
                    // an announced event on a bare weekday ("l'audience qui aura lieu ce
                    // vendredi") is on the next such day, not the last
                    let bare_weekday = m.last - m.first == 1 && dates::weekday_of(words[m.first]).is_some();
                    if bare_weekday
                        && st.status == casewatch_model::Status::NotOccurred
                        && let (Some(d), Some(p)) = (v, published)
                        && let Some(day) = d.to_naive()
                        && day < p
                    {
                        v = Some(casewatch_model::PartialDate::from_naive(
                            day + chrono::Duration::days(7),
                        ));
                    }
                    let reason = if in_clause_date.is_some() {
                        "the date in the clause"
                    } else {
                        "the date in the sentence"
                    };
                    (v, m.qualifier, Some(text), reason)
                }
                None => match last_date.as_ref().filter(|(p, _, _)| *p == s.paragraph) {
                    Some((_, d, text)) => (Some(*d), None, Some(text.clone()), "inherited"),
                    None => (None, None, None, "no date stated"),
                },
            };
            let (agent, agent_kind) = agent_of(ents, lex, si, &words, clause).unzip();
            // "placé en détention par la police": custody by the police, not a court's order
            let t = if t == EventType::PretrialDetention
                && matches!(agent_kind, Some(OrgKind::Police | OrgKind::SecurityAgency))
            {
                EventType::Detention
            } else {
                t
            };
            let detail = detail_of(&s.tokens, t, end, clause.1);
            out.push(FoundEvent {
                event_type: t,
                sentence: si,
                trigger: (start, end),
                clause,
                rule: trig.id.clone(),
                pattern: trig.patterns[pi].source.clone(),
                subjects,
                subject_reason,
                date,
                qualifier,
                date_text,
                date_reason,
                agent,
                place: None,
                status: st,
                attributed_to: None,
                detail,
            });
        }
        // one event per type and subjects in a sentence
        let mut k = sentence_start;
        while k < out.len() {
            let dup = (sentence_start..k).any(|j| {
                out[j].event_type == out[k].event_type
                    && out[j].subjects == out[k].subjects
                    && out[j].status.status == out[k].status.status
            });
            if dup {
                out.remove(k);
            } else {
                k += 1;
            }
        }
        // the person something happened to carries the paragraph ("Sa collègue n'a pas été
        // interpellée" does not)
        if let Some(e) = out[sentence_start..].iter().rev().find(|e| {
            e.status.status == casewatch_model::Status::Occurred
                && e.subjects.iter().any(|s| matches!(s, SubjectRef::Person(_)))
        }) {
            last_subjects = Some((s.paragraph, e.subjects.clone()));
        }
        if let Some(m) = date_mentions.iter().rev().find_map(|m| match m.when {
            When::Absolute(Some(d)) => Some((m, d)),
            _ => None,
        }) {
            let text = s.tokens[m.0.first..m.0.last]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            last_date = Some((s.paragraph, m.1, text));
        }
    }
    out
}

/// The agent: a police, security, prosecutor or court organisation named in
/// the clause, else a generic agent noun of the lexicon ("la police", "le parquet"); with its kind.
fn agent_of(
    ents: &Entities,
    lex: &Lexicon,
    si: usize,
    words: &[&str],
    clause: (usize, usize),
) -> Option<((Option<usize>, String), OrgKind)> {
    let named = ents
        .mentions
        .get(si)
        .into_iter()
        .flatten()
        .find_map(|m| match m.target {
            Target::Org(o)
                if m.first >= clause.0
                    && m.last <= clause.1
                    && matches!(
                        ents.orgs[o].kind,
                        OrgKind::Police | OrgKind::SecurityAgency | OrgKind::Prosecutor | OrgKind::Court
                    ) =>
            {
                Some(((Some(o), ents.orgs[o].name.clone()), ents.orgs[o].kind))
            }
            _ => None,
        });
    if named.is_some() {
        return named;
    }
    let cw = &words[clause.0..clause.1];
    for k in 0..cw.len() {
        for (phrase, kind) in &lex.generic_agents {
            if cw[k..].len() >= phrase.len() && cw[k..k + phrase.len()].iter().zip(phrase).all(|(a, b)| *a == b) {
                return Some(((None, phrase.join(" ").replace("' ", "'")), *kind));
            }
        }
    }
    None
}

/// The detail of a sentence or custody: the words after the trigger up to
/// the clause end or a comma, at most eight ("à cinq ans de prison ferme").
fn detail_of(tokens: &[crate::segment::Token], t: EventType, end: usize, clause_end: usize) -> Option<String> {
    if !matches!(
        t,
        EventType::Sentence | EventType::PretrialDetention | EventType::TravelBan | EventType::HouseArrest
    ) {
        return None;
    }
    let stop = (end..clause_end.min(end + 8))
        .find(|&k| matches!(tokens[k].text.as_str(), "," | "." | ";"))
        .unwrap_or(clause_end.min(end + 8));
    let words: Vec<&str> = tokens[end..stop].iter().map(|t| t.text.as_str()).collect();
    let has_number = tokens[end..stop]
        .iter()
        .any(|t| t.kind == crate::segment::TokenKind::Number)
        || words.iter().any(|w| NUMBERS.contains(&w.to_lowercase().as_str()));
    (has_number && !words.is_empty()).then(|| words.join(" "))
}
