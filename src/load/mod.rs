//! Loading: walk `content/`, read each Markdown file, split and parse its front matter,
//! and place every page and section in the URL space.

pub mod frontmatter;
pub mod locate;
mod walk;

pub use walk::{ContentFiles, is_ignored_name, walk_content};

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::date::DateValue;
use crate::content::kinds::{self, KindData};
use crate::content::{Asset, Item, Location, Page, Section, Site, Withdrawn, sort};
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use frontmatter::{PageFrontMatter, SectionFrontMatter, Split};

/// Loads every section and page under `root/content`.
///
/// Returns the site and every problem found; the site is only usable when no
/// diagnostic is an error.
pub fn load_site(root: &Path, config: &Config, drafts: bool) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let files = match walk_content(root, config) {
        Ok(f) => f,
        Err(d) => return (Site::default(), vec![d]),
    };
    let parsed_sections: Vec<_> = files
        .sections
        .par_iter()
        .map(|rel| read_section(root, rel))
        .collect();
    let parsed_pages: Vec<_> = files
        .pages
        .par_iter()
        .map(|rel| read_page(root, rel))
        .collect();

    let mut site = Site::default();
    // Withdrawal is decided here, once, so no later stage ever sees a withdrawn page.
    let today = kinds::checks::today().ok();
    let mut left_out_bundles: Vec<String> = Vec::new();
    let mut dir_to_section: HashMap<String, usize> = HashMap::new();
    let root_section = Section {
        file: None,
        meta: SectionFrontMatter::default(),
        loc: location(config, "_index.md", Vec::new(), Vec::new()),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
    };
    site.sections.push(root_section);
    dir_to_section.insert(String::new(), 0);

    for (rel, parsed) in files.sections.iter().zip(parsed_sections) {
        let (file, split, meta) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let dir = parent_dir(rel);
        if meta.draft && !drafts {
            site.drafts.insert(rel.clone(), file.rel.clone());
            continue;
        }
        if dir.is_empty() {
            let home = &mut site.sections[0];
            home.file = Some((file, split));
            home.meta = meta;
            continue;
        }
        let components = url_components(&dir);
        let id = site.sections.len();
        site.sections.push(Section {
            file: Some((file, split)),
            meta,
            loc: location(config, rel, components, Vec::new()),
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
        dir_to_section.insert(dir, id);
    }
    // Parents and ancestors, now that every section is known.
    for id in 1..site.sections.len() {
        let dir = parent_dir(&site.sections[id].loc.relative_path);
        let parent = nearest_section(&dir_to_section, parent_dir(&dir).as_str());
        site.sections[id].parent = Some(parent);
        site.sections[parent].subsections.push(id);
    }
    for id in 0..site.sections.len() {
        let ancestors = ancestors_of(&site, site.sections[id].parent);
        site.sections[id].loc.ancestors = ancestors;
    }

    for (rel, parsed) in files.pages.iter().zip(parsed_pages) {
        let (file, split, (meta, kind)) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let is_bundle = rel.ends_with("/index.md") || rel == "index.md";
        let dir = parent_dir(rel);
        if meta.draft && !drafts {
            site.drafts.insert(rel.clone(), file.rel.clone());
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
        let loc = location(config, rel, components, Vec::new());
        if let Some(until) = withdrawn_since(kind.as_ref(), today) {
            diags.push(withdrawn_notice(&file, &split, until));
            site.withdrawn.insert(
                rel.clone(),
                Withdrawn {
                    file: file.rel.clone(),
                    path: loc.path,
                    until: until.clone(),
                    listing: site.sections[section].loc.permalink.clone(),
                },
            );
            left_out_bundles.extend(is_bundle.then(|| dir.clone()));
            continue;
        }
        let ancestors = ancestors_of(&site, Some(section));
        let id = site.pages.len();
        site.pages.push(Page {
            file,
            split,
            meta,
            kind,
            loc: Location { ancestors, ..loc },
            slug,
            section,
            lower: None,
            higher: None,
        });
        site.sections[section].pages.push(id);
    }

    let assets: Vec<_> = files
        .assets
        .iter()
        .filter(|(rel, _)| {
            !left_out_bundles
                .iter()
                .any(|dir| rel.starts_with(&format!("{dir}/")))
        })
        .cloned()
        .collect();
    attach_assets(&mut site, &assets, &dir_to_section);
    index_paths(&mut site, &mut diags);
    sort::sort_site(&mut site);
    (site, diags)
}

/// The `publish_until` of a practice review whose last day of publication is before
/// `today`.
fn withdrawn_since(kind: Option<&KindData>, today: Option<Date>) -> Option<&DateValue> {
    let Some(KindData::PracticeReview(review)) = kind else {
        return None;
    };
    let until = review.publish_until.as_ref()?;
    (until.date() < today?).then_some(until)
}

/// The notice `check` and `build` give for a withdrawn practice review.
fn withdrawn_notice(file: &SourceFile, split: &Split, until: &DateValue) -> Diagnostic {
    Diagnostic::warning(format!(
        "this practice review was withdrawn after {until} (its publish_until date): the page and its downloads are left out of the site"
    ))
    .in_file(&file.rel)
    .at(&file.text, frontmatter::key_range(file, split, "publish_until"))
    .with_hint("nothing to do if it was meant to come down; to publish it again, set publish_until to a later date or remove it")
}

type Parsed<T> = Result<(SourceFile, Split, T), Diagnostic>;

fn read_section(root: &Path, rel: &str) -> Parsed<SectionFrontMatter> {
    let file = SourceFile::read(root, &root.join("content").join(rel))?;
    let split = frontmatter::split(&file)?;
    let meta =
        frontmatter::parse(&file, &split).map_err(|d| frontmatter::misplaced_field(d, true))?;
    Ok((file, split, meta))
}

/// Reads and parses the section at `content/<rel>` (an `_index.md`) again (for `serve`,
/// after an edit): its file, where its front matter is, and its fields.
pub fn reread_section(
    root: &Path,
    rel: &str,
) -> Result<(SourceFile, Split, SectionFrontMatter), Diagnostic> {
    read_section(root, rel)
}

/// Reads and parses the page at `content/<rel>` again (for `serve`, after an edit):
/// its file, where its front matter is, the common fields and its kind's.
pub fn reread_page(
    root: &Path,
    rel: &str,
) -> Result<(SourceFile, Split, PageFrontMatter, Option<KindData>), Diagnostic> {
    read_page(root, rel).map(|(file, split, (meta, kind))| (file, split, meta, kind))
}

fn read_page(root: &Path, rel: &str) -> Parsed<(PageFrontMatter, Option<KindData>)> {
    let file = SourceFile::read(root, &root.join("content").join(rel))?;
    let split = frontmatter::split(&file)?;
    let parsed =
        kinds::parse_page(&file, &split).map_err(|d| frontmatter::misplaced_field(d, false))?;
    Ok((file, split, parsed))
}

fn location(
    config: &Config,
    rel: &str,
    components: Vec<String>,
    ancestors: Vec<String>,
) -> Location {
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
        ancestors,
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

fn ancestors_of(site: &Site, mut section: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(s) = section {
        out.push(site.sections[s].loc.relative_path.clone());
        section = site.sections[s].parent;
    }
    out.reverse();
    out
}

/// Gives each non-Markdown file to the page bundle or section folder it sits in.
fn attach_assets(
    site: &mut Site,
    assets: &[(String, std::path::PathBuf)],
    sections: &HashMap<String, usize>,
) {
    let bundles: HashMap<String, usize> = site
        .pages
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
                .or_else(|| sections.get(&dir).map(|&s| Item::Section(s)));
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
                    Item::Page(p) => site.pages[p].loc.assets.push(asset),
                    Item::Section(s) => site.sections[s].loc.assets.push(asset),
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
    Some((key, frontmatter::key_range(&page.file, &page.split, key)))
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
