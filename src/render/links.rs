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

/// Checks the links of one rendered body of `file`, whose page or section is at `base`:
/// root-relative and relative links must lead somewhere on the site (warnings, to
/// `warnings`), links to replaced guidance are warned about (to `diags`).
pub fn check_body(
    file: &SourceFile,
    base: &str,
    rendered: &crate::markdown::Rendered,
    known: &Known,
    site: &Site,
    warnings: &mut Vec<Diagnostic>,
    diags: &mut Vec<Diagnostic>,
) {
    check_local(file, &rendered.local_links, known, site, warnings);
    check_relative(file, base, &rendered.relative_links, known, warnings);
    check_superseded(file, &rendered.external_links, diags);
}

/// As [`check_body`], with every finding in `diags`: for a body rendered alone (an
/// edit in `serve`, a Markdown field of a kind), where no other problem can make a link
/// warning a repeat.
pub fn check_body_alone(
    file: &SourceFile,
    base: &str,
    rendered: &crate::markdown::Rendered,
    known: &Known,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) {
    let mut warnings = Vec::new();
    check_body(file, base, rendered, known, site, &mut warnings, diags);
    diags.append(&mut warnings);
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

/// Checks the relative links and images (`chart.png`, `../contacts/`) of one body of
/// `file`, whose page or section is at `base` (`/reports/2024/`): each is resolved as a
/// browser would and must lead to a page or file of the site. A link to a Markdown file
/// (`contacts.md`, as GitHub and some editors write them) is told to use `@/`.
pub fn check_relative(
    file: &SourceFile,
    base: &str,
    links: &[(String, Range<usize>)],
    known: &Known,
    diags: &mut Vec<Diagnostic>,
) {
    for (url, range) in links {
        let path = url.split(['#', '?']).next().unwrap_or_default();
        let Some(resolved) = resolve(base, path) else {
            continue;
        };
        if known.contains(&resolved) {
            continue;
        }
        let (message, hint) = if looks_like_another_site(path) {
            (
                format!(
                    "the link {url} has no https:// at the start, so it leads to {resolved} on this site"
                ),
                format!("write the other site's address in full: https://{url}"),
            )
        } else if path.ends_with(".md") {
            (
                format!("the link {url} names a Markdown file, which is not an address of the site"),
                "link to the page with @/ and its path from the content folder (such as @/about/contacts.md): safesite checks it and writes the page's address".to_string(),
            )
        } else {
            (
                format!("the link {url} leads to {resolved}, which matches no page or file of this site"),
                "a file a page shows or offers goes in the page's own folder (a page bundle: content/…/index.md beside it), or in static/ with a link from / ; pages are linked with @/path/to/file.md".to_string(),
            )
        };
        diags.push(
            Diagnostic::warning(message)
                .in_file(&file.rel)
                .at(&file.text, range.clone())
                .with_hint(hint),
        );
    }
}

/// Whether a relative link starts with what reads as another site's name
/// (`www.nspcc.org.uk`, `gov.uk/guidance`): pasted without its `https://`.
fn looks_like_another_site(path: &str) -> bool {
    let host = path
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    const ENDINGS: &[&str] = &[".uk", ".org", ".com", ".net", ".gov", ".io", ".info", ".eu"];
    host.contains('.') && (host.starts_with("www.") || ENDINGS.iter().any(|e| host.ends_with(e)))
}

/// `path` (relative, percent-encoded) resolved against the address `base` as a browser
/// resolves it: a root-relative path with `.` and `..` worked out (never above the root);
/// `None` if it does not decode to text.
fn resolve(base: &str, path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let folder = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    let joined = format!("{folder}{decoded}");
    let names_a_folder = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            name => parts.push(name),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if names_a_folder && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_as_a_browser_resolves_them() {
        let base = "/reports/2024/";
        assert_eq!(
            resolve(base, "chart.png").as_deref(),
            Some("/reports/2024/chart.png")
        );
        assert_eq!(
            resolve(base, "a%20b.pdf").as_deref(),
            Some("/reports/2024/a b.pdf")
        );
        assert_eq!(resolve(base, "./x/").as_deref(), Some("/reports/2024/x/"));
        assert_eq!(resolve(base, "../").as_deref(), Some("/reports/"));
        assert_eq!(resolve(base, "..").as_deref(), Some("/reports/"));
        assert_eq!(resolve(base, "../../../../x").as_deref(), Some("/x"));
        assert_eq!(resolve("/", "..").as_deref(), Some("/"));
        assert_eq!(resolve("/a.html", "b.html").as_deref(), Some("/b.html"));
        assert_eq!(resolve(base, "%ff"), None);
    }

    #[test]
    fn another_sites_name_is_told_apart_from_a_file() {
        for name in [
            "www.nspcc.org.uk",
            "gov.uk/guidance",
            "getzola.org",
            "WWW.EXAMPLE.NET/a",
        ] {
            assert!(looks_like_another_site(name), "{name}");
        }
        for name in [
            "report.pdf",
            "chart.png",
            "../contacts/",
            "notes.md",
            "a.b.c",
        ] {
            assert!(!looks_like_another_site(name), "{name}");
        }
    }
}
