//! Which fields of a listed page a template can read, so that a listing of many pages (a
//! taxonomy's list of terms, each with its pages) makes only those. A page's `content` is
//! most of its value: on a site whose every page has terms, making it for every page at
//! once is most of the build's memory.
//!
//! A field is read in Tera by its name: `p.title`, `p["title"]`, or an attribute argument
//! such as `sort(attribute="date")`. So every name after a `.` and every quoted word in
//! the template, and in the templates it extends and includes, is a field it may read;
//! anything else is left out. Where the text cannot tell (a value encoded whole with
//! `json_encode`, a key looked up by a variable, a loop over a map's entries, a
//! component, an include of a list of names), every field is made.

use std::collections::BTreeSet;

use super::Templates;

/// What a template's text shows that no field list can cover.
const OPAQUE: &[&str] = &["json_encode", "component", "get_from_path"];

impl Templates {
    /// The page fields that the templates `names` (with the templates they extend and
    /// include) can read, or `None` when their text cannot tell, or a template is not
    /// found: then every field is to be made.
    pub fn fields_read(&self, names: &[&str]) -> Option<BTreeSet<String>> {
        let mut fields = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let text = &self.source(&name)?.text;
            if OPAQUE.iter().any(|word| text.contains(word)) {
                return None;
            }
            todo.extend(read_names(text, &mut fields)?);
        }
        Some(fields)
    }
}

/// Adds to `fields` every name `text` may read a field by, and gives the templates it
/// extends and includes; `None` when a field could be read in a way that has no name.
fn read_names(text: &str, fields: &mut BTreeSet<String>) -> Option<Vec<String>> {
    let bytes = text.as_bytes();
    let mut used = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                let name = ident_at(text, i + 1);
                if !name.is_empty() {
                    fields.insert(name.to_string());
                }
            }
            b'"' | b'\'' => {
                let quote = bytes[i];
                let end = text[i + 1..]
                    .find(quote as char)
                    .map_or(text.len(), |e| i + 1 + e);
                // Not skipped over: an HTML attribute's quotes hold template code too.
                for part in text[i + 1..end].split('.') {
                    fields.insert(part.to_string());
                }
            }
            // `p[key]`: a field named by a variable.
            b'[' if bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') =>
            {
                return None;
            }
            _ => {}
        }
        i += 1;
    }
    for tag in text.split("{%").skip(1) {
        let inner = tag.split("%}").next().unwrap_or_default();
        let mut words = inner
            .trim_start_matches('-')
            .split_whitespace()
            .map(|w| w.trim_matches(','));
        match words.next() {
            Some("extends" | "include") => {
                let rest = inner.split_once(['"', '\'', '[']);
                match rest {
                    Some((_, after)) if !inner.contains('[') => {
                        let name = after.split(['"', '\'']).next().unwrap_or_default();
                        used.push(name.to_string());
                    }
                    _ => return None,
                }
            }
            // `{% for key, value in map %}` reads every entry of a map.
            Some("for") if inner.split(" in ").next().is_some_and(|v| v.contains(',')) => {
                return None;
            }
            _ => {}
        }
    }
    Some(used)
}

/// The identifier that starts at byte `at` of `text` (empty if none does).
fn ident_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or_default();
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..len]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(BTreeSet<String>, Vec<String>)> {
        let mut fields = BTreeSet::new();
        let used = read_names(text, &mut fields)?;
        Some((fields, used))
    }

    #[test]
    fn names_after_dots_and_in_quotes_are_fields_and_templates_are_followed() {
        let (fields, used) = read(
            r#"{% extends "base.html" %}{% for p in term.pages | sort(attribute="extra.rank") %}<a href="{{ p.permalink }}">{{ p.title }}</a>{% include 'partials/x.html' %}{% endfor %}"#,
        )
        .expect("readable");
        for name in ["pages", "title", "permalink", "extra", "rank"] {
            assert!(fields.contains(name), "{name} in {fields:?}");
        }
        assert!(!fields.contains("content"));
        assert_eq!(used, ["base.html", "partials/x.html"]);
    }

    #[test]
    fn a_field_named_by_a_variable_or_a_loop_over_entries_cannot_be_told() {
        assert!(read("{{ p[key] }}").is_none());
        assert!(read("{% for k, v in p %}{{ v }}{% endfor %}").is_none());
        assert!(read(r#"{% include ["a.html", "b.html"] %}"#).is_none());
        assert!(read(r#"{{ p["content"] }}{{ p[0] }}"#).is_some());
    }
}
