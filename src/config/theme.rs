//! The theme a site names: its folder, its `theme.toml` (whose `[extra]` goes under the
//! site's and whose `[pages]` says which pages the theme links to) and its translations.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Config, ThemePage};
use crate::diagnostics::Diagnostic;
use crate::source::document::{Document, parse_toml};
use crate::source::{SourceFile, closest};

/// The theme's `theme.toml`.
#[derive(Debug, Clone, Deserialize)]
struct ThemeToml {
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    pages: BTreeMap<String, ThemePage>,
}

impl Config {
    /// Checks the theme exists and merges its `[extra]` under the site's.
    pub(super) fn load_theme(
        &mut self,
        root: &Path,
        theme: &str,
        file: &SourceFile,
        doc: &Document,
    ) -> Result<(), Diagnostic> {
        let dir = root.join("themes").join(theme);
        if !dir.is_dir() {
            let available = available_themes(root);
            let names: Vec<&str> = available.iter().map(String::as_str).collect();
            let hint = match closest(theme, &names) {
                _ if available.is_empty() => format!(
                    "there is no themes/ folder: put the theme in themes/{theme}/, or remove the `theme` line to use only your own templates/"
                ),
                Some(best) => format!("did you mean theme = \"{best}\"?"),
                None => format!("the themes in themes/ are: {}", available.join(", ")),
            };
            let mut d =
                Diagnostic::error(format!("the theme `{theme}` is not in the themes/ folder"))
                    .in_file("config.toml")
                    .with_hint(hint);
            if let Some(range) = doc.fields().line(&file.text, "theme") {
                d = d.at(&file.text, range);
            }
            return Err(d);
        }
        self.theme_translations = read_translations(root, &dir.join("translations"))?;
        let theme_toml = dir.join("theme.toml");
        if theme_toml.is_file() {
            let theme_file = SourceFile::read(root, &theme_toml)?;
            let parsed: ThemeToml = parse_toml(&theme_file, 0, &theme_file.text)?;
            for (key, value) in parsed.extra {
                self.extra.entry(key).or_insert(value);
            }
            self.theme_pages = parsed.pages;
        }
        Ok(())
    }

    /// The theme's folder, if a theme is set.
    pub fn theme_dir(&self, root: &Path) -> Option<PathBuf> {
        self.theme.as_ref().map(|t| root.join("themes").join(t))
    }
}

/// Every `<code>.toml` of a theme's `translations/` folder: a table of strings each.
fn read_translations(
    root: &Path,
    dir: &Path,
) -> Result<BTreeMap<String, BTreeMap<String, String>>, Diagnostic> {
    let mut all = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(all);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let Some(code) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let file = SourceFile::read(root, &path)?;
        let strings = parse_toml(&file, 0, &file.text)?;
        all.insert(code, strings);
    }
    Ok(all)
}

fn available_themes(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
