//! Zola settings safesite reads but does not act on: a Zola site's `config.toml` loads,
//! and each such setting gets one warning naming it, at its line, rather than an
//! "unknown field" error.

use serde::{Deserialize, Serialize};

use super::Config;
use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, line_at};

/// A Zola setting accepted and not acted on, with where it is in `config.toml`.
pub type Ignored = Option<toml::Spanned<toml::Value>>;

/// `exclude_paginated_pages_in_sitemap`: whether `/page/2/` and on are in the sitemap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExcludePaginated {
    /// Every listing page is in the sitemap.
    #[default]
    None,
    /// Only the first page of each listing is.
    All,
}

/// One warning for each Zola setting the site sets that safesite does not act on.
pub(super) fn unsupported(config: &Config, file: &SourceFile) -> Vec<Diagnostic> {
    let md = &config.markdown;
    let hl = md.highlighting.as_ref();
    let settings: [(&str, &Ignored, &str); 8] = [
        (
            "minify_html",
            &config.minify_html,
            "pages are written as the templates make them",
        ),
        (
            "hard_link_static",
            &config.hard_link_static,
            "static files are copied",
        ),
        (
            "preserve_dotfiles_in_output",
            &config.preserve_dotfiles_in_output,
            "a build replaces the whole output folder",
        ),
        (
            "link_checker.internal_level",
            &config.link_checker.internal_level,
            "a broken internal link is always an error",
        ),
        (
            "search",
            &config.search,
            "the search index is Pagefind's, made from the built pages",
        ),
        (
            "markdown.render_emoji",
            &md.render_emoji,
            "`:smile:` stays as written",
        ),
        (
            "markdown.bottom_footnotes = false",
            &unless_true(&md.bottom_footnotes),
            "footnotes are always gathered at the bottom, where each links back to its reference",
        ),
        (
            "markdown.highlighting.data_attr_position",
            hl.map_or(&None, |h| &h.data_attr_position),
            "the language is on the <code> element",
        ),
    ];
    let taxonomy_slugs = config
        .taxonomies
        .iter()
        .chain(config.languages.values().flat_map(|l| &l.taxonomies))
        .map(|t| {
            (
                "taxonomies.slug",
                &t.given_slug,
                "a taxonomy's URL name is its `name`, slugified as [slugify] taxonomies says (Zola also replaces it)",
            )
        });
    settings
        .into_iter()
        .chain(taxonomy_slugs)
        .filter_map(|(name, value, instead)| {
            let value = value.as_ref()?;
            let line = line_at(&file.text, value.span().start);
            Some(
                Diagnostic::warning(format!("`{name}` is not supported and is ignored"))
                    .in_file(&file.rel)
                    .at(&file.text, line)
                    .with_hint(format!("{instead}; remove the line to silence this")),
            )
        })
        .collect()
}

/// A switch's value unless it is `true`, what safesite does anyway.
fn unless_true(value: &Ignored) -> Ignored {
    let value = value.as_ref()?;
    (value.get_ref().as_bool() != Some(true)).then(|| value.clone())
}
