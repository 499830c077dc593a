//! Shortcodes as templates: a call in the Markdown renders
//! `templates/shortcodes/<name>.html` (or `.md`), and a failure is explained in terms
//! of the call.

use std::sync::OnceLock;

use serde_json::{Map, Value as Json};
use tera::Context;

use super::Templates;
use crate::content::Item;
use crate::diagnostics::Diagnostic;
use crate::markdown::{ContentFailure, ShortcodeOutput, TemplateHost};
use crate::source::closest;

/// The templates as one body sees them. As in Zola, a shortcode, an anchor link and a
/// templated body see the page (`page`) or section (`section`) the body belongs to and
/// its language (`lang`, and `config` as that language has it); a Markdown field of a
/// domain kind sees its page's.
pub struct BodyTemplates<'t> {
    templates: &'t Templates,
    item: Option<Item>,
    /// The context each call starts from, made at the body's first call.
    base: OnceLock<Context>,
}

impl Templates {
    /// The templates as a body of `item` sees them (`None`: a body of no page, in the
    /// default language).
    pub fn for_body(&self, item: Option<Item>) -> BodyTemplates<'_> {
        BodyTemplates {
            templates: self,
            item,
            base: OnceLock::new(),
        }
    }
}

impl BodyTemplates<'_> {
    fn context(&self) -> Context {
        self.base
            .get_or_init(|| self.templates.body_context(self.item))
            .clone()
    }
}

impl TemplateHost for BodyTemplates<'_> {
    fn shortcode(
        &self,
        name: &str,
        args: &Map<String, Json>,
        body: Option<&str>,
        nth: usize,
    ) -> Result<ShortcodeOutput, (String, String)> {
        let templates = self.templates;
        let html = format!("shortcodes/{name}.html");
        let md = format!("shortcodes/{name}.md");
        let (template, is_md) = if templates.has(&html) {
            (html, false)
        } else if templates.has(&md) {
            (md, true)
        } else {
            let known: Vec<&str> = templates.shortcodes.iter().map(String::as_str).collect();
            let hint = match closest(name, &known) {
                Some(best) => format!(
                    "did you mean `{best}`? Shortcodes are the files in templates/shortcodes/"
                ),
                None if known.is_empty() => {
                    format!("create templates/shortcodes/{name}.html to define it")
                }
                None => format!(
                    "create templates/shortcodes/{name}.html, or use one of: {}",
                    known.join(", ")
                ),
            };
            let rule = if templates.content_templated() {
                "content_templating = true makes content a Tera template, where shortcodes are not read; write the call as a component, {{ <name … /> }}"
            } else {
                "this site has shortcodes (a templates/shortcodes/ folder), so {{ name(…) }} in content calls one; content_templating = true in config.toml reads content as a Tera template instead"
            };
            return Err((
                format!("unknown shortcode `{name}`"),
                format!("{hint}. Why: {rule}"),
            ));
        };
        let mut ctx = self.context();
        for (k, v) in args {
            ctx.insert(k.clone(), v);
        }
        ctx.insert("nth", &nth);
        if let Some(b) = body {
            ctx.insert("body", b);
        }
        match templates.render(&template, &ctx) {
            Ok(out) if is_md => Ok(ShortcodeOutput::Markdown(out)),
            Ok(out) => Ok(ShortcodeOutput::Html(out)),
            Err(d) => {
                let uses_body = templates
                    .source(&template)
                    .is_some_and(|src| src.text.contains("body"));
                let needs_body = uses_body && body.is_none();
                Err(shortcode_failure(name, &template, needs_body, args, &d))
            }
        }
    }

    fn anchor_link(&self, id: &str, level: u32) -> Result<String, String> {
        let mut ctx = self.context();
        ctx.insert("id", id);
        ctx.insert("level", &level);
        self.templates
            .render("anchor-link.html", &ctx)
            .map_err(|d| d.message)
    }

    fn content_template(&self, source: &str) -> Result<String, ContentFailure> {
        self.templates.render_content(source, &self.context())
    }
}

/// Explains why a shortcode's template failed, in terms of the call in the Markdown.
fn shortcode_failure(
    name: &str,
    template: &str,
    needs_body: bool,
    args: &Map<String, Json>,
    d: &Diagnostic,
) -> (String, String) {
    let at = d
        .location()
        .unwrap_or_else(|| format!("templates/{template}"));
    // A plain name (not `page.x`) that is not defined is an argument the call left out.
    let missing = d
        .message
        .strip_prefix("template error: `")
        .and_then(|r| r.split_once("` is not defined"))
        .map(|(v, _)| v.to_string())
        .filter(|v| !v.contains(['.', '?']));
    match missing {
        _ if needs_body => (
            format!("the shortcode `{name}` needs a body, and this call has none"),
            format!("write it as {{% {name}() %}}the text{{% end %}} ({at} uses `body`)"),
        ),
        Some(v) => {
            let given: Vec<&str> = args.keys().map(String::as_str).collect();
            let hint = match closest(&v, &given) {
                Some(best) => {
                    format!("{at} uses `{v}`, and this call gives `{best}`: did you mean {v}=...?")
                }
                None => format!(
                    "add {v}=\"...\" to the call; or, to make it optional, write {{{{ {v} or \"\" }}}} in {at}"
                ),
            };
            (
                format!(
                    "the shortcode `{name}` needs the argument `{v}`, and this call does not give it"
                ),
                hint,
            )
        }
        None => (
            format!("the shortcode `{name}` failed: {}", d.message),
            match d.hint.as_deref() {
                // A function's own advice (a file to fix) says more than a place.
                Some(h) if h != super::errors::GENERIC_HINT => {
                    format!("{h} (the call is at {at})")
                }
                _ => format!("the error is at {at}: check the arguments it uses"),
            },
        ),
    }
}
