//! The pulldown-cmark event pass: everything that pulldown-cmark's own HTML writer does
//! not do the way an accessible site needs.
//!
//! Block-level events that need rewriting (headings, code, tables, task lists, footnote
//! definitions) are handled in [`render_events`]; inline events (links, images, text,
//! footnote references) in [`Pass::inline`], which headings and footnotes share, so an
//! `@/` link or a footnote works the same wherever it is written. Headings, code blocks
//! and tables are written in `blocks`, footnotes in `footnotes`.

mod blocks;
mod footnotes;
mod links;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options as CmarkOptions, Parser, Tag, TagEnd};

use super::headings::{Heading, IdAllocator, nest};
use super::raw_html::Checker as RawHtml;
use super::{Input, Links, Options, Rendered, TemplateHost};
use crate::diagnostics::Diagnostic;
use blocks::TableState;
use footnotes::{FOOTNOTE_REFERENCE, Footnotes};
use links::{external_link, is_external};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

fn cmark_options(options: &Options) -> CmarkOptions {
    parser_options(
        options.smart_punctuation,
        options.definition_lists,
        options.alerts,
    )
}

/// pulldown-cmark's options for the site's `[markdown]` switches: what content and the
/// `markdown` template filter are both read with.
pub fn parser_options(
    smart_punctuation: bool,
    definition_lists: bool,
    alerts: bool,
) -> CmarkOptions {
    let mut o = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_HEADING_ATTRIBUTES;
    for (on, option) in [
        (smart_punctuation, CmarkOptions::ENABLE_SMART_PUNCTUATION),
        (definition_lists, CmarkOptions::ENABLE_DEFINITION_LIST),
        (alerts, CmarkOptions::ENABLE_GFM),
    ] {
        if on {
            o |= option;
        }
    }
    o
}

/// Raw HTML to put in the output as it is.
fn html(s: String) -> Event<'static> {
    Event::Html(CowStr::from(s))
}

/// What one body's pass carries from event to event.
struct Pass<'p> {
    input: &'p Input<'p>,
    options: Options,
    links: &'p dyn Links,
    host: &'p dyn TemplateHost,
    locate: &'p dyn Fn(Range<usize>) -> Range<usize>,
    diags: &'p mut Vec<Diagnostic>,
    rendered: Rendered,
    ids: IdAllocator,
    explicit_ids: HashSet<String>,
    flat_toc: Vec<Heading>,
    table: TableState,
    footnotes: Footnotes,
    /// Images being written: whether each has alt text yet, and where it is.
    image_has_alt: Vec<(bool, Range<usize>)>,
    /// The raw HTML checked so far, and the block of it being gathered (its text, and
    /// where each of its lines starts in the text and in the body).
    raw_html: RawHtml,
    html_block: Option<(String, Vec<(usize, usize)>)>,
    /// With `lazy_images`, the title attribute of the image being written, which goes
    /// after its alt text.
    lazy_image_title: String,
    /// The last file offset a line was counted to, and its line: headings come in file
    /// order, so each one's line is counted on from the last.
    line_cursor: (usize, usize),
}

/// Renders `text` (the body with shortcodes expanded) to HTML and collects what the
/// checks need; `locate` maps a range of `text` to a range of the file.
pub(super) fn render_events(
    text: &str,
    input: &Input,
    options: Options,
    links: &dyn Links,
    host: &dyn TemplateHost,
    locate: &dyn Fn(Range<usize>) -> Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let cmark = cmark_options(&options);
    let mut pass = Pass {
        input,
        options,
        links,
        host,
        locate,
        diags,
        rendered: Rendered::default(),
        ids: IdAllocator::default(),
        explicit_ids: HashSet::new(),
        flat_toc: Vec::new(),
        table: TableState::default(),
        footnotes: Footnotes::default(),
        image_has_alt: Vec::new(),
        lazy_image_title: String::new(),
        raw_html: RawHtml::new(host_of(input.permalink)),
        html_block: None,
        line_cursor: (0, 1),
    };
    if text.contains("{#") {
        pass.reserve_explicit_ids(text);
    }
    let mut out: Vec<Event> = Vec::new();
    let mut summary_at = None;
    // A footnote definition being written: its label and where its events start in `out`.
    let mut definition: Option<(String, usize)> = None;
    let mut events = Parser::new_ext(text, cmark).into_offset_iter();

    while let Some((event, range)) = events.next() {
        pass.gather_html(&event, &range);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (e, r) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push((e, r));
                }
                let heading = pass.heading(level, id, &classes, &attrs, inner, range);
                out.push(heading);
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
                out.push(pass.code_block(&kind, &code, range));
            }
            Event::Start(Tag::Table(alignments)) => {
                pass.table = TableState {
                    alignments,
                    ..TableState::default()
                };
                out.push(html("<table>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                pass.table.in_head = true;
                pass.table.cell = 0;
                out.push(html("<thead><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                pass.table.in_head = false;
                out.push(html("</tr></thead>\n<tbody>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                pass.table.cell = 0;
                out.push(html("<tr>".into()));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => out.push(html(pass.table.cell_open())),
            Event::End(TagEnd::TableCell) => {
                out.push(html(
                    if pass.table.in_head { "</th>" } else { "</td>" }.into(),
                ));
                pass.table.cell += 1;
            }
            Event::End(TagEnd::Table) => out.push(html("</tbody>\n</table>\n".into())),
            Event::TaskListMarker(done) => out.push(html(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> ".into()
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> ".into()
            })),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                definition = Some((label.to_string(), out.len()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, start)) = definition.take() {
                    let mut body = String::new();
                    pulldown_cmark::html::push_html(&mut body, out.drain(start..));
                    pass.footnotes.define(&label, body);
                }
            }
            Event::Html(h) if h.trim() == "<!-- more -->" => {
                if definition.is_none() {
                    summary_at = Some(out.len());
                }
            }
            other => {
                let e = pass.inline(other, range);
                out.push(e);
            }
        }
    }

    for problem in std::mem::take(&mut pass.raw_html).finish() {
        pass.report(
            Diagnostic::warning(problem.message),
            problem.range,
            problem.hint,
        );
    }
    let mut rendered = pass.rendered;
    if let Some(at) = summary_at {
        // The notes themselves are not in the summary: leave out the references to them,
        // which would be links to nothing on a listing page.
        let is_reference =
            |e: &Event| matches!(e, Event::Html(h) if h.starts_with(FOOTNOTE_REFERENCE));
        let mut summary = String::new();
        pulldown_cmark::html::push_html(
            &mut summary,
            out[..at].iter().filter(|e| !is_reference(e)).cloned(),
        );
        rendered.summary = Some(summary);
    }
    let mut body = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut body, out.into_iter());
    body.push_str(&pass.footnotes.html(&mut rendered.anchors));
    rendered.html = body;
    rendered.toc = nest(pass.flat_toc);
    rendered
}

/// The host of a page's address (`example.org` for `https://example.org/about/`).
fn host_of(permalink: &str) -> &str {
    let rest = permalink.split_once("://").map_or(permalink, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or_default()
}

impl Pass<'_> {
    /// Gives raw HTML to the checker: a block once it ends (its lines joined, as the
    /// browser reads them), an inline tag at once.
    fn gather_html(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((String::new(), Vec::new())),
            Event::Html(h) => match &mut self.html_block {
                Some((text, pieces)) => {
                    pieces.push((text.len(), range.start));
                    text.push_str(h);
                }
                None => self.raw_html.fragment(h, &[(0, range.start)]),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, pieces)) = self.html_block.take() {
                    self.raw_html.fragment(&text, &pieces);
                }
            }
            Event::InlineHtml(h) => self.raw_html.fragment(h, &[(0, range.start)]),
            _ => {}
        }
    }

    /// The 1-based line of byte `at` of the file.
    fn line_of(&mut self, at: usize) -> usize {
        let text = &self.input.file.text;
        let at = at.min(text.len());
        let (from, line) = if at >= self.line_cursor.0 {
            self.line_cursor
        } else {
            (0, 1)
        };
        let line = line
            + text.as_bytes()[from..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        self.line_cursor = (at, line);
        line
    }

    /// Records `d` at `range` of the text (mapped to the file) with a hint.
    fn report(&mut self, d: Diagnostic, range: Range<usize>, hint: impl Into<String>) {
        let d = d
            .in_file(&self.input.file.rel)
            .at(&self.input.file.text, (self.locate)(range))
            .with_hint(hint);
        self.diags.push(d);
    }

    /// Marks every `{#id}` given in the text as taken before any id is made from a
    /// heading's text, so `## Custom` before `## Other {#custom}` cannot share an id.
    fn reserve_explicit_ids(&mut self, text: &str) {
        for event in Parser::new_ext(text, cmark_options(&self.options)) {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                self.ids.reserve(&id);
            }
        }
    }

    /// Links, images, text and footnote references, wherever they are.
    fn inline<'t>(&mut self, event: Event<'t>, range: Range<usize>) -> Event<'t> {
        let in_image = !self.image_has_alt.is_empty();
        if self.options.lazy_images
            && in_image
            && !matches!(
                event,
                Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
            )
        {
            return self.lazy_alt(event);
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.options.external_links.clone() {
                Some(attrs) if is_external(&dest_url) => {
                    self.link(&dest_url, &range);
                    html(external_link(&dest_url, &title, &attrs))
                }
                // `<name@example.org>`: written with mailto: by the HTML writer.
                _ if link_type == LinkType::Email => Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }),
                _ => Event::Start(Tag::Link {
                    link_type,
                    dest_url: self.link(&dest_url, &range),
                    title,
                    id,
                }),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(&dest_url, &range);
                self.image_has_alt.push((false, range));
                if self.options.lazy_images {
                    // The image's own tag, its alt text written by `lazy_alt`, then the
                    // rest in `End(Image)`; an image in another's alt text is only text.
                    if in_image {
                        return html(String::new());
                    }
                    self.lazy_image_title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", escape(&title))
                    };
                    let mut src = String::new();
                    let _ = pulldown_cmark_escape::escape_href(&mut src, &dest_url);
                    return html(format!("<img src=\"{src}\" alt=\""));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((false, r)) = self.image_has_alt.pop() {
                    self.report(
                        Diagnostic::warning("this image has no alternative text"),
                        r,
                        "describe the image between the brackets: ![what the image shows](file.png); if it is only decoration, say so in the surrounding text",
                    );
                }
                match (self.options.lazy_images, self.image_has_alt.is_empty()) {
                    (false, _) => Event::End(TagEnd::Image),
                    (true, false) => html(String::new()),
                    (true, true) => html(format!(
                        "\"{} loading=\"lazy\" decoding=\"async\" />",
                        std::mem::take(&mut self.lazy_image_title)
                    )),
                }
            }
            Event::Text(t) => {
                if let Some(last) = self.image_has_alt.last_mut() {
                    last.0 |= !t.trim().is_empty();
                }
                self.rendered.word_count += t.split_whitespace().count();
                Event::Text(t)
            }
            Event::FootnoteReference(label) => {
                html(self.footnotes.reference(&label, &mut self.rendered.anchors))
            }
            other => other,
        }
    }

    /// An event inside an image's alt text when images are written by hand (with
    /// `lazy_images`): its text, escaped for the attribute, as pulldown-cmark writes alt
    /// text; tags inside it write nothing.
    fn lazy_alt<'t>(&mut self, event: Event<'t>) -> Event<'t> {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if let Some(last) = self.image_has_alt.last_mut() {
                    last.0 |= !t.trim().is_empty();
                }
                self.rendered.word_count += t.split_whitespace().count();
                html(escape(&t))
            }
            Event::SoftBreak | Event::HardBreak => html(" ".into()),
            _ => html(String::new()),
        }
    }
}
