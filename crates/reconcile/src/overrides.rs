//! Reviewer decisions that change the reconciliation itself (merged people, split people, moved articles), resolved against the articles at hand.
//!
//! The public shapes ([`Overrides`], [`MentionRef`], [`Split`], [`Move`])
//! name mentions and articles by their stable keys (article id, record-local
//! person id), so a decision keeps its meaning whatever else is ingested.
//! [`Resolved`] maps them to the indices of one run; a decision whose
//! mentions are not among the records of the run simply does nothing there.

use crate::articles::Article;
use crate::names::fold;
use crate::people::{Constraints, Mention};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One person mention: the person `person` (record-local id, `p1`) of the
/// article `article` (`ArticleMeta::id`). Also used for organisations
/// (`person` is then the record-local organisation id, `o1`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionRef {
    /// Article id.
    pub article: String,
    /// Record-local id of the person (or organisation) in that article.
    pub person: String,
}

/// A reviewer's split of one person: the mentions whose name (folded) is one
/// of `variants` become a person of their own, and never again join the
/// other mentions of the person (`anchors`, the person's mentions when the
/// decision was taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// The person's mentions when the decision was taken.
    pub anchors: Vec<MentionRef>,
    /// The spellings that go to the new person.
    pub variants: Vec<String>,
}

/// A reviewer's move of one article into another case: the article no
/// longer links by its own people or outlet and joins the case that holds
/// `anchors` (the target case's articles when the decision was taken; the
/// first of them present in a run is used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The moved article's id.
    pub article: String,
    /// Articles of the target case.
    pub anchors: Vec<String>,
}

/// Every reviewer decision that the reconciliation must obey.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    /// Groups of mentions a reviewer declared one person (a merge of two
    /// people is one group with the mentions of both).
    pub merges: Vec<Vec<MentionRef>>,
    /// Person splits, oldest first.
    pub splits: Vec<Split>,
    /// Article moves (one per article; the latest decision).
    pub moves: Vec<Move>,
}

impl Overrides {
    /// The articles the decisions mention (merge and split mentions, moved
    /// articles and their anchors), sorted: whoever rebuilds part of the
    /// store must rebuild these together with any case that holds one.
    pub fn articles(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for g in &self.merges {
            out.extend(g.iter().map(|m| m.article.clone()));
        }
        for s in &self.splits {
            out.extend(s.anchors.iter().map(|m| m.article.clone()));
        }
        for m in &self.moves {
            out.insert(m.article.clone());
            out.extend(m.anchors.iter().cloned());
        }
        out
    }

    /// The spellings reviewer splits send to a person of their own,
    /// folded ([`crate::names::fold`]): a mention with such a name takes a
    /// side of that split wherever it appears, new articles included.
    pub fn split_variants(&self) -> BTreeSet<String> {
        self.splits
            .iter()
            .flat_map(|s| s.variants.iter().map(|v| fold(v)))
            .collect()
    }
}

/// The overrides of one run, by article rank and person index.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    /// Merge groups present in the run, each with at least two mentions.
    pub merges: Vec<Vec<Mention>>,
    /// Split sides of each labelled mention: (split index, variant side?).
    pub sides: BTreeMap<Mention, Vec<(usize, bool)>>,
    /// Moved articles (rank) → the rank of the anchor article they join, if present.
    pub moves: BTreeMap<usize, Option<usize>>,
}

impl Resolved {
    /// Resolves `ov` against the articles of a run.
    pub(crate) fn new(arts: &[Article], ov: &Overrides) -> Self {
        let rank: BTreeMap<&str, usize> = arts.iter().enumerate().map(|(i, a)| (a.id(), i)).collect();
        let mention = |m: &MentionRef| -> Option<Mention> {
            let &art = rank.get(m.article.as_str())?;
            let person = arts[art].rec.people.iter().position(|p| p.id == m.person)?;
            Some(Mention { art, person })
        };
        let merges = ov
            .merges
            .iter()
            .map(|g| {
                let mut ms: Vec<Mention> = g.iter().filter_map(mention).collect();
                ms.sort();
                ms.dedup();
                ms
            })
            .filter(|g| g.len() > 1)
            .collect();
        let mut sides: BTreeMap<Mention, Vec<(usize, bool)>> = BTreeMap::new();
        for (si, split) in ov.splits.iter().enumerate() {
            let variants: BTreeSet<String> = split.variants.iter().map(|v| fold(v)).collect();
            let mut labelled: BTreeSet<Mention> = BTreeSet::new();
            for (art, a) in arts.iter().enumerate() {
                for person in 0..a.rec.people.len() {
                    if variants.contains(&a.names[person].folded) {
                        let m = Mention { art, person };
                        sides.entry(m).or_default().push((si, true));
                        labelled.insert(m);
                    }
                }
            }
            for m in split.anchors.iter().filter_map(mention) {
                if !labelled.contains(&m) {
                    sides.entry(m).or_default().push((si, false));
                }
            }
        }
        let mut moves = BTreeMap::new();
        for mv in &ov.moves {
            if let Some(&art) = rank.get(mv.article.as_str()) {
                let anchor = mv
                    .anchors
                    .iter()
                    .filter_map(|a| rank.get(a.as_str()).copied())
                    .filter(|&r| r != art)
                    .min();
                moves.insert(art, anchor);
            }
        }
        Resolved { merges, sides, moves }
    }

    /// The constraints for clustering `mentions`: merge groups restricted
    /// to the mentions present, split sides per mention.
    pub(crate) fn constraints(&self, mentions: &[Mention]) -> Constraints {
        let index: BTreeMap<Mention, usize> = mentions.iter().enumerate().map(|(i, &m)| (m, i)).collect();
        let must = self
            .merges
            .iter()
            .map(|g| g.iter().filter_map(|m| index.get(m).copied()).collect::<Vec<usize>>())
            .filter(|g| g.len() > 1)
            .collect();
        let labels = mentions
            .iter()
            .map(|m| self.sides.get(m).cloned().unwrap_or_default())
            .collect();
        Constraints { must, labels }
    }
}
