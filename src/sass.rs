//! `compile_sass = true`: the theme's and the site's `sass/**/*.scss` and `*.sass`
//! compiled to CSS at the same paths below the site root as Zola writes them
//! (`sass/blog/main.scss` → `/blog/main.css`), with grass, a Sass compiler in Rust.
//! Partials (`_name.scss`) are only imported, never written on their own.
//!
//! Each file is compiled once per build ([`Stylesheets`]), whether the build job that
//! writes it or a template that hashes it (`get_url(cachebust=true)`, `get_hash`)
//! asks first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diagnostics::{Diagnostic, offset_of};
use crate::load::{files_below, is_ignored_name};
use crate::source::relative;

/// The Sass files of a build and the CSS of each, made when first asked for.
#[derive(Debug, Default)]
pub struct Stylesheets {
    root: PathBuf,
    /// (source, output path), sorted by output path.
    entries: Vec<(PathBuf, String)>,
    compiled: Vec<OnceLock<Result<Arc<str>, Diagnostic>>>,
}

impl Stylesheets {
    /// The site's Sass files when `compile_sass` is on; none when it is off.
    pub fn new(root: &Path, theme: Option<&Path>, compile_sass: bool) -> Self {
        let entries = if compile_sass {
            find(root, theme)
        } else {
            Vec::new()
        };
        Stylesheets {
            root: root.to_path_buf(),
            compiled: entries.iter().map(|_| OnceLock::new()).collect(),
            entries,
        }
    }

    /// Every file to compile, as (source, output path), sorted by output path.
    pub fn entries(&self) -> &[(PathBuf, String)] {
        &self.entries
    }

    /// The CSS written at `dest` (an output path such as `/blog/main.css`), compiled on
    /// the first call; none when no Sass file is compiled to `dest`.
    pub fn css(&self, dest: &str) -> Option<Result<Arc<str>, Diagnostic>> {
        let i = self
            .entries
            .binary_search_by(|(_, d)| d.as_str().cmp(dest))
            .ok()?;
        let source = &self.entries[i].0;
        Some(
            self.compiled[i]
                .get_or_init(|| compile(&self.root, source).map(Arc::from))
                .clone(),
        )
    }
}

/// The Sass files to compile, as (source, output path), the site's over the theme's at
/// one output path, sorted by output path.
fn find(root: &Path, theme: Option<&Path>) -> Vec<(PathBuf, String)> {
    let mut by_dest = BTreeMap::new();
    for dir in theme
        .map(|t| t.join("sass"))
        .into_iter()
        .chain([root.join("sass")])
    {
        for (source, dest) in sass_files(&dir) {
            by_dest.insert(dest, source);
        }
    }
    by_dest.into_iter().map(|(dest, src)| (src, dest)).collect()
}

/// The entry files under `dir`: `.scss` and `.sass` files whose name does not start
/// with `_`, each to the same path with `.css`.
fn sass_files(dir: &Path) -> Vec<(PathBuf, String)> {
    files_below(dir, is_ignored_name)
        .into_iter()
        .filter(|(src, _)| {
            let name = src.file_name().unwrap_or_default().to_string_lossy();
            !name.starts_with('_') && (name.ends_with(".scss") || name.ends_with(".sass"))
        })
        .map(|(src, rel)| {
            let stem = rel.rsplit_once('.').map_or(rel.as_str(), |(stem, _)| stem);
            let css = format!("/{stem}.css");
            (src, css)
        })
        .collect()
}

/// Compiles the Sass file at `source` (imports resolved beside it), compressed as Zola
/// writes it; an error points at the file, line and column grass names, which may be a
/// partial the file imports.
fn compile(root: &Path, source: &Path) -> Result<String, Diagnostic> {
    let dir = source.parent().unwrap_or(root);
    let options = grass::Options::default()
        .style(grass::OutputStyle::Compressed)
        .load_path(dir)
        .logger(&grass::NullLogger);
    grass::from_path(source, &options).map_err(|e| sass_error(root, source, *e))
}

/// A grass error as a diagnostic at the place it names.
fn sass_error(root: &Path, source: &Path, error: grass::Error) -> Diagnostic {
    let shown = relative(root, source);
    match error.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => {
            let file = relative(root, Path::new(loc.file.name()));
            let text = loc.file.source();
            // grass counts lines and columns from 0.
            let start = offset_of(text, loc.begin.line + 1, loc.begin.column + 1);
            let end = offset_of(text, loc.end.line + 1, loc.end.column + 1).max(start);
            let hint = if file == shown {
                "fix the Sass here (it is compiled because config.toml has compile_sass = true)"
                    .to_string()
            } else {
                format!(
                    "fix the Sass here; {} imports this file, and is compiled because config.toml has compile_sass = true",
                    shown.display()
                )
            };
            Diagnostic::error(format!("Sass error: {message}"))
                .in_file(file)
                .at(text, start..end)
                .with_hint(hint)
        }
        grass::ErrorKind::IoError(e) => {
            Diagnostic::error(format!("could not read a Sass file: {e}")).in_file(shown)
        }
        grass::ErrorKind::FromUtf8Error(_) => Diagnostic::error("the Sass file is not UTF-8 text")
            .in_file(shown)
            .with_hint("save the file as UTF-8"),
        other => Diagnostic::error(format!("Sass error: {other:?}")).in_file(shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_are_not_entries_and_paths_keep_folders() {
        let dir = tempfile::tempdir().expect("temp");
        let sass = dir.path().join("sass");
        std::fs::create_dir_all(sass.join("nested")).expect("mkdir");
        for f in ["site.scss", "_part.scss", "nested/x.sass", "notes.txt"] {
            std::fs::write(sass.join(f), "").expect("write");
        }
        let found: Vec<String> = find(dir.path(), None).into_iter().map(|f| f.1).collect();
        assert_eq!(found, ["/nested/x.css", "/site.css"]);
    }
}
