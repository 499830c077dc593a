//! Parsing a page's front matter with the schema its `kind` selects, and saying what a
//! missing field of a kind is for.

use serde::Deserialize;

use super::{KIND_NAMES, KindData, parse_kind, schema};
use crate::content::frontmatter::PageFrontMatter;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::document::Document;
use crate::source::{SourceFile, closest};

/// Reads only `kind` from a front-matter block.
#[derive(Deserialize)]
struct Probe {
    kind: Option<toml::Value>,
}

/// Parses a page's front matter with the schema its `kind` selects.
pub fn parse_page(
    file: &SourceFile,
    doc: &Document,
) -> Result<(PageFrontMatter, Option<KindData>), Diagnostic> {
    let probe: Probe = doc.parse()?;
    let Some(kind) = probe.kind else {
        return Ok((doc.parse()?, None));
    };
    let name = kind.as_str().unwrap_or_default();
    match parse_kind(name, doc) {
        Some(parsed) => parsed
            .map(|(page, data)| (page, Some(data)))
            .map_err(|d| d.map_each(|d| missing_field(d, name, file, doc))),
        None => Err(unknown_kind(&kind, name, file, doc)),
    }
}

/// `kind = "…"` naming no kind: the kinds there are, and the nearest.
fn unknown_kind(kind: &toml::Value, name: &str, file: &SourceFile, doc: &Document) -> Diagnostic {
    let shown = kind
        .as_str()
        .map_or_else(|| kind.to_string(), |s| format!("\"{s}\""));
    let hint = match closest(name, KIND_NAMES) {
        Some(best) => format!(
            "did you mean kind = \"{best}\"? The kinds are: {}",
            KIND_NAMES.join(", ")
        ),
        None => format!(
            "the kinds are: {}; leave `kind` out for an ordinary page",
            KIND_NAMES.join(", ")
        ),
    };
    Diagnostic::error(format!("kind = {shown} is not a kind safesite knows"))
        .in_file(&file.rel)
        .at(&file.text, kind_line(file, doc))
        .with_hint(hint)
}

/// The line that sets `kind`, where a kind's missing field is reported.
fn kind_line(file: &SourceFile, doc: &Document) -> std::ops::Range<usize> {
    doc.fields().line(&file.text, "kind").unwrap_or(0..0)
}

/// Rewrites the parser's "`x` is missing" for a field the kind requires: says which kind
/// needs it, points at the `kind` line, and shows what to write. A field missing from a
/// `[[table]]` entry names the table and what its entries need.
fn missing_field(d: Diagnostic, kind: &str, file: &SourceFile, doc: &Document) -> Diagnostic {
    let Some(Code::MissingField(field)) = d.code.as_deref().cloned() else {
        return d;
    };
    let Some((required, entries)) = schema(kind) else {
        return d;
    };
    if let Some(table) = entry_header(&d) {
        return missing_in_entry(d, &field, &table, entries);
    }
    let Some((_, hint)) = required.iter().find(|(f, _)| *f == field) else {
        return d;
    };
    // "s11" is said "ess eleven".
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) || kind.starts_with("s11") {
        "an"
    } else {
        "a"
    };
    Diagnostic::error(format!(
        "`{field}` is missing: {article} {kind} page must have it"
    ))
    .in_file(&file.rel)
    .at(&file.text, kind_line(file, doc))
    .with_hint(*hint)
    .with_code(Code::MissingField(field))
}

/// The table name of the `[[name]]` header a diagnostic points at: toml reports a field
/// missing from an entry at the entry's header.
fn entry_header(d: &Diagnostic) -> Option<String> {
    let span = d.span.as_ref()?;
    let header = span.text.get(span.range.clone())?.trim();
    let name = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    Some(name.to_string())
}

/// A field missing from the `[[table]]` entry the parser pointed at: names the table and
/// every field its entries need.
fn missing_in_entry(
    d: Diagnostic,
    field: &str,
    table: &str,
    entries: &[(&str, &[&str])],
) -> Diagnostic {
    let Some((_, fields)) = entries
        .iter()
        .find(|(name, fields)| *name == table && fields.contains(&field))
    else {
        return d;
    };
    let needs = fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    Diagnostic {
        message: format!("`{field}` is missing from this [[{table}]] entry"),
        hint: Some(format!(
            "add a line {field} = … below [[{table}]]: every entry needs {needs}"
        )),
        ..d
    }
}
