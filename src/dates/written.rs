//! Dates written the ways people write them outside YAML — `06/09/2023`, `Monday, 26 July 2021`,
//! `2021–07–26` with dashes, `2021-12-09.` with a full stop, a period `2021-12-09 – 2021-12-10` —
//! recognised so that the message says how to write the date the editor meant.

use super::{DateError, MONTHS, PartialDate};

/// Dates written the way people write them elsewhere: `06/09/2023`, `6.9.2023`, or with dashes
/// (`2021–07–26`) where hyphens belong. Says how to write them, with both readings of a day and a month
/// that could be either.
pub(super) fn other_form(text: &str) -> Option<DateError> {
    if let Some(error) = two_dates(text).or_else(|| slipped(text)) {
        return Some(error);
    }
    if text.contains(['–', '—', '‒', '−']) {
        let fixed = text.replace(['–', '—', '‒', '−'], "-");
        return Some(DateError(format!(
            "`{text}` has dashes between its parts where hyphens belong: write {fixed}"
        )));
    }
    if text.chars().any(char::is_alphabetic) {
        return in_words(text);
    }
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (1..=2)
            .contains(&s.len())
            .then(|| s.parse::<u8>().ok())
            .flatten()
    };
    let (Some(a), Some(b)) = (number(a), number(b)) else {
        return None;
    };
    if year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let reading = |day: u8, month: u8| {
        PartialDate::new(year, Some(month), Some(day))
            .ok()
            .map(|d| format!("{} if it means {}", d.iso(), d.human()))
    };
    let mut readings: Vec<String> = [reading(a, b), reading(b, a)]
        .into_iter()
        .flatten()
        .collect();
    readings.dedup();
    let advice = match readings.as_slice() {
        [] => "write it as YYYY-MM-DD".to_string(),
        [one] => format!("write {}", one.split(" if ").next().unwrap_or(one)),
        [first, second, ..] => format!("write {first}, or {second}"),
    };
    Some(DateError(format!(
        "`{text}` is not written YYYY-MM-DD: {advice}"
    )))
}

/// Two dates where one belongs, `2021-12-09 – 2021-12-10`: a period, which an event cannot have.
fn two_dates(text: &str) -> Option<DateError> {
    [" – ", " — ", " - ", " to ", "–", "—", "/"]
        .iter()
        .find_map(|sep| {
            let (first, second) = text.split_once(sep)?;
            let first = PartialDate::parse(first).ok()?;
            PartialDate::parse(second).ok()?;
            Some(DateError(format!(
                "`{text}` is two dates: write the date it began, {first}"
            )))
        })
}

/// A date with a stray full stop or comma after it, or a month or day written with one digit.
fn slipped(text: &str) -> Option<DateError> {
    if let Some(trimmed) = text.strip_suffix(['.', ',', ';', ':'])
        && let Ok(date) = PartialDate::parse(trimmed)
    {
        let mark = &text[trimmed.len()..];
        return Some(DateError(format!(
            "`{text}` ends with `{mark}`: write {date}"
        )));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let numbers = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() < 2 || parts.len() > 3 || !parts.iter().all(numbers) || parts[0].len() != 4 {
        return None;
    }
    if !parts[1..].iter().any(|p| p.len() == 1) || parts[1..].iter().any(|p| p.len() > 2) {
        return None;
    }
    let padded: Vec<String> = parts[1..].iter().map(|p| format!("{p:0>2}")).collect();
    let date = match PartialDate::parse(&format!("{}-{}", parts[0], padded.join("-"))) {
        Ok(date) => date,
        Err(impossible) => return Some(impossible),
    };
    Some(DateError(format!(
        "`{text}` needs two digits for the month and the day: write {date}"
    )))
}

/// A date written in words, `Monday, 26 July 2021` or `July 26, 2021`: says how to write it.
pub(super) fn in_words(text: &str) -> Option<DateError> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().find_map(|w| {
        let w = w.to_lowercase();
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.to_lowercase().starts_with(&w))
            .and_then(|i| u8::try_from(i + 1).ok())
    });
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|w| w.parse().ok());
    let day = words
        .iter()
        .find(|w| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|w| w.parse().ok());
    let written = match (year, month, day) {
        (Some(y), Some(m), day) => PartialDate::new(y, Some(m), day).ok()?.iso(),
        _ => return None,
    };
    Some(DateError(format!(
        "`{text}` is written in words: write {written}"
    )))
}
