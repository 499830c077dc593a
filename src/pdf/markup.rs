//! Markdown → Typst markup, for the PDF of a report.
//!
//! Text is escaped character by character; everything with structure (emphasis, lists,
//! tables, headings, footnotes, links, images) is written as a Typst function call with
//! content blocks, so no indentation or line-start rule of Typst's own markup can change
//! what the Markdown meant. Each call is ended with `;`, so text that follows it (`(`,
//! `[`, `.`) is never read as more of the call.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// The characters Typst markup gives a meaning to, escaped with `\` in text.
const SPECIAL: &[char] = &[
    '#', '$', '*', '_', '@', '<', '>', '\\', '`', '[', ']', '=', '-', '+', '/', '~',
];

/// Escapes text for Typst markup.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev_digit = false;
    for c in text.chars() {
        // `1.` at the start of a line would start a numbered list.
        if SPECIAL.contains(&c) || (c == '.' && prev_digit) {
            out.push('\\');
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Writes `text` as a Typst string literal.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An image the Markdown refers to that has no alternative text.
#[derive(Debug, Clone)]
pub struct MissingAlt {
    /// The image's address as written.
    pub url: String,
    /// Where the image is, as an offset into the content file (if known).
    pub offset: Option<usize>,
}

/// The Typst document being written, with what it needs beside the markup.
#[derive(Default)]
pub struct Doc {
    /// The markup so far.
    pub out: String,
    /// Files the markup refers to: virtual path and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Offsets: (markup offset, content-file offset), in markup order.
    pub map: Vec<(usize, usize)>,
    /// Images written without alternative text.
    pub missing_alt: Vec<MissingAlt>,
    /// Images that could not be read: (address, problem, content-file offset).
    pub unreadable: Vec<(String, String, Option<usize>)>,
    footnote_count: usize,
}

/// The pulldown-cmark options of the site's Markdown (as the HTML renderer uses them).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SMART_PUNCTUATION
}

type Spanned<'a> = (Event<'a>, std::ops::Range<usize>);

impl Doc {
    /// Appends raw markup.
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Appends Markdown, converted. `offset` is where `markdown` starts in the content
    /// file (for mapping errors back), and `dir` the folder relative images are read from.
    pub fn markdown(&mut self, markdown: &str, offset: Option<usize>, dir: Option<&Path>) {
        let events: Vec<Spanned> = Parser::new_ext(markdown, options())
            .into_offset_iter()
            .collect();
        // Footnote definitions are written where they are referred to.
        let mut definitions: HashMap<String, Vec<Spanned>> = HashMap::new();
        let mut main = Vec::with_capacity(events.len());
        let mut current: Option<(String, Vec<Spanned>, usize)> = None;
        for (event, range) in events {
            match (&mut current, event) {
                (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                    current = Some((label.to_string(), Vec::new(), 0));
                }
                (Some((_, evs, depth)), Event::Start(Tag::FootnoteDefinition(l))) => {
                    *depth += 1;
                    evs.push((Event::Start(Tag::FootnoteDefinition(l)), range));
                }
                (Some((_, evs, depth)), Event::End(TagEnd::FootnoteDefinition)) if *depth > 0 => {
                    *depth -= 1;
                    evs.push((Event::End(TagEnd::FootnoteDefinition), range));
                }
                (Some(_), Event::End(TagEnd::FootnoteDefinition)) => {
                    let (label, evs, _) = current.take().expect("inside a definition");
                    definitions.entry(label).or_insert(evs);
                }
                (Some((_, evs, _)), e) => evs.push((e, range)),
                (None, e) => main.push((e, range)),
            }
        }
        let mut w = Writer {
            doc: self,
            definitions: &definitions,
            written: HashMap::new(),
            offset,
            dir,
        };
        w.events(&main);
    }
}

struct Writer<'d, 'a> {
    doc: &'d mut Doc,
    definitions: &'d HashMap<String, Vec<Spanned<'a>>>,
    /// Footnotes already written, and their labels.
    written: HashMap<String, String>,
    offset: Option<usize>,
    dir: Option<&'d Path>,
}

impl Writer<'_, '_> {
    fn mark(&mut self, range: &std::ops::Range<usize>) {
        if let Some(base) = self.offset {
            self.doc.map.push((self.doc.out.len(), base + range.start));
        }
    }

    fn push(&mut self, s: &str) {
        self.doc.out.push_str(s);
    }

    fn events(&mut self, events: &[Spanned]) {
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            i += 1;
            match event {
                Event::Start(tag) => {
                    self.mark(range);
                    match tag {
                        Tag::CodeBlock(kind) => {
                            let mut code = String::new();
                            while i < events.len() {
                                match &events[i].0 {
                                    Event::End(TagEnd::CodeBlock) => break,
                                    Event::Text(t) | Event::Code(t) => code.push_str(t),
                                    _ => {}
                                }
                                i += 1;
                            }
                            i += 1;
                            let lang = match kind {
                                CodeBlockKind::Fenced(info) => {
                                    info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                                }
                                CodeBlockKind::Indented => String::new(),
                            };
                            let code = code.strip_suffix('\n').unwrap_or(&code);
                            let lang = if lang.is_empty() {
                                String::new()
                            } else {
                                format!(", lang: {}", string_literal(&lang))
                            };
                            self.push(&format!(
                                "#raw(block: true{lang}, {});\n\n",
                                string_literal(code)
                            ));
                        }
                        Tag::Image { dest_url, .. } => {
                            let mut alt = String::new();
                            while i < events.len() {
                                match &events[i].0 {
                                    Event::End(TagEnd::Image) => break,
                                    Event::Text(t) | Event::Code(t) => alt.push_str(t),
                                    Event::SoftBreak | Event::HardBreak => alt.push(' '),
                                    _ => {}
                                }
                                i += 1;
                            }
                            i += 1;
                            let at = self.offset.map(|b| b + range.start);
                            self.image(dest_url, alt.trim(), at);
                        }
                        other => {
                            let open = self.open(other);
                            self.push(&open);
                        }
                    }
                }
                Event::End(tag) => {
                    let close = close(tag);
                    self.push(close);
                }
                Event::Text(t) => {
                    let escaped = escape_text(t);
                    self.push(&escaped);
                }
                Event::Code(t) => {
                    let lit = string_literal(t);
                    self.push(&format!("#raw({lit});"));
                }
                Event::SoftBreak => self.push(" "),
                Event::HardBreak => self.push("#linebreak();"),
                Event::Rule => self.push("#line(length: 100%);\n\n"),
                Event::TaskListMarker(done) => self.push(if *done { "☑ " } else { "☐ " }),
                Event::FootnoteReference(label) => self.footnote(label),
                // Raw HTML has no meaning in a PDF; maths is not enabled.
                Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_) => {}
            }
        }
    }

    fn open(&mut self, tag: &Tag) -> String {
        match tag {
            Tag::Paragraph => String::new(),
            Tag::Heading { level, .. } => {
                let n = crate::markdown::headings::level_number(*level);
                format!("#heading(level: {n})[")
            }
            Tag::BlockQuote(_) => "#quote(block: true)[".into(),
            Tag::List(Some(start)) => format!("#enum(start: {start},\n"),
            Tag::List(None) => "#list(\n".into(),
            Tag::Item => "[".into(),
            Tag::Table(aligns) => {
                let align: Vec<&str> = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None | Alignment::Left => "left",
                        Alignment::Center => "center",
                        Alignment::Right => "right",
                    })
                    .collect();
                format!(
                    "#table(columns: {}, align: ({},),\n",
                    aligns.len().max(1),
                    align.join(", ")
                )
            }
            Tag::TableHead => "table.header(".into(),
            Tag::TableRow => String::new(),
            Tag::TableCell => "[".into(),
            Tag::Emphasis => "#emph[".into(),
            Tag::Strong => "#strong[".into(),
            Tag::Strikethrough => "#strike[".into(),
            Tag::Superscript => "#super[".into(),
            Tag::Subscript => "#sub[".into(),
            Tag::Link { dest_url, .. } => {
                if is_external(dest_url) {
                    format!("#link({})[", string_literal(dest_url))
                } else {
                    // Links inside the site have no address in a PDF: keep the words.
                    "#[".into()
                }
            }
            Tag::DefinitionList => String::new(),
            Tag::DefinitionListTitle => "#block(strong[".into(),
            Tag::DefinitionListDefinition => "#pad(left: 1.5em)[".into(),
            Tag::HtmlBlock | Tag::MetadataBlock(_) => String::new(),
            // Handled in `events`.
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::FootnoteDefinition(_) => String::new(),
        }
    }

    fn footnote(&mut self, label: &str) {
        if let Some(name) = self.written.get(label) {
            let r = format!("#footnote(<{name}>);");
            self.push(&r);
            return;
        }
        let Some(def) = self.definitions.get(label) else {
            // An undefined footnote reads as it was written.
            let t = escape_text(&format!("[^{label}]"));
            self.push(&t);
            return;
        };
        self.doc.footnote_count += 1;
        let name = format!("safesite-fn-{}", self.doc.footnote_count);
        self.written.insert(label.to_string(), name.clone());
        self.push("#footnote[");
        let def = def.clone();
        self.events(&def);
        let end = format!("]<{name}>");
        let trimmed = self.doc.out.trim_end().len();
        self.doc.out.truncate(trimmed);
        self.push(&end);
    }

    fn image(&mut self, url: &str, alt: &str, at: Option<usize>) {
        let alt_arg = if alt.is_empty() {
            self.doc.missing_alt.push(MissingAlt {
                url: url.to_string(),
                offset: at,
            });
            "none".to_string()
        } else {
            string_literal(alt)
        };
        if is_external(url) || url.starts_with('/') || url.starts_with("@/") {
            // No network: an image from elsewhere is shown by its description.
            let t = escape_text(alt);
            self.push(&t);
            return;
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let Some(dir) = self.dir else {
            let t = escape_text(alt);
            self.push(&t);
            return;
        };
        // `%20` → space, for file names in image addresses.
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .into_owned();
        let file = dir.join(&decoded);
        match std::fs::read(&file) {
            Ok(bytes) => {
                let ext = Path::new(&decoded)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("bin")
                    .to_ascii_lowercase();
                let vpath = format!("/img/{}.{ext}", self.doc.files.len());
                self.doc.files.push((vpath.clone(), bytes));
                self.push(&format!(
                    "#box(image({}, alt: {alt_arg}, width: 100%));",
                    string_literal(&vpath)
                ));
            }
            Err(e) => {
                self.doc
                    .unreadable
                    .push((url.to_string(), e.to_string(), at));
                let t = escape_text(alt);
                self.push(&t);
            }
        }
    }
}

fn close(tag: &TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph => "\n\n",
        TagEnd::Heading(_) => "];\n\n",
        TagEnd::BlockQuote(_) => "];\n\n",
        TagEnd::List(_) => ");\n\n",
        TagEnd::Item => "],\n",
        TagEnd::Table => ");\n\n",
        TagEnd::TableHead => "),\n",
        TagEnd::TableRow => "\n",
        TagEnd::TableCell => "], ",
        TagEnd::Emphasis
        | TagEnd::Strong
        | TagEnd::Strikethrough
        | TagEnd::Superscript
        | TagEnd::Subscript
        | TagEnd::Link => "];",
        TagEnd::DefinitionList => "\n",
        TagEnd::DefinitionListTitle => "]);\n",
        TagEnd::DefinitionListDefinition => "];\n\n",
        TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => "",
        TagEnd::CodeBlock | TagEnd::Image | TagEnd::FootnoteDefinition => "",
    }
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape_text("#$*_@<>\\`[]=-+/~"),
            "\\#\\$\\*\\_\\@\\<\\>\\\\\\`\\[\\]\\=\\-\\+\\/\\~"
        );
        assert_eq!(escape_text("plain words, (here)"), "plain words, (here)");
        assert_eq!(escape_text("1. not a list"), "1\\. not a list");
        assert_eq!(escape_text("v2.5"), "v2\\.5");
        assert_eq!(escape_text("end."), "end.");
    }

    #[test]
    fn strings_are_quoted() {
        assert_eq!(
            string_literal("a \"b\" \\ c\nd"),
            "\"a \\\"b\\\" \\\\ c\\nd\""
        );
    }

    fn convert(md: &str) -> String {
        let mut doc = Doc::default();
        doc.markdown(md, Some(0), None);
        doc.out
    }

    #[test]
    fn structure_is_written_as_calls() {
        assert_eq!(convert("## A *b*"), "#heading(level: 2)[A #emph[b];];\n\n");
        assert_eq!(convert("- one\n- two"), "#list(\n[one],\n[two],\n);\n\n");
        let table = convert("| a | b |\n|---|--:|\n| 1 | 2 |");
        assert!(
            table.starts_with(
                "#table(columns: 2, align: (left, right,),\ntable.header([a], [b], ),"
            )
        );
        assert!(table.contains("[1], [2], "));
    }

    #[test]
    fn footnotes_are_written_where_they_are_referred_to() {
        let out = convert("Text[^1] and again[^1].\n\n[^1]: The note.");
        assert!(
            out.contains("Text#footnote[The note.]<safesite-fn-1>"),
            "{out}"
        );
        assert!(out.contains("again#footnote(<safesite-fn-1>);"), "{out}");
    }

    #[test]
    fn images_without_alt_are_noted() {
        let mut doc = Doc::default();
        doc.markdown("![](chart.png)", Some(10), Some(Path::new("/nonexistent")));
        assert_eq!(doc.missing_alt.len(), 1);
        assert_eq!(doc.missing_alt[0].offset, Some(10));
    }
}
