//! Files of the site's `static/` that the page links to (or nothing does) but does not show through
//! the media stage, published under their own names: a drawing is cleaned as a shown one is (its
//! script would run when it is opened on its own, on the newsroom's origin), and a JPEG loses its
//! metadata (a GPS position, a camera's serial number). The built-in static files are explainer's
//! own and are left as they are.

use std::path::Path;

use super::svg;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Contents, Output};

/// Cleans every SVG and takes the metadata out of every JPEG of `root/static/` still in `output`.
pub(super) fn publish(root: &Path, output: &mut Output, found: &mut Diagnostics) {
    let static_dir = root.join("static");
    let theirs: Vec<(String, Kind)> = output
        .files()
        .filter_map(|(name, _)| Some((name.to_string(), kind_of(name)?)))
        .filter(|(name, _)| static_dir.join(name).is_file())
        .collect();
    for (name, kind) in theirs {
        // Read in place: a JPEG that carries no metadata, the usual case, is not copied.
        let made = output.get(&name).and_then(|contents| {
            let bytes = contents.bytes();
            match kind {
                Kind::Drawing => Some(svg::clean_linked(&bytes).map(Contents::from)),
                Kind::Jpeg => explainer_pictures::without_metadata(&bytes)
                    .filter(|clean| clean.len() != bytes.len())
                    .map(|clean| Ok(Contents::from(clean))),
            }
        });
        match made {
            Some(Ok(contents)) => output.insert(name, contents),
            Some(Err(refused)) => found.push(refusal(&format!("static/{name}"), refused)),
            None => {}
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Drawing,
    Jpeg,
}

fn kind_of(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        Some(Kind::Drawing)
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        Some(Kind::Jpeg)
    } else {
        None
    }
}

fn refusal(shown: &str, refused: svg::Refused) -> Diagnostic {
    let (message, hint) = match refused {
        svg::Refused::Damaged { line, why } => (
            format!("this drawing cannot be read (its line {line}: {why})"),
            "open it in a drawing program and save it again as SVG",
        ),
        svg::Refused::TooDeep { line } => (
            format!(
                "this drawing's elements are nested more than {} deep (at its line {line})",
                svg::MAX_DEPTH
            ),
            "save it again from a drawing program, which nests groups only a few levels",
        ),
        svg::Refused::NotSvg | svg::Refused::NoSize => (
            "this file's name ends in .svg, but it is not an SVG drawing".to_string(),
            "save it as SVG, or give it the name of what it is",
        ),
    };
    Diagnostic::error(shown, message).hint(hint)
}
