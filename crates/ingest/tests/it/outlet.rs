//! The outlet an input names in its metadata: HTML (JSON-LD publisher, og:site_name, application-name), a feed's title, JSON Lines `outlet`/`source`, a text's `outlet:` line. Fictional outlets.

use crate::{one, read};
use std::path::PathBuf;

const TEXT: &str = "<p>Police in the fictional town of Eastmere detained reporter Ilse Varga on Monday.</p>\
                    <p>Her lawyer said she would appeal against any charge brought against her.</p>";

fn page(head: &str) -> String {
    format!("<html><head><title>Reporter detained</title>{head}</head><body><article>{TEXT}</article></body></html>")
}

#[test]
fn html_names_its_outlet_in_json_ld_open_graph_or_application_name() {
    let ld = page(
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Reporter detained","publisher":{"@type":"Organization","name":"Eastmere   Courier"}}</script>
           <meta property="og:site_name" content="Courier Online">"#,
    );
    assert_eq!(one("ld.html", ld).outlet.as_deref(), Some("Eastmere Courier"));
    let og = page(r#"<meta property="og:site_name" content="The Lantern Gazette">"#);
    assert_eq!(one("og.html", og).outlet.as_deref(), Some("The Lantern Gazette"));
    let app = page(r#"<meta name="application-name" content="Harbour Lantern">"#);
    assert_eq!(one("app.html", app).outlet.as_deref(), Some("Harbour Lantern"));
    assert_eq!(one("none.html", page("")).outlet, None);
}

#[test]
fn feed_items_take_the_channel_title() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feed.rss");
    let items: Vec<_> = read(&[path]).into_iter().filter_map(Result::ok).collect();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|a| a.outlet.as_deref() == Some("The Lantern Gazette")));
}

#[test]
fn json_lines_name_it_in_outlet_or_source() {
    let lines = concat!(
        r#"{"id": "a", "text": "Police detained reporter Ilse Varga.", "outlet": "Eastmere Courier", "source": "Wire"}"#,
        "\n",
        r#"{"id": "b", "text": "Police detained editor Tomas Reyl.", "source": "Harbour Lantern"}"#,
        "\n",
        r#"{"id": "c", "text": "Police detained editor Mara Venn.", "source": "https://lantern.example/x"}"#,
        "\n",
    );
    let dir = crate::tempdir();
    let path = crate::write(dir.path(), "items.jsonl", lines);
    let got: Vec<Option<String>> = read(&[path]).into_iter().map(|r| r.expect("article").outlet).collect();
    assert_eq!(
        got,
        vec![
            Some("Eastmere Courier".to_string()),
            Some("Harbour Lantern".to_string()),
            None
        ]
    );
}

#[test]
fn text_names_it_in_an_outlet_line() {
    let a = one(
        "t.txt",
        "date 2025-03-12\nurl: https://courier.example/news/1\noutlet: Eastmere Courier\ntitle: Reporter detained\n\nPolice detained reporter Ilse Varga on Tuesday.\n",
    );
    assert_eq!(a.outlet.as_deref(), Some("Eastmere Courier"));
    assert_eq!(a.title.as_deref(), Some("Reporter detained"));
    assert_eq!(a.url.as_deref(), Some("https://courier.example/news/1"));
    assert!(a.body.starts_with("Police detained"), "{:?}", a.body);
    let plain = one(
        "p.txt",
        "date 2025-03-12\n\nPolice detained reporter Ilse Varga on Tuesday.\n",
    );
    assert_eq!(plain.outlet, None);
}
