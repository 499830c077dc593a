//! What a successful build knew, kept by `serve` so an edit rebuilds only what it touched.
//!
//! An edit to the body or the free fields of existing, ordinary pages (no kind, no
//! PDF) or sections (`_index.md`), and changes to existing static files, are applied to
//! the served site in place: each edited page's or section's Markdown is rendered again,
//! then only the outputs that can show it (the page, the pages listed beside it, its
//! section, the feed, and every output whose template looked it up with `get_page`,
//! `get_section` or `all_pages`). Anything else —
//! a new or deleted file, a changed URL, date, order or template, a kind, `config.toml`,
//! templates, themes, data — needs a full rebuild, and [`Session::update`] says so.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::Outcome;
use crate::config::Config;
use crate::content::frontmatter::{PageFrontMatter, SortBy};
use crate::content::{Item, Page, Section, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, plural};
use crate::output::Sink;
use crate::render::links::Known;
use crate::render::{
    Context, JobCounts, Plan, Reach, RenderedSite, Updated, links, update_page, update_section,
};
use crate::source::SourceFile;
use crate::templates::{Library, Templates};

/// The state of the last good build.
pub struct Session {
    root: PathBuf,
    output: PathBuf,
    config: Arc<Config>,
    site: Arc<Site>,
    templates: Templates,
    library: Arc<Library>,
    rendered: RenderedSite,
    plan: Plan,
    known: Known,
    search_stale: bool,
}

/// What a build made, for [`Session::new`].
pub(super) struct Made {
    /// The site folder.
    pub root: PathBuf,
    /// The folder the site was written to (and is updated in).
    pub output: PathBuf,
    /// The configuration.
    pub config: Arc<Config>,
    /// The content.
    pub site: Arc<Site>,
    /// The templates.
    pub templates: Templates,
    /// What templates look up.
    pub library: Arc<Library>,
    /// The links of every body, and the PDFs.
    pub rendered: RenderedSite,
    /// The jobs and what each looked up.
    pub plan: Plan,
    /// Every address of the site (for link checks).
    pub known: Known,
}

/// What one change asks of the served site.
enum Edit {
    /// Page `index` has new text: the page, and its whole file.
    Page(usize, Box<Page>, SourceFile),
    /// Section `index` has new text.
    Section(usize, Box<Section>),
    /// A file copied as it is changed: the source and its output path.
    Copy(PathBuf, String),
}

impl Session {
    /// Keeps what a build made.
    pub(super) fn new(made: Made) -> Self {
        Session {
            root: made.root,
            output: made.output,
            config: made.config,
            site: made.site,
            templates: made.templates,
            library: made.library,
            rendered: made.rendered,
            plan: made.plan,
            known: made.known,
            search_stale: false,
        }
    }

    /// Applies changes to the files at `changed` (relative to the site folder) to the
    /// served site, rebuilding only what they touch. `None` when they need a full
    /// rebuild; otherwise what was done (an outcome with errors changed nothing).
    pub fn update(&mut self, changed: &[PathBuf]) -> Option<Outcome> {
        let start = Instant::now();
        let mut edits = Vec::new();
        for rel in changed {
            match self.edit(rel) {
                Ok(Some(edit)) => edits.push(edit),
                Ok(None) => return None,
                Err(d) => return Some(outcome(&self.root, vec![d], JobCounts::default(), start)),
            }
        }
        if self.bodies_read(&edits) {
            // Another page's shortcodes or templated content show what was edited: its
            // Markdown renders again in a full rebuild.
            return None;
        }
        // The edits are applied to new versions of the site and the library; the old ones
        // stay in place until every output renders.
        let mut site = Arc::clone(&self.site);
        let mut renders = self.library.renders().cloned()?;
        let mut body_links = Vec::new();
        let mut diags = Vec::new();
        let mut pages = Vec::new();
        let mut sections = Vec::new();
        let mut reach = Reach::default();
        let mut terms_changed = false;
        let ctx = Context {
            config: &self.config,
            host: &self.templates,
            root: &self.root,
            known: &self.known,
        };
        for edit in &edits {
            let updated = match edit {
                Edit::Page(index, page, file) => {
                    let old = &site.pages[*index];
                    reach.feed |= page.meta.date.is_some();
                    reach.sitemap |= page.meta.updated != old.meta.updated;
                    terms_changed |= page.meta.taxonomies != old.meta.taxonomies;
                    pages.push(*index);
                    update_page(*index, (**page).clone(), file, &site, &renders, &ctx)
                        .map(|(u, w)| (u, w, Item::Page(*index)))
                }
                Edit::Section(index, section) => {
                    sections.push(*index);
                    update_section(*index, (**section).clone(), &site, &renders, &ctx)
                        .map(|(u, w)| (u, w, Item::Section(*index)))
                }
                Edit::Copy(..) => continue,
            };
            match updated {
                Ok((
                    Updated {
                        site: s,
                        renders: r,
                        links,
                    },
                    warnings,
                    item,
                )) => {
                    site = s;
                    renders = r;
                    body_links.push((item, links));
                    diags.extend(warnings);
                }
                Err(errors) => {
                    return Some(outcome(&self.root, errors, JobCounts::default(), start));
                }
            }
        }
        if terms_changed {
            // The pages' terms moved: the taxonomies are gathered again, and the terms that
            // gained or lost a page re-render (a term that appears or goes, or a pager
            // more or less, changes the jobs: a full rebuild).
            let (taxonomies, found) = crate::content::taxonomies::gather(&site, &self.config);
            if found.iter().any(Diagnostic::is_error) {
                return Some(outcome(&self.root, found, JobCounts::default(), start));
            }
            let mut new_site = (*site).clone();
            new_site.taxonomies = taxonomies;
            reach.terms = Plan::changed_terms(&self.site, &new_site)?;
            site = Arc::new(new_site);
            diags.extend(found);
        }
        let mut counts = JobCounts::default();
        if !pages.is_empty() || !sections.is_empty() {
            let mut rendered = self.rendered.links_with(&body_links);
            links::check_anchors(&site, &rendered, &mut diags);
            if diags.iter().any(Diagnostic::is_error) {
                return Some(outcome(&self.root, diags, counts, start));
            }
            let library = Arc::new(self.library.with_renders(Arc::clone(&site), renders));
            self.templates.use_library(&library);
            let jobs = self.plan.touched_by(&site, &pages, &sections, &reach);
            let sink = Sink::InPlace(self.output.clone());
            match self.plan.rerun(
                &jobs,
                &self.config,
                &rendered,
                &library,
                &self.templates,
                &sink,
            ) {
                Ok(done) => counts = done,
                Err(errors) => {
                    self.templates.use_library(&self.library);
                    diags.extend(errors);
                    return Some(outcome(&self.root, diags, counts, start));
                }
            }
            std::mem::swap(&mut self.rendered, &mut rendered);
            self.site = site;
            self.library = library;
            self.search_stale = cfg!(feature = "search") && self.config.searches_any_language();
        }
        let sink = Sink::InPlace(self.output.clone());
        super::publish_images(&self.templates, &sink, &mut counts, &mut diags);
        for edit in &edits {
            if let Edit::Copy(source, dest) = edit {
                let keep = &self.config.privacy.keep_image_metadata_globs;
                match sink.publish(source, dest, keep) {
                    Ok(published) => {
                        counts.add_copy(&published);
                        diags.extend(crate::render::publish_warning(
                            source, &self.root, &published,
                        ));
                    }
                    Err(e) => diags.push(Diagnostic::error(format!(
                        "could not copy {} to the preview: {e}",
                        source.display()
                    ))),
                }
            }
        }
        Some(outcome(&self.root, diags, counts, start))
    }

    /// Whether a page's or section's body (its shortcodes or templated content) other than
    /// the edited ones looked up one of them, or a taxonomy (whose terms an edit may move).
    fn bodies_read(&self, edits: &[Edit]) -> bool {
        let site = &self.site;
        let mut edited = Vec::new();
        let mut watched = Vec::new();
        let mut sections = Vec::new();
        for edit in edits {
            match edit {
                Edit::Page(i, ..) => {
                    let page = &site.pages[*i];
                    edited.push(Item::Page(*i));
                    watched.push((
                        page.loc.relative_path.as_str(),
                        site.sections[page.section].loc.relative_path.as_str(),
                    ));
                }
                Edit::Section(i, _) => {
                    edited.push(Item::Section(*i));
                    sections.push(site.sections[*i].loc.relative_path.as_str());
                }
                Edit::Copy(..) => {}
            }
        }
        let pages = self.rendered.pages.iter().enumerate();
        let bodies = pages
            .map(|(i, b)| (Item::Page(i), b))
            .chain((self.rendered.sections.iter().enumerate()).map(|(i, b)| (Item::Section(i), b)));
        bodies
            .filter(|(item, _)| !edited.contains(item))
            .any(|(_, body)| {
                let seen = &body.lookups;
                !seen.taxonomies.is_empty()
                    || watched.iter().any(|(p, s)| seen.touches(p, s))
                    || sections.iter().any(|s| seen.sections.contains(*s))
            })
    }

    /// Whether the search index misses edits applied since the last full build.
    pub fn search_is_stale(&self) -> bool {
        self.search_stale
    }

    /// The work of indexing the served site for search again, to run on another
    /// thread (it takes a second on a big site, so `serve` does it once edits have
    /// settled, without holding up the next one). Each index file is renamed into place.
    #[cfg(feature = "search")]
    pub fn search_refresh(&mut self) -> impl FnOnce() -> Result<(), Diagnostic> + Send + 'static {
        self.search_stale = false;
        let sink = Sink::InPlace(self.output.clone());
        let scope = crate::search::Scope::of(&self.config);
        move || crate::search::index_site(&sink, &scope).map(|_| ())
    }

    /// What a change to the file at `rel` asks for: `Ok(None)` when only a full
    /// rebuild will do, an error when the edited page does not parse.
    fn edit(&self, rel: &Path) -> Result<Option<Edit>, Diagnostic> {
        let path = self.root.join(rel);
        if !path.is_file() {
            return Ok(None);
        }
        // A file in a page bundle may be one of its downloads, whose size and page count
        // the page shows: only files of `static/` are copied on their own.
        if !rel.starts_with("content")
            && let Some(dest) = self.plan.copy_of(&path)
        {
            return Ok(Some(Edit::Copy(path, dest.to_string())));
        }
        let Ok(content_rel) = rel.strip_prefix("content") else {
            return Ok(None);
        };
        let content_rel = content_rel.to_string_lossy().replace('\\', "/");
        let index = match self.site.by_relative_path.get(&content_rel) {
            Some(Item::Page(index)) => *index,
            Some(Item::Section(index)) => return self.section_edit(*index, &content_rel),
            None => return Ok(None),
        };
        let old = &self.site.pages[index];
        if old.kind.is_some() {
            return Ok(None);
        }
        let (loaded, _, (meta, kind)) =
            crate::content::parse_page(crate::load::read(&self.root, &content_rel)?, &self.config)?;
        let sort_by = self.site.sections[old.section].meta.sort_by;
        if kind.is_some() || !same_place(&old.meta, &meta, sort_by) {
            return Ok(None);
        }
        let page = Page {
            fields: loaded.front.fields().clone(),
            file: loaded.file.front_matter(loaded.split.body.start),
            split: loaded.split,
            meta,
            ..(**old).clone()
        };
        Ok(Some(Edit::Page(index, Box::new(page), loaded.file)))
    }

    /// What an edit to the `_index.md` of section `index` asks for: its text and free
    /// fields can change in place; anything that places, orders or renders its pages
    /// differently needs a full rebuild.
    fn section_edit(&self, index: usize, content_rel: &str) -> Result<Option<Edit>, Diagnostic> {
        let old = &self.site.sections[index];
        if old.file.is_none() {
            return Ok(None);
        }
        let (loaded, _, meta) = crate::content::parse_section(
            crate::load::read(&self.root, content_rel)?,
            &self.config,
        )?;
        let (a, b) = (&old.meta, &meta);
        let same = a.sort_by == b.sort_by
            && a.weight == b.weight
            && a.template == b.template
            && a.page_template == b.page_template
            && a.insert_anchor_links == b.insert_anchor_links
            && a.render == b.render
            && a.redirect_to == b.redirect_to
            && a.draft == b.draft
            && a.aliases == b.aliases
            && a.paginate_by == b.paginate_by
            && a.paginate_path == b.paginate_path
            && a.paginate_reversed == b.paginate_reversed
            && a.transparent == b.transparent
            && a.generate_feeds == b.generate_feeds
            && a.in_search_index == b.in_search_index;
        if !same {
            return Ok(None);
        }
        let section = Section {
            fields: loaded.front.fields().clone(),
            file: Some((loaded.file, loaded.split)),
            meta,
            ..(**old).clone()
        };
        Ok(Some(Edit::Section(index, Box::new(section))))
    }
}

/// Whether an edited page keeps its URL, its order in its section, its redirects, its
/// template, its downloads and its PDF: then only what shows it changes.
fn same_place(old: &PageFrontMatter, new: &PageFrontMatter, sort_by: SortBy) -> bool {
    let order = match sort_by {
        SortBy::Date => old.date == new.date,
        SortBy::UpdateDate => old.updated == new.updated,
        SortBy::Title => old.title == new.title,
        SortBy::Weight => old.weight == new.weight,
        SortBy::None => true,
    };
    order
        && old.slug == new.slug
        && old.path == new.path
        && old.draft == new.draft
        && old.aliases == new.aliases
        && old.template == new.template
        && old.downloads == new.downloads
        && !old.pdf.unwrap_or(false)
        && !new.pdf.unwrap_or(false)
        && old.date == new.date
        && old.render == new.render
        && old.in_search_index == new.in_search_index
        && old.changes == new.changes
        && old.versions == new.versions
        && old.publish_from == new.publish_from
}

fn outcome(
    root: &Path,
    diagnostics: Vec<Diagnostic>,
    counts: JobCounts,
    start: Instant,
) -> Outcome {
    let mut all = Diagnostics::new();
    all.extend(diagnostics);
    Outcome {
        diagnostics: all.sorted_for(crate::config::settings_file(root)),
        counts,
        elapsed: start.elapsed(),
        output: None,
        statutory: Vec::new(),
        board: None,
    }
}

/// `3 pages, 1 section`: what an update rendered.
pub fn describe(counts: JobCounts) -> String {
    format!(
        "{} {}, {} {}",
        counts.pages,
        plural(counts.pages, "page", "pages"),
        counts.sections,
        plural(counts.sections, "section", "sections"),
    )
}
