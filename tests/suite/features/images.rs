//! `resize_image` and `get_image_metadata` as Zola 0.23 has them, and the partnership
//! theme's `figure` shortcode (`tests/fixtures/features/images`). The images are made by
//! the test with the `image` crate: a 1200 × 800 PNG and a 400 × 300 JPEG whose EXIF
//! says "rotate 90°", so it shows as 300 × 400.

use std::path::Path;

use image::{GenericImageView, Rgb, RgbImage};

use super::{Built, attr, feature, one, text};
use crate::common;

/// A 1200 × 800 PNG.
fn wide_png(root: &Path) {
    let img = RgbImage::from_fn(1200, 800, |x, y| Rgb([(x / 5) as u8, (y / 4) as u8, 90]));
    std::fs::create_dir_all(root.join("static")).expect("static/");
    img.save(root.join("static/wide.png")).expect("save png");
}

/// A 400 × 300 JPEG, red in its top-left quarter and blue elsewhere, whose EXIF
/// orientation (6) says to show it turned 90° clockwise.
fn rotated_jpeg(root: &Path) -> Vec<u8> {
    let img = RgbImage::from_fn(400, 300, |x, y| {
        if x < 200 && y < 150 {
            Rgb([220, 0, 0])
        } else {
            Rgb([0, 0, 220])
        }
    });
    let mut jpeg = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .expect("encode jpeg");
    let tiff: &[u8] = &[
        b'M', b'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF, first IFD at 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, 1, value 6
        0, 0, 0, 0, // no next IFD
    ];
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(tiff);
    let with_exif = [&jpeg[..2], &app1, &jpeg[2..]].concat();
    std::fs::write(root.join("content/report/chair.jpg"), &with_exif).expect("write jpeg");
    with_exif
}

/// The fixture with the partnership theme's own `figure` shortcode (the one sites use,
/// not a copy) and the two images; also gives the JPEG's bytes.
fn site() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (tmp, root) = feature("images");
    let figure = "templates/shortcodes/figure.html";
    std::fs::create_dir_all(root.join("templates/shortcodes")).expect("shortcodes/");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/partnership")
            .join(figure),
        root.join(figure),
    )
    .expect("the theme's figure shortcode");
    wide_png(&root);
    let jpeg = rotated_jpeg(&root);
    (tmp, root, jpeg)
}

fn built() -> Built {
    let (tmp, root, _) = site();
    Built::at(tmp, root, "images", &[])
}

/// The image an output URL names, decoded.
fn output_image(site: &Built, url: &str) -> image::DynamicImage {
    let rel = url
        .strip_prefix("https://example.org/")
        .expect("an absolute URL");
    image::open(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn resize_image_does_zolas_operations_and_writes_the_sizes_it_says() {
    let site = built();
    let doc = site.doc("ops/index.html");
    let got = |css: &str| text(one(&doc, css));
    assert_eq!(got(".meta"), "1200 800 png image/png");
    assert_eq!(got(".meta-rotated"), "300 400 jpg image/jpeg");
    assert_eq!(got(".missing"), "true");
    for (op, size) in [
        ("scale", "300 300"),
        ("fit_width", "300 200"),
        ("fit_height", "450 300"),
        ("fit", "300 200"),
        ("fill", "300 300"),
    ] {
        let p = one(&doc, &format!(".op.{op}"));
        assert_eq!(text(p), format!("{size} 1200 800"), "{op}");
        let url = attr(p, "data-url");
        assert!(
            url.starts_with("https://example.org/processed_images/wide."),
            "{url}"
        );
        assert!(
            url.ends_with(".png"),
            "a PNG stays a PNG with format auto: {url}"
        );
        let (w, h) = output_image(&site, &url).dimensions();
        assert_eq!(format!("{w} {h}"), size, "{op}: the file is the size given");
    }
    assert_eq!(got(".big-fit"), "1200 800", "fit never enlarges");
    let webp = one(&doc, ".op.webp");
    assert_eq!(text(webp), "150 100");
    assert!(attr(webp, "data-url").ends_with(".webp"));
    assert_eq!(
        output_image(&site, &attr(webp, "data-url")).dimensions(),
        (150, 100)
    );
    // EXIF orientation is applied: the red quarter, top left in the file, is top right
    // once turned 90° clockwise.
    let rotated = one(&doc, ".op.rotated");
    assert_eq!(text(rotated), "75 100");
    let img = output_image(&site, &attr(rotated, "data-url")).to_rgb8();
    assert_eq!(img.dimensions(), (75, 100));
    let [r, _, b] = img.get_pixel(70, 5).0;
    assert!(r > 150 && b < 80, "top right should be red, is {r}/{b}");
    let [r, _, b] = img.get_pixel(5, 5).0;
    assert!(b > 150 && r < 80, "top left should be blue, is {r}/{b}");
}

#[test]
fn names_are_the_same_on_every_build_and_images_are_made_once() {
    let (tmp, root, _) = site();
    let first = Built::at(tmp, root.clone(), "images", &[]);
    let names = |site: &Built| {
        let mut n: Vec<String> = std::fs::read_dir(site.public().join("processed_images"))
            .expect("processed_images/")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let before = names(&first);
    // Five operations, a fit that changes nothing, a WebP, the turned photo, the figure.
    assert_eq!(before.len(), 9, "{before:?}");
    let cache = root.join(".cache/safesite/processed_images");
    let made = |name: &str| {
        std::fs::metadata(cache.join(name))
            .and_then(|m| m.modified())
            .expect("a cached image")
    };
    let times: Vec<_> = before.iter().map(|n| made(n)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(names(&first), before, "the same names on a second build");
    let again: Vec<_> = before.iter().map(|n| made(n)).collect();
    assert_eq!(times, again, "unchanged images are not made again");
    // A changed photo gets new names; the old copies leave the cache.
    let img = RgbImage::from_fn(1200, 800, |_, _| Rgb([1, 2, 3]));
    img.save(root.join("static/wide.png")).expect("save png");
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    let after = names(&first);
    assert_eq!(after.len(), 9);
    for old in before.iter().filter(|n| n.starts_with("wide.")) {
        assert!(!after.contains(old), "{old} should have a new name");
        assert!(
            !cache.join(old).exists(),
            "{old} should have left the cache"
        );
    }
    let chair: Vec<_> = before.iter().filter(|n| n.starts_with("chair.")).collect();
    assert!(
        chair
            .iter()
            .all(|n| after.contains(n) && cache.join(n).exists())
    );
}

#[test]
fn the_figure_shortcode_offers_sizes_for_phones() {
    let site = built();
    let doc = site.doc("report/index.html");
    let img = one(&doc, "figure.figure img");
    assert_eq!(attr(img, "alt"), "The chair of the partnership");
    // 300 pixels wide as shown: one copy, at its own width (no enlargement).
    assert_eq!(attr(img, "width"), "300");
    assert_eq!(attr(img, "height"), "400");
    let srcset = attr(img, "srcset");
    assert!(
        srcset.ends_with(" 300w") && !srcset.contains(','),
        "{srcset}"
    );
    assert_eq!(attr(img, "loading"), "lazy");
    assert_eq!(
        text(one(&doc, "figure.figure figcaption")),
        "The chair Photo: the partnership"
    );
}

#[test]
fn broken_and_huge_images_are_errors_at_the_template_call() {
    let (_tmp, root, jpeg) = site();
    // Truncated: the header reads, the pixels do not.
    std::fs::write(
        root.join("content/report/chair.jpg"),
        &jpeg[..jpeg.len() / 3],
    )
    .expect("cut");
    let out = common::build_fails(&root);
    insta::assert_snapshot!("truncated_image", common::normalize(&out, &root));
    // 20,000 × 20,000: refused from the header, before any pixel is decoded.
    std::fs::write(root.join("static/wide.png"), huge_png_header()).expect("huge");
    std::fs::write(root.join("content/report/chair.jpg"), &jpeg).expect("restore");
    let out = common::build_fails(&root);
    insta::assert_snapshot!("huge_image", common::normalize(&out, &root));
    // Not an image at all.
    std::fs::write(root.join("static/wide.png"), "hello").expect("text");
    let out = common::build_fails(&root);
    assert!(out.contains("is not an image safesite can read"), "{out}");
    assert!(out.contains("templates/page.html:"), "{out}");
}

/// The start of a PNG that says it is 20,000 × 20,000 pixels.
fn huge_png_header() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [kind, data].concat();
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
