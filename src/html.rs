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
    for (i, _) in html.match_indices(&pattern) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
