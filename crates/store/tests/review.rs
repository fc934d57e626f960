//! Case rebuilds and reviews on real SQLite files: incremental equals full, stable ids, decisions that survive re-ingest, the audit log. All people and outlets are fictional.

use casewatch_model::{Case, CaseFile, EventType, ExtractRecord, PartialDate, Review, Status, TimelineEntry};
use casewatch_store::{ArticleInput, EntryEdit, ReviewAction, Store, StoreError};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tempfile::TempDir;

#[allow(dead_code)]
mod common;
use common::outlet_keys;

// ---------------------------------------------------------------- fixtures

/// A fictional article under construction: the body grows with each event sentence.
struct Art {
    v: Value,
    body: String,
}

fn art(id: &str, published: &str) -> Art {
    Art {
        v: json!({
            "article": {"id": id, "source": format!("{id}.txt"), "published": published,
                        "title": null, "language": "en", "sha256": ""},
            "people": [], "organizations": [], "events": [], "charges": []
        }),
        body: String::new(),
    }
}

impl Art {
    fn person(mut self, name: &str, occupation: Option<&str>, affiliation: Option<&str>) -> Self {
        let people = self.v["people"].as_array_mut().expect("people");
        let id = format!("p{}", people.len() + 1);
        people.push(
            json!({"id": id, "name": name, "variants": [name], "occupation": occupation,
                           "affiliation": affiliation, "former": affiliation.map(|_| false)}),
        );
        self
    }

    fn charge(mut self, label: &str) -> Self {
        self.v["charges"]
            .as_array_mut()
            .expect("charges")
            .push(json!({"label": label, "article": null, "subjects": []}));
        self
    }

    fn org(mut self, name: &str, kind: &str) -> Self {
        let orgs = self.v["organizations"].as_array_mut().expect("organizations");
        let id = format!("o{}", orgs.len() + 1);
        orgs.push(json!({"id": id, "name": name, "variants": [], "kind": kind}));
        self
    }

    fn find(&self, name: &str) -> Option<String> {
        ["people", "organizations"].iter().find_map(|list| {
            self.v[*list]
                .as_array()?
                .iter()
                .find(|p| p["name"] == name)
                .and_then(|p| p["id"].as_str().map(str::to_string))
        })
    }

    /// An event whose evidence is a new sentence appended to the body.
    fn event(mut self, ty: &str, date: Option<&str>, subjects: &[&str], detail: Option<&str>) -> Self {
        let precision = date.map(|d| match d.len() {
            4 => "year",
            7 => "month",
            _ => "day",
        });
        let sentence = format!(
            "{} {} on {}.",
            subjects.join(" and "),
            ty,
            date.unwrap_or("an unknown day")
        );
        let start = self.body.len();
        self.body.push_str(&sentence);
        self.body.push(' ');
        let subjects: Vec<Value> = subjects
            .iter()
            .map(|s| match self.find(s) {
                Some(id) => json!({"ref": id, "name": s}),
                None => json!({"ref": null, "name": null, "group": s}),
            })
            .collect();
        self.v["events"].as_array_mut().expect("events").push(json!({
            "type": ty, "date": date, "date_precision": precision, "date_qualifier": null,
            "date_text": null, "subjects": subjects, "agent": null, "place": null,
            "status": "occurred", "attributed_to": null, "detail": detail,
            "evidence": {"start": start, "end": start + sentence.len(), "sentence": sentence}
        }));
        self
    }

    fn build(mut self) -> (ExtractRecord, String) {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.v["article"]["id"].as_str(), &self.body).hash(&mut h);
        self.v["article"]["sha256"] = json!(format!("{:064x}", h.finish()));
        (serde_json::from_value(self.v).expect("valid record"), self.body)
    }
}

fn fresh() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("casewatch.db")).expect("open");
    (dir, store)
}

fn ingest(store: &mut Store, items: &[(ExtractRecord, String)]) {
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
    store.update_cases().expect("update cases");
}

/// A corpus of five cases with the hard parts: spellings across scripts,
/// siblings who stay apart, a surname alone that becomes ambiguous, a link
/// by outlet and charge.
fn corpus() -> Vec<(ExtractRecord, String)> {
    vec![
        art("k1", "2025-02-05")
            .person("Temirlan Sadyr uulu", Some("journalist"), Some("Harbor Light"))
            .event("detention", Some("2025-02-04"), &["Temirlan Sadyr uulu"], None)
            .build(),
        art("k2", "2025-02-07")
            .person("Temirlan Sadyr", Some("journalist"), None)
            .event("detention", Some("2025-02-04"), &["Temirlan Sadyr"], None)
            .event(
                "pretrial_detention",
                Some("2025-02-06"),
                &["Temirlan Sadyr"],
                Some("two months"),
            )
            .build(),
        art("k3", "2025-06-18")
            .person("Темирлан Садыр уулу", None, None)
            .event(
                "sentence",
                Some("2025-06-17"),
                &["Темирлан Садыр уулу"],
                Some("five years"),
            )
            .event("detention", Some("2025-02"), &["Темирлан Садыр уулу"], None)
            .build(),
        art("s1", "2024-10-03")
            .person("Ivan Petrov", Some("editor"), Some("Quay Post"))
            .person("Olga Petrova", Some("reporter"), Some("Quay Post"))
            .event("search", Some("2024-10-01"), &["Ivan Petrov", "Olga Petrova"], None)
            .build(),
        art("s2", "2024-10-09")
            .person("Olga Petrova", Some("reporter"), None)
            .event("charge", Some("2024-10-08"), &["Olga Petrova"], None)
            .build(),
        art("o1", "2024-03-01")
            .person("Mira Halvorsen", Some("editor"), Some("Northwind Media"))
            .charge("tax evasion")
            .event("charge", Some("2024-02-27"), &["Mira Halvorsen"], Some("tax evasion"))
            .build(),
        art("o2", "2024-03-04")
            .person("Teodor Vask", Some("accountant"), Some("Northwind Media"))
            .charge("Tax evasion")
            .event("detention", Some("2024-03-02"), &["Teodor Vask"], None)
            .build(),
        art("b1", "2024-05-02")
            .person("Dana Okafor", Some("camera operator"), None)
            .event("detention", Some("2024-04-29"), &["Dana Okafor"], None)
            .build(),
        art("b2", "2024-05-06")
            .person("Okafor", None, None)
            .event("hearing", Some("2024-05-05"), &["Okafor"], None)
            .build(),
        art("b3", "2024-07-01")
            .person("Samuel Okafor", Some("driver"), None)
            .event("search", Some("2024-06-28"), &["Samuel Okafor"], None)
            .build(),
    ]
}

/// The case file with every id renamed by order of first appearance (per
/// prefix), so two stores whose ids were handed out in different orders compare.
fn canonical(file: &CaseFile) -> Value {
    fn is_id(s: &str) -> bool {
        let mut c = s.chars();
        matches!(c.next(), Some('c' | 'P' | 'O' | 'E')) && s.len() > 1 && c.all(|d| d.is_ascii_digit())
    }
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) if is_id(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    fn rewrite(v: &mut Value, map: &BTreeMap<String, String>) {
        match v {
            Value::String(s) if is_id(s) => *s = map[s.as_str()].clone(),
            Value::Array(a) => a.iter_mut().for_each(|x| rewrite(x, map)),
            Value::Object(o) => o.values_mut().for_each(|x| rewrite(x, map)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(file).expect("serialises");
    let mut seen = Vec::new();
    walk(&v, &mut seen);
    let mut map = BTreeMap::new();
    let mut next: BTreeMap<char, usize> = BTreeMap::new();
    for s in seen {
        if let std::collections::btree_map::Entry::Vacant(slot) = map.entry(s) {
            let p = slot.key().chars().next().unwrap_or('x');
            let n = next.entry(p).or_insert(0);
            *n += 1;
            slot.insert(format!("{p}#{n}"));
        }
    }
    rewrite(&mut v, &map);
    v
}

fn case_with<'a>(file: &'a CaseFile, article: &str) -> &'a Case {
    file.cases
        .iter()
        .find(|c| c.articles.iter().any(|a| a == article))
        .unwrap_or_else(|| panic!("no case holds {article}"))
}

fn entry<'a>(case: &'a Case, ty: &str) -> &'a TimelineEntry {
    case.events
        .iter()
        .find(|e| e.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {}", case.id))
}

// ---------------------------------------------------------------- incremental

#[test]
fn incremental_ingest_gives_the_cases_of_a_full_rebuild() {
    // Journalists of one outlet charged alike (o1, o2) are two prosecutions by default.
    incremental_equals_full(&casewatch_reconcile::Settings::default(), 7);
    // With the store-wide surname-only rule, rebuilds take whole surname blocks.
    incremental_equals_full(
        &casewatch_reconcile::Settings {
            link_by_surname_only: true,
            ..casewatch_reconcile::Settings::default()
        },
        7,
    );
    // With the outlet-and-charge rule, o1 and o2 are one case.
    incremental_equals_full(
        &casewatch_reconcile::Settings {
            link_by_outlet_and_charge: true,
            ..casewatch_reconcile::Settings::default()
        },
        6,
    );
}

#[test]
fn turning_the_outlet_and_charge_rule_on_keys_every_article_again() {
    let items = corpus();
    let on = casewatch_reconcile::Settings {
        link_by_outlet_and_charge: true,
        ..casewatch_reconcile::Settings::default()
    };
    let (_d1, mut with_rule) = fresh();
    with_rule.set_reconcile_settings(&on).expect("settings");
    ingest(&mut with_rule, &items);
    assert_eq!(
        outlet_keys(with_rule.path()),
        2,
        "o1 and o2 name one outlet and one charge"
    );
    let linked = with_rule.cases().expect("cases");
    assert_eq!(linked.cases.len(), 6);

    // With the rule off (the default) no outlet key is stored.
    let (_d2, mut store) = fresh();
    ingest(&mut store, &items);
    assert_eq!(outlet_keys(store.path()), 0);
    let apart = store.cases().expect("cases");
    assert_eq!(apart.cases.len(), 7);
    assert_eq!(store.unreconciled().expect("unreconciled"), 0);

    // Turning it on marks every article: the next update keys them all and
    // gives the cases of a store that had the rule from the start.
    store.set_reconcile_settings(&on).expect("settings");
    assert_eq!(store.unreconciled().expect("unreconciled"), items.len());
    assert_eq!(
        store.cases().expect("cases"),
        apart,
        "cases keep their shape until rebuilt"
    );
    store.update_cases().expect("update");
    assert_eq!(store.unreconciled().expect("unreconciled"), 0);
    assert_eq!(outlet_keys(store.path()), 2);
    assert_eq!(canonical(&store.cases().expect("cases")), canonical(&linked));
    // Storing the same settings again changes nothing.
    store.set_reconcile_settings(&on).expect("settings");
    assert_eq!(store.unreconciled().expect("unreconciled"), 0);

    // Turning it off deletes them; a rebuild splits o1 and o2 again.
    store
        .set_reconcile_settings(&casewatch_reconcile::Settings::default())
        .expect("settings");
    assert_eq!(outlet_keys(store.path()), 0);
    store.rebuild_cases().expect("rebuild");
    assert_eq!(canonical(&store.cases().expect("cases")), canonical(&apart));
    assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
}

/// Articles linked by a prosecuted outlet and by spelling families (a
/// second surname, gh/g), and one that makes no case.
fn outlet_and_spelling_corpus() -> Vec<(ExtractRecord, String)> {
    vec![
        art("t1", "2024-08-01")
            .org("Lantern Post", "media_outlet")
            .event("website_block", Some("2024-07-30"), &["Lantern Post"], None)
            .build(),
        art("t2", "2024-09-01")
            .org("Lantern Post", "media_outlet")
            .event("liquidation", Some("2024-08-30"), &["Lantern Post"], None)
            .build(),
        art("n1", "2024-08-02")
            .person("Stanis Kabwe Mutombo", Some("journalist"), None)
            .event("detention", Some("2024-08-01"), &["Stanis Kabwe Mutombo"], None)
            .build(),
        art("n2", "2024-08-05")
            .person("Stanis Kabwe", None, None)
            .event("charge", Some("2024-08-04"), &["Stanis Kabwe"], None)
            .build(),
        art("g1", "2024-08-03")
            .person("Nino Tserteghadze", None, None)
            .event("detention", Some("2024-08-02"), &["Nino Tserteghadze"], None)
            .build(),
        art("g2", "2024-08-06")
            .person("Nino Tsertegadze", None, None)
            .event("sentence", Some("2024-08-05"), &["Nino Tsertegadze"], None)
            .build(),
        art("x1", "2024-08-07")
            .person("Stanis Kabwe", Some("reporter"), None)
            .event("questioning", Some("2024-08-06"), &["Stanis Kabwe"], None)
            .build(),
    ]
}

#[test]
fn incremental_ingest_links_prosecuted_outlets_and_spelling_families_like_a_full_rebuild() {
    let items = outlet_and_spelling_corpus();
    let (_d1, mut all_at_once) = fresh();
    ingest(&mut all_at_once, &items);
    let expected = all_at_once.cases().expect("cases");
    let groups: Vec<&Vec<String>> = expected.cases.iter().map(|c| &c.articles).collect();
    assert_eq!(groups, vec![&vec!["t1", "t2"], &vec!["n1", "n2"], &vec!["g1", "g2"]]);
    // x1 questions Stanis Kabwe: no legal event about a defendant, no case.
    assert_eq!(
        all_at_once.articles_without_case().expect("articles without a case"),
        vec!["x1".to_string()]
    );
    for order in [vec![6, 5, 4, 3, 2, 1, 0], vec![3, 6, 0, 5, 1, 4, 2]] {
        let (_d, mut one_by_one) = fresh();
        for i in &order {
            ingest(&mut one_by_one, std::slice::from_ref(&items[*i]));
        }
        let got = one_by_one.cases().expect("cases");
        assert_eq!(canonical(&got), canonical(&expected), "order {order:?}");
    }
}

/// A report on `name` (occupation journalist, outlet `outlet`): one act
/// of `ty` on `day` (for the namesake tests).
fn namesake(
    id: &str,
    published: &str,
    name: &str,
    outlet: Option<&str>,
    ty: &str,
    day: &str,
) -> (ExtractRecord, String) {
    art(id, published)
        .person(name, Some("journalist"), outlet)
        .event(ty, Some(day), &[name], None)
        .build()
}

/// A report on journalist Ivo Marten (see [`namesake`]).
fn ivo(id: &str, published: &str, outlet: Option<&str>, ty: &str, day: &str) -> (ExtractRecord, String) {
    namesake(id, published, "Ivo Marten", outlet, ty, day)
}

/// The first namesake of the tests that follow: Ivan Marten of Quay Post ("a").
fn ivan_of_quay_post() -> (ExtractRecord, String) {
    namesake(
        "a",
        "2025-01-10",
        "Ivan Marten",
        Some("Quay Post"),
        "detention",
        "2025-01-08",
    )
}

/// Stores `item` and rebuilds the cases it affects.
fn add_one(store: &mut Store, item: &(ExtractRecord, String)) -> casewatch_store::RebuildReport {
    store
        .insert_articles(&[ArticleInput {
            record: &item.0,
            body: &item.1,
        }])
        .expect("insert");
    store.update_cases().expect("update")
}

/// The case id holding article `article`.
fn case_of(store: &Store, article: &str) -> String {
    case_with(&store.cases().expect("cases"), article).id.clone()
}

#[test]
fn incremental_ingest_keeps_namesakes_of_two_outlets_apart_like_a_full_rebuild() {
    // Two journalists of one name, of two outlets, in two prosecutions; two
    // reports name the name without an outlet (one before both).
    let items = vec![
        ivo("m1", "2024-03-02", Some("Quay Post"), "detention", "2024-03-01"),
        ivo("m2", "2024-04-02", Some("Harbor Light"), "detention", "2024-04-01"),
        ivo("m3", "2024-05-02", None, "charge", "2024-05-01"),
        ivo("m0", "2024-02-02", None, "search", "2024-02-01"),
    ];
    let (_d1, mut all_at_once) = fresh();
    ingest(&mut all_at_once, &items);
    let expected = all_at_once.cases().expect("cases");
    let groups: Vec<&Vec<String>> = expected.cases.iter().map(|c| &c.articles).collect();
    assert_eq!(groups, vec![&vec!["m0", "m1", "m3"], &vec!["m2"]]);
    for order in [vec![1, 2, 0, 3], vec![3, 1, 2, 0], vec![2, 3, 1, 0], vec![0, 1, 2, 3]] {
        let (_d, mut one_by_one) = fresh();
        for i in &order {
            ingest(&mut one_by_one, std::slice::from_ref(&items[*i]));
        }
        let got = one_by_one.cases().expect("cases");
        assert_eq!(canonical(&got), canonical(&expected), "order {order:?}");
    }
}

#[test]
fn a_report_naming_no_outlet_reconciles_only_the_namesake_it_joins() {
    // Ivo Marten of Quay Post (one report) and of Harbor Light (two); a new
    // report names him without an outlet. It joins the first by rank, the
    // Quay Post one, and the Harbor Light case is not reconciled again.
    let items = vec![
        ivo("q1", "2024-03-02", Some("Quay Post"), "detention", "2024-03-01"),
        ivo("h1", "2024-04-02", Some("Harbor Light"), "detention", "2024-04-01"),
        ivo("h2", "2024-04-20", Some("Harbor Light"), "charge", "2024-04-19"),
    ];
    for (late, published) in [("n1", "2024-05-02"), ("n0", "2024-02-02")] {
        let new = ivo(late, published, None, "charge", "2024-01-30");
        let (_d, mut store) = fresh();
        ingest(&mut store, &items);
        let harbor = case_with(&store.cases().expect("cases"), "h1").clone();
        let report = add_one(&mut store, &new);
        // The new report and q1: not h1 and h2.
        assert_eq!((report.seeds, report.articles), (1, 2), "{late}");
        let got = store.cases().expect("cases");
        let mut joined = vec!["q1", late];
        joined.sort_unstable();
        assert_eq!(case_with(&got, late).articles, joined);
        assert_eq!(case_with(&got, "h1"), &harbor);
        // As a rebuild of every article gives it.
        let (_d2, mut all_at_once) = fresh();
        ingest(&mut all_at_once, &[items.clone(), vec![new.clone()]].concat());
        assert_eq!(canonical(&got), canonical(&all_at_once.cases().expect("cases")));
    }
    // A report naming someone else too, who has nothing to do with the
    // first namesake's case: still only that case.
    let (_d, mut store) = fresh();
    ingest(&mut store, &items);
    let two = art("n3", "2024-05-02")
        .person("Ivo Marten", Some("journalist"), None)
        .person("Lena Kral", Some("journalist"), None)
        .event("charge", Some("2024-05-01"), &["Ivo Marten", "Lena Kral"], None)
        .build();
    assert_eq!(add_one(&mut store, &two).articles, 2);
    assert_eq!(
        case_with(&store.cases().expect("cases"), "n3").articles,
        vec!["n3", "q1"]
    );

    // When the first namesake names no outlet, which person it belongs to
    // is not known before reconciling: every namesake is reconciled again,
    // and the result is still that of a full rebuild.
    let mut first_bare = items.clone();
    first_bare.insert(0, ivo("b0", "2024-01-02", None, "search", "2024-01-01"));
    let new = ivo("n2", "2024-05-02", None, "charge", "2024-05-01");
    let (_d, mut store) = fresh();
    ingest(&mut store, &first_bare);
    assert_eq!(add_one(&mut store, &new).articles, 5);
    let (_d2, mut all_at_once) = fresh();
    ingest(&mut all_at_once, &[first_bare, vec![new]].concat());
    assert_eq!(
        canonical(&store.cases().expect("cases")),
        canonical(&all_at_once.cases().expect("cases"))
    );
}

#[test]
fn a_report_naming_two_people_reconciles_every_namesake_of_either() {
    // Ivo and Ivanna Marten, named without an outlet in one report, both
    // match Ivan Marten of Quay Post, the first namesake: Ivo joins him,
    // and Ivanna, who cannot be in one person with Ivo's article, joins
    // Ivanna Marten of Harbor Light. That one must be reconciled too.
    let a = ivan_of_quay_post();
    let c = namesake(
        "c",
        "2025-02-05",
        "Ivanna Marten",
        Some("Harbor Light"),
        "sentence",
        "2025-02-03",
    );
    let s = art("s", "2025-03-04")
        .person("Ivo Marten", Some("journalist"), None)
        .person("Ivanna Marten", Some("journalist"), None)
        .event("detention", Some("2025-03-03"), &["Ivo Marten", "Ivanna Marten"], None)
        .build();
    let items = vec![a, c, s];
    let (_d1, mut all_at_once) = fresh();
    ingest(&mut all_at_once, &items);
    let expected = all_at_once.cases().expect("cases");
    let (_d, mut one_by_one) = fresh();
    for item in &items {
        ingest(&mut one_by_one, std::slice::from_ref(item));
    }
    assert_eq!(canonical(&one_by_one.cases().expect("cases")), canonical(&expected));
}

#[test]
fn namesakes_are_reconciled_when_a_decision_moved_or_split_the_first() {
    let new = ivo("s", "2025-03-04", None, "detention", "2025-03-03");
    // The first Ivo Marten's report (a, Quay Post) was moved to another
    // case: it takes no part in linking, so the new report joins the
    // Harbor Light one.
    let (_d, mut store) = fresh();
    ingest(
        &mut store,
        &[
            ivo("a", "2025-01-10", Some("Quay Post"), "detention", "2025-01-08"),
            ivo("b", "2025-02-01", Some("Harbor Light"), "charge", "2025-01-30"),
            namesake("z", "2025-01-20", "Lena Kral", None, "detention", "2025-01-18"),
        ],
    );
    let to_case = case_of(&store, "z");
    store
        .review(
            "",
            ReviewAction::MoveArticle {
                article: "a".into(),
                to_case,
            },
            "ana",
            None,
        )
        .expect("move");
    add_one(&mut store, &new);
    let incremental = store.cases().expect("cases");
    assert_eq!(case_with(&incremental, "s").articles, vec!["b", "s"]);
    store.rebuild_cases().expect("rebuild");
    assert_eq!(canonical(&store.cases().expect("cases")), canonical(&incremental));

    // A reviewer split "Ivo Marten" off Ivan Marten of Quay Post (a, x),
    // and a report on Ivan (a0, the earliest) came later: the new report
    // takes the split's side, never joins Ivan, and so joins Ivo Marten of
    // Harbor Light (b).
    let (_d, mut store) = fresh();
    ingest(
        &mut store,
        &[
            ivan_of_quay_post(),
            ivo("x", "2025-02-10", Some("Quay Post"), "sentence", "2025-02-08"),
            ivo("b", "2025-02-01", Some("Harbor Light"), "charge", "2025-01-30"),
        ],
    );
    let file = store.cases().expect("cases");
    let person = case_with(&file, "a").people[0].id.clone();
    assert_eq!(case_with(&file, "a").articles, vec!["a", "x"]);
    store
        .review(
            "",
            ReviewAction::SplitPerson {
                person,
                variants: vec!["Ivo Marten".into()],
            },
            "ben",
            None,
        )
        .expect("split");
    ingest(
        &mut store,
        &[namesake(
            "a0",
            "2025-01-05",
            "Ivan Marten",
            Some("Quay Post"),
            "search",
            "2025-01-04",
        )],
    );
    add_one(&mut store, &new);
    let incremental = store.cases().expect("cases");
    store.rebuild_cases().expect("rebuild");
    assert_eq!(canonical(&store.cases().expect("cases")), canonical(&incremental));
    assert_eq!(case_with(&incremental, "s").articles, vec!["b", "s"]);
}

fn incremental_equals_full(settings: &casewatch_reconcile::Settings, cases: usize) {
    let items = corpus();
    let (_d1, mut all_at_once) = fresh();
    all_at_once.set_reconcile_settings(settings).expect("settings");
    ingest(&mut all_at_once, &items);
    let expected = all_at_once.cases().expect("cases");
    assert_eq!(
        expected.cases.len(),
        cases,
        "{:#?}",
        expected.cases.iter().map(|c| &c.articles).collect::<Vec<_>>()
    );
    // The surname alone stays apart once two Okafors are known.
    assert_eq!(case_with(&expected, "b2").articles, vec!["b2"]);
    // Siblings stay two people.
    assert_eq!(case_with(&expected, "s1").people.len(), 2);

    for order in [
        vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        vec![9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
        vec![7, 8, 2, 0, 5, 9, 1, 3, 6, 4],
    ] {
        let (_d, mut one_by_one) = fresh();
        one_by_one.set_reconcile_settings(settings).expect("settings");
        for i in &order {
            ingest(&mut one_by_one, std::slice::from_ref(&items[*i]));
        }
        let got = one_by_one.cases().expect("cases");
        assert_eq!(canonical(&got), canonical(&expected), "order {order:?}");
        // A full rebuild of the incremental store changes nothing, ids included.
        one_by_one.rebuild_cases().expect("rebuild");
        assert_eq!(one_by_one.cases().expect("cases"), got);
    }
}

#[test]
fn a_new_article_rebuilds_only_its_cases() {
    let items = corpus();
    let (_d, mut store) = fresh();
    ingest(&mut store, &items[..9]);
    let before = store.cases().expect("cases");
    store
        .insert_articles(&[ArticleInput {
            record: &items[9].0,
            body: &items[9].1,
        }])
        .expect("insert");
    let report = store.update_cases().expect("update");
    assert_eq!(report.seeds, 1);
    // b3's Samuel Okafor matches no one named before: only b3 is reconciled.
    assert_eq!(report.articles, 1);
    let after = store.cases().expect("cases");
    for id in ["k1", "s1", "o1", "b1", "b2"] {
        assert_eq!(case_with(&before, id), case_with(&after, id));
    }
    assert_eq!(store.update_cases().expect("no-op").articles, 0);
    // A new report on Dana Okafor reconciles her case (b1) with it, nothing else.
    let b4 = art("b4", "2024-05-09")
        .person("D. Okafor", Some("camera operator"), None)
        .event("release", Some("2024-05-08"), &["D. Okafor"], None)
        .build();
    store
        .insert_articles(&[ArticleInput {
            record: &b4.0,
            body: &b4.1,
        }])
        .expect("insert");
    let report = store.update_cases().expect("update");
    assert_eq!((report.seeds, report.articles, report.cases_written), (1, 2, 1));
    assert_eq!(
        case_with(&store.cases().expect("cases"), "b4").articles,
        vec!["b1", "b4"]
    );
}

// ---------------------------------------------------------------- stable ids

#[test]
fn ids_stay_when_new_articles_join_and_when_re_ingesting() {
    let items = corpus();
    let (_d, mut store) = fresh();
    ingest(&mut store, &items[1..2]); // k2 alone
    let first = store.cases().expect("cases");
    let case = &first.cases[0];
    let (case_id, person, detention) = (
        case.id.clone(),
        case.people[0].id.clone(),
        entry(case, "detention").id.clone(),
    );
    // An earlier article (k1) and a later one (k3) report the same detention.
    ingest(&mut store, &[items[2].clone(), items[0].clone()]);
    let file = store.cases().expect("cases");
    let case = case_with(&file, "k2");
    assert_eq!(case.id, case_id);
    assert_eq!(case.people[0].id, person);
    let d: Vec<&TimelineEntry> = case
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Detention)
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].id, detention);
    assert_eq!(d[0].sources.len(), 3);
    // Re-ingesting the same articles adds nothing and changes nothing.
    ingest(&mut store, &items[..3]);
    assert_eq!(store.cases().expect("cases"), file);
}

// ---------------------------------------------------------------- entry decisions

#[test]
fn confirm_reject_and_edit_survive_new_articles_and_rebuilds() {
    let items = corpus();
    let (_d, mut store) = fresh();
    ingest(&mut store, &items[..2]);
    let file = store.cases().expect("cases");
    let case = case_with(&file, "k1");
    let detention = entry(case, "detention").id.clone();
    let remand = entry(case, "pretrial_detention").id.clone();

    let edit = EntryEdit {
        date: Some(Some("2025-02-03".parse::<PartialDate>().expect("date"))),
        detail: Some(Some("at the airport".into())),
        status: Some(Status::Alleged),
        ..EntryEdit::default()
    };
    let a = store
        .review(
            &detention,
            ReviewAction::Edit(edit),
            "ana",
            Some("the family says the 3rd"),
        )
        .expect("edit");
    assert_eq!(a.action, "edit");
    assert_eq!(a.before["date"], "2025-02-04");
    assert_eq!(a.after["date"], "2025-02-03");
    assert_eq!(a.after["review"], "edited");
    store
        .review(&remand, ReviewAction::Reject, "ben", None)
        .expect("reject");

    // New articles report both events again with the machine's values.
    ingest(&mut store, &items[2..3]);
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    let case = case_with(&file, "k1");
    let d = case
        .events
        .iter()
        .find(|e| e.id == detention)
        .expect("edited entry kept its id");
    assert_eq!(d.review, Review::Edited);
    assert_eq!(d.date.display(), "2025-02-03");
    assert_eq!(d.detail.as_deref(), Some("at the airport"));
    assert_eq!(d.status, Status::Alleged);
    assert_eq!(d.sources.len(), 3, "new sources still join a reviewed entry");
    let r = case
        .events
        .iter()
        .find(|e| e.id == remand)
        .expect("rejected entry kept");
    assert_eq!(r.review, Review::Rejected);

    // Confirm pins the values shown; a later rebuild keeps them.
    let sentence = entry(case, "sentence").id.clone();
    store
        .review(&sentence, ReviewAction::Confirm, "ana", None)
        .expect("confirm");
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    let s = case_with(&file, "k3")
        .events
        .iter()
        .find(|e| e.id == sentence)
        .cloned()
        .expect("confirmed");
    assert_eq!(s.review, Review::Confirmed);
    assert_eq!(s.detail.as_deref(), Some("five years"));
    assert_eq!(
        store.entry_review(&sentence).expect("review").map(|r| r.0),
        Some(Review::Confirmed)
    );
}

#[test]
fn invalid_decisions_are_refused_and_write_nothing() {
    let items = corpus();
    let (_d, mut store) = fresh();
    ingest(&mut store, &items);
    let before = store.cases().expect("cases");
    let bad = |r: Result<casewatch_store::AuditEntry, StoreError>| {
        assert!(matches!(r, Err(StoreError::Invalid { .. })), "{r:?}");
    };
    bad(store.review("E999", ReviewAction::Confirm, "ana", None));
    let e = before.cases[0].events[0].id.clone();
    bad(store.review(&e, ReviewAction::Edit(EntryEdit::default()), "ana", None));
    bad(store.review(&e, ReviewAction::Confirm, "  ", None));
    let p = before.cases[0].people[0].id.clone();
    bad(store.review(
        "",
        ReviewAction::MergePeople {
            keep: p.clone(),
            merge: p.clone(),
        },
        "ana",
        None,
    ));
    bad(store.review(
        "",
        ReviewAction::MergePeople {
            keep: p.clone(),
            merge: "P999".into(),
        },
        "ana",
        None,
    ));
    bad(store.review(
        "",
        ReviewAction::SplitPerson {
            person: p.clone(),
            variants: vec!["Nobody Known".into()],
        },
        "ana",
        None,
    ));
    bad(store.review(
        "",
        ReviewAction::MoveArticle {
            article: "nope".into(),
            to_case: before.cases[0].id.clone(),
        },
        "ana",
        None,
    ));
    let home = before.cases[0].articles[0].clone();
    bad(store.review(
        "",
        ReviewAction::MoveArticle {
            article: home,
            to_case: before.cases[0].id.clone(),
        },
        "ana",
        None,
    ));
    assert_eq!(store.cases().expect("cases"), before);
    assert!(store.audit_log(None).expect("log").is_empty());
}

// ---------------------------------------------------------------- people and articles

#[test]
fn a_merge_of_two_people_stays_merged_after_new_articles() {
    let (_d, mut store) = fresh();
    let a1 = art("m1", "2025-01-10")
        .person("Nurlan Ermekov", Some("blogger"), Some("Steppe Wire"))
        .person("Aida Ermekova", Some("reporter"), Some("Steppe Wire"))
        .event(
            "detention",
            Some("2025-01-08"),
            &["Nurlan Ermekov", "Aida Ermekova"],
            None,
        )
        .build();
    let a2 = art("m2", "2025-01-12")
        .person("Ermek Nurlanuly", Some("blogger"), Some("Steppe Wire"))
        .person("Aida Ermekova", Some("reporter"), None)
        .event(
            "detention",
            Some("2025-01-08"),
            &["Ermek Nurlanuly", "Aida Ermekova"],
            None,
        )
        .build();
    ingest(&mut store, &[a1, a2]);
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 1);
    let case = &file.cases[0];
    assert_eq!(case.people.len(), 3);
    let id_of = |name: &str| case.people.iter().find(|p| p.name == name).expect("person").id.clone();
    let (keep, merge) = (id_of("Nurlan Ermekov"), id_of("Ermek Nurlanuly"));
    let log = store
        .review(
            "",
            ReviewAction::MergePeople {
                keep: keep.clone(),
                merge: merge.clone(),
            },
            "ana",
            None,
        )
        .expect("merge");
    assert_eq!(log.target, keep);
    assert_eq!(log.case.as_deref(), Some(case.id.as_str()));
    let check = |store: &Store| {
        let file = store.cases().expect("cases");
        let case = &file.cases[0];
        assert_eq!(case.people.len(), 2);
        let p = case.people.iter().find(|p| p.id == keep).expect("kept id");
        assert!(p.variants.contains(&"Ermek Nurlanuly".to_string()));
        // Both reports of the detention of the merged person are one assertion.
        let d: Vec<&TimelineEntry> = case
            .events
            .iter()
            .filter(|e| e.event_type == EventType::Detention)
            .collect();
        assert_eq!(d.len(), 1);
        assert!(
            d[0].subjects
                .iter()
                .filter(|s| s.reference.as_deref() == Some(keep.as_str()))
                .count()
                == 1
        );
        assert_eq!(store.resolve_id(&merge).expect("alias"), keep);
    };
    check(&store);
    // A later article with one of the spellings: still one person.
    ingest(
        &mut store,
        &[art("m3", "2025-03-01")
            .person("Ermek Nurlanuly", Some("blogger"), None)
            .event("release", Some("2025-02-28"), &["Ermek Nurlanuly"], None)
            .build()],
    );
    check(&store);
    store.rebuild_cases().expect("rebuild");
    check(&store);
}

#[test]
fn a_split_stays_split_and_new_mentions_follow_their_side() {
    let (_d, mut store) = fresh();
    let items = vec![
        art("x1", "2025-04-01")
            .person("Ruslan Bekov", Some("editor"), Some("Tundra Post"))
            .event("detention", Some("2025-03-30"), &["Ruslan Bekov"], None)
            .build(),
        art("x2", "2025-04-03")
            .person("R. Bekov", None, Some("Tundra Post"))
            .event("charge", Some("2025-04-02"), &["R. Bekov"], None)
            .build(),
    ];
    ingest(&mut store, &items);
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 1);
    let person = file.cases[0].people[0].id.clone();
    assert_eq!(file.cases[0].people.len(), 1);
    store
        .review(
            "",
            ReviewAction::SplitPerson {
                person: person.clone(),
                variants: vec!["R. Bekov".into()],
            },
            "ben",
            Some("Rustam, his brother"),
        )
        .expect("split");
    let check = |store: &Store| {
        let file = store.cases().expect("cases");
        let people: Vec<(String, Vec<String>)> = file
            .cases
            .iter()
            .flat_map(|c| &c.people)
            .map(|p| (p.id.clone(), p.variants.clone()))
            .collect();
        let original = people
            .iter()
            .find(|(id, _)| *id == person)
            .expect("original keeps its id");
        assert_eq!(original.1, vec!["Ruslan Bekov"]);
        let other = people.iter().find(|(id, _)| *id != person).expect("split-off person");
        assert!(other.1.iter().all(|v| v == "R. Bekov"), "{other:?}");
    };
    check(&store);
    ingest(
        &mut store,
        &[art("x3", "2025-04-05")
            .person("R. Bekov", None, Some("Tundra Post"))
            .event("release", Some("2025-04-04"), &["R. Bekov"], None)
            .build()],
    );
    check(&store);
    store.rebuild_cases().expect("rebuild");
    check(&store);
}

#[test]
fn a_moved_article_stays_moved() {
    let items = corpus();
    let (_d, mut store) = fresh();
    ingest(&mut store, &items[..8]);
    let file = store.cases().expect("cases");
    let target = case_with(&file, "k1").id.clone();
    let from = case_with(&file, "s2").id.clone();
    let log = store
        .review(
            "",
            ReviewAction::MoveArticle {
                article: "s2".into(),
                to_case: target.clone(),
            },
            "ana",
            None,
        )
        .expect("move");
    assert_eq!(log.before["cases"], json!([from]));
    assert_eq!(log.after["cases"], json!([target]));
    let file = store.cases().expect("cases");
    assert_eq!(case_with(&file, "s2").id, target);
    assert!(case_with(&file, "s1").articles.iter().all(|a| a != "s2"));
    // A new article about Olga Petrova links to her old case, not the moved article.
    ingest(
        &mut store,
        &[art("s3", "2024-11-01")
            .person("Olga Petrova", Some("reporter"), None)
            .event("charge", Some("2024-10-30"), &["Olga Petrova"], None)
            .build()],
    );
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    assert_eq!(case_with(&file, "s2").id, target);
    assert_eq!(case_with(&file, "s3").id, from);
    let log = store.audit_log(Some(&from)).expect("log");
    assert_eq!(log.len(), 1, "the move shows in the log of the case it left");
}

// ---------------------------------------------------------------- audit log

#[test]
fn the_audit_log_records_who_when_before_after_and_is_append_only() {
    let items = corpus();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("casewatch.db");
    let mut store = Store::open(&path).expect("open");
    ingest(&mut store, &items);
    let file = store.cases().expect("cases");
    let c1 = case_with(&file, "k1");
    let e = entry(c1, "sentence").id.clone();
    let first = store
        .review(&e, ReviewAction::Confirm, "ana", Some("checked the verdict"))
        .expect("confirm");
    let other = case_with(&file, "s1");
    let e2 = entry(other, "search").id.clone();
    store.review(&e2, ReviewAction::Reject, "ben", None).expect("reject");
    store
        .record_audit("admin", "add_user", "carla", Value::Null, json!({"role": "editor"}))
        .expect("other write");

    let log = store.audit_log(None).expect("log");
    assert_eq!(log.len(), 3);
    assert_eq!(log[0], first);
    assert_eq!(
        (log[0].user.as_str(), log[0].action.as_str(), log[0].target.as_str()),
        ("ana", "confirm", e.as_str())
    );
    assert_eq!(log[0].case.as_deref(), Some(c1.id.as_str()));
    assert_eq!(log[0].note.as_deref(), Some("checked the verdict"));
    assert_eq!(log[0].before["review"], "machine");
    assert_eq!(log[0].after["review"], "confirmed");
    assert!(chrono::DateTime::parse_from_rfc3339(&log[0].at).is_ok() && log[0].at.ends_with('Z'));
    assert!(log.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(log[2].action, "add_user");
    assert_eq!(store.audit_log(Some(&c1.id)).expect("log").len(), 1);

    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    assert!(conn.execute("UPDATE audit_log SET user = 'mallory'", []).is_err());
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
}

// ---------------------------------------------------------------- people across cases, reasons

#[test]
fn one_person_in_two_cases_has_one_id_and_merges_record_their_reason() {
    let (_d, mut store) = fresh();
    ingest(
        &mut store,
        &[
            art("l1", "2024-01-10")
                .person("Farida Nasser", Some("reporter"), Some("Delta TV"))
                .person("Konstantin Ilves", Some("lawyer"), None)
                .event("detention", Some("2024-01-09"), &["Farida Nasser"], None)
                .build(),
            art("l2", "2024-01-20")
                .person("F. Nasser", Some("reporter"), Some("Delta TV"))
                .event("charge", Some("2024-01-19"), &["F. Nasser"], None)
                .build(),
            art("l3", "2024-06-01")
                .person("Pavlo Dorn", Some("editor"), Some("Marsh Radio"))
                .person("Konstantin Ilves", Some("lawyer"), None)
                .event("detention", Some("2024-05-30"), &["Pavlo Dorn"], None)
                .build(),
        ],
    );
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 2);
    let lawyer = |c: &Case| {
        c.people
            .iter()
            .find(|p| p.name == "Konstantin Ilves")
            .expect("lawyer")
            .id
            .clone()
    };
    assert_eq!(lawyer(&file.cases[0]), lawyer(&file.cases[1]));

    let case = case_with(&file, "l1");
    let nasser = case.people.iter().find(|p| p.name == "Farida Nasser").expect("person");
    let links = store.person_links(&case.id).expect("links");
    let mine: Vec<_> = links.iter().filter(|(p, _)| *p == nasser.id).map(|(_, l)| l).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].rule, "initial");
    assert!(mine[0].score >= 0.75, "{}", mine[0].score);
}

#[test]
fn a_merge_across_cases_shares_the_id_without_joining_the_cases() {
    let (_d, mut store) = fresh();
    ingest(
        &mut store,
        &[
            art("q1", "2024-02-01")
                .person("Mirzo Karimov", Some("reporter"), Some("Osh Dispatch"))
                .event("detention", Some("2024-01-30"), &["Mirzo Karimov"], None)
                .build(),
            art("q2", "2024-09-01")
                .person("Mirzo Qarimov", Some("blogger"), Some("Pamir Lens"))
                .event("charge", Some("2024-08-30"), &["Mirzo Qarimov"], None)
                .build(),
        ],
    );
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 2, "different outlets: two cases, two people");
    let (keep, merge) = (file.cases[0].people[0].id.clone(), file.cases[1].people[0].id.clone());
    assert_ne!(keep, merge);
    let log = store
        .review(
            "",
            ReviewAction::MergePeople {
                keep: keep.clone(),
                merge: merge.clone(),
            },
            "ana",
            None,
        )
        .expect("merge");
    assert_eq!(
        log.after.as_array().map(Vec::len),
        Some(2),
        "the kept person is in both cases"
    );
    for _ in 0..2 {
        let file = store.cases().expect("cases");
        assert_eq!(file.cases.len(), 2);
        assert!(file.cases.iter().all(|c| c.people[0].id == keep));
        store.rebuild_cases().expect("rebuild");
    }
}

#[test]
fn a_split_after_a_merge_wins() {
    let (_d, mut store) = fresh();
    ingest(
        &mut store,
        &[
            art("r1", "2025-01-10")
                .person("Nurlan Ermekov", Some("blogger"), Some("Steppe Wire"))
                .event("detention", Some("2025-01-08"), &["Nurlan Ermekov"], None)
                .build(),
            art("r2", "2025-01-12")
                .person("Nurlan Ermekov", Some("blogger"), Some("Steppe Wire"))
                .person("Ermek Nurlanuly", Some("blogger"), Some("Steppe Wire"))
                .event(
                    "search",
                    Some("2025-01-09"),
                    &["Nurlan Ermekov", "Ermek Nurlanuly"],
                    None,
                )
                .build(),
        ],
    );
    let file = store.cases().expect("cases");
    let id_of = |f: &CaseFile, name: &str| {
        f.cases[0]
            .people
            .iter()
            .find(|p| p.variants.iter().any(|v| v == name))
            .expect("person")
            .id
            .clone()
    };
    let (keep, merge) = (id_of(&file, "Nurlan Ermekov"), id_of(&file, "Ermek Nurlanuly"));
    // Merged although named side by side in one article: the reviewer knows better.
    store
        .review(
            "",
            ReviewAction::MergePeople {
                keep: keep.clone(),
                merge,
            },
            "ana",
            None,
        )
        .expect("merge");
    assert_eq!(store.cases().expect("cases").cases[0].people.len(), 1);
    store
        .review(
            "",
            ReviewAction::SplitPerson {
                person: keep.clone(),
                variants: vec!["Ermek Nurlanuly".into()],
            },
            "ben",
            Some("brothers after all"),
        )
        .expect("split");
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    assert_eq!(file.cases[0].people.len(), 2);
    assert_eq!(id_of(&file, "Nurlan Ermekov"), keep);
    assert_ne!(id_of(&file, "Ermek Nurlanuly"), keep);
    let actions: Vec<String> = store
        .audit_log(None)
        .expect("log")
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, vec!["merge_people", "split_person"]);
}

// ---------------------------------------------------------------- statuses, listing, case decisions

#[test]
fn statuses_are_derived_listed_and_overridden_by_a_reviewer() {
    use casewatch_model::Standing;
    use casewatch_store::{StatusEdit, StatusQuery};
    let (_d, mut store) = fresh();
    ingest(&mut store, &corpus());
    let file = store.cases().expect("cases");
    let k = case_with(&file, "k1").id.clone();
    let rows = store
        .statuses(&StatusQuery {
            case: Some(k.clone()),
            ..StatusQuery::default()
        })
        .expect("statuses");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let st = &rows[0].status;
    assert_eq!(st.status, Standing::Serving);
    assert_eq!(st.since.map(|d| d.to_string()).as_deref(), Some("2025-06-17"));
    assert_eq!(st.until.map(|d| d.to_string()).as_deref(), Some("2030-06-17"));
    assert_eq!(st.as_of.map(|d| d.to_string()).as_deref(), Some("2025-06-18"));
    let sentence = entry(case_with(&file, "k1"), "sentence").id.clone();
    assert_eq!(st.entry.as_deref(), Some(sentence.as_str()));
    let person = st.person.clone();

    let held = store
        .statuses(&StatusQuery {
            held: true,
            ..StatusQuery::default()
        })
        .expect("held");
    assert!(held.iter().all(|r| r.status.status.is_held()));
    assert!(held.iter().any(|r| r.status.person == person));

    // A reviewer says the person was released; it survives a full rebuild.
    let log = store
        .review(
            &person,
            ReviewAction::SetStatus(Some(StatusEdit {
                status: Standing::Released,
                since: Some("2025-09-01".parse().expect("date")),
                term: None,
                until: None,
            })),
            "ana",
            Some("pardoned, per the family"),
        )
        .expect("set status");
    assert_eq!(log.before["status"], "serving");
    assert_eq!(log.after["status"], "released");
    assert_eq!(log.after["set_by_reviewer"], true);
    store.rebuild_cases().expect("rebuild");
    let rows = store
        .statuses(&StatusQuery {
            person: Some(person.clone()),
            ..StatusQuery::default()
        })
        .expect("statuses");
    assert_eq!(rows[0].status.status, Standing::Released);
    assert!(rows[0].status.overridden);
    assert_eq!(rows[0].status.note.as_deref(), Some("pardoned, per the family"));
    // Cleared: the derived status is back.
    store
        .review(&person, ReviewAction::SetStatus(None), "ana", None)
        .expect("clear");
    let rows = store
        .statuses(&StatusQuery {
            person: Some(person.clone()),
            ..StatusQuery::default()
        })
        .expect("statuses");
    assert_eq!(rows[0].status.status, Standing::Serving);
    assert!(
        store
            .review("P999", ReviewAction::SetStatus(None), "ana", None)
            .is_err()
    );
}

#[test]
fn the_case_listing_pages_sorts_and_filters_from_summaries() {
    use casewatch_model::Standing;
    use casewatch_store::{CaseQuery, CaseSort};
    let (_d, mut store) = fresh();
    ingest(&mut store, &corpus());
    let file = store.cases().expect("cases");
    let all = store.case_page(&CaseQuery::default()).expect("page");
    assert_eq!(all.total, file.cases.len() as u64);
    assert_eq!(all.all, all.total);
    let mut ids: Vec<&str> = file.cases.iter().map(|c| c.id.as_str()).collect();
    ids.sort_by_key(|id| id[1..].parse::<u32>().expect("number"));
    assert_eq!(all.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ids);

    // Sorted by first date, newest first, two per page.
    let mut q = CaseQuery {
        sort: CaseSort::First,
        descending: true,
        limit: 2,
        ..CaseQuery::default()
    };
    let p1 = store.case_page(&q).expect("page 1");
    q.offset = 2;
    let p2 = store.case_page(&q).expect("page 2");
    assert_eq!(p1.rows.len(), 2);
    let firsts: Vec<String> = p1
        .rows
        .iter()
        .chain(&p2.rows)
        .map(|r| r.first_date.clone().unwrap_or_default())
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(firsts, sorted);
    assert_eq!(p1.rows[0].id, case_with(&file, "k1").id);

    // Filters: an event type, a defendant's status, an outlet.
    let searched = store
        .case_page(&CaseQuery {
            event_type: Some("search".into()),
            ..CaseQuery::default()
        })
        .expect("filtered");
    let expect: Vec<&str> = file
        .cases
        .iter()
        .filter(|c| c.events.iter().any(|e| e.event_type == EventType::Search))
        .map(|c| c.id.as_str())
        .collect();
    let mut got: Vec<&str> = searched.rows.iter().map(|r| r.id.as_str()).collect();
    got.sort();
    let mut expect = expect;
    expect.sort();
    assert_eq!(got, expect);
    assert!(searched.rows.iter().all(|r| r.matching.is_some_and(|n| n >= 1)));
    let serving = store
        .case_page(&CaseQuery {
            standing: Some(Standing::Serving),
            ..CaseQuery::default()
        })
        .expect("serving");
    assert_eq!(serving.total, 1);
    assert_eq!(serving.rows[0].statuses[0].status, Standing::Serving);
    let outlet = store
        .case_page(&CaseQuery {
            outlet: Some("northwind".into()),
            ..CaseQuery::default()
        })
        .expect("outlet");
    let mut want: Vec<&str> = vec![case_with(&file, "o1").id.as_str(), case_with(&file, "o2").id.as_str()];
    want.dedup();
    let mut got: Vec<&str> = outlet.rows.iter().map(|r| r.id.as_str()).collect();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "the cases of the Northwind Media staff");
}

#[test]
fn case_title_and_country_and_merges_are_reviewer_decisions() {
    use casewatch_store::CaseQuery;
    let (_d, mut store) = fresh();
    ingest(&mut store, &corpus());
    let file = store.cases().expect("cases");
    let k = case_with(&file, "k1").id.clone();
    let log = store
        .review(
            &k,
            ReviewAction::EditCase {
                title: Some(Some("Sadyr uulu prosecution".into())),
                country: Some(Some("kg".into())),
            },
            "ana",
            None,
        )
        .expect("edit case");
    assert_eq!(log.after["title"], "Sadyr uulu prosecution");
    assert_eq!(log.after["country"], "KG");
    store.rebuild_cases().expect("rebuild");
    let case = store.case(&k).expect("read").expect("case");
    assert_eq!(case.title, "Sadyr uulu prosecution");
    let page = store
        .case_page(&CaseQuery {
            country: Some("KG".into()),
            ..CaseQuery::default()
        })
        .expect("by country");
    assert_eq!(
        page.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        [k.as_str()]
    );
    assert!(
        store
            .review(
                &k,
                ReviewAction::EditCase {
                    title: None,
                    country: Some(Some("Kyrgyz".into()))
                },
                "ana",
                None
            )
            .is_err()
    );

    // Merge the Okafor search case into the detention case: it stays merged.
    let keep = case_with(&file, "b1").id.clone();
    let gone = case_with(&file, "b3").id.clone();
    assert_ne!(keep, gone);
    store
        .review(&keep, ReviewAction::MergeCases { merge: gone.clone() }, "ana", None)
        .expect("merge cases");
    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    assert_eq!(case_with(&file, "b3").id, keep);
    assert!(file.cases.iter().all(|c| c.id != gone));
    assert_eq!(store.audit_log(Some(&gone)).expect("log").len(), 1);
}

#[test]
fn entries_added_merged_and_split_by_hand_survive_rebuilds() {
    use casewatch_store::{EntrySource, NewEntry};
    let (_d, mut store) = fresh();
    ingest(&mut store, &corpus());
    let file = store.cases().expect("cases");
    let k = case_with(&file, "k1").clone();
    let temirlan = k
        .people
        .iter()
        .find(|p| p.name.contains("Temirlan"))
        .expect("person")
        .id
        .clone();
    let new = |source: EntrySource| NewEntry {
        event_type: EventType::Release,
        date: casewatch_model::EventDate {
            value: Some("2025-03-01".parse().expect("date")),
            ..Default::default()
        },
        status: Status::Occurred,
        subjects: vec![casewatch_model::Subject {
            reference: Some(temirlan.clone()),
            ..Default::default()
        }],
        detail: Some("on bail".into()),
        source,
    };
    let quote = "Temirlan Sadyr pretrial_detention on 2025-02-06.";
    let log = store
        .review(
            &k.id,
            ReviewAction::AddEntry(Box::new(new(EntrySource::Quote {
                article: "k2".into(),
                quote: quote.into(),
            }))),
            "ana",
            Some("the machine missed it"),
        )
        .expect("add");
    let added = log.target.clone();
    assert_eq!(log.after["review"], "confirmed");
    assert_eq!(log.after["sources"][0]["article"], "k2");
    assert_eq!(log.after["sources"][0]["sentence"], quote);
    // A quote that is not in the article is refused; a note is a source too.
    let bad = store.review(
        &k.id,
        ReviewAction::AddEntry(Box::new(new(EntrySource::Quote {
            article: "k2".into(),
            quote: "Nobody said this.".into(),
        }))),
        "ana",
        None,
    );
    assert!(bad.is_err());
    let noted = store
        .review(
            &k.id,
            ReviewAction::AddEntry(Box::new(new(EntrySource::Note("court decision of 1 March".into())))),
            "ana",
            None,
        )
        .expect("add with a note");
    assert_eq!(noted.after["detail"], "on bail; source: court decision of 1 March");

    // Merge the noted entry into the quoted one; split a search of two people.
    store
        .review(
            &added,
            ReviewAction::MergeEntries {
                merge: noted.target.clone(),
            },
            "ana",
            None,
        )
        .expect("merge");
    let s = case_with(&file, "s1").clone();
    let search = entry(&s, "search").clone();
    let olga = s
        .people
        .iter()
        .find(|p| p.name == "Olga Petrova")
        .expect("Olga")
        .id
        .clone();
    let split = store
        .review(
            &search.id,
            ReviewAction::SplitEntry {
                subjects: vec![olga.clone()],
                detail: Some("her flat only".into()),
            },
            "ana",
            None,
        )
        .expect("split");
    let part = split.after["new"]["id"].as_str().expect("new id").to_string();

    store.rebuild_cases().expect("rebuild");
    let file = store.cases().expect("cases");
    let k = case_with(&file, "k1");
    let e = k.events.iter().find(|e| e.id == added).expect("the added entry stays");
    assert_eq!(e.event_type, EventType::Release);
    assert_eq!(e.review, Review::Confirmed);
    assert!(
        k.events.iter().all(|e| e.id != noted.target),
        "the merged entry stays merged"
    );
    assert_eq!(store.resolve_id(&noted.target).expect("alias"), added);
    let s = case_with(&file, "s1");
    let original = s.events.iter().find(|e| e.id == search.id).expect("original");
    assert!(
        original
            .subjects
            .iter()
            .all(|x| x.reference.as_deref() != Some(olga.as_str()))
    );
    let new_part = s.events.iter().find(|e| e.id == part).expect("split part");
    assert_eq!(new_part.subjects[0].reference.as_deref(), Some(olga.as_str()));
    assert_eq!(new_part.detail.as_deref(), Some("her flat only"));
    assert_eq!(new_part.sources, original.sources);
    let actions: Vec<String> = store
        .audit_log(None)
        .expect("log")
        .iter()
        .map(|a| a.action.clone())
        .collect();
    assert!(
        actions.ends_with(&[
            "add_entry".into(),
            "add_entry".into(),
            "merge_entries".into(),
            "edit".into(),
            "split_entry".into()
        ]),
        "{actions:?}"
    );
}

// ---------------------------------------------------------------- split cases

fn three_linked_articles() -> Vec<(ExtractRecord, String)> {
    vec![
        art("v1", "2025-04-02")
            .person("Lina Varga", Some("reporter"), Some("Eastgate Courier"))
            .event("detention", Some("2025-04-01"), &["Lina Varga"], None)
            .build(),
        art("v2", "2025-04-05")
            .person("Lina Varga", Some("reporter"), None)
            .person("Oskar Brandt", Some("photographer"), None)
            .event("detention", Some("2025-04-01"), &["Lina Varga", "Oskar Brandt"], None)
            .build(),
        art("v3", "2025-04-20")
            .person("Oskar Brandt", Some("photographer"), None)
            .event("charge", Some("2025-04-19"), &["Oskar Brandt"], None)
            .build(),
    ]
}

#[test]
fn a_split_case_gets_a_new_id_that_survives_new_articles_and_rebuilds() {
    let (_d, mut store) = fresh();
    ingest(&mut store, &three_linked_articles());
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 1, "one case linked by the shared defendant");
    let old = file.cases[0].id.clone();
    let brandt = file.cases[0]
        .people
        .iter()
        .find(|p| p.name == "Oskar Brandt")
        .map(|p| p.id.clone())
        .expect("Brandt");
    let largest = file
        .cases
        .iter()
        .map(|c| c.id[1..].parse::<u64>().expect("number"))
        .max()
        .expect("a case");

    // Refused: every article, an article of no case, nothing chosen.
    for (articles, people) in [
        (vec!["v1", "v2", "v3"], vec![]),
        (vec!["nope"], vec![]),
        (vec![], vec![]),
        (vec![], vec!["P999"]),
    ] {
        let r = store.review(
            &old,
            ReviewAction::SplitCase {
                articles: articles.into_iter().map(String::from).collect(),
                people: people.into_iter().map(String::from).collect(),
            },
            "ana",
            None,
        );
        assert!(matches!(r, Err(StoreError::Invalid { .. })), "{r:?}");
    }
    assert!(store.audit_log(None).expect("log").is_empty());

    // Brandt's articles (v2 names both, v3 him alone) become a new case.
    let log = store
        .review(
            &old,
            ReviewAction::SplitCase {
                articles: vec![],
                people: vec![brandt.clone()],
            },
            "ana",
            Some("two prosecutions"),
        )
        .expect("split");
    let new = log.after["new_case"].as_str().expect("new case").to_string();
    assert_eq!(new, format!("c{}", largest + 1), "the next case number");
    assert_eq!(log.after["articles"], json!(["v1"]));
    assert_eq!(log.after["new_articles"], json!(["v2", "v3"]));
    let check = |store: &Store| {
        let file = store.cases().expect("cases");
        assert_eq!(case_with(&file, "v1").id, old);
        assert_eq!(case_with(&file, "v2").id, new);
        assert_eq!(case_with(&file, "v3").id, new);
        assert_eq!(
            case_with(&file, "v2").articles,
            vec!["v2".to_string(), "v3".to_string()]
        );
    };
    check(&store);
    // The decision is in the log of both cases.
    for c in [&old, &new] {
        let log = store.audit_log(Some(c)).expect("log");
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "split_case");
        assert_eq!(log[0].note.as_deref(), Some("two prosecutions"));
    }

    // Re-ingest, a new article about Varga, a full rebuild: the split stays.
    ingest(&mut store, &three_linked_articles());
    check(&store);
    ingest(
        &mut store,
        &[art("v4", "2025-05-02")
            .person("Lina Varga", Some("reporter"), None)
            .event("release", Some("2025-05-01"), &["Lina Varga"], None)
            .build()],
    );
    check(&store);
    assert_eq!(case_with(&store.cases().expect("cases"), "v4").id, old);
    store.rebuild_cases().expect("rebuild");
    check(&store);
    let file = store.cases().expect("cases");
    assert_eq!(
        case_with(&file, "v1").articles,
        vec!["v1".to_string(), "v4".to_string()]
    );
    assert_eq!(file.cases.len(), 2);
}

#[test]
fn a_case_split_by_article_keeps_the_rest_together() {
    let (_d, mut store) = fresh();
    ingest(&mut store, &three_linked_articles());
    let old = store.cases().expect("cases").cases[0].id.clone();
    let log = store
        .review(
            &old,
            ReviewAction::SplitCase {
                articles: vec!["v3".into()],
                people: vec![],
            },
            "ana",
            None,
        )
        .expect("split");
    let new = log.after["new_case"].as_str().expect("new").to_string();
    assert_ne!(new, old);
    let file = store.cases().expect("cases");
    assert_eq!(case_with(&file, "v1").id, old);
    assert_eq!(case_with(&file, "v2").id, old);
    assert_eq!(case_with(&file, "v3").id, new);
    // Merging it back is a move of its articles into the old case.
    store
        .review(&old, ReviewAction::MergeCases { merge: new.clone() }, "ana", None)
        .expect("merge back");
    let file = store.cases().expect("cases");
    assert_eq!(file.cases.len(), 1);
    assert_eq!(case_with(&file, "v3").id, old);
}
