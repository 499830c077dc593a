//! Opening times: `"09:00"` in the file, "9am" on the page (as GOV.UK writes times).

use std::fmt;

/// A time of day from an `open` or `close` field; `24:00` (midnight at the end of the
/// day) is allowed as a closing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay {
    /// 0 to 24 (24 only with minute 0).
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
}

impl TimeOfDay {
    /// Minutes since the start of the day, for comparing times.
    pub fn minutes(self) -> u16 {
        u16::from(self.hour) * 60 + u16::from(self.minute)
    }

    /// The time as GOV.UK writes it: `9am`, `8:30am`, `5:30pm`, `midday`, `midnight`.
    pub fn spoken(self) -> String {
        match (self.hour, self.minute) {
            (0 | 24, 0) => "midnight".to_string(),
            (12, 0) => "midday".to_string(),
            (h, m) => {
                let suffix = if h < 12 { "am" } else { "pm" };
                let h12 = match h % 12 {
                    0 => 12,
                    x => x,
                };
                if m == 0 {
                    format!("{h12}{suffix}")
                } else {
                    format!("{h12}:{m:02}{suffix}")
                }
            }
        }
    }
}

impl fmt::Display for TimeOfDay {
    /// `09:00`, the form written in the file and used in `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// Reads a 24-hour `HH:MM` time (`9:00` is accepted too). The error is a hint saying
/// what to write instead.
pub fn parse_time(raw: &str) -> Result<TimeOfDay, String> {
    let s = raw.trim();
    let general = "write times as 24-hour hours and minutes with a colon, such as \"09:00\", \"16:30\" or \"17:00\"";
    if let Some(suggestion) = from_am_pm(s) {
        return Err(format!(
            "write \"{suggestion}\" (times are written as 24-hour hours and minutes)"
        ));
    }
    let Some((h, m)) = s.split_once(':').or_else(|| s.split_once('.')) else {
        return Err(general.to_string());
    };
    let number = |part: &str, max_len: usize| {
        (!part.is_empty() && part.len() <= max_len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u8>().ok())
            .flatten()
    };
    let (Some(hour), Some(minute)) = (number(h, 2), number(m, 2)) else {
        return Err(general.to_string());
    };
    if m.len() != 2 || hour > 24 || minute > 59 || (hour == 24 && minute > 0) {
        return Err(general.to_string());
    }
    if s.contains('.') {
        return Err(format!(
            "write \"{:02}:{:02}\", with a colon between the hours and minutes",
            hour, minute
        ));
    }
    Ok(TimeOfDay { hour, minute })
}

/// `5pm` → `17:00`, `8.30am` → `08:30`: what a time written with am or pm means.
fn from_am_pm(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase().replace(' ', "");
    let (number, pm) = if let Some(n) = lower.strip_suffix("am") {
        (n, false)
    } else if let Some(n) = lower.strip_suffix("pm") {
        (n, true)
    } else {
        return match lower.as_str() {
            "midday" | "noon" => Some("12:00".into()),
            "midnight" => Some("00:00 (or \"24:00\" for a closing time)".into()),
            _ => None,
        };
    };
    let (h, m) = match number.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?),
        None => (number.parse::<u8>().ok()?, 0),
    };
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let hour = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    };
    Some(format!("{hour:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TimeOfDay {
        parse_time(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn reads_24_hour_times() {
        assert_eq!(t("09:00"), TimeOfDay { hour: 9, minute: 0 });
        assert_eq!(t("9:00"), TimeOfDay { hour: 9, minute: 0 });
        assert_eq!(t("16:30").minutes(), 990);
        assert_eq!(t("24:00").minutes(), 1440);
        assert_eq!(t("08:30").to_string(), "08:30");
    }

    #[test]
    fn rejects_other_forms_with_a_suggestion() {
        assert_eq!(
            parse_time("5pm").expect_err("am/pm"),
            "write \"17:00\" (times are written as 24-hour hours and minutes)"
        );
        assert!(parse_time("8.30am").expect_err("am").contains("\"08:30\""));
        assert!(parse_time("12am").expect_err("am").contains("\"00:00\""));
        assert!(parse_time("17.00").expect_err("dot").contains("\"17:00\""));
        for bad in [
            "", "9", "0900", "25:00", "24:30", "09:60", "09:0", "09:000", "ab:cd", "-1:00", "+9:00",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spoken_as_gov_uk_writes_times() {
        assert_eq!(t("09:00").spoken(), "9am");
        assert_eq!(t("08:30").spoken(), "8:30am");
        assert_eq!(t("16:30").spoken(), "4:30pm");
        assert_eq!(t("17:00").spoken(), "5pm");
        assert_eq!(t("12:00").spoken(), "midday");
        assert_eq!(t("12:30").spoken(), "12:30pm");
        assert_eq!(t("00:00").spoken(), "midnight");
        assert_eq!(t("24:00").spoken(), "midnight");
        assert_eq!(t("00:15").spoken(), "12:15am");
    }
}
