//! The jobs of the last build and what each output looked up, kept by `serve`: an edit
//! to one page re-runs only the jobs whose output can show it.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::write::{Output, render, write};
use super::{Failures, Feed, Job, JobCounts};
use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach {
    /// The feed lists dated pages: re-render it when an edited page has a date.
    pub feed: bool,
    /// The sitemap shows each page's date: re-render it when one changed.
    pub sitemap: bool,
}

impl Plan {
    pub(super) fn new(jobs: Vec<Job>, lookups: Vec<Lookups>) -> Self {
        Plan { jobs, lookups }
    }

    /// The jobs that an edit to `pages` and `sections` touches: those pages, the pages
    /// listed next to them (`lower`/`higher`), their sections and the edited ones, the
    /// feed and sitemap when `reach` says so, and every output whose template looked up
    /// one of those pages or sections.
    pub fn touched_by(
        &self,
        site: &Site,
        pages: &[usize],
        sections: &[usize],
        reach: Reach,
    ) -> Vec<usize> {
        let mut page_ids = BTreeSet::new();
        let mut section_ids: BTreeSet<usize> = sections.iter().copied().collect();
        let mut watched = Vec::new();
        for &p in pages {
            let page = &site.pages[p];
            page_ids.extend([Some(p), page.lower, page.higher].into_iter().flatten());
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
        (0..self.jobs.len())
            .filter(|&k| {
                let in_term = |t: usize, k: usize| {
                    site.taxonomies[t].terms[k]
                        .pages
                        .iter()
                        .any(|p| page_ids.contains(p))
                };
                let own = match &self.jobs[k] {
                    Job::Page(i, _) => page_ids.contains(i),
                    Job::Section(i, ..) => section_ids.contains(i),
                    Job::TaxonomyList(t, _) => {
                        (0..site.taxonomies[*t].terms.len()).any(|k| in_term(*t, k))
                    }
                    Job::Term { taxonomy, term, .. } => in_term(*taxonomy, *term),
                    Job::Feed(Feed::Site(_)) => reach.feed,
                    Job::Feed(Feed::Section(s)) => reach.feed && section_ids.contains(s),
                    Job::Feed(Feed::Term(t, k)) => in_term(*t, *k),
                    Job::Special(name, _) => reach.sitemap && *name == "sitemap.xml",
                    _ => false,
                };
                let seen = &self.lookups[k];
                own || watched
                    .iter()
                    .any(|(page, section)| seen.touches(page, section))
                    || read_sections.iter().any(|s| seen.sections.contains(*s))
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
        let results: Vec<(Result<Output, Diagnostic>, Lookups)> = which
            .par_iter()
            .map(|&k| {
                let values = library.shared(&[]);
                deps::record(|| render(&jobs[k], config, rendered, &values, templates))
            })
            .collect();
        let mut failures = Failures::default();
        let mut outputs = Vec::with_capacity(results.len());
        let mut lookups = Vec::with_capacity(results.len());
        for (&k, (result, seen)) in which.iter().zip(results) {
            match result {
                Ok(output) => outputs.push((k, output)),
                Err(d) => failures.add(d, &jobs[k], library.site()),
            }
            lookups.push((k, seen));
        }
        let errors: Vec<Diagnostic> = failures.into_diagnostics().collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut counts = JobCounts::default();
        let written: Vec<Result<(), Diagnostic>> =
            outputs.par_iter().map(|(_, o)| write(o, sink)).collect();
        let mut errors = Vec::new();
        for ((k, _), result) in outputs.iter().zip(written) {
            match result {
                Ok(()) => counts.add(&self.jobs[*k]),
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
