//! Fictional one-event reports for the store's unit tests: a journalist's detention as an extraction record with its text, and storing a batch with its rebuild.

use crate::{ArticleInput, Store};
use casewatch_model::ExtractRecord;
use serde_json::json;

/// Report `id` (published on `published`) that journalist `name` of
/// `outlet` (none when `None`) was detained on `day`: its record and text.
pub(crate) fn detention(
    id: &str,
    published: &str,
    name: &str,
    outlet: Option<&str>,
    day: &str,
) -> (ExtractRecord, String) {
    let body = format!("{name} detention on {day}.");
    let v = json!({
        "article": {"id": id, "source": format!("{id}.txt"), "published": published,
                    "title": null, "language": "en", "sha256": format!("{:0>64}", id)},
        "people": [{"id": "p1", "name": name, "variants": [name],
                    "occupation": "journalist", "affiliation": outlet, "former": outlet.map(|_| false)}],
        "organizations": [], "charges": [],
        "events": [{"type": "detention", "date": day, "date_precision": "day", "date_qualifier": null,
                    "date_text": null, "subjects": [{"ref": "p1", "name": name}], "agent": null,
                    "place": null, "status": "occurred", "attributed_to": null, "detail": null,
                    "evidence": {"start": 0, "end": body.len(), "sentence": body}}]
    });
    (serde_json::from_value(v).expect("record"), body)
}

/// Stores `items` (their cases not rebuilt).
pub(crate) fn insert(store: &mut Store, items: &[(ExtractRecord, String)]) {
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
}

/// Stores `items` and rebuilds the cases they touch; the number of
/// articles that rebuild reconciled.
pub(crate) fn add(store: &mut Store, items: &[(ExtractRecord, String)]) -> usize {
    insert(store, items);
    store.update_cases().expect("update").articles
}

/// The article ids of each stored case, in case order.
pub(crate) fn case_articles(store: &Store) -> Vec<Vec<String>> {
    store
        .cases()
        .expect("cases")
        .cases
        .into_iter()
        .map(|c| c.articles)
        .collect()
}
