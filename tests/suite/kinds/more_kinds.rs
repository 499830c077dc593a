//! The kinds of SPEC §3.7: a practice review (its page, its recommendations in the
//! tracker, and everything that disappears once its `publish_until` has passed), the
//! levels of need (their table, and the arrangements linking to them), and a Section 11
//! audit (its chart and table).

use scraper::Html;

use super::{attrs, build, check, diagnostic, kind_site, main_of, page_text, sel, text, texts};

/// While published: `publish_until` is 2026-06-30.
const PUBLISHED: &str = "2025-09-01";
/// The day after `publish_until`.
const WITHDRAWN: &str = "2026-07-01";
const REVIEW_TITLE: &str = "Child A: a review withdrawn on time";
const REVIEW_URL: &str = "https://example.org/learning/child-a/";

/// Asserts `value` matches `tests/snapshots/kinds__<name>.snap`, beside the other
/// snapshots of this test binary.
fn snapshot(name: &str, value: String) {
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(format!("kinds__{name}"), value);
    });
}

/// Every file under `public/` whose text contains `needle`.
fn files_containing(root: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.join("public")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read public") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle)) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// The tracker's rows: (id, link to the source, the link's words).
fn tracker_links(root: &std::path::Path) -> Vec<(String, String, String)> {
    let doc = Html::parse_document(&page_text(root, "scrutiny/recommendations/index.html"));
    doc.select(&sel("tbody tr"))
        .map(|tr| {
            let id = text(tr.select(&sel("th")).next().expect("th"));
            let a = tr
                .select(&sel("td a[href^='https://']"))
                .next()
                .expect("source link");
            (
                id,
                a.value().attr("href").unwrap_or("").to_string(),
                text(a),
            )
        })
        .collect()
}

/// The search index's count of pages (the `search` feature).
#[cfg(feature = "search")]
fn indexed_pages(root: &std::path::Path) -> u64 {
    let entry = page_text(root, "pagefind/pagefind-entry.json");
    let at = entry.find("\"page_count\":").expect("page_count") + "\"page_count\":".len();
    entry[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a count")
}

#[test]
fn a_published_practice_review_shows_its_fields_and_its_recommendations_join_the_tracker() {
    let (_tmp, root) = kind_site("practice-review");
    let stderr = build(&root, PUBLISHED);
    assert!(stderr.trim().is_empty(), "no problems expected:\n{stderr}");
    let html = page_text(&root, "learning/child-a/index.html");
    snapshot("practice_review_main", main_of(&html));
    assert!(
        root.join("public/learning/child-a/child-a-briefing.pdf")
            .is_file()
    );

    assert_eq!(
        tracker_links(&root),
        [
            (
                "CSPR-A-R1".to_string(),
                format!("{REVIEW_URL}#cspr-a-r1"),
                "Child A".to_string()
            ),
            (
                "CSPR-A-R2".to_string(),
                format!("{REVIEW_URL}#cspr-a-r2"),
                "Child A".to_string()
            ),
        ]
    );
    let listing = Html::parse_document(&page_text(&root, "learning/index.html"));
    assert_eq!(texts(&listing, "main .document-list a"), [REVIEW_TITLE]);
    for feed in ["sitemap.xml", "atom.xml"] {
        assert!(page_text(&root, feed).contains(REVIEW_URL), "{feed}");
    }
    let search = Html::parse_document(&page_text(&root, "search/index.html"));
    assert!(
        attrs(&search, ".a-to-z a", "href").contains(&REVIEW_URL.to_string()),
        "the A to Z lists the review"
    );
}

#[test]
fn after_publish_until_the_review_and_its_downloads_are_gone_from_everything() {
    let (_tmp, root) = kind_site("practice-review");
    #[cfg(feature = "search")]
    let published_count = {
        build(&root, PUBLISHED);
        indexed_pages(&root)
    };
    let stderr = build(&root, WITHDRAWN);

    assert!(!root.join("public/learning/child-a").exists());
    assert_eq!(
        files_containing(&root, REVIEW_TITLE),
        Vec::<String>::new(),
        "the title is still published"
    );
    // Only the page that links to it by hand (and that page's entry in the feed) still
    // names its address.
    let mut linking = files_containing(&root, "learning/child-a");
    linking.sort();
    let public = root.join("public");
    assert_eq!(
        linking,
        [
            public.join("atom.xml").display().to_string(),
            public.join("news/index.html").display().to_string()
        ]
    );
    assert_eq!(files_containing(&root, "CSPR-A-R1"), Vec::<String>::new());
    let listing = Html::parse_document(&page_text(&root, "learning/index.html"));
    assert!(texts(&listing, "main .document-list a").is_empty());
    assert!(tracker_links(&root).is_empty());
    #[cfg(feature = "search")]
    assert_eq!(indexed_pages(&root), published_count - 1);

    // Linking pages still build: the links warn, and now lead to the section's list.
    let news = Html::parse_document(&page_text(&root, "news/index.html"));
    assert_eq!(
        attrs(&news, "main .prose a", "href"),
        [
            "https://example.org/learning/",
            "/learning/child-a/child-a-briefing.pdf"
        ]
    );
    snapshot("practice_review_withdrawn_warnings", stderr);

    let out = check(&root, WITHDRAWN, &[]);
    assert!(out.status.success(), "{}", out.stderr);
    diagnostic(
        &out.stderr,
        "warning: this practice review was withdrawn after 2026-06-30",
    );
}

#[test]
fn an_overdue_practice_review_recommendation_warns_like_a_scrutiny_one() {
    let (_tmp, root) = kind_site("practice-review");
    let stderr = build(&root, "2026-04-01");
    let warning = diagnostic(
        &stderr,
        "warning: recommendation CSPR-A-R1 was due by 2026-03-31",
    );
    assert!(
        warning.contains("content/learning/child-a/index.md:16:7"),
        "{warning}"
    );
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    let doc = Html::parse_document(&page_text(&root, "learning/child-a/index.html"));
    assert_eq!(texts(&doc, "tr[id='cspr-a-r1'] .overdue"), ["Overdue"]);
}

#[test]
fn the_levels_of_need_are_a_table_in_order_linked_from_the_arrangements_and_meet_the_topic() {
    let (_tmp, root) = kind_site("threshold");
    let stderr = build(&root, "2025-03-01");
    assert!(!stderr.contains("levels of need were due"), "{stderr}");
    let html = page_text(&root, "about/levels-of-need/index.html");
    snapshot("threshold_main", main_of(&html));
    let doc = Html::parse_document(&html);
    assert_eq!(
        texts(&doc, "table.levels th[scope='row']"),
        ["1. Universal", "2. Early help", "3. Statutory"]
    );

    let arrangements = Html::parse_document(&page_text(&root, "about/arrangements/index.html"));
    let link = arrangements
        .select(&sel(
            ".summary-list a[href='https://example.org/about/levels-of-need/']",
        ))
        .next()
        .expect("the arrangements link to the levels of need");
    assert_eq!(text(link), "When to get help for a child");

    let out = check(&root, "2025-03-01", &[]);
    assert!(
        out.stdout.contains(
            "met      confirmed  The local threshold document                                  threshold page content/about/levels-of-need.md"
        ),
        "{}",
        out.stdout
    );
    assert!(
        !out.stderr.contains("[threshold]"),
        "the threshold topic is not missing:\n{}",
        out.stderr
    );
}

#[test]
fn levels_of_need_past_their_review_date_warn() {
    let (_tmp, root) = kind_site("threshold");
    let out = check(&root, "2025-04-02", &[]);
    let warning = diagnostic(
        &out.stderr,
        "warning: the levels of need were due to be reviewed by 2025-04-01",
    );
    assert!(
        warning.contains("content/about/levels-of-need.md:5:1"),
        "{warning}"
    );
}

#[test]
fn the_arrangements_have_no_levels_of_need_link_without_a_threshold_page() {
    let (_tmp, root) = kind_site("threshold");
    std::fs::remove_file(root.join("content/about/levels-of-need.md")).expect("remove");
    build(&root, "2025-03-01");
    let arrangements = Html::parse_document(&page_text(&root, "about/arrangements/index.html"));
    assert!(!texts(&arrangements, ".summary-list dt").contains(&"Levels of need".to_string()));
}

#[test]
fn a_section_11_audit_has_a_chart_and_a_table_of_the_same_counts() {
    let (_tmp, root) = kind_site("s11-audit");
    let stderr = build(&root, "2026-11-24");
    assert!(stderr.trim().is_empty(), "no problems expected:\n{stderr}");
    let html = page_text(&root, "reports/s11-2025-26/index.html");
    snapshot("s11_audit_main", main_of(&html));
    let doc = Html::parse_document(&html);
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.s11-results tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "1. Senior management commitment to safeguarding & children's <voice>",
                "18",
                "2",
                "0",
                "20"
            ],
            ["2. Safer recruitment", "15", "4", "1", "20"],
            ["3. Information sharing", "10", "5", "0", "15"],
        ]
    );
    let svg = doc
        .select(&sel("figure.chart svg[role='img']"))
        .next()
        .expect("chart");
    let desc = text(svg.select(&sel("desc")).next().expect("desc"));
    assert!(
        desc.contains("Standard 3, Information sharing: Met 10, partially met 5, not met 0."),
        "{desc}"
    );
    assert!(!svg.html().contains("style"), "no inline style");
}

#[test]
fn a_draft_bundle_leaves_its_files_out_too() {
    let (_tmp, root) = kind_site("practice-review");
    std::fs::remove_file(root.join("content/news.md")).expect("remove");
    let page = root.join("content/learning/child-a/index.md");
    let text = std::fs::read_to_string(&page).expect("read");
    std::fs::write(&page, text.replacen("+++\n", "+++\ndraft = true\n", 1)).expect("write");
    build(&root, PUBLISHED);
    assert!(!root.join("public/learning/child-a").exists());
    assert_eq!(
        files_containing(&root, "child-a-briefing"),
        Vec::<String>::new()
    );
    assert!(!root.join("public/learning/child-a-briefing.pdf").exists());
    assert!(
        !root
            .join("public/learning/child-a/child-a-briefing.pdf")
            .exists()
    );
}
