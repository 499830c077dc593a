//! The arrangements' partners and money: a lead safeguarding partner from every body of
//! `[area]`, a delegated partner for each lead partner and a chair under WT2023, the
//! shared budget adding up, relevant agencies in known sectors, and the review date.

use super::{Arrangements, Guidance, sectors};
use crate::content::Page;
use crate::content::kinds::context::{CheckContext, error, warning};
use crate::content::kinds::people::PersonRef;
use crate::content::partnership::{Partner, resolve};
use crate::diagnostics::Diagnostic;

/// The checks of one arrangements page.
pub(super) fn check(a: &Arrangements, page: &Page, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    lead_partners(page, a, ctx, out);
    if a.guidance == Guidance::Wt2023 {
        delegated_partners(page, a, ctx, out);
        if a.chair.is_none() {
            out.push(warning(
                page,
                page.field_range("guidance"),
                "these WT2023 arrangements name no partnership chair".into(),
                "Working Together 2023 gives the partnership a chair, usually one of the delegated safeguarding partners (the role is confirmed; that the arrangements name the chair is recalled from the guidance, still to be checked): add chair = \"id\" (someone in data/partnership.toml) or chair = { name = \"…\", postholder = \"…\", organisation = \"…\" }".into(),
            ));
        }
    }
    funding(page, a, out);
    relevant_agencies(page, a, out);
    if let Some(next) = &a.next_review
        && next.date() < ctx.today
    {
        out.push(warning(
            page,
            page.field_range("next_review"),
            format!("the arrangements were due to be reviewed by {next}, which has passed"),
            "review the arrangements, publish the new version and set next_review to the next review date".into(),
        ));
    }
}

/// The organisation a person works for, from partnership.toml or the inline table.
fn organisation(r: &PersonRef, ctx: &CheckContext) -> Option<String> {
    resolve(ctx.partnership, r).ok()?.organisation
}

/// The statutory partner (local authority, health, police) of a person in
/// partnership.toml.
fn partner_type(r: &PersonRef, ctx: &CheckContext) -> Option<Partner> {
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
        .filter_map(|p| organisation(p.get_ref(), ctx))
        .collect();
    let bodies = [
        (
            &area.local_authorities,
            "a local authority",
            "its chief executive",
        ),
        (
            &area.integrated_care_boards,
            "an integrated care board",
            "its chief executive",
        ),
        (
            &area.police_forces,
            "a police force",
            "its chief officer of police",
        ),
    ];
    for (list, what, who) in bodies {
        for body in list {
            let name = body.get_ref();
            if orgs.iter().any(|o| o == name) {
                continue;
            }
            out.push(warning(
                page,
                page.value_range(body),
                format!("no lead safeguarding partner is from {name}, {what} in [area]"),
                format!(
                    "the lead safeguarding partners are the heads of every local authority, integrated care board and police force the partnership covers: add {who} to lead_partners, with organisation = \"{name}\" (in data/partnership.toml or written out), spelt exactly as in [area]"
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
        .map(|d| {
            (
                organisation(d.get_ref(), ctx),
                partner_type(d.get_ref(), ctx),
            )
        })
        .collect();
    for lead in &a.lead_partners {
        let range = match lead.get_ref() {
            PersonRef::Id(_) => page.value_range(lead),
            PersonRef::Inline(_) => page.field_range("lead_partners"),
        };
        let (org, kind) = (
            organisation(lead.get_ref(), ctx),
            partner_type(lead.get_ref(), ctx),
        );
        let covered = delegates.iter().any(|(d_org, d_kind)| {
            (org.is_some() && *d_org == org) || (kind.is_some() && *d_kind == kind)
        });
        if covered {
            continue;
        }
        let who = resolve(ctx.partnership, lead.get_ref())
            .map(|p| p.display)
            .unwrap_or_default();
        let from = org
            .as_deref()
            .map(|o| format!(" from {o}"))
            .unwrap_or_default();
        out.push(warning(
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
    let Some(expenditure) = a.funding.as_ref().and_then(|f| f.expenditure.as_ref()) else {
        return;
    };
    let spent = *expenditure.get_ref();
    let contributions = a.funding.iter().flat_map(|f| &f.contributions);
    let total: f64 = contributions.map(|c| c.amount).sum();
    if (total - spent).abs() >= 0.005 {
        out.push(warning(
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
    for sector in a.relevant_agencies.iter().filter_map(|r| r.sector.as_ref()) {
        let name = sector.get_ref();
        if known.iter().any(|s| s.id == *name) {
            continue;
        }
        let allowed: Vec<&str> = known.iter().map(|s| s.id.as_str()).collect();
        let close = crate::source::closest(name, &allowed)
            .map(|c| format!("did you mean \"{c}\"? "))
            .unwrap_or_default();
        out.push(error(
            page,
            page.value_range(sector),
            format!("`{name}` is not a sector of relevant agencies"),
            format!(
                "{close}use one of: {} (after the Schedule to SI 2018/789)",
                allowed.join(", ")
            ),
        ));
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
