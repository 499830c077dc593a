//! The arrangements' partners and money: a lead safeguarding partner from every body of
//! `[area]`, a delegated partner for each lead partner, a chair under WT2023, the shared
//! budget adding up, relevant agencies in known sectors — and people who have left but
//! are still named as a current owner, chair or partner.

use std::collections::HashMap;

use super::{CheckContext, warn};
use crate::content::kinds::arrangements::{Guidance, sectors};
use crate::content::kinds::locate::value_range;
use crate::content::kinds::people::PersonRef;
use crate::content::kinds::{Arrangements, KindData, tracker};
use crate::content::partnership::resolve;
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

/// The checks of one arrangements page.
pub(super) fn arrangements(
    page: &Page,
    a: &Arrangements,
    ctx: &CheckContext,
    out: &mut Vec<Diagnostic>,
) {
    lead_partners(page, a, ctx, out);
    if a.guidance == Guidance::Wt2023 {
        delegated_partners(page, a, ctx, out);
        if a.chair.is_none() {
            out.push(warn(
                page,
                page.field_range("guidance"),
                "these WT2023 arrangements name no partnership chair".into(),
                "Working Together 2023 gives the partnership a chair, usually one of the delegated safeguarding partners (the role is confirmed; that the arrangements name the chair is recalled from the guidance, still to be checked): add chair = \"id\" (someone in data/partnership.toml) or chair = { name = \"…\", postholder = \"…\", organisation = \"…\" }".into(),
            ));
        }
    }
    funding(page, a, out);
    relevant_agencies(page, a, out);
}

/// The organisation a person works for, from partnership.toml or the inline table.
fn organisation(r: &PersonRef, ctx: &CheckContext) -> Option<String> {
    resolve(ctx.partnership, r).ok()?.organisation
}

/// The statutory partner (local authority, health, police) of a person in
/// partnership.toml.
fn partner_type(r: &PersonRef, ctx: &CheckContext) -> Option<crate::content::partnership::Partner> {
    match r {
        PersonRef::Id(id) => ctx.partnership?.person(id)?.partner,
        PersonRef::Inline(_) => None,
    }
}

fn lead_partners(page: &Page, a: &Arrangements, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let Some(area) = &a.area else {
        return;
    };
    let orgs: Vec<String> = a
        .lead_partners
        .iter()
        .filter_map(|p| organisation(p, ctx))
        .collect();
    let bodies = [
        (
            "local_authorities",
            &area.local_authorities,
            "a local authority",
            "its chief executive",
        ),
        (
            "integrated_care_boards",
            &area.integrated_care_boards,
            "an integrated care board",
            "its chief executive",
        ),
        (
            "police_forces",
            &area.police_forces,
            "a police force",
            "its chief officer of police",
        ),
    ];
    for (key, list, what, who) in bodies {
        for body in list {
            if orgs.iter().any(|o| o == body) {
                continue;
            }
            out.push(warn(
                page,
                value_range(&page.file, &page.split, key, body, 0),
                format!("no lead safeguarding partner is from {body}, {what} in [area]"),
                format!(
                    "the lead safeguarding partners are the heads of every local authority, integrated care board and police force the partnership covers: add {who} to lead_partners, with organisation = \"{body}\" (in data/partnership.toml or written out), spelt exactly as in [area]"
                ),
            ));
        }
    }
}

fn delegated_partners(
    page: &Page,
    a: &Arrangements,
    ctx: &CheckContext,
    out: &mut Vec<Diagnostic>,
) {
    let delegates: Vec<_> = a
        .delegated_partners
        .iter()
        .map(|d| (organisation(d, ctx), partner_type(d, ctx)))
        .collect();
    let mut nth: HashMap<&str, usize> = HashMap::new();
    for lead in &a.lead_partners {
        let range = match lead {
            PersonRef::Id(id) => {
                let n = nth.entry(id.as_str()).or_insert(0);
                *n += 1;
                value_range(&page.file, &page.split, "lead_partners", id, *n - 1)
            }
            PersonRef::Inline(_) => page.field_range("lead_partners"),
        };
        let (org, kind) = (organisation(lead, ctx), partner_type(lead, ctx));
        let covered = delegates.iter().any(|(d_org, d_kind)| {
            (org.is_some() && *d_org == org) || (kind.is_some() && *d_kind == kind)
        });
        if covered {
            continue;
        }
        let who = resolve(ctx.partnership, lead)
            .map(|p| p.display)
            .unwrap_or_default();
        let from = org
            .as_deref()
            .map(|o| format!(" from {o}"))
            .unwrap_or_default();
        out.push(warn(
            page,
            range,
            format!("lead safeguarding partner {who} has no delegated safeguarding partner in these arrangements"),
            format!("Working Together 2023 asks each lead safeguarding partner to appoint a delegated safeguarding partner, named in the arrangements: add them to delegated_partners{from} (a delegated partner matches by organisation, or by `partner` in data/partnership.toml)"),
        ));
    }
}

/// £12,500 or £12,500.50.
fn pounds(amount: f64) -> String {
    let pence = (amount * 100.0).round() as i64;
    let (whole, frac) = (pence / 100, (pence % 100).abs());
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if whole < 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}£{grouped}")
    } else {
        format!("{sign}£{grouped}.{frac:02}")
    }
}

fn funding(page: &Page, a: &Arrangements, out: &mut Vec<Diagnostic>) {
    let Some(f) = &a.funding else {
        return;
    };
    let Some(expenditure) = &f.expenditure else {
        return;
    };
    let spent = *expenditure.get_ref();
    let total: f64 = f.contributions.iter().map(|c| c.amount).sum();
    if (total - spent).abs() >= 0.005 {
        out.push(warn(
            page,
            crate::source::line_of(&page.file.text, expenditure.span().start),
            format!(
                "the contributions to the shared budget add up to {}, but expenditure is {}",
                pounds(total),
                pounds(spent)
            ),
            "correct an amount in contributions or the expenditure, so readers can see the budget balances (or explain the difference in the text and leave expenditure out)".into(),
        ));
    }
}

fn relevant_agencies(page: &Page, a: &Arrangements, out: &mut Vec<Diagnostic>) {
    let known = sectors();
    let mut nth: HashMap<&str, usize> = HashMap::new();
    for agency in &a.relevant_agencies {
        let Some(sector) = &agency.sector else {
            continue;
        };
        let n = nth.entry(sector.as_str()).or_insert(0);
        *n += 1;
        if known.iter().any(|s| s.id == *sector) {
            continue;
        }
        let allowed: Vec<&str> = known.iter().map(|s| s.id.as_str()).collect();
        let close = crate::source::closest(sector, &allowed)
            .map(|c| format!("did you mean \"{c}\"? "))
            .unwrap_or_default();
        out.push(
            Diagnostic::error(format!("`{sector}` is not a sector of relevant agencies"))
                .in_file(&page.file.rel)
                .at(
                    &page.file.text,
                    value_range(&page.file, &page.split, "sector", sector, *n - 1),
                )
                .with_hint(format!(
                    "{close}use one of: {} (after the Schedule to SI 2018/789)",
                    allowed.join(", ")
                )),
        );
    }
}

/// People with a `to` date before today who are still named as the owner of an open
/// recommendation or action, or as chair, lead or delegated partner of the newest
/// arrangements.
pub(super) fn people_who_left(site: &Site, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let Some(partnership) = ctx.partnership else {
        return;
    };
    let left = |r: &PersonRef| match r {
        PersonRef::Id(id) => partnership
            .person(id)
            .and_then(|p| Some((p, p.to.as_ref()?)))
            .filter(|(_, to)| to.date() < ctx.today),
        PersonRef::Inline(_) => None,
    };
    let mut push = |page: &Page, key: &str, id: &str, nth: usize, role: String| {
        let Some((person, to)) = left(&PersonRef::Id(id.to_string())) else {
            return;
        };
        let name = person.name.as_deref().unwrap_or(id);
        out.push(warn(
            page,
            value_range(&page.file, &page.split, key, id, nth),
            format!("{name} ({id}) left on {to} according to data/partnership.toml, but is still named as {role}"),
            format!("name who holds the role now (add them to data/partnership.toml if they are not there), or, if {name} has not left, correct `to` for {id} in data/partnership.toml"),
        ));
    };
    let items = tracker::collect(site);
    let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
    for item in &items {
        let Some(PersonRef::Id(id)) = item.owner else {
            continue;
        };
        let n = seen.entry((item.page_id, id.as_str())).or_insert(0);
        *n += 1;
        if !item.status.is_closed() {
            push(
                item.page,
                "owner",
                id,
                *n - 1,
                format!(
                    "the owner of {} {}, which is {}",
                    item.source.noun(),
                    item.id,
                    item.status.label().to_lowercase()
                ),
            );
        }
    }
    let newest = site
        .pages
        .iter()
        .filter_map(|p| match &p.kind {
            Some(KindData::Arrangements(a)) => Some((p, a)),
            _ => None,
        })
        .max_by_key(|(_, a)| a.published.date());
    let Some((page, a)) = newest else {
        return;
    };
    let named = [
        (
            "chair",
            a.chair.iter().collect::<Vec<_>>(),
            "the partnership chair",
        ),
        (
            "lead_partners",
            a.lead_partners.iter().collect(),
            "a lead safeguarding partner",
        ),
        (
            "delegated_partners",
            a.delegated_partners.iter().collect(),
            "a delegated safeguarding partner",
        ),
    ];
    for (key, people, role) in named {
        let mut nth: HashMap<&str, usize> = HashMap::new();
        for p in people {
            if let PersonRef::Id(id) = p {
                let n = nth.entry(id.as_str()).or_insert(0);
                *n += 1;
                push(
                    page,
                    key,
                    id,
                    *n - 1,
                    format!("{role} in the newest arrangements"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pounds;

    #[test]
    fn pounds_group_thousands_and_keep_pence() {
        assert_eq!(pounds(100000.0), "£100,000");
        assert_eq!(pounds(1234.5), "£1,234.50");
        assert_eq!(pounds(999.0), "£999");
    }
}
