//! Matching beyond the basics on fictional records: folding rules across articles, scored joins and their reasons, organisation aliases and courts, reviewer overrides, link keys and stable id assignment.

use casewatch_model::{CaseFile, ExtractRecord};
use casewatch_reconcile::identity::{
    AttributeTest, Counters, KnownPerson, ParsedNames, PreviousIds, assign_ids, assign_ids_with,
};
use casewatch_reconcile::{MentionRef, Move, Overrides, Settings, Split, build_cases, link_keys, reconcile};
use serde_json::{Value, json};

/// A fictional article: people (name, occupation, affiliation), organisations, events.
fn art(
    id: &str,
    published: &str,
    people: &[(&str, Option<&str>, Option<&str>)],
    events: &[(&str, &str, &[&str])],
) -> ExtractRecord {
    art_orgs(id, published, people, &[], events, &[])
}

/// Like [`art`], with organisations (name, variants, kind) and event agents (event index → org name).
fn art_orgs(
    id: &str,
    published: &str,
    people: &[(&str, Option<&str>, Option<&str>)],
    orgs: &[(&str, &[&str], &str)],
    events: &[(&str, &str, &[&str])],
    agents: &[(usize, &str)],
) -> ExtractRecord {
    let people_v: Vec<Value> = people
        .iter()
        .enumerate()
        .map(|(i, (n, occ, aff))| {
            json!({"id": format!("p{}", i + 1), "name": n, "variants": [n], "occupation": occ,
                   "affiliation": aff, "former": aff.map(|_| false)})
        })
        .collect();
    let orgs_v: Vec<Value> = orgs
        .iter()
        .enumerate()
        .map(|(i, (n, v, k))| json!({"id": format!("o{}", i + 1), "name": n, "variants": v, "kind": k}))
        .collect();
    let ref_of = |name: &str| -> Value {
        if let Some(i) = people.iter().position(|p| p.0 == name) {
            return json!({"ref": format!("p{}", i + 1), "name": name});
        }
        if let Some(i) = orgs.iter().position(|o| o.0 == name) {
            return json!({"ref": format!("o{}", i + 1), "name": name});
        }
        json!({"ref": null, "name": null, "group": name})
    };
    let events_v: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(k, (ty, date, subjects))| {
            let precision = match date.len() {
                0 => Value::Null,
                4 => json!("year"),
                7 => json!("month"),
                _ => json!("day"),
            };
            let agent = agents.iter().find(|(i, _)| *i == k).map(|(_, n)| {
                let r = ref_of(n);
                json!({"ref": r["ref"], "name": n})
            });
            json!({"type": ty, "date": if date.is_empty() { Value::Null } else { json!(date) },
                   "date_precision": precision, "date_qualifier": null, "date_text": null,
                   "subjects": subjects.iter().map(|s| ref_of(s)).collect::<Vec<_>>(),
                   "agent": agent, "place": null, "status": "occurred", "attributed_to": null,
                   "detail": null, "evidence": {"start": k * 100, "end": k * 100 + 10, "sentence": format!("s{k}")}})
        })
        .collect();
    serde_json::from_value(json!({
        "article": {"id": id, "source": format!("{id}.txt"), "published": published, "title": null,
                    "language": "en", "sha256": "0".repeat(64)},
        "people": people_v, "organizations": orgs_v, "events": events_v, "charges": []
    }))
    .expect("valid record")
}

fn people_of(file: &CaseFile) -> Vec<Vec<String>> {
    file.cases
        .iter()
        .map(|c| c.people.iter().map(|p| p.name.clone()).collect())
        .collect()
}

// ---------------------------------------------------------------- folding across articles

#[test]
fn each_folding_rule_joins_articles_into_one_person() {
    let pairs = [
        ("Zhoomart Duulatov", "Zh. Duulatov"),             // initial
        ("Zhoomart Duulatov", "Жоомарт Дуулатов"),         // Cyrillic
        ("Joomart Duulatov", "Zhoomart Duulatov"),         // zh/j
        ("Rustam Aliev", "Rustam Aliyev"),                 // -iev/-yev
        ("Rustam Aliyiev", "Rustam Aliyev"),               // -yiev
        ("Farid Khalilov", "Farid Halilov"),               // kh/h
        ("Aleksandr Aleksandrov", "Alexander Alexandrov"), // ks/x and a given-name edit
        ("Nigar Məmmədova", "Nigar Mammadova"),            // Azerbaijani schwa, doubled letters
        ("Barış Yalçın", "Baris Yalcin"),                  // Turkish dotless i, cedilla
        ("Temirlan Sadyr uulu", "Temirlan Sadyr"),         // particle on one side
        ("Dmitriy Sokolov", "Dmitry Sokolov"),             // iy/y
    ];
    for (a, b) in pairs {
        let file = build_cases(
            &[
                art(
                    "a1",
                    "2025-01-02",
                    &[(a, None, None)],
                    &[("detention", "2025-01-01", &[a])],
                ),
                art(
                    "a2",
                    "2025-01-05",
                    &[(b, None, None)],
                    &[("charge", "2025-01-04", &[b])],
                ),
            ],
            &Settings::default(),
        );
        assert_eq!(file.cases.len(), 1, "{a} / {b}");
        assert_eq!(file.cases[0].people.len(), 1, "{a} / {b}");
    }
}

#[test]
fn people_who_must_stay_apart_do() {
    let pairs = [
        ("Ivan Petrov", "Olga Petrova"),                // -ov / -ova
        ("Aibek Toktogul uulu", "Aibek Toktogul kyzy"), // son of / daughter of
        ("Ivan Sidorov", "Igor Sidorov"),               // other given name
        ("Parviz Mirzoyev", "Davron Mirzoev"),
    ];
    for (a, b) in pairs {
        let file = build_cases(
            &[
                art(
                    "a1",
                    "2025-01-02",
                    &[(a, None, None)],
                    &[("detention", "2025-01-01", &[a])],
                ),
                art(
                    "a2",
                    "2025-01-05",
                    &[(b, None, None)],
                    &[("charge", "2025-01-04", &[b])],
                ),
            ],
            &Settings::default(),
        );
        assert_eq!(file.cases.len(), 2, "{a} / {b}");
    }
    // A brother and sister in one case stay two people.
    let file = build_cases(
        &[
            art(
                "a1",
                "2025-01-02",
                &[
                    ("Ivan Petrov", None, Some("Quay Post")),
                    ("Olga Petrova", None, Some("Quay Post")),
                ],
                &[("search", "2025-01-01", &["Ivan Petrov", "Olga Petrova"])],
            ),
            art(
                "a2",
                "2025-01-09",
                &[("Olga Petrova", None, None), ("Petrov", None, None)],
                &[("charge", "2025-01-08", &["Olga Petrova", "Petrov"])],
            ),
        ],
        &Settings::default(),
    );
    assert_eq!(people_of(&file), vec![vec!["Ivan Petrov", "Olga Petrova"]]);
    let ivan = &file.cases[0].people[0];
    assert_eq!(ivan.variants, vec!["Ivan Petrov", "Petrov"]);

    // A surname alone links articles only when the store-wide rule is on.
    let records = [
        art(
            "a1",
            "2025-01-02",
            &[("Olga Petrova", None, None)],
            &[("search", "2025-01-01", &["Olga Petrova"])],
        ),
        art(
            "a2",
            "2025-01-09",
            &[("Petrova", None, None)],
            &[("charge", "2025-01-08", &["Petrova"])],
        ),
    ];
    assert_eq!(build_cases(&records, &Settings::default()).cases.len(), 2);
    let on = Settings {
        link_by_surname_only: true,
        ..Settings::default()
    };
    assert_eq!(build_cases(&records, &on).cases.len(), 1);
}

/// The case of each article, as the ids of the articles of its case.
fn case_of(file: &CaseFile, article: &str) -> Vec<String> {
    file.cases
        .iter()
        .map(|c| c.articles.clone())
        .find(|ids| ids.iter().any(|id| id == article))
        .unwrap_or_default()
}

#[test]
fn many_reports_naming_no_outlet_join_the_first_of_many_namesakes() {
    // Forty prosecutions of forty journalists of one name, one outlet each,
    // five reports each; then sixty reports name the name without an
    // outlet. Each of those is refused by thirty-nine namesakes (the
    // clustering remembers which clusters it refused, rather than scoring
    // every such pair again): they all join the first.
    let mut records = Vec::new();
    for k in 0..40 {
        for r in 0..5 {
            let outlet = format!("Outlet{k} Daily");
            records.push(art(
                &format!("k{k:02}r{r}"),
                &format!("2024-{:02}-{:02}", 1 + k % 12, 1 + r),
                &[("Ivo Marten", Some("journalist"), Some(outlet.as_str()))],
                &[("detention", "2024-01-01", &["Ivo Marten"])],
            ));
        }
    }
    for n in 0..60 {
        records.push(art(
            &format!("z{n:02}"),
            "2025-06-01",
            &[("Ivo Marten", Some("journalist"), None)],
            &[("charge", "2025-05-30", &["Ivo Marten"])],
        ));
    }
    let file = build_cases(&records, &Settings::default());
    assert_eq!(file.cases.len(), 40, "{:?}", people_of(&file));
    // The first by rank: published 2024-01-01, the smallest id.
    let first = case_of(&file, "k00r0");
    assert_eq!(first.len(), 5 + 60, "{first:?}");
    assert!(
        first.iter().all(|a| a.starts_with("k00") || a.starts_with('z')),
        "{first:?}"
    );
    assert_eq!(case_of(&file, "k01r0").len(), 5);
}

#[test]
fn a_report_naming_no_outlet_does_not_chain_namesakes_of_two_outlets_into_one_case() {
    // Two prosecutions of two journalists of one name, kept apart by their
    // outlets; a later report names the name without an outlet.
    let quay = art(
        "n1",
        "2025-01-02",
        &[("Ivo Marten", Some("journalist"), Some("Quay Post"))],
        &[("detention", "2025-01-01", &["Ivo Marten"])],
    );
    let harbor = art(
        "n2",
        "2025-02-03",
        &[("Ivo Marten", Some("journalist"), Some("Harbor Light"))],
        &[("detention", "2025-02-01", &["Ivo Marten"])],
    );
    let bare = |id: &str, published: &str| {
        art(
            id,
            published,
            &[("Ivo Marten", Some("journalist"), None)],
            &[("charge", "2025-03-01", &["Ivo Marten"])],
        )
    };
    let file = build_cases(
        &[quay.clone(), harbor.clone(), bare("n3", "2025-03-04")],
        &Settings::default(),
    );
    assert_eq!(file.cases.len(), 2, "{:?}", people_of(&file));
    // The report naming no outlet joins the first namesake in the
    // clustering's order (article rank), never both.
    assert_eq!(case_of(&file, "n3"), ["n1", "n3"]);
    assert_eq!(case_of(&file, "n2"), ["n2"]);
    // Earlier than both, and with a second such report: still two cases.
    let file = build_cases(
        &[quay, harbor, bare("n0", "2024-12-30"), bare("n4", "2025-04-01")],
        &Settings::default(),
    );
    assert_eq!(file.cases.len(), 2, "{:?}", people_of(&file));
    assert_eq!(case_of(&file, "n2"), ["n2"]);
    // A name within another's letters but not its words ("Ray", "Gray
    // Times") is another outlet.
    let with = |id: &str, published: &str, outlet: &str| {
        art(
            id,
            published,
            &[("Ivo Marten", Some("journalist"), Some(outlet))],
            &[("detention", published, &["Ivo Marten"])],
        )
    };
    let file = build_cases(
        &[with("r1", "2025-01-02", "Ray"), with("r2", "2025-02-02", "Gray Times")],
        &Settings::default(),
    );
    assert_eq!(file.cases.len(), 2);
}

#[test]
fn one_defendant_reported_with_two_outlets_stays_one_person_in_a_case() {
    // Inside a case, two reports of one defendant that disagree on the
    // outlet compare the two affiliations directly (same role and act
    // outweigh them); a third report naming no outlet does not split them.
    let records = [
        art(
            "d1",
            "2025-01-02",
            &[("Ivo Marten", None, None), ("Lene Oster", None, Some("Quay Post"))],
            &[("detention", "2025-01-01", &["Ivo Marten", "Lene Oster"])],
        ),
        art(
            "d2",
            "2025-01-03",
            &[
                ("Ivo Marten", None, Some("Quay Post")),
                ("Lene Oster", None, Some("Quay Post")),
            ],
            &[("detention", "2025-01-01", &["Ivo Marten", "Lene Oster"])],
        ),
        art(
            "d3",
            "2025-01-04",
            &[
                ("Ivo Marten", None, Some("Harbor Light")),
                ("Lene Oster", None, Some("Quay Post")),
            ],
            &[("detention", "2025-01-01", &["Ivo Marten", "Lene Oster"])],
        ),
    ];
    let file = build_cases(&records, &Settings::default());
    assert_eq!(file.cases.len(), 1);
    assert_eq!(people_of(&file)[0].len(), 2, "{:?}", people_of(&file));
}

#[test]
fn an_initial_with_a_disagreeing_affiliation_stays_apart_and_the_threshold_is_a_setting() {
    let records = [
        art(
            "a1",
            "2025-01-02",
            &[("Zhoomart Duulatov", Some("journalist"), Some("Kloop"))],
            &[("detention", "2025-01-01", &["Zhoomart Duulatov"])],
        ),
        art(
            "a2",
            "2025-01-05",
            &[("Zh. Duulatov", Some("lawyer"), Some("Bishkek Bar"))],
            &[("charge", "2025-01-04", &["Zh. Duulatov"])],
        ),
    ];
    assert_eq!(build_cases(&records, &Settings::default()).cases.len(), 2);
    let lenient = Settings {
        person_match_threshold: 0.1,
        ..Settings::default()
    };
    assert_eq!(build_cases(&records, &lenient).cases.len(), 1);
    let strict = Settings {
        person_match_threshold: 1.01,
        ..Settings::default()
    };
    let same_name = [
        art(
            "a1",
            "2025-01-02",
            &[("Dana Okafor", None, None)],
            &[("detention", "2025-01-01", &["Dana Okafor"])],
        ),
        art(
            "a2",
            "2025-01-05",
            &[("Dana Okafor", None, None)],
            &[("charge", "2025-01-04", &["Dana Okafor"])],
        ),
    ];
    assert_eq!(build_cases(&same_name, &strict).cases.len(), 2);
}

#[test]
fn every_join_records_its_rule_and_score() {
    let rec = reconcile(
        &[
            art(
                "a1",
                "2025-01-02",
                &[("Zhoomart Duulatov", None, Some("Kloop"))],
                &[("detention", "2025-01-01", &["Zhoomart Duulatov"])],
            ),
            art(
                "a2",
                "2025-01-05",
                &[("Zh. Duulatov", None, Some("Kloop"))],
                &[("charge", "2025-01-04", &["Zh. Duulatov"])],
            ),
            art(
                "a3",
                "2025-01-07",
                &[("Жоомарт Дуулатов", None, None)],
                &[("hearing", "2025-01-06", &["Жоомарт Дуулатов"])],
            ),
        ],
        &Settings::default(),
        &Overrides::default(),
    );
    let links = &rec.provenance[0].person_links[0];
    let rules: Vec<&str> = links.iter().map(|l| l.rule.as_str()).collect();
    assert_eq!(rules.len(), 2);
    assert!(
        rules.contains(&"initial") && rules.contains(&"same_folded_name"),
        "{rules:?}"
    );
    let initial = links.iter().find(|l| l.rule == "initial").expect("initial join");
    // 0.75 for an initial + 0.05 for the agreeing affiliation + 0.2 for the
    // same role in one case (both defendants).
    assert!((initial.score - 1.0).abs() < 1e-9, "{}", initial.score);
    assert_eq!(rec.provenance[0].people[0].len(), 3);
}

// ---------------------------------------------------------------- organisations

#[test]
fn organisation_aliases_and_courts_are_one_organisation() {
    let file = build_cases(
        &[
            art_orgs(
                "a1",
                "2025-01-02",
                &[("Dana Okafor", None, None)],
                &[
                    ("Pervomaisky District Court of Bishkek", &[], "court"),
                    ("State Committee for National Security", &[], "security_agency"),
                ],
                &[
                    ("detention", "2025-01-01", &["Dana Okafor"]),
                    ("pretrial_detention", "2025-01-02", &["Dana Okafor"]),
                ],
                &[
                    (0, "State Committee for National Security"),
                    (1, "Pervomaisky District Court of Bishkek"),
                ],
            ),
            art_orgs(
                "a2",
                "2025-01-05",
                &[("Dana Okafor", None, None)],
                &[
                    ("Pervomaisky district court", &[], "court"),
                    ("SCNS", &[], "security_agency"),
                    ("ГКНБ", &["GKNB"], "security_agency"),
                ],
                &[
                    ("detention", "2025-01-01", &["Dana Okafor"]),
                    ("pretrial_detention", "2025-01-02", &["Dana Okafor"]),
                ],
                &[(0, "SCNS"), (1, "Pervomaisky district court")],
            ),
        ],
        &Settings::default(),
    );
    let case = &file.cases[0];
    let names: Vec<&str> = case.organizations.iter().map(|o| o.name.as_str()).collect();
    // The court and SCNS each become one; ГКНБ/GKNB is the same agency only by lexicon aliases
    // (absent here), so it stays separate.
    assert_eq!(names.len(), 3, "{names:?}");
    let court = case
        .organizations
        .iter()
        .find(|o| o.kind.as_str() == "court")
        .expect("court");
    assert_eq!(court.variants.len(), 1);
    // Both reports of each event merged, with one agent.
    assert_eq!(case.events.len(), 2);
    for e in &case.events {
        assert_eq!(e.sources.len(), 2);
        assert!(e.agent.as_ref().and_then(|a| a.reference.clone()).is_some());
    }
}

// ---------------------------------------------------------------- reviewer overrides

#[test]
fn overrides_merge_split_and_move() {
    let records = [
        art(
            "a1",
            "2025-01-02",
            &[("Nurlan Ermekov", None, None)],
            &[("detention", "2025-01-01", &["Nurlan Ermekov"])],
        ),
        art(
            "a2",
            "2025-01-03",
            &[("Ermek Nurlanuly", None, None)],
            &[("detention", "2025-01-01", &["Ermek Nurlanuly"])],
        ),
        art(
            "a3",
            "2025-01-04",
            &[("Ruslan Bekov", None, None)],
            &[("search", "2025-01-03", &["Ruslan Bekov"])],
        ),
        art(
            "a4",
            "2025-01-05",
            &[("R. Bekov", None, None)],
            &[("charge", "2025-01-04", &["R. Bekov"])],
        ),
    ];
    let plain = build_cases(&records, &Settings::default());
    assert_eq!(plain.cases.len(), 3);
    let m = |a: &str, p: &str| MentionRef {
        article: a.into(),
        person: p.into(),
    };
    let ov = Overrides {
        merges: vec![vec![m("a1", "p1"), m("a2", "p1")]],
        splits: vec![Split {
            anchors: vec![m("a3", "p1"), m("a4", "p1")],
            variants: vec!["R. Bekov".into()],
        }],
        moves: vec![],
    };
    let rec = reconcile(&records, &Settings::default(), &ov);
    let arts: Vec<Vec<String>> = rec.file.cases.iter().map(|c| c.articles.clone()).collect();
    assert_eq!(arts, vec![vec!["a1", "a2"], vec!["a3"], vec!["a4"]]);
    assert_eq!(rec.file.cases[0].people.len(), 1);
    assert_eq!(
        rec.file.cases[0].events.len(),
        1,
        "the merged person's two detentions are one entry"
    );
    assert_eq!(rec.provenance[0].person_links[0][0].rule, "reviewer_merge");

    let ov = Overrides {
        moves: vec![Move {
            article: "a4".into(),
            anchors: vec!["a1".into()],
        }],
        ..Overrides::default()
    };
    let rec = reconcile(&records, &Settings::default(), &ov);
    let arts: Vec<Vec<String>> = rec.file.cases.iter().map(|c| c.articles.clone()).collect();
    assert_eq!(arts, vec![vec!["a1", "a4"], vec!["a2"], vec!["a3"]]);
    assert_eq!(ov.articles().len(), 2);
}

// ---------------------------------------------------------------- link keys and ids

#[test]
fn link_keys_name_surname_blocks_and_outlet_charges() {
    let mut rec = art(
        "a1",
        "2025-01-02",
        &[("Dana Okafor", None, Some("Harbor Light")), ("Varga", None, None)],
        &[("detention", "2025-01-01", &["Dana Okafor", "Varga"])],
    );
    rec.charges.push(casewatch_model::Charge {
        label: "Tax evasion".into(),
        article: None,
        subjects: vec![],
    });
    // With the default settings, no outlet-and-charge key: that rule is off.
    let summary = |keys: &[casewatch_reconcile::LinkKey]| -> Vec<(String, bool, Vec<String>)> {
        keys.iter()
            .map(|k| {
                (
                    k.key.clone(),
                    k.exhaustive,
                    k.mentions.iter().map(|m| m.name.clone()).collect(),
                )
            })
            .collect()
    };
    let people = vec![
        ("person:okafor".to_string(), false, vec!["Dana Okafor".to_string()]),
        ("person:varga".to_string(), true, vec![]),
    ];
    assert_eq!(summary(&link_keys(&rec, &Settings::default())), people);
    let on = Settings {
        link_by_outlet_and_charge: true,
        ..Settings::default()
    };
    // With the rule on, one key per (outlet, charge) besides.
    let keys = link_keys(&rec, &on);
    let mut expected = vec![("outlet:harbor light|tax evasion".to_string(), false, vec![])];
    expected.extend(people);
    assert_eq!(summary(&keys), expected);
    assert_eq!(keys[1].context, vec!["okafor", "varga"]);
    assert_eq!(keys[1].mentions[0].affiliation.as_deref(), Some("Harbor Light"));
    // The same name at another outlet cannot join; at the same outlet it can.
    let settings = Settings::default();
    let other = casewatch_reconcile::LinkMention {
        name: "D. Okafor".into(),
        occupation: None,
        affiliation: Some("Quay Post".into()),
    };
    assert!(!casewatch_reconcile::mentions_may_join(
        &keys[1].mentions[0],
        &keys[1].context,
        &other,
        &[],
        &settings
    ));
    let same = casewatch_reconcile::LinkMention {
        affiliation: Some("Harbor Light".into()),
        ..other
    };
    assert!(casewatch_reconcile::mentions_may_join(
        &keys[1].mentions[0],
        &keys[1].context,
        &same,
        &[],
        &settings
    ));
}

#[test]
fn ids_follow_their_keys_and_a_person_in_two_cases_shares_one() {
    let records = vec![
        art(
            "a1",
            "2025-01-02",
            &[("Dana Okafor", None, None), ("Konstantin Ilves", Some("lawyer"), None)],
            &[("detention", "2025-01-01", &["Dana Okafor"])],
        ),
        art(
            "b1",
            "2025-02-02",
            &[("Pavlo Dorn", None, None), ("Konstantin Ilves", Some("lawyer"), None)],
            &[("detention", "2025-02-01", &["Pavlo Dorn"])],
        ),
    ];
    let settings = Settings::default();
    let mut first = reconcile(&records, &settings, &Overrides::default());
    let mut counters = Counters::default();
    assign_ids(&mut first, &PreviousIds::default(), &mut counters, &settings);
    let lawyer = |f: &CaseFile, c: usize| {
        f.cases[c]
            .people
            .iter()
            .find(|p| p.name == "Konstantin Ilves")
            .expect("lawyer")
            .id
            .clone()
    };
    assert_eq!(lawyer(&first.file, 0), lawyer(&first.file, 1));
    assert_eq!(counters.case, 2);

    // Rebuild with the previous ids and a new, earlier article in the first case.
    let mut prev = PreviousIds::default();
    for (case, p) in first.file.cases.iter().zip(&first.provenance) {
        for a in &case.articles {
            prev.case_of_article.insert(a.clone(), case.id.clone());
        }
        for (person, ms) in case.people.iter().zip(&p.people) {
            for m in ms {
                prev.person_of_mention.insert(m.clone(), person.id.clone());
            }
        }
        for (e, keys) in case.events.iter().zip(&p.events) {
            for k in keys {
                prev.entry_of_assertion.insert(k.clone(), e.id.clone());
            }
        }
    }
    let mut more = records.clone();
    more.push(art(
        "a0",
        "2024-12-30",
        &[("Dana Okafor", None, None)],
        &[("detention", "2025-01-01", &["Dana Okafor"])],
    ));
    let mut second = reconcile(&more, &settings, &Overrides::default());
    assign_ids(&mut second, &prev, &mut counters, &settings);
    let ids = |f: &CaseFile| -> Vec<(String, Vec<String>, Vec<String>)> {
        f.cases
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.people.iter().map(|p| p.id.clone()).collect(),
                    c.events.iter().map(|e| e.id.clone()).collect(),
                )
            })
            .collect()
    };
    assert_eq!(ids(&second.file), ids(&first.file));
    assert_eq!(second.file.cases[0].events[0].sources.len(), 2);

    // A person only known from a case that is not rebuilt lends its id.
    let mut alone = reconcile(&records[1..], &settings, &Overrides::default());
    let known = PreviousIds {
        known_people: vec![KnownPerson {
            id: "P77".into(),
            case: "c9".into(),
            name: "Konstantin Ilves".into(),
            occupation: Some("lawyer".into()),
            affiliation: None,
        }],
        ..PreviousIds::default()
    };
    assign_ids(&mut alone, &known, &mut Counters::default(), &settings);
    assert_eq!(lawyer(&alone.file, 0), "P77");
}

#[test]
fn a_new_person_takes_the_id_of_the_first_namesake_whose_outlet_agrees_and_only_those_are_read() {
    let records = vec![art(
        "q1",
        "2025-03-02",
        &[("Ivo Marten", Some("journalist"), Some("Quill Pulse"))],
        &[("detention", "2025-03-01", &["Ivo Marten"])],
    )];
    let settings = Settings::default();
    let person = |id: &str, case: &str, affiliation: &str| KnownPerson {
        id: id.into(),
        case: case.into(),
        name: "Ivo Marten".into(),
        occupation: Some("journalist".into()),
        affiliation: Some(affiliation.into()),
    };
    // In (case, id) order: a namesake of another outlet first, then two of his.
    let known = [
        person("P70", "c2", "Radio Tundra"),
        person("P71", "c3", "Quill Pulse"),
        person("P72", "c4", "the Quill Pulse"),
    ];
    // The id given, and the people the look-up returned, when it applies the
    // attribute test or not (returning more is harmless).
    let run = |apply: bool| -> (String, Vec<String>) {
        let mut rec = reconcile(&records, &settings, &Overrides::default());
        let mut returned = Vec::new();
        assign_ids_with(
            &mut rec,
            &PreviousIds::default(),
            &mut Counters::default(),
            &settings,
            &mut ParsedNames::default(),
            &mut |_block: &str, _query: &str, wanted: &mut dyn FnMut(&str) -> bool, fits: &mut AttributeTest<'_>| {
                let out: Vec<KnownPerson> = known
                    .iter()
                    .filter(|k| wanted(&k.name) && (!apply || fits(k.occupation.as_deref(), k.affiliation.as_deref())))
                    .cloned()
                    .collect();
                returned.extend(out.iter().map(|k| k.id.clone()));
                out
            },
        );
        (rec.file.cases[0].people[0].id.clone(), returned)
    };
    assert_eq!(
        run(true),
        ("P71".to_string(), vec!["P71".to_string(), "P72".to_string()])
    );
    assert_eq!(run(false).0, "P71");
}

#[test]
fn a_listed_outlet_rules_out_only_mentions_that_could_never_join() {
    use casewatch_reconcile::{LinkMention, PreparedMention, fold_attribute};
    let names = ["Dana Okafor", "D. Okafor", "Dana Okafora", "Dana Adaeze Okafor"];
    let occupations = [None, Some("reporter"), Some("camera operator")];
    let outlets = [None, Some("Harbor Light"), Some("Harbor Light TV"), Some("Quay Post")];
    let contexts: [&[&str]; 3] = [&["okafor"], &["okafor", "varga"], &["okafor", "ilves"]];
    let mut mentions: Vec<(PreparedMention, Vec<String>)> = Vec::new();
    for name in names {
        for occupation in occupations {
            for outlet in outlets {
                for context in contexts {
                    let context: Vec<String> = context.iter().map(|c| c.to_string()).collect();
                    let m = LinkMention {
                        name: name.into(),
                        occupation: occupation.map(Into::into),
                        affiliation: outlet.map(Into::into),
                    };
                    mentions.push((m.prepare(&context), context));
                }
            }
        }
    }
    let lenient = Settings {
        affiliation_disagree_penalty: 0.3,
        attribute_agree_bonus: -0.05,
        ..Settings::default()
    };
    // (an agreeing occupation decides: 1.0 + 0.05 + 0.1 − 0.5 reaches it,
    // 1.0 + 0.1 − 0.5 does not)
    let strict = Settings {
        person_match_threshold: 0.62,
        ..Settings::default()
    };
    let (mut joined, mut ruled_out) = (0, 0);
    for settings in [Settings::default(), lenient, strict] {
        for (a, _) in &mentions {
            for (b, b_context) in &mentions {
                let Some(base) = a.name_match(b, &settings) else {
                    continue;
                };
                let co_named = a.co_names().any(|s| b_context.iter().any(|c| c == s));
                let listed = a.may_join_listed(base, b.affiliation(), Some(co_named), &settings);
                let unknown = a.may_join_listed(base, b.affiliation(), None, &settings);
                if a.may_join_with(b, base, &settings) {
                    joined += 1;
                    assert!(listed && unknown, "{} / {}", a.text(), b.text());
                }
                ruled_out += usize::from(!listed);
            }
        }
    }
    assert!(
        joined > 1000 && ruled_out > 1000,
        "{joined} joined, {ruled_out} ruled out"
    );
    // With the defaults another outlet is ruled out unless the names fold
    // alike and the articles are co-named.
    let settings = Settings::default();
    let reporter = |name: &str, outlet: &str, context: &[&str]| {
        let context: Vec<String> = context.iter().map(|c| c.to_string()).collect();
        LinkMention {
            name: name.into(),
            occupation: Some("reporter".into()),
            affiliation: Some(outlet.into()),
        }
        .prepare(&context)
    };
    let a = reporter("Dana Okafor", "Harbor Light", &["okafor", "varga"]);
    let quay = fold_attribute("Quay Post");
    assert!(!a.may_join_listed(1.0, quay.as_deref(), Some(false), &settings));
    assert!(a.may_join_listed(1.0, quay.as_deref(), Some(true), &settings));
    assert!(a.may_join_listed(1.0, quay.as_deref(), None, &settings));
    assert!(!a.may_join_listed(0.9, quay.as_deref(), None, &settings));
    assert!(a.may_join_listed(
        0.9,
        fold_attribute("Harbor Light TV").as_deref(),
        Some(false),
        &settings
    ));
    assert_eq!(a.co_names().collect::<Vec<_>>(), ["varga"]);
}

#[test]
fn a_name_parsed_through_the_memo_of_its_words_is_parsed_as_alone() {
    use casewatch_reconcile::identity::ParsedNames;
    use casewatch_reconcile::names::Name;
    let given = [
        "Zhyldyz",
        "Жылдыз",
        "Me Kanat",
        "Aibek Tursun",
        "Z.",
        "Chung",
        "Ivo-Pui",
    ];
    let surnames = [
        "Kasymaliyeva",
        "Касымалиева",
        "Abdel-Sattar",
        "Toktogul uulu",
        "Pui-kuen",
        "Osmonov",
    ];
    let mut parsed = ParsedNames::default();
    let mut names = 0;
    // (every word recurs across names, so most are folded from the memo)
    for round in 0..2 {
        for g in given {
            for s in surnames {
                let text = if round == 0 {
                    format!("{g} {s}")
                } else {
                    format!("{s} {g}")
                };
                assert_eq!(parsed.name(&text), &Name::parse(&text), "{text:?}");
                names += 1;
            }
        }
    }
    assert_eq!(names, 84);
    for raw in ["Radio Tundra", "RADIO  tundra!", "—", "Радио Тундра"] {
        assert_eq!(
            parsed.attribute(raw).map(str::to_string),
            casewatch_reconcile::fold_attribute(raw),
            "{raw:?}"
        );
    }
    assert_eq!(parsed.attribute("—"), None);
}
