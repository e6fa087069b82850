//! Text that was meant as Markdown but is not, and would be published as written: a list pasted
//! with `•` bullets, a link with a space between `]` and `(`, a citation written `[@a, @b]`,
//! `(@id)` or `[id]`. Each is found in the source of one run of text, outside code.

use std::ops::Range;

use super::Problem;
use super::citations::{Citations, closing_bracket, is_id_char, next_citation};

/// Characters word processors and phones put before list items, which Markdown does not read as a
/// list. Dashes count only when a tab follows, as in a list pasted from a word processor.
const BULLETS: [char; 6] = ['•', '◦', '▪', '●', '‣', '·'];
const DASHES: [char; 2] = ['–', '—'];

/// The slips in the run of text at `range` of `text` (a body, or a value from the front matter).
pub(super) fn slips(text: &str, range: Range<usize>, citations: &Citations) -> Vec<Problem> {
    let run = &text[range.clone()];
    let mut problems = Vec::new();
    if let Some(problem) = bullet(&text[..range.start], run) {
        problems.push(problem);
    }
    if run.contains('[') || run.contains("(@") {
        citation_slips(run, citations, &mut problems);
        link_slips(run, &mut problems);
    }
    for problem in &mut problems {
        problem.range = problem.range.start + range.start..problem.range.end + range.start;
    }
    problems
}

/// A bullet at the start of `run`, when only spaces come before it on its line: reported on the
/// first line of a list only, not again on each of its lines.
fn bullet(before: &str, run: &str) -> Option<Problem> {
    let mut chars = run.chars();
    let first = chars.next()?;
    let after = chars.next()?;
    let is_bullet = (BULLETS.contains(&first) && after.is_whitespace())
        || (DASHES.contains(&first) && after == '\t');
    if !is_bullet {
        return None;
    }
    let (earlier, line) = before.rsplit_once('\n').unwrap_or(("", before));
    if !line.trim().is_empty() {
        return None;
    }
    let previous_line = earlier.rsplit('\n').next().unwrap_or_default();
    if previous_line.trim_start().starts_with(first) {
        return None;
    }
    Some(
        Problem::new(
            0..first.len_utf8(),
            format!("a list item that starts with `{first}`"),
        )
        .hint(format!(
            "Markdown makes a list only of lines that start with `- `: replace `{first}` with `-` on each line of the list, after an empty line"
        )),
    )
}

/// Citations written in a way [`next_citation`] does not read, so published as they are.
fn citation_slips(run: &str, citations: &Citations, problems: &mut Vec<Problem>) {
    for (at, _) in run.match_indices("[@") {
        let Some(len) = closing_bracket(&run[at..]) else {
            continue;
        };
        let written = &run[at..at + len + 1];
        let range = at..at + written.len();
        let parts: Vec<&str> = written[1..written.len() - 1].split(',').collect();
        let commas = parts.len() > 1 && parts.iter().all(|p| p.trim().starts_with('@'));
        if !commas && next_citation(written).is_some() {
            continue;
        }
        let problem = if commas {
            let fixed = parts
                .iter()
                .map(|p| p.trim())
                .collect::<Vec<_>>()
                .join("; ");
            Problem::new(range, "sources in one citation are separated by commas")
                .hint(format!("separate them with semicolons: [{fixed}]"))
        } else {
            Problem::new(range, format!("the citation `{written}` cannot be read"))
                .hint("write a citation as [@source-id], or [@one; @two] for several, with no space after `@`")
        };
        problems.push(problem);
    }
    // `(@id)` and `[id]` are citations only when `id` is a source's: anything else is ordinary text.
    for (open, close) in [('(', ')'), ('[', ']')] {
        for (at, _) in run.match_indices(open) {
            let inner_start = at + 1;
            let at_sign = run[inner_start..].starts_with('@');
            if open == '(' && !at_sign || open == '[' && at_sign {
                continue;
            }
            let id_start = inner_start + usize::from(at_sign);
            // An id runs to the first character no id has, which must be the closing bracket.
            let len = run[id_start..]
                .find(|c: char| !is_id_char(c))
                .unwrap_or(run.len() - id_start);
            if !run[id_start + len..].starts_with(close) {
                continue;
            }
            let id = &run[id_start..id_start + len];
            let end = id_start + len + 1;
            // `[id](…)`, `[id][…]` and `[id]:` are links, whatever their words.
            let link = open == '[' && matches!(run[end..].chars().next(), Some('(' | '[' | ':'));
            if citations.number(id).is_none() || link {
                continue;
            }
            let written = &run[at..end];
            problems.push(
                Problem::new(
                    at..end,
                    format!("`{written}` names a source but is not a citation"),
                )
                .hint(format!(
                    "write a citation in square brackets with `@`: [@{id}]"
                )),
            );
        }
    }
}

/// `[words] (address)`: the space makes it text, not a link.
fn link_slips(run: &str, problems: &mut Vec<Problem>) {
    for (at, _) in run.match_indices("] (") {
        let address = &run[at + 3..];
        let looks_like_address = ["http://", "https://", "www.", "#", "mailto:"]
            .iter()
            .any(|start| address.starts_with(start));
        if looks_like_address && run[..at].contains('[') {
            let range: Range<usize> = at..at + 3;
            problems.push(
                Problem::new(range, "a space between `]` and `(`, so this is not a link")
                    .hint("remove the space: [the words](https://the-address)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is found in `run`, written after `before`: each slip's text and message.
    fn found_after(before: &str, run: &str) -> Vec<(String, String)> {
        let citations = Citations::new(["wire-one", "wire-two"]);
        let text = format!("{before}{run}");
        slips(&text, before.len()..text.len(), &citations)
            .into_iter()
            .map(|p| (text[p.range].to_string(), p.message))
            .collect()
    }

    fn found(run: &str) -> Vec<(String, String)> {
        found_after("Text.\n\n", run)
    }

    #[test]
    fn pasted_bullets_at_the_start_of_a_line() {
        assert_eq!(
            found("• First thing"),
            [("•".into(), "a list item that starts with `•`".into())]
        );
        assert_eq!(found_after("  ", "–\tFrom Word").len(), 1);
        // The next items of the same list are not reported again.
        assert!(found_after("• First thing\n", "• Second thing").is_empty());
        // A dash that starts a line of speech, or a bullet inside a line, is text.
        assert!(found("— said the minister").is_empty());
        assert!(found_after("A list: ", "• First thing").is_empty());
    }

    #[test]
    fn citations_that_cannot_be_read() {
        assert_eq!(
            found("It happened [@wire-one, @wire-two]."),
            [(
                "[@wire-one, @wire-two]".into(),
                "sources in one citation are separated by commas".into()
            )]
        );
        assert_eq!(found("As said [@ wire-one].").len(), 1);
        assert!(found("As said [@wire-one; @wire-two].").is_empty());
    }

    #[test]
    fn a_source_id_without_its_at_sign_or_in_round_brackets() {
        assert_eq!(
            found("It happened (@wire-one) and [wire-two] – “déjà”."),
            [
                (
                    "(@wire-one)".into(),
                    "`(@wire-one)` names a source but is not a citation".into()
                ),
                (
                    "[wire-two]".into(),
                    "`[wire-two]` names a source but is not a citation".into()
                )
            ]
        );
        // Words in brackets that are not a source's id, and links, are left alone.
        assert!(found("the [sic] word (@someone) [wire-one](https://x.org)").is_empty());
    }

    #[test]
    fn a_space_inside_a_link() {
        assert_eq!(
            found("See [the report] (https://example.org)."),
            [(
                "] (".into(),
                "a space between `]` and `(`, so this is not a link".into()
            )]
        );
        assert!(found("the [sic] (as written) word").is_empty());
    }
}
