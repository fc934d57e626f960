//! `casewatch ingest`: new inputs read, extracted on every core, stored in batches and reconciled into cases (through [`crate::pipeline`]), with the run's tally.

use crate::{ReadArgs, extractor, language, pipeline, print, read_all, render, without_pack_note};
use anyhow::Result;
use casewatch_ingest::RawArticle;
use casewatch_store::{ArticleInput, InsertOutcome, Store};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Instant;

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

/// `casewatch ingest`: reads, extracts and stores every new input in
/// batches of `batch_size`, builds the cases of the new articles every
/// `rebuild_every` stored articles and at the end (also those an
/// interrupted run left), and prints a summary (and with `print_cases` the
/// timelines of the cases the read articles belong to).
///
/// Errors: a store that cannot be opened or written; a bad input is
/// reported and counted, and the exit code is 1.
pub(crate) fn ingest(
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
