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
//! For tools, [`to_json`] gives the same diagnostics as JSON. It does not decide what is wrong; the
//! stages do. It only knows how to point at it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

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

/// Paths are shown with forward slashes on every platform, so messages and snapshots match.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{}: {label}: {}", self.locus(), self.message)?;
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |loc| loc.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            let line_text = loc.line_text.replace('\t', "    ");
            let before: String = loc.line_text.chars().take(loc.column - 1).collect();
            let indent = " ".repeat(before.replace('\t', "    ").chars().count());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {line_text}", loc.line)?;
            writeln!(f, "{pad} | {indent}{}", "^".repeat(loc.width))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// One diagnostic as tools read it (`explainer check --format json`).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    path: String,
    /// 1-based; `null` when the problem is about the whole file.
    line: Option<usize>,
    /// 1-based, in characters; `null` when the problem is about the whole file.
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

/// Diagnostics as a JSON array of `{severity, path, line, column, message, hint}`.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            path: display_path(&d.path),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// Suggests the closest of `candidates` to a misspelt `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        // Highest score wins; ties go to the fewest edits, then to the alphabetically first, so the
        // answer never depends on the order candidates came in.
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then_with(|| strsim::levenshtein(word, b.1).cmp(&strsim::levenshtein(word, a.1)))
                .then_with(|| b.1.cmp(a.1))
        })
        .map(|(_, candidate)| candidate)
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

    #[test]
    fn suggests_only_near_misses() {
        let fields = ["title", "weight", "kind"];
        assert_eq!(did_you_mean("wieght", fields), Some("weight"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn ties_are_broken_the_same_way_whatever_the_order() {
        let a = did_you_mean("wire-three", ["wire-two", "wire-one"]);
        let b = did_you_mean("wire-three", ["wire-one", "wire-two"]);
        assert_eq!(a, b);
        assert_eq!(
            did_you_mean("wire-tow", ["wire-one", "wire-two"]),
            Some("wire-two")
        );
    }
}
