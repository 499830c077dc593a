use super::values::{date_problem, uk_date};
use super::*;

fn toml(text: &str, range: Range<usize>, raw: &str) -> Explained {
    explain(text, range, raw, None, Syntax::Toml, true)
}

#[test]
fn wrong_type_names_the_field() {
    let e = toml(
        "draft = \"yes\"\n",
        8..13,
        "invalid type: string \"yes\", expected a boolean",
    );
    assert_eq!(
        e.message,
        "`draft` must be true or false, but here it is the text \"yes\""
    );
    assert!(e.hint.expect("hint").contains("draft = true"));
}

#[test]
fn uk_dates_are_rewritten() {
    let e = toml(
        "date = 30/06/2025\n",
        7..17,
        "string values must be quoted, expected literal string",
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("write date = 2025-06-30, without quotes")
    );
}

#[test]
fn duplicate_names_the_first_line() {
    let text = "title = \"a\"\ndate = 2025-01-01\ntitle = \"b\"\n";
    let e = explain(text, 30..35, "duplicate key", Some(0), Syntax::Toml, true);
    assert_eq!(e.message, "`title` is set twice");
    assert!(e.hint.expect("hint").contains("line 1"));
}

#[test]
fn yaml_colon_in_value_needs_quotes() {
    let text = "title: Scrutiny: what we found\n";
    let e = explain(
        text,
        15..15,
        "mapping values are not allowed in this context",
        None,
        Syntax::Yaml,
        true,
    );
    assert!(
        e.hint
            .expect("hint")
            .contains("\"Scrutiny: what we found\"")
    );
}

#[test]
fn impossible_dates_say_why() {
    assert_eq!(
        date_problem("2025-02-30").as_deref(),
        Some("that month has only 28 days")
    );
    assert_eq!(uk_date("31/02/2025"), None);
    assert_eq!(uk_date("1.6.2025").as_deref(), Some("2025-06-01"));
}
