//! Who to call: `data/contacts.toml`, checked and ready for templates.
//!
//! The file has an `[emergency]` table (999, always shown), `[[national]]` helplines and
//! `[[contacts]]` for each local service. Every phone number is checked as a UK number,
//! opening times as `HH:MM`, emails and web addresses by their form, and each local
//! contact's `verified` date is compared with today: numbers change, so a contact not
//! checked for six months is a warning.
//!
//! Problems point at the value in the file (taken from the TOML parser's spans), say in
//! plain English what is wrong, and say what to write instead.
//!
//! ```toml
//! [emergency]
//! label = "If a child is in immediate danger"
//! phone = "999"
//!
//! [[national]]
//! name = "NSPCC helpline, for adults worried about a child"
//! phone = "0808 800 5000"
//!
//! [[contacts]]
//! area = "Westmoor"
//! service = "Westmoor children's social care front door"
//! phone = "01632 960 101"
//! verified = 2025-10-01
//! hours = [{ days = "Monday to Friday", open = "09:00", close = "17:00" }]
//! ```

mod phone;
mod time;

use std::ops::Range;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::source::{SourceFile, parse_toml};

pub use phone::{Phone, PhoneProblem, UK_NUMBER_HINT, parse_phone};
pub use time::{TimeOfDay, parse_time};

/// Where the file is, relative to the site root.
pub const PATH: &str = "data/contacts.toml";

/// How long a `verified` date stays fresh.
pub const FRESH_MONTHS: i32 = 6;

/// The label of the emergency number when the file does not give one.
pub const DEFAULT_EMERGENCY_LABEL: &str = "If a child is in immediate danger";

/// Every contact of the site, checked, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contacts {
    /// The emergency number (999 unless the file says 112).
    pub emergency: Emergency,
    /// National helplines, in the file's order.
    pub national: Vec<National>,
    /// Local services, in the file's order.
    pub contacts: Vec<Contact>,
}

/// The `[emergency]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emergency {
    /// When to call it ("If a child is in immediate danger").
    pub label: String,
    /// 999 (or 112).
    pub phone: Phone,
}

/// A `[[national]]` helpline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct National {
    /// Who answers and for whom ("Childline, for children and young people").
    pub name: String,
    /// Its number.
    pub phone: Phone,
}

/// A `[[contacts]]` local service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The area it covers ("Westmoor", or "Kingston and Richmond").
    pub area: String,
    /// The service's name.
    pub service: String,
    /// Who it is for.
    pub audience: Option<String>,
    /// Its daytime number.
    pub phone: Option<Phone>,
    /// Its number outside office hours.
    pub out_of_hours_phone: Option<Phone>,
    /// Its email address.
    pub email: Option<String>,
    /// When the daytime number is answered, in the file's order.
    pub hours: Vec<Hours>,
    /// Its web page (a referral form, say).
    pub url: Option<String>,
    /// The number of the Local Authority Designated Officer (LADO).
    pub lado_phone: Option<Phone>,
    /// When someone last checked these details.
    pub verified: Option<Date>,
}

/// One row of opening hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    /// Which days ("Monday to Thursday").
    pub days: String,
    /// When it opens.
    pub open: TimeOfDay,
    /// When it closes (after `open`).
    pub close: TimeOfDay,
}

impl Hours {
    /// The hours as GOV.UK writes them: "9am to 5pm", "8:30am to 4:30pm".
    pub fn text(&self) -> String {
        format!("{} to {}", self.open.spoken(), self.close.spoken())
    }
}

// ---------------------------------------------------------------------------------------
// The schema of the file, as written. Values keep their place in the file, so that later
// checks can point at them; fields the checks require are optional here, so that a
// missing one can be reported at its table rather than at no line at all.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    emergency: Option<Spanned<RawEmergency>>,
    #[serde(default)]
    national: Vec<Spanned<RawNational>>,
    #[serde(default)]
    contacts: Vec<Spanned<RawContact>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmergency {
    label: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNational {
    name: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    area: Option<Spanned<String>>,
    service: Option<Spanned<String>>,
    audience: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
    out_of_hours_phone: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    #[serde(default)]
    hours: Vec<Spanned<RawHours>>,
    url: Option<Spanned<String>>,
    lado_phone: Option<Spanned<String>>,
    /// A TOML date; a quoted `"2025-10-01"` is accepted too.
    verified: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    days: Option<Spanned<String>>,
    open: Option<Spanned<String>>,
    close: Option<Spanned<String>>,
}

// ---------------------------------------------------------------------------------------

/// Reads and checks `data/contacts.toml` under `root`, comparing `verified` dates with
/// `today`.
///
/// Returns `None` and no diagnostics when the file does not exist. When any error is
/// found the contacts are `None` too (every error is still reported, not just the first);
/// warnings alone leave the contacts usable.
pub fn load(root: &Path, today: Date) -> (Option<Contacts>, Vec<Diagnostic>) {
    let path = root.join(PATH);
    if let Err(e) = std::fs::metadata(&path)
        && e.kind() == std::io::ErrorKind::NotFound
    {
        return (None, Vec::new());
    }
    match SourceFile::read(root, &path) {
        Ok(file) => check(&file, today),
        Err(d) => (None, vec![d]),
    }
}

/// Checks the text of a contacts file already read (see [`load`]).
pub fn check(file: &SourceFile, today: Date) -> (Option<Contacts>, Vec<Diagnostic>) {
    // A byte-order mark is kept in the text so that offsets match the file.
    let offset = if file.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let raw: RawFile = match parse_toml(file, offset, &file.text[offset..]) {
        Ok(raw) => raw,
        Err(d) => return (None, vec![in_table(file, without_extra(d))]),
    };
    let mut c = Checker {
        file,
        offset,
        today,
        diagnostics: Vec::new(),
    };
    let contacts = c.contacts(raw);
    let failed = c.diagnostics.iter().any(Diagnostic::is_error);
    (contacts.filter(|_| !failed), c.diagnostics)
}

/// Drops advice about `[extra]` from a parser diagnostic: pages and `config.toml` have
/// an `[extra]` table for the site's own values, but the contacts file does not.
fn without_extra(mut d: Diagnostic) -> Diagnostic {
    if let Some(hint) = &d.hint {
        let trimmed = hint
            .replace("? Put your own values under [extra]", "?")
            .replace("; put your own values under [extra]", "");
        d.hint = Some(trimmed);
    }
    d
}

/// Names the table an unknown field was found in ("`opening_hours` is not a field of
/// [[contacts]]"), since the same file has several kinds of table.
fn in_table(file: &SourceFile, mut d: Diagnostic) -> Diagnostic {
    let Some(name) = d
        .message
        .strip_prefix("unknown field `")
        .and_then(|r| r.strip_suffix('`'))
    else {
        return d;
    };
    let at = d.span.as_ref().map_or(0, |s| s.range.start);
    let table = file.text[..at.min(file.text.len())]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .and_then(|l| l.split('#').next())
        .map(str::trim);
    d.message = match table {
        Some(t) => format!("`{name}` is not a field of {t}"),
        None => format!(
            "`{name}` is not a field of {PATH}: it holds [emergency], [[national]] and [[contacts]] tables"
        ),
    };
    d
}

/// Collects the problems of one file.
struct Checker<'a> {
    file: &'a SourceFile,
    /// Where the parsed text starts in the file (after a byte-order mark).
    offset: usize,
    today: Date,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A span of the parsed text as a range of the file's text.
    fn range(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(message)
            .in_file(&self.file.rel)
            .at(&self.file.text, self.range(span))
            .with_hint(hint);
        self.diagnostics.push(d);
    }

    fn warning(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(message)
            .in_file(&self.file.rel)
            .at(&self.file.text, self.range(span))
            .with_hint(hint);
        self.diagnostics.push(d);
    }

    fn contacts(&mut self, raw: RawFile) -> Option<Contacts> {
        let emergency = self.emergency(raw.emergency);
        let national: Vec<_> = raw.national.into_iter().map(|n| self.national(n)).collect();
        let contacts: Vec<_> = raw.contacts.into_iter().map(|c| self.contact(c)).collect();
        Some(Contacts {
            emergency: emergency?,
            national: national.into_iter().collect::<Option<_>>()?,
            contacts: contacts.into_iter().collect::<Option<_>>()?,
        })
    }

    fn emergency(&mut self, raw: Option<Spanned<RawEmergency>>) -> Option<Emergency> {
        let Some(raw) = raw else {
            return Some(Emergency {
                label: DEFAULT_EMERGENCY_LABEL.to_string(),
                phone: parse_phone("999").ok()?,
            });
        };
        let label = match raw.get_ref().label.as_ref() {
            Some(l) => self.text(l, "label")?,
            None => DEFAULT_EMERGENCY_LABEL.to_string(),
        };
        let phone = match raw.get_ref().phone.as_ref() {
            None => parse_phone("999").ok()?,
            Some(p) => {
                let phone = self.phone(p, "phone")?;
                if !phone.is_emergency() {
                    self.error(
                        p.span(),
                        format!(
                            "the emergency number must be 999 (or 112), not {}",
                            phone.display
                        ),
                        "write phone = \"999\" here, and put other numbers under [[national]] or [[contacts]]",
                    );
                    return None;
                }
                phone
            }
        };
        Some(Emergency { label, phone })
    }

    fn national(&mut self, raw: Spanned<RawNational>) -> Option<National> {
        let at = raw.span();
        let raw = raw.into_inner();
        let name = self
            .required(
                &raw.name,
                "name",
                "[[national]]",
                &at,
                "name = \"Childline, for children and young people\"",
            )
            .and_then(|n| self.text(n, "name"));
        let phone = self
            .required(
                &raw.phone,
                "phone",
                "[[national]]",
                &at,
                "phone = \"0800 1111\"",
            )
            .and_then(|p| self.phone(p, "phone"));
        Some(National {
            name: name?,
            phone: phone?,
        })
    }

    fn contact(&mut self, raw: Spanned<RawContact>) -> Option<Contact> {
        let at = raw.span();
        let raw = raw.into_inner();
        let area = self
            .required(
                &raw.area,
                "area",
                "[[contacts]]",
                &at,
                "area = \"Westmoor\"",
            )
            .and_then(|a| self.text(a, "area"));
        let service = self
            .required(
                &raw.service,
                "service",
                "[[contacts]]",
                &at,
                "service = \"Westmoor children's social care front door\"",
            )
            .and_then(|s| self.text(s, "service"));
        let audience = self.optional_text(&raw.audience, "audience");
        let phone = self.optional_phone(&raw.phone, "phone");
        let out_of_hours_phone = self.optional_phone(&raw.out_of_hours_phone, "out_of_hours_phone");
        let lado_phone = self.optional_phone(&raw.lado_phone, "lado_phone");
        let email = match &raw.email {
            None => Some(None),
            Some(e) => self.email(e).map(Some),
        };
        let url = match &raw.url {
            None => Some(None),
            Some(u) => self.url(u).map(Some),
        };
        let hours: Vec<_> = raw.hours.iter().map(|h| self.hours(h)).collect();
        let verified = self.verified(raw.verified.as_ref(), &at);
        if raw.phone.is_none() && raw.email.is_none() && raw.url.is_none() {
            self.error(
                at.clone(),
                "this contact has no phone number, email or web address, so nobody could reach it",
                "add at least one of phone = \"01632 960 101\", email = \"front.door@example.gov.uk\" or url = \"https://www.example.gov.uk/report-a-concern\"",
            );
        }
        if !raw.hours.is_empty() && raw.phone.is_none() {
            self.warning(
                at,
                "this contact has opening hours but no daytime phone number for them to apply to",
                "add phone = \"…\" with the number answered at those times, or remove hours",
            );
        }
        Some(Contact {
            area: area?,
            service: service?,
            audience: audience?,
            phone: phone?,
            out_of_hours_phone: out_of_hours_phone?,
            email: email?,
            hours: hours.into_iter().collect::<Option<_>>()?,
            url: url?,
            lado_phone: lado_phone?,
            verified: verified?,
        })
    }

    /// A field that must be there: reported at its table when missing.
    fn required<'v, T>(
        &mut self,
        value: &'v Option<Spanned<T>>,
        field: &str,
        table: &str,
        at: &Range<usize>,
        example: &str,
    ) -> Option<&'v Spanned<T>> {
        if value.is_none() {
            self.error(
                at.clone(),
                format!("this {table} entry has no `{field}`"),
                format!("add a line such as {example} below {table}"),
            );
        }
        value.as_ref()
    }

    /// Text that must not be empty.
    fn text(&mut self, value: &Spanned<String>, field: &str) -> Option<String> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error(
                value.span(),
                format!("`{field}` is empty"),
                format!("write what it should say between the quotes, or remove the {field} line"),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// Optional text: `Some(None)` when absent, `None` when there is a problem.
    fn optional_text(
        &mut self,
        value: &Option<Spanned<String>>,
        field: &str,
    ) -> Option<Option<String>> {
        match value {
            None => Some(None),
            Some(v) => self.text(v, field).map(Some),
        }
    }

    fn phone(&mut self, value: &Spanned<String>, field: &str) -> Option<Phone> {
        match parse_phone(value.get_ref()) {
            Ok(phone) => {
                if let Some(w) = phone.warning() {
                    self.warning(value.span(), w.message, w.hint);
                }
                Some(phone)
            }
            Err(p) => {
                self.error(
                    value.span(),
                    format!("`{field}` is not a valid UK phone number: {}", p.message),
                    p.hint,
                );
                None
            }
        }
    }

    fn optional_phone(
        &mut self,
        value: &Option<Spanned<String>>,
        field: &str,
    ) -> Option<Option<Phone>> {
        match value {
            None => Some(None),
            Some(v) => self.phone(v, field).map(Some),
        }
    }

    fn email(&mut self, value: &Spanned<String>) -> Option<String> {
        let email = value.get_ref().trim();
        if let Some(rest) = email.strip_prefix("mailto:") {
            self.error(
                value.span(),
                "`email` starts with mailto:, which is added for you",
                format!("write email = \"{}\"", rest.trim()),
            );
            return None;
        }
        if !looks_like_email(email) {
            self.error(
                value.span(),
                format!("`{email}` does not look like an email address"),
                "an email address has a name, an @ and a domain, with no spaces, such as \"front.door@westmoor.gov.uk\"",
            );
            return None;
        }
        Some(email.to_string())
    }

    fn url(&mut self, value: &Spanned<String>) -> Option<String> {
        let url = value.get_ref().trim();
        let has_scheme = ["https://", "http://"]
            .iter()
            .any(|s| url.strip_prefix(s).is_some_and(|rest| rest.contains('.')));
        if has_scheme && !url.chars().any(char::is_whitespace) {
            return Some(url.to_string());
        }
        let hint = if !url.contains("://") && url.contains('.') && !url.contains(' ') {
            format!("write the whole address, starting https:// (url = \"https://{url}\")")
        } else {
            "write the whole address of the web page, starting https://, such as \"https://www.westmoor.gov.uk/report-a-concern\"".to_string()
        };
        self.error(value.span(), format!("`{url}` is not a web address"), hint);
        None
    }

    fn hours(&mut self, raw: &Spanned<RawHours>) -> Option<Hours> {
        let at = raw.span();
        let raw = raw.get_ref();
        let example = "{ days = \"Monday to Friday\", open = \"09:00\", close = \"17:00\" }";
        let mut missing = |field: &str| {
            self.error(
                at.clone(),
                format!("these opening hours have no `{field}`"),
                format!("write each row of hours like {example}"),
            );
        };
        let (Some(days), Some(open), Some(close)) = (&raw.days, &raw.open, &raw.close) else {
            for (field, absent) in [
                ("days", raw.days.is_none()),
                ("open", raw.open.is_none()),
                ("close", raw.close.is_none()),
            ] {
                if absent {
                    missing(field);
                }
            }
            return None;
        };
        let days = self.text(days, "days");
        let open_time = self.time(open, "open");
        let close_time = self.time(close, "close");
        let (open_time, close_time) = (open_time?, close_time?);
        if open_time.hour == 24 {
            self.error(
                open.span(),
                "a service cannot open at 24:00",
                "write \"00:00\" for a service that opens at midnight",
            );
            return None;
        }
        if open_time >= close_time {
            self.error(
                close.span(),
                format!(
                    "this closes at {close_time}, which is not after it opens at {open_time}"
                ),
                if open_time == close_time {
                    "for a service open all day, write open = \"00:00\", close = \"24:00\"".to_string()
                } else {
                    "check that open and close are the right way round; give a number answered overnight as out_of_hours_phone".to_string()
                },
            );
            return None;
        }
        Some(Hours {
            days: days?,
            open: open_time,
            close: close_time,
        })
    }

    fn time(&mut self, value: &Spanned<String>, field: &str) -> Option<TimeOfDay> {
        match parse_time(value.get_ref()) {
            Ok(t) => Some(t),
            Err(hint) => {
                self.error(
                    value.span(),
                    format!("`{}` is not a time for `{field}`", value.get_ref()),
                    hint,
                );
                None
            }
        }
    }

    /// The `verified` date: warned about when missing, old or in the future.
    fn verified(
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

/// Whether `s` has the form of an email address: `name@domain.tld`, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\@".contains(c);
    !local.is_empty()
        && !local.chars().any(bad_char)
        && !domain.chars().any(bad_char)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

impl Contacts {
    /// The contacts for templates, in the file's order (the same on every page).
    ///
    /// ```json
    /// {
    ///   "emergency": { "label": "…", "phone": { "display": "999", "href": "tel:999" } },
    ///   "national": [{ "name": "…", "phone": { "display": "0800 1111", "href": "tel:+448001111" } }],
    ///   "contacts": [{
    ///     "area": "…", "service": "…", "audience": "…" or null,
    ///     "phone", "out_of_hours_phone", "lado_phone": { "display", "href" } or null,
    ///     "email": "…" or null, "url": "…" or null,
    ///     "hours": [{ "days": "Friday", "open": "09:00", "close": "16:30", "text": "9am to 4:30pm" }],
    ///     "verified": "2025-10-01" or null
    ///   }]
    /// }
    /// ```
    pub fn view(&self) -> Value {
        let phone = |p: &Phone| json!({ "display": p.display, "href": p.href });
        let maybe = |p: &Option<Phone>| p.as_ref().map_or(Value::Null, phone);
        json!({
            "emergency": {
                "label": self.emergency.label,
                "phone": phone(&self.emergency.phone),
            },
            "national": self.national.iter().map(|n| json!({
                "name": n.name,
                "phone": phone(&n.phone),
            })).collect::<Vec<_>>(),
            "contacts": self.contacts.iter().map(|c| json!({
                "area": c.area,
                "service": c.service,
                "audience": c.audience,
                "phone": maybe(&c.phone),
                "out_of_hours_phone": maybe(&c.out_of_hours_phone),
                "lado_phone": maybe(&c.lado_phone),
                "email": c.email,
                "url": c.url,
                "hours": c.hours.iter().map(|h| json!({
                    "days": h.days,
                    "open": h.open.to_string(),
                    "close": h.close.to_string(),
                    "text": h.text(),
                })).collect::<Vec<_>>(),
                "verified": c.verified.map(|d| d.to_string()),
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests;
