//! Text inputs: header variants, plain text, titles, line endings.

use casewatch_ingest::ReadOptions;

use super::{day, one, one_with, read};

#[test]
fn plain_header() {
    let a = one(
        "dev-101.txt",
        "date 2025-03-12\nCourt frees editor\n\nThe court freed her on Monday.\n",
    );
    assert_eq!(a.id, "dev-101");
    assert!(a.source.ends_with("dev-101.txt"));
    assert_eq!(a.published, Some(day("2025-03-12")));
    assert_eq!(a.body, "Court frees editor\n\nThe court freed her on Monday.\n");
    assert_eq!(a.title.as_deref(), Some("Court frees editor"));
    assert!(a.warnings.is_empty());
    assert_eq!(a.url, None);
}

#[test]
fn indented_header_after_blank_lines() {
    let a = one("x.txt", "\n  \n   date 2024-01-05\nHeadline here\n\nText.");
    assert_eq!(a.published, Some(day("2024-01-05")));
    assert_eq!(a.body, "Headline here\n\nText.");
}

#[test]
fn header_with_time() {
    let a = one("x.txt", "date 2023-06-16 14:32\nTwo reporters freed\n\nText.\n");
    assert_eq!(a.published, Some(day("2023-06-16")));
    assert_eq!(a.body, "Two reporters freed\n\nText.\n");
}

#[test]
fn text_continuing_on_the_header_line() {
    let a = one(
        "x.txt",
        " date 2024-08-09 The ministry revoked the licence of a fictional site.\n\nOfficials said more.\n",
    );
    assert_eq!(a.published, Some(day("2024-08-09")));
    assert_eq!(
        a.body,
        "The ministry revoked the licence of a fictional site.\n\nOfficials said more.\n"
    );
    assert_eq!(a.title, None, "a sentence ending in a full stop is no title");
}

#[test]
fn text_continuing_after_the_time() {
    let a = one("x.txt", "date 2025-03-12 09:46 A court upheld the sentence.\n");
    assert_eq!(a.published, Some(day("2025-03-12")));
    assert_eq!(a.body, "A court upheld the sentence.\n");
}

#[test]
fn plain_text_without_default_date() {
    let a = one("story.txt", "Reporter questioned\n\nPolice questioned a reporter.\n");
    assert_eq!(a.published, None);
    assert_eq!(a.body, "Reporter questioned\n\nPolice questioned a reporter.\n");
    assert_eq!(a.title.as_deref(), Some("Reporter questioned"));
}

#[test]
fn plain_text_takes_the_default_date() {
    let opts = ReadOptions {
        published: Some(day("2025-01-02")),
        ..ReadOptions::default()
    };
    let a = one_with("story.txt", "Police questioned a reporter.", &opts);
    assert_eq!(a.published, Some(day("2025-01-02")));
    assert_eq!(a.title, None);
}

#[test]
fn header_date_wins_over_the_default() {
    let opts = ReadOptions {
        published: Some(day("2025-01-02")),
        ..ReadOptions::default()
    };
    let a = one_with("story.txt", "date 2024-12-31\nText.", &opts);
    assert_eq!(a.published, Some(day("2024-12-31")));
}

#[test]
fn prose_starting_with_date_is_not_a_header() {
    let a = one("palms.txt", "Date palms were seized at the border.\n");
    assert_eq!(a.published, None);
    assert_eq!(a.body, "Date palms were seized at the border.\n");
}

#[test]
fn title_detection() {
    // Short, no full stop, blank line after: a title, and still in the body.
    let a = one("t.txt", "date 2025-01-01\nEditor detained in Eastmere\n\nText.");
    assert_eq!(a.title.as_deref(), Some("Editor detained in Eastmere"));
    assert!(a.body.starts_with("Editor detained in Eastmere\n"));
    // No blank line after.
    assert_eq!(one("t.txt", "Editor detained\nText.").title, None);
    // Ends with a full stop.
    assert_eq!(one("t.txt", "Editor detained.\n\nText.").title, None);
    // Too long (201 chars).
    let long = format!("{}\n\nText.", "w".repeat(201));
    assert_eq!(one("t.txt", long).title, None);
    let max = format!("{}\n\nText.", "w".repeat(200));
    assert_eq!(one("t.txt", max).title.map(|t| t.len()), Some(200));
}

#[test]
fn bom_and_crlf_are_normalised() {
    let a = one("w.txt", "\u{feff}date 2025-01-01\r\nTitle line\r\n\r\nBody text.\r\n");
    assert_eq!(a.body, "Title line\n\nBody text.\n");
    assert_eq!(a.title.as_deref(), Some("Title line"));
    assert_eq!(a.published, Some(day("2025-01-01")));
}

#[test]
fn sha256_equal_for_crlf_and_lf() {
    let lf = one("a.txt", "date 2025-01-01\nTitle\n\nBody text.\n");
    let crlf = one("b.txt", "date 2025-01-01\r\nTitle  \r\n\r\nBody text.\r\n\r\n");
    let cr = one("c.txt", "\n\ndate 2025-01-01\rTitle\r\rBody text.");
    assert_eq!(lf.sha256, crlf.sha256);
    assert_eq!(lf.sha256, cr.sha256);
    assert_eq!(lf.sha256.len(), 64);
    assert!(
        lf.sha256
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    let other = one("d.txt", "date 2025-01-01\nTitle\n\nOther text.\n");
    assert_ne!(lf.sha256, other.sha256);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let mut bytes = b"date 2025-01-01\nCaf".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xe9 owner questioned.\n\xff");
    let a = one("latin1.txt", bytes);
    assert_eq!(a.warnings, vec![format!("invalid UTF-8 at byte {at}, decoded lossily")]);
    assert_eq!(a.body, "Caf\u{fffd} owner questioned.\n\u{fffd}");
}

#[test]
fn other_extensions_are_sniffed() {
    let a = one("story.dat", "date 2025-01-01\nText.");
    assert_eq!(a.id, "story");
    assert_eq!(a.published, Some(day("2025-01-01")));
    let j = one("batch.dat", "{\"id\": \"j1\", \"text\": \"Body.\"}\n");
    assert_eq!(j.id, "j1");
}

#[test]
fn meta_fills_the_article_record() {
    let a = one("dev-7.txt", "date 2025-01-01\nHeadline\n\nText.");
    let meta = a.meta("en");
    assert_eq!(meta.id, "dev-7");
    assert_eq!(meta.language, "en");
    assert_eq!(meta.published, Some(day("2025-01-01")));
    assert_eq!(meta.title.as_deref(), Some("Headline"));
    assert_eq!(meta.sha256, a.sha256);
    assert_eq!(meta.source, a.source);
    assert_eq!(meta.url, None);
}

#[test]
fn dispatch_sniffs_stream_inputs() {
    use casewatch_ingest::{Source, input};
    let source = Source {
        path: "-".into(),
        stem: "stdin".into(),
    };
    let opts = ReadOptions {
        published: Some(day("2025-05-05")),
        ..ReadOptions::default()
    };
    let items: Vec<_> = input::dispatch(
        source.clone(),
        Box::new(std::io::Cursor::new(b"Police raided a newsroom.".to_vec())),
        None,
        &opts,
    )
    .collect();
    let a = items[0].as_ref().expect("article");
    assert_eq!((a.id.as_str(), a.source.as_str()), ("stdin", "-"));
    assert_eq!(a.published, Some(day("2025-05-05")));
    let items: Vec<_> = input::dispatch(
        source,
        Box::new(std::io::Cursor::new(b"{\"text\": \"A.\"}\n{\"text\": \"B.\"}".to_vec())),
        None,
        &opts,
    )
    .collect();
    let ids: Vec<_> = items
        .iter()
        .map(|i| i.as_ref().map(|a| (a.id.clone(), a.source.clone())).expect("ok"))
        .collect();
    assert_eq!(
        ids,
        vec![("stdin-1".into(), "-:1".into()), ("stdin-2".into(), "-:2".into())]
    );
}

#[test]
fn url_and_title_lines_after_the_date_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("meta.txt");
    std::fs::write(
        &path,
        "date 2025-03-12\nURL: https://example.org/news/court-frees-editor\ntitle: Court frees editor Mira Dall\n\nThe court freed her on Tuesday.\n",
    )
    .expect("write");
    let items = read(std::slice::from_ref(&path));
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.url.as_deref(), Some("https://example.org/news/court-frees-editor"));
    assert_eq!(a.title.as_deref(), Some("Court frees editor Mira Dall"));
    assert_eq!(a.body, "The court freed her on Tuesday.\n");
    // Not a URL: the line is text.
    std::fs::write(&path, "url: see below\nThe court freed her.\n").expect("write");
    let items = read(std::slice::from_ref(&path));
    let a = items[0].as_ref().expect("article");
    assert_eq!(a.url, None);
    assert_eq!(a.body, "url: see below\nThe court freed her.\n");
}
