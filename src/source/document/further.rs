//! Every problem of a TOML or YAML block in one run. Serde stops at the first field a
//! schema does not have (or the first wrong value), so a page moved from another
//! generator, with four fields safesite does not know, would take four runs to mend;
//! instead each setting in error is taken out in turn (in TOML blanked with spaces, so
//! every place stays where it was) and the block is read again, until it reads or fails
//! somewhere that cannot be taken out.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::Diagnostic;
use crate::source::yaml;

/// At most this many further problems are looked for in one block.
const MOST: usize = 50;

/// The problems after `first` in `text` (the block as placed in its file) that reading it
/// again without each setting in error finds, made into diagnostics by `report`.
pub(super) fn further_problems<T: DeserializeOwned>(
    mut text: String,
    first: &toml::de::Error,
    report: impl Fn(&str, &toml::de::Error) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut error = first.clone();
    // Once a setting with a wrong value is taken out, a "missing field" may be of our
    // making: the search stops there.
    let mut took_a_value = false;
    while out.len() < MOST {
        let Some(extent) = error.span().and_then(|at| setting_extent(&text, at)) else {
            break;
        };
        took_a_value |= !is_unknown_field(&error);
        blank(&mut text, extent);
        // Should taking it out ever break the TOML itself, what follows would be ours.
        if DeTable::parse(&text).is_err() {
            break;
        }
        match toml::from_str::<T>(&text) {
            Ok(_) => break,
            Err(next) if took_a_value && next.message().starts_with("missing field") => break,
            Err(next) => {
                out.push(report(&text, &next));
                error = next;
            }
        }
    }
    out
}

fn is_unknown_field(e: &toml::de::Error) -> bool {
    e.message().starts_with("unknown field")
}

/// As [`further_problems`], for a YAML block read into `tree`: each entry in error is
/// taken out of a copy of the tree in turn.
pub(super) fn further_yaml_problems<T: DeserializeOwned>(
    tree: &yaml::Node,
    first: &yaml::Error,
    report: impl Fn(&yaml::Error) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut tree = tree.clone();
    let mut out = Vec::new();
    let mut error = first.clone();
    let mut took_a_value = false;
    while out.len() < MOST {
        let Some(at) = error.span.clone() else {
            break;
        };
        if !take_out(&mut tree, &at) {
            break;
        }
        took_a_value |= !error.message.starts_with("unknown field");
        match T::deserialize(&tree) {
            Ok(_) => break,
            Err(next) if took_a_value && next.message.starts_with("missing field") => break,
            Err(next) => {
                out.push(report(&next));
                error = next;
            }
        }
    }
    out
}

/// Removes the entry of a YAML table whose key or value is at `at`; whether there was one.
fn take_out(node: &mut yaml::Node, at: &Range<usize>) -> bool {
    match &mut node.value {
        yaml::Value::Map(entries) => {
            if let Some(i) = entries
                .iter()
                .position(|(k, v)| k.span == *at || v.span == *at)
            {
                entries.remove(i);
                return true;
            }
            entries.iter_mut().any(|(_, v)| take_out(v, at))
        }
        yaml::Value::Seq(items) => items.iter_mut().any(|item| take_out(item, at)),
        _ => false,
    }
}

/// The bytes of the setting whose key (or value) is at `at`: `key = value` (a value over
/// several lines included), or a whole `[table]` up to the next header.
fn setting_extent(text: &str, at: Range<usize>) -> Option<Range<usize>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let (key, value) = super::settings(table.get_ref())
        .into_iter()
        .find(|(key, value)| {
            key.span() == at
                || (value.span() == at && !matches!(value.get_ref(), DeValue::Table(_)))
        })?;
    let key = key.span();
    if value.span() == at {
        return Some(key.start..value.span().end);
    }
    // `[table]`, `[[tables]]`, `[outer.table]`: only a header's characters before it.
    let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..key.start].trim_start();
    let is_header = before.starts_with('[')
        && before
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '[' | '.' | '_' | '-' | '"' | '\'' | ' '));
    Some(if is_header {
        line_start..next_header(text, key.end)
    } else {
        key.start..value.span().end
    })
}

/// Where the next `[header]` line after byte `from` starts, or the end of `text`.
fn next_header(text: &str, from: usize) -> usize {
    let mut at = text[from..].find('\n').map_or(text.len(), |i| from + i + 1);
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if text[at..line_end].trim_start().starts_with('[') {
            return at;
        }
        at = line_end;
    }
    text.len()
}

/// Replaces `range` of `text` with spaces (as many as each character's bytes), keeping
/// its line breaks, so every offset after it stays where it was.
fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .flat_map(|c| match c {
            '\n' | '\r' => std::iter::repeat_n(c, 1),
            _ => std::iter::repeat_n(' ', c.len_utf8()),
        })
        .collect();
    text.replace_range(range, &blanked);
}
