//! The schema of `data/contacts.toml` as written, and the parser's messages about it.
//!
//! Values keep their place in the file, so that later checks can point at them; fields
//! the checks require are optional here, so that a missing one can be reported at its
//! table rather than at no line at all.

use serde::Deserialize;
use toml::Spanned;

use super::PATH;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::source::document::{header_at, parse_data_toml};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) emergency: Option<Spanned<RawEmergency>>,
    #[serde(default)]
    pub(super) national: Vec<Spanned<RawNational>>,
    #[serde(default)]
    pub(super) contacts: Vec<Spanned<RawContact>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEmergency {
    pub(super) label: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNational {
    pub(super) name: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    pub(super) area: Option<Spanned<String>>,
    pub(super) service: Option<Spanned<String>>,
    pub(super) audience: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
    pub(super) out_of_hours_phone: Option<Spanned<String>>,
    pub(super) email: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) hours: Vec<Spanned<RawHours>>,
    pub(super) url: Option<Spanned<String>>,
    pub(super) lado_phone: Option<Spanned<String>>,
    /// A TOML date; a quoted `"2025-10-01"` is accepted too.
    pub(super) verified: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHours {
    pub(super) days: Option<Spanned<String>>,
    pub(super) open: Option<Spanned<String>>,
    pub(super) close: Option<Spanned<String>>,
}

/// Parses the file's text from byte `offset` (after a byte-order mark), with the
/// parser's messages worded for this file.
pub(super) fn parse(file: &SourceFile, offset: usize) -> Result<RawFile, Diagnostic> {
    parse_data_toml(file, offset, &file.text[offset..])
        .map_err(|d| d.map_each(|d| in_table(file, d)))
}

/// Names the table an unknown field was found in ("`opening_hours` is not a field of
/// [[contacts]]"), since the same file has several kinds of table.
fn in_table(file: &SourceFile, mut d: Diagnostic) -> Diagnostic {
    let Some(crate::diagnostics::Code::UnknownField(name)) = d.code.as_deref().cloned() else {
        return d;
    };
    let at = d.span.as_ref().map_or(0, |s| s.file_range().start);
    let table = header_at(file, at);
    d.message = match table {
        Some(t) => format!("`{name}` is not a field of {t}"),
        None => format!(
            "`{name}` is not a field of {PATH}: it holds [emergency], [[national]] and [[contacts]] tables"
        ),
    };
    d
}
