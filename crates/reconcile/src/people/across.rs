//! The case-only person rules across surname blocks (rules 5 and 6 of [`super::cluster`]): surname variants and one person under two surnames, with the indices that find their candidate pairs.

use super::Mention;
use crate::articles::Article;
use crate::unionfind::UnionFind;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};

/// Longest surname (in characters) that [`variant_pairs`] indexes: a
/// longer one (no real surname is) takes no part in the surname-variant
/// rule, which bounds its deletion keys to 1 + 32 + 32 × 31 / 2 = 529 a
/// surname (16 bytes each while the index is built).
const MAX_VARIANT_SURNAME_CHARS: usize = 32;

/// The pairs `(a, b)`, `a < b`, of `members` (mention indices in ascending
/// order, one first given name) whose surnames (`surname_of`) differ and
/// pass the surname part of [`surname_variant`] ([`surnames_may_vary`]), in
/// ascending order: the same pairs, in the same order, that a loop over all
/// pairs would find the rule's surnames in, found through an index instead.
///
/// The index is the deletion neighbourhood of each distinct surname: the
/// surname with any one character left out, and any two for surnames of
/// eight characters or more. Two strings at most k edits apart share a
/// string of their k-deletion neighbourhoods, so every pair the rule can
/// accept shares a key. The work is the number of keys (at most
/// [`MAX_VARIANT_SURNAME_CHARS`]² / 2 a surname) plus the pairs returned.
pub(super) fn variant_pairs<'n>(members: &[usize], surname_of: impl Fn(usize) -> &'n str) -> Vec<(usize, usize)> {
    let mut by_surname: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &m in members {
        by_surname.entry(surname_of(m)).or_default().push(m);
    }
    if by_surname.len() < 2 {
        return Vec::new();
    }
    let surnames: Vec<(&str, Vec<usize>)> = by_surname.into_iter().collect();
    // (key hash, surname) for every deletion key of every surname, sorted:
    // runs of one hash are the surnames that share a key (a hash collision
    // only adds a pair that `surnames_may_vary` then refuses).
    let mut keyed: Vec<(u64, usize)> = Vec::new();
    for (k, (surname, _)) in surnames.iter().enumerate() {
        let chars: Vec<char> = surname.chars().collect();
        if surname.len() < 5 || chars.len() > MAX_VARIANT_SURNAME_CHARS {
            continue;
        }
        let key = |skip: &[usize]| {
            let mut h = std::hash::DefaultHasher::new();
            for (x, c) in chars.iter().enumerate() {
                if !skip.contains(&x) {
                    c.hash(&mut h);
                }
            }
            h.finish()
        };
        keyed.push((key(&[]), k));
        for i in 0..chars.len() {
            keyed.push((key(&[i]), k));
            if chars.len() >= 8 {
                keyed.extend((i + 1..chars.len()).map(|j| (key(&[i, j]), k)));
            }
        }
    }
    keyed.sort_unstable();
    keyed.dedup();
    let mut close: BTreeSet<(usize, usize)> = BTreeSet::new();
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, k)) in run.iter().enumerate() {
            for &(_, l) in &run[x + 1..] {
                if surnames_may_vary(surnames[k].0, surnames[l].0) {
                    close.insert((k, l));
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = close
        .into_iter()
        .flat_map(|(k, l)| {
            let (xs, ys) = (&surnames[k].1, &surnames[l].1);
            xs.iter()
                .flat_map(move |&x| ys.iter().map(move |&y| (x.min(y), x.max(y))))
        })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The pairs `(a, b)`, `a < b`, of `members` (mention indices in ascending
/// order, one first given name) with different surnames (`surname_of`)
/// that [`shared_act`] can accept, in ascending order: each has an act
/// ([`acts_of`], `acts` by mention) of one type on one day with other named
/// subjects. Found through an index by (type, day); the work is the acts
/// plus the pairs returned, which are only pairs of people reported under
/// one first given name for the same act.
pub(super) fn act_pairs<'n>(
    members: &[usize],
    acts: &BTreeMap<usize, Vec<Act>>,
    surname_of: impl Fn(usize) -> &'n str,
) -> Vec<(usize, usize)> {
    type Day = (casewatch_model::EventType, casewatch_model::PartialDate);
    let mut by_act: BTreeMap<Day, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for &m in members {
        for (ty, day, others) in acts.get(&m).into_iter().flatten() {
            if !others.is_empty() {
                let list = by_act.entry((*ty, *day)).or_default().entry(surname_of(m)).or_default();
                if list.last() != Some(&m) {
                    list.push(m);
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for groups in by_act.values() {
        let groups: Vec<&Vec<usize>> = groups.values().collect();
        for (k, xs) in groups.iter().enumerate() {
            for ys in &groups[k + 1..] {
                pairs.extend(xs.iter().flat_map(|&x| ys.iter().map(move |&y| (x.min(y), x.max(y)))));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// One act as [`shared_act`] compares it: type, day, and the other named
/// subjects' mention indices.
pub(super) type Act = (casewatch_model::EventType, casewatch_model::PartialDate, Vec<usize>);

/// The day-precision acts a mention's person is a (not negated) subject of.
pub(super) fn acts_of(arts: &[Article], index: &BTreeMap<Mention, usize>, m: Mention) -> Vec<Act> {
    use crate::articles::{DEFENDANT_TYPES, Subj};
    let a = &arts[m.art];
    a.rec
        .events
        .iter()
        .zip(&a.subjects)
        .filter(|(e, subj)| {
            DEFENDANT_TYPES.contains(&e.event_type)
                && matches!(
                    e.status,
                    casewatch_model::Status::Occurred | casewatch_model::Status::Alleged
                )
                && subj.contains(&Subj::Person(m.person))
        })
        .filter_map(|(e, subj)| {
            let date = e
                .date
                .value
                .filter(|d| d.precision() == casewatch_model::DatePrecision::Day)?;
            let others: Vec<usize> = subj
                .iter()
                .filter_map(|s| match s {
                    Subj::Person(p) if *p != m.person => index.get(&Mention { art: m.art, person: *p }).copied(),
                    _ => None,
                })
                .collect();
            Some((e.event_type, date, others))
        })
        .collect()
}

/// Whether mentions `a` and `b` (of different surnames; `xs`, `ys` their
/// [`acts_of`]) are each the subject
/// of an act of one type on one day whose other named subjects are the same
/// people (by their current clusters), at least one of them, and neither of
/// `a`, `b` among them: "A, B and C were sentenced on 15 April" in one
/// report and "A', B and C were sentenced on 15 April" in another.
pub(super) fn shared_act(xs: &[Act], ys: &[Act], uf: &mut UnionFind, a: usize, b: usize) -> bool {
    let (ra, rb) = (uf.find(a), uf.find(b));
    let roots =
        |others: &[usize], uf: &mut UnionFind| -> BTreeSet<usize> { others.iter().map(|&o| uf.find(o)).collect() };
    for (tx, dx, ox) in xs {
        let rx = roots(ox, uf);
        if rx.is_empty() || rx.contains(&ra) || rx.contains(&rb) {
            continue;
        }
        for (ty, dy, oy) in ys {
            if tx == ty && dx == dy && roots(oy, uf) == rx {
                return true;
            }
        }
    }
    false
}

/// Whether any article names a member of `a`'s cluster and a member of
/// `b`'s cluster as subjects of one event (then they are two people).
/// `index` maps each mention to its index, `members` gives each cluster
/// root's mentions. Reads the events of the smaller cluster's mentions
/// only: linear in their articles' event subjects, not in all mentions.
pub(super) fn ever_co_subjects(
    arts: &[Article],
    mentions: &[Mention],
    index: &BTreeMap<Mention, usize>,
    members: &[Vec<usize>],
    uf: &mut UnionFind,
    a: usize,
    b: usize,
) -> bool {
    use crate::articles::Subj;
    let (ra, rb) = (uf.find(a), uf.find(b));
    let (small, other) = if members[ra].len() <= members[rb].len() {
        (ra, rb)
    } else {
        (rb, ra)
    };
    for &m in &members[small] {
        let Mention { art, person } = mentions[m];
        for subjects in arts[art].subjects.iter().filter(|s| s.contains(&Subj::Person(person))) {
            for s in subjects {
                if let Subj::Person(q) = s
                    && *q != person
                    && let Some(&qi) = index.get(&Mention { art, person: *q })
                    && uf.find(qi) == other
                {
                    return true;
                }
            }
        }
    }
    false
}

/// The case-only rule across surname blocks, for surname spellings the
/// folding does not unify ("Mammadova"/"Mamedova", a dropped or added
/// letter: "Zghidi"/"Zeghidi"): the same first given name, surnames of five
/// letters or more one edit apart (two from eight letters on, with the same
/// first three: "Chakravarty"/"Chakraborty") with the same last letter (so
/// -ov/-ova stay apart), no disagreeing occupation or affiliation, and evidence that
/// they are one: an agreeing occupation or affiliation, or both mentions
/// defendants.
pub(super) fn surname_variant(arts: &[Article], a: Mention, b: Mention) -> bool {
    let (na, nb) = (&arts[a.art].names[a.person], &arts[b.art].names[b.person]);
    let (Some(ga), Some(gb)) = (na.given.first(), nb.given.first()) else {
        return false;
    };
    if ga != gb || ga.len() < 2 || !surnames_may_vary(na.bare_surname(), nb.bare_surname()) {
        return false;
    }
    if let (Some(pa), Some(pb)) = (na.particle(), nb.particle())
        && pa != pb
    {
        return false;
    }
    let mut agree = false;
    let both_defendants = arts[a.art].defendants.contains(&a.person) && arts[b.art].defendants.contains(&b.person);
    for (i, (x, y)) in arts[a.art].attrs[a.person]
        .iter()
        .zip(&arts[b.art].attrs[b.person])
        .enumerate()
    {
        if let (Some(x), Some(y)) = (x, y) {
            if x == y {
                agree = true;
            } else if i == 1 || !both_defendants {
                // An occupation worded two ways ("founder"/"head") does not
                // part two defendants; another outlet does.
                return false;
            }
        }
    }
    // Same role is evidence too: both prosecuted ("Mourad Zghidi" /
    // "Mourad Zeghidi", defendants of one case).
    agree || both_defendants
}

/// The surname part of [`surname_variant`]: two different folded surnames
/// of five letters or more, of at most [`MAX_VARIANT_SURNAME_CHARS`]
/// characters, with the same last letter and one edit apart — two when
/// both have eight letters or more and the same first three (long surnames
/// carry more spelling variation: "Chakravarty"/"Chakraborty").
fn surnames_may_vary(sa: &str, sb: &str) -> bool {
    if sa == sb || sa.len() < 5 || sb.len() < 5 || sa.chars().last() != sb.chars().last() {
        return false;
    }
    let (ca, cb) = (sa.chars().count(), sb.chars().count());
    if ca > MAX_VARIANT_SURNAME_CHARS || cb > MAX_VARIANT_SURNAME_CHARS {
        return false;
    }
    let long = ca >= 8 && cb >= 8 && sa.chars().take(3).eq(sb.chars().take(3));
    strsim::levenshtein(sa, sb) <= if long { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::{Act, act_pairs, surnames_may_vary, variant_pairs};
    use casewatch_model::{EventType, PartialDate};
    use std::collections::BTreeMap;

    /// A small deterministic generator (xorshift64*) for the index tests.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
        }
    }

    #[test]
    fn the_surname_variant_index_finds_exactly_the_pairs_of_a_loop_over_all_pairs() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        // Surnames over a few letters, so that one- and two-edit variants,
        // long ones and short ones all occur.
        let letters = ['a', 'b', 'o', 'v', 'ö', 'ж'];
        for round in 0..200 {
            let surnames: Vec<String> = (0..2 + rng.below(30))
                .map(|_| {
                    let len = 3 + rng.below(8);
                    let mut s: String = (0..len).map(|_| letters[rng.below(letters.len())]).collect();
                    if round % 2 == 0 {
                        s.push_str("ova");
                    }
                    s
                })
                .collect();
            let members: Vec<usize> = (0..surnames.len()).collect();
            let got = variant_pairs(&members, |i| surnames[i].as_str());
            let mut want = Vec::new();
            for a in 0..surnames.len() {
                for b in a + 1..surnames.len() {
                    if surnames_may_vary(&surnames[a], &surnames[b]) {
                        want.push((a, b));
                    }
                }
            }
            assert_eq!(got, want, "{surnames:?}");
        }
    }

    #[test]
    fn the_act_index_finds_exactly_the_pairs_that_share_an_act_with_co_subjects() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let types = [EventType::Detention, EventType::Sentence];
        for _ in 0..200 {
            let n = 2 + rng.below(25);
            let surnames: Vec<String> = (0..n).map(|_| format!("s{}", rng.below(4))).collect();
            let mut acts: BTreeMap<usize, Vec<Act>> = BTreeMap::new();
            for m in 0..n {
                let list = (0..rng.below(3))
                    .map(|_| {
                        let day = PartialDate::day(2024, 1, 1 + rng.below(3) as u32).unwrap_or(PartialDate::year(2024));
                        let others = (0..rng.below(2)).map(|_| rng.below(n)).collect();
                        (types[rng.below(2)], day, others)
                    })
                    .collect();
                acts.insert(m, list);
            }
            let members: Vec<usize> = (0..n).collect();
            let got = act_pairs(&members, &acts, |i| surnames[i].as_str());
            let with_others = |m: usize| -> Vec<(EventType, PartialDate)> {
                acts[&m]
                    .iter()
                    .filter(|a| !a.2.is_empty())
                    .map(|a| (a.0, a.1))
                    .collect()
            };
            let mut want = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    if surnames[a] != surnames[b] && with_others(a).iter().any(|x| with_others(b).contains(x)) {
                        want.push((a, b));
                    }
                }
            }
            assert_eq!(got, want);
        }
    }
}
