//! Status of a French event (taxonomy "Roles"): negation ("n'a pas été
//! arrêté", "n'a jamais été inculpé", "sans être inculpé", "aucune
//! inculpation"), refusal ("a rejeté sa demande de mise en liberté"),
//! requests and plans ("a demandé sa libération", "doit comparaître", "un
//! éventuel pourvoi",
//! "pourrait être condamné", "comparaîtra"), denial ("dément avoir été
//! arrêté"), claims of allegation-prone types ("affirme avoir été torturé"),
//! and calls by outsiders ("appelle à libérer", "exige la libération") and
//! penalties the law provides for ("une peine pouvant aller jusqu'à cinq ans")
//! which are no event at all. Cues are looked for in the trigger's scope: from the
//! last hard boundary (`;`, `:`, "mais", a dash) before it, at most
//! [`WINDOW`] tokens back.

use crate::status::{StatusReason, allegation_prone};
use casewatch_model::{EventType, Status};

/// How many tokens before the trigger a cue may stand (a French verb group
/// "n'a pas encore été officiellement" is at most about six).
pub const WINDOW: usize = 8;

/// Calls and demands for an act by someone who cannot perform it.
fn is_call(words: &[&str], k: usize) -> bool {
    let next = |n: usize| words.get(k + n).copied().unwrap_or("");
    match words[k] {
        "appelle" | "appellent" | "appelé" | "appelons" | "appelait" | "appelaient" | "appeler" | "appelant" => {
            matches!(next(1), "à" | "au" | "aux") || matches!(next(2), "à" | "au" | "aux")
        }
        "exige" | "exigent" | "exigé" | "exigeons" | "exigeait" | "exigeant" | "exiger" | "réclame" | "réclament"
        | "réclamé" | "réclamons" | "réclamant" | "réclamer" | "exhorte" | "exhortent" | "exhorté" | "plaide"
        | "plaident" | "plaidé" | "revendique" | "revendiquent" => true,
        // "doit être libéré", "devraient être relâchés": what must happen
        "doit" | "doivent" | "devrait" | "devraient" => next(1) == "être",
        // "une peine pouvant aller jusqu'à cinq ans", "passible de dix ans": what the law
        // provides for, not a penalty imposed (taken with the event type in `decide`)
        // "demande la libération immédiate", "nous demandons sa libération": a verb with a direct
        // object is a call; the noun "la demande de mise en liberté" is a motion (see MODAL)
        "demande" | "demandent" | "demandons" | "demandé" | "demandait" | "demandaient" | "demander" | "demandant" => {
            matches!(next(1), "la" | "sa" | "leur" | "l'" | "le" | "les" | "que")
                && !matches!(
                    words.get(k.wrapping_sub(1)).copied(),
                    Some("la" | "une" | "sa" | "leur" | "cette")
                )
        }
        _ => false,
    }
}

/// Words that make the act unrealised: requested, planned, threatened, hypothetical.
const MODAL: &[&str] = &[
    "demande",
    "éventuel",
    "éventuelle",
    "éventuels",
    "éventuelles",
    "prochaine",
    "prochain",
    "demandé",
    "demandent",
    "demander",
    "demandant",
    "sollicité",
    "sollicite",
    "requête",
    "pourrait",
    "pourraient",
    "pourra",
    "pourront",
    "risque",
    "risquent",
    "encourt",
    "encourent",
    "menace",
    "menacé",
    "menacée",
    "menacent",
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "devra",
    "sera",
    "seront",
    "va",
    "vont",
    "prévu",
    "prévue",
    "prévus",
    "attendu",
    "attendue",
    "envisage",
    "veut",
    "voulait",
    "voulaient",
    "tenté",
    "tente",
    "si",
    "afin",
];

/// Refusals of what follows ("a rejeté la demande de mise en liberté").
const REFUSAL: &[&str] = &[
    "rejeté",
    "rejetée",
    "rejette",
    "rejettent",
    "refusé",
    "refusée",
    "refuse",
    "refusent",
    "débouté",
    "déboutée",
    "rejet",
    "refus",
];

/// Denials by the subject or the authorities.
const DENIAL: &[&str] = &[
    "dément",
    "démentent",
    "démenti",
    "nie",
    "nient",
    "nié",
    "niant",
    "démentant",
];

/// Verbs that present what follows as a claim.
const CLAIM: &[&str] = &[
    "affirme",
    "affirment",
    "affirmé",
    "assure",
    "assurent",
    "prétend",
    "prétendent",
    "dénonce",
    "dénoncent",
    "dénoncé",
    "accuse",
    "accusent",
    "selon",
    "dit",
    "déclare",
    "raconte",
];

/// Decides the status of a trigger at tokens `[start, end)` of a sentence
/// (lower-case words, elisions split), whose clause starts at `clause_start`.
pub fn decide(words: &[&str], start: usize, end: usize, clause_start: usize, t: EventType) -> StatusReason {
    let hard = |w: &str| matches!(w, ";" | ":" | "mais" | "—" | "–" | "cependant" | "toutefois");
    let mut scope = start.saturating_sub(WINDOW);
    for k in (scope..start).rev() {
        if hard(words[k]) {
            scope = k + 1;
            break;
        }
    }
    let reason = |status: Status, cue: &str, call: bool| StatusReason {
        status,
        cue: Some(cue.to_string()),
        call,
    };
    for k in scope..start {
        if is_call(words, k) {
            return reason(Status::NotOccurred, words[k], true);
        }
    }
    // a penalty the law provides for ("une peine pouvant aller jusqu'à", "passible de",
    // "encourt"): no event, like a call
    if t == EventType::Sentence
        && let Some(w) = words[scope.max(clause_start)..(end + 4).min(words.len())]
            .iter()
            .find(|w| {
                matches!(
                    **w,
                    "pouvant" | "passible" | "passibles" | "encourt" | "encourent" | "prévoit" | "risque" | "risquent"
                )
            })
    {
        return reason(Status::NotOccurred, w, true);
    }
    // negation: "ne"/"n'" with "pas", "jamais", "plus", "point", "guère" before the trigger
    let negator = |w: &&&str| {
        matches!(
            **w,
            "pas" | "jamais" | "plus" | "point" | "guère" | "aucunement" | "nullement"
        )
    };
    for k in scope..start {
        if matches!(words[k], "ne" | "n'")
            && let Some(neg) = words[k + 1..end.min(words.len())]
                .iter()
                .chain(words.get(end))
                .find(negator)
        {
            return reason(Status::NotOccurred, neg, false);
        }
    }
    // "sans être inculpé", "aucune inculpation"
    if let Some(w) = words[start.saturating_sub(5).max(scope)..start]
        .iter()
        .find(|w| matches!(**w, "sans" | "aucun" | "aucune" | "ni"))
    {
        return reason(Status::NotOccurred, w, false);
    }
    // refusals before ("a refusé sa remise en liberté") or right after ("... a été rejetée")
    let after = words[end.min(words.len())..]
        .iter()
        .take(6)
        .take_while(|w| !hard(w) && **w != ",");
    if let Some(w) = words[scope..start].iter().chain(after).find(|w| REFUSAL.contains(*w)) {
        return reason(Status::NotOccurred, w, false);
    }
    // "s'ils formeront un pourvoi en cassation ou non": an act weighed "or not" is undecided
    if words[end.min(words.len())..]
        .iter()
        .take(5)
        .take_while(|w| !hard(w) && **w != ",")
        .collect::<Vec<_>>()
        .windows(2)
        .any(|p| *p[0] == "ou" && *p[1] == "non")
    {
        return reason(Status::NotOccurred, "ou non", false);
    }
    let near = &words[scope.max(clause_start)..start];
    if let Some(w) = near.iter().find(|w| DENIAL.contains(*w)) {
        return reason(Status::Denied, w, false);
    }
    if let Some(w) = near.iter().find(|w| MODAL.contains(*w)) {
        return reason(Status::NotOccurred, w, false);
    }
    // "l'audience qui aura lieu vendredi", "le procès se tiendra lundi"
    let later: Vec<&str> = words[end.min(words.len())..]
        .iter()
        .take(6)
        .take_while(|w| !hard(w))
        .copied()
        .collect();
    for (k, w) in later.iter().enumerate() {
        let takes_place = matches!(*w, "aura" | "auront") && later.get(k + 1) == Some(&"lieu");
        if takes_place || matches!(*w, "tiendra" | "tiendront" | "reprendra" | "reprendront" | "ouvrira") {
            return reason(Status::NotOccurred, w, false);
        }
    }
    // a date set for later: "l'audience est fixée au 8 mars", "le procès est prévu pour"
    if let Some(w) = words[end.min(words.len())..].iter().take(4).find(|w| {
        matches!(
            **w,
            "fixée"
                | "fixé"
                | "prévue"
                | "prévu"
                | "programmée"
                | "programmé"
                | "reportée"
                | "reporté"
                | "renvoyée"
                | "renvoyé"
        )
    }) {
        return reason(Status::NotOccurred, w, false);
    }
    // the conditional of reported information: "auraient été arrêtés"
    if let Some(w) = words[scope.max(clause_start)..start]
        .iter()
        .find(|w| matches!(**w, "aurait" | "auraient"))
    {
        return reason(Status::Alleged, w, false);
    }
    // a future tense on the trigger itself: "comparaîtra", "sera jugé" (above), "libérera"
    let head = words[start];
    if head.chars().count() > 6 && (head.ends_with("ra") || head.ends_with("ront")) && !head.ends_with("ira") {
        return reason(Status::NotOccurred, head, false);
    }
    if allegation_prone(t)
        && let Some(w) = words[..start]
            .iter()
            .rev()
            .take(WINDOW * 2)
            .find(|w| CLAIM.contains(*w))
    {
        return reason(Status::Alleged, w, false);
    }
    StatusReason {
        status: Status::Occurred,
        cue: None,
        call: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: &str, trigger: &str) -> (Status, bool) {
        let words: Vec<&str> = s.split_whitespace().collect();
        let k = words.iter().position(|w| *w == trigger).unwrap();
        let r = decide(&words, k, k + 1, 0, EventType::Detention);
        (r.status, r.call)
    }

    #[test]
    fn cues() {
        assert_eq!(status("il n' a pas été arrêté", "arrêté"), (Status::NotOccurred, false));
        assert_eq!(
            status("rsf appelle à libérer le journaliste", "libérer"),
            (Status::NotOccurred, true)
        );
        assert_eq!(
            status("l' ong exige la libération du journaliste", "libération"),
            (Status::NotOccurred, true)
        );
        assert_eq!(status("il a été arrêté lundi", "arrêté"), (Status::Occurred, false));
        assert_eq!(
            status("il comparaîtra devant le juge", "comparaîtra"),
            (Status::NotOccurred, false)
        );
        assert_eq!(
            status("le juge a rejeté sa demande de libération", "libération"),
            (Status::NotOccurred, false)
        );
        assert_eq!(status("il dément avoir été arrêté", "arrêté"), (Status::Denied, false));
    }
}
