//! explainer turns a folder of Markdown files with YAML front matter into a single-page news explainer
//! with a timeline.
//!
//! The pipeline runs one way: [`content::load`] reads and validates `content/` into a [`content::Site`];
//! [`render::render`] turns it into HTML through the Tera templates; [`output`] adds the static files
//! and writes the folder atomically. [`build`] wires the three together for the `build` command.
//!
//! Beside the pipeline: [`check`] runs it without writing and looks further (links, anchors, alt text);
//! [`scaffold`] writes new content files and new explainers; [`schema`] describes the front matter
//! for editors' tooling.

pub mod browser;
pub mod check;
pub mod cli;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod embedded;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;

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

/// What the pipeline reads from disk: the content files and the templates, each with its problems.
pub struct Inputs {
    pub files: content::Files,
    pub templates: Result<Templates, Vec<Diagnostic>>,
}

impl Inputs {
    /// Reads `root/content` and the templates (built-in, overlaid by `root/templates`).
    pub fn read(root: &Path, drafts: bool) -> Inputs {
        Inputs {
            files: content::read(root, drafts),
            templates: Templates::load(root),
        }
    }
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
    let templates = Templates::load(root);
    render_loaded(
        root,
        content::read(root, drafts).into_site(),
        &templates,
        base_url,
    )
}

/// Validates and renders what [`Inputs::read`] read. `base_url` must be an `http(s)://` address.
pub fn render_inputs(
    root: &Path,
    inputs: &Inputs,
    base_url: Option<&str>,
) -> Result<Built, Vec<Diagnostic>> {
    render_loaded(root, inputs.files.site(), &inputs.templates, base_url)
}

/// Renders a validated site, or reports the problems of both the content and the templates.
fn render_loaded(
    root: &Path,
    site: Result<content::Site, Vec<Diagnostic>>,
    templates: &Result<Templates, Vec<Diagnostic>>,
    base_url: Option<&str>,
) -> Result<Built, Vec<Diagnostic>> {
    // Templates and content are independent: report problems in both at once.
    let (templates, site) = match (templates, site) {
        (Ok(t), Ok(s)) => (t, s),
        (t, s) => {
            let mut problems = s.err().unwrap_or_default();
            problems.extend(t.as_ref().err().cloned().unwrap_or_default());
            return Err(problems);
        }
    };
    let base_url = base_url.or(site.page.meta.base_url.as_deref());
    let paths = Paths::new(base_url);
    let (html, warnings) = render::render(&site, templates, &paths)?;
    let mut output = Output::default();
    output.add_static(root)?;
    output.insert("index.html", html);
    Ok(Built { output, warnings })
}

/// Builds the site and replaces the output folder with the result, or leaves it untouched.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let built = render_site(&options.root, options.base_url.as_deref(), options.drafts)
        .map_err(BuildError::Content)?;
    output::write_atomically(&built.output, &options.output).map_err(BuildError::Write)?;
    Ok(built)
}
