//! Files that say the same thing twice: a section or an event duplicated by the computer rather than
//! by the editor (`what-happened copy.md`, `what-happened (1).md`, `… 2.md`, as Finder, Windows
//! Explorer and Google Drive name copies). Each would put the same part on the page twice; the second
//! is an error that names the first.

use std::collections::HashMap;

use super::model::{EventMeta, SectionMeta};
use super::{Document, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Two sections with the same title, or two events with the same title on the same date, titles
/// compared by [`key`].
pub(super) fn check(site: &Site, out: &mut Diagnostics) {
    let mut sections: HashMap<String, &Document<SectionMeta>> = HashMap::new();
    for doc in &site.sections {
        if let Some(first) = sections.insert(key(&doc.meta.title), doc) {
            let (copy, original) = which_is_the_copy(first, doc);
            out.push(copy_of(copy, &copy.meta.title, &original.path, "section"));
        }
    }
    let mut events: HashMap<(String, String), &Document<EventMeta>> = HashMap::new();
    for doc in &site.events {
        let at = (doc.meta.date.iso(), key(&doc.meta.title));
        if let Some(first) = events.insert(at, doc) {
            let (copy, original) = which_is_the_copy(first, doc);
            out.push(copy_of(copy, &copy.meta.title, &original.path, "event"));
        }
    }
}

/// A title as a reader would compare it: case, spacing and punctuation aside (`US-Iraq deal:
/// “the end”` and `US Iraq deal — The End` are one title). Read by grapheme, so a letter keeps its
/// marks.
pub(crate) fn key(title: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut key = String::with_capacity(title.len());
    let mut gap = false;
    let mut add = |piece: &str| {
        if piece.chars().next().is_some_and(char::is_alphanumeric) {
            if gap && !key.is_empty() {
                key.push(' ');
            }
            gap = false;
            key.extend(piece.chars().flat_map(char::to_lowercase));
        } else {
            gap = true;
        }
    };
    // Most headlines are ASCII, where a character is a grapheme: no need to segment.
    if title.is_ascii() {
        (0..title.len()).for_each(|i| add(&title[i..=i]));
    } else {
        title.graphemes(true).for_each(add);
    }
    key
}

/// Whether a file's name is one a file manager gives a copy: `… copy`, `… (1)`, `… 2`.
fn looks_copied<M>(doc: &Document<M>) -> bool {
    let name = doc.stem();
    name.ends_with(" copy")
        || name.ends_with(')')
        || name
            .rsplit_once(' ')
            .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Of two files that say the same, the copy (reported) and the original (named in the hint): the
/// one whose name a file manager gives copies, else the later one.
fn which_is_the_copy<'a, M>(
    first: &'a Document<M>,
    second: &'a Document<M>,
) -> (&'a Document<M>, &'a Document<M>) {
    if looks_copied(first) && !looks_copied(second) {
        (first, second)
    } else {
        (second, first)
    }
}

fn copy_of<M>(doc: &Document<M>, title: &str, first: &std::path::Path, what: &str) -> Diagnostic {
    let hint = if looks_copied(doc) {
        format!(
            "this file looks like a copy of {}: delete whichever one is not wanted",
            first.display()
        )
    } else {
        let same = if what == "event" {
            "date and headline"
        } else {
            "title"
        };
        format!(
            "{} has the same {same} (case, spacing and punctuation aside); delete one, or give each its own title",
            first.display()
        )
    };
    doc.error_at_value(
        "title",
        title,
        format!("this {what} repeats one already on the page"),
    )
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn titles_that_differ_in_case_spacing_and_punctuation_are_one() {
        assert_eq!(
            key("US-Iraq deal: “the end”"),
            key("US Iraq  deal — The End.")
        );
        assert_eq!(key("Rózsa Péter writes"), key("RÓZSA PÉTER, writes!"));
        assert_eq!(key("انسحاب القوات، ٢٠٢١"), key("انسحاب  القوات ٢٠٢١"));
        assert_ne!(key("Troops leave"), key("Troops stay"));
        assert_ne!(key("Rózsa"), key("Rozsa"));
    }
}
