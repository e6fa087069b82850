//! Videos in the explainer's own files: published as they are (they are not re-encoded), under a
//! name that changes when the file does, with their captions; their poster is made like a photo.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::MEDIA_DIR;
use super::find::video_type;
use super::store::Stamp;
use crate::output::{Contents, Output};

/// A video as published.
pub(super) struct Published {
    pub key: String,
    pub path: String,
    pub mime: &'static str,
    /// The captions' file, when the video has one.
    pub captions: Option<String>,
    /// The name its captions file would have beside it (`convoy.vtt`), to say so.
    pub captions_name: String,
}

/// Puts the video `rel` (and its captions, if any) into `output`. The video is not read: its name
/// comes from its size and modification time, and the output links or copies the file.
pub(super) fn publish(
    root: &Path,
    rel: &str,
    captions: Option<&str>,
    output: &mut Output,
) -> Result<Published, String> {
    // The real file (a link inside the folder is read through): the output never holds a link.
    let source = crate::inside::real_path(root, rel).map_err(|why| match why {
        crate::inside::Refused::Outside => {
            "is a link to a file outside this explainer's folder".to_string()
        }
        crate::inside::Refused::Unreadable(e) => format!("cannot be read ({e})"),
    })?;
    let stamp = Stamp::of(&source).map_err(|e| format!("cannot be read ({e})"))?;
    let mut hash = Sha256::new();
    hash.update(rel.as_bytes());
    hash.update(stamp.len.to_le_bytes());
    hash.update(stamp.modified_ns.to_le_bytes());
    let key: String = hash
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect();
    let stem = super::stem_of(rel);
    let ext = Path::new(rel)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let path = format!("{MEDIA_DIR}/{stem}-{key}.{ext}");
    let len = usize::try_from(stamp.len).map_err(|_| "is too large".to_string())?;
    output.insert(path.clone(), Contents::in_file(&source, len));
    let captions = match captions {
        Some(file) => {
            let bytes = std::fs::read(root.join(file))
                .map_err(|e| format!("has captions that cannot be read ({e})"))?;
            let key = super::key_of(&bytes, &super::SETTINGS);
            let path = format!("{MEDIA_DIR}/{stem}-{}.vtt", &key[..10]);
            output.insert(path.clone(), Contents::from(bytes));
            super::unpublish_source(file, output);
            Some(path)
        }
        None => None,
    };
    super::unpublish_source(rel, output);
    let file_name = Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Published {
        key,
        path,
        mime: video_type(rel).unwrap_or("video/mp4"),
        captions,
        captions_name: format!("{file_name}.vtt"),
    })
}
