//! Reading and writing image files with the `image` crate: the header alone for a size,
//! a guarded full decode for a resize (huge images refused before any pixel is read),
//! EXIF orientation applied, and the result written whole or not at all.

use std::io::{BufWriter, Cursor};
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use super::ops::{Format, Plan};

/// The most pixels an image may have (100 megapixels: a 12,000 × 8,000 camera photo
/// fits; decoding one takes 400 MB). Bigger images are refused before decoding.
pub const MAX_PIXELS: u64 = 100_000_000;

/// What the header of an image says.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Width and height as shown (after EXIF orientation).
    pub size: (u32, u32),
    /// The file's format.
    pub format: ImageFormat,
    /// Whether the format is lossy (a resize to `auto` then writes JPEG, else PNG).
    pub lossy: bool,
    /// The SHA-256 of the file's bytes.
    pub digest: [u8; 32],
}

impl Meta {
    /// Zola's `format` name (`png`, `jpg`, `webp`, `gif`).
    pub fn format_name(&self) -> &'static str {
        self.format.extensions_str().first().copied().unwrap_or("")
    }

    /// The MIME type.
    pub fn mime(&self) -> &'static str {
        self.format.to_mime_type()
    }
}

/// Reads the size and format of the image at `path` from its header.
pub fn read_meta(path: &Path) -> Result<Meta, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let (format, mut decoder) = decoder(&bytes)?;
    let (w, h) = decoder.dimensions();
    let size = match decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms)
    {
        image::metadata::Orientation::Rotate90
        | image::metadata::Orientation::Rotate270
        | image::metadata::Orientation::Rotate90FlipH
        | image::metadata::Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    };
    Ok(Meta {
        size,
        format,
        lossy: !matches!(format, ImageFormat::Png),
        digest: Sha256::digest(&bytes).into(),
    })
}

/// The format and decoder of an image file's bytes.
fn decoder(bytes: &[u8]) -> Result<(ImageFormat, impl ImageDecoder + '_), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let format = reader.format().ok_or(
        "it is not an image safesite can read; save it as a JPEG, PNG, WebP or GIF file"
            .to_string(),
    )?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| undecodable(&e))?;
    Ok((format, decoder))
}

/// Refuses an image of more than [`MAX_PIXELS`].
pub fn refuse_huge((w, h): (u32, u32)) -> Result<(), String> {
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "it is {w} × {h} pixels, more than the {} million safesite resizes; make a smaller copy (4,000 pixels wide is plenty for a web page) and use that",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

fn undecodable(e: &image::ImageError) -> String {
    format!("it could not be decoded ({e}); the file may be truncated or damaged: export it again")
}

/// Whether a JPEG's last scan is followed by its end marker: the decoder fills a cut
/// JPEG with grey rather than fail, so a truncated upload would otherwise be published.
/// (Scan data never holds the marker: a 0xFF in it is followed by 0x00 or a restart.)
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last_scan = bytes
        .windows(2)
        .rposition(|w| w == [0xFF, 0xDA])
        .unwrap_or(0);
    bytes[last_scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Decodes the image at `source`, applies its orientation and `plan`, and writes it to
/// `target` in `format` (through a temporary file, so a half-written image is never
/// left behind).
pub fn make(source: &Path, target: &Path, plan: &Plan, format: Format) -> Result<(), String> {
    let bytes = std::fs::read(source).map_err(|e| format!("cannot read it: {e}"))?;
    let (source_format, mut decoder) = decoder(&bytes)?;
    let (w, h) = decoder.dimensions();
    refuse_huge((w, h))?;
    if source_format == ImageFormat::Jpeg && !jpeg_is_whole(&bytes) {
        return Err(
            "it is cut short (the JPEG has no end marker); the file may be truncated or damaged: export it again".into(),
        );
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| undecodable(&e))?;
    img.apply_orientation(orientation);
    if let Some((x, y, cw, ch)) = plan.crop {
        img = img.crop_imm(x, y, cw, ch);
    }
    if let Some((rw, rh)) = plan.resize {
        img = img.resize_exact(rw, rh, FilterType::Lanczos3);
    }
    let folder = target.parent().ok_or("the cache folder has no parent")?;
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let tmp = tempfile::NamedTempFile::new_in(folder)
        .map_err(|e| format!("cannot write in {}: {e}", folder.display()))?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        encode(&img, format, icc, &mut out).map_err(|e| format!("cannot encode it: {e}"))?;
    }
    tmp.persist(target)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(())
}

fn encode(
    img: &DynamicImage,
    format: Format,
    icc: Option<Vec<u8>>,
    out: &mut impl std::io::Write,
) -> image::ImageResult<()> {
    // The colour profile is kept where the encoder can write one, so colours stay true.
    let with_icc = |encoder: &mut dyn ImageEncoder| {
        if let Some(icc) = icc.clone() {
            let _ = encoder.set_icc_profile(icc);
        }
    };
    match format {
        Format::Jpeg(quality) => {
            let mut encoder = JpegEncoder::new_with_quality(out, quality);
            with_icc(&mut encoder);
            // JPEG has no transparency: flatten to RGB.
            encoder.encode_image(&DynamicImage::ImageRgb8(img.to_rgb8()))
        }
        Format::Png => {
            let mut encoder = PngEncoder::new(out);
            with_icc(&mut encoder);
            img.write_with_encoder(encoder)
        }
        Format::WebP => {
            let mut encoder = WebPEncoder::new_lossless(out);
            with_icc(&mut encoder);
            DynamicImage::ImageRgba8(img.to_rgba8()).write_with_encoder(encoder)
        }
    }
}
