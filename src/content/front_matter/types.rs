//! serde's "invalid type" errors in an editor's words: what kind of value a field takes and what
//! was written instead ("`weight` should be a whole number, not the text \"1,000\""), with the fix
//! for the slips that cause most of them (separators, quotes, yes for true).

/// serde's "invalid type: string \"ten\", expected i64" for `path`, in plain words.
pub(super) fn invalid_type(
    path: Option<&str>,
    detail: &str,
    rest: &str,
) -> (String, Option<String>) {
    let (got, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another kind of value"));
    let field = path.map_or_else(|| "this field".to_string(), |p| format!("`{p}`"));
    let message = format!(
        "{field} should be {}, not {}",
        plain_kind(expected),
        plain_kind(got)
    );
    let written = got.trim_start_matches("string ").trim_matches('"');
    let digits: String = written
        .chars()
        .filter(|c| !matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let separated = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    if separated && (expected.contains("i64") || expected.contains("integer")) {
        let hint = if digits == written {
            format!("write the number without quotes: {digits}")
        } else {
            format!("write the number without separators: {digits}")
        };
        return (message, Some(hint));
    }
    if detail.contains("expected a boolean") && got.starts_with("string ") {
        let yes = ["yes", "y", "on", "true"].contains(&written.to_lowercase().as_str());
        let no = ["no", "n", "off", "false"].contains(&written.to_lowercase().as_str());
        if yes || no {
            let field = path.unwrap_or("field");
            return (
                message,
                Some(format!(
                    "YAML reads only `true` and `false` as yes and no, without quotes: write {field}: {}",
                    if yes { "true" } else { "false" }
                )),
            );
        }
    }
    let hint = if expected.contains("i64") || expected.contains("integer") {
        "this must be a whole number without quotes, like 20"
    } else if detail.contains("expected a sequence") {
        "this must be a list: put each item on its own line, starting with `- `"
    } else if detail.contains("expected a boolean") {
        "this must be true or false"
    } else if detail.contains("expected a string") {
        "this must be text; put it in double quotes"
    } else {
        "check the kind of value this field takes in docs/content-model.md"
    };
    (message, Some(hint.into()))
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
