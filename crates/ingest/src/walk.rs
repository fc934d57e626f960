//! Turning the paths a user gives into inputs, lazily: files as given,
//! directories walked recursively in sorted order, `-` for standard input.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::InputError;
use crate::input::format_of_name;

/// One input to read.
#[derive(Debug)]
pub enum Input {
    /// A file path (as given or walked); it may not exist.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A directory entry that could not be read.
    Error(InputError),
}

/// Whether a file met while walking a directory is read: its name is not
/// hidden (`.…`), it is not Markdown (`README.md` and notes beside articles
/// are documentation, not reports), and its extension (inside `.gz` too) is
/// one the crate reads or absent. Files named explicitly are always read, with
/// the format sniffed when the extension says nothing.
pub fn is_walked_file(name: &str) -> bool {
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".md.gz") {
        return false;
    }
    format_of_name(name).1.is_some()
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

/// The inputs of `paths`, in the order given. A directory yields its files
/// recursively, sorted by path (entries of each directory by name), skipping
/// hidden files and directories and files [`is_walked_file`] rejects;
/// symbolic links are followed (loops are reported). `-` is standard input.
pub fn inputs(paths: Vec<PathBuf>) -> impl Iterator<Item = Input> {
    paths.into_iter().flat_map(|path| -> Box<dyn Iterator<Item = Input>> {
        if path.as_os_str() == "-" {
            Box::new(std::iter::once(Input::Stdin))
        } else if path.is_dir() {
            Box::new(walk_dir(path))
        } else {
            Box::new(std::iter::once(Input::File(path)))
        }
    })
}

fn walk_dir(root: PathBuf) -> impl Iterator<Item = Input> {
    WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e))
        .filter_map(|entry| match entry {
            Ok(entry) => {
                let walked = entry.file_type().is_file() && is_walked_file(&entry.file_name().to_string_lossy());
                walked.then(|| Input::File(entry.into_path()))
            }
            Err(err) => Some(Input::Error(walk_error(&err))),
        })
}

fn walk_error(err: &walkdir::Error) -> InputError {
    let path = err.path().map(Path::display).map(|d| d.to_string()).unwrap_or_default();
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        format!("symbolic link loop back to {}", ancestor.display())
    } else if let Some(io) = err.io_error() {
        crate::input::reason(io)
    } else {
        err.to_string()
    };
    InputError {
        path,
        line: None,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walked_names() {
        assert!(is_walked_file("a.txt"));
        assert!(is_walked_file("a.txt.gz"));
        assert!(is_walked_file("a.JSONL"));
        assert!(is_walked_file("notes"));
        assert!(!is_walked_file(".hidden.txt"));
        assert!(!is_walked_file("cases.json"));
        assert!(!is_walked_file("photo.png"));
    }
}
