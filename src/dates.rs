//! Dates as news content has them: partial dates for events, and timestamps for publication.
//!
//! A timeline event is often known only to the year or month ("July 2017"), so a [`PartialDate`] keeps
//! exactly the precision the editor wrote and never invents a day. A [`Timestamp`] is the page's own
//! published or updated moment, a date with an optional time and UTC offset.
//!
//! Both parse from front matter (YAML strings, or a bare year as a number) and reject impossible
//! values such as `2021-02-30` with a message that says why.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

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

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year = parse_number(parts.next().unwrap_or(""), 4, "year")?;
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

    pub fn year(&self) -> i32 {
        self.year
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

    /// The value for `<time datetime>`: exactly the known precision, as HTML allows.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// How a reader sees the date: "20 March 2003", "July 2017", "2014".
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
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

/// The page's published or updated moment: a full date, with an optional time of day and UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    date: PartialDate,
    /// Hours, minutes, seconds and the offset from UTC in minutes, when given.
    time: Option<(u8, u8, u8, i32)>,
}

impl Timestamp {
    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)`.
    pub fn parse(text: &str) -> Result<Timestamp, DateError> {
        let text = text.trim();
        let (date_part, time_part) = match text.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let date = PartialDate::parse(date_part)?;
        if date.day.is_none() {
            return Err(DateError(format!("`{text}` needs a full date, YYYY-MM-DD")));
        }
        let time = time_part.map(parse_time).transpose()?;
        Ok(Timestamp { date, time })
    }

    pub fn date(&self) -> PartialDate {
        self.date
    }

    /// ISO 8601, with the offset when a time was given: the value for `<time datetime>`.
    pub fn iso(&self) -> String {
        match self.time {
            None => self.date.iso(),
            Some((h, m, s, offset)) => {
                let zone = if offset == 0 {
                    "+00:00".to_string()
                } else {
                    let sign = if offset < 0 { '-' } else { '+' };
                    format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
                };
                format!("{}T{h:02}:{m:02}:{s:02}{zone}", self.date.iso())
            }
        }
    }

    pub fn human(&self) -> String {
        self.date.human()
    }

    /// The first moment of `date` in the same time zone as `like`: how a correction dated only to
    /// the day becomes the full date-time that feeds require.
    pub fn start_of_day(date: PartialDate, like: &Timestamp) -> Timestamp {
        let offset = like.time.map_or(0, |(_, _, _, offset)| offset);
        Timestamp {
            date: PartialDate {
                day: Some(date.day.unwrap_or(1)),
                month: Some(date.month.unwrap_or(1)),
                ..date
            },
            time: Some((0, 0, 0, offset)),
        }
    }

    /// RFC 3339, as Atom requires: [`iso`](Self::iso) when a time was given, else midnight UTC.
    pub fn rfc3339(&self) -> String {
        match self.time {
            Some(_) => self.iso(),
            None => format!("{}T00:00:00+00:00", self.date.iso()),
        }
    }

    /// Minutes since an arbitrary epoch, in UTC, for ordering two timestamps.
    fn utc_minutes(&self) -> i64 {
        let (y, m, d) = self.date.earliest();
        let days = days_from_civil(i64::from(y), i64::from(m), i64::from(d));
        let (h, min, offset) = self.time.map_or((0, 0, 0), |(h, min, _, offset)| {
            (i64::from(h), i64::from(min), i64::from(offset))
        });
        days * 1440 + h * 60 + min - offset
    }

    pub fn is_before(&self, other: &Timestamp) -> bool {
        self.utc_minutes() < other.utc_minutes()
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parse_time(text: &str) -> Result<(u8, u8, u8, i32), DateError> {
    let bad = || {
        DateError(format!(
            "the time `{text}` should look like 09:00:00-04:00 (hours, minutes, seconds, UTC offset)"
        ))
    };
    let (clock, offset) = if let Some(clock) = text.strip_suffix('Z') {
        (clock, 0)
    } else {
        let at = text.rfind(['+', '-']).ok_or_else(bad)?;
        let (clock, zone) = text.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let (zh, zm) = zone[1..].split_once(':').ok_or_else(bad)?;
        let zh: i32 = parse_number(zh, 2, "offset hour")?;
        let zm: i32 = parse_number(zm, 2, "offset minute")?;
        if zh > 14 || zm > 59 {
            return Err(bad());
        }
        (clock, sign * (zh * 60 + zm))
    };
    let mut parts = clock.split(':');
    let h: u8 = parse_number(parts.next().ok_or_else(bad)?, 2, "hour")?;
    let m: u8 = parse_number(parts.next().ok_or_else(bad)?, 2, "minute")?;
    let s: u8 = parts
        .next()
        .map(|s| parse_number(s, 2, "second"))
        .transpose()?
        .unwrap_or(0);
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return Err(bad());
    }
    Ok((h, m, s, offset))
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD, optionally with a time and offset like T09:00:00-04:00")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse(v).map_err(|e| E::custom(format!("invalid date: {e}")))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
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
}
