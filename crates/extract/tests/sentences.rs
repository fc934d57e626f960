//! Table-driven extraction tests: short texts about fictional people, each with
//! the events it must give (type, date, subjects, status) through one `check`
//! helper. Grouped by the hard cases of real news: lists and appositions,
//! references, names, status, dates, background, non-events, details, and one
//! or more cases per event type of the taxonomy.

mod common;

use common::{extract, run};

#[test]
fn lists_and_appositions() {
    run(&[
        // a counted group and the names in its apposition are one set of subjects
        (
            "On 5 March a court sentenced two journalists charged with extremism, Dana Okafor and Lev Arkhipov, to five years.",
            "2025-03-13",
            &[
                "sentence@2025-03-05:Dana Okafor+Lev Arkhipov",
                "charge@2025-03-05:Dana Okafor+Lev Arkhipov",
            ],
        ),
        (
            "Police detained reporters Dana Okafor, Lev Arkhipov and Mira Sato on Tuesday.",
            "2025-03-13",
            &["detention@2025-03-11:Dana Okafor+Lev Arkhipov+Mira Sato"],
        ),
        (
            "Camera operator Dana Okafor was detained on Monday.",
            "2025-03-13",
            &["detention@2025-03-10:Dana Okafor"],
        ),
        (
            "Okafor, a former reporter for the weekly Harbour Light, was arrested on 2 March.",
            "2025-03-13",
            &["detention@2025-03-02:Okafor"],
        ),
        (
            "Police detained two accountants and a driver of the outlet on Friday.",
            "2025-03-13",
            &["detention@2025-03-07:[a driver]+[two accountants]"],
        ),
        // appositions without an article, opened by a rank or time word
        (
            "Tomas Berik, former chief editor of the weekly, and Lina Vos, former acting editor, stand accused of sedition.",
            "2025-06-01",
            &["charge@-:Lina Vos+Tomas Berik"],
        ),
        (
            "Editor Tomas Berik, reporter Lina Vos and camera operator Omar Said were detained on May 5.",
            "2025-06-01",
            &["detention@2025-05-05:Lina Vos+Omar Said+Tomas Berik"],
        ),
        (
            "Officers arrested Dana Okafor and Lev Arkhipov at their homes on Wednesday.",
            "2025-03-13",
            &["detention@2025-03-12:Dana Okafor+Lev Arkhipov"],
        ),
        (
            "The court sentenced journalists Ivo Marek and Petra Zeman to three years in prison on Monday.",
            "2025-04-09",
            &["sentence@2025-04-07:Ivo Marek+Petra Zeman"],
        ),
        (
            "Journalist Ivo Marek, 41, was remanded in custody for two months on Thursday.",
            "2025-04-12",
            &["pretrial_detention@2025-04-10:Ivo Marek"],
        ),
        (
            "Police searched the homes of reporters Ana Kovac and Boris Lenz on June 3.",
            "2025-06-10",
            &["search@2025-06-03:Ana Kovac+Boris Lenz"],
        ),
        (
            "Ana Kovac, the editor-in-chief of the online outlet Kestrel News, and reporter Boris Lenz were questioned on Friday.",
            "2025-06-10",
            &["questioning@2025-06-06:Ana Kovac+Boris Lenz"],
        ),
        (
            "Security officers detained the director of Kestrel News, Ana Kovac, on 12 January.",
            "2025-02-01",
            &["detention@2025-01-12:Ana Kovac"],
        ),
        (
            "The court placed Ana Kovac and Boris Lenz, both reporters for Kestrel News, under house arrest on Tuesday.",
            "2025-06-12",
            &["house_arrest@2025-06-10:Ana Kovac+Boris Lenz"],
        ),
    ]);
}

#[test]
fn references_to_people() {
    run(&[
        // "one of them" is one member, not known which: no act of both
        (
            "Reporters Ivo Marek and Lena Marsh were sentenced on Thursday, but one of them walked free.",
            "2024-09-27",
            &[
                "sentence@2024-09-26:Ivo Marek+Lena Marsh",
                "release@2024-09-26:[one of them]",
            ],
        ),
        (
            "Police detained journalist Dana Okafor on Tuesday. Okafor was released two days later.",
            "2025-03-14",
            &["detention@2025-03-11:Dana Okafor", "release@2025-03-13:Dana Okafor"],
        ),
        (
            "Reporter Lev Arkhipov was detained on May 2. He was charged with extortion on May 4.",
            "2025-05-20",
            &["detention@2025-05-02:Lev Arkhipov", "charge@2025-05-04:Lev Arkhipov"],
        ),
        (
            "Reporter Mira Sato was detained on May 2. She was released on bail on May 3.",
            "2025-05-20",
            &["detention@2025-05-02:Mira Sato", "release@2025-05-03:Mira Sato"],
        ),
        (
            "Reporters Ana Kovac and Boris Lenz were detained on April 1. A court remanded both in custody on April 3.",
            "2025-04-20",
            &[
                "detention@2025-04-01:Ana Kovac+Boris Lenz",
                "pretrial_detention@2025-04-03:Ana Kovac+Boris Lenz",
            ],
        ),
        (
            "Reporters Ana Kovac and Boris Lenz were detained on April 1. They were charged with treason on April 2.",
            "2025-04-20",
            &[
                "detention@2025-04-01:Ana Kovac+Boris Lenz",
                "charge@2025-04-02:Ana Kovac+Boris Lenz",
            ],
        ),
        (
            "Camera operator Omar Said was detained on Monday. The camera operator was released on Wednesday.",
            "2025-03-14",
            &["detention@2025-03-10:Omar Said", "release@2025-03-12:Omar Said"],
        ),
        (
            "Journalist Ivo Marek was arrested on March 3. The journalist was sentenced to five years on June 9.",
            "2025-07-01",
            &["detention@2025-03-03:Ivo Marek", "sentence@2025-06-09:Ivo Marek"],
        ),
        (
            "Police detained reporters Ana Kovac and Boris Lenz on April 1. The two were released the following day.",
            "2025-04-20",
            &[
                "detention@2025-04-01:Ana Kovac+Boris Lenz",
                "release@2025-04-02:Ana Kovac+Boris Lenz",
            ],
        ),
        (
            "Editor Tomas Berik, reporter Lina Vos and camera operator Omar Said were detained on May 5. The three were charged with sedition on May 7.",
            "2025-06-01",
            &[
                "detention@2025-05-05:Lina Vos+Omar Said+Tomas Berik",
                "charge@2025-05-07:Lina Vos+Omar Said+Tomas Berik",
            ],
        ),
        (
            "Police detained journalist Petra Zeman on Tuesday. Her lawyer said she was questioned without a lawyer.",
            "2025-03-14",
            &[
                "detention@2025-03-11:Petra Zeman",
                "denial_of_counsel@2025-03-11:Petra Zeman/alleged",
            ],
        ),
        (
            "Police detained journalist Petra Zeman on Tuesday, her lawyer Karl Brenner said.",
            "2025-03-14",
            &["detention@2025-03-11:Petra Zeman"],
        ),
        (
            "Dana Okafor, who was detained together with her colleague, was released on Friday.",
            "2025-03-14",
            &["detention@-:Dana Okafor", "release@2025-03-14:Dana Okafor"],
        ),
        (
            "Police arrested two employees of Kestrel News on Monday. Reporters Ana Kovac and Boris Lenz were taken to the police station.",
            "2025-03-14",
            &["detention@2025-03-10:Ana Kovac+Boris Lenz"],
        ),
    ]);
}

#[test]
fn names() {
    run(&[
        (
            "Dana Okafor was detained on Tuesday.",
            "2025-03-14",
            &["detention@2025-03-11:Dana Okafor"],
        ),
        (
            "\"Lev Arkhipov was arrested at dawn,\" his wife said.",
            "2025-03-14",
            &["detention@-:Lev Arkhipov"],
        ),
        (
            "Reporter Anna-Maria Lenz-Okafor was detained on Monday.",
            "2025-03-14",
            &["detention@2025-03-10:Anna-Maria Lenz-Okafor"],
        ),
        (
            "Journalist Nurlan Asan uulu was detained on Monday.",
            "2025-03-14",
            &["detention@2025-03-10:Nurlan Asan uulu"],
        ),
        (
            "Reporter Aigerim Bek kyzy was summoned for questioning on Monday.",
            "2025-03-14",
            &["questioning@2025-03-10:Aigerim Bek kyzy"],
        ),
        (
            "Journalist Farhad Rasul ogly was sentenced to six years on Monday.",
            "2025-03-14",
            &["sentence@2025-03-10:Farhad Rasul ogly"],
        ),
        (
            "Reporter Siti binti Hamid was arrested on Monday.",
            "2025-03-14",
            &["detention@2025-03-10:Siti binti Hamid"],
        ),
        (
            "Photographer Pieter van Dijk was detained on Monday.",
            "2025-03-14",
            &["detention@2025-03-10:Pieter van Dijk"],
        ),
        (
            "Journalist Rosa de la Cruz was acquitted on Monday.",
            "2025-03-14",
            &["acquittal@2025-03-10:Rosa de la Cruz"],
        ),
        (
            "Reporter Grace Hope was detained on Monday.",
            "2025-03-14",
            &["detention@2025-03-10:Grace Hope"],
        ),
        (
            "Nurlan Asan uulu was detained on Monday. Asan uulu was released on Tuesday.",
            "2025-03-14",
            &[
                "detention@2025-03-10:Nurlan Asan uulu",
                "release@2025-03-11:Nurlan Asan uulu",
            ],
        ),
        (
            "Police detained journalist Marat Dzhumaev on Monday. Dzhumaev was freed on Friday.",
            "2025-03-15",
            &[
                "detention@2025-03-10:Marat Dzhumaev",
                "release@2025-03-14:Marat Dzhumaev",
            ],
        ),
        (
            "Journalist Marat Dzhumaev was detained on Monday. M. Dzhumaev was charged on Tuesday.",
            "2025-03-15",
            &[
                "detention@2025-03-10:Marat Dzhumaev",
                "charge@2025-03-11:Marat Dzhumaev",
            ],
        ),
    ]);
}

#[test]
fn status_attribution_and_claims() {
    run(&[
        (
            "Police detained reporter Dana Okafor on Tuesday, her editor said.",
            "2025-03-14",
            &["detention@2025-03-11:Dana Okafor"],
        ),
        (
            "According to the outlet, officers searched the office of Kestrel News on Monday.",
            "2025-03-14",
            &["search@2025-03-10:Kestrel News"],
        ),
        (
            "Reporter Dana Okafor said she was forced to sign a confession.",
            "2025-03-14",
            &["coercion_allegation@-:Dana Okafor/alleged"],
        ),
        (
            "Reporter Lev Arkhipov claimed he had been questioned without a lawyer.",
            "2025-03-14",
            &["denial_of_counsel@-:Lev Arkhipov/alleged"],
        ),
        (
            "The ministry denied that reporter Lev Arkhipov had been detained.",
            "2025-03-14",
            &["detention@-:Lev Arkhipov/denied"],
        ),
        (
            "Reporter Ana Kovac was not charged.",
            "2025-03-14",
            &["charge@-:Ana Kovac/not_occurred"],
        ),
        (
            "Police did not arrest reporter Boris Lenz or seize his laptop.",
            "2025-03-14",
            &[
                "detention@-:Boris Lenz/not_occurred",
                "seizure@-:Boris Lenz/not_occurred",
            ],
        ),
        (
            "The defence asked the court to place reporter Ana Kovac under house arrest; the judge refused.",
            "2025-03-14",
            &["house_arrest@-:Ana Kovac/not_occurred"],
        ),
        (
            "Reporter Mira Sato was offered house arrest in exchange for a confession.",
            "2025-03-14",
            &[
                "house_arrest@-:Mira Sato/not_occurred",
                "confession@-:Mira Sato/not_occurred",
            ],
        ),
        (
            "Reporter Mira Sato was threatened with arrest.",
            "2025-03-14",
            &["detention@-:Mira Sato/not_occurred"],
        ),
        (
            "\"If I admitted guilt, they would release me,\" reporter Ivo Marek said.",
            "2025-03-14",
            &[
                "confession@-:Ivo Marek/not_occurred",
                "release@-:Ivo Marek/not_occurred",
            ],
        ),
        (
            "The lawyers of reporter Ivo Marek will appeal.",
            "2025-03-14",
            &["appeal@-:Ivo Marek/not_occurred"],
        ),
        (
            "The next hearing in the case of reporter Ivo Marek is set for 12 October.",
            "2025-06-16",
            &["hearing@2025-10-12:Ivo Marek/not_occurred"],
        ),
        (
            "Prosecutors asked for seven years in prison for reporter Ivo Marek.",
            "2025-06-16",
            &[],
        ),
        (
            "Reporter Petra Zeman said she had not been detained.",
            "2025-06-16",
            &["detention@-:Petra Zeman/not_occurred"],
        ),
        (
            "Police warned reporter Petra Zeman that she could be arrested.",
            "2025-06-16",
            &["detention@-:Petra Zeman/not_occurred"],
        ),
        (
            "Reporter Petra Zeman plans to appeal the verdict.",
            "2025-06-16",
            &["appeal@-:Petra Zeman/not_occurred"],
        ),
        (
            "The court rejected a request to release reporter Petra Zeman on bail.",
            "2025-06-16",
            &["release@-:Petra Zeman/not_occurred"],
        ),
        (
            "Reporter Boris Lenz was released without charge on Friday.",
            "2025-06-16",
            &[
                "release@2025-06-13:Boris Lenz",
                "charge@2025-06-13:Boris Lenz/not_occurred",
            ],
        ),
        (
            "Reporter Boris Lenz said he was beaten and forced to confess.",
            "2025-06-16",
            &["coercion_allegation@-:Boris Lenz/alleged"],
        ),
        (
            "Reports claiming that reporter Lina Vos had been detained are untrue, the police said.",
            "2025-06-16",
            &["detention@-:Lina Vos/denied"],
        ),
        (
            "\"Nobody has detained me,\" reporter Lina Vos said.",
            "2025-06-16",
            &["detention@-:Lina Vos/denied"],
        ),
        (
            "Reporter Lina Vos was not allowed to see her lawyer for three days.",
            "2025-06-16",
            &["denial_of_counsel@-:Lina Vos"],
        ),
        (
            "Reporter Tomas Berik pleaded guilty on Monday.",
            "2025-06-16",
            &["confession@2025-06-16:Tomas Berik"],
        ),
        (
            "Reporter Tomas Berik withdrew the confession he had signed during the investigation.",
            "2025-06-16",
            &["retraction@-:Tomas Berik", "confession@-:Tomas Berik"],
        ),
    ]);
}

#[test]
fn dates() {
    run(&[
        // a reduced relative's date is its own, not the main verb's
        (
            "Reporter Dana Okafor, detained on 3 March, was released on bail.",
            "2025-09-18",
            &["detention@2025-03-03:Dana Okafor", "release@-:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor, detained on 3 March, was released on 9 March.",
            "2025-09-18",
            &["detention@2025-03-03:Dana Okafor", "release@2025-03-09:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on May 28.",
            "2025-09-18",
            &["detention@2025-05-28:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on Wednesday.",
            "2025-09-18",
            &["detention@2025-09-17:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained last Wednesday.",
            "2025-09-18",
            &["detention@2025-09-17:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained last week.",
            "2025-09-18",
            &["detention@2025-09:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained at the end of May.",
            "2025-09-18",
            &["detention@2025-05:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained in early 2024.",
            "2025-09-18",
            &["detention@2024:Dana Okafor"],
        ),
        (
            "The website of Kestrel News has been blocked since 2023.",
            "2025-09-18",
            &["website_block@2023:Kestrel News"],
        ),
        (
            "Reporter Dana Okafor was detained on May 28–29.",
            "2025-09-18",
            &["detention@2025-05-28:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained in March 2022.",
            "2025-09-18",
            &["detention@2022-03:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained last year.",
            "2025-09-18",
            &["detention@2024:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained in December.",
            "2025-05-29",
            &["detention@2024-12:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on 14 March 2023.",
            "2025-05-29",
            &["detention@2023-03-14:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on March 14, 2023.",
            "2025-05-29",
            &["detention@2023-03-14:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on May 2 and released two days later.",
            "2025-05-29",
            &["detention@2025-05-02:Dana Okafor", "release@2025-05-04:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on May 2. She was released the following day.",
            "2025-05-29",
            &["detention@2025-05-02:Dana Okafor", "release@2025-05-03:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on May 2. Three days later she was charged with fraud.",
            "2025-05-29",
            &["detention@2025-05-02:Dana Okafor", "charge@2025-05-05:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained in April 2023. In May that year she was charged with fraud.",
            "2025-05-29",
            &["detention@2023-04:Dana Okafor", "charge@2023-05:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained.",
            "2025-05-29",
            &["detention@-:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained yesterday.",
            "2025-05-29",
            &["detention@2025-05-28:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained last month.",
            "2025-01-15",
            &["detention@2024-12:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on Tuesday.",
            "",
            &["detention@-:Dana Okafor"],
        ),
        (
            "The court will rule on a measure of restraint for reporter Dana Okafor by Friday.",
            "2025-02-06",
            &["hearing@2025-02-07:Dana Okafor/not_occurred"],
        ),
        (
            "The court remanded reporter Dana Okafor until April 4.",
            "2025-02-06",
            &["pretrial_detention@-:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on Tuesday, her editor said on Wednesday.",
            "2025-02-06",
            &["detention@2025-02-04:Dana Okafor"],
        ),
        (
            "In a statement on Wednesday, the police said reporter Dana Okafor had been detained on Monday.",
            "2025-02-06",
            &["detention@2025-02-03:Dana Okafor"],
        ),
        (
            "Reporter Dana Okafor was detained on Tuesday. Officers searched her flat.",
            "2025-02-06",
            &["detention@2025-02-04:Dana Okafor", "search@2025-02-04:Dana Okafor"],
        ),
        (
            "The court jailed reporter Dana Okafor on Tuesday.\n\nPolice detained Okafor in March 2023 and searched her flat.",
            "2025-02-06",
            &[
                "sentence@2025-02-04:Dana Okafor",
                "detention@2023-03:Dana Okafor",
                "search@2023-03:Dana Okafor",
            ],
        ),
    ]);
}

#[test]
fn background_passages() {
    run(&[
        (
            "The court sentenced reporter Lev Arkhipov to four years on Monday.\n\nPreviously, police had searched the office of Kestrel News.",
            "2025-06-18",
            &["sentence@2025-06-16:Lev Arkhipov", "search@-:Kestrel News"],
        ),
        (
            "The court sentenced reporter Lev Arkhipov to four years on Monday.\n\nAs previously reported, Arkhipov was detained in January.",
            "2025-06-18",
            &["sentence@2025-06-16:Lev Arkhipov", "detention@2025-01:Lev Arkhipov"],
        ),
        (
            "The court sentenced reporter Lev Arkhipov to four years on Monday.\n\nEarlier, the accounts of Kestrel News were frozen.",
            "2025-06-18",
            &["sentence@2025-06-16:Lev Arkhipov", "asset_freeze@-:Kestrel News"],
        ),
    ]);
}

#[test]
fn things_that_are_not_events() {
    run(&[
        (
            "A court in the capital issued an arrest warrant in absentia for reporter Lev Arkhipov.",
            "2025-06-18",
            &[],
        ),
        (
            "The outlet released a video about the trial on Monday.",
            "2025-06-18",
            &[],
        ),
        (
            "Police detention centres in the region are overcrowded.",
            "2025-06-18",
            &[],
        ),
        (
            "Reporter Dana Okafor thanked the editors who had freed her from daily deadlines.",
            "2025-06-18",
            &[],
        ),
        (
            "The award went to reporter Dana Okafor for her reporting.",
            "2025-06-18",
            &[],
        ),
        (
            "The court sentenced reporter Lev Arkhipov to four years on Monday.",
            "2025-06-18",
            &["sentence@2025-06-16:Lev Arkhipov"],
        ),
        (
            "Her reporting led to the arrest of two county officials.",
            "2025-06-18",
            &[],
        ),
        ("Police detained two protesters on Monday.", "2025-06-18", &[]),
        (
            "The journalist is in charge of the investigations desk.",
            "2025-06-18",
            &[],
        ),
        ("A search engine blocked the results.", "2025-06-18", &[]),
        // the penalty a law sets is no penalty imposed
        (
            "Reporter Lena Marsh was charged with assault, which carries a sentence of 4 to 7 years in prison. The offence is punishable by imprisonment for up to six years.",
            "2025-06-18",
            &["charge@-:Lena Marsh"],
        ),
        // a court examining someone is part of a hearing, not a questioning
        (
            "The court questioned activist Olga Smirnova. Pavel Orlov was questioned in court on Tuesday.",
            "2025-06-18",
            &[],
        ),
        (
            "Investigators questioned reporter Anna Belova for six hours on Monday.",
            "2025-06-18",
            &["questioning@2025-06-16:Anna Belova"],
        ),
        (
            "Three detained employees of the outlet face criminal charges.",
            "2025-06-18",
            &["charge@-:[Three detained employees]"],
        ),
    ]);
}

#[test]
fn every_event_type() {
    run(&[
        (
            "Police detained reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was summoned for questioning on Monday.",
            "2025-06-18",
            &["questioning@2025-06-16:Ana Kovac"],
        ),
        (
            "Officers searched the flat of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["search@2025-06-16:Ana Kovac"],
        ),
        (
            "Officers confiscated the laptop of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["seizure@2025-06-16:Ana Kovac"],
        ),
        (
            "The court froze the bank accounts of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["asset_freeze@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was charged with extortion on Monday.",
            "2025-06-18",
            &["charge@2025-06-16:Ana Kovac"],
        ),
        (
            "The court remanded reporter Ana Kovac in custody on Monday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-16:Ana Kovac"],
        ),
        (
            "The court placed reporter Ana Kovac under house arrest on Monday.",
            "2025-06-18",
            &["house_arrest@2025-06-16:Ana Kovac"],
        ),
        (
            "The court barred reporter Ana Kovac from leaving the country on Monday.",
            "2025-06-18",
            &["travel_ban@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was released on bail on Monday.",
            "2025-06-18",
            &["release@2025-06-16:Ana Kovac"],
        ),
        (
            "The trial of reporter Ana Kovac opened on Monday.",
            "2025-06-18",
            &["hearing@2025-06-16:Ana Kovac"],
        ),
        (
            "The city court upheld the sentence of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["appeal@2025-06-16:Ana Kovac"],
        ),
        (
            "The court found reporter Ana Kovac guilty of fraud on Monday.",
            "2025-06-18",
            &["conviction@2025-06-16:Ana Kovac"],
        ),
        (
            "The court sentenced reporter Ana Kovac to two years on Monday.",
            "2025-06-18",
            &["sentence@2025-06-16:Ana Kovac"],
        ),
        (
            "The court acquitted reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["acquittal@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac confessed on Monday.",
            "2025-06-18",
            &["confession@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac retracted her testimony on Monday.",
            "2025-06-18",
            &["retraction@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac said she was forced to testify.",
            "2025-06-18",
            &["coercion_allegation@-:Ana Kovac/alleged"],
        ),
        (
            "Reporter Ana Kovac was questioned without a lawyer on Monday.",
            "2025-06-18",
            &["denial_of_counsel@2025-06-16:Ana Kovac"],
        ),
        (
            "The website of Kestrel News was blocked on Monday.",
            "2025-06-18",
            &["website_block@2025-06-16:Kestrel News"],
        ),
        (
            "A court ordered the liquidation of Kestrel News on Monday.",
            "2025-06-18",
            &["liquidation@2025-06-16:Kestrel News"],
        ),
        (
            "The ministry declared Kestrel News a foreign agent on Monday.",
            "2025-06-18",
            &["designation@2025-06-16:Kestrel News"],
        ),
        (
            "Reporter Ana Kovac was deported on Monday.",
            "2025-06-18",
            &["expulsion@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was pardoned by the president on Monday.",
            "2025-06-18",
            &["pardon@2025-06-16:Ana Kovac"],
        ),
    ]);
}

#[test]
fn varied_wording() {
    run(&[
        (
            "Reporter Ana Kovac was taken into custody on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac"],
        ),
        (
            "Police apprehended reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["detention@2025-06-16:Ana Kovac"],
        ),
        (
            "Officers raided the office of Kestrel News on Monday.",
            "2025-06-18",
            &["search@2025-06-16:Kestrel News"],
        ),
        (
            "Police seized the phones of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["seizure@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was indicted on Monday.",
            "2025-06-18",
            &["charge@2025-06-16:Ana Kovac"],
        ),
        (
            "A criminal case has been opened against reporter Ana Kovac.",
            "2025-06-18",
            &["charge@-:Ana Kovac"],
        ),
        (
            "The court extended the detention of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["pretrial_detention@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was freed on bail on Monday.",
            "2025-06-18",
            &["release@2025-06-16:Ana Kovac"],
        ),
        (
            "The court convicted reporter Ana Kovac of fraud on Monday.",
            "2025-06-18",
            &["conviction@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was jailed for three years on Monday.",
            "2025-06-18",
            &["sentence@2025-06-16:Ana Kovac"],
        ),
        (
            "The charges against reporter Ana Kovac were dropped on Monday.",
            "2025-06-18",
            &["acquittal@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac recanted on Monday.",
            "2025-06-18",
            &["retraction@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac said she had testified under pressure.",
            "2025-06-18",
            &["coercion_allegation@-:Ana Kovac/alleged"],
        ),
        (
            "Access to the website of Kestrel News was restricted on Monday.",
            "2025-06-18",
            &["website_block@2025-06-16:Kestrel News"],
        ),
        (
            "Kestrel News was shut down by the ministry on Monday.",
            "2025-06-18",
            &["liquidation@2025-06-16:Kestrel News"],
        ),
        (
            "Reporter Ana Kovac was expelled from the country on Monday.",
            "2025-06-18",
            &["expulsion@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was freed under an amnesty on Monday.",
            "2025-06-18",
            &["release@2025-06-16:Ana Kovac", "pardon@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was interrogated for six hours on Monday.",
            "2025-06-18",
            &["questioning@2025-06-16:Ana Kovac"],
        ),
        (
            "The trial of reporter Ana Kovac was adjourned on Monday.",
            "2025-06-18",
            &["hearing@2025-06-16:Ana Kovac"],
        ),
        (
            "The court rejected the appeal of reporter Ana Kovac on Monday.",
            "2025-06-18",
            &["appeal@2025-06-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained last Friday.",
            "2025-06-18",
            &["detention@2025-06-13:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained in mid-May.",
            "2025-06-18",
            &["detention@2025-05:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained on May 2. Two weeks later she was charged.",
            "2025-06-18",
            &["detention@2025-05-02:Ana Kovac", "charge@2025-05-16:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was detained on the same day.",
            "2025-06-18",
            &["detention@-:Ana Kovac"],
        ),
        (
            "Reporter Ana Kovac was not released.",
            "2025-06-18",
            &["release@-:Ana Kovac/not_occurred"],
        ),
    ]);
}

#[test]
fn details_terms_items_and_charges() {
    let r = extract(
        "The court sentenced reporter Lev Arkhipov to five years in a general-regime colony on Monday.",
        "2025-06-18",
    );
    assert_eq!(
        r.events[0].detail.as_deref(),
        Some("five years in a general-regime colony")
    );
    let r = extract(
        "The court remanded reporter Lev Arkhipov in custody until July 21.",
        "2025-06-18",
    );
    assert_eq!(r.events[0].detail.as_deref(), Some("until 2025-07-21"));
    let r = extract(
        "Officers confiscated two laptops, a drone and three phones from reporter Lev Arkhipov.",
        "2025-06-18",
    );
    assert_eq!(
        r.events[0].detail.as_deref(),
        Some("two laptops, a drone and three phones")
    );
    let r = extract(
        "Reporter Lev Arkhipov was charged under Article 278 of the Criminal Code, calls for mass unrest.",
        "2025-06-18",
    );
    assert_eq!(r.charges[0].label, "calls for mass unrest");
    assert_eq!(r.charges[0].article.as_deref(), Some("Article 278"));
    assert_eq!(r.charges[0].subjects, vec!["p1".to_string()]);
    let r = extract(
        "The court fined reporter Lev Arkhipov 100,000 som on Monday.",
        "2025-06-18",
    );
    assert_eq!(r.events[0].detail.as_deref(), Some("fine: 100,000 som"));
}

#[test]
fn people_occupations_and_affiliations() {
    let r = extract(
        "Former Kestrel News camera operators Dana Okafor and Lev Arkhipov were detained.",
        "2025-06-18",
    );
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Dana Okafor", "Lev Arkhipov"]);
    for p in &r.people {
        assert_eq!(p.occupation.as_deref(), Some("camera operator"));
        assert_eq!(p.affiliation.as_deref(), Some("Kestrel News"));
        assert_eq!(p.former, Some(true));
    }
    let r = extract(
        "Okafor, a reporter for the weekly Harbour Light, was detained. Dana Okafor denied the charges.",
        "2025-06-18",
    );
    assert_eq!(r.people.len(), 1);
    assert_eq!(r.people[0].name, "Dana Okafor");
    assert_eq!(
        r.people[0].variants,
        vec!["Dana Okafor".to_string(), "Okafor".to_string()]
    );
    let r = extract("Lawyer Karl Brenner said his client was detained.", "2025-06-18");
    assert_eq!(r.people[0].occupation.as_deref(), Some("lawyer"));
    // A plural apposition describes every member of the list it closes, and
    // whom media workers are "with" is their outlet, whatever its name.
    let r = extract(
        "Police detained Dana Okafor and Lev Arkhipov, journalists with Quill Pulse, on Monday. \
         Investigators charged Mira Sato, a reporter with Tamsk, on Tuesday. \
         Ivo Marek and Petra Zeman, a lawyer, were questioned.",
        "2025-06-18",
    );
    let described: Vec<(&str, Option<&str>, Option<&str>)> = r
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.occupation.as_deref(), p.affiliation.as_deref()))
        .collect();
    assert_eq!(
        described,
        vec![
            ("Dana Okafor", Some("journalist"), Some("Quill Pulse")),
            ("Lev Arkhipov", Some("journalist"), Some("Quill Pulse")),
            ("Mira Sato", Some("reporter"), Some("Tamsk")),
            ("Ivo Marek", None, None),
            ("Petra Zeman", Some("lawyer"), None),
        ]
    );
    let outlets: Vec<&str> = r.organizations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(outlets, vec!["Quill Pulse", "Tamsk"]);
    // But not a companion, a place or a day, and not the members of a list
    // that is the complement of another phrase, nor lawyers.
    for text in [
        "A court sentenced Ivo Marek, who had worked as a reporter with Lena Vos at Quill Pulse, on Monday.",
        "Police detained Ivo Marek, a reporter at Monday's rally, on Monday.",
        "Police detained Ivo Marek, a reporter at Tamsk airport, on Monday.",
    ] {
        let r = extract(text, "2025-06-18");
        let outlets: Vec<&str> = r.organizations.iter().map(|o| o.name.as_str()).collect();
        assert!(outlets.is_empty(), "{text}: {outlets:?}");
        assert!(r.people.iter().all(|p| p.affiliation.is_none()), "{text}");
    }
    let r = extract(
        "Police detained Lena Vos, the wife of Ivo Marek, and Omar Said, journalists with Quill Pulse, on Monday. \
         Police detained Dana Okafor and Lev Arkhipov, lawyers with Tamsk Legal, on Tuesday.",
        "2025-06-18",
    );
    let described: Vec<(&str, Option<&str>)> = r
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.affiliation.as_deref()))
        .filter(|(_, aff)| aff.is_some())
        .collect();
    assert_eq!(described, vec![("Omar Said", Some("Quill Pulse"))]);
}

#[test]
fn evidence_spans_slice_the_body_and_every_event_names_its_rule() {
    let body = "Title of the piece\n\nPolice detained reporter Dana Okafor on Tuesday. «She was questioned without a lawyer,» her colleague said.\n";
    let r = extract(body, "2025-03-14");
    assert!(!r.events.is_empty());
    for e in &r.events {
        assert_eq!(&body[e.evidence.start..e.evidence.end], e.evidence.sentence);
        assert!(e.rule.as_deref().is_some_and(|id| !id.is_empty()));
    }
}

/// Every prefix of every bundled example, cut at each space, extracts without a
/// panic (sentences that end in the middle of a phrase: "detained two").
#[test]
fn truncated_text_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("examples directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("example text");
        for (i, _) in text.match_indices(' ') {
            let _ = extract(&text[..i], "2025-06-18");
            checked += 1;
        }
    }
    assert!(checked > 1000);
}

#[test]
fn odd_text_never_panics() {
    for text in [
        "Police detained two",
        "Officers searched the homes of three",
        "The court jailed the",
        "",
        " ",
        "\n\n\n",
        "....",
        "«»",
        "date",
        "A",
        "Ü",
        "1 2 3",
        "\"\"\"",
        "—",
        "Mr. Mrs. Dr.",
        &"x ".repeat(5000),
    ] {
        let _ = extract(text, "2025-01-01");
    }
}
