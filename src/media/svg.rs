//! SVG pictures (a map, a chart) are published as they were drawn, never turned into pixels, once
//! cleaned: only the elements and attributes of static drawings are kept, so nothing in the file
//! runs a script, loads from another site or carries an editor's metadata. What is kept is written
//! again from what the XML parser read, so a file the parser cannot read is refused, not passed on.

use std::fmt::Write as _;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

mod css;

use css::fetches_nothing;

/// A cleaned SVG and the size it is drawn at.
#[derive(Debug, Clone, PartialEq)]
pub struct Svg {
    pub text: String,
    pub width: u32,
    pub height: u32,
}

/// Why an SVG file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The XML cannot be read: what the parser said, and the line it stopped on.
    Damaged {
        line: usize,
        why: String,
    },
    NotSvg,
    /// Neither `width` and `height` nor a `viewBox` give the drawing's proportions.
    NoSize,
    /// Elements nested deeper than [`MAX_DEPTH`], at this line.
    TooDeep {
        line: usize,
    },
}

/// The deepest a drawing's elements may nest. Drawing programs nest groups a few levels; a file
/// nested thousands deep is made to stall whatever reads it.
pub const MAX_DEPTH: usize = 256;

/// The elements of a static drawing. Anything else (`script`, `foreignObject`, `image`, `iframe`,
/// `metadata`, an editor's own elements) is left out with everything inside it.
const DRAWING: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComposite",
    "feDropShadow",
    "feFlood",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feOffset",
];

/// Elements whose text is part of the drawing; elsewhere, whitespace between tags is dropped.
const WITH_TEXT: &[&str] = &["text", "tspan", "textPath", "title", "desc", "style"];

/// Elements left out but whose content is kept: a link does nothing in a picture.
const TRANSPARENT: &[&str] = &["a"];

/// Cleans `bytes` (UTF-8, with or without a byte-order mark) into an SVG that draws the same.
pub fn clean(bytes: &[u8]) -> Result<Svg, Refused> {
    clean_drawing(bytes, true)
}

/// The same for a drawing that is only linked (a file of `static/`), whose size the page does not
/// need: one without a size is cleaned all the same.
pub fn clean_linked(bytes: &[u8]) -> Result<String, Refused> {
    clean_drawing(bytes, false).map(|svg| svg.text)
}

fn clean_drawing(bytes: &[u8], need_size: bool) -> Result<Svg, Refused> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            Refused::Damaged {
                line: line_at(bytes, e.valid_up_to()),
                why: "it is not UTF-8 text".to_string(),
            }
        })?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out = String::with_capacity(text.len());
    // The open elements: their names, and whether each is written (false: left out).
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut size = None;
    // A `<style>` being read: its start tag as written, and its text so far. It is written at its
    // end only if its rules fetch nothing, so that no comment or escape can hide an `@import`.
    let mut style: Option<(String, String)> = None;
    // How many of the open elements are left out (a transparent one, such as a link, is not).
    let mut hidden = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| Refused::Damaged {
            line: line_at(bytes, reader.error_position() as usize),
            why: e
                .to_string()
                .trim_start_matches("ill-formed document: ")
                .to_string(),
        })?;
        let writing = hidden == 0;
        let in_text = open.last().is_some_and(|(name, _)| is(WITH_TEXT, name));
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) if open.is_empty() => {
                if tag.name().0 != "svg" || size.is_some() {
                    return Err(Refused::NotSvg);
                }
                size = Some(match size_of(tag) {
                    Some(size) => size,
                    None if need_size => return Err(Refused::NoSize),
                    None => (0, 0),
                });
                let empty = matches!(event, Event::Empty(_));
                write_tag(&mut out, tag, empty);
                if !empty {
                    open.push(("svg".to_string(), true));
                }
            }
            Event::Start(tag) => {
                let name = tag.name().0.to_string();
                let kept = writing && is(DRAWING, &name) && style.is_none();
                if kept && name == "style" {
                    let mut start = String::new();
                    write_tag(&mut start, &tag, false);
                    style = Some((start, String::new()));
                } else if kept {
                    write_tag(&mut out, &tag, false);
                }
                if !kept && !is(TRANSPARENT, &name) {
                    hidden += 1;
                }
                open.push((name, kept));
                if open.len() > MAX_DEPTH {
                    return Err(Refused::TooDeep {
                        line: line_at(bytes, reader.buffer_position() as usize),
                    });
                }
            }
            Event::Empty(tag) if writing && is(DRAWING, tag.name().0) => {
                write_tag(&mut out, &tag, true);
            }
            Event::End(tag) => match open.pop() {
                Some((name, false)) if !is(TRANSPARENT, &name) => hidden -= 1,
                Some((_, false)) => {}
                Some((name, true)) if name == "style" => {
                    if let Some((start, rules)) = style.take()
                        && fetches_nothing(&rules)
                    {
                        let _ = write!(out, "{start}{rules}</style>");
                    }
                }
                Some((name, true)) => {
                    let _ = write!(out, "</{}>", tag.name().0);
                    debug_assert_eq!(name, tag.name().0);
                }
                None => {}
            },
            Event::Text(t) if writing => {
                let raw = t.into_inner();
                match &mut style {
                    Some((_, rules)) => rules.push_str(&raw),
                    None if in_text || !raw.trim().is_empty() => out.push_str(&raw),
                    None => {}
                }
            }
            Event::CData(c) if writing && in_text => {
                let raw = c.into_inner();
                match &mut style {
                    // In a stylesheet, the text of the section is what counts: kept escaped.
                    Some((_, rules)) => rules.push_str(&crate::html::escape(&raw)),
                    None => {
                        let _ = write!(out, "<![CDATA[{raw}]]>");
                    }
                }
            }
            // `&amp;`, `&#x627;`: the five entities of XML and characters by number. An entity
            // declared in a DOCTYPE (which is dropped) is dropped with it.
            Event::GeneralRef(r) if writing => {
                let name = r.into_inner();
                let target = match &mut style {
                    Some((_, rules)) => rules,
                    None => &mut out,
                };
                if name.starts_with('#') || ["amp", "lt", "gt", "quot", "apos"].contains(&&*name) {
                    let _ = write!(target, "&{name};");
                }
            }
            Event::Eof => break,
            // Comments, the XML declaration, processing instructions, DOCTYPE: not drawn.
            _ => {}
        }
    }
    let (width, height) = size.ok_or(Refused::NotSvg)?;
    Ok(Svg {
        text: out,
        width,
        height,
    })
}

fn is(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

fn line_at(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// Writes `tag` with the attributes a drawing needs: no `on…` handler, no link or `url()` to
/// anything but a part of the same file, no editor's namespaced attributes.
fn write_tag(out: &mut String, tag: &BytesStart, empty: bool) {
    let _ = write!(out, "<{}", tag.name().0);
    for attr in tag.attributes().with_checks(false).flatten() {
        let key = attr.key.0;
        let Ok(value) = attr.normalized_value(XmlVersion::Implicit1_0) else {
            continue;
        };
        if attribute_is_safe(key, &value) {
            let _ = write!(out, " {key}=\"{}\"", crate::html::escape(&value));
        }
    }
    out.push_str(if empty { "/>" } else { ">" });
}

fn attribute_is_safe(key: &str, value: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("on") {
        return false;
    }
    let local = match key.split_once(':') {
        Some(("xmlns" | "xml", _)) => return key != "xml:base",
        Some(("xlink", local)) => local,
        Some(_) => return false,
        None => key,
    };
    match local {
        "href" => value.trim_start().starts_with('#'),
        // Geometry (path data, point lists) is numbers and commands, never an address: the
        // longest values of a map are these, and they are not read as CSS.
        "d" | "points" => true,
        _ => fetches_nothing(value),
    }
}

/// The drawing's size in CSS pixels: `width` and `height` when both are plain numbers (or px),
/// else the `viewBox`'s, scaled to the one given.
fn size_of(tag: &BytesStart) -> Option<(u32, u32)> {
    let attr = |name: &str| {
        tag.attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.0 == name)
            .and_then(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    };
    let pixels = |v: Option<String>| {
        v.and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    let view_box = attr("viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split([' ', ',', '\t', '\n'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let (w, h) = match (pixels(attr("width")), pixels(attr("height")), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(size)) => size,
        _ => return None,
    };
    Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> String {
        clean(svg.as_bytes()).expect("an SVG").text
    }

    #[test]
    fn nothing_that_runs_or_fetches_is_kept() {
        let svg = r##"<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY boom "boom">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <!-- drawn by hand -->
  <metadata><rdf:RDF>GPS 33.3 44.4</rdf:RDF></metadata>
  <script>alert(2)</script>
  <foreignObject><iframe src="https://example.com/"></iframe></foreignObject>
  <image href="https://example.com/tracker.png" width="1" height="1"/>
  <a href="https://example.com/"><circle cx="5" cy="5" r="2" onclick="go()" fill="url(https://example.com/x#p)"/></a>
  <use xlink:href="https://example.com/sprite.svg#icon"/>
  <use href="#dot"/>
  <rect width="1" height="1" style="fill: url('#grad')" inkscape:label="box" xml:base="https://example.com/"/>
  <style>@import url(https://example.com/font.css);</style>
  <style>.land { fill: #ddd }</style>
  <text>&boom;&amp;</text>
</svg>"##;
        let out = cleaned(svg);
        for gone in [
            "alert",
            "onload",
            "onclick",
            "metadata",
            "GPS",
            "iframe",
            "foreignObject",
            "image",
            "example.com",
            "inkscape",
            "drawn by hand",
            "DOCTYPE",
            "boom",
            "<a",
            "xml:base",
        ] {
            assert!(!out.contains(gone), "{gone} is still in {out}");
        }
        for kept in [
            r##"<use href="#dot"/>"##,
            r##"style="fill: url(&#39;#grad&#39;)""##,
            "<style>.land { fill: #ddd }</style>",
            "<text>&amp;</text>",
            r#"<circle cx="5" cy="5" r="2"/>"#,
            r#"xmlns:xlink="http://www.w3.org/1999/xlink""#,
        ] {
            assert!(out.contains(kept), "{kept} is missing from {out}");
        }
        assert!(out.starts_with("<svg ") && out.ends_with("</svg>"), "{out}");
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        let deep = format!(
            "<svg viewBox=\"0 0 1 1\">\n{}{}</svg>",
            "<g>".repeat(MAX_DEPTH),
            "</g>".repeat(MAX_DEPTH)
        );
        assert_eq!(clean(deep.as_bytes()), Err(Refused::TooDeep { line: 2 }));
        let hidden = format!(
            "<svg viewBox=\"0 0 1 1\"><metadata>{}{}</metadata><circle r=\"1\"/></svg>",
            "<x>".repeat(200),
            "</x>".repeat(200)
        );
        assert!(cleaned(&hidden).ends_with("<circle r=\"1\"/></svg>"));
    }

    #[test]
    fn a_linked_drawing_needs_no_size() {
        assert_eq!(
            clean_linked(b"<svg><script>alert(1)</script><path d=\"M0 0\"/></svg>"),
            Ok("<svg><path d=\"M0 0\"/></svg>".to_string())
        );
    }

    #[test]
    fn arabic_labels_and_a_byte_order_mark_come_through() {
        let svg = "\u{FEFF}<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\" xml:lang=\"ar\">\r\n<title>العراق وبغداد</title>\r\n<text x=\"10\" y=\"20\">بغداد — «أربيل»&#x200F;</text></svg>";
        let svg = clean(svg.as_bytes()).unwrap();
        assert!(svg.text.starts_with("<svg "), "{}", svg.text);
        assert!(svg.text.contains("<title>العراق وبغداد</title>"));
        assert!(svg.text.contains("بغداد — «أربيل»&#x200F;</text>"));
        assert!(svg.text.contains(r#"xml:lang="ar""#));
        assert_eq!((svg.width, svg.height), (300, 200));
    }

    #[test]
    fn the_size_comes_from_width_height_or_the_view_box() {
        let size = |attrs: &str| {
            clean(format!("<svg {attrs}></svg>").as_bytes()).map(|s| (s.width, s.height))
        };
        assert_eq!(size(r#"width="640px" height="480""#), Ok((640, 480)));
        assert_eq!(size(r#"width="800" viewBox="0 0 400 300""#), Ok((800, 600)));
        assert_eq!(
            size(r#"width="100%" viewBox="0,0,960,540""#),
            Ok((960, 540))
        );
        assert_eq!(size(r#"width="100%""#), Err(Refused::NoSize));
        assert_eq!(
            clean(b"<html><body></body></html>").map(|s| s.width),
            Err(Refused::NotSvg)
        );
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line() {
        let broken = "<svg viewBox=\"0 0 1 1\">\n<g>\n<path d=\"M0 0\">\n</g></svg>";
        match clean(broken.as_bytes()) {
            Err(Refused::Damaged { line, why }) => {
                assert_eq!(line, 4, "{why}");
                assert!(why.contains("path"), "{why}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            clean(b"<svg viewBox=\"0 0 1 1\">\xFF</svg>"),
            Err(Refused::Damaged { line: 1, .. })
        ));
    }
}
