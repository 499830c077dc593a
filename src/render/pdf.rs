//! The PDF of each report (and of any page with `pdf = true`): made from the same
//! Markdown and front matter as the page, in parallel with the rest of the page values,
//! and offered in `page.downloads` like any other download.

use serde_json::{Value, json};

use crate::content::downloads::{Download, human_size, kind};
use crate::content::kinds::KindData;
use crate::content::kinds::people::PersonRef;
use crate::content::kinds::records::FindingKind;
use crate::content::partnership::{Partnership, resolve};
use crate::content::{Page, PageId};
use crate::diagnostics::Diagnostic;
use crate::pdf::{Part, PdfInput, report_pdf};

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
    root: &std::path::Path,
    language: &str,
    partnership: Option<&Partnership>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Value, GeneratedPdf)> {
    let input = match pdf_input(page, root, language, partnership) {
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
    let mut v = serde_json::to_value(&download).unwrap_or(Value::Null);
    v["url"] = json!(format!(
        "{}{}",
        page.loc.permalink,
        super::kinds::encode_path(&file)
    ));
    v["summary"] = json!(download.summary());
    v["generated"] = json!(true);
    let dest = format!("{}/{file}", page.loc.path.trim_end_matches('/'));
    Some((
        v,
        GeneratedPdf {
            page: id,
            dest,
            bytes: out.bytes,
        },
    ))
}

fn human(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

fn person(partnership: Option<&Partnership>, r: &PersonRef) -> Option<String> {
    resolve(partnership, r)
        .ok()
        .map(|p| p.display)
        .filter(|s| !s.is_empty())
}

/// Where a front-matter Markdown field starts in the file (its first line), if found.
fn field_offset(page: &Page, text: &str) -> Option<usize> {
    let block = &page.file.text[page.split.front.clone()];
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    block.find(first).map(|i| page.split.front.start + i)
}

fn md(page: &Page, text: &str) -> Part {
    Part::Markdown {
        text: text.to_string(),
        offset: field_offset(page, text),
    }
}

/// What the PDF is made from; `None` when the page has no PDF.
fn pdf_input(
    page: &Page,
    root: &std::path::Path,
    language: &str,
    partnership: Option<&Partnership>,
) -> Result<Option<PdfInput>, Diagnostic> {
    let wanted = match &page.kind {
        Some(KindData::ScrutinyReport(r)) => r.pdf.unwrap_or(true),
        Some(KindData::YearlyReport(r)) => r.pdf.unwrap_or(true),
        _ => page.meta.pdf.unwrap_or(false),
    };
    if !wanted {
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
    let (_, body_offset, body) = page.body();
    let image_dir = root
        .join(&page.file.rel)
        .parent()
        .map(std::path::Path::to_path_buf);
    let body_part = Part::Markdown {
        text: body.to_string(),
        offset: Some(body_offset),
    };
    let mut parts = Vec::new();
    let mut facts = Vec::new();
    let (kind_label, period, published, author) = match &page.kind {
        Some(KindData::ScrutinyReport(r)) => {
            let scrutineer = person(partnership, &r.scrutineer);
            if let Some(s) = &scrutineer {
                facts.push(("Independent scrutineer".to_string(), s.clone()));
            }
            parts.push(Part::Heading(2, "Summary".into()));
            parts.push(md(page, &r.summary));
            if let Some(scope) = &r.scope {
                parts.push(Part::Heading(2, "Scope".into()));
                parts.push(md(page, scope));
            }
            if let Some(methods) = &r.methods {
                parts.push(Part::Heading(2, "Methods".into()));
                parts.push(md(page, methods));
            }
            parts.push(body_part);
            if !r.findings.is_empty() {
                parts.push(Part::Heading(2, "Findings".into()));
                for (k, heading) in [
                    (FindingKind::Strength, "What is working well"),
                    (FindingKind::AreaForDevelopment, "Areas for development"),
                    (FindingKind::Observation, "Observations"),
                ] {
                    let items: Vec<String> = r
                        .findings
                        .iter()
                        .filter(|f| f.kind == k)
                        .map(|f| format!("- {}", f.text.trim().replace('\n', "\n  ")))
                        .collect();
                    if !items.is_empty() {
                        parts.push(Part::Heading(3, heading.into()));
                        parts.push(Part::Markdown {
                            text: items.join("\n"),
                            offset: None,
                        });
                    }
                }
            }
            if !r.recommendations.is_empty() {
                parts.push(Part::Heading(2, "Recommendations".into()));
                let rows = r
                    .recommendations
                    .iter()
                    .map(|rec| {
                        let mut text = rec.text.trim().to_string();
                        if let Some(resp) = &rec.response {
                            text.push_str("\n\n*Response:* ");
                            text.push_str(resp.trim());
                        }
                        vec![
                            rec.id.clone(),
                            text,
                            rec.owner
                                .as_ref()
                                .and_then(|o| person(partnership, o))
                                .unwrap_or_default(),
                            rec.due
                                .as_ref()
                                .map(|d| human(d.date()))
                                .unwrap_or_default(),
                            rec.status.label().to_string(),
                        ]
                    })
                    .collect();
                parts.push(Part::Table {
                    caption: "Recommendations of this report".into(),
                    columns: ["ID", "Recommendation", "Owner", "Due", "Status"]
                        .map(String::from)
                        .to_vec(),
                    rows,
                });
            }
            let period = match (&r.period_start, &r.period_end) {
                (Some(s), Some(e)) => {
                    format!("{} ({} to {})", r.period, human(s.date()), human(e.date()))
                }
                _ => r.period.clone(),
            };
            (
                "Independent scrutiny report",
                period,
                r.published.date(),
                scrutineer,
            )
        }
        Some(KindData::YearlyReport(r)) => {
            if let Some(d) = &r.signed_off_by_lsps {
                facts.push((
                    "Signed off by the lead safeguarding partners".to_string(),
                    human(d.date()),
                ));
            }
            parts.push(body_part);
            if !r.priorities.is_empty() {
                parts.push(Part::Heading(2, "Our priorities".into()));
                parts.push(Part::Table {
                    caption: "Priorities and the progress made on each".into(),
                    columns: vec!["Priority".into(), "Progress".into()],
                    rows: r
                        .priorities
                        .iter()
                        .map(|p| {
                            vec![
                                crate::pdf::markup::escape_markdown(&p.title),
                                p.progress.clone().unwrap_or_default(),
                            ]
                        })
                        .collect(),
                });
            }
            (
                "Yearly report",
                format!(
                    "{} to {}",
                    human(r.period_start.date()),
                    human(r.period_end.date())
                ),
                r.published.date(),
                partnership.and_then(|p| p.name.clone()),
            )
        }
        _ => {
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
            parts.push(body_part);
            ("", String::new(), date.date(), None)
        }
    };
    Ok(Some(PdfInput {
        source: page.file.rel.clone(),
        image_dir,
        title,
        kind_label: kind_label.to_string(),
        partnership: partnership.and_then(|p| p.name.clone()),
        author,
        period,
        published,
        facts,
        language: language.to_string(),
        parts,
    }))
}
