//! PNG in and out by the `png` crate (the one explainer draws its social card with), so that
//! `image` is built without its own, older PNG codec.

use std::io::Cursor;

use image::{DynamicImage, ImageBuffer};
use png::{BitDepth, ColorType, Decoder, Encoder, Transformations};

use super::Unreadable;

/// Whether `bytes` start as a PNG file does.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// A PNG's pixels, at 8 bits a channel (a palette expanded, 16 bits cut to 8).
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, Unreadable> {
    let damaged = |e: png::DecodingError| Unreadable::Damaged(e.to_string());
    let mut decoder = Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| Unreadable::Damaged("too large".to_string()))?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(damaged)?;
    pixels.truncate(frame.buffer_size());
    let (w, h) = (frame.width, frame.height);
    let wrong = || Unreadable::Damaged("the pixels do not fill the picture".to_string());
    Ok(match frame.color_type {
        ColorType::Rgb => {
            DynamicImage::ImageRgb8(ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
        }
        ColorType::Rgba => {
            DynamicImage::ImageRgba8(ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
        }
        ColorType::Grayscale => {
            DynamicImage::ImageLuma8(ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
        }
        ColorType::GrayscaleAlpha => {
            DynamicImage::ImageLumaA8(ImageBuffer::from_raw(w, h, pixels).ok_or_else(wrong)?)
        }
        ColorType::Indexed => return Err(Unreadable::Damaged("an unexpanded palette".to_string())),
    })
}

/// RGBA pixels as a PNG file.
pub fn encode_rgba(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, Unreadable> {
    let failed = |e: png::EncodingError| Unreadable::Damaged(e.to_string());
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, width, height);
    encoder.set_color(ColorType::Rgba);
    encoder.set_depth(BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}
