//! explainer turns a folder of Markdown files with YAML front matter into a single-page news explainer
//! with a timeline.
//!
//! The pipeline runs one way: [`content::load`] reads and validates `content/` into a [`content::Site`];
//! [`assets::prepare`] draws the social card and names static files by content hash;
//! [`render::render`] turns the site into the page and the not-found page through the Tera templates;
//! [`publish`] adds the files hosts and crawlers expect (sitemap, feed, CNAME, timeline.json);
//! [`output`] writes the folder atomically. [`build`] wires them together for the `build` command.
//!
//! Beside the pipeline: [`check`] runs it without writing and looks further (links, anchors, alt text);
//! [`scaffold`] writes new content files and new explainers; [`schema`] describes the front matter
//! for editors' tooling; [`serve`] previews it, rebuilding through a [`Session`] that re-reads only
//! what changed.

// Input comes from many hands: outside tests, no unwrap() or expect() that a file could trigger.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod assets;
pub mod browser;
pub mod check;
pub mod cli;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod embedded;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;

use std::path::{Path, PathBuf};

use diagnostics::Diagnostic;
use output::Output;
use render::{Paths, RenderCache, Templates};

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
    check_base_url(base_url)?;
    // The templates and static files are read while the content is (itself on every core).
    let ((templates, statics), site) = rayon::join(
        || {
            let mut statics = Output::default();
            let statics = statics.add_static(root).map(|()| statics);
            (Templates::load(root), statics)
        },
        || content::read(root, drafts).into_site(),
    );
    render_loaded(site, &templates, &statics, base_url, None)
}

/// A `--base-url` must be a whole web address.
fn check_base_url(base_url: Option<&str>) -> Result<(), Vec<Diagnostic>> {
    match base_url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => Err(vec![
            Diagnostic::error("--base-url", format!("`{url}` is not a web address"))
                .hint("pass the full address, like https://example.github.io/iraq-explainer/"),
        ]),
        _ => Ok(()),
    }
}

/// Validates and renders what [`Inputs::read`] read. `base_url` must be an `http(s)://` address.
pub fn render_inputs(
    root: &Path,
    inputs: &Inputs,
    base_url: Option<&str>,
) -> Result<Built, Vec<Diagnostic>> {
    let mut statics = Output::default();
    let statics = statics.add_static(root).map(|()| statics);
    render_loaded(
        inputs.files.site(),
        &inputs.templates,
        &statics,
        base_url,
        None,
    )
}

/// Renders a validated site, or reports the problems of both the content and the templates.
fn render_loaded(
    site: Result<content::Site, Vec<Diagnostic>>,
    templates: &Result<Templates, Vec<Diagnostic>>,
    statics: &Result<Output, Vec<Diagnostic>>,
    base_url: Option<&str>,
    cache: Option<&mut RenderCache>,
) -> Result<Built, Vec<Diagnostic>> {
    // Content, templates and static files are independent: report problems in all at once.
    let (templates, statics, mut site) = match (templates, statics, site) {
        (Ok(t), Ok(o), Ok(s)) => (t, o, s),
        (t, o, s) => {
            let mut problems = s.err().unwrap_or_default();
            problems.extend(t.as_ref().err().cloned().unwrap_or_default());
            problems.extend(o.as_ref().err().cloned().unwrap_or_default());
            return Err(problems);
        }
    };
    let base_url = base_url.or(site.page.meta.base_url.as_deref());
    let paths = Paths::new(base_url);
    let mut output = statics.clone();
    let (assets, mut warnings) = assets::prepare(&site, &mut output, paths.canonical.is_some())?;
    let (pages, render_warnings) = match cache {
        Some(cache) => render::render_with_cache(&site, templates, &paths, &assets, cache)?,
        None => render::render_owned(&mut site, templates, &paths, &assets)?,
    };
    warnings.extend(render_warnings);
    output.insert("index.html", pages.index);
    output.insert("404.html", pages.not_found);
    warnings.extend(publish::add_hosting_files(&site, &paths, &mut output)?);
    Ok(Built { output, warnings })
}

/// A build kept in memory between changes, for `serve`: the parsed files, the templates and the
/// static files stay loaded, and [`Session::update`] reads again only what changed, so rebuilding
/// after one edited file re-parses and re-renders only that file's part of the page.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    files: content::Files,
    templates: Result<Templates, Vec<Diagnostic>>,
    statics: Result<Output, Vec<Diagnostic>>,
    cache: RenderCache,
}

impl Session {
    /// Reads everything under `root`. A bad `base_url` is reported by [`Session::build`].
    pub fn new(root: &Path, base_url: Option<&str>, drafts: bool) -> Session {
        let mut statics = Output::default();
        let statics = statics.add_static(root).map(|()| statics);
        Session {
            root: root.to_path_buf(),
            base_url: base_url.map(str::to_string),
            drafts,
            files: content::read(root, drafts),
            templates: Templates::load(root),
            statics,
            cache: RenderCache::default(),
        }
    }

    /// The base URL the session builds for, if one was given.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    /// Reads again what `changed` (paths relative to the root) can have changed: the content and
    /// static files themselves, or all templates.
    pub fn update(&mut self, changed: &[PathBuf]) {
        let root = &self.root;
        if !self.files.refresh(root, self.drafts, changed) {
            self.files = content::read(root, self.drafts);
        }
        if changed.iter().any(|p| p.starts_with("templates")) {
            self.templates = Templates::load(root);
        }
        let refreshed = match &mut self.statics {
            Ok(statics) => statics.refresh_static(root, changed),
            Err(_) => !changed.iter().any(|p| p.starts_with("static")),
        };
        if !refreshed {
            let mut statics = Output::default();
            self.statics = statics.add_static(root).map(|()| statics);
        }
    }

    /// Validates and renders what is loaded, reusing the sections whose inputs did not change.
    pub fn build(&mut self) -> Result<Built, Vec<Diagnostic>> {
        check_base_url(self.base_url.as_deref())?;
        render_loaded(
            self.files.site(),
            &self.templates,
            &self.statics,
            self.base_url.as_deref(),
            Some(&mut self.cache),
        )
    }
}

/// Builds the site and replaces the output folder with the result, or leaves it untouched.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    let built = render_site(&options.root, options.base_url.as_deref(), options.drafts)
        .map_err(BuildError::Content)?;
    output::write_atomically(&built.output, &options.output).map_err(BuildError::Write)?;
    Ok(built)
}
