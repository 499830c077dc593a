//! Checks that need the whole rendered site and write nothing: each kind's rules, dates,
//! and statutory completeness of the published arrangements and yearly reports (the
//! met/missing table).

pub mod external;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::content::kinds::CheckContext;
use crate::content::kinds::arrangements::Guidance;
use crate::content::kinds::site_checks::{check_page, check_site};
use crate::content::kinds::topics::{
    Confidence, Document, HeadingRef, MetBy, TopicList, TopicResult, assess, tally, topic_list,
};
use crate::content::text::capitalise;
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::Heading;
use crate::templates::Library;

/// The met/missing table of one arrangements page or yearly report.
#[derive(Debug, Clone, Serialize)]
pub struct StatutoryReport {
    /// The file.
    pub file: PathBuf,
    /// Arrangements or yearly report.
    pub document: Document,
    /// The guidance it follows.
    pub guidance: String,
    /// Where the topic list comes from.
    pub source: String,
    /// One row per topic.
    pub results: Vec<TopicResult>,
}

/// Runs every kind check and the statutory assessment.
pub fn kinds(
    site: &Site,
    library: &Library,
    ctx: &CheckContext,
) -> (Vec<StatutoryReport>, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = site.pages.iter().flat_map(|p| check_page(p, ctx)).collect();
    diags.extend(check_site(site, ctx));
    diags.extend(crate::content::kinds::record_checks::check_versions(site));
    let mut reports = Vec::new();
    // Each list (with the site's own topics file) is read once, however many pages use it.
    let mut lists: HashMap<(Document, Guidance), Option<TopicList>> = HashMap::new();
    // The statutory record is the default language's; a translation summarises it.
    for (i, page) in site.pages.iter().enumerate() {
        let Some((document, guidance)) = page
            .kind
            .as_ref()
            .filter(|_| !page.loc.is_translation())
            .and_then(|k| k.statutory())
        else {
            continue;
        };
        let list = lists.entry((document, guidance)).or_insert_with(|| {
            topic_list(ctx.root, document, guidance)
                .map_err(|d| diags.push(d))
                .ok()
        });
        let Some(list) = list.as_ref() else {
            continue;
        };
        let is_set = |field: &str| page.fields.is_set(field);
        let headings = heading_refs(library.toc(i));
        let page_of_kind = |kind: &str| {
            site.pages
                .iter()
                .filter(|p| !p.loc.is_translation())
                .filter(|p| p.kind.as_ref().is_some_and(|k| k.name() == kind))
                .map(|p| p.loc.relative_path.clone())
                .min()
        };
        let mut results = assess(list, &is_set, &headings, &page_of_kind);
        for r in &mut results {
            if let Some(MetBy::Field { name, line }) = &mut r.met_by {
                *line = field_line(page, name);
            }
        }
        // A yearly report need not say `guidance`: then point at its `kind`.
        let guidance_at = if page.fields.get("guidance").is_some() {
            page.field_range("guidance")
        } else {
            page.field_range("kind")
        };
        for r in results.iter().filter(|r| r.met_by.is_none()) {
            let caveat = match r.topic.confidence {
                Confidence::Confirmed => "",
                Confidence::ToVerify => {
                    " (recalled from the guidance, still to be checked against the published text)"
                }
                Confidence::Advice => continue,
            };
            let fields = if r.topic.fields.is_empty() {
                String::new()
            } else {
                format!(
                    ", or set {}",
                    r.topic
                        .fields
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            };
            let pages: String = r
                .topic
                .kinds
                .iter()
                .map(|k| format!(", or publish a {k} page (safesite new {k} <path>)"))
                .collect();
            let fields = fields + &pages;
            diags.push(
                Diagnostic::warning(format!(
                    "statutory topic missing from the {}: {} [{}]",
                    document.noun(),
                    r.topic.title,
                    r.topic.id
                ))
                .in_file(&page.file.rel)
                .at(&page.file.text, guidance_at.clone())
                .with_hint(format!(
                    "{} asks for this{caveat}: add a heading such as \"## {}\"{fields}",
                    list.source,
                    r.topic
                        .names
                        .first()
                        .map(|n| capitalise(n))
                        .unwrap_or_default()
                )),
            );
        }
        reports.push(StatutoryReport {
            file: page.file.rel.clone(),
            document,
            guidance: list.title.clone(),
            source: list.source.clone(),
            results,
        });
    }
    (reports, diags)
}

/// One warning for each page the theme links to from every page (its `theme.toml`'s
/// `[pages]`) that the site does not have, with the command that makes it: the site
/// builds without it, with the link left out.
pub fn theme_pages(library: &Library) -> Vec<Diagnostic> {
    let config = library.config();
    let theme = config.theme.as_deref().unwrap_or_default();
    let site = library.site();
    config
        .theme_pages
        .iter()
        .filter(|(_, page)| {
            page.needed_when
                .as_deref()
                .is_none_or(|field| site.pages.iter().any(|p| p.fields.is_set(field)))
        })
        .filter_map(|(name, page)| match library.theme_page_path(name) {
            Ok(None) => Some((name, page, None)),
            Ok(Some(path)) if site.lookup(&path).is_none() => Some((name, page, Some(path))),
            _ => None,
        })
        .map(|(name, page, named)| {
            let problem = match named {
                Some(path) => format!(
                    "[extra.pages] names content/{path} as the site's {}, and there is no such file",
                    page.describe
                ),
                None => format!("this site has no {}", page.describe),
            };
            Diagnostic::warning(format!(
                "{problem}: the {theme} theme leaves out its links to it"
            ))
            .in_file("config.toml")
            .with_hint(format!(
                "make one with `{}`, or give your own page `template = \"{}\"` (or name it in config.toml: [extra.pages] {name} = \"@/path/to/it.md\")",
                page.new_command(),
                page.template
            ))
        })
        .collect()
}

/// A warning when `[security]`'s `expires` has passed (the published security.txt then
/// says it is not to be trusted) or is more than a year ahead (RFC 9116 asks for less).
pub fn security_txt(
    config: &crate::config::Config,
    today: jiff::civil::Date,
) -> Option<Diagnostic> {
    let security = config.security.as_ref()?;
    let date = security.expires.get_ref().date?;
    let expires = jiff::civil::Date::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
    )
    .ok()?;
    let (message, hint) = if expires < today {
        (
            format!("security.txt expired on {expires}: readers are told not to trust its contact"),
            "check the contact is still right and set `expires` under [security] to a date within the next year",
        )
    } else if expires > today.saturating_add(jiff::Span::new().years(1)) {
        (
            format!("security.txt expires on {expires}, more than a year ahead"),
            "RFC 9116 asks for less than a year, so the contact is checked again: set `expires` within the next year",
        )
    } else {
        return None;
    };
    let d = Diagnostic::warning(message).with_hint(hint);
    Some(match &security.expires_at {
        Some(place) => d.at_place(place),
        None => d,
    })
}

/// The line of the front matter that sets `field` (`field = …` or `[field]`), from
/// the parser; 0 when it is not set.
fn field_line(page: &Page, field: &str) -> usize {
    page.fields.get(field).map_or(0, |f| {
        crate::diagnostics::line_col(&page.file.text, f.start()).0
    })
}

/// The page's headings with the lines pulldown-cmark found them on, for "met by the
/// heading on line 70".
fn heading_refs(toc: &[Heading]) -> Vec<HeadingRef> {
    fn walk(list: &[Heading], out: &mut Vec<HeadingRef>) {
        for h in list {
            out.push(HeadingRef {
                text: h.title.clone(),
                id: h.id.clone(),
                line: h.line,
            });
            walk(&h.children, out);
        }
    }
    let mut out = Vec::new();
    walk(toc, &mut out);
    out
}

/// The met/missing table, for people.
pub fn render_table(report: &StatutoryReport) -> String {
    let width = report
        .results
        .iter()
        .map(|r| r.topic.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(60);
    let mut out = format!(
        "Statutory topics in {} ({}):\n",
        report.file.display(),
        report.source
    );
    out.push_str(&format!(
        "  {:<8} {:<10} {:<width$}  {}\n",
        "status", "confidence", "topic", "met by"
    ));
    for r in &report.results {
        let advice = r.topic.confidence == Confidence::Advice;
        let (status, how) = match (&r.met_by, advice) {
            (Some(m), _) => {
                let how = match m {
                    MetBy::Field { name, line } if *line > 0 => {
                        format!("field `{name}`, line {line}")
                    }
                    MetBy::Field { name, .. } => format!("field `{name}`"),
                    MetBy::Heading { text, line } if *line > 0 => {
                        format!("heading \"{text}\", line {line}")
                    }
                    MetBy::Heading { text, .. } => format!("heading \"{text}\""),
                    MetBy::Page { kind, path } => format!("{kind} page content/{path}"),
                };
                ("met", how)
            }
            (None, true) => (
                "advice",
                "not covered: good practice, not a duty".to_string(),
            ),
            (None, false) if r.topic.confidence == Confidence::ToVerify => (
                "missing",
                "not covered (topic still to be verified against the guidance)".to_string(),
            ),
            (None, false) => ("missing", "not covered".to_string()),
        };
        let title: String = if r.topic.title.chars().count() > width {
            // Cut at a word and mark the cut, rather than stopping mid-word.
            let cut: String = r.topic.title.chars().take(width - 1).collect();
            let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
            format!("{}…", cut.trim_end_matches([',', ' ', '(']))
        } else {
            r.topic.title.clone()
        };
        let confidence = r.topic.confidence.label();
        out.push_str(&format!(
            "  {status:<8} {confidence:<10} {title:<width$}  {how}\n"
        ));
    }
    let (met, required) = tally(&report.results);
    out.push_str(&format!("{met} of {required} statutory topics met.\n"));
    out
}
