//! Example: reads extraction records (JSON Lines, one `ExtractRecord` per line) from a file and prints the reconciled case file as JSON.
//!
//! ```text
//! cargo run -p casewatch-reconcile --example build_cases -- records.jsonl > cases.json
//! ```

use casewatch_model::ExtractRecord;
use casewatch_reconcile::{Settings, build_cases};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: build_cases RECORDS.jsonl");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("build_cases: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<ExtractRecord>(line) {
            Ok(r) => records.push(r),
            Err(e) => {
                eprintln!("build_cases: {path}:{}: {e}", i + 1);
                return ExitCode::from(2);
            }
        }
    }
    let file = build_cases(&records, &Settings::default());
    match serde_json::to_string_pretty(&file) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build_cases: {e}");
            ExitCode::FAILURE
        }
    }
}
