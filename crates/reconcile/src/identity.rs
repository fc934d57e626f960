//! Stable ids: giving rebuilt cases, people, organisations and timeline entries the ids they had before.
//!
//! [`crate::reconcile`] numbers everything provisionally (`c1`, `P1`, `E1`
//! … in output order). [`assign_ids`] replaces those numbers with stable
//! ones, by the keys that do not change when articles are added:
//!
//! * a **case** keeps the id most of its articles had (`case_of_article`);
//! * a **person** keeps the id most of its mentions (article id, record-local
//!   person id) had; failing that, a person of another case with the same
//!   name and agreeing attributes lends its id (a person can appear in
//!   several cases: the same `P…` then appears in each);
//! * an **organisation** keeps the id most of its mentions had; failing that,
//!   the id of any organisation with the same identity key (folded name, or
//!   court name without its seat), so an agency keeps one id store-wide;
//! * a **timeline entry** keeps the id most of its assertions had; an
//!   assertion is one (article id, evidence start byte, event type,
//!   record-local subject) of a report merged into the entry.
//!
//! Votes are counted; the largest vote wins, then the earlier item in output
//! order, then the smaller old id, and each old id goes to one winner only
//! (per case for people and organisations, store-wide for cases and
//! entries). Losers that had votes are reported as [`Absorbed`] (an old id
//! whose items now live under another id: a merge). Anything left gets the
//! next number of its kind from [`Counters`]; numbers are never reused.
//!
//! The rule makes ids stable under re-ingest (same keys, same ids), under
//! new articles joining an entry or a case (the old keys still vote), and
//! under splits (the larger part keeps the id).

use crate::names::Name;
use crate::overrides::MentionRef;
use crate::{Reconciled, Settings};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A person of a case that is not being rebuilt: a candidate to share its id
/// with a person of a rebuilt case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownPerson {
    /// The person's id (`P12`).
    pub id: String,
    /// The case it belongs to.
    pub case: String,
    /// Canonical name.
    pub name: String,
    /// Occupation, when known.
    pub occupation: Option<String>,
    /// Affiliation, when known.
    pub affiliation: Option<String>,
}

/// The ids given before to the keys of the records being rebuilt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreviousIds {
    /// Article id → the case it was in.
    pub case_of_article: BTreeMap<String, String>,
    /// Person mention → the person id it had.
    pub person_of_mention: BTreeMap<MentionRef, String>,
    /// Organisation mention (the `person` field holds the local organisation id) → org id.
    pub org_of_mention: BTreeMap<MentionRef, String>,
    /// Assertion key (see [`crate::CaseProvenance::events`]) → entry id.
    pub entry_of_assertion: BTreeMap<String, String>,
    /// Organisation identity key → org id, store-wide.
    pub org_of_key: BTreeMap<String, String>,
    /// People of the cases that are not rebuilt, sharing a blocking key
    /// ([`crate::names::block_key`]) with a rebuilt person (for
    /// [`assign_ids`]; [`assign_ids_with`] looks them up itself).
    pub known_people: Vec<KnownPerson>,
    /// Mentions a reviewer's merge tied to a person id: a person holding
    /// one takes that id, in whichever case it is.
    pub person_pins: BTreeMap<MentionRef, String>,
}

/// The last number given out per kind (`c7` → 7). [`assign_ids`] advances them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Last case number.
    pub case: u64,
    /// Last person number.
    pub person: u64,
    /// Last organisation number.
    pub org: u64,
    /// Last timeline-entry number.
    pub event: u64,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// A case (`c…`).
    Case,
    /// A person (`P…`).
    Person,
    /// An organisation (`O…`).
    Org,
    /// A timeline entry (`E…`).
    Event,
}

/// An old id whose items now live under another id (they were merged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absorbed {
    /// Kind of both ids.
    pub kind: IdKind,
    /// The id that no longer exists.
    pub old: String,
    /// The id that holds most of what it named.
    pub new: String,
}

/// The number of an id (`"E40"` → 40); 0 when it has none.
pub fn id_number(id: &str) -> u64 {
    let digits: String = id.chars().skip_while(|c| !c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(0)
}

/// Votes of old ids for new items: `votes[item]` maps old id → count.
type Votes = Vec<BTreeMap<String, usize>>;

/// Greedy assignment: the largest vote first (then earlier item, then
/// smaller old id); each old id and each item used once, ids in `used`
/// never. Returns the chosen old id per item and the absorbed old ids (old →
/// item that had most of its votes).
fn greedy(votes: &Votes) -> (Vec<Option<String>>, Vec<(String, usize)>) {
    greedy_with(votes, BTreeSet::new())
}

fn greedy_with(votes: &Votes, mut used: BTreeSet<String>) -> (Vec<Option<String>>, Vec<(String, usize)>) {
    let reserved = used.clone();
    let mut cands: Vec<(usize, usize, u64, String)> = Vec::new();
    for (item, v) in votes.iter().enumerate() {
        for (old, &n) in v {
            cands.push((n, item, id_number(old), old.clone()));
        }
    }
    cands.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut chosen: Vec<Option<String>> = vec![None; votes.len()];
    let mut best_item: BTreeMap<String, usize> = BTreeMap::new();
    for (_, item, _, old) in &cands {
        best_item.entry(old.clone()).or_insert(*item);
        if chosen[*item].is_none() && !used.contains(old) {
            chosen[*item] = Some(old.clone());
            used.insert(old.clone());
        }
    }
    let absorbed = best_item
        .into_iter()
        .filter(|(old, _)| !used.contains(old) && !reserved.contains(old))
        .collect();
    (chosen, absorbed)
}

fn vote<'a, K: Ord + 'a>(keys: impl IntoIterator<Item = &'a K>, map: &BTreeMap<K, String>) -> BTreeMap<String, usize> {
    let mut v = BTreeMap::new();
    for k in keys {
        if let Some(old) = map.get(k) {
            *v.entry(old.clone()).or_insert(0) += 1;
        }
    }
    v
}

/// Whether a person of a rebuilt case is the person `other` of another case:
/// both named with a given name (not an initial), the names match by
/// [`Name::matches`], and the score — 1.0 for the same folded name, else
/// 0.9, plus `Settings::attribute_agree_bonus` per agreeing and minus the
/// disagreement penalties per disagreeing occupation/affiliation — reaches
/// `Settings::cross_case_person_min_score`.
pub fn same_person_across_cases(
    name: &str,
    occupation: Option<&str>,
    affiliation: Option<&str>,
    other: &KnownPerson,
    settings: &Settings,
) -> bool {
    same_parsed(
        &Name::parse(name),
        occupation,
        affiliation,
        &Name::parse(&other.name),
        other,
        settings,
    )
}

/// [`same_person_across_cases`] on parsed names.
fn same_parsed(
    a: &Name,
    occupation: Option<&str>,
    affiliation: Option<&str>,
    b: &Name,
    other: &KnownPerson,
    settings: &Settings,
) -> bool {
    let full = |n: &Name| n.has_given() && n.given.iter().all(|g| g.chars().count() > 1);
    if !full(a) || !full(b) || !a.matches(b, settings.given_name_max_edits) {
        return false;
    }
    let mut score = if a.folded == b.folded { 1.0 } else { 0.9 };
    let fold = |v: Option<&str>| v.map(crate::names::fold).filter(|f| !f.is_empty());
    let pairs = [
        (
            fold(occupation),
            fold(other.occupation.as_deref()),
            settings.occupation_disagree_penalty,
        ),
        (
            fold(affiliation),
            fold(other.affiliation.as_deref()),
            settings.affiliation_disagree_penalty,
        ),
    ];
    for (x, y, penalty) in pairs {
        if let (Some(x), Some(y)) = (x, y) {
            if x == y || x.contains(&y) || y.contains(&x) {
                score += settings.attribute_agree_bonus;
            } else {
                score -= penalty;
            }
        }
    }
    score + 1e-9 >= settings.cross_case_person_min_score
}

/// Candidates for sharing a person id across cases, blocked by folded
/// surname (only people of one block are ever compared), names parsed once.
#[derive(Default)]
struct Candidates {
    by_block: BTreeMap<String, Vec<(Name, KnownPerson)>>,
    /// Blocks whose people of other cases were looked up.
    loaded: BTreeSet<String>,
}

impl Candidates {
    /// Adds the people of other cases in `block`, once per block.
    fn load(&mut self, block: &str, known: &mut dyn FnMut(&str) -> Vec<KnownPerson>) {
        if self.loaded.insert(block.to_string()) {
            for k in known(block) {
                self.add(k);
            }
        }
    }

    fn add(&mut self, k: KnownPerson) {
        let name = Name::parse(&k.name);
        self.by_block
            .entry(name.bare_surname().to_string())
            .or_default()
            .push((name, k));
    }

    /// The first candidate of another case than `case`, not in `taken`,
    /// that is the same person.
    fn find(
        &self,
        name: &Name,
        person: &casewatch_model::CasePerson,
        case: &str,
        taken: &BTreeSet<String>,
        settings: &Settings,
    ) -> Option<String> {
        self.by_block.get(name.bare_surname())?.iter().find_map(|(n, k)| {
            (k.case != case
                && !taken.contains(&k.id)
                && same_parsed(
                    name,
                    person.occupation.as_deref(),
                    person.affiliation.as_deref(),
                    n,
                    k,
                    settings,
                ))
            .then(|| k.id.clone())
        })
    }
}

/// Replaces the provisional ids of `rec` with stable ones (see the module
/// docs), advancing `counters` for new ones. Returns the absorbed old ids.
/// The people of other cases are `prev.known_people`.
pub fn assign_ids(
    rec: &mut Reconciled,
    prev: &PreviousIds,
    counters: &mut Counters,
    settings: &Settings,
) -> Vec<Absorbed> {
    let known = prev.known_people.clone();
    assign_ids_with(rec, prev, counters, settings, &mut |block: &str| {
        known
            .iter()
            .filter(|k| crate::names::block_key(&k.name) == block)
            .cloned()
            .collect()
    })
}

/// [`assign_ids`], looking up the people of other cases (those not being
/// rebuilt) only for the surname blocks (`names::block_key`) of people who
/// need them: `known(block)` returns them. `prev.known_people` is ignored.
pub fn assign_ids_with(
    rec: &mut Reconciled,
    prev: &PreviousIds,
    counters: &mut Counters,
    settings: &Settings,
    known_people: &mut dyn FnMut(&str) -> Vec<KnownPerson>,
) -> Vec<Absorbed> {
    let mut absorbed = Vec::new();

    // Cases.
    let case_votes: Votes = rec
        .file
        .cases
        .iter()
        .map(|c| vote(&c.articles, &prev.case_of_article))
        .collect();
    let (chosen, lost) = greedy(&case_votes);
    let mut case_ids: Vec<String> = Vec::with_capacity(chosen.len());
    for c in chosen {
        case_ids.push(c.unwrap_or_else(|| {
            counters.case += 1;
            format!("c{}", counters.case)
        }));
    }
    absorbed.extend(lost.into_iter().map(|(old, item)| Absorbed {
        kind: IdKind::Case,
        old,
        new: case_ids[item].clone(),
    }));

    // Entries: store-wide.
    let mut entry_votes: Votes = Vec::new();
    let mut entry_at: Vec<(usize, usize)> = Vec::new();
    for (ci, p) in rec.provenance.iter().enumerate() {
        for (ei, keys) in p.events.iter().enumerate() {
            entry_votes.push(vote(keys, &prev.entry_of_assertion));
            entry_at.push((ci, ei));
        }
    }
    let (chosen, lost) = greedy(&entry_votes);
    let mut entry_ids: Vec<Vec<String>> = rec
        .file
        .cases
        .iter()
        .map(|c| vec![String::new(); c.events.len()])
        .collect();
    for (k, c) in chosen.into_iter().enumerate() {
        let (ci, ei) = entry_at[k];
        entry_ids[ci][ei] = c.unwrap_or_else(|| {
            counters.event += 1;
            format!("E{}", counters.event)
        });
    }
    absorbed.extend(lost.into_iter().map(|(old, item)| {
        let (ci, ei) = entry_at[item];
        Absorbed {
            kind: IdKind::Event,
            old,
            new: entry_ids[ci][ei].clone(),
        }
    }));

    // People: reviewer pins first, then a store-wide vote, then the same
    // person in another case, then a new id.
    let mut person_items: Vec<(usize, usize)> = Vec::new();
    let mut pinned: Vec<Option<String>> = Vec::new();
    let mut person_votes: Votes = Vec::new();
    for (ci, p) in rec.provenance.iter().enumerate() {
        for (pi, ms) in p.people.iter().enumerate() {
            person_items.push((ci, pi));
            let pin = ms
                .iter()
                .filter_map(|m| prev.person_pins.get(m))
                .min_by_key(|id| (id_number(id), (*id).clone()))
                .cloned();
            person_votes.push(if pin.is_some() {
                BTreeMap::new()
            } else {
                vote(ms, &prev.person_of_mention)
            });
            pinned.push(pin);
        }
    }
    let reserved: BTreeSet<String> = pinned.iter().flatten().cloned().collect();
    let (chosen, lost) = greedy_with(&person_votes, reserved);
    let mut person_ids: Vec<Vec<Option<String>>> = rec.file.cases.iter().map(|c| vec![None; c.people.len()]).collect();
    for (k, (pin, c)) in pinned.into_iter().zip(chosen).enumerate() {
        let (ci, pi) = person_items[k];
        person_ids[ci][pi] = pin.or(c);
    }
    // Everyone with an id so far is a candidate for the others, whatever
    // their order; people given an id below become candidates in turn.
    let known = |ci: usize, pi: usize, id: &str| {
        let person = &rec.file.cases[ci].people[pi];
        KnownPerson {
            id: id.to_string(),
            case: case_ids[ci].clone(),
            name: person.name.clone(),
            occupation: person.occupation.clone(),
            affiliation: person.affiliation.clone(),
        }
    };
    // Candidates: everyone with an id so far (this run first, in order),
    // then, block by block as needed, the people of the cases not rebuilt.
    let mut candidates = Candidates::default();
    for (ci, ids) in person_ids.iter().enumerate() {
        for (pi, id) in ids.iter().enumerate() {
            if let Some(id) = id {
                candidates.add(known(ci, pi, id));
            }
        }
    }
    let mut final_people: Vec<Vec<String>> = Vec::new();
    for (ci, case) in rec.file.cases.iter().enumerate() {
        let ids = &mut person_ids[ci];
        // The ids this case holds so far, kept up to date as people get one
        // (not collected again per person: a case may have thousands).
        let mut taken: BTreeSet<String> = ids.iter().flatten().cloned().collect();
        for (i, person) in case.people.iter().enumerate() {
            if ids[i].is_some() {
                continue;
            }
            let name = Name::parse(&person.name);
            candidates.load(name.bare_surname(), known_people);
            let found = candidates.find(&name, person, &case_ids[ci], &taken, settings);
            let id = found.unwrap_or_else(|| {
                counters.person += 1;
                format!("P{}", counters.person)
            });
            candidates.add(known(ci, i, &id));
            taken.insert(id.clone());
            ids[i] = Some(id);
        }
        final_people.push(ids.iter().map(|id| id.clone().unwrap_or_default()).collect());
    }
    absorbed.extend(lost.into_iter().map(|(old, item)| {
        let (ci, pi) = person_items[item];
        Absorbed {
            kind: IdKind::Person,
            old,
            new: final_people[ci][pi].clone(),
        }
    }));
    let person_ids = final_people;

    // Organisations: unique within a case; one id per identity key store-wide.
    let mut org_of_key = prev.org_of_key.clone();
    let mut org_ids: Vec<Vec<String>> = Vec::new();
    for p in &rec.provenance {
        let votes: Votes = p
            .organizations
            .iter()
            .map(|ms| vote(ms, &prev.org_of_mention))
            .collect();
        let (chosen, lost) = greedy(&votes);
        let mut ids: Vec<Option<String>> = chosen;
        let mut held: BTreeSet<String> = ids.iter().flatten().cloned().collect();
        for (i, key) in p.org_keys.iter().enumerate() {
            if ids[i].is_none()
                && let Some(id) = org_of_key.get(key)
                && !held.contains(id)
            {
                held.insert(id.clone());
                ids[i] = Some(id.clone());
            }
        }
        let ids: Vec<String> = ids
            .into_iter()
            .map(|id| {
                id.unwrap_or_else(|| {
                    counters.org += 1;
                    format!("O{}", counters.org)
                })
            })
            .collect();
        for (key, id) in p.org_keys.iter().zip(&ids) {
            if !key.is_empty() {
                org_of_key.entry(key.clone()).or_insert_with(|| id.clone());
            }
        }
        absorbed.extend(lost.into_iter().map(|(old, item)| Absorbed {
            kind: IdKind::Org,
            old,
            new: ids[item].clone(),
        }));
        org_ids.push(ids);
    }

    // Rewrite every reference.
    for (ci, case) in rec.file.cases.iter_mut().enumerate() {
        let pmap: BTreeMap<String, String> = case
            .people
            .iter()
            .map(|p| p.id.clone())
            .zip(person_ids[ci].iter().cloned())
            .collect();
        let omap: BTreeMap<String, String> = case
            .organizations
            .iter()
            .map(|o| o.id.clone())
            .zip(org_ids[ci].iter().cloned())
            .collect();
        let remap = |r: &mut Option<String>| {
            if let Some(id) = r.as_mut()
                && let Some(new) = pmap.get(id.as_str()).or_else(|| omap.get(id.as_str()))
            {
                *id = new.clone();
            }
        };
        case.id = case_ids[ci].clone();
        for p in &mut case.people {
            if let Some(new) = pmap.get(&p.id) {
                p.id = new.clone();
            }
        }
        for o in &mut case.organizations {
            if let Some(new) = omap.get(&o.id) {
                o.id = new.clone();
            }
        }
        for ch in &mut case.charges {
            for s in &mut ch.subjects {
                if let Some(new) = pmap.get(s.as_str()) {
                    *s = new.clone();
                }
            }
        }
        for (ei, e) in case.events.iter_mut().enumerate() {
            e.id = entry_ids[ci][ei].clone();
            for s in &mut e.subjects {
                remap(&mut s.reference);
            }
            if let Some(a) = e.agent.as_mut() {
                remap(&mut a.reference);
            }
        }
    }
    absorbed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_prefers_the_larger_vote_and_reports_losers() {
        let votes: Votes = vec![
            BTreeMap::from([("E1".to_string(), 1), ("E2".to_string(), 3)]),
            BTreeMap::from([("E2".to_string(), 4)]),
            BTreeMap::new(),
        ];
        let (chosen, lost) = greedy(&votes);
        assert_eq!(chosen, vec![Some("E1".to_string()), Some("E2".to_string()), None]);
        assert!(lost.is_empty());
        let votes: Votes = vec![BTreeMap::from([("E1".to_string(), 1), ("E2".to_string(), 3)])];
        let (chosen, lost) = greedy(&votes);
        assert_eq!(chosen, vec![Some("E2".to_string())]);
        assert_eq!(lost, vec![("E1".to_string(), 0)]);
    }

    #[test]
    fn id_numbers() {
        assert_eq!(id_number("E40"), 40);
        assert_eq!(id_number("c7"), 7);
        assert_eq!(id_number("x"), 0);
    }
}
