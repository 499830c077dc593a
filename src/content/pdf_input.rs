//! What a page's PDF is made from: the parts of the report in reading order and its
//! title page, gathered by the content layer (each kind says what its report holds) and
//! typeset by [`crate::pdf`].

use std::path::PathBuf;

use jiff::civil::Date;

/// A part of the report, in reading order.
#[derive(Debug, Clone)]
pub enum Part {
    /// A heading of this level (2 for the report's own sections; 1 is the title).
    Heading(u8, String),
    /// Markdown, with where it starts in the content file, if known.
    Markdown {
        /// The Markdown.
        text: String,
        /// Its offset in the content file.
        offset: Option<usize>,
    },
    /// A table with a header row; each cell is Markdown.
    Table {
        /// What the table shows, for readers of the PDF (the table's caption).
        caption: String,
        /// The header row.
        columns: Vec<String>,
        /// The rows.
        rows: Vec<Vec<String>>,
    },
}

/// Everything a report's PDF is made from.
#[derive(Debug, Clone)]
pub struct PdfInput {
    /// The content file (for error messages), relative to the site.
    pub source: PathBuf,
    /// The folder relative images are read from (the page bundle).
    pub image_dir: Option<PathBuf>,
    /// The report's title (the PDF's title too).
    pub title: String,
    /// What kind of report it is (`Independent scrutiny report`).
    pub kind_label: String,
    /// The partnership's name.
    pub partnership: Option<String>,
    /// The author(s), for the PDF's metadata.
    pub author: Option<String>,
    /// The period covered, as words (`1 April 2024 to 31 March 2025`).
    pub period: String,
    /// When it was published (also the PDF's date, and Typst's "today").
    pub published: Date,
    /// Other lines of the title page: (label, value).
    pub facts: Vec<(String, String)>,
    /// The language, as a BCP 47 tag (`en-GB`).
    pub language: String,
    /// The contents.
    pub parts: Vec<Part>,
}

/// What a kind puts in its PDF besides the page's own title, language and images: its
/// title page and its parts (the page's Markdown among them, where the kind wants it).
#[derive(Debug, Clone)]
pub struct PdfPlan {
    /// What kind of report it is (`Independent scrutiny report`).
    pub kind_label: &'static str,
    /// The period covered, as words.
    pub period: String,
    /// When it was published.
    pub published: Date,
    /// The author(s), for the PDF's metadata.
    pub author: Option<String>,
    /// Other lines of the title page: (label, value).
    pub facts: Vec<(String, String)>,
    /// The contents, but for the page's own Markdown…
    pub parts: Vec<Part>,
    /// …which goes before the part with this index (the render stage, which has the
    /// page's text, puts it there).
    pub body_at: usize,
}

/// Escapes plain text so Markdown reads it as it is (for plain cells of a table).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A date as a report writes it: `31 March 2025`.
pub fn human_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A Markdown field of `page` as a part, with where its text starts in the file.
pub fn field_part(page: &crate::content::Page, field: &toml::Spanned<String>) -> Part {
    Part::Markdown {
        text: field.get_ref().clone(),
        offset: Some(page.value_range(field).start),
    }
}
