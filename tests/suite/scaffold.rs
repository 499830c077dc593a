//! `safesite init` and `safesite new`, used as a business manager would: a new site
//! builds and checks at once, and every archetype makes a page that builds.

use crate::common;

use predicates::str::contains;

const TODAY: &str = "2026-11-24";

fn init(dir: &std::path::Path) {
    common::safesite()
        .env("SAFESITE_TODAY", TODAY)
        .args([
            "init",
            "--name",
            "Testshire Safeguarding Children Partnership",
        ])
        .arg(dir)
        .assert()
        .success()
        .stdout(contains(
            "Created a new site for Testshire Safeguarding Children Partnership",
        ));
}

#[test]
fn a_new_site_builds_checks_and_has_every_statutory_page() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    init(&site);
    let out = common::run(common::on("check", &site).env("SAFESITE_TODAY", TODAY));
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("14 of 14 statutory topics met."),
        "{}",
        out.stdout
    );
    let out = common::run(common::on("build", &site).env("SAFESITE_TODAY", TODAY));
    assert!(out.status.success(), "{}", out.stderr);
    for page in [
        "index.html",
        "about/arrangements/index.html",
        "reports/scrutiny-report-2025-26/index.html",
        "reports/yearly-report-2025-26/index.html",
        "scrutiny/six-steps-2026/index.html",
        "scrutiny/recommendations/index.html",
        "about/levels-of-need/index.html",
        "learning/index.html",
        "contacts/index.html",
        "accessibility/index.html",
        "cover-your-tracks/index.html",
    ] {
        let html = std::fs::read_to_string(site.join("public").join(page))
            .unwrap_or_else(|_| panic!("{page} not built"));
        assert!(html.contains("Exit this page"), "{page} has no quick exit");
        assert!(
            html.contains("Testshire Safeguarding Children Partnership"),
            "{page} lacks the name"
        );
    }
    let six_steps = std::fs::read_to_string(site.join("public/scrutiny/six-steps-2026/index.html"))
        .expect("read");
    assert!(six_steps.contains("role=\"img\""), "no chart");
    assert!(
        six_steps.contains("Draft."),
        "a new self-assessment is a draft"
    );
}

#[test]
fn init_refuses_a_folder_that_has_a_site() {
    let tmp = tempfile::tempdir().expect("tmp");
    init(tmp.path());
    common::safesite()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains("already has config.toml"));
}

#[test]
fn every_kind_made_by_new_builds() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    init(&site);
    for (kind, path, built) in [
        (
            "arrangements",
            "about/arrangements-2027",
            "about/arrangements-2027/index.html",
        ),
        (
            "scrutiny-report",
            "reports/scrutiny-report-2026-27",
            "reports/scrutiny-report-2026-27/index.html",
        ),
        (
            "yearly-report",
            "reports/yearly-report-2026-27/",
            "reports/yearly-report-2026-27/index.html",
        ),
        (
            "self-assessment",
            "scrutiny/six-steps-dale",
            "scrutiny/six-steps-dale/index.html",
        ),
        (
            "practice-review",
            "learning/child-b-practice-review/",
            "learning/child-b-practice-review/index.html",
        ),
        (
            "threshold",
            "about/levels-of-need-2027",
            "about/levels-of-need-2027/index.html",
        ),
        (
            "s11-audit",
            "reports/section-11-audit-2026-27",
            "reports/section-11-audit-2026-27/index.html",
        ),
        ("page", "news/a-new-page.md", "news/a-new-page/index.html"),
    ] {
        common::on("new", &site)
            .env("SAFESITE_TODAY", TODAY)
            .args([kind, path])
            .assert()
            .success()
            .stdout(contains(format!("from the {kind} archetype")));
        let out = common::run(common::on("build", &site).env("SAFESITE_TODAY", TODAY));
        assert!(out.status.success(), "{kind}: {}", out.stderr);
        assert!(
            site.join("public").join(built).is_file(),
            "{kind}: {built} not built"
        );
    }
}

#[test]
fn new_never_overwrites_and_names_the_kinds() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("site");
    init(&site);
    let before = std::fs::read(site.join("content/about/arrangements.md")).expect("read");
    common::on("new", &site)
        .args(["arrangements", "about/arrangements"])
        .assert()
        .code(1)
        .stderr(contains("content/about/arrangements.md already exists"));
    assert_eq!(
        before,
        std::fs::read(site.join("content/about/arrangements.md")).expect("read")
    );
    common::on("new", &site)
        .args(["scrutiny", "reports/x"])
        .assert()
        .code(1)
        .stderr(contains("did you mean `scrutiny-report`?"));
    common::on("new", &site)
        .args(["page", "../outside"])
        .assert()
        .code(1)
        .stderr(contains("is not a path inside content/"));
}
