//! Upgrading a database written before the case listing was stored (schema 5, before `0006_workflow`): the current code opens it, adds the listing rows, and lists, filters and sorts the cases as a database built by the current code does. Real SQLite files; fictional people.

use casewatch_model::{ExtractRecord, Standing};
use casewatch_store::{ArticleInput, CaseQuery, CaseSort, StatusQuery, Store};
use rusqlite::Connection;
use serde_json::{Value, json};
use std::path::Path;

#[allow(dead_code)]
mod common;
use common::outlet_keys;

/// The schema before the stored case listing (`0006_workflow`).
const OLD_SCHEMA: u32 = 5;

/// An event of a fictional report: type, day, subjects (indices into the
/// people), place, detail.
type Ev<'a> = (&'a str, &'a str, &'a [usize], &'a str, Option<&'a str>);

fn record(id: &str, published: &str, people: &[&str], events: &[Ev<'_>]) -> (ExtractRecord, String) {
    let mut body = String::new();
    let mut evs = Vec::new();
    for (ty, date, subjects, place, detail) in events {
        let names: Vec<&str> = subjects.iter().map(|&i| people[i]).collect();
        let sentence = format!("{} {ty} in {place} on {date}.", names.join(" and "));
        let start = body.len();
        body.push_str(&sentence);
        body.push(' ');
        evs.push(json!({
            "type": ty, "date": date, "date_precision": "day", "date_qualifier": null, "date_text": null,
            "subjects": subjects.iter().map(|&i| json!({"ref": format!("p{}", i + 1), "name": people[i]})).collect::<Vec<Value>>(),
            "agent": null, "place": place, "status": "occurred", "attributed_to": null, "detail": detail,
            "evidence": {"start": start, "end": start + sentence.len(), "sentence": sentence}
        }));
    }
    let v = json!({
        "article": {"id": id, "source": format!("{id}.txt"), "published": published, "title": format!("Report {id}"),
                    "language": "en", "sha256": format!("{:0>64}", id.bytes().map(|b| format!("{b:02x}")).collect::<String>()),
                    "url": format!("https://news.example.org/{id}")},
        "people": people.iter().enumerate().map(|(i, n)| json!({"id": format!("p{}", i + 1), "name": n, "variants": [n],
                   "occupation": "journalist", "affiliation": null, "former": null})).collect::<Vec<Value>>(),
        "organizations": [], "events": evs, "charges": []
    });
    (serde_json::from_value(v).expect("valid record"), body)
}

fn articles() -> Vec<(ExtractRecord, String)> {
    vec![
        record(
            "u1",
            "2025-01-13",
            &["Dana Okafor"],
            &[
                ("detention", "2025-01-10", &[0], "Moscow", None),
                ("pretrial_detention", "2025-01-12", &[0], "Moscow", Some("two months")),
            ],
        ),
        record(
            "u2",
            "2025-06-02",
            &["Dana Okafor"],
            &[("sentence", "2025-06-01", &[0], "Moscow", Some("6 years"))],
        ),
        record(
            "u3",
            "2025-02-03",
            &["Ivo Marek"],
            &[
                ("search", "2025-02-01", &[0], "Belgrade", None),
                ("detention", "2025-02-01", &[0], "Belgrade", None),
                ("release", "2025-02-02", &[0], "Belgrade", None),
            ],
        ),
        // No legal event: in no case.
        record("u4", "2025-02-10", &["Ivo Marek"], &[]),
    ]
}

fn ingest(store: &mut Store) {
    let items = articles();
    let inputs: Vec<ArticleInput<'_>> = items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
    store.insert_articles(&inputs).expect("insert");
    store.update_cases().expect("cases");
}

/// Copies every row of `from` into the schema-5 file `to`, column by column
/// (the columns schema 5 has), FTS indexes included: the file a schema-5
/// build would have written for the same articles and cases.
fn copy_into_old(from: &Path, to: &Path) {
    let conn = Connection::open(to).expect("open old");
    // Tables are copied in name order, children before parents.
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
    conn.execute("ATTACH DATABASE ?1 AS cur", [from.to_str().expect("utf-8 path")])
        .expect("attach");
    // The current schema reads bodies through `casewatch_body` and
    // `casewatch_span` (migration 0009);
    // this test's bodies are short, so stored as text, which these read as is.
    conn.create_scalar_function(
        "casewatch_body",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8 | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| ctx.get::<Option<String>>(0),
    )
    .expect("function");
    conn.create_scalar_function(
        "casewatch_span",
        3,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8 | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let body: String = ctx.get(0)?;
            let (start, end) = (ctx.get::<i64>(1)?, ctx.get::<i64>(2)?);
            let (start, end) = (
                usize::try_from(start).unwrap_or(usize::MAX),
                usize::try_from(end).unwrap_or(0),
            );
            Ok(body.get(start..end).map(str::to_string))
        },
    )
    .expect("function");
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("tables");
    let columns = |schema: &str, table: &str| -> Vec<String> {
        conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}', '{schema}')"))
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .expect("columns")
    };
    let mut copied = 0;
    for (table, sql) in tables {
        let shadow = ["_data", "_idx", "_docsize", "_config", "_content"]
            .iter()
            .any(|s| table.contains("_fts") && table.ends_with(s));
        if shadow || table.starts_with("sqlite_") || table == "schema_migrations" {
            continue;
        }
        let current = columns("cur", &table);
        let mut cols: Vec<String> = columns("main", &table)
            .into_iter()
            .filter(|c| current.contains(c))
            .collect();
        assert!(!cols.is_empty(), "{table} exists in both schemas");
        if sql.contains("VIRTUAL TABLE") {
            cols.insert(0, "rowid".into());
        }
        let list = cols.join(", ");
        // Schema 5 stored each evidence sentence (the current one derives it)
        // and each person link as JSON (now one column per field).
        let (into, from) = match table.as_str() {
            "events" => (
                format!("{list}, evidence_sentence"),
                format!("{list}, (SELECT v.evidence_sentence FROM cur.event_evidence v WHERE v.id = t.id)"),
            ),
            "person_links" => (
                format!("{list}, data"),
                format!(
                    "{list}, json_object('a', json_object('article', a_article, 'person', a_person), 'a_name', a_name,
                     'b', json_object('article', b_article, 'person', b_person), 'b_name', b_name,
                     'rule', rule, 'score', score)"
                ),
            ),
            // Schema 13 keys identity rows by the article's first row.
            "ident_mentions" | "ident_assertions" => (
                format!("{list}, article_id"),
                format!("{list}, (SELECT a.article_id FROM cur.articles a WHERE a.id = t.article)"),
            ),
            _ => (list.clone(), list),
        };
        copied += conn
            .execute(
                &format!("INSERT INTO main.{table} ({into}) SELECT {from} FROM cur.{table} AS t"),
                [],
            )
            .expect("copy rows");
    }
    assert!(copied > 20, "rows copied: {copied}");
}

fn listing(store: &Store, q: &CaseQuery) -> Vec<casewatch_store::CaseRow> {
    store.case_page(q).expect("case page").rows
}

#[test]
fn a_schema_5_database_is_listed_like_a_new_one_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (fresh_path, old_path) = (dir.path().join("fresh.db"), dir.path().join("old.db"));
    let mut fresh = Store::open(&fresh_path).expect("open fresh");
    ingest(&mut fresh);

    Store::create_at_version(&old_path, OLD_SCHEMA).expect("schema 5");
    {
        let conn = Connection::open(&old_path).expect("open old");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, i64::from(OLD_SCHEMA));
        let has_entries: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'case_entries')",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert!(!has_entries, "schema 5 has no listing rows");
    }
    // Checkpoint the fresh file so that the copy reads every row from it.
    drop(fresh);
    {
        let c = Connection::open(&fresh_path).expect("reopen");
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
    }
    copy_into_old(&fresh_path, &old_path);
    let fresh = Store::open(&fresh_path).expect("open fresh again");

    // The current code opens the old file: migrations, then the listing rows.
    let upgraded = Store::open(&old_path).expect("upgrade");
    assert_eq!(
        upgraded.schema_version().expect("version"),
        casewatch_store::SCHEMA_VERSION
    );

    let all = listing(&upgraded, &CaseQuery::default());
    assert_eq!(
        all,
        listing(&fresh, &CaseQuery::default()),
        "the same rows as a new database"
    );
    assert_eq!(all.len(), 2);
    let okafor = all.iter().find(|r| r.title.contains("Okafor")).expect("Okafor's case");
    assert_eq!(okafor.country.as_deref(), Some("RU"));
    assert_eq!((okafor.people, okafor.events, okafor.sources), (1, 3, 2), "{okafor:?}");
    assert_eq!(okafor.first_date.as_deref(), Some("2025-01-10"));
    assert_eq!(okafor.last_date.as_deref(), Some("2025-06-01"));
    assert_eq!(okafor.statuses.len(), 1);
    assert_eq!(okafor.statuses[0].status, Standing::Serving);
    assert_eq!(okafor.statuses[0].term.as_deref(), Some("6 years"));
    let marek = all.iter().find(|r| r.title.contains("Marek")).expect("Marek's case");
    assert_eq!(marek.country.as_deref(), Some("RS"));
    assert_eq!(marek.statuses[0].status, Standing::Released);

    // Filters and sorting read the new rows.
    for q in [
        CaseQuery {
            country: Some("RS".into()),
            ..CaseQuery::default()
        },
        CaseQuery {
            standing: Some(Standing::Serving),
            ..CaseQuery::default()
        },
        CaseQuery {
            event_type: Some("sentence".into()),
            ..CaseQuery::default()
        },
        CaseQuery {
            sort: CaseSort::Last,
            descending: true,
            ..CaseQuery::default()
        },
    ] {
        let rows = listing(&upgraded, &q);
        assert_eq!(rows, listing(&fresh, &q), "{q:?}");
        assert!(!rows.is_empty(), "{q:?}");
    }
    let serving = listing(
        &upgraded,
        &CaseQuery {
            standing: Some(Standing::Serving),
            ..CaseQuery::default()
        },
    );
    assert_eq!(serving.len(), 1);
    assert_eq!(serving[0].id, okafor.id);
    let held = upgraded
        .statuses(&StatusQuery {
            held: true,
            ..StatusQuery::default()
        })
        .expect("statuses");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status.name, "Dana Okafor");
    // The review queue reads the new rows too.
    assert_eq!(
        upgraded.review_queue(None, 0, 100).expect("queue").total,
        fresh.review_queue(None, 0, 100).expect("queue").total
    );
    assert_eq!(upgraded.review_queue(None, 0, 100).expect("queue").total, 6);

    // Migration 0009: person links moved from JSON to columns, evidence
    // sentences derived from the bodies, both full-text indexes rebuilt.
    let links = upgraded.person_links(&okafor.id).expect("links");
    assert_eq!(links, fresh.person_links(&okafor.id).expect("links"));
    assert!(!links.is_empty(), "Okafor is named in two articles");
    assert_eq!(
        upgraded.articles().expect("records"),
        fresh.articles().expect("records")
    );
    let hits = |store: &Store, q: &str| -> Vec<(String, Vec<String>)> {
        store
            .search(q, 20)
            .expect("search")
            .into_iter()
            .map(|h| (h.snippet, h.events))
            .collect()
    };
    for q in ["Belgrade", "sentence", "Okafor"] {
        let found = hits(&upgraded, q);
        assert!(!found.is_empty(), "{q}");
        assert_eq!(found, hits(&fresh, q), "{q}");
    }
    assert_eq!(upgraded.integrity_check().expect("check"), Vec::<String>::new());

    // Migration 0013: identity rows keyed by the article's first row hold
    // the ids a new database gives, and are found by article id.
    let identity = |path: &Path| -> Vec<(String, String, String, String)> {
        let c = Connection::open(path).expect("open");
        let mut st = c
            .prepare(
                "SELECT m.kind, a.article_id, m.local_id, m.id FROM ident_mentions m JOIN articles a ON a.id = m.article
                 UNION ALL
                 SELECT 'entry', a.article_id, s.key, s.entry_id FROM ident_assertions s JOIN articles a ON a.id = s.article
                 ORDER BY 1, 2, 3",
            )
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
    };
    let ids = identity(&old_path);
    assert_eq!(ids, identity(&fresh_path));
    assert!(
        ids.iter().any(|r| r.0 == "person") && ids.iter().any(|r| r.0 == "entry"),
        "{ids:?}"
    );

    // Migration 0010: each link key's article count, counted by the
    // migration on the old file and kept by triggers on the new one.
    let counts = |path: &Path| -> Vec<(String, i64, i64)> {
        let c = Connection::open(path).expect("open");
        let mut st = c
            .prepare(
                "SELECT k.key, k.articles, (SELECT COUNT(*) FROM link_keys l WHERE l.key = k.key)
                 FROM link_key_counts k ORDER BY k.key",
            )
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
    };
    let upgraded_counts = counts(&old_path);
    assert!(
        upgraded_counts
            .iter()
            .any(|(k, n, _)| k.starts_with("person:") && *n == 2),
        "{upgraded_counts:?}"
    );
    assert!(upgraded_counts.iter().all(|(_, n, c)| n == c), "{upgraded_counts:?}");
    assert_eq!(upgraded_counts, counts(&fresh_path));

    // Migration 0012: the names of each link key's mentions, listed by the
    // migration on the old file and kept by triggers on the new one.
    let names = |path: &Path, sql: &str| -> Vec<(String, String, i64)> {
        let c = Connection::open(path).expect("open");
        let mut st = c.prepare(sql).expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
    };
    let table = "SELECT key, name, article FROM link_names ORDER BY key, name, article";
    let expected = "SELECT DISTINCT l.key, json_extract(m.value, '$.name') AS name, l.article
                    FROM link_keys l, json_each(l.mentions) m ORDER BY l.key, name, l.article";
    let upgraded_names = names(&old_path, table);
    assert!(
        upgraded_names
            .iter()
            .any(|(k, n, _)| k == "person:okafor" && n.contains("Okafor")),
        "{upgraded_names:?}"
    );
    assert_eq!(upgraded_names, names(&old_path, expected));
    assert_eq!(upgraded_names, names(&fresh_path, table));

    // Migration 0014: the names of each link key block and people index
    // block, listed by the migration on the old file and kept by triggers
    // on the new one; and opening a store counts stale summaries in an
    // index, not by reading every case.
    let pairs = |path: &Path, sql: &str| -> Vec<(String, String)> {
        let c = Connection::open(path).expect("open");
        let mut st = c.prepare(sql).expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
    };
    for (table, source) in [
        (
            "SELECT key, name FROM link_block_names ORDER BY 1, 2",
            "SELECT DISTINCT key, name FROM link_names ORDER BY 1, 2",
        ),
        (
            "SELECT block, name FROM person_block_names ORDER BY 1, 2",
            "SELECT DISTINCT block, name FROM person_index ORDER BY 1, 2",
        ),
    ] {
        let listed = pairs(&old_path, table);
        assert!(listed.iter().any(|(_, n)| n.contains("Okafor")), "{listed:?}");
        assert_eq!(listed, pairs(&old_path, source), "{table}");
        assert_eq!(listed, pairs(&fresh_path, table), "{table}");
    }
    // Migration 0015: the outlet and context of each listed name, filled by
    // the migration on the old file and kept by triggers on the new one.
    let listed = |path: &Path| -> Vec<(String, String, i64, Option<String>, String)> {
        let c = Connection::open(path).expect("open");
        let mut st = c
            .prepare("SELECT key, name, article, affiliation, context FROM link_names ORDER BY key, name, article")
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
    };
    let upgraded_listed = listed(&old_path);
    assert!(
        upgraded_listed
            .iter()
            .any(|(_, n, _, _, c)| n.contains("Okafor") && c.contains("okafor")),
        "{upgraded_listed:?}"
    );
    assert_eq!(upgraded_listed, listed(&fresh_path));
    // Migration 0016: the articles no case lists, filled by the migration
    // on the old file and kept by triggers on the new one.
    assert_eq!(upgraded.articles_without_case().expect("without"), ["u4"]);
    assert_eq!(fresh.articles_without_case().expect("without"), ["u4"]);
    assert_eq!(upgraded.integrity_check().expect("check"), Vec::<String>::new());
    let plan: String = Connection::open(&old_path)
        .expect("open")
        .query_row(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE summary_version < 1",
            [],
            |r| r.get(3),
        )
        .expect("plan");
    assert!(plan.contains("INDEX cases_summary_version"), "{plan}");
}

#[test]
fn migration_17_keeps_outlet_keys_only_where_the_rule_is_on() {
    // A defendant with an outlet and a charge: one outlet-and-charge key an article.
    let items: Vec<(ExtractRecord, String)> = articles()
        .into_iter()
        .map(|(mut rec, body)| {
            for p in &mut rec.people {
                p.affiliation = Some("Harbor Light".into());
            }
            rec.charges.push(casewatch_model::Charge {
                label: "Tax evasion".into(),
                article: None,
                subjects: vec![],
            });
            (rec, body)
        })
        .collect();
    // The stored settings as an older build left them: the rule on, off, or never set.
    for (settings, kept) in [(Some(true), true), (Some(false), false), (None, false)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("casewatch.db");
        {
            let mut store = Store::open(&path).expect("open");
            store
                .set_reconcile_settings(&casewatch_reconcile::Settings {
                    link_by_outlet_and_charge: true,
                    ..casewatch_reconcile::Settings::default()
                })
                .expect("settings");
            let inputs: Vec<ArticleInput<'_>> =
                items.iter().map(|(r, b)| ArticleInput { record: r, body: b }).collect();
            store.insert_articles(&inputs).expect("insert");
            store.update_cases().expect("cases");
        }
        let stored = outlet_keys(&path);
        // u1, u2 and u3 have a legal event, so a defendant; u4 none.
        assert_eq!(stored, 3);
        {
            // Back to schema 16, with the settings as they were.
            let c = Connection::open(&path).expect("open");
            match settings {
                Some(on) => c
                    .execute(
                        "UPDATE reconcile_settings SET data = json_set(data, '$.link_by_outlet_and_charge', json(?1))",
                        [if on { "true" } else { "false" }],
                    )
                    .expect("settings"),
                None => c.execute("DELETE FROM reconcile_settings", []).expect("settings"),
            };
            c.execute_batch(
                "DROP TABLE link_key_generation; DELETE FROM schema_migrations WHERE version = 17;
                 PRAGMA user_version = 16",
            )
            .expect("schema 16");
        }
        let store = Store::open(&path).expect("upgrade");
        assert_eq!(store.schema_version().expect("version"), 17);
        assert_eq!(outlet_keys(&path), if kept { stored } else { 0 }, "{settings:?}");
        let zero: i64 = Connection::open(&path)
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM link_key_counts WHERE articles = 0", [], |r| {
                    r.get(0)
                })
            })
            .expect("counts");
        assert_eq!(zero, 0, "{settings:?}");
        assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
        let generation: i64 = Connection::open(&path)
            .and_then(|c| c.query_row("SELECT generation FROM link_key_generation", [], |r| r.get(0)))
            .expect("generation");
        assert_eq!(generation, 0);
    }
}
