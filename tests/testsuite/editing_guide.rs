//! docs/editing.md, the journalists' guide, promises what explainer says: every example of a
//! message in it, and every message in its tables, must be one that a test has produced and whose
//! snapshot was read (`snapshots/`). A message reworded in the code without the guide, or a guide
//! entry that no fixture shows, fails here.

use std::fs;
use std::path::Path;

fn guide() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editing.md")).unwrap()
}

/// Every snapshot's text, one after another.
fn snapshots() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/snapshots");
    let mut all = String::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snap") {
            all.push_str(&fs::read_to_string(path).unwrap());
            all.push('\n');
        }
    }
    all
}

/// The code spans of a Markdown line: `` `a` `` and ``` `` b `c` `` ```.
fn code_spans(line: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let fence = "`".repeat(ticks);
        let inner_start = start + ticks;
        let Some(len) = rest[inner_start..].find(&fence) else {
            break;
        };
        spans.push(rest[inner_start..inner_start + len].trim().to_string());
        rest = &rest[inner_start + len + ticks..];
    }
    spans
}

/// The words of a message that must appear as written: the parts outside its own backticks (which
/// hold an example field, id or date that differs from fixture to fixture) and outside `...`.
fn fixed_parts(message: &str) -> Vec<String> {
    message
        .split('`')
        .step_by(2)
        .flat_map(|part| part.split("..."))
        .map(|part| part.trim().trim_end_matches(['(', ')']).trim().to_string())
        .filter(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect()
}

#[test]
fn every_example_message_in_the_guide_is_a_snapshot() {
    let guide = guide();
    let snapshots = snapshots();
    let mut examples = 0;
    for block in guide.split("```text\n").skip(1) {
        let example = block.split("```").next().unwrap();
        assert!(
            snapshots.contains(example),
            "this example in docs/editing.md is in no snapshot:\n{example}"
        );
        examples += 1;
    }
    assert!(examples > 0, "docs/editing.md shows no example message");
}

#[test]
fn every_message_in_the_guide_tables_is_in_a_snapshot() {
    let guide = guide();
    let snapshots = snapshots();
    let tables = guide
        .split("## What the messages mean")
        .nth(1)
        .expect("docs/editing.md has a section `What the messages mean`");
    let tables = tables.split("\n## ").next().unwrap();
    let mut missing = Vec::new();
    let mut messages = 0;
    for line in tables.lines().filter(|l| l.starts_with("| `")) {
        let first_cell = line[1..].split(" | ").next().unwrap();
        for message in code_spans(first_cell) {
            messages += 1;
            for part in fixed_parts(&message) {
                if !snapshots.contains(&part) {
                    missing.push(format!("{part:?} (of `{message}`)"));
                }
            }
        }
    }
    assert!(
        messages > 40,
        "only {messages} messages found in the tables"
    );
    assert!(
        missing.is_empty(),
        "messages in docs/editing.md that no snapshot shows:\n{}",
        missing.join("\n")
    );
}

/// The other way round: every error and warning a snapshot shows for a content file is explained in
/// the guide's tables (templates' messages are for developers and are left out).
#[test]
fn every_message_in_a_snapshot_is_in_the_guide() {
    let guide = guide();
    let tables = guide.split("## What the messages mean").nth(1).unwrap();
    let tables = tables.split("\n## ").next().unwrap();
    let known: Vec<Vec<String>> = tables
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|line| code_spans(line[1..].split(" | ").next().unwrap()))
        .map(|message| fixed_parts(&message))
        .filter(|parts| !parts.is_empty())
        .collect();
    let mut missing = std::collections::BTreeSet::new();
    for line in snapshots().lines() {
        let Some(message) = line
            .split_once(": error: ")
            .or_else(|| line.split_once(": warning: "))
            .filter(|(place, _)| place.starts_with("content/"))
            .map(|(_, message)| message)
        else {
            continue;
        };
        // "in `quotes[0]`: " names where in the file; the message follows it.
        let message = message
            .strip_prefix("in `")
            .and_then(|rest| rest.split_once("`: "))
            .map_or(message, |(_, rest)| rest);
        let explained = known
            .iter()
            .any(|parts| parts.iter().all(|part| message.contains(part.as_str())));
        if !explained {
            missing.insert(message.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "messages that docs/editing.md does not explain:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The error README.md shows is what explainer prints for the mistake it shows: the id in the
/// example's line, mistyped, in the bundled explainer, built after a good build.
#[test]
fn the_readme_error_example_is_what_a_build_prints() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let example = readme
        .split("```text\n")
        .nth(1)
        .and_then(|block| block.split("```").next())
        .expect("README.md shows an error");
    // The example's first line names the file; its third shows the line as the mistake left it.
    let path = example.split(':').next().unwrap();
    let shown = example.lines().nth(2).unwrap();
    let mistaken = shown.split_once(" | ").unwrap().1;
    let wrong = example.split('`').nth(1).unwrap();
    let right = example
        .split("did you mean `")
        .nth(1)
        .unwrap()
        .split('`')
        .next()
        .unwrap();

    let site = crate::common::TestSite::bundled();
    assert_eq!(site.build(&[]).code, Some(0));
    let file = site.root.join(path);
    let text = fs::read_to_string(&file).unwrap();
    let good_line = mistaken.replace(wrong, right);
    assert!(
        text.contains(&good_line),
        "{path} has no line `{good_line}`"
    );
    fs::write(&file, text.replace(&good_line, mistaken)).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stderr, example.replace("./public", "[ROOT]/public"));
}
