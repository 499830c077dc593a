//! Downloads: the files a page offers under `[[downloads]]`, described as GOV.UK
//! describes attachments ("PDF, 1.2 MB, 40 pages").
//!
//! [`describe`] finds the file in the page bundle, reads its size, names its type from
//! its ending and, for PDFs, counts its pages. Problems come back as plain sentences for
//! the caller to turn into a located diagnostic.

use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::content::frontmatter::DownloadRef;
use crate::source::closest;

/// A download, described for templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Download {
    /// What the link says (`Annual report 2024 to 2025`).
    pub title: String,
    /// The file's path inside the page bundle, with `/` separators.
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its size as GOV.UK writes it, 1024-based (`158 KB`, `1.2 MB`).
    pub size: String,
    /// The type's abbreviation (`PDF`), shown in an `<abbr>`.
    pub kind_abbr: String,
    /// What the abbreviation stands for (`Portable Document Format`), the `<abbr>` title.
    pub kind_title: String,
    /// The number of pages of a PDF, if it could be read.
    pub pages: Option<u32>,
}

impl Download {
    /// The description in plain text: `PDF, 1.2 MB, 40 pages`.
    pub fn summary(&self) -> String {
        let mut s = format!("{}, {}", self.kind_abbr, self.size);
        match self.pages {
            Some(1) => s.push_str(", 1 page"),
            Some(n) => s.push_str(&format!(", {n} pages")),
            None => {}
        }
        s
    }
}

/// Describes the download `r` of the page bundle in `bundle_dir`.
///
/// Errors, in plain English: a path that is empty, absolute, a web address or reaches
/// outside the bundle (`..`); a file that is missing (naming a file with a close name,
/// if there is one), a folder, empty, or has no ending saying what it is; an empty title.
/// A PDF whose pages cannot be counted is not an error: its `pages` are `None`.
pub fn describe(bundle_dir: &Path, r: &DownloadRef) -> Result<Download, String> {
    let name = r.file.get_ref().trim();
    let relative = inside_bundle(name)?;
    let shown = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    if r.title.trim().is_empty() {
        return Err(format!(
            "the download `{shown}` has an empty title: write what the document is, such as title = \"Annual report 2024 to 2025\""
        ));
    }
    let path = bundle_dir.join(&relative);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(missing(bundle_dir, &relative, &shown));
        }
        Err(e) => return Err(format!("could not read the download `{shown}`: {e}")),
    };
    if meta.is_dir() {
        return Err(format!(
            "`{shown}` is a folder, not a file: name a file inside it, such as `{shown}/report.pdf`"
        ));
    }
    // A link (symlink) inside the bundle may still lead outside it.
    if let (Ok(bundle), Ok(real)) = (bundle_dir.canonicalize(), path.canonicalize())
        && !real.starts_with(&bundle)
    {
        return Err(format!(
            "`{shown}` leads outside this page's folder: copy the file itself into the folder, next to the page"
        ));
    }
    let bytes = meta.len();
    if bytes == 0 {
        return Err(format!(
            "the download `{shown}` is empty (0 bytes): replace it with the real document"
        ));
    }
    let Some(extension) = relative.extension().and_then(|e| e.to_str()) else {
        return Err(format!(
            "`{shown}` has no ending saying what kind of file it is: rename it with one, such as `{shown}.pdf` for a PDF"
        ));
    };
    let extension = extension.to_ascii_lowercase();
    let (kind_abbr, kind_title) = kind(&extension);
    let pages = if extension == "pdf" {
        pdf_pages(&path)
    } else {
        None
    };
    Ok(Download {
        title: r.title.trim().to_string(),
        file: shown,
        bytes,
        size: human_size(bytes),
        kind_abbr,
        kind_title,
        pages,
    })
}

/// Checks that `name` is a path inside the page bundle, and returns it.
fn inside_bundle(name: &str) -> Result<PathBuf, String> {
    if name.is_empty() {
        return Err(
            "this download has no file: write the name of a file in the page's folder, such as file = \"annual-report.pdf\"".to_string(),
        );
    }
    if name.contains("://") {
        return Err(format!(
            "`{name}` is a web address: downloads are files kept in the page's folder (link to other websites in the text of the page instead)"
        ));
    }
    if name.contains('\\') {
        return Err(format!(
            "`{name}` has a backslash (\\): separate folder names with a forward slash (/), as in `{}`",
            name.replace('\\', "/")
        ));
    }
    let path = Path::new(name);
    let drive = name.len() >= 2 && name.as_bytes()[1] == b':';
    if path.is_absolute() || name.starts_with('/') || drive {
        return Err(format!(
            "`{name}` is a path on a computer, not in this page's folder: put the file in the page's folder, next to its index.md, and write just its name"
        ));
    }
    for c in path.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err(format!(
                    "`{name}` uses `..`, which reaches outside this page's folder: put the file in the page's folder, next to its index.md, and write just its name"
                ));
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!(
                    "`{name}` is a path on a computer, not in this page's folder: write just the file's name"
                ));
            }
        }
    }
    if !path.components().any(|c| matches!(c, Component::Normal(_))) {
        return Err(format!(
            "`{name}` is not a file name: write the name of a file in the page's folder, such as file = \"annual-report.pdf\""
        ));
    }
    Ok(path.to_path_buf())
}

/// The message for a download that is not there, with a file of a close name if any.
fn missing(bundle_dir: &Path, relative: &Path, shown: &str) -> String {
    let base = format!("there is no file `{shown}` in this page's folder");
    let folder = bundle_dir.join(relative.parent().unwrap_or(Path::new("")));
    let Some(wanted) = relative.file_name().and_then(|n| n.to_str()) else {
        return base;
    };
    let names: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| !(n.starts_with("index.") && n.ends_with(".md")))
                .collect()
        })
        .unwrap_or_default();
    if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(wanted)) {
        let fixed = match shown.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{same}"),
            None => same.clone(),
        };
        return format!(
            "{base}: there is `{same}`, and capital and small letters must match (write file = \"{fixed}\")"
        );
    }
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    if let Some(near) = closest(wanted, &candidates) {
        return format!("{base}: did you mean `{near}`?");
    }
    format!(
        "{base}: copy the file into the folder, next to the page's index.md, or correct the name"
    )
}

/// The abbreviation and full name of a file type, from its ending (lower case).
pub fn kind(extension: &str) -> (String, String) {
    let known = match extension {
        "pdf" => Some(("PDF", "Portable Document Format")),
        "doc" | "docx" => Some(("", "Microsoft Word document")),
        "xls" | "xlsx" => Some(("", "Microsoft Excel spreadsheet")),
        "ppt" | "pptx" => Some(("", "Microsoft PowerPoint presentation")),
        "odt" => Some(("ODT", "OpenDocument text document")),
        "ods" => Some(("ODS", "OpenDocument spreadsheet")),
        "odp" => Some(("ODP", "OpenDocument presentation")),
        "csv" => Some(("CSV", "Comma-separated values")),
        "txt" => Some(("TXT", "Plain text")),
        "rtf" => Some(("RTF", "Rich Text Format")),
        "epub" => Some(("EPUB", "Electronic publication")),
        "html" | "htm" => Some(("HTML", "HyperText Markup Language")),
        "zip" => Some(("ZIP", "Zip archive")),
        "png" => Some(("PNG", "Portable Network Graphics image")),
        "jpg" | "jpeg" => Some(("JPEG", "JPEG image")),
        "gif" => Some(("GIF", "Graphics Interchange Format image")),
        "svg" => Some(("SVG", "Scalable Vector Graphics image")),
        "mp3" => Some(("MP3", "MP3 audio")),
        "mp4" => Some(("MP4", "MPEG-4 video")),
        _ => None,
    };
    let upper = extension.to_ascii_uppercase();
    match known {
        // Office types are known by their ending: DOCX, XLS and so on.
        Some(("", title)) => (upper, title.to_string()),
        Some((abbr, title)) => (abbr.to_string(), title.to_string()),
        None => (upper.clone(), format!("{upper} file")),
    }
}

/// A size as GOV.UK writes it, counting 1024 bytes to the KB: `512 bytes`, `158 KB`,
/// `1.2 MB`, `2 GB`. KB are whole numbers; MB and GB have one decimal place, left out
/// when it is 0.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    if bytes == 1 {
        return "1 byte".to_string();
    }
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let b = bytes as f64;
    let kb = (b / KB).round();
    if kb < KB {
        return format!("{kb} KB");
    }
    let one_decimal = |x: f64| (x * 10.0).round() / 10.0;
    let mb = one_decimal(b / (KB * KB));
    if mb < KB {
        return format!("{mb} MB");
    }
    format!("{} GB", one_decimal(b / (KB * KB * KB)))
}

/// The number of pages of the PDF at `path`, or `None` if it cannot be read (damaged,
/// or encrypted with a password).
pub fn pdf_pages(path: &Path) -> Option<u32> {
    // Only the cross-reference table and the page tree are read, not every object.
    // lopdf is not expected to panic, but a malformed file must never stop a build.
    let read = std::panic::catch_unwind(|| lopdf::Document::load_metadata(path));
    match read {
        Ok(Ok(meta)) if meta.page_count > 0 => Some(meta.page_count),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, dictionary};

    fn r(file: &str) -> DownloadRef {
        DownloadRef {
            file: toml::Spanned::new(0..0, file.to_string()),
            title: "Annual report 2024 to 2025".to_string(),
        }
    }

    /// Writes a PDF of `n` blank A4 pages to `path`.
    fn write_pdf(path: &Path, n: u32) {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let kids: Vec<Object> = (0..n)
            .map(|_| {
                doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => n,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        doc.save(path).expect("save PDF");
    }

    #[test]
    fn sizes_are_1024_based_as_gov_uk_writes_them() {
        assert_eq!(human_size(1), "1 byte");
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KB");
        assert_eq!(human_size(158 * 1024 + 300), "158 KB");
        assert_eq!(human_size(1024 * 1024 - 1), "1 MB");
        assert_eq!(human_size(1_258_291), "1.2 MB");
        assert_eq!(human_size(3 * 1024 * 1024), "3 MB");
        assert_eq!(human_size(25 * 1024 * 1024 + 600 * 1024), "25.6 MB");
        assert_eq!(human_size(2 * 1024 * 1024 * 1024), "2 GB");
    }

    #[test]
    fn kinds_come_from_the_ending() {
        assert_eq!(
            kind("pdf"),
            ("PDF".to_string(), "Portable Document Format".to_string())
        );
        assert_eq!(
            kind("docx"),
            ("DOCX".to_string(), "Microsoft Word document".to_string())
        );
        assert_eq!(kind("xlsx").0, "XLSX");
        assert_eq!(kind("odt").1, "OpenDocument text document");
        assert_eq!(kind("csv").1, "Comma-separated values");
        assert_eq!(kind("txt").1, "Plain text");
        assert_eq!(kind("dwg"), ("DWG".to_string(), "DWG file".to_string()));
    }

    #[test]
    fn a_pdf_gets_its_page_count() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_pdf(&dir.path().join("report.pdf"), 3);
        let d = describe(dir.path(), &r("report.pdf")).expect("described");
        assert_eq!(d.pages, Some(3));
        assert_eq!(d.kind_abbr, "PDF");
        assert_eq!(d.kind_title, "Portable Document Format");
        assert_eq!(d.file, "report.pdf");
        assert_eq!(d.title, "Annual report 2024 to 2025");
        assert!(d.bytes > 0);
        assert_eq!(d.size, human_size(d.bytes));
        assert_eq!(d.summary(), format!("PDF, {}, 3 pages", d.size));
        let json = serde_json::to_value(&d).expect("json");
        assert_eq!(json["pages"], 3);
        assert_eq!(json["kind_abbr"], "PDF");
    }

    #[test]
    fn an_unreadable_pdf_has_no_page_count() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("broken.PDF"), b"%PDF-1.7\nnot really").expect("write");
        let d = describe(dir.path(), &r("broken.PDF")).expect("described");
        assert_eq!(d.pages, None);
        assert_eq!(d.kind_abbr, "PDF");
        assert_eq!(d.size, "19 bytes");
        assert_eq!(d.summary(), "PDF, 19 bytes");
    }

    #[test]
    fn other_files_and_subfolders() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("files")).expect("mkdir");
        std::fs::write(dir.path().join("files/data.csv"), vec![b'x'; 2048]).expect("write");
        let d = describe(dir.path(), &r("./files/data.csv")).expect("described");
        assert_eq!(d.file, "files/data.csv");
        assert_eq!((d.size.as_str(), d.pages), ("2 KB", None));
        assert_eq!(d.kind_abbr, "CSV");
    }

    #[test]
    fn missing_file_is_an_error_with_a_suggestion() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("annual-report.pdf"), b"%PDF").expect("write");
        let e = describe(dir.path(), &r("annual-reprot.pdf")).expect_err("missing");
        assert!(e.starts_with("there is no file `annual-reprot.pdf`"), "{e}");
        assert!(e.contains("did you mean `annual-report.pdf`?"), "{e}");
        let e = describe(dir.path(), &r("Annual-Report.pdf")).expect_err("case");
        assert!(e.contains("capital and small letters must match"), "{e}");
        assert!(e.ends_with("(write file = \"annual-report.pdf\")"), "{e}");
        let e = describe(dir.path(), &r("minutes.docx")).expect_err("missing");
        assert!(e.contains("copy the file into the folder"), "{e}");
    }

    #[test]
    fn paths_must_stay_in_the_bundle() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bundle = dir.path().join("page");
        std::fs::create_dir(&bundle).expect("mkdir");
        std::fs::write(dir.path().join("secret.pdf"), b"%PDF").expect("write");
        for (file, says) in [
            ("../secret.pdf", "`..`"),
            ("files/../../secret.pdf", "`..`"),
            ("/etc/passwd", "path on a computer"),
            ("C:/Users/report.pdf", "path on a computer"),
            ("files\\report.pdf", "backslash"),
            ("https://example.org/a.pdf", "web address"),
            ("", "no file"),
            (".", "not a file name"),
        ] {
            let e = describe(&bundle, &r(file)).expect_err(file);
            assert!(e.contains(says), "{file}: {e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_bundle_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bundle = dir.path().join("page");
        std::fs::create_dir(&bundle).expect("mkdir");
        std::fs::write(dir.path().join("secret.pdf"), b"%PDF").expect("write");
        std::os::unix::fs::symlink(dir.path().join("secret.pdf"), bundle.join("a.pdf"))
            .expect("symlink");
        let e = describe(&bundle, &r("a.pdf")).expect_err("outside");
        assert!(e.contains("outside this page's folder"), "{e}");
    }

    #[test]
    fn empty_files_folders_and_titles_are_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("empty.pdf"), b"").expect("write");
        std::fs::write(dir.path().join("README"), b"text").expect("write");
        std::fs::create_dir(dir.path().join("files")).expect("mkdir");
        let e = describe(dir.path(), &r("empty.pdf")).expect_err("empty");
        assert!(e.contains("is empty"), "{e}");
        let e = describe(dir.path(), &r("files")).expect_err("folder");
        assert!(e.contains("is a folder"), "{e}");
        let e = describe(dir.path(), &r("README")).expect_err("no ending");
        assert!(e.contains("no ending"), "{e}");
        let untitled = DownloadRef {
            file: toml::Spanned::new(0..0, "README".to_string()),
            title: "  ".to_string(),
        };
        let e = describe(dir.path(), &untitled).expect_err("title");
        assert!(e.contains("empty title"), "{e}");
    }
}
