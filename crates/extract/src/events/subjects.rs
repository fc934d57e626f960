//! Who an event happens to, from the clause around its trigger: voice, possessors,
//! accusations, coordination and appositions, speakers and cited sources (never
//! subjects), generic objects and the fall-backs to the people in focus.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn subjects_for(
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
    // the object never reaches past "according to", nor into a manner adjunct ("entitled to release
    // by applying what the court held in the case of X": X is a precedent cited)
    let right_end = (end..clause.1)
        .find(|&k| {
            words[k] == "according"
                || (words[k] == "by" && words.get(k + 1).is_some_and(|n| n.len() > 4 && n.ends_with("ing")))
        })
        .unwrap_or(clause.1);
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
    // ("has been found": "been", skipped with the adverbs, is the passive's own "be")
    let mut passive = participle(words[start])
        && ((k > clause.0 && BE.contains(&words[k - 1]) && !perfect(words[k - 1]))
            || words[k..start].iter().any(|w| matches!(*w, "been" | "being")));
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
            // a relative clause between two members is no part of the gap: "A—who turns 27—and B"
            let gap: Vec<&str> = (units[p - 1].last..units[p].first)
                .filter(|&k| !rels.iter().any(|r| r.0 >= 1 && r.0 - 1 <= k && k <= r.1))
                .map(|k| words[k])
                .collect();
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
        Voice::Object => {
            let r = take_right(&right);
            if r.is_empty() && end > start + 2 && t == EventType::Appeal {
                // "declared his arrest invalid": a ruling's object stands inside the trigger's gap
                let inner = person_only(units(ctx, si, words, start + 1, end - 1, focus))
                    .into_iter()
                    .find(|u| !u.subjects.is_empty())
                    .map(|u| u.subjects)
                    .unwrap_or_default();
                (inner, "object inside the trigger's gap")
            } else {
                (r, "object of the trigger")
            }
        }
        Voice::Noun => {
            // "the detention of X", "X's detention", "their arrest"
            let mut r = if words.get(end) == Some(&"of") {
                take_right(&right)
            } else {
                Vec::new()
            };
            // "the hearings of a criminal case against X": the case names its defendant
            if r.is_empty()
                && words.get(end) == Some(&"of")
                && let Some(against) = (end + 1..(end + 6).min(right_end)).find(|&k| {
                    matches!(words[k], "against") && matches!(words[k - 1], "case" | "cases" | "proceedings")
                })
            {
                // (a title and the outlet may stand before the name: "against the chief editor of X, Y")
                r = right
                    .iter()
                    .filter(|u| u.first > against && u.first <= against + 9)
                    .find(|u| u.subjects.iter().any(|s| matches!(s, SubjectRef::Person(_))))
                    .map(|u| u.subjects.clone())
                    .unwrap_or_default();
            }
            // "every court hearing of X's foundation": the complement names whom the noun is about
            if r.is_empty() && words.get(end) == Some(&"of") {
                return (Vec::new(), "none (the noun's complement names no one)");
            }
            if r.is_empty() {
                // a possessor of another noun is not this one's subject: "took X's last video at
                // the hearing" is no hearing of X
                let toks = &ctx.sentences[si].tokens;
                let owners_of_other: Vec<Unit> = left
                    .iter()
                    .filter(|u| {
                        let poss =
                            toks[u.last - 1].lower.ends_with("'s") || toks[u.last - 1].lower.ends_with("\u{2019}s");
                        !(poss && u.last != start)
                    })
                    .cloned()
                    .collect();
                let r = take_left(&owners_of_other);
                if r.is_empty() && owners_of_other.len() < left.len() {
                    return (Vec::new(), "none (the name before is another noun's possessor)");
                }
                // "pleas by A and the portal's head B, challenging their arrest": "their" inside the
                // trigger is the set the one name before belongs to
                if let [SubjectRef::Person(p)] = r.as_slice()
                    && words[start..end].contains(&"their")
                    && focus.plural.len() >= 2
                    && focus.plural.contains(p)
                {
                    let set = focus.plural.iter().map(|q| SubjectRef::Person(*q)).collect();
                    return (set, "the set a possessive \"their\" in the noun names");
                }
                (r, "before the noun")
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
    for (mi, m) in ctx.ents.mentions[si].iter().enumerate() {
        if let Target::Person(p) = m.target {
            let person = &ctx.ents.people[p];
            if !ctx.speakers[si][mi]
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
    // (or an indefinite noun phrase: "a prominent former lawyer was also jailed" is someone new)
    // (but "a leading journalist has been sentenced", with a trade of the media and nothing that marks
    // another person, is the journalist in focus: how a lede names the person the report is about)
    let indefinite_subject = passive
        && (clause.0..start).rev().take(8).any(|k| {
            matches!(words[k], "a" | "an")
                && (k + 1..start).any(|j| BE.contains(&words[j]))
                && ((k + 1..start).any(|j| matches!(words[j], "also" | "another" | "other" | "second"))
                    || !(k + 1..start).any(|j| {
                        occupation_at(&ctx.sentences[si].tokens, j, ctx.lex)
                            .is_some_and(|(_, kind, _)| kind == OccupationKind::Media)
                    }))
        });
    // (an organisation governed by a preposition is a setting or a source, not the passive's
    // subject: "at the Harbor District Court, the verdict was appealed")
    let governed = |k: usize| {
        let k = if k >= 1 && matches!(words[k - 1], "the" | "a" | "an") {
            k - 1
        } else {
            k
        };
        k >= 1
            && matches!(
                words[k - 1],
                "at" | "in" | "before" | "from" | "to" | "of" | "with" | "for" | "on" | "into" | "under" | "outside"
            )
    };
    let own_subject = passive && (left.iter().any(|u| u.org && !governed(u.first)) || indefinite_subject);
    if matches!(
        t,
        EventType::Appeal
            | EventType::Hearing
            | EventType::Sentence
            | EventType::Conviction
            | EventType::PretrialDetention
            | EventType::Pardon
            | EventType::Acquittal
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

/// Whether the words between two coordinated subjects only join them:
/// commas, "and", "or", "as well as", occupations and "former".
pub(super) fn coordination_gap(ctx: &Ctx<'_>, gap: &[&str]) -> bool {
    // (a relative or colleague named after a possessive: "and her brother")
    let relative = |k: usize| {
        (matches!(gap[k], "his" | "her" | "their") && gap.get(k + 1).is_some_and(|n| is_named_relative(n)))
            || (k >= 1 && matches!(gap[k - 1], "his" | "her" | "their") && is_named_relative(gap[k]))
    };
    !gap.is_empty()
        && gap.iter().any(|w| matches!(*w, "," | "and" | "or"))
        && gap.iter().enumerate().all(|(k, w)| {
            relative(k)
                // an age in apposition: "A, 41, and B"
                || (k >= 1 && gap[k - 1] == "," && !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
                || matches!(
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
pub(super) fn apposition_gap(ctx: &Ctx<'_>, gap: &[&str]) -> bool {
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

/// Whether a mention is the source the sentence quotes: "X said", "X, 34, told",
/// "according to the outlet's publisher, X".
pub(super) fn is_speaker(words: &[&str], m: &Mention) -> bool {
    let speech = |w: &str| SPEECH.contains(&w) && w != "according";
    match words.get(m.last).copied() {
        // a comment verb right after the name ("Robertson described the sentencing as …")
        Some(w) if speech(w) || COMMENT_VERBS.contains(&w) => return true,
        // (a participle after the comma, "…, saying", speaks for the main clause's subject: the name
        // before it is that subject only at the start of the sentence)
        Some(",")
            if (m.last + 1..(m.last + 4).min(words.len()))
                .any(|k| speech(words[k]) && (!words[k].ends_with("ing") || m.first <= 2)) =>
        {
            return true;
        }
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

/// A verb of saying in the sentence, and its speaker's name: "X said",
/// "said X", "he told", "his lawyer said" (the lawyer is not named: None).
pub(super) fn speech_verb(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<(usize, Option<String>)> {
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

pub(super) fn according_to(ctx: &Ctx<'_>, si: usize, words: &[&str]) -> Option<String> {
    let k = words.iter().position(|w| *w == "according")?;
    if words.get(k + 1) != Some(&"to") {
        return None;
    }
    let m = ctx.ents.mentions[si]
        .iter()
        .find(|m| m.first >= k + 2 && m.first <= k + 4)?;
    Some(target_name(ctx, m.target))
}
