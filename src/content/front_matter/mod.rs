//! Splitting a content file into YAML front matter and Markdown body, and parsing the YAML.
//!
//! This is the only module that touches `serde_yaml` (no longer maintained), so that it can be swapped
//! for a maintained fork in one place. YAML errors are turned into messages an editor can act on: a
//! file position, plain words, and a hint ("did you mean `weight`?", "put the title in quotes"); the
//! rewording is in [`errors`].

mod aliases;
mod errors;
mod slips;
mod types;

use std::ops::Range;

use serde::de::DeserializeOwned;

pub use crate::diagnostics::Problem;
use errors::explain;
pub(crate) use slips::colon_without_space;

/// Where the parts of a content file are, as byte ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

const FENCE: &str = "---";

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split(text: &str) -> Result<Split, Problem> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_line_end].trim_end() != FENCE {
        if let Some(problem) = not_quite_a_fence(text, start..first_line_end) {
            return Err(problem);
        }
        let hint = if text[start..].trim().is_empty() {
            "the file is empty: start it with `---`, the fields, and another `---`"
        } else {
            "start the file with a line `---`, then the fields (`title: ...`), then another line `---`"
        };
        return Err(Problem {
            range: start..first_line_end.max(start + 1),
            message: "this file has no front matter".into(),
            hint: Some(hint.into()),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    // Without a closing line, the first line that a word processor turned into a dash is the cause.
    let mut dashes = None;
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == FENCE {
            return Ok(Split {
                yaml: yaml_start..line_start,
                body: (line_end + 1).min(text.len())..text.len(),
            });
        }
        if dashes.is_none() {
            dashes = not_quite_a_fence(text, line_start..line_end);
        }
        line_start = line_end + 1;
    }
    if let Some(problem) = dashes {
        return Err(problem);
    }
    Err(Problem {
        range: start..first_line_end,
        message: "the front matter is not closed".into(),
        hint: Some("add a line `---` after the last field, before the text of the article".into()),
    })
}

/// A line of dashes meant as `---`: `—` or `–-`, as word processors and phones turn hyphens into
/// dashes, or four hyphens.
fn not_quite_a_fence(text: &str, line: Range<usize>) -> Option<Problem> {
    let written = text[line.clone()].trim_end();
    let dashes = !written.is_empty()
        && written != FENCE
        && written
            .chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '‒' | '―'));
    dashes.then(|| Problem {
        range: line.start..line.start + written.len(),
        message: format!("this line should be three hyphens, `---`, not `{written}`"),
        hint: Some(if written.contains(|c| c != '-') {
            "a word processor or phone turned the hyphens into a dash: type three hyphens (-) \
             on the line, and nothing else"
                .into()
        } else {
            "the lines around the fields are exactly three hyphens".into()
        }),
    })
}

/// Parses the front matter into `T`, with errors placed in the whole file's text.
pub fn parse<T: DeserializeOwned>(text: &str, split: &Split) -> Result<T, Problem> {
    let yaml = &text[split.yaml.clone()];
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    if let Some(at) = too_deep(yaml) {
        let start = split.yaml.start + at;
        return Err(Problem {
            message: format!("lists or maps nested more than {MAX_FLOW_DEPTH} deep"),
            range: start..start + 1,
            hint: Some("no content field nests this deep; check the brackets".into()),
        });
    }
    if aliases::expands_too_far(yaml) {
        // The first alias: a `*` where a value starts, before its anchor's name.
        let at = yaml
            .match_indices('*')
            .find(|(i, _)| {
                let before = yaml[..*i].chars().next_back();
                let after = yaml[i + 1..].chars().next();
                matches!(
                    before,
                    None | Some(' ' | '[' | ',' | '{' | ':' | '-' | '\n')
                ) && after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
            .map_or(0, |(i, _)| i);
        let start = split.yaml.start + at;
        return Err(Problem {
            message: format!(
                "the YAML aliases (`*name`) here repeat more than {} times the front matter's own text",
                aliases::MAX_EXPANSION
            ),
            range: start..start + 1,
            hint: Some(
                "write the value out where it is needed instead of repeating it with `*name`"
                    .into(),
            ),
        });
    }
    serde_yaml::from_str(yaml).map_err(|err| explain(text, split, &err))
}

/// The deepest nesting of `[` and `{` accepted. The YAML parser takes time that grows with the square
/// of the nesting depth, so a pasted or hostile file could otherwise stall the build.
const MAX_FLOW_DEPTH: usize = 64;

/// Where brackets first open deeper than [`MAX_FLOW_DEPTH`], counting every bracket (even in quoted
/// text: no real field holds 64 unclosed brackets).
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, byte) in yaml.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The front matter of a content file as JSON, to check it against the JSON Schema (`explainer
/// schema`) exactly as an editor's YAML tooling reads it.
pub fn to_json(text: &str) -> Result<serde_json::Value, Problem> {
    let split = split(text)?;
    parse(text, &split)
}

/// Finds where a value appears in the front matter, for problems found after parsing (an unknown
/// source id, a duplicate id). Looks for `needle` as a whole word on or after the first line that
/// holds `key:`; falls back to the key, then to the start of the front matter.
pub fn locate(text: &str, split: &Split, key: &str, needle: &str) -> Range<usize> {
    locate_nth(text, split, key, needle, 0)
}

/// Like [`locate`], for the `nth` (0-based) occurrence of `needle` after the key.
pub fn locate_nth(text: &str, split: &Split, key: &str, needle: &str, nth: usize) -> Range<usize> {
    let yaml = &text[split.yaml.clone()];
    let key_at = find_key(yaml, key);
    let from = key_at.as_ref().map_or(0, |r| r.start);
    let found = find_words(&yaml[from..], needle)
        .nth(nth)
        .map(|i| from + i)
        .or_else(|| find_words(yaml, needle).next());
    match (found, key_at) {
        (Some(i), _) => split.yaml.start + i..split.yaml.start + i + needle.len(),
        (None, Some(k)) => split.yaml.start + k.start..split.yaml.start + k.end,
        (None, None) => split.yaml.start..split.yaml.start,
    }
}

/// The range of `key` where it starts a mapping entry (`key:` at a line start or after `- `).
pub(crate) fn find_key(yaml: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.starts_with(':')
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

fn find_words<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    haystack.match_indices(needle).filter_map(move |(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        (!before.is_some_and(is_word) && !after.is_some_and(is_word)).then_some(i)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_a_billion_laughs_without_expanding_it() {
        let mut yaml = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut previous = 'a';
        for name in 'b'..='i' {
            let refs = vec![format!("*{previous}"); 9].join(",");
            yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        yaml.push_str("---\n");
        let err = super::to_json(&yaml).expect_err("the expansion is refused");
        assert!(
            err.message.contains("repeat more than 16 times"),
            "{}",
            err.message
        );
    }

    #[test]
    fn refuses_deep_nesting_before_parsing() {
        let depth = 10_000;
        let text = format!("---\nx: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
        let split = super::split(&text).expect("splits");
        let err = super::parse::<serde_json::Value>(&text, &split).expect_err("too deep");
        assert_eq!(err.message, "lists or maps nested more than 64 deep");
        assert_eq!(err.range, 4 + 3 + 64..4 + 3 + 65);
    }

    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: A\n---\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(&text[split.yaml.clone()], "title: A\n");
        assert_eq!(&text[split.body.clone()], "Body\n");
    }

    #[test]
    fn accepts_crlf_and_a_byte_order_mark() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody";
        let split = split(text).unwrap();
        assert_eq!(&text[split.yaml.clone()], "title: A\r\n");
        assert_eq!(&text[split.body], "Body");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(
            split("Just text").unwrap_err().message,
            "this file has no front matter"
        );
        assert_eq!(
            split("---\ntitle: A\n").unwrap_err().message,
            "the front matter is not closed"
        );
    }

    #[test]
    fn locates_values_after_their_key() {
        let text = "---\ntitle: ap\nsources: [ap, reuters]\n---\n";
        let split = split(text).unwrap();
        let range = locate(text, &split, "sources", "ap");
        assert_eq!(&text[range.clone()], "ap");
        assert_eq!(range.start, text.find("[ap").unwrap() + 1);
    }
}
