//! `kind = "practice-review"`: a local child safeguarding practice review, rapid review or
//! learning briefing, published for a fixed time (`publish_until`) and then withdrawn.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::front::kind;
use super::people::PersonRef;
use super::records::{Recommendation, RecordView, owners, unique_ids};
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;

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
        pub themes: Vec<String> = default,
        /// The last day it is published: after it the page and its downloads are left out
        /// of the site.
        pub publish_until: Option<DateValue>,
        /// Recommendations, followed in the tracker with the scrutiny reports' ones.
        pub recommendations: Vec<Recommendation> = default,
    }
}

/// `page.data` of a practice review.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeReviewView {
    review_type: ReviewType,
    review_type_label: &'static str,
    subject: String,
    published: DateValue,
    themes: Vec<String>,
    publish_until: Option<DateValue>,
    recommendations: Vec<RecordView>,
}

impl Kind for PracticeReview {
    const NAME: &'static str = "practice-review";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "review_type",
            "add review_type = \"lcspr\" (or rapid-review, thematic-review, serious-case-review, learning-briefing, seven-minute-briefing)",
        ),
        (
            "subject",
            "add subject = \"Child H\": who the review is about, as anonymised for publication",
        ),
        (
            "published",
            "add published = 2025-05-20: the day the review was published",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("recommendations", &["id", "text"])];
    const ARCHETYPE: &'static str = include_str!("archetypes/practice-review.md");
    type FrontMatter = PracticeReviewFrontMatter;
    type View = PracticeReviewView;

    fn check(&self, page: &Page, _ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        unique_ids(page, &self.recommendations, out);
    }

    fn view(&self, ctx: &ViewContext) -> PracticeReviewView {
        PracticeReviewView {
            review_type: self.review_type,
            review_type_label: self.review_type.label(),
            subject: self.subject.clone(),
            published: self.published.clone(),
            themes: self.themes.clone(),
            publish_until: self.publish_until.clone(),
            recommendations: self.recommendations.iter().map(|r| r.view(ctx)).collect(),
        }
    }

    fn tracked(view: &PracticeReviewView) -> Vec<(&RecordView, Option<u32>)> {
        view.recommendations.iter().map(|r| (r, None)).collect()
    }

    fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
        owners(&self.recommendations).collect()
    }

    fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.published)
    }

    /// A practice review has no period: the tracker names it by its subject ("Child H").
    fn short_name(&self) -> Option<String> {
        Some(self.subject.clone())
    }

    fn publish_until(&self) -> Option<&DateValue> {
        self.publish_until.as_ref()
    }
}
