//! Spreadsheet exports on fictional cases: CSV cells that would run as formulas are neutralised, the BOM constant, sources with headline and outlet, and the XLSX workbook read back from its zip.

use casewatch_export::{EVENT_COLUMNS, UTF8_BOM, events_csv, people_csv, spreadsheet_cell, workbook_xlsx};
use casewatch_model::CaseFile;
use serde_json::json;
use std::io::Read;

/// One case whose texts begin with formula characters.
fn file() -> CaseFile {
    serde_json::from_value(json!({"cases": [{
        "id": "c1", "title": "=HYPERLINK(\"https://evil.example\",\"click\")",
        "people": [{"id": "P1", "name": "@Dana Okafor", "variants": ["@Dana Okafor", "+Okafor"],
                    "occupation": "-editor", "affiliation": "\tHarbor Light", "former": false, "role": "defendant"}],
        "organizations": [], "charges": [],
        "events": [{"id": "E1", "type": "detention", "date": "2025-03-11", "date_precision": "day",
                    "date_qualifier": null, "date_text": null,
                    "subjects": [{"ref": "P1", "name": "@Dana Okafor"}], "agent": null,
                    "place": "=1+1", "status": "occurred", "detail": "-2 years", "review": "machine",
                    "sources": [{"article": "a1", "published": "2025-03-12",
                                 "url": "https://www.harbor-light.example/n/1", "title": "Editor detained",
                                 "start": 0, "end": 10, "sentence": "=cmd|' /C calc'!A0"}]}],
        "articles": ["a1"]}]}))
    .expect("a valid case file")
}

#[test]
fn formula_cells_are_neutralised() {
    assert_eq!(spreadsheet_cell("=1+1"), "'=1+1");
    assert_eq!(spreadsheet_cell("+7"), "'+7");
    assert_eq!(spreadsheet_cell("-x"), "'-x");
    assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(spreadsheet_cell("\tx"), "'\tx");
    assert_eq!(spreadsheet_cell("\rx"), "'\rx");
    assert_eq!(spreadsheet_cell("Dana = editor"), "Dana = editor");
    assert_eq!(spreadsheet_cell(""), "");

    let text = events_csv(&file()).expect("csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let row = r.records().next().expect("a row").expect("row");
    let col = |name: &str| EVENT_COLUMNS.iter().position(|c| *c == name).expect("column");
    assert_eq!(
        &row[col("case_title")],
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    );
    assert_eq!(&row[col("subject")], "'@Dana Okafor");
    assert_eq!(&row[col("place")], "'=1+1");
    assert_eq!(&row[col("detail")], "'-2 years");
    assert_eq!(&row[col("quotes")], "'=cmd|' /C calc'!A0");
    assert_eq!(&row[col("source_titles")], "Editor detained");
    assert_eq!(&row[col("source_outlets")], "harbor-light.example");
    assert_eq!(&row[col("source_urls")], "https://www.harbor-light.example/n/1");
    // No cell of either table begins with a formula character.
    for table in [text.clone(), people_csv(&file()).expect("csv")] {
        let mut r = csv::Reader::from_reader(table.as_bytes());
        for rec in r.records() {
            for cell in rec.expect("row").iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
            }
        }
    }
    assert!(text.starts_with("event_id,"), "no BOM unless asked");
    assert_eq!(UTF8_BOM.as_bytes(), [0xEF, 0xBB, 0xBF]);
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut f = z.by_name(name).unwrap_or_else(|_| panic!("{name} in the workbook"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("UTF-8 XML");
    s
}

#[test]
fn workbook_has_events_and_people_sheets_as_text() {
    let bytes = workbook_xlsx(&file()).expect("xlsx");
    assert!(bytes.starts_with(b"PK"), "a zip file");
    let book = zip_entry(&bytes, "xl/workbook.xml");
    assert!(
        book.contains("name=\"Events\"") && book.contains("name=\"People\""),
        "{book}"
    );
    let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
    for expected in [
        "event_id",
        "source_outlets",
        "harbor-light.example",
        "<t>=HYPERLINK(\"https://evil.example\",\"click\")</t>",
        "@Dana Okafor",
        "Editor detained",
    ] {
        assert!(strings.contains(expected), "{expected} not in {strings}");
    }
    let events = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    let people = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(!events.contains("<f>") && !people.contains("<f>"), "no formulas");
    assert!(
        events.contains("<autoFilter") && events.contains("<pane"),
        "filter and frozen header"
    );
    // People: `events` (column I) is a number, 1.
    assert!(
        people.contains("<c r=\"I2\"><v>1</v></c>") || people.contains("<c r=\"I2\" t=\"n\"><v>1</v></c>"),
        "{people}"
    );
}
