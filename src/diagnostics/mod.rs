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

/// A resolved position: 1-based line and column, the text of that line, and the part of it to
/// underline. Columns count characters as a reader sees them, grapheme clusters: an `é` typed as `e` and
/// a combining accent, or an Arabic letter with its vowel marks, is one column, and a byte-order mark is
/// none. So a column agrees with the one an editor shows, whatever the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The line, without its line break (LF or CRLF) or a byte-order mark.
    pub line_text: String,
    /// What to underline, as a byte range of `line_text`; an empty range gets one caret.
    pub span: Range<usize>,
}

/// The byte-order mark some editors put at the start of a file.
const BOM: char = '\u{feff}';

impl Location {
    /// Resolves a byte range in `text` to a line and column. Ranges past the end are clamped, and a
    /// range that starts inside a multi-byte character is moved back to that character's start.
    pub fn from_range(text: &str, range: Range<usize>) -> Location {
        let mut start = floor_boundary(text, range.start);
        let mut line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 && text.starts_with(BOM) {
            line_start = BOM.len_utf8();
            start = start.max(line_start);
        }
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let line = text[..line_start].matches('\n').count() + 1;
        let end = ceil_boundary(text, range.end.clamp(start, line_start + line_text.len()));
        Location {
            line,
            column: columns(&text[line_start..start]) + 1,
            line_text: line_text.to_string(),
            span: start - line_start..end - line_start,
        }
    }

    /// Resolves a 1-based line and a 1-based column counted in characters (as a parser reports
    /// them), underlining `width` characters from there.
    pub fn from_line_column(text: &str, line: usize, column: usize, width: usize) -> Location {
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let line_text = line_text.trim_end_matches('\r');
        let line_text = if line <= 1 {
            line_text.trim_start_matches(BOM)
        } else {
            line_text
        };
        let byte_at = |chars: usize| {
            line_text
                .char_indices()
                .nth(chars)
                .map_or(line_text.len(), |(i, _)| i)
        };
        let start = byte_at(column.saturating_sub(1));
        let end = byte_at(column.saturating_sub(1) + width.max(1));
        Location {
            line: line.max(1),
            column: columns(&line_text[..start]) + 1,
            line_text: line_text.to_string(),
            span: start..end,
        }
    }
}

/// How many columns a reader sees in `text`: its grapheme clusters.
fn columns(text: &str) -> usize {
    unicode_segmentation::UnicodeSegmentation::graphemes(text, true).count()
}

/// `at`, or the start of the character it falls inside; at most the end of `text`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, or the end of the character it falls inside; at most the end of `text`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
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
        assert_eq!(&loc.line_text[loc.span], "x");
    }

    /// The column of `needle` in `text`, as `from_range` resolves it.
    fn place(text: &str, needle: &str) -> (usize, usize, String) {
        let start = text.find(needle).unwrap();
        let loc = Location::from_range(text, start..start + needle.len());
        assert_eq!(&loc.line_text[loc.span.clone()], needle);
        (loc.line, loc.column, loc.line_text)
    }

    #[test]
    fn columns_count_what_a_reader_sees_in_any_script() {
        // Each of these is one column: a letter and its combining accent, an Arabic letter with its
        // vowel marks, a flag made of two code points, a non-breaking space.
        let text = "---\ntitle: \"e\u{301}—€ “بَغْدَاد” 🇮🇶\u{a0}x\"\n---\n";
        let (line, column, _) = place(text, "x\"");
        // `title: "` is 8 columns; then é — € space “ (5), بَ غْ دَ ا د (5), ” space 🇮🇶 nbsp (4).
        assert_eq!((line, column), (2, 8 + 5 + 5 + 4 + 1));
    }

    #[test]
    fn crlf_and_a_byte_order_mark_do_not_move_a_position() {
        let text = "\u{feff}---\r\ntitle: “العراق”\r\nwieght: 3\r\n---\r\n";
        assert_eq!(place(text, "wieght"), (3, 1, "wieght: 3".to_string()));
        assert_eq!(place(text, "---").1, 1, "the mark takes no column");
        assert_eq!(place(text, "---").2, "---", "nor is it shown");
        let loc = Location::from_line_column(text, 1, 1, 3);
        assert_eq!((loc.column, &loc.line_text[loc.span]), (1, "---"));
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
