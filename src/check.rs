//! `explainer check`: the build's own rules, run without writing anything, and the Pages workflow.
//!
//! It runs the real pipeline in memory ([`Pipeline::build_in_memory`], which caches no picture), which validates, renders and
//! reviews (see [`crate::review`]) exactly as `build` and `serve` do: the same errors, in the same
//! order. What `check` adds is only about publishing: whether the workflow pins the version running.
//!
//! This module decides nothing about how problems are printed (`diagnostics` does) and changes no
//! file.

use crate::diagnostics::Diagnostic;
use crate::pipeline::{Pipeline, SiteOptions};

pub use crate::review::{KEY_POINTS, MAX_DESCRIPTION, MAX_HEADLINE};

/// Everything `check` found, sorted by file and position.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// How many content files were read.
    pub files: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the explainer as `options` build it, and its Pages workflow. Drafts are checked only
/// when `options.drafts` is set, as they are built.
pub fn check(options: SiteOptions) -> Report {
    let workflow = crate::scaffold::workflow::check_pinned_version(&options.root);
    let mut pipeline = Pipeline::open(options);
    let mut diagnostics = match pipeline.build_in_memory() {
        Ok(built) => built.warnings,
        Err(problems) => problems,
    };
    diagnostics.extend(workflow);
    let files = pipeline.files();
    Report {
        diagnostics,
        files: usize::from(files.page.is_some())
            + files.sections.len()
            + files.events.len()
            + files.translations.len()
            + files.problems.len(),
    }
}
