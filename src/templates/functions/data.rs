//! `load_data(path=… | literal=…, format=…, required=…)`: a data file of the site (or a
//! string) as a value, in Zola's formats: TOML, JSON, CSV, YAML, XML, BibTeX, plain text.
//! Builds are offline, so `url=` is refused with what to do instead.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Kwargs, TeraResult, Value};

use super::files::{Found, SiteFiles};

/// The formats `format=` may name.
const FORMATS: [&str; 8] = [
    "toml", "json", "csv", "yaml", "yml", "xml", "bibtex", "plain",
];

/// Reads data files for templates, each (path and format) once per build.
pub(super) struct DataFiles {
    files: SiteFiles,
    cache: Mutex<HashMap<(String, String), Value>>,
}

impl DataFiles {
    pub(super) fn new(files: SiteFiles) -> Self {
        DataFiles {
            files,
            cache: Mutex::default(),
        }
    }

    /// `load_data` itself.
    pub(super) fn load(&self, kwargs: &Kwargs) -> TeraResult<Value> {
        if let Some(url) = kwargs.get::<&str>("url")? {
            return Err(fail(format!(
                "safesite builds offline, so it does not fetch `{url}`{}save the file in the site (such as data/{}) and load it with path=\"data/…\"",
                crate::templates::HELP,
                url.rsplit('/')
                    .next()
                    .filter(|n| !n.is_empty())
                    .unwrap_or("file.json")
            )));
        }
        let format = match kwargs.get::<&str>("format")? {
            Some(f) if FORMATS.contains(&f) => Some(f),
            Some(other) => {
                return Err(fail(format!(
                    "unknown format `{other}`; use one of {}",
                    FORMATS.join(", ")
                )));
            }
            None => None,
        };
        if let Some(literal) = kwargs.get::<&str>("literal")? {
            return parse("the literal", literal, format.unwrap_or("plain"));
        }
        let path: &str = kwargs.must_get("path")?;
        let required = kwargs.get::<bool>("required")?.unwrap_or(true);
        // Any extension that is not a data format is read as plain text, as in Zola.
        let format = format
            .map(str::to_string)
            .or_else(|| {
                let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
                FORMATS.contains(&ext.as_str()).then_some(ext)
            })
            .unwrap_or_else(|| "plain".into());
        let key = (path.to_string(), format);
        if let Some(v) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(v);
        }
        let text = match self.files.search("load_data", path)? {
            Some(Found::File(file)) => std::fs::read_to_string(&file)
                .map_err(|e| fail(format!("cannot read `{path}` as UTF-8 text: {e}")))?,
            Some(Found::Css(css)) => css.to_string(),
            // `required = false`: a missing file gives nothing, as in Zola.
            None if !required => return Ok(Value::none()),
            None => {
                return Err(fail(format!(
                    "there is no file `{path}` in the site folder, static/, content/ or the theme's static/{}check the spelling, or pass required=false if the file may be absent",
                    crate::templates::HELP
                )));
            }
        };
        let value = parse(&format!("`{path}`"), &text, &key.1)?;
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, value.clone());
        }
        Ok(value)
    }
}

fn fail(message: String) -> tera::Error {
    tera::Error::message(format!("load_data: {message}"))
}

/// `text` read as `format`; `what` names it in messages.
fn parse(what: &str, text: &str, format: &str) -> TeraResult<Value> {
    let at = |offset: usize| {
        let (line, column) = crate::diagnostics::line_col(text, offset);
        format!("line {line}, column {column}")
    };
    Ok(match format {
        "toml" => {
            let t: toml::Table = toml::from_str(text).map_err(|e| {
                let place = e.span().map(|s| format!(" ({})", at(s.start)));
                fail(format!(
                    "{what} is not valid TOML{}: {}",
                    place.unwrap_or_default(),
                    e.message()
                ))
            })?;
            Value::from_serializable(&t)
        }
        "json" => {
            let j: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                fail(format!(
                    "{what} is not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ))
            })?;
            Value::from_serializable(&j)
        }
        "yaml" | "yml" => {
            let file = crate::source::SourceFile {
                rel: what.into(),
                text: text.into(),
            };
            let y = crate::source::document::yaml_data(&file).map_err(|d| {
                fail(format!(
                    "{what} is not valid YAML (line {}, column {}): {}",
                    d.line, d.column, d.message
                ))
            })?;
            Value::from_serializable(&y)
        }
        // roxmltree's message ends with the line and column.
        "xml" => Value::from_serializable(
            &xml(text).map_err(|e| fail(format!("{what} is not valid XML: {e}")))?,
        ),
        "bibtex" => Value::from_serializable(&bibtex(text).map_err(|(e, start)| {
            fail(format!("{what} is not valid BibTeX ({}): {e}", at(start)))
        })?),
        "csv" => Value::from_serializable(
            &csv_data(text).map_err(|e| fail(format!("{what} is not valid CSV: {e}")))?,
        ),
        _ => Value::from(text),
    })
}

/// CSV as `{headers, records}`, the shape Zola gives templates.
fn csv_data(text: &str) -> Result<serde_json::Value, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let records = reader
        .records()
        .map(|r| r.map(|rec| rec.iter().map(str::to_string).collect::<Vec<_>>()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(serde_json::json!({ "headers": headers, "records": records }))
}

/// XML as Zola gives it: the root element by its name; an element's attributes as
/// `@name`, its text as `#text` (or the element is its text when it has nothing else);
/// a child name that repeats, a list; numbers and true/false typed.
fn xml(text: &str) -> Result<serde_json::Value, roxmltree::Error> {
    let doc = roxmltree::Document::parse(text)?;
    let root = doc.root_element();
    let mut top = serde_json::Map::new();
    top.insert(root.tag_name().name().to_string(), element(root));
    Ok(serde_json::Value::Object(top))
}

fn element(node: roxmltree::Node) -> serde_json::Value {
    use serde_json::{Map, Value as J};
    let mut map = Map::new();
    for a in node.attributes() {
        map.insert(format!("@{}", a.name()), scalar(a.value()));
    }
    let mut text = String::new();
    for child in node.children() {
        if child.is_element() {
            let name = child.tag_name().name().to_string();
            let value = element(child);
            match map.get_mut(&name) {
                Some(J::Array(items)) => items.push(value),
                Some(first) => *first = J::Array(vec![first.take(), value]),
                None => {
                    map.insert(name, value);
                }
            }
        } else if let Some(t) = child.text() {
            text.push_str(t);
        }
    }
    let text = text.trim();
    if map.is_empty() {
        return if text.is_empty() {
            J::Null
        } else {
            scalar(text)
        };
    }
    if !text.is_empty() {
        map.insert("#text".into(), scalar(text));
    }
    J::Object(map)
}

/// A number or `true`/`false` as itself, other text as text.
fn scalar(text: &str) -> serde_json::Value {
    if let Ok(n) = text.parse::<i64>() {
        return n.into();
    }
    if let Ok(x) = text.parse::<f64>()
        && x.is_finite()
        && !text.starts_with('.')
    {
        return x.into();
    }
    match text {
        "true" => true.into(),
        "false" => false.into(),
        _ => text.into(),
    }
}

/// BibTeX in Zola's shape: `preambles`, `comments` (not kept: always empty),
/// `variables` (the `@string`s), and `bibliographies`, each entry's `entry_type`,
/// `citation_key` and `tags`, with `@string`s and `#` joins resolved.
fn bibtex(text: &str) -> Result<serde_json::Value, (String, usize)> {
    use biblatex::{ChunksExt, RawBibliography, RawChunk};
    let bad = |e: biblatex::ParseError| (e.kind.to_string(), e.span.start);
    let raw = RawBibliography::parse(text).map_err(bad)?;
    let mut variables = serde_json::Map::new();
    for pair in &raw.abbreviations {
        let value: String = pair
            .value
            .v
            .iter()
            .map(|chunk| match chunk.v {
                RawChunk::Normal(s) => s.to_string(),
                RawChunk::Abbreviation(name) => variables
                    .get(name)
                    .and_then(|v: &serde_json::Value| v.as_str())
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect();
        variables.insert(pair.key.v.to_string(), value.into());
    }
    let kinds: HashMap<&str, String> = raw
        .entries
        .iter()
        .map(|e| (e.v.key.v, e.v.kind.v.to_ascii_lowercase()))
        .collect();
    let preamble = raw.preamble.clone();
    let bibliography = biblatex::Bibliography::from_raw(raw).map_err(bad)?;
    let entries: Vec<serde_json::Value> = bibliography
        .iter()
        .map(|entry| {
            let tags: serde_json::Map<String, serde_json::Value> = entry
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), v.format_verbatim().into()))
                .collect();
            serde_json::json!({
                "entry_type": kinds.get(entry.key.as_str()).cloned().unwrap_or_default(),
                "citation_key": entry.key,
                "tags": tags,
            })
        })
        .collect();
    let preambles: Vec<String> = Some(preamble)
        .filter(|p| !p.is_empty())
        .into_iter()
        .collect();
    Ok(serde_json::json!({
        "preambles": preambles,
        "comments": [],
        "variables": variables,
        "bibliographies": entries,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes() {
        let v = csv_data("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n").expect("csv");
        assert_eq!(v["headers"], serde_json::json!(["a", "b"]));
        assert_eq!(v["records"][0], serde_json::json!(["x, y", "say \"hi\""]));
    }

    #[test]
    fn xml_has_zola_shape() {
        let v = xml(r#"<board><meeting date="2025-01-09" n="3">Autumn</meeting><meeting>Spring</meeting><quorum>3</quorum></board>"#).expect("xml");
        assert_eq!(
            v,
            serde_json::json!({"board": {
                "meeting": [{"@date": "2025-01-09", "@n": 3, "#text": "Autumn"}, "Spring"],
                "quorum": 3
            }})
        );
    }

    #[test]
    fn bibtex_resolves_strings() {
        let v = bibtex(
            r#"@string{name = "Vincent Prouillet"}
@misc{my_key, author = name, title = "Zola", note = "by " # name}"#,
        )
        .expect("bibtex");
        assert_eq!(v["variables"]["name"], "Vincent Prouillet");
        let entry = &v["bibliographies"][0];
        assert_eq!(entry["entry_type"], "misc");
        assert_eq!(entry["citation_key"], "my_key");
        assert_eq!(entry["tags"]["author"], "Vincent Prouillet");
        assert_eq!(entry["tags"]["note"], "by Vincent Prouillet");
    }
}
