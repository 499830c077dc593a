//! What templates see of the arrangements: the people named, the relevant agencies
//! grouped by sector, and a link to the levels of need.

use serde::Serialize;

use super::{Area, Arrangements, Funding, Guidance, RelevantAgency, sectors};
use crate::content::date::DateValue;
use crate::content::kinds::KindData;
use crate::content::kinds::context::ViewContext;
use crate::content::kinds::people::Person;

/// `page.data` of an arrangements page.
#[derive(Debug, Clone, Serialize)]
pub struct ArrangementsView {
    partnership: String,
    guidance: Guidance,
    published: DateValue,
    next_review: Option<DateValue>,
    signed_off_by_lsps: Option<DateValue>,
    lead_partners: Vec<Option<Person>>,
    delegated_partners: Vec<Option<Person>>,
    chair: Option<Person>,
    scrutineer: Option<Person>,
    area: Option<Area>,
    relevant_agencies: Vec<RelevantAgency>,
    funding: Option<Funding>,
    /// The agencies under their sectors, in the sector list's order, then those with none.
    relevant_agencies_by_sector: Vec<SectorGroup>,
    /// The site's levels of need (the first by path), to link to.
    threshold_page: Option<Link>,
}

/// The relevant agencies of one sector.
#[derive(Debug, Clone, Serialize)]
struct SectorGroup {
    sector: Option<String>,
    title: String,
    agencies: Vec<String>,
}

/// Another page, as a link.
#[derive(Debug, Clone, Serialize)]
struct Link {
    title: Option<String>,
    permalink: String,
}

pub(super) fn view(a: &Arrangements, ctx: &ViewContext) -> ArrangementsView {
    ArrangementsView {
        partnership: a.partnership.clone(),
        guidance: a.guidance,
        published: a.published.clone(),
        next_review: a.next_review.clone(),
        signed_off_by_lsps: a.signed_off_by_lsps.clone(),
        lead_partners: ctx.people(&a.lead_partners),
        delegated_partners: ctx.people(&a.delegated_partners),
        chair: a.chair.as_ref().and_then(|p| ctx.person(p)),
        scrutineer: a.scrutineer.as_ref().and_then(|p| ctx.person(p)),
        area: a.area.clone(),
        relevant_agencies: a.relevant_agencies.clone(),
        funding: a.funding.clone(),
        relevant_agencies_by_sector: by_sector(&a.relevant_agencies),
        threshold_page: threshold_page(ctx),
    }
}

fn by_sector(agencies: &[RelevantAgency]) -> Vec<SectorGroup> {
    let names = |sector: Option<&str>| -> Vec<String> {
        agencies
            .iter()
            .filter(|r| r.sector.as_ref().map(|s| s.get_ref().as_str()) == sector)
            .map(|r| r.name.clone())
            .collect()
    };
    let mut groups: Vec<SectorGroup> = sectors()
        .iter()
        .filter_map(|s| {
            let agencies = names(Some(&s.id));
            (!agencies.is_empty()).then(|| SectorGroup {
                sector: Some(s.id.clone()),
                title: s.title.clone(),
                agencies,
            })
        })
        .collect();
    let other = names(None);
    if !other.is_empty() {
        groups.push(SectorGroup {
            sector: None,
            title: "Other relevant agencies".into(),
            agencies: other,
        });
    }
    groups
}

/// The site's levels of need, the first by path.
fn threshold_page(ctx: &ViewContext) -> Option<Link> {
    ctx.site
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Some(KindData::Threshold(_))))
        .min_by(|a, b| a.loc.relative_path.cmp(&b.loc.relative_path))
        .map(|p| Link {
            title: p.meta.title.clone(),
            permalink: p.loc.permalink.clone(),
        })
}
