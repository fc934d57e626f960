//! One case from its articles: people, organisations, merged timeline, charges and title; then ids and the model's `Case`.

use crate::articles::{Article, Subj, targets_outlet};
use crate::linking::outlet_key;
use crate::names::fold;
use crate::orgs::org_keys;
use crate::overrides::Resolved;
use crate::people::{self, Mention, Mode, PersonDraft};
use crate::text::Tally;
use crate::timeline::{self, CaseAgent, CaseSubject, Entry, Report};
use crate::unionfind::UnionFind;
use crate::{CaseProvenance, MentionRef, PersonLink, Settings};
use casewatch_model::{
    Agent, Case, CasePerson, Charge, Conflict, OrgKind, Organization, Review, Role, Source, Status, Subject,
    TimelineEntry,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// A reconciled organisation of a case, before ids are given out.
#[derive(Debug, Clone)]
struct OrgDraft {
    name: String,
    variants: Vec<String>,
    kind: OrgKind,
    /// (article rank, organisation index) of every entry clustered into it.
    mentions: Vec<(usize, usize)>,
}

/// A case charge, before ids are given out.
#[derive(Debug, Clone)]
struct ChargeDraft {
    label: String,
    article: Option<String>,
    subjects: BTreeSet<usize>,
}

/// A case with local indices; [`CaseDraft::emit`] turns it into a [`Case`].
pub(crate) struct CaseDraft<'a> {
    /// Article ranks, ascending.
    articles: Vec<usize>,
    people: Vec<PersonDraft>,
    /// The joins that made each person, index for index.
    links: Vec<Vec<people::Link>>,
    /// The mentions the joins' indices point into.
    mentions: Vec<Mention>,
    orgs: Vec<OrgDraft>,
    charges: Vec<ChargeDraft>,
    reports: Vec<Report<'a>>,
    entries: Vec<Entry>,
    title: String,
    /// (earliest publication date, undated last; smallest article id): the case order.
    pub sort_key: (bool, Option<NaiveDate>, String),
}

/// Builds the case made of the articles `members` (ranks, ascending).
pub(crate) fn build<'a>(
    arts: &'a [Article<'a>],
    members: &[usize],
    settings: &Settings,
    resolved: &Resolved,
) -> CaseDraft<'a> {
    // People: those that pass the name rules and are not named like an
    // organisation of the case ("Jeune Afrique" read as a person in one report).
    let org_names: BTreeSet<String> = members
        .iter()
        .flat_map(|&a| &arts[a].rec.organizations)
        .flat_map(|o| std::iter::once(&o.name).chain(&o.variants))
        .map(|n| fold(n))
        .collect();
    let mentions: Vec<Mention> = members
        .iter()
        .flat_map(|&art| {
            let a = &arts[art];
            (0..a.rec.people.len())
                .filter(|&person| a.valid[person] && !org_names.contains(&a.names[person].folded))
                .map(move |person| Mention { art, person })
                .collect::<Vec<_>>()
        })
        .collect();
    let constraints = resolved.constraints(&mentions);
    let (clusters, all_links) = people::cluster(arts, &mentions, Mode::Case, settings, &constraints);
    let mut cluster_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for &i in c {
            cluster_of.insert(i, ci);
        }
    }
    let mut links_of: Vec<Vec<people::Link>> = vec![Vec::new(); clusters.len()];
    for l in all_links {
        if let Some(&ci) = cluster_of.get(&l.a) {
            links_of[ci].push(l);
        }
    }
    let mut drafted: Vec<(PersonDraft, Vec<people::Link>)> = clusters
        .into_iter()
        .zip(links_of)
        .map(|(c, links)| {
            let ms: Vec<Mention> = c.into_iter().map(|i| mentions[i]).collect();
            (people::draft(arts, &ms), links)
        })
        .collect();
    drafted.sort_by_key(|(a, _)| (a.role, a.first));
    let (people, links): (Vec<PersonDraft>, Vec<Vec<people::Link>>) = drafted.into_iter().unzip();
    let person_of: BTreeMap<(usize, usize), usize> = people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.mentions.iter().map(move |m| ((m.art, m.person), i)))
        .collect();

    // Organisations.
    let (orgs, org_of, org_by_key) = organisations(arts, members);

    // Reports and timeline.
    let mut reports: Vec<Report<'a>> = Vec::new();
    for &art in members {
        let a = &arts[art];
        for (ei, ev) in a.rec.events.iter().enumerate() {
            if a.junk_events.contains(&ei) {
                continue;
            }
            let mut subjects: Vec<(CaseSubject, String)> = Vec::new();
            for s in a.subjects.get(ei).into_iter().flatten() {
                let mapped = match s {
                    Subj::Person(p) => person_of
                        .get(&(art, *p))
                        .map(|&i| (CaseSubject::Person(i), a.rec.people[*p].id.clone())),
                    Subj::Org(o) => org_of
                        .get(&(art, *o))
                        .map(|&i| (CaseSubject::Org(i), a.rec.organizations[*o].id.clone())),
                    Subj::Group { desc, count } => Some((
                        CaseSubject::Group {
                            desc: desc.clone(),
                            count: *count,
                        },
                        "group".to_string(),
                    )),
                };
                if let Some(m) = mapped.filter(|m| !subjects.iter().any(|(s, _)| *s == m.0)) {
                    subjects.push(m);
                }
            }
            let agent = ev.agent.as_ref().map(|ag| {
                let by_ref = ag
                    .reference
                    .as_ref()
                    .and_then(|r| a.rec.organizations.iter().position(|o| &o.id == r))
                    .and_then(|o| org_of.get(&(art, o)).copied());
                let org = by_ref.or_else(|| {
                    org_keys(&ag.name, OrgKind::Other)
                        .iter()
                        .find_map(|k| org_by_key.get(k).copied())
                });
                CaseAgent {
                    org,
                    name: org.map(|o| orgs[o].name.clone()).unwrap_or_else(|| ag.name.clone()),
                }
            });
            reports.push(Report::new(art, a.published(), ev, subjects, agent));
        }
    }
    timeline::fulfil_plans(&mut reports, settings);
    timeline::mark_cited_charges(&mut reports);
    if settings.infer_conviction_dates {
        timeline::infer_dates(&mut reports);
    }
    let mut entries = timeline::merge(&reports, settings);
    entries.sort_by(|a, b| {
        let ka = (
            a.date.value.is_none(),
            a.date.value,
            a.event_type,
            a.first_position(&reports),
            &a.subjects,
        );
        let kb = (
            b.date.value.is_none(),
            b.date.value,
            b.event_type,
            b.first_position(&reports),
            &b.subjects,
        );
        ka.cmp(&kb)
    });

    // Charges.
    let mut charge_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut charges: Vec<ChargeDraft> = Vec::new();
    let mut legal: Vec<Tally<String>> = Vec::new();
    for &art in members {
        let rec = arts[art].rec;
        for (ci, ch) in rec.charges.iter().enumerate() {
            let key = fold(&ch.label);
            if key.is_empty() {
                continue;
            }
            let i = *charge_index.entry(key).or_insert_with(|| {
                charges.push(ChargeDraft {
                    label: ch.label.trim().to_string(),
                    article: None,
                    subjects: BTreeSet::new(),
                });
                legal.push(Tally::default());
                charges.len() - 1
            });
            if let Some(law) = ch.article.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                legal[i].add(law.to_string(), art, (art, ci));
            }
            for pid in &ch.subjects {
                if let Some(p) = rec.people.iter().position(|p| &p.id == pid)
                    && let Some(&cp) = person_of.get(&(art, p))
                {
                    charges[i].subjects.insert(cp);
                }
            }
        }
    }
    for (c, t) in charges.iter_mut().zip(&legal) {
        c.article = t.winner().cloned();
    }

    let title = title(arts, members, &people, &orgs, &entries);
    let first_published = members.iter().filter_map(|&a| arts[a].published()).min();
    let smallest_id = members
        .iter()
        .map(|&a| arts[a].id().to_string())
        .min()
        .unwrap_or_default();
    CaseDraft {
        articles: members.to_vec(),
        people,
        links,
        mentions,
        orgs,
        charges,
        reports,
        entries,
        title,
        sort_key: (first_published.is_none(), first_published, smallest_id),
    }
}

/// Clusters the organisations of a case: two entries are one organisation
/// when a key ([`org_keys`]: folded name, acronym, court name without its
/// seat) of their names or variants is shared. Returns the drafts (in order
/// of first mention), the map (article, record index) → draft, and the map
/// key → draft.
#[allow(clippy::type_complexity)]
fn organisations(
    arts: &[Article],
    members: &[usize],
) -> (Vec<OrgDraft>, BTreeMap<(usize, usize), usize>, BTreeMap<String, usize>) {
    let entries: Vec<(usize, usize)> = members
        .iter()
        .flat_map(|&a| (0..arts[a].rec.organizations.len()).map(move |o| (a, o)))
        .collect();
    let mut uf = UnionFind::new(entries.len());
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, &(a, o)) in entries.iter().enumerate() {
        let org = &arts[a].rec.organizations[o];
        for n in std::iter::once(&org.name).chain(&org.variants) {
            for k in org_keys(n, org.kind) {
                let first = *owner.entry(k).or_insert(i);
                uf.union(first, i);
            }
        }
    }
    let mut drafts = Vec::new();
    let mut org_of = BTreeMap::new();
    let mut by_key = BTreeMap::new();
    for group in uf.groups() {
        let idx = drafts.len();
        let mut names: Tally<String> = Tally::default();
        let mut kinds: Tally<OrgKind> = Tally::default();
        let mut all: BTreeSet<String> = BTreeSet::new();
        for &i in &group {
            let (a, o) = entries[i];
            let org = &arts[a].rec.organizations[o];
            names.add(org.name.trim().to_string(), a, (a, o));
            kinds.add(org.kind, a, (a, o));
            all.extend(
                std::iter::once(&org.name)
                    .chain(&org.variants)
                    .map(|n| n.trim().to_string()),
            );
            org_of.insert((a, o), idx);
        }
        // Most frequent name; among equals, the longest.
        let ranked = names.ranked();
        let top = ranked.first().map(|(_, arts)| arts.len()).unwrap_or(0);
        let name = ranked
            .iter()
            .filter(|(_, arts)| arts.len() == top)
            .map(|(n, _)| (*n).clone())
            .max_by_key(|n| n.chars().count())
            .unwrap_or_default();
        let kind = kinds.winner().copied().unwrap_or(OrgKind::Other);
        all.remove(&name);
        all.remove("");
        for n in all.iter().chain(std::iter::once(&name)) {
            for k in org_keys(n, kind) {
                by_key.entry(k).or_insert(idx);
            }
        }
        drafts.push(OrgDraft {
            name,
            variants: all.into_iter().collect(),
            kind,
            mentions: group.iter().map(|&i| entries[i]).collect(),
        });
    }
    (drafts, org_of, by_key)
}

/// The case title: what the prosecution is about, never a date, a page
/// element, an official or an unnamed phrase. In order:
///
/// 1. "<Outlet> case" when a media outlet is itself the target of the
///    case's events (searched, blocked, liquidated, charged…) and the case
///    has no defendant, or two or more defendants and most of them work for it;
/// 2. "<Outlet> case" when at least two defendants share an affiliation
///    and more than half of the defendants do (the staff of one outlet);
/// 3. "<main defendant> case", the defendant in most timeline entries; "<A>
///    and <B> case" when exactly two defendants are in equally many;
/// 4. "<Outlet> case" for a targeted outlet;
/// 5. "Case of article <id>" (only a reviewer's move makes a case with
///    neither defendant nor targeted outlet).
///
/// Names are the people's canonical names (the most frequent full form,
/// as the extractor gives them: in the nominative).
fn title(arts: &[Article], members: &[usize], people: &[PersonDraft], orgs: &[OrgDraft], entries: &[Entry]) -> String {
    // Defendants the articles are about; those named only in passing title nothing.
    let defendants: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].role == Role::Defendant && people[i].role_rule == "subject_of_legal_event")
        .collect();
    let mut targeted: Tally<usize> = Tally::default();
    for (i, e) in entries.iter().enumerate() {
        if !matches!(e.status, Status::Occurred | Status::Alleged) || !targets_outlet(e.event_type) {
            continue;
        }
        for s in &e.subjects {
            if let CaseSubject::Org(o) = s
                && orgs[*o].kind == OrgKind::MediaOutlet
            {
                targeted.add(*o, i, (i, 0));
            }
        }
    }
    let mut outlets: Tally<String> = Tally::default();
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    for &d in &defendants {
        if let Some(aff) = &people[d].affiliation {
            shown.entry(outlet_key(aff)).or_insert_with(|| aff.clone());
            outlets.add(outlet_key(aff), d, (d, 0));
        }
    }
    if let Some(&o) = targeted.winner() {
        let staff = outlets
            .ranked()
            .iter()
            .find(|(k, _)| **k == outlet_key(&orgs[o].name))
            .map(|(_, who)| who.len())
            .unwrap_or(0);
        if defendants.is_empty() || (staff >= 2 && staff * 2 > defendants.len()) {
            return format!("{} case", orgs[o].name);
        }
    }
    if let Some((key, who)) = outlets.ranked().first()
        && who.len() >= 2
        && who.len() * 2 > defendants.len()
        && let Some(name) = shown.get(*key)
    {
        return format!("{name} case");
    }
    // Entries per person, counted in one pass over the timeline (an entry
    // lists a subject once: its subjects are sorted and deduplicated).
    let mut entry_count = vec![0usize; people.len()];
    for e in entries {
        for s in &e.subjects {
            if let CaseSubject::Person(p) = s
                && let Some(n) = entry_count.get_mut(*p)
            {
                *n += 1;
            }
        }
    }
    let in_entries = |p: usize| entry_count.get(p).copied().unwrap_or(0);
    let mut ranked: Vec<usize> = defendants.clone();
    ranked.sort_by_key(|&d| (std::cmp::Reverse(in_entries(d)), d));
    match ranked.as_slice() {
        [a, b] if in_entries(*a) == in_entries(*b) => {
            return format!("{} and {} case", people[*a].name, people[*b].name);
        }
        [main, ..] => return format!("{} case", people[*main].name),
        [] => {}
    }
    if let Some(&o) = targeted.winner() {
        return format!("{} case", orgs[o].name);
    }
    format!(
        "Case of article {}",
        members.first().map(|&a| arts[a].id()).unwrap_or_default()
    )
}

/// Running id counters across the whole case file.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    pub case: usize,
    pub person: usize,
    pub org: usize,
    pub event: usize,
}

impl CaseDraft<'_> {
    /// The model's case, numbering people `P…`, organisations `O…` and
    /// events `E…` on from `ids`, and the provenance of each of them (the
    /// stable keys that identity assignment matches on).
    pub(crate) fn emit(&self, arts: &[Article], ids: &mut Ids) -> (Case, CaseProvenance) {
        let provenance = self.provenance(arts);
        ids.case += 1;
        let person_ids: Vec<String> = (0..self.people.len())
            .map(|i| format!("P{}", ids.person + i + 1))
            .collect();
        ids.person += self.people.len();
        let org_ids: Vec<String> = (0..self.orgs.len()).map(|i| format!("O{}", ids.org + i + 1)).collect();
        ids.org += self.orgs.len();
        let subject = |s: &CaseSubject| match s {
            CaseSubject::Person(p) => Subject {
                reference: Some(person_ids[*p].clone()),
                name: Some(self.people[*p].name.clone()),
                ..Subject::default()
            },
            CaseSubject::Org(o) => Subject {
                reference: Some(org_ids[*o].clone()),
                name: Some(self.orgs[*o].name.clone()),
                ..Subject::default()
            },
            CaseSubject::Group { desc, count } => Subject {
                group: Some(desc.clone()).filter(|d| !d.is_empty()),
                count: *count,
                ..Subject::default()
            },
        };
        let events = self
            .entries
            .iter()
            .map(|e| {
                ids.event += 1;
                TimelineEntry {
                    id: format!("E{}", ids.event),
                    event_type: e.event_type,
                    date: e.date.clone(),
                    subjects: e.subjects.iter().map(subject).collect(),
                    agent: e.agent.as_ref().map(|a| Agent {
                        reference: a.org.map(|o| org_ids[o].clone()),
                        name: a.name.clone(),
                    }),
                    place: e.place.clone(),
                    status: e.status,
                    detail: e.detail.clone(),
                    review: Review::Machine,
                    sources: e
                        .reports
                        .iter()
                        .map(|&r| {
                            let rep = &self.reports[r];
                            let meta = &arts[rep.art].rec.article;
                            Source {
                                article: meta.id.clone(),
                                published: meta.published,
                                url: meta.url.clone(),
                                title: meta.title.clone(),
                                outlet: meta.url.as_deref().and_then(casewatch_model::outlet_of_url),
                                start: rep.event.evidence.start,
                                end: rep.event.evidence.end,
                                sentence: rep.event.evidence.sentence.clone(),
                            }
                        })
                        .collect(),
                    conflicts: e
                        .conflicts
                        .iter()
                        .map(|c| Conflict {
                            field: c.field.to_string(),
                            value: c.value.clone(),
                            sources: c.arts.iter().map(|&a| arts[a].id().to_string()).collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        let mut articles: Vec<String> = self.articles.iter().map(|&a| arts[a].id().to_string()).collect();
        articles.sort();
        let case = Case {
            id: format!("c{}", ids.case),
            title: self.title.clone(),
            people: self
                .people
                .iter()
                .zip(&person_ids)
                .map(|(p, id)| CasePerson {
                    id: id.clone(),
                    name: p.name.clone(),
                    variants: p.variants.clone(),
                    occupation: p.occupation.clone(),
                    affiliation: p.affiliation.clone(),
                    former: p.former,
                    role: p.role,
                    role_rule: Some(p.role_rule.to_string()),
                })
                .collect(),
            organizations: self
                .orgs
                .iter()
                .zip(&org_ids)
                .map(|(o, id)| Organization {
                    id: id.clone(),
                    name: o.name.clone(),
                    variants: o.variants.clone(),
                    kind: o.kind,
                    rule: None,
                })
                .collect(),
            charges: self
                .charges
                .iter()
                .map(|c| Charge {
                    label: c.label.clone(),
                    article: c.article.clone(),
                    subjects: c.subjects.iter().map(|&p| person_ids[p].clone()).collect(),
                })
                .collect(),
            events,
            articles,
            related_cases: Vec::new(),
        };
        (case, provenance)
    }

    /// The stable keys of the case's articles, people, organisations and
    /// timeline entries (see [`CaseProvenance`]).
    fn provenance(&self, arts: &[Article]) -> CaseProvenance {
        let mention = |m: Mention| MentionRef {
            article: arts[m.art].id().to_string(),
            person: arts[m.art].rec.people[m.person].id.clone(),
        };
        let people = self
            .people
            .iter()
            .map(|p| p.mentions.iter().map(|&m| mention(m)).collect())
            .collect();
        let person_links = self
            .links
            .iter()
            .map(|links| {
                links
                    .iter()
                    .map(|l| {
                        let (a, b) = (self.mentions[l.a], self.mentions[l.b]);
                        PersonLink {
                            a: mention(a),
                            a_name: arts[a.art].rec.people[a.person].name.clone(),
                            b: mention(b),
                            b_name: arts[b.art].rec.people[b.person].name.clone(),
                            rule: l.rule.to_string(),
                            score: (l.score * 1000.0).round() / 1000.0,
                        }
                    })
                    .collect()
            })
            .collect();
        let organizations = self
            .orgs
            .iter()
            .map(|o| {
                o.mentions
                    .iter()
                    .map(|&(a, i)| MentionRef {
                        article: arts[a].id().to_string(),
                        person: arts[a].rec.organizations[i].id.clone(),
                    })
                    .collect()
            })
            .collect();
        let org_keys = self
            .orgs
            .iter()
            .map(|o| org_keys(&o.name, o.kind).into_iter().next().unwrap_or_default())
            .collect();
        let events = self
            .entries
            .iter()
            .map(|e| {
                let mut keys: BTreeSet<String> = BTreeSet::new();
                for &r in &e.members {
                    let rep = &self.reports[r];
                    let prefix = format!(
                        "{}#{}#{}",
                        arts[rep.art].id(),
                        rep.event.evidence.start,
                        rep.event.event_type.as_str()
                    );
                    let mut any = false;
                    for (s, local) in rep.subjects.iter().zip(&rep.locals) {
                        if e.subjects.contains(s) || matches!(s, CaseSubject::Group { .. }) {
                            keys.insert(format!("{prefix}#{local}"));
                            any = true;
                        }
                    }
                    if !any {
                        keys.insert(format!("{prefix}#-"));
                    }
                }
                keys.into_iter().collect()
            })
            .collect();
        let (undated, first, smallest) = &self.sort_key;
        CaseProvenance {
            sort_key: format!(
                "{}|{}",
                if *undated {
                    "~".to_string()
                } else {
                    first.map(|d| d.to_string()).unwrap_or_default()
                },
                smallest
            ),
            people,
            person_links,
            organizations,
            org_keys,
            events,
        }
    }
}
