//! A block of TOML or YAML — a content file's front matter, or a whole TOML file — parsed
//! into typed values whose [`Spanned`] fields hold the byte range of the
//! file that the parser reported, with every error explained in plain English at its
//! place ([`super::explain`]).
//!
//! TOML gives spans by itself; the block is parsed as if it started where it does in the
//! file (the lines above it blanked out), so every span is a range of the whole file.
//! YAML is read into a spanned tree (`yaml.rs`) and deserialized from it.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::explain::{Syntax, explain};
use super::yaml::{self, ParseError};
use super::{SourceFile, line_at, rest_of_line};
use crate::diagnostics::{Code, Diagnostic};

/// Parses the TOML `block`, which starts at byte `offset` of `file`, into `T`.
///
/// Errors point at the exact place in the file, say in plain English what is wrong and
/// suggest a fix (the nearest known field name, the value written the right way).
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    parse_toml_in(file, offset, block, true)
}

/// Parses a data file of TOML (`data/contacts.toml`, a framework file): as
/// [`parse_toml`], for a file that has no `[extra]` table for values of one's own.
pub fn parse_data_toml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    parse_toml_in(file, offset, block, false)
}

fn parse_toml_in<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
    extra: bool,
) -> Result<T, Diagnostic> {
    let text = placed(offset, block);
    let range = offset..offset + block.len();
    toml::from_str(&text).map_err(|e| {
        let report =
            |text: &str, e: &toml::de::Error| toml_error(file, range.clone(), text, e, extra);
        let first = report(&text, &e);
        first.with_more(further::further_problems::<T>(text.to_string(), &e, report))
    })
}

/// Parses the YAML `block`, which starts at byte `offset` of `file`, into `T`.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    block: &str,
) -> Result<T, Diagnostic> {
    let tree = read_yaml(file, offset, block)?;
    deserialize_yaml(file, offset..offset + block.len(), &tree)
}

/// `block` as it lies in its file: the bytes before it are spaces, so the parser's byte
/// ranges are ranges of the file (spaces are blank to TOML, and keep line numbers out of
/// it: only byte offsets are used).
fn placed(offset: usize, block: &str) -> Cow<'_, str> {
    if offset == 0 {
        Cow::Borrowed(block)
    } else {
        Cow::Owned(format!("{:offset$}{block}", ""))
    }
}

fn toml_error(
    file: &SourceFile,
    block: Range<usize>,
    text: &str,
    e: &toml::de::Error,
    extra: bool,
) -> Diagnostic {
    let range = e.span().unwrap_or(block.start..block.start);
    let related = (e.message() == "duplicate key")
        .then(|| first_setting(text, &file.text[clamp(&file.text, range.clone())]))
        .flatten();
    located(
        file,
        block,
        range,
        e.message(),
        related,
        (Syntax::Toml, extra),
    )
}

/// Where the key `name` was first set: toml reports the second of two, and reading the
/// block again with recovery keeps the first in its tree.
fn first_setting(text: &str, name: &str) -> Option<usize> {
    let (table, _) = DeTable::parse_recoverable(text);
    let name = name.trim().trim_matches(['"', '\'']);
    settings(table.get_ref())
        .into_iter()
        .filter(|(key, _)| key.get_ref() == name)
        .map(|(key, _)| key.span().start)
        .min()
}

/// A setting of a TOML tree: its key and its value, each with where it is.
pub(super) type Setting<'t, 'i> = (&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>);

/// Every setting of `table` and of the tables in it (in arrays of tables too), outer first.
pub(super) fn settings<'t, 'i>(table: &'t DeTable<'i>) -> Vec<Setting<'t, 'i>> {
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        out.push((key, value));
        match value.get_ref() {
            DeValue::Table(t) => out.extend(settings(t)),
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(t) = item.get_ref() {
                        out.extend(settings(t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The header (`[emergency]`, `[[contacts]]`) of the TOML table of `file` that holds
/// byte `at`, from the tables the parser found; `None` for the top of the file.
pub fn header_at(file: &SourceFile, at: usize) -> Option<String> {
    fn walk(table: &DeTable<'_>, text: &str, at: usize, best: &mut Option<Range<usize>>) {
        for (_, value) in table.iter() {
            let items: Vec<&toml::Spanned<DeValue<'_>>> = match value.get_ref() {
                DeValue::Table(_) => vec![value],
                DeValue::Array(a) => a.iter().collect(),
                _ => Vec::new(),
            };
            for item in items {
                let span = item.span();
                let is_header = text.get(span.clone()).is_some_and(|h| h.starts_with('['));
                if is_header
                    && span.start <= at
                    && best.as_ref().is_none_or(|b| b.start < span.start)
                {
                    *best = Some(span.clone());
                }
                if let DeValue::Table(t) = item.get_ref() {
                    walk(t, text, at, best);
                }
            }
        }
    }
    let (table, _) = DeTable::parse_recoverable(&file.text);
    let mut best = None;
    walk(table.get_ref(), &file.text, at, &mut best);
    best.and_then(|r| file.text.get(r))
        .map(|h| h.trim().to_string())
}

fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let end = r.end.min(text.len());
    let start = r.start.min(end);
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        start..end
    } else {
        start..start
    }
}

/// A whole YAML file as data (`load_data(path="….yaml")`): its values as JSON, or why
/// it cannot be read, at its line and column.
pub fn yaml_data(file: &SourceFile) -> Result<serde_json::Value, Diagnostic> {
    let tree = read_yaml(file, 0, &file.text)?;
    deserialize_yaml(file, 0..file.text.len(), &tree)
}

/// Reads YAML into its tree, or explains why it cannot be read.
fn read_yaml(file: &SourceFile, offset: usize, block: &str) -> Result<yaml::Node, Diagnostic> {
    let range = offset..offset + block.len();
    if let Some(at) = too_deep(block) {
        return Err(too_deep_error(file, offset + at));
    }
    yaml::parse(block, offset).map_err(|e| match e {
        ParseError::Syntax {
            problem,
            at,
            context,
        } => {
            let message = match context {
                Some((what, _)) => format!("{problem} {what}"),
                None => problem.to_string(),
            };
            located(
                file,
                range,
                at..at,
                &message,
                context.map(|(_, at)| at),
                (Syntax::Yaml, true),
            )
        }
        ParseError::Duplicate(first, second) => located(
            file,
            range,
            second,
            "duplicate key",
            Some(first.start),
            (Syntax::Yaml, true),
        ),
        ParseError::TooDeep(at) => too_deep_error(file, at),
        ParseError::TooBig(at) => {
            Diagnostic::error("the aliases (*name) here repeat the same values too many times")
                .in_file(&file.rel)
                .at(&file.text, at..at + 1)
                .with_hint("write the values out instead of repeating them with & and * aliases")
        }
        ParseError::UnknownAlias(span) => {
            Diagnostic::error("this alias (*name) names no anchor (&name) above it")
                .in_file(&file.rel)
                .at(&file.text, span)
                .with_hint("put &name before the value to repeat, or write the value out")
        }
    })
}

fn deserialize_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    block: Range<usize>,
    tree: &yaml::Node,
) -> Result<T, Diagnostic> {
    let report = |e: &yaml::Error| {
        let range = e.span.clone().unwrap_or(block.start..block.start);
        located(
            file,
            block.clone(),
            range,
            &e.message,
            None,
            (Syntax::Yaml, true),
        )
    };
    T::deserialize(tree)
        .map_err(|e| report(&e).with_more(further::further_yaml_problems::<T>(tree, &e, report)))
}

/// How deep YAML's `[`…`]` and `{`…`}` may nest, checked before parsing: the scanner
/// takes time that grows with the square of the depth (100,000 `[` took minutes).
const MAX_YAML_NESTING: usize = yaml::MAX_NESTING;

/// Where `block` opens a bracket more than [`MAX_YAML_NESTING`] deep, counting every
/// bracket (one in quotes too: no real front matter has 128 of them open in a row).
fn too_deep(block: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in block.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn too_deep_error(file: &SourceFile, at: usize) -> Diagnostic {
    Diagnostic::error(format!(
        "lists or tables inside each other go at most {MAX_YAML_NESTING} deep"
    ))
    .in_file(&file.rel)
    .at(&file.text, at..at + 1)
    .with_hint("check that every [ is closed with ] and every { with }")
}

/// A parser error about `range` of `block` (byte ranges of `file`) as a located,
/// explained diagnostic; `related` is an earlier place the parser named (where a quoted
/// text began, where a repeated key was first set); `(syntax, extra)`: the language, and
/// whether the file has an `[extra]` table.
fn located(
    file: &SourceFile,
    block: Range<usize>,
    range: Range<usize>,
    raw: &str,
    related: Option<usize>,
    (syntax, extra): (Syntax, bool),
) -> Diagnostic {
    let explained = explain(&file.text, range, raw, related, syntax, extra);
    let mut d = Diagnostic::error(explained.message).in_file(&file.rel);
    let missing = field_named(raw, "missing field `");
    if let Some(name) = &missing {
        d = d.with_code(Code::MissingField(name.clone()));
    }
    if let Some(name) = field_named(raw, "unknown field `") {
        d = d.with_code(Code::UnknownField(name));
    }
    // A field missing from the whole block has no place of its own: point at the
    // opening `+++` of front matter, or at no line of a whole file such as config.toml.
    // One missing from an entry points at the entry (`[[steps]]`).
    let whole_block = explained.range.is_empty() || explained.range.start <= block.start;
    if missing.is_some() && whole_block {
        if block.start > 0 {
            d = d.at(&file.text, line_at(&file.text, block.start - 1));
        }
    } else {
        d = d.at(&file.text, explained.range);
    }
    if let Some(h) = explained.hint {
        d = d.with_hint(h);
    }
    d
}

/// `x` in serde's "missing field `x`" (or another message of that shape).
fn field_named(raw: &str, prefix: &str) -> Option<String> {
    let rest = raw.strip_prefix(prefix)?;
    rest.split('`').next().map(str::to_string)
}

/// A front-matter block read without a syntax error, ready to be parsed into typed
/// values (the content layer parses the common fields and a kind's own from one
/// document), with where each of its top-level fields is.
#[derive(Debug, Clone)]
pub struct Document {
    file: SourceFile,
    range: Range<usize>,
    syntax: Syntax,
    /// YAML's tree; TOML is parsed again for each type (it keeps spans by itself).
    yaml: Option<yaml::Node>,
    fields: Fields,
}

impl Document {
    /// Reads `range` of `file` as `syntax`: a syntax error is explained and located.
    pub fn read(
        file: &SourceFile,
        range: Range<usize>,
        syntax: Syntax,
    ) -> Result<Self, Diagnostic> {
        let block = &file.text[range.clone()];
        let (yaml, fields) = match syntax {
            // Nothing between the lines reads as an empty table, as in TOML.
            Syntax::Yaml if block.trim().is_empty() => (None, Fields::default()),
            Syntax::Yaml => {
                let tree = read_yaml(file, range.start, block)?;
                let fields = Fields::of_yaml(&tree);
                (Some(tree), fields)
            }
            Syntax::Toml => {
                let text = placed(range.start, block);
                let table = DeTable::parse(&text)
                    .map_err(|e| toml_error(file, range.clone(), &text, &e, true))?;
                (None, Fields::of_toml(table.get_ref()))
            }
        };
        Ok(Document {
            file: file.clone(),
            range,
            syntax,
            yaml,
            fields,
        })
    }

    /// Parses the document into `T`; a field `T` cannot take is explained at its place.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        match &self.yaml {
            Some(tree) => deserialize_yaml(&self.file, self.range.clone(), tree),
            None if self.syntax == Syntax::Toml => {
                let block = &self.file.text[self.range.clone()];
                parse_toml(&self.file, self.range.start, block)
            }
            // An empty YAML block: an empty table, as TOML reads one.
            None => parse_toml(&self.file, self.range.start, ""),
        }
    }

    /// Whether the block is a table of fields (TOML always is; YAML may be a lone text).
    pub fn is_table(&self) -> bool {
        self.yaml
            .as_ref()
            .is_none_or(|t| matches!(t.value, yaml::Value::Map(_) | yaml::Value::Null))
    }

    /// Where each top-level field is.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// TOML or YAML.
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }
}

/// One top-level field of a block, as the parser saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Where its name is (inside `[name]` for a table).
    pub key: Range<usize>,
    /// Where its value is (the `[name]` header line for a table).
    pub value: Range<usize>,
    /// Whether it holds something: not empty text, an empty list or an empty table.
    pub set: bool,
}

impl Field {
    /// Where the field starts: its key, or the `[` of its table header.
    pub fn start(&self) -> usize {
        self.key.start.min(self.value.start)
    }
}

/// Where the top-level fields of a block are, so a diagnostic about a field points at
/// the line that sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(Vec<Field>);

impl Fields {
    /// The field called `name`, if the block sets it.
    pub fn get(&self, name: &str) -> Option<&Field> {
        self.0.iter().find(|f| f.name == name)
    }

    /// Every field, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = &Field> {
        self.0.iter()
    }

    /// Whether the block sets `name` to something (not empty text, list or table).
    pub fn is_set(&self, name: &str) -> bool {
        self.get(name).is_some_and(|f| f.set)
    }

    /// From the start of the field `name` to the end of its first line, in `text`.
    pub fn line(&self, text: &str, name: &str) -> Option<Range<usize>> {
        self.get(name).map(|f| rest_of_line(text, f.start()))
    }

    fn of_toml(table: &DeTable<'_>) -> Self {
        let set = |v: &DeValue<'_>| match v {
            DeValue::String(s) => !s.trim().is_empty(),
            DeValue::Array(a) => !a.is_empty(),
            DeValue::Table(t) => !t.is_empty(),
            _ => true,
        };
        let mut fields: Vec<Field> = table
            .iter()
            .map(|(k, v)| Field {
                name: k.get_ref().to_string(),
                key: k.span(),
                value: v.span(),
                set: set(v.get_ref()),
            })
            .collect();
        fields.sort_by_key(Field::start);
        Fields(fields)
    }

    fn of_yaml(tree: &yaml::Node) -> Self {
        let yaml::Value::Map(entries) = &tree.value else {
            return Fields::default();
        };
        let name = |k: &yaml::Node| String::deserialize(k).ok();
        let fields = entries
            .iter()
            .filter_map(|(k, v)| {
                Some(Field {
                    name: name(k)?,
                    key: k.span.clone(),
                    value: v.span.clone(),
                    set: match &v.value {
                        yaml::Value::Null => false,
                        yaml::Value::Str(s) => !s.trim().is_empty(),
                        yaml::Value::Seq(items) => !items.is_empty(),
                        yaml::Value::Map(entries) => !entries.is_empty(),
                        _ => true,
                    },
                })
            })
            .collect();
        Fields(fields)
    }
}

mod further;
#[cfg(test)]
mod tests;
