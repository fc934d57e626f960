//! What `casewatch watch` remembers about the feeds it polls: the ETag and
//! Last-Modified of each feed's last answer (for conditional GET) and the
//! items already fetched, so an item's page is fetched once.

use crate::error::Context as _;
use crate::{Result, Store, now_rfc3339};
use rusqlite::{OptionalExtension as _, params};

/// The validators of a feed's last answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Store {
    /// The validators stored for a feed URL (empty when never polled).
    pub fn feed_state(&self, url: &str) -> Result<FeedState> {
        Ok(self
            .conn
            .prepare_cached("SELECT etag, last_modified FROM feeds WHERE url = ?1")
            .and_then(|mut st| {
                st.query_row([url], |r| {
                    Ok(FeedState {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                })
                .optional()
            })
            .ctx(&self.path, || format!("reading the state of feed {url}"))?
            .unwrap_or_default())
    }

    /// Stores a feed's validators after a successful poll.
    pub fn set_feed_state(&mut self, url: &str, state: &FeedState) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO feeds (url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, ?4)",
                params![url, state.etag, state.last_modified, now_rfc3339()],
            )
            .ctx(&self.path, || format!("storing the state of feed {url}"))?;
        Ok(())
    }

    /// Whether an item of a feed (its link, else its id) was fetched before.
    pub fn feed_item_seen(&self, feed: &str, item: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM feed_items WHERE feed = ?1 AND item = ?2)")
            .and_then(|mut st| st.query_row(params![feed, item], |r| r.get(0)))
            .ctx(&self.path, || format!("looking up item {item} of {feed}"))
    }

    /// Records that an item was fetched (and the article it gave, if any).
    pub fn mark_feed_item(&mut self, feed: &str, item: &str, article: Option<&str>) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO feed_items (feed, item, article_id, fetched_at) VALUES (?1, ?2, ?3, ?4)",
                params![feed, item, article, now_rfc3339()],
            )
            .ctx(&self.path, || format!("recording item {item} of {feed}"))?;
        Ok(())
    }
}
