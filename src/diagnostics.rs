//! Diagnostics: every problem safesite finds in a site, with where it is and how to fix it.
//!
//! Stages collect [`Diagnostic`]s instead of stopping at the first problem, so a user
//! sees everything that is wrong in one run. They are printed sorted by file and line,
//! as plain text (rustc-style, with the offending line) or as JSON for machines.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on: nothing is written.
    Error,
    /// Worth fixing; the build goes on (`check --strict` fails on it).
    Warning,
    /// For information or advice (what is scheduled, what good practice suggests):
    /// never fails a build, not even `check --strict`.
    Note,
}

/// The lines of a file a diagnostic points into, and the byte range it points at: only
/// those lines are kept, so a diagnostic does not hold its whole file.
#[derive(Debug, Clone)]
pub struct SourceSpan {
    /// The lines shown (from the start of the first to the end of the last).
    pub text: Arc<str>,
    /// The byte range of the problem within `text`.
    pub range: Range<usize>,
    /// Where `text` starts in the file.
    pub offset: usize,
    /// The number of its first line.
    pub first_line: usize,
}

impl SourceSpan {
    /// The byte range of the problem within the whole file.
    pub fn file_range(&self) -> Range<usize> {
        self.offset + self.range.start..self.offset + self.range.end
    }
}

/// Where a problem may turn out to be, taken while the file's text is at hand, so that a
/// later check (once every page is rendered) can report it without the file.
#[derive(Debug, Clone)]
pub struct Place {
    path: PathBuf,
    line: usize,
    column: usize,
    span: Box<SourceSpan>,
}

impl Place {
    /// The place of `range` of `text`, the text of the file at `path`.
    pub fn new(path: &Path, text: &str, range: Range<usize>) -> Self {
        let d = Diagnostic::error(String::new())
            .in_file(path)
            .at(text, range);
        Place {
            path: path.to_path_buf(),
            line: d.line,
            column: d.column,
            span: d.span.unwrap_or_else(|| {
                Box::new(SourceSpan {
                    text: Arc::from(""),
                    range: 0..0,
                    offset: 0,
                    first_line: 1,
                })
            }),
        }
    }
}

/// What kind of problem a diagnostic is, for a stage that rewords or regroups a
/// diagnostic it was given: it matches the code, never the message's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// A field the schema requires is not set (`missing field`).
    MissingField(String),
    /// A field the schema does not have (`unknown field`).
    UnknownField(String),
    /// Two headings of one Markdown body would get the same `id`.
    DuplicateHeadingId,
}

/// One problem found in a site.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain English.
    pub message: String,
    /// The file, relative to the site root where possible.
    pub path: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column (in characters), 0 when unknown.
    pub column: usize,
    /// The source text and span, to show the offending line (boxed, so that a
    /// `Result<_, Diagnostic>` stays small).
    pub span: Option<Box<SourceSpan>>,
    /// How to fix it.
    pub hint: Option<String>,
    /// What kind of problem it is, when a later stage needs to know (boxed: most
    /// diagnostics have none).
    pub code: Option<Box<Code>>,
    /// More problems found with this one, reported beside it: a parser stops at the
    /// first field a schema does not have, and the others of the block are found by
    /// reading it again (boxed: most diagnostics have none).
    pub more: Option<Box<Vec<Diagnostic>>>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    /// A note (information or advice) with a message and no location yet.
    pub fn note(message: impl Into<String>) -> Self {
        Self::new(Severity::Note, message.into())
    }

    /// Whether this is a warning (what `check --strict` fails on).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    fn new(severity: Severity, message: String) -> Self {
        Diagnostic {
            severity,
            message,
            path: None,
            line: 0,
            column: 0,
            span: None,
            hint: None,
            code: None,
            more: None,
        }
    }

    /// Adds problems found with this one ([`Diagnostic::more`]).
    pub fn with_more(mut self, more: Vec<Diagnostic>) -> Self {
        if !more.is_empty() {
            self.more.get_or_insert_default().extend(more);
        }
        self
    }

    /// Rewrites this diagnostic and each found with it the same way (a later stage's
    /// better wording for an unknown field applies to every one of them).
    pub fn map_each(mut self, f: impl Fn(Diagnostic) -> Diagnostic) -> Self {
        let more = self.more.take();
        let mut first = f(self);
        if let Some(more) = more {
            first.more = Some(Box::new(more.into_iter().map(&f).collect()));
        }
        first
    }

    /// Names the file the problem is in.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Points at a byte range of the file's text; computes line and column from it.
    pub fn at(mut self, text: &str, range: Range<usize>) -> Self {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        let (line, column) = line_col(text, start);
        self.line = line;
        self.column = column;
        let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let to = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        self.span = Some(Box::new(SourceSpan {
            text: Arc::from(&text[from..to]),
            range: start - from..end - from,
            offset: from,
            first_line: line,
        }));
        self
    }

    /// Points at a place taken earlier ([`Place`]).
    pub fn at_place(mut self, place: &Place) -> Self {
        self.path = Some(place.path.clone());
        self.line = place.line;
        self.column = place.column;
        self.span = Some(place.span.clone());
        self
    }

    /// Sets a line (and column) without source text, for problems found outside a text file.
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Says what kind of problem this is.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = Some(Box::new(code));
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` location, as far as it is known.
    pub fn location(&self) -> Option<String> {
        let path = self.path.as_ref()?.display().to_string();
        Some(match (self.line, self.column) {
            (0, _) => path,
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        })
    }

    /// Renders the diagnostic for a person, rustc style, with or without colour.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let path_text = self.path.as_ref().map(|p| p.display().to_string());
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        if let (Some(span), Some(path)) = (&self.span, &path_text) {
            group = group.element(
                Snippet::source(&*span.text)
                    .line_start(span.first_line)
                    .path(path.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span.range.clone())),
            );
        } else if let Some(loc) = self.location() {
            group = group.element(annotate_snippets::Origin::path(loc));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .decor_style(DecorStyle::Ascii);
        let Some(hint) = &self.hint else {
            return renderer.render(&[group]);
        };
        let help = Group::with_title(Level::HELP.secondary_title(hint.as_str()));
        if self.path.is_some() {
            return renderer.render(&[group, help]);
        }
        // With no file to show, a lone title and its help read best as two plain lines
        // (rendered together, annotate-snippets draws an empty gutter between them).
        format!(
            "{}\n{}",
            renderer.render(&[group]),
            renderer.render(&[help])
        )
    }

    fn sort_key(&self) -> (Option<&Path>, usize, usize, Severity) {
        (self.path.as_deref(), self.line, self.column, self.severity)
    }
}

/// The largest char boundary at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and character column in `text` (the inverse of
/// [`line_col`]), for tools that report places as lines and columns (grass, Tera).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// A sorted collection of diagnostics from one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic, and those found with it.
    pub fn push(&mut self, mut d: Diagnostic) {
        let more = d.more.take();
        self.items.push(d);
        for m in more.into_iter().flat_map(|m| *m) {
            self.push(m);
        }
    }

    /// Adds many.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors and warnings (notes are neither).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.items.iter().filter(|d| d.is_error()).count();
        let warnings = self.items.iter().filter(|d| d.is_warning()).count();
        (errors, warnings)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics, sorted by file, line and column; duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.message.cmp(&b.message))
        });
        self.items.dedup_by(|a, b| {
            a.sort_key() == b.sort_key() && a.message == b.message && a.hint == b.hint
        });
        self.items
    }

    /// As [`Diagnostics::sorted`], for a site whose settings file is `settings_file`:
    /// the messages and hints say `config.toml`, and a Zola 0.23 site's file may be
    /// `zola.toml`, which is the name its author should read.
    pub fn sorted_for(self, settings_file: &str) -> Vec<Diagnostic> {
        let mut items = self.sorted();
        if settings_file != "config.toml" {
            for d in &mut items {
                d.message = d.message.replace("config.toml", settings_file);
                if let Some(hint) = &mut d.hint {
                    *hint = hint.replace("config.toml", settings_file);
                }
            }
        }
        items
    }
}

/// Renders diagnostics for a person, followed by a summary line.
pub fn render_human(items: &[Diagnostic], color: bool) -> String {
    // Those found with another are shown after it (a collection has them apart already).
    let items: Vec<&Diagnostic> = items
        .iter()
        .flat_map(|d| std::iter::once(d).chain(d.more.iter().flat_map(|m| m.iter())))
        .collect();
    let mut out = String::new();
    for d in &items {
        let _ = writeln!(out, "{}\n", d.render(color));
    }
    let errors = items.iter().filter(|d| d.is_error()).count();
    let warnings = items.iter().filter(|d| d.is_warning()).count();
    let notes = items.len() - errors - warnings;
    if errors + warnings > 0 {
        let _ = write!(
            out,
            "{} {}, {} {}",
            errors,
            plural(errors, "error", "errors"),
            warnings,
            plural(warnings, "warning", "warnings")
        );
        if notes > 0 {
            let _ = write!(out, ", {} {}", notes, plural(notes, "note", "notes"));
        }
        out.push('\n');
    } else if notes > 0 {
        let _ = writeln!(out, "{} {}", notes, plural(notes, "note", "notes"));
    }
    out
}

/// Renders diagnostics as a JSON array, one object per diagnostic.
pub fn render_json(items: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        severity: Severity,
        message: &'a str,
        file: Option<String>,
        line: Option<usize>,
        column: Option<usize>,
        hint: Option<&'a str>,
    }
    let rows: Vec<Json> = items
        .iter()
        .map(|d| Json {
            severity: d.severity,
            message: &d.message,
            file: d.path.as_ref().map(|p| p.display().to_string()),
            line: (d.line > 0).then_some(d.line),
            column: (d.column > 0).then_some(d.column),
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

/// Picks the singular or plural word for `n`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a\nbé c\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        assert_eq!(line_col(text, 5), (2, 3));
        // offset_of is its inverse; past the end is the end.
        for at in [0, 2, 5, 6] {
            let (line, column) = line_col(text, at);
            assert_eq!(offset_of(text, line, column), at);
        }
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn renders_location_and_hint() {
        let text: Arc<str> = Arc::from("+++\ntitel = \"x\"\n+++\n");
        let d = Diagnostic::error("unknown field `titel`")
            .in_file("content/a.md")
            .at(&text, 4..9)
            .with_hint("did you mean `title`?");
        let out = d.render(false);
        assert!(out.contains("content/a.md:2:1"), "{out}");
        assert!(out.contains("titel = \"x\""), "{out}");
        assert!(out.contains("did you mean `title`?"), "{out}");
    }
}
