//! The functions and filters templates can call, with Zola's names.
//!
//! Those that read the site are in [`site`]: they read one [`super::Library`] and are
//! registered again with each new library ([`register_library`]).

mod data;
mod dates;
mod files;
mod filters;
mod images;
mod site;

pub use files::SiteFiles;
pub use site::register_library;

use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Registers every function and filter that does not read the site (before any template
/// is added).
pub fn register(
    tera: &mut Tera,
    files: &SiteFiles,
    default_language: &str,
    processor: &Arc<crate::images::Images>,
) {
    let default_language = default_language.to_string();
    tera.register_function("text_direction", move |kwargs: Kwargs, state: &State| {
        text_direction(&kwargs, state, &default_language)
    });
    tera.register_function("language_name", language_name);
    let (f, p) = (files.clone(), Arc::clone(processor));
    tera.register_function("resize_image", move |kwargs: Kwargs, _: &State| {
        images::resize_image(&f, &p, &kwargs)
    });
    let (f, p) = (files.clone(), Arc::clone(processor));
    tera.register_function("get_image_metadata", move |kwargs: Kwargs, _: &State| {
        images::get_image_metadata(&f, &p, &kwargs)
    });
    let f = files.clone();
    tera.register_function("get_hash", move |kwargs: Kwargs, _: &State| {
        f.get_hash("get_hash", &kwargs)
    });
    // Zola 0.14's name for get_hash(path=…), still in older themes.
    let f = files.clone();
    tera.register_function("get_file_hash", move |kwargs: Kwargs, _: &State| {
        f.get_hash("get_file_hash", &kwargs)
    });
    let data = data::DataFiles::new(files.clone());
    tera.register_function("load_data", move |kwargs: Kwargs, _: &State| {
        data.load(&kwargs)
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
