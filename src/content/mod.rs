//! The content model: the site's sections and pages after loading, before rendering.
//!
//! Plain data: relations are indices into [`Site::pages`] and [`Site::sections`], and
//! nothing here changes once loading has finished.

pub mod contacts;
pub mod date;
pub mod documents;
pub mod downloads;
pub mod frontmatter;
pub mod kinds;
mod links;
pub mod partnership;
pub mod pdf_input;
mod place;
pub mod record;
pub mod sort;
pub mod superseded;
pub mod taxonomies;
pub mod text;

pub use place::{parse_page, parse_section, place};

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::load::Split;
use crate::source::document::Fields;
use crate::source::{SourceFile, line_at};
use frontmatter::{PageFrontMatter, SectionFrontMatter};

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a section in [`Site::sections`].
pub type SectionId = usize;

/// Where a page or section sits in the site's URL space.
#[derive(Debug, Clone)]
pub struct Location {
    /// The content file relative to `content/`, with `/` separators (`reports/_index.md`).
    pub relative_path: String,
    /// The URL path, starting and ending with `/` (`/reports/2024/`).
    pub path: String,
    /// The full URL (`https://example.org/reports/2024/`).
    pub permalink: String,
    /// The URL path split into its parts (`["reports", "2024"]`).
    pub components: Vec<String>,
    /// The relative paths of the sections above, from the home page down.
    pub ancestors: Vec<String>,
    /// Files that sit beside the content file and are copied with it.
    pub assets: Vec<Asset>,
    /// Its language (the site's default unless the file name gives another).
    pub lang: String,
    /// The file's path in the default language (`about.md` for `about.pl.md`): items
    /// sharing it are translations of each other.
    pub canonical: String,
}

impl Location {
    /// Whether this is another language's version of a page (`about.pl.md`). The public
    /// record (recommendations and their ids, the tracker, statutory checks, the board
    /// report's dates) is the default language's: a translation is a summary of it.
    pub fn is_translation(&self) -> bool {
        self.relative_path != self.canonical
    }

    /// The folder of a page bundle, relative to `content/` (`reports/2024` for
    /// `reports/2024/index.md` and its translations such as `index.pl.md`), whose other
    /// files are the page's; `None` for a page of its own file, or a section.
    pub fn bundle_dir(&self) -> Option<&str> {
        let (folder, name) = self.relative_path.rsplit_once('/')?;
        (name.split('.').next() == Some("index")).then_some(folder)
    }
}

/// A file copied to the output beside a page or section.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it is on disk.
    pub source: PathBuf,
    /// Its path below the owner's output folder, with `/` separators.
    pub relative: String,
}

/// One page: a Markdown file that is not `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file and the text of its front matter (its Markdown is read by the render
    /// stage, which holds the whole file only while it renders the page).
    pub file: SourceFile,
    /// Where the front matter and body are in the whole file.
    pub split: Split,
    /// Where each top-level field of the front matter is, as the parser reported.
    pub fields: Fields,
    /// The parsed front matter.
    pub meta: PageFrontMatter,
    /// What the page is, if it is one of the domain kinds, and its kind's fields.
    pub kind: Option<kinds::KindData>,
    /// Its place in the site.
    pub loc: Location,
    /// The last part of its URL.
    pub slug: String,
    /// The section it belongs to.
    pub section: SectionId,
    /// The page sorted just before it in its section (`page.lower` in templates, as in
    /// Zola: the newer page when sorted by date, the lighter one by weight).
    pub lower: Option<PageId>,
    /// The page sorted just after it in its section (`page.higher` in templates: the
    /// older page by date, the heavier one by weight).
    pub higher: Option<PageId>,
    /// Its `publish_from` is still to come: it is in this build only as a preview
    /// (`serve`, `build --drafts`), marked "scheduled for …".
    pub scheduled: bool,
}

/// One section: a folder with an `_index.md` (the home page is always a section).
#[derive(Debug, Clone)]
pub struct Section {
    /// The `_index.md`, absent for a home page that has none.
    pub file: Option<(SourceFile, Split)>,
    /// Where each top-level field of its front matter is (none without a file).
    pub fields: Fields,
    /// The parsed front matter (defaults when there is no file).
    pub meta: SectionFrontMatter,
    /// Its place in the site.
    pub loc: Location,
    /// The section above, `None` for the home page.
    pub parent: Option<SectionId>,
    /// Its pages, in the section's sort order.
    pub pages: Vec<PageId>,
    /// Its subsections, by weight then path.
    pub subsections: Vec<SectionId>,
}

/// The line of `file` that sets the front-matter field `field` (from the field to the end
/// of its first line), or the front matter's opening line when it is not set.
pub fn field_range(file: &SourceFile, split: &Split, fields: &Fields, field: &str) -> Range<usize> {
    fields
        .line(&file.text, field)
        .unwrap_or_else(|| line_at(&file.text, split.front.start.saturating_sub(1)))
}

impl Section {
    /// Whether it is a language's home page.
    pub fn is_home(&self) -> bool {
        self.parent.is_none()
    }

    /// The line that sets `field` in the section's `_index.md` (or its opening line), if
    /// the section has a file.
    pub fn field_range(&self, field: &str) -> Option<(&SourceFile, Range<usize>)> {
        let (file, split) = self.file.as_ref()?;
        Some((file, field_range(file, split, &self.fields, field)))
    }

    /// The Markdown body and its offset in the file, if the section has a file.
    pub fn body(&self) -> Option<(&SourceFile, usize, &str)> {
        self.file
            .as_ref()
            .map(|(f, s)| (f, s.body.start, &f.text[s.body.clone()]))
    }
}

impl Page {
    /// The line that sets `field` in the page's front matter, or its opening line.
    pub fn field_range(&self, field: &str) -> Range<usize> {
        field_range(&self.file, &self.split, &self.fields, field)
    }

    /// Where a front-matter value is in the file (text without its quotes), for a
    /// diagnostic about it.
    pub fn value_range<T>(&self, value: &toml::Spanned<T>) -> Range<usize> {
        crate::source::unquoted(&self.file.text, value.span())
    }

    /// The Markdown body of `file` (the page's whole file: the page keeps only its front
    /// matter) and its byte offset.
    pub fn body<'f>(&self, file: &'f SourceFile) -> (usize, &'f str) {
        let body = file.text.get(self.split.body.clone()).unwrap_or_default();
        (self.split.body.start, body)
    }
}

/// Something a content path can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A page.
    Page(PageId),
    /// A section.
    Section(SectionId),
}

/// The whole loaded site. Plain data that does not change once placed: a new version
/// (`serve`, after an edit) shares every page and section it did not change with the
/// old one, so the site is cheap to copy.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Every published page (drafts only with `--drafts`).
    pub pages: Vec<Arc<Page>>,
    /// Every section; index 0 is the home page.
    pub sections: Vec<Arc<Section>>,
    /// Content paths (`reports/2024.md`) to items.
    pub by_relative_path: HashMap<String, Item>,
    /// Content paths of drafts left out of this build.
    pub drafts: HashMap<String, PathBuf>,
    /// Content paths of pages left out until their `publish_from`, with that date.
    pub scheduled: HashMap<String, date::DateValue>,
    /// Content paths of practice reviews left out because their `publish_until` has
    /// passed: links to them warn rather than fail.
    pub withdrawn: HashMap<String, Withdrawn>,
    /// On a site of several languages, the items that are versions of one another, by
    /// their default-language path, in the order of the site's languages.
    pub translations: HashMap<String, Vec<Item>>,
    /// Every taxonomy of every language, in the order `config.toml` defines them.
    pub taxonomies: Vec<taxonomies::Taxonomy>,
}

/// A page left out of the site because its `publish_until` date has passed.
#[derive(Debug, Clone)]
pub struct Withdrawn {
    /// The content file, relative to the site folder.
    pub file: PathBuf,
    /// The URL path it had while published (`/learning/child-h/`).
    pub path: String,
    /// Its last day of publication.
    pub until: date::DateValue,
    /// The permalink of the section it was listed in, where links to it now lead.
    pub listing: String,
}

impl Site {
    /// The withdrawn page a root-relative URL path led to (its page or one of its
    /// downloads), if any.
    pub fn withdrawn_at(&self, url_path: &str) -> Option<(&str, &Withdrawn)> {
        self.withdrawn
            .iter()
            .find(|(_, w)| {
                url_path.starts_with(w.path.as_str()) || url_path == w.path.trim_end_matches('/')
            })
            .map(|(rel, w)| (rel.as_str(), w))
    }
}

impl Site {
    /// The location of an item.
    pub fn location(&self, item: Item) -> &Location {
        match item {
            Item::Page(p) => &self.pages[p].loc,
            Item::Section(s) => &self.sections[s].loc,
        }
    }

    /// The file of an item and the line of it that sets the front-matter field `field`
    /// (or its opening line); `None` for a home page with no `_index.md`.
    pub fn field_range(&self, item: Item, field: &str) -> Option<(&SourceFile, Range<usize>)> {
        match item {
            Item::Page(p) => {
                let page = &self.pages[p];
                Some((&page.file, page.field_range(field)))
            }
            Item::Section(s) => self.sections[s].field_range(field),
        }
    }

    /// The home section of `lang` (the default language's when `lang` has none).
    pub fn home(&self, lang: &str) -> SectionId {
        self.sections
            .iter()
            .position(|s| s.is_home() && s.loc.lang == lang)
            .unwrap_or(0)
    }

    /// The versions of an item in every language it has (itself among them); empty on a
    /// site of one language.
    pub fn translations_of(&self, item: Item) -> &[Item] {
        self.translations
            .get(&self.location(item).canonical)
            .map_or(&[], Vec::as_slice)
    }

    /// The taxonomy `name` of `lang`.
    pub fn taxonomy(&self, name: &str, lang: &str) -> Option<&taxonomies::Taxonomy> {
        self.taxonomies
            .iter()
            .find(|t| t.lang == lang && t.config.name() == name)
    }

    /// Looks up a content path such as `reports/2024.md` (leading `@/` or `/` allowed).
    pub fn lookup(&self, path: &str) -> Option<Item> {
        let path = path.trim_start_matches("@/").trim_start_matches('/');
        self.by_relative_path.get(path).copied()
    }
}
