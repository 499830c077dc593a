//! `safesite report` and the checks it brings together, on one fixture site
//! (`tests/fixtures/kinds/report` over `kinds/shared`, with the default theme) as of a
//! fixed day: lead partners who have left, a body with no lead partner, a lead partner
//! with no delegate, a budget that does not add up, yearly reports under both editions,
//! recommendations carried over from one year to the next, overdue actions and contact
//! numbers due to be checked again.

use crate::common;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// The day the report is as of.
const TODAY: &str = "2025-09-01";

fn report_site() -> (TempDir, PathBuf) {
    common::site_with_theme("kinds/shared", "kinds/report")
}

fn run(root: &Path, command: &str, args: &[&str]) -> common::Run {
    common::run(
        common::on(command, root)
            .args(args)
            .env("SAFESITE_TODAY", TODAY),
    )
}

/// The diagnostic blocks of `stderr` whose first line contains any of `messages`.
fn blocks(stderr: &str, messages: &[&str]) -> String {
    stderr
        .split("\n\n")
        .filter(|b| {
            b.lines()
                .next()
                .is_some_and(|l| messages.iter().any(|m| l.contains(m)))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn the_html_report_lists_topics_dates_and_the_tracker() {
    let (_tmp, root) = report_site();
    let out = run(&root, "report", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let html = out.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    // Self-contained: its own style, nothing fetched, no script.
    assert!(html.contains("<style>"));
    for absent in ["<script", "<link", "src=", "http"] {
        assert!(!html.contains(absent), "{absent} in the report");
    }
    insta::assert_snapshot!("report_html", html);
}

#[test]
fn the_json_report_has_the_same_data_with_stable_names() {
    let (_tmp, root) = report_site();
    let out = run(&root, "report", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["today"], "2025-09-01");
    assert_eq!(v["horizon_days"], 90);
    assert_eq!(v["partnership"], "Test Safeguarding Children Partnership");

    // (a) one table per arrangements page and yearly report.
    let docs: Vec<(&str, &str)> = v["statutory"]
        .as_array()
        .expect("statutory")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("file"),
                d["document"].as_str().expect("document"),
            )
        })
        .collect();
    assert_eq!(
        docs,
        [
            ("content/arrangements.md", "arrangements"),
            ("content/reports/yearly-2023-24.md", "yearly-report"),
            ("content/reports/yearly-2024-25.md", "yearly-report"),
        ]
    );
    let yearly = &v["statutory"][2];
    assert_eq!(yearly["met"], 3);
    assert_eq!(yearly["required"], 10);
    let scrutiny = yearly["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["id"] == "scrutiny")
        .expect("scrutiny topic");
    assert_eq!(scrutiny["confidence"], "confirmed");
    assert_eq!(scrutiny["status"], "met");
    assert_eq!(scrutiny["met_by"]["by"], "heading");
    assert_eq!(scrutiny["met_by"]["text"], "Independent scrutiny");

    // (b) dates, soonest first, overdue before due.
    let dates = v["dates"].as_array().expect("dates");
    let kinds: Vec<&str> = dates
        .iter()
        .map(|d| d["kind"].as_str().expect("kind"))
        .collect();
    for kind in [
        "arrangements-review",
        "sent-to",
        "recommendation",
        "action",
        "contact-verified",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
    let sorted: Vec<&str> = dates
        .iter()
        .map(|d| d["date"].as_str().expect("date"))
        .collect();
    let mut expected = sorted.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    for d in dates {
        let days = d["days"].as_i64().expect("days");
        assert!(days <= 90, "{d}");
        assert_eq!(d["status"] == "overdue", days < 0, "{d}");
    }
    // Done and superseded recommendations are never due.
    assert!(
        !dates
            .iter()
            .any(|d| d["what"].as_str().is_some_and(|w| w.contains("2024-R1")))
    );

    // (c) the tracker.
    let t = &v["tracker"];
    assert_eq!(t["total"], 8);
    assert_eq!(t["chains"], serde_json::json!([["2024-R2", "2025-R2"]]));
    let overdue: Vec<&str> = t["overdue"]
        .as_array()
        .expect("overdue")
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    assert_eq!(overdue, ["2024-R3", "SA-2025-1", "2025-R3"]);
    insta::assert_snapshot!("report_json", out.stdout);

    // Nearer the next yearly report, its deadlines come into view.
    let later = common::run(
        common::on("report", &root)
            .args(["--format", "json"])
            .env("SAFESITE_TODAY", "2026-05-01"),
    );
    let v: serde_json::Value = serde_json::from_str(&later.stdout).expect("JSON");
    let due: Vec<(&str, &str)> = v["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .filter(|d| {
            d["kind"]
                .as_str()
                .is_some_and(|k| k.starts_with("yearly-report"))
        })
        .map(|d| {
            (
                d["kind"].as_str().expect("kind"),
                d["date"].as_str().expect("date"),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            ("yearly-report-12-months", "2026-06-20"),
            ("yearly-report", "2026-06-30")
        ]
    );
}

#[test]
fn partners_people_and_budget_warn_at_their_lines() {
    let (_tmp, root) = report_site();
    let out = run(&root, "check", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let stderr = common::normalize(&out.stderr, &root);
    insta::assert_snapshot!(
        "report_partner_warnings",
        blocks(
            &stderr,
            &[
                "left on",
                "no lead safeguarding partner",
                "no delegated safeguarding partner",
                "shared budget",
                "action SA-2025-1 was due",
            ],
        )
    );
}

#[test]
fn yearly_reports_are_checked_against_their_edition() {
    let (_tmp, root) = report_site();
    let out = run(&root, "check", &[]);
    let stdout = &out.stdout;
    let start = stdout
        .find("Statutory topics in content/reports/yearly-2023-24.md")
        .expect("2023-24 table");
    let tables = &stdout[start..];
    let end = tables.find("\n\nChecked").unwrap_or(tables.len());
    insta::assert_snapshot!("report_yearly_tables", &tables[..end]);
    // WT2018 has no scrutiny topic for the yearly report, and no 3-month rule.
    assert!(tables.contains("6 of 6 statutory topics met."), "{tables}");
    // Nothing but advice (a note: no young people's version) about it.
    assert!(
        !out.stderr
            .split("\n\n")
            .any(|d| !d.starts_with("note:") && d.contains("yearly-2023-24.md")),
        "{}",
        out.stderr
    );
}

#[test]
fn the_arrangements_page_lists_relevant_agencies_by_sector() {
    let (_tmp, root) = report_site();
    let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", TODAY));
    assert!(out.status.success(), "{}", out.stderr);
    let html = std::fs::read_to_string(root.join("public/arrangements/index.html"))
        .expect("arrangements page");
    let start = html
        .find("<h2 id=\"relevant-agencies-by-sector\">")
        .expect("the sector list");
    let section: String = html[start..]
        .lines()
        .take_while(|l| !l.contains("</ul>") || !l.is_empty())
        .filter(|l| l.starts_with("<h3>") || l.starts_with("<ul>"))
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        section,
        "<h3>Education and childcare</h3>\n<ul><li>Schools, colleges and early years settings</li></ul>\n<h3>Youth justice</h3>\n<ul><li>Youth offending service</li></ul>"
    );
}

#[test]
fn the_tracker_page_lists_actions_beside_recommendations() {
    let (_tmp, root) = report_site();
    let out = common::run(common::on("build", &root).env("SAFESITE_TODAY", TODAY));
    assert!(out.status.success(), "{}", out.stderr);
    let html = std::fs::read_to_string(root.join("public/scrutiny/recommendations/index.html"))
        .expect("tracker page");
    let open = &html[html.find("<h2 id=\"open\">").expect("open")
        ..html.find("<h2 id=\"in-progress\">").expect("in progress")];
    // Open: the 2025 recommendations and the self-assessment's open action, newest year
    // first, the action marked and linked to its step on its page.
    let ids: Vec<&str> = open
        .match_indices("<tr id=\"")
        .map(|(i, _)| {
            let rest = &open[i + 8..];
            &rest[..rest.find('"').expect("id end")]
        })
        .collect();
    assert_eq!(ids, ["2025-r1", "2025-r3", "sa-2025-1"]);
    assert!(
        open.contains("SA-2025-1 <span class=\"source\">(action)</span>"),
        "{open}"
    );
    assert!(
        open.contains("/scrutiny/six-steps-2025/#sa-2025-1\">2024-25, step 3</a>"),
        "{open}"
    );
}
