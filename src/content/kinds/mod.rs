//! The domain kinds: what a partnership publishes, each with its own front-matter schema.
//!
//! A page with `kind = "…"` is parsed with that kind's strict schema (the common page
//! fields plus the kind's own), so a missing field, a wrong type or an unknown value is an
//! error at its line. [`checks`] then validates what types cannot (six steps numbered 1–6,
//! ratings from the site's scale) and warns on dates.

pub mod arrangements;
pub mod chart;
pub mod checks;
pub mod frameworks;
pub mod people;
pub mod records;
pub mod reports;
pub mod self_assessment;
pub mod topics;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::{self, PageFrontMatter, Split};
use crate::load::source::SourceFile;
pub use arrangements::Arrangements;
pub use reports::{ScrutinyReport, YearlyReport};
pub use self_assessment::SelfAssessment;

/// The kinds safesite knows, as written after `kind =`.
pub const KIND_NAMES: &[&str] = &[
    "arrangements",
    "scrutiny-report",
    "yearly-report",
    "self-assessment",
];

/// A page's kind-specific data.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum KindData {
    /// `kind = "arrangements"`.
    Arrangements(Arrangements),
    /// `kind = "scrutiny-report"`.
    ScrutinyReport(ScrutinyReport),
    /// `kind = "yearly-report"`.
    YearlyReport(YearlyReport),
    /// `kind = "self-assessment"`.
    SelfAssessment(SelfAssessment),
}

impl KindData {
    /// The kind's name, as written in front matter.
    pub fn name(&self) -> &'static str {
        match self {
            KindData::Arrangements(_) => "arrangements",
            KindData::ScrutinyReport(_) => "scrutiny-report",
            KindData::YearlyReport(_) => "yearly-report",
            KindData::SelfAssessment(_) => "self-assessment",
        }
    }
}

/// Declares a kind: its data struct, and the strict front-matter struct that adds the
/// common page fields to it (so serde reports unknown and missing fields with spans).
macro_rules! kind {
    ($(#[$doc:meta])* $data:ident / $fm:ident { $( $(#[$fdoc:meta])* pub $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, serde::Serialize)]
        pub struct $data {
            $( $(#[$fdoc])* pub $field: $ty, )*
        }

        /// The front matter of this kind: common page fields plus the kind's own.
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $fm {
            #[allow(dead_code)]
            kind: String,
            title: Option<String>,
            description: Option<String>,
            date: Option<crate::content::date::DateValue>,
            updated: Option<crate::content::date::DateValue>,
            #[serde(default)]
            draft: bool,
            slug: Option<String>,
            path: Option<String>,
            #[serde(default)]
            aliases: Vec<String>,
            template: Option<String>,
            weight: Option<i64>,
            #[serde(default)]
            authors: Vec<String>,
            #[serde(default)]
            downloads: Vec<crate::load::frontmatter::DownloadRef>,
            #[serde(default)]
            extra: toml::Table,
            $( $(#[$fdoc])* $field: $ty, )*
        }

        impl $fm {
            /// Separates the common page fields from the kind's own.
            pub fn into_parts(self) -> (crate::load::frontmatter::PageFrontMatter, $data) {
                let page = crate::load::frontmatter::PageFrontMatter {
                    title: self.title,
                    description: self.description,
                    date: self.date,
                    updated: self.updated,
                    draft: self.draft,
                    slug: self.slug,
                    path: self.path,
                    aliases: self.aliases,
                    template: self.template,
                    weight: self.weight,
                    authors: self.authors,
                    downloads: self.downloads,
                    extra: self.extra,
                };
                (page, $data { $( $field: self.$field, )* })
            }
        }
    };
}
pub(crate) use kind;

/// Reads only `kind` from a front-matter block.
#[derive(Deserialize)]
struct Probe {
    kind: Option<toml::Value>,
}

/// Parses a page's front matter with the schema its `kind` selects.
pub fn parse_page(
    file: &SourceFile,
    split: &Split,
) -> Result<(PageFrontMatter, Option<KindData>), Diagnostic> {
    let probe: Probe = frontmatter::parse(file, split)?;
    let Some(kind) = probe.kind else {
        return Ok((frontmatter::parse(file, split)?, None));
    };
    let name = kind.as_str().unwrap_or_default();
    let (page, data) = match name {
        "arrangements" => {
            let fm: arrangements::ArrangementsFrontMatter = frontmatter::parse(file, split)?;
            let (p, d) = fm.into_parts();
            (p, KindData::Arrangements(d))
        }
        "scrutiny-report" => {
            let fm: reports::ScrutinyReportFrontMatter = frontmatter::parse(file, split)?;
            let (p, d) = fm.into_parts();
            (p, KindData::ScrutinyReport(d))
        }
        "yearly-report" => {
            let fm: reports::YearlyReportFrontMatter = frontmatter::parse(file, split)?;
            let (p, d) = fm.into_parts();
            (p, KindData::YearlyReport(d))
        }
        "self-assessment" => {
            let fm: self_assessment::SelfAssessmentFrontMatter = frontmatter::parse(file, split)?;
            let (p, d) = fm.into_parts();
            (p, KindData::SelfAssessment(d))
        }
        _ => {
            let shown = kind
                .as_str()
                .map_or_else(|| kind.to_string(), |s| format!("\"{s}\""));
            let hint = match crate::load::source::closest(name, KIND_NAMES) {
                Some(best) => format!(
                    "did you mean kind = \"{best}\"? The kinds are: {}",
                    KIND_NAMES.join(", ")
                ),
                None => format!(
                    "the kinds are: {}; leave `kind` out for an ordinary page",
                    KIND_NAMES.join(", ")
                ),
            };
            return Err(
                Diagnostic::error(format!("kind = {shown} is not a kind safesite knows"))
                    .in_file(&file.rel)
                    .at(&file.text, frontmatter::key_range(file, split, "kind"))
                    .with_hint(hint),
            );
        }
    };
    Ok((page, Some(data)))
}
