//! serde_yaml's errors in an editor's words: placed at the character that is wrong (not where the
//! parser gave up), reworded without YAML jargon, with a hint saying what to do.

use std::ops::Range;

use super::slips::{
    empty_text, given_twice, invisible_in_syntax, missing_space, over_indented, quote_left_open,
    unclosed_quote,
};
use super::types::invalid_type;
use super::{Problem, Split, find_key};
use crate::content::model::EMPTY_TEXT;
use crate::diagnostics::did_you_mean;

/// Turns a serde_yaml error into a positioned message with a hint.
pub(super) fn explain(text: &str, split: &Split, err: &serde_yaml::Error) -> Problem {
    let raw = err.to_string();
    let yaml = &text[split.yaml.clone()];
    if let Some(problem) = unclosed_quote(&raw, yaml, split.yaml.start) {
        return problem;
    }
    let error_at = err
        .location()
        .map_or(yaml.len(), |loc| loc.index().min(yaml.len()));
    if let Some(problem) = invisible_in_syntax(yaml, error_at, split.yaml.start)
        .or_else(|| missing_space(yaml, split.yaml.start))
    {
        return problem;
    }
    // A value the parser read whole but cannot use is not about quotes.
    let about_values = [
        "unknown field",
        "invalid type",
        "invalid value",
        "missing field",
    ];
    if !about_values.iter().any(|m| raw.starts_with(m))
        && !raw.contains("duplicate")
        && !raw.contains(EMPTY_TEXT)
        && let Some(problem) = quote_left_open(yaml, error_at, split.yaml.start)
    {
        return problem;
    }
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    // libyaml's index counts bytes of the text it was given (each character adds its UTF-8 width),
    // not characters.
    let mut offset = err.location().map_or(split.yaml.start, |loc| {
        split.yaml.start + loc.index().min(yaml.len())
    });
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if raw.contains(EMPTY_TEXT)
        && let Some(problem) = empty_text(text, offset, &raw)
    {
        return problem;
    }
    if let Some(field) = raw
        .split("duplicate field `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .or_else(|| {
            raw.split("duplicate entry with key \"")
                .nth(1)?
                .split('"')
                .next()
        })
        && let Some(problem) = given_twice(text, offset, field)
    {
        return problem;
    }
    let line = line_range(text, offset);
    if raw.starts_with("mapping values are not allowed")
        && let Some(problem) = over_indented(text, split.yaml.start, line.clone())
    {
        return problem;
    }
    let found = text[offset..].chars().next();
    let before = text[..offset].chars().next_back();
    let Reworded {
        message,
        mut hint,
        place,
    } = reword(&message, &text[line.clone()], found, before);
    // A character the eye cannot see (a tab, or the control character the message is about): point
    // at it, not at the start of its line.
    let control = (place == Place::Control)
        .then(|| text[line.clone()].find(|c: char| c.is_control() && c != '\t'))
        .flatten();
    let stray = control.or_else(|| text[line.clone()].find('\t'));
    if let Some(at) = stray {
        let at = line.start + at;
        let len = text[at..].chars().next().map_or(1, char::len_utf8);
        return Problem {
            range: at..at + len,
            message,
            hint,
        };
    }
    // A field that is present but not lined up with its neighbours is read as part of another value,
    // and serde reports it missing. Point at the stray line instead of the item.
    if let Place::MissingField(field) = &place
        && let Some(key) = find_key(&text[line.start..split.yaml.end], field)
    {
        let at = line.start + key.start;
        hint = Some(format!(
            "there is a `{field}:` here, but it is not lined up with the fields around it, so it is not \
             read as part of them; indent it with the same number of spaces"
        ));
        return Problem {
            range: at..at + field.len(),
            message,
            hint,
        };
    }
    // A citation in a bracketed list: underline the citation, `[@wire-one]`; a bullet: the bullet.
    let range = match place {
        Place::Bullet => {
            let line_text = &text[line.clone()];
            let bullet_at = line.start + (line_text.len() - line_text.trim_start().len());
            bullet_at..bullet_at + text[bullet_at..].chars().next().map_or(1, char::len_utf8)
        }
        Place::Citation => {
            let end = text[offset..line.end]
                .find(']')
                .map_or(offset + 1, |i| offset + i + 1);
            offset - 1..end
        }
        _ => offset..offset + token_at(text, offset).max(1),
    };
    Problem {
        range,
        message,
        hint,
    }
}

pub(super) fn line_range(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// The length in bytes of the word at `offset`: a key up to its colon, or a value up to the line end.
fn token_at(text: &str, offset: usize) -> usize {
    let line = line_range(text, offset);
    let rest = text[offset..line.end].trim_end();
    if rest.starts_with(['"', '\'']) {
        return rest.len();
    }
    let colon = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len));
    // Inside a list or group written in brackets, a value ends at the next `,`, `]` or `}`.
    let value_end = text[line.start..offset]
        .contains(['[', '{'])
        .then(|| rest.find([',', ']', '}']))
        .flatten();
    match (colon, value_end) {
        (Some(colon), Some(end)) => colon.min(end),
        (Some(end), None) | (None, Some(end)) => end,
        (None, None) => rest.len(),
    }
}

/// What on its line a reworded message is about, which decides what its caret underlines.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// The word where the parser stopped (a key up to its colon, or a value).
    Token,
    /// The invisible control character on the line.
    Control,
    /// The bullet that starts the line.
    Bullet,
    /// The whole citation `[@…]` that starts before where the parser stopped.
    Citation,
    /// A required field, which may be on the line but not lined up with its neighbours.
    MissingField(String),
}

/// A serde_yaml message in an editor's words, and what it is about.
struct Reworded {
    message: String,
    hint: Option<String>,
    place: Place,
}

impl From<(String, Option<String>)> for Reworded {
    fn from((message, hint): (String, Option<String>)) -> Reworded {
        Reworded {
            message,
            hint,
            place: Place::Token,
        }
    }
}

impl Reworded {
    fn at(mut self, place: Place) -> Reworded {
        self.place = place;
        self
    }
}

/// Rewords serde_yaml's messages for people who do not write YAML for a living.
/// `found` is the character the parser stopped at, and `before` the one before it.
fn reword(message: &str, line: &str, found: Option<char>, before: Option<char>) -> Reworded {
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
        let hint = did_you_mean(field, expected.iter().map(String::as_str)).unwrap_or_else(|| {
            if expected.is_empty() {
                "remove this field".to_string()
            } else {
                format!("the fields allowed here are {}", list(&expected))
            }
        });
        return (format!("{prefix}unknown field `{field}`"), Some(hint)).into();
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Reworded::from((
            format!("{prefix}missing field `{field}`"),
            Some(format!("add a line `{field}: ...` to the front matter")),
        ))
        .at(Place::MissingField(field.to_string()));
    }
    if detail.contains("invalid date: ") {
        let why = detail.split("invalid date: ").nth(1).unwrap_or(detail);
        let hint = if why.contains("is two dates") {
            "an event has one date, the day it began; say in the text when it ended"
        } else if why.starts_with("the time") {
            "write the date, a T, the time and its offset from UTC, like 2021-07-27T09:00:00-04:00 \
             (Washington in summer) or 2021-07-27T09:00:00+03:00 (Baghdad)"
        } else if why.contains("where hyphens belong") {
            "a word processor may have turned the hyphens into dashes; type them again in a plain \
             text editor"
        } else if why.contains(": write ") {
            "YYYY-MM-DD is the one way of writing a date that no reader or program can misread"
        } else {
            "write dates as YYYY, YYYY-MM or YYYY-MM-DD, for example 2021-07-26"
        };
        return (format!("{prefix}invalid date: {why}"), Some(hint.into())).into();
    }
    if detail.starts_with("control characters are not allowed") {
        return Reworded::from((
            "an invisible control character in the front matter".into(),
            Some(
                "delete it (it usually comes in with text pasted from a PDF or another program); \
                 if you cannot see it, retype the line"
                    .into(),
            ),
        ))
        .at(Place::Control);
    }
    if let Some(bullet) = line
        .trim_start()
        .chars()
        .next()
        .filter(|c| matches!(c, '*' | '•' | '·'))
        && line.trim_start()[bullet.len_utf8()..].starts_with(' ')
    {
        return Reworded::from((
            format!("a list item that starts with `{bullet}`"),
            Some("start each item of a list with `- ` (a hyphen and a space)".into()),
        ))
        .at(Place::Bullet);
    }
    if line.contains('\t') {
        return (
            "tab character in the front matter".into(),
            Some("YAML does not allow tabs: indent with spaces instead".into()),
        )
            .into();
    }
    if detail.contains("found character that cannot start any token") {
        return cannot_start(line, found, before);
    }
    if detail.starts_with("mapping values are not allowed") {
        let hint = if line.contains(['“', '”', '‘', '’']) {
            "curly quotes (“ ”) do not mark a value in YAML as straight ones do: put the whole value \
             in straight double quotes, like title: \"Iraq: what comes next\""
        } else {
            "put the whole value in double quotes, like title: \"Iraq: what comes next\""
        };
        return ("a colon inside a value".into(), Some(hint.into())).into();
    }
    if detail.starts_with("did not find expected key")
        || detail.starts_with("did not find expected '-' indicator")
        || detail.starts_with("while parsing a block")
    {
        return (
            "the indentation does not line up".into(),
            Some(
                "the items of a list, and the fields of an item, start in the same column; indent \
                 with spaces"
                    .into(),
            ),
        )
            .into();
    }
    if detail.starts_with("duplicate entry") || detail.starts_with("duplicate field") {
        return (
            format!("{prefix}{detail}"),
            Some("each field may appear only once".into()),
        )
            .into();
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        return invalid_type(path, detail, rest).into();
    }
    (format!("{prefix}{detail}"), None).into()
}

/// A character that YAML keeps for itself (`@`, `` ` ``) where a value starts. The common case is a
/// citation inside a list written in brackets, `[First point [@src-a], Second point]`: YAML reads the
/// inner `[` as the start of another list.
fn cannot_start(line: &str, found: Option<char>, before: Option<char>) -> Reworded {
    let field = line.trim_start().split(':').next().unwrap_or_default();
    let reworded: (String, Option<String>) = match (found, before) {
        (Some('@'), _) if matches!(field, "sources" | "source") => (
            "a source id written with `@`".into(),
            Some(format!(
                "`@` marks a citation in the text; in `{field}:` write the id alone, like \
                 {field}: {}",
                line.split_once(':')
                    .map_or("", |(_, value)| value.trim())
                    .replace('@', "")
            )),
        ),
        (Some('@'), Some('[')) => {
            return Reworded::from((
                "a citation `[@…]` inside a list written in brackets".into(),
                Some(
                    "write the list one item a line, each starting with `- ` and in double quotes: \
                     - \"First point [@source-id]\""
                        .into(),
                ),
            ))
            .at(Place::Citation);
        }
        (Some('@'), _) => (
            "a value cannot start with `@`".into(),
            Some(
                "if it is a source id, write it without `@`; if it is text, put it in double \
                 quotes, like - \"@handle said…\""
                    .into(),
            ),
        ),
        (Some(c), _) => (
            format!("a value cannot start with `{c}`"),
            Some(format!(
                "put the whole value in double quotes, like title: \"{c}…\""
            )),
        ),
        (None, _) => (
            "a character YAML keeps for itself starts a value".into(),
            Some("put the whole value in double quotes".into()),
        ),
    };
    reworded.into()
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
