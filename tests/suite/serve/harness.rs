//! The harness of tests/serve.rs: the `safesite serve` binary on a free port, raw
//! HTTP requests, and a reader for the live-reload event stream.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const SCRIPT_TAG: &str = "<script src=\"/__safesite/livereload.js\" defer></script>";

/// A running `safesite serve`, killed on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The temporary folder the preview is built in.
    pub builds: PathBuf,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_safesite"));
        cmd.env("NO_COLOR", "1")
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start safesite serve");
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            builds: PathBuf::new(),
            stdout,
            stderr,
        };
        let serving = server.line_containing("Serving ", Duration::from_secs(30));
        let port = serving
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {serving:?}"));
        let built_in = server.line_containing("The preview is built in ", Duration::from_secs(5));
        let builds = built_in
            .trim_start_matches("The preview is built in ")
            .split("; ")
            .next()
            .expect("a folder");
        server.port = port;
        server.builds = PathBuf::from(builds);
        server
    }

    /// Waits for a line of stdout containing `needle`.
    pub fn line_containing(&self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!(
                    "no line with {needle:?} within {within:?}; stderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    /// Sends Ctrl+C (SIGINT) and waits for the server to end; returns its exit code.
    pub fn interrupt(&mut self) -> Option<i32> {
        let sent = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not stop on Ctrl+C");
    }

    /// The folder holding the preview's builds.
    pub fn builds_folder(&self) -> &Path {
        &self.builds
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn get(&self, path: &str) -> Reply {
        request(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
        )
    }

    /// The newest complete build folder.
    pub fn current_build(&self) -> PathBuf {
        std::fs::read_dir(&self.builds)
            .expect("builds folder")
            .filter_map(Result::ok)
            .filter_map(|e| {
                let n: u64 = e
                    .file_name()
                    .to_str()?
                    .strip_prefix("site-")?
                    .parse()
                    .ok()?;
                Some((n, e.path()))
            })
            .max()
            .expect("a build")
            .1
    }

    /// Listens to the live-reload stream.
    pub fn events(&self) -> Events {
        Events::connect(self.port)
    }

    /// Polls `path` until its body contains `needle`; panics after `within`.
    pub fn wait_for_body(&self, path: &str, needle: &str, within: Duration) -> Reply {
        let deadline = Instant::now() + within;
        loop {
            let reply = self.get(path);
            if reply.text().contains(needle) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never contained {needle:?}; last:\n{}\nstderr:\n{}",
                reply.text(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `head` (request line and headers, without the final blank line) plus `body`
/// with `Connection: close`, and reads the whole answer.
pub fn request_with_body(port: u16, head: &str, body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(format!("{head}Connection: close\r\n\r\n").as_bytes())
        .expect("send");
    stream.write_all(body).expect("send body");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn request(port: u16, head: &str) -> Reply {
    request_with_body(port, head, b"")
}

/// A live-reload stream read on a thread of its own: `(event, data)` pairs.
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    pub fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .write_all(b"GET /__safesite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .expect("send");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            // The status line and headers.
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                if line == "\r\n" {
                    break;
                }
                line.clear();
            }
            let (mut name, mut data) = (String::new(), Vec::new());
            line.clear();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let l = line.trim_end_matches(['\r', '\n']);
                if l.is_empty() {
                    if !name.is_empty() && tx.send((name.clone(), data.join("\n"))).is_err() {
                        return;
                    }
                    name.clear();
                    data.clear();
                } else if let Some(n) = l.strip_prefix("event:") {
                    name = n.trim().to_string();
                } else if let Some(d) = l.strip_prefix("data:") {
                    data.push(d.strip_prefix(' ').unwrap_or(d).to_string());
                }
                line.clear();
            }
        });
        Events { rx }
    }

    /// The next event, if one comes within `within`.
    pub fn next(&self, within: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(within).ok()
    }

    /// Waits for an event named `name`, skipping others; panics after `within`.
    pub fn expect(&self, name: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some((n, data)) if n == name => return data,
                Some(_) => {}
                None => panic!("no {name:?} event within {within:?}"),
            }
        }
    }
}
