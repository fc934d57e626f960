//! Text normalisation shared by every format: decoding bytes to UTF-8, BOM and
//! line-ending clean-up, the de-duplication key and its SHA-256, title detection.

use std::borrow::Cow;

use sha2::{Digest, Sha256};

/// The UTF-8 byte order mark.
const BOM: char = '\u{feff}';

/// Longest first line (in chars) that [`detect_title`] takes for a title.
pub const MAX_TITLE_CHARS: usize = 200;

/// Decodes `bytes` as UTF-8, replacing invalid sequences with U+FFFD.
///
/// When some sequence is invalid, a warning
/// `"invalid UTF-8 at byte N, decoded lossily"` is pushed, with `N` the byte
/// offset of the first invalid sequence plus `base_offset` (the offset of
/// `bytes` within the whole input).
pub fn decode_lossy<'a>(bytes: &'a [u8], base_offset: u64, warnings: &mut Vec<String>) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) => {
            let at = base_offset + e.valid_up_to() as u64;
            warnings.push(format!("invalid UTF-8 at byte {at}, decoded lossily"));
            String::from_utf8_lossy(bytes)
        }
    }
}

/// Strips a leading BOM and turns CRLF and lone CR into LF. Nothing else changes.
pub fn clean_text(text: &str) -> String {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// [`decode`] for bytes the caller gives up: valid UTF-8 without BOM or CR
/// becomes the text without a copy (a large input is not held twice).
pub fn decode_owned(bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) if !text.starts_with(BOM) && !text.contains('\r') => text,
        Ok(text) => clean_text(&text),
        Err(e) => decode(e.as_bytes(), 0, warnings),
    }
}

/// Decodes raw input bytes into clean text: [`decode_lossy`] then [`clean_text`].
pub fn decode(bytes: &[u8], base_offset: u64, warnings: &mut Vec<String>) -> String {
    clean_text(&decode_lossy(bytes, base_offset, warnings))
}

/// The text the SHA-256 is computed over: each line without trailing
/// whitespace, leading and trailing blank lines removed, lines joined by LF
/// (CR and CRLF count as line ends too).
pub fn dedup_key(body: &str) -> String {
    let cleaned = clean_text(body);
    let lines: Vec<&str> = cleaned.split('\n').map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// Lower-case hex SHA-256 of [`dedup_key`]`(body)`, computed line by line
/// without building the key (no copy of a large body).
pub fn sha256_hex(body: &str) -> String {
    let text = body.strip_prefix(BOM).unwrap_or(body);
    let digest = if text.contains('\r') {
        Sha256::digest(dedup_key(body).as_bytes())
    } else {
        let mut hasher = Sha256::new();
        let (mut started, mut blanks) = (false, 0usize);
        for line in text.split('\n').map(str::trim_end) {
            if line.is_empty() {
                blanks += 1;
                continue;
            }
            if started {
                for _ in 0..=blanks {
                    hasher.update(b"\n");
                }
            }
            hasher.update(line.as_bytes());
            started = true;
            blanks = 0;
        }
        hasher.finalize()
    };
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `bytes` hold nothing but ASCII whitespace and BOMs.
pub fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The title of a plain-text body, if it has one: its first non-blank line,
/// when that line is at most [`MAX_TITLE_CHARS`] chars long (trimmed), does not
/// end with `.`, and is followed by a blank line. The body is not changed.
pub fn detect_title(body: &str) -> Option<String> {
    let mut lines = body.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    let next = lines.next()?;
    if !next.trim().is_empty() || first.ends_with('.') || first.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    Some(first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_hash_equals_the_hash_of_the_key() {
        for body in [
            "",
            "\n\n",
            "one",
            "\n  \none  \n\n\ntwo\t\n \nthree\n\n",
            "\u{feff}a\n\n b \n",
            "a\r\nb\r\rc",
            "  lead\n\n\n",
        ] {
            let expected: String = Sha256::digest(dedup_key(body).as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(sha256_hex(body), expected, "{body:?}");
        }
    }

    #[test]
    fn owned_decoding_equals_borrowed() {
        for bytes in [&b"plain"[..], b"\xef\xbb\xbfbom\r\nx", b"bad \xff byte", b"a\rb"] {
            let (mut w1, mut w2) = (Vec::new(), Vec::new());
            assert_eq!(decode_owned(bytes.to_vec(), &mut w1), decode(bytes, 0, &mut w2));
            assert_eq!(w1, w2);
        }
    }

    #[test]
    fn clean_text_strips_bom_and_crs() {
        assert_eq!(clean_text("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(clean_text("a\u{feff}b"), "a\u{feff}b");
    }

    #[test]
    fn dedup_key_ignores_line_ends_and_edges() {
        assert_eq!(dedup_key("\n\n  \nA  \r\n\r\nB\t\n\n"), "A\n\nB");
        assert_eq!(dedup_key(" \n \n"), "");
        assert_eq!(sha256_hex("A\r\nB"), sha256_hex("A\nB  \n"));
        assert_ne!(sha256_hex("A\nB"), sha256_hex("A B"));
    }

    #[test]
    fn sha256_of_empty_is_the_known_digest() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn decode_reports_first_invalid_byte() {
        let mut w = Vec::new();
        let s = decode(b"ab\xffcd\xfe", 10, &mut w);
        assert_eq!(s, "ab\u{fffd}cd\u{fffd}");
        assert_eq!(w, vec!["invalid UTF-8 at byte 12, decoded lossily".to_string()]);
    }

    #[test]
    fn title_rules() {
        assert_eq!(
            detect_title("Court frees editor\n\nBody.").as_deref(),
            Some("Court frees editor")
        );
        assert_eq!(
            detect_title("\n  Court frees editor  \n \nBody.").as_deref(),
            Some("Court frees editor")
        );
        assert_eq!(detect_title("A sentence.\n\nBody."), None);
        assert_eq!(detect_title("Court frees editor\nBody."), None);
        assert_eq!(detect_title("Court frees editor"), None);
        assert_eq!(detect_title(&format!("{}\n\nBody", "x".repeat(201))), None);
        assert!(detect_title(&format!("{}\n\nBody", "é".repeat(200))).is_some());
    }

    #[test]
    fn blank_detection() {
        assert!(is_blank(b""));
        assert!(is_blank(b" \n\t\r\n"));
        assert!(is_blank("\u{feff} \n".as_bytes()));
        assert!(!is_blank(b" x "));
    }
}
