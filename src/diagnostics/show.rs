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
            let line_text = loc.line_text.replace('\t', "    ");
            let before = loc.line_text.get(..loc.span.start).unwrap_or_default();
            let marked = loc.line_text.get(loc.span.clone()).unwrap_or_default();
            let indent = " ".repeat(display_width(before));
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {line_text}", loc.line)?;
            writeln!(
                f,
                "{pad} | {indent}{}",
                "^".repeat(display_width(marked).max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
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
