//! Publishing safely: photos lose what their files carry beside the picture (a phone's
//! GPS position, the author, comments) on the way out, losslessly, keeping the colour
//! profile and the orientation; a file kept on purpose keeps it; an image that cannot be
//! read is not published. The files are made here, with the metadata a phone or an
//! editor writes.

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, RgbImage};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF, ImageICC};

use crate::common;

/// An EXIF block (TIFF, little-endian) with an orientation, an artist and a GPS position.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    // IFD0 at 8: three entries (12 bytes each) + count + next = 42 bytes, so data at 50.
    t.extend(3u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation)); // Orientation
    entry(&mut t, 0x013B, 2, 11, 50); // Artist, at 50
    entry(&mut t, 0x8825, 4, 1, 61); // the GPS directory, at 61
    t.extend(0u32.to_le_bytes());
    t.extend(b"Jane Smith\0"); // 50..61
    // GPS IFD at 61: latitude ref "N".
    t.extend(1u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    t.extend(0u32.to_le_bytes());
    t
}

const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>Jane Smith</dc:creator><exif:GPSLatitude>52,30N</exif:GPSLatitude></x:xmpmeta>";

/// A small photo, its pixels varied so a re-encode would show.
fn picture() -> RgbImage {
    RgbImage::from_fn(16, 8, |x, y| {
        image::Rgb([(x * 15) as u8, (y * 30) as u8, 128])
    })
}

fn encoded(format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture())
        .write_to(&mut out, format)
        .expect("encode");
    out.into_inner()
}

/// A phone's JPEG: EXIF with GPS and orientation 6 (turned), XMP, IPTC, a comment.
fn phone_jpeg() -> Vec<u8> {
    let mut jpeg = Jpeg::from_bytes(encoded(ImageFormat::Jpeg).into()).expect("jpeg");
    jpeg.set_exif(Some(exif(6).into()));
    let segments = jpeg.segments_mut();
    segments.insert(
        1,
        JpegSegment::new_with_contents(markers::APP1, Bytes::from_static(XMP)),
    );
    segments.insert(
        1,
        JpegSegment::new_with_contents(
            markers::APP13,
            Bytes::from_static(b"Photoshop 3.0\08BIM\x04\x04 by-line: Jane Smith"),
        ),
    );
    segments.insert(
        1,
        JpegSegment::new_with_contents(
            markers::COM,
            Bytes::from_static(b"Taken by Jane Smith at 12 High Street"),
        ),
    );
    let mut jpeg = jpeg;
    jpeg.set_icc_profile(Some(Bytes::from_static(b"a colour profile")));
    jpeg.encoder().bytes().to_vec()
}

/// An editor's PNG: a text chunk with the author, eXIf, a time, and a colour profile.
fn editor_png() -> Vec<u8> {
    let mut png = Png::from_bytes(encoded(ImageFormat::Png).into()).expect("png");
    let chunks = png.chunks_mut();
    chunks.insert(
        1,
        PngChunk::new(*b"tEXt", Bytes::from_static(b"Author\0Jane Smith")),
    );
    chunks.insert(1, PngChunk::new(*b"eXIf", exif(1).into()));
    chunks.insert(
        1,
        PngChunk::new(*b"tIME", Bytes::from_static(&[7, 233, 5, 1, 12, 0, 0])),
    );
    png.set_icc_profile(Some(Bytes::from_static(b"a colour profile")));
    png.encoder().bytes().to_vec()
}

/// A WebP with EXIF and XMP chunks (and the extended header that announces them).
fn tagged_webp() -> Vec<u8> {
    let mut webp = WebP::from_bytes(encoded(ImageFormat::WebP).into()).expect("webp");
    let (w, h) = webp.dimensions().expect("size");
    let mut vp8x = vec![0b0000_1100, 0, 0, 0];
    vp8x.extend(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend(&(h - 1).to_le_bytes()[..3]);
    let chunks = webp.chunks_mut();
    chunks.insert(0, RiffChunk::new(*b"VP8X", RiffContent::Data(vp8x.into())));
    chunks.push(RiffChunk::new(*b"EXIF", RiffContent::Data(exif(1).into())));
    chunks.push(RiffChunk::new(
        *b"XMP ",
        RiffContent::Data(Bytes::from_static(&XMP[29..])),
    ));
    webp.encoder().bytes().to_vec()
}

fn pixels(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).expect("decodes").to_rgb8()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn site_with(files: &[(&str, Vec<u8>)], config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = common::site("features/_skeleton");
    for (rel, bytes) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    }
    let base = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(&root, "config.toml", &format!("{base}{config}"));
    (tmp, root)
}

fn published(root: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn photos_are_published_without_their_metadata_and_with_their_pixels() {
    let (jpeg, png, webp) = (phone_jpeg(), editor_png(), tagged_webp());
    for original in [&jpeg, &png] {
        assert!(
            contains(original, b"Jane Smith"),
            "the test files carry a name"
        );
    }
    let (_tmp, root) = site_with(
        &[
            ("static/photos/event.jpg", jpeg.clone()),
            ("static/photos/chart.png", png.clone()),
            (
                "content/news/launch/index.md",
                b"+++\ntitle = \"Launch\"\n+++\n\n![The launch](banner.webp)\n".to_vec(),
            ),
            ("content/news/launch/banner.webp", webp.clone()),
            (
                "content/news/_index.md",
                b"+++\ntitle = \"News\"\n+++\n".to_vec(),
            ),
        ],
        "",
    );
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Published 3 images without their metadata"),
        "{}",
        out.stdout
    );

    let jpeg_out = published(&root, "photos/event.jpg");
    let png_out = published(&root, "photos/chart.png");
    let webp_out = published(&root, "news/launch/banner.webp");
    for (name, file) in [("jpeg", &jpeg_out), ("png", &png_out), ("webp", &webp_out)] {
        for secret in [&b"Jane Smith"[..], b"High Street", b"xmpmeta", b"52,30N"] {
            assert!(
                !contains(file, secret),
                "{name} still holds {}",
                String::from_utf8_lossy(secret)
            );
        }
    }
    // Lossless: the same pixels, decoded.
    assert_eq!(pixels(&jpeg_out), pixels(&jpeg));
    assert_eq!(pixels(&png_out), pixels(&png));
    assert_eq!(pixels(&webp_out), pixels(&webp));
    // The colour profile and the JPEG's orientation stay.
    let jpeg_parts = Jpeg::from_bytes(jpeg_out.clone().into()).expect("jpeg");
    assert_eq!(
        jpeg_parts.icc_profile().as_deref(),
        Some(&b"a colour profile"[..])
    );
    let mut decoder =
        image::codecs::jpeg::JpegDecoder::new(Cursor::new(&jpeg_out)).expect("decoder");
    assert_eq!(
        decoder.orientation().expect("orientation"),
        Orientation::Rotate90
    );
    let png_parts = Png::from_bytes(png_out.into()).expect("png");
    assert_eq!(
        png_parts.icc_profile().as_deref(),
        Some(&b"a colour profile"[..])
    );
    assert!(png_parts.chunk_by_type(*b"tIME").is_none());
    // The WebP's header no longer announces the chunks that went.
    let webp_parts = WebP::from_bytes(webp_out.into()).expect("webp");
    let flags = webp_parts
        .chunk_by_id(*b"VP8X")
        .and_then(|c| c.content().data())
        .expect("VP8X")[0];
    assert_eq!(flags & 0b0000_1100, 0, "flags {flags:08b}");
    // The author's own files are untouched.
    assert_eq!(
        std::fs::read(root.join("static/photos/event.jpg")).expect("source"),
        jpeg
    );
}

#[test]
fn a_file_kept_on_purpose_keeps_its_metadata_and_a_clean_one_is_copied_as_it_is() {
    let plain = encoded(ImageFormat::Png);
    let (_tmp, root) = site_with(
        &[
            ("static/press/logo.jpg", phone_jpeg()),
            ("static/plain.png", plain.clone()),
        ],
        "[privacy]\nkeep_image_metadata = [\"press/*.jpg\"]\n",
    );
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    assert!(!out.stdout.contains("without"), "{}", out.stdout);
    assert_eq!(published(&root, "press/logo.jpg"), phone_jpeg());
    assert_eq!(published(&root, "plain.png"), plain);
}

#[test]
fn an_image_that_cannot_be_read_is_not_published_and_is_named() {
    let mut broken = b"\xFF\xD8\xFF\xE1\x00\x10Exif".to_vec();
    broken.extend([0u8; 4]);
    let pointer =
        b"version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 69230\n".to_vec();
    let (_tmp, root) = site_with(
        &[
            ("static/broken.jpg", broken),
            ("static/screenshot.png", pointer.clone()),
        ],
        "",
    );
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    // A file that is no image at all holds no image metadata: it is copied, and named.
    assert!(
        out.stderr.contains("warning: static/screenshot.png is a Git LFS pointer, not the image (run `git lfs pull`): it was copied as it is"),
        "{}",
        out.stderr
    );
    assert_eq!(published(&root, "screenshot.png"), pointer);
    assert!(
        out.stderr
            .contains("warning: static/broken.jpg was not published: it is not a readable JPEG"),
        "{}",
        out.stderr
    );
    assert!(!root.join("public/broken.jpg").exists());
}

#[test]
fn redirects_csv_and_aliases_make_a_redirects_file_and_security_txt_is_written() {
    let (_tmp, root) = site_with(
        &[
            ("content/reports/_index.md", b"+++\ntitle = \"Reports\"\n+++\n".to_vec()),
            ("content/contacts.md", b"+++\ntitle = \"Contacts\"\naliases = [\"/contact-us/\"]\n+++\n".to_vec()),
            (
                "data/redirects.csv",
                b"from,to\n/old-cms/scrutiny.aspx,/reports/\n/old-cms/contact-us.aspx , https://www.gov.uk/report-child-abuse\n".to_vec(),
            ),
        ],
        "[security]\ncontact = [\"mailto:security@example.org\", \"https://example.org/report\"]\nexpires = 2027-06-30\npolicy = \"https://example.org/policy\"\npreferred_languages = [\"en\", \"cy\"]\n",
    );
    let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", "2026-12-01"));
    assert!(out.status.success(), "{}", out.stderr);
    insta::assert_snapshot!(
        "redirects",
        String::from_utf8(published(&root, "_redirects")).expect("text")
    );
    insta::assert_snapshot!(
        "security_txt",
        String::from_utf8(published(&root, ".well-known/security.txt")).expect("text")
    );
    // The HTML redirect page stays for hosts that read neither.
    assert!(root.join("public/contact-us/index.html").is_file());
    // check warns once the date has passed.
    let late = common::run(common::on("check", &root).env("SAFESITE_TODAY", "2027-07-01"));
    assert!(
        late.stderr
            .contains("warning: security.txt expired on 2027-06-30")
            && late.stderr.contains("config.toml:"),
        "{}",
        late.stderr
    );
}

/// A zip archive of `parts` (name, text), as Office and OpenDocument files are.
fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("part");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A Word file with an author, a last editor, a comment and a tracked insertion.
fn word_notes() -> Vec<u8> {
    zipped(&[
        (
            "docProps/core.xml",
            "<cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"y\"><dc:creator>Jane Caseworker</dc:creator><cp:lastModifiedBy>Sam Reviewer</cp:lastModifiedBy></cp:coreProperties>",
        ),
        (
            "word/document.xml",
            &format!(
                "<w:document {W}><w:body><w:p><w:ins w:id=\"1\" w:author=\"Sam Reviewer\"><w:r><w:t>her mother, Ann Example,</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p></w:body></w:document>"
            ),
        ),
        (
            "word/comments.xml",
            &format!(
                "<w:comments {W}><w:comment w:id=\"0\" w:author=\"Jane Caseworker\"><w:p/></w:comment></w:comments>"
            ),
        ),
        ("word/embeddings/oleObject1.bin", "an embedded file"),
    ])
}

/// A spreadsheet with a hidden sheet, written by "Council IT".
fn sheet_with_hidden() -> Vec<u8> {
    zipped(&[
        (
            "docProps/core.xml",
            "<cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"y\"><dc:creator>Westmoor Council</dc:creator></cp:coreProperties>",
        ),
        (
            "xl/workbook.xml",
            "<workbook><sheets><sheet name=\"Data\" sheetId=\"1\"/><sheet name=\"Names\" sheetId=\"2\" state=\"hidden\"/></sheets></workbook>",
        ),
    ])
}

/// An OpenDocument text with an author and a comment.
fn odt_notes() -> Vec<u8> {
    zipped(&[
        (
            "meta.xml",
            "<office:document-meta xmlns:office=\"o\" xmlns:meta=\"m\"><office:meta><meta:initial-creator>Priya Shah</meta:initial-creator></office:meta></office:document-meta>",
        ),
        (
            "content.xml",
            "<office:document-content xmlns:office=\"o\" xmlns:dc=\"d\" xmlns:text=\"t\"><office:body><office:text><text:p><office:annotation><dc:creator>Priya Shah</dc:creator><text:p>Ask the family</text:p></office:annotation></text:p><text:tracked-changes><text:changed-region/></text:tracked-changes></office:text></office:body></office:document-content>",
        ),
    ])
}

/// A PDF with an author, a comment (a sticky note), no tags, title or language.
fn annotated_pdf() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 720 Td (Child H) Tj ET".to_vec(),
    ));
    let note = doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Text", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()], "T" => Object::string_literal("Jane Caseworker"), "Contents" => Object::string_literal("Name the school?") });
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Annots" => vec![note.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    let info = doc.add_object(dictionary! { "Author" => Object::string_literal("Jane Caseworker"), "Producer" => Object::string_literal("Microsoft Word") });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf");
    out
}

const PAGE: &str = "+++\ntitle = \"Notes\"\nANON\n[[downloads]]\nfile = \"notes.docx\"\ntitle = \"Notes\"\n\n[[downloads]]\nfile = \"figures.xlsx\"\ntitle = \"Figures\"\n\n[[downloads]]\nfile = \"minutes.odt\"\ntitle = \"Minutes\"\n\n[[downloads]]\nfile = \"briefing.pdf\"\ntitle = \"Briefing\"\n+++\n\nThe files.\n";

fn documents_site(anonymised: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let page = PAGE.replace("ANON", if anonymised { "anonymised = true" } else { "" });
    site_with(
        &[
            ("content/notes/index.md", page.into_bytes()),
            ("content/notes/notes.docx", word_notes()),
            ("content/notes/figures.xlsx", sheet_with_hidden()),
            ("content/notes/minutes.odt", odt_notes()),
            ("content/notes/briefing.pdf", annotated_pdf()),
        ],
        "",
    )
}

#[test]
fn documents_that_keep_names_comments_or_changes_are_reported_and_left_as_they_are() {
    let (_tmp, root) = documents_site(false);
    let before = std::fs::read(root.join("content/notes/notes.docx")).expect("docx");
    let check = common::run(&mut common::on("check", &root));
    assert_eq!(
        check.status.code(),
        Some(0),
        "warnings only on an ordinary page:\n{}",
        check.stderr
    );
    insta::assert_snapshot!("documents_check", common::normalize(&check.stderr, &root));
    // `build` reports what could identify someone, not the PDF's accessibility.
    let build = common::run(&mut common::on("build", &root));
    assert!(build.status.success(), "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("notes.docx keeps 1 comment (by Jane Caseworker)"),
        "{}",
        build.stderr
    );
    assert!(!build.stderr.contains("not tagged"), "{}", build.stderr);
    assert_eq!(
        std::fs::read(root.join("content/notes/notes.docx")).expect("docx"),
        before
    );
}

#[test]
fn on_an_anonymised_page_what_could_identify_someone_is_an_error() {
    let (_tmp, root) = documents_site(true);
    let out = common::build_fails(&root);
    for expected in [
        "error: notes.docx keeps a person's name as its author (Jane Caseworker), in a download of an anonymised page",
        "error: notes.docx keeps 1 tracked change",
        "error: minutes.odt keeps 1 comment (by Priya Shah)",
        "error: figures.xlsx keeps 1 hidden sheet,",
        "error: briefing.pdf keeps 1 comment (by Jane Caseworker)",
    ] {
        assert!(out.contains(expected), "no `{expected}` in:\n{out}");
    }
    assert!(
        !out.contains("Westmoor Council"),
        "an organisation is not a person:\n{out}"
    );
}

#[test]
fn a_document_that_unpacks_past_the_limit_is_named_and_published_as_it_is() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("part");
    let block = vec![b' '; 1024 * 1024];
    for _ in 0..70 {
        zip.write_all(&block).expect("write");
    }
    let bomb = zip.finish().expect("zip").into_inner();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let page =
        "+++\ntitle = \"Notes\"\n[[downloads]]\nfile = \"big.docx\"\ntitle = \"Notes\"\n+++\n";
    let (_tmp, root) = site_with(
        &[
            ("content/notes/index.md", page.as_bytes().to_vec()),
            ("content/notes/big.docx", bomb),
        ],
        "",
    );
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        out.stderr.contains("warning: big.docx could not be checked for names, comments and tracked changes: it unpacks to more than 64 MB"),
        "{}",
        out.stderr
    );
    assert!(
        root.join("public/notes/big.docx").is_file(),
        "published as it is"
    );
}

const STATEMENT: &str = r#"+++
title = "Accessibility statement"
kind = "accessibility-statement"
template = "accessibility-statement.html"
body = "The Test Partnership"
compliance = "partial"
accessible_format = "Email <a11y@example.org>."
response_days = 5
report_problem = "Email <a11y@example.org>."
tested_by = "The business unit, by hand and with automated checks."
tested = 2024-06-01
prepared = 2024-06-01
last_reviewed = 2024-06-01

[[non_accessible]]
problem = "Old board minutes are scanned images."
criterion = "1.1.1"
fix_by = 2025-03-31
+++

This statement applies to the Test Partnership website.
"#;

#[test]
fn the_accessibility_statement_is_shown_in_the_model_order_and_checked_for_its_dates() {
    let (_tmp, root) = common::site_with_theme("kinds/shared", "kinds/shared");
    common::write(&root, "content/accessibility.md", STATEMENT);
    // A page offering a PDF made without tags, title or language.
    std::fs::create_dir_all(root.join("content/minutes")).expect("folder");
    common::write(
        &root,
        "content/minutes/index.md",
        "+++\ntitle = \"Board minutes\"\n[[downloads]]\nfile = \"minutes.pdf\"\ntitle = \"Board minutes, May 2025\"\n+++\n",
    );
    std::fs::write(root.join("content/minutes/minutes.pdf"), annotated_pdf()).expect("pdf");
    let check = common::run(common::on("check", &root).env("SAFESITE_TODAY", "2025-09-01"));
    assert_eq!(check.status.code(), Some(0), "{}", check.stderr);
    insta::assert_snapshot!("statement_check", common::normalize(&check.stderr, &root));
    common::build_ok_with(common::on("build", &root).env("SAFESITE_TODAY", "2025-09-01"));
    let html = std::fs::read_to_string(root.join("public/accessibility/index.html")).expect("page");
    let order = [
        "This statement applies to the Test Partnership website.",
        "id=\"how-accessible\"",
        "id=\"feedback\"",
        "get back to you in 5 working days",
        "id=\"reporting\"",
        "Equality Advisory and Support Service (EASS)",
        "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        "This fails WCAG 2.2 success criterion 1.1.1.",
        "We plan to fix this by 31 March 2025.",
        "<a href=\"https://example.org/minutes/minutes.pdf\">Board minutes, May 2025</a>: not tagged",
        "It was last reviewed on 1 June 2024.",
    ];
    let mut from = 0;
    for part in order {
        let at = html[from..]
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` missing or out of order"));
        from += at + part.len();
    }
    // The board report lists the review (a year after the last) and the promised fix.
    let report = common::run(common::on("report", &root).env("SAFESITE_TODAY", "2025-09-01"));
    assert!(report.status.success(), "{}", report.stderr);
    for due in [
        "Review the accessibility statement &quot;Accessibility statement&quot; (a year after its last review)",
        "Fix, as the accessibility statement promises: Old board minutes are scanned images.",
    ] {
        assert!(report.stdout.contains(due), "no `{due}` in the report");
    }
    // Partial compliance with nothing listed is an error.
    let bare = STATEMENT
        .split("\n[[non_accessible]]")
        .next()
        .expect("head")
        .to_string()
        + "\n+++\n";
    common::write(&root, "content/accessibility.md", &bare);
    let out = common::build_fails(&root);
    assert!(
        out.contains(
            "the site is said to be partially compliant, and no content is listed as not accessible"
        ),
        "{out}"
    );
}

#[test]
fn documents_copied_from_static_are_checked_too() {
    let (_tmp, root) = site_with(&[("static/files/old-notes.docx", word_notes())], "");
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: old-notes.docx keeps 1 comment (by Jane Caseworker)")
            && out.stderr.contains("--> static/files/old-notes.docx"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bundle_and_its_translation_list_their_pdf_once_in_the_statement() {
    let (_tmp, root) = common::site_with_theme("kinds/shared", "kinds/shared");
    common::append(
        &root,
        "config.toml",
        "\n[languages.pl]\ntitle = \"Partnerstwo\"\n",
    );
    common::write(&root, "content/accessibility.md", STATEMENT);
    std::fs::create_dir_all(root.join("content/minutes")).expect("folder");
    let page = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\n[[downloads]]\nfile = \"minutes.pdf\"\ntitle = \"Board minutes, May 2025\"\n+++\n"
        )
    };
    common::write(&root, "content/minutes/index.md", &page("Board minutes"));
    common::write(&root, "content/minutes/index.pl.md", &page("Protokoły"));
    std::fs::write(root.join("content/minutes/minutes.pdf"), annotated_pdf()).expect("pdf");
    common::build_ok_with(common::on("build", &root).env("SAFESITE_TODAY", "2025-09-01"));
    let html = std::fs::read_to_string(root.join("public/accessibility/index.html")).expect("page");
    assert_eq!(
        html.matches("Board minutes, May 2025</a>: not tagged")
            .count(),
        1,
        "{html}"
    );
    assert!(root.join("public/pl/minutes/minutes.pdf").is_file());

    // A translation that is not in a bundle is told where it goes: beside its page's.
    common::write(&root, "content/board.md", &page("Board"));
    common::write(&root, "content/board.pl.md", &page("Zarząd"));
    let err = common::build_fails(&root);
    assert!(
        err.contains("move content/board.pl.md to content/board/index.pl.md"),
        "{err}"
    );
}
