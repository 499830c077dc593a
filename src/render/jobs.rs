//! The flat job list — pages, sections, aliases, feed, sitemap, robots.txt, 404 and
//! copied files — run in parallel into the output sink.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;
use walkdir::WalkDir;

use super::RenderedSite;
use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::key_range;
use crate::load::is_ignored_name;
use crate::load::source::closest;
use crate::output::Sink;
use crate::templates::Templates;

/// How many of each thing a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct JobCounts {
    /// Pages rendered.
    pub pages: usize,
    /// Section pages rendered.
    pub sections: usize,
    /// Other files written or copied.
    pub files: usize,
}

enum Job {
    Page(usize, String),
    Section(usize, String),
    /// A redirect page at `at` (an alias, or a section's `redirect_to`) for `from`.
    Redirect {
        at: String,
        to: String,
        from: Item,
    },
    Special(&'static str, &'static str),
    Copy(PathBuf, String),
}

/// Works out every output file, checks the templates exist and no two outputs collide,
/// then renders and writes them all in parallel.
pub fn run_jobs(
    root: &Path,
    config: &Config,
    site: &Site,
    rendered: &RenderedSite,
    templates: &Templates,
    sink: &Sink,
    diags: &mut Vec<Diagnostic>,
) -> (JobCounts, Vec<String>) {
    let mut jobs = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let inherited = page_template(site, page.section);
        match choose(
            templates,
            page.meta.template.as_deref(),
            inherited.unwrap_or("page.html"),
        ) {
            Ok(t) => jobs.push(Job::Page(i, t)),
            Err((given, hint)) => diags.push(template_error(&given, hint, Item::Page(i), site)),
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        if let Some(to) = &section.meta.redirect_to {
            jobs.push(Job::Redirect {
                at: section.loc.path.clone(),
                to: absolute(config, to),
                from: Item::Section(i),
            });
            continue;
        }
        if !section.meta.render {
            continue;
        }
        let default = if i == 0 { "index.html" } else { "section.html" };
        match choose(templates, section.meta.template.as_deref(), default) {
            Ok(t) => jobs.push(Job::Section(i, t)),
            Err((given, hint)) => diags.push(template_error(&given, hint, Item::Section(i), site)),
        }
    }
    aliases(site, &mut jobs, diags);
    jobs.push(Job::Special("404.html", "404.html"));
    if config.generate_sitemap {
        jobs.push(Job::Special("sitemap.xml", "sitemap.xml"));
    }
    if config.generate_robots_txt {
        jobs.push(Job::Special("robots.txt", "robots.txt"));
    }
    if config.generate_feeds {
        jobs.push(Job::Special("atom.xml", "atom.xml"));
    }
    jobs.push(Job::Special("_headers", "_headers"));
    let mut copied = Vec::new();
    for dir in config
        .theme_dir(root)
        .map(|t| t.join("static"))
        .into_iter()
        .chain([root.join("static")])
    {
        copied.extend(static_files(&dir));
    }
    for loc in site
        .pages
        .iter()
        .map(|p| &p.loc)
        .chain(site.sections.iter().map(|s| &s.loc))
    {
        for asset in &loc.assets {
            copied.push((
                asset.source.clone(),
                format!("{}{}", loc.path, asset.relative),
            ));
        }
    }
    // Later entries (the site's static/) win over earlier ones (the theme's).
    let mut by_dest: HashMap<String, PathBuf> = HashMap::new();
    for (src, dest) in copied {
        by_dest.insert(dest, src);
    }
    let mut dests: Vec<String> = by_dest.keys().cloned().collect();
    dests.sort();
    for dest in &dests {
        jobs.push(Job::Copy(by_dest[dest].clone(), dest.clone()));
    }
    check_collisions(root, &jobs, site, diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (JobCounts::default(), dests);
    }

    let results: Vec<Result<(), Diagnostic>> = jobs
        .par_iter()
        .map(|job| run(job, config, site, rendered, templates, sink))
        .collect();
    let mut counts = JobCounts::default();
    let mut failures: Vec<(Diagnostic, Vec<PathBuf>)> = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        match (result, job) {
            (Err(d), _) => {
                let content = content_file(job, site);
                match failures.iter_mut().find(|(f, _)| same_problem(f, &d)) {
                    Some((_, files)) => files.extend(content),
                    None => failures.push((d, content.into_iter().collect())),
                }
            }
            (Ok(()), Job::Page(..)) => counts.pages += 1,
            (Ok(()), Job::Section(..)) => counts.sections += 1,
            (Ok(()), _) => counts.files += 1,
        }
    }
    diags.extend(
        failures
            .into_iter()
            .map(|(d, files)| while_rendering(d, &files)),
    );
    (counts, dests)
}

/// The content file a page or section job renders.
fn content_file(job: &Job, site: &Site) -> Option<PathBuf> {
    match job {
        Job::Page(i, _) => Some(site.pages[*i].file.rel.clone()),
        Job::Section(i, _) => Some(site.sections[*i].file.as_ref().map_or_else(
            || PathBuf::from("content/_index.md"),
            |(f, _)| f.rel.clone(),
        )),
        _ => None,
    }
}

/// Whether two failures are one template problem met by different pages.
fn same_problem(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.message == b.message && a.path == b.path && a.line == b.line && a.column == b.column
}

/// Names the pages whose rendering met a template error: one message for all of them.
fn while_rendering(d: Diagnostic, files: &[PathBuf]) -> Diagnostic {
    let Some(first) = files.first() else {
        return d;
    };
    let others = match files.len() - 1 {
        0 => String::new(),
        1 => " and 1 other page".to_string(),
        n => format!(" and {n} other pages"),
    };
    let message = format!(
        "{} (while rendering {}{others})",
        d.message,
        first.display()
    );
    Diagnostic { message, ..d }
}

/// The `page_template` of the nearest section that sets one.
fn page_template(site: &Site, mut section: usize) -> Option<&str> {
    loop {
        let s = &site.sections[section];
        if let Some(t) = &s.meta.page_template {
            return Some(t);
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

fn template_error(name: &str, hint: String, item: Item, site: &Site) -> Diagnostic {
    let d = Diagnostic::error(format!("the template `{name}` does not exist")).with_hint(hint);
    let located = match item {
        Item::Page(p) => {
            let page = &site.pages[p];
            Some((
                &page.file,
                page.meta
                    .template
                    .is_some()
                    .then(|| key_range(&page.file, &page.split, "template")),
            ))
        }
        Item::Section(s) => site.sections[s].file.as_ref().map(|(f, split)| {
            (
                f,
                site.sections[s]
                    .meta
                    .template
                    .is_some()
                    .then(|| key_range(f, split, "template")),
            )
        }),
    };
    match located {
        Some((file, Some(range))) => d.in_file(&file.rel).at(&file.text, range),
        Some((file, None)) => d.in_file(&file.rel),
        None => d,
    }
}

fn absolute(config: &Config, url: &str) -> String {
    if url.contains("://") {
        url.to_string()
    } else {
        config.permalink(url)
    }
}

/// Redirect pages for every `aliases` entry; an alias that takes an existing URL is an error.
fn aliases(site: &Site, jobs: &mut Vec<Job>, diags: &mut Vec<Diagnostic>) {
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
        .map(|(i, p)| {
            (
                Item::Page(i),
                &p.meta.aliases,
                &p.loc,
                Some((&p.file, &p.split)),
            )
        })
        .chain(site.sections.iter().enumerate().map(|(i, s)| {
            (
                Item::Section(i),
                &s.meta.aliases,
                &s.loc,
                s.file.as_ref().map(|(f, sp)| (f, sp)),
            )
        }));
    for (from, list, loc, file) in items {
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
                if let Some((f, split)) = file {
                    d = d
                        .in_file(&f.rel)
                        .at(&f.text, key_range(f, split, "aliases"));
                }
                diags.push(d);
                continue;
            }
            jobs.push(Job::Redirect {
                at,
                to: loc.permalink.clone(),
                from,
            });
        }
    }
}

/// The output file a job writes.
fn destination(job: &Job, site: &Site) -> String {
    match job {
        Job::Page(i, _) => out_file(&site.pages[*i].loc.path),
        Job::Section(i, _) => out_file(&site.sections[*i].loc.path),
        Job::Redirect { at, .. } => out_file(at),
        Job::Special(_, dest) => format!("/{dest}"),
        Job::Copy(_, dest) => dest.clone(),
    }
}

/// Two jobs writing one file would make the output depend on which finished last, so
/// every output file must have one source. (Copies were already merged: a site's static
/// file replaces the theme's, a bundle's file replaces a static one, on purpose.)
fn check_collisions(root: &Path, jobs: &[Job], site: &Site, diags: &mut Vec<Diagnostic>) {
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let dest = destination(job, site);
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
            describe(root, &jobs[first], site),
            describe(root, job, site)
        ))
        .with_hint("every address can hold one thing: change the alias, slug or path, or move the static file");
        let file = |item: Item| match item {
            Item::Page(p) => Some((&site.pages[p].file, &site.pages[p].split)),
            Item::Section(s) => site.sections[s].file.as_ref().map(|(f, sp)| (f, sp)),
        };
        match job {
            Job::Redirect { from, at, .. } => {
                if let Some((f, split)) = file(*from) {
                    let key = if site.location(*from).path == *at {
                        "redirect_to"
                    } else {
                        "aliases"
                    };
                    d = d.in_file(&f.rel).at(&f.text, key_range(f, split, key));
                }
            }
            Job::Page(p, _) => d = d.in_file(&site.pages[*p].file.rel),
            Job::Section(s, _) => {
                if let Some((f, _)) = file(Item::Section(*s)) {
                    d = d.in_file(&f.rel);
                }
            }
            Job::Special(..) | Job::Copy(..) => {}
        }
        diags.push(d);
    }
}

/// What a job writes, for messages.
fn describe(root: &Path, job: &Job, site: &Site) -> String {
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
        Job::Copy(src, _) => format!(
            "the file {}",
            src.strip_prefix(root).unwrap_or(src).display()
        ),
    }
}

fn static_files(dir: &Path) -> Vec<(PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (e.path().to_path_buf(), format!("/{rel}"))
        })
        .collect()
}

fn out_file(path: &str) -> String {
    if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{}/index.html", path.trim_end_matches('/'))
    }
}

fn run(
    job: &Job,
    config: &Config,
    site: &Site,
    rendered: &RenderedSite,
    templates: &Templates,
    sink: &Sink,
) -> Result<(), Diagnostic> {
    let (dest, bytes) = match job {
        Job::Page(i, template) => {
            let page = &site.pages[*i];
            let mut ctx = templates.context();
            ctx.insert_value("page", rendered.page_values[*i].clone());
            ctx.insert("current_url", &page.loc.permalink);
            ctx.insert("current_path", &page.loc.path);
            let html = templates.render(template, &ctx)?;
            (out_file(&page.loc.path), html)
        }
        Job::Section(i, template) => {
            let section = &site.sections[*i];
            let mut ctx = templates.context();
            ctx.insert_value("section", rendered.section_values[*i].clone());
            ctx.insert("current_url", &section.loc.permalink);
            ctx.insert("current_path", &section.loc.path);
            let html = templates.render(template, &ctx)?;
            (out_file(&section.loc.path), html)
        }
        Job::Redirect { at, to, .. } => {
            let mut ctx = templates.context();
            ctx.insert("url", to);
            (out_file(at), templates.render("internal/alias.html", &ctx)?)
        }
        Job::Special(template, dest) => {
            let mut ctx = templates.context();
            match *template {
                "sitemap.xml" => ctx.insert("entries", &sitemap_entries(site)),
                "atom.xml" => feed_context(config, site, rendered, &mut ctx),
                _ => {}
            }
            (format!("/{dest}"), templates.render(template, &ctx)?)
        }
        Job::Copy(src, dest) => {
            return sink.copy(src, dest).map_err(|e| {
                Diagnostic::error(format!(
                    "could not copy {} to the output: {e}",
                    src.display()
                ))
            });
        }
    };
    sink.write(&dest, bytes.as_bytes())
        .map_err(|e| Diagnostic::error(format!("could not write {dest}: {e}")))
}

#[derive(Serialize)]
struct SitemapEntry<'a> {
    permalink: &'a str,
    updated: Option<String>,
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry<'_>> {
    let mut entries: Vec<SitemapEntry> = site
        .sections
        .iter()
        .filter(|s| s.meta.render && s.meta.redirect_to.is_none())
        .map(|s| SitemapEntry {
            permalink: &s.loc.permalink,
            updated: None,
        })
        .chain(site.pages.iter().map(|p| {
            SitemapEntry {
                permalink: &p.loc.permalink,
                updated: p
                    .meta
                    .updated
                    .as_ref()
                    .or(p.meta.date.as_ref())
                    .map(|d| d.date().to_string()),
            }
        }))
        .collect();
    entries.sort_by(|a, b| a.permalink.cmp(b.permalink));
    entries
}

/// The newest dated pages, newest first, for the Atom feed.
fn feed_context(config: &Config, site: &Site, rendered: &RenderedSite, ctx: &mut tera::Context) {
    let mut dated: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].meta.date.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        site.pages[b]
            .meta
            .date
            .cmp(&site.pages[a].meta.date)
            .then_with(|| site.pages[a].loc.path.cmp(&site.pages[b].loc.path))
    });
    dated.truncate(20);
    let last = dated
        .iter()
        .filter_map(|&i| {
            site.pages[i]
                .meta
                .updated
                .as_ref()
                .or(site.pages[i].meta.date.as_ref())
        })
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let pages: Vec<Value> = dated
        .iter()
        .map(|&i| rendered.page_values[i].clone())
        .collect();
    ctx.insert_value("pages", Value::from(pages));
    ctx.insert("last_updated", &last);
    ctx.insert("feed_url", &config.permalink("/atom.xml"));
}
