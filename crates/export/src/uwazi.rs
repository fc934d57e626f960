//! The case file as four CSV files for Uwazi's CSV import (`cases.csv`, `organisations.csv`, `people.csv`, `events.csv`, one Uwazi template each), with unique titles and relationship columns by title.
//!
//! The rules come from Uwazi's import code (huridocs/uwazi, `app/api/csv/`):
//!
//! * every row becomes one entity whose title is the `title` column; a column
//!   named `id` is read as Uwazi's own entity id, so casewatch's id is in
//!   `casewatch_id`;
//! * a relationship cell holds the titles of the related entities separated
//!   by `|` (split without trimming); a title that no entity of the target
//!   template has creates a new, empty entity. So titles are unique in their
//!   file, hold no `|` and no line break, and every title a relationship cell
//!   names is the title of a row of the target file, imported before it
//!   ([`UWAZI_IMPORT_ORDER`]);
//! * two relationship properties of one template with the same target
//!   template and relation type must hold the same values, so the agent of an
//!   event has its own relation type ("Agent"), apart from its subjects
//!   ("Subject");
//! * dates are read with moment's `YYYY-MM-DD` (among other formats), date
//!   ranges as `from:to` (either side may be empty); a `YYYY-MM` value would
//!   be read as a year, so every date is written in full (the first day of
//!   its month or year) and the precision and qualifier have columns of their
//!   own;
//! * select and multi-select cells hold thesaurus labels (created on import
//!   when new; `::` separates a parent from a child, `|` values), so they are
//!   readable labels without either;
//! * a byte-order mark would become part of the first header (`_title`), so
//!   the files have none, and cells are written as they are (no formula
//!   neutralisation: Uwazi stores what the cell says).
//!
//! The templates to create in Uwazi are [`UWAZI_TEMPLATES`]; README.md
//! ("Uwazi") documents them for users.

use crate::ExportError;
use crate::dossier::is_web_url;
use crate::labels::{
    event_type_label, org_kind_label, precision_label, qualifier_label, review_label, role_label, status_label,
};
use casewatch_model::{Case, CaseFile, DatePrecision, DateQualifier, PartialDate, Review, TimelineEntry};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The four files in the order they must be imported: each file's
/// relationship cells name entities of files imported before it.
pub const UWAZI_IMPORT_ORDER: [&str; 4] = ["cases.csv", "organisations.csv", "people.csv", "events.csv"];

/// Uwazi property types used by the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UwaziType {
    /// "Text".
    Text,
    /// "Rich text" (Markdown).
    Markdown,
    /// "Numeric".
    Numeric,
    /// "Date" (written `YYYY-MM-DD`).
    Date,
    /// "Date range" (written `YYYY-MM-DD:YYYY-MM-DD`, either side may be empty).
    DateRange,
    /// "Select" (one thesaurus label).
    Select,
    /// "Multiple select" (thesaurus labels separated by `|`).
    MultiSelect,
    /// "Relationship" (entity titles separated by `|`).
    Relationship,
    /// "Link" (`label|url`).
    Link,
}

impl UwaziType {
    /// The type's name in Uwazi's template editor.
    pub fn ui_name(self) -> &'static str {
        match self {
            UwaziType::Text => "Text",
            UwaziType::Markdown => "Rich text",
            UwaziType::Numeric => "Numeric",
            UwaziType::Date => "Date",
            UwaziType::DateRange => "Date range",
            UwaziType::Select => "Select",
            UwaziType::MultiSelect => "Multiple select",
            UwaziType::Relationship => "Relationship",
            UwaziType::Link => "Link",
        }
    }
}

/// One property of an Uwazi template, and the CSV column that fills it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UwaziProperty {
    /// The column name, which is also the property's name in Uwazi (the
    /// label lower-cased with `_` for spaces).
    pub name: &'static str,
    /// The property's label in the template editor.
    pub label: &'static str,
    /// The property type.
    pub kind: UwaziType,
    /// For a relationship: the target template.
    pub target: Option<&'static str>,
    /// For a relationship: the relation type (Uwazi "relationship type").
    pub relation: Option<&'static str>,
    /// For a select or multi-select: the thesaurus it uses.
    pub thesaurus: Option<&'static str>,
}

/// One Uwazi template: its name, the file that fills it and its properties
/// (every template also has Uwazi's own `title`, the first column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UwaziTemplate {
    /// The template's name in Uwazi.
    pub name: &'static str,
    /// The CSV file that fills it.
    pub file: &'static str,
    /// The properties, in column order after `title`.
    pub properties: &'static [UwaziProperty],
}

impl UwaziTemplate {
    /// The CSV header: `title`, then every property's name.
    pub fn columns(&self) -> Vec<&'static str> {
        std::iter::once("title")
            .chain(self.properties.iter().map(|p| p.name))
            .collect()
    }
}

const fn prop(name: &'static str, label: &'static str, kind: UwaziType) -> UwaziProperty {
    UwaziProperty {
        name,
        label,
        kind,
        target: None,
        relation: None,
        thesaurus: None,
    }
}

const fn select(name: &'static str, label: &'static str, kind: UwaziType, thesaurus: &'static str) -> UwaziProperty {
    UwaziProperty {
        name,
        label,
        kind,
        target: None,
        relation: None,
        thesaurus: Some(thesaurus),
    }
}

const fn link(name: &'static str, label: &'static str, target: &'static str, relation: &'static str) -> UwaziProperty {
    UwaziProperty {
        name,
        label,
        kind: UwaziType::Relationship,
        target: Some(target),
        relation: Some(relation),
        thesaurus: None,
    }
}

use UwaziType::{Date, DateRange, Link, Markdown, MultiSelect, Numeric, Select, Text};

/// Template "Case" (`cases.csv`): one row per case.
pub const UWAZI_CASE: UwaziTemplate = UwaziTemplate {
    name: "Case",
    file: "cases.csv",
    properties: &[
        prop("casewatch_id", "casewatch id", Text),
        prop("defendants", "Defendants", Text),
        select("charges", "Charges", MultiSelect, "Charges"),
        prop("period", "Period", DateRange),
        prop("first_event", "First event", Date),
        prop("event_count", "Event count", Numeric),
        prop("article_count", "Article count", Numeric),
        prop("sources", "Sources", Markdown),
    ],
};

/// Template "Organisation" (`organisations.csv`): one row per organisation
/// (store-wide id), with its cases.
pub const UWAZI_ORGANISATION: UwaziTemplate = UwaziTemplate {
    name: "Organisation",
    file: "organisations.csv",
    properties: &[
        prop("casewatch_id", "casewatch id", Text),
        select("kind", "Kind", Select, "Organisation kinds"),
        prop("spellings", "Spellings", Text),
        link("cases", "Cases", "Case", "Involved in"),
    ],
};

/// Template "Person" (`people.csv`): one row per person (store-wide id),
/// with every case, role and spelling.
pub const UWAZI_PERSON: UwaziTemplate = UwaziTemplate {
    name: "Person",
    file: "people.csv",
    properties: &[
        prop("casewatch_id", "casewatch id", Text),
        link("cases", "Cases", "Case", "Involved in"),
        select("roles", "Roles", MultiSelect, "Roles"),
        prop("spellings", "Spellings", Text),
        prop("occupation", "Occupation", Text),
        prop("affiliation", "Affiliation", Text),
        select("affiliation_status", "Affiliation status", Select, "Affiliation status"),
        prop("event_count", "Event count", Numeric),
    ],
};

/// Template "Event" (`events.csv`): one row per timeline entry.
pub const UWAZI_EVENT: UwaziTemplate = UwaziTemplate {
    name: "Event",
    file: "events.csv",
    properties: &[
        prop("casewatch_id", "casewatch id", Text),
        link("case", "Case", "Case", "Event of"),
        select("event_type", "Event type", Select, "Event types"),
        prop("date", "Date", Date),
        select("date_precision", "Date precision", Select, "Date precisions"),
        select("date_qualifier", "Date qualifier", Select, "Date qualifiers"),
        prop("date_range", "Date range", DateRange),
        prop("date_text", "Date text", Text),
        select("status", "Status", Select, "Event statuses"),
        select("review", "Review", Select, "Review states"),
        link("subjects", "Subjects", "Person", "Subject"),
        link(
            "subject_organisations",
            "Subject organisations",
            "Organisation",
            "Subject",
        ),
        prop("groups", "Groups", Text),
        link("agent", "Agent", "Organisation", "Agent"),
        prop("agent_name", "Agent name", Text),
        prop("place", "Place", Text),
        prop("detail", "Detail", Text),
        prop("conflicts", "Conflicts", Text),
        prop("source_count", "Source count", Numeric),
        prop("first_source", "First source", Link),
        prop("sources", "Sources", Markdown),
    ],
};

/// The four templates, in import order.
pub const UWAZI_TEMPLATES: [UwaziTemplate; 4] = [UWAZI_CASE, UWAZI_ORGANISATION, UWAZI_PERSON, UWAZI_EVENT];

/// How many bytes Uwazi's header check reads before it stops: the first
/// chunk of Node's file stream (`fs.createReadStream`, 64 KiB). Uwazi's
/// `peekHeaders` (`app/api/csv/csv.ts`) ends csvtojson's parser after the
/// header; if that chunk ends inside a quoted cell, csvtojson rejects with
/// `unclosed_quote`, nobody handles it, and Uwazi's server exits on the
/// unhandled rejection. So no row may straddle this offset: the row that
/// would is preceded by blank lines (which every CSV reader, Uwazi's
/// included, skips) until it starts after it.
pub const UWAZI_PEEK_BYTES: usize = 64 * 1024;

/// Writes one Uwazi CSV file row by row (see [`UWAZI_PEEK_BYTES`]).
struct TableWriter {
    out: Vec<u8>,
}

impl TableWriter {
    fn new(columns: &[&str]) -> Result<Self, ExportError> {
        let mut t = TableWriter { out: Vec::new() };
        t.row(columns.iter())?;
        Ok(t)
    }

    fn row<I, S>(&mut self, cells: I) -> Result<(), ExportError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells)?;
        let record = w.into_inner().map_err(|e| ExportError::Finish(e.error().to_string()))?;
        let start = self.out.len();
        if start <= UWAZI_PEEK_BYTES && UWAZI_PEEK_BYTES < start + record.len() {
            self.out.resize(UWAZI_PEEK_BYTES + 2, b'\n');
        }
        self.out.extend_from_slice(&record);
        Ok(())
    }

    fn finish(self) -> Result<String, ExportError> {
        // Every cell is a Rust string, so the buffer is UTF-8.
        String::from_utf8(self.out).map_err(|e| ExportError::Finish(e.to_string()))
    }
}

/// Options of [`uwazi_export`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UwaziOptions {
    /// Export entries a reviewer rejected too (their `review` says
    /// "rejected"); by default they are left out.
    pub include_rejected: bool,
}

/// The four CSV files of [`uwazi_export`], each UTF-8 without a byte-order
/// mark, `\n` line ends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UwaziFiles {
    /// `cases.csv` ([`UWAZI_CASE`]).
    pub cases: String,
    /// `organisations.csv` ([`UWAZI_ORGANISATION`]).
    pub organisations: String,
    /// `people.csv` ([`UWAZI_PERSON`]).
    pub people: String,
    /// `events.csv` ([`UWAZI_EVENT`]).
    pub events: String,
}

impl UwaziFiles {
    /// `(file name, text)` in [`UWAZI_IMPORT_ORDER`].
    pub fn in_import_order(&self) -> [(&'static str, &str); 4] {
        [
            (UWAZI_IMPORT_ORDER[0], self.cases.as_str()),
            (UWAZI_IMPORT_ORDER[1], self.organisations.as_str()),
            (UWAZI_IMPORT_ORDER[2], self.people.as_str()),
            (UWAZI_IMPORT_ORDER[3], self.events.as_str()),
        ]
    }
}

/// A title or a cell value made safe for Uwazi: line breaks and runs of
/// white space become one space, `|` (the multi-value separator) becomes
/// `/`, and the result is trimmed (Uwazi's CSV reader trims cells).
pub fn uwazi_title(text: &str) -> String {
    text.replace('|', "/").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A thesaurus label made safe: as [`uwazi_title`], and `::` (Uwazi's
/// parent/child separator) becomes `:`.
fn thesaurus_label(text: &str) -> String {
    let mut s = uwazi_title(text);
    while s.contains("::") {
        s = s.replace("::", ":");
    }
    s
}

/// Makes titles unique: every title shared by two or more keys (compared
/// case-insensitively, as a reader would) gets ` (key)` appended; if that
/// still collides, the key is appended again until it does not. Returns
/// key → title, for `(key, title)` pairs in their given order.
fn unique_titles(items: &[(String, String)]) -> HashMap<String, String> {
    let fold = |s: &str| s.to_lowercase();
    let mut count: HashMap<String, usize> = HashMap::new();
    for (_, t) in items {
        *count.entry(fold(t)).or_default() += 1;
    }
    let mut taken: BTreeSet<String> = items
        .iter()
        .filter(|(_, t)| count.get(&fold(t)).copied() == Some(1))
        .map(|(_, t)| fold(t))
        .collect();
    let mut out = HashMap::new();
    for (key, t) in items {
        let mut title = t.clone();
        if count.get(&fold(t)).copied().unwrap_or(0) > 1 || title.is_empty() {
            title = if title.is_empty() {
                uwazi_title(key)
            } else {
                format!("{title} ({})", uwazi_title(key))
            };
            while taken.contains(&fold(&title)) {
                title = format!("{title} ({})", uwazi_title(key));
            }
            taken.insert(fold(&title));
        }
        out.insert(key.clone(), title);
    }
    out
}

/// The last day of the date's month (month precision) or year (year
/// precision); the day itself for day precision.
fn last_day(d: PartialDate) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    match d.precision() {
        DatePrecision::Day => d.to_naive(),
        DatePrecision::Month => {
            let m = d.month?;
            let (y, next) = if m == 12 { (d.year + 1, 1) } else { (d.year, m + 1) };
            NaiveDate::from_ymd_opt(y, next, 1)?.pred_opt()
        }
        DatePrecision::Year => NaiveDate::from_ymd_opt(d.year, 12, 31),
    }
}

/// The first day of the date's period.
fn first_day(d: PartialDate) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// The `date` cell: the first day of the period, `YYYY-MM-DD`.
pub fn uwazi_date(d: PartialDate) -> String {
    first_day(d).map(|x| x.to_string()).unwrap_or_default()
}

/// The `date_range` cell `from:to`: the first and last day of the period;
/// "before" leaves `from` empty (`:to`), "after" leaves `to` empty
/// (`from:`); undated is empty.
pub fn uwazi_date_range(d: Option<PartialDate>, qualifier: Option<DateQualifier>) -> String {
    let Some(d) = d else { return String::new() };
    let from = first_day(d).map(|x| x.to_string()).unwrap_or_default();
    let to = last_day(d).map(|x| x.to_string()).unwrap_or_default();
    match qualifier {
        Some(DateQualifier::Before) => format!(":{to}"),
        Some(DateQualifier::After) => format!("{from}:"),
        _ => format!("{from}:{to}"),
    }
}

/// Escapes text for Uwazi's Markdown fields: characters that start
/// emphasis, links, code or HTML get a backslash; line breaks become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '|') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// One source line of a `sources` cell:
/// `[headline](url) — outlet, 2025-06-01 (article a1): “quote”`.
fn source_line(
    article: &str,
    title: Option<&str>,
    url: Option<&str>,
    outlet: Option<String>,
    published: Option<chrono::NaiveDate>,
    quote: Option<&str>,
) -> String {
    let headline = title.map(md).filter(|t| !t.is_empty()).unwrap_or_else(|| md(article));
    let mut line = match url.filter(|u| is_web_url(u)) {
        Some(u) => format!("[{headline}](<{}>)", u.trim().replace(['<', '>', ' ', '\n', '\r'], "")),
        None => headline,
    };
    let mut facts: Vec<String> = Vec::new();
    if let Some(o) = outlet {
        facts.push(md(&o));
    }
    facts.push(published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()));
    line.push_str(&format!(" — {} (article {})", facts.join(", "), md(article)));
    if let Some(q) = quote {
        line.push_str(&format!(": “{}”", md(q)));
    }
    line
}

fn entry_label(e: &TimelineEntry, people_titles: &HashMap<String, String>) -> String {
    let mut names: Vec<String> = Vec::new();
    for s in &e.subjects {
        let name = s
            .reference
            .as_ref()
            .and_then(|r| people_titles.get(r).cloned())
            .or_else(|| s.name.clone())
            .or_else(|| s.group.clone())
            .unwrap_or_default();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    let shown = if names.len() > 3 {
        format!("{} and {} more", names[..3].join(", "), names.len() - 3)
    } else {
        names.join(", ")
    };
    let date = e.date.value.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
    let kind = event_type_label(e.event_type);
    if shown.is_empty() {
        uwazi_title(&format!("{} {kind} ({date})", e.id))
    } else {
        uwazi_title(&format!("{} {kind}: {shown} ({date})", e.id))
    }
}

/// Accumulates one organisation or person across cases.
#[derive(Default)]
struct Party {
    name: String,
    spellings: BTreeSet<String>,
    cases: Vec<String>,
    roles: Vec<&'static str>,
    kind: Option<&'static str>,
    occupation: Option<String>,
    affiliation: Option<String>,
    former: Option<bool>,
    events: usize,
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn join_titles<'a>(titles: impl IntoIterator<Item = &'a String>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for t in titles {
        if !seen.contains(&t.as_str()) {
            seen.push(t);
        }
    }
    seen.join("|")
}

/// The case file as the four Uwazi CSV files ([`UWAZI_TEMPLATES`]):
///
/// * `cases.csv`: one row per case; title the case title;
/// * `organisations.csv`: one row per organisation id (across cases); title
///   its name; its cases by title;
/// * `people.csv`: one row per person id (across cases); title the name;
///   cases, roles and spellings as `|` lists;
/// * `events.csv`: one row per timeline entry (rejected ones only with
///   [`UwaziOptions::include_rejected`]); title
///   `E12 pre-trial detention: Dana Okafor (2025-03-11)`; the case, the
///   subject people and organisations and the agent as relationship cells
///   (titles separated by `|`), unnamed groups and an agent that is no
///   listed organisation as text; the date in full with its precision,
///   qualifier and range ([`uwazi_date`], [`uwazi_date_range`]); the
///   sources as a Markdown list (headline linked to the URL, outlet,
///   publication date, article id, quote) and the first source with a URL
///   as a link.
///
/// Titles are unique within their file: a title two entities share gets the
/// casewatch id appended (`Dana Okafor (P7)`); titles hold no `|` or line
/// break ([`uwazi_title`]). Every title a relationship cell names is the
/// title of a row of the target file.
///
/// Errors: only if the CSV writer fails internally.
pub fn uwazi_export(file: &CaseFile, options: UwaziOptions) -> Result<UwaziFiles, ExportError> {
    let kept = |e: &&TimelineEntry| options.include_rejected || e.review != Review::Rejected;

    // Titles of cases, organisations and people.
    let case_titles = unique_titles(
        &file
            .cases
            .iter()
            .map(|c| (c.id.clone(), uwazi_title(&c.title)))
            .collect::<Vec<_>>(),
    );
    let mut orgs: BTreeMap<String, Party> = BTreeMap::new();
    let mut org_order: Vec<String> = Vec::new();
    let mut people: BTreeMap<String, Party> = BTreeMap::new();
    let mut person_order: Vec<String> = Vec::new();
    for case in &file.cases {
        for o in &case.organizations {
            let party = orgs.entry(o.id.clone()).or_insert_with(|| {
                org_order.push(o.id.clone());
                Party {
                    name: uwazi_title(&o.name),
                    kind: Some(org_kind_label(o.kind)),
                    ..Party::default()
                }
            });
            party.spellings.insert(uwazi_title(&o.name));
            party.spellings.extend(o.variants.iter().map(|v| uwazi_title(v)));
            push_unique(&mut party.cases, case.id.clone());
        }
        let counts = crate::entries_per_subject(case.events.iter().filter(kept));
        for p in &case.people {
            let party = people.entry(p.id.clone()).or_insert_with(|| {
                person_order.push(p.id.clone());
                Party {
                    name: uwazi_title(&p.name),
                    ..Party::default()
                }
            });
            party.spellings.insert(uwazi_title(&p.name));
            party.spellings.extend(p.variants.iter().map(|v| uwazi_title(v)));
            push_unique(&mut party.cases, case.id.clone());
            push_unique(&mut party.roles, role_label(p.role));
            if party.occupation.is_none() {
                party.occupation = p.occupation.clone();
            }
            if party.affiliation.is_none() && p.affiliation.is_some() {
                party.affiliation = p.affiliation.clone();
                party.former = p.former;
            }
            party.events += counts.get(p.id.as_str()).copied().unwrap_or(0);
        }
    }
    let org_titles = unique_titles(
        &org_order
            .iter()
            .map(|id| (id.clone(), orgs.get(id).map(|p| p.name.clone()).unwrap_or_default()))
            .collect::<Vec<_>>(),
    );
    let person_titles = unique_titles(
        &person_order
            .iter()
            .map(|id| (id.clone(), people.get(id).map(|p| p.name.clone()).unwrap_or_default()))
            .collect::<Vec<_>>(),
    );
    let title_of_case = |c: &Case| case_titles.get(&c.id).cloned().unwrap_or_else(|| uwazi_title(&c.id));

    // cases.csv
    let mut w = TableWriter::new(&UWAZI_CASE.columns())?;
    for case in &file.cases {
        let events: Vec<&TimelineEntry> = case.events.iter().filter(kept).collect();
        let dates: Vec<PartialDate> = events.iter().filter_map(|e| e.date.value).collect();
        let period = match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) => match (first_day(*a), last_day(*b)) {
                (Some(f), Some(l)) => format!("{f}:{l}"),
                _ => String::new(),
            },
            _ => String::new(),
        };
        let defendants: Vec<String> = case
            .people
            .iter()
            .filter(|p| p.role == casewatch_model::Role::Defendant)
            .map(|p| {
                person_titles
                    .get(&p.id)
                    .cloned()
                    .unwrap_or_else(|| uwazi_title(&p.name))
            })
            .collect();
        let mut charges: Vec<String> = Vec::new();
        for c in &case.charges {
            let label = match &c.article {
                Some(a) => thesaurus_label(&format!("{} ({a})", c.label)),
                None => thesaurus_label(&c.label),
            };
            if !label.is_empty() {
                push_unique(&mut charges, label);
            }
        }
        let mut sources: Vec<String> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for e in &events {
            for s in &e.sources {
                if seen.insert(s.article.as_str()) {
                    sources.push(format!(
                        "{}. {}",
                        sources.len() + 1,
                        source_line(
                            &s.article,
                            s.title.as_deref(),
                            s.url.as_deref(),
                            crate::outlet_of(s),
                            s.published,
                            None
                        )
                    ));
                }
            }
        }
        w.row([
            title_of_case(case),
            case.id.clone(),
            defendants.join(", "),
            charges.join("|"),
            period,
            dates.iter().min().map(|d| uwazi_date(*d)).unwrap_or_default(),
            events.len().to_string(),
            case.articles.len().max(seen.len()).to_string(),
            sources.join("\n"),
        ])?;
    }
    let cases_csv = w.finish()?;

    // organisations.csv
    let cases_by_id: HashMap<&str, &Case> = file.cases.iter().map(|c| (c.id.as_str(), c)).collect();
    let case_cell = |ids: &[String]| {
        join_titles(
            ids.iter()
                .filter_map(|id| cases_by_id.get(id.as_str()).map(|c| title_of_case(c)))
                .collect::<Vec<_>>()
                .iter(),
        )
    };
    let mut w = TableWriter::new(&UWAZI_ORGANISATION.columns())?;
    for id in &org_order {
        let Some(o) = orgs.get(id) else { continue };
        w.row([
            org_titles.get(id).cloned().unwrap_or_default(),
            id.clone(),
            o.kind.unwrap_or_default().to_string(),
            o.spellings.iter().cloned().collect::<Vec<_>>().join("|"),
            case_cell(&o.cases),
        ])?;
    }
    let organisations_csv = w.finish()?;

    // people.csv
    let mut w = TableWriter::new(&UWAZI_PERSON.columns())?;
    for id in &person_order {
        let Some(p) = people.get(id) else { continue };
        w.row([
            person_titles.get(id).cloned().unwrap_or_default(),
            id.clone(),
            case_cell(&p.cases),
            p.roles.join("|"),
            p.spellings.iter().cloned().collect::<Vec<_>>().join("|"),
            p.occupation.as_deref().map(uwazi_title).unwrap_or_default(),
            p.affiliation.as_deref().map(uwazi_title).unwrap_or_default(),
            match (p.affiliation.is_some(), p.former) {
                (true, Some(true)) => "former".to_string(),
                (true, Some(false)) => "current".to_string(),
                _ => String::new(),
            },
            p.events.to_string(),
        ])?;
    }
    let people_csv = w.finish()?;

    // events.csv
    let mut w = TableWriter::new(&UWAZI_EVENT.columns())?;
    let mut event_items: Vec<(String, String)> = Vec::new();
    for case in &file.cases {
        for e in case.events.iter().filter(kept) {
            event_items.push((e.id.clone(), entry_label(e, &person_titles)));
        }
    }
    let event_titles = unique_titles(&event_items);
    for case in &file.cases {
        for e in case.events.iter().filter(kept) {
            let mut subject_people: Vec<String> = Vec::new();
            let mut subject_orgs: Vec<String> = Vec::new();
            let mut groups: Vec<String> = Vec::new();
            for s in &e.subjects {
                let r = s.reference.as_deref().unwrap_or_default();
                if let Some(t) = person_titles.get(r) {
                    push_unique(&mut subject_people, t.clone());
                } else if let Some(t) = org_titles.get(r) {
                    push_unique(&mut subject_orgs, t.clone());
                } else {
                    let label = match (&s.name, &s.group, s.count) {
                        (Some(n), _, _) => uwazi_title(n),
                        (None, Some(g), Some(c)) if !g.contains(&c.to_string()) => uwazi_title(&format!("{g} ({c})")),
                        (None, Some(g), _) => uwazi_title(g),
                        (None, None, Some(c)) => format!("{c} unnamed"),
                        (None, None, None) => String::new(),
                    };
                    if !label.is_empty() {
                        push_unique(&mut groups, label);
                    }
                }
            }
            let agent_rel = e
                .agent
                .as_ref()
                .and_then(|a| a.reference.as_deref())
                .and_then(|r| org_titles.get(r))
                .cloned()
                .unwrap_or_default();
            let sources: Vec<String> = e
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    format!(
                        "{}. {}",
                        i + 1,
                        source_line(
                            &s.article,
                            s.title.as_deref(),
                            s.url.as_deref(),
                            crate::outlet_of(s),
                            s.published,
                            Some(&s.sentence)
                        )
                    )
                })
                .collect();
            let first_source = e
                .sources
                .iter()
                .find(|s| s.url.as_deref().is_some_and(is_web_url))
                .map(|s| {
                    let url = s.url.as_deref().unwrap_or_default().trim().replace('|', "%7C");
                    let label = s
                        .title
                        .as_deref()
                        .map(uwazi_title)
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| uwazi_title(&s.article));
                    format!("{label}|{url}")
                })
                .unwrap_or_default();
            let conflicts: Vec<String> = e
                .conflicts
                .iter()
                .map(|c| format!("{}: {} ({})", c.field, c.value, c.sources.join(", ")))
                .collect();
            w.row([
                event_titles.get(&e.id).cloned().unwrap_or_default(),
                e.id.clone(),
                title_of_case(case),
                event_type_label(e.event_type).to_string(),
                e.date.value.map(uwazi_date).unwrap_or_default(),
                e.date.precision().map(precision_label).unwrap_or_default().to_string(),
                e.date.qualifier.map(qualifier_label).unwrap_or_default().to_string(),
                uwazi_date_range(e.date.value, e.date.qualifier),
                e.date.text.as_deref().map(uwazi_title).unwrap_or_default(),
                status_label(e.status).to_string(),
                review_label(e.review).to_string(),
                subject_people.join("|"),
                subject_orgs.join("|"),
                groups.join("; "),
                agent_rel,
                e.agent.as_ref().map(|a| uwazi_title(&a.name)).unwrap_or_default(),
                e.place.as_deref().map(uwazi_title).unwrap_or_default(),
                e.detail.as_deref().map(uwazi_title).unwrap_or_default(),
                uwazi_title(&conflicts.join("; ")),
                e.sources.len().to_string(),
                first_source,
                sources.join("\n"),
            ])?;
        }
    }
    let events_csv = w.finish()?;

    Ok(UwaziFiles {
        cases: cases_csv,
        organisations: organisations_csv,
        people: people_csv,
        events: events_csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_full_and_ranges_cover_the_period() {
        let d = |s: &str| s.parse::<PartialDate>().ok();
        assert_eq!(d("2022-04").map(uwazi_date).as_deref(), Some("2022-04-01"));
        assert_eq!(d("2024").map(uwazi_date).as_deref(), Some("2024-01-01"));
        assert_eq!(uwazi_date_range(d("2022-04"), None), "2022-04-01:2022-04-30");
        assert_eq!(uwazi_date_range(d("2024-02"), None), "2024-02-01:2024-02-29");
        assert_eq!(uwazi_date_range(d("2024-12"), None), "2024-12-01:2024-12-31");
        assert_eq!(
            uwazi_date_range(d("2024"), Some(DateQualifier::Late)),
            "2024-01-01:2024-12-31"
        );
        assert_eq!(uwazi_date_range(d("2025-03-11"), None), "2025-03-11:2025-03-11");
        assert_eq!(uwazi_date_range(d("2023"), Some(DateQualifier::After)), "2023-01-01:");
        assert_eq!(
            uwazi_date_range(d("2023-05"), Some(DateQualifier::Before)),
            ":2023-05-31"
        );
        assert_eq!(uwazi_date_range(None, None), "");
    }

    #[test]
    fn colliding_titles_get_their_ids() {
        let items = vec![
            ("P1".to_string(), "Dana Okafor".to_string()),
            ("P2".to_string(), "Ilse Varga".to_string()),
            ("P7".to_string(), "dana okafor".to_string()),
            ("P9".to_string(), String::new()),
        ];
        let t = unique_titles(&items);
        assert_eq!(t["P1"], "Dana Okafor (P1)");
        assert_eq!(t["P7"], "dana okafor (P7)");
        assert_eq!(t["P2"], "Ilse Varga");
        assert_eq!(t["P9"], "P9");
    }

    #[test]
    fn titles_lose_separators_and_line_breaks() {
        assert_eq!(uwazi_title("  A |  B\nC "), "A / B C");
        assert_eq!(thesaurus_label("extremism :: Art. 280"), "extremism : Art. 280");
    }
}
