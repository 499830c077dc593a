//! Walking `content/` and sorting its files into sections, pages and assets.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// The files found under `content/`, as `/`-separated paths relative to it.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// `_index.md` files.
    pub sections: Vec<String>,
    /// Other `.md` files (including bundles' `index.md`).
    pub pages: Vec<String>,
    /// Everything else, with its path on disk.
    pub assets: Vec<(String, PathBuf)>,
}

/// Whether a file or folder name is hidden or an editor's temporary file.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// Whether a file or folder of `static/` stays out of the output. As in Zola, `static/`
/// is published as it is, dot-files included (`.well-known/`, `.nojekyll`,
/// `.gitattributes`); only version-control folders, the files an operating system
/// leaves behind and editors' temporary files are not.
pub fn is_unpublished_static_name(name: &str) -> bool {
    matches!(
        name,
        ".git" | ".svn" | ".hg" | ".DS_Store" | "Thumbs.db" | "desktop.ini"
    ) || (is_ignored_name(name) && !name.starts_with('.'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
}

/// The files under `dir` (none when it does not exist), as (path, `/`-separated path
/// below `dir`), sorted by name; a file or folder whose name `skip` says is skipped.
pub fn files_below(dir: &Path, skip: fn(&str) -> bool) -> Vec<(PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (e.path().to_path_buf(), rel)
        })
        .collect()
}

/// Lists `root/content` in a stable order (sorted by name on every file system).
pub fn walk_content(root: &Path, config: &Config) -> Result<ContentFiles, Diagnostic> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::error(format!(
            "there is no content/ folder in {}",
            if root.as_os_str().is_empty() {
                Path::new(".")
            } else {
                root
            }
            .display()
        ))
        .with_hint(
            "create content/_index.md for the home page, or run safesite from the site's folder",
        ));
    }
    let output = root.join(&config.output_dir);
    let mut files = ContentFiles::default();
    let mut section_dirs = HashSet::new();
    let mut bundle_dirs = HashSet::new();
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("could not read a content folder: {e}")).in_file(
                e.path()
                    .map_or_else(|| PathBuf::from("content"), |p| relative(root, p)),
            )
        })?;
        let path = entry.path();
        if path == output {
            return Err(Diagnostic::error(format!(
                "the output folder {} is inside content/",
                relative(root, &output).display()
            ))
            .in_file("config.toml")
            .with_hint("set output_dir in config.toml (or -o) to a folder outside content/, such as public"));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = path
            .strip_prefix(&content)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if config.ignored_content_globs.matches(&rel) {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        // `_index.md` and `index.md`, or a language's (`_index.pl.md`, `index.pl.md`).
        let named = |stem: &str| {
            name == format!("{stem}.md")
                || (name.starts_with(&format!("{stem}.")) && name.ends_with(".md"))
        };
        if named("_index") {
            section_dirs.insert(dir);
            files.sections.push(rel);
        } else if name.ends_with(".md") {
            if named("index") {
                bundle_dirs.insert(dir);
            }
            files.pages.push(rel);
        } else {
            files.assets.push((rel, path.to_path_buf()));
        }
    }
    if let Some(dir) = section_dirs.intersection(&bundle_dirs).min() {
        let shown = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        return Err(Diagnostic::error(format!(
            "content/{shown} has both _index.md (a section) and index.md (a page bundle)"
        ))
        .in_file(format!("content/{shown}index.md"))
        .with_hint("a folder is either a section (_index.md, listing the pages in the folder) or a page bundle (index.md, one page with its files): remove _index.md, or rename index.md to a page name such as overview.md"));
    }
    Ok(files)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_dot_files_are_published_but_not_leftovers() {
        for name in [".well-known", ".nojekyll", ".htaccess", ".gitattributes"] {
            assert!(!is_unpublished_static_name(name), "{name}");
        }
        for name in [
            ".git",
            ".DS_Store",
            "Thumbs.db",
            "notes.md~",
            ".page.md.swp",
            "#a#",
        ] {
            assert!(is_unpublished_static_name(name), "{name}");
        }
    }
}
