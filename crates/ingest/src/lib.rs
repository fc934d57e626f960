//! casewatch-ingest: reads news articles from files, directories and standard
//! input into [`RawArticle`]s, one bad input at a time never stopping a batch.
//!
//! Formats (one module each, all behind the [`Reader`] trait): [`text`] (with
//! or without a `date YYYY-MM-DD` header), [`jsonl`], [`html`], [`feed`]
//! (RSS/Atom), [`warc`]; [`gzip`] wraps any of them; [`walk`] expands
//! directories. [`normalize`] owns the text clean-up and the SHA-256
//! de-duplication key shared by all formats.
//!
//! Dispatch is by extension (any case): `.txt`, `.text`, `.md` or none → text;
//! `.jsonl`, `.ndjson` → JSONL; `.html`, `.htm`, `.xhtml` → HTML; `.rss`,
//! `.atom`, `.xml` → feed; `.warc` → WARC; `.gz` → decompressed, then by the
//! inner name. Other extensions and standard input are sniffed (see
//! [`Format::sniff`]): `WARC/` → WARC, `{` → JSONL, `<` → feed or HTML, else
//! text.
//!
//! ```
//! use casewatch_ingest::{read_paths, ReadOptions};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a-1.txt"), "date 2025-03-12\nCourt frees editor\n\nThe court freed her.\n").unwrap();
//! let articles: Vec<_> = read_paths(&[dir.path().to_path_buf()], &ReadOptions::default()).collect();
//! let a = articles[0].as_ref().unwrap();
//! assert_eq!(a.id, "a-1");
//! assert_eq!(a.published.unwrap().to_string(), "2025-03-12");
//! assert_eq!(a.title.as_deref(), Some("Court frees editor"));
//! assert_eq!(a.body, "Court frees editor\n\nThe court freed her.\n");
//! ```

mod article;
pub mod date;
pub mod feed;
pub mod format;
pub mod gzip;
pub mod html;
pub mod input;
pub mod jsonl;
pub mod normalize;
pub mod text;
pub mod walk;
pub mod warc;

use std::path::PathBuf;

pub use article::{InputError, RawArticle, ReadOptions, Source, printable};
pub use format::{Articles, Format, Reader};

/// Streams the articles of `paths`: files, directories (recursive, sorted by
/// path; see [`walk::inputs`] for which files are picked) and `"-"` for
/// standard input, in the order given.
///
/// Yields one item per article, or one [`InputError`] per input that fails
/// (missing path, empty or binary file, over [`ReadOptions::max_bytes`],
/// corrupt gzip, bad `date` header) and per malformed JSONL line; the batch
/// always goes on. Lazy: one file is open at a time and JSONL is read line by
/// line, so memory is bounded by the largest single input.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> impl Iterator<Item = Result<RawArticle, InputError>> + use<> {
    let opts = *opts;
    walk::inputs(paths.to_vec()).flat_map(move |input| match input {
        walk::Input::File(path) => input::read_file(&path, &opts),
        walk::Input::Stdin => input::read_stdin(&opts),
        walk::Input::Error(err) => Box::new(std::iter::once(Err(err))),
    })
}
