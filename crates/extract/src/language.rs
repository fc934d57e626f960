//! Language identification of an article: which language pack reads it.
//!
//! The trigram model of the `whatlang` crate decides among the languages it
//! knows (69, by script first, then trigrams). Three things are ours, because
//! that model does not cover them:
//!
//! * Turkic languages written in Cyrillic that `whatlang` does not know
//!   (Kyrgyz, Kazakh) are told from Russian by their own letters (ң ө ү; ә ғ қ
//!   ұ һ і): a Russian report that quotes a Kyrgyz name has a few, a Kyrgyz
//!   text has them in one word of three.
//! * Mixed-script text: the script of most letters decides, so an English
//!   report that spells a defendant "Жоомарт Дуулатов" stays English, and a
//!   Russian one that quotes "Reuters" stays Russian.
//! * Short or unreliable text (a headline, a caption): the script decides
//!   (Latin → English, Cyrillic → Russian, the two packs), never a guess such
//!   as Tagalog from eight words.

/// ISO 639-1 codes of the languages that have an extraction pack.
pub const WITH_PACK: &[&str] = &["en", "ru", "fr"];

/// Letters of Kyrgyz (and Kazakh) Cyrillic that Russian does not use.
const KYRGYZ_LETTERS: &[char] = &['ң', 'ө', 'ү', 'Ң', 'Ө', 'Ү'];
/// Letters of Kazakh Cyrillic that neither Russian nor Kyrgyz use.
const KAZAKH_LETTERS: &[char] = &['ә', 'ғ', 'қ', 'ұ', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ұ', 'Һ', 'І'];

/// Share of Cyrillic letters (per mille) from which the Turkic letters above
/// make a text Kyrgyz or Kazakh: about 3 % of the letters of running Kyrgyz text
/// are ң/ө/ү; a Russian report quoting a few names stays far below 0.5 %.
const TURKIC_PER_MILLE: usize = 5;

/// How many letters a text needs before its trigram guess is trusted at all.
const MIN_LETTERS: usize = 40;

/// The language of `text` as an ISO 639-1 code (`"en"`, `"ru"`, `"fr"`, `"ky"`,
/// …), or `"und"` when the text has no letters. Reads at most the first 20,000
/// bytes (a report's language is clear long before).
pub fn identify(text: &str) -> &'static str {
    let mut cut = text.len().min(20_000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let (mut latin, mut cyrillic, mut kyrgyz, mut kazakh) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
            if KYRGYZ_LETTERS.contains(&c) {
                kyrgyz += 1;
            } else if KAZAKH_LETTERS.contains(&c) {
                kazakh += 1;
            }
        }
    }
    if cyrillic > latin {
        if kazakh * 1000 >= cyrillic * TURKIC_PER_MILLE {
            return "kk";
        }
        if kyrgyz * 1000 >= cyrillic * TURKIC_PER_MILLE {
            return "ky";
        }
    }
    let by_script = || {
        if cyrillic > latin {
            "ru"
        } else if latin > 0 {
            "en"
        } else {
            "und"
        }
    };
    if latin + cyrillic < MIN_LETTERS {
        return by_script();
    }
    let Some(info) = whatlang::detect(text) else {
        return by_script();
    };
    // the model is only asked about the text's majority script
    let script_ok = match info.script() {
        whatlang::Script::Cyrillic => cyrillic > latin,
        whatlang::Script::Latin => latin >= cyrillic,
        _ => true,
    };
    if !script_ok || (!info.is_reliable() && latin + cyrillic < 400) {
        return by_script();
    }
    iso_639_1(info.lang()).unwrap_or_else(by_script)
}

/// Whether a language (ISO 639-1) has an extraction pack.
pub fn has_pack(code: &str) -> bool {
    WITH_PACK.contains(&code)
}

/// The ISO 639-1 code of a `whatlang` language (its codes are ISO 639-3).
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Fra => "fr",
        Spa => "es",
        Deu => "de",
        Ita => "it",
        Por => "pt",
        Tur => "tr",
        Ukr => "uk",
        Bel => "be",
        Bul => "bg",
        Srp => "sr",
        Mkd => "mk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Ron => "ro",
        Hun => "hu",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Ell => "el",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Tuk => "tk",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Urd => "ur",
        Hin => "hi",
        Ben => "bn",
        Tam => "ta",
        Tha => "th",
        Vie => "vi",
        Ind => "id",
        Tgl => "tl",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Afr => "af",
        Cat => "ca",
        Epo => "eo",
        Lat => "la",
        Amh => "am",
        Cym => "cy",
        Zul => "zu",
        Jav => "jv",
        Mar => "mr",
        Nep => "ne",
        Pan => "pa",
        Guj => "gu",
        Tel => "te",
        Kan => "kn",
        Mal => "ml",
        Mya => "my",
        Sin => "si",
        Khm => "km",
        Yid => "yi",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_reports() {
        assert_eq!(
            identify("Police detained the journalist Dana Okafor on Tuesday in the capital, her lawyer said."),
            "en"
        );
        assert_eq!(
            identify("Сотрудники милиции задержали журналиста Ивана Петрова во вторник, сообщил его адвокат."),
            "ru"
        );
        assert_eq!(
            identify(
                "La police a arrêté le journaliste mardi dans la capitale, a indiqué son avocat devant le tribunal."
            ),
            "fr"
        );
        assert_eq!(
            identify(
                "Журналист Асан Токтогулов шейшемби күнү кармалды, деп билдирди анын жактоочусу. Сот өкүмүн өзгөрткөн жок."
            ),
            "ky"
        );
    }

    #[test]
    fn mixed_script_and_short_text() {
        // an English report spelling names in Cyrillic stays English
        assert_eq!(
            identify(
                "The reporter Ivan Petrov (Иван Петров) was detained on Tuesday, his employer said in a statement."
            ),
            "en"
        );
        // a Russian report quoting a Latin outlet name stays Russian
        assert_eq!(
            identify("Как сообщает Reuters, журналиста задержали в аэропорту после возвращения из поездки."),
            "ru"
        );
        // headlines: the script decides
        assert_eq!(identify("Reporter detained"), "en");
        assert_eq!(identify("Журналиста задержали"), "ru");
        assert_eq!(identify("12 345"), "und");
    }
}
