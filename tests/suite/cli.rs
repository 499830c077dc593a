//! The command line as users meet it: help, exit codes (0 ok, 1 content errors, 2 usage
//! errors), what `build`, `check` and `report` print and write, and the guarantees of the
//! output folder (deterministic bytes, atomic replacement).

use crate::common;

use std::path::Path;

use predicates::prelude::*;
use predicates::str::{contains, is_match};

/// The commands `safesite --help` lists (so new commands are covered by the help test).
fn commands() -> Vec<String> {
    let out = common::safesite().arg("--help").output().expect("run");
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    help.split("Commands:")
        .nth(1)
        .expect("a Commands: list")
        .split("\n\n")
        .next()
        .expect("the list")
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

fn no_staging_left(dir: &Path) {
    let leftovers = common::staging_left(dir);
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// A copy of the base site with a broken page and a page that only warns.
fn broken_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = common::site("base");
    common::write(
        &root,
        "content/reports/broken.md",
        "+++\ntitle = \"Broken\"\n+++\nSee [the plan](@/reports/plan.md).\n",
    );
    common::write(
        &root,
        "content/warns.md",
        "+++\ntitle = \"Warns\"\n+++\n![](photo.png)\n",
    );
    (tmp, root)
}

#[test]
fn top_level_help_lists_the_commands() {
    common::safesite()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Usage: safesite <COMMAND>"))
        .stdout(contains("build"))
        .stdout(contains("check"));
    let commands = commands();
    assert!(
        commands.contains(&"build".to_string()) && commands.contains(&"check".to_string()),
        "{commands:?}"
    );
}

#[test]
fn every_command_has_help() {
    for command in commands() {
        // `init` makes a new site in a folder it is given; every other command reads one.
        let site_option = if command == "init" { "[DIR]" } else { "--root" };
        for flag in ["--help", "-h"] {
            common::safesite()
                .args([command.as_str(), flag])
                .assert()
                .success()
                .stdout(contains(format!("Usage: safesite {command}")))
                .stdout(contains(site_option))
                .stderr("");
        }
        common::safesite()
            .args(["help", command.as_str()])
            .assert()
            .success()
            .stdout(contains(format!("Usage: safesite {command}")));
    }
}

#[test]
fn build_help_describes_its_options() {
    common::safesite()
        .args(["build", "--help"])
        .assert()
        .success()
        .stdout(contains("--output-dir <DIR>"))
        .stdout(contains("-o"))
        .stdout(contains("--base-url <URL>"))
        .stdout(contains("--drafts"))
        .stdout(contains("The old output stays in place if the build fails"));
    common::safesite()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(contains("--strict"))
        .stdout(contains("--format <FORMAT>"))
        .stdout(contains("human"))
        .stdout(contains("json"));
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let (_tmp, root) = common::site("base");
    let root_s = root.to_str().expect("UTF-8 path");
    let cases: &[&[&str]] = &[
        &[],
        &["bogus"],
        &["build", "--no-such-flag", "--root", root_s],
        &["build", "--root", root_s, "-o"],
        &["build", "--root", root_s, "extra-argument"],
        &["check", "--format", "xml", "--root", root_s],
        &["check", "--strict=maybe", "--root", root_s],
        &["report", "--format", "pdf", "--root", root_s],
        &["report", "--root", root_s, "-o"],
    ];
    for args in cases {
        common::safesite()
            .args(*args)
            .assert()
            .code(2)
            .stderr(contains("try '--help'").or(contains("Usage: safesite <COMMAND>")))
            .stdout("");
    }
    assert!(!root.join("public").exists());
    common::safesite()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(contains("possible values: human, json"));
}

#[test]
fn build_reports_counts_and_time() {
    let (_tmp, root) = common::site("base");
    common::on("build", &root)
        .assert()
        .success()
        .stdout(is_match(r"^Built 2 pages, 2 sections in \d+ ms → .*public\n$").expect("regex"))
        .stderr("");
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/reports/annual/index.html").is_file());
    no_staging_left(&root);
}

#[test]
fn build_counts_are_singular_for_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    common::write(root, "config.toml", "base_url = \"https://example.org\"\n");
    common::write(root, "content/one.md", "+++\ntitle = \"One\"\n+++\nText.\n");
    common::write(
        root,
        "templates/index.html",
        "<!doctype html><title>Home</title>",
    );
    common::write(root, "templates/page.html", "{{ page.content | safe }}");
    common::on("build", root)
        .assert()
        .success()
        .stdout(is_match(r"^Built 1 page, 1 section in \d+ ms").expect("regex"));
}

#[test]
fn check_writes_nothing() {
    let (tmp, root) = common::site("base");
    let before = common::read_tree(tmp.path());
    common::on("check", &root).assert().success().stdout(
        is_match(r"^Checked 2 pages, 2 sections in \d+ ms: no problems found\n$").expect("regex"),
    );
    assert_eq!(before, common::read_tree(tmp.path()), "check changed files");
    assert!(!root.join("public").exists());
    no_staging_left(&root);

    // Not even over an earlier build.
    common::build_ok(&root);
    let built = common::read_tree(&root.join("public"));
    common::write(
        &root,
        "content/about.md",
        "+++\ntitle = \"Changed\"\n+++\nNew text.\n",
    );
    common::on("check", &root).assert().success();
    assert_eq!(
        built,
        common::read_tree(&root.join("public")),
        "check rewrote the output"
    );
}

#[test]
fn check_json_lists_problems_with_file_line_and_column() {
    let (_tmp, root) = broken_site();
    let out = common::run(common::on("check", &root).args(["--format", "json"]));
    assert_eq!(out.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    let items = items.as_array().expect("a JSON array");
    assert_eq!(items.len(), 2, "{items:#?}");
    let error = &items[0];
    assert_eq!(error["severity"], "error");
    assert_eq!(error["file"], "content/reports/broken.md");
    assert_eq!(error["line"], 4);
    assert_eq!(error["column"], 5);
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .contains("no content/reports/plan.md")
    );
    assert!(error["hint"].is_string());
    let warning = &items[1];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["file"], "content/warns.md");
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(!root.join("public").exists());

    // A clean site gives an empty array.
    let (_tmp, root) = common::site("base");
    common::on("check", &root)
        .args(["--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn check_strict_fails_on_warnings_only() {
    let (_tmp, root) = common::site("base");
    common::write(
        &root,
        "content/warns.md",
        "+++\ntitle = \"Warns\"\n+++\n![](photo.png)\n",
    );
    common::on("check", &root)
        .assert()
        .success()
        .stderr(contains("warning: this image has no alternative text"))
        .stdout(contains(": no errors"));
    common::on("check", &root)
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(contains("warning: this image has no alternative text"))
        .stderr(contains("with --strict, warnings count as errors"))
        .stdout("");
    common::on("check", &root)
        .args(["--strict", "--format", "json"])
        .assert()
        .code(1);
    // A build is not strict: warnings do not stop it.
    common::on("build", &root).assert().success();

    let (_tmp, clean) = common::site("base");
    common::on("check", &clean)
        .arg("--strict")
        .assert()
        .success();
}

#[test]
fn missing_config_is_explained() {
    let tmp = tempfile::tempdir().expect("tmp");
    for command in ["build", "check"] {
        common::safesite()
            .arg(command)
            .current_dir(tmp.path())
            .assert()
            .code(1)
            .stderr(contains("error: no config.toml (or zola.toml) in ."))
            .stderr(contains("pass --root with that folder"))
            .stdout("");
        common::on(command, &tmp.path().join("no-such-site"))
            .assert()
            .code(1)
            .stderr(contains("no config.toml (or zola.toml) in").and(contains("no-such-site")));
    }
    assert_eq!(
        std::fs::read_dir(tmp.path()).expect("ls").count(),
        0,
        "nothing written"
    );
}

#[test]
fn output_dir_and_base_url_options() {
    let (tmp, root) = common::site("base");
    let out = tmp.path().join("elsewhere/site");
    common::on("build", &root)
        .arg("-o")
        .arg(&out)
        .args(["--base-url", "https://staging.example.net/"])
        .assert()
        .success()
        .stdout(contains(format!("→ {}", out.display())));
    assert!(!root.join("public").exists(), "-o replaces public/");
    let home = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(
        home.contains("href=\"https://staging.example.net/reports/annual/#summary\""),
        "{home}"
    );
    assert!(!home.contains("example.org"), "{home}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://staging.example.net/</loc>"),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains("net//"),
        "the trailing slash is not doubled: {sitemap}"
    );
    no_staging_left(out.parent().expect("parent"));

    // A relative -o is relative to the current folder; --output-dir is the long form.
    common::safesite()
        .current_dir(tmp.path())
        .args(["build", "--root", "site", "--output-dir", "rel-out"])
        .assert()
        .success();
    assert!(tmp.path().join("rel-out/index.html").is_file());
}

#[test]
fn output_dir_inside_the_site_sources_is_refused() {
    let (_tmp, root) = common::site("base");
    common::on("build", &root)
        .arg("-o")
        .arg(root.join("content/public"))
        .assert()
        .code(1)
        .stderr(contains("is inside content/"));
    assert!(!root.join("content/public").exists());
}

#[test]
fn builds_are_byte_identical() {
    // The base site, and a feature site (laid over its skeleton) with a feed and sitemap.
    for (fixture, over) in [
        ("base", None),
        ("features/_skeleton", Some("features/special_files")),
    ] {
        let (tmp, root) = common::site(fixture);
        if let Some(over) = over {
            common::copy_tree(&common::fixtures().join(over), &root);
        }
        let fixture = over.unwrap_or(fixture);
        let build = |to: &str| {
            common::on("build", &root)
                .arg("-o")
                .arg(tmp.path().join(to))
                .assert()
                .success();
            common::read_tree(&tmp.path().join(to))
        };
        let first = build("one");
        // Newer modification times must not change anything either.
        std::thread::sleep(std::time::Duration::from_millis(20));
        for (rel, bytes) in common::read_tree(&root.join("content")) {
            std::fs::write(root.join("content").join(rel), bytes).expect("rewrite");
        }
        let second = build("two");
        assert!(first.len() > 5, "{fixture}: too few files to compare");
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            second.keys().collect::<Vec<_>>(),
            "{fixture}"
        );
        for (rel, bytes) in &first {
            assert!(
                bytes == &second[rel],
                "{fixture}: {rel} differs between two builds"
            );
        }
    }
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let (_tmp, root) = common::site("base");
    common::build_ok(&root);
    let before = common::read_tree(&root.join("public"));
    common::write(
        &root,
        "content/about.md",
        "+++\ntitle = \"About\ndate = 2025-13-01\n+++\n",
    );
    common::on("build", &root)
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("content/about.md:"))
        .stderr(contains(
            "Build failed: nothing was written, and any previous output is unchanged.",
        ));
    assert!(
        before == common::read_tree(&root.join("public")),
        "the failed build changed public/"
    );
    no_staging_left(&root);

    // Once fixed, the next build replaces the old output.
    common::write(
        &root,
        "content/about.md",
        "+++\ntitle = \"About the partnership\"\n+++\nFixed.\n",
    );
    common::build_ok(&root);
    let after = std::fs::read_to_string(root.join("public/about/index.html")).expect("about");
    assert!(after.contains("About the partnership"));
    no_staging_left(&root);
}

#[test]
fn output_has_no_colour_when_not_a_terminal() {
    let (_tmp, root) = broken_site();
    common::on("check", &root)
        .env_remove("NO_COLOR")
        .assert()
        .code(1)
        .stderr(contains("error").and(contains("\u{1b}[").not()));
}

#[test]
fn human_check_output_points_at_the_problem() {
    let (_tmp, root) = broken_site();
    let out = common::run(&mut common::on("check", &root));
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::normalize(&out.stderr, &root);
    insta::assert_snapshot!("check_human_broken_site", stderr);
}

#[test]
fn report_writes_html_to_stdout_or_a_file_and_json_on_request() {
    let (_tmp, root) = common::site("base");
    let out = common::run(common::on("report", &root).env("SAFESITE_TODAY", "2025-09-01"));
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    assert!(out.stdout.starts_with("<!DOCTYPE html>"), "{}", out.stdout);
    assert!(out.stdout.contains("<h2 id=\"dates\">"), "{}", out.stdout);
    // Nothing is written into the site's output folder.
    assert!(!root.join("public").exists());

    let file = root.join("board.html");
    let out = common::run(
        common::on("report", &root)
            .arg("-o")
            .arg(&file)
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("Wrote the report to"), "{}", out.stderr);
    let html = std::fs::read_to_string(&file).expect("report written");
    assert!(html.contains("Statutory topics met and missing"), "{html}");
    assert!(!root.join("public").exists());

    let out = common::run(
        common::on("report", &root)
            .args(["--format", "json"])
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    for key in [
        "partnership",
        "today",
        "horizon_days",
        "statutory",
        "dates",
        "tracker",
    ] {
        assert!(v.get(key).is_some(), "no {key} in {v}");
    }
    assert_eq!(v["today"], "2025-09-01");
}

#[test]
fn report_on_a_broken_site_shows_located_errors_exits_1_and_writes_nothing() {
    let (_tmp, root) = broken_site();
    let file = root.join("board.html");
    let out = common::run(
        common::on("report", &root)
            .arg("-o")
            .arg(&file)
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("--> content/reports/broken.md:4:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("No report was written"),
        "{}",
        out.stderr
    );
    assert!(!file.exists());

    let out = common::run(
        common::on("report", &root)
            .args(["--format", "json"])
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, "");
}

#[test]
fn report_says_when_it_cannot_write_the_file() {
    let (_tmp, root) = common::site("base");
    let out = common::run(
        common::on("report", &root)
            .args(["-o", "no/such/folder/board.html"])
            .env("SAFESITE_TODAY", "2025-09-01"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .contains("could not write the report to no/such/folder/board.html"),
        "{}",
        out.stderr
    );
}
