//! The review queue and the recent changes: timeline entries no reviewer has decided on, newest sources first, paged ([`QueuePage`]), and the most recently new or changed entries.

use super::*;

/// One entry of the review queue, with its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    /// Case id.
    pub case: String,
    /// Case title.
    pub case_title: String,
    /// The entry, with its sources and evidence.
    pub entry: casewatch_model::TimelineEntry,
}

/// One page of the review queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePage {
    /// The entries.
    pub items: Vec<QueueItem>,
    /// Unreviewed entries in all.
    pub total: u64,
}

impl Store {
    /// The review queue: timeline entries no reviewer has decided on
    /// (`machine`), across all cases (or one), newest sources first
    /// (entries without a dated source last); `limit` at most 500.
    pub fn review_queue(&self, case: Option<&str>, offset: u64, limit: u64) -> Result<QueuePage> {
        let limit = limit.clamp(1, 500);
        let rows: Vec<(String, String)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT case_id, entry_id FROM case_entries WHERE review = 'machine' AND (?1 IS NULL OR case_id = ?1)
                 ORDER BY published DESC NULLS LAST, case_id, entry_id LIMIT {limit} OFFSET {offset}"
            ))
            .and_then(|mut st| {
                st.query_map([case], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(|it| it.collect())
            })
            .ctx(&self.path, || "reading the review queue")?;
        let total: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM case_entries WHERE review = 'machine' AND (?1 IS NULL OR case_id = ?1)",
            )
            .and_then(|mut st| st.query_row([case], |r| r.get(0)))
            .ctx(&self.path, || "counting the review queue")?;
        Ok(QueuePage {
            items: self.queue_items(rows)?,
            total: count(total),
        })
    }

    /// The entries of `rows` (case id, entry id) with their case title,
    /// each case decoded once; rows whose entry is gone are skipped.
    fn queue_items(&self, rows: Vec<(String, String)>) -> Result<Vec<QueueItem>> {
        let mut cases: std::collections::HashMap<String, Case> = std::collections::HashMap::new();
        let mut items = Vec::with_capacity(rows.len());
        for (case_id, entry_id) in rows {
            if !cases.contains_key(&case_id)
                && let Some(c) = self.case(&case_id)?
            {
                cases.insert(case_id.clone(), c);
            }
            let Some(c) = cases.get(&case_id) else { continue };
            if let Some(e) = c.events.iter().find(|e| e.id == entry_id) {
                items.push(QueueItem {
                    case: case_id.clone(),
                    case_title: c.title.clone(),
                    entry: e.clone(),
                });
            }
        }
        Ok(items)
    }

    /// The most recently new or changed timeline entries (of one case, or
    /// all), newest first, with when they changed: the later of their latest
    /// source's publication date and their latest review decision (RFC 3339
    /// or `YYYY-MM-DD`). At most `limit` (≤ 500).
    pub fn recent_entries(&self, case: Option<&str>, limit: u64) -> Result<Vec<(QueueItem, String)>> {
        let limit = limit.clamp(1, 500);
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT case_id, entry_id, max(ifnull(published, ''),
                        ifnull((SELECT max(a.at) FROM audit_log a WHERE a.target = ce.entry_id), '')) AS updated
                 FROM case_entries ce WHERE ?1 IS NULL OR case_id = ?1
                 ORDER BY updated DESC, case_id, entry_id LIMIT {limit}"
            ))
            .and_then(|mut st| {
                st.query_map([case], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect())
            })
            .ctx(&self.path, || "reading the recent entries")?;
        let updated: std::collections::HashMap<String, String> =
            rows.iter().map(|(_, e, u)| (e.clone(), u.clone())).collect();
        Ok(self
            .queue_items(rows.into_iter().map(|(c, e, _)| (c, e)).collect())?
            .into_iter()
            .map(|i| {
                let u = updated.get(&i.entry.id).cloned().unwrap_or_default();
                (i, u)
            })
            .collect())
    }
}
