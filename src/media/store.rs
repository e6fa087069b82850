//! Made pictures kept on disk between builds, in `.explainer-cache/images/` under the explainer's
//! folder (as zola keeps `processed_images` and Hugo `resources/_gen`): one folder per picture,
//! named by a hash of the source's bytes and the [`Settings`], holding every width in both formats
//! and a `picture.json` written last, so that a folder without it is never read. An index of each
//! source's size and modification time to its hash spares reading and hashing an unchanged photo.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use explainer_pictures::{Fallback, Made, Settings};

use crate::output::Contents;

/// Where the cache lives, relative to the explainer's folder.
pub const CACHE_DIR: &str = ".explainer-cache/images";
const INDEX_FILE: &str = "index.json";
const PICTURE_FILE: &str = "picture.json";

/// A made picture as the cache describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    pub width: u32,
    pub height: u32,
    pub fallback: Fallback,
    /// Each width made, with its height, smallest first.
    pub sizes: Vec<(u32, u32)>,
}

/// A made picture's files: each width's WebP and fallback, in the cache on disk (read only when
/// written, or linked) or, when they could not be kept there, in memory.
#[derive(Debug, Clone)]
pub struct Files {
    pub description: Description,
    pub webp: Vec<Contents>,
    pub fallback: Vec<Contents>,
}

/// What the index knows of a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    len: u64,
    modified_ns: u128,
    key: String,
}

/// A source file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = fs::metadata(path)?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Ok(Stamp {
            len: meta.len(),
            modified_ns,
        })
    }
}

/// The cache folder of one explainer.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    index: BTreeMap<String, Seen>,
    index_changed: bool,
    /// The cache folder (or the one above it), relative to the root, when it is a symbolic link:
    /// then nothing is read from it or written to it.
    linked: Option<&'static str>,
    /// Whether made pictures are kept on disk (`check` keeps nothing: it writes no file).
    pub(super) keep: bool,
}

impl Store {
    pub fn open(root: &Path) -> Store {
        let dir = root.join(CACHE_DIR);
        let parent = CACHE_DIR.split('/').next().unwrap_or(CACHE_DIR);
        let linked = [parent, CACHE_DIR]
            .into_iter()
            .find(|rel| crate::inside::is_link(&root.join(rel)));
        let index = fs::read(dir.join(INDEX_FILE))
            .ok()
            .filter(|_| linked.is_none() && is_plain_file(&dir.join(INDEX_FILE)))
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Store {
            dir,
            index,
            index_changed: false,
            linked,
            keep: true,
        }
    }

    /// The cache folder, relative to the root, when it is a link to somewhere else and so not used.
    pub fn linked(&self) -> Option<&'static str> {
        self.linked
    }

    /// The key recorded for the source `rel` when it was last seen with this size and time.
    pub fn known(&self, rel: &str, stamp: Stamp) -> Option<String> {
        self.index
            .get(rel)
            .filter(|seen| {
                stamp.modified_ns != 0
                    && (seen.len, seen.modified_ns) == (stamp.len, stamp.modified_ns)
            })
            .map(|seen| seen.key.clone())
    }

    /// Records that the source `rel`, with this size and time, has the key `key`.
    pub fn remember(&mut self, rel: &str, stamp: Stamp, key: &str) {
        let seen = Seen {
            len: stamp.len,
            modified_ns: stamp.modified_ns,
            key: key.to_string(),
        };
        if self.index.get(rel) != Some(&seen) {
            self.index.insert(rel.to_string(), seen);
            self.index_changed = true;
        }
    }

    /// The made picture kept under `key`, if it is all there.
    /// Only plain files are taken: a link in the cache (to a file anywhere on the machine) is
    /// never published, and the picture is made again.
    pub fn load(&self, key: &str) -> Option<Files> {
        if self.linked.is_some() {
            return None;
        }
        let folder = self.dir.join(key);
        let description_file = folder.join(PICTURE_FILE);
        if crate::inside::is_link(&folder) || !is_plain_file(&description_file) {
            return None;
        }
        let description: Description =
            serde_json::from_slice(&fs::read(description_file).ok()?).ok()?;
        let ext = description.fallback.extension();
        let found = |name: String| {
            let path = folder.join(name);
            let meta = fs::symlink_metadata(&path).ok()?;
            if !meta.file_type().is_file() {
                return None;
            }
            Some(Contents::in_file(&path, usize::try_from(meta.len()).ok()?))
        };
        let mut webp = Vec::new();
        let mut fallback = Vec::new();
        for (w, _) in &description.sizes {
            webp.push(found(format!("{w}.webp"))?);
            fallback.push(found(format!("{w}.{ext}"))?);
        }
        Some(Files {
            description,
            webp,
            fallback,
        })
    }

    /// Keeps `made` under `key`; a picture that cannot be kept is still used in this build.
    pub fn save(&self, key: &str, made: Made) -> Files {
        let description = Description {
            width: made.width,
            height: made.height,
            fallback: made.fallback,
            sizes: made.sizes.iter().map(|s| (s.width, s.height)).collect(),
        };
        let ext = made.fallback.extension();
        let folder = self.dir.join(key);
        if self.keep && crate::inside::is_link(&folder) {
            let _ = fs::remove_file(&folder);
        }
        let written = self.keep
            && self.linked.is_none()
            && fs::create_dir_all(&folder).is_ok()
            && made.sizes.iter().all(|s| {
                write_new(&folder.join(format!("{}.webp", s.width)), &s.webp)
                    && write_new(&folder.join(format!("{}.{ext}", s.width)), &s.fallback)
            });
        if written
            && let Ok(json) = serde_json::to_vec_pretty(&description)
            && write_new(&folder.join(PICTURE_FILE), &json)
            && let Some(kept) = self.load(key)
        {
            return kept;
        }
        let (webp, fallback) = made
            .sizes
            .into_iter()
            .map(|s| (Contents::from(s.webp), Contents::from(s.fallback)))
            .unzip();
        Files {
            description,
            webp,
            fallback,
        }
    }

    /// Writes the index if a source was hashed anew.
    pub fn save_index(&mut self) {
        if !self.index_changed {
            return;
        }
        if self.keep
            && self.linked.is_none()
            && fs::create_dir_all(&self.dir).is_ok()
            && let Ok(json) = serde_json::to_vec_pretty(&self.index)
        {
            write_new(&self.dir.join(INDEX_FILE), &json);
        }
        self.index_changed = false;
    }
}

/// Whether `path` is a file itself, not a link to one.
fn is_plain_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Writes `bytes` to a new file at `path`, taking away what was there first: a link planted in
/// the cache is replaced, never written through.
fn write_new(path: &Path, bytes: &[u8]) -> bool {
    let _ = fs::remove_file(path);
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, bytes))
        .is_ok()
}

/// The key of a source: its bytes and the settings it is made with, hashed.
pub fn key_of(bytes: &[u8], settings: &Settings) -> String {
    let mut hash = Sha256::new();
    hash.update(settings.fingerprint().as_bytes());
    hash.update([0]);
    hash.update(bytes);
    hash.finalize()
        .iter()
        .take(10)
        .map(|b| format!("{b:02x}"))
        .collect()
}
