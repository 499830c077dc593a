//! Tera templates: loading (site `templates/` over the theme's over the built-ins),
//! the functions and filters Zola templates expect, and rendering with located errors.
//!
//! Loading and rendering are here; a shortcode call is rendered in `shortcodes`, and a
//! Tera error becomes a diagnostic in `errors` (with the tag scanner in `tags` finding
//! the `{% if %}` that is never closed).

pub mod deps;
mod errors;
mod functions;
pub mod library;
mod shortcodes;
mod tags;
pub mod views;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera, Value};
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::load::is_ignored_name;
use crate::source::SourceFile;
use errors::{load_diagnostics, tera_diagnostic};
pub use library::{Body, Library, PageRender, Renders, Shared};

/// Templates every site has, which a theme or site may override by name.
const BUILTINS: &[(&str, &str)] = &[
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
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
    shortcodes: Vec<String>,
    /// The site-wide values every template sees (`config`, `lang`).
    base: Context,
    /// `[markdown] smart_punctuation`, for the `markdown` filter.
    smart_punctuation: bool,
}

impl Templates {
    /// Loads the built-ins, then the theme's templates, then the site's, with functions
    /// that read `library` (until [`Templates::use_library`] gives them another).
    pub fn load(
        root: &Path,
        theme_dir: Option<&Path>,
        config_value: Value,
        lang: &str,
        library: &Arc<Library>,
        smart_punctuation: bool,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        functions::register(&mut tera, root);
        functions::register_library(&mut tera, library, smart_punctuation);
        let mut sources: HashMap<String, TemplateSource> = BUILTINS
            .iter()
            .map(|(name, text)| {
                let source = TemplateSource {
                    shown: PathBuf::from(format!("(built-in template {name})")),
                    text: Arc::from(*text),
                };
                (name.to_string(), source)
            })
            .collect();
        let mut diags = Vec::new();
        let dirs = theme_dir
            .map(|t| t.join("templates"))
            .into_iter()
            .chain([root.join("templates")]);
        for dir in dirs {
            for (name, source) in read_dir(root, &dir, &mut diags) {
                sources.insert(name, source);
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let pairs: Vec<(&str, &str)> = names
            .iter()
            .map(|n| (n.as_str(), &*sources[*n].text))
            .collect();
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(load_diagnostics(&e, &sources));
        }
        let mut shortcodes: Vec<String> = sources
            .keys()
            .filter_map(|n| n.strip_prefix("shortcodes/"))
            .map(|n| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string())
            .collect();
        shortcodes.sort();
        shortcodes.dedup();
        let mut base = Context::new();
        base.insert_value("config", config_value);
        base.insert("lang", lang);
        Ok(Templates {
            tera,
            sources,
            shortcodes,
            base,
            smart_punctuation,
        })
    }

    /// Makes the template functions read `library` from now on (the library after the
    /// Markdown stage, or `serve`'s after an edit).
    pub fn use_library(&mut self, library: &Arc<Library>) {
        functions::register_library(&mut self.tera, library, self.smart_punctuation);
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The names of the site's and theme's own page templates (for "did you mean").
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .sources
            .iter()
            .filter(|(n, src)| {
                !n.starts_with("shortcodes/")
                    && !n.starts_with("internal/")
                    && n.ends_with(".html")
                    && !src.shown.to_string_lossy().starts_with("(built-in")
            })
            .map(|(n, _)| n.as_str())
            .collect();
        names.sort();
        names
    }

    /// Adds a value every template sees (`contacts`).
    pub fn insert_global(&mut self, name: &'static str, value: Value) {
        self.base.insert_value(name, value);
    }

    /// A context holding the site-wide values, to add page values to.
    pub fn context(&self) -> Context {
        self.base.clone()
    }

    /// Renders `name`; errors name the template file, line and column.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| tera_diagnostic(&e, &self.sources))
    }
}

/// Reads every template file under `dir`, named by its path below `dir`.
fn read_dir(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, TemplateSource)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match SourceFile::read(root, entry.path()) {
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
