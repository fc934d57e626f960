//! Table-driven tests of the kinds of sentence real news is made of (fictional
//! people, outlets and places): document structure, names that are not people,
//! calls and demands, court-ordered arrest, participants and the sets they
//! form, nominal and light-verb triggers, status scope, dates and non-events.
//! Each case gives the events as `type@date:subject+subject/status` strings.

mod common;

use common::{extract, run};

/// Headlines, datelines, section headers, captions and sidebars are read for nothing.
#[test]
fn document_structure() {
    run(&[
        (
            "Reporter Lina Vos was detained on Monday.\nLina Vos arrives at the district court on January 22, 2026, to attend her hearing. PHOTO: Nora Quist\nThe court convicted her of sedition.",
            "2026-01-23",
            &[
                "detention@2026-01-19:Lina Vos",
                "hearing@2026-01-22:Lina Vos",
                "conviction@2026-01-19:Lina Vos",
            ],
        ),
        (
            "Court Jails Reporter Dana Okafor Over Posts\nPolice detained reporter Lev Arkhipov on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Lev Arkhipov"],
        ),
        (
            "Case background\nThe court sentenced reporter Lev Arkhipov to four years on Monday.",
            "2025-06-18",
            &["sentence@2025-06-16:Lev Arkhipov"],
        ),
        (
            "Reporter Lev Arkhipov was detained on Monday.\nLev Arkhipov outside the court. Photo: Nora Quist / Kestrel Images\nHe was questioned for six hours.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Lev Arkhipov",
                "questioning@2025-06-16:Lev Arkhipov",
            ],
        ),
        (
            "12 March 2025, 10:15\nUpdated March 13\nInvestigators searched the office of the weekly Harbour Light on Tuesday.",
            "2025-03-13",
            &["search@2025-03-11:Harbour Light"],
        ),
        (
            "Related: Another Reporter Detained In The Capital\nThe court fined blogger Mira Sato on Friday.",
            "2025-06-18",
            &["sentence@2025-06-13:Mira Sato"],
        ),
        (
            "Journalists Targeted By Arrests\nRead more\nPolice arrested journalist Omar Said on June 2.",
            "2025-06-18",
            &["detention@2025-06-02:Omar Said"],
        ),
        (
            "By Nora Quist\nJune 17, 2025\nInvestigators questioned editor Ivo Marek on Monday.",
            "2025-06-18",
            &["questioning@2025-06-16:Ivo Marek"],
        ),
        (
            "Timeline\nPolice detained blogger Omar Said on May 5.\nHe was released on May 7.",
            "2025-06-18",
            &["detention@2025-05-05:Omar Said", "release@2025-05-07:Omar Said"],
        ),
        (
            "Police detained blogger Omar Said on May 5.\nShare this story\nSubscribe to our newsletter",
            "2025-06-18",
            &["detention@2025-05-05:Omar Said"],
        ),
        (
            "Reporter Detained Over Facebook Post\nPolice detained reporter Ana Kovac on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
    ]);
}

/// Outlets, organisations, titles of office, laws and prizes are not people.
#[test]
fn names_that_are_not_people() {
    run(&[
        (
            "Police detained reporter Ana Kovac of Radio Harbour International on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "The Committee to Protect Journalists said police detained reporter Ana Kovac on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporters Without Borders said the court sentenced blogger Omar Said to two years.",
            "2025-06-18",
            &["sentence@-:Omar Said"],
        ),
        (
            "Blogger Omar Said was detained at the Grand Harbour Hotel on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Omar Said"],
        ),
        (
            "Prime Minister Karl Brenner said the reporter Ana Kovac had been detained on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac, a critic of President Karl Brenner, was detained on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was charged under the Public Order Act of 2019 on Friday.",
            "2025-06-18",
            &["charge@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac won the Golden Pen Prize in 2019. She was arrested on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained on Friday, the Eastern Europe Press Network said.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
    ]);
}

/// Calls and demands by outsiders are no events; what they mention keeps its own mood.
#[test]
fn calls_and_demands() {
    run(&[
        (
            "The Press Watch group calls on the authorities to release reporter Dana Okafor, who was detained on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Dana Okafor"],
        ),
        (
            "Rights groups urged the government to free journalist Lev Arkhipov and drop all charges against him.",
            "2025-06-18",
            &[],
        ),
        (
            "Reporter Mira Sato must be released immediately, the union said.",
            "2025-06-18",
            &[],
        ),
        (
            "Protesters gathered outside the court demanding the release of blogger Omar Said.",
            "2025-06-18",
            &[],
        ),
        (
            "The foreign ministry called for the immediate release of editor Tomas Berik.",
            "2025-06-18",
            &[],
        ),
        (
            "Authorities should free reporter Ana Kovac, who was arrested on Tuesday, the group said.",
            "2025-06-18",
            &["detention@2025-06-17:Ana Kovac"],
        ),
        (
            "The defence asked the court to release Ana Kovac on bail.",
            "2025-06-18",
            &["release@-:Ana Kovac/not_occurred"],
        ),
        (
            "Free Voice, a rights group, urges the authorities to release all detained journalists.",
            "2025-06-18",
            &[],
        ),
        (
            "Reporter Ana Kovac should be freed without delay, said the union.",
            "2025-06-18",
            &[],
        ),
        (
            "The union called on police to stop harassing reporter Ana Kovac, who was searched on Monday.",
            "2025-06-18",
            &["search@2025-06-16:Ana Kovac"],
        ),
        (
            "The embassy demanded that the authorities release editor Ivo Marek.",
            "2025-06-18",
            &[],
        ),
        (
            "Ivo Marek's family appealed to the president to pardon him.",
            "2025-06-18",
            &[],
        ),
    ]);
}

/// A court's arrest is pre-trial detention, the police's is detention.
#[test]
fn court_ordered_arrest() {
    run(&[
        (
            "Reporter Deniz Kaya was detained in Istanbul on Monday. She was arrested on Tuesday, Turkish media reported.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Deniz Kaya",
                "pretrial_detention@2025-06-17:Deniz Kaya",
            ],
        ),
        (
            "Police arrested reporter Deniz Kaya in Istanbul on Monday, Turkish media reported.",
            "2025-06-18",
            &["detention@2025-06-16:Deniz Kaya"],
        ),
        (
            "Reporter Deniz Kaya was arrested in Lisbon on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Deniz Kaya"],
        ),
        (
            "An Ankara court arrested journalist Deniz Kaya on Tuesday pending trial.",
            "2025-06-18",
            &["pretrial_detention@2025-06-17:Deniz Kaya"],
        ),
        (
            "Reporter Deniz Kaya was arrested by a court decision on Tuesday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-17:Deniz Kaya"],
        ),
        (
            "Police arrested reporter Deniz Kaya at her home on Tuesday.",
            "2025-06-18",
            &["detention@2025-06-17:Deniz Kaya"],
        ),
        (
            "Blogger Ilya Orlov was arrested for two months on Tuesday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-17:Ilya Orlov"],
        ),
        (
            "Blogger Ilya Orlov was arrested until 19 August.",
            "2025-06-18",
            &["pretrial_detention@-:Ilya Orlov"],
        ),
        (
            "A Kazan court arrested blogger Ilya Orlov for two months on Friday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-13:Ilya Orlov"],
        ),
        (
            "Police detained blogger Ilya Orlov on Thursday, and a court arrested him on Friday.",
            "2025-06-18",
            &[
                "detention@2025-06-12:Ilya Orlov",
                "pretrial_detention@2025-06-13:Ilya Orlov",
            ],
        ),
        (
            "The court replaced pre-trial detention with house arrest for reporter Ilya Orlov on Friday.",
            "2025-06-18",
            &[
                "pretrial_detention@2025-06-13:Ilya Orlov",
                "house_arrest@2025-06-13:Ilya Orlov",
            ],
        ),
    ]);
}

/// Named members, companions, counted groups, plural references, descriptions and pronouns.
#[test]
fn participants_and_sets() {
    run(&[
        (
            "Police detained reporter Ivo Marek and editor Lina Vosova on Monday.\n\"The trial will start soon,\" she said.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ivo Marek+Lina Vosova",
                "hearing@2025-06-16:Ivo Marek+Lina Vosova/not_occurred",
            ],
        ),
        (
            "The appeal hearing in the sedition case against the weekly Harbour Light opened on Monday.\n\nEditors Ivo Marek and Petra Zeman were convicted of sedition in March.",
            "2025-06-18",
            &[
                "appeal@2025-06-16:Ivo Marek+Petra Zeman",
                "conviction@2025-03:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "The verdict in the libel case against the weekly Harbour Light has been postponed to November 15.\n\nIvo Marek, its former chief editor, and Petra Zeman, its former deputy editor, stand accused of libel.\n\nBoth defendants had spent more than a year behind bars.",
            "2023-09-21",
            // (the verdict put off to a day is a hearing not yet held)
            &[
                "hearing@2023-11-15:Ivo Marek+Petra Zeman/not_occurred",
                "charge@-:Ivo Marek+Petra Zeman",
                "pretrial_detention@-:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Reporter Lina Vos was among seven people arrested by police on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Lina Vos"],
        ),
        (
            "Reporter Ivo Poczobut was detained on Monday. A court sentenced Poczobyt to eight years on Friday.",
            "2025-06-18",
            &["detention@2025-06-16:Ivo Poczobut", "sentence@2025-06-13:Ivo Poczobut"],
        ),
        (
            "Reporter Ivo Marek was detained on Monday in a city run by the Karl Brenner regime. He was accused of treason on Tuesday.",
            "2025-06-18",
            &["detention@2025-06-16:Ivo Marek", "charge@2025-06-17:Ivo Marek"],
        ),
        (
            "A court in the capital sentenced a journalist to nine years in prison on Tuesday. Lina Vos, 43, was accused of treason.",
            "2025-06-18",
            &["sentence@2025-06-17:Lina Vos", "charge@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Mira Tal said police detained a cameraman on Tuesday. Lina Vos, 43, was not detained.",
            "2025-06-18",
            &[
                "detention@2025-06-17:[a cameraman]",
                "detention@2025-06-17:Lina Vos/not_occurred",
            ],
        ),
        (
            "Four board members were also arrested on Monday, including pop singer Lina Vos, attorney Karl Brenner and Omar Said.",
            "2025-06-18",
            &["detention@2025-06-16:Karl Brenner+Lina Vos+Omar Said"],
        ),
        (
            "Dana Okafor was arrested on Monday along with fellow journalists Lev Arkhipov and Mira Sato.",
            "2025-06-18",
            &["detention@2025-06-16:Dana Okafor+Lev Arkhipov+Mira Sato"],
        ),
        (
            "Reporters Ivo Marek, Petra Zeman, Ana Kovac and Boris Lenz were accused of extremism. Four journalists were sentenced on Monday to five years each.",
            "2025-06-18",
            &[
                "charge@-:Ana Kovac+Boris Lenz+Ivo Marek+Petra Zeman",
                "sentence@2025-06-16:Ana Kovac+Boris Lenz+Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Ivo Marek and Petra Zeman were detained on Monday. The pair were released on Friday.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ivo Marek+Petra Zeman",
                "release@2025-06-13:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Ivo Marek and Petra Zeman were detained on Monday. Both defendants were remanded in custody on Wednesday.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ivo Marek+Petra Zeman",
                "pretrial_detention@2025-06-18:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Ivo Marek and activists Petra Zeman and Ana Kovac were arrested on Monday. The three activists were charged with hooliganism on Tuesday.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ana Kovac+Ivo Marek+Petra Zeman",
                "charge@2025-06-17:Ana Kovac+Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Mr. Marek and Ms. Zeman were arrested on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Marek+Zeman"],
        ),
        (
            "Dana Okafor (Lenz), a reporter for Kestrel News, was detained on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Dana Okafor"],
        ),
        (
            "Dana Okafova was detained on Monday at a rally in memory of activist Ivan Petrov. She was charged with hooliganism on Tuesday.",
            "2025-06-18",
            &["detention@2025-06-16:Dana Okafova", "charge@2025-06-17:Dana Okafova"],
        ),
        (
            "Two former editors of Kestrel News were given jail sentences on Thursday. Former editor-in-chief Ivo Marek and ex-acting chief editor Petra Zeman were convicted last month.",
            "2025-06-20",
            &[
                "sentence@2025-06-19:Ivo Marek+Petra Zeman",
                "conviction@2025-05:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Eight people were detained on Monday, among them reporters Ivo Marek and Petra Zeman.",
            "2025-06-18",
            &["detention@2025-06-16:Ivo Marek+Petra Zeman"],
        ),
        (
            "Reporter Ana Kovac was detained on Monday together with camera operator Boris Lenz.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac+Boris Lenz"],
        ),
        (
            "Ivo Marek and Petra Zeman were detained on Monday. They were charged with fraud on Tuesday.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ivo Marek+Petra Zeman",
                "charge@2025-06-17:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Police detained reporter Ana Kovac on Monday. The 33-year-old was released on Wednesday.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac", "release@2025-06-18:Ana Kovac"],
        ),
        (
            "Police detained reporter Ana Kovac on Monday. The journalist was released on Wednesday.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac", "release@2025-06-18:Ana Kovac"],
        ),
        (
            "Lawyer Karl Brenner said his client Ana Kovac was questioned on Monday.",
            "2025-06-18",
            &["questioning@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporters Ivo Marek and Petra Zeman were detained on Monday. Two days later, both were released.",
            "2025-06-18",
            &[
                "detention@2025-06-16:Ivo Marek+Petra Zeman",
                "release@2025-06-18:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Three journalists were detained on Monday. Editor Ivo Marek, reporter Petra Zeman and camera operator Boris Lenz were taken to the police station.",
            "2025-06-18",
            &["detention@2025-06-16:Boris Lenz+Ivo Marek+Petra Zeman"],
        ),
        (
            "Editor Ivo Marek's home was searched on Monday, and he was detained.",
            "2025-06-18",
            &["search@2025-06-16:Ivo Marek", "detention@2025-06-16:Ivo Marek"],
        ),
        (
            "Reporters Ivo Marek and Petra Zeman, who were detained on Monday, were released on Friday.",
            "2025-06-21",
            &[
                "detention@2025-06-16:Ivo Marek+Petra Zeman",
                "release@2025-06-20:Ivo Marek+Petra Zeman",
            ],
        ),
        (
            "Most of the defendants were placed under house arrest on Monday.",
            "2025-06-18",
            &["house_arrest@2025-06-16:[Most of the defendants]"],
        ),
    ]);
}

/// Bail, remand, light verbs, proceedings, appearances, pleas, pressure, blocks.
#[test]
fn nominal_and_light_verb_triggers() {
    run(&[
        (
            "Reporter Lina Vos was presented this morning at the federal court.",
            "2020-11-09",
            &["hearing@2020-11-09:Lina Vos"],
        ),
        (
            "Reporter Ivo Marek was granted bail on Tuesday.",
            "2025-06-18",
            &["release@2025-06-17:Ivo Marek"],
        ),
        (
            "Journalist Ivo Marek posted bail on Tuesday.",
            "2025-06-18",
            &["release@2025-06-17:Ivo Marek"],
        ),
        (
            "Editor Ana Kovac walked free from the district court on Tuesday.",
            "2025-06-18",
            &["release@2025-06-17:Ana Kovac"],
        ),
        (
            "Reporter Ivo Marek had spent seven months in pre-trial detention.",
            "2025-06-18",
            &["pretrial_detention@-:Ivo Marek"],
        ),
        (
            "The court handed down a six-year sentence to blogger Omar Said on Tuesday.",
            "2025-06-18",
            &["sentence@2025-06-17:Omar Said"],
        ),
        (
            "Blogger Omar Said must pay a fine of 300 euros.",
            "2025-06-18",
            &["sentence@-:Omar Said"],
        ),
        (
            "Prosecutors opened criminal proceedings against reporter Lina Vos on Tuesday.",
            "2025-06-18",
            &["charge@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos appeared before the district court on Tuesday.",
            "2025-06-18",
            &["hearing@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos pleaded not guilty on Tuesday.",
            "2025-06-18",
            &["confession@2025-06-17:Lina Vos/not_occurred"],
        ),
        (
            "Editor Ana Kovac admitted breaking the law in her final statement.",
            "2025-06-18",
            &["confession@-:Ana Kovac"],
        ),
        (
            "Reporter Lina Vos said she was pressured to sign a statement.",
            "2025-06-18",
            &["coercion_allegation@-:Lina Vos/alleged"],
        ),
        (
            "On Tuesday, the X account of reporter Lina Vos was blocked.",
            "2025-06-18",
            &["website_block@2025-06-17:Lina Vos"],
        ),
        (
            "Police stormed the office of the weekly Harbour Light on Tuesday.",
            "2025-06-18",
            &["search@2025-06-17:Harbour Light"],
        ),
        (
            "Reporter Lina Vos was handcuffed and taken away on Tuesday.",
            "2025-06-18",
            &["detention@2025-06-17:Lina Vos"],
        ),
        (
            "Journalist Lina Vos is restricted from leaving the country.",
            "2025-06-18",
            &["travel_ban@-:Lina Vos"],
        ),
        (
            "The lawyers of editor Ana Kovac filed a plea challenging her arrest on Tuesday.",
            "2025-06-18",
            &["appeal@2025-06-17:Ana Kovac"],
        ),
        (
            "Reporter Ivo Marek was rearrested on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek was taken into police custody on Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek was sent to prison pending trial on Friday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-13:Ivo Marek"],
        ),
        (
            "The court imposed a fine on reporter Ivo Marek on Friday.",
            "2025-06-18",
            &["sentence@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek received a suspended sentence of two years on Friday.",
            "2025-06-18",
            &["sentence@2025-06-13:Ivo Marek"],
        ),
        (
            "Police registered a case against reporter Ivo Marek on Friday.",
            "2025-06-18",
            &["charge@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek was produced before a magistrate on Friday.",
            "2025-06-18",
            &["hearing@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek was brought to the district court on Friday.",
            "2025-06-18",
            &["hearing@2025-06-13:Ivo Marek"],
        ),
        (
            "The high court quashed the conviction of reporter Ivo Marek on Friday.",
            "2025-06-18",
            &["appeal@2025-06-13:Ivo Marek"],
        ),
        (
            "Police delayed access to his lawyers for reporter Ivo Marek on Friday.",
            "2025-06-18",
            &["denial_of_counsel@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek said his statement was made under duress.",
            "2025-06-18",
            &["coercion_allegation@-:Ivo Marek/alleged"],
        ),
        (
            "Reporter Ivo Marek left prison on Friday.",
            "2025-06-18",
            &["release@2025-06-13:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek was placed in pre-trial detention on Monday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-16:Ivo Marek"],
        ),
        (
            "A court in the capital extended the detention of reporter Ivo Marek on Monday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-16:Ivo Marek"],
        ),
    ]);
}

/// Refusals, modal predicates of event nouns, deadlines, offers, denials, rulings.
#[test]
fn status_scope() {
    run(&[
        (
            "Judge Karl Brenner postponed the hearing of reporter Lina Vos until June 30.",
            "2025-06-18",
            &["hearing@2025-06-30:Lina Vos/not_occurred"],
        ),
        (
            "Reporter Lina Vos appeared in court on Monday. Her next hearing was adjourned until 22 July.",
            "2025-06-18",
            &[
                "hearing@2025-06-16:Lina Vos",
                "hearing@2025-07-22:Lina Vos/not_occurred",
            ],
        ),
        (
            "The court did not satisfy the complaint and remanded reporter Lina Vos in custody.",
            "2025-06-18",
            &["pretrial_detention@-:Lina Vos"],
        ),
        (
            "The court denied provisional release to journalist Ivo Marek on Monday.",
            "2025-06-18",
            &["release@2025-06-16:Ivo Marek/not_occurred"],
        ),
        (
            "The trial of reporter Lina Vos could have started in May, but nothing is known.",
            "2025-06-18",
            &[], // a possibility, not a scheduled act (taxonomy: hypothetical acts are no events)
        ),
        (
            "The trial of reporter Lina Vos is yet to begin.",
            "2025-06-18",
            &["hearing@-:Lina Vos/not_occurred"],
        ),
        (
            "Police received 14 days to remand reporter Lina Vos on Monday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-16:Lina Vos"],
        ),
        (
            "Reporter Lina Vos has 30 days to appeal.",
            "2025-06-18",
            &["appeal@-:Lina Vos/not_occurred"],
        ),
        (
            "The court refused to release reporter Ivo Marek on Friday.",
            "2025-06-18",
            &["release@2025-06-13:Ivo Marek/not_occurred"],
        ),
        (
            "The next hearing of reporter Ivo Marek is scheduled for July 2.",
            "2025-06-18",
            &["hearing@2025-07-02:Ivo Marek/not_occurred"],
        ),
        (
            "Reporter Ivo Marek was offered house arrest in exchange for a confession.",
            "2025-06-18",
            &[
                "house_arrest@-:Ivo Marek/not_occurred",
                "confession@-:Ivo Marek/not_occurred",
            ],
        ),
        (
            "Reporter Ivo Marek denied that he had confessed.",
            "2025-06-18",
            &["confession@-:Ivo Marek/denied"],
        ),
        (
            "The authorities denied that reporter Ivo Marek had been beaten.",
            "2025-06-18",
            &["coercion_allegation@-:Ivo Marek/denied"],
        ),
        (
            "The union asked why reporter Ivo Marek, who was detained on Friday, had not been charged.",
            "2025-06-18",
            &["detention@2025-06-13:Ivo Marek", "charge@-:Ivo Marek/not_occurred"],
        ),
        (
            "The court ruled that reporter Ivo Marek should be released on Friday.",
            "2025-06-18",
            &["release@2025-06-13:Ivo Marek"],
        ),
    ]);
}

/// Abbreviated months, verdict dates, laws named by year, relative days.
#[test]
fn dates_in_real_news() {
    run(&[
        (
            "The next hearing of reporter Lina Vos is scheduled for July 1.",
            "2025-06-19",
            &["hearing@2025-07-01:Lina Vos/not_occurred"],
        ),
        (
            "The family of reporter Lina Vos came to court here on Thursday, hoping she would be acquitted.\n\nThe court convicted Lina Vos of sedition.",
            "2026-01-23",
            // the hope is no act (like a call); the scene's day dates the verdict
            &["conviction@2026-01-22:Lina Vos"],
        ),
        (
            "On January 14, Judge Karl Brenner ordered the remand of reporter Lina Vos, a decision criticized in a January 16 brief by her lawyers.",
            "2025-06-18",
            &["pretrial_detention@2025-01-14:Lina Vos"],
        ),
        (
            "Police detained reporter Lina Vos on November 8. The following evening, a court sent her to prison pending trial.",
            "2024-11-12",
            &[
                "detention@2024-11-08:Lina Vos",
                "pretrial_detention@2024-11-09:Lina Vos",
            ],
        ),
        (
            "Police detained reporter Lina Vos on October 6-7, 2024.",
            "2025-06-18",
            &["detention@2024-10-06:Lina Vos"],
        ),
        (
            "The court on Dec. 14 convicted journalist Lina Vos.",
            "2025-12-20",
            &["conviction@2025-12-14:Lina Vos"],
        ),
        (
            "Police detained reporter Lina Vos on Feb. 7, 2025.",
            "2025-03-01",
            &["detention@2025-02-07:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was convicted under the Media Act of 2012 on Tuesday.",
            "2025-06-18",
            &["conviction@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos has been sentenced to nine years. The court on June 14 convicted her of treason.",
            "2025-06-18",
            &["sentence@2025-06-14:Lina Vos", "conviction@2025-06-14:Lina Vos"],
        ),
        (
            "Police detained reporter Lina Vos on Sept. 3.",
            "2025-09-20",
            &["detention@2025-09-03:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was detained on Friday. The court sentenced her to two years on 12 May.",
            "2025-05-16",
            &["detention@2025-05-16:Lina Vos", "sentence@2025-05-12:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was convicted on May 12. She was sentenced to two years.",
            "2025-05-16",
            &["conviction@2025-05-12:Lina Vos", "sentence@2025-05-12:Lina Vos"],
        ),
        (
            "The court on March 3 sentenced reporter Lina Vos to two years, under the Criminal Code of 1999.",
            "2025-05-16",
            &["sentence@2025-03-03:Lina Vos"],
        ),
        (
            "Reporter Ivo Marek was detained in December. The court released him on Monday.",
            "2025-02-05",
            &["detention@2024-12:Ivo Marek", "release@2025-02-03:Ivo Marek"],
        ),
    ]);
}

/// Names with trigger words, states, time limits, generic comparisons, references, coverage.
#[test]
fn non_events() {
    run(&[
        (
            "Reporter Lina Vos is prohibited from leaving her home between 10 p.m. and 6 a.m.",
            "2025-06-18",
            &[],
        ),
        (
            "The regime is too weak to convict reporter Lina Vos, her colleague said.",
            "2025-06-18",
            &[],
        ),
        (
            "Lina Vos, a detained reporter, spoke to her lawyer on Monday.",
            "2025-06-18",
            &[],
        ),
        (
            "Reporter Lina Vos is being investigated for allegedly assaulting a police officer, a charge under Article 353.",
            "2025-06-18",
            &[],
        ),
        // the hearing is the setting, and being questioned there is the
        // court's examination, no questioning
        (
            "Reporter Lina Vos was questioned during the hearing on Tuesday.",
            "2025-06-18",
            &[],
        ),
        (
            "The trial panel sentenced reporter Lina Vos to two years on Tuesday.",
            "2025-06-18",
            &["sentence@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos pleaded guilty at the first hearing on Tuesday.",
            "2025-06-18",
            &["confession@2025-06-17:Lina Vos", "hearing@2025-06-17:Lina Vos"],
        ),
        ("Reporter Lina Vos works for Radio Free Harbour.", "2025-06-18", &[]),
        (
            "After six years in detention, reporter Lina Vos was convicted on Tuesday.",
            "2025-06-18",
            &["conviction@2025-06-17:Lina Vos"],
        ),
        (
            "They were the first journalists to be convicted of sedition since 1997.",
            "2025-06-18",
            &[],
        ),
        (
            "The court upheld the city court's verdict sentencing reporter Lina Vos on Tuesday.",
            "2025-06-18",
            &["appeal@2025-06-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos has been held in custody until sentencing.",
            "2025-06-18",
            &[],
        ),
        (
            "Lina Vos covered every court hearing of Ivo Marek's foundation.",
            "2025-06-18",
            &[],
        ),
        (
            "Human Rights Watch director Karl Brenner described the sentencing of Ivo Marek as a travesty.",
            "2025-06-18",
            &["sentence@-:Ivo Marek"],
        ),
        ("Reporter Lina Vos writes for the Free Press Review.", "2025-06-18", &[]),
        ("Reporter Lina Vos was held until trial.", "2025-06-18", &[]),
        (
            "She is the third journalist to be detained since January.",
            "2025-06-18",
            &[],
        ),
        (
            "The verdict against reporter Lina Vos was upheld on Friday.",
            "2025-06-18",
            &["appeal@2025-06-13:Lina Vos"],
        ),
        (
            "Reporter Lina Vos, who spent a year in detention, spoke to reporters on Friday.",
            "2025-06-18",
            &[],
        ),
        (
            "Reporter Lina Vos covered the trial of the former minister.",
            "2025-06-18",
            &[],
        ),
        ("Police said the detention centre was full.", "2025-06-18", &[]),
        (
            "Reporter Ivo Marek published a report on arrests of activists.",
            "2025-06-18",
            &[],
        ),
    ]);
}

/// No headline fragment, title of office, outlet, organisation, law, prize or
/// place is listed as a person.
#[test]
fn people_are_people() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Reporter Ana Kovac, who works for international media outlets including Harbour Afrique and Reuters, was arrested on Monday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "The Ministry of Foreign Affairs said reporter Ana Kovac had been detained.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "The Harbour Grand Hotel refused to hand over footage, reporter Ana Kovac said. Harbour Grand has not commented.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac won the 2024 Golden Lantern Literary prize for her book.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac wrote the book “The Quiet Coast” in prison.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was educated in the United States.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was held at the Grey Owl colony.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Court Jails Reporter Dana Okafor Over Posts\nPolice detained reporter Lev Arkhipov on Monday.",
            "2025-06-18",
            &["Lev Arkhipov"],
        ),
        (
            "Case background\nThe court sentenced reporter Lev Arkhipov to four years on Monday.",
            "2025-06-18",
            &["Lev Arkhipov"],
        ),
        (
            "Reporter Lev Arkhipov was detained on Monday.\nLev Arkhipov outside the court. Photo: Nora Quist / Kestrel Images\nHe was questioned for six hours.",
            "2025-06-18",
            &["Lev Arkhipov"],
        ),
        (
            "12 March 2025, 10:15\nUpdated March 13\nInvestigators searched the office of the weekly Harbour Light on Tuesday.",
            "2025-03-13",
            &[],
        ),
        (
            "Related: Another Reporter Detained In The Capital\nThe court fined blogger Mira Sato on Friday.",
            "2025-06-18",
            &["Mira Sato"],
        ),
        (
            "Journalists Targeted By Arrests\nRead more\nPolice arrested journalist Omar Said on June 2.",
            "2025-06-18",
            &["Omar Said"],
        ),
        (
            "By Nora Quist\nJune 17, 2025\nInvestigators questioned editor Ivo Marek on Monday.",
            "2025-06-18",
            &["Ivo Marek"],
        ),
        (
            "Timeline\nPolice detained blogger Omar Said on May 5.\nHe was released on May 7.",
            "2025-06-18",
            &["Omar Said"],
        ),
        (
            "Police detained blogger Omar Said on May 5.\nShare this story\nSubscribe to our newsletter",
            "2025-06-18",
            &["Omar Said"],
        ),
        (
            "Reporter Detained Over Facebook Post\nPolice detained reporter Ana Kovac on Friday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Police detained reporter Ana Kovac of Radio Harbour International on Friday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "The Committee to Protect Journalists said police detained reporter Ana Kovac on Friday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporters Without Borders said the court sentenced blogger Omar Said to two years.",
            "2025-06-18",
            &["Omar Said"],
        ),
        (
            "Blogger Omar Said was detained at the Grand Harbour Hotel on Friday.",
            "2025-06-18",
            &["Omar Said"],
        ),
        (
            "Prime Minister Karl Brenner said the reporter Ana Kovac had been detained on Friday.",
            "2025-06-18",
            &["Karl Brenner", "Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac, a critic of President Karl Brenner, was detained on Friday.",
            "2025-06-18",
            &["Ana Kovac", "Karl Brenner"],
        ),
        (
            "Reporter Ana Kovac was charged under the Public Order Act of 2019 on Friday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac won the Golden Pen Prize in 2019. She was arrested on Friday.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained on Friday, the Eastern Europe Press Network said.",
            "2025-06-18",
            &["Ana Kovac"],
        ),
        // a title in quotes, however long; an office after "the"; a work or a thing after a determiner
        (
            "The tycoon Ivo Marek sued the daily Harbour Light over the article \"Luxurious Villa with a View to the Sea\" by reporter Lina Vos.",
            "2025-03-19",
            &["Ivo Marek", "Lina Vos"],
        ),
        (
            "He sued Karl Brenner, the Grant Holder of the newspaper, and reporter Lina Vos.",
            "2025-03-19",
            &["Karl Brenner", "Lina Vos"],
        ),
        (
            "Today we have no Iron Curtain. Reporter Lina Vos was detained on Monday.",
            "2025-03-19",
            &["Lina Vos"],
        ),
        (
            "His memoir, The Losing Side, was published abroad. Reporter Lina Vos was detained on Monday.",
            "2025-03-19",
            &["Lina Vos"],
        ),
        // whom a media worker works for, and what a "news website" or "report" is named after, is an outlet
        (
            "Police questioned Lina Vos about a Harbour Light report. She is a reporter for Nova Gazeta Tallin and the agency Reuters.",
            "2025-03-19",
            &["Lina Vos"],
        ),
        (
            "Lina Vos was a radio host for Radyo Bayan Uno before her arrest.",
            "2025-03-19",
            &["Lina Vos"],
        ),
        (
            "Police detained Lina Vos, a reporter for the privately owned Nova Gazeta news website.",
            "2025-03-19",
            &["Lina Vos"],
        ),
        // runs coordinated before a media occupation modify it: outlets
        (
            "Lina Vos, Nova Gazeta and The Harbour co-founder, was honoured by a press freedom group.",
            "2025-02-27",
            &["Lina Vos"],
        ),
        // a pen name given with "better known as" is the same person
        (
            "A court jailed journalist Tran Van Minh on Thursday. Minh, better-known as \u{201c}The Losing Side\u{201d} author Osin Bao, was found guilty of abusing freedoms.",
            "2025-02-27",
            &["Tran Van Minh"],
        ),
        // a short label line ending in a colon is a field name
        (
            "Lina Vos\nBeats Covered:\nPolitics\nReporter Lina Vos was detained on Monday.",
            "2025-03-19",
            &["Lina Vos"],
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(text, published, expected)| {
            let got: Vec<String> = extract(text, published).people.into_iter().map(|p| p.name).collect();
            (got != *expected).then(|| format!("{text}\n    expected {expected:?}\n    got      {got:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// A title before a list set off by a dash or colon describes every name of it:
/// the judges of a panel are officials, never subjects.
#[test]
fn a_titled_list_after_a_dash() {
    let r = extract(
        "Reporter Lina Vos addressed a panel of judges – Karl Brenner, Ivo Marek and Petra Zeman – on Monday.",
        "2025-06-18",
    );
    let judges: Vec<&str> = r
        .people
        .iter()
        .filter(|p| p.occupation.as_deref() == Some("judge"))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(judges, ["Karl Brenner", "Ivo Marek", "Petra Zeman"]);
    // a short parenthesis after a member does not end the list
    let r = extract(
        "Reporter Lina Vos addressed the panel of judges – Karl Brenner (presiding judge), Ivo Marek, Petra Zeman – on Monday.",
        "2025-06-18",
    );
    let judges: Vec<&str> = r
        .people
        .iter()
        .filter(|p| p.occupation.as_deref() == Some("judge"))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(judges, ["Karl Brenner", "Ivo Marek", "Petra Zeman"]);
}

/// Clause grammar: an accusation's object, active perfects, possessors of
/// event nouns, the reach of "as well as", speakers and partitive appositions.
#[test]
fn clause_roles() {
    run(&[
        // the accused is the object inside "accused … of"; a hotel or a court is no subject
        (
            "Opposition leader Ivo Marek has accused the Grand Harbour Hotel of tampering with evidence.",
            "2025-03-19",
            &[],
        ),
        (
            "Reporter Lina Vos accused the court of bias on Monday.",
            "2025-03-19",
            &[],
        ),
        (
            "Prosecutors accused reporter Lina Vos of treason on Monday.",
            "2025-03-19",
            &["charge@2025-03-17:Lina Vos"],
        ),
        // "has/have" + participle is active: the object is the subject of the event
        (
            "Prosecutors have charged reporter Lina Vos with treason.",
            "2025-03-19",
            &["charge@2025-03:Lina Vos"],
        ),
        (
            "Police have detained reporter Lina Vos.",
            "2025-03-19",
            &["detention@2025-03:Lina Vos"],
        ),
        // an object relative clause after an organisation is about the organisation
        (
            "Reporters Lina Vos and Ivo Marek were accused of working for Harbour Watch, which the authorities designated as extremist in 2021.",
            "2025-03-19",
            &["charge@-:Ivo Marek+Lina Vos"],
        ),
        // a possessor owns the event noun; "as well as" after another clause lists someone else
        (
            "The weekly Harbour Light covers politics.\nReporter Ivo Marek was held after his arrest in June. He criticised the minister Karl Brenner, as well as his deputy Petra Zeman.",
            "2025-03-19",
            &["detention@2024-06:Ivo Marek"],
        ),
        (
            "Reporter Ivo Marek has been held since his arrest on June 7, 2024.",
            "2025-03-19",
            &["detention@2024-06-07:Ivo Marek"],
        ),
        // officials and counsel are never antecedents while a defendant is in sight
        (
            "Reporter Lina Vos was detained on January 12. Police chief Karl Brenner denied wrongdoing. On January 14, a judge ordered her remand.",
            "2025-03-19",
            &[
                "detention@2025-01-12:Lina Vos",
                "pretrial_detention@2025-01-14:Lina Vos",
            ],
        ),
        (
            "Editor Lina Vos was detained on January 12, defence counsel Karl Brenner said. On January 14, a judge ordered her remand.",
            "2025-03-19",
            &[
                "detention@2025-01-12:Lina Vos",
                "pretrial_detention@2025-01-14:Lina Vos",
            ],
        ),
        (
            "Reporter Lina Vos was detained on January 12. \"We will fight on,\" said Karl Brenner, one of her lawyers. On January 14, a judge ordered her remand.",
            "2025-03-19",
            &[
                "detention@2025-01-12:Lina Vos",
                "pretrial_detention@2025-01-14:Lina Vos",
            ],
        ),
    ]);
}

/// Dates of settings, possessives and the future: "today's ruling", a day put
/// down for a hearing, "will hear … on", and hearings named only as a setting.
#[test]
fn settings_and_days_ahead() {
    run(&[
        (
            "Following today's ruling, her lawyer said reporter Lina Vos was convicted without evidence.",
            "2025-03-19",
            &["conviction@2025-03-19:Lina Vos"],
        ),
        (
            "The appeals court upheld yesterday’s verdict against reporter Lina Vos.",
            "2025-03-19",
            &["appeal@2025-03-18:Lina Vos"],
        ),
        (
            "The court on Friday heard the plea of reporter Lina Vos.\nWhile posting the plea for hearing on Monday, the judge declined a request for her interim release.",
            "2023-10-06",
            &[
                "hearing@2023-10-09:Lina Vos/not_occurred",
                "release@2023-10-06:Lina Vos/not_occurred",
            ],
        ),
        // the news in the present perfect, before any date, happened in the report's month
        (
            "Well-known reporter Lina Vos has been arrested, the agency Harbour News reports.\nShe is accused of insulting the president.",
            "2025-06-22",
            &["detention@2025-06:Lina Vos", "charge@2025-06:Lina Vos"],
        ),
        // an act in progress is news of the report's month too
        (
            "A rights group says reporter Lina Vos is being searched in her home town, as part of a criminal case.",
            "2021-03-25",
            &["search@2021-03:Lina Vos"],
        ),
        (
            "Police detained reporter Lina Vos on Monday.\nReporter Ivo Marek has been arrested too.",
            "2025-06-22",
            &["detention@2025-06-16:Lina Vos", "detention@2025-06-16:Ivo Marek"],
        ),
        (
            "The court fined reporter Lina Vos on Monday. Her lawyer said the court will hear the appeal on March 24.",
            "2025-03-19",
            &[
                "sentence@2025-03-17:Lina Vos",
                "appeal@2025-03-24:Lina Vos/not_occurred",
            ],
        ),
        // a hearing named as the setting of something else is no event of its own
        (
            "Reporter Lina Vos was questioned on Monday.\nDuring the trial, the witnesses said they had been pressured.",
            "2025-03-19",
            &["questioning@2025-03-17:Lina Vos"],
        ),
        // but a counted one, or one that is the subject of its own verb, is told
        (
            "Reporter Lina Vos was questioned on Monday.\nDuring the first hearing in her trial on June 23, 2024, the judge denied a motion by her lawyer.",
            "2025-03-19",
            &["questioning@2025-03-17:Lina Vos", "hearing@2024-06-23:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was questioned on Monday.\nThe verdict was postponed to April 2, more than a year after the trial began.",
            "2025-03-19",
            // (the verdict put off to a day is a hearing not yet held)
            &[
                "questioning@2025-03-17:Lina Vos",
                "hearing@2025-04-02:Lina Vos/not_occurred",
                "hearing@2025-03-17:Lina Vos",
            ],
        ),
        // an act ahead ("is due to", "expects to", "is likely to", "will") is not occurred and
        // takes no day from the sentences before it; a refusal is dated when it was made
        (
            "Reporter Lina Vos was detained on Monday.\nShe is due to be sentenced later.\nHer editor Ivo Marek expects to be questioned too.\nThe judge refused to release Vos.",
            "2025-03-19",
            &[
                "detention@2025-03-17:Lina Vos",
                "sentence@-:Lina Vos/not_occurred",
                "questioning@-:Ivo Marek/not_occurred",
                "release@2025-03-17:Lina Vos/not_occurred",
            ],
        ),
        // "due to" a cause and "kept waiting" are no prospects
        (
            "Reporter Lina Vos was detained on Monday due to her posts.\nHer lawyer was kept waiting outside for hours.",
            "2025-03-19",
            &["detention@2025-03-17:Lina Vos"],
        ),
    ]);
}

/// The people named as those who underwent an act ("the other arrestees
/// included A and B") are its subjects.
#[test]
fn undergoer_nouns() {
    run(&[(
        "Editor Ivo Marek and reporter Lina Vos appeared in court on Thursday.\nThey were among seven people arrested by police on Wednesday. The other arrestees included singer Karl Brenner and Petra Zeman.",
        "2021-12-30",
        &[
            "hearing@2021-12-30:Ivo Marek+Lina Vos",
            "detention@2021-12-29:Ivo Marek+Lina Vos",
            "detention@2021-12-29:Karl Brenner+Petra Zeman",
        ],
    )]);
}

/// Generic objects and the scope of modality: a bare plural object speaks of no
/// one; relative clauses with "where" and participles of saying keep their own mood.
#[test]
fn generic_objects_and_mood_scope() {
    run(&[
        (
            "Police detained reporter Lina Vos on Friday.\nAuthorities should immediately release journalist Lina Vos and stop arresting journalists over their work, the group said on Monday.",
            "2023-09-11",
            &["detention@2023-09-08:Lina Vos"],
        ),
        (
            "While the new case is investigated, reporter Lina Vos will not return to the penal colony where she was previously jailed.",
            "2025-03-19",
            &["sentence@-:Lina Vos"],
        ),
        (
            "Reporter Lina Vos is expected to leave the prison where she has been detained since September.",
            "2025-03-19",
            &["detention@2024-09:Lina Vos"],
        ),
        (
            "Before sentencing, defence counsel Karl Brenner argued reporter Lina Vos should be released, saying she had spent 11 months on remand.",
            "2025-03-19",
            // (defence counsel arguing is the court's hearing)
            &["hearing@-:Lina Vos", "pretrial_detention@-:Lina Vos"],
        ),
    ]);
}

/// A possibility is no event (taxonomy: hypothetical acts), a threat is an act
/// that did not occur, and the date of a trial is about the trial.
#[test]
fn possibilities_and_threats() {
    run(&[
        (
            "Reporter Lina Vos was charged in April.\nThe trial could have started in May, but nothing is known about it. \"The trial can start at any time,\" her husband said.",
            "2022-06-21",
            &["charge@2022-04:Lina Vos"],
        ),
        (
            "The judge declined a request for the interim release of reporter Lina Vos, saying the allegations were not such as can get you release immediately.",
            "2022-06-21",
            &["release@-:Lina Vos/not_occurred"],
        ),
        // a prediction is no event
        (
            "Reporter Lina Vos was charged in April. \"I predicted that the trial would take place in mid-May,\" her husband said.",
            "2022-06-21",
            &["charge@2022-04:Lina Vos"],
        ),
        // a counterfactual is no event; a court's "direct that … shall" is a ruling carried out
        (
            "The court said, \"We would have been persuaded to direct the release of reporter Lina Vos without bail, but we direct that she shall be released on furnishing bail bonds.\"",
            "2024-05-15",
            &["release@-:Lina Vos"],
        ),
        (
            "An official warned reporter Lina Vos that she could be arrested if she kept working.",
            "2022-06-21",
            &["detention@-:Lina Vos/not_occurred"],
        ),
        (
            "Reporter Lina Vos was charged in April.\nBut the start date of the trial has not been set yet.",
            "2022-06-21",
            &["charge@2022-04:Lina Vos", "hearing@2022-04:Lina Vos/not_occurred"],
        ),
    ]);
}

/// A list of acts shares its date; a person subjected to searches is no
/// premises searched.
#[test]
fn lists_of_acts_and_body_searches() {
    run(&[
        (
            "Police detained editor Lina Vos and reporter Ivo Marek.\nRegarding the search, seizure and detentions carried out on October 3 in connection with a case registered with the police, officials declined to comment.",
            "2023-10-06",
            &[
                "detention@-:Ivo Marek+Lina Vos",
                "search@2023-10-03:",
                "seizure@2023-10-03:",
            ],
        ),
        (
            "Reporter Lina Vos was sentenced on 24 October. In prison she was subjected to searches that were intimidating.",
            "2024-10-30",
            &["sentence@2024-10-24:Lina Vos"],
        ),
    ]);
}

/// Maintaining one's innocence and refusing a plea deal are confessions that
/// did not occur (taxonomy); "that trial is yet to begin" is a hearing that did not.
#[test]
fn innocence_plea_deals_and_demonstratives() {
    run(&[
        (
            "Reporter Lina Vos was charged with assault.\nIn court, Vos maintained her innocence and rejected the prosecution's proposed plea deal.",
            "2025-06-18",
            &["charge@-:Lina Vos", "confession@-:Lina Vos/not_occurred"],
        ),
        (
            "Reporter Lina Vos was charged with espionage. That trial is yet to begin.",
            "2025-06-18",
            &["charge@-:Lina Vos", "hearing@-:Lina Vos/not_occurred"],
        ),
    ]);
}

/// An appeal that upheld a conviction implies the conviction (undated), unless
/// the article tells it itself.
#[test]
fn verdicts_an_appeal_rules_on() {
    run(&[
        (
            "Reporter Lina Vos lost her appeal on Monday. The city court upheld her conviction for extremism.",
            "2025-06-18",
            &["appeal@2025-06-16:Lina Vos", "conviction@-:Lina Vos"],
        ),
        (
            "A court convicted reporter Lina Vos in March. The city court on Monday upheld her conviction.",
            "2025-06-18",
            &["conviction@2025-03:Lina Vos", "appeal@2025-06-16:Lina Vos"],
        ),
    ]);
}

/// A lawyer described by renown may be the defendant ("prominent lawyer X"),
/// while counsel ("his lawyer X") never is; questioning a policy questions no one.
#[test]
fn professions_and_roles() {
    run(&[
        (
            "Tunisia has freed prominent lawyer Lina Vos, a critic of the president, after a year in prison. Vos, arrested in 2024 after questioning government policy, was convicted over comments on television.",
            "2025-11-27",
            &[
                "release@2025-11:Lina Vos",
                "detention@2024:Lina Vos",
                // the reduced relative's year is the arrest's; the conviction came later, undated
                "conviction@-:Lina Vos",
            ],
        ),
        (
            "Reporter Ivo Marek was detained on Monday. His lawyer Lina Vos said he was questioned for hours.",
            "2025-11-27",
            &["detention@2025-11-24:Ivo Marek", "questioning@2025-11-24:Ivo Marek"],
        ),
    ]);
}

/// A date inside a relative clause dates that clause, not the act around it; a
/// charge told in the present in the lede is of the report's month; the judge
/// questioning witnesses questions no defendant.
#[test]
fn relative_clause_dates_and_present_charges() {
    run(&[
        (
            "The court refused interim release of reporter Lina Vos, who was arrested on October 3.",
            "2023-10-06",
            &["release@-:Lina Vos/not_occurred", "detention@2023-10-03:Lina Vos"],
        ),
        (
            "Well-known reporter Lina Vos is accused of threatening the president, the agency reports.",
            "2025-06-22",
            &["charge@2025-06:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was detained on Monday. Judge Ivo Marek, she said, likes questioning witnesses at length.",
            "2025-01-12",
            &["detention@2025-01-06:Lina Vos"],
        ),
    ]);
}

/// Someone new is no one in focus ("a prominent former lawyer was also
/// jailed"); a universally quantified act ("every court hearing") is a habit.
#[test]
fn new_participants_and_habits() {
    run(&[
        (
            "A court jailed journalist Tran Van Minh on Thursday for ten years.\nIn January, a prominent former lawyer was also jailed for three years over Facebook posts.",
            "2025-02-27",
            &["sentence@2025-02-27:Tran Van Minh"],
        ),
        // (in the perfect too; another journalist is someone new as well)
        (
            "A court jailed journalist Tran Van Minh on Thursday for ten years.\nIn January, a prominent former lawyer has also been jailed for three years. Another journalist has been detained.",
            "2025-02-27",
            &["sentence@2025-02-27:Tran Van Minh"],
        ),
        (
            "Lina Vos is a photographer who covered every court hearing of the opposition leader Ivo Marek. She was detained on Monday.",
            "2024-02-20",
            &["detention@2024-02-19:Lina Vos"],
        ),
    ]);
}

/// A report with no publication date is anchored by its own dateline.
#[test]
fn dateline_anchors_an_undated_report() {
    run(&[
        (
            "Friday, July 12, 2024\nReporter Lina Vos was last year in September arrested by police.",
            "",
            &["detention@2023-09:Lina Vos"],
        ),
        // without a dateline, a month without a year stays unresolved
        (
            "Reporter Lina Vos was last year in September arrested by police.",
            "",
            &["detention@-:Lina Vos"],
        ),
    ]);
}

/// What a court declares invalid was done before; a relative clause set off by
/// commas keeps its mood away from the verb after it.
#[test]
fn judged_acts_and_relative_moods() {
    run(&[
        (
            "Police arrested editor Lina Vos on October 3, 2023. The Supreme Court on Wednesday declared as 'invalid in the eyes of law' the arrest of editor Lina Vos.",
            "2024-05-15",
            &["detention@2023-10-03:Lina Vos", "appeal@2024-05-15:Lina Vos"],
        ),
        (
            "\"Judge Ivo Marek, whose removal we requested, found reporter Lina Vos guilty and fined her,\" her lawyer said.",
            "2025-03-19",
            &["conviction@-:Lina Vos", "sentence@-:Lina Vos"],
        ),
    ]);
}

/// A hope is no act; the term a verdict imposed ("will each serve") is the
/// sentence; a relative clause set off by dashes is skipped in a coordination
/// and keeps its date.
#[test]
fn hopes_terms_and_dashed_relatives() {
    run(&[
        (
            "The family of reporter Lina Vos came to court on Thursday, as they held high hopes that she would be acquitted.",
            "2026-01-23",
            &[],
        ),
        (
            "A court convicted reporter Lina Vos and editor Ivo Marek on Thursday. With the conviction, Vos\u{2014}who turns 27 on Friday\u{2014}and Marek will each serve a prison term of 12 years.",
            "2026-01-23",
            &[
                "conviction@2026-01-22:Ivo Marek+Lina Vos",
                "sentence@2026-01-22:Ivo Marek+Lina Vos",
            ],
        ),
    ]);
}

/// A hearing "of a case against X" is X's hearing.
#[test]
fn the_case_names_its_defendant() {
    run(&[(
        "Reporter Lina Vos was charged in January.\nFebruary 25 the court of Minsk finished the hearings of a criminal case against Lina Vos.",
        "2019-03-01",
        &[
            "charge@2019-01:Lina Vos",
            "hearing@2019-02-25:Lina Vos",
            "charge@2019-02-25:Lina Vos",
        ],
    )]);
}

/// Dropping or terminating a case is an acquittal (taxonomy), here requested;
/// charges a state cites are not dated by it.
#[test]
fn dropped_cases_and_cited_charges() {
    run(&[
        (
            "Editors Ivo Marek and Lina Vos were charged with sedition. The defence last month applied to terminate the case after new evidence came to light.",
            "2022-12-13",
            &[
                "charge@-:Ivo Marek+Lina Vos",
                "acquittal@2022-11:Ivo Marek+Lina Vos/not_occurred",
            ],
        ),
        (
            "Reporter Lina Vos was arrested in February. On March 9, 2020, her lawyer requested that the court drop the charges against her, but the request was denied.",
            "2020-03-20",
            &[
                "detention@2020-02:Lina Vos",
                "acquittal@2020-03-09:Lina Vos/not_occurred",
            ],
        ),
        (
            "Reporter Lina Vos was arrested on February 7. She is being held on charges of illegal possession of firearms.",
            "2020-03-20",
            &["detention@2020-02-07:Lina Vos", "charge@-:Lina Vos"],
        ),
    ]);
}

/// A possessor of another noun is not an event noun's subject; a possessor of
/// the event noun is.
#[test]
fn possessors_of_other_nouns() {
    run(&[
        (
            "Reporter Lina Vos was detained on Monday. She was the one who took Ivo Marek's last video at the hearing on February 15.",
            "2024-02-20",
            &["detention@2024-02-19:Lina Vos"],
        ),
        (
            "Reporter Lina Vos was detained on Monday. Ivo Marek's hearing took place on February 15.",
            "2024-02-20",
            &["detention@2024-02-19:Lina Vos", "hearing@2024-02-15:Ivo Marek"],
        ),
    ]);
}

/// In a report whose court act is an appeal, "the hearing" without a date of
/// its own is the appeal's hearing; a dated trial keeps its hearings.
#[test]
fn the_hearing_of_an_appeal() {
    run(&[
        (
            "The Supreme Court on Friday upheld the eight-year sentence of reporter Lina Vos. The hearing was held behind closed doors.",
            "2023-05-26",
            &["appeal@2023-05-26:Lina Vos"],
        ),
        (
            "The Supreme Court on Friday upheld the eight-year sentence of reporter Lina Vos. Her trial opened on March 2, and the hearing was held behind closed doors.",
            "2023-05-26",
            &["appeal@2023-05-26:Lina Vos", "hearing@2023-03-02:Lina Vos"],
        ),
    ]);
}

/// A clock time is the day's session ("scheduled to begin at 2.30 pm"); a date
/// ahead is a scheduled act.
#[test]
fn clock_times_and_dates_ahead() {
    run(&[
        (
            "Reporter Lina Vos appeared in court on Thursday. The hearing was scheduled to begin at 2.30 pm, with the judge absent until around 3.35 pm.",
            "2024-08-29",
            &["hearing@2024-08-29:Lina Vos"],
        ),
        (
            "The next hearing of reporter Lina Vos is scheduled for September 12.",
            "2024-08-29",
            &["hearing@2024-09-12:Lina Vos/not_occurred"],
        ),
    ]);
}

/// A call decides before a negation inside it; a coordinated verb ends the call.
#[test]
fn calls_before_negations() {
    run(&[
        (
            "Reporter Lina Vos has been in detention since her arrest on June 7, 2024, in spite of international calls for her release without charge.",
            "2025-02-27",
            &["detention@2024-06-07:Lina Vos"],
        ),
        (
            "Initially, reporter Lina Vos was arrested for posting a sticker calling for a strike and released two hours later.",
            "2025-01-12",
            &["detention@-:Lina Vos", "release@-:Lina Vos"],
        ),
    ]);
}

/// A beating is a coercion allegation only when it is about testimony.
#[test]
fn beatings_and_testimony() {
    run(&[
        (
            "For her press work, reporter Lina Vos was beaten and detained twice for several days in 2018.",
            "2021-12-20",
            &["detention@2018:Lina Vos"],
        ),
        (
            "Reporter Lina Vos said she had been beaten during her interrogation and forced to sign a statement.",
            "2021-12-20",
            &["coercion_allegation@-:Lina Vos/alleged"],
        ),
    ]);
}

/// Word sense and dates from the clause a word hangs on: a person seized is
/// detained, a thing released frees no one, a "when" clause takes its date.
#[test]
fn senses_and_hung_dates() {
    run(&[
        (
            "The group calls on the authorities to free reporter Lina Vos, who was seized from her home at dawn on Friday.",
            "2024-11-11",
            &["detention@2024-11-08:Lina Vos"],
        ),
        (
            "Police said the laptop of reporter Lina Vos was seized on Friday.",
            "2024-11-11",
            &["seizure@2024-11-08:Lina Vos"],
        ),
        (
            "Prosecutors filed a new terrorism financing case against reporter Lina Vos in July 2021, and the result of an initial investigation was released in September 2021.",
            "2021-09-30",
            &["charge@2021-07:Lina Vos"],
        ),
        (
            "Reporter Lina Vos is the second journalist arrested since October, when reporter Ivo Marek was among 50 people rounded up by police.",
            "2020-02-08",
            &["detention@2019-10:Ivo Marek"],
        ),
    ]);
}

/// A ruling put off or set for a day is a hearing that has not happened, on
/// that day, about the article's defendants even when they are named later.
#[test]
fn rulings_put_off_and_due() {
    run(&[
        (
            "Harbour Light verdict delayed\nThe verdict in the libel case against the weekly Harbour Light has been postponed to November 15.\nEditors Ivo Marek and Lina Vos stand accused of libel.",
            "2023-09-21",
            &[
                "hearing@2023-11-15:Ivo Marek+Lina Vos/not_occurred",
                "charge@-:Ivo Marek+Lina Vos",
            ],
        ),
        (
            "Editors Ivo Marek and Lina Vos went on trial last year.\nThe trial ended in June, and the judge had said a verdict was to be delivered on October 4.",
            "2023-09-21",
            &[
                "hearing@2022:Ivo Marek+Lina Vos",
                "hearing@2023-06:Ivo Marek+Lina Vos",
                "hearing@2023-10-04:Ivo Marek+Lina Vos/not_occurred",
            ],
        ),
        (
            "Reporter Lina Vos stood trial in March.\nThe court postponed the verdict for Lina Vos to May 3.",
            "2024-04-20",
            &["hearing@2024-03:Lina Vos", "hearing@2024-05-03:Lina Vos/not_occurred"],
        ),
    ]);
}

/// A co-defendant named after the person the report is about forms a set with
/// them ("they" is the two); a counted group may carry adjectives of standing
/// or nationality, and a court's order may hang a long description between
/// the group and "to remain in custody".
#[test]
fn co_defendants_and_described_groups() {
    run(&[
        (
            "Editor Ivo Marek appeared before a magistrate on Thursday.\nHis co-defendant, 41-year-old Lina Vos, stayed away because she was ill.\nThey were among nine people arrested at dawn on Wednesday.",
            "2021-12-30",
            &[
                "hearing@2021-12-30:Ivo Marek",
                "detention@2021-12-29:Ivo Marek+Lina Vos",
            ],
        ),
        (
            "A judge has ordered two veteran reporters who once wrote for the closed weekly Harbour Light to remain in custody.\nEditors Ivo Marek and Lina Vos were charged with sedition on Thursday.",
            "2021-12-30",
            &[
                "pretrial_detention@2021-12:Ivo Marek+Lina Vos",
                "charge@2021-12-30:Ivo Marek+Lina Vos",
            ],
        ),
        (
            "Police detained two Belarusian journalists on Monday.\nIvo Marek and Lina Vos were taken to a police station.",
            "2024-03-13",
            &["detention@2024-03-11:Ivo Marek+Lina Vos"],
        ),
        // one so described is the person named next, not a group
        (
            "Reporter Lina Vos worked for state newspapers before writing a blog.\nA leading independent journalist has been sentenced to 30 months in jail.\nAfter a short trial, a court convicted Lina Vos of abusing democratic freedoms.",
            "2024-03-13",
            &["sentence@2024-03:Lina Vos", "conviction@2024-03:Lina Vos"],
        ),
    ]);
}

/// A court asking for an answer to a plea does not make the plea unrealised,
/// and an act told in a relative clause of the lede ("who were arrested on
/// October 3") does not set the story's day.
#[test]
fn answers_asked_for_and_background_dates() {
    run(&[
        (
            "Court asks police to respond to pleas of two editors\nThe court refused to release Mr. Marek and Ms. Vos, who were arrested on October 3 over their reporting.\nOn Friday the High Court asked prosecutors to reply to complaints from Harbour Light founder Ivo Marek and the weekly's chief editor Lina Vos, challenging their arrest.\n\nThe judge declined a request for the interim release of both for the weekend.",
            "2023-10-06",
            &[
                "release@-:Ivo Marek+Lina Vos/not_occurred",
                "detention@2023-10-03:Ivo Marek+Lina Vos",
                "appeal@2023-10-06:Ivo Marek+Lina Vos",
                "release@2023-10-06:Ivo Marek+Lina Vos/not_occurred",
            ],
        ),
        // a request to do the act itself stays a request
        (
            "The lawyers of reporter Lina Vos asked the court to release her on bail.",
            "2023-10-06",
            &["release@-:Lina Vos/not_occurred"],
        ),
    ]);
}

/// Acts told as before the story's time take no date from it: a sentence an
/// appeal upholds (unless a date of its own follows), a gerund adjunct of a
/// pluperfect verb, the "time spent on remand"; and "the journalist" is the
/// person the same sentence just named.
#[test]
fn earlier_acts_and_the_journalist() {
    run(&[
        (
            "Court upholds term\nAt an appeal hearing on August 25, the regional court upheld the seven-year prison sentence of reporter Lina Vos.",
            "2022-08-26",
            &["appeal@2022-08-25:Lina Vos", "sentence@-:Lina Vos"],
        ),
        (
            "Court upholds term\nThe city court on Tuesday rejected the appeal of reporter Lina Vos and upheld the four-year prison sentence she received in November.",
            "2025-03-12",
            &["appeal@2025-03-11:Lina Vos", "sentence@2024-11:Lina Vos"],
        ),
        (
            "Editors Ivo Marek and Lina Vos were given jail sentences on Thursday.\nTheir lawyer said both should be freed, noting they had each spent ten months on remand before securing bail.",
            "2024-09-26",
            &[
                "sentence@2024-09-26:Ivo Marek+Lina Vos",
                "pretrial_detention@-:Ivo Marek+Lina Vos",
                "release@-:Ivo Marek+Lina Vos",
            ],
        ),
        // what a court declares invalid was done before, whichever side of the ruling it stands on
        (
            "Court frees founder\nThe Supreme Court on Wednesday set aside the case against editor Ivo Marek.\n\"The arrest of the appellant and the remand that followed it are hereby declared invalid and are quashed,\" it said.",
            "2024-05-16",
            // (no detention or remand of its own; the ruling quoted is the appeal)
            &["appeal@2024-05-15:Ivo Marek", "appeal@-:Ivo Marek"],
        ),
        (
            "Reporter Lina Vos was detained on November 15, 2020.\nCamerawoman Dana Okafor was detained with her.\nNews of a second criminal case against Lina emerged in February 2022, and this time the journalist was accused of espionage.",
            "2022-06-01",
            &[
                "detention@2020-11-15:Lina Vos",
                "detention@2020-11-15:Dana Okafor",
                "charge@2022-02:Lina Vos",
            ],
        ),
    ]);
}

/// An act in a passive gerund adjunct ("after being detained") came before
/// the main verb's day by a gap the sentence does not give: it takes no
/// date from it. An active gerund ("after searching his flat") is told as
/// part of the same act and keeps sharing the day; the subject noun of a
/// verb of a session's course ("the trial ended on June 16") takes the date
/// after the verb with the act that took it. An act named as the
/// object of undoing it (a ban a lawyer will ask to lift) stands.
#[test]
fn earlier_adjuncts_and_acts_undone() {
    run(&[
        (
            "Editor in court\nFormer editor Ivo Marek, 61, appeared before the district court on Friday after being detained by police.",
            "2025-06-14",
            &["hearing@2025-06-13:Ivo Marek", "detention@-:Ivo Marek"],
        ),
        (
            "Reporter held\nPolice detained reporter Lina Vos on Friday after searching her flat.",
            "2025-06-14",
            &["detention@2025-06-13:Lina Vos", "search@2025-06-13:Lina Vos"],
        ),
        // the subject noun of a verb of a session's course shares the date after the verb
        (
            "Editor jailed\nThe first-instance trial of editor Ivo Marek ended late in the afternoon on June 16 with a six-year prison sentence for him.",
            "2025-06-18",
            &["hearing@2025-06-16:Ivo Marek", "sentence@2025-06-16:Ivo Marek"],
        ),
        (
            "Editor cleared\nThe district court acquitted editor Ivo Marek on Monday. His lawyer said she would ask the prosecutor to lift the travel ban imposed on him in March.",
            "2025-06-18",
            &["acquittal@2025-06-16:Ivo Marek", "travel_ban@2025-03:Ivo Marek"],
        ),
    ]);
}

/// A lede that describes before it names: "a 21-year-old reporter" (an age,
/// not a count of 21) is the person the next sentences name, also when the
/// lede says she "was among" a larger group and a relative clause stands
/// between the description and its verb.
#[test]
fn a_described_lede_is_the_person_named_next() {
    run(&[
        (
            "Reporter held\nA 24-year-old reporter was detained by soldiers in a raid on Friday.\nReporter Lina Vos, 24, works for the community radio Harbour Vista.",
            "2024-02-12",
            &["detention@2024-02-09:Lina Vos", "search@2024-02-09:Lina Vos"],
        ),
        (
            "Reporter held\nA 24-year-old reporter who had long complained of surveillance was among six people detained by soldiers in dawn raids on Friday.\nReporter Lina Vos, 24, works for the community radio Harbour Vista.",
            "2024-02-12",
            &["detention@2024-02-09:Lina Vos", "search@2024-02-09:Lina Vos"],
        ),
        (
            "Reporters held\nThree 30-year-old reporters were detained on Friday.",
            "2024-02-12",
            &["detention@2024-02-09:[Three 30-year-old reporters]"],
        ),
    ]);
}

/// A list of those who underwent an act ("the other detainees were …") is
/// its subject whole, past the titles of its members.
#[test]
fn a_list_of_detainees_past_their_titles() {
    run(&[(
        "Six held\nPolice detained six people on Wednesday, including editor Ivo Marek. The other detainees were lawyer Mara Ng, folk singer Dena Holt, Christa Fane and Tomas Orr, all board members of the weekly.",
        "2023-03-10",
        &[
            "detention@2023-03-08:Ivo Marek",
            "detention@2023-03-08:Christa Fane+Dena Holt+Mara Ng+Tomas Orr",
        ],
    )]);
}

/// A ruling that declares an earlier act invalid is the appeal, its object
/// named inside the ruling's words ("declared his arrest invalid"); a court's
/// order "to remain in their custody" is a remand, and as a second predicate
/// after a police act ("were arrested on October 3 and were ordered …", "was
/// detained and was later sentenced") it takes none of that act's date.
#[test]
fn rulings_on_an_arrest_and_orders_to_remain_in_custody() {
    run(&[
        (
            "Editor freed\nEditor Ivo Marek walked out of prison on Wednesday, hours after the Supreme Court declared his arrest unlawful.",
            "2024-05-16",
            &["release@2024-05-15:Ivo Marek", "appeal@2024-05-15:Ivo Marek"],
        ),
        (
            "Editors held\nEditors Ivo Marek and Lina Vos were arrested by the city police on October 3 and were ordered to remain in police custody for a week.",
            "2023-10-05",
            // (the court's order came on a day of its own: the police act's date is not its)
            &[
                "detention@2023-10-03:Ivo Marek+Lina Vos",
                "pretrial_detention@-:Ivo Marek+Lina Vos",
            ],
        ),
        (
            "Editor jailed\nOn Tuesday, editor Lina Vos was detained at the border and was later sentenced to ten days in jail.",
            "2023-10-05",
            &["detention@2023-10-03:Lina Vos", "sentence@-:Lina Vos"],
        ),
    ]);
}

/// A motion to the trial court to quash the charges is a step of the trial,
/// no appeal; a plea to a higher court to quash them is one.
#[test]
fn a_motion_to_quash_is_no_appeal() {
    run(&[
        (
            "Trial opens\nAt the first hearing of her trial on June 23, the presiding judge denied a motion from the defence of reporter Lina Vos to quash the charges.",
            "2020-07-01",
            &["hearing@2020-06-23:Lina Vos", "charge@2020-06-23:Lina Vos"],
        ),
        (
            "Plea filed\nReporter Lina Vos filed a plea in the High Court on June 23 to quash the charges.",
            "2020-07-01",
            &["appeal@2020-06-23:Lina Vos", "charge@2020-06-23:Lina Vos"],
        ),
    ]);
}

/// A detention the article retells without a date of its own is the one it
/// dates elsewhere, not an act of the paragraph's day; one told as new
/// ("again") keeps the paragraph's day; one dated by a month without its
/// year is in the year the article gives the same act.
#[test]
fn a_retold_arrest_keeps_the_date_the_article_states() {
    run(&[
        (
            "Reporter jailed\nA court on Monday sentenced reporter Lina Vos to two years in prison. She has been detained since last October.\nVos, who denies the charges, was arrested in the capital on suspicion of extortion.",
            "2025-03-05",
            // (the charges she denies were brought; when, the sentence does not say)
            &[
                "sentence@2025-03-03:Lina Vos",
                "detention@2024-10:Lina Vos",
                "charge@-:Lina Vos",
            ],
        ),
        (
            "Reporter jailed\nA court on Monday sentenced reporter Lina Vos to two years in prison. She has been detained since last October.\nVos was arrested again in the capital on suspicion of extortion.",
            "2025-03-05",
            &[
                "sentence@2025-03-03:Lina Vos",
                "detention@2024-10:Lina Vos",
                "detention@2025-03-03:Lina Vos",
            ],
        ),
        // a month told without its year is that of the same act dated with one
        (
            "Reporter jailed\nA court on Tuesday sentenced reporter Lina Vos to six years in prison. She was arrested in October last year.\nVos was detained a few hours after a regional summit in October, her colleagues said.",
            "2021-12-16",
            &["sentence@2021-12-14:Lina Vos", "detention@2020-10:Lina Vos"],
        ),
    ]);
}

/// One person named in several forms within a report: a surname of a name
/// in East Asian order, a second surname, middle names left out, a given
/// name transliterated otherwise. Names five letters long or shorter that
/// differ by a letter stay two people.
#[test]
fn one_person_named_otherwise() {
    run(&[
        (
            "Reporter Wong was detained on Monday.\nLater, editor Wong Ka-lok was charged with sedition on Tuesday.",
            "2025-03-19",
            &["detention@2025-03-17:Wong Ka-lok", "charge@2025-03-18:Wong Ka-lok"],
        ),
        (
            "Reporter Tomas Vidal Serrano was detained on Monday.\nVidal, 38, was charged on Tuesday.",
            "2025-03-19",
            &[
                "detention@2025-03-17:Tomas Vidal Serrano",
                "charge@2025-03-18:Tomas Vidal Serrano",
            ],
        ),
        (
            "Reporter Nguyen Thi Lan Anh was detained on Monday.\nNguyen Lan Anh was charged on Tuesday.",
            "2025-03-19",
            &[
                "detention@2025-03-17:Nguyen Thi Lan Anh",
                "charge@2025-03-18:Nguyen Thi Lan Anh",
            ],
        ),
        (
            "Reporter Aizhamal Toktosunova was detained on Monday.\nAizhamaal Toktosunova was charged on Tuesday.",
            "2025-03-19",
            &[
                "detention@2025-03-17:Aizhamal Toktosunova",
                "charge@2025-03-18:Aizhamal Toktosunova",
            ],
        ),
        (
            "Reporter Maria Rossi was detained on Monday.\nMario Rossi was charged on Tuesday.",
            "2025-03-19",
            &["detention@2025-03-17:Maria Rossi", "charge@2025-03-18:Mario Rossi"],
        ),
    ]);
}

/// A relative or colleague named after a possessive, and an age in
/// apposition, keep a coordination of subjects whole; counsel is still no
/// subject.
#[test]
fn relatives_and_ages_in_coordination() {
    run(&[
        (
            "Reporter Maria Rossi and her brother Mario Rossi were detained on Monday.",
            "2025-03-19",
            &["detention@2025-03-17:Maria Rossi+Mario Rossi"],
        ),
        (
            "Editor Wong Ka-lok, 41, and his co-defendant Ivo Petrov were charged on Friday.",
            "2025-03-19",
            &["charge@2025-03-14:Ivo Petrov+Wong Ka-lok"],
        ),
        (
            "Editor Lina Vos and her lawyer Ivo Marek were detained on Tuesday.",
            "2025-03-19",
            &["detention@2025-03-18:Lina Vos"],
        ),
    ]);
}

/// A court named as the setting of a passive act is not its subject; a verb
/// of mood named as the act charged ("convicted of threatening") is no mood.
#[test]
fn settings_and_charged_acts() {
    run(&[
        (
            "Reporter Lina Vos was sentenced on Monday.\nAt the Harbor District Court, the verdict was appealed.\nThe parent company, Harbor Media Limited, was found guilty.",
            "2025-03-19",
            &["sentence@2025-03-17:Lina Vos", "appeal@2025-03-17:Lina Vos"],
        ),
        (
            "Reporter Lina Vos, who was convicted of threatening a judge, was released on Monday. Police had detained Ivo Marek for \"demanding a bribe\" in May.",
            "2025-03-19",
            &[
                "conviction@-:Lina Vos",
                "release@2025-03-17:Lina Vos",
                "detention@2024-05:Ivo Marek",
            ],
        ),
    ]);
}

/// A legal counsel is a lawyer: an appeal "they" consider is the defendant's.
#[test]
fn legal_counsel_is_no_subject() {
    run(&[(
        "Court jails blogger\nA court sentenced blogger Lina Vos to nine years in prison on Tuesday.\nIvo Marek, her legal counsel, called the term excessive. Her attorney added that they will look into an appeal.",
        "2021-12-15",
        &[
            "sentence@2021-12-14:Lina Vos",
            // (an appeal they will look into is ahead: no day of the sentences before)
            "appeal@-:Lina Vos/not_occurred",
        ],
    )]);
}

/// News told in the present perfect sets the story's time to the report's
/// month: a later paragraph that tells the episode without a date is of it,
/// not of a background date met in between.
#[test]
fn present_perfect_news_sets_the_story_time() {
    run(&[(
        "Court fines reporter\nThe city court has found reporter Lina Vos guilty of an administrative offence.\n\nShe was first detained on January 11 during a protest.\n\nHer lawyer said the judge had decided in advance. The hearing lasted three hours.",
        "2025-03-19",
        &[
            "conviction@2025-03:Lina Vos",
            "detention@2025-01-11:Lina Vos",
            "hearing@2025-03:Lina Vos",
        ],
    )]);
}

/// "have been found guilty" is a passive (an outlet after the group's "of" is
/// no agent); a counted group is named by the next two sentences of running
/// text, captions between them not counted; a date inside a "since" clause
/// dates that clause's verb.
#[test]
fn passive_perfects_captions_and_since_clauses() {
    run(&[(
        "Editors convicted\nTwo former chief editors of the weekly Harbour Light have been found guilty of libel, a verdict without precedent since the country adopted its constitution in 1997.\nIvo Marek leaves the court. Photo: Nora Quist/Kestrel\nEditor Ivo Marek appeared in court on Thursday. His co-defendant Lina Vos was not present for health reasons.",
        "2024-08-29",
        &["conviction@2024-08:Ivo Marek+Lina Vos", "hearing@2024-08-29:Ivo Marek"],
    )]);
}

/// Defence counsel arguing before the court is a hearing of the defendants.
#[test]
fn counsel_arguing_is_a_hearing() {
    run(&[(
        "Editors jailed\nEditors Ivo Marek and Lina Vos were given jail sentences on Thursday.\nAhead of sentencing, defence counsel Nora Quist argued that both should go free at once.",
        "2024-09-26",
        &[
            "sentence@2024-09-26:Ivo Marek+Lina Vos",
            "hearing@2024-09-26:Ivo Marek+Lina Vos",
        ],
    )]);
}

/// "The appellant" is the person the text was about; a case cited in a manner
/// adjunct ("by applying the ratio of … the case of X") names a precedent, no
/// subject; an arrest a court declares invalid is a reference (the ruling
/// that declares it is the appeal).
#[test]
fn appellants_and_precedents() {
    run(&[(
        "Court frees founder\nThe Supreme Court on Wednesday declared the arrest of news site founder Ivo Marek invalid.\n\"The appellant is accordingly released from custody by applying what this court held in the case of Omar Vance,\" the bench said.",
        "2024-05-16",
        &["appeal@2024-05-15:Ivo Marek", "release@2024-05-15:Ivo Marek"],
    )]);
}

/// A noun's predicate is sought in its own clause: what follows a comma and a
/// verb of saying ("…, the court said the prosecution had not shown …") does
/// not negate it.
#[test]
fn a_nouns_predicate_stays_in_its_clause() {
    run(&[
        (
            "Court acquits editor\nThe court acquitted editor Ivo Marek on Tuesday. In a short ruling read out at the end of the hearing, the court said the prosecution had not shown that his reports were untrue.",
            "2026-01-15",
            &["acquittal@2026-01-13:Ivo Marek", "hearing@2026-01-13:Ivo Marek"],
        ),
        // (its own predicate still counts: "the hearing has not been scheduled")
        (
            "Court acquits editor\nEditor Ivo Marek was charged in May. The hearing has not been scheduled.",
            "2026-01-15",
            &["charge@2025-05:Ivo Marek", "hearing@2025-05:Ivo Marek/not_occurred"],
        ),
    ]);
}
