//! Markdown to HTML with pulldown-cmark, plus the few things an explainer needs on top: numbered
//! source citations written `[@id]`, heading ids, footnotes whose ids cannot clash between sections,
//! a check that a body's headings sit below its section's own heading, and a check that every image
//! has a description (alt text). [`links`] lists where a text's links and images point, for
//! `explainer check`.
//!
//! Problems are returned as byte ranges of the Markdown text given; the caller knows which file that
//! text came from and turns them into diagnostics. This module does not know about files or templates.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostics::did_you_mean;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Source ids and the number each is shown with (its place in the sources list).
#[derive(Debug, Default, Clone)]
pub struct Citations {
    numbers: HashMap<String, usize>,
    /// Each source's web address, when known (see [`Citations::with_urls`]).
    urls: HashMap<String, String>,
    /// Accept any id: for checking a text when the sources list could not be read.
    unchecked: bool,
}

impl Citations {
    pub fn new<'a>(ids_in_order: impl IntoIterator<Item = &'a str>) -> Citations {
        let numbers = ids_in_order
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i + 1))
            .collect();
        Citations {
            numbers,
            urls: HashMap::new(),
            unchecked: false,
        }
    }

    /// Citations that accept every id, so that other problems of a text can be found while the
    /// sources list is unknown (its file is broken) without reporting false unknown sources.
    pub fn unchecked() -> Citations {
        Citations {
            unchecked: true,
            ..Citations::default()
        }
    }

    /// The same, knowing each source's web address too: looked up once here, not in the whole
    /// sources list for every quote.
    pub fn with_urls<'a>(
        mut self,
        urls: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Citations {
        self.urls = urls
            .into_iter()
            .map(|(id, url)| (id.to_string(), url.to_string()))
            .collect();
        self
    }

    /// The web address of the source `id`, if [`Citations::with_urls`] was given it.
    pub fn url(&self, id: &str) -> Option<&str> {
        self.urls.get(id).map(String::as_str)
    }

    /// Whether `id` may be cited.
    pub fn knows(&self, id: &str) -> bool {
        self.unchecked || self.numbers.contains_key(id)
    }

    pub fn number(&self, id: &str) -> Option<usize> {
        self.numbers.get(id).copied()
    }

    /// The HTML for a group of citations, e.g. `<sup class="cite">…1…, …4…</sup>`. Unknown ids are
    /// skipped (they are reported as errors elsewhere).
    pub fn html<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> String {
        let links: Vec<String> = ids
            .into_iter()
            .filter_map(|id| {
                let n = self.number(id)?;
                Some(format!(
                    "<a href=\"#source-{id}\"><span class=\"visually-hidden\">source </span>{n}</a>"
                ))
            })
            .collect();
        if links.is_empty() {
            String::new()
        } else {
            format!("<sup class=\"cite\">{}</sup>", links.join(", "))
        }
    }
}

/// A problem in the Markdown, at a byte range of the text that was rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// Rendered HTML, the source ids it cites (in order, repeats kept) and any problems.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub cited: Vec<String>,
    pub problems: Vec<Problem>,
}

/// How to render one piece of Markdown.
pub struct Settings<'a> {
    pub citations: &'a Citations,
    /// Prepended to generated heading and footnote ids, so that two sections never share an id.
    pub id_prefix: &'a str,
    /// The smallest heading level allowed in this text (3 in a section under its `h2`).
    pub min_heading: u8,
    /// Whether raw HTML written in the text is kept as written (the page's `trusted_html`) rather
    /// than sanitised.
    pub trusted_html: bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Turns heading text into an id: lower case, words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Plain text with typographic punctuation (curly quotes and apostrophes, dashes, ellipses), for
/// titles that are shown as text rather than HTML. Markdown syntax in `text` is not interpreted.
pub fn smarten(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| {
            let escape = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '&' | '|' | '~'
            );
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION)
        .filter_map(|event| match event {
            Event::Text(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect()
}

/// The words of a piece of Markdown as plain text, without markup or `[@id]` citations, with
/// typographic punctuation: for structured data and feeds, where a citation number means nothing.
pub fn plain_text(text: &str) -> String {
    let mut words = String::new();
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => words.push_str(&t),
            Event::SoftBreak | Event::HardBreak => words.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => words.push(' '),
            _ => {}
        }
    }
    let mut plain = String::with_capacity(words.len());
    let mut rest = words.as_str();
    while let Some((before, _, after)) = next_citation(rest) {
        plain.push_str(before.trim_end());
        rest = after;
    }
    plain.push_str(rest);
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders a block of Markdown (a section or event body).
pub fn render(text: &str, settings: &Settings) -> Rendered {
    Renderer::new(text, settings).run()
}

/// Renders a one-paragraph string from front matter (a key point, a label) without its `<p>`.
pub fn render_inline(text: &str, citations: &Citations, trusted_html: bool) -> Rendered {
    let settings = Settings {
        citations,
        id_prefix: "",
        min_heading: 6,
        trusted_html,
    };
    let mut rendered = render(text, &settings);
    let html = rendered.html.trim_end();
    if let Some(inner) = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        rendered.html = inner.to_string();
    }
    rendered
}

struct Renderer<'t, 's> {
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
    heading_ids: HashMap<String, usize>,
    footnote_order: Vec<String>,
    footnotes: HashMap<String, Vec<Event<'t>>>,
    /// For each open link: whether its start was written here as HTML with `rel` (an external link),
    /// so its end must be too.
    links: Vec<bool>,
    /// Whether the text holds raw HTML of its own, which is then sanitised.
    raw_html: bool,
    out: Rendered,
}

impl<'t, 's> Renderer<'t, 's> {
    fn new(text: &'t str, settings: &'s Settings<'s>) -> Self {
        Renderer {
            text,
            settings,
            stack: vec![Vec::new()],
            pending: Vec::new(),
            pending_range: 0..0,
            code_depth: 0,
            image: None,
            heading_ids: HashMap::new(),
            footnote_order: Vec::new(),
            footnotes: HashMap::new(),
            links: Vec::new(),
            raw_html: false,
            out: Rendered::default(),
        }
    }

    fn push(&mut self, event: Event<'t>) {
        if let Some(top) = self.stack.last_mut() {
            top.push(event);
        }
    }

    fn run(mut self) -> Rendered {
        let text = self.text;
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
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
        if self.raw_html && !self.settings.trusted_html {
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
            Event::Start(Tag::Heading { level, .. }) => {
                let min = self.settings.min_heading;
                if (level as u8) < min {
                    let hashes = "#".repeat(usize::from(min));
                    self.out.problems.push(Problem {
                        range: range.start..range.start + level as usize,
                        message: format!("a level-{} heading inside this text", level as u8),
                        hint: Some(format!(
                            "the title above this text is a bigger heading; start headings here with `{hashes} `"
                        )),
                    });
                }
                self.push(event);
                self.stack.push(Vec::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                let inner = self.stack.pop().unwrap_or_default();
                self.close_heading(inner, event);
            }
            Event::FootnoteReference(label) => {
                let n = match self.footnote_order.iter().position(|l| **l == *label) {
                    Some(i) => i + 1,
                    None => {
                        self.footnote_order.push(label.to_string());
                        self.footnote_order.len()
                    }
                };
                let id = self.footnote_id(&label);
                self.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{id}-ref\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                self.check_url(dest_url, range.clone());
                self.image = Some((range, false));
                self.push(event);
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.image.take() {
                    self.out.problems.push(missing_alt(at));
                }
                self.push(event);
            }
            Event::Start(Tag::Link {
                ref dest_url,
                ref title,
                ..
            }) => {
                self.check_url(dest_url, range);
                let external = is_external(dest_url);
                if external {
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", escape_html(title))
                    };
                    self.push(Event::InlineHtml(CowStr::from(format!(
                        "<a href=\"{}\" rel=\"noopener noreferrer\"{title}>",
                        escape_html(dest_url)
                    ))));
                } else {
                    self.push(event);
                }
                self.links.push(external);
            }
            Event::End(TagEnd::Link) => {
                if self.links.pop() == Some(true) {
                    self.push(Event::InlineHtml(CowStr::from("</a>")));
                } else {
                    self.push(event);
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                self.raw_html = true;
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
            Event::End(TagEnd::FootnoteDefinition) => {
                let inner = self.stack.pop().unwrap_or_default();
                // The label is not on the end tag; find the matching start in the source range.
                let label = self.text[range]
                    .strip_prefix("[^")
                    .and_then(|rest| rest.split(']').next())
                    .unwrap_or_default()
                    .to_string();
                self.footnotes.insert(label, inner);
            }
            other => self.push(other),
        }
    }

    /// Reports a link or image whose address would run script or embed a document.
    fn check_url(&mut self, url: &str, range: Range<usize>) {
        if let Some(scheme) = unsafe_scheme(url) {
            self.out.problems.push(Problem {
                range,
                message: format!("a link to a `{scheme}:` address"),
                hint: Some(
                    "links may point to web addresses (https://), places on the page (#id) or files in static/".into(),
                ),
            });
        }
    }

    fn footnote_id(&self, label: &str) -> String {
        let prefix = self.settings.id_prefix;
        let label = slugify(label);
        if prefix.is_empty() {
            format!("fn-{label}")
        } else {
            format!("{prefix}-fn-{label}")
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
            let words: String = inner
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let mut slug = slugify(&words);
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
        // Most text holds no citation: pass it on as it is, without copying.
        if !self.pending.iter().any(|t| t.contains('@')) {
            let pieces = std::mem::take(&mut self.pending);
            for piece in pieces {
                self.push(Event::Text(piece));
            }
            return;
        }
        let buf: String = self.pending.drain(..).map(|t| t.into_string()).collect();
        let range = self.pending_range.clone();
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
                self.push(Event::Text(CowStr::from(before.to_string())));
            }
            for id in &ids {
                if !self.settings.citations.knows(id) {
                    let needle = format!("@{id}");
                    let at = self.text[range.clone()]
                        .find(&needle)
                        .map_or(range.start, |i| range.start + i + 1);
                    let hint = match did_you_mean(
                        id,
                        self.settings.citations.numbers.keys().map(String::as_str),
                    ) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => {
                            "cite a source by the `id` it has in content/sources.md".to_string()
                        }
                    };
                    self.out.problems.push(Problem {
                        range: at..at + id.len(),
                        message: format!("unknown source `{id}`"),
                        hint: Some(hint),
                    });
                }
                self.out.cited.push(id.clone());
            }
            let html = self.settings.citations.html(ids.iter().map(String::as_str));
            self.push(Event::InlineHtml(CowStr::from(html)));
            rest = after;
        }
        if !rest.is_empty() {
            self.push(Event::Text(CowStr::from(rest.to_string())));
        }
    }

    fn append_footnotes(&mut self, events: &mut Vec<Event<'t>>) {
        let mut labels = self.footnote_order.clone();
        let mut unreferenced: Vec<String> = self
            .footnotes
            .keys()
            .filter(|l| !labels.contains(l))
            .cloned()
            .collect();
        unreferenced.sort();
        labels.extend(unreferenced);
        let present: Vec<&String> = labels
            .iter()
            .filter(|l| self.footnotes.contains_key(*l))
            .collect();
        if present.is_empty() {
            return;
        }
        events.push(Event::Html(CowStr::from("<ol class=\"footnotes\">\n")));
        for (i, label) in present.into_iter().enumerate() {
            let id = self.footnote_id(label);
            events.push(Event::Html(CowStr::from(format!("<li id=\"{id}\">"))));
            events.extend(self.footnotes.remove(label).unwrap_or_default());
            if self.footnote_order.contains(label) {
                events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"footnote-back\" href=\"#{id}-ref\">Back<span class=\"visually-hidden\"> to note {}</span></a>",
                    i + 1
                ))));
            }
            events.push(Event::Html(CowStr::from("</li>\n")));
        }
        events.push(Event::Html(CowStr::from("</ol>\n")));
    }
}

/// The scheme of `url` when it is one that runs script or carries a whole document inline
/// (`javascript:`, `vbscript:`, `data:`), as browsers read it: case and the whitespace and control
/// characters they ignore do not hide it.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript", "vbscript", "data"]
        .into_iter()
        .find(|scheme| {
            cleaned
                .strip_prefix(scheme)
                .is_some_and(|rest| rest.starts_with(':'))
        })
}

/// Whether a link leaves the page for another site.
fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Text escaped for HTML (and XML), in element content and in quoted attribute values. The one
/// escape explainer uses outside Tera: links written here, the feed and sitemap, serve's overlay.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cleans HTML rendered from a text that holds raw HTML: keeps the markup explainers use (links,
/// emphasis, lists, tables, figures, `<abbr>`, `<time>`, and the ids and classes explainer gives
/// headings, citations and footnotes) and drops scripts, styles, event handlers, frames, forms and
/// unsafe addresses. Links to other sites get `rel="noopener noreferrer"`.
fn sanitise(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_generic_attributes(["id", "class"])
                .add_tag_attributes("time", ["datetime"])
                .add_tag_attributes("ol", ["start", "reversed"])
                .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope"])
                .add_tag_attributes("td", ["align", "colspan", "rowspan"])
                .add_tag_attributes("abbr", ["title"])
                .add_tag_attributes("a", ["title"])
                .add_tag_attributes("img", ["title", "loading"])
                .link_rel(Some("noopener noreferrer"));
            builder
        })
        .clean(html)
        .to_string()
}

fn missing_alt(range: Range<usize>) -> Problem {
    Problem {
        range,
        message: "this image has no description (alt text)".into(),
        hint: Some(
            "describe what it shows for readers who cannot see it: ![US troops board a plane in Baghdad](photo.jpg)"
                .into(),
        ),
    }
}

/// The byte ranges of `<img>` tags without an `alt` attribute in a piece of raw HTML.
fn images_without_alt(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..]
            .find('>')
            .map_or(lower.len(), |j| start + j + 1);
        let tag = &lower[start..end];
        let has_alt = tag.match_indices("alt").any(|(k, _)| {
            tag[..k].ends_with(char::is_whitespace) && tag[k + 3..].trim_start().starts_with('=')
        });
        if !has_alt {
            found.push(start..end);
        }
        from = end;
    }
    found
}

/// Where a link or an image in a Markdown text points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written: `#timeline`, `photos/a.jpg`, `https://…`.
    pub url: String,
    /// The destination in the text (the whole link when the destination is defined elsewhere).
    pub range: Range<usize>,
    pub image: bool,
}

/// Every link and image of a Markdown text, in order. Code is left alone, as when rendering.
pub fn links(text: &str) -> Vec<Link> {
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let (url, image) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            // Links written as HTML: `<a href="#here">`, `<img src="a.jpg" alt="…">`.
            Event::Html(_) | Event::InlineHtml(_) => {
                let html = &text[range.clone()];
                for (name, image) in [("href", false), ("src", true)] {
                    for (at, url) in html_attributes(html, name) {
                        found.push(Link {
                            url: url.to_string(),
                            range: range.start + at.start..range.start + at.end,
                            image,
                        });
                    }
                }
                continue;
            }
            _ => continue,
        };
        let written = &text[range.clone()];
        // Point at the destination itself when it is written inside the link: `[text](#here)`.
        let range = match written.rfind(url.as_ref()) {
            Some(i) if !url.is_empty() => range.start + i..range.start + i + url.len(),
            _ => range,
        };
        found.push(Link {
            url: url.into_string(),
            range,
            image,
        });
    }
    found
}

/// Each `name="value"` (or `'value'`) attribute in HTML text: the value's byte range and the value.
pub fn html_attributes<'t>(html: &'t str, name: &str) -> Vec<(Range<usize>, &'t str)> {
    let mut found = Vec::new();
    let pattern = format!("{name}=");
    for (i, _) in html.match_indices(&pattern) {
        let before = html[..i].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let start = i + pattern.len();
        let Some(quote) = html[start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            continue;
        };
        let value_start = start + 1;
        if let Some(len) = html[value_start..].find(quote) {
            found.push((
                value_start..value_start + len,
                &html[value_start..value_start + len],
            ));
        }
    }
    found
}

/// Finds the next `[@id]` or `[@a; @b]` in `text`: the text before it, the ids, the text after it.
fn next_citation(text: &str) -> Option<(&str, Vec<String>, &str)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("[@") {
        let start = from + i;
        if let Some(len) = text[start..].find(']') {
            let inner = &text[start + 1..start + len];
            let ids: Option<Vec<String>> = inner
                .split(';')
                .map(|part| {
                    let id = part.trim().strip_prefix('@')?;
                    let valid = !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
                    valid.then(|| id.to_string())
                })
                .collect();
            if let Some(ids) = ids {
                return Some((&text[..start], ids, &text[start + len + 1..]));
            }
        }
        from = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(citations: &Citations) -> Settings<'_> {
        Settings {
            citations,
            id_prefix: "why",
            min_heading: 3,
            trusted_html: false,
        }
    }

    #[test]
    fn turns_citations_into_numbered_links() {
        let c = Citations::new(["ap", "reuters"]);
        let r = render("Troops stay [@reuters; @ap].", &settings(&c));
        assert_eq!(
            r.html,
            "<p>Troops stay<sup class=\"cite\"><a href=\"#source-reuters\"><span class=\"visually-hidden\">source </span>2</a>, <a href=\"#source-ap\"><span class=\"visually-hidden\">source </span>1</a></sup>.</p>\n"
        );
        assert_eq!(r.cited, ["reuters", "ap"]);
        assert!(r.problems.is_empty());
    }

    #[test]
    fn reports_unknown_citations_where_they_are() {
        let c = Citations::new(["ap"]);
        let text = "First line.\n\nSecond [@reutres] line.";
        let r = render(text, &settings(&c));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(&text[r.problems[0].range.clone()], "reutres");
    }

    #[test]
    fn leaves_citations_in_code_alone() {
        let c = Citations::new(["ap"]);
        let r = render("`[@ap]` and\n\n    [@ap]\n", &settings(&c));
        assert!(!r.html.contains("cite"), "{}", r.html);
    }

    #[test]
    fn gives_headings_prefixed_unique_ids_and_checks_levels() {
        let c = Citations::default();
        let r = render(
            "### The deal\n\n### The deal\n\n## Too big\n",
            &settings(&c),
        );
        assert!(r.html.contains("<h3 id=\"why-the-deal\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"why-the-deal-2\">"), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].message, "a level-2 heading inside this text");
    }

    #[test]
    fn renders_footnotes_with_section_scoped_ids() {
        let c = Citations::default();
        let r = render("Said so.[^a]\n\n[^a]: In an interview.\n", &settings(&c));
        assert!(
            r.html
                .contains("href=\"#why-fn-a\" id=\"why-fn-a-ref\">1</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<li id=\"why-fn-a\">"), "{}", r.html);
        assert!(r.html.contains("In an interview."), "{}", r.html);
    }

    #[test]
    fn citations_on_a_new_line_still_sit_against_the_word() {
        let c = Citations::new(["ap"]);
        let r = render("Named in October 2014\n[@ap].", &settings(&c));
        assert!(r.html.contains("2014<sup"), "{}", r.html);
    }

    #[test]
    fn images_need_alt_text() {
        let c = Citations::default();
        let text = "A photo:\n\n![](a.jpg) and ![ ](b.jpg) and ![Troops](c.jpg)\n\n<img src=\"d.jpg\"> <img alt=\"\" src=\"e.jpg\">\n";
        let r = render(text, &settings(&c));
        let flagged: Vec<&str> = r.problems.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(
            flagged,
            ["![](a.jpg)", "![ ](b.jpg)", "<img src=\"d.jpg\">"]
        );
    }

    #[test]
    fn lists_links_with_the_place_of_their_destination() {
        let text = "See [the timeline](#timeline), ![A map](map.png) and `[x](#code)`.\n\n<a href=\"#era-return\">Return</a>\n";
        let found = links(text);
        let urls: Vec<(&str, &str, bool)> = found
            .iter()
            .map(|l| (l.url.as_str(), &text[l.range.clone()], l.image))
            .collect();
        assert_eq!(
            urls,
            [
                ("#timeline", "#timeline", false),
                ("map.png", "map.png", true),
                ("#era-return", "#era-return", false)
            ]
        );
    }

    #[test]
    fn finds_attributes_in_either_quotes() {
        let html = r##"<a href="#one" id='two'><b data-id="no">"##;
        let ids: Vec<&str> = html_attributes(html, "id")
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(ids, ["two"]);
        let (range, href) = html_attributes(html, "href")[0].clone();
        assert_eq!((&html[range], href), ("#one", "#one"));
    }

    #[test]
    fn unchecked_citations_accept_any_id() {
        let c = Citations::unchecked();
        let r = render("Said [@anything].", &settings(&c));
        assert!(r.problems.is_empty());
    }

    #[test]
    fn smartens_titles_as_plain_text() {
        assert_eq!(
            smarten("What doesn't change -- \"yet\"..."),
            "What doesn’t change – “yet”…"
        );
        assert_eq!(smarten("1 * 2 <b> [x]"), "1 * 2 <b> [x]");
    }

    #[test]
    fn plain_text_drops_markup_and_citations() {
        assert_eq!(
            plain_text("It's *about* 2,500 [@ap; @reuters].\nSee `x`\n[@ap]."),
            "It’s about 2,500. See x."
        );
    }

    #[test]
    fn inline_rendering_drops_the_paragraph_and_smartens_quotes() {
        let c = Citations::default();
        let r = render_inline("It's \"done\"", &c, false);
        assert_eq!(r.html, "It’s “done”");
    }

    #[test]
    fn sanitises_raw_html_but_keeps_explainer_markup() {
        let c = Citations::new(["ap"]);
        let text = "A <abbr title=\"North Atlantic\">NATO</abbr> deal<script>alert(1)</script> \
                    <img src=x onerror=alert(2) alt=\"x\"> [@ap].[^n] <a href=\"javascript:alert(3)\">go</a>\n\n\
                    <iframe src=\"https://evil.example\"></iframe>\n\n[^n]: Note.\n";
        let html = render(text, &settings(&c)).html;
        assert!(
            html.contains("<abbr title=\"North Atlantic\">NATO</abbr>"),
            "{html}"
        );
        for gone in ["<script", "alert(1)", "onerror", "javascript:", "<iframe"] {
            assert!(!html.contains(gone), "{gone} left in {html}");
        }
        assert!(html.contains("<a href=\"#source-ap\""), "{html}");
        assert!(html.contains("id=\"why-fn-n\""), "{html}");
        assert!(html.contains("class=\"footnotes\""), "{html}");
    }

    #[test]
    fn keeps_raw_html_when_the_page_trusts_it() {
        let c = Citations::default();
        let mut trusted = settings(&c);
        trusted.trusted_html = true;
        let html = render("<script>ok()</script>\n", &trusted).html;
        assert!(html.contains("<script>ok()</script>"), "{html}");
    }

    #[test]
    fn external_links_do_not_share_the_page() {
        let c = Citations::default();
        let html = render(
            "[a](https://example.com/?a=1&b=\"2\" \"T\") [b](#here)\n",
            &settings(&c),
        )
        .html;
        assert!(
            html.contains("<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\" title=\"T\">a</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#here\">b</a>"), "{html}");
    }

    #[test]
    fn refuses_script_and_data_addresses_however_written() {
        for url in [
            "javascript:x",
            " JaVa\tScRiPt:x",
            "data:text/html,x",
            "VBScript:x",
        ] {
            assert!(unsafe_scheme(url).is_some(), "{url:?}");
        }
        for url in [
            "https://a",
            "#javascript:",
            "static/data:x.png",
            "javascript.html",
        ] {
            assert_eq!(unsafe_scheme(url), None, "{url:?}");
        }
        let c = Citations::default();
        let r = render("[x](javascript:alert(1))\n", &settings(&c));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].message, "a link to a `javascript:` address");
    }
}
