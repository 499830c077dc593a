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

#[test]
fn a_zola_toml_sites_messages_name_zola_toml() {
    let (_tmp, root) = feature("sass");
    let settings = std::fs::read_to_string(root.join("config.toml")).expect("config");
    std::fs::remove_file(root.join("config.toml")).expect("rm");
    // A key Zola knows that safesite does not act on, and a page naming an undefined
    // taxonomy: both messages point the author to the file they have.
    common::write(
        &root,
        "zola.toml",
        &format!("minify_html = true\n{settings}"),
    );
    common::write(
        &root,
        "content/tagged.md",
        "+++\ntitle = \"Tagged\"\n[taxonomies]\ntags = [\"a\"]\n+++\n",
    );
    let err = common::build_fails(&root);
    assert!(err.contains("--> zola.toml:1:1"), "{err}");
    assert!(err.contains("to taxonomies = [...] in zola.toml"), "{err}");
    assert!(!err.contains("config.toml"), "{err}");
}

/// The first 20 hex digits of the SHA-256 of `bytes`: Zola's `?h=`.
fn short_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    let hex: String = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    hex[..20].to_string()
}

#[test]
fn cachebust_and_get_hash_read_static_files_and_compiled_sass() {
    let (tmp, root) = feature("sass");
    common::write(&root, "static/app.js", "console.log('hi');\n");
    common::write(
        &root,
        "templates/index.html",
        "<html lang=\"en\"><h1>Styles</h1><p class=\"css\">{{ get_url(path=\"site.css\", cachebust=true) }}</p>\n\
         <p class=\"js\">{{ get_url(path=\"app.js\", cachebust=true) }}</p>\n\
         <p class=\"sri\">{{ get_hash(path=\"site.css\", sha_type=256, base64=false) }}</p>\n\
         <p class=\"old\">{{ get_file_hash(path=\"app.js\", sha_type=256, base64=false) }}</p>\n",
    );
    let site = Built::at(tmp, root.clone(), "sass", &[]);
    let page = site.read("index.html");
    let css = site.read("site.css");
    assert!(
        page.contains(&format!(
            "https://example.org/site.css?h={}",
            short_sha256(css.as_bytes())
        )),
        "the hash of the CSS compiled from sass/site.scss: {page}"
    );
    let js = short_sha256(b"console.log('hi');\n");
    assert!(
        page.contains(&format!("https://example.org/app.js?h={js}")),
        "{page}"
    );
    use sha2::Digest;
    let full: String = sha2::Sha256::digest(css.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(
        page.contains(&format!("<p class=\"sri\">{full}</p>")),
        "{page}"
    );
    assert!(page.contains(&format!("<p class=\"old\">{js}")), "{page}");

    // A changed stylesheet gets a new address.
    common::write(&root, "sass/_colours.scss", "$brand: #0b0c0c;\n");
    common::build_ok(&root);
    let (again, css2) = (site.read("index.html"), site.read("site.css"));
    assert_ne!(css, css2);
    assert!(again.contains(&short_sha256(css2.as_bytes())), "{again}");
    assert!(!again.contains(&short_sha256(css.as_bytes())), "{again}");
}

#[test]
fn cachebust_of_a_missing_file_says_where_it_looked() {
    let (_tmp, root) = feature("sass");
    common::write(
        &root,
        "templates/index.html",
        "{{ get_url(path=\"app.css\", cachebust=true) }}",
    );
    let out = common::build_fails(&root);
    assert!(
        out.contains("get_url: there is no file `app.css` in the site folder, static/, content/, the compiled Sass or the theme's static/"),
        "{out}"
    );
}
