//! Every export format on a fictional case file: JSONL and CSV parsed back and checked, dossiers checked for sections, citations and escaping.

use casewatch_export::{
    EVENT_COLUMNS, PEOPLE_COLUMNS, cases_jsonl, dossier_html, dossier_markdown, events_csv, people_csv,
};
use casewatch_model::{Case, CaseFile};
use serde_json::json;

/// Two cases; the first has a two-subject entry with two sources (one with
/// a URL and a quote full of CSV and HTML specials), a group entry without a
/// person, a rejected entry, a conflict; the lawyer is in both cases.
fn file() -> CaseFile {
    let nasty = "Officers said \"no comment\", then left | <script>alert(1)</script>\nat 5 p.m.";
    serde_json::from_value(json!({"cases": [
        {
            "id": "c1", "title": "Harbor Light case",
            "people": [
                {"id": "P1", "name": "Dana Okafor", "variants": ["Dana Okafor", "Dana Okafour", "Okafor"],
                 "occupation": "camera operator", "affiliation": "Harbor Light", "former": true, "role": "defendant"},
                {"id": "P2", "name": "Ilse Varga", "variants": ["Ilse Varga"], "occupation": "editor",
                 "affiliation": "Harbor Light", "former": false, "role": "defendant"},
                {"id": "P3", "name": "Konstantin Ilves", "variants": ["Konstantin Ilves", "K. Ilves"],
                 "occupation": "lawyer", "affiliation": null, "former": null, "role": "lawyer"}
            ],
            "organizations": [{"id": "O1", "name": "State Security Service", "variants": ["SSS"], "kind": "security_agency"}],
            "charges": [{"label": "calls for mass unrest", "article": "Article 278", "subjects": ["P1", "P2"]}],
            "events": [
                {"id": "E1", "type": "detention", "date": "2025-05", "date_precision": "month", "date_qualifier": "late",
                 "date_text": "at the end of May",
                 "subjects": [{"ref": "P1", "name": "Dana Okafor"}, {"ref": "P2", "name": "Ilse Varga"}],
                 "agent": {"ref": "O1", "name": "State Security Service"}, "place": "Port Elm",
                 "status": "occurred", "detail": null, "review": "confirmed",
                 "sources": [
                    {"article": "a1", "published": "2025-06-01", "url": "https://example.org/a1?x=1&y=2",
                     "start": 0, "end": 10, "sentence": nasty},
                    {"article": "a2", "published": "2025-06-03", "url": null,
                     "start": 40, "end": 80, "sentence": "Both were detained at the end of May."}
                 ],
                 "conflicts": [{"field": "date", "value": "2025-06", "sources": ["a2"]}]},
                {"id": "E2", "type": "questioning", "date": null, "date_precision": null, "date_qualifier": null,
                 "date_text": null, "subjects": [{"ref": null, "name": null, "group": "two accountants", "count": 2}],
                 "agent": null, "place": null, "status": "alleged", "detail": "about payments",
                 "review": "machine",
                 "sources": [{"article": "a2", "published": "2025-06-03", "url": null, "start": 90, "end": 120,
                              "sentence": "Two accountants were questioned, the outlet said."}]},
                {"id": "E3", "type": "confession", "date": "2025-06-02", "date_precision": "day", "date_qualifier": null,
                 "date_text": null, "subjects": [{"ref": "P1", "name": "Dana Okafor"}],
                 "agent": null, "place": null, "status": "occurred", "detail": null, "review": "rejected",
                 "sources": [{"article": "a2", "published": "2025-06-03", "url": null, "start": 130, "end": 150,
                              "sentence": "A video showed a confession."}]},
                {"id": "E4", "type": "website_block", "date": "2025-06-10", "date_precision": "day", "date_qualifier": null,
                 "date_text": null, "subjects": [],
                 "agent": null, "place": null, "status": "occurred", "detail": null, "review": "edited",
                 "sources": [{"article": "a1", "published": "2025-06-01", "url": "https://example.org/a1?x=1&y=2",
                              "start": 0, "end": 10, "sentence": nasty}]}
            ],
            "articles": ["a1", "a2"]
        },
        {
            "id": "c2", "title": "Pavlo Dorn case",
            "people": [
                {"id": "P4", "name": "Pavlo Dorn", "variants": ["Pavlo Dorn"], "occupation": "editor",
                 "affiliation": "Marsh Radio", "former": false, "role": "defendant"},
                {"id": "P3", "name": "Konstantin Ilves", "variants": ["Konstantin Ilves"],
                 "occupation": "lawyer", "affiliation": null, "former": null, "role": "lawyer"}
            ],
            "organizations": [], "charges": [],
            "events": [
                {"id": "E5", "type": "search", "date": "2024", "date_precision": "year", "date_qualifier": null,
                 "date_text": null, "subjects": [{"ref": "P4", "name": "Pavlo Dorn"}],
                 "agent": null, "place": null, "status": "occurred", "detail": null, "review": "machine",
                 "sources": [{"article": "b1", "published": null, "url": null, "start": 0, "end": 5, "sentence": "Raid."}]}
            ],
            "articles": ["b1"]
        }
    ]}))
    .expect("a valid case file")
}

#[test]
fn jsonl_is_one_case_per_line_and_parses_back() {
    let f = file();
    let text = cases_jsonl(&f);
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let back: Vec<Case> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("each line is a case"))
        .collect();
    assert_eq!(CaseFile { cases: back }, f);
}

#[test]
fn events_csv_has_one_row_per_entry_and_subject() {
    let f = file();
    let text = events_csv(&f).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, EVENT_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    // E1 × 2 subjects, E2 (group), E3 (rejected, kept), E4 (no subject), E5.
    assert_eq!(rows.len(), 6);
    let col = |name: &str| EVENT_COLUMNS.iter().position(|c| *c == name).expect("column");
    let e1: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[col("event_id")] == "E1").collect();
    assert_eq!(e1.len(), 2);
    assert_eq!(&e1[0][col("subject")], "Dana Okafor");
    assert_eq!(&e1[0][col("subject_id")], "P1");
    assert_eq!(&e1[1][col("subject_id")], "P2");
    let r1 = e1[0];
    assert_eq!(&r1[col("case_id")], "c1");
    assert_eq!(&r1[col("type")], "detention");
    assert_eq!(&r1[col("date")], "2025-05");
    assert_eq!(&r1[col("date_precision")], "month");
    assert_eq!(&r1[col("date_qualifier")], "late");
    assert_eq!(&r1[col("review")], "confirmed");
    assert_eq!(&r1[col("agent")], "State Security Service");
    assert_eq!(&r1[col("place")], "Port Elm");
    assert_eq!(&r1[col("source_articles")], "a1|a2");
    assert_eq!(&r1[col("source_urls")], "https://example.org/a1?x=1&y=2");
    assert_eq!(&r1[col("source_dates")], "2025-06-01|2025-06-03");
    let quotes: Vec<&str> = r1[col("quotes")].split(" | ").collect();
    // The first quote holds " | " itself, so it splits in three; its commas and quotes survive.
    assert_eq!(quotes.first(), Some(&"Officers said \"no comment\", then left"));
    assert!(r1[col("quotes")].ends_with("Both were detained at the end of May."));
    assert!(!r1[col("quotes")].contains('\n'));
    assert_eq!(&r1[col("conflicts")], "date=2025-06 (a2)");
    let group = rows.iter().find(|r| &r[col("event_id")] == "E2").expect("E2");
    assert_eq!(
        (&group[col("subject")], &group[col("subject_id")]),
        ("two accountants", "")
    );
    assert_eq!((&group[col("date")], &group[col("date_precision")]), ("", ""));
    let rejected = rows.iter().find(|r| &r[col("event_id")] == "E3").expect("E3");
    assert_eq!(&rejected[col("review")], "rejected");
    let bare = rows.iter().find(|r| &r[col("event_id")] == "E4").expect("E4");
    assert_eq!(&bare[col("subject")], "");
    let c2 = rows.iter().find(|r| &r[col("event_id")] == "E5").expect("E5");
    assert_eq!(
        (
            &c2[col("case_id")],
            &c2[col("date_precision")],
            &c2[col("source_dates")]
        ),
        ("c2", "year", "")
    );
}

#[test]
fn people_csv_lists_every_spelling_pipe_separated() {
    let f = file();
    let text = people_csv(&f).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, PEOPLE_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        vec![
            "P1",
            "c1",
            "Dana Okafor",
            "Dana Okafor|Dana Okafour|Okafor",
            "camera operator",
            "Harbor Light",
            "true",
            "defendant",
            "2"
        ]
    );
    assert_eq!(&rows[2][6], "");
    // The lawyer appears in both cases under one id.
    let lawyer: Vec<&str> = rows
        .iter()
        .filter(|r| &r[0] == "P3")
        .map(|r| r.get(1).unwrap_or(""))
        .collect();
    assert_eq!(lawyer, vec!["c1", "c2"]);
}

#[test]
fn markdown_dossier_cites_its_sources_and_escapes_text() {
    let f = file();
    let md = dossier_markdown(&f.cases[0]);
    for section in [
        "# Harbor Light case",
        "## Summary",
        "## People",
        "## Charges",
        "## Timeline",
        "## Sources",
    ] {
        assert!(md.contains(section), "missing {section}\n{md}");
    }
    assert!(
        md.contains(
            "1. **2025-05, late** — detention: Dana Okafor, Ilse Varga; by State Security Service; in Port Elm"
        )
    );
    assert!(md.contains("\\[1\\]\\[2\\]"), "{md}");
    assert!(
        md.contains("- **a1**, example.org, 2025-06-01, <https://example.org/a1?x=1&y=2> (article `a1`)"),
        "{md}"
    );
    assert!(md.contains("1. “Officers said"), "{md}");
    assert!(md.contains("then left \\| \\<script\\>"), "{md}");
    assert!(md.contains("calls for mass unrest (Article 278): Dana Okafor, Ilse Varga"));
    // The rejected confession is not shown but counted.
    assert!(!md.contains("confession"), "{md}");
    assert!(md.contains("1 rejected by a reviewer and not shown"));
    assert!(md.contains("*confirmed*"));
    assert!(md.contains("other sources: date: 2025-06 (a2)"));
}

#[test]
fn html_dossier_is_escaped_printable_and_linked() {
    let f = file();
    let html = dossier_html(&f.cases[0]);
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        !html.contains("<script>"),
        "raw markup from an article reached the page:\n{html}"
    );
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("@media print"));
    assert!(html.contains(r##"<a href="#s1">[1]</a>"##) && html.contains(r#"<li id="s1">"#));
    assert!(html.contains("https://example.org/a1?x=1&amp;y=2") || html.contains("https://example.org/a1?x=1&#38;y=2"));
    assert!(html.contains("&quot;no comment&quot;") || html.contains("&#34;no comment&#34;"));
    assert!(!html.contains("confession"));
    assert!(html.contains("Konstantin Ilves"));
    // A case with no charges has no charges section.
    let other = dossier_html(&f.cases[1]);
    assert!(!other.contains("<h2>Charges</h2>"));
    assert!(other.contains("Pavlo Dorn"));
}
