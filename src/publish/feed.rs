//! The Atom feed of the page's history: its publication, its latest update and each correction, so
//! that readers and newsrooms following the story learn when it changed and what was wrong.
//!
//! Ids are tag URIs (RFC 4151) built from the page's host, path and first publication date, so they
//! never change when the page does. A correction dated only to the day is timed at the start of that
//! day in the time zone of `published`. Citation marks are left out: their numbers point into the
//! page's sources list, which the feed does not carry; each entry links to the page instead.

use super::{FEED_FILE, escape, host_of};
use crate::content::Site;
use crate::dates::Timestamp;
use crate::markdown::{self, Citations};

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

/// The Atom document for the page published at `canonical` (an absolute URL ending in `/`).
pub fn atom(site: &Site, canonical: &str) -> String {
    let meta = &site.page.meta;
    let title = markdown::smarten(&meta.title);
    let path = canonical
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    let feed_id = format!(
        "tag:{},{}:{path}",
        host_of(canonical),
        meta.published.date().iso()
    );

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
        let mut html = format!(
            "<p>This explainer was updated on {}.</p>",
            escape(&updated.human())
        );
        if !points.is_empty() {
            html.push_str(&format!("<p>Its key points now:</p><ul>{points}</ul>"));
        }
        entries.push(Entry {
            id: format!("{feed_id}#updated-{}", updated.iso()),
            title: format!("Updated: {title}"),
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
            title: format!("Correction, {}", correction.date.human()),
            link: format!("{canonical}#{anchor}"),
            published: at.clone(),
            updated: at,
            html: format!("<p>{}</p>", uncited_html(&correction.text)),
        });
    }
    // Newest first; the sort is stable, so entries at the same moment keep the order above.
    entries.sort_by(|a, b| {
        if a.updated.is_before(&b.updated) {
            std::cmp::Ordering::Greater
        } else if b.updated.is_before(&a.updated) {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let newest = entries
        .first()
        .map_or_else(|| meta.published.rfc3339(), |e| e.updated.rfc3339());

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

    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&meta.language)
    ));
    xml.push_str(&format!("<title>{}</title>\n", escape(&title)));
    xml.push_str("<subtitle>Updates and corrections</subtitle>\n");
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
    for (name, uri) in &authors {
        xml.push_str(&format!("<author><name>{}</name>", escape(name)));
        if let Some(uri) = uri {
            xml.push_str(&format!("<uri>{}</uri>", escape(uri)));
        }
        xml.push_str("</author>\n");
    }
    xml.push_str(&format!(
        "<generator version=\"{}\">explainer</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for entry in &entries {
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", escape(&entry.title)));
        xml.push_str(&format!("<id>{}</id>\n", escape(&entry.id)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&entry.link)
        ));
        xml.push_str(&format!(
            "<published>{}</published>\n",
            entry.published.rfc3339()
        ));
        xml.push_str(&format!("<updated>{}</updated>\n", entry.updated.rfc3339()));
        xml.push_str(&format!(
            "<content type=\"html\">{}</content>\n",
            escape(&entry.html)
        ));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
