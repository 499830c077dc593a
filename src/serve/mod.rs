//! `safesite serve`: build the site into a temporary folder, serve it on loopback with
//! tiny_http, watch the sources, rebuild on every change and tell open browsers to
//! reload (or restyle, or show the error) over server-sent events.
//!
//! An edit to a page's text (or to a static file) is applied to the served site in
//! place: only the outputs that show the page are rendered again, all in memory first,
//! then each file is renamed over the old one (see [`crate::build::Session`]). Any
//! other change is a full rebuild, written to a fresh folder (`site-1`, `site-2`, …) and
//! switched to only once complete. Either way a request never sees a half-written file
//! and a failed rebuild leaves the last good site in place. The live-reload script is
//! added to HTML as it is served, never written into the output.

pub mod http;
pub mod paths;
pub mod reload;
pub mod watch;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
use std::time::Duration;

use crate::build::{self, BuildOptions, Outcome, Session};
use crate::diagnostics::{Diagnostic, render_human};
use http::{Generation, Shared};
use reload::Event;
use watch::{Changes, Watch};

/// Threads answering requests (event streams get a thread each on top of these).
const WORKERS: usize = 4;

/// What `safesite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder, holding `config.toml`.
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one (printed at start).
    pub port: u16,
    /// The address to listen on: loopback unless the user names another.
    pub interface: String,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Look for changes by reading the folders every half second (for file systems
    /// that do not report changes).
    pub poll: bool,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Colour in terminal messages.
    pub color: bool,
}

/// Builds, serves and rebuilds until the process is stopped (or the watcher fails).
pub fn run(options: &ServeOptions) -> Result<(), Diagnostic> {
    let root = options.root.canonicalize().map_err(|e| {
        Diagnostic::error(format!(
            "there is no site folder at {}: {e}",
            options.root.display()
        ))
        .with_hint("run safesite serve in the folder holding config.toml, or pass --root DIR")
    })?;
    let ip = interface(&options.interface)?;
    let server = tiny_http::Server::http(SocketAddr::new(ip, options.port)).map_err(|e| {
        Diagnostic::error(format!(
            "could not listen on {ip} port {}: {e}",
            options.port
        ))
        .with_hint("another program may be using that port: choose another with --port")
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let address = local_address(ip, port);

    remove_stale_folders();
    let folder = tempfile::Builder::new()
        .prefix(&format!("safesite-serve-{}-", std::process::id()))
        .tempdir()
        .map_err(|e| Diagnostic::error(format!("could not make a temporary folder: {e}")))?;
    // Ctrl+C (or a polite kill) ends the process before `folder` would be dropped: remove
    // the preview's build folders first.
    let builds = folder.path().to_path_buf();
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&builds);
        std::process::exit(130);
    })
    .map_err(|e| Diagnostic::error(format!("could not listen for Ctrl+C: {e}")))?;
    let shared = Arc::new(Shared::default());
    let mut site = Builds {
        options: BuildOptions {
            root: root.clone(),
            output: None,
            base_url: Some(address.clone()),
            drafts: options.drafts,
            scheduled: true,
            links: false,
            changes_since: None,
        },
        folder: folder.path().to_path_buf(),
        count: 0,
        kept: Vec::new(),
        failed: false,
        session: None,
        pending: BTreeSet::new(),
        #[cfg(feature = "search")]
        indexing: Arc::default(),
        shared: Arc::clone(&shared),
    };
    let mut watcher = Watch::start(&root, options.poll).map_err(Diagnostic::error)?;
    let outcome = site.rebuild(false);
    report(&outcome, "Built", "", options.color);

    let server = Arc::new(server);
    for n in 0..WORKERS {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::Builder::new()
            .name(format!("safesite-http-{n}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    http::handle(request, &shared);
                }
            })
            .map_err(|e| Diagnostic::error(format!("could not start the server: {e}")))?;
    }
    println!(
        "Serving {} at {address}/ (changes rebuild the site; press Ctrl+C to stop)",
        root.display()
    );
    println!(
        "The preview is built in {}; your output folder is left alone.",
        folder.path().display()
    );
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&format!("{address}/"));
    }

    loop {
        let idle = site.search_is_stale().then_some(SEARCH_AFTER);
        let changes = match next_changes(&root, &watcher, idle) {
            Next::Changes(changes) => changes,
            Next::Idle => {
                site.refresh_search();
                continue;
            }
            Next::Gone => {
                server.unblock();
                return Err(Diagnostic::error("the file watcher stopped"));
            }
        };
        for dir in changes.new_top_level_dirs(&root) {
            if let Err(e) = watcher.add(&dir) {
                eprintln!("{e}");
            }
        }
        let css_only = changes.css_only(&root);
        let what = if css_only {
            "stylesheet change"
        } else {
            "change"
        };
        let (outcome, how) = match site.update(&changes, css_only) {
            Some(outcome) => (outcome, "only what it touched"),
            None => (site.rebuild(css_only), "full rebuild"),
        };
        let after = format!(" after a {what} to {} ({how})", changes.describe());
        report(&outcome, "Rebuilt", &after, options.color);
    }
}

/// How long edits must settle before the search index is brought up to date.
const SEARCH_AFTER: Duration = Duration::from_secs(1);

/// What the watcher said.
enum Next {
    /// Files changed.
    Changes(Changes),
    /// Nothing changed for the idle time asked for.
    Idle,
    /// The watcher has stopped.
    Gone,
}

/// Waits for the next batch of relevant changes, or (when `idle` is given) until
/// nothing has changed for that long.
fn next_changes(root: &Path, watcher: &Watch, idle: Option<Duration>) -> Next {
    let mut changes = Changes::default();
    loop {
        let batch = if changes.is_empty() {
            let received = match idle {
                Some(wait) => watcher.events.recv_timeout(wait),
                None => watcher
                    .events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            match received {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => return Next::Idle,
                Err(RecvTimeoutError::Disconnected) => return Next::Gone,
            }
        } else {
            match watcher.events.try_recv() {
                Ok(batch) => batch,
                Err(TryRecvError::Empty) => return Next::Changes(changes),
                Err(TryRecvError::Disconnected) => return Next::Gone,
            }
        };
        match batch {
            Ok(events) => {
                for event in events {
                    changes
                        .paths
                        .extend(watch::changed_paths(root, &event.kind, &event.paths));
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("{}", watch::explain(&e));
                }
            }
        }
    }
}

/// The numbered build folders and what is served from them.
struct Builds {
    options: BuildOptions,
    folder: PathBuf,
    count: u64,
    /// Good builds still on disk, oldest first: the current one and the one before (a
    /// request may still be reading from it).
    kept: Vec<PathBuf>,
    /// Whether the last build failed (browsers are showing its error).
    failed: bool,
    /// What the last good build knew, to apply edits to it.
    session: Option<Session>,
    /// Files whose edit failed to apply: tried again with the next change.
    pending: BTreeSet<PathBuf>,
    /// Whether the search index is being brought up to date.
    #[cfg(feature = "search")]
    indexing: Arc<std::sync::atomic::AtomicBool>,
    shared: Arc<Shared>,
}

impl Builds {
    /// Builds into a fresh folder; serves it if it succeeded, and tells the browsers:
    /// restyle if only stylesheets changed (and no error is showing), else reload.
    fn rebuild(&mut self, css_only: bool) -> Outcome {
        self.count += 1;
        let dir = self.folder.join(format!("site-{}", self.count));
        let options = BuildOptions {
            output: Some(dir.clone()),
            ..self.options.clone()
        };
        let (outcome, session) = build::run_keeping(&options);
        self.pending.clear();
        if outcome.failed() {
            self.session = None;
            self.show_errors(&outcome);
            return outcome;
        }
        self.session = session;
        match Generation::open(&dir) {
            Ok(generation) => self.shared.set_current(generation),
            Err(e) => {
                eprintln!("could not open the new build at {}: {e}", dir.display());
                return outcome;
            }
        }
        self.kept.push(dir);
        while self.kept.len() > 2 {
            let old = self.kept.remove(0);
            let _ = std::fs::remove_dir_all(old);
        }
        self.announce(css_only);
        outcome
    }

    /// Tells the browsers a good site is served again: restyle if only stylesheets
    /// changed (and no error is showing), else reload.
    fn announce(&mut self, css_only: bool) {
        let event = if css_only && !self.failed {
            Event::Css
        } else {
            Event::Reload
        };
        self.shared.reload.send(&event);
        self.failed = false;
    }

    /// Applies the changes to the served site without a full rebuild, when they allow it
    /// (see [`Session::update`]); `None` when a full rebuild is needed.
    fn update(&mut self, changes: &Changes, css_only: bool) -> Option<Outcome> {
        if self.failed && self.pending.is_empty() {
            return None;
        }
        let session = self.session.as_mut()?;
        let paths: Vec<PathBuf> = changes.paths.union(&self.pending).cloned().collect();
        let outcome = session.update(&paths)?;
        if outcome.failed() {
            self.pending = paths.into_iter().collect();
            self.show_errors(&outcome);
            return Some(outcome);
        }
        self.pending.clear();
        self.announce(css_only);
        Some(outcome)
    }

    /// Tells the browsers what went wrong (they show it over the last good page).
    fn show_errors(&mut self, outcome: &Outcome) {
        let errors: Vec<Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        self.failed = true;
        self.shared
            .reload
            .send(&Event::Error(render_human(&errors, false)));
    }

    /// Whether edits applied since the last full build are missing from the search index.
    fn search_is_stale(&self) -> bool {
        self.session.as_ref().is_some_and(Session::search_is_stale)
    }

    /// Brings the search index up to date with the edits applied since the last full
    /// build, on a thread of its own (one at a time).
    fn refresh_search(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        #[cfg(feature = "search")]
        {
            use std::sync::atomic::Ordering;
            if self.indexing.swap(true, Ordering::AcqRel) {
                return;
            }
            let work = session.search_refresh();
            let indexing = Arc::clone(&self.indexing);
            let started = std::thread::Builder::new()
                .name("safesite-search".into())
                .spawn(move || {
                    let start = std::time::Instant::now();
                    match work() {
                        Ok(()) => println!(
                            "Updated the search index in {} ms",
                            start.elapsed().as_millis()
                        ),
                        Err(d) => eprint!("{}", render_human(&[d], false)),
                    }
                    let _ = std::io::stdout().flush();
                    indexing.store(false, Ordering::Release);
                });
            if started.is_err() {
                self.indexing.store(false, Ordering::Release);
            }
        }
        #[cfg(not(feature = "search"))]
        let _ = session;
    }
}

/// Prints the diagnostics and a one-line summary of a build.
fn report(outcome: &Outcome, verb: &str, after: &str, color: bool) {
    eprint!("{}", render_human(&outcome.diagnostics, color));
    let ms = outcome.elapsed.as_millis();
    if outcome.failed() {
        eprintln!(
            "Build failed{after} in {ms} ms; still serving the last good site. \
             Fix the problem and save to rebuild."
        );
    } else if outcome.counts.pages + outcome.counts.sections == 0 && outcome.counts.files > 0 {
        // Only static files were copied.
        let n = outcome.counts.files;
        println!(
            "Copied {n} {}{after} in {ms} ms",
            crate::diagnostics::plural(n, "file", "files")
        );
    } else {
        println!("{}", outcome.summary(verb, after));
    }
    let _ = std::io::stdout().flush();
}

/// The address to listen on: loopback unless named; anything else is served with a warning.
fn interface(text: &str) -> Result<IpAddr, Diagnostic> {
    let ip = if text.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        text.parse::<IpAddr>().map_err(|_| {
            Diagnostic::error(format!("--interface {text} is not an IP address"))
                .with_hint("use 127.0.0.1 (the default) or ::1")
        })?
    };
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}, which other computers can reach. The preview server \
             is for your own machine: it is unmaintained upstream (tiny_http) and has an open \
             request-smuggling report. Use it only on a network you trust, and never publish \
             it; publish the output of `safesite build` instead."
        );
    }
    Ok(ip)
}

/// `http://host:port` for the base URL of the preview (loopback if listening everywhere).
fn local_address(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => format!("http://127.0.0.1:{port}"),
        IpAddr::V6(v6) if v6.is_unspecified() => format!("http://[::1]:{port}"),
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    }
}

/// Removes the build folders of `serve` runs that were stopped without cleaning up (a
/// crash, or a kill that cannot be caught). Linux only: it checks the owner process is
/// gone through `/proc`.
fn remove_stale_folders() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("safesite-serve-")
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("could not open a browser ({program}): open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_by_default_and_addresses_for_base_url() {
        assert_eq!(
            interface("127.0.0.1").ok(),
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST))
        );
        assert!(interface("localhost").is_ok_and(|ip| ip.is_loopback()));
        assert!(interface("not-an-ip").is_err());
        assert_eq!(
            local_address("0.0.0.0".parse().expect("ip"), 8),
            "http://127.0.0.1:8"
        );
        assert_eq!(
            local_address("::1".parse().expect("ip"), 8),
            "http://[::1]:8"
        );
    }
}
