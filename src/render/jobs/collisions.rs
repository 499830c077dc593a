//! Every output file must have one source: two jobs writing one file would make the
//! output depend on which finished last.

use std::collections::HashMap;
use std::path::Path;

use super::listings::listing_path;
use super::{Feed, Job, out_file};
use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::render::RenderedSite;

/// The output file a job writes.
fn destination(job: &Job, site: &Site, config: &Config, rendered: &RenderedSite) -> String {
    match job {
        Job::Page(i, _) => out_file(&site.pages[*i].loc.path),
        Job::Redirect { at, .. } => out_file(at),
        Job::Special(_, dest) => format!("/{dest}"),
        Job::Generated(dest, _) => format!("/{dest}"),
        Job::Headers(..) => "/_headers".to_string(),
        Job::Copy(_, dest) | Job::Sass(_, dest) => dest.clone(),
        Job::Pdf(n) => rendered.pdfs[*n].1.clone(),
        Job::HighlightCss(n) => config.highlighting.stylesheets[*n].0.clone(),
        listing => out_file(&listing_path(listing, site, config).unwrap_or_default()),
    }
}

/// Two jobs writing one file would make the output depend on which finished last, so
/// every output file must have one source. (Copies were already merged: a site's static
/// file replaces the theme's, a bundle's file replaces a static one, on purpose.)
pub(super) fn check_collisions(
    root: &Path,
    jobs: &[Job],
    site: &Site,
    config: &Config,
    rendered: &RenderedSite,
    diags: &mut Vec<Diagnostic>,
) {
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let dest = destination(job, site, config, rendered);
        let Some(&first) = claimed.get(&dest) else {
            claimed.insert(dest, i);
            continue;
        };
        let is_content = |j: &Job| matches!(j, Job::Page(..) | Job::Section(_, _, None | Some(0)));
        if is_content(job) && is_content(&jobs[first]) {
            // Loading already reported it, at the `slug` or `path` line.
            continue;
        }
        let mut d = Diagnostic::error(format!(
            "two things would be written to {}: {} and {}",
            dest.trim_start_matches('/'),
            describe(root, &jobs[first], site, rendered),
            describe(root, job, site, rendered)
        ))
        .with_hint("every address can hold one thing: change the alias, slug or path, or move the static file");
        let file = |item: Item| match item {
            Item::Page(p) => Some((&site.pages[p].file, &site.pages[p].split)),
            Item::Section(s) => site.sections[s].file.as_ref().map(|(f, sp)| (f, sp)),
        };
        match job {
            Job::Redirect {
                from: Some(from),
                at,
                ..
            } => {
                let key = if site.location(*from).path == *at {
                    "redirect_to"
                } else {
                    "aliases"
                };
                if let Some((f, range)) = site.field_range(*from, key) {
                    d = d.in_file(&f.rel).at(&f.text, range);
                }
            }
            Job::Page(p, _) => d = d.in_file(&site.pages[*p].file.rel),
            Job::Section(s, ..) | Job::Feed(Feed::Section(s), _) => {
                if let Some((f, _)) = file(Item::Section(*s)) {
                    d = d.in_file(&f.rel);
                }
            }
            Job::Pdf(n) => d = d.in_file(&site.pages[rendered.pdfs[*n].0].file.rel),
            _ => {}
        }
        diags.push(d);
    }
}

/// What a job writes, for messages.
fn describe(root: &Path, job: &Job, site: &Site, rendered: &RenderedSite) -> String {
    let shown = |item: Item| match item {
        Item::Page(p) => site.pages[p].file.rel.display().to_string(),
        Item::Section(s) => site.sections[s].file.as_ref().map_or_else(
            || "content/_index.md".to_string(),
            |(f, _)| f.rel.display().to_string(),
        ),
    };
    match job {
        Job::Page(p, _) => format!("the page {}", shown(Item::Page(*p))),
        Job::Section(s, _, None | Some(0)) => {
            format!("the section {}", shown(Item::Section(*s)))
        }
        Job::Section(s, _, Some(n)) => {
            format!("page {} of the section {}", n + 1, shown(Item::Section(*s)))
        }
        Job::Redirect {
            at,
            from: Some(from),
            ..
        } if site.location(*from).path == *at => {
            format!("the redirect_to of {}", shown(*from))
        }
        Job::Redirect {
            from: Some(from), ..
        } => format!("an alias in {}", shown(*from)),
        Job::Redirect { from: None, .. } => {
            "the redirect from a listing's page 1 to the listing".to_string()
        }
        Job::TaxonomyList(t, _) => format!(
            "the list of terms of the taxonomy `{}`",
            site.taxonomies[*t].config.name()
        ),
        Job::Term { taxonomy, term, .. } => format!(
            "the page of the term `{}` of the taxonomy `{}`",
            site.taxonomies[*taxonomy].terms[*term].name,
            site.taxonomies[*taxonomy].config.name()
        ),
        Job::Feed(_, name) => format!("the feed {name}"),
        Job::Special(name, _) => format!("the {name} safesite writes"),
        Job::Generated(name, _) => format!("the {name} safesite writes"),
        Job::Headers(..) => "the _headers safesite writes".to_string(),
        Job::Pdf(n) => format!(
            "the PDF made from {}",
            shown(Item::Page(rendered.pdfs[*n].0))
        ),
        Job::Copy(src, _) => format!(
            "the file {}",
            src.strip_prefix(root).unwrap_or(src).display()
        ),
        Job::Sass(src, _) => format!(
            "the CSS compiled from {}",
            src.strip_prefix(root).unwrap_or(src).display()
        ),
        Job::HighlightCss(_) => "the highlighting theme's CSS".to_string(),
    }
}
