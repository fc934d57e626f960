//! casewatch-reconcile: turns per-article extraction records into cases (people across spellings, one timeline entry per real event, case clustering); pure, no IO.
//!
//! The entry points are [`build_cases`] (every stored [`ExtractRecord`] in,
//! the [`CaseFile`] of `spec/casefile.md` out) and [`reconcile`] (the same,
//! obeying reviewer [`Overrides`], and with each item's [`CaseProvenance`]:
//! the stable keys that [`identity::assign_ids`] turns into stable ids, and
//! the reason and score of every join of person mentions). For incremental
//! rebuilds, [`link_keys`] gives the keys by which an article can join
//! others (see its docs for which articles a partial rebuild must include).
//! Reconciliation runs in four steps:
//!
//! 1. **articles** — records are de-duplicated by article id and ranked by
//!    (publication date, undated last; id); event subjects are resolved to
//!    the record's people and organisations;
//! 2. **cases** — articles are joined (union-find) only when they share a
//!    defendant the articles are about (a person, passing the name rules,
//!    who is the subject of a legal event; [`names::Name::matches`] and its
//!    spelling families, blocked by surname keys, scored with occupation,
//!    affiliation and co-occurring people against
//!    [`Settings::person_match_threshold`]) or a prosecuted outlet;
//!    reviewer merges and moves come first. Everyone else (lawyers,
//!    officials, commentators, mentioned people) only makes cases related,
//!    which the store derives. Articles with no legal event about a named
//!    defendant or a prosecuted outlet form no case;
//! 3. **people and organisations** of each case are clustered across
//!    spellings and scripts (modules [`names`], [`orgs`]: acronyms in both
//!    scripts, courts without their seat; inside a case the same role is
//!    evidence too) and given a canonical name, the most frequent
//!    attributes, and a role with the rule that set it (defendant, lawyer,
//!    judge, prosecutor, official, relative, witness, expert, commentator,
//!    mentioned);
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
//! in output order. These are provisional: a store keeps ids stable across
//! rebuilds with [`identity::assign_ids`].
//!
//! ```
//! use casewatch_reconcile::{build_cases, Settings};
//! let file = build_cases(&[], &Settings::default());
//! assert!(file.cases.is_empty());
//! ```

mod articles;
mod case;
pub mod identity;
mod linking;
mod name_shape;
pub mod names;
pub mod orgs;
mod overrides;
mod people;
mod text;
mod timeline;
mod unionfind;

pub use linking::outlet_key;
pub use overrides::{MentionRef, Move, Overrides, Split};

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
    /// Also join articles whose defendants work for one outlet and that
    /// name one charge label (default false: journalists of one outlet
    /// charged under one article are often tried separately, and a case must
    /// stay one prosecution; an outlet that is itself prosecuted links its
    /// articles without this).
    pub link_by_outlet_and_charge: bool,
    /// When linking articles, let a subject named by surname alone stand for
    /// the one person of that surname named in full in the whole store
    /// (default false: a surname alone is weak evidence across articles, and
    /// the rule depends on every article of that surname, so incremental
    /// rebuilds must then include all of them; several people of that
    /// surname never link). Inside a case a surname alone always joins the
    /// person it fits.
    pub link_by_surname_only: bool,
    /// Two day-precision dates at most this many days apart may still be one
    /// event (the other date is then a conflict). Default 0: reports of one
    /// event must agree on the day.
    pub date_slack_days: u32,
    /// Give an undated conviction the date of the same people's sentence
    /// when all their dated sentence reports agree (default true: verdict and
    /// sentence are pronounced together in the systems these cases come from).
    pub infer_conviction_dates: bool,
    /// Least score for two person mentions whose names match to be one
    /// person (default 0.6). The score starts from the kind of name match —
    /// 1.0 the same folded name, 0.9 agreeing full given names, 0.75 an
    /// initial ("Zh. Duulatov"), 0.7 a surname alone — and is moved by the
    /// rest of the record (the four fields below). With the defaults a
    /// disagreeing affiliation keeps two mentions apart, even of one name,
    /// unless an agreeing occupation and a person named in both articles
    /// outweigh it (1.0 + 0.05 + 0.1 − 0.5 = 0.65).
    pub person_match_threshold: f64,
    /// Added per agreeing occupation or affiliation (default 0.05).
    pub attribute_agree_bonus: f64,
    /// Taken off for a disagreeing occupation (default 0.05: the same
    /// person is a "reporter" here and a "journalist" there).
    pub occupation_disagree_penalty: f64,
    /// Taken off for a disagreeing affiliation (default 0.5: two people of
    /// one name who work for different outlets are, as a rule, two people;
    /// without this, common names chain unrelated prosecutions into one case
    /// as a store grows).
    pub affiliation_disagree_penalty: f64,
    /// Added when both articles also name another person of one surname
    /// (default 0.1).
    pub cooccurrence_bonus: f64,
    /// Inside one case, added when both mentions are defendants (default
    /// 0.2: the same role in one prosecution outweighs most of a
    /// disagreeing affiliation, 0.9 − 0.5 + 0.2 = 0.6; same-dated legal
    /// events add `attribute_agree_bonus` each, up to two). Not used when
    /// linking articles.
    pub same_role_bonus: f64,
    /// Least score for people of two different cases to share one id (the
    /// same person in two cases; default 1.0: the same folded full name with
    /// no disagreeing affiliation, or a close full name whose affiliation or
    /// occupation agrees). Above 1.1 turns sharing off.
    pub cross_case_person_min_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            given_name_max_edits: names::DEFAULT_GIVEN_NAME_EDITS,
            case_given_name_similarity: 0.82,
            link_by_outlet_and_charge: false,
            link_by_surname_only: false,
            date_slack_days: 0,
            infer_conviction_dates: true,
            person_match_threshold: 0.6,
            attribute_agree_bonus: 0.05,
            occupation_disagree_penalty: 0.05,
            affiliation_disagree_penalty: 0.5,
            cooccurrence_bonus: 0.1,
            same_role_bonus: 0.2,
            cross_case_person_min_score: 1.0,
        }
    }
}

/// One join of two person mentions into one person, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonLink {
    /// The first mention.
    pub a: MentionRef,
    /// Its name as the article gives it.
    pub a_name: String,
    /// The second mention.
    pub b: MentionRef,
    /// Its name as the article gives it.
    pub b_name: String,
    /// The rule that joined them: `reviewer_merge`, `same_folded_name`,
    /// `name_rule`, `initial`, `surname_only`, `similar_given_name`, `surname_variant`,
    /// `extra_names`, `same_article_spelling`, `same_act_same_co_defendants`.
    pub rule: String,
    /// The score the join reached (see [`Settings::person_match_threshold`];
    /// Jaro–Winkler similarity for the last two rules), rounded to 0.001.
    pub score: f64,
}

/// The stable keys behind one case of a [`Reconciled`] file, index for index
/// with the case's lists.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CaseProvenance {
    /// The case's order key: `YYYY-MM-DD|smallest article id` of its earliest
    /// publication (`~|…` when no article is dated).
    pub sort_key: String,
    /// Per person of the case: its mentions.
    pub people: Vec<Vec<MentionRef>>,
    /// Per person of the case: the joins that made it.
    pub person_links: Vec<Vec<PersonLink>>,
    /// Per organisation: its entries (`person` is the record-local organisation id).
    pub organizations: Vec<Vec<MentionRef>>,
    /// Per organisation: its identity key ([`orgs::org_keys`], first key of its name).
    pub org_keys: Vec<String>,
    /// Per timeline entry: its assertion keys, `article#start#type#local`
    /// (article id, evidence start byte, the report's event type, the
    /// record-local subject id, `group` or `-`), sorted.
    pub events: Vec<Vec<String>>,
}

/// A reconciled case file with the provenance of each case.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reconciled {
    /// The cases, with provisional ids.
    pub file: CaseFile,
    /// Index for index with `file.cases`.
    pub provenance: Vec<CaseProvenance>,
}

/// One key by which an article can join others (see [`link_keys`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkKey {
    /// `person:<folded surname>` or `outlet:<outlet>|<charge>`.
    pub key: String,
    /// Whether a partial rebuild that includes this article must include
    /// every article with this key (the article names someone of that
    /// surname by surname alone); only with `Settings::link_by_surname_only`.
    pub exhaustive: bool,
    /// For a person key: the event subjects of that surname the article
    /// names with a given name (or initial), sorted. Another article of the
    /// block can only join this one through a mention that
    /// [`mentions_may_join`] one of these, so a partial rebuild needs only
    /// those. Empty for outlet keys (every article with the key counts).
    pub mentions: Vec<LinkMention>,
    /// The folded surnames of everyone the article names (for the
    /// co-occurrence part of the score); the same for every key of an
    /// article that has `mentions`, and empty for a key without (only
    /// mentions are scored with it; an outlet key's rows, one per article,
    /// are kept the smaller).
    pub context: Vec<String>,
}

/// One event subject of an article, as linking sees it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkMention {
    /// The name as the article gives it.
    pub name: String,
    /// Occupation, if any.
    pub occupation: Option<String>,
    /// Affiliation, if any.
    pub affiliation: Option<String>,
}

/// Whether two mentions of different articles (each with its article's
/// [`LinkKey::context`]) can be joined by linking: both named with a given
/// name or initial, the names match, and the score reaches
/// [`Settings::person_match_threshold`]. Linking joins no other pairs of
/// full names, so this selects the articles a new one can join. To compare
/// one mention with many, [`LinkMention::prepare`] each once and use
/// [`PreparedMention::may_join`].
pub fn mentions_may_join(
    a: &LinkMention,
    a_context: &[String],
    b: &LinkMention,
    b_context: &[String],
    settings: &Settings,
) -> bool {
    a.prepare(a_context).may_join(&b.prepare(b_context), settings)
}

/// Whether two folded affiliations ([`PreparedMention::affiliation`]) agree:
/// equal, or the words of one occur whole and in order within the other
/// ("kloop" / "kloop media", not "ray" / "gray times"). Linking never joins
/// a person of one outlet with a namesake of an outlet that disagrees
/// through a mention that names no outlet: such a mention joins the first
/// of them (by article rank) and none of the others.
pub fn affiliations_agree(a: &str, b: &str) -> bool {
    people::attr_agree(a, b)
}

/// A [`LinkMention`] with its name parsed and its attributes and context
/// folded, for repeated comparisons.
#[derive(Debug, Clone)]
pub struct PreparedMention {
    text: String,
    name: names::Name,
    attrs: [Option<String>; 2],
    context: std::collections::BTreeSet<String>,
}

impl LinkMention {
    /// Parses and folds the mention once; `context` is its article's [`LinkKey::context`].
    pub fn prepare(&self, context: &[String]) -> PreparedMention {
        self.prepared(names::Name::parse(&self.name), context)
    }

    /// [`LinkMention::prepare`], taking the parsed name from `same_name`
    /// when that is a mention prepared with the same name text (parsing
    /// folds every token, most of the cost of preparing a mention); parses
    /// it otherwise. The result is the same either way.
    pub fn prepare_with_name(&self, same_name: &PreparedMention, context: &[String]) -> PreparedMention {
        if same_name.text != self.name {
            return self.prepare(context);
        }
        self.prepared(same_name.name.clone(), context)
    }

    /// [`LinkMention::prepare`] with `name`, the mention's name as
    /// [`names::Name::parse`] gives it (from a memo such as
    /// [`identity::ParsedNames::name`]); the result is the same when it is.
    pub fn prepare_parsed(&self, name: &names::Name, context: &[String]) -> PreparedMention {
        self.prepared(name.clone(), context)
    }

    /// The mention prepared with `name`, its name parsed.
    fn prepared(&self, name: names::Name, context: &[String]) -> PreparedMention {
        let folded = |v: &Option<String>| v.as_deref().and_then(fold_attribute);
        PreparedMention {
            text: self.name.clone(),
            name,
            attrs: [folded(&self.occupation), folded(&self.affiliation)],
            context: context.iter().cloned().collect(),
        }
    }
}

/// An occupation or affiliation as a prepared mention holds it
/// ([`PreparedMention::affiliation`]): [`names::fold`]ed, `None` when that
/// leaves nothing.
pub fn fold_attribute(raw: &str) -> Option<String> {
    Some(names::fold(raw)).filter(|f| !f.is_empty())
}

impl PreparedMention {
    /// See [`mentions_may_join`].
    pub fn may_join(&self, other: &PreparedMention, settings: &Settings) -> bool {
        people::may_join(
            (&self.name, &self.attrs, &self.context),
            (&other.name, &other.attrs, &other.context),
            settings,
        )
    }

    /// The name as the article gives it (mentions with the same text have
    /// the same [`PreparedMention::name_match`] with any other).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The name folded ([`names::fold`]), as reviewer splits compare it
    /// with their variants.
    pub fn folded_name(&self) -> &str {
        &self.name.folded
    }

    /// The affiliation (outlet) the mention names, folded
    /// ([`names::fold`]); `None` when it names none. Linking refuses to
    /// join namesakes of two outlets through a mention that names none
    /// (see [`affiliations_agree`]).
    pub fn affiliation(&self) -> Option<&str> {
        self.attrs[1].as_deref()
    }

    /// The part of [`PreparedMention::may_join`] that depends on the two
    /// names only (and `Settings::given_name_max_edits`): the base score of
    /// the name rule when both have a given name or initial and match, else
    /// `None` (then they never join). Lets a caller compare a name with each
    /// distinct name of a block once.
    pub fn name_match(&self, other: &PreparedMention, settings: &Settings) -> Option<f64> {
        people::may_join_names(&self.name, &other.name, settings)
    }

    /// [`PreparedMention::may_join`] given `base`, the
    /// [`PreparedMention::name_match`] of the two: equal to `may_join` when
    /// `base` is that value.
    pub fn may_join_with(&self, other: &PreparedMention, base: f64, settings: &Settings) -> bool {
        people::may_join_scored(
            base,
            (&self.name, &self.attrs, &self.context),
            (&other.attrs, &other.context),
            settings,
        )
    }

    /// Whether this mention may join one whose name matched with base score
    /// `base` ([`PreparedMention::name_match`]), whose affiliation is
    /// `affiliation` (folded, [`fold_attribute`]) and whose article names
    /// another person of one surname with this one's when `co_named` is
    /// `Some(true)` (`None`: not known), whatever that mention's
    /// occupation: when false, [`PreparedMention::may_join_with`] is false
    /// for every such mention. Lets a caller leave unread the stored
    /// mentions of a name that this one cannot join (with the default
    /// settings, those of another outlet unless the two names fold alike and
    /// the two articles are co-named, see [`PreparedMention::co_names`]).
    pub fn may_join_listed(
        &self,
        base: f64,
        affiliation: Option<&str>,
        co_named: Option<bool>,
        settings: &Settings,
    ) -> bool {
        people::may_join_bound(base, &self.attrs, affiliation, co_named, settings)
    }

    /// The surnames that make another article co-named with this mention's
    /// (see [`PreparedMention::may_join_listed`]): those of its context other
    /// than its own (folded, as [`LinkKey::context`] holds them); co-named
    /// when the other's context holds one of them.
    pub fn co_names(&self) -> impl Iterator<Item = &str> {
        let own = self.name.bare_surname();
        self.context.iter().map(String::as_str).filter(move |s| *s != own)
    }
}

/// The keys by which `record` can join other articles into a case.
///
/// Linking only ever compares articles that share a key, so a partial
/// rebuild gives the cases a full one would when it includes: every article
/// sharing an outlet key with the new articles, or a person key with a
/// mention that can join one of theirs (see [`LinkKey::mentions`]); every
/// article of a case it touches; and, with `Settings::link_by_surname_only`,
/// for each included article, every article sharing one of its `exhaustive`
/// keys (repeated until nothing is added).
///
/// Outlet-and-charge keys are given only when `settings` turn that rule on
/// (`Settings::link_by_outlet_and_charge`): with it off they link nothing,
/// and a store need not keep a row per article for them (a store turning
/// the rule on keys its articles again).
pub fn link_keys(record: &ExtractRecord, settings: &Settings) -> Vec<LinkKey> {
    let arts = articles::prepare(std::slice::from_ref(record));
    arts.first()
        .map(|a| {
            let context: Vec<String> = a
                .names
                .iter()
                .filter(|n| !n.folded.is_empty())
                .map(|n| n.bare_surname().to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            linking::keys(a, settings)
                .into_iter()
                .map(|(key, exhaustive, people)| LinkKey {
                    key,
                    exhaustive,
                    context: if people.is_empty() { Vec::new() } else { context.clone() },
                    mentions: people
                        .into_iter()
                        .map(|p| {
                            let rec = &a.rec.people[p];
                            LinkMention {
                                name: a.shown[p].clone(),
                                occupation: rec.occupation.clone(),
                                affiliation: rec.affiliation.clone(),
                            }
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Reconciles `records` obeying the reviewer's `overrides`, with the
/// provenance of every case. `build_cases(r, s)` is `reconcile(r, s,
/// &Overrides::default()).file`. Deterministic like [`build_cases`].
pub fn reconcile(records: &[ExtractRecord], settings: &Settings, overrides: &Overrides) -> Reconciled {
    let arts = articles::prepare(records);
    let resolved = overrides::Resolved::new(&arts, overrides);
    let groups = linking::link(&arts, settings, &resolved);
    let mut drafts: Vec<case::CaseDraft> = groups
        .iter()
        .map(|g| case::build(&arts, g, settings, &resolved))
        .collect();
    drafts.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    let mut ids = case::Ids::default();
    let (cases, provenance) = drafts.iter().map(|d| d.emit(&arts, &mut ids)).unzip();
    Reconciled {
        file: CaseFile { cases },
        provenance,
    }
}

/// Builds the case file from every stored record. Deterministic: the same
/// records (in any input order) give byte-identical serialised output.
///
/// Articles that report no legal event about a named defendant or a
/// prosecuted outlet belong to no case.
pub fn build_cases(records: &[ExtractRecord], settings: &Settings) -> CaseFile {
    reconcile(records, settings, &Overrides::default()).file
}
