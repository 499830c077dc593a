//! (b) of the report: every date that has passed or falls within [`HORIZON_DAYS`] of
//! today, with what it is and where it comes from, soonest first.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::HORIZON_DAYS;
use crate::content::contacts::{self, Contacts};
use crate::content::kinds::CheckContext;
use crate::content::kinds::{KindData, tracker};
use crate::content::{Page, Site};

/// What a date is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// An arrangements page's `next_review`.
    ArrangementsReview,
    /// A levels-of-need (threshold) page's `next_review`.
    ThresholdReview,
    /// A practice review's `publish_until`: the last day it is on the site.
    PracticeReviewWithdrawn,
    /// The next yearly report, 3 months after the end of its period.
    YearlyReport,
    /// The 12-month rule: a yearly report at least once in every 12 months.
    #[serde(rename = "yearly-report-12-months")]
    YearlyReport12Months,
    /// Sending the newest yearly report to a body within 7 days of publishing it.
    SentTo,
    /// A recommendation's `due` date.
    Recommendation,
    /// An action's `due` date.
    Action,
    /// A contact's numbers to check again, 6 months after `verified`.
    ContactVerified,
    /// The accessibility statement's yearly review, a year after `last_reviewed`.
    AccessibilityReview,
    /// A fix promised in the accessibility statement (`fix_by`).
    AccessibilityFix,
    /// Any page's `review_by`.
    PageReview,
}

/// One date due or overdue.
#[derive(Debug, Clone, Serialize)]
pub struct DueDate {
    /// The date (YYYY-MM-DD).
    pub date: String,
    /// What it is for.
    pub kind: DueKind,
    /// What is due, for people.
    pub what: String,
    /// The file it comes from, relative to the site folder.
    pub file: String,
    /// `overdue`, `today` or `due`.
    pub status: &'static str,
    /// Days from today: negative when overdue.
    pub days: i64,
    /// "overdue by 3 days", "due today", "due in 12 days".
    pub label: String,
}

/// "overdue by 1 day", "due today", "due in 12 days".
fn label(days: i64) -> String {
    let n = |d: i64| format!("{d} {}", if d == 1 { "day" } else { "days" });
    match days {
        d if d < 0 => format!("overdue by {}", n(-d)),
        0 => "due today".into(),
        d => format!("due in {}", n(d)),
    }
}

/// Collects dates; keeps those up to the horizon.
struct Dates {
    today: Date,
    out: Vec<DueDate>,
}

impl Dates {
    fn push(&mut self, date: Date, kind: DueKind, what: String, file: String) {
        let days = (date - self.today).get_days() as i64;
        if days > HORIZON_DAYS {
            return;
        }
        let status = match days {
            d if d < 0 => "overdue",
            0 => "today",
            _ => "due",
        };
        self.out.push(DueDate {
            date: date.to_string(),
            kind,
            what,
            file,
            status,
            days,
            label: label(days),
        });
    }
}

fn file_of(page: &Page) -> String {
    page.file.rel.display().to_string().replace('\\', "/")
}

/// Every date due or overdue, soonest first.
pub fn due(site: &Site, ctx: &CheckContext, contacts: Option<&Contacts>) -> Vec<DueDate> {
    let mut d = Dates {
        today: ctx.today,
        out: Vec::new(),
    };
    for page in site.pages.iter().filter(|p| !p.loc.is_translation()) {
        let (date, kind, what) = match &page.kind {
            Some(KindData::Arrangements(a)) => (
                a.next_review.as_ref(),
                DueKind::ArrangementsReview,
                format!("Review the arrangements \"{}\"", title(page)),
            ),
            Some(KindData::Threshold(t)) => (
                t.next_review.as_ref(),
                DueKind::ThresholdReview,
                format!("Review the levels of need \"{}\"", title(page)),
            ),
            Some(KindData::PracticeReview(r)) => (
                r.publish_until.as_ref(),
                DueKind::PracticeReviewWithdrawn,
                format!(
                    "Last day on the site of the practice review \"{}\": archive it (the NSPCC repository) or extend publish_until",
                    title(page)
                ),
            ),
            _ => continue,
        };
        if let Some(date) = date {
            d.push(date.date(), kind, what, file_of(page));
        }
    }
    yearly(site, ctx, &mut d);
    for page in &site.pages {
        if let Some(review_by) = &page.meta.review_by {
            let what = format!("Review the page \"{}\" (its review_by date)", title(page));
            d.push(review_by.date(), DueKind::PageReview, what, file_of(page));
        }
        if let Some(KindData::AccessibilityStatement(s)) = &page.kind {
            let review = s.last_reviewed.date().saturating_add(1.year());
            let what = format!(
                "Review the accessibility statement \"{}\" (a year after its last review)",
                title(page)
            );
            d.push(review, DueKind::AccessibilityReview, what, file_of(page));
            for p in &s.non_accessible {
                if let Some(fix_by) = &p.fix_by {
                    let text = p.problem.get_ref().trim();
                    let mut problem: String = text.chars().take(80).collect();
                    if problem.len() < text.len() {
                        problem.push('…');
                    }
                    let what = format!("Fix, as the accessibility statement promises: {problem}");
                    d.push(
                        fix_by.get_ref().date(),
                        DueKind::AccessibilityFix,
                        what,
                        file_of(page),
                    );
                }
            }
        }
    }
    for item in tracker::collect(site) {
        let Some(due) = item.due.filter(|_| !item.status.is_closed()) else {
            continue;
        };
        let step = item.step.map(|s| format!(", step {s}")).unwrap_or_default();
        let (kind, noun) = match item.source {
            tracker::Source::Recommendation => (DueKind::Recommendation, "Recommendation"),
            tracker::Source::Action => (DueKind::Action, "Action"),
        };
        d.push(
            due.date(),
            kind,
            format!(
                "{noun} {} of \"{}\"{step} ({})",
                item.id,
                title(item.page),
                item.status.label().to_lowercase()
            ),
            file_of(item.page),
        );
    }
    for c in contacts.map(|c| c.contacts.as_slice()).unwrap_or_default() {
        if let Some(verified) = c.verified {
            d.push(
                verified.saturating_add(contacts::FRESH_MONTHS.months()),
                DueKind::ContactVerified,
                format!(
                    "Check the numbers of {} ({}): last verified {}",
                    c.service,
                    c.area,
                    verified.strftime("%-d %B %Y")
                ),
                contacts::PATH.to_string(),
            );
        }
    }
    let mut out = d.out;
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.what.cmp(&b.what)));
    out
}

fn title(page: &Page) -> String {
    page.meta
        .title
        .clone()
        .unwrap_or_else(|| page.loc.relative_path.clone())
}

/// The next yearly report, the 12-month rule, and bodies the newest one has not been
/// sent to.
fn yearly(site: &Site, ctx: &CheckContext, d: &mut Dates) {
    let Some((page, r)) = crate::content::kinds::newest_yearly_report(site) else {
        return;
    };
    let next_end = r.period_end.date().saturating_add(12.months());
    d.push(
        next_end.saturating_add(3.months()),
        DueKind::YearlyReport,
        format!(
            "Publish the yearly report for the period after {}, within 3 months of its end on {next_end} (Working Together 2023, recalled, to be checked)",
            r.period
        ),
        file_of(page),
    );
    d.push(
        r.published.date().saturating_add(12.months()),
        DueKind::YearlyReport12Months,
        format!(
            "Publish a yearly report: at least one in every 12-month period, and the last was published on {} (Children Act 2004 s.16G; Working Together)",
            r.published
        ),
        file_of(page),
    );
    for (body, name) in &ctx.config.yearly_report.bodies {
        if r.sent_to.iter().any(|s| s.body.get_ref() == body) {
            continue;
        }
        d.push(
            r.published.date().saturating_add(7.days()),
            DueKind::SentTo,
            format!(
                "Send the yearly report {} to {name}, within 7 days of publishing it (Working Together, recalled, to be checked)",
                r.period
            ),
            file_of(page),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_say_how_far_off() {
        assert_eq!(label(-1), "overdue by 1 day");
        assert_eq!(label(0), "due today");
        assert_eq!(label(12), "due in 12 days");
    }
}
