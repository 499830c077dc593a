//! Tera's errors as diagnostics: the template file, line and column, the name the
//! template wrote, and the name it could have meant.

use std::collections::HashMap;
use std::ops::Range;

use tera::ErrorKind;

use super::TemplateSource;
use super::tags::unclosed_tag;
use crate::diagnostics::Diagnostic;
use crate::source::closest;

/// Turns an error from loading the templates into diagnostics, one per problem.
pub(super) fn load_diagnostics(
    e: &tera::Error,
    sources: &HashMap<String, TemplateSource>,
) -> Vec<Diagnostic> {
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
    Some(src.error(message, start..end, hint))
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
    "human_date",
    "base64_encode",
    "base64_decode",
    "regex_replace",
    "striptags",
    "spaceless",
    "format",
    "shuffle",
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
    "matching",
    "before",
    "after",
];
const FUNCTIONS: &[&str] = &[
    "range",
    "throw",
    "get_url",
    "get_page",
    "get_section",
    "get_taxonomy",
    "get_taxonomy_url",
    "get_taxonomy_term",
    "get_hash",
    "all_pages",
    "trans",
    "recommendations",
    "load_data",
    "now",
    "get_random",
    "get_version",
    "language_name",
    "text_direction",
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
pub(super) fn tera_diagnostic(
    e: &tera::Error,
    sources: &HashMap<String, TemplateSource>,
) -> Diagnostic {
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
                    super::tera1::habit(&src.text, report.message(), &range)
                        .unwrap_or_else(|| hint_for(report.message())),
                )
            } else {
                explain_render(report.message(), &src.text, range.clone())
            };
            src.error(message, range, hint)
        }
        ErrorKind::MissingParent { current, parent } => {
            let mut d = Diagnostic::error(format!(
                "the template {current} extends {parent}, which does not exist"
            ))
            .with_hint(
                "check the name in {% extends \"...\" %}, or add that template to templates/",
            );
            if let Some(src) = sources.get(current) {
                d = d.in_file(&src.shown);
                if let Some(range) = super::tags::extended_name(&src.text, parent) {
                    d = d.at(&src.text, range);
                }
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
pub(super) fn explain_render(message: &str, text: &str, range: Range<usize>) -> (String, String) {
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
        // Tera's span covers the first name only (`config` of `config.extra.list`).
        let start = range.start.min(text.len());
        let dotted = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '?')))
            .map_or(text.len(), |n| start + n);
        let written = text
            .get(start..dotted.max(range.end))
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
        // safesite's own functions put their advice after a `help:` line.
        if let Some((message, hint)) = message.split_once(HELP) {
            return (format!("template error: {message}"), hint.to_string());
        }
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

/// Where a function's error message gives its own advice (see
/// [`super::functions`]): the message, this, then the hint.
pub(crate) const HELP: &str = "\nhelp: ";

/// The hint when nothing better is known (callers that know more replace it).
pub(super) const GENERIC_HINT: &str =
    "templates use Tera 2 syntax: see https://keats.github.io/tera/";

/// A hint for a Tera message that has no better explanation.
fn hint_for(message: &str) -> String {
    if message.starts_with("Block `") && message.ends_with("is not defined in any parent template")
    {
        "a child template can only fill the blocks its parent names: add the same {% block %}…{% endblock %} to the template it extends, or remove this one".into()
    } else if message.starts_with("Tried to use super() in the top level block") {
        "super() gives the parent's content of a block, so it works only in a template that \
         {% extends %} another: remove it here"
            .into()
    } else if message.contains("is not defined") || message.contains("undefined") {
        "that value is not set here: write {{ x or \"\" }} to allow it to be missing, or test it first with {% if x is defined %}".into()
    } else if message.contains("Unknown filter") || message.contains("Unknown function") {
        "filters and functions are Zola's: get_url, get_section, get_page, load_data, date, slugify, urlencode, filesizeformat, json_encode, markdown".into()
    } else if message.starts_with("Found `}` but expected }}") {
        "close {{ with }} and {% with %}".into()
    } else {
        GENERIC_HINT.into()
    }
}
