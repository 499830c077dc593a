//! The bottom of the pipeline: the site's text files and positions in them.
//!
//! A [`SourceFile`] is a file read whole and checked to be text. [`document`] parses a
//! block of it (TOML or YAML) into typed values whose [`Spanned`](toml::Spanned) fields
//! keep the byte range the parser reported, and [`explain`] turns a parser's message into
//! plain English at the right place. Every stage above points its diagnostics at those
//! ranges; none looks for a key or a line in the text again.

pub mod document;
pub mod explain;
pub mod textmate;
mod yaml;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::Diagnostic;

/// A text file of the site, read whole and checked to be UTF-8.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path relative to the site root, for messages and templates.
    pub rel: PathBuf,
    /// The file's text (a leading byte-order mark is kept so offsets match the file).
    pub text: Arc<str>,
}

impl SourceFile {
    /// Reads `path` (under `root`) as UTF-8 text; binary or non-UTF-8 files are errors.
    pub fn read(root: &Path, path: &Path) -> Result<Self, Diagnostic> {
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(format!("could not read the file: {e}")).in_file(&rel)
        })?;
        let text = decode_text(&bytes).map_err(|d| with_file_hint(d, &rel))?;
        Ok(SourceFile {
            rel,
            text: Arc::from(text),
        })
    }
}

impl SourceFile {
    /// The file with only its first `end` bytes (its front matter): what later stages
    /// point into once its Markdown is rendered.
    pub fn front_matter(&self, end: usize) -> Self {
        SourceFile {
            rel: self.rel.clone(),
            text: Arc::from(self.text.get(..end).unwrap_or(&self.text)),
        }
    }

    /// A file that was never on disk (`rel` names it in messages), for tests and fuzzing.
    pub fn in_memory(rel: impl Into<PathBuf>, text: &str) -> Self {
        SourceFile {
            rel: rel.into(),
            text: Arc::from(text),
        }
    }
}

/// Adds to a "not text" error what to do with that kind of file.
fn with_file_hint(d: Diagnostic, rel: &Path) -> Diagnostic {
    let d = d.in_file(rel);
    if d.hint.is_some() {
        return d;
    }
    let is_content = rel.extension().is_some_and(|e| e == "md");
    let hint = if is_content {
        "only text files ending in .md are pages: give the file the ending of what it is (such as report.pdf), and put it in a page bundle (a folder with an index.md) or in static/, then link to it"
    } else {
        "templates and data must be text files: put other files in static/, or in a page bundle under content/"
    };
    d.with_hint(hint)
}

/// What kind of file `bytes` start like, for files that are not text.
fn binary_kind(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF") {
        "a PDF file"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a Word, Excel or PowerPoint document (or a zip file)"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old-style Word or Excel document"
    } else if bytes.starts_with(b"\x89PNG") {
        "a PNG image"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if bytes.starts_with(b"GIF8") {
        "a GIF image"
    } else {
        "a binary file"
    }
}

/// The Windows-1252 character of a byte that is not UTF-8, to guess what was meant.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(HIGH[usize::from(b - 0x80)]).filter(|c| !c.is_control()),
        0xA1..=0xFF => Some(char::from(b)),
        _ => None,
    }
}

/// Checks that `bytes` are text: no NUL bytes and valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> Result<String, Diagnostic> {
    // A line number would mean nothing in a binary file: the message names only the file.
    if bytes.contains(&0) {
        return Err(Diagnostic::error(format!(
            "this is {}, not a text file",
            binary_kind(bytes)
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            // The valid part is unchanged, so `at` is also where the bad byte shows.
            let shown: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
            let guess = bytes
                .get(at)
                .copied()
                .and_then(windows_1252)
                .map(|c| format!(" (probably `{c}`, saved in an older encoding)"))
                .unwrap_or_default();
            Err(Diagnostic::error(format!(
                "this file is not saved as UTF-8 text: the character marked here cannot be read{guess}"
            ))
            .at(&shown, at..at + '\u{fffd}'.len_utf8())
            .with_hint(
                "save the file as UTF-8 in your editor (often \"Save as\" → Encoding → UTF-8), then check that accented letters, £ signs and quotes still look right",
            ))
        }
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be what
/// was meant: a quarter of the shorter name (at least one edit), comparing names without
/// an ending they share (`nope.html` is not close to `page.html`).
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let extension = |s: &str| s.rsplit_once('.').map(|(_, e)| e.to_string());
    let stem = |s: &'_ str| -> String {
        s.rsplit_once('.')
            .map_or(s.to_string(), |(st, _)| st.to_string())
    };
    candidates
        .iter()
        .filter_map(|&c| {
            let shared = extension(name).is_some() && extension(name) == extension(c);
            let (a, b) = if shared {
                (stem(name), stem(c))
            } else {
                (name.to_string(), c.to_string())
            };
            let distance = strsim::damerau_levenshtein(&a, &b);
            let limit = (a.chars().count().min(b.chars().count()) / 4).max(1);
            (distance <= limit).then_some((distance, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// The range of the line containing byte `at` of `text` (without its line break).
pub fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    start..end
}

/// The part of the line holding byte `at` from `at` itself to the line's end, without
/// trailing spaces: what a diagnostic about a `key = value` line points at.
pub fn rest_of_line(text: &str, at: usize) -> Range<usize> {
    let line = line_at(text, at);
    let end = line.start + text[line.clone()].trim_end().len();
    at.min(end)..end.max(at.min(end))
}

/// The line holding byte `at`, without its indentation and trailing spaces: what a
/// diagnostic about a nested `key = value` points at, given the value's span.
pub fn line_of(text: &str, at: usize) -> Range<usize> {
    let line = line_at(text, at);
    let written = &text[line.clone()];
    let start = line.start + (written.len() - written.trim_start().len());
    start..line.start + written.trim_end().len()
}

/// `span` (a value's range in `text`) without the quotes around a string: where the
/// text itself is, for a diagnostic about it or for mapping offsets inside it. A string
/// in three quotes starts after the line break that follows them, as TOML reads it.
pub fn unquoted(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(written) = text.get(span.clone()) else {
        return span;
    };
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if written.len() >= 2 * quote.len()
            && written.starts_with(quote)
            && written.ends_with(quote)
        {
            let mut start = span.start + quote.len();
            if quote.len() == 3 {
                let rest = &text[start..span.end];
                start += if rest.starts_with("\r\n") {
                    2
                } else {
                    usize::from(rest.starts_with('\n'))
                };
            }
            return start..(span.end - quote.len()).max(start);
        }
    }
    span
}

/// The path shown to users for a file under the root.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests;
