//! The domain kinds, end to end: the statutory met/missing table of `check`, the
//! recommendations tracker, the self-assessment page, the date warnings, downloads and
//! contacts; and, in `kinds/more_kinds.rs`, practice reviews, levels of need and
//! Section 11 audits.
//!
//! Each site is `tests/fixtures/kinds/shared` (a config using the default theme, a home
//! page, the pages the theme links to and the tracker page) with
//! `tests/fixtures/kinds/<name>/` laid over it, and the repository's own
//! `themes/partnership` copied in, so the pages are the ones partnerships get. Every run
//! is as of a fixed day (`SAFESITE_TODAY`), never the clock.

use crate::common;
mod more_kinds;

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The day most runs are as of.
const TODAY: &str = "2025-09-01";

/// `kinds/shared` with `kinds/<name>` laid over it and the default theme copied in.
fn kind_site(name: &str) -> (TempDir, PathBuf) {
    common::site_with_theme("kinds/shared", &format!("kinds/{name}"))
}

/// `safesite check <args>` on `root` as of `today`.
fn check(root: &Path, today: &str, args: &[&str]) -> common::Run {
    common::run(
        common::on("check", root)
            .args(args)
            .env("SAFESITE_TODAY", today),
    )
}

/// `safesite build` on `root` as of `today`, which must succeed; returns stderr.
fn build(root: &Path, today: &str) -> String {
    let out = common::run(common::on("build", root).env("SAFESITE_TODAY", today));
    assert!(
        out.status.success(),
        "build failed:\n{}\n{}",
        out.stdout,
        out.stderr
    );
    common::normalize(&out.stderr, root)
}

/// The text of `public/<rel>` under `root`.
fn page_text(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel))
        .unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
}

/// `<main>…</main>` of an HTML page as written, without blank lines or trailing spaces.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    html[start..end]
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The text of an element, with runs of white space made one space.
fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of every element of `doc` matching `css`, in document order.
fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(text).collect()
}

/// The value of `attr` on every element of `doc` matching `css`, in document order.
fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The met/missing table of `check`'s standard output: from "Statutory topics in" to
/// "… statutory topics met." (the summary after it has a timing).
fn statutory_table(stdout: &str) -> String {
    let start = stdout
        .find("Statutory topics in")
        .unwrap_or_else(|| panic!("no statutory table in:\n{stdout}"));
    let end = stdout[start..]
        .find(" statutory topics met.\n")
        .map(|i| start + i + " statutory topics met.".len())
        .expect("table end");
    stdout[start..end].to_string()
}

/// The one diagnostic block of `stderr` whose first line contains `message`.
fn diagnostic<'a>(stderr: &'a str, message: &str) -> &'a str {
    let found: Vec<&str> = stderr
        .split("\n\n")
        .filter(|b| b.lines().next().is_some_and(|l| l.contains(message)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one diagnostic saying {message:?}, found {}:\n{stderr}",
        found.len()
    );
    found[0]
}

// ---------------------------------------------------------------------------------------
// (a) Statutory completeness of the arrangements

#[test]
fn complete_wt2023_arrangements_meet_every_topic_naming_field_or_heading_and_line() {
    let (_tmp, root) = kind_site("arrangements-complete");
    let out = check(&root, TODAY, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    assert!(
        !out.stderr.contains("warning"),
        "a complete file should give no warnings:\n{}",
        out.stderr
    );
    let table = statutory_table(&out.stdout);
    insta::assert_snapshot!("statutory_wt2023_complete", table);

    assert!(table.contains("(Working Together to Safeguard Children 2023, chapter 2)"));
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .filter(|l| l.starts_with("  "))
        .collect();
    assert_eq!(rows.len(), 18, "one row per WT2023 topic:\n{table}");
    for row in &rows {
        assert!(row.trim_start().starts_with("met "), "not met: {row}");
        assert!(
            row.contains("field `") || row.contains("heading \""),
            "names neither a field nor a heading: {row}"
        );
        assert!(row.contains(", line "), "no line: {row}");
    }
    // Fields and headings at their own lines in content/arrangements.md.
    assert!(table.contains("field `lead_partners`, line 9"), "{table}");
    assert!(
        table.contains("field `delegated_partners`, line 10"),
        "{table}"
    );
    assert!(
        table.contains("field `relevant_agencies`, line 23"),
        "{table}"
    );
    assert!(table.contains("field `funding`, line 27"), "{table}");
    assert!(
        table.contains("heading \"Our threshold document\", line 58"),
        "{table}"
    );
    assert!(table.ends_with("14 of 14 statutory topics met."), "{table}");
    assert!(out.stdout.contains("no problems found"), "{}", out.stdout);
}

/// Where a heading is comes from the parsed Markdown: a setext heading (underlined)
/// meets its topic at its own line, and a `#` line in a code fence is no heading.
#[test]
fn headings_meet_topics_as_the_markdown_parser_reads_them() {
    let (_tmp, root) = kind_site("arrangements-complete");
    let path = root.join("content/arrangements.md");
    let text = std::fs::read_to_string(&path).expect("arrangements");
    let text = text
        .replace(
            "## Our threshold document\n",
            "Our threshold document\n----------------------\n",
        )
        .replace(
            "## Child death review\n",
            "```text\n## Child death review\n```\n",
        );
    std::fs::write(&path, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l == "Our threshold document")
        .expect("setext heading")
        + 1;
    let out = check(&root, TODAY, &[]);
    let table = statutory_table(&out.stdout);
    assert!(
        table.contains(&format!("heading \"Our threshold document\", line {line}")),
        "the setext heading should meet its topic at line {line}:\n{table}"
    );
    let child_death = table
        .lines()
        .find(|l| l.contains("Child death"))
        .expect("child death topic");
    assert!(
        !child_death.trim_start().starts_with("met"),
        "a heading inside a code fence met a topic: {child_death}"
    );
}

/// A diagnostic about a value takes the place the parser gave it: of two identical
/// lines, the second is pointed at when it is the one at fault.
#[test]
fn a_diagnostic_on_the_second_of_two_identical_lines_points_at_the_second() {
    let (_tmp, root) = kind_site("arrangements-complete");
    let path = root.join("content/arrangements.md");
    let text = std::fs::read_to_string(&path).expect("arrangements");
    let agency = "[[relevant_agencies]]\nname = \"Schools, colleges and early years settings\"\nsector = \"education\"\n";
    let text = text.replace(
        agency,
        "[[relevant_agencies]]\nname = \"Nursery\"\nsector = \"nurseries\"\n\n[[relevant_agencies]]\nname = \"Nursery\"\nsector = \"nurseries\"\n\n[[relevant_agencies]]\nname = \"Schools, colleges and early years settings\"\nsector = \"education\"\n",
    );
    std::fs::write(&path, &text).expect("write");
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "sector = \"nurseries\"")
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 2);
    let out = check(&root, TODAY, &[]);
    let stderr = common::normalize(&out.stderr, &root);
    let at = |line: usize| format!("--> content/arrangements.md:{line}:");
    let blocks: Vec<&str> = stderr
        .split("\n\n")
        .filter(|b| b.contains("`nurseries` is not a sector of relevant agencies"))
        .collect();
    assert_eq!(blocks.len(), 2, "{stderr}");
    assert!(blocks[0].contains(&at(lines[0])), "{}", blocks[0]);
    assert!(blocks[1].contains(&at(lines[1])), "{}", blocks[1]);
}

#[test]
fn incomplete_arrangements_warn_for_each_missing_topic_and_fail_only_with_strict() {
    let (_tmp, root) = kind_site("arrangements-incomplete");
    let out = check(&root, TODAY, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings alone pass:\n{}",
        out.stderr
    );
    let table = statutory_table(&out.stdout);
    insta::assert_snapshot!("statutory_wt2023_incomplete", table);
    assert!(table.ends_with("7 of 14 statutory topics met."), "{table}");

    let stderr = common::normalize(&out.stderr, &root);
    let missing = [
        (
            "delegated-partners",
            "Delegated safeguarding partners, by name",
        ),
        ("lsp-sign-off", "Sign-off by the lead safeguarding partners"),
        (
            "youth-custody-residential",
            "Youth custody and children's homes",
        ),
        (
            "data-sharing",
            "Information sharing and the agreed data set",
        ),
        ("training", "Multi-agency training and audit"),
        ("funding", "Funding and the shared budget"),
        ("threshold", "The local threshold document"),
    ];
    for (id, title) in missing {
        let d = diagnostic(
            &stderr,
            &format!("warning: statutory topic missing from the arrangements: {title} [{id}]"),
        );
        assert!(d.contains("--> content/arrangements.md:5:1"), "{d}");
        assert!(
            d.contains(
                "help: Working Together to Safeguard Children 2023, chapter 2 asks for this"
            ),
            "{d}"
        );
        assert!(
            table
                .lines()
                .any(|l| l.contains("missing") && l.contains(title)),
            "{title} not shown missing:\n{table}"
        );
    }
    // Advice is shown in the table but never warned about.
    assert!(
        table.contains("advice   advice     Resolving professional disagreement"),
        "{table}"
    );
    assert!(!stderr.contains("[escalation]"), "{stderr}");
    // Seven topics, and the one local authority of [area] without a lead partner.
    diagnostic(
        &stderr,
        "warning: no lead safeguarding partner is from Test County Council, a local authority in [area]",
    );
    assert!(stderr.contains("0 errors, 8 warnings"), "{stderr}");

    let strict = check(&root, TODAY, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("Check failed: with --strict, warnings count as errors."),
        "{}",
        strict.stderr
    );
    // The table is printed either way.
    assert_eq!(statutory_table(&strict.stdout), table);
}

#[test]
fn wt2018_arrangements_are_checked_against_the_wt2018_list() {
    let (_tmp, root) = kind_site("arrangements-wt2018");
    let out = check(&root, TODAY, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let table = statutory_table(&out.stdout);
    insta::assert_snapshot!("statutory_wt2018", table);
    assert!(
        table.contains("(Working Together to Safeguard Children 2018, chapter 3)"),
        "{table}"
    );
    // WT2023-only roles are not asked of 2018 arrangements.
    for absent in [
        "Delegated safeguarding partners",
        "The partnership chair",
        "Sign-off by the lead safeguarding partners",
    ] {
        assert!(
            !table.contains(absent),
            "{absent} is not a WT2018 topic:\n{table}"
        );
    }
    assert!(table.contains("field `lead_partners`, line 8"), "{table}");
    assert!(table.ends_with("12 of 12 statutory topics met."), "{table}");
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

#[test]
fn a_site_can_add_a_topic_to_its_edition() {
    let (_tmp, root) = kind_site("arrangements-complete");
    std::fs::create_dir_all(root.join("data")).expect("mkdir data");
    common::write(
        &root,
        "data/statutory-topics.toml",
        r#"[[topics]]
guidance = "WT2023"
id = "early-help"
title = "Early help"
names = ["early help"]
confidence = "confirmed"

[[topics]]
guidance = "WT2018"
id = "only-2018"
title = "A topic for 2018 arrangements only"
names = ["only 2018"]
confidence = "confirmed"
"#,
    );
    let out = check(&root, TODAY, &[]);
    let table = statutory_table(&out.stdout);
    assert!(
        table.contains("  missing  confirmed  Early help  ") && table.contains("  not covered\n"),
        "{table}"
    );
    assert!(!table.contains("2018 arrangements only"), "{table}");
    assert!(table.ends_with("14 of 15 statutory topics met."), "{table}");
    diagnostic(
        &out.stderr,
        "warning: statutory topic missing from the arrangements: Early help [early-help]",
    );

    let page = root.join("content/arrangements.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(
        &page,
        format!("{text}\n## Early help\n\nFamily hubs in every area.\n"),
    )
    .expect("write");
    let out = check(&root, TODAY, &[]);
    let table = statutory_table(&out.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("  met      confirmed  Early help")
                && l.ends_with("heading \"Early help\", line 74")),
        "{table}"
    );
    assert!(table.ends_with("15 of 15 statutory topics met."), "{table}");
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------
// (b) The recommendations tracker

/// Reference → (status group, report link, overdue) of every row of the tracker.
fn tracker_rows(doc: &Html) -> Vec<(String, String, String, bool)> {
    let mut rows = Vec::new();
    for status in ["open", "in-progress", "done", "superseded"] {
        // Each status has a heading per year, each with its table.
        let css = format!("h3[id^='{status}-'] + section.table-wrap tbody tr");
        for tr in doc.select(&sel(&css)) {
            let id = text(tr.select(&sel("th")).next().expect("th"));
            let report = tr
                .select(&sel("td a[href^='https://']"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .expect("report link")
                .to_string();
            let overdue = tr.select(&sel(".overdue")).next().is_some();
            rows.push((status.to_string(), id, report, overdue));
        }
    }
    rows
}

#[test]
fn the_tracker_groups_by_status_links_reports_follows_carried_from_and_flags_overdue() {
    let (_tmp, root) = kind_site("tracker");
    let stderr = build(&root, TODAY);
    let html = page_text(&root, "scrutiny/recommendations/index.html");
    let doc = Html::parse_document(&html);

    let r2023 = "https://example.org/scrutiny/report-2023-24/";
    let r2024 = "https://example.org/scrutiny/report-2024-25/";
    let row = |status: &str, id: &str, report: &str, overdue: bool| {
        (
            status.to_string(),
            id.to_string(),
            format!("{report}#{}", id.to_lowercase()),
            overdue,
        )
    };
    let years: Vec<String> = doc.select(&sel("h3")).map(|h| text(h)).collect();
    assert_eq!(
        years,
        ["2025", "2025", "2024", "2024", "2024"],
        "a heading per year under each status, newest first"
    );
    // Within a status, the newest report first.
    assert_eq!(
        tracker_rows(&doc),
        vec![
            row("open", "2025-R1", r2024, false),
            row("open", "2025-R3", r2024, true),
            row("in-progress", "2025-R2", r2024, false),
            row("in-progress", "2024-R3", r2023, true),
            row("done", "2024-R1", r2023, false),
            row("superseded", "2024-R2", r2023, false),
        ]
    );
    assert_eq!(
        texts(&doc, "main h2"),
        ["Open", "In progress", "Done", "Superseded"]
    );
    // Each report link names its period and lands on the recommendation in the report.
    for (file, ids) in [
        (
            "scrutiny/report-2023-24/index.html",
            ["2024-r1", "2024-r2", "2024-r3"],
        ),
        (
            "scrutiny/report-2024-25/index.html",
            ["2025-r1", "2025-r2", "2025-r3"],
        ),
    ] {
        let report = Html::parse_document(&page_text(&root, file));
        for id in ids {
            assert_eq!(
                report.select(&sel(&format!("tr[id='{id}']"))).count(),
                1,
                "{file} has no row {id}"
            );
        }
        assert!(
            attrs(&report, "main a", "href")
                .contains(&"https://example.org/scrutiny/recommendations/".to_string()),
            "{file} does not link to the tracker"
        );
    }
    assert_eq!(
        texts(&doc, "tr[id='2024-r3'] td a[href^='https://']"),
        ["2023-24"]
    );

    // The carried_from chain, both ways, to rows of this page.
    let carried = |id: &str| -> Vec<(String, String)> {
        doc.select(&sel(&format!("tr[id='{id}'] .carried")))
            .map(|p| {
                let a = p.select(&sel("a")).next().expect("link");
                (text(p), a.value().attr("href").unwrap_or("").to_string())
            })
            .collect()
    };
    assert_eq!(
        carried("2025-r2"),
        [("Carried from 2024-R2.".to_string(), "#2024-r2".to_string())]
    );
    assert_eq!(
        carried("2024-r2"),
        [("Carried into 2025-R2.".to_string(), "#2025-r2".to_string())]
    );
    assert!(carried("2025-r1").is_empty() && carried("2024-r1").is_empty());

    // Overdue: past due and not done, as of SAFESITE_TODAY; `check` warns too.
    assert_eq!(
        texts(&doc, "tr[id='2025-r3'] td:last-child"),
        ["31 August 2025 Overdue"]
    );
    for id in ["2024-R3", "2025-R3"] {
        diagnostic(&stderr, &format!("warning: recommendation {id} was due by"));
    }
    assert!(stderr.contains("0 errors, 2 warnings"), "{stderr}");

    insta::assert_snapshot!("tracker_main", main_of(&html));
}

#[test]
fn nothing_is_overdue_before_its_due_date() {
    let (_tmp, root) = kind_site("tracker");
    let stderr = build(&root, "2025-06-01");
    assert!(!stderr.contains("warning"), "{stderr}");
    let doc = Html::parse_document(&page_text(&root, "scrutiny/recommendations/index.html"));
    assert!(tracker_rows(&doc).iter().all(|(_, _, _, overdue)| !overdue));
    assert_eq!(doc.select(&sel(".overdue")).count(), 0);
}

// ---------------------------------------------------------------------------------------
// (c) The self-assessment page

const SIX_STEPS: &str = "scrutiny/six-steps-2025/index.html";

#[test]
fn the_self_assessment_has_an_svg_chart_and_a_table_of_the_same_ratings() {
    let (_tmp, root) = kind_site("self-assessment");
    let stderr = build(&root, TODAY);
    let html = page_text(&root, SIX_STEPS);
    let doc = Html::parse_document(&html);

    // The chart: drawn at build time, an image named by its title and description.
    let svgs: Vec<ElementRef> = doc.select(&sel("main figure svg")).collect();
    assert_eq!(svgs.len(), 1);
    let svg = svgs[0];
    assert_eq!(svg.value().attr("role"), Some("img"));
    let labelled_by: Vec<&str> = svg
        .value()
        .attr("aria-labelledby")
        .expect("aria-labelledby")
        .split(' ')
        .collect();
    assert_eq!(labelled_by.len(), 2);
    for id in &labelled_by {
        assert_eq!(
            svg.select(&sel(&format!("[id='{id}']"))).count(),
            1,
            "{id} is not inside the chart"
        );
    }
    assert_eq!(
        texts(&doc, "svg title"),
        ["Six Steps for Independent Scrutiny: rating of each step"]
    );
    assert_eq!(doc.select(&sel("main script")).count(), 0, "no JavaScript");

    // The table: one row per step, the same ratings, in step order.
    let ratings = [
        "Established",
        "Strong",
        "Developing",
        "Established",
        "Not started",
        "Not assessed",
    ];
    let rows: Vec<ElementRef> = doc
        .select(&sel("main table:not(.recommendations) tbody tr"))
        .collect();
    assert_eq!(rows.len(), 6);
    let cells = |tr: &ElementRef| -> Vec<String> { tr.select(&sel("th, td")).map(text).collect() };
    assert_eq!(
        cells(&rows[0]),
        [
            "1. Shared understanding of the arrangements",
            "Established",
            "Developing",
            "Improved"
        ]
    );
    assert_eq!(
        cells(&rows[2]),
        [
            "3. Hearing from children and families",
            "Developing",
            "Established",
            "Declined"
        ]
    );
    let table_ratings: Vec<String> = rows.iter().map(|r| cells(r)[1].clone()).collect();
    assert_eq!(table_ratings, ratings);
    // …and the chart shows the same ratings, in the same order.
    assert_eq!(texts(&doc, "svg .chart-rating"), ratings);
    let desc = texts(&doc, "svg desc").join(" ");
    for (n, r) in ratings.iter().enumerate() {
        assert!(desc.contains(&format!("Step {}, ", n + 1)), "{desc}");
        assert!(desc.contains(r), "{desc}");
    }
    assert_eq!(
        texts(&doc, "main section.step h2")[..2],
        [
            "Step 1: Shared understanding of the arrangements",
            "Step 2: Leadership and accountability"
        ]
    );

    // A draft says so.
    assert_eq!(
        texts(&doc, "main .notice"),
        ["Draft. This self-assessment is still being written and may change."]
    );
    // Step 6 has no title of its own: the framework's placeholder shows, and check warns.
    let d = diagnostic(
        &stderr,
        "warning: step 6 has no title, so the framework's placeholder would be shown",
    );
    assert!(
        d.contains("--> content/scrutiny/six-steps-2025.md:48:10"),
        "{d}"
    );
    assert!(d.contains("help: set title = \"…\" on the step"), "{d}");
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");

    insta::assert_snapshot!("self_assessment_main", main_of(&html));
}

#[test]
fn a_complete_self_assessment_has_no_draft_notice() {
    let (_tmp, root) = kind_site("self-assessment");
    let page = root.join("content/scrutiny/six-steps-2025.md");
    let text = std::fs::read_to_string(&page).expect("read");
    let text = text
        .replace(
            "status = \"draft\"\n",
            "status = \"complete\"\ncompleted = 2025-07-31\ncompleted_by = { name = \"Sam Khan\", postholder = \"Partnership Business Manager\" }\n",
        )
        .replace(
            "number = 6\n",
            "number = 6\ntitle = \"Independent challenge\"\n",
        );
    std::fs::write(&page, text).expect("write");
    let stderr = build(&root, TODAY);
    assert!(!stderr.contains("warning"), "{stderr}");
    let doc = Html::parse_document(&page_text(&root, SIX_STEPS));
    assert_eq!(doc.select(&sel("main .notice")).count(), 0);
    assert!(
        texts(&doc, "main dd")
            .contains(&"31 July 2025 by Sam Khan, Partnership Business Manager".to_string()),
        "{:?}",
        texts(&doc, "main dd")
    );
    assert_eq!(
        texts(&doc, "main section.step h2")
            .last()
            .map(String::as_str),
        Some("Step 6: Independent challenge")
    );
    assert!(
        !doc.html().contains("set this step"),
        "a placeholder is left"
    );
}

// ---------------------------------------------------------------------------------------
// (d) Date warnings

#[test]
fn date_warnings_name_the_rule_and_the_line() {
    let (_tmp, root) = kind_site("dates");
    let out = check(&root, "2026-09-01", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let stderr = common::normalize(&out.stderr, &root);

    let d = diagnostic(
        &stderr,
        "warning: the arrangements were due to be reviewed by 2026-06-30, which has passed",
    );
    assert!(d.contains("--> content/arrangements.md:7:1"), "{d}");

    let d = diagnostic(
        &stderr,
        "warning: the yearly report was published on 2025-07-15, more than 3 months after its period ended on 2025-03-31",
    );
    assert!(
        d.contains("--> content/reports/yearly-2024-25.md:7:1"),
        "{d}"
    );
    assert!(
        d.contains("within 3 months of the end of the period"),
        "{d}"
    );

    let d = diagnostic(
        &stderr,
        "on 2025-07-30, more than 7 days after it was published on 2025-07-15",
    );
    assert!(d.contains("sent to Foundations"), "{d}");
    assert!(
        d.contains("--> content/reports/yearly-2024-25.md:10:13"),
        "{d}"
    );
    assert!(d.contains("within 7 days of publishing it"), "{d}");

    let d = diagnostic(
        &stderr,
        "warning: the newest yearly report covers a period that ended on 2025-03-31, more than 15 months ago",
    );
    assert!(
        d.contains("--> content/reports/yearly-2024-25.md:6:1"),
        "{d}"
    );
    assert!(d.contains("Children Act 2004 s.16G"), "{d}");

    let d = diagnostic(
        &stderr,
        "warning: recommendation 2025-R1 was due by 2026-03-31 and is still open",
    );
    assert!(
        d.contains("--> content/reports/scrutiny-2024-25.md:10:7"),
        "{d}"
    );

    // What keeps to the rules is not warned about.
    assert!(
        !stderr.contains("2025-R2"),
        "done is not overdue:\n{stderr}"
    );
    assert!(
        !stderr.contains("2024-07-01"),
        "the panel had it in time:\n{stderr}"
    );
    assert!(
        !stderr.contains("2024-06-28"),
        "last year's was on time:\n{stderr}"
    );
    assert_eq!(stderr.matches("more than 7 days").count(), 1, "{stderr}");

    assert_eq!(
        check(&root, "2026-09-01", &["--strict"]).status.code(),
        Some(1)
    );
}

#[test]
fn date_warnings_that_depend_on_today_follow_safesite_today() {
    let (_tmp, root) = kind_site("dates");
    let out = check(&root, "2025-08-01", &[]);
    let stderr = &out.stderr;
    // Late publication and late sending do not depend on today…
    diagnostic(stderr, "more than 3 months after its period ended");
    diagnostic(stderr, "more than 7 days after it was published");
    // …but a review date, a due date and "15 months ago" do.
    for gone in [
        "due to be reviewed",
        "more than 15 months ago",
        "was due by",
    ] {
        assert!(!stderr.contains(gone), "{gone}:\n{stderr}");
    }
}

// ---------------------------------------------------------------------------------------
// (e) Downloads

/// A PDF of `pages` blank A4 pages, with a few kilobytes of content so its size is in KB.
fn pdf(pages: u32) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let filler = "% safesite test\n".repeat(250).into_bytes();
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            let content = doc.add_object(Stream::new(dictionary! {}, filler.clone()));
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Contents" => content,
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("write PDF");
    bytes
}

#[test]
fn a_download_shows_type_size_and_pages_and_is_copied_beside_the_page() {
    let (_tmp, root) = kind_site("downloads");
    let bytes = pdf(2);
    let kb = (bytes.len() as f64 / 1024.0).round();
    assert!(
        (2.0..1024.0).contains(&kb),
        "the test PDF should be a few KB"
    );
    let bundle = "content/reports/yearly-2024-25";
    std::fs::write(root.join(bundle).join("yearly-report-2024-25.pdf"), &bytes).expect("write");

    let stderr = build(&root, TODAY);
    assert!(!stderr.contains("warning"), "{stderr}");
    let doc = Html::parse_document(&page_text(&root, "reports/yearly-2024-25/index.html"));
    let links: Vec<ElementRef> = doc.select(&sel("main .attachment__title a")).collect();
    assert_eq!(links.len(), 1);
    assert_eq!(text(links[0]), "Yearly report 2024 to 2025 (printable)");
    assert_eq!(
        links[0].value().attr("href"),
        Some("https://example.org/reports/yearly-2024-25/yearly-report-2024-25.pdf")
    );
    assert_eq!(
        texts(&doc, "main .attachment__meta"),
        [format!("PDF, {kb} KB, 2 pages")]
    );
    assert_eq!(
        attrs(&doc, "main .attachment__meta abbr", "title"),
        ["Portable Document Format"]
    );
    assert!(
        texts(&doc, "main .contents-list a").contains(&"Downloads".to_string()),
        "the contents list leads to the downloads"
    );
    let copied =
        std::fs::read(root.join("public/reports/yearly-2024-25/yearly-report-2024-25.pdf"))
            .expect("the PDF is copied beside the page");
    assert_eq!(copied, bytes);
}

// ---------------------------------------------------------------------------------------
// (f) Contacts

#[test]
fn contacts_are_tel_links_in_file_order_in_every_footer_and_on_the_contacts_page() {
    let (_tmp, root) = kind_site("contacts");
    let stderr = build(&root, TODAY);
    assert!(!stderr.contains("warning"), "{stderr}");

    let footer_tel = [
        "tel:999",
        "tel:+441632960101",
        "tel:+441632960199",
        "tel:+441632960201",
        "tel:+442079460301",
        "tel:+442079460399",
    ];
    let public = root.join("public");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public).sort_by_file_name() {
        let entry = entry.expect("entry");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let doc = Html::parse_document(&std::fs::read_to_string(entry.path()).expect("read"));
        let shown = entry.path().display();
        assert_eq!(
            attrs(&doc, "footer .worried a[href^='tel:']", "href"),
            footer_tel,
            "{shown}"
        );
        assert_eq!(
            texts(&doc, "footer .worried__areas strong"),
            ["Westmoor", "Dale", "Abbeyfield"],
            "{shown}"
        );
        assert_eq!(
            texts(&doc, "footer .worried__emergency"),
            ["In an emergency call 999."],
            "{shown}"
        );
    }
    assert!(pages >= 5, "only {pages} pages");

    let doc = Html::parse_document(&page_text(&root, "contacts/index.html"));
    assert_eq!(
        texts(&doc, "main h2"),
        ["Westmoor", "Dale", "Abbeyfield", "National helplines"]
    );
    assert_eq!(
        texts(&doc, "main a[href^='tel:']"),
        [
            "999",
            "01632 960 101",
            "01632 960 199",
            "01632 960 150",
            "01632 960 201",
            "020 7946 0301",
            "020 7946 0399",
            "0808 800 5000",
            "0800 1111",
        ]
    );
    assert_eq!(
        attrs(&doc, "main a[href^='tel:']", "href"),
        [
            "tel:999",
            "tel:+441632960101",
            "tel:+441632960199",
            "tel:+441632960150",
            "tel:+441632960201",
            "tel:+442079460301",
            "tel:+442079460399",
            "tel:+448088005000",
            "tel:+448001111",
        ]
    );
    assert_eq!(
        texts(&doc, "main .emergency-panel"),
        ["If a child is in immediate danger, call 999."]
    );
}

#[test]
fn a_broken_framework_file_is_reported_once_for_every_assessment_that_uses_it() {
    let (_tmp, root) = kind_site("self-assessment");
    let page = root.join("content/scrutiny/six-steps-2025.md");
    std::fs::copy(&page, root.join("content/scrutiny/six-steps-dale-2025.md")).expect("copy");
    std::fs::create_dir_all(root.join("data/frameworks")).expect("mkdir");
    std::fs::write(
        root.join("data/frameworks/six-steps.toml"),
        "id = \"six-steps\"\ntitle = \"Six Steps\n",
    )
    .expect("write");
    let stderr = common::build_fails(&root);
    assert_eq!(
        stderr.matches("data/frameworks/six-steps.toml:").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_translated_report_shares_its_recommendations_without_counting_them_twice() {
    // A Polish version of a scrutiny report carries the same recommendation ids: the
    // ids, the tracker, the overdue warnings and the statutory checks are the English
    // report's, as a translation is a summary of it.
    let (_tmp, root) = kind_site("tracker");
    let english = build(&root, TODAY);
    common::append(
        &root,
        "config.toml",
        "\n[languages.pl]\ntitle = \"Partnerstwo\"\n",
    );
    let report =
        std::fs::read_to_string(root.join("content/scrutiny/report-2024-25.md")).expect("report");
    common::write(&root, "content/scrutiny/report-2024-25.pl.md", &report);
    let stderr = build(&root, TODAY);
    assert!(!stderr.contains("is also used"), "{stderr}");
    assert_eq!(
        stderr.matches("was due by").count(),
        english.matches("was due by").count(),
        "{stderr}"
    );
    assert!(!stderr.contains("report-2024-25.pl.md"), "{stderr}");
    let doc = Html::parse_document(&page_text(&root, "scrutiny/recommendations/index.html"));
    let ids: Vec<String> = tracker_rows(&doc).into_iter().map(|r| r.1).collect();
    assert_eq!(
        ids,
        [
            "2025-R1", "2025-R3", "2025-R2", "2024-R3", "2024-R1", "2024-R2"
        ]
    );
    assert!(
        root.join("public/pl/scrutiny/report-2024-25/index.html")
            .is_file()
    );
}

#[test]
fn links_in_a_kinds_markdown_fields_are_checked_at_the_field() {
    let (_tmp, root) = kind_site("tracker");
    let file = root.join("content/scrutiny/report-2024-25.md");
    let text = std::fs::read_to_string(&file).expect("report");
    std::fs::write(
        &file,
        text.replace(
            "text = \"Add three measures of impact to the data set.\"",
            "text = \"Add three measures of impact to the [data set](/data-set/) and ask <data@example.org>.\"",
        ),
    )
    .expect("write");
    let stderr = build(&root, TODAY);
    assert!(
        stderr.contains("warning: the link /data-set/ matches no page or file of this site")
            && stderr.contains("content/scrutiny/report-2024-25.md:11:"),
        "{stderr}"
    );
    assert!(
        !stderr
            .lines()
            .any(|l| l.starts_with("warning:") && l.contains("data@example.org")),
        "an email address is no link to check: {stderr}"
    );
}
