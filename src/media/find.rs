//! Finding the photos a site names: in the Markdown of every text and translation, an event's
//! media and the page's lead image; each looked for beside the file that names it, then in
//! `static/`.

use std::ops::Range;
use std::path::Path;
use std::path::PathBuf;

use crate::content::Site;
use crate::content::front_matter::find_key;
use crate::content::translation::TranslatedMeta;
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{Link, links};

/// Whether `src` names media published by the media stage: a photo made into widths, an SVG
/// drawing cleaned, or a video (not a GIF, nothing on another site).
pub fn is_photo(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    !crate::url::is_external(src)
        && [
            ".jpg", ".jpeg", ".png", ".webp", ".svg", ".mp4", ".m4v", ".webm",
        ]
        .iter()
        .any(|ext| path.to_ascii_lowercase().ends_with(ext))
}

/// The type of a video file, by its name; `None` for anything else.
pub(super) fn video_type(rel: &str) -> Option<&'static str> {
    let lower = rel.to_ascii_lowercase();
    if lower.ends_with(".mp4") || lower.ends_with(".m4v") {
        Some("video/mp4")
    } else if lower.ends_with(".webm") {
        Some("video/webm")
    } else {
        None
    }
}

/// The files that go with a video (`clips/convoy.mp4`), beside it under the same name: its
/// captions (`convoy.vtt`) and its poster (`convoy.jpg`, `.jpeg`, `.png` or `.webp`), where they are.
pub(super) fn companions(root: &Path, rel: &str) -> (Option<String>, Option<String>) {
    let stem = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
    let first = |exts: &[&str]| {
        exts.iter()
            .map(|ext| format!("{stem}.{ext}"))
            .find(|candidate| root.join(candidate).is_file())
    };
    (
        first(&["vtt"]),
        first(&["jpg", "jpeg", "png", "webp", "JPG", "JPEG", "PNG"]),
    )
}

/// Whether the file `rel` is a link that leads out of the explainer's folder: it is never read.
pub(super) fn outside(root: &Path, rel: &str) -> bool {
    matches!(
        crate::inside::real_path(root, rel),
        Err(crate::inside::Refused::Outside)
    )
}

/// The error for the file `rel`, named at `n`, that links out of the explainer's folder.
pub(super) fn linked_out(n: &Named, rel: &str) -> Diagnostic {
    Diagnostic::error(
        &n.doc,
        format!("`{rel}` is a link to a file outside this explainer's folder"),
    )
    .at_location(n.place.clone())
    .hint("explainer publishes only the explainer's own files: copy the file here instead of linking to it")
}

/// Whether a picture's file is an SVG drawing.
pub(super) fn is_svg(rel: &str) -> bool {
    rel.to_ascii_lowercase().ends_with(".svg")
}

/// Where `src`, named in `doc`, may be: beside `doc`, then in `static/`; relative to the root.
pub(super) fn candidates(doc: &Path, src: &str) -> Vec<String> {
    let src = src.split(['?', '#']).next().unwrap_or_default().trim();
    let mut out = Vec::new();
    if !src.starts_with('/')
        && let Some(dir) = doc.parent()
    {
        out.push(normalise(&dir.join(src)));
    }
    out.push(normalise(
        &Path::new("static").join(src.trim_start_matches('/')),
    ));
    out
}

/// A relative path with `/` separators and `.` and `..` resolved.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// "did you mean `photos/convoy.jpg`?", for a photo named with a slip: the files in the folders
/// where it was looked for, named the way `src` names them.
pub(super) fn near_miss(root: &Path, doc: &Path, src: &str) -> Option<String> {
    let folder = Path::new(src).parent().map(normalise).unwrap_or_default();
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let names: Vec<String> = candidates(doc, src)
        .iter()
        .filter_map(|rel| root.join(rel).parent().map(Path::to_path_buf))
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .flatten()
        .map(|entry| format!("{prefix}{}", entry.file_name().to_string_lossy()))
        .filter(|name| is_photo(name))
        .collect();
    crate::diagnostics::did_you_mean(src, names.iter().map(String::as_str))
}

/// One place a photo is named: the file (relative to the root), where in it, and the name.
pub(super) struct Named {
    pub doc: PathBuf,
    pub place: Location,
    pub src: String,
}

/// Every photo the site names: the page's lead image, events' media, and images in the Markdown
/// of the page, its sections and events, and their translations.
pub(super) fn named(site: &Site) -> Vec<Named> {
    let mut found = Vec::new();
    let mut add = |doc: &Path, text: &str, at: Range<usize>, src: &str| {
        found.push(Named {
            doc: doc.to_path_buf(),
            place: Location::from_range(text, at),
            src: src.to_string(),
        });
    };
    let mut in_body = |doc: &Path, text: &str, body: Range<usize>, found: &[Link]| {
        for link in found {
            if link.image && (is_photo(&link.url) || crate::url::is_external(&link.url)) {
                let at = link.range.start + body.start..link.range.end + body.start;
                add(doc, text, at, &link.url);
            }
        }
    };
    let page = &site.page;
    in_body(
        &page.path,
        &page.text,
        page.split.body.clone(),
        page.links(),
    );
    for doc in &site.sections {
        in_body(&doc.path, &doc.text, doc.split.body.clone(), doc.links());
    }
    for doc in &site.events {
        in_body(&doc.path, &doc.text, doc.split.body.clone(), doc.links());
    }
    for doc in site.translations.iter() {
        let body = doc.split.body.clone();
        in_body(&doc.path, &doc.text, body.clone(), &links(&doc.text[body]));
    }
    let mut in_front_matter = |doc: &Path, text: &str, yaml: Range<usize>, key: &str, src: &str| {
        if is_photo(src) {
            let at = find_key(&text[yaml.clone()], key).map_or(yaml.start..yaml.start, |r| {
                r.start + yaml.start..r.end + yaml.start
            });
            add(doc, text, at, src);
        }
    };
    if let Some(lead) = &page.meta.lead {
        in_front_matter(
            &page.path,
            &page.text,
            page.split.yaml.clone(),
            "src",
            &lead.src,
        );
    }
    for doc in &site.events {
        if let Some(media) = &doc.meta.media {
            let yaml = doc.split.yaml.clone();
            in_front_matter(&doc.path, &doc.text, yaml.clone(), "src", &media.src);
            // A still of the explainer's own for a video on another site.
            if let Some(thumbnail) = &media.thumbnail {
                in_front_matter(&doc.path, &doc.text, yaml, "thumbnail", thumbnail);
            }
        }
    }
    // A translation's own file (a map labelled in its language).
    for doc in site.translations.iter() {
        let own = match &doc.meta {
            TranslatedMeta::Page(t) => t.lead.as_ref(),
            TranslatedMeta::Event(t) => t.media.as_ref(),
            TranslatedMeta::Section(_) => None,
        };
        if let Some(src) = own.and_then(|m| m.src.as_deref()) {
            in_front_matter(&doc.path, &doc.text, doc.split.yaml.clone(), "src", src);
        }
    }
    found
}
