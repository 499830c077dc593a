//! What a template looked up while it rendered one output file, so that `serve` can tell
//! which outputs an edit touches.
//!
//! Rendering one output happens on one thread (rayon runs each job's closure whole), so
//! the lookups are noted in a thread-local set while [`record`] runs.

use std::cell::RefCell;
use std::collections::BTreeSet;

/// The content an output read through template functions, beyond its own page or section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookups {
    /// Pages read with `get_page` (content paths such as `about/index.md`).
    pub pages: BTreeSet<String>,
    /// Sections read with `get_section` (content paths such as `reports/_index.md`).
    pub sections: BTreeSet<String>,
    /// Whether it listed every page (`all_pages()`).
    pub all_pages: bool,
    /// Taxonomies read with `get_taxonomy` or `get_taxonomy_term` (`<lang>/<name>`).
    pub taxonomies: BTreeSet<String>,
}

impl Lookups {
    /// Whether an edit to the page at `page` (in the section at `section`) can change
    /// what this output shows.
    pub fn touches(&self, page: &str, section: &str) -> bool {
        self.all_pages || self.pages.contains(page) || self.sections.contains(section)
    }
}

/// One lookup a template made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// `get_page` of this content path.
    Page(String),
    /// `get_section` of this content path.
    Section(String),
    /// `all_pages()`.
    AllPages,
    /// `get_taxonomy` or `get_taxonomy_term` of `<lang>/<name>`.
    Taxonomy(String),
}

thread_local! {
    static RECORDING: RefCell<Option<Lookups>> = const { RefCell::new(None) };
}

/// Runs `f`, returning what it returned and every lookup made on this thread meanwhile.
pub fn record<T>(f: impl FnOnce() -> T) -> (T, Lookups) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Lookups::default()));
    let value = f();
    let seen = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (value, seen.unwrap_or_default())
}

/// Notes a lookup, if something is recording.
pub(crate) fn note(lookup: Lookup) {
    RECORDING.with(|r| {
        if let Some(seen) = r.borrow_mut().as_mut() {
            match lookup {
                Lookup::Page(path) => {
                    seen.pages.insert(path);
                }
                Lookup::Section(path) => {
                    seen.sections.insert(path);
                }
                Lookup::AllPages => seen.all_pages = true,
                Lookup::Taxonomy(name) => {
                    seen.taxonomies.insert(name);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_inside_and_nests() {
        note(Lookup::Page("outside.md".into()));
        let ((), outer) = record(|| {
            note(Lookup::Page("a.md".into()));
            let ((), inner) = record(|| note(Lookup::Section("s/_index.md".into())));
            assert!(inner.sections.contains("s/_index.md"));
            assert!(inner.pages.is_empty());
            note(Lookup::AllPages);
        });
        assert_eq!(outer.pages.iter().collect::<Vec<_>>(), ["a.md"]);
        assert!(outer.all_pages && outer.sections.is_empty());
        assert!(outer.touches("zzz.md", "none"));
        let ((), none) = record(|| ());
        assert!(!none.touches("a.md", "s/_index.md"));
    }
}
