//! Rendering one section: its view (Markdown, citations, the timeline's events), then the template
//! its kind names. Independent of every other section, so the sections of a page are rendered in
//! parallel.

use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::Templates;
use super::views::ViewBuilder;
use crate::content::model::SectionMeta;
use crate::content::{Document, Site};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::kinds;
use crate::markdown;

/// A section as `index.html` sees it (its markup is placed by `{{ sections_html | safe }}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct SectionEntry {
    id: String,
    title: String,
    kind: String,
}

impl SectionEntry {
    /// Made from the front matter alone, so the page's shell can be rendered before the sections.
    pub(super) fn of(doc: &Document<SectionMeta>) -> SectionEntry {
        SectionEntry {
            id: doc.section_id(),
            title: markdown::smarten(&doc.meta.title),
            kind: doc.kind().to_string(),
        }
    }
}

/// What rendering one section produced.
pub struct SectionResult {
    pub(super) entry: Arc<SectionEntry>,
    /// Shared with the page's `Contents`, which is made of these pieces.
    pub(super) html: Arc<[u8]>,
    pub(super) problems: Vec<Diagnostic>,
    /// The numbers of the sources it cites (places in the sources list), each once.
    pub(super) cited: Vec<usize>,
}

/// Builds one section's view with `views` (fresh, knowing the page's sources and glossary) and runs
/// its template.
pub(super) fn render_section(
    site: &Site,
    doc: &Document<SectionMeta>,
    entry: Arc<SectionEntry>,
    templates: &Templates,
    mut views: ViewBuilder,
    base: &Context,
) -> SectionResult {
    let citations = views.citations;
    let section = views.section(site, doc);
    let mut problems = views.problems.into_vec();
    debug_assert!(
        (&entry.id, &entry.title, &entry.kind) == (&section.id, &section.title, &section.kind)
    );
    let template = kinds::template(&section.kind);
    let mut html = Arc::from(&b""[..]);
    if templates.contains(&template) {
        let mut context = base.clone();
        context.insert("section", &section);
        match templates.render(&template, &context) {
            // Copied once into an allocation of the exact size: Tera's buffer grows by doubling,
            // and every section is held until the page is written.
            Ok(rendered) => html = Arc::from(rendered.into_bytes()),
            Err(d) => problems.push(*d),
        }
    } else {
        problems.push(no_template(doc, &section.kind, &template, templates));
    }
    let mut cited: Vec<usize> = views
        .cited
        .iter()
        .filter_map(|id| citations.number(id))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    SectionResult {
        entry,
        html,
        problems,
        cited,
    }
}

/// The error for a kind that has no template.
fn no_template(
    doc: &Document<SectionMeta>,
    kind: &str,
    template: &str,
    templates: &Templates,
) -> Diagnostic {
    let kinds = templates.section_kinds();
    let hint = did_you_mean(kind, kinds.iter().copied()).unwrap_or_else(|| {
        format!(
            "the kinds are {}; a new kind needs a template templates/{template}",
            kinds.join(", ")
        )
    });
    doc.error_at_value(
        "kind",
        kind,
        format!("no template for the section kind `{kind}`"),
    )
    .hint(hint)
}
