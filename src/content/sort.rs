//! Ordering pages within sections, and sections among their siblings.

use std::cmp::Ordering;

use super::{Page, Section};
use crate::content::frontmatter::SortBy;

/// Sorts every section's pages and subsections and links pages to their neighbours.
pub fn sort_site(all_pages: &mut [Page], sections: &mut [Section]) {
    for s in 0..sections.len() {
        let sort_by = sections[s].meta.sort_by;
        let mut pages = std::mem::take(&mut sections[s].pages);
        pages.sort_by(|&a, &b| compare(&all_pages[a], &all_pages[b], sort_by));
        // As Zola: `lower` is the page before in the section's order (newer, lighter, or
        // earlier in the alphabet), `higher` the page after (older, heavier, later).
        if sort_by != SortBy::None {
            for (i, &p) in pages.iter().enumerate() {
                all_pages[p].lower = i.checked_sub(1).map(|j| pages[j]);
                all_pages[p].higher = pages.get(i + 1).copied();
            }
        }
        sections[s].pages = pages;
        let mut subs = std::mem::take(&mut sections[s].subsections);
        subs.sort_by(|&a, &b| {
            let (a, b) = (&sections[a], &sections[b]);
            a.meta
                .weight
                .cmp(&b.meta.weight)
                .then_with(|| a.loc.relative_path.cmp(&b.loc.relative_path))
        });
        sections[s].subsections = subs;
    }
}

/// Orders two pages by a section's `sort_by`; ties and missing values fall back to the path.
fn compare(a: &Page, b: &Page, sort_by: SortBy) -> Ordering {
    let by_path = || a.loc.relative_path.cmp(&b.loc.relative_path);
    // `None` sorts last in every order below, so pages missing the value come after the rest.
    fn last<T: Ord>(a: Option<T>, b: Option<T>, newest_first: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) if newest_first => y.cmp(&x),
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    match sort_by {
        SortBy::Date => last(a.meta.date.as_ref(), b.meta.date.as_ref(), true),
        SortBy::UpdateDate => last(
            a.meta.updated.as_ref().or(a.meta.date.as_ref()),
            b.meta.updated.as_ref().or(b.meta.date.as_ref()),
            true,
        ),
        SortBy::Title => last(
            a.meta.title.as_ref().map(|t| t.to_lowercase()),
            b.meta.title.as_ref().map(|t| t.to_lowercase()),
            false,
        ),
        SortBy::Weight => last(a.meta.weight, b.meta.weight, false),
        SortBy::None => Ordering::Equal,
    }
    .then_with(by_path)
}
