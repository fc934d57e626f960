//! End-to-end tests of `casewatch eval`: its numbers equal those of
//! `../shared/eval/score.py articles` on `casewatch extract`'s output for the
//! same files (on the development set when present, and on the fictional
//! articles of crates/eval/tests/data), and its exit codes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&Path], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casewatch"))
        .args(args)
        .current_dir(dir)
        .env_remove("CASEWATCH_DB")
        .env_remove("CASEWATCH_LEXICON")
        .output()
        .expect("binary runs")
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_eval() -> PathBuf {
    workspace().join("../shared/eval")
}

fn fictional() -> PathBuf {
    workspace().join("crates/eval/tests/data")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `casewatch eval` and, through `casewatch extract` + score.py, the
/// project's scorer on the same files; returns (eval JSON, score.py JSON,
/// eval text, score.py --by-type text), or `None` when python3 is missing.
fn both(gold: &Path, files: &[PathBuf]) -> Option<(Value, Value, String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<&Path> = vec![p("eval"), gold];
    args.extend(files.iter().map(PathBuf::as_path));
    let text = run(&args, dir.path());
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    args.extend([p("--format"), p("json")]);
    let json = run(&args, dir.path());
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let ours: Value = serde_json::from_slice(&json.stdout).expect("eval --format json prints JSON");

    let scorer = shared_eval().join("score.py");
    if !scorer.exists() {
        println!("note: {} not found; comparison with score.py skipped", scorer.display());
        return None;
    }
    if !python_available() {
        println!("note: python3 not found; comparison with score.py skipped");
        return None;
    }
    let mut extract: Vec<&Path> = vec![p("extract")];
    extract.extend(files.iter().map(PathBuf::as_path));
    let records = run(&extract, dir.path());
    assert_eq!(records.status.code(), Some(0), "{}", stderr(&records));
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, &records.stdout).expect("write out.jsonl");
    let py = |extra: &[&str]| {
        let o = Command::new("python3")
            .arg(&scorer)
            .arg("articles")
            .arg(gold)
            .arg(&out)
            .args(extra)
            .output()
            .expect("python3 runs");
        assert!(o.status.success(), "score.py: {}", stderr(&o));
        o.stdout
    };
    let theirs: Value = serde_json::from_slice(&py(&["--json"])).expect("score.py prints JSON");
    let their_text = String::from_utf8_lossy(&py(&["--by-type"])).into_owned();
    Some((
        ours,
        theirs,
        String::from_utf8_lossy(&text.stdout).into_owned(),
        their_text,
    ))
}

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-12,
        _ => a == b,
    }
}

/// Equal JSON values, numbers compared to 1e-12 (serde_json's default float
/// parser may be one unit in the last place off Python's printed value).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => close(a, b),
    }
}

/// Asserts the figures one by one (for a readable failure), then the whole output.
fn assert_same_scores(ours: &Value, theirs: &Value) {
    for part in ["events", "people"] {
        for field in ["precision", "recall", "f1", "gold", "predicted", "matched"] {
            let (a, b) = (&ours[part][field], &theirs[part][field]);
            assert!(close(a, b), "{part}.{field}: casewatch eval {a}, score.py {b}");
        }
    }
    for field in [
        "articles",
        "articles_missing_from_output",
        "date_exact_among_matched",
        "status_exact_among_matched",
        "negated_as_fact",
        "by_type",
    ] {
        let (a, b) = (&ours[field], &theirs[field]);
        assert!(same(a, b), "{field}: casewatch eval {a}, score.py {b}");
    }
    for list in ["missed", "spurious", "negated_as_fact_list"] {
        let (a, b) = (&ours[list], &theirs[list]);
        assert!(same(a, b), "{list}: casewatch eval {a:#}\nscore.py {b:#}");
    }
    assert!(same(ours, theirs), "whole output differs");
}

#[test]
fn eval_equals_score_py_on_the_development_set() {
    let dev = shared_eval().join("dev");
    if !dev.join("gold.jsonl").exists() {
        println!("note: {} not found; development-set comparison skipped", dev.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dev)
        .expect("read dev dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let Some((ours, theirs, text, their_text)) = both(&dev.join("gold.jsonl"), &files) else {
        return;
    };
    assert_same_scores(&ours, &theirs);
    assert_eq!(text, their_text, "text output differs from score.py --by-type");
    println!("casewatch eval on the dev set:\n{text}");
}

#[test]
fn eval_equals_score_py_on_the_fictional_articles() {
    let data = fictional();
    let files = vec![data.join("brightwater-01.txt"), data.join("brightwater-02.txt")];
    let Some((ours, theirs, text, their_text)) = both(&data.join("gold.jsonl"), &files) else {
        return;
    };
    assert_same_scores(&ours, &theirs);
    assert_eq!(text, their_text);
    assert_eq!(ours["articles"], 2);
    assert_eq!(ours["events"]["gold"], 10);
    assert_eq!(ours["people"]["gold"], 3);
}

#[test]
fn unreadable_gold_exits_2_naming_path_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let article = fictional().join("brightwater-02.txt");
    std::fs::write(d.join("bad.jsonl"), "{\"id\": \"brightwater-02\"}\n{\"id\": oops}\n").expect("write");
    let o = run(&[p("eval"), p("bad.jsonl"), &article], d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.jsonl: line 2: not JSON"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());

    std::fs::write(d.join("noid.jsonl"), "\n\n{\"people\": []}\n").expect("write");
    let o = run(&[p("eval"), p("noid.jsonl"), &article], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("noid.jsonl: line 3: not a gold record"),
        "{}",
        stderr(&o)
    );

    let o = run(&[p("eval"), p("missing.jsonl"), &article], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.jsonl: cannot read gold annotations"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_failed_input_exits_1_and_the_rest_is_scored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = fictional();
    let o = run(
        &[
            p("eval"),
            &data.join("gold.jsonl"),
            &data.join("brightwater-01.txt"),
            p("no-such-file.txt"),
            p("--format"),
            p("json"),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no-such-file.txt"), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["articles_missing_from_output"], serde_json::json!(["brightwater-02"]));
}

#[test]
fn the_gold_file_inside_an_input_directory_is_not_read_as_an_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let data = fictional();
    std::fs::create_dir(d.join("sample")).expect("mkdir");
    for name in ["gold.jsonl", "brightwater-01.txt", "brightwater-02.txt"] {
        std::fs::copy(data.join(name), d.join("sample").join(name)).expect("copy");
    }
    let o = run(
        &[p("eval"), p("sample/gold.jsonl"), p("sample"), p("--format"), p("json")],
        d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["articles_missing_from_output"], serde_json::json!([]));
    assert_eq!(v["articles"], 2);
}
