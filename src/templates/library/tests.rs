use super::*;
use crate::config::Config;
use crate::templates::bodies::{Body, Packed, PageRender};
use crate::templates::deps::record;

/// A site of `files` (paths under `content/` and their text), loaded and placed.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Arc<Site>) {
    let tmp = tempfile::tempdir().expect("tmp");
    for (rel, text) in files {
        let path = tmp.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let config: Config = toml::from_str("base_url = \"https://x.org\"").expect("config");
    let loaded = crate::load::load(tmp.path(), &config).expect("load");
    let today = jiff::civil::date(2025, 1, 1);
    let (site, _texts, diags) = crate::content::place(loaded, &config, today, false, false);
    assert!(diags.is_empty(), "{diags:?}");
    (tmp, Arc::new(site))
}

/// The config the tests' sites are built with.
fn config() -> Arc<Config> {
    let text = "base_url = \"https://x.org\"\ndefault_language = \"en-GB\"";
    Arc::new(toml::from_str(text).expect("config"))
}

fn title<'v>(v: &'v Value, path: &'v str) -> Option<&'v str> {
    v.get_from_path(path).and_then(Value::as_str)
}

fn three_pages() -> (tempfile::TempDir, Arc<Site>) {
    site(&[
        ("_index.md", "+++\nsort_by = \"weight\"\n+++\n"),
        ("a.md", "+++\ntitle = \"A\"\nweight = 1\n+++\nBody A"),
        ("b.md", "+++\ntitle = \"B\"\nweight = 2\n+++\nBody B"),
        ("c.md", "+++\ntitle = \"C\"\nweight = 3\n+++\nBody C"),
    ])
}

#[test]
fn get_page_gives_the_page_with_its_neighbours_and_is_recorded() {
    let (_tmp, site) = three_pages();
    let library = Library::new(site, config());
    let (b, seen) = record(|| library.page("@/b.md", None));
    let b = b.expect("b");
    assert_eq!(title(&b, "title"), Some("B"));
    assert_eq!(title(&b, "lower.title"), Some("A"));
    assert_eq!(title(&b, "higher.title"), Some("C"));
    assert!(seen.pages.contains("b.md"));
    assert!(library.page("missing.md", None).is_err());
    let all = library.all_pages();
    let titles: Vec<&str> = all
        .as_array()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| title(p, "title"))
        .collect();
    assert_eq!(titles, ["A", "B", "C"]);
}

/// Before the Markdown stage (what shortcodes see), pages have their fields and no
/// content; after it, their HTML.
#[test]
fn content_comes_with_the_renders() {
    let (_tmp, site) = three_pages();
    let before = Library::new(Arc::clone(&site), config());
    let a = before.page("a.md", None).expect("a");
    assert_eq!(title(&a, "content"), Some(""));
    let body = |html: &str| Body {
        content: Packed::new(html),
        ..Body::default()
    };
    let renders = Renders {
        pages: (0..site.pages.len())
            .map(|i| {
                Arc::new(PageRender {
                    body: body(&format!("<p>page {i}</p>")),
                    data: Value::none(),
                    downloads: Value::from(Vec::<Value>::new()),
                })
            })
            .collect(),
        sections: vec![Arc::new(body("<p>home</p>"))],
        recommendations: Value::from(Vec::<Value>::new()),
    };
    let after = before.with_renders(Arc::clone(&site), Arc::new(renders));
    let a = after.page("a.md", None).expect("a");
    let i = match site.lookup("a.md") {
        Some(Item::Page(i)) => i,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        title(&a, "content"),
        Some(format!("<p>page {i}</p>").as_str())
    );
    let home = after.section("_index.md", false, None).expect("home");
    assert_eq!(home.get_from_path("pages").and_then(Value::len), Some(3));
    let bare = after.section("_index.md", true, None).expect("home");
    assert!(bare.get_from_path("pages").is_none());
    assert_eq!(title(&bare, "content"), Some("<p>home</p>"));
}

#[test]
fn urls_resolve_content_paths() {
    let (_tmp, site) = three_pages();
    let library = Library::new(site, config());
    assert_eq!(
        library.url("@/a.md#top", None).expect("ok"),
        "https://x.org/a/#top"
    );
    assert_eq!(library.url("a.md", None).expect("ok"), "https://x.org/a/");
    assert_eq!(
        library.url("/style.css", None).expect("ok"),
        "https://x.org/style.css"
    );
    assert!(library.url("@/missing.md", None).is_err());
    let packed = Packed::new("<p>é</p>");
    assert_eq!(packed.unpack(), "<p>é</p>");
}
