//! Odd content files: each builds with the right output, or fails with a message that
//! names the file, line and column. None may panic or hang: every build runs the real
//! binary with a time limit.

use crate::common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// Far more than any of these builds needs in debug (the 50 MB page takes about 15 s).
const LIMIT: Duration = Duration::from_secs(180);

fn build(root: &Path) -> common::Run {
    common::run(
        common::on("build", root)
            .env("SAFESITE_TODAY", "2025-09-01")
            .timeout(LIMIT),
    )
}

fn built(root: &Path) -> common::Run {
    let out = build(root);
    assert!(out.status.success(), "build failed:\n{}", out.stderr);
    out
}

fn failed(root: &Path) -> String {
    let out = build(root);
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    common::normalize(&out.stderr, root)
}

fn page(root: &Path, url: &str) -> String {
    let path = root.join("public").join(url).join("index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_50_mb_page_builds() {
    let (_tmp, root) = common::site("base");
    let paragraph = "Partners *share* information with [the board](https://example.org/b), \
        using `inline code` and {braces}, in sentences long enough to look like prose.\n\n";
    let mut text = String::from("+++\ntitle = \"Big\"\n+++\n");
    let mut parts = 0;
    while text.len() < 50_000_000 {
        parts += 1;
        let _ = write!(text, "## Part {parts}\n\n");
        text.push_str(&paragraph.repeat(20));
        text.push_str("- one\n- two\n\n```\ncode {{ not_a_call() }}\n```\n\n");
    }
    text.push_str("The end.\n");
    write(&root, "big.md", text.as_bytes());

    built(&root);
    let html = page(&root, "big");
    assert!(html.len() > 50_000_000, "{} bytes", html.len());
    assert_eq!(html.matches("<h2 id=").count(), parts);
    assert!(html.contains(&format!("<h2 id=\"part-{parts}\">Part {parts}</h2>")));
    assert!(html.contains("code {{ not_a_call() }}"));
    assert!(html.contains("<p>The end.</p>"));
}

#[test]
fn ten_thousand_headings_and_their_table_of_contents() {
    let (_tmp, root) = common::site("base");
    let mut text = String::from("+++\ntitle = \"Headings\"\n+++\n");
    for i in 0..10_000 {
        // Half repeat one title, so ids must be made unique 5,000 times.
        if i % 2 == 0 {
            let _ = write!(text, "## Heading {i}\n\nText.\n\n");
        } else {
            text.push_str("## Same\n\n");
        }
    }
    write(&root, "headings.md", text.as_bytes());

    built(&root);
    let html = page(&root, "headings");
    assert_eq!(html.matches("<h2 id=").count(), 10_000);
    let toc = html
        .split_once("<nav aria-label=\"Contents\">")
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(toc, _)| toc)
        .expect("a table of contents");
    assert_eq!(toc.matches("<li>").count(), 10_000);
    let ids: std::collections::HashSet<&str> = html
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|s| s.split_once('"').map(|(id, _)| id))
        .collect();
    assert_eq!(ids.len(), 10_000, "every heading has its own id");
    assert!(toc.contains("href=\"https://example.org/headings/#heading-9998\""));
}

#[test]
fn twenty_thousand_shortcodes_on_one_page() {
    let (_tmp, root) = common::site("base");
    let mut text = String::from("+++\ntitle = \"Notes\"\n+++\n");
    for i in 0..20_000 {
        let _ = write!(
            text,
            "Paragraph {i} has {{{{ note(body=\"n{i}\") }}}} inline.\n\n"
        );
    }
    text.push_str("{{ note(body=\"alone\") }}\n");
    write(&root, "notes.md", text.as_bytes());

    built(&root);
    let html = page(&root, "notes");
    assert_eq!(html.matches("<div class=\"note\">").count(), 20_001);
    assert!(
        html.contains(
            "<p>Paragraph 19999 has <div class=\"note\"><p>n19999</p>\n</div> inline.</p>"
        )
    );
    assert!(html.contains("\n<div class=\"note\"><p>alone</p>\n</div>"));
    assert!(!html.contains("safesiteshortcode"));
}

#[test]
fn folders_nested_40_deep() {
    let (_tmp, root) = common::site("base");
    let dirs: Vec<String> = (1..=40).map(|i| format!("level{i}")).collect();
    let rel = format!("{}/deep.md", dirs.join("/"));
    write(&root, &rel, b"+++\ntitle = \"Deep\"\n+++\nDeep down.\n");
    write(
        &root,
        &format!("{}/_index.md", dirs[..20].join("/")),
        b"+++\ntitle = \"Halfway\"\n+++\n",
    );

    built(&root);
    let url = format!("{}/deep", dirs.join("/"));
    assert!(page(&root, &url).contains("<p>Deep down.</p>"));
    assert!(page(&root, &dirs[..20].join("/")).contains("<h1>Halfway</h1>"));
}

#[test]
fn unicode_file_and_folder_names() {
    let (_tmp, root) = common::site("base");
    write(
        &root,
        "café/中文/emoji 🎉 page.md",
        "+++\ntitle = \"Ünïcode 🎉\"\n+++\nLink to [about](@/about.md).\n".as_bytes(),
    );
    write(
        &root,
        "about.md",
        "+++\ntitle = \"About\"\n+++\nBack to [the page](<@/café/中文/emoji 🎉 page.md>).\n"
            .as_bytes(),
    );

    built(&root);
    // As in Zola, folder names are used as they are and file names are slugified.
    let html = page(&root, "café/中文/emoji-tada-page");
    assert!(html.contains("<title>Ünïcode 🎉</title>"));
    assert!(html.contains("<a href=\"https://example.org/about/\">about</a>"));
    assert!(
        page(&root, "about")
            .contains("https://example.org/caf%C3%A9/%E4%B8%AD%E6%96%87/emoji-tada-page/")
    );
}

#[test]
fn windows_line_endings() {
    let (_tmp, root) = common::site("base");
    write(
        &root,
        "crlf.md",
        b"+++\r\ntitle = \"Crlf\"\r\ndescription = \"Two\"\r\n+++\r\n\r\n## Heading\r\n\r\nLine one\r\nline two.\r\n",
    );

    built(&root);
    let html = page(&root, "crlf");
    assert!(!html.contains('\r'));
    assert!(html.contains("<title>Crlf</title>"));
    assert!(html.contains("<h2 id=\"heading\">Heading</h2>"));
    assert!(html.contains("<p>Line one\nline two.</p>"));

    // An error in CRLF front matter is still on the right line and column.
    write(
        &root,
        "crlf.md",
        b"+++\r\ntitle = \"Crlf\"\r\ndraft = maybe\r\n+++\r\nText.\r\n",
    );
    let stderr = failed(&root);
    assert!(stderr.contains("--> content/crlf.md:3:9"), "{stderr}");
}

#[test]
fn a_byte_order_mark_before_the_front_matter() {
    let (_tmp, root) = common::site("base");
    write(
        &root,
        "bom.md",
        b"\xEF\xBB\xBF+++\ntitle = \"Bom\"\n+++\nBody.\n",
    );
    write(
        &root,
        "bom-crlf.md",
        b"\xEF\xBB\xBF+++\r\ntitle = \"Bom and CRLF\"\r\n+++\r\nBody.\r\n",
    );

    built(&root);
    let html = page(&root, "bom");
    assert!(html.contains("<title>Bom</title>") && html.contains("<p>Body.</p>"));
    assert!(!html.contains('\u{feff}'));
    assert!(page(&root, "bom-crlf").contains("<title>Bom and CRLF</title>"));
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let (_tmp, root) = common::site("base");
    write(
        &root,
        "latin1.md",
        b"+++\ntitle = \"Caf\xE9\"\n+++\nText.\n",
    );
    let stderr = failed(&root);
    assert!(stderr.contains("not saved as UTF-8"), "{stderr}");
    assert!(stderr.contains("--> content/latin1.md:2:13"), "{stderr}");
    assert!(stderr.contains("probably `é`"), "{stderr}");
}

#[test]
fn an_empty_file_is_located() {
    let (_tmp, root) = common::site("base");
    write(&root, "empty.md", b"");
    let stderr = failed(&root);
    assert!(
        stderr.contains("error: this content file is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/empty.md:1:1"), "{stderr}");
}

#[test]
fn a_file_with_only_front_matter() {
    let (_tmp, root) = common::site("base");
    write(&root, "only.md", b"+++\ntitle = \"Only\"\n+++\n");
    write(&root, "no-newline.md", b"+++\ntitle = \"No newline\"\n+++");

    built(&root);
    let html = page(&root, "only");
    assert!(html.contains("<h1>Only</h1>"));
    assert!(!html.contains("<p>"));
    assert!(page(&root, "no-newline").contains("<h1>No newline</h1>"));
}

#[test]
fn brackets_nested_100_000_deep() {
    let (_tmp, root) = common::site("base");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    write(
        &root,
        "shortcode.md",
        format!("+++\ntitle = \"S\"\n+++\n{{{{ note(a={deep}) }}}}\n").as_bytes(),
    );
    write(
        &root,
        "yaml.md",
        format!("---\ntitle: Y\nextra:\n  a: {deep}\n---\n").as_bytes(),
    );
    write(
        &root,
        "toml.md",
        format!("+++\ntitle = \"T\"\n[extra]\na = {deep}\n+++\n").as_bytes(),
    );
    let stderr = failed(&root);
    assert!(
        stderr.contains(
            "lists inside lists go at most 32 deep in a shortcode\n --> content/shortcode.md:4:43"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "lists or tables inside each other go at most 128 deep\n --> content/yaml.md:4:134"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "lists or tables inside each other go too deep here\n --> content/toml.md:4:"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("3 errors"), "{stderr}");
}
