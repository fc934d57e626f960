//! `casewatch user …` and `casewatch token …`: passwords from standard input
//! only, tokens printed once, changes audited, usage errors exit 2.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(db: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casewatch"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run casewatch");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn users_and_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");

    let o = run(
        &db,
        &["user", "add", "ana", "--role", "admin", "--password-stdin"],
        "a long password\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    // Passwords are never arguments: the flag is required.
    let o = run(&db, &["user", "add", "bo", "--role", "viewer"], "whatever pass\n");
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        &db,
        &["user", "add", "bo", "--role", "viewer", "--password-stdin"],
        "short\n",
    );
    assert_eq!(o.status.code(), Some(1), "a short password is refused");
    let o = run(
        &db,
        &["user", "add", "ana", "--role", "viewer", "--password-stdin"],
        "a long password\n",
    );
    assert_eq!(o.status.code(), Some(1), "a taken name is refused");

    let o = run(&db, &["user", "list"], "");
    let list = text(&o.stdout);
    assert!(list.starts_with("ana\tadmin\t"), "{list}");
    assert!(!list.contains("argon2"));

    let o = run(
        &db,
        &["user", "passwd", "ana", "--password-stdin"],
        "another long one\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&db, &["user", "role", "ana", "--role", "editor"], "");
    assert!(o.status.success());

    let o = run(&db, &["token", "add", "bot", "--role", "viewer"], "");
    assert!(o.status.success());
    let token = text(&o.stdout);
    assert!(token.trim().starts_with("cw_") && token.trim().len() == 67, "{token}");
    let o = run(&db, &["token", "list"], "");
    let list = text(&o.stdout);
    assert!(list.starts_with("bot\tviewer\t") && !list.contains(token.trim()));
    assert!(run(&db, &["token", "remove", "bot"], "").status.success());
    assert_eq!(run(&db, &["token", "remove", "bot"], "").status.code(), Some(1));

    assert!(run(&db, &["user", "remove", "ana"], "").status.success());
    assert_eq!(run(&db, &["user", "remove", "ana"], "").status.code(), Some(1));

    let store = casewatch_store::Store::open(&db).expect("open");
    let actions: Vec<String> = store
        .audit_log(None)
        .expect("log")
        .into_iter()
        .map(|a| format!("{} {} {}", a.user, a.action, a.target))
        .collect();
    assert_eq!(
        actions,
        [
            "cli user.add ana",
            "cli user.passwd ana",
            "cli user.role ana",
            "cli token.add bot",
            "cli token.remove bot",
            "cli user.remove ana"
        ]
    );
}

#[test]
fn serve_refuses_a_bad_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&dir.path().join("t.db"), &["serve", "--bind", "not-an-address"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("not an address"), "{}", text(&o.stderr));
}
