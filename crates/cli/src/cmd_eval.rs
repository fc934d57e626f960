//! `casewatch eval`: extracts articles with the built-in extractor and scores
//! them against gold annotations with casewatch-eval (score.py's rules).

use super::{ReadArgs, extractor, print, read_options};
use anyhow::Result;
use casewatch_eval::{parse_gold_bytes, score_articles};
use casewatch_ingest::read_paths;
use casewatch_ingest::walk::{self, Input};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `casewatch eval`.
#[derive(clap::Args, Debug)]
pub(crate) struct EvalArgs {
    /// Gold annotations: JSON Lines in the format of ../shared/eval/dev/gold.jsonl.
    gold: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Output format (`json` has the keys of `score.py articles --json`).
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
    /// How many misses, spurious and negated-as-fact assertions the text lists.
    #[arg(long, default_value_t = 10)]
    show: usize,
}

/// Output formats of `casewatch eval`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum EvalFormat {
    Text,
    Json,
}

/// Runs `casewatch eval`: exit 2 when the gold file cannot be read, 1 when
/// an input failed (the rest is still scored), 0 otherwise.
pub(crate) fn run(args: &EvalArgs) -> Result<ExitCode> {
    let bytes = match std::fs::read(&args.gold) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {}: cannot read gold annotations: {e}", args.gold.display());
            return Ok(ExitCode::from(2));
        }
    };
    let gold = match parse_gold_bytes(&bytes) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {}: {e}", args.gold.display());
            return Ok(ExitCode::from(2));
        }
    };
    let ex = extractor(&args.read)?;
    let mut records = Vec::new();
    let mut failed = 0usize;
    let paths = inputs_except(&args.read.paths, &args.gold, &mut failed);
    for item in read_paths(&paths, &read_options(&args.read)) {
        match item {
            Ok(article) => {
                for w in &article.warnings {
                    eprintln!(
                        "warning: {}: {}",
                        casewatch_ingest::printable(&article.source),
                        casewatch_ingest::printable(w)
                    );
                }
                records.push(
                    ex.extract(
                        article.meta(casewatch_extract::language::identify(&article.body)),
                        &article.body,
                    )
                    .record,
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    let gold_ids: std::collections::HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    let unannotated = records
        .iter()
        .filter(|r| !gold_ids.contains(r.article.id.as_str()))
        .count();
    if unannotated > 0 {
        eprintln!(
            "note: {unannotated} of {} articles read have no gold record and are not scored",
            records.len()
        );
    }
    let score = score_articles(&gold, &records);
    let out = match args.format {
        EvalFormat::Json => serde_json::to_string_pretty(&score)? + "\n",
        EvalFormat::Text => score.report(args.show),
    };
    print(&out)?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The inputs of `paths` (directories walked by the ingest rules), without
/// the gold file itself, so that `eval dir/gold.jsonl dir/` reads only the
/// articles. Directory entries that cannot be read are reported and counted
/// in `failed`.
fn inputs_except(paths: &[PathBuf], gold: &Path, failed: &mut usize) -> Vec<PathBuf> {
    let gold = std::fs::canonicalize(gold).ok();
    let mut out = Vec::new();
    for input in walk::inputs(paths.to_vec()) {
        match input {
            Input::File(path) => {
                if gold.is_none() || std::fs::canonicalize(&path).ok() != gold {
                    out.push(path);
                }
            }
            Input::Stdin => out.push(PathBuf::from("-")),
            Input::Error(e) => {
                eprintln!("error: {e}");
                *failed += 1;
            }
        }
    }
    out
}
