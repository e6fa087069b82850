//! The render stage: a validated [`Site`] in, the page's HTML out.
//!
//! The page template (`index.html`, extending `base.html`) is rendered first, from the sections' ids,
//! titles and kinds, with the sharing metadata of [`sharing`] in its head and a marker where the
//! sections go. Each section is then rendered, in parallel, with the template its kind names
//! ([`section`]), and the page is the shell's two halves around the sections' HTML, kept as pieces
//! ([`Contents`]). The not-found page (`404.html`) is rendered from the same base. Templates are
//! parsed once, in [`Templates::load`]; `serve` keeps what it rendered in a [`RenderCache`]. This
//! stage writes nothing to disk.

mod cache;
mod event_view;
mod latest;
mod media;
mod overview;
mod section;
pub mod sharing;
pub mod templates;
pub mod views;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::assets::Assets;
use crate::content::model::SectionMeta;
use crate::content::{Document, Site, Text, front_matter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{Formats, Language};
use crate::markdown::{Citations, Glossary};
use crate::output::{self, Contents, NOT_FOUND_FILE, PAGE_FILE};
use crate::url::SiteUrls;
pub use cache::RenderCache;
use cache::Shell;
use section::{SectionEntry, SectionResult, render_section};
pub use templates::Templates;
use views::ViewBuilder;

/// Links to the data files published beside the page (see `publish`), when they exist. Templates
/// see it as `links`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileLinks {
    /// The Atom feed of updates and corrections; it needs absolute addresses, so a base URL.
    pub feed: Option<String>,
    /// The timeline in TimelineJS's format, when the page has a timeline.
    pub timeline: Option<String>,
    /// The timeline as a spreadsheet (CSV), when the page has a timeline.
    pub timeline_csv: Option<String>,
}

impl FileLinks {
    pub fn new(site: &Site, urls: &SiteUrls) -> FileLinks {
        FileLinks {
            feed: urls
                .canonical
                .as_ref()
                .map(|_| urls.edition_file(output::FEED_FILE)),
            timeline: site
                .timeline()
                .map(|_| urls.edition_file(output::TIMELINE_FILE)),
            timeline_csv: site
                .timeline()
                .map(|_| urls.edition_file(output::TIMELINE_CSV_FILE)),
        }
    }
}

/// Where the sections' HTML goes in the rendered `index.html`. The sections are spliced in after
/// Tera has run, so their markup (most of the page) is not copied through the template context.
const SECTIONS_MARKER: &str = "<!--explainer:sections-->";

/// How many sections are rendered before their texts are given back (see [`release_text`]).
const RELEASE_BATCH: usize = 256;

/// The rendered HTML pages.
#[derive(Debug)]
pub struct Pages {
    /// The shell from `index.html` around the sections' HTML, as pieces.
    pub index: Contents,
    /// What the host serves for an address that does not exist.
    pub not_found: Contents,
}

/// Renders the page and the not-found page, adding every problem found to `out`; `None` when one
/// of them is an error.
///
/// With a `cache` (`serve`), what it holds whose inputs did not change is reused, and this build's
/// parts are left in it. Without one (a build), each section's text is given back once the section
/// is rendered when nothing else holds its document, which keeps a large site's memory down.
pub fn render(
    site: &mut Site,
    templates: &Arc<Templates>,
    urls: &SiteUrls,
    assets: &Assets,
    language: &Language,
    cache: Option<&mut RenderCache>,
    out: &mut Diagnostics,
) -> Option<Pages> {
    // A build without a cache renders into a throwaway one, and does not fill it.
    let keep = cache.is_some();
    let mut throwaway = RenderCache::default();
    let cache = cache.unwrap_or(&mut throwaway);
    cache.start(site, templates, urls, assets);
    let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()))
        .with_urls(site.sources().map(|(_, s)| (s.id.as_str(), s.url.as_str())))
        .with_outlets(site.sources().map(|(_, s)| (s.id.as_str(), s.credit())))
        .in_language(
            language.text("citation"),
            language.text("list-separator"),
            language.text("citation-range"),
            |n| language.number(n),
        );
    // Each term's card opens from its first mention in a section.
    let glossary = Glossary::new(
        site.sections
            .iter()
            .flat_map(|s| &s.meta.terms)
            .map(|t| (t.id(), t.mention_words())),
    );
    let formats = &language.formats;
    let embed_words = media::embed_words(language);
    let mut views = ViewBuilder::new(&citations, formats, site.page.meta.trusted_html)
        .with_pictures(&assets.pictures, &urls.root, &embed_words);
    let base = base_context(&views.page(&site.page), urls, assets, language);
    let latest = views.latest(site);

    // What the cache holds for each section whose inputs did not change.
    let reused: Vec<Option<Arc<SectionResult>>> = site
        .sections
        .par_iter()
        .map(|doc| cache.reusable(site, doc))
        .collect();
    let entries: Vec<Arc<SectionEntry>> = site
        .sections
        .par_iter()
        .zip(&reused)
        .map(|(doc, reused)| match reused {
            Some(result) => Arc::clone(&result.entry),
            None => Arc::new(SectionEntry::of(doc)),
        })
        .collect();
    // The shell before the sections: its transient memory (every entry serialised for Tera) is
    // given back before the sections' HTML accumulates. Its error, if any, is reported after the
    // sections' problems.
    let around = Around {
        sharing: sharing::sharing(site, urls, assets),
        links: FileLinks::new(site, urls),
        latest,
    };
    let frame = Frame::render(cache, templates, &base, &entries, around);

    let sections = Sections {
        templates,
        pictures: (&assets.pictures, &urls.root, &embed_words),
        citations: &citations,
        glossary: &glossary,
        formats,
        base: &base,
    };
    let rendered = sections.render_all(site, &reused, &entries, keep);
    drop((reused, entries));
    if keep {
        cache.remember(site, &rendered);
    }
    let results: Vec<Arc<SectionResult>> = rendered.into_iter().map(|(r, _)| r).collect();

    let before = out.error_count();
    out.extend(views.problems.into_vec());
    for result in &results {
        out.extend(result.problems.iter().cloned());
    }
    never_cited(site, &citations, &views.cited, &results, out);
    if out.error_count() > before {
        return None;
    }
    frame.around(&results, keep.then_some(cache), out)
}

/// What every template sees: the page, its addresses, the fingerprinted file names, the generator.
/// Serialised once; cloning a context shares its values.
fn base_context(
    page: &views::PageView,
    urls: &SiteUrls,
    assets: &Assets,
    language: &Language,
) -> Context {
    let mut base = Context::new();
    base.insert("page", page);
    // The language of the interface words (`t()`) and the page's direction.
    base.insert("lang", &language.tag);
    base.insert("dir", language.dir());
    base.insert("paths", urls);
    base.insert("assets", &assets.names);
    base.insert(
        "generator",
        concat!("explainer ", env!("CARGO_PKG_VERSION")),
    );
    base
}

/// What the page's shell shows besides the sections' list: its sharing tags, the links to its data
/// files, and the "Latest" box.
struct Around {
    sharing: sharing::SharingView,
    links: FileLinks,
    latest: Vec<latest::LatestView>,
}

/// Everything of the two pages but the sections: the not-found page and the page's shell, each
/// rendered or taken from the cache, or the error that stopped it.
struct Frame {
    not_found: Result<Contents, Box<Diagnostic>>,
    shell: Result<Shell, Box<Diagnostic>>,
}

impl Frame {
    fn render(
        cache: &mut RenderCache,
        templates: &Templates,
        base: &Context,
        entries: &[Arc<SectionEntry>],
        around: Around,
    ) -> Frame {
        let not_found = match &cache.not_found {
            Some(page) => Ok(page.clone()),
            None => templates.render(NOT_FOUND_FILE, base).map(Contents::from),
        };
        let Around {
            sharing,
            links,
            latest,
        } = around;
        let shell = match cache.shell.take() {
            Some(shell) if shell.fits(entries, &sharing, &links, &latest) => Ok(shell),
            _ => render_shell(templates, base, entries.to_vec(), sharing, links, latest),
        };
        Frame { not_found, shell }
    }

    /// The pages, the shell around the sections' HTML; kept in `cache` when there is one.
    fn around(
        self,
        results: &[Arc<SectionResult>],
        cache: Option<&mut RenderCache>,
        out: &mut Diagnostics,
    ) -> Option<Pages> {
        let (not_found, shell) = match (self.not_found, self.shell) {
            (Ok(not_found), Ok(shell)) => (not_found, shell),
            (Err(d), _) | (_, Err(d)) => {
                out.push(*d);
                return None;
            }
        };
        let index = Contents::from_pieces(
            std::iter::once(Arc::clone(&shell.before))
                .chain(results.iter().map(|r| Arc::clone(&r.html)))
                .chain(std::iter::once(Arc::clone(&shell.after))),
        );
        if let Some(cache) = cache {
            cache.shell = Some(shell);
            cache.not_found = Some(not_found.clone());
        }
        Some(Pages { index, not_found })
    }
}

/// What every section is rendered with.
struct Sections<'a> {
    templates: &'a Templates,
    pictures: (
        &'a crate::media::Pictures,
        &'a str,
        &'a crate::media::embed::EmbedWords,
    ),
    citations: &'a Citations,
    glossary: &'a Glossary,
    formats: &'a Formats,
    base: &'a Context,
}

impl Sections<'_> {
    /// Renders every section that `reused` does not hold, on every core; each result says whether
    /// it is new. A build (`keep` false) gives back each batch's texts before the next batch's HTML
    /// is made, so it never holds all the text and all the HTML at once; `serve` keeps its texts,
    /// and renders in one go.
    fn render_all(
        &self,
        site: &mut Site,
        reused: &[Option<Arc<SectionResult>>],
        entries: &[Arc<SectionEntry>],
        keep: bool,
    ) -> Vec<(Arc<SectionResult>, bool)> {
        let count = site.sections.len();
        let batch_size = if keep { count.max(1) } else { RELEASE_BATCH };
        let mut rendered = Vec::with_capacity(count);
        for start in (0..count).step_by(batch_size) {
            let batch = start..(start + batch_size).min(count);
            let shared: &Site = site;
            rendered.par_extend(
                shared.sections[batch.clone()]
                    .par_iter()
                    .zip(&reused[batch.clone()])
                    .zip(&entries[batch.clone()])
                    .map(|((doc, reused), entry)| match reused {
                        Some(result) => (Arc::clone(result), false),
                        None => (Arc::new(self.render_one(shared, doc, entry)), true),
                    }),
            );
            if !keep {
                site.sections[batch].iter_mut().for_each(release_text);
            }
        }
        rendered
    }

    fn render_one(
        &self,
        site: &Site,
        doc: &Document<SectionMeta>,
        entry: &Arc<SectionEntry>,
    ) -> SectionResult {
        let entry = Arc::clone(entry);
        let views = ViewBuilder::new(self.citations, self.formats, site.page.meta.trusted_html)
            .with_glossary(self.glossary)
            .with_pictures(self.pictures.0, self.pictures.1, self.pictures.2);
        render_section(site, doc, entry, self.templates, views, self.base)
    }
}

/// Gives back a rendered section's text when nothing else holds its document (a one-off build owns
/// its site; `serve` and `check` keep theirs) and nothing later reads it: the sources lists' texts
/// stay, for the never-cited warnings, and so does the timeline's, for `timeline.json`.
fn release_text(doc: &mut Arc<Document<SectionMeta>>) {
    if !doc.meta.sources.is_empty() || doc.is_timeline() {
        return;
    }
    if let Some(doc) = Arc::get_mut(doc) {
        doc.text = Text::default();
        doc.split = front_matter::Split {
            yaml: 0..0,
            body: 0..0,
        };
        doc.links = Arc::default();
    }
}

/// Warns of each source that nothing on the page cites.
fn never_cited(
    site: &Site,
    citations: &Citations,
    cited_by_page: &[String],
    results: &[Arc<SectionResult>],
    out: &mut Diagnostics,
) {
    let sources: Vec<_> = site.sources().collect();
    let mut used = vec![false; sources.len() + 1];
    let numbers = cited_by_page.iter().filter_map(|id| citations.number(id));
    let numbers = numbers.chain(results.iter().flat_map(|r| r.cited.iter().copied()));
    for number in numbers {
        if let Some(used) = used.get_mut(number) {
            *used = true;
        }
    }
    for ((doc, source), used) in sources.iter().zip(&used[1..]) {
        if !used {
            let id = source.id.as_str();
            out.push(
                Diagnostic::warning(&doc.path, format!("the source `{id}` is never cited"))
                    .at(
                        &doc.text,
                        front_matter::locate(&doc.text, &doc.split, "id", id),
                    )
                    .hint("cite it with [@id] where it supports a fact, or remove it"),
            );
        }
    }
}

/// Renders `index.html` with the sections' entries and a marker where their HTML goes, and cuts it
/// at the marker.
fn render_shell(
    templates: &Templates,
    base: &Context,
    entries: Vec<Arc<SectionEntry>>,
    sharing: sharing::SharingView,
    links: FileLinks,
    latest: Vec<latest::LatestView>,
) -> Result<Shell, Box<Diagnostic>> {
    let mut context = base.clone();
    let listed: Vec<&SectionEntry> = entries.iter().map(|e| &**e).collect();
    context.insert("sections", &listed);
    context.insert("sections_html", SECTIONS_MARKER);
    context.insert("sharing", &sharing);
    context.insert("links", &links);
    context.insert("latest", &latest);
    let html = templates.render(PAGE_FILE, &context)?;
    let Some((before, after)) = html.split_once(SECTIONS_MARKER) else {
        return Err(Box::new(
            Diagnostic::error(
                "templates/index.html",
                "the page template does not place the sections",
            )
            .hint("put `{{ sections_html | safe }}` where the sections go"),
        ));
    };
    Ok(Shell {
        entries,
        sharing,
        links,
        latest,
        before: Arc::from(before.as_bytes()),
        after: Arc::from(after.as_bytes()),
    })
}
