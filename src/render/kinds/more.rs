//! `page.data` of the kinds of SPEC §3.7 (levels of need, Section 11 audits), the link
//! from the arrangements to the levels of need, and where a tracked recommendation
//! came from.

use serde_json::{Value, json};

use super::{KindContext, label};
use crate::content::Page;
use crate::content::kinds::KindData;
use crate::content::kinds::chart::{StackedRow, stacked_svg};

/// The short name the tracker shows for a page whose recommendations it follows, when
/// it is not the page's `period`: a practice review's subject (`Child H`).
pub(super) fn tracker_period(kind: &KindData) -> Option<String> {
    match kind {
        KindData::PracticeReview(r) => Some(r.subject.clone()),
        _ => None,
    }
}

/// `threshold_page`: the site's levels of need (the first, by path), for the link.
pub(super) fn arrangements(value: &mut Value, ctx: &KindContext) {
    let threshold = ctx
        .site
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Some(KindData::Threshold(_))))
        .min_by(|a, b| a.loc.relative_path.cmp(&b.loc.relative_path));
    value["threshold_page"] = match threshold {
        Some(p) => json!({ "title": p.meta.title, "permalink": p.loc.permalink }),
        None => Value::Null,
    };
}

/// The levels in order of need.
pub(super) fn threshold(value: &mut Value) {
    if let Some(levels) = value.get_mut("levels").and_then(Value::as_array_mut) {
        levels.sort_by_key(|l| l["number"].as_u64());
    }
}

/// The grades of the scale, each standard's counts in the scale's order with its total,
/// and the chart.
pub(super) fn s11_audit(value: &mut Value, page: &Page, ctx: &KindContext) {
    let grades = &ctx.config.s11_audit.grades;
    let mut rows = Vec::new();
    if let Some(standards) = value.get_mut("standards").and_then(Value::as_array_mut) {
        standards.sort_by_key(|s| s["number"].as_u64());
        for standard in standards.iter_mut() {
            let counts: Vec<u32> = grades
                .iter()
                .map(|g| {
                    standard["results"][g]
                        .as_u64()
                        .and_then(|c| u32::try_from(c).ok())
                        .unwrap_or(0)
                })
                .collect();
            let total: u32 = counts.iter().sum();
            standard["counts"] = json!(
                grades
                    .iter()
                    .zip(&counts)
                    .map(|(g, c)| json!({ "grade": g, "label": label(g), "count": c }))
                    .collect::<Vec<_>>()
            );
            standard["graded"] = json!(total);
            rows.push(StackedRow {
                number: standard["number"].as_u64().map_or(0, |n| n as u32),
                title: standard["title"].as_str().unwrap_or_default().to_string(),
                counts,
            });
        }
    }
    let caption = "Grades of the returns for each standard".to_string();
    value["grades"] = json!(
        grades
            .iter()
            .map(|g| json!({ "value": g, "label": label(g) }))
            .collect::<Vec<_>>()
    );
    value["chart_svg"] = json!(stacked_svg(&page.slug, &caption, &rows, grades));
    value["chart_caption"] = json!(caption);
}
