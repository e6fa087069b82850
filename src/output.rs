//! The built site as files in memory, and writing it to disk so that the output folder is replaced
//! whole or not at all.
//!
//! The build writes everything into a staging folder beside the output folder, then swaps it in with
//! two renames. If anything fails before the swap, the previous output is untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::embedded;

/// The site's files by relative path (`index.html`, `style.css`), in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Adds the static files: the built-in ones, replaced or joined by those in `root/static`.
    pub fn add_static(&mut self, root: &Path) -> Result<(), Vec<Diagnostic>> {
        for (rel, bytes) in embedded::files_under("static") {
            self.insert(rel, bytes);
        }
        let dir = root.join("static");
        if !dir.is_dir() {
            return Ok(());
        }
        let mut problems = Vec::new();
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    problems.push(Diagnostic::error("static", format!("cannot read: {err}")));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            match fs::read(entry.path()) {
                Ok(bytes) => self.insert(rel.to_string_lossy().replace('\\', "/"), bytes),
                Err(err) => problems.push(Diagnostic::error(
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    format!("cannot read this file: {err}"),
                )),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Why the output could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.error)
    }
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// Replaces `dir` with exactly the files of `output`, or leaves it as it was.
pub fn write_atomically(output: &Output, dir: &Path) -> Result<(), WriteError> {
    if dir.join("content").is_dir() {
        return Err(WriteError {
            path: dir.to_path_buf(),
            error: io::Error::other(
                "this folder holds content/; refusing to replace it with the built page",
            ),
        });
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(at(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".explainer-staging-")
        .tempdir_in(&parent)
        .map_err(at(&parent))?;
    for (rel, bytes) in output.files() {
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(at(folder))?;
        }
        fs::write(&path, bytes).map_err(at(&path))?;
    }
    let staging = staging.keep();
    if dir.exists() {
        let old = parent.join(format!(".explainer-old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&old);
        fs::rename(dir, &old).map_err(at(dir))?;
        if let Err(error) = fs::rename(&staging, dir) {
            let _ = fs::rename(&old, dir);
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError {
                path: dir.to_path_buf(),
                error,
            });
        }
        let _ = fs::remove_dir_all(&old);
    } else if let Err(error) = fs::rename(&staging, dir) {
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError {
            path: dir.to_path_buf(),
            error,
        });
    }
    Ok(())
}
