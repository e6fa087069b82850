//! The Atom feed of the page's history: its publication, its latest update, each correction and each
//! event dated after publication (what the page's "Latest" box lists), so that readers and newsrooms
//! following the story learn when it changed, what happened since and what was wrong.
//!
//! Ids are tag URIs (RFC 4151) built from the page's host, path and first publication date, so they
//! never change when the page does. A correction dated only to the day is timed at the start of that
//! day in the time zone of `published`. Citation marks are left out: their numbers point into the
//! page's sources list, which the feed does not carry; each entry links to the page instead.

use crate::content::Site;
use crate::content::model::PageMeta;
use crate::dates::Timestamp;
use crate::html::escape;
use crate::i18n::{Arg, Language};
use crate::markdown::{self, Citations};
use crate::output::FEED_FILE;
use crate::url::BaseUrl;

struct Entry {
    id: String,
    title: String,
    link: String,
    published: Timestamp,
    updated: Timestamp,
    html: String,
}

/// Markdown from front matter as feed HTML, citation marks left out.
fn uncited_html(text: &str) -> String {
    markdown::render_inline(text, &Citations::default(), false).html
}

/// The Atom document for the page published at `base`.
pub fn atom(site: &Site, base: &BaseUrl, language: &Language) -> String {
    let meta = &site.page.meta;
    let canonical = base.as_str();
    let feed_id = format!(
        "tag:{},{}:{}",
        base.host(),
        meta.published.date().iso(),
        base.path()
    );
    let mut entries = entries(meta, canonical, &feed_id, language);
    add_later_events(site, canonical, &feed_id, &mut entries);
    newest_first(&mut entries);
    let newest = entries
        .first()
        .map_or_else(|| meta.published.rfc3339(), |e| e.updated.rfc3339());

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&meta.language)
    ));
    xml.push_str(&format!(
        "<title>{}</title>\n",
        escape(&markdown::smarten(&meta.title))
    ));
    xml.push_str(&format!(
        "<subtitle>{}</subtitle>\n",
        escape(&language.text("feed-title"))
    ));
    xml.push_str(&format!("<id>{}</id>\n", escape(&feed_id)));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&format!("{canonical}{FEED_FILE}"))
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(canonical)
    ));
    xml.push_str(&format!("<updated>{newest}</updated>\n"));
    for (name, uri) in authors(meta) {
        xml.push_str(&format!("<author><name>{}</name>", escape(&name)));
        if let Some(uri) = uri {
            xml.push_str(&format!("<uri>{}</uri>", escape(&uri)));
        }
        xml.push_str("</author>\n");
    }
    xml.push_str(&format!(
        "<generator version=\"{}\">explainer</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for entry in &entries {
        entry.write(&mut xml);
    }
    xml.push_str("</feed>\n");
    xml
}

/// The page's publication, its latest update and its corrections.
fn entries(meta: &PageMeta, canonical: &str, feed_id: &str, language: &Language) -> Vec<Entry> {
    let title = markdown::smarten(&meta.title);
    let mut entries = vec![Entry {
        id: format!("{feed_id}#published"),
        title: title.clone(),
        link: canonical.to_string(),
        published: meta.published.clone(),
        updated: meta.published.clone(),
        html: format!("<p>{}</p>", uncited_html(&meta.standfirst)),
    }];
    if let Some(updated) = meta.updated.as_ref().filter(|u| **u != meta.published) {
        let points: String = meta
            .key_points
            .iter()
            .map(|p| format!("<li>{}</li>", uncited_html(p)))
            .collect();
        let day = language.day(updated);
        let said = language.format("feed-updated-text", &[("date", Arg::Text(&day))]);
        let mut html = format!("<p>{}</p>", escape(&said));
        if !points.is_empty() {
            let now = language.text("feed-key-points");
            html.push_str(&format!("<p>{}</p><ul>{points}</ul>", escape(&now)));
        }
        entries.push(Entry {
            id: format!("{feed_id}#updated-{}", updated.iso()),
            title: language.format("feed-updated", &[("title", Arg::Text(&title))]),
            link: canonical.to_string(),
            published: updated.clone(),
            updated: updated.clone(),
            html,
        });
    }
    for (correction, anchor) in meta.corrections.iter().zip(meta.correction_ids()) {
        let at = Timestamp::start_of_day(correction.date, &meta.published);
        entries.push(Entry {
            id: format!("{feed_id}#{anchor}"),
            title: language.format(
                "feed-correction",
                &[("date", Arg::Text(&language.date(correction.date)))],
            ),
            link: format!("{canonical}#{anchor}"),
            published: at.clone(),
            updated: at,
            html: format!("<p>{}</p>", uncited_html(&correction.text)),
        });
    }
    entries
}

/// Newest first; the sort is stable, so entries at the same moment keep the order they came in.
fn newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        if a.updated.is_before(&b.updated) {
            std::cmp::Ordering::Greater
        } else if b.updated.is_before(&a.updated) {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    });
}

/// The events dated after publication, as the page's "Latest" box lists them: each its own entry,
/// linking to the event, dated at the start of its day in the time zone of `published`.
fn add_later_events(site: &Site, canonical: &str, feed_id: &str, entries: &mut Vec<Entry>) {
    let meta = &site.page.meta;
    for event in site.events_since_publication() {
        let id = event.event_id();
        let at = Timestamp::start_of_day(event.meta.date, &meta.published);
        entries.push(Entry {
            id: format!("{feed_id}#{id}"),
            title: markdown::smarten(&event.meta.title),
            link: format!("{canonical}#{id}"),
            published: at.clone(),
            updated: at,
            html: format!("<p>{}</p>", escape(&markdown::plain_text(event.body()))),
        });
    }
}

/// The byline's names and links; without a byline, the publisher (or the site, or the label).
fn authors(meta: &PageMeta) -> Vec<(String, Option<String>)> {
    let mut authors: Vec<(String, Option<String>)> = meta
        .authors
        .iter()
        .map(|a| (a.name.clone(), a.url.clone()))
        .collect();
    if authors.is_empty() {
        let name = meta
            .publisher
            .as_ref()
            .map(|p| p.name.clone())
            .or_else(|| meta.site_name.clone())
            .unwrap_or_else(|| meta.label.clone());
        authors.push((name, None));
    }
    authors
}

impl Entry {
    fn write(&self, xml: &mut String) {
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", escape(&self.title)));
        xml.push_str(&format!("<id>{}</id>\n", escape(&self.id)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&self.link)
        ));
        xml.push_str(&format!(
            "<published>{}</published>\n",
            self.published.rfc3339()
        ));
        xml.push_str(&format!("<updated>{}</updated>\n", self.updated.rfc3339()));
        xml.push_str(&format!(
            "<content type=\"html\">{}</content>\n",
            escape(&self.html)
        ));
        xml.push_str("</entry>\n");
    }
}
