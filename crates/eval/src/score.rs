//! Article scoring: a port of score.py's `articles` mode (`score_articles`,
//! `gold_assertions`, `pred_assertions`, `match`) and its text report.
//!
//! Events are scored as assertions: one (event type, subject) pair per named
//! subject of an event, or one subject-less assertion for an event that names
//! nobody. Gold assertions repeated within an article (same type, negation,
//! name key and date) count once; predicted repeats (same type, negation and
//! name key, dates compatible) collapse into the first, which takes the date
//! of a later dated repeat if it had none. Matching is greedy and one-to-one,
//! named gold assertions first, each taking the first unused predicted
//! assertion of the same type and negation whose date agrees
//! ([`dates_agree`]) and whose subject matches ([`any_names_match`]) a gold
//! subject's spelling (the gold people's variants included).

use crate::fold::{any_names_match, dates_agree, name_key, names_match};
use crate::gold::{GoldArticle, GoldEvent, GoldPerson};
use casewatch_model::{Event, EventType, ExtractRecord, Person};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Precision, recall and F1 with the counts they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prf {
    /// matched / predicted (0 when nothing was predicted).
    pub precision: f64,
    /// matched / gold (0 when there is no gold).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
}

impl Prf {
    /// score.py `prf`.
    fn new(tp: usize, n_pred: usize, n_gold: usize) -> Self {
        let p = if n_pred > 0 { tp as f64 / n_pred as f64 } else { 0.0 };
        let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
        let f1 = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf {
            precision: p,
            recall: r,
            f1,
            gold: n_gold,
            predicted: n_pred,
            matched: tp,
        }
    }
}

/// Assertion counts of one event type. Serialised like score.py's
/// `Counter`: only the counts that are not zero, in the order they were
/// first counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeCounts {
    /// Gold assertions of the type.
    pub gold: usize,
    /// Predicted assertions of the type.
    pub pred: usize,
    /// Matched pairs of the type.
    pub tp: usize,
    order: Vec<&'static str>,
}

impl TypeCounts {
    fn bump(&mut self, key: &'static str) {
        let slot = match key {
            "gold" => &mut self.gold,
            "pred" => &mut self.pred,
            _ => &mut self.tp,
        };
        if *slot == 0 {
            self.order.push(key);
        }
        *slot += 1;
    }
}

impl Serialize for TypeCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.order.len()))?;
        for key in &self.order {
            let value = match *key {
                "gold" => self.gold,
                "pred" => self.pred,
                _ => self.tp,
            };
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

/// One listed assertion (score.py `describe`, with the article id and, for
/// predicted ones, the first 160 characters of the evidence sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// Article id.
    pub article: String,
    /// Event type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Date as written, or `None`.
    pub date: Option<String>,
    /// The subject's name as written (gold) or the person's first name form
    /// (predicted), or `None` for a subject-less assertion.
    pub subject: Option<String>,
    /// Whether the assertion is `not_occurred`.
    pub not_occurred: bool,
    /// Evidence sentence of a predicted assertion, at most 160 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The result of [`score_articles`]: the fields, names and meaning of
/// score.py's `articles --json` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleScore {
    /// Gold articles scored.
    pub articles: usize,
    /// Ids of gold articles with no predicted record (scored as empty).
    pub articles_missing_from_output: Vec<String>,
    /// Event assertions, micro-averaged over articles.
    pub events: Prf,
    /// People, micro-averaged over articles.
    pub people: Prf,
    /// Among matched assertions with a dated gold side, the share whose
    /// predicted date is the same text; `None` when there are none.
    pub date_exact_among_matched: Option<f64>,
    /// Among matched assertions, the share with the gold status; `None` when
    /// nothing matched.
    pub status_exact_among_matched: Option<f64>,
    /// Predicted `occurred` assertions that the gold marks `denied` or
    /// `not_occurred`.
    pub negated_as_fact: usize,
    /// Counts per event type, sorted by type.
    pub by_type: BTreeMap<String, TypeCounts>,
    /// Gold assertions nothing matched, in article and gold order.
    pub missed: Vec<Listed>,
    /// Predicted assertions that matched nothing, in article and record order.
    pub spurious: Vec<Listed>,
    /// The `negated_as_fact` assertions.
    pub negated_as_fact_list: Vec<Listed>,
}

/// score.py `EVENT_TYPES`: the gold event types that are scored (the 24
/// taxonomy ids of [`EventType`]; `other` is not one).
pub fn is_scored_type(t: &str) -> bool {
    t.parse::<EventType>().is_ok()
}

/// Where an assertion comes from (score.py `Assertion.source`).
#[derive(Clone, Copy)]
enum Origin<'a> {
    Gold(&'a GoldEvent),
    Pred(&'a Event),
}

/// score.py `Assertion`: one (event type, subject) claim.
struct Assertion<'a> {
    event_type: &'a str,
    negated: bool,
    date: Option<String>,
    /// Every spelling of the subject, the one written on the event first;
    /// `None` for a subject-less assertion.
    names: Option<Vec<String>>,
    origin: Origin<'a>,
    /// score.py `Assertion.key()`: type, negation and the name key of the first name.
    key: Key<'a>,
}

type Key<'a> = (&'a str, bool, Option<(Option<char>, String)>);

impl<'a> Assertion<'a> {
    fn new(
        event_type: &'a str,
        negated: bool,
        date: Option<String>,
        names: Option<Vec<String>>,
        origin: Origin<'a>,
    ) -> Self {
        let name = names.as_ref().and_then(|n| n.first()).map(|n| name_key(n));
        Assertion {
            event_type,
            negated,
            date,
            names,
            origin,
            key: (event_type, negated, name),
        }
    }

    /// The status of the source event: gold `status` (`occurred` when the key
    /// is missing) or the predicted status.
    fn status(&self) -> Option<&'a str> {
        match self.origin {
            Origin::Gold(e) => e.status.as_deref(),
            Origin::Pred(e) => Some(e.status.as_str()),
        }
    }

    fn listed(&self, article: &str, with_evidence: bool) -> Listed {
        let evidence = with_evidence.then(|| match self.origin {
            Origin::Pred(e) => e.evidence.sentence.chars().take(160).collect(),
            Origin::Gold(_) => String::new(),
        });
        Listed {
            article: article.to_string(),
            event_type: self.event_type.to_string(),
            date: self.date.clone(),
            subject: self.names.as_ref().and_then(|n| n.first().cloned()),
            not_occurred: self.negated,
            evidence,
        }
    }
}

/// score.py `gold_variants`: the name, then the name and variants of every
/// gold person whose name matches it or who lists it as a variant.
fn gold_variants(name: &str, people: &[GoldPerson]) -> Vec<String> {
    let mut names = vec![name.to_string()];
    for p in people {
        let by_name = p.name.as_deref().is_some_and(|n| names_match(n, name));
        if by_name || p.variants.iter().any(|v| v == name) {
            names.extend(p.name.iter().cloned());
            names.extend(p.variants.iter().cloned());
        }
    }
    names
}

/// score.py `gold_assertions`.
fn gold_assertions<'a>(events: &'a [GoldEvent], people: &[GoldPerson]) -> Vec<Assertion<'a>> {
    let mut out: Vec<Assertion<'a>> = Vec::new();
    let mut seen: Vec<(Key<'a>, Option<String>)> = Vec::new();
    for e in events {
        let Some(t) = e.event_type.as_deref().filter(|t| is_scored_type(t)) else {
            continue;
        };
        let negated = e.status.as_deref() == Some("not_occurred");
        let subjects: Vec<Option<&str>> = if e.subjects.is_empty() {
            vec![None]
        } else {
            e.subjects.iter().map(|s| s.as_deref()).collect()
        };
        for n in subjects {
            let names = n.filter(|n| !n.is_empty()).map(|n| gold_variants(n, people));
            let a = Assertion::new(t, negated, e.date.clone(), names, Origin::Gold(e));
            let k = (a.key.clone(), a.date.clone());
            if !seen.contains(&k) {
                seen.push(k);
                out.push(a);
            }
        }
    }
    out
}

/// score.py `pred_subject_names`: per named subject of a predicted event, the
/// person's canonical name then variants (by `ref`), or the subject's own name.
fn pred_subject_names(event: &Event, people_by_id: &HashMap<&str, &Person>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for s in &event.subjects {
        let reference = s.reference.as_deref().filter(|r| !r.is_empty());
        let names: Vec<String> = match (reference.and_then(|r| people_by_id.get(r)), s.name.as_deref()) {
            (Some(p), _) => std::iter::once(&p.name).chain(&p.variants).cloned().collect(),
            (None, Some(name)) if !name.is_empty() => vec![name.to_string()],
            _ => continue,
        };
        let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
        if !names.is_empty() {
            out.push(names);
        }
    }
    out
}

/// score.py `pred_assertions` with `collapse=True`.
fn pred_assertions<'a>(events: &'a [Event], people_by_id: &HashMap<&str, &Person>) -> Vec<Assertion<'a>> {
    let mut out: Vec<Assertion<'a>> = Vec::new();
    for e in events {
        let negated = e.status.as_str() == "not_occurred";
        let date = e.date.value.map(|d| d.to_string());
        let named = pred_subject_names(e, people_by_id);
        let subjects: Vec<Option<Vec<String>>> = if named.is_empty() {
            vec![None]
        } else {
            named.into_iter().map(Some).collect()
        };
        for names in subjects {
            let a = Assertion::new(e.event_type.as_str(), negated, date.clone(), names, Origin::Pred(e));
            let twin = out.iter_mut().find(|b| {
                b.key == a.key
                    && (is_blank(&a.date) || is_blank(&b.date) || dates_agree(a.date.as_deref(), b.date.as_deref()))
            });
            if let Some(twin) = twin {
                if is_blank(&twin.date) && !is_blank(&a.date) {
                    twin.date = a.date;
                }
                continue;
            }
            out.push(a);
        }
    }
    out
}

fn is_blank(date: &Option<String>) -> bool {
    date.as_deref().is_none_or(str::is_empty)
}

/// score.py `assertion_matches`.
fn assertion_matches(g: &Assertion<'_>, p: &Assertion<'_>) -> bool {
    if g.event_type != p.event_type || g.negated != p.negated || !dates_agree(g.date.as_deref(), p.date.as_deref()) {
        return false;
    }
    match (&g.names, &p.names) {
        (None, _) => true,
        (Some(gn), Some(pn)) => any_names_match(gn, pn),
        (Some(_), None) => false,
    }
}

/// score.py `match`: greedy one-to-one matching, named gold assertions first
/// (in order), then subject-less ones. Returns (gold index, predicted index).
fn greedy_match(gold: &[Assertion<'_>], pred: &[Assertion<'_>]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| gold[i].names.is_none());
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for gi in order {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && assertion_matches(&gold[gi], &pred[pi])) {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

#[derive(Default)]
struct Totals {
    tp: usize,
    gold: usize,
    pred: usize,
    people_tp: usize,
    people_gold: usize,
    people_pred: usize,
    dated: usize,
    date_exact: usize,
    status_ok: usize,
    fact_errors: usize,
}

/// Scores extraction records against gold articles with score.py's
/// `articles` rules (see the crate doc). Predicted records are found by
/// `article.id` (the last one wins when ids repeat); a gold article with no
/// record is scored as empty and listed in `articles_missing_from_output`;
/// records with no gold article are ignored.
pub fn score_articles(gold: &[GoldArticle], predicted: &[ExtractRecord]) -> ArticleScore {
    let mut preds: HashMap<&str, &ExtractRecord> = HashMap::new();
    for r in predicted {
        preds.insert(r.article.id.as_str(), r);
    }
    let mut t = Totals::default();
    let mut by_type: BTreeMap<String, TypeCounts> = BTreeMap::new();
    let (mut missed, mut spurious, mut missing_ids, mut fact_errors) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for g in gold {
        let gid = g.id.as_str();
        let (pred_people, pred_events): (&[Person], &[Event]) = match preds.get(gid) {
            Some(p) => (&p.people, &p.events),
            None => {
                missing_ids.push(g.id.clone());
                (&[], &[])
            }
        };
        let people_by_id: HashMap<&str, &Person> = pred_people.iter().map(|p| (p.id.as_str(), p)).collect();

        // people: greedy one-to-one, gold order
        let mut used = vec![false; pred_people.len()];
        for gp in &g.people {
            let gnames: Vec<&str> = gp.name.iter().chain(&gp.variants).map(String::as_str).collect();
            let hit = pred_people.iter().enumerate().find(|(i, pp)| {
                let pnames: Vec<&str> = std::iter::once(&pp.name)
                    .chain(&pp.variants)
                    .map(String::as_str)
                    .collect();
                !used[*i] && any_names_match(&gnames, &pnames)
            });
            if let Some((i, _)) = hit {
                used[i] = true;
                t.people_tp += 1;
            }
        }
        t.people_gold += g.people.len();
        t.people_pred += pred_people.len();

        // events, scored as assertions
        let ga = gold_assertions(&g.events, &g.people);
        let pa = pred_assertions(pred_events, &people_by_id);
        let pairs = greedy_match(&ga, &pa);
        let mut partner_of_pred: Vec<Option<usize>> = vec![None; pa.len()];
        let mut matched_gold = vec![false; ga.len()];
        for &(gi, pi) in &pairs {
            matched_gold[gi] = true;
            partner_of_pred[pi] = Some(gi);
        }
        for (gi, a) in ga.iter().enumerate() {
            by_type.entry(a.event_type.to_string()).or_default().bump("gold");
            if !matched_gold[gi] {
                missed.push(a.listed(gid, false));
            }
        }
        for (pi, a) in pa.iter().enumerate() {
            by_type.entry(a.event_type.to_string()).or_default().bump("pred");
            if partner_of_pred[pi].is_none() {
                spurious.push(a.listed(gid, true));
            }
        }
        // the worst error: a claim the text says did not happen, emitted as fact
        for (pi, px) in pa.iter().enumerate() {
            if px.status() != Some("occurred") {
                continue;
            }
            if let Some(gi) = partner_of_pred[pi] {
                if ga[gi].status() == Some("denied") {
                    t.fact_errors += 1;
                    fact_errors.push(px.listed(gid, true));
                }
                continue;
            }
            let contradicted = ga.iter().any(|gx| {
                matches!(gx.status(), Some("denied" | "not_occurred"))
                    && gx.event_type == px.event_type
                    && dates_agree(gx.date.as_deref(), px.date.as_deref())
                    && match (&gx.names, &px.names) {
                        (None, _) => true,
                        (Some(gn), Some(pn)) => any_names_match(gn, pn),
                        (Some(_), None) => false,
                    }
            });
            if contradicted {
                t.fact_errors += 1;
                fact_errors.push(px.listed(gid, true));
            }
        }
        for &(gi, pi) in &pairs {
            let (gx, px) = (&ga[gi], &pa[pi]);
            by_type.entry(gx.event_type.to_string()).or_default().bump("tp");
            if !is_blank(&gx.date) {
                t.dated += 1;
                t.date_exact += usize::from(gx.date == px.date);
            }
            t.status_ok += usize::from(gx.status() == px.status());
        }
        t.tp += pairs.len();
        t.gold += ga.len();
        t.pred += pa.len();
    }
    ArticleScore {
        articles: gold.len(),
        articles_missing_from_output: missing_ids,
        events: Prf::new(t.tp, t.pred, t.gold),
        people: Prf::new(t.people_tp, t.people_pred, t.people_gold),
        date_exact_among_matched: (t.dated > 0).then(|| t.date_exact as f64 / t.dated as f64),
        status_exact_among_matched: (t.tp > 0).then(|| t.status_ok as f64 / t.tp as f64),
        negated_as_fact: t.fact_errors,
        by_type,
        missed,
        spurious,
        negated_as_fact_list: fact_errors,
    }
}

fn or_none(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("None")
}

fn ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

impl ArticleScore {
    /// The text report, line for line what `score.py articles --by-type
    /// --show SHOW` prints: articles with no record, the first `show` misses
    /// and spurious assertions, the per-type table, the first `show`
    /// negated-as-fact assertions, then the people, date/status and events
    /// summary lines. Missing values print as `None`, as Python prints them.
    pub fn report(&self, show: usize) -> String {
        let mut out = String::new();
        if !self.articles_missing_from_output.is_empty() {
            let _ = writeln!(
                out,
                "articles with no output record: {}",
                self.articles_missing_from_output.join(", ")
            );
        }
        for m in self.missed.iter().take(show) {
            let flag = if m.not_occurred { "(not occurred)" } else { "" };
            let _ = writeln!(
                out,
                "missed   {} {} {} {} {flag}",
                m.article,
                m.event_type,
                or_none(&m.date),
                or_none(&m.subject)
            );
        }
        let with_evidence = |label: &str, x: &Listed| {
            format!(
                "{label} {} {} {} {} | {}\n",
                x.article,
                x.event_type,
                or_none(&x.date),
                or_none(&x.subject),
                x.evidence.as_deref().unwrap_or("")
            )
        };
        for s in self.spurious.iter().take(show) {
            out.push_str(&with_evidence("spurious", s));
        }
        let _ = writeln!(out, "{:22} gold pred  tp", "type");
        for (t, c) in &self.by_type {
            let _ = writeln!(out, "{t:22} {:4} {:4} {:4}", c.gold, c.pred, c.tp);
        }
        for x in self.negated_as_fact_list.iter().take(show) {
            out.push_str(&with_evidence("as fact ", x));
        }
        let p = &self.people;
        let _ = writeln!(out, "people P={:.3} R={:.3} F1={:.3}", p.precision, p.recall, p.f1);
        let _ = writeln!(
            out,
            "date_exact={} status_exact={} negated_as_fact={}",
            ratio(self.date_exact_among_matched),
            ratio(self.status_exact_among_matched),
            self.negated_as_fact
        );
        let e = &self.events;
        let _ = writeln!(
            out,
            "events P={:.3} R={:.3} F1={:.3} (assertions: gold {}, predicted {}, matched {})",
            e.precision, e.recall, e.f1, e.gold, e.predicted, e.matched
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::parse_gold_jsonl;
    use serde_json::{Value, json};

    /// A predicted event: `subjects` are `(ref, name)` pairs.
    fn ev(t: &str, date: Option<&str>, status: &str, subjects: &[(Option<&str>, Option<&str>)]) -> Value {
        let precision = date.map(|d| match d.len() {
            4 => "year",
            7 => "month",
            _ => "day",
        });
        json!({
            "type": t, "date": date, "date_precision": precision, "date_qualifier": null, "date_text": null,
            "subjects": subjects.iter().map(|(r, n)| json!({"ref": r, "name": n})).collect::<Vec<_>>(),
            "agent": null, "place": null, "status": status, "attributed_to": null, "detail": null,
            "evidence": {"start": 0, "end": 4, "sentence": format!("{t} sentence")}
        })
    }

    /// A predicted record: `people` are `(id, name, variants)`.
    fn rec(id: &str, people: &[(&str, &str, &[&str])], events: Vec<Value>) -> ExtractRecord {
        let people: Vec<Value> = people
            .iter()
            .map(|(pid, name, variants)| {
                json!({"id": pid, "name": name, "variants": variants, "occupation": null, "affiliation": null, "former": null})
            })
            .collect();
        serde_json::from_value(json!({
            "article": {"id": id, "source": format!("{id}.txt"), "published": null, "title": null, "language": "en", "sha256": "0"},
            "people": people,
            "organizations": [{"id": "o1", "name": "Northwind Media", "variants": [], "kind": "media_outlet"}],
            "events": events,
            "charges": []
        }))
        .expect("a valid record")
    }

    fn gold(line: Value) -> Vec<GoldArticle> {
        parse_gold_jsonl(&line.to_string()).expect("valid gold")
    }

    const DANA: (Option<&str>, Option<&str>) = (Some("p1"), Some("Dana Okafor"));
    const MIRA: (Option<&str>, Option<&str>) = (Some("p2"), Some("Mira Tessel"));
    const PEOPLE: &[(&str, &str, &[&str])] = &[
        ("p1", "Dana Okafor", &["Dana Okafor", "Okafor"]),
        ("p2", "Mira Tessel", &["Mira Tessel"]),
    ];

    fn gold_people() -> Value {
        json!([{"name": "Dana Okafor", "variants": ["Dana Okafor", "Okafor"]}, {"name": "Mira Tessel"}])
    }

    #[test]
    fn scored_types_are_score_pys_event_types() {
        let score_py = [
            "detention",
            "questioning",
            "search",
            "seizure",
            "asset_freeze",
            "charge",
            "pretrial_detention",
            "house_arrest",
            "travel_ban",
            "release",
            "hearing",
            "appeal",
            "conviction",
            "sentence",
            "acquittal",
            "confession",
            "retraction",
            "coercion_allegation",
            "denial_of_counsel",
            "website_block",
            "liquidation",
            "designation",
            "expulsion",
            "pardon",
        ];
        assert!(score_py.iter().all(|t| is_scored_type(t)));
        assert_eq!(EventType::ALL.len(), score_py.len());
        assert!(!is_scored_type("other"));
    }

    #[test]
    fn one_assertion_per_named_subject_whatever_the_grouping() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "detention", "date": "2025-03-11", "subjects": ["Dana Okafor", "Mira Tessel"]}]}));
        // one event with both subjects
        let together = rec(
            "a",
            PEOPLE,
            vec![ev("detention", Some("2025-03-11"), "occurred", &[DANA, MIRA])],
        );
        // two events with one subject each
        let apart = rec(
            "a",
            PEOPLE,
            vec![
                ev("detention", Some("2025-03-11"), "occurred", &[MIRA]),
                ev("detention", Some("2025-03-11"), "occurred", &[DANA]),
            ],
        );
        for r in [together, apart] {
            let s = score_articles(&g, &[r]);
            assert_eq!((s.events.gold, s.events.predicted, s.events.matched), (2, 2, 2));
            assert_eq!(s.events.f1, 1.0);
        }
    }

    #[test]
    fn a_subject_is_found_by_any_spelling_on_either_side() {
        // gold writes the surname only; the gold person lists it as a variant.
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "search", "date": null, "subjects": ["Okafor"]}]}));
        // predicted subject names a person whose variants include an initial form
        let people: &[(&str, &str, &[&str])] = &[("p1", "D. Okafor", &["D. Okafor"])];
        let s = score_articles(&g, &[rec("a", people, vec![ev("search", None, "occurred", &[DANA])])]);
        assert_eq!(s.events.matched, 1);
        // an organisation subject (ref not a person) is named by its own name
        let g = gold(json!({"id": "a", "events": [{"type": "search", "subjects": ["Northwind Media"]}]}));
        let org = (Some("o1"), Some("Northwind Media"));
        let s = score_articles(&g, &[rec("a", &[], vec![ev("search", None, "occurred", &[org])])]);
        assert_eq!((s.events.matched, s.spurious.len()), (1, 0));
        // a subject with neither a known ref nor a name is no subject
        let s = score_articles(
            &g,
            &[rec(
                "a",
                &[],
                vec![ev("search", None, "occurred", &[(Some("p9"), None)])],
            )],
        );
        assert_eq!(s.spurious[0].subject, None);
        assert_eq!(s.events.matched, 0);
    }

    #[test]
    fn repeats_within_an_article_count_once() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "charge", "date": "2025-03", "subjects": ["Dana Okafor"]},
            {"type": "charge", "date": "2025-03", "subjects": ["Okafor"]},
            {"type": "charge", "date": "2025-04", "subjects": ["Dana Okafor"]}]}));
        // gold: same type, name key and date once; another date is another assertion
        let r = rec(
            "a",
            PEOPLE,
            vec![
                ev("charge", None, "occurred", &[DANA]),
                ev("charge", Some("2025-03-02"), "occurred", &[DANA]),
                ev("charge", Some("2025-03-05"), "occurred", &[DANA]),
                ev("charge", Some("2025-04"), "occurred", &[DANA]),
            ],
        );
        let s = score_articles(&g, &[r]);
        // gold: "Okafor" has no given name, so its key differs from "Dana Okafor"'s: 3 assertions.
        assert_eq!(s.events.gold, 3);
        // predicted: the undated one takes 2025-03-02; 2025-03-05 disagrees with it and stays;
        // 2025-04 stays: 3 assertions.
        assert_eq!(s.events.predicted, 3);
        assert_eq!(s.events.matched, 3);
        assert_eq!(s.spurious.len(), 0);
    }

    #[test]
    fn named_gold_assertions_are_matched_first() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "search", "subjects": []},
            {"type": "search", "subjects": ["Mira Tessel"]}]}));
        let s = score_articles(&g, &[rec("a", PEOPLE, vec![ev("search", None, "occurred", &[MIRA])])]);
        assert_eq!(s.events.matched, 1);
        assert_eq!(s.missed.len(), 1);
        assert_eq!(
            s.missed[0].subject, None,
            "the subject-less gold assertion is the one missed"
        );
        // one-to-one: a second gold subject cannot reuse the same prediction
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "search", "subjects": ["Mira Tessel"]}, {"type": "search", "subjects": ["Tessel"]}]}));
        let s = score_articles(&g, &[rec("a", PEOPLE, vec![ev("search", None, "occurred", &[MIRA])])]);
        assert_eq!((s.events.gold, s.events.matched), (2, 1));
    }

    #[test]
    fn dates_agree_at_the_coarser_precision_and_date_exact_counts_equal_texts() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "detention", "date": "2025-05", "subjects": ["Dana Okafor"]},
            {"type": "release", "date": "2025-05-30", "subjects": ["Dana Okafor"]},
            {"type": "hearing", "date": null, "subjects": ["Dana Okafor"]},
            {"type": "appeal", "date": "2025-06", "subjects": ["Dana Okafor"]}]}));
        let r = rec(
            "a",
            PEOPLE,
            vec![
                ev("detention", Some("2025-05-28"), "occurred", &[DANA]),
                ev("release", Some("2025-05-30"), "occurred", &[DANA]),
                ev("hearing", Some("2025-07-01"), "occurred", &[DANA]),
                ev("appeal", None, "occurred", &[DANA]),
            ],
        );
        let s = score_articles(&g, &[r]);
        assert_eq!(
            s.events.matched, 3,
            "a null predicted date never matches a dated gold one"
        );
        // dated matched gold: detention (not exact), release (exact); hearing's gold is undated.
        assert_eq!(s.date_exact_among_matched, Some(0.5));
        assert_eq!(s.missed[0].event_type, "appeal");
    }

    #[test]
    fn negation_must_agree_and_negated_as_fact_counts_the_worst_error() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "house_arrest", "status": "not_occurred", "subjects": ["Dana Okafor"]},
            {"type": "detention", "status": "denied", "subjects": ["Mira Tessel"]},
            {"type": "travel_ban", "status": "not_occurred", "subjects": ["Mira Tessel"]}]}));
        let r = rec(
            "a",
            PEOPLE,
            vec![
                ev("house_arrest", None, "occurred", &[DANA]),
                ev("detention", None, "occurred", &[MIRA]),
                ev("travel_ban", None, "not_occurred", &[MIRA]),
            ],
        );
        let s = score_articles(&g, &[r]);
        // house arrest: negation differs, no match, but gold says it did not happen: fact error.
        // detention: matches gold `denied` (status differs): fact error.
        // travel ban: both not_occurred: a match with the right status.
        assert_eq!(s.events.matched, 2);
        assert_eq!(s.negated_as_fact, 2);
        assert_eq!(s.status_exact_among_matched, Some(0.5));
        let types: Vec<&str> = s.negated_as_fact_list.iter().map(|x| x.event_type.as_str()).collect();
        assert_eq!(types, ["house_arrest", "detention"]);
        assert!(s.missed[0].not_occurred);
    }

    #[test]
    fn gold_status_missing_is_occurred_but_null_is_no_status() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "search", "subjects": ["Dana Okafor"]},
            {"type": "seizure", "status": null, "subjects": ["Dana Okafor"]}]}));
        let r = rec(
            "a",
            PEOPLE,
            vec![
                ev("search", None, "occurred", &[DANA]),
                ev("seizure", None, "occurred", &[DANA]),
            ],
        );
        let s = score_articles(&g, &[r]);
        assert_eq!(s.events.matched, 2);
        assert_eq!(s.status_exact_among_matched, Some(0.5));
    }

    #[test]
    fn people_match_one_to_one_and_missing_records_score_empty() {
        let g = parse_gold_jsonl(
            &[
                json!({"id": "a", "people": [{"name": "Dana Okafor"}, {"name": "D. Okafor"}, {"name": "Jonas Vey", "variants": ["Vey"]}]}),
                json!({"id": "b", "people": [{"name": "Ilse Marr"}], "events": [{"type": "search", "subjects": []}, {"type": "other"}]}),
            ]
            .map(|v| v.to_string())
            .join("\n"),
        )
        .unwrap();
        let people: &[(&str, &str, &[&str])] = &[
            ("p1", "Dana Okafor", &[]),
            ("p2", "Vey", &[]),
            ("p3", "Ansel Brook", &[]),
        ];
        let s = score_articles(&g, &[rec("a", people, vec![]), rec("zzz", &[], vec![])]);
        assert_eq!((s.people.gold, s.people.predicted, s.people.matched), (4, 3, 2));
        assert_eq!(s.articles, 2);
        assert_eq!(s.articles_missing_from_output, ["b"]);
        assert_eq!((s.events.gold, s.events.predicted), (1, 0));
        assert_eq!(s.events.precision, 0.0);
        assert_eq!(s.date_exact_among_matched, None);
        assert_eq!(s.status_exact_among_matched, None);
    }

    #[test]
    fn by_type_serialises_like_a_counter() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "search", "subjects": ["Dana Okafor"]}]}));
        let r = rec(
            "a",
            PEOPLE,
            vec![
                ev("search", None, "occurred", &[DANA]),
                ev("seizure", None, "occurred", &[DANA]),
            ],
        );
        let s = score_articles(&g, &[r]);
        let v = serde_json::to_string(&s.by_type).unwrap();
        assert_eq!(v, r#"{"search":{"gold":1,"pred":1,"tp":1},"seizure":{"pred":1}}"#);
        let full = serde_json::to_value(&s).unwrap();
        let keys: Vec<&String> = full.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 11);
        assert!(full["spurious"][0].get("evidence").is_some());
        assert!(full["missed"].as_array().unwrap().is_empty());
    }

    #[test]
    fn report_prints_like_score_py() {
        let g = gold(json!({"id": "a", "people": gold_people(), "events": [
            {"type": "house_arrest", "status": "not_occurred", "subjects": ["Dana Okafor"]}]}));
        let r = rec("a", PEOPLE, vec![ev("search", Some("2025-01"), "occurred", &[])]);
        let text = score_articles(&g, &[r]).report(10);
        let expected = "\
missed   a house_arrest None Dana Okafor (not occurred)
spurious a search 2025-01 None | search sentence
type                   gold pred  tp
house_arrest              1    0    0
search                    0    1    0
people P=1.000 R=1.000 F1=1.000
date_exact=n/a status_exact=n/a negated_as_fact=0
events P=0.000 R=0.000 F1=0.000 (assertions: gold 1, predicted 1, matched 0)
";
        assert_eq!(text, expected);
    }
}
