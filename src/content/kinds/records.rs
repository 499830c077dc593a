//! Records shared by several kinds — recommendations, actions, findings and where they
//! have got to — with what templates see of each, and the check that a page gives each
//! recommendation its own id.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::context::ViewContext;
use super::people::{Person, PersonRef};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;

/// Where a recommendation or action has got to, in the order the tracker lists them.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not started.
    #[default]
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Replaced by a later recommendation.
    Superseded,
}

impl Status {
    /// Every status, in the tracker's order.
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::Superseded,
    ];

    /// Whether nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Superseded)
    }

    /// The words shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::Superseded => "Superseded",
        }
    }

    /// As written in front matter (`in-progress`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Superseded => "superseded",
        }
    }
}

/// A recommendation of a scrutiny report or a practice review.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// A stable reference, never reused (`2025-R1`).
    pub id: Spanned<String>,
    /// What is recommended (Markdown).
    pub text: Spanned<String>,
    /// Who is responsible.
    pub owner: Option<Spanned<PersonRef>>,
    /// When it should be done.
    pub due: Option<DateValue>,
    /// Where it has got to.
    #[serde(default)]
    pub status: Status,
    /// The partnership's response (Markdown).
    pub response: Option<Spanned<String>>,
    /// The id of last year's recommendation this one continues.
    pub carried_from: Option<Spanned<String>>,
}

/// An action of a self-assessment step.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// A stable reference.
    pub id: Spanned<String>,
    /// What will be done (Markdown).
    pub text: Spanned<String>,
    /// Who is responsible.
    pub owner: Option<Spanned<PersonRef>>,
    /// When it should be done.
    pub due: Option<DateValue>,
    /// Where it has got to.
    #[serde(default)]
    pub status: Status,
}

/// What kind of finding a scrutiny report makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Something that works well.
    Strength,
    /// Something to improve.
    AreaForDevelopment,
    /// A neutral finding.
    Observation,
}

impl FindingKind {
    /// Every kind, in the order a report shows them, with its heading.
    pub const GROUPS: [(FindingKind, &'static str); 3] = [
        (FindingKind::Strength, "What is working well"),
        (FindingKind::AreaForDevelopment, "Areas for development"),
        (FindingKind::Observation, "Observations"),
    ];
}

/// A finding of a scrutiny report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// A stable reference, to follow it across years.
    pub id: Option<String>,
    /// Strength, area for development or observation.
    pub kind: FindingKind,
    /// The finding (Markdown).
    pub text: Spanned<String>,
}

/// A recommendation or action as templates see it: its Markdown rendered, its owner
/// looked up, and whether it is overdue. An action has no `response` or
/// `carried_from`, and its view has no such keys.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    /// Its id.
    pub id: String,
    /// What it says (HTML).
    pub text: String,
    /// Who is responsible.
    pub owner: Option<Person>,
    /// When it is due.
    pub due: Option<DateValue>,
    /// Where it has got to.
    pub status: Status,
    /// "In progress".
    pub status_label: &'static str,
    /// Past its due date and not done or superseded.
    pub overdue: bool,
    /// The partnership's response (HTML); recommendations only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Option<String>>,
    /// The recommendation it continues; recommendations only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Option<String>>,
}

/// Whether something due on `due` with `status` is overdue `today`.
pub fn overdue(status: Status, due: Option<&DateValue>, today: Date) -> bool {
    !status.is_closed() && due.is_some_and(|d| d.date() < today)
}

/// The view of a recommendation or action from the fields both have.
fn record(
    ctx: &ViewContext,
    id: &Spanned<String>,
    text: &Spanned<String>,
    owner: Option<&Spanned<PersonRef>>,
    due: Option<&DateValue>,
    status: Status,
) -> RecordView {
    RecordView {
        id: id.get_ref().clone(),
        text: ctx.markdown(text),
        owner: owner.and_then(|o| ctx.person(o)),
        due: due.cloned(),
        status,
        status_label: status.label(),
        overdue: overdue(status, due, ctx.today),
        response: None,
        carried_from: None,
    }
}

impl Recommendation {
    /// What templates see of it.
    pub fn view(&self, ctx: &ViewContext) -> RecordView {
        let base = record(
            ctx,
            &self.id,
            &self.text,
            self.owner.as_ref(),
            self.due.as_ref(),
            self.status,
        );
        RecordView {
            response: Some(self.response.as_ref().map(|r| ctx.markdown(r))),
            carried_from: Some(self.carried_from.as_ref().map(|c| c.get_ref().clone())),
            ..base
        }
    }
}

impl Action {
    /// What templates see of it.
    pub fn view(&self, ctx: &ViewContext) -> RecordView {
        record(
            ctx,
            &self.id,
            &self.text,
            self.owner.as_ref(),
            self.due.as_ref(),
            self.status,
        )
    }
}

/// The owners of `recs`, for the check that each id names someone.
pub fn owners(
    recs: &[Recommendation],
) -> impl Iterator<Item = (&'static str, &Spanned<PersonRef>)> {
    recs.iter()
        .filter_map(|r| r.owner.as_ref())
        .map(|p| ("owner", p))
}

/// A finding as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Its id.
    pub id: Option<String>,
    /// Its kind.
    pub kind: FindingKind,
    /// What it says (HTML).
    pub text: String,
}

impl Finding {
    /// What templates see of it.
    pub fn view(&self, ctx: &ViewContext) -> FindingView {
        FindingView {
            id: self.id.clone(),
            kind: self.kind,
            text: ctx.markdown(&self.text),
        }
    }
}

/// Recommendation ids unique within the page: the second of two is an error.
pub fn unique_ids(page: &Page, recs: &[Recommendation], out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for rec in recs {
        let n = seen.entry(rec.id.get_ref().as_str()).or_insert(0);
        *n += 1;
        if *n == 2 {
            out.push(
                Diagnostic::error(format!("two recommendations have the id `{}`", rec.id.get_ref()))
                    .in_file(&page.file.rel)
                    .at(&page.file.text, page.value_range(&rec.id))
                    .with_hint("recommendation ids are followed across years: give each its own, such as 2025-R4"),
            );
        }
    }
}
