//! Keeping the public record current: a page's `review_by` date is a warning once it has
//! passed, and the board report lists it 90 days ahead.

use crate::common;

#[test]
fn a_page_past_its_review_by_date_is_a_warning_and_the_report_lists_those_due() {
    let (_tmp, root) = common::site("features/_skeleton");
    common::write(
        &root,
        "content/procedures.md",
        "+++\ntitle = \"Procedures\"\nreview_by = 2025-08-01\n+++\n\nWho to call.\n",
    );
    common::write(
        &root,
        "content/contacts.md",
        "+++\ntitle = \"Contacts\"\nreview_by = 2025-10-15\n+++\n\nNumbers.\n",
    );
    common::write(
        &root,
        "content/guidance.md",
        "+++\ntitle = \"Guidance\"\nreview_by = 2026-06-01\n+++\n\nLater.\n",
    );
    let check = common::run(common::on("check", &root).env("SAFESITE_TODAY", "2025-09-01"));
    assert_eq!(check.status.code(), Some(0), "{}", check.stderr);
    insta::assert_snapshot!("review_by_check", common::normalize(&check.stderr, &root));
    let report = common::run(
        common::on("report", &root)
            .args(["--format", "json"])
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert!(report.status.success(), "{}", report.stderr);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).expect("json");
    let due: Vec<String> = json["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .filter(|d| d["kind"] == "page-review")
        .map(|d| {
            format!(
                "{} {}",
                d["date"].as_str().unwrap_or(""),
                d["status"].as_str().unwrap_or("")
            )
        })
        .collect();
    // Overdue and within 90 days; not the one next year.
    assert_eq!(
        due,
        ["2025-08-01 overdue", "2025-10-15 due"],
        "{}",
        report.stdout
    );
}
