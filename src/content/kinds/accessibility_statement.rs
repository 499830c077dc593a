//! `kind = "accessibility-statement"`: the statement the Public Sector Bodies (Websites
//! and Mobile Applications) (No. 2) Accessibility Regulations 2018 ask every public body
//! to publish, in the parts of GOV.UK's model statement: who runs the site, how
//! compliant it is, what is not accessible and when it will be fixed, how to get another
//! format and report a problem, the enforcement procedure, and how and when the site was
//! tested and the statement reviewed (every year).

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::context::{error, warning};
use super::front::kind;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::content::documents::{Finding, Kind as DocumentKind};
use crate::diagnostics::Diagnostic;

/// How far the site meets WCAG 2.2 AA, in the model statement's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Fully compliant.
    Full,
    /// Partially compliant: the non-compliances are listed.
    Partial,
    /// Not compliant: most of the site is not yet accessible.
    Not,
}

impl Compliance {
    /// The model statement's sentence ending: "fully compliant".
    fn words(self) -> &'static str {
        match self {
            Compliance::Full => "fully compliant",
            Compliance::Partial => "partially compliant",
            Compliance::Not => "not compliant",
        }
    }
}

/// Content that is not accessible, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// What is not accessible, for whom (Markdown).
    pub problem: Spanned<String>,
    /// The WCAG 2.2 success criterion it fails (`1.1.1`).
    pub criterion: Option<String>,
    /// When it will be fixed.
    pub fix_by: Option<Spanned<DateValue>>,
}

kind! {
    /// The website's accessibility statement.
    AccessibilityStatement / AccessibilityStatementFrontMatter {
        /// Who runs the website (`the Westmoor Safeguarding Children Partnership`).
        pub body: String,
        /// How compliant the site is: `full`, `partial` or `not`.
        pub compliance: Compliance,
        /// Content that is not accessible (for `partial` or `not`).
        pub non_accessible: Vec<Problem> = default,
        /// What is not fixed because it would be a disproportionate burden, and why
        /// (Markdown).
        pub disproportionate_burden: Option<Spanned<String>>,
        /// Content outside the regulations (old PDFs, live video, maps) (Markdown).
        pub outside_scope: Option<Spanned<String>>,
        /// How to ask for another format (Markdown: an email address, a phone number).
        pub accessible_format: Spanned<String>,
        /// How many working days a reply to such a request takes.
        pub response_days: u32,
        /// How to report an accessibility problem (Markdown).
        pub report_problem: Spanned<String>,
        /// How the site was tested, and by whom (Markdown).
        pub tested_by: Spanned<String>,
        /// When the site was last tested.
        pub tested: DateValue,
        /// When the statement was first prepared.
        pub prepared: DateValue,
        /// When the statement was last reviewed; the regulations ask for a review every
        /// year.
        pub last_reviewed: DateValue,
    }
}

/// `page.data` of the statement, in the model statement's order.
#[derive(Debug, Clone, Serialize)]
pub struct AccessibilityStatementView {
    body: String,
    compliance: Compliance,
    compliance_words: &'static str,
    non_accessible: Vec<ProblemView>,
    disproportionate_burden: Option<String>,
    outside_scope: Option<String>,
    accessible_format: String,
    response_days: u32,
    report_problem: String,
    tested_by: String,
    tested: DateValue,
    prepared: DateValue,
    last_reviewed: DateValue,
    /// The PDFs the site offers that a screen reader cannot use well, found by reading
    /// them, so the statement lists them without anyone keeping the list.
    documents: Vec<DocumentView>,
}

/// A PDF download a screen reader cannot use well.
#[derive(Debug, Clone, Serialize)]
struct DocumentView {
    /// What the page calls it.
    title: String,
    /// Its address.
    url: String,
    /// What is wrong, in words ("not tagged: …").
    problems: Vec<String>,
}

/// A problem with its Markdown rendered.
#[derive(Debug, Clone, Serialize)]
struct ProblemView {
    problem: String,
    criterion: Option<String>,
    fix_by: Option<DateValue>,
}

/// Every PDF download of the site's pages with what makes it hard to use with a screen
/// reader (not tagged, no title, no language, no text), in page order, each once.
fn inaccessible_documents(ctx: &ViewContext) -> Vec<DocumentView> {
    let mut out = Vec::new();
    // A bundle's translations may offer the same file: it is listed once.
    let mut seen = std::collections::HashSet::new();
    for page in &ctx.site.pages {
        let Some(dir) = page.loc.bundle_dir() else {
            continue;
        };
        for download in &page.meta.downloads {
            let file = download.file.get_ref().trim();
            let path = ctx.root.join("content").join(dir).join(file);
            if DocumentKind::of(&path) != Some(DocumentKind::Pdf) || !seen.insert(path.clone()) {
                continue;
            }
            let inspection = ctx.documents.of(&path, DocumentKind::Pdf);
            let Ok(findings) = inspection.as_ref() else {
                continue;
            };
            let problems: Vec<String> = findings
                .iter()
                .filter(|f| !f.identifies())
                .map(Finding::describe)
                .collect();
            if !problems.is_empty() {
                out.push(DocumentView {
                    title: download.title.clone(),
                    url: format!("{}{file}", page.loc.permalink),
                    problems,
                });
            }
        }
    }
    out
}

impl Kind for AccessibilityStatement {
    const NAME: &'static str = "accessibility-statement";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "body",
            "add body = \"the … Safeguarding Children Partnership\": who runs the website",
        ),
        (
            "compliance",
            "add compliance = \"full\" (or \"partial\", \"not\"): how far the site meets WCAG 2.2 AA",
        ),
        (
            "accessible_format",
            "add accessible_format = \"Email …\": how to ask for information in another format",
        ),
        (
            "response_days",
            "add response_days = 5: how many working days a reply takes",
        ),
        (
            "report_problem",
            "add report_problem = \"Email …\": how to report an accessibility problem",
        ),
        (
            "tested_by",
            "add tested_by = \"…\": how the site was tested, and by whom",
        ),
        (
            "tested",
            "add tested = 2025-09-15: when the site was last tested",
        ),
        (
            "prepared",
            "add prepared = 2025-09-15: when the statement was first prepared",
        ),
        (
            "last_reviewed",
            "add last_reviewed = 2025-09-15: when the statement was last reviewed",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("non_accessible", &["problem"])];
    const ARCHETYPE: &'static str = include_str!("archetypes/accessibility-statement.md");
    type FrontMatter = AccessibilityStatementFrontMatter;
    type View = AccessibilityStatementView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let a_year_ago = ctx.today.saturating_sub(jiff::Span::new().years(1));
        if self.last_reviewed.date() < a_year_ago {
            out.push(warning(
                page,
                page.field_range("last_reviewed"),
                format!("the accessibility statement was last reviewed on {}, more than a year ago", self.last_reviewed),
                "the regulations ask for a review every year: test the site again, update what is not accessible, and set last_reviewed (and tested) to the day".into(),
            ));
        }
        for p in &self.non_accessible {
            if let Some(fix_by) = p.fix_by.as_ref().filter(|f| f.get_ref().date() < ctx.today) {
                out.push(warning(
                    page,
                    page.value_range(fix_by),
                    format!("a problem in the accessibility statement was to be fixed by {}, which has passed", fix_by.get_ref()),
                    "fix it and take it off the list, or give the new date it will be fixed by".into(),
                ));
            }
        }
        if self.compliance != Compliance::Full && self.non_accessible.is_empty() {
            out.push(error(
                page,
                page.field_range("compliance"),
                format!("the site is said to be {}, and no content is listed as not accessible", self.compliance.words()),
                "list each problem as a [[non_accessible]] table (problem = \"…\", criterion = \"1.1.1\", fix_by = 2026-03-31), or set compliance = \"full\"".into(),
            ));
        }
    }

    fn view(&self, ctx: &ViewContext) -> AccessibilityStatementView {
        AccessibilityStatementView {
            body: self.body.clone(),
            compliance: self.compliance,
            compliance_words: self.compliance.words(),
            non_accessible: self
                .non_accessible
                .iter()
                .map(|p| ProblemView {
                    problem: ctx.markdown(&p.problem),
                    criterion: p.criterion.clone(),
                    fix_by: p.fix_by.as_ref().map(|f| f.get_ref().clone()),
                })
                .collect(),
            disproportionate_burden: ctx.markdown_opt(&self.disproportionate_burden),
            outside_scope: ctx.markdown_opt(&self.outside_scope),
            accessible_format: ctx.markdown(&self.accessible_format),
            response_days: self.response_days,
            report_problem: ctx.markdown(&self.report_problem),
            tested_by: ctx.markdown(&self.tested_by),
            tested: self.tested.clone(),
            prepared: self.prepared.clone(),
            last_reviewed: self.last_reviewed.clone(),
            documents: inaccessible_documents(ctx),
        }
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.last_reviewed)
    }
}
