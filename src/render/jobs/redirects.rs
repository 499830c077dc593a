//! Redirect pages: one for every `aliases` entry, and the URL a `redirect_to` goes to.

use std::collections::HashMap;

use super::Job;
use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;

/// `url` as a full URL: a path becomes a permalink of this site.
pub(super) fn absolute(config: &Config, url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        config.permalink(url)
    }
}

/// Redirect pages for every `aliases` entry; an alias that takes an existing URL is an error.
pub(super) fn aliases(site: &Site, jobs: &mut Vec<Job>, diags: &mut Vec<Diagnostic>) {
    let taken: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.loc.path.as_str(), p.loc.relative_path.as_str()))
        .chain(
            site.sections
                .iter()
                .map(|s| (s.loc.path.as_str(), s.loc.relative_path.as_str())),
        )
        .collect();
    let items = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (Item::Page(i), &p.meta.aliases, &p.loc))
        .chain(
            site.sections
                .iter()
                .enumerate()
                .map(|(i, s)| (Item::Section(i), &s.meta.aliases, &s.loc)),
        );
    for (from, list, loc) in items {
        for alias in list {
            let trimmed = alias.trim_matches('/');
            let at = if trimmed.ends_with(".html") {
                format!("/{trimmed}")
            } else {
                format!("/{trimmed}/")
            };
            if let Some(owner) = taken.get(at.as_str()) {
                let mut d = Diagnostic::error(format!(
                    "the alias {alias} is the URL of content/{owner}"
                ))
                .with_hint(
                    "an alias is an old address that redirects here: remove it or choose another",
                );
                if let Some((f, range)) = site.field_range(from, "aliases") {
                    d = d.in_file(&f.rel).at(&f.text, range);
                }
                diags.push(d);
                continue;
            }
            jobs.push(Job::Redirect {
                at,
                to: loc.permalink.clone(),
                from: Some(from),
            });
        }
    }
}
