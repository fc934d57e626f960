//! Subjects of a Russian event: the people (or outlets, or an unnamed group)
//! it happens to, found by the cases of the clause's mentions, then pronouns,
//! role nouns, the people the article names together, the defence's client,
//! the matrix subject of a complement clause, coordinated clauses and the
//! article's main person (see `ARCHITECTURE.md`, "Language packs").

use super::entities::{Mention, Target};
use super::events::{Article, Found, SubjectRef, aside};
use super::lexicon::Voice;
use super::morph::{Case, Cases, Gender, Pos, Word};
use crate::lexicon::OccupationKind;
use casewatch_model::{EventType, OrgKind};

/// Nouns that describe a person of the article without naming them.
pub(super) const PERSON_NOUNS: &[&str] = &[
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

/// Whether the mention is a speaker ("по словам Иванова", "Иванов заявил") or
/// a person the event cannot happen to (lawyers, officials).
pub(super) fn excluded(a: &Article<'_>, m: &Mention) -> bool {
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

/// Lemmas of defence counsel: a group of them is a subject only as the
/// object of the trigger's verb, and never the people the article names together.
const DEFENCE_LAWYERS: &[&str] = &["адвокат", "защитник", "юрист"];

/// The subjects of a trigger at `[ts, te)` in clause `[cs, ce)`.
#[allow(clippy::too_many_arguments)]
// word indices are positions compared with the trigger and the mentions, not just for indexing
#[allow(clippy::needless_range_loop)]
pub(super) fn subjects_of(
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
    // "дело против журналистки, …": the role noun a trigger's "против" governs is whom the act is
    // against, before any name further on (a relative quoted after it)
    if te >= 1
        && te < ws.len()
        && matches!(ws[te - 1].tok.lower.as_str(), "против" | "над")
        && let Some(r) = ws[te]
            .readings
            .iter()
            .find(|r| r.feats.pos == Pos::Noun && !r.feats.plural && r.feats.animate && r.feats.case & gn != 0)
        && (a.lexicon_occupation(&r.lemma) || PERSON_NOUNS.contains(&&*r.lemma))
        && !a
            .ents
            .mentions
            .iter()
            .any(|m| m.sentence == si && m.start == te + 1 && matches!(m.target, Target::Person(_)))
        && let Some(p) = described(a, si, te, &r.lemma, r.feats.gender)
    {
        return (
            vec![SubjectRef::Person(p)],
            format!(
                "\"{}\" (governed by \"{}\"): the person it describes",
                ws[te].tok.text,
                ws[te - 1].tok.text
            ),
        );
    }
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
            && (group_noun(&w.lemma)
            // "приговорили его адвокатов": defence lawyers are the patients only as the object of
            // the trigger's verb (a lawyers' motion is made for the defendant)
            || (DEFENCE_LAWYERS.contains(&&*w.lemma)
                && matches!(voice, Voice::Object)
                && !passive
                && w.readings.iter().any(|r| r.feats.plural && r.feats.case & acc != 0)))
        {
            let count = count_before(ws, k);
            // (the people the article names together are its journalists, not their lawyers)
            let lawyers = DEFENCE_LAWYERS.contains(&&*w.lemma);
            if let Some(list) = list_for(a, si, k)
                .filter(|l| !lawyers && (count.is_none_or(|c| c as usize == l.len()) || appositive_list(a, si, k)))
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

/// Whether a plural noun of this lemma can stand for the people an article
/// is about ("журналисты", "фигуранты", "более 150 человек"): media workers
/// and the parties of a prosecution, not officials or counsel.
fn group_noun(lemma: &str) -> bool {
    matches!(
        lemma,
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
}

/// The people a plural group noun at word `k` of sentence `si` stands for
/// when a participle describes it ("двум журналистам, обвиняемым в …, — А и
/// Б"): the list of people named together that it stands for (right after it
/// in apposition, else the last before it), of the size its numeral gives.
/// `None` when the word is no such noun or no list fits.
pub(super) fn participle_group(a: &Article<'_>, si: usize, k: usize) -> Option<Vec<usize>> {
    let ws = &a.words[si];
    let w = ws.get(k)?;
    if !group_noun(&w.lemma) || !w.readings.iter().any(|r| r.feats.plural && r.feats.pos == Pos::Noun) {
        return None;
    }
    let count = count_before(ws, k);
    list_for(a, si, k).filter(|l| count.is_none_or(|c| c as usize == l.len()) || appositive_list(a, si, k))
}

/// The count a numeral right before word `k` gives its noun ("3 журналиста",
/// "двум журналистам", "трое журналистов"), if any.
fn count_before(ws: &[Word], k: usize) -> Option<u32> {
    let n = ws.get(k.checked_sub(1)?)?;
    if n.tok.kind == crate::segment::TokenKind::Number {
        n.tok.text.parse().ok()
    } else {
        collective(&n.lemma)
    }
}

pub(super) fn collective(lemma: &str) -> Option<u32> {
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
pub(super) fn list_for(a: &Article<'_>, si: usize, k: usize) -> Option<Vec<usize>> {
    a.lists
        .iter()
        .find(|l| l.0 == si && l.1 > k)
        .or_else(|| a.lists.iter().rev().find(|l| l.0 < si || (l.0 == si && l.2 <= k)))
        .or_else(|| a.lists.iter().find(|l| l.0 > si))
        .map(|l| l.3.clone())
}

/// The list of people named together that has `n` people: the nearest before
/// word `k` of sentence `si`, else the first after it.
pub(super) fn list_of_size(a: &Article<'_>, si: usize, k: usize, n: usize) -> Option<Vec<usize>> {
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
pub(super) fn appositive_list(a: &Article<'_>, si: usize, k: usize) -> bool {
    a.lists.iter().any(|l| l.0 == si && l.1 > k)
}

/// The person a singular role noun describes: the last one named before it
/// (this and the previous sentences) with that occupation, or with its gender
/// and a media or unknown occupation.
pub(super) fn described(a: &Article<'_>, si: usize, k: usize, lemma: &str, gender: Gender) -> Option<usize> {
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
pub(super) fn official(a: &Article<'_>, p: usize) -> bool {
    matches!(
        a.ents.people[p].occupation_kind,
        Some(OccupationKind::Lawyer | OccupationKind::Official)
    )
}

/// The last person of `gender` named before word `k` of sentence `si` (this and the three sentences before).
pub(super) fn last_person(a: &Article<'_>, si: usize, k: usize, gender: Gender) -> Option<usize> {
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
