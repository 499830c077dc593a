//! Link checks that need every page rendered: `#anchors` of `@/` links, and root-relative
//! links that match no output file.

use std::collections::HashSet;

use super::RenderedSite;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, closest};

/// Checks every recorded link; `files` are the other outputs (static files and assets).
pub fn check_links(
    site: &Site,
    rendered: &RenderedSite,
    files: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let mut known: HashSet<&str> = files.iter().map(String::as_str).collect();
    for loc in site
        .pages
        .iter()
        .map(|p| &p.loc)
        .chain(site.sections.iter().map(|s| &s.loc))
    {
        known.insert(&loc.path);
    }
    for extra in ["/sitemap.xml", "/robots.txt", "/atom.xml", "/404.html"] {
        known.insert(extra);
    }
    let sources = site.pages.iter().map(|p| Some(&p.file)).chain(
        site.sections
            .iter()
            .map(|s| s.file.as_ref().map(|(f, _)| f)),
    );
    let bodies = rendered.pages.iter().chain(&rendered.sections);
    for (file, body) in sources.zip(bodies) {
        let Some(file) = file else { continue };
        for link in &body.internal_links {
            let Some(anchor) = &link.anchor else { continue };
            let target = match site.lookup(&link.path) {
                Some(Item::Page(p)) => &rendered.pages[p],
                Some(Item::Section(s)) => &rendered.sections[s],
                None => continue,
            };
            if !target.anchors.contains(anchor) {
                diags.push(missing_anchor(
                    file,
                    link.range.clone(),
                    anchor,
                    &link.path,
                    &target.anchors,
                ));
            }
        }
        for (url, range) in &body.local_links {
            let path = url.split(['#', '?']).next().unwrap_or_default();
            let found = known.contains(path)
                || known.contains(format!("{}/", path.trim_end_matches('/')).as_str())
                || known.contains(path.trim_end_matches("index.html"));
            if !found && let Some((rel, w)) = site.withdrawn_at(path) {
                diags.push(
                    Diagnostic::warning(format!("the link {url} leads to content/{rel}, a practice review that was withdrawn after {} (its publish_until date)", w.until))
                        .in_file(&file.rel)
                        .at(&file.text, range.clone())
                        .with_hint("the page and its downloads are no longer published: remove the link, or point it to where the review is kept now (such as the NSPCC national case review repository)"),
                );
            } else if !found {
                diags.push(
                    Diagnostic::warning(format!("the link {url} matches no page or file of this site"))
                        .in_file(&file.rel)
                        .at(&file.text, range.clone())
                        .with_hint("link to pages with @/path/to/file.md so safesite can check them and keep them right when URLs change"),
                );
            }
        }
    }
}

fn missing_anchor(
    file: &SourceFile,
    range: std::ops::Range<usize>,
    anchor: &str,
    target: &str,
    anchors: &HashSet<String>,
) -> Diagnostic {
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
    .in_file(&file.rel)
    .at(&file.text, range)
    .with_hint(hint)
}
