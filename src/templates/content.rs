//! Content rendered as a template, Zola 0.23's way: the body (prepared by
//! [`crate::markdown`] so positions survive) is rendered with Tera, seeing the page or
//! section, `config` and `lang`, and able to call every component and function.

use tera::{Context, ErrorKind};

use super::Templates;
use super::errors::{explain_render, tera_diagnostic};
use crate::content::Item;
use crate::diagnostics::offset_of;
use crate::markdown::{BodyProblem, ContentFailure};

impl Templates {
    /// Whether content is rendered as a template (see [`crate::markdown::TEMPLATING_RULE`]).
    pub fn content_templated(&self) -> bool {
        self.content_templating
    }

    /// What a body of `item` renders with, as Zola gives it: the site-wide values in
    /// the item's language (`lang`, `config`) and the page (`page`) or section
    /// (`section`) itself; the default language's values alone for no item.
    pub(super) fn body_context(&self, item: Option<Item>) -> Context {
        let site = self.library.site();
        let (lang, key, value) = match item {
            None => return self.context(),
            Some(Item::Page(i)) => (&site.pages[i].loc.lang, "page", self.library.page_value(i)),
            Some(Item::Section(i)) => (
                &site.sections[i].loc.lang,
                "section",
                self.library.section_value(i),
            ),
        };
        let mut ctx = self.context_in(lang);
        ctx.insert_value(key, value);
        ctx
    }

    /// Renders a prepared content body with its [`Templates::body_context`].
    pub(super) fn render_content(
        &self,
        source: &str,
        ctx: &Context,
    ) -> Result<String, ContentFailure> {
        self.tera
            .render_str(source, ctx, false)
            .map_err(|e| self.content_failure(&e, source))
    }

    /// Where and why a content template failed.
    fn content_failure(&self, e: &tera::Error, source: &str) -> ContentFailure {
        let problem = match e.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report)
                if !self.sources.contains_key(report.filename()) =>
            {
                let range = report.span().range.clone();
                let (message, hint) = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    (
                        format!("content template: {}", report.message()),
                        "otherwise fix the {{ … }} or {% … %}".to_string(),
                    )
                } else {
                    let (m, h) = explain_render(report.message(), source, range.clone());
                    (m.replacen("template error", "content template", 1), h)
                };
                BodyProblem {
                    message,
                    hint,
                    at: Some(range),
                }
            }
            ErrorKind::SyntaxError(_) | ErrorKind::RenderingError(_) => {
                return ContentFailure::InTemplate(tera_diagnostic(e, &self.sources));
            }
            _ => {
                let message = e.to_string();
                let missing = missing_names(&message, source);
                if !missing.is_empty() {
                    return ContentFailure::InBody(missing);
                }
                BodyProblem {
                    message: format!("content template: {message}"),
                    hint: "check the {{ … }} and {% … %} of this file".into(),
                    at: None,
                }
            }
        };
        ContentFailure::InBody(vec![problem])
    }
}

/// Tera checks every function and component a one-off template calls before it renders,
/// and reports those that do not exist as one text (`error: Unknown function `x``, then
/// ` --> __tera_one_off:1:46`, for each): one problem per name, at its place.
fn missing_names(message: &str, source: &str) -> Vec<BodyProblem> {
    let mut problems = Vec::new();
    let mut lines = message.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.trim().strip_prefix("error: Unknown ") else {
            continue;
        };
        let (what, name) = match rest.split_once(' ') {
            Some((what, name)) => (what, name.trim_matches('`')),
            None => continue,
        };
        let at = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("--> "))
            .and_then(|l| {
                let mut parts = l.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                let at = offset_of(source, line, col);
                // A component is reported at its `<`.
                Some(at + usize::from(source[at..].starts_with('<')))
            });
        let hint = if what == "component" {
            format!(
                "define it in a template file (such as templates/components.html) with {{% component {name}(…) %}}…{{% endcomponent %}}"
            )
        } else {
            format!("`{name}` is not a function templates can call: check its name")
        };
        problems.push(BodyProblem {
            message: format!("content template: there is no {what} called `{name}`"),
            hint,
            at: at.map(|a| a..a + name.len()),
        });
    }
    problems
}
