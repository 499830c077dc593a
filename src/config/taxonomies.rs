//! `taxonomies = [{ name, feed, paginate_by, paginate_path, render }]`: the ways pages are
//! grouped across sections (themes, authors), as Zola defines them.

use serde::{Deserialize, Serialize};

/// One taxonomy of one language, as `config.toml` defines it (`taxonomy` in templates).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// The name pages use in their `[taxonomies]` table, usually a plural (`themes`).
    pub name: toml::Spanned<String>,
    /// The name as it appears in URLs, slugified by `[slugify] taxonomies`.
    #[serde(skip_deserializing)]
    pub slug: String,
    /// Zola's `slug` key, which Zola also replaces with the slugified name; kept to warn
    /// that it has no effect.
    #[serde(default, rename = "slug", skip_serializing)]
    pub given_slug: super::zola::Ignored,
    /// Terms per page of a term's listing; unpaginated when unset.
    #[serde(default)]
    pub paginate_by: Option<toml::Spanned<i64>>,
    /// The folder of a term's later listing pages (`page`, as in `/themes/neglect/page/2/`).
    #[serde(default)]
    pub paginate_path: Option<String>,
    /// Whether the taxonomy's pages (the term list and one page per term) are written.
    #[serde(default = "super::tables::yes")]
    pub render: bool,
    /// Whether each term gets an Atom feed of its pages.
    #[serde(default)]
    pub feed: bool,
}

impl TaxonomyConfig {
    /// The name pages use.
    pub fn name(&self) -> &str {
        self.name.get_ref()
    }

    /// Terms per listing page, when the taxonomy is paginated (a positive `paginate_by`).
    pub fn paginate_by(&self) -> Option<usize> {
        self.paginate_by
            .as_ref()
            .and_then(|n| usize::try_from(*n.get_ref()).ok())
            .filter(|&n| n > 0)
    }

    /// The folder of later listing pages: `paginate_path`, or `page`.
    pub fn paginate_path(&self) -> &str {
        self.paginate_path.as_deref().unwrap_or("page")
    }
}

impl super::Config {
    /// The URL path of a taxonomy's list of terms: `/themes/`, `/pl/themes/`, or under
    /// `taxonomy_root`.
    pub fn taxonomy_path(&self, lang: &str, taxonomy: &TaxonomyConfig) -> String {
        let root = self
            .taxonomy_root
            .as_deref()
            .map(|r| format!("/{}", r.trim_matches('/')))
            .unwrap_or_default();
        format!("{}{root}/{}/", self.language_prefix(lang), taxonomy.slug)
    }

    /// The URL path of one term's page: `/themes/neglect/`.
    pub fn term_path(&self, lang: &str, taxonomy: &TaxonomyConfig, term_slug: &str) -> String {
        format!("{}{term_slug}/", self.taxonomy_path(lang, taxonomy))
    }
}
