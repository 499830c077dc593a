//! `safesite serve` as a browser meets it: the real binary on a free port (`--port 0`),
//! spoken to over raw TCP. HTTP answers, path safety, live reload over server-sent
//! events, failed rebuilds, edit storms. Every wait is bounded, and the server is killed
//! when a test ends, even by a panic.

use crate::common;

mod harness;

use std::time::{Duration, Instant};

use harness::{SCRIPT_TAG, Server, request, request_with_body};

const ABOUT: &str = "content/about.md";

fn about(body: &str) -> String {
    format!("+++\ntitle = \"About us\"\ndate = 2025-01-01\n+++\n\n{body}\n")
}

/// Gives the server's first stream a moment to register before an edit.
fn settle() {
    std::thread::sleep(Duration::from_millis(200));
}

#[test]
fn answers_files_with_types_index_404_and_only_get_or_head() {
    let (_tmp, root) = common::site("base");
    common::write(&root, "static/big.txt", &"x".repeat(100_000));
    let server = Server::start(&root, &[]);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains(&format!("{SCRIPT_TAG}</body>")),
        "{}",
        home.text()
    );
    assert!(
        home.header("Content-Security-Policy")
            .is_some_and(|csp| csp.contains("default-src 'self'")),
        "the site's _headers apply: {:?}",
        home.headers
    );
    let base = format!("http://127.0.0.1:{}", server.port);
    assert!(home.text().contains(&base), "base_url is the local address");

    let big = server.get("/big.txt");
    assert_eq!(big.status, 200);
    assert_eq!(
        big.body.len(),
        100_000,
        "whole, with a Content-Length, not chunked"
    );
    assert_eq!(big.header("Content-Length"), Some("100000"));

    let css = server.get("/site.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("livereload"));
    assert_eq!(
        server.get("/atom.xml").header("Content-Type"),
        Some("application/xml")
    );
    let script = server.get("/__safesite/livereload.js");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script
            .text()
            .contains("EventSource(\"/__safesite/events\")")
    );
    let overlay = server.get("/__safesite/overlay.css");
    assert_eq!(
        overlay.header("Content-Type"),
        Some("text/css; charset=utf-8")
    );

    assert_eq!(server.get("/about/").status, 200);
    let redirect = server.get("/about?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/about/?x=1"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"), "the site's 404.html");
    assert!(missing.text().contains(SCRIPT_TAG));

    let head = request(server.port, "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(home.body.len().to_string().as_str())
    );

    let post = request_with_body(
        server.port,
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n",
        b"a=b",
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    for method in ["PUT", "DELETE", "OPTIONS"] {
        let r = request(
            server.port,
            &format!("{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
        );
        assert_eq!(r.status, 405, "{method}");
    }
    let chunked = request_with_body(
        server.port,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n",
        b"0\r\n\r\n",
    );
    assert_eq!(chunked.status, 400);
    let with_body = request_with_body(
        server.port,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n",
        b"hi",
    );
    assert_eq!(with_body.status, 400);
}

#[test]
fn never_serves_a_file_outside_the_output() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    let build = server.current_build();
    std::os::unix::fs::symlink("/etc/passwd", build.join("leak")).expect("symlink");
    std::os::unix::fs::symlink("/etc", build.join("etc-dir")).expect("symlink");
    for path in [
        "/../../etc/passwd",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2fetc/passwd",
        "/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc/passwd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/etc/passwd%00.html",
        "/leak",
        "/etc-dir/passwd",
        "/etc-dir/",
    ] {
        let reply = server.get(path);
        assert!(!reply.text().contains("root:"), "{path} served /etc/passwd");
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: {}",
            reply.status
        );
    }
}

#[test]
fn twenty_clients_at_once() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    let _listening = (server.events(), server.events(), server.events());
    let expected = server.get("/about/").body;
    let port = server.port;
    let handles: Vec<_> = (0..20)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/about/" } else { "/site.css" };
                (
                    i,
                    request(port, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n")),
                )
            })
        })
        .collect();
    for h in handles {
        let (i, reply) = h.join().expect("client thread");
        assert_eq!(reply.status, 200, "client {i}");
        if i % 2 == 0 {
            assert_eq!(reply.body, expected, "client {i}");
        }
    }
}

#[test]
fn an_edit_is_served_and_announced() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    common::write(&root, ABOUT, &about("Freshly edited marker 51a."));
    events.expect("reload", Duration::from_secs(2));
    let page = server.get("/about/");
    assert!(page.text().contains("marker 51a"), "{}", page.text());
    server.line_containing("after a change to content/about.md", Duration::from_secs(2));

    common::write(&root, "static/site.css", "body { color: #111; }\n");
    events.expect("css", Duration::from_secs(2));
    assert!(server.get("/site.css").text().contains("#111"));
    server.line_containing(
        "Copied 1 file after a stylesheet change to static/site.css (only what it touched)",
        Duration::from_secs(2),
    );
}

/// The inode of a file of the served build: a file rewritten by an update gets a new one
/// (each is renamed into place), an untouched file keeps its own.
fn inode(server: &Server, rel: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(server.current_build().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .ino()
}

#[test]
fn a_page_edit_rebuilds_only_the_outputs_that_show_the_page() {
    let (_tmp, root) = common::site("base");
    common::write(
        &root,
        "content/reports/older.md",
        "+++\ntitle = \"Older report\"\ndate = 2024-06-30\n+++\nOlder.\n",
    );
    common::write(
        &root,
        "content/latest.md",
        "+++\ntitle = \"Latest\"\ntemplate = \"latest.html\"\n+++\n",
    );
    common::write(
        &root,
        "templates/latest.html",
        "{% set r = get_page(path=\"reports/annual.md\") %}<p>Newest: {{ r.title }}</p>\n",
    );
    common::write(
        &root,
        "content/quiet.md",
        "+++\ntitle = \"Quiet\"\n+++\nQuiet.\n",
    );
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    let first_build = server.current_build();
    // reports/older is listed beside it (its `lower`), so it is rendered again too.
    let untouched = ["quiet/index.html", "about/index.html", "404.html"];
    let before: Vec<u64> = untouched.iter().map(|f| inode(&server, f)).collect();
    let listing = inode(&server, "reports/index.html");

    common::write(
        &root,
        "content/reports/annual.md",
        "+++\ntitle = \"Annual report (revised)\"\ndate = 2025-06-30\n+++\n\n## Summary\n\nRevised marker 7c1.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    let line = server.line_containing(
        "after a change to content/reports/annual.md (only what it touched)",
        Duration::from_secs(2),
    );
    assert!(line.starts_with("Rebuilt "), "{line}");
    assert_eq!(server.current_build(), first_build, "updated in place");
    assert!(
        server
            .get("/reports/annual/")
            .text()
            .contains("Revised marker 7c1.")
    );
    assert!(
        server
            .get("/reports/")
            .text()
            .contains("Annual report (revised)")
    );
    assert!(
        server
            .get("/latest/")
            .text()
            .contains("Newest: Annual report (revised)"),
        "a page that looks it up with get_page is rendered again"
    );
    assert_ne!(inode(&server, "reports/index.html"), listing);
    let after: Vec<u64> = untouched.iter().map(|f| inode(&server, f)).collect();
    assert_eq!(after, before, "pages that do not show it are not rewritten");

    // A new date moves the page in its section's order: everything is rebuilt.
    common::write(
        &root,
        "content/reports/annual.md",
        "+++\ntitle = \"Annual report (revised)\"\ndate = 2023-01-01\n+++\n\n## Summary\n\nMoved.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing("(full rebuild)", Duration::from_secs(2));
    assert_ne!(server.current_build(), first_build);
    let reports = server.get("/reports/").text();
    let (older, annual) = (reports.find("Older report"), reports.find("Annual report"));
    assert!(older < annual, "sorted by the new date: {reports}");
}

#[test]
fn a_broken_template_for_one_page_leaves_its_old_output_and_is_reported() {
    let (_tmp, root) = common::site("base");
    common::write(
        &root,
        "content/odd.md",
        "+++\ntitle = \"Odd\"\ntemplate = \"odd.html\"\n+++\nFine.\n",
    );
    common::write(
        &root,
        "templates/odd.html",
        "{% if page.extra.boom %}{{ page.extra.boom | round }}{% endif %}{{ page.content | safe }}\n",
    );
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    common::write(
        &root,
        "content/odd.md",
        "+++\ntitle = \"Odd\"\ntemplate = \"odd.html\"\n[extra]\nboom = \"text\"\n+++\nBroken.\n",
    );
    let message = events.expect("error", Duration::from_secs(2));
    assert!(message.contains("odd.html"), "{message}");
    assert!(server.get("/odd/").text().contains("Fine."));
    common::write(
        &root,
        "content/odd.md",
        "+++\ntitle = \"Odd\"\ntemplate = \"odd.html\"\n+++\nMended.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    assert!(server.get("/odd/").text().contains("Mended."));
}

#[test]
fn a_broken_edit_keeps_the_old_site_until_fixed() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    let before = server.get("/about/").text();
    common::write(
        &root,
        ABOUT,
        "+++\ntitle = \"About us\ndate = 2025-01-01\n+++\nOops.\n",
    );
    let message = events.expect("error", Duration::from_secs(2));
    assert!(message.contains("content/about.md"), "{message}");
    let during = server.get("/about/");
    assert_eq!(during.status, 200);
    assert_eq!(during.text(), before, "the last good site is still served");
    // A page opened (or reloaded) now hears about the error at once.
    let late = server.events();
    late.expect("error", Duration::from_secs(2));
    assert!(server.stderr().contains("content/about.md"));

    common::write(&root, ABOUT, &about("Fixed marker 9d2."));
    events.expect("reload", Duration::from_secs(2));
    assert!(server.get("/about/").text().contains("marker 9d2"));
}

#[test]
fn an_edit_storm_ends_with_the_last_write() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    for i in 0..100 {
        common::write(&root, ABOUT, &about(&format!("Storm write number {i}.")));
        std::thread::sleep(Duration::from_millis(20));
    }
    server.wait_for_body("/about/", "Storm write number 99.", Duration::from_secs(10));
    // Nothing later undoes it.
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        server
            .get("/about/")
            .text()
            .contains("Storm write number 99.")
    );
}

#[test]
fn a_site_that_does_not_build_yet_is_served_once_fixed() {
    let (_tmp, root) = common::site("base");
    common::write(&root, ABOUT, "+++\ntitle = \n+++\n");
    let server = Server::start(&root, &[]);
    let waiting = server.get("/about/");
    assert_eq!(waiting.status, 503);
    assert!(waiting.text().contains(SCRIPT_TAG));
    let events = server.events();
    events.expect("error", Duration::from_secs(2));
    common::write(&root, ABOUT, &about("Now it builds."));
    events.expect("reload", Duration::from_secs(2));
    assert_eq!(server.get("/about/").status, 200);
}

#[test]
fn serve_leaves_public_alone_and_build_output_has_no_reload_script() {
    let (_tmp, root) = common::site("base");
    {
        let _server = Server::start(&root, &[]);
    }
    assert!(!root.join("public").exists(), "serve wrote into public/");
    common::build_ok(&root);
    for (file, bytes) in common::read_tree(&root.join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("livereload") && !text.contains("__safesite"),
            "{file} has the live-reload script"
        );
    }
}

#[test]
fn a_non_loopback_interface_is_served_with_a_warning() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &["--interface", "0.0.0.0"]);
    assert_eq!(server.get("/").status, 200);
    let deadline = Instant::now() + Duration::from_secs(2);
    while !server.stderr().contains("warning: serving on 0.0.0.0") {
        assert!(Instant::now() < deadline, "no warning: {}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    let bad = common::run(common::safesite().args(["serve", "--interface", "example.org"]));
    assert_eq!(bad.status.code(), Some(1));
    assert!(bad.stderr.contains("not an IP address"), "{}", bad.stderr);
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_build_folders() {
    let (_tmp, root) = common::site("base");
    let mut server = Server::start(&root, &[]);
    let builds = server.builds_folder().to_path_buf();
    assert!(builds.join("site-1/index.html").is_file());
    assert_eq!(server.interrupt(), Some(130));
    assert!(!builds.exists(), "{} is left behind", builds.display());
}

#[test]
fn a_changed_download_rebuilds_the_page_that_describes_it() {
    let (_tmp, root) = common::site("base");
    std::fs::create_dir_all(root.join("content/guide")).expect("mkdir");
    common::write(
        &root,
        "content/guide/index.md",
        "+++\ntitle = \"Guide\"\ntemplate = \"guide.html\"\ndownloads = [{ file = \"guide.txt\", title = \"The guide\" }]\n+++\n",
    );
    common::write(&root, "content/guide/guide.txt", "short");
    common::write(
        &root,
        "templates/guide.html",
        "{% for d in page.downloads %}<p>{{ d.title }}: {{ d.bytes }} bytes</p>{% endfor %}\n",
    );
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    assert!(server.get("/guide/").text().contains("The guide: 5 bytes"));
    common::write(&root, "content/guide/guide.txt", &"x".repeat(2000));
    events.expect("reload", Duration::from_secs(2));
    assert!(
        server
            .get("/guide/")
            .text()
            .contains("The guide: 2000 bytes"),
        "{}",
        server.get("/guide/").text()
    );
    assert_eq!(server.get("/guide/guide.txt").body.len(), 2000);
}

#[test]
fn with_poll_an_edit_is_found_by_reading_the_folders() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &["--poll"]);
    let events = server.events();
    settle();
    common::write(&root, ABOUT, &about("Polled marker 3e8."));
    events.expect("reload", Duration::from_secs(3));
    assert!(server.get("/about/").text().contains("Polled marker 3e8."));
    // A second save within the same second (file times are kept to the second).
    common::write(&root, ABOUT, &about("Polled again 4f9."));
    events.expect("reload", Duration::from_secs(3));
    assert!(server.get("/about/").text().contains("Polled again 4f9."));
}

#[test]
fn a_section_edit_rebuilds_the_section_and_what_looks_it_up() {
    let (_tmp, root) = common::site("base");
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    let build = server.current_build();
    let about = inode(&server, "about/index.html");
    common::write(
        &root,
        "content/reports/_index.md",
        "+++\ntitle = \"Our reports\"\nsort_by = \"date\"\n+++\n\nEvery report, newest first.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing(
        "after a change to content/reports/_index.md (only what it touched)",
        Duration::from_secs(2),
    );
    assert_eq!(server.current_build(), build, "updated in place");
    assert!(
        server
            .get("/reports/")
            .text()
            .contains("Every report, newest first.")
    );
    assert!(
        server.get("/").text().contains("Our reports"),
        "the home page lists its subsections with get_section"
    );
    assert_eq!(inode(&server, "about/index.html"), about);

    // Sorting the pages another way changes other outputs: everything is rebuilt.
    common::write(
        &root,
        "content/reports/_index.md",
        "+++\ntitle = \"Our reports\"\nsort_by = \"title\"\n+++\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing("(full rebuild)", Duration::from_secs(2));
}

/// A copy of `features/_skeleton` with `features/<name>` laid over it.
fn feature_site(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = common::site("features/_skeleton");
    common::copy_tree(&common::fixtures().join("features").join(name), &root);
    (tmp, root)
}

#[test]
fn a_change_of_terms_rebuilds_those_terms_and_the_lists() {
    let (_tmp, root) = feature_site("taxonomies");
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    let build = server.current_build();
    let untouched = [
        "agencies/police/index.html",
        "agencies/index.html",
        "404.html",
    ];
    let before: Vec<u64> = untouched.iter().map(|f| inode(&server, f)).collect();
    assert!(
        !server
            .get("/themes/online-safety/")
            .text()
            .contains("Drift")
    );

    // Drift joins an existing term: that term, the list and what looks the taxonomy up
    // are rendered again, in place.
    common::write(
        &root,
        "content/learning/drift.md",
        "+++\ntitle = \"Drift\"\ndate = 2026-01-01\n[taxonomies]\nthemes = [\"Neglect\", \"Online safety\"]\n+++\nDrift.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing(
        "after a change to content/learning/drift.md (only what it touched)",
        Duration::from_secs(2),
    );
    assert_eq!(server.current_build(), build, "updated in place");
    assert!(
        server
            .get("/themes/online-safety/")
            .text()
            .contains("Drift")
    );
    let list = server.get("/themes/").text();
    assert!(
        list.contains("Online safety</a> <span class=\"slug\">online-safety</span> <span class=\"count\">2</span>"),
        "{list}"
    );
    assert!(
        server
            .get("/learning/drift/")
            .text()
            .contains("/themes/online-safety/\">Online safety</a>")
    );
    let after: Vec<u64> = untouched.iter().map(|f| inode(&server, f)).collect();
    assert_eq!(after, before, "the other taxonomy is not rewritten");

    // Leaving Neglect leaves it one pager fewer, which changes what is written: a full
    // rebuild, with no stale second pager.
    common::write(
        &root,
        "content/learning/drift.md",
        "+++\ntitle = \"Drift\"\ndate = 2026-01-01\n[taxonomies]\nthemes = [\"Online safety\"]\n+++\nDrift.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing("(full rebuild)", Duration::from_secs(2));
    assert!(!server.get("/themes/neglect/").text().contains("Drift"));
    assert_eq!(
        server.get("/themes/neglect/page/2/").status,
        404,
        "one pager left"
    );

    // A new term is a new page: everything is rebuilt.
    common::write(
        &root,
        "content/learning/drift.md",
        "+++\ntitle = \"Drift\"\ndate = 2026-01-01\n[taxonomies]\nthemes = [\"Self-harm\"]\n+++\nDrift.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing("(full rebuild)", Duration::from_secs(2));
    assert!(server.get("/themes/self-harm/").text().contains("Drift"));
}

#[test]
fn an_edited_translation_is_shown_by_its_other_versions() {
    let (_tmp, root) = feature_site("languages");
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    let build = server.current_build();
    common::write(
        &root,
        "content/worried.pl.md",
        "+++\ntitle = \"Czy martwisz się o dziecko?\"\n[taxonomies]\ntematy = [\"Zaniedbanie\"]\n+++\nZadzwoń.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing(
        "after a change to content/worried.pl.md (only what it touched)",
        Duration::from_secs(2),
    );
    assert_eq!(server.current_build(), build, "updated in place");
    for path in ["/worried/", "/ur/worried/", "/pl/worried/"] {
        assert!(
            server
                .get(path)
                .text()
                .contains("Polski</a>: Czy martwisz się o dziecko?"),
            "{path} lists the new title of the Polish version"
        );
    }
}

#[test]
fn a_page_shown_by_another_pages_templated_content_updates_it() {
    let (_tmp, root) = common::site("features/_skeleton");
    common::write(
        &root,
        "content/a.md",
        "+++\ntitle = \"First title\"\n+++\nA.\n",
    );
    common::write(
        &root,
        "content/b.md",
        "+++\ntitle = \"B\"\n+++\n{% set a = get_page(path=\"a.md\") %}See {{ a.title }}.\n",
    );
    let server = Server::start(&root, &[]);
    let events = server.events();
    settle();
    assert!(server.get("/b/").text().contains("See First title."));
    common::write(
        &root,
        "content/a.md",
        "+++\ntitle = \"New title\"\n+++\nA.\n",
    );
    events.expect("reload", Duration::from_secs(2));
    server.line_containing("(full rebuild)", Duration::from_secs(2));
    assert!(
        server.get("/b/").text().contains("See New title."),
        "b's content looked a.md up when it was rendered as a template"
    );
}

#[test]
fn a_scheduled_page_is_previewed_and_marked() {
    let (_tmp, root) = common::site_with_theme("theme_pages/plain", "theme_pages/plain");
    common::write(
        &root,
        "content/later.md",
        "+++\ntitle = \"Later\"\npublish_from = 2099-06-30\n+++\n\nNot yet.\n",
    );
    let server = Server::start(&root, &[]);
    let page = server.get("/later/");
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("this page goes live on 30 June 2099"),
        "{}",
        page.text()
    );
}
