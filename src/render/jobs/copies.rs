//! The files copied as they are: the theme's `static/`, then the site's, then the files
//! of page bundles, each later one replacing an earlier one at the same address.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Site;
use crate::load::{files_below, is_unpublished_static_name};

/// The files a build copies as they are, found once before anything is rendered (links
/// are checked against them).
#[derive(Debug, Clone)]
pub struct Copies {
    /// The site folder, to name a source in messages.
    pub root: PathBuf,
    /// Every file, as (source, output path), sorted by output path.
    pub files: Vec<(PathBuf, String)>,
    /// The Sass files compiled to CSS (`compile_sass = true`), likewise.
    pub styles: Vec<(PathBuf, String)>,
    /// The theme's and then the site's `static/_headers`, merged into the `_headers`
    /// safesite writes rather than copied over it.
    pub headers: Vec<PathBuf>,
    /// Every address of the site: its pages and sections and these files, worked out
    /// once for the link checks and `_redirects`.
    pub known: crate::render::links::Known,
}

impl Copies {
    /// Finds every file of `site` to copy, beside the compiled `styles`.
    pub fn find(
        root: &Path,
        config: &Config,
        site: &Site,
        styles: &crate::sass::Stylesheets,
    ) -> Self {
        let mut files = files_to_copy(root, config, site);
        let mut headers = Vec::new();
        for dir in config
            .theme_dir(root)
            .into_iter()
            .chain([root.to_path_buf()])
        {
            let file = dir.join("static/_headers");
            if file.is_file() && !config.ignored_static_globs.matches("_headers") {
                headers.push(file);
            }
        }
        files.retain(|(_, dest)| dest != "/_headers");
        let mut copies = Copies {
            root: root.to_path_buf(),
            files,
            styles: styles.entries().to_vec(),
            headers,
            known: Default::default(),
        };
        // The site's own feeds are known addresses, whether or not they are written.
        let feeds = config
            .feed_files(&config.language)
            .into_iter()
            .map(|name| format!("/{}", name.get_ref()));
        let generated = super::record_files::record_paths(site).chain(feeds);
        copies.known =
            crate::render::links::Known::new(site, copies.dests().into_iter().chain(generated));
        copies
    }

    /// The output paths of the files and the compiled styles.
    fn dests(&self) -> Vec<String> {
        self.files
            .iter()
            .chain(&self.styles)
            .map(|(_, dest)| dest.clone())
            .chain(Some("/_headers".to_string()).filter(|_| !self.headers.is_empty()))
            .collect()
    }
}

/// Every file to copy, as (source, output path), sorted by output path.
fn files_to_copy(root: &Path, config: &Config, site: &Site) -> Vec<(PathBuf, String)> {
    let mut copied = Vec::new();
    for dir in config
        .theme_dir(root)
        .map(|t| t.join("static"))
        .into_iter()
        .chain([root.join("static")])
    {
        copied.extend(
            static_files(&dir)
                .into_iter()
                .filter(|(_, dest)| !config.ignored_static_globs.matches(&dest[1..])),
        );
    }
    for loc in site
        .pages
        .iter()
        .map(|p| &p.loc)
        .chain(site.sections.iter().map(|s| &s.loc))
    {
        for asset in &loc.assets {
            copied.push((
                asset.source.clone(),
                format!("{}{}", loc.path, asset.relative),
            ));
        }
    }
    // Later entries (the site's static/) win over earlier ones (the theme's).
    let mut by_dest: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (src, dest) in copied {
        by_dest.insert(dest, src);
    }
    by_dest.into_iter().map(|(dest, src)| (src, dest)).collect()
}

/// The files under `dir`, as (source, output path below the site root).
fn static_files(dir: &Path) -> Vec<(PathBuf, String)> {
    files_below(dir, is_unpublished_static_name)
        .into_iter()
        .map(|(src, rel)| (src, format!("/{rel}")))
        .collect()
}
