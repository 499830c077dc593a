//! Answering one request: only GET and HEAD, no bodies, files from the current output
//! folder (read whole, with the live-reload script added to HTML), the site's 404 page,
//! and the reserved `/__safesite/` paths for live reload.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::paths::{self, Refused};
use super::reload::Broadcaster;

/// The event stream browsers listen to.
pub const EVENTS_PATH: &str = "/__safesite/events";
/// The live-reload client script.
pub const SCRIPT_PATH: &str = "/__safesite/livereload.js";
/// The stylesheet of the error overlay.
pub const OVERLAY_CSS_PATH: &str = "/__safesite/overlay.css";

/// The tag added before `</body>` of every HTML page `serve` answers with.
pub const SCRIPT_TAG: &str = "<script src=\"/__safesite/livereload.js\" defer></script>";

const SCRIPT: &str = include_str!("assets/livereload.js");
const OVERLAY_CSS: &str = include_str!("assets/overlay.css");
const NO_SITE_YET: &str = include_str!("assets/no-site.html");

/// One complete build of the site, as served.
#[derive(Debug)]
pub struct Generation {
    /// The output folder, canonicalised (every file served must be inside it).
    pub dir: PathBuf,
    /// The rules of the site's `_headers` file.
    pub headers: Vec<crate::output::headers::HeaderRule>,
}

impl Generation {
    /// The generation in `dir`, reading its `_headers` file if it has one.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        let dir = dir.canonicalize()?;
        let headers = std::fs::read_to_string(dir.join("_headers"))
            .map(|text| crate::output::headers::header_rules(&text))
            .unwrap_or_default();
        Ok(Generation { dir, headers })
    }
}

/// What the request threads share with the rebuild loop.
#[derive(Debug, Default)]
pub struct Shared {
    /// The last good build; `None` until the first build succeeds.
    pub current: RwLock<Option<Arc<Generation>>>,
    /// The browsers listening for reloads.
    pub reload: Broadcaster,
}

impl Shared {
    /// The generation to serve from, cloned out of the lock.
    pub fn current(&self) -> Option<Arc<Generation>> {
        self.current.read().ok().and_then(|g| g.clone())
    }

    /// Makes `generation` the one served.
    pub fn set_current(&self, generation: Generation) {
        if let Ok(mut current) = self.current.write() {
            *current = Some(Arc::new(generation));
        }
    }
}

/// Answers one request. Event streams get a thread of their own.
pub fn handle(request: Request, shared: &Arc<Shared>) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        return refuse(
            request,
            "405 Method Not Allowed",
            "Only GET and HEAD are answered.\n",
        );
    }
    if has_body(&request) {
        return refuse(
            request,
            "400 Bad Request",
            "Requests with a body are refused.\n",
        );
    }
    let url = request.url().to_string();
    let path = paths::path_part(&url);
    let response = match path {
        EVENTS_PATH if method == Method::Get => {
            let shared = Arc::clone(shared);
            let writer = request.into_writer();
            let spawned = std::thread::Builder::new()
                .name("safesite-sse".into())
                .spawn(move || shared.reload.stream(writer));
            if let Err(e) = spawned {
                eprintln!("could not start a live-reload stream: {e}");
            }
            return;
        }
        EVENTS_PATH => bytes(200, "text/event-stream", Vec::new()),
        SCRIPT_PATH => bytes(200, "text/javascript; charset=utf-8", SCRIPT.into()),
        OVERLAY_CSS_PATH => bytes(200, "text/css; charset=utf-8", OVERLAY_CSS.into()),
        _ => match shared.current() {
            Some(generation) => site_file(&generation, path, &url),
            None => bytes(
                503,
                "text/html; charset=utf-8",
                inject(NO_SITE_YET.as_bytes().to_vec()),
            ),
        },
    };
    let _ = request.respond(response);
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

/// A file of the site, its folder's index, a redirect, or the site's 404 page.
fn site_file(generation: &Generation, path: &str, url: &str) -> Answer {
    let (status, file) = match paths::resolve(&generation.dir, path) {
        Ok(file) => (200, Some(file)),
        Err(Refused::Redirect(to)) => {
            let query = &url[path.len()..];
            let mut answer = bytes(301, "text/plain; charset=utf-8", b"Moved\n".to_vec());
            if let Ok(h) = Header::from_bytes("Location", format!("{to}{query}")) {
                answer.add_header(h);
            }
            return answer;
        }
        Err(Refused::BadRequest) => (400, None),
        Err(Refused::NotFound) => (404, None),
    };
    let read = file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b)));
    let (file, body) = match read {
        Some(found) => found,
        None if status == 400 => {
            return bytes(400, "text/plain; charset=utf-8", b"Bad request\n".to_vec());
        }
        None => match not_found_page(generation) {
            Some(found) => found,
            None => {
                return bytes(404, "text/plain; charset=utf-8", b"Not found\n".to_vec());
            }
        },
    };
    let status = if status == 200 { 200 } else { 404 };
    let kind = paths::content_type(&file);
    let body = if kind.starts_with("text/html") {
        inject(body)
    } else {
        body
    };
    let mut answer = bytes(status, kind, body);
    for (name, value) in &crate::output::headers::headers_for(&generation.headers, path) {
        if ["Content-Type", "Cache-Control", "X-Content-Type-Options"]
            .iter()
            .any(|own| own.eq_ignore_ascii_case(name))
        {
            continue;
        }
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            answer.add_header(h);
        }
    }
    answer
}

fn not_found_page(generation: &Generation) -> Option<(PathBuf, Vec<u8>)> {
    let page = paths::resolve(&generation.dir, "/404.html").ok()?;
    let body = std::fs::read(&page).ok()?;
    Some((page, body))
}

/// A whole response from bytes in memory (so a file is never sent half-read).
fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Answer {
    // Always a Content-Length: tiny_http would switch to chunked from 32 KiB.
    let mut answer = Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_chunked_threshold(usize::MAX);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Ok(h) = Header::from_bytes(name, value) {
            answer.add_header(h);
        }
    }
    answer
}

/// Adds the live-reload script before the last `</body>` (or at the end).
pub fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    html.splice(at..at, SCRIPT_TAG.bytes());
    html
}

/// Whether the request carries (or announces) a body.
fn has_body(request: &Request) -> bool {
    request.headers().iter().any(|h| {
        h.field.equiv("Transfer-Encoding")
            || (h.field.equiv("Content-Length") && h.value.as_str().trim() != "0")
    })
}

/// Answers with an error and `Connection: close`, written by hand: tiny_http will not
/// send that header, and after a refused body the connection must not be reused.
fn refuse(request: Request, status: &str, message: &str) {
    let allow = if status.starts_with("405") {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\n{allow}Connection: close\r\n\r\n",
        message.len()
    );
    let send_body = *request.method() != Method::Head;
    let mut writer = request.into_writer();
    let _ = writer.write_all(head.as_bytes());
    if send_body {
        let _ = writer.write_all(message.as_bytes());
    }
    let _ = writer.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<p>a</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).expect("utf8"),
            format!("<p>a</p>{SCRIPT_TAG}</BODY></html>")
        );
        let bare = inject(b"<p>a</p>".to_vec());
        assert!(bare.ends_with(SCRIPT_TAG.as_bytes()));
    }
}
