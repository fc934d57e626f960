//! gzip handling: `.gz` names (the inner name decides the format) and a
//! decoder whose read errors say "corrupt gzip: …".

use std::io::{self, Read};

use flate2::read::MultiGzDecoder;

use crate::input::Reason;

/// The name inside a gzip file name: `dev-003.txt.gz` → `Some("dev-003.txt")`;
/// `None` when `name` does not end with `.gz` (any case).
pub fn inner_name(name: &str) -> Option<&str> {
    let split = name.len().checked_sub(3)?;
    let (inner, ext) = (name.get(..split)?, name.get(split..)?);
    ext.eq_ignore_ascii_case(".gz").then_some(inner)
}

/// Decompresses `compressed` (all gzip members, one after another).
///
/// A read error of the decoder (bad header, bad data, truncated stream) is
/// returned as an `io::Error` carrying the reason `"corrupt gzip: …"`.
pub fn decoder<R: Read + 'static>(compressed: R) -> Box<dyn Read> {
    Box::new(GzRead(MultiGzDecoder::new(compressed)))
}

struct GzRead<R>(MultiGzDecoder<R>);

impl<R: Read> Read for GzRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            let what = match e.kind() {
                io::ErrorKind::UnexpectedEof => "truncated stream".to_string(),
                _ => e.to_string(),
            };
            io::Error::other(Reason(format!("corrupt gzip: {what}")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_names() {
        assert_eq!(inner_name("dev-003.txt.gz"), Some("dev-003.txt"));
        assert_eq!(inner_name("A.JSONL.GZ"), Some("A.JSONL"));
        assert_eq!(inner_name("x.gz"), Some("x"));
        assert_eq!(inner_name("gz"), None);
        assert_eq!(inner_name("a.txt"), None);
        assert_eq!(inner_name("é"), None);
    }
}
