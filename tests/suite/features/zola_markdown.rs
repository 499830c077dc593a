//! Zola's `[markdown]` switches (`tests/fixtures/features/zola_markdown`): definition
//! lists and GitHub-style alerts on unless turned off, lazy images when asked, and the
//! Zola settings safesite accepts without acting on them, each one warning.

use super::{Built, attr, feature, one, texts};
use crate::common;

const CONFIG: &str = "base_url = \"https://example.org\"\ntitle = \"T\"\n";

#[test]
fn definition_lists_and_alerts_are_on_and_images_load_eagerly_by_default() {
    let site = Built::new("zola_markdown");
    let doc = site.doc("notes/index.html");
    assert_eq!(texts(&doc, "dl dt"), ["Lead partner"]);
    assert_eq!(
        texts(&doc, "blockquote.markdown-alert-warning p"),
        ["Call 999 if a child is in danger now."]
    );
    let img = one(&doc, "main img");
    assert_eq!(img.value().attr("loading"), None);
    insta::assert_snapshot!("zola_markdown_defaults", site.main("notes/index.html"));
}

#[test]
fn zolas_switches_turn_lists_and_alerts_off_and_images_lazy() {
    let (tmp, root) = feature("zola_markdown");
    common::write(
        &root,
        "config.toml",
        &format!(
            "{CONFIG}[markdown]\ndefinition_list = false\ngithub_alerts = false\nlazy_async_image = true\nbottom_footnotes = true\n"
        ),
    );
    let site = Built::at(tmp, root, "zola_markdown", &[]);
    assert!(!site.stderr.contains("warning"), "{}", site.stderr);
    let doc = site.doc("notes/index.html");
    assert!(texts(&doc, "dl").is_empty());
    assert!(texts(&doc, "blockquote")[0].starts_with("[!WARNING]"));
    let img = one(&doc, "main img");
    // The alt text is the text inside the brackets, tags dropped, as pulldown-cmark
    // writes it; the title comes after it.
    assert_eq!(attr(img, "alt"), "The three partners\u{2019} logos");
    assert_eq!(attr(img, "title"), "Partners");
    assert_eq!(attr(img, "loading"), "lazy");
    assert_eq!(attr(img, "decoding"), "async");
    insta::assert_snapshot!("zola_markdown_switched", site.main("notes/index.html"));
}

#[test]
fn zola_settings_not_acted_on_are_one_warning_each_at_their_line() {
    let (tmp, root) = feature("zola_markdown");
    common::write(
        &root,
        "config.toml",
        &format!(
            "{CONFIG}taxonomies = [{{ name = \"themes\", slug = \"t\", render = false }}]\nminify_html = true\n[markdown]\nbottom_footnotes = false\nrender_emoji = true\n"
        ),
    );
    let site = Built::at(tmp, root, "zola_markdown", &[]);
    let warnings: Vec<&str> = site
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: `taxonomies.slug` is not supported and is ignored",
            "warning: `minify_html` is not supported and is ignored",
            "warning: `markdown.bottom_footnotes = false` is not supported and is ignored",
            "warning: `markdown.render_emoji` is not supported and is ignored",
        ],
        "{}",
        site.stderr
    );
    assert!(site.stderr.contains("config.toml:3:"), "{}", site.stderr);
}
