//! The `_headers` file (the format Netlify and Cloudflare Pages read): read for the
//! preview server, which applies the same policies as the published site, and merged
//! when a theme or site brings its own beside the one safesite writes.

use std::fmt::Write as _;

/// One rule of a `_headers` file: a path pattern and what it does to headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRule {
    /// `/*`, a prefix such as `/search/*`, or an exact path.
    pattern: String,
    /// `(name, Some(value))` sets a header; `(name, None)` removes it (`! Name`).
    ops: Vec<(String, Option<String>)>,
}

/// Parses a `_headers` file (the format Netlify and Cloudflare Pages read).
pub fn header_rules(text: &str) -> Vec<HeaderRule> {
    let mut rules: Vec<HeaderRule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push(HeaderRule {
                pattern: trimmed.to_string(),
                ops: Vec::new(),
            });
        } else if let Some(rule) = rules.last_mut() {
            if let Some(name) = trimmed.strip_prefix('!') {
                rule.ops.push((name.trim().to_string(), None));
            } else if let Some((name, value)) = trimmed.split_once(':') {
                rule.ops
                    .push((name.trim().to_string(), Some(value.trim().to_string())));
            }
        }
    }
    rules
}

/// The headers the rules give `path`, applied in order, so the preview runs under the
/// same policies as the published site (including the search page's own).
pub fn headers_for(rules: &[HeaderRule], path: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for rule in rules {
        let matches = match rule.pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => rule.pattern == path,
        };
        if !matches {
            continue;
        }
        for (name, value) in &rule.ops {
            out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            if let Some(v) = value {
                out.push((name.clone(), v.clone()));
            }
        }
    }
    out
}

/// `files` merged into one `_headers`, later files over earlier: a later rule for the
/// same path pattern replaces what an earlier one set for the same header (a removal
/// `! Name` is kept), and new patterns are added after. With one file, it is as written.
pub fn merge(files: &[&str]) -> String {
    if let [only] = files {
        return (*only).to_string();
    }
    let mut merged: Vec<HeaderRule> = Vec::new();
    for text in files {
        for rule in header_rules(text) {
            let Some(earlier) = merged.iter_mut().find(|r| r.pattern == rule.pattern) else {
                merged.push(rule);
                continue;
            };
            for (name, value) in rule.ops {
                if value.is_some() {
                    earlier
                        .ops
                        .retain(|(n, v)| v.is_none() || !n.eq_ignore_ascii_case(&name));
                }
                earlier.ops.push((name, value));
            }
        }
    }
    let mut out = String::from(
        "# safesite's security headers merged with the theme's and the site's static/_headers\n# (the site's rules win). Format: Netlify and Cloudflare Pages.\n",
    );
    for rule in &merged {
        let _ = writeln!(out, "{}", rule.pattern);
        for (name, value) in &rule.ops {
            let _ = match value {
                Some(v) => writeln!(out, "  {name}: {v}"),
                None => writeln!(out, "  ! {name}"),
            };
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rules_apply_by_path_in_order() {
        let rules = header_rules("/*\n  A: 1\n  B: 2\n/search/*\n  ! A\n  A: 3\n");
        assert_eq!(
            headers_for(&rules, "/x/"),
            vec![("A".into(), "1".into()), ("B".into(), "2".into())]
        );
        assert_eq!(
            headers_for(&rules, "/search/"),
            vec![("B".into(), "2".into()), ("A".into(), "3".into())]
        );
    }

    #[test]
    fn headers_file_all_paths_block() {
        let text = "# c\n/*\n  Content-Security-Policy: default-src 'self'\n/x\n  A: b\n";
        assert_eq!(
            headers_for(&header_rules(text), "/y/"),
            vec![(
                "Content-Security-Policy".to_string(),
                "default-src 'self'".to_string()
            )]
        );
    }

    #[test]
    fn merging_lets_later_files_win_per_header() {
        let ours = "/*\n  A: 1\n  B: 2\n/search/*\n  ! A\n  A: 3\n";
        let theirs = "# theirs\n/*\n  B: two\n  C: 4\n/files/*\n  D: 5\n";
        let merged = merge(&[ours, theirs]);
        let rules = header_rules(&merged);
        assert_eq!(
            headers_for(&rules, "/x/"),
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two".into()),
                ("C".into(), "4".into())
            ]
        );
        assert_eq!(
            headers_for(&rules, "/files/a.pdf").last(),
            Some(&("D".into(), "5".into()))
        );
        assert_eq!(
            headers_for(&rules, "/search/"),
            vec![
                ("B".into(), "two".into()),
                ("C".into(), "4".into()),
                ("A".into(), "3".into())
            ]
        );
        assert_eq!(merge(&[ours]), ours, "one file is kept as written");
    }
}
