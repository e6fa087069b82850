//! The render stage: a validated [`Site`] in, the page's HTML out.
//!
//! Each section is rendered with the template its kind names (`templates/sections/<kind>.html`), then
//! the page template (`index.html`, extending `base.html`) places them in order, with the sharing
//! metadata of [`sharing`] in its head. The not-found page (`404.html`) is rendered from the same base.
//! Templates are parsed once, in [`Templates::load`]. This stage writes nothing to disk.

pub mod sharing;
pub mod templates;
pub mod views;

use serde::Serialize;
use tera::Context;

use crate::assets::Assets;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::markdown::Citations;
pub use templates::Templates;
use views::{SectionView, ViewBuilder};

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

/// A section after its own template has run, as `index.html` sees it.
#[derive(Debug, Serialize)]
struct RenderedSection {
    id: String,
    title: String,
    kind: String,
    html: String,
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
    let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()));
    let mut views = ViewBuilder::new(&citations);
    let page = views.page(&site.page);
    let sections: Vec<SectionView> = site
        .sections
        .iter()
        .map(|doc| views.section(site, doc))
        .collect();
    let mut problems = std::mem::take(&mut views.problems);

    for (doc, source) in site.sources() {
        if !views.cited.contains(&source.id.0) {
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

    let mut rendered = Vec::with_capacity(sections.len());
    for (doc, section) in site.sections.iter().zip(sections) {
        let template = format!("sections/{}.html", section.kind);
        if !templates.contains(&template) {
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
            continue;
        }
        let mut context = Context::new();
        context.insert("section", &section);
        context.insert("page", &page);
        context.insert("paths", paths);
        context.insert("assets", &assets.names);
        match templates.render(&template, &context) {
            Ok(html) => rendered.push(RenderedSection {
                id: section.id,
                title: section.title,
                kind: section.kind,
                html,
            }),
            Err(d) => problems.push(*d),
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }

    let mut context = Context::new();
    context.insert("page", &page);
    context.insert("paths", paths);
    context.insert("assets", &assets.names);
    context.insert(
        "generator",
        concat!("explainer ", env!("CARGO_PKG_VERSION")),
    );
    let not_found = templates.render("404.html", &context);
    context.insert("sections", &rendered);
    context.insert("sharing", &sharing::sharing(site, paths, assets));
    context.insert("links", &Links::new(site, paths));
    let index = templates.render("index.html", &context);
    match (index, not_found) {
        (Ok(index), Ok(not_found)) => Ok((Pages { index, not_found }, problems)),
        (index, not_found) => {
            problems.extend(index.err().map(|d| *d));
            problems.extend(not_found.err().map(|d| *d));
            Err(problems)
        }
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
