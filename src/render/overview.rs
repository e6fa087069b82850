//! The timeline at a glance: every event and era placed on one axis from the first date to the last,
//! as TimelineJS's navigation bar does, drawn at build time. Each event is a link in a list (what a
//! screen reader reads); the stylesheet sets each link at its date, and draws the eras as bands
//! of an SVG. Events close in time stack in rows, so that every link keeps a target a finger can
//! use at the narrowest width the strip is drawn at.

use serde::Serialize;

use super::views::EventView;
use crate::content::model::{Era, EventMeta};
use crate::dates::PartialDate;
use crate::i18n::Formats;

/// The strip's narrowest width and a mark's width, in rem (the stylesheet uses the same numbers: a
/// narrower window scrolls the strip). Two marks in one row are at least a mark's width apart.
const STRIP_REM: f64 = 48.0;
const MARK_REM: f64 = 1.5;
/// The share of the strip left empty at each end, in per cent, so that the first and last marks fit.
const MARGIN: f64 = 2.0;

#[derive(Debug, Serialize)]
pub struct OverviewView {
    pub marks: Vec<MarkView>,
    pub bands: Vec<BandView>,
    pub years: Vec<YearView>,
    /// How many rows the marks take.
    pub rows: usize,
    /// The first and last dates, for the line under the strip: "2003 – 2021".
    pub from: String,
    pub to: String,
}

/// An event on the strip.
#[derive(Debug, Serialize)]
pub struct MarkView {
    /// The event's id, which the mark links to.
    pub id: String,
    /// How far along the strip, in per cent (from the start of the line: the left in English).
    pub at: String,
    /// The row, 0 on the axis.
    pub row: usize,
    pub date: String,
    pub title: String,
    pub after_publication: bool,
}

/// An era, drawn as a band along the axis, in the SVG's units (0 to 1000).
#[derive(Debug, Serialize)]
pub struct BandView {
    pub id: String,
    pub x: String,
    pub width: String,
    /// Which of the stylesheet's era colours it takes, in turn.
    pub colour: usize,
}

/// A labelled year on the axis.
#[derive(Debug, Serialize)]
pub struct YearView {
    pub at: String,
    /// Where the tick is in the SVG's units.
    pub x: String,
    pub label: String,
}

/// The overview of `events` (the timeline's, in order, with their views) and of the `eras` that
/// have events; `None` when there are fewer than two events, or all are on one day.
pub fn overview(
    events: &[(&EventMeta, &EventView)],
    eras: &[&Era],
    formats: &Formats,
) -> Option<OverviewView> {
    let dates = events
        .iter()
        .flat_map(|(m, _)| [m.date, m.end_date.unwrap_or(m.date)])
        .chain(eras.iter().flat_map(|e| [e.start, e.end]));
    let first = dates
        .clone()
        .map(|d| years(d, Edge::Start))
        .reduce(f64::min)?;
    let last = dates.map(|d| years(d, Edge::End)).reduce(f64::max)?;
    if events.len() < 2 || last <= first {
        return None;
    }
    // Per cent of the strip from its start.
    let at = |year: f64| MARGIN + (100.0 - 2.0 * MARGIN) * (year - first) / (last - first);

    let gap = 100.0 * MARK_REM / STRIP_REM;
    let mut row_ends: Vec<f64> = Vec::new();
    let marks: Vec<MarkView> = events
        .iter()
        .map(|(m, view)| {
            let x = at(years(m.date, Edge::Middle));
            let row = match row_ends.iter().position(|end| x - end >= gap) {
                Some(row) => row,
                None => {
                    row_ends.push(f64::NEG_INFINITY);
                    row_ends.len() - 1
                }
            };
            row_ends[row] = x;
            MarkView {
                id: view.id.clone(),
                at: format!("{x:.2}"),
                row,
                date: view.display_date.clone(),
                title: view.title.clone(),
                after_publication: view.after_publication,
            }
        })
        .collect();

    let bands = eras
        .iter()
        .enumerate()
        .map(|(i, era)| {
            let (start, end) = (
                at(years(era.start, Edge::Start)),
                at(years(era.end, Edge::End)),
            );
            BandView {
                id: era.id.clone(),
                x: format!("{:.1}", start * 10.0),
                width: format!("{:.1}", (end - start).max(0.2) * 10.0),
                colour: i % 4,
            }
        })
        .collect();

    // The axis counts astronomical years (1 BCE is year 0); the labels are years as written.
    let historical = |year: f64| {
        let year = year as i32;
        if year <= 0 { year - 1 } else { year }
    };
    let years_labelled = round_years(historical(first.ceil()), historical(last.floor()))
        .into_iter()
        .filter_map(|year| {
            let date = PartialDate::new(year, None, None).ok()?;
            let x = at(f64::from(date.astronomical_year()));
            Some(YearView {
                at: format!("{x:.2}"),
                x: format!("{:.1}", x * 10.0),
                label: formats.date(date),
            })
        })
        .collect();

    let date_of = |year: f64| {
        PartialDate::new(historical(year.floor()), None, None)
            .map(|d| formats.date(d))
            .unwrap_or_default()
    };
    Some(OverviewView {
        rows: row_ends.len(),
        marks,
        bands,
        years: years_labelled,
        from: date_of(first),
        to: date_of(last - 1e-9),
    })
}

#[derive(Clone, Copy)]
enum Edge {
    Start,
    Middle,
    End,
}

/// The days of the year before each month, and in all, of a common year.
const DAYS_BEFORE: [u16; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/// Where a date falls, in years: 2021.5 is the middle of 2021. A date known to the month or the
/// year is a span; `edge` says which part of it. (Every year counts 365 days: the strip is a
/// picture, where a leap day is a fraction of a pixel.)
fn years(date: PartialDate, edge: Edge) -> f64 {
    let year = f64::from(date.astronomical_year());
    let before = |m: u8| f64::from(DAYS_BEFORE[usize::from(m.clamp(1, 13)) - 1]);
    let (start, length) = match (date.month(), date.day()) {
        (Some(m), Some(d)) => ((before(m) + f64::from(d) - 1.0) / 365.0, 1.0 / 365.0),
        (Some(m), None) => (before(m) / 365.0, (before(m + 1) - before(m)) / 365.0),
        _ => (0.0, 1.0),
    };
    let share = match edge {
        Edge::Start => 0.0,
        Edge::Middle => 0.5,
        Edge::End => 1.0,
    };
    year + start + length * share
}

/// Round years between `first` and `last` to label the axis with: at most six, a step of 1, 2, 5,
/// 10, 20, 50 … years.
fn round_years(first: i32, last: i32) -> Vec<i32> {
    let span = i64::from(last) - i64::from(first);
    let step = [1, 2, 5]
        .iter()
        .flat_map(|&base| (0..9).map(move |power| base * 10_i64.pow(power)))
        .filter(|step| span / step < 6)
        .min()
        .unwrap_or(1);
    let start = i64::from(first).div_euclid(step) * step;
    (0..)
        .map(|n| start + n * step)
        .skip_while(|&y| y < i64::from(first))
        .take_while(|&y| y <= i64::from(last))
        .filter_map(|y| i32::try_from(y).ok())
        .filter(|&y| y != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn a_date_is_placed_within_its_year() {
        assert_eq!(years(date("2021"), Edge::Start), 2021.0);
        assert_eq!(years(date("2021"), Edge::End), 2022.0);
        assert!((years(date("2021-07"), Edge::Middle) - 2021.538).abs() < 0.001);
        assert!((years(date("2021-07-26"), Edge::Start) - 2021.564).abs() < 0.001);
        assert!((years(date("2021-12-31"), Edge::End) - 2022.0).abs() < 1e-9);
        assert!((years(date("2021-12"), Edge::End) - 2022.0).abs() < 1e-9);
        assert!(years(date("-0500"), Edge::Start) < years(date("-0499"), Edge::Start));
    }

    #[test]
    fn the_axis_is_labelled_with_round_years() {
        assert_eq!(round_years(2003, 2021), vec![2005, 2010, 2015, 2020]);
        assert_eq!(round_years(2020, 2021), vec![2020, 2021]);
        assert_eq!(
            round_years(1914, 2021),
            vec![1920, 1940, 1960, 1980, 2000, 2020]
        );
        assert_eq!(round_years(-50, 30), vec![-40, -20, 20]);
    }
}
