//! Event dates: a calendar date known to day, month or year, with a qualifier.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    Month,
    /// `YYYY`.
    Year,
}

/// Qualifier of an imprecise date ("at the end of May" is May + `late`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateQualifier {
    /// First third of the period.
    Early,
    /// Middle of the period.
    Mid,
    /// Last third of the period ("at the end of May").
    Late,
    /// Before the date.
    Before,
    /// After the date ("since 2023").
    After,
    /// Approximately.
    Around,
}

impl DateQualifier {
    /// The spec id (`"late"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateQualifier::Early => "early",
            DateQualifier::Mid => "mid",
            DateQualifier::Late => "late",
            DateQualifier::Before => "before",
            DateQualifier::After => "after",
            DateQualifier::Around => "around",
        }
    }
}

/// A date known to a year, a month or a day. Ordering is chronological, with a
/// coarser date sorting before the finer dates inside it (`2025` < `2025-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Calendar year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u32>,
    /// Day of month 1–31, when known (only with a month).
    pub day: Option<u32>,
}

/// Why a text is not a [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {0:?}")]
pub struct PartialDateError(pub String);

impl PartialDate {
    /// A day-precision date; `None` if it is not a real calendar day.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A month-precision date; `None` if the month is not 1–12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A year-precision date.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// From a full calendar date.
    pub fn from_naive(d: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }

    /// The precision, derived from which parts are known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The full date when the precision is `day`.
    pub fn to_naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// Whether the two dates agree at the coarser of their precisions
    /// (`2025-05` and `2025-05-28` agree; `2025-05` and `2025-06` do not).
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = PartialDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PartialDateError(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, PartialDateError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        match parts.as_slice() {
            [y] => Ok(Self::year(num(y, 4)? as i32)),
            [y, m] => Self::month(num(y, 4)? as i32, num(m, 2)?).ok_or_else(err),
            [y, m, d] => Self::day(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(D::Error::custom)
    }
}

/// The date of an event as the record carries it: the resolved value (its
/// precision follows from it), an optional qualifier, and the words it was
/// read from. Serialised flat as `date`, `date_precision`, `date_qualifier`,
/// `date_text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct EventDate {
    /// The resolved date, `None` when the text gives none that can be resolved.
    pub value: Option<PartialDate>,
    /// Qualifier ("late" for "at the end of May").
    pub qualifier: Option<DateQualifier>,
    /// The words the date was read from.
    pub text: Option<String>,
    /// Whether the date was inferred rather than stated for this event: taken
    /// from a neighbouring event, the paragraph or the article's lede (by the
    /// extractor), or from other reports of the same event (by the
    /// reconciler). Serialised as `date_inferred`, only when `true`.
    pub inferred: bool,
}

impl EventDate {
    /// The precision of the value, `None` when undated.
    pub fn precision(&self) -> Option<DatePrecision> {
        self.value.map(|v| v.precision())
    }

    /// The span of days `[start, end)` the date covers, as days from the
    /// common era (`chrono::Datelike::num_days_from_ce`), or `None` when
    /// undated. A month or year narrowed by `early`/`mid`/`late` covers the
    /// first, middle or last third of it.
    pub fn day_span(&self) -> Option<(i32, i32)> {
        use chrono::Datelike as _;
        let day = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.num_days_from_ce());
        let v = self.value?;
        let (start, end) = match v.precision() {
            DatePrecision::Day => {
                let s = day(v.year, v.month?, v.day?)?;
                return Some((s, s + 1));
            }
            DatePrecision::Month => {
                let m = v.month?;
                let s = day(v.year, m, 1)?;
                let e = if m == 12 {
                    day(v.year + 1, 1, 1)?
                } else {
                    day(v.year, m + 1, 1)?
                };
                (s, e)
            }
            DatePrecision::Year => (day(v.year, 1, 1)?, day(v.year + 1, 1, 1)?),
        };
        let len = end - start;
        Some(match self.qualifier {
            Some(DateQualifier::Early) => (start, start + len / 3),
            Some(DateQualifier::Mid) => (start + len / 3, start + 2 * len / 3),
            Some(DateQualifier::Late) => (start + 2 * len / 3, end),
            _ => (start, end),
        })
    }

    /// Human form: `2025-05, late`, `2025-05-28`, `undated`.
    pub fn display(&self) -> String {
        match (self.value, self.qualifier) {
            (Some(v), Some(q)) => format!("{v}, {}", q.as_str()),
            (Some(v), None) => v.to_string(),
            (None, _) => "undated".to_string(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct FlatDate {
    date: Option<PartialDate>,
    #[serde(default)]
    date_precision: Option<DatePrecision>,
    #[serde(default)]
    date_qualifier: Option<DateQualifier>,
    #[serde(default)]
    date_text: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    date_inferred: bool,
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FlatDate {
            date: self.value,
            date_precision: self.precision(),
            date_qualifier: self.qualifier,
            date_text: self.text.clone(),
            date_inferred: self.inferred && self.value.is_some(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let flat = FlatDate::deserialize(d)?;
        if let (Some(v), Some(p)) = (flat.date, flat.date_precision)
            && v.precision() != p
        {
            return Err(D::Error::custom(format!("date {v} does not have precision {p:?}")));
        }
        Ok(EventDate {
            value: flat.date,
            qualifier: flat.date_qualifier,
            text: flat.date_text,
            inferred: flat.date_inferred,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        for s in ["2025", "2025-05", "2025-05-28"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for s in ["2025-13", "2025-02-30", "25-01-01", "2025-1", "x"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn compatibility_and_order() {
        let m: PartialDate = "2025-05".parse().unwrap();
        let d: PartialDate = "2025-05-28".parse().unwrap();
        let o: PartialDate = "2025-06-01".parse().unwrap();
        assert!(m.compatible(&d) && d.compatible(&m));
        assert!(!m.compatible(&o));
        assert!(m < d && d < o);
    }

    #[test]
    fn flat_serde() {
        let e = EventDate {
            value: Some("2025-05".parse().unwrap()),
            qualifier: Some(DateQualifier::Late),
            text: Some("at the end of May".into()),
            inferred: false,
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["date"], "2025-05");
        assert_eq!(v["date_precision"], "month");
        assert_eq!(v["date_qualifier"], "late");
        let back: EventDate = serde_json::from_value(v).unwrap();
        assert_eq!(back, e);
        assert_eq!(e.display(), "2025-05, late");
    }
}
