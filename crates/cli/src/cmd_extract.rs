//! `casewatch extract`: every input read, extracted on every core and printed in input order (through [`crate::pipeline`]).

use crate::{ReadArgs, RecordFormat, extractor, language, pipeline, read_all, render, without_pack_note};
use anyhow::{Context, Result};
use casewatch_ingest::RawArticle;
use std::io::Write;
use std::process::ExitCode;

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

/// `casewatch extract`: reads every input, extracts it and prints one
/// record per article (JSON Lines, a JSON array or text) on standard output.
///
/// Errors: an output that cannot be written, a lexicon that does not load;
/// a bad input is reported and counted, and the exit code is 1.
pub(crate) fn extract(read: &ReadArgs, format: RecordFormat, explain: bool) -> Result<ExitCode> {
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
