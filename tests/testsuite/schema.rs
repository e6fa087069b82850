//! `explainer schema` describes the front matter exactly as the build reads it: every bundled content
//! file validates against the schema the binary prints, wrong documents are rejected, the copies in
//! `schema/` match the binary's output, and every bundled file names its schema on its first line.

use std::path::Path;

use explainer::content::front_matter;
use explainer::schema::{FileKind, modeline};
use serde_json::{Value, json};

/// The schema the binary prints for `kind` (`page`, `section`, `event`, or `None` for all three).
fn printed_schema(kind: Option<&str>) -> Value {
    let mut args = vec!["schema"];
    args.extend(kind);
    let run = crate::common::explainer(&args, &crate::common::repo_root());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("explainer schema prints JSON")
}

fn validator(kind: Option<&str>) -> jsonschema::Validator {
    jsonschema::validator_for(&printed_schema(kind)).expect("a valid JSON Schema")
}

/// Every `.md` under the repository's `content/`, originals and translations, with its path inside
/// `content/`.
fn bundled_files() -> Vec<(String, String)> {
    let content = crate::common::repo_root().join("content");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let inner = entry.path().strip_prefix(&content).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            files.push((inner.to_string_lossy().replace('\\', "/"), text));
        }
    }
    let translations = files.iter().filter(|(f, _)| f.ends_with(".ar.md")).count();
    assert!(translations > 20, "{translations} translations");
    assert!(
        files.len() > 40,
        "the bundled explainer has {} files",
        files.len()
    );
    files
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn every_bundled_file_validates_against_the_printed_schema() {
    let validators: Vec<(FileKind, jsonschema::Validator)> = FileKind::ALL
        .iter()
        .map(|kind| (*kind, validator(Some(kind.name()))))
        .collect();
    let any = validator(None);
    for (inner, text) in bundled_files() {
        let value = front_matter::to_json(&text).unwrap_or_else(|e| panic!("{inner}: {e:?}"));
        let kind = FileKind::of_content_path(Path::new(&inner))
            .unwrap_or_else(|| panic!("{inner} is not a content file"));
        let schema = &validators.iter().find(|(k, _)| *k == kind).unwrap().1;
        assert_eq!(errors(schema, &value), Vec::<String>::new(), "{inner}");
        assert!(any.is_valid(&value), "{inner} against the combined schema");
    }
}

#[test]
fn the_schema_rejects_what_the_build_rejects() {
    let event = validator(Some("event"));
    let section = validator(Some("section"));
    let good = json!({"date": "2021-07-26", "title": "A deal", "sources": ["ap"]});
    assert!(event.is_valid(&good), "{:?}", errors(&event, &good));
    assert!(event.is_valid(&json!({"date": 2014, "title": "A year"})));

    let wrong = [
        json!({"date": "2021-07-26", "title": "A deal", "sorces": ["ap"]}),
        json!({"date": "2021-13-01", "title": "A deal"}),
        json!({"date": "26 July 2021", "title": "A deal"}),
        json!({"title": "No date"}),
        json!({"date": "2021-07-26", "title": "A deal", "sources": "ap"}),
    ];
    for doc in &wrong {
        assert!(!event.is_valid(doc), "accepted {doc}");
    }
    assert!(!section.is_valid(&json!({"title": "Why", "wieght": 20})));
    assert!(!section.is_valid(&json!({"title": "Why", "weight": "ten"})));
    let bad_quote =
        json!({"title": "Why", "weight": 20, "quotes": [{"text": "Hi", "speaker": "A"}]});
    assert!(!section.is_valid(&bad_quote));

    // A translation holds text only: what is written once, in the original, is refused.
    let event_text = validator(Some("event-translation"));
    assert!(event_text.is_valid(&json!({"title": "اتفاق"})));
    assert!(!event_text.is_valid(&json!({"title": "اتفاق", "date": "2021-07-26"})));
    assert!(!event_text.is_valid(&json!({"title": "اتفاق", "sources": ["ap"]})));
    let section_text = validator(Some("section-translation"));
    assert!(!section_text.is_valid(&json!({"title": "لماذا", "weight": 20})));
    let page_text = validator(Some("page-translation"));
    assert!(page_text.is_valid(&json!({"title": "عنوان", "key_points": ["أ", "ب"]})));
    assert!(!page_text.is_valid(&json!({"title": "عنوان", "published": "2021-07-27"})));
}

#[test]
fn committed_schemas_match_the_binary() {
    for kind in FileKind::ALL {
        let path = crate::common::repo_root()
            .join("schema")
            .join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let printed =
            crate::common::explainer(&["schema", kind.name()], &crate::common::repo_root()).stdout;
        assert!(
            committed == printed,
            "{} is out of date: run `cargo run -- schema --out schema`",
            path.display()
        );
    }
}

#[test]
fn every_bundled_file_names_its_schema_first() {
    for (inner, text) in bundled_files() {
        let expected = modeline(Path::new(&inner)).unwrap();
        let second = text.lines().nth(1).unwrap_or_default();
        assert_eq!(second, expected, "{inner}: the line after the opening ---");
        let target = Path::new("content")
            .join(Path::new(&inner).parent().unwrap())
            .join(expected.rsplit('=').next().unwrap());
        assert!(
            crate::common::repo_root().join(&target).is_file(),
            "{} exists",
            target.display()
        );
    }
}
