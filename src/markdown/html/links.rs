//! Links and images as a body is rendered: `@/` links resolved to permalinks, and every
//! other address sorted for the checks after rendering (from the root, relative to the
//! page, to another site).

use std::ops::Range;

use pulldown_cmark::CowStr;

use super::Pass;
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::InternalLink;

impl Pass<'_> {
    /// Resolves an `@/` link to its permalink; records any other address for its check.
    pub(super) fn link<'t>(&mut self, dest: &CowStr<'t>, range: &Range<usize>) -> CowStr<'t> {
        if let Some(target) = dest.strip_prefix("@/") {
            return self.internal_link(dest, target, range);
        }
        let at = (self.locate)(range.clone());
        let rendered = &mut self.rendered;
        let list = if dest.starts_with('/') && !dest.starts_with("//") {
            &mut rendered.local_links
        } else if is_external(dest) {
            &mut rendered.external_links
        } else if is_relative(dest) {
            &mut rendered.relative_links
        } else {
            return dest.clone();
        };
        list.push((dest.to_string(), at));
        dest.clone()
    }

    /// `@/path.md#anchor`: the page's permalink, noted for the anchor check; a link that
    /// names no page is reported (and leads where its problem says, if anywhere).
    fn internal_link<'t>(
        &mut self,
        dest: &CowStr<'t>,
        target: &str,
        range: &Range<usize>,
    ) -> CowStr<'t> {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (target, None),
        };
        match self.links.resolve(path) {
            Ok(permalink) => {
                self.rendered.internal_links.push(InternalLink {
                    path: path.to_string(),
                    anchor: anchor.clone(),
                    range: (self.locate)(range.clone()),
                });
                CowStr::from(match anchor {
                    Some(a) => format!("{permalink}#{a}"),
                    None => permalink,
                })
            }
            Err(problem) => {
                let d = match problem.severity {
                    Severity::Error => Diagnostic::error(problem.message),
                    Severity::Warning => Diagnostic::warning(problem.message),
                    Severity::Note => Diagnostic::note(problem.message),
                };
                self.report(d, range.clone(), problem.hint);
                problem.leads_to.map_or_else(|| dest.clone(), CowStr::from)
            }
        }
    }
}

/// Whether `dest` is relative to the page's address (`chart.png`, `../contacts/`): not
/// `/…`, `//…`, `#…`, `?…`, and with no scheme (`mailto:`, `tel:`, `data:`).
pub(super) fn is_relative(dest: &str) -> bool {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    !dest.is_empty() && !scheme && !dest.starts_with(['/', '#', '?'])
}

/// Whether `dest` leads to another site (`http:` or `https:`, as Zola decides).
pub(super) fn is_external(dest: &str) -> bool {
    let scheme = dest.get(..6).unwrap_or(dest).to_ascii_lowercase();
    scheme.starts_with("http:") || scheme.starts_with("https:")
}

/// The opening `<a>` of a link to another site, with the site's `attrs`.
pub(super) fn external_link(dest: &str, title: &str, attrs: &str) -> String {
    let mut tag = String::from("<a href=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut tag, dest);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut tag, title);
        tag.push('"');
    }
    tag.push(' ');
    tag.push_str(attrs);
    tag.push('>');
    tag
}
