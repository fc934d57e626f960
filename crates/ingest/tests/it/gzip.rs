//! gzip inputs: the inner name picks the format; corrupt streams are errors.

use casewatch_ingest::ReadOptions;

use super::{day, error_of, gz, one, read, tempdir, write};

#[test]
fn gzipped_text() {
    let a = one("dev-003.txt.gz", gz("date 2024-01-05\nPhotographer freed\n\nText.\n"));
    assert_eq!(a.id, "dev-003");
    assert!(a.source.ends_with("dev-003.txt.gz"));
    assert_eq!(a.published, Some(day("2024-01-05")));
    assert_eq!(a.body, "Photographer freed\n\nText.\n");
}

#[test]
fn gzipped_jsonl() {
    let dir = tempdir();
    let path = write(
        dir.path(),
        "batch.JSONL.GZ",
        gz("{\"text\": \"One.\"}\n{\"id\": \"two\", \"text\": \"Two.\"}\n"),
    );
    let ids: Vec<_> = read(&[path]).into_iter().map(|r| r.expect("article").id).collect();
    assert_eq!(ids, vec!["batch-1", "two"]);
}

#[test]
fn multi_member_gzip_is_read_whole() {
    let mut bytes = gz("date 2024-01-05\nFirst part, ");
    bytes.extend(gz("second part.\n"));
    let a = one("two.txt.gz", bytes);
    assert_eq!(a.body, "First part, second part.\n");
}

#[test]
fn corrupt_gzip() {
    let reason = error_of("bad.txt.gz", b"this is not gzip at all", &ReadOptions::default());
    assert!(reason.starts_with("corrupt gzip: "), "{reason}");
    let mut truncated = gz("date 2024-01-05\n".repeat(200));
    truncated.truncate(truncated.len() / 2);
    let reason = error_of("cut.txt.gz", truncated, &ReadOptions::default());
    assert!(reason.starts_with("corrupt gzip: "), "{reason}");
}

#[test]
fn decompressed_size_is_limited() {
    let opts = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    let reason = error_of("big.txt.gz", gz("x".repeat(5000)), &opts);
    assert_eq!(reason, "decompressed size is over the limit of 1000 bytes");
}

#[test]
fn gzipped_binary_and_empty() {
    let opts = ReadOptions::default();
    assert_eq!(error_of("bin.txt.gz", gz(b"ab\0cd"), &opts), "binary file");
    assert_eq!(error_of("empty.txt.gz", gz(b"  \n"), &opts), "empty file");
}
