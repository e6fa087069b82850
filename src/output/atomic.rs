//! Replacing the output folder in one step: the build is written into a staging folder beside it,
//! and the two are exchanged, so a reader (or a killed build) never sees half an output.
//!
//! The output before last is kept beside it as a spare (`.explainer-spare-public`), and the next
//! build starts its staging folder from it: a made picture already there (its name holds its
//! content's hash) is kept, so a rebuild with fifty photos writes only the page. A picture that is
//! not there is linked from the image cache, or copied where a link cannot be made.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Output;

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
const SPARE_PREFIX: &str = ".explainer-spare-";

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
    let spare = parent.join(format!(
        "{SPARE_PREFIX}{}",
        dir.file_name().unwrap_or_default().to_string_lossy()
    ));
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING_PREFIX}{}-", std::process::id()))
        .tempdir_in(&parent)
        .map_err(at(&parent))?;
    // The spare becomes this build's staging folder, in one step that only one build can take.
    let reused =
        fs::remove_dir(staging.path()).is_ok() && fs::rename(&spare, staging.path()).is_ok();
    let kept = if reused {
        keep_unchanged(output, staging.path())
    } else {
        fs::create_dir_all(staging.path()).map_err(at(staging.path()))?;
        HashSet::new()
    };
    for (rel, contents) in output.files() {
        if kept.contains(rel) {
            continue;
        }
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(at(folder))?;
        }
        // A file named, not read (a made picture, a video), is linked or copied; never a link
        // itself, which would publish whatever it points to.
        if let Some(file) = contents.file()
            && crate::inside::is_link(file)
        {
            return Err(WriteError {
                path: file.to_path_buf(),
                error: io::Error::other("refusing to publish a symbolic link"),
            });
        }
        let linked = contents
            .file()
            .is_some_and(|file| fs::hard_link(file, &path).is_ok());
        if !linked {
            fs::File::create(&path)
                .and_then(|mut file| contents.write_to(&mut file))
                .map_err(at(&path))?;
        }
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
    // The previous output, now at `staging`, is the next build's spare.
    if !(staging.exists() && fs::rename(&staging, &spare).is_ok()) {
        let _ = fs::remove_dir_all(&staging);
    }
    Ok(())
}

/// Removes from `staging` (a previous output) every file this build does not have as it is, and
/// gives the files left: made pictures of the same name and size, which need no writing. Every
/// other file is written again, so nothing of the old output is trusted but a content-named file.
fn keep_unchanged(output: &Output, staging: &Path) -> HashSet<String> {
    let mut kept = HashSet::new();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(staging)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if entry.file_type().is_dir() {
            folders.push(path.to_path_buf());
            continue;
        }
        let rel = path
            .strip_prefix(staging)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let same = entry.file_type().is_file()
            && output.get(&rel).is_some_and(|contents| {
                contents.file().is_some()
                    && entry
                        .metadata()
                        .is_ok_and(|m| m.len() == contents.len() as u64)
            });
        if same {
            kept.insert(rel);
        } else {
            let _ = fs::remove_file(path);
        }
    }
    // Folders left empty, deepest first (a folder with files fails to go, as it should).
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
    kept
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
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    // rustix makes the system call itself: musl's C library, which the static Linux release links,
    // has no renameat2.
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
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
