//! casewatch-reconcile: turns per-article extraction records into cases (people across spellings, one timeline entry per real event, case clustering); pure, no IO.
//!
//! The one entry point is [`build_cases`]: every stored [`ExtractRecord`] in,
//! the [`CaseFile`] of `spec/casefile.md` out. It runs in four steps:
//!
//! 1. **articles** — records are de-duplicated by article id and ranked by
//!    (publication date, undated last; id); event subjects are resolved to
//!    the record's people and organisations;
//! 2. **cases** — articles are joined (union-find) when they share a person
//!    who is an event subject in both ([`names::same_person`], blocked by
//!    folded surname), or an outlet and a charge label. Articles with
//!    neither people nor events form no case;
//! 3. **people and organisations** of each case are clustered across
//!    spellings and scripts (module [`names`]) and given a canonical name,
//!    the most frequent attributes and a role;
//! 4. **timeline** — the events of the case are merged into one entry per
//!    real event (same type, overlapping subjects, compatible dates, a
//!    `not_occurred` report never merging with another status, except a plan
//!    a later article reports done), with every source, majority values and
//!    the disagreeing ones as conflicts. Review state is `machine` for all
//!    entries: reviewer decisions live in the store.
//!
//! The output is deterministic: the same records in any order give the
//! same case file, byte for byte once serialised. Case ids `c1…` follow the
//! cases' earliest publication date (then smallest article id); person
//! (`P…`), organisation (`O…`) and event (`E…`) ids run on across the file
//! in output order.
//!
//! ```
//! use casewatch_reconcile::{build_cases, Settings};
//! let file = build_cases(&[], &Settings::default());
//! assert!(file.cases.is_empty());
//! ```

mod articles;
mod case;
mod linking;
pub mod names;
mod people;
mod text;
mod timeline;
mod unionfind;

use casewatch_model::{CaseFile, ExtractRecord};
use serde::{Deserialize, Serialize};

/// Thresholds and switches of the reconciliation. `Settings::default()` is
/// what the CLI uses; each field documents its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most Levenshtein edits between two folded given names of one person
    /// (default 2, as `eval/score.py`).
    pub given_name_max_edits: usize,
    /// Within one case, two people with the same surname whose first given
    /// names start with the same letter are one person when the names'
    /// Jaro–Winkler similarity reaches this and neither occupation nor
    /// affiliation disagrees: "Katsiaryna"/"Katerina",
    /// "Aliaksandr"/"Alexander" (default 0.82; above 1.0 turns it off).
    pub case_given_name_similarity: f64,
    /// Join articles that share an outlet (affiliation of an event subject,
    /// or a media outlet that is an event subject) and a charge label
    /// (default true).
    pub link_by_outlet_and_charge: bool,
    /// When linking articles, let a subject named by surname alone stand for
    /// the one person of that surname named in full elsewhere (default true;
    /// several people of that surname never link).
    pub link_by_surname_only: bool,
    /// Two day-precision dates at most this many days apart may still be one
    /// event (the other date is then a conflict). Default 0: reports of one
    /// event must agree on the day.
    pub date_slack_days: u32,
    /// Give an undated conviction the date of the same people's sentence
    /// when all their dated sentence reports agree (default true: verdict and
    /// sentence are pronounced together in the systems these cases come from).
    pub infer_conviction_dates: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            given_name_max_edits: names::DEFAULT_GIVEN_NAME_EDITS,
            case_given_name_similarity: 0.82,
            link_by_outlet_and_charge: true,
            link_by_surname_only: true,
            date_slack_days: 0,
            infer_conviction_dates: true,
        }
    }
}

/// Builds the case file from every stored record. Deterministic: the same
/// records (in any input order) give byte-identical serialised output.
///
/// Articles with neither people nor events are skipped (they belong to no
/// case); an article with people but no events is a case of its own.
pub fn build_cases(records: &[ExtractRecord], settings: &Settings) -> CaseFile {
    let arts = articles::prepare(records);
    let groups = linking::link(&arts, settings);
    let mut drafts: Vec<case::CaseDraft> = groups.iter().map(|g| case::build(&arts, g, settings)).collect();
    drafts.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    let mut ids = case::Ids::default();
    CaseFile {
        cases: drafts.iter().map(|d| d.emit(&arts, &mut ids)).collect(),
    }
}
