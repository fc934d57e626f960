//! End-to-end tests of `casewatch review`, `log` and `export` on the bundled fictional examples in a real SQLite file: decisions survive re-ingest, the log shows who and what, every export format parses back.

use casewatch_model::{Case, CaseFile, Review};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casewatch"))
        .args(args)
        .current_dir(dir)
        .env_remove("CASEWATCH_DB")
        .env_remove("CASEWATCH_LEXICON")
        .env("USER", "tester")
        .output()
        .expect("binary runs")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn cases(dir: &Path) -> CaseFile {
    serde_json::from_str(&ok(&run(&["cases", "--format", "json"], dir))).expect("case file JSON")
}

fn entry_review(file: &CaseFile, id: &str) -> Option<Review> {
    file.cases
        .iter()
        .flat_map(|c| &c.events)
        .find(|e| e.id == id)
        .map(|e| e.review)
}

#[test]
fn review_decisions_survive_re_ingest_and_show_in_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ex = examples();
    let ex = ex.to_str().expect("utf-8 path");
    ok(&run(&["ingest", ex], dir.path()));
    let file = cases(dir.path());
    let case = file.cases.iter().max_by_key(|c| c.events.len()).expect("a case");
    let (first, second) = (case.events[0].id.clone(), case.events[1].id.clone());

    let out = ok(&run(&["review", "confirm", &first, "--note", "checked"], dir.path()));
    assert!(
        out.contains("tester confirm") && out.contains("review: machine → confirmed"),
        "{out}"
    );
    let out = ok(&run(
        &[
            "review", "edit", &second, "--detail", "at dawn", "--status", "alleged", "--user", "ana",
        ],
        dir.path(),
    ));
    assert!(out.contains("detail:") && out.contains("at dawn"), "{out}");
    // Refused decisions exit 1 and write nothing.
    let bad = run(&["review", "edit", &second], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    let bad = run(&["review", "reject", "E99999"], dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("E99999"));

    // Re-ingesting the same articles changes nothing.
    ok(&run(&["ingest", ex], dir.path()));
    let after = cases(dir.path());
    assert_eq!(entry_review(&after, &first), Some(Review::Confirmed));
    let edited = after
        .cases
        .iter()
        .flat_map(|c| &c.events)
        .find(|e| e.id == second)
        .expect("edited entry");
    assert_eq!(
        (edited.review, edited.detail.as_deref()),
        (Review::Edited, Some("at dawn"))
    );

    let log: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&run(&["log", "--format", "json", "--case", &case.id], dir.path())))
            .expect("log JSON");
    assert_eq!(log.len(), 2);
    assert_eq!(
        (log[0]["user"].as_str(), log[0]["action"].as_str()),
        (Some("tester"), Some("confirm"))
    );
    assert_eq!(log[0]["note"].as_str(), Some("checked"));
    assert_eq!(log[1]["user"].as_str(), Some("ana"));
    assert_eq!(log[1]["after"]["detail"].as_str(), Some("at dawn"));
    let text = ok(&run(&["log"], dir.path()));
    assert_eq!(text.lines().filter(|l| l.starts_with('#')).count(), 2);
}

#[test]
fn every_export_format_parses_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ex = examples();
    ok(&run(&["ingest", ex.to_str().expect("utf-8 path")], dir.path()));
    let file = cases(dir.path());

    let jsonl = ok(&run(&["export", "--format", "jsonl"], dir.path()));
    let back: Vec<Case> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a case per line"))
        .collect();
    assert_eq!(CaseFile { cases: back }, file);

    ok(&run(&["export", "--format", "csv", "--out", "out/"], dir.path()));
    let mut events = csv::Reader::from_path(dir.path().join("out/events.csv")).expect("events.csv");
    let rows = events.records().map(|r| r.expect("row")).collect::<Vec<_>>().len();
    let expected: usize = file
        .cases
        .iter()
        .flat_map(|c| &c.events)
        .map(|e| e.subjects.len().max(1))
        .sum();
    assert_eq!(rows, expected);
    let mut people = csv::Reader::from_path(dir.path().join("out/people.csv")).expect("people.csv");
    let rows: Vec<csv::StringRecord> = people.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), file.cases.iter().map(|c| c.people.len()).sum::<usize>());
    let p = &file.cases[0].people[0];
    assert_eq!(&rows[0][3], p.variants.join("|"));

    let id = file.cases[0].id.clone();
    let md = ok(&run(&["export", "--format", "markdown", "--case", &id], dir.path()));
    assert!(md.starts_with(&format!("# {}", file.cases[0].title)) && md.contains("## Sources"));
    ok(&run(&["export", "--format", "html", "--out", "dossiers/"], dir.path()));
    for c in &file.cases {
        let html =
            std::fs::read_to_string(dir.path().join(format!("dossiers/{}.html", c.id))).expect("one page per case");
        assert!(html.contains("@media print") && html.contains("<h2>Timeline</h2>"));
    }
    let index = std::fs::read_to_string(dir.path().join("dossiers/index.html")).expect("an index page");
    for c in &file.cases {
        assert!(index.contains(&format!("<a href=\"{}.html\">", c.id)), "{index}");
    }
    assert!(index.contains("generated ") && md.contains("casewatch dossier · generated "));

    // Spreadsheets: CSV with a BOM on request, and an XLSX workbook.
    ok(&run(
        &["export", "--format", "csv", "--bom", "--out", "bom/"],
        dir.path(),
    ));
    let events = std::fs::read(dir.path().join("bom/events.csv")).expect("events.csv");
    assert!(events.starts_with("\u{feff}event_id,".as_bytes()));
    ok(&run(&["export", "--format", "xlsx", "--out", "book.xlsx"], dir.path()));
    let book = std::fs::read(dir.path().join("book.xlsx")).expect("book.xlsx");
    assert!(book.starts_with(b"PK") && book.len() > 1000);
    let bad = run(&["export", "--format", "xlsx"], dir.path());
    assert_eq!(bad.status.code(), Some(1), "a workbook needs --out");

    let bad = run(&["export", "--format", "html"], dir.path());
    assert_eq!(bad.status.code(), Some(1), "several HTML pages need --out");
    let bad = run(&["export", "--format", "jsonl", "--case", "c999"], dir.path());
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn uwazi_export_writes_four_files_by_the_import_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ex = examples();
    ok(&run(&["ingest", ex.to_str().expect("utf-8 path")], dir.path()));
    let file = cases(dir.path());
    let rejected = file.cases[0].events[0].id.clone();
    ok(&run(&["review", "reject", &rejected], dir.path()));

    let bad = run(&["export", "--format", "uwazi"], dir.path());
    assert_eq!(bad.status.code(), Some(1), "four files need --out DIR/");

    let read = |sub: &str| {
        let f = |name: &str| std::fs::read_to_string(dir.path().join(sub).join(name)).expect(name);
        casewatch_export::UwaziFiles {
            cases: f("cases.csv"),
            organisations: f("organisations.csv"),
            people: f("people.csv"),
            events: f("events.csv"),
        }
    };
    let event_ids = |files: &casewatch_export::UwaziFiles| -> Vec<String> {
        let mut r = csv::Reader::from_reader(files.events.as_bytes());
        let col = r
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "casewatch_id")
            .expect("casewatch_id column");
        r.records().map(|x| x.expect("row")[col].to_string()).collect()
    };
    let all: Vec<String> = file
        .cases
        .iter()
        .flat_map(|c| &c.events)
        .map(|e| e.id.clone())
        .collect();

    ok(&run(&["export", "--format", "uwazi", "--out", "uwazi/"], dir.path()));
    let files = read("uwazi");
    assert_eq!(casewatch_export::check_uwazi_files(&files), Vec::<String>::new());
    let kept: Vec<String> = all.iter().filter(|id| **id != rejected).cloned().collect();
    assert_eq!(event_ids(&files), kept, "one row per event, the rejected one left out");
    let people: usize = csv::Reader::from_reader(files.people.as_bytes()).records().count();
    let distinct: std::collections::BTreeSet<&str> = file
        .cases
        .iter()
        .flat_map(|c| &c.people)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(people, distinct.len(), "one row per person");

    ok(&run(
        &["export", "--format", "uwazi", "--include-rejected", "--out", "all/"],
        dir.path(),
    ));
    assert_eq!(event_ids(&read("all")), all);
}

#[test]
fn a_split_case_keeps_its_new_id_through_re_ingest_and_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ex = examples();
    let ex = ex.to_str().expect("utf-8 path");
    ok(&run(&["ingest", ex], dir.path()));
    let file = cases(dir.path());
    let of = |file: &CaseFile, article: &str| -> String {
        file.cases
            .iter()
            .find(|c| c.articles.iter().any(|a| a == article))
            .map(|c| c.id.clone())
            .unwrap_or_else(|| panic!("no case holds {article}"))
    };
    let northwind = of(&file, "northwind-01");
    assert_eq!(of(&file, "northwind-04"), northwind);
    let largest = file
        .cases
        .iter()
        .filter_map(|c| c.id[1..].parse::<u64>().ok())
        .max()
        .expect("cases");

    // Splitting off every article is refused and writes nothing.
    let all: Vec<String> = file
        .cases
        .iter()
        .find(|c| c.id == northwind)
        .expect("case")
        .articles
        .iter()
        .flat_map(|a| ["--article".to_string(), a.clone()])
        .collect();
    let mut args = vec!["review", "split-case", northwind.as_str()];
    args.extend(all.iter().map(String::as_str));
    let bad = run(&args, dir.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("at least one must stay"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    let out = ok(&run(
        &[
            "review",
            "split-case",
            &northwind,
            "--article",
            "northwind-04",
            "--note",
            "the release is reported apart",
        ],
        dir.path(),
    ));
    let new = format!("c{}", largest + 1);
    assert!(
        out.contains("split_case") && out.contains(&format!("new case {new}")),
        "{out}"
    );
    let check = |dir: &Path| {
        let file = cases(dir);
        assert_eq!(of(&file, "northwind-04"), new);
        assert_eq!(of(&file, "northwind-01"), northwind);
        assert_eq!(
            file.cases.iter().find(|c| c.id == new).expect("new case").articles,
            vec!["northwind-04".to_string()]
        );
    };
    check(dir.path());
    ok(&run(&["ingest", ex], dir.path()));
    check(dir.path());
    ok(&run(&["rebuild", "--all"], dir.path()));
    check(dir.path());
    let log = ok(&run(&["log", "--case", &new], dir.path()));
    assert!(
        log.contains("split_case") && log.contains("the release is reported apart"),
        "{log}"
    );
}

#[test]
fn sources_name_the_outlet_their_metadata_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "date 2025-03-12\nurl: https://courier.example/news/1\noutlet: Eastmere Courier\ntitle: Reporter detained\n\n\
         Police in Eastmere detained reporter Ilse Varga on Tuesday, her editor said. Officers searched her flat.\n",
    )
    .expect("write");
    std::fs::write(
        d.join("b.html"),
        "<html><head><title>Varga charged</title><meta property=\"og:site_name\" content=\"The Lantern Gazette\">\
         <link rel=\"canonical\" href=\"https://lantern.example/news/varga\">\
         <meta property=\"article:published_time\" content=\"2025-03-14T10:00:00Z\"></head><body><article>\
         <p>Prosecutors in Eastmere charged reporter Ilse Varga with espionage on Thursday, her lawyer said.</p>\
         <p>Police detained Ilse Varga on Tuesday.</p></article></body></html>",
    )
    .expect("write");
    std::fs::write(
        d.join("c.txt"),
        "date 2025-03-20\n\nA court in Eastmere placed reporter Ilse Varga in pre-trial detention on Wednesday.\n",
    )
    .expect("write");
    std::fs::write(
        d.join("d.txt"),
        "date 2025-03-21\nurl: https://www.north.example/varga\n\nIlse Varga's lawyer appealed against her pre-trial detention on Thursday.\n",
    )
    .expect("write");
    ok(&run(&["ingest", "a.txt", "b.html", "d.txt"], d));
    ok(&run(
        &[
            "ingest",
            "c.txt",
            "--outlet",
            "Radio Eastmere",
            "--url",
            "https://radio.example/x",
        ],
        d,
    ));
    let file = cases(d);
    assert_eq!(file.cases.len(), 1);
    let outlets: std::collections::BTreeMap<String, Option<String>> = file.cases[0]
        .events
        .iter()
        .flat_map(|e| &e.sources)
        .map(|s| (s.article.clone(), s.outlet.clone()))
        .collect();
    let want = |s: &str| Some(s.to_string());
    assert_eq!(outlets.get("a"), Some(&want("Eastmere Courier")), "{outlets:?}");
    assert_eq!(outlets.get("b"), Some(&want("The Lantern Gazette")), "{outlets:?}");
    assert_eq!(outlets.get("c"), Some(&want("Radio Eastmere")), "{outlets:?}");
    assert_eq!(
        outlets.get("d"),
        Some(&want("north.example")),
        "the URL's site: {outlets:?}"
    );
    // A full rebuild keeps them, and the exports show them.
    ok(&run(&["rebuild", "--all"], d));
    let csv = ok(&run(&["export", "--format", "csv", "--table", "events"], d));
    assert!(csv.contains("Eastmere Courier|The Lantern Gazette"), "{csv}");
    let dossier = ok(&run(&["export", "--format", "markdown"], d));
    assert!(
        dossier.contains("Radio Eastmere") && dossier.contains("north.example"),
        "{dossier}"
    );
}
