//! Reading `content/` from disk into a typed, validated [`Site`].
//!
//! This is the first stage of the pipeline: walk the folder, split each file's front matter from its
//! body, parse the front matter into the structs of [`model`], then check what needs several files at
//! once ([`validate`]). It reports every problem it finds, not just the first. It does not render
//! Markdown or know about templates.

mod copies;
mod encoding;
mod files;
pub mod front_matter;
pub mod model;
mod pasted;
mod read;
pub mod translation;
pub mod validate;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::kinds;
use front_matter::Split;
use model::{EventMeta, PageMeta, SectionMeta, SourceDef};

pub(crate) use copies::key as title_key;
pub use files::Files;
pub use read::{MAX_FILE_BYTES, read};
pub(crate) use validate::base_url_problem;

/// The name of the folder that holds one file per timeline event.
pub const TIMELINE_DIR: &str = "timeline";
/// The file that holds a folder's own front matter (the page, or the timeline section).
pub const INDEX_FILE: &str = "_index.md";

/// A content file's text. Files read together share one buffer (see [`read`]): when a build gives
/// the texts back (see `render`), whole buffers are freed, and the page's HTML can reuse that memory,
/// where thousands of small holes between other data could not be.
#[derive(Clone, Default)]
pub struct Text {
    buffer: Arc<str>,
    range: Range<usize>,
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.buffer[self.range.clone()]
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// One content file: where it is, its text, and its parsed front matter.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// Relative to the site root, e.g. `content/what-happened.md`.
    pub path: PathBuf,
    pub text: Text,
    pub split: Split,
    pub meta: M,
    /// The file name without `.md`, made into an id: the default id of a section or event.
    pub slug: String,
    /// Whether the file is in `content/timeline/`.
    pub in_timeline: bool,
    /// The links and images of the body, found once (by the media stage) and read again (by the
    /// review). Emptied with [`Document::replace_text`].
    pub(crate) links: Arc<std::sync::OnceLock<Vec<crate::markdown::Link>>>,
}

impl<M> Document<M> {
    pub fn body(&self) -> &str {
        &self.text[self.split.body.clone()]
    }

    /// Where each link and image of the body points, with its place in the body.
    pub fn links(&self) -> &[crate::markdown::Link] {
        self.links
            .get_or_init(|| crate::markdown::links(self.body()))
    }

    /// Gives the document another text (a translation's), forgetting what was found in the old one.
    pub fn replace_text(&mut self, path: PathBuf, text: Text, split: Split) {
        self.path = path;
        self.text = text;
        self.split = split;
        self.links = Arc::default();
    }

    /// The file name without `.md`, the default id of a section or event.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// A diagnostic pointing at a byte range of this file.
    pub fn error_at(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at(&self.text, range)
    }

    /// A diagnostic pointing at `needle` where it follows `key` in the front matter.
    pub fn error_at_value(
        &self,
        key: &str,
        needle: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.error_at(
            front_matter::locate(&self.text, &self.split, key, needle),
            message,
        )
    }
}

/// Everything in `content/`, parsed and checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub page: Arc<Document<PageMeta>>,
    /// Sections in page order (by weight, then file name); the timeline is one of them.
    pub sections: Vec<Arc<Document<SectionMeta>>>,
    /// Timeline events in date order.
    pub events: Vec<Arc<Document<EventMeta>>>,
    /// Every translation file, of every edition (see [`translation`]).
    pub translations: Arc<Vec<translation::Translation>>,
}

impl Document<SectionMeta> {
    /// The section's anchor id: its `id` field, else its file name (`timeline` for the timeline).
    pub fn section_id(&self) -> String {
        match &self.meta.id {
            Some(id) => id.clone(),
            None if self.is_timeline() => TIMELINE_DIR.to_string(),
            None => self.slug.clone(),
        }
    }

    /// Whether this is `content/timeline/_index.md`.
    pub fn is_timeline(&self) -> bool {
        self.in_timeline
    }

    /// The template this section renders with: its `kind`, else `timeline` or `prose`.
    pub fn kind(&self) -> &str {
        match &self.meta.kind {
            Some(kind) => kind,
            None if self.is_timeline() => kinds::TIMELINE,
            None => kinds::PROSE,
        }
    }
}

impl Document<EventMeta> {
    pub fn event_id(&self) -> String {
        self.meta.id.clone().unwrap_or_else(|| self.slug.clone())
    }
}

impl Site {
    /// The events dated after the page was first published, when the page says it was updated:
    /// what its "Latest" box lists and its feed announces. None when it was never updated.
    pub fn events_since_publication(&self) -> impl Iterator<Item = &Arc<Document<EventMeta>>> {
        let page = &self.page.meta;
        let published = page.published.date().earliest();
        self.events
            .iter()
            .filter(move |e| page.updated.is_some() && e.meta.date.earliest() > published)
    }

    /// Every source in the order of the sources list(s), with the section that defines it.
    pub fn sources(&self) -> impl Iterator<Item = (&Document<SectionMeta>, &SourceDef)> {
        self.sections
            .iter()
            .flat_map(|s| s.meta.sources.iter().map(move |src| (&**s, src)))
    }

    pub fn timeline(&self) -> Option<&Document<SectionMeta>> {
        self.sections.iter().find(|s| s.is_timeline()).map(|s| &**s)
    }

    /// The languages of the other editions (see [`translation::edition_languages`]).
    pub fn edition_languages(&self) -> Vec<String> {
        translation::edition_languages(&self.translations)
    }

    /// The site of the edition in `language` (see [`translation::edition`]).
    pub fn edition(&self, language: &str) -> Site {
        translation::edition(self, language, &self.translations)
    }
}

/// Loads and validates `root/content`. Drafts are skipped unless `drafts` is set.
pub fn load(root: &Path, drafts: bool, out: &mut Diagnostics) -> Option<Site> {
    read(root, drafts).into_site(out)
}
