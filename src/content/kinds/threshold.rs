//! `kind = "threshold"`: the local threshold document, or levels of need.

use serde::{Deserialize, Serialize};

use super::kind;
use crate::content::date::DateValue;

/// One level of need.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Its place, from the least need (1, universal) up.
    pub number: u32,
    /// Its name (`Early help`).
    pub name: String,
    /// What a child's needs look like at this level (Markdown).
    pub description: String,
    /// What services do at this level (Markdown).
    pub response: Option<String>,
}

kind! {
    /// The levels of need: when and how agencies act.
    Threshold / ThresholdFrontMatter {
        /// When this version was published.
        pub published: DateValue,
        /// When it will next be reviewed.
        pub next_review: Option<DateValue>,
        /// The levels, from the least need up.
        pub levels: Vec<Level>,
    }
}
