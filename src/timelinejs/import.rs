//! `explainer import timelinejs FILE`: each event row becomes a file in `content/timeline/`, each era
//! row an era in `content/timeline/_index.md`, and the title row a proposal for the page's headline
//! and standfirst (printed; the page file is not touched). A bad row is reported at its row and
//! column and skipped; the good rows are imported. A row that tells an event the explainer already
//! has (the same `Id`, else the same date and headline, case and punctuation aside) is matched to
//! that event's file, whatever its name: left alone when it says the same or differs, rewritten with
//! `--update`; never written a second time under another name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::{TIMELINE_DIR, front_matter};
use crate::dates::PartialDate;
use crate::diagnostics::Diagnostic;
use crate::scaffold::{front_matter_start, slug, yaml_string};

use super::eras::{add_eras, era_id, era_of, existing_eras};
use super::row::{self, Entry, Kind};
use super::{Column, Layout, Sheet};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Rewrite event files that exist (the sheet's version wins).
    pub update: bool,
    /// Fetch each linked picture, video or sound into `static/media/` and use the file.
    pub download_media: bool,
}

/// What an import did, and what it found.
#[derive(Debug, Default)]
pub struct Imported {
    /// Files written, relative to the root.
    pub written: Vec<PathBuf>,
    /// Files that exist and already say what the sheet says.
    pub unchanged: Vec<PathBuf>,
    /// Files that exist and differ, left alone (without `--update`).
    pub kept: Vec<PathBuf>,
    /// Eras added to the timeline's section file.
    pub eras: Vec<String>,
    /// The title row's headline and text (as Markdown), when the sheet has one.
    pub title: Option<(String, String)>,
    /// Every problem, errors (a row skipped) and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports `sheet` into the explainer at `root`.
pub fn import(root: &Path, sheet: &Sheet, options: &ImportOptions) -> Imported {
    let layout = Layout::of(&sheet.headers);
    let mut imported = Imported::default();
    column_warnings(sheet, &layout, &mut imported.diagnostics);

    let mut entries = Vec::new();
    for row in &sheet.rows {
        match row::read(sheet, &layout, row) {
            Ok(entry) => entries.push(entry),
            Err(problems) => imported.diagnostics.extend(problems),
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    let mut eras = Vec::new();
    for entry in entries {
        let key = match entry.kind {
            Kind::Title => {
                imported.title = Some((entry.headline.clone(), entry.text.clone()));
                continue;
            }
            Kind::Era => format!("era {}", era_id(&entry, &[])),
            Kind::Event => event_file_name(&entry),
        };
        let row = sheet.rows.iter().find(|r| r.number == entry.row);
        if let (Some(first), Some(row)) = (seen.get(&key), row) {
            let message = match entry.kind {
                Kind::Era => {
                    format!("this era has the same name as row {first}'s; the row is skipped")
                }
                _ => format!(
                    "this event is row {first}'s again (the same date and headline, or Id); the row is skipped"
                ),
            };
            imported.diagnostics.push(
                sheet
                    .row_problem(row, &message)
                    .hint("delete the repeated row, or give the two events different headlines"),
            );
            continue;
        }
        seen.insert(key, entry.row);
        match entry.kind {
            Kind::Era => eras.push(entry),
            _ => events.push(entry),
        }
    }
    source_warnings(sheet, &layout, &events, &mut imported.diagnostics);

    let existing = existing_eras(root);
    for era in &mut eras {
        era.id = era_id(era, &existing);
    }
    let sheet_eras: Vec<(String, PartialDate, PartialDate)> = eras
        .iter()
        .filter_map(|e| Some((e.id.clone(), e.date?, e.end_date?)))
        .collect();
    for entry in &mut events {
        let existing: Vec<_> = existing
            .iter()
            .map(|(id, start, end, _)| (id.clone(), *start, *end))
            .collect();
        entry.era = era_of(entry, &sheet_eras).or_else(|| era_of(entry, &existing));
    }
    if options.download_media {
        let mut named: Vec<(String, &mut Entry)> =
            events.iter_mut().map(|e| (event_file_name(e), e)).collect();
        super::download::download(root, sheet, &layout, &mut named, &mut imported.diagnostics);
    }
    let existing = ExistingEvents::read(root);
    for entry in &events {
        write_event(root, sheet, (entry, &existing), options, &mut imported);
    }
    if !eras.is_empty() {
        add_eras(root, &eras, &mut imported);
    }
    imported
}

/// Warnings about the sheet's columns: those explainer does not use, and a missing `Source`.
fn column_warnings(sheet: &Sheet, layout: &Layout, out: &mut Vec<Diagnostic>) {
    for (header, index) in &layout.unknown {
        let row = &sheet.headers;
        out.push(
            sheet
                .problem(
                    row,
                    *index,
                    "explainer does not know this column; it is not imported",
                )
                .as_warning()
                .hint(format!(
                    "the columns are {}",
                    Column::EXPORTED.map(Column::header).join(", ")
                )),
        );
        let _ = header;
    }
    if let Some(index) = layout.index(Column::Background)
        && sheet.rows.iter().any(|r| !r.cell(index).is_empty())
    {
        out.push(
            sheet
                .problem(
                    &sheet.headers,
                    index,
                    "an explainer keeps one look for every event: the backgrounds are not imported",
                )
                .as_warning(),
        );
    }
}

/// explainer's events cite their sources; TimelineJS's do not, so a sheet may say nothing of them.
fn source_warnings(sheet: &Sheet, layout: &Layout, events: &[Entry], out: &mut Vec<Diagnostic>) {
    let without: Vec<&Entry> = events.iter().filter(|e| e.sources.is_empty()).collect();
    if without.is_empty() {
        return;
    }
    if layout.index(Column::Source).is_none() {
        out.push(
            Diagnostic::warning(
                &sheet.path,
                format!(
                    "the sheet has no Source column, so none of its {} events cites a source",
                    without.len()
                ),
            )
            .hint("add a column headed Source with the ids of each event's sources (from content/sources.md), separated by commas; explainer's export writes it too"),
        );
        return;
    }
    for entry in without {
        if let Some(row) = sheet.rows.iter().find(|r| r.number == entry.row)
            && let Some(index) = layout.index(Column::Source)
        {
            out.push(
                sheet
                    .problem(row, index, "this event cites no source")
                    .as_warning()
                    .hint("write the ids of its sources (from content/sources.md), separated by commas"),
            );
        }
    }
}

pub(super) fn slug_of(headline: &str) -> String {
    slug(headline).unwrap_or_else(|_| "event".into())
}

/// The event's file name without `.md`: its `Id`, or its date and headline
/// (`2021-07-26-biden-and-al-kadhimi-agree`; `bce-0500-…` before the common era).
fn event_file_name(entry: &Entry) -> String {
    if !entry.id.is_empty() {
        return entry.id.clone();
    }
    let date = entry.date.map(|d| d.iso()).unwrap_or_default();
    let date = match date.strip_prefix('-') {
        Some(bce) => format!("bce-{bce}"),
        None => date,
    };
    format!("{date}-{}", slug_of(&entry.headline))
}

/// The text of an event's file.
pub(super) fn event_text(inner: &Path, entry: &Entry) -> String {
    let mut out = front_matter_start(inner);
    let mut field = |key: &str, value: &str| {
        if !value.is_empty() {
            out.push_str(&format!("{key}: {value}\n"));
        }
    };
    // Dates as editors write them, unquoted; times quoted, as YAML 1.1 tools would read 22:15 as
    // a number.
    let date = |d: Option<crate::dates::PartialDate>| d.map(|d| d.iso()).unwrap_or_default();
    let time =
        |t: Option<crate::dates::TimeOfDay>| t.map(|t| yaml_string(&t.iso())).unwrap_or_default();
    field("date", &date(entry.date));
    field("end_date", &date(entry.end_date));
    field("time", &time(entry.time));
    field("end_time", &time(entry.end_time));
    field("title", &yaml_string(&entry.headline));
    let optional = |text: &str| {
        if text.is_empty() {
            String::new()
        } else {
            yaml_string(text)
        }
    };
    field("display_date", &optional(&entry.display_date));
    field("era", entry.era.as_deref().unwrap_or_default());
    field("group", &optional(&entry.group));
    if !entry.sources.is_empty() {
        let ids: Vec<String> = entry
            .sources
            .iter()
            .map(|s| match is_plain_id(s) {
                true => s.clone(),
                false => yaml_string(s),
            })
            .collect();
        field("sources", &format!("[{}]", ids.join(", ")));
    }
    if let Some(media) = &entry.media {
        out.push_str("media:\n");
        for (key, value) in [
            ("src", &media.src),
            ("alt", &media.alt),
            ("caption", &media.caption),
            ("credit", &media.credit),
            ("thumbnail", &media.thumbnail),
        ] {
            if !value.is_empty() {
                out.push_str(&format!("  {key}: {}\n", yaml_string(value)));
            }
        }
    }
    out.push_str("---\n");
    if !entry.text.is_empty() {
        out.push_str(&entry.text);
        out.push('\n');
    }
    out
}

/// Whether an event file already says what the row says: the same fields, and the same text but
/// for how its lines are wrapped (an editor's wrapping is kept).
fn same_event(existing: &str, new: &str) -> bool {
    let parts = |text: &str| {
        let text = text.replace("\r\n", "\n");
        let split = front_matter::split(&text).ok()?;
        let words: Vec<String> = text[split.body.clone()]
            .split_whitespace()
            .map(str::to_string)
            .collect();
        Some((text[split.yaml.clone()].to_string(), words))
    };
    existing == new || parts(existing).is_some_and(|p| Some(p) == parts(new))
}

/// Whether a source id can be written in YAML without quotes.
fn is_plain_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The events an explainer already has, to match rows against: by id, and by date and headline
/// (compared as `check` compares them), each with its file inside `content/`.
#[derive(Default)]
struct ExistingEvents {
    by_id: HashMap<String, PathBuf>,
    by_date_and_headline: HashMap<(String, String), PathBuf>,
}

impl ExistingEvents {
    fn read(root: &Path) -> ExistingEvents {
        let mut existing = ExistingEvents::default();
        // Drafts too: a row must not double an event that is not published yet.
        for doc in crate::content::read(root, true).events {
            let inner = doc.path.strip_prefix("content").unwrap_or(&doc.path);
            let key = (
                doc.meta.date.iso(),
                crate::content::title_key(&doc.meta.title),
            );
            (existing.by_id.entry(doc.event_id())).or_insert_with(|| inner.to_path_buf());
            (existing.by_date_and_headline.entry(key)).or_insert_with(|| inner.to_path_buf());
        }
        existing
    }

    /// The file (inside `content/`) of the event a row tells again: the one with its `Id`, else the
    /// one on its date with its headline.
    fn of(&self, entry: &Entry) -> Option<&PathBuf> {
        let by_id = (!entry.id.is_empty())
            .then(|| self.by_id.get(&entry.id))
            .flatten();
        by_id.or_else(|| {
            let date = entry.date?.iso();
            let key = (date, crate::content::title_key(&entry.headline));
            self.by_date_and_headline.get(&key)
        })
    }
}

fn write_event(
    root: &Path,
    sheet: &Sheet,
    (entry, existing): (&Entry, &ExistingEvents),
    options: &ImportOptions,
    imported: &mut Imported,
) {
    // A row that tells an event the explainer has (under any file name) goes to that file: an
    // import never doubles an event.
    let inner = match existing.of(entry) {
        Some(inner) => inner.clone(),
        None => Path::new(TIMELINE_DIR).join(format!("{}.md", event_file_name(entry))),
    };
    let path = Path::new("content").join(&inner);
    let text = event_text(&inner, entry);
    // A file the build could not read is not written: the row says why.
    let readable = front_matter::split(&text).and_then(|parts| {
        front_matter::parse::<crate::content::model::EventMeta>(&text, &parts).map(|_| ())
    });
    if let Err(problem) = readable {
        if let Some(row) = sheet.rows.iter().find(|r| r.number == entry.row) {
            imported.diagnostics.push(
                sheet
                    .row_problem(
                        row,
                        &format!("cannot become an event file: {}", problem.message),
                    )
                    .hint("shorten or correct the row's cells; the row is skipped"),
            );
        }
        return;
    }
    let full = root.join(&path);
    match std::fs::read_to_string(&full) {
        Ok(existing) if same_event(&existing, &text) => return imported.unchanged.push(path),
        Ok(_) if !options.update => return imported.kept.push(path),
        _ => {}
    }
    let written = std::fs::create_dir_all(full.parent().unwrap_or(root))
        .and_then(|()| std::fs::write(&full, &text));
    match written {
        Ok(()) => imported.written.push(path),
        Err(e) => imported.diagnostics.push(Diagnostic::error(
            &path,
            format!("cannot write this file: {e}"),
        )),
    }
}
