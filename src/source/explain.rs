//! Parser messages from toml, libyaml and serde, rewritten in plain English for
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

use super::line_at;

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
/// `related` is an earlier place the parser reported with the
/// problem: where a quoted text it could not finish began, or where a key set twice was
/// set first. `extra` says whether the file has an `[extra]` table for values of one's
/// own (front matter and `config.toml` do; data files do not), to advise it for an
/// unknown field.
pub fn explain(
    text: &str,
    range: Range<usize>,
    raw: &str,
    related: Option<usize>,
    syntax: Syntax,
    extra: bool,
) -> Explained {
    let mut ctx = Ctx::new(text, range, raw, related, syntax);
    ctx.extra = extra;
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
    range: Range<usize>,
    /// The parser's message, trimmed.
    message: String,
    /// The earlier place the parser reported, if any.
    related: Option<usize>,
    /// The field the message is about, if known.
    key: Option<String>,
    syntax: Syntax,
    /// Whether the file has an `[extra]` table.
    extra: bool,
}

impl<'a> Ctx<'a> {
    fn new(
        text: &'a str,
        range: Range<usize>,
        raw: &'a str,
        related: Option<usize>,
        syntax: Syntax,
    ) -> Self {
        let mut ctx = Ctx {
            text,
            range: clamp(text, range),
            message: raw.trim().to_string(),
            related,
            key: None,
            syntax,
            extra: true,
        };
        ctx.key = ctx.key_of_line();
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

    fn shallow(&self) -> Ctx<'a> {
        Ctx {
            text: self.text,
            range: self.range.clone(),
            message: self.message.clone(),
            related: self.related,
            key: None,
            syntax: self.syntax,
            extra: self.extra,
        }
    }
}

/// The 1-based number of the line holding byte `at`.
fn line_number(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests;
