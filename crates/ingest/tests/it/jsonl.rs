//! JSONL inputs: field aliases, dates, ids, malformed lines.

use casewatch_ingest::ReadOptions;

use super::{day, read, read_with, tempdir, write};

#[test]
fn field_aliases_and_dates() {
    let dir = tempdir();
    let lines = [
        r#"{"id": "a", "text": "Text one.", "published": "2025-03-12", "url": "https://news.example/a", "title": "Headline A"}"#,
        r#"{"id": "b", "body": "Text two.", "date": "2025-03-12T23:30:00-05:00"}"#,
        r#"{"id": 17, "content": "Text three.", "published": "2024-02-29T01:00:00Z"}"#,
        r#"{"text": "Text four.", "body": "ignored", "date": null}"#,
    ];
    let path = write(dir.path(), "batch.jsonl", lines.join("\n"));
    let items = read(std::slice::from_ref(&path));
    let arts: Vec<_> = items.into_iter().map(|r| r.expect("article")).collect();
    assert_eq!(arts.len(), 4);
    let shown = path.display().to_string();

    assert_eq!(arts[0].id, "a");
    assert_eq!(arts[0].source, format!("{shown}:1"));
    assert_eq!(arts[0].body, "Text one.");
    assert_eq!(arts[0].published, Some(day("2025-03-12")));
    assert_eq!(arts[0].url.as_deref(), Some("https://news.example/a"));
    assert_eq!(arts[0].title.as_deref(), Some("Headline A"));

    assert_eq!(arts[1].id, "b");
    assert_eq!(arts[1].body, "Text two.");
    assert_eq!(arts[1].published, Some(day("2025-03-12")), "the timestamp's own date");
    assert_eq!(arts[1].title, None);

    assert_eq!(arts[2].id, "17");
    assert_eq!(arts[2].body, "Text three.");
    assert_eq!(arts[2].published, Some(day("2024-02-29")));

    assert_eq!(arts[3].id, "batch-4", "missing id: <stem>-<line>");
    assert_eq!(arts[3].source, format!("{shown}:4"));
    assert_eq!(arts[3].body, "Text four.", "text wins over body");
    assert_eq!(arts[3].published, None);
}

#[test]
fn default_date_for_records_without_one() {
    let dir = tempdir();
    let path = write(dir.path(), "b.ndjson", "{\"text\": \"T.\"}\n");
    let opts = ReadOptions {
        published: Some(day("2020-01-01")),
        ..ReadOptions::default()
    };
    let a = read_with(&[path], &opts).remove(0).expect("article");
    assert_eq!(a.published, Some(day("2020-01-01")));
}

#[test]
fn malformed_lines_are_reported_and_the_rest_is_read() {
    let dir = tempdir();
    let lines = [
        r#"{"id": "ok1", "text": "Fine."}"#,
        r#"{"id": "broken", "text": "#,
        "",
        r#"{"id": "notext", "title": "No body"}"#,
        r#"{"id": "baddate", "text": "T.", "published": "2025-13-45"}"#,
        r#"["an", "array"]"#,
        r#"{"id": "num", "text": 42}"#,
        r#"{"id": "blank", "text": "   "}"#,
        r#"{"id": "ok2", "text": "Also fine.\r\nSecond line."}"#,
    ];
    let path = write(dir.path(), "mixed.jsonl", lines.join("\n") + "\n");
    let items = read(std::slice::from_ref(&path));
    assert_eq!(items.len(), 8, "{items:?}");
    let shown = path.display().to_string();

    assert_eq!(items[0].as_ref().expect("ok1").id, "ok1");
    let errs: Vec<_> = items[1..7].iter().map(|i| i.as_ref().expect_err("error")).collect();
    let lines: Vec<_> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(2), Some(4), Some(5), Some(6), Some(7), Some(8)]);
    assert!(errs.iter().all(|e| e.path == shown));
    assert!(
        errs[0].reason.starts_with("invalid JSON at column "),
        "{}",
        errs[0].reason
    );
    assert!(!errs[0].reason.contains("line"), "{}", errs[0].reason);
    assert_eq!(errs[1].reason, "no `text`, `body` or `content` field");
    assert_eq!(errs[2].reason, "unparseable date \"2025-13-45\" in field `published`");
    assert_eq!(errs[3].reason, "not a JSON object");
    assert_eq!(errs[4].reason, "field `text` is not a string");
    assert_eq!(errs[5].reason, "field `text` is empty");
    assert_eq!(
        errs[1].to_string(),
        format!("{shown}:4: no `text`, `body` or `content` field")
    );

    let last = items[7].as_ref().expect("ok2");
    assert_eq!(last.id, "ok2");
    assert_eq!(last.source, format!("{shown}:9"));
    assert_eq!(last.body, "Also fine.\nSecond line.", "CRLF in the text is normalised");
}

#[test]
fn invalid_utf8_offset_counts_from_the_file_start() {
    let dir = tempdir();
    let first = b"{\"text\": \"One.\"}\n".to_vec();
    let mut bytes = first.clone();
    bytes.extend_from_slice(b"{\"text\": \"Tw\xffo.\"}\n");
    let path = write(dir.path(), "u.jsonl", bytes);
    let items = read(&[path]);
    let second = items[1].as_ref().expect("article");
    let at = first.len() + 12;
    assert_eq!(
        second.warnings,
        vec![format!("invalid UTF-8 at byte {at}, decoded lossily")]
    );
    assert_eq!(second.body, "Tw\u{fffd}o.");
    assert!(items[0].as_ref().expect("article").warnings.is_empty());
}

#[test]
fn bom_on_the_first_line_is_ignored() {
    let dir = tempdir();
    let path = write(dir.path(), "bom.jsonl", "\u{feff}{\"id\": \"x\", \"text\": \"T.\"}\n");
    let a = read(&[path]).remove(0).expect("article");
    assert_eq!(a.id, "x");
}

#[test]
fn only_blank_lines_is_an_empty_file() {
    let dir = tempdir();
    let path = write(dir.path(), "blank.jsonl", "\n".repeat(9000));
    let err = read(&[path]).remove(0).expect_err("error");
    assert_eq!(err.reason, "empty file");
}
