//! Status of a Russian event from the cues of its clause: negation ("не" before
//! or inside the trigger), future tense, intention, schedule and offers
//! (`not_occurred`), "якобы" (`alleged`), "отрицает, что" (`denied`), calls,
//! demands and hypothetical penalties (no event), and the jurisdiction test
//! of a court or custody term for "арестовать".

use super::entities::Target;
use super::events::Article;
use super::lexicon::CueKind;
use super::morph::{Pos, Word};
use crate::lexicon::{Elem, Pattern};
use casewatch_model::{EventType, OrgKind, Status};

/// Whether a clause names a court ("суд", a court's name) or a custody term
/// ("на два месяца", "до 21 июля", "на время следствия", "мера пресечения").
pub(super) fn court_or_term(a: &Article<'_>, si: usize, cs: usize, ce: usize) -> bool {
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
pub(super) fn status_of(
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
    // a future-tense verb or "будет" before the trigger ("Напомним, …", "Отметим, …": a first-person
    // plural set off by a comma at the start is the writer's aside, not a future act)
    let hortative = |k: usize| {
        (k == 0 || ws[k - 1].tok.kind != crate::segment::TokenKind::Word)
            && ws.get(k + 1).is_some_and(|n| n.tok.text == ",")
            && ws[k].tok.lower.ends_with('м')
    };
    let future = (cs..ce).any(|k| {
        ws[k]
            .readings
            .first()
            .is_some_and(|r| r.feats.future && r.feats.finite && r.feats.pos == Pos::Verb)
            && !hortative(k)
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
