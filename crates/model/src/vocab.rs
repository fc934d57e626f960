//! The controlled vocabularies of `spec/taxonomy.md` and `spec/casefile.md`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An id that is not in the vocabulary it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} id {value:?}")]
pub struct UnknownId {
    /// Which vocabulary ("event type", "status", …).
    pub kind: &'static str,
    /// The text that was not recognised.
    pub value: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every value, in the order the spec lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spec id (`"pretrial_detention"`).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, UnknownId> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err(UnknownId { kind: $kind, value: s.to_string() }),
                }
            }
        }
    };
}

vocabulary!(
    /// Event types of `spec/taxonomy.md` (`other` is gold-only and never emitted).
    EventType, "event type", {
        /// Deprived of liberty by authorities.
        Detention => "detention",
        /// Summoned, questioned or interrogated without being held.
        Questioning => "questioning",
        /// Premises searched or raided.
        Search => "search",
        /// Property seized or confiscated.
        Seizure => "seizure",
        /// Accounts or assets frozen.
        AssetFreeze => "asset_freeze",
        /// Charged, indicted, or a case opened against the subject.
        Charge => "charge",
        /// Court-ordered custody before verdict.
        PretrialDetention => "pretrial_detention",
        /// Court-ordered house arrest.
        HouseArrest => "house_arrest",
        /// Ban on leaving a city or the country.
        TravelBan => "travel_ban",
        /// Released or freed.
        Release => "release",
        /// A court hearing takes place.
        Hearing => "hearing",
        /// An appeal filed, heard or decided.
        Appeal => "appeal",
        /// Found guilty (only when stated).
        Conviction => "conviction",
        /// A punishment imposed.
        Sentence => "sentence",
        /// Acquitted, charges dropped, case closed.
        Acquittal => "acquittal",
        /// Confession, guilty plea, confession video.
        Confession => "confession",
        /// Retraction of an earlier confession or testimony.
        Retraction => "retraction",
        /// Testimony said to be forced.
        CoercionAllegation => "coercion_allegation",
        /// Held or questioned without a lawyer.
        DenialOfCounsel => "denial_of_counsel",
        /// Website or channel blocked.
        WebsiteBlock => "website_block",
        /// Outlet shut down or dissolved.
        Liquidation => "liquidation",
        /// Labelled foreign agent, extremist, undesirable, terrorist.
        Designation => "designation",
        /// Deported, exiled, stripped of citizenship or accreditation.
        Expulsion => "expulsion",
        /// Pardon or amnesty.
        Pardon => "pardon",
    }
);

vocabulary!(
    /// Whether the article establishes that an event happened (taxonomy "Roles").
    Status, "status", {
        /// Stated as fact, possibly with ordinary attribution.
        Occurred => "occurred",
        /// Presented as an unestablished claim.
        Alleged => "alleged",
        /// Someone states it did not happen, and the article does not establish that it did.
        Denied => "denied",
        /// Requested, offered, threatened, planned, refused or negated.
        NotOccurred => "not_occurred",
    }
);

vocabulary!(
    /// Organisation kinds of `spec/taxonomy.md`.
    OrgKind, "organisation kind", {
        /// A newspaper, channel, site or agency that publishes news.
        MediaOutlet => "media_outlet",
        /// State security service.
        SecurityAgency => "security_agency",
        /// Police or interior ministry.
        Police => "police",
        /// Prosecutor's office.
        Prosecutor => "prosecutor",
        /// Any court.
        Court => "court",
        /// Ministries, regulators, presidents, parliaments.
        Government => "government",
        /// Non-governmental organisations.
        Ngo => "ngo",
        /// Anything else.
        Other => "other",
    }
);

vocabulary!(
    /// Review state of a timeline entry (`spec/casefile.md`).
    Review, "review state", {
        /// As the machine produced it.
        Machine => "machine",
        /// A reviewer confirmed it.
        Confirmed => "confirmed",
        /// A reviewer changed it.
        Edited => "edited",
        /// A reviewer rejected it.
        Rejected => "rejected",
    }
);

vocabulary!(
    /// A person's role in a case (`spec/casefile.md`). Only defendants (and a
    /// targeted outlet) put articles into a case; every other role is context.
    Role, "role", {
        /// The subject of prosecution: detained, charged, tried, sentenced….
        Defendant => "defendant",
        /// Defence lawyer or attorney.
        Lawyer => "lawyer",
        /// Judge of a court hearing the case.
        Judge => "judge",
        /// Prosecutor or investigator of the case.
        Prosecutor => "prosecutor",
        /// Any other official: spokesman, minister, police officer, head of state.
        Official => "official",
        /// A defendant's relative (wife, husband, mother, brother…).
        Relative => "relative",
        /// Witness, or questioned without being prosecuted.
        Witness => "witness",
        /// Expert (linguistic, forensic, psychological examination).
        Expert => "expert",
        /// Someone quoted on the case: rights groups, press-freedom groups, politicians.
        Commentator => "commentator",
        /// Anyone else the reports name (stored files before this vocabulary said `other`).
        #[serde(alias = "other")]
        Mentioned => "mentioned",
    }
);

vocabulary!(
    /// Where a defendant stands now (derived from the timeline by
    /// [`crate::custody::derive`], or set by a reviewer). Listed from the
    /// most to the least restrictive; [`Standing::rank`] is that order.
    Standing, "status", {
        /// Serving a custodial sentence.
        Serving => "serving",
        /// Held: detained, or in pre-trial detention.
        InCustody => "in_custody",
        /// Under house arrest.
        HouseArrest => "house_arrest",
        /// Convicted in absentia (not held).
        ConvictedInAbsentia => "convicted_in_absentia",
        /// Barred from leaving a city or the country.
        TravelBan => "travel_ban",
        /// Charged or prosecuted, not held.
        ChargesPending => "charges_pending",
        /// Released (on bail, a pledge, after a term, on a non-custodial sentence, pardoned).
        Released => "released",
        /// Acquitted, charges dropped, case closed.
        Acquitted => "acquitted",
        /// Nothing in the timeline says.
        Unknown => "unknown",
    }
);

impl Standing {
    /// How a monitor says it: `"in custody"`, `"sentenced, serving"`, ….
    pub fn label(self) -> &'static str {
        match self {
            Standing::Serving => "sentenced, serving",
            Standing::InCustody => "in custody",
            Standing::HouseArrest => "under house arrest",
            Standing::ConvictedInAbsentia => "convicted in absentia",
            Standing::TravelBan => "travel ban",
            Standing::ChargesPending => "charges pending",
            Standing::Released => "released",
            Standing::Acquitted => "acquitted",
            Standing::Unknown => "unknown",
        }
    }

    /// 0 for the most restrictive ([`Standing::Serving`]) to 8 ([`Standing::Unknown`]).
    pub fn rank(self) -> u8 {
        Standing::ALL.iter().position(|s| *s == self).map_or(8, |i| i as u8)
    }

    /// Whether the person is deprived of liberty (serving, in custody, under house arrest).
    pub fn is_held(self) -> bool {
        matches!(self, Standing::Serving | Standing::InCustody | Standing::HouseArrest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>().unwrap(), *t);
            assert_eq!(serde_json::to_string(t).unwrap(), format!("\"{}\"", t.as_str()));
        }
        assert_eq!(EventType::ALL.len(), 24);
        assert!("other".parse::<EventType>().is_err());
        // Case files stored before the ten roles said "other".
        assert_eq!(serde_json::from_str::<Role>("\"other\"").unwrap(), Role::Mentioned);
        assert_eq!(Role::ALL.len(), 10);
        assert_eq!("commentator".parse::<Role>().unwrap(), Role::Commentator);
        assert_eq!(Status::NotOccurred.as_str(), "not_occurred");
    }
}
