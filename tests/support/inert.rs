//! Whether HTML that explainer publishes could run script or load from another site: read with
//! html5ever's tokenizer (the one ammonia parses with), every element and attribute is held to what
//! the Markdown stage may write. Shared by the test suite's property test and the fuzz targets
//! (each includes this file), so that both ask the same question of the one boundary where text
//! becomes HTML.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that run script, load a document or take input; none may be published from text.
const ACTIVE_ELEMENTS: [&str; 26] = [
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "textarea",
    "select",
    "base",
    "meta",
    "link",
    "template",
    "svg",
    "math",
    "noscript",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "portal",
    "audio",
    "video",
];

/// The attributes the Markdown stage writes (pulldown-cmark's, explainer's headings, citations,
/// popovers, pictures and links, and what ammonia keeps of raw HTML).
const ATTRIBUTES: [&str; 30] = [
    "id",
    "class",
    "href",
    "src",
    "alt",
    "title",
    "rel",
    "width",
    "height",
    "loading",
    "decoding",
    "fetchpriority",
    "srcset",
    "sizes",
    "type",
    "popover",
    "popovertarget",
    "popovertargetaction",
    "datetime",
    "start",
    "reversed",
    "align",
    "colspan",
    "rowspan",
    "scope",
    "lang",
    "dir",
    "aria-hidden",
    "aria-label",
    "style",
];

/// Attributes that hold an address.
const ADDRESSES: [&str; 4] = ["href", "src", "srcset", "poster"];

#[derive(Default)]
struct Findings(RefCell<Vec<String>>);

impl TokenSink for Findings {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name = tag.name.to_ascii_lowercase().to_string();
        let mut found = self.0.borrow_mut();
        if ACTIVE_ELEMENTS.contains(&&*name) {
            found.push(format!("a <{name}> element"));
        }
        for attr in &tag.attrs {
            let key = attr.name.local.to_ascii_lowercase().to_string();
            let value = attr.value.to_string();
            if !ATTRIBUTES.contains(&&*key) {
                found.push(format!("the attribute {key}={value:?} on <{name}>"));
            } else if key == "style"
                && !matches!(
                    value.as_str(),
                    "text-align: left" | "text-align: center" | "text-align: right"
                )
            {
                found.push(format!("style={value:?} on <{name}>"));
            } else if ADDRESSES.contains(&&*key)
                && addresses(&key, &value).any(|a| explainer::url::unsafe_scheme(a).is_some())
            {
                found.push(format!("{key}={value:?} on <{name}>"));
            } else if name == "button" && key == "type" && value != "button" {
                found.push(format!("a <button type={value:?}>"));
            }
        }
        TokenSinkResult::Continue
    }
}

/// The addresses an attribute holds: a `srcset` one per candidate (`a.jpg 320w, b.jpg 640w`),
/// any other the whole value.
fn addresses<'v>(key: &str, value: &'v str) -> Box<dyn Iterator<Item = &'v str> + 'v> {
    if key == "srcset" {
        Box::new(
            value
                .split(',')
                .map(|candidate| candidate.split_whitespace().next().unwrap_or_default()),
        )
    } else {
        Box::new(std::iter::once(value))
    }
}

/// An untrusted text rendered as the page renders a section's body and a key point: as a block
/// and inline, raw HTML cleaned, citing `ap` and `reuters`.
pub fn renderings(text: &str) -> [explainer::markdown::Rendered; 2] {
    use explainer::markdown::{Citations, Settings, render, render_inline};
    let citations = Citations::new(["ap", "reuters"]);
    let settings = Settings {
        citations: &citations,
        id_prefix: "why",
        min_heading: 3,
        trusted_html: false,
        terms: None,
        pictures: None,
    };
    [
        render(text, &settings),
        render_inline(text, &citations, false),
    ]
}

/// What in `html` could run script or load from another site, if anything.
pub fn active_parts(html: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Findings::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}
