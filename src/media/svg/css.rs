//! CSS in a drawing, read as a browser reads it, to tell whether it fetches anything: a `<style>`,
//! a `style=` or any attribute that may hold `url(…)`.

/// Whether CSS (a stylesheet, a `style=` or any attribute that may hold `url(…)`) fetches nothing:
/// every `url(…)` points into the same file (`url(#shadow)`), and nothing is imported or loaded
/// another way. It is read as a browser reads it: XML's character references (`&#117;rl`) and
/// CSS's escapes (`@\69mport`, `u\72l(`) undone and comments taken out, so none can hide an
/// address.
pub(super) fn fetches_nothing(css: &str) -> bool {
    // Nothing fetches without a parenthesis (`url(`, `image-set(`) or an at-rule, and neither can
    // be hidden without an escape, a comment or a reference: most attributes (a path's `d`, a
    // colour, `translate(…)`) are told as they are, without being rewritten.
    if !css.bytes().any(|b| matches!(b, b'(' | b'@' | b'\\' | b'&')) {
        return true;
    }
    if !css.bytes().any(|b| matches!(b, b'\\' | b'&')) && !css.contains("/*") {
        return nothing_fetched_in(css);
    }
    let plain = css_as_read(&xml_references_undone(css));
    let compact: String = plain.chars().filter(|c| !c.is_whitespace()).collect();
    nothing_fetched_in(&compact)
}

/// The CSS functions that load something; `url()` may, unless it points into the same file.
const LOADING: [&str; 6] = [
    "image-set",
    "image",
    "cross-fade",
    "element",
    "src",
    "expression",
];

/// Whether CSS, as read, names nothing to fetch: every function before a `(` and every at-rule
/// after an `@` is looked at, in any case.
fn nothing_fetched_in(css: &str) -> bool {
    let bytes = css.as_bytes();
    let word_before = |at: usize| {
        let start = bytes[..at]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .map_or(0, |p| p + 1);
        &css[start..at]
    };
    let word_after = |at: usize| {
        let end = bytes[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .map_or(css.len(), |p| at + p);
        &css[at..end]
    };
    for (at, byte) in bytes.iter().enumerate() {
        match byte {
            b'(' => {
                let function = word_before(at).to_ascii_lowercase();
                if function == "url"
                    && !css[at + 1..]
                        .trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                        .starts_with('#')
                {
                    return false;
                }
                // `-webkit-image-set(` as well as `image-set(`.
                if LOADING.iter().any(|f| {
                    function == *f
                        || function
                            .strip_suffix(f)
                            .is_some_and(|prefix| prefix.ends_with('-'))
                }) {
                    return false;
                }
            }
            b'@' => {
                let rule = word_after(at + 1);
                if rule.eq_ignore_ascii_case("import") || rule.eq_ignore_ascii_case("namespace") {
                    return false;
                }
            }
            b'b' | b'B' => {
                let word = word_after(at);
                if word.eq_ignore_ascii_case("behavior") || word.eq_ignore_ascii_case("binding") {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// `&#117;`, `&#x75;` and the five named references as the characters they stand for (a text that
/// the XML parser handed on still written as references).
fn xml_references_undone(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// CSS as its tokenizer reads it: comments removed, and each escape (`\69 `, `\72`, `\:`) the
/// character it stands for.
fn css_as_read(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '\\' => {
                let mut hex = String::new();
                while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                    hex.extend(chars.next());
                }
                if hex.is_empty() {
                    match chars.next() {
                        Some('\n') | None => {}
                        Some(other) => out.push(other),
                    }
                } else {
                    if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                        chars.next();
                    }
                    let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::clean;

    fn cleaned(svg: &str) -> String {
        clean(svg.as_bytes()).expect("an SVG").text
    }

    #[test]
    fn css_that_fetches_is_dropped_however_it_is_hidden() {
        let hidden = [
            "<style><!--</style-->@import url(https://example.com/a.css);</style>",
            "<style>@\\69mport 'https://example.com/a.css';</style>",
            "<style>@font-face { font-family: x; src: u\\72l(https://example.com/f.woff) }</style>",
            "<style>.a { background: u/**/rl(https://example.com/p.png) }</style>",
            "<style>.a { background: &#117;rl(https://example.com/p.png) }</style>",
            "<style><![CDATA[.a { background: url(https://example.com/p.png) }]]></style>",
            "<style>.a { background: image-set('https://example.com/p.png' 1x) }</style>",
            "<style>.a { background: -WebKit-Image-Set('https://example.com/p.png' 1x) }</style>",
            "<style>.a { -moz-binding: u\\rl(https://example.com/x.xml) }</style>",
            "<style>@IMPORT 'https://example.com/a.css';</style>",
            "<rect width=\"1\" height=\"1\" style=\"fill: u\\72l(https://example.com/p.svg#x)\"/>",
            "<rect width=\"1\" height=\"1\" style=\"fill: u&#x72;l(https://example.com/p.svg#x)\"/>",
            "<rect width=\"1\" height=\"1\" fill=\"URL( 'https://example.com/p.svg#x')\"/>",
        ];
        for piece in hidden {
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">{piece}<circle r=\"1\"/></svg>"
            );
            let out = cleaned(&svg);
            assert!(!out.contains("example.com"), "{piece} became {out}");
            assert!(out.contains("<circle r=\"1\"/>"), "{out}");
        }
        // Rules that fetch nothing stay, with their escapes and a local url().
        let kept = cleaned(
            "<svg viewBox=\"0 0 1 1\"><style>.ar::before { content: \"\\2014\" } .b { fill: url(#g) }</style></svg>",
        );
        assert!(kept.contains(".b { fill: url(#g) }"), "{kept}");
    }
}
