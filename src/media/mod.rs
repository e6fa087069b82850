//! Pictures made at build time. Every photo the page shows — an event's media, the lead image, an
//! image in Markdown text — is found beside the Markdown file that names it (as zola's co-located
//! assets and Hugo's page bundles are), else in `static/`; made into widths for `srcset` in WebP and
//! JPEG ([`encode`]); kept in a cache keyed by its bytes and the settings ([`store`]), so that a
//! rebuild makes nothing unless a photo changed; and published under `media/`. Photos are made on
//! every core. An SVG drawing is cleaned ([`svg`]) and published as one file; GIFs are left as
//! they are, and pictures on other sites are refused.

pub mod embed;
mod find;
mod html;
mod linked;
mod refusal;
mod store;
pub mod svg;
mod video;

use explainer_pictures as encode;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Contents, Output};
pub use explainer_pictures::SETTINGS;
pub use find::is_photo;
use find::{Named, candidates, linked_out, named, near_miss, outside};
pub use html::{Layout, picture_html};
use refusal::Refusal;
pub use store::{CACHE_DIR, key_of};
use store::{Files, Stamp, Store};

/// The folder of the output that made pictures are published in.
pub const MEDIA_DIR: &str = "media";

/// A picture the page shows: its files at each width, in a modern format and a fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Picture {
    /// The size of the largest file made (what `width` and `height` reserve on the page).
    pub width: u32,
    pub height: u32,
    /// Each width's WebP file, smallest first, relative to the site root.
    pub webp: Vec<Variant>,
    /// Each width's JPEG (or PNG) file.
    pub fallback: Vec<Variant>,
    pub fallback_type: &'static str,
    /// For a video (its one file is the fallback): its captions and poster.
    pub video: Option<VideoParts>,
}

/// The files that go with a video, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VideoParts {
    /// The WebVTT captions.
    pub captions: Option<String>,
    /// The still shown before it plays: its poster photo's fallback file.
    pub poster: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    pub path: String,
    pub width: u32,
}

impl Picture {
    /// The fallback a browser without `srcset` loads: the widest file up to 960 pixels.
    pub fn src(&self) -> &str {
        self.fallback
            .iter()
            .rev()
            .find(|v| v.width <= 960)
            .or(self.fallback.first())
            .map_or("", |v| v.path.as_str())
    }
}

/// How much picture work a build did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Pictures decoded, resized and encoded.
    pub made: usize,
    /// Pictures taken from the cache (their files are not read: the output links them).
    pub reused: usize,
}

/// The pictures of one explainer, kept between builds by its pipeline: the cache on disk, and
/// where each used picture's files are (`serve` looks nothing up again for an unchanged photo).
#[derive(Debug)]
pub struct Images {
    store: Store,
    kept: HashMap<String, Arc<Files>>,
    pub last: Report,
}

impl Images {
    pub fn open(root: &Path) -> Images {
        Images {
            store: Store::open(root),
            kept: HashMap::new(),
            last: Report::default(),
        }
    }

    /// Uses what the cache holds but adds nothing to it (`check`, which writes no file).
    pub fn keep_nothing(&mut self) {
        self.store.keep = false;
    }
}

/// The pictures of a build, by source file (relative to the root, with `/`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pictures {
    by_source: HashMap<String, Arc<Picture>>,
    /// Each source and its key, in order, for the render cache.
    keys: Vec<(String, String)>,
}

impl Pictures {
    /// The picture `src` names in the file `doc` (relative to the root): beside the file first,
    /// then in `static/`.
    pub fn find(&self, doc: &Path, src: &str) -> Option<&Arc<Picture>> {
        candidates(doc, src)
            .into_iter()
            .find_map(|rel| self.by_source.get(&rel))
    }

    /// Every source with its key: what the rendered page depends on.
    pub fn keys(&self) -> &[(String, String)] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }
}

/// What to say of a file that cannot be read.
fn unreadable(e: &std::io::Error) -> String {
    format!("cannot be read ({e})")
}

/// A source's cache key, with its bytes when they were read to find it.
struct Keyed {
    key: String,
    bytes: Option<Vec<u8>>,
}

/// A picture's files, and whether this build made them.
struct Got {
    key: String,
    files: Arc<Files>,
    made: bool,
}

/// Makes (or finds in the cache) every photo the site names, puts their files into `output`, and
/// gives the pictures for the page. A photo that is missing or cannot be read is an error at the
/// place that names it.
pub fn process(
    site: &Site,
    root: &Path,
    images: &mut Images,
    output: &mut Output,
    found: &mut Diagnostics,
) -> Pictures {
    if let Some(linked) = images.store.linked() {
        found.push(
            Diagnostic::error(linked, "the picture cache is a link to another folder")
                .hint("explainer keeps made pictures only inside the explainer's folder: delete the link, and the next build makes them again"),
        );
        return Pictures::default();
    }
    // Each source once, with the first place that names it.
    let mut sources: Vec<(String, &Named)> = Vec::new();
    let named = named(site);
    for n in &named {
        if crate::url::is_external(&n.src) {
            found.push(
                Diagnostic::error(&n.doc, "a picture on another site")
                    .at_location(n.place.clone())
                    .hint("the page makes no request to other sites: download the picture, put it beside this file and write its file name here"),
            );
            continue;
        }
        let existing = candidates(&n.doc, &n.src)
            .into_iter()
            .find(|rel| root.join(rel).is_file());
        match existing {
            Some(rel) if outside(root, &rel) => found.push(linked_out(n, &rel)),
            Some(rel) => {
                if !sources.iter().any(|(r, _)| *r == rel) {
                    sources.push((rel, n));
                }
            }
            None => found.push(
                Diagnostic::error(
                    &n.doc,
                    format!("the image `{}` is not in this explainer", n.src),
                )
                .at_location(n.place.clone())
                .hint(near_miss(root, &n.doc, &n.src).unwrap_or_else(|| {
                    format!(
                        "put the file beside {} (or in static/), or correct its name",
                        crate::diagnostics::display_path(&n.doc)
                    )
                })),
            ),
        }
    }

    let (drawings, sources): (Vec<_>, Vec<_>) =
        sources.into_iter().partition(|(rel, _)| find::is_svg(rel));
    let (videos, mut sources): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|(rel, _)| find::video_type(rel).is_some());
    // A video's poster is made like any photo.
    let videos: Vec<(String, &Named, Option<String>, Option<String>)> = videos
        .into_iter()
        .map(|(rel, n)| {
            let (mut captions, mut poster) = find::companions(root, &rel);
            for companion in [&mut captions, &mut poster] {
                if companion.as_ref().is_some_and(|c| outside(root, c)) {
                    found.push(linked_out(n, companion.as_deref().unwrap_or_default()));
                    *companion = None;
                }
            }
            if let Some(poster) = &poster
                && !sources.iter().any(|(r, _)| r == poster)
            {
                sources.push((poster.clone(), n));
            }
            (rel, n, captions, poster)
        })
        .collect();
    let mut pictures = Pictures::default();
    for (rel, n) in drawings {
        match std::fs::read(root.join(&rel))
            .map_err(|e| Refusal::Unreadable(unreadable(&e)))
            .and_then(|bytes| svg::clean(&bytes).map_err(Refusal::Svg))
        {
            Ok(drawing) => {
                let key = key_of(drawing.text.as_bytes(), &SETTINGS);
                let path = format!("{MEDIA_DIR}/{}-{}.svg", stem_of(&rel), &key[..10]);
                output.insert(path.clone(), Contents::from(drawing.text));
                unpublish_source(&rel, output);
                let picture = Picture {
                    width: drawing.width,
                    height: drawing.height,
                    webp: Vec::new(),
                    fallback: vec![Variant {
                        path,
                        width: drawing.width,
                    }],
                    fallback_type: "image/svg+xml",
                    video: None,
                };
                pictures.keys.push((rel.clone(), key));
                pictures.by_source.insert(rel, Arc::new(picture));
            }
            Err(refusal) => found.push(refusal.diagnostic(n)),
        }
    }

    // The keys of unchanged files come from the index; the others are read and hashed on every core.
    let stamps: Vec<std::io::Result<Stamp>> = sources
        .iter()
        .map(|(rel, _)| Stamp::of(&root.join(rel)))
        .collect();
    let settings = SETTINGS;
    let store = &images.store;
    let looked_up: Vec<Result<Keyed, String>> = sources
        .par_iter()
        .zip(&stamps)
        .map(|((rel, _), stamp)| {
            let stamp = stamp.as_ref().map_err(unreadable)?;
            if let Some(key) = store.known(rel, *stamp) {
                return Ok(Keyed { key, bytes: None });
            }
            let bytes = std::fs::read(root.join(rel)).map_err(|e| unreadable(&e))?;
            Ok(Keyed {
                key: key_of(&bytes, &settings),
                bytes: Some(bytes),
            })
        })
        .collect();

    // Then each picture is taken from memory, from the disk cache, or made.
    let kept = &images.kept;
    let results: Vec<Result<Got, Refusal>> = sources
        .par_iter()
        .zip(looked_up)
        .map(|((rel, _), looked)| {
            let Keyed { key, bytes } = looked.map_err(Refusal::Unreadable)?;
            let reused = |files| Got {
                key: key.clone(),
                files,
                made: false,
            };
            if let Some(files) = kept.get(&key) {
                return Ok(reused(Arc::clone(files)));
            }
            if let Some(files) = store.load(&key) {
                return Ok(reused(Arc::new(files)));
            }
            let bytes = match bytes {
                Some(bytes) => bytes,
                None => std::fs::read(root.join(rel))
                    .map_err(|e| Refusal::Unreadable(unreadable(&e)))?,
            };
            refusal::too_many_pixels(&bytes)?;
            let made = encode::make(&bytes, &settings).map_err(|why| match why {
                encode::Unreadable::NotAPicture => "is not a JPEG, PNG or WebP picture".to_string(),
                encode::Unreadable::Damaged(_) => "is damaged and cannot be read".to_string(),
            });
            let made = made.map_err(Refusal::Unreadable)?;
            let files = Arc::new(store.save(&key, made));
            Ok(Got {
                key,
                files,
                made: true,
            })
        })
        .collect();

    let mut report = Report::default();
    let mut kept = HashMap::new();
    for (((rel, n), stamp), result) in sources.iter().zip(&stamps).zip(results) {
        let Got { key, files, made } = match result {
            Ok(done) => done,
            Err(refusal) => {
                found.push(refusal.diagnostic(n));
                continue;
            }
        };
        if let Ok(stamp) = stamp {
            images.store.remember(rel, *stamp, &key);
        }
        if made {
            report.made += 1;
        } else {
            report.reused += 1;
        }
        let picture = publish(rel, &key, &files, output);
        // The source is not published: its full size, and its metadata (a GPS position), stay here.
        unpublish_source(rel, output);
        pictures.keys.push((rel.clone(), key.clone()));
        pictures.by_source.insert(rel.clone(), Arc::new(picture));
        kept.insert(key, files);
    }
    for (rel, n, captions, poster) in videos {
        match video::publish(root, &rel, captions.as_deref(), output) {
            Ok(published) => {
                if published.captions.is_none() {
                    found.push(
                        Diagnostic::warning(&n.doc, format!("the video `{}` has no captions", n.src))
                            .at_location(n.place.clone())
                            .hint(format!(
                                "readers who cannot hear it, or watch with the sound off, need them: put its captions beside it as `{}` (WebVTT, which most video editors export)",
                                published.captions_name
                            )),
                    );
                }
                let poster = poster.and_then(|p| pictures.by_source.get(&p).cloned());
                let (width, height) = poster.as_ref().map_or((1280, 720), |p| (p.width, p.height));
                pictures.keys.push((rel.clone(), published.key));
                pictures.by_source.insert(
                    rel,
                    Arc::new(Picture {
                        width,
                        height,
                        webp: Vec::new(),
                        fallback: vec![Variant {
                            path: published.path,
                            width,
                        }],
                        fallback_type: published.mime,
                        video: Some(VideoParts {
                            captions: published.captions,
                            poster: poster.map(|p| p.src().to_string()),
                        }),
                    }),
                );
            }
            Err(why) => found.push(Refusal::Video(why).diagnostic(n)),
        }
    }
    linked::publish(root, output, found);
    images.store.save_index();
    // Only the pictures of this build are kept: a photo taken out is forgotten.
    images.kept = kept;
    images.last = report;
    pictures
}

/// Puts a picture's files into the output, named after the source and its key
/// (`media/convoy-3f9c2b1a-640.webp`), and describes them.
fn publish(rel: &str, key: &str, files: &Files, output: &mut Output) -> Picture {
    let stem = stem_of(rel);
    let d = &files.description;
    let ext = d.fallback.extension();
    let short = &key[..key.len().min(10)];
    let mut webp = Vec::new();
    let mut fallback = Vec::new();
    for (i, (w, _)) in d.sizes.iter().enumerate() {
        let name = |ext: &str| format!("{MEDIA_DIR}/{stem}-{short}-{w}.{ext}");
        output.insert(name("webp"), files.webp[i].clone());
        output.insert(name(ext), files.fallback[i].clone());
        webp.push(Variant {
            path: name("webp"),
            width: *w,
        });
        fallback.push(Variant {
            path: name(ext),
            width: *w,
        });
    }
    let (width, height) = d.sizes.last().copied().unwrap_or((d.width, d.height));
    Picture {
        width,
        height,
        webp,
        fallback,
        fallback_type: d.fallback.mime(),
        video: None,
    }
}

/// A source in `static/` that the media stage publishes in its own form is not published as it is
/// too (a static file is otherwise copied to the output).
fn unpublish_source(rel: &str, output: &mut Output) {
    if let Some(in_static) = rel.strip_prefix("static/") {
        output.remove(in_static);
    }
}

/// A published file's name: the source's, as a slug.
fn stem_of(rel: &str) -> String {
    Path::new(rel)
        .file_stem()
        .map(|s| crate::markdown::slugify(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "picture".to_string())
}
