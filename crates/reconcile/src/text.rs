//! Small text helpers: content-word sets and their overlap, and majority votes with deterministic tie-breaking.

use crate::names::fold;
use std::collections::{BTreeMap, BTreeSet};

/// Words that say nothing about which event or group a phrase describes.
const STOPWORDS: [&str; 40] = [
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "from", "with", "by", "as", "his", "her",
    "their", "its", "he", "she", "they", "him", "them", "was", "were", "is", "be", "been", "had", "has", "have",
    "that", "this", "who", "which", "after", "before", "into", "not",
];

/// The folded content words of a phrase (stopwords and one-letter tokens dropped).
pub(crate) fn content_words(text: &str) -> BTreeSet<String> {
    fold(text)
        .split(' ')
        .filter(|w| w.len() > 1 && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Jaccard overlap of two word sets, 0.0 when either is empty.
pub(crate) fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    inter as f64 / union as f64
}

/// A vote: each value is backed by a set of articles (counted once each) and
/// remembers the earliest position it was seen at. The winner has the most
/// articles, then the earliest position, then the smallest key, so the
/// result never depends on input order.
#[derive(Debug, Clone)]
pub(crate) struct Tally<K: Ord + Clone> {
    votes: BTreeMap<K, (BTreeSet<usize>, (usize, usize))>,
}

impl<K: Ord + Clone> Default for Tally<K> {
    fn default() -> Self {
        Self { votes: BTreeMap::new() }
    }
}

impl<K: Ord + Clone> Tally<K> {
    /// Records that `article` gives `key`, seen at `position` (an ordering
    /// key such as (article rank, offset)).
    pub(crate) fn add(&mut self, key: K, article: usize, position: (usize, usize)) {
        let entry = self.votes.entry(key).or_insert_with(|| (BTreeSet::new(), position));
        entry.0.insert(article);
        if position < entry.1 {
            entry.1 = position;
        }
    }

    /// The winning key.
    pub(crate) fn winner(&self) -> Option<&K> {
        self.ranked().first().map(|(k, _)| *k)
    }

    /// Every key with its articles, winner first.
    pub(crate) fn ranked(&self) -> Vec<(&K, &BTreeSet<usize>)> {
        let mut all: Vec<_> = self.votes.iter().collect();
        all.sort_by(|(ka, (aa, pa)), (kb, (ab, pb))| ab.len().cmp(&aa.len()).then(pa.cmp(pb)).then(ka.cmp(kb)));
        all.into_iter().map(|(k, (arts, _))| (k, arts)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_drop_stopwords() {
        let w = content_words("The outlet's office, searched the following day");
        assert!(w.contains("outlets") && w.contains(&fold("office")) && !w.contains("the"));
        assert_eq!(w.len(), 5); // outlets, office, searched, following, day
    }

    #[test]
    fn tally_prefers_more_articles_then_earlier() {
        let mut t = Tally::default();
        t.add("b", 0, (0, 5));
        t.add("a", 1, (1, 0));
        assert_eq!(t.winner(), Some(&"b"));
        t.add("a", 2, (2, 0));
        t.add("a", 2, (2, 9)); // same article counts once
        assert_eq!(t.winner(), Some(&"a"));
        assert_eq!(t.ranked()[0].1.len(), 2);
    }
}
