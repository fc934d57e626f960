//! The printable dossier of one case, in Markdown and HTML, built from one view of the case (summary, people, charges, timeline, what did not happen, the articles drawn on and numbered citations), and the index page of a folder of HTML dossiers.

use crate::labels::{event_type_label, role_label, status_label};
use crate::subject_label;
use askama::Template;
use casewatch_model::{Case, CaseFile, Review, Role, Status, TimelineEntry};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// A person as the dossier shows them.
#[derive(Debug, Clone)]
struct PersonView {
    id: String,
    name: String,
    role: String,
    occupation: String,
    affiliation: String,
    spellings: String,
}

/// A charge as the dossier shows it.
#[derive(Debug, Clone)]
struct ChargeView {
    label: String,
    article: String,
    subjects: String,
}

/// A timeline entry as the dossier shows it.
#[derive(Debug, Clone)]
struct EntryView {
    id: String,
    date: String,
    kind: String,
    subjects: String,
    agent: String,
    place: String,
    /// The status as words, empty for `occurred`.
    status: String,
    /// Whether the entry is an unestablished claim (`alleged`).
    claim: bool,
    detail: String,
    review: String,
    cites: Vec<usize>,
    conflicts: Vec<String>,
}

/// An article the dossier draws on.
#[derive(Debug, Clone)]
struct ArticleView {
    id: String,
    /// The headline, or the article id when it has none.
    headline: String,
    /// The outlet: the URL's site, empty when unknown.
    outlet: String,
    published: String,
    url: String,
    /// Whether `url` is an http(s) address (only those become links).
    link: bool,
}

/// A numbered citation: one sentence of one article.
#[derive(Debug, Clone)]
struct SourceView {
    n: usize,
    article: String,
    headline: String,
    published: String,
    quote: String,
}

/// Everything a dossier shows, format-free.
#[derive(Debug, Clone)]
struct View {
    id: String,
    title: String,
    generated: String,
    summary: Vec<String>,
    people: Vec<PersonView>,
    charges: Vec<ChargeView>,
    /// Entries that occurred or are alleged, oldest first.
    entries: Vec<EntryView>,
    /// Entries that did not occur or are denied: offered, requested,
    /// scheduled, refused.
    unrealised: Vec<EntryView>,
    articles: Vec<ArticleView>,
    sources: Vec<SourceView>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether a URL may become a link: http or https only (never
/// `javascript:`, `data:` or a file path).
pub(crate) fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("https://") || l.starts_with("http://")
}

/// The time stamp a dossier states: `2026-12-06 10:30 UTC`.
fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn view(case: &Case, at: DateTime<Utc>) -> View {
    let names: BTreeMap<&str, &str> = case.people.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    let shown: Vec<&TimelineEntry> = case.events.iter().filter(|e| e.review != Review::Rejected).collect();
    let rejected = case.events.len() - shown.len();
    let count = |r: Review| shown.iter().filter(|e| e.review == r).count();

    let mut articles: Vec<ArticleView> = Vec::new();
    let mut article_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut sources: Vec<SourceView> = Vec::new();
    let mut index: BTreeMap<(String, usize, usize), usize> = BTreeMap::new();
    let mut entries = Vec::new();
    let mut unrealised = Vec::new();
    for e in &shown {
        let mut cites = Vec::new();
        for s in &e.sources {
            let a = *article_index.entry(s.article.clone()).or_insert_with(|| {
                let url = s.url.clone().unwrap_or_default();
                articles.push(ArticleView {
                    id: s.article.clone(),
                    headline: s
                        .title
                        .as_deref()
                        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| s.article.clone()),
                    outlet: crate::outlet_of(s).unwrap_or_default(),
                    published: s.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
                    link: is_web_url(&url),
                    url,
                });
                articles.len() - 1
            });
            let key = (s.article.clone(), s.start, s.end);
            let n = *index.entry(key).or_insert_with(|| {
                sources.push(SourceView {
                    n: sources.len() + 1,
                    article: s.article.clone(),
                    headline: articles[a].headline.clone(),
                    published: articles[a].published.clone(),
                    quote: s.sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                });
                sources.len()
            });
            if !cites.contains(&n) {
                cites.push(n);
            }
        }
        let subjects: Vec<String> = e.subjects.iter().map(subject_label).filter(|s| !s.is_empty()).collect();
        let entry = EntryView {
            id: e.id.clone(),
            date: e.date.display(),
            kind: event_type_label(e.event_type).to_string(),
            subjects: subjects.join(", "),
            agent: e.agent.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
            place: e.place.clone().unwrap_or_default(),
            status: if e.status == Status::Occurred {
                String::new()
            } else {
                status_label(e.status).to_string()
            },
            claim: e.status == Status::Alleged,
            detail: e.detail.clone().unwrap_or_default(),
            review: if e.review == Review::Machine {
                String::new()
            } else {
                e.review.as_str().to_string()
            },
            cites,
            conflicts: e
                .conflicts
                .iter()
                .map(|c| format!("{}: {} ({})", c.field, c.value, c.sources.join(", ")))
                .collect(),
        };
        if matches!(e.status, Status::NotOccurred | Status::Denied) {
            unrealised.push(entry);
        } else {
            entries.push(entry);
        }
    }

    // The articles in publication order, undated last ("undated" sorts after digits).
    articles.sort_by(|a, b| (&a.published, &a.id).cmp(&(&b.published, &b.id)));

    let dates: Vec<_> = shown
        .iter()
        .filter(|e| !matches!(e.status, Status::NotOccurred | Status::Denied))
        .filter_map(|e| e.date.value)
        .collect();
    let claims = entries.iter().filter(|e| e.claim).count();
    let mut outlets: Vec<&str> = articles
        .iter()
        .map(|a| a.outlet.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut summary = vec![
        format!(
            "Drawn from {}{}, citing {}.",
            plural(case.articles.len().max(articles.len()), "article", "articles"),
            if outlets.is_empty() {
                String::new()
            } else {
                format!(" ({})", outlets.join(", "))
            },
            plural(sources.len(), "sentence", "sentences")
        ),
        format!("{}: {}.", plural(case.people.len(), "person", "people"), {
            let defendants: Vec<&str> = case
                .people
                .iter()
                .filter(|p| p.role == Role::Defendant)
                .map(|p| p.name.as_str())
                .collect();
            if defendants.is_empty() {
                "no defendant named".to_string()
            } else {
                format!("defendants {}", defendants.join(", "))
            }
        }),
        format!(
            "{} in the timeline{}{}.",
            plural(entries.len(), "event", "events"),
            match (dates.iter().min(), dates.iter().max()) {
                (Some(a), Some(b)) if a != b => format!(", from {a} to {b}"),
                (Some(a), _) => format!(", on {a}"),
                _ => String::new(),
            },
            if claims == 1 {
                "; 1 of them is a claim (alleged, not established)".to_string()
            } else if claims > 1 {
                format!("; {claims} of them are claims (alleged, not established)")
            } else {
                String::new()
            }
        ),
    ];
    if !unrealised.is_empty() {
        summary.push(format!(
            "{} offered, requested, scheduled or denied, listed apart.",
            plural(unrealised.len(), "act", "acts")
        ));
    }
    let (confirmed, edited) = (count(Review::Confirmed), count(Review::Edited));
    if confirmed + edited + rejected > 0 {
        summary.push(format!(
            "Reviewed: {} confirmed, {} edited; {} rejected by a reviewer and not shown.",
            confirmed, edited, rejected
        ));
    } else {
        summary.push("No entry has been reviewed yet: every entry is as extracted by the machine.".into());
    }
    if !case.charges.is_empty() {
        summary.push(format!("{} brought.", plural(case.charges.len(), "charge", "charges")));
    }

    View {
        id: case.id.clone(),
        title: case.title.clone(),
        generated: stamp(at),
        summary,
        people: case
            .people
            .iter()
            .map(|p| PersonView {
                id: p.id.clone(),
                name: p.name.clone(),
                role: role_label(p.role).to_string(),
                occupation: p.occupation.clone().unwrap_or_default(),
                affiliation: match (&p.affiliation, p.former) {
                    (Some(a), Some(true)) => format!("{a} (former)"),
                    (Some(a), _) => a.clone(),
                    (None, _) => String::new(),
                },
                spellings: p.variants.join(" / "),
            })
            .collect(),
        charges: case
            .charges
            .iter()
            .map(|c| ChargeView {
                label: c.label.clone(),
                article: c.article.clone().unwrap_or_default(),
                subjects: c
                    .subjects
                    .iter()
                    .map(|s| {
                        names
                            .get(s.as_str())
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| s.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        entries,
        unrealised,
        articles,
        sources,
    }
}

/// Escapes text for Markdown: the characters that start emphasis, links,
/// code, tables, headings or HTML get a backslash; line breaks become spaces.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn md_entry(out: &mut String, i: usize, e: &EntryView) {
    use std::fmt::Write as _;
    let _ = write!(out, "{}. **{}** — ", i + 1, md(&e.date));
    if e.claim {
        let _ = write!(out, "*claim:* ");
    }
    let _ = write!(out, "{}", md(&e.kind));
    if !e.subjects.is_empty() {
        let _ = write!(out, ": {}", md(&e.subjects));
    }
    if !e.agent.is_empty() {
        let _ = write!(out, "; by {}", md(&e.agent));
    }
    if !e.place.is_empty() {
        let _ = write!(out, "; in {}", md(&e.place));
    }
    if e.claim {
        let _ = write!(out, " (alleged, not established)");
    } else if !e.status.is_empty() {
        let _ = write!(out, " ({})", md(&e.status));
    }
    if !e.detail.is_empty() {
        let _ = write!(out, " — {}", md(&e.detail));
    }
    let cites: Vec<String> = e.cites.iter().map(|n| format!("\\[{n}\\]")).collect();
    let _ = write!(out, " {}", cites.join(""));
    let _ = write!(out, " `{}`", e.id.replace('`', ""));
    if !e.review.is_empty() {
        let _ = write!(out, " *{}*", e.review);
    }
    out.push('\n');
    for c in &e.conflicts {
        let _ = writeln!(out, "   - other sources: {}", md(c));
    }
}

/// The dossier of one case as Markdown, generated now; see
/// [`dossier_markdown_at`].
pub fn dossier_markdown(case: &Case) -> String {
    dossier_markdown_at(case, Utc::now())
}

/// The dossier of one case as Markdown: title and when it was generated
/// (`at`, UTC) from how many articles; summary, people (a table), charges;
/// the timeline oldest first (undated last) with numbered citations `[1]`,
/// `alleged` entries marked as claims; the entries that did not occur or are
/// denied in their own section ("Offered, requested, scheduled or denied");
/// the articles drawn on, oldest first (headline, outlet, publication date,
/// URL); and the
/// numbered citations with their quotes. Rejected entries are left out (the
/// summary counts them). Text from the articles is escaped; only http(s)
/// URLs become links (a `javascript:` URL is shown as code).
pub fn dossier_markdown_at(case: &Case, at: DateTime<Utc>) -> String {
    use std::fmt::Write as _;
    let v = view(case, at);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&v.title));
    let _ = writeln!(
        out,
        "Case `{}` · casewatch dossier · generated {} from {}\n",
        v.id.replace('`', ""),
        v.generated,
        plural(v.articles.len(), "article", "articles")
    );
    let _ = writeln!(out, "## Summary\n");
    for s in &v.summary {
        let _ = writeln!(out, "- {}", md(s));
    }
    let _ = writeln!(out, "\n## People\n");
    if v.people.is_empty() {
        let _ = writeln!(out, "No one is named.");
    } else {
        let _ = writeln!(out, "| Name | Role | Occupation | Affiliation | Spellings |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for p in &v.people {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} |",
                md(&p.name),
                md(&p.id),
                p.role,
                md(&p.occupation),
                md(&p.affiliation),
                md(&p.spellings)
            );
        }
    }
    if !v.charges.is_empty() {
        let _ = writeln!(out, "\n## Charges\n");
        for c in &v.charges {
            let _ = write!(out, "- {}", md(&c.label));
            if !c.article.is_empty() {
                let _ = write!(out, " ({})", md(&c.article));
            }
            if !c.subjects.is_empty() {
                let _ = write!(out, ": {}", md(&c.subjects));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "\n## Timeline\n");
    if v.entries.is_empty() {
        let _ = writeln!(out, "No events.");
    }
    for (i, e) in v.entries.iter().enumerate() {
        md_entry(&mut out, i, e);
    }
    if !v.unrealised.is_empty() {
        let _ = writeln!(out, "\n## Offered, requested, scheduled or denied\n");
        let _ = writeln!(
            out,
            "Acts the sources report as offered, requested, planned, refused or denied: they did not take place (or are denied).\n"
        );
        for (i, e) in v.unrealised.iter().enumerate() {
            md_entry(&mut out, i, e);
        }
    }
    let _ = writeln!(out, "\n## Sources\n");
    let _ = writeln!(out, "Articles drawn on (dossier generated {}):\n", v.generated);
    for a in &v.articles {
        let _ = write!(out, "- **{}**", md(&a.headline));
        if !a.outlet.is_empty() {
            let _ = write!(out, ", {}", md(&a.outlet));
        }
        let _ = write!(out, ", {}", a.published);
        if a.link {
            let _ = write!(out, ", <{}>", a.url.trim().replace(['<', '>', ' ', '\n', '\r'], ""));
        } else if !a.url.is_empty() {
            let _ = write!(out, ", `{}`", a.url.replace(['`', '\n', '\r'], ""));
        }
        let _ = writeln!(out, " (article `{}`)", a.id.replace('`', ""));
    }
    let _ = writeln!(out, "\n## Citations\n");
    for s in &v.sources {
        let _ = writeln!(
            out,
            "{}. “{}” — {} ({}, {})",
            s.n,
            md(&s.quote),
            md(&s.headline),
            md(&s.article),
            s.published
        );
    }
    out
}

/// The HTML dossier template (`templates/dossier.html`); the engine escapes
/// every value.
#[derive(Template)]
#[template(path = "dossier.html")]
struct DossierHtml<'a> {
    v: &'a View,
}

/// The dossier of one case as HTML, generated now; see [`dossier_html_at`].
pub fn dossier_html(case: &Case) -> String {
    dossier_html_at(case, Utc::now())
}

/// The dossier of one case as a standalone, printable HTML page (embedded
/// print CSS, no scripts, no external resources), with the sections of
/// [`dossier_markdown_at`]; citations link to their numbered source, article
/// URLs are links only when http(s). Every value is escaped by the template
/// engine.
pub fn dossier_html_at(case: &Case, at: DateTime<Utc>) -> String {
    let v = view(case, at);
    DossierHtml { v: &v }
        .render()
        .unwrap_or_else(|_| "<!doctype html><title>casewatch</title><p>The dossier could not be rendered.</p>".into())
}

/// One case on the index page.
#[derive(Debug, Clone)]
struct IndexRow {
    id: String,
    title: String,
    defendants: String,
    events: usize,
    period: String,
    articles: usize,
}

/// The index page template (`templates/index.html`).
#[derive(Template)]
#[template(path = "index.html")]
struct IndexHtml<'a> {
    generated: &'a str,
    rows: &'a [IndexRow],
    articles: usize,
}

/// The index page of a folder of HTML dossiers (`index.html` beside one
/// `<case id>.html` per case): one row per case with its title linked to
/// its dossier, defendants, number of timeline entries (rejected ones not
/// counted), first and last date, number of articles; when it was
/// generated (`at`) and from how many articles in all. Escaped by the
/// template engine.
pub fn dossier_index_html(file: &CaseFile, at: DateTime<Utc>) -> String {
    let mut all_articles: Vec<&str> = Vec::new();
    let rows: Vec<IndexRow> = file
        .cases
        .iter()
        .map(|c| {
            let kept: Vec<&TimelineEntry> = c.events.iter().filter(|e| e.review != Review::Rejected).collect();
            let dates: Vec<_> = kept.iter().filter_map(|e| e.date.value).collect();
            let mut arts: Vec<&str> = c.articles.iter().map(String::as_str).collect();
            arts.extend(kept.iter().flat_map(|e| e.sources.iter().map(|s| s.article.as_str())));
            arts.sort_unstable();
            arts.dedup();
            all_articles.extend(arts.iter().copied());
            IndexRow {
                id: c.id.clone(),
                title: c.title.clone(),
                defendants: c
                    .people
                    .iter()
                    .filter(|p| p.role == Role::Defendant)
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                events: kept.len(),
                period: match (dates.iter().min(), dates.iter().max()) {
                    (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
                    (Some(a), _) => a.to_string(),
                    _ => String::new(),
                },
                articles: arts.len(),
            }
        })
        .collect();
    all_articles.sort_unstable();
    all_articles.dedup();
    let generated = stamp(at);
    IndexHtml {
        generated: &generated,
        rows: &rows,
        articles: all_articles.len(),
    }
    .render()
    .unwrap_or_else(|_| "<!doctype html><title>casewatch</title><p>The index could not be rendered.</p>".into())
}
