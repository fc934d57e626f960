//! `casewatch id`: look up the id of a case, person or timeline entry by what a user knows (an article, a name, an event type), so that scripts and the README never hard-code ids that change when extraction does.

use anyhow::{Result, bail};
use casewatch_model::{Case, TimelineEntry};
use casewatch_store::Store;
use clap::{Args, Subcommand};
use std::path::Path;

/// What to look up.
#[derive(Subcommand, Debug)]
pub enum IdCommand {
    /// The case an article is in (`--article`), or whose title contains a text (`--title`).
    Case {
        /// Article id (a file's name without its extension: `northwind-01`).
        #[arg(long, required_unless_present = "title")]
        article: Option<String>,
        /// Text of the case title (case-insensitive).
        #[arg(long)]
        title: Option<String>,
    },
    /// A person, by name or any spelling an article gives (case-insensitive).
    Person {
        /// The name ("Rinat Valiyev", or a spelling such as "Valiev").
        name: String,
        /// Only in this case.
        #[arg(long)]
        case: Option<String>,
    },
    /// Timeline entries of a case, oldest first, chosen by type, subject,
    /// article and status.
    Entry(EntryArgs),
}

/// `casewatch id entry`.
#[derive(Args, Debug)]
pub struct EntryArgs {
    /// Case id (or give `--article`: the case of that article).
    #[arg(long, required_unless_present = "article")]
    case: Option<String>,
    /// Event type (`pretrial_detention`).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// A subject: person id or name (any spelling).
    #[arg(long)]
    subject: Option<String>,
    /// An article the entry cites.
    #[arg(long)]
    article: Option<String>,
    /// Status: occurred, alleged, denied, not_occurred.
    #[arg(long)]
    status: Option<String>,
    /// Print every matching entry (one id a line), not only the first.
    #[arg(long)]
    all: bool,
    /// The matching entry made last (the highest id number: an entry just
    /// added by hand), not the first in timeline order.
    #[arg(long, conflicts_with = "all")]
    newest: bool,
}

fn same(a: &str, b: &str) -> bool {
    casewatch_reconcile::names::fold(a) == casewatch_reconcile::names::fold(b)
}

fn person_ids(case: &Case, name: &str) -> Vec<String> {
    case.people
        .iter()
        .filter(|p| p.id == name || same(&p.name, name) || p.variants.iter().any(|v| same(v, name)))
        .map(|p| p.id.clone())
        .collect()
}

fn entry_matches(case: &Case, e: &TimelineEntry, a: &EntryArgs) -> bool {
    let subject_ok = a.subject.as_deref().is_none_or(|s| {
        let ids = person_ids(case, s);
        e.subjects.iter().any(|x| {
            x.reference
                .as_deref()
                .is_some_and(|r| r == s || ids.iter().any(|i| i == r))
                || x.name.as_deref().is_some_and(|n| same(n, s))
        })
    });
    a.event_type.as_deref().is_none_or(|t| e.event_type.as_str() == t)
        && a.status.as_deref().is_none_or(|st| e.status.as_str() == st)
        && a.article
            .as_deref()
            .is_none_or(|art| e.sources.iter().any(|s| s.article == art))
        && subject_ok
}

fn case_of_article(store: &Store, article: &str) -> Result<String> {
    match store.cases_of_article(article)?.into_iter().next() {
        Some(c) => Ok(c),
        None => bail!("article {article:?} is in no case"),
    }
}

/// Prints the id(s) found, one a line; fails (exit 1) when nothing matches.
pub fn run(db: &Path, cmd: &IdCommand) -> Result<()> {
    let store = Store::open(db)?;
    let out: Vec<String> = match cmd {
        IdCommand::Case { article, title } => match (article, title) {
            (Some(a), _) => vec![case_of_article(&store, a)?],
            (None, Some(t)) if t.trim().is_empty() => bail!("--title is empty: give a text of the case title"),
            (None, Some(t)) => match store.case_by_title(t)? {
                Some(id) => vec![id],
                None => bail!("no case title contains {t:?}"),
            },
            (None, None) => bail!("give --article or --title"),
        },
        IdCommand::Person { name, case } => {
            // One case at a time, in case order, up to the first that has
            // the person (decoding every case at once held 1.6 GB at
            // 190,000 generated articles).
            let ids = match case {
                Some(c) => vec![c.clone()],
                None => store.case_ids()?,
            };
            let mut found = Vec::new();
            for id in &ids {
                if let Some(c) = store.case(id)? {
                    found = person_ids(&c, name);
                    if !found.is_empty() {
                        break;
                    }
                }
            }
            found.truncate(1);
            found
        }
        IdCommand::Entry(a) => {
            let case_id = match (&a.case, &a.article) {
                (Some(c), _) => c.clone(),
                (None, Some(art)) => case_of_article(&store, art)?,
                (None, None) => bail!("give --case or --article"),
            };
            let Some(case) = store.case(&case_id)? else {
                bail!("no case {case_id:?}");
            };
            let found = case.events.iter().filter(|e| entry_matches(&case, e, a));
            if a.all {
                found.map(|e| e.id.clone()).collect()
            } else if a.newest {
                let number = |id: &str| id.get(1..).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
                found
                    .map(|e| e.id.clone())
                    .max_by_key(|id| number(id))
                    .into_iter()
                    .collect()
            } else {
                found.map(|e| e.id.clone()).take(1).collect()
            }
        }
    };
    if out.is_empty() {
        bail!("nothing matches");
    }
    crate::print(&(out.join("\n") + "\n"))
}
