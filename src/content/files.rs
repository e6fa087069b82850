//! The content files as read, before the checks across files: what `serve` keeps between saves and
//! re-reads file by file, and what `check` looks at further when another file is broken.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::{EventMeta, PageMeta, SectionMeta};
use super::read::{Parsed, read_and_parse};
use super::translation::{self, Translation};
use super::{Document, INDEX_FILE, Site, validate};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Every content file whose front matter parsed, and the problems of those that did not. Nothing is
/// checked across files yet: [`Files::site`] does that. `explainer check` keeps these to look at the
/// Markdown of good files even when another file is broken.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub page: Option<Arc<Document<PageMeta>>>,
    /// In page order (by weight, then file name).
    pub sections: Vec<Arc<Document<SectionMeta>>>,
    /// In date order.
    pub events: Vec<Arc<Document<EventMeta>>>,
    /// Files that could not be read or parsed, and files where explainer does not look.
    pub problems: Vec<Diagnostic>,
    /// The translation files of the other editions.
    pub translations: Vec<Translation>,
    /// The files that could not be parsed, with their text when it could be read: what they might
    /// have defined (a source, an era) is looked for there before another file is said to lack it.
    pub broken: Vec<(PathBuf, Option<super::Text>)>,
}

impl Files {
    /// Leaves out drafts (unless wanted) and puts sections and events in page order.
    pub(super) fn settle(&mut self, drafts: bool) {
        self.sections.retain(|s| drafts || !s.meta.draft);
        self.events.retain(|e| drafts || !e.meta.draft);
        self.sections
            .sort_by(|a, b| (a.meta.weight, &a.path).cmp(&(b.meta.weight, &b.path)));
        self.events.sort_by(|a, b| {
            (a.meta.date, a.meta.time, &a.path).cmp(&(b.meta.date, b.meta.time, &b.path))
        });
    }

    /// Reads again only the files at `changed` (paths relative to the root, as the watcher reports
    /// them): each is dropped, then read and parsed again if it still exists. Every other document
    /// stays the same `Arc`, which is how later stages know it did not change. Returns `false` when
    /// the change cannot be applied file by file (a folder appeared, went or was renamed); then
    /// everything must be read again with [`read`].
    pub fn refresh(&mut self, root: &Path, drafts: bool, changed: &[PathBuf]) -> bool {
        let content_dir = root.join("content");
        for rel in changed {
            let Ok(inner) = rel.strip_prefix("content") else {
                continue;
            };
            let path = root.join(rel);
            if inner.as_os_str().is_empty() || path.is_dir() {
                return false;
            }
            let hidden = inner
                .iter()
                .any(|part| part.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            // A translation, or a new edition's page file: read everything again (rare, and the
            // editions' files depend on one another).
            let stem = rel
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            if stem.contains('.') && rel.extension().is_some_and(|e| e == "md") {
                return false;
            }
            self.problems.retain(|d| d.path != *rel);
            self.broken.retain(|(path, _)| path != rel);
            if rel.extension().is_none_or(|e| e != "md") {
                // A Markdown file saved as `.MD` is reported, and its report goes when it is renamed.
                if path.is_file() {
                    self.problems.extend(super::read::misnamed(root, &path));
                }
                if !path.exists() && rel.extension().is_none() {
                    // Perhaps a folder that was removed or renamed away.
                    return false;
                }
                continue;
            }
            self.page = self.page.take().filter(|d| d.path != *rel);
            self.sections.retain(|d| d.path != *rel);
            self.events.retain(|d| d.path != *rel);
            if path.is_file() {
                for parsed in read_and_parse(root, &content_dir, std::slice::from_ref(&path)) {
                    match parsed {
                        Parsed::Page(doc) => self.page = Some(doc),
                        Parsed::Section(doc) => self.sections.push(doc),
                        Parsed::Event(doc) => self.events.push(doc),
                        Parsed::Failed(problem, text) => {
                            self.broken.push((problem.path.clone(), text));
                            self.problems.push(problem);
                        }
                    }
                }
            }
        }
        self.settle(drafts);
        true
    }

    /// What the original file at `path` says that its translations follow (see
    /// [`translation::Parts`]), if it parsed.
    pub fn parts_of(&self, path: &Path) -> Option<translation::Parts> {
        let page = self.page.iter().filter(|d| d.path == path);
        let sections = self.sections.iter().filter(|d| d.path == path);
        let events = self.events.iter().filter(|d| d.path == path);
        page.map(|d| translation::page_parts(d))
            .chain(sections.map(|d| translation::section_parts(d)))
            .chain(events.map(|d| translation::event_parts(d)))
            .next()
    }

    /// The languages of the other editions (see [`translation::edition_languages`]).
    pub fn edition_languages(&self) -> Vec<String> {
        translation::edition_languages(&self.translations)
    }

    /// Whether every file was read and its front matter parsed.
    pub fn all_parsed(&self) -> bool {
        !self.problems.iter().any(Diagnostic::is_error)
    }

    /// The site, once every file parsed and the checks across files pass; `None` otherwise. Every
    /// problem found, the files' own and the checks', goes into `out`. Keeps the files (for `check`,
    /// which looks at them further); [`Files::into_site`] avoids the copy.
    pub fn site(&self, out: &mut Diagnostics) -> Option<Site> {
        self.clone().into_site(out)
    }

    /// Like [`Files::site`], consuming the files instead of copying them.
    pub fn into_site(self, out: &mut Diagnostics) -> Option<Site> {
        let all_parsed = self.all_parsed();
        let no_problems = self.problems.is_empty();
        out.extend(self.problems);
        let Some(page) = self.page else {
            if no_problems {
                out.push(
                    Diagnostic::error(
                        Path::new("content").join(INDEX_FILE),
                        "the page file is missing",
                    )
                    .hint("create content/_index.md with the page's title, standfirst and dates"),
                );
            }
            return None;
        };
        let site = Site {
            page,
            sections: self.sections,
            events: self.events,
            translations: Arc::new(self.translations),
        };
        // With a file that does not parse, the others are still checked across files, so that one
        // run shows every error; only what the broken file could explain is left out, and no site is
        // built from the rest.
        if !all_parsed {
            let mut found = Diagnostics::default();
            validate::validate(&site, &mut found);
            let broken = Broken(&self.broken);
            out.extend(
                found
                    .into_vec()
                    .into_iter()
                    .filter(|d| !broken.could_explain(d)),
            );
            return None;
        }
        let before = out.error_count();
        validate::validate(&site, out);
        (out.error_count() == before).then_some(site)
    }

    /// Whether a file that did not parse could be why `problem` is reported (see [`Broken`]).
    pub fn could_explain(&self, problem: &Diagnostic) -> bool {
        Broken(&self.broken).could_explain(problem)
    }
}

/// The files that could not be parsed, and what they might have said.
struct Broken<'a>(&'a [(PathBuf, Option<super::Text>)]);

impl Broken<'_> {
    /// Whether one of these files could be why `problem` is reported: it names a source, era or id
    /// (in backticks) that such a file's text holds, or names the file itself. A file that could
    /// not be read at all could explain anything.
    fn could_explain(&self, problem: &Diagnostic) -> bool {
        let named = problem.message.split('`').nth(1).filter(|n| !n.is_empty());
        self.0.iter().any(|(path, text)| {
            let name = path.file_name().map(|n| n.to_string_lossy());
            let mentioned = name.is_some_and(|n| problem.message.contains(&*n));
            match text {
                None => true,
                Some(text) => mentioned || named.is_some_and(|n| text.contains(n)),
            }
        })
    }
}
