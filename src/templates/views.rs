//! The values templates see for pages and sections, with Zola's field names.
//!
//! Each page's value is built once and shared (Tera values are reference-counted), so
//! a section listing a thousand pages does not copy them.

use serde::Serialize;
use tera::Value;

use crate::content::{Page, Section};
use crate::markdown::{Heading, Rendered};

/// Words per minute for `reading_time`, as Zola.
const WORDS_PER_MINUTE: usize = 200;

#[derive(Serialize)]
struct PageView<'a> {
    relative_path: &'a str,
    colocated_path: Option<String>,
    summary: Option<&'a str>,
    permalink: &'a str,
    path: &'a str,
    slug: &'a str,
    components: &'a [String],
    ancestors: &'a [String],
    title: Option<&'a str>,
    description: Option<&'a str>,
    date: Option<String>,
    updated: Option<String>,
    date_rfc3339: Option<String>,
    updated_rfc3339: Option<String>,
    year: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
    draft: bool,
    weight: Option<i64>,
    authors: &'a [String],
    extra: &'a toml::Table,
    toc: &'a [Heading],
    word_count: usize,
    reading_time: usize,
    assets: Vec<&'a str>,
    lang: &'a str,
}

/// The value for `page` (without `lower`/`higher`, see [`with`]).
///
/// `content` is the page's HTML, moved into the value so it is held once.
pub fn page_value(page: &Page, rendered: &Rendered, content: String, lang: &str) -> Value {
    let m = &page.meta;
    let date = m.date.as_ref().map(|d| d.date());
    let view = PageView {
        relative_path: &page.loc.relative_path,
        colocated_path: page
            .loc
            .relative_path
            .strip_suffix("index.md")
            .map(str::to_string),
        summary: rendered.summary.as_deref(),
        permalink: &page.loc.permalink,
        path: &page.loc.path,
        slug: &page.slug,
        components: &page.loc.components,
        ancestors: &page.loc.ancestors,
        title: m.title.as_deref(),
        description: m.description.as_deref(),
        date: m.date.as_ref().map(ToString::to_string),
        updated: m.updated.as_ref().map(ToString::to_string),
        date_rfc3339: m.date.as_ref().map(|d| d.rfc3339()),
        updated_rfc3339: m.updated.as_ref().map(|d| d.rfc3339()),
        year: date.map(|d| d.year()),
        month: date.map(|d| d.month()),
        day: date.map(|d| d.day()),
        draft: m.draft,
        weight: m.weight,
        authors: &m.authors,
        extra: &m.extra,
        toc: &rendered.toc,
        word_count: rendered.word_count,
        reading_time: reading_time(rendered.word_count),
        assets: page
            .loc
            .assets
            .iter()
            .map(|a| a.relative.as_str())
            .collect(),
        lang,
    };
    with(
        &Value::from_serializable(&view),
        vec![("content", Value::from(content))],
    )
}

/// A copy of a page value with more fields (`lower`, `higher`, `kind`, `data`).
pub fn with(base: &Value, fields: Vec<(&'static str, Value)>) -> Value {
    let Some(mut map) = base.clone().into_map() else {
        return base.clone();
    };
    for (key, value) in fields {
        map.insert(key.into(), value);
    }
    Value::from(map)
}

#[derive(Serialize)]
struct SectionView<'a> {
    relative_path: &'a str,
    content: &'a str,
    permalink: &'a str,
    path: &'a str,
    components: &'a [String],
    ancestors: &'a [String],
    title: Option<&'a str>,
    description: Option<&'a str>,
    weight: i64,
    extra: &'a toml::Table,
    toc: &'a [Heading],
    word_count: usize,
    reading_time: usize,
    assets: Vec<&'a str>,
    subsections: Vec<&'a str>,
    lang: &'a str,
}

/// The value for `section`, listing its pages' values in order.
pub fn section_value(
    section: &Section,
    rendered: &Rendered,
    pages: Vec<Value>,
    subsections: Vec<&str>,
    lang: &str,
) -> Value {
    let m = &section.meta;
    let view = SectionView {
        relative_path: &section.loc.relative_path,
        content: &rendered.html,
        permalink: &section.loc.permalink,
        path: &section.loc.path,
        components: &section.loc.components,
        ancestors: &section.loc.ancestors,
        title: m.title.as_deref(),
        description: m.description.as_deref(),
        weight: m.weight,
        extra: &m.extra,
        toc: &rendered.toc,
        word_count: rendered.word_count,
        reading_time: reading_time(rendered.word_count),
        assets: section
            .loc
            .assets
            .iter()
            .map(|a| a.relative.as_str())
            .collect(),
        subsections,
        lang,
    };
    let Some(mut map) = Value::from_serializable(&view).into_map() else {
        return Value::none();
    };
    map.insert("pages".into(), Value::from(pages));
    Value::from(map)
}

fn reading_time(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}
