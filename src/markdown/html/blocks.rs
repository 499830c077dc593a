//! The block-level elements written in full: headings (id, classes, attributes, anchor
//! link, table of contents entry), code blocks (highlighted or plain) and table cells.

use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel};

use super::{Pass, escape, html};
use crate::config::{AnchorLinks, Syntaxes};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::headings::Heading;
use crate::markdown::highlight::{Fallback, highlight};
use crate::markdown::strip_placeholders;

/// State of a table being written.
#[derive(Default)]
pub(super) struct TableState {
    /// The alignment of each column.
    pub(super) alignments: Vec<Alignment>,
    /// Whether the header row is being written.
    pub(super) in_head: bool,
    /// The column of the cell being written.
    pub(super) cell: usize,
}

impl TableState {
    /// The opening tag of the next cell: a header cell with `scope` in the head.
    pub(super) fn cell_open(&self) -> String {
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

impl Pass<'_> {
    /// A heading with its id (given or made from its text), classes, attributes and
    /// anchor link; adds it to the table of contents.
    pub(super) fn heading(
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
                    self.report(
                        Diagnostic::warning(format!("two headings have the id `{given}`"))
                            .with_code(Code::DuplicateHeadingId),
                        range.clone(),
                        "links to #id go to the first one: give this heading a different {#id}",
                    );
                }
                self.ids.reserve(&given);
                given.to_string()
            }
            None => self.ids.unique(&slug::slugify(plain.trim())),
        };
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, events.into_iter());
        let n = crate::markdown::headings::level_number(level);
        let link = match self.options.anchor_links {
            AnchorLinks::Left | AnchorLinks::Right => match self.host.anchor_link(&id, n) {
                Ok(l) => l.trim().to_string(),
                Err(e) => {
                    self.report(
                        Diagnostic::error(format!("the anchor-link.html template failed: {e}")),
                        range.clone(),
                        "fix templates/anchor-link.html",
                    );
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
        let line = self.line_of((self.locate)(range).start);
        self.flat_toc.push(Heading {
            level: n,
            permalink: format!("{}#{}", self.input.permalink, id),
            id,
            title: plain.split_whitespace().collect::<Vec<_>>().join(" "),
            children: Vec::new(),
            line,
        });
        html(format!("<h{n}{attributes}>{body}</h{n}>\n"))
    }

    /// A fenced or indented code block, highlighted when it names a known language.
    pub(super) fn code_block(
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
        let mut warning = None;
        let syntaxes = self.options.highlight.as_ref();
        let out = code_block(&lang, code, syntaxes, |why, unknown| {
            warning = Some((why, unknown));
        });
        if let Some((why, unknown)) = warning {
            let d = match syntaxes {
                Some(s) if unknown && s.missing_is_error => Diagnostic::error(why),
                _ => Diagnostic::warning(why),
            };
            self.report(
                d,
                range.start..range.start + 3 + lang.len(),
                "the block is shown as plain code; check the language name after ```",
            );
        }
        html(out)
    }
}

/// The HTML for one code block: highlighted, or plain with a warning.
/// `warn` is told why a block is plain, and whether it is for want of a grammar.
fn code_block(
    lang: &str,
    code: &str,
    syntaxes: Option<&Syntaxes>,
    mut warn: impl FnMut(String, bool),
) -> String {
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\" data-lang=\"{}\"",
            escape(lang),
            escape(lang)
        )
    };
    if let Some(syntaxes) = syntaxes
        && !lang.is_empty()
    {
        match highlight(syntaxes, lang, code) {
            Ok(inner) => {
                return format!("<pre class=\"code\"><code{lang_attr}>{inner}</code></pre>\n");
            }
            Err(Fallback::UnknownLanguage) => warn(
                format!("no highlighting grammar for the language `{lang}`"),
                true,
            ),
            Err(Fallback::TooLarge) => {
                warn("this code block is too large to highlight".into(), false)
            }
            Err(Fallback::Failed(e)) => warn(
                format!("highlighting this `{lang}` block failed: {e}"),
                false,
            ),
        }
    }
    format!(
        "<pre class=\"code\"><code{lang_attr}>{}</code></pre>\n",
        escape(code)
    )
}
