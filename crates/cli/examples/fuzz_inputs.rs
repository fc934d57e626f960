//! Bounded fuzz driver: mutates seed inputs (the bundled examples, the
//! development set when it is beside the repository, and small pages of
//! every format) and runs each through the readers and the extractor,
//! reporting panics, inputs slower than a second, and nondeterminism (the
//! same input extracted twice giving different records).
//!
//! ```text
//! cargo run --release -p casewatch --example fuzz_inputs -- [SECONDS] [SEED] [OUT_DIR]
//! ```
//!
//! Runs for SECONDS (default 60) from the generator SEED (default 1); every
//! failing input is written to OUT_DIR (default `fuzz-failures/`) with its
//! reason, and the exit code is 1 when one was found. Mutations: byte flips,
//! random bytes, spliced seeds, a chunk repeated up to 2,000 times (long
//! runs, long lists, deep nesting), punctuation removed, line breaks removed.

use casewatch_extract::Extractor;
use casewatch_ingest::{Format, ReadOptions, Source, input};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64*: deterministic from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Largest mutated input (bytes).
const MAX_INPUT: usize = 256 * 1024;

/// What a slow input is: one second, the target of every stage.
const SLOW: Duration = Duration::from_secs(1);

fn seeds(root: &Path) -> Vec<(Format, Vec<u8>)> {
    let mut out: Vec<(Format, Vec<u8>)> = Vec::new();
    for dir in [root.join("examples"), root.join("../shared/eval/dev")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
            if let Ok(b) = std::fs::read(p) {
                out.push((Format::Text, b));
            }
        }
    }
    let para = "Police detained journalist Dana Okafor of Northwind Media in Kestrel on Tuesday, her lawyer said.";
    out.push((
        Format::Html,
        format!(
            "<html><head><title>Editor held</title><meta property=\"article:published_time\" \
             content=\"2025-03-12\"></head><body><article><h1>Editor held</h1><p>{para}</p>\
             <p>The court charged her with extortion.</p></article></body></html>"
        )
        .into_bytes(),
    ));
    out.push((
        Format::Jsonl,
        format!("{{\"id\":\"j1\",\"published\":\"2025-03-12\",\"text\":\"{para}\"}}\n{{\"text\":\"x\"}}\n")
            .into_bytes(),
    ));
    out.push((
        Format::Feed,
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Held</title>\
             <pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;{para}&lt;/p&gt;</description>\
             </item></channel></rss>"
        )
        .into_bytes(),
    ));
    let page = format!("<html><body><p>{para}</p></body></html>");
    out.push((
        Format::Warc,
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://x.example/a\r\n\
             WARC-Date: 2025-03-12T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}\r\n\r\n",
            page.len() + 44
        )
        .into_bytes(),
    ));
    out
}

fn mutate(rng: &mut Rng, seeds: &[(Format, Vec<u8>)]) -> (Format, Vec<u8>) {
    let (format, base) = &seeds[rng.below(seeds.len())];
    let mut b = base.clone();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            b.push(b'a');
        }
        match rng.below(8) {
            0 => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(b.len() + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                b.splice(i..i, bytes);
            }
            2 => {
                let other = &seeds[rng.below(seeds.len())].1;
                let cut = rng.below(b.len() + 1);
                let from = rng.below(other.len() + 1);
                b.truncate(cut);
                b.extend_from_slice(&other[from..]);
            }
            3 | 4 => {
                // a chunk repeated many times: long runs, lists, nesting
                let i = rng.below(b.len());
                let len = 1 + rng.below(40).min(b.len() - i - 1);
                let chunk = b[i..i + len].to_vec();
                let times = 1 + rng.below(2_000);
                let rep: Vec<u8> = chunk.iter().copied().cycle().take(len * times).collect();
                b.splice(i..i, rep);
            }
            5 => b.retain(|c| !matches!(c, b'.' | b'!' | b'?')),
            6 => b.retain(|c| *c != b'\n'),
            _ => {
                let i = rng.below(b.len());
                b.truncate(i.max(1));
            }
        }
        b.truncate(MAX_INPUT);
    }
    (*format, b)
}

/// Reads and extracts one input; the records as JSON lines, or the read errors.
fn run_once(ex: &Extractor, format: Format, bytes: &[u8]) -> Vec<String> {
    let source = Source {
        path: "fuzz".into(),
        stem: "fuzz".into(),
    };
    let opts = ReadOptions::default();
    let stream: Box<dyn std::io::Read> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    input::dispatch(source, stream, Some(format), &opts)
        .map(|item| match item {
            Ok(a) => {
                let rec = ex.extract(a.meta("en"), &a.body).record;
                serde_json::to_string(&rec).unwrap_or_else(|e| format!("unserialisable: {e}"))
            }
            Err(e) => format!("error: {e}"),
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let secs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let out_dir = PathBuf::from(args.next().unwrap_or_else(|| "fuzz-failures".into()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = seeds(&root);
    let ex = Extractor::english()?;
    let mut rng = Rng(seed.max(1));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut failures, mut bytes_total) = (0u64, 0u64, 0u64);
    let mut slowest = (Duration::ZERO, 0usize);
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let (format, input) = mutate(&mut rng, &seeds);
        runs += 1;
        bytes_total += input.len() as u64;
        let t = Instant::now();
        let first = catch_unwind(AssertUnwindSafe(|| run_once(&ex, format, &input)));
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, input.len());
        }
        let problem = match &first {
            Err(_) => Some("panic".to_string()),
            Ok(_) if took > SLOW => Some(format!("slow: {:.2} s", took.as_secs_f64())),
            Ok(a) => match catch_unwind(AssertUnwindSafe(|| run_once(&ex, format, &input))) {
                Ok(b) if &b != a => Some("nondeterministic: a second run differs".to_string()),
                Ok(_) => None,
                Err(_) => Some("panic on the second run".to_string()),
            },
        };
        if let Some(why) = problem {
            failures += 1;
            std::fs::create_dir_all(&out_dir)?;
            let name = out_dir.join(format!("{runs:07}-{format:?}.bin").to_lowercase());
            std::fs::write(&name, &input)?;
            std::fs::write(name.with_extension("why"), &why)?;
            eprintln!("{}: {why}", name.display());
        }
    }
    println!(
        "{runs} inputs ({:.1} MB) in {secs} s from seed {seed}: {failures} failures; slowest {:.3} s ({} bytes)",
        bytes_total as f64 / 1e6,
        slowest.0.as_secs_f64(),
        slowest.1
    );
    if failures > 0 {
        std::process::exit(1);
    }
    Ok(())
}
