//! Date expressions: find them in a sentence's tokens and resolve them against
//! the publication date (taxonomy "Dates"). Relative expressions ("two days
//! later") are resolved by the caller against an anchor date.

use crate::segment::Token;
use casewatch_model::{DateQualifier, PartialDate};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// First token index (in the sentence).
    pub first: usize,
    /// One past the last token index.
    pub last: usize,
    /// What it says.
    pub when: When,
    /// Qualifier ("late" for "at the end of May").
    pub qualifier: Option<DateQualifier>,
}

/// The meaning of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Resolved (needs no anchor). `None` when the expression needs a publication date that is unknown.
    Absolute(Option<PartialDate>),
    /// N days after the anchor ("two days later", "the following day"; 0 = "the same day").
    DaysAfter(i64),
    /// N days before the anchor ("two days before").
    DaysBefore(i64),
    /// The anchor's month ("within days").
    AnchorMonth,
    /// A month of the anchor's year ("in April that year"); `None` = the year itself.
    InAnchorYear(Option<u32>),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Number words up to twelve, and "a"/"an" as one.
pub fn number_word(w: &str) -> Option<i64> {
    let n = match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fourteen" => 14,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return w.parse().ok(),
    };
    Some(n)
}

fn month_of(w: &str) -> Option<u32> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    MONTHS.iter().position(|m| *m == w).map(|i| i as u32 + 1)
}

fn month_of_cap(t: &Token) -> Option<u32> {
    // "may" the verb is not a month: require a capital letter
    if !t.is_capitalized() {
        return None;
    }
    month_of(t.lower.as_str()).or_else(|| {
        let w = t.lower.trim_end_matches('.');
        if t.lower.len() <= 4 && w != "may" {
            let w = if w == "sept" { "sep" } else { w };
            MONTH_ABBR.iter().position(|m| *m == w).map(|i| i as u32 + 1)
        } else {
            None
        }
    })
}

fn day_number(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    // a range of days in one token ("6-7", "28–29"): its first day
    let rest = match rest.strip_prefix(['-', '–']) {
        Some(second) if !second.is_empty() && second.len() <= 2 && second.bytes().all(|b| b.is_ascii_digit()) => "",
        _ => rest,
    };
    if digits.is_empty() || digits.len() > 2 || !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok().filter(|y| (1900..=2100).contains(y))
    } else {
        None
    }
}

fn weekday_of(w: &str) -> Option<Weekday> {
    let w = w.strip_suffix("'s").unwrap_or(w);
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
}

/// Whether the words before a date make it point forward from publication
/// ("until April 4", "set for 12 October", "by Friday", "next Tuesday").
fn forward_context(words: &[&str], first: usize) -> bool {
    let before = |k: usize| {
        if first >= k {
            words.get(first - k).copied()
        } else {
            None
        }
    };
    // "prolonged his custody by three months, to September 18" (the verb up to ten words
    // back, within the clause)
    let extended = before(1) == Some("to")
        && (2..=10)
            .map(before)
            .take_while(|w| w.is_some_and(|w| !matches!(w, "." | ";" | "and" | "but")))
            .any(|w| {
                matches!(
                    w,
                    Some("prolonged" | "extended" | "adjourned" | "postponed" | "remanded" | "moved")
                )
            });
    extended
        || matches!(before(1), Some("until" | "till" | "by" | "next" | "before" | "through"))
        || (matches!(before(1), Some("on" | "for"))
            && matches!(before(2), Some("scheduled" | "set" | "due" | "expected" | "will" | "planned")))
        // "adjourned for two weeks, to 1 July" counts forward; "adjourned on Monday" is the day it was adjourned
        || (before(1) == Some("for") && matches!(before(2), Some("adjourned" | "postponed")))
        || (before(1) == Some("for") && matches!(before(2), Some("set" | "scheduled" | "adjourned" | "postponed")))
        || matches!(before(2), Some("until" | "till"))
        // "the court will hear the appeal on March 24": a future tense in the date's own clause
        || (matches!(before(1), Some("on" | "in"))
            && (2..=7)
                .map(before)
                .take_while(|w| w.is_some_and(|w| !matches!(w, "," | "." | ";" | "that" | "who" | "which")))
                .any(|w| matches!(w, Some("will" | "shall"))))
        // "a verdict was to be delivered on May 9", "the trial is due to be held on 3 May": what is
        // (or was) to be done on a day is planned, so the day lies ahead
        || (1..=4).any(|k| {
            let pre = |j: usize| before(k + j);
            pre(1) == Some("be")
                && pre(2) == Some("to")
                && matches!(pre(3), Some("is" | "was" | "are" | "were" | "due"))
                && (1..k).all(|j| !matches!(before(j), Some("," | "." | ";" | "that" | "who" | "which")))
        })
        // "posted the pleas for hearing on Monday", "listed for a further hearing on 3 May": the day
        // a hearing is put down for lies ahead
        || (before(1) == Some("on")
            && matches!(before(2), Some("hearing" | "trial" | "arguments"))
            && (3..=5).find(|&k| before(k) == Some("for")).is_some_and(|f| {
                (3..f).all(|k| matches!(before(k), Some("a" | "the" | "next" | "further" | "final" | "its")))
            }))
}

/// Finds the date expressions of one sentence, resolved against `published`.
pub fn find(tokens: &[Token], published: Option<NaiveDate>) -> Vec<DateMention> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((m, next)) = match_at(tokens, &words, i, published) {
            // "the Terrorism Financing Act of 2012", "the Criminal Code of 1999": a year that names
            // a law is no date of an event
            let names_a_law = m.last == m.first + 1
                && m.first >= 2
                && words[m.first - 1] == "of"
                && tokens[m.first - 2].is_capitalized()
                && matches!(
                    words[m.first - 2],
                    "act" | "law" | "code" | "constitution" | "decree" | "ordinance" | "amendment" | "convention"
                );
            if !names_a_law {
                out.push(m);
            }
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn qualifier_before(words: &[&str], i: usize) -> (Option<DateQualifier>, usize) {
    // "at the end of", "at the beginning of", "in early", "late", "mid-"
    let w = |k: usize| if i >= k { words.get(i - k).copied() } else { None };
    if w(1) == Some("of") && w(2) == Some("end") && w(3) == Some("the") && w(4) == Some("at") {
        return (Some(DateQualifier::Late), i - 4);
    }
    if w(1) == Some("of") && matches!(w(2), Some("beginning" | "start")) && w(3) == Some("the") && w(4) == Some("at") {
        return (Some(DateQualifier::Early), i - 4);
    }
    if w(1) == Some("of") && w(2) == Some("middle") && w(3) == Some("the") {
        return (Some(DateQualifier::Mid), i - 3 - usize::from(w(4) == Some("in")));
    }
    match w(1) {
        Some("early") => (Some(DateQualifier::Early), i - 1 - usize::from(w(2) == Some("in"))),
        Some("late") => (Some(DateQualifier::Late), i - 1 - usize::from(w(2) == Some("in"))),
        Some("mid") => (Some(DateQualifier::Mid), i - 1 - usize::from(w(2) == Some("in"))),
        Some("around" | "about" | "approximately") => (Some(DateQualifier::Around), i - 1),
        _ => (None, i),
    }
}

/// "last year" / "this year" right after a month expression.
fn year_suffix(words: &[&str], j: usize, published: Option<NaiveDate>) -> Option<(i32, usize)> {
    let p = published?;
    match (words.get(j).copied(), words.get(j + 1).copied()) {
        (Some("last"), Some("year")) => Some((p.year() - 1, j + 2)),
        (Some("this"), Some("year")) => Some((p.year(), j + 2)),
        (Some("of"), Some("last")) if words.get(j + 2) == Some(&"year") => Some((p.year() - 1, j + 3)),
        _ => None,
    }
}

fn resolve_month_day(published: Option<NaiveDate>, month: u32, day: Option<u32>, forward: bool) -> Option<PartialDate> {
    let p = published?;
    let candidate = |y: i32| match day {
        Some(d) => PartialDate::day(y, month, d),
        None => PartialDate::month(y, month),
    };
    let this = candidate(p.year())?;
    let pub_pd = PartialDate::from_naive(p);
    let after_pub = if day.is_some() {
        this > pub_pd
    } else {
        month > p.month()
    };
    let before_pub = if day.is_some() {
        this < pub_pd
    } else {
        month < p.month()
    };
    if forward {
        if before_pub {
            candidate(p.year() + 1)
        } else {
            Some(this)
        }
    } else if after_pub {
        candidate(p.year() - 1)
    } else {
        Some(this)
    }
}

fn match_at(tokens: &[Token], words: &[&str], i: usize, published: Option<NaiveDate>) -> Option<(DateMention, usize)> {
    let w = words[i];
    let mk = |first: usize, last: usize, when: When, q: Option<DateQualifier>| DateMention {
        first,
        last,
        when,
        qualifier: q,
    };
    // <day> <Month> [<year>]
    if let Some(d) = day_number(w)
        && let Some(m) = tokens.get(i + 1).and_then(month_of_cap)
    {
        let (q, first) = qualifier_before(words, i);
        if let Some(y) = words.get(i + 2).and_then(|w| year_number(w)) {
            return Some((mk(first, i + 3, When::Absolute(PartialDate::day(y, m, d)), q), i + 3));
        }
        if let Some((y, end)) = year_suffix(words, i + 2, published) {
            return Some((mk(first, end, When::Absolute(PartialDate::day(y, m, d)), q), end));
        }
        let fwd = forward_context(words, first);
        return Some((
            mk(
                first,
                i + 2,
                When::Absolute(resolve_month_day(published, m, Some(d), fwd)),
                q,
            ),
            i + 2,
        ));
    }
    // "mid-May", "mid-2024": one token with the qualifier in it
    if let Some(rest) = w.strip_prefix("mid-") {
        let q = Some(DateQualifier::Mid);
        if let Some(m) = month_of(rest) {
            let (year, end) = match words.get(i + 1).and_then(|y| year_number(y)) {
                Some(y) => (Some(y), i + 2),
                None => (None, i + 1),
            };
            let v = match year {
                Some(y) => PartialDate::month(y, m),
                None => resolve_month_day(published, m, None, forward_context(words, i)),
            };
            return Some((mk(i, end, When::Absolute(v), q), end));
        }
        if let Some(y) = year_number(rest) {
            return Some((mk(i, i + 1, When::Absolute(Some(PartialDate::year(y))), q), i + 1));
        }
    }
    // <Month> <day>[–<day>][,] [<year>] | <Month> <year> | <Month>
    if let Some(m) = month_of_cap(&tokens[i]) {
        // "May" as a modal verb: "she may not", require a preposition or day/year around it
        let (q, first) = qualifier_before(words, i);
        let mut j = i + 1;
        // "Dec. 14", "Feb. 7, 2020": an abbreviated month with its full stop
        if words.get(j) == Some(&".") && month_of(tokens[i].lower.as_str()).is_none() {
            j += 1;
        }
        let day = words.get(j).and_then(|w| day_number(w));
        if day.is_some() {
            j += 1;
            // range "28–29" or "28-29": keep the first day
            if matches!(words.get(j), Some(&"–" | &"-" | &"—"))
                && words.get(j + 1).and_then(|w| day_number(w)).is_some()
            {
                j += 2;
            }
        }
        let mut k = j;
        if words.get(k) == Some(&",") {
            k += 1;
        }
        if let Some(y) = words.get(k).and_then(|w| year_number(w)) {
            let v = match day {
                Some(d) => PartialDate::day(y, m, d),
                None => PartialDate::month(y, m),
            };
            return Some((mk(first, k + 1, When::Absolute(v), q), k + 1));
        }
        if words.get(j) == Some(&"that") && words.get(j + 1) == Some(&"year") && day.is_none() {
            return Some((mk(first, j + 2, When::InAnchorYear(Some(m)), q), j + 2));
        }
        if let Some((y, end)) = year_suffix(words, j, published) {
            let v = match day {
                Some(d) => PartialDate::day(y, m, d),
                None => PartialDate::month(y, m),
            };
            return Some((mk(first, end, When::Absolute(v), q), end));
        }
        let prep = i > 0
            && matches!(
                words[i - 1],
                "in" | "since"
                    | "from"
                    | "until"
                    | "till"
                    | "by"
                    | "of"
                    | "during"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "through"
                    | "before"
                    | "after"
            );
        if day.is_none() && !prep && first == i {
            return None;
        }
        if m == 5 && day.is_none() && !prep && q.is_none() {
            return None;
        }
        let fwd = forward_context(words, first);
        return Some((
            mk(first, j, When::Absolute(resolve_month_day(published, m, day, fwd)), q),
            j,
        ));
    }
    // in/since <year>, in early 2024, in the spring of 2022
    if let Some(y) = year_number(w) {
        let (q, first) = qualifier_before(words, i);
        let prev = if first > 0 { words[first - 1] } else { "" };
        let prep = matches!(
            prev,
            "in" | "since"
                | "from"
                | "until"
                | "by"
                | "of"
                | "during"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "around"
        );
        if prep || q.is_some() {
            return Some((mk(first, i + 1, When::Absolute(Some(PartialDate::year(y))), q), i + 1));
        }
        return None;
    }
    // weekdays: "on Tuesday", "late on Monday", "Monday's hearing", "last Wednesday"
    if let Some(wd) = weekday_of(w)
        && tokens[i].is_capitalized()
    {
        let mut first = i;
        if i > 0 && matches!(words[i - 1], "on" | "last" | "this" | "next" | "by" | "until") {
            first = i - 1;
        }
        if first > 0 && matches!(words[first - 1], "late" | "early") {
            first -= 1;
        }
        let fwd = forward_context(words, i) || (i > 0 && words[i - 1] == "next");
        let v = published.map(|p| {
            let diff = (p.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64).rem_euclid(7);
            let d = if fwd {
                let ahead =
                    (wd.num_days_from_monday() as i64 - p.weekday().num_days_from_monday() as i64).rem_euclid(7);
                p + Duration::days(ahead)
            } else if i > 0 && words[i - 1] == "last" && diff == 0 {
                p - Duration::days(7)
            } else {
                p - Duration::days(diff)
            };
            PartialDate::from_naive(d)
        });
        return Some((mk(first, i + 1, When::Absolute(v), None), i + 1));
    }
    // relative to publication
    let next = words.get(i + 1).copied();
    // "today's ruling", "yesterday's hearing": the possessive dates what it modifies
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .filter(|d| matches!(*d, "today" | "yesterday"))
        .unwrap_or(w);
    match (w, next) {
        ("yesterday", _) => {
            return Some((
                mk(
                    i,
                    i + 1,
                    When::Absolute(published.map(|p| PartialDate::from_naive(p - Duration::days(1)))),
                    None,
                ),
                i + 1,
            ));
        }
        ("today", _) => {
            return Some((
                mk(i, i + 1, When::Absolute(published.map(PartialDate::from_naive)), None),
                i + 1,
            ));
        }
        // "this morning", "this afternoon": the day of the report
        ("this", Some("morning" | "afternoon" | "evening")) => {
            return Some((
                mk(i, i + 2, When::Absolute(published.map(PartialDate::from_naive)), None),
                i + 2,
            ));
        }
        ("last", Some("week")) => {
            let v = published.and_then(|p| {
                let d = p - Duration::days(7);
                PartialDate::month(d.year(), d.month())
            });
            return Some((mk(i, i + 2, When::Absolute(v), None), i + 2));
        }
        ("this", Some("week")) | ("this", Some("month")) => {
            let v = published.and_then(|p| PartialDate::month(p.year(), p.month()));
            return Some((mk(i, i + 2, When::Absolute(v), None), i + 2));
        }
        ("last", Some("month")) => {
            let v = published.and_then(|p| {
                let (y, m) = if p.month() == 1 {
                    (p.year() - 1, 12)
                } else {
                    (p.year(), p.month() - 1)
                };
                PartialDate::month(y, m)
            });
            return Some((mk(i, i + 2, When::Absolute(v), None), i + 2));
        }
        ("last", Some("year")) => {
            let (q, first) = qualifier_before(words, i);
            return Some((
                mk(
                    first,
                    i + 2,
                    When::Absolute(published.map(|p| PartialDate::year(p.year() - 1))),
                    q,
                ),
                i + 2,
            ));
        }
        ("this", Some("year")) => {
            let (q, first) = qualifier_before(words, i);
            let first = if first > 0 && words[first - 1] == "earlier" {
                first - 1
            } else {
                first
            };
            return Some((
                mk(
                    first,
                    i + 2,
                    When::Absolute(published.map(|p| PartialDate::year(p.year()))),
                    q,
                ),
                i + 2,
            ));
        }
        _ => {}
    }
    // relative to an anchor: "the following day", "the next day", "the same day",
    // "a day later", "two days later", "three days before", "within days"
    if w == "the"
        && matches!(next, Some("following" | "next" | "same"))
        && matches!(
            words.get(i + 2),
            Some(&("day" | "evening" | "morning" | "night" | "afternoon"))
        )
    {
        let n = if next == Some("same") { 0 } else { 1 };
        return Some((mk(i, i + 3, When::DaysAfter(n), None), i + 3));
    }
    if (w == "that" && matches!(next, Some("day" | "evening" | "morning" | "night" | "afternoon")))
        || (w == "same" && next == Some("day"))
    {
        return Some((mk(i, i + 2, When::DaysAfter(0), None), i + 2));
    }
    if w == "within" && next == Some("days") {
        return Some((mk(i, i + 2, When::AnchorMonth, None), i + 2));
    }
    // "two weeks later", "a week before"
    if let Some(n) = number_word(w)
        && matches!(next, Some("week" | "weeks"))
    {
        match words.get(i + 2).copied() {
            Some("later") => return Some((mk(i, i + 3, When::DaysAfter(7 * n), None), i + 3)),
            Some("before" | "earlier") => return Some((mk(i, i + 3, When::DaysBefore(7 * n), None), i + 3)),
            _ => {}
        }
    }
    if let Some(n) = number_word(w)
        && matches!(next, Some("day" | "days"))
    {
        match words.get(i + 2).copied() {
            Some("later") => return Some((mk(i, i + 3, When::DaysAfter(n), None), i + 3)),
            // "a day after the president signed …": what follows happened N days before the anchor
            Some("after") => return Some((mk(i, i + 3, When::DaysBefore(n), None), i + 3)),
            Some("before" | "earlier") => return Some((mk(i, i + 3, When::DaysBefore(n), None), i + 3)),
            _ => {}
        }
    }
    None
}

/// Resolves a mention against an anchor date (the last date of the episode).
pub fn resolve(when: When, anchor: Option<PartialDate>) -> Option<PartialDate> {
    match when {
        When::Absolute(v) => v,
        When::DaysAfter(n) | When::DaysBefore(n) => {
            let a = anchor?;
            let Some(d) = a.to_naive() else { return Some(a) };
            let d = if matches!(when, When::DaysAfter(_)) {
                d + Duration::days(n)
            } else {
                d - Duration::days(n)
            };
            Some(PartialDate::from_naive(d))
        }
        When::AnchorMonth => {
            let a = anchor?;
            PartialDate::month(a.year, a.month?)
        }
        When::InAnchorYear(m) => {
            let a = anchor?;
            match m {
                Some(m) => PartialDate::month(a.year, m),
                None => Some(PartialDate::year(a.year)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;

    fn dates(text: &str, published: &str) -> Vec<(String, Option<String>, Option<DateQualifier>)> {
        let toks = tokenize(text, 0, text.len());
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        find(&toks, p)
            .into_iter()
            .map(|m| {
                let words = toks[m.first..m.last]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    words,
                    resolve(m.when, PartialDate::day(2025, 2, 4)).map(|d| d.to_string()),
                    m.qualifier,
                )
            })
            .collect()
    }

    #[test]
    fn absolute_and_partial_dates() {
        let d = dates(
            "They were detained on 14 March and remanded on May 28, 2024, then in November 2023.",
            "2025-09-18",
        );
        assert_eq!(d[0].1.as_deref(), Some("2025-03-14"));
        assert_eq!(d[1].1.as_deref(), Some("2024-05-28"));
        assert_eq!(d[2].1.as_deref(), Some("2023-11"));
        let d = dates("He was detained at the end of May.", "2025-09-17");
        assert_eq!(
            d[0],
            (
                "at the end of May".into(),
                Some("2025-05".into()),
                Some(DateQualifier::Late)
            )
        );
        let d = dates("She was detained on December 28.", "2024-02-13");
        assert_eq!(d[0].1.as_deref(), Some("2023-12-28"));
        let d = dates("The next hearing is set for 12 October.", "2023-06-16");
        assert_eq!(d[0].1.as_deref(), Some("2023-10-12"));
        let d = dates("Blocked since 2021 and in early 2024.", "2025-01-01");
        assert_eq!(d[0].1.as_deref(), Some("2021"));
        assert_eq!(d[1].2, Some(DateQualifier::Early));
        let d = dates("She may not leave; detained on May 28–29.", "2025-09-18");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1.as_deref(), Some("2025-05-28"));
    }

    #[test]
    fn weekdays_and_relative() {
        // 2025-02-06 is a Thursday
        let d = dates(
            "Police detained him on Tuesday and searched the office on Wednesday morning.",
            "2025-02-06",
        );
        assert_eq!(d[0].1.as_deref(), Some("2025-02-04"));
        assert_eq!(d[1].1.as_deref(), Some("2025-02-05"));
        let d = dates("The court will rule by Friday.", "2025-02-06");
        assert_eq!(d[0].1.as_deref(), Some("2025-02-07"));
        let d = dates("He was detained last week.", "2024-10-17");
        assert_eq!(d[0].1.as_deref(), Some("2024-10"));
        let d = dates(
            "She was released two days later, and the office was searched the following day.",
            "2025-02-06",
        );
        assert_eq!(d[0].1.as_deref(), Some("2025-02-06"));
        assert_eq!(d[1].1.as_deref(), Some("2025-02-05"));
        let d = dates("In April last year the site was blocked.", "2023-03-25");
        assert_eq!(d[0].1.as_deref(), Some("2022-04"));
        let d = dates("In December, the court jailed him.", "2025-05-29");
        assert_eq!(d[0].1.as_deref(), Some("2024-12"));
        // an extension's end lies ahead, however far back in the clause its verb is
        let d = dates(
            "The court prolonged his custody by three months, to September 18, and rejected bail.",
            "2025-06-19",
        );
        assert_eq!(d[0].1.as_deref(), Some("2025-09-18"));
        let d = dates(
            "He was moved to a colony in the east, to the city of Orsk, on September 18.",
            "2025-06-19",
        );
        assert_eq!(d[0].1.as_deref(), Some("2024-09-18"));
    }

    #[test]
    fn unknown_publication_date_gives_none() {
        let d = dates("He was detained on Tuesday.", "");
        assert_eq!(d[0].1, None);
    }
}
