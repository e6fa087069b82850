//! Watching the site's sources (`content/`, `templates/`, `static/`) and reporting settled batches
//! of changes.
//!
//! Editors save in several steps (write a temporary file, rename it over the old one, touch a backup)
//! so events are collected until the folder has been quiet for a few milliseconds, and only then is a
//! rebuild asked for. Reads are ignored (the build itself reads every file), as are editors' swap and
//! backup files. Watching folders rather than files keeps save-by-rename working.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// The folders a site's page is built from (`locales/`: its own interface words).
pub const SOURCES: [&str; 4] = ["content", "templates", "static", "locales"];

/// The longest a burst of changes may hold back a rebuild.
const MAX_WAIT: Duration = Duration::from_millis(300);

pub struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let mut inner = notify::recommended_watcher(tx)?;
        // The root itself, without recursion, to notice `templates/` or `static/` being created.
        inner.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            // Events carry absolute, resolved paths; compare them with the resolved root.
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            inner,
            events,
            watched: Vec::new(),
        };
        watcher.watch_sources();
        Ok(watcher)
    }

    fn watch_sources(&mut self) {
        for dir in SOURCES {
            let path = self.root.join(dir);
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.inner.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(path);
            }
        }
    }

    /// Blocks until something relevant changed and the changes have settled for `quiet`; returns the
    /// changed paths relative to the root, sorted and without repeats. `None` when watching stopped.
    pub fn next_batch(&mut self, quiet: Duration) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        self.watch_sources();
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
        let Ok(event) = event else {
            return;
        };
        let counts = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !counts {
            return;
        }
        for path in event.paths {
            if let Some(rel) = relevant(&self.root, &path) {
                changed.push(rel);
            }
        }
    }
}

/// The path relative to the root if a change to it can change the page.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    if !SOURCES.contains(&first) {
        return None;
    }
    let name = rel.file_name()?.to_string_lossy();
    let scratch = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext));
    (!scratch).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_count() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(
            rel("/site/content/a.md"),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(
            rel("/site/static/style.css"),
            Some(PathBuf::from("static/style.css"))
        );
        assert_eq!(rel("/site/templates"), Some(PathBuf::from("templates")));
        assert_eq!(rel("/site/public/index.html"), None);
        assert_eq!(rel("/site/content/.a.md.swp"), None);
        assert_eq!(rel("/site/content/a.md~"), None);
        assert_eq!(rel("/site/content/4913"), None);
        assert_eq!(rel("/elsewhere/content/a.md"), None);
    }
}
