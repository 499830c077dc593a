//! Rendering: Markdown for every page and section (in parallel), the template values
//! built from it, then the flat job list that produces every output file.

pub mod downloads;
mod jobs;
pub mod kinds;
pub mod links;
#[cfg(feature = "pdf")]
pub mod pdf;
mod update;

pub use jobs::{Done, JobCounts, Plan, Reach, run_jobs};
pub use update::{Context, Undo, update_page, update_section};

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use crate::config::{AnchorLinks, Config};
use crate::content::kinds::KindView;
use crate::content::{Page, Section, SectionId, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Input, Options, Rendered, TemplateHost};
use crate::templates::{Library, Which, views};
use downloads::DownloadView;

/// The Markdown of the whole site, rendered, and the values templates see.
pub struct RenderedSite {
    /// One per page, in [`Site::pages`] order.
    pub pages: Vec<Rendered>,
    /// One per section, in [`Site::sections`] order.
    pub sections: Vec<Rendered>,
    /// `page` values without `lower` and `higher` (what listings show); the full value
    /// of a page is made when it is needed ([`RenderedSite::page_value`]), so each page's
    /// fields are held once.
    pub base_values: Vec<Value>,
    /// `section` values.
    pub section_values: Vec<Value>,
    /// What templates see of each page of a kind (`page.data`), and its tracker rows.
    pub kind_views: Vec<Option<KindView>>,
    /// The PDFs made for reports: (page, output path, bytes). Empty without the `pdf`
    /// feature.
    pub pdfs: Vec<(usize, String, Vec<u8>)>,
    /// Whether this build can make PDFs (the `pdf` feature).
    pub pdfs_enabled: bool,
}

/// Renders every body in parallel and builds the template values; fills `library` so
/// `get_page` and `get_section` work in templates.
pub fn render_site(
    site: &Site,
    config: &Config,
    host: &dyn TemplateHost,
    library: &Library,
    inputs: &KindInputs,
    diags: &mut Vec<Diagnostic>,
) -> RenderedSite {
    let base = markdown_options(config);
    let (mut pages, page_diags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .pages
        .par_iter()
        .map(|page| {
            let mut d = Vec::new();
            let r = page_markdown(page, site, config, host, &mut d);
            (r, d)
        })
        .unzip();
    let (sections, section_diags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .sections
        .par_iter()
        .enumerate()
        .map(|(id, section)| {
            let mut d = Vec::new();
            let r = section_markdown(id, section, site, config, host, &mut d);
            (r, d)
        })
        .unzip();
    diags.extend(page_diags.into_iter().flatten());
    diags.extend(section_diags.into_iter().flatten());

    let kind_context = kinds::KindContext {
        site,
        config,
        partnership: inputs.partnership,
        host,
        options: base,
        today: inputs.today,
        frameworks: inputs.frameworks,
    };
    let (described, kind_diags): (DescribedPages, Vec<Vec<Diagnostic>>) = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(_id, page)| {
            let mut d = Vec::new();
            let view = kinds::kind_view(page, &kind_context, &mut d);
            #[allow(unused_mut)]
            let mut downloads = downloads::downloads(page, inputs.root, &mut d);
            // Reports get a PDF made from the same Markdown, in parallel with the others.
            #[cfg(feature = "pdf")]
            let made = pdf::page_pdf(
                _id,
                page,
                inputs.root,
                &config.language,
                inputs.partnership,
                &mut d,
            )
            .map(|(entry, file)| {
                downloads.insert(0, entry);
                (file.page, file.dest, file.bytes)
            });
            #[cfg(not(feature = "pdf"))]
            let made: Option<(usize, String, Vec<u8>)> = None;
            ((view, downloads, made), d)
        })
        .unzip();
    diags.extend(kind_diags.into_iter().flatten());
    let mut kind_views = Vec::with_capacity(described.len());
    let mut downloads = Vec::with_capacity(described.len());
    let mut pdfs = Vec::new();
    for (view, down, made) in described {
        kind_views.push(view);
        downloads.push(down);
        pdfs.extend(made);
    }
    #[cfg(feature = "pdf")]
    comemo::evict(10);
    let _ = library
        .recommendations
        .set(kinds::tracker_rows(site, &kind_views));

    let lang = config.language.as_str();
    // Each page's HTML moves into its template value: held once, not twice.
    let contents: Vec<String> = pages
        .iter_mut()
        .map(|r| std::mem::take(&mut r.html))
        .collect();
    let base_values: Vec<Value> = site
        .pages
        .par_iter()
        .zip(&pages)
        .zip(contents)
        .zip(&kind_views)
        .zip(&downloads)
        .map(|((((p, r), content), view), d)| {
            base_value(p, r, content, view.as_ref().map(|v| &v.data), d, lang)
        })
        .collect();
    let section_values: Vec<Value> = (0..site.sections.len())
        .into_par_iter()
        .map(|i| section_value(site, i, &sections[i], &base_values, lang))
        .collect();
    let by_path = |values: &[Value], paths: Vec<&String>| -> HashMap<String, Value> {
        paths
            .into_iter()
            .cloned()
            .zip(values.iter().cloned())
            .collect()
    };
    library.set(
        Which::Page,
        by_path(
            &base_values,
            site.pages.iter().map(|p| &p.loc.relative_path).collect(),
        ),
    );
    let rel = |i: Option<usize>| i.map(|i| site.pages[i].loc.relative_path.clone());
    let _ = library.neighbours.set(
        site.pages
            .iter()
            .map(|p| (p.loc.relative_path.clone(), (rel(p.lower), rel(p.higher))))
            .collect(),
    );
    library.set(
        Which::Section,
        by_path(
            &section_values,
            site.sections.iter().map(|s| &s.loc.relative_path).collect(),
        ),
    );
    RenderedSite {
        pages,
        sections,
        base_values,
        section_values,
        kind_views,
        pdfs,
        pdfs_enabled: cfg!(feature = "pdf"),
    }
}

/// The Markdown options of the site.
fn markdown_options(config: &Config) -> Options {
    Options {
        smart_punctuation: config.markdown.smart_punctuation,
        highlight: config.markdown.highlighting_enabled(),
        anchor_links: config.markdown.insert_anchor_links,
    }
}

/// The Markdown options for content in `section` (its anchor-link setting is inherited).
fn options_for(site: &Site, config: &Config, section: SectionId) -> Options {
    let base = markdown_options(config);
    Options {
        anchor_links: anchor_links(site, section, base.anchor_links),
        ..base
    }
}

/// Renders the Markdown of one page.
fn page_markdown(
    page: &Page,
    site: &Site,
    config: &Config,
    host: &dyn TemplateHost,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let options = options_for(site, config, page.section);
    let (file, offset, body) = page.body();
    let input = Input {
        file,
        offset,
        body,
        permalink: &page.loc.permalink,
    };
    markdown::render(&input, options, site, host, diags)
}

/// Renders the Markdown of section `id` (given apart from the site, which may still hold
/// its old version); a section with no `_index.md` has none.
fn section_markdown(
    id: SectionId,
    section: &Section,
    site: &Site,
    config: &Config,
    host: &dyn TemplateHost,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let Some((file, offset, body)) = section.body() else {
        return Rendered::default();
    };
    let options = options_for(site, config, id);
    let input = Input {
        file,
        offset,
        body,
        permalink: &section.loc.permalink,
    };
    markdown::render(&input, options, site, host, diags)
}

/// A page's value as listings show it: its fields, `kind`, `data` and `downloads`.
fn base_value(
    page: &Page,
    rendered: &Rendered,
    content: String,
    data: Option<&Value>,
    downloads: &[DownloadView],
    lang: &str,
) -> Value {
    let value = views::page_value(page, rendered, content, lang);
    let (kind, data) = match (&page.kind, data) {
        (Some(kind), Some(data)) => (Value::from(kind.name()), data.clone()),
        _ => (Value::none(), Value::none()),
    };
    views::with(
        &value,
        vec![
            ("kind", kind),
            ("data", data),
            ("downloads", Value::from_serializable(downloads)),
        ],
    )
}

impl RenderedSite {
    /// The `page` value of page `i`, as its template sees it: with its neighbours as
    /// `lower` and `higher`.
    pub fn page_value(&self, site: &Site, i: usize) -> Value {
        page_value(site, i, &self.base_values)
    }
}

/// The `page` value of page `i`: its base value with its neighbours as `lower`/`higher`.
fn page_value(site: &Site, i: usize, base_values: &[Value]) -> Value {
    let page = &site.pages[i];
    let neighbour = |i: Option<usize>| i.map_or_else(Value::none, |i| base_values[i].clone());
    views::with(
        &base_values[i],
        vec![
            ("lower", neighbour(page.lower)),
            ("higher", neighbour(page.higher)),
        ],
    )
}

/// The `section` value of section `i`, listing its pages' base values.
fn section_value(
    site: &Site,
    i: usize,
    rendered: &Rendered,
    base_values: &[Value],
    lang: &str,
) -> Value {
    let s = &site.sections[i];
    let listed = s.pages.iter().map(|&p| base_values[p].clone()).collect();
    let subs = s
        .subsections
        .iter()
        .map(|&i| site.sections[i].loc.relative_path.as_str())
        .collect();
    views::section_value(s, rendered, listed, subs, lang)
}

/// Per page: its kind's view, `page.downloads`, and the PDF made for it.
type DescribedPages = Vec<(
    Option<KindView>,
    Vec<DownloadView>,
    Option<(usize, String, Vec<u8>)>,
)>;

/// What rendering the domain kinds needs besides the site.
pub struct KindInputs<'a> {
    /// The site folder (page bundles' downloads).
    pub root: &'a std::path::Path,
    /// `data/partnership.toml`, if the site has one.
    pub partnership: Option<&'a crate::content::partnership::Partnership>,
    /// Today's date, for overdue flags.
    pub today: jiff::civil::Date,
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a crate::content::kinds::frameworks::FrameworkSet,
}

/// The anchor-link setting of the nearest section that sets one.
fn anchor_links(site: &Site, mut section: SectionId, default: AnchorLinks) -> AnchorLinks {
    loop {
        let s = &site.sections[section];
        if let Some(a) = s.meta.insert_anchor_links {
            return a;
        }
        match s.parent {
            Some(p) => section = p,
            None => return default,
        }
    }
}
