//! Content as a template, as Zola 0.23 renders it: a page's Markdown goes through Tera
//! before Markdown, so it can call components (`{{ <gallery page=page /> }}`) and
//! functions.
//!
//! The body is cut into pieces: text, and the template constructs in it (`{{ … }}`,
//! `{% … %}` with everything up to its end tag, `{# … #}`). Each construct is marked
//! (private-use characters around it) so that in Tera's output its result can be found
//! and every later position (a heading, a link, an error) still points into the
//! Markdown file. Zola's escapes `{{/* … */}}` and `{%/* … */%}` become raw text, and text
//! that only looks like a template (a heading's `{#id}`, a lone `{{`) is passed through
//! raw, so it never reaches Tera as a broken tag.

use std::ops::Range;

use super::shortcodes::OffsetMap;

const START: char = '\u{E000}';
const END: char = '\u{E001}';
const CLOSE: char = '\u{E002}';

/// A body ready for Tera: the template source and where each piece came from.
#[derive(Debug)]
pub struct Prepared {
    /// What Tera renders.
    pub source: String,
    /// (range in the body, range in `source`) of every piece, in order.
    pieces: Vec<(Range<usize>, Range<usize>)>,
    /// Which pieces are constructs (marked in the output).
    constructs: Vec<usize>,
}

/// A construct that never ends, or an end without a start.
#[derive(Debug, PartialEq)]
pub struct Unbalanced {
    /// Where it is in the body.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// A piece of the body.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// Plain text.
    Text,
    /// Text to pass through untouched (Zola's escapes give the text they print).
    Raw,
    /// A construct for Tera.
    Construct,
}

/// Cuts `body` into pieces; `None` when it has no template construct at all.
pub fn prepare(body: &str) -> Result<Option<Prepared>, Unbalanced> {
    let pieces = cut(body)?;
    if !pieces.iter().any(|(p, _, _)| *p == Piece::Construct) {
        return Ok(None);
    }
    let mut source = String::with_capacity(body.len() + pieces.len() * 8);
    let mut out = Vec::with_capacity(pieces.len());
    let mut constructs = Vec::new();
    for (n, (kind, range, printed)) in pieces.into_iter().enumerate() {
        let start = source.len();
        match kind {
            Piece::Text if !looks_like_template(&body[range.clone()]) => {
                source.push_str(&body[range.clone()]);
            }
            Piece::Text | Piece::Raw => {
                source.push_str("{% raw %}");
                source.push_str(printed.as_deref().unwrap_or(&body[range.clone()]));
                source.push_str("{% endraw %}");
            }
            Piece::Construct => {
                constructs.push(n);
                source.push_str(&format!("{START}{n}{CLOSE}"));
                source.push_str(&body[range.clone()]);
                source.push_str(&format!("{END}{n}{CLOSE}"));
            }
        }
        out.push((range, start..source.len()));
    }
    Ok(Some(Prepared {
        source,
        pieces: out,
        constructs,
    }))
}

impl Prepared {
    /// The body offset of an offset in [`Prepared::source`] (for Tera's errors).
    pub fn body_offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(_, src)| src.end <= at)
            .min(self.pieces.len().saturating_sub(1));
        let Some((body, src)) = self.pieces.get(i) else {
            return 0;
        };
        let inside = at.saturating_sub(src.start);
        // A construct's source starts with its marker; text may be wrapped in `raw`.
        let lead = if self.constructs.contains(&i) {
            format!("{START}{i}{CLOSE}").len()
        } else if src.len() > body.len() {
            "{% raw %}".len()
        } else {
            0
        };
        (body.start + inside.saturating_sub(lead)).min(body.end)
    }

    /// Tera's output with the markers taken out, and where each construct's result came
    /// from.
    pub fn finish(&self, output: &str) -> (String, OffsetMap) {
        let mut text = String::with_capacity(output.len());
        let mut map = OffsetMap::default();
        let mut rest = output;
        while let Some(at) = rest.find(START) {
            text.push_str(&rest[..at]);
            let after = &rest[at + START.len_utf8()..];
            let Some((n, inner)) = after.split_once(CLOSE) else {
                rest = after;
                continue;
            };
            let end_mark = format!("{END}{n}{CLOSE}");
            let Some(end) = inner.find(&end_mark) else {
                rest = inner;
                continue;
            };
            let start = text.len();
            text.push_str(&inner[..end]);
            if let Some((body, _)) = n.parse::<usize>().ok().and_then(|n| self.pieces.get(n)) {
                map.push(body.clone(), start..text.len());
            }
            rest = &inner[end + end_mark.len()..];
        }
        text.push_str(rest);
        (text, map)
    }
}

/// Zola's escape of the `{{ … }}` or `{% … %}` around `at` in `body` (`{{/* x */}}`),
/// for a hint: how to show it as text.
pub fn escaped(body: &str, at: usize) -> Option<(&str, String)> {
    let at = at.min(body.len());
    let start = body[..at]
        .rfind("{{")
        .into_iter()
        .chain(body[..at].rfind("{%"))
        .max()?;
    let len = tag_end(&body[start..])?;
    let tag = &body[start..start + len];
    let inner = tag[2..len - 2].trim_matches('-');
    Some((tag, format!("{}/*{inner}*/{}", &tag[..2], &tag[len - 2..])))
}

/// Whether plain text holds something Tera would read as a tag.
fn looks_like_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

/// A piece: its kind, its range in the body, and the text a raw piece prints when not
/// its own.
type Cut = (Piece, Range<usize>, Option<String>);

/// The pieces of `body`.
fn cut(body: &str) -> Result<Vec<Cut>, Unbalanced> {
    let bytes = body.as_bytes();
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let push_text = |pieces: &mut Vec<_>, from: usize, to: usize| {
        if to > from {
            pieces.push((Piece::Text, from..to, None));
        }
    };
    while i + 1 < bytes.len() {
        if bytes[i] != b'{' || !matches!(bytes[i + 1], b'{' | b'%' | b'#') {
            i += 1;
            continue;
        }
        let rest = &body[i..];
        // Zola's escapes: `{{/* x */}}` prints `{{ x }}`.
        if let Some((len, printed)) = escape(rest) {
            push_text(&mut pieces, text_start, i);
            pieces.push((Piece::Raw, i..i + len, Some(printed)));
            i += len;
            text_start = i;
            continue;
        }
        let Some(tag_len) = tag_end(rest) else {
            // Not a tag (a heading's `{#id}`, a `{{` never closed): text.
            i += 2;
            continue;
        };
        let mut start = i;
        let mut end = i + tag_len;
        if bytes[i + 1] == b'%' {
            let name = tag_name(&rest[..tag_len]);
            if name.starts_with("end") || name.starts_with("</") || matches!(name, "elif" | "else")
            {
                return Err(Unbalanced {
                    range: i..end,
                    message: format!("`{{% {name} %}}` ends a block that was never started"),
                });
            }
            if opens_block(&rest[..tag_len]) {
                end = block_end(body, i, tag_len)?;
            }
        }
        // `{{-` and `-}}` take the white space beside them.
        if body[start..].starts_with("{{-") || body[start..].starts_with("{%-") {
            start = body[..start].trim_end().len().max(text_start);
        }
        let close = &body[..end];
        if close.ends_with("-}}") || close.ends_with("-%}") || close.ends_with("-#}") {
            end += body[end..].len() - body[end..].trim_start().len();
        }
        push_text(&mut pieces, text_start, start);
        pieces.push((Piece::Construct, start..end, None));
        i = end;
        text_start = end;
    }
    push_text(&mut pieces, text_start, body.len());
    Ok(pieces)
}

/// `{{/* x */}}` or `{%/* x */%}` at the start of `text`: its length and what it prints.
fn escape(text: &str) -> Option<(usize, String)> {
    let (open, close, shown) = if text.starts_with("{{/*") {
        ("{{/*", "*/}}", ("{{", "}}"))
    } else if text.starts_with("{%/*") {
        ("{%/*", "*/%}", ("{%", "%}"))
    } else {
        return None;
    };
    let inner_end = text[open.len()..].find(close)? + open.len();
    let inner = &text[open.len()..inner_end];
    Some((
        inner_end + close.len(),
        format!("{}{inner}{}", shown.0, shown.1),
    ))
}

/// The length of the tag at the start of `text` (`{{ … }}`, `{% … %}`, `{# … #}`), or
/// `None` when it is not closed (a comment must close before a blank line, so a
/// heading's `{#id}` is text).
fn tag_end(text: &str) -> Option<usize> {
    let close = match &text[1..2] {
        "{" => "}}",
        "%" => "%}",
        _ => {
            let end = text.find("#}")? + 2;
            return (!text[..end].contains("\n\n")).then_some(end);
        }
    };
    // Skip quoted strings, which may hold the closing characters.
    let bytes = text.as_bytes();
    let mut quote = None;
    let mut i = 2;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if text[i..].starts_with(close) => return Some(i + 2),
            // Another tag opens first: this one was never closed.
            None if text[i..].starts_with("{{") || text[i..].starts_with("{%") => return None,
            None if b == b'\n' && text[i..].starts_with("\n\n") => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// The first word of a `{% … %}` tag (`if`, `endfor`, `<gallery`, `</gallery>`).
fn tag_name(tag: &str) -> &str {
    let inner = tag[2..tag.len() - 2].trim_matches('-').trim();
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '(' || (c == '>' && !inner.starts_with("</")))
        .unwrap_or(inner.len());
    &inner[..end]
}

/// Whether a `{% … %}` tag opens a block that has an end tag.
fn opens_block(tag: &str) -> bool {
    let name = tag_name(tag);
    let inner = tag[2..tag.len() - 2].trim_matches('-').trim();
    match name {
        "if" | "for" | "raw" | "filter" | "macro" | "component" => true,
        // `{% set x %}…{% endset %}` has a body; `{% set x = 1 %}` has none.
        "set" | "set_global" => !inner.contains('='),
        n if n.starts_with('<') && !n.starts_with("</") => !inner.ends_with("/>"),
        _ => false,
    }
}

/// The end (exclusive) of the block whose opening tag, `len` long, is at `at`.
fn block_end(body: &str, at: usize, len: usize) -> Result<usize, Unbalanced> {
    let opening = tag_name(&body[at..at + len]).to_string();
    let is_raw = opening == "raw";
    let mut depth = 1;
    let mut i = at + len;
    while let Some(found) = body[i..].find("{%") {
        let start = i + found;
        let Some(tag_len) = tag_end(&body[start..]) else {
            i = start + 2;
            continue;
        };
        let tag = &body[start..start + tag_len];
        let name = tag_name(tag);
        i = start + tag_len;
        if is_raw {
            if name == "endraw" {
                return Ok(i);
            }
            continue;
        }
        if name.starts_with("end") || name.starts_with("</") {
            depth -= 1;
        } else if opens_block(tag) {
            depth += 1;
        }
        if depth == 0 {
            return Ok(i);
        }
    }
    let wanted = if let Some(component) = opening.strip_prefix('<') {
        format!("{{% </{component}> %}}")
    } else {
        format!("{{% end{opening} %}}")
    };
    Err(Unbalanced {
        range: at..at + len,
        message: format!("this `{{% {opening} %}}` is never closed: add {wanted} after its text"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(Piece, &str)> {
        cut(body)
            .expect("balanced")
            .into_iter()
            .map(|(k, r, _)| (k, &body[r]))
            .collect()
    }

    #[test]
    fn constructs_run_to_their_end_tag() {
        let body = "A {{ x }} b\n{% if y %}Y {% for z in w %}{{ z }}{% endfor %}{% endif %} c";
        assert_eq!(
            kinds(body),
            [
                (Piece::Text, "A "),
                (Piece::Construct, "{{ x }}"),
                (Piece::Text, " b\n"),
                (
                    Piece::Construct,
                    "{% if y %}Y {% for z in w %}{{ z }}{% endfor %}{% endif %}"
                ),
                (Piece::Text, " c"),
            ]
        );
        let body =
            "{% <note kind=\"a\"> %}hi {{ <b /> }}{% </note> %} and {{ <img src=\"x}}\" /> }}";
        assert_eq!(
            kinds(body)[0].1,
            "{% <note kind=\"a\"> %}hi {{ <b /> }}{% </note> %}"
        );
        assert_eq!(kinds(body)[2].1, "{{ <img src=\"x}}\" /> }}");
    }

    #[test]
    fn text_that_only_looks_like_a_tag_stays_text() {
        let body = "# Title {#custom}\n\nUse {{ to open. {% raw %}{{ kept }}{% endraw %}";
        let pieces = kinds(body);
        assert_eq!(
            pieces[0],
            (Piece::Text, "# Title {#custom}\n\nUse {{ to open. ")
        );
        assert_eq!(
            pieces[1],
            (Piece::Construct, "{% raw %}{{ kept }}{% endraw %}")
        );
        let prepared = prepare(body).expect("ok").expect("has a construct");
        assert!(prepared.source.starts_with("{% raw %}# Title {#custom}"));
    }

    #[test]
    fn escapes_print_the_call() {
        let body = "Write {{/* figure(src=\"a.png\") */}} or {%/* note() */%}.";
        let cut = cut(body).expect("ok");
        assert_eq!(cut[1].2.as_deref(), Some("{{ figure(src=\"a.png\") }}"));
        assert_eq!(cut[3].2.as_deref(), Some("{% note() %}"));
        assert!(prepare(body).expect("ok").is_none(), "nothing for Tera");
    }

    #[test]
    fn unbalanced_blocks_are_reported_where_they_start() {
        let body = "text\n{% if x %}never closed";
        let e = cut(body).expect_err("unclosed");
        assert_eq!(&body[e.range.clone()], "{% if x %}");
        assert!(e.message.contains("{% endif %}"), "{}", e.message);
        assert!(cut("{% endfor %}").is_err());
    }

    #[test]
    fn output_positions_map_back_to_the_body() {
        let body = "Hi {{ name }}, see {% if a %}A{% endif %}!";
        let prepared = prepare(body).expect("ok").expect("constructs");
        // What Tera would give: each construct's result between its markers.
        let output = prepared
            .source
            .replace("{{ name }}", "Jo")
            .replace("{% if a %}A{% endif %}", "AAAA");
        let (text, map) = prepared.finish(&output);
        assert_eq!(text, "Hi Jo, see AAAA!");
        assert_eq!(
            map.original(text.find('!').expect("!")),
            body.find('!').expect("!")
        );
        assert_eq!(map.original(3), 3);
        // A Tera error inside a construct points into the body.
        let at = prepared.source.find("name").expect("name");
        assert_eq!(prepared.body_offset(at), body.find("name").expect("name"));
    }

    #[test]
    fn escapes_are_offered_for_the_tag_at_an_error() {
        let body = "Use {{ first_name }} here";
        let shown = |b, at| escaped(b, at).map(|(_, e)| e);
        assert_eq!(shown(body, 7).as_deref(), Some("{{/* first_name */}}"));
        assert_eq!(shown("{% if x %}", 3).as_deref(), Some("{%/* if x */%}"));
        assert_eq!(escaped("no tag", 3), None);
    }

    #[test]
    fn trimming_takes_the_white_space_beside() {
        let pieces = kinds("a \n{{- x -}}\n b");
        assert_eq!(pieces[1], (Piece::Construct, " \n{{- x -}}\n "));
    }
}
