//! A file's contents in memory, as shared pieces that are written out with vectored writes, or a
//! file on disk whose bytes they are (a picture in the image cache), read only when needed.

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// A file's bytes, kept as the pieces it was made from. The page is its shell and its sections'
/// HTML, shared with the render cache rather than copied into one buffer: at 10,000 sections that
/// buffer would be a quarter of the build's memory, and `serve` would copy it after every edit.
#[derive(Debug, Default, Clone)]
pub struct Contents {
    pieces: Vec<Arc<[u8]>>,
    len: usize,
    /// The file on disk that holds these bytes instead of `pieces`.
    file: Option<Arc<Path>>,
}

impl Contents {
    /// The pieces in order; empty ones are dropped.
    pub fn from_pieces(pieces: impl IntoIterator<Item = Arc<[u8]>>) -> Contents {
        let pieces: Vec<Arc<[u8]>> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
        let len = pieces.iter().map(|p| p.len()).sum();
        Contents {
            pieces,
            len,
            file: None,
        }
    }

    /// The bytes of `file`, `len` long, which is not read now: a file that does not change while
    /// the build runs (a made picture in the cache, whose name is its content's hash).
    pub fn in_file(file: &Path, len: usize) -> Contents {
        Contents {
            pieces: Vec::new(),
            len,
            file: Some(Arc::from(file)),
        }
    }

    /// The file these bytes are in, when they are not in memory.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The pieces, in order (none for a file on disk).
    pub fn pieces(&self) -> &[Arc<[u8]>] {
        &self.pieces
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes in one buffer, copied only when the file is in several pieces (and read when it is
    /// on disk; a file that has gone reads as empty).
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if let Some(file) = &self.file {
            return Cow::Owned(std::fs::read(file).unwrap_or_default());
        }
        match self.pieces.as_slice() {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            _ => Cow::Owned(self.pieces.concat()),
        }
    }

    /// Writes the pieces to `out` with as few system calls as the pieces allow.
    pub fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        if let Some(file) = &self.file {
            io::copy(&mut std::fs::File::open(file)?, out)?;
            return Ok(());
        }
        for batch in self.pieces.chunks(512) {
            let mut slices: Vec<io::IoSlice<'_>> =
                batch.iter().map(|p| io::IoSlice::new(p)).collect();
            let mut slices = &mut slices[..];
            while !slices.is_empty() {
                match out.write_vectored(slices) {
                    Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                    Ok(n) => io::IoSlice::advance_slices(&mut slices, n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }
}

/// Two files are equal when their bytes are, however they are cut into pieces.
impl PartialEq for Contents {
    fn eq(&self, other: &Contents) -> bool {
        self.len == other.len
            && ((self.file.is_some() && self.file == other.file) || self.bytes() == other.bytes())
    }
}

impl From<Vec<u8>> for Contents {
    fn from(bytes: Vec<u8>) -> Contents {
        Contents::from_pieces([Arc::from(bytes)])
    }
}

impl From<String> for Contents {
    fn from(text: String) -> Contents {
        Contents::from(text.into_bytes())
    }
}

impl From<&[u8]> for Contents {
    fn from(bytes: &[u8]) -> Contents {
        Contents::from_pieces([Arc::from(bytes)])
    }
}

impl From<&str> for Contents {
    fn from(text: &str) -> Contents {
        Contents::from(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::Contents;
    use std::sync::Arc;

    fn pieces(parts: &[&str]) -> Contents {
        Contents::from_pieces(parts.iter().map(|p| Arc::from(p.as_bytes())))
    }

    #[test]
    fn contents_are_their_bytes_however_they_are_cut() {
        let whole = Contents::from("<main>one two</main>");
        let cut = pieces(&["<main>", "one", "", " two", "</main>"]);
        assert_eq!(cut.len(), whole.len());
        assert_eq!(cut.bytes(), whole.bytes());
        assert!(cut == whole);
        assert!(cut != pieces(&["<main>", "one", " three", "</main>"]));
        assert!(pieces(&[]).is_empty());
    }

    #[test]
    fn contents_are_written_whole_even_in_more_pieces_than_one_call_takes() {
        // More pieces than one vectored write accepts, so the batches and partial writes are used.
        let parts: Vec<String> = (0..5000).map(|i| format!("<p>{i}</p>\n")).collect();
        let contents = Contents::from_pieces(parts.iter().map(|p| Arc::from(p.as_bytes())));
        let mut written = Vec::new();
        contents.write_to(&mut written).unwrap();
        assert_eq!(written, parts.concat().into_bytes());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let mut file = std::fs::File::create(&path).unwrap();
        contents.write_to(&mut file).unwrap();
        drop(file);
        assert_eq!(std::fs::read(&path).unwrap(), parts.concat().into_bytes());
    }

    #[test]
    fn contents_in_a_file_are_read_only_when_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map-3f9c.svg");
        let text = "<svg viewBox=\"0 0 2 1\"><text>بغداد — €</text></svg>";
        std::fs::write(&path, text).unwrap();
        let contents = Contents::in_file(&path, text.len());
        assert_eq!(contents.file(), Some(path.as_path()));
        assert_eq!(contents.len(), text.len());
        assert_eq!(contents.bytes(), text.as_bytes());
        assert!(contents == Contents::from(text));
        let mut written = Vec::new();
        contents.write_to(&mut written).unwrap();
        assert_eq!(written, text.as_bytes());
        std::fs::remove_file(&path).unwrap();
        assert!(
            contents.write_to(&mut Vec::new()).is_err(),
            "a file gone is an error when written"
        );
    }
}
