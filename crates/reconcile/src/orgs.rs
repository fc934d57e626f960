//! Organisation matching keys: folded names, acronyms in either script, and normalised court names.
//!
//! Two organisation entries of a case are one organisation when their key
//! sets ([`org_keys`]) meet. The keys of a name are
//!
//! * `n:` + the folded name without a leading "the" (so "ГКНБ" and "GKNB"
//!   meet: folding transliterates);
//! * for a name of two or more content words, `a:` + the folded initials
//!   ("State Committee for National Security" → `a:skns`, "Государственный
//!   комитет национальной безопасности" → `a:gknb`); for a name that is one
//!   upper-case token of 2–6 letters (an acronym), `a:` + the folded token
//!   ("SCNS" → `a:skns`). Acronym keys only meet acronym keys, so a short
//!   ordinary name never meets an acronym by accident;
//! * for a court (kind `court`, or a name with the word "court"), `c:` + the
//!   court's name without its seat ("Pervomaisky District Court of
//!   Bishkek" and "Pervomaisky district court" → `c:pervomaiski distrikt kourt`),
//!   with "raion"/"rayon" read as "district".
//!
//! Aliases from the lexicons reach the reconciler as the organisations'
//! `variants` (the extractor names a known agency by its canonical name and
//! keeps the alias it saw), and every variant contributes its keys too.
//!
//! ```
//! use casewatch_reconcile::orgs::{org_keys, same_org};
//! use casewatch_model::OrgKind;
//! assert!(same_org("Pervomaisky District Court of Bishkek", "Pervomaisky district court", OrgKind::Court));
//! assert!(same_org("State Committee for National Security", "SCNS", OrgKind::SecurityAgency));
//! assert!(same_org("ГКНБ", "GKNB", OrgKind::SecurityAgency));
//! assert!(!same_org("Lenin District Court", "Pervomaisky District Court", OrgKind::Court));
//! assert!(org_keys("the Interior Ministry", OrgKind::Police).contains(&"n:interior ministri".to_string()));
//! ```

use crate::names::fold;
use casewatch_model::OrgKind;

/// Words left out of acronyms, in both scripts (folded).
const ACRONYM_STOPWORDS: [&str; 12] = ["of", "for", "the", "and", "on", "in", "at", "to", "i", "po", "na", "v"];

/// The folded name without a leading "the".
fn base_key(name: &str) -> String {
    let f = fold(name);
    f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
}

/// Whether a raw name is an acronym: one token of 2–6 letters, all upper-case.
fn is_acronym(name: &str) -> bool {
    let t = name.trim();
    let n = t.chars().count();
    (2..=6).contains(&n) && t.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// The folded acronym of a name of two or more content words, or of a name
/// that is an acronym itself.
pub fn acronym(name: &str) -> Option<String> {
    if is_acronym(name) {
        return Some(fold(name));
    }
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let initials: String = words
        .iter()
        .filter(|w| {
            let f = fold(w);
            !f.is_empty() && !ACRONYM_STOPWORDS.contains(&f.as_str())
        })
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .collect();
    (initials.chars().count() >= 2).then(|| fold(&initials))
}

/// Words that, after "court of", name the court's instance rather than its
/// seat ("Court of Appeal"), folded.
const INSTANCE_WORDS: [&str; 5] = ["apeal", "apeals", "kasation", "justike", "arbitration"];

/// The normalised key of a court name, or `None` when the name has no
/// "court" (`суд`) word or nothing before it: folded, "the" dropped,
/// "raion"/"rayon" → "district", and the seat after the court word ("of
/// Bishkek", "in Baku") dropped; "of Appeal(s)", "of Cassation" are kept.
pub fn court_key(name: &str) -> Option<String> {
    let folded = base_key(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let mut end = words.iter().position(|w| *w == "kourt" || *w == "sud")?;
    if words.get(end + 1) == Some(&"of") && words.get(end + 2).is_some_and(|w| INSTANCE_WORDS.contains(w)) {
        end += 2;
    }
    let kept: Vec<&str> = words[..=end]
        .iter()
        .map(|w| match *w {
            "raion" | "raen" | "raioni" => "distrikt",
            other => other,
        })
        .collect();
    (end > 0).then(|| kept.join(" "))
}

/// Every key of one organisation name (see the module docs). The first key
/// is the name's identity key: the court key for courts, else the folded name.
pub fn org_keys(name: &str, kind: OrgKind) -> Vec<String> {
    let base = base_key(name);
    if base.is_empty() {
        return Vec::new();
    }
    let mut keys = Vec::new();
    let court = if kind == OrgKind::Court || base.split(' ').any(|w| w == "kourt" || w == "sud") {
        court_key(name)
    } else {
        None
    };
    if let Some(c) = court {
        keys.push(format!("c:{c}"));
    }
    keys.push(format!("n:{base}"));
    if let Some(a) = acronym(name) {
        keys.push(format!("a:{a}"));
    }
    keys
}

/// Whether two names of organisations of one kind share a key.
pub fn same_org(a: &str, b: &str, kind: OrgKind) -> bool {
    let kb = org_keys(b, kind);
    org_keys(a, kind).iter().any(|k| kb.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_in_both_scripts() {
        assert_eq!(
            acronym("State Committee for National Security").as_deref(),
            Some("skns")
        );
        assert_eq!(acronym("SCNS").as_deref(), Some("skns"));
        assert_eq!(
            acronym("Государственный комитет национальной безопасности").as_deref(),
            Some("gknb")
        );
        assert_eq!(acronym("ГКНБ").as_deref(), Some("gknb"));
        assert_eq!(acronym("Kloop"), None);
        assert!(same_org("Committee to Protect Journalists", "CPJ", OrgKind::Ngo));
        // An ordinary one-word name never meets an acronym key.
        assert!(!same_org("Ekho", "Eurasia Kyrgyz Human Organization", OrgKind::Other));
    }

    #[test]
    fn courts_lose_their_seat() {
        assert_eq!(
            court_key("Pervomaisky District Court of Bishkek").as_deref(),
            Some("pervomaiski distrikt kourt")
        );
        assert!(same_org(
            "the Pervomaisky District Court of Bishkek",
            "Pervomaisky district court",
            OrgKind::Court
        ));
        assert!(same_org(
            "Pervomaisky Raion Court",
            "Pervomaisky District Court",
            OrgKind::Court
        ));
        assert!(same_org(
            "Baku Court of Appeal",
            "Baku Court of Appeal of Azerbaijan",
            OrgKind::Court
        ));
        assert!(!same_org("Baku Court of Appeal", "Baku Court", OrgKind::Court));
        assert!(!same_org("Baku Grave Crimes Court", "Baku Court", OrgKind::Court));
        assert_eq!(court_key("Court"), None);
    }
}
