//! HTML written inside Markdown: cleaned unless the page trusts it, and checked for images without
//! a description.

use std::ops::Range;

use super::Problem;

/// Cleans HTML rendered from a text that holds raw HTML: keeps the markup explainers use (links,
/// emphasis, lists, tables, figures, `<abbr>`, `<time>`, and the ids and classes explainer gives
/// headings, citations and footnotes, and the buttons that open a citation's preview or a term's card
/// as popovers) and drops scripts, styles, event handlers, frames, forms and
/// unsafe addresses. Links to other sites get `rel="noopener noreferrer"`.
pub(crate) fn sanitise(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_generic_attributes(["id", "class"])
                .add_tag_attributes("time", ["datetime"])
                .add_tag_attributes("ol", ["start", "reversed"])
                .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope"])
                .add_tag_attributes("td", ["align", "colspan", "rowspan"])
                .add_tag_attributes("abbr", ["title"])
                .add_tag_attributes("a", ["title"])
                .add_tag_attributes("img", ["title", "loading"])
                .add_tags(["button"])
                .add_tag_attributes("button", ["type", "popovertarget", "popovertargetaction"])
                .link_rel(Some("noopener noreferrer"));
            builder
        })
        .clean(html)
        .to_string()
}

pub(crate) fn missing_alt(range: Range<usize>) -> Problem {
    Problem::new(range, "this image has no description (alt text)").hint(
        "describe what it shows for readers who cannot see it: ![US troops board a plane in Baghdad](photo.jpg)",
    )
}

/// The byte ranges of `<img>` tags without an `alt` attribute in a piece of raw HTML.
pub(crate) fn images_without_alt(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..]
            .find('>')
            .map_or(lower.len(), |j| start + j + 1);
        let tag = &lower[start..end];
        let has_alt = tag.match_indices("alt").any(|(k, _)| {
            tag[..k].ends_with(char::is_whitespace) && tag[k + 3..].trim_start().starts_with('=')
        });
        if !has_alt {
            found.push(start..end);
        }
        from = end;
    }
    found
}
