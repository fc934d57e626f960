//! Human-readable output of the CLI: record text, case lists, case timelines
//! (text; Markdown is the export crate's dossier), search hits and extraction explanations.

use casewatch_extract::Extraction;
use casewatch_model::{Case, ExtractRecord, Subject, TimelineEntry};
use casewatch_store::SearchHit;
use std::fmt::Write as _;

fn subject_names(subjects: &[Subject]) -> String {
    let names: Vec<String> = subjects
        .iter()
        .map(|s| match (&s.name, &s.group) {
            (Some(n), _) => n.clone(),
            (None, Some(g)) => format!("[{g}]"),
            (None, None) => "?".to_string(),
        })
        .collect();
    if names.is_empty() {
        "-".to_string()
    } else {
        names.join(", ")
    }
}

/// One article's record as text: people, organisations, charges, then one line per event.
pub fn record_text(r: &ExtractRecord) -> String {
    let mut out = String::new();
    let a = &r.article;
    let _ = writeln!(
        out,
        "== {} ({}) {}",
        a.id,
        a.published.map_or("undated".to_string(), |d| d.to_string()),
        a.title.as_deref().unwrap_or("")
    );
    for p in &r.people {
        let _ = writeln!(
            out,
            "person  {}: {}{}{}",
            p.id,
            p.name,
            p.occupation.as_ref().map_or(String::new(), |o| format!(", {o}")),
            p.affiliation.as_ref().map_or(String::new(), |o| format!(
                " ({}{o})",
                if p.former == Some(true) { "former, " } else { "" }
            ))
        );
    }
    for o in &r.organizations {
        let _ = writeln!(out, "org     {}: {} [{}]", o.id, o.name, o.kind);
    }
    for c in &r.charges {
        let _ = writeln!(
            out,
            "charge  {}{}",
            c.label,
            c.article.as_ref().map_or(String::new(), |a| format!(" ({a})"))
        );
    }
    for e in &r.events {
        let _ = writeln!(
            out,
            "event   {:<12} {:<20} {} [{}]{}{}",
            e.date.display(),
            e.event_type.as_str(),
            subject_names(&e.subjects),
            e.status,
            e.agent.as_ref().map_or(String::new(), |a| format!(" by {}", a.name)),
            e.detail.as_ref().map_or(String::new(), |d| format!(" — {d}"))
        );
        let _ = writeln!(out, "        \"{}\"", e.evidence.sentence);
    }
    out
}

/// The `--explain` output: each event's sentence and why it was extracted.
pub fn explanation(x: &Extraction) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}", x.record.article.id);
    if x.skipped_lines > 0 {
        let _ = writeln!(
            out,
            "lines read as headlines, headers, datelines or captions (no events): {}",
            x.skipped_lines
        );
    }
    for p in &x.participants {
        let _ = writeln!(out, "participants: {p}");
    }
    for (e, why) in x.record.events.iter().zip(&x.explanations) {
        let _ = writeln!(
            out,
            "[{}..{}] {}",
            e.evidence.start, e.evidence.end, e.evidence.sentence
        );
        let _ = writeln!(out, "    -> {why}; subjects = {}", subject_names(&e.subjects));
    }
    out
}

/// `s` cut to `n` characters, the last one an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

fn entry_line(e: &TimelineEntry) -> String {
    format!(
        "{:<14} {:<20} {}{}  [{}{}]{}",
        e.date.display(),
        e.event_type.as_str(),
        subject_names(&e.subjects),
        e.agent.as_ref().map_or(String::new(), |a| format!("  by {}", a.name)),
        e.status,
        if e.review != casewatch_model::Review::Machine {
            format!(", {}", e.review)
        } else {
            String::new()
        },
        e.detail.as_ref().map_or(String::new(), |d| format!("  — {d}"))
    )
}

/// A case as text: people, charges, then the timeline with each source's quote.
pub fn case_text(c: &Case) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}", c.id, c.title);
    let _ = writeln!(out, "articles: {}", c.articles.join(", "));
    let _ = writeln!(out, "\npeople:");
    for p in &c.people {
        let _ = writeln!(
            out,
            "  {} {} ({}{}){}{} — spellings: {}",
            p.id,
            p.name,
            p.role.as_str(),
            p.role_rule.as_ref().map_or(String::new(), |r| format!(" by {r}")),
            p.occupation.as_ref().map_or(String::new(), |o| format!(", {o}")),
            p.affiliation.as_ref().map_or(String::new(), |a| format!(
                ", {}{a}",
                if p.former == Some(true) { "former " } else { "" }
            )),
            p.variants.join(" / ")
        );
    }
    if !c.charges.is_empty() {
        let _ = writeln!(out, "\ncharges:");
        for ch in &c.charges {
            let _ = writeln!(
                out,
                "  {}{}",
                ch.label,
                ch.article.as_ref().map_or(String::new(), |a| format!(" ({a})"))
            );
        }
    }
    if !c.related_cases.is_empty() {
        let _ = writeln!(out, "\nrelated cases (other prosecutions, not merged):");
        for r in &c.related_cases {
            let _ = writeln!(out, "  {}  {} — {}", r.case, r.title, r.reasons.join("; "));
        }
    }
    let _ = writeln!(out, "\ntimeline:");
    for e in &c.events {
        let _ = writeln!(out, "  {} {}", e.id, entry_line(e));
        for s in &e.sources {
            let _ = writeln!(
                out,
                "      {} ({}): \"{}\"",
                s.article,
                s.published.map_or("undated".into(), |d| d.to_string()),
                s.sentence
            );
        }
        for k in &e.conflicts {
            let _ = writeln!(
                out,
                "      conflict: {} = {} in {}",
                k.field,
                k.value,
                k.sources.join(", ")
            );
        }
    }
    out
}

/// Search hits: case, article, date, snippet.
pub fn search_hits(hits: &[SearchHit]) -> String {
    let mut out = String::new();
    for h in hits {
        let _ = writeln!(
            out,
            "{:<5} {:<24} {:<10} {:<8} {}{}",
            h.case.as_deref().unwrap_or("-"),
            h.article,
            h.published.map_or("undated".into(), |d| d.to_string()),
            match h.kind {
                casewatch_store::HitKind::Article => "article",
                casewatch_store::HitKind::Evidence => "evidence",
            },
            if h.events.is_empty() {
                String::new()
            } else {
                format!("[{}] ", h.events.join(" "))
            },
            h.snippet.replace('\n', " ")
        );
    }
    if hits.is_empty() {
        out.push_str("no matches\n");
    }
    out
}
