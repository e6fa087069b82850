//! Checks that need more than one content file: ids are unique, every cited source exists, eras and
//! events agree, dates are in order.
//!
//! Each problem points at the file, line and column where the editor must make the change. Citations
//! inside Markdown text (`[@id]`) are checked where the Markdown is rendered, in `markdown`.

use std::collections::{HashMap, HashSet};

use super::model::{EventMeta, SectionMeta, SourceId};
use super::{Document, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::kinds;
use crate::url::{self, BaseUrl};

mod codes;

pub(crate) use codes::base_url_problem;
use codes::language_problem;

/// Runs every cross-file check, adding what it finds to `out`.
pub fn validate(site: &Site, out: &mut Diagnostics) {
    let known = check_sources(site, out);
    check_page(site, out);
    check_sections(site, &known, out);
    check_events(site, &known, out);
    super::copies::check(site, out);
    super::pasted::check(&site.page, out);
    let page = &site.page.meta;
    let page_texts = [&page.standfirst, &page.description]
        .into_iter()
        .chain(&page.key_points)
        .chain(page.corrections.iter().map(|c| &c.text));
    super::pasted::check_swallowed(&site.page, page_texts.map(String::as_str), out);
    for doc in &site.sections {
        super::pasted::check(doc, out);
        let m = &doc.meta;
        let texts = m.quotes.iter().map(|q| q.text.as_str());
        let texts = texts.chain(m.terms.iter().map(|t| t.definition.as_str()));
        super::pasted::check_swallowed(doc, texts, out);
    }
    for doc in &site.events {
        super::pasted::check(doc, out);
    }
}

/// Checks an id the editor wrote (ids made from file names are always valid).
fn check_id<M>(doc: &Document<M>, key: &str, id: &str, out: &mut Diagnostics) {
    if !crate::markdown::is_slug(id) {
        out.push(
            doc.error_at_value(key, id, format!("`{id}` cannot be used as an id"))
                .hint("use lower-case letters (of any alphabet), digits and single hyphens, like `us-troops-2021` or `انسحاب-2021`"),
        );
    }
}

/// Checks the id an editor wrote (if any) and that no other section or event already has `id`.
fn check_unique<'a, M>(
    ids: &mut HashMap<String, &'a Document<M>>,
    doc: &'a Document<M>,
    id: String,
    own: Option<&str>,
    what: &str,
    out: &mut Diagnostics,
) {
    if let Some(own) = own {
        check_id(doc, "id", own, out);
    }
    if let Some(first) = ids.insert(id.clone(), doc) {
        out.push(
            doc.error_at_value("id", &id, format!("the {what} id `{id}` is used twice"))
                .hint(format!(
                    "{} has the same id; give this {what} its own `id:`",
                    first.path.display()
                )),
        );
    }
}

fn check_sources(site: &Site, out: &mut Diagnostics) -> HashSet<SourceId> {
    let mut seen: HashMap<&SourceId, &Document<SectionMeta>> = HashMap::new();
    for (doc, source) in site.sources() {
        let id = source.id.as_str();
        check_id(doc, "id", id, out);
        if let Some(first) = seen.insert(&source.id, doc) {
            let nth = usize::from(std::ptr::eq(first, doc));
            let range = super::front_matter::locate_nth(&doc.text, &doc.split, "id", id, nth);
            let first_at = super::front_matter::locate(&first.text, &first.split, "id", id);
            let line = first.text[..first_at.start].matches('\n').count() + 1;
            out.push(
                doc.error_at(range, format!("the source id `{id}` is used twice"))
                    .hint(format!(
                        "it is first on line {line} of {}; give each source its own id",
                        first.path.display()
                    )),
            );
        }
        if !url::is_web_address(&source.url) {
            out.push(
                doc.error_at_value(
                    "url",
                    &source.url,
                    format!("`{}` is not a web address", source.url),
                )
                .hint("source URLs start with https:// (or http://)"),
            );
        }
    }
    seen.into_keys().cloned().collect()
}

/// Reports each cited id that no source defines, pointing at it after `key`.
fn check_citations<'a, M>(
    doc: &Document<M>,
    key: &str,
    cited: impl IntoIterator<Item = &'a SourceId>,
    known: &HashSet<SourceId>,
    out: &mut Diagnostics,
) {
    for id in cited {
        if !known.contains(id) {
            out.push(unknown_source(doc, key, id.as_str(), known));
        }
    }
}

/// The error for a citation of a source id that does not exist.
pub fn unknown_source<M>(
    doc: &Document<M>,
    key: &str,
    id: &str,
    known: &HashSet<SourceId>,
) -> Diagnostic {
    // Two ids written as one, `[wire-one; wire-two]`, as citations in the text separate them.
    let parts: Vec<&str> = id.split([';', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| known.contains(&SourceId((*p).to_string())))
    {
        return doc
            .error_at_value(key, id, format!("`{id}` is several sources written as one"))
            .hint(format!(
                "in a list in brackets, separate the ids with commas: [{}]",
                parts.join(", ")
            ));
    }
    let hint = did_you_mean(id, known.iter().map(SourceId::as_str)).unwrap_or_else(|| {
        "add the source to content/sources.md, or cite one of the ids defined there".into()
    });
    doc.error_at_value(key, id, format!("unknown source `{id}`"))
        .hint(hint)
}

/// Reports a link field whose address would run script or embed a document (`javascript:`, `data:`).
fn check_link<M>(doc: &Document<M>, key: &str, url: &str, out: &mut Diagnostics) {
    if let Some(scheme) = url::unsafe_scheme(url) {
        out.push(
            doc.error_at_value(key, url, format!("a `{scheme}:` address cannot be a link"))
                .hint("write a web address (https://…) or, for the image, a file in static/"),
        );
    }
}

fn check_page(site: &Site, out: &mut Diagnostics) {
    let page = &site.page;
    let meta = &page.meta;
    for author in &meta.authors {
        if let Some(url) = &author.url {
            check_link(page, "url", url, out);
        }
    }
    if let Some(lead) = &meta.lead {
        check_link(page, "src", &lead.src, out);
    }
    let publisher_url = meta.publisher.as_ref().and_then(|p| p.url.as_ref());
    for (key, url) in [
        ("url", publisher_url),
        ("corrections_policy", meta.corrections_policy.as_ref()),
        ("image", meta.image.as_ref()),
    ] {
        if let Some(url) = url {
            check_link(page, key, url, out);
        }
    }
    if let Some(updated) = &page.meta.updated
        && updated.is_before(&page.meta.published)
    {
        out.push(
            page.error_at_value(
                "updated",
                &updated.iso(),
                "the page is updated before it was published",
            )
            .hint("`updated` must be on or after `published`"),
        );
    }
    if let Some((message, hint)) = language_problem(&meta.language) {
        out.push(
            page.error_at_value("language", &meta.language, message)
                .hint(hint),
        );
    }
    if let Some(url) = &page.meta.base_url
        && let Err(why) = BaseUrl::parse(url)
    {
        let (message, hint) = base_url_problem(url, why);
        out.push(page.error_at_value("base_url", url, message).hint(hint));
    }
}

fn check_sections(site: &Site, known: &HashSet<SourceId>, out: &mut Diagnostics) {
    let mut ids: HashMap<String, &Document<SectionMeta>> = HashMap::new();
    for doc in &site.sections {
        check_unique(
            &mut ids,
            doc,
            doc.section_id(),
            doc.meta.id.as_deref(),
            "section",
            out,
        );
        check_fields_of_kind(doc, out);
        let m = &doc.meta;
        for quote in &m.quotes {
            check_citations(doc, "source", [&quote.source], known, out);
        }
        for figure in &m.figures {
            if figure.sources.is_empty() {
                out.push(
                    doc.error_at_value("value", &figure.value, "this figure cites no source")
                        .hint("add `sources: [id]` with the source of the number"),
                );
            }
            check_citations(doc, "sources", &figure.sources, known, out);
        }
        for term in &m.terms {
            check_citations(doc, "sources", &term.sources, known, out);
        }
        let mut era_ids = HashSet::new();
        for era in &m.eras {
            check_id(doc, "id", &era.id, out);
            if !era_ids.insert(&era.id) {
                out.push(doc.error_at_value(
                    "id",
                    &era.id,
                    format!("the era id `{}` is used twice", era.id),
                ));
            }
            if era.end < era.start {
                out.push(
                    doc.error_at_value(
                        "end",
                        &era.end.iso(),
                        format!("the era `{}` ends before it starts", era.id),
                    )
                    .hint("`end` must be on or after `start`"),
                );
            }
        }
    }
}

/// Data fields a built-in kind does not show would be silently dropped: say which kind shows them.
fn check_fields_of_kind(doc: &Document<SectionMeta>, out: &mut Diagnostics) {
    let Some(kind) = kinds::built_in(doc.kind()) else {
        return;
    };
    for field in doc.meta.data_fields_used() {
        if kind.fields.contains(&field) {
            continue;
        }
        let shown_by = kinds::showing(field)
            .map(|k| format!("`{}`", k.name))
            .collect::<Vec<_>>()
            .join(" or ");
        out.push(
            doc.error_at_value(
                field,
                field,
                format!("a `{}` section does not show `{field}`", kind.name),
            )
            .hint(format!("`{field}` belongs in a section of kind {shown_by}")),
        );
    }
}

fn check_events(site: &Site, known: &HashSet<SourceId>, out: &mut Diagnostics) {
    let timeline = site.timeline();
    if timeline.is_none()
        && let Some(first) = site.events.first()
    {
        out.push(
            Diagnostic::error(
                first.path.with_file_name(super::INDEX_FILE),
                "the timeline folder has no _index.md",
            )
            .hint("create content/timeline/_index.md with the timeline's title and weight"),
        );
    }
    let eras: Vec<&str> = timeline
        .map(|t| t.meta.eras.iter().map(|e| e.id.as_str()).collect())
        .unwrap_or_default();
    let mut ids: HashMap<String, &Document<EventMeta>> = HashMap::new();
    for doc in &site.events {
        check_unique(
            &mut ids,
            doc,
            doc.event_id(),
            doc.meta.id.as_deref(),
            "event",
            out,
        );
        let m = &doc.meta;
        if let Some(media) = &m.media {
            check_link(doc, "src", &media.src, out);
            if let Some(thumbnail) = &media.thumbnail {
                check_link(doc, "thumbnail", thumbnail, out);
            }
        }
        if m.sources.is_empty() {
            out.push(
                doc.error_at_value("title", &m.title, "this event cites no source")
                    .hint("add `sources: [id]` naming where the event is reported"),
            );
        }
        check_citations(doc, "sources", &m.sources, known, out);
        if let Some(end) = m.end_date
            && end < m.date
        {
            out.push(
                doc.error_at_value("end_date", &end.iso(), "the event ends before it starts")
                    .hint("`end_date` must be on or after `date`"),
            );
        }
        check_times(doc, out);
        if let Some(era) = &m.era
            && !eras.contains(&era.as_str())
        {
            let hint = did_you_mean(era, eras.iter().copied()).unwrap_or_else(|| {
                if eras.is_empty() {
                    "define eras in content/timeline/_index.md, or remove `era:`".into()
                } else {
                    format!("the eras are {}", eras.join(", "))
                }
            });
            out.push(
                doc.error_at_value("era", era, format!("unknown era `{era}`"))
                    .hint(hint),
            );
        }
    }
}

/// A time of day needs the day it is on, and an event ends after it starts.
fn check_times(doc: &Document<EventMeta>, out: &mut Diagnostics) {
    let m = &doc.meta;
    if let Some(time) = m.time
        && m.date.day().is_none()
    {
        out.push(
            doc.error_at_value("time", &time.iso(), "a time of day needs the day it is on")
                .hint(format!(
                    "give `date:` its day (YYYY-MM-DD), or remove `time: {time}`"
                )),
        );
    }
    if let Some(end_time) = m.end_time {
        let end_day = m.end_date.unwrap_or(m.date);
        if end_day.day().is_none() {
            out.push(
                doc.error_at_value(
                    "end_time",
                    &end_time.iso(),
                    "a time of day needs the day it is on",
                )
                .hint("give `end_date:` (or `date:`) its day, YYYY-MM-DD"),
            );
        } else if end_day == m.date
            && let Some(start) = m.time
            && end_time < start
        {
            out.push(
                doc.error_at_value(
                    "end_time",
                    &end_time.iso(),
                    "the event ends before it starts",
                )
                .hint(format!(
                    "on the same day, `end_time` must be after `time: {start}`"
                )),
            );
        }
    }
}
