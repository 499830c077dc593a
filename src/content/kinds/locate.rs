//! Finding a value in front matter, to point a check's message at it: `body = "ofsted"`
//! inside an inline table (`sent_to = [{ body = "ofsted", … }]`), one id of a list of
//! people (`lead_partners = ["a", "b"]`, one line or several), or the nth `number = 3`
//! of a list of `[[steps]]`.

use std::ops::Range;

use crate::load::Split;
use crate::source::SourceFile;

/// The byte range of the `nth` (0-based) occurrence of `value` given to `key` anywhere in
/// the front matter: as `key = value`, inside an inline table or in a list. Falls back to
/// the first place `key` is set, then to the front matter's opening line.
pub fn value_range(
    file: &SourceFile,
    split: &Split,
    key: &str,
    value: &str,
    nth: usize,
) -> Range<usize> {
    let block = &file.text[split.front.clone()];
    let base = split.front.start;
    let mut seen = 0;
    let mut first_key = None;
    for (sep, end) in assignments(block, key) {
        first_key.get_or_insert(sep);
        if value.is_empty() {
            continue;
        }
        for at in occurrences(&block[sep..end], value) {
            if seen == nth {
                return base + sep + at..base + sep + at + value.len();
            }
            seen += 1;
        }
    }
    match first_key {
        Some(sep) => {
            let line = crate::source::line_at(&file.text, base + sep);
            let text = &file.text[line.clone()];
            let lead = text.len() - text.trim_start().len();
            line.start + lead..line.end
        }
        None => crate::source::line_at(&file.text, split.front.start.saturating_sub(1)),
    }
}

/// Where each value given to `key` lies: (just after the `=` or `:`, end of the value).
fn assignments(block: &str, key: &str) -> Vec<(usize, usize)> {
    let bytes = block.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = block[from..].find(key) {
        let start = from + i;
        from = start + key.len();
        let before = block[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"')) {
            continue;
        }
        let rest = &block[from..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let sep = from + gap;
        if !matches!(bytes.get(sep), Some(b'=' | b':')) {
            continue;
        }
        let value_start = sep + 1;
        out.push((value_start, value_end(block, value_start)));
    }
    out
}

/// Where a value starting at `at` ends: a quoted string's closing quote, an array's or
/// inline table's closing bracket (over several lines), or else the end of the line or
/// of the enclosing table entry.
fn value_end(block: &str, at: usize) -> usize {
    let rest = &block[at..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = at + lead;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in block[start..].char_indices() {
        let pos = start + i;
        match quote {
            Some(q) if c == q => {
                quote = None;
                if depth == 0 {
                    return pos + 1;
                }
            }
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' if depth == 0 => return pos,
                ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return pos + 1;
                    }
                }
                ',' | '\n' if depth == 0 => return pos,
                _ => {}
            },
        }
    }
    block.len()
}

/// Offsets of `value` in `region` as a whole value: not part of a longer word or id.
fn occurrences(region: &str, value: &str) -> Vec<usize> {
    let part = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    region
        .match_indices(value)
        .filter(|(i, _)| {
            let before = region[..*i].chars().next_back();
            let after = region[i + value.len()..].chars().next();
            !before.is_some_and(part) && !after.is_some_and(part)
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests;
