//! The page's language: the words of its interface, from a Fluent catalog per language
//! ([`Catalogs`]), and its dates, numbers and direction, from CLDR data through ICU4X
//! ([`Formats`]). Nothing reader-facing is written in Rust or in the templates: they ask a
//! [`Language`] for it.

mod catalog;
mod formats;

pub use catalog::{Arg, Catalog, Catalogs, LOCALES_DIR};
pub use formats::{Formats, is_rtl, locale_for};

use crate::dates::{PartialDate, Timestamp};

/// What one page is written in: its language tag, its words and its formats.
#[derive(Debug)]
pub struct Language<'a> {
    /// The page's `language`, as its `lang` attribute has it.
    pub tag: String,
    pub catalog: Catalog<'a>,
    pub formats: Formats,
}

impl<'a> Language<'a> {
    pub fn new(tag: &str, catalogs: &'a Catalogs) -> Language<'a> {
        Language {
            tag: tag.to_string(),
            catalog: catalogs.catalog(tag),
            formats: Formats::new(tag),
        }
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        dir_of(self.formats.is_rtl())
    }

    /// An interface message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.catalog.text(id)
    }

    /// An interface message with arguments.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.catalog
            .format(id, args)
            .unwrap_or_else(|| id.to_string())
    }

    /// A date as readers of this language write it.
    pub fn date(&self, date: PartialDate) -> String {
        self.formats.date(date)
    }

    /// The day of a timestamp, as readers of this language write it.
    pub fn day(&self, timestamp: &Timestamp) -> String {
        self.formats.date(timestamp.date())
    }

    /// A whole number in this language's digits.
    pub fn number(&self, n: usize) -> String {
        self.formats.number(n)
    }
}

/// The `dir` attribute's value for a language that is, or is not, written right to left.
pub fn dir_of(rtl: bool) -> &'static str {
    if rtl { "rtl" } else { "ltr" }
}
