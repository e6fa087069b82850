//! `explainer check`: everything the build validates, and what an editor should fix before
//! publishing that a build does not stop for.
//!
//! It runs the real pipeline in memory (a [`Pipeline`], validating once), keeps every diagnostic it
//! returns, then looks further:
//! - links and images in the Markdown: `#anchors` must exist on the rendered page, files must be in
//!   the site, web addresses must be well formed (nothing is fetched);
//! - literal `href="#..."` anchors in the templates, and every `#anchor` of the rendered page;
//! - ids: no two elements of the page share one;
//! - the page: 3 to 5 key points, the headline at most 110 characters, the description at most 200;
//! - the timeline: each event inside its era, its file name's date matching its `date:`, events after
//!   publication only on a page that says when it was updated;
//! - the example paragraph that `explainer new` writes, left in place;
//! - videos that record where they were filmed.
//!
//! When some files' front matter does not parse, the build stops before it reads any Markdown. Check
//! then still reads the Markdown of the files that did parse (headings, images, and citations when
//! the sources list is known), so an editor sees all of it in one run. It needs the page file
//! (`content/_index.md`) for that; links and anchors need the whole page and wait for a clean build.
//!
//! This module decides nothing about how problems are printed (`diagnostics` does) and changes no
//! file.

mod links;
mod lints;
mod translations;
mod videos;

use crate::content::{Files, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Formats;
use crate::markdown::Citations;
use crate::pipeline::{Pipeline, SiteOptions};
use crate::render::views::ViewBuilder;
use links::LinkChecker;

/// The most characters a headline may have (docs/content-model.md).
pub const MAX_HEADLINE: usize = 110;
/// The most characters of the description that search results and link previews show.
pub const MAX_DESCRIPTION: usize = 200;
/// How many key points the page should have.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=5;

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
    let mut report = examine(options, true);
    report.diagnostics.extend(workflow);
    report
}

/// Checks the explainer as `options` build it (`build` does, when it fails, to report every error
/// at once).
pub fn check_site(options: SiteOptions) -> Report {
    examine(options, false)
}

/// What `check` finds, with or without what is only about the editions in other languages (which a
/// failed build leaves out: the error that stopped it comes first).
fn examine(options: SiteOptions, editions: bool) -> Report {
    let root = options.root.clone();
    let mut pipeline = Pipeline::open(options);
    let mut found = Diagnostics::default();
    let site = pipeline.files().site(&mut found);
    // The build reads Markdown only once every file parses and agrees with the others.
    let markdown_read = pipeline.templates().is_some() && site.is_some();
    let built = pipeline.build_checked(site, &mut found);
    let files = pipeline.files();
    if !markdown_read {
        markdown_of_parsed_files(files, &mut found);
    }
    if let Some(page) = &files.page {
        lints::check_page(page, &mut found);
    }
    lints::check_sections(files, &mut found);
    lints::check_events(files, &mut found);
    lints::check_placeholders(files, &mut found);
    videos::check_video_locations(&root, &mut found);
    if editions {
        translations::check_translations(files, &mut found);
    }
    if let (Some(output), Some(templates)) = (&built, pipeline.templates()) {
        LinkChecker::new(output).check(files, templates, &mut found);
    }

    let mut out = found.into_vec();
    out.sort_by_key(|d| {
        let (line, column) = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (d.path.clone(), line, column)
    });
    out.dedup();
    Report {
        diagnostics: out,
        files: usize::from(files.page.is_some())
            + files.sections.len()
            + files.events.len()
            + files.translations.len()
            + files.problems.len(),
    }
}

/// The Markdown problems of the files that parsed, found the way the build would find them.
fn markdown_of_parsed_files(files: &Files, out: &mut Diagnostics) {
    let Some(page) = files.page.clone() else {
        return;
    };
    // Unknown citations can be told only when every file parsed: a broken file might be a sources
    // list.
    let citations = if files.all_parsed() {
        let ids = files
            .sections
            .iter()
            .flat_map(|s| s.meta.sources.iter().map(|src| src.id.as_str()));
        Citations::new(ids)
    } else {
        Citations::unchecked()
    };
    let site = Site {
        page,
        sections: files.sections.clone(),
        events: files.events.clone(),
        translations: std::sync::Arc::new(files.translations.clone()),
    };
    let formats = Formats::new(&site.page.meta.language);
    let mut views = ViewBuilder::new(&citations, &formats, site.page.meta.trusted_html);
    views.page(&site.page);
    for section in &site.sections {
        views.section(&site, section);
    }
    out.extend(views.problems.into_vec());
}
