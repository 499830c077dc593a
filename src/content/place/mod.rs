//! Building the site from the loaded files: every page's and section's front matter
//! parsed into its fields (a page of a kind with its kind's schema), each placed in the
//! URL space under its section, drafts, withdrawn practice reviews and scheduled pages
//! left out, and two files that claim one address reported.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

mod addresses;
mod left_out;
mod names;

use left_out::{scheduled_notice, withdrawn_notice, withdrawn_since};
pub use names::{Name, Role};

use super::frontmatter::{PageFrontMatter, SectionFrontMatter, misplaced_field};
use super::kinds::{self, KindData};
use super::{Asset, Item, Location, Page, Section, Site, Withdrawn, sort};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Loaded, LoadedFile};
use crate::source::SourceFile;

/// Builds the site from everything under `content/`, as of `today` (practice reviews
/// past their `publish_until` are left out, and pages whose `publish_from` is still to
/// come, unless `scheduled` asks to preview them).
///
/// Returns the site, the whole text of each of its pages (the site keeps each page's
/// front matter: the Markdown is the render stage's, which drops it once rendered), and
/// every problem found; the site is only usable when no diagnostic is an error.
pub fn place(
    loaded: Loaded,
    config: &Config,
    today: Date,
    drafts: bool,
    scheduled: bool,
) -> (Site, Vec<SourceFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let now = crate::content::date::now(today);
    let mut scheduled_left_out = HashMap::new();
    let parsed_sections: Vec<_> = loaded
        .sections
        .into_par_iter()
        .map(|f| f.and_then(|f| parse_section(f, config)))
        .collect();
    let parsed_pages: Vec<_> = loaded
        .pages
        .into_par_iter()
        .map(|f| f.and_then(|f| parse_page(f, config)))
        .collect();

    let mut pages: Vec<Page> = Vec::new();
    let mut texts: Vec<SourceFile> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut drafts_left_out = HashMap::new();
    let mut withdrawn = HashMap::new();
    let mut left_out_bundles: Vec<String> = Vec::new();
    let mut dir_to_section = Folders::new();
    // As in Zola, a drafted section leaves out everything in its folder, whatever the
    // pages' and subsections' own `draft` says.
    let drafted: Vec<(String, String)> = parsed_sections
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter(|(_, name, meta)| meta.draft && !drafts && !name.dir.is_empty())
        .map(|(_, name, _)| (name.dir.clone(), name.lang.clone()))
        .collect();
    let under_draft = |dir: &str, lang: &str| {
        drafted.iter().any(|(d, l)| {
            l == lang
                && dir
                    .strip_prefix(d.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
        })
    };
    // Every language has a home page, with or without an `_index.md`.
    for lang in config.language_codes() {
        let rel = match lang == config.language {
            true => "_index.md".to_string(),
            false => format!("_index.{lang}.md"),
        };
        dir_to_section.insert((String::new(), lang.to_string()), sections.len());
        sections.push(Section {
            file: None,
            fields: Default::default(),
            meta: SectionFrontMatter::default(),
            loc: location(config, &rel, lang, "_index.md", Vec::new()),
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
    }

    for parsed in parsed_sections {
        let (loaded, name, meta) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if (meta.draft && !drafts) || under_draft(&name.dir, &name.lang) {
            drafts_left_out.insert(loaded.rel.clone(), loaded.file.rel.clone());
            continue;
        }
        let fields = loaded.front.fields().clone();
        let key = (name.dir.clone(), name.lang.clone());
        if let Some(&home) = dir_to_section.get(&key).filter(|_| name.dir.is_empty()) {
            let home = &mut sections[home];
            home.file = Some((loaded.file, loaded.split));
            home.fields = fields;
            home.meta = meta;
            continue;
        }
        let id = sections.len();
        let components = folder_components(&name.dir);
        sections.push(Section {
            loc: location(config, &loaded.rel, &name.lang, &name.canonical, components),
            file: Some((loaded.file, loaded.split)),
            fields,
            meta,
            parent: None,
            pages: Vec::new(),
            subsections: Vec::new(),
        });
        dir_to_section.insert(key, id);
    }
    // Parents and ancestors, now that every section is known.
    for id in 0..sections.len() {
        let dir = parent_dir(&sections[id].loc.relative_path);
        if dir.is_empty() {
            continue;
        }
        let lang = sections[id].loc.lang.clone();
        let parent = nearest_section(&dir_to_section, parent_dir(&dir).as_str(), &lang);
        sections[id].parent = Some(parent);
        sections[parent].subsections.push(id);
    }
    for id in 0..sections.len() {
        let ancestors = ancestors_of(&sections, sections[id].parent);
        sections[id].loc.ancestors = ancestors;
    }

    for parsed in parsed_pages {
        let (loaded, name, (meta, kind)) = match parsed {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let rel = loaded.rel.clone();
        let is_bundle = name.role == Role::Bundle;
        if (meta.draft && !drafts) || under_draft(&name.dir, &name.lang) {
            drafts_left_out.insert(rel, loaded.file.rel.clone());
            left_out_bundles.extend(is_bundle.then(|| name.dir.clone()));
            continue;
        }
        let owner_dir = if is_bundle {
            parent_dir(&name.dir)
        } else {
            name.dir.clone()
        };
        let section = nearest_section(&dir_to_section, &owner_dir, &name.lang);
        let slug = page_slug(&meta, &name, config);
        let loc = match &meta.path {
            Some(p) => location_at(config, &rel, &name.lang, &name.canonical, p),
            None => {
                let mut c = folder_components(&owner_dir);
                c.push(slug.clone());
                location(config, &rel, &name.lang, &name.canonical, c)
            }
        };
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
            left_out_bundles.extend(is_bundle.then(|| name.dir.clone()));
            continue;
        }
        let waiting = crate::content::record::scheduled(meta.publish_from.as_ref(), now).cloned();
        if let Some(from) = &waiting {
            diags.push(scheduled_notice(&loaded, from, scheduled));
            if !scheduled {
                scheduled_left_out.insert(rel, from.clone());
                left_out_bundles.extend(is_bundle.then(|| name.dir.clone()));
                continue;
            }
        }
        let ancestors = ancestors_of(&sections, Some(section));
        let id = pages.len();
        // As Zola: a page is listed by the section of its own folder (and the sections
        // above that one while they are transparent), unless it is not rendered.
        if meta.renders() {
            let key = (owner_dir.clone(), name.lang.clone());
            let mut listing = dir_to_section.get(&key).copied();
            while let Some(s) = listing {
                sections[s].pages.push(id);
                listing = sections[s]
                    .meta
                    .transparent
                    .then_some(sections[s].parent)
                    .flatten();
            }
        }
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
            scheduled: waiting.is_some(),
        });
    }

    left_out_bundles.extend(drafted.iter().map(|(dir, _)| dir.clone()));
    let assets: Vec<_> = loaded
        .assets
        .into_iter()
        .filter(|(rel, _)| {
            !left_out_bundles
                .iter()
                .any(|dir| rel.starts_with(&format!("{dir}/")))
        })
        .collect();
    attach_assets(&mut pages, &mut sections, &assets);
    sort::sort_site(&mut pages, &mut sections);
    let mut site = Site {
        pages: pages.into_iter().map(Arc::new).collect(),
        sections: sections.into_iter().map(Arc::new).collect(),
        by_relative_path: HashMap::new(),
        drafts: drafts_left_out,
        scheduled: scheduled_left_out,
        withdrawn,
        translations: HashMap::new(),
        taxonomies: Vec::new(),
    };
    addresses::index_paths(&mut site, &mut diags);
    diags.extend(addresses::awkward_folders(&site));
    if config.is_multilingual() {
        site.translations = addresses::translations(&site, config);
    }
    let (taxonomies, taxonomy_diags) = super::taxonomies::gather(&site, config);
    site.taxonomies = taxonomies;
    diags.extend(taxonomy_diags);
    (site, texts, diags)
}

/// Sections by their folder and language.
type Folders = HashMap<(String, String), usize>;

/// A page's slug: its `slug`, else its file or bundle name without a leading date, made a
/// URL part by `[slugify] paths`.
fn page_slug(meta: &PageFrontMatter, name: &Name, config: &Config) -> String {
    let strategy = config.slugify.paths;
    if let Some(slug) = &meta.slug {
        return strategy.path(slug);
    }
    let undated = names::dated(&name.stem)
        .and_then(|(_, rest)| rest)
        .filter(|_| !config.slugify.paths_keep_dates);
    strategy.path(undated.unwrap_or(&name.stem))
}

/// A section's `_index.md` front matter parsed into its fields, and what its name says.
pub fn parse_section(
    loaded: LoadedFile,
    config: &Config,
) -> Result<(LoadedFile, Name, SectionFrontMatter), Diagnostic> {
    let name = names::read(&loaded.rel, config)?;
    let meta: SectionFrontMatter = loaded
        .front
        .parse()
        .map_err(|d| d.map_each(|d| misplaced_field(d, true)))?;
    if let Some(n) = meta.paginate_by.as_ref().filter(|n| *n.get_ref() <= 0) {
        return Err(not_paginated(&loaded, n));
    }
    Ok((loaded, name, meta))
}

/// A page's front matter parsed into the common fields and, for a page of a kind, its
/// kind's; and what its name says (a date it starts with is the page's `date` when the
/// front matter gives none, as in Zola).
pub fn parse_page(loaded: LoadedFile, config: &Config) -> Result<ParsedPage, Diagnostic> {
    let name = names::read(&loaded.rel, config)?;
    let (mut meta, kind) = kinds::parse_page(&loaded.file, &loaded.front).map_err(|d| {
        d.map_each(|d| terms_at_the_top(misplaced_field(d, false), config, &name.lang))
    })?;
    if meta.date.is_none() {
        meta.date = names::dated(&name.stem).map(|(date, _)| date);
    }
    Ok((loaded, name, (meta, kind)))
}

/// `tags = […]` at the top of a page's front matter, as Hugo and Jekyll have it: in Zola
/// and safesite a page's terms go in its `taxonomies` table, and a taxonomy must be
/// defined in config.toml first.
fn terms_at_the_top(mut d: Diagnostic, config: &Config, lang: &str) -> Diagnostic {
    let Some(crate::diagnostics::Code::UnknownField(name)) = d.code.as_deref() else {
        return d;
    };
    let move_it = "move the line into the page's taxonomies table (below a [taxonomies] line at the end of TOML front matter; under `taxonomies:` in YAML)";
    if config.taxonomies_of(lang).iter().any(|t| t.name() == name) {
        d.hint = Some(format!("`{name}` is a taxonomy of this site: {move_it}"));
    } else if matches!(name.as_str(), "tags" | "categories" | "series") {
        d.hint = Some(format!(
            "to group pages by {name}, define the taxonomy with taxonomies = [{{ name = \"{name}\" }}] in config.toml, and {move_it}"
        ));
    }
    d
}

/// A page file read: the file, what its name says, its fields and its kind's.
pub type ParsedPage = (LoadedFile, Name, (PageFrontMatter, Option<KindData>));

/// `paginate_by = 0` (or less) in a section.
fn not_paginated(loaded: &LoadedFile, n: &toml::Spanned<i64>) -> Diagnostic {
    let file = &loaded.file;
    Diagnostic::error(format!(
        "paginate_by = {}: a listing page must show at least one page",
        n.get_ref()
    ))
    .in_file(&file.rel)
    .at(&file.text, crate::source::line_at(&file.text, n.span().start))
    .with_hint("set paginate_by to how many pages each listing page shows, such as paginate_by = 10, or remove it to list every page on one")
}

/// The line that sets `field`, or the opening line of the front matter.
pub(super) fn field_or_opening(loaded: &LoadedFile, field: &str) -> std::ops::Range<usize> {
    super::field_range(&loaded.file, &loaded.split, loaded.front.fields(), field)
}

/// The place of an item in `lang` whose URL is made of `components` (below the
/// language's own folder).
fn location(
    config: &Config,
    rel: &str,
    lang: &str,
    canonical: &str,
    components: Vec<String>,
) -> Location {
    let prefix = config.language_prefix(lang);
    let path = if components.is_empty() {
        format!("{prefix}/")
    } else {
        format!("{prefix}/{}/", components.join("/"))
    };
    let components = path
        .split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    Location {
        relative_path: rel.to_string(),
        permalink: config.permalink(&path),
        path,
        components,
        ancestors: Vec::new(),
        assets: Vec::new(),
        lang: lang.to_string(),
        canonical: canonical.to_string(),
    }
}

/// The place of a page whose front matter gives its whole URL `path` (as written: not
/// under its language's folder, as in Zola).
fn location_at(config: &Config, rel: &str, lang: &str, canonical: &str, path: &str) -> Location {
    let components: Vec<String> = path
        .split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let mut loc = location(config, rel, &config.language, canonical, components);
    loc.lang = lang.to_string();
    loc
}

/// `a/b/c.md` → `a/b`; `c.md` → ``.
fn parent_dir(rel: &str) -> String {
    rel.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

/// The URL parts for a content folder: its folder names as they are, as in Zola.
fn folder_components(dir: &str) -> Vec<String> {
    dir.split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The section in `lang` of `dir` or of its nearest ancestor folder that has one (the
/// language's home page at the top).
fn nearest_section(map: &Folders, dir: &str, lang: &str) -> usize {
    let mut d = dir.to_string();
    loop {
        if let Some(&id) = map.get(&(d.clone(), lang.to_string())) {
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

/// Gives each non-Markdown file to the page bundle or section folder it sits in (to
/// each language's version of it).
fn attach_assets(
    pages: &mut [Page],
    sections: &mut [Section],
    assets: &[(String, std::path::PathBuf)],
) {
    let mut owners: HashMap<String, Vec<Item>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        if let Some(dir) = p.loc.bundle_dir() {
            owners
                .entry(dir.to_string())
                .or_default()
                .push(Item::Page(i));
        }
    }
    let bundles: std::collections::HashSet<String> = owners.keys().cloned().collect();
    for (i, s) in sections.iter().enumerate() {
        let dir = parent_dir(&s.loc.relative_path);
        if !bundles.contains(&dir) {
            owners.entry(dir).or_default().push(Item::Section(i));
        }
    }
    for (rel, source) in assets {
        let mut dir = parent_dir(rel);
        loop {
            if let Some(items) = owners.get(&dir) {
                let relative = rel
                    .strip_prefix(&dir)
                    .unwrap_or(rel)
                    .trim_start_matches('/')
                    .to_string();
                for &owner in items {
                    let asset = Asset {
                        source: source.clone(),
                        relative: relative.clone(),
                    };
                    match owner {
                        Item::Page(p) => pages[p].loc.assets.push(asset),
                        Item::Section(s) => sections[s].loc.assets.push(asset),
                    }
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
