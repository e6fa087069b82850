//! The card's canvas: one palette index per pixel, drawn in a fixed palette of the page's colours,
//! and written out as an indexed PNG.

use super::WIDTH;
use super::typeface::{Line, Typeface};

/// The page's light palette (`static/style.css`).
const PAPER: Rgb = Rgb(0xfd, 0xfc, 0xf9);
const INK: Rgb = Rgb(0x1c, 0x1b, 0x19);
const MUTED: Rgb = Rgb(0x55, 0x51, 0x4a);
const ACCENT: Rgb = Rgb(0xa1, 0x32, 0x1c);
const RULE: Rgb = Rgb(0xd9, 0xd4, 0xc8);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

/// The card is drawn in a fixed palette: for each kind of text, 64 steps from its background to its
/// colour (anti-aliased edges need no more at these sizes), and the flat colours. Drawing is then
/// one byte per pixel, and the PNG is an indexed one, a third of the size of RGB and quicker to
/// compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ramp {
    /// The palette index of step 0, the background.
    first: u8,
    from: Rgb,
    to: Rgb,
}

const STEPS: u8 = 64;
/// The headline: ink on paper.
pub(super) const TITLE_INK: Ramp = Ramp {
    first: 0,
    from: PAPER,
    to: INK,
};
/// The date line: muted ink on paper.
pub(super) const FOOTER_INK: Ramp = Ramp {
    first: STEPS,
    from: PAPER,
    to: MUTED,
};
/// The label: paper-coloured letters on the accent.
pub(super) const LABEL_INK: Ramp = Ramp {
    first: 2 * STEPS,
    from: ACCENT,
    to: PAPER,
};
pub(super) const PAPER_INDEX: u8 = TITLE_INK.first;
pub(super) const ACCENT_INDEX: u8 = LABEL_INK.first;
pub(super) const RULE_INDEX: u8 = 3 * STEPS;

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
pub(super) struct Canvas {
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    pub(super) fn new(height: u32, background: u8) -> Canvas {
        Canvas {
            height,
            pixels: vec![background; (WIDTH * height) as usize],
        }
    }

    /// Inks the pixel at (x, y) with `coverage` (0-255) of the ramp's colour; points off the canvas
    /// are skipped. Where two glyphs' edges meet, the darker step wins.
    pub(super) fn ink(&mut self, x: i32, y: i32, ramp: Ramp, coverage: u8) {
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
    pub(super) fn fill(&mut self, x: i32, y: i32, width: i32, height: i32, color: u8) {
        let clip = |v: i32, max: u32| v.clamp(0, max as i32) as usize;
        let (left, right) = (clip(x, WIDTH), clip(x + width, WIDTH));
        for row in clip(y, self.height)..clip(y + height, self.height) {
            let start = row * WIDTH as usize;
            self.pixels[start + left..start + right].fill(color);
        }
    }

    /// Draws a shaped line with its baseline at `baseline` and its left end at `x`.
    pub(super) fn text(
        &mut self,
        font: &Typeface,
        line: &Line,
        x: f32,
        baseline: f32,
        px: f32,
        ramp: Ramp,
    ) {
        for glyph in &line.glyphs {
            let (metrics, coverage) = font.rasterize(glyph, px);
            if metrics.width == 0 {
                continue;
            }
            let (dx, dy) = glyph.origin();
            let left = (x + dx).round() as i32 + metrics.xmin;
            let top = (baseline - dy).round() as i32 - metrics.height as i32 - metrics.ymin;
            for (row, values) in coverage.chunks(metrics.width).enumerate() {
                for (column, value) in values.iter().enumerate() {
                    self.ink(left + column as i32, top + row as i32, ramp, *value);
                }
            }
        }
    }

    /// The image as an indexed PNG.
    pub(super) fn png(&self) -> Result<Vec<u8>, String> {
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
