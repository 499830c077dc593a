//! `page.downloads`: each `[[downloads]]` file of a page bundle described (type, size,
//! pages) with its URL, and the PDF safesite makes of a report in the same form.

use serde::Serialize;

use crate::content::Page;
use crate::content::downloads::{Download, describe};
use crate::diagnostics::Diagnostic;

/// A download as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadView {
    /// The file, described.
    #[serde(flatten)]
    pub download: Download,
    /// Its address.
    pub url: String,
    /// `PDF, 1.2 MB, 40 pages`.
    pub summary: String,
    /// Whether safesite made it (a report's PDF).
    pub generated: bool,
}

impl DownloadView {
    /// The view of `download`, a file beside `page`.
    pub fn new(page: &Page, download: Download, generated: bool) -> Self {
        DownloadView {
            url: format!("{}{}", page.loc.permalink, encode_path(&download.file)),
            summary: download.summary(),
            download,
            generated,
        }
    }
}

/// The page's `[[downloads]]`, described. A missing file, or downloads on a page that is
/// not a bundle, is an error at its line.
pub fn downloads(
    page: &Page,
    root: &std::path::Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DownloadView> {
    if page.meta.downloads.is_empty() {
        return Vec::new();
    }
    let file = &page.file;
    let Some(dir) = page.loc.relative_path.strip_suffix("index.md") else {
        diags.push(
            Diagnostic::error("downloads need the page to be a bundle, with the files beside it")
                .in_file(&file.rel)
                .at(&file.text, page.field_range("downloads"))
                .with_hint(format!(
                    "move {} to content/{}/index.md and put the files in that folder",
                    file.rel.display(),
                    page.loc.relative_path.trim_end_matches(".md")
                )),
        );
        return Vec::new();
    };
    let bundle = root.join("content").join(dir);
    let mut out = Vec::new();
    for r in &page.meta.downloads {
        match describe(&bundle, r) {
            Ok(d) => out.push(DownloadView::new(page, d, false)),
            Err(message) => diags.push(
                Diagnostic::error(message)
                    .in_file(&file.rel)
                    .at(&file.text, page.value_range(&r.file))
                    .with_hint(format!(
                        "downloads are files in the page's folder, content/{dir}"
                    )),
            ),
        }
    }
    out
}

/// Percent-encodes what a URL path cannot hold as it is (spaces, `#`, `?`, non-ASCII).
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
