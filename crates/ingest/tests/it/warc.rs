//! WARC archives: HTML responses become articles, other records are skipped.

use casewatch_ingest::{InputError, RawArticle, ReadOptions};

use super::{gz, read, read_with, tempdir, write};

fn record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2025-03-13T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

const PAGE: &str = "<html><head><title>Reporter detained in Kelvar</title><meta property=\"article:published_time\" content=\"2025-03-12T10:00:00Z\"></head><body><article><p>Police in the fictional town of Kelvar detained reporter Mara Ostin on Tuesday after she filmed a protest outside the town hall, her editor said.</p></article></body></html>";

fn archive() -> Vec<u8> {
    let mut w = record(
        "warcinfo",
        "urn:uuid:info",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    w.extend(record(
        "request",
        "urn:uuid:req",
        "https://courier.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    let response = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
    w.extend(record(
        "response",
        "urn:uuid:page-1",
        "https://courier.example/a",
        "application/http; msgtype=response",
        response.as_bytes(),
    ));
    let missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>";
    w.extend(record(
        "response",
        "urn:uuid:404",
        "https://courier.example/b",
        "application/http; msgtype=response",
        missing,
    ));
    w.extend(record(
        "resource",
        "urn:uuid:res-2",
        "https://courier.example/c",
        "text/html",
        PAGE.as_bytes(),
    ));
    w
}

fn ok(items: &[Result<RawArticle, InputError>]) -> Vec<(String, String, Option<String>)> {
    items
        .iter()
        .map(|r| {
            let a = r.as_ref().expect("article");
            (
                a.id.clone(),
                a.source.rsplit('#').next().unwrap_or("").to_string(),
                a.url.clone(),
            )
        })
        .collect()
}

#[test]
fn html_records_become_articles() {
    let dir = tempdir();
    let path = write(dir.path(), "crawl.warc", archive());
    let items = read(std::slice::from_ref(&path));
    assert_eq!(
        ok(&items),
        vec![
            (
                "urn:uuid:page-1".into(),
                "3".into(),
                Some("https://courier.example/a".into())
            ),
            (
                "urn:uuid:res-2".into(),
                "5".into(),
                Some("https://courier.example/c".into())
            ),
        ]
    );
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.source, format!("{}#3", path.display()));
    assert_eq!(a.title.as_deref(), Some("Reporter detained in Kelvar"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2025-03-12"));
    assert!(a.body.contains("detained reporter Mara Ostin"), "{}", a.body);
}

#[test]
fn gzipped_and_sniffed_warc() {
    let dir = tempdir();
    let zipped = write(dir.path(), "crawl.warc.gz", gz(archive()));
    let sniffed = write(dir.path(), "crawl.bin", archive());
    let items = read(&[zipped, sniffed]);
    assert_eq!(ok(&items).len(), 4);
}

#[test]
fn truncated_warc_keeps_earlier_pages() {
    let mut bytes = archive();
    bytes.truncate(bytes.len() - 40);
    let dir = tempdir();
    let path = write(dir.path(), "cut.warc", bytes);
    let items = read(&[path]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().expect("page").id, "urn:uuid:page-1");
    let err = items[1].as_ref().expect_err("cut");
    assert!(err.reason.starts_with("malformed WARC record 5"), "{}", err.reason);
}

#[test]
fn not_a_warc() {
    let dir = tempdir();
    let path = write(dir.path(), "x.warc", "hello\nworld\n");
    let err = read(&[path]).remove(0).expect_err("error");
    assert_eq!(err.reason, "malformed WARC record 1: no WARC/ version line");
    let huge = write(
        dir.path(),
        "y.warc",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 18446744073709551615\r\n\r\nabc\r\n\r\n",
    );
    let items = read(&[huge]);
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(items[0].is_err());
}

#[test]
fn limit_applies_per_record_and_binary_payloads_are_fine() {
    let mut bytes = archive();
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\0\0\0";
    let mut first = record(
        "response",
        "urn:uuid:img",
        "https://courier.example/i.png",
        "application/http; msgtype=response",
        image,
    );
    first.extend(bytes);
    bytes = first;
    let dir = tempdir();
    let path = write(dir.path(), "crawl.warc.gz", gz(&bytes));
    let opts = ReadOptions {
        max_bytes: 600,
        ..ReadOptions::default()
    };
    assert!(bytes.len() > 600);
    let items = read_with(&[path], &opts);
    assert_eq!(ok(&items).len(), 2, "{items:?}");
    // Over the limit: the HTML records are reported, the small ones still read.
    let small = ReadOptions {
        max_bytes: 100,
        ..ReadOptions::default()
    };
    let path = write(dir.path(), "crawl2.warc", &bytes);
    let items = read_with(&[path], &small);
    let reasons: Vec<_> = items
        .iter()
        .map(|r| {
            r.as_ref()
                .map(|_| "ok".to_string())
                .unwrap_or_else(|e| e.reason.clone())
        })
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().all(|r| r.contains("is over the limit of 100 bytes")),
        "{reasons:?}"
    );
    assert!(reasons[0].starts_with("record 4: content length "), "{reasons:?}");
}
