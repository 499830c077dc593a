//! Text the parser could not read at all: TOML and YAML syntax mistakes, such as
//! missing quotes, `:` in a TOML block, tabs in YAML or a quote that is never closed.

use super::values::uk_date;
use super::{Ctx, Explained};

impl Ctx<'_> {
    pub(super) fn toml_syntax(&self, m: &str) -> Explained {
        let value = self.value();
        let key = self.key_or("title");
        if m.starts_with("string values must be quoted") || m.starts_with("invalid boolean") {
            return self.unquoted(value, &key);
        }
        if m.starts_with("key with no value") {
            let line = self.line_text().trim();
            if line == "---" || line == "--" {
                return self.whole_line(
                    "the front matter starts with +++ but ends with ---".into(),
                    "open and close the front matter with the same line: +++ for TOML (name = value), --- for YAML (name: value)".to_string(),
                );
            }
            if let Some((name, rest)) = line.split_once(':')
                && is_bare_key(name.trim())
            {
                let v = rest.trim().trim_matches(['"', '\'']);
                return self.whole_line(
                    "this line uses `:`, but front matter between +++ lines is written with `=`".into(),
                    format!(
                        "write {} = \"{v}\", or use --- lines around the front matter instead of +++ for YAML",
                        name.trim()
                    ),
                );
            }
            return self.whole_line(
                "this line is not written name = value".into(),
                "each line is one field, such as title = \"Our news\"; text that goes over several lines needs three quotes: \"\"\"...\"\"\"".to_string(),
            );
        }
        if m.starts_with("unexpected key or value") {
            let hint = if value.starts_with('\'') && value.matches('\'').count() > 2 {
                format!(
                    "text containing an apostrophe needs double quotes: {key} = \"{}\"",
                    value.trim_matches('\'')
                )
            } else if value.starts_with('"') && value.matches('"').count() > 2 {
                "a \" inside text must be written \\\", or put the text in single quotes: '...'"
                    .to_string()
            } else {
                "put each field on a line of its own, and start comments with #".to_string()
            };
            return self.done(
                format!("there is something after the value of `{key}` on this line"),
                hint,
            );
        }
        if m.starts_with("invalid date") || m.starts_with("invalid time") {
            let why = m
                .split_once("expected ")
                .map(|(_, e)| {
                    if let Some(n) = e.strip_prefix("day between 01 and ") {
                        format!(": that month has only {n} days")
                    } else {
                        format!(": the {}", e.replacen(" between", " must be between", 1))
                    }
                })
                .unwrap_or_default();
            return self.done(
                format!("{value} is not a real date{why}"),
                "dates are written year-month-day, such as 2025-03-31".to_string(),
            );
        }
        if m.starts_with("invalid basic string") || m.starts_with("invalid literal string") {
            return self.done(
                format!("the text of `{key}` has no closing quote"),
                "end the text with the same quote mark on the same line; text over several lines needs three quotes: \"\"\"...\"\"\"".to_string(),
            );
        }
        if m.starts_with("invalid multi-line") {
            return self.done(
                format!("the text of `{key}` has no closing \"\"\""),
                "text that starts with \"\"\" ends with \"\"\"".to_string(),
            );
        }
        if m.starts_with("missing escaped value") || m.starts_with("invalid escape") {
            return self.done(
                "a backslash \\ in text must be followed by a known letter".into(),
                "write \\\\ for a backslash, or put the text in single quotes: '...'".to_string(),
            );
        }
        if m.starts_with("unclosed table") {
            let name = self.line_text().trim().trim_start_matches('[');
            return self.whole_line(
                "this table name has no closing `]`".into(),
                format!("write [{name}]"),
            );
        }
        if m.starts_with("unclosed array") {
            return self.done(
                format!("the list of `{key}` has no closing `]`"),
                format!("end the list with ], such as {key} = [\"one\", \"two\"]"),
            );
        }
        if m.starts_with("missing comma") {
            return self.done(
                format!("the items in the list of `{key}` must be separated by commas"),
                format!("write {key} = [\"one\", \"two\"]"),
            );
        }
        if m.starts_with("unexpected leading zero") {
            return self.done(
                "a number cannot start with 0".into(),
                format!(
                    "write {key} = {}; put a code such as a phone number in quotes: phone = \"01632 960000\"",
                    match value.trim_start_matches('0') {
                        "" => "0",
                        v => v,
                    }
                ),
            );
        }
        if m.starts_with("extra `=`") {
            return self.done(
                "this line has one `=` too many".into(),
                format!("write {key} = \"...\""),
            );
        }
        if m.starts_with("unquoted keys cannot be empty") {
            return self.whole_line(
                "this line has no field name before `=`".into(),
                "write name = value, such as title = \"Our news\"".to_string(),
            );
        }
        self.done(
            sentence(m),
            "this is TOML: one name = value per line, text in \"quotes\", lists in [brackets], dates as 2025-03-31".to_string(),
        )
    }

    /// `string values must be quoted`: the value is bare words, a UK date, curly quotes...
    fn unquoted(&self, value: &str, key: &str) -> Explained {
        if value.is_empty() {
            return self.whole_line(
                format!("`{key}` has no value"),
                format!("write {key} = \"...\", or remove the line"),
            );
        }
        if value.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
            let inner = value.trim_matches(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']);
            return self.done(
                format!("the text of `{key}` is in curly quotes “…”, which do not count as quotes here"),
                format!(
                    "use straight quotes: {key} = \"{inner}\" (word processors change them to curly ones: edit the file in a plain-text editor)"
                ),
            );
        }
        if let Some(iso) = uk_date(value) {
            return self.done(
                format!("dates must be written year-month-day, but {value} is day/month/year"),
                format!("write {key} = {iso}, without quotes"),
            );
        }
        let lower = value.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        ) {
            let b = matches!(lower.as_str(), "true" | "yes" | "on" | "y");
            return self.done(
                format!("`{key}` must be true or false, written in small letters"),
                format!("write {key} = {b}"),
            );
        }
        self.done(
            format!("the text of `{key}` must be in quotes"),
            format!("write {key} = \"{value}\""),
        )
    }

    pub(super) fn yaml_syntax(&self, m: &str) -> Explained {
        let key = self.key_or("title");
        if m.starts_with("mapping values are not allowed") {
            let line = self.line_text();
            let after_key = line.split_once(": ").map_or("", |(_, v)| v);
            if after_key.contains(": ") || after_key.ends_with(':') {
                return self.done(
                    format!("the value of `{key}` contains `: `, which YAML reads as the start of another field"),
                    format!("put the text in quotes: {key}: \"{}\"", after_key.trim().replace('"', "\\\"")),
                );
            }
            return self.whole_line(
                "this line is indented as if it belonged to the line above".into(),
                "fields start at the beginning of the line; only the lines under a table such as extra: are indented, all by the same number of spaces".to_string(),
            );
        }
        if m.starts_with("found character that cannot start any token") {
            let c = self.text[self.range.start..].chars().next().unwrap_or(' ');
            if c == '\t' {
                return self.done(
                    "this line is indented with a tab, which YAML does not allow".into(),
                    "indent with spaces instead (two per level)".to_string(),
                );
            }
            return self.done(
                format!("a value cannot start with `{c}` unless it is in quotes"),
                format!(
                    "put the text in quotes: {key}: \"{}\"",
                    self.value().replace('"', "\\\"")
                ),
            );
        }
        if m.starts_with("found unexpected end of stream")
            && m.ends_with("while scanning a quoted scalar")
            && let Some(at) = self.related
        {
            // libyaml names where the quoted text began: that line is the one to fix.
            let range = at..at + 1;
            let key = Ctx {
                range: range.clone(),
                ..self.shallow()
            }
            .key_of_line()
            .unwrap_or(key);
            return Explained {
                message: format!("the quoted text of `{key}` is never closed"),
                hint: Some(
                    "end the text with the same quote mark it starts with, on the same line".into(),
                ),
                range,
            };
        }
        if m.starts_with("found unknown escape character") {
            return self.done(
                "a backslash \\ in text in double quotes must be followed by a known letter".into(),
                "write \\\\ for a backslash, or use single quotes around the text: '...'"
                    .to_string(),
            );
        }
        if m.starts_with("did not find expected key") {
            let line = self.line_text().trim_start();
            let hint = if line.starts_with("- ") {
                "a list item goes under its field, indented: write the field (such as aliases:) on the line above, then   - /old-page/".to_string()
            } else if self.value().starts_with('\'') && self.value().matches('\'').count() > 2 {
                format!(
                    "text containing an apostrophe needs double quotes: {key}: \"{}\"",
                    self.value().trim_matches('\'')
                )
            } else {
                "check the indentation: fields start at the beginning of the line, and the lines under a table such as extra: are all indented by the same number of spaces".to_string()
            };
            return self.whole_line(
                "this line does not fit with the lines above it".into(),
                hint,
            );
        }
        self.done(
            sentence(m),
            "this is YAML: one name: value per line; put text containing : or # in quotes"
                .to_string(),
        )
    }
}

fn is_bare_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// The parser's message as a sentence of ours (lower-case start).
fn sentence(m: &str) -> String {
    let mut chars = m.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "this could not be read".into(),
    }
}
