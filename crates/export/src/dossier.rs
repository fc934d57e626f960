//! The printable dossier of one case, in Markdown and HTML, built from one view of the case (summary, people, charges, timeline, numbered sources).

use crate::subject_label;
use askama::Template;
use casewatch_model::{Case, Review, Role, TimelineEntry};
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
    status: String,
    detail: String,
    review: String,
    cites: Vec<usize>,
    conflicts: Vec<String>,
}

/// A numbered source.
#[derive(Debug, Clone)]
struct SourceView {
    n: usize,
    article: String,
    published: String,
    url: String,
    /// Whether `url` is an http(s) address (only those become links).
    link: bool,
    quote: String,
}

/// Everything a dossier shows, format-free.
#[derive(Debug, Clone)]
struct View {
    id: String,
    title: String,
    summary: Vec<String>,
    people: Vec<PersonView>,
    charges: Vec<ChargeView>,
    entries: Vec<EntryView>,
    sources: Vec<SourceView>,
}

fn role_label(r: Role) -> &'static str {
    r.as_str()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn view(case: &Case) -> View {
    let names: BTreeMap<&str, &str> = case.people.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    let shown: Vec<&TimelineEntry> = case.events.iter().filter(|e| e.review != Review::Rejected).collect();
    let rejected = case.events.len() - shown.len();
    let count = |r: Review| shown.iter().filter(|e| e.review == r).count();

    let mut sources: Vec<SourceView> = Vec::new();
    let mut index: BTreeMap<(String, usize, usize), usize> = BTreeMap::new();
    let mut entries = Vec::new();
    for e in &shown {
        let mut cites = Vec::new();
        for s in &e.sources {
            let key = (s.article.clone(), s.start, s.end);
            let n = *index.entry(key).or_insert_with(|| {
                sources.push(SourceView {
                    n: sources.len() + 1,
                    article: s.article.clone(),
                    published: s.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
                    url: s.url.clone().unwrap_or_default(),
                    link: s
                        .url
                        .as_deref()
                        .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://")),
                    quote: s.sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                });
                sources.len()
            });
            if !cites.contains(&n) {
                cites.push(n);
            }
        }
        let subjects: Vec<String> = e.subjects.iter().map(subject_label).filter(|s| !s.is_empty()).collect();
        entries.push(EntryView {
            id: e.id.clone(),
            date: e.date.display(),
            kind: e.event_type.as_str().replace('_', " "),
            subjects: subjects.join(", "),
            agent: e.agent.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
            place: e.place.clone().unwrap_or_default(),
            status: e.status.as_str().replace('_', " "),
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
        });
    }

    let dates: Vec<_> = shown.iter().filter_map(|e| e.date.value).collect();
    let mut summary = vec![
        format!(
            "Drawn from {}, citing {}.",
            plural(
                case.articles.len().max(sources_articles(&sources)),
                "article",
                "articles"
            ),
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
            "{} in the timeline{}.",
            plural(shown.len(), "event", "events"),
            match (dates.iter().min(), dates.iter().max()) {
                (Some(a), Some(b)) if a != b => format!(", from {a} to {b}"),
                (Some(a), _) => format!(", on {a}"),
                _ => String::new(),
            }
        ),
    ];
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
        sources,
    }
}

fn sources_articles(sources: &[SourceView]) -> usize {
    let mut a: Vec<&str> = sources.iter().map(|s| s.article.as_str()).collect();
    a.sort_unstable();
    a.dedup();
    a.len()
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

/// The dossier of one case as Markdown: title, summary, people (a table),
/// charges, the timeline oldest first (undated last) with numbered citations
/// `[1]`, and the numbered sources with their quotes. Rejected entries are
/// left out (the summary counts them). Text from the articles is escaped.
pub fn dossier_markdown(case: &Case) -> String {
    use std::fmt::Write as _;
    let v = view(case);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&v.title));
    let _ = writeln!(out, "Case `{}` · casewatch dossier\n", v.id.replace('`', ""));
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
        let _ = write!(out, "{}. **{}** — {}", i + 1, md(&e.date), md(&e.kind));
        if !e.subjects.is_empty() {
            let _ = write!(out, ": {}", md(&e.subjects));
        }
        if !e.agent.is_empty() {
            let _ = write!(out, "; by {}", md(&e.agent));
        }
        if !e.place.is_empty() {
            let _ = write!(out, "; in {}", md(&e.place));
        }
        if e.status != "occurred" {
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
    let _ = writeln!(out, "\n## Sources\n");
    for s in &v.sources {
        let _ = write!(out, "{}. {}, {}", s.n, md(&s.article), s.published);
        if !s.url.is_empty() {
            let _ = write!(out, ", <{}>", s.url.replace(['<', '>', ' '], ""));
        }
        let _ = writeln!(out, ": “{}”", md(&s.quote));
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

/// The dossier of one case as a standalone, printable HTML page (embedded
/// print CSS, no scripts, no external resources), with the sections of
/// [`dossier_markdown`]; citations link to their numbered source. Every
/// value is escaped by the template engine.
pub fn dossier_html(case: &Case) -> String {
    let v = view(case);
    DossierHtml { v: &v }
        .render()
        .unwrap_or_else(|_| "<!doctype html><title>casewatch</title><p>The dossier could not be rendered.</p>".into())
}
