//! French date expressions of one sentence, resolved against the publication
//! date: "le 14 mars", "14 mars 2024", "le 1er mars", "lundi 3 juin",
//! "14/03/2024", "lundi", "jeudi dernier", "en septembre 2023", "début mars"
//! (early), "fin 2023" (late), "mi-mars" (mid), "en 2024", "hier",
//! "avant-hier", "aujourd'hui", "il y a une semaine" / "trois jours" / "deux
//! mois". "jusqu'au 21 juillet" is a deadline and no
//! date of an event (it is skipped).
//!
//! A day and month without a year take the publication year, or the year
//! before when that would put them more than two months after the publication
//! ([`crate::ru::dates::year_for`], shared with the Russian pack); a weekday
//! is the last one on or before the publication ([`crate::ru::dates::last_weekday`]),
//! "dernier" moves a weekday equal to the publication's a week back.

use crate::dates::{DateMention, When};
use crate::ru::dates::{last_weekday, year_for};
use crate::segment::{Token, TokenKind};
use casewatch_model::{DateQualifier, PartialDate};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Month number of a French month name (lower-case, with or without accents).
pub fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "janvier" | "janv" => 1,
        "février" | "fevrier" | "févr" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "août" | "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "décembre" | "decembre" | "déc" => 12,
        _ => return None,
    })
}

/// The weekday of a French weekday name (lower-case).
pub fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "lundi" => Weekday::Mon,
        "mardi" => Weekday::Tue,
        "mercredi" => Weekday::Wed,
        "jeudi" => Weekday::Thu,
        "vendredi" => Weekday::Fri,
        "samedi" => Weekday::Sat,
        "dimanche" => Weekday::Sun,
        _ => return None,
    })
}

/// A day of the month: "14", "1er".
fn day_of(w: &str) -> Option<u32> {
    let w = w.strip_suffix("er").unwrap_or(w);
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year: four digits from 1900 to 2100.
fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    w.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// A numeric date "14/03/2024" or "14.03.2024" (day first).
fn numeric(w: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = w.split(['/', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    PartialDate::day(year_of(y)?, m.parse().ok()?, d.parse().ok()?)
}

/// Finds the date expressions of one sentence (tokens with elisions split).
/// Each is `When::Absolute`; its value is `None` when it needs the unknown
/// publication date.
pub fn find(tokens: &[Token], published: Option<NaiveDate>) -> Vec<DateMention> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(&words, tokens, i, published) {
            Some((m, end)) => {
                // "jusqu'au 21 juillet", "jusqu'en 2025": a deadline, not when the event happened
                let before = |n: usize| m.first.checked_sub(n).map_or("", |k| words[k]);
                let deadline = before(1).starts_with("jusqu'")
                    || (matches!(before(1), "au" | "à" | "en") && before(2) == "jusqu'");
                if !deadline {
                    out.push(m);
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A date expression starting at `i` (its qualifier included), with the index past it.
fn at(words: &[&str], tokens: &[Token], i: usize, published: Option<NaiveDate>) -> Option<(DateMention, usize)> {
    let mk = |first: usize, last: usize, v: Option<PartialDate>, q: Option<DateQualifier>| {
        (
            DateMention {
                first,
                last,
                when: When::Absolute(v),
                qualifier: q,
            },
            last,
        )
    };
    let w = words[i];
    let get = |k: usize| words.get(k).copied().unwrap_or("");
    // qualifiers: "début mars", "fin 2023", "mi-mars", "à la fin de mars", "vers le 10 mars"
    let (q, j) = match w {
        "début" => (
            Some(DateQualifier::Early),
            i + 1 + usize::from(matches!(get(i + 1), "de" | "d'")),
        ),
        "fin" => (
            Some(DateQualifier::Late),
            i + 1 + usize::from(matches!(get(i + 1), "de" | "d'")),
        ),
        "mi" if get(i + 1) == "-" => (Some(DateQualifier::Mid), i + 2),
        "vers" | "autour" => (
            Some(DateQualifier::Around),
            i + 1 + usize::from(matches!(get(i + 1), "le" | "du")),
        ),
        _ => (None, i),
    };
    // "mi-mars" is one token
    if let Some(rest) = w.strip_prefix("mi-")
        && let Some(m) = month_of(rest)
    {
        return month_expr(words, i, i + 1, m, Some(DateQualifier::Mid), published).map(|(d, e)| mk(i, e, d, None));
    }
    let w0 = get(j);
    // numeric "14/03/2024"
    if tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number)
        && let Some(d) = numeric(w0)
    {
        return Some(mk(i, j + 1, Some(d), q));
    }
    // [weekday] <day> <month> [<year>]: "14 mars 2024", "lundi 3 juin", "1er mars"
    let k = if weekday_of(w0).is_some() && day_of(get(j + 1)).is_some() {
        j + 1
    } else {
        j
    };
    if let Some(d) = day_of(get(k))
        && let Some(m) = month_of(get(k + 1))
    {
        if let Some(y) = year_of(get(k + 2)) {
            return Some(mk(i, k + 3, PartialDate::day(y, m, d), q));
        }
        let v = year_for(m, d, published, None).and_then(|y| PartialDate::day(y, m, d));
        return Some(mk(i, k + 2, v, q));
    }
    // <month> [<year>]: "septembre 2023", "en mars", "début mars"
    if let Some(m) = month_of(w0)
        && (q.is_some()
            || matches!(get(j.wrapping_sub(1)), "en" | "de" | "d'" | "depuis" | "mois")
            || year_of(get(j + 1)).is_some())
    {
        return month_expr(words, i, j + 1, m, q, published).map(|(d, e)| mk(i, e, d, q));
    }
    // a year: "en 2023", "fin 2023", "depuis 2022"
    if let Some(y) = year_of(w0)
        && (q.is_some() || matches!(get(j.wrapping_sub(1)), "en" | "depuis" | "début" | "fin"))
    {
        return Some(mk(i, j + 1, Some(PartialDate::year(y)), q));
    }
    if q.is_some() {
        return None;
    }
    // a weekday: "lundi", "jeudi dernier", "ce mardi", "mardi soir"
    if let Some(wd) = weekday_of(w) {
        let last = get(i + 1) == "dernier";
        let next = get(i + 1) == "prochain";
        let v = published.map(|p| {
            let d = last_weekday(p, wd);
            let d = if next {
                d + Duration::days(7)
            } else if last && d == p {
                d - Duration::days(7)
            } else {
                d
            };
            PartialDate::from_naive(d)
        });
        return Some(mk(i, i + 1 + usize::from(last || next), v, None));
    }
    let p = published;
    // "il y a une semaine", "il y a trois jours", "il y a deux mois"
    if w == "il" && get(i + 1) == "y" && get(i + 2) == "a" {
        let n = match get(i + 3) {
            "un" | "une" => Some(1),
            x => x.parse::<i64>().ok().or_else(|| {
                ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
                    .iter()
                    .position(|d| *d == x)
                    .map(|k| k as i64 + 2)
            }),
        };
        if let Some(n) = n.filter(|n| (1..=100).contains(n)) {
            let v = match get(i + 4) {
                "jour" | "jours" => Some(p.map(|p| PartialDate::from_naive(p - Duration::days(n)))),
                "semaine" | "semaines" => Some(p.map(|p| PartialDate::from_naive(p - Duration::days(7 * n)))),
                "mois" => Some(p.and_then(|p| {
                    let months = p.year() * 12 + p.month0() as i32 - n as i32;
                    PartialDate::month(months.div_euclid(12), months.rem_euclid(12) as u32 + 1)
                })),
                "an" | "ans" => Some(p.map(|p| PartialDate::year(p.year() - n as i32))),
                _ => None,
            };
            if let Some(v) = v {
                return Some(mk(i, i + 5, v, None));
            }
        }
    }
    match w {
        "hier" => Some(mk(
            i,
            i + 1,
            p.map(|p| PartialDate::from_naive(p - Duration::days(1))),
            None,
        )),
        "avant-hier" => Some(mk(
            i,
            i + 1,
            p.map(|p| PartialDate::from_naive(p - Duration::days(2))),
            None,
        )),
        "aujourd'hui" => Some(mk(i, i + 1, p.map(PartialDate::from_naive), None)),
        _ => None,
    }
}

/// A month expression whose month word ends at `end`: with a following year,
/// that year; else the publication year, or the year before when the month is
/// later than the publication's.
fn month_expr(
    words: &[&str],
    _first: usize,
    end: usize,
    m: u32,
    _q: Option<DateQualifier>,
    published: Option<NaiveDate>,
) -> Option<(Option<PartialDate>, usize)> {
    if let Some(y) = words.get(end).and_then(|w| year_of(w)) {
        return Some((PartialDate::month(y, m), end + 1));
    }
    let y = match published {
        Some(p) if m > p.month() => Some(p.year() - 1),
        Some(p) => Some(p.year()),
        None => None,
    };
    Some((y.and_then(|y| PartialDate::month(y, m)), end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    fn dates(text: &str) -> Vec<String> {
        let p = NaiveDate::from_ymd_opt(2024, 3, 15); // a Friday
        let toks = segment::tokenize(text, 0, text.len());
        find(&toks, p)
            .into_iter()
            .map(|m| match m.when {
                When::Absolute(Some(d)) => d.to_string(),
                _ => "?".into(),
            })
            .collect()
    }

    #[test]
    fn french_dates() {
        assert_eq!(dates("le 14 mars"), ["2024-03-14"]);
        assert_eq!(dates("le 1er mars 2023"), ["2023-03-01"]);
        assert_eq!(dates("le 20 décembre"), ["2023-12-20"]);
        assert_eq!(dates("lundi"), ["2024-03-11"]);
        assert_eq!(dates("vendredi dernier"), ["2024-03-08"]);
        assert_eq!(dates("jeudi dernier"), ["2024-03-14"]);
        assert_eq!(dates("en septembre 2023"), ["2023-09"]);
        assert_eq!(dates("en avril"), ["2023-04"]);
        assert_eq!(dates("en 2022"), ["2022"]);
        assert_eq!(dates("hier"), ["2024-03-14"]);
        assert_eq!(dates("il y a une semaine"), ["2024-03-08"]);
        assert_eq!(dates("il y a deux mois"), ["2024-01"]);
        assert_eq!(dates("le 12/02/2024"), ["2024-02-12"]);
        assert_eq!(dates("mardi 5 mars"), ["2024-03-05"]);
        assert!(dates("jusqu'au 21 juillet").is_empty());
        assert!(dates("il a dit mars").is_empty());
    }
}
