//! Heading ids and the table of contents.

use std::collections::HashMap;

use pulldown_cmark::HeadingLevel;
use serde::Serialize;

/// 1 for `#`, 2 for `##`, and so on.
pub fn level_number(level: HeadingLevel) -> u32 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// One entry of a page's table of contents (`page.toc` in templates, Zola's shape).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u32,
    /// The heading's `id`.
    pub id: String,
    /// The heading text, without markup.
    pub title: String,
    /// The page URL with `#id`.
    pub permalink: String,
    /// Headings nested under this one.
    pub children: Vec<Heading>,
    /// The line of the file it is written on, as pulldown-cmark reported it (for checks;
    /// not shown to templates).
    #[serde(skip)]
    pub line: usize,
}

/// Hands out unique heading ids within one page.
#[derive(Debug, Default)]
pub struct IdAllocator {
    seen: HashMap<String, usize>,
}

impl IdAllocator {
    /// A unique id: `wanted` if free, else `wanted-1`, `wanted-2`, …
    pub fn unique(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let mut id = base.to_string();
        while let Some(n) = self.seen.get_mut(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.seen.insert(id.clone(), 0);
        id
    }

    /// Marks an id given explicitly (`{#id}`) as used.
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }
}

/// Nests a flat list of headings by level.
pub fn nest(flat: Vec<Heading>) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for h in flat {
        insert(&mut out, h);
    }
    out
}

fn insert(list: &mut Vec<Heading>, h: Heading) {
    match list.last_mut() {
        Some(last) if h.level > last.level => insert(&mut last.children, h),
        _ => list.push(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u32, id: &str) -> Heading {
        Heading {
            level,
            id: id.into(),
            title: id.into(),
            permalink: String::new(),
            children: vec![],
            line: 0,
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-1");
        assert_eq!(ids.unique("a"), "a-2");
        ids.reserve("b");
        assert_eq!(ids.unique("b"), "b-1");
    }

    #[test]
    fn nests_by_level() {
        let toc = nest(vec![h(2, "a"), h(3, "b"), h(2, "c"), h(4, "d")]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].id, "b");
        assert_eq!(toc[1].children[0].id, "d");
    }
}
