//! Splitting a content file into its front matter and its body, and reading the front
//! matter without a syntax error.
//!
//! TOML front matter sits between `+++` lines, YAML between `---` lines. Byte offsets are
//! kept so that every error points at the right line of the file.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::source::document::Document;
use crate::source::explain::Syntax;
use crate::source::{SourceFile, line_at};

/// Where the front matter and the body are in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The front matter's syntax: TOML between `+++` lines, YAML between `---` lines.
    pub format: Syntax,
    /// The bytes between the delimiter lines.
    pub front: Range<usize>,
    /// The Markdown after the closing delimiter line.
    pub body: Range<usize>,
}

/// Finds the front matter of a content file.
pub fn split(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Blank lines and spaces before the front matter are allowed, as Zola allows them.
    let start = bom + (text[bom..].len() - text[bom..].trim_start().len());
    let first_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let first = text[start..first_end].trim_end();
    let format = match first {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        _ => return Err(no_front_matter(file, start, first)),
    };
    let mut pos = first_end;
    let mut near_miss = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == first {
            return Ok(Split {
                format,
                front: first_end..pos,
                body: end..text.len(),
            });
        }
        if near_miss.is_none() && is_delimiter_like(line) {
            near_miss = Some(pos..pos + line.len());
        }
        pos = end;
    }
    let d = Diagnostic::error(format!(
        "the front matter opened with `{first}` on line {} is never closed",
        text[..start].matches('\n').count() + 1
    ))
    .in_file(&file.rel);
    Err(match near_miss {
        Some(range) => {
            let written = text[range.clone()].trim().to_string();
            d.at(&file.text, range).with_hint(format!(
                "the closing line must be exactly {first}, not {written}"
            ))
        }
        None => d
            .at(&file.text, start..start + first.len())
            .with_hint(format!(
                "add a line with only {first} after the last front-matter line, before the text of the page"
            )),
    })
}

/// A line of only `+`, `-` or dashes that is not quite a delimiter, such as `++` or `----`.
fn is_delimiter_like(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2
        && t != "+++"
        && t != "---"
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '\u{2013}' | '\u{2014}' | ' '))
}

/// The error for a file whose first line is not `+++` or `---`.
fn no_front_matter(file: &SourceFile, start: usize, first: &str) -> Diagnostic {
    let text = &*file.text;
    let example = "a line +++, then title = \"...\" and any other fields, then a closing line +++";
    if text[start..].trim().is_empty() {
        return Diagnostic::error("this content file is empty")
            .in_file(&file.rel)
            .at(&file.text, start..start)
            .with_hint(format!(
                "a page starts with its front matter: {example}; then the text of the page"
            ));
    }
    let d = Diagnostic::error("this content file has no front matter")
        .in_file(&file.rel)
        .at(&file.text, start..start + first.len());
    if is_delimiter_like(first) {
        return Diagnostic::error(
            "the first line must be exactly +++ (or --- for YAML front matter)",
        )
        .in_file(&file.rel)
        .at(&file.text, start..start + first.len())
        .with_hint(format!(
            "change {} to +++, and the closing line too",
            first.trim()
        ));
    }
    let key = first.split_once(['=', ':']).map(|(k, _)| k.trim());
    if key
        .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        let delimiter = if first.contains('=') { "+++" } else { "---" };
        return d.with_hint(format!(
            "the front matter needs a line {delimiter} above it, at the very top of the file, and another below it"
        ));
    }
    d.with_hint(format!(
        "start the file with its front matter: {example}; the text of the page comes after it"
    ))
}

/// Reads the front matter of `split`: a syntax error, or YAML that is not a table of
/// fields, is explained (as TOML between `---` lines, or YAML between `+++` lines, when
/// it looks like that).
pub fn front_matter(file: &SourceFile, split: &Split) -> Result<Document, Diagnostic> {
    let fences = |d| wrong_fences(file, split).unwrap_or(d);
    let doc = Document::read(file, split.front.clone(), split.format).map_err(fences)?;
    if !doc.is_table() {
        return Err(fences(doc.parse::<toml::Table>().err().unwrap_or_else(
            || Diagnostic::error("the front matter is not a table of fields").in_file(&file.rel),
        )));
    }
    Ok(doc)
}

/// When YAML sits between `+++` lines, or TOML between `---` lines, says so (the parser's
/// own message would be about the first line it could not read).
fn wrong_fences(file: &SourceFile, split: &Split) -> Option<Diagnostic> {
    let block = &file.text[split.front.clone()];
    let (mut toml_lines, mut yaml_lines) = (0, 0);
    for line in block.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with('[') || t.starts_with('-') {
            continue;
        }
        let eq = t.find('=');
        let colon = t.find(':');
        match (eq, colon) {
            (Some(e), Some(c)) if e < c => toml_lines += 1,
            (Some(_), None) => toml_lines += 1,
            (_, Some(_)) => yaml_lines += 1,
            (None, None) => {}
        }
    }
    let opening = line_at(&file.text, split.front.start.saturating_sub(1));
    let (message, hint) = match split.format {
        Syntax::Yaml if toml_lines > 0 && yaml_lines == 0 => (
            "this front matter is written as TOML (name = value) but is between --- lines",
            "change the opening and the closing --- lines to +++",
        ),
        Syntax::Toml if yaml_lines > 0 && toml_lines == 0 => (
            "this front matter is written as YAML (name: value) but is between +++ lines",
            "change the opening and the closing +++ lines to ---, or write each line as name = \"value\"",
        ),
        _ => return None,
    };
    Some(
        Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, opening)
            .with_hint(hint),
    )
}

#[cfg(test)]
mod tests;
