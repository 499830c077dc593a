//! Documents read before they are published: what a Word, Excel, PowerPoint,
//! OpenDocument or PDF file carries beside its text, which a reader can see with a click
//! (File > Info) and the author may not know is there: the author's and last editor's
//! names, comments, tracked changes, hidden text, sheets or slides, embedded files. For a
//! PDF safesite did not make, also what makes it hard to read with a screen reader (not
//! tagged, no title, no language, no text at all: a scan).
//!
//! Nothing is changed in the author's file: each finding is reported, with how to clean
//! the file, by the caller.

mod office;
mod pdf;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The most a document may unpack to before it is not read on (a zip bomb).
pub const UNPACKED_LIMIT: u64 = 64 * 1024 * 1024;

/// What is in a document that the text on the page does not show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A person's name in its properties (`Author`, `Last modified by`): which property,
    /// and the name.
    Person(&'static str, String),
    /// Comments, with their authors' names.
    Comments(usize, Vec<String>),
    /// Tracked changes still in the file: insertions and deletions not yet accepted.
    TrackedChanges(usize),
    /// Text, sheets or slides hidden from view: what and how many.
    Hidden(&'static str, usize),
    /// Files inside the file: how many.
    Embedded(usize),
    /// (PDF) not tagged, so a screen reader cannot tell headings, lists and tables.
    NotTagged,
    /// (PDF) no title, so a screen reader announces the file name.
    NoTitle,
    /// (PDF) no language, so a screen reader may read it in the wrong voice.
    NoLanguage,
    /// (PDF) no text to extract: a scanned image.
    NoText,
}

impl Finding {
    /// Whether the finding may identify someone (the rest are accessibility problems).
    pub fn identifies(&self) -> bool {
        !matches!(
            self,
            Finding::NotTagged | Finding::NoTitle | Finding::NoLanguage | Finding::NoText
        )
    }

    /// The finding in words, after "it keeps" / "it is".
    pub fn describe(&self) -> String {
        match self {
            Finding::Person(property, name) => {
                format!("a person's name as its {property} ({name})")
            }
            Finding::Comments(n, authors) => {
                let s = if *n == 1 { "" } else { "s" };
                match authors.is_empty() {
                    true => format!("{n} comment{s}"),
                    false => format!("{n} comment{s} (by {})", authors.join(", ")),
                }
            }
            Finding::TrackedChanges(n) => {
                let s = if *n == 1 { "" } else { "s" };
                format!(
                    "{n} tracked change{s} not yet accepted or rejected (the deleted text is still in the file)"
                )
            }
            Finding::Hidden(what, n) => {
                let what = match (*what, *n) {
                    ("runs of text", 1) => "run of text",
                    ("sheets", 1) => "sheet",
                    ("slides", 1) => "slide",
                    (plural, _) => plural,
                };
                format!("{n} hidden {what}")
            }
            Finding::Embedded(n) => {
                let s = if *n == 1 { "" } else { "s" };
                format!("{n} embedded file{s}")
            }
            Finding::NotTagged => {
                "not tagged: a screen reader cannot find its headings, lists and tables".into()
            }
            Finding::NoTitle => "without a title: a screen reader announces its file name".into(),
            Finding::NoLanguage => {
                "without a language: a screen reader may read it in the wrong voice".into()
            }
            Finding::NoText => {
                "without text to read: it looks like a scan, which a screen reader cannot read"
                    .into()
            }
        }
    }
}

/// The kinds of document read, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.docx`, `.xlsx`, `.pptx`.
    Office,
    /// `.odt`, `.ods`, `.odp`.
    OpenDocument,
    /// `.pdf`.
    Pdf,
}

impl Kind {
    /// The kind a file's name says it is, if it is one read.
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "docx" | "xlsx" | "pptx" | "docm" | "xlsm" | "pptm" => Some(Kind::Office),
            "odt" | "ods" | "odp" => Some(Kind::OpenDocument),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }

    /// How to clean a file of this kind, for a message.
    pub fn how_to_clean(self) -> &'static str {
        match self {
            Kind::Office => {
                "in Word, Excel or PowerPoint: accept or reject every tracked change (Review > Accept All Changes), delete the comments, then File > Info > Check for Issues > Inspect Document and Remove All for comments, revisions, document properties and hidden content; save and replace the file"
            }
            Kind::OpenDocument => {
                "in LibreOffice: Edit > Track Changes > Manage > Accept All, delete the comments, then File > Properties, clear the author and tick off 'Apply user data'; save and replace the file"
            }
            Kind::Pdf => {
                "export the PDF again from the cleaned original (Word: File > Info > Inspect Document first), or in a PDF editor use Redact > Remove Hidden Information (Acrobat: Protect > Remove Hidden Information) and set the title and language in File > Properties"
            }
        }
    }
}

/// What a document carries, or why it could not be read.
pub type Inspection = Arc<Result<Vec<Finding>, String>>;

/// The documents read in one build, each read and inspected once however many places
/// ask (a page's downloads, and the accessibility statement listing every PDF).
#[derive(Debug, Default)]
pub struct Inspected(Mutex<HashMap<PathBuf, Inspection>>);

impl Inspected {
    /// What the document at `path` (of `kind`) carries, read on first asking. Pages
    /// render in parallel: the lock is not held while a file is read, so two pages
    /// asking at once may both read it, and neither waits for the other's file.
    pub fn of(&self, path: &Path, kind: Kind) -> Inspection {
        if let Some(found) = self.0.lock().ok().and_then(|m| m.get(path).cloned()) {
            return found;
        }
        let found: Inspection = Arc::new(
            std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|b| inspect(&b, kind)),
        );
        if let Ok(mut m) = self.0.lock() {
            m.insert(path.to_path_buf(), Arc::clone(&found));
        }
        found
    }
}

/// What `bytes`, a document of `kind`, carries; or why it could not be read.
pub fn inspect(bytes: &[u8], kind: Kind) -> Result<Vec<Finding>, String> {
    match kind {
        Kind::Office => office::inspect_ooxml(bytes),
        Kind::OpenDocument => office::inspect_odf(bytes),
        Kind::Pdf => pdf::inspect(bytes),
    }
}

/// Whether `value` (an author property) looks like a person's name or address rather than
/// a program, an organisation or a placeholder: two to four capitalised words
/// (`Jane Caseworker`, `Mary-Ann O'Neil`), or an email address.
pub fn is_person(value: &str) -> bool {
    let value = value.trim();
    if value.contains('@') && value.contains('.') {
        return true;
    }
    const NOT_PEOPLE: &[&str] = &[
        "microsoft",
        "word",
        "excel",
        "office",
        "adobe",
        "acrobat",
        "libreoffice",
        "writer",
        "council",
        "partnership",
        "police",
        "nhs",
        "board",
        "ltd",
        "limited",
        "user",
        "admin",
        "administrator",
        "author",
        "owner",
        "safeguarding",
        "team",
        "service",
        "services",
        "unknown",
        "windows",
        "google",
        "docs",
        "pdf",
        "typst",
        "safesite",
        "trust",
        "icb",
    ];
    let words: Vec<&str> = value.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && !NOT_PEOPLE.contains(&w.to_lowercase().trim_end_matches('.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_told_from_programs_and_organisations() {
        for person in [
            "Jane Caseworker",
            "Mary-Ann O'Neil",
            "Dr. Sam Reviewer",
            "j.smith@westmoor.gov.uk",
        ] {
            assert!(is_person(person), "{person}");
        }
        for not in [
            "Microsoft Office User",
            "Westmoor Council",
            "admin",
            "Typst 0.15",
            "SCP Business Team",
            "jsmith",
            "",
        ] {
            assert!(!is_person(not), "{not}");
        }
    }

    #[test]
    fn kinds_come_from_the_file_name() {
        assert_eq!(Kind::of(Path::new("a/Notes.DOCX")), Some(Kind::Office));
        assert_eq!(Kind::of(Path::new("b.ods")), Some(Kind::OpenDocument));
        assert_eq!(Kind::of(Path::new("c.pdf")), Some(Kind::Pdf));
        assert_eq!(Kind::of(Path::new("d.csv")), None);
    }
}
