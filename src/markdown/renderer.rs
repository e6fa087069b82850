//! The Markdown renderer: pulldown-cmark's events, with citations turned into numbered links, heading
//! and footnote ids prefixed so that sections never share one, links to other sites marked, unsafe
//! addresses and images without alt text reported, and raw HTML sanitised.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use super::citations::next_citation;
use super::raw_html::{images_without_alt, missing_alt, sanitise};
use super::slips::slips;
use super::{Problem, Rendered, Settings, TermMarks, slugify};
use crate::diagnostics::did_you_mean;
use crate::html::escape;
use crate::url::{is_external, unsafe_scheme};

mod embeds;
mod footnotes;
mod pictures;

use embeds::LoneLink;

pub(crate) struct Renderer<'t, 's> {
    text: &'t str,
    settings: &'s Settings<'s>,
    /// Where events go: the page, or an open heading or footnote definition being collected.
    stack: Vec<Vec<Event<'t>>>,
    /// Adjacent text events, kept as pulldown-cmark gave them (usually borrowed from the source) until
    /// it is known whether they hold a citation; only then are they joined.
    pending: Vec<CowStr<'t>>,
    pending_range: Range<usize>,
    code_depth: usize,
    /// The image being read: where it is, and whether it has alt text so far.
    image: Option<(Range<usize>, bool)>,
    /// The photo being read, made at build time, and its title (the caption); its description is
    /// collected on a stack level of its own.
    picture: Option<(String, String)>,
    /// Where the last photo was put in the current level, with its caption: alone in its paragraph,
    /// it becomes a figure.
    last_picture: Option<(usize, String)>,
    /// A link that opened right at the start of its paragraph: where, its address, and where it
    /// closed (alone in the paragraph, it may become an embed).
    lone_link: Option<LoneLink>,
    heading_ids: HashMap<String, usize>,
    /// The level of the last heading of the text (0 before the first).
    last_heading: u8,
    footnote_order: Vec<String>,
    footnotes: HashMap<String, Vec<Event<'t>>>,
    /// For each open link: whether its start was written here as HTML with `rel` (an external link),
    /// so its end must be too.
    links: Vec<bool>,
    /// Whether the text holds raw HTML of its own, which is then sanitised.
    raw_html: bool,
    /// How deep its raw HTML nests; `None` once it went too deep (and was reported), after which
    /// it is neither counted nor cleaned.
    nesting: Option<crate::html::Nesting>,
    out: Rendered,
}

impl<'t, 's> Renderer<'t, 's> {
    pub(crate) fn new(text: &'t str, settings: &'s Settings<'s>) -> Self {
        Renderer {
            text,
            settings,
            stack: vec![Vec::new()],
            pending: Vec::new(),
            pending_range: 0..0,
            code_depth: 0,
            image: None,
            picture: None,
            last_picture: None,
            lone_link: None,
            heading_ids: HashMap::new(),
            last_heading: 0,
            footnote_order: Vec::new(),
            footnotes: HashMap::new(),
            links: Vec::new(),
            raw_html: false,
            nesting: Some(crate::html::Nesting::default()),
            out: Rendered::default(),
        }
    }

    fn push(&mut self, event: Event<'t>) {
        if let Some(top) = self.stack.last_mut() {
            top.push(event);
        }
    }

    pub(crate) fn run(mut self) -> Rendered {
        let text = self.text;
        for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
            if let (Some((_, has_alt)), Event::Text(t) | Event::Code(t)) = (&mut self.image, &event)
            {
                *has_alt |= !t.trim().is_empty();
            }
            if matches!(event, Event::Text(_)) && self.code_depth == 0 {
                if self.pending.is_empty() {
                    self.pending_range = range;
                } else {
                    self.pending_range.end = range.end;
                }
                if let Event::Text(t) = event {
                    self.pending.push(t);
                }
                continue;
            }
            self.flush_text();
            self.event(event, range);
        }
        self.flush_text();
        let mut events = self.stack.pop().unwrap_or_default();
        self.append_footnotes(&mut events);
        self.out.html.reserve(text.len() + text.len() / 2);
        html::push_html(&mut self.out.html, events.into_iter());
        if self.raw_html && !self.settings.trusted_html && self.nesting.is_some() {
            self.out.html = sanitise(&self.out.html);
        }
        self.out
    }

    fn event(&mut self, event: Event<'t>, range: Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                self.code_depth += 1;
                self.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                self.code_depth = self.code_depth.saturating_sub(1);
                self.push(event);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.check_heading_level(level as u8, range.clone());
                self.refuse_heading_attributes(&attrs, range);
                // Only an id and classes are ever written: an attribute such as `onfocus=…` would
                // run script with no HTML in the text.
                self.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
                self.stack.push(Vec::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                let inner = self.stack.pop().unwrap_or_default();
                self.close_heading(inner, event);
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) => {
                self.check_url(dest_url, range.clone());
                self.image = Some((range, false));
                if self.settings.pictures.is_some_and(|p| p.has(dest_url)) {
                    self.picture = Some((dest_url.to_string(), title.to_string()));
                    self.stack.push(Vec::new());
                } else {
                    self.push(event);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.image.take() {
                    self.out.problems.push(missing_alt(at));
                }
                match self.picture.take() {
                    Some((src, title)) => self.close_picture(&src, title),
                    None => self.push(event),
                }
            }
            Event::End(TagEnd::Paragraph) => self.close_paragraph(event),
            Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            }) => {
                self.check_url(dest_url, range);
                self.open_link(dest_url);
                if is_external(dest_url) {
                    self.push(external_link(dest_url, title));
                    self.links.push(true);
                } else {
                    self.push(event);
                    self.links.push(false);
                }
            }
            Event::End(TagEnd::Link) => {
                if self.links.pop() == Some(true) {
                    self.push(Event::InlineHtml(CowStr::from("</a>")));
                } else {
                    self.push(event);
                }
                self.close_link();
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                self.raw_html = true;
                let deep = self.nesting.as_mut().and_then(|n| n.feed(html));
                if let Some(at) = deep {
                    self.nesting = None;
                    self.out.problems.push(
                        Problem::new(
                            range.start + at.start..range.start + at.end,
                            format!(
                                "HTML elements nested more than {} deep",
                                crate::html::MAX_NESTING
                            ),
                        )
                        .hint("close the elements you open (`<div>` … `</div>`), or write the text in Markdown"),
                    );
                }
                for at in images_without_alt(html) {
                    // Raw HTML events hold the source text as written, so offsets carry over.
                    let start = range.start + at.start;
                    self.out
                        .problems
                        .push(missing_alt(start..range.start + at.end));
                }
                self.push(event);
            }
            Event::Start(Tag::FootnoteDefinition(_)) => self.stack.push(Vec::new()),
            Event::End(TagEnd::FootnoteDefinition) => self.end_footnote_definition(range),
            other => self.push(other),
        }
    }

    /// Reports a heading bigger than the text's place on the page allows.
    fn check_heading_level(&mut self, level: u8, range: Range<usize>) {
        let min = self.settings.min_heading;
        if level < min {
            let hashes = "#".repeat(usize::from(min));
            self.out.problems.push(
                Problem::new(
                    range.start..range.start + usize::from(level),
                    format!("a level-{level} heading inside this text"),
                )
                .hint(format!(
                    "the title above this text is a bigger heading; start headings here with `{hashes} `"
                )),
            );
        } else {
            // One level at a time, so that the headings a screen reader lists read as an outline.
            let above = if self.last_heading == 0 {
                min - 1
            } else {
                self.last_heading
            };
            if level > above + 1 {
                let expected = "#".repeat(usize::from(above + 1));
                self.out.problems.push(
                    Problem::new(
                        range.start..range.start + usize::from(level),
                        format!("a level-{level} heading where a level-{} one belongs", above + 1),
                    )
                    .hint(format!(
                        "write `{expected} `: a heading goes at most one level below the one above it, so that readers who listen to the page's outline do not miss a step"
                    )),
                );
            }
        }
        self.last_heading = level;
    }

    /// Reports each attribute of a heading's `{…}` other than its `#id` and `.class`es, at its name.
    fn refuse_heading_attributes(
        &mut self,
        attrs: &[(CowStr<'t>, Option<CowStr<'t>>)],
        range: Range<usize>,
    ) {
        let Some((name, _)) = attrs.first() else {
            return;
        };
        let heading = &self.text[range.clone()];
        let first_line = heading.split(['\n', '\r']).next().unwrap_or(heading);
        let braces = first_line.rfind('{').unwrap_or(0);
        let at = first_line[braces..]
            .find(name.as_ref())
            .map_or(range.start, |i| range.start + braces + i);
        let end = first_line[at - range.start..]
            .find([' ', '}'])
            .map_or(at + name.len(), |i| at + i);
        self.out.problems.push(
            Problem::new(
                at..end,
                format!("a heading may carry only an id and classes, not `{name}`"),
            )
            .hint("write `{#an-id}` or `{.a-class}` after the heading's words, or nothing"),
        );
    }

    /// Reports a link or image whose address would run script or embed a document.
    fn check_url(&mut self, url: &str, range: Range<usize>) {
        if let Some(scheme) = unsafe_scheme(url) {
            self.out.problems.push(
                Problem::new(range, format!("a link to a `{scheme}:` address")).hint(
                    "links may point to web addresses (https://), places on the page (#id) or files in static/",
                ),
            );
        }
    }

    /// Gives the heading an id (its own `{#id}`, or one made from its text) and emits it.
    fn close_heading(&mut self, inner: Vec<Event<'t>>, end: Event<'t>) {
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        let Some(Event::Start(Tag::Heading { id, .. })) = top.last_mut() else {
            return;
        };
        if id.is_none() {
            let mut slug = slugify(&words_of(&inner));
            if !self.settings.id_prefix.is_empty() {
                slug = format!("{}-{slug}", self.settings.id_prefix);
            }
            let seen = self.heading_ids.entry(slug.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                slug = format!("{slug}-{seen}");
            }
            *id = Some(CowStr::from(slug));
        }
        top.extend(inner);
        top.push(end);
    }

    /// Emits collected text, turning `[@id]` and `[@a; @b]` into citation links.
    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let range = self.pending_range.clone();
        self.out
            .problems
            .extend(slips(self.text, range.clone(), self.settings.citations));
        // Most text holds no citation and no glossary term still to link: pass it on as it is,
        // without copying.
        let terms = self
            .settings
            .terms
            .filter(|t| self.may_open_cards() && t.any_open());
        if terms.is_none() && !self.pending.iter().any(|t| t.contains('@')) {
            let pieces = std::mem::take(&mut self.pending);
            for piece in pieces {
                self.push(Event::Text(piece));
            }
            return;
        }
        let buf: String = self.pending.drain(..).map(|t| t.into_string()).collect();
        let mut rest = buf.as_str();
        while let Some((before, ids, after)) = next_citation(rest) {
            // A citation mark sits against the word it supports: "troops[1]", not "troops [1]",
            // even when the editor put it at the start of a new line.
            let before = before.trim_end();
            if before.is_empty()
                && let Some(top) = self.stack.last_mut()
                && matches!(top.last(), Some(Event::SoftBreak))
            {
                top.pop();
            }
            if !before.is_empty() {
                self.push_text(before, terms);
            }
            for id in &ids {
                if !self.settings.citations.knows(id) {
                    let needle = format!("@{id}");
                    let at = self.text[range.clone()]
                        .find(&needle)
                        .map_or(range.start, |i| range.start + i + 1);
                    let hint =
                        did_you_mean(id, self.settings.citations.ids()).unwrap_or_else(|| {
                            "cite a source by the `id` it has in content/sources.md".to_string()
                        });
                    self.out.problems.push(
                        Problem::new(at..at + id.len(), format!("unknown source `{id}`"))
                            .hint(hint),
                    );
                }
                self.out.cited.push(id.clone());
            }
            let html = self.settings.citations.html(ids.iter().map(String::as_str));
            self.push(Event::InlineHtml(CowStr::from(html)));
            rest = after;
        }
        if !rest.is_empty() {
            self.push_text(rest, terms);
        }
    }

    /// Whether a glossary term here may open its card: in running text, not in a link, an image's
    /// description, a heading or a footnote.
    fn may_open_cards(&self) -> bool {
        self.links.is_empty() && self.image.is_none() && self.stack.len() == 1
    }

    /// Emits plain text, with the first mention of each glossary term still open made its card's
    /// button.
    fn push_text(&mut self, text: &str, terms: Option<&TermMarks>) {
        match terms.and_then(|t| t.html(text)) {
            Some(html) => self.push(Event::InlineHtml(CowStr::from(html))),
            None => self.push(Event::Text(CowStr::from(text.to_string()))),
        }
    }
}

/// The start of a link to another site, which must not share the page (`rel="noopener noreferrer"`).
fn external_link<'t>(url: &str, title: &str) -> Event<'t> {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    Event::InlineHtml(CowStr::from(format!(
        "<a href=\"{}\" rel=\"noopener noreferrer\"{title}>",
        escape(url)
    )))
}

/// The words of collected events, without their markup: a heading's text, an image's description.
fn words_of(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}
