//! Russian personal names in the nominative: which (case, gender) a name
//! written in some case form is in, and its nominative.
//!
//! The dictionary knows common given names, patronymics and surnames and
//! guesses surnames of the ‑ов/‑ев/‑ин family with their gender (its lemma of
//! a feminine surname is feminine: "Ивановой" → "иванова"). For the rest the
//! endings decide, by the rules of Russian grammar books (Розенталь, §
//! "Склонение фамилий"):
//!
//! * ‑ов/‑ев/‑ёв/‑ин/‑ын (masc.): ‑а gn/acc, ‑у dat, ‑ым ins, ‑е loc;
//!   feminine ‑ова/‑ева/‑ина: ‑ой in the oblique cases, ‑у acc;
//! * adjectival ‑ский/‑цкий/‑ой (masc.), ‑ская/‑цкая/‑ая (fem.);
//! * men's names and surnames ending in a consonant: ‑а, ‑у, ‑ом, ‑е
//!   (Жоомарт → Жоомарта, Жоомарту, Жоомартом); women's names ending in a
//!   consonant do not decline (Махабат, Айнур);
//! * names in ‑а/‑я decline like nouns (Гульнара → Гульнары, Гульнаре, Гульнару, Гульнарой);
//! * indeclinable: ‑ко, ‑енко, ‑их/‑ых, ‑аго/‑яго, ‑ово, ‑о, ‑е, ‑и, ‑у, ‑ю
//!   in the nominative, and the Turkic particles уулу / кызы (son / daughter of).

use super::morph::{Case, Cases, Gender, NameType, Word};

/// Which part of a name a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Given name.
    Given,
    /// Patronymic.
    Patronymic,
    /// Surname.
    Surname,
}

/// One way to read a name word: its case(s), gender and nominative (lower-case).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Cases this form can be in.
    pub cases: Cases,
    /// Gender of the bearer.
    pub gender: Gender,
    /// The nominative, lower-case.
    pub nominative: String,
    /// Weight (dictionary probability, or a small prior for rules).
    pub weight: f32,
}

const OBLIQUE: Cases = Case::Gen as u8 | Case::Dat as u8 | Case::Acc as u8 | Case::Ins as u8 | Case::Loc as u8;
const ALL: Cases = OBLIQUE | Case::Nom as u8;

fn c(cases: Cases, gender: Gender, nominative: String, weight: f32) -> Candidate {
    Candidate {
        cases,
        gender,
        nominative,
        weight,
    }
}

/// The readings of `w` as `part` of a name: from the dictionary (readings with
/// the right name type), plus the ending rules above.
pub fn candidates(w: &Word, part: Part) -> Vec<Candidate> {
    let want = match part {
        Part::Given => NameType::Given,
        Part::Patronymic => NameType::Patronymic,
        Part::Surname => NameType::Surname,
    };
    let mut out: Vec<Candidate> = Vec::new();
    for r in w.readings.iter() {
        if r.feats.name == want && !r.feats.plural {
            let g = r.feats.gender;
            out.push(c(r.feats.case, g, r.lemma.to_string(), r.prob.max(0.05)));
        }
    }
    let low = w.tok.lower.as_str();
    let rules = rule_candidates(low, part);
    let known = w.readings.iter().any(|r| r.known && r.feats.name == want);
    for r in rules {
        if !out
            .iter()
            .any(|o| o.nominative == r.nominative && o.gender == r.gender && o.cases & r.cases == r.cases)
        {
            // rules weigh less than the dictionary when it knows the word
            let weight = if known { r.weight * 0.2 } else { r.weight };
            out.push(Candidate { weight, ..r });
        }
    }
    out
}

/// Ending rules for one lower-case word (see the module doc).
pub fn rule_candidates(low: &str, part: Part) -> Vec<Candidate> {
    use Gender::{Fem, Masc};
    let mut out = Vec::new();
    let strip = |suffix: &str| low.strip_suffix(suffix).map(str::to_string);
    let nom = Case::Nom as u8;
    let gn = Case::Gen as u8;
    let dat = Case::Dat as u8;
    let acc = Case::Acc as u8;
    let ins = Case::Ins as u8;
    let loc = Case::Loc as u8;
    // indeclinable endings
    if part == Part::Surname
        && (["ко", "их", "ых", "аго", "яго", "ово", "уулу", "кызы", "улы", "оглы"]
            .iter()
            .any(|e| low.ends_with(e))
            || low.ends_with('и'))
    {
        out.push(c(ALL, Masc, low.to_string(), 0.3));
        out.push(c(ALL, Fem, low.to_string(), 0.3));
        return out;
    }
    match part {
        Part::Surname => {
            for fam in ["ов", "ев", "ёв", "ин", "ын"] {
                if low.ends_with(fam) {
                    out.push(c(nom, Masc, low.to_string(), 0.6));
                }
                if let Some(stem) = strip(&format!("{fam}а")) {
                    out.push(c(gn | acc, Masc, format!("{stem}{fam}"), 0.4));
                    out.push(c(nom, Fem, low.to_string(), 0.4));
                }
                if let Some(stem) = strip(&format!("{fam}у")) {
                    out.push(c(dat, Masc, format!("{stem}{fam}"), 0.4));
                    out.push(c(acc, Fem, format!("{stem}{fam}а"), 0.4));
                }
                if let Some(stem) = strip(&format!("{fam}ым")) {
                    out.push(c(ins, Masc, format!("{stem}{fam}"), 0.5));
                }
                if let Some(stem) = strip(&format!("{fam}е")) {
                    out.push(c(loc, Masc, format!("{stem}{fam}"), 0.5));
                }
                if let Some(stem) = strip(&format!("{fam}ой")) {
                    out.push(c(gn | dat | ins | loc, Fem, format!("{stem}{fam}а"), 0.5));
                }
            }
            for (m, f) in [("ский", "ская"), ("цкий", "цкая")] {
                let stem_m = &m[..m.len() - "ий".len()];
                if low.ends_with(m) {
                    out.push(c(nom, Masc, low.to_string(), 0.6));
                }
                if low.ends_with(f) {
                    out.push(c(nom, Fem, low.to_string(), 0.6));
                }
                for (end, cases, g) in [
                    ("ого", gn | acc, Masc),
                    ("ому", dat, Masc),
                    ("им", ins, Masc),
                    ("ом", loc, Masc),
                    ("ой", gn | dat | ins | loc, Fem),
                    ("ую", acc, Fem),
                ] {
                    if let Some(stem) = strip(&format!("{stem_m}{end}")) {
                        let nomv = if g == Masc {
                            format!("{stem}{m}")
                        } else {
                            format!("{stem}{f}")
                        };
                        out.push(c(cases, g, nomv, 0.5));
                    }
                }
            }
            if out.is_empty() {
                consonant_declension(low, &mut out, true);
            }
        }
        Part::Given => {
            consonant_declension(low, &mut out, false);
            // women's and men's names in -а/-я
            for (end, cases) in [
                ("ы", gn),
                ("и", gn | dat | loc),
                ("е", dat | loc),
                ("у", acc),
                ("ой", ins),
                ("ю", acc),
                ("ей", ins),
            ] {
                if let Some(stem) = strip(end)
                    && stem.chars().count() >= 2
                {
                    let a = if matches!(end, "и" | "ю" | "ей")
                        && !stem.ends_with(['ж', 'ш', 'ч', 'щ', 'ц', 'к', 'г', 'х'])
                    {
                        "я"
                    } else {
                        "а"
                    };
                    out.push(c(cases, Fem, format!("{stem}{a}"), 0.25));
                }
            }
            if low.ends_with('а') || low.ends_with('я') {
                out.push(c(nom, Fem, low.to_string(), 0.3));
            }
            // names of other languages ending in -е, -и, -о, -у do not decline
            // (Лусине, Торнике, Нино): read as written unless the surname or
            // the context says otherwise
            if low.ends_with(['е', 'и', 'о', 'у']) {
                out.push(c(ALL, Fem, low.to_string(), 0.3));
                out.push(c(ALL, Masc, low.to_string(), 0.3));
            }
        }
        Part::Patronymic => {
            for (end, cases, g, nomv) in [
                ("вич", nom, Masc, "вич"),
                ("вича", gn | acc, Masc, "вич"),
                ("вичу", dat, Masc, "вич"),
                ("вичем", ins, Masc, "вич"),
                ("виче", loc, Masc, "вич"),
                ("ична", nom, Fem, "ична"),
                ("ичны", gn, Fem, "ична"),
                ("ичне", dat | loc, Fem, "ична"),
                ("ичну", acc, Fem, "ична"),
                ("ичной", ins, Fem, "ична"),
                ("вна", nom, Fem, "вна"),
                ("вны", gn, Fem, "вна"),
                ("вне", dat | loc, Fem, "вна"),
                ("вну", acc, Fem, "вна"),
                ("вной", ins, Fem, "вна"),
            ] {
                if let Some(stem) = strip(end) {
                    out.push(c(cases, g, format!("{stem}{nomv}"), 0.6));
                }
            }
        }
    }
    out
}

/// Men's names (and surnames) ending in a consonant: -а gn/acc, -у dat, -ом/-ем ins, -е loc;
/// a woman's name ending in a consonant does not decline.
fn consonant_declension(low: &str, out: &mut Vec<Candidate>, surname: bool) {
    use Gender::{Fem, Masc};
    let last = low.chars().last().unwrap_or(' ');
    let vowel = |ch: char| "аеёиоуыэюяь".contains(ch);
    let w = if surname { 0.3 } else { 0.35 };
    if !vowel(last) {
        // a man's name in the nominative, or a woman's that does not decline (Айнур, Канышай)
        out.push(c(Case::Nom as u8, Masc, low.to_string(), w));
        out.push(c(ALL, Fem, low.to_string(), w * 0.6));
    }
    if !surname {
        // men's names in -й: Андрей → Андрея, Андрею, Андреем, Андрее
        for (end, cases) in [
            ("я", Case::Gen as u8 | Case::Acc as u8),
            ("ю", Case::Dat as u8),
            ("ем", Case::Ins as u8),
            ("е", Case::Loc as u8),
        ] {
            if let Some(stem) = low.strip_suffix(end)
                && stem.ends_with(['а', 'е', 'о', 'у', 'и'])
                && stem.chars().count() >= 2
            {
                out.push(c(cases, Masc, format!("{stem}й"), w * 0.8));
            }
        }
    }
    for (end, cases) in [
        ("а", Case::Gen as u8 | Case::Acc as u8),
        ("у", Case::Dat as u8),
        ("ом", Case::Ins as u8),
        ("ем", Case::Ins as u8),
        ("е", Case::Loc as u8),
    ] {
        if let Some(stem) = low.strip_suffix(end) {
            let sl = stem.chars().last().unwrap_or('а');
            if stem.chars().count() >= 2 && !vowel(sl) && sl != 'й' {
                out.push(c(cases, Masc, stem.to_string(), w));
            }
        }
    }
}

/// Upper-cases the first letter of each hyphen- or space-separated part ("ак-буура" → "Ак-Буура").
pub fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
        start = ch == '-' || ch == ' ';
    }
    out
}

/// Upper-cases the first letter of a phrase only ("первомайский районный суд" → "Первомайский районный суд").
pub fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The best (case, gender) reading of a whole name and each part's nominative.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The case(s) the name is written in.
    pub cases: Cases,
    /// The bearer's gender.
    pub gender: Gender,
    /// Nominative of each part, capitalised, in the order written.
    pub parts: Vec<String>,
    /// Score of the reading (product of the parts' weights).
    pub score: f32,
}

/// Resolves a name written as `words` with the parts `roles` (same length):
/// every (case, gender) that all parts can be in is scored by the product of
/// their weights times `context(case, gender)` (agreement with an occupation
/// noun, a preposition or a verb), and the best one gives the nominatives.
/// Particles ("уулу") are passed with role `None` and kept as written.
pub fn resolve(words: &[&Word], roles: &[Option<Part>], context: &dyn Fn(Case, Gender) -> f32) -> Option<Resolved> {
    let cands: Vec<Vec<Candidate>> = words
        .iter()
        .zip(roles)
        .enumerate()
        .map(|(k, (w, r))| match r {
            // the father's name before "уулу"/"кызы" does not decline; the particle gives the gender
            Some(Part::Surname) if roles.get(k + 1) == Some(&None) => {
                let particle = words[k + 1].tok.lower.as_str();
                let gender = if matches!(particle, "кызы" | "гызы" | "кизи" | "қызы") {
                    Gender::Fem
                } else {
                    Gender::Masc
                };
                vec![c(ALL, gender, w.tok.lower.to_string(), 1.0)]
            }
            Some(p) => {
                let mut cs = candidates(w, *p);
                // on a tie the form as written wins (an indeclinable "Лусине" over "Лусина")
                for x in &mut cs {
                    if x.nominative == w.tok.lower.as_str() {
                        x.weight *= 1.01;
                    }
                }
                cs
            }
            None => vec![c(ALL, Gender::None, w.tok.lower.to_string(), 1.0)],
        })
        .collect();
    let mut all: Vec<Resolved> = Vec::new();
    for case in Case::ALL {
        for gender in [Gender::Masc, Gender::Fem] {
            let mut score = context(case, gender);
            let mut parts = Vec::with_capacity(words.len());
            for cs in &cands {
                let pick = cs
                    .iter()
                    .filter(|x| x.cases & case as u8 != 0 && (x.gender == gender || x.gender == Gender::None))
                    .max_by(|a, b| a.weight.total_cmp(&b.weight));
                match pick {
                    Some(x) => {
                        score *= x.weight;
                        parts.push(capitalise(&x.nominative));
                    }
                    None => {
                        score = 0.0;
                        break;
                    }
                }
            }
            if score > 0.0 {
                all.push(Resolved {
                    cases: case as u8,
                    gender,
                    parts,
                    score,
                });
            }
        }
    }
    let mut best = all.iter().max_by(|a, b| a.score.total_cmp(&b.score))?.clone();
    // the other cases the same name can be in ("Константина Габова": genitive or accusative)
    for r in &all {
        if r.gender == best.gender && r.parts == best.parts && r.score >= best.score * 0.01 {
            best.cases |= r.cases;
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noms(low: &str, part: Part) -> Vec<(String, Gender)> {
        rule_candidates(low, part)
            .into_iter()
            .map(|c| (c.nominative, c.gender))
            .collect()
    }

    #[test]
    fn surname_rules() {
        assert!(noms("дуулатова", Part::Surname).contains(&("дуулатов".into(), Gender::Masc)));
        assert!(noms("дуулатова", Part::Surname).contains(&("дуулатова".into(), Gender::Fem)));
        assert!(noms("мамыркуловой", Part::Surname).contains(&("мамыркулова".into(), Gender::Fem)));
        assert!(!noms("мамыркуловой", Part::Surname).contains(&("мамыркулов".into(), Gender::Masc)));
        assert!(noms("жапаровым", Part::Surname).contains(&("жапаров".into(), Gender::Masc)));
        assert_eq!(noms("шевченко", Part::Surname)[0].0, "шевченко");
        assert_eq!(noms("токтогул уулу", Part::Surname)[0].0, "токтогул уулу");
        assert!(noms("вишневской", Part::Surname).contains(&("вишневская".into(), Gender::Fem)));
        assert!(noms("вишневского", Part::Surname).contains(&("вишневский".into(), Gender::Masc)));
    }

    #[test]
    fn given_and_patronymic_rules() {
        assert!(noms("жоомарта", Part::Given).contains(&("жоомарт".into(), Gender::Masc)));
        assert!(noms("жоомартом", Part::Given).contains(&("жоомарт".into(), Gender::Masc)));
        assert!(noms("гульнары", Part::Given).contains(&("гульнара".into(), Gender::Fem)));
        assert!(noms("алексеевича", Part::Patronymic).contains(&("алексеевич".into(), Gender::Masc)));
        assert!(noms("алексеевной", Part::Patronymic).contains(&("алексеевна".into(), Gender::Fem)));
        assert_eq!(capitalise("ак-буура"), "Ак-Буура");
    }
}
