//! The card's fonts as the rasteriser (fontdue) and the layout tables (ttf-parser) see them: glyph
//! coverage, advance widths and the fonts' own pair kerning.

use fontdue::{Font, FontSettings};
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
use ttf_parser::{Face, GlyphId, Tag};

/// Whether `face` can draw `c` (white space always can).
pub(super) fn covers(face: &Face, c: char) -> bool {
    c.is_whitespace() || face.glyph_index(c).is_some()
}

/// A font as both the rasteriser and the layout tables see it.
pub(super) struct Typeface<'f> {
    pub(super) raster: Font,
    pub(super) face: Face<'f>,
}

impl<'f> Typeface<'f> {
    pub(super) fn load(bytes: &'f [u8]) -> Result<Typeface<'f>, String> {
        let raster = Font::from_bytes(bytes, FontSettings::default())
            .map_err(|e| format!("the card font does not load: {e}"))?;
        let face =
            Face::parse(bytes, 0).map_err(|e| format!("the card font does not parse: {e}"))?;
        Ok(Typeface { raster, face })
    }

    /// Only the layout tables, to ask what the font covers without preparing to draw.
    pub(super) fn coverage(bytes: &'f [u8]) -> Result<Face<'f>, String> {
        Face::parse(bytes, 0).map_err(|e| format!("the card font does not parse: {e}"))
    }

    /// The horizontal pair adjustment between two characters from the `kern` feature, in pixels.
    pub(super) fn kerning(&self, left: char, right: char, px: f32) -> f32 {
        let (Some(left), Some(right)) = (self.face.glyph_index(left), self.face.glyph_index(right))
        else {
            return 0.0;
        };
        let units = pair_adjustment(&self.face, left, right);
        f32::from(units) * px / f32::from(self.face.units_per_em())
    }

    /// The x offset of each character of `text` from its start, and the total width.
    pub(super) fn positions(&self, text: &str, px: f32, tracking: f32) -> (Vec<(char, f32)>, f32) {
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

    pub(super) fn width(&self, text: &str, px: f32) -> f32 {
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
