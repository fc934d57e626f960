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
use foldhash::{HashMap, HashMapExt as _};
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

/// The look-up of people of other cases that [`assign_ids_with`] calls:
/// `(block, query, wanted)` → the people of the cases not being rebuilt
/// whose blocking key ([`crate::names::block_key`]) is `block` and whose
/// name text passes `wanted`, in any order. `query` names the test:
/// `wanted` gives the same answer for a name text in every call with the
/// same `query` (it depends on the name looked up and
/// `Settings::given_name_max_edits` only), so a caller that keeps a
/// block's names between calls may remember which passed and test only the
/// names new to it. `fits(occupation, affiliation)` is a second test, of a
/// person's attributes as stored (not remembered: it depends on the person
/// looked up for): only people who pass it need be returned (returning
/// more is harmless).
pub type KnownPeople<'a> =
    dyn FnMut(&str, &str, &mut dyn FnMut(&str) -> bool, &mut AttributeTest<'_>) -> Vec<KnownPerson> + 'a;

/// The attribute test of [`KnownPeople`]: `(occupation, affiliation)` of a
/// known person, as stored → whether that person may still be the one
/// looked up.
pub type AttributeTest<'a> = dyn FnMut(Option<&str>, Option<&str>) -> bool + 'a;

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
    let fold = |v: Option<&str>| v.map(crate::names::fold).filter(|f| !f.is_empty());
    same_folded(
        a,
        &[fold(occupation), fold(affiliation)],
        b,
        &[fold(other.occupation.as_deref()), fold(other.affiliation.as_deref())],
        settings,
    )
}

/// Whether a name has a given name and no initial (see
/// [`same_person_across_cases`]: only such names share ids across cases).
fn full_name(n: &Name) -> bool {
    n.has_given() && n.given.iter().all(|g| g.chars().count() > 1)
}

/// [`same_parsed`] with the occupation and affiliation of each side folded
/// ([`crate::names::fold`], `None` when empty) once by the caller.
fn same_folded(
    a: &Name,
    a_attrs: &[Option<String>; 2],
    b: &Name,
    b_attrs: &[Option<String>; 2],
    settings: &Settings,
) -> bool {
    if !full_name(a) || !full_name(b) || !a.matches(b, settings.given_name_max_edits) {
        return false;
    }
    let name_score = if a.folded == b.folded { 1.0 } else { 0.9 };
    let [x, y] = b_attrs;
    with_attributes(name_score, a_attrs, x.as_deref(), y.as_deref(), settings) + 1e-9
        >= settings.cross_case_person_min_score
}

/// [`same_folded`]'s score from the name's, `score`: plus
/// `settings.attribute_agree_bonus` for each of occupation and affiliation
/// that both people give and that agree (equal, or one containing the
/// other), less its disagreement penalty for each that both give otherwise
/// (added in that order, so the sum is the same to the last bit).
fn with_attributes(
    mut score: f64,
    a: &[Option<String>; 2],
    occupation: Option<&str>,
    affiliation: Option<&str>,
    settings: &Settings,
) -> f64 {
    let penalties = [
        settings.occupation_disagree_penalty,
        settings.affiliation_disagree_penalty,
    ];
    for ((x, y), penalty) in a.iter().zip([occupation, affiliation]).zip(penalties) {
        if let (Some(x), Some(y)) = (x, y) {
            if x == y || x.contains(y) || y.contains(x.as_str()) {
                score += settings.attribute_agree_bonus;
            } else {
                score -= penalty;
            }
        }
    }
    score
}

/// Whether a person of attributes `b` (as stored, not folded) may pass
/// [`same_folded`] with a person of folded attributes `a` whatever their
/// names: with the best name score (1.0, the same folded name), the
/// attributes keep the score at least `cross_case_person_min_score`. A
/// necessary condition, so the people who fail it need not be read
/// ([`KnownPeople`]). `folded` memoises the folding of stored attributes
/// (a store repeats a few occupations and outlets many times).
fn attributes_fit(
    a: &[Option<String>; 2],
    b: [Option<&str>; 2],
    folded: &mut HashMap<String, Option<String>>,
    settings: &Settings,
) -> bool {
    let [occupation, affiliation] = b.map(|v| fold_attribute(folded, v));
    with_attributes(1.0, a, occupation.as_deref(), affiliation.as_deref(), settings) + 1e-9
        >= settings.cross_case_person_min_score
}

/// A stored attribute folded (`None` when absent or folding to nothing),
/// memoised in `folded` (at most [`ParsedNames::MAX`] texts; past it, it
/// starts again empty).
fn fold_attribute(folded: &mut HashMap<String, Option<String>>, v: Option<&str>) -> Option<String> {
    let v = v?;
    if let Some(f) = folded.get(v) {
        return f.clone();
    }
    if folded.len() >= ParsedNames::MAX {
        folded.clear();
    }
    let f = crate::fold_attribute(v);
    folded.insert(v.to_string(), f.clone());
    f
}

/// A person's occupation and affiliation folded as [`same_folded`] compares
/// them (`None` when absent or folding to nothing).
fn folded_attributes(person: &casewatch_model::CasePerson) -> [Option<String>; 2] {
    let fold = |v: Option<&str>| v.map(crate::names::fold).filter(|f| !f.is_empty());
    [fold(person.occupation.as_deref()), fold(person.affiliation.as_deref())]
}

/// Candidates for sharing a person id across cases, blocked by folded
/// surname (only people of one block are ever compared), each distinct name
/// parsed once (kept in [`ParsedNames`] across runs) and attributes folded
/// once per candidate.
///
/// Per block, candidates are tried in a fixed order: the people of this run
/// that had an id before the block was first looked up, then the people of
/// other cases by (case id, person id), then the people of this run given
/// an id since. Only names with a given name and no initial can ever match
/// ([`same_person_across_cases`]), so no other name is kept; and of the
/// people of other cases, only those whose name matches a name looked up
/// ([`Name::matches`], a condition of every match) and whose attributes fit
/// the person's ([`attributes_fit`], another) are read: the same first match
/// as trying the whole block, without reading the whole block or cloning the
/// namesakes of other outlets.
#[derive(Default)]
struct Candidates {
    by_block: BTreeMap<String, BlockCandidates>,
    /// Parsed names by their text.
    parsed: ParsedNames,
}

/// Names parsed by [`assign_ids_with`] (and by any caller through
/// [`ParsedNames::name`]), by their text, kept by the caller between runs: a
/// store's rebuilds look up the same surname blocks again and again, and
/// parsing every distinct name of a block on every rebuild (about 45 names
/// a block, 450 blocks a rebuild of 1,000 generated articles at 190,000)
/// cost more than the rest of the look-up. A store shares it with the
/// neighbour step, which parses the names of link key blocks first: the
/// people of other cases that identity assignment looks up are mostly named
/// there already (in a new process at 190,000 generated articles, 16,000
/// parses of the id step). Holds at most [`ParsedNames::MAX`] names; past
/// it, it starts again empty.
#[derive(Debug, Default)]
pub struct ParsedNames {
    parsed: Parsed,
    /// Stored attributes folded (see [`attributes_fit`]).
    attributes: HashMap<String, Option<String>>,
}

/// The parsed names of [`ParsedNames`], the words they were folded from
/// ([`crate::names::fold`] of each, memoised: the names of a surname block
/// share the surname, and a store's names a few thousand given names; at
/// 190,000 generated articles two thirds of a parse's folding), and the
/// folded tokens they were spelled from ([`crate::names::spelling_key`] of
/// each, memoised for the same reason: a third of a parse there).
#[derive(Debug, Default)]
struct Parsed {
    names: HashMap<String, Name>,
    words: HashMap<String, String>,
    spellings: HashMap<String, String>,
}

impl ParsedNames {
    /// The most names kept (about 300 bytes each: 150 MB), and the most
    /// folded words and spelled tokens.
    pub const MAX: usize = 500_000;

    /// [`Name::parse`] of `text`, parsed once and kept (see [`ParsedNames`]).
    pub fn name(&mut self, text: &str) -> &Name {
        parsed_name(&mut self.parsed, text)
    }

    /// How many names are held parsed.
    pub fn len(&self) -> usize {
        self.parsed.names.len()
    }

    /// Whether no name is held parsed.
    pub fn is_empty(&self) -> bool {
        self.parsed.names.is_empty()
    }

    /// An occupation or affiliation as stored, folded as a prepared mention
    /// holds it ([`crate::fold_attribute`]), once per text.
    pub fn attribute(&mut self, raw: &str) -> Option<&str> {
        if !self.attributes.contains_key(raw) {
            fold_attribute(&mut self.attributes, Some(raw));
        }
        self.attributes.get(raw).and_then(Option::as_deref)
    }
}

/// [`Name::parse`] of `text`, memoised in `parsed` (at most
/// [`ParsedNames::MAX`] names, words and tokens).
fn parsed_name<'p>(parsed: &'p mut Parsed, text: &str) -> &'p Name {
    let Parsed {
        names,
        words,
        spellings,
    } = parsed;
    // (a name already parsed is found without allocating its key: this is
    // called for every name a look-up tests)
    if names.contains_key(text) {
        return &names[text];
    }
    if names.len() >= ParsedNames::MAX {
        names.clear();
    }
    if words.len() >= ParsedNames::MAX {
        words.clear();
    }
    if spellings.len() >= ParsedNames::MAX {
        spellings.clear();
    }
    let memo = |memo: &mut HashMap<String, String>, key: &str, make: fn(&str) -> String| {
        if let Some(v) = memo.get(key) {
            return v.clone();
        }
        let v = make(key);
        memo.insert(key.to_string(), v.clone());
        v
    };
    let name = Name::parse_folding(
        text,
        |w| memo(words, w, crate::names::fold),
        |t| memo(spellings, t, crate::names::spelling_key),
    );
    names.entry(text.to_string()).or_insert(name)
}

/// The candidates of one surname block (see [`Candidates`]).
#[derive(Default)]
struct BlockCandidates {
    /// People of this run with an id before the block was looked up.
    before: Vec<Candidate>,
    /// People of other cases read so far, by (case id, person id).
    known: BTreeMap<(String, String), Candidate>,
    /// People of this run given an id after the block was looked up.
    after: Vec<Candidate>,
    /// Whether the block was looked up (for any name).
    looked_up: bool,
    /// The look-ups (edits and parsed name, the `query` of [`KnownPeople`])
    /// whose matching people of other cases were read.
    read_for: BTreeSet<String>,
}

/// A candidate: its parsed name, folded occupation and affiliation, and the person.
struct Candidate {
    name: Name,
    attrs: [Option<String>; 2],
    known: KnownPerson,
}

/// The parsed name of `text` when it is a full name (a given name, no
/// initial), memoised in `parsed`.
fn full_parsed<'p>(parsed: &'p mut Parsed, text: &str) -> Option<&'p Name> {
    Some(parsed_name(parsed, text)).filter(|n| full_name(n))
}

impl Candidates {
    /// Reads the people of other cases in the block of `name` whose name
    /// matches it and whose attributes fit `attrs` (the folded attributes of
    /// the person looked up for, see [`attributes_fit`]), once per (block,
    /// name, attributes).
    fn load(&mut self, name: &Name, attrs: &[Option<String>; 2], settings: &Settings, known: &mut KnownPeople<'_>) {
        let block = name.bare_surname();
        let entry = self.by_block.entry(block.to_string()).or_default();
        entry.looked_up = true;
        if !full_name(name) {
            return;
        }
        // (what `wanted` below depends on: the parsed name and the edits)
        let query = format!("{}|{name:?}", settings.given_name_max_edits);
        if !entry.read_for.insert(format!("{query}|{attrs:?}")) {
            return;
        }
        let ParsedNames { parsed, attributes } = &mut self.parsed;
        let mut fits = |occupation: Option<&str>, affiliation: Option<&str>| {
            attributes_fit(attrs, [occupation, affiliation], attributes, settings)
        };
        // A block repeats a few names many times: each is matched once.
        let mut seen: HashMap<String, bool> = HashMap::new();
        let mut wanted = |text: &str| {
            if let Some(&w) = seen.get(text) {
                return w;
            }
            let w = full_parsed(parsed, text).is_some_and(|n| name.matches(n, settings.given_name_max_edits));
            seen.insert(text.to_string(), w);
            w
        };
        let found = known(block, &query, &mut wanted, &mut fits);
        for k in found {
            if let Some(c) = self.candidate(k) {
                let entry = self.by_block.entry(block.to_string()).or_default();
                entry.known.insert((c.known.case.clone(), c.known.id.clone()), c);
            }
        }
    }

    /// The candidate for `k` when its name is a full name.
    fn candidate(&mut self, k: KnownPerson) -> Option<Candidate> {
        let name = full_parsed(&mut self.parsed.parsed, &k.name)?.clone();
        let folded = &mut self.parsed.attributes;
        let attrs = [
            fold_attribute(folded, k.occupation.as_deref()),
            fold_attribute(folded, k.affiliation.as_deref()),
        ];
        Some(Candidate { name, attrs, known: k })
    }

    /// Adds a person of this run that has an id.
    fn add(&mut self, k: KnownPerson) {
        if let Some(c) = self.candidate(k) {
            let entry = self.by_block.entry(c.name.bare_surname().to_string()).or_default();
            if entry.looked_up {
                entry.after.push(c);
            } else {
                entry.before.push(c);
            }
        }
    }

    /// The first candidate of another case than `case`, not in `taken`,
    /// that is the same person as the one of name `name` and folded
    /// attributes `attrs`.
    fn find(
        &self,
        name: &Name,
        attrs: &[Option<String>; 2],
        case: &str,
        taken: &BTreeSet<String>,
        settings: &Settings,
    ) -> Option<String> {
        if !full_name(name) {
            return None;
        }
        let b = self.by_block.get(name.bare_surname())?;
        b.before.iter().chain(b.known.values()).chain(&b.after).find_map(|c| {
            (c.known.case != case
                && !taken.contains(&c.known.id)
                && same_folded(name, attrs, &c.name, &c.attrs, settings))
            .then(|| c.known.id.clone())
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
    let names = &mut ParsedNames::default();
    assign_ids_with(
        rec,
        prev,
        counters,
        settings,
        names,
        &mut |block: &str, _query: &str, wanted: &mut dyn FnMut(&str) -> bool, fits: &mut AttributeTest<'_>| {
            known
                .iter()
                .filter(|k| {
                    crate::names::block_key(&k.name) == block
                        && wanted(&k.name)
                        && fits(k.occupation.as_deref(), k.affiliation.as_deref())
                })
                .cloned()
                .collect()
        },
    )
}

/// [`assign_ids`], looking up the people of other cases (those not being
/// rebuilt) only for the surname blocks (`names::block_key`) of people who
/// need them: `known(block, wanted)` returns the people of other cases in
/// `block` whose name text passes `wanted` (a necessary condition of the
/// same person, so others need not be read; returning more is harmless).
/// `prev.known_people` is ignored. `names`: the names parsed so far, kept
/// by the caller between runs (see [`ParsedNames`]).
pub fn assign_ids_with(
    rec: &mut Reconciled,
    prev: &PreviousIds,
    counters: &mut Counters,
    settings: &Settings,
    names: &mut ParsedNames,
    known_people: &mut KnownPeople<'_>,
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
    let mut candidates = Candidates {
        parsed: std::mem::take(names),
        ..Candidates::default()
    };
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
            let attrs = folded_attributes(person);
            candidates.load(&name, &attrs, settings, known_people);
            let found = candidates.find(&name, &attrs, &case_ids[ci], &taken, settings);
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
    *names = std::mem::take(&mut candidates.parsed);
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
    fn a_name_parsed_through_the_memos_is_the_name_parsed_afresh() {
        // Names that share words and tokens in every position, spellings of
        // one family, a hyphenated surname, particles, honorifics and
        // Cyrillic: each parsed once with the memos filled by the others.
        let names = [
            "Kanat Osmonov",
            "Kanat Osmonova",
            "Zhoomart Duulatov",
            "Joomart Duulatov",
            "Жоомарт Duulatov",
            "Ali Abdel-Sattar",
            "Sattar Abdel-Sattar",
            "Aibek Toktogul uulu",
            "Mr. Aibek Toktogul kyzy",
            "Chung Pui-kuen",
            "Stanis Bujakera Tshiamala",
            "Ghassan Amaghlobeli",
            "Gassan Amaglobeli",
            "Kanat",
            "",
        ];
        let mut parsed = ParsedNames::default();
        for round in 0..2 {
            for text in names.iter().chain(names.iter().rev()) {
                assert_eq!(parsed.name(text), &Name::parse(text), "{text:?}, round {round}");
            }
        }
        assert_eq!(parsed.len(), names.len());
    }

    #[test]
    fn id_numbers() {
        assert_eq!(id_number("E40"), 40);
        assert_eq!(id_number("c7"), 7);
        assert_eq!(id_number("x"), 0);
    }
}
