//! Articles and their extraction records: the batch insert and the read-back.
//!
//! A record is spread over `articles`, `people`, `organizations`, `events`,
//! `event_subjects`, `charges` and `charge_subjects`, each list in record
//! order (`position`). Reading scans each table once in (article, position)
//! order and rebuilds the records in memory.

use crate::error::{Context as _, data_error};
use crate::{ArticleInput, InsertOutcome, Result, StoredArticle, pos};
use casewatch_model::{
    Agent, ArticleMeta, Charge, DatePrecision, DateQualifier, Event, EventDate, EventType, Evidence, ExtractRecord,
    OrgKind, Organization, PartialDate, Person, Status, Subject,
};
use rusqlite::{Connection, OptionalExtension as _, Transaction, TransactionBehavior, params};
use std::collections::HashMap;
use std::path::Path;

/// Inserts a batch in one IMMEDIATE transaction; see [`crate::Store::insert_articles`].
pub(crate) fn insert_batch(
    conn: &mut Connection,
    path: &Path,
    batch: &[ArticleInput<'_>],
) -> Result<Vec<InsertOutcome>> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .ctx(path, || {
            format!("starting a transaction for a batch of {} articles", batch.len())
        })?;
    let ingested_at = crate::now_rfc3339();
    // Rows are numbered upwards, so the batch's rows are those past these.
    let last = |table: &str| -> Result<i64> {
        tx.prepare_cached(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"))
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .ctx(path, || format!("reading the last row of {table}"))
    };
    let last_article = last("articles")?;
    // The batch's evidence sentences, for one full-text insert at the end
    // (they are not stored in `events`; reading them back through the view
    // `event_evidence` would inflate the body once per event).
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS new_evidence (id INTEGER PRIMARY KEY, sentence TEXT NOT NULL);
         DELETE FROM temp.new_evidence;",
    )
    .ctx(path, || "preparing the batch's evidence for search")?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for input in batch {
        outcomes.push(insert_one(&tx, path, input, &ingested_at)?);
    }
    // The full-text rows of the batch, one statement per index (see migration 0004).
    tx.prepare_cached(
        "INSERT INTO article_fts(rowid, title, body) SELECT id, title, body FROM article_text WHERE id > ?1",
    )
    .and_then(|mut st| st.execute([last_article]))
    .ctx(path, || "indexing the batch's articles for search")?;
    tx.execute_batch(
        "INSERT INTO evidence_fts(rowid, evidence_sentence) SELECT id, sentence FROM temp.new_evidence ORDER BY id;
         DELETE FROM temp.new_evidence;",
    )
    .ctx(path, || "indexing the batch's evidence for search")?;
    tx.commit()
        .ctx(path, || format!("committing a batch of {} articles", batch.len()))?;
    Ok(outcomes)
}

/// Converts a byte offset or count to an SQL integer.
fn sql_int(path: &Path, what: impl FnOnce() -> String, n: usize) -> Result<i64> {
    i64::try_from(n).map_err(|_| data_error(path, what(), format!("{n} does not fit a 64-bit integer")))
}

fn precision_id(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

fn json_list(path: &Path, what: impl FnOnce() -> String, list: &[String]) -> Result<String> {
    serde_json::to_string(list).map_err(|e| data_error(path, what(), e))
}

fn insert_one(tx: &Transaction<'_>, path: &Path, input: &ArticleInput<'_>, ingested_at: &str) -> Result<InsertOutcome> {
    let rec = input.record;
    let meta = &rec.article;
    let aid = meta.id.as_str();
    let published = meta.published.map(|d| d.format("%Y-%m-%d").to_string());
    let row: Option<i64> = tx
        .prepare_cached(
            "INSERT INTO articles (article_id, source, published, title, language, sha256, url, body, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (sha256) DO NOTHING
             RETURNING id",
        )
        .and_then(|mut st| {
            st.query_row(
                params![
                    aid,
                    meta.source,
                    published,
                    meta.title,
                    meta.language,
                    meta.sha256,
                    meta.url,
                    crate::body::encode(input.body),
                    ingested_at
                ],
                |r| r.get(0),
            )
            .optional()
        })
        .ctx(path, || format!("inserting article {aid}"))?;
    let Some(article) = row else {
        return Ok(InsertOutcome::Duplicate);
    };

    {
        let mut st = tx
            .prepare_cached(
                "INSERT INTO people (article, position, local_id, name, variants, occupation, affiliation, former, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .ctx(path, || "preparing the people insert")?;
        for (i, p) in rec.people.iter().enumerate() {
            let what = || format!("inserting person {} ({}) of article {aid}", i + 1, p.id);
            let variants = json_list(path, what, &p.variants)?;
            st.execute(params![
                article,
                pos(i),
                p.id,
                p.name,
                variants,
                p.occupation,
                p.affiliation,
                p.former,
                p.rule
            ])
            .ctx(path, what)?;
        }
    }
    {
        let mut st = tx
            .prepare_cached(
                "INSERT INTO organizations (article, position, local_id, name, variants, kind, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .ctx(path, || "preparing the organizations insert")?;
        for (i, o) in rec.organizations.iter().enumerate() {
            let what = || format!("inserting organization {} ({}) of article {aid}", i + 1, o.id);
            let variants = json_list(path, what, &o.variants)?;
            st.execute(params![
                article,
                pos(i),
                o.id,
                o.name,
                variants,
                o.kind.as_str(),
                o.rule
            ])
            .ctx(path, what)?;
        }
    }
    {
        let mut ev_st = tx
            .prepare_cached(
                "INSERT INTO events (article, position, event_type, date, date_precision, date_qualifier, date_text,
                                     status, attributed_to, detail, place, agent_ref, agent_name, rule,
                                     evidence_start, evidence_end, date_inferred)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )
            .ctx(path, || "preparing the events insert")?;
        let mut subj_st = tx
            .prepare_cached(
                "INSERT INTO event_subjects (event, position, ref, name, group_label, group_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .ctx(path, || "preparing the event subjects insert")?;
        for (i, e) in rec.events.iter().enumerate() {
            let what = || format!("inserting event {} ({}) of article {aid}", i + 1, e.event_type);
            // The sentence is read back from the body at its offsets (migration 0009),
            // so a record whose sentence is not that text is refused, not altered
            // (an inverted span is left to the table's CHECK).
            if e.evidence.start <= e.evidence.end
                && input.body.get(e.evidence.start..e.evidence.end) != Some(e.evidence.sentence.as_str())
            {
                return Err(data_error(
                    path,
                    what(),
                    format!(
                        "the evidence sentence is not the article's text at bytes {}..{}",
                        e.evidence.start, e.evidence.end
                    ),
                ));
            }
            let start = sql_int(path, what, e.evidence.start)?;
            let end = sql_int(path, what, e.evidence.end)?;
            ev_st
                .execute(params![
                    article,
                    pos(i),
                    e.event_type.as_str(),
                    e.date.value.map(|d| d.to_string()),
                    e.date.precision().map(precision_id),
                    e.date.qualifier.map(DateQualifier::as_str),
                    e.date.text,
                    e.status.as_str(),
                    e.attributed_to,
                    e.detail,
                    e.place,
                    e.agent.as_ref().and_then(|a| a.reference.as_deref()),
                    e.agent.as_ref().map(|a| a.name.as_str()),
                    e.rule,
                    start,
                    end,
                    e.date.inferred && e.date.value.is_some(),
                ])
                .ctx(path, what)?;
            let event = tx.last_insert_rowid();
            tx.prepare_cached("INSERT INTO temp.new_evidence (id, sentence) VALUES (?1, ?2)")
                .and_then(|mut st| st.execute(params![event, e.evidence.sentence]))
                .ctx(path, what)?;
            for (j, s) in e.subjects.iter().enumerate() {
                subj_st
                    .execute(params![event, pos(j), s.reference, s.name, s.group, s.count])
                    .ctx(path, || {
                        format!("inserting subject {} of event {} of article {aid}", j + 1, i + 1)
                    })?;
            }
        }
    }
    {
        let mut ch_st = tx
            .prepare_cached("INSERT INTO charges (article, position, label, legal_article) VALUES (?1, ?2, ?3, ?4)")
            .ctx(path, || "preparing the charges insert")?;
        let mut subj_st = tx
            .prepare_cached("INSERT INTO charge_subjects (charge, position, person) VALUES (?1, ?2, ?3)")
            .ctx(path, || "preparing the charge subjects insert")?;
        for (i, c) in rec.charges.iter().enumerate() {
            ch_st
                .execute(params![article, pos(i), c.label, c.article])
                .ctx(path, || format!("inserting charge {} of article {aid}", i + 1))?;
            let charge = tx.last_insert_rowid();
            for (j, person) in c.subjects.iter().enumerate() {
                subj_st.execute(params![charge, pos(j), person]).ctx(path, || {
                    format!("inserting subject {} of charge {} of article {aid}", j + 1, i + 1)
                })?;
            }
        }
    }
    Ok(InsertOutcome::New)
}

/// Parses a stored vocabulary or date value, naming it on failure.
fn parse<T: std::str::FromStr>(path: &Path, what: impl FnOnce() -> String, s: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    s.parse().map_err(|e| data_error(path, what(), e))
}

/// Parses a value by its serde name (for enums without `FromStr`).
fn parse_serde<T: serde::de::DeserializeOwned>(path: &Path, what: impl FnOnce() -> String, s: &str) -> Result<T> {
    use serde::de::IntoDeserializer as _;
    T::deserialize(s.into_deserializer()).map_err(|e: serde::de::value::Error| data_error(path, what(), e))
}

fn parse_list(path: &Path, what: impl FnOnce() -> String, s: &str) -> Result<Vec<String>> {
    serde_json::from_str(s).map_err(|e| data_error(path, what(), e))
}

fn to_usize(path: &Path, what: impl FnOnce() -> String, n: i64) -> Result<usize> {
    usize::try_from(n).map_err(|_| data_error(path, what(), format!("{n} is not a byte offset")))
}

/// Runs `sql` with `?1` bound to the article row filter (`NULL` = every
/// article) and maps each row with `f`, collecting into a vector. The
/// queries filter with `BETWEEN ifnull(?1, MIN) AND ifnull(?1, MAX)` ranges
/// (not `?1 IS NULL OR …`, which SQLite cannot serve from an index), so
/// reading one article costs a few index look-ups, not table scans.
fn rows<T>(
    conn: &Connection,
    path: &Path,
    only: Option<i64>,
    what: &str,
    sql: &str,
    mut f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut st = conn
        .prepare_cached(sql)
        .ctx(path, || format!("preparing to read {what}"))?;
    let out = st
        .query_map([only], |r| f(r))
        .and_then(|it| it.collect::<rusqlite::Result<Vec<T>>>())
        .ctx(path, || format!("reading {what}"))?;
    Ok(out)
}

/// Reads every article and its record, in insertion order.
pub(crate) fn read_all(conn: &Connection, path: &Path) -> Result<Vec<StoredArticle>> {
    // One read transaction so the seven scans see one snapshot; it only
    // reads, so dropping it (rollback) on an error loses nothing.
    let tx = conn
        .unchecked_transaction()
        .ctx(path, || "starting a read transaction")?;
    let out = read_in_snapshot(&tx, path, None)?;
    tx.commit().ctx(path, || "ending a read transaction")?;
    Ok(out)
}

/// Reads one article (by article row id) and its record.
pub(crate) fn read_row(conn: &Connection, path: &Path, row: i64) -> Result<Option<StoredArticle>> {
    let tx = conn
        .unchecked_transaction()
        .ctx(path, || "starting a read transaction")?;
    let out = read_in_snapshot(&tx, path, Some(row))?;
    tx.commit().ctx(path, || "ending a read transaction")?;
    Ok(out.into_iter().next())
}

type ArticleRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
);
type PersonRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<bool>,
    Option<String>,
);
type OrgRow = (i64, String, String, String, String, Option<String>);
#[rustfmt::skip]
type EventRow = (i64, i64, String, Option<String>, Option<String>, Option<String>, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, i64, i64, bool);
type SubjectRow = (i64, Option<String>, Option<String>, Option<String>, Option<u32>);

pub(crate) fn read_in_snapshot(conn: &Connection, path: &Path, only: Option<i64>) -> Result<Vec<StoredArticle>> {
    let articles: Vec<ArticleRow> = rows(
        conn,
        path,
        only,
        "articles",
        "SELECT id, article_id, source, published, title, language, sha256, url, casewatch_body(body) FROM articles WHERE id BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807) ORDER BY id",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        },
    )?;
    let mut index: HashMap<i64, usize> = HashMap::with_capacity(articles.len());
    let mut out: Vec<StoredArticle> = Vec::with_capacity(articles.len());
    for (row, id, source, published, title, language, sha256, url, body) in articles {
        let published = match published {
            None => None,
            Some(p) => Some(
                chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d")
                    .map_err(|e| data_error(path, format!("article {id}: published {p:?}"), e))?,
            ),
        };
        index.insert(row, out.len());
        out.push(StoredArticle {
            record: ExtractRecord {
                article: ArticleMeta {
                    id,
                    source,
                    published,
                    title,
                    language,
                    sha256,
                    url,
                },
                people: Vec::new(),
                organizations: Vec::new(),
                events: Vec::new(),
                charges: Vec::new(),
            },
            body,
        });
    }
    let slot = |row: i64, table: &str| -> Result<usize> {
        index.get(&row).copied().ok_or_else(|| {
            data_error(
                path,
                format!("{table} of article row {row}"),
                "the article row is missing",
            )
        })
    };

    let people: Vec<PersonRow> = rows(
        conn,
        path,
        only,
        "people",
        "SELECT article, local_id, name, variants, occupation, affiliation, former, rule
         FROM people WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807) ORDER BY article, position",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?;
    for (row, id, name, variants, occupation, affiliation, former, rule) in people {
        let a = slot(row, "people")?;
        let variants = parse_list(
            path,
            || format!("person {id} of article row {row}: variants"),
            &variants,
        )?;
        out[a].record.people.push(Person {
            id,
            name,
            variants,
            occupation,
            affiliation,
            former,
            rule,
        });
    }

    let orgs: Vec<OrgRow> = rows(
        conn,
        path,
        only,
        "organizations",
        "SELECT article, local_id, name, variants, kind, rule FROM organizations WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807)
         ORDER BY article, position",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    for (row, id, name, variants, kind, rule) in orgs {
        let a = slot(row, "organizations")?;
        let what = || format!("organization {id} of article row {row}");
        let variants = parse_list(path, || format!("{}: variants", what()), &variants)?;
        let kind: OrgKind = parse(path, || format!("{}: kind", what()), &kind)?;
        out[a].record.organizations.push(Organization {
            id,
            name,
            variants,
            kind,
            rule,
        });
    }

    let events: Vec<EventRow> = rows(
        conn,
        path,
        only,
        "events",
        "SELECT id, article, event_type, date, date_qualifier, date_text, status, attributed_to, detail, place,
                agent_ref, agent_name, rule, evidence_start, evidence_end, date_inferred
         FROM events WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807) ORDER BY article, position",
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                r.get(15)?,
            ))
        },
    )?;
    // event row id -> (article slot, index in its events)
    let mut event_index: HashMap<i64, (usize, usize)> = HashMap::with_capacity(events.len());
    for (
        ev,
        row,
        ty,
        date,
        qualifier,
        text,
        status,
        attributed_to,
        detail,
        place,
        agent_ref,
        agent_name,
        rule,
        start,
        end,
        inferred,
    ) in events
    {
        let a = slot(row, "events")?;
        let what = |field: &str| format!("event row {ev} of article {}: {field}", out[a].record.article.id);
        let event_type: EventType = parse(path, || what("type"), &ty)?;
        let value = match date {
            None => None,
            Some(d) => Some(parse::<PartialDate>(path, || what("date"), &d)?),
        };
        let qualifier = match qualifier {
            None => None,
            Some(q) => Some(parse_serde::<DateQualifier>(path, || what("date_qualifier"), &q)?),
        };
        let status: Status = parse(path, || what("status"), &status)?;
        let agent = agent_name.map(|name| Agent {
            reference: agent_ref,
            name,
        });
        let start = to_usize(path, || what("evidence start"), start)?;
        let end = to_usize(path, || what("evidence end"), end)?;
        // The sentence is not stored: it is the body's bytes at the offsets (migration 0009).
        let sentence = out[a]
            .body
            .get(start..end)
            .ok_or_else(|| {
                data_error(
                    path,
                    what("evidence"),
                    format!("bytes {start}..{end} are not a slice of the article's text"),
                )
            })?
            .to_string();
        let evidence = Evidence { start, end, sentence };
        let events = &mut out[a].record.events;
        event_index.insert(ev, (a, events.len()));
        events.push(Event {
            event_type,
            date: EventDate {
                value,
                qualifier,
                text,
                inferred,
            },
            subjects: Vec::new(),
            agent,
            place,
            status,
            attributed_to,
            detail,
            evidence,
            rule,
        });
    }

    let subjects: Vec<SubjectRow> = rows(
        conn,
        path,
        only,
        "event subjects",
        "SELECT event, ref, name, group_label, group_count FROM event_subjects
         WHERE event BETWEEN (SELECT ifnull(min(id), -9223372036854775808) FROM events WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807))
                         AND (SELECT ifnull(max(id), -9223372036854775808) FROM events WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807))
           AND (?1 IS NULL OR event IN (SELECT id FROM events WHERE article = ?1)) ORDER BY event, position",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    for (ev, reference, name, group, count) in subjects {
        let &(a, e) = event_index
            .get(&ev)
            .ok_or_else(|| data_error(path, format!("subject of event row {ev}"), "the event row is missing"))?;
        out[a].record.events[e].subjects.push(Subject {
            reference,
            name,
            group,
            count,
        });
    }

    let charges: Vec<(i64, i64, String, Option<String>)> = rows(
        conn,
        path,
        only,
        "charges",
        "SELECT id, article, label, legal_article FROM charges WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807)
         ORDER BY article, position",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut charge_index: HashMap<i64, (usize, usize)> = HashMap::with_capacity(charges.len());
    for (ch, row, label, article) in charges {
        let a = slot(row, "charges")?;
        let list = &mut out[a].record.charges;
        charge_index.insert(ch, (a, list.len()));
        list.push(Charge {
            label,
            article,
            subjects: Vec::new(),
        });
    }
    let charge_subjects: Vec<(i64, String)> = rows(
        conn,
        path,
        only,
        "charge subjects",
        "SELECT charge, person FROM charge_subjects
         WHERE charge BETWEEN (SELECT ifnull(min(id), -9223372036854775808) FROM charges WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807))
                          AND (SELECT ifnull(max(id), -9223372036854775808) FROM charges WHERE article BETWEEN ifnull(?1, -9223372036854775808) AND ifnull(?1, 9223372036854775807))
           AND (?1 IS NULL OR charge IN (SELECT id FROM charges WHERE article = ?1)) ORDER BY charge, position",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (ch, person) in charge_subjects {
        let &(a, c) = charge_index
            .get(&ch)
            .ok_or_else(|| data_error(path, format!("subject of charge row {ch}"), "the charge row is missing"))?;
        out[a].record.charges[c].subjects.push(person);
    }
    Ok(out)
}
