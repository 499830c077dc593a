//! (c) of the report: the recommendations and actions tracker in figures — how many at
//! each status and from each year, which are overdue, and the `carried_from` chains.

use serde::Serialize;

use crate::content::Site;
use crate::content::kinds::CheckContext;
use crate::content::kinds::records::Status;
use crate::content::kinds::tracker::{self, Source, Tracked};
use crate::content::partnership::resolve;

/// The tracker in figures.
#[derive(Debug, Clone, Serialize)]
pub struct TrackerSummary {
    /// Recommendations and actions in all.
    pub total: usize,
    /// How many at each status (open, in-progress, done, superseded), every status
    /// listed.
    pub by_status: Vec<StatusCount>,
    /// How many from each year, newest first.
    pub by_year: Vec<YearCount>,
    /// Those past their due date and not done or superseded, most overdue first.
    pub overdue: Vec<TrackerItem>,
    /// Each `carried_from` chain, oldest id first.
    pub chains: Vec<Vec<String>>,
}

/// How many items have one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: Status,
    /// How many.
    pub count: usize,
}

/// How many items come from pages of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    /// The year of the page (when it was published or completed); `null` if undated.
    pub year: Option<i16>,
    /// How many in all.
    pub count: usize,
    /// How many are still open or in progress.
    pub not_closed: usize,
}

/// One recommendation or action.
#[derive(Debug, Clone, Serialize)]
pub struct TrackerItem {
    /// `recommendation` or `action`.
    pub source: Source,
    /// Its id.
    pub id: String,
    /// The file it is in.
    pub file: String,
    /// The title of its page.
    pub page_title: Option<String>,
    /// The step it belongs to (actions of a self-assessment).
    pub step: Option<u32>,
    /// Who is responsible, as shown on the site.
    pub owner: Option<String>,
    /// When it was due (YYYY-MM-DD).
    pub due: Option<String>,
    /// Its status.
    pub status: Status,
    /// Days past its due date.
    pub days_overdue: i64,
}

fn item(t: &Tracked, ctx: &CheckContext) -> TrackerItem {
    TrackerItem {
        source: t.source,
        id: t.id.to_string(),
        file: t.page.file.rel.display().to_string().replace('\\', "/"),
        page_title: t.page.meta.title.clone(),
        step: t.step,
        owner: t
            .owner
            .and_then(|o| resolve(ctx.partnership, o.get_ref()).ok())
            .map(|p| p.display),
        due: t.due.map(|d| d.date().to_string()),
        status: t.status,
        days_overdue: t
            .due
            .map_or(0, |d| (ctx.today - d.date()).get_days().into()),
    }
}

/// The tracker summary of the site.
pub fn summary(site: &Site, ctx: &CheckContext) -> TrackerSummary {
    let items = tracker::collect(site);
    let by_status = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::Superseded,
    ]
    .into_iter()
    .map(|status| StatusCount {
        status,
        count: items.iter().filter(|t| t.status == status).count(),
    })
    .collect();
    let mut years: Vec<Option<i16>> = items.iter().map(|t| t.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let by_year = years
        .into_iter()
        .map(|year| {
            let of_year = || items.iter().filter(move |t| t.year == year);
            YearCount {
                year,
                count: of_year().count(),
                not_closed: of_year().filter(|t| !t.status.is_closed()).count(),
            }
        })
        .collect();
    let mut overdue: Vec<TrackerItem> = items
        .iter()
        .filter(|t| t.overdue(ctx.today))
        .map(|t| item(t, ctx))
        .collect();
    overdue.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.id.cmp(&b.id)));
    TrackerSummary {
        total: items.len(),
        by_status,
        by_year,
        overdue,
        chains: tracker::chains(&items),
    }
}
