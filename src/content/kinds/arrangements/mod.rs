//! `kind = "arrangements"`: the published multi-agency safeguarding arrangements — who
//! the partners are, the area they cover, the relevant agencies and the shared budget.

mod checks;
mod view;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::front::kind;
use super::people::PersonRef;
use super::topics::Document;
pub use super::topics::Guidance;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::DateValue;
use crate::diagnostics::Diagnostic;
pub use view::ArrangementsView;

/// The bodies the partnership covers.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Every local authority.
    #[serde(default)]
    pub local_authorities: Vec<Spanned<String>>,
    /// Every integrated care board.
    #[serde(default)]
    pub integrated_care_boards: Vec<Spanned<String>>,
    /// Every police force.
    #[serde(default)]
    pub police_forces: Vec<Spanned<String>>,
}

/// A relevant agency the partners bring into the arrangements.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelevantAgency {
    /// The agency.
    pub name: String,
    /// Education, health, justice, voluntary…
    pub sector: Option<Spanned<String>>,
}

/// One partner's contribution to the shared budget.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// Who contributes.
    pub partner: String,
    /// How much, in pounds.
    pub amount: f64,
}

/// The shared budget.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// The financial year (`2025-26`).
    pub year: Option<String>,
    /// Each partner's contribution.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// Planned spending, in pounds.
    pub expenditure: Option<Spanned<f64>>,
}

kind! {
    /// The published multi-agency safeguarding arrangements.
    Arrangements / ArrangementsFrontMatter {
        /// The partnership's name.
        pub partnership: String,
        /// WT2023 or WT2018.
        pub guidance: Guidance,
        /// When the arrangements were published.
        pub published: DateValue,
        /// When they will next be reviewed.
        pub next_review: Option<DateValue>,
        /// When the lead safeguarding partners signed them off.
        pub signed_off_by_lsps: Option<DateValue>,
        /// The lead safeguarding partners.
        pub lead_partners: Vec<Spanned<PersonRef>> = default,
        /// The delegated safeguarding partners.
        pub delegated_partners: Vec<Spanned<PersonRef>> = default,
        /// The partnership chair.
        pub chair: Option<Spanned<PersonRef>>,
        /// The independent scrutineer.
        pub scrutineer: Option<Spanned<PersonRef>>,
        /// The bodies covered.
        pub area: Option<Area>,
        /// The relevant agencies.
        pub relevant_agencies: Vec<RelevantAgency> = default,
        /// The shared budget.
        pub funding: Option<Funding>,
    }
}

impl Kind for Arrangements {
    const NAME: &'static str = "arrangements";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "partnership",
            "add partnership = \"…\": the partnership's full name",
        ),
        (
            "guidance",
            "add guidance = \"WT2023\" or guidance = \"WT2018\": the edition of Working Together the arrangements follow, which selects the statutory topics they are checked against",
        ),
        (
            "published",
            "add published = 2025-03-31: the day the arrangements were published",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] =
        &[("relevant_agencies", &["name"])];
    const ARCHETYPE: &'static str = include_str!("archetype.md");
    type FrontMatter = ArrangementsFrontMatter;
    type View = ArrangementsView;

    fn check(&self, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        checks::check(self, page, ctx, out);
    }

    fn view(&self, ctx: &ViewContext) -> ArrangementsView {
        view::view(self, ctx)
    }

    fn people(&self) -> Vec<(&'static str, &Spanned<PersonRef>)> {
        let mut people: Vec<(&'static str, &Spanned<PersonRef>)> = Vec::new();
        people.extend(self.lead_partners.iter().map(|p| ("lead_partners", p)));
        people.extend(
            self.delegated_partners
                .iter()
                .map(|p| ("delegated_partners", p)),
        );
        people.extend(self.chair.iter().map(|p| ("chair", p)));
        people.extend(self.scrutineer.iter().map(|p| ("scrutineer", p)));
        people
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.published)
    }

    fn statutory(&self) -> Option<(Document, Guidance)> {
        Some((Document::Arrangements, self.guidance))
    }
}

/// A sector of relevant agencies (from `sectors.toml`, after the Schedule to SI 2018/789).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// As written after `sector =`.
    pub id: String,
    /// The heading the arrangements page groups its agencies under.
    pub title: String,
}

#[derive(Deserialize)]
struct SectorFile {
    sectors: Vec<Sector>,
}

/// The sectors a relevant agency can belong to, in the order pages show them.
pub fn sectors() -> &'static [Sector] {
    static SECTORS: std::sync::OnceLock<Vec<Sector>> = std::sync::OnceLock::new();
    SECTORS.get_or_init(|| {
        // Shipped with safesite and parsed in its tests: it cannot fail for a user.
        toml::from_str::<SectorFile>(include_str!("sectors.toml"))
            .map(|f| f.sectors)
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sector_list_parses_and_has_the_confirmed_sectors() {
        let ids: Vec<&str> = sectors().iter().map(|s| s.id.as_str()).collect();
        for id in ["education", "health", "police", "justice"] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
    }
}
