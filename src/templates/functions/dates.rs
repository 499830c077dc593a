//! `human_date`: a date as GOV.UK writes it (`30 June 2025`, a month alone `June 2020`),
//! in the reader's language. The month names and the order of day, month and year are
//! translations like any other theme string (`months`, `months_alone`, `date_format`,
//! `month_format`), so a Polish page says `30 czerwca 2025` and a site can add or mend
//! any language in config.toml.

use tera::{Kwargs, State, TeraResult};

use crate::config::Config;
use crate::content::date::DateValue;

/// The months as a date names them when the site has no translation of `months` (a
/// site without the partnership theme).
const ENGLISH_MONTHS: &str = "January, February, March, April, May, June, July, August, September, October, November, December";

/// `{{ "2025-06-30" | human_date }}`, in the template's `lang` (or `lang="pl"`).
pub(super) fn human_date(
    config: &Config,
    value: &str,
    kwargs: &Kwargs,
    state: &State,
) -> TeraResult<String> {
    let date = DateValue::parse(value)
        .ok_or_else(|| tera::Error::message(format!("human_date: `{value}` is not a date")))?;
    let lang = match kwargs.get::<String>("lang")? {
        Some(lang) if !config.has_language(&lang) => {
            return Err(tera::Error::message(format!(
                "human_date: `{lang}` is not one of the site's languages ({})",
                config.language_codes().join(", ")
            )));
        }
        Some(lang) => Some(lang),
        None => state.get::<String>("lang")?,
    };
    let lang = lang.as_deref().filter(|l| config.has_language(l));
    let text = |key: &str, english: &'static str| -> &str {
        config.translate(key, lang).unwrap_or(english)
    };
    let (names_key, names, format) = if date.month_only {
        // A language that names its months one way only gives `months`: a month alone is
        // named so, not with the English fallback of `months_alone`.
        let code = lang.unwrap_or(&config.language);
        let (key, names) = match config.translation_in(code, "months_alone") {
            Some(names) => ("months_alone", names),
            None => match config.translation_in(code, "months") {
                Some(names) => ("months", names),
                None => ("months_alone", text("months_alone", ENGLISH_MONTHS)),
            },
        };
        (key, names, text("month_format", "{month} {year}"))
    } else {
        (
            "months",
            text("months", ENGLISH_MONTHS),
            text("date_format", "{day} {month} {year}"),
        )
    };
    let d = date.date();
    let month = month_name(names, d.month()).ok_or_else(|| {
        tera::Error::message(format!(
            "human_date: the translation `{names_key}` in `{}` does not name the twelve months: write them in order, separated by commas",
            lang.unwrap_or("the default language")
        ))
    })?;
    Ok(format
        .replace("{day}", &d.day().to_string())
        .replace("{month}", month)
        .replace("{year}", &d.year().to_string()))
}

/// Month `month` (1–12) of a comma-separated list of twelve names; `None` unless the list
/// has twelve.
fn month_name(names: &str, month: i8) -> Option<&str> {
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    if names.len() != 12 || names.iter().any(|n| n.is_empty()) {
        return None;
    }
    names
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_names_are_needed() {
        assert_eq!(month_name(ENGLISH_MONTHS, 6), Some("June"));
        assert_eq!(month_name(ENGLISH_MONTHS, 12), Some("December"));
        assert_eq!(month_name("a, b", 1), None);
        assert_eq!(month_name("a,,c,d,e,f,g,h,i,j,k,l", 1), None);
    }
}
