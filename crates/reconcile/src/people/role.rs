//! The person of a case from its clustered mentions: canonical name, variants, attributes and role (with the rule that set it).

use super::Mention;
use crate::articles::Article;
use crate::names::fold;
use crate::text::Tally;
use casewatch_model::{OrgKind, Role};
use std::collections::{BTreeMap, BTreeSet};

/// A reconciled person of a case, before ids are given out.
#[derive(Debug, Clone)]
pub(crate) struct PersonDraft {
    pub name: String,
    pub variants: Vec<String>,
    pub occupation: Option<String>,
    pub affiliation: Option<String>,
    pub former: Option<bool>,
    pub role: Role,
    /// The rule that set the role (see [`role_of`]).
    pub role_rule: &'static str,
    /// The earliest mention (article rank, person index): the order within a role.
    pub first: Mention,
    pub mentions: Vec<Mention>,
}

/// Occupation words of each role, checked in this order on the lower-case
/// occupation (a word or phrase anywhere in it); the first hit wins. Where a
/// role's words come from: the taxonomy's participants and the way reports
/// introduce them ("lawyer X", "judge X", "X, a spokesperson for…").
const ROLE_WORDS: [(Role, &[&str]); 7] = [
    (
        Role::Lawyer,
        &[
            "lawyer",
            "attorney",
            "advocate",
            "counsel",
            "barrister",
            "solicitor",
            "адвокат",
            "avocat",
        ],
    ),
    (Role::Judge, &["judge", "justice", "magistrate", "судья", "juge"]),
    (
        Role::Prosecutor,
        &[
            "prosecutor",
            "investigator",
            "procurator",
            "прокурор",
            "следовател",
            "procureur",
        ],
    ),
    (
        Role::Relative,
        &[
            "wife",
            "husband",
            "mother",
            "father",
            "son",
            "daughter",
            "brother",
            "sister",
            "spouse",
            "relative",
            "parent",
            "widow",
            "partner",
            "uncle",
            "aunt",
            "nephew",
            "niece",
            "cousin",
            "fiancé",
            "fiancee",
            "мать",
            "отец",
            "жена",
            "муж",
            "сестра",
            "брат",
            "сын",
            "дочь",
        ],
    ),
    (
        Role::Expert,
        &["expert", "linguist", "psychologist", "forensic", "эксперт"],
    ),
    (Role::Witness, &["witness", "свидетел"]),
    (
        Role::Official,
        &[
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "official",
            "minister",
            "officer",
            "press secretary",
            "police",
            "ombudsman",
            "president",
            "prime minister",
            "governor",
            "mayor",
            "ambassador",
            "head of state",
            "commissioner",
            "chairman of the state",
            "interior",
            "security service",
            "министр",
            "пресс-секретар",
            "президент",
            "полици",
            "ministre",
            "porte-parole",
        ],
    ),
];

/// Occupation words of people quoted on a case from outside it: rights
/// defenders, press-freedom groups, researchers, politicians.
const COMMENTATOR_WORDS: [&str; 14] = [
    "activist",
    "rights defender",
    "human rights",
    "campaigner",
    "researcher",
    "analyst",
    "politician",
    "lawmaker",
    "mp",
    "member of parliament",
    "opposition",
    "representative",
    "coordinator",
    "правозащит",
];

/// The role of one person of a case and the rule that set it. In order:
///
/// 1. `subject_of_legal_event` → defendant: a subject of a legal event
///    ([`crate::articles::DEFENDANT_TYPES`], not denied) that an article is
///    about (a central defendant); `subject_in_passing` when only mentioned
///    as such in articles about others;
/// 2. `honorific` → lawyer: named with a lawyer's honorific ("Me X");
///    `occupation` → lawyer, judge, prosecutor, relative, expert, witness
///    or official by the words of the most frequent occupation
///    ([`ROLE_WORDS`]), then by any other occupation given;
/// 3. `affiliation_kind` → by the kind of organisation the person is
///    affiliated with in the article: a court → judge, a prosecutor's
///    office → prosecutor, police, security agency or government →
///    official, an NGO → commentator;
/// 4. `subject_of_questioning` → witness;
/// 5. `quoted` → commentator: the article cites the person for an event
///    (`attributed_to`), or the occupation is a commentator's ([`COMMENTATOR_WORDS`]);
/// 6. `no_role_evidence` → mentioned.
fn role_of(arts: &[Article], mentions: &[Mention], occupation: &Option<String>) -> (Role, &'static str) {
    if mentions.iter().any(|m| arts[m.art].central.contains(&m.person)) {
        return (Role::Defendant, "subject_of_legal_event");
    }
    if mentions.iter().any(|m| arts[m.art].defendants.contains(&m.person)) {
        return (Role::Defendant, "subject_in_passing");
    }
    if mentions.iter().any(|m| arts[m.art].counsel.contains(&m.person)) {
        return (Role::Lawyer, "honorific");
    }
    let occupations: Vec<String> = occupation
        .iter()
        .cloned()
        .chain(
            mentions
                .iter()
                .filter_map(|m| arts[m.art].rec.people[m.person].occupation.clone()),
        )
        .map(|o| o.to_lowercase())
        .collect();
    let has = |o: &str, w: &str| {
        if w.chars().all(|c| c.is_ascii_alphabetic()) {
            o.split(|c: char| !c.is_alphanumeric())
                .any(|t| t == w || (w.len() > 4 && t.starts_with(w)))
        } else {
            o.contains(w)
        }
    };
    for o in &occupations {
        for (role, words) in ROLE_WORDS {
            if words.iter().any(|w| has(o, w)) {
                return (role, "occupation");
            }
        }
    }
    for m in mentions {
        let rec = arts[m.art].rec;
        let Some(aff) = rec.people[m.person].affiliation.as_deref().map(fold) else {
            continue;
        };
        let kind = rec
            .organizations
            .iter()
            .find(|o| fold(&o.name) == aff || o.variants.iter().any(|v| fold(v) == aff))
            .map(|o| o.kind);
        let role = match kind {
            Some(OrgKind::Court) => Role::Judge,
            Some(OrgKind::Prosecutor) => Role::Prosecutor,
            Some(OrgKind::Police | OrgKind::SecurityAgency | OrgKind::Government) => Role::Official,
            Some(OrgKind::Ngo) => Role::Commentator,
            _ => continue,
        };
        return (role, "affiliation_kind");
    }
    if mentions.iter().any(|m| arts[m.art].questioned.contains(&m.person)) {
        return (Role::Witness, "subject_of_questioning");
    }
    if mentions.iter().any(|m| arts[m.art].speakers.contains(&m.person))
        || occupations.iter().any(|o| COMMENTATOR_WORDS.iter().any(|w| has(o, w)))
    {
        return (Role::Commentator, "quoted");
    }
    (Role::Mentioned, "no_role_evidence")
}

/// Builds the person of one cluster: canonical name (the most frequent full
/// form among the articles' fullest forms, `Person::name`: ties to the form
/// with more words, then the longer, then the earliest seen), every spelling seen (sorted), the most
/// frequent occupation/affiliation/former, and the role with its rule ([`role_of`]).
pub(crate) fn draft(arts: &[Article], mentions: &[Mention]) -> PersonDraft {
    let mut full: BTreeMap<String, (BTreeSet<usize>, Mention)> = BTreeMap::new();
    let mut any: Tally<String> = Tally::default();
    let mut variants: BTreeSet<String> = BTreeSet::new();
    let mut occupation: Tally<String> = Tally::default();
    let mut affiliation: Tally<String> = Tally::default();
    let mut former: Tally<bool> = Tally::default();
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    for &m in mentions {
        let art = &arts[m.art];
        let p = &art.rec.people[m.person];
        let pos = (m.art, m.person);
        let shown = &art.shown[m.person];
        any.add(shown.clone(), m.art, pos);
        variants.insert(shown.clone());
        // The record's other spellings, cleaned like the name; junk ones are left out.
        variants.extend(p.variants.iter().filter_map(|v| crate::names::clean_name(v)));
        if art.names[m.person].has_given() {
            let e = full.entry(shown.clone()).or_insert_with(|| (BTreeSet::new(), m));
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
    let (role, role_rule) = role_of(arts, mentions, &occupation);
    PersonDraft {
        name: canonical,
        variants: variants.into_iter().collect(),
        affiliation: original(&affiliation),
        former: former.winner().copied(),
        occupation,
        role,
        role_rule,
        first: mentions.iter().copied().min().unwrap_or(Mention { art: 0, person: 0 }),
        mentions: mentions.to_vec(),
    }
}
