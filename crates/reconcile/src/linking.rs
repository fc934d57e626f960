//! Case clustering: which articles report the same prosecution (union-find over articles).

use crate::Settings;
use crate::articles::{Article, Subj};
use crate::names::fold;
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
/// Articles with neither people nor events form no case and are left out.
/// Groups are sorted, ordered by their first article.
pub(crate) fn link(arts: &[Article], settings: &Settings) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(arts.len());
    let mentions: Vec<Mention> = arts
        .iter()
        .enumerate()
        .flat_map(|(art, a)| a.subject_people.iter().map(move |&person| Mention { art, person }))
        .collect();
    for group in people::cluster(arts, &mentions, Mode::Link, settings) {
        for pair in group.windows(2) {
            uf.union(mentions[pair[0]].art, mentions[pair[1]].art);
        }
    }
    if settings.link_by_outlet_and_charge {
        let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (i, a) in arts.iter().enumerate() {
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
    uf.groups()
        .into_iter()
        .filter(|g| g.iter().any(|&i| !arts[i].is_empty()))
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
