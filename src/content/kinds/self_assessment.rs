//! `kind = "self-assessment"`: the Six Steps for Independent Scrutiny, and other frameworks.

use serde::{Deserialize, Serialize};

use super::kind;
use super::people::PersonRef;
use super::records::Action;
use crate::content::date::DateValue;

/// Whether an assessment is finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentStatus {
    /// Still being written: the page says so.
    Draft,
    /// Finished.
    #[default]
    Complete,
}

/// One step of the framework, as assessed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step's number in the framework.
    pub number: u32,
    /// The partnership's title for the step (the framework's placeholder otherwise).
    pub title: Option<String>,
    /// A rating from the site's scale, or `not-assessed`.
    pub rating: String,
    /// Last time's rating, for the trend.
    pub previous_rating: Option<String>,
    /// The evidence for the rating (Markdown).
    pub evidence: Option<String>,
    /// What will be done.
    #[serde(default)]
    pub actions: Vec<Action>,
}

kind! {
    /// A self-assessment against a framework such as the Six Steps.
    SelfAssessment / SelfAssessmentFrontMatter {
        /// The framework (`six-steps`).
        pub framework: String,
        /// The period assessed.
        pub period: String,
        /// When it was completed (required when complete).
        pub completed: Option<DateValue>,
        /// The local-authority area assessed, if not the whole partnership.
        pub area: Option<String>,
        /// Who completed it (required when complete).
        pub completed_by: Option<PersonRef>,
        /// Draft or complete (default complete).
        #[serde(default)]
        pub status: AssessmentStatus,
        /// The steps.
        pub steps: Vec<Step>,
    }
}
