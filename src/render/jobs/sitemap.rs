//! The sitemap's entries: every rendered section, page, taxonomy list and term page,
//! the later pagers of paginated listings (unless
//! `exclude_paginated_pages_in_sitemap = "all"`), and for content in several languages
//! each version's address, for `hreflang` alternates.

use serde::Serialize;

use super::paging::Paging;
use crate::config::{Config, ExcludePaginated};
use crate::content::{Item, Site};

/// One `<url>` of the sitemap.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    permalink: String,
    updated: Option<String>,
    /// The versions of this content in the site's languages, itself among them; empty
    /// when there is only one.
    translations: Vec<Alternate<'a>>,
}

/// One language version of an entry.
#[derive(Serialize)]
struct Alternate<'a> {
    lang: &'a str,
    permalink: &'a str,
}

/// Every entry, sorted by permalink.
pub(super) fn entries<'a>(site: &'a Site, config: &Config) -> Vec<Entry<'a>> {
    let pagers = config.exclude_paginated_pages_in_sitemap == ExcludePaginated::None;
    let plain = |permalink: String| Entry {
        permalink,
        updated: None,
        translations: Vec::new(),
    };
    let mut entries = Vec::new();
    for (s, section) in site.sections.iter().enumerate() {
        if !section.meta.render || section.meta.redirect_to.is_some() {
            continue;
        }
        entries.push(Entry {
            permalink: section.loc.permalink.clone(),
            updated: None,
            translations: alternates(site, Item::Section(s)),
        });
        if let Some(paging) = Paging::of_section(site, s).filter(|_| pagers) {
            entries.extend(paging.later_permalinks().map(plain));
        }
    }
    for (p, page) in site.pages.iter().enumerate() {
        if !page.meta.renders() {
            continue;
        }
        let meta = &page.meta;
        entries.push(Entry {
            permalink: page.loc.permalink.clone(),
            updated: meta
                .updated
                .as_ref()
                .or(meta.date.as_ref())
                .map(|d| d.date().to_string()),
            translations: alternates(site, Item::Page(p)),
        });
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if !taxonomy.config.render || taxonomy.terms.is_empty() {
            continue;
        }
        entries.push(plain(taxonomy.permalink.clone()));
        for (k, term) in taxonomy.terms.iter().enumerate() {
            entries.push(plain(term.permalink.clone()));
            if let Some(paging) = Paging::of_term(site, t, k).filter(|_| pagers) {
                entries.extend(paging.later_permalinks().map(plain));
            }
        }
    }
    entries.sort_by(|a, b| a.permalink.cmp(&b.permalink));
    entries.dedup_by(|a, b| a.permalink == b.permalink);
    entries
}

/// The language versions of `item`, when it has more than one.
fn alternates(site: &Site, item: Item) -> Vec<Alternate<'_>> {
    let versions = site.translations_of(item);
    if versions.len() < 2 {
        return Vec::new();
    }
    versions
        .iter()
        .map(|&v| {
            let loc = site.location(v);
            Alternate {
                lang: &loc.lang,
                permalink: &loc.permalink,
            }
        })
        .collect()
}
