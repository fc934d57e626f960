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
use super::entities::{Entities, Target};
use super::lexicon::{CueKind, RuLexicon};
use super::morph::{Pos, Word};
use super::status::{court_or_term, status_of};
use super::subjects::{participle_group, subjects_of};
use crate::lexicon::{Elem, Pattern};
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
    /// Read from a participle describing its people ("Ивана С., задержанного 3
    /// марта, …"): its date is no date of the sentence's other events.
    pub described: bool,
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
    /// The publication date, when known.
    pub published: Option<chrono::NaiveDate>,
}

impl Article<'_> {
    /// Whether a lemma is a media occupation noun ("журналистка", "редактор").
    pub(super) fn lexicon_occupation(&self, lemma: &str) -> bool {
        self.media_roles.iter().any(|r| r == lemma)
    }
}

/// Finds the events of an article.
pub fn find(a: &Article<'_>, lex: &RuLexicon) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut last_day: Option<PartialDate> = None;
    // whether a date (not a deadline) has been stated in the body yet: the news a report opens
    // with, undated, is of the report's month ("журналистку отправили в СИЗО", with no date)
    let mut dated_yet = false;
    for (si, ws) in a.words.iter().enumerate() {
        if si < a.body_from || a.skip[si] {
            continue;
        }
        dated_yet |= a.dates[si]
            .iter()
            .any(|d| !d.until && matches!(d.value, DateValue::Fixed(_)));
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
        let phrases = participle_phrases(ws);
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
            // "апелляционная жалоба на обвинительный приговор": what an appeal is against was
            // decided before (the appeal is the event)
            if matches!(
                event_type,
                EventType::Conviction | EventType::Sentence | EventType::PretrialDetention
            ) && (ts.saturating_sub(4)..ts)
                .any(|k| ws[k].has_lemma("жалоба") && (k + 1..ts).any(|j| ws[j].tok.lower == "на"))
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
            // осуждённую по …"); a plural one of every name coordinated there ("А и Б, обвиняемые в …")
            // or of the people a plural group noun stands for ("двум журналистам, обвиняемым в …");
            // without a name or such a noun before it, it is a reference ("осуждённой", "задержанная")
            let participle_of: Option<(Vec<SubjectRef>, &str)> = if te - ts == 1
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
                let plural = ws[ts].readings.first().is_some_and(|r| r.feats.plural);
                let named = a
                    .ents
                    .mentions
                    .iter()
                    .find(|m| m.sentence == si && m.end == k && matches!(m.target, Target::Person(_)));
                match named.map(|m| m.target) {
                    Some(Target::Person(p)) => Some(
                        match a
                            .lists
                            .iter()
                            .find(|l| plural && l.0 == si && l.2 == k && l.3.contains(&p))
                        {
                            Some(l) => (
                                l.3.iter().map(|&q| SubjectRef::Person(q)).collect(),
                                "the names the plural participle follows",
                            ),
                            None => (vec![SubjectRef::Person(p)], "the name the participle follows"),
                        },
                    ),
                    _ if plural && k > 0 && k < ts => match participle_group(a, si, k - 1) {
                        Some(list) => Some((
                            list.into_iter().map(SubjectRef::Person).collect(),
                            "the people the group noun before the participle stands for",
                        )),
                        None => continue,
                    },
                    _ => continue,
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
                    described: false,
                });
                continue;
            }
            // subjects
            let (subjects, subject_reason) = match &participle_of {
                Some((subjects, why)) => (subjects.clone(), (*why).to_string()),
                None => subjects_of(a, si, ts, te, cs, ce, trig.voice, trig.cases, event_type, &found),
            };
            // date
            let mut date = None;
            let mut qualifier = None;
            let mut date_text = None;
            let mut date_reason = "none in the sentence or paragraph".to_string();
            // a participle describes its people: only a date inside its own phrase dates it
            // ("Ирине С., задержанной 5 мая, …"), not the sentence's ("15 апреля суд вынес приговор
            // двум журналистам, обвиняемым в …")
            // and a date inside another participle's phrase is that participle's ("Ивана С.,
            // задержанного 3 марта, суд отпустил": the release is not dated 3 March)
            let phrase_end = phrase_end(ws, te);
            let nearest = sentence_dates
                .iter()
                .filter(|d| {
                    !d.until
                        && if participle_of.is_some() {
                            d.start >= te && d.end <= phrase_end
                        } else {
                            !phrases
                                .iter()
                                .any(|&(s, e)| d.start >= s && d.end <= e && !(s..e).contains(&ts))
                        }
                })
                .min_by_key(|d| {
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
            } else if participle_of.is_some() {
                date_reason = "none in the participle's phrase".into();
            } else if let Some(prev) = found[first_in_sentence..]
                .iter()
                .rev()
                .find(|f| f.date.is_some() && !f.described)
            {
                date = prev.date;
                qualifier = prev.qualifier;
                date_text = prev.date_text.clone();
                date_reason = "the date of the event before it in the sentence".into();
            } else if let Some(p) = last_day {
                date = Some(p);
                date_reason = "the last date stated in the paragraph".into();
            } else if !dated_yet
                && status == Status::Occurred
                // (a charge is as often the case restated: "возбужденное против нее дело")
                && event_type != EventType::Charge
                // (a participle after a name describes the person: "Ольги Комлевой, осужденной на 12 лет")
                && participle_of.is_none()
                && let Some(p) = a.published
            {
                date = PartialDate::month(chrono::Datelike::year(&p), chrono::Datelike::month(&p));
                date_reason = "the report's month (the news it opens with, before any date)".into();
            }
            if let Some(d) = date
                && status != Status::NotOccurred
                && participle_of.is_none()
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
                described: participle_of.is_some(),
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

/// The end of the phrase that begins after word `from`: the next comma,
/// dash, colon or semicolon (word index), else the sentence's end.
fn phrase_end(ws: &[Word], from: usize) -> usize {
    (from..ws.len())
        .find(|&k| matches!(ws[k].tok.text.as_str(), "," | "—" | "–" | ":" | ";"))
        .unwrap_or(ws.len())
}

/// The participial phrases of a sentence, as word ranges `[start, end)`: a
/// full participle right after a comma up to the end of its phrase
/// ("Ивана С., задержанного 3 марта, …"; "родившегося в 1980 году").
fn participle_phrases(ws: &[Word]) -> Vec<(usize, usize)> {
    (1..ws.len())
        .filter(|&k| {
            ws[k - 1].tok.text == ","
                && ws[k]
                    .readings
                    .first()
                    .is_some_and(|r| r.feats.participle && !r.feats.short)
        })
        .map(|k| (k, phrase_end(ws, k + 1)))
        .collect()
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
