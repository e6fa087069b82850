//! Front matter that YAML reads differently from how it looks, so that the page shows something the
//! editor did not mean, with no error: values wrapped in curly quotes (“…”), which YAML keeps as part
//! of the value where straight quotes would only mark it; and a list item or a field indented too
//! far, which YAML folds into the text above it (`- >- Six companies…` published inside the previous
//! key point). Both are warnings: a title may really be a quotation.

use super::Document;
use super::front_matter::colon_without_space;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Warns of each value in `doc`'s front matter that starts and ends with curly quotes, and of each
/// field written without a space after its colon, which YAML read as text of the value above.
pub(super) fn check<M>(doc: &Document<M>, out: &mut Diagnostics) {
    let yaml = &doc.text[doc.split.yaml.clone()];
    // Most front matter has no curly quotes: two fast searches spare a look for them on every line.
    let curly = yaml.contains('“') || yaml.contains('‘');
    let mut offset = doc.split.yaml.start;
    for line in yaml.split_inclusive('\n') {
        if let Some(key) = colon_without_space(line.trim_end()) {
            let name = &line[key.start..key.end - 1];
            out.push(
                Diagnostic::warning(
                    &doc.path,
                    format!("no space after the colon of `{name}`, so this line is not a field"),
                )
                .at(&doc.text, offset + key.start..offset + key.end)
                .hint(format!(
                    "YAML read it as more text of the value above; write {name}: with a space"
                )),
            );
        }
        if let Some(value) = curly.then(|| curly_quoted_value(line)).flatten() {
            let at = offset + value.start;
            out.push(
                Diagnostic::warning(
                    &doc.path,
                    "this value is wrapped in curly quotes, which are published as part of it",
                )
                .at(&doc.text, at..offset + value.end)
                .hint(
                    "if they were meant to mark the value, as straight quotes do in YAML, write \
                     straight ones (\"…\") or none; if the value is itself a quotation, keep them",
                ),
            );
        }
        offset += line.len();
    }
}

/// Warns of each text that holds a line starting like a list item or a field (`- `, `>-`, `key: `):
/// YAML took it as more text of the value above, because it was indented too far.
pub(super) fn check_swallowed<'a, M>(
    doc: &Document<M>,
    texts: impl IntoIterator<Item = &'a str>,
    out: &mut Diagnostics,
) {
    let yaml = &doc.text[doc.split.yaml.clone()];
    // The same line may be written twice: look for each after the one found before it, which is
    // where it is when the texts come in the order they are written.
    let mut after = 0;
    for text in texts {
        for line in text.lines().skip(1).map(str::trim) {
            if !looks_like_yaml(line) {
                continue;
            }
            let found = yaml[after..].find(line).map(|i| after + i);
            let Some(at) = found.or_else(|| yaml.find(line)) else {
                continue;
            };
            after = at + line.len();
            let at = doc.split.yaml.start + at;
            out.push(
                Diagnostic::warning(
                    &doc.path,
                    "this line is indented too far, so it became part of the text above it",
                )
                .at(&doc.text, at..at + line.len())
                .hint(
                    "line it up with the item or field it belongs beside (the same number of \
                     spaces), or it is published as part of the text above",
                ),
            );
        }
    }
}

/// Whether a line of a text starts like YAML that was meant as structure.
fn looks_like_yaml(line: &str) -> bool {
    let key = line.split_once(": ").map(|(k, _)| k);
    line.starts_with("- ")
        || line.starts_with(">-")
        || line.starts_with("|-")
        || key
            .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
}

/// The byte range in `line` of a value written `key: “…”` (or `- “…”` in a list).
fn curly_quoted_value(line: &str) -> Option<std::ops::Range<usize>> {
    let content = line.trim_end();
    if content.trim_start().starts_with('#') {
        return None;
    }
    let value_start = match content.find(": ") {
        Some(colon) => colon + 2,
        None => content.len() - content.trim_start().strip_prefix("- ")?.len(),
    };
    let value = content[value_start..].trim_start();
    let start = content.len() - value.len();
    let opens = value.starts_with(['“', '‘']);
    let closes = value.ends_with(['”', '’']) && value.chars().count() > 1;
    (opens && closes).then_some(start..content.len())
}

#[cfg(test)]
mod tests {
    use super::curly_quoted_value;

    #[test]
    fn finds_values_wrapped_in_curly_quotes() {
        let range = |line: &str| curly_quoted_value(line).map(|r| line[r].to_string());
        assert_eq!(
            range("title: “Six gatekeepers named”\n").as_deref(),
            Some("“Six gatekeepers named”")
        );
        assert_eq!(range("  - ‘A point’\r\n").as_deref(), Some("‘A point’"));
        assert_eq!(range("title: \"“Six” named\"\n"), None);
        assert_eq!(range("title: The “deal” is done\n"), None);
        assert_eq!(range("# “a comment”\n"), None);
        assert_eq!(range("# note: “a comment”\n"), None);
    }
}
