//! What `check` looks at beyond the build in each file: the page's key points, headline and
//! description; web addresses; events against their eras, their file names and the publication date;
//! the example text `explainer new` writes.

use std::ops::Range;

use super::{KEY_POINTS, MAX_DESCRIPTION, MAX_HEADLINE};
use crate::content::model::{Era, EventMeta, PageMeta};
use crate::content::{Document, Files, front_matter};
use crate::dates::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::scaffold::PLACEHOLDER;
use crate::url::{is_web_address, unsafe_scheme, web_address_problem};

pub(super) fn check_page(page: &Document<PageMeta>, out: &mut Diagnostics) {
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
    // A script or data address is refused by the build already: one mistake, one report.
    for (key, url) in urls.filter(|(_, url)| unsafe_scheme(url).is_none()) {
        if let Some((message, hint)) = web_address_problem(url) {
            out.push(page.error_at_value(key, url, message).hint(hint));
        }
    }
}

/// The paragraph `explainer new` writes must not reach readers: an error, so that no build
/// publishes it (issue 30, 1).
pub(super) fn check_placeholders(files: &Files, out: &mut Diagnostics) {
    let page = files.page.iter().map(|d| (&d.path, &d.text, &d.split));
    let sections = files.sections.iter().map(|d| (&d.path, &d.text, &d.split));
    let events = files.events.iter().map(|d| (&d.path, &d.text, &d.split));
    for (path, text, split) in page.chain(sections).chain(events) {
        if let Some(i) = text[split.body.clone()].find(PLACEHOLDER) {
            let at = split.body.start + i;
            out.push(
                Diagnostic::error(
                    path,
                    "this is still the example text that `explainer new` wrote",
                )
                .at(text, at..at + PLACEHOLDER.len())
                .hint("replace the paragraph with your own text: nothing is published while it is there"),
            );
        }
    }
}

pub(super) fn check_sections(files: &Files, out: &mut Diagnostics) {
    for doc in &files.sections {
        for source in &doc.meta.sources {
            // The build already says when a source URL does not start with http(s)://.
            let url = &source.url;
            if is_web_address(url)
                && let Some((message, hint)) = web_address_problem(url)
            {
                out.push(doc.error_at_value("url", url, message).hint(hint));
            }
        }
    }
}

pub(super) fn check_events(files: &Files, out: &mut Diagnostics) {
    let timeline = files.sections.iter().find(|s| s.is_timeline());
    let published = files.page.as_ref().map(|p| &p.meta);
    let mut runs = EraRuns::default();
    for doc in &files.events {
        let m = &doc.meta;
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
        let era = timeline
            .zip(m.era.as_deref())
            .and_then(|(t, id)| t.meta.eras.iter().find(|e| e.id == id));
        runs.check(doc, era, out);
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
    check_groups(files, out);
}

/// A group written once, close to one other events use, is likely a slip ("Politcs", "politics").
fn check_groups(files: &Files, out: &mut Diagnostics) {
    let mut uses: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for doc in &files.events {
        if let Some(group) = &doc.meta.group {
            *uses.entry(group.as_str()).or_default() += 1;
        }
    }
    for doc in &files.events {
        let Some(group) = doc.meta.group.as_deref() else {
            continue;
        };
        if uses[group] > 1 {
            continue;
        }
        let others = uses.keys().copied().filter(|g| *g != group && uses[g] > 1);
        let same_but_case = others
            .clone()
            .find(|g| g.to_lowercase().trim() == group.to_lowercase().trim());
        let Some(close) = same_but_case.or_else(|| closest(group, others)) else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                &doc.path,
                format!(
                    "the group `{group}` is on this event only, and `{close}` is on {} others",
                    uses[close]
                ),
            )
            .at(
                &doc.text,
                front_matter::locate(&doc.text, &doc.split, "group", group),
            )
            .hint(format!(
                "if they are the same group, write `{close}` here too"
            )),
        );
    }
}

/// The eras of the timeline's events, in date order: each event must fall within its era's dates,
/// and an era's events must follow one another.
#[derive(Default)]
struct EraRuns<'a> {
    /// Eras whose run of events has ended.
    ended: Vec<&'a str>,
    current: Option<&'a str>,
}

impl<'a> EraRuns<'a> {
    fn check(&mut self, doc: &Document<EventMeta>, era: Option<&'a Era>, out: &mut Diagnostics) {
        let m = &doc.meta;
        // Only an era that exists has a run: an unknown era is reported once, where it is written
        // (by the build), and must not end the run of the era around it.
        if m.era.is_some() && era.is_none() {
            return;
        }
        let named = era.map(|e| e.id.as_str());
        let outside = era.is_some_and(|era| {
            m.date.earliest() < era.start.earliest() || m.date.earliest() > era.end.latest()
        });
        // An event outside its era is reported as such, and does not count as the era's place.
        if !outside {
            if let (Some(era), true) = (era, named.is_some_and(|e| self.ended.contains(&e))) {
                out.push(
                    doc.error_at_value("era", &era.id, format!("the era `{}` already ended earlier in the timeline", era.id))
                        .hint("an era's events must follow one another in date order; choose the era this event's date falls in"),
                );
            }
            if named != self.current {
                self.ended.extend(self.current);
                self.current = named;
            }
        }
        if let (Some(era), true) = (era, outside) {
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
    }
}

fn date_range(doc: &Document<EventMeta>) -> Range<usize> {
    front_matter::locate(&doc.text, &doc.split, "date", &doc.meta.date.iso())
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

#[cfg(test)]
mod tests {
    use super::*;

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
