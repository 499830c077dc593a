//! The tracker: every recommendation and every action of every page, in one list, with
//! the page and year it came from. The tracker page, the checks and `safesite report`
//! all read this list, so a kind whose [`Kind`](super::Kind) gives recommendations or
//! actions shows up in each.

use jiff::civil::Date;
use serde::Serialize;
use toml::Spanned;

use super::people::PersonRef;
use super::records::{Status, overdue};
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
    pub id: &'a Spanned<String>,
    /// Who is responsible.
    pub owner: Option<&'a Spanned<PersonRef>>,
    /// When it is due.
    pub due: Option<&'a DateValue>,
    /// Where it has got to.
    pub status: Status,
    /// The id of the earlier recommendation it continues.
    pub carried_from: Option<&'a Spanned<String>>,
    /// The step of the page it belongs to (actions of a self-assessment).
    pub step: Option<u32>,
    /// The year of the page it comes from (when it was published or completed).
    pub year: Option<i16>,
}

impl Tracked<'_> {
    /// Whether it is past its due date and still not done or superseded.
    pub fn overdue(&self, today: Date) -> bool {
        overdue(self.status, self.due, today)
    }
}

/// Every recommendation and action of the site, in page order (a translation's are its
/// page's, and not counted again).
pub fn collect(site: &Site) -> Vec<Tracked<'_>> {
    let mut out = Vec::new();
    for (page_id, page) in site.pages.iter().enumerate() {
        let Some(kind) = page.kind.as_ref().filter(|_| !page.loc.is_translation()) else {
            continue;
        };
        // Dated by when it was published or completed, or else its `date`.
        let year = kind
            .dated()
            .or(page.meta.date.as_ref())
            .map(|d| d.date().year());
        out.extend(kind.recommendations().iter().map(|r| Tracked {
            page,
            page_id,
            source: Source::Recommendation,
            id: &r.id,
            owner: r.owner.as_ref(),
            due: r.due.as_ref(),
            status: r.status,
            carried_from: r.carried_from.as_ref(),
            step: None,
            year,
        }));
        out.extend(kind.actions().into_iter().map(|sa| Tracked {
            page,
            page_id,
            source: Source::Action,
            id: &sa.action.id,
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
    fn id<'a>(t: &Tracked<'a>) -> &'a str {
        t.id.get_ref()
    }
    fn from<'a>(t: &Tracked<'a>) -> Option<&'a str> {
        t.carried_from.map(|c| c.get_ref().as_str())
    }
    let next = |at: &str| items.iter().find(|t| from(t) == Some(at)).map(id);
    let mut out = Vec::new();
    // A chain starts at an item that carries nothing on from a known item.
    for start in items
        .iter()
        .filter(|t| from(t).is_none_or(|f| items.iter().all(|other| id(other) != f)))
    {
        let mut chain = vec![id(start).to_string()];
        let mut at = id(start);
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
