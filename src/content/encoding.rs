//! A content file must be UTF-8. Word processors and older Windows editors save in UTF-16 or in
//! Windows-1252 ("ANSI"); such a file is an error that says where the first character that is not
//! UTF-8 is (line and column), what it most likely is, and how to save the file as UTF-8 in the
//! editors newsrooms use.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Why a file's bytes are not text explainer reads.
#[derive(Debug)]
pub(super) enum Unread {
    /// Not read at all (a file system error, too large): the message.
    Message(String),
    /// Saved as UTF-16.
    Utf16,
    /// Not UTF-8: the text as far as it can be shown, and the byte offset of the first bad byte.
    NotUtf8 { shown: String, at: usize, byte: u8 },
}

const HOW_TO_SAVE: &str = "save it as UTF-8: in Notepad, File > Save as, Encoding: UTF-8; in VS Code, \
     click the encoding in the status bar, Save with Encoding, UTF-8; in TextEdit, Format > Make Plain \
     Text, then save with Unicode (UTF-8); from Word, Save As Plain Text, Other encoding, Unicode (UTF-8)";

/// The text of `bytes`, or why it is not UTF-8.
pub(super) fn utf8(bytes: &[u8]) -> Result<&str, Unread> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Unread::Utf16);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        Unread::NotUtf8 {
            shown: String::from_utf8_lossy(bytes).into_owned(),
            at,
            byte: bytes[at],
        }
    })
}

impl Unread {
    /// The error for the file at `rel`.
    pub(super) fn diagnostic(self, rel: &Path) -> Diagnostic {
        match self {
            Unread::Message(message) => Diagnostic::error(rel, message),
            Unread::Utf16 => {
                Diagnostic::error(rel, "this file is saved as UTF-16, not UTF-8").hint(HOW_TO_SAVE)
            }
            Unread::NotUtf8 { shown, at, byte } => {
                let likely = windows_1252(byte)
                    .map(|c| format!(", most likely `{c}` saved in Windows-1252 (\"ANSI\")"))
                    .unwrap_or_default();
                // The bad byte shows as one replacement character, `�`, at the same offset.
                let width = '\u{fffd}'.len_utf8();
                Diagnostic::error(
                    rel,
                    format!(
                        "this file is not UTF-8: the byte 0x{byte:02X} here is not text{likely}"
                    ),
                )
                .at(&shown, at..at + width)
                .hint(HOW_TO_SAVE)
            }
        }
    }
}

/// The character a byte stands for in Windows-1252, for the bytes UTF-8 never starts a character
/// with alone and newsroom text holds: punctuation from a word processor, accented letters, `€`.
fn windows_1252(byte: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => Some(HIGH[usize::from(byte - 0x80)]).filter(|c| *c != '\0'),
        0xa0 => Some('\u{a0}'),
        0xa1..=0xff => char::from_u32(u32::from(byte)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1252_file_is_placed_at_its_line_and_column_and_named() {
        let bytes = b"---\ntitle: Biden\x92s deal\n---\n";
        let Err(unread) = utf8(bytes) else {
            panic!("not UTF-8")
        };
        let d = unread.diagnostic(Path::new("content/x.md"));
        let text = d.to_string();
        assert!(text.starts_with("content/x.md:2:13: error: this file is not UTF-8: the byte 0x92 here is not text, most likely `’` saved in Windows-1252"), "{text}");
        assert!(text.contains("Notepad"), "{text}");
    }

    #[test]
    fn utf8_with_arabic_and_a_euro_sign_is_text() {
        assert_eq!(utf8("€ — عربي".as_bytes()).ok(), Some("€ — عربي"));
        assert!(matches!(utf8(&[0xff, 0xfe, 0x41, 0]), Err(Unread::Utf16)));
        assert_eq!(windows_1252(0x81), None);
        assert_eq!(windows_1252(0xe9), Some('é'));
    }
}
