//! `[markdown.highlighting]` made real: the grammars fenced code is highlighted with (the
//! bundled ones plus the site's `extra_grammars`) and the stylesheet of the colour theme
//! it names, written where Zola 0.23 writes it (`giallo.css`, or `giallo-light.css` and
//! `giallo-dark.css`), so a Zola site keeps its colours under a strict
//! Content-Security-Policy, which inline styles would break.
//!
//! Grammars are `.sublime-syntax` files or TextMate/VS Code JSON grammars (converted by
//! [`crate::source::textmate`]); themes are `.tmTheme` files, VS Code JSON themes or a
//! bundled theme by name. What cannot be loaded is a warning naming the file, and code in
//! that language is shown plain.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use serde_json::Value;
use syntect::highlighting::{
    Color, FontStyle, ScopeSelectors, StyleModifier, Theme, ThemeItem, ThemeSet, ThemeSettings,
};
use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};

use super::tables::HighlightingConfig;
use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, textmate};

/// The class prefix of highlighted code, so its classes never clash with a theme's own.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The grammars bundled with safesite (syntect's and bat's), loaded once.
fn bundled() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The grammars code is highlighted with, and whether a language none of them knows is
/// an error (`error_on_missing_language = true`) rather than a warning.
#[derive(Clone, Default)]
pub struct Syntaxes {
    /// The bundled grammars with the site's own; `None` for the bundled ones alone.
    extended: Option<Arc<SyntaxSet>>,
    /// Whether an unknown language stops the build.
    pub missing_is_error: bool,
}

impl fmt::Debug for Syntaxes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Syntaxes")
            .field("grammars", &self.set().syntaxes().len())
            .field("missing_is_error", &self.missing_is_error)
            .finish()
    }
}

impl Syntaxes {
    /// The set to look a fence's language up in.
    pub fn set(&self) -> &SyntaxSet {
        self.extended.as_deref().unwrap_or_else(|| bundled())
    }
}

/// What `[markdown.highlighting]` loaded: the grammars and the theme stylesheets to write.
#[derive(Debug, Clone, Default)]
pub struct Highlighting {
    /// The grammars.
    pub syntaxes: Syntaxes,
    /// Each stylesheet to write, as (output path, CSS).
    pub stylesheets: Vec<(String, String)>,
}

/// Loads the grammars and themes `table` names (paths relative to `root`), with a
/// warning for each one that cannot be loaded.
pub(super) fn load(
    root: &Path,
    table: &HighlightingConfig,
    file: &SourceFile,
) -> (Highlighting, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut warn = |message: String, span: std::ops::Range<usize>, hint: &str| {
        warnings.push(
            Diagnostic::warning(message)
                .in_file(&file.rel)
                .at(&file.text, span)
                .with_hint(hint.to_string()),
        );
    };
    let mut builder = None;
    for grammar in table.extra_grammars.iter().flatten() {
        match load_grammar(&root.join(grammar.get_ref())) {
            Ok((definition, left_out)) => {
                if !left_out.is_empty() {
                    warn(
                        format!(
                            "the grammar {} is highlighted without {}",
                            grammar.get_ref(),
                            left_out.join(", ")
                        ),
                        grammar.span(),
                        "syntect has no equivalent of these TextMate rules; the rest of the grammar works",
                    );
                }
                builder
                    .get_or_insert_with(|| bundled().clone().into_builder())
                    .add(definition);
            }
            Err(why) => warn(
                format!("the grammar {} cannot be loaded: {why}", grammar.get_ref()),
                grammar.span(),
                "give a .sublime-syntax file or a TextMate JSON grammar; code in its language is shown plain",
            ),
        }
    }
    let mut themes = BTreeMap::new();
    for path in table.extra_themes.iter().flatten() {
        match load_theme(&root.join(path.get_ref())) {
            Ok((name, theme)) => {
                themes.insert(normalized(&name), theme);
            }
            Err(why) => warn(
                format!("the theme {} cannot be loaded: {why}", path.get_ref()),
                path.span(),
                "give a .tmTheme file or a VS Code JSON theme",
            ),
        }
    }
    let chosen: Vec<(&str, &toml::Spanned<String>)> =
        match (&table.theme, &table.light_theme, &table.dark_theme) {
            (Some(theme), _, _) => vec![("/giallo.css", theme)],
            (None, Some(light), Some(dark)) => {
                vec![("/giallo-light.css", light), ("/giallo-dark.css", dark)]
            }
            _ => Vec::new(),
        };
    let mut stylesheets = Vec::new();
    for (dest, name) in chosen {
        let css = find_theme(&themes, name.get_ref())
            .map(|theme| css_for_theme_with_class_style(&theme, CLASS_STYLE));
        match css {
            Some(Ok(css)) => stylesheets.push((dest.to_string(), css)),
            Some(Err(e)) => warn(
                format!(
                    "the theme `{}` cannot be made into CSS: {e}",
                    name.get_ref()
                ),
                name.span(),
                "choose another theme",
            ),
            None => warn(
                format!("there is no highlighting theme `{}`", name.get_ref()),
                name.span(),
                &format!(
                    "name one of extra_themes or a bundled theme ({}); code keeps the classes your CSS styles",
                    bundled_theme_names().join(", ")
                ),
            ),
        }
    }
    if table.style.as_deref() != Some("class") {
        let style = table.style.as_deref().unwrap_or("inline");
        let (said, link) = match stylesheets.first() {
            Some((dest, _)) => (
                format!("; the theme's colours are written to {dest}"),
                format!(
                    "link it from your base template (<link rel=\"stylesheet\" href=\"{{{{ get_url(path='{}') }}}}\">) and ",
                    dest.trim_start_matches('/')
                ),
            ),
            None => (String::new(), String::new()),
        };
        warnings.push(
            Diagnostic::warning(format!(
                "highlighting style `{style}` is not supported; code is highlighted with CSS classes{said}"
            ))
            .in_file(&file.rel)
            .with_hint(format!(
                "inline styles break a strict Content-Security-Policy: {link}set style = \"class\""
            )),
        );
    }
    let highlighting = Highlighting {
        syntaxes: Syntaxes {
            extended: builder.map(|b| Arc::new(b.build())),
            missing_is_error: table.error_on_missing_language.unwrap_or(false),
        },
        stylesheets,
    };
    (highlighting, warnings)
}

/// A grammar file, and what of it was left out.
fn load_grammar(path: &Path) -> Result<(SyntaxDefinition, Vec<String>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let (yaml, left_out) = match path.extension().and_then(|e| e.to_str()) {
        Some("sublime-syntax") => (text, Vec::new()),
        Some("json") => {
            let converted = textmate::convert(&text)?;
            (converted.sublime_syntax, converted.left_out)
        }
        _ => return Err("its name ends in neither .sublime-syntax nor .json".into()),
    };
    let definition =
        SyntaxDefinition::load_from_str(&yaml, true, None).map_err(|e| e.to_string())?;
    Ok((definition, left_out))
}

/// A theme file and its name (the file's `name`, or the file name without extension).
fn load_theme(path: &Path) -> Result<(String, Theme), String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match path.extension().and_then(|e| e.to_str()) {
        Some("tmTheme") => {
            let theme = ThemeSet::get_theme(path).map_err(|e| e.to_string())?;
            Ok((theme.name.clone().unwrap_or(stem), theme))
        }
        Some("json") => {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            let theme = vscode_theme(&text)?;
            Ok((theme.name.clone().unwrap_or(stem), theme))
        }
        _ => Err("its name ends in neither .tmTheme nor .json".into()),
    }
}

/// A VS Code colour theme (`colors` and `tokenColors`) as a syntect theme.
fn vscode_theme(json: &str) -> Result<Theme, String> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| format!("it is not valid JSON: {e}"))?;
    let tokens = value
        .get("tokenColors")
        .and_then(Value::as_array)
        .ok_or("a VS Code theme has a `tokenColors` list")?;
    let colour = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .and_then(|s| Color::from_str(s).ok())
    };
    let colors = value.get("colors");
    let settings = ThemeSettings {
        foreground: colour(colors.and_then(|c| c.get("editor.foreground"))),
        background: colour(colors.and_then(|c| c.get("editor.background"))),
        ..ThemeSettings::default()
    };
    let mut scopes = Vec::new();
    for token in tokens {
        let selectors = match token.get("scope") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        let Ok(scope) = ScopeSelectors::from_str(&selectors) else {
            continue;
        };
        let s = token.get("settings");
        let font_style = s
            .and_then(|s| s.get("fontStyle"))
            .and_then(Value::as_str)
            .and_then(|f| FontStyle::from_str(f).ok());
        scopes.push(ThemeItem {
            scope,
            style: StyleModifier {
                foreground: colour(s.and_then(|s| s.get("foreground"))),
                background: colour(s.and_then(|s| s.get("background"))),
                font_style,
            },
        });
    }
    Ok(Theme {
        name: value
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string),
        author: None,
        settings,
        scopes,
    })
}

/// A theme name as Zola's and the bundled names compare: `Catppuccin Mocha`,
/// `catppuccin-mocha` and `catppuccin_mocha` are one.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Zola 0.23's names (VS Code's) for themes bundled here under another name.
const ZOLA_NAMES: &[(&str, &str)] = &[
    ("githublight", "github"),
    ("lightplus", "inspiredgithub"),
    ("darkplus", "visualstudiodark"),
    ("gruvboxdarkmedium", "gruvboxdark"),
    ("gruvboxlightmedium", "gruvboxlight"),
    ("monokai", "monokaiextended"),
    ("onedarkpro", "onehalfdark"),
    ("onelight", "onehalflight"),
];

/// The site's theme of that name, or else the bundled one.
fn find_theme(site_themes: &BTreeMap<String, Theme>, name: &str) -> Option<Theme> {
    let mut key = normalized(name);
    if let Some(theme) = site_themes.get(&key) {
        return Some(theme.clone());
    }
    if let Some((_, bundled)) = ZOLA_NAMES.iter().find(|(zola, _)| *zola == key) {
        key = bundled.to_string();
    }
    let set = two_face::theme::extra();
    two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .find(|n| normalized(n.as_name()) == key)
        .map(|n| set.get(*n).clone())
}

/// The bundled themes' names, for the hint of an unknown one.
fn bundled_theme_names() -> Vec<&'static str> {
    two_face::theme::EmbeddedLazyThemeSet::theme_names()
        .iter()
        .map(|n| n.as_name())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vscode_theme_becomes_css_for_its_scopes() {
        let theme = vscode_theme(
            r##"{"name": "mine", "colors": {"editor.background": "#101010"},
                "tokenColors": [{"scope": ["comment", "string"], "settings": {"foreground": "#908476", "fontStyle": "italic"}}]}"##,
        )
        .expect("a theme");
        let css = css_for_theme_with_class_style(&theme, CLASS_STYLE).expect("css");
        assert!(css.contains(".hl-comment"), "{css}");
        assert!(css.contains("#908476"), "{css}");
        assert!(css.contains("italic"), "{css}");
    }

    #[test]
    fn bundled_themes_are_found_by_any_spelling() {
        let none = BTreeMap::new();
        assert!(find_theme(&none, "gruvbox_dark").is_some());
        assert!(find_theme(&none, "Solarized (light)").is_some());
        assert!(find_theme(&none, "github-light").is_some());
        assert!(find_theme(&none, "dark-plus").is_some());
        assert!(find_theme(&none, "no-such-theme").is_none());
    }
}
