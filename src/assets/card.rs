//! Draws the social card: a PNG with the page's label, headline and date line, so that every share
//! of the page shows a real image without anyone having to make one. Open Graph and Twitter use the
//! 1200×630 card; search engines are given the same card in the 16:9, 4:3 and 1:1 shapes they ask for.
//!
//! The layout mirrors the page's header: the label in a red box, the headline in a bold serif, a rule
//! and the dates in a bold sans. The headline is set as large as it fits (120 px down to 40 px),
//! wrapped at spaces and centred in the space it has. Text is shaped by rustybuzz and ordered by the
//! Unicode bidirectional algorithm (`typeface.rs`), so Arabic is joined and read right to left; a
//! headline that reads right to left sets the whole card against the right margin. The fonts are
//! subsets of Noto Serif Bold and Noto Sans Bold, each falling back to Noto Naskh Arabic Bold and Noto
//! Sans Arabic Bold, compiled into the binary (`fonts/`, SIL Open Font License); a character none of
//! them has is reported to the caller. This module knows nothing of pages or files.

mod canvas;
mod typeface;

use canvas::{ACCENT_INDEX, Canvas, FOOTER_INK, LABEL_INK, PAPER_INDEX, RULE_INDEX, TITLE_INK};
use typeface::Typeface;

/// Every card is this wide.
pub const WIDTH: u32 = 1200;
/// The card for Open Graph and Twitter (1.91:1).
pub const SHARE_HEIGHT: u32 = 630;
/// The shapes Google asks for in structured data: 16:9, 4:3 and 1:1.
pub const STRUCTURED_HEIGHTS: [u32; 3] = [675, 900, 1200];

const SERIF_BOLD: &[u8] = include_bytes!("fonts/NotoSerif-Bold.subset.ttf");
const SANS_BOLD: &[u8] = include_bytes!("fonts/NotoSans-Bold.subset.ttf");
const NASKH_ARABIC_BOLD: &[u8] = include_bytes!("fonts/NotoNaskhArabic-Bold.subset.ttf");
const SANS_ARABIC_BOLD: &[u8] = include_bytes!("fonts/NotoSansArabic-Bold.subset.ttf");
/// The headline's fonts, in the order they are tried for a character.
const SERIF: [&[u8]; 2] = [SERIF_BOLD, NASKH_ARABIC_BOLD];
/// The label's and the date line's.
const SANS: [&[u8]; 2] = [SANS_BOLD, SANS_ARABIC_BOLD];

const MARGIN: i32 = 80;
const TEXT_WIDTH: f32 = (WIDTH as i32 - 2 * MARGIN) as f32;
const TITLE_TOP: f32 = 168.0;
/// The headline's space ends this far above the bottom edge.
const TITLE_BOTTOM_GAP: f32 = 122.0;
const TITLE_SIZES: [f32; 16] = [
    120.0, 108.0, 96.0, 90.0, 84.0, 78.0, 72.0, 68.0, 64.0, 60.0, 56.0, 52.0, 48.0, 46.0, 44.0,
    40.0,
];
const LINE_HEIGHT: f32 = 1.14;
const SMALL: f32 = 26.0;

/// What the card says.
#[derive(Debug, Clone)]
pub struct CardText<'a> {
    /// The type-of-work label, shown in capitals: "Explainer".
    pub label: &'a str,
    pub title: &'a str,
    /// The line under the rule: publisher and dates.
    pub footer: &'a str,
}

/// Drawn cards: one PNG per height asked for, and any characters the fonts could not draw.
#[derive(Debug, Clone)]
pub struct Cards {
    pub pngs: Vec<Vec<u8>>,
    pub missing: Vec<char>,
}

/// Breaks `text` at spaces into lines no wider than `max`. A word wider than `max` gets a line of
/// its own (the caller then tries a smaller size).
fn wrap(font: &Typeface, text: &str, px: f32, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || font.width(&candidate, px) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shortens `line` word by word until it fits in `max` with an ellipsis after it.
fn with_ellipsis(font: &Typeface, line: &str, px: f32, max: f32) -> String {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    while !words.is_empty() {
        let shortened = format!("{}…", words.join(" "));
        if font.width(&shortened, px) <= max {
            return shortened;
        }
        words.pop();
    }
    "…".to_string()
}

/// The headline's size and lines: the largest size at which it fits in `room` pixels of height, or
/// the smallest size with the lines that fit, the last one ending in an ellipsis.
fn set_title(font: &Typeface, title: &str, room: f32) -> (f32, Vec<String>) {
    for px in TITLE_SIZES {
        let lines = wrap(font, title, px, TEXT_WIDTH);
        let fits_across = lines.iter().all(|l| font.width(l, px) <= TEXT_WIDTH);
        if fits_across && lines.len() as f32 * px * LINE_HEIGHT <= room {
            return (px, lines);
        }
    }
    let px = TITLE_SIZES[TITLE_SIZES.len() - 1];
    let most = (room / (px * LINE_HEIGHT)).floor().max(1.0) as usize;
    let mut lines = wrap(font, title, px, TEXT_WIDTH);
    if lines.len() > most {
        lines.truncate(most);
        let rest = format!("{} …", lines[most - 1]);
        lines[most - 1] = with_ellipsis(font, &rest, px, TEXT_WIDTH);
    }
    for line in &mut lines {
        if font.width(line, px) > TEXT_WIDTH {
            *line = with_ellipsis(font, line, px, TEXT_WIDTH);
        }
    }
    (px, lines)
}

/// The most characters of a headline the card sets: more than its lines can hold at the smallest
/// size. Setting a longer one would only be cut with an ellipsis, and measuring it again for each
/// size took seconds for a headline of 45 KB.
pub const MAX_TITLE_CHARS: usize = 300;

/// The start of `title` that the card can show (cut at a space, when there is one near the end).
fn shown_part(title: &str) -> &str {
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        None => title,
        Some((end, _)) => {
            let cut = &title[..end];
            cut.rfind(char::is_whitespace)
                .filter(|space| *space > end / 2)
                .map_or(cut, |space| &cut[..=space])
        }
    }
}

/// Draws the card `WIDTH` wide and each of `heights` high (at least 480).
pub fn draw(text: &CardText, heights: &[u32]) -> Result<Cards, String> {
    let serif = Typeface::load(&SERIF)?;
    let sans = Typeface::load(&SANS)?;
    let label = text.label.to_uppercase();
    let missing = missing(text)?;
    let pngs = heights
        .iter()
        .map(|height| paint(&serif, &sans, text, &label, (*height).max(480)))
        .collect::<Result<_, _>>()?;
    Ok(Cards { pngs, missing })
}

/// The characters of `text` that none of the card's fonts can draw, found without drawing (only
/// the fonts' character maps are read): what a build for a published address would report, told to
/// a build without one.
pub fn missing(text: &CardText) -> Result<Vec<char>, String> {
    let serif = Typeface::coverage(&SERIF)?;
    let sans = Typeface::coverage(&SANS)?;
    let label = text.label.to_uppercase();
    let checks = [
        (&sans, label.as_str()),
        (&serif, text.title),
        (&sans, text.footer),
    ];
    let mut missing: Vec<char> = Vec::new();
    for (faces, s) in checks {
        for c in s.chars() {
            if !faces.iter().any(|face| typeface::covers(face, c)) && !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    Ok(missing)
}

fn paint(
    serif: &Typeface,
    sans: &Typeface,
    text: &CardText,
    label: &str,
    height: u32,
) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas::new(height, PAPER_INDEX);
    canvas.fill(0, 0, WIDTH as i32, 14, ACCENT_INDEX);

    let title = shown_part(text.title);
    // A headline that reads right to left sets the whole card against the right margin.
    let rtl = serif.shape(title, SMALL, 0.0).rtl;
    let start_of = |width: f32| {
        if rtl {
            MARGIN as f32 + TEXT_WIDTH - width
        } else {
            MARGIN as f32
        }
    };

    // The label: capitals, letter-spaced, in a box, like `.label` on the page.
    let tracking = SMALL * 0.08;
    let label_line = sans.shape_in(label, SMALL, tracking, Some(rtl));
    let label_top = 72;
    let box_width = label_line.width.ceil() + 32.0;
    let box_left = start_of(box_width);
    canvas.fill(
        box_left as i32,
        label_top,
        box_width as i32,
        46,
        ACCENT_INDEX,
    );
    canvas.text(
        sans,
        &label_line,
        box_left + 16.0,
        label_top as f32 + 33.0,
        SMALL,
        LABEL_INK,
    );

    let bottom = height as f32 - TITLE_BOTTOM_GAP;
    let (px, lines) = set_title(serif, title, bottom - TITLE_TOP);
    let ascent = serif.ascent(px);
    // The block of lines is centred in its space; each line's capitals sit at the top of its line.
    let block = lines.len() as f32 * px * LINE_HEIGHT;
    let top = TITLE_TOP + ((bottom - TITLE_TOP - block) / 2.0).max(0.0);
    let mut baseline = top + ascent * 0.82;
    for line in &lines {
        let shaped = serif.shape_in(line, px, 0.0, Some(rtl));
        canvas.text(
            serif,
            &shaped,
            start_of(shaped.width),
            baseline,
            px,
            TITLE_INK,
        );
        baseline += px * LINE_HEIGHT;
    }

    let rule = height as i32 - 98;
    canvas.fill(MARGIN, rule, TEXT_WIDTH as i32, 2, RULE_INDEX);
    let footer = if sans.width(text.footer, SMALL) > TEXT_WIDTH {
        with_ellipsis(sans, text.footer, SMALL, TEXT_WIDTH)
    } else {
        text.footer.to_string()
    };
    let footer = sans.shape_in(&footer, SMALL, 0.0, Some(rtl));
    canvas.text(
        sans,
        &footer,
        start_of(footer.width),
        (rule + 52) as f32,
        SMALL,
        FOOTER_INK,
    );
    canvas.png()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(title: &str) -> CardText<'_> {
        CardText {
            label: "Explainer",
            title,
            footer: "Published 27 July 2021 · Updated 4 January 2022",
        }
    }

    #[test]
    fn draws_a_png_of_the_card_size() {
        let cards = draw(
            &text("The end of the US combat mission in Iraq"),
            &[SHARE_HEIGHT, 1200],
        )
        .unwrap();
        let png = &cards.pngs[0];
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[16..24], [0, 0, 4, 176, 0, 0, 2, 118]);
        assert_eq!(&cards.pngs[1][16..24], [0, 0, 4, 176, 0, 0, 4, 176]);
        assert!(cards.missing.is_empty(), "{:?}", cards.missing);
    }

    #[test]
    fn reports_characters_the_fonts_lack() {
        let card = draw(&text("Baghdad بغداد 美军"), &[SHARE_HEIGHT]).unwrap();
        assert_eq!(card.missing, ['美', '军']);
    }

    #[test]
    fn arabic_is_shaped_joined_and_set_from_the_right() {
        let serif = Typeface::load(&SERIF).unwrap();
        // بغداد: four letters join, so the shaped word uses joined forms, not the isolated ones.
        let word = serif.shape("بغداد", 80.0, 0.0);
        assert!(word.rtl);
        let isolated: f32 = "بغداد"
            .chars()
            .map(|c| serif.shape(&c.to_string(), 80.0, 0.0).width)
            .sum();
        assert!(word.width < isolated * 0.9, "{} vs {isolated}", word.width);
        // A Latin name inside Arabic keeps its letters in order, left to right.
        let mixed = serif.shape("اتفاق Biden والكاظمي", 80.0, 0.0);
        assert!(mixed.rtl);
        let latin = serif.shape("Biden", 80.0, 0.0);
        assert!(mixed.width > latin.width);
        let card = draw(
            &CardText {
                label: "شرح",
                title: "نهاية المهمة القتالية الأمريكية في العراق",
                footer: "نُشر في ٢٧ تموز ٢٠٢١",
            },
            &[SHARE_HEIGHT],
        )
        .unwrap();
        assert!(card.missing.is_empty(), "{:?}", card.missing);
    }

    #[test]
    fn long_titles_shrink_then_end_in_an_ellipsis() {
        let serif = Typeface::load(&SERIF).unwrap();
        let (short_px, short) = set_title(&serif, "Iraq", 340.0);
        assert_eq!((short_px, short.len()), (120.0, 1));
        let long = "word ".repeat(200);
        let (px, lines) = set_title(&serif, &long, 340.0);
        assert_eq!(px, 40.0);
        assert!(lines.last().unwrap().ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| serif.width(l, px) <= TEXT_WIDTH));
    }

    #[test]
    fn only_the_part_of_a_long_headline_the_card_can_show_is_set() {
        let long = "Biden and al-Kadhimi — “the end” of a €5bn mission ".repeat(1_000);
        let part = shown_part(&long);
        assert!(part.chars().count() <= MAX_TITLE_CHARS, "{}", part.len());
        assert!(part.chars().count() > MAX_TITLE_CHARS / 2);
        assert!(part.ends_with(' '), "cut at a space: {part:?}");
        let arabic = "ا".repeat(1_000);
        assert_eq!(shown_part(&arabic).chars().count(), MAX_TITLE_CHARS);
        assert_eq!(shown_part("Iraq"), "Iraq");
        let cards = draw(&text(&long), &[630]).unwrap();
        assert_eq!(cards.pngs.len(), 1);
    }

    #[test]
    fn kerns_pairs_the_font_kerns() {
        let serif = Typeface::load(&SERIF).unwrap();
        let apart = serif.width("T", 80.0) + serif.width("o", 80.0);
        assert!(serif.width("To", 80.0) < apart - 1.0);
        let (o, oo) = (serif.width("o", 80.0), serif.width("oo", 80.0));
        assert!((oo - 2.0 * o).abs() < 0.01);
    }
}
