//! Markdown → HTML fragment: shortcodes, `@/` links, heading ids and table of contents,
//! footnotes, accessible tables and task lists, and highlighted code.
//!
//! Rendering a page is: expand shortcodes ([`shortcodes`]), parse with pulldown-cmark,
//! rewrite the events that need more than pulldown-cmark's HTML (`html`), and put the
//! HTML of `.html` shortcodes back in place.

pub mod headings;
pub mod highlight;
mod html;
mod raw_html;
pub mod shortcodes;
mod templated;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::config::AnchorLinks;
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::SourceFile;
pub use headings::Heading;
pub use html::parser_options;
use shortcodes::OffsetMap;

/// What a shortcode template produced.
#[derive(Debug, Clone)]
pub enum ShortcodeOutput {
    /// From a `.md` template: Markdown, rendered with the rest of the page.
    Markdown(String),
    /// From a `.html` template: HTML, put in the page as it is.
    Html(String),
}

/// What the Markdown stage needs from templates, as the body being rendered sees them
/// (its page or section and its language are the host's business, not this stage's).
pub trait TemplateHost: Sync {
    /// Renders the shortcode `name`; `Err` holds a message (unknown name, template error).
    fn shortcode(
        &self,
        name: &str,
        args: &Map<String, Value>,
        body: Option<&str>,
        nth: usize,
    ) -> Result<ShortcodeOutput, (String, String)>;

    /// The HTML of the anchor link for a heading.
    fn anchor_link(&self, id: &str, level: u32) -> Result<String, String>;

    /// Renders `source`, the body prepared by the templating pass, as a Tera template
    /// with the body's page or section in its context.
    fn content_template(&self, source: &str) -> Result<String, ContentFailure>;
}

/// Why a templated body failed.
#[derive(Debug)]
pub enum ContentFailure {
    /// Problems in the body itself, each at a place in the prepared source.
    InBody(Vec<BodyProblem>),
    /// Inside a template the body called (a component's): that template's diagnostic.
    InTemplate(Diagnostic),
}

/// One problem of a templated body.
#[derive(Debug)]
pub struct BodyProblem {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where, in the prepared source.
    pub at: Option<Range<usize>>,
}

/// The one-sentence rule, given with every content-template error.
pub const TEMPLATING_RULE: &str = "this site's content is a Tera template, read before the Markdown as in Zola 0.23, because the site has no templates/shortcodes/ folder (content_templating = false in config.toml turns that off)";

/// What the Markdown stage needs from the site: where an `@/` link leads.
pub trait Links: Sync {
    /// The permalink of the content file `path` (`reports/2024.md`), or why a link to it
    /// cannot be followed.
    fn resolve(&self, path: &str) -> Result<String, LinkProblem>;
}

/// Why an `@/` link cannot be followed, as the site explains it (a page that does not
/// exist, a draft, a page withdrawn from the site).
#[derive(Debug, Clone)]
pub struct LinkProblem {
    /// An error stops the build; a warning does not.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where the link leads instead, if anywhere.
    pub leads_to: Option<String>,
}

/// Options that apply to one page.
#[derive(Debug, Clone)]
pub struct Options {
    /// The attributes a link to another site gets (`[markdown] external_links_*`),
    /// written once for the site.
    pub external_links: Option<std::sync::Arc<str>>,
    /// Curly quotes and dashes.
    pub smart_punctuation: bool,
    /// Definition lists (`[markdown] definition_list`).
    pub definition_lists: bool,
    /// GitHub-style alerts (`[markdown] github_alerts`).
    pub alerts: bool,
    /// `loading="lazy" decoding="async"` on images (`[markdown] lazy_async_image`).
    pub lazy_images: bool,
    /// The grammars fenced code is highlighted with; `None` leaves it plain.
    pub highlight: Option<crate::config::Syntaxes>,
    /// Anchor links on headings.
    pub anchor_links: AnchorLinks,
    /// Render the body as a template first (the site's `content_templating`, unless the
    /// file is in `skip_content_templating`) with [`TemplateHost::content_template`].
    pub templating: bool,
}

/// One Markdown body to render.
pub struct Input<'a> {
    /// The file the body is in, for diagnostics.
    pub file: &'a SourceFile,
    /// Where the body starts in the file.
    pub offset: usize,
    /// The Markdown.
    pub body: &'a str,
    /// The URL of the page, for table-of-contents links.
    pub permalink: &'a str,
}

/// A link to another content file, kept for checks after every page is rendered.
#[derive(Debug, Clone)]
pub struct InternalLink {
    /// The content file linked to (`reports/2024.md`).
    pub path: String,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
    /// Where the link is in the file.
    pub range: Range<usize>,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The HTML before `<!-- more -->`, if the body has that marker.
    pub summary: Option<String>,
    /// The table of contents.
    pub toc: Vec<Heading>,
    /// Every `id` in the HTML that a `#anchor` can name.
    pub anchors: HashSet<String>,
    /// Words in the text.
    pub word_count: usize,
    /// `@/` links.
    pub internal_links: Vec<InternalLink>,
    /// Root-relative links (`/reports/`), with where they are in the file.
    pub local_links: Vec<(String, Range<usize>)>,
    /// Relative links and images (`chart.png`, `../contacts/`), with where they are: the
    /// render stage resolves them against the page's address.
    pub relative_links: Vec<(String, Range<usize>)>,
    /// Links to other sites (`https://…`), with where they are in the file: checked
    /// against superseded guidance, and fetched by `check --links`.
    pub external_links: Vec<(String, Range<usize>)>,
}

/// Renders one body. Problems that stop the build and warnings both go to `diags`.
pub fn render(
    input: &Input,
    options: Options,
    links: &dyn Links,
    host: &dyn TemplateHost,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let (expanded, map, html_parts) = if options.templating {
        expand_template(input, host, diags)
    } else {
        expand_shortcodes(input, host, diags)
    };
    let locate = |r: Range<usize>| {
        let start = input.offset + map.original(r.start);
        let end = input.offset + map.original(r.end).max(map.original(r.start));
        start..end
    };
    let mut rendered = html::render_events(&expanded, input, options, links, host, &locate, diags);
    if !html_parts.is_empty() {
        rendered.html = restore_html(&rendered.html, &html_parts);
        rendered.summary = rendered.summary.map(|s| restore_html(&s, &html_parts));
    }
    rendered
}

/// The start of every placeholder.
const PLACEHOLDER: &str = "safesiteshortcode";

/// A marker that survives Markdown untouched (letters and digits only).
fn placeholder(i: usize) -> String {
    format!("{PLACEHOLDER}{i}x")
}

/// `text` without shortcode placeholders, for heading ids and table-of-contents titles.
fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let after = &rest[at + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('x') {
            out.push_str(&rest[..at]);
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..at + PLACEHOLDER.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Replaces shortcode calls by their output; `.html` output becomes a placeholder.
fn expand_shortcodes(
    input: &Input,
    host: &dyn TemplateHost,
    diags: &mut Vec<Diagnostic>,
) -> (String, OffsetMap, Vec<String>) {
    let text_arc: &Arc<str> = &input.file.text;
    let calls = match shortcodes::find_calls(input.body) {
        Ok(c) => c,
        Err(e) => {
            let at = input.offset + e.range.start..input.offset + e.range.end;
            diags.push(
                Diagnostic::error(e.message)
                    .in_file(&input.file.rel)
                    .at(text_arc, at)
                    .with_hint(e.hint),
            );
            return (input.body.to_string(), OffsetMap::default(), Vec::new());
        }
    };
    if calls.is_empty() {
        return (input.body.to_string(), OffsetMap::default(), Vec::new());
    }
    let mut out = String::with_capacity(input.body.len());
    let mut map = OffsetMap::default();
    let mut html_parts = Vec::new();
    let mut counts = std::collections::HashMap::new();
    let mut last = 0;
    for call in calls {
        out.push_str(&input.body[last..call.range.start]);
        let nth = counts
            .entry(call.name.clone())
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let replacement = match host.shortcode(&call.name, &call.args, call.body.as_deref(), *nth) {
            // A template file's final newline would end an inline shortcode's paragraph
            // line (a space before the next word or full stop): drop it.
            Ok(ShortcodeOutput::Markdown(md)) => md.trim_end().to_string(),
            Ok(ShortcodeOutput::Html(h)) => {
                html_parts.push(h.trim_end().to_string());
                placeholder(html_parts.len() - 1)
            }
            Err((message, hint)) => {
                let at = input.offset + call.range.start..input.offset + call.range.end;
                diags.push(
                    Diagnostic::error(message)
                        .in_file(&input.file.rel)
                        .at(text_arc, at)
                        .with_hint(hint),
                );
                String::new()
            }
        };
        let start = out.len();
        out.push_str(&replacement);
        map.push(call.range.clone(), start..out.len());
        last = call.range.end;
    }
    out.push_str(&input.body[last..]);
    (out, map, html_parts)
}

/// Renders the body as a template ([`templated`]); the result is Markdown.
fn expand_template(
    input: &Input,
    host: &dyn TemplateHost,
    diags: &mut Vec<Diagnostic>,
) -> (String, OffsetMap, Vec<String>) {
    let unchanged = || (input.body.to_string(), OffsetMap::default(), Vec::new());
    let error = |message: String, hint: String, at: Range<usize>| {
        // The first fix to offer is for text that only looks like a template.
        let as_text = templated::escaped(input.body, at.start)
            .map(|(tag, e)| format!("if {tag} is meant as text, write {e} instead; "))
            .unwrap_or_default();
        Diagnostic::error(message)
            .in_file(&input.file.rel)
            .at(
                &input.file.text,
                input.offset + at.start..input.offset + at.end,
            )
            .with_hint(format!("{as_text}{hint}. Why: {TEMPLATING_RULE}"))
    };
    let prepared = match templated::prepare(input.body) {
        Ok(Some(p)) => p,
        Ok(None) => return unchanged(),
        Err(e) => {
            diags.push(error(
                format!("content template: {}", e.message),
                "or close it".to_string(),
                e.range,
            ));
            return unchanged();
        }
    };
    match host.content_template(&prepared.source) {
        Ok(output) => {
            let (text, map) = prepared.finish(&output);
            (text, map, Vec::new())
        }
        Err(ContentFailure::InTemplate(d)) => {
            diags.push(d);
            unchanged()
        }
        Err(ContentFailure::InBody(problems)) => {
            for p in problems {
                let at = p.at.map_or(0..0, |r| {
                    prepared.body_offset(r.start)..prepared.body_offset(r.end.max(r.start))
                });
                diags.push(error(p.message, p.hint, at));
            }
            unchanged()
        }
    }
}

/// Puts shortcode HTML back where its placeholder is (unwrapping a lone `<p>`), in one
/// pass: a search of the whole page for each placeholder was quadratic in the number of
/// shortcodes (20,000 notes took minutes).
fn restore_html(html: &str, parts: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + parts.iter().map(String::len).sum::<usize>());
    let mut used = vec![false; parts.len()];
    let mut rest = html;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let after = &rest[at + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|&i| after[digits..].starts_with('x') && i < parts.len() && !used[i]);
        let Some(i) = index else {
            out.push_str(&rest[..at + PLACEHOLDER.len()]);
            rest = after;
            continue;
        };
        used[i] = true;
        let (mut before, mut tail) = (&rest[..at], &after[digits + 1..]);
        // A shortcode alone in its paragraph: its HTML takes the paragraph's place.
        if let (Some(b), Some(t)) = (before.strip_suffix("<p>"), tail.strip_prefix("</p>")) {
            (before, tail) = (b, t);
        }
        out.push_str(before);
        out.push_str(&parts[i]);
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_stripped() {
        let text = format!("Contact {} us{}", placeholder(0), placeholder(12));
        assert_eq!(strip_placeholders(&text), "Contact  us");
        assert_eq!(strip_placeholders("safesiteshortcode"), "safesiteshortcode");
        assert_eq!(
            strip_placeholders("safesiteshortcode1y"),
            "safesiteshortcode1y"
        );
    }

    #[test]
    fn html_goes_back_in_place_of_each_placeholder_once() {
        let parts = ["<div>A</div>".to_string(), "<b>B</b>".to_string()];
        let html = format!(
            "<p>{}</p>\n<p>x {} y safesiteshortcode7x {}</p>",
            placeholder(0),
            placeholder(1),
            placeholder(1)
        );
        assert_eq!(
            restore_html(&html, &parts),
            "<div>A</div>\n<p>x <b>B</b> y safesiteshortcode7x safesiteshortcode1x</p>"
        );
        // Output that looks like a placeholder is left alone.
        let parts = [placeholder(1), "B".to_string()];
        let html = format!("{}{}", placeholder(0), placeholder(1));
        assert_eq!(restore_html(&html, &parts), format!("{}B", placeholder(1)));
    }

    /// 20,000 shortcodes on one page took minutes when each placeholder was searched
    /// for through the whole page.
    #[test]
    fn many_placeholders_are_restored_in_one_pass() {
        let parts: Vec<String> = (0..20_000).map(|i| format!("<i>{i}</i>")).collect();
        let html: String = (0..20_000)
            .map(|i| format!("<p>Note {}.</p>\n", placeholder(i)))
            .collect();
        let out = restore_html(&html, &parts);
        assert!(out.starts_with("<p>Note <i>0</i>.</p>\n"));
        assert!(out.ends_with("<p>Note <i>19999</i>.</p>\n"));
        assert!(!out.contains(PLACEHOLDER));
    }

    #[test]
    fn calls_are_found_in_text_with_non_ascii_characters() {
        let body = "Caf\u{e9} \u{2212}1% {{ badge(label=\"Nai\u{308}ve \u{2019}q\u{2019}\") }} \u{2014} {% note() %}\u{e9}t\u{e9}{% end %}";
        let calls = shortcodes::find_calls(body).expect("calls");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].args["label"], "Nai\u{308}ve \u{2019}q\u{2019}");
        assert_eq!(
            &body[calls[0].range.clone()],
            "{{ badge(label=\"Nai\u{308}ve \u{2019}q\u{2019}\") }}"
        );
        assert_eq!(calls[1].body.as_deref(), Some("\u{e9}t\u{e9}"));
        assert!(body[calls[1].range.clone()].ends_with("{% end %}"));
    }
}
