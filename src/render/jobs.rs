//! The flat job list — pages, sections, aliases, feed, sitemap, robots.txt, 404 and
//! copied files — run in parallel into the output sink.
//!
//! [`run_jobs`] makes the list (choosing each page's template here, redirects in
//! `redirects`, copied files in `copies`), refuses it if two jobs would write one file
//! (`collisions`), then runs every job (`write`) and gathers the failures.

mod collisions;
mod copies;
mod failures;
mod host_files;
mod listings;
mod paging;
mod plan;
mod record_files;
mod redirects;
mod sitemap;
mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::RenderedSite;
use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::output::{Published, Sink};
use crate::source::closest;
use crate::templates::deps::Lookups;
use crate::templates::{Library, Shared, Templates};
use collisions::check_collisions;
pub use copies::Copies;
use failures::Failures;
pub use plan::{Plan, Reach};

use redirects::{absolute, aliases};
use write::run;

/// How many of each thing a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct JobCounts {
    /// Pages rendered.
    pub pages: usize,
    /// Section pages rendered.
    pub sections: usize,
    /// Other files written or copied.
    pub files: usize,
    /// Report PDFs written.
    pub pdfs: usize,
    /// Whether PDFs are off (built without the `pdf` feature): the summary says so.
    pub pdfs_off: bool,
    /// Images published without the metadata their files had.
    pub images_cleaned: usize,
}

/// One output file to write.
enum Job {
    /// The page with this index, rendered with this template.
    Page(usize, String),
    /// The section with this index, rendered with this template; which of its pagers
    /// (0 for the first) when it is paginated.
    Section(usize, String, Option<usize>),
    /// A redirect page at `at` (an alias, or a section's `redirect_to`) for `from`; for
    /// none, the `page/1/` of a paginated listing.
    Redirect {
        at: String,
        to: String,
        from: Option<Item>,
    },
    /// The list of terms of the taxonomy with this index in [`Site::taxonomies`].
    TaxonomyList(usize, String),
    /// One term's page (its pager, when the taxonomy is paginated).
    Term {
        taxonomy: usize,
        term: usize,
        template: String,
        pager: Option<usize>,
    },
    /// A feed: whose pages, and its template (`atom.xml`, `rss.xml`, a site's own), which
    /// is also its file name.
    Feed(Feed, String),
    /// A file every site has: the template, and the output path below the root.
    Special(&'static str, &'static str),
    /// A file made from the configuration and data (`_redirects`, `security.txt`, an
    /// event's calendar): its output path below the root, and its text.
    Generated(String, String),
    /// `_headers`: the template's, merged with these files (the theme's and the site's
    /// `static/_headers`) of the site folder.
    Headers(PathBuf, Vec<PathBuf>),
    /// A file copied as it is: the source, and the output path.
    Copy(PathBuf, String),
    /// A report's PDF, made while rendering: its index in [`RenderedSite::pdfs`].
    Pdf(usize),
    /// A Sass file compiled to CSS: the source and the output path.
    Sass(PathBuf, String),
    /// A highlighting theme's stylesheet: its index in the config's
    /// [`Highlighting::stylesheets`](crate::config::Highlighting).
    HighlightCss(usize),
}

/// Whose pages a feed lists.
enum Feed {
    /// A language's dated pages (`/atom.xml`, `/pl/atom.xml`).
    Site(String),
    /// A section's (`generate_feeds = true`).
    Section(usize),
    /// A term's, of a taxonomy with `feed = true`: the taxonomy and term.
    Term(usize, usize),
}

/// What running the jobs of a build did.
pub struct Done {
    /// How many of each thing were written.
    pub counts: JobCounts,
    /// The jobs and what each looked up, for rebuilding only what an edit touches.
    pub plan: Plan,
}

/// Works out every output file, checks the templates exist and no two outputs collide,
/// then renders and writes them all in parallel.
pub fn run_jobs(
    copies: &Copies,
    config: &Config,
    rendered: &RenderedSite,
    library: &Library,
    templates: &Templates,
    sink: &Sink,
    diags: &mut Vec<Diagnostic>,
) -> Done {
    let site: &Site = library.site();
    let mut jobs = Vec::new();
    let mut missing = MissingTemplates::default();
    for (i, page) in site.pages.iter().enumerate() {
        if !page.meta.renders() {
            continue;
        }
        // A page of a kind uses the theme's template for that kind (`scrutiny-report.html`)
        // when there is one, so its fields are shown without any setting.
        let kind_template = page
            .kind
            .as_ref()
            .map(|k| format!("{}.html", k.name()))
            .filter(|t| templates.has(t));
        let inherited = page_template(site, page.section);
        let default = kind_template
            .as_deref()
            .or(inherited.map(|(_, t)| t))
            .unwrap_or("page.html");
        match choose(templates, page.meta.template.as_deref(), default) {
            Ok(t) => jobs.push(Job::Page(i, t)),
            Err((given, hint)) => missing.add(&given, hint, Item::Page(i), site),
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        if let Some(to) = &section.meta.redirect_to {
            jobs.push(Job::Redirect {
                at: section.loc.path.clone(),
                to: absolute(config, to),
                from: Some(Item::Section(i)),
            });
            continue;
        }
        if !section.meta.render {
            continue;
        }
        let default = if section.is_home() {
            "index.html"
        } else {
            "section.html"
        };
        match choose(templates, section.meta.template.as_deref(), default) {
            Ok(t) => listings::section_jobs(site, i, t, &mut jobs),
            Err((given, hint)) => missing.add(&given, hint, Item::Section(i), site),
        }
    }
    diags.extend(missing.into_diagnostics());
    aliases(site, &mut jobs, diags);
    jobs.extend(host_files::redirects(
        &copies.root,
        config,
        &jobs,
        diags,
        &copies.known,
    ));
    jobs.extend(host_files::security_txt(config));
    let mut feeds = listings::FeedFiles::new(config, templates);
    listings::taxonomy_jobs(&copies.root, site, templates, &mut feeds, &mut jobs, diags);
    listings::feed_jobs(site, config, &mut feeds, &mut jobs);
    diags.extend(feeds.missing(&copies.root));
    record_files::record_jobs(site, config, &mut jobs);
    jobs.push(Job::Special("404.html", "404.html"));
    if config.generate_sitemap {
        jobs.push(Job::Special("sitemap.xml", "sitemap.xml"));
    }
    if config.generate_robots_txt {
        jobs.push(Job::Special("robots.txt", "robots.txt"));
    }
    jobs.push(Job::Headers(copies.root.clone(), copies.headers.clone()));
    jobs.extend((0..rendered.pdfs.len()).map(Job::Pdf));
    jobs.extend(
        copies
            .files
            .iter()
            .map(|(src, dest)| Job::Copy(src.clone(), dest.clone())),
    );
    jobs.extend(
        copies
            .styles
            .iter()
            .map(|(src, dest)| Job::Sass(src.clone(), dest.clone())),
    );
    // A stylesheet of the site's own at the same path (`static/giallo.css`) wins.
    jobs.extend(
        (0..config.highlighting.stylesheets.len())
            .filter(|&n| {
                let dest = &config.highlighting.stylesheets[n].0;
                !copies.files.iter().any(|(_, d)| d == dest)
            })
            .map(Job::HighlightCss),
    );
    check_collisions(&copies.root, &jobs, site, config, rendered, diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Done {
            counts: JobCounts::default(),
            plan: Plan::default(),
        };
    }

    let (results, lookups) = run_grouped(
        &jobs,
        site,
        |group, values| {
            group
                .par_iter()
                .map(|&k| (k, run(&jobs[k], config, rendered, values, templates, sink)))
                .collect()
        },
        library,
        templates,
    );
    let mut counts = JobCounts {
        pdfs_off: !rendered.pdfs_enabled,
        ..JobCounts::default()
    };
    let mut failures = Failures::default();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Err(d) => failures.add(d, job, site, config),
            Ok(published) => {
                diags.extend(refused(job, &published, &copies.root));
                counts.add(job, &published);
            }
        }
    }
    diags.extend(failures.into_diagnostics());
    Done {
        counts,
        plan: Plan::new(jobs, lookups),
    }
}

/// What one job gave: its result and what its template looked up.
type Ran = (Result<Published, Diagnostic>, Lookups);

/// Runs the jobs a section at a time (its pages, its pagers and its feed together,
/// sharing the pages' listing values, so each is made once), and a taxonomy at a time
/// likewise (its list, its terms' pagers and feeds), the sections, the taxonomies and the
/// other jobs in parallel; gives each job's result in job order. The taxonomies run one
/// after another: each shares the values of every page it files, which on a site whose
/// every page has terms is every page.
fn run_grouped(
    jobs: &[Job],
    site: &Site,
    run_group: impl Fn(&[usize], &Shared) -> Vec<(usize, Ran)> + Sync,
    library: &Library,
    templates: &Templates,
) -> (Vec<Result<Published, Diagnostic>>, Vec<Lookups>) {
    let sections = site.sections.len();
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); sections + site.taxonomies.len()];
    let mut others = Vec::new();
    for (k, job) in jobs.iter().enumerate() {
        match job {
            Job::Page(p, _) => groups[site.pages[*p].section].push(k),
            Job::Section(s, ..) | Job::Feed(Feed::Section(s), _) => groups[*s].push(k),
            Job::TaxonomyList(t, _)
            | Job::Term { taxonomy: t, .. }
            | Job::Feed(Feed::Term(t, _), _) => groups[sections + t].push(k),
            _ => others.push(k),
        }
    }
    // Units of work run in parallel: each section, and all the taxonomies in turn.
    let mut units: Vec<Vec<usize>> = (0..sections).map(|s| vec![s]).collect();
    units.push((sections..groups.len()).collect());
    let mut ran: Vec<(usize, Ran)> = units
        .par_iter()
        .flat_map(|unit| {
            let mut ran = Vec::new();
            for &g in unit.iter().filter(|&&g| !groups[g].is_empty()) {
                let values = match g.checked_sub(sections) {
                    None => library.shared(&site.sections[g].pages),
                    // A taxonomy's jobs may show every page: the values hold only what
                    // their templates read.
                    Some(t) => library.shared_reading(
                        &site.taxonomies[t].pages(),
                        fields_read(&groups[g], jobs, templates),
                    ),
                };
                ran.extend(run_group(&groups[g], &values));
            }
            ran
        })
        .collect();
    ran.extend(run_group(&others, &library.shared(&[])));
    ran.sort_by_key(|(k, _)| *k);
    ran.into_iter().map(|(_, r)| r).unzip()
}

/// The page fields that the templates of `group` (a taxonomy's jobs) can read, or `None`
/// (every field) when that cannot be told.
fn fields_read(group: &[usize], jobs: &[Job], templates: &Templates) -> Option<BTreeSet<String>> {
    let mut names: Vec<&str> = Vec::new();
    for &k in group {
        names.push(match &jobs[k] {
            Job::TaxonomyList(_, template) | Job::Term { template, .. } => template,
            Job::Feed(_, name) => name,
            _ => return None,
        });
    }
    names.sort_unstable();
    names.dedup();
    templates.fields_read(&names)
}

impl JobCounts {
    /// Counts one written output.
    /// Counts what `job` wrote (nothing, for an image that could not be read).
    fn add(&mut self, job: &Job, published: &Published) {
        if let Job::Copy(..) = job {
            return self.add_copy(published);
        }
        match job {
            Job::Page(..) => self.pages += 1,
            Job::Section(..) | Job::TaxonomyList(..) | Job::Term { .. } => self.sections += 1,
            Job::Pdf(..) => self.pdfs += 1,
            _ => self.files += 1,
        }
    }
}

impl JobCounts {
    /// Counts a file copied to the output by [`Sink::publish`] (nothing, for an image
    /// that could not be read).
    pub fn add_copy(&mut self, published: &Published) {
        match published {
            Published::Cleaned => {
                self.files += 1;
                self.images_cleaned += 1;
            }
            Published::Refused(_) => {}
            Published::Copied | Published::NotAnImage(_) => self.files += 1,
        }
    }
}

/// The warning for an image a copy job could not read, and so did not publish, or for
/// a file named as an image that is none, copied as it is (its path below `root`).
fn refused(job: &Job, published: &Published, root: &Path) -> Option<Diagnostic> {
    let Job::Copy(src, _) = job else {
        return None;
    };
    publish_warning(src, root, published)
}

/// The warning for a file [`Sink::publish`] did not publish (an image that could not be
/// read) or copied as it is though named as an image, at `source` (below `root`).
pub fn publish_warning(source: &Path, root: &Path, published: &Published) -> Option<Diagnostic> {
    let rel = source.strip_prefix(root).unwrap_or(source);
    let (message, hint) = match published {
        Published::Refused(why) => (
            format!("{} was not published: {why}", rel.display()),
            "its metadata (a photo's GPS position, its author) could not be checked: open it in an image editor and save it again, or remove it",
        ),
        Published::NotAnImage(what) => (
            format!("{} is {what}: it was copied as it is", rel.display()),
            "put the real image in its place, or rename the file to say what it is",
        ),
        Published::Copied | Published::Cleaned => return None,
    };
    Some(Diagnostic::warning(message).in_file(rel).with_hint(hint))
}

/// The `page_template` of the nearest section that sets one, and that section.
fn page_template(site: &Site, mut section: usize) -> Option<(usize, &str)> {
    loop {
        let s = &site.sections[section];
        if let Some(t) = &s.meta.page_template {
            return Some((section, t));
        }
        section = s.parent?;
    }
}

/// The template to use, or the missing name and a hint.
fn choose(
    templates: &Templates,
    given: Option<&str>,
    default: &str,
) -> Result<String, (String, String)> {
    let name = given.unwrap_or(default);
    if templates.has(name) {
        return Ok(name.to_string());
    }
    let names = templates.names();
    let hint = match closest(name, &names) {
        Some(best) => format!(
            "did you mean `{best}`? Templates are the files in templates/ and the theme's templates/"
        ),
        None if names.is_empty() => format!("add templates/{name}, or set `theme` in config.toml"),
        None => format!("add templates/{name}, or use one of: {}", names.join(", ")),
    };
    Err((name.to_string(), hint))
}

/// Templates that do not exist: one error where each name is written (a `template`, or
/// the `page_template` of the section pages inherit it from), and one for each default
/// template (`page.html`) however many pages fall back to it.
#[derive(Default)]
struct MissingTemplates {
    /// Where the name is written (or the default's name), its error, and how many more
    /// items need it.
    found: Vec<(String, Diagnostic, usize)>,
}

impl MissingTemplates {
    fn add(&mut self, name: &str, hint: String, item: Item, site: &Site) {
        let d = Diagnostic::error(format!("the template `{name}` does not exist")).with_hint(hint);
        let written = match item {
            Item::Page(p) if site.pages[p].meta.template.is_some() => {
                site.field_range(item, "template")
            }
            Item::Section(s) if site.sections[s].meta.template.is_some() => {
                site.field_range(item, "template")
            }
            Item::Page(p) => page_template(site, site.pages[p].section)
                .filter(|(_, t)| *t == name)
                .and_then(|(s, _)| site.field_range(Item::Section(s), "page_template")),
            Item::Section(_) => None,
        };
        let (key, d) = match written {
            Some((file, range)) => (
                format!("{}:{}", file.rel.display(), range.start),
                d.in_file(&file.rel).at(&file.text, range),
            ),
            None => match site.field_range(item, "template") {
                Some((file, _)) => (name.to_string(), d.in_file(&file.rel)),
                None => (name.to_string(), d),
            },
        };
        match self.found.iter_mut().find(|(k, ..)| *k == key) {
            Some((_, _, more)) => *more += 1,
            None => self.found.push((key, d, 0)),
        }
    }

    fn into_diagnostics(self) -> impl Iterator<Item = Diagnostic> {
        self.found.into_iter().map(|(_, mut d, more)| {
            if more > 0 {
                let (s, verb) = if more == 1 {
                    ("", "needs")
                } else {
                    ("s", "need")
                };
                d.message += &format!(" (and {more} more page{s} or section{s} {verb} it)");
            }
            d
        })
    }
}

/// The file a URL path is written to: `/a/b/` → `/a/b/index.html`; a path that names
/// a file (`/old.html`, `/news/atom.xml`) is that file.
fn out_file(path: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        path.to_string()
    } else {
        format!("{}/index.html", path.trim_end_matches('/'))
    }
}
