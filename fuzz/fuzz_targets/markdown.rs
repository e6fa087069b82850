//! The Markdown rendering path, the one boundary where text becomes HTML: citations, headings and
//! their `{…}`, footnotes, raw HTML through the cleaner. Any text renders without a panic, problems
//! point inside the text, and what is published (a text with no problem, which a build accepts)
//! holds nothing that could run script or load from another site (`tests/support/inert.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/inert.rs"]
mod inert;

fuzz_target!(|text: &str| {
    for rendered in inert::renderings(text) {
        for problem in &rendered.problems {
            assert!(problem.range.end <= text.len(), "{:?}", problem.range);
        }
        if rendered.problems.is_empty() {
            let found = inert::active_parts(&rendered.html);
            assert!(found.is_empty(), "{found:?} in {}", rendered.html);
        }
    }
});
