//! The link checker: every link and `#anchor` an editor or a template wrote must lead somewhere on
//! the built page or among its files, and no two elements of the page may share an id.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::content::model::{Media, PageMeta, SectionMeta};
use crate::content::{Document, Files, front_matter};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity, closest, did_you_mean};
use crate::html;
use crate::markdown;
use crate::output::{Output, PAGE_FILE};
use crate::render::Templates;
use crate::url::web_address_problem;

/// What the rendered page holds: element ids and files, to check links against.
pub(super) struct LinkChecker<'a> {
    ids: BTreeMap<String, usize>,
    /// The page's links to its own parts (`#anchor`), each once, in order.
    anchors: Vec<String>,
    output: &'a Output,
}

/// A link's problem: how serious, what, and what to do.
type Finding = (Severity, String, String);

/// What one file's links found, and the addresses it reported.
type Found = (Vec<Diagnostic>, Vec<String>);

impl<'a> LinkChecker<'a> {
    pub(super) fn new(output: &'a Output) -> LinkChecker<'a> {
        let html = output
            .get(PAGE_FILE)
            .and_then(|c| String::from_utf8(c.bytes().into_owned()).ok())
            .unwrap_or_default();
        // The page's ids and its own `#anchors`, each found in one reading of the page, both at once.
        let (ids, anchors) = rayon::join(
            || {
                let mut ids = BTreeMap::new();
                for (_, id) in html::attributes(&html, "id") {
                    *ids.entry(id.to_string()).or_insert(0) += 1;
                }
                ids
            },
            || {
                let mut seen = HashSet::new();
                let hrefs = html::attributes(&html, "href").into_iter();
                hrefs
                    .map(|(_, url)| url.replace("&amp;", "&"))
                    .filter(|url| url.starts_with('#') && seen.insert(url.clone()))
                    .collect()
            },
        );
        LinkChecker {
            ids,
            anchors,
            output,
        }
    }

    pub(super) fn check(&self, files: &Files, templates: &Templates, out: &mut Diagnostics) {
        let mut reported = HashSet::new();
        // Each file's links are found on every core; what they find is taken in file order.
        let page =
            (files.page.iter()).map(|page| self.check_document(page, page_texts(&page.meta)));
        let sections: Vec<Found> = (files.sections.par_iter())
            .map(|doc| self.check_document(doc, section_texts(&doc.meta)))
            .collect();
        let events: Vec<Found> = (files.events.par_iter())
            .map(|doc| self.check_document(doc, Vec::new()))
            .collect();
        for (found, urls) in page.chain(sections).chain(events) {
            out.extend(found);
            reported.extend(urls);
        }
        if let Some(page) = &files.page
            && let Some(lead) = &page.meta.lead
        {
            self.check_media(page, lead, "lead", out);
        }
        for doc in &files.events {
            if let Some(media) = &doc.meta.media {
                self.check_media(doc, media, "media", out);
            }
        }
        self.check_templates(templates, &mut reported, out);
        self.check_page_anchors(&reported, out);
        self.check_duplicate_ids(files, out);
    }

    /// Checks the links of a file's body and of the Markdown values of its front matter: what is
    /// wrong, and the addresses reported.
    fn check_document<M>(&self, doc: &Document<M>, inline: Vec<(&'static str, &str)>) -> Found {
        let (mut out, mut reported) = (Vec::new(), Vec::new());
        let offset = doc.split.body.start;
        for link in doc.links() {
            if let Some(finding) = self.finding(&link.url, link.image) {
                let range = link.range.start + offset..link.range.end + offset;
                out.push(diagnostic(doc, range, finding));
                reported.push(link.url.clone());
            }
        }
        for (key, text) in inline {
            for link in markdown::links(text) {
                if let Some(finding) = self.finding(&link.url, link.image) {
                    let range = front_matter::locate(&doc.text, &doc.split, key, &link.url);
                    out.push(diagnostic(doc, range, finding));
                    reported.push(link.url);
                }
            }
        }
        (out, reported)
    }

    /// `href="#..."` written out in a template (not made from a value) must lead somewhere.
    fn check_templates(
        &self,
        templates: &Templates,
        reported: &mut HashSet<String>,
        out: &mut Diagnostics,
    ) {
        let mut files: Vec<(&Path, &str)> = templates.files().collect();
        files.sort();
        for (path, text) in files {
            for (range, url) in html::attributes(text, "href") {
                if !url.starts_with('#') || url.contains("{{") || url.contains("{%") {
                    continue;
                }
                if let Some((severity, message, hint)) = self.finding(url, false) {
                    reported.insert(url.to_string());
                    out.push(Diagnostic {
                        severity,
                        path: path.to_path_buf(),
                        location: Some(Location::from_range(text, range)),
                        message,
                        hint: Some(hint),
                    });
                }
            }
        }
    }

    /// Anchors a template makes from values (`#{{ section.id }}`) are checked on the page itself.
    fn check_page_anchors(&self, reported: &HashSet<String>, out: &mut Diagnostics) {
        for url in &self.anchors {
            if reported.contains(url) {
                continue;
            }
            if let Some((severity, message, _)) = self.finding(url, false) {
                out.push(Diagnostic {
                    severity,
                    path: "templates".into(),
                    location: None,
                    message: format!("the built page has a link that goes nowhere: {message}"),
                    hint: Some("a template makes this link from a value; check the `href` in templates/ that builds it".into()),
                });
            }
        }
    }

    /// Two elements with one id break links to both; point at the section or event that repeats it.
    fn check_duplicate_ids(&self, files: &Files, out: &mut Diagnostics) {
        for (id, count) in &self.ids {
            // An era shown twice is reported, with its cause, by the timeline checks.
            let era = id.strip_prefix("era-");
            let is_era = era.is_some_and(|e| {
                files
                    .sections
                    .iter()
                    .any(|s| s.meta.eras.iter().any(|x| x.id == e))
            });
            if *count < 2 || is_era {
                continue;
            }
            let sections = files.sections.iter().filter(|s| &s.section_id() == id);
            let events = files.events.iter().filter(|e| &e.event_id() == id);
            let owners: Vec<(&Path, Diagnostic)> = sections
                .map(|s| (s.path.as_path(), id_clash(s, id)))
                .chain(events.map(|e| (e.path.as_path(), id_clash(e, id))))
                .collect();
            match owners.as_slice() {
                [] => out.push(
                    Diagnostic::error("templates", format!("the built page uses the id `{id}` {count} times"))
                        .hint("a heading or a template repeats it; give headings their own words, or a `{#own-id}`"),
                ),
                [(_, d)] => out.push(d.clone()),
                [_, rest @ ..] => out.extend(rest.iter().map(|(_, d)| d.clone())),
            }
        }
    }

    /// An event's media or the page's lead picture (`field`): a file of the explainer, with alt
    /// text (unless it only decorates) and, for a photo or a video, its credit; or, still on another
    /// site, reported.
    fn check_media<M>(&self, doc: &Document<M>, media: &Media, field: &str, out: &mut Diagnostics) {
        let range = front_matter::locate(&doc.text, &doc.split, "src", &media.src);
        // A video or post on YouTube, Vimeo, X or Bluesky is shown behind a facade.
        if media.is_remote() && crate::media::embed::embed_of(&media.src).is_some() {
            return;
        }
        if media.is_remote() {
            let finding = (
                Severity::Warning,
                format!(
                    "the media `{}` is still on another site: the page only links to it",
                    media.src
                ),
                "download it into the static/ folder and write its path in `src:`".to_string(),
            );
            out.push(diagnostic(doc, range, finding));
            return;
        }
        // A photo is found (or reported missing) by the build, which makes it into widths.
        if !crate::media::is_photo(&media.src)
            && let Some(finding) = self.file_finding(&media.src, true)
        {
            out.push(diagnostic(doc, range.clone(), finding));
        }
        if !media.decorative && media.alt.as_deref().is_none_or(|alt| alt.trim().is_empty()) {
            let finding = (
                Severity::Error,
                "this picture has no alt text".to_string(),
                format!(
                    "add `alt:` under `{field}:`, saying what the picture shows for readers who cannot see it"
                ),
            );
            out.push(diagnostic(doc, range.clone(), finding));
        }
        let lower = media.src.to_ascii_lowercase();
        let is_photo_or_film = crate::media::is_photo(&media.src) && !lower.ends_with(".svg");
        if is_photo_or_film && media.credit.as_deref().is_none_or(|c| c.trim().is_empty()) {
            let finding = (
                Severity::Error,
                "this photo has no credit".to_string(),
                format!(
                    "add `credit:` under `{field}:` naming who took it, as in \"Photo: Reuters/Thaier al-Sudani\""
                ),
            );
            out.push(diagnostic(doc, range, finding));
        }
    }

    /// What is wrong with a link, if anything.
    fn finding(&self, url: &str, image: bool) -> Option<Finding> {
        let error = |m: String, h: &str| Some((Severity::Error, m, h.to_string()));
        let url = url.trim();
        if url.is_empty() {
            return error(
                "this link has no address".into(),
                "write the address between the brackets: [words](https://…) or [words](#section-id)",
            );
        }
        if let Some(fragment) = url.strip_prefix('#') {
            return self.anchor_finding(fragment);
        }
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("mailto:") || lower.starts_with("tel:") {
            return None;
        }
        if lower.starts_with("http") || lower.contains("://") {
            return web_address_problem(url).map(|(m, h)| (Severity::Error, m, h));
        }
        if lower.starts_with("www.") {
            return error(
                format!("`{url}` looks like a web address without https://"),
                &format!("write the whole address: https://{url}"),
            );
        }
        if let Some((scheme, _)) = url.split_once(':')
            && scheme.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return error(
                format!("`{url}` is not a web page or a file of this explainer"),
                "link to web pages with https://…, to parts of this page with #id",
            );
        }
        // A photo is found (or reported missing) by the build, which makes it into widths.
        if image && crate::media::is_photo(url) {
            return None;
        }
        self.file_finding(url, image)
    }

    fn anchor_finding(&self, fragment: &str) -> Option<Finding> {
        if self.ids.contains_key(fragment) {
            return None;
        }
        if fragment.is_empty() {
            return Some((
                Severity::Error,
                "this link points nowhere (`#` alone)".into(),
                "link to a section or event by its id, like #timeline".into(),
            ));
        }
        let hint = match closest(fragment, self.ids.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `#{close}`?"),
            None => "link to a section by its id, which is its file name without .md (#timeline), or to an event the same way".into(),
        };
        Some((
            Severity::Error,
            format!("there is no `#{fragment}` on the page"),
            hint,
        ))
    }

    /// A link to a file: it must be one of the site's files (static/ or the page itself).
    fn file_finding(&self, url: &str, image: bool) -> Option<Finding> {
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let rooted = path.starts_with('/');
        let mut name = path.trim_start_matches('/').trim_start_matches("./");
        if name.is_empty() || name.ends_with('/') {
            name = PAGE_FILE;
        }
        let what = if image { "image" } else { "file" };
        if self.output.get(name).is_none() {
            let hint =
                did_you_mean(name, self.output.files().map(|(p, _)| p)).unwrap_or_else(|| {
                    format!(
                        "put the {what} in the static/ folder (static/{name}), or correct its name"
                    )
                });
            return Some((
                Severity::Error,
                format!("the {what} `{path}` is not in this explainer"),
                hint,
            ));
        }
        if rooted {
            return Some((
                Severity::Warning,
                format!(
                    "`{url}` starts with /, which breaks when the page is published under a sub-path"
                ),
                format!(
                    "write it without the leading slash: {}",
                    url.trim_start_matches('/')
                ),
            ));
        }
        match fragment {
            Some(f) if name == PAGE_FILE => self.anchor_finding(f),
            _ => None,
        }
    }
}

fn diagnostic<M>(
    doc: &Document<M>,
    range: Range<usize>,
    (severity, message, hint): Finding,
) -> Diagnostic {
    let d = doc.error_at(range, message).hint(hint);
    match severity {
        Severity::Error => d,
        Severity::Warning => d.as_warning(),
    }
}

fn id_clash<M>(doc: &Document<M>, id: &str) -> Diagnostic {
    let range = if doc.text[doc.split.yaml.clone()].contains("id:") {
        front_matter::locate(&doc.text, &doc.split, "id", id)
    } else {
        0..3
    };
    doc.error_at(range, format!("the id `{id}` is used twice on the page"))
        .hint(
            "another section, event or heading has the same id; set `id:` to a new one, like `id: "
                .to_string()
                + id
                + "-2`",
        )
}

/// The Markdown values of a page's front matter, with their keys.
fn page_texts(m: &PageMeta) -> Vec<(&'static str, &str)> {
    let mut texts = vec![("standfirst", m.standfirst.as_str())];
    texts.extend(m.key_points.iter().map(|k| ("key_points", k.as_str())));
    texts.extend(m.corrections.iter().map(|c| ("text", c.text.as_str())));
    texts
}

/// The Markdown values of a section's front matter, with their keys.
fn section_texts(m: &SectionMeta) -> Vec<(&'static str, &str)> {
    let figures = m.figures.iter().map(|f| ("label", f.label.as_str()));
    let terms = m
        .terms
        .iter()
        .map(|t| ("definition", t.definition.as_str()));
    figures.chain(terms).collect()
}
