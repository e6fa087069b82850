//! A made picture on the page: a `<picture>` of a photo's widths, a drawing's `<img>`, or a
//! `<video>` with its poster and captions.

use super::{Picture, Variant};
use crate::html::escape;

/// How wide a picture is shown, for `sizes`: in the text's column, or across the wider lead slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Column,
    Wide,
}

/// The `<picture>` for `picture`: WebP first, then the fallback, each with every width; `width`
/// and `height` reserve its space before it loads. Below the first screen it loads lazily; the lead
/// image loads first (`fetchpriority="high"`). `root` leads from the page to the site root.
pub fn picture_html(picture: &Picture, alt: &str, root: &str, layout: Layout) -> String {
    // Every address below is the site's root and a made file's name: escaped all the same, as
    // every attribute written here.
    let root = &escape(root);
    let sizes = match layout {
        Layout::Column => "(min-width: 40rem) 36rem, calc(100vw - 2.5rem)",
        Layout::Wide => "(min-width: 60rem) 56rem, calc(100vw - 2.5rem)",
    };
    let srcset = |variants: &[Variant]| {
        variants
            .iter()
            .map(|v| format!("{root}{} {}w", escape(&v.path), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let loading = match layout {
        Layout::Column => r#"loading="lazy" decoding="async""#,
        Layout::Wide => r#"fetchpriority="high" decoding="async""#,
    };
    if let Some(video) = &picture.video {
        // Nothing of it loads before the reader plays it but its poster.
        let poster = video
            .poster
            .as_ref()
            .map(|p| format!(" poster=\"{root}{}\"", escape(p)))
            .unwrap_or_default();
        let captions = video
            .captions
            .as_ref()
            .map(|c| {
                format!(
                    "<track kind=\"captions\" src=\"{root}{}\" default>",
                    escape(c)
                )
            })
            .unwrap_or_default();
        return format!(
            "<video controls preload=\"none\" width=\"{w}\" height=\"{h}\"{poster}><source src=\"{root}{src}\" type=\"{mime}\">{captions}<a href=\"{root}{src}\">{alt}</a></video>",
            w = picture.width,
            h = picture.height,
            src = escape(picture.src()),
            mime = escape(picture.fallback_type),
            alt = escape(alt),
        );
    }
    if picture.webp.is_empty() {
        // A drawing: one file at any width.
        return format!(
            "<img src=\"{root}{src}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\" {loading}>",
            src = escape(picture.src()),
            w = picture.width,
            h = picture.height,
            alt = escape(alt),
        );
    }
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\">\
         <img src=\"{root}{src}\" srcset=\"{fallback}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\" {loading}></picture>",
        webp = srcset(&picture.webp),
        fallback = srcset(&picture.fallback),
        src = escape(picture.src()),
        w = picture.width,
        h = picture.height,
        alt = escape(alt),
    )
}
