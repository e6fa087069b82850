//! Where the links and images of a Markdown text point, with their places in the text, for
//! `explainer check`. Links written as HTML are found too.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::html;

/// Where a link or an image in a Markdown text points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written: `#timeline`, `photos/a.jpg`, `https://…`.
    pub url: String,
    /// The destination in the text (the whole link when the destination is defined elsewhere).
    pub range: Range<usize>,
    pub image: bool,
}

/// Every link and image of a Markdown text, in order. Code is left alone, as when rendering.
pub fn links(text: &str) -> Vec<Link> {
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        let (url, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            // Links written as HTML: `<a href="#here">`, `<img src="a.jpg" alt="…">`.
            Event::Html(_) | Event::InlineHtml(_) => {
                let html = &text[range.clone()];
                for (name, image) in [("href", false), ("src", true)] {
                    for (at, url) in html::attributes(html, name) {
                        found.push(Link {
                            url: url.to_string(),
                            range: range.start + at.start..range.start + at.end,
                            image,
                        });
                    }
                }
                continue;
            }
            _ => continue,
        };
        let written = &text[range.clone()];
        // Point at the destination itself when it is written inside the link: `[text](#here)`.
        let range = match written.rfind(url.as_ref()) {
            Some(i) if !url.is_empty() => range.start + i..range.start + i + url.len(),
            _ => range,
        };
        found.push(Link {
            url: url.into_string(),
            range,
            image,
        });
    }
    found
}
