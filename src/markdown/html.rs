//! The pulldown-cmark event pass: everything that pulldown-cmark's own HTML writer does
//! not do the way an accessible site needs.
//!
//! Block-level events that need rewriting (headings, code, tables, task lists, footnote
//! definitions) are handled in [`render_events`]; inline events (links, images, text,
//! footnote references) in [`Pass::inline`], which headings and footnotes share, so an
//! `@/` link or a footnote works the same wherever it is written.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options as CmarkOptions, Parser, Tag,
    TagEnd,
};

use super::headings::{Heading, IdAllocator, nest};
use super::highlight::{Fallback, highlight};
use super::{Input, InternalLink, Options, Rendered, TemplateHost, strip_placeholders};
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

/// One footnote that is referenced in the text.
struct Note {
    /// Its number, in order of first reference.
    number: usize,
    /// The `id` of its list item is `fn-{id}`.
    id: String,
    /// How many times it is referenced (each reference gets a link back).
    refs: usize,
}

/// Footnote references and definitions of one body.
///
/// Labels match as CommonMark link labels do (case-insensitively, runs of spaces as
/// one), so `[^Note]` finds `[^note]:`; ids are unique even when two labels slug alike.
#[derive(Default)]
struct Footnotes {
    notes: HashMap<String, Note>,
    order: Vec<String>,
    ids: HashSet<String>,
    definitions: HashMap<String, String>,
}

fn normalise_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Footnotes {
    /// The HTML of a reference to `label`; records its anchor.
    fn reference(&mut self, label: &str, anchors: &mut HashSet<String>) -> String {
        let key = normalise_label(label);
        if !self.notes.contains_key(&key) {
            let base = {
                let s = slug::slugify(label);
                if s.is_empty() { "note".to_string() } else { s }
            };
            let mut id = base.clone();
            let mut n = 1;
            while self.ids.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            self.ids.insert(id.clone());
            self.order.push(key.clone());
            let number = self.order.len();
            self.notes.insert(
                key.clone(),
                Note {
                    number,
                    id,
                    refs: 0,
                },
            );
        }
        let Some(note) = self.notes.get_mut(&key) else {
            return String::new();
        };
        note.refs += 1;
        let ref_id = reference_id(&note.id, note.refs);
        anchors.insert(ref_id.clone());
        format!(
            "{FOOTNOTE_REFERENCE} id=\"{ref_id}\"><a href=\"#fn-{}\" role=\"doc-noteref\" aria-label=\"Footnote {n}\">{n}</a></sup>",
            note.id,
            n = note.number
        )
    }

    /// Keeps the HTML of a definition (the first one, if a label is defined twice).
    fn define(&mut self, label: &str, html: String) {
        self.definitions
            .entry(normalise_label(label))
            .or_insert(html);
    }

    /// The list of referenced footnotes, each with a link back to every reference.
    fn html(&self, anchors: &mut HashSet<String>) -> String {
        let mut items = String::new();
        for key in &self.order {
            let (Some(note), Some(body)) = (self.notes.get(key), self.definitions.get(key)) else {
                continue;
            };
            anchors.insert(format!("fn-{}", note.id));
            let backlinks: Vec<String> = (1..=note.refs)
                .map(|r| {
                    let (label, mark) = if r == 1 {
                        (format!("Back to reference {}", note.number), "↩".to_string())
                    } else {
                        (
                            format!("Back to reference {} ({r})", note.number),
                            format!("↩<sup>{r}</sup>"),
                        )
                    };
                    format!(
                        "<a href=\"#{}\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"{label}\">{mark}</a>",
                        reference_id(&note.id, r)
                    )
                })
                .collect();
            let backlinks = backlinks.join(" ");
            let body = body.trim_end();
            // Inside the last paragraph, as GitHub does, so the link does not sit on a line of its own.
            let body = match body.strip_suffix("</p>") {
                Some(before) => format!("{before} {backlinks}</p>"),
                None => format!("{body}\n<p>{backlinks}</p>"),
            };
            items.push_str(&format!("<li id=\"fn-{}\">{body}</li>\n", note.id));
        }
        if items.is_empty() {
            return String::new();
        }
        format!(
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"Footnotes\">\n<ol>\n{items}</ol>\n</section>\n"
        )
    }
}

/// How every footnote reference starts.
const FOOTNOTE_REFERENCE: &str = "<sup class=\"footnote-reference\"";

fn reference_id(id: &str, nth: usize) -> String {
    if nth == 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{nth}")
    }
}

/// What one body's pass carries from event to event.
struct Pass<'p> {
    input: &'p Input<'p>,
    options: Options,
    site: &'p Site,
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
    let mut pass = Pass {
        input,
        options,
        site,
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
    };
    if text.contains("{#") {
        pass.reserve_explicit_ids(text);
    }
    let mut out: Vec<Event> = Vec::new();
    let mut summary_at = None;
    // A footnote definition being written: its label and where its events start in `out`.
    let mut definition: Option<(String, usize)> = None;
    let mut events =
        Parser::new_ext(text, cmark_options(options.smart_punctuation)).into_offset_iter();

    while let Some((event, range)) = events.next() {
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

impl Pass<'_> {
    fn error_at(&self, range: Range<usize>, message: String, hint: String) -> Diagnostic {
        Diagnostic::error(message)
            .in_file(&self.input.file.rel)
            .at(&self.input.file.text, (self.locate)(range))
            .with_hint(hint)
    }

    /// Marks every `{#id}` given in the text as taken before any id is made from a
    /// heading's text, so `## Custom` before `## Other {#custom}` cannot share an id.
    fn reserve_explicit_ids(&mut self, text: &str) {
        let options = cmark_options(self.options.smart_punctuation);
        for event in Parser::new_ext(text, options) {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
                self.ids.reserve(&id);
            }
        }
    }

    /// Links, images, text and footnote references, wherever they are.
    fn inline<'t>(&mut self, event: Event<'t>, range: Range<usize>) -> Event<'t> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.link(&dest_url, &range),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(&dest_url, &range);
                self.image_has_alt.push((false, range));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((false, r)) = self.image_has_alt.pop() {
                    self.diags.push(
                        Diagnostic::warning("this image has no alternative text")
                            .in_file(&self.input.file.rel)
                            .at(&self.input.file.text, (self.locate)(r))
                            .with_hint("describe the image between the brackets: ![what the image shows](file.png); if it is only decoration, say so in the surrounding text"),
                    );
                }
                Event::End(TagEnd::Image)
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

    /// A heading with its id (given or made from its text), classes, attributes and
    /// anchor link; adds it to the table of contents.
    fn heading(
        &mut self,
        level: HeadingLevel,
        given: Option<CowStr>,
        classes: &[CowStr],
        attrs: &[(CowStr, Option<CowStr>)],
        inner: Vec<(Event, Range<usize>)>,
        range: Range<usize>,
    ) -> Event<'static> {
        let mut plain = String::new();
        let mut events = Vec::with_capacity(inner.len());
        for (e, r) in inner {
            if let Event::Text(t) | Event::Code(t) = &e {
                plain.push_str(t);
            }
            events.push(self.inline(e, r));
        }
        // A shortcode's HTML is put back after rendering: keep its marker out of the id.
        let plain = strip_placeholders(&plain);
        let id = match given {
            Some(given) => {
                if !self.explicit_ids.insert(given.to_string()) {
                    self.diags.push(
                        Diagnostic::warning(format!("two headings have the id `{given}`"))
                            .in_file(&self.input.file.rel)
                            .at(&self.input.file.text, (self.locate)(range.clone()))
                            .with_hint("links to #id go to the first one: give this heading a different {#id}"),
                    );
                }
                self.ids.reserve(&given);
                given.to_string()
            }
            None => self.ids.unique(&slug::slugify(plain.trim())),
        };
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, events.into_iter());
        let n = heading_number(level);
        let link = match self.options.anchor_links {
            AnchorLinks::Left | AnchorLinks::Right => match self.host.anchor_link(&id, n) {
                Ok(l) => l.trim().to_string(),
                Err(e) => {
                    let d = self.error_at(
                        range.clone(),
                        format!("the anchor-link.html template failed: {e}"),
                        "fix templates/anchor-link.html".into(),
                    );
                    self.diags.push(d);
                    String::new()
                }
            },
            _ => String::new(),
        };
        let body = match self.options.anchor_links {
            AnchorLinks::Left => format!("{link} {inner_html}"),
            AnchorLinks::Right => format!("{inner_html} {link}"),
            // A link cannot hold another: a heading with a link in it keeps its text as is.
            AnchorLinks::Heading if inner_html.contains("<a ") => inner_html,
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
        for (k, v) in attrs {
            match v {
                Some(v) => attributes.push_str(&format!(" {}=\"{}\"", escape(k), escape(v))),
                None => attributes.push_str(&format!(" {}", escape(k))),
            }
        }
        self.rendered.anchors.insert(id.clone());
        self.flat_toc.push(Heading {
            level: n,
            permalink: format!("{}#{}", self.input.permalink, id),
            id,
            title: plain.split_whitespace().collect::<Vec<_>>().join(" "),
            children: Vec::new(),
        });
        html(format!("<h{n}{attributes}>{body}</h{n}>\n"))
    }

    /// A fenced or indented code block, highlighted when it names a known language.
    fn code_block(
        &mut self,
        kind: &CodeBlockKind,
        code: &str,
        range: Range<usize>,
    ) -> Event<'static> {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info
                .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                .next()
                .unwrap_or_default()
                .to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let (file, text, locate) = (&self.input.file.rel, &self.input.file.text, self.locate);
        let diags = &mut *self.diags;
        html(code_block(&lang, code, self.options.highlight, |why| {
            diags.push(
                Diagnostic::warning(why)
                    .in_file(file)
                    .at(text, locate(range.start..range.start + 3 + lang.len()))
                    .with_hint(
                        "the block is shown as plain code; check the language name after ```",
                    ),
            );
        }))
    }

    /// Resolves `@/` links to permalinks and records local links for checking.
    fn link<'t>(&mut self, dest: &CowStr<'t>, range: &Range<usize>) -> CowStr<'t> {
        if let Some(target) = dest.strip_prefix("@/") {
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a.to_string())),
                None => (target, None),
            };
            let site = self.site;
            match site.lookup(path) {
                Some(item) => {
                    self.rendered.internal_links.push(InternalLink {
                        target: item,
                        anchor: anchor.clone(),
                        range: (self.locate)(range.clone()),
                    });
                    let permalink = &site.location(item).permalink;
                    return CowStr::from(match anchor {
                        Some(a) => format!("{permalink}#{a}"),
                        None => permalink.clone(),
                    });
                }
                None if site.drafts.contains_key(path) => {
                    let d = self.error_at(
                        range.clone(),
                        format!("this links to content/{path}, which is a draft and is not published"),
                        "publish the page (remove `draft = true`), build with --drafts to preview, or remove the link".into(),
                    );
                    self.diags.push(d);
                }
                None => {
                    let known: Vec<&str> =
                        site.by_relative_path.keys().map(String::as_str).collect();
                    let hint = match closest(path, &known) {
                        Some(best) => {
                            format!("did you mean @/{best}? Links name a file under content/")
                        }
                        None => "internal links name a file under content/, like @/reports/annual-report.md".into(),
                    };
                    let d = self.error_at(
                        range.clone(),
                        format!("broken internal link: there is no content/{path}"),
                        hint,
                    );
                    self.diags.push(d);
                }
            }
        } else if dest.starts_with('/') && !dest.starts_with("//") {
            self.rendered
                .local_links
                .push((dest.to_string(), (self.locate)(range.clone())));
        }
        dest.clone()
    }
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
