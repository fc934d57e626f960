//! The case timeline as data for an SVG drawn server-side: each dated entry
//! placed by date (a day as a dot, a month or a year as a bar over its
//! span, narrowed by early/mid/late), coloured by event family, in one band
//! per defendant (an entry about two defendants is drawn in both bands),
//! then a band for entries about no defendant, then, apart, a band of what
//! did not happen (offered, requested, scheduled, refused or denied: drawn
//! hollow); within a band, stacked in lanes so that nothing overlaps. Axis
//! labels stay inside the frame. Undated entries are listed after it.

use casewatch_model::{DatePrecision, DateQualifier, EventDate, EventType, Review, Status, TimelineEntry};
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
    d.day_span()
}

/// An axis tick.
#[derive(Debug, Clone)]
pub(crate) struct Tick {
    /// x position.
    pub(crate) x: String,
    /// Label ("May 2025", "2025").
    pub(crate) label: String,
    /// `start`, `middle` or `end`: labels near an edge are anchored inward
    /// so they stay inside the frame.
    pub(crate) anchor: &'static str,
}

/// A band of the timeline: its label and the y of its separator line.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    /// "Dana Okafor", "Other entries", "Offered, requested, scheduled or denied".
    pub(crate) label: String,
    /// y of the label's baseline.
    pub(crate) label_y: String,
    /// y of the separator line above the band.
    pub(crate) line_y: String,
    /// Whether this is the band of what did not happen.
    pub(crate) apart: bool,
}

/// Whether an entry is drawn apart and hollow: it did not happen (offered,
/// requested, scheduled, refused) or is denied.
pub(crate) fn is_apart(e: &TimelineEntry) -> bool {
    matches!(e.status, Status::NotOccurred | Status::Denied)
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
    /// Label position, anchor (`start`/`end`) and text.
    pub(crate) lx: String,
    pub(crate) ly: String,
    pub(crate) anchor: &'static str,
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
    /// Band labels and separators.
    pub(crate) bands: Vec<Band>,
    /// Summary for screen readers ("12 dated events from 2025-03 to 2025-09").
    pub(crate) summary: String,
}

const WIDTH: f64 = 760.0;
const MARGIN: f64 = 16.0;
const AXIS_Y: f64 = 26.0;
const BAND_GAP: f64 = 12.0;
const BAND_LABEL_H: f64 = 16.0;
const LANE_H: f64 = 22.0;
const BAR_H: f64 = 12.0;
const CHAR_W: f64 = 6.6;
const MAX_LANES: usize = 40;
/// Marks drawn at most (beyond, the list below the timeline has them all).
const MAX_MARKS: usize = 400;

fn f(x: f64) -> String {
    format!("{x:.1}")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Lays out the dated entries of a timeline. `lanes` are the defendants
/// (person id, name) who get a band each, in order; `subject_names` gives the
/// names shown in a mark's tooltip.
pub(crate) fn layout(
    entries: &[TimelineEntry],
    lanes: &[(String, String)],
    subject_names: impl Fn(&TimelineEntry) -> String,
) -> Timeline {
    let dated: Vec<(&TimelineEntry, i32, i32)> = entries
        .iter()
        .filter_map(|e| date_span(&e.date).map(|(s, t)| (e, s, t)))
        .take(MAX_MARKS)
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

    // Ticks on month starts, every `step` months, at most ~6 (phone width).
    let first = NaiveDate::from_num_days_from_ce_opt(lo_f as i32).unwrap_or_default();
    let last = NaiveDate::from_num_days_from_ce_opt(hi_f as i32).unwrap_or_default();
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= 6)
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
            let x = x_of(f64::from(day));
            let half = CHAR_W * label.chars().count() as f64 / 2.0;
            let anchor = if x - half < 2.0 {
                "start"
            } else if x + half > WIDTH - 2.0 {
                "end"
            } else {
                "middle"
            };
            ticks.push(Tick { x: f(x), label, anchor });
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }

    // Bands: one per defendant, one for entries about no defendant, and the
    // band of what did not happen.
    let mut bands_of: Vec<(String, bool, Vec<usize>)> = lanes
        .iter()
        .map(|(_, name)| (name.clone(), false, Vec::new()))
        .collect();
    let mut others = Vec::new();
    let mut apart = Vec::new();
    for (i, (e, _, _)) in dated.iter().enumerate() {
        if is_apart(e) {
            apart.push(i);
            continue;
        }
        let mut placed = false;
        for (b, (id, _)) in lanes.iter().enumerate() {
            if e.subjects.iter().any(|s| s.reference.as_deref() == Some(id.as_str())) {
                bands_of[b].2.push(i);
                placed = true;
            }
        }
        if !placed {
            others.push(i);
        }
    }
    let other_label = if lanes.is_empty() { "Events" } else { "Other entries" };
    bands_of.push((other_label.to_string(), false, others));
    bands_of.push(("Offered, requested, scheduled or denied".to_string(), true, apart));
    bands_of.retain(|b| !b.2.is_empty());

    let mut marks = Vec::with_capacity(dated.len());
    let mut bands = Vec::new();
    let mut top = AXIS_Y + 6.0;
    for (label, is_apart_band, members) in bands_of {
        let line_y = top;
        let label_y = top + BAND_LABEL_H - 3.0;
        let lane0 = top + BAND_LABEL_H + LANE_H / 2.0;
        bands.push(Band {
            label: label.clone(),
            label_y: f(label_y),
            line_y: f(line_y),
            apart: is_apart_band,
        });
        let mut order = members;
        order.sort_by_key(|&i| (dated[i].1, dated[i].2));
        let mut lane_end: Vec<f64> = Vec::new();
        for i in order {
            let (e, s, t) = dated[i];
            let dot = e.date.precision() == Some(DatePrecision::Day);
            let x0 = x_of(f64::from(s));
            let x1 = if dot { x0 } else { x_of(f64::from(t)).max(x0 + 4.0) };
            let text = type_label(e.event_type);
            let text_w = CHAR_W * text.chars().count() as f64;
            // The label goes right of the mark, or left of it near the right edge.
            let right = (if dot { x0 + 8.0 } else { x1 + 4.0 }) + text_w <= WIDTH - 2.0;
            let (label_x, anchor) = if right {
                (if dot { x0 + 8.0 } else { x1 + 4.0 }, "start")
            } else {
                (if dot { x0 - 8.0 } else { x0 - 4.0 }, "end")
            };
            let (occupied_from, occupied_to) = if right {
                (if dot { x0 - 6.0 } else { x0 - 1.0 }, label_x + text_w + 6.0)
            } else {
                (label_x - text_w - 6.0, if dot { x0 + 6.0 } else { x1 + 1.0 })
            };
            let lane = match lane_end.iter().position(|&end| end <= occupied_from) {
                Some(l) => l,
                None if lane_end.len() < MAX_LANES => {
                    lane_end.push(f64::MIN);
                    lane_end.len() - 1
                }
                None => lane_end.len() - 1,
            };
            lane_end[lane] = occupied_to;
            let cy = lane0 + LANE_H * lane as f64;
            let mut class = format!("ev fam-{}", family(e.event_type));
            match e.review {
                Review::Rejected => class.push_str(" rejected"),
                Review::Confirmed => class.push_str(" confirmed"),
                Review::Edited => class.push_str(" edited"),
                Review::Machine => {}
            }
            if is_apart(e) {
                class.push_str(" hollow");
            }
            if e.status == Status::Alleged {
                class.push_str(" alleged");
            }
            if e.date.inferred {
                class.push_str(" inferred");
            }
            if matches!(
                e.date.qualifier,
                Some(DateQualifier::Before | DateQualifier::After | DateQualifier::Around)
            ) {
                class.push_str(" approx");
            }
            let who = subject_names(e);
            let title = format!(
                "{}{} · {}{} · {} · {}",
                date_label(&e.date),
                if e.date.inferred { " (date inferred)" } else { "" },
                text,
                if who.is_empty() {
                    String::new()
                } else {
                    format!(" · {who}")
                },
                status_words(e.status),
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
                anchor,
                label: text,
                title,
            });
        }
        top = lane0 + LANE_H * (lane_end.len().max(1) as f64 - 0.5) + BAND_GAP;
    }
    let first_label = dated.iter().filter_map(|d| d.0.date.value).min();
    let last_label = dated.iter().filter_map(|d| d.0.date.value).max();
    Timeline {
        width: WIDTH as u32,
        height: top as u32,
        axis_y: AXIS_Y as u32,
        tick_label_y: (AXIS_Y - 9.0) as u32,
        ticks,
        marks,
        bands,
        summary: format!(
            "{} dated events from {} to {}",
            dated.len(),
            first_label.map(|d| d.to_string()).unwrap_or_default(),
            last_label.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}

/// A status in words for tooltips and badges.
pub(crate) fn status_words(s: Status) -> &'static str {
    match s {
        Status::Occurred => "occurred",
        Status::Alleged => "alleged (a claim)",
        Status::Denied => "denied",
        Status::NotOccurred => "did not happen (offered, requested, scheduled or refused)",
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
        let t = layout(&entries, &[], |_| String::new());
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
        assert_eq!(layout(&entries[3..], &[], |_| String::new()).marks.len(), 0);
        // Ticks stay inside the frame.
        for tick in &t.ticks {
            let x: f64 = tick.x.parse().unwrap();
            let w = CHAR_W * tick.label.chars().count() as f64;
            let (a, b) = match tick.anchor {
                "start" => (x, x + w),
                "end" => (x - w, x),
                _ => (x - w / 2.0, x + w / 2.0),
            };
            assert!(a >= 0.0 && b <= WIDTH, "{tick:?}");
        }
    }

    #[test]
    fn one_band_per_defendant_and_what_did_not_happen_apart() {
        let with = |mut e: TimelineEntry, who: &[&str], status: Status| {
            e.subjects = who
                .iter()
                .map(|p| casewatch_model::Subject {
                    reference: Some((*p).into()),
                    name: Some((*p).into()),
                    ..Default::default()
                })
                .collect();
            e.status = status;
            e
        };
        let entries = vec![
            with(
                entry("E1", EventType::Detention, Some("2025-05-28"), None),
                &["P1", "P2"],
                Status::Occurred,
            ),
            with(
                entry("E2", EventType::HouseArrest, Some("2025-06-02"), None),
                &["P2"],
                Status::NotOccurred,
            ),
            with(
                entry("E3", EventType::Search, Some("2025-05-28"), None),
                &[],
                Status::Occurred,
            ),
        ];
        let lanes = vec![
            ("P1".to_string(), "Ann".to_string()),
            ("P2".to_string(), "Bo".to_string()),
        ];
        let t = layout(&entries, &lanes, |_| String::new());
        let labels: Vec<&str> = t.bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Ann", "Bo", "Other entries", "Offered, requested, scheduled or denied"]
        );
        // E1 is drawn in both defendants' bands; E2 hollow in the last band.
        assert_eq!(t.marks.iter().filter(|m| m.id == "E1").count(), 2);
        let e2 = t.marks.iter().find(|m| m.id == "E2").unwrap();
        assert!(e2.class.contains("hollow"));
        let apart_y: f64 = t.bands[3].line_y.parse().unwrap();
        assert!(e2.cy.parse::<f64>().unwrap() > apart_y);
        assert!(
            t.marks
                .iter()
                .filter(|m| m.id != "E2")
                .all(|m| !m.class.contains("hollow"))
        );
    }
}
