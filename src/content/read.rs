//! Reading `content/` from disk: walking it, reading the files into shared buffers, splitting and
//! parsing each file's front matter by the role its place gives it.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use super::encoding::Unread;
use super::model::{EventMeta, PageMeta, SectionMeta};
use super::{Document, Files, INDEX_FILE, TIMELINE_DIR, Text, front_matter, translation};
use crate::diagnostics::Diagnostic;

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
            Ok(entry) if entry.file_type().is_file() => {
                problems.extend(misnamed(root, entry.path()));
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
    // Translations (`what-happened.ar.md`) are read apart from the files they translate.
    let languages = translation::languages(
        paths
            .iter()
            .filter(|p| p.parent() == Some(content_dir.as_path()))
            .filter_map(|p| p.file_name()?.to_str()),
    );
    let (translations, paths): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| translation::translated_name(n, &languages).is_some())
    });
    for found in translations
        .par_iter()
        .map(|path| read_translation(root, path, &languages))
        .collect::<Vec<_>>()
    {
        match found {
            Ok(translation) => files.translations.push(translation),
            Err(problem) => files.problems.push(*problem),
        }
    }
    let problems = &mut files.problems;
    let parsed: Vec<Parsed> = paths
        .par_chunks(FILES_PER_BUFFER)
        .flat_map_iter(|chunk| read_and_parse(root, &content_dir, chunk))
        .collect();
    for file in parsed {
        match file {
            Parsed::Page(doc) => page = Some(doc),
            Parsed::Section(doc) => sections.push(doc),
            Parsed::Event(doc) => events.push(doc),
            Parsed::Failed(problem, text) => {
                files.broken.push((problem.path.clone(), text));
                problems.push(problem);
            }
        }
    }

    files.page = page;
    files.sections = sections;
    files.events = events;
    files.settle(drafts);
    files
}

/// The error for a Markdown file saved with another ending (`.MD`, `.Md`, `.markdown`, `.md.txt`),
/// which explainer does not read; `None` for any other file.
pub(super) fn misnamed(root: &Path, path: &Path) -> Option<Diagnostic> {
    let name = path.file_name()?.to_string_lossy();
    let lower = name.to_lowercase();
    let ending = [
        ".md.txt",
        ".markdown",
        ".mdown",
        ".mkdn",
        ".mkd",
        ".mdwn",
        ".md",
        ".txt",
    ]
    .into_iter()
    .find(|ending| lower.ends_with(ending))?;
    // A text file is an editor's note unless it starts as a content file does (Notepad saves
    // `what-happened.txt` unless told otherwise).
    if ending == ".txt" && !starts_with_front_matter(path) {
        return None;
    }
    if ending == ".md" && name.ends_with(".md") {
        return None;
    }
    // The ending is ASCII, and so almost always is what the name ends with; `get` keeps a name
    // ending in a look-alike (the Kelvin sign lower-cases to `k`) from splitting a character.
    let stem = name
        .get(..name.len().saturating_sub(ending.len()))
        .unwrap_or(&name);
    Some(
        Diagnostic::error(
            relative(root, path),
            "explainer reads only files whose names end in .md, so this one is left out",
        )
        .hint(format!("rename it to {stem}.md")),
    )
}

/// Whether the file at `path` starts with `---`, after a byte-order mark or blank lines.
fn starts_with_front_matter(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 64];
    let Ok(read) = std::fs::File::open(path).and_then(|mut f| f.read(&mut start)) else {
        return false;
    };
    let start = &start[..read];
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .is_some_and(|at| start[at..].starts_with(b"---"))
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
) -> Result<Range<usize>, Unread> {
    use std::io::Read as _;
    let cannot_read = |e: std::io::Error| Unread::Message(format!("cannot read this file: {e}"));
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
        return Err(Unread::Message(format!(
            "this file is larger than {} MB, the most a content file may hold",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let file_text = super::encoding::utf8(scratch)?;
    let start = text.len();
    text.push_str(file_text);
    Ok(start..text.len())
}

/// One content file after reading and parsing, by the role its place in `content/` gives it.
pub(super) enum Parsed {
    Page(Arc<Document<PageMeta>>),
    Section(Arc<Document<SectionMeta>>),
    Event(Arc<Document<EventMeta>>),
    /// With the file's text, when it could be read.
    Failed(Diagnostic, Option<Text>),
}

/// Reads the files at `paths` into one shared buffer, then parses each.
pub(super) fn read_and_parse(root: &Path, content_dir: &Path, paths: &[PathBuf]) -> Vec<Parsed> {
    let (mut scratch, mut text) = (Vec::new(), String::new());
    let spans: Vec<Result<Range<usize>, Unread>> = paths
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
                Err(unread) => Parsed::Failed(unread.diagnostic(&rel), None),
            }
        })
        .collect()
}

/// Reads and parses the translation at `path`, which must have an original beside it.
fn read_translation(
    root: &Path,
    path: &Path,
    languages: &BTreeSet<String>,
) -> Result<translation::Translation, Box<Diagnostic>> {
    let rel = relative(root, path);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let (language, original_name) =
        translation::translated_name(name, languages).unwrap_or_default();
    let original = path.with_file_name(&original_name);
    let original_rel = relative(root, &original);
    if !original.is_file() {
        return Err(Box::new(
            Diagnostic::error(
                &rel,
                format!(
                    "this translates {}, which is not there",
                    crate::diagnostics::display_path(&original_rel)
                ),
            )
            .hint(match nearest_original(&original, languages) {
                Some(near) => format!(
                    "if it translates {near}, rename it {}.{language}.md",
                    near.trim_end_matches(".md")
                ),
                None => format!(
                    "a translation is named after the file it translates, with the language before .md: {}.{language}.md beside {original_name}",
                    original_name.trim_end_matches(".md")
                ),
            }),
        ));
    }
    let (mut scratch, mut buffer) = (Vec::new(), String::new());
    let range = read_text(path, &mut scratch, &mut buffer)
        .map_err(|unread| Box::new(unread.diagnostic(&rel)))?;
    let text = Text {
        buffer: Arc::from(buffer),
        range,
    };
    let in_timeline = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == TIMELINE_DIR);
    translation::parse(&language, original_rel, rel, text, in_timeline)
}

/// The name of the file beside `missing` that is most like it (a misspelt translation's original).
fn nearest_original(missing: &Path, languages: &BTreeSet<String>) -> Option<String> {
    let wanted = missing.file_name()?.to_str()?;
    std::fs::read_dir(missing.parent()?)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md") && translation::translated_name(n, languages).is_none())
        .map(|n| (strsim::levenshtein(wanted, &n), n))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, n)| n)
}

/// Parses a file by the role its place in `content/` gives it.
fn parse_in_place(content_dir: &Path, path: &Path, rel: PathBuf, text: Text) -> Parsed {
    let inner = path.strip_prefix(content_dir).unwrap_or(path);
    let parts: Vec<_> = inner.iter().map(|p| p.to_string_lossy()).collect();
    let kept = text.clone();
    let parsed = match parts.as_slice() {
        [name] if name == INDEX_FILE => parse_document(rel, text).map(Parsed::Page),
        [_] => parse_document(rel.clone(), text.clone())
            .map(Parsed::Section)
            .map_err(|d| misplaced_event(&rel, &text).unwrap_or(d)),
        [dir, name] if dir == TIMELINE_DIR && name == INDEX_FILE => {
            parse_document(rel, text).map(Parsed::Section)
        }
        [dir, _] if dir == TIMELINE_DIR => parse_document(rel, text).map(Parsed::Event),
        _ => Err(Box::new(
            Diagnostic::error(&rel, "this file is in a folder explainer does not read")
                .hint("sections go directly in content/, timeline events in content/timeline/"),
        )),
    };
    parsed.unwrap_or_else(|d| Parsed::Failed(*d, Some(kept)))
}

/// A file in `content/` that is not a section but a whole timeline event (a `date`, no `weight`):
/// saved in the wrong folder, which is what to say rather than "unknown field `date`".
fn misplaced_event(rel: &Path, text: &str) -> Option<Box<Diagnostic>> {
    let split = front_matter::split(text).ok()?;
    front_matter::parse::<EventMeta>(text, &split).ok()?;
    let at = front_matter::locate(text, &split, "date", "date");
    Some(Box::new(
        Diagnostic::error(
            rel,
            "this looks like a timeline event, but it is in content/",
        )
        .at(text, at)
        .hint("move it into content/timeline/, where the events are; content/ holds the sections"),
    ))
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
                links: Arc::default(),
            }))
        }
        Err(problem) => Err(Box::new(Diagnostic::from_problem(&path, &text, 0, problem))),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Parsed, misnamed, read_and_parse};

    #[test]
    fn markdown_files_by_another_name_are_named_with_the_name_to_give_them() {
        let hint = |name: &str| {
            misnamed(Path::new("/s"), &Path::new("/s/content").join(name))
                .map(|d| d.hint.unwrap_or_default())
        };
        assert_eq!(
            hint("Why it matters.MD").as_deref(),
            Some("rename it to Why it matters.md")
        );
        assert_eq!(
            hint("notes.md.txt").as_deref(),
            Some("rename it to notes.md")
        );
        assert_eq!(
            hint("ما حدث.markdown").as_deref(),
            Some("rename it to ما حدث.md")
        );
        assert_eq!(hint("what-happened.md"), None);
        assert_eq!(hint("photo.jpg"), None);
        // A look-alike of `k` that lower-cases to it must not split a character.
        assert!(hint("x.mar\u{212A}down").is_some());
    }

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
        let [Parsed::Section(a), Parsed::Failed(b, _), Parsed::Section(c)] = parsed.as_slice()
        else {
            panic!("two sections and a failure");
        };
        assert_eq!(&*a.text, "---\ntitle: A\nweight: 1\n---\nFirst.\n");
        assert_eq!(a.body(), "First.\n");
        assert_eq!(&*c.text, "---\ntitle: C\nweight: 3\n---\nThird.\n");
        assert_eq!(c.body(), "Third.\n");
        // The place is the bad byte's in its own file, not in the shared buffer: line 5, column 5.
        let at = b.location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(at, Some((5, 5)), "{}", b.message);
        assert!(b.path.ends_with("b.md"));
    }
}
