//! What Zola makes besides pages: CSS compiled from `sass/` (`compile_sass = true`) and
//! `static/` published as it is, dot-files included (`tests/fixtures/features/sass`).

use super::{Built, feature};
use crate::common;

#[test]
fn sass_compiles_to_css_at_zolas_paths() {
    let site = Built::new("sass");
    assert_eq!(site.read("site.css"), ".notice a{color:#1d70b8}");
    assert_eq!(
        site.read("nested/print.css"),
        ".header{display:none;color:#0b0c0c}"
    );
    // A partial is only imported.
    assert!(!site.exists("_colours.css") && !site.exists("colours.css"));
    // static/ is published as it is, dot-files included (as Zola and Hugo do).
    assert!(site.exists(".nojekyll"));
    assert!(site.exists(".well-known/security.txt"));
}

#[test]
fn a_sass_error_names_the_file_line_and_column() {
    let (_tmp, root) = feature("sass");
    common::write(
        &root,
        "sass/_colours.scss",
        "$brand: #1d70b8;\n.x { color: $nope; }\n",
    );
    let out = common::build_fails(&root);
    insta::assert_snapshot!("sass_error", common::normalize(&out, &root));
    assert!(out.contains("sass/_colours.scss:2:"), "{out}");
}

#[test]
fn without_compile_sass_nothing_is_compiled() {
    let (tmp, root) = feature("sass");
    common::write(
        &root,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\n",
    );
    let site = Built::at(tmp, root, "sass", &[]);
    assert!(!site.exists("site.css"));
}

#[test]
fn zola_toml_is_read_when_there_is_no_config_toml() {
    let (tmp, root) = feature("sass");
    std::fs::rename(root.join("config.toml"), root.join("zola.toml")).expect("rename");
    let site = Built::at(tmp, root, "sass", &[]);
    assert!(site.exists("site.css"), "zola.toml's compile_sass was read");
}
