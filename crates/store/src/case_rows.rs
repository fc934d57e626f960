//! Writing a case as the difference from what is stored: its row in `cases` and the rows it owns in the index and listing tables, each compared with the stored one and written only when it changed.
//!
//! A rebuild writes every case that holds an affected article, and a case
//! that gains one report keeps nearly all of its rows: its other sources,
//! entries, people and links. Deleting and writing them again (as the
//! rebuild did before) changed an index entry for each of them in a dozen
//! indexes keyed by article, entry or person id, scattered over the file:
//! the pages written per rebuild, and with them the write-ahead log and its
//! checkpoints, grew with the store (issue #12). Now an unchanged row is
//! only read, and `UPDATE cases` sets only the columns that changed (SQLite
//! rewrites the index entries of every column an `UPDATE` sets).
//!
//! Values are compared as SQLite gives them back; a value that reads back
//! otherwise than it was written (a column affinity converting it) is
//! written again every time, which costs time but is never wrong.

use crate::Result;
use crate::error::Context as _;
use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension as _, params_from_iter};
use std::collections::HashMap;
use std::path::Path;

/// An owned SQLite value of `x` (as `rusqlite` would bind it).
pub(crate) fn value<T: ToSql + ?Sized>(x: &T) -> Value {
    match x.to_sql() {
        Ok(ToSqlOutput::Owned(v)) => v,
        Ok(ToSqlOutput::Borrowed(r)) => match r {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        },
        // (other outputs are zero-blobs and arrays, which no column holds)
        _ => Value::Null,
    }
}

/// The rows one case owns in one table whose rows carry a `case_id`
/// column: `keys` name the columns that, with `case_id` (or alone, for
/// `entry_index`), identify a row, `values` the others; `rows` holds
/// (key values, other values) in the order they would be written (of two
/// rows with one key the last is kept, as a sequence of `INSERT OR REPLACE`
/// keeps it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableRows {
    /// The table.
    pub(crate) table: &'static str,
    /// Its key columns besides `case_id`.
    pub(crate) keys: &'static [&'static str],
    /// Its other columns.
    pub(crate) values: &'static [&'static str],
    /// (key values, other values) per row.
    pub(crate) rows: Vec<(Vec<Value>, Vec<Value>)>,
}

impl TableRows {
    /// No rows yet of `table`.
    pub(crate) fn new(table: &'static str, keys: &'static [&'static str], values: &'static [&'static str]) -> Self {
        TableRows {
            table,
            keys,
            values,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub(crate) fn push(&mut self, key: Vec<Value>, values: Vec<Value>) {
        self.rows.push((key, values));
    }
}

/// A text that identifies a key (values of distinct types or contents give
/// distinct texts), for a hash map.
fn key_text(key: &[Value]) -> String {
    let mut out = String::new();
    for v in key {
        match v {
            Value::Null => out.push('n'),
            Value::Integer(i) => out.push_str(&format!("i{i}")),
            Value::Real(f) => out.push_str(&format!("r{}", f.to_bits())),
            Value::Text(t) => out.push_str(&format!("t{}:{t}", t.len())),
            Value::Blob(b) => out.push_str(&format!("b{}:{b:?}", b.len())),
        }
        out.push('\u{1f}');
    }
    out
}

/// Brings the rows case `case` owns in `t.table` to `t.rows`: deletes the
/// stored rows whose key is not in them and writes (`INSERT OR REPLACE`)
/// those that are new or differ; the rest are left as they are.
pub(crate) fn sync(conn: &Connection, path: &Path, case: &str, t: &TableRows) -> Result<()> {
    let cols: Vec<&str> = t.keys.iter().chain(t.values).copied().collect();
    let n = t.keys.len();
    // key text → (key values, other values)
    let stored: HashMap<String, (Vec<Value>, Vec<Value>)> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM {} WHERE case_id = ?1",
            cols.join(", "),
            t.table
        ))
        .and_then(|mut st| {
            st.query_map([case], |r| {
                (0..cols.len())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            })
            .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || format!("reading the {} rows of {case}", t.table))?
        .into_iter()
        .map(|mut row| {
            let values = row.split_off(n);
            (key_text(&row), (row, values))
        })
        .collect();
    let mut wanted: HashMap<String, (&[Value], &[Value])> = HashMap::with_capacity(t.rows.len());
    let mut order: Vec<String> = Vec::with_capacity(t.rows.len());
    for (k, v) in &t.rows {
        let text = key_text(k);
        if wanted.insert(text.clone(), (k, v)).is_none() {
            order.push(text);
        }
    }
    let stale: Vec<&Vec<Value>> = stored
        .iter()
        .filter(|(text, _)| !wanted.contains_key(*text))
        .map(|(_, (k, _))| k)
        .collect();
    if !stale.is_empty() {
        let cond: Vec<String> = t
            .keys
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let mut del = conn
            .prepare_cached(&format!(
                "DELETE FROM {} WHERE case_id = ?1 AND {}",
                t.table,
                cond.join(" AND ")
            ))
            .ctx(path, || format!("preparing the {} delete", t.table))?;
        for k in stale {
            del.execute(params_from_iter(
                std::iter::once(&Value::Text(case.to_string())).chain(k),
            ))
            .ctx(path, || format!("removing a {} row of {case}", t.table))?;
        }
    }
    let marks: Vec<String> = (0..=cols.len()).map(|i| format!("?{}", i + 1)).collect();
    let mut ins = conn
        .prepare_cached(&format!(
            "INSERT OR REPLACE INTO {} (case_id, {}) VALUES ({})",
            t.table,
            cols.join(", "),
            marks.join(", ")
        ))
        .ctx(path, || format!("preparing the {} insert", t.table))?;
    let case_value = Value::Text(case.to_string());
    for text in &order {
        let (k, v) = wanted[text];
        if stored.get(text).map(|(_, old)| old.as_slice()) != Some(v) {
            ins.execute(params_from_iter(std::iter::once(&case_value).chain(k).chain(v)))
                .ctx(path, || format!("writing a {} row of {case}", t.table))?;
        }
    }
    Ok(())
}

/// Writes the row of case `case` in `cases`: inserts it with `columns`
/// when there is none (or always, with `new_only`), else sets only the
/// columns whose stored value differs (none: nothing is written).
///
/// Errors: [`crate::StoreError::Query`]: an insert without a column the
/// table requires (such as `position`), or of an id already stored with
/// `new_only` (a constraint violation).
pub(crate) fn write_case_row(
    conn: &Connection,
    path: &Path,
    case: &str,
    columns: &[(&'static str, Value)],
    new_only: bool,
) -> Result<()> {
    let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
    let stored: Option<Vec<Value>> = if new_only {
        None
    } else {
        conn.prepare_cached(&format!("SELECT {} FROM cases WHERE id = ?1", names.join(", ")))
            .and_then(|mut st| {
                st.query_row([case], |r| {
                    (0..names.len())
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<rusqlite::Result<Vec<Value>>>()
                })
                .optional()
            })
            .ctx(path, || format!("reading case {case}"))?
    };
    let id = Value::Text(case.to_string());
    match stored {
        None => {
            let marks: Vec<String> = (0..=names.len()).map(|i| format!("?{}", i + 1)).collect();
            conn.prepare_cached(&format!(
                "INSERT INTO cases (id, {}) VALUES ({})",
                names.join(", "),
                marks.join(", ")
            ))
            .and_then(|mut st| {
                st.execute(params_from_iter(
                    std::iter::once(&id).chain(columns.iter().map(|(_, v)| v)),
                ))
            })
            .ctx(path, || format!("storing case {case}"))?;
        }
        Some(old) => {
            let changed: Vec<&(&str, Value)> = columns
                .iter()
                .zip(&old)
                .filter(|((_, v), o)| v != *o)
                .map(|(c, _)| c)
                .collect();
            if changed.is_empty() {
                return Ok(());
            }
            let set: Vec<String> = changed
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
                .collect();
            conn.prepare_cached(&format!("UPDATE cases SET {} WHERE id = ?1", set.join(", ")))
                .and_then(|mut st| {
                    st.execute(params_from_iter(
                        std::iter::once(&id).chain(changed.iter().map(|(_, v)| v)),
                    ))
                })
                .ctx(path, || format!("updating case {case}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// The (person id, name, role) rows of case `c1` in `person_index`.
    fn people(store: &Store) -> Vec<(String, String, String)> {
        let mut st = store
            .conn
            .prepare("SELECT person_id, name, role FROM person_index WHERE case_id = 'c1' ORDER BY person_id")
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            .expect("rows")
    }

    fn index(rows: &[(&str, &str, &str)]) -> TableRows {
        let mut t = TableRows::new(
            "person_index",
            &["person_id"],
            &["block", "name", "occupation", "affiliation", "role"],
        );
        for (id, name, role) in rows {
            let block = name.rsplit(' ').next().unwrap_or_default().to_lowercase();
            t.push(
                vec![value(*id)],
                vec![value(&block), value(*name), Value::Null, Value::Null, value(*role)],
            );
        }
        t
    }

    fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn only_rows_and_columns_that_changed_are_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("rows.db")).expect("open");
        let conn = &store.conn;
        let columns = |title: &str, sources: i64| {
            vec![
                ("title", value(title)),
                ("people_count", value(&2i64)),
                ("event_count", value(&0i64)),
                ("source_count", value(&sources)),
                ("data", Value::Blob(b"{}".to_vec())),
                ("position", value(&1i64)),
                ("summary_version", value(&1i64)),
            ]
        };
        write_case_row(conn, &store.path, "c1", &columns("Osmonov case", 1), false).expect("insert");
        let first = [
            ("P1", "Kanat Osmonov", "defendant"),
            ("P2", "Aida Beishenova", "lawyer"),
        ];
        sync(conn, &store.path, "c1", &index(&first)).expect("sync");
        assert_eq!(people(&store), owned(&first));

        // The same case again: nothing is written.
        let before = conn.total_changes();
        write_case_row(conn, &store.path, "c1", &columns("Osmonov case", 1), false).expect("same row");
        sync(conn, &store.path, "c1", &index(&first)).expect("same rows");
        assert_eq!(conn.total_changes(), before);

        // One column changes; then of the people one row changes, one is
        // new and one gone.
        write_case_row(conn, &store.path, "c1", &columns("Osmonov case", 2), false).expect("update");
        let title: (String, i64) = conn
            .query_row("SELECT title, source_count FROM cases WHERE id = 'c1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("row");
        assert_eq!(title, ("Osmonov case".to_string(), 2));
        let before = conn.total_changes();
        let second = [("P1", "Kanat Osmonov", "witness"), ("P3", "Nurlan Asanov", "defendant")];
        sync(conn, &store.path, "c1", &index(&second)).expect("sync");
        assert_eq!(people(&store), owned(&second));
        // Three rows written (a replace, an insert, a delete), each counted
        // once more by the trigger of `person_index_version`; and the list
        // of the blocks' names gains Nurlan Asanov and loses Aida Beishenova
        // (migration 14).
        assert_eq!(conn.total_changes() - before, 8);

        // A stored id is refused when the case must be new.
        let err = write_case_row(conn, &store.path, "c1", &columns("Osmonov case", 2), true).expect_err("dup");
        assert!(err.is_constraint_violation(), "{err}");
    }

    #[test]
    fn a_case_written_again_unchanged_writes_nothing() {
        // Every listing column and row read back equals what is written
        // (no column affinity converts a value), so an unchanged case is
        // only read. A defendant in pre-trial detention gives a status row.
        let case: casewatch_model::Case = serde_json::from_value(serde_json::json!({
            "id": "c4",
            "title": "Tundra Radio case",
            "people": [{"id": "P2", "name": "Aibek Kadyrov", "variants": ["Aibek Kadyrov"],
                        "occupation": "reporter", "affiliation": "Tundra Radio", "former": false,
                        "role": "defendant"}],
            "organizations": [{"id": "O1", "name": "Tundra Radio", "variants": [], "kind": "media_outlet"}],
            "charges": [],
            "events": [{"id": "E7", "type": "pretrial_detention", "date": "2025-03-11",
                        "date_precision": "day", "date_qualifier": null,
                        "subjects": [{"ref": "P2", "name": "Aibek Kadyrov"}],
                        "agent": null, "place": "Karakol", "status": "occurred", "detail": "two months",
                        "review": "machine",
                        "sources": [{"article": "a1", "published": "2025-03-12", "url": null,
                                     "start": 0, "end": 10, "sentence": "Kadyrov was remanded."}]}],
            "articles": ["a1"],
            "related_cases": []
        }))
        .expect("case");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("case.db")).expect("open");
        let conn = &store.conn;
        crate::cases::write(conn, &store.path, &case, 4, "2025-03-12").expect("first write");
        let status: i64 = conn
            .query_row("SELECT COUNT(*) FROM person_status WHERE case_id = 'c4'", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(status, 1);
        let before = conn.total_changes();
        crate::cases::write(conn, &store.path, &case, 4, "2025-03-12").expect("second write");
        assert_eq!(conn.total_changes(), before, "nothing written");
        let mut later = case.clone();
        later.events[0].detail = Some("three months".into());
        later.articles.push("a2".into());
        crate::cases::write(conn, &store.path, &later, 4, "2025-03-12").expect("third write");
        let sources: i64 = conn
            .query_row("SELECT source_count FROM cases WHERE id = 'c4'", [], |r| r.get(0))
            .expect("sources");
        assert_eq!(sources, 2);
        assert_eq!(
            crate::cases::read_one(conn, &store.path, "c4").expect("read"),
            Some(later)
        );
    }
}
