//! Closed-class words the event stages share: auxiliaries, adverbs, subordinators,
//! person and group nouns, nouns a name can modify, companion cues, verbs of comment.

pub(super) const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "remains", "remained", "had", "has",
    "have",
];
pub(super) const ADVERBS: &[&str] = &[
    "also",
    "later",
    "subsequently",
    "then",
    "reportedly",
    "allegedly",
    "previously",
    "already",
    "just",
    "briefly",
    "eventually",
    "initially",
    "formally",
    "officially",
    "repeatedly",
    "twice",
    "again",
    "first",
    "both",
    "all",
    "each",
    "immediately",
    "temporarily",
    "forcibly",
    "illegally",
    "never",
    "not",
    "been",
    "being",
    "once",
];
pub(super) const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "while", "although", "though", "because", "whereas", "which", "who", "whom", "where",
    "unless", "but", "once", "whose",
];
/// Relatives and colleagues: nouns of [`is_person_role`] and of
/// [`is_named_relative`].
const KIN_AND_COLLEAGUES: &[&str] = &[
    "sister",
    "brother",
    "wife",
    "husband",
    "mother",
    "father",
    "son",
    "daughter",
    "colleague",
    "colleagues",
    "friend",
];
/// The other nouns of a person's relation to another ("his lawyer", "their
/// employer").
const OTHER_ROLE_NOUNS: &[&str] = &[
    "lawyer",
    "lawyers",
    "family",
    "relatives",
    "parents",
    "children",
    "friends",
    "editor",
    "employer",
    "client",
    "defence",
    "defense",
    "team",
    "son's",
];
/// Whether `w` names a person by relation to another ("his lawyer", "her
/// sister", "X's colleague"): somebody else than the one named with it.
pub(super) fn is_person_role(w: &str) -> bool {
    KIN_AND_COLLEAGUES.contains(&w) || OTHER_ROLE_NOUNS.contains(&w)
}
/// Whether `w`, after "his", "her" or "their" and before a name, makes the
/// named person one of a coordination of subjects ("A and her brother B
/// were detained"): a relative, a colleague or a co-defendant; counsel and
/// employers are not.
pub(super) fn is_named_relative(w: &str) -> bool {
    KIN_AND_COLLEAGUES.contains(&w) || matches!(w, "co-defendant" | "co-defendants")
}
pub(super) const GROUP_NOUNS: &[&str] = &[
    "people",
    "staff",
    "staffers",
    "members",
    "workers",
    "colleagues",
    "persons",
    "individuals",
    "others",
];
/// Nouns that a person's name modifies without being a participant of the
/// sentence's event: "the Lukashenka regime", "Navalny's foundation".
pub(super) const NAME_MODIFIED_NOUNS: &[&str] = &[
    "regime",
    "government",
    "administration",
    "era",
    "foundation",
    "party",
    "supporters",
    "allies",
    "loyalists",
    "critics",
    "death",
    "funeral",
    "grave",
    "murder",
    "killing",
    "presidency",
    "rule",
    "movement",
    "campaign",
    "team",
    "office",
    "widow",
];
/// Plural nouns for people that refer back to a set already named ("the five
/// activists", "the pair", "the accused").
pub(super) const PLURAL_PERSON_NOUNS: &[&str] = &[
    "journalists",
    "defendants",
    "pair",
    "duo",
    "trio",
    "employees",
    "reporters",
    "women",
    "men",
    "colleagues",
    "accused",
    "co-accused",
    "detainees",
    "prisoners",
    "suspects",
    "activists",
    "editors",
    "founders",
    "staffers",
    "bloggers",
    "photographers",
    "workers",
    "brothers",
    "sisters",
    "friends",
];
/// Words that introduce named members of a subject: "four board members were arrested,
/// including A and B"; "A was arrested along with B and C".
pub(super) const COMPANION_CUES: &[&[&str]] = &[
    &["including"],
    &["among", "them"],
    &["among", "whom"],
    &["such", "as"],
    &["namely"],
    &["along", "with"],
    &["together", "with"],
    &["alongside"],
    &["as", "well", "as"],
];
/// Verbs of comment and reaction: their subject judges an event, it does not undergo it
/// ("Robertson described the sentencing as …", "Zourabichvili posted after the verdict").
pub(super) const COMMENT_VERBS: &[&str] = &[
    "described",
    "describes",
    "tweeted",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "stressed",
    "stresses",
    "argued",
    "argues",
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "welcomed",
    "welcomes",
    "warned",
    "warns",
    "commented",
    "comments",
    "predicted",
    "denounced",
    "denounces",
    "decried",
    "lamented",
];
