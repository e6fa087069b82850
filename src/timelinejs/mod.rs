//! TimelineJS sheets: `explainer import timelinejs FILE` turns Knight Lab's Google Sheets template
//! (as CSV or `.xlsx`) into one event file per row, and `explainer export timelinejs` writes the
//! timeline back in the template's layout, so a desk can keep working in the sheet.
//!
//! Columns are matched by their header text, in any order and any case, as TimelineJS matches them:
//! the current template's [`Column`]s, the older template's (no `Alt Text`), and the first version's
//! (`Start Date`, `End Date`, `Tag`). Two columns are explainer's own: `Source`, the ids of the
//! sources an event cites, and `Id`, the event's file name, which keeps an event the same file
//! through an export and an import.

mod download;
mod eras;
mod export;
mod import;
mod markdown_of;
mod row;
mod sheet;
mod text;

pub use export::{Exported, export, to_csv};
pub use import::{ImportOptions, Imported, import};
pub use sheet::{Row, Sheet, column_letters};

/// A column of a timeline sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    AltText,
    Type,
    Group,
    Background,
    /// explainer's: the ids of the sources the event cites, separated by commas.
    Source,
    /// explainer's: the event's id, its file name without `.md`.
    Id,
    /// The first template's `Start Date` and `End Date` (`2021`, `7/26/2021`, `2021,7,26`).
    StartDate,
    EndDate,
}

impl Column {
    /// The columns an export writes, in the template's order, then explainer's own.
    pub const EXPORTED: [Column; 21] = [
        Column::Year,
        Column::Month,
        Column::Day,
        Column::Time,
        Column::EndYear,
        Column::EndMonth,
        Column::EndDay,
        Column::EndTime,
        Column::DisplayDate,
        Column::Headline,
        Column::Text,
        Column::Media,
        Column::MediaCredit,
        Column::MediaCaption,
        Column::MediaThumbnail,
        Column::AltText,
        Column::Type,
        Column::Group,
        Column::Background,
        Column::Source,
        Column::Id,
    ];

    /// The header as the template writes it.
    pub fn header(self) -> &'static str {
        match self {
            Column::Year => "Year",
            Column::Month => "Month",
            Column::Day => "Day",
            Column::Time => "Time",
            Column::EndYear => "End Year",
            Column::EndMonth => "End Month",
            Column::EndDay => "End Day",
            Column::EndTime => "End Time",
            Column::DisplayDate => "Display Date",
            Column::Headline => "Headline",
            Column::Text => "Text",
            Column::Media => "Media",
            Column::MediaCredit => "Media Credit",
            Column::MediaCaption => "Media Caption",
            Column::MediaThumbnail => "Media Thumbnail",
            Column::AltText => "Alt Text",
            Column::Type => "Type",
            Column::Group => "Group",
            Column::Background => "Background",
            Column::Source => "Source",
            Column::Id => "Id",
            Column::StartDate => "Start Date",
            Column::EndDate => "End Date",
        }
    }

    /// The column a header names, matched as TimelineJS does: case, spaces and punctuation aside.
    /// `Tag` is the first template's name for `Group`; `Sources` is read as `Source`.
    pub fn from_header(header: &str) -> Option<Column> {
        let key: String = header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let all = Column::EXPORTED
            .iter()
            .chain(&[Column::StartDate, Column::EndDate]);
        for column in all {
            let name: String = column
                .header()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if name == key {
                return Some(*column);
            }
        }
        match key.as_str() {
            "tag" => Some(Column::Group),
            "sources" => Some(Column::Source),
            "displaydates" => Some(Column::DisplayDate),
            _ => None,
        }
    }
}

/// Where each known column is in a sheet.
#[derive(Debug, Default)]
pub struct Layout {
    columns: Vec<(Column, usize)>,
    /// Headers that name no column explainer knows, with their index.
    pub unknown: Vec<(String, usize)>,
}

impl Layout {
    pub fn of(headers: &Row) -> Layout {
        let mut layout = Layout::default();
        for (index, header) in headers.cells.iter().enumerate() {
            if header.is_empty() {
                continue;
            }
            match Column::from_header(header) {
                Some(column) if layout.index(column).is_none() => {
                    layout.columns.push((column, index));
                }
                _ => layout.unknown.push((header.clone(), index)),
            }
        }
        layout
    }

    pub fn index(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| *i)
    }

    /// The text of `column` in `row`, or "" when the sheet has no such column.
    pub fn get<'r>(&self, row: &'r Row, column: Column) -> &'r str {
        self.index(column).map_or("", |i| row.cell(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_as_timelinejs_matches_them() {
        assert_eq!(Column::from_header("End Year"), Some(Column::EndYear));
        assert_eq!(Column::from_header(" end year "), Some(Column::EndYear));
        assert_eq!(
            Column::from_header("MEDIA CREDIT"),
            Some(Column::MediaCredit)
        );
        assert_eq!(Column::from_header("Tag"), Some(Column::Group));
        assert_eq!(Column::from_header("Start Date"), Some(Column::StartDate));
        assert_eq!(Column::from_header("Colour"), None);
    }
}
