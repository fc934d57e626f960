//! The shared development set, when present: 25 articles with the right ids and dates.

use std::path::PathBuf;

use super::read;

#[test]
fn dev_set_ids_and_dates() {
    let dev = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/dev");
    let gold = dev.join("gold.jsonl");
    let Ok(gold_text) = std::fs::read_to_string(&gold) else {
        eprintln!("skipped: {} not found", gold.display());
        return;
    };
    let mut expected: Vec<(String, String)> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line");
            (
                v["id"].as_str().expect("id").to_string(),
                v["published"].as_str().expect("published").to_string(),
            )
        })
        .collect();
    expected.sort();

    let items = read(std::slice::from_ref(&dev));
    // The directory also holds README.md and gold.jsonl; keep the .txt articles.
    let mut got: Vec<(String, String)> = items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|a| a.source.ends_with(".txt"))
        .map(|a| (a.id.clone(), a.published.map(|d| d.to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(got.len(), 25);
    got.sort();
    assert_eq!(got, expected);
    let txt_errors: Vec<_> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .filter(|e| e.path.ends_with(".txt"))
        .collect();
    assert!(txt_errors.is_empty(), "{txt_errors:?}");

    for a in items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|a| a.source.ends_with(".txt"))
    {
        assert!(
            !a.body.starts_with("date") && !a.body.starts_with(' '),
            "{}: {:?}",
            a.id,
            &a.body[..20]
        );
        assert!(a.warnings.is_empty(), "{}: {:?}", a.id, a.warnings);
        if a.id.starts_with("dev-") && a.id != "dev-020" {
            assert!(a.title.is_some(), "{} has a title line", a.id);
        }
    }
}
