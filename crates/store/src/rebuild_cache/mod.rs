//! What a [`crate::Store`] keeps in memory between incremental rebuilds: the link mentions of each link key block and the people of each surname block of the people index, read by name as needed, each used only while it agrees with the database.
//!
//! Both kinds of block grow with the store (the generator of `bench_ingest`
//! makes blocks of thousands of articles at 200,000), and a rebuild of 1,000
//! new articles looks up a few hundred of them, most of them the same as the
//! rebuild before. Reading them from SQLite every time made the cost of an
//! increment grow with the store; kept here, a rebuild reads only what
//! changed. A block never read (every block, in a new process) is first
//! listed by its distinct names (migration 14: `link_block_names` and
//! `person_block_names`), and the rows of a name are read only when a
//! look-up's name matches it (migration 12: `link_names`, and the index
//! `person_index_block_names`), and of those only the rows of outlets and
//! articles a look-up's mention may join (migration 15).
//!
//! - **Link blocks** ([`link_block`]): a block is used only while its row
//!   count and largest article row equal the table's (`link_key_counts` and
//!   one seek of the primary key); rows appended since are read alone,
//!   anything else lists the block's names again.
//! - **People** ([`PersonCache`]): used only while `person_index_version`
//!   (migration 11, kept by triggers on `person_index`) is the number this
//!   cache's own writes left; the rebuild updates the cached blocks as it
//!   writes the people index, and any other write empties the cache.
//!
//! A rebuild that fails clears the cache; one that another connection's
//! write made start again clears the people blocks (its updates of them
//! were rolled back; link blocks are checked against the table anyway).
//!
//! Memory: at most [`people::MAX_CACHED_PEOPLE`] people rows (about 150 bytes each)
//! and, for link blocks, the names of every key looked up, the rows listed
//! for the names that matched (article, outlet and context, about 100 bytes
//! each) and the mentions of the rows read; a whole 200,000-article run of
//! `bench_ingest` peaks at about 760 MB (see ARCHITECTURE.md, "Session 16").

mod links;
mod people;

use links::LinkBlock;
pub(crate) use links::link_block;
pub(crate) use people::{Lookup, PersonCache};

use crate::Result;
use crate::error::Context as _;
use foldhash::HashMap;
use rusqlite::Connection;
use std::path::Path;

/// The blocks a [`crate::Store`] keeps between rebuilds (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct RebuildCache {
    /// Link key → what was read of its block.
    links: HashMap<String, LinkBlock>,
    /// The people of surname blocks.
    pub(crate) people: PersonCache,
    /// Names parsed: by identity assignment (people of other cases), and by
    /// the neighbour step (the names of new mentions and of link blocks).
    pub(crate) names: casewatch_reconcile::identity::ParsedNames,
}

impl RebuildCache {
    /// Whether freeing the cache takes long enough to be worth a thread
    /// of its own ([`crate::Store`]'s drop): [`RebuildCache::FREED_APART`]
    /// parsed names or more. Each name comes with a few small allocations in
    /// the names, the link blocks and the people blocks; after the first
    /// incremental rebuild at 190,000 generated articles the cache held
    /// 35,000 names and took 50 ms to free (`perf`), a quarter of the time of
    /// that rebuild's case writes.
    pub(crate) fn is_large(&self) -> bool {
        self.names.len() >= Self::FREED_APART
    }

    /// See [`RebuildCache::is_large`].
    pub(crate) const FREED_APART: usize = 10_000;

    /// Forgets everything (after a failed or refused rebuild).
    pub(crate) fn clear(&mut self) {
        self.links.clear();
        self.people.clear();
        self.names = Default::default();
    }
}

/// The names of block `block` as `table` lists them (a table keyed by
/// (`column`, `name`): migration 14's `link_block_names` or
/// `person_block_names`), ascending: one range of a small table, however
/// many rows the block has (thousands at 200,000 generated articles,
/// against a few dozen names). `what` names the block in an error.
///
/// Errors: [`crate::StoreError`] when the query fails.
fn listed_names(
    conn: &Connection,
    path: &Path,
    table: &str,
    column: &str,
    block: &str,
    what: &str,
) -> Result<Vec<String>> {
    conn.prepare_cached(&format!("SELECT name FROM {table} WHERE {column} = ?1 ORDER BY name"))
        .and_then(|mut st| {
            st.query_map([block], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || format!("listing the names of {what} {block}"))
}
