//! Splitting a content file into front matter and body, and parsing the front matter.
//!
//! TOML front matter sits between `+++` lines, YAML between `---` lines. Byte offsets are
//! kept so that every error points at the right line of the file.

use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::config::AnchorLinks;
use crate::content::date::DateValue;
use crate::diagnostics::Code;
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
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
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
        "the front matter opened with `{first}` on line 1 is never closed"
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

/// Parses the front-matter block of `split` into `T`.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, split: &Split) -> Result<T, Diagnostic> {
    let fences = |d| wrong_fences(file, split).unwrap_or(d);
    let doc = Document::read(file, split.front.clone(), split.format).map_err(fences)?;
    doc.parse().map_err(fences)
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

/// Fields that only a page (not a section's `_index.md`) may set, and the reverse.
const PAGE_ONLY: &[&str] = &["date", "updated", "slug", "path", "authors"];
const SECTION_ONLY: &[&str] = &[
    "sort_by",
    "page_template",
    "insert_anchor_links",
    "render",
    "redirect_to",
];

/// Rewrites "unknown field" for a field that belongs to the other kind of file.
pub fn misplaced_field(d: Diagnostic, is_section: bool) -> Diagnostic {
    let Some(Code::UnknownField(name)) = d.code.as_deref().cloned() else {
        return d;
    };
    let name = name.as_str();
    let folder = d
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "content".into());
    let (message, hint) = if is_section && PAGE_ONLY.contains(&name) {
        (
            format!("`{name}` is a page field: a section's _index.md cannot set it"),
            format!(
                "_index.md describes the section (the list of pages in {folder}/); remove `{name}`, or put it under [extra] if your template uses it"
            ),
        )
    } else if !is_section && SECTION_ONLY.contains(&name) {
        (
            format!("`{name}` is a section field: a page cannot set it"),
            format!("move `{name}` to {folder}/_index.md, the section this page is in"),
        )
    } else {
        return d;
    };
    Diagnostic {
        message,
        hint: Some(hint),
        ..d
    }
}

/// The byte range of `key`'s line in the front matter, to point errors at a field.
pub fn key_range(file: &SourceFile, split: &Split, key: &str) -> Range<usize> {
    let block = &file.text[split.front.clone()];
    let mut offset = split.front.start;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(['=', ':'])
        {
            let at = offset + (line.len() - trimmed.len());
            return at..offset + line.trim_end().len();
        }
        offset += line.len();
    }
    split.front.start.saturating_sub(4)..split.front.start.saturating_sub(1)
}

/// Front matter of a page (any `.md` file other than `_index.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page title.
    pub title: Option<String>,
    /// A one-line summary for listings and search engines.
    pub description: Option<String>,
    /// When it was published.
    pub date: Option<DateValue>,
    /// When it was last changed.
    pub updated: Option<DateValue>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Replaces the last part of the URL.
    pub slug: Option<String>,
    /// Replaces the whole URL path.
    pub path: Option<String>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The template to render with (default `page.html` or the section's `page_template`).
    pub template: Option<String>,
    /// Ordering within the section when it sorts by weight.
    pub weight: Option<i64>,
    /// Authors' names.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Files from the page bundle offered as downloads.
    #[serde(default)]
    pub downloads: Vec<DownloadRef>,
    /// Make a PDF of this page too (reports have their own `pdf`, default true).
    pub pdf: Option<bool>,
    /// Free-form values for templates (`page.extra.*`).
    #[serde(default)]
    pub extra: toml::Table,
}

/// A `[[downloads]]` entry: a file in the page bundle, offered as an attachment.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadRef {
    /// The file's path inside the page bundle (`annual-report-2024-25.pdf`).
    pub file: String,
    /// What the link says (`Annual report 2024 to 2025`).
    pub title: String,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Most recently updated first.
    UpdateDate,
    /// By title, A–Z, ignoring case.
    Title,
    /// By weight, lowest first.
    Weight,
    /// By file path.
    #[default]
    None,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section title.
    pub title: Option<String>,
    /// A one-line summary.
    pub description: Option<String>,
    /// How pages are ordered.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Ordering among sibling sections.
    #[serde(default)]
    pub weight: i64,
    /// The template for the section page.
    pub template: Option<String>,
    /// The default template for the section's pages.
    pub page_template: Option<String>,
    /// Anchor links on headings of this section and its pages.
    pub insert_anchor_links: Option<AnchorLinks>,
    /// Whether the section gets a page of its own.
    #[serde(default = "yes")]
    pub render: bool,
    /// Makes the section page a redirect to this URL.
    pub redirect_to: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Free-form values for templates (`section.extra.*`).
    #[serde(default)]
    pub extra: toml::Table,
}

fn yes() -> bool {
    true
}

impl Default for SectionFrontMatter {
    fn default() -> Self {
        SectionFrontMatter {
            title: None,
            description: None,
            sort_by: SortBy::None,
            weight: 0,
            template: None,
            page_template: None,
            insert_anchor_links: None,
            render: true,
            redirect_to: None,
            draft: false,
            aliases: Vec::new(),
            extra: toml::Table::new(),
        }
    }
}

#[cfg(test)]
mod tests;
