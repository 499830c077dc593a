//! Files made from the public record: each event's iCalendar file and its section's
//! calendar feed (RFC 5545, times in Europe/London with the zone's rules written in, so
//! every calendar program shows them right), and the Atom feed of the "What's changed"
//! page.

use std::fmt::Write;

use jiff::civil::DateTime;

use super::Job;
use crate::config::Config;
use crate::content::kinds::KindData;
use crate::content::kinds::event::{Event, calendar_file};
use crate::content::kinds::whats_changed::FEED_FILE;
use crate::content::record::all_changes;
use crate::content::{Page, Site};

/// One file made from the public record.
enum RecordFile<'a> {
    /// An event's own calendar.
    Event(&'a Page, &'a Event),
    /// A section's calendar feed of the events it lists (`None`: its title).
    Calendar(Option<&'a str>, Vec<(&'a Page, &'a Event)>),
    /// The Atom feed of a "What's changed" page.
    Changes(&'a Page),
}

/// Every file made from the public record, each with its output path below the root
/// (`events/x/x.ics`): the one list both the jobs and the link checks use.
fn record_files(site: &Site) -> Vec<(String, RecordFile<'_>)> {
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| p.meta.renders()) {
        match &page.kind {
            Some(KindData::Event(event)) => out.push((
                format!("{}{}", dir(&page.loc.path), calendar_file(page)),
                RecordFile::Event(page, event),
            )),
            Some(KindData::WhatsChanged(_)) => out.push((
                format!("{}{FEED_FILE}", dir(&page.loc.path)),
                RecordFile::Changes(page),
            )),
            _ => {}
        }
    }
    for section in &site.sections {
        let events: Vec<(&Page, &Event)> = section
            .pages
            .iter()
            .filter_map(|&p| match &site.pages[p].kind {
                Some(KindData::Event(e)) if site.pages[p].meta.renders() => {
                    Some((site.pages[p].as_ref(), e.as_ref()))
                }
                _ => None,
            })
            .collect();
        if !events.is_empty() {
            out.push((
                format!("{}{CALENDAR_FILE}", dir(&section.loc.path)),
                RecordFile::Calendar(section.meta.title.as_deref(), events),
            ));
        }
    }
    out
}

/// The addresses (`/events/x/x.ics`) of the files made from the public record, so links
/// to them are known to lead somewhere.
pub fn record_paths(site: &Site) -> impl Iterator<Item = String> + '_ {
    record_files(site)
        .into_iter()
        .map(|(path, _)| format!("/{path}"))
}

/// The jobs that write the events' calendars and the changes feeds.
pub(super) fn record_jobs(site: &Site, config: &Config, jobs: &mut Vec<Job>) {
    for (dest, file) in record_files(site) {
        let text = match file {
            RecordFile::Event(page, event) => {
                calendar(config, page.meta.title.as_deref(), &[(page, event)], false)
            }
            RecordFile::Calendar(title, events) => calendar(config, title, &events, true),
            RecordFile::Changes(page) => changes_feed(site, config, page),
        };
        jobs.push(Job::Generated(dest, text));
    }
}

/// The file name of a section's calendar feed, in its folder.
pub const CALENDAR_FILE: &str = "calendar.ics";

/// `/events/x/` → `events/x/`: an output folder below the root.
fn dir(url_path: &str) -> String {
    let trimmed = url_path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

/// The rules of Europe/London since 1996 (the EU's): summer time from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October.
const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nX-LIC-LOCATION:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// An iCalendar file of `events`, named `name`; a `feed` that calendar programs
/// subscribe to asks them to fetch it again each day (RFC 7986), as the site is rebuilt.
fn calendar(config: &Config, name: Option<&str>, events: &[(&Page, &Event)], feed: bool) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//safesite//safesite {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    let calendar_name = match (name, config.title.as_deref()) {
        (Some(n), Some(site)) => format!("{n} – {site}"),
        (Some(n), None) => n.to_string(),
        (None, Some(site)) => site.to_string(),
        (None, None) => "Events".to_string(),
    };
    line(&mut out, &format!("X-WR-CALNAME:{}", text(&calendar_name)));
    line(&mut out, "X-WR-TIMEZONE:Europe/London");
    if feed {
        line(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
        line(&mut out, "X-PUBLISHED-TTL:P1D");
    }
    out.push_str(LONDON);
    for (page, event) in events {
        vevent(&mut out, config, page, event);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// One event.
fn vevent(out: &mut String, config: &Config, page: &Page, event: &Event) {
    line(out, "BEGIN:VEVENT");
    let host = config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&config.base_url)
        .trim_end_matches('/');
    line(
        out,
        &format!("UID:{}@{}", page.loc.path.trim_matches('/'), text(host)),
    );
    // The moment the event was last changed, as the page says: the file's text is the
    // same on every build, as a static site's should be.
    let stamp = page
        .meta
        .updated
        .as_ref()
        .or(page.meta.date.as_ref())
        .unwrap_or(&event.start);
    let stamp = crate::content::record::moment(stamp)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    line(out, &format!("DTSTAMP:{stamp}"));
    if event.all_day() {
        // DTEND of a whole-day event is the day after its last day.
        let after = event
            .ends()
            .date()
            .tomorrow()
            .unwrap_or(event.ends().date());
        line(
            out,
            &format!(
                "DTSTART;VALUE=DATE:{}",
                event.starts().date().strftime("%Y%m%d")
            ),
        );
        line(
            out,
            &format!("DTEND;VALUE=DATE:{}", after.strftime("%Y%m%d")),
        );
    } else {
        line(
            out,
            &format!("DTSTART;TZID=Europe/London:{}", local(event.starts())),
        );
        line(
            out,
            &format!("DTEND;TZID=Europe/London:{}", local(event.ends())),
        );
    }
    line(
        out,
        &format!(
            "SUMMARY:{}",
            text(page.meta.title.as_deref().unwrap_or("Event"))
        ),
    );
    let mut about = Vec::new();
    if let Some(d) = &page.meta.description {
        about.push(d.clone());
    }
    if let Some(a) = &event.audience {
        about.push(format!("For: {a}"));
    }
    if let Some(c) = &event.cost {
        about.push(format!("Cost: {c}"));
    }
    if let Some(b) = &event.booking_url {
        about.push(format!("Book: {}", b.get_ref()));
    }
    about.push(format!("Details: {}", page.loc.permalink));
    line(out, &format!("DESCRIPTION:{}", text(&about.join("\n"))));
    match (&event.location, event.online) {
        (Some(l), true) => line(
            out,
            &format!("LOCATION:{}", text(&format!("{} and online", l.get_ref()))),
        ),
        (Some(l), false) => line(out, &format!("LOCATION:{}", text(l.get_ref()))),
        (None, true) => line(out, "LOCATION:Online"),
        (None, false) => {}
    }
    line(out, &format!("URL:{}", page.loc.permalink));
    line(out, "END:VEVENT");
}

/// A local date-time as iCalendar writes it (`20260304T100000`).
fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, new lines.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded at 75 octets (RFC 5545 3.1) without splitting a
/// character, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The Atom feed of the changes listed on a "What's changed" page.
fn changes_feed(site: &Site, config: &Config, page: &Page) -> String {
    let esc = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    let changes = all_changes(site, Some(&page.loc.lang));
    let updated = changes
        .first()
        .map(|(_, c)| crate::content::record::moment(c.date.get_ref()))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let stamp = |t: jiff::Timestamp| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let feed_url = format!("{}{FEED_FILE}", page.loc.permalink);
    let title = match (page.meta.title.as_deref(), config.title.as_deref()) {
        (Some(p), Some(s)) => format!("{p} – {s}"),
        (Some(p), None) => p.to_string(),
        (None, s) => s.unwrap_or("What's changed").to_string(),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&page.loc.lang)
    );
    let _ = writeln!(out, "  <title>{}</title>", esc(&title));
    // Atom asks for an author of the feed when its entries name none: the site.
    let author = config.title.as_deref().unwrap_or(&title);
    let _ = writeln!(out, "  <author><name>{}</name></author>", esc(author));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&feed_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&page.loc.permalink)
    );
    let _ = writeln!(out, "  <id>{}</id>", esc(&feed_url));
    let _ = writeln!(out, "  <updated>{}</updated>", stamp(updated));
    let _ = writeln!(out, "  <generator>safesite</generator>");
    for (n, (changed, change)) in changes.iter().enumerate() {
        let date = change.date.get_ref();
        let page_title = changed.meta.title.as_deref().unwrap_or(&changed.loc.path);
        let _ = writeln!(out, "  <entry>");
        let _ = writeln!(out, "    <title>{}</title>", esc(page_title));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&changed.loc.permalink)
        );
        // One change of one page on one day: the page's address, the date and the
        // change's place among that page's notes make it unique and stable.
        let index = changed
            .meta
            .changes
            .iter()
            .position(|c| std::ptr::eq(c, *change))
            .unwrap_or(n);
        let _ = writeln!(
            out,
            "    <id>{}#change-{}-{index}</id>",
            esc(&changed.loc.permalink),
            date.date()
        );
        let _ = writeln!(
            out,
            "    <updated>{}</updated>",
            stamp(crate::content::record::moment(date))
        );
        let _ = writeln!(
            out,
            "    <summary>{}</summary>",
            esc(change.summary.get_ref())
        );
        let _ = writeln!(out, "  </entry>");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
