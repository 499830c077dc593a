//! Files for the web host beside the pages: `_redirects`, which Netlify and Cloudflare
//! Pages read, so the addresses of an old CMS (and every page's `aliases`) answer with a
//! 301 rather than a page that refreshes; and `/.well-known/security.txt` (RFC 9116),
//! saying whom to tell about a problem with the site.

use std::collections::HashMap;
use std::path::Path;

use super::Job;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::links::Known;
use crate::source::{SourceFile, line_at};

/// Where a partnership lists the addresses of its old site: a header row `from,to`, then
/// one old path and its new address a row.
pub const REDIRECTS_CSV: &str = "data/redirects.csv";

/// One row of `data/redirects.csv`, with where it is in the file.
struct Row {
    from: String,
    to: String,
    at: usize,
}

/// `_redirects`: the rows of `data/redirects.csv`, then a line for each alias and
/// `redirect_to` among `jobs`, all 301s; none when there is neither. A row whose old
/// address is a page of the site, is given twice or leads round in a loop, or whose new
/// address is nothing of the site, is an error at its line.
pub(super) fn redirects(
    root: &Path,
    config: &Config,
    jobs: &[Job],
    diags: &mut Vec<Diagnostic>,
    known: &Known,
) -> Option<Job> {
    let aliases: Vec<(&str, String)> = jobs
        .iter()
        .filter_map(|job| match job {
            Job::Redirect {
                at,
                to,
                from: Some(_),
            } => Some((at.as_str(), site_path(config, to))),
            _ => None,
        })
        .collect();
    let rows = match root.join(REDIRECTS_CSV).is_file() {
        true => read_rows(root, known, &aliases, diags)?,
        false => Vec::new(),
    };
    if rows.is_empty() && aliases.is_empty() {
        return None;
    }
    let mut text = String::from(
        "# Redirects, in the format Netlify and Cloudflare Pages read: data/redirects.csv,\n# then each page's aliases.\n",
    );
    for row in &rows {
        text.push_str(&format!("{} {} 301\n", row.from, row.to));
    }
    for (from, to) in &aliases {
        text.push_str(&format!("{from} {to} 301\n"));
    }
    Some(Job::Generated("_redirects".into(), text))
}

/// `url` as a path of this site when it is one (`https://example.org/a/` → `/a/`).
fn site_path(config: &Config, url: &str) -> String {
    match url.strip_prefix(config.base_url.as_str()) {
        Some(path) if path.starts_with('/') => path.to_string(),
        _ => url.to_string(),
    }
}

/// The rows of `data/redirects.csv`, each checked; `None` when any is wrong (the
/// errors are in `diags`).
fn read_rows(
    root: &Path,
    known: &Known,
    aliases: &[(&str, String)],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Row>> {
    let file = match SourceFile::read(root, &root.join(REDIRECTS_CSV)) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let before = diags.len();
    let error = |at: usize, message: String, hint: &str| {
        Diagnostic::error(message)
            .in_file(&file.rel)
            .at(&file.text, line_at(&file.text, at))
            .with_hint(hint)
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let header_ok = reader
        .headers()
        .is_ok_and(|h| h.iter().collect::<Vec<_>>() == ["from", "to"]);
    if !header_ok {
        diags.push(error(
            0,
            "data/redirects.csv does not start with the header row from,to".into(),
            "make the first line `from,to`, then one old path and its new address a line: /old/page.aspx,/reports/",
        ));
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                diags.push(error(
                    at,
                    format!("data/redirects.csv cannot be read: {e}"),
                    "each line is an old path and its new address, separated by a comma",
                ));
                continue;
            }
        };
        let at = record.position().map_or(0, |p| p.byte() as usize);
        match (record.get(0), record.get(1)) {
            (Some(from), Some(to)) if !from.is_empty() && !to.is_empty() => rows.push(Row {
                from: from.to_string(),
                to: to.to_string(),
                at,
            }),
            _ => diags.push(error(
                at,
                "a redirect needs an old path and a new address".into(),
                "write both, separated by a comma: /old/page.aspx,/reports/",
            )),
        }
    }
    let targets: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut looped: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for row in &rows {
        let line = |at: usize| file.text[..at].matches('\n').count() + 1;
        let problem = if !row.from.starts_with('/') {
            Some((
                format!("the old address {} is not a path of the site", row.from),
                "write it as a path from the site's root, starting with /, such as /old-cms/contact-us.aspx",
            ))
        } else if let Some(&earlier) = first.get(row.from.as_str()) {
            Some((
                format!(
                    "{} is redirected twice (line {} and here)",
                    row.from,
                    line(earlier)
                ),
                "keep one line for each old address",
            ))
        } else if known.contains(&row.from) {
            Some((
                format!(
                    "{} is the address of a page or file of this site: the redirect would hide it",
                    row.from
                ),
                "remove the line, or redirect an address the site no longer has",
            ))
        } else if let Some(path) = loop_from(&row.from, &targets) {
            // A loop is reported once, at its first line, not again at each of its rows.
            let new = !looped.contains(row.from.as_str());
            looped.extend(path.iter().copied());
            new.then(|| {
                (
                    format!("a redirect loop: {}", path.join(" → ")),
                    "point the last redirect at a page of the site",
                )
            })
        } else if row.to.starts_with('/')
            && !known.contains(row.to.split(['#', '?']).next().unwrap_or_default())
            && !aliases.iter().any(|(a, _)| *a == row.to)
        {
            Some((
                format!(
                    "the new address {} matches no page or file of this site",
                    row.to
                ),
                "write the address of a page as it is built, such as /reports/, or a full https:// address of another site",
            ))
        } else if !row.to.starts_with('/')
            && !row.to.starts_with("https://")
            && !row.to.starts_with("http://")
        {
            Some((
                format!(
                    "the new address {} is neither a path of this site nor an address of another",
                    row.to
                ),
                "start it with / for a page of this site, or https:// for another site",
            ))
        } else {
            None
        };
        match problem {
            Some((message, hint)) => diags.push(error(row.at, message, hint)),
            None => {
                first.insert(row.from.as_str(), row.at);
            }
        }
    }
    (diags.len() == before).then_some(rows)
}

/// The chain from `from` back to itself (`/a`, `/b`, `/a`), if following the redirects
/// leads there.
fn loop_from<'a>(from: &'a str, targets: &HashMap<&'a str, &'a str>) -> Option<Vec<&'a str>> {
    let mut path = vec![from];
    let mut at = from;
    for _ in 0..targets.len() {
        let next = *targets.get(at)?;
        path.push(next);
        if next == from {
            return Some(path);
        }
        at = next;
    }
    None
}

/// `/.well-known/security.txt` from `[security]`, with its own address as `Canonical`.
pub(super) fn security_txt(config: &Config) -> Option<Job> {
    let security = config.security.as_ref()?;
    let mut text = String::new();
    for contact in security.contact.values() {
        text.push_str(&format!("Contact: {contact}\n"));
    }
    let expires = security.expires.get_ref();
    let when = match (expires.date, expires.time) {
        (Some(date), None) => format!("{date}T23:59:59Z"),
        _ => expires.to_string(),
    };
    text.push_str(&format!("Expires: {when}\n"));
    for (name, value) in [
        ("Encryption", &security.encryption),
        ("Acknowledgments", &security.acknowledgments),
        ("Policy", &security.policy),
    ] {
        if let Some(v) = value {
            text.push_str(&format!("{name}: {v}\n"));
        }
    }
    if let Some(langs) = &security.preferred_languages {
        text.push_str(&format!(
            "Preferred-Languages: {}\n",
            langs.values().join(", ")
        ));
    }
    text.push_str(&format!(
        "Canonical: {}\n",
        config.permalink("/.well-known/security.txt")
    ));
    Some(Job::Generated(".well-known/security.txt".into(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_found_and_chains_that_end_are_not() {
        let targets: HashMap<&str, &str> =
            [("/a", "/b"), ("/b", "/c"), ("/c", "/a"), ("/x", "/y")].into();
        assert_eq!(
            loop_from("/a", &targets).as_deref(),
            Some(&["/a", "/b", "/c", "/a"][..])
        );
        assert_eq!(loop_from("/x", &targets), None);
        let to_self: HashMap<&str, &str> = [("/s", "/s")].into();
        assert_eq!(
            loop_from("/s", &to_self).as_deref(),
            Some(&["/s", "/s"][..])
        );
    }
}
