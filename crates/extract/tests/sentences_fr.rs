//! Table-driven tests of the French pack: short French texts about fictional
//! people, each with the events it must give (type, date, subjects, status),
//! rendered by the shared `common::render`. Grouped by trigger family, dates,
//! status (negation, calls, motions, plans), names and appositions, and non-events.

mod common;

use common::render;

/// Extracts `text` as French (short texts are too short for language identification).
fn extract(text: &str, published: &str) -> casewatch_model::ExtractRecord {
    common::extract_in("fr", text, published)
}

/// Runs a table of French cases published on [`P`].
fn run(cases: &[(&str, &[&str])]) {
    common::run_in("fr", P, cases);
}

const P: &str = "2024-03-15"; // a Friday

#[test]
fn detention_and_questioning() {
    run(&[
        (
            "Le journaliste Paul Marchand a été arrêté le 14 mars.",
            &["detention@2024-03-14:Paul Marchand"],
        ),
        (
            "La police a arrêté la journaliste Claire Dubois lundi.",
            &["detention@2024-03-11:Claire Dubois"],
        ),
        (
            "Claire Dubois a été interpellée jeudi dernier à son domicile.",
            &["detention@2024-03-14:Claire Dubois"],
        ),
        (
            "Le reporter Hugo Lambert a été placé en garde à vue mardi.",
            &["detention@2024-03-12:Hugo Lambert"],
        ),
        (
            "L'arrestation de Lucie Moreau a eu lieu le 2 mars.",
            &["detention@2024-03-02:Lucie Moreau"],
        ),
        (
            "Le blogueur Karim Ben Salah a été interrogé par la police le 10 mars.",
            &["questioning@2024-03-10:Karim Ben Salah"],
        ),
        (
            "Mme Sophie Garnier a été auditionnée mercredi par les enquêteurs.",
            &["questioning@2024-03-13:Sophie Garnier"],
        ),
        (
            "Le journaliste Yanis Ould Ahmed a été convoqué le 5 mars.",
            &["questioning@2024-03-05:Yanis Ould Ahmed"],
        ),
    ]);
}

#[test]
fn search_seizure_and_travel_ban() {
    run(&[
        (
            "Une perquisition a visé le domicile de Marc Lefèvre le 3 mars.",
            &["search@2024-03-03:Marc Lefèvre"],
        ),
        (
            "Les policiers ont saisi l'ordinateur de Marc Lefèvre lundi.",
            &["seizure@2024-03-11:Marc Lefèvre"],
        ),
        (
            "Le juge a prononcé contre Julie Renaud une interdiction de quitter le territoire le 8 mars.",
            &["travel_ban@2024-03-08:Julie Renaud"],
        ),
    ]);
}

#[test]
fn charge_and_custody() {
    run(&[
        (
            "Le journaliste Paul Marchand a été inculpé le 16 février.",
            &["charge@2024-02-16:Paul Marchand"],
        ),
        (
            "Claire Dubois est poursuivie pour diffamation.",
            &["charge@-:Claire Dubois"],
        ),
        (
            "Hugo Lambert a été mis en examen mardi.",
            &["charge@2024-03-12:Hugo Lambert"],
        ),
        (
            "Le juge a placé Lucie Moreau en détention provisoire le 4 mars.",
            &["pretrial_detention@2024-03-04:Lucie Moreau"],
        ),
        (
            "Marc Lefèvre a été placé sous mandat de dépôt lundi.",
            &["pretrial_detention@2024-03-11:Marc Lefèvre"],
        ),
        (
            "Le photographe Marc Lefèvre a été placé en détention par la police le 1er mars.",
            &["detention@2024-03-01:Marc Lefèvre"],
        ),
    ]);
}

#[test]
fn trial_verdict_and_appeal() {
    run(&[
        (
            // (a verb that names its penalty is the sentence, as "sentenced to" is in English)
            "Le journaliste Paul Marchand a été condamné à trois ans de prison le 12 mars.",
            &["sentence@2024-03-12:Paul Marchand"],
        ),
        (
            "Le journaliste Paul Marchand a été condamné pour diffamation le 12 mars.",
            &["conviction@2024-03-12:Paul Marchand"],
        ),
        (
            "Claire Dubois a été reconnue coupable lundi.",
            &["conviction@2024-03-11:Claire Dubois"],
        ),
        (
            "Le tribunal a acquitté Hugo Lambert le 6 mars.",
            &["acquittal@2024-03-06:Hugo Lambert"],
        ),
        (
            "Le procès de Lucie Moreau s'est ouvert le 7 mars.",
            &["hearing@2024-03-07:Lucie Moreau"],
        ),
        (
            "Lors de l'audience du 9 mars, Marc Lefèvre a plaidé non coupable.",
            &["hearing@2024-03-09:Marc Lefèvre"],
        ),
        (
            "Julie Renaud a fait appel du jugement le 13 mars.",
            &["appeal@2024-03-13:Julie Renaud"],
        ),
    ]);
}

#[test]
fn release() {
    run(&[
        (
            "Le journaliste Paul Marchand a été libéré mercredi.",
            &["release@2024-03-13:Paul Marchand"],
        ),
        (
            "Claire Dubois a été remise en liberté le 11 mars.",
            &["release@2024-03-11:Claire Dubois"],
        ),
        (
            "Hugo Lambert a obtenu une liberté provisoire le 5 mars.",
            &["release@2024-03-05:Hugo Lambert"],
        ),
        (
            "Le blogueur Karim Ben Salah a bénéficié d'une libération conditionnelle en septembre 2023.",
            &["release@2023-09:Karim Ben Salah"],
        ),
    ]);
}

#[test]
fn dates() {
    run(&[
        (
            "Paul Marchand a été arrêté en septembre 2023.",
            &["detention@2023-09:Paul Marchand"],
        ),
        (
            "Paul Marchand a été arrêté le 20 décembre.",
            &["detention@2023-12-20:Paul Marchand"],
        ),
        (
            "Paul Marchand a été arrêté hier.",
            &["detention@2024-03-14:Paul Marchand"],
        ),
        (
            "Paul Marchand a été arrêté le 02/03/2024.",
            &["detention@2024-03-02:Paul Marchand"],
        ),
        ("Paul Marchand a été arrêté.", &["detention@-:Paul Marchand"]),
        // a deadline is no date of the event
        (
            "Paul Marchand a été placé en détention provisoire jusqu'au 21 juillet.",
            &["pretrial_detention@-:Paul Marchand"],
        ),
    ]);
}

#[test]
fn status() {
    run(&[
        (
            "Le journaliste Paul Marchand n'a pas été arrêté.",
            &["detention@-:Paul Marchand/not_occurred"],
        ),
        (
            "Claire Dubois n'a jamais été inculpée.",
            &["charge@-:Claire Dubois/not_occurred"],
        ),
        (
            "Le tribunal a rejeté la demande de mise en liberté de Hugo Lambert le 6 mars.",
            &["release@2024-03-06:Hugo Lambert/not_occurred"],
        ),
        (
            "La prochaine audience de Lucie Moreau est fixée au 20 mars.",
            &["hearing@2024-03-20:Lucie Moreau/not_occurred"],
        ),
        (
            "Marc Lefèvre comparaîtra devant le juge lundi prochain.",
            &["hearing@2024-03-18:Marc Lefèvre/not_occurred"],
        ),
        (
            "Des policiers auraient arrêté Julie Renaud samedi.",
            &["detention@2024-03-09:Julie Renaud/alleged"],
        ),
        (
            "Julie Renaud dément avoir été arrêtée.",
            &["detention@-:Julie Renaud/denied"],
        ),
        (
            "Un éventuel pourvoi de Julie Renaud reste possible.",
            &["appeal@-:Julie Renaud/not_occurred"],
        ),
    ]);
}

#[test]
fn calls_are_no_events() {
    run(&[
        ("L'association appelle à libérer Paul Marchand.", &[]),
        ("Le syndicat exige la libération de Claire Dubois.", &[]),
        ("Nous demandons la libération immédiate de Hugo Lambert.", &[]),
        ("Paul Marchand doit être libéré sans condition.", &[]),
        // a penalty the law provides for
        (
            "Selon Claire Dubois, la loi prévoit une peine pouvant aller jusqu'à cinq ans de prison.",
            &[],
        ),
    ]);
}

#[test]
fn names_and_appositions() {
    let rec = extract(
        "Le journaliste Jean-Luc Fontaine, correspondant du quotidien Le Matin, a été arrêté lundi. \
         Mme Awa Ben Youssef a été libérée mardi.",
        P,
    );
    let names: Vec<&str> = rec.people.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Jean-Luc Fontaine"), "{names:?}");
    assert_eq!(rec.people[0].occupation.as_deref(), Some("journaliste"));
    assert_eq!(rec.people[0].affiliation.as_deref(), Some("Le Matin"));
    assert!(names.contains(&"Awa Ben Youssef"), "{names:?}");
    assert_eq!(
        render(&rec),
        [
            "detention@2024-03-11:Jean-Luc Fontaine",
            "release@2024-03-12:Awa Ben Youssef"
        ]
    );
    // "M." and particles: "de la"; an apposition "X, journaliste à Y"
    let rec = extract(
        "M. Jean de la Fontaine, journaliste à La Gazette du Soir, a été arrêté lundi.",
        P,
    );
    let p = &rec.people[0];
    assert_eq!(p.name, "Jean de la Fontaine");
    assert_eq!(p.occupation.as_deref(), Some("journaliste"));
    assert_eq!(render(&rec), ["detention@2024-03-11:Jean de la Fontaine"]);
    // the event of a pronoun goes to the person of the paragraph
    run(&[(
        "La journaliste Inès Durand a été arrêtée le 3 mars. Elle a été inculpée le 5 mars.",
        &["detention@2024-03-03:Inès Durand", "charge@2024-03-05:Inès Durand"],
    )]);
}

#[test]
fn non_events() {
    run(&[
        ("Un mandat d'arrêt a été émis contre Paul Marchand.", &[]),
        ("La cour d'appel de la ville est fermée le dimanche.", &[]),
        (
            "Les conditions de détention restent difficiles selon Claire Dubois.",
            &[],
        ),
    ]);
}

#[test]
fn french_reports_are_identified_and_routed() {
    let text = "La police a arrêté le journaliste Paul Marchand mardi dans la capitale, a indiqué son avocat \
                devant le tribunal. Il a été placé en garde à vue puis libéré le lendemain.";
    assert_eq!(casewatch_extract::language::identify(text), "fr");
    assert!(casewatch_extract::language::has_pack("fr"));
    let rec = extract(text, P);
    assert!(
        render(&rec)
            .iter()
            .any(|e| e.starts_with("detention@2024-03-12:Paul Marchand")),
        "{:?}",
        render(&rec)
    );
}

#[test]
fn relative_dates_references_and_groups() {
    run(&[
        (
            "Paul Marchand a été arrêté il y a une semaine.",
            &["detention@2024-03-08:Paul Marchand"],
        ),
        // an announced hearing on a bare weekday is the next one
        (
            "L'audience de Paul Marchand aura lieu mardi.",
            &["hearing@2024-03-19:Paul Marchand/not_occurred"],
        ),
        // an event told as a point in time
        ("Depuis son arrestation, Claire Dubois écrit des lettres.", &[]),
        // a plural description: the people named together, else a group
        (
            "Les journalistes Paul Marchand et Claire Dubois ont été interpellés lundi. \
             Les deux journalistes ont été libérés mardi.",
            &[
                "detention@2024-03-11:Claire Dubois+Paul Marchand",
                "release@2024-03-12:Claire Dubois+Paul Marchand",
            ],
        ),
        (
            "Des journalistes ont été interpellés lundi.",
            &["detention@2024-03-11:[Des journalistes]"],
        ),
    ]);
}

#[test]
fn a_french_user_lexicon_extends_the_french_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fr-extra.toml");
    std::fs::write(
        &path,
        "[language]\ncode = \"fr\"\n\n[[trigger]]\nid = \"detention.user.fr\"\ntype = \"detention\"\nvoice = \"object\"\npatterns = [\"cueilli|cueillie\"]\n",
    )
    .expect("write lexicon");
    let mut ex = casewatch_extract::Extractor::multilingual().expect("packs");
    ex.add_lexicon(&path)
        .expect("a French lexicon loads into the French pack");
    let meta = casewatch_model::ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 15),
        title: None,
        language: "fr".into(),
        sha256: "0".repeat(64),
        url: None,
    };
    let rec = ex.extract(meta, "Paul Marchand a été cueilli lundi.").record;
    assert_eq!(render(&rec), ["detention@2024-03-11:Paul Marchand"]);
    // without the French pack, a French lexicon is an error that names the file
    let mut en = casewatch_extract::Extractor::english().expect("english");
    let err = en.add_lexicon(&path).expect_err("no French pack").to_string();
    assert!(err.contains("fr-extra.toml") && err.contains("French"), "{err}");
}

/// An appeal court that ratifies ("a entériné") a judgment rules on the
/// appeal; an act weighed "ou non" is undecided.
#[test]
fn ratified_judgments_and_undecided_acts() {
    run(&[
        (
            "Mardi, la cour d'appel a entériné le jugement de première instance visant le journaliste Paul Marchand.",
            &["appeal@2024-03-12:Paul Marchand"],
        ),
        (
            "Le journaliste Paul Marchand a été condamné. Ses avocats diront plus tard s'ils formeront un pourvoi en cassation ou non.",
            &["conviction@-:Paul Marchand", "appeal@-:Paul Marchand/not_occurred"],
        ),
    ]);
}

/// Charges named with a determiner ("des chefs d'accusation") are the ones
/// already brought: no act of the sentence dates them.
#[test]
fn restated_charges_take_no_date() {
    run(&[(
        "Lors de la première audience il y a une semaine, les avocats de Paul Marchand ont contesté les chefs d'accusation.",
        &["hearing@2024-03-08:Paul Marchand", "charge@-:Paul Marchand"],
    )]);
}
