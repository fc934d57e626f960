//! Case and event filters shared by the cases page and the JSON API: event
//! type, status, review state, date range, outlet, place. Parsed leniently
//! (an empty field is no filter; an invalid one is reported and ignored).

use crate::timeline::date_span;
use casewatch_model::{Case, EventDate, EventType, OrgKind, PartialDate, Review, Status, TimelineEntry};
use serde::Deserialize;

/// The filter fields as they come in a query string.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct FilterQuery {
    /// Event type id (`pretrial_detention`).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub(crate) event_type: Option<String>,
    /// Status (`occurred`, `alleged`, `denied`, `not_occurred`).
    pub(crate) status: Option<String>,
    /// Review state (`machine`, `confirmed`, `edited`, `rejected`).
    pub(crate) review: Option<String>,
    /// Earliest date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub(crate) from: Option<String>,
    /// Latest date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), inclusive.
    pub(crate) to: Option<String>,
    /// Outlet: a media organisation, affiliation or case title containing this text.
    pub(crate) outlet: Option<String>,
    /// Place containing this text.
    pub(crate) place: Option<String>,
}

/// Parsed filters.
#[derive(Debug, Default, Clone)]
pub(crate) struct CaseFilter {
    event_type: Option<EventType>,
    status: Option<Status>,
    review: Option<Review>,
    from: Option<i32>,
    to: Option<i32>,
    outlet: Option<String>,
    place: Option<String>,
    /// The accepted values, for display and links.
    pub(crate) query: FilterQuery,
}

/// One active filter as shown: its name, value and a link without it.
#[derive(Debug, Clone)]
pub(crate) struct ActiveFilter {
    /// Field label ("event type").
    pub(crate) label: &'static str,
    /// The value.
    pub(crate) value: String,
    /// The current URL without this filter.
    pub(crate) remove_href: String,
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl FilterQuery {
    /// Parses the fields; invalid ones are dropped and described in the
    /// returned messages.
    pub(crate) fn parse(&self) -> (CaseFilter, Vec<String>) {
        let mut errors = Vec::new();
        let mut accepted = FilterQuery::default();
        let mut f = CaseFilter::default();
        macro_rules! vocab {
            ($field:ident, $ty:ty, $label:literal) => {
                if let Some(v) = nonempty(&self.$field) {
                    match v.parse::<$ty>() {
                        Ok(x) => {
                            f.$field = Some(x);
                            accepted.$field = Some(v.to_string());
                        }
                        Err(_) => errors.push(format!("unknown {} {v:?} (ignored)", $label)),
                    }
                }
            };
        }
        vocab!(event_type, EventType, "event type");
        vocab!(status, Status, "status");
        vocab!(review, Review, "review state");
        for (which, raw) in [("from", &self.from), ("to", &self.to)] {
            let Some(v) = nonempty(raw) else { continue };
            let span = v.parse::<PartialDate>().ok().and_then(|d| {
                date_span(&EventDate {
                    value: Some(d),
                    qualifier: None,
                    text: None,
                    inferred: false,
                })
            });
            match span {
                Some((start, _)) if which == "from" => {
                    f.from = Some(start);
                    accepted.from = Some(v.to_string());
                }
                Some((_, end)) => {
                    f.to = Some(end);
                    accepted.to = Some(v.to_string());
                }
                None => errors.push(format!(
                    "{which} date {v:?} is not YYYY, YYYY-MM or YYYY-MM-DD (ignored)"
                )),
            }
        }
        if let Some(v) = nonempty(&self.outlet) {
            f.outlet = Some(v.to_lowercase());
            accepted.outlet = Some(v.to_string());
        }
        if let Some(v) = nonempty(&self.place) {
            f.place = Some(v.to_lowercase());
            accepted.place = Some(v.to_string());
        }
        f.query = accepted;
        (f, errors)
    }
}

impl CaseFilter {
    /// Whether no filter is set.
    pub(crate) fn is_empty(&self) -> bool {
        !self.has_entry_filter() && self.outlet.is_none()
    }

    fn has_entry_filter(&self) -> bool {
        self.event_type.is_some()
            || self.status.is_some()
            || self.review.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.place.is_some()
    }

    /// Whether a timeline entry passes the event-level filters (type,
    /// status, review, dates, place). An undated entry fails a date filter.
    pub(crate) fn matches_entry(&self, e: &TimelineEntry) -> bool {
        if self.event_type.is_some_and(|t| t != e.event_type)
            || self.status.is_some_and(|s| s != e.status)
            || self.review.is_some_and(|r| r != e.review)
        {
            return false;
        }
        if let Some(p) = &self.place
            && !e
                .place
                .as_deref()
                .is_some_and(|pl| pl.to_lowercase().contains(p.as_str()))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some((s, t)) = date_span(&e.date) else {
                return false;
            };
            if self.from.is_some_and(|from| t <= from) || self.to.is_some_and(|to| s >= to) {
                return false;
            }
        }
        true
    }

    /// Whether a case passes the outlet filter (case title, media-outlet
    /// organisations, people's affiliations).
    fn matches_outlet(&self, c: &Case) -> bool {
        let Some(o) = &self.outlet else { return true };
        let has = |s: &str| s.to_lowercase().contains(o.as_str());
        has(&c.title)
            || c.organizations
                .iter()
                .filter(|org| org.kind == OrgKind::MediaOutlet)
                .any(|org| has(&org.name) || org.variants.iter().any(|v| has(v)))
            || c.people.iter().any(|p| p.affiliation.as_deref().is_some_and(has))
    }

    /// Whether a case passes: the outlet filter, and at least one entry
    /// passing the event-level filters (when any is set).
    pub(crate) fn matches_case(&self, c: &Case) -> bool {
        self.matches_outlet(c) && (!self.has_entry_filter() || c.events.iter().any(|e| self.matches_entry(e)))
    }

    /// The query string of the accepted filters, leaving out one field.
    pub(crate) fn query_without(&self, skip: &str) -> String {
        let q = &self.query;
        let fields = [
            ("type", &q.event_type),
            ("status", &q.status),
            ("review", &q.review),
            ("from", &q.from),
            ("to", &q.to),
            ("outlet", &q.outlet),
            ("place", &q.place),
        ];
        fields
            .iter()
            .filter(|(k, _)| *k != skip)
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::views::urlencode(v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The active filters, each with a link to `base` without it.
    pub(crate) fn active(&self, base: &str) -> Vec<ActiveFilter> {
        let q = &self.query;
        let fields: [(&str, &'static str, &Option<String>); 7] = [
            ("type", "event type", &q.event_type),
            ("status", "status", &q.status),
            ("review", "review", &q.review),
            ("from", "from", &q.from),
            ("to", "to", &q.to),
            ("outlet", "outlet", &q.outlet),
            ("place", "place", &q.place),
        ];
        fields
            .iter()
            .filter_map(|(key, label, v)| {
                v.as_ref().map(|v| {
                    let rest = self.query_without(key);
                    ActiveFilter {
                        label,
                        value: v.clone(),
                        remove_href: if rest.is_empty() {
                            base.to_string()
                        } else {
                            format!("{base}?{rest}")
                        },
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> FilterQuery {
        let mut f = FilterQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "type" => f.event_type = v,
                "status" => f.status = v,
                "review" => f.review = v,
                "from" => f.from = v,
                "to" => f.to = v,
                "outlet" => f.outlet = v,
                "place" => f.place = v,
                _ => unreachable!(),
            }
        }
        f
    }

    fn entry(t: EventType, date: Option<&str>, place: Option<&str>) -> TimelineEntry {
        TimelineEntry {
            id: "E1".into(),
            event_type: t,
            date: EventDate {
                value: date.map(|d| d.parse().unwrap()),
                qualifier: None,
                text: None,
                inferred: false,
            },
            subjects: vec![],
            agent: None,
            place: place.map(Into::into),
            status: Status::Occurred,
            detail: None,
            review: Review::Machine,
            sources: vec![],
            conflicts: vec![],
        }
    }

    #[test]
    fn parse_and_match() {
        let (f, errors) = q(&[
            ("type", "hearing"),
            ("status", "bogus"),
            ("from", "2025-05"),
            ("to", "2025"),
        ])
        .parse();
        assert_eq!(errors.len(), 1);
        assert!(f.matches_entry(&entry(EventType::Hearing, Some("2025-09-17"), None)));
        assert!(!f.matches_entry(&entry(EventType::Hearing, Some("2025-04-30"), None)));
        assert!(!f.matches_entry(&entry(EventType::Hearing, Some("2026-01-01"), None)));
        assert!(!f.matches_entry(&entry(EventType::Hearing, None, None)));
        assert!(!f.matches_entry(&entry(EventType::Search, Some("2025-09-17"), None)));
        // A month overlapping the range matches.
        assert!(f.matches_entry(&entry(EventType::Hearing, Some("2025"), None)));
        let (f, _) = q(&[("place", "bish")]).parse();
        assert!(f.matches_entry(&entry(EventType::Search, None, Some("Bishkek"))));
        assert!(!f.matches_entry(&entry(EventType::Search, None, None)));
        let (f, e) = q(&[("from", "May 2025"), ("type", "  ")]).parse();
        assert_eq!(e.len(), 1);
        assert!(f.is_empty());
    }

    #[test]
    fn active_filter_links() {
        let (f, _) = q(&[("type", "hearing"), ("place", "Port Elm")]).parse();
        let a = f.active("/cases");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].remove_href, "/cases?place=Port%20Elm");
        assert_eq!(a[1].remove_href, "/cases?type=hearing");
    }
}
