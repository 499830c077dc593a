//! The tracker: every recommendation and every action of every page, in one list, with
//! the page and year it came from. The tracker page, the checks and `safesite report`
//! all read this list, so a new kind with recommendations or actions shows up in each by
//! adding one arm to [`KindData::recommendations`] or [`KindData::actions`].

use jiff::civil::Date;
use serde::Serialize;

use super::KindData;
use super::people::PersonRef;
use super::records::Status;
use crate::content::date::DateValue;
use crate::content::{Page, PageId, Site};

/// Whether an item is a recommendation or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A recommendation, such as a scrutineer's.
    Recommendation,
    /// An action, such as one of a self-assessment step.
    Action,
}

impl Source {
    /// The word for people.
    pub fn noun(self) -> &'static str {
        match self {
            Source::Recommendation => "recommendation",
            Source::Action => "action",
        }
    }
}

/// One recommendation or action, and where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Tracked<'a> {
    /// The page that makes it.
    pub page: &'a Page,
    /// The page's index in [`Site::pages`].
    pub page_id: PageId,
    /// Recommendation or action.
    pub source: Source,
    /// Its stable id.
    pub id: &'a str,
    /// What it says (Markdown).
    pub text: &'a str,
    /// Who is responsible.
    pub owner: Option<&'a PersonRef>,
    /// When it is due.
    pub due: Option<&'a DateValue>,
    /// Where it has got to.
    pub status: Status,
    /// The id of the earlier recommendation it continues.
    pub carried_from: Option<&'a str>,
    /// The step of the page it belongs to (actions of a self-assessment).
    pub step: Option<u32>,
    /// The year of the page it comes from (when it was published or completed).
    pub year: Option<i16>,
}

impl Tracked<'_> {
    /// Whether it is past its due date and still not done or superseded.
    pub fn overdue(&self, today: Date) -> bool {
        !self.status.is_closed() && self.due.is_some_and(|d| d.date() < today)
    }
}

/// The date a page of a kind is dated by: when it was published or completed, or its
/// `date`.
fn page_date(page: &Page, kind: &KindData) -> Option<Date> {
    let own = match kind {
        KindData::Arrangements(a) => Some(&a.published),
        KindData::ScrutinyReport(r) => Some(&r.published),
        KindData::YearlyReport(r) => Some(&r.published),
        KindData::SelfAssessment(s) => s.completed.as_ref(),
        KindData::PracticeReview(r) => Some(&r.published),
        KindData::Threshold(t) => Some(&t.published),
        KindData::S11Audit(a) => Some(&a.completed),
    };
    own.map(DateValue::date)
        .or_else(|| page.meta.date.as_ref().map(|d| d.date()))
}

/// Every recommendation and action of the site, in page order.
pub fn collect(site: &Site) -> Vec<Tracked<'_>> {
    let mut out = Vec::new();
    for (page_id, page) in site.pages.iter().enumerate() {
        let Some(kind) = &page.kind else {
            continue;
        };
        let year = page_date(page, kind).map(|d| d.year());
        out.extend(kind.recommendations().iter().map(|r| Tracked {
            page,
            page_id,
            source: Source::Recommendation,
            id: &r.id,
            text: &r.text,
            owner: r.owner.as_ref(),
            due: r.due.as_ref(),
            status: r.status,
            carried_from: r.carried_from.as_deref(),
            step: None,
            year,
        }));
        out.extend(kind.actions().into_iter().map(|sa| Tracked {
            page,
            page_id,
            source: Source::Action,
            id: &sa.action.id,
            text: &sa.action.text,
            owner: sa.action.owner.as_ref(),
            due: sa.action.due.as_ref(),
            status: sa.action.status,
            carried_from: None,
            step: sa.step,
            year,
        }));
    }
    out
}

/// The `carried_from` chains, oldest id first: `["2024-R2", "2025-R2"]`. Only items
/// that carry another on, or are carried on, appear; each chain once.
pub fn chains(items: &[Tracked]) -> Vec<Vec<String>> {
    let next = |id: &str| {
        items
            .iter()
            .find(|t| t.carried_from == Some(id))
            .map(|t| t.id)
    };
    let mut out = Vec::new();
    // A chain starts at an item that carries nothing on from a known item.
    for start in items.iter().filter(|t| {
        t.carried_from
            .is_none_or(|from| items.iter().all(|other| other.id != from))
    }) {
        let mut chain = vec![start.id.to_string()];
        let mut at = start.id;
        while let Some(n) = next(at) {
            if chain.iter().any(|c| c == n) {
                break;
            }
            chain.push(n.to_string());
            at = n;
        }
        if chain.len() > 1 {
            out.push(chain);
        }
    }
    out
}
