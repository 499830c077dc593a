//! What templates see of a self-assessment: each step with its framework's title and
//! prompt, its rating in words and the trend since last time, its actions, and the
//! overview chart of every step's rating.

use serde::Serialize;

use super::{AssessmentStatus, SelfAssessment};
use crate::content::date::DateValue;
use crate::content::kinds::chart::{ChartRow, NOT_ASSESSED, overview_svg};
use crate::content::kinds::context::ViewContext;
use crate::content::kinds::frameworks::Framework;
use crate::content::kinds::people::Person;
use crate::content::kinds::records::RecordView;
use crate::content::text::label;

/// `page.data` of a self-assessment.
#[derive(Debug, Clone, Serialize)]
pub struct SelfAssessmentView {
    framework: String,
    period: String,
    completed: Option<DateValue>,
    area: Option<String>,
    completed_by: Option<Person>,
    status: AssessmentStatus,
    steps: Vec<StepView>,
    /// What the framework gives the page (left out when the framework did not load).
    #[serde(flatten)]
    overview: Option<Overview>,
}

/// The framework's title, the chart and the rating scale.
#[derive(Debug, Clone, Serialize)]
struct Overview {
    framework_title: String,
    chart_svg: String,
    chart_caption: String,
    has_previous: bool,
    scale: Vec<Rating>,
}

/// A rating of the scale.
#[derive(Debug, Clone, Serialize)]
struct Rating {
    value: String,
    label: String,
}

/// One step as shown.
#[derive(Debug, Clone, Serialize)]
struct StepView {
    number: u32,
    title: Option<String>,
    rating: String,
    previous_rating: Option<String>,
    evidence: Option<String>,
    actions: Vec<RecordView>,
    #[serde(flatten)]
    framed: Option<Framed>,
}

/// What a step shows from its framework and the scale.
#[derive(Debug, Clone, Serialize)]
struct Framed {
    prompt: Option<String>,
    rating_label: String,
    previous_label: Option<String>,
    /// `improved`, `declined` or `unchanged` since the previous rating.
    trend: Option<&'static str>,
}

impl SelfAssessmentView {
    /// Every step's actions, with the step's number.
    pub(super) fn actions(&self) -> Vec<(&RecordView, Option<u32>)> {
        self.steps
            .iter()
            .flat_map(|s| s.actions.iter().map(|a| (a, Some(s.number))))
            .collect()
    }
}

pub(super) fn view(s: &SelfAssessment, ctx: &ViewContext) -> SelfAssessmentView {
    let framework = ctx.frameworks.get(&s.framework).and_then(Option::as_ref);
    let scale = &ctx.config.self_assessment.ratings;
    let level = |r: &str| scale.iter().position(|s| s == r);
    let steps: Vec<StepView> = s
        .steps
        .iter()
        .map(|step| {
            let number = *step.number.get_ref();
            let rating = step.rating.get_ref().clone();
            let previous = step.previous_rating.as_ref().map(|p| p.get_ref().clone());
            let fstep = framework.and_then(|f| f.step(number));
            let framed = framework.map(|_| Framed {
                prompt: fstep.map(|f| f.prompt.clone()),
                rating_label: label(&rating),
                previous_label: previous.as_deref().map(label),
                trend: match (previous.as_deref().and_then(level), level(&rating)) {
                    (Some(p), Some(n)) if n < p => Some("improved"),
                    (Some(p), Some(n)) if n > p => Some("declined"),
                    (Some(_), Some(_)) => Some("unchanged"),
                    _ => None,
                },
            });
            let title = match (&step.title, framework) {
                (None, Some(_)) => fstep.map(|f| f.title.clone()),
                (title, _) => title.clone(),
            };
            StepView {
                number,
                title,
                rating,
                previous_rating: previous,
                evidence: ctx.markdown_opt(&step.evidence),
                actions: step.actions.iter().map(|a| a.view(ctx)).collect(),
                framed,
            }
        })
        .collect();
    let overview = framework.map(|f| overview(f, &steps, &ctx.page.slug, scale));
    SelfAssessmentView {
        framework: s.framework.clone(),
        period: s.period.clone(),
        completed: s.completed.clone(),
        area: s.area.clone(),
        completed_by: s.completed_by.as_ref().and_then(|p| ctx.person(p)),
        status: s.status,
        steps,
        overview,
    }
}

/// The chart of the steps' ratings, and the scale it is drawn on.
fn overview(framework: &Framework, steps: &[StepView], slug: &str, scale: &[String]) -> Overview {
    let rows: Vec<ChartRow> = steps
        .iter()
        .map(|s| ChartRow {
            number: s.number,
            title: s.title.clone().unwrap_or_default(),
            rating: s.rating.clone(),
            previous: s.previous_rating.clone(),
        })
        .collect();
    let caption = format!("{}: rating of each step", framework.title);
    Overview {
        framework_title: framework.title.clone(),
        // overview_svg prefixes the ids with `chart-` itself.
        chart_svg: overview_svg(slug, &caption, &rows, scale),
        chart_caption: caption,
        has_previous: rows.iter().any(|r| r.previous.is_some()),
        scale: scale
            .iter()
            .map(String::as_str)
            .chain([NOT_ASSESSED])
            .map(|r| Rating {
                value: r.to_string(),
                label: label(r),
            })
            .collect(),
    }
}
