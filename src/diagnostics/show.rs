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
