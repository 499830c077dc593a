//! The jobs of listings: a section's pagers, each taxonomy's list of terms and term
//! pages, and the feeds (per language, per section, per term, each in every format of
//! the language's `feed_filenames`), as Zola writes them.

use std::collections::BTreeSet;
use std::path::Path;

use super::paging::Paging;
use super::{Feed, Job, choose};
use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::templates::Templates;

/// The jobs of section `s`: one, or one per pager and the redirect from `page/1/`.
pub(super) fn section_jobs(site: &Site, s: usize, template: String, jobs: &mut Vec<Job>) {
    let Some(paging) = Paging::of_section(site, s) else {
        jobs.push(Job::Section(s, template, None));
        return;
    };
    for n in 0..paging.count() {
        jobs.push(Job::Section(s, template.clone(), Some(n)));
    }
    jobs.push(Job::Redirect {
        at: paging.first_alias(),
        to: paging.permalink().to_string(),
        from: None,
    });
}

/// The jobs of every rendered taxonomy that has terms: its list (`<name>/list.html`, else
/// `taxonomy_list.html`) and its terms' pages (`<name>/single.html`, else
/// `taxonomy_single.html`), paginated when it asks, with a feed per term when it asks.
/// A missing template is an error at the taxonomy's name in `config.toml`.
pub(super) fn taxonomy_jobs(
    root: &Path,
    site: &Site,
    templates: &Templates,
    feeds: &mut FeedFiles,
    jobs: &mut Vec<Job>,
    diags: &mut Vec<Diagnostic>,
) {
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if !taxonomy.config.render || taxonomy.terms.is_empty() {
            continue;
        }
        let name = taxonomy.config.name();
        let pick = |own: &str, shared: &str| {
            let own = format!("{name}/{own}");
            let default = if templates.has(&own) {
                own
            } else {
                shared.to_string()
            };
            choose(templates, None, &default)
                .map_err(|(missing, _)| missing_template(root, taxonomy, &missing))
        };
        match pick("list.html", "taxonomy_list.html") {
            Ok(template) => jobs.push(Job::TaxonomyList(t, template)),
            Err(d) => diags.push(d),
        }
        let single = match pick("single.html", "taxonomy_single.html") {
            Ok(template) => template,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        for k in 0..taxonomy.terms.len() {
            let pagers = Paging::of_term(site, t, k);
            match &pagers {
                None => jobs.push(Job::Term {
                    taxonomy: t,
                    term: k,
                    template: single.clone(),
                    pager: None,
                }),
                Some(paging) => {
                    jobs.extend((0..paging.count()).map(|n| Job::Term {
                        taxonomy: t,
                        term: k,
                        template: single.clone(),
                        pager: Some(n),
                    }));
                    jobs.push(Job::Redirect {
                        at: paging.first_alias(),
                        to: paging.permalink().to_string(),
                        from: None,
                    });
                }
            }
            if taxonomy.config.feed {
                for name in feeds.of(&taxonomy.lang) {
                    jobs.push(Job::Feed(Feed::Term(t, k), name));
                }
            }
        }
    }
}

/// The error for a taxonomy whose pages have no template to render them.
fn missing_template(
    root: &Path,
    taxonomy: &crate::content::taxonomies::Taxonomy,
    missing: &str,
) -> Diagnostic {
    let name = taxonomy.config.name();
    let mut d = Diagnostic::error(format!(
        "the taxonomy `{name}` has no template `{missing}` to render its pages"
    ))
    .with_hint(format!(
        "add templates/{name}/{} (or templates/{missing}), or set `render = false` on the taxonomy",
        if missing.ends_with("list.html") {
            "list.html"
        } else {
            "single.html"
        }
    ))
    .in_file("config.toml");
    if let Ok(text) = std::fs::read_to_string(root.join("config.toml")) {
        let span = taxonomy.config.name.span();
        let quoted = |s: &str| s.trim_matches(['"', '\'']) == name;
        if text.get(span.clone()).is_some_and(quoted) {
            d = d.at(&text, span);
        }
    }
    d
}

/// The feeds of each language that asks for them (`generate_feeds`, and the language's
/// own), and of each section with `generate_feeds = true`.
pub(super) fn feed_jobs(site: &Site, config: &Config, feeds: &mut FeedFiles, jobs: &mut Vec<Job>) {
    if config.generate_feeds {
        for lang in config.language_codes() {
            if config.feeds_for(lang) {
                for name in feeds.of(lang) {
                    jobs.push(Job::Feed(Feed::Site(lang.to_string()), name));
                }
            }
        }
    }
    for (s, section) in site.sections.iter().enumerate() {
        if section.meta.generate_feeds && section.meta.redirect_to.is_none() {
            for name in feeds.of(&section.loc.lang) {
                jobs.push(Job::Feed(Feed::Section(s), name));
            }
        }
    }
}

/// The feeds a language's listings get: the names of its `feed_filenames` that have a
/// template (the built-in `atom.xml` and `rss.xml`, or the site's or theme's own). A name
/// with none is an error at its place in the settings file, once, if a feed needs it.
pub(super) struct FeedFiles<'c> {
    config: &'c Config,
    templates: &'c Templates,
    /// The languages whose feeds are written.
    used: BTreeSet<String>,
}

impl<'c> FeedFiles<'c> {
    pub(super) fn new(config: &'c Config, templates: &'c Templates) -> Self {
        FeedFiles {
            config,
            templates,
            used: BTreeSet::new(),
        }
    }

    /// The feeds of `lang`'s listings that can be written.
    fn of(&mut self, lang: &str) -> Vec<String> {
        self.used.insert(lang.to_string());
        self.config
            .feed_files(lang)
            .into_iter()
            .map(|name| name.get_ref())
            .filter(|name| self.templates.has(name))
            .cloned()
            .collect()
    }

    /// An error for each feed a written language names that has no template.
    pub(super) fn missing(self, root: &Path) -> Vec<Diagnostic> {
        let missing: Vec<&toml::Spanned<String>> = self
            .used
            .iter()
            .flat_map(|lang| self.config.feed_files(lang))
            .filter(|name| !self.templates.has(name.get_ref()))
            .collect();
        if missing.is_empty() {
            return Vec::new();
        }
        // The settings file is read again only to show where a missing name is.
        let settings = crate::config::settings_file(root);
        let text = std::fs::read_to_string(root.join(settings)).unwrap_or_default();
        missing
            .into_iter()
            .map(|name| {
                let d = Diagnostic::error(format!(
                    "there is no template `{}` for the feed that feed_filenames names",
                    name.get_ref()
                ))
                .with_hint(format!(
                    "a feed is written with the template of its name: add templates/{}, or use a built-in one, \"atom.xml\" (Atom) or \"rss.xml\" (RSS 2.0)",
                    name.get_ref()
                ))
                .in_file(settings);
                match text.get(name.span()) {
                    Some(_) if !name.span().is_empty() => d.at(&text, name.span()),
                    _ => d,
                }
            })
            .collect()
    }
}

/// The URL path a listing job writes to (a section or its pager, a taxonomy's list, a
/// term or its pager, a feed); none for other jobs.
pub(super) fn listing_path(job: &Job, site: &Site, config: &Config) -> Option<String> {
    Some(match job {
        Job::Section(s, _, pager) => {
            let own = &site.sections[*s].loc.path;
            match (pager, Paging::of_section(site, *s)) {
                (Some(n), Some(paging)) => paging.path(*n),
                _ => own.clone(),
            }
        }
        Job::TaxonomyList(t, _) => site.taxonomies[*t].path.clone(),
        Job::Term {
            taxonomy,
            term,
            pager,
            ..
        } => match (pager, Paging::of_term(site, *taxonomy, *term)) {
            (Some(n), Some(paging)) => paging.path(*n),
            _ => site.taxonomies[*taxonomy].terms[*term].path.clone(),
        },
        Job::Feed(feed, name) => format!("{}{name}", feed_folder(feed, site, config)),
        _ => return None,
    })
}

/// The folder a feed is written in: `/`, `/pl/`, the section's or the term's.
pub(super) fn feed_folder(feed: &Feed, site: &Site, config: &Config) -> String {
    match feed {
        Feed::Site(lang) => format!("{}/", config.language_prefix(lang)),
        Feed::Section(s) => site.sections[*s].loc.path.clone(),
        Feed::Term(t, k) => site.taxonomies[*t].terms[*k].path.clone(),
    }
}

/// The pages a feed lists: its dated pages, newest first, at most `feed_limit`.
pub(super) fn feed_pages(feed: &Feed, site: &Site, config: &Config) -> Vec<usize> {
    let mut pages: Vec<usize> = match feed {
        Feed::Site(lang) => (0..site.pages.len())
            .filter(|&p| site.pages[p].loc.lang == *lang)
            .collect(),
        Feed::Section(s) => site.sections[*s].pages.clone(),
        Feed::Term(t, k) => site.taxonomies[*t].terms[*k].pages.clone(),
    };
    pages.retain(|&p| site.pages[p].meta.date.is_some() && site.pages[p].meta.renders());
    pages.sort_by(|&a, &b| {
        site.pages[b]
            .meta
            .date
            .cmp(&site.pages[a].meta.date)
            .then_with(|| site.pages[a].loc.path.cmp(&site.pages[b].loc.path))
    });
    if let Some(limit) = config.feed_limit {
        pages.truncate(limit);
    }
    pages
}
