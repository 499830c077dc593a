//! Rendering: the Markdown of every page and section (in parallel, with each page's
//! kind view, downloads and PDF), then the flat job list that produces every output file
//! from the library of template values ([`crate::templates::Library`]).

pub mod downloads;
mod jobs;
pub mod kinds;
pub mod links;
#[cfg(feature = "pdf")]
pub mod pdf;
mod update;

pub use jobs::{Copies, Done, JobCounts, Plan, Reach, publish_warning, run_jobs};
pub use update::{Context, Updated, update_page, update_section};

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::config::{AnchorLinks, Config};
use crate::content::{Item, Page, Section, SectionId, Site};
use crate::diagnostics::{Diagnostic, Place};
use crate::markdown::{self, Input, Options, Rendered};
use crate::source::SourceFile;
use crate::templates::deps::{self, Lookups};
use crate::templates::{Body, PageRender, Renders, Templates};

/// The anchors of one rendered body and its links to anchors of others, kept for the
/// check that needs every page rendered (its HTML goes to the library, compressed).
#[derive(Debug, Clone, Default)]
pub struct BodyLinks {
    /// Every `id` in the HTML that a `#anchor` can name.
    pub anchors: HashSet<String>,
    /// Its `@/…#anchor` links.
    pub anchored: Vec<links::AnchorLink>,
    /// What its shortcodes or templated content looked up (`get_page`, …): an edit to
    /// one of those renders this body again.
    pub lookups: Lookups,
    /// Its links to other sites, for `check --links`.
    pub external: Vec<links::ExternalLink>,
}

impl BodyLinks {
    /// The anchors and anchored links of `rendered`, a body of `file`, and what it
    /// looked up.
    fn new((rendered, lookups): (Rendered, Lookups), file: Option<&SourceFile>) -> Self {
        let anchored = file.map_or_else(Vec::new, |file| {
            rendered
                .internal_links
                .into_iter()
                .filter_map(|l| {
                    Some(links::AnchorLink {
                        anchor: l.anchor?,
                        place: Place::new(&file.rel, &file.text, l.range),
                        path: l.path,
                    })
                })
                .collect()
        });
        let external = file.map_or_else(Vec::new, |file| {
            rendered
                .external_links
                .into_iter()
                .map(|(url, range)| links::ExternalLink {
                    url,
                    file: file.rel.clone(),
                    range,
                })
                .collect()
        });
        BodyLinks {
            anchors: rendered.anchors,
            anchored,
            lookups,
            external,
        }
    }
}

/// What rendering found beside the template values: every body's links, and the PDFs.
pub struct RenderedSite {
    /// One per page, in [`Site::pages`] order.
    pub pages: Vec<Arc<BodyLinks>>,
    /// One per section, in [`Site::sections`] order.
    pub sections: Vec<Arc<BodyLinks>>,
    /// The PDFs made for reports: (page, output path, bytes). Empty without the `pdf`
    /// feature.
    pub pdfs: Arc<[(usize, String, Vec<u8>)]>,
    /// Whether this build can make PDFs (the `pdf` feature).
    pub pdfs_enabled: bool,
    /// What the root-relative links matched no address of (reported only when nothing
    /// else failed: a link to a file that did not load would only repeat its error).
    pub link_warnings: Vec<Diagnostic>,
}

impl RenderedSite {
    /// A copy with the links of the bodies given (edited pages and sections) in place
    /// of the old ones.
    pub fn links_with(&self, edited: &[(crate::content::Item, BodyLinks)]) -> RenderedSite {
        let mut copy = RenderedSite {
            pages: self.pages.clone(),
            sections: self.sections.clone(),
            pdfs: Arc::clone(&self.pdfs),
            pdfs_enabled: self.pdfs_enabled,
            link_warnings: Vec::new(),
        };
        for (item, links) in edited {
            let links = Arc::new(links.clone());
            match item {
                crate::content::Item::Page(p) => copy.pages[*p] = links,
                crate::content::Item::Section(s) => copy.sections[*s] = links,
            }
        }
        copy
    }
}

/// What one section's rendering made: its body, its links and their warnings.
type SectionMade = (Body, BodyLinks, Vec<Diagnostic>);

/// What one page's rendering made.
struct Made {
    render: PageRender,
    links: BodyLinks,
    link_warnings: Vec<Diagnostic>,
    tracked: Vec<(crate::content::kinds::records::RecordView, Option<u32>)>,
    pdf: Option<(usize, String, Vec<u8>)>,
}

/// Renders every body in parallel: its Markdown (each page's HTML compressed as soon as
/// it is made), each page's kind view, downloads and PDF, and the tracker of every
/// recommendation. Shortcodes render with `host`, whose library has the pages without
/// their content.
pub fn render_site(
    site: &Site,
    texts: Vec<SourceFile>,
    config: &Config,
    host: &Templates,
    inputs: &KindInputs,
    diags: &mut Vec<Diagnostic>,
) -> (RenderedSite, Renders) {
    let kind_context = kinds::KindContext {
        site,
        config,
        partnership: inputs.partnership,
        host,
        options: markdown_options(config),
        today: inputs.today,
        frameworks: inputs.frameworks,
        root: inputs.root,
        documents: inputs.documents,
        known: inputs.known,
    };
    // Each page's whole text is dropped once the page is rendered.
    let (made, page_diags): (Vec<Made>, Vec<Vec<Diagnostic>>) = texts
        .into_par_iter()
        .enumerate()
        .map(|(id, file)| {
            let mut d = Vec::new();
            let page = &site.pages[id];
            let made = render_page(id, page, &file, config, inputs, &kind_context, &mut d);
            (made, d)
        })
        .unzip();
    let (sections, section_diags): (Vec<SectionMade>, Vec<_>) = site
        .sections
        .par_iter()
        .enumerate()
        .map(|(id, section)| {
            let mut d = Vec::new();
            let made = section_markdown(id, section, site, config, host, &mut d);
            let (r, _) = &made;
            let file = section.file.as_ref().map(|(f, _)| f);
            let mut warnings = Vec::new();
            if let Some(file) = file {
                let base = &section.loc.path;
                links::check_body(file, base, r, inputs.known, site, &mut warnings, &mut d);
            }
            ((Body::new(r), BodyLinks::new(made, file), warnings), d)
        })
        .unzip();
    diags.extend(page_diags.into_iter().flatten());
    diags.extend(section_diags.into_iter().flatten());
    #[cfg(feature = "pdf")]
    comemo::evict(10);

    let mut page_renders = Vec::with_capacity(made.len());
    let mut links = Vec::with_capacity(made.len());
    let mut tracked = Vec::with_capacity(made.len());
    let mut pdfs = Vec::new();
    let mut link_warnings = Vec::new();
    for m in made {
        page_renders.push(Arc::new(m.render));
        links.push(Arc::new(m.links));
        tracked.push(m.tracked);
        pdfs.extend(m.pdf);
        link_warnings.extend(m.link_warnings);
    }
    let mut bodies = Vec::with_capacity(sections.len());
    let mut section_links = Vec::with_capacity(sections.len());
    for (body, links, warnings) in sections {
        bodies.push(body);
        section_links.push(links);
        link_warnings.extend(warnings);
    }
    let renders = Renders {
        pages: page_renders,
        sections: bodies.into_iter().map(Arc::new).collect(),
        recommendations: kinds::tracker_rows(site, &tracked),
    };
    let rendered = RenderedSite {
        pages: links,
        sections: section_links.into_iter().map(Arc::new).collect(),
        pdfs: pdfs.into(),
        pdfs_enabled: cfg!(feature = "pdf"),
        link_warnings,
    };
    (rendered, renders)
}

/// Renders one page: its Markdown, its kind's view, its downloads and its PDF.
fn render_page(
    id: usize,
    page: &Page,
    file: &SourceFile,
    config: &Config,
    inputs: &KindInputs,
    kind_context: &kinds::KindContext,
    d: &mut Vec<Diagnostic>,
) -> Made {
    let site = kind_context.site;
    let mut made = page_markdown(id, page, file, site, config, kind_context.host, d);
    let rendered = &made.0;
    let body = Body::new(rendered);
    let mut link_warnings = Vec::new();
    let base = &page.loc.path;
    links::check_body(
        file,
        base,
        rendered,
        inputs.known,
        site,
        &mut link_warnings,
        d,
    );
    let mut field_links = Vec::new();
    let view = kinds::kind_view(id, page, kind_context, d, &mut field_links);
    made.0.external_links.extend(field_links);
    #[allow(unused_mut)]
    let mut downloads = downloads::downloads(
        page,
        inputs.root,
        inputs.documents,
        inputs.document_access,
        d,
    );
    // Reports get a PDF made from the same Markdown, in parallel with the others.
    #[cfg(feature = "pdf")]
    let pdf = pdf::page_pdf(
        id,
        page,
        file,
        inputs.root,
        &config.language,
        inputs.partnership,
        d,
    )
    .map(|(entry, file)| {
        downloads.insert(0, entry);
        (file.page, file.dest, file.bytes)
    });
    #[cfg(not(feature = "pdf"))]
    let pdf: Option<(usize, String, Vec<u8>)> = None;
    let (data, tracked) = match view {
        Some(v) => (v.data, v.tracked),
        None => (Value::none(), Vec::new()),
    };
    Made {
        render: PageRender {
            body,
            data,
            downloads: Value::from_serializable(&downloads),
        },
        links: BodyLinks::new(made, Some(file)),
        link_warnings,
        tracked,
        pdf,
    }
}

/// The Markdown options of the site.
fn markdown_options(config: &Config) -> Options {
    Options {
        external_links: config
            .markdown
            .external_link_attributes()
            .map(std::sync::Arc::from),
        smart_punctuation: config.markdown.smart_punctuation,
        definition_lists: config.markdown.definition_list,
        alerts: config.markdown.github_alerts,
        lazy_images: config.markdown.lazy_async_image,
        highlight: config
            .markdown
            .highlighting_enabled()
            .then(|| config.highlighting.syntaxes.clone()),
        anchor_links: config.markdown.insert_anchor_links,
        templating: false,
    }
}

/// The Markdown options for content in `section` (its anchor-link setting is inherited).
fn options_for(site: &Site, config: &Config, section: SectionId) -> Options {
    let base = markdown_options(config);
    Options {
        anchor_links: anchor_links(site, section, base.anchor_links),
        ..base
    }
}

/// Whether the body of `file` is rendered as a template first.
fn templated(config: &Config, host: &Templates, file: &SourceFile) -> bool {
    let rel = file.rel.to_string_lossy();
    let in_content = rel.strip_prefix("content/").unwrap_or(&rel);
    host.content_templated() && !config.skip_content_templating_globs.matches(in_content)
}

/// Renders the Markdown of page `id`, with what its shortcodes and templated content
/// looked up.
fn page_markdown(
    id: usize,
    page: &Page,
    file: &SourceFile,
    site: &Site,
    config: &Config,
    host: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> (Rendered, Lookups) {
    let options = Options {
        templating: templated(config, host, file),
        ..options_for(site, config, page.section)
    };
    let (offset, body) = page.body(file);
    let input = Input {
        file,
        offset,
        body,
        permalink: &page.loc.permalink,
    };
    let host = host.for_body(Some(Item::Page(id)));
    deps::record(|| markdown::render(&input, options, site, &host, diags))
}

/// Renders the Markdown of section `id` (given apart from the site, which may still hold
/// its old version), with what it looked up; a section with no `_index.md` has none.
fn section_markdown(
    id: SectionId,
    section: &Section,
    site: &Site,
    config: &Config,
    host: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> (Rendered, Lookups) {
    let Some((file, offset, body)) = section.body() else {
        return Default::default();
    };
    let options = Options {
        templating: templated(config, host, file),
        ..options_for(site, config, id)
    };
    let input = Input {
        file,
        offset,
        body,
        permalink: &section.loc.permalink,
    };
    let host = host.for_body(Some(Item::Section(id)));
    deps::record(|| markdown::render(&input, options, site, &host, diags))
}

/// What rendering the domain kinds needs besides the site.
pub struct KindInputs<'a> {
    /// The site folder (page bundles' downloads).
    pub root: &'a std::path::Path,
    /// `data/partnership.toml`, if the site has one.
    pub partnership: Option<&'a crate::content::partnership::Partnership>,
    /// Today's date, for overdue flags.
    pub today: jiff::civil::Date,
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a crate::content::kinds::frameworks::FrameworkSet,
    /// Every address of the site, for root-relative links.
    pub known: &'a links::Known,
    /// Whether downloads' accessibility (a PDF's tags, title, language, text) is
    /// reported: by `check`, not by every build and preview.
    pub document_access: bool,
    /// The documents read in this build, each read once.
    pub documents: &'a crate::content::documents::Inspected,
}

/// The anchor-link setting of the nearest section that sets one.
fn anchor_links(site: &Site, mut section: SectionId, default: AnchorLinks) -> AnchorLinks {
    loop {
        let s = &site.sections[section];
        if let Some(a) = s.meta.insert_anchor_links {
            return a;
        }
        match s.parent {
            Some(p) => section = p,
            None => return default,
        }
    }
}
