//! The README's `sh` blocks run as written: every command line of every block, in order, in one shell, on a copy of the bundled examples after the quick start's ingest (commands that build, serve, poll or fetch over the network are left out and listed).

use std::path::Path;
use std::process::Command;

/// Lines of the README's `sh` blocks, continuation lines joined.
fn sh_lines(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        let full = std::mem::take(&mut pending);
        if !full.trim().is_empty() && !full.trim_start().starts_with('#') {
            out.push(full);
        }
    }
    out
}

/// Commands that need a toolchain, a server or the network.
fn skipped(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("cargo ")
        || l.starts_with("curl ")
        || l.contains("casewatch serve")
        || l.contains("casewatch watch")
        || l.contains("ingest https://")
        || l.contains("ingest http://")
}

#[cfg(unix)]
#[test]
fn every_sh_block_of_the_readme_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let lines = sh_lines(&readme);
    assert!(lines.len() > 40, "the README has its examples: {}", lines.len());
    let (skip, run): (Vec<&String>, Vec<&String>) = lines.iter().partition(|l| skipped(l));
    eprintln!("README commands left out: {skip:#?}");

    let dir = tempfile::tempdir().expect("tempdir");
    for entry in ["examples", "lexicons", "crates", "spec", "docs"] {
        std::os::unix::fs::symlink(root.join(entry), dir.path().join(entry)).expect("link");
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_casewatch"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The quick start, then every line in order; the failing line is named.
    let mut script = String::from(
        "set -euo pipefail\ntrap 'echo \"README command failed: $BASH_COMMAND\" >&2' ERR\ncasewatch ingest examples/ --print > /dev/null\n",
    );
    for l in &run {
        script.push_str(l);
        script.push('\n');
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path)
        .env("USER", "readme")
        .env_remove("CASEWATCH_DB")
        .env_remove("CASEWATCH_LEXICON")
        .env_remove("CASEWATCH_BIND")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "exit {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    // What the blocks write is there.
    for file in [
        "out.jsonl",
        "score.json",
        "cases.json",
        "held.csv",
        "northwind.md",
        "export/events.csv",
        "casewatch.xlsx",
        "uwazi/events.csv",
        "dossiers/index.html",
        "harbor.html",
        "cases.jsonl",
    ] {
        let p = dir.path().join(file);
        assert!(p.metadata().is_ok_and(|m| m.len() > 0), "{file} was written");
    }
}
