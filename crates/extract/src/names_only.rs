//! Articles in a language without an extraction pack (Spanish, Kyrgyz, …;
//! French when the French pack is not loaded): the people and organisations that the pack of the same script
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
    let not_names: &[String] = ex.russian().map_or(&[], |pack| pack.lexicon().not_names.as_slice());
    for p in &mut rec.people {
        // titles of address that the English recogniser does not know ("Me" = Maître, "Sra.")
        let words: Vec<&str> = p.name.split_whitespace().collect();
        let skip = words.iter().take_while(|w| TITLES.contains(w)).count();
        if skip > 0 {
            // "Me Kabengela": a title and a surname alone is not a full name
            p.name = if words.len() - skip >= 2 {
                words[skip..].join(" ")
            } else {
                String::new()
            };
        }
        // Turkic case endings on a surname of the Russian pattern: "Мамыркулованын" → "Мамыркулова"
        if cyrillic > latin {
            let mut words: Vec<String> = p.name.split_whitespace().map(str::to_string).collect();
            if let Some(last) = words.last_mut() {
                *last = strip_turkic_case(last);
            }
            p.name = words.join(" ");
        }
    }
    // keep full names only, none with a word that is a place or non-name (any inflection), renumbered
    rec.people.retain(|p| {
        p.name.split_whitespace().count() >= 2
            && !p.name.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                not_names
                    .iter()
                    .any(|n| n.chars().count() >= 5 && w.starts_with(n.as_str()))
            })
    });
    let mut seen: Vec<String> = Vec::new();
    rec.people.retain(|p| {
        let dup = seen.contains(&p.name);
        seen.push(p.name.clone());
        !dup
    });
    for (i, p) in rec.people.iter_mut().enumerate() {
        p.id = format!("p{}", i + 1);
    }
    extraction
}

/// Titles of address in French, Spanish and Portuguese reports.
const TITLES: &[&str] = &[
    "Me", "Maître", "M.", "Mme", "Mlle", "Sr.", "Sra.", "Dr.", "Dra.", "Don", "Doña",
];

/// Strips a Kyrgyz or Kazakh case ending from a surname of the Russian
/// pattern (‑ов/‑ев/‑ин and their feminines): genitive ‑нын/‑нин/‑дын/‑тын,
/// dative ‑га/‑ка/‑ге/‑ке, accusative ‑ны/‑ни/‑ды/‑ту, locative ‑да/‑та,
/// ablative ‑дан/‑тан. Other words are returned unchanged.
fn strip_turkic_case(word: &str) -> String {
    const ENDINGS: &[&str] = &[
        "нын", "нин", "нун", "нүн", "дын", "дин", "тын", "тин", "дан", "ден", "тан", "тен", "нан", "нен", "га", "ка",
        "ге", "ке", "ны", "ни", "ну", "нү", "ды", "ди", "ты", "ти", "да", "де", "та", "те",
    ];
    const STEMS: &[&str] = &["ов", "ев", "ин", "ова", "ева", "ина", "уулу", "кызы"];
    for e in ENDINGS {
        if let Some(stem) = word.strip_suffix(e)
            && stem.chars().count() >= 4
            && STEMS.iter().any(|s| stem.ends_with(s))
        {
            return stem.to_string();
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::strip_turkic_case;

    #[test]
    fn kyrgyz_case_endings() {
        assert_eq!(strip_turkic_case("Асанованын"), "Асанова");
        assert_eq!(strip_turkic_case("Асановга"), "Асанов");
        assert_eq!(strip_turkic_case("Асанов"), "Асанов");
        assert_eq!(strip_turkic_case("Бишкекте"), "Бишкекте");
    }
}
