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
//! - the seed's article names anyone else (two people of one article are
//!   never one person: another of its mentions may have joined the first
//!   candidate's person before, however unlike the names);
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
use rusqlite::{Connection, OptionalExtension as _};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A stored mention that may join a seed mention naming no outlet: the
/// position of its key among the seeds' keys (key order), the outlet it
/// names (folded) and the article rows that give it.
struct Candidate {
    key: usize,
    affiliation: Option<String>,
    articles: Vec<i64>,
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
    // Per key: the seed mentions and the article row of each. Per seed
    // article: the names of its mentions, and whether a key gave several.
    let mut wanted: BTreeMap<String, (Vec<PreparedMention>, Vec<i64>)> = BTreeMap::new();
    let mut named: HashMap<i64, (BTreeSet<String>, bool)> = HashMap::new();
    for (key, row, mentions, ctx) in seed_keys {
        let ctx = context(&ctx)?;
        let e = wanted.entry(key).or_default();
        let mentions = parse(&mentions)?;
        let n = named.entry(row).or_default();
        n.1 |= mentions.len() > 1;
        for m in mentions {
            n.0.insert(m.name.clone());
            e.0.push(m.prepare(&ctx));
            e.1.push(row);
        }
    }
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
        let blk = rebuild_cache::link_block(conn, path, cache, key)?;
        let found = blk.joinable(conn, path, key, seeds, settings)?;
        let mut groups: BTreeSet<usize> = BTreeSet::new();
        for ((seed, &row), hits) in seeds.iter().zip(rows).zip(&found) {
            // The only person its article names (of those linking sees).
            let alone = named
                .get(&row)
                .is_some_and(|(names, several)| names.len() == 1 && !several);
            if seed.affiliation().is_some()
                || !alone
                || variants.contains(seed.folded_name())
                || !seed_prunable(conn, path, &mut prunable, row, &decided)?
            {
                groups.extend(hits.iter().map(|&(g, _)| g));
                continue;
            }
            let entry = open.entry((row, seed.text().to_string())).or_default();
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
    for ((row, _), candidates) in open {
        let keep = joinable_namesakes(conn, path, &mut ranks, row, &candidates, &decided)?;
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
        .prepare_cached("SELECT article_id FROM articles WHERE id = ?1")
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

/// Which of `candidates` (the mentions that may join one seed mention
/// naming no outlet, of article row `seed`) the seed can still join: all of
/// them, unless the first it meets (the earliest-ranked of its first key
/// with any, not of its own article) names an outlet; then those that name
/// none or an outlet agreeing with it. Also all of them when the
/// candidates' outlets all agree (nothing to leave out), when that first
/// article gives several candidates, or when a reviewer decision names it
/// (`decided`: a moved article takes no part in linking). Ranks are read
/// once into `ranks`.
fn joinable_namesakes(
    conn: &Connection,
    path: &Path,
    ranks: &mut HashMap<i64, Option<Rank>>,
    seed: i64,
    candidates: &[Candidate],
    decided: &BTreeSet<String>,
) -> Result<Vec<bool>> {
    let all = vec![true; candidates.len()];
    let outlets: Vec<&str> = candidates.iter().filter_map(|c| c.affiliation.as_deref()).collect();
    if outlets.iter().all(|a| outlets.iter().all(|b| affiliations_agree(a, b))) {
        return Ok(all);
    }
    let Some(first_key) = candidates
        .iter()
        .filter(|c| c.articles.iter().any(|&a| a != seed))
        .map(|c| c.key)
        .min()
    else {
        return Ok(all);
    };
    // The earliest-ranked article of that key, and its candidates.
    let mut first: Option<(Rank, i64)> = None;
    for c in candidates.iter().filter(|c| c.key == first_key) {
        for &a in c.articles.iter().filter(|&&a| a != seed) {
            let Some(rank) = rank_of(conn, path, ranks, a)? else {
                return Ok(all);
            };
            if first.as_ref().is_none_or(|f| (&rank, a) < (&f.0, f.1)) {
                first = Some((rank, a));
            }
        }
    }
    let Some((first_rank, first_row)) = first else {
        return Ok(all);
    };
    if decided.contains(&first_rank.2) {
        return Ok(all);
    }
    let mut met = candidates
        .iter()
        .filter(|c| c.key == first_key && c.articles.contains(&first_row));
    let (Some(met_first), None) = (met.next(), met.next()) else {
        return Ok(all);
    };
    let Some(outlet) = met_first.affiliation.as_deref() else {
        return Ok(all);
    };
    Ok(candidates
        .iter()
        .map(|c| c.affiliation.as_deref().is_none_or(|a| affiliations_agree(a, outlet)))
        .collect())
}

/// The rank of article row `row` (see [`Rank`]), read once into `ranks`;
/// `None` when the row is gone or its date does not parse (the caller then
/// leaves nothing out).
fn rank_of(conn: &Connection, path: &Path, ranks: &mut HashMap<i64, Option<Rank>>, row: i64) -> Result<Option<Rank>> {
    if let Some(r) = ranks.get(&row) {
        return Ok(r.clone());
    }
    let found: Option<(Option<String>, String)> = conn
        .prepare_cached("SELECT published, article_id FROM articles WHERE id = ?1")
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
