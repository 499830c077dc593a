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
        })
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
            Err(d) => {
                let uses_body = self
                    .sources
                    .get(&template)
                    .is_some_and(|src| src.text.contains("body"));
                let needs_body = uses_body && body.is_none();
                Err(shortcode_failure(name, &template, needs_body, args, &d))
            }
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

/// Explains why a shortcode's template failed, in terms of the call in the Markdown.
fn shortcode_failure(
    name: &str,
    template: &str,
    needs_body: bool,
    args: &Map<String, Json>,
    d: &Diagnostic,
) -> (String, String) {
    let at = d
        .location()
        .unwrap_or_else(|| format!("templates/{template}"));
    // A plain name (not `page.x`) that is not defined is an argument the call left out.
    let missing = d
        .message
        .strip_prefix("template error: `")
        .and_then(|r| r.split_once("` is not defined"))
        .map(|(v, _)| v.to_string())
        .filter(|v| !v.contains(['.', '?']));
    match missing {
        _ if needs_body => (
            format!("the shortcode `{name}` needs a body, and this call has none"),
            format!("write it as {{% {name}() %}}the text{{% end %}} ({at} uses `body`)"),
        ),
        Some(v) => {
            let given: Vec<&str> = args.keys().map(String::as_str).collect();
            let hint = match closest(&v, &given) {
                Some(best) => {
                    format!("{at} uses `{v}`, and this call gives `{best}`: did you mean {v}=...?")
                }
                None => format!(
                    "add {v}=\"...\" to the call; or, to make it optional, write {{{{ {v} or \"\" }}}} in {at}"
                ),
            };
            (
                format!(
                    "the shortcode `{name}` needs the argument `{v}`, and this call does not give it"
                ),
                hint,
            )
        }
        None => (
            format!("the shortcode `{name}` failed: {}", d.message),
            format!("the error is at {at}: check the arguments it uses"),
        ),
    }
}

/// Turns an error from loading the templates into diagnostics, one per problem.
fn load_diagnostics(e: &tera::Error, sources: &HashMap<String, TemplateSource>) -> Vec<Diagnostic> {
    if let ErrorKind::Msg(text) = e.kind() {
        let parsed: Vec<Diagnostic> = text
            .split("\n\n")
            .filter_map(|report| report_diagnostic(report, sources))
            .collect();
        if !parsed.is_empty() {
            return parsed;
        }
    }
    vec![tera_diagnostic(e, sources)]
}

/// Parses one of Tera's text reports (`error: ...`, `--> name:line:col`, the line, `^^^`),
/// which it gives for unknown filters, functions and tests.
fn report_diagnostic(
    report: &str,
    sources: &HashMap<String, TemplateSource>,
) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.trim().strip_prefix("error: ")?.to_string();
    let locus = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = locus.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let width = report
        .lines()
        .last()
        .map_or(1, |l| l.matches('^').count().max(1));
    let src = sources.get(name)?;
    let start = offset_of(&src.text, line, col);
    let end = src.text[start..]
        .char_indices()
        .nth(width)
        .map_or(src.text.len(), |(i, _)| start + i);
    let (message, hint) = explain_unknown(&message);
    Some(
        Diagnostic::error(message)
            .in_file(&src.shown)
            .at(&src.text, start..end)
            .with_hint(hint),
    )
}

/// The byte offset of 1-based `line` and character `col` in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Filters and tests safesite templates can use (Tera's own and the ones safesite adds).
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "date",
    "slugify",
    "urlencode",
    "urlencode_strict",
    "filesizeformat",
    "json_encode",
    "markdown",
];
const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];
const FUNCTIONS: &[&str] = &[
    "range",
    "throw",
    "get_url",
    "get_page",
    "get_section",
    "load_data",
];
/// Names from Tera 1 (Zola up to 0.22) and what Tera 2 calls them.
const RENAMED: &[(&str, &str)] = &[
    ("as_str", "str"),
    ("linebreaksbr", "newlines_to_br"),
    ("divisibleby", "divisible_by"),
    ("filesize_format", "filesizeformat"),
    ("uppercase", "upper"),
    ("lowercase", "lower"),
    ("slug", "slugify"),
    ("json", "json_encode"),
];

/// "Unknown filter `x`" and the like: which name was meant.
fn explain_unknown(message: &str) -> (String, String) {
    let Some((kind, rest)) = message
        .strip_prefix("Unknown ")
        .and_then(|r| r.split_once(" `"))
    else {
        return (format!("template error: {message}"), hint_for(message));
    };
    let name = rest.trim_end_matches('`');
    let known = match kind {
        "filter" => FILTERS,
        "test" => TESTS,
        "function" => FUNCTIONS,
        _ => &[],
    };
    let renamed = RENAMED
        .iter()
        .find(|(old, _)| *old == name)
        .map(|(_, new)| *new);
    let hint = match renamed.or_else(|| closest(name, known)) {
        Some(best) => format!("did you mean `{best}`?"),
        None if kind == "template" => {
            "check the name in {% include \"...\" %}, or add that template to templates/".into()
        }
        None if !known.is_empty() => {
            format!("the {kind}s templates can use are: {}", known.join(", "))
        }
        None => hint_for(message),
    };
    (
        format!("template error: there is no {kind} called `{name}`"),
        hint,
    )
}

/// Turns a Tera error into a diagnostic pointing into the template file.
fn tera_diagnostic(e: &tera::Error, sources: &HashMap<String, TemplateSource>) -> Diagnostic {
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let syntax = matches!(e.kind(), ErrorKind::SyntaxError(_));
            let Some(src) = sources.get(report.filename()) else {
                let what = if syntax {
                    "template syntax error"
                } else {
                    "template error"
                };
                return Diagnostic::error(format!("{what}: {}", report.message()))
                    .with_hint(hint_for(report.message()));
            };
            let range = report.span().range.clone();
            if syntax && let Some(d) = unclosed_tag(src, report.message(), range.clone()) {
                return d;
            }
            let (message, hint) = if syntax {
                (
                    format!("template syntax error: {}", report.message()),
                    hint_for(report.message()),
                )
            } else {
                explain_render(report.message(), &src.text, range.clone())
            };
            Diagnostic::error(message)
                .in_file(&src.shown)
                .at(&src.text, range)
                .with_hint(hint)
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
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::error(format!(
            "the template {tpl} extends itself: {}",
            inheritance_chain.join(" → ")
        ))
        .with_hint(
            "a template cannot extend a template that extends it: check the {% extends %} lines",
        ),
        _ => Diagnostic::error(format!("template error: {e}")),
    }
}

/// Tera's render errors, with the name the template wrote and what it could have meant.
fn explain_render(message: &str, text: &str, range: std::ops::Range<usize>) -> (String, String) {
    let (head, available) = message
        .split_once(". Available ")
        .map_or((message, ""), |(h, a)| (h, a));
    let names: Vec<&str> = available
        .split_once(": ")
        .map_or("", |(_, list)| list)
        .split(", ")
        .map(|n| n.trim().trim_end_matches('.'))
        .filter(|n| !n.is_empty())
        .collect();
    if message.contains("but got `undefined`") {
        let written = text
            .get(range.clone())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.contains('\n'))
            .unwrap_or("x");
        return (
            format!(
                "template error: `{written}` is not defined, so the filter after it cannot use it"
            ),
            format!(
                "where the value may be missing, give a default first: {written} | default(value=\"\") | ..."
            ),
        );
    }
    let name = head.split('`').nth(1).unwrap_or_default();
    let is_field = head.starts_with("Field `");
    let is_variable = head.starts_with("Variable `");
    if !(is_field || is_variable) || name.is_empty() {
        return (format!("template error: {message}"), hint_for(message));
    }
    // The whole dotted name as written, such as `page.extra.subtitle`.
    let start = range.start.min(text.len());
    let before = text.get(..start).unwrap_or_default();
    let path_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '?'))
        .last()
        .map_or(start, |(i, _)| i);
    let written = format!("{}{name}", text.get(path_start..start).unwrap_or_default());
    let written = if written.ends_with(name) {
        written
    } else {
        name.to_string()
    };
    let object = written
        .strip_suffix(name)
        .map(|o| o.trim_end_matches(['.', '?']))
        .unwrap_or_default();
    let hint = match closest(name, &names) {
        Some(best) => {
            let full = if object.is_empty() {
                best.to_string()
            } else {
                format!("{object}.{best}")
            };
            format!("did you mean `{full}`?")
        }
        None if is_field && (object == "page" || object == "section") => format!(
            "{object} has no `{name}`. Values of your own go under [extra] in the front matter and are read as {object}.extra.{name}; where some pages leave a value out, write {{{{ {object}.extra.{name} or \"\" }}}}"
        ),
        None if is_field && object.ends_with("extra") => format!(
            "not every file sets `{name}` under [extra]: write {{{{ {written} or \"\" }}}}, or test it first with {{% if {written} is defined %}}"
        ),
        None => format!(
            "where the value may be missing, write {{{{ {written} or \"\" }}}}, or test it first with {{% if {written} is defined %}}"
        ),
    };
    (format!("template error: `{written}` is not defined"), hint)
}

/// Tags Tera knows, for "did you mean".
const TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "block",
    "endblock",
    "extends",
    "include",
    "set",
    "set_global",
    "endset",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "component",
    "endcomponent",
    "break",
    "continue",
];

/// A `{% ... %}` tag of a template: its name and where it is.
struct Tag<'a> {
    name: &'a str,
    inner: &'a str,
    range: std::ops::Range<usize>,
}

/// Every `{% %}` tag in `text`, skipping `{# #}` comments and `{% raw %}` blocks.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut in_raw = false;
    while let Some(i) = text[pos..].find('{') {
        let at = pos + i;
        let rest = &text[at..];
        if let Some(comment) = rest.strip_prefix("{#") {
            pos = comment.find("#}").map_or(text.len(), |e| at + e + 4);
            continue;
        }
        if !rest.starts_with("{%") {
            pos = at + 1;
            continue;
        }
        let Some(end) = rest[2..].find("%}").map(|e| e + 2) else {
            break;
        };
        let inner = rest[2..end].trim_matches(['-', ' ', '\t', '\n', '\r']);
        let name = inner
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default();
        pos = at + end + 2;
        if in_raw {
            in_raw = name != "endraw";
            continue;
        }
        if name == "raw" {
            in_raw = true;
            continue;
        }
        out.push(Tag {
            name,
            inner,
            range: at..pos,
        });
    }
    out
}

fn opens_body(tag: &Tag) -> bool {
    match tag.name {
        "if" | "for" | "block" | "filter" | "component" => true,
        "set" | "set_global" => !tag.inner.contains('='),
        _ => false,
    }
}

/// For "Unknown tag" or "Unexpected end of input": the tag that is really at fault, most
/// often an `{% if %}` or `{% for %}` that is never closed.
fn unclosed_tag(
    src: &TemplateSource,
    message: &str,
    range: std::ops::Range<usize>,
) -> Option<Diagnostic> {
    let text = &*src.text;
    let at_end = message.starts_with("Unexpected end of input");
    if !at_end && message != "Unknown tag" {
        return None;
    }
    let line_of = |r: &std::ops::Range<usize>| crate::diagnostics::line_col(text, r.start).0;
    let mut stack: Vec<Tag> = Vec::new();
    for tag in tags(text) {
        let is_error_tag = tag.range.contains(&range.start);
        if let Some(kind) = tag.name.strip_prefix("end") {
            let opener_kind = stack.last().map(|t| {
                if t.name == "set_global" {
                    "set"
                } else {
                    t.name
                }
            });
            if opener_kind == Some(kind) {
                stack.pop();
                continue;
            }
            if !is_error_tag {
                continue;
            }
            if !TAGS.contains(&tag.name) {
                let hint = match closest(tag.name, TAGS) {
                    Some(best) => format!("did you mean {{% {best} %}}?"),
                    None => "check the spelling of the tag".into(),
                };
                return Some(
                    Diagnostic::error(format!(
                        "template syntax error: Tera has no tag `{}`",
                        tag.name
                    ))
                    .in_file(&src.shown)
                    .at(&src.text, tag.range.clone())
                    .with_hint(hint),
                );
            }
            let Some(open) = stack.pop() else {
                return Some(
                    Diagnostic::error(format!(
                        "template syntax error: this {{% {} %}} has no {{% {kind} %}} to close",
                        tag.name
                    ))
                    .in_file(&src.shown)
                    .at(&src.text, tag.range.clone())
                    .with_hint(format!(
                        "remove it, or add the {{% {kind} ... %}} it belongs to"
                    )),
                );
            };
            return Some(
                Diagnostic::error(format!(
                    "template syntax error: this {{% {} %}} is not closed before the {{% {} %}} on line {}",
                    open.name,
                    tag.name,
                    line_of(&tag.range),
                ))
                .in_file(&src.shown)
                .at(&src.text, open.range.clone())
                .with_hint(format!(
                    "add {{% end{} %}} where the {} should end",
                    if open.name == "set_global" { "set" } else { open.name },
                    open.name,
                )),
            );
        }
        if is_error_tag && !at_end {
            let hint = match tag.name {
                "macro" | "import" => "macros are gone in Tera 2: use components instead (see the Tera 2 documentation)".to_string(),
                "elseif" | "elsif" | "else_if" => "write {% elif ... %}".to_string(),
                n => match closest(n, TAGS) {
                    Some(best) => format!("did you mean {{% {best} %}}?"),
                    None => format!("the tags Tera knows are: {}", TAGS.join(", ")),
                },
            };
            return Some(
                Diagnostic::error(format!(
                    "template syntax error: Tera has no tag `{}`",
                    tag.name
                ))
                .in_file(&src.shown)
                .at(&src.text, tag.range.clone())
                .with_hint(hint),
            );
        }
        if opens_body(&tag) {
            stack.push(tag);
        }
    }
    let open = stack.pop()?;
    let end_name = if open.name == "set_global" {
        "set"
    } else {
        open.name
    };
    Some(
        Diagnostic::error(format!(
            "template syntax error: this {{% {} %}} is never closed",
            open.name
        ))
        .in_file(&src.shown)
        .at(&src.text, open.range.clone())
        .with_hint(format!("add {{% end{end_name} %}} where it should end")),
    )
}

fn hint_for(message: &str) -> String {
    if message.contains("is not defined") || message.contains("undefined") {
        "that value is not set here: write {{ x or \"\" }} to allow it to be missing, or test it first with {% if x is defined %}".into()
    } else if message.contains("Unknown filter") || message.contains("Unknown function") {
        "filters and functions are Zola's: get_url, get_section, get_page, load_data, date, slugify, urlencode, filesizeformat, json_encode, markdown".into()
    } else if message.starts_with("Found `}` but expected }}") {
        "close {{ with }} and {% with %}".into()
    } else {
        "templates use Tera 2 syntax: see https://keats.github.io/tera/".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> TemplateSource {
        TemplateSource {
            shown: PathBuf::from("templates/page.html"),
            text: Arc::from(text),
        }
    }

    #[test]
    fn finds_the_unclosed_if() {
        let text = "{% block c %}\n{% if a %}x\n{% endblock %}";
        let at = text.find("{% endblock").unwrap_or(0);
        let d = unclosed_tag(&source(text), "Unknown tag", at + 3..at + 11).expect("found");
        assert_eq!(d.line, 2);
        assert!(d.message.contains("{% if %}"), "{}", d.message);
        assert!(d.hint.unwrap_or_default().contains("{% endif %}"));
    }

    #[test]
    fn garbled_templates_do_not_panic() {
        let pieces = [
            "{%", "%}", "{{", "}}", "{#", "#}", " if ", " endif ", " for ", " endfor ", "raw",
            " endraw ", "block", "endblock", "set x", "=", "é", "\n", "-", "end",
        ];
        let mut seed: u64 = 7;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 15 + 1) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let src = source(&text);
            let at = (seed as usize) % (text.len() + 1);
            for message in ["Unknown tag", "Unexpected end of input"] {
                let _ = unclosed_tag(&src, message, at..at);
            }
            let _ = explain_render(
                "Field `x` is not defined. Available fields: a, b",
                &text,
                at..at,
            );
        }
    }
}
