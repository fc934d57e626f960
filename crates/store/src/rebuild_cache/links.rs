//! Link key blocks read by name: the mentions of a block's articles that a rebuild has needed, grouped by their stored text (see [`LinkBlock`]).

use super::RebuildCache;
use crate::Result;
use crate::error::{Context as _, data_error};
use casewatch_reconcile::Settings;
use casewatch_reconcile::identity::ParsedNames;
use foldhash::{HashMap, HashMapExt as _, HashSet};
use rusqlite::{Connection, OptionalExtension as _, params};
use std::collections::BTreeMap;
use std::path::Path;

/// The link mentions of one key block that a rebuild has needed, grouped by
/// their stored text: articles that give the same mentions with the same
/// context (the same spellings, attributes and co-named surnames) link
/// alike, so each distinct text is parsed and compared once.
///
/// A block is read by name (migration 12's `link_names`): first the list
/// of its distinct names, then the rows of a name only when that name
/// matches a new mention's. In a new process the first rebuild used to read
/// every block it touched whole (at 190,000 generated articles, 340,000
/// rows for 1,000 new articles, and 0.9 s of a 2.5 s rebuild). A group's
/// mentions are prepared ([`casewatch_reconcile::LinkMention::prepare`]:
/// names parsed and folded) only when one of their names matches.
///
/// A matching name's rows are first listed with the outlet of its mention
/// and the row's context (migration 15), and only the rows that one of the
/// new mentions may join are read
/// ([`casewatch_reconcile::PreparedMention::may_join_listed`]): the others
/// stay listed until a mention that may join them comes. At 190,000
/// generated articles the first rebuild of 1,000 new ones read 89,000 rows
/// of matching names and joined 3,300; it now reads those 3,300.
#[derive(Debug, Default)]
pub(crate) struct LinkBlock {
    /// Rows of the block in the table when it was last checked.
    count: usize,
    /// Its largest article row then.
    last: Option<i64>,
    /// The article rows read so far (each is read once).
    seen: HashSet<i64>,
    /// (mentions, context) text → index into `groups`.
    index: HashMap<(String, String), usize>,
    /// Per distinct text read: its mentions and the article rows giving it.
    groups: Vec<LinkGroup>,
    /// Name text → index into `names`.
    name_index: HashMap<String, usize>,
    /// Every distinct name of the block's mentions. A block has far fewer
    /// distinct names than mention lists (about 60 against 350 at 190,000
    /// generated articles): each name is compared with a new mention's name
    /// once, and only the mentions of matching names are read, prepared
    /// and scored.
    names: Vec<BlockName>,
    /// Per name text of a new mention: how many of `names` it was compared
    /// with, and those that matched with their base score (names are only
    /// appended, so later rebuilds compare it with the new names alone).
    matched: HashMap<String, (usize, Vec<(usize, f64)>)>,
    /// `Settings::given_name_max_edits` that `matched` was computed with.
    edits: usize,
    /// The distinct outlets of the rows listed (folded, see
    /// [`casewatch_reconcile::fold_attribute`]).
    outlets: Vec<String>,
    /// Outlet as stored → index into `outlets` (`None`: it folds to
    /// nothing).
    outlet_index: HashMap<String, Option<usize>>,
}

/// One distinct name of a [`LinkBlock`].
#[derive(Debug)]
struct BlockName {
    /// The name alone, prepared (what
    /// [`casewatch_reconcile::PreparedMention::name_match`] reads; its
    /// `text()` is the name as stored).
    alone: casewatch_reconcile::PreparedMention,
    /// Whether every row of the block giving this name has been read.
    complete: bool,
    /// The rows giving this name that were listed (migration 15) and left
    /// unread because no seed that matched the name could join them.
    /// `None` until the name's rows are first listed.
    unread: Option<Vec<Listed>>,
    /// The (group, mention) pairs read so far that give this name.
    mentions: Vec<(usize, usize)>,
}

/// A row of a name as `link_names` lists it (migration 15), before its
/// mentions are read.
#[derive(Debug)]
struct Listed {
    /// Its article row.
    article: i64,
    /// The outlet its mention of the name names (an index into
    /// [`LinkBlock::outlets`]), `None` when it names none.
    outlet: Option<usize>,
    /// Its context as stored (JSON: the folded surnames its article
    /// names); `None` when none is listed (then it is read).
    context: Option<String>,
}

/// Whether a listed row of one outlet may be joined by one of the seeds
/// that matched its name (see [`LinkBlock::joinable`]).
enum Verdict<'s> {
    /// Yes, whatever its article names.
    Read,
    /// No.
    Skip,
    /// Only when its article names another person of one surname with
    /// one of these seeds: the seeds' co-named surnames (see
    /// [`casewatch_reconcile::PreparedMention::co_names`]).
    IfCoNamed(CoNames<'s>),
}

/// The surnames that make a listed row co-named with one of a name's seeds
/// ([`Verdict::IfCoNamed`]), tested against the row's context as stored.
struct CoNames<'s> {
    /// The surnames, each once.
    names: HashSet<&'s str>,
    /// Whether one of them is one that JSON escapes: then every row may
    /// list it (see [`may_list_any`]).
    escaped: bool,
}

/// One distinct (mentions, context) text of a [`LinkBlock`].
#[derive(Debug)]
struct LinkGroup {
    /// The mentions as stored (emptied once prepared).
    mentions: Vec<casewatch_reconcile::LinkMention>,
    /// The folded surnames the article names (emptied once prepared).
    context: Vec<String>,
    /// `mentions` prepared with `context`, once needed.
    prepared: Option<Vec<casewatch_reconcile::PreparedMention>>,
    /// The article rows giving this text (each once, in the order read).
    articles: Vec<i64>,
}

impl LinkGroup {
    /// The group's mentions, prepared (on first use; the raw mentions and
    /// context are dropped then, the prepared ones hold what they said).
    /// `alone` gives a name's [`BlockName::alone`], whose parsed name is
    /// reused.
    fn prepared<'a>(
        &mut self,
        alone: impl Fn(&str) -> Option<&'a casewatch_reconcile::PreparedMention>,
    ) -> &[casewatch_reconcile::PreparedMention] {
        let LinkGroup {
            mentions,
            context,
            prepared,
            ..
        } = self;
        prepared.get_or_insert_with(|| {
            let done = mentions
                .iter()
                .map(|m| match alone(&m.name) {
                    Some(same) => m.prepare_with_name(same, context),
                    None => m.prepare(context),
                })
                .collect();
            *mentions = Vec::new();
            *context = Vec::new();
            done
        })
    }
}

/// A stored row of `link_keys`: article row, mentions and context (JSON).
type LinkRow = (i64, String, String);

impl LinkBlock {
    /// The entry of name `name`, added (as `complete`) when new, its name
    /// parsed through `parsed` (shared with identity assignment).
    fn name_entry(&mut self, name: &str, complete: bool, parsed: &mut ParsedNames) -> usize {
        if let Some(&n) = self.name_index.get(name) {
            return n;
        }
        // (a name's match depends on the name alone)
        let alone = casewatch_reconcile::LinkMention {
            name: name.to_string(),
            occupation: None,
            affiliation: None,
        };
        self.names.push(BlockName {
            alone: alone.prepare_parsed(parsed.name(name), &[]),
            complete,
            unread: None,
            mentions: Vec::new(),
        });
        self.name_index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// Adds the stored rows `found`, skipping articles already read. A
    /// name first seen here is complete: the block's names were listed
    /// when it was read, so a new one has no rows but those read now.
    fn extend(&mut self, path: &Path, found: Vec<LinkRow>, parsed: &mut ParsedNames) -> Result<()> {
        for (article, mentions, ctx) in found {
            if !self.seen.insert(article) {
                continue;
            }
            let key = (mentions, ctx);
            let g = match self.index.get(&key) {
                Some(&g) => g,
                None => {
                    let context: Vec<String> =
                        serde_json::from_str(&key.1).map_err(|e| data_error(path, "link key context", e))?;
                    let ms: Vec<casewatch_reconcile::LinkMention> =
                        serde_json::from_str(&key.0).map_err(|e| data_error(path, "link key mentions", e))?;
                    let g = self.groups.len();
                    for (m, mention) in ms.iter().enumerate() {
                        let n = self.name_entry(&mention.name, true, parsed);
                        self.names[n].mentions.push((g, m));
                    }
                    self.groups.push(LinkGroup {
                        mentions: ms,
                        context,
                        prepared: None,
                        articles: Vec::new(),
                    });
                    self.index.insert(key, g);
                    g
                }
            };
            self.groups[g].articles.push(article);
        }
        Ok(())
    }

    /// Reads the rows of name `n` of block `key` that `wanted` accepts
    /// (given the folded outlet the row's mention of the name names, if any,
    /// and its context as stored, if listed); each row once. The others stay listed in
    /// [`BlockName::unread`] for a later call.
    fn load_name(
        &mut self,
        conn: &Connection,
        path: &Path,
        key: &str,
        n: usize,
        mut wanted: impl FnMut(Option<&str>, Option<&str>) -> bool,
        parsed: &mut ParsedNames,
    ) -> Result<()> {
        let Some(name) = self.names.get_mut(n).filter(|x| !x.complete) else {
            return Ok(());
        };
        let listed = match name.unread.take() {
            Some(rows) => rows,
            None => {
                let rows: Vec<(i64, Option<String>, Option<String>)> = conn
                    .prepare_cached(
                        "SELECT article, affiliation, context FROM link_names WHERE key = ?1 AND name = ?2 ORDER BY article",
                    )
                    .and_then(|mut st| {
                        st.query_map(params![key, name.alone.text()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                            .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
                    })
                    .ctx(path, || format!("listing the articles of a name of key {key}"))?;
                let (outlets, index) = (&mut self.outlets, &mut self.outlet_index);
                rows.into_iter()
                    .map(|(article, raw, context)| {
                        // (a block has a few outlets: each is folded once,
                        // and once a process)
                        let outlet = raw.and_then(|raw| match index.get(&raw) {
                            Some(&o) => o,
                            None => {
                                let o = parsed.attribute(&raw).map(|f| {
                                    outlets.push(f.to_string());
                                    outlets.len() - 1
                                });
                                index.insert(raw, o);
                                o
                            }
                        });
                        Listed {
                            article,
                            outlet,
                            context,
                        }
                    })
                    .collect()
            }
        };
        let outlets = &self.outlets;
        let (read, unread): (Vec<Listed>, Vec<Listed>) = listed
            .into_iter()
            .filter(|x| !self.seen.contains(&x.article))
            .partition(|x| {
                wanted(
                    x.outlet.and_then(|o| outlets.get(o)).map(String::as_str),
                    x.context.as_deref(),
                )
            });
        let mut text = conn
            .prepare_cached("SELECT mentions, context FROM link_keys WHERE key = ?1 AND article = ?2")
            .ctx(path, || "preparing the link key read")?;
        let mut found: Vec<LinkRow> = Vec::with_capacity(read.len());
        for Listed { article, .. } in read {
            let row: Option<(String, String)> = text
                .query_row(params![key, article], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .ctx(path, || {
                    format!("reading the mentions of key {key} in article row {article}")
                })?;
            // (a listed row whose key row is gone has nothing to link: the
            // block is listed afresh once the count shows it)
            if let Some((mentions, context)) = row {
                found.push((article, mentions, context));
            }
        }
        self.extend(path, found, parsed)?;
        if let Some(x) = self.names.get_mut(n) {
            x.complete = unread.is_empty();
            x.unread = Some(unread);
        }
        Ok(())
    }

    /// What the block holds, for [`super::RebuildCache::bound`]: its
    /// distinct names and distinct (mentions, context) texts.
    pub(crate) fn held(&self) -> usize {
        self.names.len() + self.groups.len()
    }

    /// The article rows of group `g` (one of [`LinkBlock::joinable`]'s).
    pub(crate) fn articles(&self, g: usize) -> &[i64] {
        self.groups.get(g).map_or(&[], |x| x.articles.as_slice())
    }

    /// The affiliation of mention `m` of group `g`, folded (see
    /// [`casewatch_reconcile::PreparedMention::affiliation`]); `None` when it
    /// names none or the group was not among [`LinkBlock::joinable`]'s.
    pub(crate) fn affiliation(&self, g: usize, m: usize) -> Option<&str> {
        self.groups
            .get(g)
            .and_then(|x| x.prepared.as_ref())
            .and_then(|p| p.get(m))
            .and_then(|p| p.affiliation())
    }

    /// Per seed of `seeds` (in their order), the mentions of block `key`
    /// that may join it (see
    /// [`casewatch_reconcile::PreparedMention::may_join`]) as (group,
    /// mention within the group) pairs, ascending; reads the rows of the
    /// names that match a seed's. A seed whose `own` is false gets only
    /// the groups no earlier such seed got (its caller adds the union of
    /// their groups), so a group joined by many new reports is compared
    /// with one of them, not with each. Names read are parsed through
    /// `parsed` (see [`link_block`]).
    ///
    /// Errors: [`crate::StoreError`] when reading or decoding a row fails.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn joinable(
        &mut self,
        conn: &Connection,
        path: &Path,
        key: &str,
        seeds: &[casewatch_reconcile::PreparedMention],
        own: &[bool],
        settings: &Settings,
        parsed: &mut ParsedNames,
    ) -> Result<Vec<Vec<(usize, usize)>>> {
        if self.edits != settings.given_name_max_edits {
            self.matched.clear();
            self.edits = settings.given_name_max_edits;
        }
        // Per matching name: the seeds that matched it, with base scores.
        let mut wanted: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
        for (i, a) in seeds.iter().enumerate() {
            let (done, found) = self.matched.entry(a.text().to_string()).or_default();
            for (n, name) in self.names.iter().enumerate().skip(*done) {
                if let Some(base) = a.name_match(&name.alone, settings) {
                    found.push((n, base));
                }
            }
            *done = self.names.len();
            for &(n, base) in found.iter() {
                wanted.entry(n).or_default().push((i, base));
            }
        }
        for (n, by) in wanted {
            // A row none of these seeds may join cannot be one of their
            // hits: per outlet, which seeds may join a row of it, with or
            // without co-naming (an outlet is judged once; a row's context
            // is read only when co-naming decides).
            let judge = |outlet: Option<&str>| {
                let may = |cooccur| {
                    by.iter().filter(move |&&(i, base)| {
                        seeds
                            .get(i)
                            .is_some_and(|a| a.may_join_listed(base, outlet, Some(cooccur), settings))
                    })
                };
                if may(false).next().is_some() {
                    Verdict::Read
                } else {
                    let names: HashSet<&str> = may(true)
                        .filter_map(|&(i, _)| seeds.get(i))
                        .flat_map(casewatch_reconcile::PreparedMention::co_names)
                        .collect();
                    if names.is_empty() {
                        // (a seed co-named with nobody is never co-named)
                        Verdict::Skip
                    } else {
                        let escaped = names.iter().any(|s| needs_escape(s));
                        Verdict::IfCoNamed(CoNames { names, escaped })
                    }
                }
            };
            let mut none: Option<Verdict> = None;
            let mut some: HashMap<String, Verdict> = HashMap::new();
            let mut want = |outlet: Option<&str>, context: Option<&str>| {
                let verdict = match outlet {
                    None => none.get_or_insert_with(|| judge(None)),
                    Some(o) => {
                        if !some.contains_key(o) {
                            some.insert(o.to_string(), judge(Some(o)));
                        }
                        &some[o]
                    }
                };
                match verdict {
                    Verdict::Read => true,
                    Verdict::Skip => false,
                    // (a row read that the seeds do not join costs only
                    // the read: the test may let through more than it must)
                    Verdict::IfCoNamed(co) => {
                        context.is_none_or(|context| co.escaped || may_list_any(context, &co.names))
                    }
                }
            };
            self.load_name(conn, path, key, n, &mut want, parsed)?;
        }
        let LinkBlock {
            groups,
            names,
            name_index,
            matched,
            ..
        } = self;
        let alone = |text: &str| name_index.get(text).and_then(|&n| names.get(n)).map(|x| &x.alone);
        let mut out = Vec::with_capacity(seeds.len());
        // Groups already given to a seed that does not want its own.
        let mut taken = vec![false; groups.len()];
        for (i, a) in seeds.iter().enumerate() {
            let shared = !own.get(i).copied().unwrap_or(true);
            let mut hits: Vec<(usize, usize)> = Vec::new();
            if let Some((_, found)) = matched.get(a.text()) {
                for &(n, base) in found {
                    for &(g, m) in &names[n].mentions {
                        if shared && taken[g] {
                            continue;
                        }
                        if let Some(b) = groups[g].prepared(alone).get(m)
                            && a.may_join_with(b, base, settings)
                        {
                            hits.push((g, m));
                            taken[g] |= shared;
                        }
                    }
                }
            }
            hits.sort_unstable();
            hits.dedup();
            out.push(hits);
        }
        Ok(out)
    }
}

/// Whether JSON serialises string `s` with an escape (a quote, backslash
/// or control character in it): then [`may_list_any`] cannot look for it.
fn needs_escape(s: &str) -> bool {
    s.chars().any(|c| c == '"' || c == '\\' || c.is_control())
}

/// Whether JSON text `json` may hold a string equal to one of `names`
/// (none of which [`needs_escape`]): false only when it cannot. Without a
/// backslash in `json` no string of it has an escape, so its strings are
/// exactly the text between its quotes, taken in pairs; with one, it may
/// hold anything. One pass over the text, without decoding it: most rows
/// tested are ruled out by it (at 190,000 generated articles, 89,000 listed
/// rows in the first rebuild of a process).
fn may_list_any(json: &str, names: &HashSet<&str>) -> bool {
    if json.contains('\\') {
        return true;
    }
    json.split('"').skip(1).step_by(2).any(|s| names.contains(s))
}

/// Link key block `key` from `cache`, brought up to date with the table:
/// rows appended since it was last read are read (the usual case); a block
/// never read, or changed otherwise, is started again from the list of its
/// names (see [`LinkBlock`]). Also gives the cache's parsed names
/// ([`RebuildCache::names`], shared with identity assignment), which names
/// are parsed through, for [`LinkBlock::joinable`].
///
/// Errors: [`crate::StoreError`] when a query fails or a row does not decode.
pub(crate) fn link_block<'c>(
    conn: &Connection,
    path: &Path,
    cache: &'c mut RebuildCache,
    key: &str,
) -> Result<(&'c mut LinkBlock, &'c mut ParsedNames)> {
    // (the count kept by migration 10's triggers: counting the rows read the whole block)
    let (count, max): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT ifnull((SELECT articles FROM link_key_counts WHERE key = ?1), 0),
                    (SELECT MAX(article) FROM link_keys NOT INDEXED WHERE key = ?1)",
        )
        .and_then(|mut st| st.query_row([key], |r| Ok((r.get(0)?, r.get(1)?))))
        .ctx(path, || format!("counting the articles of key {key}"))?;
    let count = usize::try_from(count).unwrap_or(0);
    let RebuildCache {
        links, names: parsed, ..
    } = cache;
    let entry = links.entry(key.to_string()).or_default();
    if entry.count == count && entry.last == max {
        return Ok((entry, parsed));
    }
    if let (Some(l), Some(m)) = (entry.last, max)
        && m > l
        && entry.count < count
    {
        let found: Vec<LinkRow> = conn
            .prepare_cached(
                "SELECT article, mentions, context FROM link_keys WHERE key = ?1 AND article > ?2 ORDER BY article",
            )
            .and_then(|mut st| {
                st.query_map(params![key, l], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(path, || format!("reading the new articles of key {key}"))?;
        let (added, last) = (found.len(), found.last().map(|r| r.0));
        entry.extend(path, found, parsed)?;
        if entry.count + added == count && last == max {
            entry.count = count;
            entry.last = max;
            return Ok((entry, parsed));
        }
    }
    // Never read, or rows deleted: list the block's names afresh.
    *entry = LinkBlock::default();
    let names = super::listed_names(conn, path, "link_block_names", "key", key, "key")?;
    for name in &names {
        entry.name_entry(name, false, parsed);
    }
    entry.count = count;
    entry.last = max;
    Ok((entry, parsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// A store file with articles 1–7 (rows only) and the link key rows
    /// of `rows`: (article, key, mentions as (name, occupation)).
    /// A mention as a test gives it: name and occupation.
    type Mention<'a> = (&'a str, Option<&'a str>);

    /// A row of `link_names`: key, name, article.
    type NameRow = (String, String, i64);

    fn store_with_links(rows: &[(i64, &str, &[Mention<'_>])]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("links.db")).expect("open");
        for i in 1..=7 {
            store
                .conn
                .execute(
                    "INSERT INTO articles (id, article_id, source, language, sha256, body, ingested_at)
                     VALUES (?1, 'a' || ?1, 'test', 'en', 'h' || ?1, '', '2026-01-01T00:00:00Z')",
                    [i],
                )
                .expect("article");
            // (as the store indexes an article: deleting one removes it from the index)
            store
                .conn
                .execute(
                    "INSERT INTO article_fts (rowid, title, body) VALUES (?1, NULL, casewatch_body(''))",
                    [i],
                )
                .expect("indexed");
        }
        for &(article, key, mentions) in rows {
            add_link(&store, article, key, mentions);
        }
        (dir, store)
    }

    /// Stores (or replaces, as the rebuild's upsert does) one link key row.
    fn add_link(store: &Store, article: i64, key: &str, mentions: &[Mention<'_>]) {
        let ms: Vec<casewatch_reconcile::LinkMention> = mentions
            .iter()
            .map(|&(name, occupation)| casewatch_reconcile::LinkMention {
                name: name.into(),
                occupation: occupation.map(Into::into),
                affiliation: None,
            })
            .collect();
        store
            .conn
            .execute(
                "INSERT INTO link_keys (key, article, exhaustive, mentions, context) VALUES (?1, ?2, 0, ?3, '[\"osmonov\"]')
                 ON CONFLICT (key, article) DO UPDATE SET mentions = excluded.mentions",
                params![key, article, serde_json::to_string(&ms).expect("json")],
            )
            .expect("link key");
    }

    /// Stores one link key row whose mentions name outlets:
    /// (name, occupation, affiliation), with context `context`.
    fn add_outlet_link(store: &Store, article: i64, key: &str, mentions: &[Outlet<'_>], context: &[&str]) {
        let ms: Vec<casewatch_reconcile::LinkMention> = mentions
            .iter()
            .map(|&(name, occupation, affiliation)| casewatch_reconcile::LinkMention {
                name: name.into(),
                occupation: occupation.map(Into::into),
                affiliation: affiliation.map(Into::into),
            })
            .collect();
        store
            .conn
            .execute(
                "INSERT INTO link_keys (key, article, exhaustive, mentions, context) VALUES (?1, ?2, 0, ?3, ?4)
                 ON CONFLICT (key, article) DO UPDATE SET mentions = excluded.mentions, context = excluded.context",
                params![
                    key,
                    article,
                    serde_json::to_string(&ms).expect("json"),
                    serde_json::to_string(context).expect("json")
                ],
            )
            .expect("link key");
    }

    /// A mention with an outlet as a test gives it: name, occupation,
    /// affiliation.
    type Outlet<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

    /// The article rows `cache` finds joinable by `seed` (prepared with
    /// `context`) in block `key`, and the rows that comparing the seed with
    /// every stored mention of the block finds.
    fn joined_by(
        cache: &mut RebuildCache,
        store: &Store,
        key: &str,
        seed: Outlet<'_>,
        context: &[&str],
    ) -> (Vec<i64>, Vec<i64>) {
        let context: Vec<String> = context.iter().map(|c| c.to_string()).collect();
        let seed = casewatch_reconcile::LinkMention {
            name: seed.0.into(),
            occupation: seed.1.map(Into::into),
            affiliation: seed.2.map(Into::into),
        }
        .prepare(&context);
        let settings = Settings::default();
        let (blk, parsed) = link_block(&store.conn, &store.path, cache, key).expect("block");
        let groups = blk
            .joinable(
                &store.conn,
                &store.path,
                key,
                std::slice::from_ref(&seed),
                &[true],
                &settings,
                parsed,
            )
            .expect("joinable");
        let mut found: Vec<i64> = groups
            .iter()
            .flatten()
            .flat_map(|&(g, _)| blk.articles(g).to_vec())
            .collect();
        found.sort_unstable();
        found.dedup();
        let rows: Vec<(i64, String, String)> = store
            .conn
            .prepare("SELECT article, mentions, context FROM link_keys WHERE key = ?1 ORDER BY article")
            .and_then(|mut st| {
                st.query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .expect("rows");
        let every: Vec<i64> = rows
            .into_iter()
            .filter(|(_, mentions, ctx)| {
                let ms: Vec<casewatch_reconcile::LinkMention> = serde_json::from_str(mentions).expect("mentions");
                let ctx: Vec<String> = serde_json::from_str(ctx).expect("context");
                ms.iter().any(|m| seed.may_join(&m.prepare(&ctx), &settings))
            })
            .map(|(article, _, _)| article)
            .collect();
        (found, every)
    }

    /// The article rows `cache` finds joinable by a mention named `name`
    /// (occupation `occupation`) in block `key` (see [`joined_by`]).
    fn joined(cache: &mut RebuildCache, store: &Store, key: &str, name: &str, occupation: Option<&str>) -> Vec<i64> {
        joined_by(cache, store, key, (name, occupation, None), &["osmonov"]).0
    }

    /// (key, name, article) of `link_names`, and what the mentions of
    /// `link_keys` say it should hold.
    fn link_names_and_expected(store: &Store) -> (Vec<NameRow>, Vec<NameRow>) {
        let read = |sql: &str| -> Vec<NameRow> {
            let mut st = store.conn.prepare(sql).expect("prepare");
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("query")
                .collect::<rusqlite::Result<Vec<_>>>()
                .expect("rows")
        };
        (
            read("SELECT key, name, article FROM link_names ORDER BY key, name, article"),
            read(
                "SELECT DISTINCT l.key, json_extract(m.value, '$.name') AS name, l.article
                 FROM link_keys l, json_each(l.mentions) m ORDER BY l.key, name, l.article",
            ),
        )
    }

    const KEY: &str = "person:osmonov";
    const KANAT: Mention<'static> = ("Kanat Osmonov", Some("reporter"));
    const DILNOZA: Mention<'static> = ("Dilnoza Osmonova", None);

    #[test]
    fn a_link_block_reads_the_rows_of_matching_names_only_and_follows_the_table() {
        let (_dir, store) = store_with_links(&[
            (1, KEY, &[KANAT]),
            (2, KEY, &[DILNOZA]),
            (3, KEY, &[KANAT]),
            (4, KEY, &[KANAT, DILNOZA]),
            (5, KEY, &[("Aibek Osmonov", None)]),
        ]);
        let mut cache = RebuildCache::default();
        let (blk, _) = link_block(&store.conn, &store.path, &mut cache, KEY).expect("block");
        // A block never read lists its names and reads no row.
        let listed: Vec<(&str, bool)> = blk.names.iter().map(|n| (n.alone.text(), n.complete)).collect();
        assert_eq!(
            listed,
            [
                ("Aibek Osmonov", false),
                ("Dilnoza Osmonova", false),
                ("Kanat Osmonov", false)
            ]
        );
        assert!(blk.seen.is_empty());
        assert_eq!(
            joined(&mut cache, &store, KEY, "Kanat Osmonov", Some("reporter")),
            [1, 3, 4]
        );
        let blk = cache.links.get(KEY).expect("cached");
        let mut seen: Vec<i64> = blk.seen.iter().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, [1, 3, 4], "only Kanat's rows were read");
        // Article 4, read for Kanat, is not given twice for Dilnoza.
        assert_eq!(joined(&mut cache, &store, KEY, "Dilnoza Osmonova", None), [2, 4]);
        // An appended row is read alone; a deleted one makes the block start again.
        add_link(&store, 6, KEY, &[KANAT]);
        assert_eq!(
            joined(&mut cache, &store, KEY, "Kanat Osmonov", Some("reporter")),
            [1, 3, 4, 6]
        );
        store
            .conn
            .execute("DELETE FROM link_keys WHERE article = 1", [])
            .expect("delete");
        assert_eq!(
            joined(&mut cache, &store, KEY, "Kanat Osmonov", Some("reporter")),
            [3, 4, 6]
        );
        // Every answer is what a block read afresh gives.
        for (name, occupation) in [KANAT, DILNOZA, ("Aibek Osmonov", None), ("Kanat Osmonov", None)] {
            assert_eq!(
                joined(&mut cache, &store, KEY, name, occupation),
                joined(&mut RebuildCache::default(), &store, KEY, name, occupation),
                "{name}"
            );
        }
    }

    #[test]
    fn a_link_block_leaves_unread_the_rows_of_outlets_a_mention_cannot_join() {
        let (_dir, store) = store_with_links(&[]);
        let (tundra, steppe) = (Some("Radio Tundra"), Some("Daily Steppe"));
        let kanat = |outlet| ("Kanat Osmonov", Some("reporter"), outlet);
        add_outlet_link(&store, 1, KEY, &[kanat(tundra)], &["osmonov"]);
        add_outlet_link(&store, 2, KEY, &[kanat(steppe)], &["osmonov"]);
        add_outlet_link(&store, 3, KEY, &[("Kanat Osmonov", None, None)], &["osmonov"]);
        // Another outlet, but the article also names a Temirova.
        add_outlet_link(&store, 4, KEY, &[kanat(steppe)], &["osmonov", "temirova"]);
        // An outlet that agrees ("Radio Tundra" is part of it).
        add_outlet_link(&store, 5, KEY, &[kanat(Some("Radio Tundra TV"))], &["osmonov"]);
        // Another outlet and an initial: never joined through another
        // outlet, even co-named.
        add_outlet_link(
            &store,
            6,
            KEY,
            &[("K. Osmonov", Some("reporter"), steppe)],
            &["osmonov", "temirova"],
        );
        let mut cache = RebuildCache::default();
        let (found, every) = joined_by(&mut cache, &store, KEY, kanat(tundra), &["osmonov", "temirova"]);
        assert_eq!(found, [1, 3, 4, 5]);
        assert_eq!(found, every);
        let read = |cache: &RebuildCache| {
            let mut seen: Vec<i64> = cache.links.get(KEY).expect("cached").seen.iter().copied().collect();
            seen.sort_unstable();
            seen
        };
        assert_eq!(
            read(&cache),
            [1, 3, 4, 5],
            "the rows of Daily Steppe alone were left unread"
        );
        // A mention of the other outlet reads them then.
        let (found, every) = joined_by(&mut cache, &store, KEY, kanat(steppe), &["osmonov"]);
        assert_eq!(found, [2, 3, 4, 6]);
        assert_eq!(found, every);
        assert_eq!(read(&cache), [1, 2, 3, 4, 5, 6]);
        // A mention naming no outlet may join every outlet.
        let (found, every) = joined_by(&mut cache, &store, KEY, ("Kanat Osmonov", None, None), &["osmonov"]);
        assert_eq!(found, [1, 2, 3, 4, 5, 6]);
        assert_eq!(found, every);
        for seed in [kanat(tundra), kanat(steppe), ("Kanat Osmonov", None, None)] {
            let fresh = joined_by(
                &mut RebuildCache::default(),
                &store,
                KEY,
                seed,
                &["osmonov", "temirova"],
            );
            assert_eq!(fresh.0, fresh.1, "{seed:?}");
        }
    }

    #[test]
    fn a_row_listed_without_its_context_is_read_when_co_naming_decides() {
        let (_dir, store) = store_with_links(&[]);
        let kanat = |outlet| ("Kanat Osmonov", Some("reporter"), outlet);
        // Another outlet, co-named: joined, and only co-naming says so.
        add_outlet_link(&store, 4, KEY, &[kanat(Some("Daily Steppe"))], &["osmonov", "temirova"]);
        store
            .conn
            .execute("UPDATE link_names SET context = NULL WHERE article = 4", [])
            .expect("damage");
        let seed = kanat(Some("Radio Tundra"));
        let (found, every) = joined_by(
            &mut RebuildCache::default(),
            &store,
            KEY,
            seed,
            &["osmonov", "temirova"],
        );
        assert_eq!(found, [4]);
        assert_eq!(found, every);
    }

    #[test]
    fn a_json_list_is_searched_for_a_string_without_decoding_it() {
        let list = r#"["osmonov","temirova","kara suu"]"#;
        let any = |names: &[&str], json: &str| may_list_any(json, &names.iter().copied().collect());
        assert!(any(&["osmonov"], list));
        assert!(any(&["kara suu"], list));
        assert!(any(&["bekova", "temirova"], list));
        assert!(!any(&["temir"], list), "a part of an element");
        assert!(!any(&["osmonova", ","], list), "a part of the list around its strings");
        assert!(!any(&["osmonov"], "[]"));
        assert!(!any(&[], list));
        // A list with an escape may hold anything; a string JSON escapes is
        // never looked for.
        assert!(any(&["x"], r#"["o\"s","b"]"#));
        assert!(needs_escape("o\"s") && needs_escape("a\u{1}") && !needs_escape("kara suu"));
    }

    #[test]
    fn link_names_follow_every_change_of_link_keys() {
        let (_dir, store) = store_with_links(&[
            (1, KEY, &[KANAT, DILNOZA]),
            (2, KEY, &[KANAT, KANAT]),
            (3, "outlet:Radio Tundra|defamation", &[]),
        ]);
        let (table, expected) = link_names_and_expected(&store);
        assert_eq!(table.len(), 3, "{table:?}");
        assert_eq!(table, expected);
        // An upsert that changes the mentions, a delete, and a cascade from
        // a deleted article.
        add_link(&store, 1, KEY, &[("Aibek Osmonov", None)]);
        add_link(&store, 4, KEY, &[DILNOZA]);
        store
            .conn
            .execute("DELETE FROM link_keys WHERE article = 2", [])
            .expect("delete");
        store
            .conn
            .execute("DELETE FROM articles WHERE id = 4", [])
            .expect("cascade");
        let (table, expected) = link_names_and_expected(&store);
        assert_eq!(table, vec![(KEY.to_string(), "Aibek Osmonov".to_string(), 1)]);
        assert_eq!(table, expected);
        // The list of the block's names follows (migration 14).
        let listed: Vec<(String, String)> = store
            .conn
            .prepare("SELECT key, name FROM link_block_names")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .expect("listed");
        assert_eq!(listed, vec![(KEY.to_string(), "Aibek Osmonov".to_string())]);
        // The outlet and context listed beside each name (migration 15)
        // follow an upsert that changes the context alone.
        add_outlet_link(
            &store,
            1,
            KEY,
            &[("Aibek Osmonov", None, None)],
            &["osmonov", "temirova"],
        );
        add_outlet_link(
            &store,
            5,
            KEY,
            &[("Aibek Osmonov", None, Some("Radio Tundra"))],
            &["osmonov"],
        );
        let beside: Vec<(i64, Option<String>, String)> = store
            .conn
            .prepare("SELECT article, affiliation, context FROM link_names ORDER BY article")
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .expect("listed");
        assert_eq!(
            beside,
            [
                (1, None, r#"["osmonov","temirova"]"#.to_string()),
                (5, Some("Radio Tundra".to_string()), r#"["osmonov"]"#.to_string())
            ]
        );
        // The integrity check compares the two.
        assert_eq!(store.integrity_check().expect("check"), Vec::<String>::new());
        store
            .conn
            .execute(
                "UPDATE link_names SET affiliation = 'Daily Steppe' WHERE article = 5",
                [],
            )
            .expect("damage");
        assert_eq!(
            store.integrity_check().expect("check"),
            ["link_names: 1 rows missing and 1 rows not in link_keys (the triggers of link_keys keep it)"]
        );
        store
            .conn
            .execute_batch(
                "DELETE FROM link_names; INSERT INTO link_names (key, name, article) VALUES ('person:x', 'X', 3);",
            )
            .expect("damage");
        assert_eq!(
            store.integrity_check().expect("check"),
            ["link_names: 2 rows missing and 1 rows not in link_keys (the triggers of link_keys keep it)"]
        );
        store
            .conn
            .execute("INSERT INTO link_block_names VALUES ('person:y', 'Y')", [])
            .expect("damage");
        assert_eq!(
            store.integrity_check().expect("check")[1..],
            ["link_block_names: 0 rows missing and 1 rows not in link_names (the triggers of link_names keep it)"]
        );
    }
}
