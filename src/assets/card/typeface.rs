//! The card's fonts: a Latin face and the Arabic face it falls back to, as the shaper (rustybuzz,
//! a port of HarfBuzz), the rasteriser (fontdue) and the character maps (ttf-parser) see them. A
//! line of text is put in visual order by the Unicode bidirectional algorithm, cut into runs of one
//! direction and one face, and each run shaped: Arabic letters take their joined forms, marks sit on
//! their letters, and the fonts' own kerning and ligatures apply.

use std::ops::Range;

use fontdue::{Font, FontSettings, Metrics};
use rustybuzz::{Direction, UnicodeBuffer};
use ttf_parser::Face;
use unicode_bidi::{BidiInfo, Level};

/// Whether `face` can draw `c` (white space always can).
pub(super) fn covers(face: &Face, c: char) -> bool {
    c.is_whitespace() || face.glyph_index(c).is_some()
}

/// One font, for shaping and for drawing.
struct Shaped<'f> {
    shaper: rustybuzz::Face<'f>,
    raster: Font,
}

/// A font and the fonts it falls back to, in order.
pub(super) struct Typeface<'f> {
    faces: Vec<Shaped<'f>>,
}

/// A glyph placed on a line: which face, which glyph, and where from the line's left end (y up).
pub(super) struct Glyph {
    face: usize,
    id: u16,
    x: f32,
    y: f32,
}

/// A shaped line, left to right as it is seen.
pub(super) struct Line {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) width: f32,
    /// Whether the line's paragraph reads right to left (then it is set against the right margin).
    pub(super) rtl: bool,
}

impl<'f> Typeface<'f> {
    /// The fonts in `files`, the first one first.
    pub(super) fn load(files: &[&'f [u8]]) -> Result<Typeface<'f>, String> {
        let faces = files
            .iter()
            .map(|bytes| {
                let raster = Font::from_bytes(*bytes, FontSettings::default())
                    .map_err(|e| format!("the card font does not load: {e}"))?;
                let shaper =
                    rustybuzz::Face::from_slice(bytes, 0).ok_or("the card font does not parse")?;
                Ok(Shaped { shaper, raster })
            })
            .collect::<Result<_, String>>()?;
        Ok(Typeface { faces })
    }

    /// The character maps alone, to ask what the fonts cover without preparing to draw.
    pub(super) fn coverage(files: &[&'f [u8]]) -> Result<Vec<Face<'f>>, String> {
        files
            .iter()
            .map(|bytes| {
                Face::parse(bytes, 0).map_err(|e| format!("the card font does not parse: {e}"))
            })
            .collect()
    }

    fn covers(&self, face: usize, c: char) -> bool {
        covers(&self.faces[face].shaper, c)
    }

    /// The face to draw `c` with: the face of the text around it for spaces and punctuation it has,
    /// else the first face that has the character.
    fn face_for(&self, c: char, current: Option<usize>) -> usize {
        if let Some(face) = current
            && !c.is_alphanumeric()
            && self.covers(face, c)
        {
            return face;
        }
        (0..self.faces.len())
            .find(|&face| self.covers(face, c))
            .unwrap_or(0)
    }

    /// `range` of `text` cut where the face changes, in reading order.
    fn by_face(&self, text: &str, range: Range<usize>) -> Vec<(usize, Range<usize>)> {
        let mut pieces = Vec::new();
        let mut current: Option<(usize, usize)> = None;
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            let face = self.face_for(c, current.map(|(f, _)| f));
            match current {
                Some((f, start)) if f != face => {
                    pieces.push((f, start..at));
                    current = Some((face, at));
                }
                None => current = Some((face, at)),
                _ => {}
            }
        }
        if let Some((face, start)) = current {
            pieces.push((face, start..range.end));
        }
        pieces
    }

    /// Shapes `text` as one line at `px`, with `tracking` added after each glyph of left-to-right
    /// runs (letter-spacing would break Arabic's joins). The line reads in the direction of its
    /// first letter.
    pub(super) fn shape(&self, text: &str, px: f32, tracking: f32) -> Line {
        self.shape_in(text, px, tracking, None)
    }

    /// The same, in the direction given (`Some(true)`: right to left), whatever its first letter:
    /// a date line that starts with a Latin site name still reads right to left on an Arabic card.
    pub(super) fn shape_in(&self, text: &str, px: f32, tracking: f32, rtl: Option<bool>) -> Line {
        let level = rtl.map(|rtl| if rtl { Level::rtl() } else { Level::ltr() });
        let bidi = BidiInfo::new(text, level);
        let Some(paragraph) = bidi.paragraphs.first() else {
            return Line {
                glyphs: Vec::new(),
                width: 0.0,
                rtl: false,
            };
        };
        let rtl = paragraph.level.is_rtl();
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        let mut glyphs = Vec::new();
        let mut x = 0.0;
        let mut tracked = false;
        for run in runs {
            let run_rtl = levels[run.start].is_rtl();
            let mut pieces = self.by_face(text, run);
            if run_rtl {
                pieces.reverse();
            }
            for (face, range) in pieces {
                let shaped = &self.faces[face];
                let mut buffer = UnicodeBuffer::new();
                buffer.push_str(&text[range]);
                buffer.set_direction(if run_rtl {
                    Direction::RightToLeft
                } else {
                    Direction::LeftToRight
                });
                buffer.guess_segment_properties();
                let out = rustybuzz::shape(&shaped.shaper, &[], buffer);
                let scale = px / shaped.shaper.units_per_em() as f32;
                let extra = if run_rtl { 0.0 } else { tracking };
                for (info, position) in out.glyph_infos().iter().zip(out.glyph_positions()) {
                    glyphs.push(Glyph {
                        face,
                        id: u16::try_from(info.glyph_id).unwrap_or(0),
                        x: x + position.x_offset as f32 * scale,
                        y: position.y_offset as f32 * scale,
                    });
                    x += position.x_advance as f32 * scale + extra;
                    tracked = extra > 0.0;
                }
            }
        }
        let width = if tracked { x - tracking } else { x };
        Line { glyphs, width, rtl }
    }

    pub(super) fn width(&self, text: &str, px: f32) -> f32 {
        self.shape(text, px, 0.0).width
    }

    /// How far the first font's capitals rise above the baseline at `px`.
    pub(super) fn ascent(&self, px: f32) -> f32 {
        self.faces[0]
            .raster
            .horizontal_line_metrics(px)
            .map_or(px * 0.9, |m| m.ascent)
    }

    /// The glyph's coverage at `px`, and where its box sits from its origin.
    pub(super) fn rasterize(&self, glyph: &Glyph, px: f32) -> (Metrics, Vec<u8>) {
        self.faces[glyph.face]
            .raster
            .rasterize_indexed(glyph.id, px)
    }
}

impl Glyph {
    /// Where the glyph's origin is, from the line's left end and its baseline (y up).
    pub(super) fn origin(&self) -> (f32, f32) {
        (self.x, self.y)
    }
}
