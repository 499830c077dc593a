//! Taxonomies as templates see them: `get_taxonomy`, `get_taxonomy_url`,
//! `get_taxonomy_term`, and the `taxonomy`, `terms` and `term` of the taxonomy pages,
//! with Zola's field names.

use serde::Serialize;
use tera::Value;

use super::{Library, LookupError};
use crate::content::taxonomies::{Taxonomy, Term};
use crate::templates::deps::{self, Lookup};

/// A term, as `term` and `terms` show it.
#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    path: &'a str,
    permalink: &'a str,
    page_count: usize,
}

impl Library {
    /// The index in the site's taxonomies of `kind` in `lang` (the default language when
    /// none is given).
    pub(crate) fn taxonomy_index(
        &self,
        kind: &str,
        lang: Option<&str>,
    ) -> Result<usize, LookupError> {
        let lang = lang.unwrap_or(&self.config.language);
        self.site
            .taxonomies
            .iter()
            .position(|t| t.lang == lang && t.config.name() == kind)
            .ok_or_else(|| {
                let names: Vec<&str> = self
                    .site
                    .taxonomies
                    .iter()
                    .filter(|t| t.lang == lang)
                    .map(|t| t.config.name())
                    .collect();
                match names.as_slice() {
                    [] => format!("there is no taxonomy `{kind}` in `{lang}`: the site defines none (taxonomies = [...] in config.toml)"),
                    _ => format!(
                        "there is no taxonomy `{kind}` in `{lang}`; the taxonomies are: {}",
                        names.join(", ")
                    ),
                }
            })
    }

    /// The index of the term `term` (its name or slug) in taxonomy `t`.
    pub(crate) fn term_index(&self, t: usize, term: &str) -> Result<usize, LookupError> {
        let taxonomy = &self.site.taxonomies[t];
        let slug = self.config.slugify.taxonomies.path(term);
        taxonomy
            .terms
            .iter()
            .position(|x| x.name == term || x.slug == slug)
            .ok_or_else(|| {
                format!(
                    "the taxonomy `{}` has no term `{term}`",
                    taxonomy.config.name()
                )
            })
    }

    /// `taxonomy`: the definition of taxonomy `t`.
    pub fn taxonomy_config_value(&self, t: usize) -> Value {
        Value::from_serializable(&self.site.taxonomies[t].config)
    }

    /// The value of term `k` of taxonomy `t`, with its pages' listing values from `base`
    /// (none: without `pages`).
    pub(crate) fn term_with(
        &self,
        t: usize,
        k: usize,
        base: Option<&dyn Fn(usize) -> Value>,
    ) -> Value {
        let term: &Term = &self.site.taxonomies[t].terms[k];
        let value = Value::from_serializable(&TermView {
            name: &term.name,
            slug: &term.slug,
            path: &term.path,
            permalink: &term.permalink,
            page_count: term.pages.len(),
        });
        match base {
            Some(base) => super::views::with(
                &value,
                vec![(
                    "pages",
                    Value::from(term.pages.iter().map(|&p| base(p)).collect::<Vec<_>>()),
                )],
            ),
            None => value,
        }
    }

    /// `terms`: every term of taxonomy `t` with its pages.
    pub(crate) fn terms_with(&self, t: usize, base: &dyn Fn(usize) -> Value) -> Value {
        let taxonomy: &Taxonomy = &self.site.taxonomies[t];
        Value::from(
            (0..taxonomy.terms.len())
                .map(|k| self.term_with(t, k, Some(base)))
                .collect::<Vec<_>>(),
        )
    }

    /// Notes for `serve` that an output shows taxonomy `t`'s terms or pages, so that it
    /// is rendered again when they change. (A term's address does not depend on its
    /// pages: `get_taxonomy_url` is not noted.)
    fn note_taxonomy(&self, t: usize) {
        deps::note(Lookup::Taxonomy(self.site.taxonomies[t].key()));
    }

    /// `get_taxonomy(kind=…, lang=…)`: `{ kind, lang, permalink, items }`.
    pub fn taxonomy(&self, kind: &str, lang: Option<&str>) -> Result<Value, LookupError> {
        let t = self.taxonomy_index(kind, lang)?;
        self.note_taxonomy(t);
        Ok(self.made.taxonomies[t]
            .get_or_init(|| {
                let taxonomy = &self.site.taxonomies[t];
                let mut map = tera::Map::new();
                map.insert("kind".into(), self.taxonomy_config_value(t));
                map.insert("lang".into(), Value::from(taxonomy.lang.as_str()));
                map.insert("permalink".into(), Value::from(taxonomy.permalink.as_str()));
                map.insert("items".into(), self.terms_with(t, &|p| self.page_base(p)));
                Value::from(map)
            })
            .clone())
    }

    /// `get_taxonomy_url(kind=…, term=…, lang=…)`: the permalink of a term's page.
    pub fn taxonomy_url(
        &self,
        kind: &str,
        term: &str,
        lang: Option<&str>,
    ) -> Result<String, LookupError> {
        let t = self.taxonomy_index(kind, lang)?;
        let k = self.term_index(t, term)?;
        Ok(self.site.taxonomies[t].terms[k].permalink.clone())
    }

    /// `get_taxonomy_term(kind=…, term=…, lang=…, include_pages=…)`.
    pub fn taxonomy_term(
        &self,
        kind: &str,
        term: &str,
        lang: Option<&str>,
        include_pages: bool,
    ) -> Result<Value, LookupError> {
        let t = self.taxonomy_index(kind, lang)?;
        self.note_taxonomy(t);
        let k = self.term_index(t, term)?;
        let base = |p| self.page_base(p);
        Ok(self.term_with(
            t,
            k,
            include_pages.then_some(&base as &dyn Fn(usize) -> Value),
        ))
    }
}
