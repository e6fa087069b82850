//! Reading `content/` from disk into a typed, validated [`Site`].
//!
//! This is the first stage of the pipeline: walk the folder, split each file's front matter from its
//! body, parse the front matter into the structs of [`model`], then check what needs several files at
//! once ([`validate`]). It reports every problem it finds, not just the first. It does not render
//! Markdown or know about templates.

pub mod front_matter;
pub mod model;
pub mod validate;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use front_matter::Split;
use model::{EventMeta, PageMeta, SectionMeta};

/// The name of the folder that holds one file per timeline event.
pub const TIMELINE_DIR: &str = "timeline";
/// The file that holds a folder's own front matter (the page, or the timeline section).
pub const INDEX_FILE: &str = "_index.md";

/// A content file's text. Files read together share one buffer (see [`read`]): when a build gives
/// the texts back (see `render`), whole buffers are freed, and the page's HTML can reuse that memory,
/// where thousands of small holes between other data could not be.
#[derive(Clone, Default)]
pub struct Text {
    buffer: Arc<str>,
    range: Range<usize>,
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.buffer[self.range.clone()]
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// One content file: where it is, its text, and its parsed front matter.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// Relative to the site root, e.g. `content/what-happened.md`.
    pub path: PathBuf,
    pub text: Text,
    pub split: Split,
    pub meta: M,
    /// The file name without `.md`, made into an id: the default id of a section or event.
    pub slug: String,
    /// Whether the file is in `content/timeline/`.
    pub in_timeline: bool,
}

impl<M> Document<M> {
    pub fn body(&self) -> &str {
        &self.text[self.split.body.clone()]
    }

    /// The file name without `.md`, the default id of a section or event.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// A diagnostic pointing at a byte range of this file.
    pub fn error_at(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at(&self.text, range)
    }

    /// A diagnostic pointing at `needle` where it follows `key` in the front matter.
    pub fn error_at_value(
        &self,
        key: &str,
        needle: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.error_at(
            front_matter::locate(&self.text, &self.split, key, needle),
            message,
        )
    }
}

/// Everything in `content/`, parsed and checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub page: Arc<Document<PageMeta>>,
    /// Sections in page order (by weight, then file name); the timeline is one of them.
    pub sections: Vec<Arc<Document<SectionMeta>>>,
    /// Timeline events in date order.
    pub events: Vec<Arc<Document<EventMeta>>>,
}

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
}

/// Loads and validates `root/content`. Drafts are skipped unless `drafts` is set.
pub fn load(root: &Path, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
    read(root, drafts).into_site()
}

/// Reads and parses every file of `root/content`. Drafts are skipped unless `drafts` is set.
pub fn read(root: &Path, drafts: bool) -> Files {
    let content_dir = root.join("content");
    let mut files = Files::default();
    let problems = &mut files.problems;
    let mut page = None;
    let mut sections = Vec::new();
    let mut events = Vec::new();

    if !content_dir.is_dir() {
        problems.push(
            Diagnostic::error(
                "content",
                format!("no content folder in {}", root.display()),
            )
            .hint("run explainer from the explainer's folder, or pass --root DIR"),
        );
        return files;
    }

    // Walk first (cheap, in order), then read and parse the files on every core.
    let mut paths = Vec::new();
    let walker = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) if entry.path_is_symlink() => {
                problems.push(
                    Diagnostic::error(
                        relative(root, entry.path()),
                        "this is a symbolic link; explainer does not follow links in content/",
                    )
                    .hint("copy the file or folder into content/ instead of linking to it"),
                );
            }
            Ok(entry)
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e == "md") =>
            {
                paths.push(entry.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| content_dir.clone(), Path::to_path_buf);
                problems.push(Diagnostic::error(
                    relative(root, &path),
                    format!("cannot read: {err}"),
                ));
            }
        }
    }
    let parsed: Vec<Parsed> = paths
        .par_chunks(FILES_PER_BUFFER)
        .flat_map_iter(|chunk| read_and_parse(root, &content_dir, chunk))
        .collect();
    for file in parsed {
        match file {
            Parsed::Page(doc) => page = Some(doc),
            Parsed::Section(doc) => sections.push(doc),
            Parsed::Event(doc) => events.push(doc),
            Parsed::Failed(problem) => problems.push(problem),
        }
    }

    files.page = page;
    files.sections = sections;
    files.events = events;
    files.settle(drafts);
    files
}

impl Files {
    /// Leaves out drafts (unless wanted) and puts sections and events in page order.
    fn settle(&mut self, drafts: bool) {
        self.sections.retain(|s| drafts || !s.meta.draft);
        self.events.retain(|e| drafts || !e.meta.draft);
        self.sections
            .sort_by(|a, b| (a.meta.weight, &a.path).cmp(&(b.meta.weight, &b.path)));
        self.events
            .sort_by(|a, b| (a.meta.date, &a.path).cmp(&(b.meta.date, &b.path)));
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
            if rel.extension().is_none_or(|e| e != "md") {
                if !path.exists() && rel.extension().is_none() {
                    // Perhaps a folder that was removed or renamed away.
                    return false;
                }
                continue;
            }
            self.page = self.page.take().filter(|d| d.path != *rel);
            self.sections.retain(|d| d.path != *rel);
            self.events.retain(|d| d.path != *rel);
            self.problems.retain(|d| d.path != *rel);
            if path.is_file() {
                for parsed in read_and_parse(root, &content_dir, std::slice::from_ref(&path)) {
                    match parsed {
                        Parsed::Page(doc) => self.page = Some(doc),
                        Parsed::Section(doc) => self.sections.push(doc),
                        Parsed::Event(doc) => self.events.push(doc),
                        Parsed::Failed(problem) => self.problems.push(problem),
                    }
                }
            }
        }
        self.settle(drafts);
        true
    }

    /// Whether every file was read and its front matter parsed.
    pub fn all_parsed(&self) -> bool {
        !self.problems.iter().any(Diagnostic::is_error)
    }

    /// The site, once the checks across files pass; otherwise every problem found. Keeps the files
    /// (for `check`, which looks at them further); [`Files::into_site`] avoids the copy.
    pub fn site(&self) -> Result<Site, Vec<Diagnostic>> {
        self.clone().into_site()
    }

    /// Like [`Files::site`], consuming the files instead of copying them.
    pub fn into_site(self) -> Result<Site, Vec<Diagnostic>> {
        let all_parsed = self.all_parsed();
        let mut problems = self.problems;
        let Some(page) = self.page else {
            if problems.is_empty() {
                problems.push(
                    Diagnostic::error(
                        Path::new("content").join(INDEX_FILE),
                        "the page file is missing",
                    )
                    .hint("create content/_index.md with the page's title, standfirst and dates"),
                );
            }
            return Err(problems);
        };
        // Cross-file checks need every file: with one missing, they would report false problems.
        if !all_parsed {
            return Err(problems);
        }
        let site = Site {
            page,
            sections: self.sections,
            events: self.events,
        };
        problems.extend(validate::validate(&site));
        if problems.iter().any(Diagnostic::is_error) {
            Err(problems)
        } else {
            Ok(site)
        }
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The largest content file read: far above any real section (a long one is 50 KB), low enough that
/// a file pasted by mistake (a data dump, a video renamed `.md`) cannot make the build crawl.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// How many files share one text buffer.
const FILES_PER_BUFFER: usize = 64;

/// Appends the file at `path` to `text`, and returns where it is there; on error `text` is as it was.
/// `scratch` is the reading buffer, kept from file to file.
fn read_text(
    path: &Path,
    scratch: &mut Vec<u8>,
    text: &mut String,
) -> Result<Range<usize>, String> {
    use std::io::Read as _;
    let cannot_read = |e: std::io::Error| format!("cannot read this file: {e}");
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    // Room for the file's length, so it is read in one call, not in doubling steps; `take` still
    // stops a file that grows while it is read.
    let size = file.metadata().map_err(cannot_read)?.len();
    scratch.clear();
    scratch.reserve(usize::try_from(size.min(MAX_FILE_BYTES) + 1).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(scratch)
        .map_err(cannot_read)?;
    if scratch.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "this file is larger than {} MB, the most a content file may hold",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let file_text = std::str::from_utf8(scratch).map_err(|e| {
        format!(
            "this file is not UTF-8 text (bad byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        )
    })?;
    let start = text.len();
    text.push_str(file_text);
    Ok(start..text.len())
}

/// One content file after reading and parsing, by the role its place in `content/` gives it.
enum Parsed {
    Page(Arc<Document<PageMeta>>),
    Section(Arc<Document<SectionMeta>>),
    Event(Arc<Document<EventMeta>>),
    Failed(Diagnostic),
}

/// Reads the files at `paths` into one shared buffer, then parses each.
fn read_and_parse(root: &Path, content_dir: &Path, paths: &[PathBuf]) -> Vec<Parsed> {
    let (mut scratch, mut text) = (Vec::new(), String::new());
    let spans: Vec<Result<Range<usize>, String>> = paths
        .iter()
        .map(|path| read_text(path, &mut scratch, &mut text))
        .collect();
    let shared: Arc<str> = Arc::from(text);
    paths
        .iter()
        .zip(spans)
        .map(|(path, span)| {
            let rel = relative(root, path);
            match span {
                Ok(range) => {
                    let text = Text {
                        buffer: Arc::clone(&shared),
                        range,
                    };
                    parse_in_place(content_dir, path, rel, text)
                }
                Err(message) => Parsed::Failed(Diagnostic::error(&rel, message)),
            }
        })
        .collect()
}

/// Parses a file by the role its place in `content/` gives it.
fn parse_in_place(content_dir: &Path, path: &Path, rel: PathBuf, text: Text) -> Parsed {
    let inner = path.strip_prefix(content_dir).unwrap_or(path);
    let parts: Vec<_> = inner.iter().map(|p| p.to_string_lossy()).collect();
    let parsed = match parts.as_slice() {
        [name] if name == INDEX_FILE => parse_document(rel, text).map(Parsed::Page),
        [_] => parse_document(rel, text).map(Parsed::Section),
        [dir, name] if dir == TIMELINE_DIR && name == INDEX_FILE => {
            parse_document(rel, text).map(Parsed::Section)
        }
        [dir, _] if dir == TIMELINE_DIR => parse_document(rel, text).map(Parsed::Event),
        _ => Err(Box::new(
            Diagnostic::error(&rel, "this file is in a folder explainer does not read")
                .hint("sections go directly in content/, timeline events in content/timeline/"),
        )),
    };
    parsed.unwrap_or_else(|d| Parsed::Failed(*d))
}

fn parse_document<M: DeserializeOwned>(
    path: PathBuf,
    text: Text,
) -> Result<Arc<Document<M>>, Box<Diagnostic>> {
    let parsed = front_matter::split(&text)
        .and_then(|split| front_matter::parse::<M>(&text, &split).map(|meta| (split, meta)));
    match parsed {
        Ok((split, meta)) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let slug = crate::markdown::slugify(&stem);
            let in_timeline = path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n == TIMELINE_DIR);
            Ok(Arc::new(Document {
                path,
                text,
                split,
                meta,
                slug,
                in_timeline,
            }))
        }
        Err(err) => {
            let mut d = Diagnostic::error(&path, err.message).at(&text, err.range);
            d.hint = err.hint;
            Err(Box::new(d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Parsed, read_and_parse};

    #[test]
    fn files_read_into_one_buffer_keep_their_own_text_and_problems() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let files = [
            ("a.md", b"---\ntitle: A\nweight: 1\n---\nFirst.\n".to_vec()),
            (
                "b.md",
                b"---\ntitle: B\nweight: 2\n---\nbad \xff byte\n".to_vec(),
            ),
            ("c.md", b"---\ntitle: C\nweight: 3\n---\nThird.\n".to_vec()),
        ];
        let mut paths = Vec::new();
        for (name, bytes) in &files {
            std::fs::write(content.join(name), bytes).unwrap();
            paths.push(content.join(name));
        }
        let parsed = read_and_parse(dir.path(), &content, &paths);
        let [Parsed::Section(a), Parsed::Failed(b), Parsed::Section(c)] = parsed.as_slice() else {
            panic!("two sections and a failure");
        };
        assert_eq!(&*a.text, "---\ntitle: A\nweight: 1\n---\nFirst.\n");
        assert_eq!(a.body(), "First.\n");
        assert_eq!(&*c.text, "---\ntitle: C\nweight: 3\n---\nThird.\n");
        assert_eq!(c.body(), "Third.\n");
        // The offset is the bad byte's place in its own file, not in the shared buffer.
        assert!(b.message.contains("offset 31"), "{}", b.message);
        assert!(b.path.ends_with("b.md"));
    }
}
