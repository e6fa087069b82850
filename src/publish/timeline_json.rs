//! The timeline in TimelineJS's JSON format (a title slide, `events` and `eras`), so a newsroom can
//! show the same chronology in TimelineJS or any tool that reads it.
//!
//! Dates keep the precision the editor wrote (a year, a month or a day). Citation marks are taken
//! out of the text, since their numbers point into the page's sources list; the sources an event
//! cites follow its text instead, as links to the original reports.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::content::model::Media;
use crate::content::model::{Era, EventMeta, SourceDef, SourceId};
use crate::content::{Document, Site};
use crate::dates::PartialDate;
use crate::html::escape;
use crate::i18n::{Arg, Language};
use crate::markdown::{self, Citations, Settings};
use crate::media::Pictures;

/// A TimelineJS date object: only the parts that are known.
fn date(d: PartialDate) -> Value {
    let mut object = Map::new();
    object.insert("year".into(), json!(d.year()));
    if let Some(month) = d.month() {
        object.insert("month".into(), json!(month));
    }
    if let Some(day) = d.day() {
        object.insert("day".into(), json!(day));
    }
    Value::Object(object)
}

/// The TimelineJS document for the site's timeline, or `None` if it has none.
pub fn timeline(
    site: &Site,
    canonical: Option<&str>,
    language: &Language,
    photos: &Photos,
) -> Option<String> {
    let section = site.timeline()?;
    let no_citations = Citations::default();
    let eras = &section.meta.eras;
    // By id, found once: the sources are spread over the sections, which can be thousands.
    let sources: HashMap<&SourceId, &SourceDef> = site.sources().map(|(_, s)| (&s.id, s)).collect();
    let context = Events {
        photos,
        site,
        language,
        sources: &sources,
        eras,
        no_citations: &no_citations,
    };
    // Each event is written out on its own, in parallel, at the indentation it has in the document;
    // the document is then written with an empty list and the events are put in it. (JSON strings
    // hold no raw line breaks, so indenting line by line cannot change a value.)
    let events: Vec<String> = site
        .events
        .par_iter()
        .map(|doc| {
            serde_json::to_string_pretty(&context.event(doc))
                .unwrap_or_default()
                .replace('\n', "\n    ")
        })
        .collect();

    let settings = Settings {
        citations: &no_citations,
        id_prefix: "intro",
        min_heading: 3,
        trusted_html: site.page.meta.trusted_html,
        terms: None,
        pictures: None,
    };
    let mut intro = markdown::render(section.body(), &settings).html;
    if let Some(canonical) = canonical {
        intro.push_str(&format!(
            "<p><a href=\"{}#{}\">{}</a></p>",
            escape(canonical),
            escape(&section.section_id()),
            escape(&language.text("read-full-explainer"))
        ));
    }
    let document = json!({
        "title": {
            "text": {
                "headline": headline(&site.page.meta.title),
                "text": intro.trim_end(),
            }
        },
        "events": [],
        "eras": eras.iter().map(|era| json!({
            "start_date": date(era.start),
            "end_date": date(era.end),
            "text": {"headline": headline(&era.title)},
        })).collect::<Vec<_>>(),
    });
    let document = serde_json::to_string_pretty(&document).ok()?;
    if events.is_empty() {
        return Some(document);
    }
    let (before, after) = document.split_once("\n  \"events\": []")?;
    Some(format!(
        "{before}\n  \"events\": [\n    {}\n  ]{after}",
        events.join(",\n    ")
    ))
}

/// A headline as TimelineJS shows it (as HTML): the words, with typographic punctuation, escaped.
fn headline(words: &str) -> String {
    escape(&markdown::smarten(words))
}

/// `address` when TimelineJS may load it: a web address, or a path of the site with no scheme.
fn safe_address(address: &str) -> Option<&str> {
    let scheme = address
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|first| first.contains(':'));
    (crate::url::is_web_address(address) || !scheme).then_some(address)
}

/// The photos made at build time, and the address (or the way) to the site's root, where they are.
pub struct Photos<'a> {
    pub pictures: &'a Pictures,
    pub root: &'a str,
}

/// What every event of the document is made with.
struct Events<'a> {
    photos: &'a Photos<'a>,
    language: &'a Language<'a>,
    site: &'a Site,
    sources: &'a HashMap<&'a SourceId, &'a SourceDef>,
    eras: &'a [Era],
    no_citations: &'a Citations,
}

impl Events<'_> {
    /// An event's media as TimelineJS takes it: a made photo by its JPEG of up to 1280 pixels (the
    /// widest TimelineJS shows), its smallest WebP as the thumbnail; other media by its address.
    fn media(&self, doc: &Document<EventMeta>, media: &Media) -> Value {
        let inline = |text: &str| {
            markdown::render_inline(text, self.no_citations, self.site.page.meta.trusted_html).html
        };
        // Only an address TimelineJS can load: a web address or a file of the site, never one
        // that runs script (`javascript:`) or carries a document (`data:`).
        let mut value = json!({});
        if let Some(url) = safe_address(&media.src) {
            value["url"] = json!(url);
        }
        if let Some(picture) = self.photos.pictures.find(&doc.path, &media.src) {
            let root = self.photos.root;
            let widest = picture
                .fallback
                .iter()
                .rev()
                .find(|v| v.width <= 1280)
                .or(picture.fallback.first());
            if let Some(file) = widest {
                value["url"] = json!(format!("{root}{}", file.path));
            }
            if let Some(small) = picture.webp.first() {
                value["thumbnail"] = json!(format!("{root}{}", small.path));
            }
        } else if let Some(thumbnail) = media.thumbnail.as_deref().and_then(safe_address) {
            value["thumbnail"] = json!(thumbnail);
        }
        if let Some(caption) = &media.caption {
            value["caption"] = json!(inline(caption));
        }
        if let Some(credit) = &media.credit {
            value["credit"] = json!(inline(credit));
        }
        if let Some(alt) = &media.alt {
            value["alt"] = json!(alt);
        }
        value
    }

    /// One TimelineJS event: its dates, its headline, its text with the sources it cites as links.
    fn event(&self, doc: &Document<EventMeta>) -> Value {
        let id = doc.event_id();
        let settings = Settings {
            citations: self.no_citations,
            id_prefix: &id,
            min_heading: 4,
            trusted_html: self.site.page.meta.trusted_html,
            terms: None,
            pictures: None,
        };
        let body = markdown::render(doc.body(), &settings);
        // The sources the event names, then any it cites only in its text, each once.
        let mut cited: Vec<SourceId> = doc.meta.sources.clone();
        for id in body.cited {
            let id = SourceId(id);
            if !cited.contains(&id) {
                cited.push(id);
            }
        }
        let links: Vec<String> = cited
            .iter()
            .filter_map(|id| self.sources.get(id))
            .map(|s| {
                format!(
                    "<a href=\"{}\">{}: {}</a>",
                    escape(&s.url),
                    escape(s.credit()),
                    escape(&markdown::smarten(&s.title))
                )
            })
            .collect();
        let mut text = body.html.trim_end().to_string();
        if !links.is_empty() {
            let label = self
                .language
                .format("event-sources", &[("count", Arg::Count(links.len()))]);
            text.push_str(&format!(
                "\n<p class=\"sources\">{}: {}</p>",
                escape(&label),
                links.join("; ")
            ));
        }
        let mut event = json!({
            "start_date": date(doc.meta.date),
            "text": {
                "headline": headline(&doc.meta.title),
                "text": text,
            },
            "unique_id": id,
        });
        if let Some(end) = doc.meta.end_date {
            event["end_date"] = date(end);
        }
        if let Some(display) = &doc.meta.display_date {
            event["display_date"] = json!(escape(display));
        }
        let era_title = |id: &str| {
            self.eras
                .iter()
                .find(|e| e.id == id)
                .map(|e| headline(&e.title))
        };
        if let Some(group) = doc.meta.era.as_deref().and_then(era_title) {
            event["group"] = json!(group);
        }
        if let Some(media) = &doc.meta.media {
            event["media"] = self.media(doc, media);
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_holds_only_addresses_timelinejs_may_load() {
        for ok in [
            "https://example.com/a.jpg",
            "media/convoy.gif",
            "clips/a:b.mp4",
        ] {
            assert_eq!(safe_address(ok), Some(ok));
        }
        for refused in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
        ] {
            assert_eq!(safe_address(refused), None, "{refused}");
        }
    }
}
