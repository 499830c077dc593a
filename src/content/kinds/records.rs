//! Records shared by several kinds: recommendations, actions, findings and their states.

use serde::{Deserialize, Serialize};

use super::people::PersonRef;
use crate::content::date::DateValue;

/// Where a recommendation or action has got to.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not started.
    #[default]
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Replaced by a later recommendation.
    Superseded,
}

impl Status {
    /// Whether nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Superseded)
    }

    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::Superseded => "Superseded",
        }
    }
}

/// A recommendation of a scrutiny report (and, later, a practice review).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// A stable reference, never reused (`2025-R1`).
    pub id: String,
    /// What is recommended (Markdown).
    pub text: String,
    /// Who is responsible.
    pub owner: Option<PersonRef>,
    /// When it should be done.
    pub due: Option<DateValue>,
    /// Where it has got to.
    #[serde(default)]
    pub status: Status,
    /// The partnership's response (Markdown).
    pub response: Option<String>,
    /// The id of last year's recommendation this one continues.
    pub carried_from: Option<String>,
}

/// An action of a self-assessment step.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// A stable reference.
    pub id: String,
    /// What will be done (Markdown).
    pub text: String,
    /// Who is responsible.
    pub owner: Option<PersonRef>,
    /// When it should be done.
    pub due: Option<DateValue>,
    /// Where it has got to.
    #[serde(default)]
    pub status: Status,
}

/// What kind of finding a scrutiny report makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Something that works well.
    Strength,
    /// Something to improve.
    AreaForDevelopment,
    /// A neutral finding.
    Observation,
}

/// A finding of a scrutiny report.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// A stable reference, to follow it across years.
    pub id: Option<String>,
    /// Strength, area for development or observation.
    pub kind: FindingKind,
    /// The finding (Markdown).
    pub text: String,
}
