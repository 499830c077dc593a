//! Zola settings safesite reads but does not act on: a Zola site's `config.toml` loads,
//! and each such setting gets one warning naming it, at its line, rather than an
//! "unknown field" error.

use serde::{Deserialize, Serialize};

use super::Config;
use crate::diagnostics::{Code, Diagnostic};
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

/// Settings of older Zola versions that Zola 0.23 has under another name or in another
/// table, with where they went: a site made for one of those versions gets this as the
/// hint of its "unknown field" error instead of the list of known fields.
const OLDER_SETTINGS: &[(&str, &str)] = &[
    (
        "generate_feed",
        "Zola 0.19 renamed it: write generate_feeds = true",
    ),
    (
        "generate_rss",
        "Zola 0.11 and 0.19 renamed it: write generate_feeds = true",
    ),
    (
        "feed_filename",
        "Zola 0.19 made it a list: write feed_filenames = [\"atom.xml\"] (or \"rss.xml\")",
    ),
    ("rss_limit", "Zola 0.11 renamed it: write feed_limit = …"),
    (
        "highlight_code",
        "Zola 0.13 moved it: write it under [markdown]",
    ),
    (
        "smart_punctuation",
        "it belongs under [markdown]: write it there",
    ),
    (
        "render_emoji",
        "it belongs under [markdown]: write it there",
    ),
    (
        "external_links_target_blank",
        "it belongs under [markdown]: write it there",
    ),
    (
        "external_links_no_follow",
        "it belongs under [markdown]: write it there",
    ),
    (
        "external_links_no_referrer",
        "it belongs under [markdown]: write it there",
    ),
    (
        "highlight_theme",
        "Zola 0.22 replaced it: write a [markdown.highlighting] table with theme = \"…\" (its colours are written to giallo.css; Zola 0.22's themes have new names)",
    ),
    (
        "highlight_themes_css",
        "Zola 0.22 replaced it: a [markdown.highlighting] table with style = \"class\" and theme, or light_theme and dark_theme, writes the stylesheets",
    ),
    (
        "extra_syntaxes_and_themes",
        "Zola 0.22 replaced it: write a [markdown.highlighting] table with extra_grammars = [\"…\"] and extra_themes = [\"…\"]",
    ),
    (
        "extra_syntaxes",
        "Zola 0.22 replaced it: write a [markdown.highlighting] table with extra_grammars = [\"…\"]",
    ),
];

/// Rewrites the hint of an "unknown field" error for a setting older Zola versions had
/// ([`OLDER_SETTINGS`]).
pub(super) fn older_setting(mut d: Diagnostic) -> Diagnostic {
    let Some(Code::UnknownField(name)) = d.code.as_deref() else {
        return d;
    };
    if let Some((_, hint)) = OLDER_SETTINGS.iter().find(|(old, _)| old == name) {
        d.hint = Some((*hint).to_string());
    }
    d
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
