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
pub mod practice_review;
pub mod records;
pub mod reports;
pub mod s11_audit;
pub mod self_assessment;
pub mod threshold;
pub mod topics;
pub mod tracker;

use serde::{Deserialize, Serialize};

use crate::content::frontmatter::PageFrontMatter;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::source::document::Document;
pub use arrangements::Arrangements;
pub mod locate;
pub use practice_review::PracticeReview;
pub use reports::{ScrutinyReport, YearlyReport};
pub use s11_audit::S11Audit;
pub use self_assessment::SelfAssessment;
pub use threshold::Threshold;

/// The kinds safesite knows, as written after `kind =`.
pub const KIND_NAMES: &[&str] = &[
    "arrangements",
    "scrutiny-report",
    "yearly-report",
    "self-assessment",
    "practice-review",
    "threshold",
    "s11-audit",
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
    /// `kind = "practice-review"`.
    PracticeReview(PracticeReview),
    /// `kind = "threshold"`.
    Threshold(Threshold),
    /// `kind = "s11-audit"`.
    S11Audit(S11Audit),
}

impl KindData {
    /// The kind's name, as written in front matter.
    pub fn name(&self) -> &'static str {
        match self {
            KindData::Arrangements(_) => "arrangements",
            KindData::ScrutinyReport(_) => "scrutiny-report",
            KindData::YearlyReport(_) => "yearly-report",
            KindData::SelfAssessment(_) => "self-assessment",
            KindData::PracticeReview(_) => "practice-review",
            KindData::Threshold(_) => "threshold",
            KindData::S11Audit(_) => "s11-audit",
        }
    }

    /// The recommendations the page makes, followed in the tracker: a scrutiny
    /// report's or a practice review's. A kind with recommendations adds one arm here.
    pub fn recommendations(&self) -> &[records::Recommendation] {
        match self {
            KindData::ScrutinyReport(r) => &r.recommendations,
            KindData::PracticeReview(r) => &r.recommendations,
            _ => &[],
        }
    }

    /// The actions the page commits to, each with the step it belongs to, followed in
    /// the tracker. A kind with actions adds one arm here.
    pub fn actions(&self) -> Vec<StepAction<'_>> {
        match self {
            KindData::SelfAssessment(s) => s
                .steps
                .iter()
                .flat_map(|st| {
                    st.actions.iter().map(|a| StepAction {
                        step: Some(st.number),
                        action: a,
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The yearly report whose period ended last, if the site has one.
pub fn newest_yearly_report(
    site: &crate::content::Site,
) -> Option<(&crate::content::Page, &YearlyReport)> {
    site.pages
        .iter()
        .filter_map(|p| match &p.kind {
            Some(KindData::YearlyReport(r)) => Some((p, r)),
            _ => None,
        })
        .max_by_key(|(_, r)| r.period_end.date())
}

/// An action and the step of its page it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct StepAction<'a> {
    /// The step's number, when the page has steps.
    pub step: Option<u32>,
    /// The action.
    pub action: &'a records::Action,
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
            downloads: Vec<crate::content::frontmatter::DownloadRef>,
            #[serde(default)]
            extra: toml::Table,
            $( $(#[$fdoc])* $field: $ty, )*
        }

        impl $fm {
            /// Separates the common page fields from the kind's own.
            pub fn into_parts(self) -> (crate::content::frontmatter::PageFrontMatter, $data) {
                let page = crate::content::frontmatter::PageFrontMatter {
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
                    pdf: None,
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
    doc: &Document,
) -> Result<(PageFrontMatter, Option<KindData>), Diagnostic> {
    let probe: Probe = doc.parse()?;
    let Some(kind) = probe.kind else {
        return Ok((doc.parse()?, None));
    };
    let name = kind.as_str().unwrap_or_default();
    let missing = |d: Diagnostic| missing_field(d, name, file, doc);
    let (page, data) = match name {
        "arrangements" => {
            let fm: arrangements::ArrangementsFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::Arrangements(d))
        }
        "scrutiny-report" => {
            let fm: reports::ScrutinyReportFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::ScrutinyReport(d))
        }
        "yearly-report" => {
            let fm: reports::YearlyReportFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::YearlyReport(d))
        }
        "self-assessment" => {
            let fm: self_assessment::SelfAssessmentFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::SelfAssessment(d))
        }
        "practice-review" => {
            let fm: practice_review::PracticeReviewFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::PracticeReview(d))
        }
        "threshold" => {
            let fm: threshold::ThresholdFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::Threshold(d))
        }
        "s11-audit" => {
            let fm: s11_audit::S11AuditFrontMatter = doc.parse().map_err(missing)?;
            let (p, d) = fm.into_parts();
            (p, KindData::S11Audit(d))
        }
        _ => {
            let shown = kind
                .as_str()
                .map_or_else(|| kind.to_string(), |s| format!("\"{s}\""));
            let hint = match crate::source::closest(name, KIND_NAMES) {
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
                    .at(&file.text, kind_line(file, doc))
                    .with_hint(hint),
            );
        }
    };
    Ok((page, Some(data)))
}

/// The fields each kind requires, with how to add each.
const REQUIRED: &[(&str, &str, &str)] = &[
    (
        "arrangements",
        "partnership",
        "add partnership = \"…\": the partnership's full name",
    ),
    (
        "arrangements",
        "guidance",
        "add guidance = \"WT2023\" or guidance = \"WT2018\": the edition of Working Together the arrangements follow, which selects the statutory topics they are checked against",
    ),
    (
        "arrangements",
        "published",
        "add published = 2025-03-31: the day the arrangements were published",
    ),
    (
        "scrutiny-report",
        "period",
        "add period = \"2024-25\": the year the report covers",
    ),
    (
        "scrutiny-report",
        "published",
        "add published = 2025-07-14: the day the report was published",
    ),
    (
        "scrutiny-report",
        "scrutineer",
        "add scrutineer = \"jane-smith\" (the id of the scrutineer in data/partnership.toml) or scrutineer = { name = \"…\", postholder = \"…\", organisation = \"…\" }",
    ),
    (
        "scrutiny-report",
        "summary",
        "add summary = \"\"\"…\"\"\": the scrutineer's summary, in Markdown, shown at the top of the report",
    ),
    (
        "yearly-report",
        "period",
        "add period = \"2024-25\": the year the report covers",
    ),
    (
        "yearly-report",
        "period_start",
        "add period_start = 2024-04-01: the first day of the year the report covers",
    ),
    (
        "yearly-report",
        "period_end",
        "add period_end = 2025-03-31: the last day of the year the report covers (the report is due within 3 months of it)",
    ),
    (
        "yearly-report",
        "published",
        "add published = 2025-06-30: the day the report was published",
    ),
    (
        "self-assessment",
        "framework",
        "add framework = \"six-steps\": the framework the partnership assessed itself against",
    ),
    (
        "self-assessment",
        "period",
        "add period = \"2024-25\": the period assessed",
    ),
    (
        "self-assessment",
        "steps",
        "add a [[steps]] table for each step of the framework, each with number = 1 (2, 3…), title = \"…\" and rating = \"…\"",
    ),
    (
        "practice-review",
        "review_type",
        "add review_type = \"lcspr\" (or rapid-review, thematic-review, serious-case-review, learning-briefing, seven-minute-briefing)",
    ),
    (
        "practice-review",
        "subject",
        "add subject = \"Child H\": who the review is about, as anonymised for publication",
    ),
    (
        "practice-review",
        "published",
        "add published = 2025-05-20: the day the review was published",
    ),
    (
        "threshold",
        "published",
        "add published = 2025-04-01: the day this version of the levels of need was published",
    ),
    (
        "threshold",
        "levels",
        "add a [[levels]] table for each level of need, each with number = 1 (2, 3…), name = \"…\" and description = \"\"\"…\"\"\"",
    ),
    (
        "s11-audit",
        "cycle",
        "add cycle = \"2025-26\": the audit cycle this summarises",
    ),
    (
        "s11-audit",
        "completed",
        "add completed = 2026-03-31: the day the cycle, moderation included, was completed",
    ),
    (
        "s11-audit",
        "returns",
        "add returns = 38: how many agencies sent a return",
    ),
    (
        "s11-audit",
        "standards",
        "add a [[standards]] table for each standard, each with number = 1 (2, 3…), title = \"…\" and results = { met = 30, partially-met = 6, not-met = 2 }",
    ),
];

/// The line that sets `kind`, where a kind's missing field is reported.
fn kind_line(file: &SourceFile, doc: &Document) -> std::ops::Range<usize> {
    doc.fields().line(&file.text, "kind").unwrap_or(0..0)
}

/// Rewrites the parser's "`x` is missing" for a field the kind requires: says which kind
/// needs it, points at the `kind` line, and shows what to write. A field missing from a
/// `[[table]]` entry is left to [`missing_in_entry`].
fn missing_field(d: Diagnostic, kind: &str, file: &SourceFile, doc: &Document) -> Diagnostic {
    let Some(crate::diagnostics::Code::MissingField(field)) = d.code.as_deref().cloned() else {
        return d;
    };
    if let Some(header) = entry_header(&d) {
        return missing_in_entry(d, &field, &header);
    }
    let Some((_, _, hint)) = REQUIRED.iter().find(|(k, f, _)| *k == kind && *f == field) else {
        return d;
    };
    // "s11" is said "ess eleven".
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) || kind.starts_with("s11") {
        "an"
    } else {
        "a"
    };
    Diagnostic::error(format!(
        "`{field}` is missing: {article} {kind} page must have it"
    ))
    .in_file(&file.rel)
    .at(&file.text, kind_line(file, doc))
    .with_hint(*hint)
    .with_code(crate::diagnostics::Code::MissingField(field))
}

/// The fields each `[[table]]` entry of a kind requires.
const ENTRY_FIELDS: &[(&str, &[&str])] = &[
    ("recommendations", &["id", "text"]),
    ("findings", &["kind", "text"]),
    ("steps", &["number", "rating"]),
    ("steps.actions", &["id", "text"]),
    ("priorities", &["title"]),
    ("relevant_agencies", &["name"]),
    ("levels", &["number", "name", "description"]),
    ("standards", &["number", "title", "results"]),
];

/// The table name of the `[[name]]` header a diagnostic points at: toml reports a field
/// missing from an entry at the entry's header.
fn entry_header(d: &Diagnostic) -> Option<String> {
    let span = d.span.as_ref()?;
    let header = span.text.get(span.range.clone())?.trim();
    let name = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    Some(name.to_string())
}

/// A field missing from the `[[table]]` entry the parser pointed at: names the table and
/// every field its entries need.
fn missing_in_entry(d: Diagnostic, field: &str, table: &str) -> Diagnostic {
    let Some((_, fields)) = ENTRY_FIELDS
        .iter()
        .find(|(name, fields)| *name == table && fields.contains(&field))
    else {
        return d;
    };
    let needs = fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    Diagnostic {
        message: format!("`{field}` is missing from this [[{table}]] entry"),
        hint: Some(format!(
            "add a line {field} = … below [[{table}]]: every entry needs {needs}"
        )),
        ..d
    }
}
