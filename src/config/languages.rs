//! `[languages.<code>]`: the site's other languages, each with its own title, feeds,
//! taxonomies and translated strings, as Zola reads them; and what safesite knows of a
//! language code (its direction, its name in itself).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::taxonomies::TaxonomyConfig;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// One `[languages.<code>]` table.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language.
    #[serde(default)]
    pub title: Option<String>,
    /// The site's description in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether this language's pages get feeds (`/<code>/atom.xml`).
    #[serde(default)]
    pub generate_feeds: bool,
    /// This language's feeds by template name, as the top-level `feed_filenames`
    /// (an Atom feed when not given, as in Zola).
    #[serde(default = "super::atom_only")]
    pub feed_filenames: Vec<toml::Spanned<String>>,
    /// The taxonomies of this language's pages.
    #[serde(default)]
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Whether this language's pages are in the search index.
    #[serde(default)]
    pub build_search_index: bool,
    /// Zola's search-index options (for its elasticlunr index; safesite's is Pagefind).
    #[serde(default, skip_serializing)]
    pub search: Option<toml::Value>,
    /// Strings for `trans(key=…, lang=…)`, over the theme's.
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}

/// Primary language subtags written right to left.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ku", "ps", "sd", "syr", "ug", "ur",
    "yi",
];

/// Whether text in the language `code` (a BCP 47 tag) runs right to left: by its script
/// subtag when it has one (`pa-Arab`, `ku-Latn`), else by its language.
pub fn is_right_to_left(code: &str) -> bool {
    let mut parts = code.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let script = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    match script.map(str::to_ascii_lowercase).as_deref() {
        Some("arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg") => true,
        Some(_) => false,
        None => RIGHT_TO_LEFT.contains(&language.as_str()),
    }
}

/// Languages by their names in themselves, for a language switcher: English and the
/// community languages most spoken in England, and Zola's common ones.
const AUTONYMS: &[(&str, &str)] = &[
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("bg", "Български"),
    ("bn", "বাংলা"),
    ("cs", "Čeština"),
    ("cy", "Cymraeg"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("fa", "فارسی"),
    ("fr", "Français"),
    ("gu", "ગુજરાતી"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hu", "Magyar"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ku", "Kurdî"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("ml", "മലയാളം"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "Polski"),
    ("ps", "پښتو"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sk", "Slovenčina"),
    ("so", "Soomaali"),
    ("sq", "Shqip"),
    ("ta", "தமிழ்"),
    ("ti", "ትግርኛ"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

/// The name of the language `code` in itself (`pl` → `Polski`), if safesite knows it.
pub fn autonym(code: &str) -> Option<&'static str> {
    let language = code.split(['-', '_']).next().unwrap_or_default();
    AUTONYMS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(language))
        .map(|(_, name)| *name)
}

/// Why `code` is not a language tag (BCP 47: a 2–3 letter language, then subtags of
/// letters and digits), or `None` when it is one.
pub fn code_problem(code: &str) -> Option<&'static str> {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some("a language code starts with two or three letters, such as `pl` or `ur`");
    }
    if parts.any(|p| p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric())) {
        return Some(
            "after the language, a code has parts of letters and digits joined by `-`, such as `pa-Arab` or `en-GB`",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_script_then_the_language() {
        assert!(is_right_to_left("ur"));
        assert!(is_right_to_left("ar-EG"));
        assert!(is_right_to_left("pa-Arab"));
        assert!(!is_right_to_left("pa"));
        assert!(!is_right_to_left("ku-Latn"));
        assert!(!is_right_to_left("en-GB"));
    }

    #[test]
    fn codes_are_checked_as_language_tags() {
        assert_eq!(code_problem("pl"), None);
        assert_eq!(code_problem("en-GB"), None);
        assert_eq!(code_problem("zh-Hant-TW"), None);
        assert!(code_problem("polish").is_some());
        assert!(code_problem("p1").is_some());
        assert!(code_problem("en--GB").is_some());
        assert_eq!(autonym("pl"), Some("Polski"));
        assert_eq!(autonym("ur-PK"), Some("اردو"));
    }
}

impl super::Config {
    /// Whether the site has languages besides its default one.
    pub fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// Every language of the site, the default first.
    pub fn language_codes(&self) -> Vec<&str> {
        std::iter::once(self.language.as_str())
            .chain(self.languages.keys().map(|k| k.get_ref().as_str()))
            .collect()
    }

    /// Whether `code` is one of the site's languages.
    pub fn has_language(&self, code: &str) -> bool {
        code == self.language || self.languages.contains_key(code)
    }

    /// What a language's URLs start with: nothing for the default, `/pl` for Polish.
    pub fn language_prefix(&self, lang: &str) -> String {
        if lang == self.language {
            String::new()
        } else {
            format!("/{lang}")
        }
    }

    /// The taxonomies of `lang`'s pages.
    pub fn taxonomies_of(&self, lang: &str) -> &[super::TaxonomyConfig] {
        if lang == self.language {
            &self.taxonomies
        } else {
            self.languages
                .get(lang)
                .map_or(&[], |l| l.taxonomies.as_slice())
        }
    }

    /// The feeds (template names, and the file names they are written to) of `lang`'s
    /// listings, with where each is named in the settings file (none for the default).
    pub fn feed_files(&self, lang: &str) -> Vec<&toml::Spanned<String>> {
        if lang == self.language {
            self.feed_filenames.iter().collect()
        } else {
            self.languages
                .get(lang)
                .map(|l| l.feed_filenames.iter().collect())
                .unwrap_or_default()
        }
    }

    /// Whether `lang`'s pages get feeds.
    pub fn feeds_for(&self, lang: &str) -> bool {
        if lang == self.language {
            self.generate_feeds
        } else {
            self.languages.get(lang).is_some_and(|l| l.generate_feeds)
        }
    }

    /// The site's title in `lang` (the default language's when it has none of its own).
    pub fn title_for(&self, lang: &str) -> Option<&str> {
        self.languages
            .get(lang)
            .and_then(|l| l.title.as_deref())
            .or(self.title.as_deref())
    }

    /// The site's own string `key` in `lang` (`[translations]` or
    /// `[languages.<lang>.translations]`).
    pub fn translation(&self, lang: &str, key: &str) -> Option<&str> {
        let table = if lang == self.language {
            &self.translations
        } else {
            &self.languages.get(lang)?.translations
        };
        table.get(key).map(String::as_str)
    }

    /// The string `key` in `lang` itself: the site's own, else the theme's for that
    /// language (or its base language), without falling back to English.
    pub fn translation_in(&self, lang: &str, key: &str) -> Option<&str> {
        let base = lang.split(['-', '_']).next().unwrap_or(lang);
        self.translation(lang, key).or_else(|| {
            [lang, base].into_iter().find_map(|code| {
                self.theme_translations
                    .get(code)
                    .and_then(|t| t.get(key))
                    .map(String::as_str)
            })
        })
    }

    /// `trans(key=…, lang=…)`: the site's own string, else the theme's for that
    /// language (or for its base language: `pl` for `pl-PL`), else, for a string the
    /// theme has, the theme's in its first language (English), so a language the theme
    /// does not ship still builds (a warning at load says so).
    pub fn translate(&self, key: &str, lang: Option<&str>) -> Result<&str, String> {
        let lang = lang.unwrap_or(&self.language);
        if !self.has_language(lang) {
            return Err(format!(
                "trans: `{lang}` is not one of the site's languages ({})",
                self.language_codes().join(", ")
            ));
        }
        if let Some(text) = self.translation(lang, key) {
            return Ok(text);
        }
        let base = lang.split(['-', '_']).next().unwrap_or(lang);
        let theme = |code: &str| {
            self.theme_translations
                .get(code)
                .and_then(|t| t.get(key))
                .map(String::as_str)
        };
        if let Some(text) = theme(lang).or_else(|| theme(base)).or_else(|| theme("en")) {
            return Ok(text);
        }
        let table = if lang == self.language {
            "[translations]".to_string()
        } else {
            format!("[languages.{lang}.translations]")
        };
        Err(format!(
            "trans: there is no translation of `{key}` in `{lang}`; add {key} = \"…\" under {table} in config.toml"
        ))
    }

    /// A warning for each of the site's languages whose theme strings would show in
    /// English (the quick exit, the footer): the theme ships none for it, and its
    /// `[languages.<code>.translations]` leaves some of them out. At the language's table.
    pub(super) fn untranslated_warnings(&self, file: &SourceFile) -> Vec<Diagnostic> {
        let Some(english) = self.theme_translations.get("en") else {
            return Vec::new();
        };
        let mut warnings = Vec::new();
        for (code, own) in &self.languages {
            let code_str = code.get_ref().as_str();
            let base = code_str.split(['-', '_']).next().unwrap_or(code_str);
            if code_str == self.language
                || self.theme_translations.contains_key(code_str)
                || self.theme_translations.contains_key(base)
            {
                continue;
            }
            if english.keys().all(|k| own.translations.contains_key(k)) {
                continue;
            }
            let theme = self.theme.as_deref().unwrap_or("the theme");
            warnings.push(
                Diagnostic::warning(format!(
                    "the {theme} theme has no strings in `{code_str}`: its quick exit, footer and search will show in English on the `{code_str}` pages"
                ))
                .in_file(&file.rel)
                .at(&file.text, code.span())
                .with_hint(format!(
                    "add them under [languages.{code_str}.translations], with the keys of themes/{theme}/translations/en.toml"
                )),
            );
        }
        warnings
    }

    /// `config.languages` as templates see it: every language, the default included.
    pub(super) fn languages_value(&self) -> BTreeMap<&str, LanguageView<'_>> {
        let default = LanguageView {
            title: self.title.as_deref(),
            description: self.description.as_deref(),
            generate_feeds: self.generate_feeds,
            taxonomies: &self.taxonomies,
            build_search_index: self.search_index(),
            translations: &self.translations,
        };
        std::iter::once((self.language.as_str(), default))
            .chain(self.languages.iter().map(|(code, l)| {
                let view = LanguageView {
                    title: l.title.as_deref(),
                    description: l.description.as_deref(),
                    generate_feeds: l.generate_feeds,
                    taxonomies: &l.taxonomies,
                    build_search_index: l.build_search_index,
                    translations: &l.translations,
                };
                (code.get_ref().as_str(), view)
            }))
            .collect()
    }
}

/// One language in `config.languages`.
#[derive(Serialize)]
pub(super) struct LanguageView<'a> {
    title: Option<&'a str>,
    description: Option<&'a str>,
    generate_feeds: bool,
    taxonomies: &'a [super::TaxonomyConfig],
    build_search_index: bool,
    translations: &'a BTreeMap<String, String>,
}
