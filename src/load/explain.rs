//! Parser messages from toml, serde_yaml_ng and serde, rewritten in plain English for
//! people who are not programmers, each with a hint saying how to fix the line.
//!
//! The parsers say what they expected ("invalid type: string \"yes\", expected a
//! boolean"); a user needs to know which field is wrong and what to type instead
//! ("`draft` must be true or false" / "write draft = true or draft = false").

use std::ops::Range;

/// Which language the text is written in, so examples use its syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `name = value` (`config.toml`, `+++` front matter).
    Toml,
    /// `name: value` (`---` front matter).
    Yaml,
}

impl Syntax {
    /// `key = value` or `key: value`.
    fn assign(self, key: &str, value: &str) -> String {
        match self {
            Syntax::Toml => format!("{key} = {value}"),
            Syntax::Yaml => format!("{key}: {value}"),
        }
    }

    fn separator(self) -> char {
        match self {
            Syntax::Toml => '=',
            Syntax::Yaml => ':',
        }
    }
}

/// A parser error in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where (a byte range of the whole file text), possibly moved to a better place.
    pub range: Range<usize>,
}

/// Rewrites the parser message `raw` about `range` of `text` (the whole file).
///
/// `block` is the byte range of `text` that was parsed (the front matter, or the whole
/// of `config.toml`), so that lines can be searched without leaving it.
pub fn explain(
    text: &str,
    block: Range<usize>,
    range: Range<usize>,
    raw: &str,
    syntax: Syntax,
) -> Explained {
    let ctx = Ctx::new(text, block, range, raw, syntax);
    let mut out = ctx.explain();
    out.range = clamp(text, out.range);
    out
}

/// `r` inside `text` and on character boundaries, so it can be sliced safely.
fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(r.start);
    start..floor(r.end.max(start))
}

struct Ctx<'a> {
    text: &'a str,
    block: Range<usize>,
    range: Range<usize>,
    /// The message without YAML's field prefix and position suffix.
    message: String,
    /// The whole message as the parser gave it.
    raw: &'a str,
    /// The field the message is about, if known.
    key: Option<String>,
    syntax: Syntax,
}

impl<'a> Ctx<'a> {
    fn new(
        text: &'a str,
        block: Range<usize>,
        range: Range<usize>,
        raw: &'a str,
        syntax: Syntax,
    ) -> Self {
        let range = clamp(text, range);
        let mut message = raw.trim().to_string();
        let yaml = syntax == Syntax::Yaml;
        // serde_yaml_ng ends with the position ("... at line 2 column 8") and puts the
        // path of the field first: "extra.count: invalid type: ...".
        if yaml && let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        let mut key = None;
        if yaml
            && let Some((path, rest)) = message.split_once(": ")
            && !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
        {
            key = path.rsplit('.').next().map(str::to_string);
            message = rest.to_string();
        }
        let mut ctx = Ctx {
            text,
            block,
            range,
            message,
            raw,
            key,
            syntax,
        };
        if ctx.key.is_none() {
            ctx.key = ctx.key_of_line();
        }
        ctx
    }

    /// The byte range of the line holding the start of the span (without its newline).
    fn line(&self) -> Range<usize> {
        line_at(self.text, self.range.start)
    }

    fn line_text(&self) -> &'a str {
        &self.text[self.line()]
    }

    /// The field name at the start of the span's line, if the line is `name = ...`.
    fn key_of_line(&self) -> Option<String> {
        let line = self.line_text();
        let (name, _) = line.split_once(self.syntax.separator())?;
        let name = name.trim().trim_matches(['"', '\'']);
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        ok.then(|| name.rsplit('.').next().unwrap_or(name).to_string())
    }

    /// The value the span points at, or the rest of the line after `=`/`:`.
    fn value(&self) -> &'a str {
        let spanned = self.text[self.range.clone()].trim();
        if !spanned.is_empty() && !spanned.contains('\n') {
            return spanned;
        }
        let line = self.line_text();
        line.split_once(self.syntax.separator())
            .map_or("", |(_, v)| v)
            .trim()
    }

    /// "`draft`" or "this value".
    fn subject(&self) -> String {
        match &self.key {
            Some(k) => format!("`{k}`"),
            None => "this value".to_string(),
        }
    }

    fn key_or(&self, default: &str) -> String {
        self.key.clone().unwrap_or_else(|| default.to_string())
    }

    fn done(&self, message: String, hint: impl Into<Option<String>>) -> Explained {
        Explained {
            message,
            hint: hint.into(),
            range: self.range.clone(),
        }
    }

    fn whole_line(&self, message: String, hint: impl Into<Option<String>>) -> Explained {
        let line = self.line();
        let trimmed = self.text[line.clone()].trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        let range = if trimmed.trim().is_empty() {
            line.start..line.start
        } else {
            line.start + lead..line.start + trimmed.len()
        };
        Explained {
            message,
            hint: hint.into(),
            range,
        }
    }

    fn explain(&self) -> Explained {
        let m = self.message.as_str();
        if let Some(rest) = m.strip_prefix("invalid type: ") {
            return self.invalid_type(rest);
        }
        if let Some(rest) = m.strip_prefix("invalid value: ") {
            return self.invalid_value(rest);
        }
        if let Some(rest) = m.strip_prefix("unknown field `") {
            return self.unknown_field(rest);
        }
        if let Some(rest) = m.strip_prefix("unknown variant `") {
            return self.unknown_variant(rest);
        }
        if let Some(rest) = m.strip_prefix("missing field `") {
            let name = rest.trim_end_matches('`');
            return self.done(
                format!("`{name}` is missing"),
                format!(
                    "add a line {} to this file",
                    self.syntax.assign(name, "...")
                ),
            );
        }
        if m == "duplicate key" || m.starts_with("duplicate field `") {
            return self.duplicate(m);
        }
        if m == "wanted string or table" {
            return self.done(
                format!(
                    "{} must be one of the allowed words, in quotes",
                    self.subject()
                ),
                None,
            );
        }
        if let Some(text) = m.strip_suffix("` is not a date") {
            return self.not_a_date(text.trim_start_matches('`'));
        }
        if m == "expected a date" {
            return self.done(
                format!("{} must be a date", self.subject()),
                format!(
                    "write dates as year-month-day without quotes, such as {}",
                    self.syntax.assign(&self.key_or("date"), "2025-03-31")
                ),
            );
        }
        match self.syntax {
            Syntax::Toml => self.toml_syntax(m),
            Syntax::Yaml => self.yaml_syntax(m),
        }
    }

    fn invalid_type(&self, rest: &str) -> Explained {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let value = self.value();
        let found_text = describe_found(found, value);
        let key = self.key_or("value");
        let what = Expected::parse(expected);
        if what == Expected::Struct {
            return self.done(
                "this is not a list of fields written name = value".into(),
                "each line of the front matter is one field, such as title = \"Our news\""
                    .to_string(),
            );
        }
        let message = format!(
            "{} must be {}, but here it is {found_text}",
            self.subject(),
            what.describe()
        );
        let s = self.syntax;
        let unquoted = value.trim_matches(['"', '\'']);
        let hint = match what {
            Expected::Bool => format!(
                "write {} or {}, without quotes",
                s.assign(&key, "true"),
                s.assign(&key, "false")
            ),
            Expected::Integer => match unquoted.trim().parse::<i64>() {
                Ok(n) if found.starts_with("string") => {
                    format!("remove the quotes: {}", s.assign(&key, &n.to_string()))
                }
                _ => format!(
                    "write a whole number without quotes, such as {}",
                    s.assign(&key, "1")
                ),
            },
            Expected::Float => format!(
                "write a number without quotes, such as {}",
                s.assign(&key, "1.5")
            ),
            Expected::Text => {
                let shown = if value.is_empty() || value.starts_with(['[', '{']) {
                    "..."
                } else {
                    unquoted
                };
                format!(
                    "put the text in double quotes: {}",
                    s.assign(&key, &format!("\"{shown}\""))
                )
            }
            Expected::List => {
                let item = if found.starts_with("string") && !unquoted.is_empty() {
                    format!("\"{unquoted}\"")
                } else {
                    "\"...\"".to_string()
                };
                format!(
                    "put the values in square brackets, separated by commas: {}",
                    s.assign(&key, &format!("[{item}]"))
                )
            }
            Expected::Table => match s {
                Syntax::Toml => format!(
                    "write it as a table: a line [{key}], then one name = value per line below it"
                ),
                Syntax::Yaml => format!(
                    "write {key}: on a line of its own, then one name: value per line below it, indented by two spaces"
                ),
            },
            Expected::Struct | Expected::Other(_) => {
                "check the value: text needs \"quotes\", numbers and true/false do not, dates are written 2025-03-31".into()
            }
        };
        self.done(message, hint)
    }

    fn invalid_value(&self, rest: &str) -> Explained {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found_text = describe_found(found, self.value());
        if expected.starts_with('u') && found.contains('-') {
            return self.done(
                format!(
                    "{} must be a whole number of 0 or more, but here it is {found_text}",
                    self.subject()
                ),
                "remove the minus sign".to_string(),
            );
        }
        self.done(
            format!("{} cannot be {found_text}", self.subject()),
            format!("the value must be {}", Expected::parse(expected).describe()),
        )
    }

    fn unknown_field(&self, rest: &str) -> Explained {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked(rest.split_once("expected ").map_or("", |(_, l)| l));
        let hint = match super::source::closest(&name, &expected) {
            Some(best) => format!("did you mean `{best}`? Put your own values under [extra]"),
            None if expected.is_empty() => "remove this line".to_string(),
            None => format!(
                "known fields: {}; put your own values under [extra]",
                expected.join(", ")
            ),
        };
        let range = self
            .relocate_key(&name)
            .unwrap_or_else(|| self.range.clone());
        Explained {
            message: format!("unknown field `{name}`"),
            hint: Some(hint),
            range,
        }
    }

    fn unknown_variant(&self, rest: &str) -> Explained {
        let name = rest.split('`').next().unwrap_or_default();
        let allowed = backticked(rest.split_once("expected ").map_or("", |(_, l)| l));
        let list = allowed
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let key = self.key_or("value");
        let hint = match super::source::closest(name, &allowed) {
            Some(best) => format!(
                "did you mean {}? The allowed values are {list}",
                self.syntax.assign(&key, &format!("\"{best}\""))
            ),
            None => format!("use one of {list}"),
        };
        self.done(
            format!("`{name}` is not an allowed value for {}", self.subject()),
            hint,
        )
    }

    fn duplicate(&self, m: &str) -> Explained {
        let name = match m.strip_prefix("duplicate field `") {
            Some(rest) => rest.trim_end_matches('`').to_string(),
            None => self.text[self.range.clone()]
                .trim()
                .trim_matches(['[', ']', '"', '\''])
                .to_string(),
        };
        let occurrences = self.key_lines(&name);
        let (first, second) = match occurrences.as_slice() {
            [first, second, ..] => (Some(first.clone()), Some(second.clone())),
            [only] => (None, Some(only.clone())),
            [] => (None, None),
        };
        let range = match self.syntax {
            // toml points at the second one itself.
            Syntax::Toml => self.range.clone(),
            Syntax::Yaml => second.unwrap_or_else(|| self.range.clone()),
        };
        let hint = match first {
            Some(f) if f.start != range.start => format!(
                "keep only one `{name}`: it is already set on line {}",
                line_number(self.text, f.start)
            ),
            _ => format!("keep only one `{name}`"),
        };
        Explained {
            message: format!("`{name}` is set twice"),
            hint: Some(hint),
            range,
        }
    }

    fn not_a_date(&self, value: &str) -> Explained {
        let key = self.key_or("date");
        let why = date_problem(value).map_or(String::new(), |w| format!(": {w}"));
        let hint = match uk_date(value) {
            Some(iso) => format!(
                "write dates as year-month-day without quotes: {}",
                self.syntax.assign(&key, &iso)
            ),
            None => format!(
                "write dates as year-month-day without quotes, such as {}, or a month on its own in quotes, such as {}",
                self.syntax.assign(&key, "2025-03-31"),
                self.syntax.assign(&key, "\"2025-03\"")
            ),
        };
        self.done(format!("\"{value}\" is not a date{why}"), hint)
    }

    /// Byte ranges of every line of the block that sets `name` (or is the table `[name]`).
    fn key_lines(&self, name: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut offset = self.block.start;
        for line in self.text[self.block.clone()].split_inclusive('\n') {
            let trimmed = line.trim_start();
            let lead = line.len() - trimmed.len();
            let bare = trimmed.trim_end();
            let is_key = trimmed
                .strip_prefix(name)
                .is_some_and(|r| r.trim_start().starts_with(self.syntax.separator()));
            let is_table = bare.trim_matches(['[', ']']).trim() == name && bare.starts_with('[');
            if is_key || is_table {
                out.push(offset + lead..offset + lead + name.len().min(bare.len()));
            }
            offset += line.len();
        }
        out
    }

    /// The range of the line setting `name`, for parsers that do not say where it is.
    fn relocate_key(&self, name: &str) -> Option<Range<usize>> {
        let line = self.line_text();
        let here = line
            .trim_start()
            .strip_prefix(name)
            .is_some_and(|r| r.trim_start().starts_with(self.syntax.separator()));
        if here {
            return None;
        }
        self.key_lines(name).into_iter().next()
    }

    fn toml_syntax(&self, m: &str) -> Explained {
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

    fn yaml_syntax(&self, m: &str) -> Explained {
        let raw = self.raw;
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
        if m.starts_with("found unexpected end of stream") && raw.contains("quoted scalar at line ")
        {
            let range =
                quoted_start(self.text, self.block.start, raw).unwrap_or(self.range.clone());
            let key = {
                let ctx = Ctx {
                    range: range.clone(),
                    ..self.shallow()
                };
                ctx.key_of_line().unwrap_or(key)
            };
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

    fn shallow(&self) -> Ctx<'a> {
        Ctx {
            text: self.text,
            block: self.block.clone(),
            range: self.range.clone(),
            message: self.message.clone(),
            raw: self.raw,
            key: None,
            syntax: self.syntax,
        }
    }
}

/// What serde expected, in the words a user knows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expected {
    Bool,
    Integer,
    Float,
    Text,
    List,
    Table,
    Struct,
    Other(String),
}

impl Expected {
    fn parse(expected: &str) -> Self {
        let e = expected.trim();
        match e {
            "a boolean" => Expected::Bool,
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
            | "an integer" => Expected::Integer,
            "f32" | "f64" | "a number" => Expected::Float,
            "a string" | "a character" => Expected::Text,
            "a sequence" | "a list" => Expected::List,
            "a map" | "a table" => Expected::Table,
            _ if e.starts_with("struct ") => Expected::Struct,
            _ => Expected::Other(e.to_string()),
        }
    }

    fn describe(&self) -> String {
        match self {
            Expected::Bool => "true or false".into(),
            Expected::Integer => "a whole number".into(),
            Expected::Float => "a number".into(),
            Expected::Text => "text in quotes".into(),
            Expected::List => "a list in square brackets".into(),
            Expected::Table | Expected::Struct => "a table of values".into(),
            Expected::Other(e) => e.clone(),
        }
    }
}

/// `string "yes"` → `the text "yes"`, and so on.
fn describe_found(found: &str, value: &str) -> String {
    let inner = |s: &str| {
        s.split_once(['`', '"'])
            .map_or("", |(_, r)| r)
            .trim_end_matches(['`', '"'])
            .to_string()
    };
    if found.starts_with("string") {
        format!("the text \"{}\"", inner(found))
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        format!("the number {}", inner(found))
    } else if found.starts_with("boolean") {
        inner(found)
    } else if found.starts_with("sequence") {
        "a list".into()
    } else if found.starts_with("map") {
        if looks_like_date(value) {
            format!("the date {value}")
        } else {
            "a table".into()
        }
    } else if found.starts_with("unit") || found.starts_with("null") || found.starts_with("none") {
        "empty".into()
    } else {
        found.to_string()
    }
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// Why `YYYY-MM-DD` text is not a date, when it looks like one.
fn date_problem(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (i16, i8, i8) = (y.parse().ok()?, m.parse().ok()?, d.get(..2)?.parse().ok()?);
    if !(1..=12).contains(&m) {
        return Some("the month must be between 01 and 12".into());
    }
    let days = jiff::civil::Date::new(y, m, 1).ok()?.days_in_month();
    (d < 1 || d > days).then(|| format!("that month has only {days} days"))
}

/// `30/06/2025` (or with `-` or `.`) → `2025-06-30`, when it is a real day-month-year date.
fn uk_date(value: &str) -> Option<String> {
    let v = value.trim().trim_matches(['"', '\'']);
    let sep = ['/', '.', '-'].into_iter().find(|&c| v.contains(c))?;
    let parts: Vec<&str> = v.split(sep).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (i8, i8, i16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let date = jiff::civil::Date::new(y, m, d).ok()?;
    Some(date.to_string())
}

/// For "while scanning a quoted scalar at line L column C": the opening quote's range.
fn quoted_start(text: &str, block_start: usize, raw: &str) -> Option<Range<usize>> {
    let rest = raw.rsplit_once("quoted scalar at line ")?.1;
    let (line, col) = rest.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let col: usize = col
        .trim()
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let mut offset = block_start;
    for (i, l) in text[block_start..].split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let at = offset
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(0, |(b, _)| b);
            return Some(at..at + 1);
        }
        offset += l.len();
    }
    None
}

/// The names between backticks in "`a`, `b` or `c`".
fn backticked(list: &str) -> Vec<&str> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect()
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

/// The range of the line containing byte `at` (without the newline).
pub fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    start..end
}

fn line_number(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str, range: Range<usize>, raw: &str) -> Explained {
        explain(text, 0..text.len(), range, raw, Syntax::Toml)
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
        let e = toml(text, 30..35, "duplicate key");
        assert_eq!(e.message, "`title` is set twice");
        assert!(e.hint.expect("hint").contains("line 1"));
    }

    #[test]
    fn yaml_colon_in_value_needs_quotes() {
        let text = "title: Scrutiny: what we found\n";
        let e = explain(
            text,
            0..text.len(),
            15..15,
            "mapping values are not allowed in this context at line 1 column 16",
            Syntax::Yaml,
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
}
