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

mod address;
mod checker;
mod phone;
mod raw;
mod time;
mod verified;

use std::path::Path;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use checker::Checker;

pub use address::looks_like_email;
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
    let raw = match raw::parse(file, offset) {
        Ok(raw) => raw,
        Err(d) => return (None, vec![d]),
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
