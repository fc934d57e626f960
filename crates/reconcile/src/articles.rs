//! The input side: records de-duplicated by article id and put in a fixed order, person names parsed, event subjects resolved to record entries.

use crate::names::{DEFAULT_GIVEN_NAME_EDITS, Name, clean_name, fold};
use casewatch_model::{EventType, ExtractRecord, OrgKind, Status, Subject};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One subject of a record event, resolved against the record's own lists.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Subj {
    /// Index into the record's `people`.
    Person(usize),
    /// Index into the record's `organizations`.
    Org(usize),
    /// An unnamed group (its description, possibly empty) or a name the record does not list.
    Group { desc: String, count: Option<u32> },
}

/// Event types whose (occurred or alleged) subject is someone being prosecuted:
/// being one makes a person a case's defendant. Questioning alone makes a witness;
/// website blocks and liquidations happen to outlets.
pub(crate) const DEFENDANT_TYPES: [EventType; 21] = [
    EventType::Detention,
    EventType::Search,
    EventType::Seizure,
    EventType::AssetFreeze,
    EventType::Charge,
    EventType::PretrialDetention,
    EventType::HouseArrest,
    EventType::TravelBan,
    EventType::Release,
    EventType::Hearing,
    EventType::Appeal,
    EventType::Conviction,
    EventType::Sentence,
    EventType::Acquittal,
    EventType::Confession,
    EventType::Retraction,
    EventType::CoercionAllegation,
    EventType::DenialOfCounsel,
    EventType::Designation,
    EventType::Expulsion,
    EventType::Pardon,
];

/// Event types that, happening to a media outlet, make it the target of a
/// prosecution (the "outlet case"): [`DEFENDANT_TYPES`] plus blocking and liquidation.
pub(crate) fn targets_outlet(t: EventType) -> bool {
    DEFENDANT_TYPES.contains(&t) || matches!(t, EventType::WebsiteBlock | EventType::Liquidation)
}

/// Acts a report may tell without naming who underwent them and still be
/// the case's: a court session of the case ("the hearing was adjourned"),
/// an appeal, and what happens to an outlet. Any other act with no subject
/// at all ("a search is under way", "was sentenced" of no one named) says
/// nothing of whom it befell and stays off the timeline.
fn subjectless_act_of_the_case(t: EventType) -> bool {
    matches!(
        t,
        EventType::Hearing
            | EventType::Appeal
            | EventType::WebsiteBlock
            | EventType::Liquidation
            | EventType::Designation
            | EventType::AssetFreeze
    )
}

/// Heads of unnamed groups that are another party of a case or a crowd,
/// not its defendants (English, Russian and French stems, folded): the
/// defence ("his lawyers", "адвокатов"), the court and the state
/// ("judges", "officials", "police"), witnesses, protesters.
const OTHER_PARTY_STEMS: [&str; 22] = [
    "lawyer",
    "attorney",
    "advocat",
    "avocat",
    "advokat",
    "judge",
    "sudya",
    "sudi",
    "sudei",
    "juge",
    "prosecutor",
    "prokuror",
    "procureur",
    "official",
    "chinovnik",
    "polic",
    "politsei",
    "witness",
    "svidetel",
    "temoin",
    "protester",
    "protestuyu",
];

/// Heads of unnamed groups of media workers (folded stems), who may be the
/// case's own people.
const MEDIA_WORKER_STEMS: [&str; 17] = [
    "journalist",
    "zhurnalist",
    "reporter",
    "editor",
    "redaktor",
    "correspondent",
    "korrespondent",
    "staff",
    "employee",
    "sotrudnik",
    "blogger",
    "bloger",
    "photographer",
    "fotograf",
    "camera",
    "operator",
    "media",
];

/// Whether an event subject is an unnamed group of another party than the
/// defendants ([`OTHER_PARTY_STEMS`]), or a crowd: a group of ten or more
/// described by no media word ("more than 150 people were fined"). A group
/// of journalists, staff or "the two" may be the case's people and stays.
fn other_party_group(s: &Subj) -> bool {
    let Subj::Group { desc, count } = s else {
        return false;
    };
    let folded = fold(desc);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric() && c != '\'').collect();
    // the stems folded as the words are ("staff" → "staf"), once per process
    static FOLDED: std::sync::LazyLock<[Vec<String>; 2]> = std::sync::LazyLock::new(|| {
        let folded = |stems: &[&str]| stems.iter().map(|s| fold(s)).collect();
        [folded(&OTHER_PARTY_STEMS), folded(&MEDIA_WORKER_STEMS)]
    });
    let heads = |stems: &[String]| {
        words
            .iter()
            .any(|w| w.len() >= 4 && stems.iter().any(|stem| w.starts_with(stem.as_str())))
    };
    let (other, media) = (heads(&FOLDED[0]), heads(&FOLDED[1]));
    !media && (other || count.is_some_and(|n| n >= 10))
}

/// One article as the reconciler sees it. Articles are held in a `Vec`
/// sorted by (publication date, undated last; id), and an article's index
/// in it is its *rank*: every "earliest source" tie-break uses it.
#[derive(Debug)]
pub(crate) struct Article<'a> {
    /// The record.
    pub rec: &'a ExtractRecord,
    /// The names of `rec.people` as the reconciler uses them
    /// ([`clean_name`]: no honorific, title or headline verb), index for index.
    pub shown: Vec<String>,
    /// Parsed `shown` names, index for index.
    pub names: Vec<Name>,
    /// Folded occupation and affiliation of `rec.people`, index for index.
    pub attrs: Vec<[Option<String>; 2]>,
    /// Resolved subjects of `rec.events`, index for index (deduplicated, in record order).
    pub subjects: Vec<Vec<Subj>>,
    /// Indices of people who are an occurred/alleged subject of questioning.
    pub questioned: BTreeSet<usize>,
    /// Per person of the record: whether the name passes the person-name
    /// rules ([`clean_name`], and it is not also one of the record's
    /// organisations). A person that fails is left out of every case.
    pub valid: Vec<bool>,
    /// The article's defendants: indices of valid people who are a subject
    /// of a [`DEFENDANT_TYPES`] event that is not `denied` (a planned or
    /// refused act is still about a defendant).
    pub defendants: BTreeSet<usize>,
    /// The defendants the article is about (see [`central_defendants`]):
    /// only these link articles into a case.
    pub central: BTreeSet<usize>,
    /// Indices of media-outlet organisations that are an occurred/alleged
    /// subject of an event that [`targets_outlet`].
    pub targets: BTreeSet<usize>,
    /// Indices of people the record cites for an event (`attributed_to`).
    pub speakers: BTreeSet<usize>,
    /// Indices of people named with a lawyer's honorific ("Me", "Maître").
    pub counsel: BTreeSet<usize>,
    /// Indices of events left out of the timeline: every subject failed the
    /// person-name rules, or is another party's group or a crowd
    /// (`other_party_group`), or the event names no subject and is no act
    /// of a court session or an outlet (`subjectless_act_of_the_case`).
    pub junk_events: BTreeSet<usize>,
}

impl Article<'_> {
    /// The article id.
    pub fn id(&self) -> &str {
        &self.rec.article.id
    }

    /// The publication date.
    pub fn published(&self) -> Option<NaiveDate> {
        self.rec.article.published
    }

    /// Whether the article can found or join a case: it reports a legal
    /// event about a named defendant or a targeted outlet. Any other
    /// article is stored but belongs to no case.
    pub fn has_case_basis(&self) -> bool {
        !self.defendants.is_empty() || !self.targets.is_empty()
    }
}

/// De-duplicates `records` by article id (of several records with one id the
/// one whose JSON sorts first is kept, so input order never matters) and
/// returns them ranked by (published, undated last; id).
pub(crate) fn prepare(records: &[ExtractRecord]) -> Vec<Article<'_>> {
    let mut by_id: BTreeMap<&str, Vec<&ExtractRecord>> = BTreeMap::new();
    for r in records {
        by_id.entry(r.article.id.as_str()).or_default().push(r);
    }
    let mut recs: Vec<&ExtractRecord> = by_id
        .into_values()
        .filter_map(|mut same| {
            if same.len() > 1 {
                // Several records with one id: keep the one whose JSON sorts first.
                same.sort_by_cached_key(|r| serde_json::to_string(r).unwrap_or_default());
            }
            same.first().copied()
        })
        .collect();
    recs.sort_by(|a, b| {
        let ka = (a.article.published.is_none(), a.article.published, &a.article.id);
        let kb = (b.article.published.is_none(), b.article.published, &b.article.id);
        ka.cmp(&kb)
    });
    recs.into_iter().map(article).collect()
}

fn article(rec: &ExtractRecord) -> Article<'_> {
    let cleaned: Vec<Option<String>> = rec.people.iter().map(|p| clean_name(&p.name)).collect();
    let shown: Vec<String> = rec
        .people
        .iter()
        .zip(&cleaned)
        .map(|(p, c)| c.clone().unwrap_or_else(|| p.name.trim().to_string()))
        .collect();
    let names: Vec<Name> = shown.iter().map(|n| Name::parse(n)).collect();
    let org_names: BTreeSet<String> = rec
        .organizations
        .iter()
        .flat_map(|o| std::iter::once(&o.name).chain(&o.variants))
        .map(|n| fold(n))
        .filter(|n| !n.is_empty())
        .collect();
    let valid: Vec<bool> = cleaned
        .iter()
        .zip(&names)
        .map(|(c, n)| c.is_some() && !org_names.contains(&n.folded))
        .collect();
    let alias = surname_aliases(&names, &valid);
    let folded = |v: &Option<String>| v.as_deref().map(fold).filter(|f| !f.is_empty());
    let attrs = rec
        .people
        .iter()
        .map(|p| [folded(&p.occupation), folded(&p.affiliation)])
        .collect();
    let mut subjects = Vec::with_capacity(rec.events.len());
    let mut prosecuted = BTreeSet::new();
    let mut questioned = BTreeSet::new();
    let mut targets = BTreeSet::new();
    let mut speakers = BTreeSet::new();
    let mut junk_events = BTreeSet::new();
    let mut legal_events: BTreeMap<usize, usize> = BTreeMap::new();
    for (ei, ev) in rec.events.iter().enumerate() {
        if let Some(who) = ev
            .attributed_to
            .as_deref()
            .map(Name::parse)
            .filter(|n| !n.folded.is_empty())
        {
            speakers.extend(
                (0..names.len())
                    .filter(|&i| names[i].folded == who.folded || (who.has_given() && names[i].matches(&who, 0))),
            );
        }
        let mut resolved: Vec<Subj> = Vec::new();
        for s in &ev.subjects {
            let r = match resolve(rec, &names, s) {
                Subj::Person(p) => Subj::Person(alias[p].unwrap_or(p)),
                other => other,
            };
            if !resolved.contains(&r) {
                resolved.push(r);
            }
        }
        // A subject that is no person ("Getty Images") is no subject; an
        // event about nothing but such subjects is left out.
        let had = !resolved.is_empty();
        resolved.retain(|s| !matches!(s, Subj::Person(p) if !valid[*p]));
        // So is one about nothing but other parties or a crowd (an empty
        // list is all of them), and one about no one at all that is not a
        // court session's or an outlet's.
        if (had && resolved.iter().all(other_party_group)) || (!had && !subjectless_act_of_the_case(ev.event_type)) {
            junk_events.insert(ei);
        }
        let counts = matches!(ev.status, Status::Occurred | Status::Alleged);
        // A planned or refused act ("a hearing set for Friday", "house arrest
        // was refused") is still about a defendant; a denied one is not.
        let about = ev.status != Status::Denied;
        for s in &resolved {
            if let Subj::Org(o) = s
                && counts
                && targets_outlet(ev.event_type)
                && rec.organizations[*o].kind == OrgKind::MediaOutlet
            {
                targets.insert(*o);
            }
            if let Subj::Person(p) = s {
                if about && DEFENDANT_TYPES.contains(&ev.event_type) {
                    prosecuted.insert(*p);
                    *legal_events.entry(*p).or_insert(0usize) += 1;
                }
                if counts && ev.event_type == EventType::Questioning {
                    questioned.insert(*p);
                }
            }
        }
        subjects.push(resolved);
    }
    // "Me X" / "Maître X" is how French reports name a lawyer: the
    // defence, not a defendant, whatever a clause made of them.
    let counsel: BTreeSet<usize> = rec
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| lawyer_honorific(&p.name) || p.variants.iter().any(|v| lawyer_honorific(v)))
        .map(|(i, _)| i)
        .collect();
    let defendants: BTreeSet<usize> = prosecuted
        .iter()
        .copied()
        .filter(|&p| valid[p] && !counsel.contains(&p))
        .collect();
    let central = central_defendants(rec, &names, &defendants, &legal_events);
    Article {
        rec,
        shown,
        names,
        attrs,
        subjects,
        questioned,
        valid,
        defendants,
        central,
        targets,
        speakers,
        counsel,
        junk_events,
    }
}

/// Per person of a record: the one other person of the same record that a
/// surname given alone stands for. The extractor may list "Bujakera" apart
/// from "Stanis Bujakera Tshiamala" (a second surname, or a name it could not
/// tie back); inside one article a surname alone ([`Name::fits`]) that fits
/// exactly one valid full name is that person, so the article's acts about
/// "Bujakera" are about its named defendant and link the article by the
/// full name. A surname that fits two full names ("Marsh" of "Lena Marsh"
/// and "Arno Marsh") stands for no one.
fn surname_aliases(names: &[Name], valid: &[bool]) -> Vec<Option<usize>> {
    (0..names.len())
        .map(|i| {
            if !valid[i] || names[i].has_given() || names[i].folded.is_empty() {
                return None;
            }
            let mut fitting =
                (0..names.len()).filter(|&j| j != i && valid[j] && names[j].has_given() && names[i].fits(&names[j]));
            match (fitting.next(), fitting.next()) {
                (Some(j), None) => Some(j),
                _ => None,
            }
        })
        .collect()
}

/// Whether a name as written opens with a lawyer's honorific (French "Me",
/// "Maître").
fn lawyer_honorific(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("").trim_end_matches('.');
    matches!(first, "Me" | "Maître" | "Maitre") && name.split_whitespace().count() > 1
}

/// The defendants an article is about, by salience: a defendant named in
/// the headline, or the subject of at least a quarter as many legal events
/// as the article's most frequent defendant. Someone whose detention or
/// trial an article mentions in passing (another journalist's earlier case,
/// a head of state wrongly read as a subject) is a defendant of the article
/// but does not link it to that person's case: the article is about its
/// central defendants. With three events or fewer for the most frequent
/// defendant, every defendant is central.
fn central_defendants(
    rec: &ExtractRecord,
    names: &[Name],
    defendants: &BTreeSet<usize>,
    legal_events: &BTreeMap<usize, usize>,
) -> BTreeSet<usize> {
    let top = defendants
        .iter()
        .filter_map(|p| legal_events.get(p))
        .copied()
        .max()
        .unwrap_or(0);
    let headline: BTreeSet<String> = rec
        .article
        .title
        .as_deref()
        .map(|t| {
            Name::parse(t)
                .given
                .into_iter()
                .chain([Name::parse(t).surname])
                .collect()
        })
        .unwrap_or_default();
    defendants
        .iter()
        .copied()
        .filter(|p| {
            let n = legal_events.get(p).copied().unwrap_or(0);
            top <= 3 || n * 4 >= top || headline.contains(names[*p].bare_surname())
        })
        .collect()
}

/// Resolves a subject: by `ref` to a person or organisation; failing that,
/// by name (folded equality with a person's name or variant, an
/// organisation's name or variant, then the person-matching rule); failing
/// that it is a group, described by its `group` text or its unmatched name.
fn resolve(rec: &ExtractRecord, names: &[Name], s: &Subject) -> Subj {
    if let Some(r) = &s.reference {
        if let Some(i) = rec.people.iter().position(|p| &p.id == r) {
            return Subj::Person(i);
        }
        if let Some(i) = rec.organizations.iter().position(|o| &o.id == r) {
            return Subj::Org(i);
        }
    }
    if let Some(name) = s.name.as_deref().filter(|n| !n.trim().is_empty()) {
        let n = Name::parse(name);
        if let Some(i) = rec
            .people
            .iter()
            .enumerate()
            .position(|(i, p)| names[i].folded == n.folded || p.variants.iter().any(|v| fold(v) == n.folded))
        {
            return Subj::Person(i);
        }
        if let Some(i) = rec
            .organizations
            .iter()
            .position(|o| fold(&o.name) == n.folded || o.variants.iter().any(|v| fold(v) == n.folded))
        {
            return Subj::Org(i);
        }
        let matching: Vec<usize> = (0..names.len())
            .filter(|&i| names[i].has_given() && names[i].matches(&n, DEFAULT_GIVEN_NAME_EDITS))
            .collect();
        if let [i] = matching.as_slice() {
            return Subj::Person(*i);
        }
        return Subj::Group {
            desc: name.to_string(),
            count: s.count,
        };
    }
    Subj::Group {
        desc: s.group.clone().unwrap_or_default(),
        count: s.count,
    }
}
