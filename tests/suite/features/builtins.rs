//! Zola 0.23's built-in filters, tests and functions beyond Tera's own
//! (`tests/fixtures/features/builtins`).

use super::{Built, all, texts};

#[test]
fn zolas_filters_tests_and_functions_work_as_in_zola() {
    let site = Built::new("builtins");
    let doc = site.doc("about/index.html");
    let one = |css: &str| texts(&doc, css).join("");
    assert_eq!(one(".b64"), "c2FmZSBndWFyZGluZw== safe guarding");
    assert_eq!(one(".regex"), "Child H, N");
    assert_eq!(one(".striptags"), "Hi there");
    assert_eq!(one(".spaceless"), "<ul><li>a</li><li>b</li></ul>");
    assert_eq!(one(".format"), "3.14 00042");
    assert_eq!(one(".matching"), "a period");
    assert_eq!(one(".random"), "4");
    assert_eq!(one(".slice"), "2,3 1,2,3,4,5");
    assert_eq!(one(".filter"), "Ann & Cy");
    assert_eq!(one(".trim"), "a-b-- /reports");
    assert_eq!(one(".num"), "1,234,567 -9.876");
    assert_eq!(one(".date-tz"), "2025-07-01 00:30");
    assert_eq!(one(".date-pl"), "30 czerwca 2025");
    assert_eq!(one(".tests"), "ok");
    let inner = |css: &str| all(&doc, css)[0].inner_html();
    assert_eq!(inner(".md"), "<p>Call <em>999</em></p>\n");
    assert_eq!(inner(".md-inline"), "Call <em>999</em>");
    // The filter reads Markdown as the site's content is read (task lists here).
    assert!(
        inner(".md-task").contains("type=\"checkbox\""),
        "{}",
        inner(".md-task")
    );
    assert_eq!(
        one(".hash"),
        "8b3369944dd2a3fab39e32d1aeb1f763946a458ae3e6368a46432adc8f3a0860"
    );
    // now(): when the build started, local with its offset, in UTC, or in seconds.
    let local = one(".now");
    assert!(
        local.len() == 25 && local.as_bytes()[10] == b'T' && local[19..].starts_with(['+', '-']),
        "{local}"
    );
    let utc = one(".now-utc");
    assert!(utc.ends_with('Z') && utc.starts_with(&local[..4]), "{utc}");
    let seconds: i64 = one(".timestamp").parse().expect("a number of seconds");
    assert!(seconds > 1_700_000_000, "{seconds}");
}
