//! Timeline merge: the event reports of one case become one entry per real event, with every source, the majority values and the conflicts.
//!
//! Before merging, two passes adjust reports: a plan that a later article
//! reports done leaves the `not_occurred` side ([`fulfil_plans`]), and an
//! undated conviction takes its sentence's date ([`infer_dates`]).
//!
//! The merge works on *assertions*, one per (report, subject), the unit
//! `eval/score.py` counts:
//!
//! 1. assertions go into chains of one (type, `not_occurred` or not, subject):
//!    a case person, a case organisation, or "some unnamed group";
//! 2. each chain is clustered by date: finest dates first, an assertion joins
//!    a cluster when its date is compatible with every dated member
//!    ([`dates_compatible`]: `2025-05` + `late` with `2025-05-28`, never May
//!    with October); undated assertions come last and join a dated cluster
//!    that does not start after their article was published, else an
//!    undated one; among several candidates the one whose details share the
//!    most words wins, then the one more articles support. Unnamed-group
//!    chains also need the same day or overlapping group descriptions;
//! 3. each cluster gets its date (the most precise one most sources
//!    support) and status (majority);
//! 4. clusters of one type, date and status that share a report regroup into
//!    one entry (and so do, on a day-precision date, an unnamed group's
//!    clusters with the named people's: the group resolves to them, and is
//!    no subject of its own unless its head count exceeds theirs), so "A
//!    and B were detained" reported twice is one entry with both subjects,
//!    while a report whose subjects turn out to be detained on
//!    different days feeds both entries. Sources are every distinct
//!    (article, evidence) of the entry, by article rank then offset;
//!    detail, agent and place are majority votes; other dates at the chosen
//!    precision, other statuses and other details are conflicts.

use crate::Settings;
use crate::names::fold;
use crate::text::{Tally, content_words};
use crate::unionfind::UnionFind;
use casewatch_model::{DatePrecision, DateQualifier, Event, EventDate, EventType, PartialDate, Status};
use chrono::NaiveDate;
use cluster::cluster_chain;
use std::collections::{BTreeMap, BTreeSet};

mod cluster;

/// A subject mapped to the case: a case person, a case organisation, or a group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CaseSubject {
    /// Index of the case person.
    Person(usize),
    /// Index of the case organisation.
    Org(usize),
    /// Unnamed group: description and head count.
    Group { desc: String, count: Option<u32> },
}

/// An agent mapped to the case: the case organisation (when known) and the name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct CaseAgent {
    pub org: Option<usize>,
    pub name: String,
}

/// One event as one article reports it, with subjects and agent mapped to the case.
#[derive(Debug, Clone)]
pub(crate) struct Report<'a> {
    /// Rank of the article.
    pub art: usize,
    /// Publication date of the article.
    pub published: Option<NaiveDate>,
    pub event: &'a Event,
    pub subjects: Vec<CaseSubject>,
    /// The record-local key of each subject, index for index (`p1`, `o2`,
    /// `group`): with the article id, evidence offset and type, the stable
    /// key of one assertion.
    pub locals: Vec<String>,
    pub agent: Option<CaseAgent>,
    /// The date the merge uses: the event's own, or one [`infer_dates`] filled in.
    pub date: EventDate,
    /// Whether the report is a charge that a verdict's sentence cites
    /// ("found guilty of …", "sentenced on charges of …", "acquitted of
    /// charges of …"): see [`mark_cited_charges`].
    pub cited: bool,
    /// Whether the report sits with the `not_occurred` reports: its status is
    /// `not_occurred` and it is not a plan that a later article reports done
    /// (see [`fulfil_plans`]).
    pub negated: bool,
}

impl<'a> Report<'a> {
    /// A report of `event` from article `art`, with its own date and status.
    pub(crate) fn new(
        art: usize,
        published: Option<NaiveDate>,
        event: &'a Event,
        subjects: Vec<(CaseSubject, String)>,
        agent: Option<CaseAgent>,
    ) -> Self {
        let negated = event.status == Status::NotOccurred;
        let (subjects, locals) = subjects.into_iter().unzip();
        Report {
            art,
            published,
            event,
            subjects,
            locals,
            agent,
            date: event.date.clone(),
            cited: false,
            negated,
        }
    }

    fn named(&self) -> impl Iterator<Item = &CaseSubject> {
        self.subjects.iter().filter(|s| !matches!(s, CaseSubject::Group { .. }))
    }
}

impl Report<'_> {
    /// Where the report sits in source order: (article rank, evidence offset).
    fn position(&self) -> (usize, usize) {
        (self.art, self.event.evidence.start)
    }
}

/// A value some sources give differently, before article ids are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftConflict {
    pub field: &'static str,
    pub value: String,
    /// Article ranks, ascending.
    pub arts: Vec<usize>,
}

/// One merged timeline entry, before ids are given out.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub event_type: EventType,
    pub date: EventDate,
    pub subjects: Vec<CaseSubject>,
    pub agent: Option<CaseAgent>,
    pub place: Option<String>,
    pub status: Status,
    pub detail: Option<String>,
    /// Indices of the reports, in source order, one per distinct (article, evidence).
    pub reports: Vec<usize>,
    /// Indices of every report merged into the entry (repeats included), sorted.
    pub members: Vec<usize>,
    pub conflicts: Vec<DraftConflict>,
}

impl Entry {
    /// The position of the first source.
    pub(crate) fn first_position(&self, reports: &[Report]) -> (usize, usize) {
        self.reports
            .first()
            .map(|&r| reports[r].position())
            .unwrap_or((usize::MAX, usize::MAX))
    }
}

/// Who or what a chain is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Person(usize),
    Org(usize),
    Group,
}

/// One (report, subject) pair.
#[derive(Debug, Clone)]
pub(super) struct Assertion {
    report: usize,
    /// The group subject, for group chains (`None` for a report with no subject at all).
    group: Option<(String, Option<u32>)>,
    /// Content words of the detail and group description, for similarity.
    words: BTreeSet<String>,
    /// Content words of the group description alone.
    group_words: BTreeSet<String>,
}

/// A clustered chain: one real event for one subject.
struct Cluster {
    event_type: EventType,
    negated: bool,
    slot: Slot,
    members: Vec<Assertion>,
    date: EventDate,
    status: Status,
}

/// The chains of a case: its reports' assertions by (type, `not_occurred`
/// side, subject slot), each in report order.
fn chains(reports: &[Report]) -> BTreeMap<(EventType, bool, Slot), Vec<Assertion>> {
    let mut chains: BTreeMap<(EventType, bool, Slot), Vec<Assertion>> = BTreeMap::new();
    for (ri, r) in reports.iter().enumerate() {
        let negated = r.negated;
        let key = |slot| (r.event.event_type, negated, slot);
        let detail = r.event.detail.as_deref().unwrap_or("");
        if r.subjects.is_empty() {
            let words = content_words(detail);
            let group_words = BTreeSet::new();
            chains.entry(key(Slot::Group)).or_default().push(Assertion {
                report: ri,
                group: None,
                words,
                group_words,
            });
        }
        let mut seen = BTreeSet::new();
        for s in &r.subjects {
            let (slot, group) = match s {
                CaseSubject::Person(p) => (Slot::Person(*p), None),
                CaseSubject::Org(o) => (Slot::Org(*o), None),
                CaseSubject::Group { desc, count } => (Slot::Group, Some((desc.clone(), *count))),
            };
            if seen.insert(slot.clone()) {
                let desc = group.as_ref().map(|g| g.0.as_str()).unwrap_or("");
                let words = content_words(&format!("{detail} {desc}"));
                let group_words = content_words(desc);
                chains.entry(key(slot)).or_default().push(Assertion {
                    report: ri,
                    group,
                    words,
                    group_words,
                });
            }
        }
    }
    chains
}

/// Merges the reports of one case into timeline entries (unordered; the
/// caller sorts them).
pub(crate) fn merge(reports: &[Report], settings: &Settings) -> Vec<Entry> {
    let mut clusters: Vec<Cluster> = Vec::new();
    for ((event_type, negated, slot), assertions) in chains(reports) {
        let is_group = slot == Slot::Group;
        for members in cluster_chain(&assertions, reports, is_group, negated, settings) {
            let members: Vec<Assertion> = members.into_iter().map(|i| assertions[i].clone()).collect();
            let ids: Vec<usize> = members.iter().map(|a| a.report).collect();
            let voters = voters(reports, &ids);
            let date = resolve_date(reports, &voters);
            let status = resolve_status(reports, &voters);
            clusters.push(Cluster {
                event_type,
                negated,
                slot: slot.clone(),
                members,
                date,
                status,
            });
        }
    }

    // Regroup clusters of one type/date/status that share a report.
    let mut uf = UnionFind::new(clusters.len());
    let mut by_key: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        by_key
            .entry((c.event_type, c.negated, c.date.value, c.date.qualifier, c.status))
            .or_default()
            .push(ci);
    }
    for (key, group) in &by_key {
        let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
        for &ci in group {
            for a in &clusters[ci].members {
                let first = *owner.entry(a.report).or_insert(ci);
                uf.union(first, ci);
            }
        }
        // An unnamed group that a report says underwent the act on the very
        // day named people of the case underwent it ("five people were
        // detained on 3 May" / "A and B were detained on 3 May") is those
        // people's act: one entry.
        let day = key.2.is_some_and(|d| d.precision() == DatePrecision::Day);
        let named: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&ci| clusters[ci].slot != Slot::Group)
            .collect();
        let unnamed: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&ci| clusters[ci].slot == Slot::Group)
            .collect();
        if day
            && !unnamed.is_empty()
            && let Some(&first) = named.first()
        {
            for &ci in named.iter().chain(&unnamed) {
                uf.union(first, ci);
            }
        }
    }
    uf.groups()
        .into_iter()
        .map(|group| entry(&clusters, &group, reports))
        .collect()
}

/// Builds one entry from regrouped clusters.
fn entry(clusters: &[Cluster], group: &[usize], reports: &[Report]) -> Entry {
    let first = &clusters[group[0]];
    let mut ids: Vec<usize> = group
        .iter()
        .flat_map(|&ci| clusters[ci].members.iter().map(|a| a.report))
        .collect();
    ids.sort_by_key(|&r| (reports[r].position(), r));
    ids.dedup();
    let mut seen = BTreeSet::new();
    let sources: Vec<usize> = ids
        .iter()
        .copied()
        .filter(|&r| {
            let ev = &reports[r].event.evidence;
            seen.insert((reports[r].art, ev.start, ev.end, ev.sentence.clone()))
        })
        .collect();

    let mut subjects: Vec<CaseSubject> = Vec::new();
    for &ci in group {
        let c = &clusters[ci];
        match c.slot {
            Slot::Person(p) => subjects.push(CaseSubject::Person(p)),
            Slot::Org(o) => subjects.push(CaseSubject::Org(o)),
            Slot::Group => {
                let mut t: Tally<String> = Tally::default();
                let mut shown: BTreeMap<String, (String, Option<u32>)> = BTreeMap::new();
                for a in &c.members {
                    if let Some((desc, count)) = &a.group {
                        let key = fold(desc);
                        shown.entry(key.clone()).or_insert_with(|| (desc.clone(), *count));
                        t.add(key, reports[a.report].art, reports[a.report].position());
                    }
                }
                if let Some((desc, count)) = t.winner().and_then(|k| shown.get(k)) {
                    subjects.push(CaseSubject::Group {
                        desc: desc.clone(),
                        count: *count,
                    });
                }
            }
        }
    }
    subjects.sort();
    subjects.dedup();
    // A group no larger than the named people beside it is those people.
    let named = subjects
        .iter()
        .filter(|s| !matches!(s, CaseSubject::Group { .. }))
        .count();
    subjects.retain(|s| match s {
        CaseSubject::Group { count, .. } => named == 0 || count.is_some_and(|n| n as usize > named),
        _ => true,
    });

    let date = first.date.clone();
    let status = first.status;
    let voters = voters(reports, &ids);
    let mut conflicts = date_conflicts(reports, &voters, &date);
    conflicts.extend(status_conflicts(reports, &ids, status));
    let (detail, detail_conflicts) = resolve_detail(reports, &voters);
    conflicts.extend(detail_conflicts);

    let mut agents: Tally<(Option<usize>, String)> = Tally::default();
    let mut agent_of: BTreeMap<(Option<usize>, String), CaseAgent> = BTreeMap::new();
    let mut places: Tally<String> = Tally::default();
    let mut place_of: BTreeMap<String, String> = BTreeMap::new();
    for &r in &voters {
        let rep = &reports[r];
        if let Some(a) = &rep.agent {
            let key = (a.org, if a.org.is_some() { String::new() } else { fold(&a.name) });
            agent_of.entry(key.clone()).or_insert_with(|| a.clone());
            agents.add(key, rep.art, rep.position());
        }
        if let Some(p) = rep.event.place.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            place_of.entry(fold(p)).or_insert_with(|| p.to_string());
            places.add(fold(p), rep.art, rep.position());
        }
    }
    Entry {
        event_type: first.event_type,
        date,
        subjects,
        agent: agents.winner().and_then(|k| agent_of.get(k)).cloned(),
        place: places.winner().and_then(|k| place_of.get(k)).cloned(),
        status,
        detail,
        reports: sources,
        members: {
            let mut m = ids.clone();
            m.sort_unstable();
            m
        },
        conflicts,
    }
}

/// Acts a person undergoes once per episode, so that two reports of one of
/// them a day apart are one act: not hearings or appeals, which run over
/// consecutive days, nor acts of groups of outlets.
const ONE_DAY_ACTS: [EventType; 10] = [
    EventType::Detention,
    EventType::PretrialDetention,
    EventType::HouseArrest,
    EventType::Search,
    EventType::Charge,
    EventType::Conviction,
    EventType::Sentence,
    EventType::Acquittal,
    EventType::Release,
    EventType::Pardon,
];

/// Whether a day-precision date was resolved from words relative to the
/// publication day ("on Monday", "yesterday", "вчера"): a stated date
/// whose words hold no digit. Such a date can be a day off — a report
/// written on one side of midnight or of a time zone and dated on the other.
fn relative_day(d: &EventDate) -> bool {
    d.precision() == Some(DatePrecision::Day)
        && !d.inferred
        && d.text
            .as_deref()
            .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit()))
}

/// The days two dates of one chain may lie apart and still be one act:
/// `Settings::date_slack_days`, or one day when either date is relative
/// ([`relative_day`]) and the chain's act happens once per episode
/// (`one_day`: its type is one of [`ONE_DAY_ACTS`]).
fn slack(one_day: bool, a: &EventDate, b: &EventDate, settings: &Settings) -> u32 {
    if one_day && (relative_day(a) || relative_day(b)) {
        settings.date_slack_days.max(1)
    } else {
        settings.date_slack_days
    }
}

/// Whether a report restates a standing accusation rather than dating an
/// act: a `charge` (not `not_occurred`) whose date the extractor inherited
/// from a neighbouring event, the paragraph or the lede. Reports keep
/// restating a charge ("X, who stands accused of…", "she was charged with…")
/// in paragraphs about later acts, whose dates they inherit; one prosecution
/// brings a charge once, so such a report joins the person's charge entry
/// dated (stated, else inherited) compatibly or earlier than its own date —
/// the charge stood by then — instead of founding an entry of its own, and
/// its date does not vote against a stated one ([`date_voters`]). A charge
/// whose own sentence states its date stays a dated report: two charges
/// stated on different days stay two entries, and a charge stated after the
/// restatement's date is another charge, and so is a charge stated in one
/// script whose words share no stem with the restatement's ("treason" /
/// "organising riots"). A charge that a verdict's sentence
/// cites ([`Report::cited`]) is a restatement too, whatever its date.
fn restatement(r: &Report) -> bool {
    r.event.event_type == EventType::Charge && !r.negated && (r.date.inferred || r.cited) && r.date.value.is_some()
}

/// Marks the charges a verdict cites: a `charge` report whose evidence
/// sentence (same article, same span) also reports a conviction, sentence
/// or acquittal. A verdict decides a charge brought earlier; it never
/// brings one, so such a charge is a [`restatement`] even when the
/// sentence states the verdict's day.
pub(crate) fn mark_cited_charges(reports: &mut [Report]) {
    let verdicts: BTreeSet<(usize, usize, usize)> = reports
        .iter()
        .filter(|r| {
            matches!(
                r.event.event_type,
                EventType::Conviction | EventType::Sentence | EventType::Acquittal
            )
        })
        .map(|r| (r.art, r.event.evidence.start, r.event.evidence.end))
        .collect();
    for r in reports.iter_mut() {
        r.cited = r.event.event_type == EventType::Charge
            && verdicts.contains(&(r.art, r.event.evidence.start, r.event.evidence.end));
    }
}

/// The reports whose dates vote for an entry's date: every dated one,
/// except inherited dates ([`EventDate::inferred`]) and the dates of
/// charges a verdict cites ([`Report::cited`]) that disagree with a
/// stated date of the entry (or, when no date is stated, with the earliest
/// inherited one). Reports clustered by their date always agree, so this
/// only drops the inherited dates of restatements ([`restatement`]).
fn date_voters(reports: &[Report], ids: &[usize]) -> Vec<usize> {
    let dated: Vec<usize> = ids
        .iter()
        .copied()
        .filter(|&r| reports[r].date.value.is_some())
        .collect();
    let weak = |r: usize| reports[r].date.inferred || reports[r].cited;
    let stated: Vec<&EventDate> = dated.iter().filter(|&&r| !weak(r)).map(|&r| &reports[r].date).collect();
    let earliest = dated
        .iter()
        .map(|&r| &reports[r].date)
        .min_by_key(|d| (d.value.and_then(period_start), d.value));
    dated
        .iter()
        .copied()
        .filter(|&r| {
            let d = &reports[r].date;
            if !weak(r) {
                return true;
            }
            if stated.is_empty() {
                earliest.is_none_or(|e| dates_compatible(d, e, 0))
            } else {
                stated.iter().all(|s| dates_compatible(d, s, 0))
            }
        })
        .collect()
}

/// The first day of a partial date's period (`2025-05` → 2025-05-01).
fn period_start(d: PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

/// Whether two event dates can be the same day: an undated side fits
/// anything; otherwise [`PartialDate::compatible`] (or, with `slack_days`,
/// two days at most that far apart), and a qualified coarse date only fits
/// finer dates in its part of the period, widened by five days or a month
/// for reports that round (early: days 1–20 of a month or months 1–7 of a
/// year; mid: days 4–27 or months 2–11; late: days 11– or months 6–12);
/// early and late of one period never fit each other.
pub(crate) fn dates_compatible(a: &EventDate, b: &EventDate, slack_days: u32) -> bool {
    let (Some(x), Some(y)) = (a.value, b.value) else {
        return true;
    };
    let near = match (x.to_naive(), y.to_naive()) {
        (Some(dx), Some(dy)) if slack_days > 0 => (dx - dy).num_days().unsigned_abs() <= u64::from(slack_days),
        _ => false,
    };
    if !(x.compatible(&y) || near) {
        return false;
    }
    let opposite = matches!(
        (a.qualifier, b.qualifier),
        (Some(DateQualifier::Early), Some(DateQualifier::Late))
            | (Some(DateQualifier::Late), Some(DateQualifier::Early))
    );
    !(x == y && opposite) && part_fits(x, a.qualifier, y) && part_fits(y, b.qualifier, x)
}

/// Whether finer date `y` falls in the part of coarse date `x` that qualifier `q` names.
fn part_fits(x: PartialDate, q: Option<DateQualifier>, y: PartialDate) -> bool {
    // The halves of a month or year, widened by five days (one month): a
    // report's "late December" for the 14th is one act at another wording.
    let range = |q| match q {
        DateQualifier::Early => Some((1, 20, 1, 7)),
        DateQualifier::Mid => Some((4, 27, 2, 11)),
        DateQualifier::Late => Some((11, 31, 6, 12)),
        _ => None,
    };
    let Some((d0, d1, m0, m1)) = q.and_then(range) else {
        return true;
    };
    match (x.precision(), y.day, y.month) {
        (DatePrecision::Month, Some(day), _) => (d0..=d1).contains(&day),
        (DatePrecision::Year, _, Some(month)) => (m0..=m1).contains(&month),
        _ => true,
    }
}

/// The entry date: among the finest dates given, the one most articles
/// support (an article supports every finer date its own date is compatible
/// with), then the earliest reported; its qualifier is the most given one
/// among the sources that give exactly that date.
fn resolve_date(reports: &[Report], ids: &[usize]) -> EventDate {
    let dated = date_voters(reports, ids);
    let Some(finest) = dated.iter().filter_map(|&r| reports[r].date.precision()).min() else {
        return EventDate::default();
    };
    let mut candidates: BTreeMap<PartialDate, (BTreeSet<usize>, (usize, usize))> = BTreeMap::new();
    for &r in &dated {
        let Some(v) = reports[r].date.value.filter(|v| v.precision() == finest) else {
            continue;
        };
        let e = candidates
            .entry(v)
            .or_insert_with(|| (BTreeSet::new(), reports[r].position()));
        e.1 = e.1.min(reports[r].position());
    }
    for (v, (arts, _)) in candidates.iter_mut() {
        for &r in &dated {
            if reports[r].date.value.is_some_and(|d| d.compatible(v)) {
                arts.insert(reports[r].art);
            }
        }
    }
    let Some(value) = candidates
        .iter()
        .min_by(|(va, (aa, pa)), (vb, (ab, pb))| ab.len().cmp(&aa.len()).then(pa.cmp(pb)).then(va.cmp(vb)))
        .map(|(v, _)| *v)
    else {
        return EventDate::default();
    };
    let exact: Vec<usize> = dated
        .iter()
        .copied()
        .filter(|&r| reports[r].date.value == Some(value))
        .collect();
    let mut qualifiers: Tally<DateQualifier> = Tally::default();
    for &r in &exact {
        if let Some(q) = reports[r].date.qualifier {
            qualifiers.add(q, reports[r].art, reports[r].position());
        }
    }
    let qualifier = qualifiers.winner().copied();
    let text = exact
        .iter()
        .find(|&&r| reports[r].date.qualifier == qualifier)
        .and_then(|&r| reports[r].date.text.clone());
    EventDate {
        value: Some(value),
        qualifier,
        text,
        inferred: exact.iter().all(|&r| reports[r].date.inferred),
    }
}

/// Dates at the precision of `chosen` that differ from it, or give another qualifier.
fn date_conflicts(reports: &[Report], ids: &[usize], chosen: &EventDate) -> Vec<DraftConflict> {
    let Some(value) = chosen.value else {
        return Vec::new();
    };
    let mut others: Tally<String> = Tally::default();
    for r in date_voters(reports, ids) {
        let d = &reports[r].date;
        let Some(v) = d.value.filter(|v| v.precision() == value.precision()) else {
            continue;
        };
        if v != value || (d.qualifier.is_some() && chosen.qualifier.is_some() && d.qualifier != chosen.qualifier) {
            others.add(d.display(), reports[r].art, reports[r].position());
        }
    }
    conflicts_from("date", &others)
}

/// The reports whose values count: all of them, except that a fulfilled
/// plan (a `not_occurred` report merged with reports that it happened) only
/// lends its source, not its date, detail, agent or place.
fn voters(reports: &[Report], ids: &[usize]) -> Vec<usize> {
    let happened: Vec<usize> = ids
        .iter()
        .copied()
        .filter(|&r| reports[r].event.status != Status::NotOccurred)
        .collect();
    if happened.is_empty() { ids.to_vec() } else { happened }
}

/// The majority status (articles counted once per status), ties to the earliest.
fn resolve_status(reports: &[Report], ids: &[usize]) -> Status {
    let mut t: Tally<Status> = Tally::default();
    for &r in ids {
        t.add(reports[r].event.status, reports[r].art, reports[r].position());
    }
    t.winner().copied().unwrap_or(Status::Occurred)
}

/// Statuses other than `chosen`, with the articles that give them.
fn status_conflicts(reports: &[Report], ids: &[usize], chosen: Status) -> Vec<DraftConflict> {
    let mut others: Tally<String> = Tally::default();
    for &r in ids {
        let s = reports[r].event.status;
        if s != chosen {
            others.add(s.as_str().to_string(), reports[r].art, reports[r].position());
        }
    }
    conflicts_from("status", &others)
}

/// The majority detail (compared folded), ties to the earliest; a different
/// detail that neither contains nor is contained in it is a conflict.
fn resolve_detail(reports: &[Report], ids: &[usize]) -> (Option<String>, Vec<DraftConflict>) {
    let mut t: Tally<String> = Tally::default();
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    for &r in ids {
        let Some(d) = reports[r]
            .event
            .detail
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        else {
            continue;
        };
        let key = fold(d);
        shown.entry(key.clone()).or_insert_with(|| d.to_string());
        t.add(key, reports[r].art, reports[r].position());
    }
    let Some(win) = t.winner().cloned() else {
        return (None, Vec::new());
    };
    let mut others: Tally<String> = Tally::default();
    for (k, arts) in t.ranked().into_iter().skip(1) {
        if win.contains(k.as_str()) || k.contains(win.as_str()) {
            continue;
        }
        for &a in arts {
            others.add(shown.get(k).cloned().unwrap_or_default(), a, (a, 0));
        }
    }
    (shown.get(&win).cloned(), conflicts_from("detail", &others))
}

fn conflicts_from(field: &'static str, others: &Tally<String>) -> Vec<DraftConflict> {
    others
        .ranked()
        .into_iter()
        .map(|(value, arts)| DraftConflict {
            field,
            value: value.clone(),
            arts: arts.iter().copied().collect(),
        })
        .collect()
}

/// Marks plans that came true: a `not_occurred` report dated after its own
/// article's publication (a hearing "set for Friday") moves out of the
/// negated chains when a later-published article reports an event of the
/// same type, with a named subject in common and a compatible date, as
/// occurred or alleged. The plan then becomes a source of that entry, its
/// status a conflict. A refused motion (dated on or before publication)
/// stays `not_occurred`.
pub(crate) fn fulfil_plans(reports: &mut [Report], settings: &Settings) {
    let plans: Vec<usize> = (0..reports.len())
        .filter(|&p| {
            let r = &reports[p];
            let start = r.date.value.and_then(period_start);
            r.negated && matches!((start, r.published), (Some(s), Some(p)) if s > p)
        })
        .collect();
    if plans.is_empty() {
        return;
    }
    // The reports that can fulfil a plan, by (type, named subject, year):
    // compatible dates share their year, or (with the slack) are at most
    // `date_slack_days` apart. A plan is then compared only with the
    // reports of its own type, subjects and years, not with every report.
    let mut done_by: BTreeMap<(EventType, &CaseSubject, i32), Vec<usize>> = BTreeMap::new();
    for (qi, q) in reports.iter().enumerate() {
        let Some(v) = q.date.value else { continue };
        if q.negated || q.event.status == Status::NotOccurred {
            continue;
        }
        let mut seen: Vec<&CaseSubject> = Vec::new();
        for s in q.named() {
            if !seen.contains(&s) {
                seen.push(s);
                done_by.entry((q.event.event_type, s, v.year)).or_default().push(qi);
            }
        }
    }
    let years = i32::try_from(settings.date_slack_days / 365 + 1).unwrap_or(i32::MAX);
    let mut fulfilled: Vec<usize> = Vec::new();
    for p in plans {
        let plan = &reports[p];
        let Some(v) = plan.date.value else { continue };
        let span = if settings.date_slack_days > 0 { years } else { 0 };
        let done = plan.named().any(|t| {
            (v.year.saturating_sub(span)..=v.year.saturating_add(span)).any(|year| {
                done_by
                    .get(&(plan.event.event_type, t, year))
                    .into_iter()
                    .flatten()
                    .any(|&qi| {
                        let q = &reports[qi];
                        dates_compatible(&q.date, &plan.date, settings.date_slack_days)
                            && matches!((q.published, plan.published), (Some(a), Some(b)) if a > b)
                    })
            })
        });
        if done {
            fulfilled.push(p);
        }
    }
    for p in fulfilled {
        reports[p].negated = false;
    }
}

/// Fills in the date of an undated conviction from the same person's
/// sentence: a verdict and its sentence are pronounced together where these
/// cases are tried, so when every dated (not `not_occurred`) sentence report
/// about each of the conviction's named people gives compatible dates, the
/// conviction takes the most precise of them (without `date_text`), unless
/// that date is after the conviction's article was published.
pub(crate) fn infer_dates(reports: &mut [Report]) {
    // The dated sentence reports (not `not_occurred`) per named subject, so
    // each conviction looks only at its own people's sentences.
    let mut sentences: BTreeMap<&CaseSubject, Vec<usize>> = BTreeMap::new();
    for (qi, q) in reports.iter().enumerate() {
        if q.event.event_type != EventType::Sentence || q.negated || q.date.value.is_none() {
            continue;
        }
        let mut seen: Vec<&CaseSubject> = Vec::new();
        for s in q.named() {
            if !seen.contains(&s) {
                seen.push(s);
                sentences.entry(s).or_default().push(qi);
            }
        }
    }
    // Convictions of the same people get the same answer: computed once.
    let mut answer: BTreeMap<Vec<&CaseSubject>, Option<PartialDate>> = BTreeMap::new();
    let mut inferred: Vec<(usize, PartialDate)> = Vec::new();
    for (ri, r) in reports.iter().enumerate() {
        if r.event.event_type != EventType::Conviction || r.negated || r.date.value.is_some() {
            continue;
        }
        let mut people: Vec<&CaseSubject> = r.named().collect();
        if people.is_empty() {
            continue;
        }
        people.sort();
        people.dedup();
        let finest = *answer.entry(people).or_insert_with_key(|people| {
            let covered = people.iter().all(|p| sentences.contains_key(p));
            if !covered {
                return None;
            }
            let dates: BTreeSet<PartialDate> = people
                .iter()
                .flat_map(|p| sentences.get(p).into_iter().flatten())
                .filter_map(|&qi| reports[qi].date.value)
                .collect();
            let agree = dates.iter().all(|a| dates.iter().all(|b| a.compatible(b)));
            if !agree {
                return None;
            }
            dates.iter().copied().min_by_key(|d| (d.precision(), *d))
        });
        let Some(finest) = finest else { continue };
        let after = matches!((period_start(finest), r.published), (Some(s), Some(p)) if s > p);
        if !after {
            inferred.push((ri, finest));
        }
    }
    for (ri, d) in inferred {
        reports[ri].date = EventDate {
            value: Some(d),
            qualifier: None,
            text: None,
            inferred: true,
        };
    }
}

#[cfg(test)]
mod tests {
    //! The indexed passes against the all-pairs rules they replaced, on a
    //! large generated case.
    use super::*;
    use casewatch_model::Evidence;

    /// The all-pairs rule of [`fulfil_plans`] (every plan against every report).
    fn fulfil_plans_all_pairs(reports: &mut [Report], settings: &Settings) {
        let plans: Vec<usize> = (0..reports.len())
            .filter(|&p| {
                let r = &reports[p];
                let start = r.date.value.and_then(period_start);
                r.negated && matches!((start, r.published), (Some(s), Some(p)) if s > p)
            })
            .collect();
        for p in plans {
            let plan = &reports[p];
            let done = reports.iter().any(|q| {
                !q.negated
                    && q.event.status != Status::NotOccurred
                    && q.event.event_type == plan.event.event_type
                    && q.date.value.is_some()
                    && dates_compatible(&q.date, &plan.date, settings.date_slack_days)
                    && matches!((q.published, plan.published), (Some(a), Some(b)) if a > b)
                    && q.named().any(|s| plan.named().any(|t| s == t))
            });
            if done {
                reports[p].negated = false;
            }
        }
    }

    /// The all-pairs rule of [`infer_dates`] (every conviction against every report).
    fn infer_dates_all_pairs(reports: &mut [Report]) {
        let mut inferred: Vec<(usize, PartialDate)> = Vec::new();
        for (ri, r) in reports.iter().enumerate() {
            if r.event.event_type != EventType::Conviction || r.negated || r.date.value.is_some() {
                continue;
            }
            let people: Vec<&CaseSubject> = r.named().collect();
            if people.is_empty() {
                continue;
            }
            let dates: Vec<PartialDate> = reports
                .iter()
                .filter(|q| q.event.event_type == EventType::Sentence && !q.negated)
                .filter(|q| q.named().any(|s| people.contains(&s)))
                .filter_map(|q| q.date.value)
                .collect();
            let covered = people.iter().all(|p| {
                reports.iter().any(|q| {
                    q.event.event_type == EventType::Sentence
                        && !q.negated
                        && q.date.value.is_some()
                        && q.subjects.contains(p)
                })
            });
            let agree = dates.iter().all(|a| dates.iter().all(|b| a.compatible(b)));
            let Some(finest) = dates.iter().copied().min_by_key(|d| (d.precision(), *d)) else {
                continue;
            };
            let after = matches!((period_start(finest), r.published), (Some(s), Some(p)) if s > p);
            if covered && agree && !after {
                inferred.push((ri, finest));
            }
        }
        for (ri, d) in inferred {
            reports[ri].date = EventDate {
                value: Some(d),
                qualifier: None,
                text: None,
                inferred: true,
            };
        }
    }

    /// xorshift64*: a fixed sequence, so the case is the same on every run
    /// (the clustering tests use it too).
    pub(super) struct Rng(pub(super) u64);
    impl Rng {
        pub(super) fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
        }
    }

    /// 3,000 events of one case about eight people: hearings, sentences and
    /// convictions, planned and done, with dates at every precision.
    fn generated_events() -> Vec<(usize, Option<NaiveDate>, Event, Vec<CaseSubject>)> {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let types = [
            EventType::Hearing,
            EventType::Sentence,
            EventType::Conviction,
            EventType::Detention,
        ];
        let base = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
        (0..3000)
            .map(|i| {
                let published = base + chrono::Duration::days(rng.below(900) as i64);
                let day = base + chrono::Duration::days(rng.below(900) as i64);
                let value = match rng.below(5) {
                    0 => None,
                    1 => Some(PartialDate {
                        year: chrono::Datelike::year(&day),
                        month: None,
                        day: None,
                    }),
                    2 => Some(PartialDate {
                        year: chrono::Datelike::year(&day),
                        month: Some(chrono::Datelike::month(&day)),
                        day: None,
                    }),
                    _ => Some(PartialDate {
                        year: chrono::Datelike::year(&day),
                        month: Some(chrono::Datelike::month(&day)),
                        day: Some(chrono::Datelike::day(&day)),
                    }),
                };
                let status = match rng.below(4) {
                    0 => Status::NotOccurred,
                    1 => Status::Alleged,
                    _ => Status::Occurred,
                };
                // Eight people in most events, and 400 named now and then
                // (whose few sentences agree, so convictions take their date).
                let person = if rng.below(2) == 0 {
                    rng.below(8)
                } else {
                    8 + rng.below(400)
                };
                let mut subjects = vec![CaseSubject::Person(person as usize)];
                if rng.below(3) == 0 {
                    subjects.push(CaseSubject::Person(rng.below(8) as usize));
                }
                if rng.below(10) == 0 {
                    subjects = vec![CaseSubject::Group {
                        desc: "activists".into(),
                        count: None,
                    }];
                }
                let event = Event {
                    event_type: types[rng.below(types.len() as u64) as usize],
                    date: EventDate {
                        value,
                        qualifier: None,
                        text: None,
                        inferred: false,
                    },
                    subjects: Vec::new(),
                    agent: None,
                    place: None,
                    status,
                    attributed_to: None,
                    detail: None,
                    evidence: Evidence {
                        start: 0,
                        end: 0,
                        sentence: String::new(),
                    },
                    rule: None,
                };
                (i / 3, Some(published), event, subjects)
            })
            .collect()
    }

    fn reports(events: &[(usize, Option<NaiveDate>, Event, Vec<CaseSubject>)]) -> Vec<Report<'_>> {
        events
            .iter()
            .map(|(art, published, ev, subjects)| {
                let subjects = subjects.iter().map(|s| (s.clone(), "p1".to_string())).collect();
                Report::new(*art, *published, ev, subjects, None)
            })
            .collect()
    }

    #[test]
    fn indexed_passes_equal_the_all_pairs_rules_on_a_large_case() {
        let events = generated_events();
        for slack in [0, 3, 400] {
            let settings = Settings {
                date_slack_days: slack,
                ..Settings::default()
            };
            let (mut fast, mut slow) = (reports(&events), reports(&events));
            fulfil_plans(&mut fast, &settings);
            fulfil_plans_all_pairs(&mut slow, &settings);
            let negated = |rs: &[Report]| rs.iter().map(|r| r.negated).collect::<Vec<_>>();
            assert_eq!(negated(&fast), negated(&slow), "slack {slack}");
            let before = negated(&reports(&events));
            let fulfilled = before.iter().zip(negated(&fast)).filter(|(a, b)| **a && !*b).count();
            assert!(fulfilled > 10, "the generated case fulfils plans: {fulfilled}");
            infer_dates(&mut fast);
            infer_dates_all_pairs(&mut slow);
            let dates = |rs: &[Report]| rs.iter().map(|r| r.date.clone()).collect::<Vec<_>>();
            assert_eq!(dates(&fast), dates(&slow), "slack {slack}");
            let inferred = fast.iter().filter(|r| r.date.inferred).count();
            assert!(inferred >= 5, "the generated case infers conviction dates: {inferred}");
        }
    }

    #[test]
    fn a_conviction_takes_the_date_its_people_s_sentences_agree_on() {
        let mk = |event_type, value: Option<PartialDate>| Event {
            event_type,
            date: EventDate {
                value,
                qualifier: None,
                text: None,
                inferred: false,
            },
            subjects: Vec::new(),
            agent: None,
            place: None,
            status: Status::Occurred,
            attributed_to: None,
            detail: None,
            evidence: Evidence {
                start: 0,
                end: 0,
                sentence: String::new(),
            },
            rule: None,
        };
        let day = PartialDate {
            year: 2024,
            month: Some(3),
            day: Some(5),
        };
        let month = PartialDate { day: None, ..day };
        let events = [
            mk(EventType::Conviction, None),
            mk(EventType::Sentence, Some(month)),
            mk(EventType::Sentence, Some(day)),
        ];
        let published = NaiveDate::from_ymd_opt(2024, 3, 6);
        let mut rs: Vec<Report> = events
            .iter()
            .map(|e| Report::new(0, published, e, vec![(CaseSubject::Person(0), "p1".into())], None))
            .collect();
        infer_dates(&mut rs);
        assert_eq!(rs[0].date.value, Some(day));
        assert!(rs[0].date.inferred);
    }
}
