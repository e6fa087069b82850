//! What the media stage says of a picture it cannot make, at the place that names it.

use super::find::Named;
use super::svg;
use crate::diagnostics::Diagnostic;

/// Why a picture named on the page could not be made.
pub(super) enum Refusal {
    /// A photo that cannot be read or decoded: what to say of it.
    Unreadable(String),
    Svg(svg::Refused),
    /// A video, or its captions, that cannot be read.
    Video(String),
    /// A photo with more pixels than [`MAX_MEGAPIXELS`].
    TooLarge {
        width: usize,
        height: usize,
    },
}

/// The most pixels a photo may have to be made into a picture: the largest camera sensors make
/// about 100 million. A photo is decoded whole, at three or four bytes a pixel, so this bounds the
/// memory one photo takes (a 400-megapixel PNG of a few hundred kilobytes took 1.7 GB).
pub const MAX_MEGAPIXELS: usize = 100;

/// Refuses a photo whose header gives more than [`MAX_MEGAPIXELS`], before it is decoded.
pub(super) fn too_many_pixels(bytes: &[u8]) -> Result<(), Refusal> {
    match imagesize::blob_size(bytes) {
        Ok(size) if size.width.saturating_mul(size.height) > MAX_MEGAPIXELS * 1_000_000 => {
            Err(Refusal::TooLarge {
                width: size.width,
                height: size.height,
            })
        }
        _ => Ok(()),
    }
}

impl Refusal {
    pub(super) fn diagnostic(self, n: &Named) -> Diagnostic {
        let (message, hint) = match self {
            Refusal::Unreadable(why) => (
                format!("the picture `{}` {why}", n.src),
                "export it again as JPEG, PNG or WebP from a picture editor".to_string(),
            ),
            Refusal::TooLarge { width, height } => (
                format!(
                    "the picture `{}` is {width} × {height} pixels ({} megapixels); the most explainer makes into a picture is {MAX_MEGAPIXELS} megapixels",
                    n.src,
                    width.saturating_mul(height) / 1_000_000
                ),
                "make it smaller in a picture editor: the page shows a photo at most 1600 pixels wide".to_string(),
            ),
            Refusal::Video(why) => (
                format!("the video `{}` {why}", n.src),
                "copy the file again from where it came from".to_string(),
            ),
            Refusal::Svg(svg::Refused::Damaged { line, why }) => (
                format!("the drawing `{}` cannot be read (its line {line}: {why})", n.src),
                "open it in a drawing program and save it again as SVG".to_string(),
            ),
            Refusal::Svg(svg::Refused::TooDeep { line }) => (
                format!(
                    "the drawing `{}` nests its elements more than {} deep (at its line {line})",
                    n.src,
                    svg::MAX_DEPTH
                ),
                "save it again from a drawing program, which nests groups only a few levels".to_string(),
            ),
            Refusal::Svg(svg::Refused::NotSvg) => (
                format!("the drawing `{}` is not an SVG drawing", n.src),
                "save it as SVG, or as JPEG or PNG with a name ending in .jpg or .png".to_string(),
            ),
            Refusal::Svg(svg::Refused::NoSize) => (
                format!("the drawing `{}` has no size", n.src),
                "give its <svg> a viewBox (or a width and a height in pixels), so that the page keeps its space while it loads".to_string(),
            ),
        };
        Diagnostic::error(&n.doc, message)
            .at_location(n.place.clone())
            .hint(hint)
    }
}
