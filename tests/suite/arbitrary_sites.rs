//! Property: any content tree either builds or fails with at least one error that says
//! something; the build never panics. Sites are generated small (a config and a few
//! content files over the `base` fixture's templates) with valid and broken front
//! matter, random fields, and Markdown with shortcodes, headings, `@/` links and code.
//!
//! 64 cases by default; `PROPTEST_CASES=1000 cargo test --test arbitrary_sites` for more.

use crate::common;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use safesite::build::{self, BuildOptions, Mode};

/// A value for a front-matter field, right or wrong for it.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z é中🎉]{0,12}".prop_map(|s| format!("\"{s}\"")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        Just("2025-03-31".to_string()),
        Just("2025-13-45".to_string()),
        Just("\"2024-02-30\"".to_string()),
        Just("[1, \"two\", 3.0]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("\"unterminated".to_string()),
        Just("".to_string()),
        "[ -~]{0,10}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "description",
            "date",
            "updated",
            "draft",
            "slug",
            "path",
            "weight",
            "kind",
            "sort_by",
            "template",
            "page_template",
            "aliases",
            "authors",
            "in_search_index",
            "insert_anchor_links",
        ])
        .prop_map(str::to_string),
        "[a-z_]{1,8}",
    ]
}

/// The front matter: mostly fields a page may have, otherwise anything from random
/// fields in TOML or YAML to no front matter at all.
fn front_matter() -> impl Strategy<Value = String> {
    let good = (
        "[a-zA-Z é中🎉'.-]{1,12}",
        prop::option::of(prop::sample::select(vec![
            "date = 2025-03-31",
            "draft = true",
            "description = \"A page\"",
            "weight = 3",
            "[extra]\nanything = [1, 2]",
        ])),
        any::<bool>(),
    )
        .prop_map(|(title, field, yaml)| {
            let field = field.unwrap_or_default();
            if yaml && !field.contains('[') {
                format!(
                    "---\ntitle: \"{title}\"\n{}\n---\n",
                    field.replace(" =", ":")
                )
            } else {
                format!("+++\ntitle = \"{title}\"\n{field}\n+++\n")
            }
        });
    prop_oneof![4 => good, 1 => any_front_matter()]
}

fn any_front_matter() -> impl Strategy<Value = String> {
    let fields = prop::collection::vec((key(), value()), 0..5);
    (fields, 0..8u8, any::<bool>()).prop_map(|(fields, shape, extra)| {
        let toml: String = fields.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        let yaml: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        let table = if extra { "[extra]\nx = 1\n" } else { "" };
        match shape {
            0 | 1 => format!("+++\ntitle = \"T\"\n{toml}{table}+++\n"),
            2 => format!("+++\n{toml}{table}+++\n"),
            3 => format!("---\n{yaml}---\n"),
            4 => format!("+++\n{yaml}+++\n"),
            5 => format!("+++\n{toml}"),
            6 => format!(
                "\u{feff}+++\r\ntitle = \"T\"\r\n{}+++\r\n",
                toml.replace('\n', "\r\n")
            ),
            _ => toml,
        }
    })
}

/// One block of Markdown: mostly good, sometimes broken (an unknown shortcode, a
/// link to nothing, an unclosed body).
fn block() -> impl Strategy<Value = String> {
    let good = prop_oneof![
        (1..=7usize, "[a-zA-Z é中🎉{}#]{0,12}").prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        "[a-zA-Z .,*_`é中🎉\\[\\]()<>&!-]{0,40}",
        prop::sample::select(vec![
            "[home](@/_index.md)",
            "[root](/) and [out](https://example.org/)",
            "{{ note(body=\"hi\") }}",
            "{% note() %}Inside *note* with [home](@/_index.md){% end %}",
            "{{ note(a=[1, 2], c=true) }}",
            "```rust\nfn main() { {{ not_a_call() }} }\n```",
            "```nosuchlanguage\ncode\n```",
            "```\nunclosed fence",
            "~~~~\n`inline` {{ note() }}\n~~~~",
            "<!-- more -->",
            "Footnote[^1].\n\n[^1]: The note.",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "- [ ] task\n- [x] done",
            "## Same\n\n## Same",
            "<div>raw html</div>",
            "Term\n: Definition",
        ])
        .prop_map(str::to_string),
    ];
    let broken = prop::sample::select(vec![
        "[a](@/a.md#top)",
        "[missing](@/nowhere.md)",
        "[deep](@/x/y/c.md#heading)",
        "[root](/reports/) ![no alt](/img.png) ![alt](missing.jpg)",
        "{% note() %}never closed",
        "{{ note(",
        "{{ unknown_shortcode(x=1) }}",
        "{{ note(a=[1, {b=2}], c=true) }}",
        "[^orphan]: Nobody refers to me.",
        "## Same {#same}\n\n## Same {#same}",
        "<div>raw <script>html</script></div>",
    ])
    .prop_map(str::to_string);
    prop_oneof![6 => good, 1 => broken].prop_map(|b| format!("{b}\n"))
}

fn page() -> impl Strategy<Value = String> {
    (front_matter(), prop::collection::vec(block(), 0..8))
        .prop_map(|(front, blocks)| format!("{front}\n{}", blocks.join("\n")))
}

/// A config: the fixture's, with optional settings, or broken.
fn config() -> impl Strategy<Value = String> {
    let good = "base_url = \"https://example.org\"\ntitle = \"Test\"\n";
    prop_oneof![
        4 => Just(good.to_string()),
        2 => prop::sample::select(vec![
            "[markdown]\ninsert_anchor_links = \"left\"\nsmart_punctuation = false\n",
            "[markdown]\nhighlight_code = false\n",
            "[markdown]\ninsert_anchor_links = \"sideways\"\n",
            "output_dir = \"content\"\n",
            "taxonomies = 3\n",
        ])
        .prop_map(move |extra| format!("{good}{extra}")),
        1 => "[ -~\n]{0,40}",
    ]
}

fn site() -> impl Strategy<Value = (String, Vec<(&'static str, String)>)> {
    let paths = prop::sample::subsequence(
        vec![
            "_index.md",
            "a.md",
            "reports/_index.md",
            "reports/b.md",
            "x/y/c.md",
            "é 中/🎉.md",
        ],
        1..5,
    );
    (config(), paths).prop_flat_map(|(config, paths)| {
        let pages = prop::collection::vec(page(), paths.len());
        (
            Just(config),
            pages.prop_map(move |pages| paths.clone().into_iter().zip(pages).collect()),
        )
    })
}

fn write_site(root: &Path, config: &str, files: &[(&str, String)]) {
    std::fs::remove_dir_all(root.join("content")).expect("clear content");
    common::write(root, "config.toml", config);
    for (rel, text) in files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

#[test]
fn arbitrary_sites_build_or_fail_with_a_message() {
    // SAFETY: the only test in this binary, and it sets the variable before any thread
    // reads it.
    unsafe { std::env::set_var("SAFESITE_TODAY", "2025-09-01") };
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(64),
        failure_persistence: None,
        ..Config::default()
    });
    let (_tmp, root) = common::site("base");
    let out = root.parent().expect("temp folder").join("out");
    let (built, failed) = (Cell::new(0), Cell::new(0));
    runner
        .run(&site(), |(config, files)| {
            write_site(&root, &config, &files);
            for mode in [Mode::Check, Mode::Build] {
                let options = BuildOptions {
                    root: root.clone(),
                    output: Some(out.clone()),
                    ..BuildOptions::default()
                };
                let outcome = catch_unwind(AssertUnwindSafe(|| build::run(&options, mode)));
                let Ok(outcome) = outcome else {
                    return Err(TestCaseError::fail(format!(
                        "{mode:?} panicked on:\n{config}\n{files:#?}"
                    )));
                };
                if outcome.failed() {
                    failed.set(failed.get() + 1);
                    prop_assert!(
                        outcome
                            .diagnostics
                            .iter()
                            .any(|d| d.is_error() && !d.message.trim().is_empty()),
                        "a failed build without an error message: {:?}",
                        outcome.diagnostics
                    );
                    prop_assert!(outcome.output.is_none());
                } else if mode == Mode::Build {
                    built.set(built.get() + 1);
                    prop_assert!(out.join("index.html").is_file(), "no home page written");
                    prop_assert_eq!(outcome.output.as_deref(), Some(out.as_path()));
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        built.get() > 0 && failed.get() > 0,
        "the generated sites should include some that build and some that do not"
    );
}
