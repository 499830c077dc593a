use serde::Deserialize;
use toml::Spanned;

use super::*;

fn file(text: &str) -> SourceFile {
    SourceFile::in_memory("content/a.md", text)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Fm {
    title: Option<Spanned<String>>,
    date: Option<String>,
}

/// 100,000 nested `[` kept the YAML scanner busy for minutes.
#[test]
fn yaml_nested_too_deep_is_refused_at_once() {
    let deep = format!(
        "title: Deep\nextra: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let text = format!("---\n{deep}---\n");
    let d = parse_yaml::<toml::Table>(&file(&text), 4, &deep).expect_err("too deep");
    assert_eq!(
        d.message,
        "lists or tables inside each other go at most 128 deep"
    );
    assert_eq!((d.line, d.column), (3, "extra: ".len() + 128 + 1));

    let ok = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
    assert!(parse_yaml::<toml::Table>(&file(&ok), 0, &ok).is_ok());
}

#[test]
fn unknown_field_suggests_nearest_and_has_a_code() {
    let f = file("+++\ntitel = \"x\"\n+++\n");
    let d = parse_toml::<Fm>(&f, 4, &f.text[4..16]).expect_err("unknown");
    assert_eq!(d.message, "unknown field `titel`");
    assert!(d.hint.clone().expect("hint").contains("`title`"));
    assert_eq!((d.line, d.column), (2, 1));
    assert_eq!(d.code.as_deref(), Some(&Code::UnknownField("titel".into())));
}

/// The message and line of `d` and of each problem found with it, in line order.
fn every_problem(d: &Diagnostic) -> Vec<(String, usize)> {
    let more = d.more.as_deref().map(Vec::as_slice).unwrap_or_default();
    let mut found: Vec<(String, usize)> = std::iter::once(d)
        .chain(more)
        .map(|d| (d.message.clone(), d.line))
        .collect();
    found.sort_by_key(|(_, line)| *line);
    found
}

#[test]
fn every_problem_of_a_block_is_found_in_one_run() {
    // A value over several lines (with a character of two bytes), a table of its own,
    // and a wrong type after them: each is found, at its own line.
    let block = "titel = \"x\"\ntags = [\n  \"é\",\n]\n[params]\nbanner = 1\n";
    let text = format!("+++\n{block}+++\n");
    let f = file(&text);
    let d = parse_toml::<Fm>(&f, 4, block).expect_err("unknown");
    assert_eq!(
        every_problem(&d),
        [
            ("unknown field `titel`".to_string(), 2),
            ("unknown field `tags`".to_string(), 3),
            ("unknown field `params`".to_string(), 6),
        ]
    );

    let block = "titel = 1\ndate = 5\n";
    let text = format!("+++\n{block}+++\n");
    let f = file(&text);
    let d = parse_toml::<Fm>(&f, 4, block).expect_err("unknown");
    let lines: Vec<usize> = every_problem(&d)
        .into_iter()
        .map(|(_, line)| line)
        .collect();
    assert_eq!(lines, [2, 3], "the unknown field and the wrong type: {d:?}");

    // Taking out a required setting with a wrong value makes no "missing field" error.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Needs {
        title: String,
    }
    let block = "title = 1\n";
    let text = format!("+++\n{block}+++\n");
    let f = file(&text);
    let d = parse_toml::<Needs>(&f, 4, block).expect_err("wrong type");
    assert!(d.more.is_none(), "{d:?}");
}

#[test]
fn every_unknown_field_of_yaml_front_matter_is_found_in_one_run() {
    let block = "titel: x\ncategories:\n  - news\ntitle: Fine\nparams:\n  banner: b.jpg\n";
    let text = format!("---\n{block}---\n");
    let f = file(&text);
    let d = parse_yaml::<Fm>(&f, 4, block).expect_err("unknown");
    assert_eq!(
        every_problem(&d),
        [
            ("unknown field `titel`".to_string(), 2),
            ("unknown field `categories`".to_string(), 3),
            ("unknown field `params`".to_string(), 6),
        ]
    );
}

#[test]
fn yaml_unknown_field_points_at_its_line() {
    let f = file("---\ntitle: x\ntitel: y\n---\n");
    let d = parse_yaml::<Fm>(&f, 4, &f.text[4..22]).expect_err("unknown");
    assert_eq!((d.line, d.column), (3, 1));
}

/// Spans are ranges of the whole file, in TOML and YAML alike.
#[test]
fn spans_are_ranges_of_the_file() {
    let t = file("+++\ntitle = \"Café\"\n+++\n");
    let fm: Fm = parse_toml(&t, 4, &t.text[4..19]).expect("toml");
    assert_eq!(&t.text[fm.title.expect("title").span()], "\"Café\"");
    let y = file("---\ntitle: Café\n---\n");
    let fm: Fm = parse_yaml(&y, 4, &y.text[4..17]).expect("yaml");
    assert_eq!(&y.text[fm.title.expect("title").span()], "Café");
}

#[test]
fn a_key_set_twice_names_the_first_line() {
    let text = "+++\ntitle = \"a\"\ndate = \"x\"\ntitle = \"b\"\n+++\n";
    let f = file(text);
    let d = Document::read(&f, 4..text.len() - 4, Syntax::Toml).expect_err("twice");
    assert_eq!((d.line, d.message.as_str()), (4, "`title` is set twice"));
    assert_eq!(
        d.hint.as_deref(),
        Some("keep only one `title`: it is already set on line 2")
    );
    let text = "---\ntitle: a\ndate: x\ntitle: b\n---\n";
    let f = file(text);
    let d = Document::read(&f, 4..text.len() - 4, Syntax::Yaml).expect_err("twice");
    assert_eq!((d.line, d.message.as_str()), (4, "`title` is set twice"));
}

#[test]
fn fields_say_where_each_top_level_field_is() {
    let text = "+++\ntitle = \"x\"  \ndraft = false\nempty = \"\"\n[extra]\na = 1\n+++\nbody";
    let f = file(text);
    let doc = Document::read(&f, 4..text.len() - 8, Syntax::Toml).expect("read");
    let fields = doc.fields();
    assert_eq!(
        &text[fields.line(text, "title").expect("title")],
        "title = \"x\""
    );
    assert_eq!(&text[fields.line(text, "extra").expect("extra")], "[extra]");
    assert!(fields.is_set("draft") && !fields.is_set("empty") && !fields.is_set("nope"));
    let text = "---\ntitle: x\naliases: []\n---\n";
    let f = file(text);
    let doc = Document::read(&f, 4..text.len() - 4, Syntax::Yaml).expect("read");
    assert_eq!(
        &text[doc.fields().line(text, "title").expect("title")],
        "title: x"
    );
    assert!(!doc.fields().is_set("aliases"));
}

/// A field missing from a `[[table]]` entry is reported at the entry's header.
#[test]
fn a_field_missing_from_an_entry_points_at_the_entry() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Step {
        number: u32,
        rating: String,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Steps {
        steps: Vec<Step>,
    }
    let text = "+++\n[[steps]]\nnumber = 1\nrating = \"a\"\n[[steps]]\nnumber = 2\n+++\n";
    let f = file(text);
    let doc = Document::read(&f, 4..text.len() - 4, Syntax::Toml).expect("read");
    let d = doc.parse::<Steps>().expect_err("missing");
    assert_eq!(
        d.code.as_deref(),
        Some(&Code::MissingField("rating".into()))
    );
    assert_eq!(d.line, 5);
    let d = doc.parse::<Fm>().expect_err("unknown");
    assert_eq!(d.code.as_deref(), Some(&Code::UnknownField("steps".into())));
}

/// Odd front matter never panics, and every error points inside the file.
#[test]
fn garbled_front_matter_is_explained_without_panics() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Full {
        title: Option<String>,
        date: Option<toml::value::Datetime>,
        draft: Option<bool>,
        weight: Option<i64>,
        aliases: Option<Vec<String>>,
        extra: Option<toml::Table>,
    }
    let pieces = [
        "title",
        "date",
        "draft",
        "weight",
        "aliases",
        "extra",
        "titel",
        " = ",
        ": ",
        "=",
        ":",
        "\"",
        "'",
        "“",
        "”",
        "é",
        "€",
        "\n",
        "\t",
        "  ",
        "[",
        "]",
        "[extra]",
        "#",
        "2025-13-01",
        "30/06/2025",
        "yes",
        "true",
        "1",
        "01",
        "-",
        "---",
        "+++",
        "\\",
        ",",
        "{",
        "}",
        "99999-01-01",
        "\r\n",
        "&a",
        "*a",
        "!!str",
    ];
    let mut seed: u64 = 0x5eed;
    for _ in 0..4000 {
        let mut text = String::new();
        let n = (seed % 12) as usize + 1;
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let f = file(&format!("+++\n{text}\n+++\n"));
        let block = &f.text[4..4 + text.len() + 1];
        for d in [
            parse_toml::<Full>(&f, 4, block).err(),
            parse_yaml::<Full>(&f, 4, block).err(),
        ]
        .into_iter()
        .flatten()
        {
            let _ = d.render(false);
            assert!(!d.message.is_empty(), "{text:?}");
        }
    }
}
