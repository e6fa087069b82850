//! Front-matter splitting and parsing, into every content model and into plain JSON: any text gives a
//! result or a positioned error, never a panic; an error's range lies inside the text.
#![no_main]

use explainer::content::front_matter::{parse, split};
use explainer::content::model::{EventMeta, PageMeta, SectionMeta};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parts = match split(text) {
        Ok(parts) => parts,
        Err(err) => {
            assert!(err.range.end <= text.len() + 1, "{:?}", err.range);
            return;
        }
    };
    assert!(parts.yaml.end <= text.len() && parts.body.start <= text.len());
    let check = |range: std::ops::Range<usize>| {
        assert!(
            range.start <= range.end && range.end <= text.len() + 1,
            "{range:?}"
        )
    };
    if let Err(err) = parse::<PageMeta>(text, &parts) {
        check(err.range);
    }
    if let Err(err) = parse::<SectionMeta>(text, &parts) {
        check(err.range);
    }
    if let Err(err) = parse::<EventMeta>(text, &parts) {
        check(err.range);
    }
    let _ = parse::<serde_json::Value>(text, &parts);
});
