//! Features, one tiny site per behaviour.
//!
//! Each site is `tests/fixtures/features/_skeleton` (a config, a home page and plain
//! `base`/`index`/`section`/`page` templates) with `tests/fixtures/features/<feature>/`
//! laid over it, so a fixture holds only the files its behaviour needs. Every test builds
//! its site with the real binary, snapshots the HTML that matters (the inside of
//! `<main>`), and asserts the key facts directly, so a snapshot accepted by mistake
//! still cannot hide a regression. Every HTML file written is also checked for the
//! basics the theme relies on: unique ids, in-page links that land, no inline styles or
//! scripts, alt text, header cells with `scope`, one `h1`, no skipped heading levels.

use crate::common;

mod builtins;
mod highlighting;
mod images;
mod listings;
mod pasted_html;
mod templated;
mod zola_assets;
mod zola_markdown;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// A feature site, built.
struct Built {
    _tmp: TempDir,
    root: PathBuf,
    stderr: String,
}

impl Built {
    /// Builds `features/<name>` with extra arguments; the build must succeed.
    fn with(name: &str, args: &[&str]) -> Built {
        let (tmp, root) = feature(name);
        Built::at(tmp, root, name, args)
    }

    /// Builds a feature site already copied (and perhaps changed) by the test.
    fn at(tmp: TempDir, root: PathBuf, name: &str, args: &[&str]) -> Built {
        let out = common::run(common::on("build", &root).args(args));
        assert!(
            out.status.success(),
            "{name}: build failed:\n{}\n{}",
            out.stdout,
            out.stderr
        );
        let built = Built {
            _tmp: tmp,
            root,
            stderr: out.stderr,
        };
        check_every_page(&built.public());
        built
    }

    /// Builds `features/<name>`; the build must succeed with no warnings.
    fn new(name: &str) -> Built {
        let built = Built::with(name, &[]);
        assert!(
            !built.stderr.contains("warning"),
            "{name}: unexpected warnings:\n{}",
            built.stderr
        );
        built
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// What is inside `<main>` in an output file: the part a feature changes.
    fn main(&self, rel: &str) -> String {
        main_of(&self.read(rel))
    }

    fn doc(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }
}

/// A copy of the skeleton with `features/<name>` laid over it.
fn feature(name: &str) -> (TempDir, PathBuf) {
    let dir = common::fixtures().join("features").join(name);
    assert!(dir.is_dir(), "no fixture {}", dir.display());
    let (tmp, root) = common::site("features/_skeleton");
    common::copy_tree(&dir, &root);
    (tmp, root)
}

fn main_of(html: &str) -> String {
    let start = html.find("<main>").expect("a <main> element") + "<main>".len();
    let end = html.rfind("</main>").expect("a </main>");
    html[start..end].trim().to_string()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

fn all<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = all(doc, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

fn text(e: ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    all(doc, css).into_iter().map(text).collect()
}

fn attr(e: ElementRef, name: &str) -> String {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("no {name} on {}", e.html()))
        .to_string()
}

fn attrs(doc: &Html, css: &str, name: &str) -> Vec<String> {
    all(doc, css).into_iter().map(|e| attr(e, name)).collect()
}

/// The basic soundness checks, on every HTML file of a build.
fn check_every_page(public: &Path) {
    for (rel, bytes) in common::read_tree(public) {
        if rel.ends_with(".html") {
            check_page(&rel, &String::from_utf8(bytes).expect("UTF-8 output"));
        }
    }
}

fn check_page(rel: &str, html: &str) {
    let doc = Html::parse_document(html);
    let lang = all(&doc, "html[lang]");
    assert_eq!(lang.len(), 1, "{rel}: <html> has no lang");
    let mut ids = HashSet::new();
    for e in all(&doc, "[id]") {
        let id = attr(e, "id");
        assert!(ids.insert(id.clone()), "{rel}: the id `{id}` is used twice");
    }
    for a in all(&doc, "a[href^='#']") {
        let target = &attr(a, "href")[1..];
        assert!(
            ids.contains(target),
            "{rel}: link to #{target}, which is not on the page"
        );
    }
    if let Some(e) = all(&doc, "[style], style, script").first() {
        panic!("{rel}: inline style or script: {}", e.html());
    }
    for img in all(&doc, "img") {
        assert!(
            img.value().attr("alt").is_some(),
            "{rel}: image without alt: {}",
            img.html()
        );
    }
    for th in all(&doc, "th") {
        assert!(
            th.value().attr("scope").is_some(),
            "{rel}: header cell without scope: {}",
            th.html()
        );
    }
    if html.contains("http-equiv=\"refresh\"") {
        return; // a redirect page has no headings
    }
    let levels: Vec<usize> = all(&doc, "h1, h2, h3, h4, h5, h6")
        .into_iter()
        .map(|h| h.value().name()[1..].parse().expect("heading level"))
        .collect();
    assert_eq!(
        levels.iter().filter(|&&l| l == 1).count(),
        1,
        "{rel}: not exactly one h1: {levels:?}"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{rel}: heading levels skip from h{} to h{}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn sections_list_their_pages_and_subsections() {
    let site = Built::new("sections");
    for rel in [
        "index.html",
        "about/index.html",
        "reports/index.html",
        "reports/annual/index.html",
        "reports/scrutiny/index.html",
        "reports/archive/index.html",
        "reports/archive/old/index.html",
    ] {
        assert!(site.exists(rel), "no {rel}");
    }
    let reports = site.doc("reports/index.html");
    assert_eq!(
        texts(&reports, "ul.pages li"),
        ["Annual report", "Scrutiny report"]
    );
    assert_eq!(
        attrs(&reports, "ul.pages a", "href"),
        [
            "https://example.org/reports/annual/",
            "https://example.org/reports/scrutiny/"
        ]
    );
    assert_eq!(texts(&reports, "ul.subsections li"), ["Archive (1 pages)"]);
    assert_eq!(
        text(one(&reports, "p.description")),
        "What the partnership has published"
    );
    assert!(
        site.main("reports/index.html")
            .contains("<strong>published</strong>")
    );

    let home = site.doc("index.html");
    assert_eq!(texts(&home, "ul.pages li"), ["About us"]);
    assert_eq!(texts(&home, "ul.subsections li"), ["Reports (2 pages)"]);
    let old = site.doc("reports/archive/old/index.html");
    assert_eq!(
        text(one(&old, "p.ancestors")),
        "_index.md > reports/_index.md > reports/archive/_index.md"
    );
    insta::assert_snapshot!("sections_reports", site.main("reports/index.html"));
}

#[test]
fn page_bundles_copy_their_files_beside_the_page() {
    let site = Built::new("page_bundles");
    let source = site.root.join("content/reports/annual-2025");
    for asset in ["chart.png", "docs/summary.pdf"] {
        let copied =
            std::fs::read(site.public().join("reports/annual-2025").join(asset)).expect(asset);
        assert_eq!(
            copied,
            std::fs::read(source.join(asset)).expect("source"),
            "{asset} not copied as is"
        );
    }
    assert!(
        site.exists("reports/logo.svg"),
        "a section's own files are copied too"
    );
    assert!(
        !site.exists("reports/annual-2025/index.md"),
        "Markdown is not copied"
    );
    let page = site.doc("reports/annual-2025/index.html");
    assert_eq!(attr(one(&page, "img"), "src"), "chart.png");
    assert_eq!(attr(one(&page, "main p a"), "href"), "docs/summary.pdf");
    assert_eq!(
        texts(&page, "ul.assets li"),
        // As Zola names them: from the content folder.
        [
            "/reports/annual-2025/chart.png",
            "/reports/annual-2025/docs/summary.pdf"
        ]
    );
    assert_eq!(text(one(&page, "p.colocated")), "reports/annual-2025/");
    // Relative links from the page must land on the copied files.
    assert!(site.exists("reports/annual-2025/chart.png"));
    insta::assert_snapshot!("page_bundle", site.main("reports/annual-2025/index.html"));
}

#[test]
fn toml_and_yaml_front_matter_give_the_same_page() {
    let site = Built::new("front_matter");
    let toml = site.main("toml/index.html");
    let yaml = site.main("yaml/index.html");
    assert_eq!(yaml.replace("YAML", "TOML").replace("---", "+++"), toml);
    let doc = site.doc("toml/index.html");
    assert_eq!(
        texts(&doc, "dd"),
        [
            "Front matter between +++ lines",
            "2025-03-31 (2025-3-31)",
            "2025-04-02",
            "3",
            "Ann Smith",
            "parents"
        ]
    );
    assert!(
        toml.contains("<em>body</em>"),
        "the body is the Markdown after the front matter"
    );
    assert!(
        !toml.contains("title ="),
        "front matter is not rendered as text"
    );
    let month = site.doc("month/index.html");
    assert_eq!(texts(&month, "dd")[1], "2020-06 (2020-6-1)");
    insta::assert_snapshot!("front_matter_toml", toml);
}

#[test]
fn tables_have_header_cells_with_scope_and_alignment_classes() {
    let site = Built::new("tables");
    let doc = site.doc("table/index.html");
    let tables = all(&doc, "table");
    assert_eq!(tables.len(), 2);
    assert_eq!(all(&doc, "thead th[scope=col]").len(), 6);
    assert_eq!(all(&doc, "tbody th").len(), 0, "body cells are data cells");
    let first = Html::parse_fragment(&tables[0].html());
    assert_eq!(
        all(&first, "thead th")
            .into_iter()
            .map(|th| th.value().attr("class").unwrap_or("").to_string())
            .collect::<Vec<_>>(),
        ["align-left", "align-right", "align-center", ""]
    );
    assert_eq!(
        attrs(&first, "tbody tr:first-child td[class]", "class"),
        ["align-left", "align-right", "align-center"]
    );
    assert!(all(&first, "tbody td em").len() == 1 && all(&first, "tbody td code").len() == 1);
    insta::assert_snapshot!("tables", site.main("table/index.html"));
}

#[test]
fn footnotes_link_both_ways() {
    let site = Built::new("footnotes");
    let doc = site.doc("notes/index.html");
    // Three notes referenced, four references; the unused definition is left out.
    let refs = all(&doc, "sup.footnote-reference a[role=doc-noteref]");
    assert_eq!(texts(&doc, "sup.footnote-reference"), ["1", "1", "2", "3"]);
    assert_eq!(
        refs.iter().map(|a| attr(*a, "href")).collect::<Vec<_>>(),
        ["#fn-act", "#fn-act", "#fn-wt", "#fn-old-guidance"]
    );
    let items = all(&doc, "section.footnotes[role=doc-endnotes] ol > li");
    assert_eq!(items.len(), 3);
    assert!(!site.main("notes/index.html").contains("Never referenced"));
    // Every reference has a link back to it, from its note.
    let backs = attrs(&doc, "a.footnote-backref[role=doc-backlink]", "href");
    let ref_ids = attrs(&doc, "sup.footnote-reference", "id");
    assert_eq!(
        backs,
        ref_ids
            .iter()
            .map(|id| format!("#{id}"))
            .collect::<Vec<_>>(),
        "one back-link per reference, in order"
    );
    assert_eq!(
        attrs(&doc, "a.footnote-backref", "aria-label"),
        [
            "Back to reference 1",
            "Back to reference 1 (2)",
            "Back to reference 2",
            "Back to reference 3"
        ]
    );
    // Labels match without regard to case or spacing ([^WT] → [^wt]:, [^Old Guidance]).
    assert!(text(items[1]).contains("Working Together to Safeguard Children 2023"));
    // Inside a note, links and code work as anywhere else.
    assert_eq!(
        attr(one(&doc, "#fn-act a:not(.footnote-backref)"), "href"),
        "https://example.org/sources/#act-2017"
    );
    assert!(
        !all(&doc, "#fn-old-guidance pre code .hl-source").is_empty(),
        "code in a note is highlighted"
    );
    insta::assert_snapshot!("footnotes", site.main("notes/index.html"));
}

#[test]
fn strikethrough_becomes_del() {
    let site = Built::new("strikethrough");
    let doc = site.doc("strike/index.html");
    assert_eq!(texts(&doc, "main p del"), ["on Tuesday"]);
    insta::assert_snapshot!("strikethrough", site.main("strike/index.html"));
}

#[test]
fn task_lists_have_labelled_read_only_checkboxes() {
    let site = Built::new("task_lists");
    let doc = site.doc("tasks/index.html");
    let boxes = all(&doc, "li > input[type=checkbox]");
    assert_eq!(boxes.len(), 2, "the ordinary item has no checkbox");
    assert!(boxes.iter().all(|b| b.value().attr("disabled").is_some()));
    assert_eq!(
        boxes
            .iter()
            .map(|b| b.value().attr("checked").is_some())
            .collect::<Vec<_>>(),
        [true, false]
    );
    assert_eq!(
        boxes
            .iter()
            .map(|b| attr(*b, "aria-label"))
            .collect::<Vec<_>>(),
        ["Done", "Not done"]
    );
    insta::assert_snapshot!("task_lists", site.main("tasks/index.html"));
}

#[test]
fn smart_punctuation_is_on_by_default() {
    let site = Built::new("smart_punctuation");
    let doc = site.doc("quotes/index.html");
    let paras = texts(&doc, "main p");
    assert_eq!(
        paras[0],
        "\u{201c}Children\u{2019}s safety\u{201d} \u{2013} the partnership\u{2019}s \u{2018}first\u{2019} duty \u{2014} always\u{2026}"
    );
    assert_eq!(
        paras[1], "\"code\" stays -- straight",
        "code is never changed"
    );
    insta::assert_snapshot!("smart_punctuation", site.main("quotes/index.html"));
}

#[test]
fn smart_punctuation_can_be_turned_off() {
    let site = Built::new("smart_punctuation_off");
    let doc = site.doc("quotes/index.html");
    assert_eq!(
        texts(&doc, "main p")[0],
        "\"Children's safety\" -- the partnership's 'first' duty --- always..."
    );
}

#[test]
fn headings_get_unique_ids_and_their_attributes() {
    let site = Built::new("heading_ids");
    let doc = site.doc("headings/index.html");
    assert_eq!(
        attrs(&doc, "main h2", "id"),
        [
            "what-we-do",
            "what-we-do-1",
            "what-we-do-2",
            "who-s-who-why",
            "contact-us",
            // `{#contact-us}` comes later in the file, but its id is taken first.
            "contact-us-1",
            "config-toml-settings",
            "2024-25-priorities",
        ]
    );
    let contact = one(&doc, "#contact-us");
    assert_eq!(attr(contact, "class"), "highlight wide");
    assert_eq!(attr(contact, "data-section"), "contact");
    assert_eq!(text(contact), "Contact");
    insta::assert_snapshot!("heading_ids", site.main("headings/index.html"));
}

#[test]
fn a_heading_id_given_twice_is_a_warning() {
    let (_tmp, root) = feature("heading_ids");
    common::write(
        &root,
        "content/twice.md",
        "+++\ntitle = \"Twice\"\n+++\n## One {#same}\n\n## Two {#same}\n",
    );
    let out = common::run(&mut common::on("check", &root));
    let stderr = out.stderr;
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("two headings have the id `same`"),
        "{stderr}"
    );
    assert!(stderr.contains("content/twice.md:6:1"), "{stderr}");
}

#[test]
fn table_of_contents_is_nested() {
    let site = Built::new("toc");
    let doc = site.doc("guide/index.html");
    assert_eq!(
        texts(&doc, "nav > ol > li > a"),
        ["Before you start", "Making a referral", "After a referral"]
    );
    assert_eq!(
        texts(&doc, "nav > ol > li:first-child > ol > li > a"),
        ["What you need", "Who can help"]
    );
    assert_eq!(texts(&doc, "nav ol ol ol > li > a"), ["Out of hours"]);
    assert_eq!(
        attrs(&doc, "nav > ol > li > a", "href")[0],
        "https://example.org/guide/#before-you-start"
    );
    // Every entry points at a heading of the page.
    for href in attrs(&doc, "nav ol ol a", "href") {
        assert_eq!(all(&doc, &format!("main {href}")).len(), 1, "{href}");
    }
    insta::assert_snapshot!("toc", site.main("guide/index.html"));
}

#[test]
fn anchor_links_follow_config_and_section_settings() {
    let site = Built::new("anchor_links");
    // The heading's HTML as written (scraper would reorder attributes), and its id.
    let link = |rel: &str| -> (String, String) {
        let main = site.main(rel);
        let h2 = main.split("<h2").nth(1).expect("an h2");
        let (open, rest) = h2.split_once('>').expect(">");
        let id = open
            .split("id=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("id");
        (
            rest.split("</h2>").next().expect("</h2>").to_string(),
            id.to_string(),
        )
    };
    let (right, id) = link("right/index.html");
    assert_eq!(id, "our-priorities");
    assert_eq!(
        right,
        "Our priorities <a class=\"anchor-link\" href=\"#our-priorities\" aria-label=\"Link to this section\">#</a>",
        "[markdown] insert_anchor_links = \"right\""
    );
    let (left, _) = link("left/page/index.html");
    assert!(
        left.starts_with("<a class=\"anchor-link\" href=\"#our-priorities\""),
        "section says left: {left}"
    );
    assert!(left.ends_with("Our priorities"), "{left}");
    let (section_own, _) = link("left/index.html");
    assert!(
        section_own.starts_with("<a class=\"anchor-link\" href=\"#section-heading\""),
        "{section_own}"
    );
    let (heading, _) = link("heading/nested/page/index.html");
    assert_eq!(
        heading, "<a class=\"heading-link\" href=\"#our-priorities\">Our priorities</a>",
        "inherited from the nearest section that sets it"
    );
    let nested = site.doc("heading/nested/page/index.html");
    assert_eq!(
        attrs(&nested, "#read-the-arrangements a", "href"),
        ["https://example.org/right/"],
        "a heading that holds a link is not wrapped in another"
    );
    let (none, _) = link("none/page/index.html");
    assert_eq!(none, "Our priorities");
    let pages = [
        "right/index.html",
        "left/page/index.html",
        "heading/nested/page/index.html",
        "none/page/index.html",
    ];
    let all_four = pages
        .map(|rel| format!("{rel}:\n{}", site.main(rel)))
        .join("\n\n");
    insta::assert_snapshot!("anchor_links", all_four);
}

#[test]
fn shortcodes_render_inline_and_with_a_body() {
    let site = Built::new("shortcodes");
    let main = site.main("contact/index.html");
    let doc = site.doc("contact/index.html");
    // Inline `.md` and `.html` shortcodes stay inside their sentence, with no stray space.
    let first = one(&doc, "main > p:first-of-type");
    assert_eq!(
        text(first),
        "Call us on 0123 456 7890. Urgent cases are marked Urgent (3) and new ones New."
    );
    assert_eq!(
        attr(one(&doc, "a[href^='tel:']"), "href"),
        "tel:01234567890"
    );
    // `nth` counts calls of each shortcode separately.
    assert_eq!(attrs(&doc, "strong.badge", "data-nth"), ["1", "2", "3"]);
    assert_eq!(attrs(&doc, "div.note", "data-nth"), ["1", "2"]);
    assert_eq!(
        attrs(&doc, "div.note", "class"),
        ["note note-info", "note note-warning"]
    );
    // A body is Markdown; an `@/` link in it is resolved.
    assert_eq!(
        attr(one(&doc, "div.note-info a"), "href"),
        "https://example.org/arrangements/"
    );
    assert_eq!(texts(&doc, "div.note-info strong"), ["five minutes"]);
    assert!(
        !main.contains("<p><div"),
        "a body shortcode is not wrapped in a paragraph"
    );
    // `.md` shortcodes are rendered with the page's Markdown.
    assert_eq!(
        texts(&doc, "blockquote p"),
        ["They listened to us.", "\u{2014} A parent"]
    );
    // In a heading: the HTML goes in, the id and contents entry come from the text.
    let heading = one(&doc, "main h2");
    assert_eq!(attr(heading, "id"), "opening-hours");
    assert_eq!(texts(&doc, "main h2 strong.badge"), ["Updated"]);
    // Code is left alone.
    assert!(
        main.contains("<code>{{ badge(label=\"code\") }}</code>"),
        "{main}"
    );
    assert!(
        main.contains("{% note(kind=&quot;none&quot;) %}not a shortcode here{% end %}"),
        "{main}"
    );
    assert!(
        !main.contains("safesiteshortcode"),
        "no placeholder left behind"
    );
    insta::assert_snapshot!("shortcodes", main);
}

#[test]
fn unknown_shortcode_names_the_known_ones() {
    let (_tmp, root) = feature("shortcodes");
    common::write(
        &root,
        "content/typo.md",
        "+++\ntitle = \"Typo\"\n+++\nSee {{ bagde(label=\"x\") }}.\n",
    );
    let stderr = common::build_fails(&root);
    assert!(stderr.contains("unknown shortcode `bagde`"), "{stderr}");
    assert!(stderr.contains("did you mean `badge`?"), "{stderr}");
    assert!(stderr.contains("content/typo.md:4:5"), "{stderr}");
}

#[test]
fn external_links_get_the_attributes_zola_gives_them() {
    let (tmp, root) = feature("internal_links");
    common::write(
        &root,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\n[markdown]\nexternal_links_class = \"ext\"\nexternal_links_target_blank = true\nexternal_links_no_follow = true\nexternal_links_no_referrer = true\n",
    );
    let site = Built::at(tmp, root, "internal_links", &[]);
    assert!(!site.stderr.contains("warning"), "{}", site.stderr);
    let html = site.read("links/index.html");
    assert!(
        html.contains("<a href=\"https://www.gov.uk/\" class=\"ext\" target=\"_blank\" rel=\"noopener nofollow noreferrer external\">An outside page</a>"),
        "{html}"
    );
    // Links within the site are left alone.
    assert!(
        html.contains("<a href=\"https://example.org/reports/\">"),
        "{html}"
    );
}

#[test]
fn an_external_links_class_with_a_quote_is_an_error_at_its_line() {
    let (_tmp, root) = feature("internal_links");
    common::write(
        &root,
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"T\"\n[markdown]\nexternal_links_class = 'a\" onclick=\"x'\n",
    );
    let out = common::build_fails(&root);
    assert!(
        out.contains("external_links_class cannot hold quotes") && out.contains("config.toml:4:"),
        "{out}"
    );
}

#[test]
fn internal_links_become_permalinks() {
    let site = Built::new("internal_links");
    let doc = site.doc("links/index.html");
    assert_eq!(
        attrs(&doc, "main li a", "href"),
        [
            "https://example.org/reports/annual/#summary",
            "https://example.org/reports/",
            "https://example.org/new-name/",
            "https://example.org/reports/bundle/#findings",
            "/files/leaflet.txt",
            "https://www.gov.uk/",
            "#further",
        ]
    );
    assert_eq!(attr(one(&doc, "a[title]"), "title"), "The findings");
    assert!(site.exists("files/leaflet.txt"));
    insta::assert_snapshot!("internal_links", site.main("links/index.html"));
}

#[test]
fn relative_links_are_checked_where_a_browser_would_go() {
    let (_tmp, root) = feature("internal_links");
    std::fs::create_dir_all(root.join("content/reports/minutes")).expect("mkdir");
    std::fs::write(
        root.join("content/reports/minutes/May 2025.pdf"),
        b"%PDF-1.4",
    )
    .expect("pdf");
    common::write(
        &root,
        "content/reports/minutes/index.md",
        "+++\ntitle = \"Minutes\"\n+++\n[May](May%202025.pdf), [the same](./May%202025.pdf), [reports](../), [all](../../reports/)\n\n![Chart](chart.png) [contacts](../contacts.md) [NSPCC](www.nspcc.org.uk)\n",
    );
    let stderr = common::build_ok(&root);
    let warned: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: the link"))
        .collect();
    assert_eq!(
        warned,
        [
            "warning: the link chart.png leads to /reports/minutes/chart.png, which matches no page or file of this site",
            "warning: the link ../contacts.md names a Markdown file, which is not an address of the site",
            "warning: the link www.nspcc.org.uk has no https:// at the start, so it leads to /reports/minutes/www.nspcc.org.uk on this site",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("content/reports/minutes/index.md:6:1"),
        "{stderr}"
    );
    assert!(stderr.contains("https://www.nspcc.org.uk"), "{stderr}");
}

#[test]
fn internal_link_to_a_missing_anchor_fails_the_build() {
    let (_tmp, root) = feature("internal_links");
    common::write(
        &root,
        "content/bad.md",
        "+++\ntitle = \"Bad\"\n+++\nSee [it](@/reports/annual.md#sumary).\n",
    );
    let stderr = common::build_fails(&root);
    assert!(
        stderr.contains("content/reports/annual.md has no heading with the id `sumary`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean #summary?"), "{stderr}");
    assert!(stderr.contains("content/bad.md:4:5"), "{stderr}");
    assert!(!root.join("public").exists(), "nothing is written");
}

#[test]
fn code_is_highlighted_with_classes_and_unknown_languages_stay_plain() {
    let site = Built::with("highlighting", &[]);
    let main = site.main("code/index.html");
    let doc = site.doc("code/index.html");
    let blocks = all(&doc, "pre > code");
    assert_eq!(blocks.len(), 6);
    assert_eq!(attr(blocks[0], "data-lang"), "toml");
    assert_eq!(
        attr(blocks[1], "data-lang"),
        "rust",
        "options after a comma are not the language"
    );
    for (i, block) in blocks.iter().enumerate() {
        let spans = Html::parse_fragment(&block.inner_html());
        let highlighted = !all(&spans, "span[class^='hl-']").is_empty();
        assert_eq!(highlighted, i < 2 || i == 5, "block {i}: {}", block.html());
    }
    assert!(
        main.contains("&lt;safe&gt; &amp; sound"),
        "highlighted code is escaped"
    );
    assert!(main.contains("No language: &lt;plain&gt; &amp; escaped."));
    assert!(
        main.contains("Qapla&#39; &lt;b&gt;not bold&lt;/b&gt;"),
        "unknown language: escaped, not highlighted"
    );
    assert!(main.contains("indented code &lt;stays&gt; plain"));
    assert_eq!(attr(blocks[5], "data-lang"), "text");
    assert!(text(blocks[5]).contains("<kept> escaped"));
    assert!(!main.contains("style="), "no inline styles");
    // One warning, for the unknown language, pointing at its fence.
    assert_eq!(
        site.stderr.matches("warning:").count(),
        1,
        "{}",
        site.stderr
    );
    assert!(
        site.stderr
            .contains("no highlighting grammar for the language `klingon`"),
        "{}",
        site.stderr
    );
    assert!(
        site.stderr.contains("content/code.md:19:1"),
        "{}",
        site.stderr
    );
    insta::assert_snapshot!("highlighting", main);
}

#[test]
fn highlighting_can_be_turned_off_and_takes_zola_022_config() {
    let off = Built::new("highlighting_off");
    let doc = off.doc("code/index.html");
    let code = one(&doc, "pre > code.language-toml");
    assert!(!code.inner_html().contains("<span"), "{}", code.html());
    let class = Built::new("highlighting_class");
    let doc = class.doc("code/index.html");
    assert!(!all(&doc, "pre > code span.hl-source").is_empty());
}

#[test]
fn a_theme_and_site_headers_file_merge_with_safesites() {
    let (tmp, root) = feature("themes");
    common::write(
        &root,
        "themes/plain/static/_headers",
        "/*\n  X-Frame-Options: DENY\n  Referrer-Policy: same-origin\n/fonts/*\n  Cache-Control: max-age=31536000\n",
    );
    common::write(
        &root,
        "static/_headers",
        "/*\n  Referrer-Policy: strict-origin\n",
    );
    let site = Built::at(tmp, root, "themes", &[]);
    assert!(!site.stderr.contains("two things"), "{}", site.stderr);
    let headers = site.read("_headers");
    let all_paths = &headers[headers.find("/*\n").expect("a /* rule")..];
    let all_paths = &all_paths[..all_paths.find("\n\n").unwrap_or(all_paths.len())];
    assert!(
        all_paths.contains("Content-Security-Policy: default-src 'self'"),
        "safesite's policy stays: {headers}"
    );
    assert!(all_paths.contains("X-Frame-Options: DENY"), "{headers}");
    assert!(
        all_paths.contains("Referrer-Policy: strict-origin")
            && !all_paths.contains("no-referrer")
            && !all_paths.contains("same-origin"),
        "the site's rule wins over the theme's and safesite's: {headers}"
    );
    assert!(
        headers.contains("/fonts/*\n  Cache-Control: max-age=31536000"),
        "{headers}"
    );
    assert!(
        headers.contains("/search/*\n  ! Content-Security-Policy"),
        "{headers}"
    );
}

#[test]
fn site_templates_override_theme_templates_and_static_files() {
    let (tmp, root) = feature("themes");
    // Made here, not kept in the fixture, where a global gitignore could drop them.
    common::write(&root, "static/css/style.css~", "editor backup");
    common::write(&root, "static/.nojekyll", "");
    common::write(&root, "static/.DS_Store", "finder");
    std::fs::create_dir_all(root.join("static/.git")).expect("mkdir");
    common::write(&root, "static/.git/config", "[core]");
    let site = Built::at(tmp, root, "themes", &[]);
    let ordinary = site.read("ordinary/index.html");
    assert!(
        ordinary.contains("class=\"from-site\""),
        "site page.html wins: {ordinary}"
    );
    assert!(!ordinary.contains("THEME PAGE TEMPLATE"));
    let special = site.doc("special/index.html");
    assert_eq!(
        text(one(&special, "p.from-theme")),
        "Rendered by the theme's special.html."
    );
    assert_eq!(
        text(one(&special, "p.extra")),
        "blue / from theme.toml / from config.toml",
        "config.toml [extra] wins over theme.toml [extra], which fills the gaps"
    );
    // Static files: the theme's, then the site's on top.
    assert_eq!(site.read("css/style.css"), "/* site style.css */\n");
    assert_eq!(site.read("css/print.css"), "/* theme print.css */\n");
    assert!(site.exists("img/logo.svg"));
    assert!(
        !site.exists("css/style.css~"),
        "editor backups are not copied"
    );
    // Dot-files are published, as Zola and Hugo do; what a computer leaves behind is not.
    assert!(site.exists(".nojekyll"));
    assert!(!site.exists(".DS_Store") && !site.exists(".git/config"));
    insta::assert_snapshot!("theme_special_page", site.main("special/index.html"));
}

#[test]
fn sitemap_robots_feed_and_404_are_written() {
    let site = Built::new("special_files");
    let sitemap = site.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().expect("</loc>"))
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/",
            "https://example.org/about/",
            "https://example.org/hidden/page/",
            "https://example.org/reports/",
            "https://example.org/reports/newer/",
            "https://example.org/reports/older/",
        ],
        "sorted, without the section that is not rendered"
    );
    assert!(sitemap.contains(
        "<loc>https://example.org/reports/older/</loc>\n    <lastmod>2024-07-10</lastmod>"
    ));
    assert!(site.exists("hidden/page/index.html"));
    assert!(!site.exists("hidden/index.html"), "render = false");
    insta::assert_snapshot!("sitemap", sitemap);

    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    );

    let feed = site.read("atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(
        feed.contains("<title>Safeguarding &amp; Partnership</title>"),
        "escaped: {feed}"
    );
    assert!(
        feed.contains("<author><name>Safeguarding &amp; Partnership</name></author>"),
        "Atom requires an author"
    );
    let entries: Vec<&str> = feed.split("<entry").skip(1).collect();
    assert_eq!(entries.len(), 2, "only dated pages are in the feed");
    assert!(
        entries[0].contains("<id>https://example.org/reports/newer/</id>"),
        "newest first"
    );
    assert!(entries[1].contains("<updated>2024-07-10T00:00:00Z</updated>"));
    assert!(
        entries[1].contains("<summary type=\"html\">&lt;p&gt;A summary of the year.&lt;/p&gt;")
    );
    assert!(
        feed.contains("<updated>2025-06-30T00:00:00Z</updated>\n  <author>"),
        "feed updated = newest entry"
    );
    insta::assert_snapshot!("atom", feed);

    let not_found = site.doc("404.html");
    assert_eq!(text(one(&not_found, "h1")), "Page not found");
    assert_eq!(
        attr(one(&not_found, "main a"), "href"),
        "https://example.org/"
    );
}

#[test]
fn sitemap_robots_and_feed_can_be_turned_off() {
    let (_tmp, root) = feature("special_files");
    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    std::fs::write(
        root.join("config.toml"),
        format!("{config}generate_sitemap = false\ngenerate_robots_txt = false\ngenerate_feeds = false\n"),
    )
    .expect("write");
    common::build_ok(&root);
    for gone in ["sitemap.xml", "robots.txt", "atom.xml"] {
        assert!(!root.join("public").join(gone).exists(), "{gone} written");
    }
    assert!(root.join("public/404.html").exists());
}

#[test]
fn aliases_write_redirect_pages() {
    let site = Built::new("aliases");
    for (rel, to) in [
        (
            "old-address/index.html",
            "https://example.org/reports/annual/",
        ),
        (
            "old/annual-report.html",
            "https://example.org/reports/annual/",
        ),
        (
            "2019/report/index.html",
            "https://example.org/reports/annual/",
        ),
        ("publications/index.html", "https://example.org/reports/"),
    ] {
        let doc = site.doc(rel);
        assert_eq!(
            attr(one(&doc, "meta[http-equiv=refresh]"), "content"),
            format!("0; url={to}"),
            "{rel}"
        );
        assert_eq!(attr(one(&doc, "link[rel=canonical]"), "href"), to, "{rel}");
        assert_eq!(
            attr(one(&doc, "meta[name=robots]"), "content"),
            "noindex",
            "{rel}"
        );
        assert_eq!(
            attr(one(&doc, "main a"), "href"),
            to,
            "{rel}: a link for when refresh is off"
        );
    }
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("old-address"),
        "aliases are not in the sitemap"
    );
    insta::assert_snapshot!("alias", site.read("old-address/index.html"));
}

#[test]
fn two_sources_for_one_output_file_fail_the_build() {
    let (_tmp, root) = feature("aliases");
    common::write(
        &root,
        "content/other.md",
        "+++\ntitle = \"Other\"\naliases = [\"/old-address/\"]\n+++\n",
    );
    std::fs::create_dir_all(root.join("static/reports")).expect("mkdir");
    common::write(&root, "static/reports/index.html", "static");
    let stderr = common::build_fails(&root);
    assert!(
        stderr.contains("two things would be written to old-address/index.html: an alias in content/other.md and an alias in content/reports/annual.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/reports/annual.md:3:1"),
        "points at the aliases line: {stderr}"
    );
    assert!(
        stderr.contains("two things would be written to reports/index.html: the section content/reports/_index.md and the file static/reports/index.html"),
        "{stderr}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Built::new("drafts");
    assert!(site.exists("reports/published/index.html"));
    assert!(!site.exists("reports/unfinished/index.html"));
    assert!(!site.exists("plans/index.html"), "a draft section");
    assert_eq!(
        texts(&site.doc("reports/index.html"), "ul.pages li"),
        ["Published report"]
    );
    assert!(!site.read("sitemap.xml").contains("unfinished"));

    let with = Built::with("drafts", &["--drafts"]);
    assert!(with.exists("reports/unfinished/index.html"));
    assert!(with.exists("plans/index.html"));
    assert_eq!(
        texts(&with.doc("reports/index.html"), "ul.pages li"),
        ["Published report", "Unfinished report"]
    );
}

#[test]
fn a_link_to_a_draft_fails_unless_drafts_are_built() {
    let (_tmp, root) = feature("drafts");
    common::write(
        &root,
        "content/reports/linker.md",
        "+++\ntitle = \"Linker\"\n+++\nSee [the draft](@/reports/unfinished.md).\n",
    );
    let stderr = common::build_fails(&root);
    assert!(
        stderr.contains("which is a draft and is not published"),
        "{stderr}"
    );
    let out = common::run(common::on("build", &root).arg("--drafts"));
    assert!(out.status.success(), "{}", out.stderr);
}

#[test]
fn sort_by_orders_pages_and_links_neighbours() {
    let site = Built::new("sorting");
    let order = |section: &str| texts(&site.doc(&format!("{section}/index.html")), "ul.pages li");
    assert_eq!(
        order("by-date"),
        ["Newest", "Middle", "Oldest", "Undated"],
        "newest first, undated last"
    );
    assert_eq!(
        order("by-title"),
        ["Alpha", "Bravo", "charlie"],
        "A to Z, ignoring case"
    );
    assert_eq!(
        order("by-weight"),
        ["First", "Second", "Third"],
        "lightest first"
    );
    let neighbours = |rel: &str| {
        let doc = site.doc(rel);
        (text(one(&doc, "p.lower")), text(one(&doc, "p.higher")))
    };
    // As in Zola: `lower` comes before in the section's order (newer, lighter, A-wards),
    // `higher` after (older, heavier), so a Zola theme's previous/next links work as is.
    assert_eq!(
        neighbours("by-date/b/index.html"),
        ("none".into(), "Middle".into())
    );
    assert_eq!(
        neighbours("by-date/a/index.html"),
        ("Newest".into(), "Oldest".into())
    );
    assert_eq!(
        neighbours("by-date/d/index.html"),
        ("Oldest".into(), "none".into())
    );
    assert_eq!(
        neighbours("by-title/c/index.html"),
        ("Alpha".into(), "charlie".into())
    );
    assert_eq!(
        neighbours("by-weight/a/index.html"),
        ("Second".into(), "none".into())
    );
    let doc = site.doc("by-weight/c/index.html");
    assert_eq!(
        attr(one(&doc, "p.lower a"), "href"),
        "https://example.org/by-weight/b/"
    );
    insta::assert_snapshot!("sorting_neighbours", site.main("by-date/a/index.html"));
}

#[test]
fn load_data_reads_every_zola_format() {
    let site = Built::new("load_data");
    let doc = site.doc("index.html");
    assert_eq!(
        text(one(&doc, "p.toml")),
        "Anytown Safeguarding Children Partnership: Anytown and Otherton; Jo Bloggs (lsp)"
    );
    assert_eq!(
        texts(&doc, "ul.json li"),
        ["2025-01-15: Neglect", "2025-03-12: Exploitation & missing"]
    );
    assert_eq!(texts(&doc, "th"), ["area", "service", "phone"]);
    assert_eq!(
        texts(&doc, "tbody tr:first-child td"),
        ["Anytown", "Children's services, front door", "01234 567890"],
        "quoted CSV fields keep their commas"
    );
    assert_eq!(all(&doc, "tbody tr").len(), 2);
    assert_eq!(
        text(one(&doc, "p.optional")),
        "true",
        "required = false: nothing"
    );
    assert_eq!(
        text(one(&doc, "p.yaml")),
        "Dr A Example chairs 4 meetings: Anytown Council, Anytown Police"
    );
    assert_eq!(
        text(one(&doc, "p.xml")),
        "Anytown (Town Hall), Otherton (Civic Centre); 3",
        "attributes as @name, text as #text, repeated elements a list, numbers typed"
    );
    assert_eq!(
        text(one(&doc, "p.bibtex")),
        "wt2023: Working Together to Safeguard Children (December 2023, Department for Education)"
    );
    assert_eq!(text(one(&doc, "p.literal")), "bob as it is");
    assert_eq!(
        text(one(&doc, "p.static")),
        "Opening hours: 9am to 5pm",
        "found in static/, read as plain text (.txt is no data format)"
    );
    insta::assert_snapshot!("load_data", site.main("index.html"));
}

#[test]
fn load_data_refuses_urls_with_what_to_do() {
    let (_tmp, root) = feature("load_data");
    common::write(
        &root,
        "templates/page.html",
        "{% set d = load_data(url=\"https://example.com/feed.json\") %}{{ d }}",
    );
    common::write(&root, "content/a.md", "+++\ntitle = \"A\"\n+++\n");
    let out = common::build_fails(&root);
    assert!(
        out.contains("builds offline, so it does not fetch `https://example.com/feed.json`"),
        "{out}"
    );
    assert!(
        out.contains("help: save the file in the site (such as data/feed.json)"),
        "{out}"
    );
}

#[test]
fn load_data_says_where_a_data_file_is_wrong() {
    let (_tmp, root) = feature("load_data");
    common::write(&root, "data/bad.yaml", "chair: Dr A\nmembers: [one\n");
    common::write(&root, "data/bad.xml", "<offices><office></offices>");
    for (name, call) in [
        ("a", "path=\"data/bad.yaml\""),
        ("b", "path=\"data/bad.xml\""),
        ("c", "literal=\"x\", format=\"ini\""),
    ] {
        common::write(
            &root,
            &format!("templates/{name}.html"),
            &format!("{{{{ load_data({call}) }}}}"),
        );
        common::write(
            &root,
            &format!("content/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\ntemplate = \"{name}.html\"\n+++\n"),
        );
    }
    let out = common::build_fails(&root);
    assert!(
        out.contains("`data/bad.yaml` is not valid YAML (line 3, column 1)"),
        "{out}"
    );
    assert!(out.contains("`data/bad.xml` is not valid XML"), "{out}");
    assert!(
        out.contains("unknown format `ini`; use one of toml, json, csv, yaml"),
        "{out}"
    );
}

#[test]
fn get_url_get_page_and_get_section_find_content() {
    let site = Built::new("lookup_functions");
    let doc = site.doc("index.html");
    assert_eq!(
        texts(&doc, "ul.urls li"),
        [
            "https://example.org/reports/annual/",
            "https://example.org/reports/annual/#summary",
            "https://example.org/reports/",
            "https://example.org/reports",
            "https://example.org/site.css",
            "https://example.org/site.css",
            "https://www.gov.uk/",
            "https://example.org/downloads/",
        ]
    );
    assert_eq!(
        text(one(&doc, "p.missing")),
        "true true",
        "allow_missing=true: nothing for a page or section that is not there"
    );
    assert_eq!(
        text(one(&doc, "p.page")),
        "Annual report: The yearly report (summary)"
    );
    assert_eq!(
        texts(&doc, "ul.section li"),
        ["Annual report", "Scrutiny report"]
    );
}

#[test]
fn more_marker_splits_off_a_summary() {
    let site = Built::new("summary");
    let doc = site.doc("news/index.html");
    let articles = all(&doc, "article");
    assert_eq!(articles.len(), 2);
    let with = articles[0].html();
    assert!(
        with.contains("<p>The partnership has published its <strong>yearly report</strong>.</p>"),
        "{with}"
    );
    assert!(
        !with.contains("The full text"),
        "the summary stops at the marker: {with}"
    );
    assert!(articles[1].html().contains("(no summary)"));
    assert!(
        !with.contains("footnote"),
        "a summary has no references to notes it does not hold: {with}"
    );
    let page = site.main("news/with-more/index.html");
    assert!(page.contains("The full text") && page.contains("yearly report"));
    assert!(
        page.contains("href=\"#fn-1\""),
        "the page keeps its footnote"
    );
    assert!(
        !page.contains("<!-- more -->"),
        "the marker is not in the page"
    );
    insta::assert_snapshot!("summary_listing", site.main("news/index.html"));
}

#[test]
fn slug_and_path_change_the_url() {
    let site = Built::new("slug_path");
    for rel in [
        "reports/meeting-notes/index.html",
        "reports/our-annual-report/index.html",
        "about/the-team/index.html",
        "reports/bundle-slug/index.html",
        "reports/bundle-slug/diagram.svg",
    ] {
        assert!(site.exists(rel), "no {rel}");
    }
    assert!(!site.exists("reports/slugged/index.html"));
    assert!(!site.exists("reports/pathed/index.html"));
    assert_eq!(
        attrs(&site.doc("reports/index.html"), "ul.pages a", "href"),
        [
            "https://example.org/reports/meeting-notes/",
            "https://example.org/reports/bundle-slug/",
            "https://example.org/about/the-team/",
            "https://example.org/reports/our-annual-report/",
        ]
    );
}

#[test]
fn redirect_to_makes_a_section_a_redirect() {
    let site = Built::new("redirect_to");
    let doc = site.doc("old-reports/index.html");
    assert_eq!(
        attr(one(&doc, "meta[http-equiv=refresh]"), "content"),
        "0; url=https://example.org/reports/"
    );
    let doc = site.doc("elsewhere/index.html");
    assert_eq!(
        attr(one(&doc, "link[rel=canonical]"), "href"),
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("old-reports") && !sitemap.contains("elsewhere"),
        "{sitemap}"
    );
}

#[test]
fn benchmark_corpus_builds_unchanged() {
    // The project's own generator (bench/make_corpus.py), which bench/run.sh uses too:
    // the corpus the speed figures are measured on must build without a warning.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/make_corpus.py");
    let tmp = tempfile::tempdir().expect("tmp");
    let corpus = tmp.path().join("corpus");
    let made = std::process::Command::new("python3")
        .arg(&script)
        .args(["--pages", "40", "--out"])
        .arg(&corpus)
        .output()
        .expect("python3 runs (tests/run.sh installs it)");
    assert!(
        made.status.success(),
        "bench/make_corpus.py failed:\n{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let out = common::run(&mut common::on("build", &corpus));
    let (stdout, stderr) = (&out.stdout, &out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    // 40 pages; the sections and their pagers, and the two taxonomies' lists and
    // term pages, are the listings.
    assert!(stdout.starts_with("Built 40 pages, "), "{stdout}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let public = corpus.join("public");
    for listing in ["section-0/page/2", "themes", "agencies"] {
        assert!(
            public.join(listing).join("index.html").is_file(),
            "no {listing}/"
        );
    }
    let themes = Html::parse_document(
        &std::fs::read_to_string(public.join("themes/index.html")).expect("themes"),
    );
    assert!(all(&themes, "li a[href*='/themes/']").len() >= 10);
    check_every_page(&public);
    let pages: Vec<PathBuf> = (0..40)
        .map(|n| public.join(format!("section-0/page-{n}/index.html")))
        .collect();
    assert!(pages.iter().all(|p| p.is_file()));
    let page = std::fs::read_to_string(&pages[0]).expect("page-0");
    let doc = Html::parse_document(&page);
    assert_eq!(all(&doc, "table thead th[scope=col]").len(), 4);
    assert!(!all(&doc, "sup.footnote-reference a[role=doc-noteref]").is_empty());
    assert!(!all(&doc, "section.footnotes a.footnote-backref").is_empty());
    assert!(!all(&doc, "pre > code.language-toml span.hl-source.hl-toml").is_empty());
    assert!(!page.contains("style="));
    // Every page has its table, a footnote and a highlighted block.
    for p in &pages {
        let html = std::fs::read_to_string(p).expect("page");
        assert!(
            html.contains("<th scope=\"col\">Theme</th>"),
            "{}",
            p.display()
        );
        assert!(
            html.contains("class=\"footnote-backref\""),
            "{}",
            p.display()
        );
        assert!(
            html.contains("<span class=\"hl-source hl-toml\">"),
            "{}",
            p.display()
        );
    }
}

#[cfg(feature = "search")]
#[test]
fn the_search_index_is_written_unless_build_search_index_is_false() {
    let (_tmp, root) = common::site("base");
    common::build_ok(&root);
    assert!(root.join("public/pagefind/pagefind-entry.json").is_file());

    let config = std::fs::read_to_string(root.join("config.toml")).expect("config");
    common::write(
        &root,
        "config.toml",
        &format!("build_search_index = false\n{config}"),
    );
    common::build_ok(&root);
    assert!(root.join("public/about/index.html").is_file());
    assert!(
        !root.join("public/pagefind").exists(),
        "Zola's build_search_index = false leaves the index out"
    );
}

/// get_page, get_section and load_data work the same in a shortcode (while the pages are
/// being rendered: fields and neighbours, no content yet) and in a template (with
/// content); get_section with metadata_only=true gives the section without its pages.
#[test]
fn lookups_work_in_shortcodes_and_templates_alike() {
    let site = Built::new("shortcode_lookups");
    let home = site.main("index.html");
    assert!(
        home.contains(
            "<p class=\"shortcode\">Annual report | Later report | Reports, 2 pages | Westmoor Council</p>"
        ),
        "{home}"
    );
    assert!(
        home.contains("<p class=\"template\">Annual report | <p>The year in review.</p>\n | Reports | Westmoor Council</p>"),
        "{home}"
    );
    let later = site.main("reports/later/index.html");
    assert!(
        later.contains("<p class=\"shortcode\">Annual report | Later report | Reports, 2 pages"),
        "{later}"
    );
}

#[test]
fn shortcodes_see_their_page_section_and_language_as_in_zola() {
    // Zola gives a shortcode the page (or section) whose body calls it, `lang` and the
    // language's `config`: themes' image shortcodes read `page.colocated_path`.
    let (_tmp, root) = feature("shortcodes");
    common::write(
        &root,
        "templates/shortcodes/whose.html",
        "<span class=\"whose\">{% if page %}{{ page.title }} {{ page.colocated_path }}{% else %}{{ section.title }}{% endif %} {{ lang }} {{ config.title }}</span>",
    );
    common::append(
        &root,
        "config.toml",
        "\n[languages.pl]\ntitle = \"Partnerstwo\"\n",
    );
    std::fs::create_dir_all(root.join("content/bundle")).expect("mkdir");
    common::write(
        &root,
        "content/bundle/index.md",
        "+++\ntitle = \"A bundle\"\n+++\n\n{{ whose() }}\n",
    );
    common::write(
        &root,
        "content/bundle/index.pl.md",
        "+++\ntitle = \"Pakiet\"\n+++\n\n{{ whose() }}\n",
    );
    common::write(
        &root,
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\n\n{{ whose() }}\n",
    );
    common::build_ok(&root);
    let whose = |rel: &str| {
        let html = std::fs::read_to_string(root.join("public").join(rel)).expect(rel);
        texts(&Html::parse_document(&html), "span.whose")
    };
    let title = "Feature test";
    assert_eq!(
        whose("bundle/index.html"),
        [format!("A bundle bundle/ en-GB {title}")]
    );
    assert_eq!(
        whose("pl/bundle/index.html"),
        ["Pakiet bundle/ pl Partnerstwo"]
    );
    assert_eq!(whose("index.html"), [format!("Home en-GB {title}")]);
}
