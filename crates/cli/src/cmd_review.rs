//! `casewatch review …` (confirm, reject, edit entries; merge and split people; set a role; move articles) and `casewatch log` (the audit log).

use anyhow::{Context as _, Result, bail};
use casewatch_model::{DatePrecision, DateQualifier, EventType, PartialDate, Role, Standing, Status, Subject};
use casewatch_store::{AuditEntry, EntryEdit, ReviewAction, StatusEdit, Store};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

/// Who decides, and why.
#[derive(Args, Debug, Clone)]
pub struct Who {
    /// Reviewer name recorded in the audit log (default: $USER, else "cli").
    #[arg(long)]
    user: Option<String>,
    /// A note recorded with the decision.
    #[arg(long)]
    note: Option<String>,
}

impl Who {
    fn user(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "cli".to_string())
    }
}

/// A review decision.
#[derive(Subcommand, Debug)]
pub enum ReviewCommand {
    /// Confirm a timeline entry as shown: its values are kept whatever later articles say.
    Confirm {
        /// Timeline entry id (`E40`).
        event: String,
        #[command(flatten)]
        who: Who,
    },
    /// Reject a timeline entry: it stays in the case file, marked rejected.
    Reject {
        /// Timeline entry id.
        event: String,
        #[command(flatten)]
        who: Who,
    },
    /// Change fields of a timeline entry; the changed fields are kept whatever later articles say.
    Edit(EditArgs),
    /// Declare two people one person: MERGE becomes KEEP.
    MergePeople {
        /// The person id that stays (`P12`).
        keep: String,
        /// The person id merged into it.
        merge: String,
        #[command(flatten)]
        who: Who,
    },
    /// Split the mentions named VARIANT off a person into a new person.
    SplitPerson {
        /// Person id.
        person: String,
        /// A spelling that belongs to someone else (repeatable).
        #[arg(long = "variant", required = true)]
        variants: Vec<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Set a person's role in a case (kept on every rebuild, audited).
    SetRole {
        /// Case id (`c3`).
        case: String,
        /// Person id (`P12`).
        person: String,
        /// The role: defendant, lawyer, judge, prosecutor, official, relative, witness, expert, commentator, mentioned.
        #[arg(long)]
        role: String,
        #[command(flatten)]
        who: Who,
    },
    /// Move an article into another case.
    MoveArticle {
        /// Article id.
        article: String,
        /// Target case id.
        #[arg(long)]
        to: String,
        #[command(flatten)]
        who: Who,
    },
    /// Set where a person stands now (replaces the status derived from the timeline), or --clear it.
    Status {
        /// Person id (`P12`).
        person: String,
        /// The status: serving, in_custody, house_arrest, convicted_in_absentia, travel_ban,
        /// charges_pending, released, acquitted, unknown.
        #[arg(long, required_unless_present = "clear")]
        set: Option<String>,
        /// Since when (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// The term as worded ("6 years").
        #[arg(long)]
        term: Option<String>,
        /// Until when (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Go back to the status derived from the timeline.
        #[arg(long, conflicts_with_all = ["set", "since", "term", "until"])]
        clear: bool,
        #[command(flatten)]
        who: Who,
    },
    /// Rename a case or set its country (`none` goes back to the derived value).
    Case {
        /// Case id (`c2`).
        case: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// ISO 3166-1 alpha-2 country code (`KG`).
        #[arg(long)]
        country: Option<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Add a timeline entry the machine missed, with a quote from a stored article or a note.
    AddEntry(AddEntryArgs),
    /// Declare two timeline entries one event: MERGE's sources join KEEP.
    MergeEntries {
        /// The entry that stays (`E40`).
        keep: String,
        /// The entry merged into it.
        merge: String,
        #[command(flatten)]
        who: Who,
    },
    /// Split subjects off an entry into an entry of their own (one sentence, two terms).
    SplitEntry {
        /// The entry (`E40`).
        event: String,
        /// A subject (person id) that gets its own entry (repeatable).
        #[arg(long = "subject", required = true)]
        subjects: Vec<String>,
        /// The new entry's detail, when it differs ("4 years").
        #[arg(long)]
        detail: Option<String>,
        #[command(flatten)]
        who: Who,
    },
    /// Confirm every entry of a case that no reviewer has decided on.
    ConfirmCase {
        /// Case id.
        case: String,
        #[command(flatten)]
        who: Who,
    },
    /// Declare two cases one: every article of MERGE joins KEEP.
    MergeCases {
        /// The case id that stays.
        keep: String,
        /// The case id merged into it.
        merge: String,
        #[command(flatten)]
        who: Who,
    },
    /// Split a case: the chosen articles (and the case's articles that name
    /// the chosen people) become a new case with an id of its own, kept on
    /// every rebuild.
    SplitCase {
        /// Case id.
        case: String,
        /// An article of the case that goes to the new case (repeatable).
        #[arg(long = "article", required_unless_present = "people")]
        articles: Vec<String>,
        /// A person (id) whose articles in the case go to the new case (repeatable).
        #[arg(long = "person")]
        people: Vec<String>,
        #[command(flatten)]
        who: Who,
    },
}

fn partial(flag: &str, v: Option<&str>) -> Result<Option<PartialDate>> {
    v.map(|d| d.parse::<PartialDate>().map_err(|e| anyhow::anyhow!("{flag}: {e}")))
        .transpose()
}

fn none_clears(v: Option<String>) -> Option<Option<String>> {
    v.map(|s| Some(s).filter(|s| !s.eq_ignore_ascii_case("none")))
}

/// `casewatch review edit`.
#[derive(Args, Debug)]
pub struct EditArgs {
    /// Timeline entry id.
    event: String,
    /// Date: YYYY, YYYY-MM or YYYY-MM-DD, or `none` for undated.
    #[arg(long)]
    date: Option<String>,
    /// Precision: cuts the date (given, or the entry's own) to day, month or year.
    #[arg(long, value_enum)]
    precision: Option<PrecisionArg>,
    /// Date qualifier: early, mid, late, before, after, around, or `none`.
    #[arg(long)]
    qualifier: Option<String>,
    /// Status: occurred, alleged, denied, not_occurred.
    #[arg(long)]
    status: Option<String>,
    /// Detail text (`""` clears it).
    #[arg(long)]
    detail: Option<String>,
    /// Event type (an id of spec/taxonomy.md, `pretrial_detention`).
    #[arg(long = "type")]
    event_type: Option<String>,
    /// Subjects, replacing the entry's: a person or organisation id of the
    /// case (`P12`), or any other text for an unnamed group (repeatable).
    #[arg(long = "subject")]
    subjects: Vec<String>,
    #[command(flatten)]
    who: Who,
}

/// `casewatch review add-entry`.
#[derive(Args, Debug)]
pub struct AddEntryArgs {
    /// Case id.
    case: String,
    /// Event type (an id of docs/taxonomy.md).
    #[arg(long = "type")]
    event_type: String,
    /// Date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// Date qualifier: early, mid, late, before, after, around.
    #[arg(long)]
    qualifier: Option<String>,
    /// Status (default occurred).
    #[arg(long, default_value = "occurred")]
    status: String,
    /// Subject: a person or organisation id of the case, or text for a group (repeatable).
    #[arg(long = "subject")]
    subjects: Vec<String>,
    /// Detail ("6 years").
    #[arg(long)]
    detail: Option<String>,
    /// The article the quote is from.
    #[arg(long, requires = "quote")]
    article: Option<String>,
    /// The passage, exactly as in the article.
    #[arg(long, requires = "article")]
    quote: Option<String>,
    /// The source when it is not a stored article ("court decision of 1 March").
    #[arg(long = "source-note", conflicts_with_all = ["article", "quote"])]
    source_note: Option<String>,
    #[command(flatten)]
    who: Who,
}

fn subject_of(s: &str) -> Subject {
    if is_id(s) {
        Subject {
            reference: Some(s.to_string()),
            ..Subject::default()
        }
    } else {
        Subject {
            group: Some(s.to_string()),
            ..Subject::default()
        }
    }
}

fn new_entry(a: &AddEntryArgs) -> Result<casewatch_store::NewEntry> {
    let source = match (&a.article, &a.quote, &a.source_note) {
        (Some(article), Some(quote), None) => casewatch_store::EntrySource::Quote {
            article: article.clone(),
            quote: quote.clone(),
        },
        (None, None, Some(n)) => casewatch_store::EntrySource::Note(n.clone()),
        _ => bail!("give --article ID --quote TEXT, or --source-note TEXT"),
    };
    let qualifier = a
        .qualifier
        .as_deref()
        .map(|q| {
            serde_json::from_value::<DateQualifier>(Value::String(q.to_lowercase()))
                .map_err(|_| anyhow::anyhow!("--qualifier: {q:?} is not early, mid, late, before, after or around"))
        })
        .transpose()?;
    Ok(casewatch_store::NewEntry {
        event_type: a.event_type.parse().map_err(|e| anyhow::anyhow!("--type: {e}"))?,
        date: casewatch_model::EventDate {
            value: a
                .date
                .as_deref()
                .map(|d| d.parse::<PartialDate>().map_err(|e| anyhow::anyhow!("--date: {e}")))
                .transpose()?,
            qualifier,
            text: None,
            inferred: false,
        },
        status: a.status.parse().map_err(|e| anyhow::anyhow!("--status: {e}"))?,
        subjects: a.subjects.iter().map(|s| subject_of(s)).collect(),
        detail: a.detail.clone(),
        source,
    })
}

/// A date precision on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrecisionArg {
    /// YYYY-MM-DD.
    Day,
    /// YYYY-MM.
    Month,
    /// YYYY.
    Year,
}

/// `casewatch log`.
#[derive(Args, Debug)]
pub struct LogArgs {
    /// Only the lines about this case.
    #[arg(long)]
    case: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    format: LogFormat,
}

/// Output format of `casewatch log`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One line per decision, changed fields below it.
    Text,
    /// A JSON array of audit entries (`id`, `at`, `user`, `action`, `target`, `case`, `before`, `after`, `note`).
    Json,
}

/// Cuts `d` to precision `p` (never refines it).
fn cut(d: PartialDate, p: PrecisionArg) -> Result<PartialDate> {
    let want = match p {
        PrecisionArg::Day => DatePrecision::Day,
        PrecisionArg::Month => DatePrecision::Month,
        PrecisionArg::Year => DatePrecision::Year,
    };
    if want < d.precision() {
        bail!("--precision {p:?} is finer than the date {d}");
    }
    Ok(match want {
        DatePrecision::Day => d,
        DatePrecision::Month => PartialDate { day: None, ..d },
        DatePrecision::Year => PartialDate::year(d.year),
    })
}

fn is_id(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('P' | 'O')) && s.len() > 1 && c.all(|d| d.is_ascii_digit())
}

/// The edit described by the flags.
fn edit_of(store: &Store, a: &EditArgs) -> Result<EntryEdit> {
    let mut edit = EntryEdit::default();
    if let Some(d) = &a.date {
        edit.date = Some(if d.eq_ignore_ascii_case("none") {
            None
        } else {
            Some(d.parse::<PartialDate>().map_err(|e| anyhow::anyhow!("--date: {e}"))?)
        });
    }
    if let Some(p) = a.precision {
        let current = match edit.date {
            Some(d) => d,
            None => {
                let case = store
                    .case_of_entry(&a.event)?
                    .and_then(|c| store.case(&c).ok().flatten())
                    .with_context(|| format!("no timeline entry {:?}", a.event))?;
                let id = store.resolve_id(&a.event)?;
                case.events.iter().find(|e| e.id == id).and_then(|e| e.date.value)
            }
        };
        let Some(d) = current else {
            bail!("--precision needs a date, and the entry is undated");
        };
        edit.date = Some(Some(cut(d, p)?));
    }
    if let Some(q) = &a.qualifier {
        edit.qualifier = Some(if q.eq_ignore_ascii_case("none") {
            None
        } else {
            Some(
                serde_json::from_value::<DateQualifier>(Value::String(q.to_lowercase())).map_err(|_| {
                    anyhow::anyhow!("--qualifier: {q:?} is not early, mid, late, before, after, around or none")
                })?,
            )
        });
    }
    if let Some(s) = &a.status {
        edit.status = Some(s.parse::<Status>().map_err(|e| anyhow::anyhow!("--status: {e}"))?);
    }
    if let Some(d) = &a.detail {
        edit.detail = Some(Some(d.trim().to_string()).filter(|d| !d.is_empty()));
    }
    if let Some(t) = &a.event_type {
        edit.event_type = Some(t.parse::<EventType>().map_err(|e| anyhow::anyhow!("--type: {e}"))?);
    }
    if !a.subjects.is_empty() {
        edit.subjects = Some(
            a.subjects
                .iter()
                .map(|s| {
                    if is_id(s) {
                        Subject {
                            reference: Some(s.clone()),
                            ..Subject::default()
                        }
                    } else {
                        Subject {
                            group: Some(s.clone()),
                            ..Subject::default()
                        }
                    }
                })
                .collect(),
        );
    }
    if edit.is_empty() {
        bail!("nothing to edit: give --date, --precision, --qualifier, --status, --detail, --type or --subject");
    }
    Ok(edit)
}

/// Runs one review decision and prints what changed.
pub fn review(db: &Path, cmd: ReviewCommand) -> Result<()> {
    let mut store = Store::open(db)?;
    let (target, action, who) = match cmd {
        ReviewCommand::Confirm { event, who } => (event, ReviewAction::Confirm, who),
        ReviewCommand::Reject { event, who } => (event, ReviewAction::Reject, who),
        ReviewCommand::Edit(a) => {
            let edit = edit_of(&store, &a)?;
            (a.event.clone(), ReviewAction::Edit(edit), a.who.clone())
        }
        ReviewCommand::MergePeople { keep, merge, who } => {
            (keep.clone(), ReviewAction::MergePeople { keep, merge }, who)
        }
        ReviewCommand::SplitPerson { person, variants, who } => {
            (person.clone(), ReviewAction::SplitPerson { person, variants }, who)
        }
        ReviewCommand::MoveArticle { article, to, who } => {
            (article.clone(), ReviewAction::MoveArticle { article, to_case: to }, who)
        }
        ReviewCommand::Status {
            person,
            set,
            since,
            term,
            until,
            clear,
            who,
        } => {
            let edit = match (clear, set) {
                (true, _) | (false, None) => None,
                (false, Some(s)) => Some(StatusEdit {
                    status: s.parse::<Standing>().map_err(|e| anyhow::anyhow!("--set: {e}"))?,
                    since: partial("--since", since.as_deref())?,
                    term,
                    until: partial("--until", until.as_deref())?,
                }),
            };
            (person, ReviewAction::SetStatus(edit), who)
        }
        ReviewCommand::Case {
            case,
            title,
            country,
            who,
        } => {
            if title.is_none() && country.is_none() {
                bail!("nothing to change: give --title or --country");
            }
            let title = none_clears(title);
            let country = none_clears(country);
            (case, ReviewAction::EditCase { title, country }, who)
        }
        ReviewCommand::MergeCases { keep, merge, who } => (keep, ReviewAction::MergeCases { merge }, who),
        ReviewCommand::SplitCase {
            case,
            articles,
            people,
            who,
        } => (case, ReviewAction::SplitCase { articles, people }, who),
        ReviewCommand::ConfirmCase { case, who } => (case, ReviewAction::ConfirmCase, who),
        ReviewCommand::AddEntry(a) => {
            let new = new_entry(&a)?;
            (a.case.clone(), ReviewAction::AddEntry(Box::new(new)), a.who.clone())
        }
        ReviewCommand::MergeEntries { keep, merge, who } => (keep, ReviewAction::MergeEntries { merge }, who),
        ReviewCommand::SplitEntry {
            event,
            subjects,
            detail,
            who,
        } => (event, ReviewAction::SplitEntry { subjects, detail }, who),
        ReviewCommand::SetRole {
            case,
            person,
            role,
            who,
        } => {
            let role = role.trim().parse::<Role>().map_err(|e| {
                let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                anyhow::anyhow!("{e}; use one of: {}", all.join(", "))
            })?;
            (case.clone(), ReviewAction::SetRole { case, person, role }, who)
        }
    };
    let entry = store.review(&target, action, &who.user(), who.note.as_deref())?;
    crate::print(&describe(&entry))
}

/// Prints the audit log.
pub fn log(db: &Path, args: &LogArgs) -> Result<()> {
    let store = Store::open(db)?;
    let entries = store.audit_log(args.case.as_deref())?;
    let out = match args.format {
        LogFormat::Json => serde_json::to_string_pretty(&entries)? + "\n",
        LogFormat::Text => {
            let mut s = String::new();
            for e in &entries {
                s.push_str(&describe(e));
            }
            if entries.is_empty() {
                s.push_str("no decisions recorded\n");
            }
            s
        }
    };
    crate::print(&out)
}

fn short(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One audit entry as text: a header line, then the top-level fields that
/// changed (`field: before → after`), or the after value for other actions.
pub fn describe(e: &AuditEntry) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#{} {} {} {} {}{}{}",
        e.id,
        e.at,
        e.user,
        e.action,
        e.target,
        e.case.as_deref().map(|c| format!(" (case {c})")).unwrap_or_default(),
        e.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default()
    );
    match (&e.before, &e.after) {
        (_, Value::Object(a)) if e.action == "split_case" => {
            let _ = writeln!(
                out,
                "    new case {}: {}\n    {} keeps: {}",
                short(&a["new_case"]),
                short(&a["new_articles"]),
                short(&a["case"]),
                short(&a["articles"])
            );
        }
        (Value::Object(b), Value::Object(a)) if a.contains_key("sources") || b.contains_key("sources") => {
            for (k, av) in a {
                if k == "sources" || k == "conflicts" || k == "date_text" {
                    continue;
                }
                let bv = b.get(k).unwrap_or(&Value::Null);
                if bv != av {
                    let _ = writeln!(out, "    {k}: {} → {}", short(bv), short(av));
                }
            }
        }
        (b, a) => {
            let _ = writeln!(out, "    before: {}", short(b));
            let _ = writeln!(out, "    after:  {}", short(a));
        }
    }
    out
}

/// `casewatch queue`.
#[derive(Args, Debug)]
pub struct QueueArgs {
    /// Only this case.
    #[arg(long)]
    case: Option<String>,
    /// Entries to list.
    #[arg(long, default_value_t = 20)]
    limit: u64,
}

/// Prints the review queue: unreviewed entries, newest sources first, with
/// their evidence.
pub fn queue(db: &Path, a: &QueueArgs) -> Result<()> {
    let store = Store::open(db)?;
    let q = store.review_queue(a.case.as_deref(), 0, a.limit.max(1))?;
    let mut out = String::new();
    let _ = writeln!(out, "{} entries to review (newest sources first)", q.total);
    for it in &q.items {
        let e = &it.entry;
        let who: Vec<String> = e
            .subjects
            .iter()
            .filter_map(|s| s.name.clone().or_else(|| s.group.clone()))
            .collect();
        let _ = writeln!(
            out,
            "{:<5} {:<4} {:<14} {:<20} {} [{}]{}",
            e.id,
            it.case,
            e.date.display(),
            e.event_type.as_str(),
            who.join(", "),
            e.status,
            if e.date.inferred { " (date inferred)" } else { "" }
        );
        for src in &e.sources {
            let _ = writeln!(
                out,
                "      {} ({}): \"{}\"",
                src.title.as_deref().unwrap_or(&src.article),
                src.published.map(|d| d.to_string()).unwrap_or_default(),
                src.sentence
            );
        }
    }
    if q.total as usize > q.items.len() {
        let _ = writeln!(
            out,
            "(first {}; `casewatch review confirm|reject ID`, or `review confirm-case CASE`)",
            q.items.len()
        );
    }
    crate::print(&out)
}
