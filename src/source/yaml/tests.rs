use serde::Deserialize;
use toml::Spanned;

use super::*;

fn read(text: &str) -> Node {
    parse(text, 0).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    title: Spanned<String>,
    #[serde(default)]
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    extra: toml::Table,
}

#[test]
fn values_keep_their_byte_ranges() {
    let text = "title: Café news\nweight: 3\naliases:\n  - /old/\n  - /older/\nextra:\n  a: 1.5\n";
    let page = Page::deserialize(&read(text)).expect("page");
    assert!(!page.draft);
    assert_eq!(&text[page.title.span()], "Café news");
    assert_eq!(page.weight, Some(3));
    assert_eq!(&text[page.aliases[1].span()], "/older/");
    assert_eq!(page.extra["a"].as_float(), Some(1.5));
}

#[test]
fn plain_scalars_follow_the_core_schema() {
    let node = read("a: yes\nb: true\nc: ~\nd: 0x1F\ne: '3'\nf: 2025-02-01\ng: -.5\n");
    let Value::Map(entries) = node.value else {
        panic!("not a map")
    };
    let kinds: Vec<String> = entries
        .iter()
        .map(|(_, v)| format!("{:?}", v.value))
        .collect();
    assert_eq!(
        kinds,
        [
            "Str(\"yes\")",
            "Bool(true)",
            "Null",
            "Int(31)",
            "Str(\"3\")",
            "Str(\"2025-02-01\")",
            "Float(-0.5)"
        ]
    );
}

#[test]
fn errors_point_at_the_key_or_value() {
    let text = "title: x\ntitel: y\n";
    let e = Page::deserialize(&read(text)).expect_err("unknown");
    assert!(
        e.message.starts_with("unknown field `titel`"),
        "{}",
        e.message
    );
    assert_eq!(&text[e.span.expect("span")], "titel");

    let text = "title: x\ndraft: maybe\n";
    let e = Page::deserialize(&read(text)).expect_err("not a bool");
    assert_eq!(
        e.message,
        "invalid type: string \"maybe\", expected a boolean"
    );
    assert_eq!(&text[e.span.expect("span")], "maybe");
}

#[test]
fn syntax_errors_carry_libyaml_marks() {
    let Err(ParseError::Syntax { problem, at, .. }) = parse("title: A: b\n", 4) else {
        panic!("no syntax error")
    };
    assert_eq!(problem, "mapping values are not allowed in this context");
    assert_eq!(at, 4 + 8);
    let Err(ParseError::Syntax { context, .. }) = parse("title: \"open\n", 0) else {
        panic!("no syntax error")
    };
    assert_eq!(context, Some(("while scanning a quoted scalar", 7)));
}

#[test]
fn repeated_keys_and_runaway_aliases_are_refused() {
    let Err(ParseError::Duplicate(first, second)) = parse("a: 1\nb: 2\na: 3\n", 0) else {
        panic!("duplicate not found")
    };
    assert_eq!((first.start, second.start), (0, 10));
    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    assert!(matches!(parse(&laughs, 0), Err(ParseError::TooBig(_))));
    let deep = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
    assert!(matches!(parse(&deep, 0), Err(ParseError::TooDeep(_))));
}

#[test]
fn an_empty_block_is_null_and_reads_as_an_empty_table() {
    #[derive(Debug, Deserialize)]
    struct Loose {
        #[serde(default)]
        title: Option<String>,
    }
    let node = read("# only a comment\n");
    assert!(matches!(node.value, Value::Null));
    assert!(Loose::deserialize(&node).expect("empty").title.is_none());
}
