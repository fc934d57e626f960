//! Test fixtures shared by the store's tests and examples: a hand-built record
//! that sets and unsets every optional field, deterministic generated records,
//! and a sample case file. All people and outlets are fictional.

use casewatch_model::{
    Agent, ArticleMeta, Case, CaseFile, CasePerson, Charge, Conflict, DateQualifier, Event, EventDate, EventType,
    Evidence, ExtractRecord, OrgKind, Organization, Person, Review, Role, Source, Status, Subject, TimelineEntry,
};
use chrono::NaiveDate;

/// The evidence of the first occurrence of `sentence` in `body`.
pub fn evidence(body: &str, sentence: &str) -> Evidence {
    let start = body.find(sentence).expect("sentence is in the body");
    Evidence {
        start,
        end: start + sentence.len(),
        sentence: sentence.to_string(),
    }
}

/// A person with the given id and name and nothing else.
pub fn person(id: &str, name: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        variants: vec![name.into()],
        occupation: None,
        affiliation: None,
        former: None,
        rule: None,
    }
}

/// An event of the given type on the given sentence, every optional field unset.
pub fn bare_event(body: &str, event_type: EventType, sentence: &str) -> Event {
    Event {
        event_type,
        date: EventDate::default(),
        subjects: Vec::new(),
        agent: None,
        place: None,
        status: Status::Occurred,
        attributed_to: None,
        detail: None,
        evidence: evidence(body, sentence),
        rule: None,
    }
}

pub const SAMPLE_S1: &str = "On Tuesday the Harbour District Court remanded camera operator Mira Halvorsen of Northwind Media until 2025-05-11.";
pub const SAMPLE_S2: &str =
    "Two accountants and Teodor Vask were questioned by the State Security Service, according to the outlet.";
pub const SAMPLE_S3: &str = "Halvorsen denied the charges of calls for mass unrest.";
pub const SAMPLE_S4: &str = "Её квартиру обыскали в конце мая.";

/// A hand-built record exercising every field, set and unset, and its body.
pub fn sample() -> (ExtractRecord, String) {
    let body = format!(
        "{SAMPLE_S1} Colleagues gathered outside the courthouse in Port Elm.\n\n{SAMPLE_S2} {SAMPLE_S3}\n\n{SAMPLE_S4}"
    );
    let mut e1 = bare_event(&body, EventType::PretrialDetention, SAMPLE_S1);
    e1.date = EventDate {
        value: Some("2025-03-11".parse().expect("date")),
        qualifier: None,
        text: Some("On Tuesday".into()),
        inferred: false,
    };
    e1.subjects = vec![Subject {
        reference: Some("p1".into()),
        name: Some("Mira Halvorsen".into()),
        group: None,
        count: None,
    }];
    e1.agent = Some(Agent {
        reference: Some("o2".into()),
        name: "Harbour District Court".into(),
    });
    e1.place = Some("Port Elm".into());
    e1.detail = Some("until 2025-05-11".into());
    e1.rule = Some("trigger.remand".into());

    let mut e2 = bare_event(&body, EventType::Questioning, SAMPLE_S2);
    e2.date = EventDate {
        value: Some("2025-03".parse().expect("date")),
        qualifier: Some(DateQualifier::Early),
        text: None,
        inferred: false,
    };
    e2.subjects = vec![
        Subject {
            reference: None,
            name: None,
            group: Some("two accountants".into()),
            count: Some(2),
        },
        Subject {
            reference: Some("p2".into()),
            name: Some("Teodor Vask".into()),
            group: None,
            count: None,
        },
        Subject {
            reference: None,
            name: None,
            group: Some("several relatives".into()),
            count: None,
        },
        Subject {
            reference: None,
            name: Some("an unnamed driver".into()),
            group: None,
            count: None,
        },
    ];
    e2.agent = Some(Agent {
        reference: None,
        name: "investigators".into(),
    });
    e2.status = Status::Alleged;
    e2.attributed_to = Some("the outlet".into());

    let mut e3 = bare_event(&body, EventType::Charge, SAMPLE_S3);
    e3.status = Status::Denied;

    let mut e4 = bare_event(&body, EventType::Search, SAMPLE_S4);
    e4.date = EventDate {
        value: Some("2025-05".parse().expect("date")),
        qualifier: Some(DateQualifier::Late),
        text: Some("в конце мая".into()),
        inferred: false,
    };
    e4.status = Status::NotOccurred;

    let record = ExtractRecord {
        article: ArticleMeta {
            id: "sample-001".into(),
            source: "tests/sample-001.txt".into(),
            published: NaiveDate::from_ymd_opt(2025, 3, 12),
            title: Some("Court remands camera operator".into()),
            language: "en".into(),
            sha256: "a".repeat(64),
            url: Some("https://news.example/sample-001".into()),
        },
        people: vec![
            Person {
                id: "p1".into(),
                name: "Mira Halvorsen".into(),
                variants: vec!["Mira Halvorsen".into(), "Halvorsen".into()],
                occupation: Some("camera operator".into()),
                affiliation: Some("Northwind Media".into()),
                former: Some(false),
                rule: Some("apposition.occupation".into()),
            },
            Person {
                former: Some(true),
                affiliation: Some("Port Elm Courier".into()),
                ..person("p2", "Teodor Vask")
            },
            Person {
                variants: Vec::new(),
                ..person("p3", "Lune Barrow")
            },
        ],
        organizations: vec![
            Organization {
                id: "o1".into(),
                name: "State Security Service".into(),
                variants: vec!["SSS".into()],
                kind: OrgKind::SecurityAgency,
                rule: Some("lexicon.agency".into()),
            },
            Organization {
                id: "o2".into(),
                name: "Harbour District Court".into(),
                variants: Vec::new(),
                kind: OrgKind::Court,
                rule: None,
            },
            Organization {
                id: "o3".into(),
                name: "Northwind Media".into(),
                variants: vec!["Northwind".into()],
                kind: OrgKind::MediaOutlet,
                rule: None,
            },
        ],
        events: vec![e1, e2, e3, e4],
        charges: vec![
            Charge {
                label: "calls for mass unrest".into(),
                article: Some("Article 278".into()),
                subjects: vec!["p1".into(), "p2".into()],
            },
            Charge {
                label: "tax evasion".into(),
                article: None,
                subjects: Vec::new(),
            },
        ],
    };
    (record, body)
}

/// Words the generated bodies draw on.
const WORDS: &[&str] = &[
    "court",
    "editor",
    "appeal",
    "hearing",
    "outlet",
    "reporter",
    "city",
    "statement",
    "lawyer",
    "archive",
];

/// A deterministic generated record number `i`: `1 + i % 3` people,
/// `1 + i % 5` events (each with 1–2 subjects), `i % 2` charges; its sha256
/// is unique per `i`.
pub fn generated(i: usize) -> (ExtractRecord, String) {
    let n_people = 1 + i % 3;
    let n_events = 1 + i % 5;
    let sentences: Vec<String> = (0..n_events)
        .map(|k| {
            format!(
                "Sentence {k} of article {i}: the {} met the {} of Person{i}x{}.",
                WORDS[(i + k) % WORDS.len()],
                WORDS[(i * 7 + k) % WORDS.len()],
                k % n_people
            )
        })
        .collect();
    let body = sentences.join(" ");
    let people: Vec<Person> = (0..n_people)
        .map(|k| Person {
            occupation: (k % 2 == 0).then(|| "reporter".to_string()),
            former: (k == 1).then_some(true),
            ..person(&format!("p{}", k + 1), &format!("Person{i}x{k}"))
        })
        .collect();
    let events = sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut e = bare_event(&body, EventType::ALL[(i + k) % EventType::ALL.len()], s);
            e.subjects.push(Subject {
                reference: Some(format!("p{}", k % n_people + 1)),
                name: Some(format!("Person{i}x{}", k % n_people)),
                group: None,
                count: None,
            });
            if k % 2 == 1 {
                e.subjects.push(Subject {
                    reference: None,
                    name: None,
                    group: Some("staff".into()),
                    count: Some(3),
                });
                e.date = EventDate {
                    value: Some(format!("2024-{:02}", 1 + k).parse().expect("date")),
                    ..EventDate::default()
                };
            }
            e
        })
        .collect();
    let charges = (0..i % 2)
        .map(|_| Charge {
            label: "extremism".into(),
            article: Some("Article 280".into()),
            subjects: vec!["p1".into()],
        })
        .collect();
    let record = ExtractRecord {
        article: ArticleMeta {
            id: format!("gen-{i:06}"),
            source: format!("gen/{i}.txt"),
            published: NaiveDate::from_ymd_opt(2024, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
            title: Some(format!("Generated article {i}")),
            language: "en".into(),
            sha256: format!("{i:064x}"),
            url: None,
        },
        people,
        organizations: vec![Organization {
            id: "o1".into(),
            name: "Generated Court".into(),
            variants: Vec::new(),
            kind: OrgKind::Court,
            rule: None,
        }],
        events,
        charges,
    };
    (record, body)
}

/// A case file of three cases, given in the order `c2`, `c1`, `c10`; `c1`
/// cites the sample article.
pub fn case_file() -> CaseFile {
    let (sample, _) = sample();
    let ev = &sample.events[0];
    let entry = TimelineEntry {
        id: "E1".into(),
        event_type: ev.event_type,
        date: ev.date.clone(),
        subjects: vec![Subject {
            reference: Some("P1".into()),
            name: Some("Mira Halvorsen".into()),
            group: None,
            count: None,
        }],
        agent: ev.agent.clone(),
        place: ev.place.clone(),
        status: ev.status,
        detail: ev.detail.clone(),
        review: Review::Confirmed,
        sources: vec![Source {
            article: sample.article.id.clone(),
            published: sample.article.published,
            url: sample.article.url.clone(),
            title: sample.article.title.clone(),
            outlet: None,
            start: ev.evidence.start,
            end: ev.evidence.end,
            sentence: ev.evidence.sentence.clone(),
        }],
        conflicts: vec![Conflict {
            field: "detail".into(),
            value: "until 2025-06-11".into(),
            sources: vec!["other-002".into()],
        }],
    };
    let undated = TimelineEntry {
        id: "E2".into(),
        date: EventDate::default(),
        review: Review::Machine,
        conflicts: Vec::new(),
        event_type: EventType::Charge,
        ..entry.clone()
    };
    let c1 = Case {
        id: "c1".into(),
        title: "Northwind Media case".into(),
        people: vec![CasePerson {
            id: "P1".into(),
            name: "Mira Halvorsen".into(),
            variants: vec!["Halvorsen".into(), "Mira Halvorsen".into()],
            occupation: Some("camera operator".into()),
            affiliation: Some("Northwind Media".into()),
            former: None,
            role: Role::Defendant,
            role_rule: None,
        }],
        organizations: sample.organizations.clone(),
        charges: vec![Charge {
            label: "calls for mass unrest".into(),
            article: Some("Article 278".into()),
            subjects: vec!["P1".into()],
        }],
        events: vec![entry, undated],
        articles: vec![sample.article.id.clone()],
        related_cases: Vec::new(),
    };
    let c2 = Case {
        id: "c2".into(),
        title: "Port Elm Courier case".into(),
        people: Vec::new(),
        organizations: Vec::new(),
        charges: Vec::new(),
        events: Vec::new(),
        articles: vec!["gen-000001".into()],
        related_cases: Vec::new(),
    };
    let c10 = Case {
        id: "c10".into(),
        title: "Empty case".into(),
        articles: Vec::new(),
        ..c2.clone()
    };
    CaseFile {
        cases: vec![c2, c1, c10],
    }
}

/// The outlet-and-charge link keys (`outlet:<outlet>|<charge>`) stored in
/// the database file at `path`.
pub fn outlet_keys(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM link_keys WHERE key >= 'outlet:' AND key < 'outlet;'",
                [],
                |r| r.get(0),
            )
        })
        .expect("count outlet keys")
}
