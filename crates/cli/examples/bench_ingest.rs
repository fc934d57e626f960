//! Benchmark: ingests 10,000 generated fictional articles' records in batches (store + incremental case rebuild) and prints the time per article for each thousand, to show that it stays flat.
//!
//! ```text
//! cargo run --release -p casewatch --example bench_ingest -- [ARTICLES] [BATCH] [KEEP.db]
//! ```
//!
//! Prints the time per article (wall clock, and CPU time of the process
//! where `/proc/self/stat` exists) and per rebuild every twentieth of the run
//! (at least every 1,000), the largest cases, and the database size against
//! the text stored. `BENCH_PHASES=1` adds the time of each rebuild phase
//! (see `casewatch_store::RebuildTimings`). `BENCH_FULL_REBUILD=1` also times one rebuild of every
//! article. `BENCH_CACHE_MIB=N` sets the store's page cache (default
//! `casewatch_store::BULK_CACHE_MIB`, as `casewatch ingest`);
//! `BENCH_BULK_CHECKPOINTS=0` keeps SQLite's checkpoint every 1,000 pages
//! instead of `casewatch ingest`'s (`Store::set_bulk_checkpoints`).
//! `BENCH_REBUILD_EVERY=N` builds the cases every N articles instead of
//! every batch (as `casewatch ingest --batch B --rebuild-every N`);
//! `BENCH_EVERY=N` prints every N articles; `BENCH_BODY_BYTES=N` pads each
//! text with sentences of the bundled examples to N bytes (see `pad`).
//! `BENCH_STOP=N` stops after N articles (keep the store with KEEP.db);
//! `BENCH_WIDE_NAMES=1` draws surnames from a pool 40 times larger (see
//! `person_name`): the default pool's namesakes grow with the run (a
//! dozen for a full name at 200,000), which real archives do not show.
//! `BENCH_FROM=N` continues the same run from a copy of such a store
//! holding its first N articles, to time an increment at that size. Run it under
//! `/usr/bin/time -v` for the peak memory; the bench
//! itself holds only one batch of generated articles at a time.
//!
//! The records come from templates: about 2,500 prosecutions with one to
//! three defendants each (fictional names from a pool of given names and
//! surnames, so surnames repeat across unrelated cases), an outlet (of 900), a
//! charge, a lawyer and a timeline; each article reports one to four events
//! of one prosecution, naming people in one of their spellings (full,
//! initial, `-iev`/`-yev`, `zh`/`j`, Cyrillic, surname alone). Articles
//! arrive in publication order, the popular cases getting more of them.
//! No extraction runs: the cost measured is storing and reconciling.

/// The allocator `casewatch` itself uses (see its `main.rs`), so that the
/// bench measures what `casewatch ingest` costs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use casewatch_model::ExtractRecord;
use casewatch_store::{ArticleInput, Store};
use serde_json::{Value, json};
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so runs are comparable.
#[derive(Clone)]
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
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const GIVEN: [&str; 48] = [
    "Aibek",
    "Zhanar",
    "Temirlan",
    "Aizada",
    "Nurlan",
    "Dana",
    "Farid",
    "Sevinj",
    "Leyla",
    "Zaur",
    "Elmar",
    "Nigar",
    "Ruslan",
    "Bakyt",
    "Meerim",
    "Kanat",
    "Saltanat",
    "Askar",
    "Gulnara",
    "Daniyar",
    "Aliya",
    "Timur",
    "Dinara",
    "Marat",
    "Zhyldyz",
    "Ilyas",
    "Kamila",
    "Yerlan",
    "Asel",
    "Bolat",
    "Ainura",
    "Sanjar",
    "Madina",
    "Azamat",
    "Elnura",
    "Rustam",
    "Gulzat",
    "Erlan",
    "Aigerim",
    "Samat",
    "Nargiza",
    "Talgat",
    "Zarina",
    "Beksultan",
    "Aruzhan",
    "Murat",
    "Dilnoza",
    "Chyngyz",
];

const SURNAME_STEMS: [&str; 60] = [
    "Abdyl", "Bekmurat", "Tokto", "Zhumab", "Kasymal", "Osmon", "Sadyk", "Toktog", "Usen", "Ermek", "Baiysh", "Kadyr",
    "Myrzak", "Nurbek", "Shamsh", "Alymkul", "Dzhumag", "Isak", "Karab", "Mamyt", "Sultanal", "Temir", "Zhoom",
    "Asanal", "Borub", "Chynybek", "Duish", "Esenal", "Imanal", "Kubat", "Mukash", "Omurb", "Rysk", "Seit", "Turgunb",
    "Abil", "Bakirdin", "Dzhusup", "Kenzheb", "Mamat", "Orozb", "Sarym", "Tashtan", "Zhakyp", "Aliy", "Guseyn",
    "Mammad", "Rahiml", "Huseyn", "Nabiy", "Khalil", "Gasym", "Ismayil", "Jafar", "Karim", "Novruz", "Sadyg", "Valiy",
    "Zeynal", "Agal",
];

const SUFFIXES: [&str; 5] = ["ov", "ev", "bekov", "aliev", "baev"];

/// Outlet names are made of one word from each list (900 outlets).
const OUTLET_FIRST: [&str; 30] = [
    "Harbor",
    "Steppe",
    "Tundra",
    "Quay",
    "Northwind",
    "Delta",
    "Marsh",
    "Chyrak",
    "Ayna",
    "Kok",
    "Ordo",
    "Yeni",
    "Sahil",
    "Kopru",
    "Bazaar",
    "Ala-Too",
    "Nomad",
    "Sary",
    "Issyk",
    "Caspian",
    "Ganja",
    "Naryn",
    "Talas",
    "Osh",
    "Pamir",
    "Altai",
    "Aral",
    "Tengri",
    "Silk",
    "Ural",
];
const OUTLET_SECOND: [&str; 30] = [
    "Light",
    "Wire",
    "Post",
    "Media",
    "TV",
    "Radio",
    "Daily",
    "News",
    "Press",
    "Weekly",
    "Times",
    "Pulse",
    "Echo",
    "Ledger",
    "Voice",
    "Star",
    "Courier",
    "Dispatch",
    "Herald",
    "Review",
    "Monitor",
    "Journal",
    "Bulletin",
    "Signal",
    "Observer",
    "Chronicle",
    "Gazette",
    "Tribune",
    "Report",
    "Lens",
];

const CHARGES: [&str; 8] = [
    "calls for mass unrest",
    "tax evasion",
    "false information",
    "smuggling",
    "extremism",
    "illegal entrepreneurship",
    "treason",
    "money laundering",
];

const STEPS: [&str; 8] = [
    "search",
    "detention",
    "charge",
    "pretrial_detention",
    "hearing",
    "conviction",
    "sentence",
    "appeal",
];

/// A rough Latin → Cyrillic spelling, for variants in the other script.
fn cyrillic(name: &str) -> String {
    let mut out = String::new();
    let lower = name.to_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    let mut upper_next = true;
    while i < b.len() {
        let two = if i + 1 < b.len() { &lower[i..i + 2] } else { "" };
        let (s, n) = match two {
            "zh" => ("ж", 2),
            "kh" => ("х", 2),
            "sh" => ("ш", 2),
            "ch" => ("ч", 2),
            "ya" => ("я", 2),
            "yu" => ("ю", 2),
            _ => (
                match b[i] {
                    b'a' => "а",
                    b'b' => "б",
                    b'v' | b'w' => "в",
                    b'g' => "г",
                    b'd' => "д",
                    b'e' => "е",
                    b'z' => "з",
                    b'i' => "и",
                    b'y' => "й",
                    b'k' | b'q' | b'c' => "к",
                    b'l' => "л",
                    b'm' => "м",
                    b'n' => "н",
                    b'o' => "о",
                    b'p' => "п",
                    b'r' => "р",
                    b's' => "с",
                    b't' => "т",
                    b'u' => "у",
                    b'f' => "ф",
                    b'h' => "х",
                    b'j' => "дж",
                    b'x' => "кс",
                    b' ' => " ",
                    b'.' => ".",
                    _ => "",
                },
                1,
            ),
        };
        for ch in s.chars() {
            if upper_next && ch.is_alphabetic() {
                out.extend(ch.to_uppercase());
                upper_next = false;
            } else {
                out.push(ch);
            }
        }
        if s == " " {
            upper_next = true;
        }
        i += n;
    }
    out
}

/// One spelling of a person's name, as an article might give it.
fn spelling(rng: &mut Rng, given: &str, surname: &str) -> String {
    match rng.below(20) {
        0 => format!("{}. {surname}", &given[..1]),
        1 => cyrillic(&format!("{given} {surname}")),
        2 => format!("{given} {}", surname.replace("iev", "iyev").replace("ev", "yev")),
        3 => format!("{} {surname}", given.replacen("Zh", "J", 1)),
        4 if rng.below(4) == 0 => surname.to_string(),
        _ => format!("{given} {surname}"),
    }
}

/// A prosecution the articles report on.
struct Prosecution {
    defendants: Vec<(String, String)>,
    lawyer: (String, String),
    outlet: String,
    charge: &'static str,
    /// Day number (from 2020-01-01) of each step.
    days: Vec<i64>,
}

fn day(n: i64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    (base + chrono::Duration::days(n)).format("%Y-%m-%d").to_string()
}

/// Middle syllables of `BENCH_WIDE_NAMES=1` surnames (stem, syllable,
/// suffix: 60 × 40 × 5 = 12,000 surnames instead of 300).
const SURNAME_MIDDLES: [&str; 40] = [
    "an", "ar", "al", "am", "as", "at", "ak", "az", "en", "er", "el", "em", "es", "et", "ek", "in", "ir", "il", "im",
    "is", "it", "ik", "on", "or", "ol", "om", "os", "ot", "ok", "un", "ur", "ul", "um", "us", "ut", "uk", "bar", "dan",
    "gul", "mir",
];

/// A defendant's or lawyer's name: a given name and a surname of the
/// pools. With `wide` (`BENCH_WIDE_NAMES=1`) the surname takes a middle
/// syllable too, so that at 200,000 articles a full name has about as many
/// namesakes as the default pool gives at 5,000 (see the module docs);
/// without it the random stream is the default run's.
fn person_name(rng: &mut Rng, wide: bool) -> (String, String) {
    let given = rng.pick(&GIVEN).to_string();
    let stem = rng.pick(&SURNAME_STEMS);
    let middle = if wide { *rng.pick(&SURNAME_MIDDLES) } else { "" };
    let surname = format!("{stem}{middle}{}", rng.pick(&SUFFIXES));
    let female = given.ends_with('a') || given.ends_with('z') && rng.below(2) == 0;
    (given, if female { format!("{surname}a") } else { surname })
}

fn prosecutions(rng: &mut Rng, n: usize, wide: bool) -> Vec<Prosecution> {
    (0..n)
        .map(|i| {
            let start = (i as i64 * 2200) / n as i64 + rng.below(30) as i64;
            let mut d = start;
            let days = (0..STEPS.len())
                .map(|_| {
                    d += 1 + rng.below(40) as i64;
                    d
                })
                .collect();
            Prosecution {
                defendants: (0..1 + rng.below(3)).map(|_| person_name(rng, wide)).collect(),
                lawyer: person_name(rng, wide),
                outlet: format!("{} {}", rng.pick(&OUTLET_FIRST[..]), rng.pick(&OUTLET_SECOND[..])),
                charge: CHARGES[rng.below(CHARGES.len())],
                days,
            }
        })
        .collect()
}

/// One article about prosecution `p`, published after the `step`-th step.
fn article(rng: &mut Rng, i: usize, p: &Prosecution) -> (ExtractRecord, String) {
    let step = rng.below(STEPS.len());
    let published = p.days[step] + 1 + rng.below(5) as i64;
    let mut people: Vec<Value> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (g, s) in &p.defendants {
        if rng.below(5) < 4 || people.is_empty() {
            let n = spelling(rng, g, s);
            people.push(
                json!({"id": format!("p{}", people.len() + 1), "name": n, "variants": [n],
                               "occupation": "journalist", "affiliation": p.outlet, "former": false}),
            );
            names.push(n);
        }
    }
    if rng.below(3) == 0 {
        let n = format!("{} {}", p.lawyer.0, p.lawyer.1);
        people.push(
            json!({"id": format!("p{}", people.len() + 1), "name": n, "variants": [n],
                           "occupation": "lawyer", "affiliation": null, "former": null}),
        );
    }
    let mut body = String::new();
    let mut events = Vec::new();
    let first = step.saturating_sub(rng.below(4));
    for (s, step_type) in STEPS.iter().enumerate().take(step + 1).skip(first) {
        let subjects: Vec<Value> = names
            .iter()
            .enumerate()
            .map(|(k, n)| json!({"ref": format!("p{}", k + 1), "name": n}))
            .collect();
        let date = day(p.days[s]);
        let (date, precision) = if rng.below(5) == 0 {
            (date[..7].to_string(), "month")
        } else {
            (date, "day")
        };
        let sentence = format!(
            "{} {step_type} on {date} in the {} case.",
            names.join(" and "),
            p.charge
        );
        let start = body.len();
        body.push_str(&sentence);
        body.push(' ');
        events.push(
            json!({"type": step_type, "date": date, "date_precision": precision, "date_qualifier": null,
                           "date_text": null, "subjects": subjects, "agent": null, "place": null,
                           "status": "occurred", "attributed_to": null, "detail": null,
                           "evidence": {"start": start, "end": start + sentence.len(), "sentence": sentence}}),
        );
    }
    pad(rng, &mut body);
    let rec = json!({
        "article": {"id": format!("gen-{i:05}"), "source": format!("gen/{i}.txt"), "published": day(published),
                    "title": null, "language": "en", "sha256": format!("{i:064x}")},
        "people": people, "organizations": [], "events": events,
        "charges": [{"label": p.charge, "article": null, "subjects": []}]
    });
    match serde_json::from_value(rec) {
        Ok(r) => (r, body),
        Err(e) => panic!("generated record {i} is invalid: {e}"),
    }
}

/// The bundled example reports (fictional prose), the source of the
/// background sentences of [`pad`].
const PROSE: [&str; 8] = [
    include_str!("../../../examples/harbor-01.txt"),
    include_str!("../../../examples/harbor-02.txt"),
    include_str!("../../../examples/harbor-03.txt"),
    include_str!("../../../examples/northwind-01.txt"),
    include_str!("../../../examples/northwind-02.txt"),
    include_str!("../../../examples/northwind-03.txt"),
    include_str!("../../../examples/northwind-04.txt"),
    include_str!("../../../examples/novi-sad-01.txt"),
];

/// The sentences of [`PROSE`] (each file without its `date` line, split
/// after ". ").
fn prose_sentences() -> &'static [&'static str] {
    static S: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        PROSE
            .iter()
            .flat_map(|text| text.split_once('\n').map_or("", |(_, rest)| rest).split_inclusive(". "))
            .map(str::trim)
            .filter(|s| s.len() > 20)
            .collect()
    })
}

/// `BENCH_BODY_BYTES=N`: pads `body` with sentences drawn at random from
/// the bundled example reports ([`PROSE`]) to at least N bytes, so that the
/// text stored is as long as a news report (the 81 real reports of the
/// evaluation average about 1,900 bytes) and deflates and indexes as prose
/// does. The records are unchanged: no events are read from the padding.
fn pad(rng: &mut Rng, body: &mut String) {
    static TARGET: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let target = *TARGET.get_or_init(|| {
        std::env::var("BENCH_BODY_BYTES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    });
    let sentences = prose_sentences();
    while body.len() < target && !sentences.is_empty() {
        let sentence: &str = sentences[rng.below(sentences.len())];
        body.push_str(sentence);
        body.push(' ');
    }
}

/// The CPU time of this process so far, user and system, in seconds (from
/// `/proc/self/stat` in clock ticks of 1/100 s; `None` where there is no
/// such file).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // (the fields after the command name: state, then utime and stime are the 12th and 13th)
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let total: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let batch: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let wide = std::env::var("BENCH_WIDE_NAMES").is_ok_and(|v| v == "1");
    let cases = prosecutions(&mut rng, total / 4, wide);
    // Articles in publication order; popular (low-index) cases get more of
    // them. Only (published, index, case) is kept for all; each article is
    // made from its own generator when its batch is stored, so the bench's
    // own memory stays small at 200,000 articles.
    let seed = |i: usize| Rng(0x2545_F491_4F6C_DD1D ^ ((i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    let mut order: Vec<(i64, usize, usize)> = (0..total)
        .map(|i| {
            let pick = rng
                .below(cases.len())
                .min(rng.below(cases.len()) + rng.below(cases.len()) / 2)
                .min(cases.len() - 1);
            let mut r = seed(i);
            let step = r.below(STEPS.len());
            let published = cases[pick].days[step] + 1 + r.below(5) as i64;
            (published, i, pick)
        })
        .collect();
    order.sort_unstable();
    let keep: Option<std::path::PathBuf> = args.next().map(Into::into);
    let dir = tempfile::tempdir()?;
    let db_path = Some(keep.unwrap_or_else(|| dir.path().join("bench.db")));
    let mut store = Store::open(db_path.as_deref().unwrap_or(dir.path()))?;
    // BENCH_CACHE_MIB: the page cache of the bench's store (default: what `casewatch ingest` uses)
    let cache_mib: u32 = std::env::var("BENCH_CACHE_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(casewatch_store::BULK_CACHE_MIB);
    store.set_page_cache_mib(cache_mib)?;
    // BENCH_BULK_CHECKPOINTS=0: SQLite's checkpoints every 1,000 pages
    // instead of what `casewatch ingest` sets
    store.set_bulk_checkpoints(std::env::var("BENCH_BULK_CHECKPOINTS").map_or(true, |v| v != "0"))?;
    // BENCH_REBUILD_EVERY: build the cases every this many articles (a
    // multiple of the batch; default every batch), as `casewatch ingest
    // --batch B --rebuild-every N` does
    let rebuild_every: usize = std::env::var("BENCH_REBUILD_EVERY")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(batch, |n| n.div_ceil(batch).max(1) * batch);
    println!(
        "{total} generated articles, batches of {batch}, cases built every {rebuild_every} (insert + incremental case rebuild)"
    );
    println!(
        "{:>8} {:>14} {:>14} {:>10} {:>16} {:>14}",
        "articles", "ms/article", "rebuild ms", "cases", "reconciled/rebuild", "CPU ms/article"
    );
    let (mut window, mut window_rebuild, mut window_n, mut reconciled, mut batches) =
        (0.0f64, 0.0f64, 0usize, 0usize, 0usize);
    // Per rebuild phase: keys, neighbours, closure, load, reconcile, ids, write, commit.
    let mut phases = [0.0f64; 8];
    let started = Instant::now();
    // BENCH_EVERY: print every this many articles (default a twentieth of
    // the run, at least 1,000); a multiple of the rebuild interval
    let every = std::env::var("BENCH_EVERY")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or((total / 20).max(1000))
        .div_ceil(rebuild_every)
        .max(1)
        * rebuild_every;
    // BENCH_FROM / BENCH_STOP: the store given as KEEP.db already holds the
    // first BENCH_FROM articles of this run (a copy of a store this bench
    // left with BENCH_STOP), and the run stops after BENCH_STOP: an
    // increment at any size is measured without building the store again.
    let env_usize = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<usize>().ok());
    let from = env_usize("BENCH_FROM").unwrap_or(0);
    let stop = env_usize("BENCH_STOP").unwrap_or(total).min(total);
    let mut text_bytes = 0usize;
    // The process's CPU time at the start of the window: on a shared
    // machine it varies less than the wall-clock time.
    let mut cpu_mark = cpu_seconds();
    for (k, slots) in order.chunks(batch).enumerate() {
        if (k + 1) * batch <= from {
            continue;
        }
        if k * batch >= stop {
            break;
        }
        let chunk: Vec<(ExtractRecord, String)> = slots
            .iter()
            .map(|&(_, i, pick)| article(&mut seed(i), i, &cases[pick]))
            .collect();
        text_bytes += chunk.iter().map(|(_, b)| b.len()).sum::<usize>();
        let t = Instant::now();
        let inputs: Vec<ArticleInput<'_>> = chunk.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
        store.insert_articles(&inputs)?;
        let done = (k + 1) * batch;
        if !done.is_multiple_of(rebuild_every) && done < stop {
            window += t.elapsed().as_secs_f64();
            window_n += chunk.len();
            continue;
        }
        let r0 = Instant::now();
        let report = store.update_cases()?;
        window_rebuild += r0.elapsed().as_secs_f64();
        window += t.elapsed().as_secs_f64();
        window_n += chunk.len();
        reconciled += report.articles;
        let t = &report.timings;
        for (sum, d) in phases.iter_mut().zip([
            t.keys,
            t.neighbours,
            t.closure,
            t.load,
            t.reconcile,
            t.ids,
            t.write,
            t.commit,
        ]) {
            *sum += d.as_secs_f64();
        }
        batches += 1;
        if done.is_multiple_of(every) || done >= stop {
            let cpu = match (cpu_seconds(), cpu_mark) {
                (Some(now), Some(then)) => format!("{:.3}", (now - then) * 1000.0 / window_n as f64),
                _ => "-".to_string(),
            };
            println!(
                "{:>8} {:>14.3} {:>14.1} {:>10} {:>16.0} {:>14}",
                done.min(total),
                window * 1000.0 / window_n as f64,
                window_rebuild * 1000.0 / batches as f64,
                // (the cases alone: counting every table scanned hundreds
                // of thousands of rows at 190,000, in the process's time)
                store
                    .case_page(&casewatch_store::CaseQuery {
                        limit: 0,
                        ..Default::default()
                    })?
                    .total,
                reconciled as f64 / batches as f64,
                cpu
            );
            if std::env::var_os("BENCH_PHASES").is_some() {
                let ms: Vec<String> = phases
                    .iter()
                    .map(|p| format!("{:.1}", p * 1000.0 / batches as f64))
                    .collect();
                println!(
                    "         ms per rebuild: keys {} neighbours {} closure {} load {} reconcile {} ids {} write {} commit {}",
                    ms[0], ms[1], ms[2], ms[3], ms[4], ms[5], ms[6], ms[7]
                );
            }
            phases = [0.0; 8];
            cpu_mark = cpu_seconds();
            (window, window_rebuild, window_n, reconciled, batches) = (0.0, 0.0, 0, 0, 0);
        }
    }
    let all = started.elapsed().as_secs_f64();
    // (the listing's stored summaries, as `/cases?sort=sources` reads them)
    let largest = store.case_page(&casewatch_store::CaseQuery {
        sort: casewatch_store::CaseSort::Sources,
        descending: true,
        limit: 8,
        ..Default::default()
    })?;
    let sizes: Vec<u64> = largest.rows.iter().map(|c| c.sources).collect();
    println!("largest cases (articles): {sizes:?}");
    let stored = stop - from.min(stop);
    println!(
        "total {all:.1} s ({:.2} ms/article)",
        all * 1000.0 / stored.max(1) as f64
    );
    if std::env::var_os("BENCH_FULL_REBUILD").is_some() {
        let t = Instant::now();
        let full = store.rebuild_cases()?;
        println!(
            "one full rebuild of all {} articles: {:.1} s",
            full.articles,
            t.elapsed().as_secs_f64()
        );
    }
    // Closing checkpoints what the write-ahead log still holds (with bulk
    // checkpoints, up to half the database): part of the run's cost.
    let closing = Instant::now();
    drop(store);
    println!("closing the store: {:.1} s", closing.elapsed().as_secs_f64());
    if let Some(db) = db_path.as_ref().filter(|_| from == 0) {
        // (closed: the write-ahead log is back in the file and removed)
        let size = std::fs::metadata(db).map_or(0, |m| m.len());
        println!(
            "database {:.1} MB for {:.1} MB of text: {:.1}x ({:.1} KB per article)",
            size as f64 / 1e6,
            text_bytes as f64 / 1e6,
            size as f64 / text_bytes.max(1) as f64,
            size as f64 / 1e3 / stop.max(1) as f64
        );
    }
    Ok(())
}
