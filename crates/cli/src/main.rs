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
mod cmd_id;
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
        Command::Extract { read, format, explain } => extract(&read, format, explain),
        Command::Ingest {
            read,
            batch,
            rebuild_every,
            print,
        } => ingest(&cli.db, &read, batch.max(1), rebuild_every.max(1), print),
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

/// `extract`'s side of the pipeline ([`pipeline::ChunkSink`]): fills each
/// article's metadata from the command line, then prints its record and its
/// read and extraction warnings, in input order.
struct ExtractSink<'a, W: Write> {
    read: &'a ReadArgs,
    format: RecordFormat,
    explain: bool,
    out: &'a mut W,
    /// Whether no record is printed yet (the JSON array's separators).
    first: bool,
    /// Inputs that could not be read.
    failed: usize,
    /// Articles per language that has no extraction pack.
    without_pack: std::collections::BTreeMap<&'static str, usize>,
}

impl<W: Write> pipeline::ChunkSink for ExtractSink<'_, W> {
    /// The chunk's read errors, in order.
    type Prepared = Vec<casewatch_ingest::InputError>;

    fn prepare(
        &mut self,
        inputs: Vec<Result<RawArticle, casewatch_ingest::InputError>>,
    ) -> Result<(Vec<RawArticle>, Self::Prepared)> {
        let mut chunk = Vec::with_capacity(inputs.len());
        let mut errors = Vec::new();
        for item in inputs {
            match item {
                Ok(mut a) => {
                    self.read.fill_meta(&mut a);
                    chunk.push(a)
                }
                Err(e) => errors.push(e),
            }
        }
        Ok((chunk, errors))
    }

    fn consume(
        &mut self,
        chunk: Vec<RawArticle>,
        extractions: Vec<pipeline::Extracted>,
        errors: Self::Prepared,
    ) -> Result<()> {
        for e in errors {
            eprintln!("error: {e}");
            self.failed += 1;
        }
        for (article, (lang, extraction)) in chunk.iter().zip(extractions) {
            if !language::has_pack(lang) {
                *self.without_pack.entry(lang).or_default() += 1;
            }
            for w in article.warnings.iter().chain(&extraction.limits) {
                eprintln!(
                    "warning: {}: {}",
                    casewatch_ingest::printable(&article.source),
                    casewatch_ingest::printable(w)
                );
            }
            if self.explain {
                eprint!("{}", render::explanation(&extraction));
            }
            match self.format {
                RecordFormat::Jsonl => {
                    serde_json::to_writer(&mut *self.out, &extraction.record)?;
                    self.out.write_all(b"\n")?;
                }
                RecordFormat::Json => {
                    self.out.write_all(if self.first { b"\n" } else { b",\n" })?;
                    serde_json::to_writer_pretty(&mut *self.out, &extraction.record)?;
                }
                RecordFormat::Text => self.out.write_all(render::record_text(&extraction.record).as_bytes())?,
            }
            self.first = false;
        }
        Ok(())
    }
}

fn extract(read: &ReadArgs, format: RecordFormat, explain: bool) -> Result<ExitCode> {
    read.check()?;
    let ex = extractor(read)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == RecordFormat::Json {
        out.write_all(b"[")?;
    }
    let mut sink = ExtractSink {
        read,
        format,
        explain,
        out: &mut out,
        first: true,
        failed: 0,
        without_pack: std::collections::BTreeMap::new(),
    };
    pipeline::run(&ex, &mut *read_all(read), &mut sink)?;
    let (failed, without_pack) = (sink.failed, sink.without_pack);
    if format == RecordFormat::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush().context("writing to standard output")?;
    if let Some(note) = without_pack_note(&without_pack) {
        eprintln!("{note}");
    }
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
    /// Articles per language that has no extraction pack (people and organisations only).
    without_pack: std::collections::BTreeMap<&'static str, usize>,
}

/// What `ingest`'s sink keeps of one input in [`pipeline::ChunkSink::prepare`] for
/// `consume`, in input order.
enum ReadItem {
    /// An input that could not be read.
    Failed(casewatch_ingest::InputError),
    /// An article: where it was read from, the problems met reading it, and
    /// whether it is stored already (then it is not extracted).
    Article {
        source: String,
        warnings: Vec<String>,
        duplicate: bool,
    },
}

/// `ingest`'s side of the pipeline ([`pipeline::ChunkSink`]): leaves out the
/// articles stored already before they are extracted, then stores the
/// extracted ones in batches of `batch_size` and builds the cases of the
/// new ones every `rebuild_every` stored articles, reporting what it read in
/// input order.
struct IngestSink<'a> {
    store: &'a mut Store,
    read: &'a ReadArgs,
    batch_size: usize,
    rebuild_every: usize,
    print_cases: bool,
    bar: &'a indicatif::ProgressBar,
    tally: Tally,
    /// The ids of the articles read (for `--print`).
    seen: std::collections::BTreeSet<String>,
    /// Extracted articles not stored yet: record and body.
    pending: Vec<(casewatch_model::ExtractRecord, String)>,
    /// The outlets the pending articles' metadata names, by sha256.
    outlets: Vec<(String, String)>,
    /// New articles whose cases are built.
    reconciled: usize,
}

impl pipeline::ChunkSink for IngestSink<'_> {
    type Prepared = Vec<ReadItem>;

    fn prepare(
        &mut self,
        inputs: Vec<Result<RawArticle, casewatch_ingest::InputError>>,
    ) -> Result<(Vec<RawArticle>, Self::Prepared)> {
        let mut chunk = Vec::with_capacity(inputs.len());
        let mut items = Vec::with_capacity(inputs.len());
        for item in inputs {
            match item {
                Ok(mut article) => {
                    if self.print_cases {
                        self.seen.insert(article.id.clone());
                    }
                    // (an article of the chunk before, not stored yet, is
                    // extracted and then found a duplicate as it is stored)
                    let duplicate = self.store.contains(&article.sha256)?;
                    items.push(ReadItem::Article {
                        source: article.source.clone(),
                        warnings: std::mem::take(&mut article.warnings),
                        duplicate,
                    });
                    if !duplicate {
                        self.read.fill_meta(&mut article);
                        chunk.push(article);
                    }
                }
                Err(e) => items.push(ReadItem::Failed(e)),
            }
        }
        Ok((chunk, items))
    }

    fn consume(
        &mut self,
        chunk: Vec<RawArticle>,
        extractions: Vec<pipeline::Extracted>,
        items: Self::Prepared,
    ) -> Result<()> {
        let bar = self.bar;
        for item in items {
            match item {
                ReadItem::Article {
                    source,
                    warnings,
                    duplicate,
                } => {
                    self.tally.read += 1;
                    bar.inc(1);
                    for w in &warnings {
                        bar.suspend(|| {
                            eprintln!(
                                "warning: {}: {}",
                                casewatch_ingest::printable(&source),
                                casewatch_ingest::printable(w)
                            )
                        });
                    }
                    if duplicate {
                        self.tally.duplicates += 1;
                    }
                }
                ReadItem::Failed(e) => {
                    self.tally.failed += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
        }
        for (article, (lang, extraction)) in chunk.into_iter().zip(extractions) {
            if !language::has_pack(lang) {
                *self.tally.without_pack.entry(lang).or_default() += 1;
            }
            for w in &extraction.limits {
                bar.suspend(|| {
                    eprintln!(
                        "warning: {}: {}",
                        casewatch_ingest::printable(&article.source),
                        casewatch_ingest::printable(w)
                    )
                });
            }
            if let Some(o) = article.outlet {
                self.outlets.push((article.sha256, o));
            }
            self.pending.push((extraction.record, article.body));
            if self.pending.len() >= self.batch_size {
                flush(self.store, &mut self.pending, &mut self.outlets, &mut self.tally, bar)?;
                // The cases of what is stored so far: an incremental rebuild gives the cases one rebuild at the end would.
                if self.tally.new - self.reconciled >= self.rebuild_every {
                    bar.set_message(format!(
                        "(building the cases of {} articles)",
                        self.tally.new - self.reconciled
                    ));
                    rebuild_cases(self.store)?;
                    self.reconciled = self.tally.new;
                }
            }
        }
        bar.set_message(format!(
            "({} new, {} duplicates, {} failed)",
            self.tally.new, self.tally.duplicates, self.tally.failed
        ));
        Ok(())
    }
}

fn ingest(
    db: &std::path::Path,
    read: &ReadArgs,
    batch_size: usize,
    rebuild_every: usize,
    print_cases: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    read.check()?;
    let ex = extractor(read)?;
    let mut store = Store::open(db)?;
    store.set_page_cache_mib(casewatch_store::BULK_CACHE_MIB)?;
    store.set_bulk_checkpoints(true)?;
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
    let earlier = store.unreconciled()?;
    if earlier > 0 {
        eprintln!("completing the reconciliation of {earlier} articles stored by an earlier, interrupted run");
    }
    let mut sink = IngestSink {
        store: &mut store,
        read,
        batch_size,
        rebuild_every,
        print_cases,
        bar: &bar,
        tally: Tally::default(),
        seen: std::collections::BTreeSet::new(),
        pending: Vec::new(),
        outlets: Vec::new(),
        reconciled: 0,
    };
    pipeline::run(&ex, &mut *read_all(read), &mut sink)?;
    let IngestSink {
        mut tally,
        seen,
        mut pending,
        mut outlets,
        ..
    } = sink;
    flush(&mut store, &mut pending, &mut outlets, &mut tally, &bar)?;
    bar.finish_and_clear();
    // Also the articles an interrupted ingest stored without building their cases.
    let unreconciled = store.unreconciled()?;
    if unreconciled > 0 {
        eprintln!("reconciling {unreconciled} articles into cases");
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
    if let Some(note) = without_pack_note(&tally.without_pack) {
        eprintln!("{note}");
    }
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

/// Stores the pending articles in one transaction; if the batch is refused by
/// a constraint, stores them one by one so that one bad record fails alone.
/// Then records the outlets their metadata names (`Store::set_outlets`).
fn flush(
    store: &mut Store,
    pending: &mut Vec<(casewatch_model::ExtractRecord, String)>,
    outlets: &mut Vec<(String, String)>,
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
                        bar.suspend(|| {
                            eprintln!(
                                "error: {}: not stored: {e}",
                                casewatch_ingest::printable(&rec.article.source)
                            )
                        });
                    }
                }
            }
        }
        Err(e) => return Err(e.into()),
    }
    pending.clear();
    let named: Vec<(&str, &str)> = outlets.iter().map(|(s, o)| (s.as_str(), o.as_str())).collect();
    store.set_outlets(&named)?;
    outlets.clear();
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
/// stay stable; reviewer decisions are kept), and says on standard error
/// how much it reconciled: the new articles and every article of the cases
/// they may join.
fn rebuild_cases(store: &mut Store) -> Result<()> {
    let report = store.update_cases()?;
    if report.seeds > 0 {
        eprintln!(
            "cases: {} new articles reconciled with {} stored ones; {} cases written, {} replaced",
            report.seeds,
            report.articles.saturating_sub(report.seeds),
            report.cases_written,
            report.cases_removed
        );
    }
    Ok(())
}
