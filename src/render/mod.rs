//! The render stage: a validated [`Site`] in, the page's HTML out.
//!
//! Each section is rendered with the template its kind names (`templates/sections/<kind>.html`), then
//! the page template (`index.html`, extending `base.html`) places them in order, with the sharing
//! metadata of [`sharing`] in its head. The not-found page (`404.html`) is rendered from the same base.
//! Templates are parsed once, in [`Templates::load`]. This stage writes nothing to disk.

pub mod sharing;
pub mod templates;
pub mod views;

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::assets::Assets;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::markdown::Citations;
pub use templates::Templates;
use views::ViewBuilder;

/// Where the page will live, which decides how every link and asset URL is written.
#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    /// Prefix for site-relative URLs: `""` (relative, works from disk) or the base URL's path, such as
    /// `/iraq-explainer/`.
    pub root: String,
    /// The absolute address of the page, when known, for the canonical link.
    pub canonical: Option<String>,
    /// The link back to the page from anywhere on the site (the not-found page): the root path, or
    /// `index.html` when links are relative.
    pub home: String,
}

impl Paths {
    /// `base_url` must already be checked to be an `http(s)://` address.
    pub fn new(base_url: Option<&str>) -> Paths {
        match base_url {
            None => Paths {
                root: String::new(),
                canonical: None,
                home: "index.html".to_string(),
            },
            Some(url) => {
                let url = if url.ends_with('/') {
                    url.to_string()
                } else {
                    format!("{url}/")
                };
                let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
                let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
                Paths {
                    root: path.to_string(),
                    home: path.to_string(),
                    canonical: Some(url),
                }
            }
        }
    }
}

/// Links to the data files published beside the page (see `publish`), when they exist.
#[derive(Debug, Clone, Serialize)]
pub struct Links {
    /// The Atom feed of updates and corrections; it needs absolute addresses, so a base URL.
    pub feed: Option<String>,
    /// The timeline in TimelineJS's format, when the page has a timeline.
    pub timeline: Option<String>,
}

impl Links {
    pub fn new(site: &Site, paths: &Paths) -> Links {
        Links {
            feed: paths
                .canonical
                .as_ref()
                .map(|_| format!("{}{}", paths.root, crate::publish::FEED_FILE)),
            timeline: site
                .timeline()
                .map(|_| format!("{}{}", paths.root, crate::publish::TIMELINE_FILE)),
        }
    }
}

/// A section as `index.html` sees it (its markup is placed by `{{ sections_html | safe }}`).
#[derive(Debug, Serialize)]
struct SectionEntry {
    id: String,
    title: String,
    kind: String,
}

/// What rendering one section produced.
pub struct SectionResult {
    entry: SectionEntry,
    html: String,
    problems: Vec<Diagnostic>,
    cited: Vec<String>,
}

/// Where the sections' HTML goes in the rendered `index.html`. The sections are spliced in after
/// Tera has run, so their markup (most of the page) is not copied through the template context.
const SECTIONS_MARKER: &str = "<!--explainer:sections-->";

/// Rendered sections kept between builds (by `serve`), so that a change to one file re-renders only
/// what depends on it.
///
/// Documents are shared (`Arc`) and re-read only when their file changes, so "unchanged" is pointer
/// identity: no text is hashed or compared. A section's output is reused when its own document is the
/// same and so is everything every section depends on (the page, the sources, the templates, the
/// URLs); the timeline also depends on every event.
#[derive(Default)]
pub struct RenderCache {
    shared: Inputs,
    /// By the section file's path, as bytes (hashing a `Path` walks its components: slow at 10,000).
    sections: HashMap<std::ffi::OsString, (Inputs, Arc<SectionResult>)>,
}

/// The identities of what an output was made from. It holds the documents themselves, not only their
/// addresses: while the cache remembers an input, its memory cannot be reused by a new document that
/// would then look unchanged.
#[derive(Default)]
struct Inputs {
    addresses: Vec<usize>,
    _held: Vec<Arc<dyn Any + Send + Sync>>,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Inputs) -> bool {
        self.addresses == other.addresses
    }
}

impl Inputs {
    fn hold<T: Send + Sync + 'static>(&mut self, value: &Arc<T>) {
        self.addresses.push(Arc::as_ptr(value) as usize);
        self._held
            .push(Arc::clone(value) as Arc<dyn Any + Send + Sync>);
    }
}

/// What every section's output depends on, besides its own file. (Templates are told apart by their
/// generation, which no two loads share.)
fn shared_inputs(site: &Site, templates: &Templates, paths: &Paths, assets: &Assets) -> Inputs {
    let mut key = Inputs::default();
    key.hold(&site.page);
    key.addresses.push(templates.generation());
    // Templates may link fingerprinted files, whose names change with their content.
    for (name, published) in &assets.names {
        key.addresses
            .extend(name.bytes().chain(published.bytes()).map(usize::from));
        key.addresses.push(usize::MAX);
    }
    key.addresses.extend(paths.root.bytes().map(usize::from));
    key.addresses.push(usize::MAX);
    key.addresses.extend(
        paths
            .canonical
            .iter()
            .flat_map(|c| c.bytes())
            .map(usize::from),
    );
    key.addresses.push(usize::MAX);
    for section in site.sections.iter().filter(|s| !s.meta.sources.is_empty()) {
        key.hold(section);
    }
    key
}

/// What one section's output depends on: its document, and for the timeline every event.
fn own_inputs(
    site: &Site,
    doc: &Arc<crate::content::Document<crate::content::model::SectionMeta>>,
) -> Inputs {
    let mut key = Inputs::default();
    key.hold(doc);
    if doc.is_timeline() {
        for event in &site.events {
            key.hold(event);
        }
    }
    key
}

/// The rendered HTML pages.
#[derive(Debug)]
pub struct Pages {
    pub index: String,
    /// What the host serves for an address that does not exist.
    pub not_found: String,
}

/// Renders the page and the not-found page. Returns them with any warnings, or every error found.
pub fn render(
    site: &Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    render_with_cache(site, templates, paths, assets, &mut RenderCache::default())
}

/// Like [`render`], reusing the sections in `cache` whose inputs did not change, and leaving this
/// build's sections in it.
pub fn render_with_cache(
    site: &Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
    cache: &mut RenderCache,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    let shared = shared_inputs(site, templates, paths, assets);
    if cache.shared != shared {
        cache.sections.clear();
        cache.shared = shared;
    }
    let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()));
    let mut views = ViewBuilder::new(&citations, site.page.meta.trusted_html);
    let page = views.page(&site.page);
    // Serialised once; cloning a context shares its values.
    let mut base = Context::new();
    base.insert("page", &page);
    base.insert("paths", paths);
    base.insert("assets", &assets.names);

    let previous = &cache.sections;
    let rendered: Vec<(Inputs, Arc<SectionResult>)> = site
        .sections
        .par_iter()
        .map(|doc| {
            let key = own_inputs(site, doc);
            match previous.get(doc.path.as_os_str()) {
                Some((old, result)) if *old == key => (key, Arc::clone(result)),
                _ => (
                    key,
                    Arc::new(render_section(site, doc, templates, &citations, &base)),
                ),
            }
        })
        .collect();
    let mut results = Vec::with_capacity(rendered.len());
    let mut kept = HashMap::with_capacity(rendered.len());
    for (doc, (key, result)) in site.sections.iter().zip(rendered) {
        results.push(Arc::clone(&result));
        kept.insert(doc.path.as_os_str().to_owned(), (key, result));
    }
    cache.sections = kept;

    let mut problems = views.problems;
    let mut cited: HashSet<&str> = views.cited.iter().map(String::as_str).collect();
    for result in &results {
        problems.extend(result.problems.iter().cloned());
        cited.extend(result.cited.iter().map(String::as_str));
    }
    for (doc, source) in site.sources() {
        if !cited.contains(source.id.as_str()) {
            let id = source.id.as_str();
            problems.push(
                Diagnostic::warning(&doc.path, format!("the source `{id}` is never cited"))
                    .at(
                        &doc.text,
                        crate::content::front_matter::locate(&doc.text, &doc.split, "id", id),
                    )
                    .hint("cite it with [@id] where it supports a fact, or remove it"),
            );
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }

    let entries: Vec<&SectionEntry> = results.iter().map(|r| &r.entry).collect();
    let mut context = base;
    context.insert(
        "generator",
        concat!("explainer ", env!("CARGO_PKG_VERSION")),
    );
    let not_found = match templates.render("404.html", &context) {
        Ok(html) => html,
        Err(d) => {
            problems.push(*d);
            return Err(problems);
        }
    };
    context.insert("sections", &entries);
    context.insert("sections_html", SECTIONS_MARKER);
    context.insert("sharing", &sharing::sharing(site, paths, assets));
    context.insert("links", &Links::new(site, paths));
    let shell = match templates.render("index.html", &context) {
        Ok(html) => html,
        Err(d) => {
            problems.push(*d);
            return Err(problems);
        }
    };
    let Some((before, after)) = shell.split_once(SECTIONS_MARKER) else {
        problems.push(
            Diagnostic::error(
                "templates/index.html",
                "the page template does not place the sections",
            )
            .hint("put `{{ sections_html | safe }}` where the sections go"),
        );
        return Err(problems);
    };
    let size = before.len() + after.len() + results.iter().map(|r| r.html.len()).sum::<usize>();
    let mut html = String::with_capacity(size);
    html.push_str(before);
    for section in &results {
        html.push_str(&section.html);
    }
    html.push_str(after);
    Ok((
        Pages {
            index: html,
            not_found,
        },
        problems,
    ))
}

/// Builds one section's view and runs its template. Independent of every other section, so the
/// sections of a page are rendered in parallel.
fn render_section(
    site: &Site,
    doc: &crate::content::Document<crate::content::model::SectionMeta>,
    templates: &Templates,
    citations: &Citations,
    base: &Context,
) -> SectionResult {
    let mut views = ViewBuilder::new(citations, site.page.meta.trusted_html);
    let section = views.section(site, doc);
    let mut problems = views.problems;
    let entry = SectionEntry {
        id: section.id.clone(),
        title: section.title.clone(),
        kind: section.kind.clone(),
    };
    let template = format!("sections/{}.html", section.kind);
    let mut html = String::new();
    if templates.contains(&template) {
        let mut context = base.clone();
        context.insert("section", &section);
        match templates.render(&template, &context) {
            Ok(rendered) => {
                // Tera's output buffer grows by doubling; all sections are held until the page is
                // assembled, so give back the slack (up to half of each allocation).
                html = rendered;
                html.shrink_to_fit();
            }
            Err(d) => problems.push(*d),
        }
    } else {
        let kind = section.kind.as_str();
        let hint = match templates.closest_kind(kind) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "the kinds are {}; a new kind needs a template templates/{template}",
                templates.section_kinds().join(", ")
            ),
        };
        problems.push(
            doc.error_at_value(
                "kind",
                kind,
                format!("no template for the section kind `{kind}`"),
            )
            .hint(hint),
        );
    }
    SectionResult {
        entry,
        html,
        problems,
        cited: views.cited,
    }
}

#[cfg(test)]
mod tests {
    use super::Paths;

    #[test]
    fn base_urls_become_root_paths() {
        let p = Paths::new(Some("https://example.github.io/iraq-explainer"));
        assert_eq!(p.root, "/iraq-explainer/");
        assert_eq!(
            p.canonical.as_deref(),
            Some("https://example.github.io/iraq-explainer/")
        );
        assert_eq!(p.home, "/iraq-explainer/");
        assert_eq!(Paths::new(Some("https://news.example.com")).root, "/");
        assert_eq!(Paths::new(None).root, "");
        assert_eq!(Paths::new(None).home, "index.html");
    }
}
