//! People across articles: clustering person mentions into one person per real individual (blocked by surname), and the canonical name, attributes and role of each cluster.

mod across;
mod role;

pub(crate) use role::{PersonDraft, draft};

use crate::Settings;
use crate::articles::Article;
use crate::unionfind::UnionFind;
use across::{Act, act_pairs, acts_of, ever_co_subjects, shared_act, surname_variant, variant_pairs};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};

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

/// Reviewer constraints on one clustering, resolved to indices into the
/// `mentions` slice given to [`cluster`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Constraints {
    /// Groups of mentions a reviewer merged: each group is one person, whatever the rules say.
    pub must: Vec<Vec<usize>>,
    /// Per mention, its sides in reviewer splits: `(split index, side)`.
    /// Two clusters holding opposite sides of one split never join.
    pub labels: Vec<Vec<(usize, bool)>>,
}

/// One join made by [`cluster`]: the two mentions (indices into `mentions`),
/// the rule that joined them and its score (see [`pair_score`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub a: usize,
    pub b: usize,
    pub rule: &'static str,
    pub score: f64,
}

/// Rule names recorded on joins.
pub(crate) const RULE_REVIEWER: &str = "reviewer_merge";
pub(crate) const RULE_SAME_NAME: &str = "same_folded_name";
pub(crate) const RULE_NAME: &str = "name_rule";
pub(crate) const RULE_INITIAL: &str = "initial";
pub(crate) const RULE_SURNAME_ONLY: &str = "surname_only";
pub(crate) const RULE_RELAXED: &str = "similar_given_name";
pub(crate) const RULE_SURNAME_VARIANT: &str = "surname_variant";
pub(crate) const RULE_EXTRA_NAMES: &str = "extra_names";
pub(crate) const RULE_SAME_ARTICLE: &str = "same_article_spelling";
pub(crate) const RULE_SHARED_ACT: &str = "same_act_same_co_defendants";

/// Whether two folded attribute values (occupation, affiliation) agree:
/// equal, or one contains the other ("kloop" / "kloop media").
pub(crate) fn attr_agree(x: &str, y: &str) -> bool {
    x == y || contains_words(x, y) || contains_words(y, x)
}

/// Whether the words of `part` occur, in order and next to each other, as
/// whole words of `whole` ("kloop" in "kloop media", not "ray" in "gray
/// times"); words are separated by anything not alphanumeric.
fn contains_words(whole: &str, part: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
    }
    // Most pairs compared are different outlets: a first word of `part`
    // that is not even a substring of `whole` settles it without splitting
    // both into lists (namesakes of other outlets are compared on every
    // look-up, so this is on the neighbour step's path).
    match words(part).next() {
        Some(first) if whole.contains(first) => {}
        _ => return false,
    }
    let (w, p): (Vec<&str>, Vec<&str>) = (words(whole).collect(), words(part).collect());
    !p.is_empty() && w.windows(p.len()).any(|win| win == p.as_slice())
}

/// The score of joining mentions `a` and `b` whose names matched with
/// score `base` (1.0 same folded name, 0.9 agreeing full given names, 0.75
/// an initial, 0.7 a surname alone): plus `Settings::attribute_agree_bonus`
/// per agreeing affiliation/occupation, minus
/// `Settings::affiliation_disagree_penalty` for a disagreeing affiliation
/// and `Settings::occupation_disagree_penalty` for a disagreeing occupation,
/// plus `Settings::cooccurrence_bonus` when both articles also name another
/// person of one surname. A join needs at least `Settings::person_match_threshold`.
pub(crate) fn pair_score(arts: &[Article], a: Mention, b: Mention, base: f64, settings: &Settings) -> f64 {
    let cooccur = a.art != b.art && {
        let own = arts[a.art].names[a.person].bare_surname();
        let others = |art: usize, skip: usize| -> BTreeSet<&str> {
            arts[art]
                .names
                .iter()
                .enumerate()
                .filter(|&(i, n)| i != skip && !n.folded.is_empty() && n.bare_surname() != own)
                .map(|(_, n)| n.bare_surname())
                .collect()
        };
        !others(a.art, a.person).is_disjoint(&others(b.art, b.person))
    };
    score_parts(
        base,
        &arts[a.art].attrs[a.person],
        &arts[b.art].attrs[b.person],
        cooccur,
        settings,
    )
}

/// Whether two people of one article are subjects of one event ("Marat
/// and Murat Aliev were detained": two people, however alike their names).
fn co_subjects(a: &Article, p: usize, q: usize) -> bool {
    use crate::articles::Subj;
    a.subjects
        .iter()
        .any(|s| s.contains(&Subj::Person(p)) && s.contains(&Subj::Person(q)))
}

/// What one case adds to the score of two mentions of it
/// ([`Mode::Case`] only; 0 when linking): `Settings::same_role_bonus` when
/// both are defendants (subjects of the case's legal events: one
/// prosecution, one surname, agreeing given names), plus
/// `Settings::attribute_agree_bonus` per legal event type the two articles
/// report for them on the same date. An outlet that disagrees is then
/// usually the extractor's reading of a byline or a former employer.
fn case_evidence(arts: &[Article], mode: Mode, a: Mention, b: Mention, settings: &Settings) -> f64 {
    if mode != Mode::Case || a.art == b.art {
        return 0.0;
    }
    let (da, db) = (&arts[a.art], &arts[b.art]);
    if !(da.defendants.contains(&a.person) && db.defendants.contains(&b.person)) {
        return 0.0;
    }
    let dated = |art: &Article, person: usize| -> BTreeSet<(casewatch_model::EventType, String)> {
        art.rec
            .events
            .iter()
            .zip(&art.subjects)
            .filter(|(_, subj)| subj.contains(&crate::articles::Subj::Person(person)))
            .filter_map(|(e, _)| e.date.value.map(|d| (e.event_type, d.to_string())))
            .collect()
    };
    let shared = dated(da, a.person).intersection(&dated(db, b.person)).count();
    settings.same_role_bonus + settings.attribute_agree_bonus * shared.min(2) as f64
}

/// The score of [`pair_score`] from its parts: the name's base score, the
/// folded (occupation, affiliation) of both mentions, and whether the two
/// articles also name another person of one surname.
pub(crate) fn score_parts(
    base: f64,
    xa: &[Option<String>; 2],
    xb: &[Option<String>; 2],
    cooccur: bool,
    settings: &Settings,
) -> f64 {
    let agree = |i: usize| match (&xa[i], &xb[i]) {
        (Some(x), Some(y)) => Some(attr_agree(x, y)),
        _ => None,
    };
    score_of(base, [agree(0), agree(1)], cooccur, settings)
}

/// [`score_parts`] given whether the (occupation, affiliation) of the two
/// agree (`None`: one of them has none).
fn score_of(base: f64, agree: [Option<bool>; 2], cooccur: bool, settings: &Settings) -> f64 {
    let mut score = base;
    for (i, a) in agree.into_iter().enumerate() {
        match a {
            Some(true) => score += settings.attribute_agree_bonus,
            Some(false) if i == 0 => score -= settings.occupation_disagree_penalty,
            Some(false) => score -= settings.affiliation_disagree_penalty,
            None => {}
        }
    }
    if cooccur {
        score += settings.cooccurrence_bonus;
    }
    score
}

/// Whether two full-name mentions of different articles can join in
/// linking: their names match ([`Name::matches`]) and their score (see
/// [`pair_score`]) reaches `Settings::person_match_threshold`. `context_*`
/// are the folded surnames of everyone the two articles name.
///
/// [`Name::matches`]: crate::names::Name::matches
pub(crate) fn may_join(
    a: (&crate::names::Name, &[Option<String>; 2], &BTreeSet<String>),
    b: (&crate::names::Name, &[Option<String>; 2], &BTreeSet<String>),
    settings: &Settings,
) -> bool {
    let ((na, xa, ca), (nb, xb, cb)) = (a, b);
    let Some(base) = may_join_names(na, nb, settings) else {
        return false;
    };
    may_join_scored(base, (na, xa, ca), (xb, cb), settings)
}

/// The name part of [`may_join`]: the base score of the name rule when
/// both names have a given name (or initial) and match; `None` otherwise
/// (then the mentions never join). Depends on the two names and
/// `Settings::given_name_max_edits` only.
pub(crate) fn may_join_names(na: &crate::names::Name, nb: &crate::names::Name, settings: &Settings) -> Option<f64> {
    if !na.has_given() || !nb.has_given() {
        return None;
    }
    name_rule(na, nb, settings).map(|(_, base)| base)
}

/// The rest of [`may_join`] once the names matched with base score `base`
/// ([`may_join_names`]): whether attributes and co-named surnames bring
/// the score to `Settings::person_match_threshold`.
pub(crate) fn may_join_scored(
    base: f64,
    a: (&crate::names::Name, &[Option<String>; 2], &BTreeSet<String>),
    b: (&[Option<String>; 2], &BTreeSet<String>),
    settings: &Settings,
) -> bool {
    let ((na, xa, ca), (xb, cb)) = (a, b);
    let own = na.bare_surname();
    let cooccur = ca.iter().any(|s| s != own && cb.contains(s));
    score_parts(base, xa, xb, cooccur, settings) >= settings.person_match_threshold
}

/// Whether a mention with folded attributes `xa` may join another whose
/// name matched with base score `base` and whose folded affiliation is
/// `affiliation`, whatever the other's occupation: the score
/// ([`score_parts`]) at its best over the other's occupation (agreeing,
/// absent or disagreeing), and over co-occurrence when `cooccur` is `None`
/// (not known), reaches `Settings::person_match_threshold`. A necessary
/// condition of [`may_join_scored`] with that affiliation (and
/// co-occurrence), computed by the same arithmetic so that no rounding makes
/// it stricter. With the defaults a disagreeing affiliation passes only
/// with base 1.0 and co-occurrence (1.0 + 0.05 + 0.1 − 0.5 = 0.65).
pub(crate) fn may_join_bound(
    base: f64,
    xa: &[Option<String>; 2],
    affiliation: Option<&str>,
    cooccur: Option<bool>,
    settings: &Settings,
) -> bool {
    let outlet = match (&xa[1], affiliation) {
        (Some(x), Some(y)) => Some(attr_agree(x, y)),
        _ => None,
    };
    let occupations: &[Option<bool>] = if xa[0].is_some() {
        &[Some(true), None, Some(false)]
    } else {
        &[None]
    };
    let cooccurs: &[bool] = match cooccur {
        Some(true) => &[true],
        Some(false) => &[false],
        None => &[false, true],
    };
    occupations.iter().any(|&occupation| {
        cooccurs
            .iter()
            .any(|&c| score_of(base, [occupation, outlet], c, settings) >= settings.person_match_threshold)
    })
}

/// The rule and base score by which two full names match (see
/// [`pair_score`]): 1.0 the same folded name, 0.9 agreeing names
/// ([`Name::matches`], spelling families included), 0.75 when an initial
/// stands for a given name, 0.8 when one name has more names than the
/// other ([`Name::extra_names`]: "Stanis Bujakera" / "Stanis Bujakera
/// Tshiamala"); `None` when they do not match.
///
/// [`Name::matches`]: crate::names::Name::matches
/// [`Name::extra_names`]: crate::names::Name::extra_names
fn name_rule(x: &crate::names::Name, y: &crate::names::Name, settings: &Settings) -> Option<(&'static str, f64)> {
    if x.folded == y.folded {
        Some((RULE_SAME_NAME, 1.0))
    } else if x.matches(y, settings.given_name_max_edits) {
        if x.given.iter().chain(&y.given).any(|g| g.chars().count() == 1) {
            Some((RULE_INITIAL, 0.75))
        } else {
            Some((RULE_NAME, 0.9))
        }
    } else if x.extra_names(y) {
        Some((RULE_EXTRA_NAMES, 0.8))
    } else {
        None
    }
}

/// Clusters `mentions` (in a deterministic order) into people; returns
/// clusters of indices into `mentions`, each sorted, ordered by first
/// member, and the joins that made them.
///
/// Reviewer merges (`constraints.must`) are joined first, unconditionally.
/// Then, within a block of one folded surname (particles aside; the
/// blocking key, so only mentions sharing it are compared):
/// 1. full names (with a given name or initial) join when
///    [`Name::matches`] holds (score.py's rule) and [`pair_score`] reaches
///    the threshold, single-linkage, except that one cluster never holds two
///    people of the same article;
/// 2. in [`Mode::Case`] also when the given names start alike and are close
///    by Jaro–Winkler (`Settings::case_given_name_similarity`) and neither
///    occupation nor affiliation disagrees ("Katsiaryna"/"Katerina");
/// 3. a surname alone joins the one full-name person it fits; in a case,
///    surname-alone mentions that fit no full name join each other;
/// 4. in [`Mode::Case`], two defendants of one article whose full names
///    match (not by an initial) and who are never subjects of one event are
///    one person the extractor listed twice;
/// 5. in [`Mode::Case`], across blocks, one-edit surname variants with the
///    same given name and agreeing attributes ([`surname_variant`]);
/// 6. in [`Mode::Case`], across blocks, one person under two surnames (a
///    pen name and a legal name): the same first given name, an act of one
///    type reported for each on the same day with exactly the same other
///    named co-subjects ([`shared_act`]), and never subjects of one event.
///
/// Names match by [`name_rule`] (spelling families and extra names included).
/// Each rule visits its pairs in the order of a loop over all pairs of its
/// block, but only the pairs that can join, found through an index
/// ([`BlockOrder`], [`same_article_pairs`], [`variant_pairs`],
/// [`act_pairs`]): the cost follows the people compared, not the square of
/// a case's reports.
///
/// No join ever puts both sides of a reviewer split into one cluster, and
/// no join by a pair that did not compare two affiliations puts namesakes
/// of disagreeing outlets into one (see `Outlets`: a mention that names no
/// outlet joins the first of them in this order, and none bridges them).
///
/// [`Name::matches`]: crate::names::Name::matches
pub(crate) fn cluster(
    arts: &[Article],
    mentions: &[Mention],
    mode: Mode,
    settings: &Settings,
    constraints: &Constraints,
) -> (Vec<Vec<usize>>, Vec<Link>) {
    let name = |i: usize| &arts[mentions[i].art].names[mentions[i].person];
    let mut uf = UnionFind::new(mentions.len());
    let mut links: Vec<Link> = Vec::new();
    // Articles and split sides of each cluster root, for the cannot-link rules.
    let mut arts_of: Vec<BTreeSet<usize>> = mentions.iter().map(|m| BTreeSet::from([m.art])).collect();
    let mut sides_of: Vec<BTreeSet<(usize, bool)>> = (0..mentions.len())
        .map(|i| constraints.labels.get(i).into_iter().flatten().copied().collect())
        .collect();
    // The affiliation of each mention, and the affiliations of each cluster
    // root, for the namesake rule (see `Outlets`).
    let affiliation = |i: usize| arts[mentions[i].art].attrs[mentions[i].person][1].as_deref();
    let mut outlets_of: Vec<Outlets> = (0..mentions.len()).map(|i| Outlets::of(affiliation(i))).collect();
    // The members of each cluster root (read by rule 6 between joins).
    let members_of: RefCell<Vec<Vec<usize>>> = RefCell::new((0..mentions.len()).map(|i| vec![i]).collect());
    // Pairs of cluster roots whose outlets were found to disagree: a cluster
    // only grows, so they disagree for good, and rule 1 skips their pairs
    // that compare no two affiliations without scoring them (a name told
    // without an outlet in thousands of reports is otherwise scored against
    // every namesake of another outlet, and refused each time).
    let refused: RefCell<HashSet<(usize, usize)>> = RefCell::new(HashSet::new());
    let root_pair = |x: usize, y: usize| (x.min(y), x.max(y));
    let mut blocks: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in 0..mentions.len() {
        if !name(i).folded.is_empty() {
            for key in name(i).keys() {
                blocks.entry(key).or_default().push(i);
            }
        }
    }
    // Joins a and b unless a cannot-link rule forbids it (`forced` skips them);
    // returns whether they are now one cluster.
    let mut join = |uf: &mut UnionFind, a: usize, b: usize, respect_articles: bool, forced: bool| -> bool {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            return false;
        }
        if !forced {
            if respect_articles && !arts_of[ra].is_disjoint(&arts_of[rb]) {
                return false;
            }
            if sides_of[ra].iter().any(|&(s, side)| sides_of[rb].contains(&(s, !side))) {
                return false;
            }
            // A pair that compared two affiliations was scored for them; any
            // other join must not bring namesakes of two outlets together.
            let compared = affiliation(a).is_some() && affiliation(b).is_some();
            if !compared && !outlets_of[ra].agree(&outlets_of[rb]) {
                let mut memo = refused.borrow_mut();
                if memo.len() < MAX_REFUSED_PAIRS {
                    memo.insert(root_pair(ra, rb));
                }
                return false;
            }
        }
        uf.union(ra, rb);
        let root = uf.find(ra);
        let other = if root == ra { rb } else { ra };
        // (the smaller set moves into the larger: linear-logarithmic in all)
        merge_into(&mut arts_of, root, other);
        merge_into(&mut sides_of, root, other);
        merge_into(&mut members_of.borrow_mut(), root, other);
        let moved = std::mem::take(&mut outlets_of[other]);
        outlets_of[root].absorb(moved);
        true
    };
    for group in &constraints.must {
        for pair in group.windows(2) {
            if join(&mut uf, pair[0], pair[1], false, true) {
                links.push(Link {
                    a: pair[0],
                    b: pair[1],
                    rule: RULE_REVIEWER,
                    score: 1.0,
                });
            }
        }
    }
    let threshold = settings.person_match_threshold;
    // The name as the article gives it: mentions with one text have one parsed name.
    let text = |i: usize| arts[mentions[i].art].shown[mentions[i].person].as_str();
    for members in blocks.values() {
        let (full, bare): (Vec<usize>, Vec<usize>) = members.iter().partition(|&&i| name(i).has_given());
        // Rules 1 and 2 visit the pairs of `full` in the order of a loop over
        // all pairs, but only those of two clusters (see `BlockOrder`).
        let mut order = BlockOrder::new(&full, &mut uf);
        for (x, &a) in full.iter().enumerate() {
            for y in order.after(uf.find(a), x) {
                let b = full[y];
                let (ra, rb) = (uf.find(a), uf.find(b));
                let compared = affiliation(a).is_some() && affiliation(b).is_some();
                if ra != rb
                    && (compared || !refused.borrow().contains(&root_pair(ra, rb)))
                    && let Some((rule, base)) = name_rule(name(a), name(b), settings)
                {
                    let score = pair_score(arts, mentions[a], mentions[b], base, settings)
                        + case_evidence(arts, mode, mentions[a], mentions[b], settings);
                    if score >= threshold && join(&mut uf, a, b, true, false) {
                        order.merged(ra, rb, uf.find(a));
                        links.push(Link { a, b, rule, score });
                    }
                }
            }
        }
        if mode == Mode::Case {
            for (x, &a) in full.iter().enumerate() {
                for y in order.after(uf.find(a), x) {
                    let b = full[y];
                    let (ra, rb) = (uf.find(a), uf.find(b));
                    if ra != rb
                        && relaxed_match(arts, mentions[a], mentions[b], settings)
                        && join(&mut uf, a, b, true, false)
                    {
                        order.merged(ra, rb, uf.find(a));
                        let (ga, gb) = (&name(a).given[0], &name(b).given[0]);
                        let score = strsim::jaro_winkler(ga, gb);
                        links.push(Link {
                            a,
                            b,
                            rule: RULE_RELAXED,
                            score,
                        });
                    }
                }
            }
        }
        // Rule 3. What depends on a name alone is found once per name text:
        // the full names it fits (and one of them per cluster, clusters only
        // ever join), and the surnames alone it matches.
        let mut full_by_art: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &f in &full {
            full_by_art.entry(mentions[f].art).or_default().push(f);
        }
        let mut fitting_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut same_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &s in &bare {
            // The first fitting mention of each cluster, in `full` order.
            let reps = fitting_of.entry(text(s)).or_insert_with(|| {
                let mut seen: BTreeSet<usize> = BTreeSet::new();
                full.iter()
                    .copied()
                    .filter(|&f| name(s).fits(name(f)) && seen.insert(uf.find(f)))
                    .collect()
            });
            let mut roots: Vec<usize> = reps.iter().map(|&f| uf.find(f)).collect();
            roots.sort_unstable();
            roots.dedup();
            let own_art = full_by_art.get(&mentions[s].art).map(Vec::as_slice).unwrap_or(&[]);
            let target = match (roots.as_slice(), mode) {
                ([only], Mode::Case) => Some(*only),
                ([only], Mode::Link) if settings.link_by_surname_only => Some(*only),
                (many, Mode::Case) if many.len() > 1 => {
                    let own: Vec<usize> = many
                        .iter()
                        .copied()
                        .filter(|&r| own_art.iter().any(|&f| uf.find(f) == r))
                        .collect();
                    if let [one] = own.as_slice() { Some(*one) } else { None }
                }
                _ => None,
            };
            if let Some(t) = target {
                // Score against the cluster's mention in the same article, else its first.
                let same_art = own_art
                    .iter()
                    .copied()
                    .filter(|&f| name(s).fits(name(f)) && uf.find(f) == t)
                    .min();
                let first = reps.iter().copied().filter(|&f| uf.find(f) == t).min();
                let partner = same_art.or(first).unwrap_or(t);
                let score = if mentions[partner].art == mentions[s].art {
                    1.0
                } else {
                    pair_score(arts, mentions[s], mentions[partner], 0.7, settings)
                        + case_evidence(arts, mode, mentions[s], mentions[partner], settings)
                };
                if score >= threshold && join(&mut uf, s, partner, false, false) {
                    links.push(Link {
                        a: partner,
                        b: s,
                        rule: RULE_SURNAME_ONLY,
                        score,
                    });
                }
            } else if mode == Mode::Case && roots.is_empty() {
                // The first other surname alone of the block that matches.
                let same = same_of.entry(text(s)).or_insert_with(|| {
                    bare.iter()
                        .copied()
                        .filter(|&o| name(o).matches(name(s), 0))
                        .take(2)
                        .collect()
                });
                if let Some(&o) = same.iter().find(|&&o| o != s)
                    && join(&mut uf, s, o, false, false)
                {
                    links.push(Link {
                        a: o,
                        b: s,
                        rule: RULE_SAME_NAME,
                        score: 1.0,
                    });
                }
            }
        }
    }
    if mode == Mode::Case {
        // One defendant the extractor listed twice in one article under two
        // spellings ("Kanyishai"/"Kanyashai Mamyrkulova", "Pham Doan Trang"/
        // "Pham Thi Doan Trang"): full names that match (not by an initial),
        // both defendants of the article.
        for members in blocks.values() {
            // Only pairs of one article, in the order of a loop over all pairs.
            for (a, b) in same_article_pairs(members, mentions) {
                let (ma, mb) = (mentions[a], mentions[b]);
                if uf.find(a) == uf.find(b)
                    || !name(a).has_given()
                    || !name(b).has_given()
                    || !arts[ma.art].defendants.contains(&ma.person)
                    || !arts[mb.art].defendants.contains(&mb.person)
                    || co_subjects(&arts[ma.art], ma.person, mb.person)
                {
                    continue;
                }
                if let Some((rule, _)) = name_rule(name(a), name(b), settings)
                    && rule != RULE_INITIAL
                    && join(&mut uf, a, b, false, false)
                {
                    links.push(Link {
                        a,
                        b,
                        rule: RULE_SAME_ARTICLE,
                        score: 1.0,
                    });
                }
            }
        }
        // Across surname blocks, blocked by the folded first given name instead.
        let mut by_given: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for i in 0..mentions.len() {
            if let Some(g) = name(i).given.first() {
                by_given.entry(g.as_str()).or_default().push(i);
            }
        }
        for members in by_given.values() {
            // Only pairs whose surnames may be variants (an index, not all pairs).
            for (a, b) in variant_pairs(members, |i| name(i).bare_surname()) {
                if uf.find(a) != uf.find(b)
                    && surname_variant(arts, mentions[a], mentions[b])
                    && join(&mut uf, a, b, true, false)
                {
                    let score = strsim::jaro_winkler(name(a).bare_surname(), name(b).bare_surname());
                    links.push(Link {
                        a,
                        b,
                        rule: RULE_SURNAME_VARIANT,
                        score,
                    });
                }
            }
        }
        // One defendant under two surnames (a pen name and a legal name):
        // the same first given name, and one act reported for each on the
        // same day with exactly the same other named co-defendants.
        let index: BTreeMap<Mention, usize> = mentions.iter().enumerate().map(|(i, &m)| (m, i)).collect();
        // Each mention's acts, computed once: only mentions that share a
        // first given name with another are compared.
        let mut acts: BTreeMap<usize, Vec<Act>> = BTreeMap::new();
        for members in by_given.values().filter(|m| m.len() > 1) {
            for &i in members {
                acts.entry(i).or_insert_with(|| acts_of(arts, &index, mentions[i]));
            }
        }
        let none: Vec<Act> = Vec::new();
        for members in by_given.values() {
            // Only pairs of different surnames with an act of one type on
            // one day, each with other named subjects (an index, not all pairs).
            for (a, b) in act_pairs(members, &acts, |i| name(i).bare_surname()) {
                if uf.find(a) == uf.find(b)
                    || name(a).bare_surname() == name(b).bare_surname()
                    || !name(a).has_given()
                    || !name(b).has_given()
                    || !shared_act(
                        acts.get(&a).unwrap_or(&none),
                        acts.get(&b).unwrap_or(&none),
                        &mut uf,
                        a,
                        b,
                    )
                    || ever_co_subjects(arts, mentions, &index, &members_of.borrow(), &mut uf, a, b)
                {
                    continue;
                }
                if join(&mut uf, a, b, false, false) {
                    links.push(Link {
                        a,
                        b,
                        rule: RULE_SHARED_ACT,
                        score: 1.0,
                    });
                }
            }
        }
    }
    (uf.groups(), links)
}

/// The clusters of one surname block's full-name mentions (`full`), by
/// root, as positions in `full`: lets rules 1 and 2 of [`cluster`] visit,
/// for each mention, only the later mentions of *other* clusters, in
/// position order: the pairs a loop over all pairs would not skip (a pair
/// already in one cluster stays so). A case whose block holds one
/// defendant's thousands of reports then costs a pass, not their square.
struct BlockOrder {
    by_root: BTreeMap<usize, BTreeSet<usize>>,
}

impl BlockOrder {
    fn new(full: &[usize], uf: &mut UnionFind) -> Self {
        let mut by_root: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (pos, &f) in full.iter().enumerate() {
            by_root.entry(uf.find(f)).or_default().insert(pos);
        }
        BlockOrder { by_root }
    }

    /// The positions after `x` of clusters other than `root`, ascending.
    /// Linear in the block's clusters plus the positions returned.
    fn after(&self, root: usize, x: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .by_root
            .iter()
            .filter(|&(&r, _)| r != root)
            .flat_map(|(_, ps)| ps.range(x + 1..).copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// Clusters `ra` and `rb` joined under `root` (the smaller set moves).
    fn merged(&mut self, ra: usize, rb: usize, root: usize) {
        let a = self.by_root.remove(&ra).unwrap_or_default();
        let b = self.by_root.remove(&rb).unwrap_or_default();
        let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        big.extend(small);
        if !big.is_empty() {
            self.by_root.insert(root, big);
        }
    }
}

/// The pairs `(a, b)` of `members` (mention indices) that are mentions of
/// one article, in the order of a loop over all pairs of `members` (by
/// position): the pairs rule 4 of [`cluster`] can join, without visiting
/// every pair of a surname block (a case's block holds every report of its
/// defendant). Linear in the members plus the pairs of each article.
fn same_article_pairs(members: &[usize], mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut by_art: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (pos, &i) in members.iter().enumerate() {
        by_art.entry(mentions[i].art).or_default().push(pos);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for ps in by_art.values() {
        for (x, &p) in ps.iter().enumerate() {
            pairs.extend(ps[x + 1..].iter().map(|&q| (p, q)));
        }
    }
    pairs.sort_unstable();
    pairs.into_iter().map(|(p, q)| (members[p], members[q])).collect()
}

/// Moves the set of cluster `other` into that of `root`, the smaller into
/// the larger: the sets of a root swap places first when `other`'s is the
/// larger, so that every member moves O(log n) times over a whole
/// clustering.
fn merge_into<T: Default + ClusterSet>(sets: &mut [T], root: usize, other: usize) {
    if sets[root].len() < sets[other].len() {
        sets.swap(root, other);
    }
    let moved = std::mem::take(&mut sets[other]);
    sets[root].absorb(moved);
}

/// A set kept per cluster root, for [`merge_into`].
trait ClusterSet {
    fn len(&self) -> usize;
    fn absorb(&mut self, other: Self);
}

impl<T> ClusterSet for Vec<T> {
    fn len(&self) -> usize {
        self.len()
    }
    fn absorb(&mut self, other: Self) {
        self.extend(other);
    }
}

impl<T: Ord> ClusterSet for BTreeSet<T> {
    fn len(&self) -> usize {
        self.len()
    }
    fn absorb(&mut self, other: Self) {
        self.extend(other);
    }
}

/// The most pairs of cluster roots `cluster` remembers as refused by the
/// namesake rule (16 bytes each, 16 MB); past it, pairs are scored and
/// refused as before, only slower.
const MAX_REFUSED_PAIRS: usize = 1_000_000;

/// Most distinct affiliations a cluster of [`cluster`] keeps; a cluster
/// with more (only joins that compared disagreeing affiliations and still
/// reached the threshold make one) counts as disagreeing with every cluster
/// that has an affiliation. Bounds the namesake check to 16 × 16
/// comparisons a join.
const MAX_CLUSTER_OUTLETS: usize = 16;

/// The folded affiliations of one cluster's mentions, for the namesake
/// rule: a join by a pair of mentions that did not both name an affiliation
/// (so their score did not weigh one outlet against another) is refused
/// when the two clusters' affiliations disagree. (A pair that names two
/// outlets was scored for them: one that agrees joins its cluster even
/// when that cluster holds another outlet too, as a journalist who moved
/// from one outlet to another does.) Outlets agree as [`attr_agree`] says:
/// one name's words within the other's. Without it a mention that
/// names no outlet ("journalist Ivan Petrov was detained") joins every
/// namesake it fits — Ivan Petrov of one outlet and Ivan Petrov of another,
/// whom their affiliations keep apart — and single-linkage chains their
/// unrelated prosecutions into one case; with it, the mention joins the
/// first of them in the clustering's order, and the namesakes stay apart.
#[derive(Debug, Default)]
struct Outlets {
    names: Vec<String>,
    /// More than [`MAX_CLUSTER_OUTLETS`] distinct affiliations were joined.
    overflow: bool,
}

impl Outlets {
    /// The affiliations of a one-mention cluster.
    fn of(affiliation: Option<&str>) -> Self {
        Outlets {
            names: affiliation.map(str::to_string).into_iter().collect(),
            overflow: false,
        }
    }

    /// Whether every affiliation of one cluster agrees with every one of the
    /// other ([`attr_agree`]); a cluster with none agrees with all.
    fn agree(&self, other: &Outlets) -> bool {
        if self.names.is_empty() || other.names.is_empty() {
            return true;
        }
        !self.overflow && !other.overflow && self.names.iter().all(|x| other.names.iter().all(|y| attr_agree(x, y)))
    }

    /// Adds the affiliations of a joined cluster.
    fn absorb(&mut self, other: Outlets) {
        self.overflow |= other.overflow;
        for name in other.names {
            if !self.names.contains(&name) {
                if self.names.len() == MAX_CLUSTER_OUTLETS {
                    self.overflow = true;
                    break;
                }
                self.names.push(name);
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{BlockOrder, MAX_CLUSTER_OUTLETS, Outlets, attr_agree, contains_words};
    use crate::unionfind::UnionFind;

    #[test]
    fn outlets_agree_by_whole_words_in_order() {
        for (whole, part, expected) in [
            ("kloop media", "kloop", true),
            ("kloop-media", "kloop media", true),
            ("the quay post daily", "quay post", true),
            ("gray times", "ray", false),
            ("ray of light", "ray", true),
            ("post quay", "quay post", false),
            ("quay posts", "quay post", false),
            ("abc", "", false),
            ("", "abc", false),
            ("harbor light", "light harbor", false),
        ] {
            assert_eq!(contains_words(whole, part), expected, "{whole:?} / {part:?}");
        }
        assert!(attr_agree("kloop", "kloop media") && attr_agree("kloop media", "kloop"));
        assert!(!attr_agree("ray", "gray times") && !attr_agree("tundra observer", "sahil light"));
    }

    #[test]
    fn a_block_order_gives_the_later_positions_of_other_clusters() {
        // Mentions 10..16 form the block's full names, positions 0..6.
        let full = [10, 11, 12, 13, 14, 15];
        let mut uf = UnionFind::new(20);
        uf.union(10, 13); // positions 0 and 3: one cluster
        uf.union(11, 15); // positions 1 and 5
        let mut order = BlockOrder::new(&full, &mut uf);
        assert_eq!(order.after(uf.find(10), 0), vec![1, 2, 4, 5]);
        assert_eq!(order.after(uf.find(11), 1), vec![2, 3, 4]);
        assert_eq!(order.after(uf.find(14), 4), vec![5]);
        // Joining the clusters of positions 0 and 2 (mentions 10 and 12).
        let (ra, rb) = (uf.find(10), uf.find(12));
        uf.union(10, 12);
        order.merged(ra, rb, uf.find(10));
        assert_eq!(order.after(uf.find(10), 0), vec![1, 4, 5]);
        assert_eq!(order.after(uf.find(11), 1), vec![2, 3, 4]);
        assert_eq!(order.after(uf.find(12), 3), vec![4, 5]);
    }

    #[test]
    fn outlets_agree_by_containment_and_a_cluster_of_too_many_agrees_with_none() {
        let kloop = Outlets::of(Some("kloop"));
        let mut media = Outlets::of(Some("kloop media"));
        assert!(kloop.agree(&media));
        assert!(Outlets::of(None).agree(&Outlets::of(Some("azattyk"))));
        assert!(!kloop.agree(&Outlets::of(Some("azattyk"))));
        // whole words only: "ray" is no part of "gray times"
        assert!(!Outlets::of(Some("ray")).agree(&Outlets::of(Some("gray times"))));
        media.absorb(Outlets::of(Some("azattyk")));
        assert!(!kloop.agree(&media), "one disagreeing outlet of the cluster is enough");
        let mut many = Outlets::of(Some("outlet 0"));
        for i in 1..=MAX_CLUSTER_OUTLETS {
            assert!(!many.overflow);
            many.absorb(Outlets::of(Some(&format!("outlet {i}"))));
        }
        assert!(many.overflow);
        assert_eq!(many.names.len(), MAX_CLUSTER_OUTLETS);
        assert!(!many.agree(&Outlets::of(Some("outlet 0"))));
        assert!(many.agree(&Outlets::of(None)));
    }
}
