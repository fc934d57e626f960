//! The people of surname blocks, read by name and kept between rebuilds while `person_index_version` says they agree with the people index (see [`PersonCache`]).

use crate::Result;
use crate::error::Context as _;
use casewatch_reconcile::identity::KnownPerson;
use foldhash::HashMap;
use rusqlite::{Connection, OptionalExtension as _, params};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How many people rows [`PersonCache`] holds at most; past it the cache
/// starts again empty (about 150 bytes a row: 2,000,000 rows are about
/// 300 MB). The 200,000-article bench holds about 100,000.
pub(crate) const MAX_CACHED_PEOPLE: usize = 2_000_000;

/// How many queries and passing names (over every block) [`PersonBlock`]s
/// remember at most; past it they forget every query (8 bytes a passing
/// name: 32 MB). A block of names all alike (a hostile list of
/// near-identical names) would otherwise remember a square of its names.
pub(crate) const MAX_REMEMBERED_NAMES: usize = 4_000_000;

/// The occupation and affiliation of a cached person.
type Attributes = (Option<String>, Option<String>);

/// The people of one name of a [`PersonBlock`]: (case id, person id) →
/// occupation and affiliation.
type NamePeople = BTreeMap<(String, String), Attributes>;

/// The people of one surname block of `person_index`, by name text: `None`
/// for a name listed but not read yet. A block repeats a few names many
/// times, so a look-up tests each distinct name once, and reads the people
/// of the names it wants only (a block read for the first time, as every
/// block is in a new process, costs one range of its names in
/// `person_block_names`, not all its rows). A listed name may have no
/// people any more (see migration 14): it is read as empty.
///
/// A look-up tests the names with a `wanted` test named by its `query`
/// (see [`casewatch_reconcile::identity::KnownPeople`]); the block
/// remembers which names passed each query, so a name looked up again (the
/// same name is looked up rebuild after rebuild) tests only the names added
/// since (in a run of 200,000 generated articles, the id step took 64–70
/// ms a rebuild at 110,000–170,000 instead of 84–96). What the blocks
/// remember is bounded ([`MAX_REMEMBERED_NAMES`]).
#[derive(Debug, Default)]
pub(crate) struct PersonBlock {
    names: BTreeMap<String, Option<NamePeople>>,
    /// The keys of `names` in the order they were added (a name is never
    /// removed: a name whose people all left keeps an empty entry).
    order: Vec<String>,
    /// Per query: how many names of `order` it has tested, and the indices
    /// into `order` of those that passed.
    passed: HashMap<String, (usize, Vec<usize>)>,
}

impl PersonBlock {
    /// The entry of `name`, added (as `people`) when new.
    fn name_entry(&mut self, name: &str, people: Option<NamePeople>) -> &mut Option<NamePeople> {
        if !self.names.contains_key(name) {
            self.order.push(name.to_string());
        }
        self.names.entry(name.to_string()).or_insert(people)
    }

    /// The names that pass `wanted`, in name order, testing only those
    /// `query` has not tested yet; adds to `remembered` the query when new
    /// and the passing names it remembers anew.
    fn wanted(&mut self, query: &str, wanted: &mut dyn FnMut(&str) -> bool, remembered: &mut usize) -> Vec<String> {
        if !self.passed.contains_key(query) {
            *remembered += 1;
        }
        let (tested, hits) = self.passed.entry(query.to_string()).or_default();
        for (i, name) in self.order.iter().enumerate().skip(*tested) {
            if wanted(name) {
                hits.push(i);
                *remembered += 1;
            }
        }
        *tested = self.order.len();
        let mut out: Vec<String> = hits.iter().filter_map(|&i| self.order.get(i).cloned()).collect();
        out.sort_unstable();
        out
    }
}

/// The tests of a [`PersonCache::people`] look-up (see
/// [`casewatch_reconcile::identity::KnownPeople`]).
pub(crate) struct Lookup<'q, 't> {
    /// Names the test of names, which blocks remember per query.
    pub(crate) query: &'q str,
    /// Whether a name text is wanted.
    pub(crate) wanted: &'q mut (dyn FnMut(&str) -> bool + 't),
    /// Whether a person's occupation and affiliation (as stored) fit; not
    /// remembered.
    pub(crate) fits: &'q mut casewatch_reconcile::identity::AttributeTest<'t>,
}

/// The people of the surname blocks (`person_index.block`) a rebuild looked
/// up, kept between rebuilds and updated by the rebuild's own writes of the
/// people index (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct PersonCache {
    /// The `person_index_version` the cached blocks agree with; `None`
    /// when nothing is cached.
    version: Option<i64>,
    /// Block → its people.
    blocks: HashMap<String, PersonBlock>,
    /// Case id → (block, name, person id) of its cached rows, to remove
    /// them when the case is deleted.
    by_case: HashMap<String, Vec<(String, String, String)>>,
    /// Cached rows.
    rows: usize,
    /// Queries and passing names the blocks remember (see [`MAX_REMEMBERED_NAMES`]).
    remembered: usize,
}

/// The number `person_index_version` holds (0 when its row is missing).
fn person_index_version(conn: &Connection, path: &Path) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM person_index_version WHERE id = 1")
        .and_then(|mut st| st.query_row([], |r| r.get(0)).optional())
        .ctx(path, || "reading the version of the people index")
        .map(Option::unwrap_or_default)
}

impl PersonCache {
    /// Forgets every block.
    pub(crate) fn clear(&mut self) {
        self.version = None;
        self.blocks.clear();
        self.by_case.clear();
        self.rows = 0;
        self.remembered = 0;
    }

    /// Starts a rebuild: keeps the cached blocks only when the people index
    /// is as this cache's own writes left it.
    pub(crate) fn check(&mut self, conn: &Connection, path: &Path) -> Result<()> {
        let now = person_index_version(conn, path)?;
        if self.version != Some(now) || self.rows > MAX_CACHED_PEOPLE {
            self.clear();
            self.version = Some(now);
        }
        Ok(())
    }

    /// Ends a rebuild's writes: the cached blocks agree with the people
    /// index as it now is (the caller clears the cache if the transaction
    /// does not commit).
    pub(crate) fn written(&mut self, conn: &Connection, path: &Path) -> Result<()> {
        self.version = Some(person_index_version(conn, path)?);
        Ok(())
    }

    /// The people of `block` whose name passes `look.wanted` (a test named
    /// by `look.query`, see [`PersonBlock`]), whose occupation and
    /// affiliation pass `look.fits` and whose case is not in `skip` (the
    /// cases being rebuilt), in name order. Only those are cloned: at
    /// 190,000 generated articles the names of a look-up gave about 15
    /// people, most of them namesakes whose outlet `fits` rules out. A block
    /// not cached is listed by name (`person_block_names`, migration 14);
    /// the people of a wanted name are read once (the covering index
    /// `person_index_block_names`, migration 12).
    ///
    /// Errors: [`crate::StoreError`] when a query fails.
    pub(crate) fn people(
        &mut self,
        conn: &Connection,
        path: &Path,
        block: &str,
        look: Lookup<'_, '_>,
        skip: &BTreeSet<&str>,
    ) -> Result<Vec<KnownPerson>> {
        let Lookup { query, wanted, fits } = look;
        if !self.blocks.contains_key(block) {
            let names = super::listed_names(conn, path, "person_block_names", "block", block, "block")?;
            let mut listed = PersonBlock::default();
            for name in &names {
                listed.name_entry(name, None);
            }
            self.blocks.insert(block.to_string(), listed);
        }
        if self.remembered > MAX_REMEMBERED_NAMES {
            for b in self.blocks.values_mut() {
                b.passed.clear();
            }
            self.remembered = 0;
        }
        let want = match self.blocks.get_mut(block) {
            Some(b) => b.wanted(query, wanted, &mut self.remembered),
            None => Vec::new(),
        };
        let unread: Vec<&String> = match self.blocks.get(block) {
            Some(b) => want.iter().filter(|n| matches!(b.names.get(*n), Some(None))).collect(),
            None => Vec::new(),
        };
        for name in unread {
            self.read_name(conn, path, block, name)?;
        }
        let mut out = Vec::new();
        let Some(b) = self.blocks.get(block) else {
            return Ok(out);
        };
        for name in &want {
            let Some(Some(people)) = b.names.get(name) else {
                continue;
            };
            for ((case, id), (occupation, affiliation)) in people {
                if !skip.contains(case.as_str()) && fits(occupation.as_deref(), affiliation.as_deref()) {
                    out.push(KnownPerson {
                        id: id.clone(),
                        case: case.clone(),
                        name: name.clone(),
                        occupation: occupation.clone(),
                        affiliation: affiliation.clone(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Reads the people of name `name` of cached block `block`.
    fn read_name(&mut self, conn: &Connection, path: &Path, block: &str, name: &str) -> Result<()> {
        type Row = (String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = conn
            .prepare_cached(
                "SELECT case_id, person_id, occupation, affiliation
                 FROM person_index INDEXED BY person_index_block_names WHERE block = ?1 AND name = ?2",
            )
            .and_then(|mut st| {
                st.query_map(params![block, name], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(path, || format!("reading the people of block {block}"))?;
        let mut people = NamePeople::new();
        for (case, person, occupation, affiliation) in rows {
            self.by_case
                .entry(case.clone())
                .or_default()
                .push((block.to_string(), name.to_string(), person.clone()));
            people.insert((case, person), (occupation, affiliation));
        }
        self.rows += people.len();
        if let Some(b) = self.blocks.get_mut(block) {
            *b.name_entry(name, None) = Some(people);
        }
        Ok(())
    }

    /// A row the rebuild writes to `person_index` (`INSERT OR REPLACE`):
    /// the row with the same (case, person) leaves whichever cached block
    /// and name held it (the table's key has no block), and the new row is
    /// added when its block is cached and its name read (a name listed but
    /// not read will read it from the table; a name not listed is new, and
    /// has no other row).
    pub(crate) fn insert(&mut self, case: &str, person: &str, block: &str, name: &str, attrs: Attributes) {
        let old = self.by_case.get_mut(case).and_then(|rows| {
            let i = rows.iter().position(|(_, _, p)| p == person)?;
            Some(rows.remove(i))
        });
        if let Some((old_block, old_name, _)) = old
            && let Some(Some(people)) = self.blocks.get_mut(&old_block).and_then(|b| b.names.get_mut(&old_name))
            && people.remove(&(case.to_string(), person.to_string())).is_some()
        {
            self.rows -= 1;
        }
        let Some(b) = self.blocks.get_mut(block) else { return };
        if let Some(people) = b.name_entry(name, Some(NamePeople::new())) {
            people.insert((case.to_string(), person.to_string()), attrs);
            self.rows += 1;
            self.by_case.entry(case.to_string()).or_default().push((
                block.to_string(),
                name.to_string(),
                person.to_string(),
            ));
        }
    }

    /// Case `case` is deleted (its people index rows with it).
    pub(crate) fn remove_case(&mut self, case: &str) {
        for (block, name, person) in self.by_case.remove(case).unwrap_or_default() {
            let Some(b) = self.blocks.get_mut(&block) else { continue };
            if let Some(Some(people)) = b.names.get_mut(&name)
                && people.remove(&(case.to_string(), person)).is_some()
            {
                self.rows -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// A store file with two cases (rows only: their summaries are marked
    /// current so that opening the file does not derive them) and three
    /// people in block `osmonov`.
    fn store_with_people() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("people.db")).expect("open");
        store
            .conn
            .execute_batch(
                "INSERT INTO cases (id, position, title, people_count, event_count, source_count, data, summary_version)
                     VALUES ('c1', 1, 't', 2, 0, 1, '{}', 1), ('c2', 2, 't', 1, 0, 1, '{}', 1);
                 INSERT INTO person_index (case_id, person_id, block, name, occupation, affiliation)
                     VALUES ('c1', 'P1', 'osmonov', 'Kanat Osmonov', 'reporter', NULL),
                            ('c1', 'P2', 'osmonov', 'Dilnoza Osmonova', NULL, NULL),
                            ('c2', 'P3', 'osmonov', 'Kanat Osmonov', NULL, 'Radio Tundra');",
            )
            .expect("people");
        (dir, store)
    }

    /// (case, person, name) of the people `cache` gives for `block`, every name wanted.
    fn cached(cache: &mut PersonCache, store: &Store, block: &str, skip: &[&str]) -> Vec<(String, String, String)> {
        let skip: BTreeSet<&str> = skip.iter().copied().collect();
        cache
            .people(
                &store.conn,
                &store.path,
                block,
                Lookup {
                    query: "every name",
                    wanted: &mut |_| true,
                    fits: &mut |_, _| true,
                },
                &skip,
            )
            .expect("people")
            .into_iter()
            .map(|k| (k.case, k.id, k.name))
            .collect()
    }

    /// The person ids `cache` gives for block `osmonov` under `query`, the
    /// names starting with `prefix` wanted, and the names it tested.
    fn ids_starting(cache: &mut PersonCache, store: &Store, query: &str, prefix: &str) -> (Vec<String>, Vec<String>) {
        let mut tested = Vec::new();
        let ids = cache
            .people(
                &store.conn,
                &store.path,
                "osmonov",
                Lookup {
                    query,
                    wanted: &mut |n| {
                        tested.push(n.to_string());
                        n.starts_with(prefix)
                    },
                    fits: &mut |_, _| true,
                },
                &BTreeSet::new(),
            )
            .expect("people")
            .into_iter()
            .map(|k| k.id)
            .collect();
        (ids, tested)
    }

    fn row(case: &str, id: &str, name: &str) -> (String, String, String) {
        (case.into(), id.into(), name.into())
    }

    #[test]
    fn people_of_a_block_are_read_once_and_follow_the_rebuilds_own_writes() {
        let (_dir, store) = store_with_people();
        let mut cache = PersonCache::default();
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(
            cached(&mut cache, &store, "osmonov", &["c2"]),
            vec![row("c1", "P2", "Dilnoza Osmonova"), row("c1", "P1", "Kanat Osmonov")]
        );
        // The rebuild replaces case c2 and writes its people again.
        store
            .conn
            .execute("DELETE FROM cases WHERE id = 'c2'", [])
            .expect("delete");
        cache.remove_case("c2");
        store
            .conn
            .execute(
                "INSERT INTO cases (id, position, title, people_count, event_count, source_count, data, summary_version)
                 VALUES ('c2', 2, 't', 1, 0, 1, '{}', 1)",
                [],
            )
            .expect("case");
        store
            .conn
            .execute(
                "INSERT INTO person_index (case_id, person_id, block, name) VALUES ('c2', 'P4', 'osmonov', 'Kanat Osmonov')",
                [],
            )
            .expect("person");
        cache.insert("c2", "P4", "osmonov", "Kanat Osmonov", (None, None));
        cache.written(&store.conn, &store.path).expect("written");
        // The next rebuild keeps the cache, and it is what a fresh read gives.
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(cache.rows, 3);
        let kept = cached(&mut cache, &store, "osmonov", &[]);
        let mut fresh = PersonCache::default();
        assert_eq!(kept, cached(&mut fresh, &store, "osmonov", &[]));
        assert_eq!(
            kept,
            vec![
                row("c1", "P2", "Dilnoza Osmonova"),
                row("c1", "P1", "Kanat Osmonov"),
                row("c2", "P4", "Kanat Osmonov")
            ]
        );
        // Only wanted names are given, and only their people are read.
        let dilnoza = |cache: &mut PersonCache| ids_starting(cache, &store, "Dilnoza", "Dilnoza").0;
        assert_eq!(dilnoza(&mut cache), ["P2"]);
        let mut fresh = PersonCache::default();
        assert_eq!(dilnoza(&mut fresh), ["P2"]);
        assert_eq!(fresh.rows, 1, "Kanat Osmonov's two rows are listed, not read");
        // A row written to a name listed but not read is read with it.
        fresh.insert("c2", "P5", "osmonov", "Kanat Osmonov", (None, None));
        assert_eq!(fresh.rows, 1);
        fresh.insert("c2", "P6", "osmonov", "Bolot Osmonov", (None, None));
        assert_eq!(fresh.rows, 2, "a name not listed is new: its row is all it has");

        // A person written again under another surname leaves its old
        // block, as `INSERT OR REPLACE` on (case, person) does.
        assert!(cached(&mut cache, &store, "asanov", &[]).is_empty());
        cache.insert("c1", "P1", "asanov", "Kanat Asanov", (None, None));
        assert_eq!(
            cached(&mut cache, &store, "asanov", &[]),
            vec![row("c1", "P1", "Kanat Asanov")]
        );
        assert_eq!(
            cached(&mut cache, &store, "osmonov", &[]),
            vec![row("c1", "P2", "Dilnoza Osmonova"), row("c2", "P4", "Kanat Osmonov")]
        );
        assert_eq!(cache.rows, 3);
    }

    /// The person ids `cache` gives for the Kanat Osmonovs of block
    /// `osmonov` whose attributes pass `fits`.
    fn kanats_fitting(
        cache: &mut PersonCache,
        store: &Store,
        fits: &mut dyn FnMut(Option<&str>, Option<&str>) -> bool,
    ) -> Vec<String> {
        cache
            .people(
                &store.conn,
                &store.path,
                "osmonov",
                Lookup {
                    query: "Kanat",
                    wanted: &mut |n| n == "Kanat Osmonov",
                    fits,
                },
                &BTreeSet::new(),
            )
            .expect("people")
            .into_iter()
            .map(|k| k.id)
            .collect()
    }

    #[test]
    fn a_look_up_returns_only_the_people_whose_attributes_fit() {
        let (_dir, store) = store_with_people();
        let mut cache = PersonCache::default();
        let mut seen: Vec<(Option<String>, Option<String>)> = Vec::new();
        let found = kanats_fitting(&mut cache, &store, &mut |occupation, affiliation| {
            seen.push((occupation.map(Into::into), affiliation.map(Into::into)));
            affiliation.is_none_or(|a| a == "Radio Tundra") && occupation.is_none()
        });
        assert_eq!(found, ["P3"]);
        // Both Kanats were tested, in (case, person) order; Dilnoza's name was not wanted.
        assert_eq!(
            seen,
            [(Some("reporter".into()), None), (None, Some("Radio Tundra".into()))]
        );
        // The test is not remembered: the same query with another gives the other.
        let again = kanats_fitting(&mut cache, &store, &mut |occupation, _| occupation.is_some());
        assert_eq!(again, ["P1"]);
    }

    #[test]
    fn a_look_up_tests_only_the_names_its_query_has_not_tested() {
        let (_dir, store) = store_with_people();
        let mut cache = PersonCache::default();
        cache.check(&store.conn, &store.path).expect("check");
        let look_up = |cache: &mut PersonCache, query: &str| ids_starting(cache, &store, query, "Kanat");
        let (ids, tested) = look_up(&mut cache, "Kanat");
        assert_eq!(ids, ["P1", "P3"]);
        assert_eq!(tested, ["Dilnoza Osmonova", "Kanat Osmonov"]);
        // The same query again tests nothing and gives the same people.
        assert_eq!(
            look_up(&mut cache, "Kanat"),
            (vec!["P1".to_string(), "P3".to_string()], vec![])
        );
        // A name the rebuild writes is new to every query: it alone is tested.
        cache.insert("c2", "P7", "osmonov", "Kanat Osmonova", (None, None));
        cache.insert("c2", "P8", "osmonov", "Bolot Osmonov", (None, None));
        let (ids, tested) = look_up(&mut cache, "Kanat");
        assert_eq!(ids, ["P1", "P3", "P7"], "in name order");
        assert_eq!(tested, ["Kanat Osmonova", "Bolot Osmonov"]);
        // Another query tests every name.
        assert_eq!(look_up(&mut cache, "Kanat, again").1.len(), 4);
        // Past the bound every query is forgotten: tested again, same answer.
        assert_eq!(cache.remembered, 6, "two queries; names passing: one, one more, two");
        cache.remembered = MAX_REMEMBERED_NAMES + 1;
        let (ids, tested) = look_up(&mut cache, "Kanat");
        assert_eq!(ids, ["P1", "P3", "P7"]);
        assert_eq!(tested.len(), 4);
        assert_eq!(cache.remembered, 3);
    }

    /// (block, name) of `person_block_names`.
    fn listed(store: &Store) -> Vec<(String, String)> {
        let mut st = store
            .conn
            .prepare("SELECT block, name FROM person_block_names ORDER BY block, name")
            .expect("prepare");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            .expect("rows")
    }

    #[test]
    fn a_block_is_listed_from_its_names_and_a_name_left_without_people_reads_as_none() {
        let (_dir, store) = store_with_people();
        let pair = |b: &str, n: &str| (b.to_string(), n.to_string());
        assert_eq!(
            listed(&store),
            [pair("osmonov", "Dilnoza Osmonova"), pair("osmonov", "Kanat Osmonov")]
        );
        // A rename by update and a new person are listed; a delete of the
        // last person of a name unlists it, of one of two keeps it.
        store
            .conn
            .execute_batch(
                "UPDATE person_index SET name = 'Dilnoza Osmonovna' WHERE person_id = 'P2';
                 INSERT INTO person_index (case_id, person_id, block, name) VALUES ('c2', 'P9', 'asanov', 'Nurlan Asanov');
                 DELETE FROM person_index WHERE person_id = 'P9';
                 DELETE FROM person_index WHERE person_id = 'P3';",
            )
            .expect("writes");
        assert_eq!(
            listed(&store),
            [pair("osmonov", "Dilnoza Osmonovna"), pair("osmonov", "Kanat Osmonov")]
        );
        // The rebuild's `INSERT OR REPLACE` deletes without a trigger: the
        // old name stays listed, and a look-up finds nobody of it.
        store
            .conn
            .execute(
                "INSERT OR REPLACE INTO person_index (case_id, person_id, block, name) VALUES ('c1', 'P1', 'osmonov', 'Kanat Osmonbek')",
                [],
            )
            .expect("replace");
        assert_eq!(listed(&store).len(), 3);
        assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
        let mut cache = PersonCache::default();
        assert_eq!(
            cached(&mut cache, &store, "osmonov", &[]),
            vec![row("c1", "P2", "Dilnoza Osmonovna"), row("c1", "P1", "Kanat Osmonbek")]
        );
        // A name missing from the list is a damaged file.
        store
            .conn
            .execute("DELETE FROM person_block_names WHERE name = 'Kanat Osmonbek'", [])
            .expect("damage");
        assert_eq!(
            store.integrity_check().expect("check"),
            [
                "person_block_names: 1 rows missing and 0 rows not in person_index (the triggers of person_index keep it)"
            ]
        );
    }

    #[test]
    fn a_write_by_anything_else_empties_the_cache() {
        let (dir, store) = store_with_people();
        let mut cache = PersonCache::default();
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(cached(&mut cache, &store, "osmonov", &[]).len(), 3);
        cache.written(&store.conn, &store.path).expect("written");
        // Another connection deletes a case: its people go by cascade,
        // which the version counts.
        let other = Store::open(&dir.path().join("people.db")).expect("open");
        other
            .conn
            .execute("DELETE FROM cases WHERE id = 'c1'", [])
            .expect("delete");
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(cache.rows, 0, "emptied");
        assert_eq!(
            cached(&mut cache, &store, "osmonov", &[]),
            vec![row("c2", "P3", "Kanat Osmonov")]
        );
        // A change of role is not read by a look-up and keeps the cache.
        cache.written(&store.conn, &store.path).expect("written");
        other
            .conn
            .execute("UPDATE person_index SET role = 'defendant' WHERE person_id = 'P3'", [])
            .expect("role");
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(cache.rows, 1, "kept");
        other
            .conn
            .execute(
                "UPDATE person_index SET occupation = 'editor' WHERE person_id = 'P3'",
                [],
            )
            .expect("occupation");
        cache.check(&store.conn, &store.path).expect("check");
        assert_eq!(cache.rows, 0, "emptied");
    }
}
