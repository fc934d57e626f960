//! Raw deflate streams of what the store keeps deflated (case data, article bodies), with one compressor and one decompressor per thread, reused.
//!
//! A compressor's state is about 270 KB that zlib-rs allocates and clears
//! on creation. A case rebuild writes hundreds of cases and an ingest
//! deflates every report body, so making one per stream cost more than the
//! deflating: at 190,000 generated articles a first incremental rebuild
//! created 1,127 compressors (`flate2::Compress::new`, 8% of its
//! instructions, and a heap churned by 270 KB blocks).
//!
//! The whole input is given at once with the finishing flush, so a stream
//! is one final block where `flate2::write::DeflateEncoder` may also write
//! an empty one (a byte or two more): the text inflates the same, and the
//! readers take both (the tests compare them).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;

thread_local! {
    /// This thread's compressor (fast level, raw deflate), made on first use.
    static COMPRESSOR: RefCell<Option<Compress>> = const { RefCell::new(None) };
    /// This thread's decompressor (raw deflate), made on first use.
    static DECOMPRESSOR: RefCell<Option<Decompress>> = const { RefCell::new(None) };
}

/// The raw deflate stream (no zlib header, `Compression::fast()`) of
/// `data`, the same whatever this thread deflated before. Errors: the
/// compressor's own (none is expected for any input), as a message.
pub(crate) fn deflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let run = |z: &mut Compress| -> Result<Vec<u8>, String> {
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 4 + 64);
        loop {
            let read = usize::try_from(z.total_in()).unwrap_or(usize::MAX).min(data.len());
            let status = z
                .compress_vec(&data[read..], &mut out, FlushCompress::Finish)
                .map_err(|e| format!("deflating: {e}"))?;
            if status == Status::StreamEnd {
                return Ok(out);
            }
            // (the output is full: `compress_vec` writes only into spare capacity)
            out.reserve(out.capacity().max(4096));
        }
    };
    COMPRESSOR.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => run(slot.get_or_insert_with(|| Compress::new(Compression::fast(), false))),
        // (only if deflating re-entered itself: a compressor of its own)
        Err(_) => run(&mut Compress::new(Compression::fast(), false)),
    })
}

/// Inflates raw deflate stream `deflated`, at most `limit` bytes of it
/// (`None`: all). Like `flate2::read::DeflateDecoder`, a stream cut short
/// gives what it holds. Errors: bytes that are no deflate stream, as a
/// message.
pub(crate) fn inflate(deflated: &[u8], limit: Option<usize>) -> Result<Vec<u8>, String> {
    let run = |z: &mut Decompress| -> Result<Vec<u8>, String> {
        z.reset(false);
        let cap = deflated.len().saturating_mul(4).max(64);
        let mut out = Vec::with_capacity(limit.map_or(cap, |l| l.min(cap)));
        loop {
            let (read, wrote) = (z.total_in(), z.total_out());
            let at = usize::try_from(read).unwrap_or(usize::MAX).min(deflated.len());
            let status = z
                .decompress_vec(&deflated[at..], &mut out, FlushDecompress::None)
                .map_err(|e| format!("corrupt deflate stream: {e}"))?;
            if status == Status::StreamEnd || limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            if z.total_in() == read && z.total_out() == wrote && out.len() < out.capacity() {
                // (no progress with room to write: the input ended)
                break;
            }
            if out.len() == out.capacity() {
                let more = out.capacity().max(4096);
                out.reserve(limit.map_or(more, |l| more.min(l - out.len())));
            }
        }
        if let Some(l) = limit {
            out.truncate(l);
        }
        Ok(out)
    };
    DECOMPRESSOR.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => run(slot.get_or_insert_with(|| Decompress::new(false))),
        Err(_) => run(&mut Decompress::new(false)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Write as _};

    /// What `flate2`'s one-off encoder gives.
    fn one_off(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
        z.write_all(data).expect("write");
        z.finish().expect("finish")
    }

    #[test]
    fn a_reused_compressor_writes_what_a_new_one_does() {
        // Texts of every size class, in an order that reuses each state
        // after a larger and after a smaller stream; one incompressible.
        let mut seed = 7u64;
        let noise: Vec<u8> = (0..70_000)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (seed >> 33) as u8
            })
            .collect();
        let texts: Vec<Vec<u8>> = vec![
            "Журналист Иван Петров задержан. The reporter was detained on May 3. "
                .repeat(2_000)
                .into_bytes(),
            b"x".to_vec(),
            Vec::new(),
            noise,
            "A court placed both in pre-trial detention. ".repeat(40).into_bytes(),
            b"Journalist Kanat Osmonov was detained in Osh on 3 May 2026. Investigators charged Osmonov with extremism on 5 May 2026. The lawyer said the case was fabricated."
                .to_vec(),
        ];
        let first: Vec<Vec<u8>> = texts.iter().map(|t| deflate(t).expect("deflate")).collect();
        for (i, t) in texts.iter().enumerate().chain(texts.iter().enumerate().rev()) {
            let d = deflate(t).expect("deflate");
            // The same stream whatever came before, no longer than the
            // one-off encoder's, inflating as it does.
            assert_eq!(d, first[i], "{} bytes", t.len());
            assert!(d.len() <= one_off(t).len(), "{} bytes", t.len());
            assert_eq!(&inflate(&one_off(t), None).expect("inflate"), t);
            assert_eq!(&inflate(&d, None).expect("inflate"), t);
            let mut back = Vec::new();
            flate2::read::DeflateDecoder::new(d.as_slice())
                .read_to_end(&mut back)
                .expect("one-off inflate");
            assert_eq!(&back, t);
            // A head: at most the limit, the text's first bytes.
            for limit in [0, 1, 100, 5_000, t.len(), t.len() + 10] {
                let head = inflate(&d, Some(limit)).expect("head");
                assert_eq!(head, t[..limit.min(t.len())], "{limit} of {}", t.len());
            }
        }
    }

    #[test]
    fn damaged_streams_fail_or_give_what_they_hold() {
        let err = inflate(&[0xff, 0xff, 0x00], None).expect_err("no deflate stream");
        assert!(err.contains("corrupt deflate stream"), "{err}");
        // A stream cut short gives a prefix of its text, as the one-off
        // decoder does.
        let text = "The lawyer said the case was fabricated and would appeal. ".repeat(50);
        let d = deflate(text.as_bytes()).expect("deflate");
        let cut = &d[..d.len() / 2];
        let got = inflate(cut, None).expect("prefix");
        let mut one = Vec::new();
        let _ = flate2::read::DeflateDecoder::new(cut).read_to_end(&mut one);
        assert_eq!(got, one);
        assert!(!got.is_empty() && text.as_bytes().starts_with(&got));
        // The thread's decompressor still works after the damage.
        assert_eq!(inflate(&d, None).expect("whole"), text.as_bytes());
    }
}
