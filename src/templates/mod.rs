//! Tera templates: loading (site `templates/` over the theme's over the built-ins),
//! the functions and filters Zola templates expect, and rendering with located errors.
//!
//! Loading and rendering are here; a shortcode call is rendered in `shortcodes`, and a
//! Tera error becomes a diagnostic in `errors` (with the tag scanner in `tags` finding
//! the `{% if %}` that is never closed).

mod bodies;
mod content;
pub mod deps;
mod errors;
mod fields;
mod functions;
pub mod library;
mod shortcodes;
mod tags;
mod tera1;
pub mod views;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera, Value};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::{files_below, is_ignored_name};
use crate::source::SourceFile;
pub use bodies::{Body, PageRender, Renders};
pub(crate) use errors::HELP;
use errors::{load_diagnostics, tera_diagnostic};
pub use library::{Library, Shared};
pub use shortcodes::BodyTemplates;

/// Templates every site has, which a theme or site may override by name.
const BUILTINS: &[(&str, &str)] = &[
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("rss.xml", include_str!("builtin/rss.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("_headers", include_str!("builtin/_headers")),
    ("404.html", include_str!("builtin/404.html")),
    ("internal/alias.html", include_str!("builtin/alias.html")),
    ("anchor-link.html", include_str!("builtin/anchor-link.html")),
];

/// Where a template came from, for error messages.
#[derive(Debug, Clone)]
struct TemplateSource {
    shown: PathBuf,
    text: Arc<str>,
}

impl TemplateSource {
    /// An error at `range` of this template, with a hint.
    fn error(
        &self,
        message: impl Into<String>,
        range: Range<usize>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.shown)
            .at(&self.text, range)
            .with_hint(hint)
    }
}

/// The loaded templates of a site.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, TemplateSource>,
    /// The prefixes a short template name is looked up under, in order: the theme's,
    /// then the built-ins'.
    prefixes: Vec<String>,
    shortcodes: Vec<String>,
    /// The site-wide values every template sees (`config`, `lang`), per language;
    /// the default language's first.
    bases: Vec<(String, Context)>,
    /// `[markdown] smart_punctuation`, for the `markdown` filter.
    smart_punctuation: bool,
    /// The image processor `resize_image` writes through.
    images: Arc<crate::images::Images>,
    /// The Sass files the build compiles, each once, for the build and for templates.
    stylesheets: Arc<crate::sass::Stylesheets>,
    /// Where template functions find the site's files.
    files: functions::SiteFiles,
    /// The library the functions read, for the `page` and `section` of templated content.
    library: Arc<Library>,
    /// Whether content is rendered as a template ([`crate::markdown::TEMPLATING_RULE`]).
    content_templating: bool,
}

impl Templates {
    /// Loads the built-ins, then the theme's templates, then the site's, with functions
    /// that read `library` (until [`Templates::use_library`] gives them another).
    pub fn load(
        root: &Path,
        theme_dir: Option<&Path>,
        config: &Config,
        library: &Arc<Library>,
        smart_punctuation: bool,
    ) -> Result<(Self, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut tera = Tera::new();
        let images = Arc::new(crate::images::Images::new(root, &config.base_url));
        let stylesheets = Arc::new(crate::sass::Stylesheets::new(
            root,
            theme_dir,
            config.compile_sass,
        ));
        let files = functions::SiteFiles::new(root, theme_dir, &stylesheets);
        functions::register(&mut tera, &files, &config.language, &images);
        functions::register_library(&mut tera, library, smart_punctuation, &files);
        // As in Zola: the site's templates by their own names, then the theme's as
        // `<theme>/templates/<name>`, then the built-ins, each found by its short name
        // when no earlier one has it (so a site's `page.html` can extend the theme's).
        let theme_prefix = theme_dir
            .and_then(Path::file_name)
            .map(|n| format!("{}/templates/", n.to_string_lossy()));
        let prefixes: Vec<String> = theme_prefix
            .iter()
            .cloned()
            .chain([BUILTIN_PREFIX.to_string()])
            .collect();
        if let Err(e) = tera.set_fallback_prefixes(prefixes.clone()) {
            return Err(vec![Diagnostic::error(e.to_string())]);
        }
        let mut sources: HashMap<String, TemplateSource> = BUILTINS
            .iter()
            .map(|(name, text)| {
                let source = TemplateSource {
                    shown: PathBuf::from(format!("(built-in template {name})")),
                    text: Arc::from(*text),
                };
                (format!("{BUILTIN_PREFIX}{name}"), source)
            })
            .collect();
        let mut diags = Vec::new();
        if let (Some(theme), Some(prefix)) = (theme_dir, &theme_prefix) {
            for (name, source) in read_dir(root, &theme.join("templates"), &mut diags) {
                sources.insert(format!("{prefix}{name}"), source);
            }
        }
        for (name, source) in read_dir(root, &root.join("templates"), &mut diags) {
            sources.insert(name, source);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let warnings = add_all(&mut tera, &mut sources)?;
        let mut shortcodes: Vec<String> = sources
            .keys()
            .filter_map(|n| short_name(n, &prefixes).strip_prefix("shortcodes/"))
            .map(|n| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string())
            .collect();
        shortcodes.sort();
        shortcodes.dedup();
        let bases = config
            .language_codes()
            .into_iter()
            .map(|lang| {
                let mut base = Context::new();
                base.insert_value("config", config.template_value(lang));
                base.insert("lang", lang);
                (lang.to_string(), base)
            })
            .collect();
        let content_templating = config.content_templating.unwrap_or(shortcodes.is_empty());
        let templates = Templates {
            tera,
            sources,
            prefixes,
            shortcodes,
            bases,
            smart_punctuation,
            images,
            stylesheets,
            files,
            library: Arc::clone(library),
            content_templating,
        };
        Ok((templates, warnings))
    }

    /// Makes the template functions read `library` from now on (the library after the
    /// Markdown stage, or `serve`'s after an edit).
    pub fn use_library(&mut self, library: &Arc<Library>) {
        functions::register_library(&mut self.tera, library, self.smart_punctuation, &self.files);
        self.library = Arc::clone(library);
    }

    /// The images resized for templates so far (the build copies them to the output).
    pub fn images(&self) -> &crate::images::Images {
        &self.images
    }

    /// The Sass files the build compiles (each once, shared with template functions).
    pub fn stylesheets(&self) -> &crate::sass::Stylesheets {
        &self.stylesheets
    }

    /// Whether a template called `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The names of the site's and theme's own page templates (for "did you mean").
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .sources
            .keys()
            .filter(|n| !n.starts_with(BUILTIN_PREFIX))
            .map(|n| short_name(n, &self.prefixes))
            .filter(|n| {
                !n.starts_with("shortcodes/") && !n.starts_with("internal/") && n.ends_with(".html")
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The source of the template that `name` renders (the site's, else the theme's,
    /// else the built-in).
    fn source(&self, name: &str) -> Option<&TemplateSource> {
        std::iter::once(String::new())
            .chain(self.prefixes.iter().cloned())
            .find_map(|prefix| self.sources.get(&format!("{prefix}{name}")))
    }

    /// Adds a value every template sees (`contacts`).
    pub fn insert_global(&mut self, name: &'static str, value: Value) {
        for (_, base) in &mut self.bases {
            base.insert_value(name, value.clone());
        }
    }

    /// A context holding the site-wide values in the default language, to add values to.
    pub fn context(&self) -> Context {
        self.bases
            .first()
            .map(|(_, base)| base.clone())
            .unwrap_or_default()
    }

    /// A context holding the site-wide values as `lang`'s pages see them (their
    /// `config.title`, their `lang`).
    pub fn context_in(&self, lang: &str) -> Context {
        self.bases
            .iter()
            .find(|(code, _)| code == lang)
            .map_or_else(|| self.context(), |(_, base)| base.clone())
    }

    /// Renders `name`; errors name the template file, line and column.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| tera_diagnostic(&e, &self.sources))
    }
}

/// What built-in templates' names start with, below the theme's and the site's.
const BUILTIN_PREFIX: &str = "__builtins/";

/// A template's name as templates call it: without the theme's or built-ins' prefix.
fn short_name<'n>(name: &'n str, prefixes: &[String]) -> &'n str {
    prefixes
        .iter()
        .find_map(|p| name.strip_prefix(p.as_str()))
        .unwrap_or(name)
}

/// Adds every template to `tera`. A theme's template that does not parse is left out
/// with a warning (as Zola's older Tera accepted some that Tera 2.4 refuses, such as text
/// outside the blocks of a child template), so the site still builds unless it uses
/// that template; a problem in the site's own templates is an error.
fn add_all(
    tera: &mut Tera,
    sources: &mut HashMap<String, TemplateSource>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    loop {
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let pairs: Vec<(&str, &str)> = names
            .iter()
            .map(|n| (n.as_str(), &*sources[*n].text))
            .collect();
        let Err(e) = tera.add_raw_templates(pairs) else {
            return Ok(warnings);
        };
        // Tera stops at the first template that does not parse: parse each alone to
        // report every one of them in this run.
        let diags = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
            syntax_errors(sources)
        } else {
            load_diagnostics(&e, sources)
        };
        let in_theme = |d: &Diagnostic| d.path.as_ref().is_some_and(|p| p.starts_with("themes"));
        if diags.is_empty() || !diags.iter().all(in_theme) {
            return Err(diags);
        }
        let failed: Vec<PathBuf> = diags.iter().filter_map(|d| d.path.clone()).collect();
        sources.retain(|_, src| !failed.contains(&src.shown));
        warnings.extend(diags.into_iter().map(|d| {
            let hint = "the theme's template is left out; a page that uses it will fail to build";
            Diagnostic {
                severity: Severity::Warning,
                hint: Some(hint.to_string()),
                ..d
            }
        }));
    }
}

/// The syntax errors of every template, each parsed on its own (an error of another
/// kind, such as a parent not found alone, is left for the full load to report).
fn syntax_errors(sources: &HashMap<String, TemplateSource>) -> Vec<Diagnostic> {
    let mut names: Vec<&String> = sources.keys().collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let e = Tera::default()
                .add_raw_template(name, &sources[name].text)
                .err()?;
            matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
                .then(|| load_diagnostics(&e, sources))
        })
        .flatten()
        .collect()
}

/// Reads every template file under `dir`, named by its path below `dir`.
fn read_dir(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, TemplateSource)> {
    let mut out = Vec::new();
    for (path, name) in files_below(dir, is_ignored_name) {
        match SourceFile::read(root, &path) {
            Ok(file) => out.push((
                name,
                TemplateSource {
                    shown: file.rel,
                    text: file.text,
                },
            )),
            Err(d) => diags.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests;
