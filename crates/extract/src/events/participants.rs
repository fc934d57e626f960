//! The participant model of an article: the people in focus, the sets they are named
//! in, companions ("along with", "including"), counted groups resolved to named sets
//! (back and forward), the article's defendants, and the `--explain` summary.

use super::*;

/// Who the text is talking about: recent groups of people, for "they", "both", "the three".
#[derive(Debug, Default)]
pub(super) struct Focus {
    /// The last set of two or more people named together or as one event's subjects.
    pub(super) plural: Vec<usize>,
    /// Media people in order of their latest mention (most recent last).
    pub(super) recent: Vec<usize>,
    /// An unnamed group that was the last plural subject ("about ten staff members").
    pub(super) group: Option<Vec<SubjectRef>>,
    /// Every set of two or more people named together, oldest first, for "both" and "the three".
    pub(super) sets: Vec<Vec<usize>>,
}

impl Focus {
    pub(super) fn observe(&mut self, ents: &Entities, si: usize, words: &[&str]) {
        // "His co-defendant, Y, did not appear": Y and the person the text was about are tried
        // together, so a later "they" means the two of them
        let before = self.recent.last().copied();
        if let Some(x) = before
            && let Some(y) = co_defendant_named(ents, si, words)
            && x != y
        {
            let mut set = vec![x, y];
            set.sort_unstable();
            self.sets.push(set.clone());
            self.plural = set;
            self.group = None;
        }
        for group in coordinated_people(ents, si, words) {
            if group.len() >= 2 {
                self.sets.push(group.clone());
                self.plural = group;
                self.group = None;
            }
        }
        for m in &ents.mentions[si] {
            // a name that modifies a noun ("the X regime") brings no one into focus
            let modifier = words.get(m.last).is_some_and(|w| NAME_MODIFIED_NOUNS.contains(w));
            // nor does a speaker ("…, said X, one of her lawyers"): a pronoun after a quote is
            // about the person the quote is about
            if let Target::Person(p) = m.target
                && !modifier
                && !is_speaker(words, m)
                && !matches!(
                    ents.people[p].occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
                )
            {
                self.recent.retain(|x| *x != p);
                self.recent.push(p);
            }
        }
    }

    pub(super) fn subjects(&mut self, subjects: &[SubjectRef]) {
        let persons: Vec<usize> = subjects
            .iter()
            .filter_map(|s| if let SubjectRef::Person(p) = s { Some(*p) } else { None })
            .collect();
        if persons.len() >= 2 {
            self.sets.push(persons.clone());
            self.plural = persons;
            self.group = None;
        } else if !subjects.is_empty()
            && subjects.iter().all(|s| matches!(s, SubjectRef::Group { .. }))
            && (subjects.len() > 1
                || matches!(subjects[0], SubjectRef::Group { count, .. } if count.is_none_or(|c| c > 1)))
        {
            // "two camera operators and two accountants", "about ten staff members"
            self.group = Some(subjects.to_vec());
        }
    }

    /// The people a plural reference with `count` members means.
    pub(super) fn plural_of(&self, count: Option<usize>) -> Vec<usize> {
        match count {
            // the last set of exactly that many people named together ("both", "the three journalists")
            Some(n)
                if n != self.plural.len()
                    && let Some(set) = self.sets.iter().rev().find(|s| s.len() == n) =>
            {
                set.clone()
            }
            Some(n) if n != self.plural.len() && self.recent.len() >= n => {
                let mut v: Vec<usize> = self.recent[self.recent.len() - n..].to_vec();
                v.sort_unstable();
                v
            }
            _ => self.plural.clone(),
        }
    }
}

/// The person named as someone's co-defendant in the sentence ("his
/// co-defendant, 34-year-old Y", "her co-accused Y"): a possessive pronoun,
/// the noun, then a name within five tokens, with only words, numbers, commas
/// and dashes between (an age, a title; no bracket or quote).
fn co_defendant_named(ents: &Entities, si: usize, words: &[&str]) -> Option<usize> {
    let noun = (1..words.len()).find(|&k| {
        matches!(words[k - 1], "his" | "her") && matches!(words[k], "co-defendant" | "co-accused" | "codefendant")
    })?;
    ents.mentions[si].iter().find_map(|m| match m.target {
        Target::Person(p) if m.first > noun && m.first <= noun + 5 => {
            let between = &words[noun + 1..m.first];
            between
                .iter()
                .all(|w| matches!(*w, "," | "-" | "–" | "—") || w.chars().all(|c| c.is_alphanumeric() || c == '-'))
                .then_some(p)
        }
        _ => None,
    })
}

/// Groups of people named in coordination ("A, B and C").
pub(super) fn coordinated_people(ents: &Entities, si: usize, words: &[&str]) -> Vec<Vec<usize>> {
    let ms: Vec<&Mention> = ents.mentions[si]
        .iter()
        .filter(|m| matches!(m.target, Target::Person(_)))
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in ms {
        let Target::Person(p) = m.target else { continue };
        // "A, B and C"; also across short descriptions: "A and Polish minority activists B, C"
        let joined = last_end.is_some_and(|e| {
            m.first >= e
                && ((e..m.first).all(|k| matches!(words[k], "," | "and" | "or" | "mr" | "mrs" | "ms" | "dr" | "."))
                    && m.first - e <= 4
                    || (m.first - e <= 6
                        && (e..m.first).any(|k| matches!(words[k], "," | "and"))
                        && (e..m.first).all(|k| {
                            let w = words[k];
                            !BE.contains(&w)
                                && !SUBORDINATORS.contains(&w)
                                && !SPEECH.contains(&w)
                                && !w.ends_with("ed")
                                && !matches!(w, ";" | ":" | "(" | ")" | "that" | "to" | "by" | "of" | "on" | "in")
                        })))
        });
        if !joined && !cur.is_empty() {
            groups.push(std::mem::take(&mut cur));
        }
        if !cur.contains(&p) {
            cur.push(p);
        }
        last_end = Some(m.last);
    }
    if !cur.is_empty() {
        groups.push(cur);
    }
    groups
}

/// People named after a companion cue that follows the trigger at `end`:
/// "…were arrested, including A, B and C", "…along with ZPB head A and
/// activists B and C". The list runs while the names are joined by commas,
/// "and" and short descriptions; it stops at `;`, a verb of saying or a clause.
pub(super) fn companions(ctx: &Ctx<'_>, si: usize, words: &[&str], end: usize) -> Vec<usize> {
    let stop = (end..words.len())
        .find(|&k| matches!(words[k], ";" | ":") || (SPEECH.contains(&words[k]) && words[k] != "according"))
        .unwrap_or(words.len());
    let Some((cue, cue_end)) = (end..stop).find_map(|k| {
        COMPANION_CUES
            .iter()
            .find(|c| words[k..stop].starts_with(c))
            .map(|c| (k, k + c.len()))
    }) else {
        return Vec::new();
    };
    // the cue joins the trigger's own phrase: a comma before it other than its own starts another
    // clause ("before his arrest, X criticised Y, as well as Z" lists whom X criticised)
    if cue > end + 1 && words[end..cue - 1].contains(&",") {
        return Vec::new();
    }
    named_list(ctx, si, words, cue_end, stop)
}

/// The people a list names from token `from` (before `stop`): the first within
/// four words (no comma, no verb), the next each within six words joined by a
/// comma or "and", past short descriptions ("pop singer A, B and C").
pub(super) fn named_list(ctx: &Ctx<'_>, si: usize, words: &[&str], from: usize, stop: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last = from;
    for m in &ctx.ents.mentions[si] {
        let Target::Person(p) = m.target else { continue };
        if m.first < last || m.first >= stop {
            continue;
        }
        let gap = &words[last..m.first];
        let first = out.is_empty();
        let ok = if first {
            gap.len() <= 4 && gap.iter().all(|w| !BE.contains(w) && !w.ends_with("ed") && *w != ",")
        } else {
            gap.len() <= 6
                && gap.iter().any(|w| matches!(*w, "," | "and"))
                && gap.iter().all(|w| {
                    !BE.contains(w)
                        && !SUBORDINATORS.contains(w)
                        && !w.ends_with("ed")
                        && !matches!(*w, "(" | ")" | "to" | "by")
                })
        };
        if !ok {
            break;
        }
        if !out.contains(&p) {
            out.push(p);
        }
        last = m.last;
    }
    out
}

/// A counted group ("four journalists", "the five activists") that stands for
/// a set of exactly that many people already named together is that set:
/// "A, B, C and D … Four journalists were sentenced". Only when the group's
/// noun is generic ("journalists", "people", "defendants") or is the trade
/// every member of the set has (so "two accountants" is not "the two camera
/// operators").
pub(super) fn resolve_counted_group_back(ents: &Entities, focus: &Focus, e: &mut FoundEvent) {
    let mut out: Vec<SubjectRef> = Vec::new();
    let mut changed = false;
    for s in &e.subjects {
        if let SubjectRef::Group { count: Some(n), desc } = s
            && *n >= 2
        {
            let noun = desc.to_lowercase();
            let noun = noun.split_whitespace().last().unwrap_or("").to_string();
            let singular = noun.strip_suffix('s').unwrap_or(&noun).to_string();
            let generic = PLURAL_PERSON_NOUNS.contains(&noun.as_str())
                || matches!(
                    noun.as_str(),
                    "people" | "persons" | "individuals" | "staff" | "members" | "media"
                );
            if let Some(set) = focus.sets.iter().rev().find(|set| set.len() == *n as usize)
                && (generic
                    || set.iter().all(|p| {
                        ents.people[*p]
                            .occupation
                            .as_deref()
                            .is_some_and(|o| o.contains(singular.as_str()))
                    }))
            {
                for p in set {
                    if !out.contains(&SubjectRef::Person(*p)) {
                        out.push(SubjectRef::Person(*p));
                    }
                }
                changed = true;
                continue;
            }
        }
        // (the set's people may be named in the clause too: "two journalists, A and B")
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    if changed {
        e.subjects = out;
        e.subject_reason = "a counted group: the set of that many people named before";
    }
}

/// A counted group of media workers ("three employees of the outlet") that the
/// next sentences name one by one ("Editor A, reporter B and camera operator C
/// were …") is those people. "The next sentences" are the next two of running
/// text: sentences marked in `captions` or `skip` (per sentence, as
/// `events::find` takes them) are read for names but not counted.
pub(super) fn resolve_counted_groups(
    sentences: &[Sentence],
    ents: &Entities,
    captions: &[bool],
    skip: &[bool],
    events: &mut [FoundEvent],
) {
    for e in events.iter_mut() {
        let mut replaced: Vec<SubjectRef> = Vec::new();
        let mut changed = false;
        for subject in &e.subjects {
            let SubjectRef::Group { count: Some(n), desc } = subject else {
                replaced.push(subject.clone());
                continue;
            };
            let n = *n as usize;
            // the trade the group names ("two camera operators" → "camera operator"), if any
            let head = desc.to_lowercase();
            let trade = head.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
            let trade = trade.strip_suffix('s').unwrap_or(&trade).to_string();
            let generic = matches!(
                trade.as_str(),
                "employee" | "journalist" | "staff member" | "reporter" | "media worker"
            );
            let mut named: Vec<usize> = Vec::new();
            // the next two sentences of running text (captions and headings between them are read
            // too, but do not count: a photo caption repeats who the story is about)
            let mut body_seen = 0;
            for (sj, sentence) in sentences.iter().enumerate().skip(e.sentence + 1) {
                if body_seen == 2 {
                    break;
                }
                if !(captions.get(sj).copied().unwrap_or(false) || skip.get(sj).copied().unwrap_or(false)) {
                    body_seen += 1;
                }
                let words: Vec<&str> = sentence.tokens.iter().map(|t| t.lower.as_str()).collect();
                for m in &ents.mentions[sj] {
                    if let Target::Person(p) = m.target
                        && !is_speaker(&words, m)
                        && !matches!(
                            ents.people[p].occupation_kind,
                            Some(OccupationKind::Lawyer) | Some(OccupationKind::Official) | Some(OccupationKind::Other)
                        )
                        && (generic
                            || e.subjects.len() == 1
                            || ents.people[p]
                                .occupation
                                .as_deref()
                                .is_some_and(|o| o.contains(trade.as_str())))
                        && !named.contains(&p)
                    {
                        named.push(p);
                    }
                }
                if named.len() >= n {
                    break;
                }
            }
            // "A court sentenced a journalist … Pham Doan Trang, 43, …": an indefinite description that
            // introduces the article's first participant is the person the next sentences name
            let introduces = n == 1
                && e.subjects.len() == 1
                && matches!(
                    desc.split_whitespace().next().map(str::to_lowercase).as_deref(),
                    Some("a" | "an" | "one")
                )
                && ents.mentions[..=e.sentence]
                    .iter()
                    .flatten()
                    .all(|m| !matches!(m.target, Target::Person(_)));
            if (n >= 2 || introduces) && named.len() == n {
                replaced.extend(named.into_iter().map(SubjectRef::Person));
                changed = true;
            } else {
                replaced.push(subject.clone());
            }
        }
        if changed {
            e.subjects = replaced;
            e.subject_reason = "a counted group the next sentences name";
        }
    }
}

/// Court acts told before anyone is named (a hearing or appeal with no subject,
/// kept only when no one was in focus yet) are about the people the article
/// then names as subjects of its legal events (cataphora at the article's
/// scale: a lede about "the trial" followed by the defendants' names). Those
/// left without a defendant are dropped.
pub(super) fn defendants_of_the_article(ents: &Entities, events: &mut Vec<FoundEvent>) {
    let mut defendants: Vec<usize> = Vec::new();
    for e in events
        .iter()
        .filter(|e| !e.subjects.is_empty() && needs_person(e.event_type))
    {
        for s in &e.subjects {
            if let SubjectRef::Person(p) = s
                && !matches!(
                    ents.people[*p].occupation_kind,
                    Some(OccupationKind::Lawyer) | Some(OccupationKind::Official)
                )
                && !defendants.contains(p)
            {
                defendants.push(*p);
            }
        }
    }
    for e in events
        .iter_mut()
        .filter(|e| e.subjects.is_empty() && needs_person(e.event_type))
    {
        if matches!(e.event_type, EventType::Hearing | EventType::Appeal)
            && !defendants.is_empty()
            && defendants.len() <= 4
        {
            e.subjects = defendants.iter().map(|p| SubjectRef::Person(*p)).collect();
            e.subject_reason = "the article's defendants, named after it";
        }
    }
    events.retain(|e| {
        !(e.subjects.is_empty() && needs_person(e.event_type) && e.event_type != EventType::DenialOfCounsel)
    });
}

/// The participant model of an article as lines for `--explain`: every set of
/// two or more people named together (with the sentence that names them), and
/// every unnamed group that is an event's subject, with its count and, when it
/// was resolved to people, how. Sentence numbers are 1-based.
pub fn participants(sentences: &[Sentence], ents: &Entities, found: &[FoundEvent]) -> Vec<String> {
    let name = |p: usize| ents.people[p].name();
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
        for set in coordinated_people(ents, si, &words) {
            if set.len() >= 2 {
                let names: Vec<String> = set.iter().map(|p| name(*p)).collect();
                out.push(format!(
                    "set of {} named together in sentence {}: {}",
                    set.len(),
                    si + 1,
                    names.join(", ")
                ));
            }
        }
    }
    for e in found {
        for sub in &e.subjects {
            if let SubjectRef::Group { desc, count } = sub {
                let n = count.map_or("unknown".to_string(), |c| c.to_string());
                out.push(format!(
                    "unnamed group \"{desc}\" (count {n}) in sentence {}: subject of {}",
                    e.sentence + 1,
                    e.event_type
                ));
            }
        }
        if e.subject_reason.starts_with("a counted group") || e.subject_reason == "named members" {
            let names: Vec<String> = e
                .subjects
                .iter()
                .filter_map(|s| {
                    if let SubjectRef::Person(p) = s {
                        Some(name(*p))
                    } else {
                        None
                    }
                })
                .collect();
            out.push(format!(
                "sentence {}: the subjects of its {} event are {} ({})",
                e.sentence + 1,
                e.event_type,
                names.join(", "),
                e.subject_reason
            ));
        }
    }
    out
}
