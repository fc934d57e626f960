//! Trigger sense and clause structure: matching the lexicon's trigger patterns, the
//! checks that read a trigger in another sense (references, settings, names, habits,
//! things released or questioned), clause and relative-clause bounds, and the
//! jurisdiction rule that reads a court's "arrest" as pre-trial detention.

use super::*;

/// All trigger matches of a sentence: (start, end, trigger index, pattern index),
/// longest first on overlap, then sorted by position. Quote marks are skipped
/// while matching ("a \"repentance\" video" matches `repentance video`).
pub(super) fn trigger_matches(lex: &Lexicon, all_words: &[&str]) -> Vec<(usize, usize, usize, usize)> {
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
                // to … of" is a sentence, not "accused ~8 of"; except a ruling on an earlier act,
                // whose gap holds that act ("declared his arrest invalid")
                let gapped = lex.triggers[ti].patterns[pi]
                    .elems
                    .iter()
                    .any(|el| matches!(el, crate::lexicon::Elem::Gap(_)));
                if gapped
                    && lex.triggers[ti].event_type.is_some_and(|t| t != EventType::Appeal)
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

/// Type-specific checks that reject a trigger in a context where it is not an event.
pub(super) fn sanity(t: EventType, words: &[&str], start: usize, end: usize) -> bool {
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
        EventType::Questioning => {
            (!matches!(words[start], "question") || prev == "for") && !court_examination(words, start, end)
        }
        // "prohibited from leaving her home at night": a curfew, not a ban on travel
        EventType::TravelBan => !words[end..(end + 3).min(words.len())]
            .iter()
            .any(|w| matches!(*w, "home" | "house" | "apartment" | "flat" | "residence")),
        EventType::Search => {
            !(words[start] == "search" && prev != "the" && prev != "a" && !matches!(prev, "during" | "after" | "to"))
        }
        EventType::Seizure => !(words[start] == "seize" && prev == "to" && start >= 2 && words[start - 2] == "attempt"),
        // "denied a motion from the defence to quash the charges": a motion to the trial court is
        // a step of the trial, no appeal (a plea or petition to quash goes to a higher court)
        EventType::Appeal => {
            !(matches!(words[start], "quash" | "overturn" | "dismiss")
                && prev == "to"
                && words[start.saturating_sub(12)..start]
                    .iter()
                    .any(|w| matches!(*w, "motion" | "motions")))
        }
        // "a charge which carries a sentence of 4 to 7 years", "punishable by imprisonment": the
        // penalty a law sets, no penalty imposed
        EventType::Sentence | EventType::HouseArrest => !words[start.saturating_sub(4)..start]
            .iter()
            .any(|w| matches!(*w, "carries" | "carry" | "carrying" | "punishable")),
        _ => true,
    }
}

/// Whether the words around a "blocked" trigger are about the web: websites,
/// pages, channels, access, providers.
pub(super) fn web_context(words: &[&str], start: usize, end: usize) -> bool {
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
pub(super) fn released_thing(
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

/// "The court questioned the activist", "was questioned in court", "questioned
/// at the hearing": a court examining a witness or a defendant is part of a
/// hearing, not a questioning (the taxonomy's questioning is a summons or an
/// interrogation by investigators, outside court). The court is the verb's
/// subject (the word before it, or before an adverb) or the place that
/// follows within three words.
pub(super) fn court_examination(words: &[&str], start: usize, end: usize) -> bool {
    const COURT: [&str; 6] = ["court", "judge", "judges", "tribunal", "panel", "bench"];
    let before = |k: usize| k < start && COURT.contains(&words[k]);
    let subject = start >= 1
        && (before(start - 1)
            || (start >= 2 && words[start - 1].ends_with("ly") && before(start - 2))
            || (start >= 2 && matches!(words[start - 1], "also" | "then" | "has" | "had") && before(start - 2)));
    let place = (end..(end + 4).min(words.len())).any(|k| {
        matches!(words[k], "in" | "at" | "during" | "before")
            && words.get(k + 1..(k + 3).min(words.len())).is_some_and(|w| {
                w.iter()
                    .any(|x| matches!(*x, "court" | "courtroom" | "hearing" | "trial" | "session"))
            })
    });
    subject || place
}

/// "After questioning government policy": an active "question" whose object is
/// no person challenges something; it questions no one.
pub(super) fn questioned_thing(
    t: EventType,
    words: &[&str],
    start: usize,
    end: usize,
    tokens: &[Token],
    lex: &Lexicon,
) -> bool {
    if t != EventType::Questioning
        || end != start + 1
        || !matches!(words[start], "questioning" | "questioned" | "question" | "questions")
        || (start > 0 && BE.contains(&words[start - 1]))
    {
        return false;
    }
    let Some(next) = words.get(end).copied() else {
        return false;
    };
    let person_noun = |w: &str| {
        PLURAL_PERSON_NOUNS.contains(&w)
            || lex.occupation_kind(w).is_some()
            || matches!(w, "him" | "her" | "them" | "me" | "us" | "suspects" | "detainees")
    };
    let noun_after_det = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| person_noun(w) || tokens[k].is_capitalized())
    };
    let object_is_person = tokens[end].is_capitalized()
        || person_noun(next)
        || (matches!(next, "the" | "a" | "an" | "two" | "three" | "four" | "several") && noun_after_det(end + 1));
    // a lower-case word that is a noun of something ("government policy", "the legality")
    next.chars().all(|c| c.is_alphabetic())
        && !object_is_person
        && !matches!(
            next,
            "on" | "in"
                | "for"
                | "by"
                | "at"
                | "about"
                | "over"
                | "after"
                | "before"
                | "and"
                | "or"
                | "as"
                | "without"
                | "until"
                | "from"
                | "with"
                | "during"
                | "again"
                | "twice"
                | "briefly"
                | "overnight"
        )
}

/// Whether a noun trigger refers back to an event already told: a possessive
/// or a preposition before it ("during their detention", "after his release",
/// "Okafor's arrest", "against the suspended sentence").
pub(super) fn is_reference(words: &[&str], start: usize) -> bool {
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
            | "remand"
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
        // what a court declares invalid, or a plea challenges, was done before: "declared invalid the
        // arrest of X", "his plea against arrest and remand"
        || (matches!(w, "detention" | "arrest" | "remand" | "pre-trial" | "pretrial")
            && words[start.saturating_sub(10)..start].iter().any(|x| {
                matches!(
                    x.trim_matches(|c: char| !c.is_alphanumeric()),
                    "invalid" | "illegal" | "unlawful" | "challenging" | "challenged" | "against"
                )
            }))
        // … or names as the subject of that ruling: "the arrest of the appellant and the remand
        // that followed it are hereby declared invalid"
        || (matches!(w, "detention" | "arrest" | "remand" | "pre-trial" | "pretrial")
            && {
                let after: Vec<&str> = words[start + 1..]
                    .iter()
                    .take(40)
                    .take_while(|x| !matches!(**x, "." | ";" | "!" | "?"))
                    .map(|x| x.trim_matches(|c: char| !c.is_alphanumeric()))
                    .collect();
                (after.windows(2).any(|p| {
                    matches!(p[0], "is" | "are" | "was" | "were" | "be" | "been" | "hereby")
                        && matches!(p[1], "declared" | "quashed" | "annulled")
                })
                    // "declared the arrest of X invalid"
                    || words[start.saturating_sub(3)..start]
                        .iter()
                        .any(|x| matches!(*x, "declared" | "declares")))
                    && after
                    .iter()
                    .any(|x| matches!(*x, "invalid" | "illegal" | "unlawful" | "void" | "quashed" | "annulled"))
            })
}

/// Whether a trigger is a word of a name: inside a recognised organisation
/// ("Radio Free Europe", "Free Press Unlimited") or capitalised between
/// capitalised words in mid-sentence. Names of outlets, groups and laws that
/// contain trigger words are not events.
pub(super) fn inside_a_name(s: &Sentence, mentions: &[Mention], start: usize, end: usize) -> bool {
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
pub(super) fn generic_comparison(words: &[&str], start: usize) -> bool {
    // a universally quantified act is a habit, no event: "covered every court hearing of X"
    if (start.saturating_sub(2)..start).any(|k| words[k] == "every") {
        return true;
    }
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

/// The clause around a trigger: bounded by `;`, `:`, dashes, subordinators and ", and".
pub(super) fn clause_bounds(words: &[&str], start: usize, end: usize) -> (usize, usize) {
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
/// ("A, the editor of X, and B"), by a rank or time word ("A, former chief
/// editor of X, and B"), or a short one, so the "and" after it joins names,
/// not clauses.
pub(super) fn closes_apposition(words: &[&str], k: usize) -> bool {
    (k.saturating_sub(14)..k)
        .rev()
        .find(|&j| words[j] == ",")
        .is_some_and(|j| {
            let inner = &words[j + 1..k];
            let verbless = || {
                inner
                    .iter()
                    .all(|w| !w.ends_with("ed") && !BE.contains(w) && !SPEECH.contains(w))
            };
            inner.first().is_some_and(|w| matches!(*w, "the" | "a" | "an" | "his" | "her" | "their" | "its"))
            // "A, former chief editor of the outlet, and B": a title without an article opens with
            // a rank or time word
            || (inner.len() <= 10
                && inner.first().is_some_and(|w| {
                    matches!(
                        *w,
                        "former" | "ex" | "then" | "chief" | "deputy" | "senior" | "acting" | "veteran" | "fellow"
                    )
                })
                && verbless())
            // "the outlet's editor, Rinat Valiyev, and reporter …": a short name between commas
            || (inner.len() <= 4 && verbless())
        })
}

/// Relative clauses set off by a comma: ", who was detained with them," gives
/// (index of "who", index of the closing comma or the sentence end).
pub(super) fn relative_spans(words: &[&str]) -> Vec<(usize, usize)> {
    // set off by commas, or by dashes ("Cumpio—who turns 27 on Friday—and Domequil")
    (1..words.len())
        .filter(|&k| matches!(words[k], "who" | "which" | "whom" | "whose") && matches!(words[k - 1], "," | "—" | "–"))
        .map(|k| {
            let close: &[&str] = if words[k - 1] == "," { &[","] } else { &["—", "–"] };
            (
                k,
                (k + 1..words.len())
                    .find(|&j| close.contains(&words[j]))
                    .unwrap_or(words.len()),
            )
        })
        .collect()
}

/// Whether an "arrest" trigger at `[start, end)` is a court's order: a court or judge
/// arrests ("an Istanbul court arrested her", "arrested by a court decision"), or the
/// arrest has a term ("arrested for two months", "arrested until 19 May") or waits for
/// trial ("arrested pending trial"). In the jurisdictions casewatch covers (Turkey's
/// tutuklama, Russia's and Central Asia's court arrest) that is pre-trial detention,
/// while the police's arrest is a detention (taxonomy, "jurisdiction").
pub(super) fn court_ordered_arrest(
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
pub(super) fn arrest_without_police(
    ctx: &Ctx<'_>,
    si: usize,
    words: &[&str],
    start: usize,
    clause: (usize, usize),
) -> bool {
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
