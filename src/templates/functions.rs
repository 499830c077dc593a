//! The functions and filters templates can call, with Zola's names.
//!
//! Those that read the site (`get_url`, `get_page`, `get_section`, `all_pages`,
//! `recommendations()`, the `markdown` filter) read one [`Library`]; they are registered
//! again with each new library ([`register_library`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::library::Library;

/// Registers every function and filter that does not read the site (before any template
/// is added).
pub fn register(tera: &mut Tera, root: &Path) {
    tera.register_filter("human_date", human_date);
    let root = root.to_path_buf();
    let cache: Arc<Mutex<HashMap<PathBuf, Value>>> = Arc::default();
    tera.register_function("load_data", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let format: Option<&str> = kwargs.get("format")?;
        load_data(&root, path, format, &cache)
    });
    tera.register_filter("date", tera_contrib::dates::date);
    tera.register_filter("slugify", tera_contrib::slug::slug);
    tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
    tera.register_filter(
        "urlencode_strict",
        tera_contrib::urlencode::urlencode_strict,
    );
    tera.register_filter(
        "filesizeformat",
        tera_contrib::filesize_format::filesize_format,
    );
    tera.register_filter("json_encode", tera_contrib::json::json_encode);
}

/// Registers (or replaces) the functions and filters that read `library`.
pub fn register_library(tera: &mut Tera, library: &Arc<Library>, smart_punctuation: bool) {
    let lib = Arc::clone(library);
    tera.register_function(
        "get_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path: &str = kwargs.must_get("path")?;
            let mut url = lib.url(path).map_err(tera::Error::message)?;
            if kwargs.get::<bool>("trailing_slash")? == Some(false) {
                url = url.trim_end_matches('/').to_string();
            }
            Ok(Value::from(url))
        },
    );
    let lib = Arc::clone(library);
    tera.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        lib.page(kwargs.must_get::<&str>("path")?)
            .map_err(tera::Error::message)
    });
    let lib = Arc::clone(library);
    tera.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        let metadata_only = kwargs.get::<bool>("metadata_only")?.unwrap_or(false);
        lib.section(kwargs.must_get::<&str>("path")?, metadata_only)
            .map_err(tera::Error::message)
    });
    let lib = Arc::clone(library);
    tera.register_function("all_pages", move |_: Kwargs, _: &State| lib.all_pages());
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

/// `{{ "2025-06-30" | human_date }}` → `30 June 2025`; a month alone (`"2020-06"`) →
/// `June 2020`, as GOV.UK writes dates.
fn human_date(value: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    let date = crate::content::date::DateValue::parse(value)
        .ok_or_else(|| tera::Error::message(format!("human_date: `{value}` is not a date")))?;
    let format = if date.month_only {
        "%B %Y"
    } else {
        "%-d %B %Y"
    };
    Ok(date.date().strftime(format).to_string())
}

/// `{{ text | markdown }}`: Markdown → HTML (no shortcodes), with `@/` links resolved as
/// in content (a shortcode's body often holds one); `inline=true` drops the `<p>`.
fn markdown_filter(
    lib: &Library,
    smart_punctuation: bool,
    text: &str,
    kwargs: Kwargs,
) -> TeraResult<Value> {
    use pulldown_cmark::{Event, Options, Tag};
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    if smart_punctuation {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
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
                    .url(&dest_url)
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

/// Reads a data file (TOML, JSON, CSV or plain text) under the site root, once per build.
fn load_data(
    root: &Path,
    path: &str,
    format: Option<&str>,
    cache: &Mutex<HashMap<PathBuf, Value>>,
) -> TeraResult<Value> {
    let rel = Path::new(path.trim_start_matches('/'));
    if rel
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(tera::Error::message(format!(
            "load_data: `{path}` points outside the site folder"
        )));
    }
    let full = if let Some(content) = path.strip_prefix("@/") {
        root.join("content").join(content)
    } else {
        root.join(rel)
    };
    if let Some(v) = cache.lock().ok().and_then(|c| c.get(&full).cloned()) {
        return Ok(v);
    }
    let text = std::fs::read_to_string(&full)
        .map_err(|e| tera::Error::message(format!("load_data: cannot read `{path}`: {e}")))?;
    let format = format
        .map(str::to_string)
        .or_else(|| full.extension().map(|e| e.to_string_lossy().to_lowercase()))
        .unwrap_or_else(|| "plain".into());
    let value = match format.as_str() {
        "toml" => {
            let t: toml::Table = toml::from_str(&text).map_err(|e| {
                tera::Error::message(format!(
                    "load_data: `{path}` is not valid TOML: {}",
                    e.message()
                ))
            })?;
            Value::from_serializable(&t)
        }
        "json" => {
            let j: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                tera::Error::message(format!("load_data: `{path}` is not valid JSON: {e}"))
            })?;
            Value::from_serializable(&j)
        }
        "csv" => Value::from_serializable(&parse_csv(&text)?),
        "plain" | "txt" | "md" | "html" => Value::from(text),
        other => {
            return Err(tera::Error::message(format!(
                "load_data: unknown format `{other}`; use toml, json, csv or plain"
            )));
        }
    };
    if let Ok(mut c) = cache.lock() {
        c.insert(full, value.clone());
    }
    Ok(value)
}

/// CSV as `{headers, records}`, the shape Zola gives templates.
fn parse_csv(text: &str) -> TeraResult<serde_json::Value> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let bad = |e: csv::Error| tera::Error::message(format!("load_data: the CSV is not valid: {e}"));
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| r.map(|rec| rec.iter().map(str::to_string).collect::<Vec<_>>()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    Ok(serde_json::json!({ "headers": headers, "records": records }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes() {
        let v = parse_csv("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n").expect("csv");
        assert_eq!(v["headers"], serde_json::json!(["a", "b"]));
        assert_eq!(v["records"][0], serde_json::json!(["x, y", "say \"hi\""]));
    }
}
