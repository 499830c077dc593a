//! `kind = "scrutiny-report"` and `kind = "yearly-report"`.

use serde::{Deserialize, Serialize};

use super::arrangements::Guidance;
use super::kind;
use super::people::PersonRef;
use super::records::{Finding, Recommendation};
use crate::content::date::DateValue;

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
        pub scrutineer: PersonRef,
        /// The summary (Markdown).
        pub summary: String,
        /// What was looked at (Markdown).
        pub scope: Option<String>,
        /// How (Markdown).
        pub methods: Option<String>,
        /// Strengths, areas for development, observations.
        #[serde(default)]
        pub findings: Vec<Finding>,
        /// Recommendations, followed in the tracker.
        #[serde(default)]
        pub recommendations: Vec<Recommendation>,
        /// Whether to make a PDF of the report (default true).
        pub pdf: Option<bool>,
    }
}

/// A body the yearly report was sent to, and when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SentTo {
    /// A body from `[yearly_report] bodies` (default: `panel`, `foundations`).
    pub body: String,
    /// When it was sent.
    pub date: DateValue,
}

/// A priority and the progress made on it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// A stable reference.
    pub id: Option<String>,
    /// The priority.
    pub title: String,
    /// Progress made (Markdown).
    pub progress: Option<String>,
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
        #[serde(default)]
        pub sent_to: Vec<SentTo>,
        /// Priorities and progress.
        #[serde(default)]
        pub priorities: Vec<Priority>,
        /// Whether to make a PDF of the report (default true).
        pub pdf: Option<bool>,
    }
}
