//! Named entities of one article: organisations (lexicon, name heads, outlet
//! cues) and people (capitalised name sequences with titles, particles,
//! occupations and appositions), and every mention of them by sentence.

use crate::lexicon::{Lexicon, OccupationKind};
use crate::segment::{Sentence, Token, TokenKind};
use casewatch_model::OrgKind;

/// A person recognised in the article.
#[derive(Debug, Clone)]
pub struct PersonEntity {
    /// Name tokens of the fullest form (nickname in quotes removed).
    pub tokens: Vec<String>,
    /// Every form seen, first-seen order.
    pub variants: Vec<String>,
    /// Occupation phrase, lower-case.
    pub occupation: Option<String>,
    /// Kind of the occupation.
    pub occupation_kind: Option<OccupationKind>,
    /// Outlet or organisation (index into the org list).
    pub affiliation: Option<usize>,
    /// Whether the occupation/affiliation is former.
    pub former: bool,
    /// Grammatical gender when it can be told from the name or pronouns.
    pub gender: Option<Gender>,
    /// The rule that recognised the person.
    pub rule: &'static str,
}

impl PersonEntity {
    /// The canonical name: the fullest form.
    pub fn name(&self) -> String {
        self.tokens.join(" ")
    }
}

/// Grammatical gender, for pronoun resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he/him/his
    Male,
    /// she/her
    Female,
}

/// An organisation recognised in the article.
#[derive(Debug, Clone)]
pub struct OrgEntity {
    /// Canonical name.
    pub name: String,
    /// Other forms seen.
    pub variants: Vec<String>,
    /// Kind.
    pub kind: OrgKind,
    /// Rule or lexicon entry id.
    pub rule: String,
}

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Index into `people`.
    Person(usize),
    /// Index into `orgs`.
    Org(usize),
}

/// One mention: token range `[first, last)` of sentence `sentence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Sentence index.
    pub sentence: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Referent.
    pub target: Target,
}

/// All entities of an article.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// People, in order of first mention.
    pub people: Vec<PersonEntity>,
    /// Organisations, in order of first mention.
    pub orgs: Vec<OrgEntity>,
    /// Mentions per sentence, in token order.
    pub mentions: Vec<Vec<Mention>>,
}

/// Whether the capitalised run starting at `a` is a member of a list of
/// outlets: "media outlets including Jeune Afrique and Reuters", "newspapers
/// such as X, Y and Z". Walks back over the list (names, commas, "and") to the
/// cue, which must follow a plural outlet noun within four words.
fn in_outlet_list(toks: &[Token], a: usize) -> bool {
    let mut k = a;
    while k > 0 {
        let w = toks[k - 1].lower.as_str();
        if matches!(w, "," | "and") || toks[k - 1].is_capitalized() {
            k -= 1;
            continue;
        }
        break;
    }
    let cue_end = k;
    let cue_start = match (
        cue_end.checked_sub(1).map(|i| toks[i].lower.as_str()),
        cue_end.checked_sub(2),
    ) {
        (Some("including" | "like"), _) => cue_end - 1,
        (Some("as"), Some(j)) if toks[j].lower == "such" => j,
        _ => return false,
    };
    toks[cue_start.saturating_sub(4)..cue_start].iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "outlets" | "media" | "publications" | "newspapers" | "channels" | "websites" | "broadcasters" | "agencies"
        )
    })
}

/// Function words that can stand capitalised inside the name of an organisation
/// or a work ("Reporters Without Borders"), never inside a person's name.
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "for", "without", "and", "to", "in", "on", "at", "with", "against", "from", "by",
];
/// Titles that are only forms of address: they make no one an official.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "ko",
    "ma",
    "u",
    "daw",
    "sheikh",
    "sir",
    "dame",
    "defendant",
    "defendants",
];
const CONNECTORS_ORG: &[&str] = &["of", "for", "and", "the", "on", "de", "del", "la", "el"];
const PLACE_NOUNS: &[&str] = &[
    "district",
    "township",
    "microdistrict",
    "province",
    "region",
    "valley",
    "area",
    "village",
    "city",
    "county",
    "street",
    "avenue",
    "road",
    "square",
    "border",
    "airport",
    "state",
    "department",
    "municipality",
    "oblast",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "river",
    "mountains",
    "island",
    "islands",
];
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "outside", "from", "to", "into", "across", "via", "towards", "inside", "around",
];
const FEMALE_ENDINGS: &[&str] = &[
    "ova", "eva", "yeva", "ina", "skaya", "tskaya", "zkaya", "ovna", "evna", "kyzy", "qizi", "kizi", "ava", "kaja",
    "skaja", "ienė", "ytė", "aitė", "ová",
];
const MALE_ENDINGS: &[&str] = &["ov", "ev", "yev", "in", "sky", "skiy", "uulu", "ogly", "oglu", "ugli"];

fn is_cap_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.is_capitalized()
}

fn all_caps(t: &Token) -> bool {
    let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(s)
}

/// Finds the entities of an article.
///
/// `skip[i]` marks sentences that are not running text (headlines, captions:
/// [`crate::structure`]): no new person is named from them, though people
/// named elsewhere are still recognised there by their short forms.
pub fn recognise(sentences: &[Sentence], lex: &Lexicon, skip: &[bool]) -> Entities {
    let mut ents = Entities {
        mentions: vec![Vec::new(); sentences.len()],
        ..Default::default()
    };
    // pass 1: organisations
    for (si, s) in sentences.iter().enumerate() {
        let mut taken = vec![false; s.tokens.len()];
        known_orgs(si, s, lex, &mut ents, &mut taken);
        headed_orgs(si, s, lex, &mut ents, &mut taken);
        cued_outlets(si, s, lex, &mut ents, &mut taken);
    }
    // pass 2: people (full names) of the running text, then of headlines and captions (which
    // name no one new unless the text refers to them: see below), then short forms
    let skipped = |si: usize| skip.get(si).copied().unwrap_or(false);
    for (si, s) in sentences.iter().enumerate() {
        if !skipped(si) {
            full_names(si, s, lex, &mut ents, false);
        }
    }
    for (si, s) in sentences.iter().enumerate() {
        if skipped(si) {
            full_names(si, s, lex, &mut ents, true);
        }
    }
    // the name words of every person, lower-case, without particles (computed once)
    let cores: Vec<Vec<String>> = ents
        .people
        .iter()
        .map(|p| {
            p.tokens
                .iter()
                .map(|t| t.to_lowercase())
                .filter(|t| !lex.particles.contains(t.as_str()))
                .collect()
        })
        .collect();
    for (si, s) in sentences.iter().enumerate() {
        short_names(si, s, lex, &mut ents, &cores);
    }
    drop_heading_only_people(&mut ents, skip);
    for m in &mut ents.mentions {
        m.sort_by_key(|m| (m.first, m.last));
    }
    merge_aliases(sentences, &mut ents);
    for p in &mut ents.people {
        if p.gender.is_none() {
            p.gender = gender_of(&p.tokens);
        }
    }
    ents
}

/// "San, better known as the author Huy Duc": a name given as another name of a
/// person (a pen name, a nickname) is that person. The alias's mentions and
/// spellings move to the person named first; people are renumbered. Linear in
/// the mentions of the article.
fn merge_aliases(sentences: &[Sentence], ents: &mut Entities) {
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (alias, person)
    for (si, s) in sentences.iter().enumerate() {
        let people: Vec<&Mention> = ents.mentions[si]
            .iter()
            .filter(|m| matches!(m.target, Target::Person(_)))
            .collect();
        for w in people.windows(2) {
            let (Target::Person(a), Target::Person(b)) = (w[0].target, w[1].target) else {
                continue;
            };
            if a == b || w[1].first <= w[0].last || w[1].first - w[0].last > 14 {
                continue;
            }
            let gap: Vec<&str> = s.tokens[w[0].last..w[1].first]
                .iter()
                .map(|t| t.lower.as_str())
                .collect();
            let known_as = gap.first() == Some(&",")
                && gap
                    .windows(2)
                    .any(|x| matches!(x[0], "known" | "better-known" | "also-known") && x[1] == "as");
            if known_as && !pairs.iter().any(|p| p.0 == a || p.0 == b) {
                pairs.push((b, a));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    for (alias, person) in pairs {
        let forms: Vec<String> = ents.people[alias].variants.clone();
        for v in forms {
            if !ents.people[person].variants.contains(&v) {
                ents.people[person].variants.push(v);
            }
        }
        for ms in &mut ents.mentions {
            for m in ms.iter_mut() {
                if m.target == Target::Person(alias) {
                    m.target = Target::Person(person);
                }
            }
        }
    }
    // people no mention points to any more are gone
    let mut used = vec![false; ents.people.len()];
    for m in ents.mentions.iter().flatten() {
        if let Target::Person(p) = m.target {
            used[p] = true;
        }
    }
    keep_people(ents, &used);
}

/// People named only in headlines or captions (rule `name.heading`) and never
/// referred to in the running text are dropped: a title-case run of a headline
/// ("Court Jails Reporter Over Posts") is no person, and a photographer's credit
/// is no participant. Mentions are renumbered.
fn drop_heading_only_people(ents: &mut Entities, skip: &[bool]) {
    let mut in_text = vec![false; ents.people.len()];
    for (si, ms) in ents.mentions.iter().enumerate() {
        if skip.get(si).copied().unwrap_or(false) {
            continue;
        }
        for m in ms {
            if let Target::Person(p) = m.target {
                in_text[p] = true;
            }
        }
    }
    let keep: Vec<bool> = ents
        .people
        .iter()
        .zip(&in_text)
        .map(|(p, t)| *t || p.rule != "name.heading")
        .collect();
    keep_people(ents, &keep);
}

/// Keeps the people marked in `keep` (indexed like `ents.people`), drops the
/// mentions of the others and renumbers the rest. Linear in people and mentions.
fn keep_people(ents: &mut Entities, keep: &[bool]) {
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut new_index = vec![usize::MAX; keep.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = n;
            n += 1;
        }
    }
    let mut i = 0;
    ents.people.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for ms in &mut ents.mentions {
        ms.retain_mut(|m| match m.target {
            Target::Person(p) if !keep[p] => false,
            Target::Person(p) => {
                m.target = Target::Person(new_index[p]);
                true
            }
            Target::Org(_) => true,
        });
    }
}

/// Whether two words differ by one substituted, inserted or deleted letter.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => ra[1..] == rb[1..],
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

fn gender_of(tokens: &[String]) -> Option<Gender> {
    let last = tokens.iter().rev().find(|t| t.chars().count() > 1)?.to_lowercase();
    if FEMALE_ENDINGS.iter().any(|e| last.ends_with(e)) {
        return Some(Gender::Female);
    }
    if MALE_ENDINGS.iter().any(|e| last.ends_with(e)) {
        return Some(Gender::Male);
    }
    None
}

fn overlaps(ents: &Entities, si: usize, first: usize, last: usize) -> bool {
    ents.mentions[si].iter().any(|m| m.first < last && first < m.last)
}

fn add_org(ents: &mut Entities, name: &str, kind: OrgKind, rule: &str, variant: Option<&str>) -> usize {
    let key = name.to_lowercase();
    let idx = match ents.orgs.iter().position(|o| o.name.to_lowercase() == key) {
        Some(i) => i,
        None => {
            ents.orgs.push(OrgEntity {
                name: name.to_string(),
                variants: Vec::new(),
                kind,
                rule: rule.to_string(),
            });
            ents.orgs.len() - 1
        }
    };
    if let Some(v) = variant
        && v != ents.orgs[idx].name
        && !ents.orgs[idx].variants.iter().any(|x| x == v)
    {
        ents.orgs[idx].variants.push(v.to_string());
    }
    idx
}

fn known_orgs(si: usize, s: &Sentence, lex: &Lexicon, ents: &mut Entities, taken: &mut [bool]) {
    let words: Vec<&str> = s.tokens.iter().map(|t| strip_possessive(t.lower.as_str())).collect();
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        for f in lex.org_forms_starting(words[i]) {
            let n = f.words.len();
            if i + n > words.len() || taken[i..i + n].iter().any(|t| *t) {
                continue;
            }
            if !(0..n).all(|k| words[i + k] == f.words[k]) {
                continue;
            }
            // acronyms must be written in capitals; names must start with a capital
            let tok = &s.tokens[i];
            if (f.acronym && !all_caps(tok)) || (!f.acronym && !tok.is_capitalized()) {
                continue;
            }
            let known = &lex.orgs[f.org];
            let idx = add_org(ents, &known.name, known.kind, &known.id, Some(&f.form));
            for t in taken.iter_mut().skip(i).take(n) {
                *t = true;
            }
            ents.mentions[si].push(Mention {
                sentence: si,
                first: i,
                last: i + n,
                target: Target::Org(idx),
            });
            matched = n;
            break;
        }
        i += matched.max(1);
    }
}

/// Capitalised runs that may contain org connectors: `[first, last)`.
fn cap_runs(s: &Sentence, taken: &[bool], connectors: &[&str]) -> Vec<(usize, usize)> {
    let toks = &s.tokens;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if taken[i] || !(is_cap_word(&toks[i])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            // an Arabic article joined to a name continues it: "Sawt al-Mina", "Shams el-Din"
            let joined_article = |t: &Token| {
                ["al-", "el-", "ad-", "ash-", "as-", "at-", "ar-", "an-", "az-"]
                    .iter()
                    .any(|p| t.text.starts_with(p) && t.text[p.len()..].chars().next().is_some_and(char::is_uppercase))
            };
            if j < toks.len()
                && !taken[j]
                && (is_cap_word(&toks[j])
                    || (toks[j].kind == TokenKind::Number && j > start)
                    || joined_article(&toks[j]))
            {
                j += 1;
            } else if j + 1 < toks.len()
                && !taken[j]
                && !taken[j + 1]
                && connectors.contains(&toks[j].lower.as_str())
                && is_cap_word(&toks[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        runs.push((start, j));
        i = j;
    }
    runs
}

fn headed_orgs(si: usize, s: &Sentence, lex: &Lexicon, ents: &mut Entities, taken: &mut [bool]) {
    let toks = &s.tokens;
    for (a, b) in cap_runs(s, taken, CONNECTORS_ORG) {
        // find the longest prefix of the run ending in an org head
        let mut end = None;
        for k in (a..b).rev() {
            if lex.org_heads.contains_key(strip_possessive(toks[k].lower.as_str())) {
                end = Some(k + 1);
                break;
            }
        }
        // lower-case heads right after the run: "Nasimi district police department", "Osh city police department"
        let mut tail = b;
        while tail < toks.len() && !taken[tail] && toks[tail].kind == TokenKind::Word && !toks[tail].is_capitalized() {
            let w = strip_possessive(toks[tail].lower.as_str());
            if matches!(
                w,
                "district" | "city" | "regional" | "police" | "department" | "court" | "prosecutor" | "directorate"
            ) {
                tail += 1;
            } else {
                break;
            }
        }
        if tail > b
            && lex
                .org_heads
                .contains_key(strip_possessive(toks[tail - 1].lower.as_str()))
        {
            end = Some(tail);
        }
        let Some(end) = end else { continue };
        let mut start = a;
        // drop leading words that are not part of a name ("The", "Officers", "On")
        while start < end
            && lex.not_names.contains(toks[start].lower.as_str())
            && !lex.org_heads.contains_key(toks[start].lower.as_str())
        {
            if toks[start].lower == "the"
                && start + 1 < end
                && lex
                    .org_heads
                    .get(strip_possessive(toks[end - 1].lower.as_str()))
                    .is_some_and(|h| h.0 == OrgKind::MediaOutlet)
            {
                break; // "The Nyanza Lantern"
            }
            if matches!(
                toks[start].lower.as_str(),
                "state"
                    | "federal"
                    | "national"
                    | "supreme"
                    | "constitutional"
                    | "high"
                    | "regional"
                    | "city"
                    | "district"
                    | "grave"
                    | "crimes"
                    | "criminal"
                    | "press"
                    | "ministry"
                    | "court"
                    | "committee"
                    | "service"
                    | "office"
                    | "prison"
                    | "people's"
            ) {
                break;
            }
            start += 1;
        }
        // "Ana Kovac of Radio Harbour International": a person's name before "of" is no part of the
        // organisation (unlike "Ministry of Foreign Affairs", "Union of Journalists")
        if let Some(of) = (start..end).find(|&k| toks[k].lower == "of")
            && of >= start + 2
            && of - start <= 3
            && (start..of).all(|k| {
                is_cap_word(&toks[k])
                    && !lex.org_heads.contains_key(strip_possessive(toks[k].lower.as_str()))
                    && !lex.not_names.contains(toks[k].lower.as_str())
                    && !lex.places.contains(toks[k].lower.as_str())
            })
        {
            start = of + 1;
        }
        if start >= end {
            continue;
        }
        let last = strip_possessive(toks[end - 1].lower.as_str()).to_string();
        let Some((kind, rule)) = lex.org_heads.get(&last).cloned() else {
            continue;
        };
        // a single head word alone ("Court", "Media") is not a name; nor is "Criminal Code"
        if end - start == 1 && !all_caps(&toks[start]) {
            continue;
        }
        let name = org_text(s, start, end);
        let idx = add_org(ents, &name, kind, &rule, None);
        for t in taken.iter_mut().take(end).skip(start) {
            *t = true;
        }
        ents.mentions[si].push(Mention {
            sentence: si,
            first: start,
            last: end,
            target: Target::Org(idx),
        });
    }
}

fn org_text(s: &Sentence, start: usize, end: usize) -> String {
    let mut out = String::new();
    for (k, t) in s.tokens[start..end].iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let text = if start + k + 1 == end {
            strip_possessive(&t.text)
        } else {
            &t.text
        };
        out.push_str(text);
    }
    out
}

fn cued_outlets(si: usize, s: &Sentence, lex: &Lexicon, ents: &mut Entities, taken: &mut [bool]) {
    let toks = &s.tokens;
    for (a, b) in cap_runs(s, taken, &["de", "del", "la", "el", "du", "des"]) {
        if lex.not_names.contains(toks[a].lower.as_str()) && b - a == 1 {
            continue;
        }
        if lex.places.contains(toks[a].lower.as_str()) {
            continue;
        }
        let other_kind = if a > 0 {
            lex.org_cues_before
                .iter()
                .find(|(w, _)| *w == toks[a - 1].lower)
                .map(|(_, k)| *k)
        } else {
            None
        };
        if let Some(kind) = other_kind {
            let name = org_text(s, a, b);
            let idx = add_org(ents, &name, kind, "cue.org", None);
            for t in taken.iter_mut().take(b).skip(a) {
                *t = true;
            }
            ents.mentions[si].push(Mention {
                sentence: si,
                first: a,
                last: b,
                target: Target::Org(idx),
            });
            continue;
        }
        // "Managing editor X": the run is itself an occupation; "in Alexandria": a place
        if occupation_at(toks, a, lex).is_some() || (a > 0 && LOCATIVE.contains(&toks[a - 1].lower.as_str())) {
            continue;
        }
        // "a reporter for X", "journalists with X", French "journaliste à X", "reporter pour X":
        // whom a media worker works for is an outlet; not a possessive ("a reporter with Ivo
        // Marten's team") nor a companion named before a workplace ("worked as a reporter with
        // Lena Kral at Quill Pulse"). ("At X" is a place: "a reporter at Monday's rally".)
        let companion = toks[b - 1].lower.ends_with("'s")
            || (toks
                .get(b)
                .is_some_and(|t| matches!(t.lower.as_str(), "at" | "in" | "on" | "for"))
                && toks.get(b + 1).is_some_and(is_cap_word));
        let works_for = a >= 2
            && matches!(
                toks[a - 1].lower.as_str(),
                "for" | "with" | "à" | "au" | "pour" | "chez"
            )
            && !(toks[a - 1].lower == "with" && companion)
            && occupation_before(toks, a - 1, lex).is_some_and(|(_, k, _)| k == OccupationKind::Media);
        let before = a > 0 && lex.outlet_cues_before.iter().any(|c| c == toks[a - 1].lower.as_str());
        let after_words: Vec<&str> = toks[b..].iter().take(3).map(|t| t.lower.as_str()).collect();
        let after = lex.outlet_cues_after.iter().any(|cue| {
            let cw: Vec<&str> = cue.split(' ').collect();
            after_words.len() >= cw.len() && after_words[..cw.len()] == cw[..]
        });
        // "<Outlet> camera operators", "<Outlet>'s deputy editor", "Pereulok's former photo editor"
        let occ_after = {
            let mut k = b;
            if k < toks.len() && toks[k].lower == "former" {
                k += 1;
            }
            occupation_at(toks, k, lex).is_some_and(|(_, kind, _)| kind == OccupationKind::Media)
                && (b - a == 1
                    || toks[b - 1].lower.ends_with("'s")
                    || lex.org_heads.contains_key(toks[b - 1].lower.as_str()))
        };
        let possessive_outlet = toks[b - 1].lower.ends_with("'s") && occ_after;
        if !(before || after || occ_after || possessive_outlet || works_for || in_outlet_list(toks, a)) {
            continue;
        }
        // a run that starts the sentence and is followed by an occupation may be a person's name instead
        if occ_after && !before && !after && a == 0 && b - a > 1 && !toks[b - 1].lower.ends_with("'s") {
            continue;
        }
        let name = org_text(s, a, b);
        let idx = add_org(ents, &name, OrgKind::MediaOutlet, "cue.outlet", None);
        for t in taken.iter_mut().take(b).skip(a) {
            *t = true;
        }
        ents.mentions[si].push(Mention {
            sentence: si,
            first: a,
            last: b,
            target: Target::Org(idx),
        });
    }
    // later bare mentions of known outlets ("Semender", "Kloop")
    let outlet_names: Vec<(usize, Vec<String>)> = ents
        .orgs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == OrgKind::MediaOutlet)
        .map(|(i, o)| (i, crate::lexicon::words_of(&o.name)))
        .collect();
    for (idx, words) in outlet_names {
        for i in 0..toks.len() {
            if i + words.len() > toks.len() || taken[i..i + words.len()].iter().any(|t| *t) {
                continue;
            }
            if (0..words.len()).all(|k| strip_possessive(toks[i + k].lower.as_str()) == words[k])
                && toks[i].is_capitalized()
            {
                for t in taken.iter_mut().skip(i).take(words.len()) {
                    *t = true;
                }
                ents.mentions[si].push(Mention {
                    sentence: si,
                    first: i,
                    last: i + words.len(),
                    target: Target::Org(idx),
                });
            }
        }
        // the first word alone of a multi-word outlet ("Pereulok's", "Semender")
        if words.len() > 1 {
            for i in 0..toks.len() {
                if !taken[i]
                    && toks[i].is_capitalized()
                    && strip_possessive(toks[i].lower.as_str()) == words[0]
                    && !toks.get(i + 1).is_some_and(is_cap_word)
                {
                    taken[i] = true;
                    ents.mentions[si].push(Mention {
                        sentence: si,
                        first: i,
                        last: i + 1,
                        target: Target::Org(idx),
                    });
                }
            }
        }
    }
}

/// The occupation phrase starting at token `k`: (end, kind, phrase).
pub fn occupation_at(toks: &[Token], k: usize, lex: &Lexicon) -> Option<(usize, OccupationKind, String)> {
    let first = strip_possessive(&toks.get(k)?.lower);
    for (words, kind, _) in lex.occupations_starting(first) {
        if k + words.len() <= toks.len()
            && (0..words.len()).all(|j| strip_possessive(toks[k + j].lower.as_str()) == words[j])
        {
            return Some((k + words.len(), *kind, words.join(" ")));
        }
    }
    None
}

/// The occupation phrase ending right before token `k`: (start, kind, phrase).
pub fn occupation_before(toks: &[Token], k: usize, lex: &Lexicon) -> Option<(usize, OccupationKind, String)> {
    // longest first, as the lexicon orders them
    for n in (1..=4.min(k)).rev() {
        for (words, kind, _) in lex.occupations_starting(toks[k - n].lower.as_str()) {
            if words.len() == n && (0..n).all(|j| toks[k - n + j].lower == words[j]) {
                return Some((k - n, *kind, words.join(" ")));
            }
        }
    }
    None
}

fn singular(occ: &str) -> String {
    let irregular = [("cameramen", "cameraman"), ("staff members", "staff member")];
    for (p, s) in irregular {
        if occ == p {
            return s.to_string();
        }
    }
    if let Some(stem) = occ.strip_suffix('s')
        && !occ.ends_with("ss")
    {
        return stem.to_string();
    }
    occ.to_string()
}

/// Full names in sentence `si`. In a headline or caption (`heading`), a run
/// that contains a known name is that person (never a longer form of it:
/// "Dana Okafor Sentenced"), and a new name gets the rule `name.heading`.
fn full_names(si: usize, s: &Sentence, lex: &Lexicon, ents: &mut Entities, heading: bool) {
    let toks = &s.tokens;
    let taken: Vec<bool> = (0..toks.len())
        .map(|i| ents.mentions[si].iter().any(|m| m.first <= i && i < m.last))
        .collect();
    let mut i = 0;
    while i < toks.len() {
        if taken[i] || !is_cap_word(&toks[i]) {
            i += 1;
            continue;
        }
        // collect a run of capitalised words, particles, and a quoted nickname
        let start = i;
        let mut j = i;
        let mut nickname = None;
        while j < toks.len() && !taken[j] {
            let t = &toks[j];
            if is_cap_word(t) && !all_caps(t) {
                j += 1;
                if t.lower.ends_with("'s") {
                    break;
                }
                // "Mr. Marek": a form of address keeps its full stop inside the run
                if matches!(t.lower.as_str(), "mr" | "mrs" | "ms" | "dr" | "prof")
                    && toks.get(j).is_some_and(|d| d.text == "." && d.start == t.end)
                    && toks.get(j + 1).is_some_and(is_cap_word)
                {
                    j += 1;
                }
            } else if j > start
                && lex.particles.contains(t.lower.as_str())
                && (j + 1 >= toks.len() || !toks[j + 1].is_capitalized() || is_cap_word(&toks[j + 1]))
            {
                // "Sadyr uulu", "Ormon kyzy", "van der Berg"
                j += 1;
            } else if j > start
                && matches!(t.text.as_str(), "\"" | "“" | "«")
                && toks.get(j + 1).is_some_and(is_cap_word)
                && toks
                    .get(j + 2)
                    .is_some_and(|q| matches!(q.text.as_str(), "\"" | "”" | "»"))
                && toks.get(j + 3).is_some_and(is_cap_word)
            {
                nickname = Some((j, j + 3));
                j += 3;
            } else {
                break;
            }
        }
        // trailing particle that is actually a lower-case word is fine; trim trailing connectors
        let mut a = start;
        let b = j;
        i = j.max(i + 1);
        // strip leading titles, occupations, not-names, places, outlet words
        let mut title_occ: Option<(String, OccupationKind)> = None;
        // a function word inside the run ("Reporters Without Borders", "Committee to Protect …")
        // makes it the name of something else, however it ends
        let mut inner_function_word = false;
        // "Mr. Purkayastha": a form of address makes a single word a name
        let mut honorific = false;
        while a < b {
            let w = strip_possessive(toks[a].lower.as_str());
            if let Some((end, kind, phrase)) = occupation_at(toks, a, lex)
                && end <= b
                && end < b
            {
                title_occ = Some((phrase, kind));
                a = end;
                continue;
            }
            if lex.titles.contains(w) {
                honorific |= matches!(w, "mr" | "mrs" | "ms" | "miss" | "dr" | "prof");
                // "Mr. Marek": the abbreviation's full stop goes with it
                if a + 1 < b && toks[a + 1].text == "." {
                    a += 1;
                }
                // a title of office ("President", "Chief", "Justice") makes the person an official;
                // honorifics ("Mr", "Dr", "Daw") say nothing of a role
                if !HONORIFICS.contains(&w) {
                    let kind = lex.occupation_kind(w).unwrap_or(OccupationKind::Official);
                    let phrase = if w == "justice" { "judge" } else { w };
                    if title_occ.as_ref().is_none_or(|(_, k)| *k != OccupationKind::Official) {
                        title_occ = Some((phrase.to_string(), kind));
                    }
                }
                a += 1;
                continue;
            }
            if lex.not_names.contains(w)
                || lex.places.contains(w)
                || w == "former"
                || w == "current"
                || w == "freelance"
            {
                if a > start && FUNCTION_WORDS.contains(&w) {
                    inner_function_word = true;
                }
                a += 1;
                continue;
            }
            break;
        }
        if inner_function_word {
            continue;
        }
        // a name is made of letters; a run in quotes is a title ("“The Winning Side”"); a run
        // right before an organisation or document head names that thing ("Sheraton Batumi
        // Hotel", "Kowloon Magistrates’ Courts", "Unlawful Activities (Prevention) Act")
        if (a..b).any(|k| toks[k].text.chars().any(|c| c.is_ascii_digit())) {
            continue;
        }
        let quoted = start > 0
            && matches!(toks[start - 1].text.as_str(), "\"" | "“" | "«")
            && toks.get(b).is_some_and(|t| matches!(t.text.as_str(), "\"" | "”" | "»"));
        if quoted {
            continue;
        }
        // inside a title-case quotation that a word opens: a title ("the article “Luxurious Villa
        // with a View”"), not quoted speech ("“Lev Arkhipov was arrested,” his wife said")
        let open = toks[..start]
            .iter()
            .rposition(|t| matches!(t.text.as_str(), "“" | "«" | "\""))
            .filter(|&o| o > 0 && toks[o - 1].kind == TokenKind::Word);
        let close = open.and_then(|_| {
            toks[b..]
                .iter()
                .position(|t| matches!(t.text.as_str(), "\"" | "”" | "»"))
                .map(|k| b + k)
        });
        if let (Some(o), Some(c)) = (open, close)
            && !toks[o + 1..start]
                .iter()
                .any(|t| matches!(t.text.as_str(), "”" | "»" | "\""))
        {
            let content: Vec<&Token> = toks[o + 1..c]
                .iter()
                .filter(|t| t.kind == TokenKind::Word && t.text.chars().count() >= 4)
                .collect();
            if content.len() >= 3 && content.iter().filter(|t| t.is_capitalized()).count() * 10 >= content.len() * 7 {
                continue;
            }
        }
        // a determiner right before the run makes it a common noun phrase or a title, not a
        // person: "the Grant Holder of the paper", "The Winning Side", "no Gulag Archipelago",
        // "a Jeune Afrique report"
        if (a == start && start > 0 && matches!(toks[start - 1].lower.as_str(), "the" | "a" | "an" | "no"))
            || (start > 0 && toks[start].text == "The")
        {
            continue;
        }
        // "X, Nova Gazeta and The Harbour co-founder": runs coordinated before a media occupation
        // modify it (outlets), whoever the occupation's holder is
        if toks.get(b).is_some_and(|t| t.lower == "and")
            && let Some(e) = (b + 1..toks.len().min(b + 6)).find(|&k| !is_cap_word(&toks[k]))
            && e > b + 1
            && occupation_at(toks, e, lex).is_some_and(|(_, k, _)| k == OccupationKind::Media)
        {
            continue;
        }
        let mut after = b;
        while toks.get(after).is_some_and(|t| matches!(t.text.as_str(), "’" | "'")) {
            after += 1;
        }
        if toks.get(after).is_some_and(|t| t.text == "(")
            && let Some(close) = (after..toks.len().min(after + 6)).find(|&k| toks[k].text == ")")
        {
            after = close + 1;
        }
        if toks.get(after).is_some_and(|t| {
            t.kind == TokenKind::Word
                && lex.org_heads.contains_key(strip_possessive(t.lower.as_str()))
                && !matches!(t.lower.as_str(), "media" | "news" | "today" | "online" | "24" | "info")
        }) {
            continue;
        }
        // "the Ministry of Foreign Affairs", "the Court of First Instance": a run after an
        // organisation head and "of" completes that organisation's name
        if start >= 2
            && toks[start - 1].lower == "of"
            && is_cap_word(&toks[start - 2])
            && lex
                .org_heads
                .contains_key(strip_possessive(toks[start - 2].lower.as_str()))
        {
            continue;
        }
        // a short form of an organisation named in the article ("Sheraton Batumi" for "Sheraton Batumi Hotel")
        let run_words: Vec<&str> = (a..b).map(|k| toks[k].text.as_str()).collect();
        let run_prefix = format!("{} ", run_words.join(" "));
        if b - a >= 2 && ents.orgs.iter().any(|o| o.name.starts_with(&run_prefix)) {
            continue;
        }
        // a single word is a name only with a cue: an occupation before it ("reporter Vinh") or an
        // apposition or age after it ("Okafor, a former reporter for …", "Okafor, 34,")
        let single_cue = b - a == 1 && {
            let occ_before = title_occ.as_ref().is_some_and(|(_, k)| *k == OccupationKind::Media);
            let comma = toks.get(b).is_some_and(|t| t.text == ",");
            let age = comma && toks.get(b + 1).is_some_and(|t| t.kind == TokenKind::Number);
            let mut j = b + 1;
            while toks
                .get(j)
                .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an" | "the" | "former" | "freelance"))
            {
                j += 1;
            }
            let appos =
                comma && j > b + 1 && occupation_at(toks, j, lex).is_some_and(|(_, k, _)| k == OccupationKind::Media);
            occ_before || age || appos || honorific
        };
        if b - a < 2 && !single_cue {
            continue;
        }
        let name_toks: Vec<usize> = (a..b)
            .filter(|k| nickname.is_none_or(|(x, y)| *k < x || *k >= y))
            .collect();
        if name_toks
            .iter()
            .filter(|k| !lex.particles.contains(toks[**k].lower.as_str()))
            .count()
            < if single_cue { 1 } else { 2 }
        {
            continue;
        }
        // reject when any word is a known non-name, place, org head, title, or a word of an event
        // trigger or occupation ("Fines Journalist Okafor", "Congolese Prime Minister"): a person's
        // name is made of names (a particle may also be a word of an occupation phrase: French
        // "directeur de la publication" and "Jean de la Fontaine")
        if name_toks.iter().any(|k| {
            let w = strip_possessive(toks[*k].lower.as_str());
            (lex.not_names.contains(w) && !lex.particles.contains(w))
                || lex.places.contains(w)
                || lex.org_heads.contains_key(w)
                || lex.titles.contains(w)
                || lex.is_event_word(w)
                || (lex.is_occupation_word(w) && !lex.particles.contains(w))
        }) {
            continue;
        }
        // a multi-word place inside the run ("Hong Kong", "Costa Rica")
        let run_text = format!(
            " {} ",
            name_toks
                .iter()
                .map(|k| strip_possessive(toks[*k].lower.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        );
        if lex.multiword_places().any(|p| run_text.contains(&format!(" {p} "))) {
            continue;
        }
        // "the northern department of Nueva Segovia": a place named after its kind
        if a >= 2 && toks[a - 1].lower == "of" && PLACE_NOUNS.contains(&toks[a - 2].lower.as_str()) {
            continue;
        }
        // "Novi Sad reporter questioned": a name-like run before a media occupation modifies it
        if occupation_at(toks, b, lex).is_some_and(|(_, k, _)| k == OccupationKind::Media) {
            continue;
        }
        // places: "Hlaing Tharyar township", "in Nueva Segovia"; and names that modify an institution:
        // "Novi Sad police", "the Kazan court"
        if b < toks.len()
            && (PLACE_NOUNS.contains(&toks[b].lower.as_str())
                || matches!(
                    toks[b].lower.as_str(),
                    "police"
                        | "court"
                        | "courts"
                        | "prosecutor"
                        | "prosecutors"
                        | "authorities"
                        | "officials"
                        | "mayor"
                        | "governor"
                        | "city"
                        | "prison"
                        | "airport"
                ))
        {
            continue;
        }
        let locative = a > 0 && LOCATIVE.contains(&toks[a - 1].lower.as_str()) && title_occ.is_none();
        let person_cue_after =
            toks.get(b).is_some_and(|t| t.text == ",") && toks.get(b + 1).is_some_and(|t| t.kind == TokenKind::Number);
        if locative && !person_cue_after {
            continue;
        }
        let mut parts: Vec<String> = name_toks.iter().map(|k| toks[*k].text.to_string()).collect();
        if let Some(last) = parts.last_mut() {
            *last = strip_possessive(last).to_string();
        }
        let full_variant = if nickname.is_some() {
            let mut v: Vec<String> = (a..b).map(|k| toks[k].text.to_string()).collect();
            if let Some(l) = v.last_mut() {
                *l = strip_possessive(l).to_string();
            }
            Some(join_name(&v))
        } else {
            None
        };
        let known = ents.people.len();
        let idx = person_index(ents, &parts, heading);
        let p = &mut ents.people[idx];
        let name = parts.join(" ");
        // a headline's run around a known name is not a spelling of it
        if heading && idx < known && !p.tokens.iter().map(String::as_str).eq(parts.iter().map(String::as_str)) {
        } else if !p.variants.contains(&name) {
            p.variants.push(name);
        }
        if let Some(v) = full_variant
            && !p.variants.contains(&v)
        {
            p.variants.push(v);
        }
        if let Some((phrase, kind)) = &title_occ
            && p.occupation.is_none()
        {
            p.occupation = Some(singular(phrase));
            p.occupation_kind = Some(*kind);
        }
        ents.mentions[si].push(Mention {
            sentence: si,
            first: a,
            last: b,
            target: Target::Person(idx),
        });
        describe_person(si, s, a, b, lex, ents, idx);
    }
}

fn join_name(parts: &[String]) -> String {
    let mut out = String::new();
    for (k, p) in parts.iter().enumerate() {
        let quote_close = matches!(p.as_str(), "\"" | "”" | "»");
        let prev_quote_open = k > 0 && matches!(parts[k - 1].as_str(), "\"" | "“" | "«") && !out.ends_with(' ');
        if k > 0 && !quote_close && !prev_quote_open {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Whether a name (`low`, lower-cased words) is another form of a known
/// person's (`known`) that the first pass of [`person_index`] (same words, a
/// run of them, a surname alone) does not catch; within one report these
/// name one person:
/// - a word alone that is the surname of a name in East Asian order (the
///   first of two words, the second a hyphenated given name: "Chung" of
///   "Chung Pui-kuen") or a middle word of three or more ("Bujakera" of
///   "Stanis Bujakera Tshiamala", a second surname);
/// - the same first and last words with middle names left out ("Pham Doan
///   Trang" / "Pham Thi Doan Trang", "John Smith" / "John Paul Smith");
/// - the same surname and a given name spelt one letter otherwise, both of
///   six letters or more ("Kanyshai" / "Kanyishai": transliterations vary
///   within one report).
fn same_person_spelt_otherwise(known: &[String], low: &[String]) -> bool {
    if low.len() == 1 {
        let w = &low[0];
        return (known.len() == 2 && &known[0] == w && known[1].contains('-'))
            || (known.len() >= 3 && known[1..known.len() - 1].contains(w));
    }
    let (short, long) = if low.len() <= known.len() {
        (low, known)
    } else {
        (known, low)
    };
    if short.len() >= 2 && short.len() < long.len() && short.first() == long.first() && short.last() == long.last() {
        let mut rest = long.iter();
        return short.iter().all(|w| rest.any(|l| l == w));
    }
    low.len() == known.len()
        && low.len() >= 2
        && low.last() == known.last()
        && low
            .iter()
            .zip(known)
            .filter(|(a, b)| a != b)
            .all(|(a, b)| a.chars().count() >= 6 && one_edit_apart(a, b))
        && low.iter().zip(known).filter(|(a, b)| a != b).count() == 1
}

/// The person these name parts belong to (same full name, or a longer/shorter
/// form of a known name), creating one if new.
fn person_index(ents: &mut Entities, parts: &[String], heading: bool) -> usize {
    let low: Vec<String> = parts.iter().map(|p| p.to_lowercase()).collect();
    // the first person named otherwise, taken only when no other rule matches
    let mut otherwise: Option<usize> = None;
    // every rule below needs a word in common: other people are passed over without
    // lower-casing their names (a list of thousands of names compares each with all before it)
    let lower_eq = |t: &str, l: &str| {
        if t.is_ascii() {
            t.eq_ignore_ascii_case(l)
        } else {
            t.to_lowercase() == l
        }
    };
    for (i, p) in ents.people.iter_mut().enumerate() {
        if !p.tokens.iter().any(|t| low.iter().any(|l| lower_eq(t, l))) {
            continue;
        }
        let pl: Vec<String> = p.tokens.iter().map(|t| t.to_lowercase()).collect();
        if otherwise.is_none() && (same_person_spelt_otherwise(&pl, &low) || same_person_spelt_otherwise(&low, &pl)) {
            otherwise = Some(i);
        }
        if pl == low {
            return i;
        }
        // "Ko Naing Lin Thway" vs "Naing Lin Thway"; "Temirlan Sadyr uulu" vs "Temirlan Sadyr"
        let contains =
            |long: &[String], short: &[String]| short.len() >= 2 && long.windows(short.len()).any(|w| w == short);
        if contains(&pl, &low) {
            return i;
        }
        if contains(&low, &pl) {
            if !heading {
                p.tokens = parts.to_vec();
            }
            return i;
        }
        // a surname first named alone ("Okafor, a reporter …"), then in full ("Dana Okafor"), and the reverse
        if pl.len() == 1 && low.len() > 1 && low.last() == pl.first() {
            if !heading {
                p.tokens = parts.to_vec();
            }
            return i;
        }
        if low.len() == 1 && pl.len() > 1 && pl.last() == low.first() {
            return i;
        }
    }
    if let Some(i) = otherwise {
        // (the person is named by the fuller form: "Wong", then "Wong Ka-lok")
        if !heading && parts.len() > ents.people[i].tokens.len() {
            ents.people[i].tokens = parts.to_vec();
        }
        return i;
    }
    ents.people.push(PersonEntity {
        tokens: parts.to_vec(),
        variants: Vec::new(),
        occupation: None,
        occupation_kind: None,
        affiliation: None,
        former: false,
        gender: None,
        rule: if heading { "name.heading" } else { "name.capitalised" },
    });
    ents.people.len() - 1
}

/// Occupation, affiliation and "former" from the words around a name:
/// "former Kloop camera operators A and B", "A, a former reporter for X,", "X's deputy editor, A,".
fn describe_person(si: usize, s: &Sentence, a: usize, b: usize, lex: &Lexicon, ents: &mut Entities, idx: usize) {
    let toks = &s.tokens;
    // walk left over a coordinated list of names: "A, B and C" share the occupation before A
    // (and a plural apposition after C: "A and B, journalists with X,")
    let mut left = a;
    let mut listed: Vec<usize> = Vec::new();
    loop {
        let prev_name = ents.mentions[si]
            .iter()
            .filter(|m| matches!(m.target, Target::Person(_)) && m.last < left && m.last + 8 >= left)
            .max_by_key(|m| m.last)
            .copied();
        // (a short parenthesis may follow a member: "A (presiding judge), B and C")
        let joined = |m: &Mention| {
            let gap = &toks[m.last..left];
            gap.len() <= 2 && gap.iter().all(|t| matches!(t.lower.as_str(), "," | "and"))
                || (gap.first().is_some_and(|t| t.text == "(")
                    && gap.iter().position(|t| t.text == ")").is_some_and(|c| {
                        gap[c + 1..].iter().all(|t| matches!(t.lower.as_str(), "," | "and")) && c + 1 < gap.len()
                    }))
        };
        match prev_name {
            Some(m) if joined(&m) => {
                left = m.first;
                if let Target::Person(q) = m.target {
                    listed.push(q);
                }
            }
            _ => break,
        }
    }
    let mut occ: Option<(String, OccupationKind)> = None;
    let mut former = false;
    let mut aff: Option<usize> = None;
    let mut k = left;
    if k > 0 && matches!(toks[k - 1].text.as_str(), "," | "–" | "—" | ":") {
        k -= 1; // "His lawyer, Aizada Zhumabaeva", "a panel of judges – A, B and C"
    }
    if let Some((start, kind, phrase)) = occupation_before(toks, k, lex) {
        // a lawyer described by renown ("prominent lawyer X", "the well-known lawyer X") is a person
        // of that profession, who may be the defendant, not counsel in the case ("her lawyer X")
        let renowned = start > 0
            && matches!(
                toks[start - 1].lower.as_str(),
                "prominent" | "well-known" | "renowned" | "famous" | "leading" | "outspoken" | "veteran" | "noted"
            );
        let kind = if kind == OccupationKind::Lawyer && renowned {
            OccupationKind::Other
        } else {
            kind
        };
        occ = Some((phrase, kind));
        let mut j = start;
        // outlet or "former" right before the occupation
        if j > 0 && toks[j - 1].lower == "former" {
            former = true;
            j -= 1;
        }
        if let Some(m) = ents.mentions[si]
            .iter()
            .find(|m| m.last == j || (m.last + 1 == j && toks[j - 1].lower == "former"))
        {
            if let Target::Org(o) = m.target {
                aff = Some(o);
            }
            if m.first > 0 && toks[m.first - 1].lower == "former" {
                former = true;
            }
        }
        if start > 0 && toks[..start].iter().rev().take(3).any(|t| t.lower == "former") {
            former = true;
        }
    }
    // apposition after: ", (a|the|who is a) (former) <occupation> (for|at|of|with) <Org>"
    let mut plural_apposition = false;
    let mut j = b;
    if occ.is_none() && j < toks.len() && toks[j].text == "," {
        j += 1;
        if j < toks.len() && toks[j].kind == TokenKind::Number {
            j += 1; // age
            if j < toks.len() && toks[j].text == "," {
                j += 1;
            }
        }
        // a partitive names the set the person belongs to: "X, one of her lawyers"
        if toks.get(j).is_some_and(|t| t.lower == "one") && toks.get(j + 1).is_some_and(|t| t.lower == "of") {
            j += 2;
        }
        while j < toks.len()
            && matches!(
                toks[j].lower.as_str(),
                "a" | "an"
                    | "the"
                    | "his"
                    | "her"
                    | "their"
                    | "who"
                    | "is"
                    | "was"
                    | "former"
                    | "freelance"
                    | "independent"
            )
        {
            if toks[j].lower == "former" {
                former = true;
            }
            j += 1;
        }
        // outlet before the occupation: "a Kloop accountant"
        let mut org_first = None;
        if let Some(m) = ents.mentions[si]
            .iter()
            .find(|m| m.first == j && matches!(m.target, Target::Org(_)))
        {
            org_first = Some(m);
            j = m.last;
        }
        if let Some((end, kind, phrase)) = occupation_at(toks, j, lex) {
            // (media workers only: "A and B, lawyers with X" may be the defence of someone else)
            plural_apposition = singular(&phrase) != phrase && kind == OccupationKind::Media;
            occ = Some((phrase, kind));
            if let Some(Target::Org(o)) = org_first.map(|m| m.target) {
                aff = Some(o);
            }
            let mut e = end;
            if e < toks.len()
                && matches!(
                    toks[e].lower.as_str(),
                    "for" | "at" | "of" | "with" | "à" | "au" | "pour" | "chez" | "du" | "de" | "d'"
                )
            {
                e += 1;
                while e < toks.len() && matches!(toks[e].lower.as_str(), "the" | "a" | "an") {
                    e += 1;
                }
                // skip descriptive words up to the org
                if let Some(m) = ents.mentions[si]
                    .iter()
                    .find(|m| m.first >= e && m.first <= e + 6 && matches!(m.target, Target::Org(_)))
                    && let Target::Org(o) = m.target
                {
                    aff = Some(o);
                }
            }
        } else {
            former = false;
        }
    }
    if occ.is_none() {
        former = false;
    }
    // a plural apposition describes every member of the list it closes, when the list is
    // not itself the complement of another phrase ("the wife of A, and B, journalists with X")
    let embedded = left > 0
        && matches!(
            toks[left - 1].lower.as_str(),
            "of" | "is" | "was" | "by" | "to" | "with" | "for" | "whose"
        );
    if !plural_apposition || embedded {
        listed.clear();
    }
    for i in std::iter::once(idx).chain(listed) {
        let p = &mut ents.people[i];
        if let Some((phrase, kind)) = &occ {
            if p.occupation.is_none() || p.occupation_kind == Some(OccupationKind::Other) {
                p.occupation = Some(singular(phrase));
                p.occupation_kind = Some(*kind);
            }
            if former {
                p.former = true;
            }
        }
        if aff.is_some() && p.affiliation.is_none() {
            p.affiliation = aff;
        }
    }
}

/// Surname-only, given-name-only and particle forms of people already named:
/// "Alexandrov", "Sadyr uulu", "Selamawit".
fn short_names(si: usize, s: &Sentence, lex: &Lexicon, ents: &mut Entities, cores: &[Vec<String>]) {
    let toks = &s.tokens;
    let mut i = 0;
    while i < toks.len() {
        if !is_cap_word(&toks[i]) || overlaps(ents, si, i, i + 1) {
            i += 1;
            continue;
        }
        let w = strip_possessive(toks[i].lower.as_str());
        let with_particle = toks
            .get(i + 1)
            .is_some_and(|t| lex.particles.contains(t.lower.as_str()) && !overlaps(ents, si, i + 1, i + 2));
        let mut best: Option<(usize, usize)> = None; // (person, score)
        for (pi, p) in ents.people.iter().enumerate() {
            let n = p.tokens.len();
            let core = &cores[pi];
            let score = if core.last().is_some_and(|l| l == w) {
                3
            } else if n >= 3 && core.iter().skip(1).any(|t| t == w) {
                2
            } else if core.first().is_some_and(|f| f == w) && n >= 2 {
                1
            } else if w.chars().count() >= 6 && core.last().is_some_and(|l| one_edit_apart(l, w)) {
                // a surname misspelt by one letter ("Poczobyt" for "Poczobut")
                1
            } else {
                0
            };
            if score > 0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((pi, score));
            }
        }
        if let Some((pi, _)) = best {
            let end = if with_particle { i + 2 } else { i + 1 };
            let form = (i..end)
                .map(|k| strip_possessive(&toks[k].text).to_string())
                .collect::<Vec<_>>()
                .join(" ");
            let p = &mut ents.people[pi];
            if !p.variants.contains(&form) {
                p.variants.push(form);
            }
            ents.mentions[si].push(Mention {
                sentence: si,
                first: i,
                last: end,
                target: Target::Person(pi),
            });
            i = end;
        } else {
            i += 1;
        }
    }
}
