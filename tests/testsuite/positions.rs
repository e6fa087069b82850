//! Property tests of error positions (issue 13, 1): whatever UTF-8 text comes before a mistake, with
//! LF or CRLF endings and with or without a byte-order mark, the reported line and column are those of
//! the mistake. Columns count grapheme clusters, what a reader sees.

use explainer::content::front_matter;
use explainer::content::model::SectionMeta;
use explainer::diagnostics::{Diagnostic, Location};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Characters YAML allows in text (its printable set), but no line breaks and no byte-order mark;
/// weighted towards what editors paste: Arabic with vowel marks, curly quotes, dashes, the euro,
/// non-breaking and zero-width spaces, combining accents, CJK, a flag.
fn text_char() -> impl Strategy<Value = char> {
    let printable = any::<char>().prop_filter("YAML-printable, not a break", |c| {
        matches!(*c as u32, 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfffd | 0x10000..=0x10ffff)
            && !matches!(*c, '\u{2028}' | '\u{2029}' | '\u{feff}')
    });
    prop_oneof![
        3 => prop::sample::select(vec![
            'a', 'Z', ' ', '€', '—', '–', '“', '”', '‘', '’', '\u{a0}', '\u{200b}', 'ب', 'َ', 'غ',
            'ّ', 'ة', '中', '文', 'é', '\u{301}', '🇮', '🇶', '#', ':', '-', '[', '{',
        ]),
        1 => printable,
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), 0..40).prop_map(|chars| chars.into_iter().collect())
}

/// A YAML double-quoted string holding `text`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The position `explainer` reports for the front matter of a section file.
fn reported(file: &str) -> Location {
    let split = front_matter::split(file).expect("the front matter splits");
    let problem = front_matter::parse::<SectionMeta>(file, &split).expect_err("a planted mistake");
    Diagnostic::from_problem("content/a.md", file, 0, problem)
        .location
        .expect("a position")
}

/// The file made of `lines`, with the chosen line ending and byte-order mark.
fn file(lines: &[String], crlf: bool, bom: bool) -> String {
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut text = String::from(if bom { "\u{feff}---" } else { "---" });
    for line in lines {
        text.push_str(nl);
        text.push_str(line);
    }
    text.push_str(nl);
    text.push_str("---");
    text.push_str(nl);
    text.push_str("Body.");
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn an_unknown_key_is_reported_at_its_line(
        comments in prop::collection::vec(text(), 0..8),
        title in text(),
        at in any::<prop::sample::Index>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut lines: Vec<String> = comments.iter().map(|c| format!("# {c}")).collect();
        // Text that is not blank: a blank title is a mistake of its own.
        lines.push(format!("title: {}", quoted(&format!("T{title}"))));
        lines.push("weight: 3".to_string());
        let planted = at.index(lines.len() + 1);
        lines.insert(planted, "wieght: 1".to_string());
        let location = reported(&file(&lines, crlf, bom));
        // Line 1 is the opening `---`.
        prop_assert_eq!(location.line, planted + 2);
        prop_assert_eq!(location.column, 1);
        prop_assert_eq!(&location.line_text[location.span.clone()], "wieght");
    }

    #[test]
    fn an_unknown_key_after_any_text_on_its_line_is_reported_at_its_column(
        before in text(),
        comments in prop::collection::vec(text(), 0..4),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let quote_start = "quotes: [{text: ";
        let line = format!("{quote_start}{}, wieght: 1}}]", quoted(&format!("T{before}")));
        let mut lines: Vec<String> = comments.iter().map(|c| format!("# {c}")).collect();
        lines.push("title: A".to_string());
        lines.push("weight: 3".to_string());
        lines.push(line.clone());
        let location = reported(&file(&lines, crlf, bom));
        let prefix = &line[..line.find(", wieght").unwrap() + 2];
        prop_assert_eq!(location.line, lines.len() + 1);
        prop_assert_eq!(location.column, prefix.graphemes(true).count() + 1);
        prop_assert_eq!(&location.line_text[location.span.clone()], "wieght");
    }
}
