//! Article bodies at rest: deflated when that saves space, and the SQL functions `casewatch_body`, `casewatch_span` and `casewatch_head` that read them back.
//!
//! `articles.body` holds either the text (TEXT: short bodies, bodies that do
//! not compress, and every row stored before migration 0009) or its raw
//! deflate stream (BLOB). Everything that reads a body goes through
//! `casewatch_body(body)` (the view `article_text`, the content table of
//! `article_fts`, and the store's own reads) or `casewatch_span(body, start,
//! end)` (the view `event_evidence`: evidence sentences, the content of
//! `evidence_fts`), or `casewatch_head(body, bytes)` (long articles' search
//! snippets). [`register`] defines the functions on every connection the
//! store opens, before migrating.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, Error};

/// Bodies shorter than this many bytes are stored as text: the deflate
/// header and the lost page-fill gain outweigh what it saves.
const MIN_DEFLATED_BYTES: usize = 256;

/// A body is stored deflated only when that saves at least a tenth of it.
/// News text in English and Russian deflates to about half (the 81 reports
/// of the real development set: 149,499 → 71,282 bytes).
fn worth_deflating(text: usize, deflated: usize) -> bool {
    deflated.saturating_mul(10) <= text.saturating_mul(9)
}

/// A body as it is written to `articles.body`.
pub(crate) enum StoredBody<'a> {
    /// Stored as text.
    Text(&'a str),
    /// Stored as a raw deflate stream of the text's UTF-8 bytes.
    Deflated(Vec<u8>),
}

impl ToSql for StoredBody<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            StoredBody::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            StoredBody::Deflated(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

/// The form `body` is stored in: deflated (fast level) when it is at least
/// [`MIN_DEFLATED_BYTES`] long and that saves a tenth, else the text.
pub(crate) fn encode(body: &str) -> StoredBody<'_> {
    if body.len() < MIN_DEFLATED_BYTES {
        return StoredBody::Text(body);
    }
    match crate::deflate::deflate(body.as_bytes()) {
        Ok(d) if worth_deflating(body.len(), d.len()) => StoredBody::Deflated(d),
        _ => StoredBody::Text(body),
    }
}

/// Inflates a stored body. Errors: the bytes are not a deflate stream, or
/// not UTF-8 once inflated (a damaged row), as a message.
pub(crate) fn inflate(deflated: &[u8]) -> Result<String, String> {
    crate::deflate::inflate(deflated, None)
        .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
        .map_err(|e| format!("a stored article body does not inflate to UTF-8 text: {e}"))
}

/// Defines two functions on `conn`. `casewatch_body(x)`: NULL and TEXT are
/// returned as they are, a BLOB is inflated ([`inflate`]).
/// `casewatch_span(x, start, end)`: the text of bytes `start..end` ([`span`]),
/// which the view `event_evidence` reads evidence sentences with.
/// `casewatch_head(x, bytes)`: the text's first bytes ([`head`]), which
/// search reads long articles' snippets from. An error
/// is an SQL error naming the cause. Deterministic and innocuous, so views
/// and triggers may use them.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    let offset = |ctx: &rusqlite::functions::Context<'_>, i: usize| -> rusqlite::Result<usize> {
        usize::try_from(ctx.get::<i64>(i)?).map_err(|e| Error::UserFunctionError(e.into()))
    };
    conn.create_scalar_function("casewatch_span", 3, flags, move |ctx| {
        let (start, end) = (offset(ctx, 1)?, offset(ctx, 2)?);
        span(ctx.get_raw(0), start, end).map_err(|e| Error::UserFunctionError(e.into()))
    })?;
    conn.create_scalar_function("casewatch_head", 2, flags, move |ctx| {
        head(ctx.get_raw(0), offset(ctx, 1)?).map_err(|e| Error::UserFunctionError(e.into()))
    })?;
    conn.create_scalar_function("casewatch_body", 1, flags, |ctx| match ctx.get_raw(0) {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => Ok(Some(String::from_utf8_lossy(t).into_owned())),
        ValueRef::Blob(b) => inflate(b).map(Some).map_err(|e| Error::UserFunctionError(e.into())),
        other => Err(Error::UserFunctionError(
            format!("an article body stored as {:?}", other.data_type()).into(),
        )),
    })
}

/// The text of bytes `start..end` of a stored body: the slice of a TEXT
/// body, or of a BLOB's inflated stream, inflating only its first `end`
/// bytes (evidence lies in the analysed head of a body, so reading one
/// sentence never inflates a whole long text). Offsets past the text are
/// cut to it and bytes that are no whole characters are read as U+FFFD, so
/// a damaged row gives damaged text, not a failed migration or search (the
/// store's own read of the record reports it). Errors: a BLOB that does not
/// inflate, as a message.
pub(crate) fn span(stored: ValueRef<'_>, start: usize, end: usize) -> Result<String, String> {
    let slice = |b: &[u8]| {
        let end = end.min(b.len());
        String::from_utf8_lossy(&b[start.min(end)..end]).into_owned()
    };
    match stored {
        ValueRef::Text(t) => Ok(slice(t)),
        ValueRef::Blob(b) => Ok(slice(&inflate_head(b, end)?)),
        other => Err(format!("an article body stored as {:?}", other.data_type())),
    }
}

/// The first `bytes` bytes of a stored body's text (fewer at the end of the
/// text, cut back to a character boundary), inflating no more of a BLOB.
/// Errors: a BLOB that does not inflate, as a message.
pub(crate) fn head(stored: ValueRef<'_>, bytes: usize) -> Result<String, String> {
    let cut = |b: &[u8]| {
        let mut end = bytes.min(b.len());
        // back to the start of a character
        while end > 0 && end < b.len() && (b[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        String::from_utf8_lossy(&b[..end]).into_owned()
    };
    match stored {
        ValueRef::Text(t) => Ok(cut(t)),
        // one byte more, to see whether the cut falls inside a character
        ValueRef::Blob(b) => Ok(cut(&inflate_head(b, bytes.saturating_add(1))?)),
        other => Err(format!("an article body stored as {:?}", other.data_type())),
    }
}

fn inflate_head(deflated: &[u8], bytes: usize) -> Result<Vec<u8>, String> {
    crate::deflate::inflate(deflated, Some(bytes)).map_err(|e| format!("a stored article body does not inflate: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_deflated_and_reads_back_through_the_sql_function() {
        let text = "Журналист Иван Петров задержан в Бишкеке. The reporter was detained on May 3. ".repeat(20);
        let StoredBody::Deflated(d) = encode(&text) else {
            panic!("a repetitive 2 KB text deflates")
        };
        assert!(d.len() < text.len() / 2);
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        // one value of `sql`, with the text's stored form as ?1 when it asks for one
        let stored = encode(&text);
        let one = |sql: &str| -> Option<String> {
            let params: &[&dyn rusqlite::ToSql] = if sql.contains("?1") { &[&stored] } else { &[] };
            conn.query_row(sql, params, |r| r.get(0)).expect(sql)
        };
        assert_eq!(one("SELECT casewatch_body(?1)").as_deref(), Some(text.as_str()));
        assert_eq!(one("SELECT casewatch_body('short')").as_deref(), Some("short"));
        assert_eq!(one("SELECT casewatch_span(?1, 0, 18)").as_deref(), Some("Журналист"));
        // a damaged span reads as damaged text, not an error
        assert_eq!(one("SELECT casewatch_span(?1, 0, 1)").as_deref(), Some("\u{FFFD}"));
        assert_eq!(one("SELECT casewatch_span('abc', 1, 99)").as_deref(), Some("bc"));
        // the head stops before a character it would cut
        assert_eq!(one("SELECT casewatch_head(?1, 19)").as_deref(), Some("Журналист "));
        assert_eq!(one("SELECT casewatch_body(NULL)"), None);
    }

    #[test]
    fn short_or_incompressible_text_stays_text_and_damage_is_an_error() {
        assert!(matches!(encode("A reporter was fined."), StoredBody::Text(_)));
        // Stored deflated only when that saves a tenth.
        assert!(worth_deflating(1000, 900));
        assert!(!worth_deflating(1000, 901));
        let conn = Connection::open_in_memory().expect("db");
        register(&conn).expect("register");
        let err = conn
            .query_row("SELECT casewatch_body(x'ffff00')", [], |r| r.get::<_, String>(0))
            .expect_err("not deflate");
        assert!(err.to_string().contains("does not inflate"), "{err}");
    }
}
