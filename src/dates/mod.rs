//! Dates as news content has them: partial dates for events, and timestamps for publication.
//!
//! A timeline event is often known only to the year or month ("July 2017"), so a [`PartialDate`] keeps
//! exactly the precision the editor wrote and never invents a day. A [`Timestamp`] is the page's own
//! published or updated moment, a date with an optional time and UTC offset.
//!
//! Both parse from front matter (YAML strings, or a bare year as a number) and reject impossible
//! values such as `2021-02-30` with a message that says why.

mod time_of_day;
mod timestamp;
mod written;

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

pub use time_of_day::TimeOfDay;
pub use timestamp::Timestamp;
use written::other_form;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a date could not be read, in words for an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A date known to the year, the month or the day. Orders by what is known: `2017` sorts before
/// `2017-07`, which sorts before `2017-07-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The year of a date before the common era, from its digits after the `-`: `500` is -500.
fn bce_year(digits: &str) -> Result<i32, DateError> {
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "the year `-{digits}` should be a number of years before the common era, like -500"
        )));
    }
    match digits.parse::<i32>() {
        Ok(0) | Err(_) => Err(DateError(
            "there is no year 0: the year before 1 is 1 BCE, written -1".into(),
        )),
        Ok(years) => Ok(-years),
    }
}

fn parse_number<T: std::str::FromStr>(
    part: &str,
    digits: usize,
    what: &str,
) -> Result<T, DateError> {
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "the {what} `{part}` should be {digits} digits"
        )));
    }
    part.parse()
        .map_err(|_| DateError(format!("the {what} `{part}` is not a number")))
}

impl PartialDate {
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, DateError> {
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(format!(
                    "there is no month {m}; months run from 01 to 12"
                )));
            }
            if let Some(d) = day {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(DateError(format!(
                        "{year}-{m:02}-{d:02} is not a real date: {} {year} has {last} days",
                        MONTHS[usize::from(m) - 1]
                    )));
                }
            }
        } else if day.is_some() {
            return Err(DateError("a day needs a month".into()));
        }
        Ok(PartialDate { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a year before the common era is negative, as
    /// TimelineJS has it (`-500` or `-0500` is 500 BCE; there is no year 0).
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let text = text.trim();
        let bce = text.strip_prefix('-');
        if bce.is_none()
            && let Some(error) = other_form(text)
        {
            return Err(error);
        }
        let mut parts = bce.unwrap_or(text).split('-');
        let first = parts.next().unwrap_or("");
        let year = match bce {
            Some(_) => bce_year(first)?,
            None => parse_number(first, 4, "year")?,
        };
        let month = parts
            .next()
            .map(|m| parse_number(m, 2, "month"))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| parse_number(d, 2, "day"))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError(format!("`{text}` has too many parts")));
        }
        PartialDate::new(year, month, day)
    }

    /// The year: negative before the common era (-500 is 500 BCE).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The year as a proleptic Gregorian calendar counts it, with a year 0 (1 BCE is 0, 500 BCE
    /// is -499): what date libraries take.
    pub fn astronomical_year(&self) -> i32 {
        if self.year < 0 {
            self.year + 1
        } else {
            self.year
        }
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The first day this date could mean, used to compare a partial date with a full one.
    pub fn earliest(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date could mean (a missing day counts as 31, which orders correctly).
    pub fn latest(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// The date as written in front matter, to its known precision: `2021-07-26`, `2017-07`, and
    /// `-0500` for 500 BCE. For a common-era date it is also the value for `<time datetime>`.
    pub fn iso(&self) -> String {
        let sign = if self.year < 0 { "-" } else { "" };
        let year = self.year.unsigned_abs();
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{sign}{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{sign}{year:04}-{m:02}"),
            _ => format!("{sign}{year:04}"),
        }
    }

    /// Whether the date is before the common era. HTML's `<time datetime>` has no such dates.
    pub fn is_bce(&self) -> bool {
        self.year < 0
    }

    /// How a reader sees the date: "20 March 2003", "July 2017", "2014", "500 BCE".
    pub fn human(&self) -> String {
        let year = if self.year < 0 {
            format!("{} BCE", -self.year)
        } else {
            self.year.to_string()
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {year}", MONTHS[usize::from(m) - 1]),
            (Some(m), None) => format!("{} {year}", MONTHS[usize::from(m) - 1]),
            _ => year,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

struct PartialDateVisitor;

impl Visitor<'_> for PartialDateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date written YYYY, YYYY-MM or YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
        PartialDate::parse(v).map_err(|e| E::custom(format!("invalid date: {e}")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
        self.visit_str(&v.to_string())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        deserializer.deserialize_any(PartialDateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_precision_written() {
        for text in ["2014", "2017-07", "2003-03-20"] {
            assert_eq!(PartialDate::parse(text).unwrap().iso(), text);
        }
        assert_eq!(PartialDate::parse("2017-07").unwrap().human(), "July 2017");
        assert_eq!(
            PartialDate::parse("2003-03-20").unwrap().human(),
            "20 March 2003"
        );
    }

    #[test]
    fn years_before_the_common_era_are_negative() {
        let bce = PartialDate::parse("-500").unwrap();
        assert_eq!(bce.year(), -500);
        assert_eq!(bce.astronomical_year(), -499);
        assert_eq!(bce.iso(), "-0500");
        assert_eq!(bce.human(), "500 BCE");
        assert_eq!(
            PartialDate::parse("-0044-03-15").unwrap().iso(),
            "-0044-03-15"
        );
        assert!(bce < PartialDate::parse("-0044").unwrap());
        assert!(PartialDate::parse("-1").unwrap() < PartialDate::parse("0001").unwrap());
        assert!(
            PartialDate::parse("-0")
                .unwrap_err()
                .0
                .contains("no year 0")
        );
        assert!(PartialDate::parse("-5x").is_err());
        assert!(PartialDate::parse("-").is_err());
    }

    #[test]
    fn rejects_impossible_dates() {
        let err = PartialDate::parse("2021-02-30").unwrap_err();
        assert_eq!(
            err.0,
            "2021-02-30 is not a real date: February 2021 has 28 days"
        );
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("2021-13").is_err());
        assert!(PartialDate::parse("21-01-01").is_err());
        assert!(PartialDate::parse("2021-1-01").is_err());
    }

    #[test]
    fn orders_partial_dates_by_what_is_known() {
        let mut dates: Vec<_> = ["2017-07-10", "2017", "2017-07", "2003-03-20"]
            .iter()
            .map(|d| PartialDate::parse(d).unwrap())
            .collect();
        dates.sort();
        let isos: Vec<_> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(isos, ["2003-03-20", "2017", "2017-07", "2017-07-10"]);
    }

    #[test]
    fn timestamps_keep_offsets_and_compare_in_utc() {
        let a = Timestamp::parse("2021-07-27T09:00:00-04:00").unwrap();
        assert_eq!(a.iso(), "2021-07-27T09:00:00-04:00");
        let b = Timestamp::parse("2021-07-27T12:30Z").unwrap();
        assert_eq!(b.iso(), "2021-07-27T12:30:00+00:00");
        assert!(b.is_before(&a));
        assert_eq!(
            Timestamp::parse("2021-07-27").unwrap().rfc3339(),
            "2021-07-27T00:00:00+00:00"
        );
        assert_eq!(a.rfc3339(), a.iso());
        let day = Timestamp::start_of_day(PartialDate::parse("2021-07-28").unwrap(), &a);
        assert_eq!(day.iso(), "2021-07-28T00:00:00-04:00");
        assert!(Timestamp::parse("2021-07").is_err());
        assert!(Timestamp::parse("2021-07-27T25:00Z").is_err());
    }

    #[test]
    fn dates_written_another_way_get_both_readings() {
        let message = |text: &str| PartialDate::parse(text).unwrap_err().0;
        assert_eq!(
            message("06/09/2023"),
            "`06/09/2023` is not written YYYY-MM-DD: write 2023-09-06 if it means 6 September 2023, \
             or 2023-06-09 if it means 9 June 2023"
        );
        assert_eq!(
            message("25.12.2021"),
            "`25.12.2021` is not written YYYY-MM-DD: write 2021-12-25"
        );
        assert_eq!(
            message("2021–07–26"),
            "`2021–07–26` has dashes between its parts where hyphens belong: write 2021-07-26"
        );
        assert!(message("31/31/2021").ends_with("write it as YYYY-MM-DD"));
        assert_eq!(
            message("Monday, 26 July 2021"),
            "`Monday, 26 July 2021` is written in words: write 2021-07-26"
        );
        assert_eq!(
            message("Sept 9, 2021"),
            "`Sept 9, 2021` is written in words: write 2021-09-09"
        );
        assert_eq!(
            message("July 2017"),
            "`July 2017` is written in words: write 2017-07"
        );
        assert_eq!(
            PartialDate::parse("2021-07-26").unwrap().iso(),
            "2021-07-26"
        );
    }

    #[test]
    fn slips_in_otherwise_good_dates() {
        let message = |text: &str| PartialDate::parse(text).unwrap_err().0;
        assert!(
            message("2021-12-09 – 2021-12-10")
                .starts_with("`2021-12-09 – 2021-12-10` is two dates")
        );
        assert!(message("2021–2022").ends_with("write the date it began, 2021"));
        assert_eq!(
            message("2021-12-09."),
            "`2021-12-09.` ends with `.`: write 2021-12-09"
        );
        assert_eq!(
            message("2021-7-6"),
            "`2021-7-6` needs two digits for the month and the day: write 2021-07-06"
        );
        assert!(message("2021-7-32").contains("not a real date"));
        let words = Timestamp::parse("27 July 2021").unwrap_err().0;
        assert_eq!(
            words,
            "`27 July 2021` is written in words: write 2021-07-27"
        );
        let no_offset = Timestamp::parse("2021-07-27 09:00").unwrap_err().0;
        assert!(
            no_offset.starts_with("the time `09:00` has no offset from UTC"),
            "{no_offset}"
        );
    }
}
