//! Citations written `[@id]` or `[@a; @b]`: the numbers sources are shown with, the HTML of a
//! citation mark, and finding citations in text.

use std::collections::HashMap;

use crate::html::escape;

/// Source ids and the number each is shown with (its place in the sources list).
#[derive(Debug, Default, Clone)]
pub struct Citations {
    numbers: HashMap<String, usize>,
    /// Each source's web address, when known (see [`Citations::with_urls`]).
    urls: HashMap<String, String>,
    /// Each source's outlet, when known (see [`Citations::with_outlets`]).
    outlets: HashMap<String, String>,
    /// Accept any id: for checking a text when the sources list could not be read.
    unchecked: bool,
    /// The word screen readers hear before a number ("source"; see [`Citations::in_language`]).
    word: Option<String>,
    /// Between the numbers of a group of citations (", ").
    separator: Option<String>,
    /// Read between the ends of a range of citations ("to": "source 4 to 6").
    to: Option<String>,
    /// Each number as shown, in the page's digits: the first source's at 0.
    shown: Vec<String>,
}

impl Citations {
    pub fn new<'a>(ids_in_order: impl IntoIterator<Item = &'a str>) -> Citations {
        let numbers = ids_in_order
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i + 1))
            .collect();
        Citations {
            numbers,
            urls: HashMap::new(),
            outlets: HashMap::new(),
            unchecked: false,
            word: None,
            separator: None,
            to: None,
            shown: Vec::new(),
        }
    }

    /// The same, with marks in the page's language: `word` before each number for screen readers,
    /// `separator` between numbers, and the numbers as `number` writes them. The words are
    /// escaped here: they are text, whatever a catalog holds.
    pub fn in_language(
        mut self,
        word: String,
        separator: String,
        to: String,
        number: impl Fn(usize) -> String,
    ) -> Citations {
        // The words come from a site's own catalog: text, never markup.
        self.word = Some(escape(&word));
        self.separator = Some(escape(&separator));
        self.to = Some(escape(&to));
        self.shown = (1..=self.numbers.len()).map(number).collect();
        self
    }

    /// Citations that accept every id, so that other problems of a text can be found while the
    /// sources list is unknown (its file is broken) without reporting false unknown sources.
    pub fn unchecked() -> Citations {
        Citations {
            unchecked: true,
            ..Citations::default()
        }
    }

    /// The same, knowing each source's web address too: looked up once here, not in the whole
    /// sources list for every quote.
    pub fn with_urls<'a>(
        mut self,
        urls: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Citations {
        self.urls = urls
            .into_iter()
            .map(|(id, url)| (id.to_string(), url.to_string()))
            .collect();
        self
    }

    /// The same, knowing each source's outlet ("Reuters"), to name it under an event.
    pub fn with_outlets<'a>(
        mut self,
        outlets: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Citations {
        self.outlets = outlets
            .into_iter()
            .map(|(id, outlet)| (id.to_string(), outlet.to_string()))
            .collect();
        self
    }

    /// The outlets of `ids`, each once, in the sources list's order, each with the id of its first
    /// source cited here: what an event names as its sources ("Reuters, AP").
    pub fn outlets<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
        let mut cited: Vec<(usize, &str)> = ids
            .into_iter()
            .filter_map(|id| Some((self.number(id)?, id)))
            .collect();
        cited.sort_unstable();
        let mut out: Vec<(String, String)> = Vec::new();
        for (_, id) in cited {
            let name = self
                .outlets
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string());
            if !out.iter().any(|(_, n)| *n == name) {
                out.push((id.to_string(), name));
            }
        }
        out
    }

    /// The web address of the source `id`, if [`Citations::with_urls`] was given it.
    pub fn url(&self, id: &str) -> Option<&str> {
        self.urls.get(id).map(String::as_str)
    }

    /// Every id that may be cited, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.numbers.keys().map(String::as_str)
    }

    /// Whether `id` may be cited.
    pub fn knows(&self, id: &str) -> bool {
        self.unchecked || self.numbers.contains_key(id)
    }

    pub fn number(&self, id: &str) -> Option<usize> {
        self.numbers.get(id).copied()
    }

    /// The HTML for a group of citations, e.g. `<sup class="cite">…1…, …4…–…6…</sup>`: the
    /// numbers in order, each once, and three or more in a row shown as a range, as a reader
    /// expects of a newsroom's marks rather than `[8, 4]`. Unknown ids are skipped (they are
    /// reported as errors elsewhere).
    pub fn html<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> String {
        let mut cited: Vec<(usize, &str)> = ids
            .into_iter()
            .filter_map(|id| Some((self.number(id)?, id)))
            .collect();
        cited.sort_unstable();
        cited.dedup_by_key(|(n, _)| *n);
        if cited.is_empty() {
            return String::new();
        }
        let word = self.word.as_deref().unwrap_or("source");
        let link = |(n, id): (usize, &str), spoken: bool| {
            let shown = self
                .shown
                .get(n - 1)
                .cloned()
                .unwrap_or_else(|| n.to_string());
            let hidden = if spoken {
                format!("<span class=\"visually-hidden\">{word} </span>")
            } else {
                String::new()
            };
            // The source's preview in place, or its entry in the sources list.
            super::opener(
                "cite",
                &format!("source-{id}"),
                &format!("preview-{id}"),
                &format!("{hidden}{shown}"),
            )
        };
        let mut marks = Vec::new();
        let mut i = 0;
        while i < cited.len() {
            let mut end = i;
            while end + 1 < cited.len() && cited[end + 1].0 == cited[end].0 + 1 {
                end += 1;
            }
            if end >= i + 2 {
                // "4–6": the first and the last linked, read "source 4 to 6".
                let to = self.to.as_deref().unwrap_or("to");
                marks.push(format!(
                    "{}<span aria-hidden=\"true\">–</span><span class=\"visually-hidden\"> {to} </span>{}",
                    link(cited[i], true),
                    link(cited[end], false)
                ));
                i = end + 1;
            } else {
                marks.push(link(cited[i], true));
                i += 1;
            }
        }
        let separator = self.separator.as_deref().unwrap_or(", ");
        format!("<sup class=\"cite\">{}</sup>", marks.join(separator))
    }
}

/// Where the `]` that closes the `[` at the start of `text` is, when no other `[` opens before it.
/// Each bracket is looked for only up to the next `[`, so that a text of many `[@` without `]`
/// is read once, not once for each (which took minutes for a few hundred thousand).
pub(crate) fn closing_bracket(text: &str) -> Option<usize> {
    let after = text.get(1..)?;
    let end = after.find(['[', ']'])?;
    (after.as_bytes()[end] == b']').then_some(end + 1)
}

/// Whether `c` may be part of a cited id.
pub(super) fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// Finds the next `[@id]` or `[@a; @b]` in `text`: the text before it, the ids, the text after it.
pub(crate) fn next_citation(text: &str) -> Option<(&str, Vec<String>, &str)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("[@") {
        let start = from + i;
        if let Some(len) = closing_bracket(&text[start..]) {
            let inner = &text[start + 1..start + len];
            let ids: Option<Vec<String>> = inner
                // Commas are an error (see `slips`), but the sources they separate count as cited,
                // so that no source is also reported as never cited.
                .split([';', ','])
                .map(|part| {
                    let id = part.trim().strip_prefix('@')?;
                    let valid = !id.is_empty() && id.chars().all(is_id_char);
                    valid.then(|| id.to_string())
                })
                .collect();
            if let Some(ids) = ids {
                return Some((&text[..start], ids, &text[start + len + 1..]));
            }
        }
        from = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogs_words_are_text_in_the_marks() {
        let citations = Citations::new(["a", "b", "c", "d"]).in_language(
            "<img src=x onerror=alert(1)>".to_string(),
            "<b>&</b>".to_string(),
            "\"to\"".to_string(),
            |n| n.to_string(),
        );
        let html = citations.html(["a", "b", "c", "d"]);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt; "),
            "{html}"
        );
        assert!(html.contains("&quot;to&quot;"), "{html}");
        let html = citations.html(["a", "c"]);
        assert!(
            html.contains("</button>&lt;b&gt;&amp;&lt;/b&gt;<a"),
            "{html}"
        );
    }

    #[test]
    fn marks_are_sorted_once_each_and_runs_become_ranges() {
        let citations = Citations::new(["a", "b", "c", "d", "e", "f", "g", "h"]);
        let numbers = |ids: &[&str]| {
            let html = citations.html(ids.iter().copied());
            // What a sighted reader sees where there are no popovers.
            let mut seen = String::new();
            let mut rest = html.as_str();
            while let Some(at) = rest.find('<') {
                seen.push_str(&rest[..at]);
                let end = rest[at..].find('>').unwrap();
                let tag = &rest[at..at + end];
                rest = &rest[at + end + 1..];
                if tag.starts_with("<span class=\"visually-hidden\"") {
                    rest = &rest[rest.find("</span>").unwrap() + 7..];
                }
                // The button shows the same number as the link, in its place (one of the two is
                // shown, by CSS).
                if tag.starts_with("<button") {
                    rest = &rest[rest.find("</button>").unwrap() + 9..];
                }
            }
            seen
        };
        assert_eq!(numbers(&["h", "d"]), "4, 8");
        assert_eq!(numbers(&["d", "e", "f", "a"]), "1, 4–6");
        assert_eq!(numbers(&["b", "a", "b"]), "1, 2");
        assert_eq!(numbers(&["c", "a", "b", "e", "f", "g", "h"]), "1–3, 5–8");
        assert_eq!(numbers(&["x"]), "");
        let html = citations.html(["d", "e", "f"]);
        assert!(html.contains("<a class=\"cite-link\" href=\"#source-d\"><span class=\"visually-hidden\">source </span>4</a>"), "{html}");
        assert!(html.contains("<button type=\"button\" class=\"cite-open\" popovertarget=\"preview-d\"><span class=\"visually-hidden\">source </span>4</button><span aria-hidden=\"true\">–</span><span class=\"visually-hidden\"> to </span><a class=\"cite-link\" href=\"#source-f\">6</a>"), "{html}");
    }
}
