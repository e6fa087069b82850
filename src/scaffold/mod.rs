//! Writing new files for editors: `explainer new section`, `explainer new event` and `explainer init`.
//!
//! Each new content file starts with valid front matter (the schema modeline first, then the fields),
//! so it builds as soon as it is written, and ends with a placeholder paragraph for the editor to
//! replace (`explainer check` warns while it is still there). Nothing here ever overwrites a file:
//! `new` refuses a name that is taken, `init` refuses a folder that is not empty.
//!
//! This module does not validate content beyond what it needs to choose names and defaults (known
//! kinds, sources and eras); the build and `check` do that.

mod init;
mod new;
mod translate;
pub mod workflow;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, display_path};
use crate::schema;
pub use init::init;
pub use new::{new_event, new_section};
pub use translate::{mark_done, new_translation};

/// The start of the paragraph a new file holds until the editor writes their own.
pub const PLACEHOLDER: &str = "Replace this paragraph";

/// A file that was written, and what the editor should know about it.
#[derive(Debug)]
pub struct Created {
    /// Relative to the explainer's root, e.g. `content/who-are-the-militias.md`.
    pub path: PathBuf,
    pub notes: Vec<String>,
}

/// `---` and the schema modeline for a new content file at `path` (relative to the root).
pub(crate) fn front_matter_start(path: &Path) -> String {
    let inner = path.strip_prefix("content").unwrap_or(path);
    match schema::modeline(inner) {
        Some(line) => format!("---\n{line}\n"),
        None => "---\n".into(),
    }
}

/// An error unless `root` is an explainer's folder (it has `content/`).
pub fn require_explainer(root: &Path) -> Result<(), Box<Diagnostic>> {
    if root.join("content").is_dir() {
        return Ok(());
    }
    Err(Diagnostic::error(
        "content",
        format!("no content folder in {}", display_path(root)),
    )
    .hint("run explainer from the explainer's folder, or pass --root DIR")
    .into())
}

/// Writes a new file, refusing one that exists.
pub(super) fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), Box<Diagnostic>> {
    require_explainer(root)?;
    write_file(&root.join(rel), text.as_bytes()).map_err(|e| {
        let d = Diagnostic::error(rel, e);
        if root.join(rel).exists() {
            d.hint("edit that file, or choose a different title so the new file gets its own name")
        } else {
            d
        }
        .into()
    })
}

/// Creates `path` (and its folders) with `bytes`; fails if it already exists.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("cannot create the folder: {e}"))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                "this file already exists; nothing was changed".to_string()
            }
            _ => format!("cannot create this file: {e}"),
        })?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write this file: {e}"))
}

pub(super) fn one_line(title: &str) -> Result<&str, Box<Diagnostic>> {
    let title = title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(
            Diagnostic::error("TITLE", "the title must be one line of text")
                .hint("put the title in quotes: \"Who are the militias?\"")
                .into(),
        );
    }
    Ok(title)
}

/// A file name from a title: the slug of its first words, at most 60 characters.
pub(crate) fn slug(title: &str) -> Result<String, Box<Diagnostic>> {
    // "What's next" becomes `whats-next`, not `what-s-next`.
    let full = crate::markdown::slugify(&title.replace(['\'', '\u{2019}'], ""));
    let mut slug = String::new();
    for word in full.split('-') {
        if !slug.is_empty() && slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "TITLE",
            "the title has no letters or digits to name the file after",
        )
        .hint("give a title with words in it")
        .into());
    }
    Ok(slug)
}

/// A YAML double-quoted string: safe for colons, quotes and `#` in titles.
pub(crate) fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_short_file_names() {
        assert_eq!(
            slug("Who are the militias?").unwrap(),
            "who-are-the-militias"
        );
        assert_eq!(slug("What’s next").unwrap(), "whats-next");
        let long = "Iraq says foreign combat forces will leave within fifteen days, officials tell reporters in Baghdad";
        let s = slug(long).unwrap();
        assert!(s.len() <= 60 && s.starts_with("iraq-says"), "{s}");
        assert!(slug("?!").is_err());
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            yaml_string(r#"Iraq: the "deal" \ after"#),
            r#""Iraq: the \"deal\" \\ after""#
        );
    }
}
