//! Interruptions: `casewatch ingest` killed (SIGKILL) while it stores
//! articles and while it builds the cases, then run again (or followed by
//! `casewatch rebuild`), gives the cases of an uninterrupted run, on a real
//! database file. Which articles still need reconciliation is stored with
//! them, so the next run completes the work.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casewatch"));
    c.env_remove("CASEWATCH_DB").env_remove("CASEWATCH_LEXICON");
    c
}

/// Fictional reports: 60 journalists of 12 outlets, each reported detained,
/// charged and sentenced across several articles (people recur, so cases
/// gather many articles).
fn corpus(dir: &Path) -> PathBuf {
    let given = [
        "Dana", "Farid", "Leyla", "Zaur", "Nigar", "Kanat", "Meerim", "Aibek", "Sevinj", "Ruslan",
    ];
    let surnames = ["Okafor", "Veltman", "Harrow", "Quist", "Marlow", "Tenbury"];
    let outlets = [
        "Northwind Media",
        "Harbor Post",
        "Lantern Daily",
        "Ridge Herald",
        "Cobalt News",
        "Meadow Times",
        "Signal Weekly",
        "Beacon Review",
        "Granite Wire",
        "Orchard Journal",
        "Summit Gazette",
        "Delta Courier",
    ];
    let root = dir.join("articles");
    std::fs::create_dir_all(&root).unwrap();
    let mut n = 0;
    for (i, g) in given.iter().enumerate() {
        for (j, s) in surnames.iter().enumerate() {
            let outlet = outlets[(i + j) % outlets.len()];
            let day = 1 + (i * 3 + j) % 27;
            let texts = [
                format!("Police detained journalist {g} {s} of {outlet} in Kestrel on March {day}, 2025."),
                format!(
                    "A court in Kestrel charged {g} {s}, a reporter for {outlet}, with extortion on April {day}, 2025."
                ),
                format!(
                    "The Kestrel City Court sentenced journalist {g} {s} to three years in prison on May {day}, 2025."
                ),
            ];
            for (k, t) in texts.iter().enumerate() {
                n += 1;
                let body = format!("date 2025-06-{:02}\n{t} {s} denied the charges.\n", 1 + (n % 28));
                std::fs::write(root.join(format!("r{n:04}-{k}.txt")), body).unwrap();
            }
        }
    }
    root
}

fn cases_json(db: &Path) -> String {
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(["cases", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn ingest(db: &Path, articles: &Path) -> String {
    let out = bin().arg("--db").arg(db).arg("ingest").arg(articles).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

/// Starts an ingest and kills it (SIGKILL) `after` the moment its standard
/// error shows `line` (or the start, for `None`). Returns whether the process
/// was still running when killed.
fn ingest_killed(db: &Path, articles: &Path, line: Option<&str>, after: Duration) -> bool {
    let mut child = bin()
        .arg("--db")
        .arg(db)
        .args(["ingest", "--batch", "7"])
        .arg(articles)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    if let Some(line) = line {
        let mut reader = BufReader::new(stderr);
        let mut buf = String::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            buf.clear();
            if reader.read_line(&mut buf).unwrap_or(0) == 0 || buf.contains(line) {
                break;
            }
        }
        std::thread::sleep(after);
        let running = child.try_wait().unwrap().is_none();
        child.kill().ok();
        child.wait().unwrap();
        drop(reader);
        running
    } else {
        std::thread::sleep(after);
        let running = child.try_wait().unwrap().is_none();
        child.kill().ok();
        child.wait().unwrap();
        running
    }
}

#[test]
fn a_killed_ingest_completes_on_the_next_run_with_the_same_cases() {
    let dir = tempfile::tempdir().unwrap();
    let articles = corpus(dir.path());
    let reference_db = dir.path().join("reference.db");
    ingest(&reference_db, &articles);
    let reference = cases_json(&reference_db);
    assert!(reference.contains("\"id\": \"c1\""), "cases were built");

    // kill points: while storing (by time; completed by the next ingest of the same files) and
    // during the case build (after its announcement, when every article is stored; completed by
    // the next ingest or by `casewatch rebuild`)
    let points: [(Option<&str>, u64, bool); 6] = [
        (Some("reconciling"), 0, false),
        (None, 30, false),
        (Some("reconciling"), 10, true),
        (None, 80, false),
        (Some("reconciling"), 40, true),
        (None, 200, false),
    ];
    let mut completed_earlier_work = 0;
    for (i, (line, ms, by_rebuild)) in points.iter().enumerate() {
        let db = dir.path().join(format!("killed-{i}.db"));
        let running = ingest_killed(&db, &articles, *line, Duration::from_millis(*ms));
        if *by_rebuild && db.exists() {
            let out = bin().arg("--db").arg(&db).arg("rebuild").output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        } else {
            let log = ingest(&db, &articles);
            if log.contains("stored by an earlier, interrupted run") {
                completed_earlier_work += 1;
            }
        }
        eprintln!("kill point {i} ({line:?} + {ms} ms): process was running: {running}");
        assert_eq!(cases_json(&db), reference, "kill point {i}");
    }
    // the scenario of the bug: articles stored, cases not built, then "0 new"
    assert!(completed_earlier_work > 0, "no kill left articles outside cases");
}
