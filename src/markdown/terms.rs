//! Context cards: the first mention of a glossary term in a text opens the term's definition in
//! place. The glossary's words are found here; the card itself is the glossary section's.

use std::cell::RefCell;

use crate::html::escape;

/// The glossary's terms and the words in a text that mention each, longest first, so that "Mustafa
/// al-Kadhimi" is found before "al-Kadhimi".
#[derive(Debug, Default, Clone)]
pub struct Glossary {
    /// Each term's id (`term-{id}` in the glossary, `card-{id}` for its card).
    ids: Vec<String>,
    /// (words, the index of their term).
    mentions: Vec<(String, usize)>,
}

impl Glossary {
    /// `terms`: each term's id and the words that mention it.
    pub fn new<'a>(terms: impl IntoIterator<Item = (String, Vec<&'a str>)>) -> Glossary {
        let mut glossary = Glossary::default();
        for (id, words) in terms {
            let index = glossary.ids.len();
            glossary.ids.push(id);
            glossary.mentions.extend(
                words
                    .into_iter()
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(|w| (w.to_string(), index)),
            );
        }
        glossary
            .mentions
            .sort_by_key(|(words, _)| std::cmp::Reverse(words.chars().count()));
        glossary
    }

    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
    }

    /// Marks for a text in which every term may be linked once.
    pub fn marks(&self) -> TermMarks<'_> {
        self.marks_for(|_| true)
    }

    /// Marks for a text in which only the terms `allowed` (by id) may be linked, once each.
    pub fn marks_for(&self, allowed: impl Fn(&str) -> bool) -> TermMarks<'_> {
        TermMarks {
            glossary: self,
            open: RefCell::new(self.ids.iter().map(|id| allowed(id)).collect()),
        }
    }

    /// The ids of the terms `text` mentions, each once: for finding which of a run of texts
    /// mentions a term first.
    pub fn mentioned_in(&self, text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = Vec::new();
        for (words, index) in &self.mentions {
            let id = self.ids[*index].as_str();
            if !found.contains(&id) && find_word(text, words).is_some() {
                found.push(id);
            }
        }
        found
    }
}

/// Which terms a text may still link: each is linked at its first mention, then no more.
#[derive(Debug)]
pub struct TermMarks<'g> {
    glossary: &'g Glossary,
    open: RefCell<Vec<bool>>,
}

impl TermMarks<'_> {
    /// Whether some term may still be linked in this text.
    pub fn any_open(&self) -> bool {
        self.open.borrow().iter().any(|o| *o)
    }

    /// `text` as HTML, with the first mention of each term still open turned into its card's
    /// button (and the link to the glossary that stands in for it where there are no popovers).
    pub fn html(&self, text: &str) -> Option<String> {
        let mut open = self.open.borrow_mut();
        let mut out = String::new();
        let mut rest = text;
        let mut linked = false;
        loop {
            // The earliest mention of a term still open; at one place, the longest words.
            let next = self
                .glossary
                .mentions
                .iter()
                .filter(|(_, index)| open[*index])
                .filter_map(|(words, index)| Some((find_word(rest, words)?, words, *index)))
                .min_by_key(|(at, _, _)| *at);
            let Some((at, words, index)) = next else {
                break;
            };
            let id = &self.glossary.ids[index];
            let shown = escape(&rest[at..at + words.len()]);
            out.push_str(&escape(&rest[..at]));
            out.push_str(&super::opener(
                "term",
                &format!("term-{id}"),
                &format!("card-{id}"),
                &shown,
            ));
            open[index] = false;
            linked = true;
            rest = &rest[at + words.len()..];
        }
        linked.then(|| {
            out.push_str(&escape(rest));
            out
        })
    }
}

/// Where `words` first stand as whole words in `text` (not inside a longer word).
fn find_word(text: &str, words: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric();
    let mut from = 0;
    while let Some(i) = text[from..].find(words) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(at);
        }
        from = at + words.len().max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::new([
            (
                "kadhimi".to_string(),
                vec!["Mustafa al-Kadhimi", "al-Kadhimi"],
            ),
            ("is".to_string(), vec!["Islamic State group"]),
            ("kadhimi-ar".to_string(), vec!["الكاظمي"]),
        ])
    }

    #[test]
    fn the_first_mention_of_each_term_opens_its_card_once() {
        let g = glossary();
        let marks = g.marks();
        let html = marks
            .html("Prime Minister Mustafa al-Kadhimi met al-Kadhimi’s “rivals” & the Islamic State group.")
            .unwrap();
        assert_eq!(
            html,
            "Prime Minister <a class=\"term-link\" href=\"#term-kadhimi\">Mustafa al-Kadhimi</a>\
             <button type=\"button\" class=\"term-open\" popovertarget=\"card-kadhimi\">Mustafa al-Kadhimi</button> \
             met al-Kadhimi’s “rivals” &amp; the <a class=\"term-link\" href=\"#term-is\">Islamic State group</a>\
             <button type=\"button\" class=\"term-open\" popovertarget=\"card-is\">Islamic State group</button>."
        );
        // Later texts of the same section link the terms no more.
        assert_eq!(marks.html("al-Kadhimi again"), None);
    }

    #[test]
    fn mentions_are_whole_words_in_any_script() {
        let g = glossary();
        let marks = g.marks();
        assert_eq!(marks.html("Not al-Kadhimis or xal-Kadhimi"), None);
        let html = marks.html("قال رئيس الوزراء\u{a0}الكاظمي إن").unwrap();
        assert!(
            html.contains("\u{a0}<a class=\"term-link\" href=\"#term-kadhimi-ar\">الكاظمي</a>"),
            "{html}"
        );
        // A prefix joined to the word makes another word: not a mention.
        assert_eq!(g.marks().html("والكاظميون"), None);
    }

    #[test]
    fn only_the_allowed_terms_are_linked_and_found_in_order() {
        let g = glossary();
        let marks = g.marks_for(|id| id == "is");
        let html = marks
            .html("al-Kadhimi and the Islamic State group")
            .unwrap();
        assert!(!html.contains("term-kadhimi"), "{html}");
        assert!(html.contains("card-is"), "{html}");
        assert_eq!(
            g.mentioned_in("the Islamic State group and al-Kadhimi"),
            ["is", "kadhimi"]
        );
    }
}
