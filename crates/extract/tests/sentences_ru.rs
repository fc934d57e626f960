//! Table-driven tests of the Russian pack: short Russian texts about
//! fictional people, each with the events it must give (type, date, subjects
//! in the nominative, status) through one `check` helper. Grouped by names in
//! every case form, each trigger family, the jurisdiction rule, dates, status,
//! groups and references, non-events, and one person across Cyrillic and Latin.

mod common;

use casewatch_extract::Extractor;
use casewatch_model::{ArticleMeta, ExtractRecord};
use common::render;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::multilingual().expect("built-in lexicons and dictionary"))
}

fn extract(text: &str, published: &str) -> ExtractRecord {
    let meta = ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        title: None,
        language: casewatch_extract::language::identify(text).into(),
        sha256: "0".repeat(64),
        url: None,
    };
    extractor().extract(meta, text).record
}

/// Extracts `text` published on `published` and compares its events with `expected`.
fn check(text: &str, published: &str, expected: &[&str]) -> Result<(), String> {
    let rec = extract(text, published);
    if rec.article.language != "ru" {
        return Err(format!("{text}\n    read as {}", rec.article.language));
    }
    let got = render(&rec);
    if got == expected {
        Ok(())
    } else {
        Err(format!("{text}\n    expected {expected:?}\n    got      {got:?}"))
    }
}

/// Runs a table of cases and reports every failure at once.
fn run(cases: &[(&str, &str, &[&str])]) {
    let failures: Vec<String> = cases.iter().filter_map(|(t, p, e)| check(t, p, e).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

const P: &str = "2025-06-02"; // a Monday

#[test]
fn names_in_every_case_form() {
    run(&[
        // nominative
        (
            "Журналист Иван Соколов задержан 3 марта.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // accusative
        (
            "3 марта полиция задержала журналиста Ивана Соколова.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // dative
        (
            "3 марта Ивану Соколову предъявили обвинение.",
            P,
            &["charge@2025-03-03:Иван Соколов"],
        ),
        // genitive
        (
            "3 марта стало известно о задержании Ивана Соколова.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // instrumental and prepositional mentions link back to the full name
        (
            "Иван Соколов задержан 3 марта. Соколову не дали встретиться с адвокатом. Суд арестовал Соколова 5 марта до 5 мая.",
            P,
            &[
                "detention@2025-03-03:Иван Соколов",
                "denial_of_counsel@2025-03-03:Иван Соколов",
                "pretrial_detention@2025-03-05:Иван Соколов",
            ],
        ),
        // feminine names stay feminine in every case
        (
            "Журналистка Анна Белова задержана 3 марта.",
            P,
            &["detention@2025-03-03:Анна Белова"],
        ),
        (
            "3 марта полиция задержала журналистку Анну Белову.",
            P,
            &["detention@2025-03-03:Анна Белова"],
        ),
        (
            "3 марта Анне Беловой предъявили обвинение.",
            P,
            &["charge@2025-03-03:Анна Белова"],
        ),
        (
            "3 марта суд продлил арест Анны Беловой до 5 мая.",
            P,
            &["pretrial_detention@2025-03-03:Анна Белова"],
        ),
        // patronymics
        (
            "3 марта сотрудники полиции задержали Ивана Петровича Соколова.",
            P,
            &["detention@2025-03-03:Иван Петрович Соколов"],
        ),
        (
            "3 марта Анне Сергеевне Беловой предъявили обвинение.",
            P,
            &["charge@2025-03-03:Анна Сергеевна Белова"],
        ),
        // surnames the dictionary does not know: by their endings and gender
        (
            "3 марта милиция задержала журналиста Нурлана Токтосунова.",
            P,
            &["detention@2025-03-03:Нурлан Токтосунов"],
        ),
        (
            "3 марта Гульмире Осмоновой предъявили обвинение.",
            P,
            &["charge@2025-03-03:Гульмира Осмонова"],
        ),
        (
            "3 марта суд арестовал Айгерим Сатыбалдиеву на два месяца.",
            P,
            &["pretrial_detention@2025-03-03:Айгерим Сатыбалдиева"],
        ),
        (
            "3 марта следователи допросили Тимура Асанбекова.",
            P,
            &["questioning@2025-03-03:Тимур Асанбеков"],
        ),
        // indeclinable surnames
        (
            "3 марта полиция задержала Ольгу Шевченко.",
            P,
            &["detention@2025-03-03:Ольга Шевченко"],
        ),
        (
            "3 марта полиция задержала Андрея Черных.",
            P,
            &["detention@2025-03-03:Андрей Черных"],
        ),
        // names of other languages that do not decline
        (
            "3 марта полиция задержала журналистку Лусине Аракелян.",
            P,
            &["detention@2025-03-03:Лусине Аракелян"],
        ),
        (
            "3 марта журналист Торнике Гелашвили задержан.",
            P,
            &["detention@2025-03-03:Торнике Гелашвили"],
        ),
        // Kyrgyz patronymic particles stay with the name
        (
            "3 марта милиция задержала журналиста Бакыта Асан уулу.",
            P,
            &["detention@2025-03-03:Бакыт Асан уулу"],
        ),
        // adjectival surnames
        (
            "3 марта полиция задержала Марину Вишневскую.",
            P,
            &["detention@2025-03-03:Марина Вишневская"],
        ),
        (
            "3 марта Петру Вишневскому предъявили обвинение.",
            P,
            &["charge@2025-03-03:Пётр Вишневский"],
        ),
    ]);
}

#[test]
fn trigger_families() {
    run(&[
        (
            "3 марта сотрудники ГКНБ задержали журналиста Ивана Соколова.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта журналиста Ивана Соколова вызвали на допрос в ГКНБ.",
            P,
            &["questioning@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта в квартире Ивана Соколова прошёл обыск.",
            P,
            &["search@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта у Ивана Соколова изъяли телефон и ноутбук.",
            P,
            &["seizure@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд арестовал счета Ивана Соколова.",
            P,
            &["asset_freeze@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта против Ивана Соколова возбудили уголовное дело.",
            P,
            &["charge@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова обвинили в призывах к массовым беспорядкам.",
            P,
            &["charge@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд избрал Ивану Соколову меру пресечения в виде заключения под стражу.",
            P,
            &["pretrial_detention@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов был заключён под стражу.",
            P,
            &["pretrial_detention@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова перевели под домашний арест.",
            P,
            &["house_arrest@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд избрал Ивану Соколову меру пресечения в виде домашнего ареста.",
            P,
            &["house_arrest@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова отпустили под подписку о невыезде.",
            P,
            &["release@2025-03-03:Иван Соколов", "travel_ban@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов вышел на свободу.",
            P,
            &["release@2025-03-03:Иван Соколов"],
        ),
        // leaving the place of custody, named in full or not
        (
            "3 марта Иван Соколов вышел из следственного изолятора.",
            P,
            &["release@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов вышел из-под стражи.",
            P,
            &["release@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов вышел из колонии.",
            P,
            &["release@2025-03-03:Иван Соколов"],
        ),
        // sent to the pre-trial prison, by its full name too
        (
            "3 марта суд отправил Ивана Соколова в следственный изолятор.",
            P,
            &["pretrial_detention@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта состоялось судебное заседание по делу Ивана Соколова.",
            P,
            &["hearing@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов обжаловал приговор.",
            P,
            &["appeal@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта городской суд оставил приговор Ивану Соколову в силе.",
            P,
            &["appeal@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд признал Ивана Соколова виновным.",
            P,
            &["conviction@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд приговорил Ивана Соколова к пяти годам лишения свободы.",
            P,
            &["sentence@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд оправдал Ивана Соколова.",
            P,
            &["acquittal@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта уголовное дело против Ивана Соколова прекратили.",
            P,
            &["acquittal@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов признал вину.",
            P,
            &["confession@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов отказался от своих показаний.",
            P,
            &["retraction@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова допросили без адвоката.",
            P,
            &[
                "questioning@2025-03-03:Иван Соколов",
                "denial_of_counsel@2025-03-03:Иван Соколов",
            ],
        ),
        (
            "3 марта Роскомнадзор заблокировал сайт издания «Утренний вестник».",
            P,
            &["website_block@2025-03-03:Утренний вестник"],
        ),
        (
            "3 марта суд ликвидировал издание «Утренний вестник».",
            P,
            &["liquidation@2025-03-03:Утренний вестник"],
        ),
        (
            "3 марта Минюст признал Ивана Соколова иностранным агентом.",
            P,
            &["designation@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова выдворили из страны.",
            P,
            &["expulsion@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта президент помиловал Ивана Соколова.",
            P,
            &["pardon@2025-03-03:Иван Соколов"],
        ),
    ]);
}

#[test]
fn jurisdiction_rule() {
    run(&[
        // a court's arrest is pre-trial detention
        (
            "3 марта Первомайский районный суд арестовал Ивана Соколова.",
            P,
            &["pretrial_detention@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Иван Соколов арестован судом до 3 мая.",
            P,
            &["pretrial_detention@2025-03-03:Иван Соколов"],
        ),
        // police detention is detention
        (
            "3 марта Иван Соколов задержан сотрудниками милиции.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // "арестовали" with no court and no term is how reports say "detained"
        (
            "Ивана Соколова арестовали 3 марта у дома.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // administrative arrest is a sentence
        (
            "3 марта Ивана Соколова арестовали на 10 суток.",
            P,
            &["sentence@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта суд назначил Ивану Соколову административный арест на 10 суток.",
            P,
            &["sentence@2025-03-03:Иван Соколов"],
        ),
        (
            "3 марта Ивана Соколова оштрафовали.",
            P,
            &["sentence@2025-03-03:Иван Соколов"],
        ),
    ]);
}

#[test]
fn dates() {
    run(&[
        (
            "Ивана Соколова задержали 28 мая 2024 года.",
            P,
            &["detention@2024-05-28:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали 28 мая.",
            P,
            &["detention@2025-05-28:Иван Соколов"],
        ),
        // a day after the publication is last year's
        (
            "Ивана Соколова задержали 28 сентября.",
            P,
            &["detention@2024-09-28:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали в конце мая.",
            P,
            &["detention@2025-05:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали в начале 2024 года.",
            P,
            &["detention@2024:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали в мае 2024 года.",
            P,
            &["detention@2024-05:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали во вторник.",
            P,
            &["detention@2025-05-27:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали вчера.",
            P,
            &["detention@2025-06-01:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали 28–29 мая.",
            P,
            &["detention@2025-05-28:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали 28.05.2025.",
            P,
            &["detention@2025-05-28:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали двадцать восьмого мая.",
            P,
            &["detention@2025-05-28:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали в прошлом году.",
            P,
            &["detention@2024:Иван Соколов"],
        ),
        (
            "Ивана Соколова задержали 28 мая. Через два дня суд арестовал его на два месяца.",
            P,
            &[
                "detention@2025-05-28:Иван Соколов",
                "pretrial_detention@2025-05-30:Иван Соколов",
            ],
        ),
        // a deadline is the detail, not the date
        (
            "Ивана Соколова 28 мая арестовали судом до 21 июля.",
            P,
            &["pretrial_detention@2025-05-28:Иван Соколов"],
        ),
    ]);
}

#[test]
fn status() {
    run(&[
        (
            "Ивана Соколова якобы задержали 3 марта.",
            P,
            &["detention@2025-03-03:Иван Соколов/alleged"],
        ),
        (
            "Иван Соколов 3 марта не был задержан.",
            P,
            &["detention@2025-03-03:Иван Соколов/not_occurred"],
        ),
        (
            "3 марта Ивана Соколова не задержали.",
            P,
            &["detention@2025-03-03:Иван Соколов/not_occurred"],
        ),
        (
            "По словам Ивана Соколова, 3 марта следователи его избили.",
            P,
            &["coercion_allegation@2025-03-03:Иван Соколов/alleged"],
        ),
        (
            "Иван Соколов заявил, что 3 марта его вынудили признать вину под давлением.",
            P,
            &[
                "coercion_allegation@2025-03-03:Иван Соколов/alleged",
                "confession@2025-03-03:Иван Соколов",
            ],
        ),
        (
            "Иван Соколов отрицает, что признал вину.",
            P,
            &["confession@-:Иван Соколов/denied"],
        ),
        (
            "Иван Соколов вину не признаёт.",
            P,
            &["confession@-:Иван Соколов/not_occurred"],
        ),
        (
            "3 марта Ивану Соколову предложили домашний арест в обмен на признание.",
            P,
            &["house_arrest@2025-03-03:Иван Соколов/not_occurred"],
        ),
        (
            "Защита Ивана Соколова намерена обжаловать приговор.",
            P,
            &["appeal@-:Иван Соколов/not_occurred"],
        ),
        (
            "Иван Соколов задержан 3 марта. Следующее заседание по его делу назначено на 5 июня.",
            P,
            &[
                "detention@2025-03-03:Иван Соколов",
                "hearing@2025-06-05:Иван Соколов/not_occurred",
            ],
        ),
        (
            "Иван Соколов задержан 3 марта. Приговор ему вынесут 10 июня.",
            P,
            &[
                "detention@2025-03-03:Иван Соколов",
                "hearing@2025-06-10:Иван Соколов/not_occurred",
            ],
        ),
        // calls, demands and hypothetical penalties are no events
        ("Правозащитники призвали освободить Ивана Соколова.", P, &[]),
        ("Ивану Соколову грозит до десяти лет лишения свободы.", P, &[]),
        (
            "3 марта прокурор запросил для Ивана Соколова семь лет лишения свободы.",
            P,
            &[],
        ),
    ]);
}

#[test]
fn groups_and_references() {
    run(&[
        (
            "Анна Белова задержана 3 марта. 5 марта суд арестовал её на два месяца.",
            P,
            &[
                "detention@2025-03-03:Анна Белова",
                "pretrial_detention@2025-03-05:Анна Белова",
            ],
        ),
        (
            "Иван Соколов задержан 3 марта. 5 марта ему предъявили обвинение.",
            P,
            &["detention@2025-03-03:Иван Соколов", "charge@2025-03-05:Иван Соколов"],
        ),
        (
            "Журналистка Анна Белова работает в издании «Утренний вестник». 3 марта журналистку задержали.",
            P,
            &["detention@2025-03-03:Анна Белова"],
        ),
        (
            "3 марта суд вынес приговор трём журналистам — Ивану Соколову, Анне Беловой и Тимуру Асанбекову.",
            P,
            &["sentence@2025-03-03:Анна Белова+Иван Соколов+Тимур Асанбеков"],
        ),
        (
            "3 марта полиция задержала Ивана Соколова и Анну Белову.",
            P,
            &["detention@2025-03-03:Анна Белова+Иван Соколов"],
        ),
        (
            "Иван Соколов и Анна Белова задержаны 3 марта. 5 марта им предъявили обвинение.",
            P,
            &[
                "detention@2025-03-03:Анна Белова+Иван Соколов",
                "charge@2025-03-05:Анна Белова+Иван Соколов",
            ],
        ),
        // a collective numeral stands for the people named together, across a bracketed aside
        (
            "3 марта суд вынес приговор Ивану Соколову, Анне Беловой (псевдоним Белая) и Тимуру Асанбекову. 5 марта все трое обжаловали приговор.",
            P,
            &[
                "sentence@2025-03-03:Анна Белова+Иван Соколов+Тимур Асанбеков",
                "appeal@2025-03-05:Анна Белова+Иван Соколов+Тимур Асанбеков",
            ],
        ),
        // a counted group stays a group
        (
            "3 марта в центре города задержаны 20 человек.",
            P,
            &["detention@2025-03-03:[20 человек]"],
        ),
        // the lawyer is never the subject
        (
            "3 марта адвокат Пётр Орлов сообщил, что его подзащитного Ивана Соколова задержали.",
            P,
            &["detention@2025-03-03:Иван Соколов"],
        ),
        // coordinated clauses share their subject
        (
            "3 марта суд оправдал Ивана Соколова по одной статье, но признал виновным по другой.",
            P,
            &[
                "acquittal@2025-03-03:Иван Соколов",
                "conviction@2025-03-03:Иван Соколов",
            ],
        ),
        // a participle after a name predicates of it; the sentence's date is the main verb's
        (
            "3 марта полиция задержала Ивана Соколова, обвиняемого в мошенничестве.",
            P,
            &["detention@2025-03-03:Иван Соколов", "charge@-:Иван Соколов"],
        ),
        // a date inside the participle's own phrase dates it, and only it
        (
            "Ивана Соколова, задержанного 3 марта, суд отпустил под подписку.",
            P,
            &["detention@2025-03-03:Иван Соколов", "release@-:Иван Соколов"],
        ),
        // a plural participle after coordinated names predicates of all of them
        (
            "Анна Белова и Олег Кравец, обвиняемые в экстремизме, вышли на свободу 4 марта.",
            P,
            &[
                "charge@-:Анна Белова+Олег Кравец",
                "release@2025-03-04:Анна Белова+Олег Кравец",
            ],
        ),
        // … or after a group noun, of the people named together in apposition
        (
            "5 марта суд вынес приговор двум журналистам, обвиняемым в экстремизме, — Анне Беловой и Олегу Кравцу.",
            P,
            &[
                "sentence@2025-03-05:Анна Белова+Олег Кравец",
                "charge@-:Анна Белова+Олег Кравец",
            ],
        ),
        // a plural participle after a group noun that stands for nobody named is no event
        ("Двум сотрудникам, задержанным в марте, передали письма.", P, &[]),
    ]);
}

#[test]
fn non_events() {
    run(&[
        // a colony's punishment cell is no pre-trial detention
        ("3 марта Ивана Соколова отправили в штрафной изолятор колонии.", P, &[]),
        ("3 марта Ивана Соколова водворили в ШИЗО.", P, &[]),
        // a participle before its noun refers to an event told elsewhere
        ("Задержанный журналист Иван Соколов написал письмо.", P, &[]),
        // names of institutions and laws with trigger words
        ("Апелляционный суд находится в центре города.", P, &[]),
        ("Закон об иностранных агентах вступил в силу.", P, &[]),
        // an aside is about what it is attached to, not the sentence's people
        (
            "Иван Соколов работал в издании «Утренний вестник» (признано иностранным агентом) до 2024 года.",
            P,
            &["designation@-:Утренний вестник"],
        ),
        // "до ареста" is a time reference
        ("До ареста Иван Соколов работал редактором.", P, &[]),
        // a shouted disclaimer is not prose
        (
            "НАСТОЯЩИЙ МАТЕРИАЛ ПРОИЗВЕДЕН ИНОСТРАННЫМ АГЕНТОМ ИЛИ КАСАЕТСЯ ЕГО ДЕЯТЕЛЬНОСТИ.",
            P,
            &[],
        ),
    ]);
}

#[test]
fn people_in_the_nominative_with_variants() {
    let rec = extract(
        "3 марта полиция задержала Гульмиру Осмонову. Осмоновой предъявили обвинение. Адвокат Осмоновой Пётр Орлов обжаловал арест.",
        P,
    );
    let names: Vec<&str> = rec.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Гульмира Осмонова", "Пётр Орлов"]);
    assert!(rec.people[0].variants.contains(&"Гульмиру Осмонову".to_string()));
    assert!(rec.people[0].variants.contains(&"Осмоновой".to_string()));
    assert_eq!(rec.people[1].occupation.as_deref(), Some("адвокат"));
}

#[test]
fn charges_by_article() {
    let rec = extract(
        "3 марта Ивану Соколову предъявили обвинение по части 3 статьи 278 УК (призывы к массовым беспорядкам).",
        P,
    );
    assert_eq!(rec.charges.len(), 1, "{:?}", rec.charges);
    assert_eq!(rec.charges[0].label, "призывы к массовым беспорядкам");
    assert_eq!(rec.charges[0].article.as_deref(), Some("Article 278"));
    assert_eq!(rec.charges[0].subjects, ["p1"]);
    let rec = extract("Ему вменяют ст. 207.3 УК.", P);
    assert_eq!(rec.charges[0].article.as_deref(), Some("Article 207.3"));
}

#[test]
fn detail_and_agent() {
    let rec = extract(
        "3 марта Первомайский районный суд арестовал Ивана Соколова до 21 июля.",
        P,
    );
    let e = &rec.events[0];
    assert_eq!(e.detail.as_deref(), Some("until 2025-07-21"));
    assert_eq!(
        e.agent.as_ref().map(|a| a.name.as_str()),
        Some("Первомайский районный суд")
    );
    let rec = extract("3 марта суд приговорил Ивана Соколова к 5 годам лишения свободы.", P);
    assert_eq!(rec.events[0].detail.as_deref(), Some("5 годам лишения свободы"));
}

#[test]
fn user_lexicon_adds_russian_entries() {
    let mut ex = Extractor::multilingual().expect("built-in lexicons");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/example-ru.toml");
    ex.add_lexicon(&path).expect("example Russian lexicon");
    let text = "3 марта сотрудники Службы охраны порядка насильно вывезли стрингера Ивана Соколова.";
    let meta = ArticleMeta {
        id: "t".into(),
        source: "test".into(),
        published: chrono::NaiveDate::from_ymd_opt(2025, 6, 2),
        title: None,
        language: "ru".into(),
        sha256: "0".repeat(64),
        url: None,
    };
    let rec = ex.extract(meta, text).record;
    assert_eq!(render(&rec), ["detention@2025-03-03:Иван Соколов"]);
    assert_eq!(rec.events[0].rule.as_deref(), Some("ru.detention.example.taken_away"));
    assert_eq!(
        rec.events[0].agent.as_ref().map(|a| a.name.as_str()),
        Some("Служба охраны порядка")
    );
    assert_eq!(rec.people[0].occupation.as_deref(), Some("стрингер"));
    // an English extractor refuses a Russian lexicon with a clear error
    let mut en = Extractor::english().expect("English");
    let err = en.add_lexicon(&path).expect_err("needs the Russian pack");
    assert!(err.to_string().contains("Russian language pack"), "{err}");
}

/// A day or month without a year right after a sentence that states an earlier
/// year continues that year; news dated close to publication keeps its own.
#[test]
fn narrative_year() {
    run(&[
        (
            "В начале марта 2022 года журналистка Гульмира Осмонова уехала в Ош. В конце апреля ее задержали.",
            "2024-09-14",
            &["detention@2022-04:Гульмира Осмонова"],
        ),
        (
            "Журналистку Гульмиру Осмонову задержали в марте 2024 года. Оператора Ивана Соколова задержали 27 апреля.",
            "2025-12-04",
            &[
                "detention@2024-03:Гульмира Осмонова",
                "detention@2024-04-27:Иван Соколов",
            ],
        ),
        // a month before the stated one, in the next sentence: the narrative's next year
        (
            "В ноябре 2022 года журналистку Гульмиру Осмонову перевели под домашний арест. В конце января ее снова отправили в СИЗО.",
            "2025-06-02",
            &[
                "house_arrest@2022-11:Гульмира Осмонова",
                "pretrial_detention@2023-01:Гульмира Осмонова",
            ],
        ),
        // … but not past the publication's year
        (
            "В ноябре 2024 года журналистку Гульмиру Осмонову перевели под домашний арест. В конце января ее снова отправили в СИЗО.",
            "2025-06-02",
            &[
                "house_arrest@2024-11:Гульмира Осмонова",
                "pretrial_detention@2025-01:Гульмира Осмонова",
            ],
        ),
        // two months before publication or closer: the report's own news
        (
            "В марте 2022 года журналистка Гульмира Осмонова переехала в Бишкек. 2 декабря ее задержали.",
            "2025-12-04",
            &["detention@2025-12-02:Гульмира Осмонова"],
        ),
        // a sentence further on: the publication year again
        (
            "В марте 2022 года журналистка Гульмира Осмонова переехала в Бишкек. Она работала в газете. 27 апреля ее задержали.",
            "2025-12-04",
            &["detention@2025-04-27:Гульмира Осмонова"],
        ),
    ]);
}

/// "Дело против журналистки" is a charge against the journalist the role noun
/// describes, not against a source named later; a recess announced is a
/// hearing held.
#[test]
fn case_against_a_role_noun_and_recess() {
    run(&[
        (
            "Журналистку Гульмиру Осмонову осудили на два года. О новом уголовном деле против журналистки 7 апреля сообщил ее брат Иван Соколов.",
            "2025-06-02",
            &[
                "conviction@2025-06:Гульмира Осмонова",
                "charge@2025-04-07:Гульмира Осмонова",
            ],
        ),
        (
            "Суд по делу журналиста Ивана Соколова 6 мая объявил перерыв.",
            "2025-06-02",
            &["hearing@2025-05-06:Иван Соколов"],
        ),
    ]);
}

/// Defence lawyers named as the object of a sentencing verb are its
/// subjects, not the article's journalist; a lawyers' motion stays the
/// defendant's.
#[test]
fn lawyers_as_the_object_of_a_verdict() {
    run(&[(
        "Журналистку Гульмиру Осмонову задержали 3 марта, сообщили в ее редакции. В апреле к реальным срокам заключения приговорили и ее адвокатов, которые защищали журналистку в суде.",
        "2025-06-02",
        &["detention@2025-03-03:Гульмира Осмонова", "sentence@2025-04:[адвокатов]"],
    )]);
}

/// A participle after a name describes the person ("Гульмиры Осмоновой,
/// осужденной на восемь лет"): it is no news of the report's month; the
/// conviction it retells takes the date of the verdict's sentence.
#[test]
fn a_participle_after_a_name_is_no_opening_news() {
    run(&[(
        "Родным журналистки Гульмиры Осмоновой, осужденной на восемь лет по делу о призывах, запретили свидания. Гульмиру Осмонову задержали в марте 2024 года. В июле 2025 года ее приговорили к восьми годам колонии.",
        "2025-10-20",
        &[
            "conviction@2025-07:Гульмира Осмонова",
            "detention@2024-03:Гульмира Осмонова",
            "sentence@2025-07:Гульмира Осмонова",
        ],
    )]);
}

/// Trying someone ("журналистов судят") is a hearing of their trial, the
/// role noun standing for the people named together; "судя по", "судить о"
/// judge, they try no one.
#[test]
fn trying_the_journalists_is_a_hearing() {
    run(&[
        (
            "Журналисты Иван Соколов и Гульмира Осмонова работали на одну редакцию, следствие обвиняет их в экстремизме 3 марта. Журналистов судят в закрытом режиме, не допуская в зал прессу.",
            "2025-06-02",
            &[
                "charge@2025-03-03:Гульмира Осмонова+Иван Соколов",
                "hearing@2025-03-03:Гульмира Осмонова+Иван Соколов",
            ],
        ),
        (
            "Судя по всему, журналиста Ивана Соколова задержали 3 марта. О его деле можно судить по публикациям в прессе.",
            "2025-06-02",
            &["detention@2025-03-03:Иван Соколов"],
        ),
    ]);
}

/// "Напомним, …" is the writer's aside: its future form does not make the act
/// told after it unrealised.
#[test]
fn hortative_aside_is_no_future() {
    run(&[
        (
            "Напомним, 20 марта в Оше задержали журналистку Гульмиру Осмонову.",
            "2025-06-02",
            &["detention@2025-03-20:Гульмира Осмонова"],
        ),
        (
            "Суд изберет журналистке Гульмире Осмоновой меру пресечения.",
            "2025-06-02",
            &["hearing@-:Гульмира Осмонова/not_occurred"],
        ),
    ]);
}

/// The news a report opens with, undated, is of the report's month (not a
/// charge, often restated); what an appeal is against ("жалоба на приговор")
/// is no event of its own.
#[test]
fn opening_news_and_appealed_verdicts() {
    run(&[
        (
            "Суд отправил журналистку Гульмиру Осмонову в СИЗО. 3 марта ее задержали.",
            "2025-06-02",
            &[
                "pretrial_detention@2025-06:Гульмира Осмонова",
                "detention@2025-03-03:Гульмира Осмонова",
            ],
        ),
        (
            "Областной суд приступил к рассмотрению апелляционной жалобы на обвинительный приговор журналистке Гульмире Осмоновой.",
            "2025-06-02",
            &["appeal@2025-06:Гульмира Осмонова"],
        ),
    ]);
}

/// A court examining someone ("суд допросил", "в суде допросили", "на
/// заседании допросили") is part of the hearing, not a questioning;
/// investigators' questioning and a summons to the FSB stay questioning.
#[test]
fn a_court_examining_a_witness_is_no_questioning() {
    run(&[
        (
            "Суд допросил активиста Олега Смирнова. В суде допросили свидетеля Петра Сидорова. На заседании также допросили Анну Белову.",
            "2025-06-02",
            &[],
        ),
        (
            "Следователи допросили журналиста Ивана Соколова 3 марта. Журналистку Гульмиру Осмонову вызвали на допрос в ФСБ 4 марта.",
            "2025-06-02",
            &[
                "questioning@2025-03-03:Иван Соколов",
                "questioning@2025-03-04:Гульмира Осмонова",
            ],
        ),
    ]);
}
