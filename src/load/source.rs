//! Reading text files for the site, and turning parser errors into located diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

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
        let text = decode_text(&bytes).map_err(|d| d.in_file(&rel))?;
        Ok(SourceFile {
            rel,
            text: Arc::from(text),
        })
    }
}

/// Checks that `bytes` are text: no NUL bytes and valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> Result<String, Diagnostic> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Diagnostic::error("this looks like a binary file, not Markdown text")
            .at_line(line, 0)
            .with_hint(
                "only text files ending in .md are content; put documents such as PDFs in a page bundle (a folder with an index.md) or in static/, without the .md ending",
            ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(Diagnostic::error(format!(
                "the file is not valid UTF-8 text (bad byte at offset {})",
                e.valid_up_to()
            ))
            .at_line(line, column)
            .with_hint(
                "save the file as UTF-8 in your editor (often \"Save with encoding\" → UTF-8)",
            ))
        }
    }
}

/// Parses the TOML in `block`, which starts at byte `offset` of `file`, into `T`.
///
/// Errors point at the exact place in the file and suggest the nearest known field name.
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(block).map_err(|e| {
        let range = e
            .span()
            .map_or(offset..offset, |r| r.start + offset..r.end + offset);
        let (message, hint) = explain(e.message().trim());
        let mut d = Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, range);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        d
    })
}

/// Parses YAML front matter in `block` (starting at line `first_line` of `file`) into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    serde_yaml_ng::from_str(block).map_err(|e| {
        let (message, hint) = explain(&e.to_string());
        let start = e.location().map_or(offset, |loc| offset + loc.index());
        let mut d = Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, start..start);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        d
    })
}

/// Rewrites a serde message into plain English with a hint where we can give one.
pub fn explain(message: &str) -> (String, Option<String>) {
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split("expected ")
            .nth(1)
            .map(|list| {
                list.split('`')
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 1)
                    .map(|(_, s)| s)
                    .collect()
            })
            .unwrap_or_default();
        let hint = match closest(name, &expected) {
            Some(best) => format!("did you mean `{best}`? Put your own values under [extra]"),
            None => format!(
                "known fields: {}; put your own values under [extra]",
                expected.join(", ")
            ),
        };
        return (format!("unknown field `{name}`"), Some(hint));
    }
    if message.starts_with("invalid type") {
        return (message, Some("check the value's quotes and type: text needs \"quotes\", numbers and true/false do not, dates are written 2025-03-31".into()));
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let name = field.trim_end_matches('`');
        return (
            format!("missing field `{name}`"),
            Some(format!("add `{name} = ...` to this file")),
        );
    }
    (message, None)
}

/// The candidate closest to `name` by edit distance, if it is close enough.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// The path shown to users for a file under the root.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_nearest() {
        let (m, h) = explain("unknown field `titel`, expected one of `title`, `date`");
        assert_eq!(m, "unknown field `titel`");
        assert!(h.expect("hint").contains("`title`"));
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode_text(b"abc\n\0def").expect_err("binary");
        assert!(err.message.contains("binary"));
        assert_eq!(err.line, 2);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode_text(b"ok\nab\xff").expect_err("invalid");
        assert_eq!((err.line, err.column), (2, 3));
    }
}
