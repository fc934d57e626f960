//! From mentions to participants: the subject units of a token range (names,
//! organisations, pronouns, role nouns, counted and unnamed groups) and pronoun,
//! role-noun and quote-speaker resolution.

use super::*;

/// A unit that can be a subject: a mention, pronoun, role noun or group at a token position.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) subjects: Vec<SubjectRef>,
    /// An organisation: the agent of an active verb, never a subject of a passive one.
    pub(super) org: bool,
}

/// The subject units of a token range.
pub(super) fn units(ctx: &Ctx<'_>, si: usize, words: &[&str], from: usize, to: usize, focus: &Focus) -> Vec<Unit> {
    let s = &ctx.sentences[si];
    let mut out = Vec::new();
    let mut k = from;
    while k < to {
        if let Some(m) = ctx.ents.mentions[si].iter().find(|m| m.first == k) {
            match m.target {
                Target::Person(p) => {
                    // "Sadyr uulu's lawyer": a possessive name before a role noun is someone else
                    let poss = s.tokens[m.last - 1].lower.ends_with("'s");
                    let role_after = words.get(m.last).is_some_and(|w| is_person_role(w));
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
                        // "two former editors of (the weekly) X": an outlet after a group's "of" is whom the
                        // group works for, a modifier, not a participant of its own
                        let of_group = (m.first.saturating_sub(4)..m.first)
                            .rev()
                            .find(|&j| {
                                matches!(words[j], "of" | "at" | "for" | "from")
                                    && words[j + 1..m.first]
                                        .iter()
                                        .all(|w| w.chars().all(|c| c.is_lowercase()))
                            })
                            .is_some_and(|j| {
                                out.last().is_some_and(|u: &Unit| {
                                    u.last == j
                                        && u.subjects.iter().all(|x| matches!(x, SubjectRef::Group { .. }))
                                        && !u.subjects.is_empty()
                                })
                            });
                        if of_group {
                            out.push(Unit {
                                first: m.first,
                                last: m.last,
                                subjects: Vec::new(),
                                org: true,
                            });
                        } else if !occ {
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
            // "one of them walked free": one member, not known which, is no
            // act of the whole set
            "them" if k >= 2 && words[k - 1] == "of" && matches!(words[k - 2], "one" | "another") => {
                Some(vec![SubjectRef::Group {
                    desc: format!("{} of them", words[k - 2]),
                    count: Some(1),
                }])
            }
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
            // "A and her brother B were detained": a relative or colleague named right after is
            // the named person, coordinated with A (the words are part of the gap); counsel never is
            let named_relative = words.get(k + 1).is_some_and(|n| is_named_relative(n))
                && ctx.ents.mentions[si]
                    .iter()
                    .any(|m| m.first == k + 2 && matches!(m.target, Target::Person(_)));
            if is_poss && named_relative {
                k += 2;
                continue;
            }
            if is_poss
                && !owners_place
                && words
                    .get(k + 1)
                    .is_some_and(|n| is_person_role(n) || occupation_at(&s.tokens, k + 1, ctx.lex).is_some())
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
        // the party of the proceedings: "the appellant", "the petitioner" is the person the text was
        // about before it (as a pronoun would be)
        if w == "the"
            && words
                .get(k + 1)
                .is_some_and(|n| matches!(*n, "appellant" | "petitioner" | "applicant" | "defendant"))
            && let Some(subjects) = resolve_pronoun(ctx, si, k, None)
        {
            out.push(Unit {
                first: k,
                last: k + 2,
                subjects,
                org: false,
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
            && let Some(p) = role_noun(ctx, si, k, &phrase)
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
pub(super) fn group_at(ctx: &Ctx<'_>, si: usize, words: &[&str], k: usize, to: usize) -> Option<Unit> {
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
    // "a 21-year-old journalist" (tokens "21", "-", "year-old"): an age describes, it does not count
    let age = |j: usize| {
        j + 2 < to && s.tokens[j].kind == TokenKind::Number && words[j + 1] == "-" && words[j + 2].starts_with("year")
    };
    if age(j) {
        j += 3;
    } else if j < to
        && let Some(n) = dates::number_word(words[j]).filter(|_| words[j] != "a" && words[j] != "an")
    {
        count = u32::try_from(n).ok();
        quant = true;
        j += 1;
    }
    if !quant {
        return None;
    }
    if age(j) {
        j += 3;
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
        ) || (words[j].ends_with("ed") && j > k)
            // "two veteran reporters", "two Belarusian journalists" (a capitalised word naming no
            // one, before the occupation); one so described ("a leading journalist") is the person
            // the report names next, not a group
            || (count != Some(1)
                && matches!(
                    words[j],
                    "veteran" | "prominent" | "well-known" | "leading" | "fellow" | "exiled" | "investigative" | "opposition"
                ))
            || (count != Some(1)
                && s.tokens[j].is_capitalized()
                && occupation_at(&s.tokens, j + 1, ctx.lex).is_some()
                && !ctx.ents.mentions[si].iter().any(|m| m.first <= j && j < m.last)))
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
    // the words as written: a space only where the text has one ("30-year-old" stays one word)
    let mut desc = String::new();
    for (i, t) in s.tokens[k..end].iter().enumerate() {
        if i > 0 && s.tokens[k + i - 1].end < t.start {
            desc.push(' ');
        }
        desc.push_str(&t.text);
    }
    Some(Unit {
        first: k,
        last: end,
        subjects: vec![SubjectRef::Group { desc, count }],
        org: false,
    })
}

/// The person a pronoun at token `k` of sentence `si` refers to: the nearest
/// earlier mention with a compatible gender, preferring media people.
pub(super) fn resolve_pronoun(ctx: &Ctx<'_>, si: usize, k: usize, gender: Option<Gender>) -> Option<Vec<SubjectRef>> {
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
        let speakers = &ctx.speakers[sj];
        let candidates = || {
            ctx.ents.mentions[sj]
                .iter()
                .enumerate()
                .filter(|(_, m)| !(sj == si && m.first >= k) && matches!(m.target, Target::Person(_)))
        };
        let ordered = candidates()
            .filter(|(i, _)| !speakers[*i])
            .chain(candidates().filter(|(i, _)| speakers[*i]))
            .map(|(_, m)| m);
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

/// The person a role noun at token `k` of sentence `si` means: for "the journalist", a person
/// (no lawyer or official) named before it in the same sentence; else the most recent person with this occupation
/// (or any media person).
pub(super) fn role_noun(ctx: &Ctx<'_>, si: usize, k: usize, phrase: &str) -> Option<usize> {
    // "a second case against X emerged in 2022, and this time the journalist was accused": a media
    // person named earlier in the same sentence continues as its topic
    if phrase == "journalist"
        && let Some(p) = ctx.ents.mentions[si].iter().rev().find_map(|m| match m.target {
            Target::Person(p)
                if m.last <= k
                    && !matches!(
                        ctx.ents.people[p].occupation_kind,
                        Some(OccupationKind::Lawyer | OccupationKind::Official | OccupationKind::Other)
                    ) =>
            {
                Some(p)
            }
            _ => None,
        })
    {
        return Some(p);
    }
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
pub(super) fn speaker_of_quote(ctx: &Ctx<'_>, si: usize) -> Option<usize> {
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

pub(super) fn target_name(ctx: &Ctx<'_>, t: Target) -> String {
    match t {
        Target::Person(p) => ctx.ents.people[p].name(),
        Target::Org(o) => ctx.ents.orgs[o].name.clone(),
    }
}
