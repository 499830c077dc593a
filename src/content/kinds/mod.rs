//! The domain kinds: what a partnership publishes, each with its own front-matter schema.
//!
//! A page with `kind = "…"` is parsed with that kind's strict schema (the common page
//! fields plus the kind's own), so a missing field, a wrong type or an unknown value is an
//! error at its line. Each kind is one module that implements [`Kind`]: its fields, the
//! fields it requires, its checks, what templates see of it (`page.data`), its PDF and its
//! archetype. The `kinds!` list at the bottom of this file registers them; adding a kind
//! is one new module and one line there.

pub mod accessibility_statement;
pub mod arrangements;
pub mod chart;
pub mod context;
pub mod event;
pub mod frameworks;
pub mod people;
pub mod practice_review;
pub mod record_checks;
pub mod records;
pub mod s11_audit;
pub mod scrutiny_report;
pub mod self_assessment;
pub mod site_checks;
pub mod threshold;
pub mod topics;
pub mod tracker;
pub mod whats_changed;
pub mod yearly_report;

mod front;
mod parse;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tera::Value;
use toml::Spanned;

use crate::content::Page;
use crate::content::date::DateValue;
use crate::content::frontmatter::PageFrontMatter;
use crate::content::partnership::Partnership;
use crate::content::pdf_input::PdfPlan;
use crate::diagnostics::Diagnostic;
pub use context::{CheckContext, FieldMarkdown, ViewContext};
pub use parse::parse_page;
use people::PersonRef;
use records::{Action, Recommendation, RecordView};
use topics::Document;

/// One domain kind: a module implements this for its type, and the `kinds!` list registers it.
pub trait Kind: Sized {
    /// As written after `kind =`.
    const NAME: &'static str;
    /// The fields a page of the kind must set, each with what to write.
    const REQUIRED: &'static [(&'static str, &'static str)];
    /// The fields each entry of its `[[table]]`s must set (`("steps", &["number", …])`).
    const ENTRIES: &'static [(&'static str, &'static [&'static str])];
    /// What `safesite new <kind>` writes (placeholders such as `{{today}}` are filled in).
    const ARCHETYPE: &'static str;

    /// The kind's front matter: the common page fields and its own, in one strict table.
    type FrontMatter: DeserializeOwned + Into<(PageFrontMatter, Self)>;
    /// What templates see as `page.data`.
    type View: Serialize;

    /// What the schema cannot say (ids that must exist, numbers in order, dates passed).
    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>);

    /// What templates see of the page's fields: Markdown rendered, people looked up, and
    /// what a template should not have to work out.
    fn view(&self, ctx: &ViewContext) -> Self::View;

    /// The recommendations and actions in a view, with the step each belongs to, for the
    /// tracker (the view already holds them rendered).
    fn tracked(_view: &Self::View) -> Vec<(&RecordView, Option<u32>)> {
        Vec::new()
    }

    /// The people the page names by id or written out, each with its field, so the ids
    /// can be checked against `data/partnership.toml`.
    fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
        Vec::new()
    }

    /// The recommendations the page makes, followed in the tracker.
    fn recommendations(&self) -> &[Recommendation] {
        &[]
    }

    /// The actions the page commits to, each with its step, followed in the tracker.
    fn actions(&self) -> Vec<StepAction<'_>> {
        Vec::new()
    }

    /// The day the page is dated by (when it was published or completed).
    fn dated(&self) -> Option<&DateValue> {
        None
    }

    /// What the tracker calls the page, when not its title (a report's period, a
    /// review's subject).
    fn short_name(&self) -> Option<String> {
        None
    }

    /// The last day the page is published, after which it is left out of the site.
    fn publish_until(&self) -> Option<&DateValue> {
        None
    }

    /// The statutory document the page is, checked against a topic list, and the
    /// edition of Working Together it follows.
    fn statutory(&self) -> Option<(Document, arrangements::Guidance)> {
        None
    }

    /// What the page's PDF holds besides the page itself, if the kind makes one.
    fn pdf(&self, _page: &Page, _partnership: Option<&Partnership>) -> Option<PdfPlan> {
        None
    }

    /// Addresses of other sites in its plain (not Markdown) fields, with where each is
    /// in the page's file, for `check --links` (an event's `booking_url`).
    fn web_addresses(&self, _page: &Page) -> Vec<(String, std::ops::Range<usize>)> {
        Vec::new()
    }
}

/// An action and the step of its page it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct StepAction<'a> {
    /// The step's number, when the page has steps.
    pub step: Option<u32>,
    /// The action.
    pub action: &'a Action,
}

/// What templates see of a page of a kind, and the tracker's rows from it.
pub struct KindView {
    /// `page.data`.
    pub data: Value,
    /// The page's recommendations and actions as shown, with their steps.
    pub tracked: Vec<(RecordView, Option<u32>)>,
}

/// Registers the kinds: the [`KindData`] enum, [`KIND_NAMES`], and one dispatch to each
/// kind's [`Kind`] implementation per question asked of a page of any kind.
macro_rules! kinds {
    ($($variant:ident => $kind:ty),* $(,)?) => {
        /// A page's kind and its kind's fields.
        #[derive(Debug, Clone)]
        pub enum KindData {
            $(
                #[doc = concat!("A page of [`", stringify!($kind), "`].")]
                $variant(Box<$kind>),
            )*
        }

        /// The kinds safesite knows, as written after `kind =`.
        pub const KIND_NAMES: &[&str] = &[$(<$kind as Kind>::NAME),*];

        /// Parses `doc` with the schema of the kind called `name`; `None` for no kind.
        fn parse_kind(
            name: &str,
            doc: &crate::source::document::Document,
        ) -> Option<Result<(PageFrontMatter, KindData), Diagnostic>> {
            $(
                if name == <$kind as Kind>::NAME {
                    return Some(doc.parse::<<$kind as Kind>::FrontMatter>().map(|fm| {
                        let (page, data): (PageFrontMatter, $kind) = fm.into();
                        (page, KindData::$variant(Box::new(data)))
                    }));
                }
            )*
            None
        }

        /// The fields the kind called `name` requires, and its entries' fields.
        fn schema(name: &str) -> Option<Schema> {
            $(
                if name == <$kind as Kind>::NAME {
                    return Some((<$kind as Kind>::REQUIRED, <$kind as Kind>::ENTRIES));
                }
            )*
            None
        }

        /// The built-in archetype of the kind called `name`.
        pub fn archetype(name: &str) -> Option<&'static str> {
            $(
                if name == <$kind as Kind>::NAME {
                    return Some(<$kind as Kind>::ARCHETYPE);
                }
            )*
            None
        }

        impl KindData {
            /// The kind's name, as written in front matter.
            pub fn name(&self) -> &'static str {
                match self { $(KindData::$variant(_) => <$kind as Kind>::NAME),* }
            }

            /// The kind's checks of the page.
            pub fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
                match self { $(KindData::$variant(k) => k.check(page, ctx, out)),* }
            }

            /// What templates see of the page, and its tracker rows.
            pub fn view(&self, ctx: &ViewContext) -> KindView {
                match self {
                    $(KindData::$variant(k) => {
                        let view = k.view(ctx);
                        let tracked = <$kind as Kind>::tracked(&view)
                            .into_iter()
                            .map(|(r, step)| (r.clone(), step))
                            .collect();
                        KindView { data: Value::from_serializable(&view), tracked }
                    })*
                }
            }

            /// The people the page names, with their fields.
            pub fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
                match self { $(KindData::$variant(k) => k.people()),* }
            }

            /// The recommendations the page makes.
            pub fn recommendations(&self) -> &[Recommendation] {
                match self { $(KindData::$variant(k) => k.recommendations()),* }
            }

            /// The actions the page commits to.
            pub fn actions(&self) -> Vec<StepAction<'_>> {
                match self { $(KindData::$variant(k) => k.actions()),* }
            }

            /// The day the page is dated by.
            pub fn dated(&self) -> Option<&DateValue> {
                match self { $(KindData::$variant(k) => k.dated()),* }
            }

            /// What the tracker calls the page.
            pub fn short_name(&self) -> Option<String> {
                match self { $(KindData::$variant(k) => k.short_name()),* }
            }

            /// The last day the page is published.
            pub fn publish_until(&self) -> Option<&DateValue> {
                match self { $(KindData::$variant(k) => k.publish_until()),* }
            }

            /// The statutory document the page is, and its guidance.
            pub fn statutory(&self) -> Option<(Document, arrangements::Guidance)> {
                match self { $(KindData::$variant(k) => k.statutory()),* }
            }

            /// What the page's PDF holds, if the kind makes one.
            pub fn pdf(&self, page: &Page, partnership: Option<&Partnership>) -> Option<PdfPlan> {
                match self { $(KindData::$variant(k) => k.pdf(page, partnership)),* }
            }

            /// Addresses of other sites in its plain fields, with their places.
            pub fn web_addresses(&self, page: &Page) -> Vec<(String, std::ops::Range<usize>)> {
                match self { $(KindData::$variant(k) => k.web_addresses(page)),* }
            }
        }
    };
}

/// A kind's required fields (with how to add each) and its entries' required fields.
type Schema = (
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static [&'static str])],
);

kinds! {
    Arrangements => arrangements::Arrangements,
    ScrutinyReport => scrutiny_report::ScrutinyReport,
    YearlyReport => yearly_report::YearlyReport,
    SelfAssessment => self_assessment::SelfAssessment,
    PracticeReview => practice_review::PracticeReview,
    Threshold => threshold::Threshold,
    S11Audit => s11_audit::S11Audit,
    AccessibilityStatement => accessibility_statement::AccessibilityStatement,
    Event => event::Event,
    WhatsChanged => whats_changed::WhatsChanged,
}

/// The yearly report whose period ended last, if the site has one.
pub fn newest_yearly_report(
    site: &crate::content::Site,
) -> Option<(&Page, &yearly_report::YearlyReport)> {
    site.pages
        .iter()
        .filter(|p| !p.loc.is_translation())
        .filter_map(|p| match &p.kind {
            Some(KindData::YearlyReport(r)) => Some((p.as_ref(), r.as_ref())),
            _ => None,
        })
        .max_by_key(|(_, r)| r.period_end.date())
}
