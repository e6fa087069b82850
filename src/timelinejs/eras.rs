//! A sheet's eras: matched to the timeline's own (by id, dates or name), added to its section file
//! when new, and the era each event falls in, found by its date.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::model::SectionMeta;
use crate::content::{TIMELINE_DIR, front_matter};
use crate::dates::PartialDate;
use crate::diagnostics::Diagnostic;
use crate::scaffold::{front_matter_start, yaml_string};

use super::import::{Imported, slug_of};
use super::row::Entry;

/// An era row's id: its `Id`; else the id of the timeline's era with the same dates; else its
/// name's slug.
pub(super) fn era_id(
    era: &Entry,
    existing: &[(String, PartialDate, PartialDate, String)],
) -> String {
    if !era.id.is_empty() {
        return era.id.clone();
    }
    existing
        .iter()
        .find(|(_, start, end, title)| {
            *title == era.headline || (Some(*start) == era.date && Some(*end) == era.end_date)
        })
        .map_or_else(|| slug_of(&era.headline), |(id, ..)| id.clone())
}

/// The eras the timeline has: id, start, end and title.
pub(super) fn existing_eras(root: &Path) -> Vec<(String, PartialDate, PartialDate, String)> {
    let path = root
        .join("content")
        .join(TIMELINE_DIR)
        .join(crate::content::INDEX_FILE);
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(split) = front_matter::split(&text) else {
        return Vec::new();
    };
    let meta: Result<SectionMeta, _> = front_matter::parse(&text, &split);
    meta.map(|m| {
        m.eras
            .into_iter()
            .map(|e| (e.id, e.start, e.end, e.title))
            .collect()
    })
    .unwrap_or_default()
}

/// The one era among `eras` whose dates hold the event's, if exactly one does.
pub(super) fn era_of(entry: &Entry, eras: &[(String, PartialDate, PartialDate)]) -> Option<String> {
    let date = entry.date?;
    let mut holding = eras.iter().filter(|(_, start, end)| {
        start.earliest() <= date.earliest() && date.latest() <= end.latest()
    });
    match (holding.next(), holding.next()) {
        (Some((id, _, _)), None) => Some(id.clone()),
        _ => None,
    }
}

/// Adds the sheet's eras that the timeline does not have yet (by id) to its section file, after
/// the eras it has; creates the file when there is none.
pub(super) fn add_eras(root: &Path, eras: &[Entry], imported: &mut Imported) {
    let path = Path::new("content")
        .join(TIMELINE_DIR)
        .join(crate::content::INDEX_FILE);
    let full = root.join(&path);
    let existing = std::fs::read_to_string(&full).ok();
    let known: BTreeMap<String, ()> = existing
        .as_deref()
        .and_then(|text| {
            let split = front_matter::split(text).ok()?;
            let meta: SectionMeta = front_matter::parse(text, &split).ok()?;
            Some(meta.eras.into_iter().map(|e| (e.id, ())).collect())
        })
        .unwrap_or_default();
    let mut block = String::new();
    for era in eras {
        let id = era.id.clone();
        if known.contains_key(&id) {
            continue;
        }
        let date = |d: Option<crate::dates::PartialDate>| d.map(|d| d.iso()).unwrap_or_default();
        block.push_str(&format!(
            "  - id: {id}\n    title: {}\n    start: {}\n    end: {}\n",
            yaml_string(&era.headline),
            date(era.date),
            date(era.end_date)
        ));
        imported.eras.push(id);
    }
    if block.is_empty() {
        return;
    }
    let text = match existing {
        Some(text) => with_eras(&text, &block),
        None => format!(
            "{}title: Timeline\nweight: 40\neras:\n{block}---\n",
            front_matter_start(&Path::new(TIMELINE_DIR).join(crate::content::INDEX_FILE))
        ),
    };
    if let Err(e) = std::fs::write(&full, text) {
        imported.diagnostics.push(Diagnostic::error(
            &path,
            format!("cannot write this file: {e}"),
        ));
    }
}

/// `text` with `block` (era items) added at the end of its `eras:` list, or as a new list at the
/// end of its front matter.
fn with_eras(text: &str, block: &str) -> String {
    let Ok(split) = front_matter::split(text) else {
        return text.to_string();
    };
    let yaml = &text[split.yaml.clone()];
    let at = match yaml
        .find("\neras:")
        .map(|i| i + 1)
        .or_else(|| yaml.starts_with("eras:").then_some(0))
    {
        Some(start) => {
            // The list runs while lines are indented or are list items.
            let mut end = yaml[start..]
                .find('\n')
                .map_or(yaml.len(), |i| start + i + 1);
            while end < yaml.len() {
                let line_end = yaml[end..].find('\n').map_or(yaml.len(), |i| end + i + 1);
                let line = &yaml[end..line_end];
                if !(line.starts_with(' ') || line.starts_with('-') || line.trim().is_empty()) {
                    break;
                }
                end = line_end;
            }
            split.yaml.start + end
        }
        None => {
            let end = split.yaml.end;
            return format!("{}eras:\n{block}{}", &text[..end], &text[end..]);
        }
    };
    format!("{}{block}{}", &text[..at], &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_go_at_the_end_of_the_list() {
        let text = "---\ntitle: Timeline\neras:\n  - id: a\n    title: A\n    start: 2003\n    end: 2011\nweight: 40\n---\nText\n";
        let out = with_eras(
            text,
            "  - id: b\n    title: B\n    start: 2014\n    end: 2017\n",
        );
        assert_eq!(
            out,
            "---\ntitle: Timeline\neras:\n  - id: a\n    title: A\n    start: 2003\n    end: 2011\n  - id: b\n    title: B\n    start: 2014\n    end: 2017\nweight: 40\n---\nText\n"
        );
        let none = with_eras("---\ntitle: T\nweight: 1\n---\n", "  - id: b\n");
        assert_eq!(none, "---\ntitle: T\nweight: 1\neras:\n  - id: b\n---\n");
    }
}
