use super::*;

#[test]
fn finds_inline_and_body_calls() {
    let text = "A {{ youtube(id=\"x\", n=2, ok=true, l=[1,'a']) }} b\n{% note(kind=\"info\") %}Body *md*{% end %}\n";
    let calls = find_calls(text).expect("parse");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].name, "youtube");
    assert_eq!(calls[0].args["n"], Value::from(2));
    assert_eq!(calls[0].args["l"], serde_json::json!([1, "a"]));
    assert_eq!(calls[1].body.as_deref(), Some("Body *md*"));
}

#[test]
fn skips_code() {
    let text = "`{{ a() }}`\n```\n{{ b() }}\n```\n{{ c() }}";
    let calls = find_calls(text).expect("parse");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].name, "c");
}

#[test]
fn plain_braces_are_text() {
    assert!(
        find_calls("{{ not a call }} and {% also %}")
            .expect("ok")
            .is_empty()
    );
}

#[test]
fn missing_end_is_an_error() {
    let err = find_calls("{% note() %}body").expect_err("no end");
    assert!(err.message.contains("{% end %}"));
}

#[test]
fn multibyte_text_before_braces_does_not_panic() {
    assert!(find_calls("a€{ b").expect("ok").is_empty());
    assert!(find_calls("é{{ note() }}").expect("ok").len() == 1);
}

#[test]
fn garbled_calls_do_not_panic() {
    let pieces = [
        "{{", "}}", "{%", "%}", "note", "(", ")", "=", "kind", "\"", "'", "“", "”", "é", ",", "[",
        "]", " ", "\n", "`", "```", "end", "1.5", "true", "€",
    ];
    let mut seed: u64 = 11;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..(seed % 20 + 1) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        if let Err(e) = find_calls(&text) {
            assert!(text.get(e.range.clone()).is_some(), "{text:?} {e:?}");
        }
    }
}

#[test]
fn bare_words_need_quotes() {
    let err = find_calls("{% note(kind=important) %}x{% end %}").expect_err("bare");
    assert_eq!(err.message, "the text given to `kind` must be in quotes");
    assert_eq!(err.hint, "write kind=\"important\"");
    assert_eq!(err.range, 13..22);
}

#[test]
fn offsets_map_back() {
    let mut m = OffsetMap::default();
    m.push(2..10, 2..4);
    assert_eq!(m.original(1), 1);
    assert_eq!(m.original(3), 2);
    assert_eq!(m.original(5), 11);
}

/// Every brace used to be checked against every code span: a 50 MB page with inline
/// code in each paragraph took hours. This page (40,000 spans) took minutes.
#[test]
fn many_code_spans_take_one_pass() {
    let mut text = "Use `{{ a() }}` or {x} here.\n\n".repeat(40_000);
    text.push_str("{{ last() }}\n");
    let calls = find_calls(&text).expect("parse");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].name, "last");
    assert_eq!(&text[calls[0].range.clone()], "{{ last() }}");
}

/// The binary search gives what a walk through every edit gives, at every position,
/// with empty, shorter and longer replacements side by side.
#[test]
fn offsets_map_back_through_many_edits() {
    let edits = [
        (2..10, 2..4),
        (12..15, 6..6),
        (15..16, 6..20),
        (30..31, 34..35),
    ];
    let mut m = OffsetMap::default();
    for (orig, exp) in &edits {
        m.push(orig.clone(), exp.clone());
    }
    let walk = |pos: usize| {
        let mut shift: isize = 0;
        for (orig, exp) in &edits {
            if pos < exp.start {
                break;
            }
            if pos < exp.end {
                return orig.start;
            }
            shift = orig.end as isize - exp.end as isize;
        }
        (pos as isize + shift).max(0) as usize
    };
    for pos in 0..50 {
        assert_eq!(m.original(pos), walk(pos), "at {pos}");
    }
}

/// 100,000 nested `[` overflowed the stack (an abort, not even a panic).
#[test]
fn deeply_nested_lists_are_an_error() {
    let deep = format!(
        "{{{{ note(a={}{}) }}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = find_calls(&deep).expect_err("too deep");
    assert_eq!(
        e.message,
        "lists inside lists go at most 32 deep in a shortcode"
    );
    assert_eq!(e.range, 42..43, "at the 33rd `[`");
    assert_eq!(&deep[e.range.clone()], "[");

    let ok = format!("{{{{ note(a={}{}) }}}}", "[".repeat(32), "]".repeat(32));
    let calls = find_calls(&ok).expect("32 deep is allowed");
    assert!(calls[0].args["a"].is_array());
}
