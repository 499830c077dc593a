//! Values the parser read but the field cannot take: the wrong type, a word that is
//! not allowed, an unknown or repeated field, text that is not a date (serde's messages).

use super::{Ctx, Explained, Syntax, line_number};
use crate::source::closest;

impl Ctx<'_> {
    pub(super) fn invalid_type(&self, rest: &str) -> Explained {
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

    pub(super) fn invalid_value(&self, rest: &str) -> Explained {
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

    pub(super) fn unknown_field(&self, rest: &str) -> Explained {
        let name = rest.split('`').next().unwrap_or_default().to_string();
        let expected = backticked(rest.split_once("expected ").map_or("", |(_, l)| l));
        let hint = match closest(&name, &expected) {
            Some(best) if self.extra => {
                format!("did you mean `{best}`? Put your own values under [extra]")
            }
            Some(best) => format!("did you mean `{best}`?"),
            None if expected.is_empty() => "remove this line".to_string(),
            None if self.extra => format!(
                "known fields: {}; put your own values under [extra]",
                expected.join(", ")
            ),
            None => format!("known fields: {}", expected.join(", ")),
        };
        self.done(format!("unknown field `{name}`"), hint)
    }

    pub(super) fn unknown_variant(&self, rest: &str) -> Explained {
        let name = rest.split('`').next().unwrap_or_default();
        let allowed = backticked(rest.split_once("expected ").map_or("", |(_, l)| l));
        let list = allowed
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let key = self.key_or("value");
        let hint = match closest(name, &allowed) {
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

    pub(super) fn duplicate(&self, m: &str) -> Explained {
        let name = match m.strip_prefix("duplicate field `") {
            Some(rest) => rest.trim_end_matches('`').to_string(),
            None => self.text[self.range.clone()]
                .trim()
                .trim_matches(['[', ']', '"', '\''])
                .to_string(),
        };
        let hint = match self.related {
            Some(first) if first != self.range.start => format!(
                "keep only one `{name}`: it is already set on line {}",
                line_number(self.text, first)
            ),
            _ => format!("keep only one `{name}`"),
        };
        self.done(format!("`{name}` is set twice"), hint)
    }

    pub(super) fn not_a_date(&self, value: &str) -> Explained {
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
pub(super) fn date_problem(value: &str) -> Option<String> {
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
pub(super) fn uk_date(value: &str) -> Option<String> {
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

/// The names between backticks in "`a`, `b` or `c`".
fn backticked(list: &str) -> Vec<&str> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect()
}
