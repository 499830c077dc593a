//! Link checks: root-relative links that match no output file (checked as each body is
//! rendered, since every address of the site is known before), and the `#anchors` of
//! `@/` links (checked once every page is rendered, from places taken while rendering).

use std::collections::HashSet;
use std::ops::Range;

use super::RenderedSite;
use crate::content::{Item, Site};
use crate::diagnostics::{Diagnostic, Place};
use crate::source::{SourceFile, closest};

/// An `@/` link to a heading (`@/a.md#part`), to check once its target is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    /// The content file linked to.
    pub path: String,
    /// The heading's id.
    pub anchor: String,
    /// Where the link is.
    pub place: Place,
}

/// Every address a root-relative link can lead to: the pages, the sections, the files
/// copied as they are and the files every site has.
#[derive(Debug, Clone, Default)]
pub struct Known(HashSet<String>);

impl Known {
    /// The addresses of `site` and of the `files` copied or generated into the output
    /// (the caller lists them, as the render jobs know which they write).
    pub fn new(site: &Site, files: impl IntoIterator<Item = String>) -> Self {
        let mut known: HashSet<String> = files.into_iter().collect();
        for loc in site
            .pages
            .iter()
            .map(|p| &p.loc)
            .chain(site.sections.iter().map(|s| &s.loc))
        {
            known.insert(loc.path.clone());
        }
        for taxonomy in site.taxonomies.iter().filter(|t| t.config.render) {
            known.insert(taxonomy.path.clone());
            known.extend(taxonomy.terms.iter().map(|term| term.path.clone()));
        }
        for extra in ["/sitemap.xml", "/robots.txt", "/404.html"] {
            known.insert(extra.to_string());
        }
        Known(known)
    }

    /// Whether `path` (`/reports/`, `/logo.png`) is an address of the site.
    pub(crate) fn contains(&self, path: &str) -> bool {
        self.0.contains(path)
            || self
                .0
                .contains(format!("{}/", path.trim_end_matches('/')).as_str())
            || self.0.contains(path.trim_end_matches("index.html"))
    }
}

/// Checks the root-relative links (`/reports/`) of one body of `file`.
pub fn check_local(
    file: &SourceFile,
    links: &[(String, Range<usize>)],
    known: &Known,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) {
    for (url, range) in links {
        let path = url.split(['#', '?']).next().unwrap_or_default();
        if known.contains(path) {
            continue;
        }
        if let Some((rel, w)) = site.withdrawn_at(path) {
            diags.push(
                Diagnostic::warning(format!("the link {url} leads to content/{rel}, a practice review that was withdrawn after {} (its publish_until date)", w.until))
                    .in_file(&file.rel)
                    .at(&file.text, range.clone())
                    .with_hint("the page and its downloads are no longer published: remove the link, or point it to where the review is kept now (such as the NSPCC national case review repository)"),
            );
        } else {
            diags.push(
                Diagnostic::warning(format!("the link {url} matches no page or file of this site"))
                    .in_file(&file.rel)
                    .at(&file.text, range.clone())
                    .with_hint("link to pages with @/path/to/file.md so safesite can check them and keep them right when URLs change"),
            );
        }
    }
}

/// Warns about each link to statutory guidance that has been replaced (from the data
/// file shipped with safesite, offline), naming what to link to instead.
pub fn check_superseded(
    file: &SourceFile,
    links: &[(String, Range<usize>)],
    diags: &mut Vec<Diagnostic>,
) {
    for (url, range) in links {
        if let Some(old) = crate::content::superseded::superseded(url) {
            diags.push(
                Diagnostic::warning(format!(
                    "this links to {}, which has been replaced by {}",
                    old.name, old.replaced_by
                ))
                .in_file(&file.rel)
                .at(&file.text, range.clone())
                .with_hint(format!(
                    "link to {} instead ({}); if the old edition is meant (to show what changed), say so in the link text",
                    old.replaced_by, old.link
                )),
            );
        }
    }
}

/// An external link of a body and where it is, for `check --links`: the byte range in
/// its file, made into a line and column only for the few links found broken (a page
/// with a hundred thousand links would otherwise be read a hundred thousand times).
#[derive(Debug, Clone)]
pub struct ExternalLink {
    /// The address as written.
    pub url: String,
    /// The file the link is in, relative to the site folder.
    pub file: std::path::PathBuf,
    /// Where the link is in the file.
    pub range: Range<usize>,
}

/// Checks that every `@/…#anchor` link names a heading of its target.
pub fn check_anchors(site: &Site, rendered: &RenderedSite, diags: &mut Vec<Diagnostic>) {
    for body in rendered.pages.iter().chain(&rendered.sections) {
        for link in &body.anchored {
            let target = match site.lookup(&link.path) {
                Some(Item::Page(p)) => &rendered.pages[p],
                Some(Item::Section(s)) => &rendered.sections[s],
                None => continue,
            };
            if !target.anchors.contains(&link.anchor) {
                diags.push(missing_anchor(link, &target.anchors));
            }
        }
    }
}

fn missing_anchor(link: &AnchorLink, anchors: &HashSet<String>) -> Diagnostic {
    let (anchor, target) = (&link.anchor, &link.path);
    let mut ids: Vec<&str> = anchors
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("fn"))
        .collect();
    ids.sort();
    let hint = match closest(anchor, &ids) {
        Some(best) => format!("did you mean #{best}?"),
        None if ids.is_empty() => format!("content/{target} has no headings to link to"),
        None => format!(
            "headings in content/{target}: {}",
            ids.iter()
                .map(|i| format!("#{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(format!(
        "content/{target} has no heading with the id `{anchor}`"
    ))
    .at_place(&link.place)
    .with_hint(hint)
}
