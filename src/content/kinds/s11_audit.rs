//! `kind = "s11-audit"`: the published summary of a Section 11 audit cycle (Children Act
//! 2004 s.11): how many agencies sent returns, and how they were graded on each standard.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::chart::{StackedRow, stacked_svg};
use super::context::{error, repeated_numbers};
use super::front::kind;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::content::text::label;
use crate::diagnostics::Diagnostic;

/// One standard of the audit and how many returns had each grade.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// The standard's number in the audit tool.
    pub number: Spanned<u32>,
    /// The standard (`Safer recruitment`).
    pub title: String,
    /// How many returns had each grade: `{ met = 30, partially-met = 6, not-met = 1 }`.
    pub results: BTreeMap<Spanned<String>, u32>,
}

kind! {
    /// The summary of one Section 11 audit cycle.
    S11Audit / S11AuditFrontMatter {
        /// The cycle (`2025-26`).
        pub cycle: String,
        /// When the cycle (moderation included) was completed.
        pub completed: DateValue,
        /// How many agencies sent a return.
        pub returns: u32,
        /// The standards and their results.
        pub standards: Vec<Standard>,
    }
}

/// `page.data` of a Section 11 audit.
#[derive(Debug, Clone, Serialize)]
pub struct S11AuditView {
    cycle: String,
    completed: DateValue,
    returns: u32,
    /// The standards in number order, each with its counts in the scale's order.
    standards: Vec<StandardView>,
    /// The grades of the scale, best first.
    grades: Vec<Grade>,
    chart_svg: String,
    chart_caption: &'static str,
}

/// A standard and its counts.
#[derive(Debug, Clone, Serialize)]
struct StandardView {
    number: u32,
    title: String,
    results: BTreeMap<String, u32>,
    counts: Vec<Count>,
    /// How many returns were graded, over all grades.
    graded: u32,
}

/// How many returns had one grade.
#[derive(Debug, Clone, Serialize)]
struct Count {
    grade: String,
    label: String,
    count: u32,
}

/// A grade of the scale.
#[derive(Debug, Clone, Serialize)]
struct Grade {
    value: String,
    label: String,
}

/// The caption of the results chart.
const CAPTION: &str = "Grades of the returns for each standard";

impl Kind for S11Audit {
    const NAME: &'static str = "s11-audit";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "cycle",
            "add cycle = \"2025-26\": the audit cycle this summarises",
        ),
        (
            "completed",
            "add completed = 2026-03-31: the day the cycle, moderation included, was completed",
        ),
        (
            "returns",
            "add returns = 38: how many agencies sent a return",
        ),
        (
            "standards",
            "add a [[standards]] table for each standard, each with number = 1 (2, 3…), title = \"…\" and results = { met = 30, partially-met = 6, not-met = 2 }",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("standards", &["number", "title", "results"])];
    const ARCHETYPE: &'static str = include_str!("archetypes/s11-audit.md");
    type FrontMatter = S11AuditFrontMatter;
    type View = S11AuditView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        let grades = &ctx.config.s11_audit.grades;
        let numbers: Vec<&Spanned<u32>> = self.standards.iter().map(|s| &s.number).collect();
        repeated_numbers(page, &numbers, "standard", out);
        for standard in &self.standards {
            for grade in standard.results.keys() {
                if !grades.contains(grade.get_ref()) {
                    out.push(error(
                        page,
                        page.value_range(grade),
                        format!(
                            "`{}` is not a grade on this site's Section 11 scale",
                            grade.get_ref()
                        ),
                        format!(
                            "use one of: {} (the scale is set by [s11_audit] grades in config.toml)",
                            grades.join(", ")
                        ),
                    ));
                }
            }
            let graded: u32 = standard.results.values().sum();
            if graded > self.returns {
                out.push(error(
                    page,
                    page.value_range(&standard.number),
                    format!(
                        "standard {} has {graded} graded returns, but only {} returns came in",
                        standard.number.get_ref(),
                        self.returns
                    ),
                    "each return is graded once per standard: correct the counts in results, or returns".into(),
                ));
            }
        }
    }

    fn view(&self, ctx: &ViewContext) -> S11AuditView {
        let grades = &ctx.config.s11_audit.grades;
        let mut standards: Vec<StandardView> = self
            .standards
            .iter()
            .map(|s| {
                let results: BTreeMap<String, u32> = s
                    .results
                    .iter()
                    .map(|(g, n)| (g.get_ref().clone(), *n))
                    .collect();
                let counts: Vec<Count> = grades
                    .iter()
                    .map(|g| Count {
                        grade: g.clone(),
                        label: label(g),
                        count: results.get(g).copied().unwrap_or(0),
                    })
                    .collect();
                StandardView {
                    number: *s.number.get_ref(),
                    title: s.title.clone(),
                    graded: counts.iter().map(|c| c.count).sum(),
                    results,
                    counts,
                }
            })
            .collect();
        standards.sort_by_key(|s| s.number);
        let rows: Vec<StackedRow> = standards
            .iter()
            .map(|s| StackedRow {
                number: s.number,
                title: s.title.clone(),
                counts: s.counts.iter().map(|c| c.count).collect(),
            })
            .collect();
        S11AuditView {
            cycle: self.cycle.clone(),
            completed: self.completed.clone(),
            returns: self.returns,
            grades: grades
                .iter()
                .map(|g| Grade {
                    value: g.clone(),
                    label: label(g),
                })
                .collect(),
            chart_svg: stacked_svg(&ctx.page.slug, CAPTION, &rows, grades),
            chart_caption: CAPTION,
            standards,
        }
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.completed)
    }
}
