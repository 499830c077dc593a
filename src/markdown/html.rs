//! The pulldown-cmark event pass: everything that pulldown-cmark's own HTML writer does
//! not do the way an accessible site needs.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag,
    TagEnd,
};

use super::headings::{Heading, IdAllocator, nest};
use super::highlight::{Fallback, highlight};
use super::{Input, InternalLink, Options, Rendered, TemplateHost};
use crate::config::AnchorLinks;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::load::source::closest;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

fn cmark_options(smart: bool) -> CmarkOptions {
    let mut o = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES
        | CmarkOptions::ENABLE_GFM
        | CmarkOptions::ENABLE_DEFINITION_LIST;
    if smart {
        o |= CmarkOptions::ENABLE_SMART_PUNCTUATION;
    }
    o
}

fn html(s: String) -> Event<'static> {
    Event::Html(CowStr::from(s))
}

/// State of a table being written.
#[derive(Default)]
struct TableState {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl TableState {
    fn cell_open(&self) -> String {
        let class = match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        if self.in_head {
            format!("<th scope=\"col\"{class}>")
        } else {
            format!("<td{class}>")
        }
    }
}

/// Renders `text` (the body with shortcodes expanded) to HTML and collects what the
/// checks need; `locate` maps a range of `text` to a range of the file.
pub(super) fn render_events(
    text: &str,
    input: &Input,
    options: Options,
    site: &Site,
    host: &dyn TemplateHost,
    locate: &dyn Fn(Range<usize>) -> Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut out: Vec<Event> = Vec::new();
    let mut ids = IdAllocator::default();
    let mut flat_toc = Vec::new();
    let mut table = TableState::default();
    let mut footnote_defs: HashMap<String, String> = HashMap::new();
    let mut footnote_order: Vec<String> = Vec::new();
    let mut footnote_refs: HashMap<String, usize> = HashMap::new();
    let mut summary_at = None;
    let mut events =
        Parser::new_ext(text, cmark_options(options.smart_punctuation)).into_offset_iter();
    let mut image_has_alt = Vec::new();
    let error_at = |range: Range<usize>, message: String, hint: String| {
        Diagnostic::error(message)
            .in_file(&input.file.rel)
            .at(&input.file.text, locate(range))
            .with_hint(hint)
    };

    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                let mut plain = String::new();
                for (e, _) in events.by_ref() {
                    match &e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => plain.push_str(t),
                        _ => {}
                    }
                    inner.push(e);
                }
                rendered.word_count += plain.split_whitespace().count();
                let id = match id {
                    Some(given) => {
                        ids.reserve(&given);
                        given.to_string()
                    }
                    None => ids.unique(&slug::slugify(&plain)),
                };
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let n = heading_number(level);
                let link = match options.anchor_links {
                    AnchorLinks::Left | AnchorLinks::Right => match host.anchor_link(&id, n) {
                        Ok(l) => l,
                        Err(e) => {
                            diags.push(error_at(
                                range.clone(),
                                format!("the anchor-link.html template failed: {e}"),
                                "fix templates/anchor-link.html".into(),
                            ));
                            String::new()
                        }
                    },
                    _ => String::new(),
                };
                let body = match options.anchor_links {
                    AnchorLinks::Left => format!("{link}{inner_html}"),
                    AnchorLinks::Right => format!("{inner_html}{link}"),
                    AnchorLinks::Heading => format!(
                        "<a class=\"heading-link\" href=\"#{}\">{inner_html}</a>",
                        escape(&id)
                    ),
                    AnchorLinks::None => inner_html,
                };
                let mut attributes = format!(" id=\"{}\"", escape(&id));
                if !classes.is_empty() {
                    let c: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    attributes.push_str(&format!(" class=\"{}\"", escape(&c.join(" "))));
                }
                for (k, v) in &attrs {
                    match v {
                        Some(v) => {
                            attributes.push_str(&format!(" {}=\"{}\"", escape(k), escape(v)))
                        }
                        None => attributes.push_str(&format!(" {}", escape(k))),
                    }
                }
                out.push(html(format!("<h{n}{attributes}>{body}</h{n}>\n")));
                rendered.anchors.insert(id.clone());
                flat_toc.push(Heading {
                    level: n,
                    permalink: format!("{}#{}", input.permalink, id),
                    id,
                    title: plain.trim().to_string(),
                    children: Vec::new(),
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                out.push(html(code_block(&lang, &code, options.highlight, |why| {
                    diags.push(
                        Diagnostic::warning(why)
                            .in_file(&input.file.rel)
                            .at(&input.file.text, locate(range.start..range.start + 3 + lang.len()))
                            .with_hint("the block is shown as plain code; check the language name after ```"),
                    );
                })));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = resolve_link(
                    &dest_url,
                    site,
                    &range,
                    &mut rendered,
                    locate,
                    &error_at,
                    diags,
                );
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = resolve_link(
                    &dest_url,
                    site,
                    &range,
                    &mut rendered,
                    locate,
                    &error_at,
                    diags,
                );
                image_has_alt.push((false, range.clone()));
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((false, r)) = image_has_alt.pop() {
                    diags.push(
                        Diagnostic::warning("this image has no alternative text")
                            .in_file(&input.file.rel)
                            .at(&input.file.text, locate(r))
                            .with_hint("describe the image between the brackets: ![what the image shows](file.png); if it is only decoration, say so in the surrounding text"),
                    );
                }
                out.push(Event::End(TagEnd::Image));
            }
            Event::Text(t) => {
                if let Some(last) = image_has_alt.last_mut() {
                    last.0 |= !t.trim().is_empty();
                }
                rendered.word_count += t.split_whitespace().count();
                out.push(Event::Text(t));
            }
            Event::Start(Tag::Table(alignments)) => {
                table = TableState {
                    alignments,
                    ..TableState::default()
                };
                out.push(html("<table>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                table.in_head = true;
                table.cell = 0;
                out.push(html("<thead><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                out.push(html("</tr></thead>\n<tbody>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                table.cell = 0;
                out.push(html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => out.push(html(table.cell_open())),
            Event::End(TagEnd::TableCell) => {
                out.push(html(if table.in_head { "</th>" } else { "</td>" }.into()));
                table.cell += 1;
            }
            Event::End(TagEnd::Table) => out.push(html("</tbody>\n</table>\n".into())),
            Event::TaskListMarker(done) => out.push(html(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> ".into()
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> ".into()
            })),
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                if !footnote_order.contains(&label) {
                    footnote_order.push(label.clone());
                }
                let n = footnote_order.iter().position(|l| *l == label).unwrap_or(0) + 1;
                let count = footnote_refs
                    .entry(label.clone())
                    .and_modify(|c| *c += 1)
                    .or_insert(1);
                let id = footnote_id(&label);
                let ref_id = if *count == 1 {
                    format!("fnref-{id}")
                } else {
                    format!("fnref-{id}-{count}")
                };
                rendered.anchors.insert(ref_id.clone());
                out.push(html(format!(
                    "<sup class=\"footnote-reference\" id=\"{ref_id}\"><a href=\"#fn-{id}\" role=\"doc-noteref\" aria-label=\"Footnote {n}\">{n}</a></sup>"
                )));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let mut inner = Vec::new();
                for (e, _) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::FootnoteDefinition)) {
                        break;
                    }
                    inner.push(e);
                }
                let mut body = String::new();
                pulldown_cmark::html::push_html(&mut body, inner.into_iter());
                footnote_defs.insert(label.to_string(), body);
            }
            Event::Html(h) if h.trim() == "<!-- more -->" => summary_at = Some(out.len()),
            other => out.push(other),
        }
    }

    if let Some(at) = summary_at {
        let mut summary = String::new();
        pulldown_cmark::html::push_html(&mut summary, out[..at].iter().cloned());
        rendered.summary = Some(summary);
    }
    let mut body = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut body, out.into_iter());
    body.push_str(&footnotes_html(
        &footnote_order,
        &footnote_defs,
        &mut rendered,
    ));
    rendered.html = body;
    rendered.toc = nest(flat_toc);
    rendered
}

fn heading_number(level: HeadingLevel) -> u32 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn footnote_id(label: &str) -> String {
    let s = slug::slugify(label);
    if s.is_empty() { "note".into() } else { s }
}

/// The footnotes list, in order of first reference, each with a link back.
fn footnotes_html(
    order: &[String],
    defs: &HashMap<String, String>,
    rendered: &mut Rendered,
) -> String {
    let items: Vec<String> = order
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let body = defs.get(label)?;
            let id = footnote_id(label);
            rendered.anchors.insert(format!("fn-{id}"));
            Some(format!(
                "<li id=\"fn-{id}\">{}\n<a href=\"#fnref-{id}\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Back to reference {}\">↩</a></li>\n",
                body.trim_end(),
                i + 1
            ))
        })
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n{}</ol>\n</section>\n",
        items.concat()
    )
}

/// The HTML for one code block: highlighted, or plain with a warning.
fn code_block(lang: &str, code: &str, enabled: bool, mut warn: impl FnMut(String)) -> String {
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\" data-lang=\"{}\"",
            escape(lang),
            escape(lang)
        )
    };
    if enabled && !lang.is_empty() {
        match highlight(lang, code) {
            Ok(inner) => {
                return format!("<pre class=\"code\"><code{lang_attr}>{inner}</code></pre>\n");
            }
            Err(Fallback::UnknownLanguage) => {
                warn(format!("no highlighting grammar for the language `{lang}`"))
            }
            Err(Fallback::TooLarge) => warn("this code block is too large to highlight".into()),
            Err(Fallback::Failed(e)) => {
                warn(format!("highlighting this `{lang}` block failed: {e}"))
            }
        }
    }
    format!(
        "<pre class=\"code\"><code{lang_attr}>{}</code></pre>\n",
        escape(code)
    )
}

/// Resolves `@/` links to permalinks and records local links for checking.
fn resolve_link<'a>(
    dest: &CowStr<'a>,
    site: &Site,
    range: &Range<usize>,
    rendered: &mut Rendered,
    locate: &dyn Fn(Range<usize>) -> Range<usize>,
    error_at: &dyn Fn(Range<usize>, String, String) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (target, None),
        };
        match site.lookup(path) {
            Some(item) => {
                rendered.internal_links.push(InternalLink {
                    target: item,
                    anchor: anchor.clone(),
                    range: locate(range.clone()),
                });
                let permalink = &site.location(item).permalink;
                return CowStr::from(match anchor {
                    Some(a) => format!("{permalink}#{a}"),
                    None => permalink.clone(),
                });
            }
            None if site.drafts.contains_key(path) => diags.push(error_at(
                range.clone(),
                format!("this links to content/{path}, which is a draft and is not published"),
                "publish the page (remove `draft = true`), build with --drafts to preview, or remove the link".into(),
            )),
            None => {
                let known: Vec<&str> = site.by_relative_path.keys().map(String::as_str).collect();
                let hint = match closest(path, &known) {
                    Some(best) => format!("did you mean @/{best}? Links name a file under content/"),
                    None => "internal links name a file under content/, like @/reports/annual-report.md".into(),
                };
                diags.push(error_at(range.clone(), format!("broken internal link: there is no content/{path}"), hint));
            }
        }
    } else if dest.starts_with('/') && !dest.starts_with("//") {
        rendered
            .local_links
            .push((dest.to_string(), locate(range.clone())));
    }
    dest.clone()
}
