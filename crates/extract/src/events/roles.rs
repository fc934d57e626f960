//! The other roles of an event: its agent (court, police, prosecutor), place and
//! detail (term, fine, charge words).

use super::*;

pub(super) fn agent_for(
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

pub(super) fn place_for(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<String> {
    let s = &ctx.sentences[si];
    for k in 0..words.len().saturating_sub(1) {
        if words[k] == "in" && s.tokens[k + 1].is_capitalized() && ctx.lex.places.contains(words[k + 1]) {
            return Some(s.tokens[k + 1].text.trim_end_matches("'s").to_string());
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
pub(super) fn detail_for(
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

/// The media outlet mentioned last before token `k` of sentence `si` (within the article).
pub(super) fn recent_outlet(ctx: &Ctx<'_>, si: usize, k: usize) -> Option<usize> {
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

/// Whether a person mention is the agent of a "by" phrase: "brought by journalist X".
pub(super) fn is_by_agent(ctx: &Ctx<'_>, words: &[&str], m: &Mention) -> bool {
    let mut b = m.first;
    while b > 0 && ctx.lex.is_occupation_word(words[b - 1]) {
        b -= 1;
    }
    b > 0 && words[b - 1] == "by"
}
