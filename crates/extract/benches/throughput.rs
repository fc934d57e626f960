//! Extraction throughput benchmark: words per second and MB per second on one
//! core, over a corpus read into memory once and extracted repeatedly.
//!
//! `cargo bench -p casewatch-extract [-- DIR [ROUNDS]]`. DIR holds `.txt`
//! articles with a `date YYYY-MM-DD` header (default: the development set in
//! `../shared/eval/dev`, else the bundled `examples/`); ROUNDS defaults to 40.
//! Words are whitespace-separated tokens of the bodies; MB are 10^6 bytes of body text.
//! Each article is read by the pack of its language (`language::identify`,
//! outside the timed loop), so a directory of Russian reports measures the
//! Russian pack.
//! Files without a `date` header are skipped, and their number and names are
//! printed (to standard error) so that the figure says what it measured.

use casewatch_extract::Extractor;
use casewatch_model::ArticleMeta;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = args.first().map(PathBuf::from).unwrap_or_else(|| {
        let dev = root.join("../shared/eval/dev");
        if dev.is_dir() { dev } else { root.join("examples") }
    });
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(40);
    let mut docs: Vec<(ArticleMeta, String)> = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut skipped: Vec<String> = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let t = text.trim_start();
        let Some(rest) = t.strip_prefix("date ") else {
            skipped.push(p.display().to_string());
            continue;
        };
        let published = chrono::NaiveDate::parse_from_str(rest.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
        let body = rest.get(10..).unwrap_or("").trim_start().to_string();
        let meta = ArticleMeta {
            id: p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            source: p.display().to_string(),
            published,
            title: None,
            language: casewatch_extract::language::identify(&body).into(),
            sha256: "0".repeat(64),
            url: None,
        };
        docs.push((meta, body));
    }
    if !skipped.is_empty() {
        eprintln!(
            "skipped {} of {} files without a `date` header: {}",
            skipped.len(),
            paths.len(),
            skipped.join(", ")
        );
    }
    assert!(!docs.is_empty(), "no articles in {}", dir.display());
    let words: usize = docs.iter().map(|(_, b)| b.split_whitespace().count()).sum::<usize>() * rounds;
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum::<usize>() * rounds;
    let ex = Extractor::multilingual().expect("built-in lexicons and dictionary");
    // warm up; the first pass is timed too: it fills the word caches of the
    // language packs (Russian morphology), so it is the cold-cache speed
    let cold = Instant::now();
    for (m, b) in &docs {
        std::hint::black_box(ex.extract(m.clone(), b));
    }
    let cold_secs = cold.elapsed().as_secs_f64();
    println!(
        "first pass (cold caches): {:.0} words/s",
        (words / rounds) as f64 / cold_secs
    );
    let start = Instant::now();
    let mut events = 0usize;
    for _ in 0..rounds {
        for (m, b) in &docs {
            events += std::hint::black_box(ex.extract(m.clone(), b)).record.events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} articles x {rounds} rounds: {words} words, {:.2} MB, {events} events in {secs:.3} s -> {:.0} words/s, {:.2} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        words as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
