//! explainer turns a folder of Markdown files with YAML front matter into a single-page news explainer
//! with a timeline.
//!
//! The pipeline runs one way: [`content::load`] reads and validates `content/` into a [`content::Site`];
//! [`assets::prepare`] draws the social card and names static files by content hash;
//! [`render::render`] turns the site into the page and the not-found page through the Tera templates;
//! [`publish`] adds the files hosts and crawlers expect (sitemap, feed, CNAME, timeline.json);
//! [`output`] writes the folder atomically. [`build`] wires them together for the `build` command.

pub mod assets;
pub mod cli;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod embedded;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod render;

use std::path::{Path, PathBuf};

use diagnostics::Diagnostic;
use output::Output;
use render::{Paths, Templates};

/// What `explainer build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides the page's `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// A finished build in memory, with any warnings found on the way.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files, each at its place.
    Content(Vec<Diagnostic>),
    /// The output folder could not be written.
    Write(output::WriteError),
}

/// Loads, validates and renders the site at `root` into memory. Nothing is written.
pub fn render_site(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Built, Vec<Diagnostic>> {
    if let Some(url) = base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(vec![
            Diagnostic::error("--base-url", format!("`{url}` is not a web address"))
                .hint("pass the full address, like https://example.github.io/iraq-explainer/"),
        ]);
    }
    // Templates and content are independent: report problems in both at once.
    let templates = Templates::load(root);
    let site = content::load(root, drafts);
    let (templates, site) = match (templates, site) {
        (Ok(t), Ok(s)) => (t, s),
        (t, s) => {
            let mut problems = s.err().unwrap_or_default();
            problems.extend(t.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let base_url = base_url.or(site.page.meta.base_url.as_deref());
    let paths = Paths::new(base_url);
    let mut output = Output::default();
    output.add_static(root)?;
    let (assets, mut warnings) = assets::prepare(&site, &mut output, paths.canonical.is_some())?;
    let (pages, render_warnings) = render::render(&site, &templates, &paths, &assets)?;
    warnings.extend(render_warnings);
    output.insert("index.html", pages.index);
    output.insert("404.html", pages.not_found);
    warnings.extend(publish::add_hosting_files(&site, &paths, &mut output)?);
    Ok(Built { output, warnings })
}

/// Builds the site and replaces the output folder with the result, or leaves it untouched.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let built = render_site(&options.root, options.base_url.as_deref(), options.drafts)
        .map_err(BuildError::Content)?;
    output::write_atomically(&built.output, &options.output).map_err(BuildError::Write)?;
    Ok(built)
}
