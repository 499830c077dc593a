//! Where items are: every content path indexed, two items that claim one URL and
//! folder names awkward in URLs reported, and the translations of each item found.

use std::collections::HashMap;

use crate::config::Config;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// Fills the path lookup and reports two items that claim one URL.
pub(super) fn index_paths(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let mut by_url: HashMap<String, Item> = HashMap::new();
    let items = (0..site.sections.len())
        .map(Item::Section)
        .chain((0..site.pages.len()).map(Item::Page));
    for item in items {
        let rel = site.location(item).relative_path.clone();
        site.by_relative_path.insert(rel, item);
        if source_of(site, item).is_none() || !renders(site, item) {
            continue;
        }
        let path = site.location(item).path.clone();
        match by_url.get(&path) {
            Some(&first) => diags.push(url_collision(site, first, item, &path)),
            None => {
                by_url.insert(path, item);
            }
        }
    }
}

/// Whether the item is written (a page or section with `render = false` claims no URL).
fn renders(site: &Site, item: Item) -> bool {
    match item {
        Item::Page(p) => site.pages[p].meta.renders(),
        Item::Section(s) => site.sections[s].meta.render,
    }
}

fn source_of(site: &Site, item: Item) -> Option<&SourceFile> {
    match item {
        Item::Page(p) => Some(&site.pages[p].file),
        Item::Section(s) => site.sections[s].file.as_ref().map(|(f, _)| f),
    }
}

/// The `slug` or `path` line by which a page chose its URL, if it did.
fn url_claim(site: &Site, item: Item) -> Option<(&'static str, std::ops::Range<usize>)> {
    let Item::Page(p) = item else { return None };
    let page = &site.pages[p];
    let key = if page.meta.path.is_some() {
        "path"
    } else if page.meta.slug.is_some() {
        "slug"
    } else {
        return None;
    };
    Some((key, page.field_range(key)))
}

/// Two content files with one URL: the error goes to the one that set `slug` or `path`.
fn url_collision(site: &Site, first: Item, second: Item, url: &str) -> Diagnostic {
    let (culprit, other) = match (url_claim(site, first), url_claim(site, second)) {
        (Some(_), None) => (first, second),
        _ => (second, first),
    };
    let (Some(file), Some(other_file)) = (source_of(site, culprit), source_of(site, other)) else {
        return Diagnostic::error(format!("two content files have the address {url}"));
    };
    let d = Diagnostic::error(format!(
        "this page and {} both have the address {url}",
        other_file.rel.display()
    ))
    .in_file(&file.rel);
    match url_claim(site, culprit) {
        Some((key, range)) => d.at(&file.text, range).with_hint(format!(
            "every page needs an address of its own: change `{key}` here, or the file name or `{key}` of {}",
            other_file.rel.display()
        )),
        None => d.with_hint(
            "every page needs an address of its own: rename one of the two files, or give one of them a `slug`",
        ),
    }
}

/// The items that are translations of each other (sharing a default-language path),
/// each group in the order of the site's languages.
pub(super) fn translations(site: &Site, config: &Config) -> HashMap<String, Vec<Item>> {
    let codes = config.language_codes();
    let order = |lang: &str| codes.iter().position(|c| *c == lang).unwrap_or(usize::MAX);
    let mut groups: HashMap<String, Vec<Item>> = HashMap::new();
    let items = (0..site.sections.len())
        .map(Item::Section)
        .chain((0..site.pages.len()).map(Item::Page));
    for item in items {
        let loc = site.location(item);
        groups.entry(loc.canonical.clone()).or_default().push(item);
    }
    for group in groups.values_mut() {
        group.sort_by_key(|&i| order(&site.location(i).lang));
    }
    groups
}

/// One warning for each folder whose name would need escaping in the URLs it is part of,
/// at the first content file in it.
pub(super) fn awkward_folders(site: &Site) -> Vec<Diagnostic> {
    let mut warned = std::collections::BTreeMap::new();
    let files = site
        .sections
        .iter()
        .filter_map(|s| s.file.as_ref().map(|(f, _)| f))
        .chain(site.pages.iter().map(|p| &p.file));
    for file in files {
        let rel = file.rel.to_string_lossy().replace('\\', "/");
        let dir = super::parent_dir(rel.strip_prefix("content/").unwrap_or(&rel));
        if let Some(folder) = super::names::awkward_folder(&dir) {
            warned
                .entry(folder.to_string())
                .or_insert_with(|| file.rel.clone());
        }
    }
    warned
        .into_iter()
        .map(|(folder, file)| {
            let better = slug::slugify(&folder);
            Diagnostic::warning(format!(
                "the folder name `{folder}` is used as it is in addresses, where it needs escaping"
            ))
            .in_file(file)
            .with_hint(format!(
                "rename the folder to `{better}` (folder names are not changed to make addresses, as in Zola; file names are)"
            ))
        })
        .collect()
}
