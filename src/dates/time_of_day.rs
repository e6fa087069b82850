//! An event's time of day, as the timeline gives it: local time where it happened, with no offset
//! (a sheet's `Time` column, or `time: "15:30"` in front matter).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::{DateError, parse_number};

/// Hours and minutes, and seconds when they were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
    second: Option<u8>,
}

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8, second: Option<u8>) -> Result<TimeOfDay, DateError> {
        if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59) {
            return Err(DateError(format!(
                "there is no time {hour:02}:{minute:02}: hours run from 00 to 23, minutes and seconds from 00 to 59"
            )));
        }
        Ok(TimeOfDay {
            hour,
            minute,
            second,
        })
    }

    /// Parses the 24-hour `HH:MM` or `HH:MM:SS`.
    pub fn parse(text: &str) -> Result<TimeOfDay, DateError> {
        let text = text.trim();
        let bad = || {
            DateError(format!(
                "the time `{text}` should be written on the 24-hour clock, HH:MM or HH:MM:SS (15:30)"
            ))
        };
        let mut parts = text.split(':');
        let hour = parse_number(parts.next().ok_or_else(bad)?, 2, "hour").map_err(|_| bad())?;
        let minute = parse_number(parts.next().ok_or_else(bad)?, 2, "minute").map_err(|_| bad())?;
        let second = parts
            .next()
            .map(|s| parse_number(s, 2, "second").map_err(|_| bad()))
            .transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        TimeOfDay::new(hour, minute, second)
    }

    pub fn hour(&self) -> u8 {
        self.hour
    }

    pub fn minute(&self) -> u8 {
        self.minute
    }

    pub fn second(&self) -> u8 {
        self.second.unwrap_or(0)
    }

    /// As written in front matter and in HTML's `datetime`: `15:30` or `15:30:05`.
    pub fn iso(&self) -> String {
        match self.second {
            Some(s) => format!("{:02}:{:02}:{s:02}", self.hour, self.minute),
            None => format!("{:02}:{:02}", self.hour, self.minute),
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TimeOfDay, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeOfDay::parse(&text).map_err(|e| de::Error::custom(format!("invalid time: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_24_hour_clock() {
        assert_eq!(TimeOfDay::parse("15:30").unwrap().iso(), "15:30");
        assert_eq!(TimeOfDay::parse("09:05:07").unwrap().iso(), "09:05:07");
        assert!(TimeOfDay::parse("24:00").is_err());
        assert!(TimeOfDay::parse("9:30").is_err());
        assert!(TimeOfDay::parse("3:30 PM").is_err());
        assert!(TimeOfDay::parse("15:60").is_err());
    }
}
