//! The `casewatch` command line: argument parsing, exit codes, progress and
//! output; every piece of logic lives in the library crates.

mod cmd_eval;
mod cmd_export;
mod cmd_review;
mod cmd_serve;
mod cmd_user;
mod render;

use anyhow::{Context, Result};
use casewatch_extract::Extractor;
use casewatch_ingest::{ReadOptions, read_paths};
use casewatch_store::{ArticleInput, InsertOutcome, Store};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// casewatch: turn news reports about the prosecution of journalists into
/// dated, source-linked case timelines.
#[derive(Parser, Debug)]
#[command(name = "casewatch", version, about, long_about = None)]
struct Cli {
    /// SQLite database file (created and migrated automatically).
    #[arg(long, global = true, env = "CASEWATCH_DB", default_value = "casewatch.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that read articles.
#[derive(clap::Args, Debug, Clone)]
struct ReadArgs {
    /// Files, directories (read recursively, sorted) or `-` for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// Largest input file accepted, in bytes (also the limit after gzip decompression).
    #[arg(long, default_value_t = 20_000_000)]
    max_bytes: u64,
    /// Extra lexicon files (TOML, the format of crates/extract/data/en.toml); repeatable.
    #[arg(long, env = "CASEWATCH_LEXICON", value_delimiter = ',')]
    lexicon: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract people, organisations, charges and events; print one record per article.
    Extract {
        #[command(flatten)]
        read: ReadArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RecordFormat::Jsonl)]
        format: RecordFormat,
        /// Print, per event, the rule, trigger, subjects, date and status cues that produced it (to stderr).
        #[arg(long)]
        explain: bool,
    },
    /// Read, extract and store articles, then rebuild the cases.
    Ingest {
        #[command(flatten)]
        read: ReadArgs,
        /// Articles stored per transaction.
        #[arg(long, default_value_t = 200)]
        batch: usize,
        /// After storing, print the timeline of every case the read articles belong to.
        #[arg(long)]
        print: bool,
    },
    /// List the cases.
    Cases {
        /// Output format (`json` is the case file of spec/casefile.md).
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print one case: people, charges and the timeline with sources.
    Case {
        /// Case id (`c1`).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CaseFormat::Text)]
        format: CaseFormat,
    },
    /// Full-text search over article text and evidence sentences.
    Search {
        /// FTS5 query: words, "phrases", AND/OR/NOT.
        query: String,
        /// Most hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Review the machine's work: confirm, reject or edit timeline entries; merge or split people; move articles.
    Review {
        #[command(subcommand)]
        action: cmd_review::ReviewCommand,
    },
    /// Print the audit log of review decisions (who, when, before and after).
    Log(cmd_review::LogArgs),
    /// Export cases: JSON Lines, CSV (events, people), or printable dossiers (Markdown, HTML).
    Export(cmd_export::ExportArgs),
    /// Manage web UI users (admin, editor, viewer).
    User {
        #[command(subcommand)]
        action: cmd_user::UserCommand,
    },
    /// Manage API tokens for scripts.
    Token {
        #[command(subcommand)]
        action: cmd_user::TokenCommand,
    },
    /// Serve the web UI and JSON API (default 127.0.0.1:8080).
    Serve(cmd_serve::ServeArgs),
    /// Extract articles and score them against gold annotations (the rules of ../shared/eval/score.py).
    Eval(cmd_eval::EvalArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum RecordFormat {
    Jsonl,
    Json,
    Text,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CaseFormat {
    Text,
    Json,
    Markdown,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { read, format, explain } => extract(&read, format, explain),
        Command::Ingest { read, batch, print } => ingest(&cli.db, &read, batch.max(1), print),
        Command::Cases { format } => {
            let store = Store::open(&cli.db)?;
            let out = match format {
                ListFormat::Json => serde_json::to_string_pretty(&store.cases()?)? + "\n",
                ListFormat::Text => render::case_list(&store.case_summaries()?, &store.articles_without_case()?),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Case { id, format } => {
            let store = Store::open(&cli.db)?;
            let Some(case) = store.case(&id)? else {
                eprintln!("error: no case {id:?} in {} (see `casewatch cases`)", cli.db.display());
                return Ok(ExitCode::from(1));
            };
            let out = match format {
                CaseFormat::Json => serde_json::to_string_pretty(&case)? + "\n",
                CaseFormat::Text => render::case_text(&case),
                CaseFormat::Markdown => casewatch_export::dossier_markdown(&case),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Review { action } => cmd_review::review(&cli.db, action).map(|()| ExitCode::SUCCESS),
        Command::Log(args) => cmd_review::log(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => cmd_export::export(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::User { action } => cmd_user::user(&cli.db, action).map(|()| ExitCode::SUCCESS),
        Command::Token { action } => cmd_user::token(&cli.db, action).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => cmd_serve::serve(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::Eval(args) => cmd_eval::run(&args),
        Command::Search { query, limit } => {
            let store = Store::open(&cli.db)?;
            print(&render::search_hits(&store.search(&query, limit)?))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes()).context("writing to standard output")?;
    out.flush().context("writing to standard output")
}

fn extractor(read: &ReadArgs) -> Result<Extractor> {
    let mut ex = Extractor::english().context("loading the built-in lexicon")?;
    for path in &read.lexicon {
        ex.add_lexicon(path)?;
    }
    Ok(ex)
}

fn read_options(read: &ReadArgs) -> ReadOptions {
    ReadOptions {
        max_bytes: read.max_bytes,
        published: read.published,
    }
}

fn extract(read: &ReadArgs, format: RecordFormat, explain: bool) -> Result<ExitCode> {
    let ex = extractor(read)?;
    let mut failed = 0usize;
    let mut first = true;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == RecordFormat::Json {
        out.write_all(b"[")?;
    }
    for item in read_paths(&read.paths, &read_options(read)) {
        let article = match item {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        for w in &article.warnings {
            eprintln!("warning: {}: {w}", article.source);
        }
        let extraction = ex.extract(article.meta("en"), &article.body);
        if explain {
            eprint!("{}", render::explanation(&extraction));
        }
        match format {
            RecordFormat::Jsonl => {
                serde_json::to_writer(&mut out, &extraction.record)?;
                out.write_all(b"\n")?;
            }
            RecordFormat::Json => {
                out.write_all(if first { b"\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut out, &extraction.record)?;
            }
            RecordFormat::Text => out.write_all(render::record_text(&extraction.record).as_bytes())?,
        }
        first = false;
    }
    if format == RecordFormat::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush().context("writing to standard output")?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Counters for the closing summary of `ingest`.
#[derive(Default, Debug)]
struct Tally {
    read: usize,
    new: usize,
    duplicates: usize,
    failed: usize,
    events: usize,
}

fn ingest(db: &std::path::Path, read: &ReadArgs, batch_size: usize, print_cases: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let ex = extractor(read)?;
    let mut store = Store::open(db)?;
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {pos} articles read {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut tally = Tally::default();
    let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut pending: Vec<(casewatch_model::ExtractRecord, String)> = Vec::new();
    for item in read_paths(&read.paths, &read_options(read)) {
        match item {
            Ok(article) => {
                tally.read += 1;
                bar.inc(1);
                if print_cases {
                    seen.insert(article.id.clone());
                }
                for w in &article.warnings {
                    bar.suspend(|| eprintln!("warning: {}: {w}", article.source));
                }
                if store.contains(&article.sha256)? {
                    tally.duplicates += 1;
                    continue;
                }
                let rec = ex.extract(article.meta("en"), &article.body).record;
                pending.push((rec, article.body));
                if pending.len() >= batch_size {
                    flush(&mut store, &mut pending, &mut tally, &bar)?;
                }
            }
            Err(e) => {
                tally.failed += 1;
                bar.suspend(|| eprintln!("error: {e}"));
            }
        }
        bar.set_message(format!(
            "({} new, {} duplicates, {} failed)",
            tally.new, tally.duplicates, tally.failed
        ));
    }
    flush(&mut store, &mut pending, &mut tally, &bar)?;
    bar.finish_and_clear();
    if tally.new > 0 {
        rebuild_cases(&mut store)?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "read {} articles: {} new, {} duplicates{}, {} failed; {} events extracted; {:.2} s",
        tally.read,
        tally.new,
        tally.duplicates,
        if tally.new == 0 && tally.duplicates > 0 {
            " (nothing added)"
        } else {
            ""
        },
        tally.failed,
        tally.events,
        secs
    );
    if print_cases {
        let mut out = String::new();
        for case in store.cases()?.cases {
            if case.articles.iter().any(|a| seen.contains(a)) {
                out.push_str(&render::case_text(&case));
                out.push('\n');
            }
        }
        print(&out)?;
    }
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Stores the pending articles in one transaction; if the batch is refused by
/// a constraint, stores them one by one so that one bad record fails alone.
fn flush(
    store: &mut Store,
    pending: &mut Vec<(casewatch_model::ExtractRecord, String)>,
    tally: &mut Tally,
    bar: &indicatif::ProgressBar,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let inputs: Vec<ArticleInput<'_>> = pending
        .iter()
        .map(|(r, b)| ArticleInput { record: r, body: b })
        .collect();
    match store.insert_articles(&inputs) {
        Ok(outcomes) => count(&outcomes, pending, tally),
        Err(e) if e.is_constraint_violation() => {
            for i in 0..pending.len() {
                let (rec, body) = &pending[i];
                match store.insert_articles(&[ArticleInput { record: rec, body }]) {
                    Ok(o) => count(&o, &pending[i..=i], tally),
                    Err(e) => {
                        tally.failed += 1;
                        bar.suspend(|| eprintln!("error: {}: not stored: {e}", rec.article.source));
                    }
                }
            }
        }
        Err(e) => return Err(e.into()),
    }
    pending.clear();
    Ok(())
}

fn count(outcomes: &[InsertOutcome], records: &[(casewatch_model::ExtractRecord, String)], tally: &mut Tally) {
    for (o, (rec, _)) in outcomes.iter().zip(records) {
        match o {
            InsertOutcome::New => {
                tally.new += 1;
                tally.events += rec.events.len();
            }
            InsertOutcome::Duplicate => tally.duplicates += 1,
        }
    }
}

/// Reconciles the newly stored articles into the cases they affect (ids
/// stay stable; reviewer decisions are kept).
fn rebuild_cases(store: &mut Store) -> Result<()> {
    store.update_cases()?;
    Ok(())
}
