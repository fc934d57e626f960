//! Shared helpers of the table-driven extraction tests: extract a short
//! fictional text and render its events as `type@date:subject+subject/status`.
#![allow(dead_code)]

use casewatch_extract::Extractor;
use casewatch_model::{ArticleMeta, ExtractRecord, Status};
use std::sync::OnceLock;

pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::english().expect("built-in lexicon"))
}

pub fn extract(text: &str, published: &str) -> ExtractRecord {
    let meta = ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        title: None,
        language: "en".into(),
        sha256: "0".repeat(64),
        url: None,
    };
    extractor().extract(meta, text).record
}

/// The extractor with every language pack (English, Russian, French).
pub fn multilingual() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::multilingual().expect("built-in lexicons and dictionary"))
}

/// Extracts `text` as an article in `language` (ISO 639-1) with every pack
/// loaded: short test texts are too short for language identification.
pub fn extract_in(language: &str, text: &str, published: &str) -> ExtractRecord {
    let meta = ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        title: None,
        language: language.into(),
        sha256: "0".repeat(64),
        url: None,
    };
    multilingual().extract(meta, text).record
}

/// The events of a record as `type@date:subject+subject/status` strings
/// (date `-` when none, status omitted when `occurred`, groups in brackets),
/// in evidence order, repeats removed.
pub fn render(r: &ExtractRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &r.events {
        let mut subjects: Vec<String> = e
            .subjects
            .iter()
            .map(|s| match (&s.name, &s.group) {
                (Some(n), _) => n.clone(),
                (None, Some(g)) => format!("[{g}]"),
                _ => "?".into(),
            })
            .collect();
        subjects.sort();
        let status = if e.status == Status::Occurred {
            String::new()
        } else {
            format!("/{}", e.status)
        };
        let date = e.date.value.map_or("-".to_string(), |d| d.to_string());
        let s = format!("{}@{}:{}{}", e.event_type, date, subjects.join("+"), status);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Extracts `text` published on `published` and compares its events with `expected`.
pub fn check(text: &str, published: &str, expected: &[&str]) -> Result<(), String> {
    let got = render(&extract(text, published));
    if got == expected {
        Ok(())
    } else {
        Err(format!("{text}\n    expected {expected:?}\n    got      {got:?}"))
    }
}

/// Runs a table of cases and reports every failure at once.
pub fn run(cases: &[(&str, &str, &[&str])]) {
    let failures: Vec<String> = cases.iter().filter_map(|(t, p, e)| check(t, p, e).err()).collect();
    report(cases.len(), &failures);
}

/// Runs a table of cases in `language` (every pack loaded), all published on
/// `published`, and reports every failure at once.
pub fn run_in(language: &str, published: &str, cases: &[(&str, &[&str])]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(t, e)| {
            let got = render(&extract_in(language, t, published));
            (got != *e).then(|| format!("{t}\n    expected {e:?}\n    got      {got:?}"))
        })
        .collect();
    report(cases.len(), &failures);
}

/// Fails with every failure of a table of `n` cases, if any.
fn report(n: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        n,
        failures.join("\n")
    );
}
