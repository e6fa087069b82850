//! The publishing files `explainer init` writes beside the content: the GitHub Pages workflow, pinned
//! to the version of explainer that wrote it, and the repository's README. `explainer
//! upgrade-workflow` writes the workflow again for the running version; `check` warns when the
//! two differ.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::diagnostics::{Diagnostic, display_path};

/// Where the workflow is, from the explainer's root.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The version of explainer running.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where explainer's releases are: the repository a release binary was built in (its release
/// workflow sets `EXPLAINER_RELEASES`), else the repository Cargo.toml names.
pub const RELEASES: &str = match option_env!("EXPLAINER_RELEASES") {
    Some(address) => address,
    None => concat!(env!("CARGO_PKG_REPOSITORY"), "/releases"),
};

const WORKFLOW: &str = include_str!("repository/pages.yml");
const README: &str = include_str!("repository/README.md");

/// The key of the workflow's line that pins the version.
const PIN: &str = "EXPLAINER_VERSION:";

fn fill(template: &str) -> String {
    let home = RELEASES.strip_suffix("/releases").unwrap_or(RELEASES);
    template
        .replace("@EXPLAINER_VERSION@", VERSION)
        .replace("@EXPLAINER_RELEASES@", RELEASES)
        .replace("@EXPLAINER_HOME@", home)
}

/// The Pages workflow for this version of explainer.
pub fn pages_workflow() -> String {
    fill(WORKFLOW)
}

/// The README of a new explainer's repository.
pub fn readme() -> String {
    fill(README)
}

/// The version a workflow pins, and where it is written in `text`.
pub fn pinned_version(text: &str) -> Option<(&str, Range<usize>)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(value) = line.trim_start().strip_prefix(PIN) else {
            continue;
        };
        let value = value.trim_end();
        let version = value.trim_start().trim_matches(['"', '\'']);
        if version.is_empty() {
            return None;
        }
        let at = start + line.len() - line.trim_start().len() + PIN.len();
        let quoted = &text[at..at + value.len()];
        let begin = at + quoted.find(version)?;
        return Some((version, begin..begin + version.len()));
    }
    None
}

/// `check`: a warning when the explainer's workflow publishes with another version of explainer
/// than the one running, which could then show a page the workflow would not build.
pub fn check_pinned_version(root: &Path) -> Option<Diagnostic> {
    let text = fs::read_to_string(root.join(WORKFLOW_PATH)).ok()?;
    let (version, range) = pinned_version(&text)?;
    if version == VERSION {
        return None;
    }
    Some(
        Diagnostic::warning(
            WORKFLOW_PATH,
            format!(
                "the Pages workflow publishes with explainer {version}, but this is explainer {VERSION}"
            ),
        )
        .at(&text, range)
        .hint(format!(
            "to publish with {VERSION}, run `explainer upgrade-workflow` and push the change; to see what the workflow will publish, install explainer {version}"
        )),
    )
}

/// What `upgrade-workflow` did, or would do.
#[derive(Debug)]
pub struct Upgrade {
    /// The workflow's path, as it is shown.
    pub path: PathBuf,
    /// The version the workflow pinned before, if it pinned one.
    pub from: Option<String>,
    /// The change, as a unified diff; empty when there is none.
    pub diff: String,
}

/// Rewrites the explainer's workflow for the running version (or only says what would change,
/// when `write` is false). A workflow that is not there is written, as `init` would.
pub fn upgrade_workflow(root: &Path, write: bool) -> Result<Upgrade, Box<Diagnostic>> {
    let path = root.join(WORKFLOW_PATH);
    let shown = if root == Path::new(".") {
        PathBuf::from(WORKFLOW_PATH)
    } else {
        PathBuf::from(display_path(&path))
    };
    super::require_explainer(root)?;
    let old = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Diagnostic::error(&shown, format!("cannot read this file: {e}")).into());
        }
    };
    let new = pages_workflow();
    let from = pinned_version(&old).map(|(v, _)| v.to_string());
    let diff = if old == new {
        String::new()
    } else {
        let label = shown.display().to_string();
        TextDiff::from_lines(&old, &new)
            .unified_diff()
            .context_radius(2)
            .header(&label, &label)
            .to_string()
    };
    if write && !diff.is_empty() {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(&shown, format!("cannot create the folder: {e}")))?;
        }
        fs::write(&path, &new)
            .map_err(|e| Diagnostic::error(&shown, format!("cannot write this file: {e}")))?;
    }
    Ok(Upgrade {
        path: shown,
        from,
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_workflow_pins_the_running_version() {
        let text = pages_workflow();
        let (version, range) = pinned_version(&text).expect("a pinned version");
        assert_eq!(version, VERSION);
        assert_eq!(&text[range], VERSION);
        assert!(!text.contains("@EXPLAINER_"), "every placeholder is filled");
    }

    #[test]
    fn a_pinned_version_is_found_quoted_or_not() {
        for (text, expected) in [
            ("env:\n  EXPLAINER_VERSION: \"0.3.1\"\n", "0.3.1"),
            ("env:\n  EXPLAINER_VERSION: '0.3.1'\n", "0.3.1"),
            ("env:\r\n  EXPLAINER_VERSION:   0.3.1\r\n", "0.3.1"),
        ] {
            let (version, range) = pinned_version(text).unwrap();
            assert_eq!(version, expected);
            assert_eq!(&text[range], expected);
        }
        assert!(pinned_version("env:\n  OTHER: 1\n").is_none());
        assert!(pinned_version("  EXPLAINER_VERSION: \"\"\n").is_none());
    }
}
