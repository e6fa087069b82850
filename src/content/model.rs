//! The typed front matter of every kind of content file.
//!
//! These structs are the content model of `docs/content-model.md`. They only describe what an editor
//! may write; checks that need more than one file (citations, duplicate ids, eras) live in
//! `content::validate`. Unknown fields are rejected so that a typo is never silently ignored.
//!
//! The same structs generate the JSON Schema that editors' YAML tooling reads (`explainer schema`,
//! see `crate::schema`), so their doc comments are what an editor sees when hovering over a field:
//! they are written for journalists.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dates::{PartialDate, TimeOfDay, Timestamp};
use crate::kinds;

/// The id of a source in the sources list, as cited by events, figures, quotes and `[@id]` in text.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(transparent)]
pub struct SourceId(pub String);

impl SourceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a field that must hold text says when it holds none (see [`required_text`]).
pub const EMPTY_TEXT: &str = "no text where text is required";

/// Text an editor must write. `title: null`, `title: ~`, `title:` and `title: ""` (or only spaces) are
/// mistakes, not a title "null" or an empty heading; a quoted "null" is text like any other.
fn required_text<'de, D: serde::Deserializer<'de>>(value: D) -> Result<String, D::Error> {
    match Option::<String>::deserialize(value)? {
        Some(text) if !text.trim().is_empty() => Ok(text),
        _ => Err(serde::de::Error::custom(EMPTY_TEXT)),
    }
}

/// `content/_index.md`: the page itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The headline, the page's only big heading. At most 110 characters.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub title: String,
    /// The type-of-work label shown above the headline.
    #[serde(default = "default_label")]
    pub label: String,
    /// One or two sentences under the headline. May cite sources with [@id].
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub standfirst: String,
    /// Plain text for search engines and sharing. At most 200 characters.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub description: String,
    /// The byline.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Where the story was filed from, e.g. WASHINGTON.
    pub dateline: Option<String>,
    /// When the page was first published: 2021-07-27, or 2021-07-27T09:00:00-04:00.
    pub published: Timestamp,
    /// When the page was last updated; never before `published`.
    pub updated: Option<Timestamp>,
    /// The page's language code, e.g. en.
    #[serde(default = "default_language")]
    pub language: String,
    /// The publication's name, shown at the top of the page.
    pub site_name: Option<String>,
    /// The organisation that publishes the page, for sharing metadata (JSON-LD `publisher`).
    pub publisher: Option<Publisher>,
    /// The address the page is published at, e.g. https://ORG.github.io/REPO/.
    pub base_url: Option<String>,
    /// The custom domain the page is served at (`news.example.com`), written to a `CNAME` file.
    pub cname: Option<String>,
    /// The image shown when the page is shared, a file in `static/`; without it, the lead photo if
    /// the page has one, else a card explainer draws from the headline.
    pub image: Option<String>,
    /// What the shared image shows, in words.
    pub image_alt: Option<String>,
    /// The picture (or map) under the headline: a file beside `_index.md` or in `static/`, with its
    /// description, caption and credit.
    pub lead: Option<Media>,
    /// Three to five one-sentence bullets. May cite sources with [@id].
    #[serde(default)]
    pub key_points: Vec<String>,
    /// Corrections, each shown with its date near the end of the page.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// A link to the publication's corrections policy.
    pub corrections_policy: Option<String>,
    /// Keep HTML written in the page's Markdown exactly as written, scripts and all. Leave this out
    /// unless everyone who edits the page is trusted: without it, HTML in the text is cleaned to the
    /// markup explainers use (links, emphasis, lists, tables, figures, abbr, time).
    #[serde(default)]
    pub trusted_html: bool,
    /// true adds "Made with explainer." to the footer; by default the page credits no tool.
    #[serde(default)]
    pub tool_credit: bool,
    /// What an edition shows of this file in the original's words (never written in a file).
    #[serde(skip)]
    #[schemars(skip)]
    pub untranslated: crate::content::translation::Untranslated,
}

fn default_label() -> String {
    "Explainer".to_string()
}

fn default_language() -> String {
    "en".to_string()
}

/// One name in the byline.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub name: String,
    /// An optional link to the author's page.
    pub url: Option<String>,
}

/// The organisation that publishes the page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// Its name, e.g. the newsroom's.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub name: String,
    /// An optional link to its home page.
    pub url: Option<String>,
}

/// A correction: what was wrong, and when it was fixed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The day of the correction: YYYY-MM-DD.
    pub date: PartialDate,
    /// What was wrong and what is right. May cite sources with [@id].
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// The section's heading.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub title: String,
    /// Where the section goes: sections are ordered by weight, smallest first.
    pub weight: i64,
    /// How the section is shown: prose (the default), figures, glossary, sources or timeline.
    #[serde(default)]
    #[schemars(schema_with = "kind_schema")]
    pub kind: Option<String>,
    /// The section's anchor (#id); by default the file name without .md.
    pub id: Option<String>,
    /// true keeps the section off the page unless built with --drafts.
    #[serde(default)]
    pub draft: bool,
    /// Verbatim quotes shown after the text.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Key figures (kind: figures).
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Glossary entries (kind: glossary).
    #[serde(default)]
    pub terms: Vec<Term>,
    /// The sources list (kind: sources).
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// Periods of the timeline (timeline/_index.md only).
    #[serde(default)]
    pub eras: Vec<Era>,
    /// What an edition shows of this file in the original's words (never written in a file).
    #[serde(skip)]
    #[schemars(skip)]
    pub untranslated: crate::content::translation::Untranslated,
}

impl SectionMeta {
    /// The data fields (of `kinds::DATA_FIELDS`, in that order) that this section fills in.
    pub fn data_fields_used(&self) -> impl Iterator<Item = &'static str> {
        [
            ("quotes", !self.quotes.is_empty()),
            ("figures", !self.figures.is_empty()),
            ("terms", !self.terms.is_empty()),
            ("sources", !self.sources.is_empty()),
            ("eras", !self.eras.is_empty()),
        ]
        .into_iter()
        .filter_map(|(field, used)| used.then_some(field))
    }
}

/// A section's `kind`: any name (a custom kind is a template of that name), with the built-in
/// kinds offered as examples, so that editors' tooling can complete them.
fn kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = kinds::BUILT_IN.iter().map(|k| k.name).collect();
    schemars::json_schema!({
        "type": ["string", "null"],
        "examples": names,
    })
}

/// A verbatim quotation with its attribution.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The exact words: nothing added but [bracketed] words and … for omissions.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub text: String,
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub speaker: String,
    /// The speaker's role, e.g. President of the United States.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub role: String,
    /// Where the words were said.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub occasion: String,
    /// When: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: PartialDate,
    /// The id of the source the quote comes from.
    pub source: SourceId,
    /// The words are a translation: the speaker said them in another language. The page says so
    /// beside the quote.
    #[serde(default)]
    pub translated: bool,
}

/// A key figure: a number and what it means.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number as shown, e.g. "about 2,500".
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub value: String,
    /// What the number means. May cite sources with [@id].
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub label: String,
    /// The ids of the sources of the number: [id1, id2].
    pub sources: Vec<SourceId>,
}

/// A glossary entry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub term: String,
    /// May cite sources with [@id].
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub definition: String,
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// The words that open this term's card where they first appear in a section's text, e.g.
    /// [Mustafa al-Kadhimi, al-Kadhimi]; without it, the term itself; [] for none.
    pub mentions: Option<Vec<String>>,
}

impl Term {
    /// What the glossary entry (`term-{id}`) and its card (`card-{id}`) are named by.
    pub fn id(&self) -> String {
        crate::markdown::slugify(&self.term)
    }

    /// The words that mention the term in a text: its `mentions`, else the term itself.
    pub fn mention_words(&self) -> Vec<&str> {
        match &self.mentions {
            Some(words) => words.iter().map(String::as_str).collect(),
            None => vec![self.term.as_str()],
        }
    }
}

/// One entry of the sources list.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// The id that citations use: lower-case letters, digits and hyphens, e.g. ap-2021-07-26.
    pub id: SourceId,
    /// The publication, e.g. Associated Press.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub outlet: String,
    /// Whose work it is when the outlet carries a copy: the news agency ("AP", "Reuters", "AFP") or
    /// the body that first published it. The page shows "AP, via NBC News", and an event names AP.
    pub copy_of: Option<String>,
    pub author: Option<String>,
    /// The headline of the article or document.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub title: String,
    /// When it was published: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: PartialDate,
    /// The full web address, starting with https://.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub url: String,
}

impl SourceDef {
    /// Whom an event names for this source: the agency whose copy it is, else the outlet.
    pub fn credit(&self) -> &str {
        self.copy_of.as_deref().unwrap_or(&self.outlet)
    }
}

/// A labelled span of the timeline. Both ends are required: an open-ended era cannot be drawn.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Era {
    /// The id that events use in `era:`.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub id: String,
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub title: String,
    /// The first date of the era: YYYY, YYYY-MM or YYYY-MM-DD.
    pub start: PartialDate,
    /// The last date of the era: YYYY, YYYY-MM or YYYY-MM-DD.
    pub end: PartialDate,
}

/// A picture, map or video shown with an event.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Media {
    /// The file, relative to `static/` (`images/convoy.jpg`); or, until it is downloaded into the
    /// explainer, its web address (`check` reports it, and the page only links to it).
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub src: String,
    /// What the picture shows, for readers who cannot see it.
    pub alt: Option<String>,
    /// The caption shown under it.
    pub caption: Option<String>,
    /// Who made it: "Reuters/Thaier al-Sudani".
    pub credit: Option<String>,
    /// A smaller picture to show in its place (a sheet's `Media Thumbnail`); for a video on another
    /// site, a photo of the explainer's own (`still.jpg`) is the still its facade shows.
    pub thumbnail: Option<String>,
    /// The picture only decorates and says nothing (screen readers skip it), so it needs no `alt`.
    /// Most pictures in an explainer say something: leave this out unless this one does not.
    #[serde(default)]
    pub decorative: bool,
}

impl Media {
    /// Whether the media is still on another site.
    pub fn is_remote(&self) -> bool {
        crate::url::is_external(&self.src)
    }
}

/// One timeline event, `content/timeline/<date>-<name>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventMeta {
    /// When it happened, only as precisely as you know: YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: PartialDate,
    /// For events that last: the last day, YYYY, YYYY-MM or YYYY-MM-DD.
    pub end_date: Option<PartialDate>,
    /// The time of day, on the 24-hour clock, local where it happened: "15:30". Needs a full date.
    pub time: Option<TimeOfDay>,
    /// For events that last: the time of day they ended, "17:00" (on `end_date`, or the same day).
    pub end_time: Option<TimeOfDay>,
    /// What happened, in a headline.
    #[serde(deserialize_with = "required_text")]
    #[schemars(with = "String", length(min = 1))]
    pub title: String,
    /// The id of an era in timeline/_index.md.
    pub era: Option<String>,
    /// The ids of the sources reporting the event: [id1, id2]. At least one.
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// A stable anchor (#id); by default the file name without .md.
    pub id: Option<String>,
    /// Replaces the date shown, e.g. "Late July 2021".
    pub display_date: Option<String>,
    /// A group the event belongs to, shown with it: "Diplomacy", "Fighting". A timeline sheet's
    /// `Group` column.
    pub group: Option<String>,
    /// A picture, map or video shown with the event.
    pub media: Option<Media>,
    /// true keeps the event off the page unless built with --drafts.
    #[serde(default)]
    pub draft: bool,
    /// What an edition shows of this file in the original's words (never written in a file).
    #[serde(skip)]
    #[schemars(skip)]
    pub untranslated: crate::content::translation::Untranslated,
}
