//! Keeping the public record current, on any page: its change notes (`[[changes]]`), the
//! other versions it comes in (`versions`: easy read, for young people, BSL, a
//! translation, a summary), its review date (`review_by`) and the moment it goes live
//! (`publish_from`), so a reader can trust what a page says and when it last changed.
//! Their checks are in the kinds' layer above (`kinds::record_checks`), as some ask what
//! kind a page is.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::date::DateValue;
use super::{Item, Page, Site};

/// A `[[changes]]` entry: what changed on the page, and when.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The day of the change.
    pub date: Spanned<DateValue>,
    /// What changed, in a sentence ("Added the route for schools to raise a concern").
    pub summary: Spanned<String>,
}

/// What another version of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionKind {
    /// Easy read: short sentences with pictures, for people with a learning disability.
    EasyRead,
    /// Written for children and young people.
    YoungPeople,
    /// In British Sign Language (usually a video page).
    Bsl,
    /// In another language (named in that language).
    Translation,
    /// A short summary.
    Summary,
    /// The full version, which a shorter or easier version links back to.
    Full,
}

impl VersionKind {
    /// As written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            VersionKind::EasyRead => "easy-read",
            VersionKind::YoungPeople => "young-people",
            VersionKind::Bsl => "bsl",
            VersionKind::Translation => "translation",
            VersionKind::Summary => "summary",
            VersionKind::Full => "full",
        }
    }
}

/// A `versions` entry: another version of the page, by its content path.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    /// What the other version is.
    pub kind: Spanned<VersionKind>,
    /// Its content file (`@/reports/2024-25/easy-read.md`).
    pub page: Spanned<String>,
}

/// The moment a `publish_from` (or any date) stands for: a date or a date and time
/// without an offset is in Europe/London, as a partnership means it; one with an offset
/// (`…Z`, `…+01:00`) is that moment.
pub fn moment(value: &DateValue) -> Timestamp {
    if let Ok(ts) = value.to_string().parse::<Timestamp>() {
        return ts;
    }
    value
        .datetime
        .to_zoned(super::date::london())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

/// The page's `publish_from` while it is still ahead of `now`: the page is scheduled.
pub fn scheduled(publish_from: Option<&DateValue>, now: Timestamp) -> Option<&DateValue> {
    publish_from.filter(|from| moment(from) > now)
}

/// The page a version names, if it is a page of the site.
pub fn version_target(site: &Site, version: &Version) -> Option<usize> {
    match site.lookup(version.page.get_ref()) {
        Some(Item::Page(p)) => Some(p),
        _ => None,
    }
}

/// Every change note of the site's pages in `lang` (written out, so it can be linked
/// to), newest first; for one day, by page title.
pub fn all_changes<'a>(site: &'a Site, lang: Option<&str>) -> Vec<(&'a Page, &'a Change)> {
    let mut list: Vec<(&Page, &Change)> = site
        .pages
        .iter()
        .filter(|p| p.meta.renders() && lang.is_none_or(|l| p.loc.lang == l))
        .flat_map(|p| p.meta.changes.iter().map(move |c| (p.as_ref(), c)))
        .collect();
    list.sort_by(|(pa, a), (pb, b)| {
        b.date
            .get_ref()
            .cmp(a.date.get_ref())
            .then_with(|| pa.meta.title.cmp(&pb.meta.title))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_date_is_midnight_in_london() {
        let summer = DateValue::parse("2026-06-30").expect("date");
        // British Summer Time: midnight in London is 23:00 the day before in UTC.
        assert_eq!(moment(&summer).to_string(), "2026-06-29T23:00:00Z");
        let winter = DateValue::parse("2026-12-01T09:30:00").expect("date");
        assert_eq!(moment(&winter).to_string(), "2026-12-01T09:30:00Z");
        let utc = DateValue::parse("2026-06-30T08:00:00Z").expect("date");
        assert_eq!(moment(&utc).to_string(), "2026-06-30T08:00:00Z");
    }

    #[test]
    fn scheduled_until_its_moment() {
        let from = DateValue::parse("2026-06-30").expect("date");
        let before: Timestamp = "2026-06-29T22:59:59Z".parse().expect("ts");
        let after: Timestamp = "2026-06-29T23:00:00Z".parse().expect("ts");
        assert!(scheduled(Some(&from), before).is_some());
        assert!(scheduled(Some(&from), after).is_none());
        assert!(scheduled(None, before).is_none());
    }
}
