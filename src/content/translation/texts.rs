//! The text-only types a translation parses into: the words of a page, a section or an event,
//! each list in the original's order; everything else comes from the original.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// The text of the page file in another language.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageText {
    pub title: Option<String>,
    pub label: Option<String>,
    pub standfirst: Option<String>,
    pub description: Option<String>,
    pub dateline: Option<String>,
    pub site_name: Option<String>,
    pub image_alt: Option<String>,
    /// The lead picture's words in this language, and its own file if it has one.
    pub lead: Option<MediaText>,
    /// The same key points, in the same order.
    pub key_points: Option<Vec<String>>,
    /// Each correction's text, in the original's order.
    pub corrections: Option<Vec<TextOf>>,
    /// The byline's names as this language writes them, in the original's order.
    pub authors: Option<Vec<NameOf>>,
    /// The edition's locale, when it says more than the file name: `ar-IQ-u-nu-latn` for Western
    /// digits in `_index.ar.md`.
    pub language: Option<String>,
    /// What the original said when this was translated (see [`parts`]), written by
    /// `explainer translate --mark-done`.
    pub translated_from: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextOf {
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameOf {
    pub name: String,
}

/// The text of a section in another language: its title, and the text of its figures, quotes,
/// terms and eras, each in the original's order.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionText {
    pub title: Option<String>,
    pub figures: Option<Vec<FigureText>>,
    pub quotes: Option<Vec<QuoteText>>,
    pub terms: Option<Vec<TermText>>,
    pub eras: Option<Vec<EraText>>,
    pub translated_from: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureText {
    pub value: Option<String>,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuoteText {
    pub text: Option<String>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub occasion: Option<String>,
    /// The words in this language are a translation of what was said (the page says so).
    pub translated: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermText {
    pub term: Option<String>,
    pub definition: Option<String>,
    /// The words in this language that open the term's card (see the original's `mentions`).
    pub mentions: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EraText {
    /// The era's id, as the original gives it.
    pub id: String,
    pub title: String,
}

/// The text of a timeline event in another language.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventText {
    pub title: Option<String>,
    pub display_date: Option<String>,
    /// The group's name in this language.
    pub group: Option<String>,
    /// The media's words in this language, and its own file if it has one.
    pub media: Option<MediaText>,
    pub translated_from: Option<BTreeMap<String, String>>,
}

/// The words of an event's media in another language.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaText {
    /// A file of this edition's own in place of the original's (a map labelled in this
    /// language), named as the original names its file; without it, the original's file is shown.
    pub src: Option<String>,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}
