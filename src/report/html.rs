//! The report as one self-contained HTML page: its own `<style>`, no scripts, no links to
//! other files, so it can be emailed to the board or printed. It is never written into
//! the site's output folder.

use std::fmt::Write;

use jiff::civil::Date;

use super::{BoardReport, DueDate, StatutoryDocument, TrackerItem};
use crate::content::kinds::topics::MetBy;
use crate::content::text::label;

const STYLE: &str = "\
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;margin:2rem auto;max-width:70rem;padding:0 1rem;line-height:1.4}\
h1{font-size:2rem;margin-bottom:.25rem}h2{margin-top:2.5rem;border-bottom:2px solid #0b0c0c}\
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.5rem 0}\
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6;padding:.4rem .6rem .4rem 0}\
.num{text-align:right}.overdue,.missing{color:#942514;font-weight:bold}.met{color:#005a30}\
.today,.advice{color:#594d00}.lede{font-size:1.15rem}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}";

/// Escapes text for HTML (text and attribute values).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// `2026-11-24` → `24 November 2026`, as GOV.UK writes dates.
fn human(date: &str) -> String {
    date.parse::<Date>().map_or_else(
        |_| date.to_string(),
        |d| d.strftime("%-d %B %Y").to_string(),
    )
}

/// The whole page.
pub fn render(report: &BoardReport) -> String {
    let name = report.partnership.as_deref().unwrap_or("The partnership");
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Statutory report for the board: {n}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>Statutory report for the board</h1>\n<p class=\"lede\">{n}, as of {today}.</p>\n\
         <ul>\n<li><a href=\"#dates\">Dates due or overdue</a></li>\n\
         <li><a href=\"#statutory\">Statutory topics met and missing</a></li>\n\
         <li><a href=\"#tracker\">Recommendations and actions</a></li>\n\
         <li><a href=\"#changes\">Changes to the site's pages</a></li>\n</ul>\n",
        n = esc(name),
        today = human(&report.today)
    );
    dates(&mut out, report);
    statutory(&mut out, &report.statutory);
    tracker(&mut out, report);
    changes(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn dates(out: &mut String, report: &BoardReport) {
    let _ = writeln!(
        out,
        "<h2 id=\"dates\">Dates due or overdue</h2>\n<p>Everything overdue, and everything due in the next {} days, soonest first.</p>",
        report.horizon_days
    );
    if report.dates.is_empty() {
        out.push_str("<p>Nothing is due.</p>\n");
        return;
    }
    out.push_str("<table>\n<caption>Dates due or overdue</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">What</th><th scope=\"col\">Where</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for d in &report.dates {
        let DueDate {
            date,
            what,
            file,
            status,
            label,
            ..
        } = d;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{status}\">{}</td></tr>",
            human(date),
            esc(what),
            esc(file),
            esc(&capitalise(label))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn changes(out: &mut String, report: &BoardReport) {
    let _ = writeln!(
        out,
        "<h2 id=\"changes\">Changes to the site's pages</h2>\n<p>Every change note dated on or after {}, newest first.</p>",
        human(&report.changes_since)
    );
    if report.changes.is_empty() {
        out.push_str("<p>No changes since then.</p>\n");
        return;
    }
    out.push_str("<table>\n<caption>Changes to the site's pages</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Page</th><th scope=\"col\">What changed</th><th scope=\"col\">Where</th></tr></thead>\n<tbody>\n");
    for c in &report.changes {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            human(&c.date),
            esc(&c.url),
            esc(&c.page),
            esc(&c.summary),
            esc(&c.file)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// "overdue by 3 days" → "Overdue by 3 days".
fn capitalise(s: &str) -> String {
    label(s)
}

fn met_by(m: &MetBy) -> String {
    let at = |line: usize| {
        if line > 0 {
            format!(", line {line}")
        } else {
            String::new()
        }
    };
    match m {
        MetBy::Field { name, line } => format!("Field <code>{}</code>{}", esc(name), at(*line)),
        MetBy::Heading { text, line } => format!("Heading “{}”{}", esc(text), at(*line)),
        MetBy::Page { kind, path } => {
            format!("The {} page <code>content/{}</code>", esc(kind), esc(path))
        }
    }
}

fn statutory(out: &mut String, docs: &[StatutoryDocument]) {
    out.push_str("<h2 id=\"statutory\">Statutory topics met and missing</h2>\n");
    if docs.is_empty() {
        out.push_str("<p>The site has no arrangements page and no yearly report.</p>\n");
        return;
    }
    out.push_str("<p>Confidence says how sure safesite is that the guidance asks for a topic: <em>confirmed</em> (checked against the published guidance), <em>to-verify</em> (recalled, still to be checked) or <em>advice</em> (good practice, not a duty).</p>\n");
    for doc in docs {
        let what = match doc.document {
            crate::content::kinds::topics::Document::Arrangements => "Arrangements",
            crate::content::kinds::topics::Document::YearlyReport => "Yearly report",
        };
        let _ = writeln!(
            out,
            "<h3>{what}: {}</h3>\n<p>Checked against {}. {} of {} statutory topics met.</p>",
            esc(&doc.file),
            esc(&doc.source),
            doc.met,
            doc.required
        );
        let _ = writeln!(
            out,
            "<table>\n<caption>Statutory topics in {}</caption>\n<thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Confidence</th><th scope=\"col\">Status</th><th scope=\"col\">Met by</th></tr></thead>\n<tbody>",
            esc(&doc.file)
        );
        for t in &doc.topics {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"{s}\">{}</td><td>{}</td></tr>",
                esc(&t.title),
                t.confidence.label(),
                label(t.status),
                t.met_by.as_ref().map(met_by).unwrap_or_default(),
                s = t.status
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

fn tracker(out: &mut String, report: &BoardReport) {
    let t = &report.tracker;
    let _ = writeln!(
        out,
        "<h2 id=\"tracker\">Recommendations and actions</h2>\n<p>{} recommendations and actions in all.</p>",
        t.total
    );
    out.push_str("<table>\n<caption>By status</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Number</th></tr></thead>\n<tbody>\n");
    for s in &t.by_status {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            s.status.label(),
            s.count
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str("<table>\n<caption>By year</caption>\n<thead><tr><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Number</th><th scope=\"col\" class=\"num\">Still open or in progress</th></tr></thead>\n<tbody>\n");
    for y in &t.by_year {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            y.year
                .map_or_else(|| "Undated".to_string(), |y| y.to_string()),
            y.count,
            y.not_closed
        );
    }
    out.push_str("</tbody>\n</table>\n<h3>Overdue</h3>\n");
    if t.overdue.is_empty() {
        out.push_str("<p>Nothing is overdue.</p>\n");
    } else {
        out.push_str("<table>\n<caption>Overdue recommendations and actions</caption>\n<thead><tr><th scope=\"col\">Reference</th><th scope=\"col\">From</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for i in &t.overdue {
            overdue_row(out, i);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<h3>Carried over</h3>\n");
    if t.chains.is_empty() {
        out.push_str("<p>No recommendation has been carried over from an earlier one.</p>\n");
    } else {
        out.push_str("<ul>\n");
        for chain in &t.chains {
            let ids: Vec<String> = chain.iter().map(|c| esc(c)).collect();
            let _ = writeln!(out, "<li>{}</li>", ids.join(" → "));
        }
        out.push_str("</ul>\n");
    }
}

fn overdue_row(out: &mut String, i: &TrackerItem) {
    let from = format!(
        "{}{} ({})",
        esc(i.page_title.as_deref().unwrap_or_default()),
        i.step.map(|s| format!(", step {s}")).unwrap_or_default(),
        esc(&i.file)
    );
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">{} {}</th><td>{from}</td><td>{}</td><td>{}</td><td class=\"overdue\">{}, overdue by {} {}</td></tr>",
        capitalise(i.source.noun()),
        esc(&i.id),
        esc(i.owner.as_deref().unwrap_or_default()),
        i.due.as_deref().map(human).unwrap_or_default(),
        i.status.label(),
        i.days_overdue,
        if i.days_overdue == 1 { "day" } else { "days" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
