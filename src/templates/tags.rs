//! The `{% %}` tags of a template, scanned to find the tag Tera's syntax error is really
//! about: most often an `{% if %}` or `{% for %}` that is never closed.

use std::ops::Range;

use super::TemplateSource;
use crate::diagnostics::Diagnostic;
use crate::source::closest;

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
    range: Range<usize>,
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

/// Where the name in the template's `{% extends "..." %}` tag is (the first such tag
/// outside comments and raw blocks), for an error about the template it names.
pub(super) fn extended_name(text: &str, name: &str) -> Option<Range<usize>> {
    let tag = tags(text).into_iter().find(|tag| tag.name == "extends")?;
    let at = tag.range.start + text[tag.range.clone()].find(name)?;
    Some(at..at + name.len())
}

/// What the closing tag of `name` is called after `end`: `{% set_global %}` ends with
/// `{% endset %}`.
fn end_name(name: &str) -> &str {
    if name == "set_global" { "set" } else { name }
}

/// Whether the tag starts a body that an `{% end... %}` tag closes.
fn opens_body(tag: &Tag) -> bool {
    match tag.name {
        "if" | "for" | "block" | "filter" | "component" => true,
        "set" | "set_global" => !tag.inner.contains('='),
        _ => false,
    }
}

/// For "Unknown tag" or "Unexpected end of input": the tag that is really at fault, most
/// often an `{% if %}` or `{% for %}` that is never closed.
pub(super) fn unclosed_tag(
    src: &TemplateSource,
    message: &str,
    range: Range<usize>,
) -> Option<Diagnostic> {
    let text = &*src.text;
    let at_end = message.starts_with("Unexpected end of input");
    if !at_end && message != "Unknown tag" {
        return None;
    }
    let line_of = |r: &Range<usize>| crate::diagnostics::line_col(text, r.start).0;
    let error = |message: String, range: &Range<usize>, hint: String| {
        Some(src.error(
            format!("template syntax error: {message}"),
            range.clone(),
            hint,
        ))
    };
    let no_such_tag = |tag: &Tag, hint: String| {
        error(format!("Tera has no tag `{}`", tag.name), &tag.range, hint)
    };
    let mut stack: Vec<Tag> = Vec::new();
    for tag in tags(text) {
        let is_error_tag = tag.range.contains(&range.start);
        if let Some(kind) = tag.name.strip_prefix("end") {
            if stack.last().map(|t| end_name(t.name)) == Some(kind) {
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
                return no_such_tag(&tag, hint);
            }
            let Some(open) = stack.pop() else {
                return error(
                    format!("this {{% {} %}} has no {{% {kind} %}} to close", tag.name),
                    &tag.range,
                    format!("remove it, or add the {{% {kind} ... %}} it belongs to"),
                );
            };
            return error(
                format!(
                    "this {{% {} %}} is not closed before the {{% {} %}} on line {}",
                    open.name,
                    tag.name,
                    line_of(&tag.range),
                ),
                &open.range,
                format!(
                    "add {{% end{} %}} where the {} should end",
                    end_name(open.name),
                    open.name,
                ),
            );
        }
        if is_error_tag && !at_end {
            let hint = match tag.name {
                "macro" | "import" => super::tera1::macro_tag(&text[tag.range.clone()], tag.name),
                "elseif" | "elsif" | "else_if" => "write {% elif ... %}".to_string(),
                n => match closest(n, TAGS) {
                    Some(best) => format!("did you mean {{% {best} %}}?"),
                    None => format!("the tags Tera knows are: {}", TAGS.join(", ")),
                },
            };
            return no_such_tag(&tag, hint);
        }
        if opens_body(&tag) {
            stack.push(tag);
        }
    }
    let open = stack.pop()?;
    error(
        format!("this {{% {} %}} is never closed", open.name),
        &open.range,
        format!("add {{% end{} %}} where it should end", end_name(open.name)),
    )
}
