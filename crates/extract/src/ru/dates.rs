//! Russian date expressions of one sentence, resolved against the publication
//! date: "28 мая", "28 мая 2025 года", "28–29 мая" (the first day), "28.05.2025",
//! "в мае 2025 года", "в 2024 году", "в конце мая" (late), "в начале 2024 года"
//! (early), "во вторник", "вчера", "в прошлом году", ordinal days in words
//! ("двадцать восьмого мая"), "через два дня" / "спустя три дня" (relative to
//! the sentence's or the last stated day), and "до 21 июля" (a deadline: the
//! detail of a custody order, never the event's date).
//!
//! A day and month without a year take the publication year, or the year
//! before when that would put them after the publication (taxonomy, "Dates").

use super::morph::Word;
use casewatch_model::{DateQualifier, PartialDate};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What a date expression says.
#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// A resolved date.
    Fixed(PartialDate),
    /// N days after the date before it ("через два дня").
    DaysAfter(i64),
}

/// One date expression in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    /// Word range `[start, end)`.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The value.
    pub value: DateValue,
    /// Qualifier ("в конце" → late).
    pub qualifier: Option<DateQualifier>,
    /// Whether it is a deadline ("до 21 июля"): detail, not the event's date.
    pub until: bool,
    /// The words it was read from.
    pub text: String,
}

/// Month number of a month lemma ("мая" → "май" → 5).
pub fn month_of(lemma: &str) -> Option<u32> {
    Some(match lemma {
        "январь" => 1,
        "февраль" => 2,
        "март" => 3,
        "апрель" => 4,
        "май" => 5,
        "июнь" => 6,
        "июль" => 7,
        "август" => 8,
        "сентябрь" => 9,
        "октябрь" => 10,
        "ноябрь" => 11,
        "декабрь" => 12,
        _ => return None,
    })
}

fn month_word(w: &Word) -> Option<u32> {
    month_of(&w.lemma).or_else(|| w.readings.iter().find_map(|r| month_of(&r.lemma)))
}

fn weekday_of(lemma: &str) -> Option<Weekday> {
    Some(match lemma {
        "понедельник" => Weekday::Mon,
        "вторник" => Weekday::Tue,
        "среда" => Weekday::Wed,
        "четверг" => Weekday::Thu,
        "пятница" => Weekday::Fri,
        "суббота" => Weekday::Sat,
        "воскресенье" => Weekday::Sun,
        _ => return None,
    })
}

/// Cardinal or ordinal numerals in words (lemmas), 1–31, and tens.
fn number_word(lemma: &str) -> Option<u32> {
    const UNITS: [(&str, &str); 9] = [
        ("один", "первый"),
        ("два", "второй"),
        ("три", "третий"),
        ("четыре", "четвёртый"),
        ("пять", "пятый"),
        ("шесть", "шестой"),
        ("семь", "седьмой"),
        ("восемь", "восьмой"),
        ("девять", "девятый"),
    ];
    for (i, (card, ord)) in UNITS.iter().enumerate() {
        if lemma == *card || lemma == *ord || (lemma == "четвертый" && i == 3) {
            return Some(i as u32 + 1);
        }
    }
    Some(match lemma {
        "десять" | "десятый" => 10,
        "одиннадцать" | "одиннадцатый" => 11,
        "двенадцать" | "двенадцатый" => 12,
        "тринадцать" | "тринадцатый" => 13,
        "четырнадцать" | "четырнадцатый" => 14,
        "пятнадцать" | "пятнадцатый" => 15,
        "шестнадцать" | "шестнадцатый" => 16,
        "семнадцать" | "семнадцатый" => 17,
        "восемнадцать" | "восемнадцатый" => 18,
        "девятнадцать" | "девятнадцатый" => 19,
        "двадцать" | "двадцатый" => 20,
        "тридцать" | "тридцатый" => 30,
        "несколько" => return None,
        _ => return None,
    })
}

fn num_of(w: &Word) -> Option<u32> {
    if w.tok.kind == crate::segment::TokenKind::Number {
        return w.tok.text.parse().ok();
    }
    number_word(&w.lemma).or_else(|| w.readings.iter().find_map(|r| number_word(&r.lemma)))
}

/// A number written in words or digits starting at `i`: "двадцать восьмого" → (28, 2 words).
fn number_at(words: &[Word], i: usize) -> Option<(u32, usize)> {
    let n = num_of(words.get(i)?)?;
    if (n == 20 || n == 30)
        && words
            .get(i + 1)
            .is_some_and(|w| w.tok.kind != crate::segment::TokenKind::Number)
        && let Some(u) = words.get(i + 1).and_then(num_of).filter(|u| *u < 10)
    {
        return Some((n + u, 2));
    }
    Some((n, 1))
}

fn is_year_word(w: Option<&Word>) -> bool {
    w.is_some_and(|w| w.lemma.as_ref() == "год" || w.tok.lower == "г" || w.tok.lower == "гг")
}

/// The latest year an article states ("в 2024 году", "2025 г."), for articles without a date.
pub fn latest_year(words: &[Vec<Word>]) -> Option<i32> {
    words
        .iter()
        .flat_map(|ws| {
            (0..ws.len())
                .filter(|&k| is_year_word(ws.get(k + 1)))
                .filter_map(move |k| year_of(&ws[k]))
        })
        .max()
}

fn year_of(w: &Word) -> Option<i32> {
    if w.tok.kind != crate::segment::TokenKind::Number || w.tok.text.len() != 4 {
        return None;
    }
    w.tok.text.parse().ok().filter(|y| (1900..=2100).contains(y))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<PartialDate> {
    PartialDate::day(y, m, d)
}

/// A day and month without a year: the publication year, or the year before
/// if that would lie more than two months after the publication (within two
/// months it is an announced date: "приговор вынесут 15 апреля").
pub(crate) fn year_for(month: u32, day: u32, published: Option<NaiveDate>, year_hint: Option<i32>) -> Option<i32> {
    let Some(p) = published else { return year_hint };
    let y = p.year();
    match NaiveDate::from_ymd_opt(y, month, day.max(1)) {
        Some(d) if d > p + Duration::days(62) => Some(y - 1),
        _ => Some(y),
    }
}

/// The last `wd` on or before `p` (the publication date): a weekday named
/// without a date in a report is the one of its week (shared with the French pack).
pub(crate) fn last_weekday(p: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    p - Duration::days(i64::from(back))
}

/// Finds the date expressions of one sentence. `year_hint` stands in for the
/// publication year when the article has no date (the latest year it states:
/// a report is not older than the years it names).
pub fn find(words: &[Word], published: Option<NaiveDate>, year_hint: Option<i32>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    let lemma = |k: usize| words.get(k).map_or("", |w| w.lemma.as_ref());
    let lower = |k: usize| words.get(k).map_or("", |w| w.tok.lower.as_str());
    while i < words.len() {
        let start0 = i;
        // qualifiers and "до"
        let mut qualifier = None;
        let mut until = false;
        let mut j = i;
        if matches!(lower(j), "в" | "во") && matches!(lemma(j + 1), "начало" | "середина" | "конец")
        {
            qualifier = Some(match lemma(j + 1) {
                "начало" => DateQualifier::Early,
                "середина" => DateQualifier::Mid,
                _ => DateQualifier::Late,
            });
            j += 2;
        } else if matches!(lower(j), "до") {
            until = true;
            j += 1;
        } else if matches!(lower(j), "после") {
            qualifier = Some(DateQualifier::After);
            j += 1;
        } else if matches!(lower(j), "около" | "примерно") {
            qualifier = Some(DateQualifier::Around);
            j += 1;
        } else if matches!(lower(j), "с" | "со" | "в" | "во" | "на") {
            j += 1;
        }
        if let Some((mut value, end)) = expression(words, j, published, year_hint) {
            // a deadline lies ahead: a day and month without a year take the publication year
            if until && let (DateValue::Fixed(d), Some(p)) = (&mut value, published) {
                let has_year = words[j..end].iter().any(|w| year_of(w).is_some());
                if !has_year && d.year < p.year() {
                    d.year = p.year();
                }
            }
            let text_start = if j > start0 { start0 } else { j };
            let text = words[text_start..end]
                .iter()
                .map(|w| w.tok.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(DateExpr {
                start: text_start,
                end,
                value,
                qualifier,
                until,
                text,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// One expression at `j` (after any preposition or qualifier): value and end.
fn expression(
    words: &[Word],
    j: usize,
    published: Option<NaiveDate>,
    year_hint: Option<i32>,
) -> Option<(DateValue, usize)> {
    let w = words.get(j)?;
    let lemma = |k: usize| words.get(k).map_or("", |w| w.lemma.as_ref());
    // dd.mm.yyyy
    if w.tok.kind == crate::segment::TokenKind::Number {
        let parts: Vec<&str> = w.tok.text.split('.').collect();
        if parts.len() == 3 && parts[2].len() == 4 {
            let (d, m, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
            return ymd(y, m, d).map(|p| (DateValue::Fixed(p), j + 1));
        }
    }
    // day [– day] month [year]
    if let Some((day, n)) = number_at(words, j) {
        let mut k = j + n;
        // a range: "28–29 мая", "28 и 29 мая", "с 28 по 30 мая"
        if words
            .get(k)
            .is_some_and(|w| matches!(w.tok.text.as_str(), "-" | "–" | "—" | "и" | "по"))
            && words.get(k + 1).and_then(num_of).is_some()
        {
            k += 2;
        }
        if (1..=31).contains(&day)
            && let Some(m) = words.get(k).and_then(month_word)
        {
            let mut end = k + 1;
            let year = match words.get(end).and_then(year_of) {
                Some(y) => {
                    end += 1;
                    if is_year_word(words.get(end)) {
                        end += 1;
                        if words.get(end).is_some_and(|w| w.tok.text == ".")
                            && words.get(end - 1).is_some_and(|w| w.tok.lower == "г")
                        {
                            end += 1;
                        }
                    }
                    Some(y)
                }
                None => year_for(m, day, published, year_hint),
            };
            return match year {
                Some(y) => ymd(y, m, day).map(|p| (DateValue::Fixed(p), end)),
                None => None,
            };
        }
        // "через два дня", "спустя три дня", "два дня спустя"
        if matches!(lemma(j + n), "день" | "сутки") && j > 0 {
            let before = lemma(j - 1);
            if matches!(before, "через" | "спустя") {
                return Some((DateValue::DaysAfter(i64::from(day)), j + n + 1));
            }
            if lemma(j + n + 1) == "спустя" {
                return Some((DateValue::DaysAfter(i64::from(day)), j + n + 2));
            }
        }
    }
    // "через день", "на следующий день"
    if lemma(j) == "следующий" && lemma(j + 1) == "день" {
        return Some((DateValue::DaysAfter(1), j + 2));
    }
    // month [year]
    if let Some(m) = month_word(w) {
        if let Some(y) = words.get(j + 1).and_then(year_of) {
            let end = if is_year_word(words.get(j + 2)) { j + 3 } else { j + 2 };
            return Some((DateValue::Fixed(PartialDate::month(y, m)?), end));
        }
        let y = year_for(m, 1, published, year_hint)?;
        return Some((DateValue::Fixed(PartialDate::month(y, m)?), j + 1));
    }
    // year: "2024 года", "в 2024 году", "2024 г."
    if let Some(y) = year_of(w)
        && is_year_word(words.get(j + 1))
    {
        return Some((DateValue::Fixed(PartialDate::year(y)), j + 2));
    }
    let p = published?;
    // weekdays: the last such day on or before publication
    if let Some(wd) = weekday_of(&w.lemma) {
        return Some((DateValue::Fixed(PartialDate::from_naive(last_weekday(p, wd))), j + 1));
    }
    match w.lemma.as_ref() {
        "вчера" => return Some((DateValue::Fixed(PartialDate::from_naive(p - Duration::days(1))), j + 1)),
        "позавчера" => return Some((DateValue::Fixed(PartialDate::from_naive(p - Duration::days(2))), j + 1)),
        "сегодня" => return Some((DateValue::Fixed(PartialDate::from_naive(p)), j + 1)),
        _ => {}
    }
    // "в прошлом году", "в этом году", "в прошлом месяце"
    let is = |k: usize, set: &[&str]| {
        words
            .get(k)
            .is_some_and(|w| set.iter().any(|l| w.has_lemma(l) || w.tok.lower == *l))
    };
    const PAST: &[&str] = &["прошлый", "прошедший", "минувший", "прошлом", "прошлого"];
    if is(j, PAST) || is(j, &["этот", "текущий", "нынешний", "этом"]) {
        let back = i32::from(is(j, PAST));
        let unit = if is(j + 1, &["год"]) {
            "год"
        } else if is(j + 1, &["месяц"]) {
            "месяц"
        } else {
            ""
        };
        match unit {
            "год" => return Some((DateValue::Fixed(PartialDate::year(p.year() - back)), j + 2)),
            "месяц" => {
                let (y, m) = if back == 1 {
                    if p.month() == 1 {
                        (p.year() - 1, 12)
                    } else {
                        (p.year(), p.month() - 1)
                    }
                } else {
                    (p.year(), p.month())
                };
                return Some((DateValue::Fixed(PartialDate::month(y, m)?), j + 2));
            }
            _ => {}
        }
    }
    None
}

/// The year a narrative is told in: "В начале марта 2022 года она уехала.
/// Ее арестовали в конце апреля." A day or month without a year, in the
/// sentence right after one that states an earlier year explicitly (or later
/// in that same sentence), and not before that stated month, continues the
/// narrative's year rather than the publication's; one before that month, in
/// the next sentence, is the narrative's next year when that is still before
/// the publication's ("В ноябре 2022 года её перевели под домашний арест. В
/// конце января её снова отправили в СИЗО": January 2023) — unless it lies
/// within the 62 days before publication (what a report dates without a year
/// that close is its own news: "4 декабря Мосгорсуд…"). `exprs` is indexed
/// by sentence, as [`find`] returns them; rewrites those expressions in place.
pub fn continue_narrative_year(words: &[Vec<Word>], exprs: &mut [Vec<DateExpr>], published: Option<NaiveDate>) {
    let Some(p) = published else { return };
    // (year, month) of the last expression with an explicit year, and its sentence
    let mut anchor: Option<(i32, u32, usize)> = None;
    for (si, sentence) in exprs.iter_mut().enumerate() {
        for e in sentence.iter_mut() {
            let explicit = words[si][e.start..e.end].iter().any(|w| year_of(w).is_some());
            let DateValue::Fixed(d) = &mut e.value else { continue };
            if explicit {
                anchor = Some((d.year, d.month.unwrap_or(1), si));
                continue;
            }
            let Some((y, m, asi)) = anchor else { continue };
            let Some(month) = d.month else { continue };
            let recent = NaiveDate::from_ymd_opt(d.year, month, d.day.unwrap_or(1))
                .is_some_and(|own| own <= p && p - own <= Duration::days(62));
            if e.until || !(si == asi || si == asi + 1) || y >= d.year || recent {
                continue;
            }
            if month >= m {
                d.year = y;
            } else if si == asi + 1 && y + 1 < d.year {
                d.year = y + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_numbers() {
        assert_eq!(month_of("май"), Some(5));
        assert_eq!(number_word("восьмой"), Some(8));
        assert_eq!(number_word("двадцать"), Some(20));
        assert_eq!(year_for(12, 1, NaiveDate::from_ymd_opt(2025, 3, 1), None), Some(2024));
        assert_eq!(year_for(2, 1, NaiveDate::from_ymd_opt(2025, 3, 1), None), Some(2025));
        assert_eq!(year_for(4, 15, NaiveDate::from_ymd_opt(2025, 3, 1), None), Some(2025));
        assert_eq!(year_for(2, 1, None, Some(2023)), Some(2023));
    }
}
