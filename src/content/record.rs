//! Keeping the public record current, on any page: its change notes (`[[changes]]`), the
//! other versions it comes in (`versions`: easy read, for young people, BSL, a
//! translation, a summary), its review date (`review_by`) and the moment it goes live
//! (`publish_from`); and the checks of each, so a reader can trust what a page says and
//! when it last changed.

use std::ops::Range;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::date::DateValue;
use super::kinds::KindData;
use super::kinds::context::{CheckContext, error, warning};
use super::{Item, Page, Site};
use crate::diagnostics::Diagnostic;

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

/// The checks of one page's record: a passed review date, change notes dated ahead of
/// today or of the page's `updated`.
pub fn check_page(page: &Page, ctx: &CheckContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(review_by) = page
        .meta
        .review_by
        .as_ref()
        .filter(|r| r.date() < ctx.today)
    {
        out.push(warning(
            page,
            page.field_range("review_by"),
            format!("this page was due for review by {review_by}, which has passed"),
            "check it is still right (numbers, names, links), then set review_by to the next review date".into(),
        ));
    }
    for change in &page.meta.changes {
        let date = change.date.get_ref();
        let at = page.value_range(&change.date);
        if date.date() > ctx.today {
            out.push(warning(
                page,
                at,
                format!("this change note is dated {date}, which is still to come"),
                "date a change note the day the change was published; to publish the page itself later, use publish_from".into(),
            ));
        } else if let Some(updated) = page
            .meta
            .updated
            .as_ref()
            .filter(|u| date.date() > u.date())
        {
            out.push(warning(
                page,
                at,
                format!("this change note is dated {date}, after the page's updated date ({updated})"),
                format!("set updated = {date} (the day of the newest change), or correct the change's date"),
            ));
        }
    }
    if page.meta.publish_from.is_some() && page.meta.draft {
        out.push(warning(
            page,
            page.field_range("publish_from"),
            "this page is a draft and has a publish_from date: it will not go live on that day while it is a draft".into(),
            "remove `draft = true` once the page is ready, so it is published on its publish_from date".into(),
        ));
    }
    out
}

/// The checks of every page's `versions`: each names a page of the site, and that page
/// names this one back, so a reader can go either way.
pub fn check_versions(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        for version in &page.meta.versions {
            let Some(target) = version_target(site, version) else {
                out.push(unknown_version(site, page, version));
                continue;
            };
            if target == i {
                out.push(error(
                    page,
                    page.value_range(&version.page),
                    "this page names itself as one of its other versions".into(),
                    "name the other version's file, such as page = \"@/reports/2024-25/easy-read.md\"".into(),
                ));
                continue;
            }
            let other = &site.pages[target];
            if !other
                .meta
                .versions
                .iter()
                .any(|v| version_target(site, v) == Some(i))
            {
                out.push(no_link_back(page, other, version));
            }
        }
    }
    out
}

/// `check`'s advice (a note) for each yearly or scrutiny report without a version for
/// children and young people.
pub fn advise_versions(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        if let Some(report) = report_name(page.kind.as_ref())
            && !page
                .meta
                .versions
                .iter()
                .any(|v| *v.kind.get_ref() == VersionKind::YoungPeople)
        {
            out.push(
                Diagnostic::note(format!(
                    "this {report} has no version for children and young people"
                ))
                .in_file(&page.file.rel)
                .at(&page.file.text, page.field_range("kind"))
                .with_hint("Working Together 2023 asks the partners to involve children and young people and tell them what was done: write a short version for them and name it here with versions = [{ kind = \"young-people\", page = \"@/…\" }]"),
            );
        }
    }
    out
}

/// The page a version names, if it is a page of the site.
pub fn version_target(site: &Site, version: &Version) -> Option<usize> {
    match site.lookup(version.page.get_ref()) {
        Some(Item::Page(p)) => Some(p),
        _ => None,
    }
}

/// "yearly report" for the reports that should have a young people's version.
fn report_name(kind: Option<&KindData>) -> Option<&'static str> {
    match kind? {
        KindData::YearlyReport(_) => Some("yearly report"),
        KindData::ScrutinyReport(_) => Some("scrutiny report"),
        _ => None,
    }
}

/// A version naming no page of the site.
fn unknown_version(site: &Site, page: &Page, version: &Version) -> Diagnostic {
    let path = version.page.get_ref();
    let hint = if !path.starts_with("@/") {
        format!(
            "name the page by its file under content/, starting with @/, such as page = \"@/{}\"",
            path.trim_start_matches('/')
        )
    } else if site.drafts.contains_key(path.trim_start_matches("@/")) {
        "that page is a draft: publish it (remove `draft = true`) or build with --drafts".into()
    } else {
        let known: Vec<&str> = site.by_relative_path.keys().map(String::as_str).collect();
        match crate::source::closest(path.trim_start_matches("@/"), &known) {
            Some(best) => format!("did you mean @/{best}?"),
            None => {
                "name a page's file under content/, such as @/reports/2024-25/easy-read.md".into()
            }
        }
    };
    error(
        page,
        page.value_range(&version.page),
        format!(
            "the {} version {path} is not a page of the site",
            version.kind.get_ref().name()
        ),
        hint,
    )
}

/// The other version does not link back: a warning at the other page, which is the one
/// to edit.
fn no_link_back(page: &Page, other: &Page, version: &Version) -> Diagnostic {
    let back = match version.kind.get_ref() {
        VersionKind::Translation => "translation",
        _ => "full",
    };
    let place: Range<usize> = if other.meta.versions.is_empty() {
        other.field_range("title")
    } else {
        other.field_range("versions")
    };
    warning(
        other,
        place,
        format!(
            "content/{} names this page as its {} version, and this page does not link back to it",
            page.loc.relative_path,
            version.kind.get_ref().name()
        ),
        format!(
            "add versions = [{{ kind = \"{back}\", page = \"@/{}\" }}] so readers of this version can find the other",
            page.loc.relative_path
        ),
    )
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
