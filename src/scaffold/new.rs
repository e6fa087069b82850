//! `explainer new section` and `explainer new event`: one new content file, placed where the editor
//! would put it (after the last section of its kind, in the era its date falls in).

use std::path::Path;
use std::sync::Arc;

use super::{Created, PLACEHOLDER, front_matter_start, one_line, slug, write_new, yaml_string};
use crate::content::model::SectionMeta;
use crate::content::{self, Document, Files, TIMELINE_DIR};
use crate::dates::PartialDate;
use crate::diagnostics::{Diagnostic, did_you_mean, display_path};
use crate::kinds;
use crate::render::Templates;

/// Gap between the weights of sections placed one after the other.
const WEIGHT_STEP: i64 = 10;

/// Writes `content/<slug>.md`, a section of `kind` placed after the last section of that kind.
pub fn new_section(
    root: &Path,
    title: &str,
    weight: Option<i64>,
    kind: &str,
) -> Result<Created, Box<Diagnostic>> {
    let title = one_line(title)?;
    if kinds::built_in(kind).is_some_and(|k| !k.scaffolded) {
        return Err(
            Diagnostic::error("--kind", format!("there is already a {kind}"))
                .hint("add timeline events with: explainer new event YYYY-MM-DD \"Title\"")
                .into(),
        );
    }
    if let Ok(templates) = Templates::load(root) {
        let known = templates.section_kinds();
        if !known.contains(&kind) {
            let hint = did_you_mean(kind, known.iter().copied())
                .unwrap_or_else(|| format!("the kinds are {}", known.join(", ")));
            return Err(
                Diagnostic::error("--kind", format!("there is no section kind `{kind}`"))
                    .hint(hint)
                    .into(),
            );
        }
    }
    let files = content::read(root, true);
    let path = Path::new("content").join(format!("{}.md", slug(title)?));
    let mut notes = Vec::new();
    let weight = match weight {
        Some(w) => {
            if let Some(other) = files.sections.iter().find(|s| s.meta.weight == w) {
                notes.push(format!(
                    "{} also has weight {w}; the two are ordered by file name",
                    display_path(&other.path)
                ));
            }
            w
        }
        None => {
            let (w, place) = next_weight(&files.sections, kind);
            notes.push(format!("weight {w}: {place}"));
            w
        }
    };
    let mut text = front_matter_start(&path);
    text.push_str(&format!(
        "title: {}\nweight: {weight}\n",
        yaml_string(title)
    ));
    if kind != kinds::PROSE {
        text.push_str(&format!("kind: {kind}\n"));
    }
    for line in kinds::example(kind) {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str("---\n");
    text.push_str(&format!(
        "{PLACEHOLDER} with the section's text. After each fact, cite its source by its id in \
         content/sources.md, like this: `[@source-id]`. Headings inside a section start at three \
         hashes: `### A heading`.\n"
    ));
    write_new(root, &path, &text)?;
    Ok(Created { path, notes })
}

/// The weight that puts a new section right after the last section of `kind`, and where that is.
fn next_weight(sections: &[Arc<Document<SectionMeta>>], kind: &str) -> (i64, String) {
    let name =
        |s: &Document<SectionMeta>| format!("\u{201c}{}\u{201d} ({})", s.meta.title, s.meta.weight);
    let last_of_kind = sections
        .iter()
        .map(|s| &**s)
        .filter(|s| s.kind() == kind)
        .max_by_key(|s| s.meta.weight);
    let last = sections.iter().map(|s| &**s).max_by_key(|s| s.meta.weight);
    let at_end = |last: Option<&Document<SectionMeta>>| match last {
        Some(l) => (
            l.meta.weight + WEIGHT_STEP,
            format!("at the end, after {}", name(l)),
        ),
        None => (WEIGHT_STEP, "the first section".to_string()),
    };
    let Some(after) = last_of_kind else {
        return at_end(last);
    };
    let next = sections
        .iter()
        .filter(|s| s.meta.weight > after.meta.weight)
        .min_by_key(|s| s.meta.weight);
    match next {
        None => at_end(Some(after)),
        Some(next) if next.meta.weight - after.meta.weight >= 2 => (
            after.meta.weight + (next.meta.weight - after.meta.weight) / 2,
            format!("after {}, before {}", name(after), name(next)),
        ),
        Some(_) => {
            let (w, _) = at_end(last);
            (
                w,
                format!(
                    "there is no free weight right after {}, so the section goes at the end; change `weight:` to move it",
                    name(after)
                ),
            )
        }
    }
}

/// Writes `content/timeline/<date>-<slug>.md`, one timeline event.
pub fn new_event(
    root: &Path,
    date: &str,
    title: &str,
    sources: &[String],
    era: Option<&str>,
) -> Result<Created, Box<Diagnostic>> {
    let title = one_line(title)?;
    let date = PartialDate::parse(date).map_err(|e| {
        Diagnostic::error("DATE", format!("invalid date: {e}"))
            .hint("write it as YYYY, YYYY-MM or YYYY-MM-DD, for example 2021-07-26")
    })?;
    let files = content::read(root, true);
    let path =
        Path::new("content")
            .join(TIMELINE_DIR)
            .join(format!("{}-{}.md", date.iso(), slug(title)?));
    let mut notes = Vec::new();

    check_sources(&files, sources)?;
    let era = choose_era(&files, date, era, &mut notes)?;

    let mut text = front_matter_start(&path);
    text.push_str(&format!(
        "date: {}\ntitle: {}\n",
        date.iso(),
        yaml_string(title)
    ));
    if let Some(era) = &era {
        text.push_str(&format!("era: {era}\n"));
    }
    if sources.is_empty() {
        text.push_str("# Add the id of at least one source from content/sources.md: [id1, id2]\n");
        notes.push(
            "add at least one source id to `sources:` (explainer check will remind you)".into(),
        );
    }
    text.push_str(&format!("sources: [{}]\n---\n", sources.join(", ")));
    let cite = sources.first().map_or("source-id", String::as_str);
    text.push_str(&format!(
        "{PLACEHOLDER} with one to three sentences on what happened, each fact followed by its \
         source, like this: `[@{cite}]`.\n"
    ));
    write_new(root, &path, &text)?;
    Ok(Created { path, notes })
}

/// Every `--source` must be the id of a source in the sources list, when that list can be read.
fn check_sources(files: &Files, sources: &[String]) -> Result<(), Box<Diagnostic>> {
    let known: Vec<&str> = files
        .sections
        .iter()
        .flat_map(|s| s.meta.sources.iter().map(|src| src.id.as_str()))
        .collect();
    // With the sources list unreadable, the ids cannot be checked here; `check` will.
    if known.is_empty() && !files.all_parsed() {
        return Ok(());
    }
    match sources.iter().find(|id| !known.contains(&id.as_str())) {
        None => Ok(()),
        Some(id) => {
            let hint = did_you_mean(id, known.iter().copied()).unwrap_or_else(|| {
                "use the `id` of a source in content/sources.md, or add the source there first"
                    .into()
            });
            Err(
                Diagnostic::error("--source", format!("unknown source `{id}`"))
                    .hint(hint)
                    .into(),
            )
        }
    }
}

/// The era the new event goes in: the one asked for (which must exist), else the one whose dates
/// hold the event's date, if any.
fn choose_era(
    files: &Files,
    date: PartialDate,
    asked: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Option<String>, Box<Diagnostic>> {
    let eras = files
        .sections
        .iter()
        .find(|s| s.is_timeline())
        .map(|t| &t.meta.eras[..])
        .unwrap_or_default();
    if let Some(id) = asked {
        if eras.iter().any(|e| e.id == id) {
            return Ok(Some(id.to_string()));
        }
        let ids = eras.iter().map(|e| e.id.as_str());
        let hint = did_you_mean(id, ids.clone()).unwrap_or_else(|| {
            if eras.is_empty() {
                "the timeline has no eras: define them in content/timeline/_index.md".into()
            } else {
                format!("the eras are {}", ids.collect::<Vec<_>>().join(", "))
            }
        });
        return Err(Diagnostic::error("--era", format!("unknown era `{id}`"))
            .hint(hint)
            .into());
    }
    let holding = eras
        .iter()
        .find(|e| date.earliest() >= e.start.earliest() && date.earliest() <= e.end.latest());
    if let Some(e) = holding {
        notes.push(format!("era `{}` ({}), from its dates", e.id, e.title));
    }
    Ok(holding.map(|e| e.id.clone()))
}
