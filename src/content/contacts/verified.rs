//! The `verified` date of a local contact: numbers change, so a contact not checked for
//! [`FRESH_MONTHS`] months is a warning.

use std::ops::Range;

use jiff::ToSpan;
use jiff::civil::Date;
use toml::Spanned;

use super::FRESH_MONTHS;
use super::checker::Checker;

impl Checker<'_> {
    /// The `verified` date: warned about when missing, old or in the future.
    pub(super) fn verified(
        &mut self,
        value: Option<&Spanned<toml::Value>>,
        table: &Range<usize>,
    ) -> Option<Option<Date>> {
        let today = self.today;
        let Some(value) = value else {
            self.warning(
                table.clone(),
                "this contact has no `verified` date, so nobody can tell when its numbers were last checked",
                format!("numbers change: ring them, then add verified = {today} below [[contacts]]"),
            );
            return Some(None);
        };
        let Some(date) = date_of(value.get_ref()) else {
            let suggestion = match value.get_ref() {
                toml::Value::String(s) => uk_date(s),
                _ => None,
            };
            self.error(
                value.span(),
                "`verified` must be a date",
                match suggestion {
                    Some(d) => format!("write dates as year-month-day, without quotes: verified = {d}"),
                    None => format!("write the date the details were checked as year-month-day, without quotes, such as verified = {today}"),
                },
            );
            return None;
        };
        let stale_before = today.checked_sub(FRESH_MONTHS.months()).unwrap_or(today);
        if date < stale_before {
            self.warning(
                value.span(),
                format!(
                    "these details were last checked on {}, more than {FRESH_MONTHS} months ago",
                    long_date(date)
                ),
                format!("numbers change: check this number and update verified (for example, verified = {today} once you have rung it today)"),
            );
        } else if date > today {
            self.warning(
                value.span(),
                format!("`verified` is {}, which is in the future", long_date(date)),
                format!("write the date the details were checked, such as verified = {today}"),
            );
        }
        Some(Some(date))
    }
}

/// The date of a `verified` value: a TOML date (or the date of a date-time), or a quoted
/// `YYYY-MM-DD`.
fn date_of(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            Date::new(
                i16::try_from(d.year).ok()?,
                i8::try_from(d.month).ok()?,
                i8::try_from(d.day).ok()?,
            )
            .ok()
        }
        toml::Value::String(s) => s.trim().parse::<Date>().ok(),
        _ => None,
    }
}

/// `01/10/2025` (day first, as written in the UK) as `2025-10-01`.
fn uk_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().split(['/', '.', '-']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// `1 October 2025`, as GOV.UK writes dates.
fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}
