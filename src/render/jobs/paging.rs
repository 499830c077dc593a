//! Pagination: a section's or a term's pages split into pagers of `paginate_by`, the
//! first at the listing's own address and the others at `<paginate_path>/2/` and on, with
//! the `paginator` value Zola gives their templates.

use tera::{Map, Value};

use crate::content::Site;

/// A listing split into pagers.
pub(super) struct Paging<'a> {
    /// The pages listed, in the order they are shown.
    pages: Vec<usize>,
    /// Pages per pager (at least 1).
    by: usize,
    /// The listing's own URL path and full URL (`/news/`).
    path: &'a str,
    permalink: &'a str,
    /// The folder of the later pagers (`page`), or empty for `/news/2/`.
    paginate_path: &'a str,
}

impl<'a> Paging<'a> {
    /// The pagers of section `s`, when it is paginated: its rendered pages, reversed
    /// when `paginate_reversed` is set.
    pub(super) fn of_section(site: &'a Site, s: usize) -> Option<Self> {
        let section = &site.sections[s];
        let by = section.meta.paginate_by()?;
        let mut pages: Vec<usize> = section
            .pages
            .iter()
            .copied()
            .filter(|&p| site.pages[p].meta.renders())
            .collect();
        if section.meta.paginate_reversed {
            pages.reverse();
        }
        Some(Paging {
            pages,
            by,
            path: &section.loc.path,
            permalink: &section.loc.permalink,
            paginate_path: section.meta.paginate_path(),
        })
    }

    /// The pagers of term `k` of taxonomy `t`, when the taxonomy is paginated.
    pub(super) fn of_term(site: &'a Site, t: usize, k: usize) -> Option<Self> {
        let taxonomy = &site.taxonomies[t];
        let by = taxonomy.config.paginate_by()?;
        let term = &taxonomy.terms[k];
        Some(Paging {
            pages: term.pages.clone(),
            by,
            path: &term.path,
            permalink: &term.permalink,
            paginate_path: taxonomy.config.paginate_path(),
        })
    }

    /// How many pagers there are: at least one, even with no pages.
    pub(super) fn count(&self) -> usize {
        self.pages.len().div_ceil(self.by).max(1)
    }

    /// The URL path of pager `n` (0 is the first).
    pub(super) fn path(&self, n: usize) -> String {
        self.address(self.path, n)
    }

    /// Where the number of a later pager goes: `/news/page/`.
    fn base(&self, address: &str) -> String {
        let address = if address.ends_with('/') {
            address.to_string()
        } else {
            format!("{address}/")
        };
        match self.paginate_path.trim_matches('/') {
            "" => address,
            folder => format!("{address}{folder}/"),
        }
    }

    /// The address (a path or a full URL) of pager `n`, from the listing's own.
    fn address(&self, own: &str, n: usize) -> String {
        if n == 0 {
            own.to_string()
        } else {
            format!("{}{}/", self.base(own), n + 1)
        }
    }

    /// The URL path of the first pager's second address (`/news/page/1/`), which
    /// redirects to the listing.
    pub(super) fn first_alias(&self) -> String {
        format!("{}1/", self.base(self.path))
    }

    /// The full URL of the listing, where the redirect from [`Paging::first_alias`] goes.
    pub(super) fn permalink(&self) -> &str {
        self.permalink
    }

    /// The full URLs of the later pagers (for the sitemap).
    pub(super) fn later_permalinks(&self) -> impl Iterator<Item = String> + '_ {
        (1..self.count()).map(|n| self.address(self.permalink, n))
    }

    /// `paginator` for pager `n`, its pages' listing values given by `listed`.
    pub(super) fn value(&self, n: usize, listed: &dyn Fn(usize) -> Value) -> Value {
        let count = self.count();
        let link = |k: usize| Value::from(self.address(self.permalink, k));
        let pages: Vec<Value> = self
            .pages
            .chunks(self.by)
            .nth(n)
            .unwrap_or_default()
            .iter()
            .map(|&p| listed(p))
            .collect();
        let mut map = Map::new();
        map.insert("paginate_by".into(), Value::from(self.by));
        map.insert("base_url".into(), Value::from(self.base(self.permalink)));
        map.insert("number_pagers".into(), Value::from(count));
        map.insert("first".into(), link(0));
        map.insert("last".into(), link(count - 1));
        map.insert(
            "previous".into(),
            n.checked_sub(1).map_or_else(Value::none, link),
        );
        map.insert(
            "next".into(),
            if n + 1 < count {
                link(n + 1)
            } else {
                Value::none()
            },
        );
        map.insert("pages".into(), Value::from(pages));
        map.insert("current_index".into(), Value::from(n + 1));
        map.insert("total_pages".into(), Value::from(self.pages.len()));
        Value::from(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paging(n: usize, by: usize, paginate_path: &'static str) -> Paging<'static> {
        Paging {
            pages: (0..n).collect(),
            by,
            path: "/news/",
            permalink: "https://x.org/news/",
            paginate_path,
        }
    }

    #[test]
    fn pagers_have_zolas_addresses_and_fields() {
        let p = paging(5, 2, "page");
        assert_eq!(p.count(), 3);
        assert_eq!(p.path(0), "/news/");
        assert_eq!(p.path(2), "/news/page/3/");
        assert_eq!(p.first_alias(), "/news/page/1/");
        let v = p.value(1, &|i| Value::from(i));
        let get = |k: &str| v.get_from_path(k).cloned().unwrap_or_else(Value::none);
        assert_eq!(get("current_index"), Value::from(2));
        assert_eq!(get("total_pages"), Value::from(5));
        assert_eq!(get("number_pagers"), Value::from(3));
        assert_eq!(get("previous"), Value::from("https://x.org/news/"));
        assert_eq!(get("next"), Value::from("https://x.org/news/page/3/"));
        assert_eq!(get("last"), Value::from("https://x.org/news/page/3/"));
        assert_eq!(get("base_url"), Value::from("https://x.org/news/page/"));
        assert_eq!(
            get("pages"),
            Value::from(vec![Value::from(2), Value::from(3)])
        );
        let last = p.value(2, &|i| Value::from(i));
        assert!(last.get_from_path("next").is_some_and(Value::is_none));
    }

    #[test]
    fn an_empty_listing_has_one_pager_and_no_paginate_path_numbers_the_folder() {
        assert_eq!(paging(0, 3, "page").count(), 1);
        let p = paging(7, 3, "");
        assert_eq!(p.path(1), "/news/2/");
        assert_eq!(p.later_permalinks().collect::<Vec<_>>().len(), 2);
    }
}
