//! The partnership theme on a site laid out its own way (`tests/fixtures/theme_pages/plain`:
//! plain Markdown pages, none of the pages the theme links to): it builds, every page has
//! quick exit and the emergency number, `check` names each missing page with the command
//! that makes it, and a page is found by its template wherever it is, or by
//! `[extra.pages]`.

use std::path::Path;

use crate::common;

fn plain() -> (tempfile::TempDir, std::path::PathBuf) {
    common::site_with_theme("theme_pages/plain", "theme_pages/plain")
}

fn read(root: &Path, rel: &str) -> String {
    let path = root.join("public").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_site_of_plain_pages_builds_with_quick_exit_and_no_links_to_missing_pages() {
    let (_tmp, root) = plain();
    let out = common::build_ok(&root);
    assert!(!out.contains("warning"), "{out}");
    for rel in [
        "index.html",
        "about/index.html",
        "news/index.html",
        "news/briefing/index.html",
    ] {
        let html = read(&root, rel);
        assert!(html.contains("Exit this page"), "{rel}: no quick exit");
        assert!(
            html.contains("href=\"tel:999\""),
            "{rel}: no emergency number"
        );
        assert!(
            !html.contains("site-search"),
            "{rel}: a search box with no search page"
        );
        assert!(
            !html.contains("/contacts/"),
            "{rel}: a link to a contacts page it lacks"
        );
    }
}

#[test]
fn check_names_each_missing_page_with_the_command_that_makes_it() {
    let (_tmp, root) = plain();
    let out = common::run(&mut common::on("check", &root));
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
    insta::assert_snapshot!(common::normalize(&out.stderr, &root));
}

#[test]
fn pages_are_found_by_template_wherever_they_are_or_by_extra_pages() {
    let (_tmp, root) = plain();
    // `safesite new` makes the contacts page from the theme's archetype, anywhere.
    let made = common::run(common::on("new", &root).args(["contacts", "help/who-to-call"]));
    assert!(made.status.success(), "{}", made.stderr);
    // A page of the site's own becomes the search page by naming it in config.toml.
    common::write(
        &root,
        "content/find.md",
        "+++\ntitle = \"Find\"\ntemplate = \"search.html\"\n+++\n",
    );
    common::write(
        &root,
        "content/statement.md",
        "+++\ntitle = \"Our accessibility\"\n+++\n\nHow accessible this site is.\n",
    );
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &format!("{config}[extra.pages]\naccessibility = \"@/statement.md\"\n"),
    );
    common::build_ok(&root);
    let about = read(&root, "about/index.html");
    assert!(
        about.contains("href=\"https://plain.example.org/help/who-to-call/\""),
        "{about}"
    );
    assert!(
        about.contains("action=\"https://plain.example.org/find/\""),
        "{about}"
    );
    assert!(
        about.contains("href=\"https://plain.example.org/statement/\""),
        "{about}"
    );
    let check = common::run(&mut common::on("check", &root));
    for found in ["contacts page", "search page", "accessibility statement"] {
        assert!(!check.stderr.contains(found), "{found}:\n{}", check.stderr);
    }
    assert!(
        check.stderr.contains("no \"cover your tracks\" page"),
        "{}",
        check.stderr
    );
}

#[test]
fn extra_pages_naming_a_missing_file_is_a_warning() {
    let (_tmp, root) = plain();
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &format!("{config}[extra.pages]\ncontacts = \"@/help/contacts.md\"\n"),
    );
    let out = common::run(&mut common::on("check", &root));
    assert!(
        out.stderr.contains("[extra.pages] names content/help/contacts.md as the site's contacts page, and there is no such file"),
        "{}",
        out.stderr
    );
}
