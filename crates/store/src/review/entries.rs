//! Reviewer decisions on timeline entries: confirming, rejecting and editing one (its state and pinned values, re-applied after every rebuild), and adding, merging and splitting entries.

use super::people::person_aliases;
use super::*;

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

pub(super) fn review_entry(
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

pub(super) fn add_entry(
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

pub(super) fn merge_entries(
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
pub(super) fn split_entry(
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
