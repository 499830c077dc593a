//! What a self-assessment's schema cannot say: one entry for each step of its framework,
//! numbered as the framework numbers them, rated on the site's scale, with a title where
//! the framework has only a placeholder; and who completed it, and when.

use std::collections::HashSet;

use super::{AssessmentStatus, SelfAssessment};
use crate::content::Page;
use crate::content::kinds::context::{CheckContext, error, warning};
use crate::content::kinds::frameworks;
use crate::diagnostics::Diagnostic;

pub(super) fn check(
    s: &SelfAssessment,
    page: &Page,
    ctx: &CheckContext,
    out: &mut Vec<Diagnostic>,
) {
    if s.status == AssessmentStatus::Complete {
        for (missing, key) in [
            (s.completed.is_none(), "completed"),
            (s.completed_by.is_none(), "completed_by"),
        ] {
            if missing {
                out.push(error(
                    page,
                    page.field_range("kind"),
                    format!("a complete self-assessment needs `{key}`"),
                    format!("add {key} = … (or status = \"draft\" while it is being written)"),
                ));
            }
        }
    }
    let framework = match ctx.frameworks.get(&s.framework) {
        Some(Some(f)) => f,
        // Its file is broken: that error was reported once, when it was loaded.
        Some(None) => return,
        None => {
            out.push(error(
                page,
                page.field_range("framework"),
                format!("there is no framework called `{}`", s.framework),
                format!(
                    "use one of: {}; or describe your own in data/frameworks/{}.toml",
                    frameworks::known_ids().join(", "),
                    s.framework
                ),
            ));
            return;
        }
    };
    let expected = framework.steps.len();
    if s.steps.len() != expected {
        let absent: Vec<String> = framework
            .steps
            .iter()
            .filter(|f| s.steps.iter().all(|st| *st.number.get_ref() != f.number))
            .map(|f| f.number.to_string())
            .collect();
        let which = match absent.as_slice() {
            [] => String::new(),
            [one] => format!(": step {one} is missing"),
            many => format!(": steps {} are missing", many.join(", ")),
        };
        out.push(error(
            page,
            page.field_range("framework"),
            format!(
                "{} has {expected} steps, but this assessment has {}",
                framework.title,
                s.steps.len()
            ),
            format!("give one [[steps]] entry for each step, numbered 1 to {expected}{which}"),
        ));
    }
    let scale = &ctx.config.self_assessment.ratings;
    let allowed = || {
        let mut v: Vec<&str> = scale.iter().map(String::as_str).collect();
        v.push("not-assessed");
        v.join(", ")
    };
    let mut seen = HashSet::new();
    for step in &s.steps {
        let number = *step.number.get_ref();
        let range = page.value_range(&step.number);
        let Some(fstep) = framework.step(number) else {
            out.push(error(
                page,
                range,
                format!("step {number} is not a step of {}", framework.title),
                format!("number the steps 1 to {expected}"),
            ));
            continue;
        };
        if !seen.insert(number) {
            out.push(error(
                page,
                range.clone(),
                format!("step {number} appears twice"),
                "each step is assessed once: remove or renumber the repeated one".into(),
            ));
        }
        for rating in std::iter::once(&step.rating).chain(&step.previous_rating) {
            let value = rating.get_ref();
            if value != "not-assessed" && !scale.contains(value) {
                out.push(error(
                    page,
                    page.value_range(rating),
                    format!("`{value}` is not a rating on this site's scale"),
                    format!("use one of: {} (the scale is set by [self_assessment] ratings in config.toml)", allowed()),
                ));
            }
        }
        if step.title.is_none() && fstep.is_placeholder() {
            out.push(warning(
                page,
                range,
                format!(
                    "step {number} has no title, so the framework's placeholder would be shown"
                ),
                "set title = \"…\" on the step, using the wording from your copy of the framework"
                    .into(),
            ));
        }
    }
}
