//! Footnotes: numbered references in the text, and the list of notes at the end with a
//! link back to every reference.

use std::collections::{HashMap, HashSet};

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
pub(super) struct Footnotes {
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
    pub(super) fn reference(&mut self, label: &str, anchors: &mut HashSet<String>) -> String {
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
    pub(super) fn define(&mut self, label: &str, html: String) {
        self.definitions
            .entry(normalise_label(label))
            .or_insert(html);
    }

    /// The list of referenced footnotes, each with a link back to every reference.
    pub(super) fn html(&self, anchors: &mut HashSet<String>) -> String {
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
pub(super) const FOOTNOTE_REFERENCE: &str = "<sup class=\"footnote-reference\"";

fn reference_id(id: &str, nth: usize) -> String {
    if nth == 1 {
        format!("fnref-{id}")
    } else {
        format!("fnref-{id}-{nth}")
    }
}
