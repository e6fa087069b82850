//! `explainer check`: everything the build validates, and what an editor should fix before
//! publishing that a build does not stop for.
//!
//! It runs the real pipeline in memory ([`crate::render_inputs`]), keeps every diagnostic it returns,
//! then looks further:
//! - links and images in the Markdown: `#anchors` must exist on the rendered page, files must be in
//!   the site, web addresses must be well formed (nothing is fetched);
//! - literal `href="#..."` anchors in the templates, and every `#anchor` of the rendered page;
//! - ids: no two elements of the page share one;
//! - the page: 3 to 5 key points, the headline at most 110 characters, the description at most 200;
//! - the timeline: each event inside its era, its file name's date matching its `date:`, events after
//!   publication only on a page that says when it was updated;
//! - the example paragraph that `explainer new` writes, left in place.
//!
//! When some files' front matter does not parse, the build stops before it reads any Markdown. Check
//! then still reads the Markdown of the files that did parse (headings, images, and citations when
//! the sources list is known), so an editor sees all of it in one run. It needs the page file
//! (`content/_index.md`) for that; links and anchors need the whole page and wait for a clean build.
//!
//! This module decides nothing about how problems are printed (`diagnostics` does) and changes no
//! file.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

use crate::content::model::{EventMeta, PageMeta, SectionMeta};
use crate::content::{Document, Files, Site, front_matter};
use crate::dates::PartialDate;
use crate::diagnostics::{Diagnostic, Location, Severity, did_you_mean};
use crate::markdown::{self, Citations};
use crate::output::Output;
use crate::render::Templates;
use crate::render::views::ViewBuilder;
use crate::scaffold::PLACEHOLDER;
use crate::{Built, Inputs};

/// The most characters a headline may have (docs/content-model.md).
pub const MAX_HEADLINE: usize = 110;
/// The most characters of the description that search results and link previews show.
pub const MAX_DESCRIPTION: usize = 200;
/// How many key points the page should have.
pub const KEY_POINTS: std::ops::RangeInclusive<usize> = 3..=5;

/// Everything `check` found, sorted by file and position.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// How many content files were read.
    pub files: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the explainer at `root`. Drafts are checked only when `drafts` is set, as they are built.
pub fn check(root: &Path, drafts: bool) -> Report {
    let inputs = Inputs::read(root, drafts);
    let built = crate::render_inputs(root, &inputs, None);
    let files = &inputs.files;
    let mut out = match &built {
        Ok(built) => built.warnings.clone(),
        Err(problems) => problems.clone(),
    };

    // The build reads Markdown only once every file parses and agrees with the others.
    let markdown_read = inputs.templates.is_ok() && files.site().is_ok();
    if !markdown_read {
        out.extend(markdown_of_parsed_files(files));
    }
    if let Some(page) = &files.page {
        check_page(page, &mut out);
    }
    check_sections(files, &mut out);
    check_events(files, &mut out);
    check_placeholders(files, &mut out);
    if let (Ok(built), Ok(templates)) = (&built, &inputs.templates) {
        Links::new(built).check(files, templates, &mut out);
    }

    out.sort_by_key(|d| {
        let (line, column) = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (d.path.clone(), line, column)
    });
    out.dedup();
    Report {
        diagnostics: out,
        files: usize::from(files.page.is_some())
            + files.sections.len()
            + files.events.len()
            + files.problems.len(),
    }
}

/// The Markdown problems of the files that parsed, found the way the build would find them.
fn markdown_of_parsed_files(files: &Files) -> Vec<Diagnostic> {
    let Some(page) = files.page.clone() else {
        return Vec::new();
    };
    // Unknown citations can be told only when every file parsed: a broken file might be a sources
    // list.
    let citations = if files.all_parsed() {
        let ids = files
            .sections
            .iter()
            .flat_map(|s| s.meta.sources.iter().map(|src| src.id.as_str()));
        Citations::new(ids)
    } else {
        Citations::unchecked()
    };
    let site = Site {
        page,
        sections: files.sections.clone(),
        events: files.events.clone(),
    };
    let mut views = ViewBuilder::new(&citations, site.page.meta.trusted_html);
    views.page(&site.page);
    for section in &site.sections {
        views.section(&site, section);
    }
    views.problems
}

fn check_page(page: &Document<PageMeta>, out: &mut Vec<Diagnostic>) {
    let m = &page.meta;
    let count = m.key_points.len();
    if !KEY_POINTS.contains(&count) {
        let (what, hint) = if count < *KEY_POINTS.start() {
            (
                "too few",
                "give readers 3 to 5 one-sentence key points under `key_points:`, each on a line starting with `- `",
            )
        } else {
            (
                "too many",
                "keep the 3 to 5 most important; the rest belong in the sections",
            )
        };
        out.push(
            page.error_at_value(
                "key_points",
                "key_points",
                format!("{what} key points: {count}"),
            )
            .hint(hint),
        );
    }
    let length = m.title.chars().count();
    if length > MAX_HEADLINE {
        out.push(
            page.error_at_value(
                "title",
                &m.title,
                format!("the headline is {length} characters long; the most is {MAX_HEADLINE}"),
            )
            .hint(format!(
                "shorten it by {} characters; details belong in the standfirst",
                length - MAX_HEADLINE
            )),
        );
    }
    let length = m.description.chars().count();
    if length > MAX_DESCRIPTION {
        out.push(
            Diagnostic::warning(&page.path, format!(
                "the description is {length} characters long; search results and link previews cut it after {MAX_DESCRIPTION}"
            ))
            .at(&page.text, front_matter::locate(&page.text, &page.split, "description", "description"))
            .hint("shorten it to one or two plain sentences"),
        );
    }
    let urls = m
        .authors
        .iter()
        .filter_map(|a| a.url.as_deref().map(|u| ("url", u)))
        .chain(
            m.corrections_policy
                .as_deref()
                .map(|u| ("corrections_policy", u)),
        );
    for (key, url) in urls {
        if let Some((message, hint)) = web_address_problem(url) {
            out.push(page.error_at_value(key, url, message).hint(hint));
        }
    }
}

/// The paragraph `explainer new` writes must not reach readers.
fn check_placeholders(files: &Files, out: &mut Vec<Diagnostic>) {
    let page = files.page.iter().map(|d| (&d.path, &d.text, &d.split));
    let sections = files.sections.iter().map(|d| (&d.path, &d.text, &d.split));
    let events = files.events.iter().map(|d| (&d.path, &d.text, &d.split));
    for (path, text, split) in page.chain(sections).chain(events) {
        if let Some(i) = text[split.body.clone()].find(PLACEHOLDER) {
            let at = split.body.start + i;
            out.push(
                Diagnostic::warning(
                    path,
                    "this is still the example text that `explainer new` wrote",
                )
                .at(text, at..at + PLACEHOLDER.len())
                .hint("replace the paragraph with your own text before publishing"),
            );
        }
    }
}

fn check_sections(files: &Files, out: &mut Vec<Diagnostic>) {
    for doc in &files.sections {
        for source in &doc.meta.sources {
            // The build already says when a source URL does not start with http(s)://.
            let url = &source.url;
            if (url.starts_with("https://") || url.starts_with("http://"))
                && let Some((message, hint)) = web_address_problem(url)
            {
                out.push(doc.error_at_value("url", url, message).hint(hint));
            }
        }
    }
}

fn check_events(files: &Files, out: &mut Vec<Diagnostic>) {
    let timeline = files.sections.iter().find(|s| s.is_timeline());
    let published = files.page.as_ref().map(|p| &p.meta);
    // Eras whose run of events has ended: an era's events must follow one another.
    let mut ended: Vec<&str> = Vec::new();
    let mut current: Option<&str> = None;
    for doc in &files.events {
        let m = &doc.meta;
        let era = m.era.as_deref();
        if let Some(named) = date_in_file_name(&doc.stem())
            && named != m.date
        {
            out.push(
                Diagnostic::warning(
                    &doc.path,
                    format!(
                        "the file name says {}, but `date:` says {}",
                        named.iso(),
                        m.date.iso()
                    ),
                )
                .at(&doc.text, date_range(doc))
                .hint("correct whichever is wrong (the page shows `date:`), so the files sort as the timeline does"),
            );
        }
        let era_def = timeline
            .zip(era)
            .and_then(|(t, id)| t.meta.eras.iter().find(|e| e.id == id));
        let outside = era_def.is_some_and(|era| {
            m.date.earliest() < era.start.earliest() || m.date.earliest() > era.end.latest()
        });
        // An event outside its era is reported as such, and does not count as the era's place.
        if !outside {
            if let (Some(era), true) = (era_def, era.is_some_and(|e| ended.contains(&e))) {
                out.push(
                    doc.error_at_value("era", &era.id, format!("the era `{}` already ended earlier in the timeline", era.id))
                        .hint("an era's events must follow one another in date order; choose the era this event's date falls in"),
                );
            }
            if era != current {
                ended.extend(current);
                current = era;
            }
        }
        if let (Some(era), true) = (era_def, outside) {
            let era_id = &era.id;
            out.push(
                doc.error_at_value(
                    "era",
                    era_id,
                    format!(
                        "this event ({}) is outside its era `{era_id}`, which runs from {} to {}",
                        m.date.iso(),
                        era.start.iso(),
                        era.end.iso()
                    ),
                )
                .hint(
                    "check the event's date, choose the era its date falls in, or change the era's dates in content/timeline/_index.md",
                ),
            );
        }
        if let Some(page) = published
            && page.updated.is_none()
            && m.date.earliest() > page.published.date().earliest()
        {
            out.push(
                Diagnostic::warning(
                    &doc.path,
                    format!(
                        "this event is after the page was published ({}), but the page has no `updated` date",
                        page.published.date().human()
                    ),
                )
                .at(&doc.text, date_range(doc))
                .hint("add `updated: YYYY-MM-DD` to content/_index.md so readers see the page changed; the event is labelled \"After publication\""),
            );
        }
    }
}

fn date_range(doc: &Document<EventMeta>) -> Range<usize> {
    front_matter::locate(&doc.text, &doc.split, "date", "date")
}

/// The date a file name starts with, as in `2021-07-26-the-deal`, if it is a real date.
fn date_in_file_name(stem: &str) -> Option<PartialDate> {
    let end = stem
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(stem.len());
    let prefix = stem[..end].trim_end_matches('-');
    if prefix.len() < 4 {
        return None;
    }
    PartialDate::parse(prefix).ok()
}

/// Why `url` is not a well-formed web address, and what to do; `None` when it is. Nothing is fetched.
pub fn web_address_problem(url: &str) -> Option<(String, String)> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some((
            format!("`{url}` is not a web address"),
            "web addresses start with https://, like https://apnews.com/article/…".into(),
        ));
    };
    if let Some(bad) = url
        .chars()
        .find(|c| c.is_whitespace() || "\"<>\\`{}|^".contains(*c))
    {
        let what = if bad.is_whitespace() {
            "a space".to_string()
        } else {
            format!("the character `{bad}`")
        };
        return Some((
            format!("the web address `{url}` contains {what}"),
            "copy the address again from the browser's address bar".into(),
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = match host.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host, None),
    };
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    let is_ip = labels.len() == 4 && labels.iter().all(|l| l.parse::<u8>().is_ok());
    let bad_label = labels.iter().any(|l| {
        l.is_empty()
            || l.starts_with('-')
            || l.ends_with('-')
            || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let bad_tld = !(tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2
        || tld.starts_with("xn--"));
    if host.is_empty()
        || bad_label
        || (!is_ip && host != "localhost" && (labels.len() < 2 || bad_tld))
        || port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((
            format!("the web address `{url}` has no valid site name"),
            "after https:// comes the site's name with its ending, like https://www.reuters.com/…"
                .into(),
        ));
    }
    None
}

/// What the rendered page holds: element ids and files, to check links against.
struct Links<'a> {
    html: String,
    ids: BTreeMap<String, usize>,
    output: &'a Output,
}

/// A link's problem: how serious, what, and what to do.
type Finding = (Severity, String, String);

impl<'a> Links<'a> {
    fn new(built: &'a Built) -> Links<'a> {
        let html = built
            .output
            .get("index.html")
            .and_then(|c| String::from_utf8(c.bytes().into_owned()).ok())
            .unwrap_or_default();
        let mut ids = BTreeMap::new();
        for (_, id) in markdown::html_attributes(&html, "id") {
            *ids.entry(id.to_string()).or_insert(0) += 1;
        }
        Links {
            html,
            ids,
            output: &built.output,
        }
    }

    fn check(&self, files: &Files, templates: &Templates, out: &mut Vec<Diagnostic>) {
        let mut reported = HashSet::new();
        if let Some(page) = &files.page {
            self.check_document(page, page_texts(&page.meta), &mut reported, out);
        }
        for doc in &files.sections {
            self.check_document(doc, section_texts(&doc.meta), &mut reported, out);
        }
        for doc in &files.events {
            self.check_document(doc, Vec::new(), &mut reported, out);
        }
        self.check_templates(templates, &mut reported, out);
        self.check_page_anchors(&reported, out);
        self.check_duplicate_ids(files, out);
    }

    /// Checks the links of a file's body and of the Markdown values of its front matter.
    fn check_document<M>(
        &self,
        doc: &Document<M>,
        inline: Vec<(&'static str, &str)>,
        reported: &mut HashSet<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        let offset = doc.split.body.start;
        for link in markdown::links(doc.body()) {
            if let Some(finding) = self.finding(&link.url, link.image) {
                reported.insert(link.url.clone());
                let range = link.range.start + offset..link.range.end + offset;
                out.push(diagnostic(doc, range, finding));
            }
        }
        for (key, text) in inline {
            for link in markdown::links(text) {
                if let Some(finding) = self.finding(&link.url, link.image) {
                    reported.insert(link.url.clone());
                    let range = front_matter::locate(&doc.text, &doc.split, key, &link.url);
                    out.push(diagnostic(doc, range, finding));
                }
            }
        }
    }

    /// `href="#..."` written out in a template (not made from a value) must lead somewhere.
    fn check_templates(
        &self,
        templates: &Templates,
        reported: &mut HashSet<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut files: Vec<(&Path, &str)> = templates.files().collect();
        files.sort();
        for (path, text) in files {
            for (range, url) in markdown::html_attributes(text, "href") {
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
    fn check_page_anchors(&self, reported: &HashSet<String>, out: &mut Vec<Diagnostic>) {
        let mut seen = HashSet::new();
        for (_, url) in markdown::html_attributes(&self.html, "href") {
            let url = url.replace("&amp;", "&");
            if !url.starts_with('#') || reported.contains(&url) || !seen.insert(url.clone()) {
                continue;
            }
            if let Some((severity, message, _)) = self.finding(&url, false) {
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
    fn check_duplicate_ids(&self, files: &Files, out: &mut Vec<Diagnostic>) {
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
        let hint = match did_you_mean(fragment, self.ids.keys().map(String::as_str)) {
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
            name = "index.html";
        }
        let what = if image { "image" } else { "file" };
        if self.output.get(name).is_none() {
            let hint = match did_you_mean(name, self.output.files().map(|(p, _)| p)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "put the {what} in the static/ folder (static/{name}), or correct its name"
                ),
            };
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
            Some(f) if name == "index.html" => self.anchor_finding(f),
            _ => None,
        }
    }
}

fn diagnostic<M>(
    doc: &Document<M>,
    range: Range<usize>,
    (severity, message, hint): Finding,
) -> Diagnostic {
    Diagnostic {
        severity,
        ..doc.error_at(range, message).hint(hint)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_must_name_a_site() {
        for good in [
            "https://apnews.com/article/iraq",
            "http://www.reuters.com",
            "https://example.github.io/iraq-explainer/",
            "https://en.m.wikipedia.org/wiki/Operation_Inherent_Resolve",
            "http://localhost:8000/",
            "https://911plus.org/8312010-barack-obama/",
        ] {
            assert_eq!(web_address_problem(good), None, "{good}");
        }
        for bad in [
            "https://apnews",
            "https://apnews.",
            "https//apnews.com",
            "htps://apnews.com",
            "https://ap news.com",
            "https://",
            "https://apnews.com:port/",
        ] {
            assert!(web_address_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn file_names_may_carry_the_date() {
        let d = |s| PartialDate::parse(s).ok();
        assert_eq!(date_in_file_name("2021-07-26-the-deal"), d("2021-07-26"));
        assert_eq!(date_in_file_name("2017-07-middle"), d("2017-07"));
        assert_eq!(date_in_file_name("2014-start"), d("2014"));
        assert_eq!(date_in_file_name("the-deal"), None);
        assert_eq!(date_in_file_name("2021-13-01-bad"), None);
    }
}
