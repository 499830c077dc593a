//! Shortcodes: `{{ name(arg=1) }}` and `{% name(arg=1) %}body{% end %}` in Markdown.
//!
//! Calls are found outside fenced code blocks and inline code, parsed into a name and
//! arguments, and rendered by the caller with the template `shortcodes/<name>.html`
//! (or `.md`). The result records where each replacement went, so positions in the
//! expanded text can be mapped back to the file.

use std::ops::Range;

use serde_json::{Map, Value};

/// One shortcode call found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The shortcode's name.
    pub name: String,
    /// Its keyword arguments.
    pub args: Map<String, Value>,
    /// The body, for the `{% %}` form.
    pub body: Option<String>,
    /// Where the whole call (body and `{% end %}` included) is in the text.
    pub range: Range<usize>,
}

/// A problem in a shortcode call, at a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where.
    pub range: Range<usize>,
}

/// Finds every shortcode call in `text`, skipping code.
pub fn find_calls(text: &str) -> Result<Vec<Call>, ParseError> {
    let mut calls = Vec::new();
    // In order and not overlapping, so one pass over them keeps up with the text
    // (a search through all of them at every brace was quadratic in long pages).
    let mut code = code_ranges(text).into_iter().peekable();
    let mut i = 0;
    while let Some(at) = text[i..].find('{').map(|at| i + at) {
        while code.next_if(|r| r.end <= at).is_some() {}
        if let Some(r) = code.peek().filter(|r| r.start <= at) {
            i = r.end;
            continue;
        }
        // `starts_with`, not a slice: `at + 2` may fall inside a multi-byte character.
        let body_form = text[at..].starts_with("{%");
        if (body_form || text[at..].starts_with("{{"))
            && let Some(call) = parse_call(text, at, body_form)?
        {
            i = call.range.end;
            calls.push(call);
            continue;
        }
        i = at + 1;
    }
    Ok(calls)
}

/// Byte ranges of fenced code blocks and inline code spans.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(String, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        match &fence {
            Some((open, start)) => {
                if marker.len() >= open.len()
                    && marker.starts_with(open.chars().next().unwrap_or('`'))
                    && trimmed[marker.len()..].trim().is_empty()
                {
                    out.push(*start..offset + line.len());
                    fence = None;
                }
            }
            None if marker.len() >= 3
                && (marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~')) =>
            {
                fence = Some((marker, offset));
            }
            None => {
                let mut pos = 0;
                while let Some(start) = line[pos..].find('`') {
                    let start = pos + start;
                    let ticks = line[start..].chars().take_while(|&c| c == '`').count();
                    let after = start + ticks;
                    match line[after..].find(&"`".repeat(ticks)) {
                        Some(end) => {
                            out.push(offset + start..offset + after + end + ticks);
                            pos = after + end + ticks;
                        }
                        None => break,
                    }
                }
            }
        }
        offset += line.len();
    }
    if let Some((_, start)) = fence {
        out.push(start..text.len());
    }
    out
}

/// Parses a call opening at `start`; `Ok(None)` when the braces are not a shortcode.
fn parse_call(text: &str, start: usize, body_form: bool) -> Result<Option<Call>, ParseError> {
    let mut p = Cursor {
        text,
        pos: start + 2,
    };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() || name == "end" {
        return Ok(None);
    }
    p.skip_ws();
    if !p.eat("(") {
        return Ok(None);
    }
    let args = p.args()?;
    p.skip_ws();
    let close = if body_form { "%}" } else { "}}" };
    if !p.eat(close) {
        return Err(p.error(
            format!("the shortcode `{name}` is not closed with `{close}`"),
            format!("write it as {}", example(&name, body_form)),
        ));
    }
    let mut end = p.pos;
    let body = if body_form {
        let Some((body_end, after)) = find_end(text, end) else {
            return Err(ParseError {
                message: format!("the shortcode `{name}` has no `{{% end %}}`"),
                hint: "close the shortcode's body with {% end %}".into(),
                range: start..end,
            });
        };
        let body = text[end..body_end].to_string();
        end = after;
        Some(body)
    } else {
        None
    };
    Ok(Some(Call {
        name,
        args,
        body,
        range: start..end,
    }))
}

fn example(name: &str, body_form: bool) -> String {
    if body_form {
        format!("{{% {name}(key=\"value\") %}}...{{% end %}}")
    } else {
        format!("{{{{ {name}(key=\"value\") }}}}")
    }
}

/// The start of the next `{% end %}` after `from`, and the byte after it.
fn find_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    while let Some(i) = text[pos..].find("{%") {
        let at = pos + i;
        let mut c = Cursor { text, pos: at + 2 };
        c.skip_ws();
        if c.ident() == "end" {
            c.skip_ws();
            if c.eat("%}") {
                return Some((at, c.pos));
            }
        }
        pos = at + 2;
    }
    None
}

/// How deep lists may nest in an argument: parsing (and dropping) a list is recursive,
/// and 100,000 `[` overflowed the stack.
const MAX_LIST_DEPTH: usize = 32;

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> String {
        let n: usize = self
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        let s = self.rest()[..n].to_string();
        self.pos += n;
        s
    }

    fn error(&self, message: String, hint: String) -> ParseError {
        let end =
            (self.pos + self.rest().chars().next().map_or(0, char::len_utf8)).min(self.text.len());
        ParseError {
            message,
            hint,
            range: self.pos..end,
        }
    }

    fn args(&mut self) -> Result<Map<String, Value>, ParseError> {
        let mut args = Map::new();
        loop {
            self.skip_ws();
            if self.eat(")") {
                return Ok(args);
            }
            let key = self.ident();
            if key.is_empty() {
                return Err(self.error(
                    "expected an argument name or `)` in this shortcode".into(),
                    "arguments are written name=value, separated by commas".into(),
                ));
            }
            self.skip_ws();
            if !self.eat("=") {
                return Err(self.error(
                    format!("expected `=` after the argument `{key}`"),
                    format!("write {key}=\"value\""),
                ));
            }
            self.skip_ws();
            if let Some(e) = self.unquoted_text(&key) {
                return Err(e);
            }
            let value = self.value(0)?;
            args.insert(key, value);
            self.skip_ws();
            if !self.eat(",") {
                self.skip_ws();
                if self.eat(")") {
                    return Ok(args);
                }
                return Err(self.error(
                    "expected `,` or `)` after a shortcode argument".into(),
                    "separate arguments with commas and end the list with `)`".into(),
                ));
            }
        }
    }

    /// An error for text written without straight quotes as the value of `key`
    /// (`kind=important`, `kind=“important”`), naming the way to write it.
    fn unquoted_text(&self, key: &str) -> Option<ParseError> {
        let rest = self.rest();
        let curly = ['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
        if rest.starts_with(curly) {
            let len: usize = rest
                .char_indices()
                .skip(1)
                .find(|(_, c)| curly.contains(c))
                .map_or(rest.chars().next().map_or(1, char::len_utf8), |(i, c)| {
                    i + c.len_utf8()
                });
            let inner = rest[..len].trim_matches(curly);
            return Some(ParseError {
                message: format!(
                    "the text of `{key}` is in curly quotes “…”, which do not count as quotes here"
                ),
                hint: format!(
                    "use straight quotes: {key}=\"{inner}\" (word processors change them to curly ones)"
                ),
                range: self.pos..self.pos + len,
            });
        }
        let word: String = rest
            .chars()
            .take_while(|&c| !matches!(c, ',' | ')') && (c == ' ' || !c.is_whitespace()))
            .collect();
        let word = word.trim_end();
        let first = word.chars().next()?;
        let is_value = matches!(word, "true" | "false")
            || word.parse::<f64>().is_ok()
            || matches!(first, '"' | '\'' | '`' | '[');
        if is_value || word.is_empty() {
            return None;
        }
        Some(ParseError {
            message: format!("the text given to `{key}` must be in quotes"),
            hint: format!("write {key}=\"{word}\""),
            range: self.pos..self.pos + word.len(),
        })
    }

    /// A value, `depth` lists deep.
    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        let bad = |c: &Cursor| {
            c.error(
                "this shortcode argument is not a value".into(),
                "use \"text\", a number, true or false, or a list like [1, 2]".into(),
            )
        };
        let Some(first) = self.rest().chars().next() else {
            return Err(bad(self));
        };
        match first {
            '"' | '\'' | '`' => {
                let start = self.pos;
                self.pos += 1;
                let mut s = String::new();
                let mut chars = self.rest().char_indices();
                while let Some((i, c)) = chars.next() {
                    if c == first {
                        self.pos += i + 1;
                        return Ok(Value::String(s));
                    }
                    if c == '\\' && first == '"' {
                        match chars.next() {
                            Some((_, 'n')) => s.push('\n'),
                            Some((_, e)) => s.push(e),
                            None => break,
                        }
                    } else {
                        s.push(c);
                    }
                }
                self.pos = start;
                Err(self.error(
                    "this text argument has no closing quote".into(),
                    format!("end the text with {first}"),
                ))
            }
            '[' if depth >= MAX_LIST_DEPTH => Err(self.error(
                format!("lists inside lists go at most {MAX_LIST_DEPTH} deep in a shortcode"),
                "check that every [ in the arguments is closed with ]".into(),
            )),
            '[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat("]") {
                        return Ok(Value::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                    self.skip_ws();
                    if !self.eat(",") {
                        self.skip_ws();
                        if self.eat("]") {
                            return Ok(Value::Array(items));
                        }
                        return Err(bad(self));
                    }
                }
            }
            _ => {
                let word: String = self
                    .rest()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'))
                    .collect();
                let value = match word.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    w => {
                        if let Ok(i) = w.parse::<i64>() {
                            Value::from(i)
                        } else if let Ok(f) = w.parse::<f64>() {
                            Value::from(f)
                        } else {
                            return Err(bad(self));
                        }
                    }
                };
                self.pos += word.len();
                Ok(value)
            }
        }
    }
}

/// Records replacements so positions in expanded text map back to the original.
#[derive(Debug, Default, Clone)]
pub struct OffsetMap {
    /// (original range, expanded range) for each replacement, in order.
    edits: Vec<(Range<usize>, Range<usize>)>,
}

impl OffsetMap {
    /// Records that `original` was replaced by text at `expanded`.
    pub fn push(&mut self, original: Range<usize>, expanded: Range<usize>) {
        self.edits.push((original, expanded));
    }

    /// The original position of `pos` in the expanded text (a binary search: a page
    /// can have thousands of shortcodes, and every located event asks).
    pub fn original(&self, pos: usize) -> usize {
        let next = self.edits.partition_point(|(_, exp)| exp.end <= pos);
        if let Some((orig, exp)) = self.edits.get(next)
            && exp.start <= pos
        {
            return orig.start;
        }
        let shift = next.checked_sub(1).map_or(0, |i| {
            self.edits[i].0.end as isize - self.edits[i].1.end as isize
        });
        (pos as isize + shift).max(0) as usize
    }
}

#[cfg(test)]
mod tests;
