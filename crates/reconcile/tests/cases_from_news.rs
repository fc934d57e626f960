//! What makes a case on real-news-shaped fictional records: roles and the rule that set them, linking only by defendants and prosecuted outlets (everyone else never merges cases), spelling families of one person, titles, and junk kept out.

use casewatch_model::{Case, Role};
use casewatch_reconcile::Settings;

mod common;
use common::*;

fn role_of<'a>(case: &'a Case, name: &str) -> (Role, &'a str) {
    let p = case
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is not in {:?}", case.people));
    (p.role, p.role_rule.as_deref().unwrap_or(""))
}

fn names(case: &Case) -> Vec<&str> {
    case.people.iter().map(|p| p.name.as_str()).collect()
}

// ---------------------------------------------------------------- roles

#[test]
fn every_person_gets_a_role_with_its_rule() {
    let file = cases(vec![
        article("a1", "2025-03-12")
            .org("Coral Bay Tribune", "media_outlet")
            .org("Eastfield District Court", "court")
            .org("Free Voices Watch", "ngo")
            .org("Ministry of Information", "government")
            .person("Lena Marsh", Some("reporter"), Some("Coral Bay Tribune"))
            .person("Victor Hale", Some("lawyer"), None)
            .person("Ruth Okonjo", Some("judge"), None)
            .person("Piet Vandersloot", Some("prosecutor"), None)
            .person("Arno Marsh", Some("husband"), None)
            .person("Kemal Tosun", Some("forensic linguist"), None)
            .person("Hana Ibsen", None, Some("Free Voices Watch"))
            .person("Omar Castell", Some("spokesperson"), Some("Ministry of Information"))
            .person("Sven Aalto", None, None)
            .person("Tara Quill", None, None)
            .person("Ilya Brandt", None, None)
            .person("Mona Reyes", None, Some("Eastfield District Court"))
            .event(ev("pretrial_detention", Some("2025-03-11"), &["Lena Marsh"]))
            .event(ev("questioning", Some("2025-03-10"), &["Sven Aalto"]))
            .event(ev("charge", Some("2025-03-11"), &["Lena Marsh"]).attributed("Tara Quill")),
    ]);
    let c = &file.cases[0];
    assert_eq!(role_of(c, "Lena Marsh"), (Role::Defendant, "subject_of_legal_event"));
    assert_eq!(role_of(c, "Victor Hale"), (Role::Lawyer, "occupation"));
    assert_eq!(role_of(c, "Ruth Okonjo"), (Role::Judge, "occupation"));
    assert_eq!(role_of(c, "Piet Vandersloot"), (Role::Prosecutor, "occupation"));
    assert_eq!(role_of(c, "Arno Marsh"), (Role::Relative, "occupation"));
    assert_eq!(role_of(c, "Kemal Tosun"), (Role::Expert, "occupation"));
    assert_eq!(role_of(c, "Hana Ibsen"), (Role::Commentator, "affiliation_kind"));
    assert_eq!(role_of(c, "Omar Castell"), (Role::Official, "occupation"));
    assert_eq!(role_of(c, "Sven Aalto"), (Role::Witness, "subject_of_questioning"));
    assert_eq!(role_of(c, "Tara Quill"), (Role::Commentator, "quoted"));
    assert_eq!(role_of(c, "Ilya Brandt"), (Role::Mentioned, "no_role_evidence"));
    assert_eq!(role_of(c, "Mona Reyes"), (Role::Judge, "affiliation_kind"));
    // A journalist and her husband of one surname stay two people.
    assert!(names(c).contains(&"Lena Marsh") && names(c).contains(&"Arno Marsh"));
    assert_eq!(c.title, "Lena Marsh case");
}

// ---------------------------------------------------------------- linking

#[test]
fn shared_lawyers_officials_commentators_and_mentions_never_merge_cases() {
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person("Lena Marsh", Some("reporter"), Some("Coral Bay Tribune"))
            .person("Victor Hale", Some("lawyer"), None)
            .person("Omar Castell", Some("spokesperson"), None)
            .person("Hana Ibsen", Some("activist"), None)
            .person("Jonas Wilde", Some("founder"), None)
            .event(ev("detention", Some("2025-01-09"), &["Lena Marsh"])),
        article("a2", "2025-02-10")
            .person("Dario Fenn", Some("editor"), Some("Coral Bay Tribune"))
            .person("Victor Hale", Some("lawyer"), None)
            .person("Omar Castell", Some("spokesperson"), None)
            .person("Hana Ibsen", Some("activist"), None)
            .person("Jonas Wilde", Some("founder"), None)
            .event(ev("detention", Some("2025-02-09"), &["Dario Fenn"])),
    ]);
    assert_eq!(articles_of(&file), vec![vec!["a1"], vec!["a2"]]);
    // The shared people are in both cases (the store lists the cases as related).
    for c in &file.cases {
        for n in ["Victor Hale", "Omar Castell", "Hana Ibsen", "Jonas Wilde"] {
            assert!(names(c).contains(&n), "{n} in {}", c.title);
        }
    }
}

#[test]
fn a_shared_defendant_links_and_disjoint_defendants_split() {
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person("Lena Marsh", None, None)
            .person("Dario Fenn", None, None)
            .event(ev("detention", Some("2025-01-09"), &["Lena Marsh", "Dario Fenn"])),
        article("a2", "2025-02-10").person("Dario Fenn", None, None).event(ev(
            "charge",
            Some("2025-02-09"),
            &["Dario Fenn"],
        )),
        // Someone else tried in the same country, mentioned as a commentator on a1's case.
        article("a3", "2025-02-11")
            .person("Yusuf Bright", None, None)
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("sentence", Some("2025-02-10"), &["Yusuf Bright"]))
            .event(ev("release", None, &["Yusuf Bright"]).attributed("Lena Marsh")),
    ]);
    assert_eq!(articles_of(&file), vec![vec!["a1", "a2"], vec!["a3"]]);
    assert_eq!(file.cases[0].title, "Dario Fenn case");
    assert_eq!(role_of(&file.cases[1], "Lena Marsh").0, Role::Commentator);
}

// ---------------------------------------------------------------- spellings

/// Two articles, each with one defendant spelled its own way.
fn one_person(a: &str, b: &str) -> usize {
    cases(vec![
        article("a1", "2025-01-10")
            .person(a, None, None)
            .event(ev("detention", Some("2025-01-09"), &[a])),
        article("a2", "2025-01-20")
            .person(b, None, None)
            .event(ev("charge", Some("2025-01-19"), &[b])),
    ])
    .cases
    .len()
}

#[test]
fn spelling_families_of_one_person_link_articles() {
    for (a, b) in [
        ("Nino Tserteghadze", "Nino Tsertegadze"),      // gh/g
        ("Nadia Abdel-Sattar", "Nadia Abdelsattar"),    // hyphenated / joined
        ("Yusuf Oduya", "Jusuf Oduya"),                 // y/j
        ("Mariam Kalandadze", "Mariam Kallandadze"),    // doubled letter
        ("Emre Ağırel", "Emre Agirel"),                 // diacritics
        ("Jan Kowalczyk", "Ян Ковальчик"),              // Polish cz / Cyrillic ч
        ("Zhanybek Tokoev", "Жаныбек Токоев"),          // zh
        ("Kubat Khasanov", "Кубат Хасанов"),            // kh
        ("Daniil Stepanovskiy", "Даниил Степановский"), // -ий → -iy
        ("Dmitry Orlovsky", "Дмитрий Орловский"),       // -ий → -y
        ("Aibek Doulatov", "Aibek Dulatov"),            // ou/u
        ("Stanis Kabwe Mutombo", "Stanis Kabwe"),       // a second surname
        ("Pham Thi Lan Huong", "Thi Lan Huong"),        // an extra first name
        ("K. Osmonova", "Kanykei Osmonova"),            // initial
    ] {
        assert_eq!(one_person(a, b), 1, "{a} / {b}");
    }
}

#[test]
fn different_people_stay_apart() {
    for (a, b) in [
        ("Ivan Sidorov", "Igor Sidorov"),
        ("Olga Petrova", "Ivan Petrov"),
        ("Aibek Toktogul uulu", "Aibek Toktogul kyzy"),
        ("Stanis Kabwe", "Joseph Kabwe"),
    ] {
        assert_eq!(one_person(a, b), 2, "{a} / {b}");
    }
}

#[test]
fn a_dropped_letter_joins_inside_a_case_when_both_are_defendants() {
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person("Karim Benhadj", None, None)
            .person("Walid Zeghouani", None, None)
            .event(ev(
                "detention",
                Some("2025-01-09"),
                &["Karim Benhadj", "Walid Zeghouani"],
            )),
        article("a2", "2025-01-20")
            .person("Karim Benhadj", None, None)
            .person("Walid Zghouani", None, None)
            .event(ev("sentence", Some("2025-01-19"), &["Karim Benhadj", "Walid Zghouani"])),
    ]);
    assert_eq!(file.cases.len(), 1);
    assert_eq!(file.cases[0].people.len(), 2, "{:?}", names(&file.cases[0]));
    // Two edits in a long surname.
    let file = cases(vec![
        article("a1", "2025-01-10")
            .person("Karim Benhadj", None, None)
            .person("Ravi Chakravarty", None, None)
            .event(ev(
                "detention",
                Some("2025-01-09"),
                &["Karim Benhadj", "Ravi Chakravarty"],
            )),
        article("a2", "2025-01-20")
            .person("Karim Benhadj", None, None)
            .person("Ravi Chakraborty", None, None)
            .event(ev(
                "sentence",
                Some("2025-01-19"),
                &["Karim Benhadj", "Ravi Chakraborty"],
            )),
    ]);
    assert_eq!(file.cases[0].people.len(), 2, "{:?}", names(&file.cases[0]));
}

// ---------------------------------------------------------------- titles and junk

#[test]
fn titles_name_defendants_or_the_outlet_and_junk_is_kept_out() {
    let file = cases(vec![
        article("a1", "2025-04-25")
            .person("Перейти к материалам", None, None)
            .person("25 апреля 2022", None, None)
            .person("First Instance", None, None)
            .person("Getty Images", None, None)
            .person("Congolese Prime Minister", None, None)
            .person("Sefa Brandt", Some("reporter"), None)
            .person("Arvid Holm", Some("president"), None)
            .event(ev("detention", Some("2025-04-24"), &["Getty Images"]))
            .event(ev("charge", Some("2025-04-24"), &["Sefa Brandt", "First Instance"])),
    ]);
    let c = &file.cases[0];
    assert_eq!(names(c), vec!["Sefa Brandt", "Arvid Holm"]);
    assert_eq!(c.title, "Sefa Brandt case");
    assert_eq!(role_of(c, "Arvid Holm").0, Role::Official);
    // The detention of "Getty Images" is no event of the case.
    assert_eq!(c.events.len(), 1);
    // Two defendants equally present are both named.
    let file = cases(vec![
        article("a1", "2025-04-25")
            .person("Sefa Brandt", None, None)
            .person("Orla Finch", None, None)
            .event(ev("sentence", Some("2025-04-24"), &["Sefa Brandt", "Orla Finch"])),
    ]);
    assert_eq!(file.cases[0].title, "Sefa Brandt and Orla Finch case");
    // A headline with no legal event about anyone makes no case.
    let file = cases(vec![
        article("a1", "2025-04-25")
            .person("Сегодня", None, None)
            .person("Journalists Targeted", None, None)
            .event(ev("detention", Some("2025-04-24"), &["Journalists Targeted"])),
    ]);
    assert!(file.cases.is_empty());
}

#[test]
fn outlet_title_when_the_staff_are_the_defendants() {
    let file = cases_with(
        vec![
            article("a1", "2025-05-02")
                .org("Lantern Post", "media_outlet")
                .person("Sefa Brandt", Some("editor"), Some("Lantern Post"))
                .person("Orla Finch", Some("reporter"), Some("Lantern Post"))
                .person("Bo Lindqvist", Some("camera operator"), Some("Lantern Post"))
                .event(ev("search", Some("2025-05-01"), &["Lantern Post"]))
                .event(ev(
                    "detention",
                    Some("2025-05-01"),
                    &["Sefa Brandt", "Orla Finch", "Bo Lindqvist"],
                )),
        ],
        &Settings::default(),
    );
    assert_eq!(file.cases[0].title, "Lantern Post case");
}

#[test]
fn a_defendant_named_in_passing_does_not_link_two_prosecutions() {
    let main = |id: &str, who: &str, day: &str| {
        let mut a = article(id, "2025-06-20").person(who, Some("journalist"), None).person(
            "Selim Arkan",
            Some("journalist"),
            None,
        );
        for ty in [
            "detention",
            "pretrial_detention",
            "charge",
            "hearing",
            "appeal",
            "search",
        ] {
            a = a.event(ev(ty, Some(day), &[who]));
        }
        // One sentence recalls another journalist's earlier detention.
        a.event(ev("detention", Some("2024-01-10"), &["Selim Arkan"]))
    };
    let file = cases(vec![
        main("a1", "Derya Kaplan", "2025-06-19"),
        main("a2", "Burak Esen", "2025-06-18"),
        article("a3", "2024-01-12")
            .person("Selim Arkan", Some("journalist"), None)
            .event(ev("detention", Some("2024-01-10"), &["Selim Arkan"])),
    ]);
    assert_eq!(articles_of(&file), vec![vec!["a3"], vec!["a1"], vec!["a2"]]);
    let kaplan = file
        .cases
        .iter()
        .find(|c| c.title == "Derya Kaplan case")
        .expect("Kaplan case");
    assert_eq!(role_of(kaplan, "Selim Arkan"), (Role::Defendant, "subject_in_passing"));
}

#[test]
fn inside_a_case_the_same_role_outweighs_a_disagreeing_outlet() {
    let file = cases(vec![
        article("a1", "2025-03-21")
            .person("Aidana Kasymova", Some("journalist"), Some("Steppe Wire"))
            .person("Mirbek Usenov", None, None)
            .event(ev(
                "detention",
                Some("2025-03-20"),
                &["Aidana Kasymova", "Mirbek Usenov"],
            )),
        article("a2", "2025-03-25")
            .person("Aidan Kasymova", Some("journalist"), Some("Bishkek Evening"))
            .person("Mirbek Usenov", None, None)
            .event(ev(
                "detention",
                Some("2025-03-20"),
                &["Aidan Kasymova", "Mirbek Usenov"],
            )),
    ]);
    assert_eq!(file.cases.len(), 1);
    assert_eq!(names(&file.cases[0]).len(), 2, "{:?}", names(&file.cases[0]));
    assert_eq!(entries(&file.cases[0], "detention").len(), 1);
    // Without the bonus they stay two people, as across cases.
    let off = Settings {
        same_role_bonus: 0.0,
        ..Settings::default()
    };
    let file = cases_with(
        vec![
            article("a1", "2025-03-21")
                .person("Aidana Kasymova", Some("journalist"), Some("Steppe Wire"))
                .person("Mirbek Usenov", None, None)
                .event(ev(
                    "detention",
                    Some("2025-03-20"),
                    &["Aidana Kasymova", "Mirbek Usenov"],
                )),
            article("a2", "2025-03-25")
                .person("Aidan Kasymova", Some("journalist"), Some("Bishkek Evening"))
                .person("Mirbek Usenov", None, None)
                .event(ev("sentence", Some("2025-06-20"), &["Aidan Kasymova", "Mirbek Usenov"])),
        ],
        &off,
    );
    assert_eq!(names(&file.cases[0]).len(), 3, "{:?}", names(&file.cases[0]));
}

#[test]
fn one_defendant_listed_twice_in_an_article_is_one_person_but_a_husband_is_not() {
    let file = cases(vec![
        article("a1", "2025-03-21")
            .person("Kanyishai Temirova", Some("journalist"), None)
            .person("Kanyashai Temirova", None, None)
            .person("Bolot Temirov", Some("husband"), None)
            .person("Nurlan Temirova", None, None)
            .event(ev("detention", Some("2025-03-20"), &["Kanyishai Temirova"]))
            .event(ev("charge", Some("2025-03-20"), &["Kanyashai Temirova"]))
            .event(ev("search", Some("2025-03-20"), &["Nurlan Temirova"])),
    ]);
    assert_eq!(
        names(&file.cases[0]),
        vec!["Kanyishai Temirova", "Nurlan Temirova", "Bolot Temirov"]
    );
}

#[test]
fn one_act_at_another_precision_or_wording_is_one_entry_and_two_acts_stay_two() {
    let file = cases(vec![
        article("a1", "2021-12-15")
            .person("Hoa Lien Tran", None, None)
            .event(ev("conviction", Some("2021-12-14"), &["Hoa Lien Tran"]))
            .event(ev("sentence", Some("2021-12-14"), &["Hoa Lien Tran"]).detail("nine years")),
        article("a2", "2022-03-01")
            .person("Hoa Lien Tran", None, None)
            // "found guilty in late December": the 14th, rounded.
            .event(ev("conviction", Some("2021-12"), &["Hoa Lien Tran"]).qualifier("late"))
            // The appeal sentence months later is another act.
            .event(ev("sentence", Some("2022-02-25"), &["Hoa Lien Tran"]).detail("nine years upheld")),
    ]);
    let c = &file.cases[0];
    let conv = entries(c, "conviction");
    assert_eq!(conv.len(), 1);
    assert_eq!(source_articles(conv[0]), vec!["a1", "a2"]);
    assert_eq!(conv[0].date.display(), "2021-12-14");
    assert_eq!(entries(c, "sentence").len(), 2);
}

#[test]
fn a_lawyer_named_with_a_french_honorific_is_the_defence_not_a_defendant() {
    let file = cases(vec![
        article("a1", "2024-05-23")
            .person("Karim Benhadj", Some("journaliste"), None)
            .person("Me Lotfi Amara", None, None)
            .event(ev("sentence", Some("2024-05-22"), &["Karim Benhadj"]))
            .event(ev("appeal", Some("2024-05-22"), &["Me Lotfi Amara"])),
    ]);
    let c = &file.cases[0];
    assert_eq!(c.title, "Karim Benhadj case");
    assert_eq!(role_of(c, "Lotfi Amara"), (Role::Lawyer, "honorific"));
}

// ---------------------------------------------------------------- pen names

#[test]
fn one_defendant_under_a_pen_name_and_a_legal_name_is_one_person() {
    // One report names her by her pen name, another by her legal name; both
    // tell the same sentence on the same day with the same co-defendants.
    let file = cases(vec![
        article("a1", "2025-04-16")
            .person("Irina Solvay", Some("photographer"), None)
            .person("Pavel Dorn", Some("producer"), None)
            .person("Gleb Marek", Some("reporter"), None)
            .event(ev(
                "sentence",
                Some("2025-04-15"),
                &["Irina Solvay", "Pavel Dorn", "Gleb Marek"],
            )),
        article("a2", "2025-12-01")
            .person("Irina Kestrel", None, None)
            .person("Pavel Dorn", Some("producer"), None)
            .person("Gleb Marek", Some("reporter"), None)
            .event(ev(
                "sentence",
                Some("2025-04-15"),
                &["Irina Kestrel", "Pavel Dorn", "Gleb Marek"],
            )),
    ]);
    assert_eq!(file.cases.len(), 1);
    let c = &file.cases[0];
    let irinas: Vec<&str> = names(c).into_iter().filter(|n| n.starts_with("Irina")).collect();
    assert_eq!(irinas.len(), 1, "{:?}", names(c));
    let s = entries(c, "sentence");
    assert_eq!(s.len(), 1);
    assert_eq!(subject_names(s[0]).len(), 3, "{:?}", subject_names(s[0]));
}

#[test]
fn two_people_of_one_given_name_sentenced_together_stay_two() {
    // Same given name, same day, same co-defendant, but named together:
    // two people.
    let file = cases(vec![
        article("a1", "2025-04-16")
            .person("Irina Solvay", None, None)
            .person("Irina Kestrel", None, None)
            .person("Pavel Dorn", None, None)
            .event(ev(
                "sentence",
                Some("2025-04-15"),
                &["Irina Solvay", "Irina Kestrel", "Pavel Dorn"],
            )),
        article("a2", "2025-04-17")
            .person("Irina Solvay", None, None)
            .person("Pavel Dorn", None, None)
            .event(ev("sentence", Some("2025-04-15"), &["Irina Solvay", "Pavel Dorn"])),
        article("a3", "2025-04-18")
            .person("Irina Kestrel", None, None)
            .person("Pavel Dorn", None, None)
            .event(ev("sentence", Some("2025-04-15"), &["Irina Kestrel", "Pavel Dorn"])),
    ]);
    let c = &file.cases[0];
    let irinas: Vec<&str> = names(c).into_iter().filter(|n| n.starts_with("Irina")).collect();
    assert_eq!(irinas.len(), 2, "{:?}", names(c));
}

#[test]
fn same_given_name_and_day_with_other_co_defendants_stay_two() {
    let file = cases(vec![
        article("a1", "2025-04-16")
            .person("Irina Solvay", None, None)
            .person("Pavel Dorn", None, None)
            .event(ev("detention", Some("2025-04-15"), &["Irina Solvay", "Pavel Dorn"])),
        article("a2", "2025-04-17")
            .person("Irina Kestrel", None, None)
            .person("Pavel Dorn", None, None)
            .person("Gleb Marek", None, None)
            .event(ev(
                "detention",
                Some("2025-04-15"),
                &["Irina Kestrel", "Pavel Dorn", "Gleb Marek"],
            )),
    ]);
    let c = &file.cases[0];
    let irinas: Vec<&str> = names(c).into_iter().filter(|n| n.starts_with("Irina")).collect();
    assert_eq!(irinas.len(), 2, "{:?}", names(c));
}

// ---------------------------------------------------------------- surname alone in one article

#[test]
fn an_article_telling_acts_about_a_surname_alone_links_by_the_full_name_it_gives() {
    // The extractor listed "Kabwe" apart from "Nando Kabwe Mulumba"; the
    // acts are told of "Kabwe".
    let file = cases(vec![
        article("a1", "2025-09-12")
            .person("Nando Kabwe Mulumba", Some("journalist"), None)
            .person("Kabwe", Some("reporter"), Some("Lake Courier"))
            .event(ev("detention", Some("2025-09-08"), &["Kabwe"]))
            .event(ev("questioning", Some("2025-09-09"), &["Nando Kabwe Mulumba"])),
        article("a2", "2025-10-01")
            .person("Nando Kabwe", Some("journalist"), None)
            .event(ev("pretrial_detention", Some("2025-09-14"), &["Nando Kabwe"])),
    ]);
    assert_eq!(articles_of(&file), vec![vec!["a1", "a2"]]);
    let c = &file.cases[0];
    let d = entries(c, "detention");
    assert_eq!(d.len(), 1);
    assert_eq!(subject_names(d[0]).len(), 1);
}

#[test]
fn a_surname_alone_that_fits_two_people_of_the_article_stands_for_neither() {
    let file = cases(vec![
        article("a1", "2025-09-12")
            .person("Lena Marsh", Some("reporter"), None)
            .person("Arno Marsh", Some("husband"), None)
            .person("Marsh", None, None)
            .event(ev("detention", Some("2025-09-08"), &["Marsh"])),
        article("a2", "2025-10-01")
            .person("Lena Marsh", Some("reporter"), None)
            .event(ev("pretrial_detention", Some("2025-09-14"), &["Lena Marsh"])),
    ]);
    // "Marsh" alone is no link: the articles stay apart (a1 has no named
    // defendant it is about by full name, so it founds its own case).
    assert_eq!(file.cases.len(), 2, "{:?}", articles_of(&file));
}
