//! A JPEG's metadata taken out without decoding it: the file is read segment by segment up to the
//! start of the picture's data, and the segments that describe the photo rather than draw it —
//! EXIF (with a GPS position, the camera's serial number), XMP, IPTC and Photoshop's records,
//! comments — are left out; the colour profile (ICC), JFIF and Adobe's colour-transform segment,
//! the tables and the picture data are kept byte for byte, so the picture looks the same.

/// The JPEG `bytes` without their metadata, or `None` when they are not a JPEG that can be read
/// up to its picture data (then nothing is changed).
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (&0xFF, &marker) = (bytes.get(at)?, bytes.get(at + 1)?) else {
            return None;
        };
        match marker {
            0x00 | 0xFF => return None,
            // Start of scan: the picture data follows, to the end of the file, copied as it is.
            0xDA => {
                out.extend_from_slice(&bytes[at..]);
                return Some(out);
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&bytes[at..at + 2]);
                at += 2;
                continue;
            }
            0xD9 => {
                out.extend_from_slice(&bytes[at..at + 2]);
                return Some(out);
            }
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if length < 2 {
            return None;
        }
        let end = at.checked_add(2 + length)?;
        let segment = bytes.get(at..end)?;
        if keeps(marker, &segment[4..]) {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

/// Whether a segment with this marker and payload draws the picture (or its colours).
fn keeps(marker: u8, payload: &[u8]) -> bool {
    match marker {
        // APP0: JFIF (pixel density) is kept; a JFXX thumbnail is not.
        0xE0 => payload.starts_with(b"JFIF\0"),
        // APP2: the ICC colour profile is kept; FlashPix and MPF (more pictures, with their own
        // metadata) are not.
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        // APP14: Adobe's colour transform, which decoders need to read the colours right.
        0xEE => payload.starts_with(b"Adobe"),
        // Every other APPn (EXIF and XMP in APP1, IPTC in APP13, makers' own) and comments.
        0xE1..=0xEF | 0xFE => false,
        // Tables, frame headers and everything else that draws the picture.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn exif_xmp_iptc_and_comments_go_and_the_picture_stays() {
        let jfif = segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let exif = segment(0xE1, b"Exif\0\0GPS 33.31N 44.36E");
        let xmp = segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Baghdad</x:xmpmeta>",
        );
        let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01profile");
        let iptc = segment(0xED, b"Photoshop 3.0\0by-line: A. Photographer");
        let comment = segment(0xFE, b"taken at 33.31N");
        let table = segment(0xDB, &[0; 65]);
        let scan = [
            0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x12, 0x34, 0xFF, 0xD9,
        ];
        let mut file = vec![0xFF, 0xD8];
        for part in [&jfif, &exif, &xmp, &icc, &iptc, &comment, &table] {
            file.extend_from_slice(part);
        }
        file.extend_from_slice(&scan);
        let out = without_metadata(&file).unwrap();
        let mut expected = vec![0xFF, 0xD8];
        for part in [&jfif, &icc, &table] {
            expected.extend_from_slice(part);
        }
        expected.extend_from_slice(&scan);
        assert_eq!(out, expected);
        let text = String::from_utf8_lossy(&out);
        for gone in ["GPS", "Baghdad", "Photographer", "33.31N"] {
            assert!(!text.contains(gone), "{gone}");
        }
    }

    #[test]
    fn what_is_not_a_readable_jpeg_is_left_alone() {
        assert_eq!(without_metadata(b"GIF89a"), None);
        assert_eq!(without_metadata(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00]), None);
        assert_eq!(
            without_metadata(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 1]),
            None
        );
        assert_eq!(without_metadata(&[0xFF, 0xD8, 0x12]), None);
    }
}
