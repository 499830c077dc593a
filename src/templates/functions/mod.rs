//! The functions and filters templates can call, with Zola's names.
//!
//! Those that read the site are in [`site`]: they read one [`super::Library`] and are
//! registered again with each new library ([`register_library`]).

mod files;
mod filters;
mod images;
mod site;

pub use site::register_library;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Registers every function and filter that does not read the site (before any template
/// is added).
pub fn register(
    tera: &mut Tera,
    root: &Path,
    theme: Option<&Path>,
    default_language: &str,
    processor: &Arc<crate::images::Images>,
) {
    tera.register_filter("human_date", human_date);
    let default_language = default_language.to_string();
    tera.register_function("text_direction", move |kwargs: Kwargs, state: &State| {
        text_direction(&kwargs, state, &default_language)
    });
    tera.register_function("language_name", language_name);
    let files = files::SiteFiles::new(root, theme);
    let (f, p) = (files.clone(), Arc::clone(processor));
    tera.register_function("resize_image", move |kwargs: Kwargs, _: &State| {
        images::resize_image(&f, &p, &kwargs)
    });
    let (f, p) = (files.clone(), Arc::clone(processor));
    tera.register_function("get_image_metadata", move |kwargs: Kwargs, _: &State| {
        images::get_image_metadata(&f, &p, &kwargs)
    });
    tera.register_function("get_hash", move |kwargs: Kwargs, state: &State| {
        files.get_hash(&kwargs, state)
    });
    let root = root.to_path_buf();
    let cache: Arc<Mutex<HashMap<PathBuf, Value>>> = Arc::default();
    tera.register_function("load_data", move |kwargs: Kwargs, _: &State| {
        if let Some(url) = kwargs.get::<&str>("url")? {
            return Err(tera::Error::message(format!(
                "load_data: safesite builds offline, so it does not fetch `{url}`{}save the file in the site (such as data/{}) and load it with path=\"data/…\"",
                crate::templates::HELP,
                url.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("file.json")
            )));
        }
        let path: &str = kwargs.must_get("path")?;
        let format: Option<&str> = kwargs.get("format")?;
        let required = kwargs.get::<bool>("required")?.unwrap_or(true);
        match load_data(&root, path, format, &cache) {
            // `required = false`: a missing file gives nothing, as in Zola.
            Err(e) if !required && e.to_string().contains("cannot read") => Ok(Value::none()),
            other => other,
        }
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
    // The rest of Zola 0.23's built-ins from tera-contrib, under Zola's names.
    tera.register_filter("base64_encode", tera_contrib::base64::b64_encode);
    tera.register_filter("base64_decode", tera_contrib::base64::b64_decode);
    tera.register_filter(
        "regex_replace",
        tera_contrib::regex::RegexReplace::default(),
    );
    tera.register_filter("striptags", tera_contrib::regex::striptags);
    tera.register_filter("spaceless", tera_contrib::regex::spaceless);
    tera.register_filter("format", tera_contrib::format::format);
    tera.register_filter("shuffle", tera_contrib::rand::shuffle);
    tera.register_function("get_random", tera_contrib::rand::get_random);
    tera.register_filter("slice", filters::slice);
    tera.register_filter("concat", filters::concat);
    tera.register_filter("filter", filters::filter);
    tera.register_filter("map", filters::map);
    tera.register_filter("trim_start_matches", filters::trim_start_matches);
    tera.register_filter("trim_end_matches", filters::trim_end_matches);
    tera.register_filter("num_format", filters::num_format);
    tera.register_test("matching", tera_contrib::regex::Matching::default());
    tera.register_test("before", tera_contrib::dates::is_before);
    tera.register_test("after", tera_contrib::dates::is_after);
    let started = jiff::Zoned::now();
    tera.register_function("now", move |kwargs: Kwargs, _: &State| {
        now(&started, &kwargs)
    });
}

/// `now(utc=false, timestamp=false)`: when the build started, as Zola gives it (an
/// RFC 3339 date and time, local or in UTC, or seconds since 1970), the same for every
/// page of a build.
fn now(started: &jiff::Zoned, kwargs: &Kwargs) -> TeraResult<Value> {
    let utc = kwargs.get::<bool>("utc")?.unwrap_or(false);
    let timestamp = kwargs.get::<bool>("timestamp")?.unwrap_or(false);
    if timestamp {
        return Ok(Value::from(started.timestamp().as_second()));
    }
    Ok(Value::from(if utc {
        started.timestamp().to_string()
    } else {
        started.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }))
}

/// `text_direction(lang=…)`: `rtl` for a language written right to left (Urdu, Arabic,
/// Persian, Hebrew…), else `ltr`, for `<html dir>`; the page's `lang` when none is given.
fn text_direction(kwargs: &Kwargs, state: &State, default: &str) -> TeraResult<String> {
    let lang: String = match kwargs.get::<String>("lang")? {
        Some(lang) => lang,
        None => state
            .get::<String>("lang")?
            .unwrap_or_else(|| default.to_string()),
    };
    if let Some(problem) = crate::config::languages::code_problem(&lang) {
        return Err(tera::Error::message(format!(
            "text_direction: `{lang}` is not a language code: {problem}"
        )));
    }
    let rtl = crate::config::languages::is_right_to_left(&lang);
    Ok(if rtl { "rtl" } else { "ltr" }.to_string())
}

/// `language_name(lang=…)`: the language's name in itself (`pl` → `Polski`, `ur` → `اردو`),
/// for a language switcher that every reader can find their language in; the code
/// itself for a language safesite does not know.
fn language_name(kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let lang: String = kwargs.must_get("lang")?;
    Ok(crate::config::languages::autonym(&lang).map_or(lang.clone(), str::to_string))
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
