//! The front matter every page and section can have, as Zola reads it, and the fields
//! that belong to one kind of file only.

use serde::Deserialize;

use crate::config::AnchorLinks;
use crate::content::date::DateValue;
use crate::diagnostics::{Code, Diagnostic};

/// Front matter of a page (any `.md` file other than `_index.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page title.
    pub title: Option<String>,
    /// A one-line summary for listings and search engines.
    pub description: Option<String>,
    /// When it was published.
    pub date: Option<DateValue>,
    /// When it was last changed.
    pub updated: Option<DateValue>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Replaces the last part of the URL.
    pub slug: Option<String>,
    /// Replaces the whole URL path.
    pub path: Option<String>,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The template to render with (default `page.html` or the section's `page_template`).
    pub template: Option<String>,
    /// Ordering within the section when it sorts by weight.
    pub weight: Option<i64>,
    /// Authors' names.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Files from the page bundle offered as downloads.
    #[serde(default)]
    pub downloads: Vec<DownloadRef>,
    /// Make a PDF of this page too (reports have their own `pdf`, default true).
    pub pdf: Option<bool>,
    /// The terms of each taxonomy the page is in (`themes = ["Neglect"]`).
    #[serde(default)]
    pub taxonomies: Taxonomies,
    /// Whether the page gets a file of its own (`false`: only `get_page` sees it).
    pub render: Option<bool>,
    /// Whether the page is in the search index.
    pub in_search_index: Option<bool>,
    /// When the page is to be reviewed (a procedure, guidance, contacts): `check` warns
    /// once it has passed, and `safesite report` lists it 90 days ahead.
    pub review_by: Option<DateValue>,
    /// What changed on the page and when (`[[changes]]`): shown at its foot, newest
    /// first, and on the site's "What's changed" page.
    #[serde(default)]
    pub changes: Vec<crate::content::record::Change>,
    /// Other versions of the page (easy read, for young people, BSL, a translation, a
    /// summary), offered at its top.
    #[serde(default)]
    pub versions: Vec<crate::content::record::Version>,
    /// The day (or day and time, in Europe/London) the page goes live: until then it
    /// and its downloads are left out of the build.
    pub publish_from: Option<DateValue>,
    /// The page is about people who must not be identified (as a practice review is):
    /// what its downloads carry that could name someone is an error, not a warning.
    #[serde(default)]
    pub anonymised: bool,
    /// Free-form values for templates (`page.extra.*`).
    #[serde(default)]
    pub extra: toml::Table,
}

/// A page's `[taxonomies]`: each taxonomy's name (where it is written) and its terms.
pub type Taxonomies = std::collections::BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>;

impl PageFrontMatter {
    /// Whether the page is written (`render`, on unless `false`).
    pub fn renders(&self) -> bool {
        self.render != Some(false)
    }
}

/// A `[[downloads]]` entry: a file in the page bundle, offered as an attachment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadRef {
    /// The file's path inside the page bundle (`annual-report-2024-25.pdf`).
    pub file: toml::Spanned<String>,
    /// What the link says (`Annual report 2024 to 2025`).
    pub title: String,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first.
    Date,
    /// Most recently updated first.
    UpdateDate,
    /// By title, A–Z, ignoring case.
    Title,
    /// By weight, lowest first.
    Weight,
    /// By file path.
    #[default]
    None,
}

/// Front matter of a section (`_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section title.
    pub title: Option<String>,
    /// A one-line summary.
    pub description: Option<String>,
    /// How pages are ordered.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Ordering among sibling sections.
    #[serde(default)]
    pub weight: i64,
    /// The template for the section page.
    pub template: Option<String>,
    /// The default template for the section's pages.
    pub page_template: Option<String>,
    /// Anchor links on headings of this section and its pages.
    pub insert_anchor_links: Option<AnchorLinks>,
    /// Whether the section gets a page of its own.
    #[serde(default = "yes")]
    pub render: bool,
    /// Makes the section page a redirect to this URL.
    pub redirect_to: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Old URLs that redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Pages per listing page; the section's listing is not split when unset.
    #[serde(default)]
    pub paginate_by: Option<toml::Spanned<i64>>,
    /// The folder of later listing pages (`page`, as in `/news/page/2/`).
    #[serde(default)]
    pub paginate_path: Option<String>,
    /// List the pages in the reverse of the sort order.
    #[serde(default)]
    pub paginate_reversed: bool,
    /// Its pages are listed in the section above it too (and it has no page of its own
    /// unless `render` says so).
    #[serde(default)]
    pub transparent: bool,
    /// Whether the section gets an Atom feed of its pages (`<section>/atom.xml`).
    #[serde(default)]
    pub generate_feeds: bool,
    /// Whether the section's page is in the search index.
    #[serde(default = "yes")]
    pub in_search_index: bool,
    /// Free-form values for templates (`section.extra.*`).
    #[serde(default)]
    pub extra: toml::Table,
}

fn yes() -> bool {
    true
}

impl Default for SectionFrontMatter {
    fn default() -> Self {
        SectionFrontMatter {
            title: None,
            description: None,
            sort_by: SortBy::None,
            weight: 0,
            template: None,
            page_template: None,
            insert_anchor_links: None,
            render: true,
            redirect_to: None,
            draft: false,
            aliases: Vec::new(),
            paginate_by: None,
            paginate_path: None,
            paginate_reversed: false,
            transparent: false,
            generate_feeds: false,
            in_search_index: true,
            extra: toml::Table::new(),
        }
    }
}

/// Fields that only a page (not a section's `_index.md`) may set, and the reverse.
const PAGE_ONLY: &[&str] = &[
    "date",
    "updated",
    "slug",
    "path",
    "authors",
    "taxonomies",
    "changes",
    "versions",
    "publish_from",
    "review_by",
];
const SECTION_ONLY: &[&str] = &[
    "sort_by",
    "page_template",
    "insert_anchor_links",
    "redirect_to",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "transparent",
    "generate_feeds",
];

/// Rewrites "unknown field" for a field that belongs to the other kind of file.
pub fn misplaced_field(d: Diagnostic, is_section: bool) -> Diagnostic {
    let Some(Code::UnknownField(name)) = d.code.as_deref().cloned() else {
        return d;
    };
    let name = name.as_str();
    let folder = d
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "content".into());
    let (message, hint) = if is_section && PAGE_ONLY.contains(&name) {
        (
            format!("`{name}` is a page field: a section's _index.md cannot set it"),
            format!(
                "_index.md describes the section (the list of pages in {folder}/); remove `{name}`, or put it under [extra] if your template uses it"
            ),
        )
    } else if !is_section && SECTION_ONLY.contains(&name) {
        (
            format!("`{name}` is a section field: a page cannot set it"),
            format!("move `{name}` to {folder}/_index.md, the section this page is in"),
        )
    } else {
        return d;
    };
    Diagnostic {
        message,
        hint: Some(hint),
        ..d
    }
}

impl SectionFrontMatter {
    /// Pages per listing page, when the section is paginated (a positive `paginate_by`).
    pub fn paginate_by(&self) -> Option<usize> {
        self.paginate_by
            .as_ref()
            .and_then(|n| usize::try_from(*n.get_ref()).ok())
            .filter(|&n| n > 0)
    }

    /// The folder of later listing pages: `paginate_path`, or `page`.
    pub fn paginate_path(&self) -> &str {
        self.paginate_path.as_deref().unwrap_or("page")
    }
}
