//! The page's own moments, `published` and `updated`: a full date with an optional time of day and
//! UTC offset, as ISO 8601 for machines and in words for readers.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::{DateError, PartialDate, parse_number};

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
        // `27 July 2021`: say it is in words, rather than that `27` is no year.
        if text.contains(|c: char| c.is_alphabetic() && c != 'T' && c != 'Z')
            && let Some(error) = super::written::in_words(text)
        {
            return Err(error);
        }
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

    /// The time of day and its offset from UTC in minutes, when one was given.
    pub fn time(&self) -> Option<(u8, u8, u8, i32)> {
        self.time
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
        let Some(at) = text.rfind(['+', '-']) else {
            return Err(DateError(format!(
                "the time `{text}` has no offset from UTC, so readers elsewhere would see the wrong \
                 time"
            )));
        };
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
