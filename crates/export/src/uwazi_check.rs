//! Checks four Uwazi CSV files against the rules Uwazi's import relies on (headers, unique titles, relationship titles that exist, full dates), by reading them back as CSV.

use crate::uwazi::{UWAZI_PEEK_BYTES, UWAZI_TEMPLATES, UwaziFiles, UwaziTemplate, UwaziType};
use std::collections::{BTreeSet, HashMap};

/// Column names Uwazi's CSV import treats specially (entity id, document
/// file, attachments); none may be a header.
pub const UWAZI_RESERVED_COLUMNS: [&str; 3] = ["id", "file", "attachments"];

struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn read(name: &str, text: &str, problems: &mut Vec<String>) -> Table {
    if text.starts_with('\u{feff}') {
        problems.push(format!(
            "{name}: starts with a byte-order mark (Uwazi would read the first header as `_title`)"
        ));
    }
    let head = &text.as_bytes()[..text.len().min(UWAZI_PEEK_BYTES)];
    if head.iter().filter(|&&b| b == b'"').count() % 2 == 1 {
        problems.push(format!(
            "{name}: byte {UWAZI_PEEK_BYTES} falls inside a quoted cell (Uwazi's header check would fail)"
        ));
    }
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            problems.push(format!("{name}: unreadable header: {e}"));
            Vec::new()
        }
    };
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        match rec {
            Ok(rec) => rows.push(rec.iter().map(str::to_string).collect()),
            Err(e) => problems.push(format!("{name}: row {}: {e}", i + 2)),
        }
    }
    Table { header, rows }
}

fn is_full_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// Checks the four files and returns every problem found (empty when they
/// follow the rules):
///
/// * the first [`UWAZI_PEEK_BYTES`] bytes do not end inside a quoted cell;
/// * each header is its template's columns ([`UwaziTemplate::columns`]), no
///   BOM, no reserved column ([`UWAZI_RESERVED_COLUMNS`]);
/// * every row has a title: non-empty, trimmed, without `|` or line break,
///   unique in its file (ignoring case), and a unique `casewatch_id`;
/// * every value of a relationship cell is the title of a row of the target
///   template's file;
/// * dates are `YYYY-MM-DD` calendar days; date ranges `from:to` with each
///   side empty or a full date, not both empty, `from <= to`;
/// * numeric cells are numbers; select cells hold one label, without `|` or
///   `::`; link cells are `label|http(s) URL`.
pub fn check_uwazi_files(files: &UwaziFiles) -> Vec<String> {
    let mut problems = Vec::new();
    let texts = files.in_import_order();
    let tables: Vec<(UwaziTemplate, Table)> = UWAZI_TEMPLATES
        .iter()
        .zip(texts.iter())
        .map(|(t, (name, text))| (*t, read(name, text, &mut problems)))
        .collect();
    let mut titles: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (t, table) in &tables {
        let expected: Vec<&str> = t.columns();
        if table.header != expected {
            problems.push(format!(
                "{}: header {:?}, expected {:?}",
                t.file, table.header, expected
            ));
        }
        for h in &table.header {
            if UWAZI_RESERVED_COLUMNS.contains(&h.as_str()) {
                problems.push(format!("{}: reserved column `{h}`", t.file));
            }
        }
        let mut seen = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for (i, row) in table.rows.iter().enumerate() {
            let line = i + 2;
            if row.len() != table.header.len() {
                problems.push(format!(
                    "{}:{line}: {} cells for {} columns",
                    t.file,
                    row.len(),
                    table.header.len()
                ));
                continue;
            }
            let title = &row[0];
            if title.is_empty() || title.trim() != title || title.contains(['|', '\n', '\r']) {
                problems.push(format!("{}:{line}: bad title {title:?}", t.file));
            }
            if !seen.insert(title.to_lowercase()) {
                problems.push(format!("{}:{line}: title {title:?} is not unique", t.file));
            }
            if let Some(c) = table.header.iter().position(|h| h == "casewatch_id")
                && !ids.insert(row[c].clone())
            {
                problems.push(format!("{}:{line}: casewatch_id {:?} repeated", t.file, row[c]));
            }
        }
        titles.insert(t.name, table.rows.iter().filter_map(|r| r.first().cloned()).collect());
    }
    for (t, table) in &tables {
        for (i, row) in table.rows.iter().enumerate() {
            let line = i + 2;
            for p in t.properties {
                let Some(c) = table.header.iter().position(|h| h == p.name) else {
                    continue;
                };
                let Some(cell) = row.get(c) else { continue };
                if cell.is_empty() {
                    continue;
                }
                let bad = |why: &str| format!("{}:{line}: {} {cell:?}: {why}", t.file, p.name);
                match p.kind {
                    UwaziType::Relationship => {
                        let target = p.target.and_then(|n| titles.get(n));
                        for v in cell.split('|') {
                            if v.is_empty() || !target.is_some_and(|ts| ts.contains(v)) {
                                problems.push(bad(&format!(
                                    "{v:?} is no title of template {}",
                                    p.target.unwrap_or("?")
                                )));
                            }
                        }
                    }
                    UwaziType::Date => {
                        if !is_full_date(cell) {
                            problems.push(bad("not a full date YYYY-MM-DD"));
                        }
                    }
                    UwaziType::DateRange => match cell.split_once(':') {
                        Some((from, to))
                            if (from.is_empty() || is_full_date(from))
                                && (to.is_empty() || is_full_date(to))
                                && !(from.is_empty() && to.is_empty())
                                && (from.is_empty() || to.is_empty() || from <= to) => {}
                        _ => problems.push(bad("not a range from:to of full dates")),
                    },
                    UwaziType::Numeric => {
                        if cell.parse::<f64>().is_err() {
                            problems.push(bad("not a number"));
                        }
                    }
                    UwaziType::Select => {
                        if cell.contains('|') || cell.contains("::") {
                            problems.push(bad("a select holds one label without `|` or `::`"));
                        }
                    }
                    UwaziType::MultiSelect => {
                        if cell.contains("::") || cell.split('|').any(|v| v.trim().is_empty()) {
                            problems.push(bad("labels must be non-empty and without `::`"));
                        }
                    }
                    UwaziType::Link => match cell.split_once('|') {
                        Some((label, url))
                            if !label.is_empty()
                                && !url.contains('|')
                                && (url.starts_with("https://") || url.starts_with("http://")) => {}
                        _ => problems.push(bad("not `label|http(s) URL`")),
                    },
                    UwaziType::Text | UwaziType::Markdown => {}
                }
            }
        }
    }
    problems
}
