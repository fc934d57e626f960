//! casewatch-export: the case file (`spec/casefile.md`) as JSON Lines, CSV (events, people), the four CSV files of Uwazi's import, and printable dossiers in Markdown and HTML; pure functions, no IO.
//!
//! * [`cases_jsonl`] — one case per line, in the case shape of `casefile.md`;
//! * [`events_csv`] — one row per timeline entry and subject (an entry with
//!   no subject is one row), with stable ids, date, precision, qualifier,
//!   status, review state, agent, place, detail, and the sources: article
//!   ids, headlines, outlets, URLs and dates separated by `|`, quotes
//!   separated by ` | `;
//! * [`people_csv`] — one row per person and case, every spelling separated by `|`;
//!   both CSV tables are written for spreadsheets: cells that a spreadsheet
//!   would run as a formula are neutralised ([`spreadsheet_cell`]);
//! * [`workbook_xlsx`] — the same two tables as the sheets of one Excel
//!   workbook (rust_xlsxwriter; every cell a string or a number, never a
//!   formula);
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
mod xlsx;

pub use dossier::{dossier_html, dossier_html_at, dossier_index_html, dossier_markdown, dossier_markdown_at};
pub use uwazi::{
    UWAZI_CASE, UWAZI_EVENT, UWAZI_IMPORT_ORDER, UWAZI_ORGANISATION, UWAZI_PEEK_BYTES, UWAZI_PERSON, UWAZI_TEMPLATES,
    UwaziFiles, UwaziOptions, UwaziProperty, UwaziTemplate, UwaziType, uwazi_date, uwazi_date_range, uwazi_export,
    uwazi_title,
};
pub use uwazi_check::{UWAZI_RESERVED_COLUMNS, check_uwazi_files};
pub use xlsx::workbook_xlsx;

use casewatch_model::{Case, CaseFile, Subject, TimelineEntry};

/// Why a CSV or XLSX export failed (only on an internal write error; the
/// inputs themselves cannot make it fail).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The CSV writer could not hand back its buffer.
    #[error("finishing CSV: {0}")]
    Finish(String),
    /// The XLSX writer failed.
    #[error("writing XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// The separator of multi-value CSV cells (article ids, URLs, spellings),
/// as Uwazi's CSV import expects.
pub const MULTI_VALUE_SEPARATOR: &str = "|";

/// The separator of quoted sentences in one CSV cell.
pub const QUOTE_SEPARATOR: &str = " | ";

/// The UTF-8 byte-order mark, which spreadsheet programs (Excel) need to
/// read a CSV file as UTF-8; prepend it with `casewatch export --bom`.
pub const UTF8_BOM: &str = "\u{feff}";

/// The columns of [`events_csv`] and the Events sheet of [`workbook_xlsx`],
/// in order.
pub const EVENT_COLUMNS: [&str; 21] = [
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
    "source_titles",
    "source_outlets",
    "source_urls",
    "source_dates",
    "quotes",
    "conflicts",
];

/// The columns of [`people_csv`] and the People sheet of
/// [`workbook_xlsx`], in order.
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

/// A cell made safe for a spreadsheet: a value that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula by Excel,
/// LibreOffice or Google Sheets (CSV injection, OWASP), so it gets a leading
/// `'`, which those programs show as text. Other values are unchanged.
pub fn spreadsheet_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
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

/// The outlet of a source as users see it: the name its article's metadata
/// gives (`Source::outlet`), else the site of its URL ([`source_outlet`]).
pub fn outlet_of(s: &casewatch_model::Source) -> Option<String> {
    s.outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .or_else(|| s.url.as_deref().and_then(source_outlet))
}

fn entry_cells(case: &Case, e: &TimelineEntry) -> Vec<String> {
    let per_source = |f: &dyn Fn(&casewatch_model::Source) -> String| -> String {
        e.sources.iter().map(f).collect::<Vec<_>>().join(MULTI_VALUE_SEPARATOR)
    };
    let urls: Vec<&str> = e.sources.iter().filter_map(|s| s.url.as_deref()).collect();
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
        per_source(&|s| s.article.clone()),
        per_source(&|s| s.title.as_deref().unwrap_or_default().replace(['|', '\n', '\r'], " ")),
        per_source(&|s| outlet_of(s).unwrap_or_default().replace(['|', '\n', '\r'], " ")),
        urls.join(MULTI_VALUE_SEPARATOR),
        per_source(&|s| s.published.map(|d| d.to_string()).unwrap_or_default()),
        quotes.join(QUOTE_SEPARATOR),
        conflicts.join(QUOTE_SEPARATOR),
    ]
}

/// The rows of the events table ([`EVENT_COLUMNS`]), unescaped.
pub(crate) fn event_rows(file: &CaseFile) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for case in &file.cases {
        for e in &case.events {
            let base = entry_cells(case, e);
            if e.subjects.is_empty() {
                rows.push(base.clone());
            }
            for s in &e.subjects {
                let mut row = base.clone();
                row[9] = subject_label(s);
                row[10] = opt(&s.reference);
                rows.push(row);
            }
        }
    }
    rows
}

/// How many of `entries` name each subject reference (an entry naming a
/// person twice counts once); linear in the entries and their subjects.
pub(crate) fn entries_per_subject<'a>(
    entries: impl Iterator<Item = &'a TimelineEntry>,
) -> std::collections::HashMap<&'a str, usize> {
    let mut counts = std::collections::HashMap::new();
    for e in entries {
        let mut refs: Vec<&str> = e.subjects.iter().filter_map(|s| s.reference.as_deref()).collect();
        refs.sort_unstable();
        refs.dedup();
        for r in refs {
            *counts.entry(r).or_insert(0) += 1;
        }
    }
    counts
}

/// The rows of the people table ([`PEOPLE_COLUMNS`]), unescaped; the last
/// cell (`events`) is a count.
pub(crate) fn people_rows(file: &CaseFile) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for case in &file.cases {
        let counts = entries_per_subject(case.events.iter());
        for p in &case.people {
            let events = counts.get(p.id.as_str()).copied().unwrap_or(0);
            rows.push(vec![
                p.id.clone(),
                case.id.clone(),
                p.name.clone(),
                p.variants.join(MULTI_VALUE_SEPARATOR),
                opt(&p.occupation),
                opt(&p.affiliation),
                p.former.map(|f| f.to_string()).unwrap_or_default(),
                p.role.as_str().to_string(),
                events.to_string(),
            ]);
        }
    }
    rows
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = w.into_inner().map_err(|e| ExportError::Finish(e.error().to_string()))?;
    // Every cell is a Rust string, so the buffer is UTF-8.
    String::from_utf8(bytes).map_err(|e| ExportError::Finish(e.to_string()))
}

fn spreadsheet_csv(columns: &[&str], rows: &[Vec<String>]) -> Result<String, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns)?;
    for row in rows {
        w.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()))?;
    }
    finish(w)
}

/// The timeline entries of every case as CSV for spreadsheets
/// ([`EVENT_COLUMNS`]): one row per entry and subject (`subject`,
/// `subject_id`), one row with empty subject cells for an entry without
/// subjects; per source (separated by `|`): article id, headline, outlet
/// (the URL's site), URL, publication date. Rejected entries are included,
/// with `review` = `rejected`. Every cell goes through [`spreadsheet_cell`]
/// (no formula injection); no byte-order mark (see [`UTF8_BOM`]).
///
/// Errors: only if the CSV writer fails internally.
pub fn events_csv(file: &CaseFile) -> Result<String, ExportError> {
    spreadsheet_csv(&EVENT_COLUMNS, &event_rows(file))
}

/// The people of every case as CSV for spreadsheets ([`PEOPLE_COLUMNS`]):
/// one row per person and case (a person in two cases has one id and two
/// rows); `variants` are every spelling separated by `|`; `former` is
/// `true`, `false` or empty; `events` counts the timeline entries naming the
/// person. Cells go through [`spreadsheet_cell`].
///
/// Errors: only if the CSV writer fails internally.
pub fn people_csv(file: &CaseFile) -> Result<String, ExportError> {
    spreadsheet_csv(&PEOPLE_COLUMNS, &people_rows(file))
}
