//! `import timelinejs` on any sheet: the CSV is read, each row checked and written as an event file
//! (into a scratch explainer), without a panic; every file written parses, and its text, rendered
//! as the page renders it, holds nothing that could run script or load from another site. So a
//! shared spreadsheet, whatever its cells hold, cannot plant script in the page.
#![no_main]

use std::path::Path;

use explainer::content::front_matter::{parse, split};
use explainer::content::model::EventMeta;
use explainer::markdown::{Citations, Settings, render};
use explainer::timelinejs::{ImportOptions, Sheet, import};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/inert.rs"]
mod inert;

fuzz_target!(|data: &[u8]| {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map_while(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let Ok(sheet) = Sheet::from_rows(Path::new("sheet.csv"), rows) else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path();
    if std::fs::create_dir_all(root.join("content/timeline")).is_err() {
        return;
    }
    let imported = import(root, &sheet, &ImportOptions::default());
    let citations = Citations::unchecked();
    let settings = Settings {
        citations: &citations,
        id_prefix: "event",
        min_heading: 4,
        trusted_html: false,
        terms: None,
        pictures: None,
    };
    for written in &imported.written {
        let Ok(text) = std::fs::read_to_string(root.join(written)) else {
            continue;
        };
        if written.file_name().is_some_and(|n| n == "_index.md") {
            continue;
        }
        let parts = split(&text).expect("an imported file has front matter");
        let meta: EventMeta = parse(&text, &parts).expect("an imported file parses");
        let rendered = render(&text[parts.body.clone()], &settings);
        if rendered.problems.is_empty() {
            let found = inert::active_parts(&rendered.html);
            assert!(found.is_empty(), "{found:?} in {} from {text}", rendered.html);
        }
        assert!(!meta.title.is_empty());
    }
});
