//! One edited page or section rendered again, for `serve`: a new version of the site and
//! of what was rendered, sharing everything else with the old ones, which stay as they
//! were until the new ones are put in place.

use std::sync::Arc;

use super::links::{Known, check_body_alone};
use super::{BodyLinks, page_markdown, section_markdown};
use crate::config::Config;
use crate::content::{Page, Section, Site};
use crate::diagnostics::Diagnostic;
use crate::templates::{Body, PageRender, Renders, Templates};

/// What rendering an edited page needs besides the site.
pub struct Context<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The templates (for shortcodes).
    pub host: &'a Templates,
    /// The site folder (for the page's downloads).
    pub root: &'a std::path::Path,
    /// Every address of the site, for root-relative links.
    pub known: &'a Known,
}

/// The site and renders with one page or section replaced, and its new links.
pub struct Updated {
    /// The new site.
    pub site: Arc<Site>,
    /// What was rendered, with the edited body's new render.
    pub renders: Arc<Renders>,
    /// The edited body's links and anchors.
    pub links: BodyLinks,
}

/// Renders `page` (the new version of page `index`, in the same place: same path,
/// section and order; of no kind; its whole text is `file`) and makes the site and
/// renders with it.
///
/// Returns the Markdown's and its links' warnings, or its errors.
pub fn update_page(
    index: usize,
    page: Page,
    file: &crate::source::SourceFile,
    site: &Site,
    renders: &Renders,
    ctx: &Context,
) -> Result<(Updated, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let made = page_markdown(index, &page, file, site, ctx.config, ctx.host, &mut diags);
    let rendered = &made.0;
    check_body_alone(file, &page.loc.path, rendered, ctx.known, site, &mut diags);
    let documents = crate::content::documents::Inspected::default();
    let downloads = super::downloads::downloads(&page, ctx.root, &documents, false, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let mut new_renders = renders.clone();
    new_renders.pages[index] = Arc::new(PageRender {
        body: Body::new(rendered),
        data: tera::Value::none(),
        downloads: tera::Value::from_serializable(&downloads),
    });
    let mut new_site = site.clone();
    new_site.pages[index] = Arc::new(page);
    let updated = Updated {
        site: Arc::new(new_site),
        renders: Arc::new(new_renders),
        links: BodyLinks::new(made, Some(file)),
    };
    Ok((updated, diags))
}

/// Renders `section` (the new version of section `index`, which sorts and renders its
/// pages as before) and makes the site and renders with it.
///
/// Returns the Markdown's warnings, or its errors.
pub fn update_section(
    index: usize,
    section: Section,
    site: &Site,
    renders: &Renders,
    ctx: &Context,
) -> Result<(Updated, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let made = section_markdown(index, &section, site, ctx.config, ctx.host, &mut diags);
    let rendered = &made.0;
    let file = section.file.as_ref().map(|(f, _)| f);
    if let Some(file) = file {
        check_body_alone(
            file,
            &section.loc.path,
            rendered,
            ctx.known,
            site,
            &mut diags,
        );
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let mut new_renders = renders.clone();
    new_renders.sections[index] = Arc::new(Body::new(rendered));
    let links = BodyLinks::new(made, file);
    let mut new_site = site.clone();
    new_site.sections[index] = Arc::new(section);
    let updated = Updated {
        site: Arc::new(new_site),
        renders: Arc::new(new_renders),
        links,
    };
    Ok((updated, diags))
}
