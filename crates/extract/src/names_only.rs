//! Articles in a language without an extraction pack (French, Spanish,
//! Kyrgyz, …): the people and organisations that the pack of the same script
//! can recognise, and no events or charges, since triggers and status cues are
//! words of a language we do not read.
//!
//! A person is kept only with a given name and a surname (two or more name
//! words): a single capitalised word of an unknown language is too often a
//! common noun at a sentence start.

use crate::{Extraction, Extractor};
use casewatch_model::ArticleMeta;

/// Extracts the people and organisations of an article in a language without a pack.
pub(crate) fn extract(ex: &Extractor, meta: ArticleMeta, body: &str) -> Extraction {
    let cyrillic = body.chars().filter(|c| ('\u{0400}'..='\u{04FF}').contains(c)).count();
    let latin = body.chars().filter(char::is_ascii_alphabetic).count();
    let mut extraction = match ex.russian() {
        Some(pack) if cyrillic > latin => pack.extract(meta, body),
        _ => ex.extract_english(meta, body),
    };
    let rec = &mut extraction.record;
    rec.events.clear();
    rec.charges.clear();
    extraction.explanations.clear();
    // keep full names only, renumbered
    rec.people.retain(|p| p.name.split_whitespace().count() >= 2);
    for (i, p) in rec.people.iter_mut().enumerate() {
        p.id = format!("p{}", i + 1);
    }
    extraction
}
