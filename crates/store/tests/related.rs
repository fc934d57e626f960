//! Related cases, articles without a case and reviewers' roles on real SQLite files: what a case shares with another is listed with its reason, never merged; a role a reviewer sets survives new articles and rebuilds and is audited. All people and outlets are fictional.

use casewatch_model::{ExtractRecord, Role};
use casewatch_store::{ArticleInput, ReviewAction, Store};
use serde_json::{Value, json};

/// One fictional record: people (name, occupation, affiliation), outlets,
/// and events (type, date, subject names).
fn record(
    id: &str,
    published: &str,
    people: &[(&str, Option<&str>, Option<&str>)],
    outlets: &[&str],
    events: &[(&str, &str, &[&str])],
) -> (ExtractRecord, String) {
    let people_v: Vec<Value> = people
        .iter()
        .enumerate()
        .map(|(i, (n, occ, aff))| {
            json!({"id": format!("p{}", i + 1), "name": n, "variants": [n], "occupation": occ,
                   "affiliation": aff, "former": aff.map(|_| false)})
        })
        .collect();
    let orgs_v: Vec<Value> = outlets
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"id": format!("o{}", i + 1), "name": n, "variants": [], "kind": "media_outlet"}))
        .collect();
    let mut body = String::new();
    let events_v: Vec<Value> = events
        .iter()
        .map(|(ty, date, subjects)| {
            let sentence = format!("{} {ty} on {date}.", subjects.join(" and "));
            let start = body.len();
            body.push_str(&sentence);
            body.push(' ');
            let subjects: Vec<Value> = subjects
                .iter()
                .map(|s| {
                    let p = people.iter().position(|p| p.0 == *s).map(|i| format!("p{}", i + 1));
                    let o = outlets.iter().position(|o| o == s).map(|i| format!("o{}", i + 1));
                    json!({"ref": p.or(o), "name": s})
                })
                .collect();
            json!({"type": ty, "date": date, "date_precision": "day", "date_qualifier": null,
                   "date_text": null, "subjects": subjects, "agent": null, "place": null,
                   "status": "occurred", "attributed_to": null, "detail": null,
                   "evidence": {"start": start, "end": start + sentence.len(), "sentence": sentence}})
        })
        .collect();
    let v = json!({
        "article": {"id": id, "source": format!("{id}.txt"), "published": published,
                    "title": null, "language": "en", "sha256": format!("{:0>64}", id.len() * 7 + body.len())},
        "people": people_v, "organizations": orgs_v, "events": events_v, "charges": []
    });
    let mut rec: ExtractRecord = serde_json::from_value(v).expect("valid record");
    rec.article.sha256 = format!(
        "{:0>64x}",
        id.bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
    );
    (rec, body)
}

fn ingest(store: &mut Store, items: &[(ExtractRecord, String)]) {
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
    store.update_cases().expect("update cases");
}

fn corpus() -> Vec<(ExtractRecord, String)> {
    vec![
        record(
            "r1",
            "2025-01-10",
            &[
                ("Lena Marsh", Some("reporter"), Some("Coral Bay Tribune")),
                ("Victor Hale", Some("lawyer"), None),
            ],
            &[],
            &[("detention", "2025-01-09", &["Lena Marsh"])],
        ),
        record(
            "r2",
            "2025-02-10",
            &[
                ("Dario Fenn", Some("editor"), Some("Coral Bay Tribune")),
                ("Victor Hale", Some("lawyer"), None),
            ],
            &[],
            &[("charge", "2025-02-09", &["Dario Fenn"])],
        ),
        record(
            "r3",
            "2025-03-10",
            &[("Yusuf Bright", None, None), ("Victor Hale", Some("lawyer"), None)],
            &[],
            &[("sentence", "2025-03-09", &["Yusuf Bright"])],
        ),
        // An award ceremony: no legal event, no case.
        record(
            "r4",
            "2025-03-11",
            &[("Lena Marsh", Some("reporter"), Some("Coral Bay Tribune"))],
            &[],
            &[],
        ),
    ]
}

#[test]
fn shared_people_and_outlets_relate_cases_with_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("casewatch.db")).expect("open");
    ingest(&mut store, &corpus());
    let file = store.cases().expect("cases");
    let arts: Vec<&Vec<String>> = file.cases.iter().map(|c| &c.articles).collect();
    assert_eq!(
        arts,
        vec![
            &vec!["r1".to_string()],
            &vec!["r2".to_string()],
            &vec!["r3".to_string()]
        ]
    );
    assert_eq!(store.articles_without_case().expect("without"), vec!["r4".to_string()]);

    let (c1, c2, c3) = (&file.cases[0], &file.cases[1], &file.cases[2]);
    let related: Vec<(&str, &Vec<String>)> = c1.related_cases.iter().map(|r| (r.case.as_str(), &r.reasons)).collect();
    assert_eq!(
        related,
        vec![
            (
                c2.id.as_str(),
                &vec![
                    "shares Victor Hale: lawyer here, lawyer there".to_string(),
                    "both concern the outlet Coral Bay Tribune".to_string()
                ]
            ),
            (
                c3.id.as_str(),
                &vec!["shares Victor Hale: lawyer here, lawyer there".to_string()]
            ),
        ]
    );
    assert_eq!(c1.related_cases[0].title, "Dario Fenn case");
    let one = store.case(&c3.id).expect("case").expect("exists");
    assert_eq!(one.related_cases.len(), 2);
    let counts: Vec<u64> = store
        .case_summaries()
        .expect("summaries")
        .iter()
        .map(|s| s.related)
        .collect();
    assert_eq!(counts, vec![2, 2, 2]);
    // The listing page counts them too (one query a row, not the reasons).
    let page = store
        .case_page(&casewatch_store::CaseQuery {
            limit: 10,
            ..casewatch_store::CaseQuery::default()
        })
        .expect("page");
    let listed: Vec<(String, u64)> = page.rows.iter().map(|r| (r.id.clone(), r.related)).collect();
    let expected: Vec<(String, u64)> = file
        .cases
        .iter()
        .map(|c| (c.id.clone(), c.related_cases.len() as u64))
        .collect();
    assert_eq!(listed, expected);
}

#[test]
fn a_reviewed_role_survives_new_articles_and_rebuilds_and_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("casewatch.db")).expect("open");
    let items = corpus();
    ingest(&mut store, &items[..2]);
    let file = store.cases().expect("cases");
    let case = &file.cases[0];
    let hale = case.people.iter().find(|p| p.name == "Victor Hale").expect("Hale");
    assert_eq!(
        (hale.role, hale.role_rule.as_deref()),
        (Role::Lawyer, Some("occupation"))
    );
    let audit = store
        .review(
            &case.id,
            ReviewAction::SetRole {
                case: case.id.clone(),
                person: hale.id.clone(),
                role: Role::Witness,
            },
            "ana",
            Some("he testified"),
        )
        .expect("set role");
    assert_eq!(audit.action, "set_role");
    assert_eq!(audit.before["role"], "lawyer");
    assert_eq!(audit.after["role"], "witness");
    // A later article about the same defendant, then a full rebuild.
    ingest(
        &mut store,
        &[record(
            "r5",
            "2025-04-01",
            &[("Lena Marsh", None, None), ("Victor Hale", Some("lawyer"), None)],
            &[],
            &[("release", "2025-03-30", &["Lena Marsh"])],
        )],
    );
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    let case = file
        .cases
        .iter()
        .find(|c| c.articles.contains(&"r5".to_string()))
        .expect("case");
    let hale = case.people.iter().find(|p| p.name == "Victor Hale").expect("Hale");
    assert_eq!(
        (hale.role, hale.role_rule.as_deref()),
        (Role::Witness, Some("reviewer"))
    );
    // Only in that case: in the other he is still a lawyer.
    let other = file
        .cases
        .iter()
        .find(|c| c.articles.contains(&"r2".to_string()))
        .expect("case");
    let hale2 = other.people.iter().find(|p| p.name == "Victor Hale").expect("Hale");
    assert_eq!(hale2.role, Role::Lawyer);
    assert_eq!(store.audit_log(Some(&case.id)).expect("log").len(), 1);
    // A person who is not in the case is refused.
    assert!(
        store
            .review(
                &case.id,
                ReviewAction::SetRole {
                    case: case.id.clone(),
                    person: "P999".into(),
                    role: Role::Judge,
                },
                "ana",
                None,
            )
            .is_err()
    );
}

#[test]
fn articles_without_a_case_follow_every_change_of_the_cases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("casewatch.db")).expect("open");
    let items = corpus();
    let sound = |store: &Store| assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
    // Stored and not yet reconciled: no case lists any of them.
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
    assert_eq!(
        store.articles_without_case().expect("without"),
        ["r1", "r2", "r3", "r4"]
    );
    sound(&store);
    store.update_cases().expect("update cases");
    assert_eq!(store.articles_without_case().expect("without"), ["r4"]);
    sound(&store);
    // Every case replaced by none, then by one case of two of them.
    let mut file = store.cases().expect("cases");
    let kept = file.cases.remove(0);
    store
        .replace_cases(&casewatch_model::CaseFile::default())
        .expect("replace");
    assert_eq!(
        store.articles_without_case().expect("without"),
        ["r1", "r2", "r3", "r4"]
    );
    sound(&store);
    let mut both = kept.clone();
    both.articles = vec!["r1".into(), "r4".into()];
    store
        .replace_cases(&casewatch_model::CaseFile { cases: vec![both] })
        .expect("replace");
    assert_eq!(store.articles_without_case().expect("without"), ["r2", "r3"]);
    sound(&store);
    // A rebuild of every case gives the list a store built at once gives.
    store.rebuild_cases().expect("rebuild");
    assert_eq!(store.articles_without_case().expect("without"), ["r4"]);
    sound(&store);
}
