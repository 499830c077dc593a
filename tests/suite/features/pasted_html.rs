//! HTML pasted into Markdown (`tests/fixtures/features/pasted_html`): kept in the page,
//! and each thing the Content-Security-Policy blocks or that breaks the page's structure
//! is a warning at its line, with what to write instead; good HTML is left alone.

use super::feature;
use crate::common;

#[test]
fn pasted_html_is_kept_and_each_problem_is_a_warning_at_its_line() {
    let (_tmp, root) = feature("pasted_html");
    let check = common::run(&mut common::on("check", &root));
    assert_eq!(
        check.status.code(),
        Some(0),
        "warnings only:\n{}",
        check.stderr
    );
    insta::assert_snapshot!(common::normalize(&check.stderr, &root));
    // `build` says the same, and writes the page with its HTML as it was.
    let build = common::run(&mut common::on("build", &root));
    assert!(build.status.success(), "{}", build.stderr);
    assert_eq!(
        build.stderr.matches("warning:").count(),
        check.stderr.matches("warning:").count(),
        "{}",
        build.stderr
    );
    let page = root.join("public/pasted/index.html");
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("<div class=\"note\">"), "{html}");
    assert!(html.contains("<strong>Markdown</strong>"), "{html}");
}
