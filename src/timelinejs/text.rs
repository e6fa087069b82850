//! A sheet's `Text` cell and an event's Markdown: TimelineJS takes HTML, explainer Markdown. HTML is
//! cleaned first (ammonia keeps paragraphs, line breaks, links, emphasis, lists and quotations,
//! and drops scripts, styles and every attribute but a link's address) and then converted
//! ([`markdown_of`](super::markdown_of));
//! Markdown goes back to HTML with pulldown-cmark. A cell without tags is already text.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The tags a `Text` cell keeps.
const KEPT: [&str; 12] = [
    "p",
    "br",
    "a",
    "em",
    "i",
    "strong",
    "b",
    "ul",
    "ol",
    "li",
    "blockquote",
    "u",
];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(HashSet::from(KEPT))
            .add_tag_attributes("a", ["href"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(None)
            .clean_content_tags(HashSet::from(["script", "style"]));
        builder
    })
}

/// Whether a cell holds HTML tags (`<p>`, `</a>`, `<br/>`) rather than plain text.
fn has_tags(text: &str) -> bool {
    text.match_indices('<').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/')
    })
}

/// The Markdown of a `Text` cell.
pub fn to_markdown(cell: &str) -> String {
    let cell = cell.replace("\r\n", "\n");
    if !has_tags(&cell) {
        return plain(&cell);
    }
    let clean = cleaner().clean(&cell).to_string();
    unescape_citations(super::markdown_of::markdown_of(&clean).trim())
}

/// A cell of plain text, as a browser would show it: its paragraphs (blank lines between them)
/// kept, and within each, runs of spaces and line breaks read as one space. A non-breaking space
/// is kept.
fn plain(cell: &str) -> String {
    let paragraphs: Vec<String> = cell
        .split("\n\n")
        .map(|p| {
            p.split([' ', '\n', '\t'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Brackets escaped so that Markdown does not read a link, where they are explainer's citations,
/// `[@id]`, which must stay.
fn unescape_citations(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("\\[@") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find("\\]") {
            Some(end) if !after[1..end].contains(['\n', '[']) => {
                out.push_str(&after[..end]);
                out.push(']');
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str("\\[");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML of an event's Markdown, for a sheet's `Text` cell, on one line (a line break inside
/// a paragraph is a space, as a browser shows it).
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{CowStr, Event};
    let parser = pulldown_cmark::Parser::new(markdown).map(|event| match event {
        Event::SoftBreak => Event::Text(CowStr::Borrowed(" ")),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html.trim().replace('\n', "")
}

/// The HTML of a line of Markdown (a caption, a credit): without the paragraph around it.
pub fn to_inline_html(markdown: &str) -> String {
    let html = to_html(markdown);
    match html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_without_what_is_unsafe() {
        let html = r#"<p>The <b>deal</b> was <em>announced</em> by <a href="https://example.org/x" target="_blank" onclick="steal()">the White House</a>.</p><script>alert(1)</script><ul><li>One</li><li>Two</li></ul><p><a href="javascript:alert(1)">bad</a></p>"#;
        let markdown = to_markdown(html);
        assert_eq!(
            markdown,
            "The **deal** was *announced* by [the White House](https://example.org/x).\n\n- One\n- Two\n\nbad"
        );
    }

    #[test]
    fn plain_text_stays_as_written() {
        assert_eq!(
            to_markdown("  Troops leave\r\nBaghdad — 5 < 6\u{a0}km \r\n\r\nNext  day. "),
            "Troops leave Baghdad — 5 < 6\u{a0}km\n\nNext day."
        );
    }

    #[test]
    fn markdown_survives_a_trip_through_html() {
        for markdown in [
            "The **deal** was *announced* by [the White House](https://example.org/x) [@ap].",
            "1. First\n2. Second",
            "- One\n- Two",
            "First paragraph.\n\nSecond, with “quotes” and € and الكاظمي.",
            "One *line*, then another.",
        ] {
            assert_eq!(to_markdown(&to_html(markdown)), markdown);
        }
    }
}
