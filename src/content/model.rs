//! The typed front matter of every kind of content file.
//!
//! These structs are the content model of `docs/content-model.md`. They only describe what an editor
//! may write; checks that need more than one file (citations, duplicate ids, eras) live in
//! `content::validate`. Unknown fields are rejected so that a typo is never silently ignored.

use serde::{Deserialize, Serialize};

use crate::dates::{PartialDate, Timestamp};

/// The id of a source in the sources list, as cited by events, figures, quotes and `[@id]` in text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(transparent)]
pub struct SourceId(pub String);

impl SourceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `content/_index.md`: the page itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    #[serde(default = "default_label")]
    pub label: String,
    pub standfirst: String,
    pub description: String,
    #[serde(default)]
    pub authors: Vec<Author>,
    pub dateline: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    #[serde(default = "default_language")]
    pub language: String,
    pub site_name: Option<String>,
    /// The organisation that publishes the page, for sharing metadata (JSON-LD `publisher`).
    pub publisher: Option<Publisher>,
    pub base_url: Option<String>,
    /// The custom domain the page is served at (`news.example.com`), written to a `CNAME` file.
    pub cname: Option<String>,
    /// The image shown when the page is shared, a file in `static/`; without it explainer draws one.
    pub image: Option<String>,
    /// What the shared image shows, in words.
    pub image_alt: Option<String>,
    #[serde(default)]
    pub key_points: Vec<String>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    pub corrections_policy: Option<String>,
}

fn default_label() -> String {
    "Explainer".to_string()
}

fn default_language() -> String {
    "en".to_string()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub date: PartialDate,
    pub text: String,
}

impl PageMeta {
    /// The anchor id of each correction, `correction-2021-07-28`, numbered from the second on the
    /// same day. The page and the feed both link to corrections with these.
    pub fn correction_ids(&self) -> Vec<String> {
        let mut seen: std::collections::HashMap<PartialDate, usize> = Default::default();
        self.corrections
            .iter()
            .map(|correction| {
                let n = seen.entry(correction.date).or_insert(0);
                *n += 1;
                match *n {
                    1 => format!("correction-{}", correction.date.iso()),
                    n => format!("correction-{}-{n}", correction.date.iso()),
                }
            })
            .collect()
    }
}

/// A section file, `content/<name>.md`, and the timeline's own `content/timeline/_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    pub title: String,
    pub weight: i64,
    pub kind: Option<String>,
    pub id: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    #[serde(default)]
    pub eras: Vec<Era>,
}

/// A verbatim quotation with its attribution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub speaker: String,
    pub role: String,
    pub occasion: String,
    pub date: PartialDate,
    pub source: SourceId,
}

/// A key figure: a number and what it means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub value: String,
    pub label: String,
    pub sources: Vec<SourceId>,
}

/// A glossary entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub definition: String,
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

/// One entry of the sources list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    pub id: SourceId,
    pub outlet: String,
    pub author: Option<String>,
    pub title: String,
    pub date: PartialDate,
    pub url: String,
}

/// A labelled span of the timeline. Both ends are required: an open-ended era cannot be drawn.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Era {
    pub id: String,
    pub title: String,
    pub start: PartialDate,
    pub end: PartialDate,
}

/// One timeline event, `content/timeline/<date>-<name>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub title: String,
    pub era: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceId>,
    pub id: Option<String>,
    pub display_date: Option<String>,
    #[serde(default)]
    pub draft: bool,
}
