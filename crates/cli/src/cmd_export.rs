//! `casewatch export`: the case file as JSON Lines, CSV (events, people), Uwazi's four import files or printable dossiers (Markdown, HTML), to standard output, a file or a directory.

use anyhow::{Context as _, Result, bail};
use casewatch_model::CaseFile;
use casewatch_store::Store;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// Export formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One case per line (spec/casefile.md shape).
    Jsonl,
    /// events.csv (one row per entry and subject) and people.csv, for
    /// spreadsheets (formula cells neutralised; --bom for Excel).
    Csv,
    /// One Excel workbook, sheets Events and People (needs --out FILE or DIR).
    Xlsx,
    /// cases.csv, organisations.csv, people.csv, events.csv for Uwazi's CSV
    /// import (one template each; needs --out DIR).
    Uwazi,
    /// A printable dossier per case, Markdown.
    Markdown,
    /// A printable dossier per case, HTML.
    Html,
}

/// Which CSV table goes to standard output or a single file.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvTable {
    /// Timeline entries × subjects.
    Events,
    /// People with every spelling.
    People,
}

/// `casewatch export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Only this case.
    #[arg(long)]
    case: Option<String>,
    /// A file, or a directory (existing, or ending in `/`): `cases.jsonl`,
    /// `events.csv` + `people.csv`, `casewatch.xlsx`, the four Uwazi files,
    /// or one `<case>.md` / `<case>.html` per case (HTML with an
    /// `index.html`). Default: standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// With `--format csv` to standard output or one file: which table.
    #[arg(long, value_enum, default_value_t = CsvTable::Events)]
    table: CsvTable,
    /// With `--format csv`: begin each file with a UTF-8 byte-order mark,
    /// which Excel needs to read accents and non-Latin scripts right.
    #[arg(long)]
    bom: bool,
    /// With `--format uwazi`: also export entries a reviewer rejected
    /// (marked "rejected"); by default they are left out.
    #[arg(long)]
    include_rejected: bool,
}

fn is_dir(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Runs the export.
pub fn export(db: &Path, args: &ExportArgs) -> Result<()> {
    let store = Store::open(db)?;
    let file = match &args.case {
        Some(id) => {
            let resolved = store.resolve_id(id)?;
            let Some(case) = store.case(&resolved)? else {
                bail!("no case {id:?} in {} (see `casewatch cases`)", db.display());
            };
            CaseFile { cases: vec![case] }
        }
        None => store.cases()?,
    };
    let mut written: Vec<PathBuf> = Vec::new();
    match args.format {
        ExportFormat::Jsonl => {
            let text = casewatch_export::cases_jsonl(&file);
            match &args.out {
                None => crate::print(&text)?,
                Some(p) => {
                    let target = if is_dir(p) { p.join("cases.jsonl") } else { p.clone() };
                    write(&target, &text)?;
                    written.push(target);
                }
            }
        }
        ExportFormat::Csv => {
            let bom = if args.bom { casewatch_export::UTF8_BOM } else { "" };
            let events = format!("{bom}{}", casewatch_export::events_csv(&file)?);
            let people = format!("{bom}{}", casewatch_export::people_csv(&file)?);
            let chosen = match args.table {
                CsvTable::Events => &events,
                CsvTable::People => &people,
            };
            match &args.out {
                None => crate::print(chosen)?,
                Some(p) if is_dir(p) => {
                    for (name, text) in [("events.csv", &events), ("people.csv", &people)] {
                        write(&p.join(name), text)?;
                        written.push(p.join(name));
                    }
                }
                Some(p) => {
                    write(p, chosen)?;
                    written.push(p.clone());
                }
            }
        }
        ExportFormat::Xlsx => {
            let Some(p) = &args.out else {
                bail!("--format xlsx writes a binary workbook: give --out FILE.xlsx or --out DIR/");
            };
            let target = if is_dir(p) { p.join("casewatch.xlsx") } else { p.clone() };
            let bytes = casewatch_export::workbook_xlsx(&file)?;
            if let Some(parent) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&target, bytes).with_context(|| format!("writing {}", target.display()))?;
            written.push(target);
        }
        ExportFormat::Uwazi => {
            let Some(dir) = &args.out else {
                bail!("--format uwazi writes four files: give --out DIR/");
            };
            if dir.is_file() {
                bail!(
                    "--format uwazi writes four files into a directory, but {} is a file",
                    dir.display()
                );
            }
            let files = casewatch_export::uwazi_export(
                &file,
                casewatch_export::UwaziOptions {
                    include_rejected: args.include_rejected,
                },
            )?;
            let problems = casewatch_export::check_uwazi_files(&files);
            if !problems.is_empty() {
                bail!(
                    "the Uwazi files break Uwazi's import rules (a casewatch bug; nothing written):\n  {}",
                    problems.join("\n  ")
                );
            }
            for (name, text) in files.in_import_order() {
                let target = dir.join(name);
                write(&target, text)?;
                written.push(target);
            }
        }
        ExportFormat::Markdown | ExportFormat::Html => {
            // One time stamp for every dossier and the index of this export.
            let now = chrono::Utc::now();
            let html = args.format == ExportFormat::Html;
            let ext = if html { "html" } else { "md" };
            let render = |case: &casewatch_model::Case| {
                if html {
                    casewatch_export::dossier_html_at(case, now)
                } else {
                    casewatch_export::dossier_markdown_at(case, now)
                }
            };
            match &args.out {
                Some(p) if is_dir(p) || file.cases.len() > 1 => {
                    for case in &file.cases {
                        let target = p.join(format!("{}.{ext}", case.id));
                        write(&target, &render(case))?;
                        written.push(target);
                    }
                    if html {
                        let target = p.join("index.html");
                        write(&target, &casewatch_export::dossier_index_html(&file, now))?;
                        written.push(target);
                    }
                }
                Some(p) => {
                    let text = file.cases.first().map(render).unwrap_or_default();
                    write(p, &text)?;
                    written.push(p.clone());
                }
                None if html && file.cases.len() > 1 => {
                    bail!("one HTML page per case: give --case ID, or --out DIR for every case");
                }
                None => {
                    let pages: Vec<String> = file.cases.iter().map(render).collect();
                    crate::print(&pages.join("\n---\n\n"))?;
                }
            }
        }
    }
    if !written.is_empty() {
        eprintln!(
            "exported {} case{} to {}",
            file.cases.len(),
            if file.cases.len() == 1 { "" } else { "s" },
            written
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}
