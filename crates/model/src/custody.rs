//! Where each defendant of a case stands now: the current status derived from
//! the timeline (in custody, under house arrest, travel ban, sentenced and
//! serving, released, convicted in absentia, acquitted, charges pending,
//! unknown), the date it began, its term and end when known, the entry that
//! established it, and the date of the latest source ("as of").
//!
//! The rule, in short: a defendant's entries that are stated as fact
//! (`occurred`) and not rejected by a reviewer are read oldest first (entries
//! of one day in procedural order: charge, detention, pre-trial measure,
//! conviction, sentence, acquittal, release, pardon); each custodial act,
//! measure, verdict or release moves the status; other procedural acts
//! (charge, questioning, search, hearing, appeal, …) only turn `unknown`
//! into `charges pending`. Undated entries are read only when the dated ones
//! say nothing. This is what prison censuses count (CPJ counts people held
//! on a fixed date; house arrest and travel bans are listed apart).

use crate::{Case, CasePerson, EventType, PartialDate, Review, Role, Standing, Status, TimelineEntry};
use chrono::{Datelike as _, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The current status of one defendant of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonStatus {
    /// Person id (`P12`).
    pub person: String,
    /// The person's canonical name.
    pub name: String,
    /// Where the person stands.
    pub status: Standing,
    /// When it began (the date of the establishing entry), if known.
    pub since: Option<PartialDate>,
    /// The term as reported ("6 years", "until 2025-05-10"), if any.
    pub term: Option<String>,
    /// When the term ends, if it can be told: an "until" date, or the
    /// sentence date plus a term in years/months (time already served in
    /// pre-trial custody is not subtracted).
    pub until: Option<PartialDate>,
    /// Id of the timeline entry that established it (`None` for a reviewer's
    /// status or `unknown`).
    pub entry: Option<String>,
    /// Publication date of the case's latest source: the status holds as of then.
    pub as_of: Option<NaiveDate>,
    /// Whether a reviewer set it (then `derive`'s value is overridden).
    #[serde(default)]
    pub overridden: bool,
    /// The reviewer's note, when overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Procedural order of acts on one day (a sentence is read before the release
/// it leads to).
fn same_day_order(t: EventType) -> u8 {
    match t {
        EventType::Detention => 1,
        EventType::PretrialDetention => 2,
        EventType::HouseArrest => 3,
        EventType::TravelBan => 4,
        EventType::Conviction => 5,
        EventType::Sentence => 6,
        EventType::Acquittal => 7,
        EventType::Release => 8,
        EventType::Pardon => 9,
        _ => 0,
    }
}

fn names_person(e: &TimelineEntry, id: &str) -> bool {
    e.subjects.iter().any(|s| s.reference.as_deref() == Some(id))
}

/// The people whose status is derived: the case's defendants; when the case
/// names none, every person (other than lawyers and officials) who is the
/// subject of an entry.
pub fn defendants(case: &Case) -> Vec<&CasePerson> {
    let named: Vec<&CasePerson> = case.people.iter().filter(|p| p.role == Role::Defendant).collect();
    if !named.is_empty() {
        return named;
    }
    case.people
        .iter()
        .filter(|p| !matches!(p.role, Role::Lawyer | Role::Judge | Role::Prosecutor | Role::Official))
        .filter(|p| case.events.iter().any(|e| names_person(e, &p.id)))
        .collect()
}

/// The publication date of the case's latest source.
pub fn latest_source(case: &Case) -> Option<NaiveDate> {
    case.events
        .iter()
        .flat_map(|e| e.sources.iter().filter_map(|s| s.published))
        .max()
}

/// The status of every defendant of `case` (see [`defendants`]), in the
/// case's people order.
pub fn derive(case: &Case) -> Vec<PersonStatus> {
    let as_of = latest_source(case);
    defendants(case)
        .into_iter()
        .map(|p| derive_person(case, p, as_of))
        .collect()
}

fn derive_person(case: &Case, person: &CasePerson, as_of: Option<NaiveDate>) -> PersonStatus {
    let mut entries: Vec<(usize, &TimelineEntry)> = case
        .events
        .iter()
        .filter(|e| e.status == Status::Occurred && e.review != Review::Rejected && names_person(e, &person.id))
        .enumerate()
        .collect();
    entries.sort_by_key(|(i, e)| {
        let start = e.date.day_span().map(|(s, _)| s);
        (start.is_none(), start, same_day_order(e.event_type), *i)
    });
    let mut st = PersonStatus {
        person: person.id.clone(),
        name: person.name.clone(),
        status: Standing::Unknown,
        since: None,
        term: None,
        until: None,
        entry: None,
        as_of,
        overridden: false,
        note: None,
    };
    let dated = entries.iter().filter(|(_, e)| e.date.value.is_some());
    for (_, e) in dated {
        step(&mut st, e);
    }
    if st.status == Standing::Unknown {
        for (_, e) in entries.iter().filter(|(_, e)| e.date.value.is_none()) {
            step(&mut st, e);
        }
    }
    st
}

/// Applies one entry to the status.
fn step(st: &mut PersonStatus, e: &TimelineEntry) {
    let detail = e.detail.as_deref().unwrap_or("");
    let lower = detail.to_lowercase();
    let in_absentia = lower.contains("in absentia")
        || e.sources
            .iter()
            .any(|s| s.sentence.to_lowercase().contains("in absentia"));
    let set = |st: &mut PersonStatus, status: Standing, term: Option<String>, until: Option<PartialDate>| {
        st.status = status;
        st.since = e.date.value;
        st.term = term.filter(|t| !t.is_empty());
        st.until = until;
        st.entry = Some(e.id.clone());
    };
    match e.event_type {
        EventType::Detention => {
            if !matches!(st.status, Standing::InCustody | Standing::Serving) {
                set(st, Standing::InCustody, None, None);
            }
        }
        EventType::PretrialDetention => set(st, Standing::InCustody, Some(detail.to_string()), until_date(&lower)),
        EventType::HouseArrest => set(st, Standing::HouseArrest, Some(detail.to_string()), until_date(&lower)),
        EventType::TravelBan => {
            if !matches!(
                st.status,
                Standing::Serving | Standing::InCustody | Standing::HouseArrest
            ) || e.date.value.is_some_and(|d| st.since.is_none_or(|s| d > s))
            {
                set(st, Standing::TravelBan, Some(detail.to_string()), until_date(&lower));
            }
        }
        EventType::Conviction => {
            // "convicted X … and gave him six years in a penal colony": a
            // conviction whose sentence states a custodial term is read as
            // the sentence when no sentence entry was extracted.
            let said = e.sources.first().map(|s| s.sentence.to_lowercase()).unwrap_or_default();
            if in_absentia {
                set(st, Standing::ConvictedInAbsentia, Some(detail.to_string()), None);
            } else if let Some(months) = term_months(&said).filter(|m| *m > 0 && !non_custodial(&said)) {
                let term = if months % 12 == 0 {
                    format!("{} years", months / 12)
                } else {
                    format!("{months} months")
                };
                let end = e.date.value.and_then(|d| term_end(d, &term));
                set(st, Standing::Serving, Some(term), end);
            }
        }
        EventType::Sentence => {
            if in_absentia {
                set(st, Standing::ConvictedInAbsentia, Some(detail.to_string()), None);
            } else if non_custodial(&lower) {
                set(st, Standing::Released, Some(detail.to_string()), None);
            } else {
                let end = e.date.value.and_then(|d| term_end(d, &lower));
                set(st, Standing::Serving, Some(detail.to_string()), end);
            }
        }
        EventType::Acquittal => set(st, Standing::Acquitted, Some(detail.to_string()), None),
        EventType::Release | EventType::Pardon => set(st, Standing::Released, Some(detail.to_string()), None),
        EventType::Charge
        | EventType::Questioning
        | EventType::Search
        | EventType::Seizure
        | EventType::AssetFreeze
        | EventType::Hearing
        | EventType::Appeal
        | EventType::Confession
        | EventType::Retraction
        | EventType::CoercionAllegation
        | EventType::DenialOfCounsel => {
            if st.status == Standing::Unknown {
                set(st, Standing::ChargesPending, None, None);
            }
        }
        EventType::WebsiteBlock | EventType::Liquidation | EventType::Designation | EventType::Expulsion => {}
    }
}

/// Whether a sentence's detail names a punishment without prison: suspended
/// or conditional terms, probation, fines, restricted freedom, community or
/// corrective labour.
fn non_custodial(detail: &str) -> bool {
    [
        "suspended",
        "probation",
        "conditional",
        "fine",
        "restricted freedom",
        "restriction of freedom",
        "restriction of liberty",
        "community",
        "corrective labo",
        "compulsory labo",
        "dinars",
        "roubles",
        "rubles",
        "soms",
    ]
    .iter()
    .any(|w| detail.contains(w))
}

/// The date after "until" in a detail (`until 2025-07-21`).
fn until_date(detail: &str) -> Option<PartialDate> {
    let rest = &detail[detail.find("until ")? + 6..];
    let word = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ')')
        .next()?;
    word.parse().ok()
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let w = word.trim_end_matches('-');
    w.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|x| *x == w).and_then(|i| u32::try_from(i).ok()))
}

/// The number of months of a term in a detail ("6 years", "five-year",
/// "2 years and 6 months", "18 months"), if stated.
pub fn term_months(detail: &str) -> Option<u32> {
    let words: Vec<&str> = detail
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut months = 0u32;
    let mut found = false;
    for (i, w) in words.iter().enumerate() {
        // "5 years", "five years", and "five-year"
        let (n, unit) = match w.split_once('-') {
            Some((n, unit)) if number(n).is_some() => (number(n), unit),
            _ => (i.checked_sub(1).and_then(|j| number(words[j])), *w),
        };
        let Some(n) = n else { continue };
        if unit.starts_with("year") {
            months = months.saturating_add(n.saturating_mul(12));
            found = true;
        } else if unit.starts_with("month") {
            months = months.saturating_add(n);
            found = true;
        }
    }
    found.then_some(months)
}

/// The end of a term that begins on `start`, to the precision of `start`.
fn term_end(start: PartialDate, detail: &str) -> Option<PartialDate> {
    let months = term_months(detail)?;
    if months == 0 {
        return None;
    }
    match (start.month, start.day) {
        (Some(m), Some(d)) => {
            let date = NaiveDate::from_ymd_opt(start.year, m, d)?.checked_add_months(Months::new(months))?;
            Some(PartialDate::from_naive(date))
        }
        (Some(m), None) => {
            let date = NaiveDate::from_ymd_opt(start.year, m, 1)?.checked_add_months(Months::new(months))?;
            PartialDate::month(date.year(), date.month())
        }
        _ => (months % 12 == 0).then(|| PartialDate::year(start.year + i32::try_from(months / 12).unwrap_or(0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventDate, Source, Subject};

    fn entry(id: &str, t: EventType, date: &str, detail: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            id: id.into(),
            event_type: t,
            date: EventDate {
                value: Some(date.parse().unwrap()),
                qualifier: None,
                text: None,
                inferred: false,
            },
            subjects: vec![Subject {
                reference: Some("P1".into()),
                name: Some("Mira Dall".into()),
                group: None,
                count: None,
            }],
            agent: None,
            place: None,
            status: Status::Occurred,
            detail: detail.map(str::to_string),
            review: Review::Machine,
            sources: vec![Source {
                article: "a1".into(),
                published: NaiveDate::from_ymd_opt(2025, 9, 1),
                url: None,
                title: None,
                outlet: None,
                start: 0,
                end: 1,
                sentence: "x".into(),
            }],
            conflicts: vec![],
        }
    }

    fn case(events: Vec<TimelineEntry>) -> Case {
        Case {
            id: "c1".into(),
            title: "t".into(),
            people: vec![CasePerson {
                id: "P1".into(),
                name: "Mira Dall".into(),
                variants: vec![],
                occupation: None,
                affiliation: None,
                former: None,
                role: Role::Defendant,
                role_rule: None,
            }],
            organizations: vec![],
            charges: vec![],
            events,
            articles: vec![],
            related_cases: vec![],
        }
    }

    #[test]
    fn custody_then_sentence_then_release() {
        let mut events = vec![
            entry("E1", EventType::Detention, "2025-03-11", None),
            entry(
                "E2",
                EventType::PretrialDetention,
                "2025-03-13",
                Some("until 2025-05-10"),
            ),
        ];
        let s = &derive(&case(events.clone()))[0];
        assert_eq!(s.status, Standing::InCustody);
        assert_eq!(s.entry.as_deref(), Some("E2"));
        assert_eq!(s.until.map(|d| d.to_string()).as_deref(), Some("2025-05-10"));
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2025, 9, 1));

        events.push(entry(
            "E3",
            EventType::Sentence,
            "2025-08-05",
            Some("6 years in a general-regime colony"),
        ));
        let s = &derive(&case(events.clone()))[0];
        assert_eq!(s.status, Standing::Serving);
        assert_eq!(s.since.map(|d| d.to_string()).as_deref(), Some("2025-08-05"));
        assert_eq!(s.until.map(|d| d.to_string()).as_deref(), Some("2031-08-05"));

        // A suspended sentence and a release on the same day: released.
        let mut other = events[..2].to_vec();
        other.push(entry("E5", EventType::Release, "2025-08-05", None));
        other.push(entry(
            "E4",
            EventType::Sentence,
            "2025-08-05",
            Some("4 years suspended"),
        ));
        let s = &derive(&case(other))[0];
        assert_eq!(s.status, Standing::Released);
        assert_eq!(s.entry.as_deref(), Some("E5"));
    }

    #[test]
    fn offers_and_rejected_entries_do_not_count() {
        let mut offered = entry("E1", EventType::HouseArrest, "2025-03-13", None);
        offered.status = Status::NotOccurred;
        let mut rejected = entry("E2", EventType::Detention, "2025-03-11", None);
        rejected.review = Review::Rejected;
        let charge = entry("E3", EventType::Charge, "2025-03-12", None);
        let s = &derive(&case(vec![rejected, charge, offered]))[0];
        assert_eq!(s.status, Standing::ChargesPending);
        assert_eq!(s.entry.as_deref(), Some("E3"));
        assert_eq!(derive(&case(vec![]))[0].status, Standing::Unknown);
    }

    #[test]
    fn a_conviction_with_a_custodial_term_is_read_as_its_sentence() {
        let mut c = entry("E9", EventType::Conviction, "2025-08-05", None);
        c.sources[0].sentence = "The court convicted Mira Dall and gave her six years in a penal colony.".into();
        let held = entry("E1", EventType::Detention, "2025-03-11", None);
        let s = &derive(&case(vec![held, c]))[0];
        assert_eq!(s.status, Standing::Serving);
        assert_eq!(s.term.as_deref(), Some("6 years"));
        assert_eq!(s.until.map(|d| d.to_string()).as_deref(), Some("2031-08-05"));
    }

    #[test]
    fn terms() {
        assert_eq!(term_months("6 years in a colony"), Some(72));
        assert_eq!(term_months("a five-year term"), Some(60));
        assert_eq!(term_months("2 years and 6 months"), Some(30));
        assert_eq!(term_months("a fine"), None);
        let mut e = entry(
            "E1",
            EventType::Sentence,
            "2024",
            Some("sentenced in absentia to 7 years"),
        );
        let s = &derive(&case(vec![e.clone()]))[0];
        assert_eq!(s.status, Standing::ConvictedInAbsentia);
        e.detail = Some("10 years".into());
        let s = &derive(&case(vec![e]))[0];
        assert_eq!(s.until.map(|d| d.to_string()).as_deref(), Some("2034"));
    }
}
