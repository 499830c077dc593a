//! Word, Excel and PowerPoint files (Office Open XML) and OpenDocument files: zip
//! archives of XML parts, each read with a cap on what it unpacks to.

use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

use super::{Finding, UNPACKED_LIMIT, is_person};

/// An opened archive, with how much has been unpacked so far.
struct Archive {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    unpacked: u64,
}

impl Archive {
    fn open(bytes: &[u8]) -> Result<Archive, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
            .map_err(|e| format!("it is not a readable Office file ({e})"))?;
        Ok(Archive { zip, unpacked: 0 })
    }

    /// The names of the parts, in the archive's order.
    fn names(&self) -> Vec<String> {
        (0..self.zip.len())
            .filter_map(|i| self.zip.name_for_index(i)?.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The text of the part `name`, if there is one; an error once the archive has
    /// unpacked past [`UNPACKED_LIMIT`] (whatever its headers claim).
    fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut part = match self.zip.by_name(name) {
            Ok(p) => p,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("its part {name} cannot be read ({e})")),
        };
        let left = UNPACKED_LIMIT.saturating_sub(self.unpacked);
        let mut text = String::new();
        let read = (&mut part)
            .take(left + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("its part {name} cannot be read ({e})"))?;
        self.unpacked += read as u64;
        if self.unpacked > UNPACKED_LIMIT {
            return Err(format!(
                "it unpacks to more than {} MB, so it was not read to the end (a damaged file, or one made to exhaust memory)",
                UNPACKED_LIMIT / 1024 / 1024
            ));
        }
        Ok(Some(text))
    }

    /// The XML of the part `name`, parsed and handed to `f`.
    fn with_xml<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&Document) -> T,
    ) -> Result<Option<T>, String> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        let doc =
            Document::parse(&text).map_err(|e| format!("its part {name} is not XML ({e})"))?;
        Ok(Some(f(&doc)))
    }
}

/// The elements of `doc` named `local` (any namespace).
fn elements<'a, 'd>(
    doc: &'a Document<'d>,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'd>> + 'a {
    doc.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == local)
}

/// The text of the first element named `local`.
fn first_text(doc: &Document, local: &str) -> Option<String> {
    elements(doc, local)
        .find_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The distinct values of attribute `attr` (any namespace) on elements named `local`.
fn authors(doc: &Document, local: &str, attr: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for n in elements(doc, local) {
        let name = n
            .attributes()
            .find(|a| a.name() == attr)
            .map(|a| a.value().trim().to_string());
        if let Some(name) = name.filter(|n| !n.is_empty() && !names.contains(n)) {
            names.push(name);
        }
    }
    names
}

/// The people named in a core-properties or meta part: each property that holds a
/// person's name.
fn people(doc: &Document, properties: &[(&str, &'static str)], findings: &mut Vec<Finding>) {
    for (local, label) in properties {
        if let Some(value) = first_text(doc, local).filter(|v| is_person(v)) {
            let seen = findings
                .iter()
                .any(|f| matches!(f, Finding::Person(_, v) if *v == value));
            if !seen {
                findings.push(Finding::Person(label, value));
            }
        }
    }
}

/// A Word, Excel or PowerPoint file.
pub(super) fn inspect_ooxml(bytes: &[u8]) -> Result<Vec<Finding>, String> {
    let mut archive = Archive::open(bytes)?;
    let names = archive.names();
    let mut findings = Vec::new();
    archive.with_xml("docProps/core.xml", |doc| {
        people(
            doc,
            &[("creator", "author"), ("lastModifiedBy", "last editor")],
            &mut findings,
        )
    })?;
    // Comments: Word's, Excel's (notes and threaded comments) and PowerPoint's.
    let mut comments = 0;
    let mut commenters = Vec::new();
    for name in names.iter().filter(|n| is_comments_part(n)) {
        let found = archive.with_xml(name, |doc| {
            let n = ["comment", "cm", "threadedComment"]
                .iter()
                .map(|l| elements(doc, l).count())
                .sum::<usize>();
            let mut by = authors(doc, "comment", "author");
            // Excel lists its commenters apart, as <authors><author>Name</author>.
            by.extend(
                elements(doc, "author")
                    .filter_map(|a| a.text())
                    .map(str::to_string),
            );
            (n, by)
        })?;
        if let Some((n, by)) = found {
            comments += n;
            commenters.extend(by.into_iter().filter(|a| is_person(a)));
        }
    }
    commenters.sort();
    commenters.dedup();
    if comments > 0 {
        findings.push(Finding::Comments(comments, commenters));
    }
    // Tracked changes and hidden text in Word's body; hidden sheets; hidden slides;
    // Excel's revision log.
    if let Some((changes, hidden)) = archive.with_xml("word/document.xml", |doc| {
        let changes = ["ins", "del", "moveFrom", "moveTo"]
            .iter()
            .map(|l| {
                elements(doc, l)
                    .filter(|n| {
                        n.tag_name()
                            .namespace()
                            .is_some_and(|ns| ns.contains("wordprocessingml"))
                    })
                    .count()
            })
            .sum::<usize>();
        (changes, elements(doc, "vanish").count())
    })? {
        if changes > 0 {
            findings.push(Finding::TrackedChanges(changes));
        }
        if hidden > 0 {
            findings.push(Finding::Hidden("runs of text", hidden));
        }
    }
    let revisions = names
        .iter()
        .filter(|n| n.starts_with("xl/revisions/revisionLog"))
        .count();
    if revisions > 0 {
        findings.push(Finding::TrackedChanges(revisions));
    }
    if let Some(hidden) = archive.with_xml("xl/workbook.xml", |doc| {
        elements(doc, "sheet")
            .filter(|s| {
                s.attributes()
                    .any(|a| a.name() == "state" && a.value() != "visible")
            })
            .count()
    })? && hidden > 0
    {
        findings.push(Finding::Hidden("sheets", hidden));
    }
    let mut hidden_slides = 0;
    for name in names
        .iter()
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
    {
        let hidden = archive.with_xml(name, |doc| {
            doc.root_element()
                .attributes()
                .any(|a| a.name() == "show" && a.value() == "0")
        })?;
        hidden_slides += usize::from(hidden == Some(true));
    }
    if hidden_slides > 0 {
        findings.push(Finding::Hidden("slides", hidden_slides));
    }
    let embedded = names
        .iter()
        .filter(|n| n.contains("/embeddings/") && !n.ends_with('/'))
        .count();
    if embedded > 0 {
        findings.push(Finding::Embedded(embedded));
    }
    Ok(findings)
}

/// Parts that hold comments: `word/comments.xml`, `xl/comments1.xml`,
/// `xl/threadedComments/…`, `ppt/comments/…`.
fn is_comments_part(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    name.ends_with(".xml")
        && (name == "word/comments.xml"
            || (name.starts_with("xl/") && file.starts_with("comments"))
            || name.starts_with("xl/threadedComments/")
            || name.starts_with("ppt/comments/"))
}

/// An OpenDocument text, spreadsheet or presentation.
pub(super) fn inspect_odf(bytes: &[u8]) -> Result<Vec<Finding>, String> {
    let mut archive = Archive::open(bytes)?;
    let names = archive.names();
    let mut findings = Vec::new();
    archive.with_xml("meta.xml", |doc| {
        people(
            doc,
            &[("initial-creator", "author"), ("creator", "last editor")],
            &mut findings,
        )
    })?;
    archive.with_xml("content.xml", |doc| {
        let comments = elements(doc, "annotation").count();
        if comments > 0 {
            let by: Vec<String> = elements(doc, "annotation")
                .filter_map(|a| {
                    elements_in(a, "creator")
                        .next()
                        .and_then(|c| c.text())
                        .map(str::to_string)
                })
                .filter(|a| is_person(a))
                .fold(Vec::new(), |mut v, a| {
                    if !v.contains(&a) {
                        v.push(a);
                    }
                    v
                });
            findings.push(Finding::Comments(comments, by));
        }
        let changes = elements(doc, "changed-region").count();
        if changes > 0 {
            findings.push(Finding::TrackedChanges(changes));
        }
        let hidden_text =
            elements(doc, "hidden-text").count() + elements(doc, "hidden-paragraph").count();
        if hidden_text > 0 {
            findings.push(Finding::Hidden("runs of text", hidden_text));
        }
        let hidden_sheets = elements(doc, "table")
            .filter(|t| {
                t.attributes()
                    .any(|a| a.name() == "display" && a.value() == "false")
            })
            .count();
        if hidden_sheets > 0 {
            findings.push(Finding::Hidden("sheets", hidden_sheets));
        }
    })?;
    let embedded = names
        .iter()
        .filter(|n| n.starts_with("Object ") && n.ends_with("content.xml"))
        .count();
    if embedded > 0 {
        findings.push(Finding::Embedded(embedded));
    }
    Ok(findings)
}

/// The descendants of `node` named `local`.
fn elements_in<'a, 'd>(
    node: Node<'a, 'd>,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'd>> + 'a {
    node.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == local)
}
