//! Writers do not block readers or reviewers: while one connection rebuilds the cases of a large batch, another logs in and reviews, and every call succeeds. All people and outlets are fictional.

use casewatch_model::{ExtractRecord, Review};
use casewatch_store::{ArticleInput, ReviewAction, Store, UserRole};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Article `i` about the prosecution of one fictional journalist of one
/// prosecuted outlet: every article joins the same case.
fn article(i: usize) -> (ExtractRecord, String) {
    let day = 1 + i % 28;
    let sentence = format!("Daniyar Kasymaliev was detained on 2024-03-{day:02} in the Steppe Wire case.");
    let second = format!("Steppe Wire was searched on 2024-03-{day:02}.");
    let body = format!("{sentence} {second}");
    let rec = json!({
        "article": {"id": format!("con-{i:05}"), "source": format!("con/{i}.txt"), "published": "2024-04-01",
                    "title": null, "language": "en", "sha256": format!("{:064x}", i + 1)},
        "people": [{"id": "p1", "name": "Daniyar Kasymaliev", "variants": ["Daniyar Kasymaliev"],
                    "occupation": "journalist", "affiliation": "Steppe Wire", "former": false}],
        "organizations": [{"id": "o1", "name": "Steppe Wire", "variants": [], "kind": "media_outlet"}],
        "events": [
            {"type": "detention", "date": format!("2024-03-{day:02}"), "date_precision": "day", "date_qualifier": null,
             "date_text": null, "subjects": [{"ref": "p1", "name": "Daniyar Kasymaliev"}], "agent": null,
             "place": null, "status": "occurred", "attributed_to": null, "detail": null,
             "evidence": {"start": 0, "end": sentence.len(), "sentence": sentence}},
            {"type": "search", "date": format!("2024-03-{day:02}"), "date_precision": "day", "date_qualifier": null,
             "date_text": null, "subjects": [{"ref": "o1", "name": "Steppe Wire"}], "agent": null,
             "place": null, "status": "occurred", "attributed_to": null, "detail": null,
             "evidence": {"start": sentence.len() + 1, "end": body.len(), "sentence": second}}
        ],
        "charges": []
    });
    (serde_json::from_value(rec).expect("valid record"), body)
}

fn insert(store: &mut Store, items: &[(ExtractRecord, String)]) {
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
}

#[test]
fn logins_and_reviews_succeed_while_a_large_batch_is_reconciled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("casewatch.db");
    let mut ingest = Store::open(&path).expect("open");
    insert(&mut ingest, &[article(0)]);
    ingest.update_cases().expect("first case");
    let entry = ingest.cases().expect("cases").cases[0].events[0].id.clone();

    let mut reviewer = Store::open(&path).expect("second connection");
    reviewer
        .add_user("rhea", UserRole::Editor, "correct horse battery")
        .expect("user");

    // A large batch: one case of 1,500 articles to reconcile.
    let batch: Vec<_> = (1..1500).map(article).collect();
    insert(&mut ingest, &batch);
    let done = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&done);
    let worker = std::thread::spawn(move || {
        let started = Instant::now();
        let report = ingest.update_cases();
        flag.store(true, Ordering::SeqCst);
        (report, started.elapsed(), ingest)
    });

    // Meanwhile: log in and review, again and again, until the rebuild ends.
    let (mut during, mut last) = (0usize, Review::Machine);
    while !done.load(Ordering::SeqCst) {
        let user = reviewer
            .verify_password("rhea", "correct horse battery")
            .expect("password check during the rebuild");
        assert!(user.is_some(), "the password is accepted");
        reviewer.create_session("rhea").expect("login during the rebuild");
        let (action, state) = if during.is_multiple_of(2) {
            (ReviewAction::Reject, Review::Rejected)
        } else {
            (ReviewAction::Confirm, Review::Confirmed)
        };
        reviewer
            .review(&entry, action, "rhea", None)
            .expect("review during the rebuild");
        last = state;
        if !done.load(Ordering::SeqCst) {
            during += 1;
        }
    }
    let (report, took, ingest) = worker.join().expect("rebuild thread");
    report.expect("the rebuild succeeds alongside the reviewer");
    assert!(during > 0, "a login and review ran during the rebuild ({took:?})");
    assert_eq!(ingest.unreconciled().expect("count"), 0, "every article is in a case");
    let cases = ingest.cases().expect("cases");
    assert_eq!(cases.cases.len(), 1, "one prosecution");
    assert_eq!(cases.cases[0].articles.len(), 1500);
    let (state, _) = ingest
        .entry_review(&entry)
        .expect("review read")
        .expect("the entry was reviewed");
    assert_eq!(state, last, "the last decision stands");
}

/// Four connections that open one new file at the same moment all get a
/// store: SQLite answers the loser of the switch to WAL "database is
/// locked" without waiting, and `Store::open` must wait and try again
/// (before it did, about one new file in 25 failed to open for one of the
/// four). The race is timing-dependent, so the test makes 60 new files.
#[test]
fn connections_opening_a_new_file_at_once_all_succeed() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..60 {
        let path = dir.path().join(format!("new-{i}.db"));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|_| ()).map_err(|e| e.to_string()))
            })
            .collect();
        for opener in openers {
            let opened = opener.join().expect("the opener thread");
            assert_eq!(opened, Ok(()), "file {i}");
        }
    }
}
