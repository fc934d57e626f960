//! Name folding and person-name matching: a line-for-line port of the name
//! rules of `../shared/eval/score.py` (the project's scorer).
//!
//! Every function names the score.py function it ports. The rules, in the
//! order score.py applies them:
//!
//! 1. [`fold`] (score.py `_fold`): lower-case; the `LETTERS` table
//!    (`ı→i ə→a ø→o ł→l đ→d ß→ss æ→ae œ→oe`); Unicode NFKD with combining
//!    characters dropped, lower-cased again; Cyrillic to Latin by the `CYR`
//!    table ([`translit_cyrillic`]); then the `FOLDS` replacements **in
//!    order** ([`FOLDS`]: `shch→sh`, `zh→j`, `kh→h`, `ks→x`, `iy→i`, `yy→i`,
//!    `ye→e`, `yo→e`, `yu→u`, `ya→a`, `ie→e`, `y→i`, `w→v`, `ph→f`, `c→k`,
//!    `q→k`, `'`/`` ` `` dropped, `-`→space); then a run of one repeated letter
//!    becomes one letter, every character that is not alphanumeric becomes a
//!    space, and whitespace is collapsed. "Alphanumeric" and "letter" are
//!    Python's `str.isalnum`/`str.isalpha`, and NFKD is Python's
//!    `unicodedata`, frozen into `unicode_tables.rs` by
//!    `tools/gen_unicode.py`.
//! 2. [`split_name`] (score.py `split_name`): the folded tokens are given
//!    names + surname; a trailing patronymic particle ([`PARTICLE_SPELLINGS`]:
//!    uulu, kyzy, kizi, ogly, oglu, qizi, ugli, compared folded) stays on the
//!    surname (`"Aibek Asanbek uulu"` → `(["aibek"], "asanbek ulu")`).
//! 3. [`name_key`] (score.py `name_key`): `(initial of the first given name,
//!    surname)`, the key that repeats inside one article collapse on.
//! 4. [`names_match`] (score.py `names_match`): equal folds match; otherwise
//!    the surnames must be equal, or equal once a particle present on one
//!    side only is dropped ([`bare`]), and two different particles never
//!    match (uulu "son of" is not kyzy "daughter of"); a side with no given
//!    name matches; otherwise every pair of given names, position by
//!    position, must agree ([`given_agree`]: an initial with its letter,
//!    else one a prefix of the other or within two edits, [`edits`]).
//!
//! ```
//! use casewatch_eval::fold::{fold, names_match};
//! assert_eq!(fold("Zhanna Kovalyova"), "jana kovaleva");
//! assert_eq!(fold("Жанна Ковалёва"), "jana kovaleva");
//! assert!(names_match("Zhanna Kovalyova", "Zh. Kovaleva"));
//! assert!(!names_match("Aibek Asanbek uulu", "Aibek Asanbek kyzy"));
//! ```

use crate::unicode_tables::{ALNUM, ALPHA, STRIP};
use std::sync::OnceLock;

/// score.py `PARTICLE_SPELLINGS`: trailing patronymic particles, before folding.
pub const PARTICLE_SPELLINGS: [&str; 7] = ["uulu", "kyzy", "kizi", "ogly", "oglu", "qizi", "ugli"];

/// score.py `FOLDS`: replacements applied in this order to lower-case,
/// accent-free, transliterated text.
pub const FOLDS: [(&str, &str); 19] = [
    ("shch", "sh"),
    ("zh", "j"),
    ("kh", "h"),
    ("ks", "x"),
    ("iy", "i"),
    ("yy", "i"),
    ("ye", "e"),
    ("yo", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("ie", "e"),
    ("y", "i"),
    ("w", "v"),
    ("ph", "f"),
    ("c", "k"),
    ("q", "k"),
    ("'", ""),
    ("`", ""),
    ("-", " "),
];

/// score.py `LETTERS`: letters NFKD does not decompose, mapped before it.
const LETTERS: [(char, &str); 8] = [
    ('ı', "i"),
    ('ə', "a"),
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
];

/// score.py `CYR`: lower-case Cyrillic letters and their Latin spelling
/// (`ъ` and `ь` are dropped).
const CYR: [(char, &str); 36] = [
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
    ('ң', "n"),
    ('ө', "o"),
    ('ү', "u"),
];

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isalpha()` for one character.
pub fn is_alpha(c: char) -> bool {
    in_ranges(ALPHA, c)
}

/// Python's `str.isalnum()` for one character.
pub fn is_alnum(c: char) -> bool {
    in_ranges(ALNUM, c)
}

/// Appends the NFKD decomposition of `c` with combining characters dropped,
/// lower-cased (the per-character part of score.py `_fold`'s first line).
fn push_stripped(out: &mut String, c: char) {
    let cp = c as u32;
    if (0xAC00..=0xD7A3).contains(&cp) {
        // Hangul syllable: NFKD is algorithmic (leading, vowel, trailing jamo).
        let s = cp - 0xAC00;
        let jamo = [0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28];
        let n = if s.is_multiple_of(28) { 2 } else { 3 };
        out.extend(jamo[..n].iter().filter_map(|&j| char::from_u32(j)));
        return;
    }
    match STRIP.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => out.push_str(STRIP[i].1),
        Err(_) => out.push(c),
    }
}

/// score.py `translit_cyrillic`: lower-case Cyrillic letters to Latin by the
/// `CYR` table; every other character is kept.
pub fn translit_cyrillic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match CYR.iter().find(|(k, _)| *k == c) {
            Some((_, latin)) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// score.py `_fold`: the folded form of a name (see the module doc for the
/// steps). `fold("Ol'ga  Shcherbakova-Petrova")` is `"olga sherbakova petrova"`.
pub fn fold(text: &str) -> String {
    let mut stripped = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match LETTERS.iter().find(|(k, _)| *k == c) {
            Some((_, v)) => v.chars().for_each(|c| push_stripped(&mut stripped, c)),
            None => push_stripped(&mut stripped, c),
        }
    }
    let mut text = translit_cyrillic(&stripped);
    for (a, b) in FOLDS {
        if text.contains(a) {
            text = text.replace(a, b);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    for c in text.chars() {
        if last == Some(c) && is_alpha(c) {
            continue;
        }
        let kept = if is_alnum(c) || c == ' ' { c } else { ' ' };
        out.push(kept);
        last = Some(kept);
    }
    out.split(' ').filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}

/// score.py `PARTICLES`: the folded particle spellings.
pub fn particles() -> &'static [String] {
    static P: OnceLock<Vec<String>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<String> = PARTICLE_SPELLINGS.iter().map(|p| fold(p)).collect();
        v.sort();
        v.dedup();
        v
    })
}

fn is_particle(token: &str) -> bool {
    particles().iter().any(|p| p == token)
}

/// score.py `split_name`: (given-name tokens, surname) of the folded name; a
/// trailing particle stays on the surname (`"asanbek ulu"`).
pub fn split_name(name: &str) -> (Vec<String>, String) {
    let toks: Vec<String> = fold(name)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    match toks.len() {
        0 => (Vec::new(), String::new()),
        n if n >= 2 && is_particle(&toks[n - 1]) => (toks[..n - 2].to_vec(), toks[n - 2..].join(" ")),
        n => (toks[..n - 1].to_vec(), toks[n - 1].clone()),
    }
}

/// score.py `name_key`: (first letter of the first given name, or `None`;
/// surname), the key within-article repeats collapse on.
pub fn name_key(name: &str) -> (Option<char>, String) {
    let (given, surname) = split_name(name);
    (given.first().and_then(|g| g.chars().next()), surname)
}

/// score.py `bare`: the surname without its patronymic particle
/// (`"asanbek ulu"` → `"asanbek"`).
pub fn bare(surname: &str) -> &str {
    let toks: Vec<&str> = surname.split_whitespace().collect();
    if toks.len() == 2 && is_particle(toks[1]) {
        toks[0]
    } else {
        surname
    }
}

/// score.py `_edits`: Levenshtein distance in characters.
pub fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push((prev[j + 1] + 1).min(cur[j] + 1).min(sub));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// score.py `_given_agree`: two folded given names agree when one is an
/// initial of the other's first letter, or one is a prefix of the other, or
/// they are within two edits.
pub fn given_agree(x: &str, y: &str) -> bool {
    let (nx, ny) = (x.chars().count(), y.chars().count());
    if nx == 1 || ny == 1 {
        return x.chars().next() == y.chars().next();
    }
    x.starts_with(y) || y.starts_with(x) || edits(x, y) <= 2
}

/// score.py `names_match`: whether two names can be the same person (see the
/// module doc). Empty names never match.
pub fn names_match(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if fold(a) == fold(b) {
        return true;
    }
    let (ga, sa) = split_name(a);
    let (gb, sb) = split_name(b);
    if sa != sb {
        let pa: Vec<&str> = sa.split_whitespace().skip(1).collect();
        let pb: Vec<&str> = sb.split_whitespace().skip(1).collect();
        if !pa.is_empty() && !pb.is_empty() && pa != pb {
            return false;
        }
        if bare(&sa) != bare(&sb) {
            return false;
        }
    }
    if ga.is_empty() || gb.is_empty() {
        return true;
    }
    ga.iter().zip(&gb).all(|(x, y)| given_agree(x, y))
}

/// score.py `any_names_match`: whether any name of `xs` matches any of `ys`.
pub fn any_names_match<A: AsRef<str>, B: AsRef<str>>(xs: &[A], ys: &[B]) -> bool {
    xs.iter()
        .any(|x| ys.iter().any(|y| names_match(x.as_ref(), y.as_ref())))
}

/// score.py `dates_agree`: a missing (or empty) gold date accepts any date, a
/// missing predicted date never matches a dated gold one, and otherwise the
/// two texts agree on their common prefix (`2025-05` and `2025-05-28` agree:
/// the coarser precision decides).
pub fn dates_agree(gold: Option<&str>, pred: Option<&str>) -> bool {
    let Some(g) = gold.filter(|g| !g.is_empty()) else {
        return true;
    };
    let Some(p) = pred.filter(|p| !p.is_empty()) else {
        return false;
    };
    g.chars().zip(p.chars()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowercases_strips_accents_and_special_letters() {
        assert_eq!(fold("ÉLODIE  Brûlé"), "elode brule"); // ie → e
        assert_eq!(fold("Søren Łukasz Gülşən"), "soren lukasz gulsan");
        assert_eq!(fold("Jürgen Strauß"), "jurgen straus"); // ß → ss → s (doubled)
        assert_eq!(fold("Ærin Œlberg"), "aerin oelberg");
        assert_eq!(fold("Yıldız Đorđe"), "ildiz dorde");
        assert_eq!(fold(""), "");
        assert_eq!(fold("  ...  "), "");
    }

    #[test]
    fn fold_transliterates_cyrillic_then_applies_folds() {
        assert_eq!(fold("Жанна Ковалёва"), "jana kovaleva");
        assert_eq!(fold("Щукин Харитон"), "shukin hariton");
        assert_eq!(fold("Юрий Эйхе"), "uri eihe");
        assert_eq!(fold("Айгүл Өмүрбек кызы"), "aigul omurbek kizi");
        assert_eq!(fold("Цой Съёмкин"), "tsoi semkin");
        // Belarusian ў is NFKD у + breve, so it reaches the table as у.
        assert_eq!(fold("Ўладзь"), "uladz");
    }

    #[test]
    fn folds_apply_in_order() {
        // shch before zh/kh: "shch" → "sh", never "sj" or "sh" + "ch" → "sk".
        assert_eq!(fold("Shcherbak"), "sherbak");
        // ks → x before c → k; "ck" → "kk" → "k" (doubled).
        assert_eq!(fold("Aleksey Mackey"), "alexei makei");
        // iy → i before y → i; "yy" → "i".
        assert_eq!(fold("Dmitriy Kyyev"), "dmitri kev"); // yy → i, then ie → e
        // ye/yo/yu/ya before y → i.
        assert_eq!(fold("Yelena Yozhikova Yuriko Yana"), "elena ejikova uriko ana");
        // ie → e, w → v, ph → f, q → k, apostrophes dropped, hyphen splits.
        assert_eq!(fold("Pierre Wolph Qadir O'Neil-Smith"), "pere volf kadir oneil smith");
    }

    #[test]
    fn fold_collapses_doubled_letters_but_not_digits() {
        assert_eq!(fold("Tallulah Bennett"), "talulah benet");
        assert_eq!(fold("Unit 1100"), "unit 1100");
        assert_eq!(fold("Aaa.Bbb"), "a b");
    }

    #[test]
    fn fold_handles_compatibility_and_hangul() {
        assert_eq!(fold("ｆｕｌｌ ﬁnn"), "ful fin");
        assert_eq!(fold("김"), "\u{1100}\u{1175}\u{11b7}");
    }

    #[test]
    fn particles_fold_to_five_forms() {
        assert_eq!(particles(), ["kizi", "ogli", "oglu", "ugli", "ulu"]);
    }

    #[test]
    fn split_name_keeps_particle_on_surname() {
        assert_eq!(
            split_name("Aibek Asanbek uulu"),
            (vec!["aibek".to_string()], "asanbek ulu".into())
        );
        assert_eq!(split_name("Asanbek uulu"), (vec![], "asanbek ulu".into()));
        assert_eq!(split_name("uulu"), (vec![], "ulu".into()));
        assert_eq!(split_name("Mira Tessel"), (vec!["mira".to_string()], "tesel".into()));
        assert_eq!(split_name(""), (vec![], String::new()));
        assert_eq!(name_key("Mira Anouk Tessel"), (Some('m'), "tesel".into()));
        assert_eq!(name_key("Tessel"), (None, "tesel".into()));
        assert_eq!(bare("asanbek ulu"), "asanbek");
        assert_eq!(bare("van tesel"), "van tesel");
    }

    #[test]
    fn edits_and_given_names() {
        assert_eq!(edits("kitten", "sitting"), 3);
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("äb", "ab"), 1);
        assert!(given_agree("d", "dana"));
        assert!(!given_agree("d", "mira"));
        assert!(given_agree("alex", "alexandr"));
        assert!(given_agree("natalia", "natalja"));
        assert!(!given_agree("mira", "dana"));
        assert!(given_agree("olena", "olga")); // two edits
        assert!(!given_agree("kamila", "teodor"));
    }

    #[test]
    fn names_match_rules() {
        // equal folds
        assert!(names_match("Zhanna Kovalyova", "Жанна Ковалёва"));
        // surname alone
        assert!(names_match("Dana Okafor", "Okafor"));
        // initials and prefixes
        assert!(names_match("D. Okafor", "Dana Okafor"));
        assert!(names_match("Alex Verhoeven", "Alexander Verhoeven"));
        assert!(names_match("Natalia Brell", "Natalya Brell"));
        // different given names, same surname
        assert!(!names_match("Mira Okafor", "Dana Okafor"));
        // different surnames
        assert!(!names_match("Dana Okafor", "Dana Okonkwo"));
        // a particle on one side only
        assert!(names_match("Aibek Asanbek uulu", "Aibek Asanbek"));
        // son of vs daughter of
        assert!(!names_match("Asanbek uulu", "Asanbek kyzy"));
        // same particle in two spellings
        assert!(names_match("Gulnara Temir kyzy", "Gulnara Temir qizi"));
        // only the given names present on both sides are compared
        assert!(names_match("Dana Okafor", "Dana Mira Okafor"));
        // empty names never match; names folding to nothing match each other
        assert!(!names_match("", "Okafor"));
        assert!(names_match("—", "..."));
        assert!(any_names_match(&["Okafor", "D. Okafor"], &["Dana Okafor"]));
        assert!(!any_names_match::<&str, &str>(&[], &["Dana Okafor"]));
    }

    #[test]
    fn dates_agree_at_the_coarser_precision() {
        assert!(dates_agree(None, None));
        assert!(dates_agree(None, Some("2025-05-01")));
        assert!(dates_agree(Some(""), None));
        assert!(!dates_agree(Some("2025-05"), None));
        assert!(dates_agree(Some("2025-05"), Some("2025-05-28")));
        assert!(dates_agree(Some("2025-05-28"), Some("2025")));
        assert!(!dates_agree(Some("2025-05-28"), Some("2025-05-27")));
        assert!(!dates_agree(Some("2025-05"), Some("2025-06-01")));
    }

    #[test]
    fn character_classes_are_pythons() {
        assert!(is_alpha('a') && is_alpha('ж') && !is_alpha('1') && !is_alpha(' '));
        assert!(is_alnum('1') && is_alnum('²') && !is_alnum('-'));
        // Combining marks are alphabetic in Rust but not in Python.
        assert!('\u{93e}'.is_alphabetic() && !is_alnum('\u{93e}'));
    }
}
