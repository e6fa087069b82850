//! Photos for the tests, made the way cameras and newsrooms make them: shared by the test suite
//! and the browser tests (each includes this file).

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

/// A TIFF block of EXIF tags: orientation 6 (the camera was turned: the picture must be turned a
/// quarter clockwise to stand upright) and a GPS position (33.3° N, 44.4° E, Baghdad).
fn exif_turned_with_gps() -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: two entries, then the offset of the next IFD (none).
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, 6); // Orientation: SHORT 6
    entry(&mut t, 0x8825, 4, 1, gps_ifd); // GPSInfo: the GPS IFD's offset
    t.extend(0u32.to_le_bytes());
    // The GPS IFD: four entries; the rationals follow it.
    let rationals = gps_ifd + 2 + 4 * 12 + 4;
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")); // GPSLatitudeRef
    entry(&mut t, 0x0002, 5, 3, rationals); // GPSLatitude
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"E\0\0\0")); // GPSLongitudeRef
    entry(&mut t, 0x0004, 5, 3, rationals + 24); // GPSLongitude
    t.extend(0u32.to_le_bytes());
    for (num, den) in [(33, 1), (18, 1), (0, 1), (44, 1), (24, 1), (0, 1)] {
        t.extend((num as u32).to_le_bytes());
        t.extend((den as u32).to_le_bytes());
    }
    t
}

/// A 4000×3000 photo-like JPEG (smooth light, a horizon, some texture) with [`exif_turned_with_gps`].
pub fn newsroom_photo(shade: u8) -> Vec<u8> {
    let (w, h) = (4000u32, 3000u32);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let sky = y < h / 2;
            let grain = ((x * 7 + y * 13) % 17) as u8;
            let (r, g, b): (u8, u8, u8) = if sky {
                (
                    120 + (y / 20) as u8 / 2,
                    160,
                    210u8.saturating_sub((x / 40) as u8),
                )
            } else {
                (180u8.saturating_sub((y / 40) as u8), 150, 100)
            };
            pixels.extend([r.wrapping_add(grain) ^ shade, g.wrapping_add(grain / 2), b]);
        }
    }
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(&pixels, w, h, ExtendedColorType::Rgb8)
        .unwrap();
    with_exif(&jpeg, &exif_turned_with_gps())
}

/// `jpeg` with an APP1 segment of EXIF `tiff` right after its start-of-image marker, where cameras
/// put it.
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "a JPEG starts with SOI");
    let body: Vec<u8> = b"Exif\0\0".iter().chain(tiff).copied().collect();
    let length = u16::try_from(body.len() + 2).unwrap();
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(length.to_be_bytes());
    out.extend(body);
    out.extend(&jpeg[2..]);
    out
}

/// A small photo, `w`×`h`, as a camera writes it (no EXIF needed here).
pub fn small_photo(w: u32, h: u32) -> Vec<u8> {
    let pixels: Vec<u8> = (0..w * h)
        .flat_map(|i| [(i % w) as u8, (i / w) as u8, 120])
        .collect();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(&pixels, w, h, ExtendedColorType::Rgb8)
        .unwrap();
    out
}
