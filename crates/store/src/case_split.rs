//! Splitting a case: the articles a reviewer chooses (or those naming the defendants they choose) leave a case and become a new case with an id of its own.
//!
//! A split is stored as moves the reconciliation obeys on every rebuild
//! (`review_moves`, as [`crate::ReviewAction::MoveArticle`] writes them):
//! each chosen article is anchored to the other chosen articles, so they take
//! no part in the linking rules and form one case together (a single chosen
//! article is a case alone). The decision itself is kept in
//! `review_case_splits` and in the audit log.
//!
//! The new case's id: before the rebuild the chosen articles lose their
//! previous case (`case_articles`), so no old id has their vote and the
//! identity rules give the new group the next case number (never a used
//! one); the articles left keep the old id. From then on `case_articles`
//! holds the new id, so it stays on every later ingest and rebuild.
//!
//! Known limit: a moved article no longer links by its own people, so a
//! report ingested later about the split-off defendants joins whatever case
//! the linking rules give it (the old one, when it names a defendant of the
//! articles left there); a reviewer moves it with `move-article`.

use crate::error::{Context as _, data_error, invalid};
use crate::rebuild::{Seeds, rebuild, resolve_alias};
use crate::review::{AuditEntry, append, article_cases, case_articles, dedup_keep_first, strings};
use crate::{Result, now_rfc3339};
use casewatch_reconcile::identity::IdKind;
use rusqlite::{Connection, params};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;

/// Splits case `case`: the articles `articles` and the articles of the case
/// that name one of `people` (person ids) become a new case. Returns the
/// audit entry (`after.new_case` is the new case's id).
///
/// Errors ([`crate::StoreError::Invalid`], nothing written): an unknown case;
/// an article that is not in the case; a person with no article in the case;
/// nothing chosen; every article of the case chosen (at least one stays).
#[allow(clippy::too_many_arguments)]
pub(crate) fn split_case(
    conn: &Connection,
    path: &Path,
    case: &str,
    articles: &[String],
    people: &[String],
    user: &str,
    note: Option<&str>,
) -> Result<AuditEntry> {
    let case = resolve_alias(conn, path, IdKind::Case, case.trim())?;
    let all = case_articles(conn, path, &case)?;
    if all.is_empty() {
        return Err(invalid(path, "split", format!("no case {case:?}")));
    }
    let mut chosen: BTreeSet<String> = BTreeSet::new();
    for a in articles.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        if !all.contains(a) {
            return Err(invalid(
                path,
                format!("split of {case}"),
                format!("article {a:?} is not in case {case}"),
            ));
        }
        chosen.insert(a.to_string());
    }
    for p in people.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let person = resolve_alias(conn, path, IdKind::Person, p)?;
        let named: Vec<String> = strings(
            conn,
            path,
            "SELECT DISTINCT a.article_id FROM ident_mentions m JOIN articles a ON a.id = m.article
             WHERE m.kind = 'person' AND m.id = ?1 ORDER BY a.article_id",
            [&person],
            format!("reading the articles of {person}"),
        )?
        .into_iter()
        .filter(|a| all.contains(a))
        .collect();
        if named.is_empty() {
            return Err(invalid(
                path,
                format!("split of {case}"),
                format!("no article of case {case} names {person}"),
            ));
        }
        chosen.extend(named);
    }
    if chosen.is_empty() {
        return Err(invalid(
            path,
            format!("split of {case}"),
            "choose the articles (or people) that go to the new case",
        ));
    }
    let staying: BTreeSet<String> = all.difference(&chosen).cloned().collect();
    if staying.is_empty() {
        return Err(invalid(
            path,
            format!("split of {case}"),
            "every article of the case was chosen; at least one must stay",
        ));
    }
    let before = json!({"case": case, "articles": all});
    let chosen_list: Vec<&String> = chosen.iter().collect();
    let anchors = serde_json::to_string(&chosen_list).map_err(|e| data_error(path, "split decision", e))?;
    // The chosen articles form a case of their own on every rebuild.
    for a in &chosen {
        conn.execute(
            "INSERT OR REPLACE INTO review_moves (article_id, to_case, anchors) VALUES (?1, ?2, ?3)",
            params![a, case, anchors],
        )
        .ctx(path, || format!("storing the split of {a}"))?;
    }
    // Earlier moves into this case anchored to a chosen article follow the
    // articles that stay (the later decision wins).
    let moves: Vec<(String, String)> = conn
        .prepare_cached("SELECT article_id, anchors FROM review_moves ORDER BY article_id")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<rusqlite::Result<Vec<_>>>())
        })
        .ctx(path, || "reading the move decisions")?;
    for (article, data) in moves {
        if chosen.contains(&article) {
            continue;
        }
        let old: Vec<String> = serde_json::from_str(&data).map_err(|e| data_error(path, "a move decision", e))?;
        if !old.iter().any(|a| chosen.contains(a)) {
            continue;
        }
        let mut kept: Vec<&String> = old.iter().filter(|a| !chosen.contains(*a)).collect();
        if kept.is_empty() {
            kept = staying.iter().collect();
        }
        let data = serde_json::to_string(&kept).map_err(|e| data_error(path, "a move decision", e))?;
        conn.execute(
            "UPDATE review_moves SET anchors = ?2 WHERE article_id = ?1",
            params![article, data],
        )
        .ctx(path, || format!("re-anchoring the move of {article}"))?;
    }
    // No old id has the chosen articles' vote: the new case gets a new number.
    for a in &chosen {
        conn.execute(
            "DELETE FROM case_articles WHERE case_id = ?1 AND article_id = ?2",
            params![case, a],
        )
        .ctx(path, || format!("detaching {a} from {case}"))?;
    }
    rebuild(conn, path, &Seeds::Articles(all.clone()))?;
    let first = chosen.iter().next().cloned().unwrap_or_default();
    let new_case = article_cases(conn, path, &first)?
        .into_iter()
        .next()
        .ok_or_else(|| invalid(path, format!("split of {case}"), "the chosen articles form no case"))?;
    conn.execute(
        "UPDATE review_moves SET to_case = ?1 WHERE article_id IN (SELECT value FROM json_each(?2))",
        params![new_case, anchors],
    )
    .ctx(path, || "recording the new case of the split")?;
    conn.execute(
        "INSERT INTO review_case_splits (case_id, new_case, articles, at, user) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case, new_case, anchors, now_rfc3339(), user],
    )
    .ctx(path, || format!("storing the split of {case}"))?;
    let mut now_cases: Vec<String> = Vec::new();
    for a in &all {
        now_cases.extend(article_cases(conn, path, a)?);
    }
    dedup_keep_first(&mut now_cases);
    let after = json!({
        "case": case,
        "articles": case_articles(conn, path, &case)?,
        "new_case": new_case,
        "new_articles": case_articles(conn, path, &new_case)?,
    });
    let mut involved = vec![case.clone(), new_case.clone()];
    involved.extend(now_cases);
    dedup_keep_first(&mut involved);
    append(conn, path, user, "split_case", &case, &involved, before, after, note)
}
