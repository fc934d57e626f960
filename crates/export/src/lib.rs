//! casewatch-export: the case file (`spec/casefile.md`) as JSON Lines, CSV (events, people), the four CSV files of Uwazi's import, and printable dossiers in Markdown and HTML; pure functions, no IO.
//!
//! * [`cases_jsonl`] — one case per line, in the case shape of `casefile.md`;
//! * [`events_csv`] — one row per timeline entry and subject (an entry with
//!   no subject is one row), with stable ids, date, precision, qualifier,
//!   status, review state, agent, place, detail, and the sources: article ids
//!   and URLs separated by `|` (the multi-value separator of Uwazi's CSV
//!   import), quotes separated by ` | `;
//! * [`people_csv`] — one row per person and case, every spelling separated by `|`;
//! * [`uwazi_export`] — the four CSV files of Uwazi's CSV import (cases,
//!   organisations, people, events; one Uwazi template each, imported in
//!   [`UWAZI_IMPORT_ORDER`]), with unique titles and relationship columns by
//!   title (module `uwazi`);
//! * [`dossier_markdown`], [`dossier_html`] — one case for print: summary,
//!   people, charges and the timeline with numbered citations of the sources.
//!   Entries a reviewer rejected are left out of the dossier (and counted in
//!   its summary); the JSON and CSV exports keep them with their review state.
//!
//! ```
//! use casewatch_model::CaseFile;
//! let file = CaseFile::default();
//! assert_eq!(casewatch_export::cases_jsonl(&file), "");
//! assert!(casewatch_export::events_csv(&file).unwrap().starts_with("event_id,case_id,"));
//! ```

mod dossier;
pub mod labels;
mod uwazi;
mod uwazi_check;

pub use dossier::{dossier_html, dossier_markdown};
pub use uwazi::{
    UWAZI_CASE, UWAZI_EVENT, UWAZI_IMPORT_ORDER, UWAZI_ORGANISATION, UWAZI_PEEK_BYTES, UWAZI_PERSON, UWAZI_TEMPLATES,
    UwaziFiles, UwaziOptions, UwaziProperty, UwaziTemplate, UwaziType, uwazi_date, uwazi_date_range, uwazi_export,
    uwazi_title,
};
pub use uwazi_check::{UWAZI_RESERVED_COLUMNS, check_uwazi_files};

use casewatch_model::{Case, CaseFile, Subject, TimelineEntry};

/// Why a CSV export failed (only on an internal write error; the inputs
/// themselves cannot make it fail).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The CSV writer could not hand back its buffer.
    #[error("finishing CSV: {0}")]
    Finish(String),
}

/// The separator of multi-value CSV cells (article ids, URLs, spellings),
/// as Uwazi's CSV import expects.
pub const MULTI_VALUE_SEPARATOR: &str = "|";

/// The separator of quoted sentences in one CSV cell.
pub const QUOTE_SEPARATOR: &str = " | ";

/// The columns of [`events_csv`], in order.
pub const EVENT_COLUMNS: [&str; 19] = [
    "event_id",
    "case_id",
    "case_title",
    "type",
    "date",
    "date_precision",
    "date_qualifier",
    "status",
    "review",
    "subject",
    "subject_id",
    "agent",
    "place",
    "detail",
    "source_articles",
    "source_urls",
    "source_dates",
    "quotes",
    "conflicts",
];

/// The columns of [`people_csv`], in order.
pub const PEOPLE_COLUMNS: [&str; 9] = [
    "person_id",
    "case_id",
    "name",
    "variants",
    "occupation",
    "affiliation",
    "former",
    "role",
    "events",
];

/// Every case of `file` as one JSON object per line (the case shape of
/// `casefile.md`), each line ending with `\n`; empty for no cases.
pub fn cases_jsonl(file: &CaseFile) -> String {
    let mut out = String::new();
    for case in &file.cases {
        match serde_json::to_string(case) {
            Ok(line) => out.push_str(&line),
            // The model types always serialise; keep the line count right if not.
            Err(e) => out.push_str(&serde_json::json!({"id": case.id, "error": e.to_string()}).to_string()),
        }
        out.push('\n');
    }
    out
}

/// How a subject is shown: its name, else its group description (with the
/// head count when stated), else empty.
pub fn subject_label(s: &Subject) -> String {
    match (&s.name, &s.group, s.count) {
        (Some(n), _, _) => n.clone(),
        (None, Some(g), _) => g.clone(),
        (None, None, Some(n)) => format!("{n} unnamed"),
        (None, None, None) => String::new(),
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn entry_cells(case: &Case, e: &TimelineEntry) -> Vec<String> {
    let articles: Vec<&str> = e.sources.iter().map(|s| s.article.as_str()).collect();
    let urls: Vec<&str> = e.sources.iter().filter_map(|s| s.url.as_deref()).collect();
    let dates: Vec<String> = e
        .sources
        .iter()
        .map(|s| s.published.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let quotes: Vec<String> = e
        .sources
        .iter()
        .map(|s| s.sentence.replace(['\n', '\r'], " "))
        .collect();
    let conflicts: Vec<String> = e
        .conflicts
        .iter()
        .map(|c| format!("{}={} ({})", c.field, c.value, c.sources.join(",")))
        .collect();
    vec![
        e.id.clone(),
        case.id.clone(),
        case.title.clone(),
        e.event_type.as_str().to_string(),
        e.date.value.map(|d| d.to_string()).unwrap_or_default(),
        e.date
            .precision()
            .map(|p| format!("{p:?}").to_lowercase())
            .unwrap_or_default(),
        e.date.qualifier.map(|q| q.as_str().to_string()).unwrap_or_default(),
        e.status.as_str().to_string(),
        e.review.as_str().to_string(),
        String::new(),
        String::new(),
        e.agent.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
        opt(&e.place),
        opt(&e.detail),
        articles.join(MULTI_VALUE_SEPARATOR),
        urls.join(MULTI_VALUE_SEPARATOR),
        dates.join(MULTI_VALUE_SEPARATOR),
        quotes.join(QUOTE_SEPARATOR),
        conflicts.join(QUOTE_SEPARATOR),
    ]
}

/// The site an article URL belongs to, as its outlet when no other is
/// known: the host without a leading `www.` (`https://www.example.org/a` →
/// `example.org`); `None` for a URL without a host (or not a URL).
pub fn source_outlet(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = w.into_inner().map_err(|e| ExportError::Finish(e.error().to_string()))?;
    // Every cell is a Rust string, so the buffer is UTF-8.
    String::from_utf8(bytes).map_err(|e| ExportError::Finish(e.to_string()))
}

/// The timeline entries of every case as CSV ([`EVENT_COLUMNS`]): one row
/// per entry and subject (`subject`, `subject_id`), one row with empty
/// subject cells for an entry without subjects. Rejected entries are
/// included, with `review` = `rejected`.
///
/// Errors: only if the CSV writer fails internally.
pub fn events_csv(file: &CaseFile) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(EVENT_COLUMNS)?;
    for case in &file.cases {
        for e in &case.events {
            let base = entry_cells(case, e);
            if e.subjects.is_empty() {
                w.write_record(&base)?;
            }
            for s in &e.subjects {
                let mut row = base.clone();
                row[9] = subject_label(s);
                row[10] = opt(&s.reference);
                w.write_record(&row)?;
            }
        }
    }
    finish(w)
}

/// The people of every case as CSV ([`PEOPLE_COLUMNS`]): one row per person
/// and case (a person in two cases has one id and two rows); `variants` are
/// every spelling separated by `|`; `former` is `true`, `false` or empty;
/// `events` counts the timeline entries naming the person.
///
/// Errors: only if the CSV writer fails internally.
pub fn people_csv(file: &CaseFile) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(PEOPLE_COLUMNS)?;
    for case in &file.cases {
        for p in &case.people {
            let events = case
                .events
                .iter()
                .filter(|e| e.subjects.iter().any(|s| s.reference.as_deref() == Some(p.id.as_str())))
                .count();
            w.write_record([
                p.id.clone(),
                case.id.clone(),
                p.name.clone(),
                p.variants.join(MULTI_VALUE_SEPARATOR),
                opt(&p.occupation),
                opt(&p.affiliation),
                p.former.map(|f| f.to_string()).unwrap_or_default(),
                p.role.as_str().to_string(),
                events.to_string(),
            ])?;
        }
    }
    finish(w)
}
