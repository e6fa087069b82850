//! The render stage: a validated [`Site`] in, the page's HTML out.
//!
//! The page template (`index.html`, extending `base.html`) is rendered first, from the sections' ids,
//! titles and kinds, with the sharing metadata of [`sharing`] in its head and a marker where the
//! sections go. Each section is then rendered, in parallel, with the template its kind names
//! (`templates/sections/<kind>.html`), and the page is the shell's two halves around the sections'
//! HTML, kept as pieces ([`Contents`]). The not-found page (`404.html`) is rendered from the same base.
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
use crate::output::Contents;
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
struct SectionEntry {
    id: String,
    title: String,
    kind: String,
}

impl SectionEntry {
    /// Made from the front matter alone, so the page's shell can be rendered before the sections.
    fn of(doc: &SectionDoc) -> SectionEntry {
        SectionEntry {
            id: doc.section_id(),
            title: crate::markdown::smarten(&doc.meta.title),
            kind: doc.kind().to_string(),
        }
    }
}

/// What rendering one section produced.
pub struct SectionResult {
    entry: Arc<SectionEntry>,
    /// Shared with the page's [`Contents`], which is made of these pieces.
    html: Arc<[u8]>,
    problems: Vec<Diagnostic>,
    /// The numbers of the sources it cites (places in the sources list), each once.
    cited: Vec<usize>,
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
/// URLs); the timeline also depends on every event. The page's shell (everything in `index.html` but
/// the sections) is reused while the sections' ids, titles and kinds, and the sharing metadata, are
/// the same; the not-found page while the shared inputs are.
#[derive(Default)]
pub struct RenderCache {
    shared: Inputs,
    /// By the section file's path, as bytes (hashing a `Path` walks its components: slow at 10,000).
    sections: HashMap<std::ffi::OsString, (Inputs, Arc<SectionResult>)>,
    shell: Option<Shell>,
    not_found: Option<Contents>,
}

/// The page template's output around the sections, and what it was made from.
struct Shell {
    entries: Vec<Arc<SectionEntry>>,
    sharing: sharing::SharingView,
    links: Links,
    before: Arc<[u8]>,
    after: Arc<[u8]>,
}

impl Shell {
    /// Whether this shell is what `index.html` would render now. Entries of unchanged sections are
    /// the same `Arc`s, so comparing costs little.
    fn fits(
        &self,
        entries: &[Arc<SectionEntry>],
        sharing: &sharing::SharingView,
        links: &Links,
    ) -> bool {
        self.entries.len() == entries.len()
            && self
                .entries
                .iter()
                .zip(entries)
                .all(|(old, new)| Arc::ptr_eq(old, new) || old == new)
            && self.sharing == *sharing
            && self.links == *links
    }
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

type SectionDoc = crate::content::Document<crate::content::model::SectionMeta>;
type EventDoc = crate::content::Document<crate::content::model::EventMeta>;

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

/// The events a section's output depends on besides its own document: all of them for the
/// timeline, none for any other section.
fn events_of<'a>(site: &'a Site, doc: &SectionDoc) -> &'a [Arc<EventDoc>] {
    if doc.is_timeline() { &site.events } else { &[] }
}

/// What one section's output depends on: its document and [`events_of`] it. Compared in place, so
/// that a section found unchanged costs no allocation.
fn own_addresses<'a>(site: &'a Site, doc: &'a Arc<SectionDoc>) -> impl Iterator<Item = usize> + 'a {
    let events = events_of(site, doc).iter().map(|e| Arc::as_ptr(e) as usize);
    std::iter::once(Arc::as_ptr(doc) as usize).chain(events)
}

/// [`own_addresses`], held.
fn own_inputs(site: &Site, doc: &Arc<SectionDoc>) -> Inputs {
    let mut key = Inputs::default();
    key.hold(doc);
    for event in events_of(site, doc) {
        key.hold(event);
    }
    key
}

/// How many sections are rendered before their texts are given back (see [`release_text`]).
const RELEASE_BATCH: usize = 256;

/// The kept result for `doc`, if its inputs are the same as when it was rendered.
fn reusable(
    previous: &HashMap<std::ffi::OsString, (Inputs, Arc<SectionResult>)>,
    site: &Site,
    doc: &Arc<SectionDoc>,
) -> Option<Arc<SectionResult>> {
    previous
        .get(doc.path.as_os_str())
        .filter(|(old, _)| old.addresses.iter().copied().eq(own_addresses(site, doc)))
        .map(|(_, result)| Arc::clone(result))
}

/// Gives back a rendered section's text when nothing else holds its document (a one-off build owns
/// its site; `serve` and `check` keep theirs) and nothing later reads it: the sources lists' texts
/// stay, for the never-cited warnings, and so does the timeline's, for `timeline.json`.
fn release_text(doc: &mut Arc<SectionDoc>) {
    if !doc.meta.sources.is_empty() || doc.is_timeline() {
        return;
    }
    if let Some(doc) = Arc::get_mut(doc) {
        doc.text = crate::content::Text::default();
        doc.split = crate::content::front_matter::Split {
            yaml: 0..0,
            body: 0..0,
        };
    }
}

/// The rendered HTML pages.
#[derive(Debug)]
pub struct Pages {
    /// The shell from `index.html` around the sections' HTML, as pieces.
    pub index: Contents,
    /// What the host serves for an address that does not exist.
    pub not_found: Contents,
}

/// Renders the page and the not-found page. Returns them with any warnings, or every error found.
pub fn render(
    site: &Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    render_inner(&mut site.clone(), templates, paths, assets, None)
}

/// Like [`render`], for a build that owns its site and is done with it afterwards: each section's
/// text is given back once the section is rendered, which keeps a large site's memory down.
pub fn render_owned(
    site: &mut Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    render_inner(site, templates, paths, assets, None)
}

/// Like [`render`], reusing what `cache` holds whose inputs did not change, and leaving this build's
/// parts in it.
pub fn render_with_cache(
    site: &Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
    cache: &mut RenderCache,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    render_inner(&mut site.clone(), templates, paths, assets, Some(cache))
}

fn render_inner(
    site: &mut Site,
    templates: &Templates,
    paths: &Paths,
    assets: &Assets,
    cache: Option<&mut RenderCache>,
) -> Result<(Pages, Vec<Diagnostic>), Vec<Diagnostic>> {
    // A build without a cache renders into a throwaway one, and does not fill it.
    let keep = cache.is_some();
    let mut throwaway = RenderCache::default();
    let cache = cache.unwrap_or(&mut throwaway);
    let shared = shared_inputs(site, templates, paths, assets);
    if cache.shared != shared {
        *cache = RenderCache {
            shared,
            ..RenderCache::default()
        };
    }
    let citations = Citations::new(site.sources().map(|(_, s)| s.id.as_str()))
        .with_urls(site.sources().map(|(_, s)| (s.id.as_str(), s.url.as_str())));
    let mut views = ViewBuilder::new(&citations, site.page.meta.trusted_html);
    let page = views.page(&site.page);
    // Serialised once; cloning a context shares its values.
    let mut base = Context::new();
    base.insert("page", &page);
    base.insert("paths", paths);
    base.insert("assets", &assets.names);
    base.insert(
        "generator",
        concat!("explainer ", env!("CARGO_PKG_VERSION")),
    );

    // What the cache holds for each section whose inputs did not change.
    let previous = &cache.sections;
    let reused: Vec<Option<Arc<SectionResult>>> = site
        .sections
        .par_iter()
        .map(|doc| reusable(previous, site, doc))
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
    let not_found = match &cache.not_found {
        Some(page) => Ok(page.clone()),
        None => templates.render("404.html", &base).map(Contents::from),
    };
    let sharing = sharing::sharing(site, paths, assets);
    let links = Links::new(site, paths);
    let shell = match cache.shell.take() {
        Some(shell) if shell.fits(&entries, &sharing, &links) => Ok(shell),
        _ => render_shell(templates, &base, entries.clone(), sharing, links),
    };

    // A build gives back each batch's texts before the next batch's HTML is made, so it never holds
    // all the text and all the HTML at once; `serve` keeps its texts, and renders in one go.
    let count = site.sections.len();
    let batch_size = if keep { count.max(1) } else { RELEASE_BATCH };
    let mut rendered: Vec<(Arc<SectionResult>, bool)> = Vec::with_capacity(count);
    for start in (0..count).step_by(batch_size) {
        let batch = start..(start + batch_size).min(count);
        {
            let site: &Site = site;
            rendered.par_extend(
                site.sections[batch.clone()]
                    .par_iter()
                    .zip(&reused[batch.clone()])
                    .zip(&entries[batch.clone()])
                    .map(|((doc, reused), entry)| match reused {
                        Some(result) => (Arc::clone(result), false),
                        None => {
                            let entry = Arc::clone(entry);
                            let result =
                                render_section(site, doc, entry, templates, &citations, &base);
                            (Arc::new(result), true)
                        }
                    }),
            );
        }
        if !keep {
            site.sections[batch].iter_mut().for_each(release_text);
        }
    }
    drop((reused, entries));
    let site: &Site = site;
    let mut results = Vec::with_capacity(rendered.len());
    for (doc, (result, fresh)) in site.sections.iter().zip(rendered) {
        if fresh && keep {
            cache.sections.insert(
                doc.path.as_os_str().to_owned(),
                (own_inputs(site, doc), Arc::clone(&result)),
            );
        }
        results.push(result);
    }
    // Each section has one entry; more means some files are gone.
    if cache.sections.len() > site.sections.len() {
        let current: HashSet<&std::ffi::OsStr> =
            site.sections.iter().map(|d| d.path.as_os_str()).collect();
        cache
            .sections
            .retain(|path, _| current.contains(path.as_os_str()));
    }

    let sources: Vec<_> = site.sources().collect();
    let mut used = vec![false; sources.len() + 1];
    let mut cite = |number: usize| {
        if let Some(used) = used.get_mut(number) {
            *used = true;
        }
    };
    views
        .cited
        .iter()
        .filter_map(|id| citations.number(id))
        .for_each(&mut cite);
    let mut problems = views.problems;
    for result in &results {
        problems.extend(result.problems.iter().cloned());
        result.cited.iter().copied().for_each(&mut cite);
    }
    for ((doc, source), used) in sources.iter().zip(&used[1..]) {
        if !used {
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
    let (not_found, shell) = match (not_found, shell) {
        (Ok(not_found), Ok(shell)) => (not_found, shell),
        (Err(d), _) | (_, Err(d)) => {
            problems.push(*d);
            return Err(problems);
        }
    };
    let index = Contents::from_pieces(
        std::iter::once(Arc::clone(&shell.before))
            .chain(results.iter().map(|r| Arc::clone(&r.html)))
            .chain(std::iter::once(Arc::clone(&shell.after))),
    );
    if keep {
        cache.shell = Some(shell);
        cache.not_found = Some(not_found.clone());
    }
    Ok((Pages { index, not_found }, problems))
}

/// Renders `index.html` with the sections' entries and a marker where their HTML goes, and cuts it
/// at the marker.
fn render_shell(
    templates: &Templates,
    base: &Context,
    entries: Vec<Arc<SectionEntry>>,
    sharing: sharing::SharingView,
    links: Links,
) -> Result<Shell, Box<Diagnostic>> {
    let mut context = base.clone();
    let listed: Vec<&SectionEntry> = entries.iter().map(|e| &**e).collect();
    context.insert("sections", &listed);
    context.insert("sections_html", SECTIONS_MARKER);
    context.insert("sharing", &sharing);
    context.insert("links", &links);
    let html = templates.render("index.html", &context)?;
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
        before: Arc::from(before.as_bytes()),
        after: Arc::from(after.as_bytes()),
    })
}

/// Builds one section's view and runs its template. Independent of every other section, so the
/// sections of a page are rendered in parallel.
fn render_section(
    site: &Site,
    doc: &crate::content::Document<crate::content::model::SectionMeta>,
    entry: Arc<SectionEntry>,
    templates: &Templates,
    citations: &Citations,
    base: &Context,
) -> SectionResult {
    let mut views = ViewBuilder::new(citations, site.page.meta.trusted_html);
    let section = views.section(site, doc);
    let mut problems = views.problems;
    debug_assert!(
        (&entry.id, &entry.title, &entry.kind) == (&section.id, &section.title, &section.kind)
    );
    let template = format!("sections/{}.html", section.kind);
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
