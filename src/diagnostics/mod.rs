//! Problems found in the user's files, and how they are shown to a person.
//!
//! Every stage that reads something an editor wrote (content files, templates) reports problems as a
//! [`Diagnostic`]: a file, a byte range in that file, a message and a hint. This module turns the byte
//! range into a line and column and renders the compiler-style text that editors see:
//!
//! ```text
//! content/why-it-matters.md:3:1: error: unknown field `wieght`
//!   |
//! 3 | wieght: 20
//!   | ^^^^^^
//!   = hint: did you mean `weight`?
//! ```
//!
//! Stages that read a piece of text without knowing its file (the front-matter parser, the Markdown
//! renderer) report a [`Problem`] at a byte range; the stage that knows the file makes it a
//! diagnostic. Every stage pushes into one [`Diagnostics`] collector, and [`did_you_mean`] words
//! every suggestion. For tools, [`to_json`] gives the same diagnostics as JSON. This module does not
//! decide what is wrong; the stages do. It only knows how to point at it.

mod show;
mod suggest;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use show::{report, to_json};
pub use suggest::{closest, did_you_mean};

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the user would type it (relative to the site root where possible).
    pub path: PathBuf,
    /// Where the problem is, once resolved against the file's text.
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

/// A resolved position: 1-based line and column (columns count characters, not bytes), the whole text
/// of that line, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    pub width: usize,
}

impl Location {
    /// Resolves a byte range in `text` to a line and column. Ranges past the end are clamped, and a
    /// range that starts inside a multi-byte character is moved back to that character's start.
    pub fn from_range(text: &str, range: Range<usize>) -> Location {
        let mut start = range.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let end = range.end.clamp(start, line_end);
        let width = text.get(start..end).map_or(1, |s| s.chars().count()).max(1);
        Location {
            line,
            column,
            line_text: line_text.to_string(),
            width,
        }
    }

    /// Resolves a 1-based line and 1-based column (as reported by a parser) against `text`.
    pub fn from_line_column(text: &str, line: usize, column: usize, width: usize) -> Location {
        let line_text = text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        Location {
            line: line.max(1),
            column: column.max(1),
            line_text,
            width: width.max(1),
        }
    }
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a byte range of the file's text.
    pub fn at(mut self, text: &str, range: Range<usize>) -> Diagnostic {
        self.location = Some(Location::from_range(text, range));
        self
    }

    pub fn at_location(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem as a warning: worth fixing, but no reason to stop the build.
    pub fn as_warning(self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
    }

    /// A [`Problem`] found in `text`, the whole text of the file at `path`, `offset` bytes into it
    /// (where the part the stage read begins: a Markdown body, a front matter value).
    pub fn from_problem(
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        problem: Problem,
    ) -> Diagnostic {
        let range = problem.range.start + offset..problem.range.end + offset;
        Diagnostic {
            hint: problem.hint,
            ..Diagnostic::error(path, problem.message).at(text, range)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, the part of the message editors and terminals make clickable.
    pub fn locus(&self) -> String {
        let path = display_path(&self.path);
        match &self.location {
            Some(loc) => format!("{path}:{}:{}", loc.line, loc.column),
            None => path,
        }
    }
}

/// A problem in a piece of text, at a byte range of it, before anyone knows which file the text came
/// from: what the front-matter parser and the Markdown renderer report. The stage that knows the file
/// turns it into a [`Diagnostic`] with [`Diagnostic::from_problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            range,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

/// The diagnostics of one run of the pipeline, in the order they were found: every stage pushes
/// into one of these, errors and warnings alike, and the caller decides what an error stops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many errors so far: a stage that must know whether it found any compares the counts
    /// before and after it runs.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, items: I) {
        self.0.extend(items);
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics(items)
    }
}

/// Paths are shown with forward slashes on every platform, so messages and snapshots match.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_lines_and_character_columns() {
        let text = "---\ntitle: Kadhimi\nwéight: x\n";
        let start = text.find('x').unwrap();
        let loc = Location::from_range(text, start..start + 1);
        assert_eq!((loc.line, loc.column), (3, 9));
        assert_eq!(loc.line_text, "wéight: x");
    }

    #[test]
    fn renders_locus_snippet_and_hint() {
        let text = "---\nwieght: 20\n---\n";
        let d = Diagnostic::error("content/a.md", "unknown field `wieght`")
            .at(text, 4..10)
            .hint("did you mean `weight`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:1: error: unknown field `wieght`\n  |\n2 | wieght: 20\n  | ^^^^^^\n  = hint: did you mean `weight`?\n"
        );
    }
}
