//! `safesite serve`: build the site into a temporary folder, serve it on loopback with
//! tiny_http, watch the sources, rebuild on every change and tell open browsers to
//! reload (or restyle, or show the error) over server-sent events.
//!
//! Every rebuild is a full one, written to a fresh folder (`site-1`, `site-2`, …) and
//! switched to only once complete, so a request never sees a half-written site and a
//! failed rebuild leaves the last good one in place. The live-reload script is added to
//! HTML as it is served, never written into the output.

pub mod http;
pub mod paths;
pub mod reload;
pub mod watch;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use crate::build::{self, BuildOptions, Mode, Outcome};
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
    let shared = Arc::new(Shared::default());
    let mut site = Builds {
        options: BuildOptions {
            root: root.clone(),
            output: None,
            base_url: Some(address.clone()),
            drafts: options.drafts,
        },
        folder: folder.path().to_path_buf(),
        count: 0,
        kept: Vec::new(),
        failed: false,
        shared: Arc::clone(&shared),
    };
    let mut watcher = Watch::start(&root).map_err(Diagnostic::error)?;
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
        let Some(changes) = next_changes(&root, &watcher) else {
            server.unblock();
            return Err(Diagnostic::error("the file watcher stopped"));
        };
        for dir in changes.new_top_level_dirs(&root) {
            if let Err(e) = watcher.add(&dir) {
                eprintln!("{e}");
            }
        }
        let css_only = changes.css_only(&root);
        let outcome = site.rebuild(css_only);
        let what = if css_only {
            "stylesheet change"
        } else {
            "change"
        };
        let after = format!(" after a {what} to {} (full rebuild)", changes.describe());
        report(&outcome, "Rebuilt", &after, options.color);
    }
}

/// Waits for the next batch of relevant changes; `None` if the watcher has gone.
fn next_changes(root: &Path, watcher: &Watch) -> Option<Changes> {
    let mut changes = Changes::default();
    loop {
        let batch = if changes.is_empty() {
            watcher.events.recv().ok()?
        } else {
            match watcher.events.try_recv() {
                Ok(batch) => batch,
                Err(TryRecvError::Empty) => return Some(changes),
                Err(TryRecvError::Disconnected) => return None,
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
        let outcome = build::run(&options, Mode::Build);
        if outcome.failed() {
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
            return outcome;
        }
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
        let event = if css_only && !self.failed {
            Event::Css
        } else {
            Event::Reload
        };
        self.shared.reload.send(&event);
        self.failed = false;
        outcome
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

/// Removes the build folders of `serve` runs that were stopped without cleaning up
/// (Ctrl+C ends the process before the temporary folder is dropped). Linux only: it
/// checks the owner process is gone through `/proc`.
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
