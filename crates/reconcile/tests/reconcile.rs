//! Behaviour of `build_cases` on small fictional records: case clustering, people across spellings, timeline merging, conflicts, ordering and determinism.

use casewatch_model::{ExtractRecord, Role, Status};
use casewatch_reconcile::{Settings, build_cases};

mod common;
use common::*;

// ---------------------------------------------------------------- cases

#[test]
fn shared_person_across_spellings_joins_articles() {
    let file = cases(vec![
        article("a1", "2025-02-06")
            .person("Zhanar Beisenova", Some("reporter"), Some("Steppe Wire"))
            .event(ev("detention", Some("2025-02-04"), &["Zhanar Beisenova"])),
        article("a2", "2025-03-01")
            .person("Janar Beysenova", Some("reporter"), None)
            .event(ev("sentence", Some("2025-02-28"), &["Janar Beysenova"])),
        article("a3", "2025-03-02")
            .person("Жанар Бейсенова", None, None)
            .event(ev("appeal", None, &["Жанар Бейсенова"])),
    ]);
    assert_eq!(articles_of(&file), vec![vec!["a1", "a2", "a3"]]);
    let case = &file.cases[0];
    assert_eq!(case.people.len(), 1);
    assert_eq!(case.people[0].name, "Zhanar Beisenova");
    assert_eq!(
        case.people[0].variants,
        vec!["Janar Beysenova", "Zhanar Beisenova", "Жанар Бейсенова"]
    );
    assert_eq!(case.people[0].role, Role::Defendant);
    assert_eq!(case.people[0].affiliation.as_deref(), Some("Steppe Wire"));
}

#[test]
fn staff_of_one_outlet_charged_alike_stay_apart_unless_the_setting_joins_them() {
    let records = || {
        vec![
            article("a1", "2024-05-01")
                .person("Dana Okafor", Some("camera operator"), Some("Northwind Media"))
                .charge("Calls for mass unrest", &["Dana Okafor"])
                .event(ev("detention", Some("2024-04-29"), &["Dana Okafor"])),
            article("a2", "2024-05-03")
                .person("Tomas Reyes-Vidal", Some("editor"), Some("Northwind Media"))
                .charge("calls for mass unrest", &["Tomas Reyes-Vidal"])
                .event(ev("detention", Some("2024-05-02"), &["Tomas Reyes-Vidal"])),
            article("a3", "2024-05-04")
                .person("Mirela Stan", Some("editor"), Some("Northwind Media"))
                .charge("tax evasion", &["Mirela Stan"])
                .event(ev("detention", Some("2024-05-02"), &["Mirela Stan"])),
        ]
    };
    // Defendant sets {Okafor}, {Reyes-Vidal}, {Stan} do not overlap: three prosecutions.
    let file = cases(records());
    assert_eq!(articles_of(&file), vec![vec!["a1"], vec!["a2"], vec!["a3"]]);
    let on = Settings {
        link_by_outlet_and_charge: true,
        ..Settings::default()
    };
    let file = cases_with(records(), &on);
    assert_eq!(articles_of(&file), vec![vec!["a1", "a2"], vec!["a3"]]);
    assert_eq!(file.cases[0].title, "Northwind Media case");
    assert_eq!(file.cases[0].charges.len(), 1);
    assert_eq!(file.cases[0].charges[0].subjects, vec!["P1", "P2"]);
}

#[test]
fn a_prosecuted_outlet_links_its_articles_and_names_the_case() {
    let file = cases(vec![
        article("a1", "2024-05-01")
            .org("Harbor Light", "media_outlet")
            .event(ev("website_block", Some("2024-04-29"), &["Harbor Light"])),
        article("a2", "2024-06-03")
            .org("Harbor Light", "media_outlet")
            .person("Ines Morrow", Some("spokesperson"), Some("Media Ministry"))
            .event(ev("liquidation", Some("2024-06-02"), &["Harbor Light"])),
        article("a3", "2024-06-04")
            .org("Harbor Light", "media_outlet")
            .event(ev("search", Some("2024-06-01"), &["Harbor Light"]).status("denied")),
    ]);
    // a3 reports no legal event that happened to the outlet: no case of its own, none joined.
    assert_eq!(articles_of(&file), vec![vec!["a1", "a2"]]);
    assert_eq!(file.cases[0].title, "Harbor Light case");
}

#[test]
fn unrelated_articles_and_gendered_surnames_stay_apart() {
    let file = cases(vec![
        article("a1", "2024-01-10")
            .person("Ivan Petrov", None, Some("Harbor Light"))
            .event(ev("detention", Some("2024-01-09"), &["Ivan Petrov"])),
        article("a2", "2024-01-11")
            .person("Olga Petrova", None, Some("Quay Post"))
            .event(ev("detention", Some("2024-01-09"), &["Olga Petrova"])),
        article("a3", "2024-01-12")
            .person("Aibek Toktogul uulu", None, None)
            .event(ev("detention", Some("2024-01-09"), &["Aibek Toktogul uulu"])),
        article("a4", "2024-01-13")
            .person("Aibek Toktogul kyzy", None, None)
            .event(ev("detention", Some("2024-01-09"), &["Aibek Toktogul kyzy"])),
        article("a5", "2024-01-14")
            .person("Rustam Nurlanov", None, None)
            .event(ev("detention", Some("2024-01-09"), &["Rustam Nurlanov"])),
        article("a6", "2024-01-15")
            .person("Daulet Nurlanov", None, None)
            .event(ev("detention", Some("2024-01-09"), &["Daulet Nurlanov"])),
    ]);
    assert_eq!(file.cases.len(), 6);
}

#[test]
fn articles_without_a_legal_event_about_a_named_defendant_form_no_case() {
    let file = cases(vec![
        // People but no event.
        article("a1", "2024-01-10").person("Nalani Brooks", Some("reporter"), None),
        // Nothing at all.
        article("a2", "2024-01-11"),
        // Questioning makes a witness, not a defendant.
        article("a3", "2024-01-12").person("Corin Vale", None, None).event(ev(
            "questioning",
            Some("2024-01-11"),
            &["Corin Vale"],
        )),
        // A detention of an unnamed group.
        article("a4", "2024-01-13").event(ev("detention", Some("2024-01-12"), &[])),
        // A denied detention.
        article("a5", "2024-01-14")
            .person("Oren Falk", None, None)
            .event(ev("detention", Some("2024-01-13"), &["Oren Falk"]).status("denied")),
    ]);
    assert!(file.cases.is_empty(), "{:?}", articles_of(&file));
    // A planned hearing is about a defendant: it makes a case.
    let file =
        cases(vec![article("a6", "2024-01-15").person("Oren Falk", None, None).event(
            ev("hearing", Some("2024-02-01"), &["Oren Falk"]).status("not_occurred"),
        )]);
    assert_eq!(articles_of(&file), vec![vec!["a6"]]);
    assert_eq!(file.cases[0].title, "Oren Falk case");
}

// ---------------------------------------------------------------- people in a case

#[test]
fn people_of_a_case_unify_initials_particles_and_surname_variants() {
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person_with_variants(
                "Temirbek Aldash uulu",
                &["Temirbek Aldash uulu", "Aldash uulu"],
                Some("journalist"),
                Some("Tundra Post"),
            )
            .person("Nargiza Mammadova", Some("reporter"), Some("Tundra Post"))
            .person("Katsiaryna Lushchyk", Some("reporter"), Some("Tundra Post"))
            .person("Bolot Kenzhebaev", Some("lawyer"), None)
            .event(ev(
                "detention",
                Some("2025-01-08"),
                &["Temirbek Aldash uulu", "Nargiza Mammadova", "Katsiaryna Lushchyk"],
            )),
        article("a2", "2025-02-10")
            .person("Temirbek Aldash", Some("journalist"), Some("Tundra Post"))
            .person("Nargiza Mamedova", Some("reporter"), Some("Tundra Post"))
            .person("Katerina Lushchyk", Some("reporter"), None)
            .person("B. Kenjebaev", Some("lawyer"), None)
            .event(ev(
                "detention",
                Some("2025-01-08"),
                &["Temirbek Aldash", "Nargiza Mamedova", "Katerina Lushchyk"],
            )),
    ]);
    assert_eq!(file.cases.len(), 1);
    let case = &file.cases[0];
    let names: Vec<(&str, Role)> = case.people.iter().map(|p| (p.name.as_str(), p.role)).collect();
    assert_eq!(
        names,
        vec![
            ("Temirbek Aldash uulu", Role::Defendant),
            ("Nargiza Mammadova", Role::Defendant),
            ("Katsiaryna Lushchyk", Role::Defendant),
            ("Bolot Kenzhebaev", Role::Lawyer),
        ]
    );
    let detention = entries(case, "detention");
    assert_eq!(detention.len(), 1);
    assert_eq!(source_articles(detention[0]), vec!["a1", "a2"]);
    assert_eq!(case.title, "Tundra Post case");
}

#[test]
fn two_people_of_one_article_never_merge() {
    // Same surname, given names one edit apart, both named in one article: two people.
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person("Marat Aliev", None, None)
            .person("Murat Aliev", None, None)
            .event(ev("detention", Some("2025-01-08"), &["Marat Aliev", "Murat Aliev"])),
    ]);
    assert_eq!(file.cases[0].people.len(), 2);
}

// ---------------------------------------------------------------- timeline merge

#[test]
fn one_event_from_two_articles_is_one_entry_with_two_sources() {
    let file = cases(vec![
        article("a1", "2025-02-06")
            .person("Dana Okafor", None, None)
            .event(ev("detention", Some("2025-02-04"), &["Dana Okafor"]).detail("at her flat")),
        article("a2", "2025-02-09")
            .person("Dana Okafor", None, None)
            .event(ev("detention", Some("2025-02-04"), &["Dana Okafor"]).detail("at her flat")),
    ]);
    let d = entries(&file.cases[0], "detention");
    assert_eq!(d.len(), 1);
    assert_eq!(source_articles(d[0]), vec!["a1", "a2"]);
    assert!(d[0].conflicts.is_empty());
}

#[test]
fn detentions_in_may_and_october_stay_apart() {
    let file = cases(vec![
        article("a1", "2025-06-01").person("Dana Okafor", None, None).event(ev(
            "detention",
            Some("2025-05-12"),
            &["Dana Okafor"],
        )),
        article("a2", "2025-10-20")
            .person("Dana Okafor", None, None)
            .event(ev("detention", Some("2025-10"), &["Dana Okafor"]))
            .event(ev("detention", Some("2025-05"), &["Dana Okafor"])),
    ]);
    let d = entries(&file.cases[0], "detention");
    let dates: Vec<String> = d.iter().map(|e| e.date.display()).collect();
    assert_eq!(dates, vec!["2025-05-12", "2025-10"]);
    assert_eq!(source_articles(d[0]), vec!["a1", "a2"]);
}

#[test]
fn undated_report_joins_the_dated_event_and_late_may_joins_may_28() {
    let file = cases(vec![
        article("a1", "2025-09-17")
            .person("Dana Okafor", None, None)
            .event(ev("detention", Some("2025-05"), &["Dana Okafor"]).qualifier("late")),
        article("a2", "2025-06-02").person("Dana Okafor", None, None).event(ev(
            "detention",
            Some("2025-05-28"),
            &["Dana Okafor"],
        )),
        article("a3", "2025-07-01")
            .person("Dana Okafor", None, None)
            .event(ev("detention", None, &["Dana Okafor"])),
    ]);
    let d = entries(&file.cases[0], "detention");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].date.display(), "2025-05-28");
    assert_eq!(source_articles(d[0]), vec!["a2", "a3", "a1"]);
}

#[test]
fn early_and_late_of_one_month_stay_apart() {
    let file = cases(vec![
        article("a1", "2025-09-17")
            .person("Dana Okafor", None, None)
            .event(ev("search", Some("2025-05"), &["Dana Okafor"]).qualifier("late"))
            .event(ev("search", Some("2025-05-03"), &["Dana Okafor"])),
    ]);
    assert_eq!(entries(&file.cases[0], "search").len(), 2);
}

#[test]
fn undated_report_does_not_join_an_event_after_its_publication() {
    let file = cases(vec![
        article("a1", "2024-10-17")
            .person("Dana Okafor", None, None)
            .event(ev("seizure", None, &["Dana Okafor"]).detail("cameras, a drone, a laptop")),
        article("a2", "2025-03-14")
            .person("Dana Okafor", None, None)
            .event(
                ev("seizure", Some("2025-03-13"), &["Dana Okafor"])
                    .detail("confiscation of the cameras, drone and laptop ordered"),
            )
            .event(ev("seizure", Some("2024-10"), &["Dana Okafor"]).detail("phones seized")),
    ]);
    let s = entries(&file.cases[0], "seizure");
    assert_eq!(s.len(), 2);
    assert_eq!(source_articles(s[0]), vec!["a1", "a2"]);
    assert_eq!(s[0].date.display(), "2024-10");
}

#[test]
fn not_occurred_never_merges_with_occurred() {
    let file = cases(vec![
        article("a1", "2025-02-08").person("Dana Okafor", None, None).event(
            ev("house_arrest", Some("2025-02-07"), &["Dana Okafor"])
                .status("not_occurred")
                .detail("requested; rejected"),
        ),
        article("a2", "2025-04-01").person("Dana Okafor", None, None).event(ev(
            "house_arrest",
            Some("2025-02-07"),
            &["Dana Okafor"],
        )),
    ]);
    let h = entries(&file.cases[0], "house_arrest");
    assert_eq!(h.len(), 2);
}

#[test]
fn a_plan_that_came_true_joins_the_event() {
    let file = cases(vec![
        article("a1", "2025-02-06").person("Dana Okafor", None, None).event(
            ev("hearing", Some("2025-02-07"), &["Dana Okafor"])
                .status("not_occurred")
                .detail("set for Friday"),
        ),
        article("a2", "2025-02-08")
            .person("Dana Okafor", None, None)
            .event(ev("hearing", Some("2025-02-07"), &["Dana Okafor"]).detail("she addressed the court")),
    ]);
    let h = entries(&file.cases[0], "hearing");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].status, Status::Occurred);
    assert_eq!(h[0].detail.as_deref(), Some("she addressed the court"));
    assert_eq!(source_articles(h[0]), vec!["a1", "a2"]);
    assert_eq!(h[0].conflicts[0].field, "status");
}

#[test]
fn undated_conviction_takes_the_sentence_date() {
    let file = cases(vec![
        article("a1", "2025-06-18").person("Dana Okafor", None, None).event(ev(
            "sentence",
            Some("2025-06-17"),
            &["Dana Okafor"],
        )),
        article("a2", "2025-08-26")
            .person("Dana Okafor", None, None)
            .event(ev("conviction", None, &["Dana Okafor"])),
    ]);
    let c = entries(&file.cases[0], "conviction");
    assert_eq!(c[0].date.display(), "2025-06-17");
    let off = Settings {
        infer_conviction_dates: false,
        ..Settings::default()
    };
    let file = cases_with(
        vec![
            article("a1", "2025-06-18").person("Dana Okafor", None, None).event(ev(
                "sentence",
                Some("2025-06-17"),
                &["Dana Okafor"],
            )),
            article("a2", "2025-08-26").person("Dana Okafor", None, None).event(ev(
                "conviction",
                None,
                &["Dana Okafor"],
            )),
        ],
        &off,
    );
    assert_eq!(entries(&file.cases[0], "conviction")[0].date.value, None);
}

#[test]
fn subjects_split_by_day_and_merge_by_shared_report() {
    // a1: A on the 20th, B and C on the 21st; a2: "A, B and C were detained in November".
    let file = cases(vec![
        article("a1", "2023-11-24")
            .person("Farhad Quliyev", None, Some("Delta TV"))
            .person("Leyla Sadigova", None, Some("Delta TV"))
            .person("Aysel Rahimli", None, Some("Delta TV"))
            .event(ev("detention", Some("2023-11-20"), &["Farhad Quliyev"]))
            .event(ev(
                "detention",
                Some("2023-11-21"),
                &["Leyla Sadigova", "Aysel Rahimli"],
            )),
        article("a2", "2024-06-13")
            .person("Farhad Guliyev", None, Some("Delta TV"))
            .person("Leyla Sadigova", None, Some("Delta TV"))
            .person("Aysel Rahimli", None, Some("Delta TV"))
            .event(ev(
                "detention",
                Some("2023-11"),
                &["Farhad Guliyev", "Leyla Sadigova", "Aysel Rahimli"],
            )),
    ]);
    let case = &file.cases[0];
    let d = entries(case, "detention");
    assert_eq!(d.len(), 2);
    assert_eq!(subject_names(d[0]), vec!["Farhad Quliyev"]);
    assert_eq!(subject_names(d[1]), vec!["Leyla Sadigova", "Aysel Rahimli"]);
    assert_eq!(source_articles(d[1]), vec!["a1", "a2"]);
}

#[test]
fn unnamed_groups_merge_on_the_same_day_or_similar_descriptions() {
    let file = cases(vec![
        article("a1", "2025-02-06")
            .person("Dana Okafor", None, Some("Northwind Media"))
            .event(ev("detention", Some("2025-02-04"), &["Dana Okafor"]))
            .event(ev("search", Some("2025-02-05"), &["the outlet's office"]))
            .event(ev("questioning", None, &["two accountants"]))
            .event(ev("questioning", None, &["a driver"])),
        article("a2", "2025-02-09")
            .person("Dana Okafor", None, Some("Northwind Media"))
            .event(ev("detention", Some("2025-02-04"), &["Dana Okafor"]))
            .event(ev("search", Some("2025-02-05"), &["Northwind Media premises"]))
            .event(ev("questioning", None, &["the accountants"])),
    ]);
    let case = &file.cases[0];
    assert_eq!(entries(case, "search").len(), 1);
    assert_eq!(entries(case, "questioning").len(), 2);
}

#[test]
fn repeats_in_one_article_keep_both_evidence_spans_once() {
    let file = cases(vec![
        article("a1", "2025-02-06")
            .person("Dana Okafor", None, None)
            .event(ev("detention", Some("2025-02-04"), &["Dana Okafor"]))
            .event(ev("detention", None, &["Dana Okafor"])),
    ]);
    let d = entries(&file.cases[0], "detention");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].sources.len(), 2);
    assert_eq!((d[0].sources[0].start, d[0].sources[1].start), (0, 100));
}

// ---------------------------------------------------------------- conflicts

#[test]
fn disagreements_are_recorded_as_conflicts() {
    let file = cases(vec![
        article("a1", "2025-03-14")
            .person("Dana Okafor", None, None)
            .event(ev("sentence", Some("2025-03-13"), &["Dana Okafor"]).detail("four years in a penal colony")),
        article("a2", "2025-03-15")
            .person("Dana Okafor", None, None)
            .event(ev("sentence", Some("2025-03-13"), &["Dana Okafor"]).detail("four years in a penal colony")),
        article("a3", "2025-03-16").person("Dana Okafor", None, None).event(
            ev("sentence", Some("2025-03-13"), &["Dana Okafor"])
                .detail("six years")
                .status("alleged"),
        ),
    ]);
    let s = entries(&file.cases[0], "sentence");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].detail.as_deref(), Some("four years in a penal colony"));
    assert_eq!(s[0].status, Status::Occurred);
    let found: Vec<(String, String, Vec<String>)> = s[0]
        .conflicts
        .iter()
        .map(|c| (c.field.clone(), c.value.clone(), c.sources.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("status".to_string(), "alleged".to_string(), vec!["a3".to_string()]),
            ("detail".to_string(), "six years".to_string(), vec!["a3".to_string()]),
        ]
    );
}

#[test]
fn with_date_slack_a_one_day_disagreement_is_a_date_conflict() {
    let records = || {
        vec![
            article("a1", "2025-02-06").person("Dana Okafor", None, None).event(ev(
                "detention",
                Some("2025-02-04"),
                &["Dana Okafor"],
            )),
            article("a2", "2025-02-07").person("Dana Okafor", None, None).event(ev(
                "detention",
                Some("2025-02-04"),
                &["Dana Okafor"],
            )),
            article("a3", "2025-02-08").person("Dana Okafor", None, None).event(ev(
                "detention",
                Some("2025-02-05"),
                &["Dana Okafor"],
            )),
        ]
    };
    assert_eq!(entries(&cases(records()).cases[0], "detention").len(), 2);
    let slack = Settings {
        date_slack_days: 1,
        ..Settings::default()
    };
    let file = cases_with(records(), &slack);
    let d = entries(&file.cases[0], "detention");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].date.display(), "2025-02-04");
    assert_eq!(d[0].conflicts[0].field, "date");
    assert_eq!(d[0].conflicts[0].value, "2025-02-05");
    assert_eq!(d[0].conflicts[0].sources, vec!["a3"]);
}

// ---------------------------------------------------------------- ordering and determinism

fn mixed_records() -> Vec<Art> {
    vec![
        article("b2", "2024-03-01")
            .person("Ilse Varga", Some("editor"), Some("Quay Post"))
            .person("Pavel Horak", Some("judge"), None)
            .event(ev("confession", None, &["Ilse Varga"]))
            .event(ev("detention", Some("2024-02-20"), &["Ilse Varga"]))
            .event(ev("hearing", Some("2024"), &["Ilse Varga"])),
        article("a1", "2024-05-01")
            .person("Dana Okafor", Some("camera operator"), Some("Northwind Media"))
            .org("Northwind Media", "media_outlet")
            .event(ev("website_block", Some("2024-04"), &["Northwind Media"]))
            .event(ev("detention", Some("2024-04-29"), &["Dana Okafor"])),
        article("a0", "2024-05-02")
            .person("Dána Okáfor", None, Some("Northwind Media"))
            .event(ev("detention", Some("2024-04-29"), &["Dána Okáfor"]).detail("at home"))
            .event(ev("release", None, &["Dána Okáfor"])),
        article("c3", "2024-03-01").person("Ilse Varga", None, None).event(ev(
            "sentence",
            Some("2024-06-01"),
            &["Ilse Varga"],
        )),
    ]
}

#[test]
fn ids_and_order_follow_dates_with_undated_last() {
    let file = cases(mixed_records());
    assert_eq!(articles_of(&file), vec![vec!["b2", "c3"], vec!["a0", "a1"]]);
    let ids: Vec<&str> = file.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["c1", "c2"]);
    let first = &file.cases[0];
    let order: Vec<(String, String)> = first
        .events
        .iter()
        .map(|e| (e.id.clone(), format!("{} {}", e.event_type, e.date.display())))
        .collect();
    assert_eq!(
        order,
        vec![
            ("E1".to_string(), "hearing 2024".to_string()),
            ("E2".to_string(), "detention 2024-02-20".to_string()),
            ("E3".to_string(), "sentence 2024-06-01".to_string()),
            ("E4".to_string(), "confession undated".to_string()),
        ]
    );
    let people: Vec<(&str, &str)> = file
        .cases
        .iter()
        .flat_map(|c| &c.people)
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        people,
        vec![("P1", "Ilse Varga"), ("P2", "Pavel Horak"), ("P3", "Dana Okafor")]
    );
    assert_eq!(file.cases[1].events[0].id, "E5");
    assert_eq!(file.cases[1].title, "Dana Okafor case");
}

#[test]
fn output_does_not_depend_on_input_order() {
    let recs: Vec<ExtractRecord> = mixed_records().into_iter().map(Art::build).collect();
    let expected = serde_json::to_string(&build_cases(&recs, &Settings::default())).expect("serialises");
    let n = recs.len();
    for rotation in 0..n {
        for reverse in [false, true] {
            let mut shuffled = recs.clone();
            shuffled.rotate_left(rotation);
            if reverse {
                shuffled.reverse();
            }
            let got = serde_json::to_string(&build_cases(&shuffled, &Settings::default())).expect("serialises");
            assert_eq!(got, expected, "rotation {rotation}, reversed {reverse}");
        }
    }
}

#[test]
fn duplicate_article_ids_count_once() {
    let mut recs: Vec<ExtractRecord> = mixed_records().into_iter().map(Art::build).collect();
    recs.push(recs[1].clone());
    let file = build_cases(&recs, &Settings::default());
    let d = entries(&file.cases[1], "detention");
    assert_eq!(source_articles(d[0]), vec!["a1", "a0"]);
}
