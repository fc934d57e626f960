//! Dates of events: attaching the date mentions of a sentence to its triggers,
//! inheritance from the paragraph or the lede, anteriority and states, and the
//! verdict's date shared by a conviction and its sentence.

use super::*;

/// Attaches each date expression of a sentence to the nearest trigger (or to a
/// verb of saying, whose date is the report's and is dropped), resolves
/// relative ones against the sentence's earlier dates or the anchor, and lets
/// undated events take the date of a dated event in the same clause, else of
/// the event before them in the sentence, else `inherit` (the paragraph's or
/// the lede's date; `None` in background passages). `masked` is `words` with
/// the words of person names replaced, so that a name ("Omar Said") is no verb.
#[allow(clippy::too_many_arguments)]
pub(super) fn assign_dates(
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
    // a reduced relative ("X, detained on 3 March, was released") is such a clause too
    let reduced = reduced_relative_spans(words);
    let inside_other = |first: usize, trigger: usize| {
        reduced
            .iter()
            .any(|r| r.0 <= first && first < r.1 && !(r.0 <= trigger && trigger < r.1))
    };
    // (from its comma, as a relative clause's span is counted from the comma's next word: the
    // participle is inside it)
    let rels: Vec<(usize, usize)> = rels.into_iter().chain(reduced.iter().map(|r| (r.0 - 1, r.1))).collect();
    // the triggers' token spans (they stay put while dates are assigned)
    let spans: Vec<(usize, usize)> = found.iter().map(|e| e.trigger).collect();
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
            // (a relative clause describes its antecedent: "the indictment, which the court accepted
            // in April" dates the indictment)
            let antecedent = rels
                .iter()
                .any(|r| r.0 < m.first && m.first < r.1 && e.trigger.1 + 1 == r.0);
            // "…, a verdict without precedent since the country adopted its constitution in 1997": a
            // date inside a "since" clause (one with a verb of its own) dates that clause's verb
            let since_clause = m.first >= e.trigger.1
                && (e.trigger.1..m.first).any(|j| {
                    words[j] == "since" && words[j + 1..m.first].iter().any(|w| w.len() > 3 && w.ends_with("ed"))
                });
            // "brought to court on Thursday after being detained": the date is the main verb's; the
            // act of the adjunct came before it, on a day the sentence does not give
            let earlier_adjunct = across && m.last <= e.trigger.0 && after_being(words, e.trigger.0);
            // "were arrested … on October 3 and were ordered to …": a date inside the first of two
            // coordinated predicates dates that one, when it has a trigger of its own
            let next_predicate = m.last <= e.trigger.0
                && words[m.last..e.trigger.0]
                    .windows(2)
                    .any(|w| w[0] == "and" && matches!(w[1], "was" | "were"))
                && spans.iter().any(|t| t.1 <= m.first && t.0 >= clause.0);
            if speech_d.is_none_or(|sd| d <= sd)
                && !now
                && !too_far
                && !since_clause
                && !earlier_adjunct
                && !next_predicate
                && (!in_other_rel || antecedent)
            {
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
    // "the trial of X ended on December 14 with a nine-year sentence": the subject noun of a verb of
    // a session's course takes the date that follows the verb, even when a later trigger took it
    for (ei, e) in found.iter().enumerate() {
        if attached[ei].is_some() {
            continue;
        }
        let (start, end) = e.trigger;
        let nominal = (start > 0 && matches!(words[start - 1], "the" | "a" | "his" | "her" | "their" | "its"))
            || words[end - 1] == "of";
        let verb = (end..(end + 8).min(e.clause.1)).find(|&k| {
            matches!(
                words[k],
                "ended" | "began" | "opened" | "started" | "concluded" | "resumed" | "closed" | "continued"
            )
        });
        if let (true, Some(v)) = (nominal, verb)
            && !words[end..v]
                .iter()
                .any(|w| matches!(*w, "," | ";" | "who" | "which" | "that"))
            && let Some(mi) = mentions.iter().position(|m| {
                m.first > v && m.first <= v + 10 && !words[v..m.first].contains(&",") && !is_end_date(words, m)
            })
        {
            attached[ei] = Some((mi, 0));
        }
    }
    // (a court act told as a second predicate after a police act takes no date from it)
    let own_day: Vec<bool> = (0..found.len())
        .map(|ei| {
            attached[ei].is_none()
                && (0..ei).any(|j| {
                    attached[j].is_some()
                        && second_predicate(
                            words,
                            (found[j].trigger, found[j].event_type),
                            (found[ei].trigger, found[ei].event_type),
                        )
                })
        })
        .collect();
    // a sentence that dates an earlier act in a reduced relative ("Vos, arrested in 2024, was
    // convicted …") tells its main act after that date, on a day it does not give: not the
    // day of the sentences before
    let dated_relative = reduced
        .iter()
        .any(|r| mentions.iter().any(|m| m.first >= r.0 && m.last <= r.1));
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
            && !dated_relative
            // "is due to be sentenced", "expects to be questioned": ahead of the days told so far
            && !e.status.prospective()
            && !describes_a_state(words, e.trigger.0)
            && !anterior(words, e.trigger.0)
            && !after_being(words, e.trigger.0)
            && !own_day[ei]
            // "X, who was found guilty in the same case," describes, it does not narrate
            && !(e.clause.0 > 0 && matches!(words[e.clause.0 - 1], "who" | "which"))
        {
            e.date = Some(d);
            e.date_reason = "inherited";
        }
        // (a reduced relative's date is its own: "X, detained on 3 March, was released")
        if e.date_reason == "stated in the sentence"
            && e.date.is_some()
            && !reduced.iter().any(|r| r.0 <= e.trigger.0 && e.trigger.0 < r.1)
        {
            prev = e.date;
        }
    }
    // an undated event shares the stated date of another event of its clause
    // ("detained the three in dawn raids on 14 March")
    #[allow(clippy::type_complexity)]
    let stated: Vec<(
        (usize, usize),
        (usize, usize),
        Option<PartialDate>,
        Option<DateQualifier>,
        EventType,
    )> = found
        .iter()
        .enumerate()
        .filter(|(_, e)| e.date_reason == "stated in the sentence" && e.date.is_some())
        .map(|(_, e)| (e.trigger, e.clause, e.date, e.qualifier, e.event_type))
        .collect();
    for e in found.iter_mut() {
        let now = words[e.trigger.0.saturating_sub(2)..e.trigger.0]
            .iter()
            .any(|w| matches!(*w, "now" | "currently"));
        if e.date_reason == "stated in the sentence" || now {
            continue;
        }
        let adjunct = after_being(words, e.trigger.0);
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
                && (lo..hi).all(|k| matches!(words[k], "," | "and") || spans.iter().any(|x| x.0 <= k && k < x.1));
            hi.saturating_sub(lo) <= 16
                && (list || !spans.iter().any(|x| x.0 >= lo && x.1 <= hi && x.1 > x.0 && lo < hi))
        };
        if let Some((_, _, d, q, _)) = stated.iter().find(|(t, c, _, _, ty)| {
            *c == clause
                && near(t)
                && !inside_other(t.0, e.trigger.0)
                && !(adjunct && t.0 < e.trigger.0)
                && !second_predicate(words, (*t, *ty), (e.trigger, e.event_type))
        }) {
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

/// Reduced relative clauses between a subject and its verb, as word ranges
/// `[start, end)` from the participle to the closing comma: "X, detained on
/// 3 March, was released" gives the span of "detained on 3 March". Only a
/// participle in -ed (or a common irregular one) right after a comma and
/// followed by a preposition or a time word, closed by a comma before an
/// auxiliary or a verb in -ed, so that coordinated predicates ("detained X,
/// charged him with …") are not read as one.
pub(super) fn reduced_relative_spans(words: &[&str]) -> Vec<(usize, usize)> {
    const IRREGULAR: &[&str] = &[
        "held", "taken", "brought", "sent", "given", "put", "caught", "found", "seen",
    ];
    const AFTER: &[&str] = &[
        "on", "in", "at", "for", "over", "since", "last", "earlier", "by", "with", "without", "after", "during",
        "under",
    ];
    const VERB: &[&str] = &[
        "was", "were", "is", "are", "has", "have", "had", "will", "would", "remains", "remained", "faces", "faced",
    ];
    let mut out = Vec::new();
    for k in 1..words.len() {
        let w = words[k];
        if words[k - 1] != "," || !((w.ends_with("ed") && w.len() >= 4) || IRREGULAR.contains(&w)) {
            continue;
        }
        if !words.get(k + 1).is_some_and(|n| AFTER.contains(n)) {
            continue;
        }
        let Some(close) = (k + 2..words.len().min(k + 25)).find(|&j| matches!(words[j], "," | ";" | "—" | "–" | "."))
        else {
            continue;
        };
        if words[close] == ","
            && words
                .get(close + 1)
                .is_some_and(|n| VERB.contains(n) || n.ends_with("ed"))
        {
            out.push((k, close));
        }
    }
    out
}

/// The dates relative expressions count from: the last day-precise date
/// ("two days later") and the last date of any precision ("that year").
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Anchors {
    pub(super) day: Option<PartialDate>,
    pub(super) any: Option<PartialDate>,
}

/// Whether a date is the end of a term rather than when something happened:
/// "until April 4", "prolonged his custody … to September 18".
pub(super) fn is_end_date(words: &[&str], m: &DateMention) -> bool {
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

/// Whether the verb before a trigger is in the present tense, describing a state
/// rather than an event of the episode ("the three are accused of …", "she
/// remains barred from leaving"): such a statement takes no inherited date.
/// Whether the verb before a trigger is in the past perfect ("had been
/// convicted", "had recorded"): an event before the episode being told, which
/// neither takes the episode's date nor gives the paragraph its date.
pub(super) fn anterior(words: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && (ADVERBS.contains(&words[k - 1]) || words[k - 1] == "been") {
        k -= 1;
    }
    if k > 0 && words[k - 1] == "had" {
        return true;
    }
    // "time spent on remand": the time served before, a reduced relative on "time"
    if k > 0 && words[k - 1] == "time" && words[start] == "spent" {
        return true;
    }
    // "they had each spent ten months on remand before securing bail": a gerund adjunct of a
    // pluperfect verb lies before the story's time too
    k > 1
        && matches!(words[k - 1], "before" | "after")
        && words[start].ends_with("ing")
        && words[k.saturating_sub(14)..k - 1]
            .iter()
            .rev()
            .take_while(|w| !matches!(**w, "," | ";" | ":" | "." | "but"))
            .any(|w| *w == "had")
}

/// Whether a court act (`later`) is told as a second predicate, with its own
/// "and was"/"and were", after a police act (`earlier`): "were arrested by the
/// police on October 3 and were ordered to remain in custody". The two have
/// different agents, and the court acts on a day of its own, which the police
/// act's date does not give.
fn second_predicate(words: &[&str], earlier: ((usize, usize), EventType), later: ((usize, usize), EventType)) -> bool {
    let ((_, earlier_end), earlier_type) = earlier;
    let ((later_start, _), later_type) = later;
    earlier_end <= later_start
        && matches!(
            earlier_type,
            EventType::Detention | EventType::Search | EventType::Questioning
        )
        && matches!(
            later_type,
            EventType::PretrialDetention
                | EventType::HouseArrest
                | EventType::Hearing
                | EventType::Conviction
                | EventType::Sentence
                | EventType::Appeal
        )
        && words[earlier_end..later_start]
            .windows(2)
            .any(|w| w[0] == "and" && matches!(w[1], "was" | "were"))
}

/// Whether the trigger at `start` is the participle of a passive gerund
/// adjunct of time: "after being detained", "following his being charged",
/// "after having been questioned". The act came before the main verb's, by a
/// gap the sentence does not give, so it takes none of the main verb's date.
pub(super) fn after_being(words: &[&str], start: usize) -> bool {
    let mut k = start;
    while k > 0 && ADVERBS.contains(&words[k - 1]) && !matches!(words[k - 1], "being" | "been") {
        k -= 1;
    }
    if k < 2 || !matches!(words[k - 1], "being" | "been") {
        return false;
    }
    (k.saturating_sub(5)..k - 1).any(|j| matches!(words[j], "after" | "following"))
        && !words[k.saturating_sub(5)..k - 1]
            .iter()
            .any(|w| matches!(*w, "," | ";" | ":" | "and"))
}

pub(super) fn describes_a_state(words: &[&str], start: usize) -> bool {
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

/// A conviction and the sentence it carries are pronounced in one verdict: an
/// undated one of the pair takes the date of the other when they share a
/// subject ("X has been sentenced to nine years … The court on 14 December
/// convicted her"). Only occurred events, and only when the article dates that
/// verdict one way.
pub(super) fn date_verdicts_together(events: &mut [FoundEvent]) {
    let pair = |t: EventType| match t {
        EventType::Conviction => Some(EventType::Sentence),
        EventType::Sentence => Some(EventType::Conviction),
        _ => None,
    };
    let mut fills: Vec<(usize, PartialDate, Option<DateQualifier>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let Some(other) = pair(e.event_type) else { continue };
        let guessed = e.date_reason == REPORT_MONTH;
        if (e.date.is_some() && !guessed) || e.status.status != Status::Occurred {
            continue;
        }
        let mine = e.persons();
        let dates: Vec<(PartialDate, Option<DateQualifier>)> = events
            .iter()
            .filter(|o| {
                o.event_type == other
                    && o.status.status == Status::Occurred
                    && o.date.is_some()
                    // only a date the text states: an inherited one may be another episode's
                    && matches!(o.date_reason, "stated in the sentence" | "shared with the clause")
                    && o.persons().iter().any(|p| mine.contains(p))
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

/// The date reason of an undated present perfect in the lede: the report's month.
pub(super) const REPORT_MONTH: &str = "the report's month (the news told in the present perfect)";
