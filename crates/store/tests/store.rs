//! Integration tests of the store's invariants on a real database file:
//! record round trip, de-duplication, atomic batches, cases, search, reopening.

#[allow(dead_code)]
mod common;

use casewatch_model::ExtractRecord;
use casewatch_store::{ArticleInput, Counts, HitKind, InsertOutcome, SCHEMA_VERSION, Store, StoreError};
use common::{case_file, generated, sample};
use tempfile::TempDir;

fn fresh() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("casewatch.db")).expect("open");
    (dir, store)
}

/// The distinct articles a search finds, sorted.
fn search_articles(store: &Store, q: &str) -> Vec<String> {
    let mut a: Vec<String> = store
        .search(q, 10)
        .expect("search")
        .into_iter()
        .map(|h| h.article)
        .collect();
    a.sort();
    a.dedup();
    a
}

fn inputs(items: &[(ExtractRecord, String)]) -> Vec<ArticleInput<'_>> {
    items
        .iter()
        .map(|(record, body)| ArticleInput { record, body })
        .collect()
}

#[test]
fn records_round_trip_exactly() {
    let (_dir, mut store) = fresh();
    let items: Vec<_> = std::iter::once(sample()).chain((0..7).map(generated)).collect();
    let outcomes = store.insert_articles(&inputs(&items)).expect("insert");
    assert_eq!(outcomes, vec![InsertOutcome::New; items.len()]);

    let stored = store.articles().expect("articles");
    assert_eq!(stored.len(), items.len());
    for (got, (record, body)) in stored.iter().zip(&items) {
        assert_eq!(&got.record, record);
        assert_eq!(&got.body, body);
        for e in &got.record.events {
            assert_eq!(&got.body[e.evidence.start..e.evidence.end], e.evidence.sentence);
        }
    }
    let counts = store.counts().expect("counts");
    let sum = |f: fn(&ExtractRecord) -> usize| items.iter().map(|(r, _)| f(r) as u64).sum::<u64>();
    assert_eq!(
        counts,
        Counts {
            articles: items.len() as u64,
            people: sum(|r| r.people.len()),
            organizations: sum(|r| r.organizations.len()),
            events: sum(|r| r.events.len()),
            charges: sum(|r| r.charges.len()),
            cases: 0,
        }
    );
}

#[test]
fn duplicates_are_skipped_within_and_across_batches() {
    let (_dir, mut store) = fresh();
    let items = vec![generated(1), generated(2), generated(1), sample()];
    assert!(!store.contains(&items[0].0.article.sha256).expect("contains"));
    let first = store.insert_articles(&inputs(&items)).expect("first insert");
    use InsertOutcome::{Duplicate, New};
    assert_eq!(first, vec![New, New, Duplicate, New]);
    assert!(store.contains(&items[0].0.article.sha256).expect("contains"));
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles, 3);

    let second = store.insert_articles(&inputs(&items)).expect("second insert");
    assert_eq!(second, vec![Duplicate; 4]);
    assert_eq!(store.counts().expect("counts"), counts);
    assert_eq!(store.insert_articles(&[]).expect("empty batch"), Vec::new());
}

#[test]
fn a_failing_batch_stores_nothing() {
    let (_dir, mut store) = fresh();
    let good = generated(10);
    let (mut bad, bad_body) = generated(11);
    let ev = &mut bad.events[0].evidence;
    (ev.start, ev.end) = (ev.end, ev.start); // start > end violates a CHECK
    let (mut dup_ids, dup_body) = generated(12);
    dup_ids.people.push(dup_ids.people[0].clone()); // a repeated person id violates a UNIQUE
    let last = generated(13);

    for (broken, body) in [(&bad, &bad_body), (&dup_ids, &dup_body)] {
        let batch = [
            ArticleInput {
                record: &good.0,
                body: &good.1,
            },
            ArticleInput { record: broken, body },
            ArticleInput {
                record: &last.0,
                body: &last.1,
            },
        ];
        let err = store.insert_articles(&batch).expect_err("the batch must fail");
        assert!(err.is_constraint_violation(), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(&broken.article.id) && msg.contains("casewatch.db"),
            "{msg}"
        );
        assert_eq!(store.counts().expect("counts"), Counts::default());
        assert!(!store.contains(&good.0.article.sha256).expect("contains"));
    }
    // The connection is still usable, and the good articles go in on their own.
    let ok = store.insert_articles(&inputs(&[good, last])).expect("insert");
    assert_eq!(ok, vec![InsertOutcome::New; 2]);
    assert_eq!(store.counts().expect("counts").articles, 2);
}

#[test]
fn cases_round_trip_in_given_order() {
    let (_dir, mut store) = fresh();
    assert_eq!(store.cases().expect("cases").cases, Vec::new());
    let file = case_file();
    store.replace_cases(&file).expect("replace");
    assert_eq!(store.cases().expect("cases"), file);
    let ids: Vec<_> = store
        .case_summaries()
        .expect("summaries")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["c2", "c1", "c10"]);
    // By title: the first in case order, ignoring case.
    let by_title = |t: &str| store.case_by_title(t).expect("by title");
    assert_eq!(by_title("CASE").as_deref(), Some("c2"));
    assert_eq!(by_title("northwind").as_deref(), Some("c1"));
    assert_eq!(by_title("Empty c").as_deref(), Some("c10"));
    assert_eq!(by_title("Velmora"), None);
    assert_eq!(store.case("c1").expect("case").as_ref(), Some(&file.cases[1]));
    assert_eq!(store.case("c99").expect("case"), None);
    assert_eq!(store.counts().expect("counts").cases, 3);

    let c1 = &store.case_summaries().expect("summaries")[1];
    assert_eq!((c1.people, c1.events, c1.sources), (1, 2, 1));
    assert_eq!(
        (c1.first_date.as_deref(), c1.last_date.as_deref()),
        (Some("2025-03-11"), Some("2025-03-11"))
    );

    // A repeated case id fails the replacement and keeps the old cases.
    let mut dup = file.clone();
    dup.cases.push(dup.cases[0].clone());
    let err = store.replace_cases(&dup).expect_err("duplicate ids");
    assert!(err.is_constraint_violation(), "{err}");
    assert_eq!(store.cases().expect("cases"), file);

    // Replacing drops cases that are gone.
    let smaller = casewatch_model::CaseFile {
        cases: vec![file.cases[2].clone()],
    };
    store.replace_cases(&smaller).expect("replace");
    assert_eq!(store.cases().expect("cases"), smaller);
    assert_eq!(store.case("c1").expect("case"), None);
}

#[test]
fn search_finds_bodies_and_evidence_and_names_the_case() {
    let (_dir, mut store) = fresh();
    let items: Vec<_> = std::iter::once(sample()).chain((0..20).map(generated)).collect();
    store.insert_articles(&inputs(&items)).expect("insert");
    store.replace_cases(&case_file()).expect("cases");

    // "courthouse" is only in the sample's body, outside every evidence sentence.
    let hits = store.search("courthouse", 10).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].kind, HitKind::Article);
    assert_eq!(hits[0].article, "sample-001");
    assert_eq!(hits[0].case.as_deref(), Some("c1"));
    assert_eq!(hits[0].title.as_deref(), Some("Court remands camera operator"));
    assert_eq!(hits[0].published, chrono::NaiveDate::from_ymd_opt(2025, 3, 12));
    assert!(hits[0].snippet.contains("[courthouse]"), "{}", hits[0].snippet);

    // "accountants" is in an evidence sentence (and so in the body too).
    let hits = store.search("accountants", 10).expect("search");
    let ev = hits
        .iter()
        .find(|h| h.kind == HitKind::Evidence)
        .expect("an evidence hit");
    assert_eq!(ev.article, "sample-001");
    assert_eq!(ev.case.as_deref(), Some("c1"));
    assert!(ev.snippet.contains("[accountants]"), "{}", ev.snippet);
    assert!(hits.iter().any(|h| h.kind == HitKind::Article));

    // Case-insensitive and Cyrillic.
    assert!(!store.search("КВАРТИРУ", 5).expect("search").is_empty());
    // An article in no case; the limit holds across both indexes.
    let hits = store.search("Generated", 3).expect("search");
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.case.is_none() || h.article == "gen-000001"));
    // The limit keeps the best-ranked hits, with their snippets: the first
    // three of a larger limit.
    let more = store.search("Generated", 30).expect("search");
    assert!(more.len() > 3, "{more:?}");
    let key = |h: &casewatch_store::SearchHit| (h.article.clone(), h.kind, h.snippet.clone(), h.events.clone());
    assert_eq!(
        hits.iter().map(key).collect::<Vec<_>>(),
        more[..3].iter().map(key).collect::<Vec<_>>()
    );
    assert!(more.iter().all(|h| h.snippet.contains("[Generated]")), "{more:?}");
    // Phrase and boolean syntax work; malformed queries fall back instead of failing.
    assert!(
        !store
            .search("\"camera operator\" AND remanded", 5)
            .expect("search")
            .is_empty()
    );
    assert!(store.search("\"unbalanced", 5).expect("search").is_empty());
    // A control character is a clear refusal (a 400 on the web), not a failure or "no hits".
    let err = store.search("court\u{0}house", 5).expect_err("refused");
    assert!(
        matches!(&err, casewatch_store::StoreError::Invalid { what, detail, .. }
            if what == "search query" && detail.contains("U+0000")),
        "{err}"
    );
    assert!(!store.search("\"courthouse", 5).expect("search").is_empty());
    assert!(!store.search("courthouse AND", 5).expect("search").is_empty());
    assert!(
        store
            .search("Port-Elm", 5)
            .expect("search")
            .iter()
            .any(|h| h.article == "sample-001")
    );
    for odd in [
        "NEAR(", "title:", "-", "*", "\"", "(", "a OR", "ja:xx", "O'Brien", "^", "a + b", "{x}",
    ] {
        store.search(odd, 5).unwrap_or_else(|e| panic!("{odd:?}: {e}"));
    }
    assert!(store.search("   ", 5).expect("search").is_empty());
    assert!(store.search("nonexistentword", 5).expect("search").is_empty());
}

#[test]
fn reopening_keeps_data_and_schema_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("casewatch.db");
    let items = vec![sample(), generated(3)];
    {
        let mut store = Store::open(&path).expect("open");
        store.insert_articles(&inputs(&items)).expect("insert");
        store.replace_cases(&case_file()).expect("cases");
    }
    for _ in 0..2 {
        let store = Store::open(&path).expect("reopen");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        let records: Vec<_> = store
            .articles()
            .expect("articles")
            .into_iter()
            .map(|a| a.record)
            .collect();
        assert_eq!(records, items.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>());
        assert_eq!(store.cases().expect("cases"), case_file());
        assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
    }
    // What the file itself records.
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    assert_eq!(v, i64::from(SCHEMA_VERSION));
    let applied: Vec<(i64, String)> = conn
        .prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("schema_migrations");
    // Every migration, numbered from 1 without gaps, each named by its number.
    let versions: Vec<i64> = applied.iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, (1..=i64::from(SCHEMA_VERSION)).collect::<Vec<_>>());
    assert_eq!(applied[0], (1, "0001_init".to_string()));
    assert_eq!(applied[1], (2, "0002_review".to_string()));
    for (v, name) in &applied {
        assert!(name.starts_with(&format!("{v:04}_")), "{name}");
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode");
    assert_eq!(mode, "wal");

    // A file from a newer casewatch is refused, not written to.
    conn.execute_batch("PRAGMA user_version = 999").expect("bump");
    drop(conn);
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew {
            found: 999, supported, ..
        }) => assert_eq!(supported, SCHEMA_VERSION),
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

#[test]
fn open_errors_name_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing-dir").join("casewatch.db");
    let err = Store::open(&path).expect_err("no parent directory");
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("missing-dir"), "{err}");

    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"this is not a database file, just some text that is long enough",
    )
    .expect("write");
    let err = Store::open(&junk).expect_err("not a database");
    assert!(err.to_string().contains("junk.db"), "{err}");
}

#[test]
fn store_can_move_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
    assert_send::<StoreError>();
}

/// A Russian report and an English one about one fictional person.
fn cross_script_pair() -> Vec<(ExtractRecord, String)> {
    let make = |id: &str, body: &str, name: &str, variants: &[&str], language: &str| {
        let (mut record, _) = sample();
        record.article.id = id.into();
        record.article.language = language.into();
        record.article.sha256 = format!("{:0>64}", id.len() + body.len());
        record.people = vec![casewatch_model::Person {
            variants: variants.iter().map(|v| v.to_string()).collect(),
            ..common::person("p1", name)
        }];
        record.organizations.clear();
        record.events.clear();
        record.charges.clear();
        (record, body.to_string())
    };
    vec![
        make(
            "ru-1",
            "Сотрудники милиции задержали журналиста Тимура Асанбекова.",
            "Тимур Асанбеков",
            &["Тимур Асанбеков", "Тимура Асанбекова"],
            "ru",
        ),
        make(
            "en-1",
            "Police detained the reporter Timur Asanbekov on Tuesday.",
            "Timur Asanbekov",
            &["Timur Asanbekov"],
            "en",
        ),
    ]
}

#[test]
fn search_finds_names_across_scripts() {
    let (_dir, mut store) = fresh();
    let items = cross_script_pair();
    store.insert_articles(&inputs(&items)).expect("insert");
    let articles = |q: &str| search_articles(&store, q);
    // Latin finds the Cyrillic report (in its inflected form) and the Latin one
    assert_eq!(articles("Asanbekov"), ["en-1", "ru-1"]);
    // and the other way round
    assert_eq!(articles("Асанбеков"), ["en-1", "ru-1"]);
    // another transliteration of the same name
    assert_eq!(articles("Timur Asanbekov"), ["en-1", "ru-1"]);
    // words that are no name are not widened
    assert_eq!(articles("милиции"), ["ru-1"]);
    // FTS5 syntax is left as written
    assert_eq!(articles("\"Asanbekov\" AND Tuesday"), ["en-1"]);
}

#[test]
fn search_widens_to_names_stored_after_the_first_search() {
    let (_dir, mut store) = fresh();
    let mut items = cross_script_pair();
    let ru = items.remove(0);
    store
        .insert_articles(&inputs(&items))
        .expect("insert the English report");
    assert_eq!(search_articles(&store, "Asanbekov"), ["en-1"]);
    // the same open store learns the Cyrillic spelling of the report stored now
    store
        .insert_articles(&inputs(&[ru]))
        .expect("insert the Russian report");
    assert_eq!(search_articles(&store, "Asanbekov"), ["en-1", "ru-1"]);
    assert_eq!(search_articles(&store, "Асанбеков"), ["en-1", "ru-1"]);
}

/// The stores of one process on one file share the words of stored names (the
/// web server's pool reads them once): a store that warmed them and a store
/// opened later both widen to a spelling the other stored.
#[test]
fn stores_on_one_file_share_name_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("casewatch.db");
    let mut items = cross_script_pair();
    let ru = items.remove(0);
    let mut writer = Store::open(&path).expect("open the writer");
    writer
        .insert_articles(&inputs(&items))
        .expect("insert the English report");
    let reader = Store::open(&path).expect("open a reader");
    reader.warm_search().expect("warm");
    writer
        .insert_articles(&inputs(&[ru]))
        .expect("insert the Russian report");
    assert_eq!(search_articles(&reader, "Asanbekov"), ["en-1", "ru-1"]);
    assert_eq!(search_articles(&writer, "Асанбеков"), ["en-1", "ru-1"]);
}

/// A body of news length: the generated one, then fictional paragraphs.
fn long_article(i: usize) -> (ExtractRecord, String) {
    let (rec, mut body) = generated(i);
    for k in 0..12 {
        body.push_str(&format!(
            "\n\nParagraph {k}: the editors of the Lowland Courier said the hearing in Velmora was adjourned \
             again, and that the reporter's family had not been allowed to visit him in the detention centre."
        ));
    }
    (rec, body)
}

#[test]
fn long_bodies_are_stored_deflated_and_read_back_searched_and_shown_as_text() {
    let (dir, mut store) = fresh();
    let items = vec![long_article(3), generated(5)];
    assert!(items[0].1.len() > 2000 && items[1].1.len() < 256);
    store.insert_articles(&inputs(&items)).expect("insert");

    let raw = rusqlite::Connection::open(dir.path().join("casewatch.db")).expect("raw");
    let kinds: Vec<(String, i64)> = raw
        .prepare("SELECT typeof(body), length(body) FROM articles ORDER BY id")
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("kinds");
    assert_eq!(kinds[0].0, "blob", "a long body is stored deflated");
    assert!(kinds[0].1 < items[0].1.len() as i64 / 2, "{kinds:?}");
    assert_eq!(kinds[1].0, "text", "a short body is stored as it is");
    let has_sentence_column: bool = raw
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('events') WHERE name = 'evidence_sentence')",
            [],
            |r| r.get(0),
        )
        .expect("columns");
    assert!(!has_sentence_column, "evidence sentences are derived from the body");

    let stored = store.articles().expect("articles");
    for (got, (record, body)) in stored.iter().zip(&items) {
        assert_eq!(&got.record, record);
        assert_eq!(&got.body, body);
    }
    // Words of the deflated body are found, and snippets quote its text.
    let hits = store.search("Velmora", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, items[0].0.article.id);
    assert!(hits[0].snippet.contains("[Velmora]"), "{}", hits[0].snippet);
    // An evidence sentence of the deflated body is found as evidence.
    let first = &items[0].0.events[0].evidence.sentence;
    let word = first
        .split_whitespace()
        .nth(5)
        .expect("a word")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let ev = store.search(word, 10).expect("search");
    assert!(
        ev.iter()
            .any(|h| h.kind == HitKind::Evidence && h.article == items[0].0.article.id && h.snippet.contains('[')),
        "{word}: {ev:?}"
    );
    let texts = store.article_texts(&[items[0].0.article.id.as_str()]).expect("texts");
    assert_eq!(texts[0].body, items[0].1);
    assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
}

#[test]
fn a_record_whose_evidence_is_not_the_text_at_its_offsets_is_refused() {
    let (_dir, mut store) = fresh();
    let (mut rec, body) = generated(5);
    rec.events[0].evidence.sentence = "A sentence the body does not hold.".into();
    let err = store
        .insert_articles(&[ArticleInput {
            record: &rec,
            body: &body,
        }])
        .expect_err("refused");
    assert!(err.to_string().contains("not the article's text"), "{err}");
    assert_eq!(store.counts().expect("counts").articles, 0);
}

#[test]
fn bulk_checkpoints_follow_the_size_of_the_database_and_closing_empties_the_log() {
    use casewatch_store::{BULK_WAL_SHARE, WAL_AUTOCHECKPOINT_PAGES};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("casewatch.db");
    let mut store = Store::open(&path).expect("open");
    assert_eq!(store.checkpoint_pages().expect("pages"), WAL_AUTOCHECKPOINT_PAGES);
    // A small database keeps SQLite's threshold.
    store.set_bulk_checkpoints(true).expect("bulk");
    assert_eq!(store.checkpoint_pages().expect("pages"), WAL_AUTOCHECKPOINT_PAGES);
    // Grown past it (by another connection), the next batch lets the log
    // hold half of it.
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch("CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (randomblob(16000000));")
        .expect("grow");
    let pages: u64 = raw
        .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).expect("positive"))
        .expect("page count");
    drop(raw);
    assert!(pages / BULK_WAL_SHARE > WAL_AUTOCHECKPOINT_PAGES, "{pages}");
    let items = vec![generated(1), generated(2)];
    store.insert_articles(&inputs(&items)).expect("insert");
    assert_eq!(store.checkpoint_pages().expect("pages"), pages / BULK_WAL_SHARE);
    store.update_cases().expect("rebuild");
    let cases = store.cases().expect("cases");
    let wal = dir.path().join("casewatch.db-wal");
    // Off again: SQLite's threshold.
    store.set_bulk_checkpoints(false).expect("off");
    assert_eq!(store.checkpoint_pages().expect("pages"), WAL_AUTOCHECKPOINT_PAGES);
    store.set_bulk_checkpoints(true).expect("bulk");
    // Closing with another connection open (a server) still empties the
    // log, which SQLite leaves to the last close.
    store.insert_articles(&inputs(&[generated(3)])).expect("insert");
    let other = rusqlite::Connection::open(&path).expect("other");
    let wal_pages = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .expect("read");
        std::fs::metadata(&wal).map_or(0, |m| i64::try_from(m.len()).expect("size") / 4096)
    };
    assert!(wal_pages(&other) > 0, "the batch is in the log");
    drop(store);
    assert_eq!(wal_pages(&other), 0, "the bulk writer emptied the log as it closed");
    drop(other);
    assert!(!wal.exists(), "closing checkpoints the log and removes it");
    let store = Store::open(&path).expect("reopen");
    let stored = store.articles().expect("articles");
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[0].record, items[0].0);
    assert_eq!(store.cases().expect("cases"), cases);
}
