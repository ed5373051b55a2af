//! Turning an uploaded file into the JPEGs we serve, or refusing it.
//!
//! The format is read from the bytes, never from the file's name or declared type, and only
//! JPEG, PNG and WebP are decoded. The dimensions are read from the header and checked before
//! any pixel is decoded, so a file of a few KB that claims 20,000 × 20,000 pixels costs nothing;
//! the decoder runs under `image::Limits` all the same. What is stored is our own re-encoding,
//! never the file: EXIF (GPS, camera serial numbers) and anything hidden after or inside the
//! image (a polyglot's other half) are gone with it.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// The largest file taken, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most pixels a picture may have (a 40-megapixel camera's).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The widths served; a narrower picture is never scaled up, so it has fewer.
pub const WIDTHS: [u32; 3] = [400, 800, 1600];
/// Good enough for a photograph on a page, a third of the size of quality 95.
const QUALITY: u8 = 82;

/// One decode at a time in each process: a 40-megapixel picture takes some hundred MB while it
/// is decoded, and two hosts uploading at once should wait rather than double that.
static DECODES: Semaphore = Semaphore::const_new(1);

/// Why a file was refused; each has its own message by the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Nothing was chosen.
    Missing,
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// Not a JPEG, PNG or WebP, whatever its name says (an SVG, a PDF, a text file).
    NotAPicture,
    /// More than [`MAX_PIXELS`], or wider or higher than any picture needs.
    TooManyPixels,
    /// It starts like one of the three but does not decode: truncated, or damaged.
    Broken,
}

impl Refused {
    /// The message key.
    pub fn key(self) -> &'static str {
        match self {
            Refused::Missing => "picture-error-missing",
            Refused::TooLarge => "picture-error-too-large",
            Refused::NotAPicture => "picture-error-format",
            Refused::TooManyPixels => "picture-error-pixels",
            Refused::Broken => "picture-error-broken",
        }
    }
}

/// One re-encoded width.
#[derive(Clone, Debug)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// A picture ready to store: the content hash its URLs carry, and its widths, narrowest first.
#[derive(Clone, Debug)]
pub struct Processed {
    pub hash: String,
    pub files: Vec<Encoded>,
}

/// [`process`] on the blocking pool, one at a time. A decoder that panics on a hostile file
/// refuses that file and nothing more.
pub async fn process_queued(bytes: Vec<u8>) -> Result<Processed, Refused> {
    let _permit = DECODES.acquire().await.map_err(|_| Refused::Broken)?;
    match tokio::task::spawn_blocking(move || process(&bytes)).await {
        Ok(result) => result,
        Err(e) => {
            tracing::warn!(error = %e, "decoding an uploaded picture failed");
            Err(Refused::Broken)
        }
    }
}

/// Checks, decodes and re-encodes `bytes`.
pub fn process(bytes: &[u8]) -> Result<Processed, Refused> {
    if bytes.is_empty() {
        return Err(Refused::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refused::TooLarge);
    }
    let format = sniff(bytes).ok_or(Refused::NotAPicture)?;
    if !ends_where_it_says(format, bytes) {
        return Err(Refused::Broken);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let mut limits = Limits::default();
    // Each side at most what 40 megapixels allow in a 10:1 panorama; the product is checked
    // below, from the header, before decoding.
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    // The decoded picture at 16 bits per channel with alpha, and room for the decoder's own.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(Refused::Broken);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refused::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(|_| Refused::Broken)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    // A phone stores "turn this" beside the pixels; the EXIF goes, so the turn is done here.
    picture.apply_orientation(orientation);
    let rgb = flatten(picture);
    let hash = hex::encode(&Sha256::digest(bytes)[..16]);
    Ok(Processed {
        hash,
        files: encode_widths(&rgb)?,
    })
}

/// The format the bytes are in, if it is one of the three.
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Some(f),
        _ => None,
    }
}

/// A decoder's error as the person is told it: over the limits, or not a picture that opens.
fn refusal(e: image::ImageError) -> Refused {
    match e {
        image::ImageError::Limits(_) => Refused::TooManyPixels,
        _ => Refused::Broken,
    }
}

/// Whether the file ends where the picture does. A truncated file does not (and the JPEG
/// decoder would fill it with grey rather than fail); nor does a polyglot that carries a ZIP
/// or a web page after the picture. A JPEG ends with its end-of-image marker (cameras may pad
/// with zeros after it), a PNG with its IEND chunk, a WebP where its RIFF header says.
fn ends_where_it_says(format: ImageFormat, bytes: &[u8]) -> bool {
    match format {
        ImageFormat::Jpeg => {
            let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            bytes[..end].ends_with(&[0xFF, 0xD9])
        }
        ImageFormat::Png => {
            bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        ImageFormat::WebP => bytes
            .get(4..8)
            .map(|size| u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize + 8)
            // The RIFF size leaves out the pad byte of an odd-sized last chunk.
            .is_some_and(|size| bytes.len() == size || bytes.len() == size + 1),
        _ => false,
    }
}

/// Transparent parts are shown on white, as on the page; JPEG has no alpha.
fn flatten(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = px.0;
        let a = u16::from(a);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        out.0 = [blend(r), blend(g), blend(b)];
    }
    rgb
}

/// The picture at each of [`WIDTHS`] not wider than itself (its own width if narrower than
/// all), each made from the next larger one: far quicker from 40 megapixels than three
/// resizes of the original, and no worse to look at.
fn encode_widths(rgb: &RgbImage) -> Result<Vec<Encoded>, Refused> {
    let own = rgb.width();
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= own).collect();
    if widths.is_empty() {
        widths.push(own);
    }
    let mut files = Vec::new();
    let mut source = rgb.clone();
    for &width in widths.iter().rev() {
        let height = ((u64::from(rgb.height()) * u64::from(width) + u64::from(own) / 2)
            / u64::from(own))
        .max(1) as u32;
        if width != source.width() {
            source = image::imageops::resize(&source, width, height, FilterType::Triangle);
        }
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
            .encode_image(&source)
            .map_err(|_| Refused::Broken)?;
        files.push(Encoded {
            width,
            height,
            jpeg,
        });
    }
    files.reverse();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgba};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = ImageBuffer::from_pixel(width, height, Rgba([10u8, 120, 200, 128]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_picture_is_served_at_the_widths_it_has_and_never_scaled_up() {
        let p = process(&png(1000, 500)).unwrap();
        let sizes: Vec<_> = p.files.iter().map(|f| (f.width, f.height)).collect();
        assert_eq!(sizes, [(400, 200), (800, 400)]);
        assert_eq!(p.hash.len(), 32);
        assert!(p.files.iter().all(|f| f.jpeg.starts_with(&[0xFF, 0xD8])));
        let small = process(&png(300, 301)).unwrap();
        let sizes: Vec<_> = small.files.iter().map(|f| (f.width, f.height)).collect();
        assert_eq!(sizes, [(300, 301)]);
    }

    #[test]
    fn only_the_three_formats_are_taken_whatever_they_claim() {
        assert_eq!(process(b"").unwrap_err(), Refused::Missing);
        assert_eq!(
            process(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap_err(),
            Refused::NotAPicture
        );
        let mut gif = b"GIF89a".to_vec();
        gif.extend([0; 20]);
        assert_eq!(process(&gif).unwrap_err(), Refused::NotAPicture);
        let whole = png(64, 64);
        assert_eq!(
            process(&whole[..whole.len() / 2]).unwrap_err(),
            Refused::Broken
        );
        let mut polyglot = whole.clone();
        polyglot.extend(b"PK\x03\x04<html></html>");
        assert_eq!(process(&polyglot).unwrap_err(), Refused::Broken);
        let jpeg = ImageFormat::Jpeg;
        assert!(ends_where_it_says(jpeg, &[0xFF, 0xD8, 0xFF, 0xD9, 0, 0]));
        assert!(!ends_where_it_says(jpeg, &[0xFF, 0xD8, 0xFF, 0xDA, 1, 2]));
    }

    #[test]
    fn transparency_is_shown_on_white() {
        let rgb = flatten(DynamicImage::ImageRgba8(ImageBuffer::from_pixel(
            1,
            1,
            Rgba([0, 0, 0, 0]),
        )));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
    }
}
