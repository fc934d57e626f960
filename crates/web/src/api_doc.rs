//! Schemas for the OpenAPI document of the shapes in `spec/casefile.md` and
//! `spec/extract-output.md`. The API serialises the model types themselves;
//! these mirrors only describe them (casewatch-model stays free of an
//! OpenAPI dependency), and a test checks that every field the API emits is
//! described here.

#![allow(dead_code)]

use utoipa::ToSchema;

/// `{"cases": [...]}` (one page, with `total`, `page`, `per_page`).
#[derive(ToSchema)]
#[schema(as = CaseFile)]
pub(crate) struct CaseFileDoc {
    cases: Vec<CaseDoc>,
    /// Cases passing the filters, over every page.
    total: Option<u64>,
    /// This page, from 1.
    page: Option<u64>,
    /// Cases per page.
    per_page: Option<u64>,
}

/// Where a defendant stands now.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = PersonStatus)]
pub(crate) struct PersonStatusDoc {
    /// Person id.
    person: String,
    name: String,
    /// serving | in_custody | house_arrest | convicted_in_absentia | travel_ban | charges_pending | released | acquitted | unknown
    status: String,
    /// Since when (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    since: Option<String>,
    /// The term as reported.
    term: Option<String>,
    /// When the term ends, when known.
    until: Option<String>,
    /// The timeline entry that established it.
    entry: Option<String>,
    /// Publication date of the case's latest source.
    as_of: Option<String>,
    /// Whether a reviewer set it.
    overridden: bool,
    /// The reviewer's note.
    note: Option<String>,
}

/// One case.
#[derive(ToSchema)]
#[schema(as = Case)]
pub(crate) struct CaseDoc {
    /// Case id (`c1`).
    id: String,
    /// Derived title.
    title: String,
    people: Vec<CasePersonDoc>,
    organizations: Vec<OrganizationDoc>,
    charges: Vec<ChargeDoc>,
    /// The merged timeline, oldest first, undated last.
    events: Vec<TimelineEntryDoc>,
    /// Ids of the case's articles.
    articles: Vec<String>,
    /// ISO 3166-1 alpha-2 country code (derived from the places, courts and agencies; or a reviewer's).
    country: Option<String>,
    /// Where each defendant stands now.
    status: Vec<PersonStatusDoc>,
    /// Other prosecutions that share a person or an outlet with this one (absent when none).
    related_cases: Option<Vec<RelatedCaseDoc>>,
}

/// A related case: another prosecution, never merged.
#[derive(ToSchema)]
#[schema(as = RelatedCase)]
pub(crate) struct RelatedCaseDoc {
    /// Case id.
    case: String,
    /// Its title.
    title: String,
    /// Why: "shares X: lawyer here, defendant there", "both concern the outlet Y".
    reasons: Vec<String>,
}

/// A person of a case.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = CasePerson)]
pub(crate) struct CasePersonDoc {
    /// Store-wide id (`P12`).
    id: String,
    name: String,
    /// Every spelling seen.
    variants: Vec<String>,
    occupation: Option<String>,
    affiliation: Option<String>,
    former: Option<bool>,
    /// defendant | lawyer | judge | prosecutor | official | relative | witness | expert | commentator | mentioned
    role: String,
    /// The rule that set the role (`subject_of_legal_event`, `occupation`, `reviewer`, …).
    role_rule: Option<String>,
}

/// An organisation.
#[derive(ToSchema)]
#[schema(as = Organization)]
pub(crate) struct OrganizationDoc {
    id: String,
    name: String,
    variants: Vec<String>,
    /// Taxonomy organisation kind.
    kind: String,
    rule: Option<String>,
}

/// A charge.
#[derive(ToSchema)]
#[schema(as = Charge)]
pub(crate) struct ChargeDoc {
    label: String,
    article: Option<String>,
    /// Person ids.
    subjects: Vec<String>,
}

/// A subject of an event.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = Subject)]
pub(crate) struct SubjectDoc {
    #[serde(rename = "ref")]
    reference: Option<String>,
    name: Option<String>,
    group: Option<String>,
    count: Option<u32>,
}

/// Who carried out an event.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = Agent)]
pub(crate) struct AgentDoc {
    #[serde(rename = "ref")]
    reference: Option<String>,
    name: String,
}

/// One source of a timeline entry.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = Source)]
pub(crate) struct SourceDoc {
    article: String,
    published: Option<String>,
    url: Option<String>,
    /// The headline, when known.
    title: Option<String>,
    /// The outlet (the URL's site), when known.
    outlet: Option<String>,
    /// Byte offsets of the evidence in the article body.
    start: usize,
    end: usize,
    sentence: String,
}

/// A value other sources give.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = Conflict)]
pub(crate) struct ConflictDoc {
    field: String,
    value: String,
    sources: Vec<String>,
}

/// One timeline entry.
#[derive(ToSchema, serde::Serialize)]
#[schema(as = TimelineEntry)]
pub(crate) struct TimelineEntryDoc {
    /// Store-wide id (`E40`).
    id: String,
    /// Taxonomy event type.
    #[serde(rename = "type")]
    event_type: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null.
    date: Option<String>,
    /// day | month | year | null
    date_precision: Option<String>,
    /// early | mid | late | before | after | around | null
    date_qualifier: Option<String>,
    date_text: Option<String>,
    /// true when no source states the date: it was inferred (present only when true).
    date_inferred: Option<bool>,
    subjects: Vec<SubjectDoc>,
    agent: Option<AgentDoc>,
    place: Option<String>,
    /// occurred | alleged | denied | not_occurred
    status: String,
    detail: Option<String>,
    /// machine | confirmed | edited | rejected
    review: String,
    sources: Vec<SourceDoc>,
    conflicts: Vec<ConflictDoc>,
}

/// A timeline entry with its case id (`/api/v1/events`).
#[derive(ToSchema, serde::Serialize)]
#[schema(as = CaseEvent)]
pub(crate) struct CaseEventDoc {
    /// The case id.
    case: String,
    /// The entry's fields.
    #[serde(flatten)]
    entry: TimelineEntryDoc,
}

/// A person with their case id (`/api/v1/people`).
#[derive(ToSchema, serde::Serialize)]
#[schema(as = CasePersonRef)]
pub(crate) struct CasePersonRefDoc {
    case: String,
    #[serde(flatten)]
    person: CasePersonDoc,
}

/// A person with cases and events (`/api/v1/people/{id}`).
#[derive(ToSchema)]
#[schema(as = PersonDetail)]
pub(crate) struct PersonDetailDoc {
    person: CasePersonDoc,
    cases: Vec<String>,
    events: Vec<CaseEventDoc>,
}

/// An article's extraction record (`spec/extract-output.md`) with its body.
#[derive(ToSchema)]
#[schema(as = ArticleDetail)]
pub(crate) struct ArticleDetailDoc {
    /// The extraction record (`article`, `people`, `organizations`, `events`, `charges`).
    #[schema(value_type = Object)]
    record: serde_json::Value,
    /// The body the evidence offsets point into.
    body: String,
    cases: Vec<String>,
}

/// An error.
#[derive(ToSchema)]
#[schema(as = Error)]
pub(crate) struct ErrorDoc {
    error: String,
    status: u16,
}

/// An audit-log entry.
#[derive(ToSchema)]
#[schema(as = AuditEntry)]
pub(crate) struct AuditEntryDoc {
    id: i64,
    /// RFC 3339 time.
    at: String,
    user: String,
    action: String,
    target: String,
    case: Option<String>,
    #[schema(value_type = Object)]
    before: serde_json::Value,
    #[schema(value_type = Object)]
    after: serde_json::Value,
    note: Option<String>,
}
