//! Running one job: render its template (or copy its file) and write the result to the
//! output sink; the sitemap and feed get their lists here.

use serde::Serialize;
use tera::Value;

use super::{Job, out_file};
use crate::config::Config;
use crate::content::{Location, Site};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::RenderedSite;
use crate::templates::deps::Lookups;
use crate::templates::{Library, Shared, Templates};

/// An output file, ready to write.
pub(super) enum Output<'a> {
    /// Rendered text for this output path.
    Text(String, String),
    /// Bytes made earlier (a report's PDF).
    Bytes(&'a str, &'a [u8]),
    /// A file to copy as it is.
    Copy(&'a std::path::Path, &'a str),
}

/// Renders and writes the output file of `job`, noting what its template looked up.
pub(super) fn run(
    job: &Job,
    config: &Config,
    rendered: &RenderedSite,
    values: &Shared,
    templates: &Templates,
    sink: &Sink,
) -> (Result<(), Diagnostic>, Lookups) {
    let (output, lookups) =
        crate::templates::deps::record(|| render(job, config, rendered, values, templates));
    (output.and_then(|o| write(&o, sink)), lookups)
}

/// Writes one output to the sink.
pub(super) fn write(output: &Output, sink: &Sink) -> Result<(), Diagnostic> {
    match output {
        Output::Text(dest, text) => sink
            .write(dest, text.as_bytes())
            .map_err(|e| Diagnostic::error(format!("could not write {dest}: {e}"))),
        Output::Bytes(dest, bytes) => sink
            .write(dest, bytes)
            .map_err(|e| Diagnostic::error(format!("could not write {dest}: {e}"))),
        Output::Copy(src, dest) => sink.copy(src, dest).map_err(|e| {
            Diagnostic::error(format!(
                "could not copy {} to the output: {e}",
                src.display()
            ))
        }),
    }
}

/// Renders the output of `job` (copies and PDFs are only named: they are written as
/// they are).
pub(super) fn render<'a>(
    job: &'a Job,
    config: &Config,
    rendered: &'a RenderedSite,
    values: &Shared,
    templates: &Templates,
) -> Result<Output<'a>, Diagnostic> {
    let library = values.library();
    let site: &Site = library.site();
    let (dest, text) = match job {
        Job::Page(i, template) => content(
            templates,
            template,
            "page",
            &values.page_value(*i),
            &site.pages[*i].loc,
        )?,
        Job::Section(i, template) => content(
            templates,
            template,
            "section",
            &values.section_value(*i),
            &site.sections[*i].loc,
        )?,
        Job::Redirect { at, to, .. } => {
            let mut ctx = templates.context();
            ctx.insert("url", to);
            (out_file(at), templates.render("internal/alias.html", &ctx)?)
        }
        Job::Special(template, dest) => {
            let mut ctx = templates.context();
            match *template {
                "sitemap.xml" => ctx.insert("entries", &sitemap_entries(site)),
                "atom.xml" => feed_context(config, site, library, &mut ctx),
                _ => {}
            }
            (format!("/{dest}"), templates.render(template, &ctx)?)
        }
        Job::Pdf(n) => {
            let (_, dest, bytes) = &rendered.pdfs[*n];
            return Ok(Output::Bytes(dest, bytes));
        }
        Job::Copy(src, dest) => return Ok(Output::Copy(src, dest)),
    };
    Ok(Output::Text(dest, text))
}

/// Renders a page or a section, known to the template as `name` (`page` or `section`)
/// with its `value`; returns the output path and the HTML.
fn content(
    templates: &Templates,
    template: &str,
    name: &'static str,
    value: &Value,
    loc: &Location,
) -> Result<(String, String), Diagnostic> {
    let mut ctx = templates.context();
    ctx.insert_value(name, value.clone());
    ctx.insert("current_url", &loc.permalink);
    ctx.insert("current_path", &loc.path);
    let html = templates.render(template, &ctx)?;
    Ok((out_file(&loc.path), html))
}

/// One `<url>` of the sitemap.
#[derive(Serialize)]
struct SitemapEntry<'a> {
    permalink: &'a str,
    updated: Option<String>,
}

/// Every rendered section and page, sorted by permalink.
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
fn feed_context(config: &Config, site: &Site, library: &Library, ctx: &mut tera::Context) {
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
    let pages: Vec<Value> = dated.iter().map(|&i| library.page_value(i)).collect();
    ctx.insert_value("pages", Value::from(pages));
    ctx.insert("last_updated", &last);
    ctx.insert("feed_url", &config.permalink("/atom.xml"));
}
