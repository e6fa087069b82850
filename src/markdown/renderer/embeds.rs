//! A link alone in its paragraph (`<https://youtu.be/…>`, `[Title](https://x.com/…/status/…)`, a
//! linked poster `[![Still](still.jpg)](https://youtu.be/…)`) or a bare address alone on its line:
//! the page's media may show what it points to in its place (see `Photos::embed`).

use pulldown_cmark::{CowStr, Event, Tag};

use super::{Renderer, words_of};

/// A link that opened right after its paragraph's start.
pub(crate) struct LoneLink {
    /// Its index in the paragraph's level, its address, and where it closed.
    start: usize,
    url: String,
    end: Option<usize>,
    depth: usize,
}

impl<'t> Renderer<'t, '_> {
    /// Notes a link that starts its paragraph.
    pub(super) fn open_link(&mut self, url: &str) {
        let Some(top) = self.stack.last() else {
            return;
        };
        if matches!(top.last(), Some(Event::Start(Tag::Paragraph))) {
            self.lone_link = Some(LoneLink {
                start: top.len(),
                url: url.to_string(),
                end: None,
                depth: self.stack.len(),
            });
        }
    }

    /// Notes where the link that started its paragraph ends.
    pub(super) fn close_link(&mut self) {
        let depth = self.stack.len();
        let end = self.stack.last().map_or(0, Vec::len).saturating_sub(1);
        if let Some(link) = &mut self.lone_link
            && link.end.is_none()
            && link.depth == depth
        {
            link.end = Some(end);
        }
    }

    /// At the end of a paragraph: whether it was one link (or one bare address) that the page's
    /// media show in its place, which then replaces the paragraph.
    pub(super) fn close_embed(&mut self) -> bool {
        let lone = self.lone_link.take();
        let depth = self.stack.len();
        let Some(media) = self.settings.pictures else {
            return false;
        };
        let Some(top) = self.stack.last_mut() else {
            return false;
        };
        let Some(paragraph) = top
            .iter()
            .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))
        else {
            return false;
        };
        let (url, title, poster) = match lone {
            Some(LoneLink {
                start,
                url,
                end: Some(end),
                depth: at,
            }) if start == paragraph + 1 && end + 1 == top.len() && at == depth => {
                let inner = &top[start + 1..end];
                let words = words_of(inner);
                let title = if words.trim() == url.trim() {
                    String::new()
                } else {
                    words.trim().to_string()
                };
                let poster = inner.iter().find_map(|e| match e {
                    Event::InlineHtml(h) if h.starts_with("<picture") || h.starts_with("<img") => {
                        Some(h.to_string())
                    }
                    _ => None,
                });
                (url, title, poster)
            }
            Some(_) => return false,
            None => {
                let inner = &top[paragraph + 1..];
                if !inner.iter().all(|e| matches!(e, Event::Text(_))) {
                    return false;
                }
                let words = words_of(inner);
                let url = words.trim();
                if !url.starts_with("http") || url.contains(char::is_whitespace) {
                    return false;
                }
                (url.to_string(), String::new(), None)
            }
        };
        let Some(html) = media.embed(&url, &title, poster.as_deref()) else {
            return false;
        };
        top.truncate(paragraph);
        top.push(Event::Html(CowStr::from(format!("{html}\n"))));
        true
    }
}
