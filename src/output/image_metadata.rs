//! Photos published without what their files carry beside the picture: a phone's GPS
//! position, the camera's serial number and owner, the author, comments and editing
//! history (EXIF, XMP, IPTC, PNG text chunks, JPEG comments and thumbnails).
//!
//! The containers are edited, not the pictures: segments and chunks are dropped and the
//! compressed image data is kept byte for byte (img-parts), so nothing is re-encoded. The
//! colour profile stays, and so does the orientation, written back as the one EXIF value
//! kept when it is not the default (the photo would show on its side without it).

use image::metadata::Orientation;
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::Png;
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

/// The image formats cleaned, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.jpg`, `.jpeg`: EXIF, XMP, IPTC, comments and thumbnails removed.
    Jpeg,
    /// `.png`: text chunks, `eXIf` and `tIME` removed.
    Png,
    /// `.webp`: EXIF and XMP chunks removed.
    WebP,
}

impl Format {
    /// The format a file's name says it is in, if it is one cleaned.
    pub fn of(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }
}

impl Format {
    /// Whether `bytes` start as a file of this format does; a file that does not is no
    /// image of it (and holds no image metadata to remove).
    pub fn signed(self, bytes: &[u8]) -> bool {
        match self {
            Format::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Format::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Format::WebP => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        }
    }

    /// The format's name, for a message.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
        }
    }
}

/// What cleaning a file did.
#[derive(Debug, PartialEq, Eq)]
pub enum Cleaned {
    /// It carried nothing to remove.
    Unchanged,
    /// The file without its metadata.
    Removed(Vec<u8>),
}

/// `bytes` without their metadata, or why the file could not be read as `format`.
pub fn clean(bytes: &[u8], format: Format) -> Result<Cleaned, String> {
    let input = Bytes::copy_from_slice(bytes);
    match format {
        Format::Jpeg => clean_jpeg(input),
        Format::Png => clean_png(input),
        Format::WebP => clean_webp(input),
    }
    .map_err(|e| format!("it is not a readable {} ({e})", format.name()))
    .and_then(|cleaned| match cleaned {
        // A photo with only its orientation left comes out as it went in.
        Cleaned::Removed(out) if out == bytes => Ok(Cleaned::Unchanged),
        // The container reader is lenient: what it writes back must read again, or the
        // file was not whole to begin with.
        Cleaned::Removed(out) => match reads_back(&out, format) {
            Ok(()) => Ok(Cleaned::Removed(out)),
            Err(e) => Err(format!("it is not a whole {} ({e})", format.name())),
        },
        Cleaned::Unchanged => Ok(Cleaned::Unchanged),
    })
}

/// Whether `bytes` read again as a container of `format`.
fn reads_back(bytes: &[u8], format: Format) -> Result<(), img_parts::Error> {
    let bytes = Bytes::copy_from_slice(bytes);
    match format {
        Format::Jpeg => Jpeg::from_bytes(bytes).map(drop),
        Format::Png => Png::from_bytes(bytes).map(drop),
        Format::WebP => WebP::from_bytes(bytes).map(drop),
    }
}

/// The orientation an EXIF block (a TIFF structure, with or without `Exif\0\0` before
/// it) gives, unless it is the default.
fn turned(exif: &[u8]) -> Option<Orientation> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    Orientation::from_exif_chunk(tiff).filter(|o| *o != Orientation::NoTransforms)
}

/// An EXIF block (little-endian TIFF) holding only the orientation.
fn orientation_only(orientation: Orientation) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes()); // the first directory, right after
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry:
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation,
    tiff.extend_from_slice(&3u16.to_le_bytes()); // a SHORT,
    tiff.extend_from_slice(&1u32.to_le_bytes()); // one of them,
    tiff.extend_from_slice(&u32::from(orientation.to_exif()).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no further directory
    tiff
}

/// Whether a JPEG segment is part of the picture: everything but APP1 to APP15 and
/// comments, except the colour profile (APP2 `ICC_PROFILE`) and Adobe's colour transform
/// (APP14), which change how it looks; APP0 only as JFIF (a JFXX one is a thumbnail).
fn jpeg_keeps(segment: &JpegSegment) -> bool {
    let contents = segment.contents();
    match segment.marker() {
        markers::APP0 => contents.starts_with(b"JFIF\0"),
        markers::APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        markers::APP14 => contents.starts_with(b"Adobe"),
        markers::COM => false,
        m => !(markers::APP1..=markers::APP15).contains(&m),
    }
}

fn clean_jpeg(bytes: Bytes) -> Result<Cleaned, img_parts::Error> {
    let mut jpeg = Jpeg::from_bytes(bytes)?;
    let orientation = jpeg.exif().as_deref().and_then(turned);
    let before = jpeg.segments().len();
    jpeg.segments_mut().retain(jpeg_keeps);
    if jpeg.segments().len() == before {
        return Ok(Cleaned::Unchanged);
    }
    if let Some(o) = orientation {
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend(orientation_only(o));
        // Right after JFIF's APP0 if there is one, else first: where readers look.
        let at = usize::from(
            jpeg.segments()
                .first()
                .is_some_and(|s| s.marker() == markers::APP0),
        );
        let segment = JpegSegment::new_with_contents(markers::APP1, exif.into());
        jpeg.segments_mut().insert(at, segment);
    }
    Ok(Cleaned::Removed(jpeg.encoder().bytes().to_vec()))
}

/// The PNG chunks that make or colour the picture (and an animation's frames); every
/// other chunk is dropped: text (`tEXt`, `zTXt`, `iTXt`), `eXIf`, `tIME`, private ones.
const PNG_KEPT: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT",
];

fn clean_png(bytes: Bytes) -> Result<Cleaned, img_parts::Error> {
    let mut png = Png::from_bytes(bytes)?;
    let orientation = png
        .chunk_by_type(*b"eXIf")
        .and_then(|c| turned(c.contents()));
    let before = png.chunks().len();
    png.chunks_mut()
        .retain(|c| PNG_KEPT.iter().any(|k| **k == c.kind()));
    if png.chunks().len() == before {
        return Ok(Cleaned::Unchanged);
    }
    if let Some(o) = orientation {
        // eXIf goes before the image data.
        let at = png
            .chunks()
            .iter()
            .position(|c| &c.kind() == b"IDAT")
            .unwrap_or(1);
        let chunk = img_parts::png::PngChunk::new(*b"eXIf", orientation_only(o).into());
        png.chunks_mut().insert(at, chunk);
    }
    Ok(Cleaned::Removed(png.encoder().bytes().to_vec()))
}

/// WebP chunks dropped: EXIF and XMP (and any unknown chunk).
const WEBP_KEPT: &[&[u8; 4]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

/// The VP8X flags that say EXIF and XMP chunks follow.
const VP8X_EXIF: u8 = 0b0000_1000;
const VP8X_XMP: u8 = 0b0000_0100;

fn clean_webp(bytes: Bytes) -> Result<Cleaned, img_parts::Error> {
    let mut webp = WebP::from_bytes(bytes)?;
    let orientation = webp
        .chunk_by_id(*b"EXIF")
        .and_then(|c| c.content().data())
        .and_then(|d| turned(d));
    let before = webp.chunks().len();
    webp.chunks_mut()
        .retain(|c| WEBP_KEPT.iter().any(|k| **k == c.id()));
    if webp.chunks().len() == before {
        return Ok(Cleaned::Unchanged);
    }
    if let Some(o) = orientation {
        let chunk = RiffChunk::new(*b"EXIF", RiffContent::Data(orientation_only(o).into()));
        webp.chunks_mut().push(chunk);
    }
    // The extended header's flags say which optional chunks follow: set them to what
    // is left (img-parts leaves them as they were).
    for chunk in webp.chunks_mut().iter_mut() {
        if chunk.id() != *b"VP8X" {
            continue;
        }
        if let Some(data) = chunk.content().data().filter(|d| !d.is_empty()) {
            let mut data = data.to_vec();
            data[0] &= !(VP8X_EXIF | VP8X_XMP);
            if orientation.is_some() {
                data[0] |= VP8X_EXIF;
            }
            *chunk = RiffChunk::new(*b"VP8X", RiffContent::Data(Bytes::from(data)));
        }
    }
    Ok(Cleaned::Removed(webp.encoder().bytes().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_file_name() {
        assert_eq!(Format::of("a/Photo.JPG"), Some(Format::Jpeg));
        assert_eq!(Format::of("b.webp"), Some(Format::WebP));
        assert_eq!(Format::of("c.gif"), None);
        assert_eq!(Format::of("noext"), None);
    }

    #[test]
    fn the_orientation_block_reads_back() {
        for o in [
            Orientation::Rotate90,
            Orientation::Rotate180,
            Orientation::FlipHorizontal,
        ] {
            assert_eq!(turned(&orientation_only(o)), Some(o));
        }
        assert_eq!(turned(&orientation_only(Orientation::NoTransforms)), None);
    }

    #[test]
    fn what_is_not_an_image_is_an_error_saying_so() {
        let e = clean(b"not a jpeg", Format::Jpeg).unwrap_err();
        assert!(e.starts_with("it is not a readable JPEG"), "{e}");
        let e = clean(&[], Format::Png).unwrap_err();
        assert!(e.starts_with("it is not a readable PNG"), "{e}");
    }
}
