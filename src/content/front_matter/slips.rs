//! Mistakes libyaml reports far from where they are, or in words that name the wrong cause: a quote
//! never closed (reported at the end of the front matter), a required text left empty (reported at
//! the start of its item), an invisible character from a word processor in a field's name (reported
//! as an unknown field that looks right). Each is found and placed where the editor must look.

use super::Problem;
use super::errors::line_range;

/// The fields of the item whose first line holds `offset` (the whole front matter, or an item of a
/// list such as `quotes[0]`), as serde_yaml reports errors at the start of the item: each field's
/// name with its byte offset in `text`, and the text after its colon. Nested fields, blank lines and
/// comments are passed over; the item ends at a line indented less than it, or at `---`.
fn item_fields(text: &str, offset: usize) -> impl Iterator<Item = (usize, &str, &str)> {
    let mut line_start = line_range(text, offset).start;
    let mut column = None;
    text[line_start..]
        .split_inclusive('\n')
        .map(move |line| {
            let start = line_start;
            line_start += line.len();
            (start, line)
        })
        .filter_map(move |(start, line)| {
            let content = line.trim_end();
            let item = content.trim_start();
            let indent = content.len() - item.len();
            // The first line of an item of a list starts `- `; its keys start after that.
            let (at, entry) = match item.strip_prefix("- ") {
                Some(rest) if column.is_none() => (indent + 2, rest),
                _ => (indent, item),
            };
            if item.is_empty() || item.starts_with('#') {
                return Some(None);
            }
            let here = *column.get_or_insert(at);
            if at < here || item == "---" {
                return None;
            }
            let field = entry
                .split_once(':')
                .filter(|_| at == here)
                .map(|(name, value)| (start + at, name, value));
            Some(field)
        })
        .flatten()
}

/// A required text left empty (`title:`, `title: ~`, `title: ""`), reported at its key: the first
/// field of the item serde_yaml names (at `offset`) whose value is empty.
pub(super) fn empty_text(text: &str, offset: usize, raw: &str) -> Option<Problem> {
    let (start, name, _) = item_fields(text, offset).find(|(_, _, value)| is_empty_value(value))?;
    let within = raw
        .split_once(": ")
        .map(|(path, _)| path)
        .filter(|path| !path.contains(' '));
    let message = match within {
        Some(path) => format!("in `{path}`: `{name}` has no text"),
        None => format!("`{name}` has no text"),
    };
    Some(
        Problem::new(start..start + name.len(), message).hint(format!(
            "write the text after the colon, like {name}: \"…\"; `null`, `~`, `\"\"` and \
             nothing at all each mean no text"
        )),
    )
}

/// A field written without a space after its colon, `title:"What happened"`, which YAML reads as
/// text rather than a field. Returns the byte range of the field's name and colon in `line`.
pub(crate) fn colon_without_space(line: &str) -> Option<std::ops::Range<usize>> {
    let content = line.trim_start();
    let content = content.strip_prefix("- ").unwrap_or(content);
    let start = line.len() - content.len();
    let colon = content.find(':')?;
    let key = &content[..colon];
    let next = content[colon + 1..].chars().next()?;
    let named = key.len() > 1 && key.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    let address = matches!(key, "http" | "https" | "mailto" | "tel") || next == '/';
    (named && !address && !next.is_whitespace() && next != ':').then_some(start..start + colon + 1)
}

/// The first line of `yaml` with a field written without a space after its colon: the cause of
/// whatever libyaml or serde reported, which may be a line above it ("missing field") or below.
pub(super) fn missing_space(yaml: &str, base: usize) -> Option<Problem> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end();
        if let Some(key) = colon_without_space(content) {
            let name = &content[key.start..key.end - 1];
            let value = content[key.end..].trim();
            let at = base + offset + key.start;
            return Some(
                Problem::new(
                    at..at + key.len(),
                    format!("no space after the colon of `{name}`"),
                )
                .hint(format!(
                    "YAML reads a field only when a space follows its colon: write {name}: {value}"
                )),
            );
        }
        offset += line.len();
    }
    None
}

/// A field given twice in one item. serde_yaml reports it at the start of the item; this finds the
/// second time the field is given, and the line of the first.
pub(super) fn given_twice(text: &str, offset: usize, field: &str) -> Option<Problem> {
    let mut given = item_fields(text, offset)
        .filter(|(_, name, _)| name.trim_end() == field)
        .map(|(start, _, _)| start);
    let first = given.next()?;
    let second = given.next()?;
    let first_line = text[..first].matches('\n').count() + 1;
    Some(
        Problem::new(
            second..second + field.len(),
            format!("`{field}` is given twice"),
        )
        .hint(format!(
            "`{field}` is also on line {first_line}: keep the one you mean and delete the other"
        )),
    )
}

/// Whether the text after a key's colon is no text: nothing, `null`, `~`, or blank quotes.
fn is_empty_value(value: &str) -> bool {
    let value = match value.find(" #") {
        Some(comment) => &value[..comment],
        None => value,
    };
    let value = value.trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    match unquoted {
        Some(inner) => inner.trim().is_empty(),
        None => matches!(value, "" | "~" | "null" | "Null" | "NULL"),
    }
}

/// Characters that look like a space, or like nothing, and come with text pasted from a word processor
/// or a web page: in a field's name or between it and its value, YAML reads them as text.
const INVISIBLE: [(char, &str); 7] = [
    ('\u{a0}', "a non-breaking space"),
    ('\u{202f}', "a narrow non-breaking space"),
    ('\u{2007}', "a figure space"),
    ('\u{200b}', "a zero-width space"),
    ('\u{200c}', "a zero-width non-joiner"),
    ('\u{2060}', "a word joiner"),
    ('\u{feff}', "a zero-width no-break space"),
];

/// The first invisible character in the syntax of the lines up to the one the parser stopped at (the
/// indentation, a field's name, the space after its colon), where it makes a field unknown or the
/// front matter unreadable. Inside a value it is text like any other, and not reported.
pub(super) fn invisible_in_syntax(yaml: &str, error_at: usize, base: usize) -> Option<Problem> {
    let last_line_end = yaml[error_at..]
        .find('\n')
        .map_or(yaml.len(), |i| error_at + i);
    let mut offset = 0;
    for line in yaml[..last_line_end].split_inclusive('\n') {
        // The syntax of a line: up to its first `: ` (or `:` and the end), and the spaces after.
        let colon = line.find(':').unwrap_or(line.len());
        let after = line[colon..]
            .char_indices()
            .skip(1)
            .find(|(_, c)| !c.is_whitespace())
            .map_or(line.len(), |(i, _)| colon + i);
        let syntax = &line[..after.min(line.len())];
        if !syntax.trim_start().starts_with('#')
            && let Some((i, (_, name))) = syntax.char_indices().find_map(|(i, c)| {
                INVISIBLE
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map(|found| (i, found))
            })
        {
            let at = base + offset + i;
            let width = syntax[i..].chars().next().map_or(1, char::len_utf8);
            return Some(
                Problem::new(at..at + width, format!("{name} in the front matter")).hint(
                    "it comes with text pasted from a word processor or a web page, and YAML reads it \
                     as a letter: delete it, and type an ordinary space where one belongs",
                ),
            );
        }
        offset += line.len();
    }
    None
}

/// A quoted value that is never closed. libyaml reads on to the end of the front matter and reports
/// the problem there, with the place the quote opened as its context: point at that place instead.
pub(super) fn unclosed_quote(raw: &str, yaml: &str, base: usize) -> Option<Problem> {
    let (_, context) = raw.split_once(", while scanning a quoted scalar at line ")?;
    let (line, column) = context.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let at = mark_to_byte(yaml, line.checked_sub(1)?, column.checked_sub(1)?);
    let quote = yaml[at..].chars().next()?;
    let at = base + at;
    Some(
        Problem::new(at..at + quote.len_utf8(), "this quote is not closed").hint(quote_hint(quote)),
    )
}

/// A quoted value left open on its line and closed by a quote on a later one: YAML reads everything
/// between as the value, and the parser stops further down, where nothing is wrong. Only called when
/// the front matter cannot be read; the first value whose quote opens and does not close on its own
/// line, at or before the line the parser stopped at, is the mistake. Block scalars (`>-`, `|`) are
/// text and skipped.
pub(super) fn quote_left_open(yaml: &str, error_at: usize, base: usize) -> Option<Problem> {
    let last = yaml[error_at.min(yaml.len())..]
        .find('\n')
        .map_or(yaml.len(), |i| error_at + i);
    let mut offset = 0;
    let mut block_above: Option<usize> = None;
    for line in yaml[..last].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start().len();
        if let Some(block) = block_above {
            if content.trim().is_empty() || indent > block {
                continue;
            }
            block_above = None;
        }
        if content.trim_start().starts_with('#') {
            continue;
        }
        let Some(value_at) = value_start(content) else {
            continue;
        };
        let value = &content[value_at..];
        if value.starts_with(['>', '|']) {
            block_above = Some(indent);
            continue;
        }
        let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        if !closes(&value[1..], quote) {
            let at = base + start + value_at;
            return Some(
                Problem::new(at..at + 1, "this quote is not closed").hint(quote_hint(quote)),
            );
        }
    }
    None
}

/// Where the value of a line of front matter starts: after `key: `, after `- `, or both.
fn value_start(line: &str) -> Option<usize> {
    let mut at = line.len() - line.trim_start().len();
    while line[at..].starts_with("- ") {
        at += 2;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    if !line[at..].starts_with(['"', '\'']) {
        // `key:value` is a mistake of its own, told elsewhere.
        if colon_without_space(&line[at..]).is_some() {
            return None;
        }
        let colon = at + line[at..].find(": ")? + 1;
        at = colon + (line[colon..].len() - line[colon..].trim_start().len());
    }
    (at < line.len()).then_some(at)
}

/// Whether a value that opened with `quote` closes on this line (`\"` and `''` are not closes).
fn closes(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => {
                if quote == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn quote_hint(quote: char) -> &'static str {
    if quote == '\'' {
        "end the value with a ' on the same line, like title: 'The deal'; an apostrophe inside \
         single quotes is written twice: 'Iraq''s election'"
    } else {
        "end the value with a \" on the same line, like title: \"The deal\"; a quote mark inside \
         the value is written \\\" (or use curly quotes “ ”)"
    }
}

/// The byte offset in `yaml` of a libyaml mark: a 0-based line and a 0-based column counted in
/// characters, with lines broken as libyaml breaks them (LF, CR, CRLF, NEL, U+2028, U+2029).
fn mark_to_byte(yaml: &str, line: usize, column: usize) -> usize {
    let (mut at_line, mut at_column) = (0, 0);
    let mut chars = yaml.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if at_line == line && at_column == column {
            return i;
        }
        match c {
            '\r' if chars.peek().is_some_and(|(_, next)| *next == '\n') => {}
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                at_line += 1;
                at_column = 0;
            }
            _ => at_column += 1,
        }
    }
    yaml.len()
}

/// A field indented more than the one above it (`url:` under `- name: …`, two spaces too far):
/// libyaml reads it as part of the value above and says a colon is not allowed there, which sends
/// editors looking for a colon to quote. `line` is the line the parser stopped on.
pub(super) fn over_indented(
    text: &str,
    yaml_start: usize,
    line: std::ops::Range<usize>,
) -> Option<Problem> {
    let here = &text[line.clone()];
    let indent = here.len() - here.trim_start().len();
    let key = here.trim_start().split_once(':')?.0;
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let above = text[yaml_start..line.start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let above_indent = above.len() - above.trim_start().len();
    let above_item = above.trim_start();
    let (column, entry) = match above_item.strip_prefix("- ") {
        Some(rest) => (above_indent + 2, rest),
        None => (above_indent, above_item),
    };
    let (above_key, value) = entry.split_once(':')?;
    // The line above holds a value of its own (not a group of fields below it), and this line starts
    // further right than its key.
    if value.trim().is_empty() || indent <= column {
        return None;
    }
    let at = line.start + indent;
    Some(
        Problem::new(
            at..at + key.len(),
            "this line is indented more than the field above it",
        )
        .hint(format!(
            "YAML reads `{key}:` as part of the value of `{above_key}:`; start it in the same \
                 column as `{above_key}:`"
        )),
    )
}

#[cfg(test)]
mod quote_tests {
    use super::*;

    fn left_open(yaml: &str) -> Option<usize> {
        quote_left_open(yaml, yaml.len(), 0).map(|p| p.range.start)
    }

    #[test]
    fn the_first_quote_not_closed_on_its_line_is_found() {
        let yaml = "title: \"Biden’s — deal\nweight: 10\nquotes:\n  - text: \"We’re out.\"\n";
        assert_eq!(left_open(yaml), Some(7));
        assert_eq!(left_open("- 'l''accord\n- 'x'\n"), Some(2));
        assert_eq!(left_open("  - text: \"say \\\"no\n"), Some(10));
    }

    #[test]
    fn closed_quotes_block_text_and_plain_values_are_left_alone() {
        for yaml in [
            "title: \"Biden’s deal\"\nweight: 10\n",
            "title: 'Iraq''s election'\n",
            "title: He said \"no\n",
            "text: >-\n  \"a quote that goes on\n  to the next line\"\nweight: 1\n",
            "# title: \"commented\n",
            "url: \"https://example.org/a\"\n",
        ] {
            assert_eq!(left_open(yaml), None, "{yaml}");
        }
    }
}
