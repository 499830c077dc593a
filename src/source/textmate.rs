//! TextMate (VS Code) JSON grammars, as Zola 0.23's `extra_grammars` names them, turned
//! into the `.sublime-syntax` form that syntect loads.
//!
//! The two describe the same machine: a `match` rule is a sublime `match`; a
//! `begin`/`end` rule pushes a context whose `meta_scope` is the rule's `name` and which
//! pops at `end`; the `repository` is the set of named contexts. What has no sublime
//! equivalent (`while` rules, patterns inside captures) is left out and named.

use serde_json::{Map, Value};

/// A grammar ready for syntect, and what of it could not be kept.
#[derive(Debug)]
pub struct Converted {
    /// The grammar as `.sublime-syntax` text (YAML, written in its flow style).
    pub sublime_syntax: String,
    /// The grammar's `name`, which code fences use.
    pub name: String,
    /// Rules left out, each said in a few words (`a `while` rule in heading`).
    pub left_out: Vec<String>,
}

/// Converts the JSON text of a TextMate grammar; the error says what is wrong with it.
pub fn convert(json: &str) -> Result<Converted, String> {
    let grammar: Value =
        serde_json::from_str(json).map_err(|e| format!("it is not valid JSON: {e}"))?;
    let top = grammar
        .as_object()
        .ok_or("a grammar is a JSON object with `name`, `scopeName` and `patterns`")?;
    let scope = top
        .get("scopeName")
        .and_then(Value::as_str)
        .ok_or("the grammar has no `scopeName`")?;
    let name = top
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_else(|| scope.rsplit('.').next().unwrap_or(scope))
        .to_string();
    let mut converter = Converter::default();
    let mut contexts = Map::new();
    let main = converter.rules(top.get("patterns"), "main");
    contexts.insert("main".into(), Value::Array(main));
    if let Some(repository) = top.get("repository").and_then(Value::as_object) {
        for (key, entry) in repository {
            let rules = if is_group(entry) {
                converter.rules(entry.get("patterns"), key)
            } else {
                converter.rule(entry, key)
            };
            contexts.insert(key.clone(), Value::Array(rules));
        }
    }
    let extensions: Vec<Value> = top
        .get("fileTypes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = Map::new();
    out.insert("name".into(), Value::String(name.clone()));
    out.insert("scope".into(), Value::String(scope.to_string()));
    out.insert("file_extensions".into(), Value::Array(extensions));
    out.insert("contexts".into(), Value::Object(contexts));
    let mut text = String::from("%YAML 1.2\n---\n");
    emit(&Value::Object(out), &mut text);
    text.push('\n');
    Ok(Converted {
        sublime_syntax: text,
        name,
        left_out: converter.left_out,
    })
}

/// Whether a repository entry is only a list of patterns.
fn is_group(entry: &Value) -> bool {
    entry.get("match").is_none() && entry.get("begin").is_none() && entry.get("include").is_none()
}

/// Gathers what was left out while converting.
#[derive(Default)]
struct Converter {
    left_out: Vec<String>,
}

impl Converter {
    /// The sublime rules for a TextMate `patterns` list, in order.
    fn rules(&mut self, patterns: Option<&Value>, context: &str) -> Vec<Value> {
        patterns
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|p| self.rule(p, context))
            .collect()
    }

    /// The sublime rules for one TextMate rule (a group gives its members).
    fn rule(&mut self, p: &Value, context: &str) -> Vec<Value> {
        let Some(rule) = p.as_object() else {
            return Vec::new();
        };
        if let Some(include) = rule.get("include").and_then(Value::as_str) {
            return vec![object([(
                "include",
                Value::String(include_target(include)),
            )])];
        }
        if rule.contains_key("while") {
            self.left_out.push(format!("a `while` rule in `{context}`"));
            return Vec::new();
        }
        let name = rule.get("name").and_then(Value::as_str);
        if let Some(m) = rule.get("match").and_then(Value::as_str) {
            let mut out = object([("match", Value::String(m.to_string()))]);
            if let Some(name) = name {
                out["scope"] = Value::String(name.to_string());
            }
            self.captures(&mut out, rule.get("captures"), context);
            return vec![out];
        }
        if let Some(begin) = rule.get("begin").and_then(Value::as_str) {
            let end = rule.get("end").and_then(Value::as_str).unwrap_or("$^");
            let mut pushed = Vec::new();
            if let Some(name) = name {
                pushed.push(object([("meta_scope", Value::String(name.to_string()))]));
            }
            if let Some(content) = rule.get("contentName").and_then(Value::as_str) {
                pushed.push(object([(
                    "meta_content_scope",
                    Value::String(content.to_string()),
                )]));
            }
            let mut pop = object([
                ("match", Value::String(end.to_string())),
                ("pop", Value::Bool(true)),
            ]);
            let end_captures = rule.get("endCaptures").or_else(|| rule.get("captures"));
            self.captures(&mut pop, end_captures, context);
            pushed.push(pop);
            pushed.extend(self.rules(rule.get("patterns"), context));
            let mut out = object([("match", Value::String(begin.to_string()))]);
            let begin_captures = rule.get("beginCaptures").or_else(|| rule.get("captures"));
            self.captures(&mut out, begin_captures, context);
            out["push"] = Value::Array(pushed);
            return vec![out];
        }
        self.rules(rule.get("patterns"), context)
    }

    /// Copies TextMate `captures` (`{"1": {"name": "x"}}`) as sublime's (`{1: x}`).
    fn captures(&mut self, out: &mut Value, captures: Option<&Value>, context: &str) {
        let Some(captures) = captures.and_then(Value::as_object) else {
            return;
        };
        let mut map = Map::new();
        for (group, capture) in captures {
            if capture.get("patterns").is_some() {
                self.left_out
                    .push(format!("patterns inside capture {group} in `{context}`"));
            }
            if let Some(name) = capture.get("name").and_then(Value::as_str)
                && group.parse::<u32>().is_ok()
            {
                map.insert(group.clone(), Value::String(name.to_string()));
            }
        }
        if !map.is_empty() {
            out["captures"] = Value::Object(map);
        }
    }
}

/// A TextMate include as sublime names it: `#x` → `x`, `$self` → `main`, another
/// grammar's scope → `scope:…`.
fn include_target(include: &str) -> String {
    match include {
        "$self" | "$base" => "main".to_string(),
        local if local.starts_with('#') => local[1..].to_string(),
        other => format!("scope:{other}"),
    }
}

/// A JSON object of these entries.
fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Writes `value` as YAML flow style: JSON, except that whole-number keys are left
/// unquoted, as syntect reads capture groups only from integer keys.
fn emit(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, (key, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if key.parse::<u32>().is_ok() {
                    out.push_str(key);
                } else {
                    out.push_str(&Value::String(key.clone()).to_string());
                }
                out.push_str(": ");
                emit(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                emit(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_and_begin_end_rules_become_contexts() {
        let grammar = r##"{
            "name": "mini", "scopeName": "source.mini", "fileTypes": ["mini"],
            "patterns": [
                {"match": "\\b(if)\\b", "name": "keyword.control.mini"},
                {"include": "#strings"},
                {"begin": "^=+", "while": "^=", "name": "markup.heading"}
            ],
            "repository": {
                "strings": {"begin": "\"", "end": "\"", "name": "string.quoted.mini",
                    "beginCaptures": {"0": {"name": "punctuation.begin"}},
                    "patterns": [{"match": "\\\\.", "name": "constant.character.escape"}]}
            }
        }"##;
        let c = convert(grammar).expect("converts");
        assert_eq!(c.name, "mini");
        assert_eq!(c.left_out, vec!["a `while` rule in `main`".to_string()]);
        assert!(
            c.sublime_syntax.contains(r#"{"include": "strings"}"#),
            "{}",
            c.sublime_syntax
        );
        assert!(
            c.sublime_syntax
                .contains(r#""captures": {0: "punctuation.begin"}"#),
            "{}",
            c.sublime_syntax
        );
        let def = syntect::parsing::SyntaxDefinition::load_from_str(&c.sublime_syntax, true, None)
            .expect("syntect loads it");
        assert_eq!(def.name, "mini");
        assert!(def.contexts.contains_key("strings"));
    }

    #[test]
    fn a_grammar_without_a_scope_is_refused() {
        let e = convert(r#"{"name": "x", "patterns": []}"#).unwrap_err();
        assert_eq!(e, "the grammar has no `scopeName`");
        assert!(
            convert("[")
                .unwrap_err()
                .starts_with("it is not valid JSON")
        );
    }
}
