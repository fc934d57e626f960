//! Reviewer decisions: confirm, reject or edit a timeline entry; merge or split people; move an article; and the append-only audit log.
//!
//! [`Store::review`] validates a decision, stores it, re-applies it to the
//! stored cases and appends an [`AuditEntry`] (who, when, before and after),
//! all in one transaction. Decisions are never overwritten by the machine:
//!
//! * **entries** — the reviewer's state (`confirmed`, `edited`, `rejected`)
//!   and *pinned* values are kept in `review_entries` and applied after every
//!   rebuild, by entry id (ids are stable, see [`crate::rebuild`]).
//!   Confirming pins every field (type, date, qualifier, status, detail,
//!   subjects) at the values shown; editing pins the fields edited (on top of
//!   earlier pins); rejecting keeps the pins and marks the entry `rejected`
//!   (it stays in the case file, shown as rejected). New sources still join
//!   a reviewed entry; their values only show as conflicts.
//! * **merged people** — within a case that holds both, the two people's
//!   mentions are one person on every rebuild (a reconciliation override);
//!   the merged id becomes an alias of the kept one everywhere (so a person
//!   in other cases takes the kept id too, without joining the cases).
//! * **split people** — mentions named by one of the given spellings become
//!   a new person, and never join the rest again.
//! * **moved articles** — the article joins the target case on every
//!   rebuild and no longer links by its own people or outlet.
//! * **split cases** — the chosen articles of a case form a new case (see
//!   [`crate::case_split`]).
//! * **roles** — a person's role in a case (`review_roles`, by case and
//!   person id) replaces the machine's on every rebuild, with rule `reviewer`.

use crate::error::{Context as _, data_error, invalid};
use crate::rebuild::{Seeds, rebuild, resolve_alias};
use crate::{Result, Store, cases, now_rfc3339};
use casewatch_model::{
    CasePerson, DateQualifier, EventType, Organization, PartialDate, Review, Role, Status, Subject, TimelineEntry,
};
use casewatch_reconcile::MentionRef;
use casewatch_reconcile::identity::IdKind;
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a reviewer decides.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewAction {
    /// The entry is right as shown: its state becomes `confirmed` and every
    /// field is pinned at its current value.
    Confirm,
    /// The entry is wrong: its state becomes `rejected` (it stays in the case
    /// file, marked).
    Reject,
    /// Some fields are wrong: the given ones are pinned at the given values;
    /// the state becomes `edited`.
    Edit(EntryEdit),
    /// Two people are one: `merge` joins `keep` (person ids, `P12`).
    MergePeople {
        /// The id that stays.
        keep: String,
        /// The id that goes (it becomes an alias of `keep`).
        merge: String,
    },
    /// One person is several: the mentions named `variants` become a new person.
    SplitPerson {
        /// The person id.
        person: String,
        /// Spellings (as listed in the person's variants) that go to the new person.
        variants: Vec<String>,
    },
    /// A person's role in a case is not the machine's: it becomes `role`
    /// (rule `reviewer`) and stays so on every rebuild.
    SetRole {
        /// The case id (`c3`).
        case: String,
        /// The person id (`P12`).
        person: String,
        /// The role.
        role: Role,
    },
    /// An article belongs to another case.
    MoveArticle {
        /// The article id (`ArticleMeta::id`).
        article: String,
        /// The target case id.
        to_case: String,
    },
    /// A person's current status is not what the timeline says: the given
    /// status replaces the derived one in every case of the person (`None`
    /// goes back to the derived one). `target` is the person id.
    SetStatus(Option<StatusEdit>),
    /// A case's title or country (`target` is the case id). `Some(None)`
    /// goes back to the derived value; `None` leaves it.
    EditCase {
        /// The title.
        title: Option<Option<String>>,
        /// The ISO 3166-1 alpha-2 country code.
        country: Option<Option<String>>,
    },
    /// An entry the machine missed, added to the case `target` (with the
    /// next entry id, `confirmed`; kept after every rebuild).
    AddEntry(Box<crate::NewEntry>),
    /// Two entries are one event: `merge` goes into the entry `target` (its
    /// sources join; its id becomes an alias).
    MergeEntries {
        /// The entry that goes.
        merge: String,
    },
    /// One entry is two: the given subjects (person ids of the entry
    /// `target`) get an entry of their own (same type, date, status and
    /// sources; `detail` when given), and leave the original.
    SplitEntry {
        /// The subjects that go to the new entry.
        subjects: Vec<String>,
        /// The new entry's detail (the other term), if different.
        detail: Option<String>,
    },
    /// Every entry of the case `target` no reviewer has decided on is
    /// confirmed (each as [`ReviewAction::Confirm`] would, each in the audit
    /// log, plus one `confirm_case` line listing them).
    ConfirmCase,
    /// Two cases are one: every article of `merge` joins the case `target`
    /// (each as a [`ReviewAction::MoveArticle`] would).
    MergeCases {
        /// The case that goes.
        merge: String,
    },
    /// One case is two: the given articles of the case `target`, and the
    /// articles of it that name one of the given people, become a new case
    /// (with the next case id, kept on every rebuild; see
    /// `crates/store/src/case_split.rs`). The audit entry's `after.new_case`
    /// is the new id.
    SplitCase {
        /// Article ids (`ArticleMeta::id`) that go to the new case.
        articles: Vec<String>,
        /// Person ids whose articles in the case go to the new case.
        people: Vec<String>,
    },
}

/// A reviewer's status of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEdit {
    /// The status.
    pub status: casewatch_model::Standing,
    /// Since when.
    pub since: Option<PartialDate>,
    /// The term as worded.
    pub term: Option<String>,
    /// Until when.
    pub until: Option<PartialDate>,
}

impl ReviewAction {
    /// The action's name in the audit log: `confirm`, `reject`, `edit`,
    /// `merge_people`, `split_person`, `set_role`, `move_article`, `set_status`,
    /// `edit_case`, `merge_cases`, `confirm_case`, `add_entry`, `merge_entries`,
    /// `split_entry`, `split_case`.
    pub fn name(&self) -> &'static str {
        match self {
            ReviewAction::Confirm => "confirm",
            ReviewAction::Reject => "reject",
            ReviewAction::Edit(_) => "edit",
            ReviewAction::MergePeople { .. } => "merge_people",
            ReviewAction::SplitPerson { .. } => "split_person",
            ReviewAction::SetRole { .. } => "set_role",
            ReviewAction::MoveArticle { .. } => "move_article",
            ReviewAction::SetStatus(_) => "set_status",
            ReviewAction::EditCase { .. } => "edit_case",
            ReviewAction::MergeCases { .. } => "merge_cases",
            ReviewAction::ConfirmCase => "confirm_case",
            ReviewAction::AddEntry(_) => "add_entry",
            ReviewAction::MergeEntries { .. } => "merge_entries",
            ReviewAction::SplitEntry { .. } => "split_entry",
            ReviewAction::SplitCase { .. } => "split_case",
        }
    }
}

/// Changes to a timeline entry's fields; `None` leaves a field as it is.
/// For the fields that can be empty, `Some(None)` empties them (an undated
/// entry, no qualifier, no detail).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryEdit {
    /// The event type.
    pub event_type: Option<EventType>,
    /// The date (its precision is the date's: `2025-05` is month precision).
    pub date: Option<Option<PartialDate>>,
    /// The date qualifier (`late` for "at the end of May").
    pub qualifier: Option<Option<DateQualifier>>,
    /// The status.
    pub status: Option<Status>,
    /// The detail text.
    pub detail: Option<Option<String>>,
    /// The subjects: `ref` must name a person or organisation of the case
    /// (names are refreshed from it); a subject without `ref` is a group.
    pub subjects: Option<Vec<Subject>>,
}

impl EntryEdit {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self == &EntryEdit::default()
    }

    /// Every field of `entry`, pinned at its current value.
    pub fn snapshot(entry: &TimelineEntry) -> Self {
        EntryEdit {
            event_type: Some(entry.event_type),
            date: Some(entry.date.value),
            qualifier: Some(entry.date.qualifier),
            status: Some(entry.status),
            detail: Some(entry.detail.clone()),
            subjects: Some(entry.subjects.clone()),
        }
    }

    /// `self` with every field `other` sets replaced.
    pub fn merged(mut self, other: &EntryEdit) -> Self {
        if other.event_type.is_some() {
            self.event_type = other.event_type;
        }
        if other.date.is_some() {
            self.date = other.date;
        }
        if other.qualifier.is_some() {
            self.qualifier = other.qualifier;
        }
        if other.status.is_some() {
            self.status = other.status;
        }
        if other.detail.is_some() {
            self.detail = other.detail.clone();
        }
        if other.subjects.is_some() {
            self.subjects = other.subjects.clone();
        }
        self
    }

    /// As a JSON object holding only the set fields (`null` for an emptied one):
    /// `{"type": "detention", "date": "2025-05-28", "qualifier": null, …}`.
    pub fn to_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        if let Some(t) = self.event_type {
            m.insert("type".into(), json!(t.as_str()));
        }
        if let Some(d) = self.date {
            m.insert("date".into(), json!(d.map(|d| d.to_string())));
        }
        if let Some(q) = self.qualifier {
            m.insert("qualifier".into(), json!(q.map(DateQualifier::as_str)));
        }
        if let Some(s) = self.status {
            m.insert("status".into(), json!(s.as_str()));
        }
        if let Some(d) = &self.detail {
            m.insert("detail".into(), json!(d));
        }
        if let Some(s) = &self.subjects {
            m.insert("subjects".into(), serde_json::to_value(s).unwrap_or(Value::Null));
        }
        Value::Object(m)
    }

    /// Reads the shape of [`EntryEdit::to_json`]; `Err` names the bad field.
    pub fn from_json(v: &Value) -> std::result::Result<Self, String> {
        let obj = v.as_object().ok_or("not a JSON object")?;
        let text = |k: &str| -> std::result::Result<Option<Option<String>>, String> {
            match obj.get(k) {
                None => Ok(None),
                Some(Value::Null) => Ok(Some(None)),
                Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
                Some(_) => Err(format!("{k}: not a string")),
            }
        };
        let parse = |k: &str| -> std::result::Result<Option<String>, String> {
            match text(k)? {
                Some(Some(s)) => Ok(Some(s)),
                Some(None) => Err(format!("{k}: may not be null")),
                None => Ok(None),
            }
        };
        let event_type = parse("type")?
            .map(|s| s.parse::<EventType>().map_err(|e| e.to_string()))
            .transpose()?;
        let status = parse("status")?
            .map(|s| s.parse::<Status>().map_err(|e| e.to_string()))
            .transpose()?;
        let date = text("date")?
            .map(|d| {
                d.map(|s| s.parse::<PartialDate>().map_err(|e| e.to_string()))
                    .transpose()
            })
            .transpose()?;
        let qualifier = text("qualifier")?
            .map(|q| {
                q.map(|s| {
                    serde_json::from_value::<DateQualifier>(Value::String(s.clone()))
                        .map_err(|_| format!("qualifier: unknown {s:?}"))
                })
                .transpose()
            })
            .transpose()?;
        let detail = text("detail")?;
        let subjects = match obj.get("subjects") {
            None => None,
            Some(s) => Some(serde_json::from_value(s.clone()).map_err(|e| format!("subjects: {e}"))?),
        };
        Ok(EntryEdit {
            event_type,
            date,
            qualifier,
            status,
            detail,
            subjects,
        })
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the log (1, 2, …), increasing.
    pub id: i64,
    /// When, RFC 3339 UTC with seconds (`2025-03-12T10:04:05Z`).
    pub at: String,
    /// Who.
    pub user: String,
    /// What: a [`ReviewAction::name`], or another write's name (`add_user`).
    pub action: String,
    /// The id acted on: entry, person (the kept one for a merge), article.
    pub target: String,
    /// The case it is about, if any.
    pub case: Option<String>,
    /// The target before (JSON; `null` when it did not exist).
    pub before: Value,
    /// The target after (JSON).
    pub after: Value,
    /// The reviewer's note.
    pub note: Option<String>,
}

/// The reviewer's state and pins of one entry, if any.
pub(crate) fn load_entry_review(conn: &Connection, path: &Path, entry: &str) -> Result<Option<(Review, EntryEdit)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT state, pins FROM review_entries WHERE entry_id = ?1")
        .and_then(|mut st| st.query_row([entry], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ctx(path, || format!("reading the review of {entry}"))?;
    let Some((state, pins)) = row else {
        return Ok(None);
    };
    let what = || format!("review of {entry}");
    let state: Review = state.parse().map_err(|e| data_error(path, what(), e))?;
    let pins: Value = serde_json::from_str(&pins).map_err(|e| data_error(path, what(), e))?;
    let pins = EntryEdit::from_json(&pins).map_err(|e| data_error(path, what(), e))?;
    Ok(Some((state, pins)))
}

/// Applies a reviewer's state and pins to an entry: pinned fields take the
/// pinned values (a changed date loses its `date_text`; an emptied date its
/// qualifier); pinned subjects are mapped through person aliases and take
/// their names from the case's people and organisations.
pub(crate) fn apply_review(
    entry: &mut TimelineEntry,
    state: Review,
    pins: &EntryEdit,
    people: &[CasePerson],
    orgs: &[Organization],
    person_alias: &BTreeMap<String, String>,
) {
    entry.review = state;
    if let Some(t) = pins.event_type {
        entry.event_type = t;
    }
    if let Some(d) = pins.date {
        if entry.date.value != d {
            entry.date.text = None;
        }
        entry.date.value = d;
        if d.is_none() {
            entry.date.qualifier = None;
        }
    }
    if let Some(q) = pins.qualifier
        && entry.date.value.is_some()
    {
        entry.date.qualifier = q;
    }
    if let Some(s) = pins.status {
        entry.status = s;
    }
    if let Some(d) = &pins.detail {
        entry.detail = d.clone();
    }
    if let Some(subjects) = &pins.subjects {
        entry.subjects = subjects
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if let Some(r) = s.reference.as_mut() {
                    let mut hops = 0;
                    while let Some(n) = person_alias.get(r.as_str()).filter(|_| hops < 64) {
                        *r = n.clone();
                        hops += 1;
                    }
                    if let Some(p) = people.iter().find(|p| &p.id == r) {
                        s.name = Some(p.name.clone());
                    } else if let Some(o) = orgs.iter().find(|o| &o.id == r) {
                        s.name = Some(o.name.clone());
                    }
                }
                s
            })
            .collect();
    }
}

/// Re-sorts a timeline after reviewed dates changed: oldest first, undated
/// last; entries of equal dates keep their order.
pub(crate) fn sort_timeline(events: &mut [TimelineEntry]) {
    events.sort_by_key(|e| (e.date.value.is_none(), e.date.value));
}

/// Appends one line to the audit log.
#[allow(clippy::too_many_arguments)]
pub(crate) fn append(
    conn: &Connection,
    path: &Path,
    user: &str,
    action: &str,
    target: &str,
    cases: &[String],
    before: Value,
    after: Value,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let at = now_rfc3339();
    let case = cases.first().cloned();
    let all = cases.iter().map(String::as_str).collect::<BTreeSet<_>>();
    let all = all.into_iter().collect::<Vec<_>>().join(" ");
    conn.prepare_cached(
        "INSERT INTO audit_log (at, user, action, target, case_id, cases, before, after, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut st| {
        st.execute(params![
            at,
            user,
            action,
            target,
            case,
            all,
            before.to_string(),
            after.to_string(),
            note
        ])
    })
    .ctx(path, || format!("appending {action} of {target} to the audit log"))?;
    Ok(AuditEntry {
        id: conn.last_insert_rowid(),
        at,
        user: user.to_string(),
        action: action.to_string(),
        target: target.to_string(),
        case,
        before,
        after,
        note: note.map(str::to_string),
    })
}

pub(crate) fn strings(
    conn: &Connection,
    path: &Path,
    sql: &str,
    p: impl rusqlite::Params,
    what: String,
) -> Result<Vec<String>> {
    conn.prepare_cached(sql)
        .and_then(|mut st| {
            st.query_map(p, |r| r.get(0))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<String>>>())
        })
        .ctx(path, || what)
}

/// The cases a person is in.
fn person_cases(conn: &Connection, path: &Path, person: &str) -> Result<Vec<String>> {
    strings(
        conn,
        path,
        "SELECT case_id FROM person_index WHERE person_id = ?1 ORDER BY case_id",
        [person],
        format!("reading the cases of {person}"),
    )
}

/// A person as JSON: `[{"case": "c1", "person": {…}}, …]`, one per case it is in.
fn person_json(conn: &Connection, path: &Path, person: &str) -> Result<Value> {
    let mut out = Vec::new();
    for c in person_cases(conn, path, person)? {
        if let Some(case) = cases::read_one(conn, path, &c)?
            && let Some(p) = case.people.iter().find(|p| p.id == person)
        {
            out.push(json!({"case": c, "person": p}));
        }
    }
    Ok(Value::Array(out))
}

/// The mentions that carry a person id.
fn mentions_of(conn: &Connection, path: &Path, person: &str) -> Result<Vec<MentionRef>> {
    conn.prepare_cached(
        "SELECT a.article_id, m.local_id FROM ident_mentions m JOIN articles a ON a.id = m.article
         WHERE m.kind = 'person' AND m.id = ?1 ORDER BY a.article_id, m.local_id",
    )
    .and_then(|mut st| {
        st.query_map([person], |r| {
            Ok(MentionRef {
                article: r.get(0)?,
                person: r.get(1)?,
            })
        })
        .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
    })
    .ctx(path, || format!("reading the mentions of {person}"))
}

/// The cases an article is in now.
pub(crate) fn article_cases(conn: &Connection, path: &Path, article: &str) -> Result<Vec<String>> {
    strings(
        conn,
        path,
        "SELECT case_id FROM case_articles WHERE article_id = ?1 ORDER BY case_id",
        [article],
        format!("reading the cases of article {article}"),
    )
}

/// Every person alias, old → new.
fn person_aliases(conn: &Connection, path: &Path) -> Result<BTreeMap<String, String>> {
    conn.prepare_cached("SELECT old_id, new_id FROM id_aliases WHERE kind = 'person'")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<BTreeMap<String, String>>>())
        })
        .ctx(path, || "reading the person aliases")
}

impl Store {
    /// Records a reviewer's decision and applies it, in one transaction:
    /// validates it, stores it (see the module docs for what each decision
    /// does on later rebuilds), re-applies it to the stored cases (an entry
    /// decision rewrites the entry's case; a merge, split or move rebuilds
    /// the cases involved) and appends the returned [`AuditEntry`] with the
    /// target before and after.
    ///
    /// `target` is the timeline entry id for `Confirm`, `Reject` and `Edit`
    /// (an id merged into another is followed); it is ignored otherwise.
    /// `user` must not be blank.
    ///
    /// Errors: [`crate::StoreError::Invalid`] for a decision that cannot be
    /// applied (an unknown entry, person, article or case; an empty edit; a
    /// subject that is not in the case; a split spelling the person does not
    /// have, or all of them; merging a person with itself; moving an article
    /// into the case it is in). Nothing is written then.
    pub fn review(&mut self, target: &str, action: ReviewAction, user: &str, note: Option<&str>) -> Result<AuditEntry> {
        let path = self.path.clone();
        let user = user.trim();
        if user.is_empty() {
            return Err(invalid(&path, "reviewer", "the user name is empty"));
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&path, || "starting a review transaction")?;
        let entry = match action {
            ReviewAction::Confirm | ReviewAction::Reject | ReviewAction::Edit(_) => {
                review_entry(&tx, &path, target, &action, user, note)?
            }
            ReviewAction::MergePeople { ref keep, ref merge } => merge_people(&tx, &path, keep, merge, user, note)?,
            ReviewAction::SplitPerson {
                ref person,
                ref variants,
            } => split_person(&tx, &path, person, variants, user, note)?,
            ReviewAction::MoveArticle {
                ref article,
                ref to_case,
            } => move_article(&tx, &path, article, to_case, user, note)?,
            ReviewAction::SetStatus(ref edit) => set_status(&tx, &path, target, edit.as_ref(), user, note)?,
            ReviewAction::EditCase { ref title, ref country } => {
                edit_case(&tx, &path, target, title, country, user, note)?
            }
            ReviewAction::MergeCases { ref merge } => merge_cases(&tx, &path, target, merge, user, note)?,
            ReviewAction::SplitCase {
                ref articles,
                ref people,
            } => crate::case_split::split_case(&tx, &path, target, articles, people, user, note)?,
            ReviewAction::ConfirmCase => confirm_case(&tx, &path, target, user, note)?,
            ReviewAction::AddEntry(ref new) => add_entry(&tx, &path, target, new, user, note)?,
            ReviewAction::MergeEntries { ref merge } => merge_entries(&tx, &path, target, merge, user, note)?,
            ReviewAction::SplitEntry {
                ref subjects,
                ref detail,
            } => split_entry(&tx, &path, target, subjects, detail.as_deref(), user, note)?,
            ReviewAction::SetRole {
                ref case,
                ref person,
                role,
            } => set_role(&tx, &path, case, person, role, user, note)?,
        };
        tx.commit().ctx(&path, || "committing a review")?;
        Ok(entry)
    }

    /// The audit log, oldest first; with `case`, only the lines about that
    /// case (as the main case or one of the cases involved).
    pub fn audit_log(&self, case: Option<&str>) -> Result<Vec<AuditEntry>> {
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            String,
            Option<String>,
        );
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                "SELECT id, at, user, action, target, case_id, before, after, note FROM audit_log
                 WHERE ?1 IS NULL OR case_id = ?1 OR (' ' || cases || ' ') LIKE ('% ' || ?1 || ' %')
                 ORDER BY id",
            )
            .and_then(|mut st| {
                st.query_map([case], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                })
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
            })
            .ctx(&self.path, || "reading the audit log")?;
        rows.into_iter()
            .map(|(id, at, user, action, target, case, before, after, note)| {
                let json = |s: &str| {
                    serde_json::from_str(s).map_err(|e| data_error(&self.path, format!("audit log line {id}"), e))
                };
                Ok(AuditEntry {
                    id,
                    at,
                    user,
                    action,
                    target,
                    case,
                    before: json(&before)?,
                    after: json(&after)?,
                    note,
                })
            })
            .collect()
    }

    /// Appends a line to the audit log for a write that is not a review
    /// (user management, settings): who, what, on what, before and after.
    pub fn record_audit(
        &mut self,
        user: &str,
        action: &str,
        target: &str,
        before: Value,
        after: Value,
    ) -> Result<AuditEntry> {
        append(&self.conn, &self.path, user, action, target, &[], before, after, None)
    }
}

fn review_entry(
    conn: &Connection,
    path: &Path,
    target: &str,
    action: &ReviewAction,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let id = resolve_alias(conn, path, IdKind::Event, target.trim())?;
    let case_id: Option<String> = conn
        .prepare_cached("SELECT case_id FROM entry_index WHERE entry_id = ?1")
        .and_then(|mut st| st.query_row([&id], |r| r.get(0)).optional())
        .ctx(path, || format!("looking up entry {id}"))?;
    let not_found = || invalid(path, "timeline entry", format!("no timeline entry {target:?}"));
    let case_id = case_id.ok_or_else(not_found)?;
    let mut case = cases::read_one(conn, path, &case_id)?.ok_or_else(not_found)?;
    let idx = case.events.iter().position(|e| e.id == id).ok_or_else(not_found)?;
    let before = serde_json::to_value(&case.events[idx]).map_err(|e| data_error(path, format!("entry {id}"), e))?;
    let old = load_entry_review(conn, path, &id)?.map(|(_, p)| p).unwrap_or_default();
    let (state, pins) = match action {
        ReviewAction::Confirm => (Review::Confirmed, EntryEdit::snapshot(&case.events[idx])),
        ReviewAction::Reject => (Review::Rejected, old),
        ReviewAction::Edit(edit) => {
            if edit.is_empty() {
                return Err(invalid(path, format!("edit of {id}"), "nothing to change"));
            }
            let mut edit = edit.clone();
            if let Some(Some(d)) = &edit.detail
                && d.trim().is_empty()
            {
                edit.detail = Some(None);
            }
            let aliases = person_aliases(conn, path)?;
            if let Some(subjects) = &edit.subjects {
                for s in subjects {
                    match &s.reference {
                        Some(r) => {
                            let r = aliases.get(r).unwrap_or(r);
                            if !case.people.iter().any(|p| &p.id == r) && !case.organizations.iter().any(|o| &o.id == r)
                            {
                                return Err(invalid(
                                    path,
                                    format!("subjects of {id}"),
                                    format!("{r} is not a person or organisation of case {case_id}"),
                                ));
                            }
                        }
                        None if s.group.as_deref().is_some_and(|g| !g.trim().is_empty())
                            || s.name.as_deref().is_some_and(|n| !n.trim().is_empty()) => {}
                        None => {
                            return Err(invalid(
                                path,
                                format!("subjects of {id}"),
                                "a subject needs a ref, a name or a group",
                            ));
                        }
                    }
                }
            }
            (Review::Edited, old.merged(&edit))
        }
        _ => return Err(invalid(path, "review", "not an entry decision")),
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO review_entries (entry_id, state, pins, at, user) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut st| {
        st.execute(params![
            id,
            state.as_str(),
            pins.to_json().to_string(),
            now_rfc3339(),
            user
        ])
    })
    .ctx(path, || format!("storing the review of {id}"))?;
    let aliases = person_aliases(conn, path)?;
    let (people, orgs) = (case.people.clone(), case.organizations.clone());
    apply_review(&mut case.events[idx], state, &pins, &people, &orgs, &aliases);
    let after = serde_json::to_value(&case.events[idx]).map_err(|e| data_error(path, format!("entry {id}"), e))?;
    sort_timeline(&mut case.events);
    cases::update(conn, path, &case)?;
    append(conn, path, user, action.name(), &id, &[case_id], before, after, note)
}

fn merge_people(
    conn: &Connection,
    path: &Path,
    keep: &str,
    merge: &str,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let keep = resolve_alias(conn, path, IdKind::Person, keep.trim())?;
    let merge = resolve_alias(conn, path, IdKind::Person, merge.trim())?;
    if keep == merge {
        return Err(invalid(
            path,
            "merge",
            format!("{keep} and {merge} are already one person"),
        ));
    }
    let (keep_cases, merge_cases) = (person_cases(conn, path, &keep)?, person_cases(conn, path, &merge)?);
    for (p, c) in [(&keep, &keep_cases), (&merge, &merge_cases)] {
        if c.is_empty() {
            return Err(invalid(path, "merge", format!("no person {p}")));
        }
    }
    let before = json!({"keep": person_json(conn, path, &keep)?, "merge": person_json(conn, path, &merge)?});
    let common: BTreeSet<&String> = keep_cases.iter().filter(|c| merge_cases.contains(c)).collect();
    let mut mentions = mentions_of(conn, path, &keep)?;
    mentions.extend(mentions_of(conn, path, &merge)?);
    let mut group = Vec::new();
    let mut articles = BTreeSet::new();
    for m in &mentions {
        articles.insert(m.article.clone());
        if article_cases(conn, path, &m.article)?
            .iter()
            .any(|c| common.contains(c))
        {
            group.push(m.clone());
        }
    }
    if !group.is_empty() {
        let data = serde_json::to_string(&group).map_err(|e| data_error(path, "merge decision", e))?;
        conn.execute(
            "INSERT INTO review_merges (keep, merged, mentions) VALUES (?1, ?2, ?3)",
            params![keep, merge, data],
        )
        .ctx(path, || format!("storing the merge of {merge} into {keep}"))?;
    }
    {
        let mut pin = conn
            .prepare_cached("INSERT OR REPLACE INTO person_pins (article_id, local_id, person_id) VALUES (?1, ?2, ?3)")
            .ctx(path, || "preparing the pin insert")?;
        for m in &mentions {
            pin.execute(params![m.article, m.person, keep])
                .ctx(path, || format!("tying {} of {} to {keep}", m.person, m.article))?;
        }
    }
    conn.execute(
        "UPDATE person_pins SET person_id = ?1 WHERE person_id = ?2",
        params![keep, merge],
    )
    .ctx(path, || format!("re-pointing the pins of {merge}"))?;
    conn.execute(
        "UPDATE ident_mentions SET id = ?1 WHERE kind = 'person' AND id = ?2",
        params![keep, merge],
    )
    .ctx(path, || format!("re-pointing the mentions of {merge}"))?;
    conn.execute(
        "INSERT OR REPLACE INTO id_aliases (kind, old_id, new_id) VALUES ('person', ?1, ?2)",
        params![merge, keep],
    )
    .ctx(path, || format!("recording that {merge} is {keep}"))?;
    conn.execute(
        "UPDATE id_aliases SET new_id = ?1 WHERE kind = 'person' AND new_id = ?2",
        params![keep, merge],
    )
    .ctx(path, || format!("re-pointing the aliases of {merge}"))?;
    rebuild(conn, path, &Seeds::Articles(articles))?;
    let after = person_json(conn, path, &keep)?;
    let mut involved: Vec<String> = person_cases(conn, path, &keep)?;
    involved.extend(keep_cases);
    involved.extend(merge_cases);
    dedup_keep_first(&mut involved);
    append(conn, path, user, "merge_people", &keep, &involved, before, after, note)
}

/// The rule recorded on a role a reviewer set.
pub(crate) const ROLE_RULE_REVIEWER: &str = "reviewer";

fn set_role(
    conn: &Connection,
    path: &Path,
    case_id: &str,
    person: &str,
    role: Role,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let case_id = resolve_alias(conn, path, IdKind::Case, case_id.trim())?;
    let person = resolve_alias(conn, path, IdKind::Person, person.trim())?;
    let mut case =
        cases::read_one(conn, path, &case_id)?.ok_or_else(|| invalid(path, "role", format!("no case {case_id}")))?;
    let Some(p) = case.people.iter_mut().find(|p| p.id == person) else {
        return Err(invalid(path, "role", format!("{person} is not a person of {case_id}")));
    };
    let before = json!({"person": person, "name": p.name, "role": p.role.as_str(), "rule": p.role_rule});
    p.role = role;
    p.role_rule = Some(ROLE_RULE_REVIEWER.to_string());
    let after = json!({"person": person, "name": p.name, "role": role.as_str(), "rule": ROLE_RULE_REVIEWER});
    conn.execute(
        "INSERT OR REPLACE INTO review_roles (case_id, person_id, role, at, user) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case_id, person, role.as_str(), now_rfc3339(), user],
    )
    .ctx(path, || format!("storing the role of {person} in {case_id}"))?;
    conn.execute(
        "UPDATE person_index SET role = ?3 WHERE case_id = ?1 AND person_id = ?2",
        params![case_id, person, role.as_str()],
    )
    .ctx(path, || format!("indexing the role of {person}"))?;
    cases::update(conn, path, &case)?;
    append(conn, path, user, "set_role", &person, &[case_id], before, after, note)
}

pub(crate) fn dedup_keep_first(v: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

fn split_person(
    conn: &Connection,
    path: &Path,
    person: &str,
    variants: &[String],
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let person = resolve_alias(conn, path, IdKind::Person, person.trim())?;
    let mentions = mentions_of(conn, path, &person)?;
    if mentions.is_empty() {
        return Err(invalid(path, "split", format!("no person {person}")));
    }
    let variants: Vec<String> = variants
        .iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if variants.is_empty() {
        return Err(invalid(path, format!("split of {person}"), "no spelling given"));
    }
    let fold = casewatch_reconcile::names::fold;
    let mut names: Vec<(MentionRef, String)> = Vec::new();
    for m in &mentions {
        let name: Option<String> = conn
            .prepare_cached(
                "SELECT p.name FROM people p JOIN articles a ON a.id = p.article
                 WHERE a.article_id = ?1 AND p.local_id = ?2 ORDER BY a.id LIMIT 1",
            )
            .and_then(|mut st| st.query_row(params![m.article, m.person], |r| r.get(0)).optional())
            .ctx(path, || format!("reading the name of {} in {}", m.person, m.article))?;
        if let Some(n) = name {
            names.push((m.clone(), n));
        }
    }
    let folded: BTreeSet<String> = variants.iter().map(|v| fold(v)).collect();
    let known: BTreeSet<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
    for v in &variants {
        if !names.iter().any(|(_, n)| fold(n) == fold(v)) {
            return Err(invalid(
                path,
                format!("split of {person}"),
                format!(
                    "{v:?} is not a name {person} is given in an article; its names: {}",
                    known.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    type Named<'a> = Vec<&'a (MentionRef, String)>;
    let (off, rest): (Named<'_>, Named<'_>) = names.iter().partition(|(_, n)| folded.contains(&fold(n)));
    if rest.is_empty() {
        return Err(invalid(
            path,
            format!("split of {person}"),
            "every name of the person was given; at least one must stay",
        ));
    }
    let before = person_json(conn, path, &person)?;
    let involved_before = person_cases(conn, path, &person)?;
    let anchors = serde_json::to_string(&mentions).map_err(|e| data_error(path, "split decision", e))?;
    let vs = serde_json::to_string(&variants).map_err(|e| data_error(path, "split decision", e))?;
    conn.execute(
        "INSERT INTO review_splits (person, variants, anchors) VALUES (?1, ?2, ?3)",
        params![person, vs, anchors],
    )
    .ctx(path, || format!("storing the split of {person}"))?;
    // The split-off mentions lose their old id, their pins and their place
    // in earlier merges: the later decision wins.
    for (m, _) in &off {
        conn.execute(
            "DELETE FROM ident_mentions
             WHERE kind = 'person' AND article = (SELECT min(id) FROM articles WHERE article_id = ?1) AND local_id = ?2",
            params![m.article, m.person],
        )
        .ctx(path, || format!("detaching {} of {}", m.person, m.article))?;
        conn.execute(
            "DELETE FROM person_pins WHERE article_id = ?1 AND local_id = ?2",
            params![m.article, m.person],
        )
        .ctx(path, || format!("unpinning {} of {}", m.person, m.article))?;
    }
    let off_set: BTreeSet<&MentionRef> = off.iter().map(|(m, _)| m).collect();
    let merges: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, mentions FROM review_merges ORDER BY id")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || "reading the merge decisions")?;
    for (id, data) in merges {
        let group: Vec<MentionRef> =
            serde_json::from_str(&data).map_err(|e| data_error(path, "a merge decision", e))?;
        if group.iter().any(|m| off_set.contains(m)) {
            let kept: Vec<&MentionRef> = group.iter().filter(|m| !off_set.contains(m)).collect();
            let data = serde_json::to_string(&kept).map_err(|e| data_error(path, "a merge decision", e))?;
            conn.execute(
                "UPDATE review_merges SET mentions = ?2 WHERE id = ?1",
                params![id, data],
            )
            .ctx(path, || "narrowing a merge decision")?;
        }
    }
    let articles: BTreeSet<String> = mentions.iter().map(|m| m.article.clone()).collect();
    rebuild(conn, path, &Seeds::Articles(articles))?;
    let mut new_ids: Vec<String> = Vec::new();
    for (m, _) in &off {
        if let Some(id) = conn
            .prepare_cached(
                "SELECT id FROM ident_mentions
                 WHERE kind = 'person' AND article = (SELECT min(id) FROM articles WHERE article_id = ?1) AND local_id = ?2",
            )
            .and_then(|mut st| {
                st.query_row(params![m.article, m.person], |r| r.get::<_, String>(0))
                    .optional()
            })
            .ctx(path, || format!("reading the new person of {}", m.article))?
            && !new_ids.contains(&id)
        {
            new_ids.push(id);
        }
    }
    let mut new_people = Vec::new();
    for id in &new_ids {
        new_people.push(json!({"id": id, "in": person_json(conn, path, id)?}));
    }
    let after = json!({"person": person_json(conn, path, &person)?, "new": new_people});
    let mut involved = involved_before;
    involved.extend(person_cases(conn, path, &person)?);
    for id in &new_ids {
        involved.extend(person_cases(conn, path, id)?);
    }
    dedup_keep_first(&mut involved);
    append(
        conn,
        path,
        user,
        "split_person",
        &person,
        &involved,
        before,
        after,
        note,
    )
}

fn move_article(
    conn: &Connection,
    path: &Path,
    article: &str,
    to_case: &str,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let article = article.trim();
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE article_id = ?1)")
        .and_then(|mut st| st.query_row([article], |r| r.get(0)))
        .ctx(path, || format!("looking up article {article}"))?;
    if !exists {
        return Err(invalid(path, "move", format!("no article {article:?}")));
    }
    let to = resolve_alias(conn, path, IdKind::Case, to_case.trim())?;
    let case_exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)")
        .and_then(|mut st| st.query_row([&to], |r| r.get(0)))
        .ctx(path, || format!("looking up case {to}"))?;
    if !case_exists {
        return Err(invalid(path, "move", format!("no case {to_case:?}")));
    }
    let from = article_cases(conn, path, article)?;
    if from.contains(&to) {
        return Err(invalid(
            path,
            "move",
            format!("article {article} is already in case {to}"),
        ));
    }
    let anchors = strings(
        conn,
        path,
        "SELECT article_id FROM case_articles WHERE case_id = ?1 AND article_id != ?2 ORDER BY article_id",
        params![to, article],
        format!("reading the articles of case {to}"),
    )?;
    if anchors.is_empty() {
        return Err(invalid(path, "move", format!("case {to} has no article to join")));
    }
    let data = serde_json::to_string(&anchors).map_err(|e| data_error(path, "move decision", e))?;
    conn.execute(
        "INSERT OR REPLACE INTO review_moves (article_id, to_case, anchors) VALUES (?1, ?2, ?3)",
        params![article, to, data],
    )
    .ctx(path, || format!("storing the move of {article}"))?;
    let before = json!({"article": article, "cases": from});
    let mut seeds: BTreeSet<String> = anchors.into_iter().collect();
    seeds.insert(article.to_string());
    rebuild(conn, path, &Seeds::Articles(seeds))?;
    let now = article_cases(conn, path, article)?;
    let after = json!({"article": article, "cases": now});
    let mut involved = now.clone();
    involved.push(to);
    involved.extend(from);
    dedup_keep_first(&mut involved);
    append(
        conn,
        path,
        user,
        "move_article",
        article,
        &involved,
        before,
        after,
        note,
    )
}

fn status_json(conn: &Connection, path: &Path, person: &str) -> Result<Value> {
    type Row = (String, String, Option<String>, Option<String>, Option<String>, bool);
    let rows: Vec<Row> = conn
        .prepare_cached(
            "SELECT case_id, status, since, term, until, overridden FROM person_status WHERE person_id = ?1
             ORDER BY case_id",
        )
        .and_then(|mut st| {
            st.query_map([person], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .and_then(|it| it.collect())
        })
        .ctx(path, || format!("reading the status of {person}"))?;
    Ok(match rows.first() {
        None => Value::Null,
        Some((_, status, since, term, until, overridden)) => json!({
            "status": status, "since": since, "term": term, "until": until,
            "set_by_reviewer": overridden,
            "cases": rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        }),
    })
}

fn rewrite_summaries(conn: &Connection, path: &Path, case_ids: &[String]) -> Result<()> {
    for id in case_ids {
        if let Some(case) = cases::read_one(conn, path, id)? {
            let (case, country) = crate::summary::apply_case_review(conn, path, &case)?;
            crate::summary::write(conn, path, &case, country)?;
        }
    }
    Ok(())
}

fn set_status(
    conn: &Connection,
    path: &Path,
    person: &str,
    edit: Option<&StatusEdit>,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let person = resolve_alias(conn, path, IdKind::Person, person.trim())?;
    let in_cases = person_cases(conn, path, &person)?;
    if in_cases.is_empty() {
        return Err(invalid(path, "status", format!("no person {person:?} in any case")));
    }
    let before = status_json(conn, path, &person)?;
    match edit {
        Some(e) => {
            conn.execute(
                "INSERT OR REPLACE INTO review_status (person_id, status, since, term, until, note, at, user)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    person,
                    e.status.as_str(),
                    e.since.map(|d| d.to_string()),
                    e.term.as_deref().map(str::trim).filter(|t| !t.is_empty()),
                    e.until.map(|d| d.to_string()),
                    note,
                    now_rfc3339(),
                    user
                ],
            )
            .ctx(path, || format!("storing the status of {person}"))?;
        }
        None => {
            let n = conn
                .execute("DELETE FROM review_status WHERE person_id = ?1", [&person])
                .ctx(path, || format!("clearing the status of {person}"))?;
            if n == 0 {
                return Err(invalid(
                    path,
                    "status",
                    format!("{person} has no status set by a reviewer"),
                ));
            }
        }
    }
    rewrite_summaries(conn, path, &in_cases)?;
    let after = status_json(conn, path, &person)?;
    append(conn, path, user, "set_status", &person, &in_cases, before, after, note)
}

pub(crate) fn case_meta(conn: &Connection, path: &Path, case: &str) -> Result<Option<Value>> {
    conn.prepare_cached("SELECT title, country FROM cases WHERE id = ?1")
        .and_then(|mut st| {
            st.query_row([case], |r| {
                Ok(json!({"title": r.get::<_, String>(0)?, "country": r.get::<_, Option<String>>(1)?}))
            })
            .optional()
        })
        .ctx(path, || format!("reading case {case}"))
}

pub(crate) fn case_articles(conn: &Connection, path: &Path, case: &str) -> Result<BTreeSet<String>> {
    Ok(strings(
        conn,
        path,
        "SELECT article_id FROM case_articles WHERE case_id = ?1 ORDER BY article_id",
        [case],
        format!("reading the articles of case {case}"),
    )?
    .into_iter()
    .collect())
}

fn edit_case(
    conn: &Connection,
    path: &Path,
    case: &str,
    title: &Option<Option<String>>,
    country: &Option<Option<String>>,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let case = resolve_alias(conn, path, IdKind::Case, case.trim())?;
    let Some(before) = case_meta(conn, path, &case)? else {
        return Err(invalid(path, "case", format!("no case {case:?}")));
    };
    if title.is_none() && country.is_none() {
        return Err(invalid(path, "case", "nothing to change: give a title or a country"));
    }
    let title = match title {
        Some(Some(t)) if t.trim().is_empty() => {
            return Err(invalid(path, "case", "the title is empty"));
        }
        Some(t) => Some(t.as_deref().map(str::trim)),
        None => None,
    };
    let country = match country {
        Some(Some(c)) => Some(Some(crate::summary::check_country(path, c)?)),
        Some(None) => Some(None),
        None => None,
    };
    let old: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT title, country FROM review_cases WHERE case_id = ?1")
        .and_then(|mut st| st.query_row([&case], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .ctx(path, || format!("reading the reviewer's values of {case}"))?;
    let (old_title, old_country) = old.unwrap_or_default();
    let new_title = title.map_or(old_title, |t| t.map(str::to_string));
    let new_country = country.unwrap_or(old_country);
    if new_title.is_none() && new_country.is_none() {
        conn.execute("DELETE FROM review_cases WHERE case_id = ?1", [&case])
    } else {
        conn.execute(
            "INSERT OR REPLACE INTO review_cases (case_id, title, country, at, user) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![case, new_title, new_country, now_rfc3339(), user],
        )
    }
    .ctx(path, || format!("storing the reviewer's values of {case}"))?;
    rebuild(conn, path, &Seeds::Articles(case_articles(conn, path, &case)?))?;
    let after = case_meta(conn, path, &case)?.unwrap_or(Value::Null);
    append(
        conn,
        path,
        user,
        "edit_case",
        &case,
        std::slice::from_ref(&case),
        before,
        after,
        note,
    )
}

fn merge_cases(
    conn: &Connection,
    path: &Path,
    keep: &str,
    merge: &str,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let keep = resolve_alias(conn, path, IdKind::Case, keep.trim())?;
    let merge = resolve_alias(conn, path, IdKind::Case, merge.trim())?;
    if keep == merge {
        return Err(invalid(path, "merge", format!("{keep} is the same case")));
    }
    for c in [&keep, &merge] {
        if case_meta(conn, path, c)?.is_none() {
            return Err(invalid(path, "merge", format!("no case {c:?}")));
        }
    }
    let anchors = case_articles(conn, path, &keep)?;
    let moving = case_articles(conn, path, &merge)?;
    if anchors.is_empty() || moving.is_empty() {
        return Err(invalid(path, "merge", "a case without articles cannot be merged"));
    }
    let before = json!({"keep": keep, "merge": merge, "articles": moving});
    let data = serde_json::to_string(&anchors).map_err(|e| data_error(path, "merge decision", e))?;
    for a in &moving {
        conn.execute(
            "INSERT OR REPLACE INTO review_moves (article_id, to_case, anchors) VALUES (?1, ?2, ?3)",
            params![a, keep, data],
        )
        .ctx(path, || format!("storing the move of {a}"))?;
    }
    let mut seeds = anchors;
    seeds.extend(moving.iter().cloned());
    rebuild(conn, path, &Seeds::Articles(seeds))?;
    let after = json!({"case": keep, "articles": case_articles(conn, path, &keep)?});
    append(
        conn,
        path,
        user,
        "merge_cases",
        &keep,
        &[keep.clone(), merge.clone()],
        before,
        after,
        note,
    )
}

fn confirm_case(conn: &Connection, path: &Path, case: &str, user: &str, note: Option<&str>) -> Result<AuditEntry> {
    let case = resolve_alias(conn, path, IdKind::Case, case.trim())?;
    let c = cases::read_one(conn, path, &case)?.ok_or_else(|| invalid(path, "case", format!("no case {case:?}")))?;
    let open: Vec<String> = c
        .events
        .iter()
        .filter(|e| e.review == Review::Machine)
        .map(|e| e.id.clone())
        .collect();
    if open.is_empty() {
        return Err(invalid(
            path,
            "confirm",
            format!("case {case} has no entry left to review"),
        ));
    }
    for id in &open {
        review_entry(conn, path, id, &ReviewAction::Confirm, user, note)?;
    }
    append(
        conn,
        path,
        user,
        "confirm_case",
        &case,
        std::slice::from_ref(&case),
        json!({"unreviewed": open}),
        json!({"confirmed": open}),
        note,
    )
}

fn entry_case(conn: &Connection, path: &Path, entry: &str) -> Result<(String, String)> {
    let id = resolve_alias(conn, path, IdKind::Event, entry.trim())?;
    let case: Option<String> = conn
        .prepare_cached("SELECT case_id FROM entry_index WHERE entry_id = ?1")
        .and_then(|mut st| st.query_row([&id], |r| r.get(0)).optional())
        .ctx(path, || format!("looking up entry {id}"))?;
    let case = case.ok_or_else(|| invalid(path, "timeline entry", format!("no timeline entry {entry:?}")))?;
    Ok((id, case))
}

fn entry_json(e: &TimelineEntry, path: &Path) -> Result<Value> {
    serde_json::to_value(e).map_err(|err| data_error(path, format!("entry {}", e.id), err))
}

fn add_entry(
    conn: &Connection,
    path: &Path,
    case: &str,
    new: &crate::NewEntry,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let case = resolve_alias(conn, path, IdKind::Case, case.trim())?;
    let c = cases::read_one(conn, path, &case)?.ok_or_else(|| invalid(path, "case", format!("no case {case:?}")))?;
    let id = crate::manual::next_entry_id(conn, path)?;
    let entry = crate::manual::build(conn, path, &c, &id, new)?;
    crate::manual::store_added(conn, path, &case, &entry, user)?;
    let after = entry_json(&entry, path)?;
    append(
        conn,
        path,
        user,
        "add_entry",
        &id,
        std::slice::from_ref(&case),
        Value::Null,
        after,
        note,
    )
}

fn merge_entries(
    conn: &Connection,
    path: &Path,
    keep: &str,
    merge: &str,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let (keep, case) = entry_case(conn, path, keep)?;
    let (merge, other) = entry_case(conn, path, merge)?;
    if keep == merge {
        return Err(invalid(path, "merge", format!("{keep} is the same entry")));
    }
    if case != other {
        return Err(invalid(
            path,
            "merge",
            format!("{keep} is in case {case} and {merge} in case {other}: merge the cases first"),
        ));
    }
    let mut c =
        cases::read_one(conn, path, &case)?.ok_or_else(|| invalid(path, "case", format!("no case {case:?}")))?;
    let before = json!({
        "keep": c.events.iter().find(|e| e.id == keep).map(|e| entry_json(e, path)).transpose()?,
        "merge": c.events.iter().find(|e| e.id == merge).map(|e| entry_json(e, path)).transpose()?,
    });
    crate::manual::store_merge(conn, path, &keep, &merge)?;
    crate::manual::merge_in(&mut c, &keep, &merge);
    cases::update(conn, path, &c)?;
    conn.execute("DELETE FROM entry_index WHERE entry_id = ?1", [&merge])
        .ctx(path, || format!("unindexing {merge}"))?;
    let after = c
        .events
        .iter()
        .find(|e| e.id == keep)
        .map(|e| entry_json(e, path))
        .transpose()?
        .unwrap_or(Value::Null);
    append(
        conn,
        path,
        user,
        "merge_entries",
        &keep,
        std::slice::from_ref(&case),
        before,
        after,
        note,
    )
}

#[allow(clippy::too_many_arguments)]
fn split_entry(
    conn: &Connection,
    path: &Path,
    entry: &str,
    subjects: &[String],
    detail: Option<&str>,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let (id, case) = entry_case(conn, path, entry)?;
    let c = cases::read_one(conn, path, &case)?.ok_or_else(|| invalid(path, "case", format!("no case {case:?}")))?;
    let e = c
        .events
        .iter()
        .find(|e| e.id == id)
        .cloned()
        .ok_or_else(|| invalid(path, "split", format!("no timeline entry {entry:?}")))?;
    if subjects.is_empty() {
        return Err(invalid(
            path,
            format!("split of {id}"),
            "name the subjects that get an entry of their own",
        ));
    }
    for s in subjects {
        if !e.subjects.iter().any(|x| x.reference.as_deref() == Some(s.as_str())) {
            return Err(invalid(
                path,
                format!("split of {id}"),
                format!("{s} is not a subject of {id}"),
            ));
        }
    }
    let stay: Vec<Subject> = e
        .subjects
        .iter()
        .filter(|x| !x.reference.as_deref().is_some_and(|r| subjects.iter().any(|s| s == r)))
        .cloned()
        .collect();
    if stay.is_empty() {
        return Err(invalid(
            path,
            format!("split of {id}"),
            "leave at least one subject with the entry",
        ));
    }
    let before = entry_json(&e, path)?;
    // The original keeps the other subjects (pinned, as an edit would).
    review_entry(
        conn,
        path,
        &id,
        &ReviewAction::Edit(EntryEdit {
            subjects: Some(stay),
            ..EntryEdit::default()
        }),
        user,
        note,
    )?;
    // The new entry: same event, the split-off subjects.
    let new_id = crate::manual::next_entry_id(conn, path)?;
    let mut part = e.clone();
    part.id = new_id.clone();
    part.subjects = e
        .subjects
        .iter()
        .filter(|x| x.reference.as_deref().is_some_and(|r| subjects.iter().any(|s| s == r)))
        .cloned()
        .collect();
    if let Some(d) = detail.map(str::trim).filter(|d| !d.is_empty()) {
        part.detail = Some(d.to_string());
    }
    part.review = Review::Confirmed;
    part.conflicts.clear();
    crate::manual::store_added(conn, path, &case, &part, user)?;
    let after = json!({"kept": id, "new": entry_json(&part, path)?});
    append(
        conn,
        path,
        user,
        "split_entry",
        &id,
        std::slice::from_ref(&case),
        before,
        after,
        note,
    )
}
