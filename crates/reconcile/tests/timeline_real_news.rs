//! Timeline merging on real-news-shaped fictional records: restated charges with inherited dates, the same act at different precisions, unnamed groups next to named subjects.

use casewatch_model::PartialDate;

mod common;
use common::*;

fn day(s: &str) -> Option<PartialDate> {
    s.parse().ok()
}

#[test]
fn restated_charges_with_inherited_dates_join_the_stated_charge() {
    let file = cases(vec![
        article("a1", "2025-03-05")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("charge", Some("2025-03-04"), &["Lena Marsh"]))
            .event(ev("detention", Some("2025-03-04"), &["Lena Marsh"])),
        // A sentencing report restates the charge in the sentencing paragraph.
        article("a2", "2025-06-10")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("sentence", Some("2025-06-09"), &["Lena Marsh"]))
            .event(ev("charge", Some("2025-06-09"), &["Lena Marsh"]).inherited()),
        article("a3", "2025-09-01")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("appeal", Some("2025-08"), &["Lena Marsh"]))
            .event(ev("charge", Some("2025-08"), &["Lena Marsh"]).inherited()),
    ]);
    let c = &file.cases[0];
    let charges = entries(c, "charge");
    assert_eq!(charges.len(), 1, "{charges:?}");
    assert_eq!(charges[0].date.value, day("2025-03-04"));
    assert_eq!(source_articles(charges[0]), vec!["a1", "a2", "a3"]);
    // The inherited dates are no disagreement about the charge's date.
    assert!(charges[0].conflicts.is_empty(), "{:?}", charges[0].conflicts);
}

#[test]
fn charges_stated_on_different_days_stay_two_entries() {
    let file = cases(vec![
        article("a1", "2025-03-05")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("charge", Some("2025-03-04"), &["Lena Marsh"])),
        article("a2", "2025-07-02")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("charge", Some("2025-07-01"), &["Lena Marsh"]).detail("a second, graver charge")),
    ]);
    let charges = entries(&file.cases[0], "charge");
    assert_eq!(charges.len(), 2);
}

#[test]
fn restatements_alone_are_one_charge_at_the_earliest_inherited_date() {
    let file = cases(vec![
        article("a1", "2025-04-02")
            .person("Dario Fenn", Some("editor"), None)
            .event(ev("pretrial_detention", Some("2025-04-01"), &["Dario Fenn"]))
            .event(ev("charge", Some("2025-04-01"), &["Dario Fenn"]).inherited()),
        article("a2", "2025-10-20")
            .person("Dario Fenn", Some("editor"), None)
            .event(ev("sentence", Some("2025-10-19"), &["Dario Fenn"]))
            .event(ev("charge", Some("2025-10-19"), &["Dario Fenn"]).inherited())
            .event(ev("charge", None, &["Dario Fenn"])),
    ]);
    let charges = entries(&file.cases[0], "charge");
    assert_eq!(charges.len(), 1, "{charges:?}");
    assert_eq!(charges[0].date.value, day("2025-04-01"));
    // Every distinct evidence sentence is a source: a2 gives two.
    assert_eq!(source_articles(charges[0]), vec!["a1", "a2", "a2"]);
}

#[test]
fn other_acts_with_inherited_dates_stay_apart() {
    // Two detentions months apart: an inherited date of an act is still its date.
    let file = cases(vec![
        article("a1", "2025-03-05")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("detention", Some("2025-03-04"), &["Lena Marsh"])),
        article("a2", "2025-09-02")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("hearing", Some("2025-09-01"), &["Lena Marsh"]))
            .event(ev("detention", Some("2025-09-01"), &["Lena Marsh"]).inherited()),
    ]);
    assert_eq!(entries(&file.cases[0], "detention").len(), 2);
}

#[test]
fn a_restatement_never_joins_a_charge_stated_after_it() {
    // The restatement shows a charge stood in March; the charge stated for
    // November is another one.
    let file = cases(vec![
        article("a1", "2025-03-06")
            .person("Ines Varga", Some("reporter"), None)
            .event(ev("detention", Some("2025-03-05"), &["Ines Varga"]))
            .event(ev("charge", Some("2025-03-05"), &["Ines Varga"]).inherited()),
        article("a2", "2025-11-03")
            .person("Ines Varga", Some("reporter"), None)
            .event(ev("charge", Some("2025-11-02"), &["Ines Varga"])),
    ]);
    let charges = entries(&file.cases[0], "charge");
    assert_eq!(charges.len(), 2, "{charges:?}");
    assert_eq!(charges[0].date.value, day("2025-03-05"));
    assert_eq!(charges[1].date.value, day("2025-11-02"));
}

#[test]
fn an_unnamed_group_on_the_day_named_people_were_detained_is_their_detention() {
    let file = cases(vec![
        article("a1", "2025-05-04")
            .person("Lena Marsh", Some("reporter"), None)
            .person("Dario Fenn", Some("editor"), None)
            .event(ev("detention", Some("2025-05-03"), &["two journalists"]))
            .event(ev(
                "pretrial_detention",
                Some("2025-05-04"),
                &["Lena Marsh", "Dario Fenn"],
            )),
        article("a2", "2025-05-05")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("detention", Some("2025-05-03"), &["Lena Marsh"])),
        article("a3", "2025-05-06")
            .person("Dario Fenn", Some("editor"), None)
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("detention", Some("2025-05-03"), &["Dario Fenn"]))
            .event(ev("search", Some("2025-05-03"), &["Dario Fenn"])),
    ]);
    let c = &file.cases[0];
    let d = entries(c, "detention");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(subject_names(d[0]), vec!["Lena Marsh", "Dario Fenn"]);
    assert_eq!(source_articles(d[0]), vec!["a1", "a2", "a3"]);
}

#[test]
fn an_unnamed_group_of_another_day_or_a_month_stays_apart() {
    let file = cases(vec![
        article("a1", "2025-05-10")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("detention", Some("2025-05-03"), &["Lena Marsh"]))
            .event(ev("detention", Some("2025-05-09"), &["three activists"])),
        article("a2", "2025-06-10")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("hearing", Some("2025-06"), &["Lena Marsh"]))
            .event(ev("hearing", Some("2025-06"), &["the defendants"])),
    ]);
    let c = &file.cases[0];
    assert_eq!(entries(c, "detention").len(), 2);
    assert_eq!(entries(c, "hearing").len(), 2);
}

#[test]
fn a_charge_a_verdict_cites_is_the_charge_brought_earlier() {
    // "The court on Monday found Omar Petrov guilty of spreading false
    // information": the verdict decides the charge, it does not bring it.
    let file = cases(vec![
        article("a1", "2025-02-11")
            .person("Omar Petrov", Some("journalist"), None)
            .event(ev("charge", Some("2025-02-10"), &["Omar Petrov"]).detail("spreading false information")),
        article("a2", "2025-09-16")
            .person("Omar Petrov", Some("journalist"), None)
            .event(ev("conviction", Some("2025-09-15"), &["Omar Petrov"]))
            .event_in_same_sentence(
                ev("charge", Some("2025-09-15"), &["Omar Petrov"]).detail("spreading false information"),
            ),
    ]);
    let c = &file.cases[0];
    let charges = entries(c, "charge");
    assert_eq!(charges.len(), 1, "{charges:?}");
    assert_eq!(charges[0].date.value, day("2025-02-10"));
    assert!(charges[0].conflicts.is_empty(), "{:?}", charges[0].conflicts);
    assert_eq!(entries(c, "conviction").len(), 1);
}

#[test]
fn a_sentence_on_monday_and_one_on_the_15th_a_day_apart_are_one_with_a_conflict() {
    // A report dated the 15th says "on Monday" (the 14th) for the sentence
    // two others date the 15th: a relative date can be a day off.
    let file = cases(vec![
        article("a1", "2025-04-15")
            .person("Vera Lind", Some("photographer"), None)
            .event(ev("sentence", Some("2025-04-14"), &["Vera Lind"]).date_text("on Monday")),
        article("a2", "2025-04-15")
            .person("Vera Lind", Some("photographer"), None)
            .event(ev("sentence", Some("2025-04-15"), &["Vera Lind"]).date_text("15 April")),
        article("a3", "2025-11-02")
            .person("Vera Lind", Some("photographer"), None)
            .event(ev("sentence", Some("2025-04-15"), &["Vera Lind"]).date_text("on 15 April 2025")),
    ]);
    let s = entries(&file.cases[0], "sentence");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].date.value, day("2025-04-15"));
    assert_eq!(s[0].conflicts.len(), 1);
    assert_eq!(s[0].conflicts[0].value, "2025-04-14");
}

#[test]
fn hearings_a_day_apart_and_stated_dates_a_day_apart_stay_two() {
    let file = cases(vec![
        article("a1", "2025-04-15")
            .person("Vera Lind", Some("photographer"), None)
            .event(ev("hearing", Some("2025-04-14"), &["Vera Lind"]).date_text("on Monday"))
            .event(ev("detention", Some("2025-03-02"), &["Vera Lind"]).date_text("2 March")),
        article("a2", "2025-04-16")
            .person("Vera Lind", Some("photographer"), None)
            .event(ev("hearing", Some("2025-04-15"), &["Vera Lind"]).date_text("on 15 April"))
            .event(ev("detention", Some("2025-03-03"), &["Vera Lind"]).date_text("3 March")),
    ]);
    let c = &file.cases[0];
    // A trial sits on consecutive days; two stated days are two days.
    assert_eq!(entries(c, "hearing").len(), 2);
    assert_eq!(entries(c, "detention").len(), 2);
}

#[test]
fn a_restatement_of_another_charge_stays_apart() {
    // Charged with organising riots in March; a later report restates a
    // treason charge in a paragraph dated October: two charges.
    let file = cases(vec![
        article("a1", "2025-03-06")
            .person("Ines Varga", Some("reporter"), None)
            .event(ev("charge", Some("2025-03-05"), &["Ines Varga"]).detail("organising riots")),
        article("a2", "2025-10-20")
            .person("Ines Varga", Some("reporter"), None)
            .event(ev("sentence", Some("2025-10-19"), &["Ines Varga"]))
            .event(
                ev("charge", Some("2025-10-19"), &["Ines Varga"])
                    .inherited()
                    .detail("high treason"),
            )
            .event(
                ev("charge", Some("2025-10-19"), &["Ines Varga"])
                    .inherited()
                    .detail("organised riots"),
            ),
    ]);
    let charges = entries(&file.cases[0], "charge");
    assert_eq!(charges.len(), 2, "{charges:?}");
    assert_eq!(charges[0].date.value, day("2025-03-05"));
    assert_eq!(source_articles(charges[0]), vec!["a1", "a2"]);
    assert_eq!(charges[1].detail.as_deref(), Some("high treason"));
}

/// A timeline is the defendants' acts: an act that befell only another
/// party ("his lawyers were jailed", "адвокатов"), a crowd ("more than 150
/// people were fined") or no one named ("a search is under way") stays in
/// the article's record and off the case timeline; a group of the outlet's
/// staff, and a court session or an outlet's block told without a subject,
/// stay on it.
#[test]
fn acts_of_other_parties_crowds_and_no_one_stay_off_the_timeline() {
    let file = cases(vec![
        article("a1", "2025-02-10")
            .person("Lena Marsh", Some("reporter"), Some("Harbour Post"))
            .event(ev("detention", Some("2025-02-03"), &["Lena Marsh"]))
            .event(ev("sentence", Some("2025-01"), &["his lawyers"]))
            .event(ev("sentence", Some("2025-01"), &["адвокатов"]))
            .event(ev("detention", Some("2025-01"), &["more than 150 people"]))
            .counted(150)
            .event(ev("search", Some("2025-02-03"), &[]))
            .event(ev("questioning", Some("2025-02-05"), &["about ten staff members"]))
            .counted(10)
            .event(ev("hearing", Some("2025-02-07"), &[]))
            .event(ev("website_block", Some("2025-02-08"), &[])),
        article("a2", "2025-02-12")
            .person("Lena Marsh", Some("reporter"), Some("Harbour Post"))
            .event(ev("pretrial_detention", Some("2025-02-05"), &["Lena Marsh"])),
    ]);
    assert_eq!(file.cases.len(), 1);
    let c = &file.cases[0];
    let types: Vec<&str> = c.events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        vec![
            "detention",
            "questioning",
            "pretrial_detention",
            "hearing",
            "website_block"
        ],
        "{:#?}",
        c.events
    );
    assert!(entries(c, "sentence").is_empty());
    assert!(entries(c, "search").is_empty());
}
