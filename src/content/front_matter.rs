//! Splitting a content file into YAML front matter and Markdown body, and parsing the YAML.
//!
//! This is the only module that touches `serde_yaml` (no longer maintained), so that it can be swapped
//! for a maintained fork in one place. YAML errors are turned into messages an editor can act on: a
//! file position, plain words, and a hint ("did you mean `weight`?", "put the title in quotes").

use std::ops::Range;

use serde::de::DeserializeOwned;

/// Where the parts of a content file are, as byte ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

/// A problem in the front matter: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

const FENCE: &str = "---";

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split(text: &str) -> Result<Split, FrontMatterError> {
    let start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_line_end].trim_end() != FENCE {
        let hint = if text[start..].trim().is_empty() {
            "the file is empty: start it with `---`, the fields, and another `---`"
        } else {
            "start the file with a line `---`, then the fields (`title: ...`), then another line `---`"
        };
        return Err(FrontMatterError {
            range: start..first_line_end.max(start + 1),
            message: "this file has no front matter".into(),
            hint: Some(hint.into()),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
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
        line_start = line_end + 1;
    }
    Err(FrontMatterError {
        range: start..first_line_end,
        message: "the front matter is not closed".into(),
        hint: Some("add a line `---` after the last field, before the text of the article".into()),
    })
}

/// Parses the front matter into `T`, with errors placed in the whole file's text.
pub fn parse<T: DeserializeOwned>(text: &str, split: &Split) -> Result<T, FrontMatterError> {
    let yaml = &text[split.yaml.clone()];
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    if let Some(at) = too_deep(yaml) {
        let start = split.yaml.start + at;
        return Err(FrontMatterError {
            message: format!("lists or maps nested more than {MAX_FLOW_DEPTH} deep"),
            range: start..start + 1,
            hint: Some("no content field nests this deep; check the brackets".into()),
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
pub fn to_json(text: &str) -> Result<serde_json::Value, FrontMatterError> {
    let split = split(text)?;
    parse(text, &split)
}

/// Turns a serde_yaml error into a positioned message with a hint.
fn explain(text: &str, split: &Split, err: &serde_yaml::Error) -> FrontMatterError {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let offset = err.location().map_or(split.yaml.start, |loc| {
        split.yaml.start + char_to_byte(&text[split.yaml.clone()], loc.index())
    });
    let line = line_range(text, offset);
    let (message, mut hint) = reword(&message, &text[line.clone()]);
    // A character the eye cannot see (a tab, or the control character the message is about): point
    // at it, not at the start of its line.
    let control = message
        .starts_with("an invisible control character")
        .then(|| text[line.clone()].find(|c: char| c.is_control() && c != '\t'))
        .flatten();
    let stray = control.or_else(|| text[line.clone()].find('\t'));
    if let Some(at) = stray {
        let at = line.start + at;
        let len = text[at..].chars().next().map_or(1, char::len_utf8);
        return FrontMatterError {
            range: at..at + len,
            message,
            hint,
        };
    }
    // A field that is present but not lined up with its neighbours is read as part of another value,
    // and serde reports it missing. Point at the stray line instead of the item.
    if let Some(field) = message
        .split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
        && let Some(key) = find_key(&text[line.start..split.yaml.end], field)
    {
        let at = line.start + key.start;
        hint = Some(format!(
            "there is a `{field}:` here, but it is not lined up with the fields around it, so it is not \
             read as part of them; indent it with the same number of spaces"
        ));
        return FrontMatterError {
            range: at..at + field.len(),
            message,
            hint,
        };
    }
    FrontMatterError {
        range: offset..offset + token_at(text, offset).max(1),
        message,
        hint,
    }
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn line_range(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// The length in bytes of the word at `offset`: a key up to its colon, or a value up to the line end.
fn token_at(text: &str, offset: usize) -> usize {
    let rest = &text[offset..line_range(text, offset).end];
    let rest = rest.trim_end();
    match rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len))
    {
        Some(colon) if !rest.starts_with(['"', '\'']) => colon,
        _ => rest.len(),
    }
}

/// Rewords serde_yaml's messages for people who do not write YAML for a living.
fn reword(message: &str, line: &str) -> (String, Option<String>) {
    let (path, detail) = match message.split_once(": ") {
        Some((path, detail)) if !path.contains(' ') => (Some(path), detail),
        _ => (None, message),
    };
    // The caret already shows a top-level field; name only nested ones (`quotes[0].date`).
    let prefix = path
        .filter(|p| p.contains(['.', '[']))
        .map(|p| format!("in `{p}`: "))
        .unwrap_or_default();
    if let Some(rest) = detail.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
        let hint =
            match crate::diagnostics::did_you_mean(field, expected.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None if expected.is_empty() => "remove this field".to_string(),
                None => format!("the fields allowed here are {}", list(&expected)),
            };
        return (format!("{prefix}unknown field `{field}`"), Some(hint));
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return (
            format!("{prefix}missing field `{field}`"),
            Some(format!("add a line `{field}: ...` to the front matter")),
        );
    }
    if detail.contains("invalid date: ") {
        let why = detail.split("invalid date: ").nth(1).unwrap_or(detail);
        return (
            format!("{prefix}invalid date: {why}"),
            Some("write dates as YYYY, YYYY-MM or YYYY-MM-DD, for example 2021-07-26".into()),
        );
    }
    if detail.starts_with("control characters are not allowed") {
        return (
            "an invisible control character in the front matter".into(),
            Some(
                "delete it (it usually comes in with text pasted from a PDF or another program); \
                 if you cannot see it, retype the line"
                    .into(),
            ),
        );
    }
    if line.contains('\t') || detail.contains("found character that cannot start any token") {
        return (
            "tab character in the front matter".into(),
            Some("YAML does not allow tabs: indent with spaces instead".into()),
        );
    }
    if detail.starts_with("mapping values are not allowed") {
        return (
            "a colon inside a value".into(),
            Some(
                "put the whole value in double quotes, like title: \"Iraq: what comes next\""
                    .into(),
            ),
        );
    }
    if detail.starts_with("did not find expected key")
        || detail.starts_with("did not find expected '-' indicator")
        || detail.starts_with("while parsing a block")
    {
        return (
            "the indentation does not line up".into(),
            Some(
                "fields of the same item must start in the same column; indent with spaces".into(),
            ),
        );
    }
    if detail.starts_with("duplicate entry") || detail.starts_with("duplicate field") {
        return (
            format!("{prefix}{detail}"),
            Some("each field may appear only once".into()),
        );
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (got, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another kind of value"));
        let field = path.map_or_else(|| "this field".to_string(), |p| format!("`{p}`"));
        let message = format!(
            "{field} should be {}, not {}",
            plain_kind(expected),
            plain_kind(got)
        );
        let hint = if expected.contains("i64") || expected.contains("integer") {
            "this must be a whole number without quotes, like 20"
        } else if detail.contains("expected a sequence") {
            "this must be a list: write [a, b], or put each item on its own line starting with `- `"
        } else if detail.contains("expected a boolean") {
            "this must be true or false"
        } else if detail.contains("expected a string") {
            "this must be text; put it in double quotes"
        } else {
            "check the kind of value this field takes in docs/content-model.md"
        };
        return (message, Some(hint.into()));
    }
    (format!("{prefix}{detail}"), None)
}

/// serde's names for kinds of value, in an editor's words: `string "ten"` is "the text \"ten\"".
fn plain_kind(kind: &str) -> String {
    let kind = kind.trim();
    if let Some(text) = kind.strip_prefix("string ") {
        return format!("the text {text}");
    }
    if let Some(n) = kind
        .strip_prefix("integer ")
        .or_else(|| kind.strip_prefix("floating point "))
    {
        return format!("the number {}", n.trim_matches('`'));
    }
    if let Some(b) = kind.strip_prefix("boolean ") {
        return format!("`{}`", b.trim_matches('`'));
    }
    match kind {
        "i64" | "u64" | "i32" | "u32" | "u8" | "integer" => "a whole number".into(),
        "a sequence" | "sequence" => "a list".into(),
        "map" | "a map" => "a group of fields".into(),
        "a boolean" => "true or false".into(),
        "a string" => "text".into(),
        "unit value" => "empty".into(),
        other if other.starts_with("struct ") => "a group of fields".into(),
        other => other.to_string(),
    }
}

/// The names between backticks in serde's "expected one of `a`, `b`".
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
fn find_key(yaml: &str, key: &str) -> Option<Range<usize>> {
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
        assert!(err.message.contains("repetition limit"), "{}", err.message);
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
