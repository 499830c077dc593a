//! `page.downloads`: each `[[downloads]]` file of a page bundle described (type, size,
//! pages) with its URL, and the PDF safesite makes of a report in the same form.

use serde::Serialize;

use crate::content::Page;
use crate::content::documents::{Inspected, Kind};
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

/// The page's `[[downloads]]`, described, and each document checked for what could
/// identify someone (and, with `access`, for what a screen reader cannot use). A missing
/// file, or downloads on a page that is not a bundle, is an error at its line.
pub fn downloads(
    page: &Page,
    root: &std::path::Path,
    documents: &Inspected,
    access: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DownloadView> {
    if page.meta.downloads.is_empty() {
        return Vec::new();
    }
    let file = &page.file;
    let Some(dir) = page.loc.bundle_dir() else {
        // A translation (`about.pl.md`) goes beside its page's: `about/index.pl.md`.
        let name = match page.loc.relative_path != page.loc.canonical {
            true => format!("index.{}.md", page.loc.lang),
            false => "index.md".to_string(),
        };
        diags.push(
            Diagnostic::error("downloads need the page to be a bundle, with the files beside it")
                .in_file(&file.rel)
                .at(&file.text, page.field_range("downloads"))
                .with_hint(format!(
                    "move {} to content/{}/{name} and put the files in that folder",
                    file.rel.display(),
                    page.loc.canonical.trim_end_matches(".md")
                )),
        );
        return Vec::new();
    };
    let bundle = root.join("content").join(dir);
    let mut out = Vec::new();
    for r in &page.meta.downloads {
        match describe(&bundle, r) {
            Ok(d) => {
                let path = bundle.join(&d.file);
                report_document(Some(page), root, &path, documents, access, diags);
                out.push(DownloadView::new(page, d, false));
            }
            Err(message) => diags.push(
                Diagnostic::error(message)
                    .in_file(&file.rel)
                    .at(&file.text, page.value_range(&r.file))
                    .with_hint(format!(
                        "downloads are files in the page's folder, content/{dir}/"
                    )),
            ),
        }
    }
    out
}

/// Reports what the document at `path` carries beside its text: each finding that may
/// identify someone is a warning, or an error when `page` (the page offering it) is a
/// practice review or `anonymised`; accessibility findings of a PDF are warnings, given
/// when `access` asks for them. A file that cannot be read is a warning, and is
/// published as it is.
fn report_document(
    page: Option<&Page>,
    root: &std::path::Path,
    path: &std::path::Path,
    documents: &Inspected,
    access: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(kind) = Kind::of(path) else {
        return;
    };
    let rel = path.strip_prefix(root).unwrap_or(path);
    let name = rel
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let inspection = documents.of(path, kind);
    let findings = match inspection.as_ref() {
        Ok(f) => f,
        Err(why) => {
            diags.push(
                Diagnostic::warning(format!("{name} could not be checked for names, comments and tracked changes: {why}"))
                    .in_file(rel)
                    .with_hint("it is published as it is: open it in the program that made it, check it and save it again"),
            );
            return;
        }
    };
    let anonymised = page.is_some_and(|page| {
        page.meta.anonymised
            || page
                .kind
                .as_ref()
                .is_some_and(|k| k.name() == "practice-review")
    });
    let owner = page
        .map(|p| p.file.rel.display().to_string())
        .unwrap_or_default();
    for finding in findings.iter().filter(|f| access || f.identifies()) {
        let identifies = finding.identifies();
        let message = match identifies {
            true => format!("{name} keeps {}", finding.describe()),
            false => format!("{name} is {}", finding.describe()),
        };
        let d = match (identifies, anonymised) {
            (true, true) => Diagnostic::error(format!(
                "{message}, in a download of an anonymised page ({owner})"
            )),
            (true, false) => Diagnostic::warning(message),
            (false, _) => Diagnostic::warning(message),
        };
        let hint = match identifies {
            true => format!(
                "nothing in {name} was changed; clean it before it is published: {}",
                kind.how_to_clean()
            ),
            false => format!(
                "export it again from the original as a tagged PDF with a title and language (until then, a page of kind accessibility-statement lists it); {}",
                kind.how_to_clean()
            ),
        };
        diags.push(d.in_file(rel).with_hint(hint));
    }
}

/// Checks the documents copied from `static/` folders (the site's and the theme's) as
/// downloads are checked, in parallel: what could identify someone is a warning (no page
/// says they are anonymised), and with `access`, what a screen reader cannot use.
pub fn check_static_documents(
    root: &std::path::Path,
    files: &[(std::path::PathBuf, String)],
    documents: &Inspected,
    access: bool,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    files
        .par_iter()
        .filter(|(src, _)| {
            let rel = src.strip_prefix(root).unwrap_or(src);
            Kind::of(src).is_some() && rel.components().any(|c| c.as_os_str() == "static")
        })
        .flat_map_iter(|(src, _)| {
            let mut diags = Vec::new();
            report_document(None, root, src, documents, access, &mut diags);
            diags
        })
        .collect()
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
