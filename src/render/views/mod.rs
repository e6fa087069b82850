//! What the templates see: plain serialisable views of the page, its sections and the timeline, with
//! Markdown already rendered to HTML and citations already numbered.
//!
//! Building the views is where Markdown problems (an unknown `[@id]`, a heading at the wrong level)
//! are found, so every function here records diagnostics against the file the text came from.

mod shapes;

pub use shapes::*;

use super::media::PhotosOf;
use crate::content::model::{PageMeta, SectionMeta, SourceId};
use crate::content::{Document, Site, front_matter};
use crate::dates::{PartialDate, Timestamp};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Formats;
use crate::markdown::{self, Citations, Glossary, Photos, Problem, Settings, TermMarks};
use crate::media::Pictures;
use crate::media::embed::EmbedWords;

/// No words: a builder without pictures shows no facades.
static NO_WORDS: EmbedWords = EmbedWords {
    play: Vec::new(),
    show: Vec::new(),
    privacy: Vec::new(),
};

/// Builds views while collecting Markdown problems as diagnostics.
pub struct ViewBuilder<'a> {
    pub citations: &'a Citations,
    /// The page's language's dates.
    pub formats: &'a Formats,
    /// The page's `trusted_html`: keep raw HTML in Markdown as written.
    pub trusted_html: bool,
    pub problems: Diagnostics,
    /// Every source id cited anywhere, for the "never cited" check.
    pub cited: Vec<String>,
    /// The page's glossary, whose terms open their cards at their first mention in a section.
    pub(super) glossary: Option<&'a Glossary>,
    /// The terms the section's text may still open a card for.
    pub(super) card_terms: Option<TermMarks<'a>>,
    /// The photos made at build time, and the way from the page to the site root.
    pub(super) pictures: Option<(&'a Pictures, &'a str)>,
    /// The words of the facades of videos and posts on other sites.
    pub(super) embed_words: &'a EmbedWords,
}

impl<'a> ViewBuilder<'a> {
    pub fn new(citations: &'a Citations, formats: &'a Formats, trusted_html: bool) -> Self {
        ViewBuilder {
            citations,
            formats,
            trusted_html,
            problems: Diagnostics::default(),
            cited: Vec::new(),
            glossary: None,
            card_terms: None,
            pictures: None,
            embed_words: &NO_WORDS,
        }
    }

    /// The same, opening the glossary's cards from the text (sections other than the glossary).
    /// Shows the photos of `pictures` as `<picture>`s; `root` leads from the page to the site root.
    pub fn with_pictures(
        mut self,
        pictures: &'a Pictures,
        root: &'a str,
        embed_words: &'a EmbedWords,
    ) -> Self {
        self.pictures = Some((pictures, root));
        self.embed_words = embed_words;
        self
    }

    pub fn with_glossary(mut self, glossary: &'a Glossary) -> Self {
        self.glossary = (!glossary.is_empty()).then_some(glossary);
        self
    }

    /// A date for `<time>`, written as the page's readers write dates. A date before the common
    /// era has no `datetime` value in HTML: its `iso` is empty.
    pub(super) fn time(&self, date: PartialDate) -> TimeView {
        TimeView {
            iso: if date.is_bce() {
                String::new()
            } else {
                date.iso()
            },
            human: self.formats.date(date),
        }
    }

    /// A published or updated moment for `<time>`: the day, and the time when one was given.
    fn stamp(&self, timestamp: &Timestamp) -> TimeView {
        TimeView {
            iso: timestamp.iso(),
            human: self.formats.moment(timestamp),
        }
    }

    pub(super) fn cites(&mut self, ids: &[SourceId]) -> String {
        self.cited.extend(ids.iter().map(|id| id.0.clone()));
        self.citations.html(ids.iter().map(SourceId::as_str))
    }

    /// Renders a Markdown body, placing problems in the file.
    pub(super) fn body<M>(
        &mut self,
        doc: &Document<M>,
        id_prefix: &str,
        min_heading: u8,
    ) -> String {
        let photos = self.pictures.map(|(pictures, root)| PhotosOf {
            pictures,
            doc: &doc.path,
            root,
            words: self.embed_words,
        });
        let settings = Settings {
            citations: self.citations,
            id_prefix,
            min_heading,
            trusted_html: self.trusted_html,
            terms: self.card_terms.as_ref(),
            pictures: photos.as_ref().map(|p| p as &dyn Photos),
        };
        let rendered = markdown::render(doc.body(), &settings);
        let offset = doc.split.body.start;
        for p in rendered.problems {
            self.problems
                .push(Diagnostic::from_problem(&doc.path, &doc.text, offset, p));
        }
        self.cited.extend(rendered.cited);
        rendered.html
    }

    /// Renders a one-line Markdown value of the front matter field `key`.
    pub(super) fn inline<M>(&mut self, doc: &Document<M>, key: &str, text: &str) -> String {
        let rendered = markdown::render_inline(text, self.citations, self.trusted_html);
        for p in rendered.problems {
            let needle = &text[p.range.clone()];
            let range = front_matter::locate(&doc.text, &doc.split, key, needle);
            let p = Problem { range, ..p };
            self.problems
                .push(Diagnostic::from_problem(&doc.path, &doc.text, 0, p));
        }
        self.cited.extend(rendered.cited);
        rendered.html
    }

    pub fn page(&mut self, doc: &Document<PageMeta>) -> PageView {
        let m = &doc.meta;
        let shown = &m.untranslated;
        let lead = m
            .lead
            .as_ref()
            .map(|lead| self.media(doc, lead, crate::media::Layout::Wide));
        PageView {
            lead,
            title: markdown::smarten(&m.title),
            label: m.label.clone(),
            standfirst: self.inline(doc, "standfirst", &m.standfirst),
            description: markdown::smarten(&m.description),
            authors: m
                .authors
                .iter()
                .map(|a| AuthorView {
                    name: a.name.clone(),
                    url: a.url.clone(),
                })
                .collect(),
            dateline: m.dateline.clone(),
            published: self.stamp(&m.published),
            updated: m.updated.as_ref().map(|t| self.stamp(t)),
            publisher: m
                .site_name
                .clone()
                .or_else(|| m.authors.first().map(|a| a.name.clone()))
                .unwrap_or_else(|| m.label.clone()),
            published_day: self.formats.date(m.published.date()),
            updated_day: m.updated.as_ref().map(|t| self.formats.date(t.date())),
            tool_credit: m.tool_credit,
            language: m.language.clone(),
            site_name: m.site_name.clone(),
            key_points: (m.key_points.iter().enumerate())
                .map(|(i, k)| {
                    let html = self.inline(doc, "key_points", k);
                    OriginalView::wrap(shown.of_item("key_points", i), "span", html)
                })
                .collect(),
            intro: {
                let html = self.body(doc, "intro", 2);
                OriginalView::wrap(shown.of_text(), "div", html)
            },
            corrections: m
                .corrections
                .iter()
                .zip(m.correction_ids())
                .enumerate()
                .map(|(i, (c, id))| CorrectionView {
                    id,
                    date: self.time(c.date),
                    html: OriginalView::wrap(
                        shown.of_item("corrections", i),
                        "span",
                        self.inline(doc, "text", &c.text),
                    ),
                })
                .collect(),
            corrections_policy: m.corrections_policy.clone(),
        }
    }

    pub fn section(&mut self, site: &Site, doc: &Document<SectionMeta>) -> SectionView {
        let m = &doc.meta;
        let id = doc.section_id();
        // A section's text opens each term's card once; the glossary's own text opens none.
        self.card_terms = self
            .glossary
            .filter(|_| m.terms.is_empty())
            .map(Glossary::marks);
        let source_url = |id: &SourceId| self.citations.url(id.as_str()).map(str::to_string);
        let shown = &m.untranslated;
        let eras: Vec<EraView> = (m.eras.iter().enumerate())
            .map(|(i, e)| EraView {
                original: OriginalView::of(shown.of_item("eras", i)),
                id: e.id.clone(),
                title: markdown::smarten(&e.title),
                start: self.time(e.start),
                end: self.time(e.end),
            })
            .collect();
        let events = if doc.is_timeline() {
            self.timeline_events(site, &eras)
        } else {
            Vec::new()
        };
        // The list of periods links to each era's first event: an era without events has no
        // place on the page to link to.
        let eras: Vec<EraView> = eras
            .into_iter()
            .filter(|era| {
                events
                    .iter()
                    .any(|e| e.era_start.as_ref().is_some_and(|s| s.id == era.id))
            })
            .collect();
        let overview = super::overview::overview(
            &site
                .events
                .iter()
                .map(|d| &d.meta)
                .zip(&events)
                .collect::<Vec<_>>(),
            &m.eras
                .iter()
                .filter(|e| eras.iter().any(|v| v.id == e.id))
                .collect::<Vec<_>>(),
            self.formats,
        )
        .filter(|_| doc.is_timeline());
        let html = self.body(doc, &id, 3);
        SectionView {
            overview,
            html: OriginalView::wrap(shown.of_text(), "div", html),
            original: OriginalView::of(shown.of_file()),
            title: markdown::smarten(&m.title),
            kind: doc.kind().to_string(),
            quotes: (m.quotes.iter().enumerate())
                .map(|(i, q)| QuoteView {
                    original: OriginalView::of(shown.of_item("quotes", i)),
                    text: markdown::smarten(&q.text),
                    speaker: markdown::smarten(&q.speaker),
                    role: markdown::smarten(&q.role),
                    occasion: markdown::smarten(&q.occasion),
                    date: self.time(q.date),
                    cite_url: source_url(&q.source),
                    cites: self.cites(std::slice::from_ref(&q.source)),
                    translated: q.translated,
                })
                .collect(),
            figures: (m.figures.iter().enumerate())
                .map(|(i, f)| FigureView {
                    original: OriginalView::of(shown.of_item("figures", i)),
                    value: markdown::smarten(&f.value),
                    label: self.inline(doc, "label", &f.label),
                    cites: self.cites(&f.sources),
                })
                .collect(),
            terms: (m.terms.iter().enumerate())
                .map(|(i, t)| TermView {
                    original: OriginalView::of(shown.of_item("terms", i)),
                    id: t.id(),
                    term: markdown::smarten(&t.term),
                    definition: self.inline(doc, "definition", &t.definition),
                    cites: self.cites(&t.sources),
                })
                .collect(),
            sources: m
                .sources
                .iter()
                .map(|s| SourceView {
                    id: s.id.0.clone(),
                    number: self.citations.number(s.id.as_str()).unwrap_or_default(),
                    outlet: s.outlet.clone(),
                    copy_of: s.copy_of.clone(),
                    author: s.author.clone(),
                    title: markdown::smarten(&s.title),
                    date: self.time(s.date),
                    url: s.url.clone(),
                })
                .collect(),
            events,
            eras,
            id,
        }
    }
}
