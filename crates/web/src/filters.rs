//! Case and event filters shared by the cases page and the JSON API: event
//! type, status, review state, date range, outlet, place, country, a
//! defendant's current status; and the listing's sort order and page. Parsed
//! leniently (an empty field is no filter; an invalid one is reported and
//! ignored). [`CaseFilter::case_query`] turns them into the store's
//! [`CaseQuery`], answered from stored summaries.

use crate::timeline::date_span;
use casewatch_model::{Case, EventDate, EventType, OrgKind, PartialDate, Review, Standing, Status, TimelineEntry};
use casewatch_store::{CaseQuery, CaseSort};
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
    /// Country (ISO 3166-1 alpha-2 code, `KG`).
    pub(crate) country: Option<String>,
    /// A defendant's current status (`in_custody`, `serving`, …).
    pub(crate) standing: Option<String>,
    /// Sort column: id, title, country, status, people, events, sources, first, last, reviewed.
    pub(crate) sort: Option<String>,
    /// `asc` or `desc`.
    pub(crate) dir: Option<String>,
    /// Page number, from 1.
    pub(crate) page: Option<String>,
    /// Cases per page (API; default 50, at most 1000).
    pub(crate) per_page: Option<String>,
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
    country: Option<String>,
    standing: Option<Standing>,
    /// Sort column.
    pub(crate) sort: CaseSort,
    /// Descending order.
    pub(crate) desc: bool,
    /// Page, from 1.
    pub(crate) page: u64,
    /// Cases per page.
    pub(crate) per_page: u64,
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
        if let Some(v) = nonempty(&self.country) {
            if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
                f.country = Some(v.to_uppercase());
                accepted.country = Some(v.to_uppercase());
            } else {
                errors.push(format!("country {v:?} is not a two-letter code (ignored)"));
            }
        }
        vocab!(standing, Standing, "defendant status");
        f.sort = CaseSort::Id;
        if let Some(v) = nonempty(&self.sort) {
            match CaseSort::parse(v) {
                Some(c) => {
                    f.sort = c;
                    accepted.sort = Some(v.to_string());
                }
                None => errors.push(format!("unknown sort column {v:?} (ignored)")),
            }
        }
        if let Some(v) = nonempty(&self.dir) {
            match v {
                "asc" | "desc" => {
                    f.desc = v == "desc";
                    accepted.dir = Some(v.to_string());
                }
                _ => errors.push(format!("sort direction {v:?} is not asc or desc (ignored)")),
            }
        }
        let number = |raw: &Option<String>, what: &str, errors: &mut Vec<String>| -> Option<u64> {
            let v = nonempty(raw)?;
            match v.parse::<u64>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    errors.push(format!("{what} {v:?} is not a number from 1 (ignored)"));
                    None
                }
            }
        };
        f.page = number(&self.page, "page", &mut errors).unwrap_or(1);
        f.per_page = number(&self.per_page, "per_page", &mut errors).unwrap_or(50).min(1000);
        accepted.page = self.page.clone().filter(|_| f.page > 1);
        f.query = accepted;
        (f, errors)
    }
}

impl CaseFilter {
    /// Whether no filter is set.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        !self.has_entry_filter() && self.outlet.is_none() && self.country.is_none() && self.standing.is_none()
    }

    /// The store query of these filters, sort order and page.
    pub(crate) fn case_query(&self) -> CaseQuery {
        CaseQuery {
            event_type: self.event_type.map(|t| t.as_str().to_string()),
            status: self.status.map(|s| s.as_str().to_string()),
            review: self.review.map(|r| r.as_str().to_string()),
            from_day: self.from,
            to_day: self.to,
            place: self.place.clone(),
            outlet: self.outlet.clone(),
            country: self.country.clone(),
            standing: self.standing,
            sort: self.sort,
            descending: self.desc,
            offset: (self.page - 1).saturating_mul(self.per_page),
            limit: self.per_page,
        }
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
            ("country", &q.country),
            ("standing", &q.standing),
            ("sort", &q.sort),
            ("dir", &q.dir),
            ("page", &q.page),
        ];
        fields
            .iter()
            .filter(|(k, _)| *k != skip && (skip.is_empty() || *k != "page"))
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::views::urlencode(v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `base` with the accepted filters and the given order and page (page 1
    /// and the default order are left out).
    pub(crate) fn link(&self, base: &str, sort: CaseSort, desc: bool, page: u64) -> String {
        let mut parts: Vec<String> = Vec::new();
        let rest = self.query_without("sort");
        parts.extend(
            rest.split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("dir=") && !p.starts_with("page="))
                .map(str::to_string),
        );
        if sort != CaseSort::Id || desc {
            parts.push(format!("sort={}", sort.as_str()));
        }
        if desc {
            parts.push("dir=desc".into());
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", parts.join("&"))
        }
    }

    /// The active filters, each with a link to `base` without it.
    pub(crate) fn active(&self, base: &str) -> Vec<ActiveFilter> {
        let q = &self.query;
        let fields: [(&str, &'static str, &Option<String>); 9] = [
            ("type", "event type", &q.event_type),
            ("status", "status", &q.status),
            ("review", "review", &q.review),
            ("from", "from", &q.from),
            ("to", "to", &q.to),
            ("outlet", "outlet", &q.outlet),
            ("place", "place", &q.place),
            ("country", "country", &q.country),
            ("standing", "defendant status", &q.standing),
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
