//! Live reload over server-sent events: one thread per connected browser, each fed by a
//! channel from the [`Broadcaster`].
//!
//! tiny_http's `Response` cannot stream (without a length it goes chunked and buffers
//! about 8 KiB, so events would stall), so each client's writer is taken with
//! `Request::into_writer`, the status line and headers are written by hand, and every
//! event is flushed as it is sent.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often an idle stream sends a comment, so a closed browser tab is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What a browser is told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: fetch them again without reloading.
    Css,
    /// The rebuild failed: show this message over the (last good) page.
    Error(String),
}

impl Event {
    /// The event as it goes on the wire: `event:` and one `data:` line per line of text.
    pub fn to_wire(&self) -> String {
        let (name, data) = match self {
            Event::Reload => ("reload", ""),
            Event::Css => ("css", ""),
            Event::Error(message) => ("error", message.as_str()),
        };
        let mut wire = format!("event: {name}\n");
        let mut lines = data.lines().peekable();
        if lines.peek().is_none() {
            wire.push_str("data:\n");
        }
        for line in lines {
            wire.push_str("data: ");
            wire.push_str(line.trim_end_matches('\r'));
            wire.push('\n');
        }
        wire.push('\n');
        wire
    }
}

/// Sends each event to every connected browser.
#[derive(Debug, Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Sender<Event>>>,
    /// The error of the last build, if it failed: a browser that connects (or reloads)
    /// while the site is broken is told at once.
    last_error: Mutex<Option<String>>,
}

impl Broadcaster {
    /// A broadcaster with no clients.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `event` to every client, forgetting those that have gone.
    pub fn send(&self, event: &Event) {
        if let Ok(mut last) = self.last_error.lock() {
            *last = match event {
                Event::Error(message) => Some(message.clone()),
                Event::Reload | Event::Css => None,
            };
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|client| client.send(event.clone()).is_ok());
        }
    }

    /// Registers a new client, returning its end of the channel.
    fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = mpsc::channel();
        if let Ok(last) = self.last_error.lock()
            && let Some(message) = last.as_ref()
        {
            let _ = tx.send(Event::Error(message.clone()));
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Streams events to one browser until it goes away; call it on a thread of its own.
    pub fn stream(&self, mut writer: Box<dyn Write + Send>) {
        let events = self.subscribe();
        let head = "HTTP/1.1 200 OK\r\n\
                    Content-Type: text/event-stream; charset=utf-8\r\n\
                    Cache-Control: no-store\r\n\
                    X-Content-Type-Options: nosniff\r\n\
                    Connection: close\r\n\r\n\
                    retry: 1000\n\n";
        if send(&mut writer, head).is_err() {
            return;
        }
        loop {
            let wire = match events.recv_timeout(KEEP_ALIVE) {
                Ok(event) => event.to_wire(),
                Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if send(&mut writer, &wire).is_err() {
                return;
            }
        }
    }
}

fn send(writer: &mut Box<dyn Write + Send>, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_framed_for_event_source() {
        assert_eq!(Event::Reload.to_wire(), "event: reload\ndata:\n\n");
        assert_eq!(
            Event::Error("error: bad\n --> a.md:1\n".into()).to_wire(),
            "event: error\ndata: error: bad\ndata:  --> a.md:1\n\n"
        );
    }

    #[test]
    fn a_new_client_hears_the_current_error() {
        let b = Broadcaster::new();
        b.send(&Event::Error("broken".into()));
        let rx = b.subscribe();
        assert_eq!(rx.try_recv(), Ok(Event::Error("broken".into())));
        b.send(&Event::Reload);
        assert_eq!(rx.try_recv(), Ok(Event::Reload));
        assert!(b.subscribe().try_recv().is_err(), "fixed: nothing to tell");
    }
}
