//! `kind = "s11-audit"`: the published summary of a Section 11 audit cycle (Children Act
//! 2004 s.11): how many agencies sent returns, and how they were graded on each standard.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::kind;
use crate::content::date::DateValue;

/// The grades of the site's scale, best first, when `config.toml` sets none.
pub const DEFAULT_GRADES: &[&str] = &["met", "partially-met", "not-met"];

/// One standard of the audit and how many returns had each grade.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// The standard's number in the audit tool.
    pub number: u32,
    /// The standard (`Safer recruitment`).
    pub title: String,
    /// How many returns had each grade: `{ met = 30, partially-met = 6, not-met = 1 }`.
    pub results: BTreeMap<String, u32>,
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
