//! Crash safety: a writer process killed with SIGKILL in the middle of its
//! batches leaves a sound database in which every stored article has its
//! whole record (all people, events, subjects, charges), never a part.
//!
//! The test re-executes its own test binary, running only
//! [`child_writer_process`] with `CRASH_CHILD_DB` set; that "test" is a no-op
//! in a normal run. Unix only (SIGKILL).
#![cfg(unix)]

#[allow(dead_code)]
mod common;

use casewatch_model::CaseFile;
use casewatch_store::{ArticleInput, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_DB: &str = "CRASH_CHILD_DB";
const CHILD_START: &str = "CRASH_CHILD_START";
const BATCH: usize = 50;

/// The child: inserts batches of generated records (numbered from
/// `CRASH_CHILD_START`) and rewrites the cases every few batches, until
/// killed, or for at most 60 s or 400 batches.
#[test]
fn child_writer_process() {
    let Ok(db) = std::env::var(CHILD_DB) else {
        return; // a normal test run: nothing to do
    };
    let start: usize = std::env::var(CHILD_START)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut store = Store::open(Path::new(&db)).expect("child open");
    let began = Instant::now();
    for b in 0..400 {
        if began.elapsed() > Duration::from_secs(60) {
            break;
        }
        let items: Vec<_> = (0..BATCH).map(|k| common::generated(start + b * BATCH + k)).collect();
        let batch: Vec<_> = items
            .iter()
            .map(|(record, body)| ArticleInput { record, body })
            .collect();
        store.insert_articles(&batch).expect("child insert");
        if b % 4 == 3 {
            let mut file = common::case_file();
            for (n, case) in file.cases.iter_mut().enumerate() {
                case.id = format!("c{n}");
                case.articles = items.iter().map(|(r, _)| r.article.id.clone()).collect();
            }
            store.replace_cases(&file).expect("child replace_cases");
        }
    }
}

fn articles_in(path: &Path) -> u64 {
    Store::open(path)
        .and_then(|s| s.counts())
        .map(|c| c.articles)
        .unwrap_or(0)
}

#[test]
fn killed_writer_leaves_a_consistent_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.db");
    let exe = std::env::current_exe().expect("test binary");
    let mut stored = 0;
    for round in 0..4u64 {
        // The child's output goes to a file, so that a child that stops on
        // its own (a panic) is reported with its message.
        let log_path = dir.path().join(format!("child-{round}.log"));
        let log = std::fs::File::create(&log_path).expect("child log");
        let mut child = Command::new(&exe)
            .args(["child_writer_process", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DB, &path)
            .env(CHILD_START, (round * 100_000).to_string())
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("child log"))
            .stderr(log)
            .spawn()
            .expect("spawn the child");
        // Wait until the child has committed a few batches of this round,
        // then kill it at a varying moment (most of its time is spent inside
        // a transaction, so the kill lands mid-batch nearly every time).
        let deadline = Instant::now() + Duration::from_secs(60);
        while articles_in(&path) < stored + 3 * BATCH as u64 && Instant::now() < deadline {
            if child.try_wait().expect("try_wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(3 + 7 * round));
        child.kill().expect("SIGKILL the child"); // std sends SIGKILL on Unix
        let status = child.wait().expect("wait");
        use std::os::unix::process::ExitStatusExt as _;
        assert_eq!(
            status.signal(),
            Some(9),
            "round {round}: the child was not killed mid-run: {status:?}; it printed:\n{}",
            std::fs::read_to_string(&log_path).unwrap_or_default()
        );

        let store = Store::open(&path).expect("reopen after the kill");
        assert_eq!(store.integrity_check().expect("integrity check"), Vec::<String>::new());
        let articles = store.articles().expect("articles");
        assert!(
            articles.len() as u64 >= stored + 3 * BATCH as u64,
            "round {round}: the child made no progress"
        );
        assert_eq!(articles.len() % BATCH, 0, "a batch was stored in part");
        for a in &articles {
            let i: usize = a
                .record
                .article
                .id
                .trim_start_matches("gen-")
                .parse()
                .expect("generated id");
            let (record, body) = common::generated(i);
            assert_eq!(a.record, record, "article {i} is not whole");
            assert_eq!(a.body, body);
        }
        let counts = store.counts().expect("counts");
        let events: u64 = articles.iter().map(|a| a.record.events.len() as u64).sum();
        assert_eq!(counts.events, events);
        // Cases are all or nothing too.
        let cases: CaseFile = store.cases().expect("cases");
        assert!(cases.cases.is_empty() || cases.cases.len() == 3);
        stored = articles.len() as u64;
    }
}
