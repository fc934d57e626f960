//! HTML inputs: main text without boilerplate, title, date from three sources, URL.

use std::path::PathBuf;

use casewatch_ingest::{RawArticle, ReadOptions};

use super::{day, one, one_with, read};

fn fixture(name: &str) -> RawArticle {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let mut items = read(&[path]);
    assert_eq!(items.len(), 1);
    items.remove(0).expect("article")
}

fn assert_no_boilerplate(a: &RawArticle, words: &[&str]) {
    for w in words {
        assert!(!a.body.contains(w), "boilerplate {w:?} in body:\n{}", a.body);
    }
}

#[test]
fn meta_published_time() {
    let a = fixture("meta-published.html");
    assert_eq!(a.id, "meta-published");
    assert_eq!(a.title.as_deref(), Some("Harbour court remands camera operator"));
    assert_eq!(a.published, Some(day("2025-03-12")));
    assert_eq!(
        a.url.as_deref(),
        Some("https://lantern.example/news/harbour-court-remands")
    );
    assert!(
        a.body.contains("ordered camera operator Ilse Varga held in custody"),
        "{}",
        a.body
    );
    assert!(a.body.contains("Northwind Media said in a statement"));
    assert!(
        a.body.contains("last autumn.\n\nProsecutors accuse Varga"),
        "paragraphs split by a blank line:\n{}",
        a.body
    );
    assert_no_boilerplate(&a, &["Subscribe", "Sport", "Copyright", "Cookie"]);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn json_ld_date_published() {
    let a = fixture("jsonld-published.html");
    assert_eq!(a.title.as_deref(), Some("Appeals panel upholds sentence for blogger"));
    assert_eq!(a.published, Some(day("2024-10-17")));
    assert_eq!(a.url.as_deref(), Some("https://riverside.example/2024/appeal-upheld"));
    assert!(
        a.body
            .contains("upheld a three-year prison sentence handed to blogger Tomas Reyl")
    );
    assert_no_boilerplate(&a, &["Sign in", "Front page", "advertise", "@context"]);
}

#[test]
fn time_datetime() {
    let a = fixture("time-datetime.html");
    assert_eq!(a.title.as_deref(), Some("Editor fined over flood video"));
    assert_eq!(a.published, Some(day("2026-04-16")));
    assert_eq!(a.url, None);
    assert!(a.body.contains("fined newspaper editor Mara Ostin"));
    assert_no_boilerplate(&a, &["Archive of all", "all rights reserved"]);
}

#[test]
fn page_without_date_takes_the_default() {
    let html = "<html><head><title>Reporter detained</title></head><body><article><p>Police in the fictional town of Brenholt detained a reporter on Monday after she filmed a protest outside the town hall, her editor said.</p></article></body></html>";
    let opts = ReadOptions {
        published: Some(day("2025-07-07")),
        ..ReadOptions::default()
    };
    let a = one_with("p.htm", html, &opts);
    assert_eq!(a.published, Some(day("2025-07-07")));
    assert!(a.body.contains("detained a reporter on Monday"));
    let b = one("p.HTML", html);
    assert_eq!(b.published, None);
}

#[test]
fn unparseable_meta_date_is_a_warning() {
    let html = "<html><head><meta property=\"article:published_time\" content=\"last Tuesday\"></head><body><article><p>A court in the fictional city of Osterby fined a journalist for reporting on a council meeting that officials said was closed to the press.</p></article></body></html>";
    let a = one("w.html", html);
    assert_eq!(a.published, None);
    assert_eq!(
        a.warnings,
        vec!["unparseable publication date \"last Tuesday\" ignored".to_string()]
    );
}

#[test]
fn sniffed_html() {
    let html = "<!doctype html><html><head><title>Editor questioned</title></head><body><p>Investigators questioned an editor of a fictional weekly for six hours on Friday about an article on local elections.</p></body></html>";
    let a = one("page.dat", html);
    assert!(a.body.contains("questioned an editor"), "{}", a.body);
    assert!(!a.body.contains('<'));
}
