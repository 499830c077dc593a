//! Content as a Tera template (Zola 0.23): components and functions called from
//! Markdown, `{% raw %}` and Zola's escapes, `skip_content_templating`, and errors that
//! point into the Markdown file (`tests/fixtures/features/templated`).

use super::{Built, attr, feature, one, text};
use crate::common;

#[test]
fn content_calls_components_and_functions_before_markdown() {
    let site = Built::new("templated");
    let doc = site.doc("docs/guide/index.html");
    assert_eq!(
        super::texts(&doc, "main > p")[0],
        "Call 0300 123 4567 on Feature test. A badge: new"
    );
    assert_eq!(text(one(&doc, "span.badge")), "new");
    // A component with a body; its body is not Markdown (as in Zola).
    assert_eq!(
        text(one(&doc, "div.note.note--warning")),
        "Do **not** wait."
    );
    // Heading ids and links still work beside the template constructs.
    assert_eq!(attr(one(&doc, "h2"), "id"), "steps");
    assert_eq!(attr(one(&doc, "main a"), "href"), "#steps");
    let steps: Vec<String> = super::texts(&doc, "main li");
    assert_eq!(steps, ["Step 1", "Step 2"]);
    // The escapes and raw print the call.
    let html = site.main("docs/guide/index.html");
    assert!(
        html.contains("Write {{ badge(label=“x”) }} to show a call, or {{ this }}."),
        "{html}"
    );
    // A file under skip_content_templating is Markdown as it is.
    assert_eq!(
        text(one(&site.doc("docs/verbatim/index.html"), "main p")),
        "Mail merge fields look like {{ first_name }}."
    );
    // A section's content sees `section`.
    assert_eq!(
        text(one(&site.doc("docs/index.html"), "main p")),
        "This section has 2 pages."
    );
    insta::assert_snapshot!("templated_guide", html);
}

#[test]
fn a_content_template_error_points_into_the_markdown_and_says_what_to_write() {
    let (_tmp, root) = feature("templated");
    common::write(
        &root,
        "content/docs/letter.md",
        "+++\ntitle = \"Letter\"\n+++\nDear colleague,\n\nUse {{ first_name }} in the letter.\n",
    );
    let out = common::build_fails(&root);
    assert!(out.contains("content/docs/letter.md:6:8"), "{out}");
    assert!(out.contains("write {{/* first_name */}} instead"), "{out}");
    insta::assert_snapshot!("templated_undefined", common::normalize(&out, &root));

    common::write(
        &root,
        "content/docs/letter.md",
        "+++\ntitle = \"Letter\"\n+++\n{% if page.title %}never closed\n\n{{ <nothere /> }} {{ nofn() }}\n",
    );
    let out = common::build_fails(&root);
    assert!(out.contains("content/docs/letter.md:4:1"), "{out}");
    assert!(out.contains("add {% endif %}"), "{out}");

    common::write(
        &root,
        "content/docs/letter.md",
        "+++\ntitle = \"Letter\"\n+++\n{{ <nothere /> }} and {{ nofn() }}\n",
    );
    let out = common::build_fails(&root);
    insta::assert_snapshot!("templated_missing_names", common::normalize(&out, &root));
}

#[test]
fn a_site_with_shortcodes_keeps_them_and_can_choose() {
    let (tmp, root) = feature("templated");
    std::fs::create_dir_all(root.join("templates/shortcodes")).expect("mkdir");
    common::write(
        &root,
        "templates/shortcodes/badge.html",
        "<b>{{ label }}</b>",
    );
    common::write(
        &root,
        "content/docs/guide.md",
        "+++\ntitle = \"Guide\"\n+++\nA {{ badge(label=\"new\") }} and {{ page.title }} as text.\n",
    );
    let site = Built::at(tmp, root.clone(), "templated", &[]);
    assert_eq!(
        text(one(&site.doc("docs/guide/index.html"), "main p")),
        "A new and {{ page.title }} as text."
    );
    // content_templating = true: the same site reads content as a template.
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &format!("content_templating = true\n{config}"),
    );
    common::write(
        &root,
        "content/docs/guide.md",
        "+++\ntitle = \"Guide\"\n+++\nA {{ <badge label=\"new\" /> }} on {{ page.title }}.\n",
    );
    let out = common::run(&mut common::on("build", &root));
    assert!(out.status.success(), "{}", out.stderr);
    let html = std::fs::read_to_string(root.join("public/docs/guide/index.html")).expect("page");
    assert!(
        html.contains("<span class=\"badge\">new</span> on Guide."),
        "{html}"
    );
}
