//! The values templates see for pages and sections, with Zola's field names, made from
//! the site's model and what the render stage made of each body ([`super::library`]).

use serde::Serialize;
use tera::Value;

use std::collections::{BTreeMap, BTreeSet};

use super::bodies::{Body, PageRender};
use crate::content::{Item, Site};
use crate::markdown::Heading;

/// Words per minute for `reading_time`, as Zola.
const WORDS_PER_MINUTE: usize = 200;

#[derive(Serialize)]
struct PageView<'a> {
    relative_path: &'a str,
    colocated_path: Option<String>,
    content: String,
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
    assets: Vec<String>,
    lang: &'a str,
    translations: Vec<Translation<'a>>,
    taxonomies: BTreeMap<&'a str, Vec<&'a str>>,
    kind: Option<&'static str>,
    data: &'a Value,
    downloads: &'a Value,
    /// Its change notes, newest first.
    changes: Vec<ChangeView<'a>>,
    /// The other versions it comes in, in the order given.
    versions: Vec<VersionView<'a>>,
    /// When it goes live (`publish_from`), as written.
    publish_from: Option<String>,
    /// Whether it is still to go live: shown only in a preview, marked as scheduled.
    scheduled: bool,
    /// When it is to be reviewed.
    review_by: Option<String>,
}

/// A change note as templates see it.
#[derive(Serialize)]
struct ChangeView<'a> {
    date: String,
    summary: &'a str,
}

/// Another version of the page, as "Also available as" shows it.
#[derive(Serialize)]
struct VersionView<'a> {
    /// `easy-read`, `young-people`, `bsl`, `translation`, `summary` or `full`.
    kind: &'static str,
    title: Option<&'a str>,
    permalink: &'a str,
    /// Its language, for `lang` and `hreflang` (a translation is named in it).
    lang: &'a str,
    /// The content file, as `get_page(path = …)` takes it.
    path: &'a str,
}

/// The page's change notes, newest first (in the order written for one day).
fn changes(page: &crate::content::Page) -> Vec<ChangeView<'_>> {
    let mut list: Vec<&crate::content::record::Change> = page.meta.changes.iter().collect();
    list.sort_by(|a, b| b.date.get_ref().cmp(a.date.get_ref()));
    list.into_iter()
        .map(|c| ChangeView {
            date: c.date.get_ref().to_string(),
            summary: c.summary.get_ref(),
        })
        .collect()
}

/// The page's other versions that are pages of this build (`check` reports the rest).
fn versions<'a>(site: &'a Site, page: &'a crate::content::Page) -> Vec<VersionView<'a>> {
    page.meta
        .versions
        .iter()
        .filter_map(|v| {
            let other = &site.pages[crate::content::record::version_target(site, v)?];
            Some(VersionView {
                kind: v.kind.get_ref().name(),
                title: other.meta.title.as_deref(),
                permalink: &other.loc.permalink,
                lang: &other.loc.lang,
                path: &other.loc.relative_path,
            })
        })
        .collect()
}

/// One version of a page or section in another language (itself among them), as
/// `page.translations` lists them in Zola.
#[derive(Serialize)]
struct Translation<'a> {
    lang: &'a str,
    permalink: &'a str,
    /// The content file, as `get_page(path = …)` takes it.
    path: &'a str,
    title: Option<&'a str>,
}

/// The versions of `item` in the site's languages, in their order.
fn translations(site: &Site, item: Item) -> Vec<Translation<'_>> {
    site.translations_of(item)
        .iter()
        .map(|&other| {
            let loc = site.location(other);
            let title = match other {
                Item::Page(p) => site.pages[p].meta.title.as_deref(),
                Item::Section(s) => site.sections[s].meta.title.as_deref(),
            };
            Translation {
                lang: &loc.lang,
                permalink: &loc.permalink,
                path: &loc.relative_path,
                title,
            }
        })
        .collect()
}

/// What a value shows of a body that is not rendered yet (a page looked up by a
/// shortcode while the pages are being rendered).
static NOT_RENDERED: std::sync::LazyLock<Body> = std::sync::LazyLock::new(Body::default);
/// `data` and `downloads` before they are made.
static NONE: std::sync::LazyLock<Value> = std::sync::LazyLock::new(Value::none);
static EMPTY: std::sync::LazyLock<Value> =
    std::sync::LazyLock::new(|| Value::from(Vec::<Value>::new()));

/// The value of page `i` as a listing shows it (without `lower`/`higher`, see [`with`]);
/// with only `fields` when given (its `content` is not even unpacked if not asked for).
pub fn page_value(
    site: &Site,
    i: usize,
    render: Option<&PageRender>,
    fields: Option<&BTreeSet<String>>,
) -> Value {
    let page = &site.pages[i];
    let m = &page.meta;
    let date = m.date.as_ref().map(|d| d.date());
    let body = render.map_or(&*NOT_RENDERED, |r| &r.body);
    let view = PageView {
        relative_path: &page.loc.relative_path,
        colocated_path: page.loc.bundle_dir().map(|dir| format!("{dir}/")),
        content: if fields.is_none_or(|f| f.contains("content")) {
            body.content.unpack()
        } else {
            String::new()
        },
        summary: body.summary.as_deref(),
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
        toc: &body.toc,
        word_count: body.word_count,
        reading_time: reading_time(body.word_count),
        assets: asset_paths(&page.loc),
        lang: &page.loc.lang,
        translations: translations(site, Item::Page(i)),
        taxonomies: m
            .taxonomies
            .iter()
            .map(|(name, terms)| {
                (
                    name.get_ref().as_str(),
                    terms.iter().map(|t| t.get_ref().as_str()).collect(),
                )
            })
            .collect(),
        kind: page.kind.as_ref().map(|k| k.name()),
        data: render.map_or(&*NONE, |r| &r.data),
        downloads: render.map_or(&*EMPTY, |r| &r.downloads),
        changes: changes(page),
        versions: versions(site, page),
        publish_from: m.publish_from.as_ref().map(ToString::to_string),
        scheduled: page.scheduled,
        review_by: m.review_by.as_ref().map(ToString::to_string),
    };
    let value = Value::from_serializable(&view);
    let Some(fields) = fields else {
        return value;
    };
    match value.into_map() {
        Some(mut map) => {
            map.retain(|k, _| k.as_str().is_some_and(|k| fields.contains(k)));
            Value::from(map)
        }
        None => Value::none(),
    }
}

/// A copy of a page value with more fields (`lower`, `higher`).
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
    content: String,
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
    assets: Vec<String>,
    subsections: Vec<&'a str>,
    lang: &'a str,
    translations: Vec<Translation<'a>>,
}

/// The value of section `i`, listing `pages` (its pages' values, in order) as its
/// `pages`, or without `pages` when none are given.
pub fn section_value(
    site: &Site,
    i: usize,
    body: Option<&Body>,
    pages: Option<Vec<Value>>,
) -> Value {
    let section = &site.sections[i];
    let m = &section.meta;
    let body = body.unwrap_or(&NOT_RENDERED);
    let subsections = section
        .subsections
        .iter()
        .map(|&s| site.sections[s].loc.relative_path.as_str())
        .collect();
    let view = SectionView {
        relative_path: &section.loc.relative_path,
        content: body.content.unpack(),
        permalink: &section.loc.permalink,
        path: &section.loc.path,
        components: &section.loc.components,
        ancestors: &section.loc.ancestors,
        title: m.title.as_deref(),
        description: m.description.as_deref(),
        weight: m.weight,
        extra: &m.extra,
        toc: &body.toc,
        word_count: body.word_count,
        reading_time: reading_time(body.word_count),
        assets: asset_paths(&section.loc),
        subsections,
        lang: &section.loc.lang,
        translations: translations(site, Item::Section(i)),
    };
    let value = Value::from_serializable(&view);
    match pages {
        Some(pages) => with(&value, vec![("pages", Value::from(pages))]),
        None => value,
    }
}

fn reading_time(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

/// A bundle's files as Zola names them in `assets`: from the content folder, with a
/// leading `/` (`/reports/2025/chart.png`), so `get_url`, `resize_image` and
/// `get_image_metadata` find them as they are.
fn asset_paths(loc: &crate::content::Location) -> Vec<String> {
    let dir = loc
        .relative_path
        .rfind('/')
        .map_or("", |i| &loc.relative_path[..=i]);
    loc.assets
        .iter()
        .map(|a| format!("/{dir}{}", a.relative))
        .collect()
}
