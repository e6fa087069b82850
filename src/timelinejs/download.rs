//! `--download-media`: each picture, video or sound a sheet links to is fetched once into
//! `static/media/`, named after its event, and the event uses the file instead of the link, so the
//! published page asks nothing of another site. The download is curl's, the HTTP client every
//! system explainer runs on has (Linux, macOS, and Windows since 10), with its progress bar.
//! A file already there is not fetched again; a link to a page or a player (YouTube, a gallery) is
//! not a file, and is left as a link.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostics::Diagnostic;

use super::row::Entry;
use super::{Column, Layout, Sheet};

/// The folder of `static/` the files go into, and the path the page uses for them.
pub const MEDIA_DIR: &str = "media";

/// The extensions of files explainer downloads.
const FILES: [&str; 11] = [
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "mp4", "webm", "mp3", "m4a",
];

/// The extension of a web address's file, when it names a file explainer downloads.
fn file_extension(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let (_, name) = path.rsplit_once('/')?;
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    FILES.contains(&ext.as_str()).then_some(ext)
}

/// Downloads the media of `events` (named as their files will be), replacing each link with the
/// file's path. Problems are warnings at the row's Media cell: the link stays.
pub fn download(
    root: &Path,
    sheet: &Sheet,
    layout: &Layout,
    events: &mut [(String, &mut Entry)],
    out: &mut Vec<Diagnostic>,
) {
    let wanted: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, (_, e))| e.media.as_ref().is_some_and(|m| is_remote(&m.src)))
        .map(|(i, _)| i)
        .collect();
    let dir = root.join("static").join(MEDIA_DIR);
    let mut fetched: HashMap<String, String> = HashMap::new();
    for (n, &i) in wanted.iter().enumerate() {
        let (name, entry) = &mut events[i];
        let Some(media) = entry.media.as_mut() else {
            continue;
        };
        let url = media.src.clone();
        let warn = |message: String| {
            let row = sheet.rows.iter().find(|r| r.number == entry.row);
            let index = layout.index(Column::Media);
            match (row, index) {
                (Some(row), Some(index)) => sheet.problem(row, index, &message).as_warning(),
                _ => Diagnostic::warning(&sheet.path, message),
            }
        };
        let Some(ext) = file_extension(&url) else {
            out.push(warn(
                "this link is to a page, not to a file of a picture, video or sound: it stays a link".into(),
            ).hint("save the file itself into static/ and write its path in the event's `media: src:`"));
            continue;
        };
        let file = fetched
            .get(&url)
            .cloned()
            .unwrap_or_else(|| format!("{name}.{ext}"));
        let target = dir.join(&file);
        if !target.exists() {
            println!("Downloading {}/{}: {url}", n + 1, wanted.len());
            if let Err(message) = fetch(&url, &target) {
                out.push(warn(format!("could not download it: {message}")).hint(
                    "check the address in a browser; or save the file into static/ and write its path in `media: src:`",
                ));
                continue;
            }
        }
        fetched.insert(url, file.clone());
        media.src = format!("{MEDIA_DIR}/{file}");
    }
}

fn is_remote(src: &str) -> bool {
    crate::url::is_web_address(&src.to_ascii_lowercase())
}

/// Fetches `url` into `target` with curl, through a partial file renamed when complete.
fn fetch(url: &str, target: &Path) -> Result<(), String> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let partial = target.with_extension("part");
    let progress = if std::io::stderr().is_terminal() {
        "--progress-bar"
    } else {
        "--silent"
    };
    let run = Command::new("curl")
        .args([
            "--fail",
            "--location",
            "--show-error",
            "--max-time",
            "300",
            progress,
            "--output",
        ])
        .arg(&partial)
        .arg(url)
        .stdout(Stdio::null())
        .stderr(if progress == "--silent" {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .output();
    let output = match run {
        Ok(output) => output,
        Err(e) => {
            return Err(format!(
                "curl, which downloads the files, could not run ({e}); install it, or download the files yourself"
            ));
        }
    };
    if !output.status.success() {
        let _ = std::fs::remove_file(&partial);
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim().trim_start_matches("curl: ");
        return Err(if said.is_empty() {
            format!("curl stopped with {}", output.status)
        } else {
            said.to_string()
        });
    }
    std::fs::rename(&partial, target).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_of_files_are_downloaded() {
        assert_eq!(
            file_extension("https://e.org/a/photo.JPG?w=2"),
            Some("jpg".into())
        );
        assert_eq!(
            file_extension("https://e.org/clip.mp4#t=3"),
            Some("mp4".into())
        );
        assert_eq!(file_extension("https://www.youtube.com/watch?v=abc"), None);
        assert_eq!(file_extension("https://e.org/gallery/"), None);
        assert_eq!(file_extension("https://e.org/page.html"), None);
    }
}
