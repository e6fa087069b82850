//! Draws the social card: a PNG with the page's label, headline and date line, so that every share
//! of the page shows a real image without anyone having to make one. Open Graph and Twitter use the
//! 1200×630 card; search engines are given the same card in the 16:9, 4:3 and 1:1 shapes they ask for.
//!
//! The layout mirrors the page's header: the label in a red box, the headline in a bold serif, a rule
//! and the dates in a bold sans. The headline is set as large as it fits (120 px down to 40 px),
//! wrapped at spaces, kerned with the font's own pair kerning and centred in the space it has. The two fonts are subsets of Noto Serif Bold
//! and Noto Sans Bold compiled into the binary (`fonts/`, SIL Open Font License); a character they do
//! not have is reported to the caller, which warns. This module knows nothing of pages or files.

use fontdue::{Font, FontSettings};
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

/// Every card is this wide.
pub const WIDTH: u32 = 1200;
/// The card for Open Graph and Twitter (1.91:1).
pub const SHARE_HEIGHT: u32 = 630;
/// The shapes Google asks for in structured data: 16:9, 4:3 and 1:1.
pub const STRUCTURED_HEIGHTS: [u32; 3] = [675, 900, 1200];

const SERIF_BOLD: &[u8] = include_bytes!("fonts/NotoSerif-Bold.subset.ttf");
const SANS_BOLD: &[u8] = include_bytes!("fonts/NotoSans-Bold.subset.ttf");

/// The page's light palette (`static/style.css`).
const PAPER: Rgb = Rgb(0xfd, 0xfc, 0xf9);
const INK: Rgb = Rgb(0x1c, 0x1b, 0x19);
const MUTED: Rgb = Rgb(0x55, 0x51, 0x4a);
const ACCENT: Rgb = Rgb(0xa1, 0x32, 0x1c);
const RULE: Rgb = Rgb(0xd9, 0xd4, 0xc8);

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

/// A font as both the rasteriser and the layout tables see it.
struct Typeface<'f> {
    raster: Font,
    face: Face<'f>,
}

impl<'f> Typeface<'f> {
    fn load(bytes: &'f [u8]) -> Result<Typeface<'f>, String> {
        let raster = Font::from_bytes(bytes, FontSettings::default())
            .map_err(|e| format!("the card font does not load: {e}"))?;
        let face =
            Face::parse(bytes, 0).map_err(|e| format!("the card font does not parse: {e}"))?;
        Ok(Typeface { raster, face })
    }

    fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.face.glyph_index(c).is_some()
    }

    /// The horizontal pair adjustment between two characters from the `kern` feature, in pixels.
    fn kerning(&self, left: char, right: char, px: f32) -> f32 {
        let (Some(left), Some(right)) = (self.face.glyph_index(left), self.face.glyph_index(right))
        else {
            return 0.0;
        };
        let units = pair_adjustment(&self.face, left, right);
        f32::from(units) * px / f32::from(self.face.units_per_em())
    }

    /// The x offset of each character of `text` from its start, and the total width.
    fn positions(&self, text: &str, px: f32, tracking: f32) -> (Vec<(char, f32)>, f32) {
        let mut x = 0.0;
        let mut placed = Vec::with_capacity(text.len());
        let mut previous: Option<char> = None;
        for c in text.chars() {
            if let Some(p) = previous {
                x += self.kerning(p, c, px);
            }
            placed.push((c, x));
            x += self.raster.metrics(c, px).advance_width + tracking;
            previous = Some(c);
        }
        let width = if placed.is_empty() { 0.0 } else { x - tracking };
        (placed, width)
    }

    fn width(&self, text: &str, px: f32) -> f32 {
        self.positions(text, px, 0.0).1
    }
}

/// The x-advance adjustment the font's `kern` feature gives the pair, in font units.
fn pair_adjustment(face: &Face, left: GlyphId, right: GlyphId) -> i16 {
    let Some(gpos) = face.tables().gpos else {
        return 0;
    };
    let Some(feature) = gpos.features.find(Tag::from_bytes(b"kern")) else {
        return 0;
    };
    let mut total: i16 = 0;
    for index in feature.lookup_indices {
        let Some(lookup) = gpos.lookups.get(index) else {
            continue;
        };
        // Within one lookup, the first subtable that covers the pair is the one that applies.
        for i in 0..lookup.subtables.len() {
            let adjustment = match lookup.subtables.get::<PositioningSubtable>(i) {
                Some(PositioningSubtable::Pair(PairAdjustment::Format1 { coverage, sets })) => {
                    coverage
                        .get(left)
                        .and_then(|set| sets.get(set))
                        .and_then(|set| set.get(right))
                }
                Some(PositioningSubtable::Pair(PairAdjustment::Format2 {
                    coverage,
                    classes,
                    matrix,
                })) if coverage.contains(left) => {
                    matrix.get((classes.0.get(left), classes.1.get(right)))
                }
                _ => None,
            };
            if let Some((first, _)) = adjustment {
                total = total.saturating_add(first.x_advance);
                break;
            }
        }
    }
    total
}

/// The card is drawn in a fixed palette: for each kind of text, 64 steps from its background to its
/// colour (anti-aliased edges need no more at these sizes), and the flat colours. Drawing is then
/// one byte per pixel, and the PNG is an indexed one, a third of the size of RGB and quicker to
/// compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ramp {
    /// The palette index of step 0, the background.
    first: u8,
    from: Rgb,
    to: Rgb,
}

const STEPS: u8 = 64;
/// The headline: ink on paper.
const TITLE_INK: Ramp = Ramp {
    first: 0,
    from: PAPER,
    to: INK,
};
/// The date line: muted ink on paper.
const FOOTER_INK: Ramp = Ramp {
    first: STEPS,
    from: PAPER,
    to: MUTED,
};
/// The label: paper-coloured letters on the accent.
const LABEL_INK: Ramp = Ramp {
    first: 2 * STEPS,
    from: ACCENT,
    to: PAPER,
};
const PAPER_INDEX: u8 = TITLE_INK.first;
const ACCENT_INDEX: u8 = LABEL_INK.first;
const RULE_INDEX: u8 = 3 * STEPS;

/// The palette as PNG wants it: RGB triples, in index order.
fn palette() -> Vec<u8> {
    let mut colors = Vec::with_capacity(3 * (3 * usize::from(STEPS) + 1));
    for ramp in [TITLE_INK, FOOTER_INK, LABEL_INK] {
        for step in 0..STEPS {
            let a = u16::from(step) * 255 / u16::from(STEPS - 1);
            let mix = |from: u8, to: u8| {
                ((u16::from(to) * a + u16::from(from) * (255 - a) + 127) / 255) as u8
            };
            colors.extend_from_slice(&[
                mix(ramp.from.0, ramp.to.0),
                mix(ramp.from.1, ramp.to.1),
                mix(ramp.from.2, ramp.to.2),
            ]);
        }
    }
    colors.extend_from_slice(&[RULE.0, RULE.1, RULE.2]);
    colors
}

/// An image being drawn, one palette index per pixel.
struct Canvas {
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(height: u32, background: u8) -> Canvas {
        Canvas {
            height,
            pixels: vec![background; (WIDTH * height) as usize],
        }
    }

    /// Inks the pixel at (x, y) with `coverage` (0-255) of the ramp's colour; points off the canvas
    /// are skipped. Where two glyphs' edges meet, the darker step wins.
    fn ink(&mut self, x: i32, y: i32, ramp: Ramp, coverage: u8) {
        let step = coverage / (256 / u16::from(STEPS)) as u8;
        if step == 0 || x < 0 || y < 0 || x >= WIDTH as i32 || y >= self.height as i32 {
            return;
        }
        let pixel = &mut self.pixels[(y as u32 * WIDTH + x as u32) as usize];
        let current = pixel.wrapping_sub(ramp.first);
        *pixel = ramp.first
            + if current < STEPS {
                current.max(step)
            } else {
                step
            };
    }

    /// Paints a rectangle, clipped to the canvas.
    fn fill(&mut self, x: i32, y: i32, width: i32, height: i32, color: u8) {
        let clip = |v: i32, max: u32| v.clamp(0, max as i32) as usize;
        let (left, right) = (clip(x, WIDTH), clip(x + width, WIDTH));
        for row in clip(y, self.height)..clip(y + height, self.height) {
            let start = row * WIDTH as usize;
            self.pixels[start + left..start + right].fill(color);
        }
    }

    /// Draws one line of text with its baseline at `baseline`, starting at `x`.
    fn text(&mut self, font: &Typeface, line: &str, x: f32, baseline: f32, px: f32, ramp: Ramp) {
        self.text_tracked(font, line, x, baseline, px, 0.0, ramp);
    }

    #[allow(clippy::too_many_arguments)]
    fn text_tracked(
        &mut self,
        font: &Typeface,
        line: &str,
        x: f32,
        baseline: f32,
        px: f32,
        tracking: f32,
        ramp: Ramp,
    ) {
        let (placed, _) = font.positions(line, px, tracking);
        for (c, offset) in placed {
            if c.is_whitespace() {
                continue;
            }
            let (metrics, coverage) = font.raster.rasterize(c, px);
            let left = (x + offset).round() as i32 + metrics.xmin;
            let top = baseline.round() as i32 - metrics.height as i32 - metrics.ymin;
            for (row, values) in coverage.chunks(metrics.width.max(1)).enumerate() {
                for (column, value) in values.iter().enumerate() {
                    self.ink(left + column as i32, top + row as i32, ramp, *value);
                }
            }
        }
    }

    /// The image as an indexed PNG.
    fn png(&self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, WIDTH, self.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette());
        encoder.set_compression(png::Compression::Balanced);
        let fail = |e: png::EncodingError| format!("cannot encode the social card: {e}");
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(&self.pixels).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(bytes)
    }
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

/// Draws the card `WIDTH` wide and each of `heights` high (at least 480).
pub fn draw(text: &CardText, heights: &[u32]) -> Result<Cards, String> {
    let serif = Typeface::load(SERIF_BOLD)?;
    let sans = Typeface::load(SANS_BOLD)?;
    let label = text.label.to_uppercase();

    let mut missing: Vec<char> = Vec::new();
    let checks = [
        (&sans, label.as_str()),
        (&serif, text.title),
        (&sans, text.footer),
    ];
    for (font, s) in checks {
        for c in s.chars().filter(|c| !font.has(*c)) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }

    let pngs = heights
        .iter()
        .map(|height| paint(&serif, &sans, text, &label, (*height).max(480)))
        .collect::<Result<_, _>>()?;
    Ok(Cards { pngs, missing })
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

    // The label: capitals, letter-spaced, in a box, like `.label` on the page.
    let tracking = SMALL * 0.08;
    let label_width = sans.positions(label, SMALL, tracking).1;
    let label_top = 72;
    canvas.fill(
        MARGIN,
        label_top,
        label_width.ceil() as i32 + 32,
        46,
        ACCENT_INDEX,
    );
    canvas.text_tracked(
        sans,
        label,
        MARGIN as f32 + 16.0,
        label_top as f32 + 33.0,
        SMALL,
        tracking,
        LABEL_INK,
    );

    let bottom = height as f32 - TITLE_BOTTOM_GAP;
    let (px, lines) = set_title(serif, text.title, bottom - TITLE_TOP);
    let ascent = serif
        .raster
        .horizontal_line_metrics(px)
        .map_or(px * 0.9, |m| m.ascent);
    // The block of lines is centred in its space; each line's capitals sit at the top of its line.
    let block = lines.len() as f32 * px * LINE_HEIGHT;
    let top = TITLE_TOP + ((bottom - TITLE_TOP - block) / 2.0).max(0.0);
    let mut baseline = top + ascent * 0.82;
    for line in &lines {
        canvas.text(serif, line, MARGIN as f32, baseline, px, TITLE_INK);
        baseline += px * LINE_HEIGHT;
    }

    let rule = height as i32 - 98;
    canvas.fill(MARGIN, rule, TEXT_WIDTH as i32, 2, RULE_INDEX);
    let footer = if sans.width(text.footer, SMALL) > TEXT_WIDTH {
        with_ellipsis(sans, text.footer, SMALL, TEXT_WIDTH)
    } else {
        text.footer.to_string()
    };
    canvas.text(
        sans,
        &footer,
        MARGIN as f32,
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
        let card = draw(&text("Baghdad بغداد"), &[SHARE_HEIGHT]).unwrap();
        assert_eq!(card.missing, ['ب', 'غ', 'د', 'ا']);
    }

    #[test]
    fn long_titles_shrink_then_end_in_an_ellipsis() {
        let serif = Typeface::load(SERIF_BOLD).unwrap();
        let (short_px, short) = set_title(&serif, "Iraq", 340.0);
        assert_eq!((short_px, short.len()), (120.0, 1));
        let long = "word ".repeat(200);
        let (px, lines) = set_title(&serif, &long, 340.0);
        assert_eq!(px, 40.0);
        assert!(lines.last().unwrap().ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| serif.width(l, px) <= TEXT_WIDTH));
    }

    #[test]
    fn kerns_pairs_the_font_kerns() {
        let serif = Typeface::load(SERIF_BOLD).unwrap();
        assert!(serif.kerning('T', 'o', 80.0) < 0.0);
        assert_eq!(serif.kerning('o', 'o', 80.0), 0.0);
    }
}
