//! Content paths and URLs as templates give them (`@/reports/x.md`, `/style.css`), in
//! the language asked for (`lang="pl"`: `reports/x.pl.md`, `/pl/…`).

use tera::Value;

use super::deps::{self, Lookup};
use super::{Library, LookupError, content_path};

impl Library {
    /// The content path of `rel`'s version in `lang` (`about.md` → `about.pl.md`); an
    /// error names a language the site does not have.
    pub(super) fn in_language(&self, rel: &str, lang: Option<&str>) -> Result<String, LookupError> {
        let config = &self.config;
        let Some(lang) = lang.filter(|l| *l != config.language) else {
            return Ok(rel.to_string());
        };
        if !config.has_language(lang) {
            return Err(format!(
                "`{lang}` is not one of the site's languages ({}); add [languages.{lang}] to config.toml",
                config.language_codes().join(", ")
            ));
        }
        Ok(match rel.strip_suffix(".md") {
            Some(stem) => format!("{stem}.{lang}.md"),
            None => rel.to_string(),
        })
    }

    /// `get_version(path=…, lang=…)`: the content file's version in `lang` when it has
    /// one, else the default language's (`{ permalink, lang, title }`), else none, so
    /// that a theme can link to a page in its reader's language where it is translated
    /// and leave the link out on a site that has no such page.
    pub fn version(&self, path: &str, lang: Option<&str>) -> Result<Value, LookupError> {
        let rel = content_path(path);
        let wanted = self.in_language(rel, lang)?;
        for candidate in [wanted.as_str(), rel] {
            deps::note(Lookup::Page(candidate.to_string()));
            if let Some(item) = self.site.lookup(candidate) {
                let loc = self.site.location(item);
                let version_lang = if candidate == rel {
                    self.config.language.as_str()
                } else {
                    lang.unwrap_or(&self.config.language)
                };
                let title = match item {
                    crate::content::Item::Page(i) => self.site.pages[i].meta.title.as_deref(),
                    crate::content::Item::Section(i) => self.site.sections[i].meta.title.as_deref(),
                };
                let mut map = tera::Map::new();
                map.insert("permalink".into(), Value::from(loc.permalink.as_str()));
                map.insert("lang".into(), Value::from(version_lang));
                map.insert("title".into(), title.map_or_else(Value::none, Value::from));
                return Ok(Value::from(map));
            }
        }
        Ok(Value::none())
    }

    /// The content path of the page the theme declares as `name` (`[pages.<name>]` in
    /// its `theme.toml`): the one `[extra.pages]` names in `config.toml`, else the first
    /// default-language page (by path) with the page's template or kind; none when the
    /// site has none. An error for a name the theme does not declare.
    pub fn theme_page_path(&self, name: &str) -> Result<Option<String>, LookupError> {
        let config = &self.config;
        let Some(wanted) = config.theme_pages.get(name) else {
            let names: Vec<&str> = config.theme_pages.keys().map(String::as_str).collect();
            return Err(format!(
                "theme_page: the theme declares no page `{name}` in its theme.toml; it declares: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        let named = config
            .extra
            .get("pages")
            .and_then(|p| p.get(name))
            .and_then(toml::Value::as_str);
        if let Some(path) = named {
            return Ok(Some(content_path(path).to_string()));
        }
        let template = Some(wanted.template.as_str());
        let of_kind = |p: &crate::content::Page| match (&p.kind, &wanted.kind) {
            (Some(k), Some(wanted)) => k.name() == wanted,
            _ => false,
        };
        let pages = (self.site.pages.iter())
            .filter(|p| p.meta.template.as_deref() == template || of_kind(p));
        let pages = pages.map(|p| &p.loc);
        let sections = (self.site.sections.iter())
            .filter(|s| s.meta.template.as_deref() == template)
            .map(|s| &s.loc);
        Ok(pages
            .chain(sections)
            .filter(|loc| loc.lang == config.language)
            .map(|loc| loc.relative_path.clone())
            .min())
    }

    /// `theme_page(name=…, lang=…)`: the page the theme declares as `name`, in `lang`
    /// where it is translated (as [`Library::version`] gives it), or none, so that the
    /// theme leaves its link out on a site without that page.
    pub fn theme_page(&self, name: &str, lang: Option<&str>) -> Result<Value, LookupError> {
        match self.theme_page_path(name)? {
            Some(path) => self.version(&path, lang),
            None => Ok(Value::none()),
        }
    }

    /// `get_url`: the URL of a content path (`@/reports/x.md#part`), of a file of the
    /// site (`/style.css`, under `/<lang>/` when a language is asked for), or an address
    /// as it is.
    pub fn url(&self, path: &str, lang: Option<&str>) -> Result<String, LookupError> {
        if let Some(rel) = path.strip_prefix("@/") {
            let (file, anchor) = rel
                .split_once('#')
                .map_or((rel, None), |(f, a)| (f, Some(a)));
            let file = self.in_language(file, lang)?;
            return match self.site.lookup(&file) {
                Some(item) => {
                    let u = &self.site.location(item).permalink;
                    Ok(anchor.map_or_else(|| u.clone(), |a| format!("{u}#{a}")))
                }
                None => Err(format!("get_url: there is no content/{file}")),
            };
        }
        if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
            return Ok(path.to_string());
        }
        let trimmed = path.trim_start_matches('/');
        if let Some(item) = self.site.lookup(trimmed) {
            return Ok(self.site.location(item).permalink.clone());
        }
        let prefix = lang.map_or_else(String::new, |l| self.config.language_prefix(l));
        Ok(format!("{}{prefix}/{trimmed}", self.config.base_url))
    }

    /// `trans(key=…, lang=…)`.
    pub fn translate(&self, key: &str, lang: Option<&str>) -> Result<String, LookupError> {
        self.config.translate(key, lang).map(str::to_string)
    }
}
