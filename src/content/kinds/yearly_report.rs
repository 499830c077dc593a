//! `kind = "yearly-report"`: the partners' yearly report — published within 3 months of
//! the end of its year, and sent within 7 days to the national panel and Foundations.

use jiff::ToSpan;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::arrangements::Guidance;
use super::context::{error, warning};
use super::front::kind;
use super::topics::Document;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::content::partnership::Partnership;
use crate::content::pdf_input::{Part, PdfPlan, escape_markdown, human_date};
use crate::diagnostics::Diagnostic;

/// A body the yearly report was sent to, and when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentTo {
    /// A body from `[yearly_report] bodies` (default: `panel`, `foundations`).
    pub body: Spanned<String>,
    /// When it was sent.
    pub date: DateValue,
}

/// A priority and the progress made on it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// A stable reference.
    pub id: Option<String>,
    /// The priority.
    pub title: String,
    /// Progress made (Markdown).
    pub progress: Option<Spanned<String>>,
}

kind! {
    /// The partnership's yearly report.
    YearlyReport / YearlyReportFrontMatter {
        /// The period covered (`2024-25`).
        pub period: String,
        /// When the period began.
        pub period_start: DateValue,
        /// When it ended.
        pub period_end: DateValue,
        /// The edition of Working Together it follows (WT2023 when absent), which selects
        /// the topics it is checked against.
        pub guidance: Option<Guidance>,
        /// When the report was published.
        pub published: DateValue,
        /// When the lead safeguarding partners signed it off.
        pub signed_off_by_lsps: Option<DateValue>,
        /// Who it was sent to, and when.
        pub sent_to: Vec<SentTo> = default,
        /// Priorities and progress.
        pub priorities: Vec<Priority> = default,
        /// Whether to make a PDF of the report (default true).
        pub pdf: Option<bool>,
    }
}

/// `page.data` of a yearly report.
#[derive(Debug, Clone, Serialize)]
pub struct YearlyReportView {
    period: String,
    period_start: DateValue,
    period_end: DateValue,
    guidance: Option<Guidance>,
    published: DateValue,
    signed_off_by_lsps: Option<DateValue>,
    sent_to: Vec<SentToView>,
    priorities: Vec<PriorityView>,
    pdf: Option<bool>,
}

/// A body the report was sent to, with the body's full name.
#[derive(Debug, Clone, Serialize)]
struct SentToView {
    body: String,
    body_name: Option<String>,
    date: DateValue,
}

/// A priority with its progress rendered.
#[derive(Debug, Clone, Serialize)]
struct PriorityView {
    id: Option<String>,
    title: String,
    progress: Option<String>,
}

impl YearlyReport {
    /// The edition of Working Together the report follows.
    pub fn guidance(&self) -> Guidance {
        self.guidance.unwrap_or(Guidance::Wt2023)
    }
}

impl Kind for YearlyReport {
    const NAME: &'static str = "yearly-report";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "period",
            "add period = \"2024-25\": the year the report covers",
        ),
        (
            "period_start",
            "add period_start = 2024-04-01: the first day of the year the report covers",
        ),
        (
            "period_end",
            "add period_end = 2025-03-31: the last day of the year the report covers (the report is due within 3 months of it)",
        ),
        (
            "published",
            "add published = 2025-06-30: the day the report was published",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("priorities", &["title"])];
    const ARCHETYPE: &'static str = include_str!("archetypes/yearly-report.md");
    type FrontMatter = YearlyReportFrontMatter;
    type View = YearlyReportView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let bodies = &ctx.config.yearly_report.bodies;
        let deadline = self.period_end.date().saturating_add(3.months());
        // The 3-month rule is WT2023's; a report under WT2018 is not held to it.
        if self.guidance() == Guidance::Wt2023 && self.published.date() > deadline {
            out.push(warning(
                page,
                page.field_range("published"),
                format!("the yearly report was published on {}, more than 3 months after its period ended on {}", self.published, self.period_end),
                "Working Together 2023 expects the yearly report within 3 months of the end of the period it covers (recalled from the guidance, to be checked against the published text)".into(),
            ));
        }
        for sent in &self.sent_to {
            let body = sent.body.get_ref();
            let range = page.value_range(&sent.body);
            let Some(name) = bodies.get(body) else {
                let known: Vec<&str> = bodies.keys().map(String::as_str).collect();
                out.push(error(
                    page,
                    range,
                    format!("`{body}` is not one of the bodies yearly reports are sent to"),
                    format!(
                        "use one of: {}; or add it under [yearly_report] bodies in config.toml",
                        known.join(", ")
                    ),
                ));
                continue;
            };
            if sent.date.date() > self.published.date().saturating_add(7.days()) {
                out.push(warning(
                    page,
                    range,
                    format!("the report was sent to {name} on {}, more than 7 days after it was published on {}", sent.date, self.published),
                    "Working Together asks partners to send the yearly report to the national panel and the What Works Centre (now Foundations) within 7 days of publishing it (recalled from the guidance, to be checked against the published text)".into(),
                ));
            }
        }
    }

    fn view(&self, ctx: &ViewContext) -> YearlyReportView {
        let bodies = &ctx.config.yearly_report.bodies;
        YearlyReportView {
            period: self.period.clone(),
            period_start: self.period_start.clone(),
            period_end: self.period_end.clone(),
            guidance: self.guidance,
            published: self.published.clone(),
            signed_off_by_lsps: self.signed_off_by_lsps.clone(),
            sent_to: self
                .sent_to
                .iter()
                .map(|s| SentToView {
                    body: s.body.get_ref().clone(),
                    body_name: bodies.get(s.body.get_ref()).cloned(),
                    date: s.date.clone(),
                })
                .collect(),
            priorities: self
                .priorities
                .iter()
                .map(|p| PriorityView {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    progress: ctx.markdown_opt(&p.progress),
                })
                .collect(),
            pdf: self.pdf,
        }
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.published)
    }

    fn statutory(&self) -> Option<(Document, Guidance)> {
        Some((Document::YearlyReport, self.guidance()))
    }

    fn pdf(&self, _page: &Page, partnership: Option<&Partnership>) -> Option<PdfPlan> {
        if !self.pdf.unwrap_or(true) {
            return None;
        }
        let facts = self
            .signed_off_by_lsps
            .iter()
            .map(|d| {
                (
                    "Signed off by the lead safeguarding partners".to_string(),
                    human_date(d.date()),
                )
            })
            .collect();
        let mut parts = Vec::new();
        if !self.priorities.is_empty() {
            parts.push(Part::Heading(2, "Our priorities".into()));
            parts.push(Part::Table {
                caption: "Priorities and the progress made on each".into(),
                columns: vec!["Priority".into(), "Progress".into()],
                rows: self
                    .priorities
                    .iter()
                    .map(|p| {
                        vec![
                            escape_markdown(&p.title),
                            p.progress
                                .as_ref()
                                .map(|t| t.get_ref().clone())
                                .unwrap_or_default(),
                        ]
                    })
                    .collect(),
            });
        }
        Some(PdfPlan {
            kind_label: "Yearly report",
            period: format!(
                "{} to {}",
                human_date(self.period_start.date()),
                human_date(self.period_end.date())
            ),
            published: self.published.date(),
            author: partnership.and_then(|p| p.name.clone()),
            facts,
            parts,
            body_at: 0,
        })
    }
}
