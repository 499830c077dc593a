//! `kind = "self-assessment"`: the Six Steps for Independent Scrutiny, and other
//! frameworks — each step rated on the site's scale, with evidence and actions.

mod checks;
mod view;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::front::kind;
use super::people::PersonRef;
use super::records::{Action, RecordView};
use super::{CheckContext, Kind, StepAction, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;
pub use view::SelfAssessmentView;

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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step's number in the framework.
    pub number: Spanned<u32>,
    /// The partnership's title for the step (the framework's placeholder otherwise).
    pub title: Option<String>,
    /// A rating from the site's scale, or `not-assessed`.
    pub rating: Spanned<String>,
    /// Last time's rating, for the trend.
    pub previous_rating: Option<Spanned<String>>,
    /// The evidence for the rating (Markdown).
    pub evidence: Option<Spanned<String>>,
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
        pub completed_by: Option<Spanned<PersonRef>>,
        /// Draft or complete (default complete).
        pub status: AssessmentStatus = default,
        /// The steps.
        pub steps: Vec<Step>,
    }
}

impl Kind for SelfAssessment {
    const NAME: &'static str = "self-assessment";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "framework",
            "add framework = \"six-steps\": the framework the partnership assessed itself against",
        ),
        ("period", "add period = \"2024-25\": the period assessed"),
        (
            "steps",
            "add a [[steps]] table for each step of the framework, each with number = 1 (2, 3…), title = \"…\" and rating = \"…\"",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] = &[
        ("steps", &["number", "rating"]),
        ("steps.actions", &["id", "text"]),
    ];
    const ARCHETYPE: &'static str = include_str!("archetype.md");
    type FrontMatter = SelfAssessmentFrontMatter;
    type View = SelfAssessmentView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        checks::check(self, page, ctx, out);
    }

    fn view(&self, ctx: &ViewContext) -> SelfAssessmentView {
        view::view(self, ctx)
    }

    fn tracked(view: &SelfAssessmentView) -> Vec<(&RecordView, Option<u32>)> {
        view.actions()
    }

    fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
        self.completed_by
            .iter()
            .map(|p| ("completed_by", p))
            .chain(
                self.steps
                    .iter()
                    .flat_map(|st| &st.actions)
                    .filter_map(|a| a.owner.as_ref())
                    .map(|p| ("owner", p)),
            )
            .collect()
    }

    fn actions(&self) -> Vec<StepAction<'_>> {
        self.steps
            .iter()
            .flat_map(|st| {
                st.actions.iter().map(|a| StepAction {
                    step: Some(*st.number.get_ref()),
                    action: a,
                })
            })
            .collect()
    }

    fn dated(&self) -> Option<&DateValue> {
        self.completed.as_ref()
    }

    fn short_name(&self) -> Option<String> {
        Some(self.period.clone())
    }
}
