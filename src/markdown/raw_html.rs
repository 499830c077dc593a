//! Raw HTML written in Markdown (often pasted from an old CMS), read as a browser reads it
//! with html5ever's tokenizer: what the site's Content-Security-Policy will block (a
//! `style` attribute, `<style>` and `<script>`, `on…=` handlers, `javascript:` links,
//! anything loaded from another host) and what breaks the page's structure for a screen
//! reader (a list without items, an element never closed or closed twice, a heading in a
//! table cell, an image without alt text). Each problem says what to write instead.
//!
//! The body's HTML comes in fragments (a block, or one inline tag), each fed to its own
//! tokenizer; which elements are open is kept across them, since `<div>` … Markdown …
//! `</div>` is a common pattern.

use std::cell::RefCell;
use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One problem, at a byte range of the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is in the text the fragments came from.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: &'static str,
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose end tag may be left out (the next item or row closes them).
const OPTIONAL_END: &[&str] = &[
    "li", "p", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt",
    "rp", "colgroup", "html", "head", "body",
];

/// Attributes that load what they name.
const LOADS: &[(&str, &str)] = &[
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("script", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("source", "src"),
    ("source", "srcset"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("link", "href"),
    ("input", "src"),
];

const STYLE_HINT: &str = "take the style out: the theme styles every page, and Markdown has what a page needs (`- ` for a list, `**bold**`, a table of `|` cells)";
const SCRIPT_HINT: &str =
    "take it out: a page's content cannot run scripts; a link or a button needs none";
const JS_URL_HINT: &str = "link to a page or a file instead: [the text](@/page.md)";
const REMOTE_HINT: &str = "put the file in the page's folder and show it from there (![what it shows](file.png)), or link to the other site instead: [Watch the video](https://…); loading from another site also tells it who is reading";
const ALT_HINT: &str = "write the image in Markdown, ![what the image shows](file.png), or add alt=\"…\" saying what it shows";
const LIST_HINT: &str = "write the list in Markdown, a line per point starting with `- `, or put each point in <li>…</li>";
const HEADING_CELL_HINT: &str = "put the heading above the table (## Heading) and make the cell's text bold (**…**) if it needs to stand out";
const STRAY_HINT: &str = "remove it, or add the opening tag it belongs to";
const UNCLOSED_HINT: &str = "close it where it ends, or write the part in Markdown instead";

/// An element open at some point of the body.
#[derive(Debug)]
struct Open {
    name: String,
    at: Range<usize>,
    /// For a list: whether it has had an item.
    has_item: bool,
}

/// What is known across fragments: the open elements, whether a table cell is open.
#[derive(Debug, Default)]
pub struct Checker {
    open: Vec<Open>,
    in_cell: bool,
    host: String,
    problems: Vec<Problem>,
}

/// A fragment being tokenized: where its text is, and how its lines map to the body.
struct Fragment<'a> {
    text: &'a str,
    /// `(byte in text, byte in the body)` where each piece of the fragment starts.
    pieces: &'a [(usize, usize)],
}

impl Fragment<'_> {
    /// The body position of byte `at` of the fragment.
    fn body_offset(&self, at: usize) -> usize {
        let (start, offset) = self
            .pieces
            .iter()
            .rev()
            .find(|(s, _)| *s <= at)
            .copied()
            .unwrap_or((0, 0));
        offset + (at - start)
    }

    /// Where `needle` (a `<tag` or an attribute's name) is on 1-based `line`, as a
    /// body range; the line's start when it is not there.
    fn find(&self, line: u64, needle: &str) -> Range<usize> {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => break,
            }
        }
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let lower = self.text[start..end].to_ascii_lowercase();
        let (from, to) = match lower.find(needle) {
            Some(i) => (start + i, start + i + needle.len()),
            None => (start, end),
        };
        self.body_offset(from)..self.body_offset(to)
    }
}

/// The tokenizer's sink: checks each tag of one fragment.
struct Sink<'a> {
    checker: &'a RefCell<Checker>,
    fragment: &'a Fragment<'a>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut checker = self.checker.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                checker.start(&tag, line, self.fragment);
                match &*tag.name {
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                    _ => {}
                }
            }
            Token::TagToken(tag) => checker.end(&tag, line, self.fragment),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Checker {
    /// A checker for a page on `host` (its own files may be loaded from there).
    pub fn new(host: &str) -> Self {
        Checker {
            host: host.to_ascii_lowercase(),
            ..Checker::default()
        }
    }

    /// Checks one fragment of HTML: `text`, made of pieces that start at these
    /// `(byte in text, byte in the body)` places (one piece for an inline tag).
    pub fn fragment(&mut self, text: &str, pieces: &[(usize, usize)]) {
        let fragment = Fragment { text, pieces };
        let cell = RefCell::new(std::mem::take(self));
        {
            let tokenizer = Tokenizer::new(
                Sink {
                    checker: &cell,
                    fragment: &fragment,
                },
                TokenizerOpts::default(),
            );
            let input = BufferQueue::default();
            input.push_back(StrTendril::from_slice(text));
            let _ = tokenizer.feed(&input);
            tokenizer.end();
        }
        *self = cell.into_inner();
    }

    /// The problems found, with every element still open reported as never closed.
    pub fn finish(mut self) -> Vec<Problem> {
        for open in std::mem::take(&mut self.open) {
            self.problems.push(Problem {
                message: format!("<{}> is never closed", open.name),
                range: open.at,
                hint: UNCLOSED_HINT,
            });
        }
        self.problems
    }

    fn report(&mut self, range: Range<usize>, message: String, hint: &'static str) {
        self.problems.push(Problem {
            range,
            message,
            hint,
        });
    }

    fn start(&mut self, tag: &Tag, line: u64, fragment: &Fragment) {
        let name = tag.name.to_string();
        let at = fragment.find(line, &format!("<{name}"));
        self.check_attributes(tag, line, fragment);
        match name.as_str() {
            "style" => self.report(
                at.clone(),
                "a <style> element, which the site's Content-Security-Policy blocks: its style is not applied".into(),
                STYLE_HINT,
            ),
            "script" => self.report(
                at.clone(),
                "a <script> element, which the site's Content-Security-Policy blocks: it never runs".into(),
                SCRIPT_HINT,
            ),
            "img" if !tag.attrs.iter().any(|a| &*a.name.local == "alt") => self.report(
                at.clone(),
                "an <img> without alt text: a screen reader reads out its file name".into(),
                ALT_HINT,
            ),
            "li" => {
                if let Some(list) = self.open.iter_mut().rev().find(|o| is_list(&o.name)) {
                    list.has_item = true;
                }
            }
            "td" | "th" => self.in_cell = true,
            "tr" | "table" => self.in_cell = false,
            h if is_heading(h) && self.in_cell => self.report(
                at.clone(),
                format!("a heading (<{h}>) inside a table cell: screen readers list it among the page's headings, out of place"),
                HEADING_CELL_HINT,
            ),
            _ => {}
        }
        let tracked = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        if tracked && !tag.self_closing {
            self.open.push(Open {
                name,
                at,
                has_item: false,
            });
        }
    }

    fn end(&mut self, tag: &Tag, line: u64, fragment: &Fragment) {
        let name = &*tag.name;
        if matches!(name, "td" | "th" | "tr" | "table") {
            self.in_cell = false;
        }
        if VOID.contains(&name) || OPTIONAL_END.contains(&name) {
            return;
        }
        let at = fragment.find(line, &format!("</{name}"));
        let Some(i) = self.open.iter().rposition(|o| o.name == name) else {
            self.report(
                at,
                format!("a stray </{name}>, with no <{name}> open"),
                STRAY_HINT,
            );
            return;
        };
        for inner in self.open.split_off(i + 1) {
            self.report(
                inner.at,
                format!("<{}> is never closed (</{name}> comes first)", inner.name),
                UNCLOSED_HINT,
            );
        }
        if let Some(open) = self.open.pop()
            && is_list(&open.name)
            && !open.has_item
        {
            self.report(
                open.at,
                format!("a list (<{name}>) without items: a screen reader announces an empty list, and the text in it is not read as points"),
                LIST_HINT,
            );
        }
    }

    fn check_attributes(&mut self, tag: &Tag, line: u64, fragment: &Fragment) {
        let element = &*tag.name;
        for attr in &tag.attrs {
            let name = &*attr.name.local;
            let value = attr.value.trim();
            let at = || fragment.find(line, name);
            if name == "style" {
                self.report(
                    at(),
                    format!("a style attribute on <{element}>, which the site's Content-Security-Policy blocks: the style is not applied"),
                    STYLE_HINT,
                );
            } else if name.starts_with("on") && name.len() > 2 {
                self.report(
                    at(),
                    format!("an {name}= handler on <{element}>, which the site's Content-Security-Policy blocks: it never runs"),
                    SCRIPT_HINT,
                );
            } else if matches!(name, "href" | "src" | "action" | "formaction")
                && value.to_ascii_lowercase().starts_with("javascript:")
            {
                self.report(
                    at(),
                    format!("a javascript: address on <{element}>, which the site's Content-Security-Policy blocks"),
                    JS_URL_HINT,
                );
            } else if LOADS.contains(&(element, name))
                && let Some(host) = other_host(value, &self.host)
            {
                self.report(
                    at(),
                    format!("<{element}> loads from {host}, which the site's Content-Security-Policy blocks (only this site's own files load)"),
                    REMOTE_HINT,
                );
            }
        }
    }
}

fn is_list(name: &str) -> bool {
    matches!(name, "ul" | "ol")
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The host an address (or the first of a `srcset`) loads from, when it is not `own`.
fn other_host(value: &str, own: &str) -> Option<String> {
    let first = value.split([',', ' ']).next().unwrap_or_default();
    let lower = first.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    (!host.is_empty() && host != own).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems in `html` as one fragment at the start of the body.
    fn problems(html: &str) -> Vec<(usize, String)> {
        let mut checker = Checker::new("example.org");
        checker.fragment(html, &[(0, 0)]);
        checker
            .finish()
            .into_iter()
            .map(|p| (p.range.start, p.message))
            .collect()
    }

    #[test]
    fn a_pasted_list_without_items_and_its_style_are_both_found() {
        let html = "<ul style=\"list-style-type: none\"> • First. • Second.</ul>";
        let found = problems(html);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, html.find("style").unwrap());
        assert!(found[0].1.starts_with("a style attribute on <ul>"));
        assert_eq!(found[1].0, 0);
        assert!(found[1].1.starts_with("a list (<ul>) without items"));
    }

    #[test]
    fn what_the_csp_blocks_is_found() {
        let found = problems(
            "<p onclick=\"x()\">a</p>\n<a href=\"javascript:void(0)\">b</a>\n<script>if (a < b) {}</script>\n<style>p{}</style>\n<iframe src=\"https://www.youtube.com/embed/x\" title=\"v\"></iframe>\n<img src=\"https://example.org/own.png\" alt=\"own\">",
        );
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].starts_with("an onclick= handler on <p>"));
        assert!(messages[1].starts_with("a javascript: address on <a>"));
        assert!(messages[2].starts_with("a <script> element"));
        assert!(messages[3].starts_with("a <style> element"));
        assert!(messages[4].starts_with("<iframe> loads from www.youtube.com"));
    }

    #[test]
    fn structure_problems_are_found_and_good_html_passes() {
        assert!(problems("<details><summary>More</summary>\n<ul><li>a<li>b</ul></details>\n<img src=\"a.png\" alt=\"\"><br>").is_empty());
        let found = problems(
            "<div><span>a</div>\n</section>\n<table><tr><td><h3>x</h3></td></tr></table>\n<img src=\"a.png\">\n<div>",
        );
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "<span> is never closed (</div> comes first)",
                "a stray </section>, with no <section> open",
                "a heading (<h3>) inside a table cell: screen readers list it among the page's headings, out of place",
                "an <img> without alt text: a screen reader reads out its file name",
                "<div> is never closed",
            ]
        );
    }

    #[test]
    fn elements_open_in_one_fragment_close_in_another() {
        let mut checker = Checker::new("example.org");
        checker.fragment("<div class=\"note\">\n", &[(0, 0)]);
        checker.fragment("</div>\n", &[(0, 40)]);
        assert!(checker.finish().is_empty());
    }

    #[test]
    fn positions_map_through_the_pieces_of_a_fragment() {
        // Two lines of a block inside a block quote: the second piece starts later in
        // the body than in the fragment (the "> " was taken off).
        let mut checker = Checker::new("example.org");
        checker.fragment("<p>\n<img src=x>\n", &[(0, 2), (4, 8)]);
        let found = checker.finish();
        assert_eq!(found[0].range, 8..12);
    }
}
