//! Bad inputs: each is one clear error, and the batch goes on.

use casewatch_ingest::ReadOptions;

use super::{error_of, read, read_with, tempdir, write};

#[test]
fn every_bad_input_is_reported_and_the_batch_continues() {
    let dir = tempdir();
    let d = dir.path();
    let paths = vec![
        write(d, "01-good.txt", "date 2025-01-01\nFirst."),
        d.join("02-missing.txt"),
        write(d, "03-empty.txt", ""),
        write(d, "04-blank.txt", " \n\t\r\n  "),
        write(d, "05-binary.txt", b"GIF89a\x00\x01\x02"),
        write(d, "06-big.txt", "x".repeat(2001)),
        write(d, "07-bad-date.txt", "date 2025-13-45\nText."),
        write(d, "08-word-date.txt", "  date yesterday the court ruled.\n"),
        write(d, "09-corrupt.txt.gz", b"\x1f\x8b\x08\x00garbage"),
        write(
            d,
            "10-lines.jsonl",
            "{\"text\": \"J1.\"}\nnot json\n{\"text\": \"J3.\"}\n",
        ),
        write(d, "11-header-only.txt", "date 2025-01-01   \n\n"),
        write(d, "12-good.txt", "Last."),
    ];
    let opts = ReadOptions {
        max_bytes: 2000,
        ..ReadOptions::default()
    };
    let items = read_with(&paths, &opts);
    let shown = |i: usize| paths[i].display().to_string();
    let summary: Vec<String> = items
        .iter()
        .map(|r| match r {
            Ok(a) => format!("ok {}", a.id),
            Err(e) => e.to_string(),
        })
        .collect();
    let expected = vec![
        "ok 01-good".to_string(),
        format!("{}: no such file or directory", shown(1)),
        format!("{}: empty file", shown(2)),
        format!("{}: empty file", shown(3)),
        format!("{}: binary file", shown(4)),
        format!("{}: file is 2001 bytes, over the limit of 2000 bytes", shown(5)),
        format!("{}: unparseable date header \"date 2025-13-45\"", shown(6)),
        format!(
            "{}: unparseable date header \"date yesterday the court ruled.\"",
            shown(7)
        ),
        "CORRUPT".to_string(),
        "ok 10-lines-1".to_string(),
        format!("{}:2: invalid JSON at column 2: expected ident", shown(9)),
        "ok 10-lines-3".to_string(),
        format!("{}: no text after the date header", shown(10)),
        "ok 12-good".to_string(),
    ];
    assert_eq!(summary.len(), expected.len(), "{summary:#?}");
    for (got, want) in summary.iter().zip(&expected) {
        if want == "CORRUPT" {
            assert!(got.starts_with(&format!("{}: corrupt gzip: ", shown(8))), "{got}");
        } else {
            assert_eq!(got, want);
        }
    }
}

#[test]
fn binary_check_looks_at_the_first_8_kib_only() {
    let opts = ReadOptions::default();
    let mut late_nul = "date 2025-01-01\n".to_string().into_bytes();
    late_nul.extend(std::iter::repeat_n(b'a', 9000));
    late_nul.push(0);
    let dir = tempdir();
    let p = write(dir.path(), "late.txt", &late_nul);
    assert!(read(&[p]).remove(0).is_ok());
    let mut early = vec![b'a'; 8000];
    early.push(0);
    assert_eq!(error_of("early.txt", early, &opts), "binary file");
}

#[test]
fn limit_is_inclusive() {
    let opts = ReadOptions {
        max_bytes: 10,
        ..ReadOptions::default()
    };
    let dir = tempdir();
    let p = write(dir.path(), "ten.txt", "0123456789");
    assert!(read_with(&[p], &opts).remove(0).is_ok());
}

#[test]
fn jsonl_lines_are_limited_not_files() {
    // the limit applies to each line of a JSONL file: a long line fails alone, the lines around it are read
    let opts = ReadOptions {
        max_bytes: 30,
        ..ReadOptions::default()
    };
    let dir = tempdir();
    let long = format!("{{\"text\": \"{}\"}}", "A".repeat(100));
    let body = format!("{{\"text\": \"Short one.\"}}\n{long}\n{{\"text\": \"Short two.\"}}\n{long}");
    let p = write(dir.path(), "b.jsonl", &body);
    let items = read_with(&[p], &opts);
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].as_ref().map(|a| a.body.as_str()), Ok("Short one."));
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(
        (e.line, e.reason.as_str()),
        (Some(2), "line is over the limit of 30 bytes")
    );
    let a = items[2].as_ref().unwrap();
    assert_eq!((a.body.as_str(), a.id.as_str()), ("Short two.", "b-3"));
    let e = items[3].as_ref().unwrap_err();
    assert_eq!(
        (e.line, e.reason.as_str()),
        (Some(4), "line is over the limit of 30 bytes")
    );
    // a file of any size is read when its lines are short
    assert!(std::fs::metadata(dir.path().join("b.jsonl")).unwrap().len() > 30);
}

#[test]
fn a_directory_error_names_its_path() {
    let dir = tempdir();
    let missing = dir.path().join("nowhere");
    let err = read(std::slice::from_ref(&missing)).remove(0).expect_err("missing");
    assert_eq!(err.path, missing.display().to_string());
    assert_eq!(err.line, None);
    assert_eq!(err.reason, "no such file or directory");
}

#[test]
fn garbage_never_panics() {
    // A few hostile inputs in every format; only the absence of panics is checked.
    let dir = tempdir();
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("a.html", b"<<<<>>>><html><body><p>".to_vec()),
        ("b.html", b"<script>alert(1)</script>".to_vec()),
        (
            "c.jsonl",
            b"{}\n{\"text\":null}\n\xff\xfe\n{\"text\": \"\\ud800\"}".to_vec(),
        ),
        ("d.txt", b"date \xff\xfe".to_vec()),
        ("e.txt", b"date 2025-01-01 99:99".to_vec()),
        ("f.txt", "date\u{3000}2025-01-01 \u{2003}é".as_bytes().to_vec()),
        ("g.txt.gz", b"\x1f\x8b".to_vec()),
        (
            "h.html",
            "<html><head><meta property=\"article:published_time\" content=\"\u{0}\"></head></html>"
                .as_bytes()
                .to_vec(),
        ),
    ];
    let paths: Vec<_> = inputs.iter().map(|(n, b)| write(dir.path(), n, b)).collect();
    let items = read(&paths);
    assert!(items.len() >= paths.len());
}
