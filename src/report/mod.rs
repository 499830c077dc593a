//! `safesite report`: the partnership-wide statutory picture for the board and the
//! scrutineer, as one self-contained HTML page ([`html`]) or JSON (this module's types,
//! serialised as they are).
//!
//! It is gathered during a check run of the build pipeline ([`crate::build::Mode::Report`]),
//! so it sees exactly what `check` sees: (a) the statutory topics met and missing in each
//! arrangements page and yearly report, (b) every date due or overdue within
//! [`HORIZON_DAYS`] of today ([`dates`]) and (c) the tracker of recommendations and
//! actions ([`tracker`]).

pub mod changes;
pub mod dates;
pub mod html;
pub mod tracker;

use serde::Serialize;

use crate::check::StatutoryReport;
use crate::content::Site;
use crate::content::contacts::Contacts;
use crate::content::kinds::CheckContext;
use crate::content::kinds::topics::{Confidence, Document, MetBy, tally};

pub use dates::{DueDate, DueKind};
pub use tracker::{TrackerItem, TrackerSummary};

/// How far ahead the report looks for dates, in days.
pub const HORIZON_DAYS: i64 = 90;

/// Everything the report shows. Its JSON field names are stable (README.md lists them).
#[derive(Debug, Clone, Serialize)]
pub struct BoardReport {
    /// The partnership's name (from data/partnership.toml, else the site's title).
    pub partnership: Option<String>,
    /// The day the report is as of (YYYY-MM-DD).
    pub today: String,
    /// How many days ahead dates are listed.
    pub horizon_days: i64,
    /// (a) One met/missing table per arrangements page and yearly report.
    pub statutory: Vec<StatutoryDocument>,
    /// (b) Dates due or overdue, soonest first.
    pub dates: Vec<DueDate>,
    /// (c) The recommendations and actions tracker.
    pub tracker: TrackerSummary,
    /// (d) The day changes are listed from (`--since`, else [`HORIZON_DAYS`] ago).
    pub changes_since: String,
    /// (d) The pages' change notes since then, newest first.
    pub changes: Vec<changes::ChangeSince>,
}

/// The met/missing table of one document.
#[derive(Debug, Clone, Serialize)]
pub struct StatutoryDocument {
    /// The file, relative to the site folder (`content/about/arrangements.md`).
    pub file: String,
    /// `arrangements` or `yearly-report`.
    pub document: Document,
    /// Where the topic list comes from.
    pub source: String,
    /// Topics met, not counting advice.
    pub met: usize,
    /// Topics the guidance asks for (every topic but advice).
    pub required: usize,
    /// One row per topic, in the topic list's order.
    pub topics: Vec<TopicRow>,
}

/// One topic of a met/missing table.
#[derive(Debug, Clone, Serialize)]
pub struct TopicRow {
    /// The topic's stable id (`independent-scrutiny`).
    pub id: String,
    /// What the topic is.
    pub title: String,
    /// `confirmed`, `to-verify` or `advice`.
    pub confidence: Confidence,
    /// `met`, `missing` or (advice not covered) `advice`.
    pub status: &'static str,
    /// What meets it: `{"by": "heading", "text", "line"}`, `{"by": "field", "name",
    /// "line"}` or `{"by": "page", "kind", "path"}`; `null` when missing.
    pub met_by: Option<MetBy>,
}

impl StatutoryDocument {
    /// The report's form of one met/missing table of `check`.
    pub fn from_check(r: &StatutoryReport) -> Self {
        let topics: Vec<TopicRow> = r
            .results
            .iter()
            .map(|t| TopicRow {
                id: t.topic.id.clone(),
                title: t.topic.title.clone(),
                confidence: t.topic.confidence,
                status: match (&t.met_by, t.topic.confidence) {
                    (Some(_), _) => "met",
                    (None, Confidence::Advice) => "advice",
                    (None, _) => "missing",
                },
                met_by: t.met_by.clone(),
            })
            .collect();
        let (met, required) = tally(&r.results);
        StatutoryDocument {
            file: r.file.display().to_string().replace('\\', "/"),
            document: r.document,
            source: r.source.clone(),
            met,
            required,
            topics,
        }
    }
}

/// Gathers the report from a check run.
pub fn gather(
    site: &Site,
    ctx: &CheckContext,
    contacts: Option<&Contacts>,
    statutory: &[StatutoryReport],
    since: Option<jiff::civil::Date>,
) -> BoardReport {
    let since = since.unwrap_or_else(|| {
        ctx.today
            .saturating_sub(jiff::Span::new().days(HORIZON_DAYS))
    });
    let partnership = ctx
        .partnership
        .and_then(|p| p.name.clone())
        .or_else(|| ctx.config.title.clone());
    BoardReport {
        partnership,
        today: ctx.today.to_string(),
        horizon_days: HORIZON_DAYS,
        statutory: statutory
            .iter()
            .map(StatutoryDocument::from_check)
            .collect(),
        dates: dates::due(site, ctx, contacts),
        tracker: tracker::summary(site, ctx),
        changes_since: since.to_string(),
        changes: changes::since(site, since),
    }
}

/// The report as pretty-printed JSON.
pub fn to_json(report: &BoardReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
