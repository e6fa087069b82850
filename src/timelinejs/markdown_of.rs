//! Markdown from the HTML of a sheet's `Text` cell, once ammonia has cleaned it down to ten tags
//! (paragraphs, line breaks, links, emphasis, lists and quotations). html5ever, the parser ammonia
//! uses, reads the tags and decodes the entities; each tag maps to its one Markdown form.
//!
//! A converter such as htmd would do the same for every tag of HTML, but brings a second html5ever
//! (another version than ammonia's) and its code generation: about 40 seconds of a newcomer's
//! first `cargo build --release`, for ten tags.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One block of the Markdown: a paragraph, or a list item.
#[derive(Debug, Default)]
struct Block {
    /// The quotation marks and list marker before the text: `> `, `- `, `  1. `.
    prefix: String,
    text: String,
    item: bool,
}

#[derive(Debug, Default)]
struct Converter {
    blocks: Vec<Block>,
    current: Block,
    /// For each open list, whether it is numbered and how many items it has had.
    lists: Vec<(bool, usize)>,
    /// For each open link, its address (none for an `<a>` without one).
    links: Vec<Option<String>>,
    quotes: usize,
}

impl Converter {
    fn flush(&mut self) {
        let mut block = std::mem::take(&mut self.current);
        block.text = block.text.trim().to_string();
        if !block.text.is_empty() {
            self.blocks.push(block);
        }
        self.current.prefix = "> ".repeat(self.quotes);
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.current.text.is_empty() && !self.current.text.ends_with([' ', '\n']) {
                    self.current.text.push(' ');
                }
                continue;
            }
            // What Markdown would read as emphasis, code or an escape, written as itself.
            if matches!(c, '*' | '_' | '`' | '\\') {
                self.current.text.push('\\');
            }
            // A line that starts like a heading, a quotation or a list.
            if self.current.text.is_empty() && matches!(c, '#' | '>' | '-' | '+') {
                self.current.text.push('\\');
            }
            self.current.text.push(c);
        }
    }

    fn start(&mut self, name: &str, href: Option<String>) {
        match name {
            "p" | "blockquote" => {
                self.flush();
                if name == "blockquote" {
                    self.quotes += 1;
                    self.current.prefix = "> ".repeat(self.quotes);
                }
            }
            "br" => self.current.text.push_str("\\\n"),
            "em" | "i" => self.current.text.push('*'),
            "strong" | "b" => self.current.text.push_str("**"),
            "a" => {
                if href.is_some() {
                    self.current.text.push('[');
                }
                self.links.push(href);
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push((name == "ol", 0));
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some((true, count)) => {
                        *count += 1;
                        format!("{count}. ")
                    }
                    _ => "- ".to_string(),
                };
                self.current.prefix =
                    format!("{}{}{marker}", "> ".repeat(self.quotes), "  ".repeat(depth));
                self.current.item = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "li" => self.flush(),
            "blockquote" => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
                self.current.prefix = "> ".repeat(self.quotes);
            }
            "em" | "i" => self.current.text.push('*'),
            "strong" | "b" => self.current.text.push_str("**"),
            "a" => {
                if let Some(Some(href)) = self.links.pop() {
                    self.current.text.push_str(&format!("]({href})"));
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            _ => {}
        }
    }

    /// The blocks, a blank line between paragraphs and none between the items of a list.
    fn markdown(mut self) -> String {
        self.flush();
        let mut out = String::new();
        let mut previous_item = false;
        for block in &self.blocks {
            if !out.is_empty() {
                out.push_str(if previous_item && block.item {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            out.push_str(&block.prefix);
            out.push_str(&block.text);
            previous_item = block.item;
        }
        out
    }
}

struct Sink(RefCell<Converter>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut converter = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(text) => converter.text(&text),
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let href = tag
                            .attrs
                            .iter()
                            .find(|a| &*a.name.local == "href")
                            .map(|a| a.value.to_string());
                        converter.start(&name, href);
                        if tag.self_closing && name != "br" {
                            converter.end(&name);
                        }
                    }
                    TagKind::EndTag => converter.end(&name),
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The Markdown of cleaned HTML.
pub fn markdown_of(html: &str) -> String {
    let tokenizer = Tokenizer::new(Sink(RefCell::default()), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner().markdown()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tag_has_its_markdown() {
        assert_eq!(
            markdown_of(
                "<p>A <em>b</em> <strong>c</strong> <a href=\"https://e.org/?a=1&amp;b=2\">d</a>.</p><p>Two<br>lines</p>"
            ),
            "A *b* **c** [d](https://e.org/?a=1&b=2).\n\nTwo\\\nlines"
        );
        assert_eq!(
            markdown_of("<ul><li>One</li><li>Two<ol><li>Nested</li></ol></li></ul><p>After</p>"),
            "- One\n- Two\n  1. Nested\n\nAfter"
        );
        assert_eq!(
            markdown_of("<blockquote><p>Said &ldquo;so&rdquo;</p></blockquote>"),
            "> Said “so”"
        );
        assert_eq!(
            markdown_of("<p>5 * 3 = 15_000 - and #1</p><p>- not a list</p>"),
            "5 \\* 3 = 15\\_000 - and #1\n\n\\- not a list"
        );
    }
}
