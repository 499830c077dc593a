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

/// The messages (blank-line separated blocks) of `stderr` that mention `needle`, with
/// the site folder's path taken out, for a snapshot of just the ones a test is about.
fn messages_about(stderr: &str, needle: &str, root: &std::path::Path) -> String {
    let ours: Vec<&str> = stderr
        .split("\n\n")
        .filter(|d| d.contains(needle))
        .collect();
    common::normalize(&ours.join("\n\n"), root)
}

/// A site of plain pages under the partnership theme, as of 1 September 2025.
fn themed() -> (tempfile::TempDir, std::path::PathBuf) {
    common::site_with_theme("theme_pages/plain", "theme_pages/plain")
}

fn at_day(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.env("SAFESITE_TODAY", "2025-09-01")
}

/// `safesite check` on `root` as of the day, which must exit with `code`.
fn check_at_day(root: &std::path::Path, code: i32) -> common::Run {
    let check = common::run(at_day(&mut common::on("check", root)));
    assert_eq!(check.status.code(), Some(code), "{}", check.stderr);
    check
}

fn read(root: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of the element of `html` that `selector` finds first, spaces folded.
fn text_of(html: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const ESCALATION: &str = r#"+++
title = "Escalation policy"
date = 2024-01-10
updated = 2025-08-20

[[changes]]
date = 2024-01-10
summary = "First published."

[[changes]]
date = 2025-08-20
summary = "Added the route for schools to raise a concern with the police."
+++

What to do when you disagree with another agency's decision.
"#;

#[test]
fn change_notes_show_on_the_page_on_the_whats_changed_page_in_its_feed_and_in_the_report() {
    let (_tmp, root) = themed();
    common::write(&root, "content/escalation.md", ESCALATION);
    common::write(
        &root,
        "content/thresholds.md",
        "+++\ntitle = \"Thresholds\"\n\n[[changes]]\ndate = 2025-03-02\nsummary = \"New levels of need.\"\n+++\n\nLevels.\n",
    );
    let new = common::run(
        at_day(&mut common::safesite())
            .args(["new", "whats-changed", "whats-changed", "--root"])
            .arg(&root),
    );
    assert!(new.status.success(), "{}", new.stderr);
    let out = root.join("public");
    common::build_ok_with(at_day(&mut common::on("build", &root)));

    let page = read(&out, "escalation/index.html");
    assert_eq!(
        text_of(&page, ".page-metadata"),
        "Published 10 January 2024 . Last updated 20 August 2025 — see all updates"
    );
    insta::assert_snapshot!("page_history", text_of(&page, "#page-history"));

    let whats = read(&out, "whats-changed/index.html");
    insta::assert_snapshot!("whats_changed_list", text_of(&whats, ".change-list"));
    assert!(whats.contains(r#"<link rel="alternate" type="application/atom+xml""#));

    let feed = read(&out, "whats-changed/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let entries: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let child = |name: &str| {
                e.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_string()
            };
            (child("updated"), child("summary"))
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "2025-08-19T23:00:00Z".to_string(),
                "Added the route for schools to raise a concern with the police.".to_string()
            ),
            (
                "2025-03-02T00:00:00Z".to_string(),
                "New levels of need.".to_string()
            ),
            (
                "2024-01-10T00:00:00Z".to_string(),
                "First published.".to_string()
            ),
        ]
    );

    let report = common::run(at_day(&mut common::on("report", &root)).args([
        "--format",
        "json",
        "--since",
        "2025-03-01",
    ]));
    assert!(report.status.success(), "{}", report.stderr);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).expect("json");
    let listed: Vec<&str> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["date"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(listed, ["2025-08-20", "2025-03-02"]);
    let html =
        common::run(at_day(&mut common::on("report", &root)).args(["--since", "2025-03-01"]));
    assert!(
        html.stdout.contains("New levels of need."),
        "{}",
        html.stdout
    );
}

#[test]
fn a_change_note_in_the_future_or_after_updated_is_a_warning() {
    let (_tmp, root) = themed();
    common::write(
        &root,
        "content/escalation.md",
        "+++\ntitle = \"Escalation\"\nupdated = 2025-06-01\n\n[[changes]]\ndate = 2025-07-01\nsummary = \"After updated.\"\n\n[[changes]]\ndate = 2025-12-01\nsummary = \"Ahead.\"\n+++\n\nText.\n",
    );
    let check = check_at_day(&root, 0);
    insta::assert_snapshot!(
        "change_note_warnings",
        messages_about(&check.stderr, "change note", &root)
    );
}

#[test]
fn a_scheduled_page_and_its_downloads_stay_out_until_its_day_and_previews_mark_it() {
    let (_tmp, root) = themed();
    std::fs::create_dir_all(root.join("content/yearly-report")).expect("mkdir");
    common::write(
        &root,
        "content/yearly-report/index.md",
        "+++\ntitle = \"Yearly report\"\npublish_from = 2025-09-02T09:00:00\ndownloads = [{ file = \"report.txt\", title = \"The report\" }]\n+++\n\nThe year.\n",
    );
    common::write(&root, "content/yearly-report/report.txt", "text");
    common::write(
        &root,
        "content/news/later.md",
        "+++\ntitle = \"Coming later\"\npublish_from = 2099-01-01\n+++\n\nLater.\n",
    );
    common::write(
        &root,
        "content/today.md",
        "+++\ntitle = \"Out today\"\npublish_from = 2025-09-01\n+++\n\nPublished from midnight.\n",
    );
    let check = check_at_day(&root, 0);
    let notes: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: scheduled"))
        .collect();
    assert_eq!(
        notes,
        [
            "note: scheduled for 2099-01-01 (publish_from): the page and its downloads are left out until then",
            "note: scheduled for 2025-09-02T09:00:00 (publish_from): the page and its downloads are left out until then",
        ],
        "{}",
        check.stderr
    );
    let out = root.join("public");
    common::build_ok_with(at_day(&mut common::on("build", &root)));
    assert!(
        !out.join("yearly-report").exists(),
        "the scheduled page or its download was published"
    );
    assert!(
        out.join("today/index.html").is_file(),
        "a page due today was left out"
    );

    // A preview shows it, marked.
    common::build_ok_with(at_day(&mut common::on("build", &root)).arg("--drafts"));
    let page = read(&out, "yearly-report/index.html");
    assert_eq!(
        text_of(&page, ".notice--scheduled"),
        "Scheduled: this page goes live on 2 September 2025. Until then it is only shown in a preview."
    );
    assert!(out.join("yearly-report/report.txt").is_file());
    let news = read(&out, "news/index.html");
    assert!(
        news.contains("Coming later</a> <strong class=\"tag\">Scheduled</strong>"),
        "the preview's listing does not mark the scheduled page: {news}"
    );

    // A published page may not link to it before then.
    common::write(
        &root,
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n\nRead [the report](@/yearly-report/index.md).\n",
    );
    let failed = common::run(at_day(&mut common::on("build", &root)));
    assert_eq!(failed.status.code(), Some(1), "{}", failed.stderr);
    assert!(
        failed.stderr.contains(
            "which is scheduled for 2025-09-02T09:00:00 (its publish_from) and is not published yet"
        ),
        "{}",
        failed.stderr
    );
    // On the day (from 09:00 UK time, here as of the next day) it is published.
    common::build_ok_with(common::on("build", &root).env("SAFESITE_TODAY", "2025-09-03"));
    assert!(out.join("yearly-report/report.txt").is_file());
}

const BRIEFING: &str = r#"+++
title = "Neglect briefing, for practitioners; schools"
description = "Two hours on neglect."
kind = "event"
start = 2025-10-04T10:00:00
end = 2025-10-04T12:30:00
location = "Westmoor Civic Centre, Market Street"
audience = "Schools"
cost = "Free"
booking_url = "https://book.example.org/neglect"
updated = 2025-08-01
+++

A briefing.
"#;

#[test]
fn events_have_calendar_files_and_are_listed_upcoming_first_and_past_apart() {
    let (_tmp, root) = themed();
    std::fs::create_dir_all(root.join("content/events")).expect("mkdir");
    common::write(
        &root,
        "content/events/_index.md",
        "+++\ntitle = \"Events\"\nsort_by = \"title\"\n+++\n",
    );
    common::write(&root, "content/events/neglect-briefing.md", BRIEFING);
    common::write(
        &root,
        "content/events/exploitation.md",
        "+++\ntitle = \"Exploitation online\"\nkind = \"event\"\nstart = 2025-09-20\nend = 2025-09-21\nonline = true\n+++\n",
    );
    common::write(
        &root,
        "content/events/last-year.md",
        "+++\ntitle = \"A past conference\"\nkind = \"event\"\nstart = 2025-03-04T09:00:00Z\nend = 2025-03-04T17:00:00Z\nlocation = \"Dale Hall\"\n+++\n",
    );
    let new = common::run(
        at_day(&mut common::safesite())
            .args(["new", "event", "events/from-archetype", "--root"])
            .arg(&root),
    );
    assert!(new.status.success(), "{}", new.stderr);
    std::fs::remove_file(root.join("content/events/from-archetype.md")).expect("rm");
    let out = root.join("public");
    common::build_ok_with(at_day(&mut common::on("build", &root)));

    let ics = read(&out, "events/neglect-briefing/neglect-briefing.ics");
    insta::assert_snapshot!("event_ics", ics.replace("\r\n", "⏎\n"));
    assert!(ics.lines().all(|l| l.len() <= 76), "a line over 75 octets");
    let feed = read(&out, "events/calendar.ics");
    assert_eq!(feed.matches("BEGIN:VEVENT").count(), 3);
    assert!(feed.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n"));
    assert!(feed.contains("DTSTART;VALUE=DATE:20250920\r\nDTEND;VALUE=DATE:20250922\r\n"));
    // A time given in UTC is shown in UK time (GMT in March).
    assert!(feed.contains("DTSTART;TZID=Europe/London:20250304T090000"));

    let listing = read(&out, "events/index.html");
    let doc = scraper::Html::parse_document(&listing);
    let h2 = scraper::Selector::parse("main h2, main .document-list li > a").expect("sel");
    let order: Vec<String> = doc.select(&h2).map(|e| e.text().collect()).collect();
    assert_eq!(
        order,
        [
            "Upcoming events",
            "Exploitation online",
            "Neglect briefing, for practitioners; schools",
            "Past events",
            "A past conference"
        ]
    );
    let page = read(&out, "events/neglect-briefing/index.html");
    assert_eq!(
        text_of(&page, ".event-details"),
        "When 4 October 2025 , 10:00 to 12:30 Where Westmoor Civic Centre, Market Street Who it is for Schools Cost Free"
    );
    assert!(page.contains(
        r#"href="https://plain.example.org/events/neglect-briefing/neglect-briefing.ics" download"#
    ));
}

#[test]
fn an_event_that_ends_before_it_starts_or_is_nowhere_is_an_error() {
    let (_tmp, root) = themed();
    common::write(
        &root,
        "content/backwards.md",
        "+++\ntitle = \"Backwards\"\nkind = \"event\"\nstart = 2025-10-04T12:00:00\nend = 2025-10-04T10:00:00\n+++\n",
    );
    let check = check_at_day(&root, 1);
    insta::assert_snapshot!(
        "event_errors",
        messages_about(&check.stderr, "content/backwards.md", &root)
    );
}

#[test]
fn other_versions_are_offered_at_the_top_and_must_link_back() {
    let (_tmp, root) = themed();
    let config = read(&root, "config.toml");
    common::write(
        &root,
        "config.toml",
        &format!("{config}\n[languages.pl]\ntitle = \"Partnerstwo\"\n"),
    );
    common::write(
        &root,
        "content/policy.md",
        "+++\ntitle = \"Escalation policy\"\nversions = [\n  { kind = \"easy-read\", page = \"@/policy-easy-read.md\" },\n  { kind = \"translation\", page = \"@/policy.pl.md\" },\n  { kind = \"bsl\", page = \"@/policy-bsl.md\" },\n]\n+++\n\nText.\n",
    );
    common::write(
        &root,
        "content/policy-easy-read.md",
        "+++\ntitle = \"Escalation policy: easy read\"\n+++\n\nWhen you disagree.\n",
    );
    common::write(
        &root,
        "content/policy.pl.md",
        "+++\ntitle = \"Polityka\"\nversions = [{ kind = \"translation\", page = \"@/policy.md\" }]\n+++\n\nTekst.\n",
    );
    let check = check_at_day(&root, 1);
    insta::assert_snapshot!(
        "version_checks",
        messages_about(&check.stderr, "version", &root)
    );

    common::write(
        &root,
        "content/policy.md",
        "+++\ntitle = \"Escalation policy\"\nversions = [\n  { kind = \"easy-read\", page = \"@/policy-easy-read.md\" },\n  { kind = \"translation\", page = \"@/policy.pl.md\" },\n]\n+++\n\nText.\n",
    );
    common::write(
        &root,
        "content/policy-easy-read.md",
        "+++\ntitle = \"Escalation policy: easy read\"\nversions = [{ kind = \"full\", page = \"@/policy.md\" }]\n+++\n\nWhen you disagree.\n",
    );
    let check = common::run(at_day(&mut common::on("check", &root)));
    assert!(
        !check.stderr.contains("does not link back"),
        "{}",
        check.stderr
    );
    let out = root.join("public");
    common::build_ok_with(at_day(&mut common::on("build", &root)));
    let page = read(&out, "policy/index.html");
    assert_eq!(
        text_of(&page, ".other-versions"),
        "Also available as: Easy read , Polski"
    );
    assert!(
        page.contains(
            r#"<a href="https://plain.example.org/pl/policy/" hreflang="pl" lang="pl">Polski</a>"#
        ),
        "{page}"
    );
    let easy = read(&out, "policy-easy-read/index.html");
    assert_eq!(
        text_of(&easy, ".other-versions"),
        "Also available as: Full version"
    );
}

#[test]
fn reports_without_a_young_peoples_version_get_advice() {
    let (_tmp, root) = common::site_with_theme("kinds/shared", "kinds/report");
    let check = common::run(at_day(&mut common::on("check", &root)));
    assert!(
        check
            .stderr
            .contains("note: this yearly report has no version for children and young people"),
        "{}",
        check.stderr
    );
    // Advice, never a failure, even with --strict.
    assert!(!check.stderr.contains("--strict"), "{}", check.stderr);
}

#[test]
fn links_to_superseded_guidance_are_flagged_offline() {
    let (_tmp, root) = themed();
    common::write(
        &root,
        "content/guidance.md",
        "+++\ntitle = \"Guidance\"\n+++\n\nSee [Working Together](https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/942454/Working_together_to_safeguard_children_inter_agency_guidance.pdf)\nand [KCSIE](https://assets.publishing.service.gov.uk/media/62cea352e90e071e789ea9bf/Keeping_children_safe_in_education_2022.pdf).\n",
    );
    let check = common::run(at_day(&mut common::on("check", &root)));
    insta::assert_snapshot!(
        "superseded_guidance",
        messages_about(&check.stderr, "has been replaced", &root)
    );
}

/// A web server on 127.0.0.1 for the link checker, answering as real sites do: a page,
/// a 404, redirects (to a page and to a 404), a server that refuses HEAD, and one too
/// slow to answer. Returns its address; it serves until the test ends.
fn link_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let mut parts = request.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let (status, extra) = match (method, path) {
                    (_, "/ok.html") => ("200 OK", String::new()),
                    (_, "/moved") => ("301 Moved Permanently", "Location: /ok.html\r\n".into()),
                    (_, "/moved-to-nothing") => ("302 Found", "Location: /missing.html\r\n".into()),
                    ("HEAD", "/no-head") => ("405 Method Not Allowed", String::new()),
                    ("GET", "/no-head") => ("200 OK", String::new()),
                    (_, "/slow") => {
                        std::thread::sleep(std::time::Duration::from_secs(4));
                        ("200 OK", String::new())
                    }
                    _ => ("404 Not Found", String::new()),
                };
                let body = if method == "HEAD" { "" } else { "<p>page</p>" };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\n{extra}Content-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    if method == "HEAD" { 11 } else { body.len() }
                );
            });
        }
    });
    address
}

#[test]
fn check_links_reports_each_broken_link_at_its_line_and_keeps_results_for_a_day() {
    let (_tmp, root) = themed();
    let web = link_server();
    let config = read(&root, "config.toml");
    common::write(
        &root,
        "config.toml",
        &format!("{config}\n[link_checker]\ntimeout = 1\nskip_prefixes = [\"{web}/skipped\"]\n"),
    );
    common::write(
        &root,
        "content/links.md",
        &format!(
            "+++\ntitle = \"Links\"\n+++\n\n- [fine]({web}/ok.html)\n- [gone]({web}/missing.html)\n- [moved]({web}/moved)\n- [moved to nothing]({web}/moved-to-nothing)\n- [no HEAD]({web}/no-head)\n- [slow]({web}/slow)\n- [skipped]({web}/skipped/missing)\n- [fine again]({web}/ok.html#part)\n"
        ),
    );
    // A link in a kind's Markdown field is checked too.
    let new = common::run(
        at_day(&mut common::safesite())
            .args(["new", "accessibility-statement", "accessibility", "--root"])
            .arg(&root),
    );
    assert!(new.status.success(), "{}", new.stderr);
    let statement = read(&root, "content/accessibility.md").replace(
        "report_problem = \"TODO:",
        &format!("report_problem = \"Use [the form]({web}/form-gone). TODO:"),
    );
    common::write(&root, "content/accessibility.md", &statement);
    let field_line = statement
        .lines()
        .position(|l| l.starts_with("report_problem"))
        .expect("report_problem")
        + 1;
    // And an event's booking address.
    common::write(
        &root,
        "content/event.md",
        &format!(
            "+++\ntitle = \"Training\"\nkind = \"event\"\nstart = 2025-10-04T10:00:00\nend = 2025-10-04T12:00:00\nonline = true\nbooking_url = \"{web}/booking-gone\"\n+++\n"
        ),
    );
    // Without --links nothing is fetched.
    let offline = check_at_day(&root, 0);
    assert!(
        !offline.stderr.contains("broken link"),
        "{}",
        offline.stderr
    );

    let check = common::run(at_day(&mut common::on("check", &root)).arg("--links"));
    assert_eq!(check.status.code(), Some(1), "{}", check.stderr);
    let broken: Vec<String> = check
        .stderr
        .split("\n\n")
        .filter(|d| d.starts_with("error: broken link"))
        .map(|d| {
            let mut lines = d.lines();
            let message = lines.next().unwrap_or("").replace(&web, "WEB");
            let at = lines.next().unwrap_or("").trim().to_string();
            format!("{message} {at}")
        })
        .collect();
    assert_eq!(
        broken,
        [
            format!("error: broken link: WEB/form-gone answered 404 Not Found --> content/accessibility.md:{field_line}:23"),
            "error: broken link: WEB/booking-gone answered 404 Not Found --> content/event.md:7:16".into(),
            "error: broken link: WEB/missing.html answered 404 Not Found --> content/links.md:6:3".into(),
            "error: broken link: WEB/moved-to-nothing answered 404 Not Found --> content/links.md:8:3".into(),
            "error: broken link: WEB/slow could not be reached (it did not answer in time) --> content/links.md:10:3".into(),
        ],
        "{}",
        check.stderr
    );
    let cache = read(&root, ".cache/safesite/links.json");
    assert!(cache.contains(&format!("{web}/ok.html")), "{cache}");

    // Within a day the results come from the cache (the slow link is not waited for
    // again); `external_level = "warn"` makes them warnings.
    let warn =
        read(&root, "config.toml").replace("timeout = 1", "timeout = 1\nexternal_level = \"warn\"");
    common::write(&root, "config.toml", &warn);
    let again = common::run(at_day(&mut common::on("check", &root)).arg("--links"));
    assert_eq!(again.status.code(), Some(0), "{}", again.stderr);
    assert_eq!(
        again.stderr.matches("warning: broken link").count(),
        5,
        "{}",
        again.stderr
    );
}

#[test]
fn a_version_still_scheduled_is_offered_once_it_is_published() {
    let (_tmp, root) = themed();
    common::write(
        &root,
        "content/report.md",
        "+++\ntitle = \"Yearly report\"\nversions = [{ kind = \"young-people\", page = \"@/report-young-people.md\" }]\n+++\n\nThe year.\n",
    );
    common::write(
        &root,
        "content/report-young-people.md",
        "+++\ntitle = \"Our year, for young people\"\npublish_from = 2025-10-01\nversions = [{ kind = \"full\", page = \"@/report.md\" }]\n+++\n\nWhat we did.\n",
    );
    let check = check_at_day(&root, 0);
    assert!(
        check.stderr.contains(
            "note: the young-people version @/report-young-people.md is scheduled for 2025-10-01: it is offered here from then"
        ),
        "{}",
        check.stderr
    );
    let out = root.join("public");
    common::build_ok_with(at_day(&mut common::on("build", &root)));
    assert!(!read(&out, "report/index.html").contains("other-versions"));
    common::build_ok_with(common::on("build", &root).env("SAFESITE_TODAY", "2025-10-01"));
    assert_eq!(
        text_of(&read(&out, "report/index.html"), ".other-versions"),
        "Also available as: For young people"
    );
}
