//! One row of a timeline sheet, read: its kind (an event, an era or the title), its dates as
//! explainer's partial dates, its text as Markdown, and every problem in it, each at its column.

use crate::dates::{PartialDate, TimeOfDay};
use crate::diagnostics::Diagnostic;

use super::text;
use super::{Column, Layout, Row, Sheet};

/// What a row is, from its `Type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Event,
    Era,
    Title,
}

/// A row's media columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaCells {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub thumbnail: String,
}

/// A row, read.
#[derive(Debug, Clone)]
pub struct Entry {
    pub row: usize,
    pub kind: Kind,
    pub date: Option<PartialDate>,
    pub time: Option<TimeOfDay>,
    pub end_date: Option<PartialDate>,
    pub end_time: Option<TimeOfDay>,
    pub display_date: String,
    pub headline: String,
    /// The `Text` cell as Markdown.
    pub text: String,
    pub media: Option<MediaCells>,
    pub group: String,
    pub sources: Vec<String>,
    pub id: String,
    /// The era the event falls in, found by its date (a sheet's eras are date ranges).
    pub era: Option<String>,
}

/// Reads one row, or gives every problem in it.
pub fn read(sheet: &Sheet, layout: &Layout, row: &Row) -> Result<Entry, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut at = |column: Column, message: String| {
        if let Some(index) = layout.index(column) {
            problems.push(sheet.problem(row, index, &message));
        } else {
            problems.push(sheet.row_problem(row, &message));
        }
    };
    let get = |column| layout.get(row, column);

    let kind = match get(Column::Type).to_ascii_lowercase().as_str() {
        "" => Kind::Event,
        "era" => Kind::Era,
        "title" => Kind::Title,
        other => {
            at(
                Column::Type,
                format!(
                    "`{other}` is not a type TimelineJS knows: write `title` for the title row, `era` for an era, or leave it empty for an event"
                ),
            );
            Kind::Event
        }
    };

    let (date, end_date) =
        if layout.index(Column::Year).is_none() && layout.index(Column::StartDate).is_some() {
            (
                first_version_date(get(Column::StartDate)).map_err(|m| at(Column::StartDate, m)),
                first_version_date(get(Column::EndDate)).map_err(|m| at(Column::EndDate, m)),
            )
        } else {
            let start = [Column::Year, Column::Month, Column::Day];
            let end = [Column::EndYear, Column::EndMonth, Column::EndDay];
            (
                date_of(start.map(get)).map_err(|(i, m)| at(start[i], m)),
                date_of(end.map(get)).map_err(|(i, m)| at(end[i], m)),
            )
        };
    let time = sheet_time(get(Column::Time)).map_err(|m| at(Column::Time, m));
    let end_time = sheet_time(get(Column::EndTime)).map_err(|m| at(Column::EndTime, m));
    let (date, end_date) = (date.ok().flatten(), end_date.ok().flatten());
    let (time, end_time) = (time.ok().flatten(), end_time.ok().flatten());

    let date_column = if layout.index(Column::Year).is_some() {
        Column::Year
    } else {
        Column::StartDate
    };
    let headline = get(Column::Headline).to_string();
    if kind != Kind::Title && date.is_none() && get(date_column).is_empty() {
        at(
            date_column,
            format!(
                "{} needs a date: write at least its year",
                if kind == Kind::Era {
                    "an era"
                } else {
                    "an event"
                }
            ),
        );
    }
    if kind == Kind::Era && end_date.is_none() && get(Column::EndYear).is_empty() {
        at(
            Column::EndYear,
            "an era needs an end: write the year it ends in End Year".into(),
        );
    }
    if let (Some(start), Some(end)) = (date, end_date)
        && end.latest() < start.earliest()
    {
        let column = if layout.index(Column::EndYear).is_some() {
            Column::EndYear
        } else {
            Column::EndDate
        };
        at(
            column,
            format!(
                "it ends ({}) before it starts ({})",
                end.human(),
                start.human()
            ),
        );
    }
    if time.is_some() && date.is_some_and(|d| d.day().is_none()) {
        at(
            Column::Time,
            "a time of day needs the day it is on: fill in Month and Day".into(),
        );
    }
    if let (Some(start), Some(end)) = (time, end_time)
        && end_date.is_none_or(|d| Some(d) == date)
        && end < start
    {
        at(
            Column::EndTime,
            format!("it ends at {end} before it starts at {start}, on the same day"),
        );
    }
    if kind != Kind::Title && headline.is_empty() {
        at(
            Column::Headline,
            format!(
                "{} needs a headline: say in a few words what happened",
                if kind == Kind::Era {
                    "an era"
                } else {
                    "an event"
                }
            ),
        );
    }
    let id = get(Column::Id).to_string();
    if !id.is_empty() && !crate::markdown::is_slug(&id) {
        at(
            Column::Id,
            format!(
                "`{id}` cannot be a file name: use lower-case letters (of any alphabet), digits and single hyphens"
            ),
        );
    }
    // The cells read as HTML are cleaned by a parser whose time grows with the square of the
    // nesting: bounded before it sees them.
    for column in [Column::Text, Column::MediaCaption, Column::MediaCredit] {
        if crate::html::Nesting::default().feed(get(column)).is_some() {
            at(
                column,
                format!(
                    "HTML elements nested more than {} deep",
                    crate::html::MAX_NESTING
                ),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let media = Some(MediaCells {
        src: get(Column::Media).to_string(),
        alt: get(Column::AltText).to_string(),
        caption: text::to_markdown(get(Column::MediaCaption)),
        credit: text::to_markdown(get(Column::MediaCredit)),
        thumbnail: get(Column::MediaThumbnail).to_string(),
    })
    .filter(|m| !m.src.is_empty());
    let sources = get(Column::Source)
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches('@').to_string())
        .collect();
    Ok(Entry {
        row: row.number,
        kind,
        date,
        time,
        end_date,
        end_time,
        display_date: get(Column::DisplayDate).to_string(),
        headline,
        text: text::to_markdown(get(Column::Text)),
        media,
        group: get(Column::Group).to_string(),
        sources,
        id,
        era: None,
    })
}

/// A whole number in a cell: `7`, `07`, `-500`, and `2021.0` as a spreadsheet may store it.
fn number(cell: &str) -> Option<i64> {
    let cell = cell.strip_suffix(".0").unwrap_or(cell);
    cell.parse().ok()
}

/// The date of a row's Year, Month and Day cells (or End Year, End Month, End Day), or the index of
/// the cell at fault and what is wrong.
fn date_of(cells: [&str; 3]) -> Result<Option<PartialDate>, (usize, String)> {
    let [year, month, day] = cells;
    if year.is_empty() {
        return match (month.is_empty(), day.is_empty()) {
            (true, true) => Ok(None),
            (false, _) => Err((0, "a month needs its year".into())),
            (true, false) => Err((0, "a day needs its year and month".into())),
        };
    }
    let Some(y) = number(year) else {
        return Err((
            0,
            format!(
                "`{year}` is not a year: write it in digits, like 2021 (a negative number for a year before the common era, -500)"
            ),
        ));
    };
    if y == 0 || !(-999_999..=9999).contains(&y) {
        return Err((
            0,
            format!("there is no year {y}: write the year in digits, 2021, or -500 for 500 BCE"),
        ));
    }
    let month = match month {
        "" => None,
        m => match number(m) {
            Some(n @ 1..=12) => Some(n as u8),
            Some(n) => {
                return Err((1, format!("there is no month {n}: months run from 1 to 12")));
            }
            None => {
                return Err((
                    1,
                    format!("`{m}` is not a month: write its number, 1 to 12"),
                ));
            }
        },
    };
    let day = match day {
        "" => None,
        d => match number(d) {
            Some(n @ 1..=31) => Some(n as u8),
            _ => return Err((2, format!("`{d}` is not a day of the month"))),
        },
    };
    if day.is_some() && month.is_none() {
        return Err((1, "a day needs its month".into()));
    }
    PartialDate::new(y as i32, month, day)
        .map(Some)
        .map_err(|e| (if day.is_some() { 2 } else { 1 }, e.0))
}

/// The first template's `Start Date`/`End Date`: `2021`, `7/26/2021` (month first, as TimelineJS
/// read it), `2021,7,26` or `2021-07-26`.
fn first_version_date(cell: &str) -> Result<Option<PartialDate>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = cell.split(['/', ',']).map(str::trim).collect();
    let wrong =
        || format!("`{cell}` is not a date TimelineJS reads: write 2021, 2021,7,26 or 7/26/2021");
    let cells = match parts.as_slice() {
        [date] if date.len() == 10 => {
            return PartialDate::parse(date).map(Some).map_err(|_| wrong());
        }
        [year] => [*year, "", ""],
        [m, d, y] if cell.contains('/') => [*y, *m, *d],
        [y, m] => [*y, *m, ""],
        [y, m, d] => [*y, *m, *d],
        _ => return Err(wrong()),
    };
    date_of(cells).map_err(|(_, message)| message)
}

/// A `Time` cell as TimelineJS reads it: `15:30`, `15:30:05`, `3:30 PM`, `3:30pm`, `9:00`.
fn sheet_time(cell: &str) -> Result<Option<TimeOfDay>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let wrong = || format!("`{cell}` is not a time: write 15:30, 15:30:00 or 3:30 PM");
    let lower = cell.to_ascii_lowercase();
    let (clock, meridiem) = if let Some(c) = lower.strip_suffix("am") {
        (c.trim().trim_end_matches('.'), Some(false))
    } else if let Some(c) = lower.strip_suffix("pm") {
        (c.trim().trim_end_matches('.'), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.split(':');
    let hour: u8 = parts
        .next()
        .and_then(|h| h.parse().ok())
        .ok_or_else(wrong)?;
    let minute: u8 = match parts.next() {
        Some(m) if m.len() == 2 => m.parse().map_err(|_| wrong())?,
        None if meridiem.is_some() => 0,
        _ => return Err(wrong()),
    };
    let second: Option<u8> = parts
        .next()
        .map(|s| s.parse().map_err(|_| wrong()))
        .transpose()?;
    if parts.next().is_some() {
        return Err(wrong());
    }
    let hour = match meridiem {
        Some(_) if hour == 0 || hour > 12 => return Err(wrong()),
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => hour,
    };
    TimeOfDay::new(hour, minute, second)
        .map(Some)
        .map_err(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<PartialDate> {
        PartialDate::parse(text).ok()
    }

    #[test]
    fn times_as_timelinejs_reads_them() {
        let time = |cell: &str| sheet_time(cell).map(|t| t.map(|t| t.iso()));
        assert_eq!(time("15:30"), Ok(Some("15:30".into())));
        assert_eq!(time("9:05"), Ok(Some("09:05".into())));
        assert_eq!(time("3:30 PM"), Ok(Some("15:30".into())));
        assert_eq!(time("12:15am"), Ok(Some("00:15".into())));
        assert_eq!(time("12 pm"), Ok(Some("12:00".into())));
        assert_eq!(time("23:59:59"), Ok(Some("23:59:59".into())));
        assert_eq!(time(""), Ok(None));
        assert!(time("25:00").is_err());
        assert!(time("13:00 PM").is_err());
        assert!(time("noon").is_err());
    }

    #[test]
    fn year_month_and_day_cells() {
        assert_eq!(date_of(["2014", "6", ""]), Ok(date("2014-06")));
        assert_eq!(date_of(["2021.0", "07", "26"]), Ok(date("2021-07-26")));
        assert_eq!(date_of(["-500", "", ""]), Ok(date("-0500")));
        assert_eq!(date_of(["", "", ""]), Ok(None));
        assert_eq!(date_of(["2021", "2", "30"]).unwrap_err().0, 2);
        assert_eq!(date_of(["2021", "", "3"]).unwrap_err().0, 1);
        assert_eq!(date_of(["0", "", ""]).unwrap_err().0, 0);
        assert_eq!(date_of(["", "7", ""]).unwrap_err().0, 0);
    }

    #[test]
    fn the_first_templates_dates() {
        assert_eq!(first_version_date("2021"), Ok(date("2021")));
        assert_eq!(first_version_date("7/26/2021"), Ok(date("2021-07-26")));
        assert_eq!(first_version_date("2021,7,26"), Ok(date("2021-07-26")));
        assert_eq!(first_version_date("2021,7"), Ok(date("2021-07")));
        assert_eq!(first_version_date("2021-07-26"), Ok(date("2021-07-26")));
        assert!(first_version_date("26 July 2021").is_err());
    }
}
