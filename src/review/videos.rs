//! Videos that record where they were filmed. A phone writes the place into the file (QuickTime's
//! `©xyz` atom, or Apple's `com.apple.quicktime.location.ISO6709` key), and explainer publishes a
//! video as it is, never re-encoding it: `check` names each such file so the desk can take the place
//! out before it is published.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The names a video's location is stored under.
const LOCATION_MARKS: [&[u8]; 2] = [b"\xA9xyz", b"com.apple.quicktime.location"];

/// Warns about every video in `content/` and `static/` that holds a location.
pub(super) fn check_video_locations(root: &Path, out: &mut Diagnostics) {
    for folder in ["content", "static"] {
        for entry in walkdir::WalkDir::new(root.join(folder))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            let video = [".mp4", ".m4v", ".mov"]
                .iter()
                .any(|ext| name.ends_with(ext));
            if video && holds_location(entry.path()) {
                let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
                out.push(
                    Diagnostic::warning(
                        shown,
                        "this video records where it was filmed (its location), which is published with it",
                    )
                    .hint("export it again without its metadata; with ffmpeg: ffmpeg -i clip.mp4 -map_metadata -1 -c copy clip-clean.mp4"),
                );
            }
        }
    }
}

/// Whether the file at `path` holds one of [`LOCATION_MARKS`], read a megabyte at a time.
fn holds_location(path: &Path) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let longest = LOCATION_MARKS.iter().map(|m| m.len()).max().unwrap_or(0);
    let mut buffer = vec![0; 1 << 20];
    let mut carried = 0;
    loop {
        let Ok(read) = file.read(&mut buffer[carried..]) else {
            return false;
        };
        if read == 0 {
            return false;
        }
        let filled = carried + read;
        let window = &buffer[..filled];
        if LOCATION_MARKS
            .iter()
            .any(|mark| window.windows(mark.len()).any(|w| w == *mark))
        {
            return true;
        }
        // Keep the end, in case a mark is cut between two reads.
        carried = longest.min(filled);
        buffer.copy_within(filled - carried..filled, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_found_wherever_it_is_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let with = dir.path().join("with.mp4");
        let mut bytes = vec![0u8; (1 << 20) - 2];
        bytes.extend_from_slice(b"\xA9xyz+33.3128+044.3615/");
        std::fs::write(&with, &bytes).unwrap();
        assert!(holds_location(&with));
        let without = dir.path().join("without.mp4");
        std::fs::write(&without, vec![7u8; 3 << 20]).unwrap();
        assert!(!holds_location(&without));
    }
}
