//! Status of an event (taxonomy "Roles"): negation, modality (requested,
//! offered, threatened, planned, scheduled, hypothetical), denial, and
//! attribution (ordinary sources vs claims).

use casewatch_model::{EventType, Status};

mod words;
pub use words::SPEECH;
use words::{ATTENDING, CLAIM, DUE_TO_VERBS, NEGATION, OBJECTING, PROSPECT, UNDOING, is_modal};

/// Whether `words[k]` opens a call or demand for an act ("urged the
/// authorities to", "calls on", "called for the release", "demanding the
/// release", "should release", "must be freed"). "calls for mass unrest" (a
/// charge label) is no call.
fn is_call(words: &[&str], k: usize) -> bool {
    let next = |n: usize| words.get(k + n).copied().unwrap_or("");
    match words[k] {
        "urge" | "urged" | "urges" | "urging" | "must" | "should" => true,
        // "too cowardly to free her, too weak to convict her": what someone could not bring
        // themselves to do is an evaluation, no act
        "too" => next(2) == "to" || next(3) == "to",
        "call" | "calls" | "called" | "calling" => {
            matches!(next(1), "on" | "upon")
                || (next(1) == "for"
                    && matches!(
                        next(2),
                        "the" | "his" | "her" | "their" | "an" | "a" | "immediate" | "clearing" | "dropping"
                    ))
        }
        // "the family appealed to the president to pardon him": a plea, not the act
        "appeal" | "appeals" | "appealed" | "appealing" | "pleaded" | "pleading" => {
            next(1) == "to" && next(2) != "court"
        }
        "demand" | "demands" | "demanded" | "demanding" => {
            matches!(next(1), "the" | "his" | "her" | "their" | "an" | "that" | "immediate")
        }
        _ => false,
    }
}

/// Event types the taxonomy treats as typically alleged when reported through a speaker.
pub fn allegation_prone(t: EventType) -> bool {
    matches!(t, EventType::CoercionAllegation | EventType::DenialOfCounsel)
}

/// Why a status was chosen: the word that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReason {
    /// The status.
    pub status: Status,
    /// The deciding word (lower-case), or `None` for the default.
    pub cue: Option<String>,
    /// The trigger stands in a call or demand by an outsider ("calls on the
    /// authorities to release", "urged", "must be freed", "demanding the
    /// release of"): no event at all, not even one that did not occur
    /// (taxonomy: calls by rights groups or governments are not events).
    pub call: bool,
}

impl StatusReason {
    /// Whether the status puts the act ahead of the narrative's time: not
    /// occurred because of a word of the future or of a prospect ("will",
    /// "is expected to", "is due to", "scheduled", "next", "plans to",
    /// "awaiting"). Such an act takes no date from the sentences before it,
    /// which tell what already happened.
    pub(crate) fn prospective(&self) -> bool {
        self.status == Status::NotOccurred && self.cue.as_deref().is_some_and(|c| PROSPECT.contains(&c))
    }

    /// A status decided by the word `cue`.
    pub(crate) fn decided(status: Status, cue: impl Into<String>) -> Self {
        StatusReason {
            status,
            cue: Some(cue.into()),
            call: false,
        }
    }

    /// A call or demand by an outsider, opened by `cue`: no event (`not_occurred` if kept).
    pub(crate) fn call(cue: impl Into<String>) -> Self {
        StatusReason {
            status: Status::NotOccurred,
            cue: Some(cue.into()),
            call: true,
        }
    }
}

/// The token of a verb of undoing ([`UNDOING`], or "against" after a verb
/// or noun of appealing, [`OBJECTING`]) whose object noun phrase holds the
/// trigger at `start`: at most four tokens before it, the phrase opening
/// with a determiner or possessive and holding no punctuation,
/// conjunction or "to".
fn undoing_before(words: &[&str], start: usize) -> Option<usize> {
    let k = (start.saturating_sub(4)..start).rev().find(|&k| {
        UNDOING.contains(&words[k])
            || (words[k] == "against" && k > 0 && (k.saturating_sub(2)..k).any(|j| OBJECTING.contains(&words[j])))
    })?;
    let det = matches!(
        words.get(k + 1),
        Some(&("the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that" | "these" | "those"))
    );
    let plain = words[k + 1..start]
        .iter()
        .all(|w| !matches!(*w, "," | ";" | ":" | "and" | "or" | "to" | "but"));
    (det && plain).then_some(k)
}

/// Decides the status of a trigger at tokens `[start, end)` of a sentence
/// (lower-case words). `speech` tells whether a verb of saying governs the
/// trigger (then claims and allegation-prone types become `alleged`).
pub fn decide(
    words: &[&str],
    start: usize,
    end: usize,
    clause_start: usize,
    event_type: EventType,
    speech: Option<usize>,
) -> StatusReason {
    let hard = |w: &str| matches!(w, ";" | "but" | "instead" | "—" | ":");
    // scope start: the last hard boundary before the trigger
    let mut scope = 0;
    for k in (0..start).rev() {
        if hard(words[k]) {
            scope = k + 1;
            break;
        }
    }
    // an act named as the object of undoing it presupposes it: "would ask the prosecutor to lift the
    // travel ban", "urged the court to overturn the conviction", "plans to appeal against the
    // sentence". The request, plan or negation is about the undoing; the act itself stands, so the
    // scope of every cue below starts after the verb of undoing.
    if let Some(k) = undoing_before(words, start) {
        scope = scope.max(k + 1);
    }
    // a session someone was not brought to, did not attend or was kept from took place: "was not
    // brought to the court for the appeal hearing", "did not attend the hearing"
    if matches!(event_type, EventType::Hearing | EventType::Appeal)
        && let Some(k) = (start.saturating_sub(8).max(scope)..start)
            .rev()
            .find(|&k| ATTENDING.contains(&words[k]))
        && !words[k + 1..start]
            .iter()
            .any(|w| matches!(*w, "," | ";" | ":" | "and" | "but" | "who" | "which"))
    {
        scope = scope.max(k + 1);
    }
    // denial: "denied that", "reports ... are untrue", "nobody has detained me"
    let after_denial = words[end..]
        .iter()
        .take_while(|w| !hard(w))
        .any(|w| matches!(*w, "untrue" | "false" | "baseless" | "fabricated"));
    for k in scope..start {
        let w = words[k];
        // "denies the charges" denies guilt, not that the charges were brought
        let denies_guilt = words
            .get(k + 1)
            .is_some_and(|n| matches!(*n, "the" | "all" | "any" | "his" | "her" | "their"))
            && words.get(k + 2).is_some_and(|n| {
                matches!(
                    *n,
                    "charges" | "charge" | "accusations" | "allegations" | "guilt" | "wrongdoing"
                )
            });
        let denies_that = matches!(w, "denied" | "denies" | "deny" | "denying" | "refuted")
            && !denies_guilt
            && (words.get(k + 1) == Some(&"that") || start - k <= 3);
        // "the court denied (him) provisional release", "denied bail": a refusal, the act did not occur
        let refused = denies_that
            && words.get(k + 1) != Some(&"that")
            && matches!(
                words[start],
                "release" | "bail" | "access" | "request" | "requests" | "appeal" | "motion"
            );
        if refused {
            return StatusReason::decided(Status::NotOccurred, w.to_string());
        }
        let nobody = matches!(w, "nobody") && k >= clause_start;
        if denies_that || nobody {
            return StatusReason::decided(Status::Denied, w.to_string());
        }
    }
    if after_denial
        && words[scope..start]
            .iter()
            .any(|w| CLAIM.contains(w) || *w == "reports" || *w == "rumours" || *w == "rumors")
    {
        return StatusReason::decided(Status::Denied, "untrue");
    }
    // a negation inside the trigger: "pleaded not guilty" is a confession that was not made
    // (other triggers hold their negation as part of their sense: "not allowed to see a lawyer")
    // so are maintaining one's innocence and refusing a plea deal (taxonomy: confession, not_occurred)
    let trigger = &words[start..end];
    if trigger
        .windows(2)
        .any(|w| matches!(w[0], "not" | "never") && w[1] == "guilty")
        || trigger.contains(&"innocence")
        || (trigger.iter().any(|w| matches!(*w, "deal" | "bargain"))
            && trigger.iter().any(|w| {
                matches!(
                    *w,
                    "rejected" | "refused" | "declined" | "rejecting" | "refusing" | "declining"
                )
            }))
    {
        return StatusReason::decided(Status::NotOccurred, "not");
    }
    // "has taken no steps to serve him with a summons", "made no attempt to release them": a
    // negated attempt negates the act it aims at
    if (start.saturating_sub(9).max(scope)..start).any(|k| {
        matches!(words[k], "no" | "never")
            && words.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "steps" | "step" | "attempt" | "attempts" | "effort" | "efforts" | "move" | "action"
                )
            })
            && words[k + 2..start].contains(&"to")
            && !words[k + 2..start].contains(&",")
    }) {
        return StatusReason::decided(Status::NotOccurred, "no steps");
    }
    // a call by outsiders decides before any negation inside it: "calls for his release without
    // charge" is no charge that did not occur, only a call
    if let Some(k) = (scope..start).rev().take(12).find(|&k| {
        matches!(words[k], "calls" | "call" | "called" | "calling" | "urged" | "urging" | "demanding" | "demands")
            && is_call(words, k)
            && !words[k..start]
                .iter()
                .any(|w| matches!(*w, "who" | "which" | "whom" | "whose" | "because" | "after" | "since"))
            // a coordinated verb starts a new predicate: "a sticker calling for a strike and released"
            && !(words[start - 1] == "and" && words[start].ends_with("ed"))
            && !words[k..start].windows(2).any(|w| w[0] == "and" && w[1].ends_with("ed"))
    }) {
        return StatusReason::call(words[k].to_string());
    }
    // "was not brought to the court for the appeal hearing": a trigger of being brought to court,
    // negated, with the session it was for named after it, tells who was absent from a session
    // that took place
    let absent_from_session = event_type == EventType::Hearing
        && ATTENDING.contains(&words[start])
        && (end..words.len().min(end + 4)).any(|k| {
            words[k] == "for"
                && words[k + 1..words.len().min(k + 5)].iter().any(|w| {
                    matches!(
                        *w,
                        "hearing" | "hearings" | "trial" | "session" | "verdict" | "sentencing"
                    )
                })
        });
    // negation close before the trigger, not across a comma unless it continues a coordination
    // a negation reaches five words, or nine across "or"/"nor" ("did not arrest him or seize his laptop")
    let coordinated = words[start.saturating_sub(5).max(scope)..start]
        .iter()
        .any(|w| matches!(*w, "or" | "nor"));
    let lo = start.saturating_sub(if coordinated { 9 } else { 5 }).max(scope);
    for k in (lo..start).rev() {
        let w = words[k];
        if w == "," && !matches!(words.get(k + 1), Some(&"or") | Some(&"nor")) {
            break;
        }
        // a relative or adverbial clause, or a verb of saying, starts the negation's scope afresh; so
        // does a coordinated verb ("did not satisfy the complaint and remanded him")
        if matches!(
            w,
            "who" | "which" | "whom" | "where" | "that" | "after" | "before" | "when"
        ) || SPEECH.contains(&w)
            || (w == "and" && k + 1 == start && words[start].ends_with("ed"))
        {
            break;
        }
        if NEGATION.contains(&w) && !absent_from_session {
            // "not only", "no later than" are not negations of the event
            if w == "not" && words.get(k + 1) == Some(&"only") {
                continue;
            }
            return StatusReason::decided(Status::NotOccurred, w.to_string());
        }
    }
    // a request or motion noun right after the trigger: "pardon requests", "bail application"
    if words.get(end).is_some_and(|w| {
        matches!(
            *w,
            "request" | "requests" | "motion" | "motions" | "petition" | "petitions" | "application" | "applications"
        )
    }) {
        return StatusReason::decided(Status::NotOccurred, words[end].to_string());
    }
    // modality anywhere before the trigger in its scope; a new past-tense verb after "and"
    // ("rejected a motion … and ruled that") starts a new scope, and a ruling's "would" is realised
    let mut mscope = scope;
    for k in (scope..start).rev() {
        if words[k] == "and" && words.get(k + 1).is_some_and(|n| n.ends_with("ed")) {
            mscope = k + 1;
            break;
        }
    }
    // a relative clause set off by commas before the trigger has its own mood: "X, whose removal
    // we requested, found her guilty"
    let inside_relative = |k: usize| {
        (mscope..k).rev().take(12).any(|j| {
            matches!(words[j], "who" | "whose" | "whom" | "which")
                && j > 0
                && words[j - 1] == ","
                && !words[j..k].contains(&",")
                && words[k..start].contains(&",")
        })
    };
    // a hope or a wish is no act, however it is worded after: "they held high hopes that she would
    // be acquitted" (like a call, no event at all)
    if let Some(k) = (mscope..start).find(|&k| {
        matches!(
            words[k],
            "hope" | "hoped" | "hopes" | "hoping" | "wished" | "wishing" | "prayed" | "praying"
        ) && !words[k..start].iter().any(|w| {
            matches!(
                *w,
                "who" | "which" | "whom" | "whose" | "because" | "after" | "since" | "although"
            )
        })
    }) {
        return StatusReason::call(words[k].to_string());
    }
    for k in (mscope..start).rev() {
        let w = words[k];
        if inside_relative(k) {
            continue;
        }
        // a relative or adverbial clause keeps its own mood: "calls for the release of X, who was
        // detained on Monday" (the detention happened)
        if matches!(
            w,
            "who" | "which" | "whom" | "whose" | "where" | "after" | "since" | "because" | "although"
        ) && k > mscope
        {
            break;
        }
        // a participle of saying after a comma opens a clause of its own: "argued they should be
        // released, saying they had spent 11 months on remand"
        if matches!(w, "saying" | "adding" | "noting" | "arguing" | "stating") && k > mscope && words[k - 1] == "," {
            break;
        }
        if is_call(words, k)
            // "must"/"should" call for an act only when it is a release or the end of a prosecution
            // ("must be freed", "should drop the charges"); "must pay a fine" is the verdict's order
            && (!matches!(w, "must" | "should")
                || matches!(event_type, EventType::Release | EventType::Acquittal | EventType::Pardon)
                || words[start..end].iter().any(|x| matches!(*x, "charges" | "charge")))
            && !(k.saturating_sub(6)..k)
                .any(|j| matches!(words[j], "ruled" | "ordered" | "decided" | "rules" | "orders" | "direct" | "directed" | "directs"))
        {
            return StatusReason::call(w.to_string());
        }
        if matches!(w, "would" | "will" | "should" | "shall")
            && (k.saturating_sub(6)..k).any(|j| {
                matches!(
                    words[j],
                    "ruled" | "ordered" | "decided" | "rules" | "orders" | "direct" | "directed" | "directs"
                )
            })
        {
            continue;
        }
        // "will each serve a prison term of 12 years": the term a verdict imposed, not a future act
        if matches!(w, "will" | "would")
            && event_type == EventType::Sentence
            && words[k + 1..start]
                .iter()
                .take(3)
                .any(|x| matches!(*x, "serve" | "spend"))
        {
            continue;
        }
        if is_modal(w) {
            // "asked ... questions", "could not" handled as negation; "if" after the trigger is not here
            // "at the request of the GKNB": who asked, not something that did not happen
            if matches!(w, "request" | "demand" | "motion" | "petition")
                && k >= 2
                && words[k - 1] == "the"
                && matches!(words[k - 2], "at" | "on" | "upon")
            {
                continue;
            }
            if w == "calls" && words.get(k + 1) == Some(&"for") {
                continue; // "calls for mass unrest" is a charge label
            }
            if matches!(w, "next") && !matches!(event_type, EventType::Hearing | EventType::Appeal) {
                continue;
            }
            if matches!(w, "asked" | "ask" | "asks")
                && words.get(k + 1).is_some_and(|n| matches!(*n, "about" | "questions"))
            {
                continue;
            }
            // "asked the prosecutors to reply to complaints against their arrest": what is asked for is an
            // answer; the plea it answers was made
            if matches!(w, "asked" | "ask" | "asks" | "asking")
                && (k + 1..start.min(k + 8)).any(|j| {
                    words[j] == "to"
                        && words
                            .get(j + 1)
                            .is_some_and(|n| matches!(*n, "respond" | "reply" | "answer" | "explain" | "clarify"))
                })
            {
                continue;
            }
            // "the hearing was scheduled to begin at 2.30 pm": a clock time is the day's session, not
            // a date ahead
            if matches!(w, "scheduled" | "set" | "due")
                && words[k + 1..(k + 7).min(words.len())]
                    .iter()
                    .any(|x| matches!(*x, "pm" | "am" | "p.m." | "a.m." | "noon" | "midday"))
            {
                continue;
            }
            // "is expected / expects / is likely to be charged": a prospect; "as expected" is not
            if matches!(w, "expected" | "expects" | "expect" | "expecting" | "likely")
                && words.get(k + 1) != Some(&"to")
            {
                continue;
            }
            // "is due to be sentenced", "due to appear in court": a date ahead; "due to his
            // reporting" gives a cause, so "due to" must be followed by a verb of a coming act
            if w == "due"
                && !(words.get(k + 1) == Some(&"to") && words.get(k + 2).is_some_and(|n| DUE_TO_VERBS.contains(n)))
            {
                continue;
            }
            if w == "risk" || w == "risks" {
                continue;
            }
            // "convicted of threatening the president", "the crime of \"threatening …\"", "charged
            // with demanding a bribe": a gerund after "of", "for" or "with" names the act charged, not
            // a mood
            if w.ends_with("ing") && {
                let before = words[..k]
                    .iter()
                    .rev()
                    .find(|x| !matches!(**x, "\"" | "\u{201c}" | "'" | "\u{2018}"));
                before.is_some_and(|x| matches!(*x, "of" | "for" | "with"))
            } {
                continue;
            }
            // "was kept waiting outside for five hours": a wait that happened, not an act awaited
            if w == "waiting" && k >= 1 && matches!(words[k - 1], "kept" | "left" | "made") {
                continue;
            }
            return StatusReason::decided(Status::NotOccurred, w.to_string());
        }
    }
    // "has 30 days to appeal": a deadline for something not done
    if start >= 2
        && words[start - 1] == "to"
        && matches!(
            words[start - 2],
            "days" | "weeks" | "months" | "time" | "right" | "deadline" | "chance"
        )
        // "police received 14 days to remand him": a term granted, not a deadline
        && !words[start.saturating_sub(6)..start - 2]
            .iter()
            .any(|w| matches!(*w, "received" | "granted" | "given" | "got" | "gave" | "grants" | "receives"))
    {
        return StatusReason::decided(Status::NotOccurred, words[start - 2].to_string());
    }
    // "set for 12 October": a scheduled event
    if words[end..]
        .windows(2)
        .take(2)
        .any(|w| matches!((w[0], w[1]), ("set", "for") | ("scheduled", "for") | ("due", "on")))
    {
        return StatusReason::decided(Status::NotOccurred, "scheduled");
    }
    // a noun phrase whose predicate is modal or negated: "the trial could have started in May",
    // "the trial is yet to begin", "the start date of the trial has not been set"
    let det = |w: &str| {
        matches!(
            w,
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "next" | "that" | "this"
        )
    };
    let nominal = (start > 0 && det(words[start - 1])) || det(words[start]);
    if nominal {
        // the noun's predicate: the first auxiliary or modal after it, past an "of X" complement,
        // within its own clause ("at the end of the hearing, the court said the prosecution had not
        // shown …": what comes after the comma and the verb of saying is another clause)
        let clause_end = (end..words.len().min(end + 8))
            .find(|&k| {
                matches!(words[k], ";" | ":")
                    || SPEECH.contains(&words[k])
                    || (words[k] == ","
                        && !words
                            .get(k + 1)
                            .is_some_and(|n| matches!(*n, "which" | "who" | "whose" | "where")))
            })
            .unwrap_or(words.len().min(end + 8));
        // "in May", "on 3 May", "May 3": the month, not the modal
        let month = |k: usize| {
            words[k] == "may"
                && (words
                    .get(k + 1)
                    .is_none_or(|n| n.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation()))
                    || words[k - 1].starts_with(|c: char| c.is_ascii_digit())
                    || matches!(
                        words[k - 1],
                        "in" | "of"
                            | "since"
                            | "until"
                            | "by"
                            | "early"
                            | "late"
                            | "mid"
                            | "on"
                            | "from"
                            | "last"
                            | "this"
                    ))
        };
        let pred = (end..clause_end).find(|&k| {
            !month(k)
                && matches!(
                    words[k],
                    "could"
                        | "would"
                        | "will"
                        | "might"
                        | "may"
                        | "should"
                        | "can"
                        | "is"
                        | "was"
                        | "has"
                        | "have"
                        | "had"
                        | "were"
                        | "are"
                )
        });
        let after: Vec<&str> = pred.map_or(&[][..], |p| &words[p..]).iter().take(4).copied().collect();
        let modal_after = matches!(
            after.first(),
            Some(&("could" | "would" | "will" | "might" | "may" | "should" | "can"))
        );
        let negated_after = after.len() >= 2
            && matches!(after[0], "is" | "was" | "has" | "have" | "had" | "were" | "are")
            && matches!(
                after[1],
                "not" | "yet" | "never" | "scheduled" | "expected" | "due" | "planned" | "set" | "to"
            );
        // "the hearing was scheduled to begin at 2.30 pm": the day's session, not a date ahead
        let clock = pred.is_some_and(|p| {
            words[p..(p + 8).min(words.len())]
                .iter()
                .any(|x| matches!(*x, "pm" | "am" | "p.m." | "a.m." | "noon" | "midday"))
        });
        if (modal_after || negated_after) && !(clock && matches!(after.get(1), Some(&("scheduled" | "set" | "due")))) {
            return StatusReason::decided(Status::NotOccurred, after[..2.min(after.len())].join(" "));
        }
    }
    if let Some(sp) = speech
        && (CLAIM.contains(&words[sp]) || allegation_prone(event_type))
    {
        return StatusReason::decided(Status::Alleged, words[sp].to_string());
    }
    // "accused ... of" by a non-authority is a claim; by investigators it is a charge (handled by triggers)
    StatusReason {
        call: false,
        status: Status::Occurred,
        cue: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(sentence: &str, trigger: &str, t: EventType, speech: bool) -> Status {
        let toks = crate::segment::tokenize(sentence, 0, sentence.len());
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let tw = crate::lexicon::words_of(trigger);
        let start = (0..words.len())
            .find(|&i| words[i..].starts_with(&tw.iter().map(String::as_str).collect::<Vec<_>>()))
            .unwrap();
        let sp = if speech {
            words.iter().position(|w| SPEECH.contains(w))
        } else {
            None
        };
        decide(&words, start, start + tw.len(), 0, t, sp).status
    }

    #[test]
    fn negation_and_modality() {
        use EventType::*;
        assert_eq!(
            st("She had not been charged with any crime.", "charged", Charge, false),
            Status::NotOccurred
        );
        assert_eq!(
            st(
                "Police did not arrest them or seize their laptops.",
                "seize",
                Seizure,
                false
            ),
            Status::NotOccurred
        );
        assert_eq!(
            st(
                "He was offered house arrest in exchange for a confession.",
                "house arrest",
                HouseArrest,
                false
            ),
            Status::NotOccurred
        );
        assert_eq!(
            st(
                "The defence asked the court to place him under house arrest.",
                "house arrest",
                HouseArrest,
                false
            ),
            Status::NotOccurred
        );
        assert_eq!(
            st("The lawyers will appeal.", "appeal", Appeal, false),
            Status::NotOccurred
        );
        // Who attended a session says nothing of whether it was held.
        assert_eq!(
            st(
                "Marek, according to the agency, was not brought to the court for the appeal hearing.",
                "appeal hearing",
                Appeal,
                false
            ),
            Status::Occurred
        );
        assert_eq!(
            st(
                "Marek was not brought to the court for the appeal hearing.",
                "brought to the court",
                Hearing,
                false
            ),
            Status::Occurred
        );
        assert_eq!(
            st(
                "Marek was not brought to the court.",
                "brought to the court",
                Hearing,
                false
            ),
            Status::NotOccurred
        );
        assert_eq!(
            st(
                "Journalists were not admitted to the hearing.",
                "hearing",
                Hearing,
                false
            ),
            Status::Occurred
        );
        assert_eq!(
            st("The hearing was not held.", "hearing", Hearing, false),
            Status::NotOccurred
        );
        // Undoing an act presupposes it: the request is for the undoing.
        assert_eq!(
            st(
                "Her counsel said he would ask the prosecutor to lift the travel ban imposed on his client in May.",
                "travel ban",
                TravelBan,
                true
            ),
            Status::Occurred
        );
        assert_eq!(
            st(
                "The defence will ask the appeals court to overturn the conviction.",
                "conviction",
                Conviction,
                false
            ),
            Status::Occurred
        );
        assert_eq!(
            st(
                "The family plans to file an appeal against the detention.",
                "detention",
                Detention,
                false
            ),
            Status::Occurred
        );
        assert_eq!(
            st(
                "Rights groups warned against the detention of reporters.",
                "detention",
                Detention,
                false
            ),
            Status::NotOccurred
        );
        assert_eq!(
            st("The next hearing is set for 12 October.", "hearing", Hearing, false),
            Status::NotOccurred
        );
        assert_eq!(
            st("Police detained him on Tuesday.", "detained", Detention, false),
            Status::Occurred
        );
        assert_eq!(
            st(
                "The ministry denied that he had been detained.",
                "detained",
                Detention,
                false
            ),
            Status::Denied
        );
        assert_eq!(
            st(
                "She said she was questioned without a lawyer.",
                "without",
                DenialOfCounsel,
                true
            ),
            Status::Alleged
        );
        assert_eq!(
            st("Police detained him, his editor said.", "detained", Detention, true),
            Status::Occurred
        );
        assert_eq!(
            st(
                "They were detained for calls for mass unrest.",
                "detained",
                Detention,
                false
            ),
            Status::Occurred
        );
    }

    #[test]
    fn prospects_are_not_occurred_and_causes_are_not_prospects() {
        use EventType::*;
        for (sentence, trigger, t) in [
            ("Lena Dorsch is due to be sentenced in April.", "sentenced", Sentence),
            (
                "Pavel Ruen is due to appear in court next week.",
                "appear in court",
                Hearing,
            ),
            ("The editor expects to be questioned again.", "questioned", Questioning),
            ("Ruen is likely to be charged with fraud.", "charged", Charge),
        ] {
            assert_eq!(st(sentence, trigger, t, false), Status::NotOccurred, "{sentence}");
        }
        for (sentence, trigger, t) in [
            (
                "Due to his reporting, Ruen was detained in February.",
                "detained",
                Detention,
            ),
            ("As expected, Dorsch was charged on 2 February.", "charged", Charge),
            ("Dorsch was released due to ill health.", "released", Release),
            (
                "It is likely that Ruen was detained because of his posts.",
                "detained",
                Detention,
            ),
        ] {
            assert_eq!(st(sentence, trigger, t, false), Status::Occurred, "{sentence}");
        }
    }
}
