//! The shape of a person's name: what the reconciler accepts as a person (`plausible_person`), how a name run into a headline is cleaned (`clean_name`: honorifics, titles, headline verbs), and family-name-first romanisations.

use crate::names::{fold, is_particle};

/// Lower-case words that may stand inside a person's name (particles of
/// Romance, Germanic, Arabic and Turkic names, and the patronymic particles).
const NAME_PARTICLES: [&str; 27] = [
    "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "bin",
    "ibn", "bint", "al", "el", "ben", "uulu", "kyzy", "ogly", "oglu", "y",
];

/// Lower-case words that are never (part of) a person's name: heads of
/// organisation and place names, titles and ranks, nationality and region
/// words, calendar words, and the nouns of headlines, captions, credits and
/// site navigation. A name containing one is not a person.
const NOT_NAME_WORDS: [&str; 262] = [
    // organisations, institutions, media, places (heads of their names)
    "agency",
    "association",
    "bureau",
    "channel",
    "center",
    "centre",
    "city",
    "committee",
    "council",
    "court",
    "daily",
    "department",
    "district",
    "europe",
    "federation",
    "foundation",
    "government",
    "group",
    "images",
    "institute",
    "international",
    "media",
    "ministry",
    "network",
    "news",
    "newspaper",
    "office",
    "online",
    "party",
    "police",
    "post",
    "press",
    "radio",
    // radio and television in Filipino and Turkish outlet names
    "radyo",
    "televizyon",
    "region",
    "republic",
    "service",
    "square",
    "street",
    "times",
    "tv",
    "television",
    "union",
    "university",
    "watch",
    "weekly",
    "magazine",
    "rights",
    "human",
    "free",
    "liberty",
    "reuters",
    "getty",
    "afp",
    "photo",
    "facebook",
    "telegram",
    "twitter",
    "youtube",
    "limited",
    "ltd",
    "inc",
    "hotel",
    "jail",
    "prison",
    "institution",
    "magistrates",
    "cell",
    "unit",
    "publishing",
    "archive",
    "library",
    "museum",
    "airport",
    "station",
    "hospital",
    "school",
    "college",
    "academy",
    "bank",
    "company",
    "corporation",
    "fund",
    "trust",
    "initiative",
    "project",
    "programme",
    "campaign",
    "movement",
    "coalition",
    "alliance",
    "workers",
    "forces",
    "army",
    "united",
    "states",
    "kingdom",
    "nations",
    "borders",
    // awards, laws and documents
    "prize",
    "award",
    "fellowship",
    "medal",
    "act",
    "code",
    "decree",
    "charter",
    "constitution",
    "prevention",
    "suppression",
    "activities",
    "charges",
    "terrorism",
    // titles and functions
    "president",
    "prime",
    "minister",
    "judge",
    "justices",
    "prosecutor",
    "general",
    "lawyer",
    "attorney",
    "journalist",
    "journalists",
    "reporter",
    "editor",
    "spokesman",
    "spokeswoman",
    "director",
    "chief",
    "head",
    "founder",
    "manager",
    "staff",
    // nationalities, regions, generic nouns and verbs of headlines, page furniture
    "congolese",
    "tunisian",
    "russian",
    "georgian",
    "turkish",
    "belarusian",
    "kyrgyz",
    "kazakh",
    "chinese",
    "indian",
    "eastern",
    "western",
    "northern",
    "southern",
    "east",
    "west",
    "north",
    "south",
    "war",
    "cold",
    "case",
    "background",
    "first",
    "instance",
    "update",
    "updated",
    "published",
    "publish",
    "live",
    "video",
    "read",
    "more",
    "related",
    "share",
    "today",
    "sign",
    "menu",
    "home",
    "detained",
    "arrested",
    "jailed",
    "sentenced",
    "charged",
    "searched",
    "raids",
    "alleges",
    "following",
    "reclassified",
    "keeps",
    "spends",
    "wins",
    "faces",
    "says",
    "denies",
    "released",
    "covered",
    "winning",
    "emergency",
    "evidence",
    "tampering",
    "arrangement",
    "affairs",
    "foreign",
    "special",
    "date",
    "years",
    "people",
    "republican",
    "plus",
    // English function words, capitalised only at the start of a headline
    "the",
    "an",
    "of",
    "for",
    "with",
    "without",
    "from",
    "by",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "after",
    "before",
    "over",
    "under",
    "amid",
    "against",
    "about",
    // page furniture and widgets
    "comments",
    "recent",
    "literary",
    "archipelago",
    "temperature",
    "humidity",
    "weather",
    // calendar
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `name` without a leading honorific (Mr, Mrs, Ms, Dr, Me, Sir, Madame, Monsieur, Mme, Maître; with or without a
/// full stop: "Mr. Purkayastha" → "Purkayastha", "Me Fethi Mouldi" → "Fethi
/// Mouldi"); a name that is only an honorific is returned as it is.
pub fn strip_honorific(name: &str) -> &str {
    let trimmed = name.trim_start();
    let Some((first, rest)) = trimmed.split_once(char::is_whitespace) else {
        return name;
    };
    let word = first.trim_end_matches('.').to_lowercase();
    if HONORIFICS.contains(&word.as_str()) && !rest.trim().is_empty() {
        rest.trim_start()
    } else {
        name
    }
}

/// Words of rank or function that may open a name as a headline or a
/// dateline writes it ("Chief Irakli Dgebuadze", "Judge Anna Berg").
const LEADING_TITLES: [&str; 22] = [
    "president",
    "prime",
    "minister",
    "judge",
    "justice",
    "justices",
    "prosecutor",
    "general",
    "lawyer",
    "attorney",
    "advocate",
    "journalist",
    "journalists",
    "reporter",
    "editor",
    "spokesman",
    "spokeswoman",
    "director",
    "chief",
    "head",
    "founder",
    "manager",
];

/// Headline verbs that a name may run into on either side ("Mzia Kalandia
/// Sentenced", "Keeps Kalandia in Custody").
const HEADLINE_VERBS: [&str; 30] = [
    "detained",
    "arrested",
    "jailed",
    "sentenced",
    "charged",
    "searched",
    "alleges",
    "keeps",
    "spends",
    "wins",
    "faces",
    "says",
    "denies",
    "released",
    "fines",
    "jails",
    "detains",
    "arrests",
    "frees",
    "convicts",
    "sentences",
    "charges",
    "raids",
    "summons",
    "releases",
    "acquits",
    "pardons",
    "blocks",
    "bans",
    "remands",
];

/// Prepositions that end a name run into a headline ("Mzia Kalandia Amid
/// Protests", "Dana Okafor After Raid").
const NAME_ENDING_PREPOSITIONS: [&str; 12] = [
    "amid", "after", "before", "over", "for", "in", "on", "at", "against", "with", "without", "from",
];

/// The person name in `raw` as the reconciler uses it, or `None` when it is
/// no person's name: without a leading honorific ([`strip_honorific`]) or
/// title of rank ("Chief Irakli Dgebuadze" → "Irakli Dgebuadze") and
/// without headline verbs run into it ("Mzia Kalandia Sentenced" → "Mzia
/// Kalandia"; "Keeps Kalandia" is nobody) or cut at a preposition or verb
/// ("Fines Journalist Mzia Kalandia Amid Protests" → "Mzia Kalandia",
/// "Dana Okafor Spends Third Week in Jail" → "Dana Okafor"), two
/// words at least left when anything was cut, and then [`plausible_person`].
pub fn clean_name(raw: &str) -> Option<String> {
    let stripped = strip_honorific(raw.trim());
    let words: Vec<&str> = stripped.split_whitespace().collect();
    let lower = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let mut start = 0;
    while start + 1 < words.len()
        && (LEADING_TITLES.contains(&lower(words[start]).as_str())
            || HEADLINE_VERBS.contains(&lower(words[start]).as_str()))
    {
        start += 1;
    }
    let mut end = words.len();
    if let Some(i) = (start + 2..words.len()).find(|&i| {
        let w = lower(words[i]);
        NAME_ENDING_PREPOSITIONS.contains(&w.as_str()) || HEADLINE_VERBS.contains(&w.as_str())
    }) {
        end = i;
    }
    while end > start + 1 && HEADLINE_VERBS.contains(&lower(words[end - 1]).as_str()) {
        end -= 1;
    }
    let cut = start > 0 || end < words.len();
    if cut && end - start < 2 {
        return None;
    }
    let name = words[start..end].join(" ");
    plausible_person(&name).then_some(if cut { name } else { stripped.to_string() })
}

/// Whether a word is a hyphenated given name of a family-name-first
/// romanisation: capitalised, one hyphen, a small letter after it ("Pui-kuen",
/// "Tat-chi"; not "Abdel-Sattar").
pub(crate) fn family_name_first(word: &str) -> bool {
    let Some((a, b)) = word.split_once('-') else {
        return false;
    };
    a.chars().next().is_some_and(char::is_uppercase)
        && a.chars().skip(1).all(char::is_lowercase)
        && b.chars().next().is_some_and(char::is_lowercase)
        && b.chars().all(char::is_alphabetic)
        && !b.contains('-')
}

/// Russian function words (prepositions, conjunctions) that are capitalised
/// only at the start of a headline, never inside a name.
const RU_FUNCTION_WORDS: [&str; 16] = [
    "в", "во", "на", "по", "из", "от", "о", "об", "с", "со", "к", "у", "за", "для", "и", "не",
];

/// Stems of Russian common nouns and adverbs that open headlines, captions
/// and navigation ("Журналистку …", "Дело …", "Сегодня", "Перейти к материалам"):
/// a word starting with one is not part of a name.
const RU_NOT_NAME_STEMS: [&str; 20] = [
    "журналист",
    "дело",
    "сегодня",
    "суд",
    "редакц",
    "адвокат",
    "прокурор",
    "следовател",
    "перейти",
    "материал",
    "новост",
    "мид",
    "главн",
    "президент",
    "министр",
    "подробн",
    "фото",
    "видео",
    "читать",
    "реклам",
];

/// Honorifics that may open a name as written ("Me Fethi Mouldi", "Mr. Tran").
const HONORIFICS: [&str; 10] = [
    "mr", "mrs", "ms", "dr", "me", "sir", "madame", "monsieur", "mme", "maître",
];

/// Whether a word has a capital after a small letter inside it, as
/// brand names and acronyms do ("BelTA", "RusNews"), except after the name
/// prefixes Mc, Mac, De, Di, Da, La, Le, Van and Von ("McCarthy",
/// "DeLuca") and across a hyphen or apostrophe ("Pui-Kuen", "O'Neil").
fn camel_case(word: &str) -> bool {
    const PREFIXES: [&str; 9] = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von"];
    for part in word.split(['-', '\'', '’']) {
        let chars: Vec<char> = part.chars().collect();
        for i in 1..chars.len() {
            if chars[i].is_uppercase() && chars[i - 1].is_lowercase() {
                let before: String = chars[..i].iter().collect();
                if !PREFIXES.contains(&before.as_str()) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `name` has the shape of a person's name (the reconciler's part of
/// the person-name rules; the extractor has its own): one to four words
/// besides particles, no digits or ellipsis, every word but a known particle capitalised (any script),
/// letters in every word, no acronym (a word of 2–5 capitals), and no word
/// that names an organisation, place, title, nationality, date or page
/// element (a list of such words; in Russian, a function word or a headline
/// noun), and no capital inside a word as brand
/// names have ("BelTA"). "Перейти к материалам", "25 апреля 2022",
/// "×", "First Instance", "Getty Images", "RSF" and "Congolese Prime
/// Minister" fail; "Temirlan Sadyr uulu", "Chung Pui-kuen", "Sami Ben
/// Ghazi", "B R Gavai" pass.
pub fn plausible_person(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | '\'' | '"' | '(' | ')' | '’')))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || name.chars().any(|c| c.is_ascii_digit()) || name.contains('…') || name.contains("...") {
        return false;
    }
    // (each word lowercased and folded once: names are tested on every rebuild)
    let particle_words: Vec<(String, bool)> = words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let particle = NAME_PARTICLES.contains(&lower.as_str()) || is_particle(&fold(w));
            (lower, particle)
        })
        .collect();
    if particle_words.iter().filter(|(_, p)| !p).count() > 4 {
        return false;
    }
    for (w, (lower, particle_word)) in words.iter().zip(&particle_words) {
        if !w.chars().any(char::is_alphabetic) {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        let particle = *particle_word
            || ["al-", "el-", "ad-", "ar-", "as-", "ash-", "an-", "at-"]
                .iter()
                .any(|p| lower.starts_with(p));
        if !first.is_uppercase() && !particle {
            return false;
        }
        if camel_case(w) {
            return false;
        }
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) && words.len() == 1 {
            return false;
        }
        // A hyphenated word is checked part by part only when every part is
        // capitalised ("Philippines-New"); "Pui-home" is one given name.
        let parts_capitalised = w.split('-').all(|p| p.chars().next().is_some_and(char::is_uppercase));
        let listed = if parts_capitalised {
            lower.split('-').any(|part| NOT_NAME_WORDS.contains(&part))
        } else {
            NOT_NAME_WORDS.contains(&lower.as_str())
        };
        if listed
            || RU_FUNCTION_WORDS.contains(&lower.as_str())
            || RU_NOT_NAME_STEMS.iter().any(|st| lower.starts_with(st))
        {
            return false;
        }
    }
    let first = words[0].to_lowercase();
    let bare = if words.len() > 1 && HONORIFICS.contains(&first.as_str()) {
        &words[1..]
    } else {
        &words[..]
    };
    // "May" is a given name, but alone it is the month.
    !(bare.len() == 1 && bare[0].eq_ignore_ascii_case("may"))
}
