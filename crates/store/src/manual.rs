//! Timeline entries a reviewer adds by hand, and entries a reviewer merges.
//!
//! * **added** — an entry the machine did not find (or one half of a split
//!   entry): stored whole in `review_added` with its case and its source (a
//!   quote from a stored article, located in its body, or a note for a
//!   court document), given the next entry id, marked `confirmed`, and
//!   appended to its case after every rebuild ([`apply`]).
//! * **merged** — two entries that are one event: the second's sources join
//!   the first and the second goes (its id becomes an alias); kept in
//!   `review_entry_merges` and re-applied after every rebuild.

use crate::error::{Context as _, data_error, invalid};
use crate::rebuild::resolve_alias;
use crate::{Result, cases};
use casewatch_model::{Case, EventDate, Review, Source, Subject, TimelineEntry};
use casewatch_reconcile::identity::IdKind;
use rusqlite::{Connection, params};
use std::path::Path;

/// Where a hand-added entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntrySource {
    /// A sentence (or any exact passage) of a stored article.
    Quote {
        /// Article id.
        article: String,
        /// The passage, exactly as in the article's text.
        quote: String,
    },
    /// A note, when the source is not a stored article (a court document,
    /// a call with the lawyer).
    Note(String),
}

/// A timeline entry added by a reviewer.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    /// Event type.
    pub event_type: casewatch_model::EventType,
    /// Date and qualifier (`inferred` is ignored).
    pub date: EventDate,
    /// Status.
    pub status: casewatch_model::Status,
    /// Subjects: person or organisation ids of the case, or groups.
    pub subjects: Vec<Subject>,
    /// Detail ("6 years").
    pub detail: Option<String>,
    /// Where it comes from.
    pub source: EntrySource,
}

/// Builds the stored entry: checks subjects against the case, locates the
/// quote in its article. The id is given by the caller.
pub(crate) fn build(conn: &Connection, path: &Path, case: &Case, id: &str, new: &NewEntry) -> Result<TimelineEntry> {
    let mut subjects = Vec::with_capacity(new.subjects.len());
    for s in &new.subjects {
        match &s.reference {
            Some(r) => {
                let name = case
                    .people
                    .iter()
                    .find(|p| &p.id == r)
                    .map(|p| p.name.clone())
                    .or_else(|| case.organizations.iter().find(|o| &o.id == r).map(|o| o.name.clone()))
                    .ok_or_else(|| {
                        invalid(
                            path,
                            "new entry",
                            format!("{r} is not a person or organisation of case {}", case.id),
                        )
                    })?;
                subjects.push(Subject {
                    reference: Some(r.clone()),
                    name: Some(name),
                    group: None,
                    count: None,
                });
            }
            None => subjects.push(s.clone()),
        }
    }
    let (sources, detail) = match &new.source {
        EntrySource::Quote { article, quote } => {
            let quote = quote.trim();
            type Row = (String, Option<String>, Option<String>, Option<String>);
            let row: Option<Row> = conn
                .prepare_cached(
                    "SELECT casewatch_body(body), published, url, title FROM articles WHERE article_id = ?1 ORDER BY id LIMIT 1",
                )
                .and_then(|mut st| {
                    use rusqlite::OptionalExtension as _;
                    st.query_row([article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                        .optional()
                })
                .ctx(path, || format!("reading article {article}"))?;
            let Some((body, published, url, title)) = row else {
                return Err(invalid(path, "new entry", format!("no article {article:?}")));
            };
            if quote.is_empty() {
                return Err(invalid(path, "new entry", "the quote is empty"));
            }
            let Some(start) = body.find(quote) else {
                return Err(invalid(
                    path,
                    "new entry",
                    format!("the quote is not in article {article} as written"),
                ));
            };
            let source = Source {
                article: article.clone(),
                published: published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                outlet: url.as_deref().and_then(casewatch_model::outlet_of_url),
                url,
                title,
                start,
                end: start + quote.len(),
                sentence: quote.to_string(),
            };
            (vec![source], new.detail.clone())
        }
        EntrySource::Note(note) => {
            let note = note.trim();
            if note.is_empty() {
                return Err(invalid(path, "new entry", "give a quote from an article or a note"));
            }
            let detail = match &new.detail {
                Some(d) => format!("{d}; source: {note}"),
                None => format!("source: {note}"),
            };
            (Vec::new(), Some(detail))
        }
    };
    Ok(TimelineEntry {
        id: id.to_string(),
        event_type: new.event_type,
        date: EventDate {
            inferred: false,
            ..new.date.clone()
        },
        subjects,
        agent: None,
        place: None,
        status: new.status,
        detail,
        review: Review::Confirmed,
        sources,
        conflicts: Vec::new(),
    })
}

/// The next timeline-entry id (the counter is advanced and stored, so the
/// machine never gives it out).
pub(crate) fn next_entry_id(conn: &Connection, path: &Path) -> Result<String> {
    let last: i64 = conn
        .query_row(
            "SELECT max(ifnull((SELECT last FROM id_counters WHERE kind = 'event'), 0),
                        ifnull((SELECT max(CAST(substr(entry_id, 2) AS INTEGER)) FROM entry_index), 0))",
            [],
            |r| r.get(0),
        )
        .ctx(path, || "reading the entry id counter")?;
    let next = last + 1;
    conn.execute(
        "INSERT OR REPLACE INTO id_counters (kind, last) VALUES ('event', ?1)",
        [next],
    )
    .ctx(path, || "advancing the entry id counter")?;
    Ok(format!("E{next}"))
}

/// Stores an added entry and puts it into its case now.
pub(crate) fn store_added(
    conn: &Connection,
    path: &Path,
    case_id: &str,
    entry: &TimelineEntry,
    user: &str,
) -> Result<()> {
    let data = serde_json::to_string(entry).map_err(|e| data_error(path, format!("entry {}", entry.id), e))?;
    conn.execute(
        "INSERT INTO review_added (entry_id, case_id, data, at, user) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entry.id, case_id, data, crate::now_rfc3339(), user],
    )
    .ctx(path, || format!("storing entry {}", entry.id))?;
    let mut case = cases::read_one(conn, path, case_id)?
        .ok_or_else(|| invalid(path, "new entry", format!("no case {case_id:?}")))?;
    case.events.push(entry.clone());
    crate::review::sort_timeline(&mut case.events);
    cases::update(conn, path, &case)?;
    conn.execute(
        "INSERT OR REPLACE INTO entry_index (entry_id, case_id) VALUES (?1, ?2)",
        params![entry.id, case_id],
    )
    .ctx(path, || format!("indexing entry {}", entry.id))?;
    Ok(())
}

/// Stores that `merged` is `keep` and applies it to their case now.
pub(crate) fn store_merge(conn: &Connection, path: &Path, keep: &str, merged: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO review_entry_merges (merged, keep) VALUES (?1, ?2)",
        params![merged, keep],
    )
    .ctx(path, || format!("storing the merge of {merged} into {keep}"))?;
    conn.execute(
        "INSERT OR REPLACE INTO id_aliases (kind, old_id, new_id) VALUES ('event', ?1, ?2)",
        params![merged, keep],
    )
    .ctx(path, || format!("aliasing {merged} to {keep}"))?;
    Ok(())
}

/// Merges entry `merged` into `keep` within one case: its sources join
/// (without duplicates), it goes. Returns whether both were there.
pub(crate) fn merge_in(case: &mut Case, keep: &str, merged: &str) -> bool {
    let Some(mi) = case.events.iter().position(|e| e.id == merged) else {
        return false;
    };
    if !case.events.iter().any(|e| e.id == keep) {
        return false;
    }
    let gone = case.events.remove(mi);
    if let Some(k) = case.events.iter_mut().find(|e| e.id == keep) {
        for s in gone.sources {
            if !k.sources.iter().any(|x| x.article == s.article && x.start == s.start) {
                k.sources.push(s);
            }
        }
    }
    true
}

/// After a rebuild: appends every added entry to its case (followed through
/// case aliases) and applies every entry merge.
pub(crate) fn apply(conn: &Connection, path: &Path, cases: &mut [Case]) -> Result<()> {
    let added: Vec<(String, String)> = conn
        .prepare_cached("SELECT case_id, data FROM review_added ORDER BY rowid")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect())
        })
        .ctx(path, || "reading added entries")?;
    for (case_id, data) in added {
        let case_id = resolve_alias(conn, path, IdKind::Case, &case_id)?;
        if let Some(case) = cases.iter_mut().find(|c| c.id == case_id) {
            let e: TimelineEntry = serde_json::from_str(&data).map_err(|e| data_error(path, "an added entry", e))?;
            if !case.events.iter().any(|x| x.id == e.id) {
                case.events.push(e);
            }
        }
    }
    let merges: Vec<(String, String)> = conn
        .prepare_cached("SELECT merged, keep FROM review_entry_merges ORDER BY rowid")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect())
        })
        .ctx(path, || "reading entry merges")?;
    for (merged, keep) in merges {
        for case in cases.iter_mut() {
            if merge_in(case, &keep, &merged) {
                // The rebuild cleared the alias of an id it still saw.
                conn.execute(
                    "INSERT OR REPLACE INTO id_aliases (kind, old_id, new_id) VALUES ('event', ?1, ?2)",
                    params![merged, keep],
                )
                .ctx(path, || format!("aliasing {merged} to {keep}"))?;
            }
        }
    }
    for case in cases.iter_mut() {
        crate::review::sort_timeline(&mut case.events);
    }
    Ok(())
}
