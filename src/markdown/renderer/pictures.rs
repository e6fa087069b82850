//! Photos in Markdown text: an image whose file was made at build time becomes a `<picture>` of its
//! widths, and one alone in its paragraph becomes a figure, its title the caption.

use pulldown_cmark::{CowStr, Event, Tag};

use super::Renderer;
use crate::html::escape;
use crate::markdown::smarten;

impl<'t> Renderer<'t, '_> {
    /// Emits a photo's `<picture>`, its description the text collected since its start.
    pub(super) fn close_picture(&mut self, src: &str, title: String) {
        let alt = super::words_of(&self.stack.pop().unwrap_or_default());
        let html = self
            .settings
            .pictures
            .and_then(|p| p.picture(src, &alt))
            .unwrap_or_default();
        self.push(Event::InlineHtml(CowStr::from(html)));
        let at = self.stack.last().map_or(0, Vec::len);
        self.last_picture = Some((at - 1, title));
    }

    /// Ends a paragraph; a paragraph that holds one photo and nothing else becomes a figure, its
    /// title the caption.
    pub(super) fn close_paragraph(&mut self, end: Event<'t>) {
        let last = self.last_picture.take();
        if self.close_embed() {
            return;
        }
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let alone = last.as_ref().is_some_and(|(at, _)| {
            *at + 1 == top.len() && *at >= 1 && matches!(top[*at - 1], Event::Start(Tag::Paragraph))
        });
        match (alone, last) {
            (true, Some((_, title))) => {
                let Some(Event::InlineHtml(picture)) = top.pop() else {
                    return;
                };
                top.pop();
                let caption = if title.trim().is_empty() {
                    String::new()
                } else {
                    format!("<figcaption>{}</figcaption>", escape(&smarten(&title)))
                };
                top.push(Event::Html(CowStr::from(format!(
                    "<figure class=\"text-picture\">{picture}{caption}</figure>\n"
                ))));
            }
            _ => top.push(end),
        }
    }
}
