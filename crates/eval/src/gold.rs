//! The gold annotation format (`../shared/eval/dev/gold.jsonl`, one article
//! per line) and its parser, keeping exactly the fields score.py reads.
//!
//! A line is an object with `id` (the article id), `people` (`name`,
//! `variants`) and `events` (`type`, `date`, `status`, `subjects`: names of
//! people). Other fields (`published`, `case`, `organizations`, `charges`,
//! events' `groups`, `agent`, `detail`, …) are accepted and ignored, as
//! score.py ignores them. Missing-versus-null distinctions that change
//! score.py's result are kept: an event with no `status` key is `occurred`,
//! one with `"status": null` has no status at all.

use serde::{Deserialize, Deserializer};

/// One gold article: the people and events an annotator found in it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldArticle {
    /// The article id, compared with the extraction record's `article.id`.
    pub id: String,
    /// People of the article (`people`; missing or null is empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub people: Vec<GoldPerson>,
    /// Events of the article (`events`; missing or null is empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub events: Vec<GoldEvent>,
}

/// A gold person: a name and its other spellings in the article.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldPerson {
    /// The canonical name. The key is required (score.py reads `p["name"]`);
    /// a null name matches nothing.
    #[serde(deserialize_with = "required_nullable")]
    pub name: Option<String>,
    /// Other spellings (missing or null is empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub variants: Vec<String>,
}

/// A gold event, reduced to what is scored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldEvent {
    /// The event type as written; events whose type is not one of the 24
    /// taxonomy ids (for example `other`) or not a string are not scored.
    #[serde(rename = "type", default, deserialize_with = "string_or_none")]
    pub event_type: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `None` (missing or null).
    #[serde(default)]
    pub date: Option<String>,
    /// The status: `Some("occurred")` when the key is missing, `None` when it
    /// is null (or not a string).
    #[serde(default = "occurred", deserialize_with = "string_or_none")]
    pub status: Option<String>,
    /// Names of the people the event happens to; an empty list (or only
    /// null/empty names) makes one subject-less assertion.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subjects: Vec<Option<String>>,
}

fn occurred() -> Option<String> {
    Some("occurred".to_string())
}

fn null_as_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn required_nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

fn string_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    })
}

/// Why a gold file could not be read; every variant names the 1-based line.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The bytes are not UTF-8.
    #[error("line {line}: not UTF-8 (byte {offset})")]
    Utf8 {
        /// Line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte in the file.
        offset: usize,
    },
    /// The line is not JSON.
    #[error("line {line}: not JSON: {source}")]
    Json {
        /// The line.
        line: usize,
        /// The parser's error.
        source: serde_json::Error,
    },
    /// The line is JSON but not a gold record (no `id`, a non-string date, …).
    #[error("line {line}: not a gold record: {source}")]
    Record {
        /// The line.
        line: usize,
        /// What is wrong with it.
        source: serde_json::Error,
    },
}

impl GoldError {
    /// The 1-based line the error is on.
    pub fn line(&self) -> usize {
        match self {
            GoldError::Utf8 { line, .. } | GoldError::Json { line, .. } | GoldError::Record { line, .. } => *line,
        }
    }
}

/// Parses gold JSON Lines: one [`GoldArticle`] per non-blank line (lines are
/// trimmed, blank lines skipped, as score.py's `load_jsonl` does; a leading
/// byte-order mark is ignored).
pub fn parse_gold_jsonl(text: &str) -> Result<Vec<GoldArticle>, GoldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|source| GoldError::Json { line: line_no, source })?;
        let article = GoldArticle::deserialize(value).map_err(|source| GoldError::Record { line: line_no, source })?;
        out.push(article);
    }
    Ok(out)
}

/// [`parse_gold_jsonl`] on raw bytes, reporting invalid UTF-8 with its line.
pub fn parse_gold_bytes(bytes: &[u8]) -> Result<Vec<GoldArticle>, GoldError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_gold_jsonl(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            Err(GoldError::Utf8 { line, offset })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_fields_score_py_reads_and_ignores_the_rest() {
        let text = r#"
{"id": "a1", "published": "2025-01-02", "people": [{"name": "Dana Okafor", "variants": ["Okafor"], "occupation": "reporter"}], "events": [{"type": "detention", "date": "2025-01", "subjects": ["Dana Okafor"], "groups": ["x"]}, {"type": "other", "status": null, "subjects": [null]}]}

{"id": "a2", "people": null, "events": null}
"#;
        let gold = parse_gold_jsonl(text).unwrap();
        assert_eq!(gold.len(), 2);
        let e = &gold[0].events[0];
        assert_eq!(e.event_type.as_deref(), Some("detention"));
        assert_eq!(e.status.as_deref(), Some("occurred"));
        assert_eq!(e.date.as_deref(), Some("2025-01"));
        assert_eq!(gold[0].events[1].status, None);
        assert_eq!(gold[0].events[1].subjects, vec![None]);
        assert_eq!(gold[0].people[0].variants, vec!["Okafor".to_string()]);
        assert!(gold[1].people.is_empty() && gold[1].events.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse_gold_jsonl("{\"id\": \"a\"}\n\n{not json\n").unwrap_err();
        assert_eq!(err.line(), 3);
        assert!(err.to_string().starts_with("line 3: not JSON"), "{err}");
        let err = parse_gold_jsonl("{\"people\": []}\n").unwrap_err();
        assert!(matches!(err, GoldError::Record { line: 1, .. }), "{err}");
        let err = parse_gold_jsonl("{\"id\": \"a\", \"people\": [{\"variants\": []}]}").unwrap_err();
        assert!(err.to_string().contains("name"), "{err}");
        let err =
            parse_gold_jsonl("{\"id\": \"a\", \"events\": [{\"type\": \"search\", \"date\": 2025}]}").unwrap_err();
        assert!(matches!(err, GoldError::Record { line: 1, .. }));
        let err = parse_gold_bytes(b"{\"id\": \"a\"}\n{\"id\": \"\xff\"}\n").unwrap_err();
        assert!(matches!(err, GoldError::Utf8 { line: 2, offset: 20 }), "{err}");
    }
}
