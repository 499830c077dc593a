//! Running one job: render its template (or copy its file) and write the result to the
//! output sink; the feeds get their pages here.

use tera::Value;

use super::listings::{feed_pages, listing_path};
use super::paging::Paging;
use super::{Feed, Job, out_file, sitemap};
use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::output::{Published, Sink};
use crate::render::RenderedSite;
use crate::templates::deps::Lookups;
use crate::templates::{Shared, Templates};

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
) -> (Result<Published, Diagnostic>, Lookups) {
    let (output, lookups) =
        crate::templates::deps::record(|| render(job, config, rendered, values, templates));
    (output.and_then(|o| write(&o, sink, config)), lookups)
}

/// Writes one output to the sink; a copied image goes without its metadata (unless
/// `[privacy] keep_image_metadata` names it).
pub(super) fn write(
    output: &Output,
    sink: &Sink,
    config: &Config,
) -> Result<Published, Diagnostic> {
    let (dest, bytes) = match output {
        Output::Text(dest, text) => (dest.as_str(), text.as_bytes()),
        Output::Bytes(dest, bytes) => (*dest, *bytes),
        Output::Copy(src, dest) => {
            return sink
                .publish(src, dest, &config.privacy.keep_image_metadata_globs)
                .map_err(|e| {
                    Diagnostic::error(format!(
                        "could not copy {} to the output: {e}",
                        src.display()
                    ))
                });
        }
    };
    sink.write(dest, bytes)
        .map(|()| Published::Copied)
        .map_err(|e| Diagnostic::error(format!("could not write {dest}: {e}")))
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
        Job::Page(i, template) => {
            let loc = &site.pages[*i].loc;
            let mut ctx = templates.context_in(&loc.lang);
            ctx.insert_value("page", values.page_value(*i));
            at(&mut ctx, &loc.path, &loc.permalink);
            (out_file(&loc.path), templates.render(template, &ctx)?)
        }
        Job::Section(i, template, pager) => {
            let loc = &site.sections[*i].loc;
            let mut ctx = templates.context_in(&loc.lang);
            let path = match pager.and_then(|n| Some((n, Paging::of_section(site, *i)?))) {
                None => {
                    ctx.insert_value("section", values.section_value(*i));
                    loc.path.clone()
                }
                Some((n, paging)) => {
                    // As in Zola, a paginated section's pages are in `paginator.pages`.
                    ctx.insert_value("section", values.section_fields(*i));
                    ctx.insert_value("paginator", paging.value(n, &|p| values.listed(p)));
                    paging.path(n)
                }
            };
            at(&mut ctx, &path, &config.permalink(&path));
            (out_file(&path), templates.render(template, &ctx)?)
        }
        Job::TaxonomyList(t, template) => {
            let taxonomy = &site.taxonomies[*t];
            let mut ctx = templates.context_in(&taxonomy.lang);
            ctx.insert_value("taxonomy", library.taxonomy_config_value(*t));
            ctx.insert_value("terms", values.terms_value(*t));
            at(&mut ctx, &taxonomy.path, &taxonomy.permalink);
            (out_file(&taxonomy.path), templates.render(template, &ctx)?)
        }
        Job::Term {
            taxonomy: t,
            term: k,
            template,
            pager,
        } => {
            let taxonomy = &site.taxonomies[*t];
            let mut ctx = templates.context_in(&taxonomy.lang);
            ctx.insert_value("taxonomy", library.taxonomy_config_value(*t));
            ctx.insert_value("term", values.term_value(*t, *k));
            let term = &taxonomy.terms[*k];
            let path = match pager.and_then(|n| Some((n, Paging::of_term(site, *t, *k)?))) {
                None => term.path.clone(),
                Some((n, paging)) => {
                    ctx.insert_value("paginator", paging.value(n, &|p| values.listed(p)));
                    paging.path(n)
                }
            };
            at(&mut ctx, &path, &config.permalink(&path));
            (out_file(&path), templates.render(template, &ctx)?)
        }
        Job::Feed(feed, name) => {
            let dest = listing_path(job, site, config).unwrap_or_default();
            let ctx = feed_context(feed, config, values, templates, &dest);
            (dest, templates.render(name, &ctx)?)
        }
        Job::Redirect { at, to, .. } => {
            let mut ctx = templates.context();
            ctx.insert("url", to);
            (out_file(at), templates.render("internal/alias.html", &ctx)?)
        }
        Job::Special(template, dest) => {
            let mut ctx = templates.context();
            if *template == "sitemap.xml" {
                ctx.insert("entries", &sitemap::entries(site, config));
            }
            (format!("/{dest}"), templates.render(template, &ctx)?)
        }
        Job::Generated(dest, text) => (format!("/{dest}"), text.clone()),
        Job::Headers(root, files) => {
            let ours = templates.render("_headers", &templates.context())?;
            let mut texts = vec![ours];
            for file in files {
                texts.push(
                    crate::source::SourceFile::read(root, file)?
                        .text
                        .to_string(),
                );
            }
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            (
                "/_headers".to_string(),
                crate::output::headers::merge(&texts),
            )
        }
        Job::Pdf(n) => {
            let (_, dest, bytes) = &rendered.pdfs[*n];
            return Ok(Output::Bytes(dest, bytes));
        }
        Job::Copy(src, dest) => return Ok(Output::Copy(src, dest)),
        Job::HighlightCss(n) => config.highlighting.stylesheets[*n].clone(),
        Job::Sass(_, dest) => match templates.stylesheets().css(dest) {
            Some(css) => (dest.clone(), css?.to_string()),
            None => {
                return Err(Diagnostic::error(format!(
                    "no Sass file is compiled to {dest}"
                )));
            }
        },
    };
    Ok(Output::Text(dest, text))
}

/// Tells the template where it is: `current_path` and `current_url`.
fn at(ctx: &mut tera::Context, path: &str, permalink: &str) {
    ctx.insert("current_url", permalink);
    ctx.insert("current_path", path);
}

/// What a feed's template sees: the feed's pages, newest first, its URL and when it
/// last changed, and the section or term it is of.
fn feed_context(
    feed: &Feed,
    config: &Config,
    values: &Shared,
    templates: &Templates,
    dest: &str,
) -> tera::Context {
    let library = values.library();
    let site = library.site();
    let (lang, mut ctx) = match feed {
        Feed::Site(lang) => (lang.as_str(), templates.context_in(lang)),
        Feed::Section(s) => {
            let lang = site.sections[*s].loc.lang.as_str();
            let mut ctx = templates.context_in(lang);
            ctx.insert_value("section", values.section_fields(*s));
            (lang, ctx)
        }
        Feed::Term(t, k) => {
            let lang = site.taxonomies[*t].lang.as_str();
            let mut ctx = templates.context_in(lang);
            ctx.insert_value("taxonomy", library.taxonomy_config_value(*t));
            ctx.insert_value("term", library.term_with(*t, *k, None));
            (lang, ctx)
        }
    };
    let pages = feed_pages(feed, site, config);
    let last = pages
        .iter()
        .filter_map(|&i| {
            let meta = &site.pages[i].meta;
            meta.updated.as_ref().or(meta.date.as_ref())
        })
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let listed: Vec<Value> = pages.iter().map(|&i| values.listed(i)).collect();
    ctx.insert_value("pages", Value::from(listed));
    ctx.insert("last_updated", &last);
    ctx.insert("feed_url", &config.permalink(dest));
    ctx.insert("lang", lang);
    ctx
}
