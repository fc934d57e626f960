//! The `casewatch` command line: argument parsing, exit codes, progress and
//! output; every piece of logic lives in the library crates.

/// The allocator: mimalloc instead of the system's (glibc malloc). A case
/// rebuild allocates and frees millions of small strings and vectors (parsed
/// names, stored rows, case records); under glibc, `malloc`, `free` and the
/// heap's consolidation took about a sixth of an incremental rebuild's time
/// at 190,000 generated articles (`perf`), and mimalloc made the first
/// increment of a process 10–20% faster at 10,000 and 190,000 articles
/// (ARCHITECTURE.md, "Session 20").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cmd_eval;
mod cmd_export;
mod cmd_extract;
mod cmd_id;
mod cmd_ingest;
mod cmd_review;
mod cmd_serve;
mod cmd_status;
mod cmd_user;
mod cmd_watch;
mod pipeline;
mod render;

use anyhow::{Context, Result};
use casewatch_extract::{Extractor, language};
use casewatch_ingest::{RawArticle, ReadOptions, read_paths};
use casewatch_store::Store;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Largest input file accepted, in bytes (also the limit after gzip decompression; for WARC the limit of each record, for JSONL of each line).
    #[arg(long, default_value_t = 20_000_000)]
    max_bytes: u64,
    /// Extra lexicon files (TOML, the format of crates/extract/data/en.toml); repeatable.
    #[arg(long, env = "CASEWATCH_LEXICON", value_delimiter = ',')]
    lexicon: Vec<PathBuf>,
    /// The article's URL, for an input that names none (one article: a text file or standard input).
    #[arg(long)]
    url: Option<String>,
    /// The article's headline, for an input that has none.
    #[arg(long)]
    title: Option<String>,
    /// The article's outlet ("Eastmere Courier"), for an input whose metadata names none.
    #[arg(long)]
    outlet: Option<String>,
}

impl ReadArgs {
    /// Gives `--url`, `--title` and `--outlet` to an article that has none.
    fn fill_meta(&self, article: &mut RawArticle) {
        if article.outlet.is_none() {
            article.outlet = self
                .outlet
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_string);
        }
        if article.url.is_none() {
            article.url.clone_from(&self.url);
        }
        if let Some(t) = &self.title {
            article.title = Some(t.clone());
        }
    }

    /// Refuses a `--url` that is not an http(s) URL.
    fn check(&self) -> Result<()> {
        if let Some(u) = &self.url
            && casewatch_model::outlet_of_url(u).is_none()
        {
            anyhow::bail!("--url {u:?} is not an http:// or https:// URL");
        }
        Ok(())
    }

    /// The page URLs among the paths (fetched over HTTP) and the rest.
    fn split_urls(&self) -> (Vec<String>, Vec<PathBuf>) {
        let (urls, files): (Vec<PathBuf>, Vec<PathBuf>) = self.paths.iter().cloned().partition(|p| {
            p.to_str()
                .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
        });
        (
            urls.iter().filter_map(|u| u.to_str().map(str::to_string)).collect(),
            files,
        )
    }
}

/// Reads the paths: page URLs fetched over HTTP first, then files.
fn read_all(read: &ReadArgs) -> Box<dyn Iterator<Item = Result<RawArticle, casewatch_ingest::InputError>>> {
    let (urls, files) = read.split_urls();
    let (max_bytes, published) = (read.max_bytes, read.published);
    let agent = (!urls.is_empty()).then(cmd_watch::agent);
    let fetched = urls.into_iter().filter_map(move |url| {
        let agent = agent.as_ref()?;
        Some(
            cmd_watch::fetch_page(agent, &url, max_bytes, published).map_err(|e| casewatch_ingest::InputError {
                path: url.clone(),
                line: None,
                reason: format!("{e:#}"),
            }),
        )
    });
    Box::new(fetched.chain(read_paths(&files, &read_options(read))))
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
        /// Build the cases of the new articles every this many stored articles (not only at the end), so that memory
        /// and each write transaction stay bounded however many articles one run reads.
        #[arg(long, default_value_t = 2000)]
        rebuild_every: usize,
        /// After storing, print the timeline of every case the read articles belong to.
        #[arg(long)]
        print: bool,
    },
    /// Reconcile the stored articles that are not in cases yet (after an interrupted ingest); `--all`: every article.
    Rebuild {
        /// Reconcile every stored article again (after changing the reconciliation settings).
        #[arg(long)]
        all: bool,
    },
    /// List the cases (with country and defendants' status), sorted, filtered and paged.
    Cases(cmd_status::CasesArgs),
    /// Where each defendant stands now (in custody, serving, released, …), from the timelines.
    Status(cmd_status::StatusArgs),
    /// The review queue: timeline entries no reviewer has decided on, newest sources first, with evidence.
    Queue(cmd_review::QueueArgs),
    /// Poll RSS/Atom feeds, fetch and ingest each new item's page, report new timeline entries per case.
    Watch(cmd_watch::WatchArgs),
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
    /// Look up the id of a case (by article or title), a person (by name) or a timeline entry (by type, subject, article).
    Id {
        #[command(subcommand)]
        what: cmd_id::IdCommand,
    },
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
        Command::Extract { read, format, explain } => cmd_extract::extract(&read, format, explain),
        Command::Ingest {
            read,
            batch,
            rebuild_every,
            print,
        } => cmd_ingest::ingest(&cli.db, &read, batch.max(1), rebuild_every.max(1), print),
        Command::Rebuild { all } => {
            let mut store = Store::open(&cli.db)?;
            store.set_page_cache_mib(casewatch_store::BULK_CACHE_MIB)?;
            store.set_bulk_checkpoints(true)?;
            let pending = store.unreconciled()?;
            let report = if all {
                store.rebuild_cases()?
            } else {
                store.update_cases()?
            };
            eprintln!(
                "{pending} articles were not in cases; reconciled {} articles into {} cases ({} replaced)",
                report.articles, report.cases_written, report.cases_removed
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Cases(args) => cmd_status::cases(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::Status(args) => cmd_status::status(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::Queue(args) => cmd_review::queue(&cli.db, &args).map(|()| ExitCode::SUCCESS),
        Command::Id { what } => cmd_id::run(&cli.db, &what).map(|()| ExitCode::SUCCESS),
        Command::Watch(args) => cmd_watch::watch(&cli.db, &args),
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
            let found = store.search_sentences(&query, limit)?;
            if let Some(n) = &found.notice {
                eprintln!("note: {n}");
            }
            print(&render::search_hits(&found.hits))?;
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
    let mut ex = Extractor::multilingual().context("loading the built-in lexicons and the Russian dictionary")?;
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

/// The notice for articles in languages without extraction, most frequent
/// first: "3 articles in languages without extraction (people and
/// organisations only, no events): fr 2, es 1"; `None` when there are none.
fn without_pack_note(counts: &std::collections::BTreeMap<&'static str, usize>) -> Option<String> {
    let total: usize = counts.values().sum();
    if total == 0 {
        return None;
    }
    let mut by_count: Vec<(&&str, &usize)> = counts.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let list = by_count
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!(
        "{total} article{} in languages without extraction (people and organisations only, no events): {list}",
        if total == 1 { "" } else { "s" }
    ))
}
