//! `safesite new <kind> <path>` and `safesite init [DIR]`: content files from archetypes,
//! and a whole new partnership site.
//!
//! Archetypes are Markdown files with `{{placeholders}}`, looked up in the site's
//! `archetypes/`, then the theme's, then safesite's own (each kind's, from its module). The
//! arrangements archetype gets one heading per statutory topic from the topic list, and
//! the self-assessment one a `[[steps]]` entry per step of the framework, so both follow
//! the data files when guidance changes.

use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::content::kinds::arrangements::Guidance;
use crate::content::kinds::{self, frameworks, topics};
use crate::diagnostics::Diagnostic;
use crate::source::{SourceFile, closest};

/// The default theme, built in so `init` can install it.
static THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/partnership");
/// The archetype of a plain page (each kind has its own, in its module).
const PAGE_ARCHETYPE: &str = include_str!("scaffold/page.md");
/// The skeleton `init` writes (config, data files, the pages that are not archetypes).
static SITE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/site");

/// What `new` can make: the domain kinds and a plain page.
pub fn new_kinds() -> Vec<&'static str> {
    let mut kinds = crate::content::kinds::KIND_NAMES.to_vec();
    kinds.push("page");
    kinds
}

/// What `new` can make on the site at `root`: [`new_kinds`], and each archetype in the
/// site's `archetypes/` and its theme's (the partnership theme's contacts page).
fn kinds_of_site(root: &Path, theme: Option<&str>) -> Vec<String> {
    let mut kinds: Vec<String> = new_kinds().into_iter().map(String::from).collect();
    for dir in archetype_dirs(root, theme) {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<String> = entries
            .filter_map(|e| {
                let name = e.ok()?.file_name().to_string_lossy().into_owned();
                Some(name.strip_suffix(".md")?.to_string())
            })
            .filter(|k| !kinds.contains(k))
            .collect();
        found.sort();
        kinds.extend(found);
    }
    kinds
}

/// The configuration of the site at `root`, or its first problem (`check` lists them all).
fn site_config(root: &Path) -> Result<crate::config::Config, Diagnostic> {
    crate::config::Config::load(root, None)
        .map(|loaded| loaded.config)
        .map_err(|ds| {
            ds.into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::error("config.toml could not be read"))
        })
}

/// Where archetypes are looked for, the site's first.
fn archetype_dirs(root: &Path, theme: Option<&str>) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("archetypes")];
    if let Some(t) = theme {
        dirs.push(root.join("themes").join(t).join("archetypes"));
    }
    dirs
}

/// The values archetypes are filled with.
struct Vars {
    today: Date,
    partnership: String,
    /// The first year of the financial year the content is about, when the path names
    /// one (`scrutiny-report-2026-27`).
    period_from_path: Option<i16>,
    /// The grades of Section 11 audits, from `[s11_audit] grades`.
    grades: Vec<String>,
}

impl Vars {
    /// The financial year (April to March) the path names, or else the last one that
    /// has ended.
    fn period_start(&self) -> Date {
        let last_ended = if self.today.month() >= 4 {
            self.today.year() - 1
        } else {
            self.today.year() - 2
        };
        jiff::civil::date(self.period_from_path.unwrap_or(last_ended), 4, 1)
    }

    /// `{ met = 0, partially-met = 0, not-met = 0 }`: every grade of the scale, counted 0.
    fn zero_results(&self) -> String {
        let bare = |g: &str| {
            !g.is_empty()
                && g.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        let pairs: Vec<String> = self
            .grades
            .iter()
            .map(|g| {
                if bare(g) {
                    format!("{g} = 0")
                } else {
                    format!("{g:?} = 0")
                }
            })
            .collect();
        format!("{{ {} }}", pairs.join(", "))
    }

    fn fill(&self, text: &str, root: &Path) -> Result<String, Diagnostic> {
        let start = self.period_start();
        let end = start.saturating_add(1.year()).saturating_sub(1.day());
        let short = |y: i16| y.rem_euclid(100);
        let mut out = text
            .replace("{{today}}", &self.today.to_string())
            .replace(
                "{{in_four_weeks}}",
                &self
                    .today
                    .saturating_add(jiff::Span::new().weeks(4))
                    .to_string(),
            )
            .replace(
                "{{next_year}}",
                &self.today.saturating_add(1.year()).to_string(),
            )
            .replace("{{year}}", &end.year().to_string())
            .replace(
                "{{period}}",
                &format!("{}-{:02}", start.year(), short(end.year())),
            )
            .replace(
                "{{period_words}}",
                &format!("{} to {}", start.year(), end.year()),
            )
            .replace("{{period_start}}", &start.to_string())
            .replace("{{period_end}}", &end.to_string())
            .replace("{{partnership}}", &self.partnership)
            .replace("{{s11_results}}", &self.zero_results());
        if out.contains("{{statutory_headings}}") {
            out = out.replace("{{statutory_headings}}", &statutory_headings(root)?);
        }
        if out.contains("{{steps}}") {
            out = out.replace("{{steps}}", &framework_steps(root)?);
        }
        Ok(out)
    }
}

/// One heading per WT2023 topic, each with a prompt saying what to write.
fn statutory_headings(root: &Path) -> Result<String, Diagnostic> {
    let list = topics::topic_list(root, topics::Document::Arrangements, Guidance::Wt2023)?;
    let mut out = String::new();
    for t in &list.topics {
        let name = t.names.first().map_or(t.title.as_str(), String::as_str);
        let mut heading: Vec<char> = name.chars().collect();
        if let Some(c) = heading.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        out.push_str(&format!(
            "## {}\n\nTODO: {}.\n\n",
            heading.into_iter().collect::<String>(),
            t.title
        ));
    }
    Ok(out.trim_end().to_string())
}

/// A `[[steps]]` entry per step of the Six Steps, not yet assessed.
fn framework_steps(root: &Path) -> Result<String, Diagnostic> {
    let framework = frameworks::load(root, "six-steps")?
        .ok_or_else(|| Diagnostic::error("safesite's six-steps framework is missing"))?;
    let mut out = String::new();
    for step in &framework.steps {
        out.push_str(&format!(
            "\n[[steps]]\nnumber = {}\n# TODO: set the title from your copy of the framework.\n# title = \"…\"\nrating = \"not-assessed\"\nevidence = \"TODO: the evidence for the rating.\"\n",
            step.number
        ));
    }
    Ok(out)
}

/// The archetype for `kind`: the site's, the theme's, or the built-in default theme's.
fn archetype(root: &Path, theme: Option<&str>, kind: &str) -> Result<String, Diagnostic> {
    let name = format!("{kind}.md");
    for dir in archetype_dirs(root, theme) {
        let path = dir.join(&name);
        if path.is_file() {
            return Ok(SourceFile::read(root, &path)?.text.to_string());
        }
    }
    let built_in = match kind {
        "page" => Some(PAGE_ARCHETYPE),
        _ => kinds::archetype(kind),
    };
    built_in
        .map(str::to_string)
        .ok_or_else(|| Diagnostic::error(format!("there is no archetype for `{kind}`")))
}

/// Where `new` writes: `reports/x` → `content/reports/x.md`; `reports/x/` → a bundle.
fn content_path(path: &str) -> Result<String, Diagnostic> {
    let trimmed = path
        .trim()
        .trim_start_matches("content/")
        .trim_start_matches('/');
    if trimmed.is_empty()
        || trimmed.split('/').any(|c| c == ".." || c == ".")
        || trimmed.contains('\\')
    {
        return Err(
            Diagnostic::error(format!("`{path}` is not a path inside content/"))
                .with_hint("give the path under content/, such as reports/scrutiny-report-2025-26"),
        );
    }
    Ok(if trimmed.ends_with('/') {
        format!("{trimmed}index.md")
    } else if trimmed.ends_with(".md") {
        trimmed.to_string()
    } else {
        format!("{trimmed}.md")
    })
}

/// The first year of the last `YYYY-YY` financial year named in a path, if any.
fn period_in(path: &str) -> Option<i16> {
    (0..path.len().saturating_sub(6)).rev().find_map(|i| {
        let candidate = path.get(i..i + 7)?;
        let (first, second) = candidate.split_once('-')?;
        let start: i16 = first.parse().ok().filter(|_| first.len() == 4)?;
        let end: i16 = second.parse().ok().filter(|_| second.len() == 2)?;
        ((start + 1).rem_euclid(100) == end).then_some(start)
    })
}

/// Writes `content/<path>` from the archetype of `kind`; never overwrites a file.
pub fn new_content(
    root: &Path,
    kind: &str,
    path: &str,
    today: Date,
) -> Result<PathBuf, Diagnostic> {
    let config = site_config(root)?;
    let theme = config.theme.as_deref();
    let owned = kinds_of_site(root, theme);
    let kinds: Vec<&str> = owned.iter().map(String::as_str).collect();
    if !kinds.contains(&kind) {
        let by_prefix = kinds
            .iter()
            .copied()
            .find(|k| !kind.is_empty() && k.starts_with(kind));
        let hint = match by_prefix.or_else(|| closest(kind, &kinds)) {
            Some(best) => format!(
                "did you mean `{best}`? safesite new makes: {}",
                kinds.join(", ")
            ),
            None => format!("safesite new makes: {}", kinds.join(", ")),
        };
        return Err(Diagnostic::error(format!(
            "`{kind}` is not a kind of content safesite can make"
        ))
        .with_hint(hint));
    }
    let rel = content_path(path)?;
    let target = root.join("content").join(&rel);
    if target.exists() {
        return Err(Diagnostic::error(format!("content/{rel} already exists"))
            .with_hint("choose another path, or edit the file that is there"));
    }
    let partnership = crate::content::partnership::Partnership::load(root)?
        .and_then(|p| p.name)
        .or(config.title.clone())
        .unwrap_or_else(|| "TODO: the partnership's name".into());
    let vars = Vars {
        today,
        partnership,
        period_from_path: period_in(&rel),
        grades: config.s11_audit.grades.clone(),
    };
    let text = vars.fill(&archetype(root, theme, kind)?, root)?;
    verify(&rel, &text)?;
    write_new(&target, &text)?;
    Ok(PathBuf::from("content").join(rel))
}

/// Checks a filled archetype parses, so `new` never writes a file that cannot build.
fn verify(rel: &str, text: &str) -> Result<(), Diagnostic> {
    let file = SourceFile {
        rel: PathBuf::from("content").join(rel),
        text: text.into(),
    };
    let split = crate::load::split(&file)?;
    let front = crate::load::front_matter(&file, &split)?;
    kinds::parse_page(&file, &front).map(|_| ()).map_err(|d| {
        d.map_each(|d| {
            let message = format!("the archetype does not make a valid page: {}", d.message);
            Diagnostic { message, ..d }
        })
    })
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error(format!("could not create {}: {e}", parent.display()))
        })?;
    }
    fs::write(path, text)
        .map_err(|e| Diagnostic::error(format!("could not write {}: {e}", path.display())))
}

/// Writes a new partnership site into `dir`: configuration, data files, every page the
/// statutory picture needs, and the default theme. Refuses a folder that has a site.
pub fn init(dir: &Path, name: &str, today: Date) -> Result<Vec<PathBuf>, Diagnostic> {
    for existing in ["config.toml", "content"] {
        if dir.join(existing).exists() {
            return Err(Diagnostic::error(format!("{} already has {existing}", shown(dir)))
                .with_hint("safesite init makes a new site: give it an empty or new folder, such as safesite init my-partnership"));
        }
    }
    let vars = Vars {
        today,
        partnership: name.to_string(),
        period_from_path: None,
        grades: crate::config::S11AuditConfig::default().grades,
    };
    let mut written = Vec::new();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    collect(&SITE, &mut |path, text| {
        files.push((path.to_path_buf(), text.to_string()))
    });
    for (path, text) in files {
        let filled = vars.fill(&text, dir)?;
        write_new(&dir.join(&path), &filled)?;
        written.push(path);
    }
    let mut theme_files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    collect_bytes(&THEME, &mut |path, bytes| {
        theme_files.push((
            PathBuf::from("themes/partnership").join(path),
            bytes.to_vec(),
        ))
    });
    for (path, bytes) in theme_files {
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("could not create {}: {e}", parent.display()))
            })?;
        }
        fs::write(&target, bytes)
            .map_err(|e| Diagnostic::error(format!("could not write {}: {e}", target.display())))?;
    }
    written.push(PathBuf::from("themes/partnership/"));
    let start = vars.period_start();
    let period = format!("{}-{:02}", start.year(), (start.year() + 1).rem_euclid(100));
    for (kind, path) in [
        ("arrangements", "about/arrangements".to_string()),
        (
            "scrutiny-report",
            format!("reports/scrutiny-report-{period}"),
        ),
        ("yearly-report", format!("reports/yearly-report-{period}")),
        (
            "self-assessment",
            format!("scrutiny/six-steps-{}", today.year()),
        ),
        ("threshold", "about/levels-of-need".to_string()),
    ] {
        written.push(new_content(dir, kind, &path, today)?);
    }
    // The pages the theme links to from every page, from its archetypes.
    for page in site_config(dir)?.theme_pages.values() {
        written.push(new_content(dir, &page.archetype, &page.path, today)?);
    }
    Ok(written)
}

fn collect(dir: &Dir<'_>, f: &mut dyn FnMut(&Path, &str)) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            f(file.path(), text);
        }
    }
    for sub in dir.dirs() {
        collect(sub, f);
    }
}

fn collect_bytes(dir: &Dir<'_>, f: &mut dyn FnMut(&Path, &[u8])) {
    for file in dir.files() {
        f(file.path(), file.contents());
    }
    for sub in dir.dirs() {
        collect_bytes(sub, f);
    }
}

fn shown(dir: &Path) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        "this folder".into()
    } else {
        dir.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_come_from_paths() {
        assert_eq!(period_in("reports/scrutiny-report-2026-27"), Some(2026));
        assert_eq!(period_in("reports/yearly-report-2025-26/"), Some(2025));
        assert_eq!(period_in("reports/2025-28-x"), None);
        assert_eq!(period_in("about/arrangements"), None);
    }

    #[test]
    fn content_paths() {
        assert_eq!(content_path("reports/x").expect("ok"), "reports/x.md");
        assert_eq!(
            content_path("reports/x/").expect("ok"),
            "reports/x/index.md"
        );
        assert_eq!(content_path("content/a.md").expect("ok"), "a.md");
        assert!(content_path("../x").is_err());
    }

    #[test]
    fn the_period_is_the_last_financial_year_that_ended() {
        let vars = |d: &str| Vars {
            today: d.parse().expect("date"),
            partnership: String::new(),
            period_from_path: None,
            grades: Vec::new(),
        };
        assert_eq!(vars("2026-11-24").period_start().to_string(), "2025-04-01");
        assert_eq!(vars("2026-02-01").period_start().to_string(), "2024-04-01");
    }

    #[test]
    fn every_built_in_archetype_makes_a_valid_page() {
        let tmp = tempfile::tempdir().expect("tmp");
        let vars = Vars {
            today: jiff::civil::date(2026, 11, 24),
            partnership: "Test SCP".into(),
            period_from_path: None,
            grades: crate::config::S11AuditConfig::default().grades,
        };
        for kind in new_kinds() {
            let text = vars
                .fill(
                    &archetype(tmp.path(), None, kind).expect("archetype"),
                    tmp.path(),
                )
                .expect("fill");
            assert!(!text.contains("{{"), "{kind}: unfilled placeholder");
            verify(&format!("{kind}.md"), &text)
                .unwrap_or_else(|d| panic!("{kind}: {}", d.message));
        }
    }
}
