//! The view of an event's media: a picture from the explainer's files, or a link to media still
//! on another site.

use serde::Serialize;

use super::views::ViewBuilder;
use crate::content::Document;
use crate::content::model::Media;
use crate::media::embed::{EmbedWords, embed_of, facade};
use crate::media::{Layout, picture_html};

/// An event's picture, map or video. A file in `static/` is shown; media still on another site is
/// only linked to (`check` reports it), so the page makes no request to that site.
#[derive(Debug, Serialize)]
pub struct MediaView {
    pub src: String,
    pub remote: bool,
    /// The site a remote address is on, to say where the link goes.
    pub host: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The photo as a `<picture>` of its widths, when it was made at build time.
    pub picture: Option<String>,
    /// A video or post on another site, behind its facade.
    pub embed: Option<String>,
}

impl ViewBuilder<'_> {
    /// An event's media (or the page's lead image), its caption and credit rendered as inline
    /// Markdown (they may cite).
    pub(super) fn media<M>(
        &mut self,
        doc: &Document<M>,
        media: &Media,
        layout: Layout,
    ) -> MediaView {
        let mut view = media_view(media);
        if view.remote
            && let Some(embed) = embed_of(&media.src)
        {
            // The editor's own still, when `thumbnail:` names a photo of the explainer.
            let still = self.pictures.and_then(|(pictures, root)| {
                let file = media.thumbnail.as_deref()?;
                let picture = pictures.find(&doc.path, file)?;
                Some(picture_html(picture, "", root, Layout::Column))
            });
            view.embed = Some(facade(
                &embed,
                (&view.alt, false),
                still.as_deref(),
                self.embed_words,
            ));
        }
        if let Some((pictures, root)) = self.pictures
            && let Some(picture) = pictures.find(&doc.path, &media.src)
        {
            view.picture = Some(picture_html(picture, &view.alt, root, layout));
        }
        view.caption = media
            .caption
            .as_deref()
            .map(|c| self.inline(doc, "caption", c));
        view.credit = media
            .credit
            .as_deref()
            .map(|c| self.inline(doc, "credit", c));
        view
    }
}

fn media_view(media: &Media) -> MediaView {
    let remote = media.is_remote();
    let host = if remote {
        // A protocol-relative address (`//host/…`) has its host first once the slashes go.
        let src = media.src.trim().trim_start_matches("//");
        crate::url::host_of(src)
            .trim_start_matches("www.")
            .to_string()
    } else {
        String::new()
    };
    MediaView {
        src: media.src.trim().trim_start_matches('/').to_string(),
        remote,
        host,
        alt: if media.decorative {
            String::new()
        } else {
            media.alt.clone().unwrap_or_default()
        },
        caption: None,
        credit: None,
        picture: None,
        embed: None,
    }
}

/// The photos of one file's text: found by the names it gives them (relative to the file); and
/// the facades of videos and posts on other sites, in the page's words.
pub(super) struct PhotosOf<'a> {
    pub pictures: &'a crate::media::Pictures,
    pub doc: &'a std::path::Path,
    pub root: &'a str,
    pub words: &'a EmbedWords,
}

impl crate::markdown::Photos for PhotosOf<'_> {
    fn has(&self, src: &str) -> bool {
        self.pictures.find(self.doc, src).is_some()
    }

    fn picture(&self, src: &str, alt: &str) -> Option<String> {
        let picture = self.pictures.find(self.doc, src)?;
        Some(crate::media::picture_html(
            picture,
            alt,
            self.root,
            crate::media::Layout::Column,
        ))
    }

    fn embed(&self, url: &str, title: &str, poster: Option<&str>) -> Option<String> {
        let embed = embed_of(url)?;
        Some(facade(&embed, (title, true), poster, self.words))
    }
}

/// The words of the facades of videos and posts on other sites, in the page's language.
pub(super) fn embed_words(language: &crate::i18n::Language) -> EmbedWords {
    use crate::i18n::Arg;
    use crate::media::embed::{HOSTS, SITES};
    let with = |id: &str, key: &'static str, name: &str| {
        (key, language.format(id, &[(name, Arg::Text(key))]))
    };
    EmbedWords {
        play: SITES
            .iter()
            .map(|s| with("embed-play", s, "site"))
            .collect(),
        show: SITES
            .iter()
            .map(|s| with("embed-show", s, "site"))
            .collect(),
        privacy: HOSTS
            .iter()
            .map(|h| with("embed-privacy", h, "host"))
            .collect(),
    }
}
