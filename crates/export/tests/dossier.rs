//! Dossiers on a fictional case: when and from what they were generated, claims marked, what did not happen listed apart, sources with headline, outlet and URL, no link from a non-http URL, and the index page of an HTML folder.

use casewatch_export::{dossier_html_at, dossier_index_html, dossier_markdown_at};
use casewatch_model::CaseFile;
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

fn entry(id: &str, ty: &str, date: &str, status: &str, src: Value) -> Value {
    json!({"id": id, "type": ty, "date": date, "date_precision": "day", "date_qualifier": null,
           "date_text": null, "subjects": [{"ref": "P1", "name": "Mara Ostrova"}], "agent": null,
           "place": null, "status": status, "detail": null, "review": "machine", "sources": [src]})
}

fn file() -> CaseFile {
    let a1 = json!({"article": "m1", "published": "2025-04-02", "url": "https://www.marsh-radio.example/a/1",
                    "title": "Marsh Radio editor held", "start": 0, "end": 20,
                    "sentence": "Mara Ostrova was detained on April 1."});
    let a2 = json!({"article": "m2", "published": "2025-04-20", "url": "javascript:alert(document.cookie)",
                    "title": "Court refuses house arrest <b>now</b>", "start": 5, "end": 30,
                    "sentence": "The court refused to move her to house arrest."});
    let a3 = json!({"article": "m3", "published": null, "url": null, "start": 0, "end": 9,
                    "sentence": "Police said she was beaten in custody."});
    serde_json::from_value(json!({"cases": [
        {"id": "c4", "title": "Mara Ostrova case",
         "people": [{"id": "P1", "name": "Mara Ostrova", "variants": ["Mara Ostrova"], "occupation": "editor",
                     "affiliation": "Marsh Radio", "former": false, "role": "defendant"}],
         "organizations": [], "charges": [],
         "events": [
            entry("E1", "detention", "2025-04-01", "occurred", a1),
            entry("E2", "coercion_allegation", "2025-04-03", "alleged", a3),
            entry("E3", "house_arrest", "2025-04-19", "not_occurred", a2.clone()),
            entry("E4", "release", "2025-04-19", "denied", a2),
         ],
         "articles": ["m1", "m2", "m3"]},
        {"id": "c5", "title": "Second <case>", "people": [], "organizations": [], "charges": [], "events": [],
         "articles": []}
    ]}))
    .expect("a valid case file")
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 15, 9, 30, 0).single().expect("a time")
}

#[test]
fn markdown_states_generation_claims_and_what_did_not_happen() {
    let f = file();
    let md = dossier_markdown_at(&f.cases[0], at());
    assert!(
        md.contains("casewatch dossier · generated 2026-01-15 09:30 UTC from 3 articles"),
        "{md}"
    );
    // Claims are marked; what did not happen is in its own section, not in the timeline.
    let timeline = md
        .split("## Timeline")
        .nth(1)
        .and_then(|t| t.split("\n## ").next())
        .expect("timeline");
    assert!(
        timeline.contains("1. **2025-04-01** — detention: Mara Ostrova"),
        "{timeline}"
    );
    assert!(
        timeline.contains("2. **2025-04-03** — *claim:* coercion allegation: Mara Ostrova (alleged, not established)"),
        "{timeline}"
    );
    assert!(!timeline.contains("house arrest"), "{timeline}");
    let apart = md
        .split("## Offered, requested, scheduled or denied")
        .nth(1)
        .and_then(|t| t.split("\n## ").next())
        .expect("a section for what did not happen");
    assert!(
        apart.contains("1. **2025-04-19** — house arrest: Mara Ostrova (not occurred)"),
        "{apart}"
    );
    assert!(
        apart.contains("2. **2025-04-19** — release: Mara Ostrova (denied)"),
        "{apart}"
    );
    assert!(md.contains("2 acts offered, requested, scheduled or denied, listed apart."));
    assert!(
        md.contains(
            "2 events in the timeline, from 2025-04-01 to 2025-04-03; 1 of them is a claim (alleged, not established)."
        ),
        "{md}"
    );
    // Sources: headline, outlet from the URL's site, date, URL.
    assert!(
        md.contains("- **Marsh Radio editor held**, marsh-radio.example, 2025-04-02, <https://www.marsh-radio.example/a/1> (article `m1`)"),
        "{md}"
    );
    assert!(md.contains("- **m3**, undated (article `m3`)"), "{md}");
    // A javascript: URL is shown as code, never as a link.
    assert!(!md.contains("<javascript:") && !md.contains("](javascript:"), "{md}");
    assert!(md.contains("`javascript:alert(document.cookie)`"), "{md}");
    assert!(md.contains("Court refuses house arrest \\<b\\>now\\</b\\>"), "{md}");
    // Citations name their article.
    assert!(md.contains("1. “Mara Ostrova was detained on April 1.” — Marsh Radio editor held (m1, 2025-04-02)"));
}

#[test]
fn html_states_generation_and_links_only_web_urls() {
    let f = file();
    let html = dossier_html_at(&f.cases[0], at());
    assert!(
        html.contains("generated 2026-01-15 09:30 UTC from 3 articles"),
        "{html}"
    );
    assert!(html.contains("<h2>Offered, requested, scheduled or denied</h2>"));
    assert!(html.contains("<span class=\"claim\">claim:</span> coercion allegation"));
    assert!(html.contains("<a href=\"https://www.marsh-radio.example/a/1\">"));
    assert!(!html.contains("href=\"javascript:"), "{html}");
    assert!(html.contains("<code>javascript:alert(document.cookie)</code>"));
    assert!(!html.contains("<b>now</b>"), "headline escaped");
    assert!(html.contains("marsh-radio.example"));
}

#[test]
fn index_page_lists_every_case_with_its_dossier() {
    let html = dossier_index_html(&file(), at());
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        html.contains("2 cases · generated 2026-01-15 09:30 UTC from 3 articles"),
        "{html}"
    );
    assert!(html.contains("<a href=\"c4.html\">Mara Ostrova case</a>"));
    assert!(
        html.contains(
            "<td>Mara Ostrova</td><td class=\"n\">4</td><td>2025-04-01 – 2025-04-19</td><td class=\"n\">3</td>"
        ),
        "{html}"
    );
    assert!(
        html.contains("Second &#60;case&#62;") || html.contains("Second &lt;case&gt;"),
        "{html}"
    );
}
