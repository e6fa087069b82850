//! Markdown to HTML with pulldown-cmark, plus the few things an explainer needs on top: numbered
//! source citations written `[@id]`, heading ids, footnotes whose ids cannot clash between sections,
//! a check that a body's headings sit below its section's own heading, and a check that every image
//! has a description (alt text). [`links`] lists where a text's links and images point, for
//! `explainer check`.
//!
//! Problems are returned as byte ranges of the Markdown text given; the caller knows which file that
//! text came from and turns them into diagnostics. This module does not know about files or templates.

mod citations;
mod links;
mod raw_html;
mod renderer;
mod slips;
mod terms;
mod text;

use pulldown_cmark::Options;

pub use crate::diagnostics::Problem;
pub use citations::Citations;
pub use links::{Link, links};
pub use terms::{Glossary, TermMarks};
pub use text::{is_slug, plain_text, slugify, smarten};

/// Rendered HTML, the source ids it cites (in order, repeats kept) and any problems.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub cited: Vec<String>,
    pub problems: Vec<Problem>,
}

/// How to render one piece of Markdown.
pub struct Settings<'a> {
    pub citations: &'a Citations,
    /// Prepended to generated heading and footnote ids, so that two sections never share an id.
    pub id_prefix: &'a str,
    /// The smallest heading level allowed in this text (3 in a section under its `h2`).
    pub min_heading: u8,
    /// Whether raw HTML written in the text is kept as written (the page's `trusted_html`) rather
    /// than sanitised.
    pub trusted_html: bool,
    /// The glossary terms this text may still open a card for, at their first mention.
    pub terms: Option<&'a TermMarks<'a>>,
    /// The photos made at build time, for the images of this text.
    pub pictures: Option<&'a dyn Photos>,
}

/// The photos of a text, made at build time (see `media`): an image whose file was made is shown
/// as the `<picture>` this gives; any other stays an `<img>`.
pub trait Photos: Sync {
    /// Whether the image `src` was made into a picture.
    fn has(&self, src: &str) -> bool;
    /// The `<picture>` for the image `src`, described by `alt`.
    fn picture(&self, src: &str, alt: &str) -> Option<String>;
    /// For a link alone in its paragraph: the HTML that shows what `url` points to in its place
    /// (a video or post on another site, behind a facade), with `title` (the link's words, if they
    /// are not the address) and `poster` (a picture inside the link); `None` leaves the link.
    fn embed(&self, url: &str, title: &str, poster: Option<&str>) -> Option<String> {
        let _ = (url, title, poster);
        None
    }
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders a block of Markdown (a section or event body).
pub fn render(text: &str, settings: &Settings) -> Rendered {
    renderer::Renderer::new(text, settings).run()
}

/// Renders a one-paragraph string from front matter (a key point, a label) without its `<p>`.
pub fn render_inline(text: &str, citations: &Citations, trusted_html: bool) -> Rendered {
    let settings = Settings {
        citations,
        id_prefix: "",
        min_heading: 6,
        trusted_html,
        terms: None,
        pictures: None,
    };
    let mut rendered = render(text, &settings);
    let html = rendered.html.trim_end();
    if let Some(inner) = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        rendered.html = inner.to_string();
    }
    rendered
}

/// A mark that opens a popover in place: the button, shown by CSS where the browser has popovers, and
/// the link to the same entry in the page's lists that stands in for it elsewhere. `kind` names the
/// pair's classes (`cite-link`, `cite-open`); `inner` is the HTML both show.
pub(crate) fn opener(kind: &str, entry: &str, popover: &str, inner: &str) -> String {
    format!(
        "<a class=\"{kind}-link\" href=\"#{entry}\">{inner}</a>\
         <button type=\"button\" class=\"{kind}-open\" popovertarget=\"{popover}\">{inner}</button>"
    )
}

#[cfg(test)]
mod tests;

/// The ids cited with `[@id]` anywhere in `text`, in order, each once.
pub fn cited_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some((_, cited, after)) = citations::next_citation(rest) {
        for id in cited {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        rest = after;
    }
    ids
}
