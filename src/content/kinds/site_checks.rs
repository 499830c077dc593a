//! The checks of each page of a kind (its kind's own, and the people it names), and those
//! that need the whole site: recommendation ids unique across reports, `carried_from`
//! naming a real recommendation, items past their due date, people who have left still
//! named, and a yearly report for every 12-month period.

use std::collections::HashMap;

use jiff::ToSpan;

use super::context::{CheckContext, error, warning};
use super::people::PersonRef;
use super::{KindData, newest_yearly_report, tracker};
use crate::content::partnership::resolve;
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

/// Checks one page of a kind: its kind's rules, and that every person it names by id is
/// in `data/partnership.toml`.
pub fn check_page(page: &Page, ctx: &CheckContext) -> Vec<Diagnostic> {
    let mut out = super::record_checks::check_page(page, ctx);
    let Some(kind) = &page.kind else {
        return out;
    };
    kind.check(page, ctx, &mut out);
    for (_, person) in kind.people() {
        if let PersonRef::Id(_) = person.get_ref()
            && let Err((message, hint)) = resolve(ctx.partnership, person.get_ref())
        {
            out.push(error(page, page.value_range(person), message, hint));
        }
    }
    out
}

/// The checks that need every page of the site.
pub fn check_site(site: &Site, ctx: &CheckContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let items = tracker::collect(site);
    let mut recs: HashMap<&str, &Page> = HashMap::new();
    for item in items
        .iter()
        .filter(|i| i.source == tracker::Source::Recommendation)
    {
        if let Some(first) = recs.insert(item.id.get_ref(), item.page)
            && !std::ptr::eq(first, item.page)
        {
            out.push(error(
                item.page,
                item.page.value_range(item.id),
                format!(
                    "recommendation id `{}` is also used in {}",
                    item.id.get_ref(),
                    first.file.rel.display()
                ),
                "ids follow a recommendation across years, so each must be unique: use carried_from to continue last year's".into(),
            ));
        }
    }
    for item in &items {
        if let Some(from) = item.carried_from
            && !recs.contains_key(from.get_ref().as_str())
        {
            out.push(warning(
                item.page,
                item.page.value_range(from),
                format!(
                    "recommendation {} is carried from `{}`, which no report has",
                    item.id.get_ref(),
                    from.get_ref()
                ),
                "carried_from names the id of an earlier recommendation, such as 2024-R2".into(),
            ));
        }
    }
    for item in &items {
        let Some(due) = item.due.filter(|_| item.overdue(ctx.today)) else {
            continue;
        };
        out.push(warning(
            item.page,
            item.page.value_range(item.id),
            format!(
                "{} {} was due by {due} and is still {}",
                item.source.noun(),
                item.id.get_ref(),
                item.status.label().to_lowercase()
            ),
            "update its status (done, in-progress or superseded), or agree a new due date".into(),
        ));
    }
    people_who_left(site, &items, ctx, &mut out);
    if let Some((page, r)) = newest_yearly_report(site)
        && r.period_end.date().saturating_add(15.months()) < ctx.today
    {
        out.push(warning(
            page,
            page.field_range("period_end"),
            format!("the newest yearly report covers a period that ended on {}, more than 15 months ago", r.period_end),
            "the partners must report at least once in every 12-month period (Children Act 2004 s.16G; Working Together): publish the next yearly report".into(),
        ));
    }
    out
}

/// People with a `to` date before today who are still named as the owner of an open
/// recommendation or action, or as chair, lead or delegated partner of the newest
/// arrangements.
fn people_who_left(
    site: &Site,
    items: &[tracker::Tracked],
    ctx: &CheckContext,
    out: &mut Vec<Diagnostic>,
) {
    let Some(partnership) = ctx.partnership else {
        return;
    };
    let mut push = |page: &Page, person: &toml::Spanned<PersonRef>, role: String| {
        let PersonRef::Id(id) = person.get_ref() else {
            return;
        };
        let Some((record, to)) = partnership
            .person(id)
            .and_then(|p| Some((p, p.to.as_ref()?)))
            .filter(|(_, to)| to.date() < ctx.today)
        else {
            return;
        };
        let name = record.name.as_deref().unwrap_or(id);
        out.push(warning(
            page,
            page.value_range(person),
            format!("{name} ({id}) left on {to} according to data/partnership.toml, but is still named as {role}"),
            format!("name who holds the role now (add them to data/partnership.toml if they are not there), or, if {name} has not left, correct `to` for {id} in data/partnership.toml"),
        ));
    };
    for item in items.iter().filter(|i| !i.status.is_closed()) {
        if let Some(owner) = item.owner {
            let role = format!(
                "the owner of {} {}, which is {}",
                item.source.noun(),
                item.id.get_ref(),
                item.status.label().to_lowercase()
            );
            push(item.page, owner, role);
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
        (a.chair.iter().collect::<Vec<_>>(), "the partnership chair"),
        (
            a.lead_partners.iter().collect(),
            "a lead safeguarding partner",
        ),
        (
            a.delegated_partners.iter().collect(),
            "a delegated safeguarding partner",
        ),
    ];
    for (people, role) in named {
        for person in people {
            push(page, person, format!("{role} in the newest arrangements"));
        }
    }
}
