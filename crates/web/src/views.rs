//! The page view models and their askama templates (in `templates/`,
//! HTML-escaped by askama), the render helper and URL encoding.

use crate::auth::{Principal, Via};
use crate::filters::ActiveFilter;
use crate::text::{Highlighted, Piece};
use crate::timeline::Timeline;
use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Renders a template as an HTML response with this status.
pub(crate) fn render<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(e) => {
            eprintln!("casewatch-web: template error: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// Percent-encodes a query-string or path value (everything but unreserved
/// characters).
pub(crate) fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where an article came from, as users may see it: an `http(s)` URL as it
/// is, the outlet of the article's URL otherwise, else the file name alone
/// (never a directory of the server).
pub(crate) fn public_source(source: &str, url: Option<&str>) -> String {
    if source.starts_with("https://") || source.starts_with("http://") {
        return source.to_string();
    }
    if let Some(o) = url.and_then(casewatch_model::outlet_of_url) {
        return o;
    }
    source.rsplit(['/', '\\']).next().unwrap_or_default().to_string()
}

/// The header bar: who is logged in and what they may do.
#[derive(Debug, Clone, Default)]
pub(crate) struct Nav {
    /// The user's name, `None` when nobody is logged in.
    pub(crate) user: Option<String>,
    /// Their role.
    pub(crate) role: String,
    /// Editors and admins.
    pub(crate) can_review: bool,
    /// Admins.
    pub(crate) can_admin: bool,
    /// Logged in with a session (so a logout button makes sense).
    pub(crate) session: bool,
}

impl Nav {
    /// Nobody logged in.
    pub(crate) fn anonymous() -> Nav {
        Nav::default()
    }

    /// The nav bar of a principal.
    pub(crate) fn of(p: &Principal) -> Nav {
        if p.via == Via::Public {
            return Nav::anonymous();
        }
        Nav {
            user: Some(p.name.clone()),
            role: p.role.to_string(),
            can_review: p.role.can_review(),
            can_admin: p.role.can_admin(),
            session: p.via == Via::Session,
        }
    }
}

/// An `<option>`.
#[derive(Debug, Clone)]
pub(crate) struct Opt {
    /// Value.
    pub(crate) value: String,
    /// Label.
    pub(crate) label: String,
    /// Selected.
    pub(crate) selected: bool,
}

impl Opt {
    /// Options with an empty "any" first, `current` selected.
    pub(crate) fn list<'a>(any: &str, values: impl IntoIterator<Item = &'a str>, current: Option<&str>) -> Vec<Opt> {
        let mut out = vec![Opt {
            value: String::new(),
            label: any.to_string(),
            selected: current.is_none(),
        }];
        out.extend(values.into_iter().map(|v| Opt {
            value: v.to_string(),
            label: v.replace('_', " "),
            selected: current == Some(v),
        }));
        out
    }
}

/// `templates/error.html`.
#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage {
    pub(crate) nav: Nav,
    pub(crate) status: u16,
    pub(crate) reason: String,
    pub(crate) message: String,
    pub(crate) login: bool,
}

/// `templates/login.html`.
#[derive(Template)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    pub(crate) nav: Nav,
    pub(crate) next: String,
    pub(crate) name: String,
    pub(crate) error: Option<String>,
}

/// A defendant's current status as shown: name, label, since, and a CSS class.
#[derive(Debug, Clone)]
pub(crate) struct StandingView {
    pub(crate) person: String,
    pub(crate) name: String,
    pub(crate) status: &'static str,
    pub(crate) label: &'static str,
    pub(crate) since: String,
    pub(crate) term: String,
    pub(crate) until: String,
    pub(crate) entry: String,
    pub(crate) as_of: String,
    pub(crate) overridden: bool,
    pub(crate) note: String,
    pub(crate) case: String,
    pub(crate) case_title: String,
}

impl StandingView {
    /// The view of one status (of `case`).
    pub(crate) fn of(s: &casewatch_model::PersonStatus, case: &str, case_title: &str) -> StandingView {
        let opt = |v: Option<String>| v.unwrap_or_default();
        StandingView {
            person: s.person.clone(),
            name: s.name.clone(),
            status: s.status.as_str(),
            label: s.status.label(),
            since: opt(s.since.map(|d| d.to_string())),
            term: opt(s.term.clone()),
            until: opt(s.until.map(|d| d.to_string())),
            entry: opt(s.entry.clone()),
            as_of: opt(s.as_of.map(|d| d.to_string())),
            overridden: s.overridden,
            note: opt(s.note.clone()),
            case: case.to_string(),
            case_title: case_title.to_string(),
        }
    }
}

/// A sortable column header of the case list.
#[derive(Debug, Clone)]
pub(crate) struct SortHeader {
    pub(crate) label: &'static str,
    pub(crate) href: String,
    /// `ascending`, `descending` or `none` (aria-sort).
    pub(crate) aria: &'static str,
    pub(crate) arrow: &'static str,
}

/// One row of the case list.
#[derive(Debug, Clone)]
pub(crate) struct CaseRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) country: String,
    pub(crate) standings: Vec<StandingView>,
    pub(crate) people: usize,
    pub(crate) events: usize,
    pub(crate) sources: usize,
    pub(crate) first: String,
    pub(crate) last: String,
    pub(crate) reviewed: usize,
    /// Events passing the filters, when event filters are set.
    pub(crate) matching: Option<usize>,
}

/// `templates/cases.html`.
#[derive(Template)]
#[template(path = "cases.html")]
pub(crate) struct CasesPage {
    pub(crate) nav: Nav,
    pub(crate) rows: Vec<CaseRow>,
    pub(crate) total: usize,
    pub(crate) all: usize,
    pub(crate) headers: Vec<SortHeader>,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) page: u64,
    pub(crate) pages: u64,
    pub(crate) csv_href: String,
    pub(crate) countries: Vec<Opt>,
    pub(crate) standings: Vec<Opt>,
    pub(crate) active: Vec<ActiveFilter>,
    pub(crate) errors: Vec<String>,
    pub(crate) types: Vec<Opt>,
    pub(crate) statuses: Vec<Opt>,
    pub(crate) reviews: Vec<Opt>,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) outlet: String,
    pub(crate) place: String,
}

/// A link to a person (or plain text for an unnamed group).
#[derive(Debug, Clone)]
pub(crate) struct SubjectView {
    pub(crate) href: Option<String>,
    pub(crate) name: String,
}

/// One source of a timeline entry, with its paragraph.
#[derive(Debug, Clone)]
pub(crate) struct SourceView {
    pub(crate) article: String,
    /// The headline, when known.
    pub(crate) title: Option<String>,
    /// The outlet (site) it was published by.
    pub(crate) outlet: Option<String>,
    pub(crate) href: String,
    pub(crate) published: String,
    pub(crate) url: Option<String>,
    pub(crate) para: Option<Highlighted>,
    pub(crate) sentence: String,
}

/// One timeline entry on the case page.
#[derive(Debug, Clone)]
pub(crate) struct EntryView {
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) dated: bool,
    /// "2025-07-01" when the entry is an act scheduled after its latest source.
    pub(crate) scheduled: Option<String>,
    /// Whether the date was inferred, not stated.
    pub(crate) inferred: bool,
    /// Whether it is drawn apart (not occurred or denied).
    pub(crate) apart: bool,
    /// Who claims it, for an alleged entry (or who the sources cite).
    pub(crate) claimant: Option<String>,
    pub(crate) family: &'static str,
    pub(crate) type_label: String,
    pub(crate) status: String,
    /// The status in words ("alleged (a claim)").
    pub(crate) status_text: &'static str,
    pub(crate) review: String,
    pub(crate) subjects: Vec<SubjectView>,
    pub(crate) agent: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) conflicts: Vec<String>,
    pub(crate) sources: Vec<SourceView>,
    /// Sources of this entry the capped case page leaves out (0: all shown).
    pub(crate) more_sources: usize,
}

/// A person row.
#[derive(Debug, Clone)]
pub(crate) struct PersonRow {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) variants: Vec<String>,
    pub(crate) role: String,
    /// The rule that set the role (`occupation`, `reviewer`, …), or empty.
    pub(crate) role_rule: String,
    pub(crate) occupation: Option<String>,
    pub(crate) affiliation: Option<String>,
}

/// An organisation row.
#[derive(Debug, Clone)]
pub(crate) struct OrgRow {
    pub(crate) name: String,
    pub(crate) variants: String,
    pub(crate) kind: String,
}

/// A charge row.
#[derive(Debug, Clone)]
pub(crate) struct ChargeRow {
    pub(crate) label: String,
    pub(crate) article: Option<String>,
    pub(crate) subjects: Vec<SubjectView>,
}

/// A download link.
#[derive(Debug, Clone)]
pub(crate) struct ExportLink {
    pub(crate) href: String,
    pub(crate) label: String,
}

/// One audit-log line.
#[derive(Debug, Clone)]
pub(crate) struct AuditRow {
    pub(crate) at: String,
    pub(crate) user: String,
    pub(crate) action: String,
    pub(crate) target: String,
    pub(crate) note: Option<String>,
    /// The fields that changed: (field, before, after), as text.
    pub(crate) changes: Vec<(String, String, String)>,
}

/// A legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub(crate) family: &'static str,
    pub(crate) label: &'static str,
}

/// `templates/case.html`.
#[derive(Template)]
#[template(path = "case.html")]
pub(crate) struct CasePage {
    pub(crate) nav: Nav,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) first: String,
    pub(crate) last: String,
    /// What a large case's page leaves out (see `pages::CASE_PAGE_ENTRIES`).
    pub(crate) cap: crate::pages::CaseCap,
    /// Whether `?all=1` asked for everything.
    pub(crate) all: bool,
    pub(crate) tl: Timeline,
    pub(crate) legend: Vec<LegendItem>,
    pub(crate) dated: Vec<EntryView>,
    pub(crate) undated: Vec<EntryView>,
    /// Entries that did not happen or are denied, in their own section.
    pub(crate) apart: Vec<EntryView>,
    pub(crate) standings: Vec<StandingView>,
    pub(crate) country: String,
    pub(crate) people: Vec<PersonRow>,
    pub(crate) orgs: Vec<OrgRow>,
    pub(crate) charges: Vec<ChargeRow>,
    pub(crate) exports: Vec<ExportLink>,
    pub(crate) audit: Vec<AuditRow>,
    pub(crate) articles: Vec<String>,
    pub(crate) related: Vec<RelatedRow>,
}

/// A related case on the case page: another prosecution sharing a person or an outlet.
#[derive(Debug, Clone)]
pub(crate) struct RelatedRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) reasons: String,
}

/// An event listed on the article page.
#[derive(Debug, Clone)]
pub(crate) struct ArticleEventView {
    pub(crate) anchor: String,
    pub(crate) family: &'static str,
    pub(crate) type_label: String,
    pub(crate) status: String,
    pub(crate) date: String,
    pub(crate) entry_href: Option<String>,
    pub(crate) entry_id: Option<String>,
}

/// `templates/article.html`.
#[derive(Template)]
#[template(path = "article.html")]
pub(crate) struct ArticlePage {
    pub(crate) nav: Nav,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) published: String,
    pub(crate) source: String,
    pub(crate) url: Option<String>,
    pub(crate) cases: Vec<String>,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) events: Vec<ArticleEventView>,
}

/// An article row.
#[derive(Debug, Clone)]
pub(crate) struct ArticleRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) published: String,
    pub(crate) events: u64,
    pub(crate) case: Option<String>,
    pub(crate) outlet: String,
}

/// `templates/articles.html`.
#[derive(Template)]
#[template(path = "articles.html")]
pub(crate) struct ArticlesPage {
    pub(crate) nav: Nav,
    pub(crate) rows: Vec<ArticleRow>,
    pub(crate) orphans: usize,
    pub(crate) without_case: bool,
}

/// An event on a person page.
#[derive(Debug, Clone)]
pub(crate) struct PersonEventView {
    pub(crate) case: String,
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) family: &'static str,
    pub(crate) type_label: String,
    pub(crate) status: String,
    pub(crate) review: String,
}

/// `templates/person.html`.
#[derive(Template)]
#[template(path = "person.html")]
pub(crate) struct PersonPage {
    pub(crate) nav: Nav,
    pub(crate) person: PersonRow,
    pub(crate) standings: Vec<StandingView>,
    pub(crate) former: bool,
    pub(crate) cases: Vec<(String, String)>,
    pub(crate) events: Vec<PersonEventView>,
    pub(crate) charges: Vec<ChargeRow>,
}

/// A person in the people list.
#[derive(Debug, Clone)]
pub(crate) struct PeopleRow {
    pub(crate) person: PersonRow,
    pub(crate) case: String,
    pub(crate) case_title: String,
}

/// `templates/people.html`.
#[derive(Template)]
#[template(path = "people.html")]
pub(crate) struct PeoplePage {
    pub(crate) nav: Nav,
    pub(crate) rows: Vec<PeopleRow>,
}

/// A search hit.
#[derive(Debug, Clone)]
pub(crate) struct HitView {
    pub(crate) article: String,
    pub(crate) title: String,
    pub(crate) published: String,
    pub(crate) case: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) parts: Vec<(String, bool)>,
    /// Timeline entries the matched sentence is evidence of.
    pub(crate) events: Vec<String>,
}

/// `templates/search.html`.
#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct SearchPage {
    pub(crate) nav: Nav,
    pub(crate) q: String,
    pub(crate) hits: Vec<HitView>,
    pub(crate) notice: Option<String>,
}

/// `templates/review.html`: the review page of a case.
#[derive(Template)]
#[template(path = "review.html")]
pub(crate) struct ReviewPage {
    pub(crate) nav: Nav,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) country: String,
    pub(crate) standings: Vec<StandingView>,
    /// The statuses a reviewer can choose.
    pub(crate) standing_values: Vec<Opt>,
    /// Event types for the add-entry form.
    pub(crate) event_types: Vec<Opt>,
    pub(crate) entries: Vec<EntryView>,
    pub(crate) people: Vec<PersonRow>,
    pub(crate) audit: Vec<AuditRow>,
    pub(crate) message: Option<String>,
    /// Every role id, for the role form.
    pub(crate) roles: Vec<&'static str>,
    /// The case's articles (id, and headline or id), for the split form.
    pub(crate) articles: Vec<Opt>,
}

/// A checkbox.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) checked: bool,
}

/// `templates/edit_event.html`.
#[derive(Template)]
#[template(path = "edit_event.html")]
pub(crate) struct EditEventPage {
    pub(crate) nav: Nav,
    pub(crate) case: String,
    pub(crate) entry: EntryView,
    pub(crate) types: Vec<Opt>,
    pub(crate) statuses: Vec<Opt>,
    pub(crate) qualifiers: Vec<Opt>,
    pub(crate) date: String,
    pub(crate) detail: String,
    pub(crate) subjects: Vec<Check>,
}

/// A user or token row on the admin page.
#[derive(Debug, Clone)]
pub(crate) struct AccountRow {
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) created_at: String,
}

/// `templates/admin_users.html`.
#[derive(Template)]
#[template(path = "admin_users.html")]
pub(crate) struct AdminUsersPage {
    pub(crate) nav: Nav,
    pub(crate) users: Vec<AccountRow>,
    pub(crate) tokens: Vec<AccountRow>,
    pub(crate) roles: Vec<Opt>,
    pub(crate) message: Option<String>,
    pub(crate) new_token: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_never_show_server_paths() {
        assert_eq!(public_source("/srv/feeds/2025/a1.txt", None), "a1.txt");
        assert_eq!(public_source("C:\\in\\a1.txt", None), "a1.txt");
        assert_eq!(
            public_source("/srv/a1.txt", Some("https://www.example.org/x")),
            "example.org"
        );
        assert_eq!(
            public_source("https://example.org/feed#item1", None),
            "https://example.org/feed#item1"
        );
    }

    #[test]
    fn encoding() {
        assert_eq!(urlencode("Port Elm & co"), "Port%20Elm%20%26%20co");
        assert_eq!(urlencode("/cases/c1?x"), "/cases/c1%3Fx");
    }

    #[test]
    fn templates_escape() {
        let page = ErrorPage {
            nav: Nav::anonymous(),
            status: 404,
            reason: "Not Found".into(),
            message: "<script>alert(1)</script>".into(),
            login: false,
        };
        let html = page.render().unwrap();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    }
}

/// One entry of the review queue.
#[derive(Debug, Clone)]
pub(crate) struct QueueEntryView {
    pub(crate) case: String,
    pub(crate) case_title: String,
    pub(crate) e: EntryView,
}

/// `templates/queue.html`.
#[derive(Template)]
#[template(path = "queue.html")]
pub(crate) struct QueuePageView {
    pub(crate) nav: Nav,
    pub(crate) items: Vec<QueueEntryView>,
    pub(crate) total: usize,
    pub(crate) page: u64,
    pub(crate) pages: u64,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The cases on this page (id, title), for bulk confirmation.
    pub(crate) cases: Vec<(String, String)>,
}

/// One uploaded article and what became of it.
#[derive(Debug, Clone)]
pub(crate) struct UploadResult {
    pub(crate) id: String,
    pub(crate) outcome: String,
    pub(crate) ok: bool,
}

/// `templates/upload.html`.
#[derive(Template)]
#[template(path = "upload.html")]
pub(crate) struct UploadPage {
    pub(crate) nav: Nav,
    pub(crate) results: Vec<UploadResult>,
    /// Cases the new articles are in, with the entries they added.
    pub(crate) cases: Vec<crate::upload::CaseAdded>,
}
