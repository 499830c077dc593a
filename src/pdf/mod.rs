//! PDFs of reports, made with typst as a library: in-process, no network, fonts bundled.
//!
//! [`report_pdf`] writes the report as Typst markup (a title page with the partnership,
//! period and publication date; contents; the Markdown parts; tables such as the
//! recommendations), compiles it in a `world::ReportWorld` whose "today" is the report's
//! date, and exports a tagged PDF/UA-1 file. The same input always gives the same bytes:
//! the PDF's dates come from the report, never the clock.

pub mod markup;
mod world;

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use crate::content::pdf_input::{Part, PdfInput};
use markup::{Doc, escape_text, string_literal};

/// A PDF, and how many pages it has.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its page count.
    pub pages: u32,
}

/// Why a report's PDF could not be made.
#[derive(Debug, Clone)]
pub struct PdfError {
    /// The content file.
    pub source: PathBuf,
    /// What went wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where in the content file, if it could be traced back.
    pub offset: Option<usize>,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not make the PDF of {}: {}",
            self.source.display(),
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for PdfError {}

/// Makes the PDF of one report, or gives back the one made earlier by this process from
/// exactly the same input (`serve` rebuilds often; unchanged reports are not laid out
/// again).
pub fn report_pdf(input: &PdfInput) -> Result<PdfOutput, PdfError> {
    let doc = typst_source(input);
    let key = cache_key(&doc.out, &doc.files, input);
    if let Some(done) = cached(key) {
        return Ok(done);
    }
    let made = compile(input, doc)?;
    remember(key, &made);
    Ok(made)
}

/// Lays out and exports the PDF of `doc`, the report's Typst document.
fn compile(input: &PdfInput, doc: Doc) -> Result<PdfOutput, PdfError> {
    let error = |message: String, hint: Option<String>, offset: Option<usize>| PdfError {
        source: input.source.clone(),
        message,
        hint,
        offset,
    };
    if let Some((url, problem, offset)) = doc.unreadable.first() {
        return Err(error(
            format!("the image `{url}` could not be read: {problem}"),
            Some("images in a report are files in the page's folder".into()),
            *offset,
        ));
    }
    let date = input.published;
    let today = Datetime::from_ymd(i32::from(date.year()), date.month() as u8, date.day() as u8)
        .ok_or_else(|| error(format!("the date {date} is out of range"), None, None))?;
    let Doc {
        out,
        files,
        map,
        missing_alt,
        ..
    } = doc;
    let world = world::ReportWorld::new(out, files, today);
    let explain = |diags: &[SourceDiagnostic]| -> PdfError {
        let first = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diags.first());
        let Some(d) = first else {
            return error("typst gave no reason".into(), None, None);
        };
        let range: Option<Range<usize>> = world.range(d.span);
        let offset = range.as_ref().and_then(|r| {
            map.iter()
                .take_while(|(at, _)| *at <= r.start)
                .last()
                .map(|(_, file)| *file)
        });
        let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        let message = d.message.to_string();
        if message.contains("alt") && !missing_alt.is_empty() {
            let m = &missing_alt[0];
            return error(
                format!("the image `{}` has no alternative text", m.url),
                Some(format!(
                    "describe the image in the brackets: ![what the image shows]({})",
                    m.url
                )),
                m.offset.or(offset),
            );
        }
        if let Some(r) = range {
            let markup = world.main_source().text();
            let line_start = markup[..r.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = markup[r.start..]
                .find('\n')
                .map_or(markup.len(), |i| r.start + i);
            let snippet: String = markup[line_start..line_end].chars().take(120).collect();
            hints.push(format!("in the generated Typst: {snippet}"));
        }
        error(
            format!("typst: {message}"),
            (!hints.is_empty()).then(|| hints.join("; ")),
            offset,
        )
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|d| explain(&d))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| error(format!("typst: {}", e.message()), None, None))?;
    let options = PdfOptions {
        ident: Smart::Custom(input.source.to_string_lossy().into_owned()),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|d| explain(&d))?;
    Ok(PdfOutput {
        bytes,
        pages: u32::try_from(document.pages().len()).unwrap_or(u32::MAX),
    })
}

/// PDFs made by this process, by the hash of everything they are made from.
static MADE: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<u64, PdfOutput>>> =
    std::sync::LazyLock::new(Default::default);

/// How many PDFs to keep for `serve`; past this the cache starts again.
const KEEP: usize = 256;

/// A hash of everything a report's PDF is made from.
fn cache_key(markup: &str, files: &[(String, Vec<u8>)], input: &PdfInput) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    markup.hash(&mut h);
    files.hash(&mut h);
    input.source.hash(&mut h);
    input.published.hash(&mut h);
    input.language.hash(&mut h);
    h.finish()
}

/// The PDF made earlier from the same input, if any.
fn cached(key: u64) -> Option<PdfOutput> {
    MADE.lock().ok()?.get(&key).cloned()
}

/// Keeps a PDF for the next rebuild.
fn remember(key: u64, made: &PdfOutput) {
    if let Ok(mut map) = MADE.lock() {
        if map.len() >= KEEP {
            map.clear();
        }
        map.insert(key, made.clone());
    }
}

/// `en-GB` → (`en`, `GB`).
fn lang_region(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let lang = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or_else(|| "en".to_string(), str::to_ascii_lowercase);
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    (lang, region)
}

/// The whole Typst document.
fn typst_source(input: &PdfInput) -> Doc {
    let mut doc = Doc::default();
    let (lang, region) = lang_region(&input.language);
    let d = input.published;
    let region = region.map_or_else(String::new, |r| format!(", region: {}", string_literal(&r)));
    let author = input
        .author
        .as_deref()
        .map_or_else(String::new, |a| format!(", author: {}", string_literal(a)));
    doc.raw(&format!(
        "#set document(title: {}{author}, date: datetime(year: {}, month: {}, day: {}))\n",
        string_literal(&input.title),
        d.year(),
        d.month(),
        d.day()
    ));
    doc.raw(&format!(
        "#set text(font: (\"DejaVu Sans\",), size: 10.5pt, lang: {}{region})\n",
        string_literal(&lang)
    ));
    doc.raw(concat!(
        "#set page(paper: \"a4\", margin: (x: 2.2cm, y: 2.5cm), numbering: \"1\")\n",
        "#set par(justify: false, leading: 0.7em)\n",
        "#set heading(numbering: none)\n",
        // Quotes stay as written: the Markdown's own smart punctuation already applied.
        "#set smartquote(enabled: false)\n",
        "#show heading: set block(above: 1.6em, below: 0.8em)\n",
        "#show heading.where(level: 1): set text(size: 22pt)\n",
        "#show heading.where(level: 2): set text(size: 15pt)\n",
        "#show heading.where(level: 3): set text(size: 12pt)\n",
        "#show raw: set text(font: \"DejaVu Sans Mono\", size: 9pt)\n",
        "#show link: underline\n",
        "#set table(inset: 6pt, stroke: 0.5pt + luma(140))\n",
        "#show table.cell.where(y: 0): strong\n",
    ));
    // The title page.
    doc.raw("#page(numbering: none)[\n#v(18%)\n");
    if let Some(p) = &input.partnership {
        doc.raw(&format!("#text(size: 13pt)[{}]\n\n", escape_text(p)));
    }
    doc.raw(&format!(
        "#heading(level: 1, outlined: false)[{}];\n\n",
        escape_text(&input.title)
    ));
    if !input.kind_label.is_empty() {
        doc.raw(&format!(
            "#text(size: 13pt)[{}]\n\n",
            escape_text(&input.kind_label)
        ));
    }
    doc.raw("#v(2em)\n");
    let published = d.strftime("%-d %B %Y").to_string();
    let mut facts = Vec::new();
    if !input.period.is_empty() {
        facts.push(("Period".to_string(), input.period.clone()));
    }
    facts.push(("Published".to_string(), published));
    facts.extend(input.facts.iter().cloned());
    for (label, value) in &facts {
        doc.raw(&format!(
            "#strong[{}:] {}\n\n",
            escape_text(label),
            escape_text(value)
        ));
    }
    doc.raw("]\n");
    doc.raw("#outline(depth: 3)\n#pagebreak()\n\n");
    let dir = input.image_dir.as_deref();
    for part in &input.parts {
        match part {
            Part::Heading(level, text) => doc.raw(&format!(
                "#heading(level: {level})[{}];\n\n",
                escape_text(text)
            )),
            Part::Markdown { text, offset } => {
                doc.markdown(text, *offset, dir);
                doc.raw("\n\n");
            }
            Part::Table {
                caption,
                columns,
                rows,
            } => {
                // The caption stays with the table for screen readers, as the HTML does.
                doc.raw(&format!(
                    "#figure(kind: table, supplement: none, numbering: none, caption: figure.caption(position: top)[{}])[\n#table(columns: {}, align: left,\ntable.header(",
                    escape_text(caption),
                    columns.len().max(1)
                ));
                for c in columns {
                    doc.raw(&format!("[{}], ", escape_text(c)));
                }
                doc.raw("),\n");
                for row in rows {
                    for cell in row {
                        doc.raw("[");
                        doc.markdown(cell, None, dir);
                        let trimmed = doc.out.trim_end().len();
                        doc.out.truncate(trimmed);
                        doc.raw("], ");
                    }
                    doc.raw("\n");
                }
                doc.raw(")]\n\n");
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PdfInput {
        PdfInput {
            source: "content/reports/r.md".into(),
            image_dir: None,
            title: "Report 2024 to 2025 #1 [draft]".into(),
            kind_label: "Independent scrutiny report".into(),
            partnership: Some("Westmoor Safeguarding Children Partnership".into()),
            author: Some("Dr A * B".into()),
            period: "1 April 2024 to 31 March 2025".into(),
            published: jiff::civil::date(2025, 7, 14),
            facts: vec![],
            language: "en-GB".into(),
            parts: vec![
                Part::Heading(2, "Summary".into()),
                Part::Markdown {
                    text: "Text with #hash, $dollar, *star*, _under_, @at, <lt>, \\back, `code`, [br], = eq, - dash, + plus, // slash, ~tilde.\n\n1\\. not a list\n\n## Next *year*\n\n- a\n- b\n\n| h1 | h2 |\n|---|---|\n| c | d |\n\nNote[^n].\n\n[^n]: The footnote.".into(),
                    offset: Some(0),
                },
                Part::Table {
                    caption: "Recommendations".into(),
                    columns: vec!["ID".into(), "Recommendation".into()],
                    rows: vec![vec!["2025-R1".into(), "Do *this*.".into()]],
                },
            ],
        }
    }

    #[test]
    fn a_report_compiles_to_the_same_bytes_twice() {
        let make = || {
            let i = input();
            compile(&i, typst_source(&i)).unwrap_or_else(|e| panic!("{e}"))
        };
        let (a, b) = (make(), make());
        assert!(a.bytes.starts_with(b"%PDF-"));
        assert!(a.pages >= 2);
        assert_eq!(a.bytes, b.bytes);
    }

    #[test]
    fn an_unchanged_report_is_not_laid_out_again() {
        let first = input();
        let doc = typst_source(&first);
        let key = cache_key(&doc.out, &doc.files, &first);
        report_pdf(&first).unwrap_or_else(|e| panic!("{e}"));
        assert!(cached(key).is_some(), "the PDF was not kept");
        let mut changed = input();
        changed.title.push_str(" (revised)");
        let other = typst_source(&changed);
        assert_ne!(key, cache_key(&other.out, &other.files, &changed));
    }

    #[test]
    fn language_tags_split() {
        assert_eq!(lang_region("en-GB"), ("en".into(), Some("GB".into())));
        assert_eq!(lang_region("cy"), ("cy".into(), None));
    }
}
