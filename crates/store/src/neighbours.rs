//! The neighbour step of a case rebuild: the stored articles the new ones can join (link key blocks), and the namesakes of other outlets that a mention naming no outlet cannot join.
//!
//! # Namesakes of several outlets
//!
//! Linking never joins a person of one outlet with a namesake of an outlet
//! that disagrees through a mention that names no outlet (see
//! [`casewatch_reconcile::affiliations_agree`]). Such a mention ("journalist
//! Ivo Marten was detained") joins the first Ivo Marten it meets, in the
//! order in which the clustering visits its pairs: its surname blocks in key
//! order, and in each the other mentions by article rank (publication date,
//! undated last, then article id), since every pair of a mention is visited
//! in the rank order of the other one. After that join, the mention's person
//! holds that outlet, and a namesake whose own outlet disagrees with it is
//! refused whatever the rest of its person holds.
//!
//! So the articles of such namesakes cannot change and need not be
//! reconciled again: for a seed mention that names no outlet, the step
//! finds the first mention it may join (the earliest-ranked one of its first
//! key block with any); when that one names an outlet, every mention that
//! names an outlet disagreeing with it is left out. Everything else is added
//! as before. At 190,000 generated articles, 1,000 new reports of which
//! half name no outlet made a rebuild read 43,390 stored articles, one case
//! for every namesake (a generated full name has about a dozen).
//!
//! That first join must not be refused, so nothing is left out (every
//! candidate is added) when:
//! - another person the seed's article names may join an article of the
//!   first candidate's case (two people of one article are never one
//!   person: that one may be in the first candidate's person first,
//!   however unlike the two names), or the article names two people of one
//!   name;
//! - a reviewer decision names the seed's article (a merge can put the
//!   mention in a larger person first) or the first candidate's (a moved
//!   article takes no part in linking);
//! - the seed's name is a variant of a reviewer split (it then takes that
//!   split's side, and never joins the split person's other mentions);
//! - another stored article has the seed's article id (one of the two
//!   records is dropped), or several mentions of the first candidate's
//!   article may join it.
//!
//! These were found by comparing one-by-one ingests with a full rebuild on
//! generated namesakes (outside the repository); each has a test.

use crate::Result;
use crate::error::{Context as _, data_error};
use crate::rebuild_cache::{self, RebuildCache};
use casewatch_reconcile::{LinkMention, Overrides, PreparedMention, Settings, affiliations_agree};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt as _};
use rusqlite::{Connection, OptionalExtension as _};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A stored mention that may join a seed mention naming no outlet: the
/// position of its key among the seeds' keys (key order), the outlet it
/// names (folded) and the article rows that give it.
struct Candidate {
    key: usize,
    affiliation: Option<String>,
    articles: Vec<i64>,
}

/// The most article rows the step holds for its namesake rule (candidates
/// of seeds naming no outlet, and what the other people of their articles
/// may join), about 16 MB: a name reported thousands of times without an
/// outlet by every new article would otherwise hold the product of the two.
/// Past it, seeds are treated as before the rule (every candidate added).
const MAX_HELD_ROWS: usize = 2_000_000;

#[cfg(test)]
thread_local! {
    /// A smaller [`MAX_HELD_ROWS`] for this thread's rebuilds (tests).
    static TEST_MAX_HELD_ROWS: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// [`MAX_HELD_ROWS`], or a test's smaller bound.
fn max_held_rows() -> usize {
    #[cfg(test)]
    if let Some(n) = TEST_MAX_HELD_ROWS.with(std::cell::Cell::get) {
        return n;
    }
    MAX_HELD_ROWS
}

/// What a seed article's mentions say (over all its person keys).
#[derive(Default)]
struct Named {
    /// The names of its mentions.
    names: BTreeSet<String>,
    /// Whether one key gave one name twice (two people of one name).
    twice: bool,
    /// Whether one of them names no outlet.
    bare: bool,
}

/// An article's rank in reconciliation: undated last, then publication
/// date, then article id (as `casewatch_reconcile` ranks records).
type Rank = (bool, Option<NaiveDate>, String);

/// Adds to `temp.rb_rows` the articles a seed can join: every article that
/// shares a prosecuted-outlet key (`target:`) with a seed, or an
/// outlet-and-charge key when `Settings::link_by_outlet_and_charge` is on;
/// of the articles sharing a person key, those with a mention that
/// [`casewatch_reconcile::mentions_may_join`] a mention of the seed (every
/// one, with the store-wide surname-only rule on), less the namesakes of
/// other outlets that a mention naming no outlet cannot join (see the
/// module docs), as the reviewer decisions `overrides` allow. Person blocks
/// come from `cache` (see [`rebuild_cache::link_block`]).
///
/// Errors: [`crate::StoreError`] when a query fails or a stored key does
/// not decode.
pub(crate) fn add_key_neighbours(
    conn: &Connection,
    path: &Path,
    settings: &Settings,
    cache: &mut RebuildCache,
    overrides: &Overrides,
) -> Result<()> {
    let decided = overrides.articles();
    let variants = overrides.split_variants();
    type Row = (String, i64, String, String);
    let parse = |s: &str| -> Result<Vec<LinkMention>> {
        serde_json::from_str(s).map_err(|e| data_error(path, "link key mentions", e))
    };
    let context = |s: &str| -> Result<Vec<String>> {
        serde_json::from_str(s).map_err(|e| data_error(path, "link key context", e))
    };
    let seed_keys: Vec<Row> = conn
        .prepare_cached(
            "SELECT l.key, l.article, l.mentions, l.context FROM temp.rb_seed s CROSS JOIN link_keys l ON l.article = s.id
             ORDER BY l.key, l.article",
        )
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || "reading the keys of the seeds")?;
    // Per key: the seed mentions and the article row of each.
    let mut wanted: BTreeMap<String, (Vec<PreparedMention>, Vec<i64>)> = BTreeMap::new();
    let mut named: HashMap<i64, Named> = HashMap::new();
    for (key, row, mentions, ctx) in seed_keys {
        let ctx = context(&ctx)?;
        let e = wanted.entry(key).or_default();
        let mentions = parse(&mentions)?;
        let n = named.entry(row).or_default();
        let texts: BTreeSet<&str> = mentions.iter().map(|m| m.name.as_str()).collect();
        n.twice |= texts.len() < mentions.len();
        for m in mentions {
            n.names.insert(m.name.clone());
            let prepared = m.prepare_parsed(cache.names.name(&m.name), &ctx);
            n.bare |= prepared.affiliation().is_none();
            e.0.push(prepared);
            e.1.push(row);
        }
    }
    // Of seed articles naming several people, one of them without an
    // outlet: the article rows each mention may join, by (article row,
    // name).
    let mut reach: HashMap<(i64, String), BTreeSet<i64>> = HashMap::new();
    // Rows held in `reach` and `open` (see `MAX_HELD_ROWS`), and the seed
    // articles whose `reach` is incomplete (then nothing is left out).
    let (mut held, max_held) = (0usize, max_held_rows());
    let mut unreached: BTreeSet<i64> = BTreeSet::new();
    // Seed mentions whose candidates did not all fit: every one is added.
    let mut spilled: BTreeSet<(i64, String)> = BTreeSet::new();
    let mut add = conn
        .prepare_cached("INSERT OR IGNORE INTO temp.rb_rows (id) VALUES (?1)")
        .ctx(path, || "preparing the row insert")?;
    // Seed mentions naming no outlet, by (article row, name): their
    // candidates in key order.
    let mut open: BTreeMap<(i64, String), Vec<Candidate>> = BTreeMap::new();
    let mut prunable: HashMap<i64, bool> = HashMap::new();
    for (k, (key, (seeds, rows))) in wanted.iter().enumerate() {
        // Outlet-and-charge keys link nothing unless that rule is on.
        if key.starts_with("outlet:") && !settings.link_by_outlet_and_charge {
            continue;
        }
        let all = !key.starts_with("person:") || settings.link_by_surname_only;
        if all {
            conn.prepare_cached("INSERT OR IGNORE INTO temp.rb_rows (id) SELECT article FROM link_keys WHERE key = ?1")
                .and_then(|mut st| st.execute([key]))
                .ctx(path, || format!("adding the articles of key {key}"))?;
            continue;
        }
        if seeds.is_empty() {
            continue;
        }
        // Per seed: whether the namesake rule may leave some of its
        // candidates out, and whether what it may join is needed (another
        // person of its article may be left some out). Those seeds get
        // their own candidates from `joinable`; the others share theirs.
        let mut wants: Vec<(bool, bool)> = Vec::with_capacity(seeds.len());
        for (seed, &row) in seeds.iter().zip(rows) {
            let n = named.get(&row);
            let prune = seed.affiliation().is_none()
                && n.is_some_and(|n| !n.twice)
                && !variants.contains(seed.folded_name())
                && !spilled.contains(&(row, seed.text().to_string()))
                && seed_prunable(conn, path, &mut prunable, row, &decided)?;
            let reached = n.is_some_and(|n| n.names.len() > 1 && n.bare) && !unreached.contains(&row);
            wants.push((prune, reached));
        }
        let own: Vec<bool> = wants.iter().map(|&(p, r)| p || r).collect();
        let (blk, parsed) = rebuild_cache::link_block(conn, path, cache, key)?;
        let found = blk.joinable(conn, path, key, seeds, &own, settings, parsed)?;
        let mut groups: BTreeSet<usize> = BTreeSet::new();
        for (((seed, &row), hits), &(prune, reached)) in seeds.iter().zip(rows).zip(&found).zip(&wants) {
            let rows_of_hits: usize = hits.iter().map(|&(g, _)| blk.articles(g).len()).sum();
            if reached {
                if held + rows_of_hits > max_held {
                    unreached.insert(row);
                } else {
                    held += rows_of_hits;
                    reach
                        .entry((row, seed.text().to_string()))
                        .or_default()
                        .extend(hits.iter().flat_map(|&(g, _)| blk.articles(g).iter().copied()));
                }
            }
            if !prune {
                groups.extend(hits.iter().map(|&(g, _)| g));
                continue;
            }
            let id = (row, seed.text().to_string());
            if held + rows_of_hits > max_held {
                spilled.insert(id);
                groups.extend(hits.iter().map(|&(g, _)| g));
                continue;
            }
            held += rows_of_hits;
            let entry = open.entry(id).or_default();
            for &(g, m) in hits {
                entry.push(Candidate {
                    key: k,
                    affiliation: blk.affiliation(g, m).map(str::to_string),
                    articles: blk.articles(g).to_vec(),
                });
            }
        }
        for g in groups {
            for article in blk.articles(g) {
                add.execute([article])
                    .ctx(path, || format!("adding article row {article}"))?;
            }
        }
    }
    let mut ranks: HashMap<i64, Option<Rank>> = HashMap::new();
    let mut cases: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for ((row, text), candidates) in open {
        let mut keep = vec![true; candidates.len()];
        let first = if spilled.contains(&(row, text.clone())) {
            None
        } else {
            first_join(conn, path, &mut ranks, row, &candidates, &decided)?
        };
        if let Some((first, outlet)) = first {
            // Another person of the seed's article who may join the first
            // candidate's case may be in its person first: then the seed's
            // join is refused and it goes on to the next namesake.
            let others: Vec<&BTreeSet<i64>> = named
                .get(&row)
                .into_iter()
                .flat_map(|n| n.names.iter().filter(|n| **n != text))
                .filter_map(|n| reach.get(&(row, n.clone())))
                .collect();
            let blocked = unreached.contains(&row)
                || !others.is_empty() && {
                    let case = match cases.entry(first) {
                        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::hash_map::Entry::Vacant(e) => e.insert(case_rows(conn, path, first)?),
                    };
                    others.iter().any(|o| o.iter().any(|a| case.contains(a)))
                };
            if !blocked {
                keep = candidates
                    .iter()
                    .map(|c| c.affiliation.as_deref().is_none_or(|a| affiliations_agree(a, &outlet)))
                    .collect();
            }
        }
        for (c, _) in candidates.iter().zip(keep).filter(|(_, k)| *k) {
            for article in &c.articles {
                add.execute([article])
                    .ctx(path, || format!("adding article row {article}"))?;
            }
        }
    }
    Ok(())
}

/// Whether the first join of a mention of seed article `row` may be looked
/// for (see the module docs): its article id is named by no reviewer
/// decision (`decided`) and by no other stored article. Memoised in `memo`.
fn seed_prunable(
    conn: &Connection,
    path: &Path,
    memo: &mut HashMap<i64, bool>,
    row: i64,
    decided: &BTreeSet<String>,
) -> Result<bool> {
    if let Some(&p) = memo.get(&row) {
        return Ok(p);
    }
    let id: Option<String> = conn
        .prepare_cached("SELECT article_id FROM articles INDEXED BY articles_rank WHERE id = ?1")
        .and_then(|mut st| st.query_row([row], |r| r.get(0)).optional())
        .ctx(path, || format!("reading the id of article row {row}"))?;
    let p = match id {
        Some(id) if !decided.contains(&id) => {
            let others: i64 = conn
                .prepare_cached("SELECT count(*) FROM articles WHERE article_id = ?1 AND id <> ?2")
                .and_then(|mut st| st.query_row(rusqlite::params![id, row], |r| r.get(0)))
                .ctx(path, || format!("counting the rows of article {id}"))?;
            others == 0
        }
        _ => false,
    };
    memo.insert(row, p);
    Ok(p)
}

/// The first of `candidates` (the mentions that may join one seed mention
/// naming no outlet, of article row `seed`) that the seed meets: the
/// earliest-ranked of its first key with any, not of its own article, as
/// (article row, the outlet it names). `None` (nothing can be left out)
/// when it names no outlet, when the candidates' outlets all agree, when
/// that first article gives several candidates, or when a reviewer decision
/// names it (`decided`: a moved article takes no part in linking). Ranks
/// are read once into `ranks`.
fn first_join(
    conn: &Connection,
    path: &Path,
    ranks: &mut HashMap<i64, Option<Rank>>,
    seed: i64,
    candidates: &[Candidate],
    decided: &BTreeSet<String>,
) -> Result<Option<(i64, String)>> {
    // (when every two outlets agree, the first one's agrees with all and
    // nothing is left out; checked over the distinct outlets, and only for
    // a few of them: it saves the rank look-ups, it decides nothing)
    let outlets: BTreeSet<&str> = candidates.iter().filter_map(|c| c.affiliation.as_deref()).collect();
    if outlets.len() <= 16 && outlets.iter().all(|a| outlets.iter().all(|b| affiliations_agree(a, b))) {
        return Ok(None);
    }
    let Some(first_key) = candidates
        .iter()
        .filter(|c| c.articles.iter().any(|&a| a != seed))
        .map(|c| c.key)
        .min()
    else {
        return Ok(None);
    };
    // The earliest-ranked article of that key, and its candidates.
    let mut first: Option<(Rank, i64)> = None;
    for c in candidates.iter().filter(|c| c.key == first_key) {
        for &a in c.articles.iter().filter(|&&a| a != seed) {
            let Some(rank) = rank_of(conn, path, ranks, a)? else {
                return Ok(None);
            };
            if first.as_ref().is_none_or(|f| (&rank, a) < (&f.0, f.1)) {
                first = Some((rank, a));
            }
        }
    }
    let Some((first_rank, first_row)) = first else {
        return Ok(None);
    };
    if decided.contains(&first_rank.2) {
        return Ok(None);
    }
    let mut met = candidates
        .iter()
        .filter(|c| c.key == first_key && c.articles.contains(&first_row));
    let (Some(met_first), None) = (met.next(), met.next()) else {
        return Ok(None);
    };
    Ok(met_first.affiliation.clone().map(|outlet| (first_row, outlet)))
}

/// The article rows of the case that holds article row `row` as stored
/// (only `row` when it is in none).
///
/// Errors: [`crate::StoreError`] when the query fails.
fn case_rows(conn: &Connection, path: &Path, row: i64) -> Result<BTreeSet<i64>> {
    let mut rows: BTreeSet<i64> = conn
        .prepare_cached(
            "SELECT a2.id FROM articles a1 CROSS JOIN case_articles c1 ON c1.article_id = a1.article_id
                  CROSS JOIN case_articles c2 ON c2.case_id = c1.case_id
                  CROSS JOIN articles a2 ON a2.article_id = c2.article_id
             WHERE a1.id = ?1",
        )
        .and_then(|mut st| {
            st.query_map([row], |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<BTreeSet<i64>>>())
        })
        .ctx(path, || format!("reading the case of article row {row}"))?;
    rows.insert(row);
    Ok(rows)
}

/// The rank of article row `row` (see [`Rank`]), read once into `ranks`;
/// `None` when the row is gone or its date does not parse (the caller then
/// leaves nothing out).
fn rank_of(conn: &Connection, path: &Path, ranks: &mut HashMap<i64, Option<Rank>>, row: i64) -> Result<Option<Rank>> {
    if let Some(r) = ranks.get(&row) {
        return Ok(r.clone());
    }
    let found: Option<(Option<String>, String)> = conn
        // (the covering index of migration 14: a row of the table holds the body)
        .prepare_cached("SELECT published, article_id FROM articles INDEXED BY articles_rank WHERE id = ?1")
        .and_then(|mut st| st.query_row([row], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ctx(path, || format!("reading the rank of article row {row}"))?;
    let rank = found.and_then(|(published, id)| match published {
        None => Some((true, None, id)),
        Some(p) => NaiveDate::parse_from_str(&p, "%Y-%m-%d")
            .ok()
            .map(|d| (false, Some(d), id)),
    });
    ranks.insert(row, rank.clone());
    Ok(rank)
}

#[cfg(test)]
mod tests {
    use super::TEST_MAX_HELD_ROWS;
    use crate::Store;
    use crate::test_reports::{add, case_articles, detention};
    use casewatch_model::ExtractRecord;

    /// A report on journalist Ivo Marten of `outlet`, detained on `day`.
    fn report(id: &str, published: &str, outlet: Option<&str>, day: &str) -> (ExtractRecord, String) {
        detention(id, published, "Ivo Marten", outlet, day)
    }

    #[test]
    fn past_the_bound_every_namesake_is_reconciled_as_before_the_rule() {
        let stored = [
            report("q1", "2024-03-02", Some("Quay Post"), "2024-03-01"),
            report("h1", "2024-04-02", Some("Harbor Light"), "2024-04-01"),
            report("h2", "2024-04-20", Some("Harbor Light"), "2024-04-19"),
        ];
        let new = report("n1", "2024-05-02", None, "2024-05-01");
        let mut files = Vec::new();
        for bound in [None, Some(1)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut store = Store::open(&dir.path().join("b.db")).expect("open");
            add(&mut store, &stored);
            TEST_MAX_HELD_ROWS.with(|c| c.set(bound));
            let reconciled = add(&mut store, std::slice::from_ref(&new));
            TEST_MAX_HELD_ROWS.with(|c| c.set(None));
            // Within the bound: n1 and q1; past it: every namesake.
            assert_eq!(reconciled, if bound.is_none() { 2 } else { 4 });
            files.push(case_articles(&store));
        }
        assert_eq!(files[0], files[1]);
        assert!(
            files[0].contains(&vec!["n1".to_string(), "q1".to_string()]),
            "{:?}",
            files[0]
        );
    }
}
