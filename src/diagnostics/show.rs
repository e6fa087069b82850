//! How diagnostics are shown: compiler-style text for people (the one `report` every command
//! prints with), JSON for tools (`explainer check --format json`).

use std::fmt;
use std::io::Write as _;

use serde::Serialize;

use super::{Diagnostic, Severity, display_path};

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {}: {}",
            self.locus(),
            self.severity.label(),
            self.message
        )?;
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |loc| loc.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            let (before, marked, after) = shown_part(&loc.line_text, loc.span.clone());
            let indent = " ".repeat(display_width(&before));
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {before}{marked}{after}", loc.line)?;
            writeln!(
                f,
                "{pad} | {indent}{}",
                "^".repeat(display_width(&marked).max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The most terminal cells of a line a message shows: a longer line (a pasted paragraph, a file
/// of one 100,000-character line) is shown around what is underlined, cut with `…`, as rustc does.
/// A headline or a key point, however long, is shown whole.
const SHOWN_CELLS: usize = 300;

/// The line as shown: the text before what is underlined, the underlined text and the rest, each
/// cut to fit [`SHOWN_CELLS`] with `…` where something was left out, tabs as four spaces.
fn shown_part(line: &str, span: std::ops::Range<usize>) -> (String, String, String) {
    let part =
        |range: std::ops::Range<usize>| line.get(range).unwrap_or_default().replace('\t', "    ");
    let (before, marked, after) = (
        part(0..span.start),
        part(span.clone()),
        part(span.end..line.len()),
    );
    if display_width(&before) + display_width(&marked) + display_width(&after) <= SHOWN_CELLS {
        return (before, marked, after);
    }
    let marked = first_cells(&marked, SHOWN_CELLS * 2 / 3);
    let before = last_cells(&before, SHOWN_CELLS / 5);
    let room = SHOWN_CELLS.saturating_sub(display_width(&before) + display_width(&marked));
    let after = first_cells(&after, room);
    (before, marked, after)
}

/// The first characters of `text` that fit in `cells`, with `…` at the end when some are left out.
fn first_cells(text: &str, cells: usize) -> String {
    if display_width(text) <= cells {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in text.chars() {
        used += display_width(c.encode_utf8(&mut [0; 4]));
        if used > cells {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The last characters of `text` that fit in `cells`, after a `…` when some are left out.
fn last_cells(text: &str, cells: usize) -> String {
    if display_width(text) <= cells {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        used += display_width(c.encode_utf8(&mut [0; 4]));
        if used > cells {
            break;
        }
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// How many terminal cells `text` takes: wide (East Asian) characters two, combining marks and
/// invisible characters none, a tab four (as the line is shown). The caret line is made of this many
/// spaces, so a caret sits under `€`, an Arabic word or a CJK character alike.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\t' => 4,
            c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        })
        .sum()
}

/// Prints diagnostics to standard error, each followed by a blank line.
pub fn report<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
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
            severity: d.severity.label(),
            path: display_path(&d.path),
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::super::Diagnostic;

    #[test]
    fn a_long_line_is_shown_around_its_caret() {
        let line = format!(
            "{}[@ wire-one]{}",
            "مهمة — “x” ".repeat(5_000),
            "€".repeat(5_000)
        );
        let at = line.find("[@").unwrap();
        let text = format!("---\n{line}\n");
        let d = Diagnostic::error("content/a.md", "the citation cannot be read")
            .at(&text, 4 + at..4 + at + "[@ wire-one]".len());
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[2].chars().count() < super::SHOWN_CELLS + 10,
            "{}",
            lines[2]
        );
        assert!(
            lines[2].contains("…مهمة") || lines[2].contains("…"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with('…'), "{}", lines[2]);
        let code = lines[2].split_once(" | ").unwrap().1;
        let caret = lines[3].split_once(" | ").unwrap().1;
        let under: String = code
            .chars()
            .skip(caret.find('^').unwrap())
            .take(caret.trim().len())
            .collect();
        assert_eq!(under, "[@ wire-one]", "{shown}");
    }

    #[test]
    fn carets_line_up_under_wide_and_combining_characters() {
        let text = "---\ntitle: 中文 e\u{301}€ wieght\n---\n";
        let start = text.find("wieght").unwrap();
        let shown = Diagnostic::error("content/a.md", "unknown field `wieght`")
            .at(text, start..start + 6)
            .to_string();
        // `title: ` 7 cells, 中文 4, space 1, é 1, € 1, space 1: the carets start 15 cells in.
        let caret_line = shown.lines().nth(3).unwrap();
        assert_eq!(caret_line, format!("  | {}^^^^^^", " ".repeat(15)));
    }
}
