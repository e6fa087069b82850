//! Markdown as plain text: ids made from heading text, titles with typographic punctuation, and the
//! words of a text without its markup or citations (for feeds and structured data).

use pulldown_cmark::{Event, Options, Parser, TagEnd};

use super::citations::next_citation;

/// Turns heading text into an id: lower case, words joined by hyphens. A letter keeps its marks
/// (an accent typed as a separate character, Arabic vowel marks, Devanagari vowel signs): the text
/// is read by grapheme cluster, so "مُهِمَّة" and "हिन्दी" stay one word each.
pub fn slugify(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut slug = String::with_capacity(text.len());
    for grapheme in text.graphemes(true) {
        if grapheme.chars().next().is_some_and(char::is_alphanumeric) {
            slug.extend(grapheme.chars().flat_map(char::to_lowercase));
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Whether `text` is an id as [`slugify`] makes them: letters of any alphabet in lower case (or
/// without case: Arabic, Chinese), digits, and single hyphens between them. The one rule for ids and
/// the file names they come from, whoever writes them: `new`, `import timelinejs` (an `Id` cell,
/// or one made from a headline such as "Rózsa Péter"), `export`, and an `id:` an editor writes.
pub fn is_slug(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text.graphemes(true).all(|g| {
            g == "-"
                || (g.chars().next().is_some_and(char::is_alphanumeric)
                    && !g.chars().any(char::is_uppercase))
        })
}

/// Plain text with typographic punctuation (curly quotes and apostrophes, dashes, ellipses), for
/// titles that are shown as text rather than HTML. Markdown syntax in `text` is not interpreted.
pub fn smarten(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| {
            let escape = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '&' | '|' | '~'
            );
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION)
        .filter_map(|event| match event {
            Event::Text(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect()
}

/// The words of a piece of Markdown as plain text, without markup or `[@id]` citations, with
/// typographic punctuation: for structured data and feeds, where a citation number means nothing.
pub fn plain_text(text: &str) -> String {
    let mut words = String::new();
    for event in Parser::new_ext(text, super::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => words.push_str(&t),
            Event::SoftBreak | Event::HardBreak => words.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => words.push(' '),
            _ => {}
        }
    }
    let mut plain = String::with_capacity(words.len());
    let mut rest = words.as_str();
    while let Some((before, _, after)) = next_citation(rest) {
        plain.push_str(before.trim_end());
        rest = after;
    }
    plain.push_str(rest);
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}
