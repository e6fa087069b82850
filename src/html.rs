//! Writing and reading bits of HTML outside the templates: the one escape explainer uses where Tera
//! does not escape for it (links written by the Markdown stage, the feed and sitemap, serve's error
//! overlay), JSON made safe to sit in a `<script>` element, and finding attributes in HTML text
//! (links written as HTML, the ids of the built page).
//!
//! A leaf module: it imports nothing of explainer's. It is not an HTML parser; ammonia (in
//! `markdown`) cleans untrusted markup.

use std::ops::Range;

/// Text escaped for HTML (and XML), in element content and in quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text that is safe inside `<script>`: `<`, `>` and `&` can only occur inside JSON strings,
/// where their `\u` escapes mean the same, and then no `</script>` or `<!--` can end the element.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

/// Each `name="value"` (or `'value'`) attribute in HTML text: the value's byte range and the value.
pub fn attributes<'t>(html: &'t str, name: &str) -> Vec<(Range<usize>, &'t str)> {
    let mut found = Vec::new();
    let pattern = format!("{name}=");
    // memchr's searcher reads a page of megabytes many times faster than `str::match_indices`.
    for i in memchr::memmem::find_iter(html.as_bytes(), pattern.as_bytes()) {
        let before = html[..i].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let start = i + pattern.len();
        let Some(quote) = html[start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            continue;
        };
        let value_start = start + 1;
        if let Some(len) = html[value_start..].find(quote) {
            found.push((
                value_start..value_start + len,
                &html[value_start..value_start + len],
            ));
        }
    }
    found
}

/// The deepest raw HTML may nest elements. The HTML parser that cleans it (html5ever, under
/// ammonia) takes time that grows with the square of the depth (40,000 nested `<div>` took four
/// seconds, 200,000 more than a minute); no text of an explainer nests more than a handful.
pub const MAX_NESTING: usize = 100;

/// How deep raw HTML nests, read piece by piece (a Markdown text's HTML comes in pieces between
/// its Markdown). It is not a parser: it counts start tags that are not void or self-closing, and
/// end tags, which is enough to bound what the parser will be given; an end tag that closes
/// nothing open is not counted below zero, and elements whose end may be left out (`<li>`, `<p>`,
/// `<td>`) are not counted at all.
#[derive(Debug, Default)]
pub struct Nesting {
    depth: usize,
}

impl Nesting {
    /// Reads `html`; the byte range of the tag that goes deeper than [`MAX_NESTING`], if one does.
    pub fn feed(&mut self, html: &str) -> Option<Range<usize>> {
        const VOID: [&str; 14] = [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr",
        ];
        // Elements whose end tag may be left out: the next one of their kind ends them, so a long
        // list or table written without `</li>` or `</td>` does not nest.
        const ENDS_ITSELF: [&str; 13] = [
            "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "rt",
            "rp",
        ];
        let bytes = html.as_bytes();
        let mut at = 0;
        while let Some(i) = html[at..].find('<') {
            let start = at + i;
            let rest = &html[start + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                at = comment
                    .find("-->")
                    .map_or(html.len(), |end| start + 4 + end + 3);
                continue;
            }
            let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
            at = end.max(start + 1);
            match bytes.get(start + 1) {
                Some(b'/') => self.depth = self.depth.saturating_sub(1),
                Some(c) if c.is_ascii_alphabetic() => {
                    let name: String = rest
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let closed = html[start..end].trim_end_matches('>').ends_with('/');
                    if !closed
                        && !VOID.contains(&name.as_str())
                        && !ENDS_ITSELF.contains(&name.as_str())
                    {
                        self.depth += 1;
                        if self.depth > MAX_NESTING {
                            return Some(start..end);
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_across_pieces_and_void_tags_do_not_count() {
        let mut nesting = Nesting::default();
        let piece = "<div class=\"a\"><br><img src=x alt=\"—\"><span/><!-- <div> --></div>";
        for _ in 0..1_000 {
            assert_eq!(nesting.feed(piece), None);
        }
        let deep = "<div>".repeat(MAX_NESTING);
        assert_eq!(nesting.feed(&deep), None);
        assert_eq!(nesting.feed("€ <section>"), Some(4..13));
        let mut fresh = Nesting::default();
        assert_eq!(fresh.feed(&"<li>".repeat(200_000)), None);
        let html = "<b>".repeat(200_000);
        assert_eq!(fresh.feed(&html), Some(300..303));
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom's & co — “€5”</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co — “€5”&lt;/a&gt;"
        );
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        let value =
            serde_json::json!({"headline": "</script><script>alert(1)</script> & <!-- العراق"});
        let safe = script_safe_json(&value);
        assert!(!safe.contains('<') && !safe.contains('>'), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn finds_attributes_in_either_quotes() {
        let html = r##"<a href="#one" title="بغداد" id='two'><b data-id="no">"##;
        let ids: Vec<&str> = attributes(html, "id").into_iter().map(|(_, v)| v).collect();
        assert_eq!(ids, ["two"]);
        let (range, href) = attributes(html, "href")[0].clone();
        assert_eq!((&html[range], href), ("#one", "#one"));
        let (range, title) = attributes(html, "title")[0].clone();
        assert_eq!((&html[range], title), ("بغداد", "بغداد"));
    }
}
