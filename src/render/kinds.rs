//! What templates see of the domain kinds: each page's `page.data`, made by its kind
//! ([`crate::content::kinds::Kind::view`]) with its Markdown fields rendered here, and the
//! tracker of every recommendation and action (`recommendations()`).

use std::cell::RefCell;

use serde::Serialize;
use tera::Value;

use crate::config::Config;
use crate::content::kinds::frameworks::FrameworkSet;
use crate::content::kinds::records::RecordView;
use crate::content::kinds::tracker::{self, Source};
use crate::content::kinds::{FieldMarkdown, KindView, ViewContext};
use crate::content::partnership::Partnership;
use crate::content::{Item, Page, PageId, Site};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::{self, Input, Options};
use crate::templates::{BodyTemplates, Templates};

/// Everything the kind views need besides the page.
pub struct KindContext<'a> {
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a FrameworkSet,
    /// The whole site, for `@/` links in Markdown fields.
    pub site: &'a Site,
    /// The configuration.
    pub config: &'a Config,
    /// `data/partnership.toml`.
    pub partnership: Option<&'a Partnership>,
    /// Shortcodes and anchor links.
    pub host: &'a Templates,
    /// Markdown options.
    pub options: Options,
    /// Today, for overdue flags.
    pub today: jiff::civil::Date,
    /// The site folder, where the pages' downloads are.
    pub root: &'a std::path::Path,
    /// The documents read in this build.
    pub documents: &'a crate::content::documents::Inspected,
    /// Every address of the site, for the links in Markdown fields.
    pub known: &'a super::links::Known,
}

/// The page's own Markdown pipeline, for its front-matter Markdown fields: problems are
/// kept to be reported at the field.
struct Fields<'a> {
    page: &'a Page,
    ctx: &'a KindContext<'a>,
    /// The templates as the page's fields see them (its `page`, its language).
    host: BodyTemplates<'a>,
    diags: RefCell<Vec<Diagnostic>>,
    /// The links to other sites in the fields, for `check --links`.
    external: RefCell<Vec<(String, std::ops::Range<usize>)>>,
}

impl FieldMarkdown for Fields<'_> {
    fn render(&self, text: &str, offset: usize) -> String {
        let input = Input {
            file: &self.page.file,
            offset,
            body: text,
            permalink: &self.page.loc.permalink,
        };
        let mut local = Vec::new();
        let rendered = markdown::render(
            &input,
            self.ctx.options.clone(),
            self.ctx.site,
            &self.host,
            &mut local,
        );
        // A field's links are checked as the body's are, and reported at the field.
        super::links::check_body_alone(
            &self.page.file,
            &self.page.loc.path,
            &rendered,
            self.ctx.known,
            self.ctx.site,
            &mut local,
        );
        self.external.borrow_mut().extend(rendered.external_links);
        // Each field is a body of its own: an id shared with another field is no clash.
        let duplicate_id = |d: &Diagnostic| d.code.as_deref() == Some(&Code::DuplicateHeadingId);
        self.diags.borrow_mut().extend(
            local
                .into_iter()
                .filter(|d| d.is_error() || !duplicate_id(d)),
        );
        rendered.html
    }
}

/// `page.data` of a page of a kind, and its tracker rows; the links to other sites in
/// its Markdown fields go to `external`.
pub fn kind_view(
    id: PageId,
    page: &Page,
    ctx: &KindContext,
    diags: &mut Vec<Diagnostic>,
    external: &mut Vec<(String, std::ops::Range<usize>)>,
) -> Option<KindView> {
    let kind = page.kind.as_ref()?;
    let fields = Fields {
        page,
        ctx,
        host: ctx.host.for_body(Some(Item::Page(id))),
        diags: RefCell::new(Vec::new()),
        external: RefCell::new(Vec::new()),
    };
    let view_ctx = ViewContext {
        page,
        markdown: &fields,
        site: ctx.site,
        config: ctx.config,
        partnership: ctx.partnership,
        today: ctx.today,
        frameworks: ctx.frameworks,
        root: ctx.root,
        documents: ctx.documents,
    };
    let view = kind.view(&view_ctx);
    diags.extend(fields.diags.into_inner());
    external.extend(fields.external.into_inner());
    external.extend(kind.web_addresses(page));
    Some(view)
}

/// One row of the tracker: a recommendation or action as its page shows it, with where
/// it comes from and what carried it on.
#[derive(Serialize)]
struct TrackerRow<'a> {
    #[serde(flatten)]
    record: &'a RecordView,
    source: Source,
    step: Option<u32>,
    year: Option<i16>,
    /// The report's period, or a practice review's subject (`Child H`).
    period: Option<String>,
    report: ReportLink<'a>,
    /// The id of the later recommendation that carries it on.
    carried_to: Option<&'a str>,
}

/// The page a tracker row comes from.
#[derive(Serialize)]
struct ReportLink<'a> {
    title: Option<&'a str>,
    permalink: &'a str,
    path: &'a str,
}

/// Every recommendation and action of every page, for the tracker: open first, newest
/// year first, each with the page it came from (and its step), and the later
/// recommendation that carried it on.
pub fn tracker_rows(site: &Site, tracked: &[Vec<(RecordView, Option<u32>)>]) -> Value {
    let items = tracker::collect(site);
    let mut rows: Vec<TrackerRow> = Vec::new();
    for item in &items {
        let Some((record, _)) = tracked[item.page_id]
            .iter()
            .find(|(r, step)| r.id == *item.id.get_ref() && *step == item.step)
        else {
            continue;
        };
        let page = item.page;
        let carried_to = items
            .iter()
            .find(|other| other.carried_from.map(|c| c.get_ref()) == Some(item.id.get_ref()))
            .map(|other| other.id.get_ref().as_str());
        rows.push(TrackerRow {
            record,
            source: item.source,
            step: item.step,
            year: item.year,
            period: page.kind.as_ref().and_then(|k| k.short_name()),
            report: ReportLink {
                title: page.meta.title.as_deref(),
                permalink: &page.loc.permalink,
                path: &page.loc.path,
            },
            carried_to,
        });
    }
    rows.sort_by(|a, b| {
        a.record
            .status
            .cmp(&b.record.status)
            .then(b.year.cmp(&a.year))
            .then(a.record.id.cmp(&b.record.id))
    });
    Value::from_serializable(&rows)
}
