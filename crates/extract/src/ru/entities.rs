//! Russian mentions: organisations (lexicon names and acronyms, names headed by
//! a noun such as "суд", outlets in quotes after a cue noun), people (runs of
//! capitalised name words, put in the nominative by [`super::names`]), their
//! occupations and affiliations, and short forms (a surname alone) linked to
//! the people already named.

use super::lexicon::RuLexicon;
use super::morph::{Case, Cases, Gender, NameType, Pos, Word};
use super::names::{self, Part};
use crate::lexicon::OccupationKind;
use casewatch_model::OrgKind;

/// An organisation of the article.
#[derive(Debug, Clone)]
pub struct OrgEnt {
    /// Canonical name (nominative).
    pub name: String,
    /// Other forms seen.
    pub variants: Vec<String>,
    /// Kind.
    pub kind: OrgKind,
    /// Rule id.
    pub rule: String,
}

/// A person of the article.
#[derive(Debug, Clone)]
pub struct PersonEnt {
    /// Nominative parts: given name, patronymic, surname (any may be missing).
    pub given: Option<String>,
    /// Patronymic (nominative).
    pub patronymic: Option<String>,
    /// Surname (nominative), with a particle ("Токтогул уулу") when written.
    pub surname: Option<String>,
    /// Gender.
    pub gender: Gender,
    /// Forms as written, first-seen order.
    pub variants: Vec<String>,
    /// Occupation lemma phrase.
    pub occupation: Option<String>,
    /// Occupation kind.
    pub occupation_kind: Option<OccupationKind>,
    /// Index of the affiliated organisation.
    pub affiliation: Option<usize>,
    /// Rule that recognised the person.
    pub rule: &'static str,
}

impl PersonEnt {
    /// The canonical name: the nominative given name and surname (patronymic kept when written).
    pub fn name(&self) -> String {
        [&self.given, &self.patronymic, &self.surname]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A mention of an entity in a sentence: word range and what it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Sentence index.
    pub sentence: usize,
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The entity.
    pub target: Target,
    /// Cases the mention can be in.
    pub cases: Cases,
}

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// People index.
    Person(usize),
    /// Organisation index.
    Org(usize),
}

/// Everything recognised in an article.
#[derive(Debug, Default)]
pub struct Entities {
    /// People, first-mention order.
    pub people: Vec<PersonEnt>,
    /// Organisations, first-mention order.
    pub orgs: Vec<OrgEnt>,
    /// Mentions, by sentence then position.
    pub mentions: Vec<Mention>,
}

fn is_cyrillic_word(w: &Word) -> bool {
    w.tok.kind == crate::segment::TokenKind::Word
        && w.tok
            .text
            .chars()
            .next()
            .is_some_and(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn lemma_in(w: &Word, list: &[String]) -> bool {
    list.iter().any(|x| w.has_lemma(x) || w.tok.lower == x.as_str())
}

/// Recognises the organisations and people of the sentences (`words[s]` are
/// the analysed words of sentence `s`; sentences before `body_from` are the title).
pub fn recognise(words: &[Vec<Word>], lex: &RuLexicon) -> Entities {
    let mut ents = Entities::default();
    let mut taken: Vec<Vec<bool>> = words.iter().map(|s| vec![false; s.len()]).collect();
    for (si, sent) in words.iter().enumerate() {
        orgs_in(si, sent, lex, &mut ents, &mut taken[si]);
    }
    // people: full names first (two or more words), then single words linked to them
    let mut singles: Vec<(usize, usize)> = Vec::new();
    let mut link_only: Vec<(usize, usize)> = Vec::new();
    for (si, sent) in words.iter().enumerate() {
        let mut i = 0;
        while i < sent.len() {
            if taken[si][i] || !name_like(&sent[i], lex) {
                // a capitalised word the dictionary reads otherwise may still be a surname named before
                if !taken[si][i] && sent[i].is_cyrillic_capital() && i > 0 && !lemma_in(&sent[i], &lex.not_names) {
                    link_only.push((si, i));
                }
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < sent.len()
                && j - i < 4
                && !taken[si][j]
                && (name_like(&sent[j], lex)
                    || lemma_in(&sent[j], &lex.particles)
                    || surname_after_given(&sent[j - 1], &sent[j], lex))
            {
                j += 1;
            }
            // "Адвокат Асановой Иван Петров": three name words with no patronymic are a surname and a new name
            let name_words = sent[i..j].iter().filter(|w| !lemma_in(w, &lex.particles)).count();
            if name_words >= 3 && !sent[i + 1..j].iter().any(patronymic_like) {
                singles.push((si, i));
                i += 1;
                continue;
            }
            if j - i >= 2 {
                if let Some(p) = full_name(words, si, i, j, lex, &mut ents) {
                    ents.mentions.push(Mention {
                        sentence: si,
                        start: i,
                        end: j,
                        target: Target::Person(p.0),
                        cases: p.1,
                    });
                    for t in taken[si].iter_mut().take(j).skip(i) {
                        *t = true;
                    }
                }
            } else {
                singles.push((si, i));
            }
            i = j;
        }
    }
    for (si, i) in link_only {
        let w = &words[si][i];
        if let Some((p, cases)) = link_single(w, &ents) {
            ents.mentions.push(Mention {
                sentence: si,
                start: i,
                end: i + 1,
                target: Target::Person(p),
                cases,
            });
        }
    }
    for (si, i) in singles {
        let sent = &words[si];
        let w = &sent[i];
        if let Some((p, cases)) = link_single(w, &ents) {
            ents.mentions.push(Mention {
                sentence: si,
                start: i,
                end: i + 1,
                target: Target::Person(p),
                cases,
            });
            let v = w.tok.text.to_string();
            if !ents.people[p].variants.contains(&v) {
                ents.people[p].variants.push(v);
            }
            continue;
        }
        // a surname alone introduces a person after an occupation noun ("журналиста Иванова")
        let after_occupation = occupation_before(sent, i, lex).is_some();
        let sur_share: f32 = w
            .readings
            .iter()
            .filter(|r| r.feats.name == NameType::Surname)
            .map(|r| r.prob)
            .sum();
        if after_occupation && sur_share >= 0.3 || sur_share >= 0.75 && i > 0 {
            let ctx = context_fn(sent, i, i + 1, lex);
            if let Some(r) = names::resolve(&[w], &[Some(Part::Surname)], &ctx) {
                let idx = ents.people.len();
                let (occ, kind) = occupation_before(sent, i, lex).map_or((None, None), |(o, k, _)| (Some(o), Some(k)));
                ents.people.push(PersonEnt {
                    given: None,
                    patronymic: None,
                    surname: r.parts.first().cloned(),
                    gender: r.gender,
                    variants: vec![w.tok.text.to_string()],
                    occupation: occ,
                    occupation_kind: kind,
                    affiliation: None,
                    rule: "ru.person.surname_after_occupation",
                });
                ents.mentions.push(Mention {
                    sentence: si,
                    start: i,
                    end: i + 1,
                    target: Target::Person(idx),
                    cases: r.cases,
                });
            }
        }
    }
    ents.mentions.sort_by_key(|m| (m.sentence, m.start));
    ents
}

/// Whether a word can be part of a person's name: Cyrillic, capitalised, not a
/// listed non-name, and read as a name part by the dictionary (or unknown to it).
fn name_like(w: &Word, lex: &RuLexicon) -> bool {
    if !w.is_cyrillic_capital() || w.tok.text.chars().count() < 2 {
        return false;
    }
    if w.tok.text.chars().all(char::is_uppercase) {
        return false; // acronyms
    }
    if lemma_in(w, &lex.not_names) {
        return false;
    }
    let share = w.name_share();
    let known_common = w
        .readings
        .iter()
        .filter(|r| r.known && !matches!(r.feats.name, NameType::Given | NameType::Surname | NameType::Patronymic))
        .map(|r| r.prob)
        .sum::<f32>();
    share >= 0.2 || (known_common < 0.05 && !w.readings.iter().any(|r| r.feats.name == NameType::Geo && r.prob > 0.5))
}

/// Whether `w` can be the surname after the given name `prev` although the
/// dictionary reads it otherwise (a place: "Габова" → Габово): capitalised,
/// not a listed non-name, not a common word the dictionary knows well.
fn surname_after_given(prev: &Word, w: &Word, lex: &RuLexicon) -> bool {
    let given: f32 = prev
        .readings
        .iter()
        .filter(|r| r.feats.name == NameType::Given)
        .map(|r| r.prob)
        .sum();
    if given < 0.5
        || !w.is_cyrillic_capital()
        || lemma_in(w, &lex.not_names)
        || w.tok.text.chars().all(char::is_uppercase)
    {
        return false;
    }
    let common: f32 = w
        .readings
        .iter()
        .filter(|r| r.known && r.feats.name == NameType::None)
        .map(|r| r.prob)
        .sum();
    common < 0.5
}

/// Whether a word reads as a patronymic ("Алексеевич", "Петровны").
fn patronymic_like(w: &Word) -> bool {
    let low = w.tok.lower.as_str();
    w.readings
        .iter()
        .filter(|r| r.feats.name == NameType::Patronymic)
        .map(|r| r.prob)
        .sum::<f32>()
        > 0.3
        || [
            "вич",
            "вича",
            "вичу",
            "вичем",
            "виче",
            "вна",
            "вны",
            "вне",
            "вну",
            "вной",
            "ична",
            "ичны",
            "ичну",
            "ичной",
        ]
        .iter()
        .any(|e| low.ends_with(e))
}

/// Roles of the words of a full name: given + surname, given + patronymic +
/// surname, or surname first ("Иванов Иван Петрович").
fn roles_of(ws: &[&Word], lex: &RuLexicon) -> Vec<Option<Part>> {
    let share =
        |w: &Word, t: NameType| -> f32 { w.readings.iter().filter(|r| r.feats.name == t).map(|r| r.prob).sum() };
    let parts: Vec<&&Word> = ws.iter().filter(|w| !lemma_in(w, &lex.particles)).collect();
    let n = parts.len();
    let mut roles: Vec<Part> = match n {
        1 => vec![Part::Surname],
        2 => {
            if share(parts[0], NameType::Surname) > share(parts[0], NameType::Given) + 0.3
                && share(parts[1], NameType::Given) > share(parts[1], NameType::Surname) + 0.3
            {
                vec![Part::Surname, Part::Given]
            } else {
                vec![Part::Given, Part::Surname]
            }
        }
        3 => {
            if share(parts[2], NameType::Patronymic) > 0.3
                || parts[2].tok.lower.ends_with("вич")
                || parts[2].tok.lower.contains("вн")
            {
                vec![Part::Surname, Part::Given, Part::Patronymic]
            } else {
                vec![Part::Given, Part::Patronymic, Part::Surname]
            }
        }
        _ => {
            let mut v = vec![Part::Given; n];
            if let Some(l) = v.last_mut() {
                *l = Part::Surname;
            }
            v
        }
    };
    let mut out = Vec::with_capacity(ws.len());
    let mut k = 0;
    for w in ws {
        if lemma_in(w, &lex.particles) {
            out.push(None);
        } else {
            out.push(roles.get(k).copied());
            k += 1;
        }
    }
    roles.clear();
    out
}

/// Agreement context of a name at `[i, j)`: an occupation noun or adjective
/// right before it ("журналистку", "главного редактора") agrees in case and gender;
/// a preposition governs its case; a verb right after a nominative agrees in gender.
fn context_fn<'a>(sent: &'a [Word], i: usize, j: usize, lex: &'a RuLexicon) -> impl Fn(Case, Gender) -> f32 + 'a {
    let before = occupation_before(sent, i, lex).map(|(_, _, k)| k);
    let prep = if i > 0 && sent[i - 1].readings.iter().any(|r| r.feats.pos == Pos::Adp) {
        Some(sent[i - 1].tok.lower.to_string())
    } else {
        None
    };
    move |case: Case, gender: Gender| -> f32 {
        let mut f = 1.0;
        if let Some(k) = before {
            let w = &sent[k];
            let agrees = w.readings.iter().any(|r| {
                r.feats.case & case as u8 != 0
                    && !r.feats.plural
                    && (r.feats.gender == gender || r.feats.gender == Gender::None)
            });
            f *= if agrees { 3.0 } else { 0.3 };
        }
        if let Some(p) = prep.as_deref() {
            let governs: Cases = match p {
                "у" | "для" | "против" | "от" | "из" | "без" | "после" | "до" | "около" | "со" | "с" => {
                    Case::Gen as u8 | Case::Ins as u8
                }
                "к" | "по" => Case::Dat as u8,
                "о" | "об" | "при" => Case::Loc as u8,
                "в" | "на" | "за" | "про" | "через" => Case::Acc as u8 | Case::Loc as u8,
                "над" | "под" | "перед" | "между" => Case::Ins as u8,
                _ => 0,
            };
            if governs != 0 {
                f *= if governs & case as u8 != 0 { 2.0 } else { 0.2 };
            }
        }
        if case == Case::Nom
            && let Some(v) = sent.get(j..(j + 3).min(sent.len())).and_then(|ws| {
                ws.iter().find(|w| {
                    w.readings
                        .first()
                        .is_some_and(|r| r.feats.pos == Pos::Verb && r.feats.gender != Gender::None && !r.feats.plural)
                })
            })
        {
            let g = v.readings[0].feats.gender;
            f *= if g == gender { 2.0 } else { 0.5 };
        }
        f
    }
}

/// The occupation phrase ending right before word `i` (possibly with one
/// adjective: "главного редактора"): (lemma phrase, kind, index of its head word).
pub fn occupation_before(sent: &[Word], i: usize, lex: &RuLexicon) -> Option<(String, OccupationKind, usize)> {
    occupation_ending(sent, i, lex).or_else(|| {
        // "журналиста издания «Вечерний город» Жоомарта Дуулатова": across the outlet's name
        if i >= 2 && sent[i - 1].tok.text != "»" {
            // "судьи Батумского городского суда Нино Намешвили": across an organisation's name
            let mut k = i;
            while k > 0
                && i - k < 6
                && (sent[k - 1].is_cyrillic_capital()
                    || sent[k - 1]
                        .readings
                        .first()
                        .is_some_and(|r| r.feats.pos == Pos::Adj || r.feats.case & Case::Gen as u8 != 0))
            {
                k -= 1;
                if sent[k].readings.iter().any(|r| lex.org_heads.contains_key(&*r.lemma))
                    || sent[k].tok.lower.ends_with("суд")
                {
                    let mut s = k;
                    while s > 0 && sent[s - 1].readings.first().is_some_and(|r| r.feats.pos == Pos::Adj) {
                        s -= 1;
                    }
                    return occupation_ending(sent, s, lex);
                }
            }
            // "адвокат Осмоновой Пётр Орлов": across the genitive of the client or employer
            if sent[i - 1].is_cyrillic_capital() && sent[i - 1].can_be(Case::Gen as u8) {
                return occupation_ending(sent, i - 1, lex);
            }
            return None;
        }
        if i < 2 {
            return None;
        }
        let open = (i.saturating_sub(10)..i - 1).rev().find(|&k| sent[k].tok.text == "«")?;
        let mut k = open;
        if k > 0 && lemma_in(&sent[k - 1], &lex.outlet_cues) {
            k -= 1;
        }
        occupation_ending(sent, k, lex)
    })
}

fn occupation_ending(sent: &[Word], i: usize, lex: &RuLexicon) -> Option<(String, OccupationKind, usize)> {
    for (phrase, kind, _) in &lex.occupations {
        let n = phrase.len();
        if n == 0 || i < n {
            continue;
        }
        let s = i - n;
        if (0..n).all(|k| sent[s + k].has_lemma(&phrase[k]) || sent[s + k].tok.lower == phrase[k].as_str()) {
            return Some((phrase.join(" "), *kind, i - 1));
        }
    }
    None
}

/// A full name at `[i, j)`: resolved to the nominative and added to (or merged into) the people.
fn full_name(
    words: &[Vec<Word>],
    si: usize,
    i: usize,
    j: usize,
    lex: &RuLexicon,
    ents: &mut Entities,
) -> Option<(usize, Cases)> {
    let sent = &words[si];
    let ws: Vec<&Word> = sent[i..j].iter().collect();
    let roles = roles_of(&ws, lex);
    // a name needs a given name or patronymic the dictionary knows, or two name-like words
    let ctx = context_fn(sent, i, j, lex);
    let r = names::resolve(&ws, &roles, &ctx)?;
    let mut given = None;
    let mut patronymic = None;
    let mut surname: Option<String> = None;
    for (k, role) in roles.iter().enumerate() {
        match role {
            Some(Part::Given) => given = Some(r.parts[k].clone()),
            Some(Part::Patronymic) => patronymic = Some(r.parts[k].clone()),
            Some(Part::Surname) => surname = Some(r.parts[k].clone()),
            None => {
                if let Some(s) = surname.as_mut() {
                    s.push(' ');
                    s.push_str(&ws[k].tok.lower);
                } else if let Some(g) = given.take() {
                    // "Токтогул уулу": the particle makes the word before it the surname
                    surname = Some(format!("{g} {}", ws[k].tok.lower));
                }
            }
        }
    }
    // "Иван Петров уулу" never happens; a particle after a given name moves it
    surname.as_ref()?;
    let written = ws.iter().map(|w| w.tok.text.as_str()).collect::<Vec<_>>().join(" ");
    let (occ, kind) = occupation_before(sent, i, lex).map_or((None, None), |(o, k, _)| (Some(o), Some(k)));
    // merge with a person of the same nominative surname and compatible given name
    let existing = ents.people.iter().position(|p| {
        p.surname == surname
            && match (&p.given, &given) {
                (Some(a), Some(b)) => a == b || same_stem(a, b),
                _ => true,
            }
    });
    // of two readings of one given name ("Мзий"/"Мзия"), the one written in the article wins
    if let (Some(e), Some(g)) = (existing, given.as_ref()) {
        let seen_as_written = ents.people[e]
            .variants
            .iter()
            .chain(std::iter::once(&written))
            .any(|v| v.split(' ').next() == Some(g.as_str()));
        if ents.people[e].given.as_ref().is_some_and(|old| old != g) && seen_as_written {
            ents.people[e].given = Some(g.clone());
            ents.people[e].gender = r.gender;
        }
    }
    let idx = match existing {
        Some(e) => {
            let p = &mut ents.people[e];
            if p.given.is_none() {
                p.given = given;
            }
            if p.patronymic.is_none() {
                p.patronymic = patronymic;
            }
            if !p.variants.contains(&written) {
                p.variants.push(written);
            }
            if p.occupation.is_none() {
                p.occupation = occ;
                p.occupation_kind = kind;
            }
            e
        }
        None => {
            ents.people.push(PersonEnt {
                given,
                patronymic,
                surname,
                gender: r.gender,
                variants: vec![written],
                occupation: occ,
                occupation_kind: kind,
                affiliation: outlet_near(si, i, j, ents),
                rule: "ru.person.full_name",
            });
            ents.people.len() - 1
        }
    };
    Some((idx, r.cases))
}

/// Whether two given names differ only in their last letter ("Мзий"/"Мзия").
fn same_stem(a: &str, b: &str) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    ca.len() == cb.len() && ca.len() >= 4 && ca[..ca.len() - 1] == cb[..cb.len() - 1]
}

/// An outlet mentioned in the same sentence within six words of a name.
fn outlet_near(si: usize, i: usize, j: usize, ents: &Entities) -> Option<usize> {
    ents.mentions.iter().find_map(|m| match m.target {
        Target::Org(o)
            if m.sentence == si
                && ents.orgs[o].kind == OrgKind::MediaOutlet
                && (m.end <= i && i - m.end <= 6 || m.start >= j && m.start - j <= 6) =>
        {
            Some(o)
        }
        _ => None,
    })
}

/// A single capitalised word that is a person already named: its surname (or
/// given name) in some case form. Returns the person and the cases it can be in.
fn link_single(w: &Word, ents: &Entities) -> Option<(usize, Cases)> {
    let low = w.tok.lower.as_str();
    // the word's readings as a surname and as a given name do not depend on the person: read
    // once, not once per person (a list of thousands of names made this quadratic in readings)
    let (as_surname, as_given) = (names::candidates(w, Part::Surname), names::candidates(w, Part::Given));
    for (pi, p) in ents.people.iter().enumerate() {
        for (readings, value) in [(&as_surname, &p.surname), (&as_given, &p.given)] {
            let Some(value) = value else { continue };
            let value = value.to_lowercase();
            if value.contains(' ') {
                // "Токтогул уулу" is written whole
                continue;
            }
            let mut cases = 0u8;
            for c in readings {
                if c.nominative == value && (c.gender == p.gender || c.gender == Gender::None) {
                    cases |= c.cases;
                }
            }
            if cases == 0 && low == value {
                cases = Case::Nom as u8;
            }
            if cases != 0 {
                return Some((pi, cases));
            }
        }
    }
    None
}

/// Organisations of one sentence: known names and acronyms, names headed by a
/// lexicon head noun, outlets in quotes after a cue noun.
fn orgs_in(si: usize, sent: &[Word], lex: &RuLexicon, ents: &mut Entities, taken: &mut [bool]) {
    let mut i = 0;
    while i < sent.len() {
        // known organisations (their names and acronyms start with a capital)
        let mut matched = None;
        let candidates = if sent[i].tok.is_capitalized() {
            lex.orgs.as_slice()
        } else {
            &[]
        };
        'orgs: for (oi, o) in candidates.iter().enumerate() {
            for (form, acronym) in &o.forms {
                let n = form.len();
                if n == 0 || i + n > sent.len() {
                    continue;
                }
                let ok = if *acronym {
                    sent[i].tok.text == form[0].as_str()
                } else {
                    (0..n).all(|k| sent[i + k].has_lemma(&form[k]) || sent[i + k].tok.lower == form[k].as_str())
                        && sent[i].tok.is_capitalized()
                };
                if ok {
                    matched = Some((oi, n));
                    break 'orgs;
                }
            }
        }
        if let Some((oi, n)) = matched {
            let o = &lex.orgs[oi];
            let written = sent[i..i + n]
                .iter()
                .map(|w| w.tok.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let idx = add_org(ents, &o.name, &written, o.kind, &o.id);
            push_org(ents, si, i, i + n, idx, taken);
            i += n;
            continue;
        }
        // one-word court names: "Мосгорсуд", "Горсуд", "Райсуд"
        if sent[i].is_cyrillic_capital() && sent[i].tok.lower.ends_with("суд") && sent[i].tok.lower.chars().count() > 5
        {
            let name = sent[i]
                .readings
                .first()
                .map_or_else(|| sent[i].tok.text.to_string(), |r| names::capitalise_first(&r.lemma));
            let written = sent[i].tok.text.to_string();
            let idx = add_org(ents, &name, &written, OrgKind::Court, "ru.org.court_word");
            push_org(ents, si, i, i + 1, idx, taken);
            i += 1;
            continue;
        }
        // head nouns with capitalised adjectives before them
        if let Some(kind) = sent[i]
            .readings
            .iter()
            .find_map(|r| lex.org_heads.get(&*r.lemma))
            .copied()
        {
            let mut s = i;
            while s > 0
                && !taken[s - 1]
                && sent[s - 1].readings.first().is_some_and(|r| r.feats.pos == Pos::Adj)
                && is_cyrillic_word(&sent[s - 1])
            {
                s -= 1;
            }
            // "Октябрьский районный суд г. Бишкека": the seat in the genitive stays as written
            if s < i && sent[s].tok.is_capitalized() && (s > 0 || i - s >= 2) {
                let fem = sent[i].readings.first().is_some_and(|r| r.feats.gender == Gender::Fem);
                let mut parts: Vec<String> = sent[s..i].iter().map(|w| adjective_nominative(w, fem)).collect();
                parts.push(
                    sent[i]
                        .readings
                        .first()
                        .map_or_else(|| sent[i].tok.lower.to_string(), |r| r.lemma.to_string()),
                );
                let mut end = i + 1;
                // the seat: a capitalised genitive place right after ("суд Бишкека", "суд города Бишкек")
                if end < sent.len()
                    && sent[end].is_cyrillic_capital()
                    && sent[end].can_be(Case::Gen as u8)
                    && sent[end].readings.iter().any(|r| r.feats.name == NameType::Geo)
                {
                    parts.push(sent[end].tok.text.to_string());
                    end += 1;
                }
                let name = names::capitalise_first(&parts.join(" "));
                let written = sent[s..end]
                    .iter()
                    .map(|w| w.tok.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let idx = add_org(ents, &name, &written, kind, "ru.org.head");
                push_org(ents, si, s, end, idx, taken);
                i = end;
                continue;
            }
        }
        // outlets: a cue noun followed by a name in quotes
        if lemma_in(&sent[i], &lex.outlet_cues)
            && i + 2 < sent.len()
            && matches!(sent[i + 1].tok.text.as_str(), "«" | "\"" | "“" | "„")
        {
            let close =
                (i + 2..sent.len().min(i + 10)).find(|&k| matches!(sent[k].tok.text.as_str(), "»" | "\"" | "”" | "“"));
            if let Some(k) = close.filter(|&k| k > i + 2) {
                let name = sent[i + 2..k]
                    .iter()
                    .map(|w| w.tok.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let name = name.replace(" - ", "-").replace(" .", ".");
                let idx = add_org(ents, &name, &name, OrgKind::MediaOutlet, "ru.org.outlet_cue");
                push_org(ents, si, i + 2, k, idx, taken);
                if let Some(t) = taken.get_mut(i + 1) {
                    *t = true;
                }
                if let Some(t) = taken.get_mut(k) {
                    *t = true;
                }
                i = k + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// An adjective of an organisation name in the nominative agreeing with its head
/// ("Первомайского" → "первомайский", or "генеральная" before a feminine head).
fn adjective_nominative(w: &Word, fem: bool) -> String {
    let lemma = w
        .readings
        .first()
        .map_or_else(|| w.tok.lower.to_string(), |r| r.lemma.to_string());
    if !fem {
        return lemma;
    }
    for (m, f) in [
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("кий", "кая"),
        ("гий", "гая"),
        ("хий", "хая"),
        ("ый", "ая"),
        ("ой", "ая"),
        ("ий", "яя"),
    ] {
        if let Some(stem) = lemma.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    lemma
}

fn add_org(ents: &mut Entities, name: &str, written: &str, kind: OrgKind, rule: &str) -> usize {
    if let Some(i) = ents
        .orgs
        .iter()
        .position(|o| o.name.to_lowercase() == name.to_lowercase())
    {
        if written != ents.orgs[i].name && !ents.orgs[i].variants.iter().any(|v| v == written) {
            ents.orgs[i].variants.push(written.to_string());
        }
        return i;
    }
    ents.orgs.push(OrgEnt {
        name: name.to_string(),
        variants: if written != name {
            vec![written.to_string()]
        } else {
            Vec::new()
        },
        kind,
        rule: rule.to_string(),
    });
    ents.orgs.len() - 1
}

fn push_org(ents: &mut Entities, si: usize, s: usize, e: usize, idx: usize, taken: &mut [bool]) {
    ents.mentions.push(Mention {
        sentence: si,
        start: s,
        end: e,
        target: Target::Org(idx),
        cases: 0,
    });
    for t in taken.iter_mut().take(e).skip(s) {
        *t = true;
    }
}
