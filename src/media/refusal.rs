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
}

impl Refusal {
    pub(super) fn diagnostic(self, n: &Named) -> Diagnostic {
        let (message, hint) = match self {
            Refusal::Unreadable(why) => (
                format!("the picture `{}` {why}", n.src),
                "export it again as JPEG, PNG or WebP from a picture editor".to_string(),
            ),
            Refusal::Video(why) => (
                format!("the video `{}` {why}", n.src),
                "copy the file again from where it came from".to_string(),
            ),
            Refusal::Svg(svg::Refused::Damaged { line, why }) => (
                format!("the drawing `{}` cannot be read (its line {line}: {why})", n.src),
                "open it in a drawing program and save it again as SVG".to_string(),
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
