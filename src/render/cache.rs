//! What `serve` keeps between builds so that a change to one file re-renders only what depends on
//! it: each section's output, the page's shell and the not-found page, with what each was made from.
//!
//! Documents are shared (`Arc`) and re-read only when their file changes, so "unchanged" is pointer
//! identity: no text is hashed or compared. A section's output is reused when its own document is the
//! same and so is everything every section depends on (the page, the sources, the templates, the
//! URLs); the timeline also depends on every event. The page's shell (everything in `index.html` but
//! the sections) is reused while the sections' ids, titles and kinds, and the sharing metadata, are
//! the same; the not-found page while the shared inputs are.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::sync::Arc;

use super::latest::LatestView;
use super::section::{SectionEntry, SectionResult};
use super::sharing::SharingView;
use super::{FileLinks, Templates};
use crate::assets::Assets;
use crate::content::model::{EventMeta, SectionMeta};
use crate::content::{Document, Site};
use crate::output::Contents;
use crate::url::SiteUrls;

type SectionDoc = Document<SectionMeta>;
type EventDoc = Document<EventMeta>;

/// Rendered parts kept between builds (by `serve`).
#[derive(Default)]
pub struct RenderCache {
    shared: Key,
    /// By the section file's path, as bytes (hashing a `Path` walks its components: slow at 10,000).
    sections: HashMap<OsString, (Key, Arc<SectionResult>)>,
    pub(super) shell: Option<Shell>,
    pub(super) not_found: Option<Contents>,
}

/// The page template's output around the sections, and what it was made from.
pub(super) struct Shell {
    pub(super) entries: Vec<Arc<SectionEntry>>,
    pub(super) sharing: SharingView,
    pub(super) links: FileLinks,
    pub(super) latest: Vec<LatestView>,
    pub(super) before: Arc<[u8]>,
    pub(super) after: Arc<[u8]>,
}

impl Shell {
    /// Whether this shell is what `index.html` would render now. Entries of unchanged sections are
    /// the same `Arc`s, so comparing costs little.
    pub(super) fn fits(
        &self,
        entries: &[Arc<SectionEntry>],
        sharing: &SharingView,
        links: &FileLinks,
        latest: &[LatestView],
    ) -> bool {
        self.entries.len() == entries.len()
            && self
                .entries
                .iter()
                .zip(entries)
                .all(|(old, new)| Arc::ptr_eq(old, new) || old == new)
            && self.sharing == *sharing
            && self.links == *links
            && self.latest == latest
    }
}

/// The identities of what an output was made from. It holds the inputs themselves, not only their
/// addresses: while the cache remembers an input, its memory cannot be reused by a new one that
/// would then look unchanged.
#[derive(Default)]
struct Key {
    addresses: Vec<usize>,
    _held: Vec<Arc<dyn Any + Send + Sync>>,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.addresses == other.addresses
    }
}

impl Key {
    fn hold<T: Send + Sync + 'static>(&mut self, value: &Arc<T>) {
        self.addresses.push(Arc::as_ptr(value) as usize);
        self._held
            .push(Arc::clone(value) as Arc<dyn Any + Send + Sync>);
    }

    /// Text, compared by its bytes, with an end mark so that two texts cannot run together.
    fn text(&mut self, text: &str) {
        self.addresses.extend(text.bytes().map(usize::from));
        self.addresses.push(usize::MAX);
    }
}

/// What every section's output depends on, besides its own file. Templates are told apart by the
/// `Arc` they were loaded into, which the key holds.
fn shared_key(site: &Site, templates: &Arc<Templates>, urls: &SiteUrls, assets: &Assets) -> Key {
    let mut key = Key::default();
    key.hold(&site.page);
    key.hold(templates);
    // Templates may link fingerprinted files, whose names change with their content.
    for (name, published) in &assets.names {
        key.addresses
            .extend(name.bytes().chain(published.bytes()).map(usize::from));
        key.addresses.push(usize::MAX);
    }
    // Pictures are named by their content: a changed photo changes every page that shows it.
    for (source, picture) in assets.pictures.keys() {
        key.text(source);
        key.text(picture);
    }
    key.text(&urls.root);
    key.text(urls.canonical.as_deref().unwrap_or_default());
    // The sources list numbers every citation; the glossary's terms open cards from every text.
    let shared_by_all =
        |s: &&Arc<SectionDoc>| !s.meta.sources.is_empty() || !s.meta.terms.is_empty();
    for section in site.sections.iter().filter(shared_by_all) {
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
fn own_key(site: &Site, doc: &Arc<SectionDoc>) -> Key {
    let mut key = Key::default();
    key.hold(doc);
    for event in events_of(site, doc) {
        key.hold(event);
    }
    key
}

impl RenderCache {
    /// Forgets everything when what every section depends on changed.
    pub(super) fn start(
        &mut self,
        site: &Site,
        templates: &Arc<Templates>,
        urls: &SiteUrls,
        assets: &Assets,
    ) {
        let shared = shared_key(site, templates, urls, assets);
        if self.shared != shared {
            *self = RenderCache {
                shared,
                ..RenderCache::default()
            };
        }
    }

    /// The kept result for `doc`, if its inputs are the same as when it was rendered.
    pub(super) fn reusable(
        &self,
        site: &Site,
        doc: &Arc<SectionDoc>,
    ) -> Option<Arc<SectionResult>> {
        self.sections
            .get(doc.path.as_os_str())
            .filter(|(old, _)| old.addresses.iter().copied().eq(own_addresses(site, doc)))
            .map(|(_, result)| Arc::clone(result))
    }

    /// Keeps the sections rendered afresh (`fresh`), and forgets sections whose files are gone.
    pub(super) fn remember(&mut self, site: &Site, rendered: &[(Arc<SectionResult>, bool)]) {
        for (doc, (result, fresh)) in site.sections.iter().zip(rendered) {
            if *fresh {
                self.sections.insert(
                    doc.path.as_os_str().to_owned(),
                    (own_key(site, doc), Arc::clone(result)),
                );
            }
        }
        // Each section has one entry; more means some files are gone.
        if self.sections.len() > site.sections.len() {
            let current: HashSet<&OsStr> =
                site.sections.iter().map(|d| d.path.as_os_str()).collect();
            self.sections
                .retain(|path, _| current.contains(path.as_os_str()));
        }
    }
}
