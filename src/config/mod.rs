//! `config.toml` (and the theme's `theme.toml`) → a validated [`Config`].

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::source::document::Document;
use crate::source::explain::Syntax;

mod globs;
mod highlighting;
pub mod languages;
mod output;
pub mod slugify;
mod tables;
pub mod taxonomies;
mod theme;
pub mod theme_pages;
mod validate;
mod zola;

pub use globs::Globs;
pub use highlighting::{CLASS_STYLE, Highlighting, Syntaxes};
pub use languages::LanguageConfig;
pub use output::{OutputProblem, output_problem};
pub use slugify::{SlugifyConfig, Strategy};
use tables::yes;
pub use tables::{
    AnchorLinks, HighlightingConfig, LinkCheckerConfig, LinkLevel, MarkdownConfig, PrivacyConfig,
    QuickExitConfig, S11AuditConfig, SecurityConfig, SelfAssessmentConfig, YearlyReportConfig,
};
pub use taxonomies::TaxonomyConfig;
pub use theme_pages::ThemePage;
use zola::unsupported;
pub use zola::{ExcludePaginated, Ignored};

/// The site's configuration, as read from `config.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The address the site is published at, e.g. `https://example.org`.
    pub base_url: String,
    /// The path part of `base_url` (`""` at a domain's root, `/safeguarding` in a
    /// subfolder), for root-relative links to the site's own files: `config.base_path`.
    #[serde(skip_deserializing)]
    pub base_path: String,
    /// The site's title (the partnership's name).
    #[serde(default)]
    pub title: Option<String>,
    /// A one-line description of the site.
    #[serde(default)]
    pub description: Option<String>,
    /// The language of the content, as a BCP 47 tag.
    #[serde(default = "default_language", alias = "default_language")]
    pub language: String,
    /// The theme folder under `themes/` whose templates and static files are used.
    #[serde(default)]
    pub theme: Option<String>,
    /// Where `build` writes the site, relative to the root.
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// Whether to write the default language's feeds (`atom.xml`, or `feed_filenames`).
    #[serde(default = "yes")]
    pub generate_feeds: bool,
    /// Whether to write `sitemap.xml`.
    #[serde(default = "yes")]
    pub generate_sitemap: bool,
    /// Whether to write `robots.txt`.
    #[serde(default = "yes")]
    pub generate_robots_txt: bool,
    /// Compile `sass/` to CSS, as Zola does (see `render::jobs::sass`).
    #[serde(default, skip_serializing)]
    pub compile_sass: bool,
    /// Zola's switch for the search index: on unless set to `false`.
    #[serde(default, skip_serializing)]
    pub build_search_index: Option<bool>,
    /// Markdown options.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// The rating scale of self-assessments.
    #[serde(default)]
    pub self_assessment: SelfAssessmentConfig,
    /// Who yearly reports are sent to.
    #[serde(default)]
    pub yearly_report: YearlyReportConfig,
    /// The grade scale of Section 11 audits.
    #[serde(default)]
    pub s11_audit: S11AuditConfig,
    /// `[security]`: the contact written to `/.well-known/security.txt`.
    #[serde(default, skip_serializing)]
    pub security: Option<SecurityConfig>,
    /// `[privacy]`: images whose metadata is kept on purpose.
    #[serde(default, skip_serializing)]
    pub privacy: PrivacyConfig,
    /// The "Exit this page" button (`config.quick_exit.*` in templates).
    #[serde(default)]
    pub quick_exit: QuickExitConfig,
    /// The default language's taxonomies.
    #[serde(default)]
    pub taxonomies: Vec<TaxonomyConfig>,
    /// A folder every taxonomy sits under (`learning` → `/learning/themes/`).
    #[serde(default)]
    pub taxonomy_root: Option<String>,
    /// The site's other languages, by code (`[languages.pl]`).
    #[serde(default)]
    pub languages: std::collections::BTreeMap<toml::Spanned<String>, LanguageConfig>,
    /// The default language's strings for `trans()`, over the theme's.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, String>,
    /// How names become URL parts (`[slugify]`).
    #[serde(default)]
    pub slugify: SlugifyConfig,
    /// The author of pages that name none, for feeds.
    #[serde(default)]
    pub author: Option<String>,
    /// The most pages a feed lists (all when unset).
    #[serde(default)]
    pub feed_limit: Option<usize>,
    /// Glob patterns of files under `content/` that are not part of the site.
    #[serde(default, skip_serializing)]
    pub ignored_content: Vec<String>,
    /// Whether the later pages of paginated listings are left out of the sitemap.
    #[serde(default)]
    pub exclude_paginated_pages_in_sitemap: ExcludePaginated,
    /// Glob patterns of files under `static/` that are not copied.
    #[serde(default, skip_serializing)]
    pub ignored_static: Vec<String>,
    /// The theme's strings for `trans()`, by language code (`themes/<theme>/translations/<code>.toml`).
    #[serde(skip)]
    pub theme_translations:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// The pages the theme links to from every page (its `theme.toml`'s `[pages]`).
    #[serde(skip)]
    pub theme_pages: std::collections::BTreeMap<String, ThemePage>,
    /// `[markdown.highlighting]` loaded: the grammars and the theme stylesheets.
    #[serde(skip)]
    pub highlighting: Highlighting,
    /// `ignored_content`, compiled.
    #[serde(skip)]
    pub ignored_content_globs: Globs,
    /// `ignored_static`, compiled.
    #[serde(skip)]
    pub ignored_static_globs: Globs,
    /// The feeds each listing that has feeds gets, by template name (a file of that name
    /// beside the listing): the built-in `atom.xml` and `rss.xml`, or a site's own.
    #[serde(default = "atom_only")]
    pub feed_filenames: Vec<toml::Spanned<String>>,
    /// Zola's: minify the HTML.
    #[serde(default, skip_serializing)]
    pub minify_html: Ignored,
    /// Zola's: hard-link static files rather than copy them.
    #[serde(default, skip_serializing)]
    pub hard_link_static: Ignored,
    /// Zola's: keep dotfiles in the output folder between builds.
    #[serde(default, skip_serializing)]
    pub preserve_dotfiles_in_output: Ignored,
    /// Zola 0.23's: content files (globs below `content/`) not rendered as templates.
    #[serde(default, skip_serializing)]
    pub skip_content_templating: Vec<String>,
    /// `skip_content_templating`, compiled.
    #[serde(skip)]
    pub skip_content_templating_globs: Globs,
    /// Whether content is rendered as a Tera template before Markdown (Zola 0.23) or has
    /// shortcodes (Zola 0.22): unset, content is templated unless the site or its theme
    /// has a `templates/shortcodes/` folder.
    #[serde(default, skip_serializing)]
    pub content_templating: Option<bool>,
    /// `[link_checker]`: what `safesite check --links` skips, as Zola's.
    #[serde(default, skip_serializing)]
    pub link_checker: LinkCheckerConfig,
    /// Zola's search-index options (safesite's index is Pagefind's).
    #[serde(default, skip_serializing)]
    pub search: Ignored,
    /// Free-form values for templates (`config.extra.*`).
    #[serde(default)]
    pub extra: toml::Table,
}

/// The path of a URL: `https://x.org/a/b` → `/a/b`; `https://x.org` → ``.
fn base_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    } else {
        url
    };
    path.trim_end_matches('/').to_string()
}

fn default_language() -> String {
    "en-GB".into()
}
/// Zola's default feeds: an Atom feed only.
pub(super) fn atom_only() -> Vec<toml::Spanned<String>> {
    vec![toml::Spanned::new(0..0, "atom.xml".to_string())]
}

fn default_output_dir() -> String {
    "public".into()
}

/// A parsed configuration whose languages and taxonomies are still to be checked.
struct Unchecked {
    config: Config,
    warnings: Vec<Diagnostic>,
    file: SourceFile,
    doc: Document,
}

impl Unchecked {
    /// Checks what the types could not, reporting every problem.
    fn finish(mut self) -> Result<LoadedConfig, Vec<Diagnostic>> {
        let mut errors =
            validate::languages_and_taxonomies(&mut self.config, &self.file, &self.doc);
        errors.extend(validate::external_links_class(&self.config, &self.file));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(LoadedConfig {
            config: self.config,
            warnings: self.warnings,
        })
    }
}

/// A loaded configuration together with the warnings found while loading it.
#[derive(Debug)]
pub struct LoadedConfig {
    /// The configuration.
    pub config: Config,
    /// Problems worth telling the user about that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// The name of the site's settings file in `root`: `config.toml`, else `zola.toml` (Zola
/// 0.23 reads that when there is no `config.toml`); `config.toml` when neither is there.
pub fn settings_file(root: &Path) -> &'static str {
    if !root.join("config.toml").is_file() && root.join("zola.toml").is_file() {
        "zola.toml"
    } else {
        "config.toml"
    }
}

impl Config {
    /// Whether the default language's pages are searched (unless `build_search_index = false`).
    pub fn search_index(&self) -> bool {
        self.build_search_index != Some(false)
    }

    /// Whether any language's pages are searched, so that a search index is built.
    pub fn searches_any_language(&self) -> bool {
        self.search_index() || self.languages.values().any(|l| l.build_search_index)
    }

    /// Reads `config.toml` (or `zola.toml`) from `root`, then the theme's `theme.toml` if a theme is set.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<LoadedConfig, Vec<Diagnostic>> {
        Self::load_inner(root, base_url)
            .map_err(|d| vec![d])?
            .finish()
    }

    /// Reads and parses `config.toml`, stopping at the first problem that leaves nothing
    /// to check further.
    fn load_inner(root: &Path, base_url: Option<&str>) -> Result<Unchecked, Diagnostic> {
        let path = root.join(settings_file(root));
        if !path.is_file() {
            return Err(Diagnostic::error(format!(
                "no config.toml (or zola.toml) in {}",
                display_dir(root)
            ))
            .with_hint(
                "run safesite from the folder that holds config.toml, or pass --root with that folder; `safesite init` makes a new site",
            ));
        }
        let file = SourceFile::read(root, &path)?;
        let doc = Document::read(&file, 0..file.text.len(), Syntax::Toml)?;
        let mut config: Config = doc.parse().map_err(|d| {
            let d = d.map_each(zola::older_setting);
            if d.code.as_deref() == Some(&Code::MissingField("base_url".into())) {
                Diagnostic {
                    message: "config.toml has no `base_url`".into(),
                    hint: Some(
                        "add a line base_url = \"https://www.example.org\" with the address the site will be published at".into(),
                    ),
                    ..d
                }
            } else {
                d
            }
        })?;
        config.check_output_dir(root, &file, &doc)?;
        if let Some(url) = base_url {
            config.base_url = url.to_string();
        }
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        config.base_path = base_path(&config.base_url);
        let mut warnings = Vec::new();
        if let Some(table) = &config.markdown.highlighting {
            let (loaded, problems) = highlighting::load(root, table, &file);
            config.highlighting = loaded;
            warnings.extend(problems);
        }
        warnings.extend(unsupported(&config, &file));
        if let Some(security) = &mut config.security {
            let span = security.expires.span();
            security.expires_at = Some(crate::diagnostics::Place::new(&file.rel, &file.text, span));
        }
        if let Some(theme) = config.theme.clone() {
            config.load_theme(root, &theme, &file, &doc)?;
            warnings.extend(config.untranslated_warnings(&file));
        }
        Ok(Unchecked {
            config,
            warnings,
            file,
            doc,
        })
    }

    /// Refuses an `output_dir` that would put the built site among the site's own files
    /// (a build replaces the whole output folder).
    fn check_output_dir(
        &self,
        root: &Path,
        file: &SourceFile,
        doc: &Document,
    ) -> Result<(), Diagnostic> {
        let dir = self.output_dir.trim();
        let problem = match output_problem(root, &root.join(dir)) {
            None => return Ok(()),
            Some(OutputProblem::HoldsSite) => {
                "the site's own folder, which a build would replace".to_string()
            }
            Some(OutputProblem::Inside(folder)) => format!(
                "inside {folder}/, where the built pages would be mixed with the site's own files"
            ),
        };
        let mut d = Diagnostic::error(format!("output_dir = \"{dir}\" is {problem}"))
            .in_file("config.toml")
            .with_hint(
                "set output_dir to a folder of its own beside content/, such as output_dir = \"public\"",
            );
        if let Some(range) = doc.fields().line(&file.text, "output_dir") {
            d = d.at(&file.text, range);
        }
        Err(d)
    }

    /// `config` as the templates of `lang`'s pages see it: the fields above, with that
    /// language's `title` and `description` where it has its own, `default_language`
    /// and every language (the default included) in `languages`, as in Zola.
    pub fn template_value(&self, lang: &str) -> tera::Value {
        let value = tera::Value::from_serializable(self);
        let Some(mut map) = value.clone().into_map() else {
            return value;
        };
        if let Some(own) = self.languages.get(lang) {
            for (key, text) in [("title", &own.title), ("description", &own.description)] {
                if let Some(text) = text {
                    map.insert(key.into(), tera::Value::from(text.as_str()));
                }
            }
        }
        map.insert(
            "default_language".into(),
            tera::Value::from(self.language.as_str()),
        );
        map.insert(
            "feed_filenames".into(),
            tera::Value::from_serializable(&self.feed_files(lang)),
        );
        map.insert(
            "generate_feeds".into(),
            tera::Value::from(self.feeds_for(lang)),
        );
        map.insert(
            "languages".into(),
            tera::Value::from_serializable(&self.languages_value()),
        );
        tera::Value::from(map)
    }

    /// The full URL for a site path such as `/reports/`.
    pub fn permalink(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{}", self.base_url, path)
        } else {
            format!("{}/{}", self.base_url, path)
        }
    }
}

fn display_dir(root: &Path) -> String {
    let shown = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    shown.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_applied() {
        let c: Config = toml::from_str("base_url = \"https://x.org/\"").expect("valid");
        assert_eq!(c.language, "en-GB");
        assert_eq!(c.output_dir, "public");
        assert!(c.markdown.smart_punctuation);
        assert!(c.markdown.highlighting_enabled());
    }

    #[test]
    fn each_language_has_its_own_feeds_atom_unless_it_says() {
        let c: Config = toml::from_str(
            "base_url = \"/\"\nfeed_filenames = [\"rss.xml\", \"atom.xml\"]\n[languages.pl]\nfeed_filenames = [\"rss.xml\"]\n[languages.ur]\n",
        )
        .expect("valid");
        let files = |lang: &str| -> Vec<String> {
            c.feed_files(lang)
                .into_iter()
                .map(|n| n.get_ref().clone())
                .collect()
        };
        assert_eq!(files("en-GB"), ["rss.xml", "atom.xml"]);
        assert_eq!(files("pl"), ["rss.xml"]);
        assert_eq!(files("ur"), ["atom.xml"]);
        let value = c.template_value("pl");
        let listed = value.get_from_path("feed_filenames").expect("listed");
        assert_eq!(listed.as_array().map(|a| a.len()), Some(1));
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://x.org"), "");
        assert_eq!(base_path("https://x.org/safeguarding"), "/safeguarding");
        assert_eq!(base_path("http://127.0.0.1:1111"), "");
        assert_eq!(base_path("/sub"), "/sub");
    }

    #[test]
    fn zola_default_language_is_an_alias() {
        let c: Config =
            toml::from_str("base_url = \"/\"\ndefault_language = \"cy\"").expect("valid");
        assert_eq!(c.language, "cy");
    }
}
