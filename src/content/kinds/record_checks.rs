//! The checks of the public-record fields any page has (`review_by`, `[[changes]]`,
//! `versions`, `publish_from`): a passed review date, change notes dated ahead, other
//! versions that are no page or do not link back, and the advice that a yearly or
//! scrutiny report should have a version for children and young people.

use std::ops::Range;

use super::KindData;
use super::context::{CheckContext, error, warning};
use crate::content::record::{Version, VersionKind, version_target};
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

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
                let path = version.page.get_ref().trim_start_matches("@/");
                out.push(match site.scheduled.get(path) {
                    // A young people's version that follows the report: offered once
                    // it is published, with nothing to fix meanwhile.
                    Some(from) => Diagnostic::note(format!(
                        "the {} version {} is scheduled for {from}: it is offered here from then",
                        version.kind.get_ref().name(),
                        version.page.get_ref()
                    ))
                    .in_file(&page.file.rel)
                    .at(&page.file.text, page.value_range(&version.page)),
                    None => unknown_version(site, page, version),
                });
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
/// children and young people (the default language's: a translation is itself another
/// version).
pub fn advise_versions(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| !p.loc.is_translation()) {
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
