//! The front matter of a kind: the common page fields and the kind's own in one strict
//! table, so serde reports an unknown or missing field of either with its span.

/// Declares a kind's type and its front matter: `kind! { Name / NameFrontMatter { pub
/// field: Type, pub list: Vec<T> = default, … } }` makes `Name` (the kind's own fields)
/// and `NameFrontMatter` (those with every common page field), and splits one into the
/// other. `= default` is a field that may be left out (serde's `default`).
macro_rules! kind {
    ($(#[$doc:meta])* $data:ident / $fm:ident {
        $( $(#[doc = $fdoc:expr])* pub $field:ident : $ty:ty $(= $default:ident)? ),* $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $data {
            $( $(#[doc = $fdoc])* pub $field: $ty, )*
        }

        /// The front matter of this kind: common page fields plus the kind's own.
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $fm {
            #[allow(dead_code)]
            kind: String,
            title: Option<String>,
            description: Option<String>,
            date: Option<crate::content::date::DateValue>,
            updated: Option<crate::content::date::DateValue>,
            #[serde(default)]
            draft: bool,
            slug: Option<String>,
            path: Option<String>,
            #[serde(default)]
            aliases: Vec<String>,
            template: Option<String>,
            weight: Option<i64>,
            #[serde(default)]
            authors: Vec<String>,
            #[serde(default)]
            downloads: Vec<crate::content::frontmatter::DownloadRef>,
            #[serde(default)]
            taxonomies: crate::content::frontmatter::Taxonomies,
            render: Option<bool>,
            in_search_index: Option<bool>,
            review_by: Option<crate::content::date::DateValue>,
            #[serde(default)]
            changes: Vec<crate::content::record::Change>,
            #[serde(default)]
            versions: Vec<crate::content::record::Version>,
            publish_from: Option<crate::content::date::DateValue>,
            #[serde(default)]
            anonymised: bool,
            #[serde(default)]
            extra: toml::Table,
            $( $(#[serde($default)])? $field: $ty, )*
        }

        impl From<$fm> for (crate::content::frontmatter::PageFrontMatter, $data) {
            /// Separates the common page fields from the kind's own.
            fn from(fm: $fm) -> Self {
                let page = crate::content::frontmatter::PageFrontMatter {
                    title: fm.title,
                    description: fm.description,
                    date: fm.date,
                    updated: fm.updated,
                    draft: fm.draft,
                    slug: fm.slug,
                    path: fm.path,
                    aliases: fm.aliases,
                    template: fm.template,
                    weight: fm.weight,
                    authors: fm.authors,
                    downloads: fm.downloads,
                    pdf: None,
                    taxonomies: fm.taxonomies,
                    render: fm.render,
                    in_search_index: fm.in_search_index,
                    review_by: fm.review_by,
                    changes: fm.changes,
                    versions: fm.versions,
                    publish_from: fm.publish_from,
                    anonymised: fm.anonymised,
                    extra: fm.extra,
                };
                (page, $data { $( $field: fm.$field, )* })
            }
        }
    };
}
pub(crate) use kind;
