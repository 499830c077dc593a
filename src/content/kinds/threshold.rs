//! `kind = "threshold"`: the local threshold document, or levels of need — when and how
//! agencies act, from universal services up.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::context::{error, repeated_numbers, warning};
use super::front::kind;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;

/// One level of need.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Its place, from the least need (1, universal) up.
    pub number: Spanned<u32>,
    /// Its name (`Early help`).
    pub name: String,
    /// What a child's needs look like at this level (Markdown).
    pub description: Spanned<String>,
    /// What services do at this level (Markdown).
    pub response: Option<Spanned<String>>,
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

/// `page.data` of the levels of need.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdView {
    published: DateValue,
    next_review: Option<DateValue>,
    /// The levels in order of need.
    levels: Vec<LevelView>,
}

/// A level with its Markdown rendered.
#[derive(Debug, Clone, Serialize)]
struct LevelView {
    number: u32,
    name: String,
    description: String,
    response: Option<String>,
}

impl Kind for Threshold {
    const NAME: &'static str = "threshold";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "published",
            "add published = 2025-04-01: the day this version of the levels of need was published",
        ),
        (
            "levels",
            "add a [[levels]] table for each level of need, each with number = 1 (2, 3…), name = \"…\" and description = \"\"\"…\"\"\"",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("levels", &["number", "name", "description"])];
    const ARCHETYPE: &'static str = include_str!("archetypes/threshold.md");
    type FrontMatter = ThresholdFrontMatter;
    type View = ThresholdView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        if let Some(next) = &self.next_review
            && next.date() < ctx.today
        {
            out.push(warning(
                page,
                page.field_range("next_review"),
                format!("the levels of need were due to be reviewed by {next}, which has passed"),
                "review them with the safeguarding partners, publish the new version and set next_review to the next review date".into(),
            ));
        }
        if self.levels.is_empty() {
            out.push(error(
                page,
                page.field_range("levels"),
                "the levels of need have no levels".into(),
                "add a [[levels]] table for each level, each with number = 1 (2, 3…), name = \"…\" and description = \"\"\"…\"\"\"".into(),
            ));
        }
        let numbers: Vec<&Spanned<u32>> = self.levels.iter().map(|l| &l.number).collect();
        repeated_numbers(page, &numbers, "level", out);
    }

    fn view(&self, ctx: &ViewContext) -> ThresholdView {
        let mut levels: Vec<LevelView> = self
            .levels
            .iter()
            .map(|l| LevelView {
                number: *l.number.get_ref(),
                name: l.name.clone(),
                description: ctx.markdown(&l.description),
                response: ctx.markdown_opt(&l.response),
            })
            .collect();
        levels.sort_by_key(|l| l.number);
        ThresholdView {
            published: self.published.clone(),
            next_review: self.next_review.clone(),
            levels,
        }
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.published)
    }
}
