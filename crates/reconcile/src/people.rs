//! People across articles: clustering person mentions into one person per real individual (blocked by surname), and the canonical name, attributes and role of each cluster.

use crate::Settings;
use crate::articles::Article;
use crate::names::fold;
use crate::text::Tally;
use crate::unionfind::UnionFind;
use casewatch_model::Role;
use std::collections::{BTreeMap, BTreeSet};

/// One person entry of one article: `arts[art].rec.people[person]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mention {
    /// Index (rank) of the article.
    pub art: usize,
    /// Index into the record's `people`.
    pub person: usize,
}

/// What the clustering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Linking articles into cases, over every article: strict name matching
    /// only; a surname alone joins a person only when its surname names exactly
    /// one person in the whole store (and `Settings::link_by_surname_only`).
    Link,
    /// People of one case: the case is context, so also the relaxed
    /// given-name rule, and a surname alone that fits several people goes
    /// to the one its own article names in full.
    Case,
}

/// Clusters `mentions` (in a deterministic order) into people; returns
/// clusters of indices into `mentions`, each sorted, ordered by first member.
///
/// Rules, within a block of one folded surname (particles aside):
/// 1. full names (with a given name or initial) join when
///    [`Name::matches`] holds (score.py's rule), single-linkage, except that
///    one cluster never holds two people of the same article;
/// 2. in [`Mode::Case`] also when the given names start alike and are close
///    by Jaro–Winkler (`Settings::case_given_name_similarity`) and neither
///    occupation nor affiliation disagrees ("Katsiaryna"/"Katerina");
/// 3. a surname alone joins the one full-name person it fits; in a case,
///    surname-alone mentions that fit no full name join each other;
/// 4. in [`Mode::Case`], across blocks, one-edit surname variants with the
///    same given name and agreeing attributes ([`surname_variant`]).
pub(crate) fn cluster(arts: &[Article], mentions: &[Mention], mode: Mode, settings: &Settings) -> Vec<Vec<usize>> {
    let name = |i: usize| &arts[mentions[i].art].names[mentions[i].person];
    let mut uf = UnionFind::new(mentions.len());
    // Articles of each cluster root, for the same-article cannot-link rule.
    let mut arts_of: Vec<BTreeSet<usize>> = mentions.iter().map(|m| BTreeSet::from([m.art])).collect();
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in 0..mentions.len() {
        if !name(i).folded.is_empty() {
            blocks.entry(name(i).bare_surname()).or_default().push(i);
        }
    }
    let mut join = |uf: &mut UnionFind, a: usize, b: usize, respect_articles: bool| {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb || (respect_articles && !arts_of[ra].is_disjoint(&arts_of[rb])) {
            return;
        }
        uf.union(ra, rb);
        let root = uf.find(ra);
        let other = if root == ra { rb } else { ra };
        let moved = std::mem::take(&mut arts_of[other]);
        arts_of[root].extend(moved);
    };
    for members in blocks.values() {
        let (full, bare): (Vec<usize>, Vec<usize>) = members.iter().partition(|&&i| name(i).has_given());
        for (x, &a) in full.iter().enumerate() {
            for &b in &full[x + 1..] {
                if uf.find(a) != uf.find(b) && name(a).matches(name(b), settings.given_name_max_edits) {
                    join(&mut uf, a, b, true);
                }
            }
        }
        if mode == Mode::Case {
            for (x, &a) in full.iter().enumerate() {
                for &b in &full[x + 1..] {
                    if uf.find(a) != uf.find(b) && relaxed_match(arts, mentions[a], mentions[b], settings) {
                        join(&mut uf, a, b, true);
                    }
                }
            }
        }
        for &s in &bare {
            let mut roots: Vec<usize> = full
                .iter()
                .filter(|&&f| name(f).matches(name(s), 0))
                .map(|&f| uf.find(f))
                .collect();
            roots.sort_unstable();
            roots.dedup();
            let target = match (roots.as_slice(), mode) {
                ([only], Mode::Case) => Some(*only),
                ([only], Mode::Link) if settings.link_by_surname_only => Some(*only),
                (many, Mode::Case) if many.len() > 1 => {
                    let own: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&r| {
                            full.iter()
                                .any(|&f| uf.find(f) == r && mentions[f].art == mentions[s].art)
                        })
                        .collect();
                    if let [one] = own.as_slice() { Some(*one) } else { None }
                }
                _ => None,
            };
            if let Some(t) = target {
                join(&mut uf, s, t, false);
            } else if mode == Mode::Case
                && roots.is_empty()
                && let Some(&o) = bare.iter().find(|&&o| o != s && name(o).matches(name(s), 0))
            {
                join(&mut uf, s, o, false);
            }
        }
    }
    if mode == Mode::Case {
        // Across surname blocks, blocked by the folded first given name instead.
        let mut by_given: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for i in 0..mentions.len() {
            if let Some(g) = name(i).given.first() {
                by_given.entry(g.as_str()).or_default().push(i);
            }
        }
        for members in by_given.values() {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    if uf.find(a) != uf.find(b)
                        && name(a).bare_surname() != name(b).bare_surname()
                        && surname_variant(arts, mentions[a], mentions[b])
                    {
                        join(&mut uf, a, b, true);
                    }
                }
            }
        }
    }
    uf.groups()
}

/// The case-only rule across surname blocks, for surname spellings the
/// folding does not unify ("Mammadova"/"Mamedova"): the same first given
/// name, surnames of five letters or more one edit apart with the same last
/// letter (so -ov/-ova stay apart), and an occupation or affiliation that
/// agrees with none that disagrees.
fn surname_variant(arts: &[Article], a: Mention, b: Mention) -> bool {
    let (na, nb) = (&arts[a.art].names[a.person], &arts[b.art].names[b.person]);
    let (Some(ga), Some(gb)) = (na.given.first(), nb.given.first()) else {
        return false;
    };
    let (sa, sb) = (na.bare_surname(), nb.bare_surname());
    if ga != gb || ga.len() < 2 || sa.len() < 5 || sb.len() < 5 || sa.chars().last() != sb.chars().last() {
        return false;
    }
    if let (Some(pa), Some(pb)) = (na.particle(), nb.particle())
        && pa != pb
    {
        return false;
    }
    if strsim::levenshtein(sa, sb) > 1 {
        return false;
    }
    let mut agree = false;
    for (x, y) in arts[a.art].attrs[a.person].iter().zip(&arts[b.art].attrs[b.person]) {
        if let (Some(x), Some(y)) = (x, y) {
            if x != y {
                return false;
            }
            agree = true;
        }
    }
    agree
}

/// The case-only rule: same surname, first given names both longer than an
/// initial, same first letter, Jaro–Winkler at least the setting, and no
/// disagreeing occupation or affiliation.
fn relaxed_match(arts: &[Article], a: Mention, b: Mention, settings: &Settings) -> bool {
    let (na, nb) = (&arts[a.art].names[a.person], &arts[b.art].names[b.person]);
    let (Some(ga), Some(gb)) = (na.given.first(), nb.given.first()) else {
        return false;
    };
    if !na.surname_agrees(nb) || ga.len() < 2 || gb.len() < 2 || ga.chars().next() != gb.chars().next() {
        return false;
    }
    if strsim::jaro_winkler(ga, gb) < settings.case_given_name_similarity {
        return false;
    }
    let (xa, xb) = (&arts[a.art].attrs[a.person], &arts[b.art].attrs[b.person]);
    xa.iter()
        .zip(xb)
        .all(|pair| !matches!(pair, (Some(x), Some(y)) if x != y))
}

/// A reconciled person of a case, before ids are given out.
#[derive(Debug, Clone)]
pub(crate) struct PersonDraft {
    pub name: String,
    pub variants: Vec<String>,
    pub occupation: Option<String>,
    pub affiliation: Option<String>,
    pub former: Option<bool>,
    pub role: Role,
    /// The earliest mention (article rank, person index): the order within a role.
    pub first: Mention,
    pub mentions: Vec<Mention>,
}

/// Occupation words that make a person a lawyer in a case.
const LAWYER_WORDS: [&str; 5] = ["lawyer", "attorney", "advocate", "counsel", "barrister"];
/// Occupation words that make a person an official.
const OFFICIAL_WORDS: [&str; 12] = [
    "judge",
    "investigator",
    "prosecutor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "minister",
    "officer",
    "press secretary",
    "police",
    "ombudsman",
];

/// Builds the person of one cluster: canonical name (the most frequent full
/// form among the articles' fullest forms, `Person::name`: ties to the form
/// with more words, then the longer, then the earliest seen), every spelling seen (sorted), the most
/// frequent occupation/affiliation/former, and the role: defendant if ever
/// an occurred/alleged subject of a prosecution event, else lawyer or
/// official by occupation, else witness if questioned, else other.
pub(crate) fn draft(arts: &[Article], mentions: &[Mention]) -> PersonDraft {
    let mut full: BTreeMap<String, (BTreeSet<usize>, Mention)> = BTreeMap::new();
    let mut any: Tally<String> = Tally::default();
    let mut variants: BTreeSet<String> = BTreeSet::new();
    let mut occupation: Tally<String> = Tally::default();
    let mut affiliation: Tally<String> = Tally::default();
    let mut former: Tally<bool> = Tally::default();
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    let (mut prosecuted, mut questioned) = (false, false);
    for &m in mentions {
        let art = &arts[m.art];
        let p = &art.rec.people[m.person];
        let pos = (m.art, m.person);
        any.add(p.name.clone(), m.art, pos);
        for form in std::iter::once(&p.name).chain(&p.variants) {
            if !form.trim().is_empty() {
                variants.insert(form.trim().to_string());
            }
        }
        if art.names[m.person].has_given() {
            let e = full
                .entry(p.name.trim().to_string())
                .or_insert_with(|| (BTreeSet::new(), m));
            e.0.insert(m.art);
            e.1 = e.1.min(m);
        }
        for (tally, value) in [(&mut occupation, &p.occupation), (&mut affiliation, &p.affiliation)] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                let key = fold(v);
                originals.entry(key.clone()).or_insert_with(|| v.to_string());
                tally.add(key, m.art, pos);
            }
        }
        if let Some(f) = p.former {
            former.add(f, m.art, pos);
        }
        prosecuted |= art.prosecuted.contains(&m.person);
        questioned |= art.questioned.contains(&m.person);
    }
    let canonical = full
        .iter()
        .min_by(|(na, (aa, fa)), (nb, (ab, fb))| {
            let words = |n: &str| n.split_whitespace().count();
            ab.len()
                .cmp(&aa.len())
                .then(words(nb).cmp(&words(na)))
                .then(nb.chars().count().cmp(&na.chars().count()))
                .then(fa.cmp(fb))
                .then(na.cmp(nb))
        })
        .map(|(n, _)| n.clone())
        .or_else(|| any.winner().cloned())
        .unwrap_or_default();
    let original = |t: &Tally<String>| t.winner().and_then(|k| originals.get(k)).cloned();
    let occupation = original(&occupation);
    let role = if prosecuted {
        Role::Defendant
    } else if has_word(&occupation, &LAWYER_WORDS) {
        Role::Lawyer
    } else if has_word(&occupation, &OFFICIAL_WORDS) {
        Role::Official
    } else if questioned {
        Role::Witness
    } else {
        Role::Other
    };
    PersonDraft {
        name: canonical,
        variants: variants.into_iter().collect(),
        affiliation: original(&affiliation),
        former: former.winner().copied(),
        occupation,
        role,
        first: mentions.iter().copied().min().unwrap_or(Mention { art: 0, person: 0 }),
        mentions: mentions.to_vec(),
    }
}

fn has_word(occupation: &Option<String>, words: &[&str]) -> bool {
    occupation.as_deref().is_some_and(|o| {
        let o = o.to_lowercase();
        words.iter().any(|w| o.contains(w))
    })
}
