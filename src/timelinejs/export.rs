//! `explainer export timelinejs`: the timeline as a sheet in TimelineJS's template layout, with
//! explainer's `Source` and `Id` columns after the template's: a title row (the page's headline and
//! standfirst), a row per era, and a row per event, in date order. Importing the export writes the
//! same event files.

use std::path::Path;
use std::sync::Arc;

use crate::content::Document;
use crate::content::model::{EventMeta, Media, PageMeta, SectionMeta};
use crate::dates::{PartialDate, TimeOfDay};
use crate::diagnostics::Diagnostic;

use super::Column;
use super::text;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Exported {
    pub csv: String,
    pub events: usize,
    pub eras: usize,
    /// Draft events, which are not exported.
    pub drafts: usize,
}

/// The timeline of the explainer at `root` as CSV text (UTF-8 with a byte-order mark, which Excel
/// needs to read Arabic or `€` correctly; Google Sheets ignores it).
pub fn export(root: &Path) -> Result<Exported, Vec<Diagnostic>> {
    let files = crate::content::read(root, true);
    let errors: Vec<Diagnostic> = files
        .problems
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(to_csv(
        files.page.as_deref(),
        &files.sections,
        &files.events,
    ))
}

/// The timeline of a page, its sections and events as CSV text, and what it holds. The build
/// publishes the same as `timeline.csv` ("Get the data").
pub fn to_csv(
    page: Option<&Document<PageMeta>>,
    sections: &[Arc<Document<SectionMeta>>],
    events: &[Arc<Document<EventMeta>>],
) -> Exported {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut exported = Exported::default();
    if let Some(page) = page {
        let mut row = Row::default();
        row.set(Column::Type, "title");
        row.set(Column::Headline, &page.meta.title);
        row.set(Column::Text, &text::to_html(&page.meta.standfirst));
        row.set(Column::Source, "");
        rows.push(row.0);
    }
    if let Some(timeline) = sections.iter().find(|s| s.is_timeline()) {
        for era in &timeline.meta.eras {
            let mut row = Row::default();
            row.date(
                Some(era.start),
                None,
                [Column::Year, Column::Month, Column::Day, Column::Time],
            );
            row.date(
                Some(era.end),
                None,
                [
                    Column::EndYear,
                    Column::EndMonth,
                    Column::EndDay,
                    Column::EndTime,
                ],
            );
            row.set(Column::Headline, &era.title);
            row.set(Column::Type, "era");
            row.set(Column::Id, &era.id);
            rows.push(row.0);
            exported.eras += 1;
        }
    }
    for doc in events {
        if doc.meta.draft {
            exported.drafts += 1;
            continue;
        }
        rows.push(event_row(doc));
        exported.events += 1;
    }
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let headers = Column::EXPORTED.map(Column::header);
    // Writing to memory cannot fail.
    let _ = writer.write_record(headers);
    for row in &rows {
        let _ = writer.write_record(row.iter().map(|cell| inert(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    exported.csv = format!("\u{feff}{}", String::from_utf8_lossy(&bytes));
    exported
}

/// A cell as no spreadsheet will run it: text that starts as a formula does (`=`, `+`, `-`, `@`, a
/// tab or a carriage return; OWASP's advice on CSV injection) gets a `'` before it, which
/// spreadsheets read as "this is text" and do not show. A number (`-500`, a year before the common
/// era) is left as it is. Import takes the `'` off again ([`super::sheet`]).
pub(super) fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = cell
        .strip_prefix(['-', '+'])
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'));
    if cell.starts_with(FORMULA_STARTS) && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The characters a spreadsheet reads a formula after.
pub(super) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A row's cells, in [`Column::EXPORTED`] order.
struct Row(Vec<String>);

impl Default for Row {
    fn default() -> Row {
        Row(vec![String::new(); Column::EXPORTED.len()])
    }
}

impl Row {
    fn set(&mut self, column: Column, value: &str) {
        if let Some(i) = Column::EXPORTED.iter().position(|c| *c == column) {
            self.0[i] = value.to_string();
        }
    }

    fn date(&mut self, date: Option<PartialDate>, time: Option<TimeOfDay>, columns: [Column; 4]) {
        let Some(date) = date else {
            return;
        };
        self.set(columns[0], &date.year().to_string());
        if let Some(month) = date.month() {
            self.set(columns[1], &month.to_string());
        }
        if let Some(day) = date.day() {
            self.set(columns[2], &day.to_string());
        }
        if let Some(time) = time {
            self.set(columns[3], &time.iso());
        }
    }

    fn media(&mut self, media: &Media) {
        self.set(Column::Media, &media.src);
        let text = |t: &Option<String>| t.as_deref().map(text::to_inline_html).unwrap_or_default();
        self.set(Column::MediaCredit, &text(&media.credit));
        self.set(Column::MediaCaption, &text(&media.caption));
        self.set(
            Column::MediaThumbnail,
            media.thumbnail.as_deref().unwrap_or_default(),
        );
        self.set(Column::AltText, media.alt.as_deref().unwrap_or_default());
    }
}

fn event_row(doc: &Document<EventMeta>) -> Vec<String> {
    let m = &doc.meta;
    let mut row = Row::default();
    row.date(
        Some(m.date),
        m.time,
        [Column::Year, Column::Month, Column::Day, Column::Time],
    );
    // An end time alone ends the event on the day it starts.
    let end_date = m.end_date.or(m.end_time.map(|_| m.date));
    row.date(
        end_date,
        m.end_time,
        [
            Column::EndYear,
            Column::EndMonth,
            Column::EndDay,
            Column::EndTime,
        ],
    );
    row.set(
        Column::DisplayDate,
        m.display_date.as_deref().unwrap_or_default(),
    );
    row.set(Column::Headline, &m.title);
    row.set(Column::Text, &text::to_html(doc.body().trim()));
    if let Some(media) = &m.media {
        row.media(media);
    }
    row.set(Column::Group, m.group.as_deref().unwrap_or_default());
    let sources: Vec<&str> = m.sources.iter().map(|s| s.as_str()).collect();
    row.set(Column::Source, &sources.join(", "));
    row.set(Column::Id, &doc.stem());
    row.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_marked_as_text_and_numbers_are_not() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("-", "'-"),
            ("-500", "-500"),
            ("+3.5", "+3.5"),
            ("Biden — “ends” €5", "Biden — “ends” €5"),
            ("", ""),
        ] {
            assert_eq!(inert(cell), written, "{cell:?}");
        }
    }
}
