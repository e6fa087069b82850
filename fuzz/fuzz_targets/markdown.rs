//! The Markdown rendering path: citations, headings, footnotes, raw HTML sanitising. Any text renders
//! without a panic, problems point inside the text, and untrusted output holds no script.
#![no_main]

use explainer::markdown::{Citations, Settings, render, render_inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let citations = Citations::new(["ap", "reuters"]);
    let settings = Settings {
        citations: &citations,
        id_prefix: "why",
        min_heading: 3,
        trusted_html: false,
    };
    let rendered = render(text, &settings);
    for problem in &rendered.problems {
        assert!(problem.range.end <= text.len(), "{:?}", problem.range);
    }
    assert!(!opens_script(&rendered.html), "{}", rendered.html);
    let _ = render_inline(text, &citations, false);
});

/// Whether the HTML opens a `<script` element (outside attribute values, where `<` may stand as is).
fn opens_script(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut quote: Option<u8> = None;
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match (in_tag, quote, b) {
            (true, Some(q), _) if b == q => quote = None,
            (true, Some(_), _) => {}
            (true, None, b'"' | b'\'') => quote = Some(b),
            (true, None, b'>') => in_tag = false,
            (false, _, b'<') => {
                in_tag = true;
                let rest = &bytes[i + 1..];
                if rest.len() >= 6 && rest[..6].eq_ignore_ascii_case(b"script") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}
