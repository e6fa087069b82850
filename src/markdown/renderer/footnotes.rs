//! Footnotes: each mark numbered in the order footnotes are first referred to, each text kept until
//! the end of the text, where all are listed with a link back to their mark; ids carry the text's
//! prefix so that two sections never share one.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::Renderer;
use crate::markdown::slugify;

impl<'t> Renderer<'t, '_> {
    /// A footnote mark, numbered in the order footnotes are first referred to.
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let n = match self.footnote_order.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnote_order.push(label.to_string());
                self.footnote_order.len()
            }
        };
        let id = self.footnote_id(label);
        self.push(Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{id}-ref\">{n}</a></sup>"
        ))));
    }

    /// Keeps a footnote's text until the end, where all footnotes are listed.
    pub(super) fn end_footnote_definition(&mut self, range: Range<usize>) {
        let inner = self.stack.pop().unwrap_or_default();
        // The label is not on the end tag; find the matching start in the source range.
        let label = self.text[range]
            .strip_prefix("[^")
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_default()
            .to_string();
        self.footnotes.insert(label, inner);
    }

    fn footnote_id(&self, label: &str) -> String {
        let prefix = self.settings.id_prefix;
        let label = slugify(label);
        if prefix.is_empty() {
            format!("fn-{label}")
        } else {
            format!("{prefix}-fn-{label}")
        }
    }

    pub(super) fn append_footnotes(&mut self, events: &mut Vec<Event<'t>>) {
        let mut labels = self.footnote_order.clone();
        let mut unreferenced: Vec<String> = self
            .footnotes
            .keys()
            .filter(|l| !labels.contains(l))
            .cloned()
            .collect();
        unreferenced.sort();
        labels.extend(unreferenced);
        let present: Vec<&String> = labels
            .iter()
            .filter(|l| self.footnotes.contains_key(*l))
            .collect();
        if present.is_empty() {
            return;
        }
        events.push(Event::Html(CowStr::from("<ol class=\"footnotes\">\n")));
        for (i, label) in present.into_iter().enumerate() {
            let id = self.footnote_id(label);
            events.push(Event::Html(CowStr::from(format!("<li id=\"{id}\">"))));
            events.extend(self.footnotes.remove(label).unwrap_or_default());
            if self.footnote_order.contains(label) {
                events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"footnote-back\" href=\"#{id}-ref\">Back<span class=\"visually-hidden\"> to note {}</span></a>",
                    i + 1
                ))));
            }
            events.push(Event::Html(CowStr::from("</li>\n")));
        }
        events.push(Event::Html(CowStr::from("</ol>\n")));
    }
}
