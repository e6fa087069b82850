//! One photo made into the files a `<picture>` offers (explainer's media stage, src/media/): turned upright (its EXIF orientation
//! applied), resized to each width the layout can use, and encoded as WebP (lossy, libwebp) and as
//! JPEG (or PNG when it has transparency) for browsers without WebP. Nothing of the source's
//! metadata is copied: a new file carries no EXIF, so no GPS position leaks. A JPEG published as
//! it is (a file the page only links to) is published [`without_metadata`].

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader};
use rayon::prelude::*;

mod metadata;
mod png_io;

pub use metadata::without_metadata;

/// How every picture is made. Part of the cache key: change a number and every picture is made again.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The widths offered, in pixels: a 320-px phone at 1× up to a wide column at 2× or more. A
    /// source narrower than a width is offered at its own width instead, never enlarged.
    pub widths: &'static [u32],
    pub webp_quality: f32,
    pub jpeg_quality: u8,
}

pub const SETTINGS: Settings = Settings {
    widths: &[320, 480, 640, 960, 1280, 1600],
    webp_quality: 72.0,
    jpeg_quality: 78,
};

impl Settings {
    /// What the settings are, as text for the cache key.
    pub fn fingerprint(&self) -> String {
        format!(
            "picture v1; widths {:?}; webp {}; jpeg {}",
            self.widths, self.webp_quality, self.jpeg_quality
        )
    }

    /// The widths to make from a source `width` pixels wide, smallest first.
    pub fn widths_for(&self, width: u32) -> Vec<u32> {
        let mut widths: Vec<u32> = self.widths.iter().copied().filter(|&w| w < width).collect();
        if widths.len() < self.widths.len() {
            widths.push(width);
        }
        widths
    }
}

/// The fallback format: JPEG for photos, PNG for pictures with transparency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Fallback {
    Jpeg,
    Png,
}

impl Fallback {
    pub fn extension(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Fallback::Jpeg => "image/jpeg",
            Fallback::Png => "image/png",
        }
    }
}

/// One width of a picture, in both formats.
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub fallback: Vec<u8>,
}

/// A photo made into every width: the upright size of the source, and each width's files.
pub struct Made {
    pub width: u32,
    pub height: u32,
    pub fallback: Fallback,
    pub sizes: Vec<Encoded>,
}

/// Why a file could not be made into a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a JPEG, PNG or WebP file at all.
    NotAPicture,
    /// A picture file that cannot be decoded, with what the decoder said.
    Damaged(String),
}

/// Decodes `bytes` (JPEG, PNG or WebP), turns it upright and makes every width of it.
pub fn make(bytes: &[u8], settings: &Settings) -> Result<Made, Unreadable> {
    let image = if png_io::is_png(bytes) {
        png_io::decode(bytes)?
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        decode_webp(bytes)?
    } else {
        let damaged = |e: image::ImageError| Unreadable::Damaged(e.to_string());
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| Unreadable::Damaged(e.to_string()))?;
        if reader.format().is_none() {
            return Err(Unreadable::NotAPicture);
        }
        let mut decoder = reader.into_decoder().map_err(damaged)?;
        let orientation = decoder.orientation().map_err(damaged)?;
        let mut image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
        image.apply_orientation(orientation);
        image
    };

    let fallback = if image.color().has_alpha() {
        Fallback::Png
    } else {
        Fallback::Jpeg
    };
    let image = match fallback {
        Fallback::Png => DynamicImage::ImageRgba8(image.into_rgba8()),
        Fallback::Jpeg => DynamicImage::ImageRgb8(image.into_rgb8()),
    };
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err(Unreadable::Damaged("no pixels".to_string()));
    }
    let widths = settings.widths_for(width);
    let height_at = |w: u32| {
        ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
    };
    // The widest size is made from the source, the others from it: a camera's 12 megapixels are
    // filtered once, and each smaller size from a picture a sixth of that.
    let widest = widths.last().copied().unwrap_or(width);
    let base = if widest == width {
        image
    } else {
        image.resize_exact(widest, height_at(widest), FilterType::Lanczos3)
    };
    let sizes = widths
        .into_par_iter()
        .map(|w| {
            let h = height_at(w);
            let resized = if w == widest {
                base.as_bytes().to_vec()
            } else {
                base.resize_exact(w, h, FilterType::Lanczos3).into_bytes()
            };
            encode(&resized, w, h, fallback, settings)
        })
        .collect::<Result<Vec<Encoded>, Unreadable>>()?;
    Ok(Made {
        width,
        height,
        fallback,
        sizes,
    })
}

/// A WebP file's pixels, decoded by libwebp (which explainer has for encoding anyway).
fn decode_webp(bytes: &[u8]) -> Result<DynamicImage, Unreadable> {
    let decoded = webp::Decoder::new(bytes)
        .decode()
        .ok_or_else(|| Unreadable::Damaged("libwebp could not decode it".to_string()))?;
    let (w, h) = (decoded.width(), decoded.height());
    let pixels = decoded.to_vec();
    let wrong = || Unreadable::Damaged("the pixels do not fill the picture".to_string());
    Ok(if decoded.is_alpha() {
        DynamicImage::ImageRgba8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
    } else {
        DynamicImage::ImageRgb8(image::ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
    })
}

fn encode(
    pixels: &[u8],
    width: u32,
    height: u32,
    fallback: Fallback,
    settings: &Settings,
) -> Result<Encoded, Unreadable> {
    let failed = |e: image::ImageError| Unreadable::Damaged(e.to_string());
    let mut out = Vec::new();
    let webp = match fallback {
        Fallback::Jpeg => {
            JpegEncoder::new_with_quality(&mut out, settings.jpeg_quality)
                .write_image(pixels, width, height, ExtendedColorType::Rgb8)
                .map_err(failed)?;
            webp::Encoder::from_rgb(pixels, width, height).encode(settings.webp_quality)
        }
        Fallback::Png => {
            out = png_io::encode_rgba(pixels, width, height)?;
            webp::Encoder::from_rgba(pixels, width, height).encode(settings.webp_quality)
        }
    };
    Ok(Encoded {
        width,
        height,
        webp: webp.to_vec(),
        fallback: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_never_enlarged() {
        assert_eq!(
            SETTINGS.widths_for(4000),
            vec![320, 480, 640, 960, 1280, 1600]
        );
        assert_eq!(SETTINGS.widths_for(700), vec![320, 480, 640, 700]);
        assert_eq!(SETTINGS.widths_for(200), vec![200]);
        assert_eq!(
            SETTINGS.widths_for(1600),
            vec![320, 480, 640, 960, 1280, 1600]
        );
    }

    #[test]
    fn a_webp_photo_is_read() {
        let pixels: Vec<u8> = (0..700 * 400)
            .flat_map(|i| [(i % 700) as u8, 90, 160])
            .collect();
        let source = webp::Encoder::from_rgb(&pixels, 700, 400).encode(90.0);
        let made = make(&source, &SETTINGS).unwrap();
        assert_eq!(made.fallback, Fallback::Jpeg);
        assert_eq!((made.width, made.height), (700, 400));
        let widths: Vec<(u32, u32)> = made.sizes.iter().map(|s| (s.width, s.height)).collect();
        assert_eq!(widths, vec![(320, 183), (480, 274), (640, 366), (700, 400)]);
    }

    #[test]
    fn a_png_with_transparency_keeps_it() {
        let pixels: Vec<u8> = (0..40 * 30)
            .flat_map(|i| [200, 40, 20, (i % 256) as u8])
            .collect();
        let png = png_io::encode_rgba(&pixels, 40, 30).unwrap();
        let made = make(&png, &SETTINGS).unwrap();
        assert_eq!(made.fallback, Fallback::Png);
        assert_eq!((made.width, made.height), (40, 30));
        assert_eq!(made.sizes.len(), 1);
        assert!(made.sizes[0].webp.starts_with(b"RIFF"));
        assert!(made.sizes[0].fallback.starts_with(b"\x89PNG"));
    }
}
