//! Files of the site, resolved inside it. Every file a build reads beside the content — a photo, a
//! drawing, a video and its captions, a static file, a cached picture — is named by a path under the
//! explainer's folder, but a symbolic link there may lead anywhere on the machine (`static/clip.vtt ->
//! /proc/self/environ`). Such a file is refused, never read or published; a link that stays inside
//! the folder is read through, and what is published is its target's bytes, never a link.
//!
//! A leaf module: it imports nothing of explainer's; callers word their own messages.

use std::io;
use std::path::{Path, PathBuf};

/// Why a file of the site is not read.
#[derive(Debug)]
pub enum Refused {
    /// Its real path (after every link) leaves the site's folder.
    Outside,
    /// It, or the folder above it, cannot be read.
    Unreadable(io::Error),
}

/// The real path of `rel` (relative to `root`), when it is inside `root`.
pub fn real_path(root: &Path, rel: impl AsRef<Path>) -> Result<PathBuf, Refused> {
    let root = root.canonicalize().map_err(Refused::Unreadable)?;
    let real = root.join(rel).canonicalize().map_err(Refused::Unreadable)?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(Refused::Outside)
    }
}

/// Whether `path` is a symbolic link itself (not followed).
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/real.vtt"), "WEBVTT").unwrap();
        std::fs::write(dir.path().join("secret"), "MYSECRET=1").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("static/clip.vtt"))
            .unwrap();
        std::os::unix::fs::symlink("real.vtt", root.join("static/same.vtt")).unwrap();
        std::os::unix::fs::symlink("../../secret", root.join("static/up.vtt")).unwrap();
        assert!(matches!(
            real_path(&root, "static/clip.vtt"),
            Err(Refused::Outside)
        ));
        assert!(matches!(
            real_path(&root, "static/up.vtt"),
            Err(Refused::Outside)
        ));
        assert!(matches!(
            real_path(&root, "static/../../secret"),
            Err(Refused::Outside)
        ));
        let same = real_path(&root, "static/same.vtt").unwrap();
        assert_eq!(same, root.canonicalize().unwrap().join("static/real.vtt"));
        assert!(is_link(&root.join("static/same.vtt")));
        assert!(!is_link(&root.join("static/real.vtt")));
        assert!(matches!(
            real_path(&root, "static/none.vtt"),
            Err(Refused::Unreadable(_))
        ));
    }
}
