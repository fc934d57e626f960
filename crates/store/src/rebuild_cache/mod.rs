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
//! each) and the mentions of the rows read, at most [`MAX_LINK_ENTRIES`]
//! names and distinct texts ([`RebuildCache::bound`]); a whole
//! 200,000-article run of `bench_ingest` peaks at about 770 MB (see
//! ARCHITECTURE.md, "Session 20").

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

/// How many names and distinct (mentions, context) texts the link blocks
/// of a [`RebuildCache`] hold at most between rebuilds; past it they are
/// forgotten ([`RebuildCache::bound`]) and read again as needed. A text
/// holds its prepared mentions and is its own key: about 2 KB with the
/// bench's one to three defendants an article, by a count of its
/// allocations (not measured), so the bound is about 600 MB. Every row a
/// rebuild reads stays cached, so without a bound the cache grew with the
/// store: 170,700 texts and 34,500 names at 160,000 generated articles, and
/// a run with 40 times more surnames grew by about 5.5 KB an article
/// (ARCHITECTURE.md, "Session 20"). A whole 200,000-article run of
/// `bench_ingest` stays under it (244,000 at 190,000).
pub(crate) const MAX_LINK_ENTRIES: usize = 300_000;

#[cfg(test)]
thread_local! {
    /// A smaller [`MAX_LINK_ENTRIES`] for this thread's rebuilds (tests).
    pub(crate) static TEST_MAX_LINK_ENTRIES: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// [`MAX_LINK_ENTRIES`], or a test's smaller bound.
fn max_link_entries() -> usize {
    #[cfg(test)]
    if let Some(n) = TEST_MAX_LINK_ENTRIES.with(std::cell::Cell::get) {
        return n;
    }
    MAX_LINK_ENTRIES
}

impl RebuildCache {
    /// Starts a rebuild within the memory bound of the link blocks:
    /// forgets them all when they hold more than [`MAX_LINK_ENTRIES`]
    /// names and texts (one pass over the blocks: a few thousand). The
    /// rebuild then reads the blocks it needs as a new process would.
    pub(crate) fn bound(&mut self) {
        let held: usize = self.links.values().map(LinkBlock::held).sum();
        if held > max_link_entries() {
            self.links.clear();
        }
    }

    /// How many link blocks are held (tests).
    #[cfg(test)]
    pub(crate) fn link_blocks(&self) -> usize {
        self.links.len()
    }

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

#[cfg(test)]
mod tests {
    use super::TEST_MAX_LINK_ENTRIES;
    use crate::Store;
    use crate::test_reports::{add, case_articles, detention};
    use casewatch_model::ExtractRecord;

    /// A report of `id` on the detention of journalist `name` of Quay Post.
    fn report(id: &str, published: &str, name: &str) -> (ExtractRecord, String) {
        detention(id, published, name, Some("Quay Post"), published)
    }

    #[test]
    fn link_blocks_past_the_bound_are_forgotten_and_the_cases_are_the_same() {
        let first = [
            report("a1", "2024-03-02", "Ivo Marten"),
            report("a2", "2024-03-09", "I. Marten"),
        ];
        let second = [
            report("b1", "2024-04-02", "Lena Kral"),
            report("b2", "2024-04-05", "L. Kral"),
            report("b3", "2024-05-05", "Ivo Marten"),
        ];
        let third = [report("c1", "2024-06-02", "Sara Holm")];
        let mut held = Vec::new();
        let mut files = Vec::new();
        for bound in [None, Some(1)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut store = Store::open(&dir.path().join("bound.db")).expect("open");
            TEST_MAX_LINK_ENTRIES.with(|c| c.set(bound));
            let mut blocks = Vec::new();
            for increment in [&first[..], &second[..], &third[..]] {
                add(&mut store, increment);
                blocks.push(store.rebuild_cache.link_blocks());
            }
            TEST_MAX_LINK_ENTRIES.with(|c| c.set(None));
            held.push(blocks);
            files.push(case_articles(&store));
        }
        // Unbounded, the blocks read stay: Marten's, then Kral's, then
        // Holm's. Past the bound each rebuild starts from nothing and holds
        // what it read: Kral's and Marten's (b3, read afresh), then Holm's.
        assert_eq!(held, [[1, 2, 3], [1, 2, 1]]);
        assert_eq!(files[0], files[1]);
        let ids = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<String>>();
        assert!(files[0].contains(&ids(&["a1", "a2", "b3"])), "{:?}", files[0]);
        assert!(files[0].contains(&ids(&["b1", "b2"])), "{:?}", files[0]);
    }
}
