//! RSS/Atom feeds: one article per item.

use std::path::PathBuf;

use casewatch_ingest::{InputError, RawArticle};

use super::{day, gz, read, tempdir, write};

fn fixture(name: &str) -> (String, Vec<Result<RawArticle, InputError>>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    (path.display().to_string(), read(&[path]))
}

#[test]
fn rss_items() {
    let (path, items) = fixture("feed.rss");
    assert_eq!(items.len(), 3, "{items:?}");
    let a = items[0].as_ref().expect("item 1");
    assert_eq!(a.id, "lantern-4411");
    assert_eq!(a.source, format!("{path}#1"));
    assert_eq!(a.title.as_deref(), Some("Court remands camera operator"));
    assert_eq!(a.url.as_deref(), Some("https://lantern.example/news/remand"));
    assert_eq!(a.published, Some(day("2025-03-12")));
    assert_eq!(
        a.body,
        "A court in the fictional town of Eastmere remanded camera operator Ilse Varga for two months.\n\nHer lawyer said she would appeal."
    );

    let b = items[1].as_ref().expect("item 2");
    assert_eq!(b.id, "feed-2", "no guid: <stem>-<item number>");
    assert_eq!(b.title.as_deref(), Some("Editor questioned & released"));
    assert_eq!(b.published, Some(day("2025-03-11")));
    assert_eq!(
        b.body,
        "Investigators questioned editor Tomas Reyl for six hours.\n\nHe was released without charge."
    );

    let err = items[2].as_ref().expect_err("item 3");
    assert_eq!(err.to_string(), format!("{path}: item 3 has no content or description"));
}

#[test]
fn atom_entries() {
    let (path, items) = fixture("feed.atom");
    let arts: Vec<_> = items.into_iter().map(|r| r.expect("entry")).collect();
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0].id, "urn:example:riverside:entry-77");
    assert_eq!(arts[0].source, format!("{path}#1"));
    assert_eq!(
        arts[0].published,
        Some(day("2024-10-17")),
        "published wins over updated"
    );
    assert_eq!(arts[0].url.as_deref(), Some("https://riverside.example/2024/appeal"));
    assert_eq!(
        arts[0].body,
        "An appeals panel in the fictional city of Norhaven upheld the sentence of blogger Tomas Reyl."
    );
    assert_eq!(arts[1].published, Some(day("2024-10-16")), "updated when nothing else");
    assert_eq!(arts[1].body, "Police searched a fictional newsroom on Monday.");
    assert_eq!(arts[1].url, None);
}

#[test]
fn feeds_are_sniffed_and_gzipped() {
    let rss =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feed.rss")).expect("fixture");
    let dir = tempdir();
    let sniffed = write(dir.path(), "download.dat", &rss);
    let zipped = write(dir.path(), "news.rss.gz", gz(&rss));
    let items = read(&[sniffed, zipped]);
    let ids: Vec<_> = items
        .iter()
        .map(|r| r.as_ref().map(|a| a.id.as_str()).unwrap_or("ERR"))
        .collect();
    assert_eq!(
        ids,
        vec!["lantern-4411", "download-2", "ERR", "lantern-4411", "news-2", "ERR"]
    );
}

#[test]
fn broken_feeds() {
    let dir = tempdir();
    let bad = write(
        dir.path(),
        "bad.xml",
        "<?xml version=\"1.0\"?><rss><channel><item><title>x</title>",
    );
    let none = write(
        dir.path(),
        "none.rss",
        "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
    );
    let items = read(&[bad, none]);
    assert_eq!(items.len(), 2, "{items:?}");
    let e0 = items[0].as_ref().expect_err("bad");
    assert!(e0.reason.starts_with("invalid feed: "), "{}", e0.reason);
    assert_eq!(items[1].as_ref().expect_err("none").reason, "feed has no items");
}
