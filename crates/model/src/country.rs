//! The country of a case, derived from where its events happen: the places
//! of its entries, the names of its courts, prosecutors, police and
//! agencies, the lexicon entries that recognised them (`org.ru.fsb`), and,
//! with less weight, the words of its evidence sentences.
//!
//! The gazetteer below lists, per ISO 3166-1 alpha-2 code, the country's
//! English names, its demonym and its capital and largest cities (all lower
//! case). Names are matched as whole words (one to three words).

use crate::{Case, OrgKind};
use std::collections::HashMap;

/// ISO 3166-1 alpha-2 code → names (country, demonym, capital, large cities).
pub const GAZETTEER: &[(&str, &[&str])] = &[
    ("AF", &["afghanistan", "afghan", "kabul", "kandahar", "herat"]),
    ("AL", &["albania", "albanian", "tirana"]),
    ("DZ", &["algeria", "algerian", "algiers", "oran"]),
    ("AO", &["angola", "angolan", "luanda"]),
    ("AR", &["argentina", "argentine", "argentinian", "buenos aires"]),
    ("AM", &["armenia", "armenian", "yerevan"]),
    ("AZ", &["azerbaijan", "azerbaijani", "baku", "ganja"]),
    ("BH", &["bahrain", "bahraini", "manama"]),
    ("BD", &["bangladesh", "bangladeshi", "dhaka", "chittagong"]),
    (
        "BY",
        &[
            "belarus",
            "belarusian",
            "minsk",
            "hrodna",
            "grodno",
            "gomel",
            "homel",
            "brest",
            "vitebsk",
            "mogilev",
        ],
    ),
    ("BJ", &["benin", "beninese", "cotonou", "porto-novo"]),
    ("BO", &["bolivia", "bolivian", "la paz"]),
    ("BA", &["bosnia", "bosnian", "sarajevo"]),
    (
        "BR",
        &[
            "brazil",
            "brazilian",
            "brasilia",
            "brasília",
            "são paulo",
            "sao paulo",
            "rio de janeiro",
        ],
    ),
    ("BF", &["burkina faso", "burkinabe", "ouagadougou"]),
    ("BI", &["burundi", "burundian", "bujumbura", "gitega"]),
    ("KH", &["cambodia", "cambodian", "phnom penh"]),
    ("CM", &["cameroon", "cameroonian", "yaoundé", "yaounde", "douala"]),
    ("TD", &["chad", "chadian", "n'djamena"]),
    (
        "CN",
        &[
            "china",
            "chinese",
            "beijing",
            "shanghai",
            "guangzhou",
            "shenzhen",
            "wuhan",
        ],
    ),
    ("HK", &["hong kong"]),
    (
        "CO",
        &["colombia", "colombian", "bogotá", "bogota", "medellín", "medellin"],
    ),
    ("CD", &["democratic republic of the congo", "drc", "kinshasa"]),
    ("CU", &["cuba", "cuban", "havana"]),
    ("DJ", &["djibouti"]),
    ("EC", &["ecuador", "ecuadorian", "quito", "guayaquil"]),
    ("EG", &["egypt", "egyptian", "cairo", "alexandria", "giza", "port said"]),
    ("SV", &["el salvador", "salvadoran", "san salvador"]),
    ("ER", &["eritrea", "eritrean", "asmara"]),
    ("ET", &["ethiopia", "ethiopian", "addis ababa"]),
    ("FR", &["france", "french", "paris"]),
    ("GE", &["georgia", "georgian", "tbilisi", "batumi", "kutaisi"]),
    ("GR", &["greece", "greek", "athens"]),
    ("GT", &["guatemala", "guatemalan", "guatemala city"]),
    ("GN", &["guinea", "guinean", "conakry"]),
    ("HN", &["honduras", "honduran", "tegucigalpa"]),
    ("HU", &["hungary", "hungarian", "budapest"]),
    (
        "IN",
        &[
            "india",
            "indian",
            "new delhi",
            "delhi",
            "mumbai",
            "kolkata",
            "chennai",
            "bengaluru",
            "srinagar",
        ],
    ),
    ("ID", &["indonesia", "indonesian", "jakarta"]),
    (
        "IR",
        &[
            "iran", "iranian", "tehran", "evin", "mashhad", "isfahan", "tabriz", "shiraz",
        ],
    ),
    ("IQ", &["iraq", "iraqi", "baghdad", "basra", "erbil", "mosul"]),
    ("IL", &["israel", "israeli", "jerusalem", "tel aviv"]),
    ("PS", &["palestine", "palestinian", "gaza", "west bank", "ramallah"]),
    ("JO", &["jordan", "jordanian", "amman"]),
    (
        "KZ",
        &["kazakhstan", "kazakh", "astana", "almaty", "shymkent", "karaganda"],
    ),
    ("KE", &["kenya", "kenyan", "nairobi", "mombasa"]),
    ("KW", &["kuwait", "kuwaiti", "kuwait city"]),
    (
        "KG",
        &["kyrgyzstan", "kyrgyz", "bishkek", "osh", "jalal-abad", "karakol"],
    ),
    ("LA", &["laos", "lao", "vientiane"]),
    ("LB", &["lebanon", "lebanese", "beirut"]),
    ("LY", &["libya", "libyan", "tripoli", "benghazi"]),
    ("LT", &["lithuania", "lithuanian", "vilnius"]),
    ("LV", &["latvia", "latvian", "riga"]),
    ("MY", &["malaysia", "malaysian", "kuala lumpur"]),
    ("ML", &["mali", "malian", "bamako"]),
    ("MX", &["mexico", "mexican", "mexico city", "guadalajara", "monterrey"]),
    ("MD", &["moldova", "moldovan", "chișinău", "chisinau"]),
    ("MA", &["morocco", "moroccan", "rabat", "casablanca"]),
    (
        "MM",
        &["myanmar", "burma", "burmese", "yangon", "naypyidaw", "mandalay"],
    ),
    ("NI", &["nicaragua", "nicaraguan", "managua"]),
    ("NE", &["niger", "nigerien", "niamey"]),
    ("NG", &["nigeria", "nigerian", "abuja", "lagos"]),
    ("KP", &["north korea", "pyongyang"]),
    ("OM", &["oman", "omani", "muscat"]),
    (
        "PK",
        &["pakistan", "pakistani", "islamabad", "karachi", "lahore", "peshawar"],
    ),
    ("PE", &["peru", "peruvian", "lima"]),
    (
        "PH",
        &[
            "philippines",
            "filipino",
            "philippine",
            "manila",
            "quezon city",
            "davao",
        ],
    ),
    ("PL", &["poland", "polish", "warsaw"]),
    ("QA", &["qatar", "qatari", "doha"]),
    (
        "RU",
        &[
            "russia",
            "russian federation",
            "russian",
            "moscow",
            "st petersburg",
            "saint petersburg",
            "st. petersburg",
            "kazan",
            "novosibirsk",
            "yekaterinburg",
            "nizhny novgorod",
            "krasnodar",
            "rostov-on-don",
            "vladivostok",
            "chechnya",
            "grozny",
            "tatarstan",
            "dagestan",
            "makhachkala",
            "ufa",
            "samara",
            "perm",
            "omsk",
            "voronezh",
        ],
    ),
    ("RW", &["rwanda", "rwandan", "kigali"]),
    ("SA", &["saudi arabia", "saudi", "riyadh", "jeddah"]),
    ("SN", &["senegal", "senegalese", "dakar"]),
    ("RS", &["serbia", "serbian", "belgrade", "novi sad", "niš", "nis"]),
    ("SO", &["somalia", "somali", "mogadishu"]),
    ("SS", &["south sudan", "juba"]),
    ("SD", &["sudan", "sudanese", "khartoum"]),
    ("SY", &["syria", "syrian", "damascus", "aleppo"]),
    ("TJ", &["tajikistan", "tajik", "dushanbe", "khujand"]),
    ("TZ", &["tanzania", "tanzanian", "dodoma", "dar es salaam"]),
    ("TH", &["thailand", "thai", "bangkok"]),
    ("TN", &["tunisia", "tunisian", "tunis"]),
    (
        "TR",
        &[
            "turkey",
            "türkiye",
            "turkish",
            "ankara",
            "istanbul",
            "izmir",
            "diyarbakır",
            "diyarbakir",
        ],
    ),
    ("TM", &["turkmenistan", "turkmen", "ashgabat"]),
    ("UG", &["uganda", "ugandan", "kampala"]),
    (
        "UA",
        &[
            "ukraine",
            "ukrainian",
            "kyiv",
            "kiev",
            "kharkiv",
            "odesa",
            "odessa",
            "lviv",
            "crimea",
            "simferopol",
        ],
    ),
    ("AE", &["united arab emirates", "uae", "emirati", "abu dhabi", "dubai"]),
    ("GB", &["united kingdom", "britain", "british", "london"]),
    ("US", &["united states", "u.s.", "american", "washington", "new york"]),
    (
        "UZ",
        &[
            "uzbekistan",
            "uzbek",
            "tashkent",
            "samarkand",
            "nukus",
            "karakalpakstan",
            "bukhara",
            "andijan",
        ],
    ),
    ("VE", &["venezuela", "venezuelan", "caracas"]),
    (
        "VN",
        &[
            "vietnam",
            "viet nam",
            "vietnamese",
            "hanoi",
            "ho chi minh city",
            "saigon",
        ],
    ),
    ("YE", &["yemen", "yemeni", "sanaa", "aden"]),
    ("ZW", &["zimbabwe", "zimbabwean", "harare"]),
];

/// Whether `code` is a code of the gazetteer (upper case, `"KG"`).
pub fn is_known(code: &str) -> bool {
    GAZETTEER.iter().any(|(c, _)| *c == code)
}

/// The English name of a code (the first name of its gazetteer row, capitalised).
pub fn name(code: &str) -> Option<String> {
    let (_, names) = GAZETTEER.iter().find(|(c, _)| *c == code)?;
    let first = names.first()?;
    Some(
        first
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Every name of [`GAZETTEER`] → its country code, built once (a case's
/// country is derived each time the case is written: building this map on
/// every call was 2% of an incremental rebuild).
fn index() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: std::sync::LazyLock<HashMap<&'static str, &'static str>> = std::sync::LazyLock::new(|| {
        GAZETTEER
            .iter()
            .flat_map(|(code, names)| names.iter().map(move |n| (*n, *code)))
            .collect()
    });
    &INDEX
}

/// Adds `weight` to every country a text names (whole words, phrases of up
/// to three words).
fn vote(text: &str, weight: u32, idx: &HashMap<&'static str, &'static str>, votes: &mut HashMap<&'static str, u32>) {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '.'))
        .map(|w| w.trim_matches(|c| c == '.' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    for n in 1..=3 {
        for win in words.windows(n) {
            let phrase = win.join(" ");
            if let Some(code) = idx.get(phrase.as_str()) {
                *votes.entry(code).or_default() += weight;
            }
        }
    }
}

/// The country where most of the case happens, by votes: each entry's place
/// and each court, prosecutor, police, security agency or government body
/// counts 3 (its lexicon rule `org.XX.…` 3 more), each evidence sentence
/// mention 1. `None` when nothing names a country. Ties go to the code
/// first in the alphabet, so the result is deterministic.
pub fn derive(case: &Case) -> Option<String> {
    let idx = index();
    let mut votes: HashMap<&'static str, u32> = HashMap::new();
    for e in &case.events {
        if let Some(p) = &e.place {
            vote(p, 3, idx, &mut votes);
        }
        if let Some(a) = &e.agent {
            vote(&a.name, 3, idx, &mut votes);
        }
        for s in &e.sources {
            vote(&s.sentence, 1, idx, &mut votes);
        }
    }
    for o in &case.organizations {
        if matches!(o.kind, OrgKind::MediaOutlet | OrgKind::Ngo | OrgKind::Other) {
            continue;
        }
        vote(&o.name, 3, idx, &mut votes);
        if let Some(code) = o
            .rule
            .as_deref()
            .and_then(|r| r.strip_prefix("org."))
            .and_then(|r| r.split('.').next())
        {
            let up = code.to_uppercase();
            if let Some((c, _)) = GAZETTEER.iter().find(|(c, _)| *c == up) {
                *votes.entry(c).or_default() += 3;
            }
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_votes() {
        let idx = index();
        let mut v = HashMap::new();
        vote("the Novi Sad police, Serbia", 1, idx, &mut v);
        assert_eq!(v.get("RS"), Some(&2));
        assert_eq!(name("KG").as_deref(), Some("Kyrgyzstan"));
        assert_eq!(name("US").as_deref(), Some("United States"));
        assert!(is_known("RU") && !is_known("XX"));
        // every name belongs to one country only
        let mut seen = HashMap::new();
        for (code, names) in GAZETTEER {
            for n in *names {
                assert_eq!(seen.insert(*n, *code), None, "{n} twice");
            }
        }
    }
}
