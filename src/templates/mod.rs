//! Tera templates: loading (site `templates/` over the theme's over the built-ins),
//! the functions and filters Zola templates expect, and rendering with located errors.

mod functions;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value as Json};
use tera::{Context, ErrorKind, Tera, Value};
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::load::is_ignored_name;
use crate::load::source::{SourceFile, closest};
use crate::markdown::{ShortcodeOutput, TemplateHost};
pub use functions::Library;

/// Templates every site has, which a theme or site may override by name.
const BUILTINS: &[(&str, &str)] = &[
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
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

/// The loaded templates of a site.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, TemplateSource>,
    shortcodes: Vec<String>,
    /// The site-wide values every template sees (`config`, `lang`).
    base: Context,
}

impl Templates {
    /// Loads the built-ins, then the theme's templates, then the site's, with functions
    /// that read `library`.
    pub fn load(
        root: &Path,
        theme_dir: Option<&Path>,
        config_value: Value,
        lang: &str,
        library: Arc<Library>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        functions::register(&mut tera, root, library);
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
            return Err(vec![tera_diagnostic(&e, &sources)]);
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
        })
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The names of the site's and theme's own templates (for "did you mean").
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .sources
            .keys()
            .map(String::as_str)
            .filter(|n| !n.starts_with("shortcodes/") && !n.starts_with("internal/"))
            .collect();
        names.sort();
        names
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

impl TemplateHost for Templates {
    fn shortcode(
        &self,
        name: &str,
        args: &Map<String, Json>,
        body: Option<&str>,
        nth: usize,
    ) -> Result<ShortcodeOutput, (String, String)> {
        let html = format!("shortcodes/{name}.html");
        let md = format!("shortcodes/{name}.md");
        let (template, is_md) = if self.has(&html) {
            (html, false)
        } else if self.has(&md) {
            (md, true)
        } else {
            let known: Vec<&str> = self.shortcodes.iter().map(String::as_str).collect();
            let hint = match closest(name, &known) {
                Some(best) => format!(
                    "did you mean `{best}`? Shortcodes are the files in templates/shortcodes/"
                ),
                None if known.is_empty() => {
                    format!("create templates/shortcodes/{name}.html to define it")
                }
                None => format!(
                    "create templates/shortcodes/{name}.html, or use one of: {}",
                    known.join(", ")
                ),
            };
            return Err((format!("unknown shortcode `{name}`"), hint));
        };
        let mut ctx = self.context();
        for (k, v) in args {
            ctx.insert(k.clone(), v);
        }
        ctx.insert("nth", &nth);
        if let Some(b) = body {
            ctx.insert("body", b);
        }
        match self.render(&template, &ctx) {
            Ok(out) if is_md => Ok(ShortcodeOutput::Markdown(out)),
            Ok(out) => Ok(ShortcodeOutput::Html(out)),
            Err(d) => Err((
                format!("the shortcode `{name}` failed: {}", d.message),
                d.location()
                    .map(|l| format!("the error is at {l}"))
                    .unwrap_or_else(|| {
                        format!("check the arguments that templates/{template} uses")
                    }),
            )),
        }
    }

    fn anchor_link(&self, id: &str, level: u32) -> Result<String, String> {
        let mut ctx = self.context();
        ctx.insert("id", id);
        ctx.insert("level", &level);
        self.render("anchor-link.html", &ctx).map_err(|d| d.message)
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

/// Turns a Tera error into a diagnostic pointing into the template file.
fn tera_diagnostic(e: &tera::Error, sources: &HashMap<String, TemplateSource>) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let message = format!("{what}: {}", report.message());
            match sources.get(report.filename()) {
                Some(src) => {
                    let range = report.span().range.clone();
                    Diagnostic::error(message)
                        .in_file(&src.shown)
                        .at(&src.text, range)
                        .with_hint(hint_for(report.message()))
                }
                None => Diagnostic::error(message).with_hint(hint_for(report.message())),
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let mut d = Diagnostic::error(format!(
                "the template {current} extends {parent}, which does not exist"
            ))
            .with_hint(
                "check the name in {% extends \"...\" %}, or add that template to templates/",
            );
            if let Some(src) = sources.get(current) {
                let at = src.text.find(parent.as_str()).unwrap_or(0);
                d = d.in_file(&src.shown).at(&src.text, at..at + parent.len());
            }
            d
        }
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(format!("template `{name}` not found"))
                .with_hint("add it to templates/ or to the theme's templates/")
        }
        _ => Diagnostic::error(format!("template error: {e}")),
    }
}

fn hint_for(message: &str) -> String {
    if message.contains("not found in context") || message.contains("undefined") {
        "that value is not set here: test it first with {% if x is defined %}, or give a default with `x or \"...\"`".into()
    } else if message.contains("Unknown filter") || message.contains("Unknown function") {
        "filters and functions are Zola's: get_url, get_section, get_page, load_data, date, slugify, urlencode, filesizeformat, json_encode, markdown".into()
    } else {
        "templates use Tera 2 syntax: see https://keats.github.io/tera/".into()
    }
}
