//! The render stage: a validated [`Site`] in, the page's HTML out.
//!
//! Each section is rendered with the template its kind names (`templates/sections/<kind>.html`), then
//! the page template (`index.html`, extending `base.html`) places them in order. Templates are parsed
//! once, in [`Templates::load`]. This stage writes nothing to disk.

pub mod templates;
pub mod views;

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

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
}

impl Paths {
    /// `base_url` must already be checked to be an `http(s)://` address.
    pub fn new(base_url: Option<&str>) -> Paths {
        match base_url {
            None => Paths {
                root: String::new(),
                canonical: None,
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
                    canonical: Some(url),
                }
            }
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
struct SectionResult {
    entry: SectionEntry,
    html: String,
    problems: Vec<Diagnostic>,
    cited: Vec<String>,
}

/// Where the sections' HTML goes in the rendered `index.html`. The sections are spliced in after
/// Tera has run, so their markup (most of the page) is not copied through the template context.
const SECTIONS_MARKER: &str = "<!--explainer:sections-->";

/// Renders the page. Returns the HTML of `index.html` and any warnings, or every error found.
pub fn render(
    site: &Site,
    templates: &Templates,
    paths: &Paths,
) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()));
    let mut views = ViewBuilder::new(&citations);
    let page = views.page(&site.page);
    // Serialised once; cloning a context shares its values.
    let mut base = Context::new();
    base.insert("page", &page);
    base.insert("paths", paths);

    let results: Vec<SectionResult> = site
        .sections
        .par_iter()
        .map(|doc| render_section(site, doc, templates, &citations, &base))
        .collect();

    let mut problems = views.problems;
    let mut cited: HashSet<String> = views.cited.into_iter().collect();
    for result in &results {
        problems.extend(result.problems.iter().cloned());
        cited.extend(result.cited.iter().cloned());
    }
    for (doc, source) in site.sources() {
        if !cited.contains(&source.id.0) {
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

    let (entries, sections): (Vec<SectionEntry>, Vec<String>) =
        results.into_iter().map(|r| (r.entry, r.html)).unzip();
    let mut context = base;
    context.insert("sections", &entries);
    context.insert("sections_html", SECTIONS_MARKER);
    context.insert(
        "generator",
        concat!("explainer ", env!("CARGO_PKG_VERSION")),
    );
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
    let size = before.len() + after.len() + sections.iter().map(String::len).sum::<usize>();
    let mut html = String::with_capacity(size);
    html.push_str(before);
    for section in &sections {
        html.push_str(section);
    }
    html.push_str(after);
    Ok((html, problems))
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
    let mut views = ViewBuilder::new(citations);
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
        assert_eq!(Paths::new(Some("https://news.example.com")).root, "/");
        assert_eq!(Paths::new(None).root, "");
    }
}
