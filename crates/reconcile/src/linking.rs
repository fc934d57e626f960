//! Case clustering: which articles report the same prosecution (union-find over articles).

use crate::Settings;
use crate::articles::{Article, Subj};
use crate::names::fold;
use crate::overrides::Resolved;
use crate::people::{self, Mention, Mode};
use crate::unionfind::UnionFind;
use casewatch_model::OrgKind;
use std::collections::{BTreeMap, BTreeSet};

/// Groups articles (by rank) into cases. Two articles are in one case when
///
/// * they share a person who is a subject of some event in both (people
///   clustered with [`Mode::Link`]: the strict name rule, blocked by surname), or
/// * (with `Settings::link_by_outlet_and_charge`) they share an outlet — the
///   affiliation of an event subject, or a media-outlet organisation that is
///   an event subject — and a charge label (both folded).
///
/// Reviewer decisions come first: the articles of a merged person are one
/// case; a moved article takes no part in the rules above (nor in merges)
/// and joins the case of its anchor article instead; split sides never link.
///
/// Articles with neither people nor events form no case and are left out.
/// Groups are sorted, ordered by their first article.
pub(crate) fn link(arts: &[Article], settings: &Settings, resolved: &Resolved) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(arts.len());
    let moved = |art: usize| resolved.moves.contains_key(&art);
    let mentions: Vec<Mention> = arts
        .iter()
        .enumerate()
        .filter(|&(art, _)| !moved(art))
        .flat_map(|(art, a)| a.subject_people.iter().map(move |&person| Mention { art, person }))
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
    if settings.link_by_outlet_and_charge {
        let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (i, a) in arts.iter().enumerate().filter(|&(i, _)| !moved(i)) {
            let charges: BTreeSet<String> = a
                .rec
                .charges
                .iter()
                .map(|c| fold(&c.label))
                .filter(|c| !c.is_empty())
                .collect();
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
        .filter(|g| g.iter().any(|&i| !arts[i].is_empty()))
        .collect()
}

/// The keys by which an article can link to others: one per folded surname
/// block of its event-subject people (`person:<block>`, with the indices of
/// the people of that block it names with a given name) and one per (outlet, charge) pair
/// (`outlet:<outlet>|<charge>`). `exhaustive` marks the person blocks where
/// the article names someone by surname alone: the store-wide surname-only
/// rule looks at every person of the block, so (with that rule on) a partial
/// rebuild that includes this article must include every article of the block.
pub(crate) fn keys(a: &Article) -> Vec<(String, bool, Vec<usize>)> {
    let mut out: BTreeMap<String, (bool, BTreeSet<usize>)> = BTreeMap::new();
    for &p in &a.subject_people {
        let n = &a.names[p];
        if n.folded.is_empty() {
            continue;
        }
        let e = out.entry(format!("person:{}", n.bare_surname())).or_default();
        if n.has_given() {
            e.1.insert(p);
        } else {
            e.0 = true;
        }
    }
    let charges: BTreeSet<String> = a
        .rec
        .charges
        .iter()
        .map(|c| fold(&c.label))
        .filter(|c| !c.is_empty())
        .collect();
    for outlet in outlets(a) {
        for charge in &charges {
            out.entry(format!("outlet:{outlet}|{charge}")).or_default();
        }
    }
    out.into_iter()
        .map(|(k, (exhaustive, people))| (k, exhaustive, people.into_iter().collect()))
        .collect()
}

/// The folded outlets an article's events concern: affiliations of person
/// subjects and media outlets that are subjects themselves.
pub(crate) fn outlets(a: &Article) -> BTreeSet<String> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for s in a.subjects.iter().flatten() {
        match s {
            Subj::Person(p) => names.extend(a.rec.people[*p].affiliation.as_deref()),
            Subj::Org(o) => {
                let org = &a.rec.organizations[*o];
                if org.kind == OrgKind::MediaOutlet {
                    names.insert(&org.name);
                }
            }
            Subj::Group { .. } => {}
        }
    }
    names.into_iter().map(outlet_key).filter(|k| !k.is_empty()).collect()
}

/// An outlet's matching key: folded, without a leading "the".
pub(crate) fn outlet_key(name: &str) -> String {
    let f = fold(name);
    f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
}
