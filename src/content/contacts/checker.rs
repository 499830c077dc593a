//! The checks of each table and value of the contacts file, collecting every problem.

use std::ops::Range;

use jiff::civil::Date;
use toml::Spanned;

use super::raw::{RawContact, RawEmergency, RawFile, RawHours, RawNational};
use super::{
    Contact, Contacts, DEFAULT_EMERGENCY_LABEL, Emergency, Hours, National, Phone, TimeOfDay,
    parse_phone, parse_time,
};
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// Collects the problems of one file.
pub(super) struct Checker<'a> {
    /// The file being checked.
    pub(super) file: &'a SourceFile,
    /// Where the parsed text starts in the file (after a byte-order mark).
    pub(super) offset: usize,
    /// The date `verified` dates are compared with.
    pub(super) today: Date,
    /// Every problem found so far, in the order found.
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A span of the parsed text as a range of the file's text.
    fn range(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// Adds `d`, placed at `span` of the parsed text, with its hint.
    fn report(&mut self, d: Diagnostic, span: Range<usize>, hint: impl Into<String>) {
        let d = d
            .in_file(&self.file.rel)
            .at(&self.file.text, self.range(span))
            .with_hint(hint);
        self.diagnostics.push(d);
    }

    /// Reports an error at `span` of the parsed text.
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.report(Diagnostic::error(message), span, hint);
    }

    /// Reports a warning at `span` of the parsed text.
    pub(super) fn warning(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.report(Diagnostic::warning(message), span, hint);
    }

    /// Checks the whole file: `None` when a table could not be checked.
    pub(super) fn contacts(&mut self, raw: RawFile) -> Option<Contacts> {
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
        let name = self.required_text(
            &raw.name,
            "name",
            "[[national]]",
            &at,
            "name = \"Childline, for children and young people\"",
        );
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
        let area = self.required_text(
            &raw.area,
            "area",
            "[[contacts]]",
            &at,
            "area = \"Westmoor\"",
        );
        let service = self.required_text(
            &raw.service,
            "service",
            "[[contacts]]",
            &at,
            "service = \"Westmoor children's social care front door\"",
        );
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

    /// Text that must be there (see [`Self::required`]) and must not be empty.
    fn required_text(
        &mut self,
        value: &Option<Spanned<String>>,
        field: &str,
        table: &str,
        at: &Range<usize>,
        example: &str,
    ) -> Option<String> {
        self.required(value, field, table, at, example)
            .and_then(|v| self.text(v, field))
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
}
