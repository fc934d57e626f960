//! Insert benchmark: stores N generated records (default 5,000) in batches
//! (default 500) into a fresh database in a temporary directory and prints
//! articles/s, then times reading them back and a search.
//!
//! `CARGO_TARGET_DIR=/work/target-store cargo run --release -p casewatch-store --example bench_insert -- [N] [BATCH]`

#[allow(dead_code)]
#[path = "../tests/common/mod.rs"]
mod common;

use casewatch_store::{ArticleInput, Store};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(5_000);
    let batch: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(500).max(1);
    let items: Vec<_> = (0..n).map(common::generated).collect();
    let events: usize = items.iter().map(|(r, _)| r.events.len()).sum();

    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("bench.db"))?;
    let began = Instant::now();
    for chunk in items.chunks(batch) {
        let inputs: Vec<_> = chunk
            .iter()
            .map(|(record, body)| ArticleInput { record, body })
            .collect();
        store.insert_articles(&inputs)?;
    }
    let secs = began.elapsed().as_secs_f64();
    println!(
        "inserted {n} articles ({events} events) in batches of {batch}: {secs:.3} s, {:.0} articles/s",
        n as f64 / secs
    );

    let began = Instant::now();
    let again: Vec<_> = items[..batch.min(n)]
        .iter()
        .map(|(record, body)| ArticleInput { record, body })
        .collect();
    store.insert_articles(&again)?;
    println!(
        "re-inserting {} duplicates: {:.3} s",
        again.len(),
        began.elapsed().as_secs_f64()
    );

    let began = Instant::now();
    let read = store.articles()?;
    println!(
        "read back {} articles: {:.3} s",
        read.len(),
        began.elapsed().as_secs_f64()
    );

    let began = Instant::now();
    let hits = store.search("appeal lawyer", 20)?;
    println!("search: {} hits in {:.4} s", hits.len(), began.elapsed().as_secs_f64());
    Ok(())
}
