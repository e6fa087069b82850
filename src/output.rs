//! The built site as files in memory, and writing it to disk so that the output folder is replaced
//! whole or not at all.
//!
//! The build writes everything into a staging folder beside the output folder, then swaps the two in
//! one step (`renameat2` with `RENAME_EXCHANGE` on Linux; two renames elsewhere or on file systems
//! that cannot exchange). If anything fails before the swap, or the build is killed at any moment,
//! the previous output is untouched and complete. Folders a killed build left behind
//! (`.explainer-staging-<pid>-…`) are removed by the next build.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::embedded;

/// The site's files by relative path (`index.html`, `style.css`), in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Output {
    files: BTreeMap<String, Contents>,
}

/// A file's bytes, kept as the pieces it was made from. The page is its shell and its sections'
/// HTML, shared with the render cache rather than copied into one buffer: at 10,000 sections that
/// buffer would be a quarter of the build's memory, and `serve` would copy it after every edit.
#[derive(Debug, Default, Clone)]
pub struct Contents {
    pieces: Vec<Arc<[u8]>>,
    len: usize,
}

impl Contents {
    /// The pieces in order; empty ones are dropped.
    pub fn from_pieces(pieces: impl IntoIterator<Item = Arc<[u8]>>) -> Contents {
        let pieces: Vec<Arc<[u8]>> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
        let len = pieces.iter().map(|p| p.len()).sum();
        Contents { pieces, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes in one buffer, copied only when the file is in several pieces.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self.pieces.as_slice() {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            _ => Cow::Owned(self.pieces.concat()),
        }
    }

    /// Writes the pieces to `out` with as few system calls as the pieces allow.
    pub fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        for batch in self.pieces.chunks(512) {
            let mut slices: Vec<io::IoSlice<'_>> =
                batch.iter().map(|p| io::IoSlice::new(p)).collect();
            let mut slices = &mut slices[..];
            while !slices.is_empty() {
                match out.write_vectored(slices) {
                    Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                    Ok(n) => io::IoSlice::advance_slices(&mut slices, n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }
}

/// Two files are equal when their bytes are, however they are cut into pieces.
impl PartialEq for Contents {
    fn eq(&self, other: &Contents) -> bool {
        self.len == other.len && self.bytes() == other.bytes()
    }
}

impl From<Vec<u8>> for Contents {
    fn from(bytes: Vec<u8>) -> Contents {
        Contents::from_pieces([Arc::from(bytes)])
    }
}

impl From<String> for Contents {
    fn from(text: String) -> Contents {
        Contents::from(text.into_bytes())
    }
}

impl From<&[u8]> for Contents {
    fn from(bytes: &[u8]) -> Contents {
        Contents::from_pieces([Arc::from(bytes)])
    }
}

impl From<&str> for Contents {
    fn from(text: &str) -> Contents {
        Contents::from(text.as_bytes())
    }
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, contents: impl Into<Contents>) {
        self.files.insert(path.into(), contents.into());
    }

    pub fn remove(&mut self, path: &str) -> Option<Contents> {
        self.files.remove(path)
    }

    pub fn get(&self, path: &str) -> Option<&Contents> {
        self.files.get(path)
    }

    pub fn files(&self) -> impl Iterator<Item = (&str, &Contents)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Contents::len).sum()
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

    /// Reads again only the static files at `changed` (paths relative to the root, as the watcher
    /// reports them), on top of what [`Output::add_static`] read: a changed file is read, a removed
    /// one dropped (and a built-in one of that name put back). Returns `false` when that cannot be
    /// done file by file (a folder, a file that cannot be read); then read everything again.
    pub fn refresh_static(&mut self, root: &Path, changed: &[PathBuf]) -> bool {
        for rel in changed {
            let Ok(inner) = rel.strip_prefix("static") else {
                continue;
            };
            let Some(name) = inner.to_str().map(|n| n.replace('\\', "/")) else {
                return false;
            };
            if name.is_empty() {
                return false;
            }
            // As `add_static` walks: links are not followed, folders are read through.
            match fs::symlink_metadata(root.join(rel)) {
                Ok(meta) if meta.is_dir() => return false,
                Ok(meta) if meta.is_file() => match fs::read(root.join(rel)) {
                    Ok(bytes) => self.insert(name, bytes),
                    Err(_) => return false,
                },
                _ => {
                    // Gone (or a link, which is not read): the file, or a folder and everything
                    // that was in it; a built-in file of that name shows again.
                    let folder = format!("{name}/");
                    self.files
                        .retain(|path, _| *path != name && !path.starts_with(&folder));
                    for (path, bytes) in embedded::files_under("static") {
                        if (path == name || path.starts_with(&folder))
                            && !self.files.contains_key(path)
                        {
                            self.insert(path, bytes);
                        }
                    }
                }
            }
        }
        true
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

const STAGING_PREFIX: &str = ".explainer-staging-";
const OLD_PREFIX: &str = ".explainer-old-";

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
    remove_stale_folders(&parent);
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING_PREFIX}{}-", std::process::id()))
        .tempdir_in(&parent)
        .map_err(at(&parent))?;
    for (rel, contents) in output.files() {
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(at(folder))?;
        }
        fs::File::create(&path)
            .and_then(|mut file| contents.write_to(&mut file))
            .map_err(at(&path))?;
    }
    // From here on the staging folder is removed by hand (or, if this process is killed, by the next
    // build): after an exchange it holds the previous output.
    let staging = staging.keep();
    let swapped = if dir.exists() {
        swap(&staging, dir, &parent)
    } else {
        fs::rename(&staging, dir)
    };
    if let Err(error) = swapped {
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError {
            path: dir.to_path_buf(),
            error,
        });
    }
    let _ = fs::remove_dir_all(&staging);
    Ok(())
}

/// Puts the folder `new` where `dir` is, and what was at `dir` at `new`, in one step when the system
/// can: there is never a moment with no `dir`.
fn swap(new: &Path, dir: &Path, parent: &Path) -> io::Result<()> {
    match exchange(new, dir) {
        Ok(()) => return Ok(()),
        Err(err) if err.kind() == io::ErrorKind::Unsupported => {}
        Err(err) if matches!(err.raw_os_error(), Some(code) if is_no_exchange(code)) => {}
        Err(err) => return Err(err),
    }
    // Two renames: a build killed between them leaves no `dir`, but the previous output complete
    // beside it as `.explainer-old-<pid>`.
    let old = parent.join(format!("{OLD_PREFIX}{}", std::process::id()));
    let _ = fs::remove_dir_all(&old);
    fs::rename(dir, &old)?;
    if let Err(error) = fs::rename(new, dir) {
        let _ = fs::rename(&old, dir);
        return Err(error);
    }
    fs::rename(&old, new)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are NUL-terminated C strings that live until the call returns.
    let code = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if code == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The errors with which a kernel or file system says it cannot exchange two names.
fn is_no_exchange(code: i32) -> bool {
    #[cfg(target_os = "linux")]
    {
        code == libc::EINVAL || code == libc::ENOSYS || code == libc::EOPNOTSUPP
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = code;
        false
    }
}

/// Removes the staging and old-output folders of builds that were killed before they could clean up:
/// those named after a process that no longer runs.
fn remove_stale_folders(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(STAGING_PREFIX)
            .or_else(|| name.strip_prefix(OLD_PREFIX))
        else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && !is_running(pid)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs; where that cannot be told, it is assumed to.
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::Contents;
    use std::sync::Arc;

    fn pieces(parts: &[&str]) -> Contents {
        Contents::from_pieces(parts.iter().map(|p| Arc::from(p.as_bytes())))
    }

    #[test]
    fn contents_are_their_bytes_however_they_are_cut() {
        let whole = Contents::from("<main>one two</main>");
        let cut = pieces(&["<main>", "one", "", " two", "</main>"]);
        assert_eq!(cut.len(), whole.len());
        assert_eq!(cut.bytes(), whole.bytes());
        assert!(cut == whole);
        assert!(cut != pieces(&["<main>", "one", " three", "</main>"]));
        assert!(pieces(&[]).is_empty());
    }

    #[test]
    fn contents_are_written_whole_even_in_more_pieces_than_one_call_takes() {
        // More pieces than one vectored write accepts, so the batches and partial writes are used.
        let parts: Vec<String> = (0..5000).map(|i| format!("<p>{i}</p>\n")).collect();
        let contents = Contents::from_pieces(parts.iter().map(|p| Arc::from(p.as_bytes())));
        let mut written = Vec::new();
        contents.write_to(&mut written).unwrap();
        assert_eq!(written, parts.concat().into_bytes());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let mut file = std::fs::File::create(&path).unwrap();
        contents.write_to(&mut file).unwrap();
        drop(file);
        assert_eq!(std::fs::read(&path).unwrap(), parts.concat().into_bytes());
    }
}
