//! Reading text files for the site, and turning parser errors into located diagnostics.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::load::explain::{Syntax, explain, line_at};

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

/// Parses the TOML in `block`, which starts at byte `offset` of `file`, into `T`.
///
/// Errors point at the exact place in the file, say in plain English what is wrong and
/// suggest a fix (the nearest known field name, the value written the right way).
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(block).map_err(|e| {
        let range = e
            .span()
            .map_or(offset..offset, |r| r.start + offset..r.end + offset);
        located(
            file,
            offset..offset + block.len(),
            range,
            e.message(),
            Syntax::Toml,
        )
    })
}

/// Parses YAML front matter in `block`, which starts at byte `offset` of `file`, into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    if let Some(at) = too_deep(block) {
        return Err(Diagnostic::error(format!(
            "lists or tables inside each other go at most {MAX_YAML_NESTING} deep"
        ))
        .in_file(&file.rel)
        .at(&file.text, offset + at..offset + at + 1)
        .with_hint("check that every [ is closed with ] and every { with }"));
    }
    serde_yaml_ng::from_str(block).map_err(|e| {
        let start = e.location().map_or(offset, |loc| offset + loc.index());
        located(
            file,
            offset..offset + block.len(),
            start..start,
            &e.to_string(),
            Syntax::Yaml,
        )
    })
}

/// How deep YAML's `[`…`]` and `{`…`}` may nest. The parser refuses more than 128
/// levels, but only after scanning, which takes time that grows with the square of the
/// depth (100,000 `[` took minutes): deeper blocks are refused before parsing.
const MAX_YAML_NESTING: usize = 128;

/// Where `block` opens a bracket more than [`MAX_YAML_NESTING`] deep, counting every
/// bracket (one in quotes too: no real front matter has 128 of them open in a row).
fn too_deep(block: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in block.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A parser error in `block` (a byte range of `file`) as a located, explained diagnostic.
fn located(
    file: &SourceFile,
    block: Range<usize>,
    range: Range<usize>,
    raw: &str,
    syntax: Syntax,
) -> Diagnostic {
    let explained = explain(&file.text, block.clone(), range, raw, syntax);
    let mut d = Diagnostic::error(explained.message).in_file(&file.rel);
    if raw.contains("missing field `") {
        // Nothing to point at: point at the opening `+++` of front matter, or at no line
        // of a whole file such as config.toml.
        if block.start > 0 {
            d = d.at(&file.text, line_at(&file.text, block.start - 1));
        }
    } else {
        d = d.at(&file.text, explained.range);
    }
    if let Some(h) = explained.hint {
        d = d.with_hint(h);
    }
    d
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

/// The path shown to users for a file under the root.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::in_memory("content/a.md", text)
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: Option<String>,
        date: Option<String>,
    }

    /// 100,000 nested `[` kept the YAML scanner busy for minutes.
    #[test]
    fn yaml_nested_too_deep_is_refused_at_once() {
        let deep = format!(
            "title: Deep\nextra: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let text = format!("---\n{deep}---\n");
        let d = parse_yaml::<serde_yaml_ng::Value>(&file(&text), 4, &deep).expect_err("too deep");
        assert_eq!(
            d.message,
            "lists or tables inside each other go at most 128 deep"
        );
        assert_eq!((d.line, d.column), (3, "extra: ".len() + 128 + 1));

        let ok = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert!(parse_yaml::<serde_yaml_ng::Value>(&file(&ok), 0, &ok).is_ok());
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let f = file("+++\ntitel = \"x\"\n+++\n");
        let d = parse_toml::<Fm>(&f, 4, &f.text[4..16]).expect_err("unknown");
        assert_eq!(d.message, "unknown field `titel`");
        assert!(d.hint.expect("hint").contains("`title`"));
        assert_eq!((d.line, d.column), (2, 1));
    }

    #[test]
    fn yaml_unknown_field_points_at_its_line() {
        let f = file("---\ntitle: x\ntitel: y\n---\n");
        let d = parse_yaml::<Fm>(&f, 4, &f.text[4..22]).expect_err("unknown");
        assert_eq!((d.line, d.column), (3, 1));
    }

    /// Odd front matter never panics, and every error points inside the file.
    #[test]
    fn garbled_front_matter_is_explained_without_panics() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Full {
            title: Option<String>,
            date: Option<crate::content::date::DateValue>,
            draft: Option<bool>,
            weight: Option<i64>,
            aliases: Option<Vec<String>>,
            extra: Option<toml::Table>,
        }
        let pieces = [
            "title",
            "date",
            "draft",
            "weight",
            "aliases",
            "extra",
            "titel",
            " = ",
            ": ",
            "=",
            ":",
            "\"",
            "'",
            "“",
            "”",
            "é",
            "€",
            "\n",
            "\t",
            "  ",
            "[",
            "]",
            "[extra]",
            "#",
            "2025-13-01",
            "30/06/2025",
            "yes",
            "true",
            "1",
            "01",
            "-",
            "---",
            "+++",
            "\\",
            ",",
            "{",
            "}",
            "99999-01-01",
            "\r\n",
        ];
        let mut seed: u64 = 0x5eed;
        for _ in 0..4000 {
            let mut text = String::new();
            let n = (seed % 12) as usize + 1;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let f = file(&format!("+++\n{text}\n+++\n"));
            let block = &f.text[4..4 + text.len() + 1];
            for d in [
                parse_toml::<Full>(&f, 4, block).err(),
                parse_yaml::<Full>(&f, 4, block).err(),
            ]
            .into_iter()
            .flatten()
            {
                let _ = d.render(false);
                assert!(!d.message.is_empty(), "{text:?}");
            }
        }
    }

    #[test]
    fn closest_needs_a_near_name() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("nope.html", &["page.html", "base.html"]), None);
        assert_eq!(
            closest("reports/annual", &["reports/annual.md", "about.md"]),
            Some("reports/annual.md")
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode_text(b"abc\n\0def").expect_err("binary");
        assert!(err.message.contains("binary"));
        let pdf = decode_text(b"%PDF-1.7\n\0").expect_err("pdf");
        assert!(pdf.message.contains("a PDF file"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode_text(b"ok\nab\xff").expect_err("invalid");
        assert_eq!((err.line, err.column), (2, 3));
    }
}
