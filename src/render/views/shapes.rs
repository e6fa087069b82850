//! The views' shapes: what each template sees, field by field (ARCHITECTURE.md, "Template
//! variables"). Plain data; [`super::ViewBuilder`] fills them.

use serde::Serialize;

/// A date as `<time datetime="{iso}">{human}</time>` needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeView {
    pub iso: String,
    pub human: String,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub label: String,
    pub standfirst: String,
    pub description: String,
    pub authors: Vec<AuthorView>,
    pub dateline: Option<String>,
    pub published: TimeView,
    pub updated: Option<TimeView>,
    /// Who publishes the page, for "Cite this page": the site's name, else the byline.
    pub publisher: String,
    /// The days alone, for "Cite this page".
    pub published_day: String,
    pub updated_day: Option<String>,
    pub tool_credit: bool,
    pub language: String,
    pub site_name: Option<String>,
    pub key_points: Vec<String>,
    pub intro: String,
    pub corrections: Vec<CorrectionView>,
    pub corrections_policy: Option<String>,
    /// The picture or map under the headline.
    pub lead: Option<crate::render::media::MediaView>,
}

#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CorrectionView {
    /// The anchor the feed links to, `correction-2021-07-28`.
    pub id: String,
    pub date: TimeView,
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub html: String,
    pub quotes: Vec<QuoteView>,
    pub figures: Vec<FigureView>,
    pub terms: Vec<TermView>,
    pub sources: Vec<SourceView>,
    pub events: Vec<EventView>,
    pub eras: Vec<EraView>,
    /// The timeline at a glance, above its events.
    pub overview: Option<crate::render::overview::OverviewView>,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

#[derive(Debug, Serialize)]
pub struct QuoteView {
    pub text: String,
    pub speaker: String,
    pub role: String,
    pub occasion: String,
    pub date: TimeView,
    pub cite_url: Option<String>,
    pub cites: String,
    /// The words are a translation of what was said.
    pub translated: bool,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    pub value: String,
    pub label: String,
    pub cites: String,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

#[derive(Debug, Serialize)]
pub struct TermView {
    /// `term-{id}` in the glossary, `card-{id}` for the card its mentions open.
    pub id: String,
    pub term: String,
    pub definition: String,
    pub cites: String,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub id: String,
    pub number: usize,
    pub outlet: String,
    pub copy_of: Option<String>,
    pub author: Option<String>,
    pub title: String,
    pub date: TimeView,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EraView {
    pub id: String,
    pub title: String,
    pub start: TimeView,
    pub end: TimeView,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub id: String,
    pub date: TimeView,
    pub end_date: Option<TimeView>,
    /// The date as shown: the editor's `display_date`, or the human form of the date (and end date).
    pub display_date: String,
    pub title: String,
    pub html: String,
    /// Set on the first event of each era, where the era's heading goes.
    pub era_start: Option<EraView>,
    pub era: Option<String>,
    /// Dated after the page was published: labelled so readers know it was added later.
    pub after_publication: bool,
    pub cites: String,
    pub source_count: usize,
    /// The outlets the event's sources are from, each once: what the event names under it.
    pub outlets: Vec<OutletView>,
    /// The group the event belongs to, shown with it.
    pub group: Option<String>,
    pub media: Option<crate::render::media::MediaView>,
    /// The original's language, when the edition shows this in its words.
    pub original: Option<OriginalView>,
}

/// An outlet named under an event, linking to its first source in the list.
#[derive(Debug, Serialize)]
pub struct OutletView {
    pub id: String,
    pub name: String,
}

/// The language of a part an edition shows in its original's words, for its element's `lang` and
/// `dir` attributes.
#[derive(Debug, Clone, Serialize)]
pub struct OriginalView {
    pub lang: String,
    pub dir: String,
}

impl OriginalView {
    pub fn of(language: Option<&str>) -> Option<OriginalView> {
        language.map(|lang| OriginalView {
            lang: lang.to_string(),
            dir: crate::i18n::dir_of(crate::i18n::is_rtl(lang)).to_string(),
        })
    }

    /// `html` inside an `element` that says its language, when it is the original's.
    pub fn wrap(language: Option<&str>, element: &str, html: String) -> String {
        match OriginalView::of(language) {
            Some(o) => format!(
                "<{element} lang=\"{}\" dir=\"{}\">{html}</{element}>",
                crate::html::escape(&o.lang),
                o.dir
            ),
            None => html,
        }
    }
}
