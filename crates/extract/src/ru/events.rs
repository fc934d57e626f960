//! Russian event frames: triggers matched on lemmas, then for each the
//! subjects (by the trigger's voice and the cases of the clause's people),
//! date, agent, detail and status.
//!
//! Russian marks roles by case, so the subject of an event is found by case
//! rather than by position: an active verb's object is accusative ("задержали
//! Иванова"), a passive participle's subject nominative ("Иванова задержана"),
//! a noun's argument genitive ("задержание Иванова"), and verbs that govern the
//! dative say so in the lexicon ("Иванову предъявили обвинение"). Word order is
//! free, so the whole clause is searched; the people in the first case that any
//! of them stands in are the subjects (coordination keeps their case:
//! "Иванова и Петрова задержали").

use super::dates::{DateExpr, DateValue};
use super::entities::{Entities, Mention, Target};
use super::lexicon::{CueKind, RuLexicon, Voice};
use super::morph::{Case, Cases, Gender, Pos, Word};
use crate::lexicon::{Elem, OccupationKind, Pattern};
use casewatch_model::{DateQualifier, EventType, OrgKind, PartialDate, Status};

/// A subject of a found event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectRef {
    /// People index.
    Person(usize),
    /// Organisation index.
    Org(usize),
    /// An unnamed group with its count.
    Group {
        /// Description as written.
        desc: String,
        /// Head count when stated.
        count: Option<u32>,
    },
}

/// One event found in a sentence, with the reasons for its roles.
#[derive(Debug, Clone)]
pub struct Found {
    /// Sentence index.
    pub sentence: usize,
    /// Trigger word range.
    pub trigger: (usize, usize),
    /// Event type.
    pub event_type: EventType,
    /// Rule id.
    pub rule: String,
    /// Pattern source.
    pub pattern: String,
    /// Subjects.
    pub subjects: Vec<SubjectRef>,
    /// Why these subjects.
    pub subject_reason: String,
    /// Date.
    pub date: Option<PartialDate>,
    /// Date qualifier.
    pub qualifier: Option<DateQualifier>,
    /// Date words.
    pub date_text: Option<String>,
    /// Why this date.
    pub date_reason: String,
    /// Status.
    pub status: Status,
    /// The cue that set the status.
    pub cue: Option<String>,
    /// Agent: organisation index and name.
    pub agent: Option<(Option<usize>, String)>,
    /// Detail.
    pub detail: Option<String>,
}

/// Whether lemma/word alternative `alt` matches word `w` (written form, lower
/// case, or any reading's lemma; ё and е are one letter here).
pub fn word_matches(alt: &str, w: &Word) -> bool {
    if w.tok.lower == alt || w.tok.text == alt {
        return true;
    }
    let yo = alt.contains('ё');
    w.readings.iter().any(|r| {
        if &*r.lemma == alt {
            return true;
        }
        (yo || r.lemma.contains('ё')) && r.lemma.replace('ё', "е") == alt.replace('ё', "е")
    })
}

fn elem_matches(e: &Elem, w: &Word) -> bool {
    match e {
        Elem::Any(alts) => alts.iter().any(|a| word_matches(a, w)),
        Elem::Prefix(p) => {
            w.readings.iter().any(|r| r.lemma.starts_with(p.as_str())) || w.tok.lower.starts_with(p.as_str())
        }
        Elem::Gap(_) => true,
    }
}

/// Matches a lemma pattern at word `at`; returns one past the last matched word.
/// Gaps never cross `;`, `:` or a full stop.
pub fn match_at(p: &Pattern, ws: &[Word], at: usize) -> Option<usize> {
    fn go(elems: &[Elem], ws: &[Word], i: usize) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(i);
        };
        match first {
            Elem::Gap(n) => {
                for k in 0..=*n {
                    if k > 0
                        && ws
                            .get(i + k - 1)
                            .is_none_or(|w| matches!(w.tok.text.as_str(), ";" | ":" | "." | "—"))
                    {
                        break;
                    }
                    if let Some(e) = go(rest, ws, i + k) {
                        return Some(e);
                    }
                }
                None
            }
            e => {
                let w = ws.get(i)?;
                if elem_matches(e, w) { go(rest, ws, i + 1) } else { None }
            }
        }
    }
    go(&p.elems, ws, at)
}

/// The keys a word is indexed by: its written form (lower case) and its lemmas.
pub fn word_keys(w: &Word) -> impl Iterator<Item = &str> {
    std::iter::once(w.tok.lower.as_str()).chain(w.readings.iter().map(|r| &*r.lemma))
}

/// Clause boundaries around word `i`: `[start, end)`. A clause ends at `;`, `:`,
/// a dash, and a comma before a conjunction or relative word; a bracketed
/// aside stays inside its clause (its names are not candidates, see `aside`).
pub fn clause_of(ws: &[Word], i: usize) -> (usize, usize) {
    let boundary = |k: usize| -> bool {
        let t = ws[k].tok.text.as_str();
        if matches!(t, ";" | ":" | "—" | "–") {
            return true;
        }
        if t == "," {
            let next = ws.get(k + 1).map_or("", |w| w.tok.lower.as_str());
            let next_lemma = ws.get(k + 1).map_or("", |w| w.lemma.as_ref());
            return matches!(
                next,
                "но" | "а"
                    | "однако"
                    | "что"
                    | "чтобы"
                    | "когда"
                    | "где"
                    | "хотя"
                    | "поскольку"
                    | "так"
                    | "после"
                    | "если"
                    | "пока"
                    | "как"
                    | "потому"
                    | "тогда"
                    | "причем"
                    | "причём"
                    | "затем"
            ) || next_lemma == "который";
        }
        false
    };
    let mut s = i;
    while s > 0 && !boundary(s - 1) {
        s -= 1;
    }
    let mut e = i;
    while e < ws.len() && !boundary(e) {
        e += 1;
    }
    (s, e.max(i + 1).min(ws.len()))
}

/// Nouns that describe a person of the article without naming them.
const PERSON_NOUNS: &[&str] = &[
    "женщина",
    "мужчина",
    "девушка",
    "парень",
    "гражданин",
    "гражданка",
    "задержанный",
    "задержанная",
    "осуждённый",
    "осужденный",
    "осуждённая",
    "осужденная",
    "подсудимый",
    "подсудимая",
    "обвиняемый",
    "обвиняемая",
    "фигурант",
    "фигурантка",
];

/// The context the event finder needs from the article.
pub struct Article<'a> {
    /// Analysed words per sentence.
    pub words: &'a [Vec<Word>],
    /// Paragraph of each sentence.
    pub paragraphs: &'a [usize],
    /// Entities and mentions.
    pub ents: &'a Entities,
    /// Date expressions per sentence.
    pub dates: &'a [Vec<DateExpr>],
    /// Sentences before this index are the title.
    pub body_from: usize,
    /// Lists of people named together: (sentence, first word, end word, people).
    pub lists: &'a [(usize, usize, usize, Vec<usize>)],
    /// The article's main person: most mentioned (lawyers and officials aside).
    pub focus: Option<usize>,
    /// Sentences that are not prose (all-capital disclaimers, one-line section headers).
    pub skip: &'a [bool],
    /// Occupation lemmas of the media (role nouns that describe a person of the article).
    pub media_roles: &'a [String],
}

impl Article<'_> {
    /// Whether a lemma is a media occupation noun ("журналистка", "редактор").
    fn lexicon_occupation(&self, lemma: &str) -> bool {
        self.media_roles.iter().any(|r| r == lemma)
    }
}

/// Finds the events of an article.
pub fn find(a: &Article<'_>, lex: &RuLexicon) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut last_day: Option<PartialDate> = None;
    for (si, ws) in a.words.iter().enumerate() {
        if si < a.body_from || a.skip[si] {
            continue;
        }
        if si > 0 && a.paragraphs[si] != a.paragraphs[si - 1] {
            last_day = None;
        }
        // trigger matches, longest first, no overlaps
        let mut cands: Vec<(usize, usize, usize, usize)> = Vec::new();
        for i in 0..ws.len() {
            let mut seen: Vec<(usize, usize)> = Vec::new();
            let keys = std::iter::once(ws[i].tok.lower.as_str()).chain(ws[i].readings.iter().map(|r| &*r.lemma));
            for key in keys {
                for (ti, pi) in lex.patterns_starting(key) {
                    if seen.contains(&(ti, pi)) {
                        continue;
                    }
                    seen.push((ti, pi));
                    if let Some(e) = match_at(&lex.triggers[ti].patterns[pi], ws, i) {
                        cands.push((i, e, ti, pi));
                    }
                }
            }
        }
        // blockers first ("в закрытом режиме" is no closing of anything), then longest first
        cands.sort_by(|x, y| {
            let bx = lex.triggers[x.2].event_type.is_none();
            let by = lex.triggers[y.2].event_type.is_none();
            by.cmp(&bx).then((y.1 - y.0).cmp(&(x.1 - x.0))).then(x.0.cmp(&y.0))
        });
        let mut used = vec![false; ws.len()];
        let mut chosen: Vec<(usize, usize, usize, usize)> = Vec::new();
        for c in cands {
            if used[c.0..c.1].iter().any(|u| *u) {
                continue;
            }
            for u in &mut used[c.0..c.1] {
                *u = true;
            }
            chosen.push(c);
        }
        chosen.sort_by_key(|c| c.0);
        let mut cues: Vec<(usize, usize, CueKind)> = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            for k in lex.cue_index.candidates(word_keys(w)) {
                if let Some(e) = match_at(&lex.cues[k].0, ws, i) {
                    cues.push((i, e, lex.cues[k].1));
                }
            }
        }
        let sentence_dates: Vec<&DateExpr> = a.dates[si].iter().collect();
        let first_in_sentence = found.len();
        for (ts, te, ti, pi) in chosen {
            let trig = &lex.triggers[ti];
            let Some(event_type) = trig.event_type else { continue };
            let pat = &trig.patterns[pi];
            // an attributive participle before its noun ("задержанный журналист") tells no event;
            // after a name it predicates ("Иванову, осуждённую по …")
            if te - ts == 1
                && ws[ts]
                    .readings
                    .first()
                    .is_some_and(|r| r.feats.participle && !r.feats.short)
                && ws.get(te).is_some_and(|n| {
                    n.readings
                        .first()
                        .is_some_and(|r| matches!(r.feats.pos, Pos::Noun | Pos::Adj | Pos::Propn))
                })
            {
                continue;
            }
            // "до ареста", "до задержания": a time reference to an event told elsewhere
            if ts > 0
                && ws[ts - 1].tok.lower == "до"
                && ws[ts].readings.first().is_some_and(|r| r.feats.pos == Pos::Noun)
            {
                continue;
            }
            let (cs, ce) = clause_of(ws, ts);
            // a full participle after a comma predicates of the name before it ("Марию Пономаренко,
            // осуждённую по …"); without a name before it, it is a reference ("осуждённой", "задержанная")
            let participle_of = if te - ts == 1
                && ws[ts]
                    .readings
                    .first()
                    .is_some_and(|r| r.feats.participle && !r.feats.short)
            {
                let k = if ts > 0 && ws[ts - 1].tok.text == "," {
                    ts - 1
                } else {
                    ts
                };
                match a
                    .ents
                    .mentions
                    .iter()
                    .find(|m| m.sentence == si && m.end == k && matches!(m.target, Target::Person(_)))
                {
                    Some(m) => Some(m.target),
                    None => continue,
                }
            } else {
                None
            };
            // status
            let (status, cue) = status_of(ws, ts, te, cs, ce, &cues, pat, event_type);
            let Some(status) = status else { continue };
            let mut event_type = event_type;
            // an announced verdict or court measure is a scheduled hearing (taxonomy: scheduled acts are not_occurred)
            if status == Status::NotOccurred
                && matches!(
                    event_type,
                    EventType::Sentence
                        | EventType::Conviction
                        | EventType::Acquittal
                        | EventType::PretrialDetention
                        | EventType::HouseArrest
                )
                && cue.as_deref().is_some_and(|c| {
                    c == "future tense"
                        || ["назнач", "отлож", "ожида", "долж", "предсто"]
                            .iter()
                            .any(|p| c.to_lowercase().starts_with(p))
                })
            {
                event_type = EventType::Hearing;
            }
            // jurisdiction: "арестовали" is a court's pre-trial arrest when a court or a term is
            // stated ("суд арестовал … на два месяца", "арестован до 21 июля"); alone it is a detention
            if event_type == EventType::PretrialDetention && pat.source == "арестовать" && !court_or_term(a, si, cs, ce)
            {
                event_type = EventType::Detention;
            }
            // a trigger in a bracketed aside ("Deutsche Welle (также признано иноагентом)") is about
            // what the aside is attached to or names: never the clause's or the article's people
            if aside(ws, ts) {
                let open = (0..ts).rev().find(|&k| ws[k].tok.text == "(").unwrap_or(0);
                let close = (ts..ws.len()).find(|&k| ws[k].tok.text == ")").unwrap_or(ws.len());
                let attached = a.ents.mentions.iter().find(|m| {
                    m.sentence == si && (m.end == open || m.end + 1 == open || (m.start > open && m.end <= close))
                });
                let subjects: Vec<SubjectRef> = match attached.map(|m| m.target) {
                    Some(Target::Person(p)) => vec![SubjectRef::Person(p)],
                    Some(Target::Org(o)) => vec![SubjectRef::Org(o)],
                    None => Vec::new(),
                };
                found.push(Found {
                    sentence: si,
                    trigger: (ts, te),
                    event_type,
                    rule: trig.id.clone(),
                    pattern: pat.source.clone(),
                    subjects,
                    subject_reason: "the name the bracketed aside is about, if any".into(),
                    date: None,
                    qualifier: None,
                    date_text: None,
                    date_reason: "an aside gives no date".into(),
                    status,
                    cue,
                    agent: None,
                    detail: None,
                });
                continue;
            }
            // subjects
            let (subjects, subject_reason) = match participle_of {
                Some(Target::Person(p)) => (
                    vec![SubjectRef::Person(p)],
                    "the name the participle follows".to_string(),
                ),
                _ => subjects_of(a, si, ts, te, cs, ce, trig.voice, trig.cases, event_type, &found),
            };
            // date
            let mut date = None;
            let mut qualifier = None;
            let mut date_text = None;
            let mut date_reason = "none in the sentence or paragraph".to_string();
            let nearest = sentence_dates.iter().filter(|d| !d.until).min_by_key(|d| {
                let dist = if d.end <= ts {
                    ts - d.end
                } else {
                    d.start.saturating_sub(te)
                };
                let crosses = d.start < cs || d.end > ce;
                dist + if crosses { 30 } else { 0 }
            });
            if let Some(d) = nearest {
                match &d.value {
                    DateValue::Fixed(p) => {
                        date = Some(*p);
                        date_reason = "nearest date expression of the sentence".into();
                    }
                    DateValue::DaysAfter(n) => {
                        if let Some(base) = last_day.and_then(|p| p.to_naive()) {
                            date = Some(PartialDate::from_naive(base + chrono::Duration::days(*n)));
                            date_reason = "days after the last stated day".into();
                        }
                    }
                }
                qualifier = d.qualifier;
                date_text = Some(d.text.clone());
            } else if let Some(prev) = found[first_in_sentence..].iter().rev().find(|f| f.date.is_some()) {
                date = prev.date;
                qualifier = prev.qualifier;
                date_text = prev.date_text.clone();
                date_reason = "the date of the event before it in the sentence".into();
            } else if let Some(p) = last_day {
                date = Some(p);
                date_reason = "the last date stated in the paragraph".into();
            }
            if let Some(d) = date
                && status != Status::NotOccurred
            {
                last_day = Some(d);
            }
            // "… по обвинению в …" explains another event: the charge is older and undated here
            if event_type == EventType::Charge && matches!(pat.source.as_str(), "по обвинение" | "по обвинения")
            {
                date = None;
                qualifier = None;
                date_text = None;
                date_reason = "a charge named as the ground of another event: undated".into();
            }
            // detail: a deadline, a term, an article
            let detail = detail_of(ws, cs, ce, &sentence_dates, event_type);
            let agent = agent_of(a, si, cs, ce, lex);
            // one event per type and clause ("приговорили к реальным срокам" is one sentence)
            if found[first_in_sentence..].iter().any(|f| {
                f.event_type == event_type
                    && f.status == status
                    && (f.subjects == subjects || (f.trigger.0 >= cs && f.trigger.0 < ce))
            }) {
                continue;
            }
            found.push(Found {
                sentence: si,
                trigger: (ts, te),
                event_type,
                rule: trig.id.clone(),
                pattern: pat.source.clone(),
                subjects,
                subject_reason,
                date,
                qualifier,
                date_text,
                date_reason,
                status,
                cue,
                agent,
                detail,
            });
        }
        // a date stated without an event still sets the paragraph's day
        if let Some(d) = sentence_dates.iter().rev().find_map(|d| match d.value {
            DateValue::Fixed(p) if !d.until => Some(p),
            _ => None,
        }) && found.last().is_none_or(|f| f.sentence != si)
        {
            last_day = Some(d);
        }
    }
    found
}

/// Whether a clause names a court ("суд", a court's name) or a custody term
/// ("на два месяца", "до 21 июля", "на время следствия", "мера пресечения").
fn court_or_term(a: &Article<'_>, si: usize, cs: usize, ce: usize) -> bool {
    let ws = &a.words[si];
    let court = ws[cs..ce].iter().any(|w| {
        w.has_lemma("суд") || w.has_lemma("судья") || w.tok.lower.ends_with("суд") || w.tok.lower.ends_with("суда")
    }) || a.ents.mentions.iter().any(|m| {
        m.sentence == si
            && m.start >= cs
            && m.end <= ce
            && matches!(m.target, Target::Org(o) if a.ents.orgs[o].kind == OrgKind::Court)
    });
    let term = (cs..ce).any(|k| {
        let w = &ws[k];
        (w.tok.lower == "на" || w.tok.lower == "до")
            && ws.get(k + 1..(k + 4).min(ce)).is_some_and(|x| {
                x.iter()
                    .any(|y| matches!(&*y.lemma, "месяц" | "неделя" | "срок" | "время" | "окончание" | "суд"))
            })
            || w.has_lemma("пресечение")
    }) || a.dates[si].iter().any(|d| d.until && d.start >= cs && d.end <= ce);
    court || term
}

/// The status of a trigger from the cues of its clause: `None` drops it (a call by outsiders).
#[allow(clippy::too_many_arguments)]
fn status_of(
    ws: &[Word],
    ts: usize,
    te: usize,
    cs: usize,
    ce: usize,
    cues: &[(usize, usize, CueKind)],
    pat: &Pattern,
    event_type: EventType,
) -> (Option<Status>, Option<String>) {
    let text = |s: usize, e: usize| {
        ws[s..e]
            .iter()
            .map(|w| w.tok.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // calls and demands by outsiders: no event
    if let Some(c) = cues
        .iter()
        .find(|c| c.2 == CueKind::Call && c.1 <= ts && (c.0 >= cs || ts - c.1 <= 8))
    {
        return (None, Some(text(c.0, c.1)));
    }
    let negated_in_pattern = pat
        .elems
        .iter()
        .any(|e| matches!(e, Elem::Any(a) if a.iter().any(|x| x == "не")));
    // "вину не признаёт": a negation inside the trigger's words
    if !negated_in_pattern && let Some(k) = (ts..te).find(|&k| ws[k].tok.lower == "не") {
        return (Some(Status::NotOccurred), Some(text(k, te)));
    }
    if !negated_in_pattern {
        // "не был задержан", "не задержали", "не признал вину"
        let mut k = ts;
        let mut steps = 0;
        while k > cs && steps < 3 {
            k -= 1;
            steps += 1;
            let w = &ws[k];
            if w.tok.lower == "не" || w.tok.lower == "ни" {
                return (Some(Status::NotOccurred), Some(text(k, te)));
            }
            if !(w.has_lemma("быть")
                || w.readings.first().is_some_and(|r| {
                    r.feats.pos == Pos::Other
                        && w.tok.kind == crate::segment::TokenKind::Word
                        && w.tok.lower.chars().count() <= 4
                }))
            {
                break;
            }
        }
    }
    // "отрицает, что …": a denial scopes over its complement clause
    if let Some(c) = cues
        .iter()
        .find(|c| c.2 == CueKind::Denied && c.1 <= cs && cs >= 2 && ws[cs].tok.lower == "что")
    {
        return (Some(Status::Denied), Some(text(c.0, c.1)));
    }
    // a future-tense verb or "будет" before the trigger
    let future = ws[cs..ce].iter().any(|w| {
        w.readings
            .first()
            .is_some_and(|r| r.feats.future && r.feats.finite && r.feats.pos == Pos::Verb)
    }) || (ts > cs
        && ws[cs..ts]
            .iter()
            .rev()
            .take(3)
            .any(|w| w.tok.lower == "будет" || w.tok.lower == "будут"));
    if future {
        return (Some(Status::NotOccurred), Some("future tense".into()));
    }
    for c in cues.iter().filter(|c| c.0 >= cs && c.1 <= ce) {
        let before = c.1 <= ts;
        let scheduled = matches!(
            ws[c.0].lemma.as_ref(),
            "назначить" | "отложить" | "ожидаться" | "предстоять" | "следующий"
        );
        match c.2 {
            CueKind::NotOccurred if before || scheduled => return (Some(Status::NotOccurred), Some(text(c.0, c.1))),
            CueKind::Denied if before => return (Some(Status::Denied), Some(text(c.0, c.1))),
            CueKind::Alleged if before => return (Some(Status::Alleged), Some(text(c.0, c.1))),
            _ => {}
        }
    }
    // what a person says was done to them (pressure, torture, beating) is their claim
    if event_type == EventType::CoercionAllegation
        && let Some(c) = cues.iter().find(|c| c.2 == CueKind::Report)
    {
        return (Some(Status::Alleged), Some(text(c.0, c.1)));
    }
    (Some(Status::Occurred), None)
}

/// Whether word `k` is inside a short bracketed aside ("(настоящая фамилия
/// Кравцова)"): after a "(" with no ")" between, before a ")" that closes it
/// within fifteen words (real text leaves brackets unclosed; those are no aside).
pub fn aside(ws: &[Word], k: usize) -> bool {
    let Some(open) = (0..k).rev().find(|&j| matches!(ws[j].tok.text.as_str(), "(" | ")")) else {
        return false;
    };
    if ws[open].tok.text != "(" {
        return false;
    }
    (k..ws.len().min(open + 16)).any(|j| ws[j].tok.text == ")")
}

/// Whether the mention is a speaker ("по словам Иванова", "Иванов заявил") or
/// a person the event cannot happen to (lawyers, officials).
fn excluded(a: &Article<'_>, m: &Mention) -> bool {
    let ws = &a.words[m.sentence];
    if let Target::Person(p) = m.target
        && matches!(
            a.ents.people[p].occupation_kind,
            Some(OccupationKind::Lawyer | OccupationKind::Official)
        )
    {
        return true;
    }
    let before = |k: usize| m.start >= k && ws[m.start - k].tok.lower == "словам";
    if before(1) {
        return true;
    }
    // "Иванов заявил, что …" / "сообщил Иванов"
    let says = |w: &Word| {
        w.readings.first().is_some_and(|r| {
            r.feats.pos == Pos::Verb
                && matches!(
                    &*r.lemma,
                    "заявить"
                        | "сообщить"
                        | "рассказать"
                        | "сказать"
                        | "написать"
                        | "отметить"
                        | "пояснить"
                        | "утверждать"
                        | "заявлять"
                        | "подчеркнуть"
                        | "добавить"
                        | "считать"
                        | "полагать"
                        | "говорить"
                )
        })
    };
    ws.get(m.end..(m.end + 2).min(ws.len()))
        .is_some_and(|x| x.iter().any(says))
        || m.start > 0 && says(&ws[m.start - 1])
}

/// The subjects of a trigger at `[ts, te)` in clause `[cs, ce)`.
#[allow(clippy::too_many_arguments)]
// word indices are positions compared with the trigger and the mentions, not just for indexing
#[allow(clippy::needless_range_loop)]
fn subjects_of(
    a: &Article<'_>,
    si: usize,
    ts: usize,
    te: usize,
    cs: usize,
    ce: usize,
    voice: Voice,
    extra: Cases,
    event_type: EventType,
    found: &[Found],
) -> (Vec<SubjectRef>, String) {
    let ws = &a.words[si];
    let nom = Case::Nom as u8;
    let gn = Case::Gen as u8;
    let acc = Case::Acc as u8;
    // the trigger's verb form
    let verb = ws[ts..te]
        .iter()
        .find(|w| w.readings.first().is_some_and(|r| r.feats.pos == Pos::Verb));
    let passive = verb.is_some_and(|w| {
        w.readings
            .first()
            .is_some_and(|r| r.feats.participle && r.feats.passive)
            || w.tok.lower.ends_with("ся") && w.readings.first().is_some_and(|r| r.feats.finite)
    });
    let mut order: Vec<(Cases, &str)> = match voice {
        Voice::Subject => vec![(nom, "nominative subject")],
        Voice::Object if passive => vec![(nom, "nominative subject of the passive")],
        Voice::Object => vec![
            (acc, "accusative object"),
            (nom, "nominative subject"),
            (gn, "genitive after the trigger"),
        ],
        Voice::Noun if passive => vec![(nom, "nominative subject of the passive")],
        Voice::Noun if verb.is_some() => vec![
            (acc, "accusative object"),
            (gn, "genitive argument"),
            (Case::Dat as u8, "dative recipient"),
        ],
        Voice::Noun => vec![
            (gn, "genitive of the noun"),
            (nom, "nominative subject of the clause"),
            (acc, "accusative object"),
            (Case::Dat as u8, "dative recipient"),
        ],
    };
    // the case of the trigger's own participant: the voice's first case and what the entry governs
    let primary: Cases = order.first().map_or(0, |(c, _)| *c) | extra;
    if extra != 0 {
        order.insert(0, (extra, "the case the trigger governs"));
    }
    let wanted_all: Cases = order.iter().fold(0, |acc, (c, _)| acc | c);
    let outlet_types = matches!(
        event_type,
        EventType::Search
            | EventType::Seizure
            | EventType::WebsiteBlock
            | EventType::Liquidation
            | EventType::Designation
            | EventType::AssetFreeze
    );
    let in_clause: Vec<&Mention> = a
        .ents
        .mentions
        .iter()
        .filter(|m| m.sentence == si && m.start >= cs && m.end <= ce && !aside(ws, m.start))
        .filter(|m| match m.target {
            Target::Person(_) => !excluded(a, m),
            Target::Org(o) => outlet_types && a.ents.orgs[o].kind == OrgKind::MediaOutlet,
        })
        .collect();
    for (cases, why) in &order {
        // a noun's genitive stands right after it
        let pool: Vec<&&Mention> = in_clause
            .iter()
            .filter(|m| m.cases == 0 && matches!(m.target, Target::Org(_)) || m.cases & cases != 0)
            .filter(|m| *cases != gn || m.start >= te)
            .collect();
        // "в отношении X", "против X", "над X" name the person a noun is about
        let pool: Vec<&&Mention> = {
            let about: Vec<&&Mention> = pool
                .iter()
                .copied()
                .filter(|m| {
                    m.start >= 2 && ws[m.start - 2].tok.lower == "в" && ws[m.start - 1].has_lemma("отношение")
                        || m.start >= 1 && matches!(ws[m.start - 1].tok.lower.as_str(), "против" | "над")
                })
                .collect();
            if about.is_empty() { pool } else { about }
        };
        // a noun's genitive: the nearest one after it (with those coordinated with it)
        let pool: Vec<&&Mention> = if voice == Voice::Noun && *cases == gn && pool.len() > 1 {
            let first = pool.iter().map(|m| m.start).min().unwrap_or(0);
            pool.into_iter().filter(|m| m.start <= first + 12).collect()
        } else {
            pool
        };
        if !pool.is_empty() {
            // the nearest one and the people coordinated with it ("Иванова и Петрову"),
            // not everyone of that case in the clause
            let dist = |m: &Mention| {
                if m.end <= ts {
                    ts - m.end
                } else {
                    m.start.saturating_sub(te)
                }
            };
            let nearest = pool.iter().min_by_key(|m| dist(m)).map(|m| ***m);
            let pool: Vec<&&Mention> = match nearest {
                Some(n) => {
                    let list = a.lists.iter().find(|l| l.0 == si && l.1 <= n.start && n.end <= l.2);
                    pool.into_iter()
                        .filter(|m| {
                            **m == &n
                                || list.is_some_and(|l| l.1 <= m.start && m.end <= l.2)
                                || matches!(m.target, Target::Org(_))
                        })
                        .collect()
                }
                None => pool,
            };
            let mut out: Vec<SubjectRef> = Vec::new();
            for m in pool {
                let s = match m.target {
                    Target::Person(p) => SubjectRef::Person(p),
                    Target::Org(o) => SubjectRef::Org(o),
                };
                if !out.contains(&s) {
                    out.push(s);
                }
            }
            return (out, format!("{why} in the clause"));
        }
        // "Иванов заявил (отрицает), что признал вину": a complement clause without a subject is about the matrix subject
        if *cases == nom
            && cs >= 2
            && ws[cs - 1].tok.text == ","
            && ws[cs].tok.lower == "что"
            && let Some(m) = a.ents.mentions.iter().find(|m| {
                m.sentence == si
                    && m.end < cs
                    && m.cases & nom != 0
                    && matches!(m.target, Target::Person(p) if !official(a, p))
            })
            && let Target::Person(p) = m.target
        {
            return (
                vec![SubjectRef::Person(p)],
                "the subject of the clause it complements".into(),
            );
        }
        // "защита Иванова", "адвокаты Ивановой": the defence acts for its client
        if *cases == nom {
            for k in cs..ce {
                if ws[k]
                    .readings
                    .first()
                    .is_some_and(|r| matches!(&*r.lemma, "защита" | "адвокат" | "защитник") && r.feats.case & nom != 0)
                    && let Some(m) = a
                        .ents
                        .mentions
                        .iter()
                        .find(|m| m.sentence == si && m.start == k + 1 && m.cases & gn != 0)
                    && let Target::Person(p) = m.target
                {
                    return (vec![SubjectRef::Person(p)], "the client of the defence".into());
                }
            }
        }
        // pronouns of that case
        for k in cs..ce {
            let w = &ws[k];
            let Some(r) = w
                .readings
                .iter()
                .find(|r| r.feats.pos == Pos::Pron && r.feats.case & cases != 0)
            else {
                continue;
            };
            if voice == Voice::Noun && *cases == gn && !(k + 1 == ts || (k >= te && k <= te + 2)) {
                continue;
            }
            // "его адвокатов": a possessive before its noun is not the object
            let possessive = matches!(w.tok.lower.as_str(), "его" | "ее" | "её" | "их")
                && ws.get(k + 1).is_some_and(|n| {
                    !(ts..te).contains(&(k + 1))
                        && n.readings
                            .first()
                            .is_some_and(|r| matches!(r.feats.pos, Pos::Noun | Pos::Adj))
                });
            if possessive {
                continue;
            }
            let lemma = &*r.lemma;
            let gender = match lemma {
                "он" => Gender::Masc,
                "она" => Gender::Fem,
                "они" => Gender::None,
                _ => continue,
            };
            if gender == Gender::None {
                // "их": the people of the last event with several subjects, in this paragraph
                if let Some(list) = list_for(a, si, k) {
                    return (
                        list.into_iter().map(SubjectRef::Person).collect(),
                        format!("\"{}\": the people the article names together", w.tok.text),
                    );
                }
                if let Some(f) = found
                    .iter()
                    .rev()
                    .find(|f| a.paragraphs[f.sentence] == a.paragraphs[si] && f.subjects.len() > 1)
                {
                    return (
                        f.subjects.clone(),
                        format!("\"{}\": the subjects of the event before", w.tok.text),
                    );
                }
                continue;
            }
            if let Some(p) = last_person(a, si, k, gender) {
                return (
                    vec![SubjectRef::Person(p)],
                    format!(
                        "\"{}\" ({why}): the last {} person named",
                        w.tok.text,
                        if gender == Gender::Masc { "male" } else { "female" }
                    ),
                );
            }
        }
    }
    // a description: "журналистка задержана", "журналиста арестовали" → the person it describes
    for (cases, why) in &order {
        for k in cs..ce {
            let w = &ws[k];
            let Some(r) = w
                .readings
                .iter()
                .find(|r| r.feats.pos == Pos::Noun && !r.feats.plural && r.feats.animate && r.feats.case & cases != 0)
            else {
                continue;
            };
            if !a.lexicon_occupation(&r.lemma) && !PERSON_NOUNS.contains(&&*r.lemma) {
                continue;
            }
            if a.ents
                .mentions
                .iter()
                .any(|m| m.sentence == si && m.start == k + 1 && matches!(m.target, Target::Person(_)))
            {
                continue; // the occupation of a name right after it
            }
            if let Some(p) = described(a, si, k, &r.lemma, r.feats.gender) {
                return (
                    vec![SubjectRef::Person(p)],
                    format!("\"{}\" ({why}): the person it describes", w.tok.text),
                );
            }
        }
    }
    // "все четверо признаны виновными", "обоим предъявили обвинение": a collective numeral
    for k in cs..ce {
        let w = &ws[k];
        let count = match &*w.lemma {
            "оба" | "обе" => Some(2),
            l => collective(l).filter(|_| w.tok.lower.ends_with(['о', 'е', 'х', 'м']) && !w.tok.lower.ends_with("ем")),
        };
        let Some(count) = count else { continue };
        if !w.readings.iter().any(|r| r.feats.case & wanted_all != 0)
            || ws
                .get(k + 1)
                .is_some_and(|n| n.readings.first().is_some_and(|r| r.feats.pos == Pos::Noun))
        {
            continue;
        }
        if let Some(list) = list_of_size(a, si, k, count as usize) {
            return (
                list.into_iter().map(SubjectRef::Person).collect(),
                format!("\"{}\": the people the article names together", w.tok.text),
            );
        }
    }
    // someone else described ("его адвокатов", "главы ведомства"): an unnamed group, never the main person
    let other = (cs..ce).find(|&k| {
        !(ts..te).contains(&k)
            && ws[k].readings.first().is_some_and(|r| {
                r.feats.pos == Pos::Noun
                    && r.feats.animate
                    && r.feats.case & primary != 0
                    && !a.lexicon_occupation(&r.lemma)
                    && !PERSON_NOUNS.contains(&&*r.lemma)
                    // an agent noun in the nominative is who acts ("следователь попросил"), not who suffers
                    && !(r.feats.case & nom != 0 && matches!(
                        &*r.lemma,
                        "судья"
                            | "прокурор"
                            | "следователь"
                            | "адвокат"
                            | "защитник"
                            | "силовик"
                            | "полицейский"
                            | "милиционер"
                            | "сотрудник"
                            | "гособвинитель"
                    ))
            })
            && !matches!(
                &*ws[k].lemma,
                "журналист" | "сотрудник" | "человек" | "подсудимый" | "обвиняемый" | "фигурант"
            )
    });
    // an unnamed group: "трое журналистов", "сотрудников редакции", in a case the trigger takes
    let wanted: Cases = order.iter().fold(0, |a, (c, _)| a | c);
    for k in cs..ce {
        let w = &ws[k];
        // "никто из журналистов", "более 150 человек": a quantified noun stands for the phrase's case
        let quantified = k >= 2 && ws[k - 1].tok.lower == "из"
            || k >= 3 && ws[k - 2].tok.lower == "из"
            || k >= 1
                && (ws[k - 1].tok.kind == crate::segment::TokenKind::Number || collective(&ws[k - 1].lemma).is_some());
        if w.readings.iter().any(|r| {
            r.feats.plural
                && (r.feats.pos == Pos::Noun || r.feats.pos == Pos::Adj)
                && (r.feats.case & wanted != 0 || quantified)
        }) && !(k + 1 < ws.len()
            && a.ents.mentions.iter().any(|m| {
                m.sentence == si
                    && m.start == k + 1
                    && matches!(m.target, Target::Org(o) if a.ents.orgs[o].kind != OrgKind::MediaOutlet)
            }))
            && matches!(
                &*w.lemma,
                "журналист"
                    | "сотрудник"
                    | "корреспондент"
                    | "блогер"
                    | "активист"
                    | "редактор"
                    | "оператор"
                    | "фотограф"
                    | "человек"
                    | "задержанный"
                    | "обвиняемый"
                    | "фигурант"
                    | "работник"
                    | "подсудимый"
            )
        {
            let count = (k > 0).then(|| &ws[k - 1]).and_then(|n| {
                if n.tok.kind == crate::segment::TokenKind::Number {
                    n.tok.text.parse().ok()
                } else {
                    collective(&n.lemma)
                }
            });
            if let Some(list) =
                list_for(a, si, k).filter(|l| count.is_none_or(|c| c as usize == l.len()) || appositive_list(a, si, k))
            {
                return (
                    list.into_iter().map(SubjectRef::Person).collect(),
                    format!("\"{}\": the people the article names together", w.tok.text),
                );
            }
            let start = if count.is_some() { k - 1 } else { k };
            let desc = ws[start..=k]
                .iter()
                .map(|w| w.tok.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            return (
                vec![SubjectRef::Group { desc, count }],
                "an unnamed group in the clause".into(),
            );
        }
    }
    if let Some(k) = other {
        let desc = ws[k..(k + 2).min(ce)]
            .iter()
            .take_while(|w| w.tok.kind == crate::segment::TokenKind::Word)
            .map(|w| w.tok.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return (
            vec![SubjectRef::Group { desc, count: None }],
            "someone the clause describes without a name".into(),
        );
    }
    // coordinated clauses share their subject: "оправдали по одной статье, но признали виновной по другой"
    if let Some(f) = found
        .iter()
        .rev()
        .take_while(|f| f.sentence == si)
        .find(|f| f.subjects.iter().any(|s| matches!(s, SubjectRef::Person(_))))
    {
        return (
            f.subjects.clone(),
            "the subjects of the event before it in the sentence".into(),
        );
    }
    // nobody named: the events of the proceedings are the main person's
    let proceedings = matches!(
        event_type,
        EventType::Charge
            | EventType::PretrialDetention
            | EventType::HouseArrest
            | EventType::Hearing
            | EventType::Appeal
            | EventType::Conviction
            | EventType::Sentence
            | EventType::Acquittal
    );
    let anyone_named = a
        .ents
        .mentions
        .iter()
        .any(|m| m.sentence == si && matches!(m.target, Target::Person(_)));
    if let (true, false, Some(p)) = (proceedings, anyone_named, a.focus) {
        return (
            vec![SubjectRef::Person(p)],
            "nobody named in the sentence: the article's main person".into(),
        );
    }
    (Vec::new(), "nobody in the clause".into())
}

fn collective(lemma: &str) -> Option<u32> {
    Some(match lemma {
        "два" | "двое" => 2,
        "три" | "трое" => 3,
        "четыре" | "четверо" => 4,
        "пять" | "пятеро" => 5,
        "шесть" | "шестеро" => 6,
        "семь" | "семеро" => 7,
        "восемь" | "восьмеро" => 8,
        "девять" => 9,
        "десять" => 10,
        "одиннадцать" => 11,
        _ => return None,
    })
}

/// The people a plural description or pronoun at word `k` of sentence `si`
/// stands for: a list of people named together (coordinated in one sentence)
/// right after it ("четырём журналистам — А, Б, В и Г"), else the last such
/// list before it.
fn list_for(a: &Article<'_>, si: usize, k: usize) -> Option<Vec<usize>> {
    a.lists
        .iter()
        .find(|l| l.0 == si && l.1 > k)
        .or_else(|| a.lists.iter().rev().find(|l| l.0 < si || (l.0 == si && l.2 <= k)))
        .or_else(|| a.lists.iter().find(|l| l.0 > si))
        .map(|l| l.3.clone())
}

/// The list of people named together that has `n` people: the nearest before
/// word `k` of sentence `si`, else the first after it.
fn list_of_size(a: &Article<'_>, si: usize, k: usize, n: usize) -> Option<Vec<usize>> {
    let before = |l: &&(usize, usize, usize, Vec<usize>)| l.0 < si || (l.0 == si && l.2 <= k);
    a.lists
        .iter()
        .rev()
        .filter(before)
        .find(|l| l.3.len() == n)
        .or_else(|| a.lists.iter().find(|l| !before(l) && l.3.len() == n))
        .map(|l| l.3.clone())
}

/// Whether a list of people stands in the same sentence right after word `k`
/// (an apposition: "четырём журналистам — А, Б, В и Г"; its count may be cut short).
fn appositive_list(a: &Article<'_>, si: usize, k: usize) -> bool {
    a.lists.iter().any(|l| l.0 == si && l.1 > k)
}

/// The person a singular role noun describes: the last one named before it
/// (this and the previous sentences) with that occupation, or with its gender
/// and a media or unknown occupation.
fn described(a: &Article<'_>, si: usize, k: usize, lemma: &str, gender: Gender) -> Option<usize> {
    let stem = lemma.trim_end_matches('а').trim_end_matches("к");
    let before = |m: &&Mention| (m.sentence == si && m.end <= k) || m.sentence < si;
    let persons = a
        .ents
        .mentions
        .iter()
        .rev()
        .filter(before)
        .filter_map(|m| match m.target {
            Target::Person(p) => Some(p),
            Target::Org(_) => None,
        });
    let mut fallback = None;
    for p in persons {
        let person = &a.ents.people[p];
        if person
            .occupation
            .as_deref()
            .is_some_and(|o| o.split(' ').any(|w| w.starts_with(stem)))
        {
            return Some(p);
        }
        if fallback.is_none()
            && (gender == Gender::None || person.gender == gender || gender == Gender::Masc)
            && matches!(person.occupation_kind, None | Some(OccupationKind::Media))
        {
            fallback = Some(p);
        }
    }
    fallback
}

/// Whether a person is a lawyer or an official (never the subject of an event).
fn official(a: &Article<'_>, p: usize) -> bool {
    matches!(
        a.ents.people[p].occupation_kind,
        Some(OccupationKind::Lawyer | OccupationKind::Official)
    )
}

/// The last person of `gender` named before word `k` of sentence `si` (this and the three sentences before).
fn last_person(a: &Article<'_>, si: usize, k: usize, gender: Gender) -> Option<usize> {
    a.ents
        .mentions
        .iter()
        .rev()
        .filter(|m| {
            (m.sentence == si && m.end <= k)
                || (m.sentence < si && (m.sentence + 5 >= si || a.paragraphs[m.sentence] == a.paragraphs[si]))
        })
        .find_map(|m| match m.target {
            Target::Person(p)
                if a.ents.people[p].gender == gender
                    && !matches!(
                        a.ents.people[p].occupation_kind,
                        Some(OccupationKind::Lawyer | OccupationKind::Official)
                    ) =>
            {
                Some(p)
            }
            _ => None,
        })
        .or_else(|| a.focus.filter(|&p| a.ents.people[p].gender == gender))
}

/// The agent: an authority named in the clause (court, police, security
/// service, prosecutor, ministry), else a common-noun agent ("суд", "милиция").
fn agent_of(a: &Article<'_>, si: usize, cs: usize, ce: usize, lex: &RuLexicon) -> Option<(Option<usize>, String)> {
    let authority = |k: OrgKind| {
        matches!(
            k,
            OrgKind::Court | OrgKind::Police | OrgKind::SecurityAgency | OrgKind::Prosecutor | OrgKind::Government
        )
    };
    if let Some(o) = a.ents.mentions.iter().find_map(|m| match m.target {
        Target::Org(o) if m.sentence == si && m.start >= cs && m.end <= ce && authority(a.ents.orgs[o].kind) => Some(o),
        _ => None,
    }) {
        return Some((Some(o), a.ents.orgs[o].name.clone()));
    }
    a.words[si][cs..ce].iter().find_map(|w| {
        w.readings
            .iter()
            .find(|r| lex.generic_agents.contains_key(&*r.lemma) && r.feats.pos == Pos::Noun)
            .map(|r| (None, r.lemma.to_string()))
    })
}

/// Detail: a deadline ("until 2025-07-21"), a term ("5 лет"), an administrative arrest ("10 суток").
fn detail_of(ws: &[Word], cs: usize, ce: usize, dates: &[&DateExpr], t: EventType) -> Option<String> {
    if matches!(
        t,
        EventType::PretrialDetention | EventType::HouseArrest | EventType::TravelBan
    ) && let Some(d) = dates.iter().find(|d| d.until && d.start >= cs && d.end <= ce)
        && let DateValue::Fixed(p) = &d.value
    {
        return Some(format!("until {p}"));
    }
    if matches!(t, EventType::Sentence) {
        for k in cs..ce.saturating_sub(1) {
            let unit = &ws[k + 1];
            let is_year = ws[k].tok.text.len() == 4 && ws[k].tok.text.parse::<u32>().is_ok_and(|y| y >= 1900);
            let is_num = !is_year && ws[k].tok.kind == crate::segment::TokenKind::Number
                || ws[k].readings.first().is_some_and(|r| r.feats.pos == Pos::Num);
            if is_num
                && matches!(
                    &*unit.lemma,
                    "год" | "месяц" | "сутки" | "лето" | "сом" | "рубль" | "тенге"
                )
            {
                let mut end = k + 2;
                if ws
                    .get(end)
                    .is_some_and(|w| matches!(&*w.lemma, "лишение" | "колония" | "ограничение" | "заключение"))
                {
                    end += 1;
                    if ws
                        .get(end)
                        .is_some_and(|w| matches!(&*w.lemma, "свобода" | "общий" | "строгий"))
                    {
                        end += 1;
                    }
                }
                return Some(
                    ws[k..end]
                        .iter()
                        .map(|w| w.tok.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
    }
    None
}
