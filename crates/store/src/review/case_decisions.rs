//! Reviewer decisions on cases and articles: moving an article, editing, merging and confirming a case, and the case queries they share.

use super::*;

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

pub(super) fn move_article(
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

pub(super) fn rewrite_summaries(conn: &Connection, path: &Path, case_ids: &[String]) -> Result<()> {
    for id in case_ids {
        if let Some(case) = cases::read_one(conn, path, id)? {
            let (case, country) = crate::summary::apply_case_review(conn, path, &case)?;
            crate::summary::write(conn, path, &case, country)?;
        }
    }
    Ok(())
}

fn case_meta(conn: &Connection, path: &Path, case: &str) -> Result<Option<Value>> {
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

pub(super) fn edit_case(
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

pub(super) fn merge_cases(
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

pub(super) fn confirm_case(
    conn: &Connection,
    path: &Path,
    case: &str,
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
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
