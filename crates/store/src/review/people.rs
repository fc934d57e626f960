//! Reviewer decisions on people: merging and splitting them, their role in a case and their status, and the queries those read.

use super::case_decisions::rewrite_summaries;
use super::*;

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

/// Every person alias, old → new.
pub(super) fn person_aliases(conn: &Connection, path: &Path) -> Result<BTreeMap<String, String>> {
    conn.prepare_cached("SELECT old_id, new_id FROM id_aliases WHERE kind = 'person'")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<BTreeMap<String, String>>>())
        })
        .ctx(path, || "reading the person aliases")
}

pub(super) fn merge_people(
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

pub(super) fn set_role(
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

pub(super) fn split_person(
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

pub(super) fn set_status(
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
