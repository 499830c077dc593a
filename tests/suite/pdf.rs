//! The PDFs of reports (feature `pdf`): every heading and recommendation is in the
//! PDF's text, the file is tagged with the report's title and language, the same site
//! gives the same bytes, the report page offers the PDF as a download, and a report
//! the PDF step cannot handle gives an error naming its file.
//!
//! The PDF is read with `pdftotext` and `pdfinfo` from poppler-utils, which must be
//! installed: these tests fail, rather than skip, without them.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

const REPORT: &str = "content/scrutiny/report-2025-26/index.md";
const PDF: &str = "public/scrutiny/report-2025-26/report-2025-26.pdf";

/// `kinds/shared` with `pdf/` laid over it and the default theme copied in.
fn pdf_site() -> (TempDir, PathBuf) {
    common::site_with_theme("kinds/shared", "pdf")
}

fn build(root: &Path) -> String {
    common::build_ok_with(common::on("build", root).env("SAFESITE_TODAY", "2026-09-01"))
}

/// Runs a poppler-utils tool on `pdf`, failing with a clear message when it is missing.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| {
            panic!("could not run `{tool}` ({e}): install poppler-utils (apt-get install poppler-utils) to run the PDF tests")
        });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Drops whitespace and hyphens, so text wrapped inside a table cell (where pdftotext
/// also joins words broken at a hyphen) still matches.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

#[test]
fn the_pdf_has_every_heading_and_recommendation() {
    let (_tmp, root) = pdf_site();
    build(&root);
    let pdf = root.join(PDF);
    assert!(pdf.is_file(), "no PDF at {PDF}");
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &pdf);
    let compacted = compact(&text);
    for expected in [
        // The title page.
        "Independent scrutineer's report 2025 to 2026",
        "Test Safeguarding Children Partnership",
        "2025-26 (1 April 2025 to 31 March 2026)",
        "1 July 2026",
        "Dr Ann Lee",
        "Contents",
        // Headings from the front matter and the Markdown.
        "Summary",
        "Scope",
        "Methods",
        "What I looked at",
        "Rapid reviews",
        "Next year",
        "Findings",
        "What is working well",
        "Areas for development",
        "Recommendations",
        // Text that Typst markup would otherwise read as markup.
        "figures #1 to #3; 50% rise",
        "<angle> brackets",
        "a nested point",
        "All of them were completed within 15 working days.",
        // The recommendations.
        "2026-R1",
        "Evaluate the impact of multi-agency training.",
        "2026-R2",
        "Publish a plain-language summary for young people & families.",
        "Agreed: the young advisers will co-write it.",
        "In progress",
    ] {
        assert!(
            compacted.contains(&compact(expected)),
            "the PDF's text lacks {expected:?}:\n{text}"
        );
    }
}

#[test]
fn the_pdf_is_tagged_with_title_and_language() {
    let (_tmp, root) = pdf_site();
    build(&root);
    let pdf = root.join(PDF);
    let info = poppler("pdfinfo", &[], &pdf);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo has no {name}:\n{info}"))
            .to_string()
    };
    assert_eq!(field("Tagged"), "yes", "{info}");
    assert_eq!(
        field("Title"),
        "Independent scrutineer's report 2025 to 2026"
    );
    assert_eq!(field("Author"), "Dr Ann Lee, Independent Scrutineer");
    assert!(field("Pages").parse::<u32>().expect("page count") >= 2);
    // The language and PDF/UA conformance, from the XMP metadata.
    let meta = poppler("pdfinfo", &["-meta"], &pdf);
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>"),
        "no en-GB language in the metadata:\n{meta}"
    );
    assert!(
        meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "not PDF/UA-1:\n{meta}"
    );
    // And in the catalog, where screen readers look.
    let bytes = std::fs::read(&pdf).expect("read PDF");
    let raw = String::from_utf8_lossy(&bytes).replace("/Lang (", "/Lang(");
    assert!(
        raw.contains("/Lang(en-GB)"),
        "the PDF's catalog does not declare /Lang (en-GB)"
    );
}

#[test]
fn the_report_page_offers_the_pdf() {
    let (_tmp, root) = pdf_site();
    build(&root);
    let html = std::fs::read_to_string(root.join("public/scrutiny/report-2025-26/index.html"))
        .expect("report page");
    let pdf_len = std::fs::metadata(root.join(PDF)).expect("PDF").len();
    assert!(
        html.contains("report-2025-26.pdf"),
        "no link to the PDF:\n{html}"
    );
    assert!(html.contains("(PDF)"), "no download title");
    assert!(pdf_len > 1000);
    assert!(html.contains(" pages"), "no page count on the report page");
}

#[test]
fn the_same_site_gives_the_same_pdf() {
    let (_tmp, root) = pdf_site();
    build(&root);
    let first = std::fs::read(root.join(PDF)).expect("first PDF");
    build(&root);
    let second = std::fs::read(root.join(PDF)).expect("second PDF");
    assert!(first == second, "two builds gave different PDF bytes");
}

#[test]
fn a_report_the_pdf_step_rejects_names_the_report() {
    let (_tmp, root) = pdf_site();
    let path = root.join(REPORT);
    let text = std::fs::read_to_string(&path).expect("report");
    let broken = text.replace(
        "![Bar chart of rapid reviews by quarter](chart.png)",
        "![](chart.png)",
    );
    assert_ne!(text, broken);
    std::fs::write(&path, broken).expect("write report");
    let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", "2026-09-01"));
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("report-2025-26/index.md"),
        "the error does not name the report:\n{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("no alternative text"),
        "the error does not say what is wrong:\n{}",
        out.stderr
    );
}

#[test]
fn pdf_false_turns_the_pdf_off() {
    let (_tmp, root) = pdf_site();
    let path = root.join(REPORT);
    let text = std::fs::read_to_string(&path).expect("report");
    std::fs::write(
        &path,
        text.replace(
            "scrutineer = \"ann-lee\"",
            "scrutineer = \"ann-lee\"\npdf = false",
        ),
    )
    .expect("write report");
    build(&root);
    assert!(!root.join(PDF).exists());
}

#[test]
fn a_plain_page_with_pdf_true_gets_a_pdf_and_others_do_not() {
    let (_tmp, root) = pdf_site();
    std::fs::create_dir_all(root.join("content/briefing")).expect("mkdir");
    common::write(
        &root,
        "content/briefing/index.md",
        "+++\ntitle = \"Seven-minute briefing: neglect\"\ndate = 2026-05-01\npdf = true\n+++\n\n## What we learned\n\nEarly help works when families are heard.\n",
    );
    common::write(
        &root,
        "content/news.md",
        "+++\ntitle = \"News\"\ndate = 2026-05-01\n+++\n\nNothing to print.\n",
    );
    build(&root);
    let pdf = root.join("public/briefing/briefing.pdf");
    assert!(pdf.is_file(), "no PDF for the page with pdf = true");
    assert!(compact(&poppler("pdftotext", &[], &pdf)).contains(&compact("What we learned")));
    let news_pdfs: Vec<_> = std::fs::read_dir(root.join("public/news"))
        .expect("news built")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(news_pdfs.is_empty(), "a page without pdf = true got a PDF");
}
