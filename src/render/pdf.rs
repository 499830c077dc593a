//! The PDF of each report (and of any page with `pdf = true`): made from the same
//! Markdown and front matter as the page, in parallel with the rest of the page values,
//! and offered in `page.downloads` like any other download. A page of a kind says what its
//! PDF holds ([`crate::content::kinds::Kind::pdf`]); a plain page's PDF is its text.

use super::downloads::DownloadView;
use crate::content::downloads::{Download, human_size, kind};
use crate::content::partnership::Partnership;
use crate::content::pdf_input::{Part, PdfInput, PdfPlan};
use crate::content::{Page, PageId};
use crate::diagnostics::Diagnostic;
use crate::pdf::report_pdf;
use crate::source::SourceFile;

/// A PDF made for a page, waiting to be written.
#[derive(Debug, Clone)]
pub struct GeneratedPdf {
    /// The page it belongs to.
    pub page: PageId,
    /// The output path (`/reports/x/x.pdf`).
    pub dest: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// Makes the PDF of `page` if it should have one: returns the download entry and the file.
pub fn page_pdf(
    id: PageId,
    page: &Page,
    file: &SourceFile,
    root: &std::path::Path,
    language: &str,
    partnership: Option<&Partnership>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(DownloadView, GeneratedPdf)> {
    let input = match pdf_input(page, file, root, language, partnership) {
        Ok(Some(input)) => input,
        Ok(None) => return None,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let out =
        match report_pdf(&input) {
            Ok(out) => out,
            Err(e) => {
                let mut d = Diagnostic::error(format!(
                    "could not make the PDF of {}: {}",
                    e.source.display(),
                    e.message
                ))
                .in_file(&page.file.rel);
                if let Some(offset) = e.offset {
                    d = d.at(&page.file.text, offset..offset + 1);
                }
                diags.push(d.with_hint(e.hint.unwrap_or_else(|| {
                    "fix the Markdown of the report, or set pdf = false".into()
                })));
                return None;
            }
        };
    let file = format!("{}.pdf", page.slug);
    let (kind_abbr, kind_title) = kind("pdf");
    let bytes = out.bytes.len() as u64;
    let download = Download {
        title: format!("{} (PDF)", input.title),
        file: file.clone(),
        bytes,
        size: human_size(bytes),
        kind_abbr,
        kind_title,
        pages: Some(out.pages),
    };
    let dest = format!("{}/{file}", page.loc.path.trim_end_matches('/'));
    Some((
        DownloadView::new(page, download, true),
        GeneratedPdf {
            page: id,
            dest,
            bytes: out.bytes,
        },
    ))
}

/// What the PDF is made from; `None` when the page has no PDF.
fn pdf_input(
    page: &Page,
    file: &SourceFile,
    root: &std::path::Path,
    language: &str,
    partnership: Option<&Partnership>,
) -> Result<Option<PdfInput>, Diagnostic> {
    let kind_plan = page.kind.as_ref().and_then(|k| k.pdf(page, partnership));
    let plain = page.kind.is_none() && page.meta.pdf.unwrap_or(false);
    if kind_plan.is_none() && !plain {
        return Ok(None);
    }
    let title = page
        .meta
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            Diagnostic::error("a page with a PDF needs a `title`: it is the PDF's title too")
                .in_file(&page.file.rel)
        })?;
    let mut plan = match kind_plan {
        Some(plan) => plan,
        None => plain_page(page)?,
    };
    let (offset, body) = page.body(file);
    let at = plan.body_at.min(plan.parts.len());
    plan.parts.insert(
        at,
        Part::Markdown {
            text: body.to_string(),
            offset: Some(offset),
        },
    );
    Ok(Some(PdfInput {
        source: page.file.rel.clone(),
        image_dir: root
            .join(&page.file.rel)
            .parent()
            .map(std::path::Path::to_path_buf),
        title,
        kind_label: plan.kind_label.to_string(),
        partnership: partnership.and_then(|p| p.name.clone()),
        author: plan.author,
        period: plan.period,
        published: plan.published,
        facts: plan.facts,
        language: language.to_string(),
        parts: plan.parts,
    }))
}

/// The PDF of an ordinary page with `pdf = true`: its text, dated by its `date`.
fn plain_page(page: &Page) -> Result<PdfPlan, Diagnostic> {
    let date = page
        .meta
        .date
        .as_ref()
        .or(page.meta.updated.as_ref())
        .ok_or_else(|| {
            Diagnostic::error(
                "a page with `pdf = true` needs a `date`: it is the PDF's date, so the same page always gives the same file",
            )
            .in_file(&page.file.rel)
        })?;
    Ok(PdfPlan {
        kind_label: "",
        period: String::new(),
        published: date.date(),
        author: None,
        facts: Vec::new(),
        parts: Vec::new(),
        body_at: 0,
    })
}
