//! Case clustering: which articles report the same prosecution (union-find over articles).

use crate::Settings;
use crate::articles::Article;
use crate::names::fold;
use crate::overrides::Resolved;
use crate::people::{self, Mention, Mode};
use crate::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};

/// Groups articles (by rank) into cases. Only what a prosecution is about
/// links articles: two articles are in one case when
///
/// * they share a **defendant**: a person (passing the person-name rules)
///   who is a subject of a legal event ([`crate::articles::DEFENDANT_TYPES`],
///   not denied) that each article is about (a *central* defendant: named in
///   the headline or in a good share of its legal events, see
///   `articles::central_defendants`) (people clustered with
///   [`Mode::Link`]: the strict name rule and its spelling families, blocked
///   by surname keys), or
/// * they share a **targeted outlet**: a media outlet that is itself the
///   subject of such an event, or of a block or liquidation, in both, or
/// * (only with `Settings::link_by_outlet_and_charge`, off by default) a
///   defendant's outlet and a charge label.
///
/// Nothing else links: people who are only mentioned, quoted, officiating
/// or defending, and outlets that only employ someone, make cases
/// *related* (the store lists them), never one. So two groups of articles
/// whose defendants do not overlap stay two cases unless the outlet itself
/// is prosecuted in both.
///
/// Reviewer decisions come first: the articles of a merged person are one
/// case; a moved article takes no part in the rules above (nor in merges)
/// and joins the case of its anchor article instead; split sides never link.
///
/// A group none of whose articles reports a legal event about a named
/// defendant or a targeted outlet (and none moved there by a reviewer)
/// forms no case: its articles are "articles without a case". Groups are
/// sorted, ordered by their first article.
pub(crate) fn link(arts: &[Article], settings: &Settings, resolved: &Resolved) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(arts.len());
    let moved = |art: usize| resolved.moves.contains_key(&art);
    let mentions: Vec<Mention> = arts
        .iter()
        .enumerate()
        .filter(|&(art, _)| !moved(art))
        .flat_map(|(art, a)| a.central.iter().map(move |&person| Mention { art, person }))
        .collect();
    let constraints = resolved.constraints(&mentions);
    let (groups, _) = people::cluster(arts, &mentions, Mode::Link, settings, &constraints);
    for group in groups {
        for pair in group.windows(2) {
            uf.union(mentions[pair[0]].art, mentions[pair[1]].art);
        }
    }
    for g in &resolved.merges {
        // A moved article follows its move, not the merges it took part in.
        let arts: Vec<usize> = g.iter().map(|m| m.art).filter(|&a| !moved(a)).collect();
        for pair in arts.windows(2) {
            uf.union(pair[0], pair[1]);
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, a) in arts.iter().enumerate().filter(|&(i, _)| !moved(i)) {
        for outlet in targets(a) {
            let first = *seen.entry(outlet).or_insert(i);
            uf.union(first, i);
        }
    }
    if settings.link_by_outlet_and_charge {
        let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (i, a) in arts.iter().enumerate().filter(|&(i, _)| !moved(i)) {
            let charges = charge_keys(a);
            for outlet in outlets(a) {
                for charge in &charges {
                    let first = *seen.entry((outlet.clone(), charge.clone())).or_insert(i);
                    uf.union(first, i);
                }
            }
        }
    }
    for (&art, &anchor) in &resolved.moves {
        if let Some(anchor) = anchor {
            uf.union(art, anchor);
        }
    }
    uf.groups()
        .into_iter()
        .filter(|g| g.iter().any(|&i| arts[i].has_case_basis() || moved(i)))
        .collect()
}

/// The keys by which an article can link to others: one per surname key
/// ([`crate::names::Name::keys`]) of its central defendants (`person:<key>`, with
/// the indices of the defendants of that key it names with a given name),
/// one per targeted outlet (`target:<outlet>`) and, when
/// `Settings::link_by_outlet_and_charge` is on, one per (defendant's
/// outlet, charge) pair (`outlet:<outlet>|<charge>`). `exhaustive` marks the person blocks where
/// the article names someone by surname alone: the store-wide surname-only
/// rule looks at every person of the block, so (with that rule on) a partial
/// rebuild that includes this article must include every article of the block.
pub(crate) fn keys(a: &Article, settings: &Settings) -> Vec<(String, bool, Vec<usize>)> {
    let mut out: BTreeMap<String, (bool, BTreeSet<usize>)> = BTreeMap::new();
    for &p in &a.central {
        let n = &a.names[p];
        if n.folded.is_empty() {
            continue;
        }
        for key in n.keys() {
            let e = out.entry(format!("person:{key}")).or_default();
            if n.has_given() {
                e.1.insert(p);
            } else {
                e.0 = true;
            }
        }
    }
    for outlet in targets(a) {
        out.entry(format!("target:{outlet}")).or_default();
    }
    if settings.link_by_outlet_and_charge {
        let charges = charge_keys(a);
        for outlet in outlets(a) {
            for charge in &charges {
                out.entry(format!("outlet:{outlet}|{charge}")).or_default();
            }
        }
    }
    out.into_iter()
        .map(|(k, (exhaustive, people))| (k, exhaustive, people.into_iter().collect()))
        .collect()
}

/// The folded labels of an article's charges (the empty ones left out).
fn charge_keys(a: &Article) -> BTreeSet<String> {
    a.rec
        .charges
        .iter()
        .map(|c| fold(&c.label))
        .filter(|c| !c.is_empty())
        .collect()
}

/// The folded outlets an article's events concern: affiliations of its
/// defendants and its targeted outlets.
pub(crate) fn outlets(a: &Article) -> BTreeSet<String> {
    let mut out = targets(a);
    out.extend(
        a.defendants
            .iter()
            .filter_map(|&p| a.rec.people[p].affiliation.as_deref())
            .map(outlet_key)
            .filter(|k| !k.is_empty()),
    );
    out
}

/// The folded keys of the article's targeted outlets (see [`Article::targets`]).
pub(crate) fn targets(a: &Article) -> BTreeSet<String> {
    a.targets
        .iter()
        .map(|&o| outlet_key(&a.rec.organizations[o].name))
        .filter(|k| !k.is_empty())
        .collect()
}

/// An outlet's matching key: folded ([`crate::names::fold`]), without a leading "the".
pub fn outlet_key(name: &str) -> String {
    let f = fold(name);
    f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
}
