//! Citations written `[@id]` or `[@a; @b]`: the numbers sources are shown with, the HTML of a
//! citation mark, and finding citations in text.

use std::collections::HashMap;

/// Source ids and the number each is shown with (its place in the sources list).
#[derive(Debug, Default, Clone)]
pub struct Citations {
    numbers: HashMap<String, usize>,
    /// Each source's web address, when known (see [`Citations::with_urls`]).
    urls: HashMap<String, String>,
    /// Accept any id: for checking a text when the sources list could not be read.
    unchecked: bool,
    /// The word screen readers hear before a number ("source"; see [`Citations::in_language`]).
    word: Option<String>,
    /// Between the numbers of a group of citations (", ").
    separator: Option<String>,
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
            unchecked: false,
            word: None,
            separator: None,
            shown: Vec::new(),
        }
    }

    /// The same, with marks in the page's language: `word` before each number for screen readers,
    /// `separator` between numbers, and the numbers as `number` writes them.
    pub fn in_language(
        mut self,
        word: String,
        separator: String,
        number: impl Fn(usize) -> String,
    ) -> Citations {
        self.word = Some(word);
        self.separator = Some(separator);
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

    /// The HTML for a group of citations, e.g. `<sup class="cite">…1…, …4…</sup>`. Unknown ids are
    /// skipped (they are reported as errors elsewhere).
    pub fn html<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> String {
        let links: Vec<String> = ids
            .into_iter()
            .filter_map(|id| {
                let n = self.number(id)?;
                let word = self.word.as_deref().unwrap_or("source");
                let shown = self
                    .shown
                    .get(n - 1)
                    .cloned()
                    .unwrap_or_else(|| n.to_string());
                Some(format!(
                    "<a href=\"#source-{id}\"><span class=\"visually-hidden\">{word} </span>{shown}</a>"
                ))
            })
            .collect();
        if links.is_empty() {
            String::new()
        } else {
            let separator = self.separator.as_deref().unwrap_or(", ");
            format!("<sup class=\"cite\">{}</sup>", links.join(separator))
        }
    }
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
        if let Some(len) = text[start..].find(']') {
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
