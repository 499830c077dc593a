//! Dates in front matter: TOML dates, `"2025-03-31"` strings, date-times, and month-only
//! `"2020-06"` values, all ordered and shown the same way.

use std::fmt;

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date (with an optional time) from front matter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    /// The moment, for ordering (midnight when only a date was given).
    pub datetime: DateTime,
    /// The text as written after normalising (`2025-03-31`, `2025-03-31T10:00:00Z`, `2020-06`).
    text: String,
    /// Only a year and month were given.
    pub month_only: bool,
}

impl DateValue {
    /// Parses the forms safesite accepts; `None` if `s` is none of them.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        // jiff reads the date out of a date and time too: only a bare date is one.
        if s.len() == 10
            && let Ok(date) = s.parse::<Date>()
        {
            return Some(Self::whole(
                date.to_datetime(jiff::civil::Time::midnight()),
                s,
                false,
            ));
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            return Some(Self::whole(dt, s, false));
        }
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
            return Some(Self::whole(dt, s, false));
        }
        if s.len() == 7
            && let Ok(date) = format!("{s}-01").parse::<Date>()
        {
            return Some(Self::whole(
                date.to_datetime(jiff::civil::Time::midnight()),
                s,
                true,
            ));
        }
        None
    }

    fn whole(datetime: DateTime, text: &str, month_only: bool) -> Self {
        DateValue {
            datetime,
            text: text.to_string(),
            month_only,
        }
    }

    /// The calendar date.
    pub fn date(&self) -> Date {
        self.datetime.date()
    }

    /// RFC 3339 form for feeds and sitemaps (`2025-03-31T00:00:00Z`).
    pub fn rfc3339(&self) -> String {
        self.datetime.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        // Short, stable messages: `load::explain` turns them into a sentence naming the
        // field, with the right way to write the date. A required date that is left out
        // keeps serde's "missing field" error, which names the field.
        let text = match Raw::deserialize(d).map_err(keep_missing("expected a date"))? {
            Raw::Toml(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
        DateValue::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a date")))
    }
}

/// Today in the UK, or `SAFESITE_TODAY` (YYYY-MM-DD) when set, so checks and tests can
/// be run as of a fixed date. The build asks once and passes the day to every stage.
pub fn today() -> Result<Date, crate::diagnostics::Diagnostic> {
    match std::env::var("SAFESITE_TODAY") {
        Ok(s) => s.trim().parse::<Date>().map_err(|_| {
            crate::diagnostics::Diagnostic::error(format!("SAFESITE_TODAY = \"{s}\" is not a date"))
                .with_hint(
                    "write it as year-month-day, such as SAFESITE_TODAY=2025-03-31, or unset it",
                )
        }),
        Err(_) => Ok(jiff::Zoned::now().with_time_zone(london()).date()),
    }
}

/// The UK's time zone, in which dates and times without an offset are read (the tz
/// database is built in, so this does not depend on the machine).
pub fn london() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The moment a build is made as of: the start of `today` in London when
/// `SAFESITE_TODAY` fixes the day (so a scheduled page's day is deterministic in tests),
/// the clock otherwise.
pub fn now(today: Date) -> jiff::Timestamp {
    if std::env::var_os("SAFESITE_TODAY").is_some() {
        return today
            .to_zoned(london())
            .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp());
    }
    jiff::Timestamp::now()
}

/// Replaces a deserializer's error with `message`, except "missing field" (a required
/// field left out), which must reach the reader as it is: it names the field, where the
/// replacement would blame whatever line the parser was on.
pub fn keep_missing<E: serde::de::Error>(message: &'static str) -> impl Fn(E) -> E {
    move |e: E| {
        if e.to_string().starts_with("missing field") {
            e
        } else {
            E::custom(message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(
            DateValue::parse("2025-02-03").expect("d").to_string(),
            "2025-02-03"
        );
        let dt = DateValue::parse("2025-02-03T10:11:12").expect("date and time");
        assert_eq!(dt.datetime.to_string(), "2025-02-03T10:11:12");
        assert!(DateValue::parse("2025-02-03T10:11:12Z").is_some());
        let m = DateValue::parse("2020-06").expect("month");
        assert!(m.month_only);
        assert!(DateValue::parse("2025-13-01").is_none());
        assert!(DateValue::parse("soon").is_none());
    }

    #[test]
    fn toml_dates_deserialize() {
        #[derive(Deserialize)]
        struct T {
            d: DateValue,
        }
        let t: T = toml::from_str("d = 2025-04-05").expect("toml date");
        assert_eq!(t.d.rfc3339(), "2025-04-05T00:00:00Z");
        let err = toml::from_str::<T>("d = 5").err().expect("error");
        assert!(err.message().contains("expected a date"));
        let err = toml::from_str::<T>("").err().expect("error");
        assert_eq!(err.message(), "missing field `d`");
    }
}
