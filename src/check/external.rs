//! `safesite check --links`: every link to another site is fetched (HEAD, then GET
//! where HEAD is refused), a few at a time per host, with a timeout and one retry, and
//! each broken one reported at its Markdown line. Results are kept for a day in
//! `.cache/safesite/links.json`, so checking again soon fetches only what is new.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::config::{Config, LinkLevel};
use crate::diagnostics::Diagnostic;
use crate::render::links::ExternalLink;

/// Where the results are kept, below the site folder.
const CACHE_FILE: &str = ".cache/safesite/links.json";
/// How long a result is trusted.
const DAY: u64 = 24 * 60 * 60;
/// Hosts checked at once.
const HOSTS_AT_ONCE: usize = 8;
/// Requests at once to one host, so no site is hammered.
const PER_HOST: usize = 2;

/// What fetching a link found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "lowercase")]
enum Found {
    /// It answered with a page (after any redirects).
    Ok,
    /// It answered with an error status.
    Status { code: u16 },
    /// It did not answer: no such host, refused, timed out.
    Unreachable { why: String },
}

/// One cached result.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    /// When it was fetched (seconds since 1970).
    at: u64,
    #[serde(flatten)]
    found: Found,
}

/// Fetches every external link of the site (but those under `[link_checker]
/// skip_prefixes`) and reports each broken one at every place it is written.
pub fn check_links<'a>(
    links: impl IntoIterator<Item = &'a ExternalLink>,
    config: &Config,
    root: &Path,
) -> Vec<Diagnostic> {
    let settings = &config.link_checker;
    let mut places: BTreeMap<String, Vec<&ExternalLink>> = BTreeMap::new();
    for link in links {
        if settings
            .skip_prefixes
            .iter()
            .any(|p| link.url.starts_with(p.as_str()))
        {
            continue;
        }
        let url = link.url.split('#').next().unwrap_or(&link.url).to_string();
        places.entry(url).or_default().push(link);
    }
    let cache_path = root.join(CACHE_FILE);
    let mut cache = read_cache(&cache_path);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let to_fetch: Vec<String> = places
        .keys()
        .filter(|url| {
            cache
                .get(*url)
                .is_none_or(|c| now.saturating_sub(c.at) >= DAY)
        })
        .cloned()
        .collect();
    let timeout = Duration::from_secs(settings.timeout.unwrap_or(10).max(1));
    for (url, found) in fetch_all(to_fetch, timeout) {
        cache.insert(url, Cached { at: now, found });
    }
    write_cache(&cache_path, &cache, now);

    let mut out = Vec::new();
    let mut texts = Texts::default();
    for (url, at) in &places {
        let Some(found) = cache.get(url).map(|c| &c.found) else {
            continue;
        };
        let (message, hint) = match found {
            Found::Ok => continue,
            Found::Status { code } => (
                format!("broken link: {url} answered {code} {}", reason(*code)),
                match code {
                    404 | 410 => "the page has gone: find where it moved to (search the site it was on) and link there, or remove the link".to_string(),
                    401 | 403 | 429 => "the site refused to be checked; open the link in a browser, and if it works add its start to [link_checker] skip_prefixes".to_string(),
                    _ => "open the link in a browser; if the site is down for a while, check again later".to_string(),
                },
            ),
            Found::Unreachable { why } => (
                format!("broken link: {url} could not be reached ({why})"),
                "check the address is written right; if the site is down for a while, check again later".to_string(),
            ),
        };
        for link in at {
            let d = match settings.external_level {
                LinkLevel::Error => Diagnostic::error(message.clone()),
                LinkLevel::Warn => Diagnostic::warning(message.clone()),
            };
            let d = match texts.get(root, &link.file) {
                Some(text) => d.in_file(&link.file).at(text, link.range.clone()),
                None => d.in_file(&link.file),
            };
            out.push(d.with_hint(hint.clone()));
        }
    }
    out
}

/// Fetches `urls`, a few hosts at once and a few requests at once per host.
fn fetch_all(urls: Vec<String>, timeout: Duration) -> Vec<(String, Found)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("safesite-link-checker/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut by_host: HashMap<String, Vec<String>> = HashMap::new();
    for url in urls {
        by_host.entry(host(&url)).or_default().push(url);
    }
    let hosts = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..HOSTS_AT_ONCE {
            s.spawn(|| {
                while let Some(urls) = hosts.lock().ok().and_then(|mut h| h.pop()) {
                    let queue = Mutex::new(urls);
                    std::thread::scope(|s| {
                        for _ in 0..PER_HOST {
                            s.spawn(|| {
                                while let Some(url) = queue.lock().ok().and_then(|mut q| q.pop()) {
                                    let found = fetch_twice(&agent, &url);
                                    if let Ok(mut r) = results.lock() {
                                        r.push((url, found));
                                    }
                                }
                            });
                        }
                    });
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// The host of a URL (`https://www.gov.uk/x` → `www.gov.uk`).
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_lowercase()
}

/// Fetches a link, and once more after a pause if it did not answer or answered with a
/// server error (which is often brief).
fn fetch_twice(agent: &ureq::Agent, url: &str) -> Found {
    let first = fetch(agent, url);
    let again = match &first {
        Found::Unreachable { .. } => true,
        Found::Status { code } => *code >= 500 || *code == 429,
        Found::Ok => false,
    };
    if !again {
        return first;
    }
    std::thread::sleep(Duration::from_millis(500));
    fetch(agent, url)
}

/// HEAD, then GET when the server refuses HEAD or answers it with an error (many
/// servers answer HEAD wrongly).
fn fetch(agent: &ureq::Agent, url: &str) -> Found {
    match agent.head(url).call() {
        Ok(r) if r.status().as_u16() < 400 => Found::Ok,
        Ok(_) | Err(ureq::Error::Protocol(_)) => get(agent, url),
        // A server that drops the connection on HEAD may answer GET; one that cannot be
        // reached at all will not.
        Err(ureq::Error::Io(e)) if no_server(&e).is_none() => get(agent, url),
        Err(e) => unreachable_because(&e),
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Found {
    match agent.get(url).call() {
        Ok(r) if r.status().as_u16() < 400 => Found::Ok,
        Ok(r) => Found::Status {
            code: r.status().as_u16(),
        },
        Err(e) => unreachable_because(&e),
    }
}

/// Why a link could not be reached, in words.
fn unreachable_because(e: &ureq::Error) -> Found {
    let why = match e {
        ureq::Error::Timeout(_) => "it did not answer in time".to_string(),
        ureq::Error::HostNotFound => "there is no such host".to_string(),
        ureq::Error::ConnectionFailed => "the connection was refused".to_string(),
        ureq::Error::TooManyRedirects => "it redirects too many times".to_string(),
        ureq::Error::Io(e) => no_server(e).map_or_else(|| e.to_string(), str::to_string),
        other => other.to_string(),
    };
    Found::Unreachable { why }
}

/// Why no server answered at all, when that is what an I/O error says.
fn no_server(e: &std::io::Error) -> Option<&'static str> {
    match e.kind() {
        std::io::ErrorKind::ConnectionRefused => Some("the connection was refused"),
        std::io::ErrorKind::TimedOut => Some("it did not answer in time"),
        _ if e.to_string().contains("lookup address") => Some("there is no such host"),
        _ => None,
    }
}

/// The usual words for a status code.
fn reason(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// The files of broken links, each read once, to show the line.
#[derive(Default)]
struct Texts(HashMap<PathBuf, Option<String>>);

impl Texts {
    fn get(&mut self, root: &Path, file: &Path) -> Option<&str> {
        self.0
            .entry(file.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).ok())
            .as_deref()
    }
}

fn read_cache(path: &Path) -> HashMap<String, Cached> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Keeps the results of the last day (a cache that cannot be written is only slower).
fn write_cache(path: &Path, cache: &HashMap<String, Cached>, now: u64) {
    let fresh: BTreeMap<&String, &Cached> = cache
        .iter()
        .filter(|(_, c)| now.saturating_sub(c.at) < DAY)
        .collect();
    if let (Some(dir), Ok(text)) = (path.parent(), serde_json::to_vec_pretty(&fresh)) {
        let _ = std::fs::create_dir_all(dir);
        let _ = std::fs::write(path, text);
    }
}
