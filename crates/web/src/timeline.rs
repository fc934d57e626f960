//! The case timeline as data for an SVG drawn server-side: each dated entry
//! placed by date (a day as a dot, a month or a year as a bar over its
//! span, narrowed by early/mid/late), coloured by event family, stacked in
//! lanes so that nothing overlaps; undated entries are listed after it.

use casewatch_model::{DatePrecision, DateQualifier, EventDate, EventType, Review, TimelineEntry};
use chrono::{Datelike as _, NaiveDate};

/// The colour family of an event type (a CSS class suffix).
pub(crate) fn family(t: EventType) -> &'static str {
    use EventType::*;
    match t {
        Detention | PretrialDetention | HouseArrest | TravelBan => "custody",
        Questioning | Search | Seizure | AssetFreeze => "investigation",
        Charge | Designation => "charge",
        Hearing | Appeal | Conviction | Sentence => "court",
        Release | Acquittal | Pardon => "release",
        Confession | Retraction | CoercionAllegation | DenialOfCounsel => "testimony",
        WebsiteBlock | Liquidation | Expulsion => "media",
    }
}

/// The families in legend order, with a human label.
pub(crate) const FAMILIES: &[(&str, &str)] = &[
    (
        "custody",
        "custody: detention, pre-trial detention, house arrest, travel ban",
    ),
    (
        "investigation",
        "investigation: questioning, search, seizure, asset freeze",
    ),
    ("charge", "charge, designation"),
    ("court", "court: hearing, appeal, conviction, sentence"),
    ("release", "release, acquittal, pardon"),
    (
        "testimony",
        "testimony: confession, retraction, coercion, denial of counsel",
    ),
    ("media", "media: website block, liquidation, expulsion"),
];

/// An event type as words ("pretrial detention").
pub(crate) fn type_label(t: EventType) -> String {
    t.as_str().replace('_', " ")
}

/// A date as shown: `2025-05-28`, `2025-05 (late)`, `undated`.
pub(crate) fn date_label(d: &EventDate) -> String {
    match (d.value, d.qualifier) {
        (None, _) => "undated".into(),
        (Some(v), None) => v.to_string(),
        (Some(v), Some(q)) => format!("{v} ({})", q.as_str()),
    }
}

/// Days since the common era of a calendar date.
fn day_number(y: i32, m: u32, d: u32) -> Option<i32> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.num_days_from_ce())
}

/// The span of days `[start, end)` a date covers, or `None` when undated.
pub(crate) fn date_span(d: &EventDate) -> Option<(i32, i32)> {
    let v = d.value?;
    let (start, end) = match v.precision() {
        DatePrecision::Day => {
            let s = day_number(v.year, v.month?, v.day?)?;
            (s, s + 1)
        }
        DatePrecision::Month => {
            let m = v.month?;
            let s = day_number(v.year, m, 1)?;
            let e = if m == 12 {
                day_number(v.year + 1, 1, 1)?
            } else {
                day_number(v.year, m + 1, 1)?
            };
            (s, e)
        }
        DatePrecision::Year => (day_number(v.year, 1, 1)?, day_number(v.year + 1, 1, 1)?),
    };
    if v.precision() == DatePrecision::Day {
        return Some((start, end));
    }
    // early / mid / late: the first, middle or last third of the period.
    let len = end - start;
    Some(match d.qualifier {
        Some(DateQualifier::Early) => (start, start + len / 3),
        Some(DateQualifier::Mid) => (start + len / 3, start + 2 * len / 3),
        Some(DateQualifier::Late) => (start + 2 * len / 3, end),
        _ => (start, end),
    })
}

/// An axis tick.
#[derive(Debug, Clone)]
pub(crate) struct Tick {
    /// x position.
    pub(crate) x: String,
    /// Label ("May 2025", "2025").
    pub(crate) label: String,
}

/// One dated entry drawn on the timeline.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// Timeline entry id (link target `#E40`).
    pub(crate) id: String,
    /// CSS classes: family, review state, approximate.
    pub(crate) class: String,
    /// Whether it is a dot (day precision) rather than a bar.
    pub(crate) dot: bool,
    /// Bar: x, y, width, height. Dot: centre x, centre y.
    pub(crate) x: String,
    pub(crate) y: String,
    pub(crate) w: String,
    pub(crate) h: String,
    /// Dot centre.
    pub(crate) cx: String,
    pub(crate) cy: String,
    /// Label position and text.
    pub(crate) lx: String,
    pub(crate) ly: String,
    pub(crate) label: String,
    /// Tooltip.
    pub(crate) title: String,
}

/// The drawn timeline.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline {
    /// viewBox width and height.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// y of the axis line and of the tick labels.
    pub(crate) axis_y: u32,
    pub(crate) tick_label_y: u32,
    /// Ticks.
    pub(crate) ticks: Vec<Tick>,
    /// Marks.
    pub(crate) marks: Vec<Mark>,
    /// Summary for screen readers ("12 dated events from 2025-03 to 2025-09").
    pub(crate) summary: String,
}

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 16.0;
const AXIS_Y: f64 = 24.0;
const LANE0: f64 = 40.0;
const LANE_H: f64 = 22.0;
const BAR_H: f64 = 12.0;
const CHAR_W: f64 = 6.4;
const MAX_LANES: usize = 60;

fn f(x: f64) -> String {
    format!("{x:.1}")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Lays out the dated entries of a timeline.
pub(crate) fn layout(entries: &[TimelineEntry], subject_names: impl Fn(&TimelineEntry) -> String) -> Timeline {
    let dated: Vec<(&TimelineEntry, i32, i32)> = entries
        .iter()
        .filter_map(|e| date_span(&e.date).map(|(s, t)| (e, s, t)))
        .collect();
    let (Some(lo), Some(hi)) = (dated.iter().map(|d| d.1).min(), dated.iter().map(|d| d.2).max()) else {
        return Timeline {
            width: WIDTH as u32,
            height: 0,
            summary: "no dated events".into(),
            ..Timeline::default()
        };
    };
    let span = f64::from((hi - lo).max(1));
    let pad = (span * 0.03).max(7.0);
    let (lo_f, hi_f) = (f64::from(lo) - pad, f64::from(hi) + pad);
    let x_of = |day: f64| MARGIN + (day - lo_f) / (hi_f - lo_f) * (WIDTH - 2.0 * MARGIN);

    // Ticks on month starts, every `step` months, at most ~10.
    let first = NaiveDate::from_num_days_from_ce_opt(lo_f as i32).unwrap_or_default();
    let last = NaiveDate::from_num_days_from_ce_opt(hi_f as i32).unwrap_or_default();
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= 10)
        .unwrap_or(240);
    let mut ticks = Vec::new();
    let (mut y, mut m) = (first.year(), first.month());
    while let Some(day) = day_number(y, m, 1) {
        if f64::from(day) > hi_f {
            break;
        }
        let index = y * 12 + m as i32 - 1;
        if f64::from(day) >= lo_f && index % step == 0 {
            let label = if step >= 12 {
                y.to_string()
            } else {
                format!("{} {y}", MONTHS[(m - 1) as usize])
            };
            ticks.push(Tick {
                x: f(x_of(f64::from(day))),
                label,
            });
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }

    // Marks in start order, each in the first lane where it (and its label) fits.
    let mut order: Vec<usize> = (0..dated.len()).collect();
    order.sort_by_key(|&i| (dated[i].1, dated[i].2));
    let mut lane_end: Vec<f64> = Vec::new();
    let mut marks = Vec::with_capacity(dated.len());
    for i in order {
        let (e, s, t) = dated[i];
        let dot = e.date.precision() == Some(DatePrecision::Day);
        let x0 = x_of(f64::from(s));
        let x1 = if dot { x0 } else { x_of(f64::from(t)).max(x0 + 4.0) };
        let label = type_label(e.event_type);
        let label_x = if dot { x0 + 8.0 } else { x1 + 4.0 };
        let occupied_from = if dot { x0 - 6.0 } else { x0 - 1.0 };
        let occupied_to = label_x + CHAR_W * label.chars().count() as f64 + 6.0;
        let lane = match lane_end.iter().position(|&end| end <= occupied_from) {
            Some(l) => l,
            None if lane_end.len() < MAX_LANES => {
                lane_end.push(f64::MIN);
                lane_end.len() - 1
            }
            None => lane_end.len() - 1,
        };
        lane_end[lane] = occupied_to;
        let cy = LANE0 + LANE_H * lane as f64;
        let mut class = format!("ev fam-{}", family(e.event_type));
        match e.review {
            Review::Rejected => class.push_str(" rejected"),
            Review::Confirmed => class.push_str(" confirmed"),
            Review::Edited => class.push_str(" edited"),
            Review::Machine => {}
        }
        if matches!(
            e.date.qualifier,
            Some(DateQualifier::Before | DateQualifier::After | DateQualifier::Around)
        ) {
            class.push_str(" approx");
        }
        let who = subject_names(e);
        let title = format!(
            "{} · {}{} · {} · {}",
            date_label(&e.date),
            label,
            if who.is_empty() {
                String::new()
            } else {
                format!(" · {who}")
            },
            e.status,
            e.review
        );
        marks.push(Mark {
            id: e.id.clone(),
            class,
            dot,
            x: f(x0),
            y: f(cy - BAR_H / 2.0),
            w: f(x1 - x0),
            h: f(BAR_H),
            cx: f(x0),
            cy: f(cy),
            lx: f(label_x),
            ly: f(cy + 4.0),
            label,
            title,
        });
    }
    let lanes = lane_end.len().max(1);
    let first_label = dated.iter().filter_map(|d| d.0.date.value).min();
    let last_label = dated.iter().filter_map(|d| d.0.date.value).max();
    Timeline {
        width: WIDTH as u32,
        height: (LANE0 + LANE_H * lanes as f64) as u32,
        axis_y: AXIS_Y as u32,
        tick_label_y: (AXIS_Y - 8.0) as u32,
        ticks,
        marks,
        summary: format!(
            "{} dated events from {} to {}",
            dated.len(),
            first_label.map(|d| d.to_string()).unwrap_or_default(),
            last_label.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casewatch_model::{PartialDate, Status};

    fn entry(id: &str, t: EventType, date: Option<&str>, q: Option<DateQualifier>) -> TimelineEntry {
        TimelineEntry {
            id: id.into(),
            event_type: t,
            date: EventDate {
                value: date.map(|d| d.parse::<PartialDate>().unwrap()),
                qualifier: q,
                text: None,
                inferred: false,
            },
            subjects: vec![],
            agent: None,
            place: None,
            status: Status::Occurred,
            detail: None,
            review: Review::Machine,
            sources: vec![],
            conflicts: vec![],
        }
    }

    #[test]
    fn spans() {
        let d = |s: &str, q| date_span(&entry("E", EventType::Detention, Some(s), q).date).unwrap();
        let (s, e) = d("2025-05-28", None);
        assert_eq!(e - s, 1);
        let (s, e) = d("2025-05", None);
        assert_eq!(e - s, 31);
        let (ls, le) = d("2025-05", Some(DateQualifier::Late));
        assert!(ls > s && le == e);
        let (s, e) = d("2024", None);
        assert_eq!(e - s, 366);
        assert!(date_span(&entry("E", EventType::Detention, None, None).date).is_none());
    }

    #[test]
    fn layout_places_and_stacks() {
        let entries = vec![
            entry("E1", EventType::Detention, Some("2025-05"), Some(DateQualifier::Late)),
            entry("E2", EventType::PretrialDetention, Some("2025-05-30"), None),
            entry("E3", EventType::Hearing, Some("2025-09-17"), None),
            entry("E4", EventType::Search, None, None),
        ];
        let t = layout(&entries, |_| String::new());
        assert_eq!(t.marks.len(), 3);
        let e1 = t.marks.iter().find(|m| m.id == "E1").unwrap();
        let e2 = t.marks.iter().find(|m| m.id == "E2").unwrap();
        let e3 = t.marks.iter().find(|m| m.id == "E3").unwrap();
        assert!(!e1.dot && e2.dot && e3.dot);
        assert!(e1.class.contains("fam-custody") && e3.class.contains("fam-court"));
        // E1 and E2 overlap in time, so they are in different lanes.
        assert_ne!(e1.y.parse::<f64>().unwrap() + 6.0, e2.cy.parse::<f64>().unwrap());
        assert!(e3.cx.parse::<f64>().unwrap() > e2.cx.parse::<f64>().unwrap());
        assert!(!t.ticks.is_empty());
        assert!(t.summary.starts_with("3 dated events"));
        assert_eq!(layout(&entries[3..], |_| String::new()).marks.len(), 0);
    }
}
