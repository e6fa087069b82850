//! Dates and numbers as an edition's readers write them, from CLDR data compiled into ICU4X: the
//! month names, the order of day, month and year, and the digits.

use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, Combo, YMDT, zone::LocalizedOffsetShort};
use icu_datetime::input::{DateTime, Time, UtcOffset, ZonedDateTime};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale::LocaleDirectionality;
use icu_locale_core::subtags::{Language, Region, language, region};
use icu_locale_core::{Locale, locale};

use crate::dates::{PartialDate, TimeOfDay, Timestamp};

/// The readership explainer assumes when a page gives a language without a region. English as it
/// is written outside the United States, day before month ("26 July 2021": CLDR's `en-001`), as
/// this tool's first explainer has it; Arabic as it is written in Iraq (`ar-IQ`), whose readers
/// the first Arabic edition is for: the month names of the Levant and Iraq (تموز، آب، كانون
/// الثاني) rather than Egypt's (يوليو، أغسطس، يناير), and Arabic-Indic digits (٢٦), which is what
/// CLDR gives for Iraq. A region in the page's `language` (`en-US`, `ar-EG`) or a Unicode
/// extension (`ar-IQ-u-nu-latn` for Western digits) chooses otherwise.
const READERSHIP: [(Language, Region); 2] = [
    (language!("en"), region!("001")),
    (language!("ar"), region!("IQ")),
];

type Formatter<F> = FixedCalendarDateTimeFormatter<Gregorian, F>;

/// The formatters for one locale.
pub struct Formats {
    locale: Locale,
    day: Formatter<fieldsets::YMD>,
    month: Formatter<fieldsets::YM>,
    year: Formatter<fieldsets::Y>,
    moment: Formatter<Combo<YMDT, LocalizedOffsetShort>>,
    day_time: Formatter<YMDT>,
    clock: NoCalendarFormatter<fieldsets::T>,
    decimal: DecimalFormatter,
    rtl: bool,
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formats")
            .field("locale", &self.locale.to_string())
            .finish_non_exhaustive()
    }
}

/// The locale whose conventions a page in `language` follows (see [`READERSHIP`]). A tag that
/// does not parse (the content checks report it) is read as English.
pub fn locale_for(language: &str) -> Locale {
    let mut locale: Locale = language.parse().unwrap_or(locale!("en"));
    if locale.id.region.is_none()
        && let Some((_, region)) = READERSHIP.iter().find(|(l, _)| *l == locale.id.language)
    {
        locale.id.region = Some(*region);
    }
    locale
}

/// Whether `language` is written right to left (CLDR's directionality, through ICU4X).
pub fn is_rtl(language: &str) -> bool {
    LocaleDirectionality::new_common().is_right_to_left(&locale_for(language).id)
}

impl Formats {
    /// The formatters for a page in `language` (a BCP 47 tag).
    pub fn new(language: &str) -> Formats {
        let locale = locale_for(language);
        // Compiled data has every locale, falling back to the language's or the root's: these
        // cannot fail for a well-formed locale.
        let (day, month, year, decimal) = (
            Formatter::try_new((&locale).into(), fieldsets::YMD::long()),
            Formatter::try_new((&locale).into(), fieldsets::YM::long()),
            Formatter::try_new((&locale).into(), fieldsets::Y::long()),
            DecimalFormatter::try_new((&locale).into(), Default::default()),
        );
        // A time to the minute, with its offset from UTC as the locale writes it ("GMT+3",
        // "غرينتش+٣"): a page's moment names no city, so the offset is all there is to say.
        let moment = Formatter::try_new(
            (&locale).into(),
            fieldsets::YMD::long()
                .with_time_hm()
                .with_zone(LocalizedOffsetShort),
        );
        // An event's local time, where it happened: no offset to give.
        let day_time = Formatter::try_new((&locale).into(), fieldsets::YMD::long().with_time_hm());
        let clock = NoCalendarFormatter::try_new((&locale).into(), fieldsets::T::hm());
        let rtl = is_rtl(language);
        match (day, month, year, moment, day_time, clock, decimal) {
            (Ok(day), Ok(month), Ok(year), Ok(moment), Ok(day_time), Ok(clock), Ok(decimal)) => {
                Formats {
                    locale,
                    day,
                    month,
                    year,
                    moment,
                    day_time,
                    clock,
                    decimal,
                    rtl,
                }
            }
            _ => Formats::new("en"),
        }
    }

    /// The locale used, e.g. `ar-IQ`.
    pub fn locale(&self) -> String {
        self.locale.to_string()
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(&self) -> bool {
        self.rtl
    }

    /// A date to the precision it is known: "26 July 2021", "July 2021", "2021"; in Arabic for
    /// Iraq "٢٦ تموز ٢٠٢١", "تموز ٢٠٢١", "٢٠٢١".
    pub fn date(&self, date: PartialDate) -> String {
        let (_, month, day) = date.earliest();
        let year = date.astronomical_year();
        let Ok(value) = Date::try_new_gregorian(year, month, day) else {
            return date.iso();
        };
        match (date.month(), date.day()) {
            (Some(_), Some(_)) => self.day.format(&value).to_string(),
            (Some(_), None) => self.month.format(&value).to_string(),
            _ => self.year.format(&value).to_string(),
        }
    }

    /// A date with the time of day when one is known (and the date has its day): "26 July 2021
    /// at 3:30 pm".
    pub fn date_time(&self, date: PartialDate, time: Option<TimeOfDay>) -> String {
        let (Some(time), Some(_)) = (time, date.day()) else {
            return self.date(date);
        };
        let (_, month, day) = date.earliest();
        let (Ok(date), Ok(time)) = (
            Date::try_new_gregorian(date.astronomical_year(), month, day),
            Time::try_new(time.hour(), time.minute(), time.second(), 0),
        ) else {
            return self.date(date);
        };
        self.day_time.format(&DateTime { date, time }).to_string()
    }

    /// A time of day alone: "5:00 pm", "٥:٠٠ م".
    pub fn time(&self, time: TimeOfDay) -> String {
        match Time::try_new(time.hour(), time.minute(), time.second(), 0) {
            Ok(value) => self.clock.format(&value).to_string(),
            Err(_) => time.iso(),
        }
    }

    /// A published or updated moment: its day alone when no time was given, else the day, the
    /// time to the minute and the offset ("10 December 2021, 09:00 GMT+3").
    pub fn moment(&self, timestamp: &Timestamp) -> String {
        let Some((hour, minute, second, offset)) = timestamp.time() else {
            return self.date(timestamp.date());
        };
        let (year, month, day) = timestamp.date().earliest();
        let (Ok(date), Ok(time), Ok(zone)) = (
            Date::try_new_gregorian(year, month, day),
            Time::try_new(hour, minute, second, 0),
            UtcOffset::try_from_seconds(offset * 60),
        ) else {
            return timestamp.iso();
        };
        let value = ZonedDateTime { date, time, zone };
        self.moment.format(&value).to_string()
    }

    /// A whole number with the locale's digits (and grouping: "1,000", "١٬٠٠٠").
    pub fn number(&self, n: usize) -> String {
        self.decimal.format(&Decimal::from(n as u64)).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn english_dates_put_the_day_first() {
        let en = Formats::new("en");
        assert_eq!(en.locale(), "en-001");
        assert_eq!(en.date(date("2021-07-26")), "26 July 2021");
        assert_eq!(en.date(date("2014-06")), "June 2014");
        assert_eq!(en.date(date("2003")), "2003");
        assert_eq!(en.date(date("-500")), "500 BC");
        assert_eq!(en.date(date("-0044-03-15")), "15 March 44 BC");
        assert_eq!(en.number(1234), "1,234");
        assert!(!en.is_rtl());
        assert_eq!(
            Formats::new("en-US").date(date("2021-07-26")),
            "July 26, 2021"
        );
    }

    #[test]
    fn arabic_dates_use_iraqi_month_names_and_arabic_indic_digits() {
        let ar = Formats::new("ar");
        assert_eq!(ar.locale(), "ar-IQ");
        assert!(ar.is_rtl());
        assert_eq!(ar.date(date("2021-07-26")), "٢٦ تموز ٢٠٢١");
        assert_eq!(ar.date(date("2014-06")), "حزيران ٢٠١٤");
        assert_eq!(ar.number(12), "١٢");
        let western = Formats::new("ar-IQ-u-nu-latn");
        assert_eq!(western.date(date("2021-07-26")), "26 تموز 2021");
        assert_eq!(Formats::new("ar-EG").date(date("2021-08")), "أغسطس ٢٠٢١");
    }

    #[test]
    fn an_event_time_is_local_with_no_offset() {
        let en = Formats::new("en");
        let time = TimeOfDay::parse("15:30").ok();
        assert_eq!(
            en.date_time(date("2021-07-26"), time),
            "26 July 2021 at 3:30\u{202f}pm"
        );
        assert_eq!(en.date_time(date("2021-07"), time), "July 2021");
        assert_eq!(
            en.time(TimeOfDay::parse("17:00").unwrap()),
            "5:00\u{202f}pm"
        );
        let ar = Formats::new("ar");
        assert_eq!(
            ar.date_time(date("2021-07-26"), time),
            "٢٦ تموز ٢٠٢١ في ٣:٣٠ م"
        );
    }

    #[test]
    fn a_moment_with_a_time_gives_the_minute_and_the_offset() {
        let stamp = |text: &str| Timestamp::parse(text).unwrap();
        let en = Formats::new("en");
        assert_eq!(en.moment(&stamp("2021-07-26")), "26 July 2021");
        let with_time = stamp("2021-12-10T09:05:00+03:00");
        let english = en.moment(&with_time);
        assert!(english.contains("10 December 2021"), "{english}");
        assert_eq!(english, "10 December 2021 at 9:05\u{202f}am GMT+3");
        let arabic = Formats::new("ar").moment(&with_time);
        assert!(arabic.contains("١٠ كانون الأول ٢٠٢١"), "{arabic}");
        assert_eq!(arabic, "١٠ كانون الأول ٢٠٢١ في ٩:٠٥ ص غرينتش\u{61c}+٣");
    }
}
