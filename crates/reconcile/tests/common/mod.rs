//! Builders of fictional extraction records shared by the reconciliation tests.
#![allow(dead_code)]

use casewatch_model::{Case, CaseFile, ExtractRecord, TimelineEntry};
use casewatch_reconcile::{Settings, build_cases};
use serde_json::{Value, json};

/// One fictional article under construction.
pub struct Art {
    pub v: Value,
}

/// One event under construction; subjects are names resolved by [`Art::event`].
pub struct Ev {
    pub v: Value,
    pub subjects: Vec<String>,
}

pub fn article(id: &str, published: &str) -> Art {
    Art {
        v: json!({
            "article": {"id": id, "source": format!("{id}.txt"), "published": published,
                        "title": null, "language": "en", "sha256": "0".repeat(64)},
            "people": [], "organizations": [], "events": [], "charges": []
        }),
    }
}

pub fn ev(ty: &str, date: Option<&str>, subjects: &[&str]) -> Ev {
    let precision = date.map(|d| match d.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    });
    Ev {
        v: json!({"type": ty, "date": date, "date_precision": precision, "date_qualifier": null,
                  "date_text": null, "subjects": [], "agent": null, "place": null,
                  "status": "occurred", "attributed_to": null, "detail": null,
                  "evidence": {"start": 0, "end": 0, "sentence": ""}}),
        subjects: subjects.iter().map(|s| s.to_string()).collect(),
    }
}

impl Ev {
    pub fn status(mut self, s: &str) -> Self {
        self.v["status"] = json!(s);
        self
    }
    pub fn detail(mut self, d: &str) -> Self {
        self.v["detail"] = json!(d);
        self
    }
    pub fn attributed(mut self, who: &str) -> Self {
        self.v["attributed_to"] = json!(who);
        self
    }
    /// Sets the words the date was read from.
    pub fn date_text(mut self, t: &str) -> Self {
        self.v["date_text"] = json!(t);
        self
    }
    /// Marks the date as inherited (from a neighbouring event, the
    /// paragraph or the lede), as the extractor's `date_inferred`.
    pub fn inherited(mut self) -> Self {
        self.v["date_inferred"] = json!(true);
        self
    }
    pub fn qualifier(mut self, q: &str) -> Self {
        self.v["date_qualifier"] = json!(q);
        self
    }
}

impl Art {
    pub fn person(self, name: &str, occupation: Option<&str>, affiliation: Option<&str>) -> Self {
        self.person_with_variants(name, &[name], occupation, affiliation)
    }

    pub fn person_with_variants(
        mut self,
        name: &str,
        variants: &[&str],
        occupation: Option<&str>,
        affiliation: Option<&str>,
    ) -> Self {
        let people = self.v["people"].as_array_mut().expect("people array");
        let id = format!("p{}", people.len() + 1);
        people.push(
            json!({"id": id, "name": name, "variants": variants, "occupation": occupation,
                           "affiliation": affiliation, "former": affiliation.map(|_| false)}),
        );
        self
    }

    pub fn org(mut self, name: &str, kind: &str) -> Self {
        let orgs = self.v["organizations"].as_array_mut().expect("organizations array");
        let id = format!("o{}", orgs.len() + 1);
        orgs.push(json!({"id": id, "name": name, "variants": [], "kind": kind}));
        self
    }

    pub fn charge(mut self, label: &str, subjects: &[&str]) -> Self {
        let refs: Vec<Value> = subjects.iter().filter_map(|s| self.find("people", s)).collect();
        self.v["charges"]
            .as_array_mut()
            .expect("charges array")
            .push(json!({"label": label, "article": null, "subjects": refs}));
        self
    }

    pub fn find(&self, list: &str, name: &str) -> Option<Value> {
        self.v[list]
            .as_array()?
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["id"].clone())
    }

    pub fn event(mut self, mut e: Ev) -> Self {
        let n = self.v["events"].as_array().map_or(0, Vec::len);
        let subjects: Vec<Value> = e
            .subjects
            .iter()
            .map(
                |s| match self.find("people", s).or_else(|| self.find("organizations", s)) {
                    Some(id) => json!({"ref": id, "name": s}),
                    None => json!({"ref": null, "name": null, "group": s}),
                },
            )
            .collect();
        e.v["subjects"] = json!(subjects);
        e.v["evidence"] = json!({"start": n * 100, "end": n * 100 + 50, "sentence": format!("sentence {n}")});
        self.v["events"].as_array_mut().expect("events array").push(e.v);
        self
    }

    /// Gives every unnamed group of the last event added the head count `n`.
    pub fn counted(mut self, n: u32) -> Self {
        if let Some(e) = self.v["events"].as_array_mut().and_then(|es| es.last_mut())
            && let Some(subjects) = e["subjects"].as_array_mut()
        {
            for s in subjects.iter_mut().filter(|s| s["group"].is_string()) {
                s["count"] = json!(n);
            }
        }
        self
    }

    /// Adds an event read from the same sentence (same evidence span) as the previous one.
    pub fn event_in_same_sentence(self, e: Ev) -> Self {
        let mut a = self.event(e);
        if let Some(events) = a.v["events"].as_array_mut()
            && events.len() >= 2
        {
            let previous = events[events.len() - 2]["evidence"].clone();
            let last = events.len() - 1;
            events[last]["evidence"] = previous;
        }
        a
    }

    pub fn build(self) -> ExtractRecord {
        serde_json::from_value(self.v).expect("a valid extraction record")
    }
}

pub fn cases(records: Vec<Art>) -> CaseFile {
    cases_with(records, &Settings::default())
}

pub fn cases_with(records: Vec<Art>, settings: &Settings) -> CaseFile {
    let recs: Vec<ExtractRecord> = records.into_iter().map(Art::build).collect();
    build_cases(&recs, settings)
}

pub fn articles_of(file: &CaseFile) -> Vec<Vec<String>> {
    file.cases.iter().map(|c| c.articles.clone()).collect()
}

pub fn entries<'a>(case: &'a Case, ty: &str) -> Vec<&'a TimelineEntry> {
    case.events.iter().filter(|e| e.event_type.as_str() == ty).collect()
}

pub fn subject_names(e: &TimelineEntry) -> Vec<String> {
    e.subjects.iter().filter_map(|s| s.name.clone()).collect()
}

pub fn source_articles(e: &TimelineEntry) -> Vec<String> {
    e.sources.iter().map(|s| s.article.clone()).collect()
}
