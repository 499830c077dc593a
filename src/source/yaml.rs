//! YAML front matter (between `---` lines) read into a tree that keeps the byte range of
//! every key and value, and a serde deserializer over that tree, so a YAML field's
//! `Spanned` value holds its place in the file exactly as a TOML field's does.
//!
//! The events come from libyaml-safer (a safe port of libyaml, the parser serde_yaml
//! used), so syntax errors carry libyaml's messages and marks; scalars are typed by the
//! YAML 1.2 core schema.

use std::fmt;
use std::ops::Range;

use libyaml_safer::{EventData, Parser, ScalarStyle};
use serde::de::{self, IntoDeserializer, Visitor};

/// How deep lists and tables may nest: the deserializer walks the tree by recursion.
pub const MAX_NESTING: usize = 128;
/// How many values a block may hold once aliases are expanded (an alias of an alias of
/// an alias… doubles each time: "a billion laughs" is refused, not expanded).
const MAX_VALUES: usize = 100_000;

/// One value and where it is in the file.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its byte range in the file.
    pub span: Range<usize>,
    /// What it is.
    pub value: Value,
}

/// A YAML value, typed by the core schema.
#[derive(Debug, Clone)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A table, in the order written.
    Map(Vec<(Node, Node)>),
}

/// Why a block could not be read.
#[derive(Debug, Clone)]
pub enum ParseError {
    /// libyaml's message: its problem and where, and what it was doing and from where.
    Syntax {
        /// What is wrong (`mapping values are not allowed in this context`).
        problem: &'static str,
        /// Where, as a byte offset of the file.
        at: usize,
        /// What it was reading (`while scanning a quoted scalar`) and from where.
        context: Option<(&'static str, usize)>,
    },
    /// Lists or tables nested deeper than [`MAX_NESTING`], at this byte.
    TooDeep(usize),
    /// Aliases that expand past [`MAX_VALUES`] values, at this byte.
    TooBig(usize),
    /// An alias `*name` with no anchor `&name` before it.
    UnknownAlias(Range<usize>),
    /// A key written twice in one table: the first and the second.
    Duplicate(Range<usize>, Range<usize>),
}

/// A list or table being read.
enum Open {
    Seq(usize, Option<String>, Vec<Node>),
    Map(usize, Option<String>, Vec<(Node, Node)>, Option<Node>),
}

/// Reads the YAML `block`, which starts at byte `offset` of its file. An empty block
/// (or one of only comments) is [`Value::Null`].
pub fn parse(block: &str, offset: usize) -> Result<Node, ParseError> {
    let mut bytes = block.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut bytes);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(String, Node)> = Vec::new();
    let mut root: Option<Node> = None;
    let mut count = 0usize;
    let at = |mark: libyaml_safer::Mark| offset + usize::try_from(mark.index).unwrap_or(0);
    loop {
        let event = parser.parse().map_err(|e| ParseError::Syntax {
            problem: e.problem(),
            at: e.problem_mark().map_or(offset, at),
            context: e.context().zip(e.context_mark().map(at)),
        })?;
        let (start, end) = (at(event.start_mark), at(event.end_mark));
        let done = match event.data {
            EventData::StreamEnd | EventData::DocumentEnd { .. } => break,
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => continue,
            EventData::SequenceStart { anchor, .. } => {
                stack.push(Open::Seq(start, anchor, Vec::new()));
                if stack.len() > MAX_NESTING {
                    return Err(ParseError::TooDeep(start));
                }
                continue;
            }
            EventData::MappingStart { anchor, .. } => {
                stack.push(Open::Map(start, anchor, Vec::new(), None));
                if stack.len() > MAX_NESTING {
                    return Err(ParseError::TooDeep(start));
                }
                continue;
            }
            EventData::SequenceEnd => match stack.pop() {
                Some(Open::Seq(from, anchor, items)) => {
                    (anchor, node(from..end, Value::Seq(items)))
                }
                _ => continue,
            },
            EventData::MappingEnd => match stack.pop() {
                Some(Open::Map(from, anchor, entries, _)) => {
                    (anchor, node(from..end, Value::Map(entries)))
                }
                _ => continue,
            },
            EventData::Scalar {
                anchor,
                tag,
                value,
                style,
                ..
            } => (
                anchor,
                node(start..end, scalar(value, style, tag.as_deref())),
            ),
            EventData::Alias { anchor } => {
                let found = anchors.iter().rev().find(|(name, _)| *name == anchor);
                let Some((_, target)) = found else {
                    return Err(ParseError::UnknownAlias(start..end));
                };
                count += size(target);
                (None, node(start..end, target.value.clone()))
            }
        };
        let (anchor, done) = done;
        count += 1;
        if count > MAX_VALUES {
            return Err(ParseError::TooBig(start));
        }
        if let Some(name) = anchor {
            anchors.push((name, done.clone()));
        }
        match stack.last_mut() {
            None => root = Some(done),
            Some(Open::Seq(_, _, items)) => items.push(done),
            Some(Open::Map(_, _, entries, key)) => match key.take() {
                None => *key = Some(done),
                Some(k) => {
                    if let Some((first, _)) = entries.iter().find(|(e, _)| same_key(e, &k)) {
                        return Err(ParseError::Duplicate(first.span.clone(), k.span));
                    }
                    entries.push((k, done));
                }
            },
        }
    }
    Ok(root.unwrap_or_else(|| node(offset..offset, Value::Null)))
}

fn node(span: Range<usize>, value: Value) -> Node {
    Node { span, value }
}

/// How many values `node` holds, itself included.
fn size(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| size(k) + size(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        _ => false,
    }
}

/// A scalar typed by the YAML 1.2 core schema: only plain (unquoted) text can be a
/// number, `true`/`false` or null, unless a `!!str`-style tag says what it is.
fn scalar(text: String, style: ScalarStyle, tag: Option<&str>) -> Value {
    let core = tag.and_then(|t| t.strip_prefix("tag:yaml.org,2002:"));
    match core {
        Some("str") => return Value::Str(text),
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain && core.is_none() {
        return Value::Str(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(n) = integer(&text) {
        return n;
    }
    if is_float(&text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(text)
}

/// `12`, `-3`, `0o17`, `0x1F`.
fn integer(text: &str) -> Option<Value> {
    let (body, radix) = if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else if let Some(octal) = text.strip_prefix("0o") {
        (octal, 8)
    } else {
        (text, 10)
    };
    let digits = match radix {
        10 => body.strip_prefix(['-', '+']).unwrap_or(body),
        _ => body,
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i64::from_str_radix(body, radix) {
        Ok(n) => Some(Value::Int(n)),
        Err(_) => u64::from_str_radix(body.trim_start_matches('+'), radix)
            .ok()
            .map(Value::UInt),
    }
}

/// `1.5`, `-.5`, `2e3`: the core schema's floats.
fn is_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (t, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, frac)) => {
            digits(whole) && digits(frac) && !(whole.is_empty() && frac.is_empty())
        }
        None => !mantissa.is_empty() && digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// A problem met while deserializing a [`Node`], with the range it is about.
#[derive(Debug, Clone)]
pub struct Error {
    /// serde's message (`unknown field `titel`, expected …`).
    pub message: String,
    /// The range of the value or key it is about, when known.
    pub span: Option<Range<usize>>,
}

impl Error {
    /// Gives the error `span` unless it already has a narrower one.
    fn at(mut self, span: &Range<usize>) -> Self {
        self.span.get_or_insert_with(|| span.clone());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            span: None,
        }
    }
}

impl<'de> IntoDeserializer<'de, Error> for &'de Node {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(n) => visitor.visit_i64(*n),
            Value::UInt(n) => visitor.visit_u64(*n),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Value::Map(entries) => visitor.visit_map(Entries(entries.iter(), None)),
        }
        .map_err(|e| e.at(&self.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let spanned = serde_spanned::de::SpannedDeserializer::new(self, self.span.clone());
            return visitor.visit_map(spanned);
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // `extra:` with nothing after it is an empty table, not an error.
        match self.value {
            Value::Null => visitor
                .visit_map(Entries([].iter(), None))
                .map_err(|e| e.at(&self.span)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                visitor.visit_enum(Variant(key, value))
            }
            _ => self.deserialize_any(visitor),
        }
        .map_err(|e| e.at(&self.span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct seq tuple tuple_struct identifier
    }
}

/// The items of a list, each error given the item's range.
struct Items<'de>(std::slice::Iter<'de, Node>);

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.0.next() {
            Some(item) => seed
                .deserialize(item)
                .map(Some)
                .map_err(|e| e.at(&item.span)),
            None => Ok(None),
        }
    }
}

/// The entries of a table: an error about a key (unknown, repeated) gets the key's
/// range, one about a value the value's.
struct Entries<'de>(std::slice::Iter<'de, (Node, Node)>, Option<&'de Node>);

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.0.next() else {
            return Ok(None);
        };
        self.1 = Some(value);
        seed.deserialize(key).map(Some).map_err(|e| e.at(&key.span))
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .1
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("a value was read before its key"))?;
        seed.deserialize(value).map_err(|e| e.at(&value.span))
    }
}

/// `variant: value`, for an enum written as a one-entry table.
struct Variant<'de>(&'de Node, &'de Node);

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(self.0).map_err(|e| e.at(&self.0.span))?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.1.value {
            Value::Null => Ok(()),
            _ => Err(<Error as de::Error>::custom("this value takes no fields").at(&self.1.span)),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.1)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self.1, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self.1, visitor)
    }
}

#[cfg(test)]
mod tests;
