//! What the schemas cannot say: people ids that must exist, six steps numbered 1–6 with
//! ratings from the site's scale, unique recommendation ids, known `sent_to` bodies — and
//! the date warnings a business manager needs (overdue reviews, late reports).

mod partners;

use std::collections::HashMap;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;

use super::arrangements::Guidance;
use super::people::PersonRef;
use super::records::Recommendation;
use super::self_assessment::{AssessmentStatus, SelfAssessment};
use super::{Arrangements, KindData, YearlyReport, frameworks, tracker};
use crate::config::Config;
use crate::content::kinds::locate::value_range;
use crate::content::partnership::{Partnership, resolve};
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

mod more;

/// What the checks need besides the page.
pub struct CheckContext<'a> {
    /// The site folder.
    pub root: &'a Path,
    /// The configuration.
    pub config: &'a Config,
    /// Today's date (from `SAFESITE_TODAY` in tests, the clock otherwise).
    pub today: Date,
    /// `data/partnership.toml`, if the site has one.
    pub partnership: Option<&'a Partnership>,
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a frameworks::FrameworkSet,
}

/// Checks one page of a kind.
pub fn check_page(page: &Page, ctx: &CheckContext) -> Vec<Diagnostic> {
    let Some(kind) = &page.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let at =
        |key: &str, value: &str, nth: usize| value_range(&page.file, &page.split, key, value, nth);
    let mut people: Vec<(&str, &PersonRef)> = Vec::new();
    match kind {
        KindData::Arrangements(a) => {
            arrangements(page, a, ctx, &mut out);
            people.extend(a.lead_partners.iter().map(|p| ("lead_partners", p)));
            people.extend(
                a.delegated_partners
                    .iter()
                    .map(|p| ("delegated_partners", p)),
            );
            people.extend(a.chair.iter().map(|p| ("chair", p)));
            people.extend(a.scrutineer.iter().map(|p| ("scrutineer", p)));
        }
        KindData::ScrutinyReport(r) => {
            recommendations(page, &r.recommendations, &mut out);
            people.push(("scrutineer", &r.scrutineer));
            people.extend(
                r.recommendations
                    .iter()
                    .filter_map(|x| x.owner.as_ref())
                    .map(|p| ("owner", p)),
            );
        }
        KindData::YearlyReport(r) => yearly(page, r, ctx, &mut out),
        KindData::SelfAssessment(s) => {
            self_assessment(page, s, ctx, &mut out);
            people.extend(s.completed_by.iter().map(|p| ("completed_by", p)));
            people.extend(
                s.steps
                    .iter()
                    .flat_map(|st| &st.actions)
                    .filter_map(|a| a.owner.as_ref())
                    .map(|p| ("owner", p)),
            );
        }
        KindData::PracticeReview(_) | KindData::Threshold(_) | KindData::S11Audit(_) => {
            more::check(page, kind, ctx, &mut out, &mut people);
        }
    }
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (key, person) in people {
        if let PersonRef::Id(id) = person {
            let nth = seen.entry((key, id.as_str())).or_insert(0);
            if let Err((message, hint)) = resolve(ctx.partnership, person) {
                out.push(
                    Diagnostic::error(message)
                        .in_file(&page.file.rel)
                        .at(&page.file.text, at(key, id, *nth))
                        .with_hint(hint),
                );
            }
            *nth += 1;
        }
    }
    out
}

fn warn(page: &Page, range: std::ops::Range<usize>, message: String, hint: String) -> Diagnostic {
    Diagnostic::warning(message)
        .in_file(&page.file.rel)
        .at(&page.file.text, range)
        .with_hint(hint)
}

fn arrangements(page: &Page, a: &Arrangements, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    partners::arrangements(page, a, ctx, out);
    if let Some(next) = &a.next_review
        && next.date() < ctx.today
    {
        out.push(warn(
            page,
            page.field_range("next_review"),
            format!("the arrangements were due to be reviewed by {next}, which has passed"),
            "review the arrangements, publish the new version and set next_review to the next review date".into(),
        ));
    }
}

/// Recommendation ids unique within the page (overdue ones are found site-wide, from
/// the tracker).
fn recommendations(page: &Page, recs: &[Recommendation], out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for rec in recs {
        let n = ids.entry(rec.id.as_str()).or_insert(0);
        *n += 1;
        if *n == 2 {
            out.push(
                Diagnostic::error(format!("two recommendations have the id `{}`", rec.id))
                    .in_file(&page.file.rel)
                    .at(&page.file.text, value_range(&page.file, &page.split, "id", &rec.id, 1))
                    .with_hint("recommendation ids are followed across years: give each its own, such as 2025-R4"),
            );
        }
    }
}

fn yearly(page: &Page, r: &YearlyReport, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let bodies = &ctx.config.yearly_report.bodies;
    let deadline = r.period_end.date().saturating_add(3.months());
    // The 3-month rule is WT2023's; a report under WT2018 is not held to it.
    let wt2023 = r.guidance.unwrap_or(Guidance::Wt2023) == Guidance::Wt2023;
    if wt2023 && r.published.date() > deadline {
        out.push(warn(
            page,
            page.field_range("published"),
            format!("the yearly report was published on {}, more than 3 months after its period ended on {}", r.published, r.period_end),
            "Working Together 2023 expects the yearly report within 3 months of the end of the period it covers (recalled from the guidance, to be checked against the published text)".into(),
        ));
    }
    let mut nth: HashMap<&str, usize> = HashMap::new();
    for sent in &r.sent_to {
        let n = nth.entry(sent.body.as_str()).or_insert(0);
        let range = value_range(&page.file, &page.split, "body", &sent.body, *n);
        *n += 1;
        if !bodies.contains_key(&sent.body) {
            let known: Vec<&str> = bodies.keys().map(String::as_str).collect();
            out.push(
                Diagnostic::error(format!(
                    "`{}` is not one of the bodies yearly reports are sent to",
                    sent.body
                ))
                .in_file(&page.file.rel)
                .at(&page.file.text, range)
                .with_hint(format!(
                    "use one of: {}; or add it under [yearly_report] bodies in config.toml",
                    known.join(", ")
                )),
            );
            continue;
        }
        if sent.date.date() > r.published.date().saturating_add(7.days()) {
            out.push(warn(
                page,
                range,
                format!("the report was sent to {} on {}, more than 7 days after it was published on {}", bodies[&sent.body], sent.date, r.published),
                "Working Together asks partners to send the yearly report to the national panel and the What Works Centre (now Foundations) within 7 days of publishing it (recalled from the guidance, to be checked against the published text)".into(),
            ));
        }
    }
}

fn self_assessment(page: &Page, s: &SelfAssessment, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let file = &page.file;
    let error = |range, message: String, hint: String| {
        Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, range)
            .with_hint(hint)
    };
    if s.status == AssessmentStatus::Complete {
        for (missing, key) in [
            (s.completed.is_none(), "completed"),
            (s.completed_by.is_none(), "completed_by"),
        ] {
            if missing {
                out.push(error(
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
        out.push(error(
            page.field_range("framework"),
            format!(
                "{} has {expected} steps, but this assessment has {}",
                framework.title,
                s.steps.len()
            ),
            {
                let absent: Vec<String> = framework
                    .steps
                    .iter()
                    .filter(|f| s.steps.iter().all(|st| st.number != f.number))
                    .map(|f| f.number.to_string())
                    .collect();
                let which = match absent.as_slice() {
                    [] => String::new(),
                    [one] => format!(": step {one} is missing"),
                    many => format!(": steps {} are missing", many.join(", ")),
                };
                format!("give one [[steps]] entry for each step, numbered 1 to {expected}{which}")
            },
        ));
    }
    let mut seen = HashMap::new();
    let scale = &ctx.config.self_assessment.ratings;
    let allowed = || {
        let mut v: Vec<&str> = scale.iter().map(String::as_str).collect();
        v.push("not-assessed");
        v.join(", ")
    };
    for (i, step) in s.steps.iter().enumerate() {
        let number = step.number.to_string();
        let nth = s.steps[..i]
            .iter()
            .filter(|x| x.number == step.number)
            .count();
        let range = value_range(file, &page.split, "number", &number, nth);
        let Some(fstep) = framework.steps.iter().find(|f| f.number == step.number) else {
            out.push(error(
                range,
                format!("step {} is not a step of {}", step.number, framework.title),
                format!("number the steps 1 to {expected}"),
            ));
            continue;
        };
        if seen.insert(step.number, ()).is_some() {
            out.push(error(
                range.clone(),
                format!("step {} appears twice", step.number),
                "each step is assessed once: remove or renumber the repeated one".into(),
            ));
        }
        let ratings = |st: &super::self_assessment::Step| {
            [Some(st.rating.clone()), st.previous_rating.clone()]
        };
        for (which, key) in [(0, "rating"), (1, "previous_rating")] {
            let Some(rating) = ratings(step)[which].clone() else {
                continue;
            };
            if rating != "not-assessed" && !scale.contains(&rating) {
                let nth = s.steps[..i]
                    .iter()
                    .filter(|x| ratings(x)[which].as_ref() == Some(&rating))
                    .count();
                out.push(error(
                    value_range(file, &page.split, key, &rating, nth),
                    format!("`{rating}` is not a rating on this site's scale"),
                    format!("use one of: {} (the scale is set by [self_assessment] ratings in config.toml)", allowed()),
                ));
            }
        }
        if step.title.is_none() && fstep.is_placeholder() {
            out.push(
                Diagnostic::warning(format!("step {} has no title, so the framework's placeholder would be shown", step.number))
                    .in_file(&file.rel)
                    .at(&file.text, range)
                    .with_hint("set title = \"…\" on the step, using the wording from your copy of the framework"),
            );
        }
    }
}

/// Site-wide checks: recommendation ids unique across reports, `carried_from` naming a
/// real recommendation, recommendations and actions past their due date, people who
/// have left still named, and a yearly report for every 12-month period.
pub fn check_site(site: &Site, ctx: &CheckContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut recs: HashMap<&str, &Page> = HashMap::new();
    for page in &site.pages {
        if let Some(kind) = &page.kind {
            for rec in kind.recommendations() {
                if let Some(first) = recs.insert(rec.id.as_str(), page)
                    && !std::ptr::eq(first, page)
                {
                    out.push(
                        Diagnostic::error(format!("recommendation id `{}` is also used in {}", rec.id, first.file.rel.display()))
                            .in_file(&page.file.rel)
                            .at(&page.file.text, value_range(&page.file, &page.split, "id", &rec.id, 0))
                            .with_hint("ids follow a recommendation across years, so each must be unique: use carried_from to continue last year's"),
                    );
                }
            }
        }
    }
    for page in &site.pages {
        if let Some(kind) = &page.kind {
            for rec in kind.recommendations() {
                if let Some(from) = &rec.carried_from
                    && !recs.contains_key(from.as_str())
                {
                    out.push(warn(
                        page,
                        value_range(&page.file, &page.split, "carried_from", from, 0),
                        format!(
                            "recommendation {} is carried from `{from}`, which no report has",
                            rec.id
                        ),
                        "carried_from names the id of an earlier recommendation, such as 2024-R2"
                            .into(),
                    ));
                }
            }
        }
    }
    for item in tracker::collect(site) {
        let Some(due) = item.due.filter(|_| item.overdue(ctx.today)) else {
            continue;
        };
        out.push(warn(
            item.page,
            value_range(&item.page.file, &item.page.split, "id", item.id, 0),
            format!(
                "{} {} was due by {due} and is still {}",
                item.source.noun(),
                item.id,
                item.status.label().to_lowercase()
            ),
            "update its status (done, in-progress or superseded), or agree a new due date".into(),
        ));
    }
    partners::people_who_left(site, ctx, &mut out);
    if let Some((page, r)) = super::newest_yearly_report(site)
        && r.period_end.date().saturating_add(15.months()) < ctx.today
    {
        out.push(warn(
            page,
            page.field_range("period_end"),
            format!("the newest yearly report covers a period that ended on {}, more than 15 months ago", r.period_end),
            "the partners must report at least once in every 12-month period (Children Act 2004 s.16G; Working Together): publish the next yearly report".into(),
        ));
    }
    out
}
