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

mod case_decisions;
mod entries;
mod people;

pub(crate) use case_decisions::{article_cases, case_articles};
use case_decisions::{confirm_case, edit_case, merge_cases, move_article};
use entries::{add_entry, merge_entries, review_entry, split_entry};
pub(crate) use entries::{apply_review, load_entry_review, sort_timeline};
pub(crate) use people::{ROLE_RULE_REVIEWER, dedup_keep_first};
use people::{merge_people, set_role, set_status, split_person};

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
