//! What a content file's name says: whether it is a section, a page bundle or a page,
//! its language (`about.pl.md`), and a date it starts with (`2024-05-01-update.md`).

use crate::config::Config;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;

/// What a content file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `_index.md` (or `_index.<lang>.md`): a section.
    Section,
    /// `index.md` (or `index.<lang>.md`): a page bundle, named by its folder.
    Bundle,
    /// Any other `.md` file.
    Page,
}

/// A content file's name, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Section, bundle or page.
    pub role: Role,
    /// The folder it is in, below `content/` (`` at the top).
    pub dir: String,
    /// The name without `.md` and without its language (`about` for `about.pl.md`; for a
    /// bundle, its folder's name).
    pub stem: String,
    /// Its language: the code in the name, or the site's default.
    pub lang: String,
    /// The same file's path in the default language (`about.md` for `about.pl.md`):
    /// files sharing it are translations of each other.
    pub canonical: String,
}

/// Reads the name of `content/<rel>`. A language code that the site does not have is an
/// error naming the file and the languages it has.
pub fn read(rel: &str, config: &Config) -> Result<Name, Diagnostic> {
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let base = file.strip_suffix(".md").unwrap_or(file);
    let (name, lang) = language(base, rel, config)?;
    let role = match name {
        "_index" => Role::Section,
        "index" => Role::Bundle,
        _ => Role::Page,
    };
    let stem = match role {
        Role::Bundle => dir.rsplit('/').next().unwrap_or_default().to_string(),
        _ => name.to_string(),
    };
    let canonical = if dir.is_empty() {
        format!("{name}.md")
    } else {
        format!("{dir}/{name}.md")
    };
    Ok(Name {
        role,
        dir: dir.to_string(),
        stem,
        lang,
        canonical,
    })
}

/// Splits `about.pl` into `about` and `pl`; a code that is not one of the site's
/// languages is an error.
fn language<'a>(
    base: &'a str,
    rel: &str,
    config: &Config,
) -> Result<(&'a str, String), Diagnostic> {
    let default = || Ok((base, config.language.clone()));
    let Some((name, code)) = base.split_once('.') else {
        return default();
    };
    // A single-language site reads a dot as part of the name (`notes.old.md`), unless
    // what follows is plainly a language code (`about.pl.md`, `about.pa-Arab.md`): that
    // page would be published at /about.pl/, in the wrong language.
    let looks_like_code = crate::config::languages::code_problem(code).is_none()
        && (code.len() == 2 || code.contains('-'));
    if !config.is_multilingual() && !looks_like_code {
        return default();
    }
    if code == config.language {
        return Ok((name, code.to_string()));
    }
    if config.has_language(code) {
        return Ok((name, code.to_string()));
    }
    let codes = config.language_codes().join(", ");
    Err(Diagnostic::error(format!(
        "the file name says its language is `{code}`, which is not one of the site's languages ({codes})"
    ))
    .in_file(format!("content/{rel}"))
    .with_hint(if config.is_multilingual() {
        format!(
            "add [languages.{code}] to config.toml, or rename the file to {name}.<code>.md with one of: {codes}"
        )
    } else {
        format!(
            "add [languages.{code}] to config.toml to publish it under /{code}/, or rename the file to {name}.md"
        )
    }))
}

/// The first folder of `dir` whose name, used as it is in URLs (as Zola does), needs
/// escaping there: a space, or a character with a meaning in URLs.
pub fn awkward_folder(dir: &str) -> Option<&str> {
    dir.split('/').find(|folder| {
        folder
            .chars()
            .any(|c| c.is_whitespace() || "?#%&+\"<>\\|^`{}[]".contains(c))
    })
}

/// A date at the start of a file or bundle name and what follows it, as Zola reads one:
/// `2024-05-01-update` → the date and `update`; `2024-05-01` → the date alone.
pub fn dated(stem: &str) -> Option<(DateValue, Option<&str>)> {
    let date_len = date_prefix_len(stem)?;
    let date = DateValue::parse(&stem[..date_len])?;
    let rest = &stem[date_len..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let slug = rest.strip_prefix(['_', '-']).filter(|s| !s.is_empty());
    if slug.is_none() && !rest.is_empty() {
        return None;
    }
    Some((date, slug))
}

/// How long the `YYYY-MM-DD` (with an optional `THH:MM:SS` and zone) at the start is.
fn date_prefix_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let mut len = 10;
    if b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19)
    {
        len = 19;
        if b.get(len) == Some(&b'.') {
            len += 1;
            while b.get(len).is_some_and(u8::is_ascii_digit) {
                len += 1;
            }
        }
        match b.get(len) {
            Some(b'Z') => len += 1,
            Some(b'+' | b'-')
                if digits(len + 1..len + 3)
                    && b.get(len + 3) == Some(&b':')
                    && digits(len + 4..len + 6) =>
            {
                len += 6
            }
            _ => return None,
        }
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(languages: &str) -> Config {
        let text = format!("base_url = \"https://x.org\"\ndefault_language = \"en\"\n{languages}");
        toml::from_str(&text).expect("valid config")
    }

    #[test]
    fn names_say_role_language_and_translation() {
        let c = config("[languages.pl]\n[languages.ur]\n");
        let n = read("blog/about.pl.md", &c).expect("a Polish page");
        assert_eq!(
            (n.role, n.stem.as_str(), n.lang.as_str()),
            (Role::Page, "about", "pl")
        );
        assert_eq!(n.canonical, "blog/about.md");
        let n = read("blog/_index.ur.md", &c).expect("an Urdu section");
        assert_eq!((n.role, n.lang.as_str()), (Role::Section, "ur"));
        let n = read("blog/visit/index.pl.md", &c).expect("a Polish bundle");
        assert_eq!(
            (n.role, n.stem.as_str(), n.dir.as_str()),
            (Role::Bundle, "visit", "blog/visit")
        );
        let n = read("about.en.md", &c).expect("the default language named");
        assert_eq!((n.lang.as_str(), n.canonical.as_str()), ("en", "about.md"));
        let e = read("about.fr.md", &c).expect_err("French is not configured");
        assert!(e.message.contains("`fr`"), "{}", e.message);
        assert!(
            e.hint
                .as_deref()
                .unwrap_or_default()
                .contains("[languages.fr]")
        );
    }

    #[test]
    fn a_site_of_one_language_keeps_dots_in_names() {
        let n = read("v1.2-notes.md", &config("")).expect("a page");
        assert_eq!((n.stem.as_str(), n.lang.as_str()), ("v1.2-notes", "en"));
    }

    #[test]
    fn folders_with_spaces_are_awkward_in_urls() {
        assert_eq!(
            awkward_folder("Annual Reports/2024"),
            Some("Annual Reports")
        );
        assert_eq!(awkward_folder("reports/a&b"), Some("a&b"));
        assert_eq!(awkward_folder("café/中文"), None);
        assert_eq!(awkward_folder("applying_page_template"), None);
    }

    #[test]
    fn dates_at_the_start_of_names() {
        let (date, slug) = dated("2016-10-08_a-post-with-dates").expect("dated");
        assert_eq!(
            (date.to_string().as_str(), slug),
            ("2016-10-08", Some("a-post-with-dates"))
        );
        assert_eq!(dated("2024-05-01").map(|(_, s)| s), Some(None));
        assert!(dated("2024-05-01T10:00:00Z-launch").is_some());
        assert!(dated("2024-5-1-update").is_none());
        assert!(dated("2024-05-01x").is_none());
        assert!(dated("about").is_none());
    }
}
