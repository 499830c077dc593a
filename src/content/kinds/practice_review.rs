//! `kind = "practice-review"`: a local child safeguarding practice review, rapid review or
//! learning briefing, published for a fixed time (`publish_until`) and then withdrawn.

use serde::{Deserialize, Serialize};

use super::kind;
use super::records::Recommendation;
use crate::content::date::DateValue;

/// What sort of review or briefing a practice review page publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewType {
    /// A local child safeguarding practice review (LCSPR).
    Lcspr,
    /// A rapid review, made within 15 working days of a serious incident notification.
    RapidReview,
    /// A review of several cases with a theme in common.
    ThematicReview,
    /// A serious case review, from before 2018.
    SeriousCaseReview,
    /// A short learning briefing for practitioners.
    LearningBriefing,
    /// A "7-minute briefing": one page of learning, read in a team meeting.
    SevenMinuteBriefing,
}

impl ReviewType {
    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            ReviewType::Lcspr => "Local child safeguarding practice review",
            ReviewType::RapidReview => "Rapid review",
            ReviewType::ThematicReview => "Thematic review",
            ReviewType::SeriousCaseReview => "Serious case review",
            ReviewType::LearningBriefing => "Learning briefing",
            ReviewType::SevenMinuteBriefing => "7-minute briefing",
        }
    }
}

kind! {
    /// A practice review or learning briefing.
    PracticeReview / PracticeReviewFrontMatter {
        /// LCSPR, rapid review, thematic review, learning briefing…
        pub review_type: ReviewType,
        /// Who the review is about, as anonymised for publication (`Child H`).
        pub subject: String,
        /// When it was published.
        pub published: DateValue,
        /// The learning themes (`neglect`, `information sharing`).
        #[serde(default)]
        pub themes: Vec<String>,
        /// The last day it is published: after it the page and its downloads are left out
        /// of the site.
        pub publish_until: Option<DateValue>,
        /// Recommendations, followed in the tracker with the scrutiny reports' ones.
        #[serde(default)]
        pub recommendations: Vec<Recommendation>,
    }
}
