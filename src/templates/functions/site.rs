//! The functions and filters that read the site: `get_url`, `get_page`, `get_section`,
//! `all_pages`, the taxonomy functions, `trans`, `human_date`, `recommendations()` and the `markdown`
//! filter. Each takes Zola's arguments, `lang` among them.

use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::SiteFiles;
use crate::templates::library::Library;

/// Registers (or replaces) the functions and filters that read `library`.
pub fn register_library(
    tera: &mut Tera,
    library: &Arc<Library>,
    smart_punctuation: bool,
    files: &SiteFiles,
) {
    let (lib, files) = (Arc::clone(library), files.clone());
    tera.register_function(
        "get_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> { get_url(&lib, &files, &kwargs) },
    );
    let lib = Arc::clone(library);
    tera.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        let lang = kwargs.get::<&str>("lang")?;
        let found = lib.page(kwargs.must_get::<&str>("path")?, lang);
        allow_missing("get_page", found, &kwargs)
    });
    let lib = Arc::clone(library);
    tera.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        let metadata_only = kwargs.get::<bool>("metadata_only")?.unwrap_or(false);
        let lang = kwargs.get::<&str>("lang")?;
        let found = lib.section(kwargs.must_get::<&str>("path")?, metadata_only, lang);
        allow_missing("get_section", found, &kwargs)
    });
    let lib = Arc::clone(library);
    tera.register_function("all_pages", move |_: Kwargs, _: &State| lib.all_pages());
    let lib = Arc::clone(library);
    tera.register_function("get_taxonomy", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        let found = lib.taxonomy(kind, kwargs.get("lang")?);
        optional("get_taxonomy", found, &kwargs)
    });
    let lib = Arc::clone(library);
    tera.register_function("get_taxonomy_url", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        // `name` is the older spelling of `term`, still accepted as Zola 0.23 does.
        let term: &str = match kwargs.get("term")? {
            Some(term) => term,
            None => kwargs.must_get("name")?,
        };
        let found = lib
            .taxonomy_url(kind, term, kwargs.get("lang")?)
            .map(Value::from);
        optional("get_taxonomy_url", found, &kwargs)
    });
    let lib = Arc::clone(library);
    tera.register_function("get_taxonomy_term", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        let term: &str = kwargs.must_get("term")?;
        let include_pages = kwargs.get::<bool>("include_pages")?.unwrap_or(true);
        let found = lib.taxonomy_term(kind, term, kwargs.get("lang")?, include_pages);
        optional("get_taxonomy_term", found, &kwargs)
    });
    let lib = Arc::clone(library);
    tera.register_function("get_version", move |kwargs: Kwargs, _: &State| {
        let lang = kwargs.get::<&str>("lang")?;
        lib.version(kwargs.must_get::<&str>("path")?, lang)
            .map_err(tera::Error::message)
    });
    let lib = Arc::clone(library);
    tera.register_function("theme_page", move |kwargs: Kwargs, _: &State| {
        let lang = kwargs.get::<&str>("lang")?;
        lib.theme_page(kwargs.must_get::<&str>("name")?, lang)
            .map_err(tera::Error::message)
    });
    let lib = Arc::clone(library);
    tera.register_filter(
        "human_date",
        move |value: &str, kwargs: Kwargs, state: &State| {
            super::dates::human_date(lib.config(), value, &kwargs, state)
        },
    );
    let lib = Arc::clone(library);
    tera.register_function("trans", move |kwargs: Kwargs, _: &State| {
        let key: &str = kwargs.must_get("key")?;
        let lang = kwargs.get::<&str>("lang")?;
        lib.translate(key, lang)
            .map(Value::from)
            .map_err(tera::Error::message)
    });
    let lib = Arc::clone(library);
    tera.register_function("recommendations", move |kwargs: Kwargs, _: &State| {
        let all = lib.recommendations().ok_or_else(|| {
            tera::Error::message(
                "recommendations() cannot be used in a shortcode: reports are still being rendered",
            )
        })?;
        let status = kwargs.get::<&str>("status")?;
        let wanted: Vec<Value> = all
            .as_array()
            .unwrap_or_default()
            .iter()
            .filter(|r| {
                status.is_none_or(|s| r.get_from_path("status").and_then(Value::as_str) == Some(s))
            })
            .cloned()
            .collect();
        match kwargs.get::<&str>("group_by")? {
            None => Ok(Value::from(wanted)),
            Some("year") => Ok(by_year(wanted)),
            Some(other) => Err(tera::Error::message(format!(
                "recommendations: group_by=\"{other}\" is not known; use group_by=\"year\""
            ))),
        }
    });
    let lib = Arc::clone(library);
    tera.register_filter("markdown", move |text: &str, kwargs: Kwargs, _: &State| {
        markdown_filter(&lib, smart_punctuation, text, kwargs)
    });
}

/// `get_url(path, lang, trailing_slash, cachebust)`: a page's or section's address for an
/// `@/` path, else the address of a file of the site; `trailing_slash` adds or removes
/// the end slash; `cachebust=true` adds `?h=…` from the file's content.
fn get_url(lib: &Library, files: &SiteFiles, kwargs: &Kwargs) -> TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
    let lang = kwargs.get::<&str>("lang")?;
    let mut url = lib.url(path, lang).map_err(tera::Error::message)?;
    match kwargs.get::<bool>("trailing_slash")? {
        Some(false) => url.truncate(url.trim_end_matches('/').len()),
        Some(true) if !url.ends_with('/') => url.push('/'),
        _ => {}
    }
    if kwargs.get::<bool>("cachebust")? == Some(true) {
        if path.starts_with("@/") {
            return Err(tera::Error::message(format!(
                "get_url: cachebust=true is for a file (such as path=\"site.css\"), not the page {path}"
            )));
        }
        url.push_str(&files.cachebust(path)?);
    }
    Ok(Value::from(url))
}

/// A lookup's value; when it found nothing, none if the call says `required=false`,
/// else the error, named after the function.
fn optional(function: &str, found: Result<Value, String>, kwargs: &Kwargs) -> TeraResult<Value> {
    match found {
        Ok(value) => Ok(value),
        Err(_) if kwargs.get::<bool>("required")? == Some(false) => Ok(Value::none()),
        Err(why) => Err(tera::Error::message(format!("{function}: {why}"))),
    }
}

/// A page or section; when there is none, none if the call says `allow_missing=true`
/// (a link to a draft the template handles itself), else the error.
fn allow_missing(
    function: &str,
    found: Result<Value, String>,
    kwargs: &Kwargs,
) -> TeraResult<Value> {
    match found {
        Ok(value) => Ok(value),
        Err(_) if kwargs.get::<bool>("allow_missing")? == Some(true) => Ok(Value::none()),
        Err(why) => Err(tera::Error::message(format!("{function}: {why}"))),
    }
}

/// Recommendations (already newest year first within a status) grouped by year:
/// `[{ year, items }]`, newest first, undated ones last with `year` none.
fn by_year(recs: Vec<Value>) -> Value {
    let year = |r: &Value| r.get_from_path("year").and_then(|y| y.as_i64());
    let mut years: Vec<Option<i64>> = recs.iter().map(year).collect();
    years.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    years.dedup();
    let groups: Vec<Value> = years
        .into_iter()
        .map(|y| {
            let items: Vec<Value> = recs.iter().filter(|r| year(r) == y).cloned().collect();
            let mut group = tera::Map::new();
            group.insert("year".into(), y.map_or_else(Value::none, Value::from));
            group.insert("items".into(), Value::from(items));
            Value::from(group)
        })
        .collect();
    Value::from(groups)
}

/// `{{ text | markdown }}`: Markdown → HTML (no shortcodes), with `@/` links resolved as
/// in content (a shortcode's body often holds one); `inline=true` drops the `<p>`.
fn markdown_filter(
    lib: &Library,
    smart_punctuation: bool,
    text: &str,
    kwargs: Kwargs,
) -> TeraResult<Value> {
    use pulldown_cmark::{Event, Tag};
    // Read as the site's content is read, with its [markdown] switches.
    let md = &lib.config().markdown;
    let options =
        crate::markdown::parser_options(smart_punctuation, md.definition_list, md.github_alerts);
    let mut events = Vec::new();
    for event in pulldown_cmark::Parser::new_ext(text, options) {
        events.push(match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => Event::Start(Tag::Link {
                link_type,
                dest_url: lib
                    .url(&dest_url, None)
                    .map_err(|_| {
                        tera::Error::message(format!(
                            "markdown: the link {dest_url} names no file under content/"
                        ))
                    })?
                    .into(),
                title,
                id,
            }),
            other => other,
        });
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if kwargs.get::<bool>("inline")? == Some(true) {
        let trimmed = html.trim();
        if let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
            && !inner.contains("<p>")
        {
            html = inner.to_string();
        }
    }
    Ok(Value::safe_string(&html))
}
