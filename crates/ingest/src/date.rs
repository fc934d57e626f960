//! Publication-date parsing for metadata fields (JSONL `published`/`date`,
//! HTML meta tags, `<time datetime>`) and the `YYYY-MM-DD` token of text headers.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Parses a strict `YYYY-MM-DD` token (exactly 4, 2 and 2 ASCII digits) into a
/// valid calendar date.
pub fn parse_iso_date(token: &str) -> Option<NaiveDate> {
    let b = token.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(token, "%Y-%m-%d").ok()
}

/// Parses a publication date given as an ISO date (`2025-03-12`), an RFC 3339
/// timestamp (`2025-03-12T09:46:00+06:00`: its date in its own offset), or a
/// timestamp without offset (`2025-03-12T09:46:00`, `2025-03-12 09:46`).
/// Surrounding whitespace is ignored.
pub fn parse_published(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(date) = parse_iso_date(value) {
        return Some(date);
    }
    if let Ok(ts) = DateTime::parse_from_rfc3339(value) {
        return Some(ts.date_naive());
    }
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ];
    NAIVE
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(value, fmt).ok())
        .map(|ts| ts.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(parse_iso_date("2025-03-12"), d(2025, 3, 12));
        assert_eq!(parse_iso_date("2025-3-12"), None);
        assert_eq!(parse_iso_date("2025-13-45"), None);
        assert_eq!(parse_iso_date("2025-02-29"), None);
        assert_eq!(parse_iso_date("２０２５-03-12"), None);
    }

    #[test]
    fn timestamps_give_their_own_date() {
        assert_eq!(parse_published(" 2025-03-12 "), d(2025, 3, 12));
        assert_eq!(parse_published("2025-03-12T23:30:00-05:00"), d(2025, 3, 12));
        assert_eq!(parse_published("2025-03-12T01:00:00Z"), d(2025, 3, 12));
        assert_eq!(parse_published("2025-03-12T09:46:00"), d(2025, 3, 12));
        assert_eq!(parse_published("2025-03-12 09:46"), d(2025, 3, 12));
        assert_eq!(parse_published("2025-03-12T09:46"), d(2025, 3, 12));
        assert_eq!(parse_published("12 March 2025"), None);
        assert_eq!(parse_published(""), None);
    }
}
