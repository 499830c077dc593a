//! Zola's array and text filters that Tera 2 does not have under Zola's names:
//! `slice`, `concat`, `filter`, `map`, `trim_start_matches`, `trim_end_matches` and
//! `num_format`.

use tera::{Kwargs, State, TeraResult, Value};

/// `slice(start=0, end=len)`: part of an array; a negative index counts from the end.
pub(super) fn slice(val: &[Value], kwargs: Kwargs, _: &State) -> TeraResult<Vec<Value>> {
    let len = val.len() as i64;
    let at = |n: i64| -> usize { (if n < 0 { len + n } else { n }).clamp(0, len) as usize };
    let start = at(kwargs.get::<i64>("start")?.unwrap_or(0));
    let end = at(kwargs.get::<i64>("end")?.unwrap_or(len));
    Ok(val.get(start..end.max(start)).unwrap_or_default().to_vec())
}

/// `concat(with=…)`: the array with a value, or another array's values, added.
pub(super) fn concat(val: &[Value], kwargs: Kwargs, _: &State) -> TeraResult<Vec<Value>> {
    let with: Value = kwargs.must_get("with")?;
    let mut out = val.to_vec();
    match with.as_array() {
        Some(more) => out.extend(more.iter().cloned()),
        None => out.push(with),
    }
    Ok(out)
}

/// `filter(attribute=…, value=…)`: the items whose attribute equals `value` (without a
/// `value`: whose attribute is set).
pub(super) fn filter(val: &[Value], kwargs: Kwargs, _: &State) -> TeraResult<Vec<Value>> {
    let attribute: &str = kwargs.must_get("attribute")?;
    let value: Option<Value> = kwargs.get("value")?;
    Ok(val
        .iter()
        .filter(|item| {
            let found = item.get_from_path(attribute);
            match &value {
                Some(v) => found == Some(v),
                None => found.is_some_and(|f| !f.is_none() && !f.is_undefined()),
            }
        })
        .cloned()
        .collect())
}

/// `map(attribute=…)`: each item's attribute.
pub(super) fn map(val: &[Value], kwargs: Kwargs, _: &State) -> TeraResult<Vec<Value>> {
    let attribute: &str = kwargs.must_get("attribute")?;
    Ok(val
        .iter()
        .map(|item| {
            item.get_from_path(attribute)
                .cloned()
                .unwrap_or(Value::none())
        })
        .collect())
}

/// `trim_start_matches(pat=…)`: the text without every leading `pat`.
pub(super) fn trim_start_matches(val: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let pat: &str = kwargs.must_get("pat")?;
    Ok(val.trim_start_matches(pat).to_string())
}

/// `trim_end_matches(pat=…)`: the text without every trailing `pat`.
pub(super) fn trim_end_matches(val: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let pat: &str = kwargs.must_get("pat")?;
    Ok(val.trim_end_matches(pat).to_string())
}

/// `num_format(locale="en")`: a whole number with the locale's thousands separator
/// (`12,345` in English, `12 345` in Polish and French, `12.345` in German).
pub(super) fn num_format(val: i64, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let locale = kwargs.get::<&str>("locale")?.unwrap_or("en");
    let language = locale.split(['-', '_']).next().unwrap_or(locale);
    let separator = match language {
        "en" | "ur" | "hi" | "pa" | "bn" | "zh" | "ja" | "ko" | "cy" | "ga" | "so" | "ar"
        | "fa" | "he" => ",",
        "pl" | "fr" | "ru" | "uk" | "cs" | "sk" | "sv" | "fi" | "nb" | "lt" | "lv" | "et"
        | "bg" | "hu" => "\u{a0}",
        "de" | "es" | "it" | "nl" | "pt" | "da" | "ro" | "tr" | "el" | "sl" | "hr" | "sr"
        | "id" => ".",
        _ => {
            return Err(tera::Error::message(format!(
                "num_format: safesite does not know how `{locale}` writes numbers; use a language code such as en, pl or de"
            )));
        }
    };
    let digits = val.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2 + 1);
    if val < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    Ok(out)
}
