//! The changes made to the site's pages since a day (`safesite report --since`, the day
//! of the last board meeting): what the board is told has changed in the published
//! arrangements, procedures and guidance.

use jiff::civil::Date;
use serde::Serialize;

use crate::content::Site;
use crate::content::record::all_changes;

/// One change note since the day asked.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeSince {
    /// The day of the change (`2025-09-01`).
    pub date: String,
    /// What changed.
    pub summary: String,
    /// The page's title.
    pub page: String,
    /// The page's address.
    pub url: String,
    /// The file, relative to the site folder.
    pub file: String,
}

/// Every change note dated on or after `since`, newest first, in every language.
pub fn since(site: &Site, since: Date) -> Vec<ChangeSince> {
    all_changes(site, None)
        .into_iter()
        .filter(|(_, c)| c.date.get_ref().date() >= since)
        .map(|(page, c)| ChangeSince {
            date: c.date.get_ref().date().to_string(),
            summary: c.summary.get_ref().clone(),
            page: page
                .meta
                .title
                .clone()
                .unwrap_or_else(|| page.loc.relative_path.clone()),
            url: page.loc.permalink.clone(),
            file: page.file.rel.display().to_string(),
        })
        .collect()
}
