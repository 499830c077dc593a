//! Rendering: Markdown for every page and section (in parallel), the template values
//! built from it, then the flat job list that produces every output file.

mod jobs;
pub mod links;

pub use jobs::{JobCounts, run_jobs};

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use crate::config::{AnchorLinks, Config};
use crate::content::{SectionId, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Input, Options, Rendered, TemplateHost};
use crate::templates::{Library, views};

/// The Markdown of the whole site, rendered, and the values templates see.
pub struct RenderedSite {
    /// One per page, in [`Site::pages`] order.
    pub pages: Vec<Rendered>,
    /// One per section, in [`Site::sections`] order.
    pub sections: Vec<Rendered>,
    /// `page` values, with `lower` and `higher`.
    pub page_values: Vec<Value>,
    /// `section` values.
    pub section_values: Vec<Value>,
}

/// Renders every body in parallel and builds the template values; fills `library` so
/// `get_page` and `get_section` work in templates.
pub fn render_site(
    site: &Site,
    config: &Config,
    host: &dyn TemplateHost,
    library: &Library,
    diags: &mut Vec<Diagnostic>,
) -> RenderedSite {
    let base = Options {
        smart_punctuation: config.markdown.smart_punctuation,
        highlight: config.markdown.highlighting_enabled(),
        anchor_links: config.markdown.insert_anchor_links,
    };
    let options_for = |section: SectionId| Options {
        anchor_links: anchor_links(site, section, base.anchor_links),
        ..base
    };
    let (pages, page_diags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .pages
        .par_iter()
        .map(|page| {
            let (file, offset, body) = page.body();
            let input = Input {
                file,
                offset,
                body,
                permalink: &page.loc.permalink,
            };
            let mut d = Vec::new();
            let r = markdown::render(&input, options_for(page.section), site, host, &mut d);
            (r, d)
        })
        .unzip();
    let (sections, section_diags): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .sections
        .par_iter()
        .enumerate()
        .map(|(id, section)| {
            let mut d = Vec::new();
            let r = match section.body() {
                Some((file, offset, body)) => {
                    let input = Input {
                        file,
                        offset,
                        body,
                        permalink: &section.loc.permalink,
                    };
                    markdown::render(&input, options_for(id), site, host, &mut d)
                }
                None => Rendered::default(),
            };
            (r, d)
        })
        .unzip();
    diags.extend(page_diags.into_iter().flatten());
    diags.extend(section_diags.into_iter().flatten());

    let lang = config.language.as_str();
    let base_values: Vec<Value> = site
        .pages
        .par_iter()
        .zip(&pages)
        .map(|(p, r)| views::page_value(p, r, lang))
        .collect();
    let page_values: Vec<Value> = site
        .pages
        .par_iter()
        .zip(&base_values)
        .map(|(p, v)| {
            views::with_neighbours(
                v,
                p.lower.map(|i| &base_values[i]),
                p.higher.map(|i| &base_values[i]),
            )
        })
        .collect();
    let section_values: Vec<Value> = site
        .sections
        .par_iter()
        .zip(&sections)
        .map(|(s, r)| {
            let listed = s.pages.iter().map(|&p| base_values[p].clone()).collect();
            let subs = s
                .subsections
                .iter()
                .map(|&i| site.sections[i].loc.relative_path.as_str())
                .collect();
            views::section_value(s, r, listed, subs, lang)
        })
        .collect();
    let by_path = |values: &[Value], paths: Vec<&String>| -> HashMap<String, Value> {
        paths
            .into_iter()
            .cloned()
            .zip(values.iter().cloned())
            .collect()
    };
    let _ = library.pages.set(by_path(
        &page_values,
        site.pages.iter().map(|p| &p.loc.relative_path).collect(),
    ));
    let _ = library.sections.set(by_path(
        &section_values,
        site.sections.iter().map(|s| &s.loc.relative_path).collect(),
    ));
    RenderedSite {
        pages,
        sections,
        page_values,
        section_values,
    }
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
