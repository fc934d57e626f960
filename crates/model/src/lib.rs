//! casewatch-model: the records every stage shares, with no IO.
//!
//! Two contracts live here, both with serde shapes fixed by the project spec:
//!
//! * [`ExtractRecord`]: one article's extraction, the JSON object of
//!   `spec/extract-output.md` (validated by `spec/extract.schema.json`);
//! * [`CaseFile`] / [`Case`]: the reconciled case file of `spec/casefile.md`.
//!
//! The vocabularies ([`EventType`], [`Status`], [`OrgKind`], …) are the ids of
//! `spec/taxonomy.md`; their serde names are those ids.
//!
//! ```
//! use casewatch_model::{EventType, PartialDate, DatePrecision};
//! assert_eq!(EventType::PretrialDetention.as_str(), "pretrial_detention");
//! let d: PartialDate = "2025-05".parse().unwrap();
//! assert_eq!(d.precision(), DatePrecision::Month);
//! ```

pub mod country;
pub mod custody;
mod date;
mod vocab;

pub use custody::PersonStatus;
pub use date::{DatePrecision, DateQualifier, EventDate, PartialDate, PartialDateError};
pub use vocab::{EventType, OrgKind, Review, Role, Standing, Status, UnknownId};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The article part of an extraction record (`article` in `extract-output.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// File stem for files; the record's own id for JSONL and feeds.
    pub id: String,
    /// The path or URL the article was read from.
    pub source: String,
    /// Publication date (day precision), or `None` when unknown.
    pub published: Option<NaiveDate>,
    /// Title, when the input has one.
    pub title: Option<String>,
    /// ISO 639-1 code of the text's language (`"en"`).
    pub language: String,
    /// Lower-case hex SHA-256 of the normalised body (the de-duplication key).
    pub sha256: String,
    /// Canonical URL of the article when the input names one (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A person mentioned in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Record-local id (`p1`, `p2`, …).
    pub id: String,
    /// The fullest form of the name seen in the article.
    pub name: String,
    /// Every form seen (full name, surname alone, other spellings), first-seen order.
    pub variants: Vec<String>,
    /// Occupation noun ("camera operator"), or `None`.
    pub occupation: Option<String>,
    /// Outlet or organisation the person works (or worked) for.
    pub affiliation: Option<String>,
    /// Whether the affiliation is a former one; `None` when no affiliation is known.
    pub former: Option<bool>,
    /// Id of the rule or lexicon entry that recognised the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// An organisation mentioned in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// Record-local id (`o1`, `o2`, …).
    pub id: String,
    /// Canonical (fullest) name.
    pub name: String,
    /// Other names seen: acronyms, short forms.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Kind from the taxonomy's organisation kinds.
    pub kind: OrgKind,
    /// Id of the rule or lexicon entry that recognised the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One subject of an event: a named person/organisation (`ref` set) or an
/// unnamed group (`group` set, with `count` when stated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Subject {
    /// Id of a `people` (or `organizations`) entry of the same record.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The referenced entry's canonical name, repeated so readers need no join.
    pub name: Option<String>,
    /// Description of an unnamed group ("two accountants").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Head count of the group when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// Who carried out an event: an organisation (by `ref`) or a named actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Id of an `organizations` entry, or `None` for an actor not in the list.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Name as it should be shown.
    pub name: String,
}

/// The sentence an event was read from: byte offsets into the article body
/// (after the `date …` header is removed); `sentence == body[start..end]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The exact slice of the body.
    pub sentence: String,
}

/// One event of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Taxonomy id.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The resolved date: serialised as `date`, `date_precision`, `date_qualifier`, `date_text`.
    #[serde(flatten)]
    pub date: EventDate,
    /// People, organisations or groups the event happens to.
    pub subjects: Vec<Subject>,
    /// Who carried it out.
    pub agent: Option<Agent>,
    /// The most specific place stated.
    pub place: Option<String>,
    /// Occurred, alleged, denied or not occurred (taxonomy "Roles").
    pub status: Status,
    /// Who the article cites for the event.
    pub attributed_to: Option<String>,
    /// Short free text: charge, term, items seized, "until 2025-07-21".
    pub detail: Option<String>,
    /// The sentence it was read from.
    pub evidence: Evidence,
    /// Id of the rule (trigger lexicon entry) that produced the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A criminal or administrative charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    /// The offence as worded ("calls for mass unrest").
    pub label: String,
    /// The legal article ("Article 278"), when stated.
    pub article: Option<String>,
    /// Ids of the people charged.
    #[serde(default)]
    pub subjects: Vec<String>,
}

/// The extraction record of one article (`spec/extract-output.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractRecord {
    /// Where the article came from and its identity.
    pub article: ArticleMeta,
    /// People, in order of first mention.
    pub people: Vec<Person>,
    /// Organisations, in order of first mention.
    pub organizations: Vec<Organization>,
    /// Events, in order of their evidence in the text.
    pub events: Vec<Event>,
    /// Charges.
    pub charges: Vec<Charge>,
}

/// A person of a case: reconciled across articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePerson {
    /// Store-wide id (`P12`).
    pub id: String,
    /// Canonical name: the most frequent full form.
    pub name: String,
    /// Every spelling seen, sorted.
    pub variants: Vec<String>,
    /// Occupation most sources give.
    pub occupation: Option<String>,
    /// Affiliation most sources give.
    pub affiliation: Option<String>,
    /// Whether the affiliation is former.
    pub former: Option<bool>,
    /// Role in the case.
    pub role: Role,
    /// The rule that set the role (`subject_of_legal_event`, `occupation`,
    /// `affiliation_rights_group`, `reviewer`, …); absent in files written
    /// before roles carried their rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_rule: Option<String>,
}

/// Another case that shares someone or something with a case without being
/// the same prosecution (`spec/casefile.md`: related, never merged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedCase {
    /// The other case's id.
    pub case: String,
    /// The other case's title.
    pub title: String,
    /// Why they are related, one line per shared person or outlet
    /// ("shares Dana Okafor: lawyer here, defendant there").
    pub reasons: Vec<String>,
}

/// One source of a timeline entry: an article and the sentence it reports the event in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Article id.
    pub article: String,
    /// The article's publication date.
    pub published: Option<NaiveDate>,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The article's headline, when known (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet that published it: its site name from the page's metadata,
    /// else the host of its URL without `www.` (added field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Byte offset of the evidence in the article body.
    pub start: usize,
    /// Byte offset one past the evidence's end.
    pub end: usize,
    /// The evidence sentence.
    pub sentence: String,
}

/// The outlet a URL belongs to: its host without `www.` (`https://www.example.org/a`
/// → `example.org`); `None` for anything but an `http`/`https` URL with a host.
pub fn outlet_of_url(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let host = u.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// A value of a timeline entry that some sources give differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The field in dispute (`date`, `detail`, `status`, …).
    pub field: String,
    /// The other value, as text.
    pub value: String,
    /// Article ids that give it.
    pub sources: Vec<String>,
}

/// One entry of a case timeline: one real event with every report of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Store-wide id (`E40`).
    pub id: String,
    /// Taxonomy id.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// The value most sources give.
    #[serde(flatten)]
    pub date: EventDate,
    /// Subjects, with case-level person ids.
    pub subjects: Vec<Subject>,
    /// Who carried it out.
    pub agent: Option<Agent>,
    /// Place.
    pub place: Option<String>,
    /// Status most sources give.
    pub status: Status,
    /// Detail most sources give.
    pub detail: Option<String>,
    /// Review state.
    pub review: Review,
    /// Every article that reports this event, in article order.
    pub sources: Vec<Source>,
    /// Values other sources give for the same event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// One case: the people, organisations, charges and merged timeline of one prosecution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Store-wide id (`c1`).
    pub id: String,
    /// Derived title: the outlet or the main defendant.
    pub title: String,
    /// People of the case.
    pub people: Vec<CasePerson>,
    /// Organisations of the case.
    pub organizations: Vec<Organization>,
    /// Charges, with case-level person ids as subjects.
    pub charges: Vec<Charge>,
    /// The merged timeline, oldest first, undated last.
    pub events: Vec<TimelineEntry>,
    /// Ids of the articles that belong to the case (added field), sorted.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Cases that share a person or an outlet with this one but are other
    /// prosecutions, by id; filled in by the store when a case is read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_cases: Vec<RelatedCase>,
}

/// The whole case file: `{"cases": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CaseFile {
    /// Every case.
    pub cases: Vec<Case>,
}
