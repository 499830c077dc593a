//! Taxonomies, pagination and languages: what Zola sites and partnership sites list and
//! translate (`tests/fixtures/features/{taxonomies,pagination,languages}`).

use super::{Built, attr, attrs, feature, one, texts};
use crate::common;

#[test]
fn taxonomies_have_a_list_of_terms_a_page_per_term_and_a_feed_when_asked() {
    let site = Built::new("taxonomies");
    for rel in [
        "themes/index.html",
        "themes/neglect/index.html",
        "themes/neglect/page/2/index.html",
        "themes/domestic-abuse/index.html",
        "themes/online-safety/index.html",
        "themes/neglect/atom.xml",
        "agencies/index.html",
        "agencies/police/index.html",
        "agencies/health-visiting/index.html",
    ] {
        assert!(site.exists(rel), "no {rel}");
    }
    assert!(
        !site.exists("agencies/police/atom.xml"),
        "agencies has no feed"
    );
    assert!(
        !site.exists("agencies/police/page/2/index.html"),
        "agencies is not paginated"
    );
    let list = site.doc("themes/index.html");
    assert_eq!(
        texts(&list, "ul.terms a"),
        ["Domestic abuse", "Neglect", "Online safety"]
    );
    assert_eq!(texts(&list, ".count"), ["1", "3", "1"]);
    insta::assert_snapshot!("taxonomy_list", site.main("themes/index.html"));

    // Term pages list their pages newest first, paginate_by at a time.
    let first = site.doc("themes/neglect/index.html");
    assert_eq!(
        texts(&first, "ul.pages a"),
        ["Hidden men", "Was not brought"]
    );
    assert_eq!(
        attr(one(&first, "a[rel=next]"), "href"),
        "https://example.org/themes/neglect/page/2/"
    );
    let second = site.doc("themes/neglect/page/2/index.html");
    assert_eq!(texts(&second, "ul.pages a"), ["Drift"]);
    assert_eq!(
        texts(&second, ".paging"),
        ["Page 2 of 2, 2 a page, 3 in all"]
    );
    insta::assert_snapshot!("term_page_2", site.main("themes/neglect/page/2/index.html"));
    let redirect = site.read("themes/neglect/page/1/index.html");
    assert!(
        redirect.contains("url=https://example.org/themes/neglect/\""),
        "{redirect}"
    );
    // Another taxonomy without its own templates uses taxonomy_single.html.
    let police = site.doc("agencies/police/index.html");
    assert_eq!(texts(&police, "h1"), ["Police (agencies)"]);
    assert_eq!(
        texts(&police, "ul.pages a"),
        ["Hidden men", "Was not brought"]
    );

    // page.taxonomies, get_taxonomy_url (kind, and the deprecated name), get_taxonomy_term
    // and get_taxonomy on a page.
    insta::assert_snapshot!("page_terms", site.main("learning/hidden-men/index.html"));
    let page = site.doc("learning/hidden-men/index.html");
    assert_eq!(
        attrs(&page, "p.terms[data-kind=themes] a", "href"),
        [
            "https://example.org/themes/domestic-abuse/",
            "https://example.org/themes/neglect/"
        ]
    );
    let feed = site.read("themes/neglect/atom.xml");
    assert_eq!(feed.matches("<entry").count(), 3, "{feed}");
    let sitemap = site.read("sitemap.xml");
    for loc in [
        "themes/",
        "themes/neglect/",
        "themes/neglect/page/2/",
        "agencies/police/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{loc}</loc>")),
            "{loc} not in the sitemap:\n{sitemap}"
        );
    }
}

#[test]
fn check_warns_of_terms_that_differ_only_in_case_or_spacing() {
    let (_tmp, root) = feature("taxonomies");
    common::write(
        &root,
        "content/learning/drift.md",
        "+++\ntitle = \"Drift\"\ndate = 2026-01-01\n[taxonomies]\nthemes = [\"neglect \"]\n+++\nDrift.\n",
    );
    let out = common::run(&mut common::on("check", &root));
    insta::assert_snapshot!("term_lookalike", common::normalize(&out.stderr, &root));
    assert!(out.stderr.contains("neglect "), "{}", out.stderr);
    assert!(
        out.stderr.contains("content/learning/drift.md"),
        "{}",
        out.stderr
    );
}

#[test]
fn sections_paginate_with_zolas_paginator() {
    let site = Built::new("pagination");
    for rel in [
        "news/index.html",
        "news/page/2/index.html",
        "news/page/3/index.html",
        "archive/p/2/index.html",
    ] {
        assert!(site.exists(rel), "no {rel}");
    }
    assert!(!site.exists("news/page/4/index.html"));
    let redirect = site.read("news/page/1/index.html");
    assert!(redirect.contains("http-equiv=\"refresh\""), "{redirect}");
    assert!(
        redirect.contains("url=https://example.org/news/\""),
        "{redirect}"
    );
    insta::assert_snapshot!("paginator_first", site.main("news/index.html"));
    insta::assert_snapshot!("paginator_last", site.main("news/page/3/index.html"));
    let middle = site.doc("news/page/2/index.html");
    assert_eq!(texts(&middle, "ul.pages a"), ["News 3", "News 2"]);
    assert_eq!(texts(&middle, "title"), ["News, page 2"]);
    // paginate_path and paginate_reversed.
    let archive = site.doc("archive/index.html");
    assert_eq!(texts(&archive, "ul.pages a"), ["Old 3", "Old 2"]);
    let archive_2 = site.doc("archive/p/2/index.html");
    assert_eq!(texts(&archive_2, "ul.pages a"), ["Old 1"]);
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/news/page/2/</loc>"));
    assert!(
        !sitemap.contains("news/page/1/"),
        "the redirect is not in the sitemap"
    );
}

#[test]
fn languages_publish_under_their_code_with_their_own_strings_and_direction() {
    let site = Built::new("languages");
    for rel in [
        "worried/index.html",
        "pl/worried/index.html",
        "ur/worried/index.html",
        "pl/index.html",
        "ur/index.html",
        "themes/neglect/index.html",
        "pl/tematy/zaniedbanie/index.html",
    ] {
        assert!(site.exists(rel), "no {rel}");
    }
    assert!(
        !site.exists("pl/contacts/index.html"),
        "contacts is not translated"
    );
    let html = |rel: &str| {
        let doc = site.doc(rel);
        let root = one(&doc, "html");
        (attr(root, "lang"), attr(root, "dir"))
    };
    assert_eq!(html("worried/index.html"), ("en".into(), "ltr".into()));
    assert_eq!(html("pl/worried/index.html"), ("pl".into(), "ltr".into()));
    assert_eq!(html("ur/worried/index.html"), ("ur".into(), "rtl".into()));
    // Each language's config.title, and trans() from its [languages.X.translations].
    let pl = site.doc("pl/worried/index.html");
    assert_eq!(texts(&pl, "p.site"), ["Test partnerstwa"]);
    assert_eq!(
        texts(&pl, "p.trans"),
        ["Martwisz się o dziecko? W nagłych wypadkach dzwoń pod 999"]
    );
    insta::assert_snapshot!("translated_page", site.main("ur/worried/index.html"));
    // config.languages in a stable order: the default language, then the others.
    for rel in [
        "worried/index.html",
        "pl/worried/index.html",
        "ur/worried/index.html",
    ] {
        assert_eq!(
            texts(&site.doc(rel), "p.languages"),
            ["en: en pl ur"],
            "{rel}"
        );
    }
    let sitemap = site.read("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/pl/worried/</loc>"))
        .expect("the Polish page in the sitemap");
    for (lang, href) in [
        ("en", "https://example.org/worried/"),
        ("pl", "https://example.org/pl/worried/"),
        ("ur", "https://example.org/ur/worried/"),
    ] {
        assert!(
            entry.contains(&format!("hreflang=\"{lang}\" href=\"{href}\"")),
            "{entry}"
        );
    }
}

#[test]
fn a_missing_translation_names_the_template_line_and_the_language() {
    let (_tmp, root) = feature("languages");
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &config.replace("call = \"ایمرجنسی میں 999 پر کال کریں\"\n", ""),
    );
    let err = common::build_fails(&root);
    insta::assert_snapshot!("missing_translation", common::normalize(&err, &root));
    assert!(err.contains("templates/page.html:4:"), "{err}");
    assert!(err.contains("ur"), "{err}");
}

#[test]
fn a_language_the_theme_has_no_strings_for_is_warned_about_at_its_table() {
    let (_tmp, root) = common::site_with_theme("kinds/shared", "kinds/shared");
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &format!(
            "{config}\n[languages.ar]\ntitle = \"شراكة\"\n\n[languages.pl]\ntitle = \"Partnerstwo\"\n"
        ),
    );
    let out = common::run(&mut common::on("check", &root));
    assert!(out.status.success(), "{}", out.stderr);
    insta::assert_snapshot!(
        "untranslated_language",
        common::normalize(&out.stderr, &root)
    );
    assert!(out.stderr.contains("no strings in `ar`"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("`pl`"),
        "the theme ships Polish: {}",
        out.stderr
    );
}

#[test]
fn term_pages_show_every_field_their_templates_read_however_they_read_it() {
    // Term pages make only the page fields their templates can read; each way of
    // reading one must still find it.
    let (tmp, root) = feature("taxonomies");
    common::write(
        &root,
        "templates/taxonomy_single.html",
        r#"{% extends "base.html" %}
{% block content %}<h1>{{ term.name }}</h1>
{%- for p in term.pages | sort(attribute="title") %}
<div class="content">{{ p.content | safe }}</div>
<p class="by-key">{{ p["title"] }}/{{ p.extra.missing or "none" }}</p>
{%- endfor %}
{% endblock %}
"#,
    );
    let site = Built::at(tmp, root, "taxonomies", &[]);
    let police = site.doc("agencies/police/index.html");
    assert_eq!(
        texts(&police, ".content"),
        [
            "Fathers and partners missing from assessments.",
            "Missed appointments as a sign of neglect."
        ]
    );
    assert_eq!(
        texts(&police, ".by-key"),
        ["Hidden men/none", "Was not brought/none"]
    );
}

#[test]
fn dates_are_written_in_the_pages_language() {
    // The partnership theme ships the month names of English, Polish and Urdu; a site
    // adds another language's in config.toml, as any other theme string.
    let (_tmp, root) = common::site_with_theme("kinds/shared", "kinds/shared");
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    let romanian = "[languages.ro]\ntitle = \"Parteneriat\"\n\n[languages.ro.translations]\nmonths = \"ianuarie, februarie, martie, aprilie, mai, iunie, iulie, august, septembrie, octombrie, noiembrie, decembrie\"\n";
    let config = format!(
        "{config}\n[languages.pl]\ntitle = \"Partnerstwo\"\n\n[languages.ur]\ntitle = \"شراکت\"\n"
    );
    common::write(&root, "config.toml", &format!("{config}\n{romanian}"));
    for suffix in ["", ".pl", ".ur", ".ro"] {
        common::write(
            &root,
            &format!("content/dated{suffix}.md"),
            "+++\ntitle = \"Dated\"\ndate = 2025-06-30\n\n[[changes]]\ndate = 2025-07-01\nsummary = \"Changed.\"\n+++\n\nText.\n",
        );
    }
    common::build_ok(&root);
    let public = root.join("public");
    let metadata = |rel: &str| {
        let html = std::fs::read_to_string(public.join(rel)).expect(rel);
        let doc = scraper::Html::parse_document(&html);
        texts(&doc, ".page-metadata time")
    };
    assert_eq!(
        metadata("dated/index.html"),
        ["30 June 2025", "1 July 2025"]
    );
    assert_eq!(
        metadata("pl/dated/index.html"),
        ["30 czerwca 2025", "1 lipca 2025"]
    );
    assert_eq!(
        metadata("ur/dated/index.html"),
        ["30 جون 2025", "1 جولائی 2025"]
    );
    assert_eq!(
        metadata("ro/dated/index.html"),
        ["30 iunie 2025", "1 iulie 2025"]
    );

    // A month alone uses the names a month has on its own (Polish: czerwiec, not czerwca),
    // and lang= picks a language from any page.
    std::fs::create_dir_all(root.join("templates/shortcodes")).expect("mkdir");
    common::write(
        &root,
        "templates/shortcodes/when.html",
        "{{ \"2025-06\" | human_date }} / {{ \"2025-06-30\" | human_date(lang=\"pl\") }}",
    );
    common::write(
        &root,
        "content/dated.pl.md",
        "+++\ntitle = \"Dated\"\n+++\n\n{{ when() }}\n",
    );
    // A language that gives only `months` uses them for a month alone too.
    common::write(
        &root,
        "content/dated.ro.md",
        "+++\ntitle = \"Dated\"\n+++\n\n{{ when() }}\n",
    );
    common::build_ok(&root);
    let html = std::fs::read_to_string(public.join("pl/dated/index.html")).expect("pl");
    assert!(html.contains("czerwiec 2025 / 30 czerwca 2025"), "{html}");
    let html = std::fs::read_to_string(public.join("ro/dated/index.html")).expect("ro");
    assert!(html.contains("iunie 2025 / 30 czerwca 2025"), "{html}");

    // Month names that are not twelve are an error naming the key and the language.
    common::write(
        &root,
        "config.toml",
        &format!("{config}\n{}", romanian.replace("ianuarie, ", "")),
    );
    let err = common::build_fails(&root);
    assert!(
        err.contains("the translation `months` in `ro` does not name the twelve months"),
        "{err}"
    );
}

#[test]
fn feed_filenames_write_each_feed_with_its_template() {
    // As Zola: each listing with a feed gets one file per name in its language's
    // feed_filenames, written with the template of that name (atom.xml and rss.xml
    // built in); templates see the list as config.feed_filenames.
    let (_tmp, root) = feature("taxonomies");
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &config.replace(
            "title = \"Feature test\"\n",
            "title = \"Feature test\"\ndescription = \"Learning from reviews\"\nfeed_filenames = [\"atom.xml\", \"rss.xml\"]\n",
        ),
    );
    common::write(
        &root,
        "content/learning/_index.md",
        "+++\ntitle = \"Learning\"\nsort_by = \"date\"\ngenerate_feeds = true\n+++\n",
    );
    common::write(
        &root,
        "templates/index.html",
        "{% for feed in config.feed_filenames %}<link rel=\"alternate\" href=\"{{ get_url(path=feed) }}\">{% endfor %}",
    );
    common::build_ok(&root);
    let public = root.join("public");
    for folder in ["", "learning/", "themes/neglect/"] {
        for name in ["atom.xml", "rss.xml"] {
            assert!(
                public.join(folder).join(name).is_file(),
                "no {folder}{name}"
            );
        }
    }
    let rss = std::fs::read_to_string(public.join("learning/rss.xml")).expect("rss");
    let doc = roxmltree::Document::parse(&rss).expect("the RSS feed is XML");
    let channel = doc
        .descendants()
        .find(|n| n.has_tag_name("channel"))
        .expect("channel");
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    assert_eq!(child(channel, "title"), "Feature test – Learning");
    assert_eq!(child(channel, "link"), "https://example.org/learning/");
    assert_eq!(child(channel, "description"), "Learning from reviews");
    let items: Vec<_> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(
        items.iter().map(|i| child(*i, "title")).collect::<Vec<_>>(),
        ["Hidden men", "Was not brought", "Drift", "Online harm"]
    );
    assert_eq!(
        child(items[0], "pubDate"),
        "Sun, 01 Mar 2026 00:00:00 +0000"
    );
    assert_eq!(
        child(items[0], "guid"),
        "https://example.org/learning/hidden-men/"
    );
    let home = std::fs::read_to_string(public.join("index.html")).expect("home");
    assert!(
        home.contains("href=\"https://example.org/atom.xml\"")
            && home.contains("href=\"https://example.org/rss.xml\""),
        "{home}"
    );

    // A name with no template is an error at its place in config.toml.
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &config.replace("\"rss.xml\"]", "\"feed.json\"]"),
    );
    let err = common::build_fails(&root);
    assert!(
        err.contains("there is no template `feed.json` for the feed")
            && err.contains("--> config.toml:4:"),
        "{err}"
    );
}

#[test]
fn terms_written_at_the_top_of_a_page_are_shown_where_they_go() {
    let (_tmp, root) = feature("taxonomies");
    common::write(
        &root,
        "content/learning/flat.md",
        "+++\ntitle = \"Flat\"\nthemes = [\"Neglect\"]\n+++\n",
    );
    let err = common::build_fails(&root);
    assert!(
        err.contains("--> content/learning/flat.md:3:1")
            && err.contains("`themes` is a taxonomy of this site: move the line into the page's taxonomies table"),
        "{err}"
    );
}
