//! The built site as files in memory, and writing it to disk so that the output folder is replaced
//! whole or not at all.
//!
//! The build writes everything into a staging folder beside the output folder, then swaps the two in
//! one step (`renameat2` with `RENAME_EXCHANGE` on Linux; two renames elsewhere or on file systems
//! that cannot exchange). If anything fails before the swap, or the build is killed at any moment,
//! the previous output is untouched and complete. Folders a killed build left behind
//! (`.explainer-staging-<pid>-…`) are removed by the next build.
//!
//! Files are held as [`Contents`]: shared pieces, so that the page can be the page shell and each
//! section's HTML without ever being joined into one buffer. The names of the files every build
//! publishes are here too, for the stages that link to them.

mod atomic;
mod contents;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::embedded;
pub use atomic::{WriteError, write_atomically};
pub use contents::Contents;

/// The page.
pub const PAGE_FILE: &str = "index.html";
/// What the host serves for an address that does not exist.
pub const NOT_FOUND_FILE: &str = "404.html";
/// The Atom feed of updates and corrections.
pub const FEED_FILE: &str = "atom.xml";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";
/// The timeline in TimelineJS's JSON format.
pub const TIMELINE_FILE: &str = "timeline.json";
/// The timeline as a spreadsheet, in TimelineJS's sheet layout ("Get the data").
pub const TIMELINE_CSV_FILE: &str = "timeline.csv";
/// A custom domain, for GitHub Pages.
pub const CNAME_FILE: &str = "CNAME";
/// Tells GitHub Pages not to run Jekyll over a branch it publishes.
pub const NOJEKYLL_FILE: &str = ".nojekyll";

/// The site's files by relative path (`index.html`, `style.css`), in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Output {
    files: BTreeMap<String, Contents>,
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

    /// The static files alone: the built-in ones, replaced or joined by those in `root/static`.
    pub fn read_static(root: &Path) -> Result<Output, Vec<Diagnostic>> {
        let mut statics = Output::default();
        statics.add_static(root).map(|()| statics)
    }

    /// Adds the static files: the built-in ones, replaced or joined by those in `root/static`.
    fn add_static(&mut self, root: &Path) -> Result<(), Vec<Diagnostic>> {
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
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let source = if entry.path_is_symlink() {
                // A link is published as its target's bytes, when that is a file of the site.
                match crate::inside::real_path(root, shown) {
                    Ok(real) if real.is_file() => real,
                    Ok(_) => {
                        problems.push(
                            Diagnostic::error(shown, "this is a link to a folder; explainer does not follow links to folders in static/")
                                .hint("copy the folder into static/ instead of linking to it"),
                        );
                        continue;
                    }
                    Err(crate::inside::Refused::Outside) => {
                        problems.push(
                            Diagnostic::error(shown, "this is a link to a file outside the explainer's folder, which is never published")
                                .hint("copy the file into static/ instead of linking to it"),
                        );
                        continue;
                    }
                    Err(crate::inside::Refused::Unreadable(err)) => {
                        problems.push(Diagnostic::error(
                            shown,
                            format!("this link cannot be followed: {err}"),
                        ));
                        continue;
                    }
                }
            } else if entry.file_type().is_file() {
                entry.path().to_path_buf()
            } else {
                continue;
            };
            match fs::read(&source) {
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
            // As `add_static` walks: folders are read through; a link is checked there.
            match fs::symlink_metadata(root.join(rel)) {
                Ok(meta) if meta.is_dir() || meta.is_symlink() => return false,
                Ok(meta) if meta.is_file() => match fs::read(root.join(rel)) {
                    Ok(bytes) => self.insert(name, bytes),
                    Err(_) => return false,
                },
                _ => {
                    // Gone: the file, or a folder and everything
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
