//! `casewatch status` (where each defendant stands now: the census view) and
//! `casewatch cases` (the case list, paged, sorted and filtered from stored
//! summaries).

use anyhow::{Result, bail};
use casewatch_model::{PersonStatus, Standing};
use casewatch_store::{CasePage, CaseQuery, CaseSort, StatusQuery, StatusRow, Store};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::fmt::Write as _;
use std::path::Path;

/// Output format of `casewatch status`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFormat {
    /// An aligned table.
    Text,
    /// A JSON array of statuses with their case.
    Json,
    /// CSV with a header row (spreadsheets; a prison census).
    Csv,
}

/// `casewatch status`.
#[derive(Args, Debug)]
pub struct StatusArgs {
    /// Only people deprived of liberty: serving a sentence, in custody, under house arrest.
    #[arg(long)]
    in_custody: bool,
    /// Only cases of this country (ISO 3166-1 alpha-2 code, `KG`).
    #[arg(long)]
    country: Option<String>,
    /// Only this status (serving, in_custody, house_arrest, convicted_in_absentia,
    /// travel_ban, charges_pending, released, acquitted, unknown).
    #[arg(long)]
    status: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    format: StatusFormat,
}

fn standing(s: &str) -> Result<Standing> {
    s.parse::<Standing>().map_err(|_| {
        let all: Vec<&str> = Standing::ALL.iter().map(|s| s.as_str()).collect();
        anyhow::anyhow!("unknown status {s:?}: one of {}", all.join(", "))
    })
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The JSON object of one status (with its case).
pub fn status_json(r: &StatusRow) -> serde_json::Value {
    let s = &r.status;
    json!({
        "case": r.case, "case_title": r.case_title, "country": r.country,
        "person": s.person, "name": s.name, "status": s.status.as_str(), "status_label": s.status.label(),
        "since": opt(&s.since), "term": s.term, "until": opt(&s.until), "entry": s.entry,
        "as_of": opt(&s.as_of), "set_by_reviewer": s.overridden, "note": s.note,
    })
}

/// Runs `casewatch status`.
pub fn status(db: &Path, a: &StatusArgs) -> Result<()> {
    let store = Store::open(db)?;
    let rows = store.statuses(&StatusQuery {
        held: a.in_custody,
        country: a.country.clone(),
        standing: a.status.as_deref().map(standing).transpose()?,
        ..StatusQuery::default()
    })?;
    let out = match a.format {
        StatusFormat::Json => serde_json::to_string_pretty(&rows.iter().map(status_json).collect::<Vec<_>>())? + "\n",
        StatusFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "person",
                "name",
                "status",
                "since",
                "term",
                "until",
                "entry",
                "as_of",
                "set_by_reviewer",
                "note",
                "case",
                "case_title",
                "country",
            ])?;
            // A cell that a spreadsheet would read as a formula is neutralised with a leading quote.
            let safe = |c: &str| {
                if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{c}")
                } else {
                    c.to_string()
                }
            };
            for r in &rows {
                let s = &r.status;
                let cells: [String; 13] = [
                    s.person.clone(),
                    s.name.clone(),
                    s.status.label().to_string(),
                    opt(&s.since),
                    s.term.clone().unwrap_or_default(),
                    opt(&s.until),
                    s.entry.clone().unwrap_or_default(),
                    opt(&s.as_of),
                    if s.overridden { "yes" } else { "no" }.to_string(),
                    s.note.clone().unwrap_or_default(),
                    r.case.clone(),
                    r.case_title.clone(),
                    r.country.clone().unwrap_or_default(),
                ];
                w.write_record(cells.iter().map(|c| safe(c)))?;
            }
            String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?)?
        }
        StatusFormat::Text => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{:<6} {:<26} {:<22} {:<10} {:<10} {:<6} {:<10} {:<5} {:<3} term",
                "person", "name", "status", "since", "until", "entry", "as of", "case", "cc"
            );
            for r in &rows {
                let s = &r.status;
                let _ = writeln!(
                    out,
                    "{:<6} {:<26} {:<22} {:<10} {:<10} {:<6} {:<10} {:<5} {:<3} {}",
                    s.person,
                    crate::render::truncate(&s.name, 26),
                    format!("{}{}", s.status.label(), if s.overridden { "*" } else { "" }),
                    opt(&s.since),
                    opt(&s.until),
                    s.entry.as_deref().unwrap_or("-"),
                    opt(&s.as_of),
                    r.case,
                    r.country.as_deref().unwrap_or("-"),
                    s.term.as_deref().unwrap_or("")
                );
            }
            if rows.is_empty() {
                out.push_str("no defendants match\n");
            } else if rows.iter().any(|r| r.status.overridden) {
                out.push_str("* set by a reviewer\n");
            }
            out
        }
    };
    crate::print(&out)
}

/// Output format of `casewatch cases`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// An aligned table.
    Text,
    /// The case file of docs/casefile.md (`{"cases": [...]}`).
    Json,
}

/// `casewatch cases`.
#[derive(Args, Debug)]
pub struct CasesArgs {
    /// Output format (`json` is the case file of docs/casefile.md).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// Sort by: id, title, country, status, people, events, sources, first, last, reviewed.
    #[arg(long, default_value = "id")]
    sort: String,
    /// Sort in descending order.
    #[arg(long)]
    desc: bool,
    /// Page number (from 1); with --per-page.
    #[arg(long, default_value_t = 1)]
    page: u64,
    /// Cases per page (all when not given).
    #[arg(long)]
    per_page: Option<u64>,
    /// Only cases of this country (ISO code).
    #[arg(long)]
    country: Option<String>,
    /// Only cases with a defendant of this status (in_custody, serving, …).
    #[arg(long)]
    status: Option<String>,
    /// Only cases with an entry of this event type.
    #[arg(long = "type")]
    event_type: Option<String>,
}

fn summary_statuses(st: &[PersonStatus]) -> String {
    let mut counts: Vec<(Standing, usize)> = Vec::new();
    for s in st {
        match counts.iter_mut().find(|(k, _)| *k == s.status) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.status, 1)),
        }
    }
    counts.sort_by_key(|(s, _)| s.rank());
    counts
        .iter()
        .map(|(s, n)| {
            if *n > 1 {
                format!("{} ({n})", s.label())
            } else {
                s.label().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text table of a page of cases; then the articles in no case (`without`).
fn cases_text(page: &CasePage, without: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<5} {:<40} {:<3} {:<24} {:>6} {:>6} {:>7} {:>7}  {:<10}  {:<10}",
        "id", "title", "cc", "status", "people", "events", "sources", "related", "first", "last"
    );
    for c in &page.rows {
        let _ = writeln!(
            out,
            "{:<5} {:<40} {:<3} {:<24} {:>6} {:>6} {:>7} {:>7}  {:<10}  {:<10}",
            c.id,
            crate::render::truncate(&c.title, 40),
            c.country.as_deref().unwrap_or("-"),
            crate::render::truncate(&summary_statuses(&c.statuses), 24),
            c.people,
            c.events,
            c.sources,
            c.related,
            c.first_date.as_deref().unwrap_or("-"),
            c.last_date.as_deref().unwrap_or("-")
        );
    }
    if page.total as usize > page.rows.len() {
        let _ = writeln!(
            out,
            "({} of {} matching cases; --page N for more)",
            page.rows.len(),
            page.total
        );
    }
    if !without.is_empty() {
        let _ = writeln!(
            out,
            "\narticles without a case ({}; no legal event about a named defendant or outlet): {}",
            without.len(),
            without.join(", ")
        );
    }
    out
}

/// Runs `casewatch cases`.
pub fn cases(db: &Path, a: &CasesArgs) -> Result<()> {
    let store = Store::open(db)?;
    let Some(sort) = CaseSort::parse(&a.sort) else {
        let all: Vec<&str> = CaseSort::ALL.iter().map(|(_, n)| *n).collect();
        bail!("--sort {:?}: one of {}", a.sort, all.join(", "));
    };
    if a.page == 0 {
        bail!("--page counts from 1");
    }
    let filtered = a.country.is_some() || a.status.is_some() || a.event_type.is_some();
    if a.event_type
        .as_deref()
        .is_some_and(|t| t.parse::<casewatch_model::EventType>().is_err())
    {
        bail!(
            "--type {:?} is not an event type of docs/taxonomy.md",
            a.event_type.as_deref().unwrap_or("")
        );
    }
    let base = CaseQuery {
        country: a.country.clone(),
        standing: a.status.as_deref().map(standing).transpose()?,
        event_type: a.event_type.clone(),
        sort,
        descending: a.desc,
        ..CaseQuery::default()
    };
    // Without paging, every case, fetched a thousand at a time.
    let (rows, total) = match a.per_page {
        Some(n) => {
            let page = store.case_page(&CaseQuery {
                offset: (a.page - 1).saturating_mul(n.max(1)),
                limit: n.max(1),
                ..base
            })?;
            (page.rows, page.total)
        }
        None => {
            let mut rows = Vec::new();
            loop {
                let page = store.case_page(&CaseQuery {
                    offset: rows.len() as u64,
                    limit: 1000,
                    ..base.clone()
                })?;
                let done = page.rows.len() < 1000;
                rows.extend(page.rows);
                if done {
                    break (rows, page.total);
                }
            }
        }
    };
    let out = match a.format {
        ListFormat::Text => {
            let without = if filtered {
                Vec::new()
            } else {
                store.articles_without_case()?
            };
            cases_text(&CasePage { rows, total, all: 0 }, &without)
        }
        ListFormat::Json if !filtered && a.per_page.is_none() && sort == CaseSort::Id && !a.desc => {
            serde_json::to_string_pretty(&store.cases()?)? + "\n"
        }
        ListFormat::Json => {
            let mut cases = Vec::with_capacity(rows.len());
            for r in &rows {
                if let Some(c) = store.case(&r.id)? {
                    cases.push(c);
                }
            }
            serde_json::to_string_pretty(&json!({ "cases": cases }))? + "\n"
        }
    };
    crate::print(&out)
}
