//! Integration tests of casewatch-ingest through its public API, one module per concern.

mod bad_input;
mod dev_set;
mod feed;
mod gzip;
mod html;
mod jsonl;
mod outlet;
mod text;
mod walk;
mod warc;

use std::io::Write;
use std::path::{Path, PathBuf};

use casewatch_ingest::{InputError, RawArticle, ReadOptions, read_paths};
use chrono::NaiveDate;

/// A fresh temporary directory.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `bytes` to `dir/name` (creating parent folders) and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write");
    path
}

/// gzip-compresses `bytes`.
pub fn gz(bytes: impl AsRef<[u8]>) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes.as_ref()).expect("gzip");
    enc.finish().expect("gzip")
}

/// Reads `paths` with `opts`, collecting every item.
pub fn read_with(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Result<RawArticle, InputError>> {
    read_paths(paths, opts).collect()
}

/// Reads `paths` with default options.
pub fn read(paths: &[PathBuf]) -> Vec<Result<RawArticle, InputError>> {
    read_with(paths, &ReadOptions::default())
}

/// Writes one file and reads it, expecting exactly one article.
pub fn one(name: &str, bytes: impl AsRef<[u8]>) -> RawArticle {
    one_with(name, bytes, &ReadOptions::default())
}

/// [`one`] with options.
pub fn one_with(name: &str, bytes: impl AsRef<[u8]>, opts: &ReadOptions) -> RawArticle {
    let dir = tempdir();
    let path = write(dir.path(), name, bytes);
    let mut items = read_with(&[path], opts);
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0).expect("an article")
}

/// Writes one file and reads it, expecting exactly one error; returns its reason.
pub fn error_of(name: &str, bytes: impl AsRef<[u8]>, opts: &ReadOptions) -> String {
    let dir = tempdir();
    let path = write(dir.path(), name, bytes);
    let mut items = read_with(std::slice::from_ref(&path), opts);
    assert_eq!(items.len(), 1, "{items:?}");
    let err = items.remove(0).expect_err("an error");
    assert_eq!(err.path, path.display().to_string());
    err.reason
}

/// A date.
pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}
