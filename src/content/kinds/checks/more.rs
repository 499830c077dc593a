//! Checks of the kinds of SPEC §3.7 ("more of what partnerships publish"): practice
//! reviews (their recommendations are checked like a scrutiny report's), levels of need
//! (reviewed on time, one entry per level) and Section 11 audits (grades from the site's
//! scale, no more graded returns than returns).

use std::collections::HashMap;

use super::{CheckContext, recommendations, warn};
use crate::content::Page;
use crate::content::kinds::KindData;
use crate::content::kinds::locate::value_range;
use crate::content::kinds::people::PersonRef;
use crate::content::kinds::s11_audit::S11Audit;
use crate::content::kinds::threshold::Threshold;
use crate::diagnostics::Diagnostic;

/// Checks a practice review, threshold or Section 11 audit page, and adds the people it
/// names to `people` (checked against `data/partnership.toml` by the caller).
pub(super) fn check<'a>(
    page: &Page,
    kind: &'a KindData,
    ctx: &CheckContext,
    out: &mut Vec<Diagnostic>,
    people: &mut Vec<(&'static str, &'a PersonRef)>,
) {
    match kind {
        KindData::PracticeReview(r) => {
            recommendations(page, &r.recommendations, out);
            people.extend(
                r.recommendations
                    .iter()
                    .filter_map(|x| x.owner.as_ref())
                    .map(|p| ("owner", p)),
            );
        }
        KindData::Threshold(t) => threshold(page, t, ctx, out),
        KindData::S11Audit(a) => s11_audit(page, a, ctx, out),
        _ => {}
    }
}

fn error(page: &Page, range: std::ops::Range<usize>, message: String, hint: String) -> Diagnostic {
    Diagnostic::error(message)
        .in_file(&page.file.rel)
        .at(&page.file.text, range)
        .with_hint(hint)
}

/// The `nth` (0-based) `number = n` of a list of entries, for pointing at one entry.
fn number_range(page: &Page, number: u32, nth: usize) -> std::ops::Range<usize> {
    value_range(&page.file, &page.split, "number", &number.to_string(), nth)
}

/// A number given to two entries of `list`: an error at the second, once per number.
fn repeated_numbers(page: &Page, numbers: &[u32], what: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for &n in numbers {
        let count = seen.entry(n).or_insert(0);
        *count += 1;
        if *count == 2 {
            out.push(error(
                page,
                number_range(page, n, 1),
                format!("two {what}s have the number {n}"),
                format!("give each {what} its own number: 1, 2, 3… in order"),
            ));
        }
    }
}

fn threshold(page: &Page, t: &Threshold, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    if let Some(next) = &t.next_review
        && next.date() < ctx.today
    {
        out.push(warn(
            page,
            page.field_range("next_review"),
            format!("the levels of need were due to be reviewed by {next}, which has passed"),
            "review them with the safeguarding partners, publish the new version and set next_review to the next review date".into(),
        ));
    }
    if t.levels.is_empty() {
        out.push(error(
            page,
            page.field_range("levels"),
            "the levels of need have no levels".into(),
            "add a [[levels]] table for each level, each with number = 1 (2, 3…), name = \"…\" and description = \"\"\"…\"\"\"".into(),
        ));
    }
    let numbers: Vec<u32> = t.levels.iter().map(|l| l.number).collect();
    repeated_numbers(page, &numbers, "level", out);
}

fn s11_audit(page: &Page, a: &S11Audit, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    let grades = &ctx.config.s11_audit.grades;
    let numbers: Vec<u32> = a.standards.iter().map(|s| s.number).collect();
    repeated_numbers(page, &numbers, "standard", out);
    // How many times each grade name has been written so far, to point at the right one.
    let mut written: HashMap<&str, usize> = HashMap::new();
    for (i, standard) in a.standards.iter().enumerate() {
        for grade in standard.results.keys() {
            let nth = written.entry(grade.as_str()).or_insert(0);
            if !grades.contains(grade) {
                out.push(error(
                    page,
                    value_range(&page.file, &page.split, "results", grade, *nth),
                    format!("`{grade}` is not a grade on this site's Section 11 scale"),
                    format!(
                        "use one of: {} (the scale is set by [s11_audit] grades in config.toml)",
                        grades.join(", ")
                    ),
                ));
            }
            *nth += 1;
        }
        let graded: u32 = standard.results.values().sum();
        if graded > a.returns {
            let nth = numbers[..i]
                .iter()
                .filter(|&&n| n == standard.number)
                .count();
            out.push(error(
                page,
                number_range(page, standard.number, nth),
                format!(
                    "standard {} has {graded} graded returns, but only {} returns came in",
                    standard.number, a.returns
                ),
                "each return is graded once per standard: correct the counts in results, or returns".into(),
            ));
        }
    }
}
