//! Article-level passes over the events the sentence stages found: a hearing that is the appeal's,
//! an implied act the article tells itself, an act the next sentence denies, and a retold detention or search that keeps the date the article states.

use super::*;

/// "The Supreme Court upheld the sentence … The hearing was held behind closed
/// doors": in a report whose court act is an appeal, "the hearing" told without
/// a date of its own is the appeal's hearing, not another event. Removed when
/// the article tells an appeal of the same person and no hearing of theirs
/// with a stated date.
pub(super) fn hearing_of_the_appeal(words: &[Vec<&str>], events: &mut Vec<FoundEvent>) {
    let appealed: std::collections::HashSet<usize> = events
        .iter()
        .filter(|e| e.event_type == EventType::Appeal && e.status.status == Status::Occurred)
        .flat_map(|e| e.persons())
        .collect();
    let dated_hearing: std::collections::HashSet<usize> = events
        .iter()
        .filter(|e| e.event_type == EventType::Hearing && e.date_reason == "stated in the sentence")
        .flat_map(|e| e.persons())
        .collect();
    events.retain(|e| {
        let ws = &words[e.sentence];
        let definite =
            e.trigger.0 < ws.len() && (ws[e.trigger.0] == "the" || (e.trigger.0 > 0 && ws[e.trigger.0 - 1] == "the"));
        !(e.event_type == EventType::Hearing
            && definite
            && e.date_reason != "stated in the sentence"
            && !e.persons().is_empty()
            && e.persons()
                .iter()
                .all(|p| appealed.contains(p) && !dated_hearing.contains(p)))
    });
}

/// Removes an implied act (rule `…+implied`: a conviction an appeal upheld, a
/// confession a retraction withdrew) when the article tells an act of the same
/// type for one of its subjects itself: the told one carries its date.
pub(super) fn drop_implied_told_elsewhere(events: &mut Vec<FoundEvent>) {
    let told: std::collections::HashSet<(EventType, usize)> = events
        .iter()
        .filter(|e| !e.rule.ends_with("+implied"))
        .flat_map(|e| {
            e.subjects.iter().filter_map(move |s| {
                if let SubjectRef::Person(p) = s {
                    Some((e.event_type, *p))
                } else {
                    None
                }
            })
        })
        .collect();
    events.retain(|e| {
        !e.rule.ends_with("+implied")
            || !e
                .subjects
                .iter()
                .any(|s| matches!(s, SubjectRef::Person(p) if told.contains(&(e.event_type, *p))))
    });
}

/// "A tabloid reported that the reporter had been arrested. The police denied
/// this." An event of a sentence that the next sentence denies by reference
/// ("denied this", "dismissed the reports") is `denied`.
pub(super) fn deny_what_the_next_sentence_denies(words: &[Vec<&str>], events: &mut [FoundEvent]) {
    let denies_previous = |ws: &[&str]| {
        ws.windows(3).any(|w| {
            matches!(
                w[0],
                "denied" | "denies" | "deny" | "dismissed" | "refuted" | "rejected"
            ) && (matches!(w[1], "this" | "it" | "that")
                || (w[1] == "the"
                    && matches!(
                        w[2],
                        "report"
                            | "reports"
                            | "claim"
                            | "claims"
                            | "allegation"
                            | "allegations"
                            | "rumour"
                            | "rumours"
                            | "rumor"
                            | "rumors"
                    )))
        })
    };
    for (si, ws) in words.iter().enumerate().skip(1) {
        if !denies_previous(ws) || events.iter().any(|e| e.sentence == si) {
            continue;
        }
        for e in events.iter_mut().filter(|e| e.sentence == si - 1) {
            if matches!(e.status.status, Status::Occurred | Status::Alleged) {
                e.status = StatusReason::decided(Status::Denied, "denied in the next sentence");
            }
        }
    }
}

/// "He has been held since last September … X, who denies the charges, was
/// arrested in the capital on suspicion of …": an arrest the article retells
/// without a date of its own is the one it dates elsewhere, not an act of the
/// paragraph's day. A detention or search whose date was only inherited
/// takes the stated date of the same act of one of its people when the
/// article states exactly one such date and it is earlier (an act cannot be
/// retold before it happened), unless its sentence tells a new act
/// ("again", "another", "second", "re-arrested"). So does one dated by a
/// month without its year ("in October"), read as the latest such month,
/// when the article dates the same act in that month of an earlier year.
pub(super) fn retold_acts_keep_their_date(words: &[Vec<&str>], events: &mut [FoundEvent]) {
    let stated: Vec<(EventType, Vec<usize>, PartialDate, Option<DateQualifier>)> = events
        .iter()
        .filter(|e| {
            matches!(e.event_type, EventType::Detention | EventType::Search)
                && e.status.status == Status::Occurred
                && e.date_reason == "stated in the sentence"
        })
        .filter_map(|e| e.date.map(|d| (e.event_type, e.persons(), d, e.qualifier)))
        .collect();
    for e in events.iter_mut() {
        let Some(own) = e.date else { continue };
        // "She was arrested in October last year. … Trang was arrested hours after … in October": a
        // month told without its year is the month of the same act the article dates with a year
        let bare_month = e.date_reason == "stated in the sentence"
            && own.precision() == casewatch_model::DatePrecision::Month
            && e.date_text
                .as_deref()
                .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit()) && !t.to_lowercase().contains("year"));
        if (e.date_reason != "inherited" && !bare_month)
            || e.status.status != Status::Occurred
            || !matches!(e.event_type, EventType::Detention | EventType::Search)
        {
            continue;
        }
        let new_act = words[e.sentence].iter().any(|w| {
            matches!(
                *w,
                "again" | "another" | "second" | "third" | "new" | "re-arrested" | "rearrested" | "re-detained"
            )
        });
        let people = e.persons();
        if new_act || people.is_empty() {
            continue;
        }
        let mut same: Vec<(PartialDate, Option<DateQualifier>)> = stated
            .iter()
            .filter(|(t, ps, _, _)| *t == e.event_type && ps.iter().any(|p| people.contains(p)))
            .map(|(_, _, d, q)| (*d, *q))
            .collect();
        if bare_month {
            same.retain(|(d, _)| d.month == own.month && d.year != own.year);
        }
        same.sort();
        same.dedup();
        if let [(d, q)] = same[..]
            && d < own
            && !d.compatible(&own)
        {
            e.date = Some(d);
            e.qualifier = q;
            e.date_reason = "the date the article states for the same act";
        }
    }
}
