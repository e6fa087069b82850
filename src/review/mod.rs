//! The rules every command that builds applies after the stages: `build`, `serve` and `check` review
//! the same files the same way, so that what one calls an error the others never publish.
//!
//! The stages (content, assets, render, publish) report what stops them. The review then looks
//! further at the same inputs:
//! - links and images in the Markdown: `#anchors` must exist on the rendered page, files must be in
//!   the site, web addresses must be well formed (nothing is fetched);
//! - literal `href="#..."` anchors in the templates, and every `#anchor` of the rendered page;
//! - ids: no two elements of the page share one;
//! - the page: 3 to 5 key points, the headline at most 110 characters, the description at most 200;
//! - the timeline: each event inside its era, its file name's date matching its `date:`, events after
//!   publication only on a page that says when it was updated;
//! - the example paragraph that `explainer new` writes, left in place;
//! - the editions: what each translation leaves untranslated or has not followed;
//! - videos that record where they were filmed.
//!
//! When some files' front matter does not parse, the stages stop before they read any Markdown. The
//! review then still reads the Markdown of the files that did parse (headings, images, citations of
//! sources no file lists unless a broken file mentions them), so an editor sees all of it in one run. It needs the page file
//! (`content/_index.md`) for that; links and anchors need the whole page and wait for a clean build.
//!
//! This module decides nothing about how problems are printed (`diagnostics` does) and changes no
//! file.

mod links;
mod lints;
mod translations;
mod videos;

use std::path::Path;

use crate::content::{Files, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Formats;
use crate::markdown::Citations;
use crate::output::Output;
use crate::render::Templates;
use crate::render::views::ViewBuilder;
use links::LinkChecker;

/// The most characters a headline may have (docs/content-model.md).
pub const MAX_HEADLINE: usize = 110;
/// The most characters of the description that search results and link previews show.
pub const MAX_DESCRIPTION: usize = 200;
/// How many key points the page should have.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=5;

/// What the stages did, for the review to look at.
pub struct Reviewed<'a> {
    /// The content files as read.
    pub files: &'a Files,
    /// The templates, when they all load.
    pub templates: Option<&'a Templates>,
    /// The built page and its files, when the stages found no error.
    pub output: Option<&'a Output>,
    /// Whether the stages read the Markdown (every file parsed and agreed, and the templates
    /// loaded); when not, the review reads what it can.
    pub markdown_read: bool,
    /// The explainer's folder.
    pub root: &'a Path,
}

/// Reviews what the stages did, adding every problem to `found`.
pub fn review(done: Reviewed, found: &mut Diagnostics) {
    let files = done.files;
    // The links need the built page; the rest only the files: both at once.
    let (mut each_file, mut links) = (Diagnostics::default(), Diagnostics::default());
    rayon::join(
        || {
            let out = &mut each_file;
            if !done.markdown_read {
                markdown_of_parsed_files(files, out);
            }
            if let Some(page) = &files.page {
                lints::check_page(page, out);
            }
            lints::check_sections(files, out);
            lints::check_events(files, out);
            lints::check_placeholders(files, out);
            videos::check_video_locations(done.root, out);
            translations::check_translations(files, out);
        },
        || {
            if let (Some(output), Some(templates)) = (done.output, done.templates) {
                LinkChecker::new(output).check(files, templates, &mut links);
            }
        },
    );
    found.extend(each_file.into_vec());
    found.extend(links.into_vec());
}

/// Every problem in one order, whoever found it: by file, then line and column; each once.
pub fn in_order(found: Diagnostics) -> Vec<Diagnostic> {
    let mut out = found.into_vec();
    out.sort_by(|a, b| {
        let at = |d: &Diagnostic| d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (&a.path, at(a)).cmp(&(&b.path, at(b)))
    });
    out.dedup();
    out
}

/// The Markdown problems of the files that parsed, found the way the build would find them.
fn markdown_of_parsed_files(files: &Files, out: &mut Diagnostics) {
    let Some(page) = files.page.clone() else {
        return;
    };
    // A citation of a source no file lists is reported unless a file that did not parse could be
    // the one listing it.
    let ids = files
        .sections
        .iter()
        .flat_map(|s| s.meta.sources.iter().map(|src| src.id.as_str()));
    let citations = Citations::new(ids);
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
    let problems = views.problems.into_vec().into_iter();
    out.extend(problems.filter(|d| !files.could_explain(d)));
}
