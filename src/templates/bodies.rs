//! What the Markdown and render stages made of each page and section, as templates see
//! it: the bodies (HTML kept compressed), a page's kind data and downloads. The values
//! in [`super::views`] and the lookups of [`super::library`] are both made from these.

use std::sync::Arc;

use tera::Value;

use crate::markdown::{Heading, Rendered};

/// A page's HTML, compressed while the build holds it (an HTML page compresses about
/// threefold with lz4, and is unpacked in microseconds when a template needs it).
#[derive(Debug, Clone, Default)]
pub struct Packed(Vec<u8>);

impl Packed {
    /// Compresses `html`.
    pub fn new(html: &str) -> Self {
        Packed(lz4_flex::compress_prepend_size(html.as_bytes()))
    }

    /// The HTML again.
    pub fn unpack(&self) -> String {
        lz4_flex::decompress_size_prepended(&self.0)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

/// What the Markdown stage made of one body, for its template value.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The HTML.
    pub content: Packed,
    /// The HTML before `<!-- more -->`, if the body has that marker.
    pub summary: Option<String>,
    /// The table of contents.
    pub toc: Vec<Heading>,
    /// Words in the text.
    pub word_count: usize,
}

impl Body {
    /// Keeps what templates show of `rendered` (its HTML compressed).
    pub fn new(rendered: &Rendered) -> Self {
        Body {
            content: Packed::new(&rendered.html),
            summary: rendered.summary.clone(),
            toc: rendered.toc.clone(),
            word_count: rendered.word_count,
        }
    }
}

/// What the render stage made of one page: its body, and what templates see of its kind
/// and downloads.
#[derive(Debug, Clone)]
pub struct PageRender {
    /// Its rendered Markdown.
    pub body: Body,
    /// `page.data` (none for a page of no kind).
    pub data: Value,
    /// `page.downloads`.
    pub downloads: Value,
}

/// Everything the render stage made, by page and section id.
#[derive(Debug, Clone)]
pub struct Renders {
    /// One per page, in [`crate::content::Site::pages`] order.
    pub pages: Vec<Arc<PageRender>>,
    /// One per section, in [`crate::content::Site::sections`] order.
    pub sections: Vec<Arc<Body>>,
    /// Every recommendation and action, for `recommendations()`.
    pub recommendations: Value,
}
