//! The jobs of the last build and what each output looked up, kept by `serve`: an edit
//! to one page re-runs only the jobs whose output can show it.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::paging::Paging;
use super::write::{Output, render, write};
use super::{Failures, Feed, Job, JobCounts};
use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::output::{Published, Sink};
use crate::render::RenderedSite;
use crate::templates::deps::{self, Lookups};
use crate::templates::{Library, Templates};

/// Every job of a build, with what its template looked up.
#[derive(Default)]
pub struct Plan {
    jobs: Vec<Job>,
    lookups: Vec<Lookups>,
}

/// What an edit changed, beyond the edited pages' own outputs.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// The feed lists dated pages: re-render it when an edited page has a date.
    pub feed: bool,
    /// The sitemap shows each page's date: re-render it when one changed.
    pub sitemap: bool,
    /// Terms (taxonomy, term) that gained or lost a page: their pages and feeds, their
    /// taxonomy's list and every output that looked the taxonomy up re-render.
    pub terms: BTreeSet<(usize, usize)>,
}

impl Plan {
    pub(super) fn new(jobs: Vec<Job>, lookups: Vec<Lookups>) -> Self {
        Plan { jobs, lookups }
    }

    /// The terms whose pages differ between `old` and `new` (the site before and after
    /// an edit to some pages' `[taxonomies]`), or `None` when the edit changes which jobs
    /// there are (a term or taxonomy appears or goes, or a term's pager count changes),
    /// which needs a full rebuild.
    pub fn changed_terms(old: &Site, new: &Site) -> Option<BTreeSet<(usize, usize)>> {
        if old.taxonomies.len() != new.taxonomies.len() {
            return None;
        }
        let mut changed = BTreeSet::new();
        for (t, (a, b)) in old.taxonomies.iter().zip(&new.taxonomies).enumerate() {
            if a.terms.len() != b.terms.len() {
                return None;
            }
            for (k, (x, y)) in a.terms.iter().zip(&b.terms).enumerate() {
                let pagers = |site, t, k| Paging::of_term(site, t, k).map(|p| p.count());
                if x.slug != y.slug || pagers(old, t, k) != pagers(new, t, k) {
                    return None;
                }
                if x.pages != y.pages {
                    changed.insert((t, k));
                }
            }
        }
        Some(changed)
    }

    /// The jobs that an edit to `pages` and `sections` touches: those pages, the pages
    /// listed next to them (`lower`/`higher`) and their translations, their sections and
    /// the edited ones, the feed and sitemap when `reach` says so, the terms the pages are
    /// in or left (and their taxonomies' lists), and every output whose template looked
    /// up one of those pages, sections or taxonomies.
    pub fn touched_by(
        &self,
        site: &Site,
        pages: &[usize],
        sections: &[usize],
        reach: &Reach,
    ) -> Vec<usize> {
        let mut page_ids = BTreeSet::new();
        let mut section_ids: BTreeSet<usize> = sections.iter().copied().collect();
        let mut watched = Vec::new();
        for &p in pages {
            let page = &site.pages[p];
            page_ids.extend([Some(p), page.lower, page.higher].into_iter().flatten());
            // Its translations list it (`page.translations`, a language switcher).
            for version in site.translations_of(Item::Page(p)) {
                match *version {
                    Item::Page(v) => page_ids.insert(v),
                    Item::Section(v) => section_ids.insert(v),
                };
            }
            section_ids.insert(page.section);
            watched.push((
                page.loc.relative_path.as_str(),
                site.sections[page.section].loc.relative_path.as_str(),
            ));
        }
        let read_sections: Vec<&str> = sections
            .iter()
            .map(|&s| site.sections[s].loc.relative_path.as_str())
            .collect();
        // A term's outputs list its pages, not their neighbours or translations.
        let in_term = |t: usize, k: usize| {
            reach.terms.contains(&(t, k))
                || site.taxonomies[t].terms[k]
                    .pages
                    .iter()
                    .any(|p| pages.contains(p))
        };
        let in_taxonomy = |t: usize| (0..site.taxonomies[t].terms.len()).any(|k| in_term(t, k));
        let read_taxonomies: Vec<String> = (0..site.taxonomies.len())
            .filter(|&t| in_taxonomy(t))
            .map(|t| site.taxonomies[t].key())
            .collect();
        (0..self.jobs.len())
            .filter(|&k| {
                let own = match &self.jobs[k] {
                    Job::Page(i, _) => page_ids.contains(i),
                    Job::Section(i, ..) => section_ids.contains(i),
                    Job::TaxonomyList(t, _) => in_taxonomy(*t),
                    Job::Term { taxonomy, term, .. } => in_term(*taxonomy, *term),
                    Job::Feed(Feed::Site(_), _) => reach.feed,
                    Job::Feed(Feed::Section(s), _) => reach.feed && section_ids.contains(s),
                    Job::Feed(Feed::Term(t, k), _) => in_term(*t, *k),
                    Job::Special(name, _) => reach.sitemap && *name == "sitemap.xml",
                    _ => false,
                };
                let seen = &self.lookups[k];
                own || watched
                    .iter()
                    .any(|(page, section)| seen.touches(page, section))
                    || read_sections.iter().any(|s| seen.sections.contains(*s))
                    || read_taxonomies.iter().any(|t| seen.taxonomies.contains(t))
            })
            .collect()
    }

    /// The output path the file at `source` is copied to, if a job copies it.
    pub fn copy_of(&self, source: &Path) -> Option<&str> {
        self.jobs.iter().find_map(|job| match job {
            Job::Copy(src, dest) if src == source => Some(dest.as_str()),
            _ => None,
        })
    }

    /// Renders the jobs numbered `which` in parallel, in memory; only when every one
    /// succeeded are they written (so a failed edit leaves the served site as it was).
    pub fn rerun(
        &mut self,
        which: &[usize],
        config: &Config,
        rendered: &RenderedSite,
        library: &Library,
        templates: &Templates,
        sink: &Sink,
    ) -> Result<JobCounts, Vec<Diagnostic>> {
        let jobs = &self.jobs;
        // The jobs share their pages' listing values: a term's pagers, and the taxonomy's
        // list, show the same pages, made once here rather than once per job.
        let all: Vec<usize> = (0..library.site().pages.len()).collect();
        let values = library.shared(&all);
        let results: Vec<(Result<Output, Diagnostic>, Lookups)> = which
            .par_iter()
            .map(|&k| deps::record(|| render(&jobs[k], config, rendered, &values, templates)))
            .collect();
        let mut failures = Failures::default();
        let mut outputs = Vec::with_capacity(results.len());
        let mut lookups = Vec::with_capacity(results.len());
        for (&k, (result, seen)) in which.iter().zip(results) {
            match result {
                Ok(output) => outputs.push((k, output)),
                Err(d) => failures.add(d, &jobs[k], library.site(), config),
            }
            lookups.push((k, seen));
        }
        let errors: Vec<Diagnostic> = failures.into_diagnostics().collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut counts = JobCounts::default();
        let written: Vec<Result<Published, Diagnostic>> = outputs
            .par_iter()
            .map(|(_, o)| write(o, sink, config))
            .collect();
        let mut errors = Vec::new();
        for ((k, _), result) in outputs.iter().zip(written) {
            match result {
                Ok(published) => counts.add(&self.jobs[*k], &published),
                Err(d) => errors.push(d),
            }
        }
        for (k, seen) in lookups {
            self.lookups[k] = seen;
        }
        if errors.is_empty() {
            Ok(counts)
        } else {
            Err(errors)
        }
    }
}
