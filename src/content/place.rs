//! Building the site from the loaded files: every page's and section's front matter
//! parsed into its fields (a page of a kind with its kind's schema), each placed in the
//! URL space under its section, drafts and withdrawn practice reviews left out, and two
//! files that claim one address reported.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use super::frontmatter::{PageFrontMatter, SectionFrontMatter, misplaced_field};
use super::kinds::{self, KindData};
use super::{Asset, Item, Location, Page, Section, Site, Withdrawn, sort};
use crate::config::Config;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;
use crate::load::{Loaded, LoadedFile};
use crate::source::SourceFile;

/// Builds the site from everything under `content/`, as of `today` (practice reviews
/// past their `publish_until` are left out).
///
/// Returns the site, the whole text of each of its pages (the site keeps each page's
/// front matter: the Markdown is the render stage's, which drops it once rendered), and
/// every problem found; the site is only usable when no diagnostic is an error.
pub fn place(
    loaded: Loaded,
    config: &Config,
    today: Date,
    drafts: bool,
) -> (Site, Vec<SourceFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let parsed_sections: Vec<_> = loaded
        .sections
        .into_par_iter()
        .map(|f| f.and_then(parse_section))
        .collect();
    let parsed_pages: Vec<_> = loaded
        .pages
        .into_par_iter()
        .map(|f| f.and_then(parse_page))
        .collect();

    let mut pages: Vec<Page> = Vec::new();
    let mut texts: Vec<SourceFile> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut drafts_left_out = HashMap::new();
    let mut withdrawn = HashMap::new();
    let mut left_out_bundles: Vec<String> = Vec::new();
    let mut dir_to_section: HashMap<String, usize> = HashMap::new();
    sections.push(Section {
        file: None,
        fields: Default::default(),
        meta: SectionFrontMatter::default(),
        loc: location(config, "_index.md", Vec::new()),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
    });
    dir_to_section.insert(String::new(), 0);

    for parsed in parsed_sections {
        let (loaded, meta) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let dir = parent_dir(&loaded.rel);
        if meta.draft && !drafts {
            drafts_left_out.insert(loaded.rel.clone(), loaded.file.rel.clone());
            continue;
        }
        let fields = loaded.front.fields().clone();
        if dir.is_empty() {
            let home = &mut sections[0];
            home.file = Some((loaded.file, loaded.split));
            home.fields = fields;
            home.meta = meta;
            continue;
        }
        let id = sections.len();
        sections.push(Section {
            loc: location(config, &loaded.rel, url_components(&dir)),
            file: Some((loaded.file, loaded.split)),
            fields,
            meta,
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
        dir_to_section.insert(dir, id);
    }
    // Parents and ancestors, now that every section is known.
    for id in 1..sections.len() {
        let dir = parent_dir(&sections[id].loc.relative_path);
        let parent = nearest_section(&dir_to_section, parent_dir(&dir).as_str());
        sections[id].parent = Some(parent);
        sections[parent].subsections.push(id);
    }
    for id in 0..sections.len() {
        let ancestors = ancestors_of(&sections, sections[id].parent);
        sections[id].loc.ancestors = ancestors;
    }

    for parsed in parsed_pages {
        let (loaded, (meta, kind)) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let rel = loaded.rel.clone();
        let is_bundle = rel.ends_with("/index.md") || rel == "index.md";
        let dir = parent_dir(&rel);
        if meta.draft && !drafts {
            drafts_left_out.insert(rel, loaded.file.rel.clone());
            left_out_bundles.extend(is_bundle.then(|| dir.clone()));
            continue;
        }
        let owner_dir = if is_bundle {
            parent_dir(&dir)
        } else {
            dir.clone()
        };
        let section = nearest_section(&dir_to_section, &owner_dir);
        let stem = if is_bundle {
            dir.rsplit('/').next().unwrap_or_default().to_string()
        } else {
            rel.rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md")
                .to_string()
        };
        let slug = slug::slugify(meta.slug.as_deref().unwrap_or(&stem));
        let components = match &meta.path {
            Some(p) => p
                .split('/')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            None => {
                let mut c = url_components(&owner_dir);
                c.push(slug.clone());
                c
            }
        };
        let loc = location(config, &rel, components);
        if let Some(until) = withdrawn_since(kind.as_ref(), today) {
            diags.push(withdrawn_notice(&loaded, until));
            withdrawn.insert(
                rel,
                Withdrawn {
                    file: loaded.file.rel.clone(),
                    path: loc.path,
                    until: until.clone(),
                    listing: sections[section].loc.permalink.clone(),
                },
            );
            left_out_bundles.extend(is_bundle.then(|| dir.clone()));
            continue;
        }
        let ancestors = ancestors_of(&sections, Some(section));
        let id = pages.len();
        texts.push(loaded.file.clone());
        pages.push(Page {
            fields: loaded.front.fields().clone(),
            file: loaded.file.front_matter(loaded.split.body.start),
            split: loaded.split,
            meta,
            kind,
            loc: Location { ancestors, ..loc },
            slug,
            section,
            lower: None,
            higher: None,
        });
        sections[section].pages.push(id);
    }

    let assets: Vec<_> = loaded
        .assets
        .into_iter()
        .filter(|(rel, _)| {
            !left_out_bundles
                .iter()
                .any(|dir| rel.starts_with(&format!("{dir}/")))
        })
        .collect();
    attach_assets(&mut pages, &mut sections, &assets, &dir_to_section);
    sort::sort_site(&mut pages, &mut sections);
    let mut site = Site {
        pages: pages.into_iter().map(Arc::new).collect(),
        sections: sections.into_iter().map(Arc::new).collect(),
        by_relative_path: HashMap::new(),
        drafts: drafts_left_out,
        withdrawn,
    };
    index_paths(&mut site, &mut diags);
    (site, texts, diags)
}

/// A section's `_index.md` front matter parsed into its fields.
pub fn parse_section(loaded: LoadedFile) -> Result<(LoadedFile, SectionFrontMatter), Diagnostic> {
    let meta = loaded.front.parse().map_err(|d| misplaced_field(d, true))?;
    Ok((loaded, meta))
}

/// A page's front matter parsed into the common fields and, for a page of a kind, its
/// kind's.
pub fn parse_page(
    loaded: LoadedFile,
) -> Result<(LoadedFile, (PageFrontMatter, Option<KindData>)), Diagnostic> {
    let parsed =
        kinds::parse_page(&loaded.file, &loaded.front).map_err(|d| misplaced_field(d, false))?;
    Ok((loaded, parsed))
}

/// The `publish_until` of a page (a practice review) whose last day of publication is
/// before `today`.
fn withdrawn_since(kind: Option<&KindData>, today: Date) -> Option<&DateValue> {
    let until = kind?.publish_until()?;
    (until.date() < today).then_some(until)
}

/// The notice `check` and `build` give for a withdrawn practice review.
fn withdrawn_notice(loaded: &LoadedFile, until: &DateValue) -> Diagnostic {
    let file = &loaded.file;
    Diagnostic::warning(format!(
        "this practice review was withdrawn after {until} (its publish_until date): the page and its downloads are left out of the site"
    ))
    .in_file(&file.rel)
    .at(&file.text, field_or_opening(loaded, "publish_until"))
    .with_hint("nothing to do if it was meant to come down; to publish it again, set publish_until to a later date or remove it")
}

/// The line that sets `field`, or the opening line of the front matter.
fn field_or_opening(loaded: &LoadedFile, field: &str) -> std::ops::Range<usize> {
    super::field_range(&loaded.file, &loaded.split, loaded.front.fields(), field)
}

fn location(config: &Config, rel: &str, components: Vec<String>) -> Location {
    let path = if components.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", components.join("/"))
    };
    Location {
        relative_path: rel.to_string(),
        permalink: config.permalink(&path),
        path,
        components,
        ancestors: Vec::new(),
        assets: Vec::new(),
    }
}

/// `a/b/c.md` → `a/b`; `c.md` → ``.
fn parent_dir(rel: &str) -> String {
    rel.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

/// The URL parts for a content folder, each slugified as Zola does.
fn url_components(dir: &str) -> Vec<String> {
    dir.split('/')
        .filter(|c| !c.is_empty())
        .map(slug::slugify)
        .collect()
}

/// The section of `dir` or of its nearest ancestor folder that has one.
fn nearest_section(map: &HashMap<String, usize>, dir: &str) -> usize {
    let mut d = dir.to_string();
    loop {
        if let Some(&id) = map.get(&d) {
            return id;
        }
        if d.is_empty() {
            return 0;
        }
        d = parent_dir(&d);
    }
}

fn ancestors_of(sections: &[Section], mut section: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(s) = section {
        out.push(sections[s].loc.relative_path.clone());
        section = sections[s].parent;
    }
    out.reverse();
    out
}

/// Gives each non-Markdown file to the page bundle or section folder it sits in.
fn attach_assets(
    pages: &mut [Page],
    sections: &mut [Section],
    assets: &[(String, std::path::PathBuf)],
    section_dirs: &HashMap<String, usize>,
) {
    let bundles: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.loc.relative_path.ends_with("index.md"))
        .map(|(i, p)| (parent_dir(&p.loc.relative_path), i))
        .collect();
    for (rel, source) in assets {
        let mut dir = parent_dir(rel);
        loop {
            let owner = bundles
                .get(&dir)
                .map(|&p| Item::Page(p))
                .or_else(|| section_dirs.get(&dir).map(|&s| Item::Section(s)));
            if let Some(owner) = owner {
                let relative = rel
                    .strip_prefix(&dir)
                    .unwrap_or(rel)
                    .trim_start_matches('/')
                    .to_string();
                let asset = Asset {
                    source: source.clone(),
                    relative,
                };
                match owner {
                    Item::Page(p) => pages[p].loc.assets.push(asset),
                    Item::Section(s) => sections[s].loc.assets.push(asset),
                }
                break;
            }
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(&dir);
        }
    }
}

/// Fills the path lookup and reports two items that claim one URL.
fn index_paths(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let mut by_url: HashMap<String, Item> = HashMap::new();
    let items = (0..site.sections.len())
        .map(Item::Section)
        .chain((0..site.pages.len()).map(Item::Page));
    for item in items {
        let rel = site.location(item).relative_path.clone();
        site.by_relative_path.insert(rel, item);
        if source_of(site, item).is_none() {
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
