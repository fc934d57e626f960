//! The word lists of the status rules: modal, negation, speech and claim words, verbs of undoing an act, of attending a session and of objecting.

/// The modal words other than [`PROSPECT`] ([`is_modal`]): requested,
/// offered, threatened, refused, conditional, possible.
const OTHER_MODAL: &[&str] = &[
    "offered",
    "offer",
    "offering",
    "offers",
    "asked",
    "ask",
    "asking",
    "asks",
    "request",
    "requested",
    "requests",
    "requesting",
    "petition",
    "petitioned",
    "petitions",
    "motion",
    "motions",
    "sought",
    "seek",
    "seeks",
    "seeking",
    "demand",
    "demanded",
    "demanding",
    "demands",
    "propose",
    "proposed",
    "proposing",
    "suggest",
    "suggested",
    "threaten",
    "threatened",
    "threatening",
    "threatens",
    "warned",
    "warn",
    "warns",
    "applied",
    "applies",
    "applying",
    "could",
    "can",
    "would",
    "might",
    "promised",
    "promise",
    "promising",
    "if",
    "unless",
    "wants",
    "want",
    "wanted",
    "hopes",
    "hope",
    "urged",
    "urge",
    "calls",
    "called",
    "risk",
    "risks",
    "faces",
    "potentially",
    "should",
    "refused",
    "refuse",
    "refuses",
];

/// The modal words that put an act in the future of the narrative
/// (as against a request, offer or refusal, which is dated when it was
/// made): `StatusReason::prospective`.
pub(super) const PROSPECT: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "expected",
    "expects",
    "expect",
    "expecting",
    "due",
    "likely",
    "scheduled",
    "next",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "intending",
    "awaiting",
    "awaits",
    "await",
    "waiting",
];

/// Whether `w` makes what follows it in its sentence unrealised (requested,
/// offered, threatened, planned, scheduled, conditional): a word of
/// [`PROSPECT`] or of [`OTHER_MODAL`]. Each is scoped to the rest of its
/// sentence up to a hard boundary (`;`, `but`).
pub(super) fn is_modal(w: &str) -> bool {
    PROSPECT.contains(&w) || OTHER_MODAL.contains(&w)
}

/// The verbs after "due to" that make it a date ahead ("is due to be
/// sentenced", "due to appear in court", "due to stand trial"), not a cause
/// ("due to his reporting").
pub(super) const DUE_TO_VERBS: &[&str] = &[
    "be", "appear", "stand", "face", "begin", "start", "resume", "go", "attend", "testify", "hear", "rule", "deliver",
    "announce", "return", "serve", "receive",
];

/// Negation words; scoped to a few tokens before the trigger.
pub(super) const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "without", "nor", "neither", "none", "cannot",
];

/// Verbs of saying; a trigger after one is attributed to its speaker.
pub const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "stated",
    "states",
    "explained",
    "explains",
    "added",
    "adds",
    "wrote",
    "writes",
    "reported",
    "reports",
    "recalled",
    "noted",
    "confirmed",
    "announced",
    "according",
    "claimed",
    "claims",
    "claim",
    "claiming",
    "alleged",
    "alleges",
    "allege",
    "alleging",
    "insisted",
    "insists",
    "complained",
    "testified",
    "believe",
    "believes",
    "telling",
    "saying",
    "arguing",
    "adding",
    "noting",
];

/// Verbs that present what follows as an unestablished claim.
pub(super) const CLAIM: &[&str] = &[
    "claimed", "claims", "claim", "claiming", "alleged", "alleges", "allege", "alleging", "insisted", "insists",
    "believe", "believes",
];

/// Verbs of undoing an act: what they take as object was done ("lift the
/// ban", "overturn the conviction", "quash the sentence", "challenge the
/// charges").
pub(super) const UNDOING: &[&str] = &[
    "lift",
    "lifts",
    "lifted",
    "lifting",
    "revoke",
    "revokes",
    "revoked",
    "revoking",
    "overturn",
    "overturns",
    "overturned",
    "overturning",
    "quash",
    "quashes",
    "quashed",
    "quashing",
    "annul",
    "annuls",
    "annulled",
    "annulling",
    "cancel",
    "cancels",
    "cancelled",
    "canceled",
    "cancelling",
    "rescind",
    "rescinds",
    "rescinded",
    "reverse",
    "reverses",
    "reversed",
    "reversing",
    "vacate",
    "vacated",
    "challenge",
    "challenges",
    "challenged",
    "challenging",
    "contest",
    "contests",
    "contested",
    "contesting",
];

/// Verbs of being at a court session: negated or unrealised, they say who
/// was absent, not that the session did not take place.
pub(super) const ATTENDING: &[&str] = &[
    "attend",
    "attends",
    "attended",
    "attending",
    "brought",
    "taken",
    "escorted",
    "appear",
    "appears",
    "appeared",
    "appearing",
    "present",
    "absent",
    "admitted",
];

/// Nouns and verbs of appealing or complaining, after which "against the
/// X" names an act that was done ("an appeal against the detention").
pub(super) const OBJECTING: &[&str] = &[
    "appeal",
    "appeals",
    "appealed",
    "appealing",
    "complaint",
    "complaints",
    "complained",
    "protest",
    "protests",
    "protested",
];
