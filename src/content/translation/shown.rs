//! What an edition shows in its original's words, for want of a translation: a whole file, the text
//! below its fields, or items of its lists. The page marks each with the original's language and
//! direction, so that a screen reader reads it in that language and nothing is dropped.

/// Set on a document of an edition by [`super::edition`]; never read from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Untranslated {
    /// The original's language tag (`en`); empty where everything is in the page's own language.
    pub language: String,
    /// No translation of the file: all of it is the original's.
    pub whole: bool,
    /// The translation gives no text below its fields.
    pub text: bool,
    /// Each list item shown as the original has it: the list's field and the item's index.
    pub items: Vec<(&'static str, usize)>,
}

impl Untranslated {
    /// The whole file, in `language`.
    pub fn whole(language: &str) -> Untranslated {
        Untranslated {
            language: language.to_string(),
            whole: true,
            ..Untranslated::default()
        }
    }

    /// The language of the whole file, when it is the original's.
    pub fn of_file(&self) -> Option<&str> {
        self.marked(self.whole)
    }

    /// The language of the text below the fields, when only it is the original's.
    pub fn of_text(&self) -> Option<&str> {
        self.marked(self.text && !self.whole)
    }

    /// The language of item `index` of `list`, when only it is the original's.
    pub fn of_item(&self, list: &str, index: usize) -> Option<&str> {
        let listed = self.items.iter().any(|&(l, i)| l == list && i == index);
        self.marked(listed && !self.whole)
    }

    /// Records that `list` gives `given` of its `count` items: the rest are the original's.
    pub fn items_past(&mut self, list: &'static str, given: usize, count: usize) {
        self.items.extend((given..count).map(|i| (list, i)));
    }

    fn marked(&self, shown: bool) -> Option<&str> {
        (shown && !self.language.is_empty()).then_some(self.language.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_file_is_marked_once_and_its_items_are_not_marked_again() {
        let mut shown = Untranslated::whole("en");
        shown.items_past("quotes", 0, 2);
        shown.text = true;
        assert_eq!(shown.of_file(), Some("en"));
        assert_eq!(shown.of_item("quotes", 1), None);
        assert_eq!(shown.of_text(), None);
    }

    #[test]
    fn only_the_items_past_those_given_are_the_originals() {
        let mut shown = Untranslated {
            language: "en".into(),
            ..Untranslated::default()
        };
        shown.items_past("key_points", 2, 4);
        let marked: Vec<_> = (0..5).map(|i| shown.of_item("key_points", i)).collect();
        assert_eq!(marked, [None, None, Some("en"), Some("en"), None]);
        assert_eq!(shown.of_item("quotes", 2), None);
        assert_eq!(shown.of_file(), None);
    }
}
