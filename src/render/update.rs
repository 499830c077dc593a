//! Putting one edited page in place of its old self, for `serve`: its Markdown is
//! rendered again and every value that shows it is rebuilt, with an [`Undo`] to put
//! everything back if rendering the outputs then fails.

use std::path::Path;

use tera::Value;

use super::{RenderedSite, base_value, page_markdown, section_value};
use crate::config::Config;
use crate::content::{Page, Site};
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

/// What [`update_page`] replaced, to put back.
pub struct Undo {
    index: usize,
    page: Page,
    rendered: Rendered,
    base: Value,
    section: (usize, Value),
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
    let Context {
        config,
        host,
        library,
        root,
    } = *ctx;
    let mut diags = Vec::new();
    let mut markdown = page_markdown(&page, site, config, host, &mut diags);
    let downloads = super::kinds::downloads(&page, root, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let lang = config.language.as_str();
    let content = std::mem::take(&mut markdown.html);
    let base = base_value(&page, &markdown, content, None, &downloads, lang);

    let old_page = std::mem::replace(&mut site.pages[index], page);
    let old_rendered = std::mem::replace(&mut rendered.pages[index], markdown);
    let old_base = std::mem::replace(&mut rendered.base_values[index], base);
    let s = site.pages[index].section;
    let value = section_value(site, s, &rendered.sections[s], &rendered.base_values, lang);
    let old_section = std::mem::replace(&mut rendered.section_values[s], value);
    publish(site, rendered, library, index, s);
    let undo = Undo {
        index,
        page: old_page,
        rendered: old_rendered,
        base: old_base,
        section: (s, old_section),
    };
    Ok((undo, diags))
}

impl Undo {
    /// Puts back everything [`update_page`] replaced.
    pub fn undo(self, site: &mut Site, rendered: &mut RenderedSite, library: &Library) {
        site.pages[self.index] = self.page;
        rendered.pages[self.index] = self.rendered;
        rendered.base_values[self.index] = self.base;
        let (s, value) = self.section;
        rendered.section_values[s] = value;
        publish(site, rendered, library, self.index, s);
    }
}

/// Gives templates the current values of this page and this section.
fn publish(site: &Site, rendered: &RenderedSite, library: &Library, page: usize, section: usize) {
    library.set(
        Which::Page,
        [(
            site.pages[page].loc.relative_path.clone(),
            rendered.base_values[page].clone(),
        )],
    );
    library.set(
        Which::Section,
        [(
            site.sections[section].loc.relative_path.clone(),
            rendered.section_values[section].clone(),
        )],
    );
}
