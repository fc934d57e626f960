//! The Uwazi export on fictional cases: unique titles, one row per event, relationship titles that exist in their files, full dates, no `id` column, the 64 KiB header peek, and the README's template tables equal to the code's.

use casewatch_export::{
    UWAZI_IMPORT_ORDER, UWAZI_PEEK_BYTES, UWAZI_TEMPLATES, UwaziFiles, UwaziOptions, UwaziType, check_uwazi_files,
    uwazi_export,
};
use casewatch_model::CaseFile;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

fn src(article: &str, url: Option<&str>, title: Option<&str>, sentence: &str) -> Value {
    json!({"article": article, "published": "2025-06-01", "url": url, "title": title,
           "start": 0, "end": sentence.len(), "sentence": sentence})
}

fn entry(id: &str, ty: &str, date: Option<&str>, subjects: Value, review: &str) -> Value {
    let precision = date.map(|d| match d.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    });
    json!({"id": id, "type": ty, "date": date, "date_precision": precision, "date_qualifier": null,
           "date_text": null, "subjects": subjects, "agent": null, "place": null, "status": "occurred",
           "detail": null, "review": review,
           "sources": [src("a1", Some("https://www.harbor-light.example/news/1"), Some("Editor | detained"),
                           "Dana Okafor was detained, \"officers\" said.")]})
}

/// Three fictional cases: two share a title, two different people share a
/// name, an outlet is a subject, an agent is not a listed organisation, a
/// group and a dangling reference are subjects, a rejected entry, month,
/// year and qualified dates, a `javascript:` URL.
fn file() -> CaseFile {
    let mut c1_events = vec![
        {
            let mut e = entry(
                "E1",
                "pretrial_detention",
                Some("2025-03"),
                json!([{"ref": "P1", "name": "Dana Okafor"}, {"ref": "P2", "name": "Ilse Varga"}]),
                "confirmed",
            );
            e["agent"] = json!({"ref": "O1", "name": "Central District Court"});
            e["date_qualifier"] = json!("late");
            e
        },
        entry(
            "E2",
            "website_block",
            Some("2024"),
            json!([{"ref": "O2", "name": "Harbor Light"}]),
            "machine",
        ),
        {
            let mut e = entry(
                "E3",
                "questioning",
                Some("2025-02"),
                json!([{"ref": null, "name": null, "group": "two accountants", "count": 2},
                       {"ref": "P99", "name": "Someone Unlisted"}]),
                "machine",
            );
            e["agent"] = json!({"ref": null, "name": "investigators"});
            e["date_qualifier"] = json!("before");
            e
        },
        entry(
            "E4",
            "confession",
            Some("2025-06-02"),
            json!([{"ref": "P1", "name": "Dana Okafor"}]),
            "rejected",
        ),
        {
            let mut e = entry("E5", "hearing", None, json!([]), "edited");
            e["sources"] = json!([src("a9", Some("javascript:alert(1)"), None, "A hearing was held.")]);
            e
        },
    ];
    // Enough entries for events.csv to pass UWAZI_PEEK_BYTES.
    let long = "The court heard the defence, the prosecution and three witnesses, \"at length\". ".repeat(12);
    for i in 0..120 {
        let mut e = entry(
            &format!("E{}", 100 + i),
            "hearing",
            Some("2025-04-10"),
            json!([{"ref": "P2", "name": "Ilse Varga"}]),
            "machine",
        );
        e["sources"] = json!([src(
            &format!("h{i}"),
            Some("https://example.org/h"),
            Some("Hearing"),
            &long
        )]);
        c1_events.push(e);
    }
    serde_json::from_value(json!({"cases": [
        {"id": "c1", "title": "Harbor Light case",
         "people": [
            {"id": "P1", "name": "Dana Okafor", "variants": ["Dana Okafor", "Okafor"], "occupation": "camera operator",
             "affiliation": "Harbor Light", "former": true, "role": "defendant"},
            {"id": "P2", "name": "Ilse Varga", "variants": ["Ilse Varga"], "occupation": "editor",
             "affiliation": "Harbor Light", "former": false, "role": "defendant"}],
         "organizations": [
            {"id": "O1", "name": "Central District Court", "variants": [], "kind": "court"},
            {"id": "O2", "name": "Harbor Light", "variants": ["HL"], "kind": "media_outlet"}],
         "charges": [{"label": "extremism", "article": "Article 280", "subjects": ["P1"]}],
         "events": c1_events, "articles": ["a1", "a9"]},
        {"id": "c2", "title": "Harbor Light case",
         "people": [
            {"id": "P7", "name": "Dana Okafor", "variants": ["Dana Okafor"], "occupation": null,
             "affiliation": null, "former": null, "role": "defendant"},
            {"id": "P2", "name": "Ilse Varga", "variants": ["I. Varga"], "occupation": null,
             "affiliation": null, "former": null, "role": "witness"}],
         "organizations": [{"id": "O1", "name": "Central District Court", "variants": ["CDC"], "kind": "court"}],
         "charges": [],
         "events": [entry("E20", "detention", Some("2023-11-05"), json!([{"ref": "P7", "name": "Dana Okafor"}]), "machine")],
         "articles": ["a1"]},
        {"id": "c3", "title": "Pavlo | Dorn case", "people": [], "organizations": [], "charges": [], "events": [],
         "articles": []}
    ]}))
    .expect("a valid case file")
}

type Rows = Vec<BTreeMap<String, String>>;

fn parse(text: &str) -> (Vec<String>, Rows) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.expect("row");
            header.iter().cloned().zip(rec.iter().map(str::to_string)).collect()
        })
        .collect();
    (header, rows)
}

fn tables(files: &UwaziFiles) -> BTreeMap<&'static str, (Vec<String>, Rows)> {
    files
        .in_import_order()
        .iter()
        .map(|(name, text)| (*name, parse(text)))
        .collect()
}

fn by_id<'a>(rows: &'a Rows, id: &str) -> &'a BTreeMap<String, String> {
    rows.iter().find(|r| r["casewatch_id"] == id).expect("row with that id")
}

#[test]
fn the_files_follow_uwazis_import_rules() {
    let f = file();
    let files = uwazi_export(&f, UwaziOptions::default()).expect("export");
    assert_eq!(check_uwazi_files(&files), Vec::<String>::new());
    let t = tables(&files);
    assert_eq!(
        t.keys().copied().collect::<BTreeSet<_>>(),
        UWAZI_IMPORT_ORDER.iter().copied().collect()
    );

    // Headers: the template columns, title first, no `id`.
    for tpl in UWAZI_TEMPLATES {
        let (header, rows) = &t[tpl.file];
        assert_eq!(header, &tpl.columns());
        assert!(!header.iter().any(|h| h == "id"));
        // Titles unique (ignoring case), non-empty, without separators.
        let titles: BTreeSet<String> = rows.iter().map(|r| r["title"].to_lowercase()).collect();
        assert_eq!(titles.len(), rows.len(), "{}", tpl.file);
        assert!(rows.iter().all(|r| !r["title"].is_empty() && !r["title"].contains('|')));
    }

    // One row per event, rejected left out.
    let (_, events) = &t["events.csv"];
    let kept: Vec<&str> = f
        .cases
        .iter()
        .flat_map(|c| &c.events)
        .filter(|e| e.review != casewatch_model::Review::Rejected)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        events.iter().map(|r| r["casewatch_id"].as_str()).collect::<Vec<_>>(),
        kept
    );
    assert!(!events.iter().any(|r| r["casewatch_id"] == "E4"));

    // Every relationship title exists in its target file.
    let titles_of = |file: &str| -> BTreeSet<String> { t[file].1.iter().map(|r| r["title"].clone()).collect() };
    for tpl in UWAZI_TEMPLATES {
        for p in tpl.properties.iter().filter(|p| p.kind == UwaziType::Relationship) {
            let target = UWAZI_TEMPLATES
                .iter()
                .find(|x| Some(x.name) == p.target)
                .expect("target template");
            let known = titles_of(target.file);
            for r in &t[tpl.file].1 {
                for v in r[p.name].split('|').filter(|v| !v.is_empty()) {
                    assert!(
                        known.contains(v),
                        "{}.{} names {v:?}, not in {}",
                        tpl.file,
                        p.name,
                        target.file
                    );
                }
            }
        }
    }

    // Full dates, precision, qualifier, range.
    for r in events {
        let d = &r["date"];
        assert!(
            d.is_empty() || chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
            "{d}"
        );
    }
    let e1 = by_id(events, "E1");
    assert_eq!(
        (
            &e1["date"][..],
            &e1["date_precision"][..],
            &e1["date_qualifier"][..],
            &e1["date_range"][..]
        ),
        ("2025-03-01", "month", "late", "2025-03-01:2025-03-31")
    );
    let e2 = by_id(events, "E2");
    assert_eq!(
        (&e2["date"][..], &e2["date_range"][..]),
        ("2024-01-01", "2024-01-01:2024-12-31")
    );
    assert_eq!(&by_id(events, "E3")["date_range"], ":2025-02-28");
    assert_eq!(
        (&by_id(events, "E5")["date"][..], &by_id(events, "E5")["date_range"][..]),
        ("", "")
    );

    // Labels, relationships by title, agent apart, groups as text.
    assert_eq!(&e1["event_type"], "pre-trial detention");
    assert_eq!(&e1["review"], "confirmed");
    assert_eq!(
        &e1["title"],
        "E1 pre-trial detention: Dana Okafor (P1), Ilse Varga (2025-03)"
    );
    assert_eq!(&e1["subjects"], "Dana Okafor (P1)|Ilse Varga");
    assert_eq!(&e1["agent"], "Central District Court");
    assert_eq!(&e1["case"], "Harbor Light case (c1)");
    assert_eq!(&e2["subjects"], "");
    assert_eq!(&e2["subject_organisations"], "Harbor Light");
    assert_eq!(&e2["event_type"], "website block");
    let e3 = by_id(events, "E3");
    assert_eq!(&e3["groups"], "two accountants (2); Someone Unlisted");
    assert_eq!((&e3["agent"][..], &e3["agent_name"][..]), ("", "investigators"));
    assert_eq!(&by_id(events, "E20")["subjects"], "Dana Okafor (P7)");

    // Sources: headline linked, outlet from the URL's site, quote; no link for javascript:.
    assert!(e1["sources"].starts_with(
        "1. [Editor \\| detained](<https://www.harbor-light.example/news/1>) — harbor-light.example, 2025-06-01 (article a1): “Dana Okafor was detained, \"officers\" said.”"
    ), "{}", e1["sources"]);
    assert_eq!(
        &e1["first_source"],
        "Editor / detained|https://www.harbor-light.example/news/1"
    );
    let e5 = by_id(events, "E5");
    assert!(
        !e5["sources"].contains("](") && e5["first_source"].is_empty(),
        "{}",
        e5["sources"]
    );

    // People: one row per person across cases.
    let (_, people) = &t["people.csv"];
    assert_eq!(people.len(), 3);
    let varga = by_id(people, "P2");
    assert_eq!(
        (&varga["cases"][..], &varga["roles"][..], &varga["spellings"][..]),
        (
            "Harbor Light case (c1)|Harbor Light case (c2)",
            "defendant|witness",
            "I. Varga|Ilse Varga"
        )
    );
    assert_eq!(&varga["event_count"], "121");
    assert_eq!(&by_id(people, "P1")["affiliation_status"], "former");
    // Organisations: one row per organisation, cases merged.
    let (_, orgs) = &t["organisations.csv"];
    assert_eq!(orgs.len(), 2);
    let court = by_id(orgs, "O1");
    assert_eq!(
        (&court["kind"][..], &court["cases"][..]),
        ("court", "Harbor Light case (c1)|Harbor Light case (c2)")
    );
    assert_eq!(&court["spellings"], "CDC|Central District Court");
    // Cases.
    let (_, cases) = &t["cases.csv"];
    assert_eq!(
        cases.iter().map(|r| r["title"].as_str()).collect::<Vec<_>>(),
        vec!["Harbor Light case (c1)", "Harbor Light case (c2)", "Pavlo / Dorn case"]
    );
    let c1 = by_id(cases, "c1");
    assert_eq!(
        (&c1["period"][..], &c1["first_event"][..]),
        ("2024-01-01:2025-04-10", "2024-01-01")
    );
    assert_eq!(&c1["charges"], "extremism (Article 280)");
    assert_eq!(&c1["event_count"], "124");
}

#[test]
fn include_rejected_keeps_rejected_entries_marked() {
    let files = uwazi_export(&file(), UwaziOptions { include_rejected: true }).expect("export");
    assert!(check_uwazi_files(&files).is_empty());
    let (_, events) = parse(&files.events);
    assert_eq!(&by_id(&events, "E4")["review"], "rejected");
}

#[test]
fn no_row_straddles_uwazis_header_peek() {
    let files = uwazi_export(&file(), UwaziOptions::default()).expect("export");
    let bytes = files.events.as_bytes();
    assert!(bytes.len() > UWAZI_PEEK_BYTES * 2, "the fixture must pass the peek");
    assert!(!files.events.starts_with('\u{feff}'));
    // The first chunk holds whole rows: an even number of quotes and it ends a line.
    let head = &bytes[..UWAZI_PEEK_BYTES];
    assert_eq!(head.iter().filter(|&&b| b == b'"').count() % 2, 0);
    assert_eq!(head.last(), Some(&b'\n'));
}

#[test]
fn the_checker_finds_broken_files() {
    let good = uwazi_export(&file(), UwaziOptions::default()).expect("export");
    let mut bad = good.clone();
    bad.people = bad.people.replacen("casewatch_id", "id", 1);
    bad.events = bad
        .events
        .replacen("2025-03-01:2025-03-31", "2025-03:2025-03", 1)
        .replacen("Dana Okafor (P1)|Ilse Varga", "Dana Okafor|Ilse Varga", 1);
    bad.cases = format!("\u{feff}{}", bad.cases);
    let problems = check_uwazi_files(&bad).join("\n");
    for expected in [
        "cases.csv: starts with a byte-order mark",
        "people.csv: reserved column `id`",
        "date_range \"2025-03:2025-03\"",
        "\"Dana Okafor\" is no title of template Person",
    ] {
        assert!(problems.contains(expected), "{expected} not in\n{problems}");
    }
}

/// README's Uwazi section documents every template property exactly as the
/// code writes it, and the import order.
#[test]
fn readme_documents_the_templates_and_the_import_order() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let section = readme.split("\n## Uwazi\n").nth(1).expect("a ## Uwazi section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let flat = section.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("in this order, each file into its template"));
    assert!(flat.contains("**cases.csv, organisations.csv, people.csv, events.csv**"));
    assert_eq!(
        UWAZI_IMPORT_ORDER,
        ["cases.csv", "organisations.csv", "people.csv", "events.csv"]
    );
    for tpl in UWAZI_TEMPLATES {
        let heading = format!("### Template {} (`{}`)", tpl.name, tpl.file);
        let table = section.split(&heading).nth(1).unwrap_or_else(|| panic!("no {heading}"));
        let table = table.split("\n### ").next().unwrap_or(table);
        let rows: Vec<Vec<String>> = table
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                l.trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().trim_matches('`').to_string())
                    .collect()
            })
            .collect();
        let expected: Vec<Vec<String>> = tpl
            .properties
            .iter()
            .map(|p| {
                vec![
                    p.name.to_string(),
                    p.label.to_string(),
                    p.kind.ui_name().to_string(),
                    p.thesaurus.or(p.target).unwrap_or("").to_string(),
                    p.relation.unwrap_or("").to_string(),
                ]
            })
            .collect();
        assert_eq!(rows, expected, "{heading}");
        // Uwazi names a property after its label (lower case, `_` for anything else).
        for p in tpl.properties {
            let safe: String = p
                .label
                .trim()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            assert_eq!(safe, p.name, "label {:?}", p.label);
        }
    }
}
