//! Putting one edited page or section in place of its old self, for `serve`: its
//! Markdown is rendered again and every value that shows it is rebuilt, with an [`Undo`]
//! to put everything back if rendering the outputs then fails.

use std::path::Path;

use tera::Value;

use super::{RenderedSite, base_value, page_markdown, section_markdown, section_value};
use crate::config::Config;
use crate::content::{Page, Section, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{Rendered, TemplateHost};
use crate::templates::{Library, Which};

/// What rendering an edited page needs besides the site.
pub struct Context<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The templates (for shortcodes).
    pub host: &'a dyn TemplateHost,
    /// What templates look up; updated with the new values.
    pub library: &'a Library,
    /// The site folder (for the page's downloads).
    pub root: &'a Path,
}

/// What an update replaced, to put back.
pub enum Undo {
    /// [`update_page`] replaced a page, its value and its section's value.
    Page {
        /// The page's index.
        index: usize,
        /// The page as it was.
        page: Box<Page>,
        /// Its Markdown as it was.
        rendered: Rendered,
        /// Its value as it was.
        base: Value,
        /// Its section's index and value as they were.
        section: (usize, Value),
    },
    /// [`update_section`] replaced a section and its value.
    Section {
        /// The section's index.
        index: usize,
        /// The section as it was.
        section: Box<Section>,
        /// Its Markdown as it was.
        rendered: Rendered,
        /// Its value as it was.
        value: Value,
    },
}

/// Replaces page `index` with `page` (which must sit in the same place: same path,
/// section and order) and updates its value, its section's listing and the values
/// templates look up (its neighbours' `lower`/`higher` are made from it when needed).
///
/// Returns the Markdown's warnings, or its errors (then nothing was changed).
pub fn update_page(
    index: usize,
    page: Page,
    site: &mut Site,
    rendered: &mut RenderedSite,
    ctx: &Context,
) -> Result<(Undo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut markdown = page_markdown(&page, site, ctx.config, ctx.host, &mut diags);
    let downloads = super::downloads::downloads(&page, ctx.root, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let lang = ctx.config.language.as_str();
    let content = std::mem::take(&mut markdown.html);
    let base = base_value(&page, &markdown, content, None, &downloads, lang);

    let old_page = std::mem::replace(&mut site.pages[index], page);
    let old_rendered = std::mem::replace(&mut rendered.pages[index], markdown);
    let old_base = std::mem::replace(&mut rendered.base_values[index], base);
    let s = site.pages[index].section;
    let old_section = refresh_section(site, rendered, s, lang);
    publish(site, rendered, ctx.library, Some(index), s);
    let undo = Undo::Page {
        index,
        page: Box::new(old_page),
        rendered: old_rendered,
        base: old_base,
        section: (s, old_section),
    };
    Ok((undo, diags))
}

/// Replaces section `index` with `section` (which must sit in the same place and sort
/// and render its pages as before) and updates its value and the values templates look
/// up.
///
/// Returns the Markdown's warnings, or its errors (then nothing was changed).
pub fn update_section(
    index: usize,
    section: Section,
    site: &mut Site,
    rendered: &mut RenderedSite,
    ctx: &Context,
) -> Result<(Undo, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let markdown = section_markdown(index, &section, site, ctx.config, ctx.host, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let old_section = std::mem::replace(&mut site.sections[index], section);
    let old_rendered = std::mem::replace(&mut rendered.sections[index], markdown);
    let old_value = refresh_section(site, rendered, index, &ctx.config.language);
    publish(site, rendered, ctx.library, None, index);
    let undo = Undo::Section {
        index,
        section: Box::new(old_section),
        rendered: old_rendered,
        value: old_value,
    };
    Ok((undo, diags))
}

impl Undo {
    /// Puts back everything the update replaced.
    pub fn undo(self, site: &mut Site, rendered: &mut RenderedSite, library: &Library) {
        match self {
            Undo::Page {
                index,
                page,
                rendered: markdown,
                base,
                section: (s, value),
            } => {
                site.pages[index] = *page;
                rendered.pages[index] = markdown;
                rendered.base_values[index] = base;
                rendered.section_values[s] = value;
                publish(site, rendered, library, Some(index), s);
            }
            Undo::Section {
                index,
                section,
                rendered: markdown,
                value,
            } => {
                site.sections[index] = *section;
                rendered.sections[index] = markdown;
                rendered.section_values[index] = value;
                publish(site, rendered, library, None, index);
            }
        }
    }
}

/// Builds section `s`'s value again from the current values; returns the old one.
fn refresh_section(site: &Site, rendered: &mut RenderedSite, s: usize, lang: &str) -> Value {
    let value = section_value(site, s, &rendered.sections[s], &rendered.base_values, lang);
    std::mem::replace(&mut rendered.section_values[s], value)
}

/// Gives templates the current values of this page (if any) and this section.
fn publish(
    site: &Site,
    rendered: &RenderedSite,
    library: &Library,
    page: Option<usize>,
    section: usize,
) {
    if let Some(page) = page {
        library.set(
            Which::Page,
            [(
                site.pages[page].loc.relative_path.clone(),
                rendered.base_values[page].clone(),
            )],
        );
    }
    library.set(
        Which::Section,
        [(
            site.sections[section].loc.relative_path.clone(),
            rendered.section_values[section].clone(),
        )],
    );
}
