//! Search benchmark: times `Store::search` on an existing database (one made
//! by `bench_ingest N 100 DB`, say) and prints, per query, the hits and the
//! p50, p99 and maximum of its run times in milliseconds.
//!
//! ```text
//! cargo run --release -p casewatch-store --example bench_search -- DB [RUNS] QUERY...
//! ```
//!
//! The first search of a `Store` reads the words of every stored name once
//! (`search::NameWords`); it is timed apart ("first search") and then every
//! query runs `RUNS` times (default 200) on the same connection, as a pooled
//! web connection does. Limit `SEARCH_LIMIT` (default 50, what the web
//! search page asks for).

use casewatch_store::Store;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: bench_search DB [RUNS] QUERY...")?;
    let mut rest: Vec<String> = args.collect();
    let runs: usize = match rest.first().map(|s| s.parse::<usize>()) {
        Some(Ok(n)) => {
            rest.remove(0);
            n.max(1)
        }
        _ => 200,
    };
    if rest.is_empty() {
        return Err("no query given".into());
    }
    let limit: usize = std::env::var("SEARCH_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let store = Store::open(std::path::Path::new(&db))?;
    let t = Instant::now();
    let first = store.search(&rest[0], limit)?;
    println!(
        "first search ({:?}): {:.1} ms, {} hits",
        rest[0],
        t.elapsed().as_secs_f64() * 1000.0,
        first.len()
    );
    for q in &rest {
        let mut times = Vec::with_capacity(runs);
        let mut hits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            hits = store.search(q, limit)?.len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "{q:?}: {hits} hits, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({runs} runs)",
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
    }
    Ok(())
}
