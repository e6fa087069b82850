//! The view of an event's media: a picture from the explainer's files, or a link to media still
//! on another site.

use serde::Serialize;

use super::views::ViewBuilder;
use crate::content::Document;
use crate::content::model::{EventMeta, Media};

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
}

impl ViewBuilder<'_> {
    /// An event's media, its caption and credit rendered as inline Markdown (they may cite).
    pub(super) fn media(&mut self, doc: &Document<EventMeta>, media: &Media) -> MediaView {
        let mut view = media_view(media);
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
        alt: media.alt.clone().unwrap_or_default(),
        caption: None,
        credit: None,
    }
}
