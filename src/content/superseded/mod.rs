//! Statutory guidance that has been replaced (Working Together 2018 and 2015, earlier
//! editions of Keeping Children Safe in Education): a data file shipped with safesite
//! (`guidance.toml`, beside this module) that `check` and `build` compare each external
//! link with, offline, to say which edition to link to instead.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

/// One replaced document, as the data file describes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    pattern: String,
    unless: Option<String>,
    replaced_by: String,
    link: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    superseded: Vec<Entry>,
}

/// A replaced document a link leads to, and what replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    /// What the link leads to (`Working Together to Safeguard Children 2018`).
    pub name: String,
    /// What replaced it.
    pub replaced_by: String,
    /// Where the replacement is.
    pub link: String,
}

/// The data file, compiled once.
static LIST: LazyLock<Vec<(Regex, Option<Regex>, Superseded)>> = LazyLock::new(|| {
    let file: File = toml::from_str(include_str!("guidance.toml")).unwrap_or(File {
        superseded: Vec::new(),
    });
    file.superseded
        .into_iter()
        .filter_map(|e| {
            let pattern = Regex::new(&e.pattern).ok()?;
            let unless = match &e.unless {
                Some(u) => Some(Regex::new(u).ok()?),
                None => None,
            };
            Some((
                pattern,
                unless,
                Superseded {
                    name: e.name,
                    replaced_by: e.replaced_by,
                    link: e.link,
                },
            ))
        })
        .collect()
});

/// The replaced guidance `url` leads to, if it leads to any the data file knows.
pub fn superseded(url: &str) -> Option<&'static Superseded> {
    let normal = url
        .to_lowercase()
        .replace("%20", "_")
        .replace(['-', '+'], "_");
    let normal = normal.split(['?', '#']).next().unwrap_or(&normal);
    LIST.iter()
        .find(|(pattern, unless, _)| {
            pattern.is_match(normal) && !unless.as_ref().is_some_and(|u| u.is_match(normal))
        })
        .map(|(_, _, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_every_pattern_compiles() {
        let file: File = toml::from_str(include_str!("guidance.toml")).expect("guidance.toml");
        assert_eq!(LIST.len(), file.superseded.len());
    }

    #[test]
    fn old_editions_match_and_current_ones_do_not() {
        let wt2018 = "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/942454/Working_together_to_safeguard_children_inter_agency_guidance.pdf";
        assert_eq!(
            superseded(wt2018).map(|s| s.replaced_by.as_str()),
            Some("Working Together to Safeguard Children 2023")
        );
        let wt2015 = "https://assets.publishing.service.gov.uk/media/5a80/Working-Together-to-Safeguard-Children.PDF";
        assert!(superseded(wt2015).is_some());
        let wt2023 = "https://assets.publishing.service.gov.uk/media/657c/Working_together_to_safeguard_children_2023_-_statutory_guidance.pdf";
        assert_eq!(superseded(wt2023), None);
        let page =
            "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2";
        assert_eq!(superseded(page), None);
        let kcsie = "https://assets.publishing.service.gov.uk/media/x/Keeping_children_safe_in_education_2022.pdf";
        assert!(superseded(kcsie).is_some());
        let kcsie_now = "https://assets.publishing.service.gov.uk/media/x/Keeping_children_safe_in_education_2025.pdf";
        assert_eq!(superseded(kcsie_now), None);
        assert!(
            superseded("https://www.workingtogetheronline.co.uk/chapters/contents.html").is_some()
        );
        assert_eq!(superseded("https://www.nspcc.org.uk/"), None);
    }
}
