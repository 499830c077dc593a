//! `[markdown.highlighting]` as Zola 0.23 reads it: the site's own grammars (TextMate
//! JSON and `.sublime-syntax`), its colour themes written as `giallo.css`, and
//! `error_on_missing_language` (`tests/fixtures/features/grammars`).

use super::{Built, all, feature, one};
use crate::common;

#[test]
fn a_sites_own_grammars_and_theme_colour_its_code() {
    let site = Built::with("grammars", &[]);
    let doc = site.doc("code/index.html");
    let mini = one(&doc, "pre > code.language-mini");
    assert!(
        !all(
            &doc,
            "code.language-mini span.hl-keyword.hl-control.hl-mini"
        )
        .is_empty(),
        "the TextMate grammar's keywords: {}",
        mini.html()
    );
    assert!(
        !all(
            &doc,
            "code.language-mini span.hl-string span.hl-constant.hl-character.hl-escape"
        )
        .is_empty(),
        "a begin/end rule and its inner patterns: {}",
        mini.html()
    );
    assert!(
        !all(&doc, "code.language-tiny span.hl-comment.hl-line.hl-tiny").is_empty(),
        "the sublime-syntax grammar: {}",
        one(&doc, "pre > code.language-tiny").html()
    );
    let css = site.read("giallo.css");
    assert!(
        css.contains(".hl-keyword {\n color: #ffdd00;\nfont-weight: bold;"),
        "{css}"
    );
    assert!(css.contains("#0b0c0c"), "the editor background: {css}");
    let stderr = common::normalize(&site.stderr, &site.root);
    insta::assert_snapshot!("grammars_code", site.main("code/index.html"));
    insta::assert_snapshot!("grammars_warnings", stderr);
}

#[test]
fn a_light_and_a_dark_theme_are_written_apart_and_a_sites_own_css_wins() {
    let (tmp, root) = feature("grammars");
    common::write(
        &root,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\n\n[markdown.highlighting]\nstyle = \"class\"\nlight_theme = \"github-light\"\ndark_theme = \"Dracula\"\n",
    );
    std::fs::create_dir_all(root.join("static")).expect("static/");
    common::write(&root, "static/giallo-dark.css", "/* the site's own */\n");
    let site = Built::at(tmp, root, "grammars", &[]);
    assert!(site.read("giallo-light.css").contains(".hl-keyword"));
    assert_eq!(site.read("giallo-dark.css"), "/* the site's own */\n");
    assert!(!site.exists("giallo.css"));
    assert!(!site.stderr.contains("two things"), "{}", site.stderr);
}

#[test]
fn error_on_missing_language_fails_the_build_at_the_fence() {
    let (_tmp, root) = feature("grammars");
    common::write(
        &root,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\n\n[markdown.highlighting]\nstyle = \"class\"\ntheme = \"Nord\"\nerror_on_missing_language = true\n",
    );
    let out = common::build_fails(&root);
    assert!(out.contains("content/code.md:7:1"), "{out}");
    assert!(
        out.contains("error: no highlighting grammar for the language `mini`"),
        "{out}"
    );
}
