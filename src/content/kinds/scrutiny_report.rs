//! `kind = "scrutiny-report"`: the independent scrutineer's report — what was looked at
//! and how, the findings, and the recommendations followed in the tracker.

use serde::Serialize;
use toml::Spanned;

use super::front::kind;
use super::people::{Person, PersonRef};
use super::records::{
    Finding, FindingKind, FindingView, Recommendation, RecordView, owners, unique_ids,
};
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::content::partnership::{Partnership, resolve};
use crate::content::pdf_input::{Part, PdfPlan, field_part, human_date};
use crate::diagnostics::Diagnostic;

kind! {
    /// The independent scrutineer's report.
    ScrutinyReport / ScrutinyReportFrontMatter {
        /// The period covered (`2024-25`).
        pub period: String,
        /// When the period began, if it is not a financial year.
        pub period_start: Option<DateValue>,
        /// When it ended.
        pub period_end: Option<DateValue>,
        /// When the report was published.
        pub published: DateValue,
        /// Who wrote it.
        pub scrutineer: Spanned<PersonRef>,
        /// The summary (Markdown).
        pub summary: Spanned<String>,
        /// What was looked at (Markdown).
        pub scope: Option<Spanned<String>>,
        /// How (Markdown).
        pub methods: Option<Spanned<String>>,
        /// Strengths, areas for development, observations.
        pub findings: Vec<Finding> = default,
        /// Recommendations, followed in the tracker.
        pub recommendations: Vec<Recommendation> = default,
        /// Whether to make a PDF of the report (default true).
        pub pdf: Option<bool>,
    }
}

/// `page.data` of a scrutiny report.
#[derive(Debug, Clone, Serialize)]
pub struct ScrutinyReportView {
    period: String,
    period_start: Option<DateValue>,
    period_end: Option<DateValue>,
    published: DateValue,
    scrutineer: Option<Person>,
    summary: String,
    scope: Option<String>,
    methods: Option<String>,
    findings: Vec<FindingView>,
    recommendations: Vec<RecordView>,
    pdf: Option<bool>,
    /// The findings under their headings, strengths first; kinds with none left out.
    findings_by_kind: Vec<FindingGroup>,
}

/// The findings of one kind.
#[derive(Debug, Clone, Serialize)]
struct FindingGroup {
    kind: FindingKind,
    heading: &'static str,
    items: Vec<FindingView>,
}

impl Kind for ScrutinyReport {
    const NAME: &'static str = "scrutiny-report";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "period",
            "add period = \"2024-25\": the year the report covers",
        ),
        (
            "published",
            "add published = 2025-07-14: the day the report was published",
        ),
        (
            "scrutineer",
            "add scrutineer = \"jane-smith\" (the id of the scrutineer in data/partnership.toml) or scrutineer = { name = \"…\", postholder = \"…\", organisation = \"…\" }",
        ),
        (
            "summary",
            "add summary = \"\"\"…\"\"\": the scrutineer's summary, in Markdown, shown at the top of the report",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] = &[
        ("recommendations", &["id", "text"]),
        ("findings", &["kind", "text"]),
    ];
    const ARCHETYPE: &'static str = include_str!("archetypes/scrutiny-report.md");
    type FrontMatter = ScrutinyReportFrontMatter;
    type View = ScrutinyReportView;

    fn check(&self, page: &Page, _ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        unique_ids(page, &self.recommendations, out);
    }

    fn view(&self, ctx: &ViewContext) -> ScrutinyReportView {
        let findings: Vec<FindingView> = self.findings.iter().map(|f| f.view(ctx)).collect();
        let findings_by_kind = FindingKind::GROUPS
            .into_iter()
            .filter_map(|(kind, heading)| {
                let items: Vec<FindingView> = findings
                    .iter()
                    .filter(|f| f.kind == kind)
                    .cloned()
                    .collect();
                (!items.is_empty()).then_some(FindingGroup {
                    kind,
                    heading,
                    items,
                })
            })
            .collect();
        ScrutinyReportView {
            period: self.period.clone(),
            period_start: self.period_start.clone(),
            period_end: self.period_end.clone(),
            published: self.published.clone(),
            scrutineer: ctx.person(&self.scrutineer),
            summary: ctx.markdown(&self.summary),
            scope: ctx.markdown_opt(&self.scope),
            methods: ctx.markdown_opt(&self.methods),
            findings,
            recommendations: self.recommendations.iter().map(|r| r.view(ctx)).collect(),
            pdf: self.pdf,
            findings_by_kind,
        }
    }

    fn tracked(view: &ScrutinyReportView) -> Vec<(&RecordView, Option<u32>)> {
        view.recommendations.iter().map(|r| (r, None)).collect()
    }

    fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
        std::iter::once(("scrutineer", &self.scrutineer))
            .chain(owners(&self.recommendations))
            .collect()
    }

    fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.published)
    }

    fn short_name(&self) -> Option<String> {
        Some(self.period.clone())
    }

    fn pdf(&self, page: &Page, partnership: Option<&Partnership>) -> Option<PdfPlan> {
        if !self.pdf.unwrap_or(true) {
            return None;
        }
        let person = |r: &PersonRef| {
            resolve(partnership, r)
                .ok()
                .map(|p| p.display)
                .filter(|s| !s.is_empty())
        };
        let scrutineer = person(self.scrutineer.get_ref());
        let mut parts = vec![
            Part::Heading(2, "Summary".into()),
            field_part(page, &self.summary),
        ];
        for (heading, field) in [("Scope", &self.scope), ("Methods", &self.methods)] {
            if let Some(text) = field {
                parts.push(Part::Heading(2, heading.into()));
                parts.push(field_part(page, text));
            }
        }
        let body_at = parts.len();
        if !self.findings.is_empty() {
            parts.push(Part::Heading(2, "Findings".into()));
            for (kind, heading) in FindingKind::GROUPS {
                let items: Vec<String> = self
                    .findings
                    .iter()
                    .filter(|f| f.kind == kind)
                    .map(|f| format!("- {}", f.text.get_ref().trim().replace('\n', "\n  ")))
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
        if !self.recommendations.is_empty() {
            parts.push(Part::Heading(2, "Recommendations".into()));
            parts.push(recommendations_table(&self.recommendations, &person));
        }
        let period = match (&self.period_start, &self.period_end) {
            (Some(s), Some(e)) => format!(
                "{} ({} to {})",
                self.period,
                human_date(s.date()),
                human_date(e.date())
            ),
            _ => self.period.clone(),
        };
        let facts = scrutineer
            .iter()
            .map(|s| ("Independent scrutineer".to_string(), s.clone()))
            .collect();
        Some(PdfPlan {
            kind_label: "Independent scrutiny report",
            period,
            published: self.published.date(),
            author: scrutineer,
            facts,
            parts,
            body_at,
        })
    }
}

/// The recommendations as a table of the PDF: id, text and response, owner, due, status.
fn recommendations_table(
    recs: &[Recommendation],
    person: &dyn Fn(&PersonRef) -> Option<String>,
) -> Part {
    let rows = recs
        .iter()
        .map(|rec| {
            let mut text = rec.text.get_ref().trim().to_string();
            if let Some(resp) = &rec.response {
                text.push_str("\n\n*Response:* ");
                text.push_str(resp.get_ref().trim());
            }
            vec![
                rec.id.get_ref().clone(),
                text,
                rec.owner
                    .as_ref()
                    .and_then(|o| person(o.get_ref()))
                    .unwrap_or_default(),
                rec.due
                    .as_ref()
                    .map(|d| human_date(d.date()))
                    .unwrap_or_default(),
                rec.status.label().to_string(),
            ]
        })
        .collect();
    Part::Table {
        caption: "Recommendations of this report".into(),
        columns: ["ID", "Recommendation", "Owner", "Due", "Status"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}
