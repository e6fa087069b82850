//! The timeline's events as the templates see them: built on every core, each with its era's start,
//! its outlets and the glossary terms it mentions first.

use rayon::prelude::*;

use super::views::{EraView, EventView, OriginalView, OutletView, ViewBuilder};
use crate::content::model::{EventMeta, SourceId};
use crate::content::{Document, Site};
use crate::diagnostics::Diagnostics;
use crate::markdown;

impl ViewBuilder<'_> {
    /// The timeline's events, in order, each starting its era where the era changes.
    pub(super) fn timeline_events(&mut self, site: &Site, eras: &[EraView]) -> Vec<EventView> {
        let published = site.page.meta.published.date().earliest();
        // Where each era starts depends on the event before, so that is found first, in order; the
        // events themselves are independent, and rendered on every core.
        let mut current_era: Option<&str> = None;
        let era_starts: Vec<Option<EraView>> = site
            .events
            .iter()
            .map(|doc| {
                let era = doc.meta.era.as_deref();
                let start = if era.is_some() && era != current_era {
                    eras.iter().find(|e| Some(e.id.as_str()) == era).cloned()
                } else {
                    None
                };
                current_era = era;
                start
            })
            .collect();
        // The events are one text: a term opens its card in the first event that mentions it.
        let mut first_mentions: Vec<Vec<&str>> = vec![Vec::new(); site.events.len()];
        if let Some(glossary) = self.glossary {
            let mut seen: Vec<&str> = Vec::new();
            for (doc, first) in site.events.iter().zip(&mut first_mentions) {
                for id in glossary.mentioned_in(doc.body()) {
                    if !seen.contains(&id) {
                        seen.push(id);
                        first.push(id);
                    }
                }
            }
        }
        let (citations, formats, trusted_html) = (self.citations, self.formats, self.trusted_html);
        let (glossary, pictures, embed_words) = (self.glossary, self.pictures, self.embed_words);
        let built: Vec<(EventView, Diagnostics, Vec<String>)> = site
            .events
            .par_iter()
            .zip(era_starts)
            .zip(&first_mentions)
            .map(|((doc, era_start), first)| {
                let mut views = ViewBuilder::new(citations, formats, trusted_html);
                views.pictures = pictures;
                views.embed_words = embed_words;
                views.card_terms = glossary.map(|g| g.marks_for(|id| first.contains(&id)));
                let view = views.event(doc, era_start, published);
                (view, views.problems, views.cited)
            })
            .collect();
        built
            .into_iter()
            .map(|(view, problems, cited)| {
                self.problems.extend(problems.into_vec());
                self.cited.extend(cited);
                view
            })
            .collect()
    }

    fn event(
        &mut self,
        doc: &Document<EventMeta>,
        era_start: Option<EraView>,
        published: (i32, u8, u8),
    ) -> EventView {
        let m: &EventMeta = &doc.meta;
        let id = doc.event_id();
        let start = self.formats.date_time(m.date, m.time);
        let display_date = m.display_date.clone().unwrap_or_else(|| {
            match (m.end_date.filter(|end| *end != m.date), m.end_time) {
                (Some(end), end_time) => {
                    format!("{start} – {}", self.formats.date_time(end, end_time))
                }
                (None, Some(end_time)) => format!("{start} – {}", self.formats.time(end_time)),
                (None, None) => start,
            }
        });
        let mut date = self.time(m.date);
        if let (Some(time), false) = (m.time, date.iso.is_empty() || m.date.day().is_none()) {
            date.iso = format!("{}T{}", date.iso, time.iso());
        }
        let shown = &m.untranslated;
        let html = self.body(doc, &id, 4);
        EventView {
            html: OriginalView::wrap(shown.of_text(), "div", html),
            original: OriginalView::of(shown.of_file()),
            date,
            end_date: m.end_date.map(|d| self.time(d)),
            display_date,
            title: markdown::smarten(&m.title),
            era_start,
            era: m.era.clone(),
            after_publication: m.date.earliest() > published,
            cites: self.cites(&m.sources),
            source_count: m.sources.len(),
            outlets: self
                .citations
                .outlets(m.sources.iter().map(SourceId::as_str))
                .into_iter()
                .map(|(id, name)| OutletView { id, name })
                .collect(),
            group: m.group.as_deref().map(markdown::smarten),
            media: m
                .media
                .as_ref()
                .map(|media| self.media(doc, media, crate::media::Layout::Column)),
            id,
        }
    }
}
