//! Directory walking: recursive, sorted, hidden and foreign files skipped.

use super::{gz, read, tempdir, write};

#[test]
fn walk_is_recursive_and_sorted() {
    let dir = tempdir();
    let root = dir.path();
    write(root, "b.txt", "B.");
    write(root, "a/z.txt", "AZ.");
    write(root, "a/c/d.txt", "ACD.");
    write(root, "a/b.txt.gz", gz("AB."));
    write(root, "c.jsonl", "{\"id\": \"c1\", \"text\": \"C1.\"}\n");
    write(
        root,
        "d.html",
        "<html><body><p>A fictional page about a newsroom that was searched by police on Monday morning.</p></body></html>",
    );
    write(root, "notes", "No extension.");
    write(root, ".hidden.txt", "skipped");
    write(root, ".git/config.txt", "skipped");
    write(root, "cases.json", "{\"skipped\": true}");
    write(root, "image.png", "skipped");
    let items = read(&[root.to_path_buf()]);
    let ids: Vec<_> = items.into_iter().map(|r| r.expect("article").id).collect();
    assert_eq!(ids, vec!["b", "d", "z", "b", "c1", "d", "notes"]);
}

#[test]
fn paths_keep_their_given_order() {
    let dir = tempdir();
    let z = write(dir.path(), "z.txt", "Z.");
    let a = write(dir.path(), "a.txt", "A.");
    let sub = dir.path().join("sub");
    write(&sub, "m.txt", "M.");
    let items = read(&[z.clone(), sub, a]);
    let got: Vec<_> = items.into_iter().map(|r| r.expect("article")).collect();
    let ids: Vec<_> = got.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec!["z", "m", "a"]);
    assert_eq!(got[0].source, z.display().to_string());
    assert!(got[1].source.ends_with("sub/m.txt"));
}

#[test]
fn explicit_files_with_foreign_extensions_are_read() {
    let dir = tempdir();
    let p = write(dir.path(), "notes.json", "{\"text\": \"Read anyway.\"}");
    let a = read(&[p]).remove(0).expect("article");
    assert_eq!(a.body, "Read anyway.");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported() {
    let dir = tempdir();
    write(dir.path(), "sub/a.txt", "A.");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
    let items = read(&[dir.path().to_path_buf()]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().expect("article").id, "a");
    let err = items[1].as_ref().expect_err("loop");
    assert!(err.reason.starts_with("symbolic link loop"), "{}", err.reason);
}
