//! The synthetic explainer itself: N prose sections of about 1.5 KB of Markdown each, M timeline
//! events, a sources list they cite, and the built-in templates and static files.
//!
//! Shared by the `synth` example (its command line is in `main.rs` beside this file) and the
//! benchmarks (`benches/pipeline.rs` includes this file with `#[path]`), so both measure the same
//! content. The text is made from a fixed vocabulary by a seeded generator: the same arguments
//! always write the same files.

use std::fmt::Write as _;
use std::path::Path;

const WORDS: &[&str] = &[
    "the",
    "government",
    "agreement",
    "troops",
    "mission",
    "training",
    "advisers",
    "officials",
    "said",
    "would",
    "coalition",
    "forces",
    "security",
    "talks",
    "statement",
    "withdrawal",
    "combat",
    "role",
    "country",
    "year",
    "ministry",
    "parliament",
    "election",
    "attack",
    "militia",
    "bases",
    "capital",
    "province",
    "border",
    "announced",
    "expected",
    "reported",
    "according",
    "previous",
    "remaining",
    "military",
    "political",
    "support",
    "intelligence",
    "strategic",
    "dialogue",
    "deadline",
    "after",
    "before",
    "during",
    "while",
];

const SOURCES: usize = 40;

/// A small deterministic generator (64-bit linear congruential), enough to vary the prose.
struct Words(u64);

impl Words {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn sentence(&mut self) -> String {
        let len = 10 + self.next() % 12;
        let mut s = String::new();
        for i in 0..len {
            let word = WORDS[self.next() % WORDS.len()];
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(chars.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(word);
            }
        }
        s
    }

    /// About `bytes` of paragraphs, each sentence citing a source.
    fn prose(&mut self, bytes: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            for _ in 0..3 {
                let source = self.next() % SOURCES;
                let _ = write!(text, "{} [@source-{source:03}]. ", self.sentence());
            }
            text.push_str("\n\n");
        }
        text
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the explainer into `out` (which may already exist; files of the same name are replaced).
pub fn generate(out: &Path, sections: usize, events: usize) -> Result<(), String> {
    let content = out.join("content");
    let mut words = Words(0x5eed);
    write(
        &content.join("_index.md"),
        &format!(
            "---\ntitle: \"A synthetic explainer with {} sections\"\nstandfirst: \"{} [@source-000].\"\n\
description: A generated explainer for benchmarks.\nauthors:\n  - name: Benchmark Desk\ndateline: BAGHDAD\n\
published: 2021-07-27T09:00:00-04:00\nkey_points:\n  - \"{} [@source-001].\"\n  - \"{} [@source-002].\"\n  - \"{} [@source-003].\"\n---\n",
            sections,
            words.sentence(),
            words.sentence(),
            words.sentence(),
            words.sentence()
        ),
    )?;
    for i in 0..sections {
        let title = words
            .sentence()
            .split(' ')
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let body = words.prose(1100);
        // Numbered: explainer refuses two sections with one title (a copied file, to an editor).
        write(
            &content.join(format!("section-{i:05}.md")),
            &format!(
                "---\ntitle: \"{title}, part {}\"\nweight: {}\n---\n{body}",
                i + 1,
                (i + 1) * 10
            ),
        )?;
    }
    if events > 0 {
        write(
            &content.join("timeline/_index.md"),
            &format!(
                "---\ntitle: Timeline\nweight: {}\n---\nWhat happened, in order.\n",
                (sections + 1) * 10
            ),
        )?;
    }
    for i in 0..events {
        let (year, month, day) = (2003 + (i / 336) % 20, 1 + (i / 28) % 12, 1 + i % 28);
        let title = words
            .sentence()
            .split(' ')
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let source = words.next() % SOURCES;
        write(
            &content.join(format!(
                "timeline/{year}-{month:02}-{day:02}-event-{i:05}.md"
            )),
            &format!(
                "---\ndate: {year}-{month:02}-{day:02}\ntitle: \"{title} ({})\"\nsources: [source-{source:03}]\nid: event-{i:05}\n---\n{}\n",
                i + 1,
                words.prose(200)
            ),
        )?;
    }
    let mut sources = format!(
        "---\ntitle: Sources\nweight: {}\nkind: sources\nsources:\n",
        (sections + 2) * 10
    );
    for i in 0..SOURCES {
        let _ = write!(
            sources,
            "  - id: source-{i:03}\n    outlet: Wire {i}\n    title: \"Report number {i}\"\n    date: 2021-07-{:02}\n    url: https://example.com/report/{i}\n",
            1 + i % 28
        );
    }
    sources.push_str("---\n");
    write(&content.join("sources.md"), &sources)?;
    for dir in ["templates", "static"] {
        for (rel, bytes) in explainer::embedded::files_under(dir) {
            let path = out.join(dir).join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
