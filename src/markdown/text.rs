//! Markdown as plain text: ids made from heading text, titles with typographic punctuation, and the
//! words of a text without its markup or citations (for feeds and structured data).

use pulldown_cmark::{Event, Options, Parser, TagEnd};

use super::citations::next_citation;

/// Turns heading text into an id: lower case, words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
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
