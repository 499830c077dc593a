//! Taxonomies: the terms pages are filed under (`themes = ["Neglect"]`), gathered per
//! language into one list of terms per taxonomy, each term with its pages, as Zola
//! builds them.

use std::collections::BTreeMap;

use super::{PageId, Site};
use crate::config::{Config, TaxonomyConfig};
use crate::diagnostics::Diagnostic;
use crate::source::line_at;

/// One taxonomy of one language, with every term its pages use.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Its definition in `config.toml`.
    pub config: TaxonomyConfig,
    /// The language of its pages.
    pub lang: String,
    /// The URL path of its list of terms (`/themes/`).
    pub path: String,
    /// The full URL of its list of terms.
    pub permalink: String,
    /// Its terms, by slug then name.
    pub terms: Vec<Term>,
}

/// One term of a taxonomy and the pages filed under it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The term as the first of its pages (in slug order) writes it.
    pub name: String,
    /// Its URL part.
    pub slug: String,
    /// The URL path of its page (`/themes/neglect/`).
    pub path: String,
    /// The full URL of its page.
    pub permalink: String,
    /// Its pages, newest first, then those without a date by path.
    pub pages: Vec<PageId>,
}

impl Taxonomy {
    /// `<lang>/<name>`: how `serve` records that an output read this taxonomy.
    pub fn key(&self) -> String {
        format!("{}/{}", self.lang, self.config.name())
    }

    /// Every page filed under one of its terms, once each.
    pub fn pages(&self) -> Vec<PageId> {
        let mut pages: Vec<PageId> = self.terms.iter().flat_map(|t| t.pages.clone()).collect();
        pages.sort_unstable();
        pages.dedup();
        pages
    }

    /// The term whose name or slug is `term`.
    pub fn term(&self, term: &str, config: &Config) -> Option<&Term> {
        let slug = config.slugify.taxonomies.path(term);
        self.terms.iter().find(|t| t.name == term || t.slug == slug)
    }
}

/// Gathers the taxonomies of `site` (the rendered pages' `[taxonomies]`). A page that
/// names a taxonomy its language does not define is an error at that line; two terms
/// that differ only in case, spaces or punctuation are a warning at the second.
pub fn gather(site: &Site, config: &Config) -> (Vec<Taxonomy>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // (language, taxonomy slug) → term name → pages.
    let mut found: BTreeMap<(String, String), BTreeMap<String, Vec<PageId>>> = BTreeMap::new();
    for lang in config.language_codes() {
        for taxonomy in config.taxonomies_of(lang) {
            found.insert((lang.to_string(), taxonomy.slug.clone()), BTreeMap::new());
        }
    }
    for (id, page) in site.pages.iter().enumerate() {
        if !page.meta.renders() {
            continue;
        }
        let lang = page.loc.lang.as_str();
        let defined = config.taxonomies_of(lang);
        for (name, terms) in &page.meta.taxonomies {
            let Some(taxonomy) = defined.iter().find(|t| t.name() == name.get_ref()) else {
                diags.push(undefined(page, name, defined, lang, config));
                continue;
            };
            let Some(by_term) = found.get_mut(&(lang.to_string(), taxonomy.slug.clone())) else {
                continue;
            };
            for term in terms {
                let pages = by_term.entry(term.get_ref().clone()).or_default();
                if pages.last() != Some(&id) {
                    pages.push(id);
                }
            }
        }
    }
    let mut taxonomies = Vec::new();
    for lang in config.language_codes() {
        for taxonomy in config.taxonomies_of(lang) {
            let terms = found
                .remove(&(lang.to_string(), taxonomy.slug.clone()))
                .unwrap_or_default();
            diags.extend(lookalikes(site, taxonomy, &terms));
            taxonomies.push(build(site, config, lang, taxonomy, terms));
        }
    }
    (taxonomies, diags)
}

/// One taxonomy from its terms' pages: terms with one slug are one term, as in Zola.
fn build(
    site: &Site,
    config: &Config,
    lang: &str,
    taxonomy: &TaxonomyConfig,
    terms: BTreeMap<String, Vec<PageId>>,
) -> Taxonomy {
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    for (name, pages) in terms {
        let slug = config.slugify.taxonomies.path(&name);
        let path = config.term_path(lang, taxonomy, &slug);
        let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
            name,
            permalink: config.permalink(&path),
            path,
            slug,
            pages: Vec::new(),
        });
        term.pages.extend(pages);
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    for term in &mut terms {
        term.pages.sort_by(|&a, &b| {
            let (a, b) = (&site.pages[a], &site.pages[b]);
            b.meta
                .date
                .is_some()
                .cmp(&a.meta.date.is_some())
                .then_with(|| b.meta.date.cmp(&a.meta.date))
                .then_with(|| a.loc.path.cmp(&b.loc.path))
        });
        term.pages.dedup();
    }
    let path = config.taxonomy_path(lang, taxonomy);
    Taxonomy {
        config: taxonomy.clone(),
        lang: lang.to_string(),
        permalink: config.permalink(&path),
        path,
        terms,
    }
}

/// The error for a `[taxonomies]` entry naming a taxonomy `lang` does not define.
fn undefined(
    page: &super::Page,
    name: &toml::Spanned<String>,
    defined: &[TaxonomyConfig],
    lang: &str,
    config: &Config,
) -> Diagnostic {
    let names: Vec<&str> = defined.iter().map(TaxonomyConfig::name).collect();
    let table = if lang == config.language {
        "taxonomies = [...] in config.toml".to_string()
    } else {
        format!("taxonomies = [...] under [languages.{lang}] in config.toml")
    };
    let hint = match crate::source::closest(name.get_ref(), &names) {
        Some(best) => format!("did you mean `{best}`?"),
        None if names.is_empty() => format!(
            "this site defines no taxonomies for its pages in `{lang}`: add {{ name = \"{}\" }} to {table}",
            name.get_ref()
        ),
        None => format!(
            "the taxonomies defined are: {}; to add this one, add {{ name = \"{}\" }} to {table}",
            names.join(", "),
            name.get_ref()
        ),
    };
    let file = &page.file;
    Diagnostic::error(format!(
        "the taxonomy `{}` is not defined in config.toml",
        name.get_ref()
    ))
    .in_file(&file.rel)
    .at(&file.text, line_at(&file.text, name.span().start))
    .with_hint(hint)
}

/// Terms that differ only in case, spaces or punctuation ("Neglect" and "neglect "):
/// one warning for each term after the first, at a line that writes it.
fn lookalikes(
    site: &Site,
    taxonomy: &TaxonomyConfig,
    terms: &BTreeMap<String, Vec<PageId>>,
) -> Vec<Diagnostic> {
    let mut first: BTreeMap<String, &str> = BTreeMap::new();
    let mut diags = Vec::new();
    for (name, pages) in terms {
        let key: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let Some(&seen) = first.get(&key) else {
            first.insert(key, name);
            continue;
        };
        let Some(place) = pages.iter().find_map(|&p| written(site, p, taxonomy, name)) else {
            continue;
        };
        let (file, range) = place;
        diags.push(
            Diagnostic::warning(format!(
                "the {} term `{name}` differs from `{seen}` only in case, spaces or punctuation",
                taxonomy.name()
            ))
            .in_file(&file.rel)
            .at(&file.text, range)
            .with_hint(format!(
                "write `{seen}` here, so every page on this theme is found under one term"
            )),
        );
    }
    diags
}

/// Where page `p` writes `term` in its `[taxonomies]` entry for `taxonomy`.
fn written<'s>(
    site: &'s Site,
    p: PageId,
    taxonomy: &TaxonomyConfig,
    term: &str,
) -> Option<(&'s crate::source::SourceFile, std::ops::Range<usize>)> {
    let page = &site.pages[p];
    let terms = page.meta.taxonomies.get(taxonomy.name())?;
    let written = terms.iter().find(|t| t.get_ref() == term)?;
    Some((
        &page.file,
        crate::source::unquoted(&page.file.text, written.span()),
    ))
}
