//! User lexicons: the documented example file loads, and what it adds
//! (agency, occupation, charge phrase, trigger) shows up in extraction with
//! the ids of its entries; a malformed file is a clear error.

use casewatch_extract::{Extractor, LexiconError};
use casewatch_model::{ArticleMeta, EventType, OrgKind};
use std::path::Path;

fn meta() -> ArticleMeta {
    ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::from_ymd_opt(2025, 6, 18),
        title: None,
        language: "en".into(),
        sha256: "0".repeat(64),
        url: None,
    }
}

#[test]
fn the_example_lexicon_extends_extraction() {
    let text = "Stringer Omar Said was disappeared by DGSI agents on Monday. He is accused of insulting state symbols.";
    let plain = Extractor::english().unwrap().extract(meta(), text).record;
    assert!(plain.events.iter().all(|e| e.event_type != EventType::Detention));

    let mut ex = Extractor::english().unwrap();
    ex.add_lexicon(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/example.toml"))
        .unwrap();
    let r = ex.extract(meta(), text).record;
    let det = r
        .events
        .iter()
        .find(|e| e.event_type == EventType::Detention)
        .expect("a detention");
    assert_eq!(det.rule.as_deref(), Some("detention.example.disappeared"));
    assert_eq!(det.subjects[0].name.as_deref(), Some("Omar Said"));
    assert_eq!(det.date.value.map(|d| d.to_string()).as_deref(), Some("2025-06-16"));
    assert_eq!(r.people[0].occupation.as_deref(), Some("stringer"));
    let dgsi = r
        .organizations
        .iter()
        .find(|o| o.name == "General Directorate of Internal Security")
        .unwrap();
    assert_eq!(dgsi.kind, OrgKind::SecurityAgency);
    assert_eq!(dgsi.rule.as_deref(), Some("org.example.dgsi"));
    assert!(r.charges.iter().any(|c| c.label == "insulting state symbols"));
}

#[test]
fn a_bad_lexicon_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[trigger]]\nid = \"x\"\ntype = \"abduction\"\npatterns = [\"taken\"]\n",
    )
    .unwrap();
    let err = Extractor::english().unwrap().add_lexicon(&bad).unwrap_err();
    assert!(matches!(err, LexiconError::Parse { .. }));
    assert!(
        err.to_string().contains("bad.toml") && err.to_string().contains("abduction"),
        "{err}"
    );
    let missing = Extractor::english()
        .unwrap()
        .add_lexicon(&dir.path().join("none.toml"))
        .unwrap_err();
    assert!(matches!(missing, LexiconError::Io { .. }));
}
