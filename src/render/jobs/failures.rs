//! Render failures gathered into one message per problem, each naming the template that
//! was being rendered and what for, so that an error in a shared `base.html` met while
//! rendering `404.html` does not read as if every page failed.

use std::path::Path;

use super::listings::listing_path;
use super::{Job, out_file};
use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;

/// What a job renders: the template, and the content file or output path it is for.
struct Rendering {
    template: String,
    /// A content file (`content/hi.md`) for pages and sections, an output path
    /// (`/404.html`) for the rest.
    subject: String,
    /// Whether the subject is a content file (its count reads "other pages").
    is_content: bool,
    /// The item values its context holds (`page`, `section`, `taxonomy`…).
    values: &'static [&'static str],
}

/// The item values a template may read, for telling which one a template lacks.
const ITEM_VALUES: &[&str] = &["page", "section", "taxonomy", "term", "terms", "paginator"];

/// Render failures, one per distinct problem and template, with what met it.
#[derive(Default)]
pub(super) struct Failures(Vec<(Diagnostic, Option<Rendering>, Vec<String>)>);

impl Failures {
    /// Adds the failure of `job`, merged with an earlier one of the same problem met
    /// while rendering the same template.
    pub(super) fn add(&mut self, d: Diagnostic, job: &Job, site: &Site, config: &Config) {
        let rendering = rendering(job, site, config);
        let template = rendering.as_ref().map(|r| r.template.as_str());
        let same = |(f, r, _): &&mut (Diagnostic, Option<Rendering>, Vec<String>)| {
            same_problem(f, &d) && r.as_ref().map(|r| r.template.as_str()) == template
        };
        match self.0.iter_mut().find(same) {
            Some((_, _, subjects)) => subjects.extend(rendering.map(|r| r.subject)),
            None => {
                let subjects = rendering.iter().map(|r| r.subject.clone()).collect();
                self.0.push((d, rendering, subjects));
            }
        }
    }

    /// One diagnostic per problem, naming the template and what it was rendered for.
    pub(super) fn into_diagnostics(self) -> impl Iterator<Item = Diagnostic> {
        self.0
            .into_iter()
            .map(|(d, rendering, subjects)| match rendering {
                Some(r) => while_rendering(d, &r, &subjects),
                None => d,
            })
    }
}

/// The template and subject of a job that renders one; none for copies and PDFs.
fn rendering(job: &Job, site: &Site, config: &Config) -> Option<Rendering> {
    let content = |rel: &Path, template: &str, values| Rendering {
        template: template.to_string(),
        subject: rel.display().to_string(),
        is_content: true,
        values,
    };
    let output = |template: &str, path: String| Rendering {
        template: template.to_string(),
        subject: path,
        is_content: false,
        values: &[],
    };
    Some(match job {
        Job::Page(i, template) => content(&site.pages[*i].file.rel, template, &["page"]),
        Job::Section(i, template, pager) => {
            let values: &[&str] = match pager {
                Some(_) => &["section", "paginator"],
                None => &["section"],
            };
            match &site.sections[*i].file {
                Some((file, _)) => content(&file.rel, template, values),
                None => content(Path::new("content/_index.md"), template, values),
            }
        }
        Job::TaxonomyList(_, template) => Rendering {
            values: &["taxonomy", "terms"],
            ..output(template, listing_path(job, site, config)?)
        },
        Job::Term { template, .. } => Rendering {
            values: &["taxonomy", "term", "paginator"],
            ..output(template, listing_path(job, site, config)?)
        },
        Job::Feed(_, name) => output(name, listing_path(job, site, config)?),
        Job::Redirect { at, .. } => output("internal/alias.html", out_file(at)),
        Job::Special(template, dest) => output(template, format!("/{dest}")),
        Job::Headers(..) => output("_headers", "/_headers".to_string()),
        Job::Copy(..) | Job::Pdf(_) | Job::Sass(..) | Job::HighlightCss(_) | Job::Generated(..) => {
            return None;
        }
    })
}

/// Whether two failures are one template problem met by different jobs.
fn same_problem(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.message == b.message && a.path == b.path && a.line == b.line && a.column == b.column
}

/// "… (while rendering content/hi.md and 2 other pages with page.html)", or "… (while
/// rendering 404.html for /404.html)".
fn while_rendering(d: Diagnostic, r: &Rendering, subjects: &[String]) -> Diagnostic {
    let Some(first) = subjects.first() else {
        return d;
    };
    let (one, many) = if r.is_content {
        ("page", "pages")
    } else {
        ("file", "files")
    };
    let others = match subjects.len() - 1 {
        0 => String::new(),
        1 => format!(" and 1 other {one}"),
        n => format!(" and {n} other {many}"),
    };
    let message = if r.is_content {
        format!(
            "{} (while rendering {first}{others} with {})",
            d.message, r.template
        )
    } else {
        format!(
            "{} (while rendering {} for {first}{others})",
            d.message, r.template
        )
    };
    let hint = lacked_value(&d.message, r).or(d.hint);
    Diagnostic { message, hint, ..d }
}

/// For "`page` is not defined" met while rendering a template that has no page (a
/// shared `base.html` rendered for `404.html`): which template lacks it and what to write.
fn lacked_value(message: &str, r: &Rendering) -> Option<String> {
    let name = message
        .strip_prefix("template error: `")?
        .split_once('`')
        .filter(|(_, rest)| rest.trim_start().starts_with("is not defined"))?
        .0;
    if !ITEM_VALUES.contains(&name) || r.values.contains(&name) {
        return None;
    }
    let has = match r.values {
        [] => "no page or section".to_string(),
        values => format!("`{}`", values.join("`, `")),
    };
    Some(format!(
        "{} has {has}, not `{name}`: in a template it shares with others, write \
         {{% if {name} is defined %}}…{{% endif %}}, or {{{{ {name}?.title or config.title }}}} (`?.` gives nothing when `{name}` is missing)",
        r.template
    ))
}
