//! Every output file must have one source: two jobs writing one file would make the
//! output depend on which finished last.

use std::collections::HashMap;
use std::path::Path;

use super::{Job, out_file};
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::render::RenderedSite;

/// The output file a job writes.
fn destination(job: &Job, site: &Site, rendered: &RenderedSite) -> String {
    match job {
        Job::Page(i, _) => out_file(&site.pages[*i].loc.path),
        Job::Section(i, _) => out_file(&site.sections[*i].loc.path),
        Job::Redirect { at, .. } => out_file(at),
        Job::Special(_, dest) => format!("/{dest}"),
        Job::Copy(_, dest) => dest.clone(),
        Job::Pdf(n) => rendered.pdfs[*n].1.clone(),
    }
}

/// Two jobs writing one file would make the output depend on which finished last, so
/// every output file must have one source. (Copies were already merged: a site's static
/// file replaces the theme's, a bundle's file replaces a static one, on purpose.)
pub(super) fn check_collisions(
    root: &Path,
    jobs: &[Job],
    site: &Site,
    rendered: &RenderedSite,
    diags: &mut Vec<Diagnostic>,
) {
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let dest = destination(job, site, rendered);
        let Some(&first) = claimed.get(&dest) else {
            claimed.insert(dest, i);
            continue;
        };
        let is_content = |j: &Job| matches!(j, Job::Page(..) | Job::Section(..));
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
            Job::Redirect { from, at, .. } => {
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
            Job::Section(s, _) => {
                if let Some((f, _)) = file(Item::Section(*s)) {
                    d = d.in_file(&f.rel);
                }
            }
            Job::Pdf(n) => d = d.in_file(&site.pages[rendered.pdfs[*n].0].file.rel),
            Job::Special(..) | Job::Copy(..) => {}
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
        Job::Section(s, _) => format!("the section {}", shown(Item::Section(*s))),
        Job::Redirect { at, from, .. } if site.location(*from).path == *at => {
            format!("the redirect_to of {}", shown(*from))
        }
        Job::Redirect { from, .. } => format!("an alias in {}", shown(*from)),
        Job::Special(name, _) => format!("the {name} safesite writes"),
        Job::Pdf(n) => format!(
            "the PDF made from {}",
            shown(Item::Page(rendered.pdfs[*n].0))
        ),
        Job::Copy(src, _) => format!(
            "the file {}",
            src.strip_prefix(root).unwrap_or(src).display()
        ),
    }
}
