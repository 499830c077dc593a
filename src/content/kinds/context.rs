//! What a kind's checks and views need besides its own fields: the site's settings and
//! data, today's date, and (for views) a way to render a Markdown field.

use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;
use toml::Spanned;

use super::frameworks::FrameworkSet;
use super::people::{Person, PersonRef};
use crate::config::Config;
use crate::content::partnership::{Partnership, resolve};
use crate::content::{Page, Site};
use crate::diagnostics::Diagnostic;

/// What the checks need besides the page.
pub struct CheckContext<'a> {
    /// The site folder.
    pub root: &'a Path,
    /// The configuration.
    pub config: &'a Config,
    /// Today's date (from `SAFESITE_TODAY` in tests, the clock otherwise).
    pub today: Date,
    /// `data/partnership.toml`, if the site has one.
    pub partnership: Option<&'a Partnership>,
    /// The frameworks the self-assessments name, loaded once.
    pub frameworks: &'a FrameworkSet,
}

/// Renders a Markdown field of the page being shown. The render stage implements it, as
/// it owns the Markdown pipeline (shortcodes, `@/` links); problems are reported at the
/// field's place in the file.
pub trait FieldMarkdown {
    /// The HTML of `text`, which starts at byte `offset` of the page's file.
    fn render(&self, text: &str, offset: usize) -> String;
}

/// What a kind's view needs besides its own fields.
pub struct ViewContext<'a> {
    /// The page being shown.
    pub page: &'a Page,
    /// Renders its Markdown fields.
    pub markdown: &'a dyn FieldMarkdown,
    /// The whole site (the arrangements link to the levels of need).
    pub site: &'a Site,
    /// The configuration (rating and grade scales, the bodies reports are sent to).
    pub config: &'a Config,
    /// `data/partnership.toml`, to name people.
    pub partnership: Option<&'a Partnership>,
    /// Today, for overdue flags.
    pub today: Date,
    /// The frameworks the self-assessments name.
    pub frameworks: &'a FrameworkSet,
    /// The site folder, where the pages' downloads are (the accessibility statement
    /// lists the PDFs a screen reader cannot use).
    pub root: &'a Path,
    /// The documents read in this build, so each download is read once.
    pub documents: &'a crate::content::documents::Inspected,
}

impl ViewContext<'_> {
    /// The HTML of a Markdown field of the page.
    pub fn markdown(&self, field: &Spanned<String>) -> String {
        let at = self.page.value_range(field).start;
        self.markdown.render(field.get_ref(), at)
    }

    /// The HTML of an optional Markdown field.
    pub fn markdown_opt(&self, field: &Option<Spanned<String>>) -> Option<String> {
        field.as_ref().map(|f| self.markdown(f))
    }

    /// A person as shown on the page (`None` for an id nobody has: `check` says so).
    pub fn person(&self, r: &Spanned<PersonRef>) -> Option<Person> {
        resolve(self.partnership, r.get_ref()).ok()
    }

    /// Each of a list of people.
    pub fn people(&self, list: &[Spanned<PersonRef>]) -> Vec<Option<Person>> {
        list.iter().map(|p| self.person(p)).collect()
    }
}

/// An error at `range` of the page's file.
pub fn error(page: &Page, range: Range<usize>, message: String, hint: String) -> Diagnostic {
    Diagnostic::error(message)
        .in_file(&page.file.rel)
        .at(&page.file.text, range)
        .with_hint(hint)
}

/// A warning at `range` of the page's file.
pub fn warning(page: &Page, range: Range<usize>, message: String, hint: String) -> Diagnostic {
    Diagnostic::warning(message)
        .in_file(&page.file.rel)
        .at(&page.file.text, range)
        .with_hint(hint)
}

/// A number given to two entries of a list (`[[levels]]`, `[[standards]]`): an error at
/// the second, once per number.
pub fn repeated_numbers(
    page: &Page,
    numbers: &[&Spanned<u32>],
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = std::collections::HashMap::new();
    for n in numbers {
        let count = seen.entry(*n.get_ref()).or_insert(0);
        *count += 1;
        if *count == 2 {
            out.push(error(
                page,
                page.value_range(n),
                format!("two {what}s have the number {}", n.get_ref()),
                format!("give each {what} its own number: 1, 2, 3… in order"),
            ));
        }
    }
}
