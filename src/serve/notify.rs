//! What open pages are told after a good build: a stylesheet to swap, pictures to refresh, the
//! sections of each page that changed (each page patches just those in), or, when more than its
//! sections changed, that there is a new build to fetch and morph in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::live::Event;
use crate::output::{Contents, Output};

/// The event for a build that replaced `before` with `after` after `changed`; `was_broken` when the
/// build before it had failed (then the pages show an overlay and need more than a restyle).
pub(super) fn event_after(
    changed: &[PathBuf],
    was_broken: bool,
    before: Option<&Output>,
    after: &Output,
    build: u64,
    mount: &str,
) -> Event {
    match (was_broken, static_change(changed)) {
        (false, Some(StaticChange::Styles)) => return Event::Css,
        (false, Some(StaticChange::Pictures(paths))) => {
            return Event::Pictures(paths.iter().map(|p| format!("{mount}{p}")).collect());
        }
        _ => {}
    }
    match before.and_then(|before| patches(before, after, mount)) {
        Some(pages) => Event::Patch { build, pages },
        None => Event::Reload(build),
    }
}

/// What changed, when only files of `static/` of one kind did.
enum StaticChange {
    Styles,
    /// The pictures' paths inside `static/`, which are their paths on the site.
    Pictures(Vec<String>),
}

fn static_change(changed: &[PathBuf]) -> Option<StaticChange> {
    let inside: Vec<&Path> = changed
        .iter()
        .map(|p| p.strip_prefix("static").ok())
        .collect::<Option<_>>()?;
    let extension = |p: &Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    // Pictures published as they are. A photo or drawing is made into files named by its content
    // (src/media/), so a change to one changes the HTML that names it: the sections are patched.
    let pictures = ["gif", "avif"];
    if inside.iter().all(|p| extension(p) == "css") {
        Some(StaticChange::Styles)
    } else if inside
        .iter()
        .all(|p| pictures.contains(&extension(p).as_str()))
    {
        Some(StaticChange::Pictures(
            inside
                .iter()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect(),
        ))
    } else {
        None
    }
}

/// For each page (`index.html` of each edition), by its address, the HTML of the sections that
/// changed; `None` when any page changed more than its sections (its head, header or footer, or
/// the number of sections), which the pages then fetch whole.
fn patches(before: &Output, after: &Output, mount: &str) -> Option<Vec<(String, Vec<String>)>> {
    let mut pages = Vec::new();
    for (path, contents) in after.files() {
        if !path.ends_with("index.html") {
            continue;
        }
        let old = before.get(path)?;
        let sections = changed_sections(old, contents)?;
        let address = format!("{mount}{}", path.trim_end_matches("index.html"));
        pages.push((address, sections));
    }
    Some(pages)
}

/// The sections of a page that differ, when nothing else does: a page is its shell's two halves
/// around one piece per section, and a section the render cache kept is the very same piece.
fn changed_sections(before: &Contents, after: &Contents) -> Option<Vec<String>> {
    let (old, new) = (before.pieces(), after.pieces());
    if old.len() != new.len() || old.len() < 2 {
        return None;
    }
    let last = new.len() - 1;
    if old[0] != new[0] || old[last] != new[last] {
        return None;
    }
    Some(
        old[1..last]
            .iter()
            .zip(&new[1..last])
            .filter(|(a, b)| !Arc::ptr_eq(a, b) && a != b)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect(),
    )
}

/// "a change to content/a.md": files that still exist first, so an editor's temporary file (already
/// renamed away) is not what the message names.
pub(super) fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let (present, gone): (Vec<&PathBuf>, Vec<&PathBuf>) =
        changed.iter().partition(|p| root.join(p).exists());
    let names: Vec<String> = present
        .into_iter()
        .chain(gone)
        .map(|p| crate::diagnostics::display_path(p))
        .collect();
    match names.as_slice() {
        [one] => format!("a change to {one}"),
        [first, rest @ ..] => format!("changes to {first} and {} more", rest.len()),
        [] => "a change".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(pieces: &[&str]) -> Contents {
        Contents::from_pieces(pieces.iter().map(|p| Arc::from(p.as_bytes())))
    }

    #[test]
    fn only_the_sections_that_changed_are_sent() {
        let before = page(&[
            "<head>",
            "<section id=a>A</section>",
            "<section id=b>B</section>",
            "</body>",
        ]);
        let after = page(&[
            "<head>",
            "<section id=a>A</section>",
            "<section id=b>B2</section>",
            "</body>",
        ]);
        assert_eq!(
            changed_sections(&before, &after),
            Some(vec!["<section id=b>B2</section>".to_string()])
        );
        let new_head = page(&[
            "<head>2",
            "<section id=a>A</section>",
            "<section id=b>B</section>",
            "</body>",
        ]);
        assert_eq!(changed_sections(&before, &new_head), None);
        let fewer = page(&["<head>", "<section id=a>A</section>", "</body>"]);
        assert_eq!(changed_sections(&before, &fewer), None);
    }

    #[test]
    fn static_changes_of_one_kind() {
        let paths = |ps: &[&str]| ps.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert!(matches!(
            static_change(&paths(&["static/style.css"])),
            Some(StaticChange::Styles)
        ));
        assert!(matches!(
            static_change(&paths(&["static/photos/a.GIF"])),
            Some(StaticChange::Pictures(p)) if p == ["photos/a.GIF"]
        ));
        // A photo or a drawing is made into new files under new names: the page is patched.
        assert!(static_change(&paths(&["static/photos/a.JPG"])).is_none());
        assert!(static_change(&paths(&["static/maps/iraq.svg"])).is_none());
        assert!(static_change(&paths(&["static/style.css", "content/a.md"])).is_none());
        assert!(static_change(&paths(&["static/data.json"])).is_none());
    }
}
