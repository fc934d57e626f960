//! Date clustering of one chain (one type, status side and subject): which assertions report one real act.
//!
//! The rule (see the module docs of [`super`]): finest dates first, an
//! assertion joins a cluster whose every date is compatible with its own;
//! restated charges and undated assertions come last and join a dated
//! cluster (or, failing that, an undated one); among several candidates the
//! one whose details share the most words wins, then the one more articles
//! support, then the oldest.
//!
//! Cost: each cluster keeps what the rule asks of its members as summaries
//! (its distinct dates, the earliest start, its distinct word sets, its
//! articles, its group words), so testing a candidate costs the number of
//! *distinct* values in it, not its members. A dated assertion tests only
//! the clusters whose first date lies in its own period (plus the slack
//! days), found through an index by that date; restated and undated
//! assertions test every cluster of the chain, i.e. every distinct act of
//! one type for one subject. Word similarity is computed only when more
//! than one cluster qualifies, once per pair of distinct word sets. So a
//! chain of n reports of k acts costs about n × k summaries in the worst
//! case, never n × n member comparisons.

use super::{Assertion, ONE_DAY_ACTS, Report, dates_compatible, period_start, restatement, slack};
use crate::Settings;
use crate::text::jaccard;
use casewatch_model::{DatePrecision, EventDate, PartialDate};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Distinct word sets of a chain, each given a small number.
#[derive(Default)]
struct WordSets<'a> {
    ids: HashMap<&'a BTreeSet<String>, usize>,
    sets: Vec<&'a BTreeSet<String>>,
}

impl<'a> WordSets<'a> {
    fn id(&mut self, set: &'a BTreeSet<String>) -> usize {
        if let Some(&id) = self.ids.get(set) {
            return id;
        }
        let id = self.sets.len();
        self.sets.push(set);
        self.ids.insert(set, id);
        id
    }
}

/// What the clustering rule asks of a cluster's members, kept as summaries.
struct Draft<'a> {
    members: Vec<usize>,
    /// Distinct dates the clustering sees (a restatement's as undated).
    dates: Vec<&'a EventDate>,
    /// Distinct own dates of the members.
    raws: Vec<&'a EventDate>,
    /// Whether some member is dated (as the clustering sees it).
    dated: bool,
    /// The earliest period start of the members' dates.
    start: Option<NaiveDate>,
    /// Distinct word sets of the members.
    words: Vec<usize>,
    /// Distinct (detail in Cyrillic, word set) of the members that give a
    /// detail and some words: what a restatement's charge is compared with.
    charge_words: Vec<(bool, usize)>,
    /// Distinct group word sets of the members that have a group.
    group_words: Vec<usize>,
    /// Whether some member has no group.
    group_none: bool,
    /// The articles of the members.
    arts: BTreeSet<usize>,
}

/// Index key of a partial date: year, month, day (0 where unknown), in date order.
fn key(d: PartialDate) -> (i32, u32, u32) {
    (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
}

/// Clusters one chain's assertions; returns clusters of indices into
/// `assertions`, in the order they were founded.
pub(super) fn cluster_chain(
    assertions: &[Assertion],
    reports: &[Report],
    is_group: bool,
    negated: bool,
    settings: &Settings,
) -> Vec<Vec<usize>> {
    // A restated charge's inherited date is no evidence of the day the
    // charge was brought, only that it stood by then (see [`restatement`]):
    // it clusters after the stated dates, as if undated, but never joins a
    // charge stated later than itself.
    let undated = EventDate::default();
    let one_day = assertions
        .first()
        .is_some_and(|a| ONE_DAY_ACTS.contains(&reports[a.report].event.event_type));
    let max_slack = if one_day {
        settings.date_slack_days.max(1)
    } else {
        settings.date_slack_days
    };
    let restated = |i: usize| restatement(&reports[assertions[i].report]);
    let raw = |i: usize| &reports[assertions[i].report].date;
    let date_of = |i: usize| if restated(i) { &undated } else { raw(i) };
    let script = |r: usize| reports[r].event.detail.as_deref().map(cyrillic);
    let mut order: Vec<usize> = (0..assertions.len()).collect();
    order.sort_by_key(|&i| {
        let d = date_of(i).value;
        let phase = if d.is_some() {
            0
        } else if restated(i) {
            1
        } else {
            2
        };
        (
            phase,
            d.map(|v| v.precision()),
            raw(i).value,
            reports[assertions[i].report].position(),
            i,
        )
    });

    let mut sets = WordSets::default();
    let word_ids: Vec<usize> = assertions.iter().map(|a| sets.id(&a.words)).collect();
    let group_ids: Vec<usize> = assertions.iter().map(|a| sets.id(&a.group_words)).collect();
    let mut similarity: HashMap<(usize, usize), f64> = HashMap::new();
    let mut clusters: Vec<Draft> = Vec::new();
    // Clusters founded by a dated assertion, by the key of their first date.
    let mut by_first_date: BTreeMap<(i32, u32, u32), Vec<usize>> = BTreeMap::new();

    for i in order {
        let a = &assertions[i];
        let d = date_of(i);
        let similar_group = |c: &Draft| {
            !is_group
                || a.group.is_none()
                || c.group_none
                || c.group_words.iter().any(|&g| !sets.sets[g].is_disjoint(&a.group_words))
        };
        let published = reports[a.report].published;
        // A restatement names another charge than a cluster when both give
        // a charge in one script and no word of theirs shares a stem.
        let other_charge = |c: &Draft| {
            let Some(own) = script(a.report) else {
                return false;
            };
            let mut comparable = c.charge_words.iter().filter(|(s, _)| *s == own).peekable();
            !a.words.is_empty()
                && comparable.peek().is_some()
                && comparable.all(|&(_, w)| !share_stem(sets.sets[w], &a.words))
        };
        let after_publication = |c: &Draft| !negated && matches!((c.start, published), (Some(s), Some(p)) if s > p);
        let candidates: Vec<usize> = if let Some(value) = d.value {
            // Every cluster founded so far starts at a date at least as
            // fine as this one (finest dates come first), so a compatible
            // one starts inside this date's period, or within the slack.
            let (lo, hi) = match (value.precision(), value.to_naive()) {
                (DatePrecision::Day, Some(day)) => {
                    let span = chrono::Duration::days(i64::from(max_slack));
                    let at = |x: NaiveDate| {
                        key(PartialDate {
                            year: chrono::Datelike::year(&x),
                            month: Some(chrono::Datelike::month(&x)),
                            day: Some(chrono::Datelike::day(&x)),
                        })
                    };
                    // (a slack past the calendar's ends reaches every cluster)
                    (
                        day.checked_sub_signed(span).map_or((i32::MIN, 0, 0), at),
                        day.checked_add_signed(span).map_or((i32::MAX, u32::MAX, u32::MAX), at),
                    )
                }
                (DatePrecision::Day, None) => (key(value), key(value)),
                (DatePrecision::Month, _) => (key(value), (value.year, value.month.unwrap_or(0), u32::MAX)),
                (DatePrecision::Year, _) => (key(value), (value.year, u32::MAX, u32::MAX)),
            };
            let mut found: Vec<usize> = by_first_date
                .range(lo..=hi)
                .flat_map(|(_, ks)| ks.iter().copied())
                .collect();
            found.sort_unstable();
            found
                .into_iter()
                .filter(|&k| {
                    let c = &clusters[k];
                    c.dates
                        .iter()
                        .all(|m| dates_compatible(d, m, slack(one_day, d, m, settings)))
                        && (similar_group(c)
                            || (d.precision() == Some(DatePrecision::Day)
                                && c.dates.iter().any(|m| m.value == d.value)))
                })
                .collect()
        } else if restated(i) {
            // The charge stood by the inherited date: join a charge dated
            // (stated or inherited) compatibly or earlier.
            let own = raw(i);
            let own_start = own.value.and_then(period_start);
            (0..clusters.len())
                .filter(|&k| {
                    let c = &clusters[k];
                    let earlier = c.raws.iter().any(|m| {
                        m.value.is_some()
                            && (dates_compatible(own, m, 0)
                                || matches!((m.value.and_then(period_start), own_start), (Some(x), Some(y)) if x <= y))
                    });
                    earlier && !after_publication(c) && similar_group(c) && !other_charge(c)
                })
                .collect()
        } else {
            let dated: Vec<usize> = (0..clusters.len())
                .filter(|&k| {
                    let c = &clusters[k];
                    c.dated && !after_publication(c) && similar_group(c)
                })
                .collect();
            if dated.is_empty() {
                (0..clusters.len())
                    .filter(|&k| !clusters[k].dated && similar_group(&clusters[k]))
                    .collect()
            } else {
                dated
            }
        };
        let best = if candidates.len() < 2 {
            candidates.first().copied()
        } else {
            let own = word_ids[i];
            candidates.into_iter().max_by_key(|&k| {
                let c = &clusters[k];
                let sim = c
                    .words
                    .iter()
                    .map(|&w| {
                        *similarity
                            .entry((own.min(w), own.max(w)))
                            .or_insert_with(|| jaccard(sets.sets[own], sets.sets[w]))
                    })
                    .fold(0.0_f64, f64::max);
                ((sim * 1_000_000.0) as u64, c.arts.len(), std::cmp::Reverse(k))
            })
        };
        let k = match best {
            Some(k) => k,
            None => {
                if let Some(value) = d.value {
                    by_first_date.entry(key(value)).or_default().push(clusters.len());
                }
                clusters.push(Draft {
                    members: Vec::new(),
                    dates: Vec::new(),
                    raws: Vec::new(),
                    dated: false,
                    start: None,
                    words: Vec::new(),
                    charge_words: Vec::new(),
                    group_words: Vec::new(),
                    group_none: false,
                    arts: BTreeSet::new(),
                });
                clusters.len() - 1
            }
        };
        let c = &mut clusters[k];
        c.members.push(i);
        if !c.dates.contains(&d) {
            c.dates.push(d);
        }
        if !c.raws.contains(&raw(i)) {
            c.raws.push(raw(i));
        }
        c.dated |= d.value.is_some();
        if let Some(s) = d.value.and_then(period_start) {
            c.start = Some(c.start.map_or(s, |t| t.min(s)));
        }
        if !c.words.contains(&word_ids[i]) {
            c.words.push(word_ids[i]);
        }
        if let Some(s) = script(a.report)
            && !a.words.is_empty()
            && !c.charge_words.contains(&(s, word_ids[i]))
        {
            c.charge_words.push((s, word_ids[i]));
        }
        match a.group {
            None => c.group_none = true,
            Some(_) if !c.group_words.contains(&group_ids[i]) => c.group_words.push(group_ids[i]),
            Some(_) => {}
        }
        c.arts.insert(reports[a.report].art);
    }
    clusters.into_iter().map(|c| c.members).collect()
}

/// Whether a text is written in Cyrillic (any Cyrillic letter).
fn cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Whether two word sets share a word up to its ending: equal words, or
/// words of five letters or more with the same first five ("riots" /
/// "riot" do not reach five; "organising" / "organised" do).
fn share_stem(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let stem = |w: &String| w.chars().take(5).collect::<String>();
    a.iter().any(|x| {
        b.iter()
            .any(|y| x == y || (x.chars().count() >= 5 && y.chars().count() >= 5 && stem(x) == stem(y)))
    })
}

#[cfg(test)]
mod tests {
    //! The summarised clustering against the all-pairs rule it replaced, on
    //! a large generated case with every kind of date, restated charges,
    //! details in two scripts and unnamed groups.
    use super::super::tests::Rng;
    use super::super::{CaseSubject, chains};
    use super::*;
    use casewatch_model::{DateQualifier, Event, EventType, Evidence, Status};

    /// The all-pairs rule of [`cluster_chain`] (every assertion against
    /// every member of every cluster), kept as the reference.
    fn cluster_chain_all_pairs(
        assertions: &[Assertion],
        reports: &[Report],
        is_group: bool,
        negated: bool,
        settings: &Settings,
    ) -> Vec<Vec<usize>> {
        // A restated charge's inherited date is no evidence of the day the
        // charge was brought, only that it stood by then (see [`restatement`]):
        // it clusters after the stated dates, as if undated, but never joins a
        // charge stated later than itself.
        let undated = EventDate::default();
        let one_day = assertions
            .first()
            .is_some_and(|a| ONE_DAY_ACTS.contains(&reports[a.report].event.event_type));
        let restated = |i: usize| restatement(&reports[assertions[i].report]);
        let raw = |i: usize| &reports[assertions[i].report].date;
        let date_of = |i: usize| if restated(i) { &undated } else { raw(i) };
        let mut order: Vec<usize> = (0..assertions.len()).collect();
        order.sort_by_key(|&i| {
            let d = date_of(i).value;
            let phase = if d.is_some() {
                0
            } else if restated(i) {
                1
            } else {
                2
            };
            (
                phase,
                d.map(|v| v.precision()),
                raw(i).value,
                reports[assertions[i].report].position(),
                i,
            )
        });
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for i in order {
            let a = &assertions[i];
            let d = date_of(i);
            let similar_group = |c: &Vec<usize>| {
                !is_group
                    || a.group.is_none()
                    || c.iter().any(|&m| {
                        assertions[m].group.is_none() || !assertions[m].group_words.is_disjoint(&a.group_words)
                    })
            };
            let published = reports[a.report].published;
            // A restatement names another charge than a cluster when both give
            // a charge in one script and no word of theirs shares a stem.
            let other_charge = |a: &Assertion, c: &Vec<usize>| {
                let script = |r: usize| reports[r].event.detail.as_deref().map(cyrillic);
                let own = script(a.report);
                let comparable: Vec<&BTreeSet<String>> = c
                    .iter()
                    .filter(|&&m| {
                        !assertions[m].words.is_empty() && own.is_some() && script(assertions[m].report) == own
                    })
                    .map(|&m| &assertions[m].words)
                    .collect();
                !a.words.is_empty() && !comparable.is_empty() && comparable.iter().all(|w| !share_stem(w, &a.words))
            };
            let after_publication = |c: &Vec<usize>| {
                let start = c
                    .iter()
                    .filter_map(|&m| date_of(m).value)
                    .filter_map(period_start)
                    .min();
                !negated && matches!((start, published), (Some(s), Some(p)) if s > p)
            };
            let candidates: Vec<usize> = if d.value.is_some() {
                (0..clusters.len())
                    .filter(|&k| {
                        let c = &clusters[k];
                        c.iter()
                            .all(|&m| dates_compatible(d, date_of(m), slack(one_day, d, date_of(m), settings)))
                            && (similar_group(c)
                                || (d.precision() == Some(DatePrecision::Day)
                                    && c.iter().any(|&m| date_of(m).value == d.value)))
                    })
                    .collect()
            } else if restated(i) {
                // The charge stood by the inherited date: join a charge dated
                // (stated or inherited) compatibly or earlier.
                let own = raw(i);
                let own_start = own.value.and_then(period_start);
                (0..clusters.len())
                    .filter(|&k| {
                        let c = &clusters[k];
                        let earlier = c.iter().any(|&m| {
                            raw(m).value.is_some()
                                && (dates_compatible(own, raw(m), 0)
                                    || matches!((raw(m).value.and_then(period_start), own_start), (Some(x), Some(y)) if x <= y))
                        });
                        earlier && !after_publication(c) && similar_group(c) && !other_charge(a, c)
                    })
                    .collect()
            } else {
                let dated: Vec<usize> = (0..clusters.len())
                    .filter(|&k| {
                        let c = &clusters[k];
                        let has_dated = c.iter().any(|&m| date_of(m).value.is_some());
                        has_dated && !after_publication(c) && similar_group(c)
                    })
                    .collect();
                if dated.is_empty() {
                    (0..clusters.len())
                        .filter(|&k| {
                            clusters[k].iter().all(|&m| date_of(m).value.is_none()) && similar_group(&clusters[k])
                        })
                        .collect()
                } else {
                    dated
                }
            };
            let best = candidates.into_iter().max_by_key(|&k| {
                let c = &clusters[k];
                let sim = c
                    .iter()
                    .map(|&m| jaccard(&a.words, &assertions[m].words))
                    .fold(0.0_f64, f64::max);
                let arts: BTreeSet<usize> = c.iter().map(|&m| reports[assertions[m].report].art).collect();
                ((sim * 1_000_000.0) as u64, arts.len(), std::cmp::Reverse(k))
            });
            match best {
                Some(k) => clusters[k].push(i),
                None => clusters.push(vec![i]),
            }
        }
        clusters
    }

    /// Whether a text is written in Cyrillic (any Cyrillic letter).
    fn cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    /// Whether two word sets share a word up to its ending: equal words, or
    /// words of five letters or more with the same first five ("riots" /
    /// "riot" do not reach five; "organising" / "organised" do).
    fn share_stem(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
        let stem = |w: &String| w.chars().take(5).collect::<String>();
        a.iter().any(|x| {
            b.iter()
                .any(|y| x == y || (x.chars().count() >= 5 && y.chars().count() >= 5 && stem(x) == stem(y)))
        })
    }

    /// 4,000 events of one fictional case: five people and two unnamed
    /// groups; charges (half of them restated with an inherited date),
    /// detentions and hearings over two years, at every precision, some
    /// with qualifiers or relative-day wording, with details in English or
    /// Russian drawn from a small vocabulary.
    fn generated_events() -> Vec<(usize, Option<NaiveDate>, Event, Vec<CaseSubject>)> {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let types = [EventType::Charge, EventType::Detention, EventType::Hearing];
        let details = [
            None,
            Some("on charges of organising riots"),
            Some("on charges of treason"),
            Some("for extremism"),
            Some("по делу об экстремизме"),
            Some("по статье о госизмене"),
            Some("riots and extremism"),
        ];
        let groups = ["two camera operators", "the activists", "three operators"];
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        (0..4000)
            .map(|i| {
                let day = base + chrono::Duration::days(rng.below(40) as i64 * 18 + rng.below(3) as i64);
                let published = day + chrono::Duration::days(rng.below(60) as i64 - 10);
                let (y, m, dd) = (
                    chrono::Datelike::year(&day),
                    chrono::Datelike::month(&day),
                    chrono::Datelike::day(&day),
                );
                let value = match rng.below(6) {
                    0 => None,
                    1 => Some(PartialDate {
                        year: y,
                        month: None,
                        day: None,
                    }),
                    2 => Some(PartialDate {
                        year: y,
                        month: Some(m),
                        day: None,
                    }),
                    _ => Some(PartialDate {
                        year: y,
                        month: Some(m),
                        day: Some(dd),
                    }),
                };
                let qualifier = match rng.below(8) {
                    0 => Some(DateQualifier::Early),
                    1 => Some(DateQualifier::Late),
                    _ => None,
                };
                let text = match rng.below(4) {
                    0 => Some("on Monday".to_string()),
                    1 => Some(format!("on {dd} May")),
                    _ => None,
                };
                let event_type = types[rng.below(types.len() as u64) as usize];
                let status = if rng.below(5) == 0 {
                    Status::NotOccurred
                } else {
                    Status::Occurred
                };
                let mut subjects = vec![CaseSubject::Person(rng.below(5) as usize)];
                if rng.below(6) == 0 {
                    subjects = vec![CaseSubject::Group {
                        desc: groups[rng.below(groups.len() as u64) as usize].into(),
                        count: None,
                    }];
                } else if rng.below(12) == 0 {
                    subjects.clear();
                }
                let event = Event {
                    event_type,
                    date: EventDate {
                        value,
                        qualifier,
                        text,
                        inferred: rng.below(2) == 0,
                    },
                    subjects: Vec::new(),
                    agent: None,
                    place: None,
                    status,
                    attributed_to: None,
                    detail: details[rng.below(details.len() as u64) as usize].map(str::to_string),
                    evidence: Evidence {
                        start: i,
                        end: i,
                        sentence: String::new(),
                    },
                    rule: None,
                };
                (i / 4, Some(published), event, subjects)
            })
            .collect()
    }

    #[test]
    fn summarised_clustering_equals_the_all_pairs_rule_on_a_large_case() {
        let events = generated_events();
        let reports: Vec<Report> = events
            .iter()
            .map(|(art, published, ev, subjects)| {
                let subjects = subjects.iter().map(|s| (s.clone(), "p1".to_string())).collect();
                Report::new(*art, *published, ev, subjects, None)
            })
            .collect();
        let mut restated = 0;
        let mut multi = 0;
        for slack in [0, 2] {
            let settings = Settings {
                date_slack_days: slack,
                ..Settings::default()
            };
            for ((_, negated, slot), assertions) in chains(&reports) {
                let is_group = slot == super::super::Slot::Group;
                let fast = cluster_chain(&assertions, &reports, is_group, negated, &settings);
                let slow = cluster_chain_all_pairs(&assertions, &reports, is_group, negated, &settings);
                assert_eq!(fast, slow, "slack {slack}, chain {slot:?}");
                restated += assertions.iter().filter(|a| restatement(&reports[a.report])).count();
                multi += fast.iter().filter(|c| c.len() > 1).count();
            }
        }
        assert!(restated > 200, "the case restates charges: {restated}");
        assert!(multi > 100, "the case has acts reported many times: {multi}");
    }
}
