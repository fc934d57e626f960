//! Readable labels for the vocabularies of `spec/taxonomy.md` and `spec/casefile.md` ("pre-trial detention", not `pretrial_detention`), shared by every human-facing export.

use casewatch_model::{DatePrecision, DateQualifier, EventType, OrgKind, Review, Role, Status};

/// The event type as words: `pretrial_detention` → "pre-trial detention".
pub fn event_type_label(t: EventType) -> &'static str {
    match t {
        EventType::Detention => "detention",
        EventType::Questioning => "questioning",
        EventType::Search => "search",
        EventType::Seizure => "seizure",
        EventType::AssetFreeze => "asset freeze",
        EventType::Charge => "charge",
        EventType::PretrialDetention => "pre-trial detention",
        EventType::HouseArrest => "house arrest",
        EventType::TravelBan => "travel ban",
        EventType::Release => "release",
        EventType::Hearing => "hearing",
        EventType::Appeal => "appeal",
        EventType::Conviction => "conviction",
        EventType::Sentence => "sentence",
        EventType::Acquittal => "acquittal",
        EventType::Confession => "confession",
        EventType::Retraction => "retraction",
        EventType::CoercionAllegation => "coercion allegation",
        EventType::DenialOfCounsel => "denial of counsel",
        EventType::WebsiteBlock => "website block",
        EventType::Liquidation => "liquidation",
        EventType::Designation => "designation",
        EventType::Expulsion => "expulsion",
        EventType::Pardon => "pardon",
    }
}

/// The status as words: `not_occurred` → "not occurred".
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Occurred => "occurred",
        Status::Alleged => "alleged",
        Status::Denied => "denied",
        Status::NotOccurred => "not occurred",
    }
}

/// The review state as words: `machine` → "not reviewed".
pub fn review_label(r: Review) -> &'static str {
    match r {
        Review::Machine => "not reviewed",
        Review::Confirmed => "confirmed",
        Review::Edited => "edited",
        Review::Rejected => "rejected",
    }
}

/// A person's role in a case as a word.
pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Defendant => "defendant",
        Role::Lawyer => "lawyer",
        Role::Judge => "judge",
        Role::Prosecutor => "prosecutor",
        Role::Official => "official",
        Role::Relative => "relative",
        Role::Witness => "witness",
        Role::Expert => "expert",
        Role::Commentator => "commentator",
        Role::Mentioned => "mentioned",
    }
}

/// An organisation kind as words: `security_agency` → "security agency".
pub fn org_kind_label(k: OrgKind) -> &'static str {
    match k {
        OrgKind::MediaOutlet => "media outlet",
        OrgKind::SecurityAgency => "security agency",
        OrgKind::Police => "police",
        OrgKind::Prosecutor => "prosecutor",
        OrgKind::Court => "court",
        OrgKind::Government => "government",
        OrgKind::Ngo => "NGO",
        OrgKind::Other => "other",
    }
}

/// A date precision as a word ("day", "month", "year").
pub fn precision_label(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

/// A date qualifier as a word ("early", "mid", "late", "before", "after", "around").
pub fn qualifier_label(q: DateQualifier) -> &'static str {
    q.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_words_without_underscores() {
        for t in EventType::ALL {
            let l = event_type_label(*t);
            assert!(!l.contains('_') && !l.is_empty(), "{l}");
        }
        assert_eq!(event_type_label(EventType::PretrialDetention), "pre-trial detention");
        assert_eq!(status_label(Status::NotOccurred), "not occurred");
        assert_eq!(org_kind_label(OrgKind::SecurityAgency), "security agency");
        assert_eq!(review_label(Review::Machine), "not reviewed");
    }
}
