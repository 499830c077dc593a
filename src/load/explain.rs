//! Parser messages from toml, serde_yaml_ng and serde, rewritten in plain English for
//! people who are not programmers, each with a hint saying how to fix the line.
//!
//! The parsers say what they expected ("invalid type: string \"yes\", expected a
//! boolean"); a user needs to know which field is wrong and what to type instead
//! ("`draft` must be true or false" / "write draft = true or draft = false").
//!
//! [`explain`] strips the message down to what matters and dispatches it: a value the
//! field cannot take goes to `values`, text the parser could not read to `syntax`.

mod syntax;
mod values;

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
        if m.contains("max recursion depth") {
            return self.done(
                "lists or tables inside each other go too deep here".into(),
                "check that every [ is closed with ] and every { with }".to_string(),
            );
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

/// The field named by an explained "unknown field `name`" message, so that a caller
/// can reword it for its own kind of file.
pub fn unknown_field_name(message: &str) -> Option<&str> {
    message
        .strip_prefix("unknown field `")
        .and_then(|r| r.strip_suffix('`'))
}

/// The 1-based number of the line holding byte `at`.
fn line_number(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests;
