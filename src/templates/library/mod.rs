//! What templates can look up — every page and section, the tracker — as one immutable
//! structure shared by every render job.
//!
//! A [`Library`] holds the site's model and, once the Markdown stage has run, what it
//! made of each page ([`super::PageRender`]). Template values are built from those when they are
//! asked for, not held: a listing or a neighbour is made while its output renders, so the
//! HTML of every page is never held as template values at once (it is kept compressed).
//! What `get_page`, `get_section` and `all_pages` return is made once per library and
//! kept. A build makes one library before the Markdown stage (shortcodes see the pages
//! without their content) and one after; `serve` makes a new one after an edit, sharing
//! every page it did not change.

mod paths;
mod taxonomies;

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use tera::Value;

use super::bodies::Renders;
use super::deps::{self, Lookup};
use super::views;
use crate::config::Config;
use crate::content::{Item, Site};
use crate::markdown::Heading;

/// What the lookups made, kept for the life of the library.
#[derive(Debug, Default)]
struct Made {
    pages: Box<[OnceLock<Value>]>,
    sections: Box<[OnceLock<Value>]>,
    all_pages: OnceLock<Value>,
    /// Each taxonomy's `get_taxonomy` value.
    taxonomies: Box<[OnceLock<Value>]>,
}

/// The site as templates look it up. Immutable: see the module's documentation.
#[derive(Debug)]
pub struct Library {
    site: Arc<Site>,
    renders: Option<Arc<Renders>>,
    /// The site's configuration (its base URL, languages and slug rules).
    config: Arc<Config>,
    made: Made,
}

/// A lookup that found nothing, in words for the template error.
pub type LookupError = String;

impl Library {
    /// The library of `site` before its Markdown is rendered: pages and sections have
    /// their fields, and no content yet.
    pub fn new(site: Arc<Site>, config: Arc<Config>) -> Self {
        Library {
            made: Made::for_site(&site),
            site,
            renders: None,
            config,
        }
    }

    /// The same site with what the render stage made of it.
    pub fn with_renders(&self, site: Arc<Site>, renders: Arc<Renders>) -> Self {
        Library {
            made: Made::for_site(&site),
            site,
            renders: Some(renders),
            config: Arc::clone(&self.config),
        }
    }

    /// The site's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The site.
    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// What the render stage made, once it has run.
    pub fn renders(&self) -> Option<&Arc<Renders>> {
        self.renders.as_ref()
    }

    /// The table of contents of page `i` (empty before the Markdown stage).
    pub fn toc(&self, i: usize) -> &[Heading] {
        self.renders
            .as_ref()
            .and_then(|r| r.pages.get(i))
            .map_or(&[], |p| p.body.toc.as_slice())
    }

    /// The `page` value of page `i` as its own template sees it: with the pages before
    /// and after it as `lower` and `higher`.
    pub fn page_value(&self, i: usize) -> Value {
        self.page_with(i, &|n| self.page_base(n))
    }

    /// Page `i`'s value, its own and its neighbours' listing values given by `base`.
    fn page_with(&self, i: usize, base: &dyn Fn(usize) -> Value) -> Value {
        let page = &self.site.pages[i];
        let neighbour = |n: Option<usize>| n.map_or_else(Value::none, base);
        views::with(
            &base(i),
            vec![
                ("lower", neighbour(page.lower)),
                ("higher", neighbour(page.higher)),
            ],
        )
    }

    /// A place where the listing values of `pages` (a section's) are made once each and
    /// shared by every job that shows them: each page's own, its neighbours', the
    /// section's list. The jobs of one section run together with one.
    pub fn shared(&self, pages: &[usize]) -> Shared<'_> {
        Shared {
            library: self,
            values: pages.iter().map(|&p| (p, OnceLock::new())).collect(),
            fields: None,
        }
    }

    /// As [`Library::shared`], for jobs whose templates read only `fields` of a listed
    /// page ([`crate::templates::Templates::fields_read`]): the values hold only those.
    pub fn shared_reading(&self, pages: &[usize], fields: Option<BTreeSet<String>>) -> Shared<'_> {
        Shared {
            fields,
            ..self.shared(pages)
        }
    }

    /// The value of page `i` as a listing shows it (without `lower` and `higher`).
    fn page_base(&self, i: usize) -> Value {
        self.page_reading(i, None)
    }

    /// Page `i`'s listing value with only `fields`, when given.
    fn page_reading(&self, i: usize, fields: Option<&BTreeSet<String>>) -> Value {
        let render = self.renders.as_ref().map(|r| &*r.pages[i]);
        views::page_value(&self.site, i, render, fields)
    }

    /// The `section` value of section `i`, listing its pages.
    pub fn section_value(&self, i: usize) -> Value {
        self.section_listing(i, &|n| self.page_base(n))
    }

    /// Section `i`'s value, its pages' listing values given by `base`.
    fn section_listing(&self, i: usize, base: &dyn Fn(usize) -> Value) -> Value {
        let pages = self.site.sections[i]
            .pages
            .iter()
            .map(|&p| base(p))
            .collect();
        self.section_with(i, Some(pages))
    }

    /// Section `i`'s value with `pages` as its `pages` (none: its fields only).
    fn section_with(&self, i: usize, pages: Option<Vec<Value>>) -> Value {
        let body = self.renders.as_ref().map(|r| &*r.sections[i]);
        views::section_value(&self.site, i, body, pages)
    }

    /// `get_page(path=…)`: the page at a content path, with its neighbours. The lookup
    /// is noted for `serve`.
    pub fn page(&self, path: &str, lang: Option<&str>) -> Result<Value, LookupError> {
        let rel = self.in_language(content_path(path), lang)?;
        // Noted even when missing: `serve` renders again when the page appears.
        deps::note(Lookup::Page(rel.clone()));
        let Some(Item::Page(i)) = self.site.lookup(&rel) else {
            return Err(format!("there is no page content/{rel}"));
        };
        Ok(self.made.pages[i]
            .get_or_init(|| self.page_value(i))
            .clone())
    }

    /// `get_section(path=…)`: the section at a content path, listing its pages unless
    /// only its own fields are asked for (`metadata_only=true`). Noted for `serve`.
    pub fn section(
        &self,
        path: &str,
        metadata_only: bool,
        lang: Option<&str>,
    ) -> Result<Value, LookupError> {
        let rel = self.in_language(content_path(path), lang)?;
        deps::note(Lookup::Section(rel.clone()));
        let Some(Item::Section(i)) = self.site.lookup(&rel) else {
            return Err(format!("there is no section content/{rel}"));
        };
        if metadata_only {
            return Ok(self.section_with(i, None));
        }
        Ok(self.made.sections[i]
            .get_or_init(|| self.section_value(i))
            .clone())
    }

    /// `all_pages()`: every page, by title then address. Noted for `serve`.
    pub fn all_pages(&self) -> Value {
        deps::note(Lookup::AllPages);
        self.made
            .all_pages
            .get_or_init(|| {
                let mut order: Vec<(String, &str, usize)> = (0..self.site.pages.len())
                    .map(|i| {
                        let p = &self.site.pages[i];
                        let title = p.meta.title.as_deref().unwrap_or(&p.slug);
                        (title.to_lowercase(), p.loc.permalink.as_str(), i)
                    })
                    .collect();
                order.sort();
                Value::from(
                    order
                        .into_iter()
                        .map(|(_, _, i)| self.page_base(i))
                        .collect::<Vec<_>>(),
                )
            })
            .clone()
    }

    /// Every recommendation and action; `None` while pages are being rendered.
    pub fn recommendations(&self) -> Option<&Value> {
        self.renders.as_ref().map(|r| &r.recommendations)
    }
}

/// Listing values made once and shared by several jobs ([`Library::shared`]).
pub struct Shared<'a> {
    library: &'a Library,
    values: std::collections::HashMap<usize, OnceLock<Value>>,
    /// The only fields the values hold (all, when `None`).
    fields: Option<BTreeSet<String>>,
}

impl Shared<'_> {
    /// The library the values come from.
    pub fn library(&self) -> &Library {
        self.library
    }

    /// Page `i`'s listing value: made once if it is one of the shared pages.
    fn base(&self, i: usize) -> Value {
        match self.values.get(&i) {
            Some(slot) => slot
                .get_or_init(|| self.library.page_reading(i, self.fields.as_ref()))
                .clone(),
            None => self.library.page_reading(i, self.fields.as_ref()),
        }
    }

    /// As [`Library::page_value`], from the shared values.
    pub fn page_value(&self, i: usize) -> Value {
        self.library.page_with(i, &|n| self.base(n))
    }

    /// As [`Library::section_value`], from the shared values.
    pub fn section_value(&self, i: usize) -> Value {
        self.library.section_listing(i, &|n| self.base(n))
    }

    /// Section `i`'s own fields, without its pages (a paginated section's, whose pages
    /// are in `paginator.pages`; a feed's).
    pub fn section_fields(&self, i: usize) -> Value {
        self.library.section_with(i, None)
    }

    /// Page `i` as a listing shows it (`paginator.pages`, a feed's entries).
    pub fn listed(&self, i: usize) -> Value {
        self.base(i)
    }

    /// `term`: term `k` of taxonomy `t`, with its pages.
    pub fn term_value(&self, t: usize, k: usize) -> Value {
        self.library.term_with(t, k, Some(&|p| self.base(p)))
    }

    /// `terms`: every term of taxonomy `t`, with their pages.
    pub fn terms_value(&self, t: usize) -> Value {
        self.library.terms_with(t, &|p| self.base(p))
    }
}

impl Made {
    fn for_site(site: &Site) -> Self {
        Made {
            pages: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            sections: (0..site.sections.len()).map(|_| OnceLock::new()).collect(),
            all_pages: OnceLock::new(),
            taxonomies: (0..site.taxonomies.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }
}

/// `reports/x.md` from `@/reports/x.md` or `/reports/x.md`.
fn content_path(path: &str) -> &str {
    path.trim_start_matches("@/").trim_start_matches('/')
}

#[cfg(test)]
mod tests;
