//! PDFs, read with lopdf: the author in the document information, comments
//! (annotations), attached files; and whether a screen reader can use it (tagged, titled,
//! with a language, with text rather than a scan).

use lopdf::{Dictionary, Document, Object};

use super::{Finding, UNPACKED_LIMIT, is_person};

/// How many pages are read for text: a scan has none on its first pages either.
const TEXT_PAGES: u32 = 3;

/// Annotation kinds that are someone's comments rather than links or form fields.
const COMMENT_KINDS: &[&[u8]] = &[
    b"Text",
    b"FreeText",
    b"Popup",
    b"Highlight",
    b"Underline",
    b"StrikeOut",
    b"Squiggly",
    b"Ink",
    b"Caret",
    b"Stamp",
    b"FileAttachment",
    b"Sound",
];

pub(super) fn inspect(bytes: &[u8]) -> Result<Vec<Finding>, String> {
    // lopdf is not expected to panic, but a malformed file must never stop a build.
    let doc = std::panic::catch_unwind(|| Document::load_mem(bytes))
        .map_err(|_| "it is not a readable PDF (the reader gave up on it)".to_string())?
        .map_err(|e| format!("it is not a readable PDF ({e})"))?;
    let mut findings = Vec::new();
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(info) = info {
        for (key, label) in [(&b"Author"[..], "author"), (b"Creator", "creator")] {
            if let Some(value) = text(&doc, info, key).filter(|v| is_person(v)) {
                findings.push(Finding::Person(label, value));
            }
        }
    }
    let pages = doc.get_pages();
    let mut comments = 0;
    let mut commenters: Vec<String> = Vec::new();
    for &page in pages.values() {
        for annotation in doc.get_page_annotations(page).unwrap_or_default() {
            let kind = annotation
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or_default();
            if COMMENT_KINDS.contains(&kind) && kind != b"Popup" {
                comments += 1;
                if let Some(by) = text(&doc, annotation, b"T").filter(|t| is_person(t))
                    && !commenters.contains(&by)
                {
                    commenters.push(by);
                }
            }
        }
    }
    if comments > 0 {
        findings.push(Finding::Comments(comments, commenters));
    }
    let catalog = doc.catalog().ok();
    let attached = catalog
        .and_then(|c| c.get(b"Names").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .and_then(|names| names.get(b"EmbeddedFiles").ok())
        .map(|tree| count_name_tree(&doc, tree, 0))
        .unwrap_or(0);
    if attached > 0 {
        findings.push(Finding::Embedded(attached));
    }
    let marked = catalog
        .and_then(|c| c.get(b"MarkInfo").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false);
    if !marked || catalog.is_none_or(|c| !c.has(b"StructTreeRoot")) {
        findings.push(Finding::NotTagged);
    }
    let titled = info
        .and_then(|i| text(&doc, i, b"Title"))
        .is_some_and(|t| !t.trim().is_empty());
    if !titled {
        findings.push(Finding::NoTitle);
    }
    if catalog
        .and_then(|c| text(&doc, c, b"Lang"))
        .is_none_or(|l| l.trim().is_empty())
    {
        findings.push(Finding::NoLanguage);
    }
    let first: Vec<u32> = pages.keys().copied().take(TEXT_PAGES as usize).collect();
    let limit = usize::try_from(UNPACKED_LIMIT / 8).unwrap_or(usize::MAX);
    if !first.is_empty()
        && let Ok(Ok(words)) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            doc.extract_text_with_limit(&first, limit)
        }))
        && words.trim().is_empty()
    {
        findings.push(Finding::NoText);
    }
    Ok(findings)
}

/// A text string of `dict` at `key` (through a reference), decoded.
fn text(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let (_, object) = doc.dereference(dict.get(key).ok()?).ok()?;
    let bytes = object.as_str().ok()?;
    let decoded = lopdf::decode_text_string(object)
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned());
    Some(decoded.trim().to_string()).filter(|t| !t.is_empty())
}

/// How many files a name tree lists (`Names` pairs, through `Kids`), to a sane depth.
fn count_name_tree(doc: &Document, node: &Object, depth: usize) -> usize {
    let Some(dict) = doc
        .dereference(node)
        .ok()
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return 0;
    };
    if depth > 16 {
        return 0;
    }
    let here = dict
        .get(b"Names")
        .ok()
        .and_then(|o| o.as_array().ok())
        .map_or(0, |a| a.len() / 2);
    let below = dict
        .get(b"Kids")
        .ok()
        .and_then(|o| o.as_array().ok())
        .map_or(0, |kids| {
            kids.iter()
                .map(|k| count_name_tree(doc, k, depth + 1))
                .sum()
        });
    here + below
}
