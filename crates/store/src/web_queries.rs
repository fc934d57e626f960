//! Narrow reads for the web UI and JSON API: one article's text, the texts
//! of a case's sources, an article's event spans, the article listing, and
//! the cases a person or article belongs to. Each is one or two indexed
//! queries, so a page never decodes the whole store.

use crate::error::{Context as _, data_error};
use crate::{Result, Store, StoredArticle, count};
use casewatch_model::{EventType, Status};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension as _, params};

/// An article's text and metadata, without its extraction record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// Article id (`ArticleMeta::id`).
    pub id: String,
    /// The path or URL it was read from.
    pub source: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Title.
    pub title: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// The outlet its metadata names (see [`Store::set_outlets`]).
    pub outlet: Option<String>,
    /// The body the evidence offsets point into.
    pub body: String,
    /// Who the article cites for its events: (evidence start, event type,
    /// `attributed_to`), for the events that name someone.
    pub attributions: Vec<(usize, EventType, String)>,
}

/// One line of the article listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    /// Article id.
    pub id: String,
    /// The path or URL it was read from.
    pub source: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Title.
    pub title: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// The outlet as the article's metadata names it (see
    /// [`Store::set_outlets`]); `None` when it names none.
    pub outlet: Option<String>,
    /// Number of events extracted from it.
    pub events: u64,
    /// The case it belongs to (first in case order), if any.
    pub case: Option<String>,
}

/// One extracted event of an article, as a span of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleEventSpan {
    /// Index of the event in the article's record (0-based, evidence order).
    pub index: usize,
    /// Event type.
    pub event_type: EventType,
    /// Status.
    pub status: Status,
    /// Date as stored (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), if any.
    pub date: Option<String>,
    /// Byte offset of the evidence in the body.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

fn parse_published(store: &Store, id: &str, p: Option<String>) -> Result<Option<NaiveDate>> {
    p.map(|p| {
        NaiveDate::parse_from_str(&p, "%Y-%m-%d")
            .map_err(|e| data_error(&store.path, format!("article {id}: published {p:?}"), e))
    })
    .transpose()
}

type TextRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

impl Store {
    /// The row of the first-stored article with this id.
    fn article_row(&self, id: &str) -> Result<Option<i64>> {
        self.conn
            .prepare_cached("SELECT id FROM articles WHERE article_id = ?1 ORDER BY id LIMIT 1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .ctx(&self.path, || format!("looking up article {id}"))
    }

    /// Records the outlet each stored article names in its metadata, by the
    /// article's sha256 (`(sha256, outlet)`; unknown sha256s are skipped),
    /// in one transaction. Call it right after [`Store::insert_articles`]
    /// and before the cases are rebuilt: every case written afterwards
    /// shows the outlet on the article's sources (`Source::outlet`, else
    /// the URL's site). Returns the articles updated.
    pub fn set_outlets(&mut self, outlets: &[(&str, &str)]) -> Result<usize> {
        if outlets.is_empty() {
            return Ok(0);
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .ctx(&self.path, || "starting the outlet update")?;
        let mut n = 0;
        {
            let mut st = tx
                .prepare_cached("UPDATE articles SET outlet = ?2 WHERE sha256 = ?1")
                .ctx(&self.path, || "preparing the outlet update")?;
            for (sha, outlet) in outlets {
                let outlet = outlet.trim();
                if outlet.is_empty() {
                    continue;
                }
                n += st
                    .execute(rusqlite::params![sha, outlet])
                    .ctx(&self.path, || format!("storing the outlet of {sha}"))?;
            }
        }
        tx.commit().ctx(&self.path, || "committing the outlets")?;
        Ok(n)
    }

    /// The largest timeline entry number given so far (`E40` → 40; 0 in an
    /// empty store). Entry numbers are never reused, so an entry numbered
    /// above the value read before an ingest is new in that ingest.
    pub fn last_entry_number(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT max(ifnull((SELECT last FROM id_counters WHERE kind = 'event'), 0),
                            ifnull((SELECT max(CAST(substr(entry_id, 2) AS INTEGER)) FROM entry_index), 0))",
                [],
                |r| r.get(0),
            )
            .ctx(&self.path, || "reading the entry id counter")?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// One article with its extraction record, by article id (the first
    /// stored when several share the id); `None` when there is none.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        match self.article_row(id)? {
            None => Ok(None),
            Some(row) => crate::articles::read_row(&self.conn, &self.path, row),
        }
    }

    /// The texts of the articles with these ids, in the order given; ids
    /// with no article are left out.
    pub fn article_texts(&self, ids: &[&str]) -> Result<Vec<ArticleText>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT article_id, source, published, title, url, casewatch_body(body), outlet FROM articles
                 WHERE article_id = ?1 ORDER BY id LIMIT 1",
            )
            .ctx(&self.path, || "preparing the article text look-up")?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row: Option<TextRow> = st
                .query_row([id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })
                .optional()
                .ctx(&self.path, || format!("reading article {id}"))?;
            if let Some((id, source, published, title, url, body, outlet)) = row {
                let rows: Vec<(i64, String, String)> = self
                    .conn
                    .prepare_cached(
                        "SELECT e.evidence_start, e.event_type, e.attributed_to FROM events e
                         WHERE e.article = (SELECT id FROM articles WHERE article_id = ?1 ORDER BY id LIMIT 1)
                           AND e.attributed_to IS NOT NULL ORDER BY e.position",
                    )
                    .and_then(|mut st| {
                        st.query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                            .and_then(|it| it.collect())
                    })
                    .ctx(&self.path, || format!("reading the attributions of {id}"))?;
                let mut attributions = Vec::with_capacity(rows.len());
                for (start, ty, who) in rows {
                    let ty: EventType = ty
                        .parse()
                        .map_err(|e| data_error(&self.path, format!("an event type of {id}"), e))?;
                    attributions.push((usize::try_from(start).unwrap_or(0), ty, who));
                }
                out.push(ArticleText {
                    published: parse_published(self, &id, published)?,
                    id,
                    source,
                    title,
                    url,
                    outlet,
                    body,
                    attributions,
                });
            }
        }
        Ok(out)
    }

    /// The events of one article as spans of its text, in evidence order.
    pub fn article_event_spans(&self, id: &str) -> Result<Vec<ArticleEventSpan>> {
        let Some(row) = self.article_row(id)? else {
            return Ok(Vec::new());
        };
        let rows: Vec<(i64, String, String, Option<String>, i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT position, event_type, status, date, evidence_start, evidence_end
                 FROM events WHERE article = ?1 ORDER BY position",
            )
            .and_then(|mut st| {
                st.query_map([row], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || format!("reading the events of article {id}"))?;
        rows.into_iter()
            .map(|(position, ty, status, date, start, end)| {
                let what = |f: &str| format!("event {position} of article {id}: {f}");
                Ok(ArticleEventSpan {
                    index: usize::try_from(position).map_err(|e| data_error(&self.path, what("position"), e))?,
                    event_type: ty.parse().map_err(|e| data_error(&self.path, what("type"), e))?,
                    status: status.parse().map_err(|e| data_error(&self.path, what("status"), e))?,
                    date,
                    start: usize::try_from(start).map_err(|e| data_error(&self.path, what("start"), e))?,
                    end: usize::try_from(end).map_err(|e| data_error(&self.path, what("end"), e))?,
                })
            })
            .collect()
    }

    /// Every article (id, source, date, title, URL, event count, case), in
    /// insertion order.
    pub fn article_summaries(&self) -> Result<Vec<ArticleSummary>> {
        type Row = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT a.article_id, a.source, a.published, a.title, a.url,
                        (SELECT COUNT(*) FROM events e WHERE e.article = a.id),
                        (SELECT ca.case_id FROM case_articles ca JOIN cases c ON c.id = ca.case_id
                         WHERE ca.article_id = a.article_id ORDER BY c.position LIMIT 1),
                        a.outlet
                 FROM articles a ORDER BY a.id",
            )
            .and_then(|mut st| {
                st.query_map([], |r| {
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
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || "listing articles")?;
        rows.into_iter()
            .map(|(id, source, published, title, url, events, case, outlet)| {
                Ok(ArticleSummary {
                    outlet,
                    published: parse_published(self, &id, published)?,
                    id,
                    source,
                    title,
                    url,
                    events: count(events),
                    case,
                })
            })
            .collect()
    }

    /// Ids of the cases an article belongs to, in case order.
    pub fn cases_of_article(&self, id: &str) -> Result<Vec<String>> {
        self.conn
            .prepare_cached(
                "SELECT ca.case_id FROM case_articles ca JOIN cases c ON c.id = ca.case_id
                 WHERE ca.article_id = ?1 ORDER BY c.position",
            )
            .and_then(|mut st| {
                st.query_map([id], |r| r.get(0))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
            })
            .ctx(&self.path, || format!("reading the cases of article {id}"))
    }

    /// Ids of the cases whose people include this (case-level) person id,
    /// in case order.
    pub fn cases_of_person(&self, person: &str) -> Result<Vec<String>> {
        self.conn
            .prepare_cached(
                "SELECT c.id FROM person_index p CROSS JOIN cases c ON c.id = p.case_id
                 WHERE p.person_id = ?1 ORDER BY c.position",
            )
            .and_then(|mut st| {
                st.query_map(params![person], |r| r.get(0))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
            })
            .ctx(&self.path, || format!("reading the cases of person {person}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ArticleInput;
    use casewatch_model::{ArticleMeta, Case, CaseFile, EventDate, Evidence, ExtractRecord};

    fn record(id: &str, body: &str) -> ExtractRecord {
        ExtractRecord {
            article: ArticleMeta {
                id: id.into(),
                source: format!("{id}.txt"),
                published: NaiveDate::from_ymd_opt(2025, 3, 12),
                title: Some("T".into()),
                language: "en".into(),
                sha256: format!("sha-{id}"),
                url: None,
            },
            people: vec![],
            organizations: vec![],
            events: vec![casewatch_model::Event {
                event_type: EventType::Detention,
                date: EventDate {
                    value: Some("2025-03".parse().unwrap()),
                    qualifier: None,
                    text: None,
                    inferred: false,
                },
                subjects: vec![],
                agent: None,
                place: None,
                status: Status::Occurred,
                attributed_to: None,
                detail: None,
                evidence: Evidence {
                    start: 0,
                    end: 4,
                    sentence: body[..4].into(),
                },
                rule: None,
            }],
            charges: vec![],
        }
    }

    #[test]
    fn narrow_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        let (r1, r2) = (record("a1", "Body one."), record("a2", "Body two."));
        s.insert_articles(&[
            ArticleInput {
                record: &r1,
                body: "Body one.",
            },
            ArticleInput {
                record: &r2,
                body: "Body two.",
            },
        ])
        .unwrap();
        let case = Case {
            id: "c1".into(),
            title: "T".into(),
            people: vec![casewatch_model::CasePerson {
                id: "P1".into(),
                name: "Dana".into(),
                variants: vec!["Dana".into()],
                occupation: None,
                affiliation: None,
                former: None,
                role: casewatch_model::Role::Defendant,
                role_rule: None,
            }],
            organizations: vec![],
            charges: vec![],
            events: vec![],
            articles: vec!["a2".into()],
            related_cases: vec![],
        };
        s.replace_cases(&CaseFile { cases: vec![case] }).unwrap();
        assert_eq!(s.article("a2").unwrap().unwrap().record, r2);
        assert!(s.article("zz").unwrap().is_none());
        let texts = s.article_texts(&["a2", "zz", "a1"]).unwrap();
        assert_eq!(texts.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["a2", "a1"]);
        assert_eq!(texts[0].body, "Body two.");
        let spans = s.article_event_spans("a1").unwrap();
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].start, spans[0].end), (0, 4));
        assert_eq!(spans[0].date.as_deref(), Some("2025-03"));
        let list = s.article_summaries().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].case.as_deref(), Some("c1"));
        assert_eq!(list[0].events, 1);
        assert_eq!(s.cases_of_article("a2").unwrap(), ["c1"]);
        assert_eq!(s.cases_of_person("P1").unwrap(), ["c1"]);
        assert!(s.cases_of_person("P2").unwrap().is_empty());
    }
}
