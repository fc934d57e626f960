//! End-to-end tests of `casewatch status` and `casewatch cases` (sorting,
//! paging, filters) and the reviewer's status, case title and country, on
//! the bundled fictional examples in a real SQLite file.

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

/// The standard error of a command that failed with exit status 1.
fn failed(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(&run(&["ingest", examples().to_str().expect("utf-8 path")], dir.path()));
    dir
}

#[test]
fn status_lists_each_defendant_with_census_csv_and_filters() {
    let dir = ingested();
    let d = dir.path();
    let csv = ok(&run(&["status", "--format", "csv"], d));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(&header[..3], ["person", "name", "status"]);
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    let row = |name: &str| {
        records
            .iter()
            .find(|r| &r[1] == name)
            .unwrap_or_else(|| panic!("{name} in {csv}"))
            .clone()
    };
    // Convicted and given six years (no separate sentence entry): serving.
    let valiyev = row("Rinat Valiyev");
    assert_eq!(&valiyev[2], "sentenced, serving");
    assert_eq!(&valiyev[3], "2025-08-05");
    assert_eq!(&valiyev[5], "2031-08-05");
    assert_eq!(&valiyev[7], "2025-08-07", "as of the case's latest source");
    assert_eq!(&valiyev[12], "RU");
    // A suspended sentence and a release from house arrest: released.
    assert_eq!(&row("Ainur Khabibullina")[2], "released");
    assert_eq!(&row("Tarek Abdel-Sattar")[2], "acquitted");

    let held = ok(&run(&["status", "--in-custody", "--format", "json"], d));
    let held: serde_json::Value = serde_json::from_str(&held).expect("JSON");
    let names: Vec<&str> = held
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert_eq!(names, ["Rinat Valiyev"]);
    let eg = ok(&run(&["status", "--country", "EG"], d));
    assert!(eg.contains("Tarek Abdel-Sattar") && !eg.contains("Valiyev"), "{eg}");
    let bad = run(&["status", "--status", "jailed"], d);
    assert!(failed(&bad).contains("unknown status \"jailed\""));
}

#[test]
fn a_reviewer_sets_a_status_a_title_and_a_country_and_they_stay() {
    let dir = ingested();
    let d = dir.path();
    ok(&run(
        &[
            "review",
            "status",
            "P2",
            "--set",
            "in_custody",
            "--since",
            "2025-09-01",
            "--note",
            "re-arrested",
        ],
        d,
    ));
    ok(&run(
        &[
            "review",
            "case",
            "c3",
            "--title",
            "Radosavljev interview",
            "--country",
            "rs",
        ],
        d,
    ));
    // A re-ingest and a rebuild keep both.
    ok(&run(&["ingest", examples().to_str().expect("utf-8 path")], d));
    let text = ok(&run(&["status", "--in-custody"], d));
    assert!(
        text.contains("Ainur Khabibullina") && text.contains("in custody*"),
        "{text}"
    );
    assert!(text.contains("* set by a reviewer"));
    let list = ok(&run(&["cases"], d));
    assert!(list.contains("Radosavljev interview"), "{list}");
    let log = ok(&run(&["log", "--format", "json"], d));
    let log: serde_json::Value = serde_json::from_str(&log).expect("JSON");
    let actions: Vec<&str> = log
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["set_status", "edit_case"]);
    assert_eq!(log[0]["note"], "re-arrested");
    assert_eq!(log[0]["after"]["status"], "in_custody");
}

#[test]
fn cases_sort_page_and_filter() {
    let dir = ingested();
    let d = dir.path();
    let ids = |out: &str| -> Vec<String> {
        out.lines()
            .skip(1)
            .filter(|l| l.starts_with('c'))
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect()
    };
    assert_eq!(ids(&ok(&run(&["cases"], d))), ["c1", "c2", "c3"]);
    assert_eq!(
        ids(&ok(&run(&["cases", "--sort", "id", "--desc"], d))),
        ["c3", "c2", "c1"]
    );
    let last = ok(&run(&["cases", "--sort", "last", "--desc", "--per-page", "2"], d));
    assert_eq!(ids(&last), ["c2", "c3"]);
    assert!(last.contains("(2 of 3 matching cases"), "{last}");
    let page2 = ok(&run(
        &["cases", "--sort", "last", "--desc", "--per-page", "2", "--page", "2"],
        d,
    ));
    assert_eq!(ids(&page2), ["c1"]);
    assert_eq!(ids(&ok(&run(&["cases", "--country", "RS"], d))), ["c3"]);
    assert_eq!(ids(&ok(&run(&["cases", "--status", "serving"], d))), ["c1"]);
    assert_eq!(ids(&ok(&run(&["cases", "--type", "acquittal"], d))), ["c2"]);
    let json = ok(&run(&["cases", "--status", "acquitted", "--format", "json"], d));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["cases"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["cases"][0]["id"], "c2");
    let bad = run(&["cases", "--sort", "colour"], d);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn the_queue_lists_unreviewed_entries_newest_first_and_a_case_is_confirmed_at_once() {
    let dir = ingested();
    let d = dir.path();
    let q = ok(&run(&["queue", "--limit", "3"], d));
    let first = q.lines().next().expect("summary line");
    let total: usize = first
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(total > 40, "{q}");
    // Newest sources first: the first entry has a source in the latest article (harbor-03,
    // 2026-01-15); its source lines follow its own line, indented.
    let first_entry: Vec<&str> = q.lines().skip(2).take_while(|l| l.starts_with(' ')).collect();
    assert!(first_entry.iter().any(|l| l.contains("2026-01-15")), "{q}");
    ok(&run(&["review", "confirm-case", "c3"], d));
    let after = ok(&run(&["queue", "--case", "c3"], d));
    assert!(after.starts_with("0 entries to review"), "{after}");
    let again = run(&["review", "confirm-case", "c3"], d);
    assert_eq!(again.status.code(), Some(1), "nothing left to confirm");
    let log = ok(&run(&["log", "--case", "c3", "--format", "json"], d));
    let log: serde_json::Value = serde_json::from_str(&log).expect("JSON");
    let actions: Vec<&str> = log
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions.last(), Some(&"confirm_case"));
    assert!(actions.iter().filter(|a| **a == "confirm").count() >= 4, "{actions:?}");
}

#[test]
fn url_and_title_flags_give_a_text_input_its_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let novi = examples().join("novi-sad-01.txt");
    let out = ok(&run(
        &[
            "extract",
            novi.to_str().expect("utf-8"),
            "--url",
            "https://www.example.org/novi-sad/interview",
            "--title",
            "Police question Novi Sad reporter",
        ],
        d,
    ));
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON");
    assert_eq!(v["article"]["url"], "https://www.example.org/novi-sad/interview");
    assert_eq!(v["article"]["title"], "Police question Novi Sad reporter");
    let bad = run(&["extract", novi.to_str().expect("utf-8"), "--url", "example.org"], d);
    assert!(failed(&bad).contains("not an http:// or https:// URL"));
}

#[test]
fn entries_are_added_merged_and_split_from_the_command_line() {
    let dir = ingested();
    let d = dir.path();
    let quote = "Judge Gulnara Sayfutdinova of the Vakhitovsky District Court ordered her released from house arrest, and she left the courtroom with her mother.";
    let out = ok(&run(
        &[
            "review",
            "add-entry",
            "c1",
            "--type",
            "release",
            "--date",
            "2025-08-05",
            "--subject",
            "P2",
            "--article",
            "northwind-04",
            "--quote",
            quote,
        ],
        d,
    ));
    assert!(out.contains("add_entry"), "{out}");
    let bad = run(
        &[
            "review",
            "add-entry",
            "c1",
            "--type",
            "release",
            "--article",
            "northwind-04",
            "--quote",
            "Not in it.",
        ],
        d,
    );
    assert!(failed(&bad).contains("not in article northwind-04"));
    ok(&run(
        &[
            "review",
            "add-entry",
            "c2",
            "--type",
            "hearing",
            "--date",
            "2025-11",
            "--subject",
            "P9",
            "--source-note",
            "court schedule",
        ],
        d,
    ));
    let before: serde_json::Value = serde_json::from_str(&ok(&run(&["cases", "--format", "json"], d))).expect("JSON");
    let case_events = |v: &serde_json::Value, case: &str| -> Vec<serde_json::Value> {
        v["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["id"] == case)
            .and_then(|c| c["events"].as_array().cloned())
            .unwrap_or_default()
    };
    let hearings: Vec<String> = case_events(&before, "c2")
        .iter()
        .filter(|e| e["type"] == "hearing" && e["review"] == "machine")
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect();
    assert!(hearings.len() >= 2, "two hearings to merge: {hearings:?}");
    let (keep, gone) = (hearings[0].clone(), hearings[1].clone());
    ok(&run(&["review", "merge-entries", &keep, &gone], d));
    let shared = case_events(&before, "c1")
        .iter()
        .find(|e| {
            let subjects = e["subjects"].as_array().cloned().unwrap_or_default();
            e["type"] == "pretrial_detention" && subjects.len() >= 2 && subjects.iter().any(|s| s["ref"] == "P2")
        })
        .and_then(|e| e["id"].as_str().map(str::to_string))
        .expect("a custody order of two people");
    ok(&run(
        &[
            "review",
            "split-entry",
            &shared,
            "--subject",
            "P2",
            "--detail",
            "until 2025-05-10",
        ],
        d,
    ));
    // Re-ingest and rebuild: everything stays.
    ok(&run(&["ingest", examples().to_str().expect("utf-8 path")], d));
    let json = ok(&run(&["cases", "--format", "json"], d));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let events = |case: &str| -> Vec<serde_json::Value> {
        v["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["id"] == case)
            .and_then(|c| c["events"].as_array().cloned())
            .unwrap_or_default()
    };
    let c1 = events("c1");
    assert!(
        c1.iter()
            .any(|e| e["type"] == "release" && e["review"] == "confirmed" && e["sources"][0]["sentence"] == quote)
    );
    let kept = c1.iter().find(|e| e["id"] == shared.as_str()).expect("the split entry");
    assert!(
        kept["subjects"]
            .as_array()
            .expect("subjects")
            .iter()
            .all(|s| s["ref"] != "P2")
    );
    assert!(
        c1.iter().any(|e| e["type"] == "pretrial_detention"
            && e["subjects"][0]["ref"] == "P2"
            && e["id"] != shared.as_str())
    );
    let c2 = events("c2");
    assert!(c2.iter().all(|e| e["id"] != gone.as_str()), "merged away");
    assert!(c2.iter().any(|e| e["id"] == keep.as_str()));
    assert!(c2.iter().any(|e| e["detail"] == "source: court schedule"));
}

#[test]
fn a_case_is_found_by_a_text_of_its_title_and_a_miss_names_the_text() {
    let dir = ingested();
    let d = dir.path();
    assert_eq!(ok(&run(&["id", "case", "--title", "KHABIBULLINA"], d)).trim(), "c1");
    let miss = run(&["id", "case", "--title", "Velmora Gazette"], d);
    let err = failed(&miss);
    assert!(err.contains("no case title contains \"Velmora Gazette\""), "{err}");
    let empty = run(&["id", "case", "--title", " "], d);
    assert!(failed(&empty).contains("--title is empty"));
}

#[test]
fn a_person_is_found_by_any_spelling_in_the_first_case_that_has_them() {
    let dir = ingested();
    let d = dir.path();
    let valiev = ok(&run(&["id", "person", "Valiev"], d));
    assert_eq!(
        valiev.trim(),
        ok(&run(&["id", "person", "Rinat Valiyev", "--case", "c1"], d)).trim()
    );
    assert!(valiev.trim().starts_with('P'), "{valiev}");
    failed(&run(&["id", "person", "Velmora Quist"], d));
}
