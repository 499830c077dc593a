//! Tera 1 habits (Zola up to 0.22) that Tera 2 reads as syntax errors, and what to write
//! instead: `xs.0`, a test's argument given without its name, `ignore missing`, macros.

use std::ops::Range;

/// Tests whose argument Tera 1 took by position, and the name Tera 2 wants.
const TEST_ARGUMENTS: &[(&str, &str)] = &[
    ("matching", "pat"),
    ("starting_with", "pat"),
    ("ending_with", "pat"),
    ("containing", "pat"),
    ("divisible_by", "divisor"),
    ("divisibleby", "divisor"),
];

/// The Tera 2 way of writing what a syntax error at `range` of `text` was written in
/// Tera 1's, or none when the error is not a known habit.
pub(super) fn habit(text: &str, message: &str, range: &Range<usize>) -> Option<String> {
    let before = text.get(..range.start)?;
    let at = text.get(range.start..)?;
    if message.starts_with("Found integer but expected identifier") {
        if let Some(hint) = test_argument(before, at) {
            return Some(hint);
        }
        return array_index(before, at);
    }
    if message.starts_with("Found string but expected identifier")
        || message.starts_with("Found float but expected identifier")
        || message.starts_with("Found identifier but expected `=`")
    {
        return test_argument(before, at);
    }
    if message.starts_with("Found identifier but expected %}") && at.starts_with("ignore") {
        return Some(
            "Tera 2's {% include %} has no `ignore missing`: remove it and add the template \
             (it can be empty), or remove the include"
                .to_string(),
        );
    }
    if message.starts_with("Found `:` but expected") && at.starts_with("::") {
        return macro_call(before, at);
    }
    None
}

/// `xs.0` → `xs[0]`.
fn array_index(before: &str, at: &str) -> Option<String> {
    let path = before.strip_suffix('.')?;
    let name = trailing_path(path);
    let index: String = at.chars().take_while(char::is_ascii_digit).collect();
    (!name.is_empty() && !index.is_empty()).then(|| {
        format!(
            "Tera 2 reads an item of an array with brackets: write {name}[{index}], not {name}.{index}"
        )
    })
}

/// `is matching("x")` → `is matching(pat="x")`.
fn test_argument(before: &str, at: &str) -> Option<String> {
    let call = before.trim_end().strip_suffix('(')?.trim_end();
    let test = trailing_path(call);
    let (_, name) = TEST_ARGUMENTS.iter().find(|(t, _)| *t == test)?;
    let test = if test == "divisibleby" {
        "divisible_by"
    } else {
        test
    };
    let argument = at.split(')').next().unwrap_or_default().trim();
    Some(format!(
        "Tera 2 gives a test's argument by name: write is {test}({name}={argument})"
    ))
}

/// `{{ macros::hello(name="x") }}` → `{{ <hello name="x" /> }}`.
fn macro_call(before: &str, at: &str) -> Option<String> {
    let namespace = trailing_path(before);
    let rest = at.strip_prefix("::")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if namespace.is_empty() || name.is_empty() {
        return None;
    }
    let arguments = rest[name.len()..]
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(args, _)| split_arguments(args))
        .unwrap_or_default();
    let call = if arguments.is_empty() {
        format!("<{name} />")
    } else {
        format!("<{name} {} />", arguments.join(" "))
    };
    Some(format!(
        "Tera 2 has no macros: write the macro `{name}` as a component, {{% component \
         {name}(…) %}}…{{% endcomponent {name} %}}, and call it as {{{{ {call} }}}} instead of \
         {namespace}::{name}(…); components need no {{% import %}}"
    ))
}

/// What a `{% macro %}` or `{% import %}` tag becomes in Tera 2.
pub(super) fn macro_tag(tag: &str, name: &str) -> String {
    if name == "import" {
        return "Tera 2 has no macros or {% import %}: write each macro as a component \
                ({% component name(arg) %}…{% endcomponent name %}) in any template, remove \
                the import, and call it as {{ <name arg=value /> }}"
            .to_string();
    }
    let signature = tag
        .trim_start_matches("{%")
        .trim_start_matches('-')
        .trim()
        .strip_prefix("macro")
        .unwrap_or_default()
        .trim()
        .trim_end_matches("%}")
        .trim_end_matches('-')
        .trim();
    let macro_name = signature.split('(').next().unwrap_or("name").trim();
    format!(
        "Tera 2 has no macros: write {{% component {signature} %}}…{{% endcomponent \
         {macro_name} %}} in place of the macro, and call it as {{{{ <{macro_name} … /> }}}} \
         (no {{% import %}} needed)"
    )
}

/// The dotted name that `text` ends with (`page.extra` of `{{ page.extra`).
fn trailing_path(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// `a="x", b=[1, 2]` → `["a=\"x\"", "b=[1, 2]"]`: commas inside quotes and brackets kept.
fn split_arguments(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for c in args.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '[' | '{' | '(') => depth += 1,
            (None, ']' | '}' | ')') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                out.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(text: &str, message: &str, at: &str) -> Option<String> {
        let start = text.find(at).expect("marker in text");
        habit(text, message, &(start..start + 1))
    }

    #[test]
    fn array_items_are_read_with_brackets() {
        let h = hint(
            "{{ page.extra.items.0 }}",
            "Found integer but expected identifier.",
            "0 }",
        );
        assert_eq!(
            h.as_deref(),
            Some(
                "Tera 2 reads an item of an array with brackets: write page.extra.items[0], not page.extra.items.0"
            )
        );
    }

    #[test]
    fn test_arguments_are_named() {
        let h = hint(
            r#"{% if x is matching("^a") %}"#,
            "Found string but expected identifier.",
            r#""^a""#,
        );
        assert_eq!(
            h.as_deref(),
            Some(r#"Tera 2 gives a test's argument by name: write is matching(pat="^a")"#)
        );
        let h = hint(
            "{% if n is divisibleby(3) %}",
            "Found integer but expected identifier.",
            "3)",
        );
        assert_eq!(
            h.as_deref(),
            Some("Tera 2 gives a test's argument by name: write is divisible_by(divisor=3)")
        );
    }

    #[test]
    fn macro_calls_become_component_calls() {
        let h = hint(
            r#"{{ m::card(title="a, b", n=[1, 2]) }}"#,
            "Found `:` but expected }}.",
            "::",
        )
        .expect("a hint");
        assert!(h.contains(r#"{{ <card title="a, b" n=[1, 2] /> }}"#), "{h}");
        assert!(h.contains("instead of m::card(…)"), "{h}");
    }

    #[test]
    fn macro_definitions_become_components() {
        let h = macro_tag("{% macro card(title, n=1) %}", "macro");
        assert!(
            h.contains("{% component card(title, n=1) %}…{% endcomponent card %}"),
            "{h}"
        );
    }

    #[test]
    fn other_syntax_errors_are_not_habits() {
        assert_eq!(
            hint("{{ 1 + }}", "Found }} but expected expression.", "}}"),
            None
        );
    }
}
