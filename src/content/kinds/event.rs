//! `kind = "event"`: a training session, briefing or conference the partnership runs,
//! with when and where it is, who it is for, what it costs and how to book. Each event
//! has an iCalendar file and its section a calendar feed (made by the render stage); the
//! section lists upcoming events first and past ones apart, as of the build date.

use jiff::civil::DateTime;
use serde::Serialize;
use toml::Spanned;

use super::context::{error, warning};
use super::front::kind;
use super::{CheckContext, Kind, ViewContext};
use crate::content::Page;
use crate::content::date::{DateValue, london};
use crate::content::record::moment;
use crate::diagnostics::Diagnostic;

kind! {
    /// An event or training session.
    Event / EventFrontMatter {
        /// When it starts: a date and time in UK time, or a date for a whole-day event.
        pub start: DateValue,
        /// When it ends (the last day, for a whole-day event).
        pub end: DateValue,
        /// Where it is held (a venue and its address).
        pub location: Option<Spanned<String>>,
        /// Whether it is held online (joining details go to those who book).
        pub online: bool = default,
        /// Where to book a place.
        pub booking_url: Option<Spanned<String>>,
        /// Who it is for (`practitioners in schools`).
        pub audience: Option<String>,
        /// What it costs (`Free`, `£25 for partner agencies`).
        pub cost: Option<String>,
    }
}

impl Event {
    /// Whether it takes whole days: both `start` and `end` are dates without a time.
    pub fn all_day(&self) -> bool {
        is_date_only(&self.start) && is_date_only(&self.end)
    }

    /// When it starts, in UK time.
    pub fn starts(&self) -> DateTime {
        in_london(&self.start)
    }

    /// When it ends, in UK time.
    pub fn ends(&self) -> DateTime {
        in_london(&self.end)
    }

    /// Whether it is still to come (or going on) on `today`.
    pub fn upcoming(&self, today: jiff::civil::Date) -> bool {
        self.ends().date() >= today
    }
}

/// A date written without a time.
fn is_date_only(value: &DateValue) -> bool {
    value.to_string().len() == 10
}

/// The civil date and time in London of a date value (one with an offset converted).
fn in_london(value: &DateValue) -> DateTime {
    moment(value).to_zoned(london()).datetime()
}

/// `page.data` of an event.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    start: DateValue,
    end: DateValue,
    /// `10:00`, for an event with times.
    start_time: Option<String>,
    end_time: Option<String>,
    all_day: bool,
    /// It starts and ends on one day.
    same_day: bool,
    /// It has not ended as of the build date.
    upcoming: bool,
    location: Option<String>,
    online: bool,
    booking_url: Option<String>,
    audience: Option<String>,
    cost: Option<String>,
    /// Its iCalendar file, to add it to a calendar.
    calendar: String,
}

/// The file name of an event's iCalendar file, in its page's folder (`neglect-briefing.ics`).
pub fn calendar_file(page: &Page) -> String {
    format!("{}.ics", page.slug)
}

impl Kind for Event {
    const NAME: &'static str = "event";
    const REQUIRED: &'static [(&'static str, &'static str)] = &[
        (
            "start",
            "add start = 2026-03-04T10:00:00: when the event starts, in UK time",
        ),
        (
            "end",
            "add end = 2026-03-04T12:30:00: when the event ends, in UK time",
        ),
    ];
    const ENTRIES: &'static [(&'static str, &'static [&'static str])] = &[];
    const ARCHETYPE: &'static str = include_str!("archetypes/event.md");
    type FrontMatter = EventFrontMatter;
    type View = EventView;

    fn check(&self, page: &Page, _ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        if self.ends() < self.starts() {
            out.push(error(
                page,
                page.field_range("end"),
                format!(
                    "this event ends ({}) before it starts ({})",
                    self.end, self.start
                ),
                "correct end (or start): end is when the event finishes, on or after its start"
                    .into(),
            ));
        }
        if is_date_only(&self.start) != is_date_only(&self.end) {
            out.push(warning(
                page,
                page.field_range("end"),
                "one of start and end has a time and the other does not".into(),
                "give both a time (start = 2026-03-04T10:00:00) or, for whole days, neither (start = 2026-03-04)".into(),
            ));
        }
        if self.location.is_none() && !self.online {
            out.push(error(
                page,
                page.field_range("kind"),
                "this event says neither where it is held nor that it is online".into(),
                "add location = \"…\" (the venue and its address), or online = true".into(),
            ));
        }
        if let Some(url) = &self.booking_url
            && !(url.get_ref().starts_with("https://") || url.get_ref().starts_with("http://"))
        {
            out.push(error(
                page,
                page.value_range(url),
                format!("booking_url = \"{}\" is not a web address", url.get_ref()),
                "give the whole address of the booking page, starting https://".into(),
            ));
        }
    }

    fn view(&self, ctx: &ViewContext) -> EventView {
        let (starts, ends) = (self.starts(), self.ends());
        let time = |dt: DateTime| dt.strftime("%H:%M").to_string();
        let all_day = self.all_day();
        EventView {
            start: self.start.clone(),
            end: self.end.clone(),
            start_time: (!all_day).then(|| time(starts)),
            end_time: (!all_day).then(|| time(ends)),
            all_day,
            same_day: starts.date() == ends.date(),
            upcoming: self.upcoming(ctx.today),
            location: self.location.as_ref().map(|l| l.get_ref().clone()),
            online: self.online,
            booking_url: self.booking_url.as_ref().map(|u| u.get_ref().clone()),
            audience: self.audience.clone(),
            cost: self.cost.clone(),
            calendar: format!("{}{}", ctx.page.loc.permalink, calendar_file(ctx.page)),
        }
    }

    fn dated(&self) -> Option<&DateValue> {
        Some(&self.start)
    }

    fn web_addresses(&self, page: &Page) -> Vec<(String, std::ops::Range<usize>)> {
        self.booking_url
            .iter()
            .map(|u| (u.get_ref().clone(), page.value_range(u)))
            .collect()
    }
}
